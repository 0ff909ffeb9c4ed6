//! The totals: the document's own (each present, each the sum it stands for), the VAT totals
//! and their breakdown (each VAT the base × the rate), and the document-level allowances and
//! charges they include.

use super::{Checker, Doc, Node, cbc, child, children, is_charge, number, round2, vat_category};
use crate::document::ubl::{NS_CAC, NS_CBC};
use rust_decimal::Decimal;

/// Checks the totals and the VAT totals.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    document_charges(checker, doc);
    match child(doc.root, NS_CAC, "LegalMonetaryTotal") {
        Some(totals) => monetary(checker, doc, totals),
        None => {
            for (rule, name) in [
                ("BR-12", "LineExtensionAmount"),
                ("BR-13", "TaxExclusiveAmount"),
                ("BR-14", "TaxInclusiveAmount"),
                ("BR-15", "PayableAmount"),
            ] {
                checker.fail(rule, format!("no {name}"));
            }
        }
    }
    tax_totals(checker, doc);
    for subtotal in &doc.subtotals {
        breakdown(checker, *subtotal);
    }
}

/// BR-12..15, BR-CO-10..13, BR-CO-16: the stated totals.
fn monetary(checker: &mut Checker, doc: &Doc<'_, '_>, totals: Node<'_, '_>) {
    for (rule, name) in [
        ("BR-12", "LineExtensionAmount"),
        ("BR-13", "TaxExclusiveAmount"),
        ("BR-14", "TaxInclusiveAmount"),
        ("BR-15", "PayableAmount"),
    ] {
        checker.require(child(totals, NS_CBC, name).is_some(), rule, || {
            format!("no {name}")
        });
    }
    let value = |name: &str| number(totals, name);
    let lines = value("LineExtensionAmount").unwrap_or_default();
    let sum: Decimal = doc
        .lines
        .iter()
        .filter_map(|l| number(*l, "LineExtensionAmount"))
        .sum();
    checker.require(lines == round2(sum), "BR-CO-10", || {
        format!("LineExtensionAmount {lines} is not the sum of the lines {sum}")
    });
    let allowances = sum_charges(doc, false);
    let charges = sum_charges(doc, true);
    for (rule, name, sum) in [
        ("BR-CO-11", "AllowanceTotalAmount", allowances),
        ("BR-CO-12", "ChargeTotalAmount", charges),
    ] {
        let stated = value(name);
        let holds = match stated {
            Some(stated) => stated == round2(sum.unwrap_or_default()),
            None => sum.is_none(),
        };
        checker.require(holds, rule, || {
            format!(
                "{name} {} is not the sum of the document's {} {}",
                stated.unwrap_or_default(),
                if rule == "BR-CO-11" {
                    "allowances"
                } else {
                    "charges"
                },
                sum.unwrap_or_default()
            )
        });
    }
    let exclusive = value("TaxExclusiveAmount").unwrap_or_default();
    let expected = round2(
        lines + value("ChargeTotalAmount").unwrap_or_default()
            - value("AllowanceTotalAmount").unwrap_or_default(),
    );
    checker.require(exclusive == expected, "BR-CO-13", || format!("TaxExclusiveAmount {exclusive} is not LineExtensionAmount + charges − allowances = {expected}"));
    let inclusive = value("TaxInclusiveAmount").unwrap_or_default();
    let payable = value("PayableAmount").unwrap_or_default();
    let due = round2(inclusive - value("PrepaidAmount").unwrap_or_default());
    let paid = match value("PayableRoundingAmount") {
        Some(rounding) => round2(payable - rounding),
        None => payable,
    };
    checker.require(paid == due, "BR-CO-16", || {
        format!("PayableAmount {payable} is not TaxInclusiveAmount − prepaid + rounding ({due})")
    });
}

/// The sum of the document-level allowances (`charge` false) or charges, `None` when it has none.
fn sum_charges(doc: &Doc<'_, '_>, charge: bool) -> Option<Decimal> {
    let amounts: Vec<Decimal> = doc
        .charges
        .iter()
        .filter(|c| is_charge(**c) == charge)
        .map(|c| number(*c, "Amount").unwrap_or_default())
        .collect();
    (!amounts.is_empty()).then(|| amounts.iter().sum())
}

/// BR-31..33, BR-36..38, BR-CO-21, BR-CO-22: a document-level allowance or charge has an amount,
/// a VAT category and a reason.
fn document_charges(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for charge in &doc.charges {
        let (what, rules) = if is_charge(*charge) {
            ("charge", ["BR-36", "BR-37", "BR-38", "BR-CO-22"])
        } else {
            ("allowance", ["BR-31", "BR-32", "BR-33", "BR-CO-21"])
        };
        checker.require(child(*charge, NS_CBC, "Amount").is_some(), rules[0], || {
            format!("a document {what} without an amount")
        });
        let category = vat_category(*charge, "TaxCategory").and_then(|c| child(c, NS_CBC, "ID"));
        checker.require(category.is_some(), rules[1], || {
            format!("a document {what} without a VAT category")
        });
        let reason = child(*charge, NS_CBC, "AllowanceChargeReason").is_some()
            || child(*charge, NS_CBC, "AllowanceChargeReasonCode").is_some();
        for rule in &rules[2..] {
            checker.require(reason, rule, || {
                format!("a document {what} without a reason or reason code")
            });
        }
    }
}

/// BR-CO-14, BR-CO-15, BR-CO-18, BR-53, PEPPOL-EN16931-R053..R055: the VAT totals.
fn tax_totals(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let totals = children(doc.root, NS_CAC, "TaxTotal");
    let (with, without): (Vec<Node<'_, '_>>, Vec<Node<'_, '_>>) = totals
        .iter()
        .copied()
        .partition(|t| child(*t, NS_CAC, "TaxSubtotal").is_some());
    checker.require(!with.is_empty(), "BR-CO-18", || {
        "no VAT breakdown (TaxSubtotal)".into()
    });
    checker.require(with.len() == 1, "PEPPOL-EN16931-R053", || {
        format!(
            "{} VAT totals with a breakdown, expected exactly one",
            with.len()
        )
    });
    let tax_currency = cbc(doc.root, "TaxCurrencyCode");
    let expected = usize::from(tax_currency.is_some());
    checker.require(without.len() == expected, "PEPPOL-EN16931-R054", || format!("{} VAT totals without a breakdown, expected {expected} (one only for a VAT accounting currency)", without.len()));
    for total in &with {
        let stated = number(*total, "TaxAmount").unwrap_or_default();
        let sum: Decimal = children(*total, NS_CAC, "TaxSubtotal")
            .iter()
            .filter_map(|s| number(*s, "TaxAmount"))
            .sum();
        checker.require(stated == round2(sum), "BR-CO-14", || {
            format!("TaxAmount {stated} is not the sum of the breakdown {sum}")
        });
    }
    let amount_in = |currency: &str| -> Vec<Decimal> {
        totals
            .iter()
            .filter_map(|t| child(*t, NS_CBC, "TaxAmount"))
            .filter(|a| a.attribute("currencyID") == Some(currency))
            .map(|a| a.text().and_then(super::decimal).unwrap_or_default())
            .collect()
    };
    if let (Some(tax_currency), Some(currency)) = (&tax_currency, doc.currency()) {
        let (tax, document) = (amount_in(tax_currency), amount_in(&currency));
        checker.require(!tax.is_empty(), "BR-53", || {
            format!("no VAT total in the VAT accounting currency {tax_currency}")
        });
        let both = |sign: fn(&Decimal) -> bool| tax.iter().any(sign) && document.iter().any(sign);
        checker.require(
            both(|v| *v <= Decimal::ZERO) || both(|v| *v >= Decimal::ZERO),
            "PEPPOL-EN16931-R055",
            || {
                "the VAT totals in the document and the VAT accounting currency differ in sign"
                    .into()
            },
        );
    }
    if let Some(currency) = doc.currency() {
        inclusive(checker, doc, &amount_in(&currency));
    }
}

/// BR-CO-15: one VAT total in the document currency, and total with VAT = without + VAT.
fn inclusive(checker: &mut Checker, doc: &Doc<'_, '_>, vat: &[Decimal]) {
    let totals = child(doc.root, NS_CAC, "LegalMonetaryTotal");
    let value = |name: &str| totals.and_then(|t| number(t, name)).unwrap_or_default();
    let (inclusive, exclusive) = (value("TaxInclusiveAmount"), value("TaxExclusiveAmount"));
    let holds = vat.len() == 1 && inclusive == round2(exclusive + vat[0]);
    checker.require(holds, "BR-CO-15", || match vat {
        [vat] => format!("TaxInclusiveAmount {inclusive} is not {exclusive} + {vat}"),
        _ => format!(
            "{} VAT totals in the document currency, expected one",
            vat.len()
        ),
    });
}

/// BR-45..48, BR-CO-17: one VAT breakdown has its amounts, its category and rate, and its VAT is
/// the base × the rate (±1).
fn breakdown(checker: &mut Checker, subtotal: Node<'_, '_>) {
    checker.require(
        child(subtotal, NS_CBC, "TaxableAmount").is_some(),
        "BR-45",
        || "a VAT breakdown without its taxable amount".into(),
    );
    checker.require(
        child(subtotal, NS_CBC, "TaxAmount").is_some(),
        "BR-46",
        || "a VAT breakdown without its VAT amount".into(),
    );
    let category = vat_category(subtotal, "TaxCategory");
    let code = super::code(category);
    checker.require(
        category.and_then(|c| child(c, NS_CBC, "ID")).is_some(),
        "BR-47",
        || "a VAT breakdown without its category".into(),
    );
    let rate = category.and_then(|c| number(c, "Percent"));
    let has_rate = category.and_then(|c| child(c, NS_CBC, "Percent")).is_some();
    checker.require(has_rate || code == "O", "BR-48", || {
        format!("VAT breakdown {code} without its rate")
    });
    let base = number(subtotal, "TaxableAmount").unwrap_or_default();
    let tax = number(subtotal, "TaxAmount").unwrap_or_default();
    let holds = match rate {
        None => xpath_round(tax).is_zero(),
        Some(rate) if xpath_round(rate).is_zero() => xpath_round(tax).is_zero(),
        Some(rate) => {
            let expected = round2(base.abs() * rate / Decimal::ONE_HUNDRED);
            tax.abs() - Decimal::ONE < expected && tax.abs() + Decimal::ONE > expected
        }
    };
    checker.require(holds, "BR-CO-17", || {
        format!(
            "VAT breakdown {code}: VAT {tax} is not {base} × {}%",
            rate.unwrap_or_default()
        )
    });
}

/// `value` rounded to a whole number as XPath's `round` does (halves up).
fn xpath_round(value: Decimal) -> Decimal {
    (value + Decimal::new(5, 1)).floor()
}
