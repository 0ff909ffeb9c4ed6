//! Recording one entry without loading the whole book. What the line needs is the settings, its
//! contact, the closed periods and its number; the number needs the ids of the journal, not its
//! entries. [`open`] reads those ([`crate::book::read_for_recording`]) and the entry is then
//! prepared by the same code as from a whole book ([`super::prepare_numbered`]), with the journal
//! scan answering the numbering questions ([`Numbers`]).
//!
//! An entry that needs more of the book is not recorded this way (`open` gives `None`, and the
//! caller loads the whole book): a `--ref` (the document it names), a payment or payout (what the
//! contact has open), an enforced credit check (the contact's exposure). So is an entry whose book
//! the scan does not find in order, so that every problem the whole load would report is still
//! reported as before.

use super::{NewEntry, Numbers, OutOfOrder, Prepared, credit, orphan_document};
use crate::book::totals::Room;
use crate::book::{Book, ForRecording, JournalIds, Location, Question};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::journal::Kind;
use chrono::NaiveDate;
use std::path::Path;

/// A book read for recording one entry: the settings, the entry's contact and closed periods, and
/// the journal's ids as far as the entry's number needs them.
#[derive(Debug)]
pub(crate) struct Direct {
    /// The book without entries.
    pub book: Book,
    ids: JournalIds,
    kind: Kind,
    id: Option<String>,
}

/// Reads what recording `new` needs, or `None` when `new` needs more of the book, or the book is
/// not in the order the scan relies on: the caller then loads the whole book. `enforce_credit` is
/// `--enforce-credit`.
pub(crate) fn open(
    location: &Location,
    new: &NewEntry,
    enforce_credit: bool,
) -> Result<Option<Direct>> {
    let judged = credit::raises_exposure(new.kind);
    if new.reference.is_some()
        || new.contact.is_empty()
        || new.kind.takes_settles()
        || new.meta.iter().any(|(key, _)| key == "settles")
        || (enforce_credit && judged)
    {
        return Ok(None);
    }
    let question = Question {
        contact: &new.contact,
        kind: new.kind,
        date: new.date,
        id: new.id.as_deref(),
        with_document: new.with_document,
    };
    let Some(ForRecording {
        book,
        ids,
        config_text,
    }) = crate::book::read_for_recording(location, &question)?
    else {
        return Ok(None);
    };
    if (book.config.credit.enforce && judged)
        || ids.amounts_bound > Room::FRESH_LIMIT
        || has_errors(&book, &config_text)?
    {
        return Ok(None);
    }
    Ok(Some(Direct {
        book,
        ids,
        kind: new.kind,
        id: new.id.clone(),
    }))
}

/// The whole-book checks a load for writing makes that concern what was read: the segment rules
/// of folio.toml and the contact's recurring invoices.
fn has_errors(book: &Book, config_text: &str) -> Result<bool> {
    let shown = crate::book::display_path(&book.root, Path::new(crate::book::CONFIG_FILE));
    let mut diagnostics = crate::report::segments::check_config(&book.config, config_text, &shown);
    super::recurring::check(book, &mut diagnostics)?;
    Ok(diagnostics.iter().any(Diagnostic::is_error))
}

/// Builds, numbers and checks `new` as [`super::prepare`] does on the whole book.
pub(crate) fn prepare(direct: &Direct, new: &NewEntry) -> Result<Prepared> {
    super::prepare_numbered(&direct.book, direct, new, &mut Room::fresh())
}

/// Prepares `new` with the document of `draft` as [`super::with_document`] does on the whole
/// book.
pub(crate) fn with_document(
    direct: &Direct,
    new: NewEntry,
    draft: crate::document::issue::Draft,
) -> Result<super::Issued> {
    let room = &mut Room::fresh();
    super::with_document_numbered(
        new.kind,
        (&direct.book, direct),
        new,
        draft,
        |_| Ok(()),
        room,
    )
}

impl Numbers for Direct {
    fn next_id(&self, kind: Kind, date: NaiveDate, skip_orphans: bool) -> String {
        debug_assert_eq!(kind, self.kind, "the scan read the numbers of one kind");
        let pattern = self.book.config.numbering.pattern(kind);
        let highest = self.ids.highest.map(|(_, at)| self.ids.id(&at));
        // An id past the highest of its pattern and year cannot be in the journal: only the
        // orphan documents of interrupted writes can take it.
        pattern.next(date, highest, |id| {
            skip_orphans && orphan_document(&self.book, kind, id)
        })
    }

    fn used_at(&self, id: &str) -> Option<String> {
        debug_assert_eq!(Some(id), self.id.as_deref(), "the scan looked for one id");
        let at = self.ids.given_at?;
        Some(self.ids.place(&at))
    }

    fn out_of_order(&self, kind: Kind, id: &str, date: NaiveDate) -> Option<OutOfOrder> {
        if !crate::book::numbering::follows_dates(kind) {
            return None;
        }
        let number = self.book.config.numbering.pattern(kind).read(id)?;
        debug_assert_eq!(self.ids.sequence_year, Some(number.year));
        let mut later_below: Option<(NaiveDate, usize)> = None;
        let mut earlier_above: Option<(NaiveDate, usize)> = None;
        for (index, other) in self.ids.sequence.iter().enumerate() {
            if other.seq < number.seq && other.date > date {
                later_below = later_below.max(Some((other.date, index)));
            } else if other.seq > number.seq && other.date < date {
                earlier_above = match earlier_above {
                    Some(found) if found <= (other.date, index) => Some(found),
                    _ => Some((other.date, index)),
                };
            }
        }
        let (_, index) = later_below.or(earlier_above)?;
        let other = &self.ids.sequence[index];
        Some(OutOfOrder {
            place: format!(
                "{}:{}",
                self.ids.place(&other.at),
                self.ids.column(&other.at)
            ),
            id: self.ids.id(&other.at).to_string(),
            date: other.date,
        })
    }
}
