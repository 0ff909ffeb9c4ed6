//! `folio vat`: VAT on sales and input VAT on purchases over a period, per currency, side, VAT
//! category and rate, net of credit and debit notes, with the balance to pay or recover.
//!
//! Each invoice, credit note, bill and debit note dated in the period adds its VAT breakdown
//! ([`crate::ledger::vat::entry_vat`]) to the rows of its parts: invoices and bills count plus,
//! credit notes and debit notes minus. Entries whose VAT is unknown are counted apart and never
//! guessed; they are in no row and not in the balance.
//!
//! With [`Rates`], an entry in a currency that has a rate is converted part by part, each part
//! rounded half-up to cents (VAT law converts per invoice), and counted in the target currency's
//! rows; a currency without a rate keeps its own rows. The submodules build on the same
//! breakdowns: [`lines`] classifies them per entry for the country returns ([`grid`]) and the
//! sales listings ([`listing`]).

pub mod grid;
pub mod lines;
pub mod listing;
pub mod rates;

pub use rates::Rates;

use crate::book::Book;
use crate::error::{Error, Result};
use crate::journal::{Entry, Side};
use crate::ledger::vat::{DocumentVats, EntryVat, VatPart, entry_vat};
use crate::money::{Currency, exact_add, exact_sub, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// The dates a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    /// Parses a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`).
    pub fn parse(text: &str) -> std::result::Result<Period, String> {
        Period::parse_parts(text).ok_or_else(|| {
            format!(
                "`{text}` is not a period: expected a year (2026), a quarter (2026-Q3) or a month (2026-09)"
            )
        })
    }

    fn parse_parts(text: &str) -> Option<Period> {
        let (year, rest) = match text.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let (first_month, months) = match rest {
            None => (1, 12),
            Some(quarter) if quarter.starts_with('Q') => {
                let number = match quarter.as_bytes() {
                    [b'Q', digit @ b'1'..=b'4'] => u32::from(digit - b'0'),
                    _ => return None,
                };
                (3 * number - 2, 3)
            }
            Some(month) if month.len() == 2 && month.bytes().all(|b| b.is_ascii_digit()) => {
                (month.parse().ok()?, 1)
            }
            Some(_) => return None,
        };
        let from = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let to = from.checked_add_months(Months::new(months))?.pred_opt()?;
        Some(Period { from, to })
    }

    /// True when `date` is in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// One row: the VAT of one side, currency, category and rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatRow {
    /// Receivables are sales, payables purchases.
    pub side: Side,
    /// The entries' currency.
    pub currency: Currency,
    /// The UNCL5305 category; `None` for parts written as `net:` / `tax:` alone.
    pub category: Option<String>,
    /// The rate in percent; `None` when not known.
    pub rate: Option<Decimal>,
    /// Taxable amount, credit and debit notes subtracted.
    pub net: Decimal,
    /// VAT, credit and debit notes subtracted.
    pub vat: Decimal,
    /// How many documents (entries) have a part in this row, notes included.
    pub documents: u64,
}

impl VatRow {
    /// Net plus VAT.
    pub fn gross(&self) -> Option<Decimal> {
        exact_add(self.net, self.vat)
    }
}

/// Entries of one side and currency whose VAT folio does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVat {
    /// Sales or purchases.
    pub side: Side,
    /// Their currency.
    pub currency: Currency,
    /// How many entries.
    pub entries: u64,
    /// Their gross amount, credit and debit notes subtracted.
    pub gross: Decimal,
}

/// The VAT of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatReport {
    /// Sales first, then purchases; by currency, category and rate (highest first).
    pub rows: Vec<VatRow>,
    /// Per currency: VAT on sales minus VAT on purchases; positive is to pay, negative to recover.
    pub balances: Vec<(Currency, Decimal)>,
    /// Entries without VAT information, per side and currency.
    pub unknown: Vec<UnknownVat>,
    /// The VAT of the bad-debt write-offs dated in the period, per currency, category and rate
    /// (side: sales): what may be recovered as bad-debt relief. In no return row and not in the
    /// balances: whether and when it is recovered is the tax office's rule, not folio's.
    pub relief: Vec<VatRow>,
}

type RowKey = (
    u8,
    Currency,
    usize,
    Reverse<Option<Decimal>>,
    Option<String>,
);

/// The VAT of the entries of `book` dated in `period`, converted where `rates` has a rate.
pub fn vat_report(
    book: &Book,
    documents: &DocumentVats,
    period: Period,
    rates: &Rates,
) -> Result<VatReport> {
    let mut rows: BTreeMap<RowKey, VatRow> = BTreeMap::new();
    let mut unknown: BTreeMap<(u8, Currency), UnknownVat> = BTreeMap::new();
    let mut relief: BTreeMap<RowKey, VatRow> = BTreeMap::new();
    for entry in book.entries.iter().filter(|e| period.contains(e.date)) {
        if let Some(parts) = crate::ledger::vat::bad_debt_relief(book, entry) {
            for part in &parts {
                add_part(&mut relief, entry, &converted(rates, entry, part)?)?;
            }
            continue;
        }
        match entry_vat(book, entry, documents) {
            EntryVat::NotSupply => {}
            EntryVat::Unknown => add_unknown(&mut unknown, entry)?,
            EntryVat::Known { parts, .. } => {
                for part in &parts {
                    let part = converted(rates, entry, part)?;
                    add_part(&mut rows, entry, &part)?;
                }
            }
        }
    }
    let rows: Vec<VatRow> = rows.into_values().collect();
    Ok(VatReport {
        balances: balances(&rows)?,
        rows,
        unknown: unknown.into_values().collect(),
        relief: relief.into_values().collect(),
    })
}

pub(crate) fn side_rank(side: Side) -> u8 {
    match side {
        Side::Receivables => 0,
        Side::Payables => 1,
    }
}

pub(crate) fn overflow(currency: Currency) -> Error {
    Error::InvalidData(format!(
        "the VAT totals in {} are beyond the range folio holds exactly",
        currency.as_str()
    ))
}

/// A part with the currency it is counted in: the rates' target when its currency has a rate,
/// else its own.
struct CountedPart {
    currency: Currency,
    part: VatPart,
}

fn converted(rates: &Rates, entry: &Entry, part: &VatPart) -> Result<CountedPart> {
    let net = rates.convert(entry.currency, part.net, entry.date)?;
    let vat = rates.convert(entry.currency, part.vat, entry.date)?;
    Ok(match (rates.target(), net, vat) {
        (Some(target), Some(net), Some(vat)) => CountedPart {
            currency: target,
            part: VatPart {
                net,
                vat,
                ..part.clone()
            },
        },
        _ => CountedPart {
            currency: entry.currency,
            part: part.clone(),
        },
    })
}

fn add_part(
    rows: &mut BTreeMap<RowKey, VatRow>,
    entry: &Entry,
    counted: &CountedPart,
) -> Result<()> {
    let CountedPart { currency, part } = counted;
    let currency = *currency;
    let side = entry.kind.side();
    let category_rank = part
        .category
        .as_deref()
        .and_then(|c| crate::journal::vat::CATEGORIES.iter().position(|k| *k == c))
        .unwrap_or(usize::MAX);
    let rate = part.rate.map(|rate| rate.normalize());
    let key = (
        side_rank(side),
        currency,
        category_rank,
        Reverse(rate),
        part.category.clone(),
    );
    let row = rows.entry(key).or_insert_with(|| VatRow {
        side,
        currency,
        category: part.category.clone(),
        rate,
        net: Decimal::ZERO,
        vat: Decimal::ZERO,
        documents: 0,
    });
    let sum = |total: Decimal, amount: Decimal| exact_add(total, entry.kind.signed(amount));
    row.net = sum(row.net, part.net).ok_or_else(|| overflow(currency))?;
    row.vat = sum(row.vat, part.vat).ok_or_else(|| overflow(currency))?;
    row.documents += 1;
    Ok(())
}

pub(crate) fn add_unknown(
    unknown: &mut BTreeMap<(u8, Currency), UnknownVat>,
    entry: &Entry,
) -> Result<()> {
    let side = entry.kind.side();
    let item = unknown
        .entry((side_rank(side), entry.currency))
        .or_insert(UnknownVat {
            side,
            currency: entry.currency,
            entries: 0,
            gross: Decimal::ZERO,
        });
    item.entries += 1;
    item.gross =
        exact_add(item.gross, entry.signed_amount()).ok_or_else(|| overflow(entry.currency))?;
    Ok(())
}

fn balances(rows: &[VatRow]) -> Result<Vec<(Currency, Decimal)>> {
    let mut balances: BTreeMap<Currency, Decimal> = BTreeMap::new();
    for row in rows {
        let balance = balances.entry(row.currency).or_default();
        let next = match row.side {
            Side::Receivables => exact_add(*balance, row.vat),
            Side::Payables => exact_sub(*balance, row.vat),
        };
        *balance = next.ok_or_else(|| overflow(row.currency))?;
    }
    Ok(balances.into_iter().collect())
}

/// The side column of a bad-debt relief row.
pub const RELIEF: &str = "bad-debt relief";

/// `sales` or `purchases`.
pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Receivables => "sales",
        Side::Payables => "purchases",
    }
}

/// A rate with two decimals: `21.00`, `5.50`.
pub fn rate_text(rate: Decimal) -> String {
    let mut rate = rate.normalize();
    rate.rescale(rate.scale().max(2));
    rate.to_string()
}

impl VatReport {
    /// What the rows leave out: the entries without VAT information, one note per side and
    /// currency; and what the bad-debt relief rows are, when there are any.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self.unknown.iter().map(UnknownVat::note).collect();
        if !self.relief.is_empty() {
            notes.push(
                "bad-debt relief: the VAT included in bad-debt write-offs (signed as a credit note's), which may be recovered; it is in no return row and not in the balance".into(),
            );
        }
        notes
    }
}

impl UnknownVat {
    /// `1 purchase entry (50.00 EUR gross) had no VAT information: not counted`.
    pub fn note(&self) -> String {
        format!(
            "{} ({} {} gross) had no VAT information: not counted",
            entries_text(self.side, self.entries),
            format_amount(self.gross),
            self.currency.as_str(),
        )
    }
}

/// `1 sales entry`, `2 purchase entries`.
pub(crate) fn entries_text(side: Side, count: u64) -> String {
    let what = match (side, count) {
        (Side::Receivables, 1) => "sales entry",
        (Side::Receivables, _) => "sales entries",
        (Side::Payables, 1) => "purchase entry",
        (Side::Payables, _) => "purchase entries",
    };
    format!("{count} {what}")
}

impl Tabular for VatReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("side"),
            Column::text("category"),
            Column::amount("rate"),
            Column::text("currency"),
            Column::amount("net"),
            Column::amount("vat"),
            Column::amount("gross").priority(1),
            Column::amount("documents").priority(2),
        ]
    }

    /// The return's rows, then the bad-debt relief rows, each named so in the side column.
    fn rows(&self) -> Rows<'_> {
        let returned = self.rows.iter().map(|row| (side_name(row.side), row));
        let relief = self.relief.iter().map(|row| (RELIEF, row));
        returned
            .chain(relief)
            .map(|(side, row)| {
                vec![
                    Cell::from(side),
                    Cell::from(row.category.clone()),
                    Cell::from(row.rate.map(rate_text)),
                    Cell::from(row.currency.as_str()),
                    Cell::Amount(row.net),
                    Cell::Amount(row.vat),
                    row.gross().map_or(Cell::Null, Cell::Amount),
                    Cell::Integer(i64::try_from(row.documents).unwrap_or(i64::MAX)),
                ]
            })
            .collect()
    }

    /// One row per currency: the VAT to pay (sales VAT above input VAT) or to recover.
    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        self.balances
            .iter()
            .map(|(currency, balance)| {
                let what = if balance.is_sign_negative() && !balance.is_zero() {
                    "to recover"
                } else {
                    "to pay"
                };
                vec![
                    Cell::from("balance"),
                    Cell::from(what),
                    Cell::Null,
                    Cell::from(currency.as_str()),
                    Cell::Null,
                    Cell::Amount(*balance),
                    Cell::Null,
                    Cell::Null,
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> (String, String) {
        let period = Period::parse(text).unwrap();
        (period.from.to_string(), period.to.to_string())
    }

    #[test]
    fn a_period_is_a_year_a_quarter_or_a_month() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(period("2026"), pair("2026-01-01", "2026-12-31"));
        assert_eq!(period("2026-Q3"), pair("2026-07-01", "2026-09-30"));
        assert_eq!(period("2026-Q1"), pair("2026-01-01", "2026-03-31"));
        assert_eq!(period("2028-02"), pair("2028-02-01", "2028-02-29"));
        assert_eq!(period("2026-12"), pair("2026-12-01", "2026-12-31"));
    }

    #[test]
    fn a_period_folio_cannot_read_is_refused() {
        for text in [
            "",
            "26",
            "2026-Q5",
            "2026-Q0",
            "2026-13",
            "2026-00",
            "2026-9",
            "2026-Q3x",
            "Q3",
            "2026-09-01",
            "+202",
        ] {
            let message = Period::parse(text).unwrap_err();
            assert!(message.contains("not a period"), "{text}: {message}");
        }
    }

    #[test]
    fn rates_show_two_decimals() {
        use std::str::FromStr;
        assert_eq!(rate_text(Decimal::from_str("21").unwrap()), "21.00");
        assert_eq!(rate_text(Decimal::from_str("5.5").unwrap()), "5.50");
        assert_eq!(rate_text(Decimal::from_str("0").unwrap()), "0.00");
    }
}
