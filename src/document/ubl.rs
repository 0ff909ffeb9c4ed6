//! UBL 2.1 XML following Peppol BIS Billing 3.0 (an Invoice or a CreditNote), and the business
//! rules of EN 16931 and Peppol that can be checked offline on the XML itself.
//!
//! [`write()`] builds the XML in the element order of the UBL 2.1 schema (the test suite validates
//! it against the OASIS XSDs under tests/schemas). [`check`] reads an XML document back and
//! applies the rules listed in [`RULES`]; `folio render --format ubl` refuses to write a document
//! that breaks one, naming the rule and what to fix.

use super::model::{self, Document, DocumentKind, Party, Totals};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Peppol BIS Billing 3.0 customization (BT-24).
pub const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// Peppol BIS Billing 3.0 business process (BT-23).
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The rules [`check`] applies, with what each requires.
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

/// UN/ECE Recommendation 20 unit codes for the units people type.
pub fn unit_code(unit: Option<&str>) -> &'static str {
    let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
        return "C62";
    };
    let lower = unit.to_lowercase();
    match lower.as_str() {
        "h" | "hr" | "hrs" | "hour" | "hours" | "heure" | "heures" | "小时" | "时" => "HUR",
        "d" | "day" | "days" | "jour" | "jours" | "天" | "日" => "DAY",
        "min" | "minute" | "minutes" | "分钟" => "MIN",
        "week" | "weeks" | "semaine" | "semaines" | "周" => "WEE",
        "month" | "months" | "mois" | "月" => "MON",
        "year" | "years" | "an" | "ans" | "année" | "年" => "ANN",
        "pc" | "pcs" | "piece" | "pieces" | "pièce" | "pièces" | "件" | "个" => "H87",
        "kg" => "KGM",
        "g" => "GRM",
        "t" => "TNE",
        "m" => "MTR",
        "km" => "KMT",
        "m2" | "m²" => "MTK",
        "m3" | "m³" => "MTQ",
        "l" => "LTR",
        "set" | "lot" | "forfait" | "lump" | "套" => "SET",
        "kwh" => "KWH",
        _ => match unit {
            // Already a code: HUR, C62, XPP...
            code if (2..=3).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
            {
                UNIT_CODES
                    .iter()
                    .find(|known| **known == code)
                    .copied()
                    .unwrap_or("C62")
            }
            _ => "C62",
        },
    }
}

const UNIT_CODES: &[&str] = &[
    "HUR", "DAY", "MIN", "WEE", "MON", "ANN", "H87", "C62", "KGM", "GRM", "TNE", "MTR", "KMT",
    "MTK", "MTQ", "LTR", "SET", "KWH", "E48", "LS", "XPP", "EA",
];

/// The Peppol electronic address scheme (EAS) of a VAT number, from its prefix.
fn endpoint(party: &Party) -> Option<(&'static str, String)> {
    if let Some(vat) = party.vat.as_deref() {
        let vat = crate::identifiers::vat::compact(vat);
        let scheme = match vat.get(..2) {
            Some("BE") => Some("9925"),
            Some("FR") => Some("9957"),
            Some("NL") => Some("9944"),
            Some("DE") => Some("9930"),
            Some("IT") => Some("9906"),
            Some("ES") => Some("9920"),
            Some("LU") => Some("9938"),
            Some("AT") => Some("9914"),
            Some("PT") => Some("9946"),
            Some("IE") => Some("9935"),
            Some("GB") => Some("9932"),
            _ => None,
        };
        if let Some(scheme) = scheme {
            return Some((scheme, vat));
        }
    }
    party
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .map(|email| ("EM", email.trim().to_string()))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML writer with indentation.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn open(&mut self, name: &str) {
        let _ = writeln!(self.out, "{}<{name}>", "  ".repeat(self.depth));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        let _ = writeln!(self.out, "{}</{name}>", "  ".repeat(self.depth));
    }

    fn leaf(&mut self, name: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "{}<{name}>{}</{name}>",
            "  ".repeat(self.depth),
            escape(text)
        );
    }

    fn leaf_attr(&mut self, name: &str, attr: &str, value: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "{}<{name} {attr}=\"{}\">{}</{name}>",
            "  ".repeat(self.depth),
            escape(value),
            escape(text)
        );
    }

    fn amount(&mut self, name: &str, currency: &str, value: Decimal) {
        self.leaf_attr(name, "currencyID", currency, &model::amount_text(value));
    }
}

fn party(xml: &mut Xml, party: &Party, seller: bool) {
    xml.open("cac:Party");
    if let Some((scheme, id)) = endpoint(party) {
        xml.leaf_attr("cbc:EndpointID", "schemeID", scheme, &id);
    }
    xml.open("cac:PartyName");
    xml.leaf("cbc:Name", &party.name);
    xml.close("cac:PartyName");
    xml.open("cac:PostalAddress");
    if let Some(street) = &party.street {
        xml.leaf("cbc:StreetName", street);
    }
    if let Some(city) = &party.city {
        xml.leaf("cbc:CityName", city);
    }
    if let Some(postcode) = &party.postcode {
        xml.leaf("cbc:PostalZone", postcode);
    }
    if let Some(region) = &party.region {
        xml.leaf("cbc:CountrySubentity", region);
    }
    xml.open("cac:Country");
    xml.leaf(
        "cbc:IdentificationCode",
        party.country.as_deref().unwrap_or(""),
    );
    xml.close("cac:Country");
    xml.close("cac:PostalAddress");
    let vat = party.vat.as_deref().map(crate::identifiers::vat::compact);
    // A VAT number has a country prefix (BR-CO-09); another tax id (a Chinese USCC) is a legal
    // registration id.
    let prefixed = vat
        .as_deref()
        .is_some_and(|v| v.len() > 2 && v.as_bytes()[..2].iter().all(u8::is_ascii_uppercase));
    if let Some(vat) = vat.as_deref().filter(|_| prefixed) {
        xml.open("cac:PartyTaxScheme");
        xml.leaf("cbc:CompanyID", vat);
        xml.open("cac:TaxScheme");
        xml.leaf("cbc:ID", "VAT");
        xml.close("cac:TaxScheme");
        xml.close("cac:PartyTaxScheme");
    }
    xml.open("cac:PartyLegalEntity");
    xml.leaf("cbc:RegistrationName", &party.name);
    match (&party.company_id, vat.as_deref().filter(|_| !prefixed)) {
        (Some(id), _) => xml.leaf("cbc:CompanyID", id),
        (None, Some(tax_id)) => xml.leaf("cbc:CompanyID", tax_id),
        (None, None) => {}
    }
    if seller && let Some(legal) = &party.legal {
        xml.leaf("cbc:CompanyLegalForm", legal);
    }
    xml.close("cac:PartyLegalEntity");
    if party.email.is_some() || party.phone.is_some() {
        xml.open("cac:Contact");
        if let Some(phone) = &party.phone {
            xml.leaf("cbc:Telephone", phone);
        }
        if let Some(email) = &party.email {
            xml.leaf("cbc:ElectronicMail", email);
        }
        xml.close("cac:Contact");
    }
    xml.close("cac:Party");
}

fn tax_category(
    xml: &mut Xml,
    element: &str,
    category: &str,
    rate: Decimal,
    reason: Option<(&str, &str)>,
) {
    xml.open(element);
    xml.leaf("cbc:ID", category);
    if category != "O" {
        xml.leaf("cbc:Percent", &model::plain(rate));
    }
    if let Some((code, text)) = reason {
        if !code.is_empty() {
            xml.leaf("cbc:TaxExemptionReasonCode", code);
        }
        if !text.is_empty() {
            xml.leaf("cbc:TaxExemptionReason", text);
        }
    }
    xml.open("cac:TaxScheme");
    xml.leaf("cbc:ID", "VAT");
    xml.close("cac:TaxScheme");
    xml.close(element);
}

/// Writes an invoice or credit note as UBL 2.1 (Peppol BIS Billing 3.0).
pub fn write(document: &Document) -> Result<String> {
    let (root, namespace, type_code, line, quantity) = match document.kind {
        DocumentKind::Invoice => (
            "Invoice",
            NS_INVOICE,
            "cbc:InvoiceTypeCode",
            "cac:InvoiceLine",
            "cbc:InvoicedQuantity",
        ),
        DocumentKind::CreditNote => (
            "CreditNote",
            NS_CREDIT_NOTE,
            "cbc:CreditNoteTypeCode",
            "cac:CreditNoteLine",
            "cbc:CreditedQuantity",
        ),
        DocumentKind::Quote => {
            return Err(Error::Usage(format!(
                "{} is a quote: UBL/Peppol is for invoices and credit notes; accept it first with `folio quote accept {}`",
                document.id, document.id
            )));
        }
    };
    let totals: Totals = document.totals()?;
    let currency = document.currency.as_str();
    let mut xml = Xml {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        depth: 1,
    };
    let _ = writeln!(
        xml.out,
        "<{root} xmlns=\"{namespace}\" xmlns:cac=\"{NS_CAC}\" xmlns:cbc=\"{NS_CBC}\">"
    );
    xml.leaf("cbc:CustomizationID", CUSTOMIZATION_ID);
    xml.leaf("cbc:ProfileID", PROFILE_ID);
    xml.leaf("cbc:ID", &document.id);
    xml.leaf("cbc:IssueDate", &document.date.to_string());
    if document.kind == DocumentKind::Invoice
        && let Some(due) = document.due
    {
        xml.leaf("cbc:DueDate", &due.to_string());
    }
    xml.leaf(
        type_code,
        if document.kind == DocumentKind::Invoice {
            "380"
        } else {
            "381"
        },
    );
    for note in &document.notes {
        xml.leaf("cbc:Note", note);
    }
    xml.leaf("cbc:DocumentCurrencyCode", currency);
    xml.leaf(
        "cbc:BuyerReference",
        document
            .buyer_reference
            .as_deref()
            .unwrap_or(document.id.as_str()),
    );
    if let Some(reference) = &document.reference {
        xml.open("cac:BillingReference");
        xml.open("cac:InvoiceDocumentReference");
        xml.leaf("cbc:ID", reference);
        xml.close("cac:InvoiceDocumentReference");
        xml.close("cac:BillingReference");
    }
    xml.open("cac:AccountingSupplierParty");
    party(&mut xml, &document.seller, true);
    xml.close("cac:AccountingSupplierParty");
    xml.open("cac:AccountingCustomerParty");
    party(&mut xml, &document.buyer, false);
    xml.close("cac:AccountingCustomerParty");
    if let Some(iban) = &document.payment.iban {
        xml.open("cac:PaymentMeans");
        xml.leaf_attr("cbc:PaymentMeansCode", "name", "Credit transfer", "30");
        if let Some(communication) = &document.payment.communication {
            xml.leaf("cbc:PaymentID", communication);
        }
        xml.open("cac:PayeeFinancialAccount");
        xml.leaf("cbc:ID", &crate::identifiers::vat::compact(iban));
        if let Some(bic) = &document.payment.bic {
            xml.open("cac:FinancialInstitutionBranch");
            xml.leaf("cbc:ID", bic);
            xml.close("cac:FinancialInstitutionBranch");
        }
        xml.close("cac:PayeeFinancialAccount");
        xml.close("cac:PaymentMeans");
    }
    if document.kind == DocumentKind::CreditNote
        && let Some(reference) = &document.reference
    {
        xml.open("cac:PaymentTerms");
        xml.leaf("cbc:Note", &format!("Credited against invoice {reference}"));
        xml.close("cac:PaymentTerms");
    }
    xml.open("cac:TaxTotal");
    xml.amount("cbc:TaxAmount", currency, totals.vat);
    for vat in &totals.breakdown {
        xml.open("cac:TaxSubtotal");
        xml.amount("cbc:TaxableAmount", currency, vat.base);
        xml.amount("cbc:TaxAmount", currency, vat.vat);
        let reason = (vat.category != "S" && vat.category != "Z").then(|| {
            (
                vat.exemption_code.as_deref().unwrap_or(""),
                vat.exemption.as_deref().unwrap_or(""),
            )
        });
        tax_category(&mut xml, "cac:TaxCategory", &vat.category, vat.rate, reason);
        xml.close("cac:TaxSubtotal");
    }
    xml.close("cac:TaxTotal");
    xml.open("cac:LegalMonetaryTotal");
    xml.amount("cbc:LineExtensionAmount", currency, totals.net);
    xml.amount("cbc:TaxExclusiveAmount", currency, totals.net);
    xml.amount("cbc:TaxInclusiveAmount", currency, totals.total);
    xml.amount("cbc:PayableAmount", currency, totals.total);
    xml.close("cac:LegalMonetaryTotal");
    for (index, (item, amounts)) in document.items.iter().zip(&totals.lines).enumerate() {
        xml.open(line);
        xml.leaf("cbc:ID", &(index + 1).to_string());
        xml.leaf_attr(
            quantity,
            "unitCode",
            unit_code(item.unit.as_deref()),
            &model::plain(item.quantity),
        );
        xml.amount("cbc:LineExtensionAmount", currency, amounts.net);
        if !amounts.discount.is_zero() {
            xml.open("cac:AllowanceCharge");
            xml.leaf("cbc:ChargeIndicator", "false");
            xml.leaf("cbc:AllowanceChargeReasonCode", "95");
            xml.leaf("cbc:AllowanceChargeReason", "Discount");
            if let Some(percent) = item.discount {
                xml.leaf("cbc:MultiplierFactorNumeric", &model::plain(percent));
            }
            xml.amount("cbc:Amount", currency, amounts.discount);
            xml.amount("cbc:BaseAmount", currency, amounts.gross);
            xml.close("cac:AllowanceCharge");
        }
        xml.open("cac:Item");
        xml.leaf("cbc:Name", &item.description);
        tax_category(
            &mut xml,
            "cac:ClassifiedTaxCategory",
            item.category(),
            item.vat,
            None,
        );
        xml.close("cac:Item");
        xml.open("cac:Price");
        xml.amount(
            "cbc:PriceAmount",
            currency,
            item.price.normalize().max(Decimal::ZERO),
        );
        xml.close("cac:Price");
        xml.close(line);
    }
    let _ = writeln!(xml.out, "</{root}>");
    Ok(xml.out)
}

/// A broken business rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule's identifier, e.g. `BR-CO-15`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
}

type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

fn child<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(namespace)
    })
}

fn children<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Vec<Node<'a, 'i>> {
    node.children()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == name
                && n.tag_name().namespace() == Some(namespace)
        })
        .collect()
}

fn text(node: Option<Node<'_, '_>>) -> Option<String> {
    node.and_then(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn cbc(node: Node<'_, '_>, name: &str) -> Option<String> {
    text(child(node, NS_CBC, name))
}

/// The text of `cac:A/cac:B/.../cbc:Z` below `node`.
fn path(node: Node<'_, '_>, steps: &[&str]) -> Option<String> {
    let mut current = Some(node);
    for (i, step) in steps.iter().enumerate() {
        let namespace = if i + 1 == steps.len() { NS_CBC } else { NS_CAC };
        current = current.and_then(|n| child(n, namespace, step));
    }
    text(current)
}

/// Checks a UBL Invoice or CreditNote against the rules of [`RULES`]. An XML that does not parse
/// is one violation.
pub fn check(xml: &str) -> Vec<Violation> {
    let mut found = Vec::new();
    let document = match roxmltree::Document::parse(xml) {
        Ok(document) => document,
        Err(e) => {
            found.push(Violation {
                rule: "XML",
                message: format!("not well-formed XML: {e}"),
            });
            return found;
        }
    };
    let root = document.root_element();
    let mut fail = |rule: &'static str, message: String| found.push(Violation { rule, message });
    let credit = root.tag_name().name() == "CreditNote";
    let amount = |value: Option<String>, what: &str, fail: &mut dyn FnMut(&'static str, String)| {
        let value = value?;
        match model::parse_decimal(&value) {
            // Kept out of the sums below, which then stay far inside Decimal's range (a sum of
            // amounts below 10^18 would need billions of lines to leave it).
            Some(v) if !crate::money::is_usable_amount(v.trunc()) => {
                fail(
                    "BR-DEC",
                    format!(
                        "{what} {value} has more than {} integer digits",
                        crate::money::MAX_INTEGER_DIGITS
                    ),
                );
                None
            }
            Some(v) if v.scale() <= 2 => Some(v),
            Some(v) => {
                fail(
                    "BR-DEC",
                    format!("{what} {value} has more than two decimals"),
                );
                Some(v)
            }
            None => {
                fail("BR-DEC", format!("{what} `{value}` is not a number"));
                None
            }
        }
    };

    match cbc(root, "CustomizationID") {
        None => fail("BR-01", "no CustomizationID".into()),
        Some(id) if id != CUSTOMIZATION_ID => fail(
            "PEPPOL-EN16931-R004",
            format!("CustomizationID `{id}` is not Peppol BIS Billing 3.0"),
        ),
        Some(_) => {}
    }
    if cbc(root, "ProfileID").is_none() {
        fail("PEPPOL-EN16931-R001", "no ProfileID".into());
    }
    if cbc(root, "ID").is_none() {
        fail("BR-02", "no document number".into());
    }
    if cbc(root, "IssueDate").is_none() {
        fail("BR-03", "no issue date".into());
    }
    let type_code = if credit {
        "CreditNoteTypeCode"
    } else {
        "InvoiceTypeCode"
    };
    if cbc(root, type_code).is_none() {
        fail("BR-04", format!("no {type_code}"));
    }
    let currency = cbc(root, "DocumentCurrencyCode");
    if currency.is_none() {
        fail("BR-05", "no DocumentCurrencyCode".into());
    }
    if cbc(root, "BuyerReference").is_none() && child(root, NS_CAC, "OrderReference").is_none() {
        fail(
            "PEPPOL-EN16931-R003",
            "neither a BuyerReference nor an OrderReference".into(),
        );
    }
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
            fail(rules.0, format!("no {who}"));
            continue;
        };
        if path(party, &["PartyName", "Name"]).is_none()
            && path(party, &["PartyLegalEntity", "RegistrationName"]).is_none()
        {
            fail(rules.0, format!("the {who} has no name"));
        }
        match child(party, NS_CAC, "PostalAddress") {
            None => fail(rules.1, format!("the {who} has no postal address")),
            Some(address) => {
                if path(address, &["Country", "IdentificationCode"]).is_none() {
                    fail(rules.2, format!("the {who}'s address has no country code"));
                }
            }
        }
        if cbc(party, "EndpointID").is_none() {
            fail(
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
                fail(
                    "BR-CO-09",
                    format!("the {who}'s VAT id `{id}` has no country prefix"),
                );
            }
        }
        if who == "seller"
            && children(party, NS_CAC, "PartyTaxScheme").is_empty()
            && path(party, &["PartyLegalEntity", "CompanyID"]).is_none()
        {
            fail(
                "BR-CO-26",
                "the seller has neither a VAT id nor a legal registration id".into(),
            );
        }
    }

    let lines = children(
        root,
        NS_CAC,
        if credit {
            "CreditNoteLine"
        } else {
            "InvoiceLine"
        },
    );
    if lines.is_empty() {
        fail("BR-16", "no lines".into());
    }
    let mut sum_lines = Decimal::ZERO;
    // (category, rate) -> sum of line net amounts
    let mut per_rate: Vec<(String, Decimal, Decimal)> = Vec::new();
    let quantity_name = if credit {
        "CreditedQuantity"
    } else {
        "InvoicedQuantity"
    };
    for (index, line) in lines.iter().enumerate() {
        let n = index + 1;
        if cbc(*line, "ID").is_none() {
            fail("BR-21", format!("line {n} has no ID"));
        }
        let quantity_node = child(*line, NS_CBC, quantity_name);
        let quantity = text(quantity_node).and_then(|q| model::parse_decimal(&q));
        if quantity.is_none() {
            fail("BR-22", format!("line {n} has no quantity"));
        }
        if quantity_node
            .and_then(|q| q.attribute("unitCode"))
            .is_none()
        {
            fail("BR-23", format!("line {n} has no unit code"));
        }
        let net = amount(
            cbc(*line, "LineExtensionAmount"),
            &format!("line {n} net amount"),
            &mut fail,
        );
        match net {
            None => fail("BR-24", format!("line {n} has no net amount")),
            Some(net) => sum_lines += net,
        }
        let item = child(*line, NS_CAC, "Item");
        if item.and_then(|i| cbc(i, "Name")).is_none() {
            fail("BR-25", format!("line {n} has no item name"));
        }
        let price = path(*line, &["Price", "PriceAmount"]).and_then(|p| model::parse_decimal(&p));
        match price {
            None => fail("BR-26", format!("line {n} has no price")),
            Some(p) if p < Decimal::ZERO => fail("BR-27", format!("line {n} has a negative price")),
            Some(_) => {}
        }
        let mut allowances = Decimal::ZERO;
        for charge in children(*line, NS_CAC, "AllowanceCharge") {
            let value = cbc(charge, "Amount")
                .and_then(|a| model::parse_decimal(&a))
                .filter(|&v| crate::money::is_usable_amount(v.trunc()))
                .unwrap_or_default();
            if cbc(charge, "ChargeIndicator").as_deref() == Some("true") {
                allowances -= value;
            } else {
                allowances += value;
            }
        }
        let off_by = quantity.zip(price).zip(net).map(|((q, p), net)| {
            q.checked_mul(p)
                .and_then(|gross| model::cents(gross).checked_sub(allowances))
                .and_then(|expected| expected.checked_sub(net))
        });
        if let Some(None) = off_by {
            fail(
                "PEPPOL-EN16931-R120",
                format!("line {n}: quantity × price is past the range of a decimal"),
            );
        }
        if let (Some((q, p)), Some(Some(off_by)), Some(net)) = (quantity.zip(price), off_by, net)
            && off_by.abs() > Decimal::new(2, 2)
        {
            fail(
                "PEPPOL-EN16931-R120",
                format!("line {n}: net {net} is not {q} × {p} − {allowances}"),
            );
        }
        let category = item.and_then(|i| child(i, NS_CAC, "ClassifiedTaxCategory"));
        let code = category.and_then(|c| cbc(c, "ID")).unwrap_or_default();
        let rate = category
            .and_then(|c| cbc(c, "Percent"))
            .and_then(|p| model::parse_decimal(&p))
            .unwrap_or_default()
            .normalize();
        match per_rate
            .iter_mut()
            .find(|(c, r, _)| *c == code && *r == rate)
        {
            Some(entry) => entry.2 += net.unwrap_or_default(),
            None => per_rate.push((code, rate, net.unwrap_or_default())),
        }
    }

    let totals = child(root, NS_CAC, "LegalMonetaryTotal");
    let total = |name: &str, rule: &'static str, fail: &mut dyn FnMut(&'static str, String)| {
        let value = amount(totals.and_then(|t| cbc(t, name)), name, fail);
        if value.is_none() {
            fail(rule, format!("no {name}"));
        }
        value
    };
    let line_total = total("LineExtensionAmount", "BR-12", &mut fail);
    let exclusive = total("TaxExclusiveAmount", "BR-13", &mut fail);
    let inclusive = total("TaxInclusiveAmount", "BR-14", &mut fail);
    let payable = total("PayableAmount", "BR-15", &mut fail);
    if let Some(line_total) = line_total
        && line_total != sum_lines
    {
        fail(
            "BR-CO-10",
            format!("LineExtensionAmount {line_total} is not the sum of the lines {sum_lines}"),
        );
    }
    if let (Some(exclusive), Some(line_total)) = (exclusive, line_total)
        && exclusive != line_total
    {
        fail(
            "BR-CO-13",
            format!("TaxExclusiveAmount {exclusive} is not LineExtensionAmount {line_total}"),
        );
    }

    let tax_totals = children(root, NS_CAC, "TaxTotal");
    let with_subtotals: Vec<_> = tax_totals
        .iter()
        .filter(|t| child(**t, NS_CAC, "TaxSubtotal").is_some())
        .collect();
    if with_subtotals.len() != 1 {
        fail(
            "PEPPOL-EN16931-R053",
            format!(
                "{} VAT totals with a breakdown, expected exactly one",
                with_subtotals.len()
            ),
        );
    }
    let mut vat_total = None;
    if let Some(tax_total) = with_subtotals.first() {
        vat_total = amount(cbc(**tax_total, "TaxAmount"), "TaxAmount", &mut fail);
        let subtotals = children(**tax_total, NS_CAC, "TaxSubtotal");
        if subtotals.is_empty() {
            fail("BR-CO-18", "no VAT breakdown".into());
        }
        let mut sum = Decimal::ZERO;
        for subtotal in &subtotals {
            let category = child(*subtotal, NS_CAC, "TaxCategory");
            let code = category.and_then(|c| cbc(c, "ID")).unwrap_or_default();
            let rate = category
                .and_then(|c| cbc(c, "Percent"))
                .and_then(|p| model::parse_decimal(&p))
                .unwrap_or_default()
                .normalize();
            let base = amount(cbc(*subtotal, "TaxableAmount"), "TaxableAmount", &mut fail)
                .unwrap_or_default();
            let tax =
                amount(cbc(*subtotal, "TaxAmount"), "TaxAmount", &mut fail).unwrap_or_default();
            sum += tax;
            let lines_base = per_rate
                .iter()
                .find(|(c, r, _)| *c == code && *r == rate)
                .map_or(Decimal::ZERO, |(_, _, b)| *b);
            if base != lines_base {
                fail(
                    "BR-S-08",
                    format!(
                        "VAT {code} {rate}%: taxable amount {base} is not the sum of its lines {lines_base}"
                    ),
                );
            }
            let Some(taxed) = base.checked_mul(rate) else {
                fail(
                    "BR-S-09",
                    format!("VAT {code} {rate}%: {base} × {rate}% is past the range of a decimal"),
                );
                continue;
            };
            let expected = model::cents(taxed / Decimal::ONE_HUNDRED);
            if tax != expected {
                fail(
                    "BR-S-09",
                    format!("VAT {code} {rate}%: {tax} is not {base} × {rate}% = {expected}"),
                );
            }
            if code != "S" && code != "Z" {
                let reason = category.and_then(|c| cbc(c, "TaxExemptionReason"));
                let reason_code = category.and_then(|c| cbc(c, "TaxExemptionReasonCode"));
                if reason.is_none() && reason_code.is_none() {
                    fail(
                        "BR-E-10",
                        format!("VAT category {code} without an exemption reason or code"),
                    );
                }
            }
        }
        for (code, rate, _) in &per_rate {
            let covered = subtotals.iter().any(|s| {
                let category = child(*s, NS_CAC, "TaxCategory");
                category.and_then(|c| cbc(c, "ID")).as_deref() == Some(code.as_str())
                    && category
                        .and_then(|c| cbc(c, "Percent"))
                        .and_then(|p| model::parse_decimal(&p))
                        .unwrap_or_default()
                        .normalize()
                        == *rate
            });
            if !covered {
                fail(
                    "BR-S-08",
                    format!("lines at VAT {code} {rate}% have no breakdown"),
                );
            }
        }
        if let Some(vat_total) = vat_total
            && vat_total != sum
        {
            fail(
                "BR-CO-14",
                format!("TaxAmount {vat_total} is not the sum of the breakdown {sum}"),
            );
        }
    }
    if let (Some(inclusive), Some(exclusive), Some(vat_total)) = (inclusive, exclusive, vat_total)
        && inclusive != exclusive + vat_total
    {
        fail(
            "BR-CO-15",
            format!("TaxInclusiveAmount {inclusive} is not {exclusive} + {vat_total}"),
        );
    }
    if let (Some(payable), Some(inclusive)) = (payable, inclusive)
        && payable != inclusive
    {
        fail(
            "BR-CO-16",
            format!("PayableAmount {payable} is not TaxInclusiveAmount {inclusive}"),
        );
    }
    if !credit
        && payable.is_some_and(|p| p > Decimal::ZERO)
        && cbc(root, "DueDate").is_none()
        && child(root, NS_CAC, "PaymentTerms").is_none()
    {
        fail(
            "BR-CO-25",
            "an amount is due but there is neither a due date nor payment terms".into(),
        );
    }
    for means in children(root, NS_CAC, "PaymentMeans") {
        let code = cbc(means, "PaymentMeansCode").unwrap_or_default();
        if (code == "30" || code == "58") && path(means, &["PayeeFinancialAccount", "ID"]).is_none()
        {
            fail(
                "BR-61",
                "a credit transfer without the payee's account".into(),
            );
        }
    }
    let _ = currency;
    found
}

/// Writes a document as UBL and checks it: the XML, or an error listing every broken rule.
pub fn write_checked(document: &Document) -> Result<String> {
    let xml = write(document)?;
    let violations = check(&xml);
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
