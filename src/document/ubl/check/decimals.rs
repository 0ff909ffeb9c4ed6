//! BR-DEC-*: every amount of the totals, the VAT breakdown, the lines and the allowances and
//! charges has at most two decimals.

use super::{Checker, Doc, Node, child, children, is_charge};
use crate::document::ubl::{NS_CAC, NS_CBC};

/// Checks the decimals of every amount EN 16931 limits to cents.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for charge in &doc.charges {
        let rules = if is_charge(*charge) {
            ["BR-DEC-05", "BR-DEC-06"]
        } else {
            ["BR-DEC-01", "BR-DEC-02"]
        };
        cents(
            checker,
            *charge,
            &[("Amount", rules[0]), ("BaseAmount", rules[1])],
        );
    }
    if let Some(totals) = child(doc.root, NS_CAC, "LegalMonetaryTotal") {
        cents(
            checker,
            totals,
            &[
                ("LineExtensionAmount", "BR-DEC-09"),
                ("AllowanceTotalAmount", "BR-DEC-10"),
                ("ChargeTotalAmount", "BR-DEC-11"),
                ("TaxExclusiveAmount", "BR-DEC-12"),
                ("TaxInclusiveAmount", "BR-DEC-14"),
                ("PrepaidAmount", "BR-DEC-16"),
                ("PayableRoundingAmount", "BR-DEC-17"),
                ("PayableAmount", "BR-DEC-18"),
            ],
        );
    }
    // BR-DEC-13 and BR-DEC-15 (the VAT totals) are not stated: their official test compares
    // each TaxAmount's currency with a DocumentCurrencyCode child it never has, so they never
    // fire; UBL-DT-01 covers those amounts.
    any_amount(checker, doc);
    for subtotal in &doc.subtotals {
        cents(
            checker,
            *subtotal,
            &[("TaxableAmount", "BR-DEC-19"), ("TaxAmount", "BR-DEC-20")],
        );
    }
    for line in &doc.lines {
        cents(checker, *line, &[("LineExtensionAmount", "BR-DEC-23")]);
        for charge in children(*line, NS_CAC, "AllowanceCharge") {
            let rules = if is_charge(charge) {
                ["BR-DEC-27", "BR-DEC-28"]
            } else {
                ["BR-DEC-24", "BR-DEC-25"]
            };
            cents(
                checker,
                charge,
                &[("Amount", rules[0]), ("BaseAmount", rules[1])],
            );
        }
    }
}

/// Checks that each `cbc:<name>` child of `node` has at most two decimals, else breaks its rule.
fn cents(checker: &mut Checker, node: Node<'_, '_>, amounts: &[(&str, &'static str)]) {
    for (name, rule) in amounts {
        let Some(value) = child(node, NS_CBC, name).and_then(|n| n.text()) else {
            continue;
        };
        let decimals = value
            .split_once('.')
            .map_or(0, |(_, after)| after.chars().count());
        checker.require(decimals <= 2, rule, || {
            format!("{name} {value} has more than two decimals")
        });
    }
}

/// UBL-DT-01: every amount (an element named `...Amount`), but prices and price discounts, has
/// at most two decimals.
fn any_amount(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for node in doc.root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let in_price = node.ancestors().any(|a| {
            a.tag_name().name() == "AllowanceCharge"
                && a.parent().is_some_and(|p| super::is(p, NS_CAC, "Price"))
        });
        if !name.ends_with("Amount") || name.ends_with("PriceAmount") || in_price {
            continue;
        }
        let value = node.text().unwrap_or("");
        let decimals = value
            .split_once('.')
            .map_or(0, |(_, after)| after.chars().count());
        checker.require(decimals <= 2, "UBL-DT-01", || {
            format!("{name} {value} has more than two decimals")
        });
    }
}
