//! `folio forecast`.

use crate::cli::Context;
use crate::cli::common::write_notes;
use crate::cli::settings::{FilterArgs, ReportArgs};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::report::forecast::{self, MAX_RUNS, MAX_WEEKS};
use std::io::Write;

/// Arguments of `folio forecast`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each open item is placed by its contact's own payment behaviour (the 25th, 50th and 75th percentile of days late of what it paid before); docs/commands/forecast.md gives the rules and the JSON keys.\n\n\
Examples:\n  folio --book examples/demo forecast --as-of 2026-11-30\n  \
folio --book examples/demo forecast --payables --weeks 8 --format csv\n  \
folio --book examples/demo forecast --backtest --runs 8"
)]
pub struct Args {
    /// How many weeks, the first being the as-of date's week (Monday to Sunday).
    #[arg(long, value_name = "N", default_value_t = 13, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_WEEKS)))]
    weeks: u32,
    /// Replay the book's past instead: forecast from each of the last --runs weeks' as-of dates
    /// with only the book as it was then, and compare with what was collected.
    #[arg(long)]
    backtest: bool,
    /// With --backtest: how many past as-of dates (one week apart) to replay.
    #[arg(long, value_name = "K", default_value_t = 13, requires = "backtest", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    runs: u32,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// Prints the forecast, or the backtest.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = args.report.style(context.style());
    let format = args.report.format();
    let scope = args.filter.scope(book, args.report.as_of())?;
    if args.backtest {
        let backtest = forecast::backtest(book, &scope, args.weeks, args.runs);
        return crate::output::render(&backtest, format, style, out);
    }
    let ledger = Ledger::build(book, scope.side, scope.as_of, true);
    let report = forecast::forecast(book, &ledger, &scope, args.weeks);
    crate::output::render(&report, format, style, out)?;
    write_notes(&report.notes, format, out)
}
