//! Identifiers a contact file holds, checked beyond their shape: VAT numbers with their check
//! digits, the Chinese unified social credit code (GB 32100-2015), e-mail syntax, and ISO 3166
//! country and ISO 4217 currency codes.
//!
//! On the command line (`contact add`, `contact set`, `contact edit`) a failed check is an error
//! and nothing is written. In `folio check` the same checks are warnings: a book with a mistyped
//! VAT number still produces reports (`check --strict` fails on them). docs/contacts.md lists
//! every rule.

use super::Contact;
use crate::diagnostic::{Diagnostic, key_position, line_text};
use crate::identifiers::{check_country, check_currency, check_email, check_iban, check_tax_id};
use rayon::prelude::*;
use std::path::Path;

/// Every check of this module on one contact, as (key path, message) pairs: the VAT number, the
/// Peppol id, the e-mail addresses (the contact's and its people's), the countries (address and
/// shipping) and the currency. A person's key path holds its index: `people.0.email`.
pub fn contact_problems(contact: &Contact) -> Vec<(String, String)> {
    let mut problems: Vec<(&str, String)> = Vec::new();
    if let Some(vat) = contact.vat.as_deref()
        && let Err(message) = check_tax_id(vat)
    {
        problems.push(("vat", message));
    }
    if let Some(peppol) = contact.peppol.as_deref()
        && let Err(message) = crate::identifiers::peppol::parse(peppol)
    {
        problems.push(("peppol", message));
    }
    if let Some(email) = contact.email.as_deref()
        && let Err(message) = check_email(email)
    {
        problems.push(("email", message));
    }
    if let Some(iban) = contact.iban.as_deref()
        && let Err(message) = check_iban(iban)
    {
        problems.push(("iban", message));
    }
    if let Some(country) = contact.address.country.as_deref()
        && let Err(message) = check_country(country)
    {
        problems.push(("address.country", message));
    }
    if let Some(country) = contact.shipping.country.as_deref()
        && let Err(message) = check_country(country)
    {
        problems.push(("shipping.country", message));
    }
    if let Some(currency) = contact.currency
        && let Err(message) = check_currency(currency.as_str())
    {
        problems.push(("currency", message));
    }
    let mut problems: Vec<(String, String)> = problems
        .into_iter()
        .map(|(key, message)| (key.to_string(), message))
        .collect();
    for (index, person) in contact.people.iter().enumerate() {
        if let Some(email) = person.email.as_deref()
            && let Err(message) = check_email(email)
        {
            problems.push((format!("people.{index}.email"), message));
        }
    }
    problems
}

/// Adds a warning for every contact whose VAT number, e-mail, country or currency fails its
/// check, at the key's line and column. `path_of(i)` is the file of `contacts[i]`, as shown; the
/// file is read again only for contacts with a problem, to place it.
pub fn warn_contacts<'a>(
    contacts: &[Contact],
    path_of: impl Fn(usize) -> &'a Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Checked on all cores; problems are rare, and placed one by one afterwards.
    let found: Vec<(usize, Vec<(String, String)>)> = contacts
        .par_iter()
        .enumerate()
        .filter_map(|(index, contact)| {
            let problems = contact_problems(contact);
            (!problems.is_empty()).then_some((index, problems))
        })
        .collect();
    for (index, problems) in found {
        let path = path_of(index);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (key, message) in problems {
            let (line, column) = key_position(&text, &key).unwrap_or((0, 0));
            let mut warning = Diagnostic::warning(path, line, column, message);
            if let Some(excerpt) = line_text(&text, line).filter(|_| line > 0) {
                warning = warning.with_excerpt(excerpt);
            }
            diagnostics.push(warning);
        }
    }
}
