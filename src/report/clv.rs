//! `folio report clv`: customer lifetime value, historical (what a customer has brought so far)
//! and a simple predictive one. The formula is in docs/analytics.md:
//!
//! ```text
//! predictive_clv = annual_revenue x margin x r / (1 + d - r)
//! ```
//!
//! with `annual_revenue` the customer's revenue over the last 12 months, `r` the yearly retention
//! rate (measured from the book unless `[analytics.clv] retention` sets it) and `d` the yearly
//! discount rate: the value of a yearly margin kept with probability `r` each following year,
//! discounted at `d`, summed to infinity.

use super::metrics::{Settings, ratio, vat_unknown_notes};
use crate::book::Book;
use crate::journal::{Kind, Side};
use crate::ledger::revenue::{Revenue, VatUnknown};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::{BTreeMap, BTreeSet};

/// One customer in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvRow {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Currency.
    pub currency: Currency,
    /// First invoice in the range.
    pub first_invoice: NaiveDate,
    /// Last invoice in the range.
    pub last_invoice: NaiveDate,
    /// Invoices in the range.
    pub invoices: u32,
    /// Invoices minus credit notes in the range, net of VAT where it is known: the historical
    /// CLV.
    pub historical_clv: Decimal,
    /// The part of `historical_clv` counted gross because its entries' VAT is unknown.
    pub revenue_vat_unknown: Decimal,
    /// Invoices minus credit notes over the 12 months ending on `to`.
    pub annual_revenue: Decimal,
    /// The currency's retention rate, 4 decimals.
    pub retention: Option<Decimal>,
    /// The predictive CLV, 2 decimals; `None` when retention is unknown.
    pub predictive_clv: Option<Decimal>,
}

/// How retention was found for one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    /// Currency.
    pub currency: Currency,
    /// Customers invoiced in the 12 months before the last 12.
    pub previous: usize,
    /// Of those, the ones invoiced again in the last 12 months.
    pub retained: usize,
    /// The rate used: `[analytics.clv] retention`, else retained / previous.
    pub rate: Option<Decimal>,
}

/// The CLV report.
#[derive(Debug, Clone, PartialEq)]
pub struct ClvReport {
    /// Rows by currency, then historical CLV, highest first.
    pub rows: Vec<ClvRow>,
    /// Retention per currency.
    pub retention: Vec<Retention>,
    /// Sentences for a person: the inputs of the formula.
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Sums {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    invoices: u32,
    historical: Decimal,
    unknown: VatUnknown,
    annual: Decimal,
    any_invoice: bool,
}

/// CLV of every customer invoiced from `from` (default: the beginning) to `to`.
pub fn clv(
    book: &Book,
    settings: &Settings,
    revenue: &Revenue,
    from: Option<NaiveDate>,
    to: NaiveDate,
    top: Option<usize>,
) -> ClvReport {
    let year_ago = to
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let two_years_ago = to
        .checked_sub_months(Months::new(24))
        .unwrap_or(NaiveDate::MIN);
    let mut sums: BTreeMap<(Currency, u32), Sums> = BTreeMap::new();
    let mut previous: BTreeMap<Currency, BTreeSet<u32>> = BTreeMap::new();
    let mut recent: BTreeMap<Currency, BTreeSet<u32>> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() != Side::Receivables || entry.date > to {
            continue;
        }
        let sign = match entry.kind {
            Kind::Invoice => Decimal::ONE,
            Kind::Credit => Decimal::NEGATIVE_ONE,
            _ => continue,
        };
        let counted = revenue.of(index, entry);
        let signed = sign * counted.amount;
        if entry.kind == Kind::Invoice {
            if entry.date > year_ago {
                recent
                    .entry(entry.currency)
                    .or_default()
                    .insert(entry.contact);
            } else if entry.date > two_years_ago {
                previous
                    .entry(entry.currency)
                    .or_default()
                    .insert(entry.contact);
            }
        }
        let in_range = from.is_none_or(|from| entry.date >= from);
        if !in_range && entry.date <= year_ago {
            continue;
        }
        let sum = sums.entry((entry.currency, entry.contact)).or_default();
        if entry.date > year_ago {
            sum.annual += signed;
        }
        if in_range {
            sum.historical += signed;
            sum.unknown.add(counted, sign * entry.amount);
            if entry.kind == Kind::Invoice {
                sum.any_invoice = true;
                sum.invoices += 1;
                sum.first = Some(sum.first.map_or(entry.date, |d| d.min(entry.date)));
                sum.last = Some(sum.last.map_or(entry.date, |d| d.max(entry.date)));
            }
        }
    }

    let currencies: BTreeSet<Currency> = sums.keys().map(|(c, _)| *c).collect();
    let retention: Vec<Retention> = currencies
        .iter()
        .map(|&currency| {
            let before = previous.get(&currency);
            let count = before.map_or(0, BTreeSet::len);
            let retained = before.map_or(0, |set| {
                set.iter()
                    .filter(|c| recent.get(&currency).is_some_and(|r| r.contains(c)))
                    .count()
            });
            let measured = ratio(Decimal::from(retained), Decimal::from(count), 4);
            Retention {
                currency,
                previous: count,
                retained,
                rate: settings.retention.or(measured),
            }
        })
        .collect();

    let mut notes = Vec::new();
    for r in &retention {
        match (settings.retention, r.rate) {
            (Some(rate), _) => notes.push(format!(
                "{}: retention {rate} from [analytics.clv] retention",
                r.currency
            )),
            (None, Some(rate)) => notes.push(format!(
                "{}: retention {rate}: {} of the {} customers invoiced in the 12 months before the last 12 were invoiced again",
                r.currency, r.retained, r.previous
            )),
            (None, None) => notes.push(format!(
                "{}: no customer was invoiced in the 12 months before the last 12, so retention cannot be measured and predictive_clv is empty; set [analytics.clv] retention",
                r.currency
            )),
        }
    }
    notes.push(format!(
        "predictive_clv = annual_revenue x margin {} x retention / (1 + discount {} - retention)",
        settings.margin, settings.discount
    ));

    let mut rows: Vec<ClvRow> = Vec::new();
    let mut unknown: Vec<(Currency, VatUnknown)> = Vec::new();
    for ((currency, contact), sum) in sums {
        let (Some(first), Some(last), true) = (sum.first, sum.last, sum.any_invoice) else {
            continue;
        };
        unknown.push((currency, sum.unknown));
        let rate = retention
            .iter()
            .find(|r| r.currency == currency)
            .and_then(|r| r.rate);
        let record = &book.contacts[contact as usize];
        rows.push(ClvRow {
            contact: record.id.clone(),
            name: record.name.clone(),
            currency,
            first_invoice: first,
            last_invoice: last,
            invoices: sum.invoices,
            historical_clv: sum.historical,
            revenue_vat_unknown: sum.unknown.amount,
            annual_revenue: sum.annual,
            retention: rate,
            predictive_clv: rate.map(|r| predictive(sum.annual, settings, r)),
        });
    }
    rows.sort_by(|a, b| {
        a.currency
            .cmp(&b.currency)
            .then_with(|| b.historical_clv.cmp(&a.historical_clv))
            .then_with(|| a.contact.cmp(&b.contact))
    });
    notes.extend(vat_unknown_notes(unknown.into_iter()));
    if let Some(top) = top {
        let mut kept: BTreeMap<Currency, usize> = BTreeMap::new();
        rows.retain(|row| {
            let count = kept.entry(row.currency).or_default();
            *count += 1;
            *count <= top
        });
    }
    ClvReport {
        rows,
        retention,
        notes,
    }
}

/// `annual x margin x r / (1 + d - r)`, 2 decimals half up; 0 when the annual revenue is not
/// positive. The denominator is at least d > 0.
pub fn predictive(annual: Decimal, settings: &Settings, retention: Decimal) -> Decimal {
    if annual <= Decimal::ZERO {
        return Decimal::ZERO.round_dp(2);
    }
    let denominator = Decimal::ONE + settings.discount - retention;
    annual
        .checked_mul(settings.margin)
        .and_then(|x| x.checked_mul(retention))
        .and_then(|x| x.checked_div(denominator))
        .unwrap_or(Decimal::MAX)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl Tabular for ClvReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(2),
            Column::text("currency"),
            Column::text("first_invoice").priority(4),
            Column::text("last_invoice").priority(3),
            Column::amount("invoices").priority(3),
            Column::money("historical_clv"),
            Column::money("revenue_vat_unknown").priority(5),
            Column::money("annual_revenue").priority(2),
            Column::amount("retention").priority(2),
            Column::money("predictive_clv").priority(1),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    Cell::from(row.currency.to_string()),
                    Cell::Date(row.first_invoice),
                    Cell::Date(row.last_invoice),
                    Cell::Integer(i64::from(row.invoices)),
                    Cell::Amount(row.historical_clv),
                    Cell::Amount(row.revenue_vat_unknown),
                    Cell::Amount(row.annual_revenue),
                    row.retention.map_or(Cell::Null, Cell::Decimal),
                    row.predictive_clv.map_or(Cell::Null, Cell::Amount),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::config::AnalyticsConfig;
    use std::str::FromStr;

    #[test]
    fn predictive_formula() {
        let settings = Settings::resolve(&AnalyticsConfig::default()).0;
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        // 1200 x 1 x 0.75 / (1 + 0.1 - 0.75) = 900 / 0.35 = 2571.428... -> 2571.43
        assert_eq!(
            predictive(dec("1200"), &settings, dec("0.75")),
            dec("2571.43")
        );
        assert_eq!(predictive(dec("1200"), &settings, dec("0")), dec("0.00"));
        assert_eq!(predictive(dec("-5"), &settings, dec("0.5")), dec("0.00"));
        // Retention 1: 1200 / 0.1 = 12000.
        assert_eq!(
            predictive(dec("1200"), &settings, dec("1")),
            dec("12000.00")
        );
    }
}
