//! The seller and the buyer: name, postal address with a country, electronic address, and the
//! identifiers by which the buyer recognises the seller.

use super::codes::is_country;
use super::{Checker, Doc, Node, cbc, child, element, path};
use crate::document::ubl::{NS_CAC, NS_CBC};

/// The rule ids of one party: name, postal address, country, electronic address, its scheme.
struct Rules {
    who: &'static str,
    name: &'static str,
    address: &'static str,
    country: &'static str,
    endpoint: &'static str,
    scheme: &'static str,
}

/// The seller's rules.
const SELLER: Rules = Rules {
    who: "seller",
    name: "BR-06",
    address: "BR-08",
    country: "BR-09",
    endpoint: "PEPPOL-EN16931-R020",
    scheme: "BR-62",
};

/// The buyer's rules.
const BUYER: Rules = Rules {
    who: "buyer",
    name: "BR-07",
    address: "BR-10",
    country: "BR-11",
    endpoint: "PEPPOL-EN16931-R010",
    scheme: "BR-63",
};

/// Checks the seller and the buyer, and every VAT identifier's country prefix.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for (party, rules) in [(doc.seller, &SELLER), (doc.buyer, &BUYER)] {
        match party {
            Some(party) => one(checker, party, rules),
            None => checker.fail(rules.name, format!("no {}", rules.who)),
        }
    }
    if let Some(seller) = doc.seller {
        let identified = vat_id(seller).is_some()
            || element(seller, &["PartyIdentification", "ID"]).is_some()
            || element(seller, &["PartyLegalEntity", "CompanyID"]).is_some();
        checker.require(identified, "BR-CO-26", || {
            "the seller has no VAT id, identifier or legal registration id".into()
        });
    }
    for scheme in doc.all(NS_CAC, "PartyTaxScheme") {
        if is_vat_scheme(scheme)
            && let Some(id) = cbc(scheme, "CompanyID")
        {
            let prefix = id.get(..2).unwrap_or("");
            checker.require(prefix == "EL" || is_country(prefix), "BR-CO-09", || {
                format!("the VAT id `{id}` does not start with an ISO 3166 country code")
            });
        }
    }
}

/// Checks one party against its `rules`.
fn one(checker: &mut Checker, party: Node<'_, '_>, rules: &Rules) {
    let who = rules.who;
    checker.require(
        path(party, &["PartyLegalEntity", "RegistrationName"]).is_some(),
        rules.name,
        || format!("the {who} has no legal name (PartyLegalEntity/RegistrationName)"),
    );
    match child(party, NS_CAC, "PostalAddress") {
        None => checker.fail(rules.address, format!("the {who} has no postal address")),
        Some(address) => checker.require(
            path(address, &["Country", "IdentificationCode"]).is_some(),
            rules.country,
            || format!("the {who}'s postal address has no country code"),
        ),
    }
    match child(party, NS_CBC, "EndpointID") {
        None => checker.fail(
            rules.endpoint,
            format!("the {who} has no electronic address (EndpointID)"),
        ),
        Some(endpoint) => checker.require(
            endpoint.attribute("schemeID").is_some(),
            rules.scheme,
            || format!("the {who}'s electronic address has no scheme (schemeID)"),
        ),
    }
}

/// Whether a `cac:PartyTaxScheme` is the VAT one.
fn is_vat_scheme(scheme: Node<'_, '_>) -> bool {
    path(scheme, &["TaxScheme", "ID"]).is_some_and(|s| s.eq_ignore_ascii_case("VAT"))
}

/// The party's VAT identifier (`PartyTaxScheme[VAT]/CompanyID`: BT-31 or BT-48).
pub(super) fn vat_id<'a, 'i>(party: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    super::children(party, NS_CAC, "PartyTaxScheme")
        .into_iter()
        .filter(|s| is_vat_scheme(*s))
        .find_map(|s| child(s, NS_CBC, "CompanyID"))
}

/// Whether the party has a tax identifier of any scheme (`PartyTaxScheme/CompanyID`: BT-31 or
/// BT-32, which several rules accept alike).
pub(super) fn any_tax_id(party: Node<'_, '_>) -> bool {
    super::children(party, NS_CAC, "PartyTaxScheme")
        .into_iter()
        .any(|s| child(s, NS_CBC, "CompanyID").is_some())
}
