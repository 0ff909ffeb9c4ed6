//! duplicate-payment: the same payment twice, by amount and date or by bank reference.

use super::context::Context;
use super::per_contact::Row;
use super::{Alert, AlertKind};
use crate::journal::{EntryIndex, Kind, NO_REFERENCE};
use crate::money::format_amount;
use crate::tabular::Cell;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

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
pub(super) fn same_day_duplicates(
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
                ("repeats", Cell::from(ctx.id(earlier.index).to_string())),
                ("reference", Cell::Null),
            ];
            alerts.push(alert);
        }
    }
}

/// duplicate-payment across the book: a payment (or payout) with the same bank reference as an
/// earlier one of the same kind, unless already reported or refunded in full.
pub(super) fn bank_duplicates(
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
            ("repeats", Cell::from(ctx.id(earlier).to_string())),
            ("reference", Cell::from(reference.clone())),
        ];
        alerts.push(alert);
    }
    alerts
}
