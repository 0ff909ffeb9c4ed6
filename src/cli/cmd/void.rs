//! `folio void DOC`: a credit note (for an invoice or refund) or a debit note (for a bill) with
//! `ref:DOC` for what is still open on it.

use crate::book::Book;
use crate::cli::Context;
use crate::cli::common::{LockArgs, append, parse_meta};
use crate::cli::items;
use crate::cli::settings::{parse_start_date, today};
use crate::document::issue::{self, Draft};
use crate::document::{self, Document, DocumentKind};
use crate::error::Result;
use crate::fsio;
use crate::journal::Kind;
use crate::money::format_amount;
use crate::record::{self, Due, NewEntry};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio void`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Numbers are never deleted: a document is voided by a credit note (invoice, refund) or debit note \
(bill) that refers to it, for what is still open on it as of the void date; an itemised invoice \
by a credit note with the same lines and a document of its own. Prints the new id.\n\
Exit codes: 0 recorded, 1 nothing is open on DOC, 2 DOC cannot be voided (a payment...), \
65 invalid book or a date before the latest credit note (--allow-backdate), 66 no such document, \
75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo void INV-2026-0109 --date 2026-11-25 --memo \"order cancelled\"\n  \
folio --book examples/demo void INV-2026-0102")]
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
    /// Record the credit note even when its date breaks the order of its sequence's numbers (before a
    /// lower-numbered document): the line is marked backdated:yes.
    #[arg(long)]
    allow_backdate: bool,
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
    if let Some(invoice) = itemised_invoice(&book, &args.document)? {
        return void_with_document(args, &book, void, invoice, date, out);
    }
    let amount = format_amount(void.open);
    let new = note_entry(args, void.kind, void.contact, amount, date, void.currency);
    let prepared = record::prepare(&book, &new)?;
    fsio::failpoint("locked");
    append(&book, &prepared)?;
    drop(lock);
    writeln!(out, "{}", prepared.id)?;
    Ok(())
}

/// The document of `id` when it is an itemised invoice (a file in documents/), else `None`.
fn itemised_invoice(book: &Book, id: &str) -> Result<Option<Document>> {
    let Some(index) = book.find_entry(id) else {
        return Ok(None);
    };
    let entry = &book.entries[index as usize];
    let path = book
        .root
        .join(document::relative_path(DocumentKind::Invoice, id));
    if entry.kind != Kind::Invoice || !path.exists() {
        return Ok(None);
    }
    document::read(&book.root, id).map(Some)
}

/// Voids an itemised invoice with a credit note that has its own document: the invoice's lines,
/// discount and references, credited in full (a legal credit note cancels the invoice as
/// issued). What the customer already paid on it becomes a credit on the account, said on stderr.
fn void_with_document(
    args: &Args,
    book: &Book,
    void: record::Void,
    invoice: Document,
    date: NaiveDate,
    out: &mut dyn Write,
) -> Result<()> {
    let draft = Draft {
        items: invoice.items.clone(),
        discount: invoice.discount,
        notes: Vec::new(),
        buyer_reference: invoice.buyer_reference.clone(),
        order_reference: invoice.order_reference.clone(),
        delivery_date: invoice.delivery_date,
        deliver_to: invoice.deliver_to.clone(),
    };
    let contact = void.contact.clone();
    let mut new = note_entry(
        args,
        Kind::Credit,
        contact,
        String::new(),
        date,
        void.currency,
    );
    new.with_document = true;
    let total = issue::journal_amount(&draft.items, draft.discount)?;
    if let Ok(total) = total.parse::<rust_decimal::Decimal>()
        && total > void.open
    {
        writeln!(
            std::io::stderr(),
            "folio: note: {} was partly paid: the credit note cancels it in full, so {} {} already paid is now a credit on the account (pay it back with `folio refund`, or let it settle the next invoice)",
            args.document,
            format_amount(total - void.open),
            void.currency.as_str()
        )?;
    }
    fsio::failpoint("locked");
    items::record(Kind::Credit, book, new, draft, |_| Ok(()), out)
}

/// The credit or debit note that voids `args.document`: `ref:` to it, memo `void DOC` unless
/// `--memo` says otherwise, `amount` (empty when the items of a document make it).
fn note_entry(
    args: &Args,
    kind: Kind,
    contact: String,
    amount: String,
    date: NaiveDate,
    currency: crate::money::Currency,
) -> NewEntry {
    NewEntry {
        kind,
        contact,
        amount,
        date,
        due: Due::Terms,
        currency: Some(currency),
        reference: Some(args.document.clone()),
        meta: args.meta.clone(),
        memo: Some(
            args.memo
                .clone()
                .unwrap_or_else(|| format!("void {}", args.document)),
        ),
        id: args.id.clone(),
        with_document: false,
        allow_backdate: args.allow_backdate,
    }
}
