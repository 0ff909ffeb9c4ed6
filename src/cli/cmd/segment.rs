//! `folio segment NAME`.

use crate::cli::Context;
use crate::cli::common::{WindowArg, revenue, write_notes};
use crate::cli::settings::ReportArgs;
use crate::error::Result;
use crate::output::{self};
use crate::report::metrics::{self, MetricsTable, Settings};
use crate::report::segments::{self, Segment};
use std::io::Write;

/// Arguments of `folio segment`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  folio --book examples/demo segment vip\n  \
folio --book examples/demo segment rfm:at-risk --as-of 2026-11-30 --format csv")]
pub struct Args {
    /// The segment: a [segments.NAME] of folio.toml, or a built-in one (`folio segments`).
    name: String,
    #[command(flatten)]
    window: WindowArg,
    #[command(flatten)]
    report: ReportArgs,
}

/// Prints the members of a segment with their metrics.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let rules = segments::compile_rules(&book.config)?;
    let segment = Segment::find(&args.name, &rules)?;
    let settings = Settings::of(book);
    let window = args.window.window(&settings);
    let revenue = revenue(book)?;
    let analytics = metrics::analyze(book, &settings, &revenue, args.report.as_of(), window);
    let outcome = segments::members(book, &analytics, &rules, segment.clone())?;
    let rows: Vec<&metrics::ContactMetrics> = analytics
        .contacts
        .iter()
        .filter(|m| outcome.members[m.contact as usize])
        .collect();
    let format = args.report.format();
    output::render(
        &MetricsTable {
            book,
            rows: rows.clone(),
        },
        format,
        args.report.style(style),
        out,
    )?;
    let mut notes: Vec<String> = segments::failure_note(&segment.name(&rules), &outcome)
        .into_iter()
        .collect();
    notes.extend(analytics.notes.iter().cloned());
    notes.extend(metrics::rows_vat_unknown_notes(rows.iter().copied()));
    write_notes(&notes, format, out)
}
