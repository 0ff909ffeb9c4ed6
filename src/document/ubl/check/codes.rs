//! The code lists: countries (ISO 3166-1), currencies (ISO 4217), VAT categories (UNCL 5305),
//! exemption reasons (VATEX), payment means (UNCL 4461), allowance reasons (UNCL 5189), units
//! (UN/ECE Recommendation 20) and electronic address schemes (EAS), as EN 16931 (BR-CL-*) and
//! Peppol (PEPPOL-EN16931-CL*, P01xx) accept them.

use super::{Checker, Doc, Node, cbc, child, is_charge, text};
use crate::document::ubl::{NS_CAC, NS_CBC};

/// Whether `code` is a country code EN 16931 accepts: ISO 3166-1 alpha-2, with 1A (Kosovo in
/// the EU's lists, not XK) and XI (Northern Ireland).
pub(super) fn is_country(code: &str) -> bool {
    code == "1A"
        || code == "XI"
        || (code != "XK" && crate::identifiers::check_country(code).is_ok())
}

/// ISO 4217 codes folio knows that the EN 16931 code list (BR-CL-03..05) does not hold: codes
/// withdrawn before the list was made, and the ones issued after its last update.
const NOT_IN_EN16931: &str = "BYR EEK HRK LTL LVL MRU SLL STN UYW VEF XAD XCG ZWL";
/// Codes the EN 16931 currency list still holds that Peppol's (PEPPOL-EN16931-CL007) has
/// replaced: MRO by MRU, STD by STN; and CUC, withdrawn.
const NOT_IN_PEPPOL: &str = "CUC MRO STD";
/// Codes Peppol's currency list adds to the EN 16931 one.
const ONLY_IN_PEPPOL: &str = "MRU STN UYW";

/// Whether `code` is in the EN 16931 currency list.
fn is_en16931_currency(code: &str) -> bool {
    crate::identifiers::check_currency(code).is_ok()
        && !NOT_IN_EN16931.split(' ').any(|c| c == code)
}

/// Whether `code` is in Peppol's currency list.
fn is_peppol_currency(code: &str) -> bool {
    ONLY_IN_PEPPOL.split(' ').any(|c| c == code)
        || (is_en16931_currency(code) && !NOT_IN_PEPPOL.split(' ').any(|c| c == code))
}

/// The elements that hold an amount with its currency (`currencyID`).
const AMOUNTS: [&str; 13] = [
    "Amount",
    "BaseAmount",
    "PriceAmount",
    "TaxAmount",
    "TaxableAmount",
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
];

/// The VAT category codes of UNCL 5305 that EN 16931 accepts (BR-CL-17, BR-CL-18).
const VAT_CATEGORIES: &str = "AE L M E S Z G O K B";

/// The VAT exemption reason codes (VATEX) EN 16931 accepts (BR-CL-22).
const VATEX: &str = "VATEX-EU-79-C VATEX-EU-132 VATEX-EU-132-1A VATEX-EU-132-1B VATEX-EU-132-1C VATEX-EU-132-1D VATEX-EU-132-1E VATEX-EU-132-1F VATEX-EU-132-1G VATEX-EU-132-1H VATEX-EU-132-1I VATEX-EU-132-1J VATEX-EU-132-1K VATEX-EU-132-1L VATEX-EU-132-1M VATEX-EU-132-1N VATEX-EU-132-1O VATEX-EU-132-1P VATEX-EU-132-1Q VATEX-EU-143 VATEX-EU-143-1A VATEX-EU-143-1B VATEX-EU-143-1C VATEX-EU-143-1D VATEX-EU-143-1E VATEX-EU-143-1F VATEX-EU-143-1FA VATEX-EU-143-1G VATEX-EU-143-1H VATEX-EU-143-1I VATEX-EU-143-1J VATEX-EU-143-1K VATEX-EU-143-1L VATEX-EU-144 VATEX-EU-146-1E VATEX-EU-159 VATEX-EU-309 VATEX-EU-148 VATEX-EU-148-A VATEX-EU-148-B VATEX-EU-148-C VATEX-EU-148-D VATEX-EU-148-E VATEX-EU-148-F VATEX-EU-148-G VATEX-EU-151 VATEX-EU-151-1A VATEX-EU-151-1AA VATEX-EU-151-1B VATEX-EU-151-1C VATEX-EU-151-1D VATEX-EU-151-1E VATEX-EU-G VATEX-EU-O VATEX-EU-IC VATEX-EU-AE VATEX-EU-D VATEX-EU-F VATEX-EU-I VATEX-EU-J VATEX-FR-FRANCHISE VATEX-FR-CNWVAT VATEX-EU-153 VATEX-FR-CGI261-1 VATEX-FR-CGI261-2 VATEX-FR-CGI261-3 VATEX-FR-CGI261-4 VATEX-FR-CGI261-5 VATEX-FR-CGI261-7 VATEX-FR-CGI261-8 VATEX-FR-CGI261A VATEX-FR-CGI261B VATEX-FR-CGI261C-1 VATEX-FR-CGI261C-2 VATEX-FR-CGI261C-3 VATEX-FR-CGI261D-1 VATEX-FR-CGI261D-1BIS VATEX-FR-CGI261D-2 VATEX-FR-CGI261D-3 VATEX-FR-CGI261D-4 VATEX-FR-CGI261E-1 VATEX-FR-CGI261E-2 VATEX-FR-CGI277A VATEX-FR-CGI275 VATEX-FR-298SEXDECIESA VATEX-FR-CGI295 VATEX-FR-AE";

/// The exemption reason codes Peppol ties to one category (PEPPOL-EN16931-P0104..P0111).
const VATEX_CATEGORY: [(&str, &str, &str); 8] = [
    ("VATEX-EU-G", "G", "PEPPOL-EN16931-P0104"),
    ("VATEX-EU-O", "O", "PEPPOL-EN16931-P0105"),
    ("VATEX-EU-IC", "K", "PEPPOL-EN16931-P0106"),
    ("VATEX-EU-AE", "AE", "PEPPOL-EN16931-P0107"),
    ("VATEX-EU-D", "E", "PEPPOL-EN16931-P0108"),
    ("VATEX-EU-F", "E", "PEPPOL-EN16931-P0109"),
    ("VATEX-EU-I", "E", "PEPPOL-EN16931-P0110"),
    ("VATEX-EU-J", "E", "PEPPOL-EN16931-P0111"),
];

/// The payment means codes of UNCL 4461 that EN 16931 accepts (BR-CL-16): 1 to 70, 74 to 78,
/// 91 to 98, and ZZZ.
fn is_payment_means(code: &str) -> bool {
    code == "ZZZ"
        || code
            .parse::<u8>()
            .is_ok_and(|n| matches!(n, 1..=70 | 74..=78 | 91..=98))
            && !code.starts_with('0')
}

/// The allowance reason codes of UNCL 5189 that EN 16931 and Peppol accept (BR-CL-19,
/// PEPPOL-EN16931-CL002).
const ALLOWANCE_REASONS: &str = "41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105";

/// The electronic address schemes (EAS) of Peppol BIS Billing 3.0.19 (PEPPOL-EN16931-CL008).
const PEPPOL_EAS: &str = "0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177 0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205 0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0221 0225 0230 0235 0240 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959";
/// The schemes EN 16931's EAS list (BR-CL-25) holds beyond Peppol's: among them EM, e-mail,
/// which Peppol cannot deliver to.
const EN16931_ONLY_EAS: &str = "0219 0220 AN AQ AS AU EM";

/// Whether `scheme` is in the Peppol EAS list.
pub(crate) fn is_peppol_eas(scheme: &str) -> bool {
    PEPPOL_EAS.split(' ').any(|c| c == scheme)
}

/// Whether `scheme` is in the EN 16931 EAS list.
fn is_en16931_eas(scheme: &str) -> bool {
    is_peppol_eas(scheme) || EN16931_ONLY_EAS.split(' ').any(|c| c == scheme)
}

/// Checks every coded value of the document.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    countries(checker, doc);
    currencies(checker, doc);
    tax_categories(checker, doc);
    for node in doc.root.descendants().filter(|n| n.is_element()) {
        match (node.tag_name().namespace(), node.tag_name().name()) {
            (Some(NS_CBC), "EndpointID") => endpoint(checker, node),
            (Some(NS_CBC), "InvoicedQuantity" | "CreditedQuantity" | "BaseQuantity") => {
                unit(checker, node)
            }
            (Some(NS_CBC), "PaymentMeansCode") => {
                let code = text(Some(node)).unwrap_or_default();
                checker.require(is_payment_means(&code), "BR-CL-16", || {
                    format!("payment means code `{code}` is not in UNCL 4461")
                });
            }
            (Some(NS_CAC), "AllowanceCharge") if !is_charge(node) => {
                allowance_reason(checker, node)
            }
            _ => {}
        }
    }
}

/// BR-CL-14: every country code.
fn countries(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for country in doc.all(NS_CAC, "Country") {
        if let Some(code_node) = child(country, NS_CBC, "IdentificationCode") {
            let code = text(Some(code_node)).unwrap_or_default();
            checker.require(is_country(&code), "BR-CL-14", || {
                format!("country `{code}` is not an ISO 3166-1 code")
            });
        }
    }
}

/// BR-CL-03..05, PEPPOL-EN16931-CL007, R051: the document currency and every amount's.
fn currencies(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let document = doc.currency();
    if let Some(code) = &document {
        checker.require(is_en16931_currency(code), "BR-CL-04", || {
            format!("document currency `{code}` is not in the ISO 4217 list of EN 16931")
        });
    }
    if let Some(code) = cbc(doc.root, "TaxCurrencyCode") {
        checker.require(is_en16931_currency(&code), "BR-CL-05", || {
            format!("VAT currency `{code}` is not in the ISO 4217 list of EN 16931")
        });
    }
    for amount in doc.root.descendants().filter(|n| {
        n.is_element()
            && n.tag_name().namespace() == Some(NS_CBC)
            && AMOUNTS.contains(&n.tag_name().name())
    }) {
        let name = amount.tag_name().name();
        let currency = amount.attribute("currencyID").unwrap_or("");
        checker.require(is_en16931_currency(currency), "BR-CL-03", || {
            format!("{name}: currency `{currency}` is not in the ISO 4217 list of EN 16931")
        });
        checker.require(is_peppol_currency(currency), "PEPPOL-EN16931-CL007", || {
            format!("{name}: currency `{currency}` is not in Peppol's ISO 4217 list")
        });
        if in_document_currency(amount) {
            checker.require(
                Some(currency) == document.as_deref(),
                "PEPPOL-EN16931-R051",
                || format!("{name} is in {currency}, not in the document currency"),
            );
        }
    }
}

/// Whether an amount must be in the document currency: all but the VAT total in the VAT
/// accounting currency (a `TaxTotal` without breakdown).
fn in_document_currency(amount: Node<'_, '_>) -> bool {
    let parent = amount.parent();
    !(amount.tag_name().name() == "TaxAmount"
        && parent.is_some_and(|p| {
            p.tag_name().name() == "TaxTotal" && child(p, NS_CAC, "TaxSubtotal").is_none()
        }))
}

/// BR-CL-17, BR-CL-18, BR-CL-22, PEPPOL-EN16931-P0104..P0111: VAT categories and exemption codes.
fn tax_categories(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for (element, rule) in [
        ("TaxCategory", "BR-CL-17"),
        ("ClassifiedTaxCategory", "BR-CL-18"),
    ] {
        for category in doc.all(NS_CAC, element) {
            if let Some(id) = child(category, NS_CBC, "ID") {
                let code = text(Some(id)).unwrap_or_default();
                checker.require(VAT_CATEGORIES.split(' ').any(|c| c == code), rule, || {
                    format!("VAT category `{code}` is not in UNCL 5305")
                });
            }
            let Some(reason) = cbc(category, "TaxExemptionReasonCode") else {
                continue;
            };
            let upper = reason.to_uppercase();
            checker.require(VATEX.split(' ').any(|c| c == upper), "BR-CL-22", || {
                format!("exemption reason code `{reason}` is not in the VATEX list")
            });
            if element == "TaxCategory"
                && let Some((_, wanted, rule)) = VATEX_CATEGORY.iter().find(|(c, _, _)| *c == upper)
            {
                let code = cbc(category, "ID").unwrap_or_default();
                checker.require(code == *wanted, rule, || {
                    format!("exemption reason {reason} is for VAT category {wanted}, not {code}")
                });
            }
        }
    }
}

/// BR-CL-25, PEPPOL-EN16931-CL008: the electronic address scheme.
fn endpoint(checker: &mut Checker, node: Node<'_, '_>) {
    let Some(scheme) = node.attribute("schemeID") else {
        return;
    };
    let scheme = scheme.trim();
    checker.require(is_en16931_eas(scheme), "BR-CL-25", || {
        format!("electronic address scheme `{scheme}` is not in the EAS code list")
    });
    checker.require(is_peppol_eas(scheme), "PEPPOL-EN16931-CL008", || {
        format!("electronic address scheme `{scheme}` is not one Peppol delivers to (EAS list of Peppol BIS 3.0; e-mail, EM, is not)")
    });
}

/// BR-CL-23: a unit of measure code has the shape of a UN/ECE Recommendation 20 or 21 code (two
/// or three letters or digits); folio only writes codes of its own table, all in the list.
fn unit(checker: &mut Checker, node: Node<'_, '_>) {
    let Some(unit) = node.attribute("unitCode") else {
        return;
    };
    let shaped = (2..=3).contains(&unit.len())
        && unit
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    checker.require(shaped, "BR-CL-23", || {
        format!("unit code `{unit}` is not a UN/ECE Recommendation 20 code")
    });
}

/// BR-CL-19, PEPPOL-EN16931-CL002: an allowance's reason code.
fn allowance_reason(checker: &mut Checker, node: Node<'_, '_>) {
    let Some(code) = cbc(node, "AllowanceChargeReasonCode") else {
        return;
    };
    let listed = ALLOWANCE_REASONS.split(' ').any(|c| c == code);
    checker.require(listed, "BR-CL-19", || {
        format!("allowance reason code `{code}` is not in UNCL 5189")
    });
    checker.require(listed, "PEPPOL-EN16931-CL002", || {
        format!("allowance reason code `{code}` is not in UNCL 5189")
    });
}
