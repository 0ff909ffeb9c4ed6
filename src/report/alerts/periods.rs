//! The periods behaviour rules compare: a recent one and the usual one before it, as of the
//! date and as of `since`.

use super::context::Context;
use crate::report::metrics::Window;
use chrono::NaiveDate;

/// Dates after `after` up to `until`, both as of some day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    after: NaiveDate,
    until: NaiveDate,
}

impl Span {
    pub(super) fn contains(self, date: NaiveDate) -> bool {
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

/// revenue-drop's periods: recent and usual as of the date, then as of `since`.
pub(super) fn revenue_spans(ctx: &Context<'_>) -> [Span; 4] {
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
pub(super) fn payment_spans(ctx: &Context<'_>) -> [Span; 4] {
    let s = ctx.settings;
    let (recent, usual) = (Window::Days(s.recent_days), Window::Days(s.baseline_days));
    let [a, b] = periods(ctx.as_of, recent, usual);
    let [c, d] = periods(ctx.since, recent, usual);
    [a, b, c, d]
}
