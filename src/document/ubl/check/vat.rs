//! The VAT categories (UNCL 5305) folio writes — S, Z, E, AE, K, G, O — with the rules EN 16931
//! gives each (BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-IC-*, BR-G-*, BR-O-*): a breakdown for each
//! category used, the identifiers the parties need, the rate, the taxable amount and VAT of the
//! breakdown, the exemption reason; and what an intra-community supply or a supply outside the
//! scope of VAT needs besides.

use super::parties::{any_tax_id, vat_id};
use super::{
    Checker, Doc, Node, child, code, element, is_charge, line_category, number, round2,
    vat_category,
};
use crate::document::ubl::{NS_CAC, NS_CBC};
use rust_decimal::Decimal;

/// What a category's rate must be.
#[derive(Clone, Copy, PartialEq)]
enum Rate {
    /// Above zero (S).
    Positive,
    /// Zero (Z, E, AE, K, G).
    Zero,
    /// No rate at all (O).
    Absent,
}

/// Which identifiers a category needs on the parties.
#[derive(Clone, Copy, PartialEq)]
enum Ids {
    /// The seller's VAT or tax registration id, or a tax representative (S, Z, E).
    SellerTax,
    /// The seller's VAT id or a tax representative (G).
    SellerVat,
    /// As SellerTax, and the buyer's VAT id or legal registration id (AE).
    SellerAndBuyerId,
    /// As SellerVat, and the buyer's VAT id (K).
    SellerAndBuyerVat,
    /// No VAT id on either side (O).
    NoVatId,
}

/// One VAT category and the ids of its ten rules (`-01` to `-10`).
struct Category {
    code: &'static str,
    rules: [&'static str; 10],
    rate: Rate,
    ids: Ids,
    /// Whether the breakdown must give an exemption reason (else it must not).
    reason: bool,
}

/// The rule ids `<prefix>-01` to `<prefix>-10`.
macro_rules! ten {
    ($p:literal) => {
        [
            concat!($p, "-01"),
            concat!($p, "-02"),
            concat!($p, "-03"),
            concat!($p, "-04"),
            concat!($p, "-05"),
            concat!($p, "-06"),
            concat!($p, "-07"),
            concat!($p, "-08"),
            concat!($p, "-09"),
            concat!($p, "-10"),
        ]
    };
}

/// The categories folio writes, with their rules.
const CATEGORIES: [Category; 7] = [
    Category {
        code: "S",
        rules: ten!("BR-S"),
        rate: Rate::Positive,
        ids: Ids::SellerTax,
        reason: false,
    },
    Category {
        code: "Z",
        rules: ten!("BR-Z"),
        rate: Rate::Zero,
        ids: Ids::SellerTax,
        reason: false,
    },
    Category {
        code: "E",
        rules: ten!("BR-E"),
        rate: Rate::Zero,
        ids: Ids::SellerTax,
        reason: true,
    },
    Category {
        code: "AE",
        rules: ten!("BR-AE"),
        rate: Rate::Zero,
        ids: Ids::SellerAndBuyerId,
        reason: true,
    },
    Category {
        code: "K",
        rules: ten!("BR-IC"),
        rate: Rate::Zero,
        ids: Ids::SellerAndBuyerVat,
        reason: true,
    },
    Category {
        code: "G",
        rules: ten!("BR-G"),
        rate: Rate::Zero,
        ids: Ids::SellerVat,
        reason: true,
    },
    Category {
        code: "O",
        rules: ten!("BR-O"),
        rate: Rate::Absent,
        ids: Ids::NoVatId,
        reason: true,
    },
];

/// Checks every category's rules, then those of K and O beyond the ten.
pub(super) fn check(checker: &mut Checker, doc: &Doc<'_, '_>) {
    for category in &CATEGORIES {
        breakdown_count(checker, doc, category);
        identifiers(checker, doc, category);
        rates(checker, doc, category);
        for subtotal in doc
            .subtotals
            .iter()
            .filter(|s| code(vat_category(**s, "TaxCategory")) == category.code)
        {
            breakdown(checker, doc, category, *subtotal);
        }
    }
    intra_community(checker, doc);
    outside_scope(checker, doc);
}

/// The VAT categories of the breakdown.
fn breakdown_codes(doc: &Doc<'_, '_>) -> Vec<String> {
    doc.subtotals
        .iter()
        .map(|s| code(vat_category(*s, "TaxCategory")))
        .collect()
}

/// The VAT category of each document-level allowance (`charge` false) or charge.
fn charge_categories<'a, 'i>(doc: &Doc<'a, 'i>, charge: bool) -> Vec<Node<'a, 'i>> {
    doc.charges
        .iter()
        .filter(|c| is_charge(**c) == charge)
        .filter_map(|c| vat_category(*c, "TaxCategory"))
        .collect()
}

/// `-01`: a category used on a line, an allowance or a charge has its breakdown (exactly one, or
/// for S at least one, and none when S is not used).
fn breakdown_count(checker: &mut Checker, doc: &Doc<'_, '_>, category: &Category) {
    let in_breakdown = breakdown_codes(doc)
        .iter()
        .filter(|c| *c == category.code)
        .count();
    let on_lines = doc
        .lines
        .iter()
        .filter(|l| code(line_category(**l)) == category.code)
        .count();
    let on_charges = [false, true]
        .iter()
        .flat_map(|c| charge_categories(doc, *c))
        .filter(|c| code(Some(*c)) == category.code)
        .count();
    let used = on_lines + on_charges;
    let holds = if category.code == "S" {
        (used > 0) == (in_breakdown > 0)
    } else {
        used + in_breakdown == 0 || in_breakdown == 1
    };
    checker.require(holds, category.rules[0], || {
        format!("VAT category {} is used on {used} line(s), allowance(s) or charge(s) and has {in_breakdown} breakdown(s)", category.code)
    });
}

/// `-02` to `-04`: the parties' identifiers a category needs, when a line (02), an allowance (03)
/// or a charge (04) is in it.
fn identifiers(checker: &mut Checker, doc: &Doc<'_, '_>, category: &Category) {
    let on_lines = doc
        .lines
        .iter()
        .any(|l| code(line_category(*l)) == category.code);
    let on = |charge: bool| {
        charge_categories(doc, charge)
            .iter()
            .any(|c| code(Some(*c)) == category.code)
    };
    let met = ids_met(doc, category.ids);
    for (used, rule, what) in [
        (on_lines, category.rules[1], "a line"),
        (on(false), category.rules[2], "an allowance"),
        (on(true), category.rules[3], "a charge"),
    ] {
        if used {
            checker.require(met, rule, || {
                format!(
                    "{what} in VAT category {}: {}",
                    category.code,
                    ids_wanted(category.ids)
                )
            });
        }
    }
}

/// Whether the parties carry the identifiers `ids` asks for.
fn ids_met(doc: &Doc<'_, '_>, ids: Ids) -> bool {
    let seller_vat = doc.seller.and_then(vat_id).is_some() || representative_vat(doc);
    let seller_tax = doc.seller.is_some_and(any_tax_id) || representative_vat(doc);
    let buyer_vat = doc.buyer.and_then(vat_id).is_some();
    let buyer_legal = doc
        .buyer
        .and_then(|b| element(b, &["PartyLegalEntity", "CompanyID"]))
        .is_some();
    match ids {
        Ids::SellerTax => seller_tax,
        Ids::SellerVat => seller_vat,
        Ids::SellerAndBuyerId => seller_tax && (buyer_vat || buyer_legal),
        Ids::SellerAndBuyerVat => seller_vat && buyer_vat,
        Ids::NoVatId => {
            !(doc.seller.and_then(vat_id).is_some() || representative_vat(doc) || buyer_vat)
        }
    }
}

/// Whether a seller's tax representative has a VAT id (BT-63).
fn representative_vat(doc: &Doc<'_, '_>) -> bool {
    child(doc.root, NS_CAC, "TaxRepresentativeParty")
        .and_then(vat_id)
        .is_some()
}

/// What `ids` asks for, in words.
fn ids_wanted(ids: Ids) -> &'static str {
    match ids {
        Ids::SellerTax => "the seller needs a VAT id (BT-31) or tax registration id (BT-32)",
        Ids::SellerVat => "the seller needs a VAT id (BT-31)",
        Ids::SellerAndBuyerId => {
            "the seller needs a VAT id and the buyer a VAT id (BT-48) or legal registration id (BT-47)"
        }
        Ids::SellerAndBuyerVat => "the seller and the buyer both need a VAT id (BT-31, BT-48)",
        Ids::NoVatId => {
            "not subject to VAT, so neither the seller nor the buyer may carry a VAT id (BT-31, BT-48)"
        }
    }
}

/// `-05` to `-07`: the rate on a line (05), an allowance (06) or a charge (07) of the category.
fn rates(checker: &mut Checker, doc: &Doc<'_, '_>, category: &Category) {
    let lines: Vec<Node<'_, '_>> = doc.lines.iter().filter_map(|l| line_category(*l)).collect();
    for (nodes, rule, what) in [
        (lines, category.rules[4], "a line"),
        (
            charge_categories(doc, false),
            category.rules[5],
            "an allowance",
        ),
        (charge_categories(doc, true), category.rules[6], "a charge"),
    ] {
        for node in nodes
            .into_iter()
            .filter(|c| code(Some(*c)) == category.code)
        {
            let percent = child(node, NS_CBC, "Percent");
            let rate = number(node, "Percent");
            let holds = match category.rate {
                Rate::Positive => rate.is_some_and(|r| r > Decimal::ZERO),
                Rate::Zero => rate.is_some_and(|r| r.is_zero()),
                Rate::Absent => percent.is_none(),
            };
            checker.require(holds, rule, || {
                format!(
                    "{what} in VAT category {}: rate {} is not {}",
                    category.code,
                    rate.map_or("missing".into(), |r| r.to_string()),
                    match category.rate {
                        Rate::Positive => "above zero",
                        Rate::Zero => "zero",
                        Rate::Absent => "absent",
                    }
                )
            });
        }
    }
}

/// `-08` to `-10`: one breakdown's taxable amount, VAT and exemption reason.
fn breakdown(
    checker: &mut Checker,
    doc: &Doc<'_, '_>,
    category: &Category,
    subtotal: Node<'_, '_>,
) {
    let tax_category = vat_category(subtotal, "TaxCategory");
    let rate = tax_category.and_then(|c| number(c, "Percent"));
    let base = number(subtotal, "TaxableAmount").unwrap_or_default();
    let tax = number(subtotal, "TaxAmount").unwrap_or_default();
    let one = Decimal::ONE;
    if category.code == "S" {
        if let Some(rate) = rate {
            let (used, sum) = taxable(doc, "S", Some(rate));
            checker.require(used && base - one < sum && base + one > sum, category.rules[7], || format!("VAT S {rate}%: taxable amount {base} is not the sum of its lines, charges and allowances {sum}"));
            let expected = base
                .abs()
                .checked_mul(rate)
                .map(|v| round2(v / Decimal::ONE_HUNDRED));
            let close = expected.is_some_and(|e| tax.abs() - one < e && tax.abs() + one > e);
            checker.require(close, category.rules[8], || {
                format!("VAT S {rate}%: VAT {tax} is not {base} × {rate}%")
            });
        }
    } else {
        let (_, sum) = taxable(doc, category.code, None);
        checker.require(base == sum, category.rules[7], || format!("VAT {}: taxable amount {base} is not the sum of its lines, charges and allowances {sum}", category.code));
        checker.require(tax.is_zero(), category.rules[8], || {
            format!("VAT {}: VAT {tax} is not zero", category.code)
        });
    }
    let has_reason = tax_category.is_some_and(|c| {
        child(c, NS_CBC, "TaxExemptionReason").is_some()
            || child(c, NS_CBC, "TaxExemptionReasonCode").is_some()
    });
    checker.require(has_reason == category.reason, category.rules[9], || {
        if category.reason {
            format!("VAT {}: no exemption reason or reason code", category.code)
        } else {
            format!("VAT {}: an exemption reason is not allowed", category.code)
        }
    });
}

/// Whether any line, allowance or charge is in `code` (at `rate`, when given), and the sum of
/// their net amounts: lines + charges − allowances.
fn taxable(doc: &Doc<'_, '_>, code: &str, rate: Option<Decimal>) -> (bool, Decimal) {
    let matches = |category: Option<Node<'_, '_>>| {
        category.is_some_and(|c| {
            super::cbc(c, "ID").as_deref() == Some(code)
                && rate.is_none_or(|r| number(c, "Percent") == Some(r))
        })
    };
    let mut used = false;
    let mut sum = Decimal::ZERO;
    for line in doc.lines.iter().filter(|l| {
        matches(child(**l, NS_CAC, "Item").and_then(|i| child(i, NS_CAC, "ClassifiedTaxCategory")))
    }) {
        used = true;
        sum += number(*line, "LineExtensionAmount").unwrap_or_default();
    }
    for charge in doc
        .charges
        .iter()
        .filter(|c| matches(child(**c, NS_CAC, "TaxCategory")))
    {
        used = true;
        let amount = number(*charge, "Amount").unwrap_or_default();
        sum += if is_charge(*charge) { amount } else { -amount };
    }
    (used, sum)
}

/// BR-IC-11, BR-IC-12: an intra-community supply has a delivery date or an invoicing period,
/// and the deliver-to country.
fn intra_community(checker: &mut Checker, doc: &Doc<'_, '_>) {
    if !breakdown_codes(doc).iter().any(|c| c == "K") {
        return;
    }
    let date = element(doc.root, &["Delivery", "ActualDeliveryDate"])
        .and_then(|d| d.text())
        .is_some_and(|t| t.len() > 1);
    let period = child(doc.root, NS_CAC, "InvoicePeriod")
        .is_some_and(|p| p.children().any(|c| c.is_element()));
    checker.require(date || period, "BR-IC-11", || "an intra-community supply (K) without the actual delivery date (BT-72) or an invoicing period (BG-14)".into());
    let country = element(
        doc.root,
        &[
            "Delivery",
            "DeliveryLocation",
            "Address",
            "Country",
            "IdentificationCode",
        ],
    )
    .and_then(|c| c.text())
    .is_some_and(|t| t.len() > 1);
    checker.require(country, "BR-IC-12", || {
        "an intra-community supply (K) without the deliver-to country (BT-80)".into()
    });
}

/// BR-O-11 to BR-O-14: a document with a breakdown O has no other category anywhere.
fn outside_scope(checker: &mut Checker, doc: &Doc<'_, '_>) {
    let codes = breakdown_codes(doc);
    if !codes.iter().any(|c| c == "O") {
        return;
    }
    let others = codes.iter().filter(|c| *c != "O").count();
    checker.require(others == 0, "BR-O-11", || {
        format!("not subject to VAT (O) beside {others} other VAT breakdown(s)")
    });
    let all_lines = doc
        .all(NS_CAC, "ClassifiedTaxCategory")
        .filter(|c| vat_scheme(*c))
        .filter(|c| code(Some(*c)) != "O")
        .count();
    checker.require(all_lines == 0, "BR-O-12", || {
        format!("not subject to VAT (O) beside {all_lines} line(s) in another category")
    });
    for (charge, rule, what) in [(false, "BR-O-13", "allowance"), (true, "BR-O-14", "charge")] {
        let other = doc
            .all(NS_CAC, "AllowanceCharge")
            .filter(|a| is_charge(*a) == charge)
            .filter_map(|a| vat_category(a, "TaxCategory"))
            .filter(|c| code(Some(*c)) != "O")
            .count();
        checker.require(other == 0, rule, || {
            format!("not subject to VAT (O) beside {other} {what}(s) in another category")
        });
    }
}

/// Whether a category element's tax scheme is VAT.
fn vat_scheme(category: Node<'_, '_>) -> bool {
    super::path(category, &["TaxScheme", "ID"]).is_some_and(|s| s.eq_ignore_ascii_case("VAT"))
}
