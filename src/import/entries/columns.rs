//! Mapping the file's columns to entry fields (by name, or by the rules' `[columns]` and
//! `[meta]`), and placing a problem at a row's cell.

use super::super::rules::{ENTRY_FIELDS, EntryRules};
use crate::diagnostic::{Diagnostic, did_you_mean, line_text};
use crate::input::csv::{Row, Table};
use rustc_hash::FxHashMap;
use std::path::Path;

/// Where each field comes from.
pub(super) struct Columns {
    /// Entry field -> column index.
    pub(super) fields: FxHashMap<&'static str, usize>,
    /// Metadata key -> column index.
    pub(super) meta: Vec<(String, usize)>,
}

/// The columns of each field, and the names of the columns that fill nothing; `Err` when the
/// rules name a column the file does not have, or a required field has no column.
pub(super) fn columns(table: &Table, rules: &EntryRules) -> Result<(Columns, Vec<String>), String> {
    let mut fields = FxHashMap::default();
    let mut used = vec![false; table.header.cells.len()];
    let names: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
    let find = |name: &str, what: &str| {
        table.column(name).ok_or_else(|| {
            let near = did_you_mean(name, names.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| format!(" (the header has {})", names.join(", ")));
            format!("the rules map {what} to column `{name}`, which the file does not have{near}")
        })
    };
    for &field in ENTRY_FIELDS {
        let index = match rules.columns.get(field) {
            Some(name) => Some(find(name, field)?),
            None => table.column(field),
        };
        if let Some(index) = index {
            fields.insert(field, index);
            used[index] = true;
        }
    }
    let mut meta = Vec::new();
    for (key, name) in &rules.meta {
        let index = find(name, &format!("meta `{key}`"))?;
        used[index] = true;
        meta.push((key.clone(), index));
    }
    let missing: Vec<&str> = ["date", "kind", "id", "contact", "amount"]
        .into_iter()
        .filter(|f| !fields.contains_key(f))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "no column for {}: the header has {}; name the columns date, kind, id, contact, amount (currency, due, ref, memo, meta are optional) or map them in a rules file's [columns]",
            missing.join(", "),
            names.join(", ")
        ));
    }
    let ignored = names
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(name, _)| name.to_string())
        .collect();
    Ok((Columns { fields, meta }, ignored))
}

/// The file being imported, and where each field is in it: what places a problem at a cell.
pub(super) struct File<'a> {
    pub(super) table: &'a Table,
    /// The file's text, for excerpts.
    pub(super) text: &'a str,
    /// The file as shown in messages.
    pub(super) shown: &'a Path,
    pub(super) columns: Columns,
}

impl File<'_> {
    /// A problem at the cell of `field` in `row` (or the row when the file has no such column).
    pub(super) fn at(&self, row: &Row, field: &str, message: String) -> Diagnostic {
        self.at_column(row, self.columns.fields.get(field).copied(), field, message)
    }

    /// A problem at a row's cell (or the row when the column is absent).
    pub(super) fn at_column(
        &self,
        row: &Row,
        column: Option<usize>,
        field: &str,
        message: String,
    ) -> Diagnostic {
        let table = self.table;
        let (line, col, prefix) = match column.and_then(|i| row.cells.get(i).map(|c| (i, c))) {
            Some((index, cell)) => (
                cell.line,
                cell.column,
                format!(
                    "row {}, column `{}` ({field}): ",
                    row.number,
                    table.column_name(index)
                ),
            ),
            None => (row.line, 1, format!("row {}, {field}: ", row.number)),
        };
        let d = Diagnostic::error(self.shown, line, col, format!("{prefix}{message}"));
        match line_text(self.text, line) {
            Some(excerpt) => d.with_excerpt(excerpt),
            None => d,
        }
    }

    /// The text of `field` in `row`, `None` when empty or when the file has no such column.
    pub(super) fn cell<'r>(&self, row: &'r Row, field: &str) -> Option<&'r str> {
        self.columns.fields.get(field).and_then(|&i| row.get(i))
    }
}
