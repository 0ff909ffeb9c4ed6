//! Reading every journal file and parsing it in parallel chunks into the book's entries.

use super::super::ids::{self, IdIndex};
use super::super::totals::CurrencyTotals;
use super::super::{JOURNAL_DIR, SourceFile, display_path};
use super::Settings;
use super::contacts::Origin;
use super::files::collect_files;
use super::lines::{BookContext, ChunkText, Defaults, lines_with_endings, parse_file};
use super::references::{Known, resolve_ids};
use super::text::{Text, read_text};
use crate::book::Contact;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio::BookDir;
use crate::journal::parser;
use crate::journal::{Entry, EntryIndex, NO_REFERENCE};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// A `ref:` waiting for every id of the book to be known.
#[derive(Debug, Clone, Copy)]
pub(super) struct PendingRef {
    pub(super) entry: EntryIndex,
    /// Byte offset of the `ref:` token in the line.
    pub(super) offset: u32,
    /// Length of the id it names (after `ref:`).
    pub(super) len: u32,
}

/// A `settles:` waiting for its `ref:` to be resolved, which may give its currency.
#[derive(Debug, Clone, Copy)]
pub(super) struct PendingSettlement {
    pub(super) entry: EntryIndex,
    /// What it says.
    pub(super) settles: crate::journal::Settles,
}

/// What one chunk of a journal file yields: how many valid entries it wrote into its slots,
/// their unresolved refs, its problems.
pub(super) struct FileEntries {
    pub(super) count: usize,
    pub(super) refs: Vec<PendingRef>,
    /// Its `settles:`, rare.
    pub(super) settlements: Vec<PendingSettlement>,
    /// The amounts of the chunk's entries, per currency.
    pub(super) totals: CurrencyTotals,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Document ids of lines that have an error of their own: a `ref:` to one of them is not
    /// reported again as naming no document.
    pub(super) broken_ids: Vec<String>,
}

/// Where one chunk writes its entries: the first `count` of its slots, in order.
pub(super) struct Slots<'a> {
    /// Number of the chunk's first slot in the journal: its entries are numbered from there.
    pub(super) first: usize,
    pub(super) entries: &'a mut [Entry],
    /// The key ([`ids::Packing`]) of each entry's document id.
    pub(super) ids: &'a mut [u64],
}

/// A journal file read into memory, not yet parsed.
pub(super) struct JournalText {
    pub(super) shown: PathBuf,
    pub(super) text: String,
    pub(super) bad_lines: Vec<u32>,
}

/// Reads every journal file, in path order, in parallel.
pub(super) fn read_journal(
    dir: &BookDir,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<JournalText>> {
    let files = collect_files(dir, root, JOURNAL_DIR, "journal", diagnostics)?;
    let read: Vec<Result<(JournalText, Vec<Diagnostic>)>> = files
        .par_iter()
        .map(|relative| {
            let shown = display_path(root, relative);
            let mut local = Vec::new();
            // A file that was refused reads as empty: its one error says why.
            let Text { text, bad_lines } =
                read_text(dir, &root.join(relative), &shown, &mut local)?.unwrap_or_else(|| Text {
                    text: String::new(),
                    bad_lines: Vec::new(),
                });
            if !text.is_empty() && !text.ends_with('\n') {
                local.push(cut_off_warning(&shown, &text));
            }
            if text.len() >= u32::MAX as usize {
                return Err(Error::io(
                    &shown,
                    std::io::Error::other("journal files must be smaller than 4 GiB"),
                ));
            }
            Ok((
                JournalText {
                    shown,
                    text,
                    bad_lines,
                },
                local,
            ))
        })
        .collect();
    let mut texts = Vec::with_capacity(read.len());
    for result in read {
        let (text, mut local) = result?;
        diagnostics.append(&mut local);
        texts.push(text);
    }
    Ok(texts)
}

/// The warning for a journal whose last line has no newline, at the end of that line.
pub(in crate::book) fn cut_off_warning(shown: &Path, text: &str) -> Diagnostic {
    let line = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let last = text.rsplit('\n').next().unwrap_or_default();
    let column = last.chars().count() + 1;
    Diagnostic::warning(shown, line as u32, column as u32, crate::fsio::CUT_OFF_LINE)
        .with_excerpt(last)
}

/// A run of whole lines of one journal file, parsed as one parallel task.
pub(super) struct Chunk {
    pub(super) source: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) first_line: u32,
    /// Its lines that may hold an entry (neither blank nor a comment): at most this many
    /// entries, and exactly as many when every such line is valid.
    pub(super) slots: usize,
}

/// Bytes per parallel parsing task: small enough that two cores share three yearly files
/// evenly, large enough that task overhead does not show.
pub(super) const CHUNK_BYTES: usize = 1 << 20;

/// Cuts every file at line boundaries into chunks of about [`CHUNK_BYTES`].
pub(super) fn chunks(texts: &[JournalText]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    for (source, file) in texts.iter().enumerate() {
        let bytes = file.text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let mut end = (start + CHUNK_BYTES).min(bytes.len());
            if end < bytes.len() {
                end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |at| end + at + 1);
            }
            chunks.push(Chunk {
                source: source as u32,
                start,
                end,
                first_line: 0,
                slots: 0,
            });
            start = end;
        }
    }
    // Line numbers and slots: count the newlines and the lines that may hold an entry of every
    // chunk (in parallel), then a running sum of the newlines per file.
    let counts: Vec<(u32, usize)> = chunks
        .par_iter()
        .map(|c| {
            let text = &texts[c.source as usize].text[c.start..c.end];
            let (mut newlines, mut slots) = (0, 0);
            for line in lines_with_endings(text) {
                let content = line.strip_suffix('\n');
                newlines += u32::from(content.is_some());
                slots += usize::from(!parser::is_blank_or_comment(content.unwrap_or(line)));
            }
            (newlines, slots)
        })
        .collect();
    let mut line = 1;
    for (chunk, &(newlines, slots)) in chunks.iter_mut().zip(&counts) {
        if chunk.start == 0 {
            line = 1;
        }
        chunk.first_line = line;
        chunk.slots = slots;
        line += newlines;
    }
    chunks
}

pub(super) fn parse_journal(
    texts: Vec<JournalText>,
    settings: &Settings<'_>,
    contacts: &[Contact],
    origins: &[Origin],
    diagnostics: &mut Vec<Diagnostic>,
) -> (
    Vec<SourceFile>,
    Vec<Entry>,
    CurrencyTotals,
    crate::book::settlements::Settlements,
) {
    // The ids side by side in one string: a look-up compares with bytes that are in the cache,
    // not with 20,000 strings spread over the heap (a cache miss for every journal line).
    let packed_ids: String = contacts.iter().map(|c| c.id.as_str()).collect();
    let mut start = 0;
    let contact_ids: FxHashMap<&str, u32> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let id = &packed_ids[start..start + c.id.len()];
            start += c.id.len();
            (id, i as u32)
        })
        .collect();
    let defaults: Vec<Defaults> = contacts
        .iter()
        .zip(origins)
        .map(|(contact, origin)| Defaults::of(contact, origin))
        .collect();
    // Every chunk parses straight into its own slots of one shared vector (one slot per line
    // that may hold an entry), so the entries of a large book are never held twice, and neither
    // are their id keys. On a valid journal every slot is filled; the gaps left by invalid lines
    // are closed afterwards.
    let chunks = chunks(&texts);
    let total_slots = chunks.iter().map(|c| c.slots).sum();
    let book = BookContext {
        settings,
        contacts,
        contact_ids: &contact_ids,
        defaults: &defaults,
        id_packing: ids::Packing::for_slots(total_slots),
    };
    // Filled by both cores: on a million lines the 64 MB take as long to fault in as to parse.
    let mut entries = Vec::new();
    entries.par_extend(rayon::iter::repeat_n(empty_entry(), total_slots));
    let mut ids = Vec::new();
    ids.par_extend(rayon::iter::repeat_n(0, total_slots));
    let mut slots = Vec::with_capacity(chunks.len());
    let (mut entries_left, mut ids_left) = (entries.as_mut_slice(), ids.as_mut_slice());
    let mut first_slot = 0;
    for chunk in &chunks {
        let (entry_slots, entries_rest) = entries_left.split_at_mut(chunk.slots);
        let (id_slots, ids_rest) = ids_left.split_at_mut(chunk.slots);
        slots.push(Slots {
            first: first_slot,
            entries: entry_slots,
            ids: id_slots,
        });
        (entries_left, ids_left) = (entries_rest, ids_rest);
        first_slot += chunk.slots;
    }
    let parsed: Vec<FileEntries> = chunks
        .par_iter()
        .zip(slots)
        .map(|(chunk, slots)| {
            let file = &texts[chunk.source as usize];
            let first_bad = file.bad_lines.partition_point(|&l| l < chunk.first_line);
            let text = ChunkText {
                text: &file.text[chunk.start..chunk.end],
                base: chunk.start,
                first_line: chunk.first_line,
                bad_lines: &file.bad_lines[first_bad..],
                shown: &file.shown,
                source: chunk.source,
            };
            parse_file(text, &book, slots)
        })
        .collect();

    // Kept per chunk: one merged vector would hold every ref a second time while it grew.
    let mut refs = Vec::with_capacity(chunks.len());
    let mut settlements = Vec::new();
    let mut totals = CurrencyTotals::default();
    let mut broken_ids = rustc_hash::FxHashSet::default();
    let mut kept = 0;
    let mut chunk_start = 0;
    for (chunk, mut parsed) in chunks.iter().zip(parsed) {
        // Entries are numbered by slot: after a gap, the chunk's entries move down, and their
        // numbers with them (in an id key the entry is in the low bits; see ids::Packing::key).
        let gap = chunk_start - kept;
        if gap > 0 {
            let filled = chunk_start..chunk_start + parsed.count;
            entries.copy_within(filled.clone(), kept);
            ids.copy_within(filled, kept);
            for key in &mut ids[kept..kept + parsed.count] {
                *key -= gap as u64;
            }
            for pending in &mut parsed.refs {
                pending.entry -= gap as EntryIndex;
            }
            for pending in &mut parsed.settlements {
                pending.entry -= gap as EntryIndex;
            }
        }
        refs.push(std::mem::take(&mut parsed.refs));
        settlements.append(&mut parsed.settlements);
        totals.merge(&parsed.totals);
        diagnostics.extend(parsed.diagnostics);
        broken_ids.extend(parsed.broken_ids);
        kept += parsed.count;
        chunk_start += chunk.slots;
    }
    entries.truncate(kept);
    ids.truncate(kept);
    let sources: Vec<SourceFile> = texts
        .into_iter()
        .map(|file| SourceFile {
            path: file.shown,
            text: file.text,
        })
        .collect();
    let known = Known {
        contacts,
        broken_ids: &broken_ids,
        settlements: &settlements,
    };
    resolve_ids(
        &sources,
        &mut entries,
        IdIndex::new(ids, book.id_packing),
        &refs,
        &known,
        diagnostics,
    );
    let settlements = super::references::resolve_settlements(&entries, &settlements, &mut totals);
    (sources, entries, totals, settlements)
}

/// A filler for the slots of lines that hold no entry; never seen outside the loader.
pub(super) fn empty_entry() -> Entry {
    Entry {
        date: chrono::NaiveDate::MIN,
        due: chrono::NaiveDate::MIN,
        kind: crate::journal::Kind::Invoice,
        currency: crate::money::Currency::parse("XXX").expect("XXX is a currency code"),
        contact: 0,
        amount: rust_decimal::Decimal::ZERO,
        reference: NO_REFERENCE,
        source: 0,
        line: 0,
        line_start: 0,
        id_offset: 0,
        id_len: 0,
    }
}
