//! Bank statements in any format folio reads, as one list of transactions.
//!
//! Each format has its own file and turns a statement's bytes into a [`ParsedStatement`]: the
//! same [`StatementLine`]s whatever the bank wrote, so that matching, `reconcile --show-parsed`
//! and `import` never look at a format again. A reader never guesses: a date, amount or
//! currency it cannot read is a [`crate::diagnostic::Diagnostic`] at the place in the file
//! (line and column; for XML the element's position), and a statement with any such problem is
//! refused whole by the caller.

pub mod camt;
pub mod coda;
pub mod mt940;
pub mod ofx;

use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The formats a statement can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Comma- (or semicolon-, tab-) separated values, with or without a rules file.
    Csv,
    /// A spreadsheet workbook: `.xlsx`, `.xls` or `.ods`.
    Spreadsheet,
    /// ISO 20022 bank-to-customer account report (camt.052, intraday).
    Camt052,
    /// ISO 20022 bank-to-customer statement (camt.053).
    Camt053,
    /// ISO 20022 debit/credit notification (camt.054).
    Camt054,
    /// The Belgian banks' CODA, version 2.
    Coda,
    /// SWIFT MT940 customer statement.
    Mt940,
    /// Open Financial Exchange, 1.x (SGML) or 2.x (XML).
    Ofx,
}

impl Format {
    /// The name `--input-format` takes and `--show-parsed` prints.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Spreadsheet => "spreadsheet",
            Format::Camt052 => "camt.052",
            Format::Camt053 => "camt.053",
            Format::Camt054 => "camt.054",
            Format::Coda => "coda",
            Format::Mt940 => "mt940",
            Format::Ofx => "ofx",
        }
    }
}

/// Where a transaction is in the file: 1-based line and column of its first character (the
/// record of a fixed-width format, the element of an XML one, the row of a CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

/// One transaction of a statement, as the bank gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// Where it starts in the file.
    pub place: Place,
    /// The booking date.
    pub date: NaiveDate,
    /// The value date, when the statement gives one.
    pub value_date: Option<NaiveDate>,
    /// Signed: positive for money in (a credit to the account), negative for money out.
    pub amount: Decimal,
    /// The transaction's currency, when the statement says (most formats give the account's).
    pub currency: Option<Currency>,
    /// The counterparty's name, as written (empty when the statement has none).
    pub counterparty: String,
    /// The counterparty's account, compact (no spaces, upper case): an IBAN when it is one.
    pub account: Option<String>,
    /// The free-text communication (remittance information), lines joined with a space.
    pub communication: String,
    /// A structured reference, compact: the Belgian structured communication (12 digits, as
    /// `+++123/4567/89002+++` without the signs and slashes) or an ISO 11649 creditor reference
    /// (`RF18539007547034`).
    pub structured: Option<String>,
    /// The bank's own id of the transaction (camt `AcctSvcrRef`, OFX `FITID`, MT940 bank
    /// reference, CODA sequence), when it has one. Not necessarily unique: the caller decides.
    pub bank_id: Option<String>,
}

/// A statement read: its transactions in the file's order, with what the file says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedStatement {
    /// The format it was read as.
    pub format: Format,
    /// The statement's own account (an IBAN, compact), when it names one.
    pub account: Option<String>,
    /// The account's currency, when the statement gives one: the currency of lines that give none.
    pub currency: Option<Currency>,
    /// The transactions.
    pub lines: Vec<StatementLine>,
    /// Things worth knowing that are not errors (an encoding guessed, a record type skipped).
    pub notes: Vec<String>,
}

pub mod csv;

use crate::diagnostic::Diagnostic;
use csv::rules::BankRules;
use std::path::Path;

impl Format {
    /// Every format, in the order `--input-format` lists them.
    pub const ALL: [Format; 8] = [
        Format::Csv,
        Format::Spreadsheet,
        Format::Camt052,
        Format::Camt053,
        Format::Camt054,
        Format::Coda,
        Format::Mt940,
        Format::Ofx,
    ];

    /// The format `--input-format` names: its [`Format::name`], case and a missing dot not
    /// minded (`CAMT053`, `camt.053`), `xlsx`, `xls` and `ods` for a spreadsheet.
    pub fn parse(name: &str) -> Result<Format, String> {
        let wanted = name.trim().to_ascii_lowercase().replace('.', "");
        if matches!(wanted.as_str(), "xlsx" | "xls" | "ods") {
            return Ok(Format::Spreadsheet);
        }
        Format::ALL
            .into_iter()
            .find(|f| f.name().replace('.', "") == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown input format `{name}`: expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// The format of a statement, from its first bytes: a spreadsheet by its magic bytes (a ZIP
/// archive for `.xlsx`/`.ods`, an OLE2 compound file for `.xls`); XML by its root's namespace
/// (`camt.052`/`053`/`054`) or an `<OFX>` root; OFX 1.x by its `OFXHEADER:` header; CODA by a
/// first record `0` of 128 characters; MT940 by its `:20:` tag; anything else is CSV.
pub fn detect(bytes: &[u8]) -> Format {
    if crate::input::spreadsheet::is_workbook(bytes) {
        return Format::Spreadsheet;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    if camt::looks_like(bytes) {
        return camt_message(text);
    }
    if ofx::looks_like(bytes) {
        return Format::Ofx;
    }
    if coda::looks_like(bytes) {
        return Format::Coda;
    }
    if mt940::looks_like(bytes) {
        return Format::Mt940;
    }
    Format::Csv
}

/// Text as it goes into a statement line: control characters and runs of white space become one
/// space, none at the ends.
pub(crate) fn one_line(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which camt message the head of a camt file is: by its namespace, else by its message element.
fn camt_message(head: &str) -> Format {
    let by_namespace = [
        ("camt.052", Format::Camt052),
        ("camt.053", Format::Camt053),
        ("camt.054", Format::Camt054),
    ]
    .into_iter()
    .find(|(marker, _)| head.contains(&format!("urn:iso:std:iso:20022:tech:xsd:{marker}")));
    match by_namespace {
        Some((_, format)) => format,
        None if head.contains("<BkToCstmrAcctRpt") => Format::Camt052,
        None if head.contains("<BkToCstmrDbtCdtNtfctn") => Format::Camt054,
        None => Format::Camt053,
    }
}

/// Reads a statement in the format `forced`, else the one [`detect`] finds, with `rules` for a
/// CSV. Every line's dates are then checked ([`check_dates`]): a statement with any problem is
/// refused whole, with every problem.
pub fn read(
    bytes: &[u8],
    shown: &Path,
    forced: Option<Format>,
    rules: &BankRules,
) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let format = forced.unwrap_or_else(|| detect(bytes));
    let statement = match format {
        Format::Csv => csv::read(bytes, shown, rules)?,
        Format::Spreadsheet => read_workbook(bytes, shown, rules)?,
        Format::Camt052 | Format::Camt053 | Format::Camt054 => camt::read(bytes, shown)?,
        Format::Ofx => ofx::read(bytes, shown)?,
        Format::Coda => coda::read(bytes, shown)?,
        Format::Mt940 => mt940::read(bytes, shown)?,
    };
    let problems = check_dates(&statement, shown);
    if problems.is_empty() {
        Ok(statement)
    } else {
        Err(problems)
    }
}

/// Reads the first sheet of a workbook as the CSV statement it would be saved as (the rules'
/// columns, signs and formats apply; their delimiter and encoding do not), every place moved to
/// its cell in the sheet.
fn read_workbook(
    bytes: &[u8],
    shown: &Path,
    rules: &BankRules,
) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let sheet = crate::input::spreadsheet::sheet_text(bytes, shown, None)?;
    let mut sheet_rules = rules.clone();
    sheet_rules.csv.delimiter = Some(',');
    sheet_rules.csv.encoding = Some(crate::input::csv::Encoding::Utf8);
    let to_cell = |line: u32, column: u32| sheet.cell_at(line, column.max(1));
    let mut statement =
        csv::read(sheet.text.as_bytes(), shown, &sheet_rules).map_err(|problems| {
            problems
                .into_iter()
                .map(|mut problem| {
                    if problem.line > 0 {
                        (problem.line, problem.column) = to_cell(problem.line, problem.column);
                        problem.excerpt = None;
                    }
                    problem
                })
                .collect::<Vec<_>>()
        })?;
    statement.format = Format::Spreadsheet;
    for line in &mut statement.lines {
        (line.place.line, line.place.column) = to_cell(line.place.line, line.place.column);
    }
    Ok(statement)
}

/// The first year a statement's date may have: nothing folio keeps is older, and a year before
/// it is a two-digit year misread.
pub const FIRST_YEAR: i32 = 1970;

/// How far after the statement's middle date (the median) a line's date may be: a date further
/// on is a misread year (`18` read as 2081, a typing mistake), not a transaction.
pub const MOST_DAYS_AHEAD: i64 = 366;

/// Dates no statement holds: before [`FIRST_YEAR`], or more than [`MOST_DAYS_AHEAD`] days after
/// the median booking date of the statement. One problem per line, at its place.
pub fn check_dates(statement: &ParsedStatement, shown: &Path) -> Vec<Diagnostic> {
    let mut dates: Vec<chrono::NaiveDate> = statement.lines.iter().map(|l| l.date).collect();
    dates.sort_unstable();
    let Some(&median) = dates.get(dates.len() / 2) else {
        return Vec::new();
    };
    let latest = median
        .checked_add_signed(chrono::TimeDelta::days(MOST_DAYS_AHEAD))
        .unwrap_or(chrono::NaiveDate::MAX);
    let mut problems = Vec::new();
    for line in &statement.lines {
        for (what, date) in [("booking", Some(line.date)), ("value", line.value_date)] {
            let Some(date) = date else { continue };
            let why = if chrono::Datelike::year(&date) < FIRST_YEAR {
                format!(
                    "the {what} date {date} is before {FIRST_YEAR}: a two-digit year misread? (set date_format in the rules)"
                )
            } else if date > latest {
                format!(
                    "the {what} date {date} is more than a year after the statement's other dates ({median}): a misread year?"
                )
            } else {
                continue;
            };
            problems.push(Diagnostic::error(
                shown,
                line.place.line,
                line.place.column,
                why,
            ));
        }
    }
    problems
}

/// The statements written for the readers' tests (tests/fixtures/statements/<format>/), each
/// held against the `.expected.json` beside it.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{ParsedStatement, StatementLine};
    use crate::diagnostic::Diagnostic;
    use std::path::{Path, PathBuf};

    /// Reads the test statement `format/name` with `read` and holds it against its expected file.
    pub(crate) fn check_fixture(
        format: &str,
        name: &str,
        read: fn(&[u8], &Path) -> Result<ParsedStatement, Vec<Diagnostic>>,
    ) {
        let (path, bytes) = fixture(&format!("{format}/{name}"));
        let parsed = read(&bytes, &path).unwrap_or_else(|errors| {
            panic!(
                "{name}: {}",
                errors.iter().map(|e| format!("{e}\n")).collect::<String>()
            )
        });
        assert_expected(&parsed, &path);
    }

    /// The path and bytes of `path`, relative to tests/fixtures/statements.
    pub(crate) fn fixture(path: &str) -> (PathBuf, Vec<u8>) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/statements")
            .join(path);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (path, bytes)
    }

    /// One line as the expected files write it: every field, the amount as written.
    fn shown(line: &StatementLine) -> serde_json::Value {
        serde_json::json!({
            "date": line.date.to_string(),
            "value_date": line.value_date.map(|d| d.to_string()),
            "amount": line.amount.to_string(),
            "currency": line.currency.map(|c| c.to_string()),
            "counterparty": line.counterparty,
            "account": line.account,
            "communication": line.communication,
            "structured": line.structured,
            "bank_id": line.bank_id,
        })
    }

    /// Holds `statement`, read from `path`, against `<stem>.expected.json` beside it: an array of
    /// lines, or an object with the statement's `account`, `currency` and `lines`; every field of
    /// every line, exactly, in the file's order.
    pub(crate) fn assert_expected(statement: &ParsedStatement, path: &Path) {
        let name = path.file_name().unwrap().to_string_lossy();
        let stem = name.rsplit_once('.').map_or(&*name, |(stem, _)| stem);
        let expected_path = path.with_file_name(format!("{stem}.expected.json"));
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&expected_path).unwrap()).unwrap();
        let lines = match expected.get("lines") {
            Some(lines) => {
                let text = |key: &str| expected[key].as_str().map(str::to_string);
                assert_eq!(statement.account, text("account"), "{name}: account");
                let currency = statement.currency.map(|c| c.to_string());
                assert_eq!(currency, text("currency"), "{name}: currency");
                lines.as_array().unwrap().clone()
            }
            None => expected.as_array().unwrap().clone(),
        };
        let read: Vec<serde_json::Value> = statement.lines.iter().map(shown).collect();
        assert_eq!(read.len(), lines.len(), "{name}: {read:#?}");
        for (index, (read, expected)) in read.iter().zip(&lines).enumerate() {
            assert_eq!(read, expected, "{name} line {}", index + 1);
        }
    }
}
