//! `folio company set KEY=VALUE...` and `folio company show`: the `[company]` of folio.toml.

use crate::book::company::{self, ConfigDocument};
use crate::book::{CONFIG_FILE, Location, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::FormatArg;
use crate::error::{Error, Result};
use crate::fsio;
use crate::output::{self, Format};
use crate::tabular::{Cell, Column, Rows, Tabular};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio company`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
An invoice, credit note or quote is issued only when [company] has the name, the address \
(street, city, country) and the VAT number (or company_id, for a company without one).\n\n\
Exit codes: 0 done, 2 usage, 65 invalid value (nothing written), 66 no book, 74 I/O error, \
75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo company show\n  \
folio --book examples/demo company set street=\"Rue Haute 114\" phone=\"+32 2 511 42 01\"")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Set keys of [company] in folio.toml, keeping its comments and layout.
    Set(SetArgs),
    /// Show the company, and what an invoice still needs.
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
struct SetArgs {
    /// key=value pairs: name, street, postcode, city, region, country (also as address.city ...),
    /// vat, company_id (or company-id), peppol, iban, bic, email, phone, language, legal, and
    /// currency (the book's default). An empty value removes the key.
    #[arg(value_name = "KEY=VALUE", required = true, value_parser = company::parse_assignment)]
    assignments: Vec<(String, String)>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
}

/// Runs a `folio company` subcommand.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    match &args.command {
        Sub::Set(args) => set(args, location, out),
        Sub::Show(args) => show(args, location, context, out),
    }
}

/// folio.toml's path, checked to stay in the book, and its text.
fn read_config(location: &Location) -> Result<(PathBuf, String)> {
    let path = location.root.join(CONFIG_FILE);
    write::confine(&location.root, &path)?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::InvalidData(format!(
            "{} is not UTF-8 text; re-save it as UTF-8 first",
            path.display()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    Ok((path, text))
}

/// Sets every `key=value` in one change: all of them are written, or none.
fn set(args: &SetArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let _lock = args.lock.acquire(location, "folio company set")?;
    let (path, text) = read_config(location)?;
    let shown = Path::new(CONFIG_FILE);
    let mut doc = ConfigDocument::parse(&text)
        .map_err(|m| Error::InvalidData(format!("{CONFIG_FILE}: {m}")))?;
    for (key, value) in &args.assignments {
        doc.set(key, value)
            .map_err(|m| Error::InvalidData(format!("{key}: {m}")))?;
    }
    let changed = doc.text();
    let config = company::validate(&changed, shown).map_err(|problems| {
        let _ = output::diagnostic::write_all(&problems, &mut std::io::stderr().lock());
        Error::InvalidData(format!(
            "{CONFIG_FILE} was not changed: the result would be invalid"
        ))
    })?;
    if changed != text {
        fsio::write_atomic(&path, changed.as_bytes())?;
    }
    writeln!(out, "{CONFIG_FILE}")?;
    let name = config.company.name.as_deref().unwrap_or(&config.name);
    let missing = company::missing_for_invoices(name, &config.company);
    if !missing.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "folio: note: invoices still need {} in [company]",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Shows every key of [`company::KEYS`] with its value, then what invoices still need.
fn show(
    args: &ShowArgs,
    location: &Location,
    context: &Context,
    out: &mut dyn Write,
) -> Result<()> {
    let (_, text) = read_config(location)?;
    let config = crate::book::read_toml::<crate::book::Config>(&text)
        .value
        .ok_or_else(|| {
            Error::InvalidData(format!(
                "{CONFIG_FILE} cannot be read; `folio check` says why"
            ))
        })?;
    let values = company::values(&config);
    let name = config.company.name.as_deref().unwrap_or(&config.name);
    let missing = company::missing_for_invoices(name, &config.company);
    match args.format {
        FormatArg::Json => {
            let mut object = serde_json::Map::new();
            for (key, value) in &values {
                object.insert(key.to_string(), serde_json::json!(value));
            }
            object.insert("missing_for_invoices".into(), serde_json::json!(missing));
            output::json::write_value(&object, out)?;
        }
        FormatArg::Csv => output::render(&Fields(&values), Format::Csv, context.style(), out)?,
        FormatArg::Table => {
            output::render(&Fields(&values), Format::Table, context.style(), out)?;
            if missing.is_empty() {
                writeln!(out, "\nReady to issue invoices.")?;
            } else {
                let keys: Vec<String> = missing.iter().map(|k| format!("{k}=...")).collect();
                writeln!(
                    out,
                    "\nInvoices still need {}: folio company set {}",
                    missing.join(", "),
                    keys.join(" ")
                )?;
            }
        }
    }
    Ok(())
}

/// The company's keys and values as key/value rows.
struct Fields<'a>(&'a [(&'static str, Option<String>)]);

impl Tabular for Fields<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![Column::text("key"), Column::prose("value")]
    }

    fn rows(&self) -> Rows<'_> {
        self.0
            .iter()
            .map(|(key, value)| {
                vec![
                    Cell::from(key.to_string()),
                    Cell::from(value.clone().unwrap_or_default()),
                ]
            })
            .collect()
    }
}
