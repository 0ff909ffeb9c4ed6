//! Line items on the command line, shared by `folio invoice`, `folio credit-note` and `folio
//! quote`: repeatable groups `--item TEXT [--qty N] [--unit U] --price P (--vat R | --exempt
//! WHY) [--discount PCT]`, or `--items FILE` (TOML or CSV), with `--document-discount PCT` for the
//! whole document; and recording a document with its journal line.
//!
//! Each of `--qty`, `--unit`, `--price`, `--vat`, `--discount` and `--exempt` belongs to the
//! `--item` written before it, so the groups are read from the positions of the options (clap's
//! argument indices), not from their counts.

use crate::book::Book;
use crate::document::issue::{self, Draft, Sale};
use crate::document::model::{self, Item};
use crate::error::{Error, Result};
use crate::input;
use crate::journal::Kind;
use crate::record::{self, NewEntry};
use clap::{Arg, ArgAction, ArgMatches};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::PathBuf;

/// One `--item` group as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemInput {
    description: String,
    quantity: Option<String>,
    unit: Option<String>,
    price: Option<String>,
    vat: Option<String>,
    discount: Option<String>,
    exempt: Option<String>,
}

/// The line-item options.
#[derive(Debug, Clone, Default)]
pub struct ItemArgs {
    items: Vec<ItemInput>,
    file: Option<PathBuf>,
    notes: Vec<String>,
    document_discount: Option<String>,
    buyer_reference: Option<String>,
    order_reference: Option<String>,
    delivery_date: Option<chrono::NaiveDate>,
    deliver_to: Option<String>,
    line_vat: Option<String>,
}

const ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("qty", "N", "Quantity of the --item before it (default 1)."),
    (
        "unit",
        "UNIT",
        "Unit of the --item before it: h, day, pcs, kg, month... (UBL: HUR, DAY, H87...).",
    ),
    (
        "price",
        "PRICE",
        "Unit price before VAT of the --item before it: 120 or 99.50.",
    ),
    (
        "vat",
        "RATE",
        "VAT rate in percent of the --item before it: 21, 6, 0. Without any item: the VAT the AMOUNT includes, recorded as vat:RATE on the line (21, or 0/AE with a category).",
    ),
    (
        "discount",
        "PCT",
        "Discount in percent of the --item before it.",
    ),
    (
        "exempt",
        "WHY",
        "No VAT on the --item before it, and why: a VATEX code (VATEX-EU-AE reverse charge, VATEX-EU-IC intra-community, VATEX-EU-G export), small-business (the franchise scheme) or text.",
    ),
];

impl clap::Args for ItemArgs {
    fn augment_args(command: clap::Command) -> clap::Command {
        let mut command = command
            .next_help_heading("Line items (a document with its items, VAT and totals)")
            .arg(
                Arg::new("item")
                    .long("item")
                    .value_name("DESCRIPTION")
                    .action(ArgAction::Append)
                    .help("A line item; repeat for more. Its --qty, --unit, --price, --vat, --discount, --exempt follow it."),
            );
        for (name, value, help) in ATTRIBUTES {
            command = command.arg(
                Arg::new(*name)
                    .long(*name)
                    .value_name(*value)
                    .action(ArgAction::Append)
                    .allow_hyphen_values(false)
                    // `--price -5` reaches the item's check, which says what the value must be,
                    // instead of clap reading `-5` as a flag.
                    .allow_negative_numbers(true)
                    .help(*help),
            );
        }
        command
            .arg(
                Arg::new("items")
                    .long("items")
                    .value_name("FILE")
                    .value_parser(clap::value_parser!(PathBuf))
                    .conflicts_with("item")
                    .help("Read the items from a TOML file ([[items]] tables) or a CSV file (columns description, quantity, unit, price, discount, vat, exemption, product); a row naming a product takes what it leaves out from the catalogue."),
            )
            .arg(
                Arg::new("note")
                    .long("note")
                    .value_name("TEXT")
                    .action(ArgAction::Append)
                    .help("A note printed on the document; repeatable (in UBL, the notes are joined into the one note Peppol allows)."),
            )
            .arg(
                Arg::new("document-discount")
                    .long("document-discount")
                    .value_name("PCT")
                    .help("A discount in percent of the whole document, taken from each VAT rate (UBL: a document-level allowance)."),
            )
            .arg(
                Arg::new("buyer-ref")
                    .long("buyer-ref")
                    .value_name("REF")
                    .help("The buyer's reference (BT-10), shown on the document and in UBL; default the contact's buyer_reference. Peppol needs it or --order-ref."),
            )
            .arg(
                Arg::new("order-ref")
                    .long("order-ref")
                    .value_name("PO")
                    .help("The buyer's purchase order number (BT-13, UBL OrderReference)."),
            )
            .arg(
                Arg::new("delivery-date")
                    .long("delivery-date")
                    .value_name("DATE")
                    .value_parser(crate::cli::settings::parse_start_date)
                    .allow_hyphen_values(true)
                    .help("The day of delivery (BT-72); intra-community supplies default to the document's date."),
            )
            .arg(
                Arg::new("deliver-to")
                    .long("deliver-to")
                    .value_name("CC")
                    .help("The country delivered to (BT-80, ISO code such as NL); intra-community supplies default to the buyer's."),
            )
            .next_help_heading(None::<&str>)
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Self::augment_args(command)
    }
}

fn conflict(message: String) -> clap::Error {
    clap::Error::raw(
        clap::error::ErrorKind::ArgumentConflict,
        format!("{message}\n"),
    )
}

impl clap::FromArgMatches for ItemArgs {
    fn from_arg_matches(matches: &ArgMatches) -> std::result::Result<Self, clap::Error> {
        let values = |name: &str| -> Vec<(usize, String)> {
            match (matches.get_many::<String>(name), matches.indices_of(name)) {
                (Some(values), Some(indices)) => indices.zip(values.cloned()).collect(),
                _ => Vec::new(),
            }
        };
        let starts = values("item");
        let mut items: Vec<ItemInput> = starts
            .iter()
            .map(|(_, description)| ItemInput {
                description: description.clone(),
                ..ItemInput::default()
            })
            .collect();
        let mut line_vat = None;
        for (name, _, _) in ATTRIBUTES {
            for (index, value) in values(name) {
                if starts.is_empty() && *name == "vat" {
                    if line_vat.replace(value).is_some() {
                        return Err(conflict("--vat is given twice".to_string()));
                    }
                    continue;
                }
                let Some(owner) = starts.iter().rposition(|(start, _)| *start < index) else {
                    return Err(conflict(format!(
                        "--{name} {value} comes before any --item: write --item \"DESCRIPTION\" first, then its --{name}"
                    )));
                };
                let item = &mut items[owner];
                let slot = match *name {
                    "qty" => &mut item.quantity,
                    "unit" => &mut item.unit,
                    "price" => &mut item.price,
                    "vat" => &mut item.vat,
                    "discount" => &mut item.discount,
                    _ => &mut item.exempt,
                };
                if slot.is_some() {
                    return Err(conflict(format!(
                        "--{name} is given twice for item {} (\"{}\")",
                        owner + 1,
                        item.description
                    )));
                }
                *slot = Some(value);
            }
        }
        Ok(ItemArgs {
            items,
            file: matches.get_one::<PathBuf>("items").cloned(),
            notes: matches
                .get_many::<String>("note")
                .map(|v| v.cloned().collect())
                .unwrap_or_default(),
            document_discount: matches.get_one::<String>("document-discount").cloned(),
            buyer_reference: matches.get_one::<String>("buyer-ref").cloned(),
            order_reference: matches.get_one::<String>("order-ref").cloned(),
            delivery_date: matches
                .get_one::<chrono::NaiveDate>("delivery-date")
                .copied(),
            deliver_to: matches.get_one::<String>("deliver-to").cloned(),
            line_vat,
        })
    }

    fn update_from_arg_matches(
        &mut self,
        matches: &ArgMatches,
    ) -> std::result::Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

fn decimal(value: &str, what: &str, item: usize) -> Result<Decimal> {
    model::parse_decimal(value).ok_or_else(|| {
        Error::Usage(format!(
            "item {item}: --{what} `{value}` is not a number: digits with '.' for decimals, e.g. 120.50"
        ))
    })
}

impl ItemArgs {
    /// No items, and `--vat RATE` (if any) for the entry's own line (`folio bill`, `folio
    /// debit-note`).
    pub fn with_line_vat(line_vat: Option<String>) -> ItemArgs {
        ItemArgs {
            line_vat,
            ..ItemArgs::default()
        }
    }

    /// True when items were given (`--item` or `--items`).
    pub fn given(&self) -> bool {
        !self.items.is_empty() || self.file.is_some()
    }

    /// True when document-only options (`--note`, `--document-discount`, `--buyer-ref`,
    /// `--order-ref`, `--delivery-date`, `--deliver-to`) were given.
    pub fn has_document_options(&self) -> bool {
        !self.notes.is_empty()
            || self.document_discount.is_some()
            || self.buyer_reference.is_some()
            || self.order_reference.is_some()
            || self.delivery_date.is_some()
            || self.deliver_to.is_some()
    }

    /// `--vat RATE` given without any item: the VAT the entry's amount includes, for its
    /// `vat:` metadata.
    pub fn line_vat(&self) -> Option<&str> {
        self.line_vat.as_deref()
    }

    /// Checks the options that need no book; true when items were given. [`ItemArgs::draft`]
    /// makes the items once the book (and its catalogue) is loaded.
    pub fn check_options(&self) -> Result<bool> {
        if let (Some(rate), Some(_)) = (&self.line_vat, &self.file) {
            return Err(Error::Usage(format!(
                "--vat {rate} without --item is the VAT of an entry without items; with --items the rates are in the file"
            )));
        }
        if !self.given() && self.has_document_options() {
            return Err(Error::Usage(
                "--note, --document-discount, --buyer-ref, --order-ref, --delivery-date and --deliver-to belong to a document: give its items with --item or --items".into(),
            ));
        }
        Ok(self.given())
    }

    /// The items, notes and buyer reference, checked; `None` when no item was given. An
    /// `--item` whose text is a code of the catalogue takes its line from `sale`.
    pub fn draft(&self, sale: &Sale<'_>) -> Result<Option<Draft>> {
        if !self.check_options()? {
            return Ok(None);
        }
        let items = match &self.file {
            Some(path) => {
                let bytes = input::read(path, input::ITEMS).map_err(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        Error::NotFound(format!("no items file {}", path.display()))
                    }
                    _ => input::error(path, e),
                })?;
                let text =
                    String::from_utf8(bytes).map_err(|_| Error::io(path, input::not_utf8()))?;
                issue::items_from_file(path, &text, sale)?
            }
            None => self
                .items
                .iter()
                .enumerate()
                .map(|(index, input)| item(index + 1, input, sale))
                .collect::<Result<_>>()?,
        };
        Ok(Some(Draft {
            items,
            discount: self.document_discount()?,
            notes: self.notes.clone(),
            buyer_reference: self.buyer_reference.clone(),
            order_reference: self.order_reference.clone(),
            delivery_date: self.delivery_date,
            deliver_to: self.deliver_to.clone(),
        }))
    }
}

impl ItemArgs {
    /// `--document-discount`: a number (else a usage error), a percentage from 0 to 100 (else
    /// invalid data, like a line's `--discount`).
    fn document_discount(&self) -> Result<Option<Decimal>> {
        let Some(text) = self.document_discount.as_deref() else {
            return Ok(None);
        };
        let percent = model::parse_decimal(text).ok_or_else(|| {
            Error::Usage(format!(
                "--document-discount `{text}` is not a number: digits with '.' for decimals, e.g. 5 or 2.5"
            ))
        })?;
        model::check_discount(Some(percent))
            .map_err(|message| Error::InvalidData(format!("--document-discount: {message}")))?;
        Ok(Some(percent))
    }
}

fn item(number: usize, input: &ItemInput, sale: &Sale<'_>) -> Result<Item> {
    let code = input.description.trim();
    let mut item = match sale.item(code, input.price.is_some())? {
        Some(item) => item,
        None => free_item(number, input)?,
    };
    if let Some(quantity) = &input.quantity {
        item.quantity = decimal(quantity, "qty", number)?;
    }
    if let Some(unit) = &input.unit {
        item.unit = Some(unit.clone()).filter(|u| !u.trim().is_empty());
    }
    if let Some(price) = &input.price {
        item.price = decimal(price, "price", number)?;
    }
    if let Some(discount) = &input.discount {
        item.discount = Some(decimal(discount, "discount", number)?);
    }
    if input.vat.is_some() || input.exempt.is_some() {
        vat(number, input, &mut item)?;
    }
    model::check_item(&item)
        .map_err(|(_, message)| Error::InvalidData(format!("item {number}: {message}")))?;
    Ok(item)
}

/// A free-text item: its price and its VAT (or exemption) are required.
fn free_item(number: usize, input: &ItemInput) -> Result<Item> {
    if input.price.is_none() {
        return Err(Error::Usage(format!(
            "item {number} (\"{}\") has no --price",
            input.description
        )));
    }
    if input.vat.is_none() && input.exempt.is_none() {
        return Err(Error::Usage(format!(
            "item {number} (\"{}\") has no --vat: give the rate (--vat 21) or why there is none (--exempt VATEX-EU-AE)",
            input.description
        )));
    }
    Ok(Item {
        description: input.description.trim().to_string(),
        quantity: Decimal::ONE,
        unit: None,
        price: Decimal::ZERO,
        discount: None,
        vat: Decimal::ZERO,
        vat_category: None,
        exemption: None,
        exemption_code: None,
        product: None,
        gtin: None,
    })
}

/// Sets the item's VAT from `--vat` or `--exempt`, replacing what the catalogue gave.
fn vat(number: usize, input: &ItemInput, item: &mut Item) -> Result<()> {
    item.vat = Decimal::ZERO;
    item.vat_category = None;
    item.exemption = None;
    item.exemption_code = None;
    match (&input.vat, &input.exempt) {
        (Some(rate), None) => item.vat = decimal(rate, "vat", number)?,
        (rate, Some(why)) => {
            if let Some(rate) = rate
                && !decimal(rate, "vat", number)?.is_zero()
            {
                return Err(Error::Usage(format!(
                    "item {number}: --exempt means no VAT, but --vat is {rate}"
                )));
            }
            let (category, code, text) = issue::exemption(why);
            item.vat_category = Some(category);
            item.exemption_code = code;
            item.exemption = Some(text);
        }
        (None, None) => {}
    }
    Ok(())
}

/// The contact of the document a `--ref` names (for `folio credit-note --ref INV --item ...`).
pub fn contact_of_ref(book: &Book, reference: Option<&str>) -> Result<String> {
    let Some(reference) = reference else {
        return Err(Error::Usage(
            "which contact? give CONTACT, or --ref DOCUMENT to take the contact of that document"
                .into(),
        ));
    };
    let index = book.find_entry(reference).ok_or_else(|| {
        Error::InvalidData(format!("--ref {reference} names no document of this book"))
    })?;
    Ok(book.entry_contact(&book.entries[index as usize]).id.clone())
}

/// What [`record()`] would issue, with its would-be number, shown as the document's text (in the
/// buyer's language); nothing is numbered or written (`--dry-run`).
pub fn preview(
    kind: Kind,
    book: &Book,
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    out: &mut dyn Write,
) -> Result<()> {
    let issued = record::with_document(kind, book, new, draft, check)?;
    show_as_text(book, &issued.document, out)?;
    said_dry_run(&issued.prepared.id)
}

/// Writes `document` as text in its language, as `folio render DOC` does.
pub fn show_as_text(
    book: &Book,
    document: &crate::document::Document,
    out: &mut dyn Write,
) -> Result<()> {
    let renderer = crate::document::render::Renderer::new(&book.root);
    let language = renderer.language(document, book, None)?;
    let (_, text) = renderer.render(
        document,
        crate::document::render::TextFormat::Txt,
        &language,
    )?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Says on stderr that a dry run wrote nothing, and the number the entry would have taken.
pub fn said_dry_run(id: &str) -> Result<()> {
    writeln!(
        std::io::stderr(),
        "folio: dry run: {id} would be issued; nothing was numbered or written"
    )?;
    Ok(())
}

/// Records an invoice or credit note with its document: the amount is the items' total; the
/// document is written, then the journal line appended (the caller holds the lock). Prints the
/// legal-content warnings and the new id. `check` may refuse the entry first (the credit check).
pub fn record(
    kind: Kind,
    book: &Book,
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    out: &mut dyn Write,
) -> Result<()> {
    let issued = record::with_document(kind, book, new, draft, check)?;
    write_issued(book, &issued, out)
}

/// Writes an invoice or credit note prepared with its document ([`record()`]), and prints its
/// warnings and id.
pub(crate) fn write_issued(
    book: &Book,
    issued: &record::Issued,
    out: &mut dyn Write,
) -> Result<()> {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    if issued.replaces_orphan {
        writeln!(
            err,
            "folio: warning: replacing {} (a document without a journal line, left by an interrupted write)",
            issued.document.relative_path().display()
        )?;
    }
    for problem in &issued.problems {
        writeln!(err, "folio: warning: {problem}")?;
    }
    for warning in &issued.prepared.warnings {
        writeln!(err, "folio: warning: {warning}")?;
    }
    for warning in crate::document::sending::warnings(&issued.document) {
        writeln!(err, "folio: warning: {warning}")?;
    }
    drop(err);
    record::write_with_document(book, issued)?;
    writeln!(out, "{}", issued.prepared.id)?;
    Ok(())
}
