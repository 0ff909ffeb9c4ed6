//! `folio credit score`: how each customer actually pays, as a score from 0 to 100 and a grade
//! from A to E, with the limit and terms its grade earns under the book's grade policy.
//!
//! The formula is documented, with a worked example, in docs/credit.md. The score is computed
//! from the rounded values the report shows, so a person can redo the sum from the output.

use super::credit::{account, accounts_of, limit_currency, on_hold, ratio, worst_open_item};
use crate::book::{Book, Role};
use crate::journal::{Kind, Side};
use crate::ledger::Ledger;
use crate::money::{Currency, Weighted};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Months, NaiveDate};
use rayon::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// Days late at which the lateness part of the score reaches 0.
pub const LATE_DAYS_FOR_ZERO: i64 = 60;
/// Account age, in days, that earns the full age part of the score.
pub const AGE_DAYS_FOR_FULL: i64 = 730;
/// Points each promise to pay broken in the last 12 months takes off the score.
pub const BROKEN_PROMISE_POINTS: i64 = 10;
/// Points each promise kept in the last 12 months gives back, only of what broken ones took.
pub const KEPT_PROMISE_POINTS: i64 = 5;
/// The most promises can take off the score.
pub const PROMISE_POINTS_CAP: i64 = 30;

/// A credit grade, A (best) to E.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// Score 85 or more.
    A,
    /// Score 70 to 84.
    B,
    /// Score 50 to 69.
    C,
    /// Score 35 to 49.
    D,
    /// Score below 35, or on credit hold.
    E,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 5] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E];

    /// The letter.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
        }
    }

    /// The grade of a score; a customer on hold is E whatever its score.
    pub fn of(score: u32, hold: bool) -> Grade {
        match score {
            _ if hold => Grade::E,
            85.. => Grade::A,
            70..=84 => Grade::B,
            50..=69 => Grade::C,
            35..=49 => Grade::D,
            _ => Grade::E,
        }
    }

    /// The lowercase letter, as in segment names (`grade:a`).
    pub fn slug(self) -> &'static str {
        match self {
            Grade::A => "a",
            Grade::B => "b",
            Grade::C => "c",
            Grade::D => "d",
            Grade::E => "e",
        }
    }

    /// The scores of the grade, for people.
    pub fn definition(self) -> &'static str {
        match self {
            Grade::A => "credit score 85 or more",
            Grade::B => "credit score 70 to 84",
            Grade::C => "credit score 50 to 69",
            Grade::D => "credit score 35 to 49",
            Grade::E => "credit score below 35, or on credit hold",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One customer's payment record, score and grade.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// The currency scored: the limit's currency (the contact's, else the book's).
    pub currency: Currency,
    /// Invoice amount settled by payments, as of the date.
    pub settled: Decimal,
    /// Share of the settled amount paid on or before the due date, 4 decimals; `None` without
    /// history.
    pub on_time: Option<Decimal>,
    /// Amount-weighted days paid after the due date (0 for amounts paid on time), 2 decimals;
    /// `None` without history.
    pub avg_days_late: Option<Decimal>,
    /// Days past due of the most overdue open item, 0 when nothing is overdue.
    pub max_days_past_due: i64,
    /// exposure / limit, 4 decimals; `None` without a limit or with a limit of 0.
    pub utilization: Option<Decimal>,
    /// Days since `since`, else since the first receivable entry; `None` when neither exists.
    pub age_days: Option<i64>,
    /// 0 to 100.
    pub score: u32,
    /// A to E.
    pub grade: Grade,
    /// On credit hold (E whatever the score).
    pub hold: bool,
    /// The current credit limit.
    pub limit: Option<Decimal>,
    /// The limit the grade earns: months x average monthly invoicing, rounded to 100.
    pub suggested_limit: Decimal,
    /// The current payment terms (the contact's, else the book's).
    pub terms: u32,
    /// The terms the grade earns.
    pub suggested_terms: u32,
    /// "no history", "on hold", other currencies left out, promises kept and broken.
    pub note: Option<String>,
    /// Promises to pay kept in the last 12 months.
    pub promises_kept: u32,
    /// Promises to pay broken in the last 12 months.
    pub promises_broken: u32,
}

/// The score report, sorted by contact id.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreReport {
    /// The rows.
    pub rows: Vec<ScoreRow>,
    /// Sentences for a person (contacts that could not be scored).
    pub notes: Vec<String>,
}

/// What the payments applied to one contact's invoices add up to.
#[derive(Debug, Clone, Default)]
struct Payments {
    settled: Decimal,
    on_time: Decimal,
    /// Sum of amount x days late.
    weighted_late: Weighted,
}

/// What one contact's entries add up to.
#[derive(Debug, Clone, Default)]
struct Activity {
    /// Invoiced in the last 12 months.
    invoiced: Decimal,
    first_entry: Option<NaiveDate>,
}

/// Scores the customers of the book from a receivables ledger built with its allocation trail:
/// every non-archived customer, or only `only` when given.
pub fn score(book: &Book, ledger: &Ledger, only: Option<u32>) -> ScoreReport {
    let (scored, notes) = assess(book, ledger, only);
    let rows = scored
        .par_iter()
        .map(|assessed| score_row(book, ledger, assessed))
        .collect();
    ScoreReport { rows, notes }
}

/// The grade of every contact, by index in the book: what [`score`] grades it, `None` for the
/// contacts it leaves out. For reports that need only the grades (the segment metrics): no row
/// is made.
pub fn grades(book: &Book, ledger: &Ledger) -> Vec<Option<Grade>> {
    let mut grades = vec![None; book.contacts.len()];
    for assessed in assess(book, ledger, None).0 {
        grades[assessed.contact as usize] = Some(assessed.grade);
    }
    grades
}

/// Scores the wanted customers, in contact order; the notes say which could not be scored.
fn assess(book: &Book, ledger: &Ledger, only: Option<u32>) -> (Vec<Assessment>, Vec<String>) {
    debug_assert_eq!(ledger.side, Side::Receivables);
    let as_of = ledger.as_of;
    // One flag per contact, so the passes over the entries read a table that stays in the
    // cache rather than a contact each.
    let wanted_flags: Vec<bool> = book
        .contacts
        .iter()
        .enumerate()
        .map(|(c, contact)| match only {
            Some(only) => c as u32 == only,
            None => contact.roles.contains(&Role::Customer) && !contact.archived,
        })
        .collect();
    let wanted = |c: u32| wanted_flags[c as usize];
    let currencies: Vec<Option<Currency>> = book
        .contacts
        .iter()
        .map(|contact| limit_currency(book, contact))
        .collect();
    let in_scope = |contact: u32, currency: Currency| {
        wanted(contact) && currencies[contact as usize] == Some(currency)
    };

    let window_start = as_of
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    // The allocation trail and the entries are read side by side.
    let (payments, activity) = rayon::join(
        || {
            let mut payments = vec![Payments::default(); book.contacts.len()];
            let scored = ledger
                .accounts
                .iter()
                .filter(|account| in_scope(account.contact, account.currency));
            for account in scored {
                let paid = &mut payments[account.contact as usize];
                for allocation in account.trail.iter().filter(|a| a.is_invoice_paid()) {
                    let late = allocation.days_late();
                    paid.settled += allocation.amount;
                    if late == 0 {
                        paid.on_time += allocation.amount;
                    } else {
                        paid.weighted_late.add(allocation.amount, late);
                    }
                }
            }
            payments
        },
        || {
            let mut activity = vec![Activity::default(); book.contacts.len()];
            for entry in book
                .entries
                .iter()
                .filter(|e| e.kind.side() == Side::Receivables && e.date <= as_of)
            {
                if !wanted(entry.contact) {
                    continue;
                }
                let seen = &mut activity[entry.contact as usize];
                seen.first_entry = Some(seen.first_entry.map_or(entry.date, |d| d.min(entry.date)));
                if entry.kind == Kind::Invoice
                    && entry.date > window_start
                    && currencies[entry.contact as usize] == Some(entry.currency)
                {
                    seen.invoiced += entry.amount;
                }
            }
            activity
        },
    );

    let promises = promise_record(book, ledger, window_start);
    let config = &book.config.credit;
    let policy = config.grades.resolved();
    // Each customer is scored on its own: all cores share the work, in contact order.
    let assessed: Vec<Result<Assessment, String>> = (0..book.contacts.len() as u32)
        .into_par_iter()
        .filter(|&index| wanted(index))
        .map(|index| {
            let contact = &book.contacts[index as usize];
            let Some(currency) = currencies[index as usize] else {
                return Err(format!(
                    "{} cannot be scored: it has no currency and neither has the book",
                    contact.id
                ));
            };
            let (history, seen) = (&payments[index as usize], &activity[index as usize]);
            let account = account(ledger, index, currency);
            let exposure = account.map_or(Decimal::ZERO, |a| a.balance());
            let max_days_past_due = account
                .and_then(|a| worst_open_item(a, as_of))
                .map_or(0, |(_, days)| days.max(0));
            let hold = account.is_some_and(|a| on_hold(a, as_of, config.hold_after_days));
            let on_time = ratio(history.on_time, history.settled, 4);
            let avg_days_late = history.weighted_late.average(history.settled, 2);
            let utilization = contact
                .credit_limit
                .and_then(|limit| ratio(exposure, limit, 4));
            let start = contact.since.or(seen.first_entry);
            let age_days = start.map(|start| (as_of - start).num_days().max(0));

            let parts = Parts {
                on_time,
                avg_days_late,
                max_days_past_due,
                hold_after_days: config.hold_after_days,
                limit: contact.credit_limit,
                exposure,
                utilization,
                age_days,
            };
            let (kept, broken) = promises[index as usize];
            let score = with_promises(parts.score(), kept, broken);
            let grade = Grade::of(score, hold);
            let rule = policy[grade.index()];
            let months = months_active(start, as_of);
            let suggested_limit = rule
                .limit_months
                .checked_mul(seen.invoiced)
                .map_or(Decimal::MAX, |total| {
                    round_to_hundred(total / Decimal::from(months))
                });
            Ok(Assessment {
                contact: index,
                currency,
                settled: history.settled,
                parts,
                score,
                grade,
                hold,
                suggested_limit,
                suggested_terms: rule.terms,
                promises: (kept, broken),
            })
        })
        .collect();
    let mut scored = Vec::with_capacity(assessed.len());
    let mut notes = Vec::new();
    for assessment in assessed {
        match assessment {
            Ok(assessment) => scored.push(assessment),
            Err(note) => notes.push(note),
        }
    }
    (scored, notes)
}

/// One customer's score and what it was computed from, before it is shown.
struct Assessment {
    /// Index of the contact in the book.
    contact: u32,
    /// The currency scored.
    currency: Currency,
    /// Invoice amount settled by payments.
    settled: Decimal,
    /// The inputs of the formula.
    parts: Parts,
    score: u32,
    grade: Grade,
    hold: bool,
    suggested_limit: Decimal,
    suggested_terms: u32,
    /// Promises to pay kept and broken in the last 12 months.
    promises: (u32, u32),
}

/// The report row of an assessment: the contact's id, name and terms, and the notes.
fn score_row(book: &Book, ledger: &Ledger, assessed: &Assessment) -> ScoreRow {
    let contact = &book.contacts[assessed.contact as usize];
    let parts = &assessed.parts;
    let has_history = !assessed.settled.is_zero();
    let mut note = Vec::new();
    if !has_history {
        note.push("no history".to_string());
    }
    if assessed.hold {
        note.push("on hold".to_string());
    }
    let others: Vec<String> = accounts_of(ledger, assessed.contact)
        .iter()
        .filter(|a| a.currency != assessed.currency)
        .map(|a| a.currency.to_string())
        .collect();
    if !others.is_empty() {
        note.push(format!("{} not scored", others.join(", ")));
    }
    let (kept, broken) = assessed.promises;
    if kept + broken > 0 {
        note.push(format!("promises: {kept} kept, {broken} broken"));
    }
    ScoreRow {
        contact: contact.id.clone(),
        name: contact.name.clone(),
        currency: assessed.currency,
        settled: assessed.settled,
        on_time: parts.on_time.filter(|_| has_history),
        avg_days_late: parts.avg_days_late.filter(|_| has_history),
        max_days_past_due: parts.max_days_past_due,
        utilization: parts.utilization,
        age_days: parts.age_days,
        score: assessed.score,
        grade: assessed.grade,
        hold: assessed.hold,
        limit: contact.credit_limit,
        suggested_limit: assessed.suggested_limit,
        terms: contact.terms.unwrap_or_else(|| book.config.terms()),
        suggested_terms: assessed.suggested_terms,
        note: (!note.is_empty()).then(|| note.join("; ")),
        promises_kept: kept,
        promises_broken: broken,
    }
}

/// The inputs of the score formula, as shown in the report.
#[derive(Debug, Clone)]
pub struct Parts {
    /// On-time share, `None` without history.
    pub on_time: Option<Decimal>,
    /// Average days late, `None` without history.
    pub avg_days_late: Option<Decimal>,
    /// Days past due of the most overdue open item (0 or more).
    pub max_days_past_due: i64,
    /// The book's `credit.hold_after_days`.
    pub hold_after_days: u32,
    /// The credit limit, if any.
    pub limit: Option<Decimal>,
    /// Exposure in the limit's currency.
    pub exposure: Decimal,
    /// exposure / limit, 4 decimals.
    pub utilization: Option<Decimal>,
    /// Account age in days.
    pub age_days: Option<i64>,
}

impl Parts {
    /// 40 x punctuality + 25 x lateness + 20 x overdue + 10 x headroom + 5 x age, each factor
    /// between 0 and 1, rounded half up to a whole number (docs/credit.md).
    pub fn score(&self) -> u32 {
        let one = Decimal::ONE;
        let half = Decimal::new(5, 1);
        let clamp = |x: Decimal| x.max(Decimal::ZERO).min(one);
        let punctuality = self.on_time.map_or(half, clamp);
        let lateness = self.avg_days_late.map_or(half, |late| {
            clamp(one - late / Decimal::from(LATE_DAYS_FOR_ZERO))
        });
        let overdue = match (self.max_days_past_due, self.hold_after_days) {
            (days, _) if days <= 0 => one,
            (_, 0) => Decimal::ZERO,
            (days, hold) => clamp(one - Decimal::from(days) / Decimal::from(hold)),
        };
        let headroom = match (self.limit, self.utilization) {
            (None, _) => half,
            (Some(_), Some(used)) => one - clamp(used),
            // A limit of 0: full headroom only when nothing is owed.
            (Some(_), None) => {
                if self.exposure <= Decimal::ZERO {
                    one
                } else {
                    Decimal::ZERO
                }
            }
        };
        let age = self.age_days.map_or(Decimal::ZERO, |days| {
            clamp(Decimal::from(days) / Decimal::from(AGE_DAYS_FOR_FULL))
        });
        let raw = Decimal::from(40) * punctuality
            + Decimal::from(25) * lateness
            + Decimal::from(20) * overdue
            + Decimal::from(10) * headroom
            + Decimal::from(5) * age;
        let rounded = raw.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        u32::try_from(rounded.mantissa() / 10i128.pow(rounded.scale()))
            .unwrap_or(0)
            .min(100)
    }
}

/// Per contact: the promises to pay kept and broken (docs/dunning.md, "Disputes and promises")
/// whose last day falls in the 12 months before the ledger's date.
fn promise_record(book: &Book, ledger: &Ledger, window_start: NaiveDate) -> Vec<(u32, u32)> {
    use super::collections::{Outcome, promises};
    let mut record = vec![(0, 0); book.contacts.len()];
    for state in promises(book, ledger) {
        if state.promise.until <= window_start {
            continue;
        }
        let counts = &mut record[state.promise.contact as usize];
        match state.outcome {
            Outcome::Kept(_) => counts.0 += 1,
            Outcome::Broken(_) => counts.1 += 1,
            Outcome::Pending => {}
        }
    }
    record
}

/// The score after promises: each broken one takes [`BROKEN_PROMISE_POINTS`] off, each kept one
/// gives [`KEPT_PROMISE_POINTS`] back, never more than broken ones took, and all of them never
/// more than [`PROMISE_POINTS_CAP`]. Without broken promises the score is unchanged.
pub fn with_promises(score: u32, kept: u32, broken: u32) -> u32 {
    let taken = i64::from(broken) * BROKEN_PROMISE_POINTS;
    let given = i64::from(kept) * KEPT_PROMISE_POINTS;
    let penalty = (taken - given).clamp(0, PROMISE_POINTS_CAP);
    u32::try_from((i64::from(score) - penalty).max(0)).unwrap_or(0)
}

/// How many of the last 12 months the account existed in, at least 1: month k (1 = the month
/// ending on the as-of date) counts when the account started on or before its last day.
fn months_active(start: Option<NaiveDate>, as_of: NaiveDate) -> u32 {
    let Some(start) = start else { return 12 };
    (1..=12u32)
        .filter(|&k| {
            as_of
                .checked_sub_months(Months::new(k - 1))
                .is_some_and(|end| start <= end)
        })
        .count()
        .max(1) as u32
}

/// Rounds to the nearest 100, halves up.
fn round_to_hundred(amount: Decimal) -> Decimal {
    let hundred = Decimal::ONE_HUNDRED;
    let hundreds =
        (amount / hundred).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    hundreds.checked_mul(hundred).unwrap_or(amount)
}

impl Tabular for ScoreReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(3),
            Column::text("currency").priority(2),
            Column::amount("settled").priority(5),
            Column::amount("on_time").priority(4),
            Column::amount("avg_days_late").priority(2),
            Column::amount("max_days_past_due").priority(5),
            Column::amount("utilization").priority(5),
            Column::amount("age_days").priority(6),
            Column::amount("score"),
            Column::text("grade"),
            Column::amount("limit").priority(3),
            Column::amount("suggested_limit").priority(1),
            Column::amount("terms").priority(3),
            Column::amount("suggested_terms").priority(1),
            Column::prose("note").priority(2),
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
                    Cell::Amount(row.settled),
                    row.on_time.map_or(Cell::Null, Cell::Decimal),
                    row.avg_days_late.map_or(Cell::Null, Cell::Decimal),
                    Cell::Integer(row.max_days_past_due),
                    row.utilization.map_or(Cell::Null, Cell::Decimal),
                    row.age_days.map_or(Cell::Null, Cell::Integer),
                    Cell::Integer(i64::from(row.score)),
                    Cell::from(row.grade.as_str().to_string()),
                    row.limit.map_or(Cell::Null, Cell::Amount),
                    Cell::Amount(row.suggested_limit),
                    Cell::Integer(i64::from(row.terms)),
                    Cell::Integer(i64::from(row.suggested_terms)),
                    Cell::from(row.note.as_deref()),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn promises_move_the_score_only_when_one_was_broken() {
        assert_eq!(with_promises(80, 0, 0), 80);
        assert_eq!(with_promises(80, 3, 0), 80);
        assert_eq!(with_promises(80, 0, 1), 70);
        assert_eq!(with_promises(80, 1, 1), 75);
        assert_eq!(with_promises(80, 2, 1), 80);
        assert_eq!(with_promises(80, 0, 5), 50);
        assert_eq!(with_promises(20, 0, 5), 0);
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn parts() -> Parts {
        Parts {
            on_time: Some(dec("1.0000")),
            avg_days_late: Some(dec("0.00")),
            max_days_past_due: 0,
            hold_after_days: 60,
            limit: None,
            exposure: Decimal::ZERO,
            utilization: None,
            age_days: Some(365),
        }
    }

    #[test]
    fn perfect_payer_without_limit() {
        // 40 + 25 + 20 + 10 x 0.5 + 5 x 0.5 = 92.5 -> 93
        assert_eq!(parts().score(), 93);
    }

    #[test]
    fn no_history_is_neutral() {
        let p = Parts {
            on_time: None,
            avg_days_late: None,
            age_days: None,
            ..parts()
        };
        // 20 + 12.5 + 20 + 5 + 0 = 57.5 -> 58, grade C
        assert_eq!(p.score(), 58);
        assert_eq!(Grade::of(p.score(), false), Grade::C);
    }

    #[test]
    fn grades_and_hold() {
        assert_eq!(Grade::of(85, false), Grade::A);
        assert_eq!(Grade::of(84, false), Grade::B);
        assert_eq!(Grade::of(70, false), Grade::B);
        assert_eq!(Grade::of(69, false), Grade::C);
        assert_eq!(Grade::of(50, false), Grade::C);
        assert_eq!(Grade::of(49, false), Grade::D);
        assert_eq!(Grade::of(35, false), Grade::D);
        assert_eq!(Grade::of(34, false), Grade::E);
        assert_eq!(Grade::of(100, true), Grade::E);
    }

    #[test]
    fn overdue_and_headroom_parts() {
        let p = Parts {
            max_days_past_due: 30,
            limit: Some(dec("1000")),
            utilization: Some(dec("0.2500")),
            ..parts()
        };
        // 40 + 25 + 20 x 0.5 + 10 x 0.75 + 2.5 = 85
        assert_eq!(p.score(), 85);
        let zero_limit = Parts {
            limit: Some(Decimal::ZERO),
            exposure: dec("1"),
            ..parts()
        };
        assert_eq!(zero_limit.score(), 88); // 40 + 25 + 20 + 0 + 2.5 = 87.5 -> 88
        let no_hold_days = Parts {
            max_days_past_due: 1,
            hold_after_days: 0,
            ..parts()
        };
        assert_eq!(no_hold_days.score(), 73); // 40 + 25 + 0 + 5 + 2.5 = 72.5 -> 73
    }

    #[test]
    fn months_active_counts_started_months() {
        let d = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(months_active(Some(d("2026-06-30")), d("2026-06-30")), 1);
        assert_eq!(months_active(Some(d("2026-05-30")), d("2026-06-30")), 2);
        assert_eq!(months_active(Some(d("2026-05-31")), d("2026-06-30")), 1);
        assert_eq!(months_active(Some(d("2020-01-01")), d("2026-06-30")), 12);
        assert_eq!(months_active(Some(d("2027-01-01")), d("2026-06-30")), 1);
        assert_eq!(months_active(None, d("2026-06-30")), 12);
    }

    #[test]
    fn rounds_limits_to_hundreds() {
        assert_eq!(round_to_hundred(dec("3703.68")), dec("3700"));
        assert_eq!(round_to_hundred(dec("3750")), dec("3800"));
        assert_eq!(round_to_hundred(dec("49.99")), dec("0"));
    }
}
