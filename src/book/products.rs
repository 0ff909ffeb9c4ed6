//! The catalogue: the products and services a book sells, one `products/<code>.toml` each.
//!
//! A document line that names a product copies its name, unit, price and VAT when it is issued
//! (see [`crate::document::model::Item::product`]); the catalogue is read again only to group
//! sales by product and family.

use super::serde_helpers::{
    TomlProblem, check_language, deserialize_checked, deserialize_name, deserialize_opt_currency,
    deserialize_opt_decimal, deserialize_opt_line, read_toml,
};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::Deserializer;
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

/// VAT categories folio knows (UNCL5305 as used by EN 16931); documents check their lines
/// against the same list.
pub const VAT_CATEGORIES: &[&str] = &["S", "Z", "E", "AE", "K", "G", "O"];

/// Checks a product code: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or
/// digit, so it is a file name on every system and a word on a command line.
pub fn check_code(code: &str) -> Result<(), String> {
    let bytes = code.as_bytes();
    let valid = (1..=64).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid product code `{code}`: expected 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
        ))
    }
}

/// Checks a GTIN: 8, 12, 13 or 14 digits whose last one is the GS1 check digit.
pub fn check_gtin(gtin: &str) -> Result<(), String> {
    let digits: Vec<u32> = gtin.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != gtin.len() || ![8, 12, 13, 14].contains(&digits.len()) {
        return Err(format!(
            "invalid GTIN `{gtin}`: expected 8, 12, 13 or 14 digits"
        ));
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    // GS1: from the right, the digits before the check digit weigh 3, 1, 3, 1...
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    let expected = (10 - sum % 10) % 10;
    if check[0] == expected {
        Ok(())
    } else {
        Err(format!(
            "invalid GTIN `{gtin}`: its check digit is {} but should be {expected}",
            check[0]
        ))
    }
}

/// Checks what a product's keys say together: the price and rate ranges, the VAT category and
/// its rate, and the exemption a rate of 0 needs. A problem names the key it is about.
pub fn check_product(product: &Product) -> Result<(), (&'static str, String)> {
    let price = product.price;
    if price < Decimal::ZERO {
        return Err(("price", format!("price {price} must be zero or more")));
    }
    if price.normalize().scale() > 4 {
        return Err(("price", format!("price {price} has more than 4 decimals")));
    }
    if !crate::money::is_usable_amount(price) {
        return Err((
            "price",
            format!("price {price} has more integer digits than an amount can have"),
        ));
    }
    let vat = product.vat;
    check_rate_and_category(vat, product.category(), "`exemption`")?;
    if vat.is_zero() && product.exemption.is_none() {
        return Err((
            "exemption",
            "a VAT rate of 0 needs `exemption`: why there is no VAT (e.g. \"VATEX-EU-AE\" or a legal text)".into(),
        ));
    }
    Ok(())
}

impl Product {
    /// The VAT category: the one written, else S above 0 %, else E (exempt), as on a line.
    pub fn category(&self) -> &str {
        match self.vat_category.as_deref() {
            Some(category) => category,
            None if self.vat > Decimal::ZERO => "S",
            None => "E",
        }
    }
}

/// A product file as written: every key checked on its own, with its position.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductFile {
    #[serde(default, deserialize_with = "deserialize_opt_code")]
    code: Option<String>,
    #[serde(default, deserialize_with = "deserialize_names")]
    name: Option<BTreeMap<String, String>>,
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    unit: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    price: Option<Decimal>,
    #[serde(default, deserialize_with = "deserialize_opt_currency")]
    currency: Option<crate::money::Currency>,
    #[serde(default, deserialize_with = "deserialize_opt_decimal")]
    vat: Option<Decimal>,
    #[serde(default, deserialize_with = "deserialize_opt_category")]
    vat_category: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    exemption: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    family: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_gtin")]
    gtin: Option<String>,
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    sku: Option<String>,
    #[serde(default = "active_by_default")]
    active: bool,
}

fn active_by_default() -> bool {
    true
}

fn deserialize_opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a product code such as \"CONSULT\"", |text| {
        check_code(text).map(|()| Some(text.to_string()))
    })
}

fn deserialize_opt_gtin<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a GTIN such as \"5410000000006\"", |text| {
        check_gtin(text).map(|()| Some(text.to_string()))
    })
}

fn deserialize_opt_category<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a VAT category such as \"S\"", |text| {
        if VAT_CATEGORIES.contains(&text) {
            Ok(Some(text.to_string()))
        } else {
            Err(format!(
                "unknown VAT category `{text}`: expected one of {}",
                VAT_CATEGORIES.join(", ")
            ))
        }
    })
}

/// The `[name]` table: language code to name. Required keys are optional here and checked
/// after reading: the positioned reader can only stand in for a missing string.
fn deserialize_names<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    #[derive(Deserialize)]
    struct Name(#[serde(deserialize_with = "deserialize_name")] String);
    let names = BTreeMap::<String, Name>::deserialize(d)?;
    Ok(Some(
        names
            .into_iter()
            .map(|(language, Name(name))| (language, name))
            .collect(),
    ))
}

/// What reading a product file found: the product when every key could be read, and every
/// problem at its byte offset.
#[derive(Debug)]
pub struct ProductRead {
    /// The product, absent when a required key is missing or the file is not TOML.
    pub product: Option<Product>,
    /// Every problem, each at a byte offset of the text.
    pub problems: Vec<TomlProblem>,
}

/// Reads the text of `products/<stem>.toml`: each key checked, then the keys together
/// ([`check_product`]) and the code against the file's stem.
pub fn read_product(text: &str, stem: &str) -> ProductRead {
    let read = read_toml::<ProductFile>(text);
    let troubled = read.troubled;
    let keys = read.keys;
    // A key missing from the file (the exemption a rate of 0 needs) is placed at the rate.
    let at = |key: &str| {
        let offset = |key: &str| keys.iter().find(|(k, _)| k == key).map(|&(_, at)| at);
        offset(key).or_else(|| offset("vat")).unwrap_or(0)
    };
    let mut problems = read.problems;
    if let Err(message) = check_code(stem) {
        problems.push(TomlProblem { offset: 0, message });
    }
    let Some(file) = read.value else {
        return ProductRead {
            product: None,
            problems,
        };
    };
    if let Some(code) = file.code.as_deref().filter(|code| *code != stem) {
        problems.push(TomlProblem {
            offset: at("code"),
            message: format!(
                "code `{code}` is not the file's name: expected `{stem}`, as in products/{stem}.toml"
            ),
        });
    }
    for language in file.name.iter().flat_map(BTreeMap::keys) {
        if let Err(message) = check_language(language) {
            problems.push(TomlProblem {
                offset: name_key_offset(text, language).unwrap_or_else(|| at("name")),
                message,
            });
        }
    }
    let mut missing = |key: &str, example: &str| {
        problems.push(TomlProblem {
            offset: 0,
            message: format!("missing required key `{key}`; add a line such as {example}"),
        })
    };
    let name = file.name.filter(|name| !name.is_empty());
    if name.is_none() && !troubled.iter().any(|key| key == "name") {
        missing("name", "name.en = \"Consulting\" (one per language)");
    }
    if file.price.is_none() && !troubled.iter().any(|key| key == "price") {
        missing("price", "price = \"95.00\"");
    }
    if file.vat.is_none() && !troubled.iter().any(|key| key == "vat") {
        missing("vat", "vat = 21");
    }
    let (Some(name), Some(price), Some(vat)) = (name, file.price, file.vat) else {
        return ProductRead {
            product: None,
            problems,
        };
    };
    let product = Product {
        code: stem.to_string(),
        name,
        unit: file.unit,
        price: exact_number(text, "price").unwrap_or(price),
        currency: file.currency.map(|currency| currency.to_string()),
        vat: exact_number(text, "vat").unwrap_or(vat),
        vat_category: file.vat_category,
        exemption: file.exemption,
        family: file.family,
        gtin: file.gtin,
        sku: file.sku,
        active: file.active,
    };
    // Only keys read without problem are checked together, so a bad key gets one message.
    if !troubled.iter().any(|key| key == "price" || key == "vat")
        && let Err((key, message)) = check_product(&product)
    {
        problems.push(TomlProblem {
            offset: at(key),
            message,
        });
    }
    ProductRead {
        product: Some(product),
        problems,
    }
}

/// A top-level number exactly as written: TOML floats are read by their text, never through a
/// binary float (`19.99` stays 19.99 whatever its digits).
fn exact_number(text: &str, key: &str) -> Option<Decimal> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let value = root.get_ref().get(key)?;
    let float = value.get_ref().as_float()?;
    crate::money::parse_decimal(float.as_str())
}

/// Where the key `language` of the `[name]` table is written.
fn name_key_offset(text: &str, language: &str) -> Option<usize> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let names = root.get_ref().get("name")?.get_ref().as_table()?;
    names
        .iter()
        .find(|(key, _)| key.get_ref() == language)
        .map(|(key, _)| key.span().start)
}

/// Checks a language tag as the `[name]` table's keys are checked.
pub fn check_language_tag(language: &str) -> Result<(), String> {
    check_language(language)
}

/// The keys `folio product set` changes; `name.LANG` sets the name in one language.
pub const SETTABLE_KEYS: &[&str] = &[
    "name.LANG",
    "unit",
    "price",
    "currency",
    "vat",
    "vat_category",
    "exemption",
    "family",
    "gtin",
    "sku",
    "active",
];

/// The text of a new product file: every key the product has, prices as exact strings.
pub fn new_product_text(product: &Product) -> String {
    let mut text = String::from("# A product of the catalogue: see docs/products.md.\n");
    let mut document = toml_edit::DocumentMut::new();
    document["code"] = toml_edit::value(product.code.as_str());
    let optional = |document: &mut toml_edit::DocumentMut, key: &str, value: &Option<String>| {
        if let Some(value) = value {
            document[key] = toml_edit::value(value.as_str());
        }
    };
    optional(&mut document, "unit", &product.unit);
    document["price"] = toml_edit::value(product.price.to_string());
    optional(&mut document, "currency", &product.currency);
    document["vat"] = toml_edit::value(product.vat.normalize().to_string());
    optional(&mut document, "vat_category", &product.vat_category);
    optional(&mut document, "exemption", &product.exemption);
    optional(&mut document, "family", &product.family);
    optional(&mut document, "gtin", &product.gtin);
    optional(&mut document, "sku", &product.sku);
    if !product.active {
        document["active"] = toml_edit::value(false);
    }
    let mut names = toml_edit::Table::new();
    for (language, name) in &product.name {
        names[language.as_str()] = toml_edit::value(name.as_str());
    }
    document["name"] = toml_edit::Item::Table(names);
    text.push_str(&document.to_string());
    text
}

/// Sets `key` to `value` in a product file's text, keeping its comments and order; an empty
/// value removes an optional key. The result is checked by the caller ([`read_product`]).
pub fn set_product_key(text: &str, key: &str, value: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| {
            format!("the file is not valid TOML: {}", e.message())
        })?;
    if let Some(language) = key.strip_prefix("name.") {
        check_language(language)?;
        let names = document
            .entry("name")
            .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
        let Some(names) = names.as_table_like_mut() else {
            return Err("`name` is not a table".into());
        };
        if value.is_empty() {
            names.remove(language);
        } else {
            names.insert(language, toml_edit::value(value));
        }
        return Ok(document.to_string());
    }
    if !SETTABLE_KEYS.contains(&key) {
        let near = crate::diagnostic::nearest(key, SETTABLE_KEYS.iter().copied(), 1);
        return Err(match near.first() {
            Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
            None => format!(
                "unknown key `{key}`; expected one of {}",
                SETTABLE_KEYS.join(", ")
            ),
        });
    }
    if value.is_empty() {
        if matches!(key, "price" | "vat") {
            return Err(format!("`{key}` is required and cannot be removed"));
        }
        document.remove(key);
    } else if key == "active" {
        let active = match value {
            "true" | "yes" => true,
            "false" | "no" => false,
            _ => return Err(format!("`active` is true or false, not `{value}`")),
        };
        document[key] = toml_edit::value(active);
    } else {
        document[key] = toml_edit::value(value);
    }
    Ok(document.to_string())
}

/// The VAT rules a catalogue product and a document line share: a rate from 0 to 100, a known
/// category (UNCL5305), category S above 0 % and every other category at 0 %. `exemption` names
/// where the reason for no VAT goes, for the message.
pub fn check_rate_and_category(
    vat: Decimal,
    category: &str,
    exemption: &str,
) -> std::result::Result<(), (&'static str, String)> {
    if !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&vat) {
        return Err((
            "vat",
            format!("VAT rate {vat} must be a percentage from 0 to 100"),
        ));
    }
    if !VAT_CATEGORIES.contains(&category) {
        return Err((
            "vat_category",
            format!(
                "unknown VAT category `{category}`: expected one of {}",
                VAT_CATEGORIES.join(", ")
            ),
        ));
    }
    if category == "S" && vat.is_zero() {
        return Err((
            "vat",
            format!("category S (standard rate) needs a rate above 0; for no VAT give {exemption}"),
        ));
    }
    if category != "S" && !vat.is_zero() {
        return Err((
            "vat",
            format!(
                "category {category} is charged at 0 %, not {}",
                vat.normalize()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtins_are_checked_by_their_gs1_check_digit() {
        for valid in [
            "5410000000002",
            "96385074",
            "036000291452",
            "10614141000415",
        ] {
            assert_eq!(check_gtin(valid), Ok(()), "{valid}");
        }
        assert!(
            check_gtin("5410000000003")
                .unwrap_err()
                .contains("should be 2")
        );
        assert!(
            check_gtin("54100000000")
                .unwrap_err()
                .contains("8, 12, 13 or 14")
        );
        assert!(check_gtin("541000000000X").is_err());
    }

    #[test]
    fn a_price_written_as_a_toml_float_is_read_exactly_as_written() {
        let read = read_product("price = 19.9900\nvat = 21\nname.en = \"A\"\n", "A");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.product.unwrap().price.to_string(), "19.9900");
    }
}
