//! `folio quote CONTACT --item ...`: a quote (`quotes/<ID>.toml`, numbered `Q-{year}-{seq:04}`,
//! valid 30 days unless `--valid-until`); `folio quote accept Q-...`: the invoice it becomes;
//! `folio quote list`: the quotes with their status.

use crate::book::Location;
use crate::cli::Context;
use crate::cli::common::{LockArgs, judge_credit};
use crate::cli::items::ItemArgs;
use crate::cli::settings::{
    ReportArgs, parse_currency_arg, parse_end_date, parse_start_date, today,
};
use crate::document::issue::Sale;
use crate::document::quote::{self, NewQuote};
use crate::error::{Error, Result};
use crate::journal::Kind;
use crate::money::Currency;
use crate::output;
use crate::record::credit::{self, CreditPolicy};
use crate::record::{Due, NewEntry};
use crate::report::register::{self, DocumentFilter, DocumentKind, QuoteList, Status};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio quote`.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Prints the new quote's id. A quote has no journal line; `folio quote accept` turns it into an \
invoice (the document and its journal line) and marks the quote accepted. Accepting is refused (exit 1) \
when the credit check refuses the invoice and [credit] enforce = true or --enforce-credit asks for it; \
--override-credit REASON accepts it all the same.\n\n\
Examples:\n  folio --book examples/demo quote maison-beaumont --item \"Lighting plan\" --price 4800 --vat 21 --date 2026-11-25 --valid-until 2026-12-31 --buyer-ref MB-2026-12\n  \
folio --book examples/demo quote accept Q-2026-0001\n  \
folio --book examples/demo quote list --status open\n  \
folio --book examples/demo render Q-2026-0001 --format pdf --out quote.pdf"
)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The contact id.
    #[arg(value_name = "CONTACT", required = true)]
    contact: Option<String>,
    /// The quote's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// The last day it can be accepted (default: date + 30 days).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    valid_until: Option<NaiveDate>,
    /// The currency (default: the contact's, else the book's).
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg)]
    currency: Option<Currency>,
    /// The quote's id (default: the next Q-{year}-{seq:04}).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Show the quote as it would be written, with its would-be number, and write nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    document: ItemArgs,
    #[command(flatten)]
    lock: LockArgs,
}

/// `folio quote accept` and `folio quote list`.
#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Turn a quote into an invoice: the invoice (document and journal line) is recorded and the
    /// quote marked accepted with its id. Prints the invoice's id.
    Accept(AcceptArgs),
    /// The quotes, by date: id, date, valid_until, contact, currency, amount, status (open,
    /// accepted, expired) and the invoice an accepted one became.
    #[command(after_help = "Examples:\n  folio --book examples/demo quote list\n  \
folio --book examples/demo quote list --status open --format json")]
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Only quotes with this status; repeat for several.
    #[arg(long = "status", value_enum, value_name = "STATUS")]
    statuses: Vec<QuoteStatus>,
    /// Only this contact's quotes.
    #[arg(long, value_name = "CONTACT")]
    contact: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--status` of `folio quote list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum QuoteStatus {
    /// Can still be accepted.
    Open,
    /// Became an invoice.
    Accepted,
    /// Past its last day, never accepted.
    Expired,
}

#[derive(Debug, clap::Args)]
struct AcceptArgs {
    /// The quote's id.
    #[arg(value_name = "QUOTE")]
    quote: String,
    /// The invoice's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// The invoice's due date (default: date + the contact's terms, else the book's).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, conflicts_with = "terms")]
    due: Option<NaiveDate>,
    /// Payment terms in days: due = date + DAYS.
    #[arg(long, value_name = "DAYS")]
    terms: Option<u32>,
    /// The invoice's id (default: the next invoice number).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// The buyer's reference (BT-10), when the acceptance brought one (default: the quote's, else
    /// the contact's buyer_reference).
    #[arg(long = "buyer-ref", value_name = "REF")]
    buyer_reference: Option<String>,
    /// The buyer's purchase order number (BT-13), when the acceptance brought one.
    #[arg(long = "order-ref", value_name = "PO")]
    order_reference: Option<String>,
    /// Refuse the invoice when `folio credit check` would (over the limit or on hold);
    /// `[credit] enforce = true` in folio.toml always does.
    #[arg(long)]
    enforce_credit: bool,
    /// Accept it all the same when the credit check refuses, with this reason (kept on the
    /// invoice's line as override-credit:REASON).
    #[arg(long, value_name = "REASON")]
    override_credit: Option<String>,
    /// Record the invoice even when its date breaks the order of its sequence's numbers (before a
    /// lower-numbered document): the line is marked backdated:yes.
    #[arg(long)]
    allow_backdate: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs `folio quote`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    match &args.action {
        Some(Action::Accept(accept)) => return run_accept(accept, location, out),
        Some(Action::List(list)) => return run_list(list, context, out),
        None => {}
    }
    let contact = args
        .contact
        .clone()
        .ok_or_else(|| Error::Usage("the CONTACT is missing".into()))?;
    if !args.document.check_options()? {
        return Err(Error::Usage(
            "a quote needs items: --item \"...\" --price P --vat R, or --items FILE".into(),
        ));
    }
    let _lock = args.lock.acquire(location, "folio quote")?;
    let book = crate::checks::load_for_writing(location)?;
    let sale = Sale::of(&book, &contact, args.currency)?;
    let draft = args.document.draft(&sale)?.unwrap_or_default();
    let quote = quote::build(
        &book,
        NewQuote {
            contact,
            date: args.date.unwrap_or_else(today),
            valid_until: args.valid_until,
            currency: args.currency,
            id: args.id.clone(),
            draft,
        },
    )?;
    if args.dry_run {
        crate::cli::items::show_as_text(&book, &quote, out)?;
        return crate::cli::items::said_dry_run(&quote.id);
    }
    quote::write(&book, &quote)?;
    writeln!(out, "{}", quote.id)?;
    Ok(())
}

fn run_list(args: &ListArgs, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    if let Some(id) = &args.contact {
        book.require_contact(id)?;
    }
    let filter = DocumentFilter {
        kinds: vec![DocumentKind::Quote],
        statuses: args
            .statuses
            .iter()
            .map(|status| match status {
                QuoteStatus::Open => Status::Open,
                QuoteStatus::Accepted => Status::Accepted,
                QuoteStatus::Expired => Status::Expired,
            })
            .collect(),
        contact: args.contact.clone(),
        ..DocumentFilter::default()
    };
    let quotes = crate::document::quote::summaries(book)?;
    let list = QuoteList(register::documents(
        book,
        args.report.as_of(),
        &filter,
        &quotes,
    ));
    output::render(
        &list,
        args.report.format(),
        args.report.style(context.style()),
        out,
    )?;
    Ok(())
}

fn run_accept(args: &AcceptArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    if let Some(reason) = &args.override_credit {
        credit::override_value(reason)?;
    }
    let _lock = args.lock.acquire(location, "folio quote accept")?;
    let book = crate::checks::load_for_writing(location)?;
    let quote_document = crate::document::read(&book.root, &args.quote)?;
    let date = args.date.unwrap_or_else(today);
    let mut draft = quote::acceptable(&quote_document, date)?;
    if args.buyer_reference.is_some() {
        draft.buyer_reference.clone_from(&args.buyer_reference);
    }
    if args.order_reference.is_some() {
        draft.order_reference.clone_from(&args.order_reference);
    }
    let currency = Currency::parse(&quote_document.currency);
    let new = NewEntry {
        kind: Kind::Invoice,
        contact: quote_document.contact.clone(),
        amount: String::new(),
        date,
        due: match (args.due, args.terms) {
            (Some(date), _) => Due::On(date),
            (None, Some(days)) => Due::Days(days),
            (None, None) => Due::Terms,
        },
        currency,
        reference: None,
        meta: vec![("quote".to_string(), quote_document.id.clone())],
        memo: None,
        id: args.id.clone(),
        with_document: true,
        allow_backdate: args.allow_backdate,
    };
    let policy = CreditPolicy::of(
        &book,
        args.enforce_credit,
        args.override_credit.as_deref(),
        today(),
    );
    let mut invoice_id = Vec::new();
    crate::cli::items::record(
        Kind::Invoice,
        &book,
        new,
        draft,
        |new: &mut NewEntry| judge_credit(&book, new, &policy),
        &mut invoice_id,
    )?;
    let invoice_id = String::from_utf8_lossy(&invoice_id).trim().to_string();
    quote::mark_accepted(&book, &quote_document, date, &invoice_id)?;
    writeln!(out, "{invoice_id}")?;
    Ok(())
}
