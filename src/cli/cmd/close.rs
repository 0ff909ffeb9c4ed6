//! `folio close PERIOD`: closes every date up to the period's end, and `--list` the closes.

use crate::book::closes::{self, Closing};
use crate::cli::Context;
use crate::cli::common::{LockArgs, PeriodArgs};
use crate::cli::settings::{FormatArg, today};
use crate::error::Result;
use crate::report::closes::CloseList;
use std::io::Write;

/// Arguments of `folio close`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Records in closes.journal the closing date and the SHA-256 digest of every entry dated up to it \
and of their documents, with a snapshot of each entry's digest in closes/<DATE>.digest (commit \
both with the book). From then on recording refuses those dates and `folio check` names every \
entry or document of the period that changed, was added or removed. Closing is cumulative; \
closing a date already closed writes nothing. `folio reopen` undoes a close. See docs/git.md, \
\"Closed periods\".\n\
Exit codes: 0 closed (or already closed), 2 bad period, 65 invalid book or a closed period \
changed since its close, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo close 2026-Q2 --memo \"Q2 VAT filed\"\n  \
folio --book examples/demo close 2026-09\n  folio --book examples/demo close --to 2026-09-30\n  \
folio --book examples/demo close --list\n  folio --book examples/demo close --list --format json")]
pub struct Args {
    #[command(flatten)]
    period: PeriodArgs,
    /// A note kept with the close (why, what was filed).
    #[arg(long, value_name = "TEXT")]
    memo: Option<String>,
    /// List the closes instead: date, digest, entries, documents, reopened or not.
    #[arg(long, conflicts_with_all = ["period", "to", "memo"])]
    list: bool,
    /// Output format of --list.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    #[command(flatten)]
    lock: LockArgs,
}

/// Closes the period, or lists the closes.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    if args.list {
        let (closes, problems) = closes::read(&location.root)?;
        if problems.iter().any(crate::diagnostic::Diagnostic::is_error) {
            return Err(crate::error::Error::InvalidBook(problems));
        }
        let list = CloseList { closes: &closes };
        return crate::output::render(&list, args.format.into(), context.style(), out);
    }
    let through = args.period.through()?;
    let _lock = args.lock.acquire(location, "folio close")?;
    let book = crate::checks::load_for_writing(location)?;
    match closes::close(&book, through, today(), args.memo.as_deref())? {
        Closing::Recorded(line) => {
            let closes::Action::Close(seal) = &line.action else {
                unreachable!("close records a close")
            };
            writeln!(
                out,
                "closed through {through}: {} entries, {} documents, sha256:{} ({}:{})",
                seal.entries,
                seal.documents,
                seal.digest,
                book.closes.shown.display(),
                line.line
            )?;
        }
        Closing::AlreadyClosed(close) => writeln!(
            out,
            "{through} is already closed by {}; nothing written",
            book.closes.describe(&close)
        )?,
    }
    Ok(())
}
