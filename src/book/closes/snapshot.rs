//! What a close seals: one row per entry dated up to the close, with the SHA-256 of the entry's
//! canonical line and of its document's bytes, sorted by date then id. The close's digest is the
//! SHA-256 of these rows as text, which is the snapshot file without its `#` lines, so
//! `grep -v '^#' closes/2026-09-30.digest | sha256sum` gives it back.

use super::super::{Book, DOCUMENTS_DIR, display_path};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio::{BookDir, Refusal};
use crate::journal::format::format_entry_line;
use crate::journal::parser::{check_document_id, free_metadata, parse_date};
use chrono::NaiveDate;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One entry of a closed period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The entry's date.
    pub date: NaiveDate,
    /// Its document id.
    pub id: String,
    /// The SHA-256 of its canonical line (`folio fmt`'s layout), lower-case hex.
    pub entry: String,
    /// The SHA-256 of its document file's bytes, when it has one.
    pub document: Option<String>,
    /// Where the row comes from: the journal line of an entry, or the snapshot file's line.
    pub place: (PathBuf, u32),
}

impl Row {
    /// The row as the snapshot writes it, without its newline.
    pub fn to_line(&self) -> String {
        match &self.document {
            Some(document) => format!("{} {} {} {document}", self.date, self.id, self.entry),
            None => format!("{} {} {}", self.date, self.id, self.entry),
        }
    }
}

/// The rows of a close, sorted by date then id.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The rows.
    pub rows: Vec<Row>,
}

impl Snapshot {
    /// The book's entries dated on or before `through`, with their documents.
    pub fn of_book(book: &Book, through: NaiveDate) -> Result<Snapshot> {
        let dir = BookDir::new(&book.root)?;
        // One listing of documents/ rather than a look-up per entry of a large book.
        let issued = issued_documents(&book.root)?;
        // Hashed on every core: `check` hashes every entry of the closed periods.
        let mut rows = book
            .entries
            .par_iter()
            .filter(|entry| entry.date <= through)
            .map(|entry| {
                let line = book.entry_line(entry);
                let id = book.entry_id(entry);
                let document = match document_path(&book.root, &issued, id, line) {
                    Some(path) => document_digest(&dir, &path)?,
                    None => None,
                };
                Ok(Row {
                    date: entry.date,
                    id: id.to_string(),
                    entry: hex(&Sha256::digest(format_entry_line(line).as_bytes())),
                    document,
                    place: (book.entry_path(entry).to_path_buf(), entry.line),
                })
            })
            .collect::<Result<Vec<Row>>>()?;
        rows.par_sort_by(|a, b| (a.date, &a.id, &a.entry).cmp(&(b.date, &b.id, &b.entry)));
        Ok(Snapshot { rows })
    }

    /// The rows dated on or before `through` (the rows are sorted by date).
    pub fn up_to(&self, through: NaiveDate) -> Snapshot {
        let end = self.rows.partition_point(|row| row.date <= through);
        Snapshot {
            rows: self.rows[..end].to_vec(),
        }
    }

    /// The rows as text, one per line: what the digest is taken of.
    pub fn body(&self) -> String {
        let mut text = String::with_capacity(self.rows.len() * 150);
        for row in &self.rows {
            text.push_str(&row.to_line());
            text.push('\n');
        }
        text
    }

    /// The SHA-256 of [`Snapshot::body`], lower-case hex.
    pub fn digest(&self) -> String {
        hex(&Sha256::digest(self.body().as_bytes()))
    }

    /// How many rows have a document.
    pub fn documents(&self) -> u64 {
        self.rows
            .iter()
            .filter(|row| row.document.is_some())
            .count() as u64
    }

    /// The snapshot file: a comment, then the rows.
    pub fn file_text(&self, through: NaiveDate) -> String {
        format!(
            "# folio close through {through}: every entry dated up to it, by date then id.\n\
             # DATE ID SHA256-OF-LINE [SHA256-OF-DOCUMENT]; the close's digest is the SHA-256 of the lines below.\n{}",
            self.body()
        )
    }

    /// Reads a snapshot file; `None` when it is missing. A line that is not a row is an error
    /// at its place.
    pub fn read(root: &Path, through: NaiveDate) -> Result<Option<(Snapshot, Vec<Diagnostic>)>> {
        let path = super::snapshot_path(root, through);
        let shown = display_path(root, path.strip_prefix(root).unwrap_or(&path));
        let dir = BookDir::new(root)?;
        let mut diagnostics = Vec::new();
        let Some(text) = super::read_text(&dir, &path, &shown, &mut diagnostics)? else {
            return Ok(None);
        };
        let mut rows = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index as u32 + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_row(line) {
                Some((date, id, entry, document)) => rows.push(Row {
                    date,
                    id,
                    entry,
                    document,
                    place: (shown.clone(), number),
                }),
                None => diagnostics.push(
                    Diagnostic::error(
                        &shown,
                        number,
                        1,
                        "expected DATE ID SHA256-OF-LINE [SHA256-OF-DOCUMENT]",
                    )
                    .with_excerpt(line),
                ),
            }
        }
        Ok(Some((Snapshot { rows }, diagnostics)))
    }

    /// Writes the snapshot file of a close (atomically; the caller holds the lock).
    pub fn write(&self, root: &Path, through: NaiveDate) -> Result<()> {
        let path = super::snapshot_path(root, through);
        super::super::write::confine(root, &path)?;
        super::super::write::ensure_parent(&path)?;
        crate::fsio::write_atomic(&path, self.file_text(through).as_bytes())
    }
}

type Parsed = (NaiveDate, String, String, Option<String>);

fn parse_row(line: &str) -> Option<Parsed> {
    let fields: Vec<&str> = line.split(' ').collect();
    if !(3..=4).contains(&fields.len()) {
        return None;
    }
    let date = parse_date(fields[0]).ok()?;
    check_document_id(fields[1]).ok()?;
    let digests = &fields[2..];
    if !digests.iter().all(|d| is_digest(d)) {
        return None;
    }
    Some((
        date,
        fields[1].to_string(),
        fields[2].to_string(),
        fields.get(3).map(|d| d.to_string()),
    ))
}

/// 64 lower-case hexadecimal digits.
pub(super) fn is_digest(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The ids of the documents in `documents/` (`documents/<ID>.toml`, an id with `/` in a
/// subfolder).
fn issued_documents(root: &Path) -> Result<HashSet<String>> {
    let folder = root.join(DOCUMENTS_DIR);
    let files = super::super::write::files_below(root, DOCUMENTS_DIR, "toml")?;
    Ok(files
        .iter()
        .filter_map(|path| path.strip_prefix(&folder).ok()?.to_str())
        .filter_map(|name| name.strip_suffix(".toml"))
        .map(|id| id.replace(std::path::MAIN_SEPARATOR, "/"))
        .collect())
}

/// The document file of an entry: `documents/<ID>.toml` when it exists (an invoice, credit note
/// or debit note issued with items), else the received document its `ubl:` names.
fn document_path(root: &Path, issued: &HashSet<String>, id: &str, line: &str) -> Option<PathBuf> {
    if issued.contains(id) {
        return Some(root.join(DOCUMENTS_DIR).join(format!("{id}.toml")));
    }
    free_metadata(line)
        .into_iter()
        .find(|(key, _)| *key == "ubl")
        .map(|(_, value)| root.join(value))
        .filter(|path| path.is_file())
}

fn document_digest(dir: &BookDir, path: &Path) -> Result<Option<String>> {
    match dir.read(path) {
        Ok(Some(bytes)) => Ok(Some(hex(&Sha256::digest(&bytes)))),
        Ok(None) => Ok(None),
        Err(Refusal::Io(e)) => Err(Error::io(path, e)),
        Err(refusal) => Err(Error::InvalidData(format!("{}: {refusal}", path.display()))),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut text, b| {
        let _ = write!(text, "{b:02x}");
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_that_of_the_snapshot_rows() {
        let snapshot = Snapshot {
            rows: vec![Row {
                date: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                id: "INV-1".to_string(),
                entry: hex(&Sha256::digest(b"2026-07-01 invoice INV-1 acme 10")),
                document: None,
                place: (PathBuf::new(), 0),
            }],
        };
        assert_eq!(hex(&Sha256::digest(b"abc")).len(), 64);
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let body = snapshot.body();
        assert_eq!(snapshot.digest(), hex(&Sha256::digest(body.as_bytes())));
        let text = snapshot.file_text(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        let rows: String = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(rows, body);
        assert!(parse_row(body.trim_end()).is_some());
    }
}
