//! `folio import contacts FILE.csv`: contacts from a spreadsheet or another CRM.
//!
//! Each row creates a contact or updates the one it matches on the key (`id`, `vat` or `email`;
//! a row without a value for the key is matched on its name). Columns named like contact fields
//! map themselves; `--map COLUMN=field` maps the others. Every value is checked with the rules of
//! `folio contact add`; an invalid row is reported with its row, column and field, and nothing is
//! written while any row is invalid (unless the caller skips invalid rows).
//!
//! Updates go through toml_edit, field by field, and only for values that differ from the file's,
//! so comments and layout survive and importing the same file twice changes nothing.
//!
//! Nothing here writes: [`plan`] returns the files to write, and the caller writes them under
//! the book's lock. It maps the columns (`columns.rs`), reads each row's values (`values.rs`),
//! finds which contact the row is (`identity.rs`) and makes its file (`changes.rs`).

mod changes;
mod columns;
mod identity;
mod values;

use crate::book::{Contact, contact_fields};
use crate::diagnostic::{Diagnostic, did_you_mean, line_text};
use crate::input::csv::{Row, Table};
use columns::{check_identifying, columns};
use identity::Index;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use values::Value;

/// The contact fields a column can fill, in the order they are written to a new file: `id`,
/// then the columns of the contact field table.
pub fn fields() -> impl Iterator<Item = &'static str> {
    std::iter::once("id").chain(contact_fields::columns())
}

/// True when a column of that name fills a field.
fn is_field(name: &str) -> bool {
    fields().any(|field| field == name)
}

/// Column names that mean a field without being its name (besides the keys of a contact file,
/// such as `address.city`, that mean their column).
const ALIASES: &[(&str, &str)] = &[
    ("contact", "id"),
    ("role", "roles"),
    ("e_mail", "email"),
    ("mail", "email"),
    ("telephone", "phone"),
    ("tel", "phone"),
    ("vat_number", "vat"),
    ("tag", "tags"),
    ("lang", "language"),
    ("payment_terms", "terms"),
    ("zip", "postcode"),
    ("zip_code", "postcode"),
    ("postal_code", "postcode"),
    ("state", "region"),
    ("province", "region"),
];

/// The field a column name means without being its name.
fn alias(name: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|&(_, field)| field)
        .or_else(|| {
            contact_fields::by_key(name)
                .and_then(|field| field.column)
                .filter(|column| *column != name)
        })
}

/// The key path of a field in a contact file.
fn key_path(field: &str) -> String {
    contact_fields::by_column(field).map_or_else(|| field.to_string(), |f| f.key.to_string())
}

/// What identifies the contact a row updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Key {
    /// The contact id.
    #[default]
    Id,
    /// The VAT number (compared without spaces, dots and case).
    Vat,
    /// The e-mail address (compared without case).
    Email,
}

impl Key {
    fn field(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Vat => "vat",
            Key::Email => "email",
        }
    }
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--map COLUMN=field`: a column name and the field it fills (`-` or empty: ignored).
    pub maps: Vec<(String, String)>,
    /// `--key`.
    pub key: Key,
}

/// Checks a `--map` target: a field, `custom.NAME`, or `-` (ignore the column).
pub fn check_target(field: &str) -> Result<(), String> {
    let field = field.trim();
    if field.is_empty() || field == "-" || is_field(field) {
        return Ok(());
    }
    if let Some(name) = field.strip_prefix("custom.")
        && !name.is_empty()
        && !name.contains('.')
    {
        return Ok(());
    }
    if let Some(target) = alias(field) {
        return Err(format!("unknown field `{field}`; did you mean `{target}`?"));
    }
    let candidates = fields().chain(["custom.NAME"]);
    Err(match did_you_mean(field, candidates) {
        Some(near) => format!("unknown field `{field}`; did you mean `{near}`?"),
        None => format!(
            "unknown field `{field}`: expected one of {}, custom.NAME, or - to ignore the column",
            fields().collect::<Vec<_>>().join(", ")
        ),
    })
}

/// Parses `--map COLUMN=field`.
pub fn parse_map(text: &str) -> Result<(String, String), String> {
    let (column, field) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("`{text}` is not COLUMN=field, e.g. \"Company=name\""))?;
    check_target(field)?;
    Ok((column.trim().to_string(), field.trim().to_string()))
}

/// What happens to one contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new contact file.
    Create,
    /// These fields change in an existing file.
    Update(Vec<String>),
    /// The row matches the file already.
    Unchanged,
}

/// One row's outcome.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The row number (the header is row 1).
    pub row: u32,
    /// The contact id.
    pub id: String,
    /// Create, update or nothing.
    pub action: Action,
    /// The contact file.
    pub path: PathBuf,
    /// The file's new text (for create and update).
    pub text: String,
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// One entry per valid row, in file order.
    pub planned: Vec<Planned>,
    /// Every problem of invalid rows (errors), and notes (warnings).
    pub problems: Vec<Diagnostic>,
    /// Rows with at least one problem.
    pub invalid_rows: usize,
    /// Columns that fill no field.
    pub ignored_columns: Vec<String>,
}

impl Plan {
    /// How many contacts are created, updated and left unchanged.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for planned in &self.planned {
            match planned.action {
                Action::Create => counts.0 += 1,
                Action::Update(_) => counts.1 += 1,
                Action::Unchanged => counts.2 += 1,
            }
        }
        counts
    }
}

/// An existing contact with its file.
#[derive(Debug, Clone)]
pub struct Existing<'a> {
    /// The contact as loaded.
    pub contact: &'a Contact,
    /// Its file.
    pub path: PathBuf,
}

/// An import under way: the file, the book's contacts and their index, where each column goes,
/// and what the rows before have claimed.
struct Import<'a> {
    table: &'a Table,
    /// The file's text, for excerpts.
    text: &'a str,
    /// The file as shown in messages.
    shown: &'a Path,
    /// The book's directory.
    root: &'a Path,
    existing: &'a [Existing<'a>],
    options: &'a Options,
    /// The field (or `custom.NAME`) each column fills.
    targets: Vec<Option<String>>,
    index: Index<'a>,
    /// Ids taken by rows planned before, and which row took them.
    claimed: HashMap<String, u32>,
    /// `key:VALUE` and `name:FOLDED` of contacts created by rows before: (row, id).
    new_keys: HashMap<String, (u32, String)>,
}

/// Plans the import of `table` (read from the file shown as `shown`, whose text is `text`).
/// `existing` holds every contact of the book with its file; `root` is the book's directory.
pub fn plan(
    table: &Table,
    text: &str,
    shown: &Path,
    root: &Path,
    existing: &[Existing<'_>],
    options: &Options,
) -> Result<Plan, String> {
    let (targets, ignored_columns) = columns(table, options)?;
    check_identifying(table, &targets, options.key)?;
    let mut plan = Plan {
        ignored_columns,
        ..Plan::default()
    };
    let mut import = Import {
        table,
        text,
        shown,
        root,
        existing,
        options,
        targets,
        index: Index::of(existing, options.key),
        claimed: HashMap::new(),
        new_keys: HashMap::new(),
    };
    for row in &table.rows {
        match import.plan_row(row)? {
            Ok(planned) => plan.planned.push(planned),
            Err(mut problems) => {
                plan.invalid_rows += 1;
                problems.sort_by_key(|d| (d.line, d.column));
                plan.problems.extend(problems);
            }
        }
    }
    Ok(plan)
}

impl Import<'_> {
    /// What one row does, or its problems; `Err` when an existing contact file cannot be read.
    fn plan_row(&mut self, row: &Row) -> Result<Result<Planned, Vec<Diagnostic>>, String> {
        let mut problems: Vec<Diagnostic> = Vec::new();
        let values = self.values(row, &mut problems);
        let identity = self.identify(&values, &mut problems);
        let id = self.contact_id(&values, &identity, &mut problems);
        self.check_conflicts(&values, &identity, &id, &mut problems);
        let before = identity.matched.map(|index| &self.existing[index]);
        let change = self.change(&values, before, &id, &mut problems)?;
        match change {
            Some(change) if problems.is_empty() => {
                let (action, path, text) = change.action(before);
                self.claim(&identity, &id, row.number);
                Ok(Ok(Planned {
                    row: row.number,
                    id,
                    action,
                    path,
                    text,
                }))
            }
            _ => Ok(Err(problems)),
        }
    }

    /// A problem at a value's cell, or at the row.
    fn problem(&self, row: &Row, value: Option<&Value<'_>>, message: String) -> Diagnostic {
        let (line, column, prefix) = match value {
            Some(v) => {
                let cell = &v.row.cells[v.column];
                (
                    cell.line,
                    cell.column,
                    format!(
                        "row {}, column `{}` ({}): ",
                        v.row.number,
                        self.table.column_name(v.column),
                        v.field
                    ),
                )
            }
            None => (row.line, 1, format!("row {}: ", row.number)),
        };
        let d = Diagnostic::error(self.shown, line, column, format!("{prefix}{message}"));
        match line_text(self.text, line) {
            Some(excerpt) => d.with_excerpt(excerpt),
            None => d,
        }
    }
}

/// Every contact file of the book, by id (the file stem).
pub fn contact_files(root: &Path) -> crate::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for path in crate::book::write::files_below(root, crate::book::CONTACTS_DIR, "toml")? {
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            files.entry(stem.to_string()).or_insert(path);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_targets() {
        assert_eq!(
            parse_map("Company=name"),
            Ok(("Company".into(), "name".into()))
        );
        assert_eq!(parse_map("A=B=-"), Ok(("A=B".into(), "-".into())));
        assert!(parse_map("Company").is_err());
        assert!(
            parse_map("x=nmae")
                .unwrap_err()
                .contains("did you mean `name`")
        );
        assert!(parse_map("x=zip").unwrap_err().contains("postcode"));
        assert!(parse_map("x=custom.manager").is_ok());
    }
}
