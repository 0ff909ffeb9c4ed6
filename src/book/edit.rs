//! Editing contact files without disturbing them: every change goes through toml_edit, so
//! comments, key order, quoting and spacing of everything not changed stay byte for byte.
//!
//! Nothing here touches the disk: callers read the file, edit the text, validate it with
//! [`validate`] and write it atomically under the book's lock (see `cli/cmd/contact.rs`).

use super::contact::{self, Contact, Role};
use super::contact_checks;
use super::contact_fields::{self, Kind};
use super::serde_helpers::read_toml;
use crate::diagnostic::key_position;
use crate::diagnostic::{Diagnostic, did_you_mean, line_column, line_text};
use chrono::{Datelike, NaiveDate};
use std::path::Path;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// The fields of a new contact, as given to `folio contact add`.
#[derive(Debug, Clone, Default)]
pub struct NewContact {
    /// Display name (required).
    pub name: String,
    /// Roles; empty means the default, customer.
    pub roles: Vec<Role>,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// VAT number or unified social credit code.
    pub vat: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Language for letters.
    pub language: Option<String>,
    /// Default currency.
    pub currency: Option<String>,
    /// Payment terms in days.
    pub terms: Option<u32>,
    /// Credit limit, as written.
    pub credit_limit: Option<String>,
    /// Customer since.
    pub since: Option<NaiveDate>,
    /// `[address]` street.
    pub street: Option<String>,
    /// `[address]` postcode.
    pub postcode: Option<String>,
    /// `[address]` city.
    pub city: Option<String>,
    /// `[address]` country.
    pub country: Option<String>,
}

/// The text of a new contact file, keys in the canonical order of the format
/// ([`contact_fields::FIELDS`]).
pub fn new_contact_text(fields: &NewContact) -> String {
    let mut doc = DocumentMut::new();
    let root = doc.as_table_mut();
    root.insert("name", text_item(&fields.name));
    if !fields.roles.is_empty() {
        let roles: Vec<&str> = fields.roles.iter().map(|r| r.as_str()).collect();
        root.insert("roles", Item::Value(Value::Array(string_array(&roles))));
    }
    let optional = [
        ("email", &fields.email),
        ("phone", &fields.phone),
        ("vat", &fields.vat),
        ("industry", &fields.industry),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            root.insert(key, text_item(value));
        }
    }
    if !fields.tags.is_empty() {
        let tags: Vec<&str> = fields.tags.iter().map(String::as_str).collect();
        root.insert("tags", Item::Value(Value::Array(string_array(&tags))));
    }
    for (key, value) in [
        ("language", &fields.language),
        ("currency", &fields.currency),
    ] {
        if let Some(value) = value {
            root.insert(key, text_item(value));
        }
    }
    if let Some(terms) = fields.terms {
        root.insert("terms", Item::Value(Value::from(i64::from(terms))));
    }
    if let Some(limit) = &fields.credit_limit {
        root.insert("credit_limit", text_item(limit));
    }
    if let Some(since) = fields.since {
        root.insert("since", Item::Value(date_value(since)));
    }
    let address = [
        ("street", &fields.street),
        ("postcode", &fields.postcode),
        ("city", &fields.city),
        ("country", &fields.country),
    ];
    if address.iter().any(|(_, v)| v.is_some()) {
        let mut table = Table::new();
        for (key, value) in address {
            if let Some(value) = value {
                table.insert(key, text_item(value));
            }
        }
        root.insert("address", Item::Table(table));
    }
    sort_canonically(root);
    doc.to_string()
}

/// Puts the keys of a contact file, and those of its `[address]`, in the canonical order.
fn sort_canonically(root: &mut Table) {
    let root_order = contact_fields::top_level_keys();
    root.sort_values_by(|a, _, b, _| rank(&root_order, a.get()).cmp(&rank(&root_order, b.get())));
    if let Some(address) = root.get_mut("address").and_then(Item::as_table_mut) {
        let order = contact_fields::keys_of_table("address");
        address.sort_values_by(|a, _, b, _| rank(&order, a.get()).cmp(&rank(&order, b.get())));
    }
}

fn text_item(text: &str) -> Item {
    Item::Value(Value::from(text))
}

fn string_array(items: &[&str]) -> Array {
    items.iter().copied().collect()
}

fn date_value(date: NaiveDate) -> Value {
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

/// How `contact set` reads the value of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Text,
    List,
    Days,
    Date,
    Bool,
}

/// Keys `contact set` knows, with how it reads their values (amounts are kept as text).
fn settable() -> impl Iterator<Item = (&'static str, ValueKind)> {
    contact_fields::FIELDS
        .iter()
        .filter(|field| field.settable)
        .map(|field| {
            let kind = match field.kind {
                Kind::List => ValueKind::List,
                Kind::Days => ValueKind::Days,
                Kind::Date => ValueKind::Date,
                Kind::Bool => ValueKind::Bool,
                Kind::Text
                | Kind::Amount
                | Kind::Custom
                | Kind::Notes
                | Kind::Contracts
                | Kind::People
                | Kind::Recurring => ValueKind::Text,
            };
            (field.key, kind)
        })
}

fn value_kind(key: &str) -> Result<ValueKind, String> {
    if let Some((_, kind)) = settable().find(|(k, _)| *k == key) {
        return Ok(kind);
    }
    if let Some(field) = key.strip_prefix("custom.") {
        if field.is_empty() || field.contains('.') {
            return Err(format!(
                "invalid key `{key}`: expected custom.NAME with one name, e.g. custom.account_manager"
            ));
        }
        return Ok(ValueKind::Text);
    }
    if key == "notes" || key.starts_with("notes.") {
        return Err("notes are added with `folio contact note ID --kind KIND TEXT`".into());
    }
    if key == "people" || key.starts_with("people.") {
        return Err(
            "people are added with `folio contact person add ID --name NAME --role ROLE`".into(),
        );
    }
    let known = settable().map(|(k, _)| k).chain(["custom.NAME"]);
    Err(match did_you_mean(key, known) {
        Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
        None => format!(
            "unknown key `{key}`: expected one of {}, or custom.NAME",
            settable().map(|(k, _)| k).collect::<Vec<_>>().join(", ")
        ),
    })
}

/// Parses `key=value`.
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not key=value, e.g. address.city=Gent"))?;
    let key = key.trim();
    value_kind(key)?;
    Ok((key.to_string(), value.to_string()))
}

/// A contact file opened for editing.
#[derive(Debug, Clone)]
pub struct ContactDocument {
    doc: DocumentMut,
}

impl ContactDocument {
    /// Parses a contact file's text (a TOML syntax error is reported later by [`validate`], so
    /// this only fails when toml_edit cannot read the text at all).
    pub fn parse(text: &str) -> Result<ContactDocument, String> {
        text.parse::<DocumentMut>()
            .map(|doc| ContactDocument { doc })
            .map_err(|e| format!("the file is not valid TOML: {}", e.message()))
    }

    /// Sets `key` (dotted for tables: `address.city`) to `raw`, read as the key requires: a
    /// comma-separated list for `roles` and `tags`, a whole number for `terms`, a date for
    /// `since`, true/false for `archived` and `preferences.newsletter`, text otherwise (also for
    /// `credit_limit`, which the format keeps as a string). An empty value removes the key.
    /// The value keeps the spacing and trailing comment of the one it replaces.
    pub fn set(&mut self, key: &str, raw: &str) -> Result<(), String> {
        let kind = value_kind(key)?;
        let raw = raw.trim();
        let (table_key, leaf) = match key.split_once('.') {
            Some((table, leaf)) => (Some(table), leaf),
            None => (None, key),
        };
        if raw.is_empty() {
            if key == "name" {
                return Err("`name` cannot be removed: a contact needs a name".into());
            }
            let table: Option<&mut dyn TableLike> = match table_key {
                None => Some(self.doc.as_table_mut()),
                Some(name) => self.doc.get_mut(name).and_then(Item::as_table_like_mut),
            };
            if let Some(table) = table {
                table.remove(leaf);
            }
            return Ok(());
        }
        let value = match kind {
            ValueKind::Text => Value::from(raw),
            ValueKind::List => {
                let items: Vec<&str> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                Value::Array(string_array(&items))
            }
            ValueKind::Days => {
                let days: u32 = raw.parse().map_err(|_| {
                    format!("invalid {key} `{raw}`: expected a whole number of days, e.g. 30")
                })?;
                Value::from(i64::from(days))
            }
            ValueKind::Date => {
                let date = crate::journal::parser::parse_date(raw)
                    .map_err(|message| format!("invalid {key}: {message}"))?;
                date_value(date)
            }
            ValueKind::Bool => match raw {
                "true" | "yes" => Value::from(true),
                "false" | "no" => Value::from(false),
                _ => return Err(format!("invalid {key} `{raw}`: expected true or false")),
            },
        };
        let table: &mut dyn TableLike = match table_key {
            None => self.doc.as_table_mut(),
            Some(name) => {
                let root = self.doc.as_table_mut();
                if !root.contains_key(name) {
                    root.insert(name, Item::Table(Table::new()));
                }
                root.get_mut(name)
                    .and_then(Item::as_table_like_mut)
                    .ok_or_else(|| {
                        format!("`{name}` in this file is not a table, so `{key}` cannot be set")
                    })?
            }
        };
        put(table, leaf, value);
        Ok(())
    }

    /// Appends a `[[notes]]` entry: date, kind, then state and document when given, then text.
    pub fn add_note(&mut self, note: &contact::Note) -> Result<(), String> {
        let mut pairs = vec![
            ("date", date_value(note.date)),
            ("kind", Value::from(note.kind.as_str())),
        ];
        if let Some(state) = note.state {
            pairs.push(("state", Value::from(state.as_str())));
        }
        if let Some(document) = &note.document {
            pairs.push(("document", Value::from(document.as_str())));
        }
        pairs.push(("text", Value::from(note.text.as_str())));
        self.push_entry("notes", "[[notes]]", pairs)
    }

    /// Appends a `[[people]]` entry.
    pub fn add_person(&mut self, person: &contact::Person) -> Result<(), String> {
        let mut pairs = vec![("name", Value::from(person.name.as_str()))];
        for (key, value) in [
            ("role", &person.role),
            ("email", &person.email),
            ("phone", &person.phone),
        ] {
            if let Some(value) = value {
                pairs.push((key, Value::from(value.as_str())));
            }
        }
        self.push_entry("people", "[[people]]", pairs)
    }

    /// Sets `state = "closed"` on note `number` (1 for the first `[[notes]]` of the file).
    pub fn close_note(&mut self, number: usize) -> Result<(), String> {
        let count = self.entry_count("notes");
        let index = number
            .checked_sub(1)
            .filter(|index| *index < count)
            .ok_or_else(|| match count {
                0 => "the contact has no notes".to_string(),
                _ => format!("no note {number}: expected a number from 1 to {count}"),
            })?;
        let closed = Value::from(contact::NoteState::Closed.as_str());
        let notes = self
            .doc
            .get_mut("notes")
            .ok_or("the contact has no notes")?;
        if let Some(list) = notes.as_array_of_tables_mut()
            && let Some(note) = list.get_mut(index)
        {
            close_in(note, closed);
            return Ok(());
        }
        if let Some(note) = notes
            .as_array_mut()
            .and_then(|list| list.get_mut(index))
            .and_then(Value::as_inline_table_mut)
        {
            close_in(note, closed);
            return Ok(());
        }
        Err("`notes` in this file is not a list of [[notes]] tables".into())
    }

    /// How many entries the array of tables `key` holds (0 when absent).
    fn entry_count(&self, key: &str) -> usize {
        match self.doc.get(key) {
            Some(Item::ArrayOfTables(list)) => list.len(),
            Some(Item::Value(Value::Array(list))) => list.len(),
            _ => 0,
        }
    }

    /// Appends an entry to the array of tables `key`, written `[[key]]` or, when the file holds
    /// an inline array there, as an inline table.
    fn push_entry(
        &mut self,
        key: &str,
        header: &str,
        pairs: Vec<(&str, Value)>,
    ) -> Result<(), String> {
        let root = self.doc.as_table_mut();
        if !root.contains_key(key) {
            root.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        let entries = root.get_mut(key).expect("inserted above");
        if let Some(list) = entries.as_array_of_tables_mut() {
            let mut table = Table::new();
            for (name, value) in pairs {
                table.insert(name, Item::Value(value));
            }
            list.push(table);
            return Ok(());
        }
        if let Some(list) = entries.as_array_mut() {
            let mut table = InlineTable::new();
            for (name, value) in pairs {
                table.insert(name, value);
            }
            list.push(table);
            return Ok(());
        }
        Err(format!(
            "`{key}` in this file is not a list of {header} tables"
        ))
    }

    /// The edited text.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }
}

/// Sets `state = "closed"` in a note (added last when it had none; `folio fmt` puts it in
/// place).
fn close_in(note: &mut dyn TableLike, closed: Value) {
    put(note, "state", closed);
}

/// Replaces a value, keeping the decoration (spacing, trailing comment) of the old one, or adds it.
fn put(table: &mut dyn TableLike, key: &str, mut value: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(item) => *item = Item::Value(value),
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// A note kind: a word such as call, email, meeting, complaint, resolution.
pub fn check_note_kind(kind: &str) -> Result<(), String> {
    contact::check_word(
        kind,
        "note kind",
        "call, email, meeting, complaint or resolution",
    )
}

/// Checks a contact file's text as `folio check` would, and more strictly for what changed:
/// every problem the loader reports is an error, and so is a VAT number, e-mail address, country or
/// currency that fails [`contact_checks::contact_problems`] when it differs from `before` (a value that was
/// already there is left to `folio check`, where it is a warning).
///
/// Returns the contact, or every problem positioned in `text` and shown under `shown`.
pub fn validate(
    text: &str,
    shown: &Path,
    id: &str,
    before: Option<&Contact>,
) -> Result<Contact, Vec<Diagnostic>> {
    let read = read_toml::<Contact>(text);
    let mut problems: Vec<Diagnostic> = read
        .problems
        .into_iter()
        .map(|problem| {
            let (line, column) = line_column(text, problem.offset);
            let mut diagnostic = Diagnostic::error(shown, line, column, problem.message);
            if let Some(excerpt) = line_text(text, line) {
                diagnostic = diagnostic.with_excerpt(excerpt);
            }
            diagnostic
        })
        .collect();
    let Some(mut contact) = read.value else {
        if problems.is_empty() {
            problems.push(Diagnostic::error(shown, 0, 0, "not a contact file"));
        }
        return Err(problems);
    };
    contact.id = id.to_string();
    if problems.is_empty() {
        // A problem the file had before the edit, word for word, is an untouched value.
        let old_problems = before.map(contact_checks::contact_problems);
        for (key, message) in contact_checks::contact_problems(&contact) {
            let pair = (key, message);
            let changed = old_problems.as_ref().is_none_or(|old| !old.contains(&pair));
            let (key, message) = pair;
            if changed {
                let (line, column) = key_position(text, &key).unwrap_or((0, 0));
                let mut diagnostic = Diagnostic::error(shown, line, column, message);
                if let Some(excerpt) = line_text(text, line).filter(|_| line > 0) {
                    diagnostic = diagnostic.with_excerpt(excerpt);
                }
                problems.push(diagnostic);
            }
        }
    }
    if problems.is_empty() {
        Ok(contact)
    } else {
        Err(problems)
    }
}

/// The contact a file's text holds, if it reads at all (problems aside): the "before" of an edit.
pub fn parse_contact(text: &str) -> Option<Contact> {
    read_toml::<Contact>(text).value
}

/// Checks the id of a new contact: the format's rule, and no Windows device name.
pub fn check_new_id(id: &str) -> Result<(), String> {
    contact::check_contact_id(id)?;
    if super::slug::is_reserved_name(id) {
        return Err(format!(
            "`{id}` is reserved for a device on Windows and cannot name a file; choose another id"
        ));
    }
    Ok(())
}

/// The canonical layout of a contact file, for `folio fmt`: keys in the order of the format
/// ([`contact_fields::FIELDS`]: name, roles, email, ... then unknown keys as they were), tables
/// in the order address, preferences, custom, notes, contracts; `key = value` with single spaces; strings quoted the one way
/// toml_edit prefers for their content; arrays without comments on one line; one blank line
/// before each table; comments kept with the key or table they precede, their trailing spaces and
/// indentation removed; runs of blank lines cut to one; one newline at the end.
///
/// Values are never changed: the result is checked to hold exactly the same data as `text`, and
/// formatting it again changes nothing; when either check fails the text is returned unchanged
/// with an explanation.
pub fn canonical_contact(text: &str) -> Result<String, String> {
    let before: toml::Table =
        toml::from_str(text).map_err(|e| format!("not valid TOML: {}", e.message()))?;
    let once = format_document(text)?;
    let after: toml::Table = toml::from_str(&once).map_err(|e| {
        format!(
            "formatting would break the file ({}); left as it is",
            e.message()
        )
    })?;
    if after != before {
        return Err("formatting would change a value; left as it is".into());
    }
    if format_document(&once)? != once {
        return Err("formatting is not stable on this file; left as it is".into());
    }
    Ok(once)
}

const NOTE_ORDER: &[&str] = &["date", "kind", "state", "document", "text"];
const PERSON_ORDER: &[&str] = &["name", "role", "email", "phone"];

fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

fn format_document(text: &str) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("not valid TOML: {}", e.message()))?;
    // A comment block at the very top, set off by a blank line, belongs to the file, not to the
    // first key: keep it at the top whatever key ends up first.
    let header = doc
        .as_table()
        .iter()
        .next()
        .and_then(|(key, _)| doc.as_table().key(key))
        .and_then(|key| {
            key.leaf_decor()
                .prefix()
                .and_then(|p| p.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let (file_header, attached) = split_header(&header);
    if !file_header.is_empty() {
        let first = doc.as_table().iter().next().map(|(key, _)| key.to_string());
        if let Some(first) = first
            && let Some(mut key) = doc.as_table_mut().key_mut(&first)
        {
            key.leaf_decor_mut().set_prefix(attached);
        }
    }
    let root_prefix = doc
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .map(str::to_string)
        .unwrap_or_default();
    let root_header = normalize_comments(&format!("{root_prefix}{file_header}"), false);
    doc.decor_mut().set_prefix(if root_header.is_empty() {
        String::new()
    } else {
        format!("{root_header}\n")
    });

    let root = doc.as_table_mut();
    let root_order = contact_fields::top_level_keys();
    let address_order = contact_fields::keys_of_table("address");
    let shipping_order = contact_fields::keys_of_table("shipping");
    root.sort_values_by(|a, _, b, _| rank(&root_order, a.get()).cmp(&rank(&root_order, b.get())));
    normalize_body(root, true);
    let has_values = root.iter().any(|(_, item)| !is_header_table(item));
    let mut position = 0;
    let mut first = !has_values;
    let keys: Vec<String> = root.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let order: &[&str] = match key.as_str() {
            "address" => &address_order,
            "shipping" => &shipping_order,
            "notes" => NOTE_ORDER,
            "people" => PERSON_ORDER,
            _ => &[],
        };
        if let Some(item) = root.get_mut(&key) {
            normalize_tables(item, order, &mut position, &mut first);
        }
    }
    let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
    let trailing = normalize_comments(&trailing, true);
    doc.set_trailing(if trailing.trim().is_empty() {
        String::new()
    } else {
        trailing
    });
    let mut out = doc.to_string();
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// Splits the comments before the first key into the file's header (everything up to the last
/// blank line) and the comments attached to the key (after it).
fn split_header(prefix: &str) -> (String, String) {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    match lines
        .iter()
        .rposition(|line| line.trim().is_empty() && line.ends_with('\n'))
    {
        Some(blank)
            if lines[..blank]
                .iter()
                .any(|l| l.trim_start().starts_with('#')) =>
        {
            (lines[..blank].concat(), lines[blank + 1..].concat())
        }
        _ => (String::new(), prefix.to_string()),
    }
}

/// Comment lines trimmed and unindented, runs of blank lines cut to one; leading blank lines
/// kept (as one) only when `keep_leading_blank`. Every line ends with a newline; the indentation
/// of the line that follows is dropped.
fn normalize_comments(raw: &str, keep_leading_blank: bool) -> String {
    let mut out = String::new();
    let mut blank_pending = false;
    let mut any = false;
    let complete = match raw.rfind('\n') {
        Some(end) => &raw[..=end],
        None => "",
    };
    for line in complete.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank_pending = any || keep_leading_blank;
            continue;
        }
        if blank_pending {
            out.push('\n');
        }
        blank_pending = false;
        any = true;
        out.push_str(line);
        out.push('\n');
    }
    if blank_pending && any {
        out.push('\n');
    }
    out
}

fn is_header_table(item: &Item) -> bool {
    match item {
        Item::Table(table) => !table.is_dotted(),
        Item::ArrayOfTables(_) => true,
        _ => false,
    }
}

/// Normalizes the key-values of a table body (not its sub-tables with headers).
fn normalize_body(table: &mut Table, first_in_file: bool) {
    let mut index = 0;
    for (mut key, item) in table.iter_mut() {
        if is_header_table(item) {
            continue;
        }
        let prefix = key
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string();
        let mut normalized = normalize_comments(&prefix, !(first_in_file && index == 0));
        if index == 0 && normalized.starts_with('\n') {
            normalized.remove(0);
        }
        key.leaf_decor_mut().set_prefix(normalized);
        key.leaf_decor_mut().set_suffix(" ");
        index += 1;
        match item {
            Item::Value(value) => normalize_value(value, " "),
            Item::Table(dotted) => {
                for (mut inner_key, inner) in dotted.iter_mut() {
                    inner_key.leaf_decor_mut().set_suffix(" ");
                    if let Item::Value(value) = inner {
                        normalize_value(value, " ");
                    }
                }
            }
            _ => {}
        }
    }
}

/// Puts the header tables of `item` in canonical order and layout, numbering their positions.
fn normalize_tables(item: &mut Item, order: &[&str], position: &mut isize, first: &mut bool) {
    let each = |table: &mut Table, position: &mut isize, first: &mut bool| {
        *position += 1;
        table.set_position(Some(*position));
        let prefix = table
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .to_string();
        let comments = normalize_comments(&prefix, false);
        let blank = if *first { "" } else { "\n" };
        if !table.is_implicit() {
            *first = false;
        }
        let comments = comments.trim_start_matches('\n');
        table.decor_mut().set_prefix(format!("{blank}{comments}"));
        if let Some(suffix) = table.decor().suffix().and_then(|s| s.as_str()) {
            let suffix = trailing_comment(suffix);
            table.decor_mut().set_suffix(suffix);
        }
        if !order.is_empty() {
            table.sort_values_by(|a, _, b, _| rank(order, a.get()).cmp(&rank(order, b.get())));
        }
        normalize_body(table, false);
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
        for key in keys {
            if let Some(child) = table.get_mut(&key) {
                normalize_tables(child, &[], position, first);
            }
        }
    };
    match item {
        Item::Table(table) if !table.is_dotted() => each(table, position, first),
        Item::ArrayOfTables(list) => {
            for table in list.iter_mut() {
                each(table, position, first);
            }
        }
        _ => {}
    }
}

/// `   # note  ` -> ` # note`; no comment -> nothing.
fn trailing_comment(raw: &str) -> String {
    match raw.find('#') {
        Some(hash) => format!(" {}", raw[hash..].trim_end()),
        None => String::new(),
    }
}

fn has_comment(decor: &toml_edit::Decor) -> bool {
    let has = |raw: Option<&toml_edit::RawString>| {
        raw.and_then(|r| r.as_str())
            .is_some_and(|s| s.contains('#'))
    };
    has(decor.prefix()) || has(decor.suffix())
}

/// Canonical quoting for strings, one-line arrays and inline tables without comments, and the
/// spacing around a value; numbers, dates and booleans keep their text.
fn normalize_value(value: &mut Value, prefix: &str) {
    let suffix = value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .map(trailing_comment)
        .unwrap_or_default();
    match value {
        Value::String(text) => {
            let fresh = Value::from(text.value().as_str());
            *value = fresh;
        }
        Value::Array(array) => {
            let commented = array.iter().any(|v| has_comment(v.decor()))
                || array.trailing().as_str().is_some_and(|t| t.contains('#'));
            if !commented {
                for element in array.iter_mut() {
                    normalize_value(element, "");
                }
                array.fmt();
                array.set_trailing_comma(false);
                array.set_trailing("");
            }
        }
        Value::InlineTable(table) => {
            let commented = table.iter().any(|(k, _)| {
                table
                    .key(k)
                    .is_some_and(|key| has_comment(key.leaf_decor()))
            }) || table
                .get_values()
                .iter()
                .any(|(_, v)| has_comment(v.decor()))
                || table.trailing().as_str().is_some_and(|t| t.contains('#'));
            if !commented {
                for (_, inner) in table.iter_mut() {
                    normalize_value(inner, " ");
                }
                table.fmt();
            }
        }
        _ => {}
    }
    value.decor_mut().set_prefix(prefix.to_string());
    value.decor_mut().set_suffix(suffix);
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMENTED: &str = "\
# Acme: our oldest customer.
name = \"Acme Trading BV\"   # legal name
roles = [\"customer\", \"supplier\"]
email = 'ap@acme.example'
vat = \"BE0403170701\"      # checked 2024-01
terms = 14

[address]
# head office
street = \"Rue de la Loi 16\"
city   = \"Brussels\"
country = \"BE\"

[[notes]]
date = 2026-01-12
kind = \"complaint\"
text = \"Late delivery\"
";

    fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
        let a: Vec<&str> = before.lines().collect();
        let b: Vec<&str> = after.lines().collect();
        assert_eq!(a.len(), b.len(), "line count changed:\n{after}");
        a.iter()
            .zip(&b)
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
            .collect()
    }

    #[test]
    fn set_changes_only_the_targeted_value() {
        let mut doc = ContactDocument::parse(COMMENTED).unwrap();
        doc.set("vat", "BE0308357159").unwrap();
        assert_eq!(
            changed_lines(COMMENTED, &doc.text()),
            vec![(
                5,
                "vat = \"BE0403170701\"      # checked 2024-01".into(),
                "vat = \"BE0308357159\"      # checked 2024-01".into()
            )]
        );
        let mut doc = ContactDocument::parse(COMMENTED).unwrap();
        doc.set("address.city", "Gent").unwrap();
        assert_eq!(changed_lines(COMMENTED, &doc.text()).len(), 1);
        assert!(doc.text().contains("city   = \"Gent\"\n"));
        let mut doc = ContactDocument::parse(COMMENTED).unwrap();
        doc.set("terms", "30").unwrap();
        doc.set("tags", "vip, wholesale").unwrap();
        doc.set("email", "").unwrap();
        let text = doc.text();
        assert!(text.contains("terms = 30\n"), "{text}");
        assert!(text.contains("tags = [\"vip\", \"wholesale\"]\n"), "{text}");
        assert!(!text.contains("email"), "{text}");
        assert!(text.contains("# head office"));
        let contact = validate(&text, Path::new("c.toml"), "acme", None).unwrap();
        assert_eq!(contact.tags, ["vip", "wholesale"]);
        assert_eq!(contact.terms, Some(30));
    }

    #[test]
    fn set_creates_tables_and_refuses_unknown_keys() {
        let mut doc = ContactDocument::parse("name = \"A\"\n").unwrap();
        doc.set("address.city", "Gent").unwrap();
        doc.set("preferences.newsletter", "false").unwrap();
        doc.set("custom.account_manager", "Lena").unwrap();
        doc.set("since", "2021-03-01").unwrap();
        let text = doc.text();
        let contact = validate(&text, Path::new("c.toml"), "a", None).unwrap();
        assert_eq!(contact.address.city.as_deref(), Some("Gent"));
        assert_eq!(contact.preferences.newsletter, Some(false));
        assert_eq!(contact.since, NaiveDate::from_ymd_opt(2021, 3, 1));
        assert!(text.contains("since = 2021-03-01"), "{text}");
        assert!(
            doc.set("adress.city", "x")
                .unwrap_err()
                .contains("did you mean `address.city`")
        );
        assert!(
            doc.set("terms", "soon")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(doc.set("notes", "x").unwrap_err().contains("contact note"));
        assert!(
            doc.set("name", "")
                .unwrap_err()
                .contains("cannot be removed")
        );
        assert!(parse_assignment("city").unwrap_err().contains("key=value"));
        assert_eq!(parse_assignment("address.city=Gent=x").unwrap().1, "Gent=x");
    }

    fn note(date: NaiveDate, kind: &str, text: &str) -> contact::Note {
        contact::Note {
            date,
            kind: kind.into(),
            state: None,
            document: None,
            text: text.into(),
        }
    }

    #[test]
    fn an_open_note_is_written_with_its_document_and_closed_by_number() {
        let mut doc = ContactDocument::parse(COMMENTED).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let open = contact::Note {
            state: Some(contact::NoteState::Open),
            document: Some("INV-2026-0001".into()),
            ..note(day, "complaint", "Wrong quantity")
        };
        doc.add_note(&open).unwrap();
        assert!(doc.text().ends_with(
            "[[notes]]\ndate = 2026-02-01\nkind = \"complaint\"\nstate = \"open\"\ndocument = \"INV-2026-0001\"\ntext = \"Wrong quantity\"\n"
        ));
        doc.close_note(2).unwrap();
        let contact = validate(&doc.text(), Path::new("c.toml"), "acme", None).unwrap();
        assert_eq!(contact.notes[1].state, Some(contact::NoteState::Closed));
        assert_eq!(contact.notes[0].state, None);
        assert!(doc.close_note(3).unwrap_err().contains("from 1 to 2"));
        assert!(doc.close_note(0).is_err());
    }

    #[test]
    fn a_person_is_appended_and_a_bad_email_of_theirs_is_placed() {
        let mut doc = ContactDocument::parse("name = \"A\"\n").unwrap();
        let person = contact::Person {
            name: "Ann Peeters".into(),
            role: Some("billing".into()),
            email: Some("ann@".into()),
            phone: None,
        };
        doc.add_person(&person).unwrap();
        let problems = validate(&doc.text(), Path::new("c.toml"), "a", None).unwrap_err();
        assert_eq!(
            (problems[0].line, problems[0].column),
            (6, 9),
            "{problems:?}"
        );
        assert!(
            doc.set("people.email", "x")
                .unwrap_err()
                .contains("person add")
        );
    }

    #[test]
    fn notes_are_appended() {
        let mut doc = ContactDocument::parse(COMMENTED).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        doc.add_note(&note(day, "call", "Promised to pay \"Friday\""))
            .unwrap();
        let text = doc.text();
        assert!(text.starts_with(COMMENTED), "{text}");
        let contact = validate(&text, Path::new("c.toml"), "acme", None).unwrap();
        assert_eq!(contact.notes.len(), 2);
        assert_eq!(contact.notes[1].text, "Promised to pay \"Friday\"");
        let mut fresh = ContactDocument::parse("name = \"B\"\n").unwrap();
        fresh.add_note(&note(day, "email", "sent")).unwrap();
        assert_eq!(
            fresh.text(),
            "name = \"B\"\n\n[[notes]]\ndate = 2026-02-01\nkind = \"email\"\ntext = \"sent\"\n"
        );
        assert!(check_note_kind("complaint").is_ok());
        assert!(check_note_kind("Call me").is_err());
    }

    #[test]
    fn new_contacts_are_canonical() {
        let text = new_contact_text(&NewContact {
            name: "Acme \"Trading\"".into(),
            roles: vec![Role::Customer, Role::Supplier],
            email: Some("ap@acme.example".into()),
            tags: vec!["vip".into()],
            terms: Some(14),
            credit_limit: Some("5000.00".into()),
            city: Some("Gent".into()),
            country: Some("BE".into()),
            ..NewContact::default()
        });
        assert_eq!(
            text,
            "name = 'Acme \"Trading\"'\nroles = [\"customer\", \"supplier\"]\nemail = \"ap@acme.example\"\ntags = [\"vip\"]\nterms = 14\ncredit_limit = \"5000.00\"\n\n[address]\ncity = \"Gent\"\ncountry = \"BE\"\n"
        );
        assert!(validate(&text, Path::new("c.toml"), "acme", None).is_ok());
    }

    #[test]
    fn validation_is_strict_for_changed_values_only() {
        let old = validate(
            "name = \"A\"\nvat = \"BE0403170702\"\n",
            Path::new("c.toml"),
            "a",
            None,
        );
        let problems = old.unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (2, 7));
        assert!(problems[0].message.contains("expected 01"));
        // The same bad VAT number, untouched by the edit: left to `folio check`.
        let before = read_toml::<Contact>("name = \"A\"\nvat = \"BE0403170702\"\n")
            .value
            .unwrap();
        assert!(
            validate(
                "name = \"B\"\nvat = \"BE0403170702\"\n",
                Path::new("c"),
                "a",
                Some(&before)
            )
            .is_ok()
        );
        let broken = validate(
            "name = \"A\"\nterms = -1\nnam = 2\n",
            Path::new("c"),
            "a",
            None,
        )
        .unwrap_err();
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(check_new_id("con").is_err());
        assert!(check_new_id("Acme").is_err());
        assert!(check_new_id("acme").is_ok());
    }

    #[test]
    fn contracts_follow_the_notes_and_precede_unknown_tables() {
        let text = "name = \"A\"\n\n[zzz]\nx = 1\n\n[[contracts]]\nname = \"C\"\nstart = 2026-01-01\nend = 2026-12-31\n\n[[notes]]\ndate = 2026-01-02\nkind = \"call\"\ntext = \"t\"\n";
        assert_eq!(
            canonical_contact(text).unwrap(),
            "name = \"A\"\n\n[[notes]]\ndate = 2026-01-02\nkind = \"call\"\ntext = \"t\"\n\n[[contracts]]\nname = \"C\"\nstart = 2026-01-01\nend = 2026-12-31\n\n[zzz]\nx = 1\n"
        );
    }

    #[test]
    fn canonical_contact_files() {
        let messy = "# Contact of the year\n\n[address]\ncountry='BE'   \n  city = \"Gent\"\n\n\n\n# manager\n[custom]\nowner = \"Lena\"\n";
        let messy = format!(
            "email=\"a@b.example\"  # main\nname  =  'Acme'\ntags = [\n  \"b\",\n  \"a\",\n]\n{messy}"
        );
        let formatted = canonical_contact(&messy).unwrap();
        assert_eq!(
            formatted,
            "name = \"Acme\"\nemail = \"a@b.example\" # main\ntags = [\"b\", \"a\"]\n\n# Contact of the year\n\n[address]\ncity = \"Gent\"\ncountry = \"BE\"\n\n# manager\n[custom]\nowner = \"Lena\"\n"
        );
        assert_eq!(canonical_contact(&formatted).unwrap(), formatted);
        let header = "# File header\n# two lines\n\nphone = \"1\"\nname = \"A\"\n";
        let formatted = canonical_contact(header).unwrap();
        assert_eq!(
            formatted,
            "# File header\n# two lines\n\nname = \"A\"\nphone = \"1\"\n"
        );
        assert_eq!(canonical_contact(&formatted).unwrap(), formatted);
        let commented = canonical_contact(COMMENTED).unwrap();
        assert_eq!(canonical_contact(&commented).unwrap(), commented);
        for comment in [
            "# Acme: our oldest customer.",
            "# legal name",
            "# checked 2024-01",
            "# head office",
        ] {
            assert!(commented.contains(comment), "{comment} lost:\n{commented}");
        }
        assert!(canonical_contact("name = ").is_err());
    }
}
