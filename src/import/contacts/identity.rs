//! Which contact a row is: the existing one it matches on the key (or, failing that, on its
//! name), or a new one with the row's id or an id made from its name; and the conflicts with the
//! book and the rows before it (two rows for one contact, two new contacts with one key).

use super::values::RowValues;
use super::{Existing, Import, Key};
use crate::book::{edit, slug};
use crate::diagnostic::Diagnostic;
use crate::identifiers::vat;
use std::collections::HashMap;

/// The book's contacts by id, by key (`--key vat` or `email`, compared form) and by folded name.
pub(super) struct Index<'a> {
    pub(super) by_id: HashMap<&'a str, usize>,
    by_key: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> Index<'a> {
    /// Indexes `existing` for matching on `key`.
    pub(super) fn of(existing: &'a [Existing<'a>], key: Key) -> Index<'a> {
        let by_id: HashMap<&str, usize> = existing
            .iter()
            .enumerate()
            .map(|(i, e)| (e.contact.id.as_str(), i))
            .collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, e) in existing.iter().enumerate() {
            let key = match key {
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
        Index {
            by_id,
            by_key,
            by_name,
        }
    }
}

/// Which existing contact a row is, and the keys it is known by.
pub(super) struct Identity {
    /// The existing contact it matches (an index into the existing contacts).
    pub(super) matched: Option<usize>,
    /// The row's value for the key, in compared form.
    pub(super) key_value: Option<String>,
    /// The row's name, folded.
    pub(super) name_key: Option<String>,
}

impl Import<'_> {
    /// The existing contact the row matches on the key, else on its name.
    pub(super) fn identify(&self, row: &RowValues<'_>, problems: &mut Vec<Diagnostic>) -> Identity {
        let key = self.options.key;
        let key_value = row.get(key.field()).map(|v| match key {
            Key::Id => v.text.clone(),
            Key::Vat => vat::compact(&v.text),
            Key::Email => v.text.to_lowercase(),
        });
        let name_key = row.get("name").map(|v| slug::fold(v.text.trim()));
        let mut matched: Option<usize> = None;
        match (&key_value, key) {
            (Some(id), Key::Id) => matched = self.index.by_id.get(id.as_str()).copied(),
            (Some(k), _) => match self.index.by_key.get(k).map(Vec::as_slice) {
                Some([one]) => matched = Some(*one),
                Some(many) if many.len() > 1 => {
                    problems.push(self.problem(
                        row.row,
                        row.get(key.field()),
                        format!(
                            "{} contacts have this {}: {}; import them with --key id",
                            many.len(),
                            key.field(),
                            self.ids(many).join(", ")
                        ),
                    ));
                }
                _ => {}
            },
            (None, _) => {}
        }
        if matched.is_none()
            && problems.is_empty()
            && (key_value.is_none() || key != Key::Id)
            && let Some(name) = &name_key
        {
            matched = self.by_name(row, name, key_value.is_none(), problems);
        }
        if let (Some(index), Some(id_value)) = (matched, row.get("id")) {
            let found = &self.existing[index].contact.id;
            if &id_value.text != found {
                problems.push(self.problem(
                    row.row,
                    Some(id_value),
                    format!(
                        "the row's {} matches contact `{found}`, but its id is `{}`",
                        key.field(),
                        id_value.text
                    ),
                ));
            }
        }
        Identity {
            matched,
            key_value,
            name_key,
        }
    }

    /// The ids of existing contacts.
    fn ids(&self, indexes: &[usize]) -> Vec<&str> {
        indexes
            .iter()
            .map(|&i| self.existing[i].contact.id.as_str())
            .collect()
    }

    /// No contact with the key: the row is the contact of the same name, if there is one and it
    /// has no value for the key (`--key vat` on a book whose contacts have no VAT yet).
    fn by_name(
        &self,
        row: &RowValues<'_>,
        name: &str,
        no_key_value: bool,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let key_is_blank = |index: usize| match self.options.key {
            _ if no_key_value => true,
            Key::Id => false,
            Key::Vat => self.existing[index].contact.vat.is_none(),
            Key::Email => self.existing[index].contact.email.is_none(),
        };
        match self.index.by_name.get(name).map(Vec::as_slice) {
            Some([one]) if key_is_blank(*one) => Some(*one),
            Some(many) if many.len() > 1 && no_key_value => {
                problems.push(self.problem(
                    row.row,
                    row.get("name"),
                    format!(
                        "{} contacts have this name ({}); give the row an id (or another key) to say which",
                        many.len(),
                        self.ids(many).join(", ")
                    ),
                ));
                None
            }
            _ => None,
        }
    }

    /// The id of the row's contact: the matched one's, else the row's id (checked as a new id),
    /// else one made from the name (the same as an earlier row's for the same new name).
    pub(super) fn contact_id(
        &self,
        row: &RowValues<'_>,
        identity: &Identity,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        if let Some(index) = identity.matched {
            return self.existing[index].contact.id.clone();
        }
        if let Some(v) = row.get("id") {
            if let Err(message) = edit::check_new_id(&v.text) {
                problems.push(self.problem(row.row, Some(v), message));
            } else if let Some(&other) = self.index.by_id.get(v.text.as_str()) {
                problems.push(self.problem(
                    row.row,
                    Some(v),
                    format!(
                        "contact `{}` exists with another {}; use --key id to update it",
                        self.existing[other].contact.id,
                        self.options.key.field()
                    ),
                ));
            }
            return v.text.clone();
        }
        let Some(v) = row.get("name") else {
            problems.push(self.problem(
                row.row,
                None,
                "a new contact needs a name: the name cell is empty".into(),
            ));
            return String::new();
        };
        // The same new contact named twice in the file gets the same id.
        let earlier = identity
            .name_key
            .as_ref()
            .and_then(|n| self.new_keys.get(&format!("name:{n}")))
            .filter(|_| identity.key_value.is_none())
            .map(|(_, id)| id.clone());
        earlier.unwrap_or_else(|| {
            slug::unique_id(&v.text, |candidate| {
                self.index.by_id.contains_key(candidate) || self.claimed.contains_key(candidate)
            })
        })
    }

    /// Problems with the rows before: the contact has no name to be created with, another row
    /// imports it already, or another row creates a contact with the same key.
    pub(super) fn check_conflicts(
        &self,
        row: &RowValues<'_>,
        identity: &Identity,
        id: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        let key = self.options.key.field();
        if identity.matched.is_none() && row.get("name").is_none() && !id.is_empty() {
            problems.push(self.problem(
                row.row,
                row.get("id"),
                format!("no contact `{id}` to update, and no name to create it with"),
            ));
        }
        if let Some(&earlier) = self.claimed.get(id).filter(|_| !id.is_empty()) {
            problems.push(self.problem(
                row.row,
                row.get(key).or(row.get("name")),
                format!("row {earlier} already imports contact `{id}`; one row per contact"),
            ));
        }
        if identity.matched.is_none()
            && let Some(key_value) = &identity.key_value
            && let Some((earlier, other)) = self.new_keys.get(&format!("key:{key_value}"))
        {
            problems.push(self.problem(
                row.row,
                row.get(key),
                format!("row {earlier} already creates contact `{other}` with this {key}"),
            ));
        }
    }

    /// Records that `row_number` imports contact `id`, for the rows after it.
    pub(super) fn claim(&mut self, identity: &Identity, id: &str, row_number: u32) {
        self.claimed.insert(id.to_string(), row_number);
        if identity.matched.is_none() {
            if let Some(key) = &identity.key_value {
                self.new_keys
                    .insert(format!("key:{key}"), (row_number, id.to_string()));
            }
            if let Some(name) = &identity.name_key {
                self.new_keys
                    .insert(format!("name:{name}"), (row_number, id.to_string()));
            }
        }
    }
}
