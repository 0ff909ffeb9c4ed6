//! The catalogue: the products and services a book sells, one `products/<code>.toml` each.
//!
//! A document line that names a product copies its name, unit, price and VAT when it is issued
//! (see [`crate::document::model::Item::product`]); the catalogue is read again only to group
//! sales by product and family.

use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The folder of the book that holds the catalogue.
pub const PRODUCTS_DIR: &str = "products";

/// One product or service of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// The code lines refer to; the file's stem.
    pub code: String,
    /// The name per language code (`en`, `fr`, `nl`, `zh`...), at least one.
    pub name: BTreeMap<String, String>,
    /// The unit as the reader sees it (`h`, `day`, `pcs`).
    pub unit: Option<String>,
    /// Price of one unit before VAT, in [`Product::currency`].
    pub price: Decimal,
    /// The price's currency; the book's currency when absent.
    pub currency: Option<String>,
    /// VAT rate in percent (21 for 21 %).
    pub vat: Decimal,
    /// The VAT category (UNCL5305), as on a document line; S above 0 %, else E, when absent.
    pub vat_category: Option<String>,
    /// Why there is no VAT (a VATEX code or text), required when the rate is 0.
    pub exemption: Option<String>,
    /// The family (category) reports and segments group products by.
    pub family: Option<String>,
    /// The Global Trade Item Number, 8, 12, 13 or 14 digits.
    pub gtin: Option<String>,
    /// The seller's own stock-keeping unit.
    pub sku: Option<String>,
    /// False for a product no longer sold: new lines refuse it, old ones keep their code.
    pub active: bool,
}

impl Product {
    /// The name in `language`, else in `fallback`, else the first one written.
    pub fn name_in(&self, language: &str, fallback: &str) -> &str {
        self.name
            .get(language)
            .or_else(|| self.name.get(fallback))
            .or_else(|| self.name.values().next())
            .map_or(self.code.as_str(), String::as_str)
    }
}

/// Every product of the book, by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    products: BTreeMap<String, Product>,
}

impl Catalogue {
    /// A catalogue of these products, keyed by their codes.
    pub fn new(products: impl IntoIterator<Item = Product>) -> Self {
        let products = products
            .into_iter()
            .map(|product| (product.code.clone(), product))
            .collect();
        Catalogue { products }
    }

    /// The product with this code.
    pub fn get(&self, code: &str) -> Option<&Product> {
        self.products.get(code)
    }

    /// The family of the product with this code, when it has one.
    pub fn family_of(&self, code: &str) -> Option<&str> {
        self.get(code)?.family.as_deref()
    }

    /// Every product, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Product> {
        self.products.values()
    }

    /// True when the book has no catalogue.
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }
}
