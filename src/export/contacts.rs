//! `folio export contacts`: every contact (archived ones too) as CSV rows whose columns are the
//! field names `folio import contacts` reads back, as JSON objects shaped like the contact files,
//! or as vCard 4.0 cards.

use crate::book::contact_fields::{self, Kind, Value as FieldValue};
use crate::book::{Book, Contact};
use crate::export::vcard::Card;
use crate::tabular::{Cell, Column, Rows, Tabular};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The contacts of a book, for CSV: one row per contact.
pub struct ContactTable<'a> {
    contacts: &'a [Contact],
    custom: Vec<String>,
}

impl<'a> ContactTable<'a> {
    /// Every contact of the book, with one `custom.NAME` column per custom field any contact has.
    pub fn new(book: &'a Book) -> ContactTable<'a> {
        let custom: BTreeSet<String> = book
            .contacts
            .iter()
            .flat_map(|c| c.custom.keys().cloned())
            .collect();
        ContactTable {
            contacts: &book.contacts,
            custom: custom.into_iter().collect(),
        }
    }
}

/// A custom value as text: strings as they are, other TOML values as TOML writes them.
fn custom_text(value: &toml::Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

impl Tabular for ContactTable<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::text("id")];
        for field in contact_fields::FIELDS {
            let Some(name) = field.column else { continue };
            columns.push(match field.kind {
                Kind::Days | Kind::Amount => Column::amount(name),
                _ => Column::text(name),
            });
        }
        columns.extend(
            self.custom
                .iter()
                .map(|k| Column::text(format!("custom.{k}"))),
        );
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.contacts
            .iter()
            .map(|c| {
                let mut row = vec![Cell::from(c.id.clone())];
                row.extend(
                    contact_fields::FIELDS
                        .iter()
                        .filter(|field| field.column.is_some())
                        .map(|field| cell((field.value)(c))),
                );
                row.extend(
                    self.custom
                        .iter()
                        .map(|k| c.custom.get(k).map(custom_text).into()),
                );
                row
            })
            .collect()
    }
}

/// A field's value as a CSV cell: lists comma-separated, true/false as words.
fn cell(value: FieldValue<'_>) -> Cell<'_> {
    match value {
        FieldValue::Text(text) => text.map(str::to_string).into(),
        FieldValue::List(items) => Cell::from(items.join(",")),
        FieldValue::Days(days) => days.map_or(Cell::Null, |d| Cell::Integer(i64::from(d))),
        FieldValue::Amount(amount) => amount.map_or(Cell::Null, Cell::Amount),
        FieldValue::Date(date) => date.map_or(Cell::Null, Cell::Date),
        FieldValue::Bool(flag) => flag.map(|b| b.to_string()).into(),
        FieldValue::Custom(_)
        | FieldValue::Notes(_)
        | FieldValue::Contracts(_)
        | FieldValue::People(_)
        | FieldValue::Recurring(_) => Cell::Null,
    }
}

/// A field's value as JSON, shaped as in the file; amounts are strings, absent values null.
fn json_value(value: FieldValue<'_>) -> Value {
    match value {
        FieldValue::Text(text) => json!(text),
        FieldValue::List(items) => json!(items),
        FieldValue::Days(days) => json!(days),
        FieldValue::Amount(amount) => json!(amount.map(crate::money::format_amount)),
        FieldValue::Date(date) => json!(date.map(|d| d.to_string())),
        FieldValue::Bool(flag) => json!(flag),
        FieldValue::Custom(custom) => serde_json::to_value(custom).unwrap_or(Value::Null),
        FieldValue::Notes(notes) => Value::Array(
            notes
                .iter()
                .map(|n| {
                    let mut note = json!({"date": n.date.to_string(), "kind": n.kind});
                    if let Some(state) = n.state {
                        note["state"] = json!(state.as_str());
                    }
                    if let Some(document) = &n.document {
                        note["document"] = json!(document);
                    }
                    note["text"] = json!(n.text);
                    note
                })
                .collect(),
        ),
        FieldValue::People(people) => Value::Array(
            people
                .iter()
                .map(
                    |p| json!({"name": p.name, "role": p.role, "email": p.email, "phone": p.phone}),
                )
                .collect(),
        ),
        FieldValue::Contracts(contracts) => Value::Array(
            contracts
                .iter()
                .map(|c| {
                    let mut contract = json!({
                        "name": c.name,
                        "start": c.start.to_string(),
                        "end": c.end.to_string(),
                        "notice_days": c.notice_days,
                    });
                    if let Some(value) = c.value {
                        contract["value"] = json!(crate::money::format_amount(value));
                    }
                    contract
                })
                .collect(),
        ),
        FieldValue::Recurring(schedules) => {
            Value::Array(schedules.iter().map(recurring_value).collect())
        }
    }
}

/// A `[[recurring]]` as JSON, with the keys it was written with; amounts are strings.
fn recurring_value(schedule: &crate::book::recurring::Recurring) -> Value {
    let text = |d: rust_decimal::Decimal| d.to_string();
    let mut value = json!({
        "every": schedule.every.as_str(),
        "day": schedule.day,
        "start": schedule.start.to_string(),
    });
    let optional = [
        ("id", schedule.id.clone().map(Value::from)),
        ("amount", schedule.amount.map(|a| Value::from(text(a)))),
        ("end", schedule.end.map(|d| Value::from(d.to_string()))),
        ("terms", schedule.terms.map(Value::from)),
        ("memo", schedule.memo.clone().map(Value::from)),
    ];
    for (key, item) in optional {
        if let Some(item) = item {
            value[key] = item;
        }
    }
    if !schedule.items.is_empty() {
        value["items"] = schedule
            .items
            .iter()
            .map(|item| {
                let mut line = json!({
                    "quantity": text(item.quantity),
                });
                let optional = [
                    ("description", item.description.clone()),
                    ("price", item.price.map(text)),
                    ("vat", item.vat.map(text)),
                    ("product", item.product.clone()),
                    ("unit", item.unit.clone()),
                    ("discount", item.discount.map(text)),
                    ("vat_category", item.vat_category.clone()),
                    ("exemption", item.exemption.clone()),
                    ("exemption_code", item.exemption_code.clone()),
                    ("gtin", item.gtin.clone()),
                ];
                for (key, item) in optional {
                    if let Some(item) = item {
                        line[key] = Value::from(item);
                    }
                }
                line
            })
            .collect();
    }
    value
}

/// A contact as JSON, shaped like its file: `id` first, then the file's keys; absent keys are
/// left out (a table such as `address` is there, maybe empty), amounts are strings.
pub fn json(contact: &Contact) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), json!(contact.id));
    for field in contact_fields::FIELDS {
        let value = json_value((field.value)(contact));
        match field.key.split_once('.') {
            Some((table, leaf)) => {
                let table = object
                    .entry(table)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let (Value::Object(table), false) = (table, value.is_null()) {
                    table.insert(leaf.into(), value);
                }
            }
            None if value.is_null() => {}
            None => {
                object.insert(field.key.into(), value);
            }
        }
    }
    Value::Object(object)
}

/// A contact as a vCard 4.0: FN, ORG for companies with a VAT number, EMAIL, TEL, ADR, LANG,
/// CATEGORIES (the tags), NOTE with the VAT number and IBAN, and the contact id in
/// X-FOLIO-CONTACT (as `folio mailing` writes it).
pub fn card(contact: &Contact) -> Card {
    let mut card = Card::new();
    card.text("FN", &contact.name);
    if contact.vat.is_some() {
        card.components("ORG", &[&contact.name]);
    }
    if let Some(email) = &contact.email {
        card.text("EMAIL", email);
    }
    if let Some(phone) = &contact.phone {
        card.text("TEL;VALUE=text", phone);
    }
    let a = &contact.address;
    let part = |p: &Option<String>| p.clone().unwrap_or_default();
    let address = [
        String::new(),
        String::new(),
        part(&a.street),
        part(&a.city),
        part(&a.region),
        part(&a.postcode),
        part(&a.country),
    ];
    if address.iter().any(|p| !p.is_empty()) {
        let parts: Vec<&str> = address.iter().map(String::as_str).collect();
        card.components("ADR", &parts);
    }
    if let Some(language) = &contact.language {
        card.text("LANG", language);
    }
    if !contact.tags.is_empty() {
        // CATEGORIES is a comma-separated list: each tag is escaped on its own.
        let tags: Vec<String> = contact
            .tags
            .iter()
            .map(|t| crate::export::vcard::escape(t))
            .collect();
        card.lines.push(("CATEGORIES".into(), tags.join(",")));
    }
    let mut note = Vec::new();
    if let Some(vat) = &contact.vat {
        note.push(format!("VAT {vat}"));
    }
    if let Some(iban) = &contact.iban {
        note.push(format!("IBAN {}", crate::identifiers::iban::pretty(iban)));
    }
    if !note.is_empty() {
        card.text("NOTE", &note.join("\n"));
    }
    card.text("X-FOLIO-CONTACT", &contact.id);
    card
}
