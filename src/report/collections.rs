//! Promises to pay, judged: kept, broken or pending as of a date (docs/dunning.md, "Disputes and
//! promises").
//!
//! A promise covers one document, or every open receivable item of a contact in the contact's
//! currency, open on the day it was made. It is kept once the covered items were settled (paid,
//! credited, written off) after that day by at least the promised amount — without an amount, by
//! everything covered that was open that day — on or before its last day; else it is broken from
//! the day after its last day.

use crate::book::Book;
use crate::book::collections::{Covers, Promise};
use crate::journal::{EntryIndex, Kind};
use crate::ledger::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not yet due, not yet kept.
    Pending,
    /// Kept, on this day.
    Kept(NaiveDate),
    /// Broken, from this day (the day after its last day).
    Broken(NaiveDate),
}

impl Outcome {
    /// The word in reports: `pending`, `kept`, `broken`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Kept(_) => "kept",
            Outcome::Broken(_) => "broken",
        }
    }
}

/// A promise and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseState<'a> {
    /// The promise.
    pub promise: &'a Promise,
    /// What it asked for: its amount, else what it covered that was open on its day.
    pub target: Decimal,
    /// What was settled on the covered items after its day, up to its last day (or the report
    /// date, if earlier).
    pub settled: Decimal,
    /// Kept, broken or pending.
    pub outcome: Outcome,
}

/// Every promise made on or before the ledger's date, judged as of that date. The ledger must
/// be the receivables ledger built with its trail.
pub fn promises<'a>(book: &'a Book, ledger: &Ledger) -> Vec<PromiseState<'a>> {
    book.collections
        .promises
        .iter()
        .filter(|p| p.date <= ledger.as_of)
        .map(|promise| judge(book, ledger, promise))
        .collect()
}

fn judge<'a>(book: &Book, ledger: &Ledger, promise: &'a Promise) -> PromiseState<'a> {
    let covered = covered_items(book, promise);
    let mut open_then = Decimal::ZERO;
    // (day, amount) of every settlement of the covered items after the promise was made.
    let mut settlements: Vec<(NaiveDate, Decimal)> = Vec::new();
    for &entry in &covered {
        let amount = book.entries[entry as usize].amount;
        let mut settled_before = Decimal::ZERO;
        for allocation in ledger.allocations_of(entry).filter(|a| a.debit == entry) {
            if allocation.date <= promise.date {
                settled_before += allocation.amount;
            } else if allocation.date <= promise.until {
                settlements.push((allocation.date, allocation.amount));
            }
        }
        open_then += (amount - settled_before).max(Decimal::ZERO);
    }
    let target = promise.amount.unwrap_or(open_then);
    settlements.sort_by_key(|s| s.0);
    let mut settled = Decimal::ZERO;
    let mut kept = None;
    for (day, amount) in settlements {
        if day > ledger.as_of {
            break;
        }
        settled += amount;
        if kept.is_none() && settled >= target {
            kept = Some(day);
        }
    }
    let outcome = match kept {
        Some(day) => Outcome::Kept(day),
        None if ledger.as_of > promise.until => {
            Outcome::Broken(promise.until.succ_opt().unwrap_or(promise.until))
        }
        None => Outcome::Pending,
    };
    PromiseState {
        promise,
        target,
        settled,
        outcome,
    }
}

/// The receivable documents a promise covers: its document, or the contact's invoices and
/// refunds in the contact's currency dated on or before the promise's day.
fn covered_items(book: &Book, promise: &Promise) -> Vec<EntryIndex> {
    match promise.covers {
        Covers::Document(entry) => vec![entry],
        Covers::Contact(contact) => {
            let currency = book.contacts[contact as usize]
                .currency
                .or(book.config.currency);
            book.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.contact == contact
                        && matches!(e.kind, Kind::Invoice | Kind::Refund)
                        && currency.is_none_or(|c| e.currency == c)
                        && e.date <= promise.date
                })
                .map(|(i, _)| i as EntryIndex)
                .collect()
        }
    }
}

/// An item of a contact disputed on a date, for the contact's card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OpenDispute {
    /// The document.
    pub document: String,
    /// The day the dispute began.
    pub since: NaiveDate,
    /// Why (empty when no reason was recorded).
    pub reason: String,
}

/// A promise of a contact, for the contact's card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PromiseLine {
    /// The day it was made.
    pub date: NaiveDate,
    /// The document it covers, `None` for all of the contact's open items.
    pub document: Option<String>,
    /// Its last day.
    pub until: NaiveDate,
    /// What was promised: the amount, or what was open on the covered items.
    pub amount: String,
    /// `pending`, `kept` or `broken`.
    pub status: &'static str,
    /// The note, if any.
    pub note: Option<String>,
}

/// The items of `contact` disputed on `as_of`, and every promise it made by then (newest last).
pub fn of_contact(
    book: &Book,
    contact: u32,
    as_of: NaiveDate,
) -> (Vec<OpenDispute>, Vec<PromiseLine>) {
    let collections = &book.collections;
    let mut disputes = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (entry, since) in collections.dispute_starts(as_of) {
        let found = &book.entries[entry as usize];
        if found.contact != contact || !seen.insert(entry) {
            continue;
        }
        if let Some(reason) = collections.dispute(entry, as_of) {
            disputes.push(OpenDispute {
                document: book.entry_id(found).to_string(),
                since,
                reason: reason.to_string(),
            });
        }
    }
    if collections.promises_of(contact).next().is_none() {
        return (disputes, Vec::new());
    }
    let ledger = Ledger::build(book, crate::journal::Side::Receivables, as_of, true);
    let promises = promises(book, &ledger)
        .into_iter()
        .filter(|state| state.promise.contact == contact)
        .map(|state| PromiseLine {
            date: state.promise.date,
            document: match state.promise.covers {
                Covers::Document(entry) => {
                    Some(book.entry_id(&book.entries[entry as usize]).to_string())
                }
                Covers::Contact(_) => None,
            },
            until: state.promise.until,
            amount: crate::money::format_amount(state.target),
            status: state.outcome.as_str(),
            note: state.promise.note.clone(),
        })
        .collect();
    (disputes, promises)
}
