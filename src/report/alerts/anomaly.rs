//! Entries that look wrong: unusual-amount, oversized-credit and overpayment (duplicate-payment
//! is in `duplicates`, future-entry and early-entry in `entry_pass`).

use super::context::Context;
use super::per_contact::Row;
use super::{Alert, AlertKind};
use crate::journal::{EntryIndex, Kind};
use crate::ledger::Ledger;
use crate::money::{Currency, format_amount};
use crate::report::anomaly::Spread;
use crate::report::credit;
use crate::tabular::Cell;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// unusual-amount for one contact: per kind (invoice, payment) and currency, each amount against
/// the median and MAD of all of them.
pub(super) fn unusual_amounts(ctx: &Context<'_>, rows: &[Row], alerts: &mut Vec<Alert>) {
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

/// oversized-credit: credit notes on an invoice (debit notes on a bill) that add up to more than
/// it, reported at the note that goes over.
pub(super) fn oversized_credits(
    ctx: &Context<'_>,
    notes: &[(EntryIndex, EntryIndex)],
) -> Vec<Alert> {
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
                ("refers_to", Cell::from(ctx.id(target).to_string())),
            ];
            alerts.push(alert);
        }
    }
    alerts
}

/// overpayment: a payment that was larger than everything open on its date and whose excess is
/// still unapplied, none of it used since. A deposit whose `ref:` names a later invoice is
/// expected.
pub(super) fn overpayments(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
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
