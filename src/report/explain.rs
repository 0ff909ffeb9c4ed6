//! `folio explain`: how one document was settled, from the allocation trail.
//!
//! For a debit (invoice, refund, bill): every credit applied to it, then what is still open.
//! For a credit (payment, credit note, payout, debit note): every item it settled, then what is
//! still unapplied. Either way the applications plus the remainder equal the document's amount.

use crate::book::Book;
use crate::book::rates::{Rate, RateError};
use crate::journal::{EntryIndex, Kind};
use crate::ledger::fx::{self, Exchange};
use crate::ledger::{Allocation, Ledger};
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
    /// How much, in the currency the documents are settled in.
    pub amount: Decimal,
    /// What of the other document was still open (or unapplied) as of the explanation's date.
    pub open: Decimal,
    /// For an application of a payment or payout in another currency: what was paid for it and
    /// what it realised.
    pub exchange: Option<AppliedExchange>,
}

/// What one application of a payment in another currency paid and realised
/// ([`crate::ledger::fx`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedExchange {
    /// The paid part, in the paid currency.
    pub paid: Decimal,
    /// The currency the money moved in.
    pub paid_currency: Currency,
    /// The rate used, as quoted: `1 EUR = 1.08 USD` (a quote of the inverse pair is shown as
    /// written; a rate through a third currency as one unit of the settled currency, to 10
    /// decimals).
    pub rate: String,
    /// The settled part at that rate, in the paid currency.
    pub carrying: Decimal,
    /// The realised difference, in the paid currency (positive: gain).
    pub difference: Decimal,
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
    /// Currency, as written (the money that moved, for a payment).
    pub currency: Currency,
    /// For a payment or payout in another currency: what it settles (`settles:`), in the
    /// currency its applications and remainder are in.
    pub settles: Option<(Decimal, Currency)>,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// The document's amount, as written.
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
    /// The first rate an application of a payment in another currency needed and the book does
    /// not hold (that application then shows no exchange); commands refuse the explanation.
    pub missing_rate: Option<RateError>,
}

/// Explains the settlement of `index` as of `as_of`.
pub fn explain(book: &Book, index: EntryIndex, as_of: NaiveDate) -> Explanation {
    let entry = &book.entries[index as usize];
    let ledger = Ledger::build(book, entry.kind.side(), as_of, true);
    let exchanges = fx::exchanges(book, &ledger);
    let is_debit = entry.kind.is_debit();
    let mut missing_rate = None;
    let applications = ledger
        .allocations_of(index)
        .map(|allocation| {
            let other = if allocation.debit == index {
                allocation.credit
            } else {
                allocation.debit
            };
            let other_entry = &book.entries[other as usize];
            let exchange = applied_exchange(&exchanges, allocation).unwrap_or_else(|missing| {
                missing_rate.get_or_insert(missing);
                None
            });
            Application {
                date: allocation.date,
                document: book.entry_id(other_entry).to_string(),
                kind: other_entry.kind,
                amount: allocation.amount,
                open: ledger.open_amount(other),
                exchange,
            }
        })
        .collect();
    let contact = book.entry_contact(entry);
    let settles = book
        .settlements
        .get(index)
        .map(|settlement| (settlement.amount, settlement.currency));
    Explanation {
        document: book.entry_id(entry).to_string(),
        kind: entry.kind,
        contact: contact.id.clone(),
        name: contact.name.clone(),
        currency: entry.currency,
        settles,
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
            book.allocated(index).0
        },
        missing_rate,
    }
}

/// What `allocation` paid and realised, when its credit is a payment in another currency.
fn applied_exchange(
    exchanges: &[Exchange],
    allocation: &Allocation,
) -> Result<Option<AppliedExchange>, RateError> {
    let Some(exchange) = exchanges.iter().find(|e| {
        (e.credit, e.debit, e.date, e.settled)
            == (
                allocation.credit,
                allocation.debit,
                allocation.date,
                allocation.amount,
            )
    }) else {
        return Ok(None);
    };
    let valuation = exchange.valuation.clone()?;
    Ok(Some(AppliedExchange {
        paid: exchange.paid,
        paid_currency: exchange.paid_currency,
        rate: describe(
            &valuation.rate,
            exchange.settled_currency,
            exchange.paid_currency,
        ),
        carrying: valuation.carrying,
        difference: valuation.difference,
    }))
}

/// A rate as a person reads it in the rates files (see [`AppliedExchange::rate`]).
fn describe(rate: &Rate, from: Currency, to: Currency) -> String {
    match rate {
        Rate::Quoted(leg) if leg.inverted => format!("1 {to} = {} {from}", leg.quote.normalize()),
        Rate::Quoted(leg) => format!("1 {from} = {} {to}", leg.quote.normalize()),
        Rate::Identity | Rate::Cross { .. } => {
            format!("1 {from} = {} {to}", rate.value().round_dp(10).normalize())
        }
    }
}

impl Explanation {
    /// `Ok` when every rate its applications need was found.
    pub fn rates(&self) -> Result<(), RateError> {
        self.missing_rate.clone().map_or(Ok(()), Err)
    }

    /// The currency its applications and remainder are in: what it settles, else its own.
    pub fn settled_currency(&self) -> Currency {
        self.settles.map_or(self.currency, |(_, currency)| currency)
    }

    /// The realised exchange difference of its applications, when any is of a payment in
    /// another currency, with the currency it is in.
    pub fn exchange_difference(&self) -> Option<(Decimal, Currency)> {
        let mut exchanges = self.applications.iter().filter_map(|a| a.exchange.as_ref());
        let first = exchanges.next()?;
        // None when the sum cannot be held exactly: nothing is shown rather than a wrong total.
        let total = exchanges.try_fold(first.difference, |sum, e| {
            crate::money::exact_add(sum, e.difference)
        })?;
        Some((total, first.paid_currency))
    }
}
