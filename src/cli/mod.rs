//! The command line: clap definitions, dispatch, and the mapping of errors to exit codes.
//! Only this module prints.

pub mod cmd;
pub mod settings;

use crate::book::{self, Book};
use crate::error::{Error, Result, exit};
use crate::journal::Kind;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// folio: customers, suppliers and what they owe, in plain text files.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 ok, 1 a condition asked for (--fail-on, --strict), 2 usage, \
65 invalid book data, 66 book or input not found, 74 I/O error, 75 lock not obtained."
)]
pub struct Cli {
    /// The book's directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml).
    #[arg(long, global = true, env = "FOLIO_BOOK", value_name = "DIR")]
    pub book: Option<PathBuf>,

    /// When to use colour in tables.
    #[arg(long, global = true, value_enum, default_value_t = settings::ColorChoice::Auto, value_name = "WHEN")]
    pub color: settings::ColorChoice,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty book.
    Init(cmd::init::Args),
    /// Validate the whole book and list every problem.
    Check(cmd::check::Args),
    /// Balance per contact and currency: debits, credits, balance, overdue.
    Balance(cmd::balance::Args),
    /// Open items by days past due: current, 1-30, 31-60, 61-90, 90+.
    Aging(cmd::aging::Args),
    /// Statement of account: opening balance, entries with running balance, open items.
    Statement(cmd::statement::Args),
    /// How a document was settled: what was applied to it, or what it paid.
    Explain(cmd::explain::Args),
    /// Overdue items across all contacts, oldest first, with whom to call.
    Overdue(cmd::overdue::Args),
    /// Credit limits: exposure, warnings and holds; `credit check` and `credit score`.
    Credit(cmd::credit::Args),
    /// Add, change, show, search, annotate, archive or delete a contact.
    Contact(cmd::contact::Args),
    /// List contacts, filtered by role, tag, industry, country, city or language.
    Contacts(cmd::contacts::Args),
    /// Record a sales invoice: CONTACT AMOUNT.
    Invoice(cmd::entry::Args),
    /// Record a payment received: CONTACT AMOUNT [--ref INVOICE].
    Payment(cmd::entry::Args),
    /// Record a credit note: CONTACT AMOUNT [--ref INVOICE].
    CreditNote(cmd::entry::Args),
    /// Record money paid back to a customer: CONTACT AMOUNT [--ref PAYMENT].
    Refund(cmd::entry::Args),
    /// Record a supplier bill: CONTACT AMOUNT.
    Bill(cmd::entry::Args),
    /// Record a payment to a supplier: CONTACT AMOUNT [--ref BILL].
    Payout(cmd::entry::Args),
    /// Record a debit note (a supplier's credit): CONTACT AMOUNT [--ref BILL].
    DebitNote(cmd::entry::Args),
    /// Void an invoice, refund or bill with a credit or debit note for what is still open.
    Void(cmd::void::Args),
    /// Make a quote with line items; `quote accept Q-...` turns it into an invoice.
    Quote(cmd::quote::Args),
    /// An invoice, credit note or quote as text, HTML, PDF or UBL (Peppol BIS 3.0).
    Render(cmd::render::Args),
    /// Lay out journal and contact files canonically; --check lists what would change.
    Fmt(cmd::fmt::Args),
    /// Courtesy notices and dunning letters to send today: list, --write DIR, --send.
    Remind(cmd::remind::Args),
    /// Contracts with their notice dates; --expiring 60d.
    Contracts(cmd::contracts::Args),
    /// Customer metrics: revenue, invoices, recency, days to pay, balance, grade, RFM, ABC.
    Metrics(cmd::metrics::Args),
    /// Every segment (rules of folio.toml, RFM, ABC, tiers): members, revenue, share, balance.
    Segments(cmd::segments::Args),
    /// The members of one segment, with their metrics.
    Segment(cmd::segment::Args),
    /// Analytics reports: contribution (Pareto), clv, collection (DSO).
    Report(cmd::report::Args),
    /// The recipients of a mailing to a segment, as a table, CSV, JSON or vCard.
    Mailing(cmd::mailing::Args),
}

/// Parses the arguments, runs the command and returns the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Flush what the command wrote before any error is printed, so a report and the error
    // about it (e.g. --fail-on) appear in that order.
    let result = dispatch(&cli, &mut out);
    let flushed = out.flush().map_err(Error::Output);
    match result.and(flushed) {
        Ok(()) => exit::OK,
        Err(error) => report_error(&error),
    }
}

/// Prints an error for a person and returns its exit code. A closed pipe (`folio ... | head`) is
/// not an error.
fn report_error(error: &Error) -> i32 {
    if let Error::Output(io) = error
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return exit::OK;
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    match error {
        Error::InvalidBook(diagnostics) if diagnostics.is_empty() => {}
        Error::InvalidBook(diagnostics) => {
            let errors: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            let _ = crate::output::diagnostic::write_all(&errors, &mut err);
            let _ = writeln!(
                err,
                "folio: the book has errors; `folio check` lists every problem"
            );
        }
        Error::Condition(message) if message.is_empty() => {}
        other => {
            let _ = writeln!(err, "folio: error: {other}");
        }
    }
    error.exit_code()
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<()> {
    let style = settings::style(cli.color);
    match &cli.command {
        Command::Init(args) => cmd::init::run(args, out),
        Command::Check(args) => cmd::check::run(args, &locate(cli)?, out),
        Command::Balance(args) => cmd::balance::run(args, &load(cli)?, style, out),
        Command::Aging(args) => cmd::aging::run(args, &load(cli)?, style, out),
        Command::Statement(args) => cmd::statement::run(args, &load(cli)?, style, out),
        Command::Explain(args) => cmd::explain::run(args, &load(cli)?, style, out),
        Command::Overdue(args) => cmd::overdue::run(args, &load(cli)?, style, out),
        Command::Credit(args) => cmd::credit::run(args, &load(cli)?, style, out),
        Command::Contact(args) => cmd::contact::run(args, &locate(cli)?, style, out),
        Command::Contacts(args) => cmd::contacts::run(args, &load(cli)?, style, out),
        Command::Invoice(args) => cmd::entry::run(Kind::Invoice, args, &locate(cli)?, out),
        Command::Payment(args) => cmd::entry::run(Kind::Payment, args, &locate(cli)?, out),
        Command::CreditNote(args) => cmd::entry::run(Kind::Credit, args, &locate(cli)?, out),
        Command::Refund(args) => cmd::entry::run(Kind::Refund, args, &locate(cli)?, out),
        Command::Bill(args) => cmd::entry::run(Kind::Bill, args, &locate(cli)?, out),
        Command::Payout(args) => cmd::entry::run(Kind::Payout, args, &locate(cli)?, out),
        Command::DebitNote(args) => cmd::entry::run(Kind::Debit, args, &locate(cli)?, out),
        Command::Void(args) => cmd::void::run(args, &locate(cli)?, out),
        Command::Quote(args) => cmd::quote::run(args, &locate(cli)?, out),
        Command::Render(args) => cmd::render::run(args, &locate(cli)?, out),
        Command::Fmt(args) => cmd::fmt::run(args, &locate(cli)?, out),
        Command::Remind(args) => cmd::remind::run(args, &load(cli)?, style, out),
        Command::Contracts(args) => cmd::contracts::run(args, &load(cli)?, style, out),
        Command::Metrics(args) => cmd::metrics::run(args, &load(cli)?, style, out),
        Command::Segments(args) => cmd::segments::run(args, &load(cli)?, style, out),
        Command::Segment(args) => cmd::segment::run(args, &load(cli)?, style, out),
        Command::Report(args) => cmd::report::run(args, &load(cli)?, style, out),
        Command::Mailing(args) => cmd::mailing::run(args, &load(cli)?, style, out),
    }
}

fn locate(cli: &Cli) -> Result<book::Location> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    book::discover(cli.book.as_deref(), &cwd)
}

/// Loads the book once for a report; an invalid book stops here with exit 65.
fn load(cli: &Cli) -> Result<Book> {
    book::load_valid(&locate(cli)?)
}
