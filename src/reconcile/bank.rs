//! Bank statements as CSV: the rules that describe a bank's export (`--rules bank.toml`), and the
//! statement read into [`BankLine`]s.
//!
//! ```toml
//! encoding = "windows-1252"   # default: UTF-8, else Windows-1252
//! delimiter = ";"             # default: detected
//! skip_lines = 0              # lines before the header
//! date_format = "%d/%m/%Y"    # default: detected (ISO first, then day-first formats)
//! decimal = ","               # default: detected
//! thousands = "."
//! currency = "EUR"            # when the file has no currency column (default: the book's)
//! sign = "negative-out"       # negative-out (default), negative-in, columns, indicator
//! credit_values = ["CRDT", "C"]  # with sign = "indicator": the words for money in ...
//! debit_values = ["DBIT", "D"]   # ... and out (these two are the defaults, with + and -)
//! [columns]
//! date = "Uitvoeringsdatum"
//! amount = "Bedrag"           # or credit = "..." and debit = "..." with sign = "columns"
//! currency = "Valuta rekening"
//! counterparty = "Naam van de tegenpartij"
//! iban = "Tegenpartij"
//! communication = ["Mededeling", "Details"]   # one column or several, joined
//! id = "Volgnummer"           # the bank's transaction id
//! indicator = "CdtDbtInd"     # with sign = "indicator"
//! ```
//!
//! Without rules (or for the columns the rules leave out), columns are found by their usual
//! names in English, Dutch, French and German.

use crate::input::csv::{self as reader, Encoding, Row, Table, header_key};
use crate::input::rules::{self, CsvSettings, RulesText, string_table};
use crate::input::values::{self, NumberStyle};
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;

/// How the sign of an amount is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Sign {
    /// Money in is positive, money out negative (most banks).
    #[default]
    NegativeOut,
    /// Money out is positive, money in negative.
    NegativeIn,
    /// A credit column for money in and a debit column for money out.
    Columns,
    /// A positive amount and a column saying credit or debit.
    Indicator {
        /// Words for money in.
        credit: Vec<String>,
        /// Words for money out.
        debit: Vec<String>,
    },
}

/// The columns of a statement, by header name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankColumns {
    /// Booking date.
    pub date: Option<String>,
    /// Signed (or unsigned, with an indicator) amount.
    pub amount: Option<String>,
    /// Money in, with `sign = "columns"`.
    pub credit: Option<String>,
    /// Money out, with `sign = "columns"`.
    pub debit: Option<String>,
    /// Credit or debit, with `sign = "indicator"`.
    pub indicator: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Counterparty name.
    pub counterparty: Option<String>,
    /// Counterparty account.
    pub iban: Option<String>,
    /// Free and structured communication, joined with a space.
    pub communication: Vec<String>,
    /// The bank's transaction id.
    pub id: Option<String>,
}

/// A bank's CSV export, described.
#[derive(Debug, Clone, Default)]
pub struct BankRules {
    /// Delimiter, encoding, dates, numbers.
    pub csv: CsvSettings,
    /// Column names.
    pub columns: BankColumns,
    /// The sign convention; `None`: an indicator column when there is one, credit and debit
    /// columns when there is no amount column, else negative-out.
    pub sign: Option<Sign>,
    /// The account's currency, when no column gives one.
    pub currency: Option<Currency>,
}

const COLUMN_KEYS: &[&str] = &[
    "date",
    "amount",
    "credit",
    "debit",
    "indicator",
    "currency",
    "counterparty",
    "iban",
    "communication",
    "id",
];

impl BankRules {
    /// Reads bank rules from a file.
    pub fn load(path: &Path, shown: &Path) -> crate::Result<BankRules> {
        let (text, table) = rules::read_rules(path, shown)?;
        BankRules::from_table(&text, &table)
            .map_err(|e| crate::Error::InvalidBook(vec![e.diagnostic]))
    }

    /// Reads bank rules from a parsed table.
    pub fn from_table(
        rules: &RulesText,
        table: &toml::Table,
    ) -> Result<BankRules, rules::RulesError> {
        let mut known: Vec<&str> = rules::CSV_KEYS.to_vec();
        known.extend([
            "columns",
            "sign",
            "currency",
            "credit_values",
            "debit_values",
        ]);
        rules.check_keys(table, "", &known)?;
        let csv = CsvSettings::read(rules, table)?;
        let mut columns = BankColumns::default();
        if let Some(toml::Value::Table(inner)) = table.get("columns") {
            rules.check_keys(inner, "columns", COLUMN_KEYS)?;
            if let Some(value) = inner.get("communication") {
                columns.communication = match value {
                    toml::Value::String(s) => vec![s.clone()],
                    toml::Value::Array(list) => list
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| {
                            rules.problem(
                                Some("columns.communication"),
                                "`communication` must be a column name or a list of them",
                            )
                        })?,
                    _ => {
                        return Err(rules.problem(
                            Some("columns.communication"),
                            "`communication` must be a column name or a list of them",
                        ));
                    }
                };
            }
            let mut rest = inner.clone();
            rest.remove("communication");
            let mut names = toml::Table::new();
            names.insert("columns".into(), toml::Value::Table(rest));
            let names = string_table(rules, &names, "columns")?;
            let get = |key: &str| names.get(key).cloned();
            columns.date = get("date");
            columns.amount = get("amount");
            columns.credit = get("credit");
            columns.debit = get("debit");
            columns.indicator = get("indicator");
            columns.currency = get("currency");
            columns.counterparty = get("counterparty");
            columns.iban = get("iban");
            columns.id = get("id");
        } else if table.contains_key("columns") {
            return Err(rules.problem(Some("columns"), "`columns` must be a table"));
        }
        let words = |key: &str, default: &[&str]| -> Result<Vec<String>, rules::RulesError> {
            match table.get(key) {
                None => Ok(default.iter().map(|s| s.to_string()).collect()),
                Some(toml::Value::Array(list)) => list
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        rules.problem(Some(key), format!("`{key}` must be a list of words"))
                    }),
                Some(_) => {
                    Err(rules.problem(Some(key), format!("`{key}` must be a list of words")))
                }
            }
        };
        let sign = match table.get("sign").map(|v| v.as_str()) {
            None => None,
            Some(Some("negative-out")) => Some(Sign::NegativeOut),
            Some(Some("negative-in")) => Some(Sign::NegativeIn),
            Some(Some("columns")) => Some(Sign::Columns),
            Some(Some("indicator")) => Some(Sign::Indicator {
                credit: words("credit_values", DEFAULT_CREDIT)?,
                debit: words("debit_values", DEFAULT_DEBIT)?,
            }),
            Some(other) => {
                let shown = other.unwrap_or("?");
                return Err(rules.problem(
                    Some("sign"),
                    format!(
                        "sign `{shown}`: expected \"negative-out\" (money out is negative), \"negative-in\", \"columns\" (credit and debit columns) or \"indicator\" (a credit/debit column)"
                    ),
                ));
            }
        };
        let currency = match table.get("currency") {
            None => None,
            Some(toml::Value::String(code)) => Some(Currency::parse(code).ok_or_else(|| {
                rules.problem(
                    Some("currency"),
                    format!("currency `{code}`: expected three upper-case letters, e.g. \"EUR\""),
                )
            })?),
            Some(_) => return Err(rules.problem(Some("currency"), "`currency` must be a string")),
        };
        Ok(BankRules {
            csv,
            columns,
            sign,
            currency,
        })
    }
}

const DEFAULT_CREDIT: &[&str] = &["CRDT", "C", "CR", "credit", "+"];
const DEFAULT_DEBIT: &[&str] = &["DBIT", "D", "DR", "debit", "-"];

/// Usual header names, compared without spaces, `_` and `-` (see [`header_key`]).
const USUAL: &[(&str, &[&str])] = &[
    (
        "date",
        &[
            "bookingdate",
            "date",
            "transactiondate",
            "entrydate",
            "uitvoeringsdatum",
            "boekingsdatum",
            "datum",
            "dateoperation",
            "datedoperation",
            "dateexecution",
            "datedexecution",
            "datecomptable",
            "buchungstag",
            "buchungsdatum",
            "valuedate",
            "valutadatum",
            "datevaleur",
        ],
    ),
    ("amount", &["amount", "bedrag", "montant", "betrag", "amt"]),
    (
        "credit",
        &["credit", "creditamount", "moneyin", "paidin", "haben"],
    ),
    (
        "debit",
        &["debit", "debitamount", "moneyout", "paidout", "soll"],
    ),
    (
        "indicator",
        &[
            "creditdebitindicator",
            "cdtdbtind",
            "debitcredit",
            "creditdebit",
            "dc",
            "cd",
        ],
    ),
    (
        "currency",
        &[
            "currency",
            "ccy",
            "munt",
            "valuta",
            "valutarekening",
            "devise",
            "devisecompte",
            "devisedecompte",
            "devisducompte",
            "waehrung",
            "wahrung",
        ],
    ),
    (
        "counterparty",
        &[
            "counterpartyname",
            "counterparty",
            "naamvandetegenpartij",
            "naamtegenpartij",
            "tegenpartijnaam",
            "nomdelacontrepartie",
            "nomcontrepartie",
            "contrepartie",
            "name",
            "naam",
            "nom",
            "payee",
            "beneficiary",
            "auftraggeberempfanger",
            "empfanger",
        ],
    ),
    (
        "iban",
        &[
            "counterpartyiban",
            "counterpartyaccount",
            "iban",
            "rekeningtegenpartij",
            "tegenpartij",
            "tegenrekening",
            "comptecontrepartie",
            "comptedelacontrepartie",
            "kontonummer",
        ],
    ),
    (
        "communication",
        &[
            "remittanceinformation",
            "communication",
            "structuredcommunication",
            "mededeling",
            "gestructureerdemededeling",
            "omschrijving",
            "description",
            "details",
            "libelle",
            "verwendungszweck",
            "message",
        ],
    ),
    (
        "id",
        &[
            "transactionid",
            "bankreference",
            "volgnummer",
            "numerodesequence",
            "sequence",
            "referencebancaire",
            "id",
        ],
    ),
];

fn squeeze(name: &str) -> String {
    header_key(name).replace(['_', '\''], "")
}

/// Where each field of a bank line is, in a table.
#[derive(Debug, Clone, Default)]
struct Found {
    date: Option<usize>,
    amount: Option<usize>,
    credit: Option<usize>,
    debit: Option<usize>,
    indicator: Option<usize>,
    currency: Option<usize>,
    counterparty: Option<usize>,
    iban: Option<usize>,
    communication: Vec<usize>,
    id: Option<usize>,
}

fn locate(table: &Table, columns: &BankColumns) -> Result<Found, String> {
    let names: Vec<String> = table
        .header
        .cells
        .iter()
        .map(|c| squeeze(&c.text))
        .collect();
    let mut taken = vec![false; names.len()];
    let by_rule = |name: &Option<String>, field: &str| -> Result<Option<usize>, String> {
        match name {
            None => Ok(None),
            Some(name) => table.column(name).map(Some).ok_or_else(|| {
                let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
                let near = crate::diagnostic::did_you_mean(name, header.iter().copied())
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_else(|| format!(" (the header has {})", header.join(", ")));
                format!("the rules name column `{name}` for {field}, which the statement does not have{near}")
            }),
        }
    };
    let mut found = Found {
        date: by_rule(&columns.date, "date")?,
        amount: by_rule(&columns.amount, "amount")?,
        credit: by_rule(&columns.credit, "credit")?,
        debit: by_rule(&columns.debit, "debit")?,
        indicator: by_rule(&columns.indicator, "indicator")?,
        currency: by_rule(&columns.currency, "currency")?,
        counterparty: by_rule(&columns.counterparty, "counterparty")?,
        iban: by_rule(&columns.iban, "iban")?,
        communication: Vec::new(),
        id: by_rule(&columns.id, "id")?,
    };
    for name in &columns.communication {
        if let Some(index) = by_rule(&Some(name.clone()), "communication")? {
            found.communication.push(index);
        }
    }
    for index in [
        found.date,
        found.amount,
        found.credit,
        found.debit,
        found.indicator,
        found.currency,
        found.counterparty,
        found.iban,
        found.id,
    ]
    .into_iter()
    .flatten()
    .chain(found.communication.iter().copied())
    {
        taken[index] = true;
    }
    // The usual names, for what the rules leave out; earlier names in each list win.
    for (field, usual) in USUAL {
        let slot: &mut Option<usize> = match *field {
            "date" => &mut found.date,
            "amount" => &mut found.amount,
            "credit" => &mut found.credit,
            "debit" => &mut found.debit,
            "indicator" => &mut found.indicator,
            "currency" => &mut found.currency,
            "counterparty" => &mut found.counterparty,
            "iban" => &mut found.iban,
            "id" => &mut found.id,
            _ => {
                if columns.communication.is_empty() {
                    for name in *usual {
                        if let Some(index) = names.iter().position(|n| n == name)
                            && !taken[index]
                        {
                            taken[index] = true;
                            found.communication.push(index);
                        }
                    }
                }
                continue;
            }
        };
        if slot.is_some() {
            continue;
        }
        for name in *usual {
            if let Some(index) = names.iter().position(|n| n == name)
                && !taken[index]
            {
                taken[index] = true;
                *slot = Some(index);
                break;
            }
        }
    }
    found.communication.sort_unstable();
    let header: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
    if found.date.is_none() {
        return Err(format!(
            "no date column in the statement (the header has {}); name it in the rules: [columns] date = \"...\"",
            header.join(", ")
        ));
    }
    if found.amount.is_none() && (found.credit.is_none() || found.debit.is_none()) {
        return Err(format!(
            "no amount column in the statement (the header has {}); name it in the rules: [columns] amount = \"...\" (or credit and debit)",
            header.join(", ")
        ));
    }
    Ok(found)
}

/// One line of a bank statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLine {
    /// The row number in the statement (the header is row 1).
    pub row: u32,
    /// The line in the file.
    pub line: u32,
    /// Booking date.
    pub date: NaiveDate,
    /// Signed amount: positive for money in, negative for money out.
    pub amount: Decimal,
    /// The currency, when the statement or the rules give one.
    pub currency: Option<Currency>,
    /// Counterparty name.
    pub counterparty: String,
    /// Counterparty account, compact (an IBAN when it is one).
    pub account: Option<String>,
    /// Communication: free text and structured communication.
    pub communication: String,
    /// The bank's transaction id, if the statement has one.
    pub transaction: Option<String>,
    /// What `bank:` records: the transaction id, else a hash of the line (see [`line_hash`]).
    pub bank_id: String,
}

/// A statement read: its lines, and notes (the encoding folio fell back to, ignored rows).
#[derive(Debug, Clone, Default)]
pub struct Statement {
    /// The lines, in file order.
    pub lines: Vec<BankLine>,
    /// Problems of rows that could not be read (errors).
    pub problems: Vec<crate::diagnostic::Diagnostic>,
    /// Things worth knowing (warnings).
    pub notes: Vec<String>,
}

/// FNV-1a, 64 bits: a stable hash that does not change between folio versions or machines.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The hash of a line without a transaction id: date, amount, currency, counterparty, account and
/// communication, as `h` and 16 hex digits; `occurrence` (1 for the first) tells apart identical
/// lines of one statement (`-2`, `-3`, ...).
pub fn line_hash(line: &BankLine, occurrence: usize) -> String {
    let key = format!(
        "{}|{}|{}|{}|{}|{}",
        line.date,
        line.amount.normalize(),
        line.currency.map(|c| c.to_string()).unwrap_or_default(),
        line.counterparty.trim(),
        line.account.as_deref().unwrap_or(""),
        line.communication.trim()
    );
    let hash = format!("h{:016x}", fnv1a(key.as_bytes()));
    if occurrence > 1 {
        format!("{hash}-{occurrence}")
    } else {
        hash
    }
}

/// A transaction id as a metadata value: no spaces or `;`.
fn metadata_value(id: &str) -> String {
    id.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == ';' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Reads a statement: decodes it, parses the CSV and reads each row into a [`BankLine`].
pub fn read(
    bytes: &[u8],
    shown: &Path,
    rules: &BankRules,
) -> Result<Statement, Vec<crate::diagnostic::Diagnostic>> {
    let encoding = rules.csv.encoding.unwrap_or(Encoding::Guess);
    let decoded = reader::decode(bytes, encoding).map_err(|e| vec![e.diagnostic(shown, "")])?;
    let text = decoded.text;
    let mut statement = Statement::default();
    if decoded.guessed {
        statement.notes.push(format!(
            "{} is not UTF-8: read as {} (say encoding = \"...\" in the rules to choose)",
            shown.display(),
            decoded.encoding
        ));
    }
    let table =
        reader::parse(&text, rules.csv.delimiter, rules.csv.skip_lines).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.diagnostic(shown, &text))
                .collect::<Vec<_>>()
        })?;
    let found = locate(&table, &rules.columns).map_err(|m| {
        vec![crate::diagnostic::Diagnostic::error(
            shown,
            table.header.line,
            1,
            m,
        )]
    })?;
    let values = |index: Option<usize>| {
        let rows = &table.rows;
        rows.iter()
            .filter_map(move |r| index.and_then(|i| r.get(i)))
    };
    let date_formats = rules.csv.date_formats(values(found.date));
    let amount_style = rules.csv.number_style(
        values(found.amount)
            .chain(values(found.credit))
            .chain(values(found.debit)),
    );
    let sign = match &rules.sign {
        Some(sign) => sign.clone(),
        None if found.indicator.is_some() && found.amount.is_some() => Sign::Indicator {
            credit: DEFAULT_CREDIT.iter().map(|s| s.to_string()).collect(),
            debit: DEFAULT_DEBIT.iter().map(|s| s.to_string()).collect(),
        },
        None if found.amount.is_none() => Sign::Columns,
        None => Sign::NegativeOut,
    };
    if sign == Sign::Columns && (found.credit.is_none() || found.debit.is_none()) {
        return Err(vec![crate::diagnostic::Diagnostic::error(
            shown,
            table.header.line,
            1,
            "sign = \"columns\" needs a credit and a debit column: name them in the rules' [columns]",
        )]);
    }
    if matches!(sign, Sign::Indicator { .. }) && found.indicator.is_none() {
        return Err(vec![crate::diagnostic::Diagnostic::error(
            shown,
            table.header.line,
            1,
            "sign = \"indicator\" needs an indicator column: name it in the rules' [columns]",
        )]);
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in &table.rows {
        match read_row(row, &found, &sign, rules, &date_formats, amount_style) {
            Ok(Some(mut line)) => {
                line.bank_id = match &line.transaction {
                    Some(id) => metadata_value(id),
                    None => {
                        let base = line_hash(&line, 1);
                        let count = seen.entry(base).or_insert(0);
                        *count += 1;
                        line_hash(&line, *count)
                    }
                };
                statement.lines.push(line);
            }
            Ok(None) => {}
            Err((column, message)) => {
                let (l, c, prefix) =
                    match column.and_then(|i| row.cells.get(i).map(|cell| (i, cell))) {
                        Some((index, cell)) => (
                            cell.line,
                            cell.column,
                            format!(
                                "row {}, column `{}`: ",
                                row.number,
                                table.column_name(index)
                            ),
                        ),
                        None => (row.line, 1, format!("row {}: ", row.number)),
                    };
                let d =
                    crate::diagnostic::Diagnostic::error(shown, l, c, format!("{prefix}{message}"));
                statement
                    .problems
                    .push(match crate::diagnostic::line_text(&text, l) {
                        Some(excerpt) => d.with_excerpt(excerpt),
                        None => d,
                    });
            }
        }
    }
    Ok(statement)
}

type RowError = (Option<usize>, String);

fn read_row(
    row: &Row,
    found: &Found,
    sign: &Sign,
    rules: &BankRules,
    date_formats: &[String],
    style: NumberStyle,
) -> Result<Option<BankLine>, RowError> {
    let cell = |index: Option<usize>| index.and_then(|i| row.get(i));
    // What may reach the journal (the bank's id as metadata, name and communication in the memo)
    // holds no control character: the row is refused, at its cell.
    let plain = |index: Option<usize>| -> Result<(), RowError> {
        match cell(index).map(crate::text::check_folded) {
            Some(Err(why)) => Err((index, format!("the cell holds {why}"))),
            _ => Ok(()),
        }
    };
    plain(found.id)?;
    plain(found.counterparty)?;
    for &index in &found.communication {
        plain(Some(index))?;
    }
    let date_text = cell(found.date).ok_or((found.date, "the date is empty".to_string()))?;
    let date = values::parse_date(date_text, date_formats).map_err(|m| (found.date, m))?;
    let parse = |index: Option<usize>| -> Result<Option<Decimal>, RowError> {
        cell(index)
            .map(|t| values::parse_amount(t, style).map_err(|m| (index, m)))
            .transpose()
    };
    let amount = match sign {
        Sign::NegativeOut | Sign::NegativeIn | Sign::Indicator { .. } if found.amount.is_some() => {
            let value =
                parse(found.amount)?.ok_or((found.amount, "the amount is empty".to_string()))?;
            match sign {
                Sign::NegativeIn => -value,
                Sign::Indicator { credit, debit } => {
                    let word = cell(found.indicator).unwrap_or("");
                    let is = |words: &[String]| words.iter().any(|w| w.eq_ignore_ascii_case(word));
                    if is(credit) {
                        value.abs()
                    } else if is(debit) {
                        -value.abs()
                    } else {
                        return Err((
                            found.indicator,
                            format!(
                                "`{word}` says neither credit ({}) nor debit ({})",
                                credit.join(", "),
                                debit.join(", ")
                            ),
                        ));
                    }
                }
                _ => value,
            }
        }
        _ => {
            let credit = parse(found.credit)?.unwrap_or_default().abs();
            let debit = parse(found.debit)?.unwrap_or_default().abs();
            credit - debit
        }
    };
    let currency = match cell(found.currency) {
        Some(code) => Some(Currency::parse(&code.to_ascii_uppercase()).ok_or_else(|| {
            (
                found.currency,
                format!("`{code}` is not a currency: expected three letters, e.g. EUR"),
            )
        })?),
        None => rules.currency,
    };
    let communication = found
        .communication
        .iter()
        .filter_map(|&i| row.get(i))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Some(BankLine {
        row: row.number,
        line: row.line,
        date,
        amount,
        currency,
        counterparty: cell(found.counterparty).unwrap_or("").to_string(),
        account: cell(found.iban)
            .map(crate::identifiers::iban::compact)
            .filter(|a| !a.is_empty()),
        communication,
        transaction: cell(found.id).map(str::to_string),
        bank_id: String::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> BankRules {
        let rules = RulesText {
            shown: "bank.toml".into(),
            text: text.into(),
        };
        let table: toml::Table = toml::from_str(text).unwrap();
        BankRules::from_table(&rules, &table).unwrap()
    }

    #[test]
    fn belgian_style_with_rules() {
        let rules = rules(
            "encoding = \"windows-1252\"\ndate_format = \"%d/%m/%Y\"\n[columns]\ncommunication = [\"Mededeling\", \"Details\"]\n",
        );
        let csv = b"Volgnummer;Uitvoeringsdatum;Bedrag;Valuta rekening;Tegenpartij;Naam van de tegenpartij;Mededeling;Details\n2026-0001;05/01/2026;1.234,50;EUR;BE68 5390 0754 7034;CAF\xc9 L\xc9OPOLD;+++002/0250/00044+++;\n2026-0002;06/01/2026;-12,00;EUR;;Bank;;frais\n";
        let statement = read(csv, Path::new("s.csv"), &rules).unwrap();
        assert!(statement.problems.is_empty(), "{:?}", statement.problems);
        let lines = &statement.lines;
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].amount, Decimal::new(123450, 2));
        assert_eq!(lines[0].counterparty, "CAFÉ LÉOPOLD");
        assert_eq!(lines[0].account.as_deref(), Some("BE68539007547034"));
        assert_eq!(lines[0].bank_id, "2026-0001");
        assert_eq!(lines[1].amount, Decimal::new(-1200, 2));
        assert_eq!(lines[1].communication, "frais");
    }

    #[test]
    fn iso_style_without_rules() {
        let csv = "BookingDate,TransactionId,Amount,Currency,CreditDebitIndicator,CounterpartyName,CounterpartyIBAN,RemittanceInformation\n2026-07-01,TX1,100.00,USD,DBIT,Ningbo,,INV 1\n";
        let statement = read(csv.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap();
        let line = &statement.lines[0];
        assert_eq!(line.amount, Decimal::new(-10000, 2));
        assert_eq!(line.currency, Currency::parse("USD"));
        assert_eq!(line.communication, "INV 1");
        assert_eq!(line.transaction.as_deref(), Some("TX1"));
    }

    #[test]
    fn hashes_tell_identical_lines_apart() {
        let csv = "date,amount,name\n2026-01-05,10,A\n2026-01-05,10,A\n";
        let statement = read(csv.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap();
        let ids: Vec<&str> = statement.lines.iter().map(|l| l.bank_id.as_str()).collect();
        assert_eq!(ids[0].len(), 17);
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        let bad = "date,amount\n2026-13-05,10\n";
        let statement = read(bad.as_bytes(), Path::new("s.csv"), &BankRules::default()).unwrap();
        assert_eq!(statement.problems.len(), 1);
        assert_eq!(
            (statement.problems[0].line, statement.problems[0].column),
            (2, 1)
        );
    }
}
