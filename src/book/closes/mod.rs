//! Closed periods: `closes.journal` in the book's root, one line per `folio close` and
//! `folio reopen`, and beside it `closes/<DATE>.digest`, the snapshot of what each close sealed.
//!
//! ```text
//! # DATE close THROUGH sha256:DIGEST entries:N documents:N [; memo]
//! 2026-10-15 close 2026-09-30 sha256:4f1c...e2 entries:1234 documents:56 ; Q3 VAT filed
//! 2026-11-02 reopen 2026-09-30 ; credit note INV-2026-0031 booked in the wrong quarter
//! ```
//!
//! A close is cumulative: it covers every entry dated on or before THROUGH. It binds until a later
//! line reopens it (a `reopen` of the same THROUGH). While it binds, recording refuses its dates
//! ([`Closes::refuse`]) and `folio check` compares the book with its snapshot ([`verify()`]). The
//! file ends in `.journal` so the `.gitattributes` of `folio init` (`*.journal merge=union`)
//! merges closes made on two branches. docs/git.md, "Closed periods", says how to recompute a
//! digest by hand.

mod closing;
mod snapshot;
mod verify;

pub use closing::{Closing, close, reopen};
pub use snapshot::{Row, Snapshot};
pub use verify::verify;

use super::sends::{read_text, split_fields};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::journal::parser::parse_date;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The closes journal's name, relative to the book.
pub const CLOSES_FILE: &str = "closes.journal";
/// The folder of the closes' snapshots, relative to the book.
pub const SNAPSHOTS_DIR: &str = "closes";

/// What the first lines of a new closes journal say.
const HEADER: &str = "# folio closes journal: one line per `folio close` and `folio reopen`; append-only.\n\
# DATE close THROUGH sha256:DIGEST entries:N documents:N [; memo]  |  DATE reopen THROUGH ; reason\n";

/// What a close sealed: the digest of its snapshot and what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The SHA-256 of the snapshot's lines, in lower-case hex.
    pub digest: String,
    /// How many entries it covers.
    pub entries: u64,
    /// How many of them have a document file.
    pub documents: u64,
}

/// What a line of the closes journal does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Closes every date up to THROUGH.
    Close(Seal),
    /// Undoes the close of THROUGH.
    Reopen,
}

/// One line of the closes journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseLine {
    /// When it was recorded.
    pub recorded: NaiveDate,
    /// The last day of the closed period.
    pub through: NaiveDate,
    /// A close or a reopen.
    pub action: Action,
    /// The memo (a close's note, a reopen's reason).
    pub memo: Option<String>,
    /// Its 1-based line in the file.
    pub line: u32,
}

impl CloseLine {
    /// The line as written, without its newline.
    pub fn to_line(&self) -> String {
        let mut text = match &self.action {
            Action::Close(seal) => format!(
                "{} close {} sha256:{} entries:{} documents:{}",
                self.recorded, self.through, seal.digest, seal.entries, seal.documents
            ),
            Action::Reopen => format!("{} reopen {}", self.recorded, self.through),
        };
        if let Some(memo) = &self.memo {
            text.push_str(" ; ");
            text.push_str(memo);
        }
        text
    }
}

/// A close and, when it no longer binds, the line that reopened it.
#[derive(Debug, Clone, Copy)]
pub struct Closed<'a> {
    /// The close.
    pub close: &'a CloseLine,
    /// The reopen that undid it, if any.
    pub reopened: Option<&'a CloseLine>,
}

/// The closes journal read into memory.
#[derive(Debug, Clone, Default)]
pub struct Closes {
    /// The file as shown in messages.
    pub shown: PathBuf,
    /// Every valid line, in file order.
    pub lines: Vec<CloseLine>,
}

impl Closes {
    /// Every close in file order, each with the reopen that undid it: a reopen undoes the last
    /// close of its date still binding before it.
    pub fn history(&self) -> Vec<Closed<'_>> {
        let mut closes: Vec<Closed<'_>> = Vec::new();
        for line in &self.lines {
            match line.action {
                Action::Close(_) => closes.push(Closed {
                    close: line,
                    reopened: None,
                }),
                Action::Reopen => {
                    if let Some(closed) = closes
                        .iter_mut()
                        .rev()
                        .find(|c| c.reopened.is_none() && c.close.through == line.through)
                    {
                        closed.reopened = Some(line);
                    }
                }
            }
        }
        closes
    }

    /// The closes that bind (not reopened), in file order.
    pub fn binding(&self) -> Vec<&CloseLine> {
        self.history()
            .into_iter()
            .filter(|closed| closed.reopened.is_none())
            .map(|closed| closed.close)
            .collect()
    }

    /// The binding close with the latest THROUGH on or after `date`: the one that closes `date`.
    pub fn closing(&self, date: NaiveDate) -> Option<&CloseLine> {
        self.binding()
            .into_iter()
            .filter(|close| close.through >= date)
            .max_by_key(|close| (close.through, close.line))
    }

    /// `the close through 2026-09-30 (closes.journal:2)`, for messages.
    pub fn describe(&self, close: &CloseLine) -> String {
        format!(
            "the close through {} ({}:{})",
            close.through,
            self.shown.display(),
            close.line
        )
    }

    /// Refuses an entry dated `date` when a binding close covers it (invalid data, exit 65): what
    /// every command that writes entries asks before it writes.
    pub fn refuse(&self, date: NaiveDate) -> Result<()> {
        let Some(close) = self.closing(date) else {
            return Ok(());
        };
        Err(Error::InvalidData(format!(
            "{date} is in a closed period: {} covers every date up to it; date the entry after {}, \
             or reopen the period first (`folio reopen {} --reason TEXT`)",
            self.describe(close),
            close.through,
            close.through
        )))
    }

    /// [`Closes::refuse`] for journal lines about to be written (an import's): each line's date
    /// is its first field.
    pub fn refuse_lines<'a>(&self, lines: impl IntoIterator<Item = &'a str>) -> Result<()> {
        for line in lines {
            let first = line.split([' ', '\t']).find(|field| !field.is_empty());
            if let Some(date) = first.and_then(|field| parse_date(field).ok()) {
                self.refuse(date)?;
            }
        }
        Ok(())
    }
}

/// The closes journal's path in the book.
pub fn path(root: &Path) -> PathBuf {
    root.join(CLOSES_FILE)
}

/// Where the snapshot of a close through `through` lives in the book.
pub fn snapshot_path(root: &Path, through: NaiveDate) -> PathBuf {
    root.join(SNAPSHOTS_DIR).join(format!("{through}.digest"))
}

/// Reads the closes journal (an absent file holds no close) with every problem of its syntax.
pub fn read(root: &Path) -> Result<(Closes, Vec<Diagnostic>)> {
    let shown = super::display_path(root, Path::new(CLOSES_FILE));
    let mut diagnostics = Vec::new();
    let dir = crate::fsio::BookDir::new(root)?;
    let lines = match read_text(&dir, &path(root), &shown, &mut diagnostics)? {
        Some(text) => parse(&text, &shown, &mut diagnostics),
        None => Vec::new(),
    };
    Ok((Closes { shown, lines }, diagnostics))
}

/// What a line must hold, for messages.
const SHAPE: &str = "DATE close THROUGH sha256:DIGEST entries:N documents:N [; memo], or DATE reopen THROUGH ; reason";

/// Parses the journal's text: blank lines and lines starting with `#` are skipped; every problem
/// is reported at its line and column and the line left out.
pub fn parse(text: &str, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<CloseLine> {
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match parse_line(line, index as u32 + 1) {
            Ok(close) => lines.push(close),
            Err((offset, message)) => {
                let column = line[..offset].chars().count() as u32 + 1;
                diagnostics.push(
                    Diagnostic::error(shown, index as u32 + 1, column, message).with_excerpt(line),
                );
            }
        }
    }
    lines
}

/// Parses one line; an error carries the byte offset of the field at fault.
fn parse_line(line: &str, number: u32) -> std::result::Result<CloseLine, (usize, String)> {
    let (content, memo) = match line.split_once(';') {
        Some((content, memo)) => (content, Some(memo.trim()).filter(|m| !m.is_empty())),
        None => (line, None),
    };
    let fields = split_fields(content);
    if fields.len() < 3 {
        return Err((content.len(), format!("each line is {SHAPE}")));
    }
    let recorded = parse_date(fields[0].1).map_err(|m| (fields[0].0, m))?;
    let through = parse_date(fields[2].1).map_err(|m| (fields[2].0, m))?;
    let action = match fields[1].1 {
        "close" => Action::Close(parse_seal(&fields[3..], content.len())?),
        "reopen" => {
            if let Some(&(at, extra)) = fields.get(3) {
                return Err((at, format!("unexpected `{extra}`: expected {SHAPE}")));
            }
            if memo.is_none() {
                return Err((
                    line.len(),
                    "a reopen gives its reason: `; reason`".to_string(),
                ));
            }
            Action::Reopen
        }
        word => {
            return Err((
                fields[1].0,
                format!("unknown action `{word}`: expected close or reopen"),
            ));
        }
    };
    Ok(CloseLine {
        recorded,
        through,
        action,
        memo: memo.map(str::to_string),
        line: number,
    })
}

/// `sha256:DIGEST entries:N documents:N`.
fn parse_seal(fields: &[(usize, &str)], end: usize) -> std::result::Result<Seal, (usize, String)> {
    if let Some(&(at, extra)) = fields.get(3) {
        return Err((at, format!("unexpected `{extra}`: expected {SHAPE}")));
    }
    let field = |index: usize, key: &str| -> std::result::Result<(usize, &str), (usize, String)> {
        let &(at, text) = fields.get(index).ok_or_else(|| {
            (
                end,
                format!("expected {key}:..., found the end of the line"),
            )
        })?;
        text.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(|value| (at, value))
            .ok_or_else(|| (at, format!("expected {key}:..., found `{text}`")))
    };
    let (at, digest) = field(0, "sha256")?;
    if digest.len() != 64
        || !digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err((
            at,
            "a digest is 64 lower-case hexadecimal digits".to_string(),
        ));
    }
    let count = |index: usize, key: &str| -> std::result::Result<u64, (usize, String)> {
        let (at, value) = field(index, key)?;
        value
            .parse()
            .map_err(|_| (at, format!("`{value}` is not a count: expected {key}:N")))
    };
    Ok(Seal {
        digest: digest.to_string(),
        entries: count(1, "entries")?,
        documents: count(2, "documents")?,
    })
}

/// Appends one line, in a single write flushed to disk before returning; a new file starts with
/// a comment naming the fields. The caller holds the book's lock.
pub fn append(root: &Path, line: &CloseLine) -> Result<()> {
    let file_path = path(root);
    super::write::confine(root, &file_path)?;
    crate::fsio::append_lines(&file_path, HEADER, &[line.to_line().as_str()])
}

/// The 1-based line the next appended line will have (the header counts when the file is new).
pub fn next_line_number(root: &Path) -> Result<u32> {
    let dir = crate::fsio::BookDir::new(root)?;
    let existing = dir.read_or_refuse(&path(root))?.unwrap_or_default();
    let lines = if existing.is_empty() {
        HEADER.matches('\n').count()
    } else {
        existing.iter().filter(|&&b| b == b'\n').count()
    };
    Ok(lines as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    const DIGEST: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn a_reopen_undoes_the_last_close_of_its_date_only() {
        let text = format!(
            "# header\n2026-10-15 close 2026-06-30 sha256:{DIGEST} entries:3 documents:1\n\
             2026-10-16 close 2026-09-30 sha256:{DIGEST} entries:5 documents:2 ; Q3 VAT filed\n\
             2026-10-20 reopen 2026-09-30 ; wrong quarter\n"
        );
        let mut diagnostics = Vec::new();
        let closes = Closes {
            shown: PathBuf::from(CLOSES_FILE),
            lines: parse(&text, Path::new(CLOSES_FILE), &mut diagnostics),
        };
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(closes.lines[1].memo.as_deref(), Some("Q3 VAT filed"));
        assert_eq!(closes.lines[1].to_line(), text.lines().nth(2).unwrap());
        let binding = closes.binding();
        assert_eq!(binding.len(), 1);
        assert_eq!(binding[0].through, date("2026-06-30"));
        assert!(closes.refuse(date("2026-07-01")).is_ok());
        let refused = closes.refuse(date("2026-06-30")).unwrap_err().to_string();
        assert!(refused.contains("closes.journal:2"), "{refused}");
    }

    #[test]
    fn bad_lines_are_reported_at_their_field() {
        let text = "2026-10-15 close 2026-09-30 sha256:xyz entries:1 documents:0\n\
                    2026-10-15 reopen 2026-09-30\n\
                    2026-10-15 shut 2026-09-30\n";
        let mut diagnostics = Vec::new();
        let lines = parse(text, Path::new(CLOSES_FILE), &mut diagnostics);
        assert!(lines.is_empty());
        let places: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(1, 29), (2, 29), (3, 12)]);
    }
}
