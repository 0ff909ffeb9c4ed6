//! `folio alerts`: one digest of what needs attention today, from every report that can raise
//! its hand — credit (the credit report), collection (aging buckets and dunning levels),
//! anomalies in entries (robust statistics, [`super::anomaly`]), customer behaviour (metrics
//! definitions over two periods) and data quality (the checks of [`crate::identifiers`]).
//!
//! Every rule and default is in docs/alerts.md; [`explain`] prints one in words. Alerts look at
//! a period: what happened after `since` up to the as-of date is *new*. An alert about something
//! that happened on or before `since` (an earlier run has reported it) is one severity lower,
//! never below info. Kinds that describe a state with no date (data quality) keep their severity.
//!
//! The work is one receivables ledger as of the date (with its allocation trail when the
//! overpayment or slower-payment kinds are on), one as of `since` for the credit report then, one
//! pass over the entries, and per-contact statistics in parallel.

use super::aging::Buckets;
use super::anomaly::Spread;
use super::credit::{self, CreditRow, Status};
use super::metrics::{self, Window};
use super::rfm::{self, AbcClass};
use crate::book::config::AlertsConfig;
use crate::book::sends::SendLog;
use crate::book::{Book, Contact, Role};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::identifiers::vat;
use crate::journal::{Entry, EntryIndex, Kind, NO_REFERENCE, Side};
use crate::ledger::{Ledger, days_past_due};
use crate::money::{Currency, Weighted, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// How urgent an alert is. Ordered: info < warn < critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs someone to act.
    Warn,
    /// Money at risk now.
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warn, Severity::Critical];

    /// The word in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Critical => "critical",
        }
    }

    /// One level lower, never below info.
    pub fn lower(self) -> Severity {
        match self {
            Severity::Critical => Severity::Warn,
            Severity::Warn | Severity::Info => Severity::Info,
        }
    }
}

/// The five families of alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Credit limits and holds.
    Credit,
    /// Items growing older.
    Collection,
    /// Entries that look wrong.
    Anomaly,
    /// Customers behaving differently.
    Behaviour,
    /// Contact data that gets in the way.
    DataQuality,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 5] = [
        Category::Credit,
        Category::Collection,
        Category::Anomaly,
        Category::Behaviour,
        Category::DataQuality,
    ];

    /// The word in reports and for `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Credit => "credit",
            Category::Collection => "collection",
            Category::Anomaly => "anomaly",
            Category::Behaviour => "behaviour",
            Category::DataQuality => "data-quality",
        }
    }
}

/// What an alert is about. Each kind has a table in `[alerts]` and a section in docs/alerts.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AlertKind {
    /// Over or near the credit limit, or on hold.
    Credit,
    /// An open item crossed an aging bucket or a dunning level.
    Collection,
    /// An invoice or payment far outside the contact's usual range.
    UnusualAmount,
    /// A payment or payout that repeats another.
    DuplicatePayment,
    /// A payment larger than everything open, still unapplied.
    Overpayment,
    /// Credit notes larger than their invoice (debit notes than their bill).
    OversizedCredit,
    /// An entry dated after the as-of date.
    FutureEntry,
    /// An entry dated long before its contact's `since`.
    EarlyEntry,
    /// A regular customer without an invoice for much longer than usual.
    GoneQuiet,
    /// A top customer's monthly revenue fell sharply.
    RevenueDrop,
    /// A customer's average days to pay worsened sharply.
    SlowerPayment,
    /// Open items but no e-mail or phone.
    MissingContact,
    /// A VAT number failing its check digits.
    InvalidVat,
}

impl AlertKind {
    /// Every kind, in the order of reports and documentation.
    pub const ALL: [AlertKind; 13] = [
        AlertKind::Credit,
        AlertKind::Collection,
        AlertKind::UnusualAmount,
        AlertKind::DuplicatePayment,
        AlertKind::Overpayment,
        AlertKind::OversizedCredit,
        AlertKind::FutureEntry,
        AlertKind::EarlyEntry,
        AlertKind::GoneQuiet,
        AlertKind::RevenueDrop,
        AlertKind::SlowerPayment,
        AlertKind::MissingContact,
        AlertKind::InvalidVat,
    ];

    /// The name in reports, in `[alerts.NAME]` and for `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::Credit => "credit",
            AlertKind::Collection => "collection",
            AlertKind::UnusualAmount => "unusual-amount",
            AlertKind::DuplicatePayment => "duplicate-payment",
            AlertKind::Overpayment => "overpayment",
            AlertKind::OversizedCredit => "oversized-credit",
            AlertKind::FutureEntry => "future-entry",
            AlertKind::EarlyEntry => "early-entry",
            AlertKind::GoneQuiet => "gone-quiet",
            AlertKind::RevenueDrop => "revenue-drop",
            AlertKind::SlowerPayment => "slower-payment",
            AlertKind::MissingContact => "missing-contact",
            AlertKind::InvalidVat => "invalid-vat",
        }
    }

    /// Reads a kind's name.
    pub fn parse(name: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Its family.
    pub fn category(self) -> Category {
        match self {
            AlertKind::Credit => Category::Credit,
            AlertKind::Collection => Category::Collection,
            AlertKind::UnusualAmount
            | AlertKind::DuplicatePayment
            | AlertKind::Overpayment
            | AlertKind::OversizedCredit
            | AlertKind::FutureEntry
            | AlertKind::EarlyEntry => Category::Anomaly,
            AlertKind::GoneQuiet | AlertKind::RevenueDrop | AlertKind::SlowerPayment => {
                Category::Behaviour
            }
            AlertKind::MissingContact | AlertKind::InvalidVat => Category::DataQuality,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

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
    pub values: Vec<(&'static str, Cell)>,
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

/// `[alerts]` with every default filled in (docs/alerts.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    enabled: [bool; AlertKind::ALL.len()],
    /// Days to look back without `--since` or a recorded run (7).
    pub since_days: u32,
    /// unusual-amount: the modified z-score to reach (3.5).
    pub z_threshold: Decimal,
    /// unusual-amount: times the median (4).
    pub ratio: Decimal,
    /// unusual-amount: entries needed to judge (4).
    pub min_history: u32,
    /// duplicate-payment: the metadata key of bank references (`bank`).
    pub reference_key: String,
    /// overpayment: what may stay unapplied without an alert (1.00).
    pub min_excess: Decimal,
    /// future-entry: days of tolerance after the as-of date (0).
    pub future_days: u32,
    /// early-entry: days of tolerance before the contact's `since` (30).
    pub early_days: u32,
    /// gone-quiet: usual intervals without an invoice (3).
    pub quiet_factor: Decimal,
    /// gone-quiet: invoices that make a customer regular (6).
    pub min_invoices: u32,
    /// revenue-drop: the share monthly revenue must fall by (0.5).
    pub drop: Decimal,
    /// revenue-drop: recent months (3).
    pub drop_months: u32,
    /// revenue-drop: months before them (12).
    pub baseline_months: u32,
    /// slower-payment: recent days (90).
    pub recent_days: u32,
    /// slower-payment: days before them (365).
    pub baseline_days: u32,
    /// slower-payment: times the usual average (2).
    pub slower_factor: Decimal,
    /// slower-payment: days more than the usual average (15).
    pub min_increase: u32,
    /// slower-payment: payments applied to invoices needed in each period (3).
    pub min_payments: u32,
}

impl Settings {
    /// Resolves `[alerts]` (already checked when the book was loaded).
    pub fn of(config: &AlertsConfig) -> Settings {
        let mut enabled = [true; AlertKind::ALL.len()];
        let switches = [
            (AlertKind::Credit, config.credit.enabled),
            (AlertKind::Collection, config.collection.enabled),
            (AlertKind::UnusualAmount, config.unusual_amount.enabled),
            (
                AlertKind::DuplicatePayment,
                config.duplicate_payment.enabled,
            ),
            (AlertKind::Overpayment, config.overpayment.enabled),
            (AlertKind::OversizedCredit, config.oversized_credit.enabled),
            (AlertKind::FutureEntry, config.future_entry.enabled),
            (AlertKind::EarlyEntry, config.early_entry.enabled),
            (AlertKind::GoneQuiet, config.gone_quiet.enabled),
            (AlertKind::RevenueDrop, config.revenue_drop.enabled),
            (AlertKind::SlowerPayment, config.slower_payment.enabled),
            (AlertKind::MissingContact, config.missing_contact.enabled),
            (AlertKind::InvalidVat, config.invalid_vat.enabled),
        ];
        for (kind, switch) in switches {
            enabled[kind.index()] = switch.unwrap_or(true);
        }
        Settings {
            enabled,
            since_days: config.since_days.unwrap_or(7),
            z_threshold: config
                .unusual_amount
                .threshold
                .unwrap_or(Decimal::new(35, 1)),
            ratio: config.unusual_amount.ratio.unwrap_or(Decimal::from(4)),
            min_history: config.unusual_amount.min_history.unwrap_or(4),
            reference_key: config
                .duplicate_payment
                .reference_key
                .clone()
                .unwrap_or_else(|| "bank".to_string()),
            min_excess: config
                .overpayment
                .min_excess
                .unwrap_or(Decimal::new(100, 2)),
            future_days: config.future_entry.days.unwrap_or(0),
            early_days: config.early_entry.days.unwrap_or(30),
            quiet_factor: config.gone_quiet.factor.unwrap_or(Decimal::from(3)),
            min_invoices: config.gone_quiet.min_invoices.unwrap_or(6),
            drop: config.revenue_drop.drop.unwrap_or(Decimal::new(5, 1)),
            drop_months: config.revenue_drop.months.unwrap_or(3),
            baseline_months: config.revenue_drop.baseline_months.unwrap_or(12),
            recent_days: config.slower_payment.recent_days.unwrap_or(90),
            baseline_days: config.slower_payment.baseline_days.unwrap_or(365),
            slower_factor: config.slower_payment.factor.unwrap_or(Decimal::TWO),
            min_increase: config.slower_payment.min_increase.unwrap_or(15),
            min_payments: config.slower_payment.min_payments.unwrap_or(3),
        }
    }

    /// True when the kind runs.
    pub fn enabled(&self, kind: AlertKind) -> bool {
        self.enabled[kind.index()]
    }
}

/// Dates after `after` up to `until`, both as of some day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    after: NaiveDate,
    until: NaiveDate,
}

impl Span {
    fn contains(self, date: NaiveDate) -> bool {
        date > self.after && date <= self.until
    }
}

/// A recent period and the usual one just before it, ending on `end`.
fn periods(end: NaiveDate, recent: Window, baseline: Window) -> [Span; 2] {
    let start = recent.since(end).unwrap_or(NaiveDate::MIN);
    let before = baseline.since(start).unwrap_or(NaiveDate::MIN);
    [
        Span {
            after: start,
            until: end,
        },
        Span {
            after: before,
            until: start,
        },
    ]
}

/// What every rule needs.
struct Context<'a> {
    book: &'a Book,
    settings: &'a Settings,
    as_of: NaiveDate,
    since: NaiveDate,
}

impl Context<'_> {
    fn on(&self, kind: AlertKind) -> bool {
        self.settings.enabled(kind)
    }

    /// A new alert about a contact, at its kind's severity.
    fn alert(&self, kind: AlertKind, severity: Severity, contact: Option<u32>) -> Alert {
        let person = contact.map(|c| &self.book.contacts[c as usize]);
        Alert {
            severity,
            kind,
            contact: person.map(|p| p.id.clone()),
            name: person.map(|p| p.name.clone()),
            currency: None,
            document: None,
            date: None,
            new: None,
            message: String::new(),
            values: Vec::new(),
        }
    }

    /// An alert about an event on `date`: its severity, one lower when on or before `since`.
    fn event(
        &self,
        kind: AlertKind,
        severity: Severity,
        contact: Option<u32>,
        date: NaiveDate,
    ) -> Alert {
        let new = date > self.since;
        let mut alert = self.alert(kind, if new { severity } else { severity.lower() }, contact);
        alert.date = Some(date);
        alert.new = Some(new);
        alert
    }

    /// An alert about one entry, dated on the entry's date.
    fn about_entry(&self, kind: AlertKind, index: EntryIndex) -> Alert {
        let entry = &self.book.entries[index as usize];
        let mut alert = self.event(kind, Severity::Warn, Some(entry.contact), entry.date);
        alert.currency = Some(entry.currency);
        alert.document = Some(self.book.entry_id(entry).to_string());
        alert
    }

    fn id(&self, index: EntryIndex) -> &str {
        self.book.entry_id(&self.book.entries[index as usize])
    }
}

/// Every alert as of `as_of`, new after `since` (which must be earlier), of the kinds `[alerts]`
/// enables. `log` is the dunning journal, for what was last sent.
pub fn alerts(book: &Book, as_of: NaiveDate, since: NaiveDate, log: &SendLog) -> AlertsReport {
    let settings = Settings::of(&book.config.alerts);
    let on = |kind| settings.enabled(kind);
    let trail = on(AlertKind::Overpayment) || on(AlertKind::SlowerPayment);
    let ctx = Context {
        book,
        settings: &settings,
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
            let pass = scan_entries(&ctx);
            let alerts = contact_alerts(&ctx, &pass.refunded);
            (pass, alerts)
        },
    );
    let duplicates = bank_duplicates(&ctx, &pass.bank_refs, &pass.refunded, &alerts);
    alerts.extend(duplicates);
    alerts.extend(pass.alerts);
    let ledger = &ledger;
    let (from_ledger, from_trail) = rayon::join(
        || {
            let mut alerts = Vec::new();
            if let Some(then) = &then {
                alerts.extend(credit_alerts(&ctx, ledger, then));
            }
            if on(AlertKind::Collection) {
                alerts.extend(collection_alerts(&ctx, ledger, log));
            }
            if on(AlertKind::MissingContact) {
                alerts.extend(missing_contacts(&ctx, ledger));
            }
            if on(AlertKind::InvalidVat) {
                alerts.extend(invalid_vats(&ctx));
            }
            alerts
        },
        || {
            let mut alerts = Vec::new();
            if on(AlertKind::Overpayment) {
                alerts.extend(overpayments(&ctx, ledger));
            }
            if on(AlertKind::SlowerPayment) {
                alerts.extend(slower_payments(&ctx, ledger));
            }
            if on(AlertKind::RevenueDrop) {
                alerts.extend(revenue_drops(&ctx, &pass.revenue));
            }
            if on(AlertKind::OversizedCredit) {
                alerts.extend(oversized_credits(&ctx, &pass.notes));
            }
            alerts
        },
    );
    alerts.extend(from_ledger);
    alerts.extend(from_trail);
    alerts.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.contact.cmp(&b.contact))
            .then(a.date.cmp(&b.date))
            .then_with(|| a.document.cmp(&b.document))
    });
    AlertsReport {
        as_of,
        since,
        alerts,
    }
}

fn utilization_cell(row: &CreditRow) -> Cell {
    row.utilization.map_or(Cell::Null, Cell::Decimal)
}

/// credit: the credit report as of the date against the credit report as of `since`.
fn credit_alerts(ctx: &Context<'_>, ledger: &Ledger, then: &Ledger) -> Vec<Alert> {
    let book = ctx.book;
    let config = &book.config.credit;
    let now = credit::credit(book, ledger);
    let before = credit::credit(book, then);
    let before: HashMap<&str, &CreditRow> = before
        .rows
        .iter()
        .map(|row| (row.contact.as_str(), row))
        .collect();
    let mut alerts = Vec::new();
    for row in &now.rows {
        let Some(index) = book.contact_index(&row.contact) else {
            continue;
        };
        let (was, was_hold) = before
            .get(row.contact.as_str())
            .map_or((Status::Ok, false), |r| (r.status, r.hold));
        let exposure_then = before
            .get(row.contact.as_str())
            .map_or(Decimal::ZERO, |r| r.exposure);
        let figures = format!(
            "exposure {} {}, limit {}",
            format_amount(row.exposure),
            row.currency,
            format_amount(row.limit)
        );
        let status_alert = match row.status {
            Status::Over => Some(if was == Status::Over {
                (
                    Severity::Warn,
                    false,
                    format!("still over its credit limit: {figures}"),
                )
            } else {
                (
                    Severity::Critical,
                    true,
                    format!("went over its credit limit: {figures}"),
                )
            }),
            Status::Warn => Some(if was == Status::Ok {
                (
                    Severity::Warn,
                    true,
                    format!(
                        "reached {} of its credit limit: {figures}",
                        percent(config.warn_at)
                    ),
                )
            } else {
                (
                    Severity::Info,
                    false,
                    format!("still near its credit limit: {figures}"),
                )
            }),
            Status::Ok => None,
        };
        if let Some((severity, new, message)) = status_alert {
            let mut alert = ctx.alert(AlertKind::Credit, severity, Some(index));
            alert.currency = Some(row.currency);
            alert.new = Some(new);
            alert.message = message;
            alert.values = vec![
                ("status", Cell::Text(row.status.as_str().into())),
                ("status_before", Cell::Text(was.as_str().into())),
                ("limit", Cell::Amount(row.limit)),
                ("exposure", Cell::Amount(row.exposure)),
                ("exposure_before", Cell::Amount(exposure_then)),
                ("utilization", utilization_cell(row)),
                ("warn_at", Cell::Decimal(config.warn_at)),
            ];
            alerts.push(alert);
        }
        if row.hold {
            let worst = credit::account(ledger, index, row.currency)
                .and_then(|a| credit::worst_open_item(a, ctx.as_of));
            let Some((entry, days)) = worst else {
                continue;
            };
            let item = &book.entries[entry as usize];
            let document = ctx.id(entry).to_string();
            let (severity, word) = if was_hold {
                (Severity::Warn, "still on credit hold")
            } else {
                (Severity::Critical, "went on credit hold")
            };
            let mut alert = ctx.alert(AlertKind::Credit, severity, Some(index));
            alert.currency = Some(row.currency);
            alert.date = item
                .due
                .checked_add_days(Days::new(u64::from(config.hold_after_days) + 1));
            alert.new = Some(!was_hold);
            alert.message = format!(
                "{word}: {document} is {days} days past due (hold after {} days)",
                config.hold_after_days
            );
            alert.document = Some(document);
            alert.values = vec![
                ("status", Cell::Text("hold".into())),
                ("due", Cell::Date(item.due)),
                ("days_past_due", Cell::Integer(days)),
                (
                    "hold_after_days",
                    Cell::Integer(config.hold_after_days.into()),
                ),
                ("exposure", Cell::Amount(row.exposure)),
                ("limit", Cell::Amount(row.limit)),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// `0.8` as `80%`.
fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}

/// collection: open receivable items that crossed an aging bucket or a dunning level after
/// `since`.
fn collection_alerts(ctx: &Context<'_>, ledger: &Ledger, log: &SendLog) -> Vec<Alert> {
    let book = ctx.book;
    let bounds = &book.config.aging.buckets;
    let buckets = Buckets::new(bounds);
    let levels = &book.config.dunning.levels;
    let mut alerts = Vec::new();
    for account in &ledger.accounts {
        for item in &account.open_items {
            let entry = &book.entries[item.entry as usize];
            let now = days_past_due(entry.due, ctx.as_of);
            if now <= 0 {
                continue;
            }
            let before = days_past_due(entry.due, ctx.since);
            let bucket = buckets.index(now);
            let entered = (bucket != buckets.index(before))
                .then_some(bucket)
                .flatten();
            let level = levels
                .iter()
                .enumerate()
                .filter(|(_, l)| before < i64::from(l.after_days) && i64::from(l.after_days) <= now)
                .map(|(n, l)| (n + 1, l))
                .next_back();
            if entered.is_none() && level.is_none() {
                continue;
            }
            let mut severity = Severity::Info;
            let mut crossed_on = entry.due;
            let mut parts = Vec::new();
            if let Some(index) = entered {
                let low = if index == 0 { 1 } else { bounds[index - 1] + 1 };
                crossed_on = crossed_on.max(entry.due + Days::new(u64::from(low)));
                severity = severity.max(if index == bounds.len() {
                    Severity::Critical
                } else if index == 0 {
                    Severity::Info
                } else {
                    Severity::Warn
                });
                parts.push(if index == 0 {
                    format!("became overdue ({})", buckets.labels()[index])
                } else {
                    format!("entered {} days past due", buckets.labels()[index])
                });
            }
            if let Some((n, l)) = level {
                crossed_on = crossed_on.max(entry.due + Days::new(u64::from(l.after_days)));
                severity = severity.max(if n == levels.len() {
                    Severity::Critical
                } else {
                    Severity::Warn
                });
                parts.push(format!("reached dunning level {n} ({})", l.template));
            }
            let document = book.entry_id(entry);
            let last = log.history(document).last();
            let mut message = format!(
                "{}: {now} days past due, {} {} open",
                parts.join(" and "),
                format_amount(item.open),
                entry.currency
            );
            if level.is_some() {
                match last {
                    Some((sent, date)) => {
                        message.push_str(&format!("; last sent: {} on {date}", sent.as_text()))
                    }
                    None => message.push_str("; no reminder sent yet"),
                }
            }
            let mut alert = ctx.event(
                AlertKind::Collection,
                severity,
                Some(account.contact),
                crossed_on,
            );
            alert.currency = Some(entry.currency);
            alert.document = Some(document.to_string());
            alert.message = message;
            alert.values = vec![
                ("due", Cell::Date(entry.due)),
                ("days_past_due", Cell::Integer(now)),
                ("bucket", Cell::Text(buckets.label(now).to_string())),
                (
                    "bucket_before",
                    Cell::Text(buckets.label(before).to_string()),
                ),
                (
                    "dunning_level",
                    level.map_or(Cell::Null, |(n, _)| Cell::Integer(n as i64)),
                ),
                (
                    "last_sent",
                    last.map_or(Cell::Null, |(sent, _)| Cell::Text(sent.as_text())),
                ),
                ("amount", Cell::Amount(entry.amount)),
                ("open", Cell::Amount(item.open)),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// What the pass over every entry collects for the rules that need more than one entry.
struct Pass {
    /// future-entry and early-entry alerts.
    alerts: Vec<Alert>,
    /// Refunded amount per payment (refunds with `ref:`), dated on or before the date.
    refunded: HashMap<EntryIndex, Decimal>,
    /// Payments and payouts with a bank reference: (reference, entry), in journal order.
    bank_refs: Vec<(String, EntryIndex)>,
    /// Credit and debit notes with `ref:` to an invoice or bill: (target, note).
    notes: Vec<(EntryIndex, EntryIndex)>,
    /// Revenue per contact in its own currency: [recent, usual] as of the date, then as of
    /// `since`.
    revenue: Vec<[Decimal; 4]>,
}

fn scan_entries(ctx: &Context<'_>) -> Pass {
    let book = ctx.book;
    let settings = ctx.settings;
    let future_after = ctx
        .as_of
        .checked_add_days(Days::new(settings.future_days.into()))
        .unwrap_or(NaiveDate::MAX);
    let early_before: Vec<Option<NaiveDate>> = book
        .contacts
        .iter()
        .map(|c| {
            c.since
                .and_then(|s| s.checked_sub_days(Days::new(settings.early_days.into())))
        })
        .collect();
    let homes: Vec<Option<Currency>> = book
        .contacts
        .iter()
        .map(|c| metrics::home_currency(book, c))
        .collect();
    let revenue_spans = revenue_spans(ctx);
    let finder = memchr::memmem::Finder::new(settings.reference_key.as_bytes());
    let (future, early, duplicates, oversized, drops) = (
        ctx.on(AlertKind::FutureEntry),
        ctx.on(AlertKind::EarlyEntry),
        ctx.on(AlertKind::DuplicatePayment),
        ctx.on(AlertKind::OversizedCredit),
        ctx.on(AlertKind::RevenueDrop),
    );
    let mut pass = Pass {
        alerts: Vec::new(),
        refunded: HashMap::new(),
        bank_refs: Vec::new(),
        notes: Vec::new(),
        revenue: vec![[Decimal::ZERO; 4]; if drops { book.contacts.len() } else { 0 }],
    };
    for (index, entry) in book.entries.iter().enumerate() {
        let index = index as EntryIndex;
        if future && entry.date > future_after {
            let ahead = (entry.date - ctx.as_of).num_days();
            let mut alert = ctx.about_entry(AlertKind::FutureEntry, index);
            alert.message = format!(
                "{} dated {}, {ahead} days after the as-of date {}",
                entry.kind.as_str(),
                entry.date,
                ctx.as_of
            );
            alert.values = vec![
                ("date", Cell::Date(entry.date)),
                ("days_ahead", Cell::Integer(ahead)),
                ("amount", Cell::Amount(entry.amount)),
            ];
            pass.alerts.push(alert);
        }
        if early
            && let Some(limit) = early_before[entry.contact as usize]
            && entry.date < limit
        {
            let since = book.contacts[entry.contact as usize].since.unwrap_or(limit);
            let before = (since - entry.date).num_days();
            let mut alert = ctx.about_entry(AlertKind::EarlyEntry, index);
            // A state of the data: the entry's date says nothing about when it was written.
            alert.severity = Severity::Warn;
            alert.new = None;
            alert.message = format!(
                "{} dated {}, {before} days before the contact's since ({since})",
                entry.kind.as_str(),
                entry.date
            );
            alert.values = vec![
                ("date", Cell::Date(entry.date)),
                ("since", Cell::Date(since)),
                ("days_before", Cell::Integer(before)),
                ("amount", Cell::Amount(entry.amount)),
            ];
            pass.alerts.push(alert);
        }
        if entry.date > ctx.as_of {
            continue;
        }
        match entry.kind {
            Kind::Refund if entry.reference != NO_REFERENCE => {
                *pass.refunded.entry(entry.reference).or_default() += entry.amount;
            }
            Kind::Payment | Kind::Payout if duplicates => {
                let line = book.entry_line(entry);
                if finder.find(line.as_bytes()).is_some()
                    && let Some((_, reference)) = crate::journal::parser::free_metadata(line)
                        .into_iter()
                        .find(|(key, _)| *key == settings.reference_key)
                {
                    pass.bank_refs.push((reference.to_string(), index));
                }
            }
            Kind::Credit | Kind::Debit if oversized && entry.reference != NO_REFERENCE => {
                let target = book.entries[entry.reference as usize].kind;
                if matches!(target, Kind::Invoice | Kind::Bill) {
                    pass.notes.push((entry.reference, index));
                }
            }
            _ => {}
        }
        if drops
            && matches!(entry.kind, Kind::Invoice | Kind::Credit)
            && homes[entry.contact as usize] == Some(entry.currency)
        {
            let sums = &mut pass.revenue[entry.contact as usize];
            let signed = entry.kind.signed(entry.amount);
            for (sum, span) in sums.iter_mut().zip(&revenue_spans) {
                if span.contains(entry.date) {
                    *sum += signed;
                }
            }
        }
    }
    pass
}

/// revenue-drop's periods: recent and usual as of the date, then as of `since`.
fn revenue_spans(ctx: &Context<'_>) -> [Span; 4] {
    let s = ctx.settings;
    let (recent, usual) = (
        Window::Months(s.drop_months),
        Window::Months(s.baseline_months),
    );
    let [a, b] = periods(ctx.as_of, recent, usual);
    let [c, d] = periods(ctx.since, recent, usual);
    [a, b, c, d]
}

/// slower-payment's periods: recent and usual as of the date, then as of `since`.
fn payment_spans(ctx: &Context<'_>) -> [Span; 4] {
    let s = ctx.settings;
    let (recent, usual) = (Window::Days(s.recent_days), Window::Days(s.baseline_days));
    let [a, b] = periods(ctx.as_of, recent, usual);
    let [c, d] = periods(ctx.since, recent, usual);
    [a, b, c, d]
}

/// What the per-contact rules need of one entry, copied out of the book so that each contact's
/// entries lie together in memory.
#[derive(Debug, Clone, Copy)]
struct Row {
    index: EntryIndex,
    date: NaiveDate,
    kind: Kind,
    currency: Currency,
    amount: Decimal,
    reference: EntryIndex,
}

/// The rules that look at one contact's entries together, for every contact in parallel:
/// unusual-amount, duplicate-payment (same contact, amount and date) and gone-quiet. Only
/// entries dated on or before the as-of date count.
fn contact_alerts(ctx: &Context<'_>, refunded: &HashMap<EntryIndex, Decimal>) -> Vec<Alert> {
    let wanted = [
        AlertKind::UnusualAmount,
        AlertKind::DuplicatePayment,
        AlertKind::GoneQuiet,
    ];
    if !wanted.iter().any(|&k| ctx.on(k)) {
        return Vec::new();
    }
    let book = ctx.book;
    let counted = |entry: &Entry| {
        entry.date <= ctx.as_of
            && matches!(entry.kind, Kind::Invoice | Kind::Payment | Kind::Payout)
    };
    // The rows of each contact, in journal order: a counting sort by contact.
    let mut start = vec![0usize; book.contacts.len() + 1];
    for entry in book.entries.iter().filter(|e| counted(e)) {
        start[entry.contact as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let blank = Row {
        index: 0,
        date: NaiveDate::MIN,
        kind: Kind::Invoice,
        currency: Currency::parse("XXX").expect("three upper-case letters"),
        amount: Decimal::ZERO,
        reference: NO_REFERENCE,
    };
    let mut rows = vec![blank; start[book.contacts.len()]];
    for (index, entry) in book.entries.iter().enumerate() {
        if !counted(entry) {
            continue;
        }
        let slot = &mut fill[entry.contact as usize];
        rows[*slot] = Row {
            index: index as EntryIndex,
            date: entry.date,
            kind: entry.kind,
            currency: entry.currency,
            amount: entry.amount,
            reference: entry.reference,
        };
        *slot += 1;
    }
    (0..book.contacts.len())
        .into_par_iter()
        .with_min_len(64)
        .flat_map_iter(|contact| {
            let rows = &rows[start[contact]..start[contact + 1]];
            let mut alerts = Vec::new();
            if !rows.is_empty() {
                if ctx.on(AlertKind::UnusualAmount) {
                    unusual_amounts(ctx, rows, &mut alerts);
                }
                if ctx.on(AlertKind::DuplicatePayment) {
                    same_day_duplicates(ctx, rows, refunded, &mut alerts);
                }
                if ctx.on(AlertKind::GoneQuiet) {
                    gone_quiet(ctx, contact as u32, rows, &mut alerts);
                }
            }
            alerts
        })
        .collect()
}

/// unusual-amount for one contact: per kind (invoice, payment) and currency, each amount against
/// the median and MAD of all of them.
fn unusual_amounts(ctx: &Context<'_>, rows: &[Row], alerts: &mut Vec<Alert>) {
    let s = ctx.settings;
    let mut groups: Vec<((Kind, Currency), Vec<&Row>)> = Vec::new();
    for row in rows {
        if !matches!(row.kind, Kind::Invoice | Kind::Payment) {
            continue;
        }
        let key = (row.kind, row.currency);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(row),
            None => groups.push((key, vec![row])),
        }
    }
    for ((kind, currency), group) in groups {
        if group.len() < s.min_history as usize {
            continue;
        }
        let mut amounts: Vec<Decimal> = group.iter().map(|r| r.amount).collect();
        let Some(spread) = Spread::of(&mut amounts) else {
            continue;
        };
        let high_from = spread.median.checked_mul(s.ratio);
        for row in group {
            let amount = row.amount;
            let high = high_from.is_some_and(|bound| amount >= bound);
            // Small payments are part payments; a small invoice may be a slipped decimal point.
            let low = kind == Kind::Invoice
                && amount
                    .checked_mul(s.ratio)
                    .is_some_and(|scaled| scaled <= spread.median);
            if !(high || low) || !spread.exceeds(amount, s.z_threshold) {
                continue;
            }
            let times = credit::ratio(amount, spread.median, 2);
            let z = spread.z(amount);
            let mut alert = ctx.about_entry(AlertKind::UnusualAmount, row.index);
            alert.message = format!(
                "{} of {} {currency} is {} times the usual {} (modified z-score {}, {} {}s)",
                kind.as_str(),
                format_amount(amount),
                times.map_or_else(|| "many".to_string(), |t| t.to_string()),
                format_amount(spread.median),
                z.map_or_else(|| "infinite".to_string(), |z| z.to_string()),
                spread.count,
                kind.as_str()
            );
            alert.values = vec![
                ("amount", Cell::Amount(amount)),
                ("median", Cell::Amount(spread.median)),
                ("mad", Cell::Amount(spread.mad)),
                ("z", z.map_or(Cell::Null, Cell::Decimal)),
                ("ratio", times.map_or(Cell::Null, Cell::Decimal)),
                ("history", Cell::Integer(spread.count as i64)),
            ];
            alerts.push(alert);
        }
    }
}

/// True when a refund took back at least the payment's amount.
fn refunded_in_full(
    ctx: &Context<'_>,
    refunded: &HashMap<EntryIndex, Decimal>,
    index: EntryIndex,
) -> bool {
    refunded
        .get(&index)
        .is_some_and(|&r| r >= ctx.book.entries[index as usize].amount)
}

/// duplicate-payment for one contact: a payment (or payout) with the same kind, currency, amount
/// and date as an earlier one in journal order, unless both name different documents in `ref:`
/// or either was refunded in full.
fn same_day_duplicates(
    ctx: &Context<'_>,
    rows: &[Row],
    refunded: &HashMap<EntryIndex, Decimal>,
    alerts: &mut Vec<Alert>,
) {
    let mut payments: Vec<&Row> = rows
        .iter()
        .filter(|r| matches!(r.kind, Kind::Payment | Kind::Payout))
        .collect();
    let key = |r: &Row| (r.kind, r.currency, r.date, r.amount);
    payments.sort_by_key(|r| (key(r), r.index));
    for run in payments.chunk_by(|a, b| key(a) == key(b)) {
        for (position, later) in run.iter().enumerate().skip(1) {
            let earlier = run[..position].iter().find(|e| {
                later.reference == NO_REFERENCE
                    || e.reference == NO_REFERENCE
                    || later.reference == e.reference
            });
            let Some(earlier) = earlier else {
                continue;
            };
            if refunded_in_full(ctx, refunded, later.index)
                || refunded_in_full(ctx, refunded, earlier.index)
            {
                continue;
            }
            let mut alert = ctx.about_entry(AlertKind::DuplicatePayment, later.index);
            alert.message = format!(
                "repeats {}: same contact, amount ({} {}) and date ({})",
                ctx.id(earlier.index),
                format_amount(later.amount),
                later.currency,
                later.date
            );
            alert.values = vec![
                ("amount", Cell::Amount(later.amount)),
                ("repeats", Cell::Text(ctx.id(earlier.index).to_string())),
                ("reference", Cell::Null),
            ];
            alerts.push(alert);
        }
    }
}

/// duplicate-payment across the book: a payment (or payout) with the same bank reference as an
/// earlier one of the same kind, unless already reported or refunded in full.
fn bank_duplicates(
    ctx: &Context<'_>,
    bank_refs: &[(String, EntryIndex)],
    refunded: &HashMap<EntryIndex, Decimal>,
    reported: &[Alert],
) -> Vec<Alert> {
    let reported: HashSet<&str> = reported
        .iter()
        .filter(|a| a.kind == AlertKind::DuplicatePayment)
        .filter_map(|a| a.document.as_deref())
        .collect();
    let entries = &ctx.book.entries;
    let mut first: HashMap<(&str, Kind), EntryIndex> = HashMap::new();
    let mut alerts = Vec::new();
    for (reference, index) in bank_refs {
        let kind = entries[*index as usize].kind;
        let Some(&earlier) = first.get(&(reference.as_str(), kind)) else {
            first.insert((reference.as_str(), kind), *index);
            continue;
        };
        if reported.contains(ctx.id(*index))
            || refunded_in_full(ctx, refunded, *index)
            || refunded_in_full(ctx, refunded, earlier)
        {
            continue;
        }
        let entry = &entries[*index as usize];
        let mut alert = ctx.about_entry(AlertKind::DuplicatePayment, *index);
        alert.message = format!(
            "same bank reference ({}:{reference}) as {} of {}, {} {} on {}",
            ctx.settings.reference_key,
            ctx.id(earlier),
            ctx.book.contacts[entries[earlier as usize].contact as usize].id,
            format_amount(entries[earlier as usize].amount),
            entries[earlier as usize].currency,
            entries[earlier as usize].date,
        );
        alert.values = vec![
            ("amount", Cell::Amount(entry.amount)),
            ("repeats", Cell::Text(ctx.id(earlier).to_string())),
            ("reference", Cell::Text(reference.clone())),
        ];
        alerts.push(alert);
    }
    alerts
}

/// gone-quiet for one contact: a regular customer (at least `min_invoices` invoices) whose last
/// invoice is more than `factor` x its median interval between invoice dates ago.
fn gone_quiet(ctx: &Context<'_>, contact: u32, rows: &[Row], alerts: &mut Vec<Alert>) {
    let book = ctx.book;
    let s = ctx.settings;
    let person = &book.contacts[contact as usize];
    if person.archived || !person.roles.contains(&Role::Customer) {
        return;
    }
    let mut dates: Vec<NaiveDate> = rows
        .iter()
        .filter(|r| r.kind == Kind::Invoice)
        .map(|r| r.date)
        .collect();
    let invoices = dates.len();
    if invoices < s.min_invoices as usize {
        return;
    }
    dates.sort_unstable();
    dates.dedup();
    let mut gaps: Vec<Decimal> = dates
        .windows(2)
        .map(|w| Decimal::from((w[1] - w[0]).num_days()))
        .collect();
    let Some(spread) = Spread::of(&mut gaps) else {
        return;
    };
    let last = dates[dates.len() - 1];
    let quiet = (ctx.as_of - last).num_days();
    let Some(limit) = spread.median.checked_mul(s.quiet_factor) else {
        return;
    };
    if Decimal::from(quiet) <= limit {
        return;
    }
    // The first day without an invoice for more than `limit` days.
    let whole = limit.floor().try_into().unwrap_or(i64::MAX / 2);
    let became = last
        .checked_add_days(Days::new(whole as u64 + 1))
        .unwrap_or(ctx.as_of);
    let mut alert = ctx.event(AlertKind::GoneQuiet, Severity::Warn, Some(contact), became);
    alert.message = format!(
        "no invoice for {quiet} days, more than {} x its usual interval of {} days (last invoice {last}, {invoices} invoices)",
        s.quiet_factor.normalize(),
        spread.median.normalize()
    );
    alert.values = vec![
        ("last_invoice", Cell::Date(last)),
        ("days_quiet", Cell::Integer(quiet)),
        ("usual_interval", Cell::Decimal(spread.median.normalize())),
        ("invoices", Cell::Integer(invoices as i64)),
    ];
    alerts.push(alert);
}

/// oversized-credit: credit notes on an invoice (debit notes on a bill) that add up to more than
/// it, reported at the note that goes over.
fn oversized_credits(ctx: &Context<'_>, notes: &[(EntryIndex, EntryIndex)]) -> Vec<Alert> {
    let mut notes = notes.to_vec();
    let entries = &ctx.book.entries;
    notes.sort_by_key(|&(target, note)| (target, entries[note as usize].date, note));
    let mut alerts = Vec::new();
    for run in notes.chunk_by(|a, b| a.0 == b.0) {
        let target = run[0].0;
        let limit = entries[target as usize].amount;
        let mut credited = Decimal::ZERO;
        for &(_, note) in run {
            let before = credited;
            credited += entries[note as usize].amount;
            if credited <= limit || before > limit {
                continue;
            }
            let entry = &entries[note as usize];
            let what = if entry.kind == Kind::Credit {
                ("credit note", "invoice")
            } else {
                ("debit note", "bill")
            };
            let mut alert = ctx.about_entry(AlertKind::OversizedCredit, note);
            alert.message = if before.is_zero() {
                format!(
                    "{} of {} {} is larger than its {} {} ({})",
                    what.0,
                    format_amount(entry.amount),
                    entry.currency,
                    what.1,
                    ctx.id(target),
                    format_amount(limit)
                )
            } else {
                format!(
                    "{}s on {} {} add up to {} {}, more than its {}",
                    what.0,
                    what.1,
                    ctx.id(target),
                    format_amount(credited),
                    entry.currency,
                    format_amount(limit)
                )
            };
            alert.values = vec![
                ("amount", Cell::Amount(entry.amount)),
                ("credited", Cell::Amount(credited)),
                ("document_amount", Cell::Amount(limit)),
                ("refers_to", Cell::Text(ctx.id(target).to_string())),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// overpayment: a payment that was larger than everything open on its date and whose excess is
/// still unapplied, none of it used since. A deposit whose `ref:` names a later invoice is
/// expected.
fn overpayments(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
    let entries = &ctx.book.entries;
    let mut used_later: HashSet<EntryIndex> = HashSet::new();
    for allocation in ledger.allocations() {
        if allocation.credit_kind == Kind::Payment
            && allocation.date > entries[allocation.credit as usize].date
        {
            used_later.insert(allocation.credit);
        }
    }
    let mut alerts = Vec::new();
    for account in &ledger.accounts {
        for item in &account.unapplied {
            let entry = &entries[item.entry as usize];
            if entry.kind != Kind::Payment
                || item.open <= ctx.settings.min_excess
                || used_later.contains(&item.entry)
            {
                continue;
            }
            if let Some(target) = entry.reference()
                && entries[target as usize].date > entry.date
            {
                continue;
            }
            let applied = entry.amount - item.open;
            let mut alert = ctx.about_entry(AlertKind::Overpayment, item.entry);
            alert.message = format!(
                "payment of {} {} was larger than everything open ({}): {} unapplied since {}",
                format_amount(entry.amount),
                entry.currency,
                format_amount(applied),
                format_amount(item.open),
                entry.date
            );
            alert.values = vec![
                ("amount", Cell::Amount(entry.amount)),
                ("open_before", Cell::Amount(applied)),
                ("unapplied", Cell::Amount(item.open)),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// True for the customers behaviour rules look at: not archived, with the customer role.
fn active_customer(contact: &Contact) -> bool {
    !contact.archived && contact.roles.contains(&Role::Customer)
}

/// revenue-drop: a customer of class A (ABC, `[analytics.abc]`, by revenue over the usual
/// period) whose monthly revenue over the recent months fell by at least `drop`.
fn revenue_drops(ctx: &Context<'_>, revenue: &[[Decimal; 4]]) -> Vec<Alert> {
    let book = ctx.book;
    let s = ctx.settings;
    let analytics = metrics::Settings::of(book);
    let mut populations: HashMap<Currency, Vec<u32>> = HashMap::new();
    for (index, contact) in book.contacts.iter().enumerate() {
        if let (true, Some(currency)) = (
            active_customer(contact),
            metrics::home_currency(book, contact),
        ) && revenue[index][1] > Decimal::ZERO
        {
            populations.entry(currency).or_default().push(index as u32);
        }
    }
    let (months, baseline) = (
        Decimal::from(s.drop_months),
        Decimal::from(s.baseline_months),
    );
    // recent / months < (1 - drop) x usual / baseline, without dividing.
    let fell = |recent: Decimal, usual: Decimal| {
        usual > Decimal::ZERO
            && match (
                recent.checked_mul(baseline),
                (Decimal::ONE - s.drop)
                    .checked_mul(usual)
                    .and_then(|x| x.checked_mul(months)),
            ) {
                (Some(left), Some(right)) => left < right,
                _ => false,
            }
    };
    let mut alerts = Vec::new();
    let mut currencies: Vec<_> = populations.into_iter().collect();
    currencies.sort_by_key(|(currency, _)| *currency);
    for (currency, members) in currencies {
        let ranked: Vec<(Decimal, &str)> = members
            .iter()
            .map(|&c| {
                (
                    revenue[c as usize][1],
                    book.contacts[c as usize].id.as_str(),
                )
            })
            .collect();
        let classes = rfm::abc(&ranked, analytics.abc_a, analytics.abc_b);
        for (&contact, class) in members.iter().zip(classes) {
            let sums = revenue[contact as usize];
            if class != AbcClass::A || !fell(sums[0], sums[1]) {
                continue;
            }
            let new = !fell(sums[2], sums[3]);
            let monthly = |sum: Decimal, n: Decimal| metrics::ratio(sum, n, 2);
            let (recent, usual) = (monthly(sums[0], months), monthly(sums[1], baseline));
            // `fell` multiplied the recent revenue by the baseline already; the usual revenue
            // times the months may still leave Decimal's range (months is a whole setting).
            let fall = sums[1].checked_mul(months).and_then(|usual_scaled| {
                let recent_scaled = sums[0].checked_mul(baseline)?;
                credit::ratio(usual_scaled.checked_sub(recent_scaled)?, usual_scaled, 4)
            });
            let mut alert = ctx.alert(
                AlertKind::RevenueDrop,
                if new { Severity::Warn } else { Severity::Info },
                Some(contact),
            );
            alert.currency = Some(currency);
            alert.new = Some(new);
            alert.message = format!(
                "monthly revenue fell by {}: {} {currency} a month over the last {} month(s), against {} over the {} before",
                fall.map_or_else(String::new, percent),
                recent.map_or_else(String::new, format_amount),
                s.drop_months,
                usual.map_or_else(String::new, format_amount),
                s.baseline_months
            );
            alert.values = vec![
                ("revenue_recent", Cell::Amount(sums[0])),
                ("revenue_usual", Cell::Amount(sums[1])),
                ("monthly_recent", recent.map_or(Cell::Null, Cell::Amount)),
                ("monthly_usual", usual.map_or(Cell::Null, Cell::Amount)),
                ("fall", fall.map_or(Cell::Null, Cell::Decimal)),
                ("abc", Cell::Text(class.as_str().into())),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// Payments applied to invoices in one period: amount, amount x days, count.
#[derive(Debug, Clone, Copy, Default)]
struct Paid {
    amount: Decimal,
    weighted: Weighted,
    count: u32,
}

/// slower-payment: the amount-weighted average days from invoice date to payment (the metrics
/// definition, docs/analytics.md) over the recent days against the usual days before.
fn slower_payments(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
    let book = ctx.book;
    let s = ctx.settings;
    let spans = payment_spans(ctx);
    let homes: Vec<Option<Currency>> = book
        .contacts
        .iter()
        .map(|c| metrics::home_currency(book, c))
        .collect();
    let mut paid = vec![[Paid::default(); 4]; book.contacts.len()];
    let home_accounts = ledger
        .accounts
        .iter()
        .filter(|account| homes[account.contact as usize] == Some(account.currency));
    for account in home_accounts {
        for allocation in account.trail.iter().filter(|a| a.is_invoice_paid()) {
            let days = allocation.days_to_pay();
            for (sum, span) in paid[account.contact as usize].iter_mut().zip(&spans) {
                if span.contains(allocation.date) {
                    sum.amount += allocation.amount;
                    sum.weighted.add(allocation.amount, days);
                    sum.count += 1;
                }
            }
        }
    }
    let average = |p: &Paid| {
        (p.count >= s.min_payments)
            .then(|| p.weighted.average(p.amount, 2))
            .flatten()
    };
    let slower = |recent: Decimal, usual: Decimal| {
        s.slower_factor
            .checked_mul(usual)
            .is_some_and(|bound| recent >= bound)
            && recent - usual >= Decimal::from(s.min_increase)
    };
    let mut alerts = Vec::new();
    for (index, contact) in book.contacts.iter().enumerate() {
        if !active_customer(contact) {
            continue;
        }
        let sums = &paid[index];
        let (Some(recent), Some(usual)) = (average(&sums[0]), average(&sums[1])) else {
            continue;
        };
        if !slower(recent, usual) {
            continue;
        }
        let new = match (average(&sums[2]), average(&sums[3])) {
            (Some(r), Some(u)) => !slower(r, u),
            _ => true,
        };
        let mut alert = ctx.alert(
            AlertKind::SlowerPayment,
            if new { Severity::Warn } else { Severity::Info },
            Some(index as u32),
        );
        alert.currency = homes[index];
        alert.new = Some(new);
        alert.message = format!(
            "pays slower: {recent} days from invoice to payment on average over the last {} days, against {usual} over the {} before",
            s.recent_days, s.baseline_days
        );
        alert.values = vec![
            ("days_to_pay_recent", Cell::Decimal(recent)),
            ("days_to_pay_usual", Cell::Decimal(usual)),
            ("payments_recent", Cell::Integer(sums[0].count.into())),
            ("payments_usual", Cell::Integer(sums[1].count.into())),
        ];
        alerts.push(alert);
    }
    alerts
}

/// missing-contact: a contact with open receivable items and no e-mail and no phone (warn), or a
/// phone but no e-mail, so reminders go by post (info).
fn missing_contacts(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
    let book = ctx.book;
    let blank = |field: &Option<String>| field.as_deref().is_none_or(|t| t.trim().is_empty());
    let mut alerts = Vec::new();
    for accounts in ledger.accounts.chunk_by(|a, b| a.contact == b.contact) {
        let items: usize = accounts.iter().map(|a| a.open_items.len()).sum();
        if items == 0 {
            continue;
        }
        let index = accounts[0].contact;
        let person = &book.contacts[index as usize];
        let (no_email, no_phone) = (blank(&person.email), blank(&person.phone));
        let (severity, what) = match (no_email, no_phone) {
            (true, true) => (Severity::Warn, "no e-mail and no phone"),
            (true, false) => (Severity::Info, "no e-mail (reminders go by post)"),
            _ => continue,
        };
        let open: Vec<String> = accounts
            .iter()
            .filter(|a| !a.open_items.is_empty())
            .map(|a| {
                let sum: Decimal = a.open_items.iter().map(|i| i.open).sum();
                format!("{} {}", format_amount(sum), a.currency)
            })
            .collect();
        let mut alert = ctx.alert(AlertKind::MissingContact, severity, Some(index));
        if accounts.len() == 1 {
            alert.currency = Some(accounts[0].currency);
        }
        alert.message = format!("{items} open item(s), {}, but {what}", open.join(", "));
        alert.values = vec![
            ("open_items", Cell::Integer(items as i64)),
            ("email", Cell::Bool(!no_email)),
            ("phone", Cell::Bool(!no_phone)),
        ];
        alerts.push(alert);
    }
    alerts
}

/// invalid-vat: a contact (not archived) whose VAT number fails its check (docs/contacts.md).
fn invalid_vats(ctx: &Context<'_>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for (index, contact) in ctx.book.contacts.iter().enumerate() {
        let Some(number) = contact.vat.as_deref().filter(|_| !contact.archived) else {
            continue;
        };
        let Err(message) = vat::check_tax_id(number) else {
            continue;
        };
        let mut alert = ctx.alert(AlertKind::InvalidVat, Severity::Warn, Some(index as u32));
        alert.message = message;
        alert.values = vec![("vat", Cell::Text(number.to_string()))];
        alerts.push(alert);
    }
    alerts
}

/// The rule of a kind in words, with the thresholds in force, for `folio alerts --explain`.
pub fn explain(kind: AlertKind, book: &Book) -> String {
    let s = Settings::of(&book.config.alerts);
    let credit = &book.config.credit;
    let buckets = Buckets::new(&book.config.aging.buckets);
    let levels: Vec<String> = book
        .config
        .dunning
        .levels
        .iter()
        .enumerate()
        .map(|(n, l)| format!("{} at {} days", n + 1, l.after_days))
        .collect();
    let abc = metrics::Settings::of(book);
    let (rule, severity, settings): (String, &str, String) = match kind {
        AlertKind::Credit => (
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
        ),
        AlertKind::Collection => (
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
        ),
        AlertKind::UnusualAmount => (
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
        ),
        AlertKind::DuplicatePayment => (
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
        ),
        AlertKind::Overpayment => (
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
        ),
        AlertKind::OversizedCredit => (
            "Credit notes with ref: to an invoice that add up to more than the invoice (debit notes on a bill, more than \
the bill), reported at the note that goes over."
                .to_string(),
            "warn; info when the note is dated on or before --since",
            "[alerts.oversized-credit] (no thresholds)".to_string(),
        ),
        AlertKind::FutureEntry => (
            format!(
                "An entry dated more than {} day(s) after the as-of date. Reports leave it out until its date comes.",
                s.future_days
            ),
            "warn",
            format!("[alerts.future-entry] days = {}", s.future_days),
        ),
        AlertKind::EarlyEntry => (
            format!(
                "An entry dated more than {} days before its contact's since: a wrong year, the wrong contact, or a \
since to correct.",
                s.early_days
            ),
            "warn",
            format!("[alerts.early-entry] days = {}", s.early_days),
        ),
        AlertKind::GoneQuiet => (
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
        ),
        AlertKind::RevenueDrop => (
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
        ),
        AlertKind::SlowerPayment => (
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
        ),
        AlertKind::MissingContact => (
            "A contact with open receivable items but no e-mail and no phone: nobody can be reminded or called. With a \
phone but no e-mail, reminders go by post."
                .to_string(),
            "warn without e-mail and phone; info without e-mail only",
            "[alerts.missing-contact] (no thresholds)".to_string(),
        ),
        AlertKind::InvalidVat => (
            "A contact (not archived) whose VAT number fails its check digits or shape, by the rules `folio check` \
uses (docs/contacts.md)."
                .to_string(),
            "warn",
            "[alerts.invalid-vat] (no thresholds)".to_string(),
        ),
    };
    let state = if s.enabled(kind) { "on" } else { "off" };
    format!(
        "{} ({}, {state})\n{}\nseverity: {severity}\nin force: {settings}\n",
        kind.as_str(),
        kind.category().as_str(),
        wrap(&rule, 100)
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

/// The alerts as rows: severity, kind, contact, document, message, and with `values` the
/// numbers as `key=value` pairs.
pub struct AlertsTable<'a> {
    /// The alerts shown.
    pub alerts: &'a [&'a Alert],
    /// Add the values column (CSV).
    pub values: bool,
}

/// `key=value` pairs separated by spaces; null values are left out.
pub fn values_text(values: &[(&'static str, Cell)]) -> String {
    values
        .iter()
        .filter(|(_, cell)| *cell != Cell::Null)
        .map(|(key, cell)| format!("{key}={}", cell.to_text()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Tabular for AlertsTable<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("severity"),
            Column::text("kind"),
            Column::text("contact"),
            Column::text("document"),
            Column::text("message"),
        ];
        if self.values {
            columns.insert(5, Column::text("date"));
            columns.push(Column::text("values"));
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.alerts
            .iter()
            .map(|alert| {
                let mut row = vec![
                    Cell::Text(alert.severity.as_str().into()),
                    Cell::Text(alert.kind.as_str().into()),
                    alert.contact.clone().into(),
                    alert.document.clone().into(),
                    Cell::Text(alert.message.clone()),
                ];
                if self.values {
                    row.insert(5, alert.date.map_or(Cell::Null, Cell::Date));
                    row.push(Cell::Text(values_text(&alert.values)));
                }
                row
            })
            .collect()
    }
}

/// The numbers behind an alert, as a JSON object.
struct Values<'a>(&'a [(&'static str, Cell)]);

impl serde::Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, cell) in self.0 {
            map.serialize_entry(key, cell)?;
        }
        map.end()
    }
}

impl serde::Serialize for Alert {
    /// The JSON of docs/commands/alerts.md: severity, kind, category, contact, name, currency,
    /// document, date, new, message, values.
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("severity", self.severity.as_str())?;
        map.serialize_entry("kind", self.kind.as_str())?;
        map.serialize_entry("category", self.kind.category().as_str())?;
        map.serialize_entry("contact", &self.contact)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("currency", &self.currency.as_ref().map(Currency::as_str))?;
        map.serialize_entry("document", &self.document)?;
        map.serialize_entry("date", &self.date.map(|d| d.to_string()))?;
        map.serialize_entry("new", &self.new)?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("values", &Values(&self.values))?;
        map.end()
    }
}

/// The file in the book's root that remembers the last run.
pub const STATE_FILE: &str = "alerts.state";

/// The last recorded run of `folio alerts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The as-of date of that run.
    pub last_run: NaiveDate,
    /// The date it looked back to: a second run on the same day looks back to it again.
    pub since: NaiveDate,
}

/// Where the look-back date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceFrom {
    /// `--since`.
    Flag,
    /// The last run recorded in `alerts.state`.
    LastRun,
    /// A run recorded on the same day: the same look-back again.
    SameDay,
    /// `since_days` before the as-of date: no usable run recorded.
    Default,
}

/// The look-back date: `--since`, else the last recorded run (before the as-of date; on the same
/// day, that run's own look-back), else `since_days` before the as-of date.
pub fn resolve_since(
    as_of: NaiveDate,
    flag: Option<NaiveDate>,
    state: Option<State>,
    since_days: u32,
) -> (NaiveDate, SinceFrom) {
    if let Some(since) = flag {
        return (since, SinceFrom::Flag);
    }
    match state {
        Some(state) if state.last_run < as_of => (state.last_run, SinceFrom::LastRun),
        Some(state) if state.last_run == as_of && state.since < as_of => {
            (state.since, SinceFrom::SameDay)
        }
        _ => (
            as_of
                .checked_sub_days(Days::new(since_days.into()))
                .unwrap_or(NaiveDate::MIN),
            SinceFrom::Default,
        ),
    }
}

/// True when a run as of `as_of` is recorded: never one dated before the recorded run.
pub fn records(as_of: NaiveDate, state: Option<State>) -> bool {
    state.is_none_or(|state| as_of >= state.last_run)
}

/// The path of the state file.
pub fn state_path(root: &Path) -> PathBuf {
    root.join(STATE_FILE)
}

/// The state file's text.
pub fn state_text(state: &State) -> String {
    format!(
        "# folio alerts: the last run, so the next one reports what happened since.\n\
# Rewritten by `folio alerts` (not with --since or --dry-run); delete it to look back\n\
# [alerts] since_days again.\n\
last_run = {}\nsince = {}\n",
        state.last_run, state.since
    )
}

/// Reads the state file: `None` when there is none; an error at its line and column when it
/// cannot be read as written by [`write_state`].
pub fn read_state(root: &Path) -> Result<Option<State>> {
    let path = state_path(root);
    let shown = crate::book::display_path(root, Path::new(STATE_FILE));
    let text = match crate::fsio::BookDir::new(root)?.read(&path) {
        Ok(Some(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(None) => return Ok(None),
        Err(crate::fsio::Refusal::Io(e)) => return Err(Error::io(&shown, e)),
        Err(refusal) => {
            let problem = Diagnostic::error(&shown, 0, 0, refusal.to_string());
            return Err(Error::InvalidBook(vec![problem]));
        }
    };
    parse_state(&text, &shown)
        .map(Some)
        .map_err(Error::InvalidBook)
}

/// Parses the state file's text; `shown` is its path in messages.
pub fn parse_state(text: &str, shown: &Path) -> std::result::Result<State, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let (mut last_run, mut since) = (None, None);
    let hint = "; delete the file to start over";
    for (number, raw) in text.lines().enumerate() {
        let line = number as u32 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = (raw.len() - raw.trim_start().len()) as u32;
        let error = |column: u32, message: String| {
            Diagnostic::error(shown, line, column, message).with_excerpt(raw)
        };
        let Some((key, value)) = trimmed.split_once('=') else {
            errors.push(error(
                indent + 1,
                format!("expected `last_run = YYYY-MM-DD` or `since = YYYY-MM-DD`{hint}"),
            ));
            continue;
        };
        let key = key.trim();
        let value_column = raw
            .find(value.trim())
            .map_or(indent + 1, |c| raw[..c].chars().count() as u32 + 1);
        let date = match crate::journal::parser::parse_date(value.trim()) {
            Ok(date) => date,
            Err(message) => {
                errors.push(error(value_column, format!("{message}{hint}")));
                continue;
            }
        };
        match key {
            "last_run" => last_run = Some(date),
            "since" => since = Some(date),
            other => errors.push(error(
                indent + 1,
                format!("unknown key `{other}`: expected last_run or since{hint}"),
            )),
        }
    }
    match (last_run, since) {
        (Some(last_run), Some(since)) if errors.is_empty() => Ok(State { last_run, since }),
        _ => {
            if errors.is_empty() {
                errors.push(Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("expected both `last_run = YYYY-MM-DD` and `since = YYYY-MM-DD`{hint}"),
                ));
            }
            Err(errors)
        }
    }
}

/// Records a run: replaces the state file atomically.
pub fn write_state(root: &Path, state: &State) -> Result<()> {
    crate::fsio::write_atomic(&state_path(root), state_text(state).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn kinds_round_trip_and_have_a_category() {
        for kind in AlertKind::ALL {
            assert_eq!(AlertKind::parse(kind.as_str()), Some(kind));
            assert!(Category::ALL.contains(&kind.category()));
        }
        assert_eq!(AlertKind::parse("unusual"), None);
    }

    #[test]
    fn severities_order_and_lower() {
        assert!(Severity::Info < Severity::Warn && Severity::Warn < Severity::Critical);
        assert_eq!(Severity::Critical.lower(), Severity::Warn);
        assert_eq!(Severity::Info.lower(), Severity::Info);
    }

    #[test]
    fn since_from_flag_state_same_day_or_default() {
        let as_of = date("2026-11-25");
        let state = |last: &str, since: &str| {
            Some(State {
                last_run: date(last),
                since: date(since),
            })
        };
        assert_eq!(
            resolve_since(
                as_of,
                Some(date("2026-11-01")),
                state("2026-11-20", "2026-11-13"),
                7
            ),
            (date("2026-11-01"), SinceFrom::Flag)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-11-20", "2026-11-13"), 7),
            (date("2026-11-20"), SinceFrom::LastRun)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-11-25", "2026-11-20"), 7),
            (date("2026-11-20"), SinceFrom::SameDay)
        );
        assert_eq!(
            resolve_since(as_of, None, state("2026-12-01", "2026-11-25"), 7),
            (date("2026-11-18"), SinceFrom::Default)
        );
        assert_eq!(
            resolve_since(as_of, None, None, 30),
            (date("2026-10-26"), SinceFrom::Default)
        );
        assert!(records(as_of, None));
        assert!(records(as_of, state("2026-11-25", "2026-11-20")));
        assert!(!records(as_of, state("2026-11-26", "2026-11-25")));
    }

    #[test]
    fn state_file_round_trips_and_errors_are_placed() {
        let state = State {
            last_run: date("2026-11-25"),
            since: date("2026-11-18"),
        };
        let shown = Path::new("alerts.state");
        assert_eq!(parse_state(&state_text(&state), shown), Ok(state));
        let errors = parse_state("last_run = 2026-11-25\nsince = 2026-13-01\n", shown).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 9));
        let errors = parse_state("  lastrun = 2026-11-25\n", shown).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (1, 3));
        assert!(errors[0].message.contains("unknown key `lastrun`"));
        let errors = parse_state("since = 2026-11-18\n", shown).unwrap_err();
        assert!(errors[0].message.contains("expected both"));
    }

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
        };
        let text = explain(AlertKind::UnusualAmount, &book);
        assert!(text.starts_with("unusual-amount (anomaly, on)"));
        assert!(text.contains("threshold = 5, ratio = 4, min_history = 4"));
        for kind in AlertKind::ALL {
            assert!(explain(kind, &book).contains("in force:"));
        }
    }
}
