//! UBL 2.1 XML following Peppol BIS Billing 3.0 (an Invoice or a CreditNote), and the business
//! rules of EN 16931 and Peppol that can be checked offline on the XML itself.
//!
//! [`write()`] builds the XML in the element order of the UBL 2.1 schema (the test suite validates
//! it against the OASIS XSDs under tests/schemas). [`check()`] reads an XML document back and
//! applies the rules listed in [`RULES`]; `folio render --format ubl` refuses to write a document
//! that breaks one, naming the rule and what to fix.

mod check;
mod party;
pub(crate) mod units;
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

/// Every rule [`check()`] applies, with what it requires: EN 16931 (`BR-*`, and the UBL syntax
/// rules `UBL-*`) and Peppol BIS Billing 3.0 (`PEPPOL-*`).
pub const RULES: &[(&str, &str)] = &[
    ("BR-01", "a specification identifier (CustomizationID)"),
    ("BR-02", "a document number"),
    ("BR-03", "an issue date"),
    ("BR-04", "a type code"),
    ("BR-05", "a document currency code"),
    ("BR-06", "the seller's legal name"),
    ("BR-07", "the buyer's legal name"),
    ("BR-08", "the seller's postal address"),
    ("BR-09", "the seller's country code"),
    ("BR-10", "the buyer's postal address"),
    ("BR-11", "the buyer's country code"),
    ("BR-12", "the sum of line net amounts"),
    ("BR-13", "the total without VAT"),
    ("BR-14", "the total with VAT"),
    ("BR-15", "the amount due"),
    ("BR-16", "at least one line"),
    ("BR-21", "each line has an identifier"),
    ("BR-22", "each line has a quantity"),
    ("BR-23", "each quantity has a unit code"),
    ("BR-24", "each line has a net amount"),
    ("BR-25", "each line has an item name"),
    ("BR-26", "each line has a net price"),
    ("BR-27", "the net price is not negative"),
    ("BR-28", "the gross price is not negative"),
    ("BR-29", "an invoicing period ends after it starts"),
    ("BR-30", "a line's period ends after it starts"),
    ("BR-31", "a document allowance has an amount"),
    ("BR-32", "a document allowance has a VAT category"),
    ("BR-33", "a document allowance has a reason"),
    ("BR-36", "a document charge has an amount"),
    ("BR-37", "a document charge has a VAT category"),
    ("BR-38", "a document charge has a reason"),
    ("BR-41", "a line allowance has an amount"),
    ("BR-42", "a line allowance has a reason"),
    ("BR-43", "a line charge has an amount"),
    ("BR-44", "a line charge has a reason"),
    ("BR-45", "a VAT breakdown has its taxable amount"),
    ("BR-46", "a VAT breakdown has its VAT"),
    ("BR-47", "a VAT breakdown has its category"),
    ("BR-48", "a VAT breakdown has its rate (but O)"),
    ("BR-49", "a payment means has its type code"),
    (
        "BR-53",
        "a VAT total in the VAT accounting currency, when there is one",
    ),
    ("BR-57", "a deliver-to address has a country"),
    ("BR-61", "a credit transfer names the payee's account"),
    ("BR-62", "the seller's electronic address has a scheme"),
    ("BR-63", "the buyer's electronic address has a scheme"),
    (
        "BR-AE-01",
        "reverse charge (AE): a breakdown when used (exactly one)",
    ),
    (
        "BR-AE-02",
        "reverse charge (AE) on a line: the seller's VAT id and the buyer's VAT or legal id",
    ),
    (
        "BR-AE-03",
        "reverse charge (AE) on an allowance: the seller's VAT id and the buyer's VAT or legal id",
    ),
    (
        "BR-AE-04",
        "reverse charge (AE) on a charge: the seller's VAT id and the buyer's VAT or legal id",
    ),
    ("BR-AE-05", "reverse charge (AE) on a line: rate zero"),
    ("BR-AE-06", "reverse charge (AE) on an allowance: rate zero"),
    ("BR-AE-07", "reverse charge (AE) on a charge: rate zero"),
    (
        "BR-AE-08",
        "reverse charge (AE): taxable amount = lines − allowances + charges",
    ),
    ("BR-AE-09", "reverse charge (AE): VAT is zero"),
    (
        "BR-AE-10",
        "reverse charge (AE): an exemption reason or code",
    ),
    ("BR-CL-01", "the type code is in UNTDID 1001"),
    ("BR-CL-03", "amounts are in an ISO 4217 currency"),
    ("BR-CL-04", "the document currency is ISO 4217"),
    ("BR-CL-05", "the VAT currency is ISO 4217"),
    ("BR-CL-14", "country codes are ISO 3166-1"),
    ("BR-CL-16", "the payment means code is in UNCL 4461"),
    ("BR-CL-17", "breakdown VAT categories are in UNCL 5305"),
    ("BR-CL-18", "line VAT categories are in UNCL 5305"),
    ("BR-CL-19", "allowance reason codes are in UNCL 5189"),
    ("BR-CL-22", "exemption reason codes are in VATEX"),
    (
        "BR-CL-23",
        "unit codes have the shape of UN/ECE Rec. 20 codes",
    ),
    (
        "BR-CL-25",
        "the electronic address scheme is in the EAS list",
    ),
    ("BR-CO-04", "each line has a VAT category"),
    (
        "BR-CO-09",
        "VAT ids start with a country code (EL for Greece)",
    ),
    ("BR-CO-10", "sum of line net amounts = Σ lines"),
    ("BR-CO-11", "allowance total = Σ document allowances"),
    ("BR-CO-12", "charge total = Σ document charges"),
    (
        "BR-CO-13",
        "total without VAT = lines − allowances + charges",
    ),
    ("BR-CO-14", "total VAT = Σ breakdown"),
    ("BR-CO-15", "total with VAT = without VAT + VAT"),
    ("BR-CO-16", "amount due = with VAT − prepaid + rounding"),
    ("BR-CO-17", "breakdown VAT = taxable × rate (±1)"),
    ("BR-CO-18", "at least one VAT breakdown"),
    (
        "BR-CO-19",
        "an invoicing period has a date or a description code",
    ),
    ("BR-CO-20", "a line's period has a date"),
    ("BR-CO-21", "a document allowance has a reason"),
    ("BR-CO-22", "a document charge has a reason"),
    ("BR-CO-23", "a line allowance has a reason"),
    ("BR-CO-24", "a line charge has a reason"),
    (
        "BR-CO-25",
        "a due date or payment terms when an amount is due",
    ),
    (
        "BR-CO-26",
        "the seller's VAT id, identifier or legal registration id",
    ),
    (
        "BR-DEC-01",
        "document allowance amount: at most two decimals",
    ),
    ("BR-DEC-02", "document allowance base: at most two decimals"),
    ("BR-DEC-05", "document charge amount: at most two decimals"),
    ("BR-DEC-06", "document charge base: at most two decimals"),
    ("BR-DEC-09", "sum of line net amounts: at most two decimals"),
    ("BR-DEC-10", "allowance total: at most two decimals"),
    ("BR-DEC-11", "charge total: at most two decimals"),
    ("BR-DEC-12", "total without VAT: at most two decimals"),
    ("BR-DEC-14", "total with VAT: at most two decimals"),
    ("BR-DEC-16", "prepaid amount: at most two decimals"),
    ("BR-DEC-17", "rounding amount: at most two decimals"),
    ("BR-DEC-18", "amount due: at most two decimals"),
    (
        "BR-DEC-19",
        "breakdown taxable amount: at most two decimals",
    ),
    ("BR-DEC-20", "breakdown VAT: at most two decimals"),
    ("BR-DEC-23", "line net amount: at most two decimals"),
    ("BR-DEC-24", "line allowance amount: at most two decimals"),
    ("BR-DEC-25", "line allowance base: at most two decimals"),
    ("BR-DEC-27", "line charge amount: at most two decimals"),
    ("BR-DEC-28", "line charge base: at most two decimals"),
    ("BR-E-01", "exempt (E): a breakdown when used (exactly one)"),
    (
        "BR-E-02",
        "exempt (E) on a line: the seller's VAT or tax registration id",
    ),
    (
        "BR-E-03",
        "exempt (E) on an allowance: the seller's VAT or tax registration id",
    ),
    (
        "BR-E-04",
        "exempt (E) on a charge: the seller's VAT or tax registration id",
    ),
    ("BR-E-05", "exempt (E) on a line: rate zero"),
    ("BR-E-06", "exempt (E) on an allowance: rate zero"),
    ("BR-E-07", "exempt (E) on a charge: rate zero"),
    (
        "BR-E-08",
        "exempt (E): taxable amount = lines − allowances + charges",
    ),
    ("BR-E-09", "exempt (E): VAT is zero"),
    ("BR-E-10", "exempt (E): an exemption reason or code"),
    ("BR-G-01", "export (G): a breakdown when used (exactly one)"),
    ("BR-G-02", "export (G) on a line: the seller's VAT id"),
    ("BR-G-03", "export (G) on an allowance: the seller's VAT id"),
    ("BR-G-04", "export (G) on a charge: the seller's VAT id"),
    ("BR-G-05", "export (G) on a line: rate zero"),
    ("BR-G-06", "export (G) on an allowance: rate zero"),
    ("BR-G-07", "export (G) on a charge: rate zero"),
    (
        "BR-G-08",
        "export (G): taxable amount = lines − allowances + charges",
    ),
    ("BR-G-09", "export (G): VAT is zero"),
    ("BR-G-10", "export (G): an exemption reason or code"),
    (
        "BR-IC-01",
        "intra-community (K): a breakdown when used (exactly one)",
    ),
    (
        "BR-IC-02",
        "intra-community (K) on a line: the seller's and the buyer's VAT ids",
    ),
    (
        "BR-IC-03",
        "intra-community (K) on an allowance: the seller's and the buyer's VAT ids",
    ),
    (
        "BR-IC-04",
        "intra-community (K) on a charge: the seller's and the buyer's VAT ids",
    ),
    ("BR-IC-05", "intra-community (K) on a line: rate zero"),
    ("BR-IC-06", "intra-community (K) on an allowance: rate zero"),
    ("BR-IC-07", "intra-community (K) on a charge: rate zero"),
    (
        "BR-IC-08",
        "intra-community (K): taxable amount = lines − allowances + charges",
    ),
    ("BR-IC-09", "intra-community (K): VAT is zero"),
    (
        "BR-IC-10",
        "intra-community (K): an exemption reason or code",
    ),
    (
        "BR-IC-11",
        "intra-community (K): a delivery date or an invoicing period",
    ),
    ("BR-IC-12", "intra-community (K): the deliver-to country"),
    (
        "BR-O-01",
        "not subject (O): a breakdown when used (exactly one)",
    ),
    (
        "BR-O-02",
        "not subject (O) on a line: no VAT id on either side",
    ),
    (
        "BR-O-03",
        "not subject (O) on an allowance: no VAT id on either side",
    ),
    (
        "BR-O-04",
        "not subject (O) on a charge: no VAT id on either side",
    ),
    ("BR-O-05", "not subject (O) on a line: rate absent"),
    ("BR-O-06", "not subject (O) on an allowance: rate absent"),
    ("BR-O-07", "not subject (O) on a charge: rate absent"),
    (
        "BR-O-08",
        "not subject (O): taxable amount = lines − allowances + charges",
    ),
    ("BR-O-09", "not subject (O): VAT is zero"),
    ("BR-O-10", "not subject (O): an exemption reason or code"),
    ("BR-O-11", "not subject (O): no other VAT breakdown"),
    ("BR-O-12", "not subject (O): no line in another category"),
    (
        "BR-O-13",
        "not subject (O): no allowance in another category",
    ),
    ("BR-O-14", "not subject (O): no charge in another category"),
    ("BR-S-01", "standard rate (S): a breakdown when used"),
    (
        "BR-S-02",
        "standard rate (S) on a line: the seller's VAT or tax registration id",
    ),
    (
        "BR-S-03",
        "standard rate (S) on an allowance: the seller's VAT or tax registration id",
    ),
    (
        "BR-S-04",
        "standard rate (S) on a charge: the seller's VAT or tax registration id",
    ),
    ("BR-S-05", "standard rate (S) on a line: rate above zero"),
    (
        "BR-S-06",
        "standard rate (S) on an allowance: rate above zero",
    ),
    ("BR-S-07", "standard rate (S) on a charge: rate above zero"),
    (
        "BR-S-08",
        "standard rate (S): taxable amount = lines − allowances + charges per rate (±1)",
    ),
    ("BR-S-09", "standard rate (S): VAT = taxable × rate (±1)"),
    ("BR-S-10", "standard rate (S): no exemption reason"),
    (
        "BR-Z-01",
        "zero rate (Z): a breakdown when used (exactly one)",
    ),
    (
        "BR-Z-02",
        "zero rate (Z) on a line: the seller's VAT or tax registration id",
    ),
    (
        "BR-Z-03",
        "zero rate (Z) on an allowance: the seller's VAT or tax registration id",
    ),
    (
        "BR-Z-04",
        "zero rate (Z) on a charge: the seller's VAT or tax registration id",
    ),
    ("BR-Z-05", "zero rate (Z) on a line: rate zero"),
    ("BR-Z-06", "zero rate (Z) on an allowance: rate zero"),
    ("BR-Z-07", "zero rate (Z) on a charge: rate zero"),
    (
        "BR-Z-08",
        "zero rate (Z): taxable amount = lines − allowances + charges",
    ),
    ("BR-Z-09", "zero rate (Z): VAT is zero"),
    ("BR-Z-10", "zero rate (Z): no exemption reason"),
    ("UBL-DT-01", "amounts have at most two decimals"),
    ("UBL-SR-48", "each line has exactly one VAT category"),
    ("PEPPOL-COMMON-R040", "GLN (0088) check digit"),
    (
        "PEPPOL-COMMON-R041",
        "Norwegian organisation number (0192) mod 11",
    ),
    ("PEPPOL-COMMON-R042", "Danish id (0184) shape"),
    (
        "PEPPOL-COMMON-R043",
        "Belgian enterprise number (0208): 10 digits, mod 97",
    ),
    (
        "PEPPOL-EN16931-CL002",
        "allowance reason codes are in UNCL 5189",
    ),
    (
        "PEPPOL-EN16931-CL007",
        "amounts are in a currency of Peppol's ISO 4217 list",
    ),
    (
        "PEPPOL-EN16931-CL008",
        "the electronic address scheme is in Peppol's EAS list (not EM)",
    ),
    ("PEPPOL-EN16931-F001", "dates are YYYY-MM-DD"),
    (
        "PEPPOL-EN16931-P0100",
        "invoice type code of the billing profile",
    ),
    (
        "PEPPOL-EN16931-P0101",
        "credit note type code of the billing profile",
    ),
    (
        "PEPPOL-EN16931-P0104",
        "exemption code VATEX-EU-G only with its category",
    ),
    (
        "PEPPOL-EN16931-P0105",
        "exemption code VATEX-EU-O only with its category",
    ),
    (
        "PEPPOL-EN16931-P0106",
        "exemption code VATEX-EU-IC only with its category",
    ),
    (
        "PEPPOL-EN16931-P0107",
        "exemption code VATEX-EU-AE only with its category",
    ),
    (
        "PEPPOL-EN16931-P0108",
        "exemption code VATEX-EU-D only with its category",
    ),
    (
        "PEPPOL-EN16931-P0109",
        "exemption code VATEX-EU-F only with its category",
    ),
    (
        "PEPPOL-EN16931-P0110",
        "exemption code VATEX-EU-I only with its category",
    ),
    (
        "PEPPOL-EN16931-P0111",
        "exemption code VATEX-EU-J only with its category",
    ),
    (
        "PEPPOL-EN16931-P0112",
        "type codes 326 and 384 only between German parties",
    ),
    ("PEPPOL-EN16931-R001", "a business process (ProfileID)"),
    (
        "PEPPOL-EN16931-R002",
        "at most one note (unless both parties are German)",
    ),
    (
        "PEPPOL-EN16931-R003",
        "a buyer reference or an order reference",
    ),
    ("PEPPOL-EN16931-R004", "the Peppol BIS 3.0 customization"),
    (
        "PEPPOL-EN16931-R005",
        "the VAT currency differs from the document currency",
    ),
    ("PEPPOL-EN16931-R007", "the ProfileID has the Peppol form"),
    ("PEPPOL-EN16931-R008", "no empty element"),
    ("PEPPOL-EN16931-R010", "the buyer's electronic address"),
    ("PEPPOL-EN16931-R020", "the seller's electronic address"),
    (
        "PEPPOL-EN16931-R040",
        "allowance = base × percentage (±0.02)",
    ),
    (
        "PEPPOL-EN16931-R041",
        "a percentage comes with its base amount",
    ),
    (
        "PEPPOL-EN16931-R042",
        "a base amount comes with its percentage",
    ),
    ("PEPPOL-EN16931-R043", "ChargeIndicator is true or false"),
    ("PEPPOL-EN16931-R044", "no charge on the price"),
    (
        "PEPPOL-EN16931-R046",
        "net price = gross price − price discount",
    ),
    (
        "PEPPOL-EN16931-R051",
        "every amount in the document currency",
    ),
    (
        "PEPPOL-EN16931-R053",
        "exactly one VAT total with a breakdown",
    ),
    (
        "PEPPOL-EN16931-R054",
        "a VAT total without breakdown only for a VAT currency",
    ),
    (
        "PEPPOL-EN16931-R055",
        "VAT totals in both currencies have the same sign",
    ),
    ("PEPPOL-EN16931-R061", "a direct debit has its mandate"),
    (
        "PEPPOL-EN16931-R120",
        "line net = quantity × price + charges − allowances (±0.02)",
    ),
    (
        "PEPPOL-EN16931-R121",
        "the price base quantity is above zero",
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
