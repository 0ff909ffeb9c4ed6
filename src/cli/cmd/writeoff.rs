//! `folio writeoff`: one write-off (CONTACT AMOUNT --reason R), or every open residue below a
//! threshold (`--below 1.00 --as-of D`).

use crate::cli::Context;
use crate::cli::common::{LockArgs, append, parse_meta, write_notes};
use crate::cli::settings::{
    FormatArg, parse_currency_arg, parse_end_date, parse_start_date, today,
};
use crate::error::{Error, Result};
use crate::fsio;
use crate::journal::Side;
use crate::money::{Currency, format_amount};
use crate::output::{self, Format};
use crate::record::writeoff::{self, Cleared};
use crate::record::{self, Due, NewEntry};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Arguments of `folio writeoff`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A write-off clears what is left open of an item that will not be paid in full: a bank charge \
withheld from a payment, a rounding difference, a bad debt. It lowers the balance like a credit \
note (its --ref, else the oldest open items) but is no credit note: it has its own numbers \
(WO-{year}-{seq:04}, PWO-... with --payables; [numbering] writeoff, payable_writeoff), and \
collection, revenue, the dashboard and the VAT return leave it out. It may clear no more than is \
open on --ref, or on the contact's open items in its currency, as of its date. Prints the new id.\n\n\
--below AMOUNT clears every residue under AMOUNT as of --as-of (default today): each open item \
that was partly settled and has less than AMOUNT open gets a write-off of what is open, dated \
--as-of, with ref: to it and reason:rounding (or --reason). Running it again writes nothing. It \
prints what it wrote (or, with --dry-run, would write) as a table, CSV or JSON.\n\
Exit codes: 0 recorded (--below: also when nothing was open below AMOUNT), 2 usage, 65 invalid \
entry or book (a write-off above what is open), 66 no book, 74 I/O error, 75 lock not obtained \
in time.\n\n\
Examples:\n  folio --book examples/demo writeoff hudson-loft 25.00 --ref INV-2026-0104 --reason bank-charges --date 2026-11-30\n  \
folio --book examples/demo writeoff cafe-leopold 508.20 --ref INV-2026-0094 --reason bad-debt --vat 21 --date 2026-11-30\n  \
folio --book examples/demo writeoff textiles-rousseau 0.40 --payables --reason rounding --date 2026-11-30\n  \
folio --book examples/demo writeoff --below 1.00 --as-of 2026-12-31 --dry-run")]
pub struct Args {
    /// The contact id (not with --below).
    #[arg(
        value_name = "CONTACT",
        required_unless_present = "below",
        conflicts_with = "below"
    )]
    contact: Option<String>,
    /// The amount written off, positive: 25.00 (not with --below).
    #[arg(
        value_name = "AMOUNT",
        allow_negative_numbers = true,
        required_unless_present = "below"
    )]
    amount: Option<String>,
    /// The document it clears: an invoice or refund, a bill with --payables (default: the
    /// oldest open items).
    #[arg(long = "ref", value_name = "DOC", conflicts_with = "below")]
    reference: Option<String>,
    /// Why, kept on the line as reason:...: required for one write-off; --below takes rounding
    /// unless told otherwise.
    #[arg(long, value_enum, value_name = "REASON")]
    reason: Option<Reason>,
    /// Write off what we owe a supplier (a payable-writeoff) instead of what a customer owes.
    #[arg(long)]
    payables: bool,
    /// With --reason bad-debt: the VAT the amount includes, to recover (vat:RATE on the line;
    /// `folio vat` shows it as bad-debt relief).
    #[arg(long, value_name = "RATE", conflicts_with = "below")]
    vat: Option<String>,
    /// Clear every partly settled open item with less than this amount open.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_threshold)]
    below: Option<Decimal>,
    /// With --below: the date of the open items and of the write-offs (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, requires = "below")]
    as_of: Option<NaiveDate>,
    /// Show what would be written, with the numbers it would get, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// With --below: the output format of what was written.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// The write-off's date (default: today; not with --below, which uses --as-of).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true, conflicts_with = "below")]
    date: Option<NaiveDate>,
    /// The currency (default: the contact's, else the book's).
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, conflicts_with = "below")]
    currency: Option<Currency>,
    /// A memo, kept after `;` on the line.
    #[arg(long, value_name = "TEXT", conflicts_with = "below")]
    memo: Option<String>,
    /// Free metadata, repeatable: --meta case=42 (or case:42).
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta, conflicts_with = "below")]
    meta: Vec<(String, String)>,
    /// The document id (default: the next number of `[numbering] writeoff` or `payable_writeoff`).
    #[arg(long, value_name = "ID", conflicts_with = "below")]
    id: Option<String>,
    #[command(flatten)]
    lock: LockArgs,
}

/// `--reason`: the words `reason:` takes in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Reason {
    /// A bank charge withheld from a payment.
    BankCharges,
    /// A rounding or small difference.
    Rounding,
    /// A debt that will not be paid.
    BadDebt,
    /// Anything else.
    Other,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::BankCharges => "bank-charges",
            Reason::Rounding => "rounding",
            Reason::BadDebt => "bad-debt",
            Reason::Other => "other",
        }
    }
}

fn parse_threshold(text: &str) -> std::result::Result<Decimal, String> {
    crate::money::parse_positive_amount(text)
        .map_err(|problem| format!("invalid amount `{text}`: {problem}"))
}

/// Records one write-off, or clears the residues below `--below`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let side = if args.payables {
        Side::Payables
    } else {
        Side::Receivables
    };
    if let Some(below) = args.below {
        let reason = args.reason.unwrap_or(Reason::Rounding);
        return clear_residues(args, context, side, below, reason, out);
    }
    let reason = args.reason.ok_or_else(|| {
        Error::Usage("--reason is required: bank-charges, rounding, bad-debt or other".into())
    })?;
    let amount = args.amount.clone().unwrap_or_default();
    if amount.starts_with(['-', '+']) {
        return Err(Error::Usage(format!(
            "AMOUNT `{amount}` has a sign: a write-off is written positive and always lowers the balance"
        )));
    }
    let mut meta = vec![("reason".to_string(), reason.as_str().to_string())];
    if let Some(rate) = &args.vat {
        meta.push(("vat".to_string(), bad_debt_vat(reason, rate)?));
    }
    if args
        .meta
        .iter()
        .any(|(key, _)| matches!(key.as_str(), "reason" | "vat"))
    {
        return Err(Error::Usage(
            "give the reason with --reason and the VAT with --vat, not with --meta".into(),
        ));
    }
    meta.extend(args.meta.iter().cloned());
    let new = NewEntry {
        kind: writeoff::kind_of(side),
        contact: args.contact.clone().unwrap_or_default(),
        amount,
        date: args.date.unwrap_or_else(today),
        due: Due::Terms,
        currency: args.currency,
        reference: args.reference.clone(),
        meta,
        memo: args.memo.clone(),
        id: args.id.clone(),
        with_document: false,
        allow_backdate: false,
    };
    let location = &context.location()?;
    let lock = args.lock.acquire(location, "folio writeoff")?;
    fsio::failpoint("locked");
    let book = crate::checks::load_for_writing(location)?;
    let prepared = record::prepare(&book, &new)?;
    writeoff::check_within_open(&book, &prepared)?;
    if args.dry_run {
        writeln!(out, "{}", prepared.line)?;
        return crate::cli::items::said_dry_run(&prepared.id);
    }
    append(&book, &prepared)?;
    drop(lock);
    writeln!(out, "{}", prepared.id)?;
    Ok(())
}

/// The `vat:` of `--vat RATE`: only a bad-debt write-off carries one, checked as the journal
/// reads it.
fn bad_debt_vat(reason: Reason, rate: &str) -> Result<String> {
    if reason != Reason::BadDebt {
        return Err(Error::Usage(format!(
            "--vat is only for --reason bad-debt, where it states the VAT to recover; a {} write-off carries no VAT",
            reason.as_str()
        )));
    }
    crate::journal::vat::parse_vat_tag(rate)
        .map_err(|message| Error::Usage(format!("--vat {rate}: {message}")))?;
    Ok(rate.to_string())
}

/// `--below`: a write-off for every residue under `below` as of `--as-of`, printed as a table.
fn clear_residues(
    args: &Args,
    context: &Context,
    side: Side,
    below: Decimal,
    reason: Reason,
    out: &mut dyn Write,
) -> Result<()> {
    let as_of = args.as_of.unwrap_or_else(today);
    let location = &context.location()?;
    let _lock = args.lock.acquire(location, "folio writeoff")?;
    fsio::failpoint("locked");
    let book = crate::checks::load_for_writing(location)?;
    let residues = writeoff::residues(&book, side, as_of, below);
    let prepared = writeoff::clearing(&book, &residues, as_of, reason.as_str())?;
    if !args.dry_run {
        for entry in &prepared {
            append(&book, entry)?;
        }
    }
    let format: Format = args.format.into();
    output::render(&Cleared::of(&prepared), format, context.style(), out)?;
    let mut notes = Vec::new();
    if prepared.is_empty() {
        notes.push(format!(
            "nothing to write off: no partly settled item has less than {} open as of {as_of}",
            format_amount(below)
        ));
    } else if args.dry_run {
        notes.push("dry run: nothing was written".to_string());
    }
    write_notes(&notes, format, out)
}
