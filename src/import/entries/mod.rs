//! `folio import entries FILE.csv [--rules RULES.toml]`: entries exported by another system (or
//! by `folio export entries --format csv`).
//!
//! Columns: date, kind, id, contact, amount, currency, due, ref, memo and meta (`key:value`
//! pairs separated by spaces); the rules file maps other column names, other words for the
//! kinds, other date formats and a decimal comma (see [`super::rules::EntryRules`]).
//!
//! Every row is checked against the book and the other rows with the rules of `folio check`:
//! the contact exists, the amount is a positive decimal with at most four decimals, a currency
//! resolves, `due` only on invoices and bills, `ref` names a document of the same contact and
//! currency and of a kind this kind may refer to (in the book or in the file), and document ids
//! are unique. A row whose id is already in the book is skipped and counted, so importing the same
//! file twice adds nothing.
//!
//! Nothing here writes: [`plan`] returns the lines per journal file. It maps the columns
//! (`columns.rs`), reads each row's fields (`fields.rs`), checks references across rows
//! (`references.rs`) and makes the journal lines (`lines.rs`).

mod columns;
mod fields;
mod lines;
mod references;

use super::rules::EntryRules;
use crate::book::Book;
use crate::diagnostic::Diagnostic;
use crate::input::csv::{Row, Table};
use crate::input::values::NumberStyle;
use crate::journal::{EntryIndex, Kind};
use crate::money::Currency;
use chrono::NaiveDate;
use columns::{File, columns};
use fields::Fields;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One new journal line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    /// The row it comes from.
    pub row: u32,
    /// Its document id.
    pub id: String,
    /// The line, without a newline.
    pub line: String,
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// New lines per journal file (`journal/<year>.journal`), in file order.
    pub files: BTreeMap<PathBuf, Vec<NewLine>>,
    /// Rows whose document id is already in the book.
    pub skipped: usize,
    /// Errors of invalid rows.
    pub problems: Vec<Diagnostic>,
    /// Warnings (roles, archived contacts, duplicates that differ from the book).
    pub warnings: Vec<Diagnostic>,
    /// Rows with at least one error.
    pub invalid_rows: usize,
    /// Columns that fill nothing.
    pub ignored_columns: Vec<String>,
}

impl Plan {
    /// How many lines would be added.
    pub fn added(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// A row read into fields, before the cross-row checks.
struct Draft {
    row: u32,
    line: u32,
    date: NaiveDate,
    kind: Kind,
    id: String,
    contact: u32,
    amount: String,
    currency: Currency,
    due: Option<NaiveDate>,
    reference: Option<(String, usize)>,
    meta: Vec<(String, String)>,
    memo: Option<String>,
}

/// An import under way: the book it goes into, the file and its rules, how the file writes
/// dates and amounts, and the book's documents by id.
struct Import<'a> {
    book: &'a Book,
    file: File<'a>,
    rules: &'a EntryRules,
    /// The date formats of the `date` and `due` columns.
    date_formats: Vec<String>,
    /// How the `amount` column writes numbers.
    style: NumberStyle,
    book_ids: FxHashMap<&'a str, EntryIndex>,
}

/// Plans the import of `table` (the file shown as `shown`, whose text is `text`) into `book`,
/// which must hold no error.
pub fn plan(
    book: &Book,
    table: &Table,
    text: &str,
    shown: &Path,
    rules: &EntryRules,
) -> Result<Plan, String> {
    let (columns, ignored_columns) = columns(table, rules)?;
    let mut plan = Plan {
        ignored_columns,
        ..Plan::default()
    };
    let column_values = |field: &str| {
        let index = columns.fields.get(field).copied();
        table
            .rows
            .iter()
            .filter_map(move |row| index.and_then(|i| row.get(i)))
    };
    let mut date_values: Vec<&str> = column_values("date").collect();
    date_values.extend(column_values("due"));
    let date_formats = rules.csv.date_formats(date_values.iter().copied());
    let style = rules.csv.number_style(column_values("amount"));
    let book_ids: FxHashMap<&str, EntryIndex> = book
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (book.entry_id(e), i as EntryIndex))
        .collect();
    let import = Import {
        book,
        file: File {
            table,
            text,
            shown,
            columns,
        },
        rules,
        date_formats,
        style,
        book_ids,
    };
    let drafts = import.read_rows(&mut plan);
    let valid = import.check_references(&drafts, &mut plan);
    import.add_lines(&drafts, &valid, &mut plan);
    plan.problems.sort_by_key(|d| (d.line, d.column));
    Ok(plan)
}

impl Import<'_> {
    /// Reads every row: rows whose id is already in the book are skipped (and counted), rows with
    /// a problem are counted and reported in `plan`, the others become drafts.
    fn read_rows(&self, plan: &mut Plan) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut file_ids: FxHashMap<String, u32> = FxHashMap::default();
        for row in &self.file.table.rows {
            let mut fields = self.read(row);
            if let Some(skipped) = self.already_in_book(row, &fields) {
                plan.warnings.extend(skipped);
                plan.skipped += 1;
                continue;
            }
            if let Some(id) = &fields.id {
                if let Some(earlier) = file_ids.get(id) {
                    fields.problems.push(self.file.at(
                        row,
                        "id",
                        format!("document id {id} is already used on row {earlier}"),
                    ));
                } else {
                    file_ids.insert(id.clone(), row.number);
                }
            }
            match fields {
                Fields {
                    date: Some(date),
                    kind: Some(kind),
                    id: Some(id),
                    contact: Some(contact),
                    amount: Some(amount),
                    currency: Some(currency),
                    due,
                    reference,
                    meta,
                    memo,
                    problems,
                } if problems.is_empty() => drafts.push(Draft {
                    row: row.number,
                    line: row.line,
                    date,
                    kind,
                    id,
                    contact,
                    amount,
                    currency,
                    due,
                    reference: reference.map(|r| (r, self.file.columns.fields["ref"])),
                    meta,
                    memo,
                }),
                Fields { problems, .. } => {
                    plan.invalid_rows += 1;
                    plan.problems.extend(problems);
                }
            }
        }
        drafts
    }

    /// `Some` when the row's document id is already in the book: the row is skipped, with a
    /// warning when its values differ from the book's.
    fn already_in_book(&self, row: &Row, fields: &Fields) -> Option<Option<Diagnostic>> {
        let book = self.book;
        let id = fields.id.as_ref()?;
        let &index = self.book_ids.get(id.as_str())?;
        let entry = &book.entries[index as usize];
        let same = Some(entry.date) == fields.date
            && Some(entry.kind) == fields.kind
            && Some(entry.contact) == fields.contact
            && fields
                .amount
                .as_deref()
                .and_then(|a| a.parse::<rust_decimal::Decimal>().ok())
                == Some(entry.amount)
            && fields.currency == Some(entry.currency);
        if same {
            return Some(None);
        }
        let mut warning = self.file.at(
            row,
            "id",
            format!(
                "document {id} is already in the book ({}:{}) with other values; this row is skipped",
                book.entry_path(entry).display(),
                entry.line
            ),
        );
        warning.severity = crate::diagnostic::Severity::Warning;
        Some(Some(warning))
    }
}

/// The text of a journal file with `lines` appended: a newline is added first when the file
/// does not end with one.
pub fn appended(existing: &str, lines: &[NewLine]) -> String {
    let mut text = String::with_capacity(existing.len() + lines.len() * 96);
    text.push_str(existing);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in lines {
        text.push_str(&line.line);
        text.push('\n');
    }
    text
}
