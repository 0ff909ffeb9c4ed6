//! The seller and the buyer: name, postal address with a country, electronic address and tax
//! identifiers.

use super::{Checker, Node, cbc, child, children, path};
use crate::document::ubl::NS_CAC;

/// Checks the seller and the buyer of the document whose root element is `root`.
pub(super) fn check(checker: &mut Checker, root: Node<'_, '_>) {
    for (side, rules) in [
        (
            "AccountingSupplierParty",
            ("BR-06", "BR-08", "BR-09", "PEPPOL-EN16931-R020"),
        ),
        (
            "AccountingCustomerParty",
            ("BR-07", "BR-10", "BR-11", "PEPPOL-EN16931-R010"),
        ),
    ] {
        let who = if side.contains("Supplier") {
            "seller"
        } else {
            "buyer"
        };
        let Some(party) = child(root, NS_CAC, side).and_then(|p| child(p, NS_CAC, "Party")) else {
            checker.fail(rules.0, format!("no {who}"));
            continue;
        };
        if path(party, &["PartyName", "Name"]).is_none()
            && path(party, &["PartyLegalEntity", "RegistrationName"]).is_none()
        {
            checker.fail(rules.0, format!("the {who} has no name"));
        }
        match child(party, NS_CAC, "PostalAddress") {
            None => checker.fail(rules.1, format!("the {who} has no postal address")),
            Some(address) => {
                if path(address, &["Country", "IdentificationCode"]).is_none() {
                    checker.fail(rules.2, format!("the {who}'s address has no country code"));
                }
            }
        }
        if cbc(party, "EndpointID").is_none() {
            checker.fail(
                rules.3,
                format!(
                    "the {who} has no electronic address (EndpointID): give it a VAT number or an e-mail address"
                ),
            );
        }
        for scheme in children(party, NS_CAC, "PartyTaxScheme") {
            if let Some(id) = cbc(scheme, "CompanyID")
                && !id
                    .get(..2)
                    .is_some_and(|p| p.bytes().all(|b| b.is_ascii_uppercase()))
            {
                checker.fail(
                    "BR-CO-09",
                    format!("the {who}'s VAT id `{id}` has no country prefix"),
                );
            }
        }
        if who == "seller"
            && children(party, NS_CAC, "PartyTaxScheme").is_empty()
            && path(party, &["PartyLegalEntity", "CompanyID"]).is_none()
        {
            checker.fail(
                "BR-CO-26",
                "the seller has neither a VAT id nor a legal registration id".into(),
            );
        }
    }
}
