//! `folio balance`.

use crate::cli::Context;
use crate::cli::common::render_converted;
use crate::cli::settings::{ConvertArgs, FilterArgs, ReportArgs};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::report::balance;
use crate::report::convert::Totals;
use std::io::Write;

/// Arguments of `folio balance`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  folio --book examples/demo balance\n  folio --book examples/demo balance --payables --as-of 2026-06-30 --format json"
)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// Prints the balance per contact and currency.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let scope = args.filter.scope(book, args.report.as_of())?;
    let ledger = Ledger::build(book, scope.side, scope.as_of, false);
    let report = balance::balance(book, &ledger, &scope);
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
