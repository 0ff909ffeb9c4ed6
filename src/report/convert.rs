//! `--convert CUR`: any report with a `currency` column and money columns ([`Column::money`])
//! seen with each money column converted to one currency, and converted totals.
//!
//! Every row keeps its cells and gains one converted cell per money column, at the rate of one
//! day (the report's as-of date), each rounded to the target's minor unit by
//! [`Rates::convert`]. A converted total is the sum of those rounded row conversions, never a
//! conversion of a per-currency total: that is the rule docs/reports.md promises, and it makes a
//! total that anyone can check from the rows. Reports whose rows overlap or follow one another
//! in time (segments, collection periods) total per group instead of across every row.

use crate::book::rates::{Leg, Rate, RateError, Rates};
use crate::money::Currency;
use crate::tabular::{Cell, Column, ColumnKind, Fit, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The key of the column that names each row's currency.
const CURRENCY_COLUMN: &str = "currency";
/// The word in the label column of a total across every row.
pub const TOTAL_LABEL: &str = "Total";

/// The key of the converted twin of column `key`: `balance` to EUR is `balance_eur`.
pub fn converted_key(key: &str, target: Currency) -> String {
    format!("{key}_{}", target.as_str().to_ascii_lowercase())
}

/// The quotes a rate is made of, as the rates files hold them, which is what anyone checking a
/// converted figure looks up: `quote 2026-06-28 EUR USD 1.0843`, or two quotes and the currency
/// between them.
pub fn quotes_of(from: Currency, to: Currency, rate: &Rate) -> String {
    let quote = |leg: &Leg, from, to| {
        let (a, b) = if leg.inverted { (to, from) } else { (from, to) };
        format!("{} {a} {b} {}", leg.date, leg.quote)
    };
    match rate {
        Rate::Identity => format!("{from} is {to}"),
        Rate::Quoted(leg) => format!("quote {}", quote(leg, from, to)),
        Rate::Cross {
            pivot,
            first,
            second,
        } => format!(
            "quotes {} and {} (through {pivot})",
            quote(first, from, *pivot),
            quote(second, *pivot, to)
        ),
    }
}

/// A report with converted columns and converted totals.
pub struct Converted<'a> {
    report: &'a dyn Tabular,
    target: Currency,
    /// The positions of the report's money columns.
    money: Vec<usize>,
    /// Where the currency column is; `None` when the report has none (nothing converts).
    currency: Option<usize>,
    /// Where the total rows' label goes: the group column, else the first text column.
    label: Option<usize>,
    /// The converted money amounts, row after row, `money.len()` per row in the order of
    /// `money`; `None` where the row has no amount or no currency. Flat, so a report of a
    /// million open items costs one allocation, not a million.
    converted: Vec<Option<Decimal>>,
    /// One total per group (a single one when ungrouped): its label and its sums, `None` for a
    /// column none of the group's rows has an amount in.
    totals: Vec<(String, Vec<Option<Decimal>>)>,
    /// Whether the totals are also data rows (JSON, CSV), after the report's own.
    totals_in_rows: bool,
    /// The rate each currency of the rows was converted at, in code order.
    used: Vec<(Currency, Rate)>,
}

/// How the rows are totalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Totals<'k> {
    /// One total across every row, labelled [`TOTAL_LABEL`].
    Whole,
    /// One total per value of this column, in the order the values first come.
    By(&'k str),
}

impl<'a> Converted<'a> {
    /// Converts every row of `report` to `target` at the rate of `date`. A row whose currency
    /// has no rate to `target` on or before `date` is an error naming the pair and the date.
    pub fn new(
        report: &'a dyn Tabular,
        rates: &Rates,
        target: Currency,
        date: NaiveDate,
        totals: Totals<'_>,
    ) -> Result<Converted<'a>, RateError> {
        let columns = report.columns();
        let find = |key: &str| columns.iter().position(|column| column.key == key);
        let currency = find(CURRENCY_COLUMN);
        let money: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].money).collect();
        let group = match totals {
            Totals::Whole => None,
            Totals::By(key) => find(key),
        };
        let label = group.or_else(|| {
            (0..columns.len()).find(|&i| columns[i].kind == ColumnKind::Text && Some(i) != currency)
        });
        let mut converted = Vec::new();
        let mut sums: Vec<(String, Vec<Option<Decimal>>)> = Vec::new();
        let mut codes = std::collections::BTreeSet::new();
        for row in report.rows().iter() {
            let from = row_currency(&row, currency);
            codes.extend(from);
            let amounts = convert_row(&row, &money, from, rates, target, date)?;
            let name = match group {
                Some(at) => row.get(at).map(Cell::to_text).unwrap_or_default(),
                None => TOTAL_LABEL.to_string(),
            };
            add_into(group_sums(&mut sums, name, money.len()), &amounts, target)?;
            converted.extend(amounts);
        }
        let mut used = Vec::new();
        for from in codes {
            used.push((from, rates.rate(from, target, date)?));
        }
        Ok(Converted {
            report,
            target,
            money,
            currency,
            label,
            converted,
            totals: sums,
            totals_in_rows: false,
            used,
        })
    }

    /// The totals also as the last records of the rows: JSON and CSV show no total rows, so
    /// there they come after the report's own rows.
    pub fn with_totals_in_rows(self, totals_in_rows: bool) -> Converted<'a> {
        Converted {
            totals_in_rows,
            ..self
        }
    }

    /// The rate each currency of the rows was converted at (the target's own left out), for a
    /// note under the report.
    pub fn rates_used(&self) -> impl Iterator<Item = (Currency, Rate)> + '_ {
        self.used
            .iter()
            .copied()
            .filter(|(from, _)| *from != self.target)
    }

    /// The converted totals: each group's label ([`TOTAL_LABEL`] when ungrouped) and, per money
    /// column with an amount in any of the group's rows, its key and the sum of its rows'
    /// converted amounts.
    pub fn converted_totals(&self) -> Vec<(String, Vec<(String, Decimal)>)> {
        let columns = self.report.columns();
        self.totals
            .iter()
            .map(|(label, sums)| {
                let keyed = self
                    .money
                    .iter()
                    .zip(sums)
                    .filter_map(|(&at, &sum)| Some((columns[at].key.clone(), sum?)))
                    .collect();
                (label.clone(), keyed)
            })
            .collect()
    }

    /// A total as a row: the label and the target currency, the report's own cells empty, the
    /// converted sums.
    fn total_row(&self, width: usize, label: &str, sums: &[Option<Decimal>]) -> Vec<Cell<'_>> {
        total_row(width, self.label, self.currency, self.target, label, sums)
    }
}

/// See [`Converted::total_row`]; free of `self` so row closures need not borrow the report.
fn total_row(
    width: usize,
    label_at: Option<usize>,
    currency_at: Option<usize>,
    target: Currency,
    label: &str,
    sums: &[Option<Decimal>],
) -> Vec<Cell<'static>> {
    let mut cells = vec![Cell::Null; width];
    if let Some(at) = label_at {
        cells[at] = Cell::from(label.to_string());
    }
    if let Some(at) = currency_at {
        cells[at] = Cell::from(target.to_string());
    }
    cells.extend(sums.iter().map(|&sum| sum.map_or(Cell::Null, Cell::Amount)));
    cells
}

/// The currency of a row, when it has one.
fn row_currency(row: &[Cell], currency: Option<usize>) -> Option<Currency> {
    match currency.and_then(|at| row.get(at)) {
        Some(Cell::Text(code)) => Currency::parse(code),
        _ => None,
    }
}

/// The converted money amounts of one row: an amount in a known currency converted and rounded,
/// anything else (no amount, no currency) `None`.
fn convert_row(
    row: &[Cell],
    money: &[usize],
    from: Option<Currency>,
    rates: &Rates,
    target: Currency,
    date: NaiveDate,
) -> Result<Vec<Option<Decimal>>, RateError> {
    money
        .iter()
        .map(|&at| match (row.get(at), from) {
            (Some(Cell::Amount(amount)), Some(from)) => {
                rates.convert(*amount, from, target, date).map(Some)
            }
            _ => Ok(None),
        })
        .collect()
}

/// The sums of the group `name`, added after the others when it is new.
fn group_sums(
    sums: &mut Vec<(String, Vec<Option<Decimal>>)>,
    name: String,
    width: usize,
) -> &mut [Option<Decimal>] {
    let slot = match sums.iter().position(|(label, _)| *label == name) {
        Some(slot) => slot,
        None => {
            sums.push((name, vec![None; width]));
            sums.len() - 1
        }
    };
    &mut sums[slot].1
}

/// Adds a row's converted amounts to a group's sums, checked.
fn add_into(
    sums: &mut [Option<Decimal>],
    amounts: &[Option<Decimal>],
    target: Currency,
) -> Result<(), RateError> {
    for (sum, amount) in sums.iter_mut().zip(amounts) {
        if let Some(amount) = amount {
            let added = sum.unwrap_or_default().checked_add(*amount);
            *sum = Some(added.ok_or(RateError::TooLarge {
                from: target,
                to: target,
            })?);
        }
    }
    Ok(())
}

impl Tabular for Converted<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = self.report.columns();
        let twins: Vec<Column> = self
            .money
            .iter()
            .map(|&at| Column {
                key: converted_key(&columns[at].key, self.target),
                kind: ColumnKind::Number,
                fit: Fit::Whole,
                priority: columns[at].priority,
                money: false,
            })
            .collect();
        columns.extend(twins);
        columns
    }

    fn rows(&self) -> Rows<'_> {
        let rows = self.report.rows();
        let width = self.report.columns().len();
        let count = rows.len();
        let converted = &self.converted;
        let per_row = self.money.len();
        let extra = if self.totals_in_rows {
            self.totals.as_slice()
        } else {
            &[]
        };
        let (label, currency, target) = (self.label, self.currency, self.target);
        Rows::on_demand(count + extra.len(), move |index| {
            if let Some((name, sums)) = index.checked_sub(count).and_then(|at| extra.get(at)) {
                return total_row(width, label, currency, target, name, sums);
            }
            let mut cells = rows.get(index).to_vec();
            // A row of the wrong length stays as it is, for the renderer to report.
            if cells.len() == width {
                let amounts = &converted[index * per_row..(index + 1) * per_row];
                cells.extend(amounts.iter().map(|a| a.map_or(Cell::Null, Cell::Amount)));
            }
            cells
        })
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        let width = self.report.columns().len();
        let blanks = self.money.len();
        let mut rows: Vec<Vec<Cell>> = self
            .report
            .totals()
            .into_iter()
            .map(|mut row| {
                row.extend(std::iter::repeat_n(Cell::Null, blanks));
                row
            })
            .collect();
        rows.extend(
            self.totals
                .iter()
                .map(|(label, sums)| self.total_row(width, label, sums)),
        );
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::rates::Quote;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn currency(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).unwrap()
    }

    struct Balances(Vec<(&'static str, &'static str, &'static str)>);

    impl Tabular for Balances {
        fn columns(&self) -> Vec<Column> {
            vec![
                Column::text("contact"),
                Column::text("currency"),
                Column::amount("count"),
                Column::money("balance"),
            ]
        }
        fn rows(&self) -> Rows<'_> {
            self.0
                .iter()
                .map(|&(contact, code, amount)| {
                    vec![
                        Cell::from(contact),
                        Cell::from(code),
                        Cell::Integer(1),
                        Cell::Amount(dec(amount)),
                    ]
                })
                .collect()
        }
    }

    fn rates() -> Rates {
        Rates::from_quotes([Quote {
            date: day("2026-01-01"),
            from: currency("EUR"),
            to: currency("USD"),
            rate: dec("1.1"),
        }])
    }

    #[test]
    fn the_converted_total_is_the_sum_of_the_rounded_rows() {
        // 0.01 USD is 0.00909... EUR, which rounds to 0.01: six such rows total 0.06 EUR, where
        // their 0.06 USD converted at once would be 0.05 EUR.
        let mut rows = vec![("a", "USD", "0.01"); 6];
        rows.push(("b", "EUR", "2.50"));
        let report = Balances(rows);
        let converted = Converted::new(
            &report,
            &rates(),
            currency("EUR"),
            day("2026-02-01"),
            Totals::Whole,
        )
        .unwrap();
        let totals = converted.converted_totals();
        assert_eq!(totals.len(), 1);
        assert_eq!(totals[0].0, "Total");
        assert_eq!(totals[0].1, [("balance".to_string(), dec("2.56"))]);
        let keys: Vec<String> = converted.columns().into_iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            ["contact", "currency", "count", "balance", "balance_eur"]
        );
        assert_eq!(converted.rows().get(0)[4], Cell::Amount(dec("0.01")));
        assert_eq!(converted.rows().get(6)[4], Cell::Amount(dec("2.50")));
    }

    #[test]
    fn totals_are_records_only_when_asked() {
        let report = Balances(vec![("a", "EUR", "1.00")]);
        let eur = currency("EUR");
        let day = day("2026-02-01");
        let table = Converted::new(&report, &rates(), eur, day, Totals::Whole).unwrap();
        assert_eq!(table.rows().len(), 1);
        assert_eq!(
            table.totals()[0],
            [
                Cell::from("Total"),
                Cell::from("EUR"),
                Cell::Null,
                Cell::Null,
                Cell::Amount(dec("1.00"))
            ]
        );
        let records = Converted::new(&report, &rates(), eur, day, Totals::Whole)
            .unwrap()
            .with_totals_in_rows(true);
        assert_eq!(records.rows().len(), 2);
        assert_eq!(records.rows().get(1)[0], Cell::from("Total"));
    }

    #[test]
    fn groups_are_totalled_apart() {
        let report = Balances(vec![
            ("a", "EUR", "1.00"),
            ("b", "USD", "1.10"),
            ("a", "EUR", "2.00"),
        ]);
        let converted = Converted::new(
            &report,
            &rates(),
            currency("EUR"),
            day("2026-02-01"),
            Totals::By("contact"),
        )
        .unwrap();
        let sums: Vec<(String, Decimal)> = converted
            .converted_totals()
            .into_iter()
            .map(|(label, sums)| (label, sums[0].1))
            .collect();
        assert_eq!(
            sums,
            [
                ("a".to_string(), dec("3.00")),
                ("b".to_string(), dec("1.00"))
            ]
        );
    }

    #[test]
    fn a_row_without_a_rate_names_the_pair_and_the_day() {
        let report = Balances(vec![("a", "GBP", "1.00")]);
        let error = Converted::new(
            &report,
            &rates(),
            currency("EUR"),
            day("2026-02-01"),
            Totals::Whole,
        )
        .err()
        .unwrap();
        let message = error.to_string();
        assert!(
            message.contains("from GBP to EUR on or before 2026-02-01"),
            "{message}"
        );
    }
}
