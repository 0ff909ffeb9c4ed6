//! The bound on totals that keeps every sum of entries exact.
//!
//! A `Decimal` holds 28 significant digits. Past them its additions do not fail: they round
//! decimals away. So the loader refuses a book whose amounts in one currency, added over the
//! whole book (both sides, every contact), reach 10^[`MAX_TOTAL_INTEGER_DIGITS`]: every amount is
//! positive, so any sum or difference of entries a report makes (a balance, a bucket, a total row)
//! is then below the bound too, and exact with the journal's 4 decimals. Checking once here is
//! what lets the ledger and the reports add without a check in their loops.

use super::settlements::Settlements;
use super::{Book, Contact, SourceFile};
use crate::diagnostic::Diagnostic;
use crate::journal::Entry;
use crate::money::{Currency, MAX_DECIMALS, MAX_TOTAL_INTEGER_DIGITS, units};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The bound in units of the journal's smallest amount (10^-4): 10^28.
const BOUND: i128 = 10i128.pow(MAX_TOTAL_INTEGER_DIGITS + MAX_DECIMALS as u32);

/// Each currency's amounts added up, in units of 10^-4 (exact: a sum of 2^32 journal amounts
/// stays far inside an `i128`). The loader adds each entry while it parses it, so the check
/// costs no second pass over the entries.
#[derive(Debug, Clone, Default)]
pub(in crate::book) struct CurrencyTotals(Vec<(Currency, i128)>);

impl CurrencyTotals {
    /// The totals of `entries`.
    fn of(entries: &[Entry]) -> CurrencyTotals {
        let mut totals = CurrencyTotals::default();
        for entry in entries {
            totals.add(entry.currency, units(entry.amount));
        }
        totals
    }

    /// The running total of `currency`, made on first use; books have a handful of currencies.
    fn slot(&mut self, currency: Currency) -> &mut i128 {
        let at = match self.0.iter().position(|(c, _)| *c == currency) {
            Some(at) => at,
            None => {
                self.0.push((currency, 0));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    /// Adds `units` (an amount in units of 10^-4) to `currency`.
    pub(super) fn add(&mut self, currency: Currency, units: i128) {
        let total = self.slot(currency);
        *total = total.saturating_add(units);
    }

    /// Adds another part's totals.
    pub(super) fn merge(&mut self, other: &CurrencyTotals) {
        for &(currency, units) in &other.0 {
            self.add(currency, units);
        }
    }

    /// The currencies whose total reaches the bound.
    fn over(&self) -> Vec<Currency> {
        self.0
            .iter()
            .filter(|&&(_, total)| total >= BOUND)
            .map(|&(currency, _)| currency)
            .collect()
    }
}

/// The message of a total past the bound: `whose` is "`acme`'s entries" or "the book's entries".
fn past_the_bound(whose: &str, currency: Currency) -> String {
    format!(
        "with this entry, {whose} in {currency} add up to 10^{MAX_TOTAL_INTEGER_DIGITS} or more, \
         past what folio can total exactly ({MAX_TOTAL_INTEGER_DIGITS} integer digits and \
         {MAX_DECIMALS} decimals, the 28 significant digits of a decimal)"
    )
}

/// Reports, for each currency whose amounts reach the bound, the entry at which the running total
/// (in journal order) first reaches it: of its contact's entries in that currency when they alone
/// do, else of the book's. `parsed` are the totals the parser made of every entry it read (at
/// least those of `entries`, which leave out lines found wrong later).
pub(super) fn check(
    sources: &[SourceFile],
    contacts: &[Contact],
    entries: &[Entry],
    settlements: &Settlements,
    parsed: &CurrencyTotals,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut over = parsed.over();
    if over.is_empty() {
        return;
    }
    // Only on a book past the bound: walk again to find where.
    let mut book_totals: FxHashMap<Currency, i128> = FxHashMap::default();
    let mut account_totals: FxHashMap<(u32, Currency), i128> = FxHashMap::default();
    for (index, entry) in entries.iter().enumerate() {
        // A settling entry counts in its own currency and in the one it settles.
        let settled = settlements
            .get(index as crate::journal::EntryIndex)
            .map(|s| (s.amount, s.currency));
        for (amount, currency) in std::iter::once((entry.amount, entry.currency)).chain(settled) {
            if !over.contains(&currency) {
                continue;
            }
            let amount = units(amount);
            let account = account_totals.entry((entry.contact, currency)).or_default();
            *account = account.saturating_add(amount);
            let book = book_totals.entry(currency).or_default();
            *book = book.saturating_add(amount);
            if *book < BOUND {
                continue;
            }
            let whose = if *account >= BOUND {
                format!("`{}`'s entries", contacts[entry.contact as usize].id)
            } else {
                "the book's entries".to_string()
            };
            diagnostics.push(at_amount(sources, entry, past_the_bound(&whose, currency)));
            over.retain(|&c| c != currency);
        }
    }
}

/// An error at the amount of an entry's line.
fn at_amount(sources: &[SourceFile], entry: &Entry, message: String) -> Diagnostic {
    let source = &sources[entry.source as usize];
    let line = entry.line_in(&source.text);
    let offset = crate::journal::parser::parse_line(line)
        .ok()
        .flatten()
        .map_or(0, |parsed| parsed.amount_offset);
    Diagnostic::error(
        &source.path,
        entry.line,
        super::loader::column_of(line, offset),
        message,
    )
    .with_excerpt(line)
}

/// What each currency of a book already adds up to, for commands that append entries: they must
/// not write a line that makes the book invalid.
#[derive(Debug, Clone)]
pub struct Room {
    totals: CurrencyTotals,
}

impl Room {
    /// The totals of the book's entries.
    pub fn of(book: &Book) -> Room {
        Room {
            totals: CurrencyTotals::of(&book.entries),
        }
    }

    /// A room that counts only the entries taken from now on: exact for one entry when the
    /// book's totals are known to stay below [`Room::FRESH_LIMIT`], since no journal amount can
    /// then take them to the bound.
    pub fn fresh() -> Room {
        Room {
            totals: CurrencyTotals::default(),
        }
    }

    /// The most the book's totals may add up to (in units of 10^-4) for [`Room::fresh`] to be
    /// exact: the bound less the largest journal amount.
    pub const FRESH_LIMIT: i128 =
        BOUND - 10i128.pow(crate::money::MAX_INTEGER_DIGITS as u32 + MAX_DECIMALS as u32);

    /// Counts one more entry of `amount` in `currency` when the totals stay exact; otherwise
    /// counts nothing and says why.
    pub fn take(&mut self, currency: Currency, amount: Decimal) -> Result<(), String> {
        let slot = self.totals.slot(currency);
        let total = slot.saturating_add(units(amount));
        if total >= BOUND {
            return Err(format!(
                "amount {amount} would take the book's entries in {currency} to \
                 10^{MAX_TOTAL_INTEGER_DIGITS} or more, past what folio can total exactly \
                 ({MAX_TOTAL_INTEGER_DIGITS} integer digits and {MAX_DECIMALS} decimals)"
            ));
        }
        *slot = total;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Kind, NO_REFERENCE};
    use chrono::NaiveDate;

    const LINE: &str = "2026-01-01 invoice I1 acme 999999999999999999.9999";

    /// `count` entries of the largest amount, for contacts 0 and 1 by `contact_of(i)`, all read
    /// from one journal line.
    fn largest_entries(count: usize, contact_of: impl Fn(usize) -> u32) -> Vec<Entry> {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let amount: Decimal = "999999999999999999.9999".parse().unwrap();
        (0..count)
            .map(|i| Entry {
                date,
                due: date,
                kind: Kind::Invoice,
                currency: Currency::parse("EUR").unwrap(),
                contact: contact_of(i),
                amount,
                reference: NO_REFERENCE,
                source: 0,
                line: i as u32 + 1,
                line_start: 0,
                id_offset: 19,
                id_len: 2,
            })
            .collect()
    }

    fn contacts() -> Vec<Contact> {
        ["acme", "beta"].map(Contact::placeholder).into()
    }

    fn problems(entries: &[Entry]) -> Vec<Diagnostic> {
        let sources = [SourceFile {
            path: "journal/2026.journal".into(),
            text: LINE.into(),
        }];
        let mut diagnostics = Vec::new();
        let parsed = CurrencyTotals::of(entries);
        let none = Settlements::default();
        check(
            &sources,
            &contacts(),
            entries,
            &none,
            &parsed,
            &mut diagnostics,
        );
        diagnostics
    }

    #[test]
    fn a_currency_total_past_24_integer_digits_is_refused_at_the_entry_that_crosses() {
        // A million of the largest amount stay 100 below 10^24; one more crosses it.
        assert!(problems(&largest_entries(1_000_000, |_| 0)).is_empty());
        let crossing = problems(&largest_entries(1_000_001, |_| 0));
        assert_eq!(crossing.len(), 1);
        let problem = &crossing[0];
        assert_eq!((problem.line, problem.column), (1_000_001, 28));
        assert!(
            problem
                .message
                .contains("`acme`'s entries in EUR add up to 10^24 or more"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_book_total_past_the_bound_names_the_book_when_no_contact_alone_crosses() {
        let crossing = problems(&largest_entries(1_000_001, |i| (i % 2) as u32));
        assert_eq!(crossing.len(), 1);
        assert!(
            crossing[0]
                .message
                .contains("the book's entries in EUR add up to 10^24 or more"),
            "{}",
            crossing[0].message
        );
    }

    #[test]
    fn room_refuses_an_entry_that_would_cross_the_bound_and_counts_the_ones_it_takes() {
        let eur = Currency::parse("EUR").unwrap();
        let mut room = Room {
            totals: CurrencyTotals::of(&largest_entries(1_000_000, |_| 0)),
        };
        let hundred = Decimal::from(100);
        assert!(room.take(eur, hundred).is_err());
        assert!(room.take(eur, Decimal::from(99)).is_ok());
        assert!(room.take(eur, Decimal::ONE).is_err());
        assert!(room.take(Currency::parse("USD").unwrap(), hundred).is_ok());
    }
}
