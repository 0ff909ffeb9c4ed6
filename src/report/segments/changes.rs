//! `folio segments --changes`: which customers entered or left each segment and class between
//! two dates, with the figures that moved them.
//!
//! Membership is computed at each date exactly as `folio segments --as-of` computes it (each date
//! with its own as-of and window) and the two member sets are compared, so the changes are by
//! construction the difference of the two listings. Every segment `folio segments` lists takes
//! part, the built-in classes of any kind included: a class kind is recognised by its segments
//! sharing a [`Segment::kind`], not by name.

use super::{Env, Rule, Segment, VARIABLES, failure_note, members};
use crate::book::Book;
use crate::error::Result;
use crate::money::Currency;
use crate::report::metrics::{Analytics, ContactMetrics};
use crate::tabular::{Cell, Column, Rows, Tabular};
use cel::context::VariableResolver;
use cel::objects::Value;
use serde::ser::{SerializeMap, Serializer};

/// Whether a customer came into a segment or went out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A member at the second date, not at the first.
    Entered,
    /// A member at the first date, not at the second.
    Left,
}

impl Change {
    /// `entered` or `left`.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Entered => "entered",
            Change::Left => "left",
        }
    }
}

/// One figure of a customer at both dates, named as a rule names it (docs/segments.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The name, e.g. `revenue` or `recency_score`.
    pub name: &'static str,
    /// Its value at the first date.
    pub from: Cell<'static>,
    /// Its value at the second date.
    pub to: Cell<'static>,
}

/// One customer entering or leaving one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentChange {
    /// The segment's name.
    pub segment: String,
    /// rule, rfm, abc, frequency, amount, grade, all, ...
    pub kind: &'static str,
    /// The contact's id.
    pub contact: String,
    /// The contact's name.
    pub name: String,
    /// The currency of the amounts among the figures: the contact's, else the book's.
    pub currency: Option<Currency>,
    /// Entered or left.
    pub change: Change,
    /// For a class: the customer's class of this kind at the first date, if any.
    pub from_class: Option<String>,
    /// For a class: the customer's class of this kind at the second date, if any.
    pub to_class: Option<String>,
    /// The figures behind the change, at both dates.
    pub figures: Vec<Figure>,
}

/// `folio segments --changes`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesReport {
    /// One row per customer and segment whose membership differs, segments in the order of
    /// `folio segments`, then contacts by id.
    pub rows: Vec<SegmentChange>,
    /// Sentences for a person.
    pub notes: Vec<String>,
}

/// Every segment with its members at both dates.
struct Memberships {
    segments: Vec<Segment>,
    before: Vec<Vec<bool>>,
    after: Vec<Vec<bool>>,
}

impl Memberships {
    /// The class of `kind` a contact is in, at the first date (`after` false) or the second.
    fn class_of(&self, kind: &str, contact: usize, after: bool) -> Option<Segment> {
        let sets = if after { &self.after } else { &self.before };
        self.segments
            .iter()
            .zip(sets)
            .find(|(segment, members)| segment.kind() == kind && members[contact])
            .map(|(segment, _)| segment.clone())
    }
}

/// The changes of every segment between `before` and `after` (the analytics at the two dates).
/// Errs when a rule is refused at either date.
pub fn changes(
    book: &Book,
    rules: &[Rule],
    before: &Analytics,
    after: &Analytics,
) -> Result<ChangesReport> {
    let mut segments: Vec<Segment> = (0..rules.len()).map(Segment::Rule).collect();
    segments.extend(Segment::built_ins());
    let all = segments.pop();
    segments.extend(Segment::families(book));
    segments.extend(all);
    let mut notes = Vec::new();
    let mut sets = |analytics: &Analytics| -> Result<Vec<Vec<bool>>> {
        let mut all = Vec::new();
        for segment in &segments {
            let outcome = members(book, analytics, rules, segment.clone())?;
            let note = failure_note(&segment.name(rules), &outcome)
                .map(|note| format!("as of {}: {note}", analytics.as_of));
            notes.extend(note);
            all.push(outcome.members);
        }
        Ok(all)
    };
    let memberships = Memberships {
        before: sets(before)?,
        after: sets(after)?,
        segments: segments.clone(),
    };
    let mut rows = Vec::new();
    for (position, segment) in segments.iter().enumerate() {
        let (was, is) = (&memberships.before[position], &memberships.after[position]);
        for index in (0..book.contacts.len()).filter(|&i| was[i] != is[i]) {
            let change = if is[index] {
                Change::Entered
            } else {
                Change::Left
            };
            let at = (before, after);
            rows.push(row(
                book,
                rules,
                &memberships,
                segment.clone(),
                (index, change),
                at,
            ));
        }
    }
    Ok(ChangesReport { rows, notes })
}

/// The row of one contact whose membership of `segment` changed.
fn row(
    book: &Book,
    rules: &[Rule],
    memberships: &Memberships,
    segment: Segment,
    (index, change): (usize, Change),
    (before, after): (&Analytics, &Analytics),
) -> SegmentChange {
    let contact = &book.contacts[index];
    let kind = segment.kind();
    let is_class = !matches!(segment, Segment::Rule(_) | Segment::All);
    let class = |after| {
        is_class
            .then(|| memberships.class_of(kind, index, after))
            .flatten()
            .map(|s| s.name(rules))
    };
    let figures = figure_names(&segment, rules)
        .into_iter()
        .filter_map(|name| {
            let from = figure(book, before, index, name)?;
            let to = figure(book, after, index, name)?;
            Some(Figure { name, from, to })
        })
        .collect();
    SegmentChange {
        segment: segment.name(rules),
        kind,
        contact: contact.id.clone(),
        name: contact.name.clone(),
        currency: after.contacts[index].currency,
        change,
        from_class: class(false),
        to_class: class(true),
        figures,
    }
}

/// What is shown when nothing more telling is known.
const DEFAULT_FIGURES: &[&str] = &["revenue", "invoices", "balance", "overdue"];

/// The names whose values explain a move in or out of `segment`: a rule's own names, and for
/// each class kind the metrics it is computed from.
pub(crate) fn figure_names(segment: &Segment, rules: &[Rule]) -> Vec<&'static str> {
    let names: &[&'static str] = match segment {
        Segment::Rule(i) => {
            let used = rules[*i].program.references();
            let used = used.variables();
            let names: Vec<&'static str> = VARIABLES
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| *name != "custom" && used.contains(name))
                .collect();
            if names.is_empty() {
                return vec!["revenue", "balance", "overdue"];
            }
            return names;
        }
        Segment::Rfm(_) => &[
            "recency_score",
            "frequency_score",
            "monetary_score",
            "recency_days",
            "invoices",
            "revenue",
        ],
        Segment::Abc(_) | Segment::Amount(_) => &["revenue", "revenue_percentile", "invoices"],
        Segment::Frequency(_) => &["invoices", "invoices_percentile", "revenue"],
        Segment::Grade(_) => &["grade", "avg_days_to_pay", "overdue", "balance"],
        _ => DEFAULT_FIGURES,
    };
    names.to_vec()
}

/// The value of `name` for the contact at `index` as a rule sees it, as a cell: amounts exact,
/// in the contact's currency; or `revenue_percentile` and `invoices_percentile`, its rank among
/// the customers the classes rank ([`percentile`]). `None` for a map (`custom`), which has no
/// one value to show.
pub(crate) fn figure(
    book: &Book,
    analytics: &Analytics,
    index: usize,
    name: &str,
) -> Option<Cell<'static>> {
    let metrics = &analytics.contacts[index];
    let contact = &book.contacts[index];
    let amount = |value: Option<rust_decimal::Decimal>| value.map_or(Cell::Null, Cell::Amount);
    Some(match name {
        "revenue_percentile" => percentile(analytics, index, |m| m.revenue),
        "invoices_percentile" => percentile(analytics, index, |m| m.invoices.into()),
        "revenue" => Cell::Amount(metrics.revenue),
        "revenue_vat_unknown" => Cell::Amount(metrics.revenue_vat_unknown.amount),
        "average_invoice" => amount(metrics.average_invoice),
        "balance" => Cell::Amount(metrics.balance),
        "overdue" => Cell::Amount(metrics.overdue),
        "credit_limit" => amount(contact.credit_limit),
        "avg_days_to_pay" => metrics.avg_days_to_pay.map_or(Cell::Null, Cell::Decimal),
        _ => {
            let env = Env {
                book,
                contact,
                metrics,
            };
            value_cell(env.resolve(name)?)?
        }
    })
}

/// The mid-rank percentile of a contact's `value` among the listed customers of its currency
/// invoiced in the window, the population the tiers and ABC classes rank (docs/analytics.md),
/// 4 decimals; null for a contact outside it.
fn percentile(
    analytics: &Analytics,
    index: usize,
    value: impl Fn(&ContactMetrics) -> rust_decimal::Decimal,
) -> Cell<'static> {
    let own = &analytics.contacts[index];
    if !(own.listed && own.active() && own.currency.is_some()) {
        return Cell::Null;
    }
    let mine = value(own);
    let (mut below, mut equal, mut all) = (0u64, 0u64, 0u64);
    for other in analytics.contacts.iter() {
        if other.listed && other.active() && other.currency == own.currency {
            all += 1;
            match value(other).cmp(&mine) {
                std::cmp::Ordering::Less => below += 1,
                std::cmp::Ordering::Equal => equal += 1,
                std::cmp::Ordering::Greater => {}
            }
        }
    }
    // The mid-rank of crate::report::rfm::percentile_ranks: (2 x below + equal) / (2 x n).
    let (numerator, denominator) = (2 * below + equal, 2 * all);
    crate::report::metrics::ratio(numerator.into(), denominator.into(), 4)
        .map_or(Cell::Null, Cell::Decimal)
}

/// A rule's value as a cell; `None` for a map.
fn value_cell(value: Value) -> Option<Cell<'static>> {
    Some(match value {
        Value::Null => Cell::Null,
        Value::Int(n) => Cell::Integer(n),
        Value::UInt(n) => Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX)),
        Value::Bool(b) => Cell::Bool(b),
        Value::String(s) => Cell::from(s.to_string()),
        Value::Float(f) => Cell::from(f.to_string()),
        Value::List(items) => Cell::from(
            items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => return None,
    })
}

/// The figures in one line: `revenue 12000.00 -> 9000.00, invoices 6 -> 4`.
pub fn figures_text(figures: &[Figure]) -> String {
    let shown = |cell: &Cell| match cell {
        Cell::Null => "-".to_string(),
        other => other.to_text(),
    };
    figures
        .iter()
        .map(|f| format!("{} {} -> {}", f.name, shown(&f.from), shown(&f.to)))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Tabular for ChangesReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("segment"),
            Column::text("kind").priority(2),
            Column::text("contact"),
            Column::text("name").priority(3),
            Column::text("currency").priority(5),
            Column::text("change"),
            Column::text("from_class").priority(1),
            Column::text("to_class").priority(1),
            Column::prose("figures").priority(4),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let class = |c: &Option<String>| Cell::from(c.clone());
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.segment.clone()),
                    Cell::from(row.kind.to_string()),
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    row.currency
                        .map_or(Cell::Null, |c| Cell::from(c.to_string())),
                    Cell::from(row.change.as_str().to_string()),
                    class(&row.from_class),
                    class(&row.to_class),
                    Cell::from(figures_text(&row.figures)),
                ]
            })
            .collect()
    }
}

/// The figures at one of the two dates, as a JSON object.
struct FiguresAt<'a>(&'a [Figure], bool);

impl serde::Serialize for FiguresAt<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for figure in self.0 {
            let cell = if self.1 { &figure.to } else { &figure.from };
            map.serialize_entry(figure.name, cell)?;
        }
        map.end()
    }
}

impl serde::Serialize for SegmentChange {
    /// The JSON of docs/commands/segments.md: segment, kind, contact, name, currency, change,
    /// from_class, to_class, from, to.
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("segment", &self.segment)?;
        map.serialize_entry("kind", self.kind)?;
        map.serialize_entry("contact", &self.contact)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("currency", &self.currency.as_ref().map(Currency::as_str))?;
        map.serialize_entry("change", self.change.as_str())?;
        map.serialize_entry("from_class", &self.from_class)?;
        map.serialize_entry("to_class", &self.to_class)?;
        map.serialize_entry("from", &FiguresAt(&self.figures, false))?;
        map.serialize_entry("to", &FiguresAt(&self.figures, true))?;
        map.end()
    }
}
