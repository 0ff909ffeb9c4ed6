//! The rules that look at one contact's entries together, on rows copied out of the book.

use super::context::Context;
use super::{Alert, AlertKind, anomaly, behaviour, duplicates};
use crate::journal::{Entry, EntryIndex, Kind, NO_REFERENCE};
use crate::money::Currency;
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What the per-contact rules need of one entry, copied out of the book so that each contact's
/// entries lie together in memory.
#[derive(Debug, Clone, Copy)]
pub(super) struct Row {
    pub(super) index: EntryIndex,
    pub(super) date: NaiveDate,
    pub(super) kind: Kind,
    pub(super) currency: Currency,
    pub(super) amount: Decimal,
    pub(super) reference: EntryIndex,
}

/// The rules that look at one contact's entries together, for every contact in parallel:
/// unusual-amount, duplicate-payment (same contact, amount and date) and gone-quiet. Only
/// entries dated on or before the as-of date count.
pub(super) fn contact_alerts(
    ctx: &Context<'_>,
    refunded: &HashMap<EntryIndex, Decimal>,
) -> Vec<Alert> {
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
                    anomaly::unusual_amounts(ctx, rows, &mut alerts);
                }
                if ctx.on(AlertKind::DuplicatePayment) {
                    duplicates::same_day_duplicates(ctx, rows, refunded, &mut alerts);
                }
                if ctx.on(AlertKind::GoneQuiet) {
                    behaviour::gone_quiet(ctx, contact as u32, rows, &mut alerts);
                }
            }
            alerts
        })
        .collect()
}
