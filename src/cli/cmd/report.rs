//! `folio report contribution|clv|collection|products|html`.

use crate::cli::Context;
use crate::cli::common::{render_converted, revenue, write_notes};
use crate::cli::settings::{
    ChartArg, ConvertArgs, FormatArg, chart_width, parse_end_date, parse_start_date, today, usage,
};
use crate::error::{Error, Result};
use crate::money::format_amount;
use crate::output::chart::{self, Bar, Chart, Tone};
use crate::output::{self, Format, Style};
use crate::report::convert::Totals;
use crate::report::metrics::Settings;
use crate::report::{clv, collection, contribution, dashboard, products};
use chrono::{Months, NaiveDate};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `folio report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Formulas, with examples, are in docs/analytics.md.\n\n\
Examples:\n  folio --book examples/demo report contribution --top 10\n  \
folio --book examples/demo report clv --to 2026-11-30\n  \
folio --book examples/demo report collection --period quarter --from 2026-01-01 --to 2026-12-31\n  \
folio --book examples/demo report collection --chart always\n  \
folio --book examples/demo report html --as-of 2026-11-25 --out folio-report")]
pub struct Args {
    #[command(subcommand)]
    report: Which,
}

#[derive(Debug, clap::Subcommand)]
enum Which {
    /// Revenue per customer, highest first, with share, cumulative share (Pareto) and ABC class.
    Contribution(RankedArgs),
    /// Customer lifetime value: historical, and predictive from the yearly retention rate.
    Clv(RankedArgs),
    /// Per period: billed, collected, collection rate, receivables, DSO, new and returning customers.
    Collection(CollectionArgs),
    /// Net quantity and net amount per product (or family) and currency, credit notes subtracted,
    /// with the customers buying it and its share; lines without a product code are `other`.
    Products(ProductsArgs),
    /// A self-contained HTML dashboard (inline CSS and SVG charts, no script, no network):
    /// writes DIR/index.html.
    Html(HtmlArgs),
}

/// The period and output options every analytics report takes.
#[derive(Debug, clap::Args)]
struct RangeArgs {
    /// First day counted (default: see `folio report SUBCOMMAND --help`).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// Last day counted (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    convert: ConvertArgs,
}

/// `contribution` and `clv`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Default period: contribution, the 12 months ending on --to; clv, the whole history up to --to."
)]
struct RankedArgs {
    #[command(flatten)]
    range: RangeArgs,
    /// Only the first N customers of each currency.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
}

/// `collection`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Default period: the last 12 months, 4 quarters or 3 years ending with the period that holds --to."
)]
struct CollectionArgs {
    #[command(flatten)]
    range: RangeArgs,
    /// Length of each row's period.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    period: PeriodArg,
    #[command(flatten)]
    chart: ChartArg,
}

/// `products`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Default period: the whole history up to --to. Amounts are net of VAT, after line and document \
discounts; an invoice recorded without a document counts under `other` at its net. docs/products.md."
)]
struct ProductsArgs {
    /// First day counted (default: the first entry).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// Last day counted (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
    /// Only this customer's sales: its mix of products.
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    /// Group by product code or by catalogue family.
    #[arg(long, value_enum, default_value_t = ByArg::Product)]
    by: ByArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ByArg {
    /// One row per product code.
    Product,
    /// One row per catalogue family.
    Family,
}

/// `html`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The page shows receivables, overdue, DSO, collection rate and payables per currency, \
the aging, receivables at each month end, top customers by balance and by revenue (Pareto), credit \
warnings and holds, the overdue list and the segments, each from the report that prints it. \
docs/html-report.md describes it."
)]
struct HtmlArgs {
    /// Report as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// The directory to write index.html into, created when missing.
    #[arg(long, value_name = "DIR", default_value = "folio-report")]
    out: PathBuf,
    #[command(flatten)]
    convert: ConvertArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PeriodArg {
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

impl RangeArgs {
    fn format(&self) -> Format {
        self.format.into()
    }

    fn style(&self, style: Style) -> Style {
        Style {
            raw_csv: self.raw,
            ..style
        }
    }

    /// `--to`, and `--from` or the given default, checked for order.
    fn range(
        &self,
        default_from: impl Fn(NaiveDate) -> Option<NaiveDate>,
    ) -> Result<(Option<NaiveDate>, NaiveDate)> {
        let to = self.to.unwrap_or_else(today);
        let from = self.from.or_else(|| default_from(to));
        if let Some(from) = from
            && from > to
        {
            return Err(usage(format!("--from {from} is after --to {to}")));
        }
        Ok((from, to))
    }
}

/// A year back from `to`: the day after the same date a year earlier.
fn year_before(to: NaiveDate) -> Option<NaiveDate> {
    to.checked_sub_months(Months::new(12))
        .and_then(|d| d.succ_opt())
}

/// Runs one of the reports.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let settings = Settings::of(book);
    // The products report reads the documents' lines instead.
    let revenue = || revenue(book);
    match &args.report {
        Which::Contribution(args) => {
            let (from, to) = args.range.range(year_before)?;
            let from = from.unwrap_or(NaiveDate::MIN);
            let report =
                contribution::contribution(book, &settings, &revenue()?, from, to, args.top);
            let format = args.range.format();
            let convert = args.range.convert.at(book, to);
            let style = args.range.style(style);
            render_converted(&report, convert, Totals::Whole, book, format, style, out)?;
            write_notes(&report.notes, format, out)?;
        }
        Which::Clv(args) => {
            let (from, to) = args.range.range(|_| None)?;
            let report = clv::clv(book, &settings, &revenue()?, from, to, args.top);
            let format = args.range.format();
            let convert = args.range.convert.at(book, to);
            let style = args.range.style(style);
            render_converted(&report, convert, Totals::Whole, book, format, style, out)?;
            write_notes(&report.notes, format, out)?;
        }
        Which::Collection(args) => {
            let period = match args.period {
                PeriodArg::Month => collection::Period::Month,
                PeriodArg::Quarter => collection::Period::Quarter,
                PeriodArg::Year => collection::Period::Year,
            };
            let (from, to) = args.range.range(|to| period.default_from(to))?;
            let from = from.unwrap_or(NaiveDate::MIN);
            let report = collection::collection(book, &revenue()?, from, to, period);
            let format = args.range.format();
            let draw = args.chart.enabled(format)?;
            let convert = args.range.convert.at(book, to);
            let totals = Totals::By("period");
            let shown = args.range.style(style);
            render_converted(&report, convert, totals, book, format, shown, out)?;
            write_notes(&report.notes, format, out)?;
            if draw && !report.rows.is_empty() {
                writeln!(out)?;
                let charts = collection_charts(&report);
                chart::write(&charts, chart_width(), args.range.style(style), out)?;
            }
        }
        Which::Products(args) => run_products(args, context, out)?,
        Which::Html(args) => {
            let as_of = args.as_of.unwrap_or_else(today);
            let convert = args.convert.target(book);
            let page =
                output::html::page(&dashboard::dashboard(book, &revenue()?, as_of, convert)?);
            std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
            let path = args.out.join("index.html");
            crate::fsio::write_generated(&path, page.as_bytes())?;
            writeln!(out, "{}", path.display())?;
        }
    }
    Ok(())
}

/// `folio report products`: reads the documents' lines, not the revenue of every entry.
fn run_products(args: &ProductsArgs, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let to = args.to.unwrap_or_else(today);
    if let Some(from) = args.from
        && from > to
    {
        return Err(usage(format!("--from {from} is after --to {to}")));
    }
    let contact = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    let by = match args.by {
        ByArg::Product => products::GroupBy::Product,
        ByArg::Family => products::GroupBy::Family,
    };
    let sales = crate::document::product_sales(book)?;
    let report = products::products(book, &sales, (args.from, to), contact, by)?;
    let style = Style {
        raw_csv: args.raw,
        ..context.style()
    };
    output::render(&report, args.format.into(), style, out)
}

/// One chart per currency: billed and collected in each period, with the collection rate.
fn collection_charts(report: &collection::CollectionReport) -> Vec<Chart> {
    let mut currencies: Vec<_> = report.rows.iter().map(|r| r.currency).collect();
    currencies.sort();
    currencies.dedup();
    currencies
        .into_iter()
        .map(|currency| {
            let mut bars = Vec::new();
            for row in report.rows.iter().filter(|r| r.currency == currency) {
                let rate = row.collection_rate.map_or(String::new(), |rate| {
                    format!("{}%", crate::money::percent_digits(rate, 2))
                });
                // Against what was collected, the amount billed VAT included: payments are.
                bars.push(Bar {
                    label: format!("{} billed", row.period),
                    value: row.billed_gross,
                    text: format_amount(row.billed_gross),
                    note: String::new(),
                    tone: Tone::Accent,
                });
                bars.push(Bar {
                    label: format!("{:width$} collected", "", width = row.period.len()),
                    value: row.collected,
                    text: format_amount(row.collected),
                    note: rate,
                    tone: Tone::Good,
                });
            }
            Chart {
                title: format!("{currency} billed (VAT included) and collected (collection rate)"),
                bars,
            }
        })
        .collect()
}
