//! Reading what recording one entry needs, without loading the whole book: folio.toml, the one
//! contact's file, the closed periods, and a scan of the journal files that reads each line's
//! document id, kind and amount digits without building entries.
//!
//! The scan answers only for a book in good order where it looks: a file it reads with a
//! problem, a contact that is not the plain file `contacts/<id>.toml` of a flat `contacts/`
//! folder, a journal line without its five leading fields, of an unknown kind, for a contact
//! without a file, or with an amount of too many digits, or a journal file whose last line has
//! no newline all make it give up (`None`). The caller then
//! loads the whole book, which reports the problem exactly as it always did.

use super::super::config::Config;
use super::super::contact::{self, Contact};
use super::super::numbering::{self, Pattern};
use super::super::{Book, CONTACTS_DIR, JOURNAL_DIR, Location, SourceFile, display_path};
use super::files::collect_files;
use super::text::{Text, read_text};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::fsio::BookDir;
use crate::journal::Kind;
use crate::journal::parser::parse_date;
use crate::money::{MAX_DECIMALS, MAX_INTEGER_DIGITS};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::fs;
use std::path::Path;

/// What one new entry asks of the journal.
#[derive(Debug, Clone, Copy)]
pub struct Question<'a> {
    /// The contact the entry is for.
    pub contact: &'a str,
    /// Its kind, whose numbering pattern is read.
    pub kind: Kind,
    /// Its date: the year of its next number.
    pub date: NaiveDate,
    /// The id given with `--id`, whose use is looked for.
    pub id: Option<&'a str>,
    /// Whether the entry comes with a document, whose lines may name catalogue products.
    pub with_document: bool,
}

/// A book read for recording one entry: its settings, the entry's contact, its closed periods and
/// what the journal holds of the entry's numbering.
#[derive(Debug)]
pub struct ForRecording {
    /// The book without entries: the settings, the one contact and the closed periods.
    pub book: Book,
    /// The journal's ids, as far as the entry's numbering needs them.
    pub ids: JournalIds,
    /// The text of folio.toml, for the checks that place problems in it.
    pub config_text: String,
}

/// Where an id sits in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdAt {
    /// The file, an index into [`JournalIds::files`].
    pub file: u32,
    /// The 1-based line number.
    pub line: u32,
    /// The byte offset of the line in the file.
    pub line_start: usize,
    /// The byte offset of the id in the line.
    pub id_offset: usize,
    /// The id's length in bytes.
    pub id_len: usize,
}

/// A document of the new entry's sequence: same kind, same pattern, same year.
#[derive(Debug, Clone, Copy)]
pub struct Numbered {
    /// Where it is.
    pub at: IdAt,
    /// Its sequence number.
    pub seq: u64,
    /// Its date.
    pub date: NaiveDate,
}

/// What a scan of the journal found of one entry's numbering.
#[derive(Debug, Default)]
pub struct JournalIds {
    /// Every journal file, in path order (the order of the book's entries).
    pub files: Vec<SourceFile>,
    /// The id with the highest sequence number of the kind's pattern in the entry's year, of
    /// any kind (the number the next one continues).
    pub highest: Option<(u64, IdAt)>,
    /// The first line that holds the id given with `--id`.
    pub given_at: Option<IdAt>,
    /// The documents of the sequence of the entry's id, in journal order: of kinds whose numbers
    /// follow their dates only ([`numbering::follows_dates`]).
    pub sequence: Vec<Numbered>,
    /// The year of those documents' numbers (`Some(None)` for a pattern without `{year}`); `None`
    /// when no sequence was looked for.
    pub sequence_year: Option<Option<i32>>,
    /// An upper bound on the amounts of the journal added up, every currency together, in units
    /// of the journal's smallest amount (10^-4).
    pub amounts_bound: i128,
}

impl JournalIds {
    /// The id at `at`.
    pub fn id(&self, at: &IdAt) -> &str {
        let text = &self.files[at.file as usize].text;
        let start = at.line_start + at.id_offset;
        &text[start..start + at.id_len]
    }

    /// The file and line of `at`, as messages name them: `path:line`.
    pub fn place(&self, at: &IdAt) -> String {
        format!(
            "{}:{}",
            self.files[at.file as usize].path.display(),
            at.line
        )
    }

    /// The column (1-based, in characters) of the id at `at`.
    pub fn column(&self, at: &IdAt) -> usize {
        let text = &self.files[at.file as usize].text;
        text[at.line_start..at.line_start + at.id_offset]
            .chars()
            .count()
            + 1
    }
}

/// Reads what recording the entry of `question` needs, or `None` when the book is not in the
/// order the scan relies on (see the module's comment).
pub fn read_for_recording(
    location: &Location,
    question: &Question<'_>,
) -> Result<Option<ForRecording>> {
    let root = &location.root;
    let dir = BookDir::new(root)?;
    let mut diagnostics = Vec::new();
    let (config, Some(config_text), _) =
        super::settings::load_config(&dir, root, &mut diagnostics)?
    else {
        return Ok(None);
    };
    let Some((contact, contact_ids)) =
        read_contact(&dir, root, question.contact, &mut diagnostics)?
    else {
        return Ok(None);
    };
    let (closes, close_problems) = super::super::closes::read(root)?;
    diagnostics.extend(close_problems);
    let products = if question.with_document {
        super::products::load_products(&dir, root, &mut diagnostics)?
    } else {
        Default::default()
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    let Some(ids) = scan_journal(&dir, root, &config, question, &contact_ids)? else {
        return Ok(None);
    };
    let book = Book {
        root: root.clone(),
        config,
        contacts: vec![contact],
        sources: Vec::new(),
        entries: Vec::new(),
        rates: Default::default(),
        settlements: Default::default(),
        collections: Default::default(),
        products,
        closes,
    };
    Ok(Some(ForRecording {
        book,
        ids,
        config_text,
    }))
}

/// The ids of the book's contacts: the names of the files of `contacts/`.
type ContactIds = FxHashSet<Vec<u8>>;

/// The contact `id` from `contacts/<id>.toml`, when that file is a valid contact and the folder
/// holds no subfolder or link (where a second file of the same id could hide); with the ids of
/// every contact, from the names of the folder's files.
fn read_contact(
    dir: &BookDir,
    root: &Path,
    id: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<(Contact, ContactIds)>> {
    if contact::check_contact_id(id).is_err() {
        return Ok(None);
    }
    let Ok(listing) = fs::read_dir(root.join(CONTACTS_DIR)) else {
        return Ok(None);
    };
    let mut ids = ContactIds::default();
    for item in listing {
        let Ok(item) = item else {
            return Ok(None);
        };
        match item.file_type() {
            Ok(kind) if kind.is_file() => {
                let name = item.file_name();
                if let Some(stem) = name.as_encoded_bytes().strip_suffix(b".toml") {
                    ids.insert(stem.to_vec());
                }
            }
            _ => return Ok(None),
        }
    }
    if !ids.contains(id.as_bytes()) {
        return Ok(None);
    }
    let file_name = format!("{id}.toml");
    let relative = Path::new(CONTACTS_DIR).join(&file_name);
    let shown = display_path(root, &relative);
    let Some(Text { text, .. }) = read_text(dir, &root.join(&relative), &shown, diagnostics)?
    else {
        return Ok(None);
    };
    let Ok(mut contact) = toml::from_str::<Contact>(&text) else {
        return Ok(None);
    };
    contact.id = id.to_string();
    Ok(Some((contact, ids)))
}

/// What the scan looks for in each line.
struct Wanted<'a> {
    kind: &'a str,
    pattern: Pattern,
    /// The year of the next number (`None` for a pattern without `{year}`).
    next_year: Option<i32>,
    /// The year of the new id's sequence, when the kind's numbers follow their dates and the id
    /// reads through the pattern.
    sequence_year: Option<Option<i32>>,
    id: Option<&'a str>,
    contacts: &'a ContactIds,
}

/// Scans every journal file for the ids `question` needs.
fn scan_journal(
    dir: &BookDir,
    root: &Path,
    config: &Config,
    question: &Question<'_>,
    contacts: &ContactIds,
) -> Result<Option<JournalIds>> {
    let pattern = config.numbering.pattern(question.kind);
    let next_year = pattern.has_year().then_some(question.date.year());
    let sequence_year = match question.id {
        _ if !numbering::follows_dates(question.kind) => None,
        None => Some(next_year),
        Some(id) => pattern.read(id).map(|number| number.year),
    };
    let wanted = Wanted {
        kind: question.kind.as_str(),
        pattern,
        next_year,
        sequence_year,
        id: question.id,
        contacts,
    };
    let mut diagnostics = Vec::new();
    let paths = collect_files(dir, root, JOURNAL_DIR, "journal", &mut diagnostics)?;
    if !diagnostics.is_empty() {
        return Ok(None);
    }
    let scanned: Vec<Result<Option<(SourceFile, JournalIds)>>> = paths
        .par_iter()
        .enumerate()
        .map(|(file, relative)| {
            let shown = display_path(root, relative);
            let mut problems = Vec::new();
            let text = read_text(dir, &root.join(relative), &shown, &mut problems)?;
            let Some(Text { text, .. }) = text.filter(|_| problems.is_empty()) else {
                return Ok(None);
            };
            if (!text.is_empty() && !text.ends_with('\n')) || text.len() >= u32::MAX as usize {
                return Ok(None);
            }
            let found = scan_text(&text, file as u32, &wanted);
            Ok(found.map(|found| (SourceFile { path: shown, text }, found)))
        })
        .collect();
    let mut ids = JournalIds {
        sequence_year,
        ..JournalIds::default()
    };
    for result in scanned {
        let Some((source, found)) = result? else {
            return Ok(None);
        };
        ids.files.push(source);
        ids.highest = match (ids.highest, found.highest) {
            (Some(best), Some(other)) if other.0 <= best.0 => Some(best),
            (best, other) => other.or(best),
        };
        ids.given_at = ids.given_at.or(found.given_at);
        ids.sequence.extend(found.sequence);
        ids.amounts_bound = ids.amounts_bound.saturating_add(found.amounts_bound);
    }
    Ok(Some(ids))
}

/// The five leading fields of a journal line (date, kind, id, contact, amount) as byte ranges,
/// split as the journal parser splits them: at spaces and tabs, before the memo's `;`.
fn leading_fields(line: &[u8]) -> Option<[(usize, usize); 5]> {
    let mut fields = [(0, 0); 5];
    let mut at = 0;
    for field in &mut fields {
        while at < line.len() && matches!(line[at], b' ' | b'\t') {
            at += 1;
        }
        let start = at;
        while at < line.len() && !matches!(line[at], b' ' | b'\t' | b';') {
            at += 1;
        }
        if at == start {
            return None;
        }
        *field = (start, at);
    }
    Some(fields)
}

/// The scan of one file's text; `None` when a line lacks its five fields or has an amount past
/// what the journal allows.
fn scan_text(text: &str, file: u32, wanted: &Wanted<'_>) -> Option<JournalIds> {
    let bytes = text.as_bytes();
    let mut found = JournalIds::default();
    let mut line_start = 0;
    for (index, end) in memchr::memchr_iter(b'\n', bytes).enumerate() {
        let number = index as u32 + 1;
        let start = line_start;
        line_start = end + 1;
        let mut line = &bytes[start..end];
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        match line.iter().find(|b| !matches!(b, b' ' | b'\t')) {
            None | Some(b';' | b'#' | b'\r') => continue,
            Some(_) => {}
        }
        let [date, kind, id, contact, amount] = leading_fields(line)?;
        Kind::parse(&text[start + kind.0..start + kind.1])?;
        if !wanted.contacts.contains(&line[contact.0..contact.1]) {
            return None;
        }
        found.amounts_bound = found
            .amounts_bound
            .saturating_add(amount_bound(&line[amount.0..amount.1])?);
        let id_text = &text[start + id.0..start + id.1];
        let at = IdAt {
            file,
            line: number,
            line_start: start,
            id_offset: id.0,
            id_len: id.1 - id.0,
        };
        if found.given_at.is_none() && wanted.id == Some(id_text) {
            found.given_at = Some(at);
        }
        let Some(read) = wanted.pattern.read(id_text) else {
            continue;
        };
        if read.year == wanted.next_year && found.highest.is_none_or(|(seq, _)| read.seq > seq) {
            found.highest = Some((read.seq, at));
        }
        if wanted.sequence_year == Some(read.year)
            && &line[kind.0..kind.1] == wanted.kind.as_bytes()
        {
            let date = parse_date(&text[start + date.0..start + date.1]).ok()?;
            found.sequence.push(Numbered {
                at,
                seq: read.seq,
                date,
            });
        }
    }
    Some(found)
}

/// An upper bound of a journal amount in units of 10^-4: 10^(integer digits + 4); `None` past
/// the journal's integer digits (the whole book's load then says what is wrong).
fn amount_bound(amount: &[u8]) -> Option<i128> {
    let integer = amount.split(|b| *b == b'.').next().unwrap_or_default();
    let significant = integer.iter().skip_while(|b| **b == b'0').count();
    (significant <= MAX_INTEGER_DIGITS).then(|| 10i128.pow((significant + MAX_DECIMALS) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(id: Option<&str>) -> Wanted<'_> {
        let contacts = Box::leak(Box::new(ContactIds::from_iter([b"acme".to_vec()])));
        Wanted {
            contacts,
            kind: "invoice",
            pattern: Pattern::parse("INV-{year}-{seq:04}").unwrap(),
            next_year: Some(2026),
            sequence_year: Some(Some(2026)),
            id,
        }
    }

    #[test]
    fn the_scan_finds_the_highest_number_the_sequence_and_a_given_id() {
        let text = "; a comment\n\
                    2026-01-02 invoice INV-2026-0002 acme 10 EUR\n\
                    \n\
                    2026-01-01\tinvoice INV-2026-0001 acme 5.5 ; memo\n\
                    2026-01-03 payment INV-2026-0009 acme 1\r\n\
                    2025-12-31 invoice INV-2025-0040 acme 1\n";
        let found = scan_text(text, 0, &wanted(Some("INV-2026-0001"))).unwrap();
        let (seq, at) = found.highest.unwrap();
        assert_eq!((seq, at.line), (9, 5));
        assert_eq!(found.given_at.map(|at| at.line), Some(4));
        let sequence: Vec<(u64, u32)> = found.sequence.iter().map(|n| (n.seq, n.at.line)).collect();
        assert_eq!(sequence, [(2, 2), (1, 4)]);
        assert_eq!(found.amounts_bound, 10i128.pow(6) + 3 * 10i128.pow(5));
    }

    #[test]
    fn the_scan_gives_up_on_a_line_without_its_five_fields_or_with_a_huge_amount() {
        assert!(scan_text("2026-01-02 invoice INV-2026-0002 acme\n", 0, &wanted(None)).is_none());
        let huge = "2026-01-02 invoice I1 acme 1234567890123456789 EUR\n";
        assert!(scan_text(huge, 0, &wanted(None)).is_none());
        let padded = "2026-01-02 invoice I1 acme 0001234567890.5 EUR\n";
        assert!(scan_text(padded, 0, &wanted(None)).is_some());
        let unknown = "2026-01-02 invoice I1 nobody 1 EUR\n";
        assert!(scan_text(unknown, 0, &wanted(None)).is_none());
        let kind = "2026-01-02 invoiced I1 acme 1 EUR\n";
        assert!(scan_text(kind, 0, &wanted(None)).is_none());
    }
}
