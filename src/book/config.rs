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
    "alerts",
    "vat",
    "export",
    "reconcile",
    "reports",
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
    /// `[alerts]`: which alert kinds run and their thresholds (docs/alerts.md).
    #[serde(default)]
    pub alerts: AlertsConfig,
    /// `[vat]`: what the book asks of entries' VAT (docs/vat.md).
    #[serde(default)]
    pub vat: VatConfig,
    /// `[export]`: the accounts of the double-entry exports (docs/commands/export.md).
    #[serde(default)]
    pub export: ExportConfig,
    /// `[reconcile]`: what `folio reconcile` may propose beyond payments (docs/reconcile.md).
    #[serde(default)]
    pub reconcile: ReconcileConfig,
    /// `[reports]`: what every report shares, the `--convert` currency (docs/reports.md).
    #[serde(default)]
    pub reports: ReportsConfig,
}

/// `[reconcile]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReconcileConfig {
    /// A payment that falls short of the invoice it pays by more than zero and at most this
    /// amount (in the invoice's currency) is proposed with a `writeoff` of the difference,
    /// `reason:bank-charges`. Absent: no write-off is ever proposed.
    #[serde(default, deserialize_with = "deserialize_opt_tolerance")]
    pub writeoff_tolerance: Option<Decimal>,
}

fn deserialize_opt_tolerance<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let tolerance = deserialize_opt_decimal(d)?;
    if tolerance.is_some_and(|t| t <= Decimal::ZERO || !crate::money::is_usable_amount(t)) {
        return Err(serde::de::Error::custom(
            "writeoff_tolerance must be an amount above 0, e.g. \"25.00\"",
        ));
    }
    Ok(tolerance)
}

/// `[vat]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VatConfig {
    /// `true`: `folio check` warns about each invoice, credit note, bill and debit note whose VAT
    /// folio does not know (so `--strict` fails on them). Default `false`.
    #[serde(default)]
    pub required: bool,
    /// The rate, in percent, of the VAT a buyer self-assesses on a reverse-charge or
    /// intra-community purchase, whose bill carries none (`folio vat --grid`). Default 21, the
    /// Belgian standard rate.
    #[serde(default, deserialize_with = "deserialize_vat_rate")]
    pub reverse_charge_rate: Option<Decimal>,
}

/// The default of `[vat] reverse_charge_rate`.
pub const DEFAULT_REVERSE_CHARGE_RATE: Decimal = Decimal::from_parts(21, 0, 0, false, 0);

impl VatConfig {
    /// `reverse_charge_rate`, else [`DEFAULT_REVERSE_CHARGE_RATE`].
    pub fn reverse_charge_rate(&self) -> Decimal {
        self.reverse_charge_rate
            .unwrap_or(DEFAULT_REVERSE_CHARGE_RATE)
    }
}

fn deserialize_vat_rate<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let rate = deserialize_opt_decimal(d)?;
    if rate.is_some_and(|r| r < Decimal::ZERO || r > Decimal::ONE_HUNDRED) {
        return Err(serde::de::Error::custom(
            "reverse_charge_rate must be a percentage from 0 to 100, e.g. 21",
        ));
    }
    Ok(rate)
}

/// `[export]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportConfig {
    /// `[export.accounts]`: the account names `folio export entries --format ledger|beancount`
    /// posts to.
    #[serde(default)]
    pub accounts: ExportAccounts,
}

/// `[export.accounts]`: every key optional, each an account name that ledger, hledger and
/// beancount all read (see [`check_account_name`]); the contact accounts are `receivables` or
/// `payables` followed by `:<contact>`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportAccounts {
    /// Net sales: `Income:Sales`.
    #[serde(deserialize_with = "deserialize_account")]
    pub sales: String,
    /// Net purchases: `Expenses:Purchases`.
    #[serde(deserialize_with = "deserialize_account")]
    pub purchases: String,
    /// Refunds, payments and payouts: `Assets:Bank`.
    #[serde(deserialize_with = "deserialize_account")]
    pub bank: String,
    /// The parent of customers' accounts: `Assets:Receivables`.
    #[serde(deserialize_with = "deserialize_account")]
    pub receivables: String,
    /// The parent of suppliers' accounts: `Liabilities:Payables`.
    #[serde(deserialize_with = "deserialize_account")]
    pub payables: String,
    /// VAT on sales, owed to the tax office: `Liabilities:VAT:Output`.
    #[serde(deserialize_with = "deserialize_account")]
    pub output_vat: String,
    /// VAT on purchases, to recover: `Assets:VAT:Input`.
    #[serde(deserialize_with = "deserialize_account")]
    pub input_vat: String,
    /// Receivables written off (`writeoff`, every reason): `Expenses:Write-offs`.
    #[serde(deserialize_with = "deserialize_account")]
    pub writeoffs: String,
    /// Payables written off (`payable-writeoff`), a gain: `Income:Write-offs`.
    #[serde(deserialize_with = "deserialize_account")]
    pub payable_writeoffs: String,
    /// Realised exchange differences of payments in another currency (gains credited, losses
    /// debited): `Income:Exchange-Differences`.
    #[serde(deserialize_with = "deserialize_account")]
    pub exchange: String,
}

impl Default for ExportAccounts {
    fn default() -> Self {
        let name = |text: &str| text.to_string();
        ExportAccounts {
            sales: name("Income:Sales"),
            purchases: name("Expenses:Purchases"),
            bank: name("Assets:Bank"),
            receivables: name("Assets:Receivables"),
            payables: name("Liabilities:Payables"),
            output_vat: name("Liabilities:VAT:Output"),
            input_vat: name("Assets:VAT:Input"),
            writeoffs: name("Expenses:Write-offs"),
            payable_writeoffs: name("Income:Write-offs"),
            exchange: name("Income:Exchange-Differences"),
        }
    }
}

/// Checks an account name of `[export.accounts]` against beancount's rules, the strictest of the
/// three tools (ledger and hledger read every such name as written): a root of Assets,
/// Liabilities, Equity, Income or Expenses, then one or more `:`-separated parts, each starting
/// with a capital letter or a digit and holding only ASCII letters, digits and `-`.
pub fn check_account_name(name: &str) -> Result<(), String> {
    let mut parts = name.split(':');
    let root = parts.next().unwrap_or_default();
    let roots = ["Assets", "Liabilities", "Equity", "Income", "Expenses"];
    let part_ok = |part: &str| {
        part.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let rest: Vec<&str> = parts.collect();
    if roots.contains(&root) && !rest.is_empty() && rest.iter().all(|part| part_ok(part)) {
        return Ok(());
    }
    Err(format!(
        "invalid account name `{name}`: expected Assets, Liabilities, Equity, Income or Expenses, then one or more parts after `:`, each starting with a capital letter or a digit and holding only letters, digits and '-' (so ledger, hledger and beancount all read it), e.g. \"Liabilities:VAT:Output\""
    ))
}

fn deserialize_account<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    super::serde_helpers::deserialize_checked(
        d,
        "an account name such as \"Income:Sales\"",
        |name| check_account_name(name).map(|()| name.to_string()),
    )
}

impl Config {
    /// The language of documents and letters for contacts that set none (or one folio has no
    /// texts for): `[company] language`, else `[dunning] language`, else `en`.
    pub fn default_language(&self) -> String {
        self.company
            .language
            .clone()
            .or_else(|| self.dunning.language.clone())
            .unwrap_or_else(|| "en".to_string())
    }

    /// The payment terms of the book, in days.
    pub fn terms(&self) -> u32 {
        self.terms.unwrap_or(DEFAULT_TERMS)
    }
}

/// `[reports]`: settings every report shares.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsConfig {
    /// `convert = "EUR"`: the reports that take `--convert` convert to this currency unless
    /// `--convert` names another or `--no-convert` is given.
    #[serde(default, deserialize_with = "deserialize_opt_currency")]
    pub convert: Option<Currency>,
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
    /// `true`: every command that raises a customer's exposure refuses what `folio credit check`
    /// would refuse, unless `--override-credit REASON` is given. Default `false`.
    #[serde(default)]
    pub enforce: bool,
}

impl Default for CreditConfig {
    fn default() -> Self {
        CreditConfig {
            warn_at: default_warn_at(),
            hold_after_days: default_hold_after_days(),
            grades: GradePolicy::default(),
            enforce: false,
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

/// The most months of invoicing a grade's suggested limit may be.
pub const MAX_LIMIT_MONTHS: u32 = 1200;

fn deserialize_limit_months<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let months = deserialize_opt_decimal(d)?;
    // Bounded so that months × a year's invoicing (below 10^24) stays a usable amount.
    if months.is_some_and(|m| m < Decimal::ZERO || m > Decimal::from(MAX_LIMIT_MONTHS)) {
        return Err(serde::de::Error::custom(format!(
            "limit_months must be from 0 to {MAX_LIMIT_MONTHS} (a century), e.g. 3"
        )));
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
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub name: Option<String>,
    /// The `From:` address of e-mails (required to write or send e-mails).
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub email: Option<String>,
    /// A phone number for questions.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub phone: Option<String>,
    /// The company's VAT number.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub vat: Option<String>,
    /// The bank account customers pay to.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub iban: Option<String>,
    /// The company's Peppol participant id, `scheme:value` (`0208:0403170701`); derived from the
    /// VAT or registration number when absent (docs/einvoicing.md).
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_peppol"
    )]
    pub peppol: Option<String>,
    /// The postal address, for letterheads.
    #[serde(default)]
    pub address: super::contact::Address,
    /// The company registration number (Belgian enterprise number, SIREN), printed on documents.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub company_id: Option<String>,
    /// The BIC of the bank account, printed on documents.
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_line"
    )]
    pub bic: Option<String>,
    /// Legal mentions at the foot of documents (legal form, capital, register, penalties).
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_text"
    )]
    pub legal: Option<String>,
    /// The book's default language: documents and letters for contacts that set none, or set
    /// one folio has no texts for (default: `[dunning] language`, else `en`).
    #[serde(
        default,
        deserialize_with = "super::serde_helpers::deserialize_opt_language"
    )]
    pub language: Option<String>,
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
    /// After the last level, remind again every this many days; 0 (the default) never repeats.
    #[serde(default, deserialize_with = "deserialize_days")]
    pub repeat_every_days: u32,
    /// `true`: every level's `fee` is booked as a debit note when the level is sent.
    #[serde(default)]
    pub book_fee: bool,
    /// `[dunning.interest]`: late-payment interest and compensation; absent, none is computed.
    #[serde(
        default,
        deserialize_with = "super::interest_config::deserialize_interest"
    )]
    pub interest: Option<super::interest_config::InterestConfig>,
}

impl Default for DunningConfig {
    fn default() -> Self {
        DunningConfig {
            due_soon_days: default_due_soon_days(),
            skip_levels: false,
            send_command: default_send_command(),
            language: None,
            levels: default_levels(),
            repeat_every_days: 0,
            book_fee: false,
            interest: None,
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
    /// `true`: the fee is booked as a debit note when this level is sent (also `[dunning]
    /// book_fee`).
    #[serde(default)]
    pub book_fee: bool,
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
            book_fee: false,
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
    // Bounded like a journal amount: the fee is added to totals of open items.
    if fee < Decimal::ZERO || !crate::money::is_usable_amount(fee) {
        return Err(serde::de::Error::custom(format!(
            "invalid fee `{fee}`: expected an amount, zero or more, with at most 18 integer digits and 4 decimals, e.g. \"10.00\""
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
    /// What counts as revenue: `"net"` (of VAT where it is known, the default) or `"gross"`.
    #[serde(default)]
    pub revenue: Option<String>,
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

/// `[alerts]`: every kind of `folio alerts` is on unless its table says `enabled = false`; every
/// threshold is optional. Defaults and rules in docs/alerts.md, resolved by
/// [`crate::report::alerts::Settings`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsConfig {
    /// Days to look back when neither `--since` nor a recorded run says (7).
    #[serde(default, deserialize_with = "deserialize_alert_since_days")]
    pub since_days: Option<u32>,
    /// `[alerts.credit]`: over or near the credit limit, on hold.
    #[serde(default)]
    pub credit: AlertToggle,
    /// `[alerts.collection]`: items crossing an aging bucket or a dunning level.
    #[serde(default)]
    pub collection: AlertToggle,
    /// `[alerts.unusual-amount]`: an invoice or payment far outside the contact's usual range.
    #[serde(default, rename = "unusual-amount")]
    pub unusual_amount: UnusualAmountConfig,
    /// `[alerts.duplicate-payment]`: a payment that repeats another.
    #[serde(default, rename = "duplicate-payment")]
    pub duplicate_payment: DuplicatePaymentConfig,
    /// `[alerts.overpayment]`: a payment larger than everything open.
    #[serde(default)]
    pub overpayment: OverpaymentConfig,
    /// `[alerts.future-entry]`: an entry dated after the as-of date.
    #[serde(default, rename = "future-entry")]
    pub future_entry: AlertDays,
    /// `[alerts.early-entry]`: an entry dated long before the contact's `since`.
    #[serde(default, rename = "early-entry")]
    pub early_entry: AlertDays,
    /// `[alerts.oversized-credit]`: credit notes larger than their invoice.
    #[serde(default, rename = "oversized-credit")]
    pub oversized_credit: AlertToggle,
    /// `[alerts.gone-quiet]`: a regular customer without an invoice for too long.
    #[serde(default, rename = "gone-quiet")]
    pub gone_quiet: GoneQuietConfig,
    /// `[alerts.revenue-drop]`: a top customer's monthly revenue fell sharply.
    #[serde(default, rename = "revenue-drop")]
    pub revenue_drop: RevenueDropConfig,
    /// `[alerts.slower-payment]`: a customer's average days to pay worsened sharply.
    #[serde(default, rename = "slower-payment")]
    pub slower_payment: SlowerPaymentConfig,
    /// `[alerts.missing-contact]`: open items but no e-mail or phone.
    #[serde(default, rename = "missing-contact")]
    pub missing_contact: AlertToggle,
    /// `[alerts.invalid-vat]`: a VAT number failing its check digits.
    #[serde(default, rename = "invalid-vat")]
    pub invalid_vat: AlertToggle,
    /// `[alerts.broken-promise]`: a promise to pay not kept by its last day.
    #[serde(default, rename = "broken-promise")]
    pub broken_promise: AlertToggle,
    /// `[alerts.class-drop]`: a valuable customer fell to a lower class.
    #[serde(default, rename = "class-drop")]
    pub class_drop: ClassDropConfig,
}

/// `[alerts.class-drop]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassDropConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Days back to the date whose classes are compared with today's (30).
    #[serde(default, deserialize_with = "deserialize_alert_class_days")]
    pub days: Option<u32>,
}

/// An alert kind without thresholds: `enabled = false` turns it off.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertToggle {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// `[alerts.future-entry]` and `[alerts.early-entry]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertDays {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Days of tolerance (future-entry: 0; early-entry: 30).
    #[serde(default, deserialize_with = "deserialize_opt_days")]
    pub days: Option<u32>,
}

/// `[alerts.unusual-amount]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnusualAmountConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Modified z-score an amount must reach (3.5).
    #[serde(default, deserialize_with = "deserialize_alert_threshold")]
    pub threshold: Option<Decimal>,
    /// And how many times the median it must be (4; invoices also at most median / ratio).
    #[serde(default, deserialize_with = "deserialize_alert_ratio")]
    pub ratio: Option<Decimal>,
    /// Entries of that kind the contact needs before its amounts are judged (4).
    #[serde(default, deserialize_with = "deserialize_alert_min_history")]
    pub min_history: Option<u32>,
}

/// `[alerts.duplicate-payment]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicatePaymentConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The metadata key of the bank's reference (`bank`, as in `bank:20261105-0042`).
    #[serde(default, deserialize_with = "deserialize_alert_reference_key")]
    pub reference_key: Option<String>,
}

/// `[alerts.overpayment]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverpaymentConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// What a payment may exceed everything open by without an alert ("1.00").
    #[serde(default, deserialize_with = "deserialize_alert_min_excess")]
    pub min_excess: Option<Decimal>,
}

/// `[alerts.gone-quiet]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoneQuietConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Quiet when no invoice for more than this many usual intervals (3).
    #[serde(default, deserialize_with = "deserialize_alert_factor")]
    pub factor: Option<Decimal>,
    /// Invoices a customer needs to count as regular (6).
    #[serde(default, deserialize_with = "deserialize_alert_min_invoices")]
    pub min_invoices: Option<u32>,
}

/// `[alerts.revenue-drop]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevenueDropConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The share monthly revenue must fall by (0.5).
    #[serde(default, deserialize_with = "deserialize_alert_drop")]
    pub drop: Option<Decimal>,
    /// Months of recent revenue (3).
    #[serde(default, deserialize_with = "deserialize_alert_months")]
    pub months: Option<u32>,
    /// Months before them that make the usual revenue (12).
    #[serde(default, deserialize_with = "deserialize_alert_months")]
    pub baseline_months: Option<u32>,
}

/// `[alerts.slower-payment]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlowerPaymentConfig {
    /// Whether the kind runs (default true).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Days of recent payments (90).
    #[serde(default, deserialize_with = "deserialize_alert_window_days")]
    pub recent_days: Option<u32>,
    /// Days before them that make the usual days to pay (365).
    #[serde(default, deserialize_with = "deserialize_alert_window_days")]
    pub baseline_days: Option<u32>,
    /// Recent average at least this many times the usual one (2).
    #[serde(default, deserialize_with = "deserialize_alert_factor")]
    pub factor: Option<Decimal>,
    /// And at least this many days more (15).
    #[serde(default, deserialize_with = "deserialize_opt_days")]
    pub min_increase: Option<u32>,
    /// Payments applied to invoices needed in each period (3).
    #[serde(default, deserialize_with = "deserialize_alert_min_payments")]
    pub min_payments: Option<u32>,
}

/// A decimal threshold of `[alerts]`, checked inside the deserializer so the error points at the
/// value.
fn deserialize_alert_decimal<'de, D: serde::Deserializer<'de>>(
    d: D,
    valid: impl Fn(Decimal) -> bool,
    expected: &str,
) -> Result<Option<Decimal>, D::Error> {
    let value = super::serde_helpers::deserialize_exact_decimal(d)?;
    if !valid(value) {
        return Err(serde::de::Error::custom(format!(
            "invalid value `{value}`: expected {expected}"
        )));
    }
    Ok(Some(value))
}

/// A whole number of `[alerts]` with a lower bound.
fn deserialize_alert_whole<'de, D: serde::Deserializer<'de>>(
    d: D,
    key: &str,
    min: u32,
    example: u32,
) -> Result<Option<u32>, D::Error> {
    let value = deserialize_days(d)?;
    if value < min {
        return Err(serde::de::Error::custom(format!(
            "invalid {key} `{value}`: expected a whole number, at least {min}, e.g. {example}"
        )));
    }
    Ok(Some(value))
}

fn deserialize_alert_class_days<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "number of days", 1, 30)
}

fn deserialize_alert_since_days<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "since_days", 1, 7)
}

fn deserialize_alert_threshold<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_alert_decimal(
        d,
        |x| x > Decimal::ZERO,
        "a modified z-score above 0, e.g. 3.5",
    )
}

fn deserialize_alert_ratio<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_alert_decimal(
        d,
        |x| x >= Decimal::ONE,
        "a ratio to the median of at least 1, e.g. 4",
    )
}

fn deserialize_alert_factor<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_alert_decimal(d, |x| x >= Decimal::ONE, "a factor of at least 1, e.g. 3")
}

fn deserialize_alert_drop<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_alert_decimal(
        d,
        |x| x > Decimal::ZERO && x <= Decimal::ONE,
        "a share above 0 and at most 1, e.g. 0.5 for a fall by half",
    )
}

fn deserialize_alert_min_excess<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_alert_decimal(
        d,
        |x| x >= Decimal::ZERO && crate::money::is_usable_amount(x),
        "an amount, zero or more, with at most 18 integer digits and 4 decimals, e.g. \"1.00\"",
    )
}

fn deserialize_alert_min_history<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "min_history", 3, 4)
}

fn deserialize_alert_min_invoices<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "min_invoices", 3, 6)
}

fn deserialize_alert_min_payments<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "min_payments", 1, 3)
}

fn deserialize_alert_months<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "number of months", 1, 3)
}

fn deserialize_alert_window_days<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_alert_whole(d, "number of days", 1, 90)
}

fn deserialize_alert_reference_key<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    super::serde_helpers::deserialize_checked(d, "a metadata key such as \"bank\"", |key| {
        let valid = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !matches!(key, "due" | "ref");
        if valid {
            Ok(Some(key.to_string()))
        } else {
            Err(format!(
                "invalid reference_key `{key}`: expected a metadata key of letters, digits, '_', '-' or '.', other than due and ref, e.g. \"bank\""
            ))
        }
    })
}
