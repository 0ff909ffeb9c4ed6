//! `folio report contribution`: each customer's share of revenue over a period, highest first,
//! with the cumulative share (a Pareto table) and its ABC class. docs/analytics.md.

use super::metrics::{Settings, ratio};
use super::rfm::{self, AbcClass};
use crate::book::Book;
use crate::journal::{Kind, Side};
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
    /// Invoices minus credit notes dated in the period.
    pub revenue: Decimal,
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
}

/// Revenue per customer dated from `from` to `to` (both included); only the first `top` rows of
/// each currency when given. Archived contacts count: their revenue happened.
pub fn contribution(
    book: &Book,
    settings: &Settings,
    from: NaiveDate,
    to: NaiveDate,
    top: Option<usize>,
) -> ContributionReport {
    let mut sums: BTreeMap<(Currency, u32), (Decimal, u32)> = BTreeMap::new();
    for entry in &book.entries {
        if entry.kind.side() != Side::Receivables || entry.date < from || entry.date > to {
            continue;
        }
        let (revenue, invoices) = match entry.kind {
            Kind::Invoice => (entry.amount, 1),
            Kind::Credit => (-entry.amount, 0),
            _ => continue,
        };
        let sum = sums.entry((entry.currency, entry.contact)).or_default();
        sum.0 += revenue;
        sum.1 += invoices;
    }
    let mut by_currency: BTreeMap<Currency, Vec<(u32, Decimal, u32)>> = BTreeMap::new();
    for ((currency, contact), (revenue, invoices)) in sums {
        by_currency
            .entry(currency)
            .or_default()
            .push((contact, revenue, invoices));
    }
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for (currency, mut customers) in by_currency {
        let id = |c: u32| book.contacts[c as usize].id.as_str();
        customers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| id(a.0).cmp(id(b.0))));
        let total: Decimal = customers.iter().map(|c| c.1).sum();
        let revenues: Vec<(Decimal, &str)> = customers.iter().map(|c| (c.1, id(c.0))).collect();
        let classes = rfm::abc(&revenues, settings.abc_a, settings.abc_b);
        totals.push(ContributionTotal {
            currency,
            customers: customers.len(),
            revenue: total,
            invoices: customers.iter().map(|c| c.2).sum(),
        });
        let mut running = Decimal::ZERO;
        let shown = top.unwrap_or(usize::MAX);
        for (rank, ((contact, revenue, invoices), class)) in
            customers.into_iter().zip(classes).enumerate()
        {
            running += revenue;
            if rank >= shown {
                break;
            }
            let record = &book.contacts[contact as usize];
            rows.push(ContributionRow {
                rank: rank + 1,
                contact: record.id.clone(),
                name: record.name.clone(),
                currency,
                revenue,
                invoices,
                share: ratio(revenue, total, 4),
                cumulative_share: ratio(running, total, 4),
                abc: class,
            });
        }
    }
    ContributionReport { rows, totals }
}

impl Tabular for ContributionReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::amount("rank"),
            Column::text("contact"),
            Column::text("name"),
            Column::text("currency"),
            Column::amount("revenue"),
            Column::amount("invoices"),
            Column::amount("share"),
            Column::amount("cumulative_share"),
            Column::text("abc"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::Integer(row.rank as i64),
                    Cell::Text(row.contact.clone()),
                    Cell::Text(row.name.clone()),
                    Cell::Text(row.currency.to_string()),
                    Cell::Amount(row.revenue),
                    Cell::Integer(i64::from(row.invoices)),
                    row.share.map_or(Cell::Null, Cell::Decimal),
                    row.cumulative_share.map_or(Cell::Null, Cell::Decimal),
                    Cell::Text(row.abc.as_str().to_string()),
                ]
            })
            .collect()
    }

    fn totals(&self) -> Vec<Vec<Cell>> {
        self.totals
            .iter()
            .map(|total| {
                vec![
                    Cell::Null,
                    Cell::Text("Total".into()),
                    Cell::Text(format!("{} customer(s)", total.customers)),
                    Cell::Text(total.currency.to_string()),
                    Cell::Amount(total.revenue),
                    Cell::Integer(i64::from(total.invoices)),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                ]
            })
            .collect()
    }
}
