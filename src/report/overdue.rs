//! `folio overdue`: every overdue item across contacts, oldest first, with how to reach the
//! contact.

use super::Scope;
use crate::book::Book;
use crate::journal::EntryIndex;
use crate::ledger::{Ledger, days_past_due};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One overdue item, as a view of its entry and contact in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct OverdueItem<'a> {
    /// Contact id.
    pub contact: &'a str,
    /// Contact name.
    pub name: &'a str,
    /// E-mail, if known.
    pub email: Option<&'a str>,
    /// Phone, if known.
    pub phone: Option<&'a str>,
    /// Currency.
    pub currency: Currency,
    /// Document id.
    pub document: &'a str,
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
    /// Disputed on the report date (`folio dispute`).
    pub disputed: bool,
    /// The last day of a promise to pay covering it on the report date (`folio promise`).
    pub promised_until: Option<NaiveDate>,
}

/// An overdue item as the report keeps it: its entry and what the book does not hold, with the
/// contact and date copied for sorting (looked up in the entries, they would be a cache miss per
/// comparison on a large book). A view ([`OverdueItem`]) is made when it is read.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Overdue {
    days: i64,
    contact: u32,
    date: NaiveDate,
    entry: EntryIndex,
    open: Decimal,
}

/// The overdue list, most days past due first (ties: contact id, then document date).
pub struct OverdueReport<'a> {
    book: &'a Book,
    items: Vec<Overdue>,
    as_of: NaiveDate,
}

impl<'a> OverdueReport<'a> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Nothing is overdue.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Item `index` (below [`OverdueReport::len`]), in the report's order.
    pub fn item(&self, index: usize) -> OverdueItem<'a> {
        let overdue = &self.items[index];
        let book = self.book;
        let contact = &book.contacts[overdue.contact as usize];
        let entry = &book.entries[overdue.entry as usize];
        OverdueItem {
            contact: &contact.id,
            name: &contact.name,
            // Whom to chase: the billing person where there is one (as reminders go to them).
            email: contact.billing_email().map(|(_, email)| email),
            phone: contact
                .billing_person()
                .and_then(|person| person.phone.as_deref())
                .or(contact.phone.as_deref()),
            currency: entry.currency,
            document: book.entry_id(entry),
            date: entry.date,
            due: entry.due,
            days_past_due: overdue.days,
            amount: entry.amount,
            open: overdue.open,
            disputed: book.collections.is_disputed(overdue.entry, self.as_of),
            promised_until: book.collections.promised_until(
                overdue.entry,
                overdue.contact,
                self.as_of,
            ),
        }
    }

    /// The items in order.
    pub fn items(&self) -> impl ExactSizeIterator<Item = OverdueItem<'a>> + '_ {
        (0..self.len()).map(|index| self.item(index))
    }
}

impl std::fmt::Debug for OverdueReport<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OverdueReport")
            .field("items", &self.items().collect::<Vec<_>>())
            .finish()
    }
}

/// Lists open items at least `min_days` past due.
pub fn overdue<'a>(
    book: &'a Book,
    ledger: &Ledger,
    scope: &Scope,
    min_days: i64,
) -> OverdueReport<'a> {
    most_overdue(book, ledger, scope, min_days, usize::MAX).0
}

/// The first `limit` items of [`overdue`]'s list, and how many the whole list has. A large book
/// has tens of thousands of overdue items: they are ordered by numbers first, and only the ones
/// read are given their names and ids.
pub fn most_overdue<'a>(
    book: &'a Book,
    ledger: &Ledger,
    scope: &Scope,
    min_days: i64,
    limit: usize,
) -> (OverdueReport<'a>, usize) {
    let mut items = Vec::new();
    for account in ledger
        .accounts
        .iter()
        .filter(|a| scope.includes(a.contact, a.currency))
    {
        for item in &account.open_items {
            let days = days_past_due(item.due, scope.as_of);
            if days >= min_days.max(1) {
                items.push(Overdue {
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
    let document = |c: &Overdue| book.entry_id(&book.entries[c.entry as usize]);
    items.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then_with(|| a.contact.cmp(&b.contact))
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| document(a).cmp(document(b)))
    });
    let total = items.len();
    items.truncate(limit);
    (
        OverdueReport {
            book,
            items,
            as_of: scope.as_of,
        },
        total,
    )
}

impl Tabular for OverdueReport<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(1),
            Column::prose("email").priority(4),
            Column::text("phone").priority(3),
            Column::text("currency"),
            Column::text("document"),
            Column::text("date").priority(5),
            Column::text("due").priority(2),
            Column::amount("days_past_due"),
            Column::money("amount").priority(2),
            Column::money("open"),
            Column::text("disputed").priority(6),
            Column::text("promised_until").priority(6),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(self.len(), |index| {
            let item = self.item(index);
            vec![
                Cell::from(item.contact),
                Cell::from(item.name),
                item.email.into(),
                item.phone.into(),
                Cell::from(item.currency.to_string()),
                Cell::from(item.document),
                Cell::Date(item.date),
                Cell::Date(item.due),
                Cell::Integer(item.days_past_due),
                Cell::Amount(item.amount),
                Cell::Amount(item.open),
                Cell::Bool(item.disputed),
                item.promised_until.map_or(Cell::Null, Cell::Date),
            ]
        })
    }
}
