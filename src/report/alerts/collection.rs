//! collection: open items crossing an aging bucket or a dunning level.

use super::context::Context;
use super::{Alert, AlertKind, Severity};
use crate::book::sends::SendLog;
use crate::ledger::{Ledger, days_past_due};
use crate::money::format_amount;
use crate::report::aging::Buckets;
use crate::tabular::Cell;
use chrono::Days;

/// collection: open receivable items that crossed an aging bucket or a dunning level after
/// `since`.
pub(super) fn collection_alerts(ctx: &Context<'_>, ledger: &Ledger, log: &SendLog) -> Vec<Alert> {
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
                ("bucket", Cell::from(buckets.label(now).to_string())),
                (
                    "bucket_before",
                    Cell::from(buckets.label(before).to_string()),
                ),
                (
                    "dunning_level",
                    level.map_or(Cell::Null, |(n, _)| Cell::Integer(n as i64)),
                ),
                (
                    "last_sent",
                    last.map_or(Cell::Null, |(sent, _)| Cell::from(sent.as_text())),
                ),
                ("amount", Cell::Amount(entry.amount)),
                ("open", Cell::Amount(item.open)),
            ];
            alerts.push(alert);
        }
    }
    alerts
}
