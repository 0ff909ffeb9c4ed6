//! The business rules of EN 16931 and Peppol that can be checked offline on the XML itself,
//! by part of the document: its header, the parties, the lines, then the totals and the VAT
//! breakdown.

mod header;
mod lines;
mod parties;
mod totals;

use super::{NS_CAC, NS_CBC};
use crate::document::model;
use rust_decimal::Decimal;

/// Checks a UBL Invoice or CreditNote against the rules of [`super::RULES`]. An XML that does not
/// parse is one violation.
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
    let root = document.root_element();
    let credit = root.tag_name().name() == "CreditNote";
    let mut checker = Checker { found: Vec::new() };
    header::check(&mut checker, root, credit);
    parties::check(&mut checker, root);
    let sums = lines::check(&mut checker, root, credit);
    totals::check(&mut checker, root, credit, &sums);
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

    /// The amount `value` (what it is: `what`), checked for at most two decimals; `None` when
    /// there is none, or it is no number or too large for the sums.
    fn amount(&mut self, value: Option<String>, what: &str) -> Option<Decimal> {
        let value = value?;
        match model::parse_decimal(&value) {
            // Kept out of the sums of the lines and of the VAT, which then stay far inside
            // Decimal's range (a sum of amounts below 10^18 would need billions of lines to
            // leave it).
            Some(v) if !crate::money::is_usable_amount(v.trunc()) => {
                self.fail(
                    "BR-DEC",
                    format!(
                        "{what} {value} has more than {} integer digits",
                        crate::money::MAX_INTEGER_DIGITS
                    ),
                );
                None
            }
            Some(v) if v.scale() <= 2 => Some(v),
            Some(v) => {
                self.fail(
                    "BR-DEC",
                    format!("{what} {value} has more than two decimals"),
                );
                Some(v)
            }
            None => {
                self.fail("BR-DEC", format!("{what} `{value}` is not a number"));
                None
            }
        }
    }
}

/// A broken business rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The rule's identifier, e.g. `BR-CO-15`.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
}

/// An element of the XML being checked.
type Node<'a, 'i> = roxmltree::Node<'a, 'i>;

/// The first child element `namespace:name` of `node`.
fn child<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(namespace)
    })
}

/// Every child element `namespace:name` of `node`.
fn children<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Vec<Node<'a, 'i>> {
    node.children()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == name
                && n.tag_name().namespace() == Some(namespace)
        })
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

/// The text of `cac:A/cac:B/.../cbc:Z` below `node`.
fn path(node: Node<'_, '_>, steps: &[&str]) -> Option<String> {
    let mut current = Some(node);
    for (i, step) in steps.iter().enumerate() {
        let namespace = if i + 1 == steps.len() { NS_CBC } else { NS_CAC };
        current = current.and_then(|n| child(n, namespace, step));
    }
    text(current)
}
