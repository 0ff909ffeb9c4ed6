//! `folio interest`: late-payment interest per invoice, listed or issued as debit notes.

use crate::book::Book;
use crate::cli::Context;
use crate::cli::common::{LockArgs, write_notes};
use crate::cli::settings::ReportArgs;
use crate::error::Result;
use crate::fsio;
use crate::output::{self, Format};
use crate::record::charges::{self, IssuedNotes};
use crate::report::interest;
use std::io::Write;

/// Arguments of `folio interest`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Lists, per invoice paid late or still overdue, the interest [dunning.interest] in folio.toml \
gives it: day by day on what was open, at the rate in force each day, from the day after the due \
date to the day it was settled (or --as-of), rounded once per invoice and period. `issued` is \
what debit notes already charged; `to_issue` the interest of the days not charged yet (`period`); \
`compensation` the fixed compensation not charged yet. docs/commands/interest.md gives the rules \
and the JSON keys.\n\n\
--issue records them: one debit note per invoice and period (an invoice entry numbered DN-..., \
with its document), and one for the compensation, tagged charge:interest|compensation for:INVOICE; \
running it again records nothing for the days already charged.\n\
Exit codes: 0 ok (also without [dunning.interest]: nothing is listed, a note says so), 2 usage, \
65 invalid book or no reference rate for a day of interest, 66 no book, 74 I/O error, 75 the \
book is locked.\n\n\
Examples:\n  folio --book examples/demo interest --as-of 2026-11-30\n  \
folio --book examples/demo interest --contact cafe-leopold --format json\n  \
folio --book examples/demo interest --issue --contact hangzhou-meiyuan --as-of 2026-11-30 --dry-run")]
pub struct Args {
    /// Only this contact's invoices.
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    /// Record the interest and compensation not charged yet as debit notes dated --as-of.
    #[arg(long)]
    issue: bool,
    /// With --issue: show the debit notes that would be recorded, and write nothing.
    #[arg(long, requires = "issue")]
    dry_run: bool,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    lock: LockArgs,
}

/// Lists the interest, or issues it.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    if args.issue {
        return issue(args, context, out);
    }
    let as_of = args.report.as_of();
    let format = args.report.format();
    let book = context.book()?;
    let contact = contact_of(args, book)?;
    let report = match &book.config.dunning.interest {
        Some(config) => interest::interest(book, config, as_of, contact)?,
        None => interest::InterestReport::empty(book),
    };
    output::render(&report, format, args.report.style(context.style()), out)?;
    write_notes(&unconfigured(book), format, out)
}

/// `--issue`: under the book's lock, every charge not recorded yet, all checked before the first
/// is written.
fn issue(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let as_of = args.report.as_of();
    let location = &context.location()?;
    let _lock = args.lock.acquire(location, "folio interest")?;
    fsio::failpoint("locked");
    let book = crate::checks::load_for_writing(location)?;
    let contact = contact_of(args, &book)?;
    let (pending, issued) = match &book.config.dunning.interest {
        Some(config) => {
            let report = interest::interest(&book, config, as_of, contact)?;
            let pending = charges::from_report(&report, config.min_amount);
            let issued = charges::prepare(&book, &pending, as_of)?;
            (pending, issued)
        }
        None => (Vec::new(), Vec::new()),
    };
    if !args.dry_run {
        for note in &issued {
            crate::record::write_with_document(&book, note)?;
        }
    }
    let format: Format = args.report.format();
    let notes_table = IssuedNotes::of(&book, &pending, &issued);
    output::render(&notes_table, format, context.style(), out)?;
    let mut notes = unconfigured(&book);
    if notes_table.is_empty() {
        notes.push(format!("nothing to issue as of {as_of}"));
    } else if args.dry_run {
        notes.push("dry run: nothing was written".to_string());
    }
    write_notes(&notes, format, out)
}

fn contact_of(args: &Args, book: &Book) -> Result<Option<u32>> {
    args.contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()
}

/// Interest is off until folio.toml turns it on: said as a note, not an error, so a book without
/// it lists nothing.
fn unconfigured(book: &Book) -> Vec<String> {
    if book.config.dunning.interest.is_some() {
        return Vec::new();
    }
    vec![
        "no interest is computed: folio.toml has no [dunning.interest]; set a yearly `rate = \"8.00\"`, or `points = \"8\"` with [[dunning.interest.reference]] rates (docs/dunning.md, \"Interest and fees\")".to_string(),
    ]
}
