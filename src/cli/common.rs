//! What several commands share: the lock and `--meta` options, appending an entry with its
//! warnings, the analytics window, notes under a report, and rules files' errors. Command files
//! under `cmd/` use this module, never each other.

use crate::book::lock::{BookLock, DEFAULT_TIMEOUT_SECS, parse_timeout};
use crate::book::{Book, Location};
use crate::error::{Error, Result};
use crate::journal::Kind;
use crate::ledger::revenue::{Revenue, RevenueBasis};
use crate::output::Format;
use crate::record::{self, Prepared};
use crate::report::metrics::{Settings, Window};
use std::io::Write;
use std::time::Duration;

/// `--lock-timeout`, shared by every command that writes.
#[derive(Debug, Clone, clap::Args)]
pub struct LockArgs {
    /// How long to wait for another folio process writing to the book (exit 75 after that).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = parse_seconds)]
    pub lock_timeout: f64,
}

fn parse_seconds(text: &str) -> std::result::Result<f64, String> {
    parse_timeout(text).map(|d| d.as_secs_f64())
}

impl LockArgs {
    /// Takes the book's lock for `what` (e.g. `folio invoice`).
    pub fn acquire(&self, location: &Location, what: &str) -> Result<BookLock> {
        BookLock::acquire(
            &location.root,
            Duration::from_secs_f64(self.lock_timeout),
            what,
        )
    }
}

/// What each invoice and credit note of `book` counts for as revenue under its `[analytics]
/// revenue`, with what the documents' lines sold (for the names on products): the documents'
/// VAT is read only for the net basis. Built once per command and handed to every report that
/// counts revenue.
pub fn revenue(book: &Book) -> Result<Revenue> {
    // One reading of the documents gives their VAT (net revenue) and their lines (products).
    match Settings::of(book).revenue {
        RevenueBasis::Gross => {
            let sales = crate::document::product_sales(book)?;
            Ok(Revenue::gross().with_sales(sales))
        }
        basis => {
            let (documents, sales) = crate::document::vats_and_sales(book, true)?;
            Ok(Revenue::build(book, &documents, basis).with_sales(sales))
        }
    }
}

/// Parses `key=value` (or `key:value`) for `--meta`.
pub fn parse_meta(text: &str) -> std::result::Result<(String, String), String> {
    let (key, value) = text
        .split_once(['=', ':'])
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE, e.g. po=4711"))?;
    crate::journal::parser::check_meta(key, value)?;
    Ok((key.to_string(), value.to_string()))
}

/// The subcommand that records `kind`.
pub fn command_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Credit => "credit-note",
        Kind::Debit => "debit-note",
        other => other.as_str(),
    }
}

/// Prints the entry's warnings, then appends its line (the caller holds the lock).
pub fn append(book: &Book, prepared: &Prepared) -> Result<()> {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for warning in &prepared.warnings {
        writeln!(err, "folio: warning: {warning}")?;
    }
    drop(err);
    record::append(book, prepared)
}

/// The credit check of a new entry under `policy` ([`record::credit::judge`]): a refusal is an
/// error (exit 1); an overridden one is printed as a warning and recorded on the entry.
pub fn judge_credit(
    book: &Book,
    new: &mut record::NewEntry,
    policy: &record::credit::CreditPolicy,
) -> Result<()> {
    if let Some(warning) = record::credit::judge(book, new, policy)? {
        writeln!(std::io::stderr().lock(), "folio: warning: {warning}")?;
    }
    Ok(())
}

/// `--window`, shared by the analytics commands.
#[derive(Debug, Clone, clap::Args)]
pub struct WindowArg {
    /// Look back over `90d`, `12m` or `all` (default: `window` of `[analytics]`, else 365d).
    #[arg(long, value_name = "WINDOW", value_parser = Window::parse)]
    pub window: Option<Window>,
}

impl WindowArg {
    /// The window: the flag, else the book's default.
    pub fn window(&self, settings: &Settings) -> Window {
        self.window.unwrap_or(settings.window)
    }
}

/// Notes go under a table on stdout, wrapped to the width the table fits; with CSV and JSON,
/// stdout stays data and notes go to stderr.
pub fn write_notes(notes: &[String], format: Format, out: &mut dyn Write) -> Result<()> {
    if format == Format::Table {
        let width = crate::output::terminal::table_width();
        for note in notes {
            let text = crate::output::table::hanging(note, "note: ".len(), width);
            writeln!(out, "note: {text}")?;
        }
    } else {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for note in notes {
            writeln!(err, "note: {note}")?;
        }
    }
    Ok(())
}

/// A rules file problem: printed with its position, exit 65.
pub fn rules_error(error: Error) -> Error {
    match error {
        Error::InvalidBook(diagnostics) => {
            let _ =
                crate::output::diagnostic::write_all(&diagnostics, &mut std::io::stderr().lock());
            Error::InvalidData("the rules file is invalid".into())
        }
        other => other,
    }
}

/// Writes a report as [`crate::output::render`] does, or, with a target currency and a date
/// (`--convert` and the as-of date), with its money converted at the rates of that date and the
/// converted totals (docs/reports.md, "Totals in one currency"), then a note naming each rate.
pub fn render_converted(
    report: &dyn crate::tabular::Tabular,
    convert: Option<(crate::money::Currency, chrono::NaiveDate)>,
    totals: crate::report::convert::Totals<'_>,
    book: &Book,
    format: Format,
    style: crate::output::Style,
    out: &mut dyn Write,
) -> Result<()> {
    let Some((target, date)) = convert else {
        return crate::output::render(report, format, style, out);
    };
    let converted =
        crate::report::convert::Converted::new(report, &book.rates, target, date, totals)?
            .with_totals_in_rows(format != Format::Table);
    crate::output::render(&converted, format, style, out)?;
    let notes: Vec<String> = converted
        .rates_used()
        .map(|(from, rate)| rate_note(from, target, date, &rate))
        .collect();
    write_notes(&notes, format, out)
}

/// `USD converted to EUR at the rate for 2026-06-30: quote 2026-06-28 EUR USD 1.0843`.
pub fn rate_note(
    from: crate::money::Currency,
    target: crate::money::Currency,
    date: chrono::NaiveDate,
    rate: &crate::book::rates::Rate,
) -> String {
    format!(
        "{from} converted to {target} at the rate for {date}: {}",
        crate::report::convert::quotes_of(from, target, rate)
    )
}

/// Says on stderr what could not go with the messages of a run (a PDF that no installed font can
/// typeset): they still go without it, and the exit code does not change.
pub(crate) fn warn_outgoing(messages: &[crate::letters::outgoing::Outgoing]) {
    let stderr = std::io::stderr();
    for warning in messages.iter().flat_map(|message| &message.warnings) {
        let _ = writeln!(stderr.lock(), "folio: warning: {warning}");
    }
}

/// One side of `folio diff` or `folio log`: its files (kept while its book is in use) and its
/// book, `None` when that side holds no book. An invalid book stops with exit 65, naming the side
/// (`label`) and its first error.
pub(crate) fn load_version(
    repository: &crate::book::revision::Repository,
    version: &crate::book::revision::Version,
    label: &str,
) -> Result<(crate::book::revision::Snapshot, Option<Book>)> {
    let snapshot = repository.snapshot(version)?;
    let Some(location) = &snapshot.location else {
        return Ok((snapshot, None));
    };
    match crate::checks::load_valid(location) {
        Ok(book) => Ok((snapshot, Some(book))),
        Err(Error::InvalidBook(diagnostics)) => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let first = diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| {
                    let path = d.path.strip_prefix(&location.root).unwrap_or(&d.path);
                    format!(
                        ": first {}:{}:{}: {}",
                        path.display(),
                        d.line,
                        d.column,
                        d.message
                    )
                })
                .unwrap_or_default();
            Err(Error::InvalidData(format!(
                "the book {label} is invalid, {errors} error(s){first}; `folio check` on that version lists them all"
            )))
        }
        Err(other) => Err(other),
    }
}
/// The period of `folio close` and `folio reopen`: `PERIOD` (a month, quarter or year) or
/// `--to DATE`, either standing for the last day closed.
#[derive(Debug, Clone, clap::Args)]
pub struct PeriodArgs {
    /// The period, by its last day: a quarter (2026-Q3), a month (2026-09) or a year (2026).
    #[arg(value_name = "PERIOD", value_parser = parse_period_end, conflicts_with = "to")]
    pub period: Option<chrono::NaiveDate>,
    /// The last day of the period instead of PERIOD: 2026-09-30, or any form of `folio help dates`.
    #[arg(long, value_name = "DATE", value_parser = crate::cli::settings::parse_end_date, allow_hyphen_values = true)]
    pub to: Option<chrono::NaiveDate>,
}

impl PeriodArgs {
    /// The last day of the period; a usage error (exit 2) when neither form is given.
    pub fn through(&self) -> Result<chrono::NaiveDate> {
        self.period.or(self.to).ok_or_else(|| {
            Error::Usage("give the period (2026-Q3, 2026-09, 2026) or --to DATE".to_string())
        })
    }
}

/// Reads `2026-Q3`, `2026-09` or `2026` as its last day.
fn parse_period_end(text: &str) -> std::result::Result<chrono::NaiveDate, String> {
    crate::report::vat::Period::parse(&text.to_ascii_uppercase())
        .map(|period| period.to)
        .map_err(|message| match crate::journal::parser::parse_date(text) {
            Ok(_) => format!("`{text}` is a day, not a period: write --to {text}"),
            Err(_) => message,
        })
}
