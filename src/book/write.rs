//! Where writes go, and that they stay inside the book: contact files are found by id below
//! `contacts/`, journal files are `journal/<year>.journal`, and no write follows a symbolic link
//! (or a linked folder) to a place outside the book's directory.

use super::{CONTACTS_DIR, DOCUMENTS_DIR, JOURNAL_DIR, QUOTES_DIR};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file of contact `id`: `contacts/**/<id>.toml` (contacts may sit in subfolders), if any.
pub fn find_contact_file(root: &Path, id: &str) -> Result<Option<PathBuf>> {
    let name = format!("{id}.toml");
    let mut pending = vec![root.join(CONTACTS_DIR)];
    let mut found = Vec::new();
    while let Some(dir) = pending.pop() {
        let listing = match std::fs::read_dir(&dir) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&dir, e)),
        };
        for item in listing {
            let item = item.map_err(|e| Error::io(&dir, e))?;
            let path = item.path();
            let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
            if is_dir {
                if !item.file_name().to_string_lossy().starts_with('.') {
                    pending.push(path);
                }
            } else if item.file_name().to_str() == Some(name.as_str()) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found.into_iter().next())
}

/// Where a new contact's file goes: `contacts/<id>.toml`.
pub fn new_contact_path(root: &Path, id: &str) -> PathBuf {
    root.join(CONTACTS_DIR).join(format!("{id}.toml"))
}

/// The journal file entries of `year` are appended to: `journal/<year>.journal`.
pub fn journal_path(root: &Path, year: i32) -> PathBuf {
    root.join(JOURNAL_DIR).join(format!("{year:04}.journal"))
}

/// Refuses to write `path` when it, or the folder it would be created in, resolves (through
/// symbolic links) to a place outside the book's directory.
pub fn confine(root: &Path, path: &Path) -> Result<()> {
    let book = root.canonicalize().map_err(|e| Error::io(root, e))?;
    // The file itself when it exists (a symlink is followed), else its nearest existing folder.
    let mut probe = path.to_path_buf();
    let resolved = loop {
        match probe.canonicalize() {
            Ok(resolved) => break resolved,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if std::fs::symlink_metadata(&probe).is_ok() {
                    return Err(Error::InvalidData(format!(
                        "{} is a symbolic link to nowhere; folio does not write through it",
                        path.display()
                    )));
                }
                match probe.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => probe = parent.to_path_buf(),
                    _ => break book.clone(),
                }
            }
            Err(e) => return Err(Error::io(path, e)),
        }
    };
    if resolved.starts_with(&book) {
        Ok(())
    } else {
        Err(Error::InvalidData(format!(
            "{} leads outside the book (to {}) through a symbolic link; folio only writes inside the book",
            path.display(),
            resolved.display()
        )))
    }
}

/// Creates the folder a file goes into, when missing (`journal/` in a fresh checkout).
pub fn ensure_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
        }
        _ => Ok(()),
    }
}

/// Every file below `root/dir` whose name ends in `.extension`, in path order; hidden folders
/// and folders reached through symbolic links are skipped.
pub fn files_below(root: &Path, dir: &str, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![root.join(dir)];
    while let Some(folder) = pending.pop() {
        let listing = match std::fs::read_dir(&folder) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&folder, e)),
        };
        for item in listing {
            let item = item.map_err(|e| Error::io(&folder, e))?;
            let path = item.path();
            let kind = item.file_type().map_err(|e| Error::io(&path, e))?;
            if kind.is_dir() {
                if !item.file_name().to_string_lossy().starts_with('.') {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == extension)
                && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The temporary files that writes killed before their rename left in the folders folio writes
/// under the book's lock (the book's own folder, contacts/, journal/, documents/, quotes/, rates/), in
/// path order. Folders reached through symbolic links are not searched.
pub fn leftover_temp_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    temp_files_in(root, false, &mut found);
    for dir in [
        CONTACTS_DIR,
        JOURNAL_DIR,
        DOCUMENTS_DIR,
        QUOTES_DIR,
        super::rates::RATES_DIR,
    ] {
        temp_files_in(&root.join(dir), true, &mut found);
    }
    found.sort();
    found
}

fn temp_files_in(folder: &Path, below: bool, found: &mut Vec<PathBuf>) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    for item in listing.flatten() {
        let Ok(kind) = item.file_type() else {
            continue;
        };
        let name = item.file_name();
        if kind.is_dir() && below {
            temp_files_in(&item.path(), true, found);
        } else if kind.is_file() && name.to_str().is_some_and(crate::fsio::is_temp_file_name) {
            found.push(item.path());
        }
    }
}

/// Removes the leftover temporary files ([`leftover_temp_files`]) last written before `since`:
/// called by a writer that has just taken the book's lock, so no other writer of the book can
/// still be working on them. Best effort: one that cannot be removed stays for `check` to name.
pub fn remove_leftover_temp_files(root: &Path, since: std::time::SystemTime) {
    for path in leftover_temp_files(root) {
        let stale = std::fs::symlink_metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|modified| modified < since);
        if stale {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_files_are_found_in_subfolders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("contacts/eu")).unwrap();
        std::fs::write(root.join("contacts/eu/acme.toml"), "name = \"A\"\n").unwrap();
        std::fs::write(root.join("contacts/beta.toml"), "name = \"B\"\n").unwrap();
        assert_eq!(
            find_contact_file(root, "acme").unwrap(),
            Some(root.join("contacts/eu/acme.toml"))
        );
        assert_eq!(
            find_contact_file(root, "beta").unwrap(),
            Some(root.join("contacts/beta.toml"))
        );
        assert_eq!(find_contact_file(root, "gamma").unwrap(), None);
        assert_eq!(journal_path(root, 2026), root.join("journal/2026.journal"));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_book_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("journal")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.toml"), root.join("contacts/x.toml"))
            .unwrap();
        std::fs::write(outside.path().join("y.toml"), "").unwrap();
        std::os::unix::fs::symlink(outside.path().join("y.toml"), root.join("contacts/y.toml"))
            .unwrap();
        let error = confine(root, &journal_path(root, 2026)).unwrap_err();
        assert!(error.to_string().contains("outside the book"), "{error}");
        assert!(
            confine(root, &root.join("contacts/x.toml")).is_err(),
            "dangling link"
        );
        assert!(confine(root, &root.join("contacts/y.toml")).is_err());
        assert!(confine(root, &root.join("contacts/new.toml")).is_ok());
        std::fs::create_dir_all(root.join("contacts/sub")).unwrap();
        std::os::unix::fs::symlink(root.join("contacts/sub"), root.join("contacts/inside"))
            .unwrap();
        assert!(
            confine(root, &root.join("contacts/inside/z.toml")).is_ok(),
            "links within the book are fine"
        );
    }
}
