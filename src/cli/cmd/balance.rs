//! `folio balance`.

use crate::cli::Context;
use crate::cli::settings::{FilterArgs, ReportArgs};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::output::{self};
use crate::report::balance;
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
}

/// Prints the balance per contact and currency.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let scope = args.filter.scope(book, args.report.as_of())?;
    let ledger = Ledger::build(book, scope.side, scope.as_of, false);
    let report = balance::balance(book, &ledger, &scope);
    output::render(&report, args.report.format(), args.report.style(style), out)?;
    Ok(())
}
