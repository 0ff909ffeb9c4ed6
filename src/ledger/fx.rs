//! Realised exchange differences: what a payment or payout in one currency, settling documents
//! in another (`settles:`), gained or lost against the documents' value at their own date.
//!
//! For each allocation of a settling credit to a debit (docs/format.md, "Payments in another
//! currency"):
//! - the settled part `a` is the allocated amount, in the debit's currency;
//! - the paid part `p` is the share of what was paid that `a` stands for, in the payment's
//!   currency. The shares are taken cumulatively: after allocations `a1..ak` of one payment,
//!   `p1 + .. + pk = round(paid × (a1 + .. + ak) ÷ settled)` (half away from zero, to the paid
//!   currency's minor unit, or to the decimals `paid` is written with when it has more), each
//!   part being the difference of two such rounded totals. So the
//!   parts of a fully allocated payment add up exactly to what was paid, with no cent lost or
//!   made by rounding;
//! - the carrying value `c` is `a` converted to the payment's currency at the rate of the
//!   debit's date ([`crate::book::rates::Rates::convert`]);
//! - the difference is `p - c` on receivables and `c - p` on payables: positive is a gain.

use super::{Allocation, Ledger};
use crate::book::Book;
use crate::book::rates::{Rate, RateError};
use crate::journal::{EntryIndex, Side};
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::RoundingStrategy;
use rustc_hash::FxHashMap;

/// Adds two converted amounts, or says they are too large to add exactly (the converted side of
/// a rate of up to 10^12 is not bounded by the journal's totals).
pub fn add_converted(
    a: Decimal,
    b: Decimal,
    from: Currency,
    to: Currency,
) -> Result<Decimal, RateError> {
    crate::money::exact_add(a, b).ok_or(RateError::TooLarge { from, to })
}

/// The value of a settled part at the debit's date, and the difference it realised.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valuation {
    /// The rate from the settled currency to the paid one on the debit's date.
    pub rate: Rate,
    /// The settled part at that rate, in the paid currency.
    pub carrying: Decimal,
    /// The realised difference in the paid currency: positive is a gain, negative a loss.
    pub difference: Decimal,
}

/// One allocation of a settling payment or payout, valued.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// The settling payment or payout.
    pub credit: EntryIndex,
    /// The document it settled.
    pub debit: EntryIndex,
    /// Receivables (payment) or payables (payout).
    pub side: Side,
    /// When it was allocated.
    pub date: NaiveDate,
    /// The debit's date: the day of the carrying rate.
    pub debit_date: NaiveDate,
    /// The settled part, in the settled currency.
    pub settled: Decimal,
    /// The settled (the document's) currency.
    pub settled_currency: Currency,
    /// The paid part, in the paid currency.
    pub paid: Decimal,
    /// The currency the money moved in.
    pub paid_currency: Currency,
    /// The valuation, or the rate that is missing for it.
    pub valuation: Result<Valuation, RateError>,
}

impl Exchange {
    /// The realised difference (positive: gain), or the missing rate.
    pub fn difference(&self) -> Result<Decimal, RateError> {
        self.valuation
            .as_ref()
            .map(|v| v.difference)
            .map_err(Clone::clone)
    }
}

/// Every allocation of a settling entry in `ledger` (built with its trail), valued, in trail
/// order. Empty when the book has no settlements.
pub fn exchanges(book: &Book, ledger: &Ledger) -> Vec<Exchange> {
    if book.settlements.is_empty() {
        return Vec::new();
    }
    // What each settling entry has had allocated so far, in its settled currency.
    let mut allocated: FxHashMap<EntryIndex, Decimal> = FxHashMap::default();
    let mut out = Vec::new();
    for allocation in ledger.allocations() {
        let Some(settlement) = book.settlements.get(allocation.credit) else {
            continue;
        };
        let payment = &book.entries[allocation.credit as usize];
        let before = allocated.entry(allocation.credit).or_default();
        let after = *before + allocation.amount;
        let share = |settled_so_far| {
            paid_share(
                payment.amount,
                settled_so_far,
                settlement.amount,
                payment.currency,
            )
        };
        let paid = share(after) - share(*before);
        *before = after;
        out.push(valued(
            book,
            allocation,
            ledger.side,
            (allocation.amount, settlement.currency),
            (paid, payment.currency),
        ));
    }
    out
}

/// The exchanges of one entry, as the payment or as the document.
pub fn exchanges_of(exchanges: &[Exchange], entry: EntryIndex) -> impl Iterator<Item = &Exchange> {
    exchanges
        .iter()
        .filter(move |e| e.credit == entry || e.debit == entry)
}

/// `round(paid × part ÷ whole)`: the part of what was paid that `part` of the settled amount
/// `whole` stands for, to `currency`'s minor unit or to as many decimals as `paid` has, whichever
/// is more (so that the whole is `paid` exactly). `part <= whole`, so the ratio path cannot
/// overflow.
fn paid_share(paid: Decimal, part: Decimal, whole: Decimal, currency: Currency) -> Decimal {
    if part == whole {
        return paid;
    }
    let decimals = currency.minor_units().max(paid.scale());
    let exact = paid
        .checked_mul(part)
        .and_then(|product| product.checked_div(whole))
        .or_else(|| part.checked_div(whole)?.checked_mul(paid))
        .unwrap_or(Decimal::ZERO);
    exact.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

fn valued(
    book: &Book,
    allocation: &Allocation,
    side: Side,
    (settled, settled_currency): (Decimal, Currency),
    (paid, paid_currency): (Decimal, Currency),
) -> Exchange {
    let date = allocation.debit_date;
    let valuation = book
        .rates
        .rate(settled_currency, paid_currency, date)
        .and_then(|rate| {
            let carrying = book
                .rates
                .convert(settled, settled_currency, paid_currency, date)?;
            let difference = match side {
                Side::Receivables => paid.checked_sub(carrying),
                Side::Payables => carrying.checked_sub(paid),
            }
            .ok_or(RateError::TooLarge {
                from: settled_currency,
                to: paid_currency,
            })?;
            Ok(Valuation {
                rate,
                carrying,
                difference,
            })
        });
    Exchange {
        credit: allocation.credit,
        debit: allocation.debit,
        side,
        date: allocation.date,
        debit_date: date,
        settled,
        settled_currency,
        paid,
        paid_currency,
        valuation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{self, Location};
    use std::str::FromStr;

    /// Loads a book with customer `a` and supplier `s` (EUR), the journal and the rates given.
    fn book(journal: &str, rates: &str) -> (tempfile::TempDir, Book) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["contacts", "journal", "rates"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::fs::write(
            root.join("folio.toml"),
            "name = \"t\"\ncurrency = \"EUR\"\n",
        )
        .unwrap();
        std::fs::write(root.join("contacts/a.toml"), "name = \"A\"\n").unwrap();
        std::fs::write(
            root.join("contacts/s.toml"),
            "name = \"S\"\nroles = [\"supplier\"]\n",
        )
        .unwrap();
        std::fs::write(root.join("journal/j.journal"), journal).unwrap();
        std::fs::write(root.join("rates/r.rates"), rates).unwrap();
        let book = book::load_valid(&Location {
            root: root.to_path_buf(),
        })
        .unwrap();
        (dir, book)
    }

    fn all(book: &Book, side: Side) -> Vec<Exchange> {
        let as_of = NaiveDate::from_str("2026-12-31").unwrap();
        exchanges(book, &Ledger::build(book, side, as_of, true))
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn a_usd_invoice_paid_in_eur_below_its_carrying_value_is_a_loss() {
        let (_dir, book) = book(
            "2026-03-02 invoice INV-1 a 3040.00 USD\n\
             2026-04-01 payment P1 a 2800.00 EUR ref:INV-1 settles:3040.00\n",
            "2026-03-02 EUR USD 1.08\n",
        );
        let found = all(&book, Side::Receivables);
        assert_eq!(found.len(), 1);
        let exchange = &found[0];
        assert_eq!(
            (exchange.settled, exchange.paid),
            (dec("3040.00"), dec("2800.00"))
        );
        let valuation = exchange.valuation.as_ref().unwrap();
        assert_eq!(valuation.carrying, dec("2814.81"));
        assert_eq!(valuation.difference, dec("-14.81"));
    }

    #[test]
    fn the_paid_parts_of_a_fully_allocated_payment_add_up_to_what_was_paid() {
        // Three equal invoices: a third of 100.00 each cannot be exact in cents.
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 10 USD\n\
             2026-01-01 invoice I2 a 10 USD\n\
             2026-01-01 invoice I3 a 10 USD\n\
             2026-02-01 payment P1 a 100.00 EUR settles:30/USD\n",
            "2026-01-01 EUR USD 0.3\n",
        );
        let found = all(&book, Side::Receivables);
        let parts: Vec<Decimal> = found.iter().map(|e| e.paid).collect();
        assert_eq!(parts, [dec("33.33"), dec("33.34"), dec("33.33")]);
        assert_eq!(parts.iter().sum::<Decimal>(), dec("100.00"));
        // Each 10 USD is worth 33.33 EUR at 0.3: the middle part gains a cent.
        let differences: Vec<Decimal> = found.iter().map(|e| e.difference().unwrap()).collect();
        assert_eq!(differences, [dec("0.00"), dec("0.01"), dec("0.00")]);
    }

    #[test]
    fn a_payout_above_the_bills_carrying_value_is_a_loss_on_payables() {
        let (_dir, book) = book(
            "2026-03-02 bill B1 s 1080.00 USD\n\
             2026-03-20 payout O1 s 1010.00 ref:B1 settles:1080.00\n",
            "2026-03-01 EUR USD 1.08\n",
        );
        let found = all(&book, Side::Payables);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].difference().unwrap(), dec("-10.00"));
    }

    #[test]
    fn a_missing_rate_names_the_pair_and_the_debits_date() {
        let (_dir, book) = book(
            "2026-03-02 invoice INV-1 a 3040.00 USD\n\
             2026-04-01 payment P1 a 2800.00 EUR ref:INV-1 settles:3040.00\n",
            "2026-03-03 EUR USD 1.08\n",
        );
        let found = all(&book, Side::Receivables);
        let error = found[0].difference().unwrap_err();
        assert_eq!(
            error,
            RateError::Missing {
                from: Currency::parse("USD").unwrap(),
                to: Currency::parse("EUR").unwrap(),
                date: NaiveDate::from_str("2026-03-02").unwrap(),
            }
        );
    }
}
