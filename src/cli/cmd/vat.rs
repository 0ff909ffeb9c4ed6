//! `folio vat`, `folio vat --grid CODE` and `folio vat listing --intra | --be`.

use crate::cli::Context;
use crate::cli::common::write_notes;
use crate::cli::settings::{ReportArgs, parse_end_date, parse_start_date, usage};
use crate::error::Result;
use crate::money::Currency;
use crate::output::{self, Format};
use crate::report::vat::grid::{self, find_grid};
use crate::report::vat::listing;
use crate::report::vat::rates::parse_rate;
use crate::report::vat::{self, Period, Rates};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Arguments of `folio vat`.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Rows are by entry date, credit and debit notes subtracted; the balance row is VAT on sales minus \
input VAT (positive: to pay, negative: to recover), per currency. Entries without VAT information are counted in a \
note, never guessed. Nothing is converted between currencies unless --rate or the book's rates/ give the rate. --grid be gives the \
boxes of the Belgian periodic VAT return instead. See docs/vat.md.\n\n\
Examples:\n  folio --book examples/demo vat --period 2026-Q3\n  \
folio --book examples/demo vat --period 2026-09 --format json\n  \
folio --book examples/demo vat --period 2026-Q3 --rate USD=0.92\n  \
folio --book examples/demo vat --grid be --period 2026-Q3\n  \
folio --book examples/demo vat listing --intra --period 2026-Q3\n  \
folio --book examples/demo vat listing --be --year 2026"
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<VatCommand>,
    #[command(flatten)]
    dates: DateArgs,
    /// The boxes of a country's periodic VAT return instead of the table: `be` (Belgium).
    #[arg(long, value_name = "CODE", value_parser = parse_grid)]
    grid: Option<String>,
    #[command(flatten)]
    rates: RateArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// `folio vat listing`.
#[derive(Debug, clap::Subcommand)]
enum VatCommand {
    /// The EC sales list (--intra) or the Belgian annual customer listing (--be).
    Listing(ListingArgs),
}

/// Arguments of `folio vat listing`.
#[derive(Debug, clap::Args)]
#[command(
    group = clap::ArgGroup::new("listing").required(true).args(["intra", "be"]),
    after_help = "--intra: per customer in another EU country with a VAT number, the net intra-community supplies \
of goods (category K) and services (AE), credit notes subtracted. --be: Belgian customers with a VAT number and at \
least 250.00 EUR net turnover in the year. Amounts in other currencies need --rate or the book's rates/. See docs/vat.md.\n\n\
Examples:\n  folio --book examples/demo vat listing --intra --period 2026-Q3\n  \
folio --book examples/demo vat listing --be --year 2026 --format json"
)]
struct ListingArgs {
    /// The EC sales list of the period.
    #[arg(long, conflicts_with = "year")]
    intra: bool,
    /// The Belgian annual listing of customers with a Belgian VAT number (needs --year).
    #[arg(long, requires = "year", conflicts_with_all = ["period", "from", "to"])]
    be: bool,
    /// The year of the Belgian listing.
    #[arg(long, value_name = "YYYY", value_parser = parse_year)]
    year: Option<Period>,
    #[command(flatten)]
    dates: DateArgs,
    #[command(flatten)]
    rates: RateArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--period`, or `--from` and `--to`.
#[derive(Debug, clap::Args)]
struct DateArgs {
    /// A year (2026), a quarter (2026-Q3) or a month (2026-09).
    #[arg(long, value_name = "PERIOD", value_parser = Period::parse, conflicts_with_all = ["from", "to"])]
    period: Option<Period>,
    /// The first day counted (default: the book's first entry).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// The last day counted (default: the book's last entry).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
}

/// `--rate CUR=RATE`, repeatable.
#[derive(Debug, clap::Args)]
struct RateArgs {
    /// Converts CUR: 1 CUR is worth RATE of the currency reported in (the book's; EUR for --grid
    /// be and the listings). Repeat for several currencies. Without it, the book's rates/ convert (at each entry's date), else nothing.
    #[arg(long = "rate", value_name = "CUR=RATE", value_parser = parse_rate)]
    rates: Vec<(Currency, Decimal)>,
}

impl RateArgs {
    /// The rates into `target`: these, else the book's rate of each entry's date.
    fn to_target(&self, target: Currency, book: &crate::book::Book) -> Result<Rates> {
        let fixed = Rates::fixed(target, &self.rates).map_err(usage)?;
        Ok(fixed.with_book_rates(&book.rates))
    }
}

fn parse_grid(text: &str) -> std::result::Result<String, String> {
    find_grid(text).map(|grid| grid.id().to_string())
}

fn parse_year(text: &str) -> std::result::Result<Period, String> {
    let is_year = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    match is_year {
        true => Period::parse(text),
        false => Err(format!(
            "`{text}` is not a year: expected four digits, e.g. 2026"
        )),
    }
}

impl DateArgs {
    /// The dates counted: the period, else --from and --to, each bounded by --as-of when given.
    fn period(&self, as_of: Option<NaiveDate>) -> Result<Period> {
        let mut period = self.period.unwrap_or(Period {
            from: self.from.unwrap_or(NaiveDate::MIN),
            to: self.to.unwrap_or(NaiveDate::MAX),
        });
        if let Some(as_of) = as_of {
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

/// Prints the VAT of the period, a country's return, or a listing.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    if let Some(VatCommand::Listing(listing)) = &args.command {
        return run_listing(listing, context, out);
    }
    let period = args.dates.period(args.report.as_of)?;
    let book = context.book()?;
    let format = args.report.format();
    if let Some(code) = &args.grid {
        let grid = find_grid(code).map_err(usage)?;
        let rates = args.rates.to_target(grid.currency(), book)?;
        let documents = crate::document::vat_breakdowns(book)?;
        let mut report = grid::grid_report(book, &documents, period, &rates, grid)?;
        report.labelled = format == Format::Table;
        output::render(&report, format, args.report.style(context.style()), out)?;
        return write_notes(&report.notes, format, out);
    }
    // The book's own rates convert too, so a book with `rates/` reports in its currency.
    let convert = !args.rates.rates.is_empty() || !book.rates.is_empty();
    let rates = match book.config.currency {
        Some(currency) if convert => args.rates.to_target(currency, book)?,
        None if !args.rates.rates.is_empty() => {
            return Err(usage(
                "--rate converts into the book's currency, and folio.toml sets none: add `currency = \"EUR\"` (or yours) to it",
            ));
        }
        _ => Rates::none(),
    };
    let documents = crate::document::vat_breakdowns(book)?;
    let report = vat::vat_report(book, &documents, period, &rates)?;
    output::render(&report, format, args.report.style(context.style()), out)?;
    write_notes(&report.notes(), format, out)
}

fn run_listing(args: &ListingArgs, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let format = args.report.format();
    let style = args.report.style(context.style());
    let euro = Currency::parse("EUR").unwrap_or_else(|| unreachable!("EUR is a currency code"));
    let documents = crate::document::vat_breakdowns(book)?;
    if args.be {
        let mut year = args.year.ok_or_else(|| usage("--be needs --year YYYY"))?;
        if let Some(as_of) = args.report.as_of {
            year.to = year.to.min(as_of);
        }
        let rates = args.rates.to_target(euro, book)?;
        let report = listing::belgian_listing(book, &documents, year, &rates)?;
        output::render(&report, format, style, out)?;
        return write_notes(&report.notes, format, out);
    }
    let period = args.dates.period(args.report.as_of)?;
    let currency = book.config.currency.unwrap_or(euro);
    let rates = args.rates.to_target(currency, book)?;
    let report = listing::intra_listing(book, &documents, period, currency, &rates)?;
    output::render(&report, format, style, out)?;
    write_notes(&report.notes, format, out)
}
