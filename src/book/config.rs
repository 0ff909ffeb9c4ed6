//! `folio.toml`: the book's settings.

use super::serde_helpers::{
    deserialize_buckets, deserialize_days, deserialize_name, deserialize_opt_currency,
    deserialize_opt_days, deserialize_opt_decimal, deserialize_share,
};
use crate::money::Currency;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Payment terms when neither the contact nor the book sets them.
pub const DEFAULT_TERMS: u32 = 30;

/// The keys allowed at the top of folio.toml, for "did you mean".
pub const KNOWN_KEYS: &[&str] = &[
    "name",
    "currency",
    "terms",
    "aging",
    "credit",
    "numbering",
    "company",
    "dunning",
    "segments",
    "analytics",
];

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
    /// Document numbering patterns per kind.
    #[serde(default)]
    pub numbering: super::numbering::NumberingConfig,
    /// Who letters and e-mails come from: `[company]`.
    #[serde(default)]
    pub company: CompanyConfig,
    /// Reminders: `[dunning]` and its `[[dunning.levels]]`.
    #[serde(default)]
    pub dunning: DunningConfig,
    /// `[segments.NAME]`: customer segments, each a CEL rule (docs/segments.md).
    #[serde(default)]
    pub segments: BTreeMap<String, SegmentRule>,
    /// `[analytics]`: the metrics window and the built-in classifications (docs/analytics.md).
    #[serde(default)]
    pub analytics: AnalyticsConfig,
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

/// `[company]`: the sender of reminders and statement letters. Every key is optional; the name
/// defaults to the book's `name`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyConfig {
    /// The name letters are signed with.
    #[serde(default)]
    pub name: Option<String>,
    /// The `From:` address of e-mails (required to write or send e-mails).
    #[serde(default)]
    pub email: Option<String>,
    /// A phone number for questions.
    #[serde(default)]
    pub phone: Option<String>,
    /// The company's VAT number.
    #[serde(default)]
    pub vat: Option<String>,
    /// The bank account customers pay to.
    #[serde(default)]
    pub iban: Option<String>,
    /// The postal address, for letterheads.
    #[serde(default)]
    pub address: super::contact::Address,
    /// The company registration number (Belgian enterprise number, SIREN), printed on documents.
    #[serde(default)]
    pub company_id: Option<String>,
    /// The BIC of the bank account, printed on documents.
    #[serde(default)]
    pub bic: Option<String>,
    /// Legal mentions at the foot of documents (legal form, capital, register, penalties).
    #[serde(default)]
    pub legal: Option<String>,
}

/// `[dunning]`: courtesy notices before the due date, then escalating reminders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DunningConfig {
    /// Send a courtesy notice when an item falls due within this many days; 0 turns them off.
    #[serde(
        default = "default_due_soon_days",
        deserialize_with = "deserialize_days"
    )]
    pub due_soon_days: u32,
    /// `true`: an item late enough for a later level gets that level at once. `false` (the
    /// default): levels are sent in order, one at a time.
    #[serde(default)]
    pub skip_levels: bool,
    /// The program `--send` pipes each message to, as an argument list (never a shell string).
    #[serde(
        default = "default_send_command",
        deserialize_with = "deserialize_send_command"
    )]
    pub send_command: Vec<String>,
    /// The language of letters to contacts that set none (default `en`).
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_language"
    )]
    pub language: Option<String>,
    /// The levels, from the first reminder to the final notice.
    #[serde(default = "default_levels", deserialize_with = "deserialize_levels")]
    pub levels: Vec<DunningLevel>,
}

impl Default for DunningConfig {
    fn default() -> Self {
        DunningConfig {
            due_soon_days: default_due_soon_days(),
            skip_levels: false,
            send_command: default_send_command(),
            language: None,
            levels: default_levels(),
        }
    }
}

/// One `[[dunning.levels]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DunningLevel {
    /// Days past due from which an item reaches this level.
    #[serde(deserialize_with = "deserialize_days")]
    pub after_days: u32,
    /// The template's name: `templates/<template>.<language>.txt`.
    #[serde(deserialize_with = "deserialize_template_name")]
    pub template: String,
    /// A reminder fee shown in the letter, in the items' currency.
    #[serde(default, deserialize_with = "deserialize_fee")]
    pub fee: Option<Decimal>,
}

fn default_due_soon_days() -> u32 {
    5
}

fn default_send_command() -> Vec<String> {
    ["sendmail", "-t", "-i"].map(String::from).to_vec()
}

/// 7, 21 and 45 days past due: reminder-1, reminder-2, final-notice.
fn default_levels() -> Vec<DunningLevel> {
    [(7, "reminder-1"), (21, "reminder-2"), (45, "final-notice")]
        .map(|(after_days, template)| DunningLevel {
            after_days,
            template: template.to_string(),
            fee: None,
        })
        .to_vec()
}

fn deserialize_levels<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<DunningLevel>, D::Error> {
    let levels = Vec::<DunningLevel>::deserialize(d)?;
    let days: Vec<String> = levels.iter().map(|l| l.after_days.to_string()).collect();
    let increasing = levels.windows(2).all(|w| w[0].after_days < w[1].after_days);
    if levels.is_empty() || levels[0].after_days == 0 || !increasing {
        return Err(serde::de::Error::custom(format!(
            "invalid dunning levels (after_days {}): expected at least one level, each after_days above zero and larger than the one before, e.g. 7, 21, 45",
            days.join(", ")
        )));
    }
    Ok(levels)
}

fn deserialize_send_command<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<String>, D::Error> {
    let argv = Vec::<String>::deserialize(d)?;
    if argv.first().is_none_or(|program| program.trim().is_empty()) {
        return Err(serde::de::Error::custom(
            "invalid send_command: expected a program and its arguments as a list, e.g. [\"sendmail\", \"-t\", \"-i\"]",
        ));
    }
    Ok(argv)
}

/// Checks a template name: lower-case letters, digits, `-` and `_` (it becomes part of a file
/// name inside `templates/`, so it can never name a path).
pub fn check_template_name(name: &str) -> Result<(), String> {
    let bytes = name.as_bytes();
    let valid = (1..=64).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|&b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid template name `{name}`: expected lower-case letters, digits, '-' or '_', e.g. \"reminder-1\""
        ))
    }
}

fn deserialize_template_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    super::serde_helpers::deserialize_checked(d, "a template name such as \"reminder-1\"", |name| {
        check_template_name(name).map(|()| name.to_string())
    })
}

fn deserialize_fee<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let fee = super::serde_helpers::deserialize_exact_decimal(d)?;
    if fee < Decimal::ZERO || fee.normalize().scale() > crate::money::MAX_DECIMALS as u32 {
        return Err(serde::de::Error::custom(format!(
            "invalid fee `{fee}`: expected an amount, zero or more, with at most 4 decimals, e.g. \"10.00\""
        )));
    }
    Ok(Some(fee))
}

/// `[segments.NAME]`: one customer segment. The rule is checked by
/// [`crate::report::segments::check_config`], which knows the names it may use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRule {
    /// The rule, a CEL expression: `where = 'revenue >= 10000 || "vip" in tags'`.
    #[serde(rename = "where")]
    pub rule: String,
    /// What the segment is for, shown by `folio segments`.
    #[serde(default)]
    pub description: Option<String>,
}

/// `[analytics]`: every key optional; defaults and ranges in docs/analytics.md, checked by
/// [`crate::report::segments::check_config`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsConfig {
    /// Default window of metrics and classifications: `"365d"`, `"12m"` or `"all"`.
    #[serde(default)]
    pub window: Option<String>,
    /// `[analytics.abc]`: cumulative revenue shares of classes A and B.
    #[serde(default)]
    pub abc: AbcConfig,
    /// `[analytics.frequency]`: tiers by number of invoices in the window.
    #[serde(default)]
    pub frequency: TierConfig,
    /// `[analytics.amount]`: tiers by revenue in the window.
    #[serde(default)]
    pub amount: TierConfig,
    /// `[analytics.clv]`: the predictive customer lifetime value.
    #[serde(default)]
    pub clv: ClvConfig,
}

/// `[analytics.abc]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbcConfig {
    /// Class A holds customers up to this cumulative share of revenue (0.8).
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub a: Option<Decimal>,
    /// Class B up to this share (0.95); C the rest.
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub b: Option<Decimal>,
}

/// `[analytics.frequency]` and `[analytics.amount]`: high, mid and low tiers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierConfig {
    /// `"quantile"` (high and mid are percentile ranks) or `"absolute"` (they are values).
    #[serde(default)]
    pub by: Option<String>,
    /// Lower bound of the high tier.
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub high: Option<Decimal>,
    /// Lower bound of the mid tier.
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub mid: Option<Decimal>,
}

/// `[analytics.clv]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClvConfig {
    /// Gross margin on revenue, 0 to 1 (1: value in revenue).
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub margin: Option<Decimal>,
    /// Yearly discount rate, above 0 and at most 1 (0.1).
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub discount: Option<Decimal>,
    /// Yearly retention rate, 0 to below 1; absent: measured from the book.
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    pub retention: Option<Decimal>,
}
