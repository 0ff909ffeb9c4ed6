//! Registers: the journal as a filtered list of entries (`folio entries`, `folio export
//! entries`), and one row per document with its status and what is still open on it (`folio
//! documents`, `folio quote list`).
//!
//! What is open, and how a document was closed, comes from the ledger's own allocation
//! ([`Ledger::build`] with its trail): the register reads it, it never settles anything itself.

use crate::book::Book;
use crate::journal::{Entry, EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

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
        self.from.is_none_or(|from| row.date >= from)
            && self.to.is_none_or(|to| row.date <= to)
            && self.contact.as_deref().is_none_or(|c| c == row.contact)
            && self.currency.is_none_or(|c| c.as_str() == row.currency)
            && (self.statuses.is_empty() || self.statuses.iter().any(|&s| row.status.passes(s)))
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

/// Documents, by date then id.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRegister<'a> {
    /// The rows.
    pub rows: Vec<DocumentRow<'a>>,
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
    let mut rows = Vec::new();
    for side in [Side::Receivables, Side::Payables] {
        let wanted = |kind: Kind| {
            kind.side() == side
                && DocumentKind::of_entry(kind).is_some_and(|k| filter.takes_kind(k))
        };
        if !Kind::ALL.into_iter().any(wanted) {
            continue;
        }
        let ledger = Ledger::build(book, side, as_of, true);
        let settled = Settlement::of(book, &ledger);
        for (index, entry) in book.entries.iter().enumerate() {
            if entry.date > as_of || !wanted(entry.kind) {
                continue;
            }
            let row = settled.row(book, index as EntryIndex, entry, as_of);
            if filter.matches(&row) {
                rows.push(row);
            }
        }
    }
    if filter.takes_kind(DocumentKind::Quote) {
        rows.extend(
            quotes
                .iter()
                .filter(|quote| quote.date <= as_of)
                .map(|quote| quote_row(quote, as_of))
                .filter(|row| filter.matches(row)),
        );
    }
    // Ids are unique in a valid book, so only a quote can share its date and id with another
    // row: it stays after the journal's documents, as the rows were pushed, with receivables
    // before payables.
    let pushed = |row: &DocumentRow<'_>| match row.kind {
        DocumentKind::Invoice | DocumentKind::Credit => 0,
        DocumentKind::Bill | DocumentKind::Debit => 1,
        DocumentKind::Quote => 2,
    };
    rows.par_sort_unstable_by(|a, b| (a.date, a.id, pushed(a)).cmp(&(b.date, b.id, pushed(b))));
    DocumentRegister { rows }
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

/// What the ledger says of each entry: what is open on it, and how it was settled.
struct Settlement {
    open: FxHashMap<EntryIndex, Decimal>,
    settled_by: FxHashMap<EntryIndex, Applied>,
}

/// What was applied to a document: money (payments, payouts) or notes that refer to it.
#[derive(Debug, Clone, Copy, Default)]
struct Applied {
    money: bool,
    notes_referring: bool,
    writeoffs: bool,
}

impl Settlement {
    fn of(book: &Book, ledger: &Ledger) -> Settlement {
        let open = ledger
            .accounts
            .iter()
            .flat_map(|a| a.open_items.iter().chain(&a.unapplied))
            .map(|item| (item.entry, item.open))
            .collect();
        let mut settled_by: FxHashMap<EntryIndex, Applied> = FxHashMap::default();
        for allocation in ledger.allocations() {
            let applied = settled_by.entry(allocation.debit).or_default();
            let credit = &book.entries[allocation.credit as usize];
            if matches!(credit.kind, Kind::Credit | Kind::Debit) {
                applied.notes_referring |= credit.reference() == Some(allocation.debit);
            } else if credit.kind.is_writeoff() {
                applied.writeoffs = true;
            } else {
                applied.money = true;
            }
        }
        Settlement { open, settled_by }
    }

    fn row<'a>(
        &self,
        book: &'a Book,
        index: EntryIndex,
        entry: &'a Entry,
        as_of: NaiveDate,
    ) -> DocumentRow<'a> {
        let open = self.open.get(&index).copied().unwrap_or(Decimal::ZERO);
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
        DocumentRow {
            id: book.entry_id(entry),
            // Only document kinds reach here.
            kind: DocumentKind::of_entry(entry.kind).unwrap_or(DocumentKind::Invoice),
            date: entry.date,
            due: entry.kind.takes_due().then_some(entry.due),
            contact: &book.entry_contact(entry).id,
            currency: entry.currency.as_str(),
            amount: entry.amount,
            open: Some(open),
            status,
            invoice: None,
        }
    }

    /// True when `index` was cancelled, not paid: notes that refer to it were applied to it,
    /// and no money was.
    /// Closed with write-offs and no money: written off, whatever notes helped.
    fn written_off(&self, index: EntryIndex) -> bool {
        self.settled_by
            .get(&index)
            .is_some_and(|applied| applied.writeoffs && !applied.money)
    }

    fn voided(&self, index: EntryIndex) -> bool {
        self.settled_by
            .get(&index)
            .is_some_and(|applied| applied.notes_referring && !applied.money)
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
        Rows::on_demand(self.rows.len(), |index| {
            let row = &self.rows[index];
            vec![
                Cell::from(row.id),
                Cell::from(row.kind.as_str()),
                Cell::Date(row.date),
                row.due.map_or(Cell::Null, Cell::Date),
                Cell::from(row.contact),
                Cell::from(row.currency),
                Cell::Amount(row.amount),
                row.open.map_or(Cell::Null, Cell::Amount),
                Cell::from(row.status.as_str()),
            ]
        })
    }
}

/// The quotes of a register, as `folio quote list` shows them: with their last day and the
/// invoice each became.
#[derive(Debug, Clone, PartialEq)]
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
        Rows::on_demand(self.0.rows.len(), |index| {
            let row = &self.0.rows[index];
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
