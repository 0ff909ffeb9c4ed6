//! `folio reconcile BANK.csv`: match a bank statement to open items; `--apply` records them.

use crate::book::write;
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{FormatArg, parse_date_arg, today};
use crate::error::{Error, Result};
use crate::fsio;
use crate::input;
use crate::output::{self, Format, Style};
use crate::reconcile::bank::{self, BankRules};
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
    /// The bank statement (CSV).
    #[arg(value_name = "BANK.csv")]
    file: PathBuf,
    /// How the bank writes its CSV: columns, date format, decimal comma, sign, encoding.
    #[arg(long, value_name = "bank.toml")]
    rules: Option<PathBuf>,
    /// Open items as of this date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
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

/// Runs `folio reconcile`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let style = context.style();
    let rules = match &args.rules {
        Some(path) => BankRules::load(path, path).map_err(crate::cli::common::rules_error)?,
        None => BankRules::default(),
    };
    let bytes = input::read(&args.file, input::CSV).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!("no file {}", args.file.display())),
        _ => input::error(&args.file, e),
    })?;
    let statement = bank::read(&bytes, &args.file, &rules).map_err(|problems| {
        print_problems(&problems);
        Error::InvalidData(format!(
            "{} could not be read as a bank statement",
            args.file.display()
        ))
    })?;
    let stderr = std::io::stderr();
    for note in &statement.notes {
        writeln!(stderr.lock(), "folio: note: {note}")?;
    }
    if !statement.problems.is_empty() {
        print_problems(&statement.problems);
        return Err(Error::InvalidData(format!(
            "{} line(s) of {} could not be read; nothing was matched",
            statement.problems.len(),
            args.file.display()
        )));
    }
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
    let mut proposals = matching::reconcile(&book, &statement.lines, as_of);
    if args.apply {
        let prepared = rec::entries_for(&book, &proposals, args.min_confidence)?;
        let progress = crate::output::progress::bar(prepared.len() as u64, "applying");
        for (index, entry) in &prepared {
            progress.inc(1);
            write::confine(&book.root, &entry.path)?;
            write::ensure_parent(&entry.path)?;
            fsio::append_line(&entry.path, &entry.line)?;
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
