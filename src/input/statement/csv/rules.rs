//! The rules that describe a bank's CSV export (`--rules bank.toml`):
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
//! A column may be named by position (`date = 2` or `date = "#2"`: the second column), for a file
//! with two columns of one name or, with `header = false`, a file without a header row.
//!
//! Without rules (or for the columns the rules leave out), columns are found by their usual
//! names in English, Dutch, French and German.

use crate::input::rules::{self, CsvSettings, RulesText, string_table};
use crate::money::Currency;
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
    /// `header = false`: the file has no header row; the rules name columns by position.
    pub headerless: bool,
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
            "header",
        ]);
        rules.check_keys(table, "", &known)?;
        let csv = CsvSettings::read(rules, table)?;
        let mut columns = BankColumns::default();
        if let Some(toml::Value::Table(inner)) = table.get("columns") {
            rules.check_keys(inner, "columns", COLUMN_KEYS)?;
            if let Some(value) = inner.get("communication") {
                columns.communication = match value {
                    toml::Value::String(s) => vec![s.clone()],
                    toml::Value::Integer(n) => vec![format!("#{n}")],
                    toml::Value::Array(list) => list
                        .iter()
                        .map(|v| match v {
                            toml::Value::Integer(n) => Some(format!("#{n}")),
                            other => other.as_str().map(str::to_string),
                        })
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
            // A column by position: `date = 2` is `date = "#2"`.
            for (_, value) in rest.iter_mut() {
                if let toml::Value::Integer(n) = &*value {
                    *value = toml::Value::String(format!("#{n}"));
                }
            }
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
        let headerless = match table.get("header") {
            None | Some(toml::Value::Boolean(true)) => false,
            Some(toml::Value::Boolean(false)) => true,
            Some(_) => {
                return Err(rules.problem(
                    Some("header"),
                    "`header` must be true or false (false: the file has no header row; name columns by position, e.g. date = 1)",
                ));
            }
        };
        Ok(BankRules {
            csv,
            columns,
            sign,
            currency,
            headerless,
        })
    }
}

/// The words of an indicator column for money in, compared without case: ISO 20022, English,
/// Dutch (`Bij`), French, German (`H`aben, `Gutschrift`).
pub(crate) const DEFAULT_CREDIT: &[&str] = &[
    "CRDT",
    "C",
    "CR",
    "credit",
    "+",
    "Bij",
    "Crédit",
    "Gutschrift",
    "H",
    "Haben",
];
/// The words for money out: `Af`, `Débit`, `S`oll, `Lastschrift`.
pub(crate) const DEFAULT_DEBIT: &[&str] = &[
    "DBIT",
    "D",
    "DR",
    "debit",
    "-",
    "Af",
    "Débit",
    "Lastschrift",
    "S",
    "Soll",
];
