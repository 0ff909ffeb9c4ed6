//! Writing a document as UBL 2.1, in the element order of the schema: the header, the parties,
//! payment, the document discount, the VAT breakdown, the totals, then the lines.

use super::party::party;
use super::units::unit_code;
use super::xml::Xml;
use super::{CUSTOMIZATION_ID, NS_CAC, NS_CBC, NS_CREDIT_NOTE, NS_INVOICE, PROFILE_ID};
use crate::document::model::{self, Document, DocumentKind, Totals};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Writes an invoice or credit note as UBL 2.1 (Peppol BIS Billing 3.0).
pub fn write(document: &Document) -> Result<String> {
    let (root, namespace, type_code, line, quantity) = match document.kind {
        DocumentKind::Invoice | DocumentKind::DebitNote => (
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
    header(&mut xml, document, type_code);
    parties(&mut xml, document);
    payment(&mut xml, document);
    document_allowances(&mut xml, document, &totals);
    tax_total(&mut xml, &totals, currency);
    monetary_total(&mut xml, document, &totals);
    lines(&mut xml, document, &totals, (line, quantity));
    let _ = writeln!(xml.out, "</{root}>");
    Ok(xml.out)
}

/// The document's identification: specification, number, dates, type, notes, currency and
/// references.
fn header(xml: &mut Xml, document: &Document, type_code: &str) {
    let currency = document.currency.as_str();
    xml.leaf("cbc:CustomizationID", CUSTOMIZATION_ID);
    xml.leaf("cbc:ProfileID", PROFILE_ID);
    xml.leaf("cbc:ID", &document.id);
    xml.leaf("cbc:IssueDate", &document.date.to_string());
    if document.kind.is_payable()
        && let Some(due) = document.due
    {
        xml.leaf("cbc:DueDate", &due.to_string());
    }
    xml.leaf(
        type_code,
        match document.kind {
            // UNCL1001 383: a debit note, which Peppol BIS sends as an Invoice.
            DocumentKind::DebitNote => "383",
            DocumentKind::Invoice => "380",
            _ => "381",
        },
    );
    // Peppol allows one note (PEPPOL-EN16931-R002): several are joined, a line apart.
    let notes: Vec<&str> = document
        .notes
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if !notes.is_empty() {
        xml.leaf("cbc:Note", &notes.join("\n"));
    }
    xml.leaf("cbc:DocumentCurrencyCode", currency);
    // Never invented: without the buyer's reference, the order reference stands for it
    // (PEPPOL-EN16931-R003), and issuing refused a Peppol document with neither.
    if let Some(reference) = &document.buyer_reference {
        xml.leaf("cbc:BuyerReference", reference);
    }
    if let Some(order) = &document.order_reference {
        xml.open("cac:OrderReference");
        xml.leaf("cbc:ID", order);
        xml.close("cac:OrderReference");
    }
    if let Some(reference) = &document.reference {
        xml.open("cac:BillingReference");
        xml.open("cac:InvoiceDocumentReference");
        xml.leaf("cbc:ID", reference);
        xml.close("cac:InvoiceDocumentReference");
        xml.close("cac:BillingReference");
    }
}

/// The seller and the buyer, then where the goods or services were delivered.
fn parties(xml: &mut Xml, document: &Document) {
    let vat_ids = !document.items.iter().any(|item| item.category() == "O");
    xml.open("cac:AccountingSupplierParty");
    party(xml, &document.seller, true, vat_ids);
    xml.close("cac:AccountingSupplierParty");
    xml.open("cac:AccountingCustomerParty");
    party(xml, &document.buyer, false, vat_ids);
    xml.close("cac:AccountingCustomerParty");
    delivery(xml, document);
}

/// The delivery date (BT-72) and country (BT-80) as issued. An intra-community supply must state
/// both (BR-IC-11, BR-IC-12); one issued before folio recorded them gets the document's date and
/// the buyer's country, the defaults it would be issued with today.
fn delivery(xml: &mut Xml, document: &Document) {
    let intra_community = document.items.iter().any(|item| item.category() == "K");
    let date = document
        .delivery_date
        .or(intra_community.then_some(document.date));
    let country = document.deliver_to.clone().or_else(|| {
        intra_community
            .then(|| document.buyer.country.clone())
            .flatten()
    });
    if date.is_none() && country.is_none() {
        return;
    }
    xml.open("cac:Delivery");
    if let Some(date) = date {
        xml.leaf("cbc:ActualDeliveryDate", &date.to_string());
    }
    if let Some(country) = country {
        xml.open("cac:DeliveryLocation");
        xml.open("cac:Address");
        xml.open("cac:Country");
        xml.leaf("cbc:IdentificationCode", &country);
        xml.close("cac:Country");
        xml.close("cac:Address");
        xml.close("cac:DeliveryLocation");
    }
    xml.close("cac:Delivery");
}

/// How to pay (credit transfer to the seller's account) and, for a credit note, what it credits.
fn payment(xml: &mut Xml, document: &Document) {
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
}

/// The document discount: one allowance per VAT category and rate, since an allowance carries
/// one VAT category (BR-32) and the breakdown's taxable amount subtracts the allowances of its
/// own category and rate (BR-CO-11, BR-S-08 and the like).
fn document_allowances(xml: &mut Xml, document: &Document, totals: &Totals) {
    let Some(percent) = document.discount.filter(|d| !d.is_zero()) else {
        return;
    };
    let currency = document.currency.as_str();
    for vat in &totals.breakdown {
        xml.open("cac:AllowanceCharge");
        xml.leaf("cbc:ChargeIndicator", "false");
        xml.leaf("cbc:AllowanceChargeReasonCode", "95");
        xml.leaf("cbc:AllowanceChargeReason", "Discount");
        xml.leaf("cbc:MultiplierFactorNumeric", &model::plain(percent));
        xml.amount("cbc:Amount", currency, vat.allowance);
        xml.amount("cbc:BaseAmount", currency, vat.net);
        tax_category(xml, "cac:TaxCategory", &vat.category, vat.rate, None);
        xml.close("cac:AllowanceCharge");
    }
}

/// The VAT total and its breakdown per category and rate.
fn tax_total(xml: &mut Xml, totals: &Totals, currency: &str) {
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
        tax_category(xml, "cac:TaxCategory", &vat.category, vat.rate, reason);
        xml.close("cac:TaxSubtotal");
    }
    xml.close("cac:TaxTotal");
}

/// The document's totals; the allowance total when there is a document discount.
fn monetary_total(xml: &mut Xml, document: &Document, totals: &Totals) {
    let currency = document.currency.as_str();
    xml.open("cac:LegalMonetaryTotal");
    xml.amount("cbc:LineExtensionAmount", currency, totals.net);
    xml.amount("cbc:TaxExclusiveAmount", currency, totals.tax_exclusive);
    xml.amount("cbc:TaxInclusiveAmount", currency, totals.total);
    if document.discount.is_some_and(|d| !d.is_zero()) {
        xml.amount("cbc:AllowanceTotalAmount", currency, totals.allowance);
    }
    xml.amount("cbc:PayableAmount", currency, totals.total);
    xml.close("cac:LegalMonetaryTotal");
}

/// One line per item; `(line, quantity)` are the element names of the document's kind.
fn lines(xml: &mut Xml, document: &Document, totals: &Totals, (line, quantity): (&str, &str)) {
    let currency = document.currency.as_str();
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
        // The catalogue code is the seller's own identifier of the item (BT-155).
        if let Some(code) = &item.product {
            xml.open("cac:SellersItemIdentification");
            xml.leaf("cbc:ID", code);
            xml.close("cac:SellersItemIdentification");
        }
        // The GTIN is the item's standard identification (BT-157); 0160 is GS1's scheme.
        if let Some(gtin) = &item.gtin {
            xml.open("cac:StandardItemIdentification");
            xml.leaf_attr("cbc:ID", "schemeID", "0160", gtin);
            xml.close("cac:StandardItemIdentification");
        }
        tax_category(
            xml,
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
}

/// A VAT category (`element`: `cac:TaxCategory` or `cac:ClassifiedTaxCategory`) with its rate
/// and, for an exemption, its reason.
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
