//! The rules file of `folio import entries --rules RULES.toml`, which maps another program's
//! column names and words to folio's, and how an imported amount is written on a journal line.
//! How the CSV itself is written (delimiter, encoding, dates, numbers) is read by
//! [`crate::input::rules`], shared with the bank rules of `folio reconcile`.

use crate::diagnostic::did_you_mean;
use crate::input::csv::header_key;
use crate::input::rules::{CSV_KEYS, CsvSettings, RulesError, RulesText, read_rules, string_table};
use crate::journal::Kind;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

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
                        "unknown kind `{kind}`: expected invoice, refund, payment, credit, writeoff, bill, payout, debit or payable-writeoff"
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

#[cfg(test)]
mod tests {
    use super::*;

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
