//! Registers: the journal as a filtered list of entries (`folio entries`, `folio export
//! entries`), and one row per document with its status and what is still open on it (`folio
//! documents`, `folio quote list`).
//!
//! What is open, and how a document was closed, comes from the ledger's own allocation
//! ([`Ledger::build`] with its trail): the register reads it, it never settles anything itself.

use crate::book::Book;
use crate::journal::{Entry, EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::{Currency, amount_len};
use crate::tabular::{Cell, Column, Rows, Tabular, is_printable_ascii};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;

/// Which journal entries a register lists; every filter that is set must match.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    /// Only entries dated on or after this date.
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this date.
    pub to: Option<NaiveDate>,
    /// Only this contact (an index into the book's contacts).
    pub contact: Option<u32>,
    /// Only these kinds (any kind when empty).
    pub kinds: Vec<Kind>,
    /// Only this currency.
    pub currency: Option<Currency>,
    /// Only entries whose `ref:` names this entry.
    pub reference: Option<EntryIndex>,
}

impl EntryFilter {
    /// True when `entry` passes every filter.
    pub fn matches(&self, entry: &Entry) -> bool {
        self.from.is_none_or(|from| entry.date >= from)
            && self.to.is_none_or(|to| entry.date <= to)
            && self.contact.is_none_or(|c| c == entry.contact)
            && (self.kinds.is_empty() || self.kinds.contains(&entry.kind))
            && self.currency.is_none_or(|c| c == entry.currency)
            && self.reference.is_none_or(|r| entry.reference() == Some(r))
    }

    /// The indices of the book's entries that pass, in journal order.
    pub fn select(&self, book: &Book) -> Vec<EntryIndex> {
        book.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| self.matches(entry))
            .map(|(index, _)| index as EntryIndex)
            .collect()
    }
}

/// What a document is, in the words of `folio documents --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentKind {
    /// A sales invoice.
    Invoice,
    /// A credit note.
    Credit,
    /// A quote (no journal line).
    Quote,
    /// A supplier bill.
    Bill,
    /// A supplier's debit note.
    Debit,
}

impl DocumentKind {
    /// The word shown and accepted by `--kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::Credit => "credit",
            DocumentKind::Quote => "quote",
            DocumentKind::Bill => "bill",
            DocumentKind::Debit => "debit",
        }
    }

    /// The kind of a journal entry, when that entry is a document (payments, payouts and
    /// refunds move money and are not).
    pub fn of_entry(kind: Kind) -> Option<DocumentKind> {
        match kind {
            Kind::Invoice => Some(DocumentKind::Invoice),
            Kind::Credit => Some(DocumentKind::Credit),
            Kind::Bill => Some(DocumentKind::Bill),
            Kind::Debit => Some(DocumentKind::Debit),
            Kind::Refund
            | Kind::Payment
            | Kind::Payout
            | Kind::Writeoff
            | Kind::PayableWriteoff => None,
        }
    }
}

/// Where a document stands as of the register's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing of it is settled yet, and it is not past due (a quote: it can still be accepted).
    Open,
    /// Part of it is settled, the rest is not yet due.
    Partial,
    /// Settled in full (a credit or debit note: applied in full).
    Paid,
    /// Something is still open after its due date.
    Overdue,
    /// Cancelled: closed by credit or debit notes that refer to it (`folio void`), nothing paid.
    Void,
    /// Closed by write-offs, nothing paid: a bad debt, not a payment.
    WrittenOff,
    /// A quote that became an invoice.
    Accepted,
    /// A quote past its last day, never accepted.
    Expired,
}

impl Status {
    /// The word shown and accepted by `--status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Partial => "partial",
            Status::Paid => "paid",
            Status::Overdue => "overdue",
            Status::Void => "void",
            Status::WrittenOff => "written-off",
            Status::Accepted => "accepted",
            Status::Expired => "expired",
        }
    }

    /// True when a document of this status passes `--status wanted`: `open` takes everything
    /// with something still open (open, partial and overdue), so "what is unpaid" is one filter;
    /// every other status takes only itself.
    pub fn passes(self, wanted: Status) -> bool {
        match wanted {
            Status::Open => matches!(self, Status::Open | Status::Partial | Status::Overdue),
            other => self == other,
        }
    }
}

/// A quote as the register needs it (the services layer reads the quote files).
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSummary {
    /// The quote's id.
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
    /// The last day it can be accepted, when it has one.
    pub valid_until: Option<NaiveDate>,
    /// The contact id.
    pub contact: String,
    /// The currency code.
    pub currency: String,
    /// The quote's total.
    pub amount: Decimal,
    /// The invoice it became, once accepted.
    pub invoice: Option<String>,
}

impl QuoteSummary {
    /// Accepted once it names its invoice; expired after its last day; open otherwise.
    pub fn status(&self, as_of: NaiveDate) -> Status {
        if self.invoice.is_some() {
            Status::Accepted
        } else if self.valid_until.is_some_and(|last| last < as_of) {
            Status::Expired
        } else {
            Status::Open
        }
    }
}

/// Which documents `folio documents` lists; every filter that is set must match.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    /// Only these kinds (any when empty).
    pub kinds: Vec<DocumentKind>,
    /// Only documents passing one of these statuses (any when empty; see [`Status::passes`]).
    pub statuses: Vec<Status>,
    /// Only documents dated on or after this date.
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this date.
    pub to: Option<NaiveDate>,
    /// Only this contact's documents (its id).
    pub contact: Option<String>,
    /// Only this currency.
    pub currency: Option<Currency>,
}

impl DocumentFilter {
    fn takes_kind(&self, kind: DocumentKind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    fn matches(&self, row: &DocumentRow<'_>) -> bool {
        self.passes(row.date, || row.contact, || row.currency, || row.status)
    }

    /// [`DocumentFilter::matches`] on the fields it reads, which a journal document has without
    /// its id being read from the journal text. The other fields are asked for only when a filter
    /// needs them: every document of the journal passes through here.
    fn passes<'c>(
        &self,
        date: NaiveDate,
        contact: impl FnOnce() -> &'c str,
        currency: impl FnOnce() -> &'c str,
        status: impl FnOnce() -> Status,
    ) -> bool {
        self.from.is_none_or(|from| date >= from)
            && self.to.is_none_or(|to| date <= to)
            && self.contact.as_deref().is_none_or(|c| c == contact())
            && self.currency.is_none_or(|c| c.as_str() == currency())
            && (self.statuses.is_empty() || {
                let status = status();
                self.statuses.iter().any(|&s| status.passes(s))
            })
    }
}

/// One document of the register. Its text borrows from the book and the quotes: a register of a
/// million documents would otherwise hold three small heap strings per row.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow<'a> {
    /// The document id.
    pub id: &'a str,
    /// What it is.
    pub kind: DocumentKind,
    /// Its date.
    pub date: NaiveDate,
    /// When it falls due (a quote: its last day); none for credit and debit notes.
    pub due: Option<NaiveDate>,
    /// The contact id.
    pub contact: &'a str,
    /// The currency code.
    pub currency: &'a str,
    /// Its amount.
    pub amount: Decimal,
    /// What is still open on it (a credit or debit note: what is not applied yet); none for a
    /// quote, which nobody owes.
    pub open: Option<Decimal>,
    /// Where it stands.
    pub status: Status,
    /// The invoice a quote became.
    pub invoice: Option<&'a str>,
}

/// Documents, by date then id. A journal document's row is made from what the register copied
/// of its entry when it was made, its id (copied in order by the sort) and its contact's id: a
/// row reads the register in order, never the book's entries or contacts, where every read would
/// be a cache miss.
#[derive(Debug, Clone)]
pub struct DocumentRegister<'a> {
    /// The listed journal documents, in order.
    documents: Vec<JournalDocument>,
    /// Their ids, in the same order.
    ids: Ids,
    /// The ids of the book's contacts, by index.
    contact_ids: Ids,
    /// The listed quotes, in order.
    quotes: Vec<DocumentRow<'a>>,
    /// Where each row comes from, when quotes are listed; without them row `i` is
    /// `documents[i]`.
    order: Vec<Source>,
}

/// What the row of a journal document shows but its ids, copied from its entry.
#[derive(Debug, Clone, Copy)]
struct JournalDocument {
    /// Its contact, by index.
    contact: u32,
    kind: DocumentKind,
    date: NaiveDate,
    due: Option<NaiveDate>,
    currency: Currency,
    amount: Decimal,
    open: Decimal,
    status: Status,
}

impl JournalDocument {
    /// The document `entry`, with what is open on it and its status.
    fn of(entry: &Entry, (open, status): (Decimal, Status)) -> JournalDocument {
        JournalDocument {
            contact: entry.contact,
            // Only document kinds are listed.
            kind: DocumentKind::of_entry(entry.kind).unwrap_or(DocumentKind::Invoice),
            date: entry.date,
            due: entry.kind.takes_due().then_some(entry.due),
            currency: entry.currency,
            amount: entry.amount,
            open,
            status,
        }
    }
}

/// Where a row of the register comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// A journal document, by its position among the listed ones.
    Journal(u32),
    /// A quote, by its position among the listed quotes.
    Quote(u32),
}

impl<'a> DocumentRegister<'a> {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.documents.len() + self.quotes.len()
    }

    /// No rows at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `at` (below [`DocumentRegister::len`]).
    pub fn row(&self, at: usize) -> DocumentRow<'_> {
        let source = match self.order.get(at) {
            Some(&source) => source,
            None => Source::Journal(at as u32),
        };
        match source {
            Source::Journal(position) => self.journal_row(position as usize),
            Source::Quote(position) => self.quotes[position as usize].clone(),
        }
    }

    /// The row of the journal document at `position`.
    fn journal_row(&self, position: usize) -> DocumentRow<'_> {
        let document = &self.documents[position];
        DocumentRow {
            id: self.ids.get(position),
            kind: document.kind,
            date: document.date,
            due: document.due,
            contact: self.contact_ids.get(document.contact as usize),
            currency: document.currency.as_str(),
            amount: document.amount,
            open: Some(document.open),
            status: document.status,
            invoice: None,
        }
    }
}

/// The documents of `book` dated on or before `as_of` that pass `filter`: invoices, credit
/// notes, bills and debit notes from the journal, with what the ledger says is open on them as
/// of `as_of`, and `quotes`.
pub fn documents<'a>(
    book: &'a Book,
    as_of: NaiveDate,
    filter: &DocumentFilter,
    quotes: &'a [QuoteSummary],
) -> DocumentRegister<'a> {
    let wanted = |kind: Kind| DocumentKind::of_entry(kind).is_some_and(|k| filter.takes_kind(k));
    let settled = Settlement::of(book, as_of, |side| {
        Kind::ALL
            .into_iter()
            .any(|kind| kind.side() == side && wanted(kind))
    });
    let contact_ids = Ids::of(book.contacts.iter().map(|contact| contact.id.as_str()));
    let mut listed = listed_keys(book, as_of, filter, &wanted, &settled, &contact_ids);
    let ids = sort_by_date_and_id(book, &mut listed);
    let documents: Vec<JournalDocument> = listed
        .par_iter()
        .map(|&key| {
            let index = key_entry(key);
            let entry = &book.entries[index as usize];
            JournalDocument::of(entry, settled.standing(book, index, as_of))
        })
        .collect();
    let quotes = quote_rows(quotes, as_of, filter);
    let order = if quotes.is_empty() {
        Vec::new()
    } else {
        merged(&documents, &ids, &quotes)
    };
    DocumentRegister {
        documents,
        ids,
        contact_ids,
        quotes,
        order,
    }
}

/// The [`date_key`]s of the journal documents dated on or before `as_of` whose kind is `wanted`
/// and that pass `filter`, in journal order.
fn listed_keys(
    book: &Book,
    as_of: NaiveDate,
    filter: &DocumentFilter,
    wanted: &(impl Fn(Kind) -> bool + Sync),
    settled: &Settlement,
    contact_ids: &Ids,
) -> Vec<u64> {
    book.entries
        .par_iter()
        .enumerate()
        .filter(|(index, entry)| {
            entry.date <= as_of
                && wanted(entry.kind)
                && filter.passes(
                    entry.date,
                    || contact_ids.get(entry.contact as usize),
                    || entry.currency.as_str(),
                    || settled.standing(book, *index as EntryIndex, as_of).1,
                )
        })
        .map(|(index, entry)| date_key(entry.date, index as EntryIndex))
        .collect()
}

/// The quotes dated on or before `as_of` that pass `filter`, by date and id.
fn quote_rows<'a>(
    quotes: &'a [QuoteSummary],
    as_of: NaiveDate,
    filter: &DocumentFilter,
) -> Vec<DocumentRow<'a>> {
    if !filter.takes_kind(DocumentKind::Quote) {
        return Vec::new();
    }
    let mut rows: Vec<DocumentRow<'a>> = quotes
        .iter()
        .filter(|quote| quote.date <= as_of)
        .map(|quote| quote_row(quote, as_of))
        .filter(|row| filter.matches(row))
        .collect();
    rows.sort_by(|a, b| (a.date, a.id).cmp(&(b.date, b.id)));
    rows
}

/// An entry's date and index in one number: ordered by date, then journal order.
fn date_key(date: NaiveDate, index: EntryIndex) -> u64 {
    // Flipping the sign bit keeps the order of the days (negative before the common era).
    let day = (date.num_days_from_ce() as u32) ^ (1 << 31);
    (u64::from(day) << 32) | u64::from(index)
}

/// The entry of a [`date_key`].
fn key_entry(key: u64) -> EntryIndex {
    key as EntryIndex
}

/// Sorts the listed entries' [`date_key`]s by date, then id, then receivables before payables,
/// then journal order (ids are unique in a valid book; the journal breaks ties in any other): by
/// date first (nothing to do when the journal is written in date order, one sort of numbers
/// when mostly), then each day's entries by id (small sorts of entries that lie close together
/// in the book). Returns their ids in that order.
fn sort_by_date_and_id(book: &Book, listed: &mut [u64]) -> Ids {
    if !listed.is_sorted() {
        listed.par_sort_unstable();
    }
    let days: Vec<Ids> = listed
        .par_chunk_by_mut(|a, b| a >> 32 == b >> 32)
        .map(|day| {
            // Each key read once: a comparison would otherwise read two entries and their ids.
            // Ids are compared by their first 16 bytes as one number, the text only on a tie.
            let mut keys: Vec<_> = day
                .iter()
                .map(|&key| {
                    let entry = &book.entries[key_entry(key) as usize];
                    let id = book.entry_id(entry);
                    (id_prefix(id), id, entry.kind.side() == Side::Payables, key)
                })
                .collect();
            keys.sort_unstable();
            let mut ids = Ids::with_capacity(day.len());
            for (slot, (_, id, _, key)) in day.iter_mut().zip(keys) {
                *slot = key;
                ids.push(id);
            }
            ids
        })
        .collect();
    Ids::concat(days)
}

/// Ids one after the other in one string: a register's rows read them here, in order, rather
/// than each from its place in the journal text or its contact, where it is a cache miss.
#[derive(Debug, Clone, Default)]
struct Ids {
    text: String,
    /// Where each id ends in `text`.
    ends: Vec<usize>,
}

impl Ids {
    /// `ids`, in order.
    fn of<'i>(ids: impl Iterator<Item = &'i str>) -> Ids {
        let mut all = Ids::default();
        for id in ids {
            all.push(id);
        }
        all
    }

    /// Room for `count` ids of a usual length.
    fn with_capacity(count: usize) -> Ids {
        Ids {
            text: String::with_capacity(count * 16),
            ends: Vec::with_capacity(count),
        }
    }

    fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    /// The id at position `at`.
    fn get(&self, at: usize) -> &str {
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[at]]
    }

    /// `parts` one after the other.
    fn concat(parts: Vec<Ids>) -> Ids {
        let mut all = Ids {
            text: String::with_capacity(parts.iter().map(|part| part.text.len()).sum()),
            ends: Vec::with_capacity(parts.iter().map(|part| part.ends.len()).sum()),
        };
        for part in parts {
            let offset = all.text.len();
            all.text.push_str(&part.text);
            all.ends.extend(part.ends.iter().map(|end| offset + end));
        }
        all
    }
}

/// The first 16 bytes of `id` as a big-endian number, zeros after a shorter id: a smaller
/// prefix is a smaller id in text order; equal prefixes leave the order to the text.
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let length = id.len().min(16);
    bytes[..length].copy_from_slice(&id.as_bytes()[..length]);
    u128::from_be_bytes(bytes)
}

/// The journal's documents (with their `ids`) and the quotes, each sorted, in one order: by
/// date and id, a quote after a journal document of the same date and id.
fn merged(documents: &[JournalDocument], ids: &Ids, quoted: &[DocumentRow<'_>]) -> Vec<Source> {
    let mut order = Vec::with_capacity(documents.len() + quoted.len());
    let mut journal = (0..documents.len()).peekable();
    for (at, quote) in quoted.iter().enumerate() {
        while let Some(position) =
            journal.next_if(|&at| (documents[at].date, ids.get(at)) <= (quote.date, quote.id))
        {
            order.push(Source::Journal(position as u32));
        }
        order.push(Source::Quote(at as u32));
    }
    order.extend(journal.map(|position| Source::Journal(position as u32)));
    order
}

fn quote_row(quote: &QuoteSummary, as_of: NaiveDate) -> DocumentRow<'_> {
    DocumentRow {
        id: &quote.id,
        kind: DocumentKind::Quote,
        date: quote.date,
        due: quote.valid_until,
        contact: &quote.contact,
        currency: &quote.currency,
        amount: quote.amount,
        open: None,
        status: quote.status(as_of),
        invoice: quote.invoice.as_deref(),
    }
}

/// What the ledgers say of each entry of the book: a byte of [`settled`] flags per entry, dense
/// because the register asks about every document, and the amounts still open, which only a
/// few entries have, by entry.
struct Settlement {
    flags: Vec<u8>,
    open: Vec<(EntryIndex, Decimal)>,
}

/// The flags of an entry in a [`Settlement`].
mod settled {
    /// Something is still open (a debit) or unapplied (a credit).
    pub(super) const OPEN: u8 = 1;
    /// Money was applied to it.
    pub(super) const MONEY: u8 = 1 << 1;
    /// Credit or debit notes whose `ref:` names it were applied to it.
    pub(super) const NOTES_REFERRING: u8 = 1 << 2;
    /// Write-offs were applied to it.
    pub(super) const WRITEOFFS: u8 = 1 << 3;
}

impl Settlement {
    /// The settlement of the sides `wanted` as of `as_of`, one ledger at a time.
    fn of(book: &Book, as_of: NaiveDate, wanted: impl Fn(Side) -> bool) -> Settlement {
        let mut settlement = Settlement {
            flags: vec![0; book.entries.len()],
            open: Vec::new(),
        };
        for side in [Side::Receivables, Side::Payables] {
            if wanted(side) {
                settlement.read(&Ledger::build_applied(book, side, as_of));
            }
        }
        settlement.open.sort_unstable_by_key(|&(entry, _)| entry);
        // The ledgers' many small blocks, freed, would otherwise stay in the allocator's arenas
        // under the rows made next.
        crate::alloc::release_free_memory();
        settlement
    }

    /// Takes what `ledger` says of its entries.
    fn read(&mut self, ledger: &Ledger) {
        for account in &ledger.accounts {
            for item in account.open_items.iter().chain(&account.unapplied) {
                self.flags[item.entry as usize] |= settled::OPEN;
                self.open.push((item.entry, item.open));
            }
            for applied in &account.applied {
                let flag = |set: bool, flag: u8| if set { flag } else { 0 };
                self.flags[applied.debit as usize] |= flag(applied.money, settled::MONEY)
                    | flag(applied.notes_referring, settled::NOTES_REFERRING)
                    | flag(applied.writeoffs, settled::WRITEOFFS);
            }
        }
    }

    /// What is still open on entry `index`.
    fn open(&self, index: EntryIndex) -> Decimal {
        if self.flags[index as usize] & settled::OPEN == 0 {
            return Decimal::ZERO;
        }
        self.open
            .binary_search_by_key(&index, |&(entry, _)| entry)
            .map_or(Decimal::ZERO, |at| self.open[at].1)
    }

    /// What is open on journal document `index` as of `as_of`, and its status.
    fn standing(&self, book: &Book, index: EntryIndex, as_of: NaiveDate) -> (Decimal, Status) {
        let entry = &book.entries[index as usize];
        let open = self.open(index);
        let status = if open.is_zero() {
            if self.written_off(index) {
                Status::WrittenOff
            } else if self.voided(index) {
                Status::Void
            } else {
                Status::Paid
            }
        } else if entry.kind.takes_due() && entry.due < as_of {
            Status::Overdue
        } else if open < entry.amount {
            Status::Partial
        } else {
            Status::Open
        };
        (open, status)
    }

    /// Closed with write-offs and no money: written off, whatever notes helped.
    fn written_off(&self, index: EntryIndex) -> bool {
        self.flags[index as usize] & (settled::WRITEOFFS | settled::MONEY) == settled::WRITEOFFS
    }

    /// True when `index` was cancelled, not paid: notes that refer to it were applied to it,
    /// and no money was.
    fn voided(&self, index: EntryIndex) -> bool {
        self.flags[index as usize] & (settled::NOTES_REFERRING | settled::MONEY)
            == settled::NOTES_REFERRING
    }
}

impl Tabular for DocumentRegister<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("id"),
            Column::text("kind").priority(4),
            Column::text("date").priority(3),
            Column::text("due").priority(6),
            Column::text("contact"),
            Column::text("currency"),
            Column::amount("amount").priority(5),
            Column::amount("open"),
            Column::text("status"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand_into(self.len(), |index, cells| {
            cells.extend(self.row(index).cells());
        })
    }

    fn widest(&self) -> Option<Vec<usize>> {
        let mut widest = self.journal_widest()?;
        for quote in &self.quotes {
            crate::tabular::widen_to_row(&mut widest, &quote.clone().cells())?;
        }
        Some(widest.to_vec())
    }
}

impl<'a> DocumentRow<'a> {
    /// The cells of the row in `folio documents`.
    fn cells(self) -> [Cell<'a>; 9] {
        [
            Cell::from(self.id),
            Cell::from(self.kind.as_str()),
            Cell::Date(self.date),
            self.due.map_or(Cell::Null, Cell::Date),
            Cell::from(self.contact),
            Cell::from(self.currency),
            Cell::Amount(self.amount),
            self.open.map_or(Cell::Null, Cell::Amount),
            Cell::from(self.status.as_str()),
        ]
    }
}

impl DocumentRegister<'_> {
    /// The width of each column's widest cell among the journal documents, counted from what the
    /// register holds rather than from rows made for it; `None` when some id is not printable
    /// ASCII, which a table measures as it shows it.
    fn journal_widest(&self) -> Option<[usize; 9]> {
        if !is_printable_ascii(&self.ids.text) || !is_printable_ascii(&self.contact_ids.text) {
            return None;
        }
        let date_len = |date: NaiveDate| Cell::Date(date).ascii_len();
        self.documents
            .par_iter()
            .enumerate()
            .map(|(at, document)| {
                Some([
                    self.ids.get(at).len(),
                    document.kind.as_str().len(),
                    date_len(document.date)?,
                    document.due.map_or(Some(0), date_len)?,
                    self.contact_ids.get(document.contact as usize).len(),
                    document.currency.as_str().len(),
                    amount_len(document.amount),
                    amount_len(document.open),
                    document.status.as_str().len(),
                ])
            })
            .try_reduce(
                || [0; 9],
                |a, b| Some(std::array::from_fn(|i| a[i].max(b[i]))),
            )
    }
}

/// The quotes of a register, as `folio quote list` shows them: with their last day and the
/// invoice each became.
#[derive(Debug, Clone)]
pub struct QuoteList<'a>(pub DocumentRegister<'a>);

impl Tabular for QuoteList<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("id"),
            Column::text("date"),
            Column::text("valid_until").priority(1),
            Column::text("contact"),
            Column::text("currency"),
            Column::amount("amount"),
            Column::text("status"),
            Column::text("invoice").priority(2),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(self.0.len(), |index| {
            let row = self.0.row(index);
            vec![
                Cell::from(row.id),
                Cell::Date(row.date),
                row.due.map_or(Cell::Null, Cell::Date),
                Cell::from(row.contact),
                Cell::from(row.currency),
                Cell::Amount(row.amount),
                Cell::from(row.status.as_str()),
                row.invoice.into(),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_keys_order_by_date_then_journal_order_and_give_back_the_entry() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let keys = [
            date_key(date(-1, 12, 31), 9),
            date_key(date(1, 1, 1), 0),
            date_key(date(2026, 3, 1), 7),
            date_key(date(2026, 3, 1), u32::MAX - 1),
            date_key(date(2026, 3, 2), 3),
        ];
        assert!(keys.is_sorted_by(|a, b| a < b));
        assert_eq!(key_entry(keys[3]), u32::MAX - 1);
        assert_eq!(keys[2] >> 32, keys[3] >> 32);
    }

    #[test]
    fn ids_sorted_by_prefix_then_text_are_in_text_order() {
        let mut ids = vec![
            "INV-2024-000010",
            "INV-2024-00001",
            "INV-2024-000001",
            "BILL-2024-000002",
            "a",
            "A",
            "9",
            "INV-2024-000001-part-b",
            "INV-2024-000001-part-a",
            "INV-2024-000001/",
            "Z.1",
            "Z_1",
            "Z-1",
            "Z/1",
            "x".repeat(40).leak(),
            "x".repeat(16).leak(),
            "x".repeat(17).leak(),
        ];
        let mut by_prefix = ids.clone();
        by_prefix.sort_unstable_by_key(|id| (id_prefix(id), *id));
        ids.sort_unstable();
        assert_eq!(by_prefix, ids);
    }
}
