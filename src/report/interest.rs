//! `folio interest`: late-payment interest per invoice, computed day by day on what is open of
//! it, at the rate in force each day, and what debit notes have already charged
//! (docs/dunning.md, "Interest and fees").

use crate::book::Book;
use crate::book::interest_config::{Compensation, EU_COMPENSATION, InterestConfig};
use crate::error::{Error, Result};
use crate::journal::{EntryIndex, Kind};
use crate::ledger::Ledger;
use crate::money::{Currency, round_to_minor};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The `charge:` tag of a debit note charging interest.
pub const CHARGE_INTEREST: &str = "interest";
/// The `charge:` tag of a debit note charging the fixed compensation.
pub const CHARGE_COMPENSATION: &str = "compensation";
/// The `charge:` tag of a debit note charging a reminder level's fee.
pub const CHARGE_FEE: &str = "fee";

/// What debit notes already charged for one invoice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Charged {
    /// Interest charged, summed.
    pub interest: Decimal,
    /// The last day of the last interest period charged.
    pub interest_until: Option<NaiveDate>,
    /// Compensation charged, summed (charged once per invoice).
    pub compensation: Decimal,
    /// The reminder levels whose fee was charged.
    pub fee_levels: Vec<u32>,
}

/// Every charge of the book's debit notes (`charge:` with `for:`), by the invoice charged for.
/// An interest charge whose `period:` cannot be read is an error at its line: read as no period,
/// its days would be charged again.
pub fn charged(book: &Book) -> Result<FxHashMap<&str, Charged>> {
    let mut charges: FxHashMap<&str, Charged> = FxHashMap::default();
    for entry in book.entries.iter().filter(|e| e.kind == Kind::Invoice) {
        let line = book.entry_line(entry);
        if !line.contains("charge:") {
            continue;
        }
        let meta = crate::journal::parser::free_metadata(line);
        let value = |key: &str| meta.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let (Some(charge), Some(invoice)) = (value("charge"), value("for")) else {
            continue;
        };
        let charged = charges.entry(invoice).or_default();
        match charge {
            CHARGE_INTEREST => {
                charged.interest += entry.amount;
                let period = value("period").unwrap_or("");
                let Some((_, until)) = parse_period(period) else {
                    return Err(Error::InvalidData(format!(
                        "{}:{}: invalid period:{period} on a charge:interest line: expected the days it charged as period:FROM..TO, e.g. period:2026-03-16..2026-04-30",
                        book.entry_path(entry).display(),
                        entry.line
                    )));
                };
                charged.interest_until = charged.interest_until.max(Some(until));
            }
            CHARGE_COMPENSATION => charged.compensation += entry.amount,
            CHARGE_FEE => {
                if let Some(level) = value("level").and_then(|l| l.parse().ok()) {
                    charged.fee_levels.push(level);
                }
            }
            _ => {}
        }
    }
    Ok(charges)
}

/// Whether an entry's line is a debit note's (it carries `charge:`): no interest on interest.
pub fn is_charge(line: &str) -> bool {
    line.contains("charge:")
        && crate::journal::parser::free_metadata(line)
            .iter()
            .any(|(key, _)| *key == "charge")
}

/// Reads `FROM..TO` as written in `period:`.
pub fn parse_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = text.split_once("..")?;
    let from = crate::journal::parser::parse_date(from).ok()?;
    let to = crate::journal::parser::parse_date(to).ok()?;
    (from <= to).then_some((from, to))
}

/// One invoice paid late or still overdue.
#[derive(Debug, Clone, PartialEq)]
pub struct InterestLine {
    /// The invoice.
    pub entry: EntryIndex,
    /// The last day interest runs: the day it was settled, else the as-of date.
    pub until: NaiveDate,
    /// Whether it was settled by then.
    pub settled: bool,
    /// Days from the due date to `until`.
    pub days_late: i64,
    /// The yearly rates (percent) in force over the days late, in order, each once.
    pub rates: Vec<Decimal>,
    /// What was open the day after the due date: the base interest starts on.
    pub base: Decimal,
    /// What is still open as of the report's date.
    pub open: Decimal,
    /// Interest over all the days late, rounded once.
    pub interest: Decimal,
    /// Interest already charged by debit notes.
    pub issued: Decimal,
    /// The days not charged yet, when there are any.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Interest of `period`, rounded once: what `--issue` charges.
    pub to_issue: Decimal,
    /// The fixed compensation still to charge (zero when none or charged).
    pub compensation: Decimal,
    /// The compensation already charged.
    pub compensation_issued: Decimal,
}

/// The interest report: one line per invoice, in due order.
#[derive(Debug)]
pub struct InterestReport<'a> {
    book: &'a Book,
    /// The lines.
    pub lines: Vec<InterestLine>,
}

/// Computes the interest of every receivable invoice (of `contact`, when given) late as of
/// `as_of`; debit notes themselves bear none.
pub fn interest<'a>(
    book: &'a Book,
    config: &InterestConfig,
    as_of: NaiveDate,
    contact: Option<u32>,
) -> Result<InterestReport<'a>> {
    let ledger = Ledger::build(book, crate::journal::Side::Receivables, as_of, true);
    let mut settlements: FxHashMap<EntryIndex, Vec<(NaiveDate, Decimal)>> = FxHashMap::default();
    for allocation in ledger.allocations() {
        settlements
            .entry(allocation.debit)
            .or_default()
            .push((allocation.date, allocation.amount));
    }
    let charges = charged(book)?;
    let mut lines = Vec::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind != Kind::Invoice
            || entry.date > as_of
            || entry.due >= as_of
            || contact.is_some_and(|c| c != entry.contact)
            || is_charge(book.entry_line(entry))
        {
            continue;
        }
        let index = index as EntryIndex;
        let mut paid = settlements.remove(&index).unwrap_or_default();
        paid.sort_by_key(|(date, _)| *date);
        let id = book.entry_id(entry);
        let invoice = Invoice {
            amount: entry.amount,
            due: entry.due,
            currency: entry.currency,
            paid: &paid,
        };
        let charged = charges.get(id).cloned().unwrap_or_default();
        if let Some(line) =
            line_of(config, &invoice, as_of, &charged).map_err(|problem| problem.for_invoice(id))?
        {
            lines.push(InterestLine {
                entry: index,
                ..line
            });
        }
    }
    lines.sort_by_key(|line| (book.entries[line.entry as usize].due, line.entry));
    Ok(InterestReport { book, lines })
}

/// An invoice as interest sees it.
pub struct Invoice<'a> {
    /// Its amount.
    pub amount: Decimal,
    /// Its due date.
    pub due: NaiveDate,
    /// Its currency.
    pub currency: Currency,
    /// What settled it, (date, amount), in date order.
    pub paid: &'a [(NaiveDate, Decimal)],
}

/// Why interest cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No reference rate is in force on this date.
    NoReference(NaiveDate),
    /// The amounts are beyond what exact arithmetic holds.
    Overflow,
}

impl Problem {
    fn for_invoice(self, id: &str) -> Error {
        Error::InvalidData(match self {
            Problem::NoReference(day) => format!(
                "no reference rate in force on {day} for the interest on {id}: add a [[dunning.interest.reference]] with `from` on or before {day} to folio.toml"
            ),
            Problem::Overflow => {
                format!("the interest on {id} is too large to compute exactly")
            }
        })
    }
}

/// The line of one invoice as of `as_of`, or none when it was never late beyond the grace days.
pub fn line_of(
    config: &InterestConfig,
    invoice: &Invoice<'_>,
    as_of: NaiveDate,
    charged: &Charged,
) -> std::result::Result<Option<InterestLine>, Problem> {
    let (until, settled) = settled_on(invoice, as_of);
    let days_late = (until - invoice.due).num_days();
    if days_late <= i64::from(config.grace_days) {
        return Ok(None);
    }
    let first = invoice.due.succ_opt().ok_or(Problem::Overflow)?;
    let (interest, rates) = accrue(config, invoice, first, until)?;
    let period_start = match charged.interest_until {
        Some(last) => last.succ_opt().ok_or(Problem::Overflow)?.max(first),
        None => first,
    };
    let period = (period_start <= until).then_some((period_start, until));
    let to_issue = match period {
        Some((from, to)) => accrue(config, invoice, from, to)?.0,
        None => Decimal::ZERO,
    };
    let compensation = match config.compensation {
        _ if !charged.compensation.is_zero() => Decimal::ZERO,
        Some(Compensation::Eur40) if invoice.currency.as_str() == "EUR" => EU_COMPENSATION,
        Some(Compensation::Amount(amount)) => amount,
        _ => Decimal::ZERO,
    };
    if interest.is_zero() && compensation.is_zero() && charged == &Charged::default() {
        return Ok(None);
    }
    Ok(Some(InterestLine {
        entry: 0,
        until,
        settled,
        days_late,
        rates,
        base: open_on(invoice, first),
        open: open_on(invoice, as_of.succ_opt().unwrap_or(as_of)),
        interest,
        issued: charged.interest,
        period,
        to_issue,
        compensation,
        compensation_issued: charged.compensation,
    }))
}

/// The day the invoice was settled (the allocation that left nothing open), else `as_of`.
fn settled_on(invoice: &Invoice<'_>, as_of: NaiveDate) -> (NaiveDate, bool) {
    let mut open = invoice.amount;
    for (date, amount) in invoice.paid {
        open -= *amount;
        if open <= Decimal::ZERO {
            return ((*date).min(as_of), true);
        }
    }
    (as_of, false)
}

/// What is open on `day`: an allocation dated D counts from D + 1, so the day a payment arrives
/// still bears interest on what it pays (interest runs "to the day it is settled").
fn open_on(invoice: &Invoice<'_>, day: NaiveDate) -> Decimal {
    let paid: Decimal = invoice
        .paid
        .iter()
        .filter(|(date, _)| *date < day)
        .map(|(_, amount)| *amount)
        .sum();
    (invoice.amount - paid).max(Decimal::ZERO)
}

/// The interest of the days `from..=to`, rounded once to the currency's minor unit, and the rates
/// in force over them.
///
/// The days are cut into runs over which the open amount, the rate and the year's length do not
/// change; each run adds open × rate × days to the numerator of its year's length. Dividing each
/// numerator once, at the end, keeps the sum exact where a per-day 1/365 would not be.
pub fn accrue(
    config: &InterestConfig,
    invoice: &Invoice<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> std::result::Result<(Decimal, Vec<Decimal>), Problem> {
    let mut numerators: Vec<(u32, Decimal)> = Vec::new();
    let mut rates: Vec<Decimal> = Vec::new();
    let mut day = from;
    while day <= to {
        let rate = config.rate_on(day).map_err(Problem::NoReference)?;
        if rates.last() != Some(&rate) {
            rates.push(rate);
        }
        let end = run_end(config, invoice, day, to);
        let days = Decimal::from((end - day).num_days());
        let open = open_on(invoice, day);
        let year_days = config.day_count.year_days(day.year());
        let product = open
            .checked_mul(rate)
            .and_then(|v| v.checked_mul(days))
            .ok_or(Problem::Overflow)?;
        match numerators.iter_mut().find(|(d, _)| *d == year_days) {
            Some((_, sum)) => *sum = sum.checked_add(product).ok_or(Problem::Overflow)?,
            None => numerators.push((year_days, product)),
        }
        day = end;
    }
    let mut total = Decimal::ZERO;
    for (year_days, numerator) in numerators {
        let divisor = Decimal::from(year_days) * Decimal::ONE_HUNDRED;
        let part = numerator.checked_div(divisor).ok_or(Problem::Overflow)?;
        total = total.checked_add(part).ok_or(Problem::Overflow)?;
    }
    rates.dedup();
    Ok((round_to_minor(total, invoice.currency), rates))
}

/// The first day after `day` (at most `to + 1`) where the open amount, the rate or the year
/// changes.
fn run_end(
    config: &InterestConfig,
    invoice: &Invoice<'_>,
    day: NaiveDate,
    to: NaiveDate,
) -> NaiveDate {
    let after_to = to.succ_opt().unwrap_or(to);
    let next_year = NaiveDate::from_ymd_opt(day.year() + 1, 1, 1).unwrap_or(after_to);
    let next_payment = invoice
        .paid
        .iter()
        .filter_map(|(date, _)| date.succ_opt())
        .find(|effective| *effective > day)
        .unwrap_or(after_to);
    let next_rate = config.next_change(day).unwrap_or(after_to);
    after_to.min(next_year).min(next_payment).min(next_rate)
}

impl<'a> InterestReport<'a> {
    /// A report without lines: a book that computes no interest.
    pub fn empty(book: &'a Book) -> InterestReport<'a> {
        InterestReport {
            book,
            lines: Vec::new(),
        }
    }

    /// The book the report reads.
    pub fn book(&self) -> &'a Book {
        self.book
    }
}

impl Tabular for InterestReport<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("document"),
            Column::text("contact"),
            Column::text("currency"),
            Column::text("due"),
            Column::text("until").priority(3),
            Column::amount("days_late"),
            Column::text("rate"),
            Column::money("base").priority(2),
            Column::money("open").priority(2),
            Column::money("interest"),
            Column::money("issued").priority(1),
            Column::text("period").priority(4),
            Column::money("to_issue"),
            Column::money("compensation").priority(1),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(self.lines.len(), |index| {
            let line = &self.lines[index];
            let entry = &self.book.entries[line.entry as usize];
            let rate = match line.rates.as_slice() {
                [rate] => Cell::from(format!("{:.2}", rate)),
                _ => Cell::from("rates".to_string()),
            };
            vec![
                Cell::from(self.book.entry_id(entry)),
                Cell::from(self.book.entry_contact(entry).id.as_str()),
                Cell::from(entry.currency.to_string()),
                Cell::Date(entry.due),
                Cell::Date(line.until),
                Cell::Integer(line.days_late),
                rate,
                Cell::Amount(line.base),
                Cell::Amount(line.open),
                Cell::Amount(line.interest),
                Cell::Amount(line.issued),
                line.period
                    .map_or(Cell::Null, |(from, to)| Cell::from(format!("{from}..{to}"))),
                Cell::Amount(line.to_issue),
                Cell::Amount(line.compensation),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::interest_config::{DayCount, ReferenceRate};
    use std::str::FromStr;

    macro_rules! dec {
        ($t:tt) => {
            Decimal::from_str(stringify!($t)).unwrap()
        };
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn fixed(rate: Decimal, day_count: DayCount) -> InterestConfig {
        InterestConfig {
            rate: Some(rate),
            points: None,
            reference: Vec::new(),
            day_count,
            grace_days: 0,
            min_amount: Decimal::ZERO,
            compensation: None,
        }
    }

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    fn line(
        config: &InterestConfig,
        amount: Decimal,
        due: &str,
        paid: &[(NaiveDate, Decimal)],
        as_of: &str,
    ) -> InterestLine {
        let invoice = Invoice {
            amount,
            due: date(due),
            currency: eur(),
            paid,
        };
        line_of(config, &invoice, date(as_of), &Charged::default())
            .unwrap()
            .unwrap()
    }

    #[test]
    fn a_leap_day_counts_as_a_day_of_interest() {
        // 1000.00 due 2024-02-15, paid 2024-03-16: Feb 16..29 (14 days, 29 Feb included) and
        // Mar 1..16 (16 days) = 30 days. 1000 × 10% × 30/365 = 8.2191... → 8.22.
        let config = fixed(dec!(10), DayCount::Act365);
        let paid = [(date("2024-03-16"), dec!(1000.00))];
        let line = line(&config, dec!(1000.00), "2024-02-15", &paid, "2024-06-30");
        assert_eq!(line.days_late, 30);
        assert!(line.settled);
        assert_eq!(line.interest, dec!(8.22));
    }

    #[test]
    fn act_act_counts_each_day_in_its_own_year() {
        // 1000.00 due 2023-12-16, paid 2024-01-15, 10% act/act: 15 days of 2023 (Dec 17..31; Dec 16
        // is the due date) and 15 days of 2024 (Jan 1..15).
        // 1000 × 10% × (15/365 + 15/366) = 4.10958... + 4.09836... = 8.20794... → 8.21.
        let config = fixed(dec!(10), DayCount::ActAct);
        let paid = [(date("2024-01-15"), dec!(1000.00))];
        let line = line(&config, dec!(1000.00), "2023-12-16", &paid, "2024-06-30");
        assert_eq!(line.days_late, 30);
        assert_eq!(line.interest, dec!(8.21));
        // The same days act/360: 1000 × 10% × 30/360 = 8.3333... → 8.33.
        let config = fixed(dec!(10), DayCount::Act360);
        let line = super::tests::line(&config, dec!(1000.00), "2023-12-16", &paid, "2024-06-30");
        assert_eq!(line.interest, dec!(8.33));
    }

    #[test]
    fn a_partial_payment_lowers_the_base_from_the_day_after_it() {
        // 2000.00 due 2026-03-01; 1500.00 paid 2026-03-11, the rest 2026-03-31; 8% act/365.
        // Mar 2..11: 10 days on 2000.00 = 2000 × 8 × 10 = 160000
        // Mar 12..31: 20 days on 500.00 = 500 × 8 × 20 = 80000
        // (160000 + 80000) / 36500 = 6.5753... → 6.58.
        let config = fixed(dec!(8), DayCount::Act365);
        let paid = [
            (date("2026-03-11"), dec!(1500.00)),
            (date("2026-03-31"), dec!(500.00)),
        ];
        let line = line(&config, dec!(2000.00), "2026-03-01", &paid, "2026-06-30");
        assert_eq!(line.days_late, 30);
        assert_eq!(line.base, dec!(2000.00));
        assert_eq!(line.interest, dec!(6.58));
    }

    #[test]
    fn the_eu_rate_changes_on_the_first_of_july() {
        // Reference 4.50 from 2023-06-21 (in force on 1 July 2023) and 4.00 from 2024-06-12 (in
        // force on 1 July 2024); 8 points. 1000.00 due 2024-06-15, open on 2024-07-15:
        // Jun 16..30: 15 days at 4.50 + 8 = 12.50 (the rate of 1 January 2024) = 187.50 × 1000
        // Jul 1..15: 15 days at 4.00 + 8 = 12.00 = 180 × 1000
        // 1000 × (12.5 × 15 + 12 × 15) / 36500 = 367500 / 36500 = 10.0684... → 10.07.
        let config = InterestConfig {
            rate: None,
            points: Some(dec!(8)),
            reference: vec![
                ReferenceRate {
                    from: date("2023-06-21"),
                    rate: dec!(4.50),
                },
                ReferenceRate {
                    from: date("2024-06-12"),
                    rate: dec!(4.00),
                },
            ],
            ..fixed(Decimal::ZERO, DayCount::Act365)
        };
        let line = line(&config, dec!(1000.00), "2024-06-15", &[], "2024-07-15");
        assert!(!line.settled);
        assert_eq!(line.rates, vec![dec!(12.50), dec!(12.00)]);
        assert_eq!(line.interest, dec!(10.07));
    }

    #[test]
    fn a_day_with_no_reference_rate_is_an_error_not_zero_interest() {
        let config = InterestConfig {
            rate: None,
            points: Some(dec!(8)),
            reference: vec![ReferenceRate {
                from: date("2026-01-01"),
                rate: dec!(2.15),
            }],
            ..fixed(Decimal::ZERO, DayCount::Act365)
        };
        let invoice = Invoice {
            amount: dec!(100),
            due: date("2025-12-01"),
            currency: eur(),
            paid: &[],
        };
        let problem = line_of(&config, &invoice, date("2026-01-10"), &Charged::default());
        assert_eq!(problem, Err(Problem::NoReference(date("2025-07-01"))));
    }

    #[test]
    fn the_next_period_starts_the_day_after_the_last_one_charged() {
        // 1000.00 due 2026-03-15 at 10% act/365, charged until 2026-03-31 (16 days, 4.38).
        // As of 2026-04-30: 46 days in all = 12.60; the new period 2026-04-01..30 is 30 days
        // = 8.22 (rounded on its own).
        let config = fixed(dec!(10), DayCount::Act365);
        let invoice = Invoice {
            amount: dec!(1000.00),
            due: date("2026-03-15"),
            currency: eur(),
            paid: &[],
        };
        let charged = Charged {
            interest: dec!(4.38),
            interest_until: Some(date("2026-03-31")),
            ..Charged::default()
        };
        let line = line_of(&config, &invoice, date("2026-04-30"), &charged)
            .unwrap()
            .unwrap();
        assert_eq!(line.interest, dec!(12.60));
        assert_eq!(line.issued, dec!(4.38));
        assert_eq!(line.period, Some((date("2026-04-01"), date("2026-04-30"))));
        assert_eq!(line.to_issue, dec!(8.22));
    }

    #[test]
    fn an_invoice_paid_within_the_grace_days_bears_no_interest() {
        let config = InterestConfig {
            grace_days: 5,
            ..fixed(dec!(10), DayCount::Act365)
        };
        let paid = [(date("2026-03-20"), dec!(100))];
        let invoice = Invoice {
            amount: dec!(100),
            due: date("2026-03-15"),
            currency: eur(),
            paid: &paid,
        };
        let line = line_of(&config, &invoice, date("2026-04-30"), &Charged::default());
        assert_eq!(line, Ok(None));
    }

    #[test]
    fn huge_amounts_are_refused_not_wrapped() {
        let config = fixed(dec!(100), DayCount::Act365);
        let invoice = Invoice {
            amount: Decimal::MAX,
            due: date("2000-01-01"),
            currency: eur(),
            paid: &[],
        };
        let line = line_of(&config, &invoice, date("2026-01-01"), &Charged::default());
        assert_eq!(line, Err(Problem::Overflow));
    }
}
