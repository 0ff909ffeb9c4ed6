//! The totals: the document's own (each present, each the sum it stands for), the VAT breakdown
//! (one per category and rate of the lines, each VAT the base × the rate), and what is due
//! (a due date or terms, the payee's account).

use super::lines::Sums;
use super::{Checker, Node, cbc, child, children, path};
use crate::document::model;
use crate::document::ubl::NS_CAC;
use rust_decimal::Decimal;

/// The totals the document states (`LegalMonetaryTotal`).
struct Stated {
    exclusive: Option<Decimal>,
    inclusive: Option<Decimal>,
    payable: Option<Decimal>,
}

/// Checks the totals of the document whose root element is `root` against its lines' `sums`.
pub(super) fn check(checker: &mut Checker, root: Node<'_, '_>, credit: bool, sums: &Sums) {
    let Stated {
        exclusive,
        inclusive,
        payable,
    } = stated(checker, root, sums.lines);
    let vat_total = vat_breakdown(checker, root, &sums.per_rate);
    if let (Some(inclusive), Some(exclusive), Some(vat_total)) = (inclusive, exclusive, vat_total)
        && inclusive != exclusive + vat_total
    {
        checker.fail(
            "BR-CO-15",
            format!("TaxInclusiveAmount {inclusive} is not {exclusive} + {vat_total}"),
        );
    }
    if let (Some(payable), Some(inclusive)) = (payable, inclusive)
        && payable != inclusive
    {
        checker.fail(
            "BR-CO-16",
            format!("PayableAmount {payable} is not TaxInclusiveAmount {inclusive}"),
        );
    }
    if !credit
        && payable.is_some_and(|p| p > Decimal::ZERO)
        && cbc(root, "DueDate").is_none()
        && child(root, NS_CAC, "PaymentTerms").is_none()
    {
        checker.fail(
            "BR-CO-25",
            "an amount is due but there is neither a due date nor payment terms".into(),
        );
    }
    for means in children(root, NS_CAC, "PaymentMeans") {
        let code = cbc(means, "PaymentMeansCode").unwrap_or_default();
        if (code == "30" || code == "58") && path(means, &["PayeeFinancialAccount", "ID"]).is_none()
        {
            checker.fail(
                "BR-61",
                "a credit transfer without the payee's account".into(),
            );
        }
    }
}

/// Checks the stated totals: each present, the net the sum of the lines (`sum_lines`), the total
/// without VAT that net.
fn stated(checker: &mut Checker, root: Node<'_, '_>, sum_lines: Decimal) -> Stated {
    let totals = child(root, NS_CAC, "LegalMonetaryTotal");
    let mut total = |name: &str, rule: &'static str| {
        let value = checker.amount(totals.and_then(|t| cbc(t, name)), name);
        if value.is_none() {
            checker.fail(rule, format!("no {name}"));
        }
        value
    };
    let line_total = total("LineExtensionAmount", "BR-12");
    let exclusive = total("TaxExclusiveAmount", "BR-13");
    let inclusive = total("TaxInclusiveAmount", "BR-14");
    let payable = total("PayableAmount", "BR-15");
    if let Some(line_total) = line_total
        && line_total != sum_lines
    {
        checker.fail(
            "BR-CO-10",
            format!("LineExtensionAmount {line_total} is not the sum of the lines {sum_lines}"),
        );
    }
    if let (Some(exclusive), Some(line_total)) = (exclusive, line_total)
        && exclusive != line_total
    {
        checker.fail(
            "BR-CO-13",
            format!("TaxExclusiveAmount {exclusive} is not LineExtensionAmount {line_total}"),
        );
    }
    Stated {
        exclusive,
        inclusive,
        payable,
    }
}

/// Checks the VAT breakdown against the lines' net amounts per category and rate; returns the
/// VAT total it states.
fn vat_breakdown(
    checker: &mut Checker,
    root: Node<'_, '_>,
    per_rate: &[(String, Decimal, Decimal)],
) -> Option<Decimal> {
    let tax_totals = children(root, NS_CAC, "TaxTotal");
    let with_subtotals: Vec<_> = tax_totals
        .iter()
        .filter(|t| child(**t, NS_CAC, "TaxSubtotal").is_some())
        .collect();
    if with_subtotals.len() != 1 {
        checker.fail(
            "PEPPOL-EN16931-R053",
            format!(
                "{} VAT totals with a breakdown, expected exactly one",
                with_subtotals.len()
            ),
        );
    }
    let mut vat_total = None;
    if let Some(tax_total) = with_subtotals.first() {
        vat_total = checker.amount(cbc(**tax_total, "TaxAmount"), "TaxAmount");
        let subtotals = children(**tax_total, NS_CAC, "TaxSubtotal");
        if subtotals.is_empty() {
            checker.fail("BR-CO-18", "no VAT breakdown".into());
        }
        let mut sum = Decimal::ZERO;
        for subtotal in &subtotals {
            sum += one_subtotal(checker, *subtotal, per_rate);
        }
        for (code, rate, _) in per_rate {
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
                checker.fail(
                    "BR-S-08",
                    format!("lines at VAT {code} {rate}% have no breakdown"),
                );
            }
        }
        if let Some(vat_total) = vat_total
            && vat_total != sum
        {
            checker.fail(
                "BR-CO-14",
                format!("TaxAmount {vat_total} is not the sum of the breakdown {sum}"),
            );
        }
    }
    vat_total
}

/// Checks one `TaxSubtotal`: its base the sum of its lines, its VAT the base × the rate, an
/// exemption with its reason; returns its VAT (zero when it has none).
fn one_subtotal(
    checker: &mut Checker,
    subtotal: Node<'_, '_>,
    per_rate: &[(String, Decimal, Decimal)],
) -> Decimal {
    let category = child(subtotal, NS_CAC, "TaxCategory");
    let code = category.and_then(|c| cbc(c, "ID")).unwrap_or_default();
    let rate = category
        .and_then(|c| cbc(c, "Percent"))
        .and_then(|p| model::parse_decimal(&p))
        .unwrap_or_default()
        .normalize();
    let base = checker
        .amount(cbc(subtotal, "TaxableAmount"), "TaxableAmount")
        .unwrap_or_default();
    let tax = checker
        .amount(cbc(subtotal, "TaxAmount"), "TaxAmount")
        .unwrap_or_default();
    let lines_base = per_rate
        .iter()
        .find(|(c, r, _)| *c == code && *r == rate)
        .map_or(Decimal::ZERO, |(_, _, b)| *b);
    if base != lines_base {
        checker.fail(
            "BR-S-08",
            format!(
                "VAT {code} {rate}%: taxable amount {base} is not the sum of its lines {lines_base}"
            ),
        );
    }
    let Some(taxed) = base.checked_mul(rate) else {
        checker.fail(
            "BR-S-09",
            format!("VAT {code} {rate}%: {base} × {rate}% is past the range of a decimal"),
        );
        return tax;
    };
    let expected = model::cents(taxed / Decimal::ONE_HUNDRED);
    if tax != expected {
        checker.fail(
            "BR-S-09",
            format!("VAT {code} {rate}%: {tax} is not {base} × {rate}% = {expected}"),
        );
    }
    if code != "S" && code != "Z" {
        let reason = category.and_then(|c| cbc(c, "TaxExemptionReason"));
        let reason_code = category.and_then(|c| cbc(c, "TaxExemptionReasonCode"));
        if reason.is_none() && reason_code.is_none() {
            checker.fail(
                "BR-E-10",
                format!("VAT category {code} without an exemption reason or code"),
            );
        }
    }
    tax
}
