//! `folio void DOC`: a credit note (for an invoice or refund) or a debit note (for a bill) with
//! `ref:DOC` for what is still open on it.

use crate::cli::Context;
use crate::cli::common::{LockArgs, append, parse_meta};
use crate::cli::settings::{parse_start_date, today};
use crate::error::Result;
use crate::fsio;
use crate::money::format_amount;
use crate::record::{self, Due, NewEntry};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio void`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Numbers are never deleted: a document is voided by a credit note (invoice, refund) or debit note \
(bill) that refers to it, for what is still open on it as of the void date. Prints the new id.\n\
Exit codes: 0 recorded, 1 nothing is open on DOC, 2 DOC cannot be voided (a payment...), \
65 invalid book, 66 no such document, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo void INV-2026-0102\n  \
folio --book examples/demo void INV-2026-0109 --date 2026-11-25 --memo \"order cancelled\"")]
pub struct Args {
    /// The invoice, refund or bill to void.
    #[arg(value_name = "DOC")]
    document: String,
    /// The date of the credit or debit note (default: today, or DOC's date if later).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// The memo (default: "void DOC").
    #[arg(long, value_name = "TEXT")]
    memo: Option<String>,
    /// Free metadata, repeatable: --meta reason=cancelled.
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    meta: Vec<(String, String)>,
    /// The document id of the note (default: the next number of its pattern).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    #[command(flatten)]
    lock: LockArgs,
}

/// Records the credit or debit note and prints its id.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let lock = args.lock.acquire(location, "folio void")?;
    let book = crate::checks::load_for_writing(location)?;
    let date = match args.date {
        Some(date) => date,
        None => {
            let document_date = book
                .find_entry(&args.document)
                .map(|i| book.entries[i as usize].date);
            document_date.map_or_else(today, |d| d.max(today()))
        }
    };
    let void = record::void(&book, &args.document, date)?;
    let new = NewEntry {
        kind: void.kind,
        contact: void.contact,
        amount: format_amount(void.open),
        date,
        due: Due::Terms,
        currency: Some(void.currency),
        reference: Some(args.document.clone()),
        meta: args.meta.clone(),
        memo: Some(
            args.memo
                .clone()
                .unwrap_or_else(|| format!("void {}", args.document)),
        ),
        id: args.id.clone(),
        with_document: false,
    };
    let prepared = record::prepare(&book, &new)?;
    fsio::failpoint("locked");
    append(&book, &prepared)?;
    drop(lock);
    writeln!(out, "{}", prepared.id)?;
    Ok(())
}
