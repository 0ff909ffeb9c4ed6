//! `folio recur`: issue the recurring invoices (`[[recurring]]` in contact files) that have come
//! due; `--list` shows what comes next.

use crate::cli::Context;
use crate::cli::common::{LockArgs, judge_credit, write_notes};
use crate::cli::settings::ReportArgs;
use crate::error::{Error, Result};
use crate::output;
use crate::record::credit::{self, CreditPolicy};
use crate::record::recurring::{self, Numbering, Occurrence, Run, RunRow};
use std::io::Write;

/// Arguments of `folio recur`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Issues, once each, every invoice of a [[recurring]] schedule (contact files) whose day has come by \
--as-of (default today), oldest first, and prints them. Each invoice carries \
recur:<contact>/<schedule>:<period> on its journal line, which is how folio knows a period is \
issued: a run after days without one catches up, and running it again issues nothing twice. The \
book stays locked for the whole run, so two runs at once (cron) issue each invoice once. Schedules \
with items make a document, numbered like `folio invoice --item`.\n\
Exit codes: 0 done (also when nothing was due), 1 an invoice refused by the credit check (the \
others are issued), 2 usage, 65 an invoice could not be made or the book is invalid, 66 no book, \
74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo recur --list\n  \
folio --book examples/demo recur --dry-run --as-of 2026-12-31\n  \
folio --book examples/demo recur")]
pub struct Args {
    /// Show each schedule with its next date and amount instead of issuing anything.
    #[arg(long, conflicts_with_all = ["dry_run", "override_credit", "enforce_credit"])]
    list: bool,
    /// Show what would be issued, with the numbers it would get; nothing is written.
    #[arg(long)]
    dry_run: bool,
    /// Refuse an invoice that `folio credit check` would refuse (also when [credit] enforce is
    /// not set).
    #[arg(long)]
    enforce_credit: bool,
    /// Issue invoices the credit check refuses all the same, with this reason (kept on each
    /// line as override-credit:REASON).
    #[arg(long, value_name = "REASON")]
    override_credit: Option<String>,
    /// Issue an invoice even when its date is before that of the latest invoice already issued
    /// (the line is marked backdated:yes); without it such an invoice is refused and stays due.
    #[arg(long)]
    allow_backdate: bool,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs `folio recur`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let style = args.report.style(context.style());
    if args.list {
        let book = context.book()?;
        let upcoming = recurring::upcoming(book, args.report.as_of())?;
        output::render(&upcoming, args.report.format(), style, out)?;
        return Ok(());
    }
    if let Some(reason) = &args.override_credit {
        credit::override_value(reason)?;
    }
    let location = &context.location()?;
    let _lock = args.lock.acquire(location, "folio recur")?;
    let book = crate::checks::load_for_writing(location)?;
    // A run as of a date is judged as if it were that day, like everything else it does.
    let as_of = args.report.as_of();
    let mut policy = CreditPolicy::of(
        &book,
        args.enforce_credit,
        args.override_credit.as_deref(),
        as_of,
    );
    let mut numbering = Numbering::of(&book);
    let mut run = Run { rows: Vec::new() };
    let mut failures: Vec<(Occurrence, Error)> = Vec::new();
    for occurrence in recurring::due(&book, as_of) {
        let check = |new: &mut crate::record::NewEntry| {
            new.allow_backdate = args.allow_backdate;
            judge_credit(&book, new, &policy)
        };
        let ready = match recurring::prepare(&book, &occurrence, &mut numbering, check) {
            Ok(ready) => ready,
            Err(error @ (Error::Condition(_) | Error::InvalidData(_))) => {
                failures.push((occurrence, error));
                continue;
            }
            Err(error) => return Err(error),
        };
        if !args.dry_run {
            warn(&occurrence.tag(&book), &ready)?;
            ready.write(&book)?;
        }
        let row = RunRow::of(&book, &occurrence, &ready);
        if let Some(currency) = row.currency {
            policy.count(occurrence.contact, currency, row.amount);
        }
        run.rows.push(row);
    }
    output::render(&run, args.report.format(), style, out)?;
    if args.dry_run {
        let note = "dry run: nothing was written".to_string();
        write_notes(&[note], args.report.format(), out)?;
    }
    refused(&book, failures)
}

/// Prints what is odd about an invoice about to be written, naming its schedule and period.
fn warn(tag: &str, ready: &recurring::Ready) -> Result<()> {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let mut warnings = ready.prepared().warnings.clone();
    if let recurring::Ready::Document(issued) = ready {
        warnings.extend(issued.problems.iter().cloned());
        warnings.extend(crate::document::sending::warnings(&issued.document));
    }
    for warning in warnings {
        writeln!(err, "folio: warning: {tag}: {warning}")?;
    }
    Ok(())
}

/// The invoices that could not be made: each on stderr, then one error for the run: exit 1 when
/// only the credit check refused, else 65.
fn refused(book: &crate::book::Book, failures: Vec<(Occurrence, Error)>) -> Result<()> {
    if failures.is_empty() {
        return Ok(());
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for (occurrence, error) in &failures {
        writeln!(err, "folio: error: {}: {error}", occurrence.tag(book))?;
    }
    let message = format!(
        "{} recurring invoice(s) not issued; they stay due and the next run tries them again",
        failures.len()
    );
    if failures
        .iter()
        .all(|(_, error)| matches!(error, Error::Condition(_)))
    {
        Err(Error::Condition(message))
    } else {
        Err(Error::InvalidData(message))
    }
}
