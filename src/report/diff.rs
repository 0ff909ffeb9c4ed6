//! `folio diff` and `folio log`: what a change does to a book, from the book before and the book
//! after. Entries are matched by document id (the n-th line with an id to the n-th), contacts by
//! id; balances and overdue amounts are each side's own ledger as of one date. Data only: the git
//! side and the files are the book layer's, the printing the command's.

use crate::book::contact_fields::{FIELDS, Value};
use crate::book::{Book, Contact};
use crate::journal::{Entry, EntryIndex, Kind, Side};
use crate::ledger::{Ledger, days_past_due};
use crate::money::{Currency, format_amount};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One field that changed: its name, the value before and after (`None`: not set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// `amount`, `due`, `credit_limit`, `address.city`, a metadata key...
    pub field: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
}

/// A journal entry as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySummary {
    /// Its document id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its contact's id.
    pub contact: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its amount as written.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
    /// The document its `ref:` names.
    pub reference: Option<String>,
}

/// An entry found on both sides whose line changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryChange {
    /// The entry after the change.
    pub entry: EntrySummary,
    /// The contact before, when the change moved it to another contact.
    pub old_contact: String,
    /// What changed, field by field.
    pub changes: Vec<FieldChange>,
}

/// A document closed by a credit or debit note this change added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voided {
    /// The document.
    pub id: String,
    /// Its contact.
    pub contact: String,
    /// The note that closed it.
    pub by: String,
}

/// A contact whose file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactChange {
    /// Its id.
    pub id: String,
    /// What changed, field by field.
    pub changes: Vec<FieldChange>,
}

/// One contact's position in one currency on one side, before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceChange {
    /// The contact's id.
    pub contact: String,
    /// Receivables or payables.
    pub side: Side,
    /// The currency.
    pub currency: Currency,
    /// Balance before.
    pub balance_before: Decimal,
    /// Balance after.
    pub balance_after: Decimal,
    /// Overdue before.
    pub overdue_before: Decimal,
    /// Overdue after.
    pub overdue_after: Decimal,
}

/// Everything a change does to a book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookDiff {
    /// Invoices and credit notes that are new.
    pub issued: Vec<EntrySummary>,
    /// Documents a new credit or debit note closed.
    pub voided: Vec<Voided>,
    /// Documents whose file changed, was added or removed while their line stayed, with their
    /// contact when known.
    pub edited: Vec<(String, String)>,
    /// Entries only after.
    pub added: Vec<EntrySummary>,
    /// Entries only before.
    pub removed: Vec<EntrySummary>,
    /// Entries on both sides whose line changed.
    pub changed: Vec<EntryChange>,
    /// Contacts only after.
    pub contacts_added: Vec<String>,
    /// Contacts only before.
    pub contacts_removed: Vec<String>,
    /// Contacts on both sides whose fields changed.
    pub contacts_changed: Vec<ContactChange>,
    /// Positions that changed, by contact, side and currency.
    pub balances: Vec<BalanceChange>,
}

/// One side of the comparison: its book (none when the side holds no book) and its two ledgers.
pub struct DiffSide<'a> {
    book: Option<&'a Book>,
    ledgers: Vec<Ledger>,
}

impl<'a> DiffSide<'a> {
    /// A side, its ledgers built as of `as_of`.
    pub fn new(book: Option<&'a Book>, as_of: NaiveDate) -> DiffSide<'a> {
        let ledgers = book.map_or_else(Vec::new, |book| {
            [Side::Receivables, Side::Payables]
                .into_iter()
                .map(|side| Ledger::build(book, side, as_of, false))
                .collect()
        });
        DiffSide { book, ledgers }
    }

    fn open_amount(&self, entry: EntryIndex) -> Decimal {
        self.ledgers
            .iter()
            .map(|ledger| ledger.open_amount(entry))
            .sum()
    }
}

/// Compares two sides; `edited` are the ids of the document files that differ (changed, added
/// or removed).
pub fn diff(
    old: &DiffSide<'_>,
    new: &DiffSide<'_>,
    edited: &[String],
    as_of: NaiveDate,
) -> BookDiff {
    let mut diff = BookDiff::default();
    entries(old, new, &mut diff);
    diff.voided = voided(old, new, &diff.added);
    diff.issued = diff
        .added
        .iter()
        .filter(|entry| matches!(entry.kind, Kind::Invoice | Kind::Credit))
        .cloned()
        .collect();
    // A document new or gone with its line is issued or removed, not edited.
    let listed = |id: &String| diff.added.iter().chain(&diff.removed).any(|e| &e.id == id);
    diff.edited = edited
        .iter()
        .filter(|id| !listed(id))
        .map(|id| {
            let contact = [new.book, old.book]
                .into_iter()
                .flatten()
                .find_map(|book| book.find_entry(id).map(|i| contact_of(book, i)))
                .unwrap_or_default();
            (id.clone(), contact)
        })
        .collect();
    contacts(old.book, new.book, &mut diff);
    diff.balances = balances(old, new, as_of);
    diff
}

impl BookDiff {
    /// Whether the change does nothing to the book.
    pub fn is_empty(&self) -> bool {
        self == &BookDiff::default()
    }

    /// Only what concerns one contact: its entries, documents, file and balances.
    pub fn of_contact(&self, contact: &str) -> BookDiff {
        let mine = |entry: &EntrySummary| entry.contact == contact;
        BookDiff {
            issued: self.issued.iter().filter(|e| mine(e)).cloned().collect(),
            voided: keep(&self.voided, |v| v.contact == contact),
            edited: keep(&self.edited, |(_, c)| c == contact),
            added: self.added.iter().filter(|e| mine(e)).cloned().collect(),
            removed: self.removed.iter().filter(|e| mine(e)).cloned().collect(),
            changed: keep(&self.changed, |c| {
                mine(&c.entry) || c.old_contact == contact
            }),
            contacts_added: keep(&self.contacts_added, |id| id == contact),
            contacts_removed: keep(&self.contacts_removed, |id| id == contact),
            contacts_changed: keep(&self.contacts_changed, |c| c.id == contact),
            balances: keep(&self.balances, |b| b.contact == contact),
        }
    }

    /// Only what concerns one document: its line, the lines that refer to it, its file.
    pub fn of_document(&self, id: &str) -> BookDiff {
        let about = |entry: &EntrySummary| entry.id == id || entry.reference.as_deref() == Some(id);
        BookDiff {
            issued: self.issued.iter().filter(|e| about(e)).cloned().collect(),
            voided: keep(&self.voided, |v| v.id == id || v.by == id),
            edited: keep(&self.edited, |(doc, _)| doc == id),
            added: self.added.iter().filter(|e| about(e)).cloned().collect(),
            removed: self.removed.iter().filter(|e| about(e)).cloned().collect(),
            changed: keep(&self.changed, |c| {
                about(&c.entry)
                    || c.changes
                        .iter()
                        .any(|f| f.field == "ref" && f.old.as_deref() == Some(id))
            }),
            ..BookDiff::default()
        }
    }
}

fn keep<T: Clone>(items: &[T], wanted: impl Fn(&T) -> bool) -> Vec<T> {
    items.iter().filter(|item| wanted(item)).cloned().collect()
}

/// Each entry keyed by (id, how many lines with that id came before it).
fn keyed(book: Option<&Book>) -> BTreeMap<(String, usize), EntryIndex> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut keys = BTreeMap::new();
    let Some(book) = book else {
        return keys;
    };
    for (index, entry) in book.entries.iter().enumerate() {
        let id = book.entry_id(entry);
        let count = seen.entry(id).or_default();
        keys.insert((id.to_string(), *count), index as EntryIndex);
        *count += 1;
    }
    keys
}

fn entries(old: &DiffSide<'_>, new: &DiffSide<'_>, diff: &mut BookDiff) {
    let (before, after) = (keyed(old.book), keyed(new.book));
    for (key, &index) in &after {
        let Some(new_book) = new.book else { break };
        match (before.get(key), old.book) {
            (Some(&old_index), Some(old_book)) => {
                let changes = changed_fields(
                    &entry_fields(old_book, old_index),
                    &entry_fields(new_book, index),
                );
                if !changes.is_empty() {
                    diff.changed.push(EntryChange {
                        entry: summary(new_book, index),
                        old_contact: contact_of(old_book, old_index),
                        changes,
                    });
                }
            }
            _ => diff.added.push(summary(new_book, index)),
        }
    }
    if let Some(old_book) = old.book {
        for (key, &index) in &before {
            if !after.contains_key(key) {
                diff.removed.push(summary(old_book, index));
            }
        }
    }
}

/// The documents that a credit or debit note added here closed: open before (or new), nothing
/// open after.
fn voided(old: &DiffSide<'_>, new: &DiffSide<'_>, added: &[EntrySummary]) -> Vec<Voided> {
    let Some(book) = new.book else {
        return Vec::new();
    };
    let mut voided = Vec::new();
    for note in added
        .iter()
        .filter(|e| matches!(e.kind, Kind::Credit | Kind::Debit))
    {
        let Some(target) = note.reference.as_deref() else {
            continue;
        };
        let Some(index) = book.find_entry(target) else {
            continue;
        };
        let open_before = old
            .book
            .and_then(|old_book| old_book.find_entry(target))
            .map(|i| old.open_amount(i));
        let was_open = open_before.is_none_or(|open| !open.is_zero());
        if was_open && new.open_amount(index).is_zero() {
            voided.push(Voided {
                id: target.to_string(),
                contact: note.contact.clone(),
                by: note.id.clone(),
            });
        }
    }
    voided
}

fn contact_of(book: &Book, index: EntryIndex) -> String {
    book.entry_contact(&book.entries[index as usize]).id.clone()
}

fn reference_of(book: &Book, entry: &Entry) -> Option<String> {
    entry
        .reference()
        .map(|target| book.entry_id(&book.entries[target as usize]).to_string())
}

fn summary(book: &Book, index: EntryIndex) -> EntrySummary {
    let entry = &book.entries[index as usize];
    EntrySummary {
        id: book.entry_id(entry).to_string(),
        kind: entry.kind,
        contact: contact_of(book, index),
        date: entry.date,
        amount: entry.amount,
        currency: entry.currency,
        reference: reference_of(book, entry),
    }
}

/// An entry's fields as text, in the order a change lists them; metadata under its own keys.
fn entry_fields(book: &Book, index: EntryIndex) -> Vec<(String, String)> {
    let entry = &book.entries[index as usize];
    let mut fields = vec![
        ("kind".to_string(), entry.kind.as_str().to_string()),
        ("contact".to_string(), contact_of(book, index)),
        ("date".to_string(), entry.date.to_string()),
        ("amount".to_string(), format_amount(entry.amount)),
        ("currency".to_string(), entry.currency.to_string()),
    ];
    if entry.kind.takes_due() {
        fields.push(("due".to_string(), entry.due.to_string()));
    }
    if let Some(reference) = reference_of(book, entry) {
        fields.push(("ref".to_string(), reference));
    }
    let line = book.entry_line(entry);
    for (key, value) in crate::journal::parser::free_metadata(line) {
        fields.push((key.to_string(), value.to_string()));
    }
    if let Some(memo) = book.entry_memo(entry) {
        fields.push(("memo".to_string(), memo.to_string()));
    }
    fields
}

/// The fields that differ between two lists of (field, value), in the order they first appear.
fn changed_fields(old: &[(String, String)], new: &[(String, String)]) -> Vec<FieldChange> {
    let find = |list: &[(String, String)], key: &str| {
        list.iter()
            .find(|(field, _)| field == key)
            .map(|(_, value)| value.clone())
    };
    let mut keys: Vec<&str> = Vec::new();
    for (key, _) in old.iter().chain(new) {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let (before, after) = (find(old, key), find(new, key));
            (before != after).then(|| FieldChange {
                field: key.to_string(),
                old: before,
                new: after,
            })
        })
        .collect()
}

fn contacts(old: Option<&Book>, new: Option<&Book>, diff: &mut BookDiff) {
    let by_id = |book: Option<&Book>| -> BTreeMap<String, Contact> {
        book.map(|book| {
            book.contacts
                .iter()
                .map(|contact| (contact.id.clone(), contact.clone()))
                .collect()
        })
        .unwrap_or_default()
    };
    let (before, after) = (by_id(old), by_id(new));
    for (id, contact) in &after {
        match before.get(id) {
            None => diff.contacts_added.push(id.clone()),
            Some(previous) => {
                let changes = changed_fields(&contact_fields(previous), &contact_fields(contact));
                if !changes.is_empty() {
                    diff.contacts_changed.push(ContactChange {
                        id: id.clone(),
                        changes,
                    });
                }
            }
        }
    }
    diff.contacts_removed = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .cloned()
        .collect();
}

/// Every field a contact sets, as text, under its key in the file (`custom.NAME`, `notes[1]`).
pub fn contact_fields(contact: &Contact) -> Vec<(String, String)> {
    let mut fields = vec![("name".to_string(), contact.name.clone())];
    for field in FIELDS {
        let key = field.key;
        let mut push = |name: String, text: String| fields.push((name, text));
        match (field.value)(contact) {
            Value::Text(text) => text.into_iter().for_each(|t| push(key.into(), t.into())),
            Value::List(items) if !items.is_empty() => push(key.into(), items.join(", ")),
            Value::List(_) => {}
            Value::Days(days) => days
                .into_iter()
                .for_each(|d| push(key.into(), d.to_string())),
            Value::Amount(amount) => amount
                .into_iter()
                .for_each(|a| push(key.into(), format_amount(a))),
            Value::Date(date) => date
                .into_iter()
                .for_each(|d| push(key.into(), d.to_string())),
            Value::Bool(flag) => flag
                .into_iter()
                .for_each(|b| push(key.into(), b.to_string())),
            Value::Custom(table) => {
                for (name, value) in table {
                    let text = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string);
                    push(format!("custom.{name}"), text);
                }
            }
            Value::Notes(notes) => numbered(
                key,
                notes,
                |n| format!("{} {}: {}", n.date, n.kind, n.text),
                &mut push,
            ),
            Value::Contracts(contracts) => numbered(
                key,
                contracts,
                |c| format!("{} {}..{}", c.name, c.start, c.end),
                &mut push,
            ),
            Value::People(people) => numbered(
                key,
                people,
                |p| {
                    let email = p.email.as_deref().unwrap_or("");
                    format!("{} <{email}>", p.name)
                },
                &mut push,
            ),
            Value::Recurring(schedules) => {
                numbered(key, schedules, |s| format!("{s:?}"), &mut push);
            }
        }
    }
    fields.dedup();
    fields
}

fn numbered<T>(
    key: &str,
    items: &[T],
    text: impl Fn(&T) -> String,
    push: &mut impl FnMut(String, String),
) {
    for (i, item) in items.iter().enumerate() {
        push(format!("{key}[{}]", i + 1), text(item));
    }
}

type Position = (String, Side, Currency);

/// Each account's balance and overdue amount.
fn positions(side: &DiffSide<'_>, as_of: NaiveDate) -> BTreeMap<Position, (Decimal, Decimal)> {
    let mut positions = BTreeMap::new();
    let Some(book) = side.book else {
        return positions;
    };
    for ledger in &side.ledgers {
        for account in &ledger.accounts {
            let overdue = account
                .open_items
                .iter()
                .filter(|item| days_past_due(item.due, as_of) >= 1)
                .map(|item| item.open)
                .sum();
            let contact = book.contacts[account.contact as usize].id.clone();
            positions.insert(
                (contact, ledger.side, account.currency),
                (account.balance(), overdue),
            );
        }
    }
    positions
}

fn balances(old: &DiffSide<'_>, new: &DiffSide<'_>, as_of: NaiveDate) -> Vec<BalanceChange> {
    let (before, after) = (positions(old, as_of), positions(new, as_of));
    let keys: BTreeSet<&Position> = before.keys().chain(after.keys()).collect();
    let zero = (Decimal::ZERO, Decimal::ZERO);
    keys.into_iter()
        .filter_map(|key| {
            let (balance_before, overdue_before) = before.get(key).copied().unwrap_or(zero);
            let (balance_after, overdue_after) = after.get(key).copied().unwrap_or(zero);
            let same = balance_before == balance_after && overdue_before == overdue_after;
            (!same).then(|| BalanceChange {
                contact: key.0.clone(),
                side: key.1,
                currency: key.2,
                balance_before,
                balance_after,
                overdue_before,
                overdue_after,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_contact_field_is_compared_under_its_key_in_the_file() {
        let mut before = Contact::placeholder("acme");
        before.credit_limit = Some(Decimal::from(5000));
        before.email = Some("ap@acme.test".into());
        let mut after = before.clone();
        after.credit_limit = Some(Decimal::from(8000));
        after.terms = Some(45);
        after.address.city = Some("Gent".into());
        after
            .custom
            .insert("region".into(), toml::Value::from("north"));
        let changes = changed_fields(&contact_fields(&before), &contact_fields(&after));
        let seen: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref()))
            .collect();
        for expected in [
            ("credit_limit", Some("5000.00"), Some("8000.00")),
            ("terms", None, Some("45")),
            ("address.city", None, Some("Gent")),
            ("custom.region", None, Some("north")),
        ] {
            assert!(seen.contains(&expected), "{expected:?} not in {seen:?}");
        }
        assert_eq!(seen.len(), 4, "{seen:?}");
    }

    #[test]
    fn a_field_set_changed_or_dropped_is_one_change_each() {
        let old = pairs(&[("amount", "10.00"), ("due", "2026-01-31"), ("vat", "21")]);
        let new = pairs(&[("amount", "12.00"), ("due", "2026-01-31"), ("po", "7")]);
        let changes = changed_fields(&old, &new);
        let seen: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                ("amount", Some("10.00"), Some("12.00")),
                ("vat", Some("21"), None),
                ("po", None, Some("7")),
            ]
        );
    }
}
