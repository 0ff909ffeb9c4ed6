//! Which contact sent a document: by Peppol participant id, then by VAT number, then by exact
//! name. With `--create-suppliers`, a seller no contact matches becomes a new supplier.

use super::parse::Seller;
use crate::book::Contact;
use crate::book::contact::Role;
use crate::book::edit::{self, ContactDocument, NewContact};
use crate::identifiers::vat::compact;
use std::path::Path;

/// A contact a document may come from: one of the book's or one this import creates.
#[derive(Debug, Clone)]
pub(crate) struct Known {
    /// The contact id.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its VAT number, compacted.
    pub(crate) vat: Option<String>,
    /// Its Peppol participant id, `scheme:value`.
    pub(crate) peppol: Option<String>,
    /// Whether its roles include supplier.
    pub(crate) supplier: bool,
}

impl Known {
    /// A contact of the book.
    pub(crate) fn of(contact: &Contact) -> Known {
        Known {
            id: contact.id.clone(),
            name: contact.name.clone(),
            vat: contact.vat.as_deref().map(compact),
            peppol: contact.peppol.clone(),
            supplier: contact.roles.contains(&Role::Supplier),
        }
    }
}

/// Whether a `scheme:value` participant id is the seller's electronic address: the same scheme,
/// the same value regardless of case (Peppol compares participant ids that way).
fn same_endpoint(peppol: &str, (scheme, value): &(String, String)) -> bool {
    peppol.split_once(':').is_some_and(|(s, v)| {
        s.trim() == scheme.as_str() && v.trim().eq_ignore_ascii_case(value.trim())
    })
}

/// The contact the seller is, by the first identifier that matches any: Peppol id, VAT number,
/// name. `Ok(None)` when none matches; `Err` when several contacts match the same identifier.
pub(crate) fn find(known: &[Known], seller: &Seller) -> Result<Option<usize>, String> {
    let matching = |test: &dyn Fn(&Known) -> bool| -> Vec<usize> {
        (0..known.len()).filter(|&i| test(&known[i])).collect()
    };
    let seller_vat = seller.vat.as_deref().map(compact);
    let names: Vec<&str> = [seller.name.as_deref(), seller.registration_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let levels: [(&str, Vec<usize>); 3] = [
        (
            "Peppol id",
            seller.endpoint.as_ref().map_or_else(Vec::new, |endpoint| {
                matching(&|k| {
                    k.peppol
                        .as_deref()
                        .is_some_and(|p| same_endpoint(p, endpoint))
                })
            }),
        ),
        (
            "VAT number",
            seller_vat
                .as_ref()
                .map_or_else(Vec::new, |vat| matching(&|k| k.vat.as_ref() == Some(vat))),
        ),
        (
            "name",
            matching(&|k| names.iter().any(|n| k.name.trim() == *n)),
        ),
    ];
    for (what, found) in levels {
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(Some(*one)),
            many => {
                return Err(format!(
                    "the seller's {what} matches {} contacts ({}); keep it on one of them",
                    many.len(),
                    many.iter()
                        .map(|&i| known[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Ok(None)
}

/// The seller's identifiers, for the message that no contact matches them.
pub(crate) fn identifiers(seller: &Seller) -> String {
    let mut found = Vec::new();
    if let Some((scheme, value)) = &seller.endpoint {
        found.push(format!("Peppol id {scheme}:{value}"));
    }
    if let Some(vat) = &seller.vat {
        found.push(format!("VAT number {vat}"));
    }
    if let Some(name) = &seller.name {
        found.push(format!("name `{name}`"));
    }
    if let Some(name) = &seller.registration_name {
        found.push(format!("registered name `{name}`"));
    }
    found.join(", ")
}

/// A new supplier contact made from the seller: its file's text, and the values left out because
/// the contact file would not accept them (each with the reason).
pub(crate) fn new_supplier(seller: &Seller, id: &str, shown: &Path) -> (String, Vec<String>) {
    let base = NewContact {
        name: seller.display_name().unwrap_or(id).to_string(),
        roles: vec![Role::Supplier],
        ..NewContact::default()
    };
    let text = edit::new_contact_text(&base);
    let Ok(mut document) = ContactDocument::parse(&text) else {
        return (text, Vec::new());
    };
    let peppol = seller
        .endpoint
        .as_ref()
        .map(|(scheme, value)| format!("{scheme}:{value}"));
    let optional = [
        ("vat", seller.vat.clone()),
        ("email", seller.email.clone()),
        ("peppol", peppol),
        ("address.street", seller.street.clone()),
        ("address.postcode", seller.postcode.clone()),
        ("address.city", seller.city.clone()),
        ("address.region", seller.region.clone()),
        ("address.country", seller.country.clone()),
    ];
    let mut dropped = Vec::new();
    for (key, value) in optional {
        let Some(value) = value else {
            continue;
        };
        let mut trial = document.clone();
        let checked = trial.set(key, &value).and_then(|()| {
            edit::validate(&trial.text(), shown, id, None)
                .map(|_| ())
                .map_err(|problems| {
                    problems
                        .into_iter()
                        .map(|p| p.message)
                        .collect::<Vec<_>>()
                        .join("; ")
                })
        });
        match checked {
            Ok(()) => document = trial,
            Err(reason) => dropped.push(format!("{key} `{value}` ({reason})")),
        }
    }
    let text = document.text();
    (edit::canonical_contact(&text).unwrap_or(text), dropped)
}
