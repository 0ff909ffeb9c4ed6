//! `folio.toml`: the book's settings.

use super::serde_helpers::{
    deserialize_buckets, deserialize_days, deserialize_name, deserialize_opt_currency,
    deserialize_opt_days, deserialize_opt_decimal, deserialize_share,
};
use crate::money::Currency;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Payment terms when neither the contact nor the book sets them.
pub const DEFAULT_TERMS: u32 = 30;

/// The keys allowed at the top of folio.toml, for "did you mean".
pub const KNOWN_KEYS: &[&str] = &["name", "currency", "terms", "aging", "credit"];

/// The book's settings, as read from `folio.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The business's name.
    #[serde(deserialize_with = "deserialize_name")]
    pub name: String,
    /// Default currency of entries whose contact sets none.
    #[serde(default, deserialize_with = "deserialize_opt_currency")]
    pub currency: Option<Currency>,
    /// Default payment terms in days.
    #[serde(default, deserialize_with = "deserialize_opt_days")]
    pub terms: Option<u32>,
    /// Aging settings.
    #[serde(default)]
    pub aging: AgingConfig,
    /// Credit-control settings.
    #[serde(default)]
    pub credit: CreditConfig,
}

impl Config {
    /// The payment terms of the book, in days.
    pub fn terms(&self) -> u32 {
        self.terms.unwrap_or(DEFAULT_TERMS)
    }
}

/// `[aging]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgingConfig {
    /// Upper bounds, in days past due, of the aging buckets: `[30, 60, 90]`.
    #[serde(default = "default_buckets", deserialize_with = "deserialize_buckets")]
    pub buckets: Vec<u32>,
}

impl Default for AgingConfig {
    fn default() -> Self {
        AgingConfig {
            buckets: default_buckets(),
        }
    }
}

fn default_buckets() -> Vec<u32> {
    vec![30, 60, 90]
}

/// `[credit]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditConfig {
    /// Warn when exposure reaches this fraction of the limit, exactly as written (0.8).
    #[serde(default = "default_warn_at", deserialize_with = "deserialize_share")]
    pub warn_at: Decimal,
    /// Put a customer on hold when an open item is more than this many days past due.
    #[serde(
        default = "default_hold_after_days",
        deserialize_with = "deserialize_days"
    )]
    pub hold_after_days: u32,
    /// `[credit.grades.A]` ... `[credit.grades.E]`: the limit and terms each grade earns.
    #[serde(default)]
    pub grades: GradePolicy,
}

impl Default for CreditConfig {
    fn default() -> Self {
        CreditConfig {
            warn_at: default_warn_at(),
            hold_after_days: default_hold_after_days(),
            grades: GradePolicy::default(),
        }
    }
}

/// `[credit.grades]`: one optional table per grade, A (best) to E.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradePolicy {
    /// `[credit.grades.A]`.
    #[serde(rename = "A", default)]
    pub a: GradeRule,
    /// `[credit.grades.B]`.
    #[serde(rename = "B", default)]
    pub b: GradeRule,
    /// `[credit.grades.C]`.
    #[serde(rename = "C", default)]
    pub c: GradeRule,
    /// `[credit.grades.D]`.
    #[serde(rename = "D", default)]
    pub d: GradeRule,
    /// `[credit.grades.E]`.
    #[serde(rename = "E", default)]
    pub e: GradeRule,
}

/// What one grade earns; an absent key takes the grade's default (see [`GradePolicy::resolved`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRule {
    /// Suggested limit = this many months of average monthly invoicing (zero or more, e.g. 1.5).
    #[serde(default, deserialize_with = "deserialize_limit_months")]
    pub limit_months: Option<Decimal>,
    /// Suggested payment terms, in days.
    #[serde(default)]
    pub terms: Option<u32>,
}

/// A grade's rule with its defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedGradeRule {
    /// Months of average monthly invoicing.
    pub limit_months: Decimal,
    /// Payment terms in days.
    pub terms: u32,
}

impl GradePolicy {
    /// The rules of grades A to E, in that order, each key defaulting to: A 3 months and 60 days,
    /// B 2 and 45, C 1 and 30, D 0.5 and 15, E 0 and 0 (cash in advance).
    pub fn resolved(&self) -> [ResolvedGradeRule; 5] {
        let defaults = [(30, 60), (20, 45), (10, 30), (5, 15), (0, 0)];
        let rules = [&self.a, &self.b, &self.c, &self.d, &self.e];
        std::array::from_fn(|i| ResolvedGradeRule {
            limit_months: rules[i]
                .limit_months
                .unwrap_or(Decimal::new(defaults[i].0, 1)),
            terms: rules[i].terms.unwrap_or(defaults[i].1),
        })
    }
}

fn deserialize_limit_months<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let months = deserialize_opt_decimal(d)?;
    if months.is_some_and(|m| m < Decimal::ZERO) {
        return Err(serde::de::Error::custom(
            "limit_months must be zero or more, e.g. 3",
        ));
    }
    Ok(months)
}

fn default_warn_at() -> Decimal {
    Decimal::new(8, 1)
}

fn default_hold_after_days() -> u32 {
    60
}

/// Checks what serde cannot: bucket bounds strictly increasing and positive.
pub fn validate_buckets(buckets: &[u32]) -> Result<(), String> {
    if buckets.is_empty() {
        return Err("aging buckets must list at least one bound, e.g. [30, 60, 90]".into());
    }
    if buckets[0] == 0 || buckets.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!(
            "aging buckets must be positive and strictly increasing, e.g. [30, 60, 90]; found {buckets:?}"
        ));
    }
    Ok(())
}
