//! `folio promise DOC|CONTACT --until D [--amount A]`: records a customer's promise to pay in
//! `collections.journal`.

use crate::book::collections::{self, CollectionLine, Event};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{parse_end_date, parse_start_date, today};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::ledger::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Arguments of `folio promise`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A promise pauses reminders (`folio remind`) from its day to --until, both included: of DOC, or of \
every open item of CONTACT. It is kept when, by --until, the items it covers were paid or \
credited by --amount (without it: by all that was open on them on the promise's day); else it is \
broken the day after --until: reminders resume, `folio alerts` raises a broken-promise alert, \
and the credit score counts it. The line goes to collections.journal (docs/dunning.md, \
\"Disputes and promises\"); prints it.\n\
Exit codes: 0 recorded, 1 nothing is open on DOC or CONTACT, 2 usage (--until before the \
promise's day, DOC is no invoice or refund), 65 invalid book, 66 no such document or contact, 75 \
lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo promise INV-2026-0094 --until 2026-12-15 --date 2026-11-25\n  \
folio --book examples/demo promise cafe-leopold --until 2026-12-31 --amount 500.00 --note \"phone call with Marc\" --date 2026-12-05")]
pub struct Args {
    /// The invoice or refund promised, or the contact (all of its open items).
    #[arg(value_name = "DOC|CONTACT")]
    target: String,
    /// The last day of the promise.
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    until: NaiveDate,
    /// What the customer promised to pay (default: everything open it covers).
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount_arg)]
    amount: Option<Decimal>,
    /// A note kept on the line (who promised, how).
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// The day the promise was made (default: today).
    #[arg(long, visible_alias = "as-of", value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

fn parse_amount_arg(text: &str) -> std::result::Result<Decimal, String> {
    crate::money::parse_positive_amount(text).map_err(|e| e.to_string())
}

/// Records the promise and prints the line.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let note = args
        .note
        .as_deref()
        .map(collections::note_text)
        .transpose()?;
    let lock = args.lock.acquire(location, "folio promise")?;
    let book = crate::checks::load_for_writing(location)?;
    let date = args.date.unwrap_or_else(today);
    if args.until < date {
        return Err(Error::Usage(format!(
            "--until {} is before the promise's day, {date}",
            args.until
        )));
    }
    let ledger = Ledger::build(&book, Side::Receivables, date, false);
    let open = match book.find_entry(&args.target) {
        Some(entry) => {
            let found = &book.entries[entry as usize];
            collections::check_receivable(found.kind, &args.target, "promised")?;
            ledger.open_amount(entry)
        }
        None => {
            let contact = book.contact_index(&args.target).ok_or_else(|| {
                let ids = book
                    .entries
                    .iter()
                    .map(|e| book.entry_id(e))
                    .chain(book.contacts.iter().map(|c| c.id.as_str()));
                let near = crate::diagnostic::nearest(&args.target, ids, 3);
                Error::NotFound(format!(
                    "no document or contact `{}` in this book{}",
                    args.target,
                    crate::diagnostic::suggestion(&near)
                ))
            })?;
            ledger
                .accounts
                .iter()
                .filter(|a| a.contact == contact)
                .flat_map(|a| &a.open_items)
                .map(|item| item.open)
                .sum()
        }
    };
    if open.is_zero() {
        return Err(Error::Condition(format!(
            "nothing is open on {} on {date}: there is nothing to promise",
            args.target
        )));
    }
    let line = CollectionLine {
        date,
        event: Event::Promise {
            until: args.until,
            amount: args.amount,
        },
        target: args.target.clone(),
        note,
        line: 0,
    };
    crate::fsio::failpoint("locked");
    collections::append(&book.root, &line)?;
    drop(lock);
    writeln!(out, "{}", line.to_line())?;
    Ok(())
}
