//! `folio.toml`: the book's settings.

use super::serde_helpers::{deserialize_exact_decimal, deserialize_opt_currency};
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
    pub name: String,
    /// Default currency of entries whose contact sets none.
    #[serde(default, deserialize_with = "deserialize_opt_currency")]
    pub currency: Option<Currency>,
    /// Default payment terms in days.
    #[serde(default)]
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
    #[serde(default = "default_buckets")]
    pub buckets: Vec<u32>,
}

impl Default for AgingConfig {
    fn default() -> Self {
        AgingConfig { buckets: default_buckets() }
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
    #[serde(default = "default_warn_at", deserialize_with = "deserialize_exact_decimal")]
    pub warn_at: Decimal,
    /// Put a customer on hold when an open item is more than this many days past due.
    #[serde(default = "default_hold_after_days")]
    pub hold_after_days: u32,
}

impl Default for CreditConfig {
    fn default() -> Self {
        CreditConfig { warn_at: default_warn_at(), hold_after_days: default_hold_after_days() }
    }
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
