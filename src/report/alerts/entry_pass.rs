//! The one pass over every entry: future-entry and early-entry, and what the rules that need
//! more than one entry collect (refunds, bank references, notes, revenue per period).

use super::context::Context;
use super::periods::revenue_spans;
use super::{Alert, AlertKind, Severity};
use crate::journal::{EntryIndex, Kind, NO_REFERENCE};
use crate::money::Currency;
use crate::report::metrics;
use crate::tabular::Cell;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What the pass over every entry collects for the rules that need more than one entry.
pub(super) struct Pass {
    /// future-entry and early-entry alerts.
    pub(super) alerts: Vec<Alert>,
    /// Refunded amount per payment (refunds with `ref:`), dated on or before the date.
    pub(super) refunded: HashMap<EntryIndex, Decimal>,
    /// Payments and payouts with a bank reference: (reference, entry), in journal order.
    pub(super) bank_refs: Vec<(String, EntryIndex)>,
    /// Credit and debit notes with `ref:` to an invoice or bill: (target, note).
    pub(super) notes: Vec<(EntryIndex, EntryIndex)>,
    /// Revenue per contact in its own currency: [recent, usual] as of the date, then as of
    /// `since`.
    pub(super) revenue: Vec<[Decimal; 4]>,
    /// The parts of [recent, usual] as of the date counted gross for want of VAT information.
    pub(super) revenue_vat_unknown: Vec<[Decimal; 2]>,
}

/// Walks the entries once, in journal order.
pub(super) fn scan_entries(ctx: &Context<'_>) -> Pass {
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
        revenue_vat_unknown: vec![[Decimal::ZERO; 2]; if drops { book.contacts.len() } else { 0 }],
    };
    for (position, entry) in book.entries.iter().enumerate() {
        let index = position as EntryIndex;
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
            let counted = ctx.revenue.of(position, entry);
            let signed = entry.kind.signed(counted.amount);
            for (sum, span) in sums.iter_mut().zip(&revenue_spans) {
                if span.contains(entry.date) {
                    *sum += signed;
                }
            }
            if counted.vat_unknown {
                let unknown = &mut pass.revenue_vat_unknown[entry.contact as usize];
                for (sum, span) in unknown.iter_mut().zip(&revenue_spans) {
                    if span.contains(entry.date) {
                        *sum += entry.signed_amount();
                    }
                }
            }
        }
    }
    pass
}
