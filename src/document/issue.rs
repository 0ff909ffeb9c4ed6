//! Issuing a document: the seller and buyer snapshots, payment instructions, items read from the
//! command line or a file, and the write of document + journal line as one step.
//!
//! The order of writes makes "a document without its journal line" impossible to leave behind
//! by an error: the document file is written atomically first (temp file, fsync, rename), then
//! the journal line is appended under the book's lock; if the append fails, the document is
//! removed before the error is returned. Only a process killed between the two writes can leave
//! an orphan document: `folio check` reports it, and the next number issued (which is the same id,
//! since numbering follows the journal) replaces it.

use super::model::{self, Document, DocumentKind, Item, Party, Payment, SMALL_BUSINESS, VATEX};
use crate::book::{Book, Contact, write};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// What the caller gives besides the journal fields.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The line items, at least one.
    pub items: Vec<Item>,
    /// A discount in percent of the whole document (`--document-discount`).
    pub discount: Option<Decimal>,
    /// Notes printed on the document.
    pub notes: Vec<String>,
    /// The buyer's reference (BT-10); default the contact's `buyer_reference`.
    pub buyer_reference: Option<String>,
    /// The buyer's purchase order number (BT-13).
    pub order_reference: Option<String>,
    /// The day of delivery (BT-72); intra-community supplies default to the document's date.
    pub delivery_date: Option<NaiveDate>,
    /// The country delivered to (BT-80); intra-community supplies default to the buyer's.
    pub deliver_to: Option<String>,
}

/// The seller as `[company]` in folio.toml describes it today.
pub fn seller(book: &Book) -> Party {
    let company = &book.config.company;
    let text = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
    Party {
        name: crate::template::party::company_name(book),
        vat: text(&company.vat),
        company_id: text(&company.company_id),
        street: text(&company.address.street),
        postcode: text(&company.address.postcode),
        city: text(&company.address.city),
        region: text(&company.address.region),
        country: text(&company.address.country),
        email: text(&company.email),
        phone: text(&company.phone),
        contact_name: None,
        legal: text(&company.legal),
        peppol: text(&company.peppol),
    }
}

/// Refuses to issue a `what` (an invoice, a credit note, a quote) while `[company]` lacks what
/// the seller of a legal invoice must show ([`crate::book::company::missing_for_invoices`]): a
/// document keeps its seller for good, so one issued now would stay wrong after `[company]` is
/// completed. The error names the keys to set; nothing has been numbered or written yet.
pub fn require_legal_seller(book: &Book, what: &str) -> Result<()> {
    let name = crate::template::party::company_name(book);
    let missing = crate::book::company::missing_for_invoices(&name, &book.config.company);
    if missing.is_empty() {
        return Ok(());
    }
    let keys: Vec<String> = missing.iter().map(|key| format!("{key}=...")).collect();
    Err(Error::InvalidData(format!(
        "cannot issue {what}: the seller lacks {} in [company] of folio.toml (a legal invoice \
         shows the seller's name, address with its country and VAT number); set {} with \
         `folio company set {}`; nothing was numbered or written",
        missing.join(", "),
        if missing.len() == 1 { "it" } else { "them" },
        keys.join(" ")
    )))
}

/// The buyer as its contact file describes it today. With a billing person (`[[people]]`, role
/// `billing`), the document is addressed to them: their name, and their e-mail and phone where
/// they have them (the buyer contact, UBL BT-56 to BT-58).
pub fn buyer(contact: &Contact) -> Party {
    let text = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
    let billing = contact.billing_person();
    let of_billing = |pick: fn(&crate::book::contact::Person) -> &Option<String>| {
        billing.and_then(|person| text(pick(person)))
    };
    Party {
        name: contact.name.clone(),
        vat: text(&contact.vat),
        company_id: None,
        street: text(&contact.address.street),
        postcode: text(&contact.address.postcode),
        city: text(&contact.address.city),
        region: text(&contact.address.region),
        country: text(&contact.address.country),
        email: of_billing(|p| &p.email).or_else(|| text(&contact.email)),
        phone: of_billing(|p| &p.phone).or_else(|| text(&contact.phone)),
        contact_name: billing.map(|person| person.name.clone()),
        legal: None,
        peppol: text(&contact.peppol),
    }
}

/// A Belgian structured communication (`+++123/4567/89002+++`) built from the digits of a
/// document id: the last 10 digits (zero-padded), then their remainder modulo 97 (97 for 0).
/// `None` when the id holds no digit.
///
/// (The reconciliation module has its own parser of these; this is the small builder documents
/// need.)
pub fn structured_communication(id: &str) -> Option<String> {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let last = &digits[digits.len().saturating_sub(10)..];
    let base: u64 = last.parse().ok()?;
    let check = match base % 97 {
        0 => 97,
        rest => rest,
    };
    let all = format!("{base:010}{check:02}");
    Some(format!("+++{}/{}/{}+++", &all[..3], &all[3..7], &all[7..]))
}

/// Payment instructions: the company's IBAN and BIC, and a structured communication when the
/// seller is Belgian (else the document id).
pub fn payment(book: &Book, seller: &Party, id: &str) -> Payment {
    let company = &book.config.company;
    let belgian = seller.country.as_deref() == Some("BE")
        || seller.vat.as_deref().is_some_and(|v| v.starts_with("BE"));
    let communication = if belgian {
        structured_communication(id).or_else(|| Some(id.to_string()))
    } else {
        Some(id.to_string())
    };
    Payment {
        iban: company.iban.clone().filter(|v| !v.trim().is_empty()),
        bic: company.bic.clone().filter(|v| !v.trim().is_empty()),
        communication,
    }
}

/// Builds the document that goes with `line`, the prepared journal line of invoice or credit note
/// `id`.
pub fn for_entry(
    book: &Book,
    id: &str,
    line: &str,
    kind: DocumentKind,
    draft: Draft,
) -> Result<Document> {
    let parsed = crate::journal::parser::parse_line(line)
        .ok()
        .flatten()
        .ok_or_else(|| Error::InvalidData(format!("cannot read back {line}")))?;
    let what = match kind {
        DocumentKind::CreditNote => "a credit note",
        DocumentKind::Quote => "a quote",
        DocumentKind::Invoice => "an invoice",
        DocumentKind::DebitNote => "a debit note",
    };
    require_legal_seller(book, what)?;
    let contact_index = book.require_contact(parsed.contact)?;
    let contact = &book.contacts[contact_index as usize];
    let seller = seller(book);
    let payment = payment(book, &seller, id);
    let reference = parsed.reference.map(|(r, _)| r.to_string());
    // A credit note carries the references and delivery of the invoice it corrects.
    let credited = reference
        .as_deref()
        .and_then(|invoice| super::read(&book.root, invoice).ok());
    let text = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
    let buyer_reference = text(&draft.buyer_reference)
        .or_else(|| text(&contact.buyer_reference))
        .or_else(|| credited.as_ref()?.buyer_reference.clone());
    let order_reference =
        text(&draft.order_reference).or_else(|| credited.as_ref()?.order_reference.clone());
    let buyer = buyer(contact);
    let delivery_date = draft
        .delivery_date
        .or_else(|| credited.as_ref()?.delivery_date);
    let deliver_to = text(&draft.deliver_to)
        .map(|c| c.trim().to_ascii_uppercase())
        .or_else(|| credited.as_ref()?.deliver_to.clone());
    let mut document = Document {
        id: id.to_string(),
        kind,
        date: parsed.date,
        due: parsed.due.map(|(due, _)| due),
        valid_until: None,
        currency: parsed
            .currency
            .map(|(c, _)| c.to_string())
            .unwrap_or_default(),
        contact: contact.id.clone(),
        language: contact.language.clone(),
        reference,
        buyer_reference,
        order_reference,
        delivery_date,
        deliver_to,
        accepted: None,
        invoice: None,
        notes: draft.notes,
        discount: draft.discount,
        seller,
        buyer,
        payment,
        items: draft.items,
        totals: None,
    };
    super::sending::complete_delivery(&mut document)?;
    document
        .validate()
        .map_err(|(_, message)| Error::InvalidData(message))?;
    super::sending::refuse_unsendable(&document)?;
    Ok(document)
}

/// The total of `items` less the document `discount` as a journal amount (`"1210.00"`), refused
/// when it is zero.
pub fn journal_amount(items: &[Item], discount: Option<Decimal>) -> Result<String> {
    model::check_discount(discount).map_err(Error::InvalidData)?;
    let total = model::totals(items, discount)
        .map_err(|(_, message)| Error::InvalidData(message))?
        .total;
    if total <= Decimal::ZERO {
        return Err(Error::InvalidData(format!(
            "the items add up to {}: an invoice or credit note must total more than zero",
            model::amount_text(total)
        )));
    }
    Ok(model::amount_text(total))
}

/// The file of a document, checked to stay inside the book.
pub fn path_in_book(root: &Path, document: &Document) -> Result<PathBuf> {
    super::check_file_id(&document.id)?;
    let path = root.join(document.relative_path());
    write::confine(root, &path)?;
    write::ensure_parent(&path)?;
    Ok(path)
}

/// Writes the document, then calls `append` (which appends the journal line); if `append` fails,
/// the document is removed again. The caller holds the book's lock.
pub fn write_with_entry(
    root: &Path,
    document: &Document,
    append: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let path = path_in_book(root, document)?;
    let text = document.to_toml()?;
    fsio::write_atomic(&path, text.as_bytes())?;
    fsio::failpoint("document-written");
    if let Err(error) = append() {
        let _ = fsio::remove_file(&path);
        return Err(error);
    }
    Ok(())
}

/// Reads `--exempt`: a VATEX code (`VATEX-EU-AE`, with its category and usual text),
/// `small-business` (the special scheme for small enterprises, category E) or free text
/// (category E, exempt).
pub fn exemption(text: &str) -> (String, Option<String>, String) {
    let upper = text.trim().to_ascii_uppercase();
    if text.trim().eq_ignore_ascii_case(SMALL_BUSINESS.0) {
        return ("E".to_string(), None, SMALL_BUSINESS.1.to_string());
    }
    match VATEX.iter().find(|(code, _, _)| *code == upper) {
        Some((code, category, reason)) => (
            category.to_string(),
            Some(code.to_string()),
            reason.to_string(),
        ),
        None => ("E".to_string(), None, text.trim().to_string()),
    }
}

/// A document in `currency` for a reader of `language` (the buyer's, else `fallback`, the
/// company's), to take catalogue lines for.
#[derive(Debug, Clone)]
pub struct Sale<'a> {
    /// The book's catalogue.
    pub catalogue: &'a crate::book::products::Catalogue,
    /// The buyer's language, when the contact sets one.
    pub language: Option<String>,
    /// The company's language.
    pub fallback: String,
    /// The document's currency.
    pub currency: String,
    /// The book's currency: a product without its own is priced in it.
    pub book_currency: String,
}

impl<'a> Sale<'a> {
    /// The sale of a document of `book` to `contact`, in `currency` (else the contact's, else
    /// the book's).
    pub fn of(
        book: &'a Book,
        contact: &str,
        currency: Option<crate::money::Currency>,
    ) -> Result<Sale<'a>> {
        let contact = &book.contacts[book.require_contact(contact)? as usize];
        let book_currency = book
            .config
            .currency
            .map(|c| c.to_string())
            .unwrap_or_default();
        Ok(Sale {
            catalogue: &book.products,
            language: contact.language.clone(),
            fallback: book.config.default_language(),
            currency: currency
                .or(contact.currency)
                .map_or_else(|| book_currency.clone(), |c| c.to_string()),
            book_currency,
        })
    }

    /// The line `code` gives: the product's name in the document's language, its unit, price
    /// and VAT, one unit, with its code; a snapshot the document keeps whatever the catalogue
    /// says later. `None` when the catalogue has no such code (the text is free text); an error
    /// when the product is no longer sold, or priced in another currency and `priced` is false
    /// (the caller gives no price of its own).
    pub fn item(&self, code: &str, priced: bool) -> Result<Option<Item>> {
        self.item_priced(code, priced, &format!("with --price after --item {code}"))
    }

    /// [`Sale::item`], whose error says how to give a price of its own by `how_to_price`.
    fn item_priced(&self, code: &str, priced: bool, how_to_price: &str) -> Result<Option<Item>> {
        let Some(product) = self.catalogue.get(code) else {
            return Ok(None);
        };
        if !product.active {
            return Err(Error::InvalidData(format!(
                "product `{code}` is inactive (active = false in products/{code}.toml): it is no longer sold; set it active again or write the line as free text"
            )));
        }
        let currency = product.currency.as_deref().unwrap_or(&self.book_currency);
        if !priced && currency != self.currency {
            return Err(Error::InvalidData(format!(
                "product `{code}` is priced in {currency} but the document is in {}: give the price in {} {how_to_price}",
                self.currency, self.currency
            )));
        }
        let language = self.language.as_deref().unwrap_or(&self.fallback);
        let (category, exemption_code, exemption) = match &product.exemption {
            Some(why) => {
                let (category, code, text) = exemption(why);
                (Some(category), code, Some(text))
            }
            None => (None, None, None),
        };
        Ok(Some(Item {
            description: product.name_in(language, &self.fallback).to_string(),
            quantity: Decimal::ONE,
            unit: product.unit.clone(),
            price: product.price,
            discount: None,
            vat: product.vat,
            vat_category: product
                .vat_category
                .clone()
                .or(category.filter(|_| product.vat.is_zero())),
            exemption: exemption.filter(|_| product.vat.is_zero()),
            exemption_code: exemption_code.filter(|_| product.vat.is_zero()),
            product: Some(code.to_string()),
            gtin: product.gtin.clone(),
        }))
    }

    /// The line `code` gives, as [`Sale::item`], for a line that must name a product (a row of
    /// an items file, a recurring item): a code the catalogue lacks is an error too, naming the
    /// nearest code. The error is the message alone, for the caller to place.
    pub fn product_item(&self, code: &str, priced: bool) -> std::result::Result<Item, String> {
        self.item_priced(code, priced, "as this line's `price`")
            .map_err(|e| e.to_string())?
            .ok_or_else(|| unknown_product(code, self.catalogue))
    }
}

/// Reads items from a file: TOML (`[[items]]` tables, as in a document) or CSV with a header row
/// (`description,quantity,unit,price,discount,vat,exemption,product`). A row naming a `product`
/// takes from the catalogue what it does not give, as `--item CODE` does ([`Sale::item`]); a row
/// without one needs its description, price and vat. Problems are positioned diagnostics.
pub fn items_from_file(path: &Path, text: &str, sale: &Sale<'_>) -> Result<Vec<Item>> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let items = if is_csv {
        items_from_csv(path, text, sale)?
    } else {
        items_from_toml(path, text, sale)?
    };
    if items.is_empty() {
        return Err(Error::InvalidData(format!(
            "{}: no items found",
            path.display()
        )));
    }
    Ok(items)
}

fn positioned(path: &Path, text: &str, offset: usize, message: String) -> Error {
    let (line, column) = crate::diagnostic::line_column(text, offset);
    let mut diagnostic = Diagnostic::error(path, line, column, message);
    if let Some(excerpt) = crate::diagnostic::line_text(text, line) {
        diagnostic = diagnostic.with_excerpt(excerpt);
    }
    Error::InvalidBook(vec![diagnostic])
}

/// One row of an items file as written: what it leaves out comes from its product, if any.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    #[serde(default)]
    description: Option<String>,
    #[serde(default, with = "model::opt_decimal_text")]
    quantity: Option<Decimal>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default, with = "model::opt_decimal_text")]
    price: Option<Decimal>,
    #[serde(default, with = "model::opt_decimal_text")]
    discount: Option<Decimal>,
    #[serde(default, with = "model::opt_decimal_text")]
    vat: Option<Decimal>,
    #[serde(default)]
    vat_category: Option<String>,
    #[serde(default)]
    exemption: Option<String>,
    #[serde(default)]
    exemption_code: Option<String>,
    #[serde(default)]
    product: Option<String>,
    /// The GTIN of what is sold, over its product's.
    #[serde(default)]
    gtin: Option<String>,
}

type RowError = (&'static str, String);

/// The item a row makes: its product's line with the row's values over it, or the row alone.
/// The error names the row's key (or column) at fault.
fn row_item(row: Row, sale: &Sale<'_>) -> std::result::Result<Item, RowError> {
    let mut item = match row.product.as_deref().map(str::trim) {
        Some(code) => sale
            .product_item(code, row.price.is_some())
            .map_err(|message| ("product", message))?,
        None => free_row(&row)?,
    };
    if let Some(description) = row.description.filter(|d| !d.trim().is_empty()) {
        item.description = description;
    }
    if row.unit.is_some() {
        item.unit = row.unit.filter(|u| !u.trim().is_empty());
    }
    item.quantity = row.quantity.unwrap_or(item.quantity);
    item.price = row.price.unwrap_or(item.price);
    item.discount = row.discount.or(item.discount);
    if let Some(gtin) = row.gtin.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        item.gtin = Some(gtin.to_string());
    }
    // A row's VAT replaces the product's whole VAT, as --vat or --exempt after --item CODE does.
    if row.vat.is_some() || row.vat_category.is_some() || row.exemption.is_some() {
        item.vat = row.vat.unwrap_or(Decimal::ZERO);
        item.vat_category = row.vat_category;
        item.exemption = row.exemption;
        item.exemption_code = row.exemption_code;
    }
    model::check_item(&item)?;
    Ok(item)
}

/// A row without a product: its price and VAT rate are required.
fn free_row(row: &Row) -> std::result::Result<Item, RowError> {
    let price = row
        .price
        .ok_or(("price", "the price is empty".to_string()))?;
    let vat = row
        .vat
        .ok_or(("vat", "the VAT rate is empty".to_string()))?;
    Ok(Item {
        description: String::new(),
        quantity: Decimal::ONE,
        unit: None,
        price,
        discount: None,
        vat,
        vat_category: None,
        exemption: None,
        exemption_code: None,
        product: None,
        gtin: None,
    })
}

fn unknown_product(code: &str, catalogue: &crate::book::products::Catalogue) -> String {
    let hint = crate::diagnostic::did_you_mean(code, catalogue.iter().map(|p| p.code.as_str()))
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default();
    format!("unknown product `{code}`{hint} (the catalogue is products/<code>.toml)")
}

fn items_from_toml(path: &Path, text: &str, sale: &Sale<'_>) -> Result<Vec<Item>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        items: Vec<Row>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        positioned(
            path,
            text,
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )
    })?;
    let mut items = Vec::with_capacity(file.items.len());
    for (index, row) in file.items.into_iter().enumerate() {
        let item = row_item(row, sale).map_err(|(key, message)| {
            let offset = super::key_offset(text, &format!("items.{index}.{key}")).unwrap_or(0);
            positioned(path, text, offset, format!("item {}: {message}", index + 1))
        })?;
        items.push(item);
    }
    Ok(items)
}

/// The columns an items CSV may have.
const CSV_COLUMNS: &[&str] = &[
    "description",
    "quantity",
    "unit",
    "price",
    "discount",
    "vat",
    "exemption",
    "product",
    "gtin",
];

fn csv_header_error(path: &Path, column: usize, message: String) -> Error {
    Error::InvalidBook(vec![Diagnostic::error(path, 1, column as u32 + 1, message)])
}

/// Checks the header row: known columns only, and (without a `product` column, which lets a
/// row take them from the catalogue) description, price and vat.
fn check_csv_header(path: &Path, headers: &csv::StringRecord) -> Result<()> {
    for (column, name) in headers.iter().enumerate() {
        if !CSV_COLUMNS.contains(&name) {
            let hint = crate::diagnostic::did_you_mean(name, CSV_COLUMNS.iter().copied())
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            let expected = CSV_COLUMNS.join(", ");
            return Err(csv_header_error(
                path,
                column,
                format!("unknown column `{name}`{hint} (expected {expected})"),
            ));
        }
    }
    if headers.iter().any(|h| h == "product") {
        return Ok(());
    }
    for required in ["description", "price", "vat"] {
        if !headers.iter().any(|h| h == required) {
            return Err(csv_header_error(
                path,
                0,
                format!("the header row has no `{required}` column"),
            ));
        }
    }
    Ok(())
}

/// One CSV record as a row; the error names the column at fault.
fn csv_row(
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
) -> std::result::Result<Row, RowError> {
    let field = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| record.get(i))
            .filter(|v| !v.is_empty())
    };
    let decimal = |name: &'static str| -> std::result::Result<Option<Decimal>, RowError> {
        field(name)
            .map(|v| {
                model::parse_decimal(v)
                    .ok_or_else(|| (name, format!("{name} `{v}` is not a decimal, e.g. 120.50")))
            })
            .transpose()
    };
    let mut row = Row {
        description: field("description").map(String::from),
        quantity: decimal("quantity")?,
        unit: field("unit").map(String::from),
        price: decimal("price")?,
        discount: decimal("discount")?,
        vat: decimal("vat")?,
        product: field("product").map(String::from),
        gtin: field("gtin").map(String::from),
        ..Row::default()
    };
    if let Some(text) = field("exemption") {
        let (category, code, reason) = exemption(text);
        row.vat_category = Some(category);
        row.exemption_code = code;
        row.exemption = Some(reason);
    }
    Ok(row)
}

fn items_from_csv(path: &Path, text: &str, sale: &Sale<'_>) -> Result<Vec<Item>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::InvalidData(format!("{}: {e}", path.display())))?
        .clone();
    check_csv_header(path, &headers)?;
    let mut items = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::InvalidData(format!("{}: {e}", path.display())))?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        let item = csv_row(&headers, &record)
            .and_then(|row| row_item(row, sale))
            .map_err(|(name, message)| {
                let column = headers
                    .iter()
                    .position(|h| h == name)
                    .map_or(1, |i| i as u32 + 1);
                Error::InvalidBook(vec![Diagnostic::error(path, line, column, message)])
            })?;
        items.push(item);
    }
    Ok(items)
}

/// The id of a new quote: the next of `Q-{year}-{seq:04}` (or `[numbering] quote`) among the
/// quotes already in `quotes/`.
pub fn next_quote_id(root: &Path, date: NaiveDate) -> Result<String> {
    let pattern = crate::book::numbering::Pattern::parse(super::quote::DEFAULT_PATTERN)
        .map_err(Error::InvalidData)?;
    let files = super::files_below(root, super::QUOTES_DIR)?;
    let ids: Vec<String> = files
        .iter()
        .map(|f| super::id_of_file(super::QUOTES_DIR, f))
        .collect();
    Ok(pattern.next(date, ids.iter().map(String::as_str), |id| {
        root.join(super::relative_path(DocumentKind::Quote, id))
            .exists()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structured_communications_carry_their_check_digits() {
        // 0020260001 mod 97 = 20260001 mod 97.
        let base: u64 = 20_260_001;
        let expected = format!("{:02}", base % 97);
        let text = structured_communication("INV-2026-0001").unwrap();
        assert_eq!(text, format!("+++002/0260/001{expected}+++"));
        // A multiple of 97 gets 97, never 00.
        assert_eq!(
            structured_communication("97").unwrap(),
            "+++000/0000/09797+++"
        );
        assert_eq!(structured_communication("ABC"), None);
    }

    #[test]
    fn exemptions_from_codes_and_text() {
        assert_eq!(
            exemption("vatex-eu-ae"),
            (
                "AE".to_string(),
                Some("VATEX-EU-AE".to_string()),
                "Reverse charge".to_string()
            )
        );
        assert_eq!(exemption("Art. 44").0, "E");
        assert_eq!(
            exemption("Small-Business"),
            ("E".to_string(), None, SMALL_BUSINESS.1.to_string())
        );
    }

    fn sale(catalogue: &crate::book::products::Catalogue) -> Sale<'_> {
        Sale {
            catalogue,
            language: None,
            fallback: "en".into(),
            currency: "EUR".into(),
            book_currency: "EUR".into(),
        }
    }

    #[test]
    fn csv_items_with_positions() {
        let path = Path::new("items.csv");
        let catalogue = crate::book::products::Catalogue::default();
        let sale = sale(&catalogue);
        let items = items_from_file(
            path,
            "description,quantity,unit,price,vat\nConsulting,10,h,120,21\nBooks,2,pcs,15.5,6\n",
            &sale,
        )
        .unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].price, "15.5".parse::<Decimal>().unwrap());
        let error = items_from_file(path, "description,price,vat\nX,abc,21\n", &sale).unwrap_err();
        let Error::InvalidBook(diagnostics) = error else {
            panic!("positioned")
        };
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (2, 2));
        let error = items_from_file(path, "descripton,price,vat\n", &sale).unwrap_err();
        assert!(format!("{error:?}").contains("did you mean `description`"));
    }

    #[test]
    fn toml_items_with_positions() {
        let path = Path::new("items.toml");
        let text = "[[items]]\ndescription = \"A\"\nquantity = \"1\"\nprice = \"10\"\nvat = \"21\"\n\n[[items]]\ndescription = \"B\"\nquantity = \"0\"\nprice = \"1\"\nvat = \"21\"\n";
        let catalogue = crate::book::products::Catalogue::default();
        let Error::InvalidBook(diagnostics) =
            items_from_file(path, text, &sale(&catalogue)).unwrap_err()
        else {
            panic!("positioned")
        };
        assert_eq!(diagnostics[0].line, 9, "{:?}", diagnostics[0]);
    }
}
