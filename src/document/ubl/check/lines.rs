//! The lines: each with an identifier, a quantity and its unit, a net amount that is quantity ×
//! price + charges − allowances, an item name, a VAT category and a price; and every allowance
//! or charge (of a line, of the price or of the document) well formed.

use super::{
    Checker, Doc, Node, cbc, child, children, decimal, element, is_charge, number, round2,
};
use crate::document::ubl::{NS_CAC, NS_CBC};
use rust_decimal::Decimal;

/// Checks every line, and every allowance and charge of the document.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    checker.require(!doc.lines.is_empty(), "BR-16", || "no lines".into());
    let quantity = if doc.credit {
        "CreditedQuantity"
    } else {
        "InvoicedQuantity"
    };
    for (index, line) in doc.lines.iter().enumerate() {
        let n = index + 1;
        required(checker, *line, n, quantity);
        price(checker, *line, n);
        net_amount(checker, *line, n, quantity);
        for charge in children(*line, NS_CAC, "AllowanceCharge") {
            line_charge(checker, charge, n);
        }
    }
    for charge in doc.all(NS_CAC, "AllowanceCharge") {
        indicator_and_percentage(checker, charge);
    }
}

/// BR-21..25, BR-CO-04, UBL-SR-48: what every line has.
fn required(checker: &mut Checker, line: Node<'_, '_>, n: usize, quantity: &str) {
    checker.require(cbc(line, "ID").is_some(), "BR-21", || {
        format!("line {n} has no identifier")
    });
    let quantity = child(line, NS_CBC, quantity);
    checker.require(quantity.is_some(), "BR-22", || {
        format!("line {n} has no quantity")
    });
    checker.require(
        quantity.is_some_and(|q| q.attribute("unitCode").is_some()),
        "BR-23",
        || format!("line {n} has no unit of measure code"),
    );
    checker.require(
        child(line, NS_CBC, "LineExtensionAmount").is_some(),
        "BR-24",
        || format!("line {n} has no net amount"),
    );
    checker.require(
        element(line, &["Item", "Name"])
            .and_then(|e| e.text())
            .is_some_and(|t| !t.trim().is_empty()),
        "BR-25",
        || format!("line {n} has no item name"),
    );
    let categories = child(line, NS_CAC, "Item")
        .map_or(0, |i| children(i, NS_CAC, "ClassifiedTaxCategory").len());
    checker.require(categories == 1, "UBL-SR-48", || {
        format!("line {n} has {categories} VAT categories, expected one")
    });
    checker.require(
        !super::code(super::line_category(line)).is_empty(),
        "BR-CO-04",
        || format!("line {n} has no VAT category"),
    );
}

/// BR-26, BR-27, BR-28, PEPPOL-EN16931-R121, R044, R046: the price.
fn price(checker: &mut Checker, line: Node<'_, '_>, n: usize) {
    let price = child(line, NS_CAC, "Price");
    let amount = price.and_then(|p| number(p, "PriceAmount"));
    checker.require(
        price
            .and_then(|p| child(p, NS_CBC, "PriceAmount"))
            .is_some(),
        "BR-26",
        || format!("line {n} has no net price"),
    );
    checker.require(amount.is_some_and(|a| a >= Decimal::ZERO), "BR-27", || {
        format!("line {n}: the net price is negative or missing")
    });
    let Some(price) = price else { return };
    if let Some(base) = child(price, NS_CBC, "BaseQuantity") {
        let positive = base
            .text()
            .and_then(decimal)
            .is_some_and(|b| b > Decimal::ZERO);
        checker.require(positive, "PEPPOL-EN16931-R121", || {
            format!("line {n}: the price base quantity is not above zero")
        });
    }
    for allowance in children(price, NS_CAC, "AllowanceCharge") {
        let gross = number(allowance, "BaseAmount");
        checker.require(gross.is_none_or(|g| g >= Decimal::ZERO), "BR-28", || {
            format!("line {n}: the gross price is negative")
        });
        checker.require(
            cbc(allowance, "ChargeIndicator").as_deref() == Some("false"),
            "PEPPOL-EN16931-R044",
            || format!("line {n}: a charge on the price (only a price discount is allowed)"),
        );
        if let Some(gross) = gross {
            let discount = number(allowance, "Amount").unwrap_or_default();
            checker.require(amount == Some(gross - discount), "PEPPOL-EN16931-R046", || {
                format!("line {n}: the net price is not the gross price {gross} − the discount {discount}")
            });
        }
    }
}

/// PEPPOL-EN16931-R120: net = quantity × price / base quantity + charges − allowances, ±0.02.
fn net_amount(checker: &mut Checker, line: Node<'_, '_>, n: usize, quantity: &str) {
    let net = number(line, "LineExtensionAmount").unwrap_or_default();
    let quantity = number(line, quantity).unwrap_or(Decimal::ONE);
    let price = child(line, NS_CAC, "Price");
    let amount = price
        .and_then(|p| number(p, "PriceAmount"))
        .unwrap_or_default();
    let base = price
        .and_then(|p| number(p, "BaseQuantity"))
        .filter(|b| !b.is_zero())
        .unwrap_or(Decimal::ONE);
    let (mut charges, mut allowances) = (Decimal::ZERO, Decimal::ZERO);
    for charge in children(line, NS_CAC, "AllowanceCharge") {
        let value = number(charge, "Amount").unwrap_or_default();
        match cbc(charge, "ChargeIndicator").as_deref() {
            Some("true") => charges += value,
            Some("false") => allowances += value,
            _ => {}
        }
    }
    let expected = amount
        .checked_div(base)
        .and_then(|unit| quantity.checked_mul(unit))
        .map(|gross| gross + round2(charges) - round2(allowances));
    let close = expected.is_some_and(|e| (net - e).abs() <= Decimal::new(2, 2));
    checker.require(close, "PEPPOL-EN16931-R120", || match expected {
        Some(e) => {
            format!("line {n}: net {net} is not quantity × price + charges − allowances = {e}")
        }
        None => format!("line {n}: quantity × price is past the range of a decimal"),
    });
}

/// BR-41..44, BR-CO-23, BR-CO-24: a line's allowance or charge has an amount and a reason.
fn line_charge(checker: &mut Checker, charge: Node<'_, '_>, n: usize) {
    let (what, amount_rule, reason_rules) = if is_charge(charge) {
        ("charge", "BR-43", ["BR-44", "BR-CO-24"])
    } else {
        ("allowance", "BR-41", ["BR-42", "BR-CO-23"])
    };
    checker.require(
        child(charge, NS_CBC, "Amount").is_some(),
        amount_rule,
        || format!("line {n}: an {what} without an amount"),
    );
    let reason = child(charge, NS_CBC, "AllowanceChargeReason").is_some()
        || child(charge, NS_CBC, "AllowanceChargeReasonCode").is_some();
    for rule in reason_rules {
        checker.require(reason, rule, || {
            format!("line {n}: an {what} without a reason or reason code")
        });
    }
}

/// PEPPOL-EN16931-R043 (the indicator is `true` or `false`), R040..R042 (a percentage and its
/// base amount come together, and give the amount ±0.02).
fn indicator_and_percentage(checker: &mut Checker, charge: Node<'_, '_>) {
    if charge
        .parent()
        .is_some_and(|p| p.tag_name().name() == "Price")
    {
        return;
    }
    let indicator = cbc(charge, "ChargeIndicator");
    checker.require(
        matches!(indicator.as_deref(), Some("true" | "false")),
        "PEPPOL-EN16931-R043",
        || {
            format!(
                "ChargeIndicator `{}` is neither true nor false",
                indicator.clone().unwrap_or_default()
            )
        },
    );
    let factor = child(charge, NS_CBC, "MultiplierFactorNumeric");
    let base = child(charge, NS_CBC, "BaseAmount");
    match (factor, base) {
        (Some(_), None) => checker.fail(
            "PEPPOL-EN16931-R041",
            "an allowance or charge percentage without its base amount".into(),
        ),
        (None, Some(_)) => checker.fail(
            "PEPPOL-EN16931-R042",
            "an allowance or charge base amount without its percentage".into(),
        ),
        (Some(factor), Some(base)) => {
            let factor = factor.text().and_then(decimal).unwrap_or_default();
            let base = base.text().and_then(decimal).unwrap_or_default();
            let amount = number(charge, "Amount").unwrap_or_default();
            let expected = base.checked_mul(factor).map(|v| v / Decimal::ONE_HUNDRED);
            checker.require(
                expected.is_some_and(|e| (amount - e).abs() <= Decimal::new(2, 2)),
                "PEPPOL-EN16931-R040",
                || format!("allowance or charge {amount} is not {base} × {factor}%"),
            );
        }
        (None, None) => {}
    }
}
