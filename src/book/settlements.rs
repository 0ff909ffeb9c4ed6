//! Payments and payouts that settle documents in another currency (`settles:` on the line).
//!
//! The entry itself stays the money that moved (its amount and currency as written); the ledger
//! allocates it as the settled amount in the settled currency. The table is kept beside the
//! entries rather than in them, so that an [`Entry`] stays small on a million-entry book where
//! nearly no entry settles in another currency.

use crate::journal::{Entry, EntryIndex};
use crate::money::Currency;
use rust_decimal::Decimal;

/// What one payment or payout settles: an amount in the currency of the documents it settles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    /// The settled amount, strictly positive.
    pub amount: Decimal,
    /// The settled currency: `settles:`'s `/CUR`, else the currency of the `ref:` document.
    pub currency: Currency,
}

/// Every settling entry of the book, by entry index (ascending).
#[derive(Debug, Clone, Default)]
pub struct Settlements(Vec<(EntryIndex, Settlement)>);

impl Settlements {
    /// The table of these settlements, in any order.
    pub fn new(mut settlements: Vec<(EntryIndex, Settlement)>) -> Settlements {
        settlements.sort_unstable_by_key(|&(entry, _)| entry);
        Settlements(settlements)
    }

    /// True when no entry of the book settles in another currency.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What `entry` settles, when it is a settling payment or payout.
    pub fn get(&self, entry: EntryIndex) -> Option<&Settlement> {
        if self.0.is_empty() {
            return None;
        }
        self.0
            .binary_search_by_key(&entry, |&(index, _)| index)
            .ok()
            .map(|at| &self.0[at].1)
    }

    /// Every settling entry with its settlement, in journal order.
    pub fn iter(&self) -> impl Iterator<Item = (EntryIndex, &Settlement)> {
        self.0
            .iter()
            .map(|(entry, settlement)| (*entry, settlement))
    }

    /// The amount and currency `entry` (at `index`) is allocated in: its settlement's, else its
    /// own.
    pub fn allocated(&self, index: EntryIndex, entry: &Entry) -> (Decimal, Currency) {
        match self.get(index) {
            Some(settlement) => (settlement.amount, settlement.currency),
            None => (entry.amount, entry.currency),
        }
    }
}
