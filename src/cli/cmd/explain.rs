//! `folio explain`.

use crate::cli::Context;
use crate::cli::settings::{FormatArg, parse_end_date, today};
use crate::error::Result;
use crate::money::format_amount;
use crate::output::{self, Format, Style, json};
use crate::report::explain::{self, Explanation};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use serde_json::json;
use std::io::Write;

/// Arguments of `folio explain`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  folio --book examples/demo explain INV-2026-0001\n  folio --book examples/demo explain INV-2026-0001 --format json"
)]
pub struct Args {
    /// The document id.
    #[arg(value_name = "DOC")]
    document: String,
    /// Show the settlement as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
}

/// Prints how a document was settled.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let index = book.require_entry(&args.document)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let explanation = explain::explain(book, index, as_of);
    explanation.rates()?;
    match args.format {
        FormatArg::Json => json::write_value(&to_json(&explanation), out)?,
        FormatArg::Csv => output::render(&Applications(&explanation), Format::Csv, style, out)?,
        FormatArg::Table => write_text(&explanation, style, out)?,
    }
    Ok(())
}

fn write_text(e: &Explanation, style: Style, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "{} {} {} {}",
        e.kind.as_str(),
        e.document,
        format_amount(e.amount),
        e.currency
    )?;
    writeln!(
        out,
        "contact: {} ({})",
        crate::text::visible(&e.name),
        e.contact
    )?;
    writeln!(out, "date: {}   due: {}", e.date, e.due)?;
    if let Some(reference) = &e.reference {
        writeln!(out, "ref: {reference}")?;
    }
    if let Some((amount, currency)) = e.settles {
        writeln!(out, "settles: {} {currency}", format_amount(amount))?;
    }
    writeln!(out)?;
    if e.applications.is_empty() {
        writeln!(
            out,
            "{}",
            if e.is_debit {
                "Nothing applied to it yet."
            } else {
                "Not applied to any item yet."
            }
        )?;
    } else {
        writeln!(
            out,
            "{}",
            if e.is_debit {
                "Settled by:"
            } else {
                "Applied to:"
            }
        )?;
        output::render(&Applications(e), Format::Table, style, out)?;
    }
    writeln!(out)?;
    let label = if e.is_debit { "open" } else { "unapplied" };
    writeln!(
        out,
        "{label} as of {}: {} {}",
        e.as_of,
        format_amount(e.remaining),
        e.settled_currency()
    )?;
    if let Some((difference, currency)) = e.exchange_difference() {
        let what = if difference.is_sign_negative() {
            "loss"
        } else {
            "gain"
        };
        writeln!(
            out,
            "realised exchange difference: {} {currency} ({what})",
            format_amount(difference)
        )?;
    }
    Ok(())
}

/// True when an application is of a payment in another currency: the tables then show what
/// was paid and realised.
fn has_exchange(e: &Explanation) -> bool {
    e.applications.iter().any(|a| a.exchange.is_some())
}

/// The applications, with the remainder as the last row.
struct Applications<'a>(&'a Explanation);

impl Tabular for Applications<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("date"),
            Column::text("kind"),
            Column::text("document"),
            Column::amount("amount"),
        ];
        if has_exchange(self.0) {
            columns.extend([
                Column::amount("paid"),
                Column::text("paid_currency"),
                Column::text("rate"),
                Column::amount("carrying_value"),
                Column::amount("exchange_difference"),
            ]);
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.0
            .applications
            .iter()
            .map(|a| {
                let mut cells = vec![
                    Cell::Date(a.date),
                    Cell::from(a.kind.as_str()),
                    Cell::from(a.document.clone()),
                    Cell::Amount(a.amount),
                ];
                if has_exchange(self.0) {
                    cells.extend(match &a.exchange {
                        Some(x) => [
                            Cell::Amount(x.paid),
                            Cell::from(x.paid_currency.to_string()),
                            Cell::from(x.rate.clone()),
                            Cell::Amount(x.carrying),
                            Cell::Amount(x.difference),
                        ],
                        None => [Cell::Null, Cell::Null, Cell::Null, Cell::Null, Cell::Null],
                    });
                }
                cells
            })
            .collect()
    }
}

fn to_json(e: &Explanation) -> serde_json::Value {
    let applications: Vec<_> = e
        .applications
        .iter()
        .map(|a| {
            let mut value = json!({
                "date": a.date.to_string(),
                "kind": a.kind.as_str(),
                "document": a.document,
                "amount": format_amount(a.amount),
            });
            if let (Some(x), serde_json::Value::Object(map)) = (&a.exchange, &mut value) {
                map.insert("paid".into(), format_amount(x.paid).into());
                map.insert("paid_currency".into(), x.paid_currency.as_str().into());
                map.insert("rate".into(), x.rate.clone().into());
                map.insert("carrying_value".into(), format_amount(x.carrying).into());
                map.insert(
                    "exchange_difference".into(),
                    format_amount(x.difference).into(),
                );
            }
            value
        })
        .collect();
    let mut value = json!({
        "document": e.document,
        "kind": e.kind.as_str(),
        "contact": e.contact,
        "name": e.name,
        "currency": e.currency.as_str(),
        "date": e.date.to_string(),
        "due": e.due.to_string(),
        "amount": format_amount(e.amount),
        "ref": e.reference,
        "as_of": e.as_of.to_string(),
        "applications": applications,
        if e.is_debit { "open" } else { "unapplied" }: format_amount(e.remaining),
    });
    if let serde_json::Value::Object(map) = &mut value {
        if let Some((amount, currency)) = e.settles {
            map.insert("settles".into(), format_amount(amount).into());
            map.insert("settled_currency".into(), currency.as_str().into());
        }
        if let Some((difference, currency)) = e.exchange_difference() {
            map.insert(
                "exchange_difference".into(),
                format_amount(difference).into(),
            );
            map.insert("exchange_currency".into(), currency.as_str().into());
        }
    }
    value
}
