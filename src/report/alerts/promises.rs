//! broken-promise: a promise to pay not kept by its last day.

use super::context::Context;
use super::{Alert, AlertKind, Severity};
use crate::journal::Side;
use crate::ledger::Ledger;
use crate::money::format_amount;
use crate::report::collections::{self, Outcome};
use crate::tabular::Cell;

/// broken-promise: every promise broken after `since` (broken on the day after its last day).
/// Those broken on or before `since` were raised by an earlier run and are not raised again, so
/// each broken promise is alerted once.
pub(super) fn broken_promises(ctx: &Context<'_>) -> Vec<Alert> {
    let book = ctx.book;
    if book.collections.promises.is_empty() {
        return Vec::new();
    }
    let ledger = Ledger::build(book, Side::Receivables, ctx.as_of, true);
    let mut alerts = Vec::new();
    for state in collections::promises(book, &ledger) {
        let Outcome::Broken(day) = state.outcome else {
            continue;
        };
        if day <= ctx.since {
            continue;
        }
        let promise = state.promise;
        let mut alert = ctx.event(
            AlertKind::BrokenPromise,
            Severity::Warn,
            Some(promise.contact),
            day,
        );
        let covers = match promise.covers {
            crate::book::collections::Covers::Document(entry) => {
                alert.document = Some(ctx.id(entry).to_string());
                ctx.id(entry).to_string()
            }
            crate::book::collections::Covers::Contact(_) => "all open items".to_string(),
        };
        alert.message = format!(
            "promise of {} to pay {} by {} not kept: {} of {} paid",
            promise.date,
            covers,
            promise.until,
            format_amount(state.settled),
            format_amount(state.target)
        );
        alert.values = vec![
            ("promised_on", Cell::Date(promise.date)),
            ("until", Cell::Date(promise.until)),
            ("promised", Cell::Amount(state.target)),
            ("paid", Cell::Amount(state.settled)),
        ];
        alerts.push(alert);
    }
    alerts
}
