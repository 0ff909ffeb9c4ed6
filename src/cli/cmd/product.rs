//! `folio product add|set|list|show`: the catalogue, one `products/<code>.toml` per product.
//!
//! Changes are checked as `folio check` reads the file, written atomically and made under the
//! book's lock; `set` goes through toml_edit, so comments and layout survive.

use crate::book::products::{
    self, Catalogue, PRODUCTS_DIR, Product, new_product_text, read_product, set_product_key,
};
use crate::book::{Location, display_path, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::FormatArg;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio;
use crate::output;
use crate::tabular::{Cell, Column, FieldRows, Rows, Tabular};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio product`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit codes: 0 done, 2 usage, 65 invalid data (nothing written) or a code already used, 66 no such \
product or book, 74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo product add CONSULT --name \"Consulting\" --name fr=Conseil --unit h --price 95 --vat 21 --family services\n  \
folio --book examples/demo product list --all --format csv")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Add a product: CODE --name TEXT --price P --vat R (or --exempt WHY).
    Add(Box<AddArgs>),
    /// Set one key: CODE KEY VALUE (name.LANG, unit, price, currency, vat, vat_category,
    /// exemption, family, gtin, sku, active); an empty VALUE removes an optional key.
    Set(SetArgs),
    /// The products, in code order: --family, --all for the inactive ones too.
    List(ListArgs),
    /// One product with every key.
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    /// The product code, also the file name (products/CODE.toml).
    code: String,
    /// The name: TEXT in the company's language, or LANG=TEXT (`--name fr=Conseil`);
    /// repeatable, one per language.
    #[arg(long, value_name = "TEXT|LANG=TEXT", required = true)]
    name: Vec<String>,
    /// Price of one unit before VAT: 95 or 99.50.
    #[arg(long, value_name = "PRICE", allow_negative_numbers = true)]
    price: String,
    /// VAT rate in percent: 21, 6, 0 (0 needs --exempt).
    #[arg(long, value_name = "RATE", required_unless_present = "exempt")]
    vat: Option<String>,
    /// No VAT, and why: a VATEX code (VATEX-EU-AE...) or text.
    #[arg(long, value_name = "WHY")]
    exempt: Option<String>,
    /// The unit: h, day, pcs...
    #[arg(long, value_name = "UNIT")]
    unit: Option<String>,
    /// The price's currency (default: the book's).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// The VAT category (UNCL5305: S, Z, E, AE, K, G, O); default S above 0 %, else E.
    #[arg(long, value_name = "CAT")]
    vat_category: Option<String>,
    /// The family reports group products by.
    #[arg(long, value_name = "FAMILY")]
    family: Option<String>,
    /// The GTIN (8, 12, 13 or 14 digits with its check digit).
    #[arg(long, value_name = "GTIN")]
    gtin: Option<String>,
    /// The seller's stock-keeping unit.
    #[arg(long, value_name = "SKU")]
    sku: Option<String>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct SetArgs {
    /// The product code.
    code: String,
    /// The key: name.LANG, unit, price, currency, vat, vat_category, exemption, family, gtin,
    /// sku, active.
    key: String,
    /// The new value; empty removes an optional key.
    value: String,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Only the products of this family.
    #[arg(long, value_name = "FAMILY")]
    family: Option<String>,
    /// Include inactive products.
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    format: FormatArg,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The product code.
    code: String,
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    format: FormatArg,
}

/// Runs `folio product`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    match &args.command {
        Sub::Add(add) => run_add(add, &context.location()?, out),
        Sub::Set(set) => run_set(set, &context.location()?, out),
        Sub::List(list) => {
            let book = context.book()?;
            let products: Vec<&Product> = book
                .products
                .iter()
                .filter(|p| args_family(list, p) && (list.all || p.active))
                .collect();
            let rows = ProductRows {
                products,
                currency: book_currency(book),
                language: book.config.default_language(),
            };
            output::render(&rows, list.format.into(), context.style(), out)
        }
        Sub::Show(show) => {
            let book = context.book()?;
            let product = find(&book.products, &show.code)?;
            let fields = product_fields(product, &book_currency(book));
            match show.format {
                FormatArg::Json => {
                    let mut object = serde_json::Map::new();
                    for (key, value) in fields {
                        object.insert(key.into(), value);
                        if key == "code" {
                            object.insert("name".into(), serde_json::json!(product.name));
                        }
                    }
                    output::json::write_value(&object, out)?;
                    Ok(())
                }
                format => {
                    let names = product
                        .name
                        .iter()
                        .map(|(language, name)| (format!("name.{language}"), name.clone()));
                    let mut values = fields.into_iter().map(|(key, value)| {
                        let text = match value {
                            serde_json::Value::String(text) => text,
                            serde_json::Value::Null => String::new(),
                            other => other.to_string(),
                        };
                        (key.to_string(), text)
                    });
                    let rows: Vec<(String, String)> = values
                        .next()
                        .into_iter()
                        .chain(names)
                        .chain(values)
                        .collect();
                    output::render(&FieldRows(rows), format.into(), context.style(), out)
                }
            }
        }
    }
}

/// The currency of a product that names none.
fn book_currency(book: &crate::book::Book) -> String {
    book.config
        .currency
        .map(|c| c.to_string())
        .unwrap_or_default()
}

fn args_family(list: &ListArgs, product: &Product) -> bool {
    list.family
        .as_deref()
        .is_none_or(|family| product.family.as_deref() == Some(family))
}

/// The product `code`, or a not-found error naming the nearest codes.
fn find<'a>(catalogue: &'a Catalogue, code: &str) -> Result<&'a Product> {
    catalogue.get(code).ok_or_else(|| {
        let near = crate::diagnostic::nearest(code, catalogue.iter().map(|p| p.code.as_str()), 3);
        Error::NotFound(format!(
            "no product `{code}` in {PRODUCTS_DIR}/{}",
            crate::diagnostic::suggestion(&near)
        ))
    })
}

fn run_add(args: &AddArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    products::check_code(&args.code).map_err(Error::InvalidData)?;
    let _lock = args.lock.acquire(location, "folio product add")?;
    let book = crate::checks::load_for_writing(location)?;
    if book.products.get(&args.code).is_some() {
        return Err(Error::InvalidData(format!(
            "product `{}` exists already: change it with `folio product set {} KEY VALUE`",
            args.code, args.code
        )));
    }
    let language = book.config.default_language();
    let mut names = BTreeMap::new();
    for name in &args.name {
        let (language, text) = match name.split_once('=') {
            Some((lang, text)) if products::check_language_tag(lang).is_ok() => (lang, text),
            _ => (language.as_str(), name.as_str()),
        };
        names.insert(language.to_string(), text.to_string());
    }
    let decimal = |text: &str, what: &str| {
        crate::money::parse_decimal(text).ok_or_else(|| {
            Error::Usage(format!(
                "--{what} `{text}` is not a number: digits with '.' for decimals, e.g. 95.50"
            ))
        })
    };
    let vat = match &args.vat {
        Some(rate) => decimal(rate, "vat")?,
        None => rust_decimal::Decimal::ZERO,
    };
    let product = Product {
        code: args.code.clone(),
        name: names,
        unit: args.unit.clone(),
        price: decimal(&args.price, "price")?,
        currency: args.currency.clone(),
        vat,
        vat_category: args.vat_category.clone(),
        exemption: args.exempt.clone(),
        family: args.family.clone(),
        gtin: args.gtin.clone(),
        sku: args.sku.clone(),
        active: true,
    };
    let path = location
        .root
        .join(PRODUCTS_DIR)
        .join(format!("{}.toml", args.code));
    save(location, &path, &new_product_text(&product), &args.code)?;
    writeln!(out, "{}", args.code)?;
    Ok(())
}

fn run_set(args: &SetArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let _lock = args.lock.acquire(location, "folio product set")?;
    let book = crate::checks::load_for_writing(location)?;
    find(&book.products, &args.code)?;
    let path = product_file(&location.root, &args.code)?;
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let changed = set_product_key(&text, &args.key, &args.value)
        .map_err(|message| Error::InvalidData(format!("{}: {message}", args.key)))?;
    save(location, &path, &changed, &args.code)?;
    writeln!(out, "{}", args.code)?;
    Ok(())
}

/// The file of product `code` (in products/ or one of its subfolders).
fn product_file(root: &Path, code: &str) -> Result<PathBuf> {
    let files = write::files_below(root, PRODUCTS_DIR, "toml")?;
    let path = files
        .into_iter()
        .find(|path| path.file_stem().is_some_and(|stem| stem == code))
        .ok_or_else(|| Error::NotFound(format!("no product file for `{code}`")))?;
    write::confine(root, &path)?;
    Ok(path)
}

/// Writes a product file once `folio check` would accept it; else prints its problems and
/// writes nothing.
fn save(location: &Location, path: &Path, text: &str, code: &str) -> Result<()> {
    let root = &location.root;
    let shown = display_path(root, path.strip_prefix(root).unwrap_or(path));
    let read = read_product(text, code);
    if !read.problems.is_empty() {
        let problems: Vec<Diagnostic> = read
            .problems
            .into_iter()
            .map(|problem| {
                let (line, column) = crate::diagnostic::line_column(text, problem.offset);
                Diagnostic::error(&shown, line, column, problem.message)
            })
            .collect();
        let _ = output::diagnostic::write_all(&problems, &mut std::io::stderr().lock());
        return Err(Error::InvalidData(format!(
            "{} was not written: the product would be invalid",
            shown.display()
        )));
    }
    write::ensure_parent(path)?;
    write::confine(root, path)?;
    fsio::write_atomic(path, text.as_bytes())
}

/// A product's values other than its names, in the order `product show` lists them; an unset
/// optional value is null.
fn product_fields(
    product: &Product,
    book_currency: &str,
) -> Vec<(&'static str, serde_json::Value)> {
    let optional = |value: &Option<String>| serde_json::json!(value);
    vec![
        ("code", serde_json::json!(product.code)),
        ("unit", optional(&product.unit)),
        ("price", serde_json::json!(product.price.to_string())),
        (
            "currency",
            serde_json::json!(product.currency.as_deref().unwrap_or(book_currency)),
        ),
        (
            "vat",
            serde_json::json!(product.vat.normalize().to_string()),
        ),
        ("vat_category", serde_json::json!(product.category())),
        ("exemption", optional(&product.exemption)),
        ("family", optional(&product.family)),
        ("gtin", optional(&product.gtin)),
        ("sku", optional(&product.sku)),
        ("active", serde_json::json!(product.active)),
    ]
}

/// Products as rows: code, the name in the book's language (and which languages it has), unit,
/// price, currency, VAT, family, GTIN, SKU, active.
struct ProductRows<'a> {
    products: Vec<&'a Product>,
    currency: String,
    language: String,
}

impl Tabular for ProductRows<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("code"),
            Column::prose("name"),
            Column::text("languages").priority(2),
            Column::text("unit"),
            Column::amount("price"),
        ];
        for (key, priority) in [
            ("currency", 0),
            ("vat", 0),
            ("vat_category", 1),
            ("exemption", 2),
            ("family", 0),
            ("gtin", 2),
            ("sku", 2),
            ("active", 1),
        ] {
            columns.push(Column::text(key).priority(priority));
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        let optional = |value: &Option<String>| Cell::from(value.clone());
        self.products
            .iter()
            .map(|p| {
                let languages: Vec<&str> = p.name.keys().map(String::as_str).collect();
                vec![
                    Cell::from(p.code.clone()),
                    Cell::from(p.name_in(&self.language, &self.language).to_string()),
                    Cell::from(languages.join(" ")),
                    optional(&p.unit),
                    Cell::Decimal(p.price),
                    Cell::from(p.currency.clone().unwrap_or_else(|| self.currency.clone())),
                    Cell::Decimal(p.vat.normalize()),
                    Cell::from(p.category().to_string()),
                    optional(&p.exemption),
                    optional(&p.family),
                    optional(&p.gtin),
                    optional(&p.sku),
                    Cell::Bool(p.active),
                ]
            })
            .collect()
    }
}
