//! `folio overdue`: every overdue item across contacts, oldest first, with how to reach the
//! contact.

use super::Scope;
use crate::book::Book;
use crate::journal::EntryIndex;
use crate::ledger::{Ledger, days_past_due};
use crate::money::Currency;
use crate::output::{Cell, Column, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One overdue item.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueItem {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// E-mail, if known.
    pub email: Option<String>,
    /// Phone, if known.
    pub phone: Option<String>,
    /// Currency.
    pub currency: Currency,
    /// Document id.
    pub document: String,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// Days past due (at least `min_days`).
    pub days_past_due: i64,
    /// The document's amount.
    pub amount: Decimal,
    /// What is still open.
    pub open: Decimal,
}

/// The overdue list, most days past due first (ties: contact id, then document date).
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueReport {
    /// The items.
    pub items: Vec<OverdueItem>,
}

/// Lists open items at least `min_days` past due.
pub fn overdue(book: &Book, ledger: &Ledger, scope: &Scope, min_days: i64) -> OverdueReport {
    let (items, _) = most_overdue(book, ledger, scope, min_days, usize::MAX);
    OverdueReport { items }
}

/// The first `limit` items of [`overdue`]'s list, and how many the whole list has. A large book
/// has tens of thousands of overdue items: they are ordered by numbers first, and only the ones
/// kept are given their names and ids.
pub fn most_overdue(
    book: &Book,
    ledger: &Ledger,
    scope: &Scope,
    min_days: i64,
    limit: usize,
) -> (Vec<OverdueItem>, usize) {
    struct Candidate {
        days: i64,
        contact: u32,
        date: NaiveDate,
        entry: EntryIndex,
        open: Decimal,
    }
    let mut candidates = Vec::new();
    for account in ledger
        .accounts
        .iter()
        .filter(|a| scope.includes(a.contact, a.currency))
    {
        for item in &account.open_items {
            let days = days_past_due(item.due, scope.as_of);
            if days >= min_days.max(1) {
                candidates.push(Candidate {
                    days,
                    contact: account.contact,
                    date: book.entries[item.entry as usize].date,
                    entry: item.entry,
                    open: item.open,
                });
            }
        }
    }
    // Contacts are in id order, so comparing their indices compares their ids.
    let document = |c: &Candidate| book.entry_id(&book.entries[c.entry as usize]);
    candidates.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then_with(|| a.contact.cmp(&b.contact))
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| document(a).cmp(document(b)))
    });
    let total = candidates.len();
    candidates.truncate(limit);
    let items = candidates
        .into_iter()
        .map(|candidate| {
            let contact = &book.contacts[candidate.contact as usize];
            let entry = &book.entries[candidate.entry as usize];
            OverdueItem {
                contact: contact.id.clone(),
                name: contact.name.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
                currency: entry.currency,
                document: book.entry_id(entry).to_string(),
                date: entry.date,
                due: entry.due,
                days_past_due: candidate.days,
                amount: entry.amount,
                open: candidate.open,
            }
        })
        .collect();
    (items, total)
}

impl Tabular for OverdueReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::text("name"),
            Column::text("email"),
            Column::text("phone"),
            Column::text("currency"),
            Column::text("document"),
            Column::text("date"),
            Column::text("due"),
            Column::amount("days_past_due"),
            Column::amount("amount"),
            Column::amount("open"),
        ]
    }

    fn rows(&self) -> Vec<Vec<Cell>> {
        self.items
            .iter()
            .map(|item| {
                vec![
                    Cell::Text(item.contact.clone()),
                    Cell::Text(item.name.clone()),
                    item.email.clone().into(),
                    item.phone.clone().into(),
                    Cell::Text(item.currency.to_string()),
                    Cell::Text(item.document.clone()),
                    Cell::Date(item.date),
                    Cell::Date(item.due),
                    Cell::Integer(item.days_past_due),
                    Cell::Amount(item.amount),
                    Cell::Amount(item.open),
                ]
            })
            .collect()
    }
}
