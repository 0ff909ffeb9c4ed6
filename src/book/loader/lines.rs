//! Parsing the lines of one chunk of a journal file into entries, with their defaults filled in.

use super::super::config::Config;
use super::super::ids;
use super::super::totals::CurrencyTotals;
use super::Settings;
use super::contacts::Origin;
use super::journal::{FileEntries, PendingRef, PendingSettlement, Slots};
use crate::book::Contact;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::journal::parser::{self, ParsedLine};
use crate::journal::{Entry, EntryIndex, NO_REFERENCE};
use rustc_hash::FxHashMap;
use std::path::Path;

/// What a journal line is checked against.
pub(super) struct BookContext<'a> {
    pub(super) settings: &'a Settings<'a>,
    pub(super) contacts: &'a [Contact],
    pub(super) contact_ids: &'a FxHashMap<&'a str, u32>,
    /// What every line needs of its contact, by contact index: a few bytes each, so the table
    /// stays in the cache where the contacts themselves (hundreds of bytes each) would not.
    pub(super) defaults: &'a [Defaults],
    /// How document id keys are packed for this journal's number of entry slots.
    pub(super) id_packing: ids::Packing,
}

/// The defaults a contact gives its entries, and whether its currency is in doubt.
#[derive(Debug, Clone, Copy)]
pub(super) struct Defaults {
    pub(super) currency: Option<crate::money::Currency>,
    pub(super) terms: Option<u32>,
    /// Its file had an error about the currency (see [`Origin::currency_unsure`]).
    pub(super) currency_unsure: bool,
    /// Its entries may be receivables without a warning: a role says so, or its file had an
    /// error about the roles (see [`Origin::roles_unsure`]).
    pub(super) receivables: bool,
    /// The same for payables.
    pub(super) payables: bool,
}

impl Defaults {
    /// The defaults of `contact`, read from its file as `origin` tells.
    pub(super) fn of(contact: &Contact, origin: &Origin) -> Defaults {
        use crate::journal::Side;
        Defaults {
            currency: contact.currency,
            terms: contact.terms,
            currency_unsure: origin.currency_unsure,
            receivables: origin.roles_unsure || contact.has_side(Side::Receivables),
            payables: origin.roles_unsure || contact.has_side(Side::Payables),
        }
    }

    /// Whether an entry on `side` fits the contact's roles.
    fn fits(&self, side: crate::journal::Side) -> bool {
        match side {
            crate::journal::Side::Receivables => self.receivables,
            crate::journal::Side::Payables => self.payables,
        }
    }
}

/// A run of whole lines of one journal file: `text` starts at byte `base` and line `first_line`
/// of the file shown as `shown`, source number `source`.
pub(super) struct ChunkText<'a> {
    pub(super) text: &'a str,
    pub(super) base: usize,
    pub(super) first_line: u32,
    /// The lines already reported as invalid UTF-8, ascending, from `first_line` on.
    pub(super) bad_lines: &'a [u32],
    pub(super) shown: &'a Path,
    pub(super) source: u32,
}

/// One journal line being parsed: where it is, for messages and for its entry.
struct Line<'a> {
    text: &'a str,
    number: u32,
    /// Byte offset of its start in the file.
    start: usize,
    shown: &'a Path,
    source: u32,
}

impl Line<'_> {
    fn error_at(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::error(
            self.shown,
            self.number,
            column_of(self.text, offset),
            message,
        )
        .with_excerpt(self.text)
    }

    fn warning_at(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::warning(
            self.shown,
            self.number,
            column_of(self.text, offset),
            message,
        )
        .with_excerpt(self.text)
    }
}

/// Parses the whole lines of a chunk. Entries are written into `slots`, which holds one slot per
/// line that may hold an entry.
pub(super) fn parse_file(
    chunk: ChunkText<'_>,
    book: &BookContext<'_>,
    mut slots: Slots<'_>,
) -> FileEntries {
    let mut out = FileEntries {
        count: 0,
        refs: Vec::new(),
        settlements: Vec::new(),
        totals: CurrencyTotals::default(),
        diagnostics: Vec::new(),
        broken_ids: Vec::new(),
    };
    let mut bad_lines = chunk.bad_lines.iter().copied().peekable();
    let has_nul = memchr::memchr(0, chunk.text.as_bytes()).is_some();
    let mut line_start = chunk.base;
    let mut line_number = chunk.first_line - 1;
    for raw_line in lines_with_endings(chunk.text) {
        line_number += 1;
        let start = line_start;
        line_start += raw_line.len();
        let text = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if bad_lines.next_if_eq(&line_number).is_some() {
            // Already reported as invalid UTF-8; its fields cannot be trusted.
            continue;
        }
        let line = Line {
            text,
            number: line_number,
            start,
            shown: chunk.shown,
            source: chunk.source,
        };
        if has_nul && let Some(at) = memchr::memchr(0, text.as_bytes()) {
            out.diagnostics.push(line.error_at(
                at,
                "NUL byte in the line: journal files must be plain text".into(),
            ));
            continue;
        }
        parse_line(&line, book, &mut slots, &mut out);
    }
    // Every chunk's refs stay until all ids are known: without the slack of their growth.
    out.refs.shrink_to_fit();
    out
}

/// Parses one line that is text: its entry goes into the next slot, its problems into `out`.
fn parse_line(
    line: &Line<'_>,
    book: &BookContext<'_>,
    slots: &mut Slots<'_>,
    out: &mut FileEntries,
) {
    let parsed = match parser::parse_line(line.text) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => return,
        Err(error) => {
            if let Some(id) = parser::document_id(line.text) {
                out.broken_ids.push(id.to_string());
            }
            out.diagnostics
                .push(line.error_at(error.offset, error.message));
            return;
        }
    };
    let Some(&contact_index) = book.contact_ids.get(parsed.contact) else {
        let message = match did_you_mean(parsed.contact, book.contact_ids.keys().copied()) {
            Some(near) => {
                format!(
                    "unknown contact `{}`; did you mean `{near}`?",
                    parsed.contact
                )
            }
            None => format!(
                "unknown contact `{}`: expected the id of a contact, the name of a file in contacts/ without .toml",
                parsed.contact
            ),
        };
        out.broken_ids.push(parsed.id.to_string());
        out.diagnostics
            .push(line.error_at(parsed.contact_offset, message));
        return;
    };
    let contact = &book.contacts[contact_index as usize];
    let defaults = &book.defaults[contact_index as usize];
    let config = book.settings.config;
    let no_currency =
        parsed.currency.is_none() && defaults.currency.is_none() && config.currency.is_none();
    let resolved = resolve_entry(&parsed, defaults, contact, contact_index, config)
        .and_then(|entry| check_settles(&parsed, &entry).map(|()| entry));
    match resolved {
        Ok(entry) => {
            if book.settings.warnings {
                warn_about_line(line, &parsed, contact, defaults, out);
            }
            keep_entry(line, &parsed, entry, book, slots, out);
        }
        // The currency may be missing only because its file had an error, reported there.
        Err(_) if no_currency && (defaults.currency_unsure || book.settings.currency_unsure) => {
            out.broken_ids.push(parsed.id.to_string());
        }
        Err((offset, message)) => {
            out.broken_ids.push(parsed.id.to_string());
            out.diagnostics.push(line.error_at(offset, message));
        }
    }
}

/// The warnings of a valid line: a kind its contact's roles do not include, a due date before
/// the date. The roles are read from `defaults`: `contact` (large, mostly out of the cache) is
/// touched only for a warning's message.
fn warn_about_line(
    line: &Line<'_>,
    parsed: &ParsedLine<'_>,
    contact: &Contact,
    defaults: &Defaults,
    out: &mut FileEntries,
) {
    if !defaults.fits(parsed.kind.side()) {
        let role = match parsed.kind.side() {
            crate::journal::Side::Receivables => "customer",
            crate::journal::Side::Payables => "supplier",
        };
        out.diagnostics.push(line.warning_at(
            parsed.contact_offset,
            format!(
                "{} for `{}`, whose roles do not include {role}; add \"{role}\" to its roles or check the kind",
                parsed.kind.as_str(),
                contact.id
            ),
        ));
    }
    if let Some((due, offset)) = parsed.due
        && due < parsed.date
    {
        out.diagnostics.push(line.warning_at(
            offset + 4,
            format!(
                "due date {due} is before the {} date {}",
                parsed.kind.as_str(),
                parsed.date
            ),
        ));
    }
}

/// Writes a valid line's entry into the next slot, with its id key, its pending `ref:` and its
/// amount in the totals.
fn keep_entry(
    line: &Line<'_>,
    parsed: &ParsedLine<'_>,
    mut entry: Entry,
    book: &BookContext<'_>,
    slots: &mut Slots<'_>,
    out: &mut FileEntries,
) {
    entry.source = line.source;
    entry.line = line.number;
    entry.line_start = line.start as u32;
    let number = (slots.first + out.count) as EntryIndex;
    if let Some((settles, _)) = parsed.settles {
        out.settlements.push(PendingSettlement {
            entry: number,
            settles,
        });
    }
    if let Some((target, offset)) = parsed.reference {
        out.refs.push(PendingRef {
            entry: number,
            offset: offset as u32,
            len: target.len() as u32,
        });
    }
    slots.ids[out.count] = book.id_packing.key(ids::hash(parsed.id), number);
    out.totals
        .add(entry.currency, crate::money::units(entry.amount));
    slots.entries[out.count] = entry;
    out.count += 1;
}

/// What `settles:` asks of its entry that the line alone can tell: a currency other than the
/// entry's own, and a way to know it (`/CUR` or a `ref:`).
fn check_settles(parsed: &ParsedLine<'_>, entry: &Entry) -> Result<(), (usize, String)> {
    let Some((settles, offset)) = parsed.settles else {
        return Ok(());
    };
    match settles.currency {
        Some(currency) if currency == entry.currency => Err((
            offset,
            format!(
                "settles:{}/{currency} names the currency of this {} itself; settles: states what \
                 a payment settles in another currency (leave it out for a payment in {currency})",
                settles.amount,
                entry.kind.as_str()
            ),
        )),
        None if parsed.reference.is_none() => Err((
            offset,
            format!(
                "settles:{} names no currency and this {} has no ref:; write settles:AMOUNT/CUR \
                 (settles:{}/USD) or name the settled document with ref:",
                settles.amount,
                entry.kind.as_str(),
                settles.amount
            ),
        )),
        _ => Ok(()),
    }
}

/// `text.split_inclusive('\n')`, found with memchr: several times faster on a large journal.
pub(super) fn lines_with_endings(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let end = match newlines.next() {
            Some(newline) => newline + 1,
            None if start < text.len() => text.len(),
            None => return None,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// The 1-based character column of a byte offset in a line.
pub(in crate::book) fn column_of(line: &str, offset: usize) -> u32 {
    let mut offset = offset.min(line.len());
    while !line.is_char_boundary(offset) {
        offset -= 1;
    }
    line[..offset].chars().count() as u32 + 1
}

/// Fills in what the line leaves to defaults: currency and due date. `contact` is read only
/// for an error message.
pub(super) fn resolve_entry(
    parsed: &ParsedLine<'_>,
    defaults: &Defaults,
    contact: &Contact,
    contact_index: u32,
    config: &Config,
) -> Result<Entry, (usize, String)> {
    let currency = match parsed
        .currency
        .map(|(c, _)| c)
        .or(defaults.currency)
        .or(config.currency)
    {
        Some(currency) => currency,
        None => {
            return Err((
                parsed.amount_offset,
                format!(
                    "no currency for this entry: write one after the amount, or set `currency` in the contact `{}` or in folio.toml",
                    contact.id
                ),
            ));
        }
    };
    let due = match parsed.due {
        Some((due, _)) => due,
        None if parsed.kind.takes_due() => {
            let terms = defaults.terms.unwrap_or_else(|| config.terms());
            parsed
                .date
                .checked_add_days(chrono::Days::new(u64::from(terms)))
                .ok_or_else(|| {
                    (
                        0,
                        format!("date + {terms} days of terms is past the last date folio knows"),
                    )
                })?
        }
        None => parsed.date,
    };
    // An entry keeps its id's place in 16 bits each, four bytes less for each of a million
    // entries; no real id comes near.
    let (Ok(id_offset), Ok(id_len)) = (
        u16::try_from(parsed.id_offset),
        u16::try_from(parsed.id.len()),
    ) else {
        return Err((
            parsed.id_offset,
            format!(
                "a document id must start within the first {} bytes of its line and be at most that long",
                u16::MAX
            ),
        ));
    };
    Ok(Entry {
        date: parsed.date,
        due,
        kind: parsed.kind,
        currency,
        contact: contact_index,
        amount: parsed.amount,
        reference: NO_REFERENCE,
        source: 0,
        line: 0,
        line_start: 0,
        id_offset,
        id_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_characters() {
        assert_eq!(column_of("a\u{e9}b", 3), 3);
        assert_eq!(
            column_of("a\u{e9}b", 2),
            2,
            "inside a character: its column"
        );
        assert_eq!(column_of("ab", 10), 3, "past the end: just after it");
    }
}
