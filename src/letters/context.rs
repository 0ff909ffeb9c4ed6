//! What a template sees: plain JSON-like values built from the book and a report. Amounts are
//! strings with at least two decimals (`"1210.00"`), dates ISO strings (`"2026-02-14"`); the
//! `money` and `longdate` filters write them the way the letter's language does. Every key is
//! always present (absent values are `none`), so a template can test any of them.
//!
//! The lists a report can make long (a statement's lines, a customer's open items) are given to
//! the template as lazy lists: each element becomes a template value only when the template reads
//! it, so a letter over a hundred thousand items holds them once, compactly, and never as a tree
//! of values.

use crate::book::contact::Address;
use crate::book::sends::Level;
use crate::book::{Book, Contact};
use crate::money::format_amount;
use crate::report::aging::{AgedEntry, AgingItem};
use crate::report::contracts::ContractRow;
use crate::report::remind::{RemindItem, Reminder};
use crate::report::statement::{Statement, StatementEntry, StatementLine};
use crate::template::party::address_lines;
use chrono::NaiveDate;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::sync::Arc;

use crate::template::party::company_name;

fn amount(value: Decimal) -> Value {
    Value::String(format_amount(value))
}

fn opt_amount(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, amount)
}

fn date(value: NaiveDate) -> Value {
    Value::String(value.to_string())
}

fn address(address: &Address, language: &str) -> Value {
    json!({
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
        "region": address.region,
        "country": address.country,
        "lines": address_lines(address, language),
    })
}

/// `book`: its name and `company` (name, email, phone, vat, iban, address).
fn book_value(book: &Book, language: &str) -> Value {
    let company = &book.config.company;
    json!({
        "name": book.config.name,
        "company": {
            "name": company_name(book),
            "email": company.email,
            "phone": company.phone,
            "vat": company.vat,
            "iban": company.iban,
            "address": address(&company.address, language),
        },
    })
}

/// `contact`: id, name, email, phone, vat, language, address, custom fields, and `billing`, the
/// billing person (name, email, phone) or null.
fn contact_value(contact: &Contact, language: &str) -> Value {
    let custom = serde_json::to_value(&contact.custom).unwrap_or(Value::Null);
    let billing = contact
        .billing_person()
        .map(|person| json!({"name": person.name, "email": person.email, "phone": person.phone}));
    json!({
        "id": contact.id,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "vat": contact.vat,
        "language": contact.language,
        "address": address(&contact.address, language),
        "custom": custom,
        "billing": billing,
    })
}

fn level_name(level: Level) -> String {
    level.as_text()
}

fn item_value(book: &Book, item: &RemindItem) -> minijinja::Value {
    minijinja::context! {
        document => item.document(book),
        kind => item.kind.as_str(),
        date => item.date.to_string(),
        due => item.due.to_string(),
        days_past_due => item.days_past_due,
        days_until_due => -item.days_past_due,
        currency => item.currency.as_str(),
        amount => format_amount(item.amount),
        open => format_amount(item.open),
        memo => item.memo(book),
        level => item.send.map(|level| level.number(book.config.dunning.levels.len() as u32)),
        level_name => item.send.map(level_name),
        template => item.template.as_deref(),
        fee => item.fee.map(format_amount),
        last_level => item.last.map(|(level, _)| level_name(level)),
        last_sent => item.last.map(|(_, when)| when.to_string()),
    }
}

/// A list a template reads an element at a time: element `i` is `value(&items[picked[i]])`
/// (`value(&items[i])` when every item is picked), made when the template reads it.
struct List<T> {
    items: Arc<Vec<T>>,
    picked: Option<Vec<u32>>,
    value: Box<dyn Fn(&T) -> minijinja::Value + Send + Sync>,
}

impl<T: Send + Sync + 'static> List<T> {
    /// Every item, in order.
    fn all(
        items: Arc<Vec<T>>,
        value: impl Fn(&T) -> minijinja::Value + Send + Sync + 'static,
    ) -> minijinja::Value {
        minijinja::Value::from_object(List {
            items,
            picked: None,
            value: Box::new(value),
        })
    }

    /// The items `keep` accepts, in order.
    fn filtered(
        items: Arc<Vec<T>>,
        keep: impl Fn(&T) -> bool,
        value: impl Fn(&T) -> minijinja::Value + Send + Sync + 'static,
    ) -> minijinja::Value {
        let picked = (0..items.len() as u32)
            .filter(|&i| keep(&items[i as usize]))
            .collect();
        minijinja::Value::from_object(List {
            items,
            picked: Some(picked),
            value: Box::new(value),
        })
    }

    fn len(&self) -> usize {
        self.picked.as_ref().map_or(self.items.len(), Vec::len)
    }
}

impl<T> std::fmt::Debug for List<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("items", &self.items.len())
            .field("picked", &self.picked.as_ref().map(Vec::len))
            .finish()
    }
}

impl<T: Send + Sync + 'static> Object for List<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let index = key.as_usize()?;
        let item = match &self.picked {
            Some(picked) => &self.items[*picked.get(index)? as usize],
            None => self.items.get(index)?,
        };
        Some((self.value)(item))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len())
    }
}

fn contract_value(contract: &ContractRow) -> Value {
    json!({
        "name": contract.contract,
        "start": date(contract.start),
        "end": date(contract.end),
        "notice_days": contract.notice_days,
        "notice_by": date(contract.notice_by),
        "days_to_end": contract.days_to_end,
        "value": opt_amount(contract.value),
        "currency": contract.currency.map(|c| c.to_string()),
    })
}

/// The variables every letter shares.
fn common(book: &Book, contact: &Contact, as_of: NaiveDate, language: &str, letter: bool) -> Value {
    json!({
        "book": book_value(book, language),
        "contact": contact_value(contact, language),
        "as_of": date(as_of),
        "lang": language,
        "letter": letter,
    })
}

/// The template's variables: `base`'s and `extra`'s (made into template values once).
fn variables(
    base: Value,
    extra: Value,
    lists: Vec<(&'static str, minijinja::Value)>,
) -> minijinja::Value {
    let objects = [base, extra].into_iter().flat_map(|value| match value {
        Value::Object(map) => map.into_iter().collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    minijinja::Value::from_pairs(
        objects
            .map(|(key, value)| (key, minijinja::Value::from(Serde(&value))))
            .chain(lists.into_iter().map(|(key, list)| (key.to_string(), list))),
    )
}

/// What a reminder template sees (docs/dunning.md, "What a template sees"). The items' ids and
/// memos are read from `book` as the template reads them, which a template value may do only of
/// data that lives as long as the program: the command line keeps its book until it exits.
pub(crate) fn reminder(
    book: &'static Book,
    reminder: &Reminder,
    language: &str,
    as_of: NaiveDate,
    letter: bool,
) -> minijinja::Value {
    let contact = &book.contacts[reminder.contact as usize];
    let level = reminder.level;
    let levels = &book.config.dunning.levels;
    let config = match level {
        Level::Reminder(n) => levels.get(n as usize - 1),
        Level::Repeat => levels.last(),
        Level::DueSoon => None,
    };
    let extra = json!({
        "level": {
            "number": level.number(levels.len() as u32),
            "name": level_name(level),
            "template": reminder.template,
            "after_days": config.map(|l| l.after_days),
            // A repeat charges no fee of its own: the last level's was charged when it was sent.
            "fee": opt_amount(config.and_then(|l| l.fee).filter(|_| level != Level::Repeat)),
            "final": matches!(level, Level::Reminder(n) if n as usize == levels.len()) || level == Level::Repeat,
            "repeat": level == Level::Repeat,
        },
        "totals": reminder.totals.iter().map(|t| json!({
            "currency": t.currency.as_str(),
            "open": amount(t.open),
            "fee": amount(t.fee),
            "has_fee": !t.fee.is_zero(),
            "total": amount(t.total),
        })).collect::<Vec<_>>(),
        "fees": reminder.totals.iter().any(|t| !t.fee.is_zero()),
        "balances": reminder.balances.iter().map(|b| json!({
            "currency": b.currency.as_str(),
            "balance": amount(b.balance),
            "overdue": amount(b.overdue),
        })).collect::<Vec<_>>(),
        "contracts": reminder.contracts.iter().map(contract_value).collect::<Vec<_>>(),
    });
    let (items, others) = (&reminder.items, &reminder.other_items);
    let past_due = |item: &RemindItem| item.days_past_due > 0;
    let value = move |item: &RemindItem| item_value(book, item);
    let lists = vec![
        ("items", List::all(items.clone(), value)),
        ("due_items", List::filtered(items.clone(), past_due, value)),
        (
            "upcoming_items",
            List::filtered(items.clone(), |i| !past_due(i), value),
        ),
        ("other_items", List::all(others.clone(), value)),
        (
            "overdue_items",
            List::filtered(others.clone(), past_due, value),
        ),
    ];
    variables(common(book, contact, as_of, language, letter), extra, lists)
}

/// What the statement template sees: the common variables and `statement`. Its lines and open
/// items are read from `book` as the template reads them, which a template value may do only of
/// data that lives as long as the program: the command line keeps its book until it exits.
pub(crate) fn statement(
    book: &'static Book,
    contact: u32,
    statement: Statement,
    language: &str,
    letter: bool,
) -> minijinja::Value {
    let person = &book.contacts[contact as usize];
    let buckets = Arc::new(statement.buckets);
    let currencies: Vec<minijinja::Value> = statement
        .currencies
        .into_iter()
        .map(|section| {
            let labelled: Vec<Value> = buckets
                .labels()
                .iter()
                .zip(&section.aging.buckets)
                .map(|(label, value)| json!({"label": label, "amount": amount(*value)}))
                .collect();
            let fixed = json!({
                "currency": section.currency.as_str(),
                "opening": amount(section.opening),
                "closing": amount(section.closing),
                "aging": {
                    "current": amount(section.aging.current),
                    "buckets": labelled,
                    "unapplied": amount(section.aging.unapplied),
                    "total": amount(section.aging.total),
                },
            });
            let line = move |entry: &StatementEntry| line_value(&entry.line(book));
            let buckets = buckets.clone();
            let item = move |aged: &AgedEntry| item_of_statement(&aged.item(book, &buckets));
            variables(
                fixed,
                Value::Null,
                vec![
                    ("lines", List::all(Arc::new(section.lines), line)),
                    ("open_items", List::all(Arc::new(section.open_items), item)),
                ],
            )
        })
        .collect();
    let statement_value = minijinja::Value::from_pairs([
        ("side", minijinja::Value::from(Serde(statement.side))),
        (
            "from",
            minijinja::Value::from(statement.from.map(|d| d.to_string())),
        ),
        ("to", minijinja::Value::from(statement.to.to_string())),
        ("currencies", minijinja::Value::from(currencies)),
    ]);
    variables(
        common(book, person, statement.to, language, letter),
        Value::Null,
        vec![("statement", statement_value)],
    )
}

fn line_value(line: &StatementLine<'_>) -> minijinja::Value {
    use minijinja::Value as V;
    // Built as pairs: `ref` is a Rust keyword, which `context!` cannot take as a key.
    V::from_pairs([
        ("date", V::from(line.date.to_string())),
        ("kind", V::from(line.kind.as_str())),
        ("document", V::from(line.document)),
        ("due", V::from(line.due.map(|d| d.to_string()))),
        ("ref", V::from(line.reference)),
        ("memo", V::from(line.memo)),
        ("debit", V::from(format_amount(line.debit))),
        ("credit", V::from(format_amount(line.credit))),
        ("amount", V::from(format_amount(line.debit - line.credit))),
        ("balance", V::from(format_amount(line.balance))),
    ])
}

fn item_of_statement(item: &AgingItem<'_>) -> minijinja::Value {
    minijinja::context! {
        document => item.document,
        kind => item.kind.as_str(),
        date => item.date.to_string(),
        due => item.due.to_string(),
        days_past_due => item.days_past_due,
        amount => format_amount(item.amount),
        open => format_amount(item.open),
        bucket => item.bucket,
    }
}
