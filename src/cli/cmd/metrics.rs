//! `folio metrics`.

use crate::cli::Context;
use crate::cli::common::{WindowArg, render_converted, revenue, write_notes};
use crate::cli::settings::{ConvertArgs, ReportArgs};
use crate::error::Result;
use crate::report::convert::Totals;
use crate::report::metrics::{self, MetricsTable, Settings};
use std::io::Write;

/// Arguments of `folio metrics`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Every metric is defined in docs/analytics.md. Amounts are in each contact's own currency; --convert adds them converted to one (docs/reports.md).\n\n\
Examples:\n  folio --book examples/demo metrics --as-of 2026-11-30\n  \
folio --book examples/demo metrics brasserie-du-sablon --window 90d --format json"
)]
pub struct Args {
    /// Only this contact (default: every customer that is not archived).
    contact: Option<String>,
    #[command(flatten)]
    window: WindowArg,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// Prints the metrics.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let only = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    let settings = Settings::of(book);
    let window = args.window.window(&settings);
    let revenue = revenue(book)?;
    let analytics = metrics::analyze(book, &settings, &revenue, args.report.as_of(), window);
    let rows = match only {
        Some(index) => vec![&analytics.contacts[index as usize]],
        None => analytics.listed().collect(),
    };
    let format = args.report.format();
    render_converted(
        &MetricsTable {
            book,
            rows: rows.clone(),
        },
        args.convert.at(book, args.report.as_of()),
        Totals::Whole,
        book,
        format,
        args.report.style(style),
        out,
    )?;
    let mut notes = analytics.notes.clone();
    notes.extend(metrics::rows_vat_unknown_notes(rows.iter().copied()));
    write_notes(&notes, format, out)
}
