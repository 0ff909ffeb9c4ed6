//! The sender and the addresses as a letter or a document prints them.

use crate::book::Book;
use crate::book::contact::Address;

/// The address as the lines of an envelope: street; postcode and city; region; country, named
/// in `language` (`Belgique` for `BE` in French).
pub(crate) fn address_lines(address: &Address, language: &str) -> Vec<String> {
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
    if let Some(region) = address.region.as_deref().filter(|s| !s.trim().is_empty()) {
        lines.push(region.trim().to_string());
    }
    if let Some(country) = address.country.as_deref().filter(|s| !s.trim().is_empty()) {
        lines.push(super::locale::country(country, language));
    }
    lines
}

/// The name letters and documents are signed with: `[company] name`, else the book's name.
pub(crate) fn company_name(book: &Book) -> String {
    book.config
        .company
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| book.config.name.clone())
}
