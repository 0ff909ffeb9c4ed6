//! `folio statement`.

use crate::book::Book;
use crate::book::lock::{self, BookLock};
use crate::book::sends::Channel;
use crate::book::statement_sends::{self, STATEMENTS_FILE, StatementSend};
use crate::cli::Context;
use crate::cli::settings::{ReportArgs, parse_end_date, parse_start_date, today, usage};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::letters::outgoing;
use crate::letters::outgoing::Outgoing;
use crate::money::format_amount;
use crate::output::{self, Format, Style, json};
use crate::report::aging::{
    AgedEntry, AgingItem, AgingReport, AgingRow, Buckets, detail_columns, item_cells,
};
use crate::report::remind::Delivery;
use crate::report::statement::{self, CurrencyStatement, Statement, StatementLine};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Arguments of `folio statement`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The closing balance equals `folio balance --as-of TO` for the contact.\n\n\
--all gives every customer (supplier with --payables) with a non-zero balance (above \
--min-balance; with an overdue item with --overdue-only) its statement: printed one after another \
(a JSON array), or with --letter printed, written (--write DIR) or e-mailed (--send) and recorded \
in statements.journal, once per contact and period: the month of --to (else --as-of, else today), \
or FROM..TO when --from or --to is given. A second run for the same period sends nothing. Each \
e-mail carries the letter as a PDF; a .txt letter gets its PDF beside it. CONTACT --pdf FILE \
writes the letter as a PDF.\n\n\
Exit codes: 0 ok (also when nothing is to send), 2 usage, 65 invalid book or template, 66 no \
book or unknown contact, 74 a statement could not be written or sent (it is not recorded and \
goes on the next run), 75 the book is locked.\n\n\
Examples:\n  folio --book examples/demo statement brasserie-du-sablon --from 2026-01-01 --to 2026-11-25\n  \
folio --book examples/demo statement brasserie-du-sablon --format json\n  \
folio --book examples/demo statement --all --overdue-only --as-of 2026-11-25 --letter --write outbox"
)]
pub struct Args {
    /// The contact (or --all).
    #[arg(
        value_name = "CONTACT",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    contact: Option<String>,
    /// Every customer (supplier with --payables) with a balance: one statement each.
    #[arg(long)]
    all: bool,
    /// With --all: only contacts with a balance above AMOUNT in a currency (default: any
    /// non-zero balance).
    #[arg(
        long,
        value_name = "AMOUNT",
        value_parser = parse_min_balance,
        allow_hyphen_values = true,
        requires = "all",
        conflicts_with = "contact"
    )]
    min_balance: Option<Decimal>,
    /// With --all: only contacts with an item past due.
    #[arg(long, requires = "all", conflicts_with = "contact")]
    overdue_only: bool,
    /// First day of the period (default: from the first entry; the opening balance is then 0).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// Last day of the period (default: --as-of, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
    /// The supplier's statement: bills, payouts and debit notes.
    #[arg(long)]
    payables: bool,
    /// The statement as a letter, through the `statement` template in the contact's language.
    #[arg(long)]
    letter: bool,
    /// With --letter: write it into DIR, as an .eml (contact with e-mail, the letter attached as
    /// a PDF) or a .txt letter and its PDF.
    #[arg(long, value_name = "DIR", requires = "letter")]
    write: Option<std::path::PathBuf>,
    /// Write the statement letter (the `statement` template, as --letter prints it) as a PDF
    /// into FILE; --letter is implied.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["all", "write"])]
    pdf: Option<std::path::PathBuf>,
    /// With --all --letter: pipe each e-mail to `[dunning] send_command` and record it.
    #[arg(
        long,
        requires = "letter",
        requires = "all",
        conflicts_with = "contact"
    )]
    send: bool,
    /// Seconds to wait for the book's lock when recording (--all with --write or --send).
    #[arg(long, value_name = "SECONDS", value_parser = lock::parse_timeout, default_value = "10")]
    lock_timeout: Duration,
    #[command(flatten)]
    report: ReportArgs,
}

fn parse_min_balance(text: &str) -> std::result::Result<Decimal, String> {
    crate::money::parse_decimal(text)
        .filter(|amount| !amount.is_sign_negative())
        .ok_or_else(|| format!("invalid amount `{text}`: expected an amount such as 100.00"))
}

/// Prints the statement of account.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let to = args.to.or(args.report.as_of).unwrap_or_else(today);
    if let Some(from) = args.from
        && from > to
    {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let side = if args.payables {
        Side::Payables
    } else {
        Side::Receivables
    };
    let buckets = Buckets::new(&book.config.aging.buckets);
    let Some(contact) = &args.contact else {
        return run_all(args, (book, style), side, to, &buckets, out);
    };
    let contact = book.require_contact(contact)?;
    let statement = statement::statement(book, contact, side, args.from, to, &buckets);
    statement.rates()?;
    if let Some(file) = &args.pdf {
        let bytes = outgoing::statement_pdf(book, contact, statement)?;
        crate::fsio::write_atomic(file, &bytes)?;
        writeln!(out, "wrote {}", file.display())?;
        return Ok(());
    }
    if args.letter {
        let explicit = args.to.or(args.report.as_of).is_some();
        let dir = args.write.as_deref();
        return statement_letter(book, contact, statement, dir, explicit, out);
    }
    let style = args.report.style(style);
    match args.report.format() {
        Format::Json => json::write_value(
            &StatementJson {
                statement: &statement,
                book,
            },
            out,
        )?,
        Format::Csv => output::render(
            &CsvView {
                statement: &statement,
                book,
            },
            Format::Csv,
            style,
            out,
        )?,
        Format::Table => write_table(&statement, book, style, out)?,
    }
    Ok(())
}

fn write_table(
    statement: &Statement,
    book: &Book,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let side = match statement.side {
        Side::Receivables => "receivables",
        Side::Payables => "payables",
    };
    writeln!(
        out,
        "Statement of account: {} ({})",
        crate::text::visible(&statement.name),
        statement.contact
    )?;
    match statement.from {
        Some(from) => writeln!(out, "{side}, {from} to {}", statement.to)?,
        None => writeln!(out, "{side}, all entries to {}", statement.to)?,
    }
    if statement.currencies.is_empty() {
        writeln!(out, "\nNo entries.")?;
    }
    // `--columns` picks the columns of the entries; the open items and their aging stay whole.
    let whole = Style {
        columns: None,
        ..style
    };
    for section in &statement.currencies {
        writeln!(out, "\n{}", section.currency)?;
        let lines = LinesView {
            section,
            statement,
            book,
        };
        output::render(&lines, Format::Table, style, out)?;
        if section.open_items.is_empty() {
            writeln!(out, "\nNothing open as of {}.", statement.to)?;
        } else {
            writeln!(out, "\nOpen items as of {}:", statement.to)?;
            let open_items = OpenItemsView {
                items: &section.open_items,
                buckets: &statement.buckets,
                book,
            };
            output::render(&open_items, Format::Table, whole, out)?;
            writeln!(out)?;
            let aged = AgingReport {
                buckets: statement.buckets.clone(),
                rows: vec![section.aging.clone()],
                totals: Vec::new(),
                items: Vec::new(),
            };
            output::render(&aged, Format::Table, whole, out)?;
        }
    }
    Ok(())
}

/// Opening row, entry rows, closing row.
struct LinesView<'a> {
    section: &'a CurrencyStatement,
    statement: &'a Statement,
    book: &'a Book,
}

/// The columns of the lines; with `settlements`, what was paid and the exchange difference of
/// payments in another currency too.
fn line_columns(settlements: bool) -> Vec<Column> {
    let mut columns = vec![
        Column::text("date"),
        Column::text("kind"),
        Column::text("document"),
        Column::text("due").priority(3),
        Column::text("ref").priority(2),
        Column::prose("memo").priority(1),
        Column::amount("debit"),
        Column::amount("credit"),
        Column::amount("balance"),
    ];
    if settlements {
        columns.extend([
            Column::amount("paid"),
            Column::text("paid_currency"),
            Column::amount("exchange_difference"),
        ]);
    }
    columns
}

fn balance_row(label: &str, amount: rust_decimal::Decimal, settlements: bool) -> Vec<Cell<'_>> {
    let mut row = vec![Cell::Null, Cell::from(label)];
    row.extend([
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Amount(amount),
    ]);
    if settlements {
        row.extend([Cell::Null, Cell::Null, Cell::Null]);
    }
    row
}

/// The cells of a line; with `settlements`, the columns of payments in another currency too.
fn line_cells<'a>(line: &StatementLine<'a>, settlements: bool) -> Vec<Cell<'a>> {
    let amount_or_blank = |a: rust_decimal::Decimal| {
        if a.is_zero() {
            Cell::Null
        } else {
            Cell::Amount(a)
        }
    };
    let mut cells = vec![
        Cell::Date(line.date),
        Cell::from(line.kind.as_str()),
        Cell::from(line.document),
        line.due.map_or(Cell::Null, Cell::Date),
        line.reference.into(),
        line.memo.into(),
        amount_or_blank(line.debit),
        amount_or_blank(line.credit),
        Cell::Amount(line.balance),
    ];
    if settlements {
        cells.extend(match line.paid {
            Some((paid, currency)) => [
                Cell::Amount(paid),
                Cell::from(currency.to_string()),
                line.exchange_difference.map_or(Cell::Null, Cell::Amount),
            ],
            None => [Cell::Null, Cell::Null, Cell::Null],
        });
    }
    cells
}

/// Row `index` of a section: the opening balance, then its lines (the closing balance is the
/// total row of the table and the last record of the CSV).
fn section_row<'a>(
    section: &'a CurrencyStatement,
    statement: &Statement,
    book: &'a Book,
    index: usize,
) -> Vec<Cell<'a>> {
    let settlements = statement.has_settlements();
    match index.checked_sub(1) {
        None => balance_row("opening", section.opening, settlements),
        Some(line) => match section.lines.get(line) {
            Some(entry) => line_cells(&entry.line(book), settlements),
            None => balance_row("closing", section.closing, settlements),
        },
    }
}

impl Tabular for LinesView<'_> {
    fn columns(&self) -> Vec<Column> {
        line_columns(self.statement.has_settlements())
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(1 + self.section.lines.len(), |index| {
            section_row(self.section, self.statement, self.book, index)
        })
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        let settlements = self.statement.has_settlements();
        vec![balance_row("closing", self.section.closing, settlements)]
    }
}

/// Open items at `to`, without the contact columns.
struct OpenItemsView<'a> {
    items: &'a [AgedEntry],
    buckets: &'a Buckets,
    book: &'a Book,
}

/// The contact, name and currency columns the aging detail starts with.
const CONTACT_COLUMNS: usize = 3;

impl Tabular for OpenItemsView<'_> {
    fn columns(&self) -> Vec<Column> {
        detail_columns().split_off(CONTACT_COLUMNS)
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(self.items.len(), |index| {
            item_cells(&self.items[index].item(self.book, self.buckets)).split_off(CONTACT_COLUMNS)
        })
    }
}

/// CSV: one record per line of every currency, with opening and closing records.
struct CsvView<'a> {
    statement: &'a Statement,
    book: &'a Book,
}

impl Tabular for CsvView<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::text("currency")];
        columns.extend(line_columns(self.statement.has_settlements()));
        columns
    }

    fn rows(&self) -> Rows<'_> {
        let sections = &self.statement.currencies;
        // Where each section's records end: its opening and closing records around its lines.
        let ends: Vec<usize> = sections
            .iter()
            .scan(0, |end, section| {
                *end += section.lines.len() + 2;
                Some(*end)
            })
            .collect();
        Rows::on_demand(ends.last().copied().unwrap_or(0), move |index| {
            let at = ends.partition_point(|&end| end <= index);
            let start = at.checked_sub(1).map_or(0, |previous| ends[previous]);
            let section = &sections[at];
            let mut row = vec![Cell::from(section.currency.to_string())];
            row.extend(section_row(
                section,
                self.statement,
                self.book,
                index - start,
            ));
            row
        })
    }
}

fn date_or_null(date: Option<NaiveDate>) -> Value {
    date.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// The aging row of a section as a JSON object keyed by bucket label.
pub fn aging_json(row: &AgingRow, buckets: &Buckets) -> Value {
    let mut map = Map::new();
    map.insert("current".into(), format_amount(row.current).into());
    for (label, amount) in buckets.labels().iter().zip(&row.buckets) {
        map.insert(label.clone(), format_amount(*amount).into());
    }
    map.insert("unapplied".into(), format_amount(row.unapplied).into());
    map.insert("total".into(), format_amount(row.total).into());
    Value::Object(map)
}

fn open_item_json(item: &AgingItem<'_>) -> Value {
    json!({
        "document": item.document,
        "kind": item.kind.as_str(),
        "date": item.date.to_string(),
        "due": item.due.to_string(),
        "days_past_due": item.days_past_due,
        "amount": format_amount(item.amount),
        "open": format_amount(item.open),
        "bucket": item.bucket,
        "disputed": item.disputed,
        "promised_until": item.promised_until.map(|d| d.to_string()),
    })
}

/// A line as JSON; a payment in another currency also says what was paid and its exchange
/// difference.
fn line_json(line: &StatementLine<'_>) -> Value {
    let mut value = json!({
        "date": line.date.to_string(),
        "kind": line.kind.as_str(),
        "document": line.document,
        "due": date_or_null(line.due),
        "ref": line.reference,
        "memo": line.memo,
        "debit": format_amount(line.debit),
        "credit": format_amount(line.credit),
        "balance": format_amount(line.balance),
    });
    if let (Some((paid, currency)), Value::Object(map)) = (line.paid, &mut value) {
        map.insert("paid".into(), format_amount(paid).into());
        map.insert("paid_currency".into(), currency.as_str().into());
        map.insert(
            "exchange_difference".into(),
            line.exchange_difference.map(format_amount).into(),
        );
    }
    value
}

/// The statement as JSON, each line made as it is written: a statement of a million lines is
/// never held as one JSON tree.
struct StatementJson<'a> {
    statement: &'a Statement,
    book: &'a Book,
}

impl Serialize for StatementJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let (statement, book) = (self.statement, self.book);
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("contact", &statement.contact)?;
        map.serialize_entry("name", &statement.name)?;
        map.serialize_entry("side", &statement.side)?;
        map.serialize_entry("from", &date_or_null(statement.from))?;
        map.serialize_entry("to", &statement.to.to_string())?;
        let sections = || {
            statement.currencies.iter().map(|section| SectionJson {
                section,
                buckets: &statement.buckets,
                book,
            })
        };
        map.serialize_entry("currencies", &json::Sequence(sections))?;
        map.end()
    }
}

/// One currency of [`StatementJson`].
struct SectionJson<'a> {
    section: &'a CurrencyStatement,
    buckets: &'a Buckets,
    book: &'a Book,
}

impl Serialize for SectionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let (section, book) = (self.section, self.book);
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("currency", section.currency.as_str())?;
        map.serialize_entry("opening", &format_amount(section.opening))?;
        let lines = || {
            section
                .lines
                .iter()
                .map(|entry| line_json(&entry.line(book)))
        };
        map.serialize_entry("lines", &json::Sequence(lines))?;
        map.serialize_entry("closing", &format_amount(section.closing))?;
        map.serialize_entry("aging", &aging_json(&section.aging, self.buckets))?;
        let open_items = || {
            section
                .open_items
                .iter()
                .map(|item| open_item_json(&item.item(book, self.buckets)))
        };
        map.serialize_entry("open_items", &json::Sequence(open_items))?;
        map.end()
    }
}

/// `folio statement CONTACT --letter [--write DIR]`: the statement through the `statement`
/// template, printed, or written as an .eml (contact with e-mail) or .txt letter (and its PDF)
/// into DIR.
fn statement_letter(
    book: &'static Book,
    contact: u32,
    statement: Statement,
    write: Option<&Path>,
    explicit: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(dir) = write else {
        let text = outgoing::statement_text(book, contact, statement)?;
        write!(crate::output::terminal::Visible::new(out), "{text}")?;
        return Ok(());
    };
    let message = outgoing::statement(book, contact, statement, explicit)?;
    crate::cli::common::warn_outgoing(std::slice::from_ref(&message));
    let path = outgoing::write(&message, dir)?;
    writeln!(out, "wrote {}", path.display())?;
    Ok(())
}

/// `folio statement --all`: the statement of every contact the selection keeps, printed one after
/// another, or as letters printed, written or sent.
fn run_all(
    args: &Args,
    (book, style): (&'static Book, Style),
    side: Side,
    to: NaiveDate,
    buckets: &Buckets,
    out: &mut dyn Write,
) -> Result<()> {
    let selection = statement::Selection {
        min_balance: args.min_balance,
        overdue_only: args.overdue_only,
    };
    let statements = statement::selected_statements(book, side, args.from, to, buckets, &selection);
    for (_, statement) in &statements {
        statement.rates()?;
    }
    if args.letter && (args.write.is_some() || args.send) {
        let given = args.from.is_some() || args.to.is_some();
        let period = statement_sends::period(args.from, to, given);
        return deliver_all(args, book, statements, (&period, to), out);
    }
    if args.letter {
        for (index, (contact, statement)) in statements.into_iter().enumerate() {
            if index > 0 {
                // A form feed: each letter starts on its own page when printed.
                writeln!(out, "\u{c}")?;
            }
            let text = outgoing::statement_text(book, contact, statement)?;
            write!(crate::output::terminal::Visible::new(out), "{text}")?;
        }
        return Ok(());
    }
    let style = args.report.style(style);
    print_all(&statements, book, args.report.format(), style, out)
}

/// The statements one after another: tables, a JSON array, or one CSV with a contact column.
fn print_all(
    statements: &[(u32, Statement)],
    book: &Book,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Json => {
            let all = || {
                statements
                    .iter()
                    .map(|(_, statement)| StatementJson { statement, book })
            };
            json::write_value(&json::Sequence(all), out)?;
        }
        Format::Csv => output::render(&AllCsvView { statements, book }, Format::Csv, style, out)?,
        Format::Table => {
            for (index, (_, statement)) in statements.iter().enumerate() {
                if index > 0 {
                    writeln!(out)?;
                }
                write_table(statement, book, style, out)?;
            }
        }
    }
    Ok(())
}

/// CSV of several statements: the contact, then the records of [`CsvView`]; the columns of
/// payments in another currency when any statement has one.
struct AllCsvView<'a> {
    statements: &'a [(u32, Statement)],
    book: &'a Book,
}

impl Tabular for AllCsvView<'_> {
    fn columns(&self) -> Vec<Column> {
        let settlements = self.statements.iter().any(|(_, s)| s.has_settlements());
        let mut columns = vec![Column::text("contact"), Column::text("currency")];
        columns.extend(line_columns(settlements));
        columns
    }

    fn rows(&self) -> Rows<'_> {
        let width = self.columns().len();
        let mut rows = Vec::new();
        for (_, statement) in self.statements {
            let view = CsvView {
                statement,
                book: self.book,
            };
            for row in view.rows().iter() {
                let mut cells = vec![Cell::from(statement.contact.clone())];
                cells.extend(row.iter().cloned().map(Cell::into_owned));
                cells.resize(width, Cell::Null);
                rows.push(cells);
            }
        }
        Rows::from(rows)
    }
}

/// `--all --letter --write DIR | --send`: builds every statement not yet recorded for `period`
/// before the first leaves, then writes or sends each and records it as soon as it has gone.
fn deliver_all(
    args: &Args,
    book: &'static Book,
    statements: Vec<(u32, Statement)>,
    (period, to): (&str, NaiveDate),
    out: &mut dyn Write,
) -> Result<()> {
    // Held from reading the statements journal to recording the last statement, so two runs at
    // once never send one statement twice.
    let _lock = BookLock::acquire(&book.root, args.lock_timeout, "folio statement")?;
    let (log, diagnostics) = statement_sends::read(&book.root)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    let side = if args.payables {
        Side::Payables
    } else {
        Side::Receivables
    };
    let selected = statements.len();
    let explicit = args.to.or(args.report.as_of).is_some();
    let mut messages = Vec::new();
    for (contact, statement) in statements {
        if !log.sent(&statement.contact, side, period) {
            messages.push(outgoing::statement(book, contact, statement, explicit)?);
        }
    }
    if messages.is_empty() {
        writeln!(
            out,
            "nothing to send for {period}: {selected} statement(s) selected, {} already recorded in {STATEMENTS_FILE}",
            selected
        )?;
        return Ok(());
    }
    crate::cli::common::warn_outgoing(&messages);
    let mut tally = Tally::default();
    for message in &messages {
        deliver_one(args, book, message, side, (period, to), &mut tally, out)?;
    }
    tally.finish(
        messages.len(),
        selected,
        &book.config.dunning.send_command,
        out,
    )
}

/// What happened to the statements of a run.
#[derive(Default)]
struct Tally {
    recorded: usize,
    skipped: usize,
    failed: usize,
}

impl Tally {
    /// The last line, and exit 74 when a statement could not be sent.
    fn finish(
        &self,
        built: usize,
        selected: usize,
        command: &[String],
        out: &mut dyn Write,
    ) -> Result<()> {
        let mut summary = format!(
            "{} statement(s) recorded in {STATEMENTS_FILE}",
            self.recorded
        );
        let already = selected - built;
        for (count, what) in [
            (already, "already sent"),
            (self.skipped, "skipped"),
            (self.failed, "failed"),
        ] {
            if count > 0 {
                summary.push_str(&format!(", {count} {what}"));
            }
        }
        writeln!(out, "{summary}")?;
        if self.failed == 0 {
            return Ok(());
        }
        Err(Error::io(
            command.first().cloned().unwrap_or_default(),
            std::io::Error::other(format!(
                "{} of {built} statement(s) could not be sent; they were not recorded and will be tried again on the next run",
                self.failed
            )),
        ))
    }
}

/// Writes and sends one statement, then records it; a send that fails is reported on stderr and
/// left unrecorded.
#[allow(clippy::too_many_arguments)]
fn deliver_one(
    args: &Args,
    book: &Book,
    message: &Outgoing,
    side: Side,
    (period, to): (&str, NaiveDate),
    tally: &mut Tally,
    out: &mut dyn Write,
) -> Result<()> {
    let mut channel = None;
    let mut written = None;
    if let Some(dir) = &args.write {
        written = Some(outgoing::write(message, dir)?);
        channel = Some(match message.delivery {
            Delivery::Email => Channel::Eml,
            Delivery::Letter => Channel::Letter,
        });
    }
    if args.send && message.delivery == Delivery::Email {
        if let Err(why) = outgoing::send(message, &book.config.dunning.send_command) {
            tally.failed += 1;
            let _ = writeln!(
                std::io::stderr().lock(),
                "folio: error: {}: not sent: {why}; not recorded, it will be tried again",
                message.contact
            );
            return Ok(());
        }
        channel = Some(Channel::Email);
    }
    let Some(channel) = channel else {
        tally.skipped += 1;
        writeln!(
            out,
            "skipped {}: no e-mail address; use --write DIR for a printable letter",
            message.contact
        )?;
        return Ok(());
    };
    let send = StatementSend {
        date: to,
        contact: message.contact.clone(),
        side,
        period: period.to_string(),
        channel,
        message_id: message.message_id.clone(),
    };
    statement_sends::append(&book.root, &send).inspect_err(|_| {
        let _ = writeln!(
            std::io::stderr().lock(),
            "folio: error: the statement to {} went out but could not be recorded in {STATEMENTS_FILE}",
            message.contact
        );
    })?;
    tally.recorded += 1;
    let what = match (channel, &written) {
        (Channel::Email, _) => format!("sent to {}", message.to.as_deref().unwrap_or("")),
        (_, Some(path)) => format!("wrote {}", path.display()),
        (_, None) => String::new(),
    };
    writeln!(out, "{}: {what} (statement {period})", message.contact)?;
    Ok(())
}
