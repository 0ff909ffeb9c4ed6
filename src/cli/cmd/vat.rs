//! `folio vat`.

use crate::cli::Context;
use crate::cli::common::write_notes;
use crate::cli::settings::{ReportArgs, parse_date_arg, usage};
use crate::error::Result;
use crate::output::{self};
use crate::report::vat::{self, Period};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio vat`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Rows are by entry date, credit and debit notes subtracted; the balance row is VAT on sales minus \
input VAT (positive: to pay, negative: to recover), per currency. Entries without VAT information are counted in a \
note, never guessed. See docs/vat.md.\n\n\
Examples:\n  folio --book examples/demo vat --period 2026-Q3\n  \
folio --book examples/demo vat --period 2026-09 --format json\n  \
folio --book examples/demo vat --from 2026-01-01 --to 2026-06-30 --format csv"
)]
pub struct Args {
    /// A year (2026), a quarter (2026-Q3) or a month (2026-09).
    #[arg(long, value_name = "PERIOD", value_parser = Period::parse, conflicts_with_all = ["from", "to"])]
    period: Option<Period>,
    /// The first day counted (default: the book's first entry).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    from: Option<NaiveDate>,
    /// The last day counted (default: the book's last entry).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    to: Option<NaiveDate>,
    #[command(flatten)]
    report: ReportArgs,
}

impl Args {
    /// The dates counted: the period, else --from and --to, each bounded by --as-of when given.
    fn period(&self) -> Result<Period> {
        let mut period = self.period.unwrap_or(Period {
            from: self.from.unwrap_or(NaiveDate::MIN),
            to: self.to.unwrap_or(NaiveDate::MAX),
        });
        if let Some(as_of) = self.report.as_of {
            period.to = period.to.min(as_of);
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(usage(format!(
                "--from {from} is after --to {to}: expected a first day on or before the last"
            )));
        }
        Ok(period)
    }
}

/// Prints the VAT of the period.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let period = args.period()?;
    let book = context.book()?;
    let documents = crate::document::vat_breakdowns(book)?;
    let report = vat::vat_report(book, &documents, period)?;
    let format = args.report.format();
    output::render(&report, format, args.report.style(context.style()), out)?;
    write_notes(&report.notes(), format, out)
}
