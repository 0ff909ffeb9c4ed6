//! Reports: each turns the book and its ledger into plain data. Nothing here prints; the
//! renderers in [`crate::output`] decide how the data looks.

pub mod aging;
pub mod alerts;
pub mod anomaly;
pub mod balance;
pub mod closes;
pub mod clv;
pub mod collection;
pub mod collections;
pub mod contracts;
pub mod contribution;
pub mod convert;
pub mod credit;
pub mod dashboard;
pub mod diff;
pub mod directory;
pub mod explain;
pub mod forecast;
pub mod interest;
pub mod mailing;
pub mod metrics;
pub mod notes;
pub mod overdue;
pub mod products;
pub mod rates;
pub mod register;
pub mod remind;
pub mod rfm;
pub mod score;
pub mod segments;
pub mod statement;
pub mod vat;

use crate::journal::Side;
use crate::money::Currency;
use chrono::NaiveDate;

/// Options every report shares: the date, the side, and row filters.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Only entries dated on or before this date count.
    pub as_of: NaiveDate,
    /// Receivables, or payables with `--payables`.
    pub side: Side,
    /// Only this contact (an index into the book's contacts), when set.
    pub contact: Option<u32>,
    /// Only this currency, when set.
    pub currency: Option<Currency>,
    /// Only the contacts flagged here (a segment's members, by contact index), when set.
    pub members: Option<Vec<bool>>,
}

impl Scope {
    /// True when a row for this contact and currency passes the filters.
    pub fn includes(&self, contact: u32, currency: Currency) -> bool {
        self.contact.is_none_or(|c| c == contact)
            && self.currency.is_none_or(|c| c == currency)
            && self
                .members
                .as_ref()
                .is_none_or(|members| members.get(contact as usize) == Some(&true))
    }
}
