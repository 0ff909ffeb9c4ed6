//! The open-item ledger: which documents are still open, which credits are unapplied, and how
//! every credit was applied (the allocation trail), as of a date.
//!
//! The rules (docs/format.md, "Allocation"): per contact, side and currency, entries are taken in
//! date order, ties in journal order. A debit (invoice, refund, bill) first consumes unapplied
//! credits, oldest first, and opens an item for the rest. A credit (payment, credit, payout, debit)
//! applies first to its `ref:` item, then to the open items by due date (ties: date, then journal
//! order); the rest stays unapplied. A refund with `ref:` first takes back what is unapplied of the
//! entry it names.

use crate::book::Book;
use crate::journal::{Entry, EntryIndex, Side};
use crate::money::Currency;
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// What is left of one document: an open debit item, or an unapplied credit.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenItem {
    /// The document.
    pub entry: EntryIndex,
    /// What is still open (debit) or unapplied (credit); always positive.
    pub open: Decimal,
}

/// One application of a credit to a debit.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    /// The payment, credit note, payout or debit note (or the unapplied credit a debit consumed).
    pub credit: EntryIndex,
    /// The invoice, refund or bill it settled.
    pub debit: EntryIndex,
    /// How much.
    pub amount: Decimal,
    /// When: the date of the later of the two entries.
    pub date: NaiveDate,
}

/// One contact's position in one currency on one side.
#[derive(Debug, Clone)]
pub struct Account {
    /// Index of the contact in the book.
    pub contact: u32,
    /// The currency.
    pub currency: Currency,
    /// Sum of debit entries (invoices, refunds; bills).
    pub debits: Decimal,
    /// Sum of credit entries (payments, credits; payouts, debit notes).
    pub credits: Decimal,
    /// Open debit items, in due order (due date, date, journal order).
    pub open_items: Vec<OpenItem>,
    /// Unapplied credits, oldest first.
    pub unapplied: Vec<OpenItem>,
    /// How many entries were counted.
    pub entry_count: usize,
}

impl Account {
    /// debits - credits, which equals open items - unapplied credits.
    pub fn balance(&self) -> Decimal {
        self.debits - self.credits
    }
}

/// The ledger of one side as of a date.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// Receivables or payables.
    pub side: Side,
    /// Only entries dated on or before this date count.
    pub as_of: NaiveDate,
    /// One account per contact and currency with at least one counted entry, sorted by contact
    /// index (which is contact id order) then currency.
    pub accounts: Vec<Account>,
    /// Every application of a credit to a debit, when asked for.
    pub allocations: Vec<Allocation>,
}

/// Days an item is past due as of a date: positive when overdue, 0 on the due date.
pub fn days_past_due(due: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - due).num_days()
}

impl Ledger {
    /// Builds the ledger of `side` as of `as_of`. With `with_trail`, records every allocation
    /// (explain, statements); reports that need only open items skip that cost.
    pub fn build(book: &Book, side: Side, as_of: NaiveDate, with_trail: bool) -> Ledger {
        let entries = &book.entries;
        // Bucket the counted entries by contact (a counting sort keeps journal order inside each
        // bucket), then settle every contact on its own, in parallel.
        let contact_count = book.contacts.len();
        let mut starts = vec![0u32; contact_count + 1];
        let counted = |entry: &Entry| entry.kind.side() == side && entry.date <= as_of;
        for entry in entries.iter().filter(|e| counted(e)) {
            starts[entry.contact as usize + 1] += 1;
        }
        for i in 0..contact_count {
            starts[i + 1] += starts[i];
        }
        let mut cursor = starts.clone();
        let mut by_contact = vec![0 as EntryIndex; starts[contact_count] as usize];
        for (index, entry) in entries.iter().enumerate() {
            if counted(entry) {
                let slot = &mut cursor[entry.contact as usize];
                by_contact[*slot as usize] = index as EntryIndex;
                *slot += 1;
            }
        }

        let settled: Vec<(Vec<Account>, Vec<Allocation>)> = (0..contact_count)
            .into_par_iter()
            .filter(|&c| starts[c] < starts[c + 1])
            .map(|c| {
                let mut group = by_contact[starts[c] as usize..starts[c + 1] as usize].to_vec();
                // Stable: equal (currency, date) keep journal order.
                group.sort_by_key(|&i| {
                    let entry = &entries[i as usize];
                    (entry.currency, entry.date)
                });
                let mut accounts = Vec::new();
                let mut allocations = Vec::new();
                for run in group.chunk_by(|&a, &b| entries[a as usize].currency == entries[b as usize].currency) {
                    accounts.push(settle(entries, run, with_trail.then_some(&mut allocations)));
                }
                (accounts, allocations)
            })
            .collect();

        let mut accounts = Vec::new();
        let mut allocations = Vec::new();
        for (mut a, mut t) in settled {
            accounts.append(&mut a);
            allocations.append(&mut t);
        }
        Ledger { side, as_of, accounts, allocations }
    }

    /// The allocations that touch one entry, as credit or as debit, in the order they happened.
    pub fn allocations_of(&self, entry: EntryIndex) -> impl Iterator<Item = &Allocation> {
        self.allocations.iter().filter(move |a| a.credit == entry || a.debit == entry)
    }

    /// What is still open (or unapplied) of an entry, zero when settled or not counted.
    pub fn open_amount(&self, entry: EntryIndex) -> Decimal {
        self.accounts
            .iter()
            .flat_map(|a| a.open_items.iter().chain(&a.unapplied))
            .find(|item| item.entry == entry)
            .map_or(Decimal::ZERO, |item| item.open)
    }
}

/// Settles one contact's entries in one currency. `run` is in processing order (date, then
/// journal order).
fn settle(entries: &[Entry], run: &[EntryIndex], mut trail: Option<&mut Vec<Allocation>>) -> Account {
    let first = &entries[run[0] as usize];
    let mut account = Account {
        contact: first.contact,
        currency: first.currency,
        debits: Decimal::ZERO,
        credits: Decimal::ZERO,
        open_items: Vec::new(),
        unapplied: Vec::new(),
        entry_count: run.len(),
    };
    // What is left of each entry of the run, by position: open (debits) or unapplied (credits).
    let mut remaining = vec![Decimal::ZERO; run.len()];
    // Open debits by (due, date, position); settled ones are skipped when they surface.
    let mut open: BinaryHeap<Reverse<(NaiveDate, NaiveDate, u32)>> = BinaryHeap::new();
    // Unapplied credits, oldest first; consumed ones are skipped when they surface.
    let mut unapplied: VecDeque<u32> = VecDeque::new();
    // Position of a referenced entry, if it has already been processed.
    let position_of = |target: EntryIndex, before: usize| -> Option<usize> {
        let target_entry = &entries[target as usize];
        let key = (target_entry.date, target);
        run[..before]
            .binary_search_by(|&i| (entries[i as usize].date, i).cmp(&key))
            .ok()
    };
    let record = |trail: &mut Option<&mut Vec<Allocation>>, credit: u32, debit: u32, amount: Decimal, date: NaiveDate| {
        if let Some(trail) = trail.as_deref_mut() {
            trail.push(Allocation { credit, debit, amount, date });
        }
    };

    for (position, &index) in run.iter().enumerate() {
        let entry = &entries[index as usize];
        let mut left = entry.amount;
        if entry.kind.is_debit() {
            account.debits += entry.amount;
            let referenced = entry.reference().and_then(|target| position_of(target, position));
            if let Some(target) = referenced {
                let take = left.min(remaining[target]);
                if take > Decimal::ZERO {
                    remaining[target] -= take;
                    left -= take;
                    record(&mut trail, run[target], index, take, entry.date);
                }
            }
            while left > Decimal::ZERO {
                let Some(&credit) = unapplied.front() else { break };
                let credit = credit as usize;
                if remaining[credit].is_zero() {
                    unapplied.pop_front();
                    continue;
                }
                let take = left.min(remaining[credit]);
                remaining[credit] -= take;
                left -= take;
                record(&mut trail, run[credit], index, take, entry.date);
            }
            if left > Decimal::ZERO {
                remaining[position] = left;
                open.push(Reverse((entry.due, entry.date, position as u32)));
            }
        } else {
            account.credits += entry.amount;
            let referenced = entry.reference().and_then(|target| position_of(target, position));
            if let Some(target) = referenced {
                let take = left.min(remaining[target]);
                if take > Decimal::ZERO {
                    remaining[target] -= take;
                    left -= take;
                    record(&mut trail, index, run[target], take, entry.date);
                }
            }
            while left > Decimal::ZERO {
                let Some(&Reverse((_, _, debit))) = open.peek() else { break };
                let debit = debit as usize;
                if remaining[debit].is_zero() {
                    open.pop();
                    continue;
                }
                let take = left.min(remaining[debit]);
                remaining[debit] -= take;
                left -= take;
                record(&mut trail, index, run[debit], take, entry.date);
            }
            if left > Decimal::ZERO {
                remaining[position] = left;
                unapplied.push_back(position as u32);
            }
        }
    }

    let mut open_positions: Vec<(NaiveDate, NaiveDate, u32)> = open
        .into_iter()
        .map(|Reverse(key)| key)
        .filter(|&(_, _, p)| !remaining[p as usize].is_zero())
        .collect();
    open_positions.sort_unstable();
    account.open_items = open_positions
        .into_iter()
        .map(|(_, _, p)| OpenItem { entry: run[p as usize], open: remaining[p as usize] })
        .collect();
    account.unapplied = unapplied
        .into_iter()
        .filter(|&p| !remaining[p as usize].is_zero())
        .map(|p| OpenItem { entry: run[p as usize], open: remaining[p as usize] })
        .collect();
    account
}
