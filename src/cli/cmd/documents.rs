//! `folio documents`: one row per document with its status and what is still open on it.

use crate::cli::Context;
use crate::cli::settings::{
    ReportArgs, check_range, parse_currency_arg, parse_end_date, parse_start_date,
};
use crate::error::Result;
use crate::money::Currency;
use crate::output;
use crate::report::register::{self, DocumentFilter, DocumentKind, Status};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio documents`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
One row per invoice, credit note, quote, bill and debit note dated on or before --as-of, by date: \
id, kind, date, due, contact, currency, amount, open, status. `open` is what is still owed as of \
--as-of, from the same allocation as `balance` and `explain` (for a credit or debit note: what is \
not applied yet; empty for a quote). Status: open (nothing settled, not past due), partial (part \
settled, not past due), overdue (something open after the due date), paid (settled; a credit or \
debit note: applied in full), void (closed by a credit or debit note that refers to it, as `folio \
void` makes) with nothing paid on it, and for quotes open, accepted or expired. `--status open` lists everything with \
something still open: open, partial and overdue.\n\n\
Examples:\n  folio --book examples/demo documents --kind invoice --status open\n  \
folio --book examples/demo documents --status overdue --format csv\n  \
folio --book examples/demo documents --contact cafe-leopold --from 2026-01-01 --to 2026-06-30")]
pub struct Args {
    /// Only this kind: invoice, credit, quote, bill, debit; repeat for several.
    #[arg(
        long = "kind",
        value_enum,
        value_name = "KIND",
        help_heading = "Filters"
    )]
    kinds: Vec<KindArg>,
    /// Only this status: open (all with something open), partial, paid, overdue, void, accepted,
    /// expired; repeat for several.
    #[arg(
        long = "status",
        value_enum,
        value_name = "STATUS",
        help_heading = "Filters"
    )]
    statuses: Vec<StatusArg>,
    /// Only documents dated on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true, help_heading = "Filters")]
    from: Option<NaiveDate>,
    /// Only documents dated on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, help_heading = "Filters")]
    to: Option<NaiveDate>,
    /// Only this contact's documents.
    #[arg(long, value_name = "CONTACT", help_heading = "Filters")]
    contact: Option<String>,
    /// Only this currency.
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, help_heading = "Filters")]
    currency: Option<Currency>,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--kind` of `folio documents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    /// Sales invoices.
    Invoice,
    /// Credit notes.
    #[value(alias = "credit-note")]
    Credit,
    /// Quotes.
    Quote,
    /// Supplier bills.
    Bill,
    /// Supplier debit notes.
    #[value(alias = "debit-note")]
    Debit,
}

/// `--status` of `folio documents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatusArg {
    /// Something still open: open, partial or overdue.
    Open,
    /// Part settled, not past due.
    Partial,
    /// Settled in full.
    Paid,
    /// Something open after the due date.
    Overdue,
    /// Cancelled by credit or debit notes that refer to it, nothing paid.
    Void,
    /// Closed by write-offs, nothing paid.
    WrittenOff,
    /// A quote that became an invoice.
    Accepted,
    /// A quote past its last day.
    Expired,
}

impl KindArg {
    fn kind(self) -> DocumentKind {
        match self {
            KindArg::Invoice => DocumentKind::Invoice,
            KindArg::Credit => DocumentKind::Credit,
            KindArg::Quote => DocumentKind::Quote,
            KindArg::Bill => DocumentKind::Bill,
            KindArg::Debit => DocumentKind::Debit,
        }
    }
}

impl StatusArg {
    fn status(self) -> Status {
        match self {
            StatusArg::Open => Status::Open,
            StatusArg::Partial => Status::Partial,
            StatusArg::Paid => Status::Paid,
            StatusArg::Overdue => Status::Overdue,
            StatusArg::Void => Status::Void,
            StatusArg::WrittenOff => Status::WrittenOff,
            StatusArg::Accepted => Status::Accepted,
            StatusArg::Expired => Status::Expired,
        }
    }
}

/// Prints the documents that pass the filters.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    check_range(args.from, args.to)?;
    let book = context.book()?;
    if let Some(id) = &args.contact {
        book.require_contact(id)?;
    }
    let filter = DocumentFilter {
        kinds: args.kinds.iter().map(|k| k.kind()).collect(),
        statuses: args.statuses.iter().map(|s| s.status()).collect(),
        from: args.from,
        to: args.to,
        contact: args.contact.clone(),
        currency: args.currency,
    };
    let quotes = if filter.kinds.is_empty() || filter.kinds.contains(&DocumentKind::Quote) {
        crate::document::quote::summaries(book)?
    } else {
        Vec::new()
    };
    let report = register::documents(book, args.report.as_of(), &filter, &quotes);
    output::render(
        &report,
        args.report.format(),
        args.report.style(context.style()),
        out,
    )?;
    Ok(())
}
