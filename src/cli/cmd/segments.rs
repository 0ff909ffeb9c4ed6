//! `folio segments`.

use crate::cli::Context;
use crate::cli::common::{WindowArg, render_converted, revenue, write_notes};
use crate::cli::settings::{ConvertArgs, ReportArgs};
use crate::error::Result;
use crate::report::convert::Totals;
use crate::report::metrics::{self, Settings};
use crate::report::segments;
use std::io::Write;

/// Arguments of `folio segments`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Lists the rules of [segments.NAME] in folio.toml, then the built-in classes: RFM segments \
(rfm:champions ...), ABC classes (abc:a ...), frequency and amount tiers, and `all`. \
docs/segments.md and docs/analytics.md define them.\n\n\
Examples:\n  folio --book examples/demo segments --as-of 2026-11-30\n  \
folio --book examples/demo segments --window 12m --format json"
)]
pub struct Args {
    #[command(flatten)]
    window: WindowArg,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// Prints every segment with its members, revenue, share, balance and overdue.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let rules = segments::compile_rules(&book.config)?;
    let settings = Settings::of(book);
    let window = args.window.window(&settings);
    let revenue = revenue(book)?;
    let analytics = metrics::analyze(book, &settings, &revenue, args.report.as_of(), window);
    let report = segments::summary(book, &analytics, &rules)?;
    let format = args.report.format();
    render_converted(
        &report,
        args.convert.at(book, args.report.as_of()),
        Totals::By("segment"),
        book,
        format,
        args.report.style(style),
        out,
    )?;
    write_notes(&report.notes, format, out)
}
