//! `folio export contacts`: every contact (archived ones too) as CSV rows whose columns are the
//! field names `folio import contacts` reads back, as JSON objects shaped like the contact files,
//! or as vCard 4.0 cards.

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
        let mut columns: Vec<Column> = [
            "id", "name", "roles", "email", "phone", "vat", "iban", "industry", "tags", "language",
            "currency",
        ]
        .into_iter()
        .map(Column::text)
        .collect();
        columns.push(Column::amount("terms"));
        columns.push(Column::amount("credit_limit"));
        columns.extend(
            [
                "since",
                "archived",
                "street",
                "postcode",
                "city",
                "region",
                "country",
                "newsletter",
            ]
            .into_iter()
            .map(Column::text),
        );
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
                let roles: Vec<&str> = c.roles.iter().map(|r| r.as_str()).collect();
                let mut row = vec![
                    Cell::Text(c.id.clone()),
                    Cell::Text(c.name.clone()),
                    Cell::Text(roles.join(",")),
                    c.email.clone().into(),
                    c.phone.clone().into(),
                    c.vat.clone().into(),
                    c.iban.clone().into(),
                    c.industry.clone().into(),
                    Cell::Text(c.tags.join(",")),
                    c.language.clone().into(),
                    c.currency.map(|x| x.to_string()).into(),
                    c.terms.map_or(Cell::Null, |t| Cell::Integer(i64::from(t))),
                    c.credit_limit.map_or(Cell::Null, Cell::Amount),
                    c.since.map_or(Cell::Null, Cell::Date),
                    Cell::Text(c.archived.to_string()),
                    c.address.street.clone().into(),
                    c.address.postcode.clone().into(),
                    c.address.city.clone().into(),
                    c.address.region.clone().into(),
                    c.address.country.clone().into(),
                    c.preferences.newsletter.map(|n| n.to_string()).into(),
                ];
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

/// A contact as JSON, shaped like its file: `id` first, then the file's keys; absent keys are
/// left out, amounts are strings.
pub fn json(contact: &Contact) -> Value {
    let mut object = Map::new();
    let mut put = |key: &str, value: Value| {
        if !value.is_null() {
            object.insert(key.to_string(), value);
        }
    };
    put("id", json!(contact.id));
    put("name", json!(contact.name));
    put(
        "roles",
        json!(contact.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
    );
    put("email", json!(contact.email));
    put("phone", json!(contact.phone));
    put("vat", json!(contact.vat));
    put("iban", json!(contact.iban));
    put("industry", json!(contact.industry));
    put("tags", json!(contact.tags));
    put("language", json!(contact.language));
    put("currency", json!(contact.currency.map(|c| c.to_string())));
    put("terms", json!(contact.terms));
    put(
        "credit_limit",
        json!(contact.credit_limit.map(crate::money::format_amount)),
    );
    put("since", json!(contact.since.map(|d| d.to_string())));
    put("archived", json!(contact.archived));
    let a = &contact.address;
    let mut address = Map::new();
    for (key, value) in [
        ("street", &a.street),
        ("postcode", &a.postcode),
        ("city", &a.city),
        ("region", &a.region),
        ("country", &a.country),
    ] {
        if let Some(value) = value {
            address.insert(key.into(), json!(value));
        }
    }
    put("address", Value::Object(address));
    let mut preferences = Map::new();
    if let Some(newsletter) = contact.preferences.newsletter {
        preferences.insert("newsletter".into(), json!(newsletter));
    }
    put("preferences", Value::Object(preferences));
    put(
        "custom",
        serde_json::to_value(&contact.custom).unwrap_or(Value::Null),
    );
    put(
        "notes",
        Value::Array(
            contact
                .notes
                .iter()
                .map(|n| json!({"date": n.date.to_string(), "kind": n.kind, "text": n.text}))
                .collect(),
        ),
    );
    put(
        "contracts",
        Value::Array(
            contact
                .contracts
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
    );
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
