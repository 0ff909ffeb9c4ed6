//! `folio credit`, `folio credit check` and `folio credit score`.

use crate::book::Book;
use crate::cli::Context;
use crate::cli::common::{render_converted, write_notes};
use crate::cli::settings::{ConvertArgs, ReportArgs, parse_currency_arg, parse_end_date, today};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::output::{self, Format, Style};
use crate::report::convert::Totals;
use crate::report::credit::{self, FailOn};
use crate::report::score;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Arguments of `folio credit`.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Lists customers with a credit_limit that are in warn, over or on hold (--all: every one).\n\
Exit codes: 0 ok, 1 --fail-on level reached or `credit check` refused, 66 unknown contact.\n\n\
In cron or CI, `folio credit --fail-on over` exits 1 as soon as a customer is over its limit.\n\n\
Examples:\n  folio --book examples/demo credit --all\n  folio --book examples/demo credit --all --format json\n  \
folio --book examples/demo credit check maison-beaumont 1500.00\n  folio --book examples/demo credit score --as-of 2026-06-30"
)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// List every customer with a credit limit, not only those in warn, over or on hold.
    #[arg(long)]
    all: bool,
    /// Exit 1 when any customer with a limit reaches this level (listed or not).
    #[arg(long, value_enum, default_value_t = FailOnArg::Never, value_name = "LEVEL")]
    fail_on: FailOnArg,
    /// Only the members of this segment (`folio segments` lists them).
    #[arg(long, value_name = "NAME")]
    segment: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    convert: ConvertArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// May this much more be invoiced? Exit 0 when allowed, 1 when refused; one line says why.
    Check(CheckArgs),
    /// Payment scores and grades from the allocation history, with the limit and terms each
    /// grade earns.
    Score(ScoreArgs),
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOnArg {
    /// Never fail (the default).
    Never,
    /// A customer in warn or over.
    Warn,
    /// A customer over its limit.
    Over,
    /// A customer on credit hold.
    Hold,
}

/// Arguments of `folio credit check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Refused when the contact is on hold (an open receivable item in any currency more \
than credit.hold_after_days past due) or when exposure + AMOUNT would exceed the limit.\n\n\
Examples:\n  folio --book examples/demo credit check maison-beaumont 1500.00\n  \
folio --book examples/demo credit check hudson-loft 800 --currency USD"
)]
struct CheckArgs {
    /// The contact id.
    contact: String,
    /// The amount to invoice, e.g. 1210.00.
    #[arg(value_parser = parse_amount_arg, allow_negative_numbers = true)]
    amount: Decimal,
    /// The invoice's currency (default: the contact's, else the book's).
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg)]
    currency: Option<Currency>,
    /// Judge as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
}

/// Arguments of `folio credit score`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The formula and the grade policy ([credit.grades.A] ... in folio.toml) are in docs/credit.md.\n\n\
Examples:\n  folio --book examples/demo credit score\n  \
folio --book examples/demo credit score hotel-les-tilleuls --as-of 2026-06-30 --format json"
)]
struct ScoreArgs {
    /// Only this contact (default: every customer that is not archived).
    contact: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

fn parse_amount_arg(text: &str) -> std::result::Result<Decimal, String> {
    if text.starts_with(['-', '+']) {
        return Err(format!(
            "`{text}` has a sign: the amount to invoice is written positive"
        ));
    }
    crate::money::parse_positive_amount(text).map_err(|e| e.to_string())
}

/// Runs `folio credit` or one of its subcommands.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    match &args.command {
        Some(Sub::Check(check)) => run_check(check, book, out),
        Some(Sub::Score(score)) => run_score(score, book, style, out),
        None => run_report(args, book, style, out),
    }
}

fn run_report(args: &Args, book: &Book, style: Style, out: &mut dyn Write) -> Result<()> {
    let ledger = Ledger::build(book, Side::Receivables, args.report.as_of(), false);
    let mut report = credit::credit(book, &ledger)?;
    if let Some(name) = &args.segment {
        let revenue = crate::cli::common::revenue(book)?;
        let members =
            crate::report::segments::membership(book, &revenue, name, args.report.as_of())?;
        let member = |id: &str| book.contact_index(id).is_some_and(|i| members[i as usize]);
        report.rows.retain(|row| member(&row.contact));
    }
    let level = match args.fail_on {
        FailOnArg::Never => FailOn::Never,
        FailOnArg::Warn => FailOn::Warn,
        FailOnArg::Over => FailOn::Over,
        FailOnArg::Hold => FailOn::Hold,
    };
    // --fail-on looks at every customer with a limit, before the default view filters.
    let reached: Vec<String> = report
        .reaching(level)
        .into_iter()
        .map(str::to_string)
        .collect();
    let checked = report.rows.len();
    if !args.all {
        report.retain_attention();
    }
    let format = args.report.format();
    if format == Format::Table && report.rows.is_empty() {
        if checked == 0 {
            writeln!(out, "no customer has a credit limit")?;
        } else {
            writeln!(out, "all {checked} customer(s) with a credit limit are ok")?;
        }
    } else {
        let convert = args.convert.at(book, args.report.as_of());
        let style = args.report.style(style);
        render_converted(&report, convert, Totals::Whole, book, format, style, out)?;
    }
    write_notes(&report.notes, format, out)?;
    if !reached.is_empty() {
        // The report first, then the failure line on stderr, as a cron mail should read.
        out.flush()?;
        return Err(Error::Condition(format!(
            "--fail-on {}: {} customer(s): {}",
            fail_on_word(args.fail_on),
            reached.len(),
            reached.join(", ")
        )));
    }
    Ok(())
}

fn fail_on_word(level: FailOnArg) -> &'static str {
    match level {
        FailOnArg::Never => "never",
        FailOnArg::Warn => "warn",
        FailOnArg::Over => "over",
        FailOnArg::Hold => "hold",
    }
}

fn run_check(args: &CheckArgs, book: &Book, out: &mut dyn Write) -> Result<()> {
    let contact = book.require_contact(&args.contact)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let ledger = Ledger::build(book, Side::Receivables, as_of, false);
    let outcome = credit::check(book, &ledger, contact, args.amount, args.currency)?;
    writeln!(out, "{}", crate::text::visible(&outcome.reason))?;
    if outcome.allowed {
        Ok(())
    } else {
        Err(Error::Condition(String::new()))
    }
}

fn run_score(args: &ScoreArgs, book: &Book, style: Style, out: &mut dyn Write) -> Result<()> {
    let only = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    let ledger = Ledger::build(book, Side::Receivables, args.report.as_of(), true);
    let report = score::score(book, &ledger, only);
    let format = args.report.format();
    output::render(&report, format, args.report.style(style), out)?;
    write_notes(&report.notes, format, out)
}
