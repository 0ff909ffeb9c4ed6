//! `folio aging`.

use crate::book::config::validate_buckets;
use crate::cli::Context;
use crate::cli::common::render_converted;
use crate::cli::settings::{ChartArg, ConvertArgs, FilterArgs, ReportArgs, chart_width};
use crate::error::Result;
use crate::journal::Side;
use crate::ledger::Ledger;
use crate::money::format_amount;
use crate::output::chart::{self, Bar, Chart, Tone};
use crate::report::aging::{self, AgingDetail, AgingReport, Buckets};
use crate::report::convert::Totals;
use std::io::Write;

/// Arguments of `folio aging`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  folio --book examples/demo aging --as-of 2026-11-25\n  folio --book examples/demo aging --buckets 15,30,60 --detail\n  folio --book examples/demo aging --payables --format json\n  folio --book examples/demo aging --chart always"
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
    #[command(flatten)]
    convert: ConvertArgs,
    #[command(flatten)]
    chart: ChartArg,
}

/// Prints the aged balance.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
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
    let draw = args.chart.enabled(args.report.format())?;
    let convert = args.convert.at(book, scope.as_of);
    let format = args.report.format();
    if args.detail {
        let detail = AgingDetail {
            report: &report,
            book,
        };
        render_converted(&detail, convert, Totals::Whole, book, format, style, out)?;
    } else {
        render_converted(&report, convert, Totals::Whole, book, format, style, out)?;
    }
    if draw && !report.totals.is_empty() {
        writeln!(out)?;
        chart::write(&charts(&report, scope.side), chart_width(), style, out)?;
    }
    Ok(())
}

/// One chart per currency: its total row, column by column.
fn charts(report: &AgingReport, side: Side) -> Vec<Chart> {
    let what = match side {
        Side::Receivables => "receivables",
        Side::Payables => "payables",
    };
    let labels = report.buckets.labels();
    report
        .totals
        .iter()
        .map(|total| {
            let mut bars = vec![Bar {
                label: "current".into(),
                value: total.current,
                text: format_amount(total.current),
                note: String::new(),
                tone: Tone::Good,
            }];
            for (i, (label, value)) in labels.iter().zip(&total.buckets).enumerate() {
                bars.push(Bar {
                    label: label.clone(),
                    value: *value,
                    text: format_amount(*value),
                    note: String::new(),
                    tone: if i == 0 { Tone::Warn } else { Tone::Bad },
                });
            }
            if !total.unapplied.is_zero() {
                bars.push(Bar {
                    label: "unapplied".into(),
                    value: total.unapplied,
                    text: format_amount(total.unapplied),
                    note: String::new(),
                    tone: Tone::Plain,
                });
            }
            Chart {
                title: format!(
                    "{} {what} by days past due: total {}",
                    total.currency,
                    format_amount(total.total)
                ),
                bars,
            }
        })
        .collect()
}
