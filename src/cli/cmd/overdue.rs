//! `folio overdue`.

use crate::cli::Context;
use crate::cli::common::render_converted;
use crate::cli::settings::{ConvertArgs, FilterArgs, ReportArgs};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::report::convert::Totals;
use crate::report::overdue;
use std::io::Write;

/// Arguments of `folio overdue`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  folio --book examples/demo overdue --as-of 2026-11-25\n  folio --book examples/demo overdue --min-days 30 --format csv"
)]
pub struct Args {
    /// Only items at least this many days past due.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_days: i64,
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// Prints the overdue items, oldest first.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let scope = args.filter.scope(book, args.report.as_of())?;
    let ledger = Ledger::build(book, scope.side, scope.as_of, false);
    let report = overdue::overdue(book, &ledger, &scope, args.min_days);
    render_converted(
        &report,
        args.convert.at(book, scope.as_of),
        Totals::Whole,
        book,
        args.report.format(),
        args.report.style(style),
        out,
    )
}
