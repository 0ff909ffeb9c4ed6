//! PEPPOL-COMMON-R040..R043: identifiers whose scheme has a check digit or a fixed shape — a GLN
//! (0088), a Norwegian organisation number (0192), a Danish CVR-based id (0184) and a Belgian
//! enterprise number (0208) — wherever they appear as an electronic address, a party identifier
//! or a company id.

use super::{Checker, Doc, is};
use crate::document::ubl::{NS_CAC, NS_CBC};

/// Checks every identifier with a scheme whose shape Peppol checks.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for node in doc.root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let in_scope = is(node, NS_CBC, "EndpointID")
            || is(node, NS_CBC, "CompanyID")
            || (is(node, NS_CBC, "ID")
                && node
                    .parent()
                    .is_some_and(|p| is(p, NS_CAC, "PartyIdentification")));
        let (true, Some(scheme)) = (in_scope, node.attribute("schemeID")) else {
            continue;
        };
        let raw = node.text().unwrap_or("");
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let (rule, valid, what) = match scheme {
            "0088" => (
                "PEPPOL-COMMON-R040",
                is_gln(&value),
                "a GLN (digits, GS1 check digit)",
            ),
            "0192" => (
                "PEPPOL-COMMON-R041",
                is_norwegian_organisation(&value),
                "a Norwegian organisation number (9 digits, mod 11)",
            ),
            "0184" => (
                "PEPPOL-COMMON-R042",
                is_danish(raw),
                "a Danish id (8 digits, or DK and 8 digits)",
            ),
            "0208" => (
                "PEPPOL-COMMON-R043",
                is_belgian_enterprise(&value),
                "a Belgian enterprise number (10 digits, mod 97)",
            ),
            _ => continue,
        };
        checker.require(valid, rule, || {
            format!("{name} `{value}` (scheme {scheme}) is not {what}")
        });
    }
}

/// The digits of `text`, when it is nothing but digits.
fn digits(text: &str) -> Option<Vec<u32>> {
    (!text.is_empty())
        .then(|| text.chars().map(|c| c.to_digit(10)).collect())
        .flatten()
}

/// A GS1 Global Location Number: digits whose last is the GS1 check digit (weights 3 and 1 from
/// the right).
fn is_gln(text: &str) -> bool {
    let Some(digits) = digits(text) else {
        return false;
    };
    let Some((check, body)) = digits.split_last() else {
        return false;
    };
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| d * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    (10 - sum % 10) % 10 == *check
}

/// A Norwegian organisation number: 9 digits, not all zero, the last a mod-11 check digit
/// (weights 2 to 7 from the right).
fn is_norwegian_organisation(text: &str) -> bool {
    let Some(digits) = digits(text).filter(|d| d.len() == 9) else {
        return false;
    };
    let (check, body) = digits.split_last().unwrap_or((&0, &[]));
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| d * (i as u32 % 6 + 2))
        .sum();
    digits.iter().any(|d| *d != 0) && (11 - sum % 11) % 11 == *check
}

/// A Danish id under scheme 0184: 8 digits, or `DK` and 8 digits.
fn is_danish(text: &str) -> bool {
    let body = match text.len() {
        10 => text.strip_prefix("DK"),
        8 => Some(text),
        _ => None,
    };
    body.is_some_and(|b| b.bytes().all(|c| c.is_ascii_digit()))
}

/// A Belgian enterprise number: 10 digits, the last two 97 − (the first eight mod 97).
fn is_belgian_enterprise(text: &str) -> bool {
    let Some(digits) = digits(text).filter(|d| d.len() == 10) else {
        return false;
    };
    let number = |ds: &[u32]| ds.iter().fold(0u64, |n, d| n * 10 + u64::from(*d));
    97 - number(&digits[..8]) % 97 == number(&digits[8..])
}
