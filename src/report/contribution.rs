//! `folio report contribution`: each customer's share of revenue over a period, highest first,
//! with the cumulative share (a Pareto table) and its ABC class. docs/analytics.md.

use super::metrics::{Settings, ratio, vat_unknown_notes};
use super::rfm::{self, AbcClass};
use crate::book::Book;
use crate::journal::{Kind, Side};
use crate::ledger::revenue::{Revenue, VatUnknown};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One customer in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionRow {
    /// 1 for the largest customer of the currency.
    pub rank: usize,
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Currency.
    pub currency: Currency,
    /// Invoices minus credit notes dated in the period, net of VAT where it is known.
    pub revenue: Decimal,
    /// The part of `revenue` counted gross because its entries' VAT is unknown.
    pub revenue_vat_unknown: Decimal,
    /// Invoices dated in the period.
    pub invoices: u32,
    /// revenue / total revenue of the currency, 4 decimals.
    pub share: Option<Decimal>,
    /// Revenue of this customer and every one ranked before it / total, 4 decimals.
    pub cumulative_share: Option<Decimal>,
    /// A, B or C by cumulative share (`[analytics.abc]`).
    pub abc: AbcClass,
}

/// The totals of one currency, over every customer (also those cut by `--top`).
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionTotal {
    /// Currency.
    pub currency: Currency,
    /// Customers with an invoice or credit note in the period.
    pub customers: usize,
    /// Total revenue.
    pub revenue: Decimal,
    /// The part of the total counted gross because its entries' VAT is unknown.
    pub revenue_vat_unknown: VatUnknown,
    /// Total invoices.
    pub invoices: u32,
}

/// The contribution report.
#[derive(Debug, Clone, PartialEq)]
pub struct ContributionReport {
    /// Rows by currency, then rank.
    pub rows: Vec<ContributionRow>,
    /// One per currency.
    pub totals: Vec<ContributionTotal>,
    /// Sentences for a person: revenue counted gross for want of VAT information.
    pub notes: Vec<String>,
}

/// One customer's sums in one currency.
#[derive(Default)]
struct Sums {
    revenue: Decimal,
    unknown: VatUnknown,
    invoices: u32,
}

/// Revenue per customer dated from `from` to `to` (both included), each entry counted as
/// `revenue` says; only the first `top` rows of each currency when given. Archived contacts
/// count: their revenue happened.
pub fn contribution(
    book: &Book,
    settings: &Settings,
    revenue: &Revenue,
    from: NaiveDate,
    to: NaiveDate,
    top: Option<usize>,
) -> ContributionReport {
    let mut sums: BTreeMap<(Currency, u32), Sums> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() != Side::Receivables || entry.date < from || entry.date > to {
            continue;
        }
        let (sign, invoices) = match entry.kind {
            Kind::Invoice => (Decimal::ONE, 1),
            Kind::Credit => (Decimal::NEGATIVE_ONE, 0),
            _ => continue,
        };
        let counted = revenue.of(index, entry);
        let sum = sums.entry((entry.currency, entry.contact)).or_default();
        sum.revenue += sign * counted.amount;
        sum.unknown.add(counted, sign * entry.amount);
        sum.invoices += invoices;
    }
    let mut by_currency: BTreeMap<Currency, Vec<(u32, Sums)>> = BTreeMap::new();
    for ((currency, contact), sum) in sums {
        by_currency
            .entry(currency)
            .or_default()
            .push((contact, sum));
    }
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for (currency, mut customers) in by_currency {
        let id = |c: u32| book.contacts[c as usize].id.as_str();
        customers.sort_by(|a, b| {
            b.1.revenue
                .cmp(&a.1.revenue)
                .then_with(|| id(a.0).cmp(id(b.0)))
        });
        let total: Decimal = customers.iter().map(|c| c.1.revenue).sum();
        let mut unknown = VatUnknown::default();
        for (_, sum) in &customers {
            unknown.merge(sum.unknown);
        }
        let revenues: Vec<(Decimal, &str)> =
            customers.iter().map(|c| (c.1.revenue, id(c.0))).collect();
        let classes = rfm::abc(&revenues, settings.abc_a, settings.abc_b);
        totals.push(ContributionTotal {
            currency,
            customers: customers.len(),
            revenue: total,
            revenue_vat_unknown: unknown,
            invoices: customers.iter().map(|c| c.1.invoices).sum(),
        });
        let mut running = Decimal::ZERO;
        let shown = top.unwrap_or(usize::MAX);
        for (rank, ((contact, sum), class)) in customers.into_iter().zip(classes).enumerate() {
            running += sum.revenue;
            if rank >= shown {
                break;
            }
            let record = &book.contacts[contact as usize];
            rows.push(ContributionRow {
                rank: rank + 1,
                contact: record.id.clone(),
                name: record.name.clone(),
                currency,
                revenue: sum.revenue,
                revenue_vat_unknown: sum.unknown.amount,
                invoices: sum.invoices,
                share: ratio(sum.revenue, total, 4),
                cumulative_share: ratio(running, total, 4),
                abc: class,
            });
        }
    }
    let notes = vat_unknown_notes(
        totals
            .iter()
            .map(|total| (total.currency, total.revenue_vat_unknown)),
    );
    ContributionReport {
        rows,
        totals,
        notes,
    }
}

impl Tabular for ContributionReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::amount("rank").priority(1),
            Column::text("contact"),
            Column::prose("name").priority(2),
            Column::text("currency"),
            Column::money("revenue"),
            Column::money("revenue_vat_unknown").priority(5),
            Column::amount("invoices").priority(3),
            Column::amount("share").priority(1),
            Column::amount("cumulative_share").priority(2),
            Column::text("abc").priority(1),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::Integer(row.rank as i64),
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    Cell::from(row.currency.to_string()),
                    Cell::Amount(row.revenue),
                    Cell::Amount(row.revenue_vat_unknown),
                    Cell::Integer(i64::from(row.invoices)),
                    row.share.map_or(Cell::Null, Cell::Decimal),
                    row.cumulative_share.map_or(Cell::Null, Cell::Decimal),
                    Cell::from(row.abc.as_str().to_string()),
                ]
            })
            .collect()
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        self.totals
            .iter()
            .map(|total| {
                vec![
                    Cell::Null,
                    Cell::from("Total"),
                    Cell::from(format!("{} customer(s)", total.customers)),
                    Cell::from(total.currency.to_string()),
                    Cell::Amount(total.revenue),
                    Cell::Amount(total.revenue_vat_unknown.amount),
                    Cell::Integer(i64::from(total.invoices)),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                ]
            })
            .collect()
    }
}
