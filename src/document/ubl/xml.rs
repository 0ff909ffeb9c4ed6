//! A small XML writer: one element a line, indented, text escaped.

use crate::document::model;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// `text` as XML character data: markup escaped, characters XML cannot hold left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML writer with indentation.
pub(super) struct Xml {
    /// The XML written so far.
    pub(super) out: String,
    /// The indentation of the next element.
    pub(super) depth: usize,
}

impl Xml {
    /// Opens element `name` on a line of its own.
    pub(super) fn open(&mut self, name: &str) {
        let _ = writeln!(self.out, "{}<{name}>", "  ".repeat(self.depth));
        self.depth += 1;
    }

    /// Closes element `name`.
    pub(super) fn close(&mut self, name: &str) {
        self.depth -= 1;
        let _ = writeln!(self.out, "{}</{name}>", "  ".repeat(self.depth));
    }

    /// An element holding only `text`.
    pub(super) fn leaf(&mut self, name: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "{}<{name}>{}</{name}>",
            "  ".repeat(self.depth),
            escape(text)
        );
    }

    /// An element holding `text`, with one attribute.
    pub(super) fn leaf_attr(&mut self, name: &str, attr: &str, value: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "{}<{name} {attr}=\"{}\">{}</{name}>",
            "  ".repeat(self.depth),
            escape(value),
            escape(text)
        );
    }

    /// An amount with its currency (`currencyID`).
    pub(super) fn amount(&mut self, name: &str, currency: &str, value: Decimal) {
        self.leaf_attr(name, "currencyID", currency, &model::amount_text(value));
    }
}
