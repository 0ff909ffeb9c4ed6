//! `[dunning.interest]`: late-payment interest and the EU fixed compensation (docs/dunning.md,
//! "Interest and fees").

use super::serde_helpers::{deserialize_date, deserialize_exact_decimal};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// How a day of interest counts as a fraction of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayCount {
    /// Each day is 1/365 of a year, leap years included (the default).
    #[default]
    Act365,
    /// Each day is 1/360 of a year.
    Act360,
    /// Each day is 1/365 or 1/366 of a year: of the year it falls in.
    ActAct,
}

impl DayCount {
    /// The word in folio.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            DayCount::Act365 => "act/365",
            DayCount::Act360 => "act/360",
            DayCount::ActAct => "act/act",
        }
    }

    /// The days of the year a day of `year` is a fraction of.
    pub fn year_days(self, year: i32) -> u32 {
        match self {
            DayCount::Act365 => 365,
            DayCount::Act360 => 360,
            DayCount::ActAct if is_leap(year) => 366,
            DayCount::ActAct => 365,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// One `[[dunning.interest.reference]]`: the central bank's reference rate from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceRate {
    /// The first day the rate is in force.
    #[serde(deserialize_with = "deserialize_date")]
    pub from: NaiveDate,
    /// The yearly rate in percent (may be negative).
    #[serde(deserialize_with = "deserialize_exact_decimal")]
    pub rate: Decimal,
}

/// The fixed compensation for recovery costs charged once per late invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compensation {
    /// `compensation = true`: 40.00, on invoices in EUR only (Directive 2011/7/EU, article 6).
    Eur40,
    /// `compensation = "40.00"`: this amount in every invoice's own currency.
    Amount(Decimal),
}

/// The fixed compensation of Directive 2011/7/EU.
pub const EU_COMPENSATION: Decimal = Decimal::from_parts(40, 0, 0, false, 0);

/// `[dunning.interest]`, checked: exactly one of `rate` and `points`; `points` needs at least one
/// reference rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestConfig {
    /// `rate`: a fixed yearly rate in percent.
    pub rate: Option<Decimal>,
    /// `points`: percentage points above the reference rate (the EU late-payment rate).
    pub points: Option<Decimal>,
    /// `[[dunning.interest.reference]]`, sorted by date.
    pub reference: Vec<ReferenceRate>,
    /// `day_count`.
    pub day_count: DayCount,
    /// `grace_days`: an invoice paid at most this many days late bears no interest.
    pub grace_days: u32,
    /// `min_amount`: smaller interest amounts are listed, never issued.
    pub min_amount: Decimal,
    /// `compensation`.
    pub compensation: Option<Compensation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterest {
    #[serde(default, deserialize_with = "opt_percent")]
    rate: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_percent")]
    points: Option<Decimal>,
    #[serde(default)]
    reference: Vec<ReferenceRate>,
    #[serde(default, deserialize_with = "opt_day_count")]
    day_count: Option<DayCount>,
    #[serde(default)]
    grace_days: Option<u32>,
    #[serde(default, deserialize_with = "opt_min_amount")]
    min_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "opt_compensation")]
    compensation: Option<Option<Compensation>>,
}

enum RawCompensation {
    Flag(bool),
    Amount(String),
}

struct CompensationVisitor;

impl serde::de::Visitor<'_> for CompensationVisitor {
    type Value = RawCompensation;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("true (40.00 EUR) or an amount such as \"40.00\"")
    }

    fn visit_bool<E: serde::de::Error>(self, flag: bool) -> Result<RawCompensation, E> {
        Ok(RawCompensation::Flag(flag))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawCompensation, E> {
        Ok(RawCompensation::Amount(text.to_string()))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<RawCompensation, E> {
        Ok(RawCompensation::Amount(n.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<RawCompensation, E> {
        Ok(RawCompensation::Amount(n.to_string()))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<RawCompensation, E> {
        Ok(RawCompensation::Amount(format!("{n}")))
    }
}

fn opt_percent<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let rate = deserialize_exact_decimal(d)?;
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        return Err(serde::de::Error::custom(format!(
            "invalid rate `{rate}`: expected a yearly rate in percent from 0 to 100, e.g. \"8.00\""
        )));
    }
    Ok(Some(rate))
}

fn opt_day_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<DayCount>, D::Error> {
    let text = String::deserialize(d)?;
    match text.as_str() {
        "act/365" => Ok(Some(DayCount::Act365)),
        "act/360" => Ok(Some(DayCount::Act360)),
        "act/act" => Ok(Some(DayCount::ActAct)),
        other => Err(serde::de::Error::custom(format!(
            "invalid day_count `{other}`: expected \"act/365\", \"act/360\" or \"act/act\""
        ))),
    }
}

fn opt_min_amount<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let amount = deserialize_exact_decimal(d)?;
    if amount < Decimal::ZERO || !crate::money::is_usable_amount(amount) {
        return Err(serde::de::Error::custom(format!(
            "invalid min_amount `{amount}`: expected an amount, zero or more, e.g. \"5.00\""
        )));
    }
    Ok(Some(amount))
}

fn opt_compensation<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<Compensation>>, D::Error> {
    compensation(d.deserialize_any(CompensationVisitor)?)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// The keys of `[dunning.interest]`, for messages.
pub const KEYS: &[&str] = &[
    "rate",
    "points",
    "reference",
    "day_count",
    "grace_days",
    "min_amount",
    "compensation",
];

/// Reads `[dunning.interest]` and checks what one key alone cannot say.
pub(crate) fn deserialize_interest<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<InterestConfig>, D::Error> {
    let raw = RawInterest::deserialize(d)?;
    check(raw).map(Some).map_err(serde::de::Error::custom)
}

fn check(raw: RawInterest) -> Result<InterestConfig, String> {
    let (rate, points) = (raw.rate, raw.points);
    match (rate, points) {
        (Some(_), Some(_)) => {
            return Err("[dunning.interest] sets both rate and points: expected a fixed `rate = \"8.00\"` or `points = \"8\"` above the reference rates, not both".into());
        }
        (None, None) => {
            return Err("[dunning.interest] sets neither rate nor points: expected a fixed `rate = \"8.00\"`, or `points = \"8\"` with [[dunning.interest.reference]] rates".into());
        }
        (None, Some(_)) if raw.reference.is_empty() => {
            return Err("[dunning.interest] sets points but no reference rate: expected [[dunning.interest.reference]] with `from = 2026-01-01` and `rate = \"2.15\"`".into());
        }
        _ => {}
    }
    if let Some(bad) = raw
        .reference
        .iter()
        .find(|r| r.rate.abs() > Decimal::ONE_HUNDRED)
    {
        return Err(format!(
            "invalid reference rate `{}` from {}: expected a yearly rate in percent, e.g. \"2.15\"",
            bad.rate, bad.from
        ));
    }
    let mut reference = raw.reference;
    reference.sort_by_key(|r| r.from);
    if let Some(pair) = reference.windows(2).find(|w| w[0].from == w[1].from) {
        return Err(format!(
            "two reference rates from {} in [dunning.interest]: expected one rate per date",
            pair[0].from
        ));
    }
    Ok(InterestConfig {
        rate,
        points,
        reference,
        day_count: raw.day_count.unwrap_or_default(),
        grace_days: raw.grace_days.unwrap_or(0),
        min_amount: raw.min_amount.unwrap_or(Decimal::ZERO),
        compensation: raw.compensation.flatten(),
    })
}

fn compensation(raw: RawCompensation) -> Result<Option<Compensation>, String> {
    match raw {
        RawCompensation::Flag(false) => Ok(None),
        RawCompensation::Flag(true) => Ok(Some(Compensation::Eur40)),
        RawCompensation::Amount(text) => match crate::money::parse_positive_amount(&text) {
            Ok(amount) => Ok(Some(Compensation::Amount(amount))),
            Err(why) => Err(format!(
                "invalid compensation `{text}`: {why}; expected true (40.00 EUR) or an amount such as \"40.00\""
            )),
        },
    }
}

impl InterestConfig {
    /// The yearly rate in percent in force on `day`, or the first day with no reference rate.
    pub fn rate_on(&self, day: NaiveDate) -> Result<Decimal, NaiveDate> {
        if let Some(rate) = self.rate {
            return Ok(rate);
        }
        let points = self.points.unwrap_or(Decimal::ZERO);
        // Directive 2011/7/EU: the rate in force on 1 January holds for the first half-year, the
        // one in force on 1 July for the second.
        let fixing = half_year_start(day);
        self.reference
            .iter()
            .rev()
            .find(|r| r.from <= fixing)
            .map(|r| r.rate + points)
            .ok_or(fixing)
    }

    /// The first day after `day` whose rate may differ: the next half-year (EU), never (fixed).
    pub fn next_change(&self, day: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        if self.rate.is_some() {
            return None;
        }
        let (year, month) = if day.month() < 7 {
            (day.year(), 7)
        } else {
            (day.year().checked_add(1)?, 1)
        };
        NaiveDate::from_ymd_opt(year, month, 1)
    }
}

/// 1 January or 1 July of the half-year `day` is in.
pub fn half_year_start(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let month = if day.month() < 7 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}
