//! `[alerts]` resolved: every kind's switch and threshold, defaults filled in.

use super::AlertKind;
use crate::book::config::AlertsConfig;
use rust_decimal::Decimal;

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
    /// class-drop: days back to the date whose classes are compared (30).
    pub class_days: u32,
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
            (AlertKind::BrokenPromise, config.broken_promise.enabled),
            (AlertKind::ClassDrop, config.class_drop.enabled),
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
            class_days: config.class_drop.days.unwrap_or(30),
        }
    }

    /// True when the kind runs.
    pub fn enabled(&self, kind: AlertKind) -> bool {
        self.enabled[kind.index()]
    }
}
