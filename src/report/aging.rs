//! `folio aging`: open items by how long they are past due, per contact and currency.
//!
//! Columns: `current` (not yet due: days past due <= 0), one per bucket, `unapplied` (unapplied
//! credits, negative) and `total`. For bounds [b1, ..., bn] the buckets are `1-b1`,
//! `(b1+1)-b2`, ..., `bn+` (more than bn days). The columns of a row add up to its balance.

use super::Scope;
use crate::book::Book;
use crate::journal::{EntryIndex, Kind};
use crate::ledger::{Ledger, days_past_due};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The aging buckets: bounds in days past due and their labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buckets {
    bounds: Vec<u32>,
    labels: Vec<String>,
}

impl Buckets {
    /// Buckets from validated, strictly increasing positive bounds.
    pub fn new(bounds: &[u32]) -> Buckets {
        let mut labels = Vec::with_capacity(bounds.len() + 1);
        let mut low = 1;
        for &high in bounds {
            labels.push(format!("{low}-{high}"));
            // A bound of u32::MAX days is allowed (folio.toml only asks for increasing bounds).
            low = high.saturating_add(1);
        }
        labels.push(format!("{}+", bounds.last().copied().unwrap_or(0)));
        Buckets {
            bounds: bounds.to_vec(),
            labels,
        }
    }

    /// The labels of the past-due buckets, oldest last (`1-30` ... `90+`).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The column of an item `days` past due: `None` when current, else the bucket index.
    pub fn index(&self, days: i64) -> Option<usize> {
        if days <= 0 {
            return None;
        }
        Some(
            self.bounds
                .iter()
                .position(|&bound| days <= i64::from(bound))
                .unwrap_or(self.bounds.len()),
        )
    }

    /// The label of an item `days` past due (`current` when not yet due).
    pub fn label(&self, days: i64) -> &str {
        self.index(days).map_or("current", |i| &self.labels[i])
    }
}

/// One contact in one currency, aged.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingRow {
    /// Contact id (empty on total rows).
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Currency.
    pub currency: Currency,
    /// Open items not yet past due.
    pub current: Decimal,
    /// Open items per past-due bucket, in label order.
    pub buckets: Vec<Decimal>,
    /// Unapplied credits, as a negative amount.
    pub unapplied: Decimal,
    /// The sum of all columns: the balance.
    pub total: Decimal,
}

/// One open item or unapplied credit, for `--detail`: a view of its entry in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingItem<'a> {
    /// Contact id.
    pub contact: &'a str,
    /// Contact name.
    pub name: &'a str,
    /// Currency.
    pub currency: Currency,
    /// Document id.
    pub document: &'a str,
    /// Its kind.
    pub kind: Kind,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// Days past due as of the report date (negative when not yet due).
    pub days_past_due: i64,
    /// The document's amount.
    pub amount: Decimal,
    /// What is open: positive for items, negative for unapplied credits.
    pub open: Decimal,
    /// `current`, a bucket label, or `unapplied`.
    pub bucket: &'a str,
    /// Disputed on the report date (`folio dispute`).
    pub disputed: bool,
    /// The last day of a promise to pay covering it on the report date (`folio promise`).
    pub promised_until: Option<NaiveDate>,
}

/// An open item or unapplied credit as the report keeps it: its entry and what the book does not
/// hold; [`AgedEntry::item`] reads the rest from the book when it is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgedEntry {
    /// The document's entry.
    pub entry: EntryIndex,
    /// Days past due as of the report date (negative when not yet due).
    pub days_past_due: i64,
    /// What is open: positive for items, negative for unapplied credits.
    pub open: Decimal,
    /// An unapplied credit rather than an open item.
    pub unapplied: bool,
    /// Disputed on the report date.
    pub disputed: bool,
    /// The last day of a promise to pay covering it on the report date.
    pub promised_until: Option<NaiveDate>,
}

impl AgedEntry {
    /// The item with its contact, document and bucket, as the report shows it.
    pub fn item<'a>(&self, book: &'a Book, buckets: &'a Buckets) -> AgingItem<'a> {
        let entry = &book.entries[self.entry as usize];
        let contact = book.entry_contact(entry);
        // A payment in another currency is open in the currency it settles.
        let (amount, currency) = book.allocated(self.entry);
        AgingItem {
            contact: &contact.id,
            name: &contact.name,
            currency,
            document: book.entry_id(entry),
            kind: entry.kind,
            date: entry.date,
            due: entry.due,
            days_past_due: self.days_past_due,
            amount,
            open: self.open,
            bucket: if self.unapplied {
                "unapplied"
            } else {
                buckets.label(self.days_past_due)
            },
            disputed: self.disputed,
            promised_until: self.promised_until,
        }
    }
}

/// The aging report.
#[derive(Debug, Clone, PartialEq)]
pub struct AgingReport {
    /// The buckets used.
    pub buckets: Buckets,
    /// Rows with a non-zero column, by contact id then currency.
    pub rows: Vec<AgingRow>,
    /// One total per currency.
    pub totals: Vec<AgingRow>,
    /// Every open item and unapplied credit of the rows, for `--detail`.
    pub items: Vec<AgedEntry>,
}

/// Ages the ledger's open items as of the scope's date.
pub fn aging(
    book: &Book,
    ledger: &Ledger,
    scope: &Scope,
    buckets: &Buckets,
    detail: bool,
) -> AgingReport {
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for account in ledger
        .accounts
        .iter()
        .filter(|a| scope.includes(a.contact, a.currency))
    {
        let contact = &book.contacts[account.contact as usize];
        let mut row = AgingRow {
            contact: contact.id.clone(),
            name: contact.name.clone(),
            currency: account.currency,
            current: Decimal::ZERO,
            buckets: vec![Decimal::ZERO; buckets.labels.len()],
            unapplied: Decimal::ZERO,
            total: Decimal::ZERO,
        };
        for item in &account.open_items {
            let days = days_past_due(item.due, scope.as_of);
            match buckets.index(days) {
                None => row.current += item.open,
                Some(i) => row.buckets[i] += item.open,
            }
            if detail {
                let collections = &book.collections;
                items.push(AgedEntry {
                    entry: item.entry,
                    days_past_due: days,
                    open: item.open,
                    unapplied: false,
                    disputed: collections.is_disputed(item.entry, scope.as_of),
                    promised_until: collections.promised_until(
                        item.entry,
                        account.contact,
                        scope.as_of,
                    ),
                });
            }
        }
        for credit in &account.unapplied {
            row.unapplied -= credit.open;
            if detail {
                let entry = &book.entries[credit.entry as usize];
                items.push(AgedEntry {
                    entry: credit.entry,
                    days_past_due: days_past_due(entry.due, scope.as_of),
                    open: -credit.open,
                    unapplied: true,
                    disputed: false,
                    promised_until: None,
                });
            }
        }
        row.total = row.current + row.buckets.iter().sum::<Decimal>() + row.unapplied;
        let non_zero = !row.current.is_zero()
            || !row.unapplied.is_zero()
            || row.buckets.iter().any(|b| !b.is_zero());
        if non_zero {
            rows.push(row);
        }
    }
    let mut totals: BTreeMap<Currency, AgingRow> = BTreeMap::new();
    for row in &rows {
        let total = totals.entry(row.currency).or_insert_with(|| AgingRow {
            contact: String::new(),
            name: String::new(),
            currency: row.currency,
            current: Decimal::ZERO,
            buckets: vec![Decimal::ZERO; row.buckets.len()],
            unapplied: Decimal::ZERO,
            total: Decimal::ZERO,
        });
        total.current += row.current;
        for (sum, value) in total.buckets.iter_mut().zip(&row.buckets) {
            *sum += value;
        }
        total.unapplied += row.unapplied;
        total.total += row.total;
    }
    AgingReport {
        buckets: buckets.clone(),
        rows,
        totals: totals.into_values().collect(),
        items,
    }
}

impl Tabular for AgingReport {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("contact"),
            Column::prose("name").priority(5),
            Column::text("currency"),
            Column::money("current").priority(3),
        ];
        // The oldest buckets say most: the first past-due bucket goes before the others.
        columns.extend(
            self.buckets
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| Column::money(label).priority(if i == 0 { 2 } else { 1 })),
        );
        columns.push(Column::money("unapplied").priority(4));
        columns.push(Column::money("total"));
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.rows.iter().map(aging_cells).collect()
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        self.totals
            .iter()
            .map(|row| {
                let mut cells = aging_cells(row);
                cells[0] = Cell::from("Total");
                cells
            })
            .collect()
    }
}

fn aging_cells(row: &AgingRow) -> Vec<Cell<'_>> {
    let mut cells = vec![
        Cell::from(row.contact.as_str()),
        Cell::from(row.name.as_str()),
        Cell::from(row.currency.to_string()),
        Cell::Amount(row.current),
    ];
    cells.extend(row.buckets.iter().map(|&b| Cell::Amount(b)));
    cells.push(Cell::Amount(row.unapplied));
    cells.push(Cell::Amount(row.total));
    cells
}

/// The `--detail` view: one row per open item and unapplied credit.
pub struct AgingDetail<'a> {
    /// The report.
    pub report: &'a AgingReport,
    /// The book the items are read from.
    pub book: &'a Book,
}

impl Tabular for AgingDetail<'_> {
    fn columns(&self) -> Vec<Column> {
        detail_columns()
    }

    fn rows(&self) -> Rows<'_> {
        let items = &self.report.items;
        Rows::on_demand(items.len(), |index| {
            item_cells(&items[index].item(self.book, &self.report.buckets))
        })
    }
}

/// The columns of [`AgingDetail`].
pub fn detail_columns() -> Vec<Column> {
    vec![
        Column::text("contact"),
        Column::prose("name").priority(4),
        Column::text("currency"),
        Column::text("document"),
        Column::text("kind").priority(3),
        Column::text("date").priority(5),
        Column::text("due").priority(2),
        Column::amount("days_past_due"),
        Column::money("amount").priority(3),
        Column::money("open"),
        Column::text("bucket").priority(1),
        Column::text("disputed").priority(6),
        Column::text("promised_until").priority(6),
    ]
}

/// The cells of one `--detail` row, in [`AgingDetail`]'s column order.
pub fn item_cells<'a>(item: &AgingItem<'a>) -> Vec<Cell<'a>> {
    vec![
        Cell::from(item.contact),
        Cell::from(item.name),
        Cell::from(item.currency.to_string()),
        Cell::from(item.document),
        Cell::from(item.kind.as_str()),
        Cell::Date(item.date),
        Cell::Date(item.due),
        Cell::Integer(item.days_past_due),
        Cell::Amount(item.amount),
        Cell::Amount(item.open),
        Cell::from(item.bucket),
        Cell::Bool(item.disputed),
        item.promised_until.map_or(Cell::Null, Cell::Date),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_edges() {
        let buckets = Buckets::new(&[30, 60, 90]);
        assert_eq!(buckets.labels(), ["1-30", "31-60", "61-90", "90+"]);
        let cases = [
            (-5, "current"),
            (0, "current"),
            (1, "1-30"),
            (30, "1-30"),
            (31, "31-60"),
            (60, "31-60"),
            (61, "61-90"),
            (90, "61-90"),
            (91, "90+"),
        ];
        for (days, label) in cases {
            assert_eq!(buckets.label(days), label, "{days}");
        }
        assert_eq!(Buckets::new(&[7]).labels(), ["1-7", "7+"]);
    }
}
