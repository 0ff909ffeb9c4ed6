//! What a template sees: plain JSON-like values built from the book and a report. Amounts are
//! strings with at least two decimals (`"1210.00"`), dates ISO strings (`"2026-02-14"`); the
//! `money` and `longdate` filters write them the way the letter's language does. Every key is
//! always present (absent values are `none`), so a template can test any of them.

use crate::book::contact::Address;
use crate::book::sends::Level;
use crate::book::{Book, Contact};
use crate::money::format_amount;
use crate::report::contracts::ContractRow;
use crate::report::remind::{RemindItem, Reminder};
use crate::report::statement::Statement;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn amount(value: Decimal) -> Value {
    Value::String(format_amount(value))
}

fn opt_amount(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, amount)
}

fn date(value: NaiveDate) -> Value {
    Value::String(value.to_string())
}

fn address(address: &Address) -> Value {
    json!({
        "street": address.street,
        "postcode": address.postcode,
        "city": address.city,
        "region": address.region,
        "country": address.country,
        "lines": address_lines(address),
    })
}

/// The address as the lines of an envelope: street; postcode and city; region; country.
pub fn address_lines(address: &Address) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(street) = address.street.as_deref().filter(|s| !s.trim().is_empty()) {
        lines.push(street.trim().to_string());
    }
    let town: Vec<&str> = [address.postcode.as_deref(), address.city.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !town.is_empty() {
        lines.push(town.join(" "));
    }
    for extra in [address.region.as_deref(), address.country.as_deref()]
        .into_iter()
        .flatten()
    {
        if !extra.trim().is_empty() {
            lines.push(extra.trim().to_string());
        }
    }
    lines
}

/// The name letters are signed with: `[company] name`, else the book's name.
pub fn company_name(book: &Book) -> String {
    book.config
        .company
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| book.config.name.clone())
}

/// `book`: its name and `company` (name, email, phone, vat, iban, address).
fn book_value(book: &Book) -> Value {
    let company = &book.config.company;
    json!({
        "name": book.config.name,
        "company": {
            "name": company_name(book),
            "email": company.email,
            "phone": company.phone,
            "vat": company.vat,
            "iban": company.iban,
            "address": address(&company.address),
        },
    })
}

/// `contact`: id, name, email, phone, vat, language, address, custom fields.
fn contact_value(contact: &Contact) -> Value {
    let custom = serde_json::to_value(&contact.custom).unwrap_or(Value::Null);
    json!({
        "id": contact.id,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "vat": contact.vat,
        "language": contact.language,
        "address": address(&contact.address),
        "custom": custom,
    })
}

fn level_name(level: Level) -> String {
    level.as_text()
}

fn item_value(item: &RemindItem) -> Value {
    json!({
        "document": item.document,
        "kind": item.kind.as_str(),
        "date": date(item.date),
        "due": date(item.due),
        "days_past_due": item.days_past_due,
        "days_until_due": -item.days_past_due,
        "currency": item.currency.as_str(),
        "amount": amount(item.amount),
        "open": amount(item.open),
        "memo": item.memo,
        "level": item.send.map(Level::number),
        "level_name": item.send.map(level_name),
        "template": item.template,
        "fee": opt_amount(item.fee),
        "last_level": item.last.map(|(level, _)| level_name(level)),
        "last_sent": item.last.map(|(_, when)| date(when)),
    })
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
        "book": book_value(book),
        "contact": contact_value(contact),
        "as_of": date(as_of),
        "lang": language,
        "letter": letter,
    })
}

fn merge(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(base), Value::Object(extra)) = (&mut base, extra) {
        base.extend(extra);
    }
    base
}

/// What a reminder template sees (docs/dunning.md, "What a template sees").
pub fn reminder(book: &Book, reminder: &Reminder, as_of: NaiveDate, letter: bool) -> Value {
    let contact = &book.contacts[reminder.contact as usize];
    let level = reminder.level;
    let config = match level {
        Level::Reminder(n) => book.config.dunning.levels.get(n as usize - 1),
        Level::DueSoon => None,
    };
    let extra = json!({
        "level": {
            "number": level.number(),
            "name": level_name(level),
            "template": reminder.template,
            "after_days": config.map(|l| l.after_days),
            "fee": opt_amount(config.and_then(|l| l.fee)),
            "final": matches!(level, Level::Reminder(n) if n as usize == book.config.dunning.levels.len()),
        },
        "items": reminder.items.iter().map(item_value).collect::<Vec<_>>(),
        "due_items": reminder.items.iter().filter(|i| i.days_past_due > 0).map(item_value).collect::<Vec<_>>(),
        "upcoming_items": reminder.items.iter().filter(|i| i.days_past_due <= 0).map(item_value).collect::<Vec<_>>(),
        "other_items": reminder.other_items.iter().map(item_value).collect::<Vec<_>>(),
        "overdue_items": reminder.other_items.iter().filter(|i| i.days_past_due > 0).map(item_value).collect::<Vec<_>>(),
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
    merge(
        common(book, contact, as_of, &reminder.language, letter),
        extra,
    )
}

/// What the statement template sees: the common variables and `statement`.
pub fn statement(
    book: &Book,
    contact: u32,
    statement: &Statement,
    language: &str,
    letter: bool,
) -> Value {
    let person = &book.contacts[contact as usize];
    let currencies: Vec<Value> = statement
        .currencies
        .iter()
        .map(|section| {
            let buckets: Vec<Value> = statement
                .buckets
                .labels()
                .iter()
                .zip(&section.aging.buckets)
                .map(|(label, value)| json!({"label": label, "amount": amount(*value)}))
                .collect();
            json!({
                "currency": section.currency.as_str(),
                "opening": amount(section.opening),
                "closing": amount(section.closing),
                "lines": section.lines.iter().map(|line| json!({
                    "date": date(line.date),
                    "kind": line.kind.as_str(),
                    "document": line.document,
                    "due": line.due.map(date),
                    "ref": line.reference,
                    "memo": line.memo,
                    "debit": amount(line.debit),
                    "credit": amount(line.credit),
                    "amount": amount(line.debit - line.credit),
                    "balance": amount(line.balance),
                })).collect::<Vec<_>>(),
                "open_items": section.open_items.iter().map(|item| json!({
                    "document": item.document,
                    "kind": item.kind.as_str(),
                    "date": date(item.date),
                    "due": date(item.due),
                    "days_past_due": item.days_past_due,
                    "amount": amount(item.amount),
                    "open": amount(item.open),
                    "bucket": item.bucket,
                })).collect::<Vec<_>>(),
                "aging": {
                    "current": amount(section.aging.current),
                    "buckets": buckets,
                    "unapplied": amount(section.aging.unapplied),
                    "total": amount(section.aging.total),
                },
            })
        })
        .collect();
    let extra = json!({
        "statement": {
            "side": statement.side,
            "from": statement.from.map(date),
            "to": date(statement.to),
            "currencies": currencies,
        },
    });
    merge(common(book, person, statement.to, language, letter), extra)
}
