//! The rule of each kind in words, with the thresholds in force, for `folio alerts --explain`.

use super::{AlertKind, Settings, percent};
use crate::book::Book;
use crate::money::format_amount;
use crate::report::aging::Buckets;
use crate::report::metrics;
use rust_decimal::Decimal;

/// A rule in words: what it looks at, its severities, the settings in force.
type Words = (String, &'static str, String);

/// The rule of a kind in words, with the thresholds in force, for `folio alerts --explain`, in
/// lines of at most `width` columns (on spaces).
pub fn explain(kind: AlertKind, book: &Book, width: usize) -> String {
    let s = &Settings::of(&book.config.alerts);
    let (rule, severity, settings) = match kind {
        AlertKind::Credit => credit_rule(book),
        AlertKind::Collection => collection_rule(book),
        AlertKind::UnusualAmount => unusual_amount_rule(s),
        AlertKind::DuplicatePayment => duplicate_payment_rule(s),
        AlertKind::Overpayment => overpayment_rule(s),
        AlertKind::OversizedCredit => oversized_credit_rule(),
        AlertKind::FutureEntry => future_entry_rule(s),
        AlertKind::EarlyEntry => early_entry_rule(s),
        AlertKind::GoneQuiet => gone_quiet_rule(s),
        AlertKind::RevenueDrop => revenue_drop_rule(s, book),
        AlertKind::SlowerPayment => slower_payment_rule(s),
        AlertKind::MissingContact => missing_contact_rule(),
        AlertKind::InvalidVat => invalid_vat_rule(),
        AlertKind::BrokenPromise => broken_promise_rule(),
        AlertKind::ClassDrop => class_drop_rule(s),
    };
    let state = if s.enabled(kind) { "on" } else { "off" };
    format!(
        "{} ({}, {state})\n{}\n{}\n{}\n",
        kind.as_str(),
        kind.category().as_str(),
        wrap(&rule, width),
        wrap(&format!("severity: {severity}"), width),
        wrap(&format!("in force: {settings}"), width),
    )
}

/// Wraps text at `width` columns, on spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// credit in words.
fn credit_rule(book: &Book) -> Words {
    let credit = &book.config.credit;
    (
        "A customer with a credit_limit whose exposure (its receivable balance in the limit's currency) is over \
the limit, or at least warn_at x the limit, or that is on hold (an open item more than hold_after_days past due): \
the rows of `folio credit` as of the date, compared with the same report as of --since."
            .to_string(),
        "critical when it went over the limit or on hold after --since, warn when it reached warn_at after --since; \
one lower when it already was so on --since (still over: warn, still on hold: warn, still near: info)",
        format!(
            "[credit] warn_at = {}, hold_after_days = {}",
            credit.warn_at, credit.hold_after_days
        ),
    )
}

/// collection in words.
fn collection_rule(book: &Book) -> Words {
    let buckets = Buckets::new(&book.config.aging.buckets);
    let levels: Vec<String> = book
        .config
        .dunning
        .levels
        .iter()
        .enumerate()
        .map(|(n, l)| format!("{} at {} days", n + 1, l.after_days))
        .collect();
    (
        "An open receivable item that entered an aging bucket ([aging] buckets) or reached a dunning level \
([[dunning.levels]] after_days) after --since: its days past due on --since and on the as-of date fall in different \
buckets, or a level's after_days lies between them. The message says what the dunning journal last sent."
            .to_string(),
        "info when it just became overdue; warn for a later bucket or a dunning level; critical for the last \
bucket or the final level",
        format!(
            "buckets {}; dunning levels {}",
            buckets.labels().join(", "),
            levels.join(", ")
        ),
    )
}

/// unusual-amount in words.
fn unusual_amount_rule(s: &Settings) -> Words {
    (
        format!(
            "An invoice or payment far outside the contact's usual range. For each contact, kind (invoice, payment) \
and currency with at least {} entries dated on or before the as-of date, folio takes the median and the median \
absolute deviation (MAD) of the amounts. An amount is unusual when its modified z-score, 0.6745 x |amount - median| / \
MAD, is at least {} and it is at least {} times the median (invoices also: at most the median / {}, a slipped decimal \
point; small payments are part payments). When half the amounts are equal the MAD is 0: any other amount is then \
infinitely far, and only the ratio to the median decides.",
            s.min_history,
            s.z_threshold.normalize(),
            s.ratio.normalize(),
            s.ratio.normalize()
        ),
        "warn; info when the entry is dated on or before --since",
        format!(
            "[alerts.unusual-amount] threshold = {}, ratio = {}, min_history = {}",
            s.z_threshold.normalize(),
            s.ratio.normalize(),
            s.min_history
        ),
    )
}

/// duplicate-payment in words.
fn duplicate_payment_rule(s: &Settings) -> Words {
    (
        format!(
            "A payment (or payout) that repeats an earlier one: same contact, kind, currency, amount and date, \
unless the two name different documents in ref: (two equal invoices paid the same day); or the same bank reference \
({}:...) as an earlier one of the same kind, whatever the contact. A duplicate refunded in full (a refund with ref: to \
it) is settled and not reported.",
            s.reference_key
        ),
        "warn; info when dated on or before --since",
        format!(
            "[alerts.duplicate-payment] reference_key = \"{}\"",
            s.reference_key
        ),
    )
}

/// overpayment in words.
fn overpayment_rule(s: &Settings) -> Words {
    (
        format!(
            "A payment larger than everything the customer had open on its date, whose excess (more than {}) is \
still unapplied on the as-of date and was never used since: no later invoice consumed any of it and no refund took \
it back. A deposit whose ref: names an invoice dated later is expected and not reported.",
            format_amount(s.min_excess)
        ),
        "warn; info when the payment is dated on or before --since",
        format!(
            "[alerts.overpayment] min_excess = \"{}\"",
            format_amount(s.min_excess)
        ),
    )
}

/// oversized-credit in words.
fn oversized_credit_rule() -> Words {
    (
        "Credit notes with ref: to an invoice that add up to more than the invoice (debit notes on a bill, more than \
the bill), reported at the note that goes over."
            .to_string(),
        "warn; info when the note is dated on or before --since",
        "[alerts.oversized-credit] (no thresholds)".to_string(),
    )
}

/// future-entry in words.
fn future_entry_rule(s: &Settings) -> Words {
    (
        format!(
            "An entry dated more than {} day(s) after the as-of date. Reports leave it out until its date comes.",
            s.future_days
        ),
        "warn",
        format!("[alerts.future-entry] days = {}", s.future_days),
    )
}

/// early-entry in words.
fn early_entry_rule(s: &Settings) -> Words {
    (
        format!(
            "An entry dated more than {} days before its contact's since: a wrong year, the wrong contact, or a \
since to correct.",
            s.early_days
        ),
        "warn",
        format!("[alerts.early-entry] days = {}", s.early_days),
    )
}

/// gone-quiet in words.
fn gone_quiet_rule(s: &Settings) -> Words {
    (
        format!(
            "A regular customer (not archived, at least {} invoices dated on or before the as-of date) whose last \
invoice is more than {} x its usual interval ago, the usual interval being the median of the days between its \
invoice dates.",
            s.min_invoices,
            s.quiet_factor.normalize()
        ),
        "warn; info when it went quiet on or before --since",
        format!(
            "[alerts.gone-quiet] factor = {}, min_invoices = {}",
            s.quiet_factor.normalize(),
            s.min_invoices
        ),
    )
}

/// revenue-drop in words.
fn revenue_drop_rule(s: &Settings, book: &Book) -> Words {
    let abc = metrics::Settings::of(book);
    (
        format!(
            "A top customer (ABC class A by revenue over the usual period, [analytics.abc] a = {}) whose monthly \
revenue (invoices minus credit notes in its own currency, per month) over the last {} month(s) is less than {} of its \
monthly revenue over the {} months before.",
            abc.abc_a,
            s.drop_months,
            percent(Decimal::ONE - s.drop),
            s.baseline_months
        ),
        "warn; info when it had already fallen as of --since",
        format!(
            "[alerts.revenue-drop] drop = {}, months = {}, baseline_months = {}",
            s.drop, s.drop_months, s.baseline_months
        ),
    )
}

/// slower-payment in words.
fn slower_payment_rule(s: &Settings) -> Words {
    (
        format!(
            "A customer whose average days to pay (amount-weighted days from invoice date to payment, as `folio \
metrics` computes it) over the last {} days is at least {} x, and at least {} days more than, its average over the {} \
days before; each period needs at least {} payments applied to invoices.",
            s.recent_days,
            s.slower_factor.normalize(),
            s.min_increase,
            s.baseline_days,
            s.min_payments
        ),
        "warn; info when it was already so as of --since",
        format!(
            "[alerts.slower-payment] recent_days = {}, baseline_days = {}, factor = {}, min_increase = {}, \
min_payments = {}",
            s.recent_days,
            s.baseline_days,
            s.slower_factor.normalize(),
            s.min_increase,
            s.min_payments
        ),
    )
}

/// missing-contact in words.
fn missing_contact_rule() -> Words {
    (
        "A contact with open receivable items but no e-mail and no phone: nobody can be reminded or called. With a \
phone but no e-mail, reminders go by post."
            .to_string(),
        "warn without e-mail and phone; info without e-mail only",
        "[alerts.missing-contact] (no thresholds)".to_string(),
    )
}

/// invalid-vat in words.
fn invalid_vat_rule() -> Words {
    (
        "A contact (not archived) whose VAT number fails its check digits or shape, by the rules `folio check` \
uses (docs/contacts.md)."
            .to_string(),
        "warn",
        "[alerts.invalid-vat] (no thresholds)".to_string(),
    )
}

/// broken-promise in words.
fn broken_promise_rule() -> Words {
    (
        "A promise to pay (`folio promise`) not kept by its last day: the items it covered were not paid or credited \
by the promised amount (without one, by all that was open on them when it was made). Raised once, the day after the \
promise's last day; reminders resume that day (docs/dunning.md, \"Disputes and promises\")."
            .to_string(),
        "warn",
        "[alerts.broken-promise] (no thresholds)".to_string(),
    )
}

/// class-drop in words.
fn class_drop_rule(s: &Settings) -> Words {
    (
        format!(
            "A customer whose class as of the date ranks lower than {} days before, from a class above the lowest of \
its kind: ABC a > b > c (> none: nothing invoiced in the window), frequency and amount tiers high > mid > low (> none), \
credit grade A > B > C > D > E, RFM champions, loyal and can't lose > every other RFM segment. Classes are those of \
`folio segments` over the `[analytics] window`. Raised once: only when the customer was still above its present class as \
of since (or {} days before, the later), so a fall is reported by the run whose period holds it \
(docs/segments.md, \"Watching classes over time\").",
            s.class_days, s.class_days
        ),
        "warn",
        format!("[alerts.class-drop] days = {}", s.class_days),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn explain_names_every_threshold() {
        let config: crate::book::Config =
            toml::from_str("name = \"t\"\n[alerts.unusual-amount]\nthreshold = 5\n").unwrap();
        let book = Book {
            root: PathBuf::from("."),
            config,
            contacts: Vec::new(),
            sources: Vec::new(),
            entries: Vec::new(),
            rates: Default::default(),
            settlements: Default::default(),
            collections: Default::default(),
            products: Default::default(),
            closes: Default::default(),
        };
        let text = explain(AlertKind::UnusualAmount, &book, 100);
        assert!(text.starts_with("unusual-amount (anomaly, on)"));
        assert!(text.contains("threshold = 5, ratio = 4, min_history = 4"));
        for kind in AlertKind::ALL {
            assert!(explain(kind, &book, 100).contains("in force:"));
        }
    }
}
