//! What each issued invoice and credit note sold, line by line: the product code, the quantity
//! and the line's share of the document's net total, for the sales report by product and the
//! segment names on products.
//!
//! The lines live in the document files (`crate::document`), above this layer, so the caller
//! reads them (`crate::document::product_sales`) and hands them in as [`ProductSales`]. A line's
//! net is its net after the line discount and its part of the document discount, so the nets of
//! a document's lines add up to its net total (EN 16931 BT-109) exactly.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// One line of an invoice or credit note, in the document's own sense (a credit note's quantity
/// and net are positive; they count against sales).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoldLine {
    /// Index into [`ProductSales::codes`]; `None` for a line without a product code.
    pub product: Option<u32>,
    /// The quantity.
    pub quantity: Decimal,
    /// The line's net after line and document discount.
    pub net: Decimal,
}

/// The lines of every issued invoice and credit note, by journal entry.
#[derive(Debug, Clone, Default)]
pub struct ProductSales {
    codes: Vec<String>,
    code_index: FxHashMap<String, u32>,
    by_entry: FxHashMap<u32, Vec<SoldLine>>,
}

/// A line as read from a document, before its code is interned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineSold<'a> {
    /// The product code, if the line names one.
    pub product: Option<&'a str>,
    /// The quantity.
    pub quantity: Decimal,
    /// The net after line and document discount.
    pub net: Decimal,
}

impl ProductSales {
    /// No documents.
    pub fn new() -> ProductSales {
        ProductSales::default()
    }

    /// Records the lines of the document beside the entry at `entry` in the book's entries.
    pub fn insert<'a>(&mut self, entry: u32, lines: impl IntoIterator<Item = LineSold<'a>>) {
        let lines = lines
            .into_iter()
            .map(|line| SoldLine {
                product: line.product.map(|code| self.intern(code)),
                quantity: line.quantity,
                net: line.net,
            })
            .collect();
        self.by_entry.insert(entry, lines);
    }

    fn intern(&mut self, code: &str) -> u32 {
        if let Some(&index) = self.code_index.get(code) {
            return index;
        }
        let index = self.codes.len() as u32;
        self.codes.push(code.to_string());
        self.code_index.insert(code.to_string(), index);
        index
    }

    /// The lines of the entry at `entry`, `None` when it has no document.
    pub fn lines(&self, entry: usize) -> Option<&[SoldLine]> {
        let entry = u32::try_from(entry).ok()?;
        self.by_entry.get(&entry).map(Vec::as_slice)
    }

    /// True when no invoice or credit note has a document.
    pub fn is_empty(&self) -> bool {
        self.by_entry.is_empty()
    }

    /// The product code of a line.
    pub fn code(&self, line: &SoldLine) -> Option<&str> {
        line.product
            .and_then(|index| self.codes.get(index as usize))
            .map(String::as_str)
    }
}
