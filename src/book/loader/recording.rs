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
use super::super::{Book, CONTACTS_DIR, JOURNAL_DIR, Location, display_path};
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
    files: Vec<JournalFile>,
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
        let start = at.line_start + at.id_offset;
        self.text(at.file, start, start + at.id_len)
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
        let before = self.text(at.file, at.line_start, at.line_start + at.id_offset);
        before.chars().count() + 1
    }

    /// The text of `file` from `start` to `end`: bytes the scan checked to be UTF-8, split
    /// where a field begins or ends, at an ASCII byte.
    fn text(&self, file: u32, start: usize, end: usize) -> &str {
        std::str::from_utf8(&self.files[file as usize].bytes[start..end]).unwrap_or_default()
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
    // The journal is most of what is read: its files are read while the rest is.
    let (journals, head) = rayon::join(
        || read_journals(&dir, root),
        || read_head(&dir, location, question),
    );
    let Some((book, config_text, contact_ids)) = head? else {
        return Ok(None);
    };
    let Some(files) = journals? else {
        return Ok(None);
    };
    let Some(ids) = scan_journal(files, &book.config, question, &contact_ids) else {
        return Ok(None);
    };
    Ok(Some(ForRecording {
        book,
        ids,
        config_text,
    }))
}

/// The book without entries, the text of folio.toml and the ids of the contacts; `None` when a
/// file read has an error.
type Head = (Book, String, ContactIds);

/// Reads folio.toml, the entry's contact, the closed periods and, for an entry with a document,
/// the catalogue.
fn read_head(dir: &BookDir, location: &Location, question: &Question<'_>) -> Result<Option<Head>> {
    let root = &location.root;
    let mut diagnostics = Vec::new();
    let (config, Some(config_text), _) = super::settings::load_config(dir, root, &mut diagnostics)?
    else {
        return Ok(None);
    };
    let Some((contact, contact_ids)) = read_contact(dir, root, question.contact, &mut diagnostics)?
    else {
        return Ok(None);
    };
    let (closes, close_problems) = super::super::closes::read(root)?;
    diagnostics.extend(close_problems);
    let products = if question.with_document {
        super::products::load_products(dir, root, &mut diagnostics)?
    } else {
        Default::default()
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
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
    Ok(Some((book, config_text, contact_ids)))
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

/// Reads every journal file, in path order; `None` when one is not as the scan needs it
/// ([`read_journal`]).
fn read_journals(dir: &BookDir, root: &Path) -> Result<Option<Vec<JournalFile>>> {
    let mut diagnostics = Vec::new();
    let paths = collect_files(dir, root, JOURNAL_DIR, "journal", &mut diagnostics)?;
    if !diagnostics.is_empty() {
        return Ok(None);
    }
    Ok(paths
        .par_iter()
        .map(|relative| read_journal(dir, root, relative))
        .collect())
}

/// Scans the journal's files for the ids `question` needs.
fn scan_journal(
    files: Vec<JournalFile>,
    config: &Config,
    question: &Question<'_>,
    contacts: &ContactIds,
) -> Option<JournalIds> {
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
    // The files are scanned in pieces of whole lines, so that both cores stay busy however the
    // journal is split into files.
    let pieces: Vec<(u32, usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(file, read)| {
            pieces_of(&read.bytes).map(move |(start, end)| (file as u32, start, end))
        })
        .collect();
    let scanned: Vec<(JournalIds, u32)> = pieces
        .par_iter()
        .map(|&(file, start, end)| {
            // A piece ends after a newline, so every piece of a valid UTF-8 file is valid too.
            let text = std::str::from_utf8(&files[file as usize].bytes[start..end]).ok()?;
            scan_text(text, file, &wanted)
        })
        .collect::<Option<_>>()?;
    let mut ids = JournalIds {
        sequence_year,
        ..JournalIds::default()
    };
    let mut lines_before = (u32::MAX, 0);
    for (&(file, start, _), (found, lines)) in pieces.iter().zip(scanned) {
        if lines_before.0 != file {
            lines_before = (file, 0);
        }
        ids.absorb(found.shifted(start, lines_before.1));
        lines_before.1 += lines;
    }
    ids.files = files;
    Some(ids)
}

/// A journal file as the scan read it: its bytes, without a leading byte-order mark, checked to
/// be UTF-8 piece by piece as they are scanned.
#[derive(Debug)]
struct JournalFile {
    path: std::path::PathBuf,
    bytes: Vec<u8>,
}

/// The bytes of the journal file `relative`; `None` when it cannot be read, is not a regular
/// file inside the book, or its last line has no newline.
fn read_journal(dir: &BookDir, root: &Path, relative: &Path) -> Option<JournalFile> {
    let Ok(Some(mut bytes)) = dir.read(&root.join(relative)) else {
        return None;
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if (!bytes.is_empty() && !bytes.ends_with(b"\n")) || bytes.len() >= u32::MAX as usize {
        return None;
    }
    Some(JournalFile {
        path: display_path(root, relative),
        bytes,
    })
}

/// The size the scan's pieces of a file reach before they end at the next newline.
const PIECE: usize = 1 << 20;

/// The pieces of `bytes` (a text whose last line ends with a newline) as byte ranges of whole
/// lines, in order.
fn pieces_of(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = match bytes.get(start + PIECE..) {
            Some(rest) => {
                memchr::memchr(b'\n', rest).map_or(bytes.len(), |at| start + PIECE + at + 1)
            }
            None => bytes.len(),
        };
        let piece = (start, end);
        start = end;
        Some(piece)
    })
}

impl JournalIds {
    /// The ids of a piece that starts `start` bytes and `lines` lines into its file, placed in the
    /// file.
    fn shifted(mut self, start: usize, lines: u32) -> Self {
        let shift = |at: &mut IdAt| {
            at.line_start += start;
            at.line += lines;
        };
        if let Some((_, at)) = &mut self.highest {
            shift(at);
        }
        if let Some(at) = &mut self.given_at {
            shift(at);
        }
        for numbered in &mut self.sequence {
            shift(&mut numbered.at);
        }
        self
    }

    /// Adds what the scan found in the next piece of the journal, keeping the first of equal
    /// highest numbers and the first use of the given id.
    fn absorb(&mut self, found: JournalIds) {
        self.highest = match (self.highest, found.highest) {
            (Some(best), Some(other)) if other.0 <= best.0 => Some(best),
            (best, other) => other.or(best),
        };
        self.given_at = self.given_at.or(found.given_at);
        self.sequence.extend(found.sequence);
        self.amounts_bound = self.amounts_bound.saturating_add(found.amounts_bound);
    }
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

/// The scan of a text of whole lines (a file, or a piece of one), with its number of lines;
/// `None` when a line lacks its five fields or has an amount past what the journal allows.
fn scan_text(text: &str, file: u32, wanted: &Wanted<'_>) -> Option<(JournalIds, u32)> {
    let bytes = text.as_bytes();
    let mut found = JournalIds::default();
    let mut line_start = 0;
    let mut lines = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        lines += 1;
        let number = lines;
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
    Some((found, lines))
}

/// An upper bound of a journal amount in units of 10^-4: 10^(integer digits + 4); `None` past
/// the journal's integer digits (the whole book's load then says what is wrong).
fn amount_bound(amount: &[u8]) -> Option<i128> {
    let integer = amount.split(|b| *b == b'.').next().unwrap_or_default();
    let significant = integer.iter().skip_while(|b| **b == b'0').count();
    POWERS_OF_TEN.get(significant + MAX_DECIMALS).copied()
}

/// 10^n for every n the bound of an amount of at most [`MAX_INTEGER_DIGITS`] digits takes.
const POWERS_OF_TEN: [i128; MAX_INTEGER_DIGITS + MAX_DECIMALS + 1] = {
    let mut powers = [1; MAX_INTEGER_DIGITS + MAX_DECIMALS + 1];
    let mut n = 1;
    while n < powers.len() {
        powers[n] = powers[n - 1] * 10;
        n += 1;
    }
    powers
};

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
        let (found, lines) = scan_text(text, 0, &wanted(Some("INV-2026-0001"))).unwrap();
        assert_eq!(lines, 6);
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

    #[test]
    fn pieces_cover_the_text_in_whole_lines_and_place_ids_in_their_file() {
        let line = "2026-01-02 invoice INV-2026-0002 acme 10 EUR\n";
        let text = line.repeat(3 * PIECE / line.len());
        let pieces: Vec<(usize, usize)> = pieces_of(text.as_bytes()).collect();
        assert!(pieces.len() >= 3);
        assert_eq!(pieces.first().map(|p| p.0), Some(0));
        assert_eq!(pieces.last().map(|p| p.1), Some(text.len()));
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
            assert_eq!(&text[pair[0].1 - 1..pair[0].1], "\n");
        }
        let (start, end) = pieces[1];
        let (found, lines) = scan_text(&text[start..end], 0, &wanted(None)).unwrap();
        let before = u32::try_from(start / line.len()).unwrap();
        let (_, at) = found.shifted(start, before).highest.unwrap();
        assert_eq!((at.line, at.line_start), (before + 1, start));
        assert_eq!(lines as usize, (end - start) / line.len());
    }
}
