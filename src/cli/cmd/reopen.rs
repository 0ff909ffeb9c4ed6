//! `folio reopen PERIOD --reason TEXT`: undoes the close of a period, with its reason recorded.

use crate::book::closes;
use crate::cli::Context;
use crate::cli::common::{LockArgs, PeriodArgs};
use crate::cli::settings::today;
use crate::error::Result;
use std::io::Write;

/// Arguments of `folio reopen`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Appends a reopen line with the reason to closes.journal: the close through the period's end no \
longer binds, so entries may be recorded or changed in it again, and a later `folio close` \
records a new digest. Closes are cumulative: the latest close in force is reopened first.\n\
Exit codes: 0 reopened, 2 bad period or no reason, 65 invalid book or a later close covers the \
period, 66 no close in force through that date, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo close 2026-Q3 && folio --book examples/demo reopen 2026-Q3 \
--reason \"credit note booked in the wrong quarter\"\n  \
folio --book examples/demo close 2026-06 && folio --book examples/demo reopen --to 2026-06-30 \
--reason \"VAT return corrected\"")]
pub struct Args {
    #[command(flatten)]
    period: PeriodArgs,
    /// Why the period is reopened (kept in closes.journal).
    #[arg(long, value_name = "TEXT", required = true)]
    reason: String,
    #[command(flatten)]
    lock: LockArgs,
}

/// Reopens the period and says which close it undid.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let through = args.period.through()?;
    let location = &context.location()?;
    let _lock = args.lock.acquire(location, "folio reopen")?;
    let book = crate::checks::load_for_writing(location)?;
    let line = closes::reopen(&book, through, today(), &args.reason)?;
    writeln!(
        out,
        "reopened the period through {through} ({}:{}): recording into it is allowed again",
        book.closes.shown.display(),
        line.line
    )?;
    Ok(())
}
