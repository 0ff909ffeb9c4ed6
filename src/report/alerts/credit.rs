//! credit: over or near the credit limit, or on hold.

use super::context::Context;
use super::{Alert, AlertKind, Severity, percent};
use crate::ledger::Ledger;
use crate::money::format_amount;
use crate::report::credit::{self, CreditRow, Status};
use crate::tabular::Cell;
use chrono::Days;
use rust_decimal::Decimal;
use std::collections::HashMap;

fn utilization_cell(row: &CreditRow) -> Cell<'static> {
    row.utilization.map_or(Cell::Null, Cell::Decimal)
}

/// credit: the credit report as of the date against the credit report as of `since`.
/// Errs when the book has rates but none converts a customer's other currency to its limit's.
pub(super) fn credit_alerts(
    ctx: &Context<'_>,
    ledger: &Ledger,
    then: &Ledger,
) -> crate::error::Result<Vec<Alert>> {
    let book = ctx.book;
    let config = &book.config.credit;
    let now = credit::credit(book, ledger)?;
    let before = credit::credit(book, then)?;
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
                ("status", Cell::from(row.status.as_str())),
                ("status_before", Cell::from(was.as_str())),
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
                ("status", Cell::from("hold")),
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
    Ok(alerts)
}
