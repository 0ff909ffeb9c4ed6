//! `folio forecast`: the open items of one side expected week by week, each placed by how its
//! contact has paid before (the allocation trail), with a low and a high band; and the backtest
//! that replays the book's past to say how far such forecasts were from what was collected.
//!
//! The rules are documented in docs/commands/forecast.md:
//! - A contact's behaviour is the amount-weighted 25th, 50th and 75th percentile of the days late
//!   ([`Allocation::days_late`]) of every invoice it paid (every bill we paid, for payables),
//!   partial payments counted each with its own date. A contact without such history takes the
//!   book-wide behaviour of the side; a book without any takes 0 days late (the due date).
//! - An open item is expected on its due date plus the median days late, early on its due date
//!   plus the 25th percentile, late plus the 75th, of what the contact paid later than the item
//!   is already late, else what the book paid that late ([`Behaviours::after`]). A date before
//!   the as-of date becomes the as-of date (any day now).
//! - An item later than anyone in the book ever paid, or more than [`DOUBTFUL_AFTER_DAYS`] days
//!   past its contact's late date, is `doubtful`; one expected after the last week is `later`.

use super::Scope;
use super::credit::ratio;
use crate::book::Book;
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::{Allocation, Ledger, OpenItem};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashSet};

/// Days past its late date (due date plus the contact's 75th percentile of days late) after
/// which an open item is not expected at all but listed as doubtful: the aging report's last
/// bucket starts at 90 days too.
pub const DOUBTFUL_AFTER_DAYS: i64 = 90;
/// The most weeks a forecast covers: five years.
pub const MAX_WEEKS: u32 = 260;
/// The most as-of dates a backtest replays. It keeps every sum below Decimal's range: each
/// currency's amounts add up to less than 10^24 (book::totals), and each run adds an item's open
/// amount at most once to the forecasts, the actuals and the errors.
pub const MAX_RUNS: u32 = 260;

/// How a contact pays: days late at the 25th, 50th and 75th percentile of the amount it paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Behaviour {
    /// 25th percentile: the early placement.
    pub early: i64,
    /// 50th percentile: the expected placement.
    pub median: i64,
    /// 75th percentile: the late placement.
    pub late: i64,
}

impl Behaviour {
    /// Paying on the due date: what a book without any history assumes.
    pub const ON_TIME: Behaviour = Behaviour {
        early: 0,
        median: 0,
        late: 0,
    };

    /// The behaviour of these (days late, amount) pairs, sorted by days; `None` when nothing
    /// was paid.
    fn of(paid: &[(i64, Decimal)]) -> Option<Behaviour> {
        let total: Decimal = paid.iter().map(|(_, amount)| *amount).sum();
        if total <= Decimal::ZERO {
            return None;
        }
        let at = |share: Decimal| {
            // The smallest d such that at least `share` of the amount was paid at most d days late.
            let threshold = total * share;
            let mut running = Decimal::ZERO;
            for (days, amount) in paid {
                running += amount;
                if running >= threshold {
                    return *days;
                }
            }
            paid.last().map_or(0, |(days, _)| *days)
        };
        Some(Behaviour {
            early: at(Decimal::new(25, 2)),
            median: at(Decimal::new(50, 2)),
            late: at(Decimal::new(75, 2)),
        })
    }
}

/// The payment behaviour of every contact of one side, and of the whole side.
#[derive(Debug, Clone)]
pub struct Behaviours {
    /// By contact index; `None` without history.
    pub contacts: Vec<Option<Behaviour>>,
    /// Of every document of the side paid in money; [`Behaviour::ON_TIME`] without any.
    pub book: Behaviour,
    /// What each contact paid, as (days late, amount) sorted by days; empty without history.
    histories: Vec<Vec<(i64, Decimal)>>,
    /// The same for the whole side.
    everyone: Vec<(i64, Decimal)>,
}

impl Behaviours {
    /// Reads the behaviours from a ledger built with its trail: the allocations that paid an
    /// invoice with a payment (a bill with a payout) by the ledger's as-of date.
    pub fn of(book: &Book, ledger: &Ledger) -> Behaviours {
        let mut by_contact: Vec<Vec<(i64, Decimal)>> = vec![Vec::new(); book.contacts.len()];
        for account in &ledger.accounts {
            let paid = account.trail.iter().filter(|a| a.is_paid_in_money());
            by_contact[account.contact as usize].extend(paid.map(late_amount));
        }
        let mut everyone: Vec<(i64, Decimal)> = ledger
            .allocations()
            .filter(|a| a.is_paid_in_money())
            .map(late_amount)
            .collect();
        everyone.sort_unstable();
        for history in &mut by_contact {
            history.sort_unstable();
        }
        Behaviours {
            contacts: by_contact.iter().map(|paid| Behaviour::of(paid)).collect(),
            book: Behaviour::of(&everyone).unwrap_or(Behaviour::ON_TIME),
            histories: by_contact,
            everyone,
        }
    }

    /// The behaviour of a contact counting only what was paid more than `elapsed` days late:
    /// an item already `elapsed` days past due was not paid by then, so the payments made
    /// earlier say nothing about when it will be. When the contact never paid that late, the
    /// book's payments that came that late; `None` when nobody did (the item is unlikely to be
    /// paid); on time when the book has no history at all.
    pub fn after(&self, contact: u32, elapsed: i64) -> Option<Behaviour> {
        if self.everyone.is_empty() {
            return Some(Behaviour::ON_TIME);
        }
        let tail = |history: &[(i64, Decimal)]| {
            let later = history.partition_point(|(days, _)| *days <= elapsed);
            Behaviour::of(&history[later..])
        };
        let own = self.histories.get(contact as usize);
        own.and_then(|paid| tail(paid))
            .or_else(|| tail(&self.everyone))
    }

    /// The behaviour that places a contact's items: its own, else the book's.
    pub fn of_contact(&self, contact: u32) -> Behaviour {
        self.contacts
            .get(contact as usize)
            .copied()
            .flatten()
            .unwrap_or(self.book)
    }
}

fn late_amount(allocation: &Allocation) -> (i64, Decimal) {
    (allocation.days_late(), allocation.amount)
}

/// Where a forecast row's amounts fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    /// Week `n` of the horizon (1 is the as-of date's week), Monday to Sunday.
    Week(u32),
    /// Expected after the last week.
    Later,
    /// Too far past its late date to be expected.
    Doubtful,
}

/// One row: a week (or bucket) in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastRow {
    /// The week or bucket.
    pub slot: Slot,
    /// The week's Monday; `None` for the buckets.
    pub from: Option<NaiveDate>,
    /// The week's Sunday; `None` for the buckets.
    pub to: Option<NaiveDate>,
    /// The currency.
    pub currency: Currency,
    /// Open amount expected in the week (median placement), or in the bucket.
    pub expected: Decimal,
    /// Expected up to the end of the week (median placement); `None` for the buckets.
    pub cumulative: Option<Decimal>,
    /// The low band: up to the end of the week when every item pays late (75th percentile).
    pub cumulative_low: Option<Decimal>,
    /// The high band: up to the end of the week when every item pays early (25th percentile).
    pub cumulative_high: Option<Decimal>,
    /// How many open items are expected in the week (or are in the bucket).
    pub items: usize,
}

/// The forecast of one side: per currency, the weeks in order, then `later` and `doubtful`.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// The side.
    pub side: Side,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The rows.
    pub rows: Vec<ForecastRow>,
    /// Sentences for a person: which behaviour placed the items of contacts without history.
    pub notes: Vec<String>,
}

/// The Monday of the week holding `date`.
fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Where one open item falls under each placement.
struct Placed {
    expected: Slot,
    early: Slot,
    late: Slot,
}

/// The horizon: its first Monday, how many weeks, and the as-of date.
#[derive(Debug, Clone, Copy)]
struct Horizon {
    as_of: NaiveDate,
    start: NaiveDate,
    weeks: u32,
}

impl Horizon {
    fn new(as_of: NaiveDate, weeks: u32) -> Horizon {
        Horizon {
            as_of,
            start: monday_of(as_of),
            weeks,
        }
    }

    /// The slot of an item due on `due` paid `days` late: its week, or later.
    fn slot(&self, due: NaiveDate, days: i64) -> Slot {
        let date = due
            .checked_add_days(Days::new(days.max(0) as u64))
            .map(|date| date.max(self.as_of));
        let week = date.map(|date| (date - self.start).num_days() / 7 + 1);
        match week {
            Some(week) if week <= i64::from(self.weeks) => Slot::Week(week as u32),
            _ => Slot::Later,
        }
    }

    /// Places an item by its contact's behaviour, and by the behaviour `after` its days past
    /// due ([`Behaviours::after`]; `None`: later than anyone ever paid, so doubtful).
    fn place(&self, item: &OpenItem, behaviour: Behaviour, after: Option<Behaviour>) -> Placed {
        let past_due = (self.as_of - item.due).num_days();
        let after =
            after.filter(|_| past_due <= behaviour.late.saturating_add(DOUBTFUL_AFTER_DAYS));
        let Some(behaviour) = after else {
            return Placed {
                expected: Slot::Doubtful,
                early: Slot::Doubtful,
                late: Slot::Doubtful,
            };
        };
        Placed {
            expected: self.slot(item.due, behaviour.median),
            early: self.slot(item.due, behaviour.early),
            late: self.slot(item.due, behaviour.late),
        }
    }

    fn week_dates(&self, week: u32) -> (NaiveDate, NaiveDate) {
        let from = self.start + Days::new(u64::from(week - 1) * 7);
        (from, from + Days::new(6))
    }
}

/// Amounts of one currency by slot, under the three placements.
#[derive(Debug, Clone, Default)]
struct Sums {
    expected: BTreeMap<Slot, (Decimal, usize)>,
    early: BTreeMap<Slot, Decimal>,
    late: BTreeMap<Slot, Decimal>,
}

impl Sums {
    fn add(&mut self, placed: &Placed, open: Decimal) {
        let expected = self.expected.entry(placed.expected).or_default();
        expected.0 += open;
        expected.1 += 1;
        *self.early.entry(placed.early).or_default() += open;
        *self.late.entry(placed.late).or_default() += open;
    }
}

/// Forecasts the open items of a ledger built with its trail, over `weeks` weeks from the week
/// of the ledger's as-of date; rows only for the contacts and currencies `scope` includes.
pub fn forecast(book: &Book, ledger: &Ledger, scope: &Scope, weeks: u32) -> Forecast {
    let behaviours = Behaviours::of(book, ledger);
    let horizon = Horizon::new(ledger.as_of, weeks.clamp(1, MAX_WEEKS));
    let mut sums: BTreeMap<Currency, Sums> = BTreeMap::new();
    let mut without_history = 0;
    for account in ledger
        .accounts
        .iter()
        .filter(|a| scope.includes(a.contact, a.currency) && !a.open_items.is_empty())
    {
        if behaviours.contacts[account.contact as usize].is_none() {
            without_history += 1;
        }
        let behaviour = behaviours.of_contact(account.contact);
        let currency = sums.entry(account.currency).or_default();
        for item in &account.open_items {
            let elapsed = (ledger.as_of - item.due).num_days();
            let after = behaviours.after(account.contact, elapsed);
            currency.add(&horizon.place(item, behaviour, after), item.open);
        }
    }
    let rows = sums
        .iter()
        .flat_map(|(currency, sums)| rows_of(&horizon, *currency, sums))
        .collect();
    let mut notes = Vec::new();
    if without_history > 0 {
        let b = behaviours.book;
        notes.push(format!(
            "{without_history} account(s) without payment history placed by the book's behaviour: \
             {} / {} / {} days late (25th / 50th / 75th percentile)",
            b.early, b.median, b.late
        ));
    }
    Forecast {
        side: ledger.side,
        as_of: ledger.as_of,
        rows,
        notes,
    }
}

fn rows_of(horizon: &Horizon, currency: Currency, sums: &Sums) -> Vec<ForecastRow> {
    let mut rows = Vec::with_capacity(horizon.weeks as usize + 2);
    let (mut cumulative, mut low, mut high) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for week in 1..=horizon.weeks {
        let slot = Slot::Week(week);
        let (expected, items) = sums.expected.get(&slot).copied().unwrap_or_default();
        cumulative += expected;
        low += sums.late.get(&slot).copied().unwrap_or_default();
        high += sums.early.get(&slot).copied().unwrap_or_default();
        let (from, to) = horizon.week_dates(week);
        rows.push(ForecastRow {
            slot,
            from: Some(from),
            to: Some(to),
            currency,
            expected,
            cumulative: Some(cumulative),
            cumulative_low: Some(low),
            cumulative_high: Some(high),
            items,
        });
    }
    for slot in [Slot::Later, Slot::Doubtful] {
        let (expected, items) = sums.expected.get(&slot).copied().unwrap_or_default();
        rows.push(ForecastRow {
            slot,
            from: None,
            to: None,
            currency,
            expected,
            cumulative: None,
            cumulative_low: None,
            cumulative_high: None,
            items,
        });
    }
    rows
}

impl ForecastRow {
    /// `2026-W50`, `later` or `doubtful`.
    pub fn label(&self) -> String {
        match (self.slot, self.from) {
            (Slot::Week(_), Some(from)) => {
                let week = from.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            (Slot::Later, _) => "later".to_string(),
            _ => "doubtful".to_string(),
        }
    }
}

impl Tabular for Forecast {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("week"),
            Column::amount("horizon").priority(2),
            Column::text("from").priority(3),
            Column::text("to").priority(3),
            Column::text("currency"),
            Column::money("expected"),
            Column::money("cumulative").priority(1),
            Column::money("cumulative_low"),
            Column::money("cumulative_high"),
            Column::amount("items").priority(2),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                let horizon = match row.slot {
                    Slot::Week(week) => Cell::Integer(i64::from(week)),
                    _ => Cell::Null,
                };
                vec![
                    Cell::from(row.label()),
                    horizon,
                    row.from.map_or(Cell::Null, Cell::Date),
                    row.to.map_or(Cell::Null, Cell::Date),
                    Cell::from(row.currency.to_string()),
                    Cell::Amount(row.expected),
                    row.cumulative.map_or(Cell::Null, Cell::Amount),
                    row.cumulative_low.map_or(Cell::Null, Cell::Amount),
                    row.cumulative_high.map_or(Cell::Null, Cell::Amount),
                    Cell::Integer(row.items as i64),
                ]
            })
            .collect()
    }
}

/// One row of a backtest: how the forecasts for horizon week `horizon` compared with what was
/// collected, over every replayed as-of date whose week `horizon` has ended, in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct BacktestRow {
    /// 1 is the week of each replayed as-of date.
    pub horizon: u32,
    /// The currency.
    pub currency: Currency,
    /// How many replayed as-of dates were compared.
    pub runs: u32,
    /// Sum of the forecasts' expected amounts for that week.
    pub forecast: Decimal,
    /// Sum of what was actually paid in that week on the items open at each replayed date.
    pub actual: Decimal,
    /// Sum over the runs of |forecast - actual|.
    pub abs_error: Decimal,
    /// Weighted absolute percentage error: abs_error / actual, 4 decimals; `None` when nothing
    /// was collected.
    pub wape: Option<Decimal>,
}

/// A backtest: rows by horizon week, then currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// The rows.
    pub rows: Vec<BacktestRow>,
}

/// Replays the book's past: for each of the `runs` as-of dates one, two, ... weeks before
/// `scope.as_of`, forecasts `weeks` weeks with only the entries dated by then, and compares each
/// week that ended by `scope.as_of` with the payments (payouts) dated in it that settled items
/// open at the replayed date. Week 1 runs from the day after the replayed date to its Sunday.
pub fn backtest(book: &Book, scope: &Scope, weeks: u32, runs: u32) -> Backtest {
    let weeks = weeks.clamp(1, MAX_WEEKS);
    let today = Ledger::build(book, scope.side, scope.as_of, true);
    let mut totals: BTreeMap<(u32, Currency), BacktestRow> = BTreeMap::new();
    for run in 1..=runs.clamp(1, MAX_RUNS) {
        let Some(origin) = scope.as_of.checked_sub_days(Days::new(u64::from(run) * 7)) else {
            break;
        };
        let then = Ledger::build(book, scope.side, origin, true);
        let replayed = Scope {
            as_of: origin,
            ..scope.clone()
        };
        let forecast = forecast(book, &then, &replayed, weeks);
        let actual = collected(&today, &then, &replayed, weeks);
        compare(&mut totals, &forecast, &actual, scope.as_of);
    }
    let rows = totals
        .into_values()
        .map(|mut row| {
            row.wape = ratio(row.abs_error, row.actual, 4);
            row
        })
        .collect();
    Backtest { rows }
}

/// Adds one replayed forecast's weeks that ended by `until`, and what was collected in them, to
/// the totals by horizon week and currency.
fn compare(
    totals: &mut BTreeMap<(u32, Currency), BacktestRow>,
    forecast: &Forecast,
    actual: &BTreeMap<(u32, Currency), Decimal>,
    until: NaiveDate,
) {
    for row in &forecast.rows {
        let (Slot::Week(week), Some(to)) = (row.slot, row.to) else {
            continue;
        };
        if to > until {
            continue;
        }
        let paid = actual
            .get(&(week, row.currency))
            .copied()
            .unwrap_or_default();
        let total = totals
            .entry((week, row.currency))
            .or_insert_with(|| BacktestRow {
                horizon: week,
                currency: row.currency,
                runs: 0,
                forecast: Decimal::ZERO,
                actual: Decimal::ZERO,
                abs_error: Decimal::ZERO,
                wape: None,
            });
        total.runs += 1;
        total.forecast += row.expected;
        total.actual += paid;
        total.abs_error += (row.expected - paid).abs();
    }
}

/// What payments (payouts) dated after `then`'s as-of date paid, by horizon week and currency,
/// of the items open in `then`, read from `today`'s trail.
fn collected(
    today: &Ledger,
    then: &Ledger,
    scope: &Scope,
    weeks: u32,
) -> BTreeMap<(u32, Currency), Decimal> {
    let open: HashSet<EntryIndex> = then
        .accounts
        .iter()
        .filter(|a| scope.includes(a.contact, a.currency))
        .flat_map(|a| a.open_items.iter().map(|item| item.entry))
        .collect();
    let horizon = Horizon::new(then.as_of, weeks);
    let mut paid = BTreeMap::new();
    for account in &today.accounts {
        let payments = account.trail.iter().filter(|a| {
            matches!(a.credit_kind, Kind::Payment | Kind::Payout)
                && a.date > then.as_of
                && open.contains(&a.debit)
        });
        for allocation in payments {
            if let Slot::Week(week) = horizon.slot(allocation.date, 0) {
                *paid.entry((week, account.currency)).or_default() += allocation.amount;
            }
        }
    }
    paid
}

impl Tabular for Backtest {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::amount("horizon"),
            Column::text("currency"),
            Column::amount("runs").priority(1),
            Column::money("forecast"),
            Column::money("actual"),
            Column::money("abs_error"),
            Column::amount("wape"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::Integer(i64::from(row.horizon)),
                    Cell::from(row.currency.to_string()),
                    Cell::Integer(i64::from(row.runs)),
                    Cell::Amount(row.forecast),
                    Cell::Amount(row.actual),
                    Cell::Amount(row.abs_error),
                    row.wape.map_or(Cell::Null, Cell::Decimal),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn percentiles_are_the_smallest_days_covering_the_share_of_the_amount() {
        // 100 paid 5 days late, 100 paid 15, 200 paid 30: 25% of 400 is reached at 5 days,
        // 50% at 15, 75% at 30.
        let paid = vec![(30, dec("200")), (5, dec("100")), (15, dec("100"))];
        let expected = Behaviour {
            early: 5,
            median: 15,
            late: 30,
        };
        let mut paid = paid;
        paid.sort_unstable();
        assert_eq!(Behaviour::of(&paid), Some(expected));
        assert_eq!(Behaviour::of(&[]), None);
    }

    #[test]
    fn a_date_before_the_as_of_date_falls_in_the_first_week_and_after_the_last_in_later() {
        let date = |text: &str| text.parse::<NaiveDate>().unwrap();
        // 2026-12-09 is a Wednesday: week 1 runs from Monday 7 to Sunday 13.
        let horizon = Horizon::new(date("2026-12-09"), 2);
        assert_eq!(horizon.slot(date("2026-11-01"), 10), Slot::Week(1));
        assert_eq!(horizon.slot(date("2026-12-13"), 0), Slot::Week(1));
        assert_eq!(horizon.slot(date("2026-12-10"), 4), Slot::Week(2));
        assert_eq!(horizon.slot(date("2026-12-20"), 1), Slot::Later);
        assert_eq!(
            horizon.week_dates(2),
            (date("2026-12-14"), date("2026-12-20"))
        );
    }
}
