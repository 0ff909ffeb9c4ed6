//! The document's identification: specification, process, number, date, type, currency and
//! reference.

use super::{Checker, Node, cbc, child};
use crate::document::ubl::{CUSTOMIZATION_ID, NS_CAC};

/// Checks the header of the document whose root element is `root`.
pub(super) fn check(checker: &mut Checker, root: Node<'_, '_>, credit: bool) {
    match cbc(root, "CustomizationID") {
        None => checker.fail("BR-01", "no CustomizationID".into()),
        Some(id) if id != CUSTOMIZATION_ID => checker.fail(
            "PEPPOL-EN16931-R004",
            format!("CustomizationID `{id}` is not Peppol BIS Billing 3.0"),
        ),
        Some(_) => {}
    }
    if cbc(root, "ProfileID").is_none() {
        checker.fail("PEPPOL-EN16931-R001", "no ProfileID".into());
    }
    if cbc(root, "ID").is_none() {
        checker.fail("BR-02", "no document number".into());
    }
    if cbc(root, "IssueDate").is_none() {
        checker.fail("BR-03", "no issue date".into());
    }
    let type_code = if credit {
        "CreditNoteTypeCode"
    } else {
        "InvoiceTypeCode"
    };
    if cbc(root, type_code).is_none() {
        checker.fail("BR-04", format!("no {type_code}"));
    }
    if cbc(root, "DocumentCurrencyCode").is_none() {
        checker.fail("BR-05", "no DocumentCurrencyCode".into());
    }
    if cbc(root, "BuyerReference").is_none() && child(root, NS_CAC, "OrderReference").is_none() {
        checker.fail(
            "PEPPOL-EN16931-R003",
            "neither a BuyerReference nor an OrderReference".into(),
        );
    }
}
