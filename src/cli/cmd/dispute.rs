//! `folio dispute DOC --reason TEXT` / `folio dispute DOC --resolved`: records that a customer
//! disputes an open item, or that the dispute is over, in `collections.journal`.

use crate::book::collections::{self, CollectionLine, Event};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{parse_start_date, today};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::ledger::Ledger;
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio dispute`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A disputed item is not reminded of (`folio remind` skips it) until the dispute is resolved; then \
the usual rules pick up where it stood. Aging, statements, overdue, `contact show` and the HTML \
report show it. The line goes to collections.journal (docs/dunning.md, \"Disputes and \
promises\"); prints it.\n\
Exit codes: 0 recorded, 1 nothing is open on DOC, DOC is already disputed, or (--resolved) not \
disputed, 2 usage (DOC is no invoice or refund, a date before DOC's), 65 invalid book, 66 no \
such document, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo dispute INV-2026-0101 --reason \"the colour study came a month late\" --date 2026-11-20\n  \
folio --book examples/demo dispute INV-2026-0094 --resolved --date 2026-11-30")]
pub struct Args {
    /// The invoice or refund disputed.
    #[arg(value_name = "DOC")]
    document: String,
    /// Why the customer disputes it.
    #[arg(long, value_name = "TEXT", required_unless_present = "resolved")]
    reason: Option<String>,
    /// The dispute is over: remind of the item again.
    #[arg(long, conflicts_with = "reason")]
    resolved: bool,
    /// The day of the dispute or of its resolution (default: today).
    #[arg(long, visible_alias = "as-of", value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

/// Records the dispute or its resolution and prints the line.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let reason = args
        .reason
        .as_deref()
        .map(collections::note_text)
        .transpose()?;
    let lock = args.lock.acquire(location, "folio dispute")?;
    let book = crate::checks::load_for_writing(location)?;
    let entry = book.require_entry(&args.document)?;
    let found = &book.entries[entry as usize];
    let date = args.date.unwrap_or_else(today);
    collections::check_receivable(found.kind, &args.document, "disputed")?;
    if date < found.date {
        return Err(Error::Usage(format!(
            "{date} is before {} ({}): give a --date on or after it",
            args.document, found.date
        )));
    }
    let disputed = book.collections.is_disputed(entry, date);
    let event = if args.resolved {
        if !disputed {
            return Err(Error::Condition(format!(
                "{} is not disputed on {date}: nothing to resolve",
                args.document
            )));
        }
        Event::Resolve
    } else {
        if disputed {
            return Err(Error::Condition(format!(
                "{} is already disputed on {date}; resolve it first with `folio dispute {} --resolved`",
                args.document, args.document
            )));
        }
        let ledger = Ledger::build(&book, Side::Receivables, date, false);
        if ledger.open_amount(entry).is_zero() {
            return Err(Error::Condition(format!(
                "nothing is open on {} on {date}: only open items can be disputed",
                args.document
            )));
        }
        Event::Dispute
    };
    let line = CollectionLine {
        date,
        event,
        target: args.document.clone(),
        note: reason,
        line: 0,
    };
    crate::fsio::failpoint("locked");
    collections::append(&book.root, &line)?;
    drop(lock);
    writeln!(out, "{}", line.to_line())?;
    Ok(())
}
