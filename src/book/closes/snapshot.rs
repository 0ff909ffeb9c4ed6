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
        let mut line = String::with_capacity(160);
        self.write_line(&mut line);
        line
    }

    /// Appends [`Row::to_line`] to `out`, so a digest of many rows reuses one buffer.
    fn write_line(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{} {} {}", self.date, self.id, self.entry);
        if let Some(document) = &self.document {
            out.push(' ');
            out.push_str(document);
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
    pub fn up_to(&self, through: NaiveDate) -> &[Row] {
        &self.rows[..self.rows.partition_point(|row| row.date <= through)]
    }

    /// The digest of each prefix [`Snapshot::up_to`] a date of `throughs` (ascending) gives, in
    /// one pass: the rows of a later close are hashed on from the state an earlier one left.
    pub fn digests_up_to(&self, throughs: &[NaiveDate]) -> Vec<String> {
        let mut hasher = Sha256::new();
        let mut line = String::with_capacity(160);
        let mut rows = self.rows.iter().peekable();
        let mut digests = Vec::with_capacity(throughs.len());
        for &through in throughs {
            while let Some(row) = rows.next_if(|row| row.date <= through) {
                hash_line(&mut hasher, row, &mut line);
            }
            digests.push(hex(&hasher.clone().finalize()));
        }
        digests
    }

    /// The rows as text, one per line: what the digest is taken of.
    pub fn body(&self) -> String {
        let mut text = String::with_capacity(self.rows.len() * 150);
        for row in &self.rows {
            row.write_line(&mut text);
            text.push('\n');
        }
        text
    }

    /// The SHA-256 of [`Snapshot::body`], lower-case hex.
    pub fn digest(&self) -> String {
        digest_of(&self.rows)
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
        let Some((text, shown, mut diagnostics)) = read_file(root, through)? else {
            return Ok(None);
        };
        let mut rows = Vec::new();
        each_row(&text, &shown, &mut diagnostics, |number, _, fields| {
            let (date, id, entry, document) = fields;
            rows.push(Row {
                date,
                id: id.to_string(),
                entry: entry.to_string(),
                document: document.map(str::to_string),
                place: (shown.clone(), number),
            });
        });
        Ok(Some((Snapshot { rows }, diagnostics)))
    }

    /// The digest of a snapshot file as [`Snapshot::read`] then [`Snapshot::digest`] give it,
    /// with the same problems, without keeping its rows: what `check` needs of an intact close.
    pub fn read_digest(
        root: &Path,
        through: NaiveDate,
    ) -> Result<Option<(String, Vec<Diagnostic>)>> {
        let Some((text, shown, mut diagnostics)) = read_file(root, through)? else {
            return Ok(None);
        };
        let mut hasher = Sha256::new();
        // A row's line is its canonical text: single spaces, a strict date, nothing around.
        each_row(&text, &shown, &mut diagnostics, |_, line, _| {
            hasher.update(line.as_bytes());
            hasher.update(b"\n");
        });
        Ok(Some((hex(&hasher.finalize()), diagnostics)))
    }

    /// Writes the snapshot file of a close (atomically; the caller holds the lock).
    pub fn write(&self, root: &Path, through: NaiveDate) -> Result<()> {
        let path = super::snapshot_path(root, through);
        super::super::write::confine(root, &path)?;
        super::super::write::ensure_parent(&path)?;
        crate::fsio::write_atomic(&path, self.file_text(through).as_bytes())
    }
}

/// A row's fields as written: date, id, SHA-256 of the line, of the document if any.
type Parsed<'a> = (NaiveDate, &'a str, &'a str, Option<&'a str>);

/// The text of a snapshot file, as shown in messages, and the problems reading it gave.
type SnapshotFile = (String, PathBuf, Vec<Diagnostic>);

fn read_file(root: &Path, through: NaiveDate) -> Result<Option<SnapshotFile>> {
    let path = super::snapshot_path(root, through);
    let shown = display_path(root, path.strip_prefix(root).unwrap_or(&path));
    let dir = BookDir::new(root)?;
    let mut diagnostics = Vec::new();
    let text = super::read_text(&dir, &path, &shown, &mut diagnostics)?;
    Ok(text.map(|text| (text, shown, diagnostics)))
}

/// Calls `row` with each row of a snapshot file's text (its line number, line and fields); a
/// line that is neither a row, blank nor a `#` comment is an error at its place.
fn each_row<'a>(
    text: &'a str,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    mut row: impl FnMut(u32, &'a str, Parsed<'a>),
) {
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_row(line) {
            Some(fields) => row(number, line, fields),
            None => diagnostics.push(
                Diagnostic::error(
                    shown,
                    number,
                    1,
                    "expected DATE ID SHA256-OF-LINE [SHA256-OF-DOCUMENT]",
                )
                .with_excerpt(line),
            ),
        }
    }
}

fn parse_row(line: &str) -> Option<Parsed<'_>> {
    let mut fields = line.split(' ');
    let (date, id, entry) = (fields.next()?, fields.next()?, fields.next()?);
    let document = fields.next();
    if fields.next().is_some() {
        return None;
    }
    let date = parse_date(date).ok()?;
    check_document_id(id).ok()?;
    if !is_digest(entry) || document.is_some_and(|d| !is_digest(d)) {
        return None;
    }
    Some((date, id, entry, document))
}

/// The SHA-256 of the rows as text ([`Snapshot::body`]), without building that text.
fn digest_of(rows: &[Row]) -> String {
    let mut hasher = Sha256::new();
    let mut line = String::with_capacity(160);
    for row in rows {
        hash_line(&mut hasher, row, &mut line);
    }
    hex(&hasher.finalize())
}

fn hash_line(hasher: &mut Sha256, row: &Row, line: &mut String) {
    line.clear();
    row.write_line(line);
    line.push('\n');
    hasher.update(line.as_bytes());
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
    // A `ubl:` key is written as such; most lines have none and need no split into fields.
    if !line.contains("ubl:") {
        return None;
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    text
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

    fn row(date: &str, id: &str, document: bool) -> Row {
        Row {
            date: parse_date(date).unwrap(),
            id: id.to_string(),
            entry: hex(&Sha256::digest(id.as_bytes())),
            document: document.then(|| hex(&Sha256::digest(b"document"))),
            place: (PathBuf::new(), 0),
        }
    }

    #[test]
    fn the_digests_of_earlier_closes_are_those_of_their_prefixes() {
        let all = Snapshot {
            rows: vec![
                row("2026-01-31", "A", false),
                row("2026-02-28", "B", true),
                row("2026-03-31", "C", false),
            ],
        };
        let throughs = ["2025-12-31", "2026-02-28", "2026-03-31"].map(|d| parse_date(d).unwrap());
        let expected: Vec<String> = throughs
            .iter()
            .map(|&through| {
                Snapshot {
                    rows: all.up_to(through).to_vec(),
                }
                .digest()
            })
            .collect();
        assert_eq!(all.digests_up_to(&throughs), expected);
        assert_eq!(expected[0], hex(&Sha256::digest(b"")));
        assert_eq!(expected[2], hex(&Sha256::digest(all.body().as_bytes())));
    }

    #[test]
    fn a_snapshot_file_digests_as_its_rows_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let through = parse_date("2026-03-31").unwrap();
        let sealed = Snapshot {
            rows: vec![
                row("2026-01-31", "A", false),
                row("2026-02-28", "B/2", true),
            ],
        };
        let text = format!("{}not a row\n\n# note\n", sealed.file_text(through));
        std::fs::create_dir_all(root.join(super::super::SNAPSHOTS_DIR)).unwrap();
        std::fs::write(super::super::snapshot_path(root, through), text).unwrap();
        let (read, problems) = Snapshot::read(root, through).unwrap().unwrap();
        let (digest, digest_problems) = Snapshot::read_digest(root, through).unwrap().unwrap();
        assert_eq!(read.rows.len(), 2);
        assert_eq!(digest, read.digest());
        assert_eq!(digest, sealed.digest());
        assert_eq!(problems.len(), 1);
        assert_eq!(digest_problems, problems);
    }
}
