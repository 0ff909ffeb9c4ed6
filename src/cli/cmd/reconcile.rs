//! `folio reconcile BANK.csv`: match a bank statement to open items; `--apply` records them.

use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{FormatArg, parse_end_date, today};
use crate::error::{Error, Result};
use crate::input;
use crate::input::statement::{self, Format as InputFormat, csv::rules::BankRules};
use crate::output::{self, Format, Style};
use crate::reconcile::bank;
use crate::reconcile::matching::{self, Status};
use crate::reconcile::{self as rec, Report};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `folio reconcile`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each bank line is matched, in this order, by a document id in its communication, a Belgian \
structured communication (+++123/4567/89012+++), the counterparty's IBAN (contact field `iban`), a \
similar name with an open item of exactly the amount, or a similar name with open items adding up \
to it. --apply records a payment (money in), payout or refund (money out) per document paid, with \
ref: and bank:<transaction id or line hash>; a line already applied is never applied again.\n\
Exit codes: 0 done, 2 usage, 65 unreadable statement or rules, or an invalid book, 66 no such file \
or book, 74 I/O error, 75 lock not obtained in time.\n\n\
Once the proposals look right: `folio reconcile statement.csv --apply`.\n\n\
Examples:\n  folio --book examples/demo reconcile examples/bank/belgian.csv --rules examples/bank/belgian.toml\n  \
folio --book examples/demo reconcile examples/bank/iso.csv --rules examples/bank/iso.toml --format json")]
pub struct Args {
    /// The bank statement (CSV; its format is detected from the content).
    #[arg(value_name = "BANK.csv")]
    file: PathBuf,
    /// Read the statement as this format instead of detecting it: csv, camt.052, camt.053,
    /// camt.054, coda, mt940, ofx, spreadsheet.
    #[arg(long, value_name = "FORMAT", value_parser = InputFormat::parse)]
    input_format: Option<InputFormat>,
    /// Show what was read from each transaction (date, amount, currency, counterparty, account,
    /// communication, bank id), without matching; no book is needed.
    #[arg(long, conflicts_with = "apply")]
    show_parsed: bool,
    /// How the bank writes its CSV: columns, date format, decimal comma, sign, encoding.
    #[arg(long, value_name = "bank.toml")]
    rules: Option<PathBuf>,
    /// Open items as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// Record the matches (payments, payouts, refunds) in the journal.
    #[arg(long)]
    apply: bool,
    /// Apply only matches at least this sure (0 to 1).
    #[arg(long, value_name = "N", default_value_t = rec::DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence)]
    min_confidence: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    lock: LockArgs,
}

fn parse_confidence(text: &str) -> std::result::Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|c| (0.0..=1.0).contains(c))
        .ok_or_else(|| format!("`{text}` is not a confidence between 0 and 1"))
}

fn print_problems(problems: &[crate::diagnostic::Diagnostic]) {
    let stderr = std::io::stderr();
    let _ = output::diagnostic::write_all(problems, &mut stderr.lock());
}

/// Reads the statement `args` names, refusing it whole (exit 65, every problem listed) when any
/// line's date or amount cannot be read.
fn read_statement(args: &Args) -> Result<statement::ParsedStatement> {
    let rules = match &args.rules {
        Some(path) => BankRules::load(path, path).map_err(crate::cli::common::rules_error)?,
        None => BankRules::default(),
    };
    let bytes = input::read(&args.file, input::CSV).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!("no file {}", args.file.display())),
        _ => input::error(&args.file, e),
    })?;
    let read =
        statement::read(&bytes, &args.file, args.input_format, &rules).map_err(|problems| {
            print_problems(&problems);
            let lines = problems.iter().filter(|p| p.line > 0).count();
            Error::InvalidData(if lines > 0 {
                format!(
                    "{lines} problem(s) in {}; nothing was matched or applied",
                    args.file.display()
                )
            } else {
                format!(
                    "{} could not be read as a bank statement",
                    args.file.display()
                )
            })
        })?;
    let stderr = std::io::stderr();
    for note in &read.notes {
        writeln!(stderr.lock(), "folio: note: {note}")?;
    }
    Ok(read)
}

/// `--show-parsed`: the transactions as read, in the format asked.
fn show_parsed(
    args: &Args,
    read: &statement::ParsedStatement,
    lines: &[bank::BankLine],
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let parsed = rec::parsed::Parsed {
        statement: read,
        lines,
    };
    match args.format {
        FormatArg::Json => output::json::write_value(&parsed.json(), out)?,
        FormatArg::Csv => output::render(
            &parsed,
            Format::Csv,
            Style {
                raw_csv: args.raw,
                ..style
            },
            out,
        )?,
        FormatArg::Table => output::render(&parsed, Format::Table, style, out)?,
    }
    writeln!(
        std::io::stderr().lock(),
        "folio: {} transaction(s) read as {}",
        lines.len(),
        read.format.name()
    )?;
    Ok(())
}

/// Runs `folio reconcile`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let style = context.style();
    let read = read_statement(args)?;
    let lines = bank::lines(&read);
    if args.show_parsed {
        return show_parsed(args, &read, &lines, style, out);
    }
    let location = &context.location()?;
    let stderr = std::io::stderr();
    let _lock = if args.apply {
        Some(args.lock.acquire(location, "folio reconcile --apply")?)
    } else {
        None
    };
    let book = if args.apply {
        crate::checks::load_for_writing(location)?
    } else {
        crate::checks::load_valid(location)?
    };
    let as_of = args.as_of.unwrap_or_else(today);
    let mut proposals = matching::reconcile(&book, &lines, as_of);
    if args.apply {
        let prepared = rec::entries_for(&book, &proposals, args.min_confidence)?;
        let progress = crate::output::progress::bar(prepared.len() as u64, "applying");
        for (index, entry) in &prepared {
            progress.inc(1);
            crate::record::append(&book, entry)?;
            let proposal = &mut proposals[*index];
            proposal.status = Status::Applied;
            proposal.entries.push(entry.id.clone());
        }
        progress.finish();
    }
    let report = Report {
        book: &book,
        proposals: &proposals,
    };
    match args.format {
        FormatArg::Json => output::json::write_value(&report.json(), out)?,
        FormatArg::Csv => output::render(
            &report,
            Format::Csv,
            Style {
                raw_csv: args.raw,
                ..style
            },
            out,
        )?,
        FormatArg::Table => output::render(&report, Format::Table, style, out)?,
    }
    let counts: Vec<String> = report
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    let below = proposals
        .iter()
        .filter(|p| p.status == Status::Matched && p.confidence < args.min_confidence)
        .count();
    let mut summary = format!(
        "{} bank line(s): {}",
        proposals.len(),
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        }
    );
    if below > 0 {
        summary.push_str(&format!(
            "; {below} match(es) below --min-confidence {} are not applied",
            args.min_confidence
        ));
    }
    writeln!(stderr.lock(), "folio: {summary}")?;
    Ok(())
}
