//! Recurring invoices: `[[recurring]]` in a contact file, and the calendar they follow.
//!
//! A schedule is issued once per calendar period (month, quarter or year) on the `day` of that
//! period, from `start` to `end`. Which periods were issued is not kept here: the journal says
//! so (`recur:` metadata on each invoice issued, `folio recur`), so it survives a restart and
//! merges in git like every other line.

use super::serde_helpers::{
    deserialize_checked, deserialize_date, deserialize_days, deserialize_exact_decimal,
    deserialize_opt_date, deserialize_opt_days, deserialize_opt_line,
};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;

/// How often a schedule issues an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Every {
    /// Each calendar month.
    Month,
    /// Each calendar quarter (January, April, July, October).
    Quarter,
    /// Each calendar year.
    Year,
}

impl Every {
    /// The word in contact files.
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Year => "year",
        }
    }

    /// The most days a period has, the largest `day` it takes.
    pub fn max_day(self) -> u32 {
        match self {
            Every::Month => 31,
            Every::Quarter => 92,
            Every::Year => 366,
        }
    }

    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::Year => 12,
        }
    }
}

impl<'de> Deserialize<'de> for Every {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Every, D::Error> {
        deserialize_checked(d, "\"month\", \"quarter\" or \"year\"", |word| match word {
            "month" => Ok(Every::Month),
            "quarter" => Ok(Every::Quarter),
            "year" => Ok(Every::Year),
            _ => Err(format!(
                "invalid `every` value `{word}`: expected \"month\", \"quarter\" or \"year\""
            )),
        })
    }
}

/// One calendar period of a schedule: the month, quarter or year that starts on `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// How long it is.
    pub every: Every,
    /// Its first day.
    pub first: NaiveDate,
}

impl Period {
    /// The period of this length that holds `date`.
    pub fn of(every: Every, date: NaiveDate) -> Period {
        let month0 = date.month0() / every.months() * every.months();
        let first = NaiveDate::from_ymd_opt(date.year(), month0 + 1, 1).unwrap_or(date);
        Period { every, first }
    }

    /// The period after this one; `None` past the last date folio knows.
    pub fn next(self) -> Option<Period> {
        let first = self
            .first
            .checked_add_months(chrono::Months::new(self.every.months()))?;
        Some(Period { first, ..self })
    }

    /// Its last day.
    pub fn last(self) -> NaiveDate {
        self.next()
            .and_then(|next| next.first.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Day `day` of the period (1 is its first day); a day the period does not have (31 in
    /// April) is its last day.
    pub fn day(self, day: u32) -> NaiveDate {
        self.first
            .checked_add_days(Days::new(u64::from(day.saturating_sub(1))))
            .map_or(self.last(), |date| date.min(self.last()))
    }

    /// How the journal names it: `2026-01`, `2026-Q1` or `2026`.
    pub fn label(self) -> String {
        let year = self.first.year();
        match self.every {
            Every::Month => format!("{year}-{:02}", self.first.month()),
            Every::Quarter => format!("{year}-Q{}", self.first.month0() / 3 + 1),
            Every::Year => format!("{year}"),
        }
    }
}

/// A line item of a recurring invoice: the shape of a document's `[[items]]`
/// (docs/documents.md); its amounts and VAT are checked as a document's are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurringItem {
    /// What is sold; a product's name when absent.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub description: Option<String>,
    /// How many (default 1).
    #[serde(default = "one", deserialize_with = "deserialize_exact_decimal")]
    pub quantity: Decimal,
    /// The unit (`h`, `month`, `pcs`).
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub unit: Option<String>,
    /// Price of one unit, before VAT; the product's price at each run when absent.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_decimal"
    )]
    pub price: Option<Decimal>,
    /// Discount in percent of the line.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_decimal"
    )]
    pub discount: Option<Decimal>,
    /// VAT rate in percent; the product's VAT when absent.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_decimal"
    )]
    pub vat: Option<Decimal>,
    /// The VAT category (S, Z, E, AE, K, G, O).
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub vat_category: Option<String>,
    /// Why there is no VAT.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub exemption: Option<String>,
    /// The VATEX code of the exemption.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub exemption_code: Option<String>,
    /// The catalogue code of what is sold (`products/<code>.toml`): each run takes from the
    /// catalogue what the item does not give, so the catalogue's price of the day applies unless
    /// the item fixes its own.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub product: Option<String>,
    /// The Global Trade Item Number of what is sold, over its product's.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub gtin: Option<String>,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// `[[recurring]]`: an invoice issued every month, quarter or year. What holds across its keys
/// (items or an amount, the day within the period, end after start) is checked by
/// [`Recurring::problems`], which `folio check` places at the key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recurring {
    /// Its name in the journal's `recur:` metadata; without one, its place among the contact's
    /// schedules (1, 2, ...): see [`Recurring::key`].
    #[serde(default, deserialize_with = "deserialize_schedule_id")]
    pub id: Option<String>,
    /// The line items; empty when the invoice is a plain amount.
    #[serde(default)]
    pub items: Vec<RecurringItem>,
    /// The amount of an invoice without items.
    #[serde(default, deserialize_with = "deserialize_recurring_amount")]
    pub amount: Option<Decimal>,
    /// How often.
    pub every: Every,
    /// Which day of the period (1 = its first).
    #[serde(deserialize_with = "deserialize_days")]
    pub day: u32,
    /// The first day an invoice may be dated.
    #[serde(deserialize_with = "deserialize_date")]
    pub start: NaiveDate,
    /// The last day an invoice may be dated.
    #[serde(default, deserialize_with = "deserialize_opt_date")]
    pub end: Option<NaiveDate>,
    /// Payment terms in days (default: the contact's, else the book's).
    #[serde(default, deserialize_with = "deserialize_opt_days")]
    pub terms: Option<u32>,
    /// The memo of each invoice.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub memo: Option<String>,
}

fn deserialize_schedule_id<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "an id such as \"hosting\"", |id| {
        let valid = super::contact::check_contact_id(id).is_ok()
            && id.starts_with(|c: char| c.is_ascii_lowercase());
        if valid {
            Ok(Some(id.to_string()))
        } else {
            Err(format!(
                "invalid recurring id `{id}`: expected 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter"
            ))
        }
    })
}

fn deserialize_recurring_amount<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let amount = deserialize_exact_decimal(d)?;
    if amount <= Decimal::ZERO
        || amount.normalize().scale() > crate::money::MAX_DECIMALS as u32
        || !crate::money::is_usable_amount(amount)
    {
        return Err(serde::de::Error::custom(format!(
            "invalid amount `{amount}`: expected an amount above zero with at most {} decimals, e.g. \"1210.00\"",
            crate::money::MAX_DECIMALS
        )));
    }
    Ok(Some(amount))
}

impl Recurring {
    /// What is wrong across its keys, as (key, message); the key is empty for the whole table.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        match (self.items.is_empty(), self.amount) {
            (true, None) => problems.push((
                "",
                "a [[recurring]] invoice needs its [[recurring.items]] or an `amount`".to_string(),
            )),
            (false, Some(_)) => problems.push((
                "amount",
                "a [[recurring]] invoice has [[recurring.items]] or an `amount`, not both: with items the amount is their total".to_string(),
            )),
            _ => {}
        }
        if !(1..=self.every.max_day()).contains(&self.day) {
            problems.push((
                "day",
                format!(
                    "invalid `day` {} for every = \"{}\": expected 1 to {} (the day of the {})",
                    self.day,
                    self.every.as_str(),
                    self.every.max_day(),
                    self.every.as_str()
                ),
            ));
        }
        if let Some(end) = self.end
            && end < self.start
        {
            problems.push((
                "end",
                format!(
                    "a [[recurring]] invoice ends ({end}) before it starts ({}): expected end on or after start",
                    self.start
                ),
            ));
        }
        problems
    }

    /// Its name in `recur:` metadata: its `id`, else its place (1-based) among the contact's
    /// schedules.
    pub fn key(&self, index: usize) -> String {
        self.id.clone().unwrap_or_else(|| (index + 1).to_string())
    }

    /// The dates it issues on, with their periods, from `start` up to `until` (and `end`), in
    /// order.
    pub fn occurrences(&self, until: NaiveDate) -> impl Iterator<Item = (Period, NaiveDate)> + '_ {
        let last = self.end.map_or(until, |end| end.min(until));
        std::iter::successors(Some(Period::of(self.every, self.start)), |p| p.next())
            .take_while(move |period| period.first <= last)
            .map(|period| (period, period.day(self.day)))
            .filter(move |&(_, date)| date >= self.start && date <= last)
    }

    /// The first date it issues on after `after`, with its period; `None` when it has ended.
    pub fn next_after(&self, after: NaiveDate) -> Option<(Period, NaiveDate)> {
        let from = after.succ_opt()?.max(self.start);
        std::iter::successors(Some(Period::of(self.every, from)), |p| p.next())
            .map(|period| (period, period.day(self.day)))
            .find(|&(_, date)| date >= from)
            .filter(|&(_, date)| self.end.is_none_or(|end| date <= end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::serde_helpers::read_toml;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn schedule(every: Every, day: u32, start: &str, end: Option<&str>) -> Recurring {
        Recurring {
            id: None,
            items: Vec::new(),
            amount: Some(Decimal::ONE),
            every,
            day,
            start: date(start),
            end: end.map(date),
            terms: None,
            memo: None,
        }
    }

    #[test]
    fn periods_are_calendar_months_quarters_and_years() {
        let may = date("2026-05-17");
        assert_eq!(Period::of(Every::Month, may).label(), "2026-05");
        assert_eq!(Period::of(Every::Quarter, may).label(), "2026-Q2");
        assert_eq!(Period::of(Every::Quarter, may).first, date("2026-04-01"));
        assert_eq!(Period::of(Every::Year, may).label(), "2026");
        assert_eq!(Period::of(Every::Quarter, may).last(), date("2026-06-30"));
    }

    #[test]
    fn a_day_the_period_lacks_is_its_last_day() {
        let february = Period::of(Every::Month, date("2026-02-10"));
        assert_eq!(february.day(31), date("2026-02-28"));
        assert_eq!(february.day(1), date("2026-02-01"));
        let q1 = Period::of(Every::Quarter, date("2026-02-10"));
        assert_eq!(q1.day(32), date("2026-02-01"));
        assert_eq!(q1.day(92), date("2026-03-31"));
    }

    #[test]
    fn occurrences_run_from_start_to_end_and_never_past_the_date_asked() {
        let monthly = schedule(Every::Month, 15, "2026-01-20", Some("2026-05-14"));
        let dates: Vec<String> = monthly
            .occurrences(date("2026-12-31"))
            .map(|(p, d)| format!("{} {d}", p.label()))
            .collect();
        assert_eq!(
            dates,
            [
                "2026-02 2026-02-15",
                "2026-03 2026-03-15",
                "2026-04 2026-04-15"
            ]
        );
        assert_eq!(monthly.occurrences(date("2026-03-14")).count(), 1);
        assert_eq!(
            monthly.next_after(date("2026-03-15")).map(|(_, d)| d),
            Some(date("2026-04-15"))
        );
        assert_eq!(monthly.next_after(date("2026-04-15")), None);
    }

    #[test]
    fn a_schedule_is_checked_across_its_keys() {
        #[derive(Debug, Deserialize)]
        struct File {
            recurring: Vec<Recurring>,
        }
        let problems = |text: &str| {
            let read = read_toml::<File>(text);
            let mut messages: Vec<String> = read.problems.into_iter().map(|p| p.message).collect();
            for schedule in read.value.map(|f| f.recurring).unwrap_or_default() {
                messages.extend(schedule.problems().into_iter().map(|(_, m)| m));
            }
            messages
        };
        assert!(
            problems("[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n")[0]
                .contains("needs its [[recurring.items]] or an `amount`")
        );
        assert!(
            problems(
                "[[recurring]]\namount = \"10\"\nevery = \"week\"\nday = 1\nstart = 2026-01-01\n"
            )[0]
            .contains("expected \"month\", \"quarter\" or \"year\"")
        );
        assert!(
            problems(
                "[[recurring]]\namount = \"10\"\nevery = \"month\"\nday = 32\nstart = 2026-01-01\n"
            )[0]
            .contains("expected 1 to 31")
        );
        assert!(
            problems(
                "[[recurring]]\namount = \"-10\"\nevery = \"month\"\nday = 3\nstart = 2026-01-01\n"
            )[0]
            .contains("above zero")
        );
        assert!(problems(
            "[[recurring]]\namount = \"10\"\nevery = \"year\"\nday = 3\nstart = 2026-01-01\nend = 2025-01-01\n"
        )[0]
        .contains("ends (2025-01-01) before it starts"));
    }
}
