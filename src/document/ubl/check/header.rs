//! The document as a whole: its identification (specification, process, number, dates, type,
//! currency), notes and references, the delivery and invoicing period, the payment, and no empty
//! element anywhere.

use super::{Checker, Doc, Node, cbc, child, children, is, path};
use crate::document::ubl::{CUSTOMIZATION_ID, NS_CAC, NS_CBC};

/// Checks the document as a whole.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    identification(checker, doc);
    type_code(checker, doc);
    notes_and_references(checker, doc);
    dates(checker, doc);
    periods_and_delivery(checker, doc);
    payment(checker, doc);
    empty_elements(checker, doc);
}

/// BR-01..05, PEPPOL-EN16931-R001, R004, R007, R005.
fn identification(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let root = doc.root;
    let customization = cbc(root, "CustomizationID");
    checker.require(customization.is_some(), "BR-01", || {
        "no specification identifier (CustomizationID)".into()
    });
    let customization = customization.unwrap_or_default();
    checker.require(customization.starts_with(CUSTOMIZATION_ID), "PEPPOL-EN16931-R004", || {
        format!("CustomizationID `{customization}` is not Peppol BIS Billing 3.0 ({CUSTOMIZATION_ID})")
    });
    let profile = cbc(root, "ProfileID");
    checker.require(profile.is_some(), "PEPPOL-EN16931-R001", || {
        "no business process (ProfileID)".into()
    });
    let profile = profile.unwrap_or_default();
    checker.require(profile_number(&profile).is_some(), "PEPPOL-EN16931-R007", || {
        format!("ProfileID `{profile}` is not of the form urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0")
    });
    checker.require(cbc(root, "ID").is_some(), "BR-02", || {
        "no document number (ID)".into()
    });
    checker.require(cbc(root, "IssueDate").is_some(), "BR-03", || {
        "no issue date".into()
    });
    checker.require(doc.currency().is_some(), "BR-05", || {
        "no DocumentCurrencyCode".into()
    });
    if let (Some(tax), Some(document)) = (cbc(root, "TaxCurrencyCode"), doc.currency()) {
        checker.require(tax != document, "PEPPOL-EN16931-R005", || {
            format!("the VAT accounting currency {tax} is the document currency")
        });
    }
}

/// The two digits of a Peppol BIS ProfileID (`01` for billing), as Peppol reads it.
fn profile_number(profile: &str) -> Option<&str> {
    let rest = profile
        .split("urn:fdc:peppol.eu:2017:poacc:billing:")
        .nth(1)?;
    let number = rest.get(..2)?;
    (number.bytes().all(|b| b.is_ascii_digit()) && rest[2..].starts_with(":1.0")).then_some(number)
}

/// Invoice type codes of UNTDID 1001 that EN 16931 accepts (BR-CL-01).
const INVOICE_TYPES: &str = "71 80 81 82 84 102 130 202 203 204 211 218 219 295 325 326 331 380 382 383 384 385 386 387 388 389 390 393 394 395 456 457 471 472 473 500 501 502 503 527 553 575 623 633 751 780 817 870 875 876 877 935";
/// Credit note type codes EN 16931 accepts (BR-CL-01).
const CREDIT_NOTE_TYPES: &str = "81 83 261 262 296 308 381 396 420 458 532";
/// Invoice type codes of the Peppol billing profile (PEPPOL-EN16931-P0100).
const PEPPOL_INVOICE_TYPES: &str = "71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870 875 876 877";
/// Credit note type codes of the Peppol billing profile (PEPPOL-EN16931-P0101).
const PEPPOL_CREDIT_NOTE_TYPES: &str = "381 396 81 83 532";

/// BR-04, BR-CL-01, PEPPOL-EN16931-P0100, P0101, P0112.
fn type_code(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let (element, cen, peppol, rule) = if doc.credit {
        (
            "CreditNoteTypeCode",
            CREDIT_NOTE_TYPES,
            PEPPOL_CREDIT_NOTE_TYPES,
            "PEPPOL-EN16931-P0101",
        )
    } else {
        (
            "InvoiceTypeCode",
            INVOICE_TYPES,
            PEPPOL_INVOICE_TYPES,
            "PEPPOL-EN16931-P0100",
        )
    };
    let Some(code) = cbc(doc.root, element) else {
        checker.fail("BR-04", format!("no {element}"));
        return;
    };
    let listed = |list: &str| list.split(' ').any(|c| c == code);
    checker.require(listed(cen), "BR-CL-01", || {
        format!("{element} `{code}` is not a UNTDID 1001 code of EN 16931")
    });
    let billing = cbc(doc.root, "ProfileID")
        .as_deref()
        .and_then(profile_number)
        == Some("01");
    checker.require(!billing || listed(peppol), rule, || {
        format!("{element} `{code}` is not one of the Peppol billing profile")
    });
    if !doc.credit && (code == "326" || code == "384") {
        checker.require(both_german(doc), "PEPPOL-EN16931-P0112", || {
            format!("invoice type {code} is only for a German seller and buyer")
        });
    }
}

/// Whether the seller's and the buyer's postal countries are both DE.
fn both_german(doc: &Doc<'_, '_>) -> bool {
    let country = |party: Option<Node<'_, '_>>| {
        party.and_then(|p| path(p, &["PostalAddress", "Country", "IdentificationCode"]))
    };
    [doc.seller, doc.buyer]
        .into_iter()
        .all(|p| country(p).is_some_and(|c| c.eq_ignore_ascii_case("DE")))
}

/// PEPPOL-EN16931-R002 (one note), R003 (a buyer or order reference).
fn notes_and_references(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let notes = children(doc.root, NS_CBC, "Note").len();
    checker.require(notes <= 1 || both_german(doc), "PEPPOL-EN16931-R002", || {
        format!("{notes} notes on the document: at most one is allowed (unless seller and buyer are both German)")
    });
    let has_buyer_reference = child(doc.root, NS_CBC, "BuyerReference").is_some();
    let has_order = super::element(doc.root, &["OrderReference", "ID"]).is_some();
    checker.require(
        has_buyer_reference || has_order,
        "PEPPOL-EN16931-R003",
        || {
            "neither a buyer reference (BuyerReference, BT-10) nor an order reference (BT-13)"
                .into()
        },
    );
}

/// PEPPOL-EN16931-F001: every date is written YYYY-MM-DD.
fn dates(checker: &mut Checker, doc: &Doc<'_, '_>) {
    const DATES: [&str; 6] = [
        "IssueDate",
        "DueDate",
        "TaxPointDate",
        "StartDate",
        "EndDate",
        "ActualDeliveryDate",
    ];
    for node in doc.root.descendants() {
        let name = node.tag_name().name();
        if !node.is_element()
            || node.tag_name().namespace() != Some(NS_CBC)
            || !DATES.contains(&name)
        {
            continue;
        }
        let value = node.text().unwrap_or("");
        let valid =
            value.len() == 10 && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
        checker.require(valid, "PEPPOL-EN16931-F001", || {
            format!("{name} `{value}` is not a date YYYY-MM-DD")
        });
    }
}

/// BR-29/BR-CO-19 (an invoicing period has dates in order), BR-57 (a delivery address has a
/// country).
fn periods_and_delivery(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for period in doc.all(NS_CAC, "InvoicePeriod") {
        let line = period
            .parent()
            .is_some_and(|p| p.tag_name().name().ends_with("Line"));
        let (order, present) = if line {
            ("BR-30", "BR-CO-20")
        } else {
            ("BR-29", "BR-CO-19")
        };
        let start = cbc(period, "StartDate");
        let end = cbc(period, "EndDate");
        if let (Some(start), Some(end)) = (&start, &end) {
            checker.require(end >= start, order, || {
                format!("the invoicing period ends ({end}) before it starts ({start})")
            });
        }
        let described = !line && cbc(period, "DescriptionCode").is_some();
        checker.require(
            start.is_some() || end.is_some() || described,
            present,
            || "an invoicing period without a start or an end date".into(),
        );
    }
    for address in doc.all(NS_CAC, "Address") {
        if address
            .parent()
            .is_some_and(|p| is(p, NS_CAC, "DeliveryLocation"))
        {
            checker.require(
                super::element(address, &["Country", "IdentificationCode"]).is_some(),
                "BR-57",
                || "the deliver-to address has no country code".into(),
            );
        }
    }
}

/// BR-CO-25 (a due date or payment terms for an amount due), BR-49, BR-61, PEPPOL-EN16931-R061.
fn payment(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let payable = path(doc.root, &["LegalMonetaryTotal", "PayableAmount"])
        .as_deref()
        .and_then(super::decimal);
    if !doc.credit && payable.is_some_and(|p| p > rust_decimal::Decimal::ZERO) {
        let due = doc.all(NS_CBC, "DueDate").next().is_some();
        let terms = children(doc.root, NS_CAC, "PaymentTerms")
            .iter()
            .any(|t| child(*t, NS_CBC, "Note").is_some());
        checker.require(due || terms, "BR-CO-25", || {
            "an amount is due but there is neither a due date nor payment terms".into()
        });
    }
    for means in children(doc.root, NS_CAC, "PaymentMeans") {
        let Some(code) = cbc(means, "PaymentMeansCode") else {
            checker.fail("BR-49", "a payment means without its type code".into());
            continue;
        };
        if code == "30" || code == "58" {
            checker.require(
                path(means, &["PayeeFinancialAccount", "ID"]).is_some(),
                "BR-61",
                || "a credit transfer without the payee's account (IBAN)".into(),
            );
        }
        if code == "49" || code == "59" {
            checker.require(
                path(means, &["PaymentMandate", "ID"]).is_some(),
                "PEPPOL-EN16931-R061",
                || "a direct debit without its mandate reference".into(),
            );
        }
    }
}

/// PEPPOL-EN16931-R008: no element is empty (neither text nor child elements).
fn empty_elements(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for node in doc.root.descendants().filter(Node::is_element) {
        let has_children = node.children().any(|c| c.is_element());
        let has_text = node
            .children()
            .any(|c| c.is_text() && c.text().is_some_and(|t| !t.trim().is_empty()));
        if !has_children && !has_text {
            checker.fail(
                "PEPPOL-EN16931-R008",
                format!("the element {} is empty", node.tag_name().name()),
            );
        }
    }
}
