//! `folio segments`, and `folio segments --changes`.

use crate::cli::Context;
use crate::cli::common::{WindowArg, render_converted, revenue, write_notes};
use crate::cli::settings::{ConvertArgs, ReportArgs, parse_end_date, parse_start_date, usage};
use crate::error::Result;
use crate::output::{self, Format};
use crate::report::convert::Totals;
use crate::report::metrics::{self, Settings};
use crate::report::segments;
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio segments`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Lists the rules of [segments.NAME] in folio.toml, then the built-in classes: RFM segments \
(rfm:champions ...), ABC classes (abc:a ...), frequency and amount tiers, credit grades (grade:a ...), and `all`. \
docs/segments.md and docs/analytics.md define them.\n\n\
With --changes, lists who entered or left each segment and class between --from and --to (each \
date with its own as-of and window), with the figures that moved them.\n\n\
Examples:\n  folio --book examples/demo segments --as-of 2026-11-30\n  \
folio --book examples/demo segments --window 12m --format json\n  \
folio --book examples/demo segments --changes --from 2026-06-30 --to 2026-11-30"
)]
pub struct Args {
    #[command(flatten)]
    window: WindowArg,
    /// List who entered or left each segment and class between --from and --to.
    #[arg(long, requires = "from", conflicts_with_all = ["as_of", "convert", "no_convert"])]
    changes: bool,
    /// With --changes: the first date, as of which members are compared.
    #[arg(long, value_name = "DATE", requires = "changes", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// With --changes: the second date (default: today).
    #[arg(long, value_name = "DATE", requires = "changes", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// Prints every segment with its members, revenue, share, balance and overdue; with
/// `--changes`, who entered or left each one between two dates.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    if args.changes {
        return changes(args, context, out);
    }
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

/// `--changes`: the segments as of --from and as of --to, compared member by member.
fn changes(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let to = args.to.unwrap_or_else(crate::cli::settings::today);
    let from = args.from.unwrap_or(to);
    if from >= to {
        return Err(usage(format!("--from {from} must be before --to {to}")));
    }
    let book = context.book()?;
    let rules = segments::compile_rules(&book.config)?;
    let settings = Settings::of(book);
    let window = args.window.window(&settings);
    let revenue = revenue(book)?;
    let (before, after) = rayon::join(
        || metrics::analyze(book, &settings, &revenue, from, window),
        || metrics::analyze(book, &settings, &revenue, to, window),
    );
    let report = segments::changes(book, &rules, &before, &after)?;
    let format = args.report.format();
    match format {
        Format::Json => output::json::write_value(&report.rows, out)?,
        _ => output::render(&report, format, args.report.style(context.style()), out)?,
    }
    let mut notes = report.notes;
    for note in before.notes.iter().chain(&after.notes) {
        if !notes.contains(note) {
            notes.push(note.clone());
        }
    }
    write_notes(&notes, format, out)
}
