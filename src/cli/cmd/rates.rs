//! `folio rates [list]`, `folio rates show FROM TO` and `folio rates import FILE`.

use crate::book::{Location, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{
    FormatArg, check_range, parse_currency_arg, parse_end_date, parse_start_date, today,
};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio;
use crate::import::rates::{self as importer, Layout, Options, Plan, Refusal, Selection};
use crate::input::csv::parse_delimiter;
use crate::money::Currency;
use crate::output;
use crate::report::rates::{self as report, QuoteFilter};
use chrono::NaiveDate;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio rates`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(after_help = "\
Without a subcommand, `folio rates` lists the quotes (as `folio rates list`). Quotes live in \
rates/**/*.rates, one `DATE FROM TO RATE` a line (`folio help format`, \"Exchange rates\"); folio \
never fetches them.\n\n\
Examples:\n  \
folio --book examples/demo rates import examples/import/eurofxref-hist.csv --keep-book --dry-run\n  \
folio --book examples/demo rates import examples/import/eurofxref-hist.csv --keep-book --all\n  \
folio --book examples/demo rates --currency USD --from 2026-11\n  \
folio --book examples/demo rates show USD CNY --date 2026-11-25")]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    #[command(flatten)]
    list: ListArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// List the book's quotes: --from, --to, --currency.
    List(ListArgs),
    /// The rate of a pair on a day, and how it was found.
    Show(ShowArgs),
    /// Add quotes from the ECB's reference rates CSV, or another CSV with --pair.
    Import(ImportArgs),
}

#[derive(Debug, Clone, clap::Args)]
struct ListArgs {
    /// Only quotes on or after this day (a month, quarter or year: its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true, help_heading = "Filters")]
    from: Option<NaiveDate>,
    /// Only quotes on or before this day (a month, quarter or year: its last day).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, help_heading = "Filters")]
    to: Option<NaiveDate>,
    /// Only quotes of or in this currency.
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, help_heading = "Filters")]
    currency: Option<Currency>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    format: FormatArg,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long, help_heading = "Output")]
    raw: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The rate is the latest quote on or before the day of the pair or of its inverse, else through a \
third currency quoted with both (docs/format.md, \"The rate of a day\"). Columns: from, to, date, \
rate (one FROM in TO, to 10 decimals), method (direct, inverse, cross or identity), via (the \
third currency), quote_date (the oldest quote used) and quotes. No rate: exit 65.")]
struct ShowArgs {
    /// The currency converted from.
    #[arg(value_name = "FROM", value_parser = parse_currency_arg)]
    from: Currency,
    /// The currency converted to.
    #[arg(value_name = "TO", value_parser = parse_currency_arg)]
    to: Currency,
    /// The day (default: today; a month, quarter or year: its last day).
    #[arg(long, visible_alias = "as-of", value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    format: FormatArg,
}

/// `--format` of `folio rates import`: its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SummaryFormat {
    /// Lines for people.
    Table,
    /// One JSON object for programs.
    Json,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The ECB's files (eurofxref-hist.csv, and the one-day eurofxref.csv) are read as they come: a \
Date column, then one column per currency with the rate of 1 EUR in it (N/A: not quoted that \
day). Every currency of the file is imported unless --currencies names some or --used keeps \
to those the book uses (folio.toml, contacts, entries). Any other CSV gives one pair per row: --pair FROM/TO with \
--date-column and --rate-column.\n\n\
Quotes go to rates/<year>.rates (the year of their date); quotes the book already has are \
skipped, so a second import writes nothing. A rate that differs from the book's for the same \
pair and day stops the import (exit 65) unless --keep-book keeps the book's.\n\n\
Exit codes: 0 imported (or nothing to add), 2 usage, 65 a malformed file, a bad cell (at its \
row and column) or a rate that differs from the book's (nothing written), 66 no such file or \
book, 74 I/O error, 75 lock not obtained in time.")]
struct ImportArgs {
    /// The CSV file.
    #[arg(value_name = "FILE.csv")]
    file: PathBuf,
    /// Only these currencies of the ECB's file (comma-separated): --currencies USD,CNY.
    #[arg(long, value_delimiter = ',', value_name = "CODES", value_parser = parse_currency_arg, conflicts_with_all = ["all", "pair"])]
    currencies: Vec<Currency>,
    /// Every currency of the ECB's file (the default).
    #[arg(long, conflicts_with_all = ["pair", "used"])]
    all: bool,
    /// Only the currencies the book uses (folio.toml, `[reports] convert`, contacts, entries).
    #[arg(long, conflicts_with_all = ["pair", "currencies"])]
    used: bool,
    /// The currency every rate of a per-currency file is of (the ECB's: EUR).
    #[arg(long, value_name = "CODE", value_parser = parse_known_currency, default_value = "EUR", conflicts_with = "pair")]
    base: Currency,
    /// A CSV of one pair: each row's rate is what one FROM is worth in TO (--pair USD/EUR).
    #[arg(long, value_name = "FROM/TO", value_parser = parse_pair)]
    pair: Option<(Currency, Currency)>,
    /// The header of the date column.
    #[arg(long, value_name = "NAME", default_value = "Date")]
    date_column: String,
    /// The header of the rate column (with --pair).
    #[arg(long, value_name = "NAME", default_value = "Rate", requires = "pair")]
    rate_column: String,
    /// How the dates are written, in chrono's syntax (default: detected; %d/%m/%Y, ...).
    #[arg(long, value_name = "FORMAT", value_parser = parse_date_format)]
    date_format: Option<String>,
    /// The decimal separator of the rates.
    #[arg(long, value_name = "C", default_value = ".", value_parser = parse_decimal)]
    decimal: char,
    /// The delimiter (default: detected; `tab` for tabs).
    #[arg(long, value_name = "C", value_parser = parse_delimiter)]
    delimiter: Option<char>,
    /// Only days on or after this one.
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    from: Option<NaiveDate>,
    /// Only days on or before this one.
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    to: Option<NaiveDate>,
    /// Where the file's rate differs from the book's for the same pair and day, keep the book's.
    #[arg(long)]
    keep_book: bool,
    /// Show what would be added; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The summary's format.
    // Its own id: the user config's `format` default is for reports, not for this summary.
    #[arg(id = "summary_format", long = "format", value_name = "FORMAT", value_enum, default_value_t = SummaryFormat::Table)]
    format: SummaryFormat,
    #[command(flatten)]
    lock: LockArgs,
}

/// Parses a currency that goes into a rates file, which `check` reads: an ISO 4217 code.
fn parse_known_currency(text: &str) -> std::result::Result<Currency, String> {
    crate::identifiers::codes::check_currency(text)?;
    parse_currency_arg(text)
}

/// Parses `--pair FROM/TO`.
fn parse_pair(text: &str) -> std::result::Result<(Currency, Currency), String> {
    let shape = || format!("`{text}` is not a pair: expected FROM/TO, e.g. USD/EUR");
    let (from, to) = text.split_once('/').ok_or_else(shape)?;
    let (from, to) = (parse_known_currency(from)?, parse_known_currency(to)?);
    if from == to {
        return Err(format!(
            "`{text}`: a rate from {from} to itself is always 1"
        ));
    }
    Ok((from, to))
}

fn parse_date_format(text: &str) -> std::result::Result<String, String> {
    crate::input::values::check_date_format(text)?;
    Ok(text.to_string())
}

fn parse_decimal(text: &str) -> std::result::Result<char, String> {
    match text {
        "." => Ok('.'),
        "," => Ok(','),
        _ => Err(format!(
            "`{text}` is not a decimal separator: expected . or ,"
        )),
    }
}

/// Runs `folio rates`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    match &args.command {
        None => run_list(&args.list, context, out),
        Some(Sub::List(list)) => run_list(list, context, out),
        Some(Sub::Show(show)) => run_show(show, context, out),
        Some(Sub::Import(import)) => run_import(import, &context.location()?, out),
    }
}

fn run_list(args: &ListArgs, context: &Context, out: &mut dyn Write) -> Result<()> {
    check_range(args.from, args.to)?;
    let book = context.book()?;
    let filter = QuoteFilter {
        from: args.from,
        to: args.to,
        currency: args.currency,
    };
    let style = crate::output::Style {
        raw_csv: args.raw,
        ..context.style()
    };
    output::render(
        &report::quotes(book, &filter),
        args.format.into(),
        style,
        out,
    )
}

fn run_show(args: &ShowArgs, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let date = args.date.unwrap_or_else(today);
    let found = report::rate(book, args.from, args.to, date)?;
    output::render(&found, args.format.into(), context.style(), out)
}

fn run_import(args: &ImportArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    check_range(args.from, args.to)?;
    let options = import_options(args);
    let _lock = if args.dry_run {
        None
    } else {
        Some(args.lock.acquire(location, "folio rates import")?)
    };
    let book = if args.dry_run {
        crate::checks::load_valid(location)?
    } else {
        crate::checks::load_for_writing(location)?
    };
    let plan = importer::plan(&book, &args.file, &options)
        .map_err(|refusal| refuse(refusal, &args.file))?;
    if !args.dry_run {
        write_plan(&book.root, &plan)?;
    }
    notes(&plan, args);
    match args.format {
        SummaryFormat::Table => write_summary(&plan, args, &book.root, out),
        SummaryFormat::Json => {
            let summary = summary_json(&plan, args, &book.root);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&summary).unwrap_or_default()
            )?;
            Ok(())
        }
    }
}

fn import_options(args: &ImportArgs) -> Options {
    let layout = match args.pair {
        Some((from, to)) => Layout::Pair {
            from,
            to,
            rate_column: args.rate_column.clone(),
        },
        None => Layout::PerCurrency { base: args.base },
    };
    let selection = if args.used {
        Selection::Used
    } else if args.currencies.is_empty() {
        Selection::All
    } else {
        Selection::Listed(args.currencies.clone())
    };
    Options {
        layout,
        date_column: args.date_column.clone(),
        date_format: args.date_format.clone(),
        decimal: args.decimal,
        delimiter: args.delimiter,
        selection,
        from: args.from,
        to: args.to,
        keep_book: args.keep_book,
    }
}

/// Prints the cells at fault and returns the error saying nothing was written.
fn refuse(refusal: Refusal, file: &Path) -> Error {
    let (problems, what): (Vec<Diagnostic>, &str) = match refusal {
        Refusal::Other(error) => return error,
        Refusal::Malformed(problems) => {
            let _ = output::diagnostic::write_all(&problems, &mut std::io::stderr().lock());
            return Error::InvalidData(format!(
                "{} could not be read; nothing was written",
                file.display()
            ));
        }
        Refusal::Cells(problems) => (problems, "invalid cell(s)"),
        Refusal::Conflicts(problems) => (problems, "rate(s) that differ from the book's"),
    };
    let _ = output::diagnostic::write_all(&problems, &mut std::io::stderr().lock());
    Error::InvalidData(format!(
        "{} {what} in {}; nothing was written",
        problems.len(),
        file.display()
    ))
}

/// Appends each file's new lines in one atomic rewrite: a crash leaves it as it was or whole.
fn write_plan(root: &Path, plan: &Plan) -> Result<()> {
    let dir = fsio::BookDir::new(root)?;
    for (path, lines) in &plan.files {
        write::confine(root, path)?;
        write::ensure_parent(path)?;
        let mut text = match dir.read_or_refuse(path)? {
            Some(bytes) => String::from_utf8(bytes)
                .map_err(|_| Error::InvalidData(format!("{}: not UTF-8 text", path.display())))?,
            None => String::new(),
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        fsio::write_atomic(path, text.as_bytes())?;
    }
    Ok(())
}

/// What was left out, on stderr.
fn notes(plan: &Plan, args: &ImportArgs) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let file = args.file.display();
    for conflict in &plan.kept {
        let _ = writeln!(
            err,
            "folio: note: {file} row {}: {}; the book's is kept",
            conflict.place.row,
            conflict.describe()
        );
    }
    if !plan.missing.is_empty() {
        let codes: Vec<String> = plan.missing.iter().map(Currency::to_string).collect();
        let _ = writeln!(
            err,
            "folio: note: {file} has no column for {}",
            codes.join(", ")
        );
    }
    let nothing_chosen =
        args.used && plan.missing.is_empty() && plan.pairs.is_empty() && plan.already == 0;
    if nothing_chosen {
        let _ = writeln!(
            err,
            "folio: note: the book uses no currency other than {}; leave out --used, or pass --currencies USD,..., to import others",
            args.base
        );
    }
    let every_column = args.pair.is_none() && !args.used && args.currencies.is_empty();
    if every_column && !plan.unknown_columns.is_empty() {
        let _ = writeln!(
            err,
            "folio: note: columns that are no currency folio knows, not imported: {}",
            plan.unknown_columns.join(", ")
        );
    }
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn write_summary(plan: &Plan, args: &ImportArgs, root: &Path, out: &mut dyn Write) -> Result<()> {
    let verb = if args.dry_run { "would add" } else { "added" };
    for (path, lines) in &plan.files {
        writeln!(
            out,
            "{verb} {} quote(s) to {}",
            lines.len(),
            shown(root, path)
        )?;
        if args.dry_run {
            for line in lines {
                writeln!(out, "  {line}")?;
            }
        }
    }
    for pair in &plan.pairs {
        writeln!(
            out,
            "{} {}: {} quote(s), {} to {}",
            pair.from, pair.to, pair.added, pair.first, pair.last
        )?;
    }
    if plan.added() == 0 {
        let file = args.file.display();
        if plan.already > 0 {
            writeln!(
                out,
                "nothing to add: the book already has every quote of {file} asked for"
            )?;
        } else {
            writeln!(
                out,
                "nothing to add: {file} has no quote of the currencies and days asked for"
            )?;
        }
    }
    let kept = match plan.kept.len() {
        0 => String::new(),
        kept => format!(", {kept} kept as the book has them"),
    };
    writeln!(
        out,
        "{}{} quote(s) {} over {} day(s), {} already in the book{kept}, {} file(s) {}",
        if args.dry_run { "dry run: " } else { "" },
        plan.added(),
        if args.dry_run { "to add" } else { "added" },
        plan.days,
        plan.already,
        plan.files.len(),
        if args.dry_run { "to write" } else { "written" },
    )?;
    Ok(())
}

fn summary_json(plan: &Plan, args: &ImportArgs, root: &Path) -> serde_json::Value {
    let files: Vec<_> = plan
        .files
        .iter()
        .map(|(path, lines)| json!({"path": shown(root, path), "quotes": lines.len()}))
        .collect();
    let pairs: Vec<_> = plan
        .pairs
        .iter()
        .map(|p| {
            json!({
                "from": p.from.to_string(),
                "to": p.to.to_string(),
                "added": p.added,
                "first": p.first.to_string(),
                "last": p.last.to_string(),
            })
        })
        .collect();
    let kept: Vec<_> = plan
        .kept
        .iter()
        .map(|c| {
            json!({
                "date": c.quote.date.to_string(),
                "from": c.quote.from.to_string(),
                "to": c.quote.to.to_string(),
                "file_rate": c.quote.rate.to_string(),
                "book_rate": c.book_rate.to_string(),
                "row": c.place.row,
            })
        })
        .collect();
    json!({
        "file": args.file.display().to_string(),
        "dry_run": args.dry_run,
        "added": plan.added(),
        "days": plan.days,
        "already": plan.already,
        "kept": kept,
        "pairs": pairs,
        "files": files,
        "missing": plan.missing.iter().map(Currency::to_string).collect::<Vec<_>>(),
        "unknown_columns": plan.unknown_columns,
    })
}
