//! How another program's CSV reads: amounts with a decimal comma or thousands separators, dates
//! in other formats, and the rules file of `folio import entries --rules RULES.toml`, which maps
//! that program's column names and words to folio's.
//!
//! The number and date readers here are shared with the bank statement rules of `folio reconcile`.

use crate::diagnostic::{did_you_mean, line_column, line_text};
use crate::import::reader::{Encoding, header_key};
use crate::journal::Kind;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

/// Date formats tried, in this order, when none is given: the first that reads every date of a
/// column is used. Day-first formats come before month-first ones, as in Europe; set
/// `date_format = "%m/%d/%Y"` for American files.
pub const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%y", "%d.%m.%y",
];

/// Reads a date with one of `formats` (chrono `strftime` syntax). A time after the date
/// (`2026-01-05T00:00:00`, `05/01/2026 14:02`) is ignored.
pub fn parse_date(text: &str, formats: &[String]) -> Result<NaiveDate, String> {
    let text = text.trim();
    for format in formats {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Ok(date);
        }
        // Only the date part of a date and time.
        if let Some(cut) = text.find(['T', ' '])
            && let Ok(date) = NaiveDate::parse_from_str(&text[..cut], format)
        {
            return Ok(date);
        }
    }
    Err(match formats {
        [one] => format!(
            "`{text}` is not a date in the format {one} (e.g. {})",
            example_date(one)
        ),
        _ => format!(
            "`{text}` is not a date in any of the formats {} (set date_format in the rules)",
            formats.join(", ")
        ),
    })
}

fn example_date(format: &str) -> String {
    NaiveDate::from_ymd_opt(2026, 1, 31)
        .map(|d| d.format(format).to_string())
        .unwrap_or_default()
}

/// Checks a chrono date format: it must read back a date it writes.
pub fn check_date_format(format: &str) -> Result<(), String> {
    let sample = example_date_checked(format)?;
    match NaiveDate::parse_from_str(&sample, format) {
        Ok(_) => Ok(()),
        Err(_) => Err(format!(
            "date_format `{format}` does not describe a whole date: expected %Y (or %y), %m and %d, e.g. \"%d/%m/%Y\""
        )),
    }
}

fn example_date_checked(format: &str) -> Result<String, String> {
    use std::fmt::Write;
    let date = NaiveDate::from_ymd_opt(2026, 1, 31).expect("a date");
    let mut out = String::new();
    write!(out, "{}", date.format(format)).map_err(|_| {
        format!("invalid date_format `{format}`: see chrono's strftime syntax, e.g. \"%d/%m/%Y\"")
    })?;
    Ok(out)
}

/// The first of `candidates` that reads every one of `values`; the first candidate when there
/// are no values.
pub fn detect_date_format<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    DATE_FORMATS
        .iter()
        .find(|format| {
            let formats = [format.to_string()];
            values
                .clone()
                .all(|value| parse_date(value, &formats).is_ok())
        })
        .map(|f| f.to_string())
}

/// How amounts are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// The decimal separator, `.` or `,`.
    pub decimal: char,
    /// The thousands separator, if the file uses one: `.`, `,`, a space or `'`. Spaces
    /// (including non-breaking ones) and `'` between digits are always accepted.
    pub thousands: Option<char>,
}

impl Default for NumberStyle {
    fn default() -> NumberStyle {
        NumberStyle {
            decimal: '.',
            thousands: None,
        }
    }
}

/// Guesses the decimal separator of a column of amounts: the later of `.` and `,` when a value
/// has both; else `,` when some value ends in a comma and one or two digits (`12,5`, `1250,00`);
/// else `.`.
pub fn detect_decimal<'a>(values: impl Iterator<Item = &'a str>) -> char {
    let mut comma_decimals = false;
    for value in values {
        let value = value.trim();
        match (value.rfind('.'), value.rfind(',')) {
            (Some(dot), Some(comma)) => return if comma > dot { ',' } else { '.' },
            (None, Some(comma)) => {
                let decimals = value[comma + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if (1..=2).contains(&decimals) {
                    comma_decimals = true;
                }
            }
            _ => {}
        }
    }
    if comma_decimals { ',' } else { '.' }
}

/// Reads a signed amount: `1234.56`, `-12,50`, `1.234,56`, `1 234,56`, `+3`, `12.50-`, `(12.50)`,
/// with an optional currency sign or code before or after it (`€ 12,50`, `12.50 EUR`).
pub fn parse_amount(text: &str, style: NumberStyle) -> Result<Decimal, String> {
    let original = text.trim();
    let invalid = || {
        let example = if style.decimal == ',' {
            "1234,56 or -1.234,56"
        } else {
            "1234.56 or -1,234.56"
        };
        format!("`{original}` is not an amount: expected a number such as {example}")
    };
    let mut body = original;
    // A currency sign or code before or after the number.
    for symbol in ["€", "$", "£", "¥", "EUR", "USD", "GBP", "CNY", "CHF"] {
        body = body.strip_prefix(symbol).unwrap_or(body).trim();
        body = body.strip_suffix(symbol).unwrap_or(body).trim();
    }
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner.trim();
    }
    if let Some(rest) = body.strip_prefix('-') {
        negative = !negative;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_suffix('-') {
        negative = !negative;
        body = rest.trim_end();
    }
    let mut digits = String::with_capacity(body.len());
    let mut seen_decimal = false;
    let mut group: Option<usize> = None;
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if let Some(count) = group.as_mut() {
                *count += 1;
            }
        } else if c == style.decimal && !seen_decimal {
            if group.is_some_and(|count| count != 3) {
                return Err(invalid());
            }
            seen_decimal = true;
            group = None;
            digits.push('.');
        } else if !seen_decimal
            && (Some(c) == style.thousands
                || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')
                || (style.thousands.is_none() && matches!(c, '.' | ',') && c != style.decimal))
        {
            // A thousands separator: groups of exactly three digits follow it.
            if digits.is_empty() || group.is_some_and(|count| count != 3) {
                return Err(invalid());
            }
            group = Some(0);
        } else {
            return Err(invalid());
        }
    }
    if group.is_some_and(|count| count != 3) || digits.is_empty() || digits.ends_with('.') {
        return Err(invalid());
    }
    if digits.starts_with('.') {
        digits.insert(0, '0');
    }
    let value: Decimal = digits.parse().map_err(|_| invalid())?;
    Ok(if negative { -value } else { value })
}

/// Formats an amount for a journal line: at most four decimals (more is an error), at least
/// the two the file had, no sign.
pub fn journal_amount(amount: Decimal) -> Result<String, String> {
    let normalized = amount.normalize();
    if normalized.scale() > crate::money::MAX_DECIMALS as u32 {
        return Err(format!(
            "amount {amount} has more than {} decimals",
            crate::money::MAX_DECIMALS
        ));
    }
    if !crate::money::is_usable_amount(normalized) {
        return Err(format!(
            "amount {amount}: {}",
            crate::money::AmountError::TooLarge
        ));
    }
    Ok(crate::money::format_amount(amount.abs()))
}

/// A rules file read, with its text for positions.
#[derive(Debug, Clone)]
pub struct RulesText {
    /// The file as shown in messages.
    pub shown: std::path::PathBuf,
    /// Its text.
    pub text: String,
}

impl RulesText {
    /// A problem at a key path (`columns.date`) of the rules file, or the whole file.
    pub fn problem(&self, key: Option<&str>, message: impl Into<String>) -> RulesError {
        let (line, column) = key
            .and_then(|k| crate::diagnostic::key_position(&self.text, k))
            .unwrap_or((0, 0));
        RulesError {
            diagnostic: {
                let d = crate::diagnostic::Diagnostic::error(&self.shown, line, column, message);
                match line_text(&self.text, line).filter(|_| line > 0) {
                    Some(excerpt) => d.with_excerpt(excerpt),
                    None => d,
                }
            },
        }
    }

    /// A TOML syntax or type error, at its place.
    pub fn toml_error(&self, error: &toml::de::Error) -> RulesError {
        let (line, column) = error
            .span()
            .map_or((0, 0), |span| line_column(&self.text, span.start));
        let message = error.message().to_string();
        let d = crate::diagnostic::Diagnostic::error(&self.shown, line, column, message);
        RulesError {
            diagnostic: match line_text(&self.text, line).filter(|_| line > 0) {
                Some(excerpt) => d.with_excerpt(excerpt),
                None => d,
            },
        }
    }

    /// Checks the keys of a table against the known ones, with "did you mean".
    pub fn check_keys(
        &self,
        table: &toml::Table,
        prefix: &str,
        known: &[&str],
    ) -> Result<(), RulesError> {
        for key in table.keys() {
            if !known.contains(&key.as_str()) {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                let message = match did_you_mean(key, known.iter().copied()) {
                    Some(near) => format!("unknown key `{path}`; did you mean `{near}`?"),
                    None => format!("unknown key `{path}`: expected one of {}", known.join(", ")),
                };
                return Err(self.problem(Some(&path), message));
            }
        }
        Ok(())
    }
}

/// A problem in a rules file, positioned.
#[derive(Debug, Clone)]
pub struct RulesError {
    /// Where and what.
    pub diagnostic: crate::diagnostic::Diagnostic,
}

/// Settings shared by entry rules and bank rules: how the CSV is written.
#[derive(Debug, Clone, Default)]
pub struct CsvSettings {
    /// The delimiter; detected when absent.
    pub delimiter: Option<char>,
    /// The encoding; UTF-8 when absent (bank statements: guessed).
    pub encoding: Option<Encoding>,
    /// Lines to skip before the header.
    pub skip_lines: usize,
    /// Date formats to try; detected per column when empty.
    pub date_formats: Vec<String>,
    /// The decimal separator; detected per column when absent.
    pub decimal: Option<char>,
    /// The thousands separator.
    pub thousands: Option<char>,
}

/// Keys of [`CsvSettings`] in a rules file.
pub const CSV_KEYS: &[&str] = &[
    "delimiter",
    "encoding",
    "skip_lines",
    "date_format",
    "decimal",
    "thousands",
];

impl CsvSettings {
    /// Reads the CSV keys of a rules table.
    pub fn read(rules: &RulesText, table: &toml::Table) -> Result<CsvSettings, RulesError> {
        let mut settings = CsvSettings::default();
        let text = |key: &str| -> Result<Option<String>, RulesError> {
            match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(rules.problem(Some(key), format!("`{key}` must be a string"))),
            }
        };
        if let Some(d) = text("delimiter")? {
            settings.delimiter = Some(
                crate::import::reader::parse_delimiter(&d)
                    .map_err(|m| rules.problem(Some("delimiter"), m))?,
            );
        }
        if let Some(e) = text("encoding")? {
            settings.encoding =
                Some(Encoding::parse(&e).map_err(|m| rules.problem(Some("encoding"), m))?);
        }
        match table.get("skip_lines") {
            None => {}
            Some(toml::Value::Integer(n)) if (0..=1000).contains(n) => {
                settings.skip_lines = *n as usize;
            }
            Some(_) => {
                return Err(rules.problem(
                    Some("skip_lines"),
                    "`skip_lines` must be a whole number of lines, 0 to 1000",
                ));
            }
        }
        match table.get("date_format") {
            None => {}
            Some(toml::Value::String(f)) => settings.date_formats = vec![f.clone()],
            Some(toml::Value::Array(list)) => {
                for item in list {
                    match item.as_str() {
                        Some(f) => settings.date_formats.push(f.to_string()),
                        None => {
                            return Err(rules.problem(
                                Some("date_format"),
                                "`date_format` must be a string or a list of strings",
                            ));
                        }
                    }
                }
            }
            Some(_) => {
                return Err(rules.problem(
                    Some("date_format"),
                    "`date_format` must be a string such as \"%d/%m/%Y\", or a list of them",
                ));
            }
        }
        for format in &settings.date_formats {
            check_date_format(format).map_err(|m| rules.problem(Some("date_format"), m))?;
        }
        if let Some(d) = text("decimal")? {
            settings.decimal = Some(match d.as_str() {
                "." => '.',
                "," => ',',
                _ => {
                    return Err(rules.problem(
                        Some("decimal"),
                        format!("decimal `{d}`: expected \".\" or \",\""),
                    ));
                }
            });
        }
        if let Some(t) = text("thousands")? {
            let mut chars = t.chars();
            settings.thousands = match (chars.next(), chars.next()) {
                (None, _) => None,
                (Some(c), None) if matches!(c, '.' | ',' | ' ' | '\'' | '\u{a0}') => Some(c),
                _ => {
                    return Err(rules.problem(
                        Some("thousands"),
                        format!("thousands `{t}`: expected \".\", \",\", \" \" or \"'\""),
                    ));
                }
            };
        }
        if settings.decimal.is_some() && settings.decimal == settings.thousands {
            return Err(rules.problem(
                Some("thousands"),
                "the thousands separator cannot be the decimal separator",
            ));
        }
        Ok(settings)
    }

    /// The number style for a column, detecting the decimal separator from its values when the
    /// rules do not say.
    pub fn number_style<'a>(&self, values: impl Iterator<Item = &'a str>) -> NumberStyle {
        let decimal = self.decimal.unwrap_or_else(|| {
            let decimal = detect_decimal(values);
            if self.thousands == Some(decimal) {
                if decimal == ',' { '.' } else { ',' }
            } else {
                decimal
            }
        });
        NumberStyle {
            decimal,
            thousands: self.thousands,
        }
    }

    /// The date formats for a column: the rules', else the first that reads all its values.
    pub fn date_formats<'a>(&self, values: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
        if !self.date_formats.is_empty() {
            return self.date_formats.clone();
        }
        match detect_date_format(values) {
            Some(format) => vec![format],
            None => DATE_FORMATS.iter().map(|f| f.to_string()).collect(),
        }
    }
}

/// Reads a rules file's text as a TOML table.
pub fn read_rules(path: &Path, shown: &Path) -> crate::Result<(RulesText, toml::Table)> {
    let bytes = crate::input::read(path, crate::input::SETTINGS).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            crate::Error::NotFound(format!("no rules file {}", shown.display()))
        }
        _ => crate::input::error(shown, e),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| crate::Error::InvalidData(format!("{} is not UTF-8 text", shown.display())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let rules = RulesText {
        shown: shown.to_path_buf(),
        text,
    };
    let table: toml::Table = toml::from_str(&rules.text)
        .map_err(|e| crate::Error::InvalidBook(vec![rules.toml_error(&e).diagnostic]))?;
    Ok((rules, table))
}

/// The fields of an entry in an import file.
pub const ENTRY_FIELDS: &[&str] = &[
    "date", "kind", "id", "contact", "amount", "currency", "due", "ref", "memo", "meta",
];

/// `folio import entries --rules RULES.toml`.
///
/// ```toml
/// date_format = "%d/%m/%Y"     # or a list; default: detected (ISO first)
/// decimal = ","                # default: detected per column
/// thousands = "."
/// delimiter = ";"              # default: detected
/// encoding = "windows-1252"    # default: UTF-8
/// skip_lines = 0
/// [columns]                    # folio field = the file's column
/// id = "Document"
/// contact = "Customer code"
/// [meta]                       # metadata key = the file's column
/// po = "Order"
/// [kinds]                      # the file's word = folio kind
/// Factuur = "invoice"
/// ```
#[derive(Debug, Clone, Default)]
pub struct EntryRules {
    /// How the CSV is written.
    pub csv: CsvSettings,
    /// folio field -> column name.
    pub columns: BTreeMap<String, String>,
    /// metadata key -> column name.
    pub meta: BTreeMap<String, String>,
    /// The file's words for kinds (compared case-insensitively) -> kind.
    pub kinds: Vec<(String, Kind)>,
}

impl EntryRules {
    /// Reads entry rules from a file.
    pub fn load(path: &Path, shown: &Path) -> crate::Result<EntryRules> {
        let (rules, table) = read_rules(path, shown)?;
        EntryRules::from_table(&rules, &table)
            .map_err(|e| crate::Error::InvalidBook(vec![e.diagnostic]))
    }

    /// Reads entry rules from a parsed table.
    pub fn from_table(rules: &RulesText, table: &toml::Table) -> Result<EntryRules, RulesError> {
        let mut known: Vec<&str> = CSV_KEYS.to_vec();
        known.extend(["columns", "meta", "kinds"]);
        rules.check_keys(table, "", &known)?;
        let csv = CsvSettings::read(rules, table)?;
        let columns = string_table(rules, table, "columns")?;
        for field in columns.keys() {
            if !ENTRY_FIELDS.contains(&field.as_str()) {
                let path = format!("columns.{field}");
                let message = match did_you_mean(field, ENTRY_FIELDS.iter().copied()) {
                    Some(near) => format!("unknown field `{field}`; did you mean `{near}`?"),
                    None => format!(
                        "unknown field `{field}`: expected one of {} (other columns go to [meta])",
                        ENTRY_FIELDS.join(", ")
                    ),
                };
                return Err(rules.problem(Some(&path), message));
            }
        }
        let meta = string_table(rules, table, "meta")?;
        for key in meta.keys() {
            crate::journal::parser::check_meta(key, "x")
                .map_err(|m| rules.problem(Some(&format!("meta.{key}")), m))?;
        }
        let mut kinds = Vec::new();
        for (word, kind) in string_table(rules, table, "kinds")? {
            let parsed = Kind::parse(&kind).ok_or_else(|| {
                rules.problem(
                    Some(&format!("kinds.{word}")),
                    format!(
                        "unknown kind `{kind}`: expected invoice, refund, payment, credit, bill, payout or debit"
                    ),
                )
            })?;
            kinds.push((word, parsed));
        }
        Ok(EntryRules {
            csv,
            columns,
            meta,
            kinds,
        })
    }

    /// The kind a word of the file stands for.
    pub fn kind(&self, word: &str) -> Option<Kind> {
        let folded = header_key(word);
        self.kinds
            .iter()
            .find(|(w, _)| header_key(w) == folded)
            .map(|(_, kind)| *kind)
            .or_else(|| Kind::parse(&word.to_ascii_lowercase()))
    }
}

/// A table of strings (`[columns]`, `[meta]`, `[kinds]`), empty when absent.
pub fn string_table(
    rules: &RulesText,
    table: &toml::Table,
    name: &str,
) -> Result<BTreeMap<String, String>, RulesError> {
    let mut out = BTreeMap::new();
    match table.get(name) {
        None => {}
        Some(toml::Value::Table(inner)) => {
            for (key, value) in inner {
                match value.as_str() {
                    Some(text) => {
                        out.insert(key.clone(), text.to_string());
                    }
                    None => {
                        return Err(rules.problem(
                            Some(&format!("{name}.{key}")),
                            format!("`{name}.{key}` must be a string (a column name)"),
                        ));
                    }
                }
            }
        }
        Some(_) => {
            return Err(rules.problem(Some(name), format!("`{name}` must be a table")));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn amount(text: &str, decimal: char) -> Result<Decimal, String> {
        parse_amount(
            text,
            NumberStyle {
                decimal,
                thousands: None,
            },
        )
    }

    #[test]
    fn amounts_in_many_styles() {
        assert_eq!(amount("1234.56", '.'), Ok(dec("1234.56")));
        assert_eq!(amount("-12,50", ','), Ok(dec("-12.50")));
        assert_eq!(amount("1.234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("1,234.56", '.'), Ok(dec("1234.56")));
        assert_eq!(amount("1 234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("1\u{a0}234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("+3", '.'), Ok(dec("3")));
        assert_eq!(amount("12.50-", '.'), Ok(dec("-12.50")));
        assert_eq!(amount("(12.50)", '.'), Ok(dec("-12.50")));
        assert_eq!(amount("€ 12,50", ','), Ok(dec("12.50")));
        assert_eq!(amount("12.50 EUR", '.'), Ok(dec("12.50")));
        assert_eq!(amount(",5", ','), Ok(dec("0.5")));
        for bad in ["", "abc", "1.2.3", "12,3456.7", "1,23", "--1", "1e3", "12,"] {
            assert!(amount(bad, '.').is_err(), "{bad}");
        }
        assert!(amount("1.23,4", ',').is_err());
    }

    #[test]
    fn decimal_detection() {
        assert_eq!(detect_decimal(["1.234,56", "12"].into_iter()), ',');
        assert_eq!(detect_decimal(["1,234.56"].into_iter()), '.');
        assert_eq!(detect_decimal(["12,5", "100"].into_iter()), ',');
        assert_eq!(detect_decimal(["1,234", "100"].into_iter()), '.');
        assert_eq!(detect_decimal(["100"].into_iter()), '.');
    }

    #[test]
    fn dates() {
        let formats = vec!["%d/%m/%Y".to_string()];
        assert_eq!(
            parse_date("05/01/2026", &formats),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap())
        );
        assert_eq!(
            parse_date("05/01/2026 14:02", &formats),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap())
        );
        assert!(
            parse_date("2026-01-05", &formats)
                .unwrap_err()
                .contains("31/01/2026")
        );
        let values = ["31/01/2026", "05/02/2026"];
        assert_eq!(
            detect_date_format(values.iter().copied()).as_deref(),
            Some("%d/%m/%Y")
        );
        assert_eq!(
            detect_date_format(["2026-01-05T10:00:00"].iter().copied()).as_deref(),
            Some("%Y-%m-%d")
        );
        assert!(check_date_format("%d/%m/%Y").is_ok());
        assert!(check_date_format("%d/%m").is_err());
    }

    #[test]
    fn entry_rules() {
        let text = "date_format = \"%d/%m/%Y\"\ndecimal = \",\"\n[columns]\nid = \"Nummer\"\n[meta]\npo = \"Order\"\n[kinds]\nFactuur = \"invoice\"\n";
        let rules = RulesText {
            shown: "r.toml".into(),
            text: text.into(),
        };
        let table: toml::Table = toml::from_str(text).unwrap();
        let read = EntryRules::from_table(&rules, &table).unwrap();
        assert_eq!(read.columns["id"], "Nummer");
        assert_eq!(read.kind("FACTUUR"), Some(Kind::Invoice));
        assert_eq!(read.kind("payment"), Some(Kind::Payment));
        assert_eq!(read.csv.decimal, Some(','));
        let bad = "[columns]\ndat = \"Datum\"\n";
        let rules = RulesText {
            shown: "r.toml".into(),
            text: bad.into(),
        };
        let table: toml::Table = toml::from_str(bad).unwrap();
        let error = EntryRules::from_table(&rules, &table).unwrap_err();
        assert!(error.diagnostic.message.contains("did you mean `date`"));
        assert_eq!((error.diagnostic.line, error.diagnostic.column), (2, 7));
    }
}
