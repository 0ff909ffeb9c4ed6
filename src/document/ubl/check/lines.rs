//! The lines: each with an identifier, a quantity and its unit, a net amount that is quantity
//! × price − allowances, an item name and a price; and their sums, for the totals.

use super::{Checker, Node, cbc, child, children, path, text};
use crate::document::model;
use crate::document::ubl::{NS_CAC, NS_CBC};
use rust_decimal::Decimal;

/// The lines' net amounts: in all, and per VAT category and rate.
#[derive(Debug, Default)]
pub(super) struct Sums {
    /// The sum of every line's net amount.
    pub(super) lines: Decimal,
    /// (category, rate, sum of the net amounts of the lines at that category and rate).
    pub(super) per_rate: Vec<(String, Decimal, Decimal)>,
}

/// Checks the lines of the document whose root element is `root`; returns their sums.
pub(super) fn check(checker: &mut Checker, root: Node<'_, '_>, credit: bool) -> Sums {
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
        checker.fail("BR-16", "no lines".into());
    }
    let mut sums = Sums::default();
    let quantity_name = if credit {
        "CreditedQuantity"
    } else {
        "InvoicedQuantity"
    };
    for (index, line) in lines.iter().enumerate() {
        one(checker, *line, index + 1, quantity_name, &mut sums);
    }
    sums
}

/// Checks line number `n` (its quantity in element `quantity_name`) and adds it to `sums`.
fn one(checker: &mut Checker, line: Node<'_, '_>, n: usize, quantity_name: &str, sums: &mut Sums) {
    if cbc(line, "ID").is_none() {
        checker.fail("BR-21", format!("line {n} has no ID"));
    }
    let quantity_node = child(line, NS_CBC, quantity_name);
    let quantity = text(quantity_node).and_then(|q| model::parse_decimal(&q));
    if quantity.is_none() {
        checker.fail("BR-22", format!("line {n} has no quantity"));
    }
    if quantity_node
        .and_then(|q| q.attribute("unitCode"))
        .is_none()
    {
        checker.fail("BR-23", format!("line {n} has no unit code"));
    }
    let net = checker.amount(
        cbc(line, "LineExtensionAmount"),
        &format!("line {n} net amount"),
    );
    match net {
        None => checker.fail("BR-24", format!("line {n} has no net amount")),
        Some(net) => sums.lines += net,
    }
    let item = child(line, NS_CAC, "Item");
    if item.and_then(|i| cbc(i, "Name")).is_none() {
        checker.fail("BR-25", format!("line {n} has no item name"));
    }
    let price = path(line, &["Price", "PriceAmount"]).and_then(|p| model::parse_decimal(&p));
    match price {
        None => checker.fail("BR-26", format!("line {n} has no price")),
        Some(p) if p < Decimal::ZERO => {
            checker.fail("BR-27", format!("line {n} has a negative price"))
        }
        Some(_) => {}
    }
    let mut allowances = Decimal::ZERO;
    for charge in children(line, NS_CAC, "AllowanceCharge") {
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
        checker.fail(
            "PEPPOL-EN16931-R120",
            format!("line {n}: quantity × price is past the range of a decimal"),
        );
    }
    if let (Some((q, p)), Some(Some(off_by)), Some(net)) = (quantity.zip(price), off_by, net)
        && off_by.abs() > Decimal::new(2, 2)
    {
        checker.fail(
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
    match sums
        .per_rate
        .iter_mut()
        .find(|(c, r, _)| *c == code && *r == rate)
    {
        Some(entry) => entry.2 += net.unwrap_or_default(),
        None => sums.per_rate.push((code, rate, net.unwrap_or_default())),
    }
}
