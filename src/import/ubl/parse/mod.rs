//! Reading a UBL Invoice or CreditNote into what folio records of it, with every element's place
//! for the messages: `line:column` and its path (`/Invoice/cac:LegalMonetaryTotal/...`).

use crate::diagnostic::{Diagnostic, line_text};
use crate::money::Currency;
use chrono::NaiveDate;
use roxmltree::Node;
use rust_decimal::Decimal;
use std::path::Path;

mod fields;
mod totals;

/// The namespace of UBL's aggregate components (`cac:`).
pub(super) const NS_CAC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
/// The namespace of UBL's basic components (`cbc:`).
pub(super) const NS_CBC: &str =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
/// The namespace of a UBL Invoice's root.
const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
/// The namespace of a UBL CreditNote's root.
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// The seller of a received document (BG-4), as far as folio needs it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seller {
    /// The electronic address (BT-34): scheme and value.
    pub(crate) endpoint: Option<(String, String)>,
    /// The trading name (BT-28).
    pub(crate) name: Option<String>,
    /// The registered name (BT-27).
    pub(crate) registration_name: Option<String>,
    /// The VAT identifier (BT-31).
    pub(crate) vat: Option<String>,
    /// The contact's e-mail address (BT-43).
    pub(crate) email: Option<String>,
    /// Street and additional street, joined by a comma.
    pub(crate) street: Option<String>,
    /// Post code.
    pub(crate) postcode: Option<String>,
    /// City.
    pub(crate) city: Option<String>,
    /// Region (country subdivision).
    pub(crate) region: Option<String>,
    /// Country code.
    pub(crate) country: Option<String>,
    /// Where the seller's party starts: line and column.
    pub(crate) position: (u32, u32),
}

impl Seller {
    /// The name to show and to create a contact with: the trading name, else the registered one.
    pub(crate) fn display_name(&self) -> Option<&str> {
        self.name.as_deref().or(self.registration_name.as_deref())
    }
}

/// The document totals folio keeps (BG-22), once they are found to add up.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Totals {
    /// Total without VAT (BT-109).
    pub(crate) net: Decimal,
    /// Paid in advance (BT-113).
    pub(crate) prepaid: Decimal,
    /// Rounding (BT-114).
    pub(crate) rounding: Decimal,
    /// Amount due for payment (BT-115).
    pub(crate) payable: Decimal,
}

/// One VAT breakdown (BG-23): a category and rate, its taxable amount and its VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VatBreakdown {
    /// The category code (S, Z, E, AE, K, G, O, L, M).
    pub(crate) category: String,
    /// The rate in percent, when the document gives one.
    pub(crate) rate: Option<Decimal>,
    /// The taxable amount (BT-116).
    pub(crate) taxable: Decimal,
    /// The VAT amount (BT-117).
    pub(crate) vat: Decimal,
}

/// A file embedded in the document (BT-125).
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// The file name the sender gave, if any.
    pub(crate) filename: Option<String>,
    /// Its MIME type, if given.
    pub(crate) mime: Option<String>,
    /// The decoded content.
    pub(crate) content: Vec<u8>,
}

/// What folio reads from a received UBL Invoice or CreditNote.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    /// A CreditNote (the root element), not an Invoice.
    pub(crate) credit_note: bool,
    /// The supplier's document number (BT-1).
    pub(crate) number: String,
    /// The issue date (BT-2).
    pub(crate) issue_date: NaiveDate,
    /// The due date (BT-9), when given.
    pub(crate) due_date: Option<NaiveDate>,
    /// The payment terms (BT-20), when given.
    pub(crate) terms: Option<String>,
    /// The document currency (BT-5).
    pub(crate) currency: Currency,
    /// The seller.
    pub(crate) seller: Seller,
    /// The totals.
    pub(crate) totals: Totals,
    /// The VAT breakdown.
    pub(crate) vat: Vec<VatBreakdown>,
    /// Embedded files.
    pub(crate) attachments: Vec<Attachment>,
    /// The preceding invoice this document refers to (BT-25), when given.
    pub(crate) billing_reference: Option<String>,
}

/// Reads `bytes` (the file shown as `shown`). Every problem is a positioned error; the document
/// is returned only when there is none.
pub(crate) fn read(bytes: &[u8], shown: &Path) -> Result<Received, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = crate::diagnostic::line_column(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                e.valid_up_to(),
            );
            return Err(vec![Diagnostic::error(
                shown,
                line,
                column,
                "not UTF-8: a UBL document folio reads is UTF-8 XML",
            )]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = roxmltree::Document::parse(text).map_err(|e| {
        // An unclosed root is found at the end of the text, where the closing tag should be.
        let (line, column) = match e {
            roxmltree::Error::UnclosedRootNode => crate::diagnostic::line_column(text, text.len()),
            _ => (e.pos().row, e.pos().col),
        };
        let d = Diagnostic::error(shown, line, column, format!("not well-formed XML: {e}"));
        vec![match line_text(text, line) {
            Some(excerpt) => d.with_excerpt(excerpt),
            None => d,
        }]
    })?;
    let root = document.root_element();
    let credit_note = match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(NS_INVOICE), "Invoice") => false,
        (Some(NS_CREDIT_NOTE), "CreditNote") => true,
        (namespace, name) => {
            let reader = Reader::new(&document, text, shown);
            return Err(vec![reader.diagnostic(
                root,
                format!(
                    "not a UBL Invoice or CreditNote: the root element is `{name}`{}",
                    namespace.map_or(String::new(), |ns| format!(" in namespace {ns}"))
                ),
            )]);
        }
    };
    let mut reader = Reader::new(&document, text, shown);
    let received = reader.document(root, credit_note);
    match received {
        Some(received) if reader.problems.is_empty() => Ok(received),
        _ => {
            if reader.problems.is_empty() {
                reader
                    .problems
                    .push(reader.diagnostic(root, "not readable".into()));
            }
            Err(reader.problems)
        }
    }
}

/// Reading one document: its text, where problems go, and the document currency once known.
pub(super) struct Reader<'a, 'i> {
    document: &'a roxmltree::Document<'i>,
    text: &'i str,
    shown: &'a Path,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) currency: Option<Currency>,
}

impl<'a, 'i> Reader<'a, 'i> {
    fn new(document: &'a roxmltree::Document<'i>, text: &'i str, shown: &'a Path) -> Self {
        Reader {
            document,
            text,
            shown,
            problems: Vec::new(),
            currency: None,
        }
    }

    /// The line and column where `node` starts.
    pub(super) fn position(&self, node: Node<'_, '_>) -> (u32, u32) {
        let position = self.document.text_pos_at(node.range().start);
        (position.row, position.col)
    }

    /// An error at `node`: its line and column, the message, and the element's path.
    pub(super) fn diagnostic(&self, node: Node<'_, '_>, message: String) -> Diagnostic {
        let position = self.document.text_pos_at(node.range().start);
        let d = Diagnostic::error(
            self.shown,
            position.row,
            position.col,
            format!("{message} (at {})", xpath(node)),
        );
        match line_text(self.text, position.row) {
            Some(line) => d.with_excerpt(line),
            None => d,
        }
    }

    /// Records an error at `node`.
    pub(super) fn fail(&mut self, node: Node<'_, '_>, message: String) {
        let d = self.diagnostic(node, message);
        self.problems.push(d);
    }

    /// The trimmed text of the `cbc:name` child of `node`, when present and not blank.
    pub(super) fn cbc(&self, node: Node<'a, 'i>, name: &str) -> Option<String> {
        child(node, NS_CBC, name).and_then(text)
    }

    /// The `cbc:name` child of `node`, or an error at `node` saying it is missing.
    pub(super) fn required(&mut self, node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
        let found = child(node, NS_CBC, name).filter(|n| text(*n).is_some());
        if found.is_none() {
            self.fail(node, format!("cbc:{name} is missing or empty"));
        }
        found
    }

    /// The date in the `cbc:name` child of `node`, if present; an error when it is no date.
    pub(super) fn date(&mut self, node: Node<'a, 'i>, name: &str) -> Option<NaiveDate> {
        let element = child(node, NS_CBC, name)?;
        let value = text(element).unwrap_or_default();
        match crate::journal::parser::parse_date(&value) {
            Ok(date) => Some(date),
            Err(message) => {
                self.fail(element, format!("cbc:{name}: {message}"));
                None
            }
        }
    }

    /// The amount in the `cbc:name` child of `node`: zero when absent and not `required`; an
    /// error when it is missing but required, no number, too large, or in another currency.
    pub(super) fn amount(
        &mut self,
        node: Node<'a, 'i>,
        name: &str,
        required: bool,
    ) -> Option<Decimal> {
        let Some(element) = child(node, NS_CBC, name) else {
            if required {
                self.fail(node, format!("cbc:{name} is missing"));
                return None;
            }
            return Some(Decimal::ZERO);
        };
        self.amount_of(element)
    }

    /// The amount an element holds (see [`Reader::amount`]).
    pub(super) fn amount_of(&mut self, element: Node<'a, 'i>) -> Option<Decimal> {
        let name = element.tag_name().name();
        let value = text(element).unwrap_or_default();
        let unsigned = value.strip_prefix('+').unwrap_or(&value);
        let Some(amount) = crate::money::parse_decimal(unsigned) else {
            self.fail(
                element,
                format!("cbc:{name} `{value}` is not an amount: expected digits with a `.`"),
            );
            return None;
        };
        if !crate::money::is_usable_amount(amount) {
            self.fail(
                element,
                format!(
                    "cbc:{name} {value} has more than {} integer digits or {} decimals",
                    crate::money::MAX_INTEGER_DIGITS,
                    crate::money::MAX_DECIMALS
                ),
            );
            return None;
        }
        if let (Some(currency), Some(given)) = (self.currency, element.attribute("currencyID"))
            && given.trim() != currency.as_str()
        {
            self.fail(
                element,
                format!(
                    "cbc:{name} is in {}, the document in {currency} (BR-CL-03: one currency per document)",
                    given.trim()
                ),
            );
            return None;
        }
        Some(amount)
    }
}

/// The first child element `namespace:name` of `node`.
pub(super) fn child<'a, 'i>(
    node: Node<'a, 'i>,
    namespace: &'static str,
    name: &str,
) -> Option<Node<'a, 'i>> {
    children(node, namespace, name).next()
}

/// Every child element `namespace:name` of `node`.
pub(super) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    namespace: &'static str,
    name: &str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    let name = name.to_string();
    node.children().filter(move |n| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(namespace)
    })
}

/// The element at the end of `path` (`cac:` steps, then a `cbc:` leaf) below `node`.
pub(super) fn at_path<'a, 'i>(node: Node<'a, 'i>, path: &[&str]) -> Option<Node<'a, 'i>> {
    let (leaf, steps) = path.split_last()?;
    let mut current = node;
    for step in steps {
        current = child(current, NS_CAC, step)?;
    }
    child(current, NS_CBC, leaf)
}

/// The trimmed text of an element, unless blank; runs of white space become one space.
pub(super) fn text(node: Node<'_, '_>) -> Option<String> {
    let joined = node
        .text()?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// The path of an element, with a position where it has siblings of the same name:
/// `/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount`.
pub(super) fn xpath(node: Node<'_, '_>) -> String {
    let mut steps: Vec<String> = Vec::new();
    for element in node.ancestors().filter(Node::is_element) {
        let name = element.tag_name();
        let prefix = match name.namespace() {
            Some(NS_CAC) => "cac:",
            Some(NS_CBC) => "cbc:",
            _ => "",
        };
        let same = |n: &Node<'_, '_>| n.is_element() && n.tag_name() == name;
        let before = element.prev_siblings().skip(1).filter(same).count();
        let after = element.next_siblings().skip(1).filter(same).count();
        let index = if before + after > 0 {
            format!("[{}]", before + 1)
        } else {
            String::new()
        };
        steps.push(format!("{prefix}{}{index}", name.name()));
    }
    steps.reverse();
    format!("/{}", steps.join("/"))
}
