//! `folio aging`.

use crate::book::Book;
use crate::book::config::validate_buckets;
use crate::cli::settings::{FilterArgs, ReportArgs};
use crate::error::Result;
use crate::ledger::Ledger;
use crate::output::{self, Style};
use crate::report::aging::{self, AgingDetail, Buckets};
use std::io::Write;

/// Arguments of `folio aging`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  folio --book examples/demo aging --as-of 2026-11-25\n  folio --book examples/demo aging --buckets 15,30,60 --detail\n  folio --book examples/demo aging --payables --format json"
)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    /// Upper bounds of the past-due buckets in days (default: [aging] buckets in folio.toml, else 30,60,90).
    #[arg(long, value_name = "DAYS,...", value_delimiter = ',', value_parser = clap::value_parser!(u32))]
    buckets: Option<Vec<u32>>,
    /// List every open item and unapplied credit instead of one row per contact.
    #[arg(long)]
    detail: bool,
    #[command(flatten)]
    report: ReportArgs,
}

/// Prints the aged balance.
pub fn run(args: &Args, book: &Book, style: Style, out: &mut dyn Write) -> Result<()> {
    let scope = args.filter.scope(book, args.report.as_of())?;
    let bounds = args
        .buckets
        .as_deref()
        .unwrap_or(&book.config.aging.buckets);
    validate_buckets(bounds)
        .map_err(|message| crate::cli::settings::usage(format!("--buckets: {message}")))?;
    let buckets = Buckets::new(bounds);
    let ledger = Ledger::build(book, scope.side, scope.as_of, false);
    let report = aging::aging(book, &ledger, &scope, &buckets, args.detail);
    let style = args.report.style(style);
    if args.detail {
        output::render(&AgingDetail(&report), args.report.format(), style, out)?;
    } else {
        output::render(&report, args.report.format(), style, out)?;
    }
    Ok(())
}
