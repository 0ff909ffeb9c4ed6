//! class-drop: a valuable customer fell to a lower class of a ranked kind (ABC, RFM, frequency
//! and amount tiers, credit grade), between `days` before the as-of date and the as-of date.

use super::context::Context;
use super::{Alert, AlertKind, Severity};
use crate::report::metrics::{self, Analytics, ContactMetrics};
use crate::report::rfm::{AbcClass, RfmSegment, Tier};
use crate::report::score::Grade;
use crate::report::segments::{self, Segment};
use crate::tabular::Cell;
use chrono::{Days, NaiveDate};

/// A kind of class whose classes are ranked.
#[derive(Debug, Clone, Copy)]
enum Ranked {
    Abc,
    Rfm,
    Frequency,
    Amount,
    Grade,
}

impl Ranked {
    const ALL: [Ranked; 5] = [
        Ranked::Abc,
        Ranked::Rfm,
        Ranked::Frequency,
        Ranked::Amount,
        Ranked::Grade,
    ];

    /// A contact's class of this kind with its level, higher being better and 0 the lowest
    /// class; -1 outside every class of the kind because nothing was invoiced in the window.
    /// `None` when the class cannot be ranked: no credit grade, never invoiced (RFM).
    fn class(self, m: &ContactMetrics) -> Option<(Option<Segment>, i8)> {
        let tier = |t: Option<Tier>, of: fn(Tier) -> Segment| {
            let level = match t {
                Some(Tier::High) => 2,
                Some(Tier::Mid) => 1,
                Some(Tier::Low) => 0,
                None => -1,
            };
            (t.map(of), level)
        };
        Some(match self {
            Ranked::Abc => {
                let level = match m.abc {
                    Some(AbcClass::A) => 2,
                    Some(AbcClass::B) => 1,
                    Some(AbcClass::C) => 0,
                    None => -1,
                };
                (m.abc.map(Segment::Abc), level)
            }
            Ranked::Frequency => tier(m.frequency_tier, Segment::Frequency),
            Ranked::Amount => tier(m.amount_tier, Segment::Amount),
            Ranked::Rfm => {
                let rfm = m.rfm?;
                (Some(Segment::Rfm(rfm)), rfm_level(rfm))
            }
            Ranked::Grade => {
                let grade = m.grade?;
                let level = Grade::E as i8 - grade as i8;
                (Some(Segment::Grade(grade)), level)
            }
        })
    }
}

/// RFM's two levels: the customers worth the most (champions, loyal, can't lose), and the rest.
/// A new customer that does not come back is not a valuable customer lost, so only a fall from
/// the first level counts.
fn rfm_level(segment: RfmSegment) -> i8 {
    match segment {
        RfmSegment::Champions | RfmSegment::Loyal | RfmSegment::CantLose => 1,
        RfmSegment::PotentialLoyalists
        | RfmSegment::New
        | RfmSegment::AtRisk
        | RfmSegment::Hibernating
        | RfmSegment::Lost => 0,
    }
}

/// The names of the values of a figure: (figure, at the earlier date, at the as-of date).
const FIGURE_KEYS: &[(&str, &str, &str)] = &[
    ("revenue", "revenue_from", "revenue_to"),
    ("invoices", "invoices_from", "invoices_to"),
    (
        "revenue_percentile",
        "revenue_percentile_from",
        "revenue_percentile_to",
    ),
    (
        "invoices_percentile",
        "invoices_percentile_from",
        "invoices_percentile_to",
    ),
    ("recency_score", "recency_score_from", "recency_score_to"),
    (
        "frequency_score",
        "frequency_score_from",
        "frequency_score_to",
    ),
    ("monetary_score", "monetary_score_from", "monetary_score_to"),
    ("recency_days", "recency_days_from", "recency_days_to"),
    ("grade", "grade_from", "grade_to"),
    (
        "avg_days_to_pay",
        "avg_days_to_pay_from",
        "avg_days_to_pay_to",
    ),
    ("overdue", "overdue_from", "overdue_to"),
    ("balance", "balance_from", "balance_to"),
];

/// class-drop: every customer whose class of a ranked kind as of the date is lower than `days`
/// before it, from a class above the lowest. Raised only when the fall is new: the customer was
/// still above its present class as of since (or `days` before, the later of the two), so each
/// fall is alerted once.
pub(super) fn class_drops(ctx: &Context<'_>) -> Vec<Alert> {
    let book = ctx.book;
    let settings = metrics::Settings::of(book);
    let then_day = ctx
        .as_of
        .checked_sub_days(Days::new(ctx.settings.class_days.into()))
        .unwrap_or(NaiveDate::MIN);
    let at = |day| metrics::analyze(book, &settings, ctx.revenue, day, settings.window);
    let ((now, then), recent) = rayon::join(
        || rayon::join(|| at(ctx.as_of), || at(then_day)),
        || (ctx.since > then_day).then(|| at(ctx.since)),
    );
    let recent = recent.as_ref().unwrap_or(&then);
    let mut alerts = Vec::new();
    for (index, m) in now.contacts.iter().enumerate() {
        if !m.listed {
            continue;
        }
        for kind in Ranked::ALL {
            let (Some(was), Some(is), Some(lately)) = (
                kind.class(&then.contacts[index]),
                kind.class(m),
                kind.class(&recent.contacts[index]),
            ) else {
                continue;
            };
            if was.1 > 0 && is.1 < was.1 && lately.1 > is.1 {
                alerts.push(drop_alert(ctx, (&then, &now), index, (was.0, is.0)));
            }
        }
    }
    alerts
}

/// The alert of one fall, from class `from` as of `then` to `to` as of `now`.
fn drop_alert(
    ctx: &Context<'_>,
    (then, now): (&Analytics, &Analytics),
    index: usize,
    (from, to): (Option<Segment>, Option<Segment>),
) -> Alert {
    let name = |class: &Option<Segment>| class.as_ref().map(|s| s.name(&[]));
    let mut alert = ctx.alert(AlertKind::ClassDrop, Severity::Warn, Some(index as u32));
    alert.currency = now.contacts[index].currency;
    alert.new = Some(true);
    let shown = |class: &Option<Segment>| {
        name(class).unwrap_or_else(|| "no class (nothing invoiced in the window)".to_string())
    };
    alert.values = vec![
        ("from_class", name(&from).map_or(Cell::Null, Cell::from)),
        ("to_class", name(&to).map_or(Cell::Null, Cell::from)),
        ("compared_with", Cell::Date(then.as_of)),
    ];
    let mut figures = Vec::new();
    let reference = from.clone().or(to.clone()).unwrap_or(Segment::All);
    for figure in segments::figure_names(&reference, &[]) {
        let Some((_, key_from, key_to)) = FIGURE_KEYS.iter().find(|(f, ..)| *f == figure) else {
            continue;
        };
        let (Some(was), Some(is)) = (
            segments::figure(ctx.book, then, index, figure),
            segments::figure(ctx.book, now, index, figure),
        ) else {
            continue;
        };
        alert.values.push((key_from, was.clone()));
        alert.values.push((key_to, is.clone()));
        figures.push(segments::Figure {
            name: figure,
            from: was,
            to: is,
        });
    }
    alert.message = format!(
        "fell from {} to {} since {}: {}",
        shown(&from),
        shown(&to),
        then.as_of,
        segments::figures_text(&figures)
    );
    alert
}
