//! What an invoice or credit note needs to be sent as a Peppol BIS Billing 3.0 document, asked for
//! when it is issued rather than discovered when it is rendered: the delivery of an
//! intra-community supply, VAT categories that can stand together, the buyer's VAT number where
//! the category needs it, and a buyer reference or purchase order number for a buyer reachable
//! over Peppol. docs/einvoicing.md ("Sending") explains each rule.
//!
//! A refusal is invalid data (exit 65) naming the EN 16931 or Peppol rule and how to give what is
//! missing; nothing is written. A party without a Peppol id is no refusal: the UBL is still a
//! valid EN 16931 document, and [`warnings`] says it cannot travel over Peppol.

use super::model::{Document, DocumentKind};
use crate::error::{Error, Result};

fn refuse(rule: &str, message: String) -> Error {
    Error::InvalidData(format!("[{rule}] {message}"))
}

/// True when an item of the document has VAT category `category`.
fn has_category(document: &Document, category: &str) -> bool {
    document
        .items
        .iter()
        .any(|item| item.category() == category)
}

/// Fills in the delivery an intra-community supply (category K) must state (BR-IC-11, BR-IC-12):
/// the delivery date defaults to the document's date and the country delivered to to the
/// buyer's. A country given is checked; a K document with no country to default to is refused.
pub(crate) fn complete_delivery(document: &mut Document) -> Result<()> {
    if let Some(country) = &document.deliver_to {
        crate::identifiers::check_country(country)
            .map_err(|message| Error::InvalidData(format!("--deliver-to: {message}")))?;
    }
    if !has_category(document, "K") {
        return Ok(());
    }
    document.delivery_date.get_or_insert(document.date);
    if document.deliver_to.is_none() {
        document.deliver_to = document
            .buyer
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase);
    }
    if document.deliver_to.is_none() {
        return Err(refuse(
            "BR-IC-12",
            format!(
                "an intra-community supply states the country the goods were delivered to, and contact `{}` has no country: give --deliver-to CC (e.g. --deliver-to NL)",
                document.contact
            ),
        ));
    }
    Ok(())
}

/// Refuses VAT categories that cannot stand on one document, or lack the buyer's VAT number:
/// "not subject to VAT" (O) mixed with another category (BR-O-11, BR-O-12), and reverse charge
/// (AE) or an intra-community supply (K) to a buyer without a VAT number (BR-AE-02, BR-IC-02).
pub(crate) fn refuse_inconsistent_vat(document: &Document) -> Result<()> {
    if has_category(document, "O")
        && let Some(other) = document.items.iter().find(|item| item.category() != "O")
    {
        return Err(refuse(
            "BR-O-11",
            format!(
                "a document with items not subject to VAT (category O, VATEX-EU-O) can hold no other category, and \"{}\" is {}: issue the items outside the scope of VAT on a document of their own",
                other.description,
                other.category()
            ),
        ));
    }
    let buyer_vat = document
        .buyer
        .vat
        .as_deref()
        .is_some_and(|v| !v.trim().is_empty());
    for (category, rule, what) in [
        ("AE", "BR-AE-02", "reverse charge (VATEX-EU-AE)"),
        ("K", "BR-IC-02", "an intra-community supply (VATEX-EU-IC)"),
    ] {
        if !buyer_vat && has_category(document, category) {
            return Err(refuse(
                rule,
                format!(
                    "{what} names the buyer's VAT number, and contact `{}` has none: set it with `folio contact set {} vat=NUMBER`, or charge VAT",
                    document.contact, document.contact
                ),
            ));
        }
    }
    Ok(())
}

/// Every refusal of this module for an invoice or credit note about to be issued: those of
/// [`refuse_inconsistent_vat`], and a document to a Peppol participant without a buyer
/// reference or purchase order number (PEPPOL-EN16931-R003), which folio does not invent.
pub(crate) fn refuse_unsendable(document: &Document) -> Result<()> {
    refuse_inconsistent_vat(document)?;
    if document.kind == DocumentKind::Quote
        || document.buyer_reference.is_some()
        || document.order_reference.is_some()
    {
        return Ok(());
    }
    let (Some(buyer), Some(_)) = (
        document.buyer.participant_id(),
        document.seller.participant_id(),
    ) else {
        return Ok(());
    };
    Err(refuse(
        "PEPPOL-EN16931-R003",
        format!(
            "{} goes to Peppol participant {buyer} ({}), and Peppol requires the buyer's reference or purchase order number: give --buyer-ref REF (the reference the buyer gave you) or --order-ref PO, or set a standing one with `folio contact set {} buyer_reference=REF`",
            document.id, document.contact, document.contact
        ),
    ))
}

/// Why the document cannot be delivered over Peppol, if it cannot: the buyer or the seller has
/// no Peppol id, set or derived. The UBL is still written (a valid EN 16931 document to send by
/// other means).
pub fn warnings(document: &Document) -> Vec<String> {
    let mut found = Vec::new();
    if document.kind == DocumentKind::Quote {
        return found;
    }
    if document.buyer.participant_id().is_none() {
        found.push(format!(
            "{} cannot be delivered over Peppol: contact `{}` has no Peppol id (no VAT or registration number with a Peppol scheme); if the buyer is on Peppol, set its id with `folio contact set {} peppol=SCHEME:VALUE` (e.g. 0208:0403170701)",
            document.id, document.contact, document.contact
        ));
    }
    if document.seller.participant_id().is_none() {
        found.push(format!(
            "{} cannot be delivered over Peppol: the seller has no Peppol id; set `peppol = \"SCHEME:VALUE\"` (or `vat`) in [company] of folio.toml",
            document.id
        ));
    }
    found
}
