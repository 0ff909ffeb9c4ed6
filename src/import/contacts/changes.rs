//! The contact file a row leads to: the existing file with the fields that differ set through
//! toml_edit (so comments and layout survive), or a new file; checked as `folio check` would.

use super::values::{RowValues, holds};
use super::{Action, Existing, Import, key_path};
use crate::book::contact_fields;
use crate::book::edit::{self, ContactDocument};
use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

/// A contact file as a row would leave it.
pub(super) struct Change {
    /// The contact file.
    pub(super) path: PathBuf,
    /// Its text before (`None` for a new file).
    pub(super) original: Option<String>,
    /// Its text after.
    pub(super) text: String,
    /// The fields set.
    pub(super) changed: Vec<String>,
}

impl Change {
    /// Create, update, or nothing when the text stays the same.
    pub(super) fn action(self, before: Option<&Existing<'_>>) -> (Action, PathBuf, String) {
        let action = match (before, self.changed.is_empty()) {
            (None, _) => Action::Create,
            (Some(_), true) => Action::Unchanged,
            (Some(_), false) => Action::Update(self.changed),
        };
        let unchanged_text = self.original.as_deref() == Some(self.text.as_str());
        let action = if unchanged_text && action != Action::Create {
            Action::Unchanged
        } else {
            action
        };
        (action, self.path, self.text)
    }
}

impl Import<'_> {
    /// The file of contact `id` (`before` when it exists) with the row's values set; `None` when
    /// the existing file cannot be edited. `Err` when it cannot be read.
    pub(super) fn change(
        &self,
        row: &RowValues<'_>,
        before: Option<&Existing<'_>>,
        id: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<Option<Change>, String> {
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
            None => (crate::book::write::new_contact_path(self.root, id), None),
        };
        let mut document = match &original {
            Some(text) => match ContactDocument::parse(text) {
                Ok(doc) => doc,
                Err(message) => {
                    problems.push(self.problem(
                        row.row,
                        None,
                        format!(
                            "{}: {message}; fix it with `folio contact edit {id}`",
                            path.display()
                        ),
                    ));
                    return Ok(None);
                }
            },
            None => match ContactDocument::parse("") {
                Ok(doc) => doc,
                Err(_) => return Ok(None),
            },
        };
        let mut changed: Vec<String> = Vec::new();
        let columns: Vec<&str> = contact_fields::columns().collect();
        for field in columns.into_iter().chain(
            row.values
                .iter()
                .filter(|v| v.field.starts_with("custom."))
                .map(|v| v.field.as_str()),
        ) {
            let Some(value) = row.get(field) else {
                continue;
            };
            if before.is_some_and(|e| holds(e.contact, field, &value.text)) {
                continue;
            }
            match document.set(&key_path(field), &value.text) {
                Ok(()) => changed.push(field.to_string()),
                Err(message) => problems.push(self.problem(row.row, Some(value), message)),
            }
        }
        let text = document.text();
        let file_shown = path.strip_prefix(self.root).unwrap_or(&path).to_path_buf();
        if let Err(found) = edit::validate(&text, &file_shown, id, before.map(|e| e.contact)) {
            // Say which cell each problem comes from.
            for d in found {
                let value = row.values.iter().find(|v| {
                    crate::diagnostic::key_position(&text, &key_path(&v.field))
                        .is_some_and(|(line, _)| line == d.line)
                });
                problems.push(self.problem(row.row, value, d.message));
            }
        }
        Ok(Some(Change {
            path,
            original,
            text,
            changed,
        }))
    }
}
