//! Rules files (`--rules RULES.toml`) that say how another program's CSV is written: reading one
//! as TOML with positions for messages, and the CSV settings (delimiter, encoding, skipped lines,
//! date formats, number style) that the rules of `folio import entries` and the bank rules of
//! `folio reconcile` share.

use crate::diagnostic::{did_you_mean, line_column, line_text};
use crate::input::csv::Encoding;
use crate::input::values::{
    DATE_FORMATS, NumberStyle, check_date_format, detect_date_format, detect_decimal,
};
use std::collections::BTreeMap;
use std::path::Path;

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
                crate::input::csv::parse_delimiter(&d)
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
