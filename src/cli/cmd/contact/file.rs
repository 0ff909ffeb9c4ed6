//! The contact file a subcommand works on: finding it, reading it, and changing it under the
//! book's lock.

use super::LockArgs;
use crate::book::edit::{self, ContactDocument};
use crate::book::{self, Location, write};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio;
use crate::output;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A contact file: where it is and how it is shown.
pub(super) struct ContactFile {
    /// The file.
    pub(super) path: PathBuf,
    /// The path as shown in messages.
    pub(super) shown: PathBuf,
}

/// A path below the book as shown in messages.
pub(super) fn shown_path(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => book::display_path(root, relative),
        Err(_) => path.to_path_buf(),
    }
}

/// The file of contact `id`, or a not-found error that suggests the nearest ids.
pub(super) fn contact_file(location: &Location, id: &str) -> Result<ContactFile> {
    let root = &location.root;
    let path = write::find_contact_file(root, id)?.ok_or_else(|| {
        let ids = write::files_below(root, book::CONTACTS_DIR, "toml").unwrap_or_default();
        let stems: Vec<String> = ids
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        match crate::diagnostic::nearest(id, stems.iter().map(String::as_str), 3).as_slice() {
            [] => Error::NotFound(format!(
                "no contact `{id}` in {}",
                root.join(book::CONTACTS_DIR).display()
            )),
            near => Error::NotFound(format!(
                "no contact `{id}`{}",
                crate::diagnostic::suggestion(near)
            )),
        }
    })?;
    write::confine(root, &path)?;
    Ok(ContactFile {
        shown: shown_path(root, &path),
        path,
    })
}

/// A contact file's text, without a byte-order mark; not UTF-8 is invalid data.
pub(super) fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::InvalidData(format!(
            "{} is not UTF-8 text; re-save it as UTF-8 first",
            path.display()
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Prints every problem to stderr and returns the error that says nothing was written.
pub(super) fn refuse(problems: &[Diagnostic], shown: &Path) -> Error {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = output::diagnostic::write_all(problems, &mut err);
    Error::InvalidData(format!(
        "{} was not changed: the result would be invalid",
        shown.display()
    ))
}

/// Reads a contact file, applies `edit` to it, validates the result and writes it atomically,
/// all under the book's lock.
pub(super) fn change(
    location: &Location,
    id: &str,
    lock: &LockArgs,
    what: &str,
    out: &mut dyn Write,
    edit: impl FnOnce(&mut ContactDocument) -> Result<()>,
) -> Result<()> {
    let _lock = lock.acquire(location, what)?;
    let file = contact_file(location, id)?;
    let text = read(&file.path)?;
    let mut doc = ContactDocument::parse(&text).map_err(|m| {
        Error::InvalidData(format!(
            "{}: {m}; fix it with `folio contact edit {id}`",
            file.shown.display()
        ))
    })?;
    edit(&mut doc)?;
    let changed = doc.text();
    let before = edit::parse_contact(&text);
    edit::validate(&changed, &file.shown, id, before.as_ref())
        .map_err(|problems| refuse(&problems, &file.shown))?;
    if changed != text {
        fsio::write_atomic(&file.path, changed.as_bytes())?;
        fsio::failpoint("contact-written");
    }
    writeln!(out, "{}", file.shown.display())?;
    Ok(())
}
