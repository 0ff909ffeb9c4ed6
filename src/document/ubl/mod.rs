//! UBL 2.1 XML following Peppol BIS Billing 3.0 (an Invoice or a CreditNote), and the business
//! rules of EN 16931 and Peppol that can be checked offline on the XML itself.
//!
//! [`write()`] builds the XML in the element order of the UBL 2.1 schema (the test suite validates
//! it against the OASIS XSDs under tests/schemas). [`check()`] reads an XML document back and
//! applies the rules listed in [`RULES`]; `folio render --format ubl` refuses to write a document
//! that breaks one, naming the rule and what to fix.

mod check;
mod party;
mod units;
mod write;
mod xml;

pub use check::{Violation, check};
pub use units::unit_code;
pub use write::write;

use super::model::{Document, DocumentKind};
use crate::error::{Error, Result};

/// Peppol BIS Billing 3.0 customization (BT-24).
pub const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// Peppol BIS Billing 3.0 business process (BT-23).
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/// The namespace of a UBL Invoice.
const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
/// The namespace of a UBL CreditNote.
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
/// The namespace of aggregate components (`cac:`).
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
/// The namespace of basic components (`cbc:`).
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The rules [`check()`] applies, with what each requires.
pub const RULES: &[(&str, &str)] = &[
    ("BR-01", "a specification identifier (CustomizationID)"),
    ("BR-02", "an invoice number (ID)"),
    ("BR-03", "an issue date"),
    ("BR-04", "an invoice type code"),
    ("BR-05", "a document currency code"),
    ("BR-06", "the seller's name"),
    ("BR-07", "the buyer's name"),
    ("BR-08", "the seller's postal address"),
    ("BR-09", "the seller's country code"),
    ("BR-10", "the buyer's postal address"),
    ("BR-11", "the buyer's country code"),
    ("BR-12", "the sum of line net amounts"),
    ("BR-13", "the total without VAT"),
    ("BR-14", "the total with VAT"),
    ("BR-15", "the amount due for payment"),
    ("BR-16", "at least one invoice line"),
    ("BR-21", "each line has an identifier"),
    ("BR-22", "each line has an invoiced quantity"),
    ("BR-23", "each quantity has a unit of measure code"),
    ("BR-24", "each line has a net amount"),
    ("BR-25", "each line has an item name"),
    ("BR-26", "each line has a net price"),
    ("BR-27", "the net price is not negative"),
    (
        "BR-CO-09",
        "VAT identifiers start with an ISO country prefix",
    ),
    ("BR-CO-10", "sum of line net amounts = Σ line net amounts"),
    (
        "BR-CO-13",
        "total without VAT = sum of line net amounts (no document allowances)",
    ),
    ("BR-CO-14", "total VAT = Σ VAT of the breakdown"),
    ("BR-CO-15", "total with VAT = total without VAT + total VAT"),
    ("BR-CO-16", "amount due = total with VAT (nothing prepaid)"),
    ("BR-CO-18", "at least one VAT breakdown"),
    (
        "BR-CO-25",
        "a due date or payment terms when an amount is due",
    ),
    ("BR-CO-26", "the seller's VAT id or legal registration id"),
    (
        "BR-S-08",
        "per rate, taxable amount = Σ net of the lines at that rate (all categories)",
    ),
    (
        "BR-S-09",
        "per rate, VAT = taxable amount × rate, rounded to cents (all categories)",
    ),
    (
        "BR-E-10",
        "exempt (E, AE, K, G, O) breakdowns give an exemption reason or code",
    ),
    ("BR-DEC", "amounts have at most two decimals"),
    (
        "BR-61",
        "a credit transfer names the payee's account (IBAN)",
    ),
    ("PEPPOL-EN16931-R001", "a business process (ProfileID)"),
    (
        "PEPPOL-EN16931-R003",
        "a buyer reference or an order reference",
    ),
    ("PEPPOL-EN16931-R004", "the Peppol BIS 3.0 customization"),
    (
        "PEPPOL-EN16931-R010",
        "the buyer's electronic address (EndpointID)",
    ),
    (
        "PEPPOL-EN16931-R020",
        "the seller's electronic address (EndpointID)",
    ),
    (
        "PEPPOL-EN16931-R053",
        "one VAT total in the document currency",
    ),
    (
        "PEPPOL-EN16931-R120",
        "line net = quantity × price − allowances",
    ),
];

/// The rules only a document delivered over Peppol must keep: a party without a Peppol id has
/// no electronic address, and a document to or from one is not for Peppol (docs/einvoicing.md).
const PEPPOL_DELIVERY_RULES: &[&str] = &[
    "PEPPOL-EN16931-R003",
    "PEPPOL-EN16931-R010",
    "PEPPOL-EN16931-R020",
];

/// Writes a document as UBL and checks it: the XML, or an error listing every broken rule. A
/// document whose buyer or seller has no Peppol id is a valid EN 16931 document that cannot be
/// delivered over Peppol ([`super::sending::warnings`] says so): the rules of Peppol delivery
/// are not applied to it.
pub fn write_checked(document: &Document) -> Result<String> {
    let xml = write(document)?;
    let for_peppol =
        document.buyer.participant_id().is_some() && document.seller.participant_id().is_some();
    let violations: Vec<Violation> = check(&xml)
        .into_iter()
        .filter(|v| for_peppol || !PEPPOL_DELIVERY_RULES.contains(&v.rule))
        .collect();
    if violations.is_empty() {
        return Ok(xml);
    }
    let list: Vec<String> = violations
        .iter()
        .map(|v| format!("  [{}] {}", v.rule, v.message))
        .collect();
    Err(Error::InvalidData(format!(
        "{} cannot be sent as a Peppol BIS 3.0 {}: it breaks {} rule(s):\n{}\n(the seller comes from [company] in folio.toml, the buyer from contact `{}`)",
        document.id,
        if document.kind == DocumentKind::CreditNote {
            "credit note"
        } else {
            "invoice"
        },
        violations.len(),
        list.join("\n"),
        document.contact
    )))
}
