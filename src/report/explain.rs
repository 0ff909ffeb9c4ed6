//! `folio explain`: how one document was settled, from the allocation trail.
//!
//! For a debit (invoice, refund, bill): every credit applied to it, then what is still open.
//! For a credit (payment, credit note, payout, debit note): every item it settled, then what is
//! still unapplied. Either way the applications plus the remainder equal the document's amount.

use crate::book::Book;
use crate::journal::{EntryIndex, Kind};
use crate::ledger::Ledger;
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One application of the explained document to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// When it was applied (the later of the two documents' dates).
    pub date: NaiveDate,
    /// The other document.
    pub document: String,
    /// Its kind.
    pub kind: Kind,
    /// How much.
    pub amount: Decimal,
}

/// The settlement of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Document id.
    pub document: String,
    /// Its kind.
    pub kind: Kind,
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Currency.
    pub currency: Currency,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// The document's amount.
    pub amount: Decimal,
    /// The document named by its `ref:`, if any.
    pub reference: Option<String>,
    /// As of when the settlement is shown.
    pub as_of: NaiveDate,
    /// True for invoice, refund and bill: applications settled it. False: it settled them.
    pub is_debit: bool,
    /// The applications, in the order they happened.
    pub applications: Vec<Application>,
    /// Still open (debits) or unapplied (credits).
    pub remaining: Decimal,
}

/// Explains the settlement of `index` as of `as_of`.
pub fn explain(book: &Book, index: EntryIndex, as_of: NaiveDate) -> Explanation {
    let entry = &book.entries[index as usize];
    let ledger = Ledger::build(book, entry.kind.side(), as_of, true);
    let is_debit = entry.kind.is_debit();
    let applications = ledger
        .allocations_of(index)
        .map(|allocation| {
            let other = if allocation.debit == index {
                allocation.credit
            } else {
                allocation.debit
            };
            let other_entry = &book.entries[other as usize];
            Application {
                date: allocation.date,
                document: book.entry_id(other_entry).to_string(),
                kind: other_entry.kind,
                amount: allocation.amount,
            }
        })
        .collect();
    let contact = book.entry_contact(entry);
    Explanation {
        document: book.entry_id(entry).to_string(),
        kind: entry.kind,
        contact: contact.id.clone(),
        name: contact.name.clone(),
        currency: entry.currency,
        date: entry.date,
        due: entry.due,
        amount: entry.amount,
        reference: entry
            .reference()
            .map(|r| book.entry_id(&book.entries[r as usize]).to_string()),
        as_of,
        is_debit,
        applications,
        remaining: if entry.date <= as_of {
            ledger.open_amount(index)
        } else {
            entry.amount
        },
    }
}
