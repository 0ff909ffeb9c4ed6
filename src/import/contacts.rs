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
//! the book's lock.

use crate::book::edit::{self, ContactDocument};
use crate::book::{Contact, slug};
use crate::diagnostic::{Diagnostic, did_you_mean, line_text};
use crate::identifiers::vat;
use crate::input::csv::{Row, Table, header_key};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The contact fields a column can fill, in the order they are written to a new file.
pub const FIELDS: &[&str] = &[
    "id",
    "name",
    "roles",
    "email",
    "phone",
    "vat",
    "iban",
    "industry",
    "tags",
    "language",
    "currency",
    "terms",
    "credit_limit",
    "since",
    "archived",
    "street",
    "postcode",
    "city",
    "region",
    "country",
    "newsletter",
];

/// Column names that mean a field without being its name.
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
    ("address.street", "street"),
    ("address.postcode", "postcode"),
    ("address.city", "city"),
    ("address.region", "region"),
    ("address.country", "country"),
    ("preferences.newsletter", "newsletter"),
];

/// The key path of a field in a contact file.
fn key_path(field: &str) -> String {
    match field {
        "street" | "postcode" | "city" | "region" | "country" => format!("address.{field}"),
        "newsletter" => "preferences.newsletter".into(),
        other => other.to_string(),
    }
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
    if field.is_empty() || field == "-" || FIELDS.contains(&field) {
        return Ok(());
    }
    if let Some(name) = field.strip_prefix("custom.")
        && !name.is_empty()
        && !name.contains('.')
    {
        return Ok(());
    }
    if let Some(&(_, target)) = ALIASES.iter().find(|(alias, _)| *alias == field) {
        return Err(format!("unknown field `{field}`; did you mean `{target}`?"));
    }
    let candidates = FIELDS.iter().copied().chain(["custom.NAME"]);
    Err(match did_you_mean(field, candidates) {
        Some(near) => format!("unknown field `{field}`; did you mean `{near}`?"),
        None => format!(
            "unknown field `{field}`: expected one of {}, custom.NAME, or - to ignore the column",
            FIELDS.join(", ")
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

/// Where each column goes: a field name or `custom.NAME`.
fn columns(table: &Table, options: &Options) -> Result<(Vec<Option<String>>, Vec<String>), String> {
    let mut targets = vec![None; table.header.cells.len()];
    let mut mapped = vec![false; table.header.cells.len()];
    for (column, field) in &options.maps {
        let index = table.column(column).ok_or_else(|| {
            let names: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
            match did_you_mean(column, names.iter().copied()) {
                Some(near) => {
                    format!("--map {column}={field}: no column `{column}`; did you mean `{near}`?")
                }
                None => format!(
                    "--map {column}={field}: no column `{column}` in the header ({})",
                    names.join(", ")
                ),
            }
        })?;
        mapped[index] = true;
        targets[index] = (!field.is_empty() && field != "-").then(|| field.clone());
    }
    let mut ignored = Vec::new();
    for (index, cell) in table.header.cells.iter().enumerate() {
        if mapped[index] {
            continue;
        }
        let key = header_key(&cell.text);
        let field = if FIELDS.contains(&key.as_str()) {
            Some(key.clone())
        } else if let Some(&(_, field)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
            Some(field.to_string())
        } else {
            key.strip_prefix("custom.")
                .filter(|n| !n.is_empty())
                .map(|name| format!("custom.{name}"))
        };
        match field {
            Some(field) => targets[index] = Some(field),
            None => ignored.push(cell.text.trim().to_string()),
        }
    }
    // Two columns for one field would make the result depend on their order.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, target) in targets.iter().enumerate() {
        if let Some(target) = target
            && let Some(first) = seen.insert(target, index)
        {
            return Err(format!(
                "columns `{}` and `{}` both fill `{target}`: map one of them elsewhere with --map COLUMN=field (or --map COLUMN=- to ignore it)",
                table.column_name(first),
                table.column_name(index)
            ));
        }
    }
    Ok((targets, ignored))
}

/// A cell's value, normalised for its field.
fn normalise(field: &str, value: &str) -> String {
    match field {
        "country" | "currency" => value.to_ascii_uppercase(),
        "language" => value.to_ascii_lowercase(),
        "roles" => value.to_ascii_lowercase().replace([';', '|'], ","),
        "iban" => crate::identifiers::iban::compact(value),
        "tags" => value.replace([';', '|'], ","),
        "archived" | "newsletter" => match value.to_ascii_lowercase().as_str() {
            "1" | "y" | "yes" | "true" | "x" | "oui" | "ja" => "true".into(),
            "0" | "n" | "no" | "false" | "non" | "nee" | "nein" => "false".into(),
            other => other.to_string(),
        },
        "since" => {
            let formats: Vec<String> = crate::input::values::DATE_FORMATS
                .iter()
                .map(|f| f.to_string())
                .collect();
            crate::input::values::parse_date(value, &formats)
                .map(|d| d.to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        "credit_limit" => {
            let style = crate::input::values::NumberStyle {
                decimal: crate::input::values::detect_decimal(std::iter::once(value)),
                thousands: None,
            };
            crate::input::values::parse_amount(value, style)
                .map(|d| d.to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}

/// A list cell as items.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// True when a contact already holds `value` for `field` (compared as values, not as text).
fn holds(contact: &Contact, field: &str, value: &str) -> bool {
    let same = |current: Option<&str>| current == Some(value);
    match field {
        "name" => contact.name == value,
        "roles" => {
            let mut wanted = list(value);
            wanted.sort();
            wanted.dedup();
            let mut current: Vec<String> = contact
                .roles
                .iter()
                .map(|r| r.as_str().to_string())
                .collect();
            current.sort();
            current.dedup();
            wanted == current
        }
        "email" => contact
            .email
            .as_deref()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(value)),
        "phone" => same(contact.phone.as_deref()),
        "vat" => contact
            .vat
            .as_deref()
            .is_some_and(|v| vat::compact(v) == vat::compact(value)),
        "iban" => contact
            .iban
            .as_deref()
            .is_some_and(|v| crate::identifiers::iban::compact(v) == value),
        "industry" => same(contact.industry.as_deref()),
        "tags" => contact.tags == list(value),
        "language" => same(contact.language.as_deref()),
        "currency" => contact.currency.is_some_and(|c| c.as_str() == value),
        "terms" => contact.terms.is_some_and(|t| t.to_string() == value),
        "credit_limit" => match (contact.credit_limit, value.parse::<rust_decimal::Decimal>()) {
            (Some(current), Ok(new)) => current == new,
            _ => false,
        },
        "since" => contact.since.is_some_and(|d| d.to_string() == value),
        "archived" => contact.archived.to_string() == value,
        "street" => same(contact.address.street.as_deref()),
        "postcode" => same(contact.address.postcode.as_deref()),
        "city" => same(contact.address.city.as_deref()),
        "region" => same(contact.address.region.as_deref()),
        "country" => same(contact.address.country.as_deref()),
        "newsletter" => contact
            .preferences
            .newsletter
            .is_some_and(|n| n.to_string() == value),
        custom => match custom.strip_prefix("custom.") {
            Some(name) => contact
                .custom
                .get(name)
                .is_some_and(|v| v.as_str() == Some(value)),
            None => false,
        },
    }
}

/// One value of a row, with where it came from.
struct Value<'a> {
    field: String,
    text: String,
    column: usize,
    row: &'a Row,
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
    let key = options.key.field();
    if !targets
        .iter()
        .flatten()
        .any(|t| t == "name" || t == "id" || t == key)
    {
        return Err(format!(
            "no column gives the name (or the id) of a contact; the header has {}. Name a column `name`, or map one with --map COLUMN=name",
            table
                .header
                .cells
                .iter()
                .map(|c| format!("`{}`", c.text.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut plan = Plan {
        ignored_columns,
        ..Plan::default()
    };

    let by_id: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .map(|(i, e)| (e.contact.id.as_str(), i))
        .collect();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, e) in existing.iter().enumerate() {
        let key = match options.key {
            Key::Id => None,
            Key::Vat => e.contact.vat.as_deref().map(vat::compact),
            Key::Email => e.contact.email.as_deref().map(|m| m.trim().to_lowercase()),
        };
        if let Some(key) = key {
            by_key.entry(key).or_default().push(index);
        }
        by_name
            .entry(slug::fold(e.contact.name.trim()))
            .or_default()
            .push(index);
    }
    // Ids taken by existing contacts or by rows planned before, and which row took them.
    let mut claimed: HashMap<String, u32> = HashMap::new();
    let mut new_keys: HashMap<String, (u32, String)> = HashMap::new();

    for row in &table.rows {
        let mut problems: Vec<Diagnostic> = Vec::new();
        let problem = |value: Option<&Value<'_>>, message: String| {
            let (line, column, prefix) = match value {
                Some(v) => {
                    let cell = &v.row.cells[v.column];
                    (
                        cell.line,
                        cell.column,
                        format!(
                            "row {}, column `{}` ({}): ",
                            v.row.number,
                            table.column_name(v.column),
                            v.field
                        ),
                    )
                }
                None => (row.line, 1, format!("row {}: ", row.number)),
            };
            let d = Diagnostic::error(shown, line, column, format!("{prefix}{message}"));
            match line_text(text, line) {
                Some(excerpt) => d.with_excerpt(excerpt),
                None => d,
            }
        };

        let mut values: Vec<Value<'_>> = Vec::new();
        for (column, target) in targets.iter().enumerate() {
            let (Some(field), Some(raw)) = (target, row.get(column)) else {
                continue;
            };
            let value = Value {
                field: field.clone(),
                text: normalise(field, raw),
                column,
                row,
            };
            if value.text.contains(['\n', '\r']) {
                problems.push(problem(
                    Some(&value),
                    "a line break in this cell: contact fields are one line".into(),
                ));
                continue;
            }
            values.push(value);
        }
        let get = |field: &str| values.iter().find(|v| v.field == field);

        // Which contact the row is.
        let key_value = get(options.key.field()).map(|v| match options.key {
            Key::Id => v.text.clone(),
            Key::Vat => vat::compact(&v.text),
            Key::Email => v.text.to_lowercase(),
        });
        let name_key = get("name").map(|v| slug::fold(v.text.trim()));
        let mut matched: Option<usize> = None;
        match (&key_value, options.key) {
            (Some(id), Key::Id) => matched = by_id.get(id.as_str()).copied(),
            (Some(key), _) => match by_key.get(key).map(Vec::as_slice) {
                Some([one]) => matched = Some(*one),
                Some(many) if many.len() > 1 => {
                    let ids: Vec<&str> = many
                        .iter()
                        .map(|&i| existing[i].contact.id.as_str())
                        .collect();
                    problems.push(problem(
                        get(options.key.field()),
                        format!(
                            "{} contacts have this {}: {}; import them with --key id",
                            many.len(),
                            options.key.field(),
                            ids.join(", ")
                        ),
                    ));
                }
                _ => {}
            },
            (None, _) => {}
        }
        // No contact with the key: the row is the contact of the same name, if there is one and
        // it has no value for the key (`--key vat` on a book whose contacts have no VAT yet).
        let key_is_blank = |index: usize| match options.key {
            _ if key_value.is_none() => true,
            Key::Id => false,
            Key::Vat => existing[index].contact.vat.is_none(),
            Key::Email => existing[index].contact.email.is_none(),
        };
        if matched.is_none()
            && problems.is_empty()
            && (key_value.is_none() || options.key != Key::Id)
            && let Some(name) = &name_key
        {
            {
                match by_name.get(name).map(Vec::as_slice) {
                    Some([one]) if key_is_blank(*one) => matched = Some(*one),
                    Some(many) if many.len() > 1 && key_value.is_none() => {
                        let ids: Vec<&str> = many
                            .iter()
                            .map(|&i| existing[i].contact.id.as_str())
                            .collect();
                        problems.push(problem(
                            get("name"),
                            format!(
                                "{} contacts have this name ({}); give the row an id (or another key) to say which",
                                many.len(),
                                ids.join(", ")
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        }
        if let (Some(index), Some(id_value)) = (matched, get("id")) {
            let found = &existing[index].contact.id;
            if &id_value.text != found {
                problems.push(problem(
                    Some(id_value),
                    format!(
                        "the row's {} matches contact `{found}`, but its id is `{}`",
                        options.key.field(),
                        id_value.text
                    ),
                ));
            }
        }

        let id = match matched {
            Some(index) => existing[index].contact.id.clone(),
            None => match get("id") {
                Some(v) => {
                    if let Err(message) = edit::check_new_id(&v.text) {
                        problems.push(problem(Some(v), message));
                    } else if let Some(&other) = by_id.get(v.text.as_str()) {
                        problems.push(problem(
                            Some(v),
                            format!(
                                "contact `{}` exists with another {}; use --key id to update it",
                                existing[other].contact.id,
                                options.key.field()
                            ),
                        ));
                    }
                    v.text.clone()
                }
                None => match get("name") {
                    Some(v) => {
                        // The same new contact named twice in the file gets the same id.
                        let earlier = name_key
                            .as_ref()
                            .and_then(|n| new_keys.get(&format!("name:{n}")))
                            .filter(|_| key_value.is_none())
                            .map(|(_, id)| id.clone());
                        earlier.unwrap_or_else(|| {
                            slug::unique_id(&v.text, |candidate| {
                                by_id.contains_key(candidate) || claimed.contains_key(candidate)
                            })
                        })
                    }
                    None => {
                        problems.push(problem(
                            None,
                            "a new contact needs a name: the name cell is empty".into(),
                        ));
                        String::new()
                    }
                },
            },
        };
        if matched.is_none() && get("name").is_none() && !id.is_empty() {
            problems.push(problem(
                get("id"),
                format!("no contact `{id}` to update, and no name to create it with"),
            ));
        }
        if let Some(&earlier) = claimed.get(&id).filter(|_| !id.is_empty()) {
            problems.push(problem(
                get(options.key.field()).or(get("name")),
                format!("row {earlier} already imports contact `{id}`; one row per contact"),
            ));
        }
        if matched.is_none()
            && let Some(key) = &key_value
            && let Some((earlier, other)) = new_keys.get(&format!("key:{key}"))
        {
            problems.push(problem(
                get(options.key.field()),
                format!(
                    "row {earlier} already creates contact `{other}` with this {}",
                    options.key.field()
                ),
            ));
        }

        // The file: the existing one with the changed fields set, or a new one.
        let before = matched.map(|index| &existing[index]);
        let (path, original) = match before {
            Some(e) => {
                let text = std::fs::read_to_string(&e.path)
                    .map_err(|error| format!("{}: {error}", e.path.display()))?;
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                (e.path.clone(), Some(text))
            }
            None => (crate::book::write::new_contact_path(root, &id), None),
        };
        let mut document = match &original {
            Some(text) => match ContactDocument::parse(text) {
                Ok(doc) => Some(doc),
                Err(message) => {
                    problems.push(problem(
                        None,
                        format!(
                            "{}: {message}; fix it with `folio contact edit {id}`",
                            path.display()
                        ),
                    ));
                    None
                }
            },
            None => ContactDocument::parse("").ok(),
        };
        let mut changed: Vec<String> = Vec::new();
        if let Some(doc) = document.as_mut() {
            for field in FIELDS.iter().skip(1).copied().chain(
                values
                    .iter()
                    .filter(|v| v.field.starts_with("custom."))
                    .map(|v| v.field.as_str()),
            ) {
                let Some(value) = get(field) else { continue };
                if before.is_some_and(|e| holds(e.contact, field, &value.text)) {
                    continue;
                }
                match doc.set(&key_path(field), &value.text) {
                    Ok(()) => changed.push(field.to_string()),
                    Err(message) => problems.push(problem(Some(value), message)),
                }
            }
        }
        if let Some(doc) = &document {
            let new_text = doc.text();
            let file_shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let old = before.map(|e| e.contact);
            if let Err(found) = edit::validate(&new_text, &file_shown, &id, old) {
                // Say which cell each problem comes from.
                for d in found {
                    let value = values.iter().find(|v| {
                        crate::diagnostic::key_position(&new_text, &key_path(&v.field))
                            .is_some_and(|(line, _)| line == d.line)
                    });
                    problems.push(problem(value, d.message));
                }
            }
            if problems.is_empty() {
                let action = match (before, changed.is_empty()) {
                    (None, _) => Action::Create,
                    (Some(_), true) => Action::Unchanged,
                    (Some(_), false) => Action::Update(changed),
                };
                let unchanged_text = original.as_deref() == Some(new_text.as_str());
                let action = if unchanged_text && action != Action::Create {
                    Action::Unchanged
                } else {
                    action
                };
                claimed.insert(id.clone(), row.number);
                if matched.is_none() {
                    if let Some(key) = &key_value {
                        new_keys.insert(format!("key:{key}"), (row.number, id.clone()));
                    }
                    if let Some(name) = &name_key {
                        new_keys.insert(format!("name:{name}"), (row.number, id.clone()));
                    }
                }
                plan.planned.push(Planned {
                    row: row.number,
                    id,
                    action,
                    path,
                    text: new_text,
                });
                continue;
            }
        }
        plan.invalid_rows += 1;
        problems.sort_by_key(|d| (d.line, d.column));
        plan.problems.extend(problems);
    }
    Ok(plan)
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

    #[test]
    fn normalised_values() {
        assert_eq!(normalise("country", "be"), "BE");
        assert_eq!(normalise("tags", "a; b|c"), "a, b,c");
        assert_eq!(normalise("newsletter", "No"), "false");
        assert_eq!(normalise("since", "01/03/2021"), "2021-03-01");
        assert_eq!(normalise("credit_limit", "5.000,00"), "5000.00");
        assert_eq!(normalise("iban", "be68 5390 0754 7034"), "BE68539007547034");
    }
}
