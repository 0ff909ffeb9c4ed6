//! Legal content of an invoice or credit note (EU VAT Directive 2006/112/EC, article 226, as
//! Belgian and French law apply it): what a document must show, checked on the document as
//! written. Each problem is a warning of `folio check` at the key it concerns, and is printed when
//! a document is issued.
//!
//! Checked: a sequential number (the id follows the book's numbering pattern of its kind); the
//! issue date and, on invoices, a due date; the currency; the seller's name, address and VAT id;
//! the buyer's name and address; the buyer's VAT id where required (B2B in the EU: reverse charge
//! and intra-community supplies always, and a buyer in another EU country whose VAT number is
//! unknown); a VAT breakdown per rate (at least one rate; the stored totals are those of the
//! items); the exemption text on every line without VAT; a credit note names the invoice it
//! corrects.

use super::model::{Document, DocumentKind};
use crate::book::config::Config;

/// One missing or doubtful piece of legal content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key of the document file it concerns (`seller.vat`, `items.1.exemption`).
    pub key: &'static str,
    /// What is missing and why it matters.
    pub message: String,
}

/// True for an EU member state's country code (ISO 3166-1: Greece is GR).
pub fn is_eu(country: &str) -> bool {
    crate::identifiers::codes::is_eu(country)
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// Every legal-content problem of an invoice or credit note (quotes are not tax documents).
pub fn problems(document: &Document, config: &Config) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut problem = |key: &'static str, message: String| found.push(Problem { key, message });
    let Some(kind) = document.kind.journal_kind() else {
        return found;
    };
    let what = document.kind.as_str();
    let pattern = match document.kind {
        DocumentKind::DebitNote => config.numbering.debit_note_pattern(),
        _ => config.numbering.pattern(kind),
    };
    if pattern.read(&document.id).is_none() {
        problem(
            "id",
            format!(
                "{} is not numbered in the {what} sequence `{}`: invoices and credit notes need a unique, sequential number",
                document.id,
                pattern.as_str()
            ),
        );
    }
    if document.kind.is_payable() && document.due.is_none() {
        problem(
            "date",
            format!("{what} {} has no due date (`due`)", document.id),
        );
    }
    if document.kind == DocumentKind::CreditNote && blank(&document.reference) {
        problem(
            "id",
            format!(
                "credit note {} does not name the invoice it corrects (`reference`)",
                document.id
            ),
        );
    }
    let seller = &document.seller;
    if seller.name.trim().is_empty() {
        problem("seller", "the seller's name is missing".into());
    }
    if blank(&seller.street) || blank(&seller.city) || blank(&seller.country) {
        problem(
            "seller",
            "the seller's address is incomplete (street, city and country): set [company.address] in folio.toml".into(),
        );
    }
    if blank(&seller.vat) {
        problem(
            "seller",
            "the seller's VAT number is missing: set `vat` in [company] of folio.toml".into(),
        );
    }
    let buyer = &document.buyer;
    if buyer.name.trim().is_empty() {
        problem("buyer", "the buyer's name is missing".into());
    }
    if blank(&buyer.street) || blank(&buyer.city) || blank(&buyer.country) {
        problem(
            "buyer",
            format!(
                "the buyer's address is incomplete (street, city and country): complete contact `{}`",
                document.contact
            ),
        );
    }
    let cross_border_b2b = document
        .items
        .iter()
        .any(|item| matches!(item.category(), "AE" | "K"));
    let buyer_country = buyer.country.as_deref().unwrap_or("");
    let seller_country = seller.country.as_deref().unwrap_or("");
    if blank(&buyer.vat) {
        if cross_border_b2b {
            problem(
                "buyer",
                "reverse charge and intra-community supplies need the buyer's VAT number: set `vat` in the contact".into(),
            );
        } else if is_eu(buyer_country) && is_eu(seller_country) && buyer_country != seller_country {
            problem(
                "buyer",
                format!(
                    "the buyer is in another EU country ({buyer_country}) and has no VAT number: a business buyer's VAT number is required (B2B); ignore for a consumer"
                ),
            );
        }
    }
    if document.items.is_empty() {
        problem("items", "the document has no items".into());
    }
    for (index, item) in document.items.iter().enumerate() {
        if item.vat.is_zero() && blank(&item.exemption) && blank(&item.exemption_code) {
            problem(
                "items",
                format!(
                    "item {} has no VAT and no exemption text: say why (e.g. `exemption = \"Reverse charge\"` or --exempt VATEX-EU-AE)",
                    index + 1
                ),
            );
        }
    }
    if crate::money::Currency::parse(&document.currency).is_none() {
        problem("currency", "the currency is missing or invalid".into());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::{Item, Party, Payment};

    fn config() -> Config {
        toml::from_str("name = \"x\"").unwrap()
    }

    fn document() -> Document {
        let party = |name: &str, country: &str, vat: Option<&str>| Party {
            name: name.into(),
            vat: vat.map(String::from),
            street: Some("Rue 1".into()),
            city: Some("Town".into()),
            country: Some(country.into()),
            ..Party::default()
        };
        Document {
            id: "INV-2026-0001".into(),
            kind: DocumentKind::Invoice,
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 2, 14),
            valid_until: None,
            currency: "EUR".into(),
            contact: "acme".into(),
            language: None,
            reference: None,
            buyer_reference: None,
            order_reference: None,
            delivery_date: None,
            deliver_to: None,
            accepted: None,
            invoice: None,
            notes: Vec::new(),
            discount: None,
            seller: party("Seller", "BE", Some("BE0403170701")),
            buyer: party("Buyer", "BE", None),
            payment: Payment::default(),
            items: vec![Item {
                description: "Work".into(),
                quantity: 1.into(),
                unit: None,
                price: 100.into(),
                discount: None,
                vat: 21.into(),
                vat_category: None,
                exemption: None,
                exemption_code: None,
                product: None,
                gtin: None,
            }],
            totals: None,
        }
    }

    #[test]
    fn a_complete_domestic_invoice_has_no_problem() {
        assert_eq!(problems(&document(), &config()), []);
    }

    #[test]
    fn missing_content_is_named() {
        let mut doc = document();
        doc.id = "X1".into();
        doc.due = None;
        doc.seller.vat = None;
        doc.buyer.country = Some("FR".into());
        doc.items[0].vat = 0.into();
        let keys: Vec<&str> = problems(&doc, &config()).iter().map(|p| p.key).collect();
        assert_eq!(keys, ["id", "date", "seller", "buyer", "items"]);
        doc.seller.vat = Some("BE0403170701".into());
        doc.items[0].exemption_code = Some("VATEX-EU-AE".into());
        doc.items[0].vat_category = Some("AE".into());
        let messages: Vec<String> = problems(&doc, &config())
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("reverse charge")),
            "{messages:?}"
        );
    }
}
