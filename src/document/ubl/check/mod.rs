//! The business rules of EN 16931 (CEN, `BR-*`) and Peppol BIS Billing 3.0 (`PEPPOL-*`) that can
//! be checked offline on the XML itself, one file per family: the header, the parties, the lines,
//! the totals, the VAT categories, the code lists, the decimals and the identifiers' check digits.
//!
//! Each rule is stated as folio's own code, after the rule's official test: where the official
//! test allows a tolerance (±1 on a VAT breakdown, ±0.02 on a line), so does folio, so that its
//! verdict on any document is the official one.

mod codes;
mod decimals;
mod header;
mod identifiers;
mod lines;
mod parties;
mod totals;
mod vat;

use super::{NS_CAC, NS_CBC};
use rust_decimal::Decimal;

/// Checks a UBL Invoice or CreditNote against the rules of [`super::RULES`]: every broken rule,
/// in the order of the families, an empty list when the document passes. An XML that does not
/// parse is one violation (`XML`).
pub fn check(xml: &str) -> Vec<Violation> {
    let document = match roxmltree::Document::parse(xml) {
        Ok(document) => document,
        Err(e) => {
            return vec![Violation {
                rule: "XML",
                message: format!("not well-formed XML: {e}"),
            }];
        }
    };
    let doc = Doc::new(document.root_element());
    let mut checker = Checker { found: Vec::new() };
    header::check(&mut checker, &doc);
    parties::check(&mut checker, &doc);
    lines::check(&mut checker, &doc);
    totals::check(&mut checker, &doc);
    vat::check(&mut checker, &doc);
    codes::check(&mut checker, &doc);
    decimals::check(&mut checker, &doc);
    identifiers::check(&mut checker, &doc);
    checker.found
}

/// The violations found so far.
struct Checker {
    found: Vec<Violation>,
}

impl Checker {
    /// Records that `rule` is broken.
    fn fail(&mut self, rule: &'static str, message: String) {
        self.found.push(Violation { rule, message });
    }

    /// Records that `rule` is broken unless `holds`.
    fn require(&mut self, holds: bool, rule: &'static str, message: impl FnOnce() -> String) {
        if !holds {
            self.fail(rule, message());
        }
    }
}

/// A broken business rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule's official identifier, e.g. `BR-CO-15` or `PEPPOL-EN16931-R002`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
}

/// An element of the XML being checked.
type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// The parts of the document most rules look at, found once.
struct Doc<'a, 'i> {
    /// The `Invoice` or `CreditNote` element.
    root: Node<'a, 'i>,
    /// Whether the document is a credit note.
    credit: bool,
    /// The invoice or credit note lines.
    lines: Vec<Node<'a, 'i>>,
    /// The document-level allowances and charges (`cac:AllowanceCharge` of the root).
    charges: Vec<Node<'a, 'i>>,
    /// Every `cac:TaxSubtotal` of every `cac:TaxTotal`.
    subtotals: Vec<Node<'a, 'i>>,
    /// The seller's `cac:Party`.
    seller: Option<Node<'a, 'i>>,
    /// The buyer's `cac:Party`.
    buyer: Option<Node<'a, 'i>>,
}

impl<'a, 'i> Doc<'a, 'i> {
    /// Finds the parts of the document whose root element is `root`.
    fn new(root: Node<'a, 'i>) -> Self {
        let credit = root.tag_name().name() == "CreditNote";
        let line = if credit {
            "CreditNoteLine"
        } else {
            "InvoiceLine"
        };
        let party = |side: &str| child(root, NS_CAC, side).and_then(|p| child(p, NS_CAC, "Party"));
        Doc {
            root,
            credit,
            lines: children(root, NS_CAC, line),
            charges: children(root, NS_CAC, "AllowanceCharge"),
            subtotals: children(root, NS_CAC, "TaxTotal")
                .into_iter()
                .flat_map(|t| children(t, NS_CAC, "TaxSubtotal"))
                .collect(),
            seller: party("AccountingSupplierParty"),
            buyer: party("AccountingCustomerParty"),
        }
    }

    /// The document currency code (BT-5).
    fn currency(&self) -> Option<String> {
        cbc(self.root, "DocumentCurrencyCode")
    }

    /// Every element `namespace:name` anywhere in the document.
    fn all(
        &self,
        namespace: &'static str,
        name: &'static str,
    ) -> impl Iterator<Item = Node<'a, 'i>> {
        self.root
            .descendants()
            .filter(move |n| is(*n, namespace, name))
    }
}

/// Whether `node` is the element `namespace:name`.
fn is(node: Node<'_, '_>, namespace: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(namespace)
}

/// The first child element `namespace:name` of `node`.
fn child<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(*n, namespace, name))
}

/// Every child element `namespace:name` of `node`.
fn children<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Vec<Node<'a, 'i>> {
    node.children()
        .filter(|n| is(*n, namespace, name))
        .collect()
}

/// The trimmed text of `node`, unless there is none.
fn text(node: Option<Node<'_, '_>>) -> Option<String> {
    node.and_then(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// The text of the `cbc:<name>` child of `node`.
fn cbc(node: Node<'_, '_>, name: &str) -> Option<String> {
    text(child(node, NS_CBC, name))
}

/// The element `cac:A/cac:B/.../cbc:Z` below `node` (the last step is `cbc:`, the others `cac:`).
fn element<'a, 'i>(node: Node<'a, 'i>, steps: &[&str]) -> Option<Node<'a, 'i>> {
    let mut current = Some(node);
    for (i, step) in steps.iter().enumerate() {
        let namespace = if i + 1 == steps.len() { NS_CBC } else { NS_CAC };
        current = current.and_then(|n| child(n, namespace, step));
    }
    current
}

/// The text of `cac:A/cac:B/.../cbc:Z` below `node`.
fn path(node: Node<'_, '_>, steps: &[&str]) -> Option<String> {
    text(element(node, steps))
}

/// `text` as an `xs:decimal` (an optional sign, digits, an optional decimal point; no exponent).
fn decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let valid = !digits.is_empty()
        && digits != "."
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1;
    if !valid {
        return None;
    }
    // Past 18 integer digits no amount is real, and products of such values would leave
    // Decimal's range: they count as no number.
    text.trim_start_matches('+')
        .parse()
        .ok()
        .filter(|v: &Decimal| crate::money::is_usable_amount(v.trunc()))
}

/// The `cbc:<name>` child of `node` as a decimal.
fn number(node: Node<'_, '_>, name: &str) -> Option<Decimal> {
    cbc(node, name).as_deref().and_then(decimal)
}

/// `value` rounded to cents as the rules' XPath does (`round(x * 100) div 100`: halves up).
fn round2(value: Decimal) -> Decimal {
    (value * Decimal::ONE_HUNDRED + Decimal::new(5, 1)).floor() / Decimal::ONE_HUNDRED
}

/// Whether an allowance or charge (`cac:AllowanceCharge`) is a charge.
fn is_charge(node: Node<'_, '_>) -> bool {
    matches!(cbc(node, "ChargeIndicator").as_deref(), Some("true" | "1"))
}

/// The `cac:<name>` child of `node` (a `TaxCategory` or `ClassifiedTaxCategory`) whose tax scheme
/// is VAT.
fn vat_category<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    children(node, NS_CAC, name)
        .into_iter()
        .find(|c| path(*c, &["TaxScheme", "ID"]).is_some_and(|s| s.eq_ignore_ascii_case("VAT")))
}

/// The VAT category code of a line (its item's `ClassifiedTaxCategory`).
fn line_category<'a, 'i>(line: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    child(line, NS_CAC, "Item").and_then(|item| vat_category(item, "ClassifiedTaxCategory"))
}

/// The code (`cbc:ID`) of a VAT category element.
fn code(category: Option<Node<'_, '_>>) -> String {
    category.and_then(|c| cbc(c, "ID")).unwrap_or_default()
}
