//! `folio report collection`: per period and currency, what was billed and collected, the
//! collection rate, receivables at the period's end, DSO, and new and returning customers.
//!
//! DSO uses the standard formula (docs/analytics.md):
//! `dso = receivables at the period's end / billed in the period x days in the period`.
//!
//! `billed` is revenue, net of VAT where it is known ([`Revenue`]); the collection rate and DSO
//! divide by `billed_gross` instead, what was billed VAT included, because what they compare it
//! with (payments, receivables) includes the VAT.

use super::metrics::{ratio, vat_unknown_notes};
use crate::book::Book;
use crate::journal::{Kind, Side};
use crate::ledger::revenue::{Revenue, VatUnknown};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

impl Period {
    /// The first day of the period holding `date`.
    fn start_of(self, date: NaiveDate) -> NaiveDate {
        let month = match self {
            Period::Month => date.month(),
            Period::Quarter => (date.month() - 1) / 3 * 3 + 1,
            Period::Year => 1,
        };
        NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
    }

    fn months(self) -> u32 {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Year => 12,
        }
    }

    /// The default start for rows ending with the period of `to`: 12 months, 4 quarters or 3
    /// years.
    pub fn default_from(self, to: NaiveDate) -> Option<NaiveDate> {
        let count = match self {
            Period::Month => 11,
            Period::Quarter => 3,
            Period::Year => 2,
        };
        self.start_of(to)
            .checked_sub_months(Months::new(count * self.months()))
    }

    /// `2026-01`, `2026-Q1` or `2026`.
    fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Month => format!("{}-{:02}", start.year(), start.month()),
            Period::Quarter => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
            Period::Year => start.year().to_string(),
        }
    }
}

/// One period in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionRow {
    /// `2026-01`, `2026-Q1` or `2026`.
    pub period: String,
    /// First day counted (the period's, or `--from`).
    pub from: NaiveDate,
    /// Last day counted (the period's, or `--to`).
    pub to: NaiveDate,
    /// Currency.
    pub currency: Currency,
    /// Invoices minus credit notes dated in the period, net of VAT where it is known.
    pub billed: Decimal,
    /// The part of `billed` counted gross because its entries' VAT is unknown.
    pub billed_vat_unknown: Decimal,
    /// Invoices minus credit notes dated in the period at their amounts, VAT included.
    pub billed_gross: Decimal,
    /// Payments minus refunds dated in the period.
    pub collected: Decimal,
    /// collected / billed_gross, 4 decimals; `None` when nothing was billed.
    pub collection_rate: Option<Decimal>,
    /// Receivable balance at the period's end, every customer together.
    pub receivables: Decimal,
    /// receivables / billed_gross x days, 1 decimal; `None` when nothing was billed.
    pub dso: Option<Decimal>,
    /// Customers whose first invoice in this currency falls in the period.
    pub new_customers: usize,
    /// Customers invoiced in the period and also before it.
    pub returning_customers: usize,
}

/// The collection report: periods in order, currencies in code order within each.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionReport {
    /// The rows.
    pub rows: Vec<CollectionRow>,
    /// Sentences for a person: what was billed gross for want of VAT information.
    pub notes: Vec<String>,
}

#[derive(Default, Clone)]
struct Bucket {
    billed: Decimal,
    unknown: VatUnknown,
    billed_gross: Decimal,
    collected: Decimal,
    /// Every receivable entry's balance effect.
    net: Decimal,
    invoiced: BTreeSet<u32>,
}

/// The report from `from` to `to`, both included, cut into calendar periods; `billed` counts
/// each entry as `revenue` says.
pub fn collection(
    book: &Book,
    revenue: &Revenue,
    from: NaiveDate,
    to: NaiveDate,
    period: Period,
) -> CollectionReport {
    let mut bounds: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut start = period.start_of(from);
    while start <= to {
        let next = start
            .checked_add_months(Months::new(period.months()))
            .unwrap_or(NaiveDate::MAX);
        let end = next.pred_opt().unwrap_or(next);
        bounds.push((start.max(from), end.min(to)));
        if next == NaiveDate::MAX {
            break;
        }
        start = next;
    }
    over(book, revenue, from, to, &bounds, |start| {
        period.label(start)
    })
}

/// The figures of one window, `from` to `to` both included, in one row per currency labelled
/// `from..to`: the rolling windows of the dashboard (the last 30 and 90 days), whose DSO and
/// collection rate mean the same on any day of the month.
pub fn window(book: &Book, revenue: &Revenue, from: NaiveDate, to: NaiveDate) -> CollectionReport {
    over(book, revenue, from, to, &[(from, to)], |_| {
        format!("{from}..{to}")
    })
}

/// The report over `bounds` (consecutive, in order, covering `from` to `to`).
fn over(
    book: &Book,
    revenue: &Revenue,
    from: NaiveDate,
    to: NaiveDate,
    bounds: &[(NaiveDate, NaiveDate)],
    label: impl Fn(NaiveDate) -> String,
) -> CollectionReport {
    let find = |date: NaiveDate| {
        bounds
            .partition_point(|(_, end)| *end < date)
            .min(bounds.len().saturating_sub(1))
    };

    let mut opening: BTreeMap<Currency, Decimal> = BTreeMap::new();
    let mut buckets: BTreeMap<Currency, Vec<Bucket>> = BTreeMap::new();
    let mut first_invoice: HashMap<(Currency, u32), NaiveDate> = HashMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() != Side::Receivables || entry.date > to {
            continue;
        }
        if entry.kind == Kind::Invoice {
            let first = first_invoice
                .entry((entry.currency, entry.contact))
                .or_insert(entry.date);
            *first = (*first).min(entry.date);
        }
        // A payment in another currency counts where the ledger allocates it: what it settles,
        // in the currency of the invoices it pays, so collection compares like with like.
        let (amount, currency) = book.allocated(index as crate::journal::EntryIndex);
        let signed = entry.kind.signed(amount);
        let periods = buckets
            .entry(currency)
            .or_insert_with(|| vec![Bucket::default(); bounds.len()]);
        if entry.date < from || bounds.is_empty() {
            *opening.entry(currency).or_default() += signed;
            continue;
        }
        let bucket = &mut periods[find(entry.date)];
        bucket.net += signed;
        match entry.kind {
            Kind::Invoice | Kind::Credit => {
                let sign = entry.kind.signed(Decimal::ONE);
                let counted = revenue.of(index, entry);
                bucket.billed += sign * counted.amount;
                bucket.unknown.add(counted, sign * entry.amount);
                bucket.billed_gross += sign * entry.amount;
                if entry.kind == Kind::Invoice {
                    bucket.invoiced.insert(entry.contact);
                }
            }
            Kind::Payment => bucket.collected += amount,
            Kind::Refund => bucket.collected -= entry.amount,
            _ => {}
        }
    }

    let mut rows = Vec::new();
    let mut running: BTreeMap<Currency, Decimal> = opening.clone();
    for (k, &(start, end)) in bounds.iter().enumerate() {
        for (&currency, periods) in &buckets {
            let bucket = &periods[k];
            let balance = running.entry(currency).or_default();
            *balance += bucket.net;
            let new_customers = bucket
                .invoiced
                .iter()
                .filter(|c| {
                    first_invoice
                        .get(&(currency, **c))
                        .is_some_and(|d| *d >= start)
                })
                .count();
            let days = Decimal::from((end - start).num_days() + 1);
            let billed = bucket.billed_gross;
            let positive = billed > Decimal::ZERO;
            rows.push(CollectionRow {
                period: label(start),
                from: start,
                to: end,
                currency,
                billed: bucket.billed,
                billed_vat_unknown: bucket.unknown.amount,
                billed_gross: bucket.billed_gross,
                collected: bucket.collected,
                collection_rate: ratio(bucket.collected, billed, 4).filter(|_| positive),
                receivables: *balance,
                dso: balance
                    .checked_mul(days)
                    .and_then(|x| ratio(x, billed, 1))
                    .filter(|_| positive),
                new_customers,
                returning_customers: bucket.invoiced.len() - new_customers,
            });
        }
    }
    let unknown = buckets.iter().flat_map(|(&currency, periods)| {
        periods.iter().map(move |bucket| (currency, bucket.unknown))
    });
    let notes = vat_unknown_notes(unknown);
    CollectionReport { rows, notes }
}

impl Tabular for CollectionReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("period"),
            Column::text("from").priority(3),
            Column::text("to").priority(3),
            Column::text("currency"),
            Column::money("billed"),
            Column::money("billed_vat_unknown").priority(5),
            Column::money("billed_gross").priority(4),
            Column::money("collected"),
            Column::amount("collection_rate").priority(1),
            Column::money("receivables").priority(2),
            Column::amount("dso").priority(1),
            Column::amount("new_customers").priority(3),
            Column::amount("returning_customers").priority(3),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.period.clone()),
                    Cell::Date(row.from),
                    Cell::Date(row.to),
                    Cell::from(row.currency.to_string()),
                    Cell::Amount(row.billed),
                    Cell::Amount(row.billed_vat_unknown),
                    Cell::Amount(row.billed_gross),
                    Cell::Amount(row.collected),
                    row.collection_rate.map_or(Cell::Null, Cell::Decimal),
                    Cell::Amount(row.receivables),
                    row.dso.map_or(Cell::Null, Cell::Decimal),
                    Cell::Integer(row.new_customers as i64),
                    Cell::Integer(row.returning_customers as i64),
                ]
            })
            .collect()
    }
}
