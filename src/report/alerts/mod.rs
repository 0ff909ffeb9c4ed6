//! `folio alerts`: one digest of what needs attention today, from every report that can raise
//! its hand — credit (the credit report), collection (aging buckets and dunning levels),
//! anomalies in entries (robust statistics, [`super::anomaly`]), customer behaviour (metrics
//! definitions over two periods) and data quality (the checks of [`crate::identifiers`]).
//!
//! Every rule and default is in docs/alerts.md; [`explain()`] prints one in words. Alerts look at
//! a period: what happened after `since` up to the as-of date is *new*. An alert about something
//! that happened on or before `since` (an earlier run has reported it) is one severity lower,
//! never below info. Kinds that describe a state with no date (data quality) keep their severity.
//!
//! The work is one receivables ledger as of the date (with its allocation trail when the
//! overpayment or slower-payment kinds are on), one as of `since` for the credit report then, one
//! pass over the entries, and per-contact statistics in parallel.
//!
//! Here: the [`Alert`], the report and [`alerts`], which runs the rules. The kinds and severities
//! are in `kinds`, `[alerts]` resolved in `settings`, the look-back date in `since`; one file
//! per family of rules (`credit`, `collection`, `anomaly`, `duplicates`, `behaviour`,
//! `data_quality`), fed by the pass over the entries (`entry_pass`) and the per-contact rows
//! (`per_contact`); the rules in words in `explain`; the table and the JSON in `table` and
//! `json`. The state file's text and I/O are in [`crate::book::alerts_state`].

mod anomaly;
mod behaviour;
mod classes;
mod collection;
mod context;
mod credit;
mod data_quality;
mod duplicates;
mod entry_pass;
mod explain;
mod json;
mod kinds;
mod per_contact;
mod periods;
mod promises;
mod settings;
mod since;
mod table;

pub use explain::explain;
pub use kinds::{AlertKind, Category, Severity};
pub use settings::Settings;
pub use since::{SinceFrom, records, resolve_since};
pub use table::{AlertsTable, values_text};

use crate::book::Book;
use crate::book::sends::SendLog;
use crate::journal::Side;
use crate::ledger::Ledger;
use crate::ledger::revenue::Revenue;
use crate::money::Currency;
use crate::tabular::Cell;
use chrono::NaiveDate;
use context::Context;
use rust_decimal::Decimal;

/// One alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// How urgent.
    pub severity: Severity,
    /// What it is about.
    pub kind: AlertKind,
    /// The contact's id, when the alert concerns one.
    pub contact: Option<String>,
    /// The contact's name.
    pub name: Option<String>,
    /// The currency of the amounts, when there is one.
    pub currency: Option<Currency>,
    /// The document concerned, when there is one.
    pub document: Option<String>,
    /// When the situation arose, when folio can tell.
    pub date: Option<NaiveDate>,
    /// True when it arose after `since`, false when on or before; `None` for states without a
    /// date.
    pub new: Option<bool>,
    /// One line for a person.
    pub message: String,
    /// The numbers behind it, by name.
    pub values: Vec<(&'static str, Cell<'static>)>,
}

/// What `folio alerts` found.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertsReport {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// Alerts about what happened after this date are new.
    pub since: NaiveDate,
    /// Every alert of the enabled kinds, most severe first (then kind, contact, date, document).
    pub alerts: Vec<Alert>,
}

/// Every alert as of `as_of`, new after `since` (which must be earlier), of the kinds `[alerts]`
/// enables. `log` is the dunning journal, for what was last sent; `revenue` what each invoice
/// and credit note counts for as revenue (see [`needs_revenue`]).
pub fn alerts(
    book: &Book,
    revenue: &Revenue,
    as_of: NaiveDate,
    since: NaiveDate,
    log: &SendLog,
) -> crate::error::Result<AlertsReport> {
    let settings = Settings::of(&book.config.alerts);
    let on = |kind| settings.enabled(kind);
    let trail = on(AlertKind::Overpayment) || on(AlertKind::SlowerPayment);
    let ctx = Context {
        book,
        settings: &settings,
        revenue,
        as_of,
        since,
    };
    // The ledgers and the pass over the entries are independent: all at once.
    let ((ledger, then), (pass, mut alerts)) = rayon::join(
        || {
            rayon::join(
                || Ledger::build(book, Side::Receivables, as_of, trail),
                || {
                    on(AlertKind::Credit)
                        .then(|| Ledger::build(book, Side::Receivables, since, false))
                },
            )
        },
        || {
            let pass = entry_pass::scan_entries(&ctx);
            let alerts = per_contact::contact_alerts(&ctx, &pass.refunded);
            (pass, alerts)
        },
    );
    let duplicates = duplicates::bank_duplicates(&ctx, &pass.bank_refs, &pass.refunded, &alerts);
    alerts.extend(duplicates);
    alerts.extend(pass.alerts);
    let ledger = &ledger;
    let (from_ledger, from_trail) = rayon::join(
        || -> crate::error::Result<Vec<Alert>> {
            let mut alerts = Vec::new();
            if let Some(then) = &then {
                alerts.extend(credit::credit_alerts(&ctx, ledger, then)?);
            }
            if on(AlertKind::Collection) {
                alerts.extend(collection::collection_alerts(&ctx, ledger, log));
            }
            if on(AlertKind::MissingContact) {
                alerts.extend(data_quality::missing_contacts(&ctx, ledger));
            }
            if on(AlertKind::InvalidVat) {
                alerts.extend(data_quality::invalid_vats(&ctx));
            }
            if on(AlertKind::BrokenPromise) {
                alerts.extend(promises::broken_promises(&ctx));
            }
            Ok(alerts)
        },
        || {
            let mut alerts = Vec::new();
            if on(AlertKind::Overpayment) {
                alerts.extend(anomaly::overpayments(&ctx, ledger));
            }
            if on(AlertKind::SlowerPayment) {
                alerts.extend(behaviour::slower_payments(&ctx, ledger));
            }
            if on(AlertKind::RevenueDrop) {
                alerts.extend(behaviour::revenue_drops(
                    &ctx,
                    &pass.revenue,
                    &pass.revenue_vat_unknown,
                ));
            }
            if on(AlertKind::OversizedCredit) {
                alerts.extend(anomaly::oversized_credits(&ctx, &pass.notes));
            }
            if on(AlertKind::ClassDrop) {
                alerts.extend(classes::class_drops(&ctx));
            }
            alerts
        },
    );
    alerts.extend(from_ledger?);
    alerts.extend(from_trail);
    alerts.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.contact.cmp(&b.contact))
            .then(a.date.cmp(&b.date))
            .then_with(|| a.document.cmp(&b.document))
    });
    Ok(AlertsReport {
        as_of,
        since,
        alerts,
    })
}

/// True when an enabled kind counts revenue (revenue-drop, class-drop): only then need the
/// caller build [`Revenue`] from the book's VAT; otherwise [`Revenue::gross`] will do.
pub fn needs_revenue(book: &Book) -> bool {
    let settings = Settings::of(&book.config.alerts);
    settings.enabled(AlertKind::RevenueDrop) || settings.enabled(AlertKind::ClassDrop)
}

/// `0.8` as `80%`.
fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}
