//! `folio statement`.

use crate::book::Book;
use crate::cli::settings::{ReportArgs, parse_date_arg, today, usage};
use crate::error::Result;
use crate::journal::Side;
use crate::money::format_amount;
use crate::output::{self, Cell, Column, Format, Style, Tabular, json};
use crate::report::aging::{AgingDetail, AgingItem, AgingReport, AgingRow, Buckets};
use crate::report::statement::{self, CurrencyStatement, Statement, StatementLine};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use std::io::Write;

/// Arguments of `folio statement`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The closing balance equals `folio balance --as-of TO` for the contact.\n\nExamples:\n  folio --book examples/demo statement brasserie-du-sablon --from 2026-01-01 --to 2026-11-25\n  folio --book examples/demo statement brasserie-du-sablon --format json"
)]
pub struct Args {
    /// The contact.
    #[arg(value_name = "CONTACT")]
    contact: String,
    /// First day of the period (default: from the first entry; the opening balance is then 0).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    from: Option<NaiveDate>,
    /// Last day of the period (default: --as-of, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    to: Option<NaiveDate>,
    /// The supplier's statement: bills, payouts and debit notes.
    #[arg(long)]
    payables: bool,
    /// The statement as a letter, through the `statement` template in the contact's language.
    #[arg(long)]
    letter: bool,
    /// With --letter: write it into DIR, as an .eml (contact with e-mail) or a .txt letter.
    #[arg(long, value_name = "DIR", requires = "letter")]
    write: Option<std::path::PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
}

/// Prints the statement of account.
pub fn run(args: &Args, book: &Book, style: Style, out: &mut dyn Write) -> Result<()> {
    let contact = book.require_contact(&args.contact)?;
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
    let statement = statement::statement(book, contact, side, args.from, to, &buckets);
    if args.letter {
        let explicit = args.to.or(args.report.as_of).is_some();
        let dir = args.write.as_deref();
        return super::remind::statement_letter(book, contact, &statement, dir, explicit, out);
    }
    let style = args.report.style(style);
    match args.report.format() {
        Format::Json => json::write_value(&to_json(&statement), out)?,
        Format::Csv => output::render(&CsvView(&statement), Format::Csv, style, out)?,
        Format::Table => write_table(&statement, style, out)?,
    }
    Ok(())
}

fn write_table(statement: &Statement, style: Style, out: &mut dyn Write) -> Result<()> {
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
    for section in &statement.currencies {
        writeln!(out, "\n{}", section.currency)?;
        output::render(&LinesView(section), Format::Table, style, out)?;
        if section.open_items.is_empty() {
            writeln!(out, "\nNothing open as of {}.", statement.to)?;
        } else {
            writeln!(out, "\nOpen items as of {}:", statement.to)?;
            let aged = AgingReport {
                buckets: statement.buckets.clone(),
                rows: vec![section.aging.clone()],
                totals: Vec::new(),
                items: section.open_items.clone(),
            };
            output::render(&OpenItemsView(&aged), Format::Table, style, out)?;
            writeln!(out)?;
            output::render(&aged, Format::Table, style, out)?;
        }
    }
    Ok(())
}

/// Opening row, entry rows, closing row.
struct LinesView<'a>(&'a CurrencyStatement);

fn line_columns() -> Vec<Column> {
    vec![
        Column::text("date"),
        Column::text("kind"),
        Column::text("document"),
        Column::text("due"),
        Column::text("ref"),
        Column::text("memo"),
        Column::amount("debit"),
        Column::amount("credit"),
        Column::amount("balance"),
    ]
}

fn balance_row(label: &str, amount: rust_decimal::Decimal) -> Vec<Cell> {
    let mut row = vec![Cell::Null, Cell::Text(label.into())];
    row.extend([
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Amount(amount),
    ]);
    row
}

fn line_cells(line: &StatementLine) -> Vec<Cell> {
    let amount_or_blank = |a: rust_decimal::Decimal| {
        if a.is_zero() {
            Cell::Null
        } else {
            Cell::Amount(a)
        }
    };
    vec![
        Cell::Date(line.date),
        Cell::Text(line.kind.as_str().into()),
        Cell::Text(line.document.clone()),
        line.due.map_or(Cell::Null, Cell::Date),
        line.reference.clone().into(),
        line.memo.clone().into(),
        amount_or_blank(line.debit),
        amount_or_blank(line.credit),
        Cell::Amount(line.balance),
    ]
}

impl Tabular for LinesView<'_> {
    fn columns(&self) -> Vec<Column> {
        line_columns()
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        let mut rows = vec![balance_row("opening", self.0.opening)];
        rows.extend(self.0.lines.iter().map(line_cells));
        rows
    }

    fn totals(&self) -> Vec<Vec<Cell>> {
        vec![balance_row("closing", self.0.closing)]
    }
}

/// Open items at `to`, without the contact columns.
struct OpenItemsView<'a>(&'a AgingReport);

impl Tabular for OpenItemsView<'_> {
    fn columns(&self) -> Vec<Column> {
        AgingDetail(self.0).columns().into_iter().skip(3).collect()
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        AgingDetail(self.0)
            .rows()
            .into_iter()
            .map(|row| row.into_iter().skip(3).collect())
            .collect()
    }
}

/// CSV: one record per line of every currency, with opening and closing records.
struct CsvView<'a>(&'a Statement);

impl Tabular for CsvView<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::text("currency")];
        columns.extend(line_columns());
        columns
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        let mut rows = Vec::new();
        for section in &self.0.currencies {
            let currency = Cell::Text(section.currency.to_string());
            let mut push = |cells: Vec<Cell>| {
                let mut row = vec![currency.clone()];
                row.extend(cells);
                rows.push(row);
            };
            push(balance_row("opening", section.opening));
            for line in &section.lines {
                push(line_cells(line));
            }
            push(balance_row("closing", section.closing));
        }
        rows
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

fn open_item_json(item: &AgingItem) -> Value {
    json!({
        "document": item.document,
        "kind": item.kind.as_str(),
        "date": item.date.to_string(),
        "due": item.due.to_string(),
        "days_past_due": item.days_past_due,
        "amount": format_amount(item.amount),
        "open": format_amount(item.open),
        "bucket": item.bucket,
    })
}

fn to_json(statement: &Statement) -> Value {
    let currencies: Vec<Value> = statement
        .currencies
        .iter()
        .map(|section| {
            let lines: Vec<Value> = section
                .lines
                .iter()
                .map(|line| {
                    json!({
                        "date": line.date.to_string(),
                        "kind": line.kind.as_str(),
                        "document": line.document,
                        "due": date_or_null(line.due),
                        "ref": line.reference,
                        "memo": line.memo,
                        "debit": format_amount(line.debit),
                        "credit": format_amount(line.credit),
                        "balance": format_amount(line.balance),
                    })
                })
                .collect();
            json!({
                "currency": section.currency.as_str(),
                "opening": format_amount(section.opening),
                "lines": lines,
                "closing": format_amount(section.closing),
                "aging": aging_json(&section.aging, &statement.buckets),
                "open_items": section.open_items.iter().map(open_item_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "contact": statement.contact,
        "name": statement.name,
        "side": statement.side,
        "from": date_or_null(statement.from),
        "to": statement.to.to_string(),
        "currencies": currencies,
    })
}
