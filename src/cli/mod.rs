//! The command line: clap definitions, dispatch, and the mapping of errors to exit codes.
//! Only this module prints.

pub mod cmd;
pub mod common;
pub mod config;
pub mod help;
pub mod items;
pub mod settings;

use crate::book::{self, Book};
use crate::error::{Error, Result, exit};
use crate::journal::Kind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// folio: customers, suppliers and what they owe, in plain text files.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None, propagate_version = true)]
#[command(disable_help_subcommand = true)]
pub struct Cli {
    /// The book's directory (default: $FOLIO_BOOK, else the nearest parent holding folio.toml,
    /// else `book` in the user config).
    #[arg(long, global = true, env = "FOLIO_BOOK", value_name = "DIR", help_heading = GLOBAL)]
    pub book: Option<PathBuf>,

    /// Colour in tables and messages: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = settings::ColorChoice::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: settings::ColorChoice,

    /// Show long output through a pager ($FOLIO_PAGER, $PAGER, else `less -FRX`), on a terminal.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub pager: bool,

    /// No progress bars on stderr.
    #[arg(long, short, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Only these columns of a report (table, CSV or JSON), in this order:
    /// `--columns contact,document,open`. A table then never leaves one of them out.
    #[arg(long, global = true, value_delimiter = ',', value_name = "NAMES", help_heading = GLOBAL)]
    pub columns: Vec<String>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,

    /// What the command line, the environment and the user config decided together.
    #[arg(skip)]
    pub resolved: Resolved,
}

/// The heading of the options every command takes.
const GLOBAL: &str = "Global options";

/// Settings resolved from flags, environment and the user config, once, before dispatch.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Colour and table width for stdout.
    pub style: crate::output::Style,
    /// The user config file's settings.
    pub config: config::UserConfig,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty book.
    Init(cmd::init::Args),
    /// The company on documents and letters: `company set vat=...`, `company show`.
    Company(cmd::company::Args),
    /// Validate the whole book and list every problem.
    Check(cmd::check::Args),
    /// Close a period (2026-Q3, 2026-09, --to DATE): its entries can no longer change; --list.
    Close(cmd::close::Args),
    /// Reopen a closed period, with the reason recorded: --reason TEXT.
    Reopen(cmd::reopen::Args),
    /// Balance per contact and currency: debits, credits, balance, overdue.
    Balance(cmd::balance::Args),
    /// Open items by days past due: current, 1-30, 31-60, 61-90, 90+.
    Aging(cmd::aging::Args),
    /// Statement of account: opening balance, entries with running balance, open items.
    Statement(cmd::statement::Args),
    /// How a document was settled: what was applied to it, or what it paid.
    Explain(cmd::explain::Args),
    /// Open items expected week by week, placed by each contact's payment behaviour.
    Forecast(cmd::forecast::Args),
    /// Late-payment interest per invoice; --issue records it as debit notes.
    Interest(cmd::interest::Args),
    /// Overdue items across all contacts, oldest first, with whom to call.
    Overdue(cmd::overdue::Args),
    /// The journal as a filtered list: --from, --to, --contact, --kind, --currency, --ref.
    Entries(cmd::entries::Args),
    /// One row per document (invoice, credit, quote, bill, debit) with its status and open amount.
    Documents(cmd::documents::Args),
    /// Credit limits: exposure, warnings and holds; `credit check` and `credit score`.
    Credit(cmd::credit::Args),
    /// Add, change, show, search, annotate, archive or delete a contact.
    Contact(cmd::contact::Args),
    /// Add, change, list or show a product of the catalogue (products/CODE.toml).
    Product(cmd::product::Args),
    /// List contacts, filtered by role, tag, industry, country, city or language.
    Contacts(cmd::contacts::Args),
    /// Record a sales invoice: CONTACT AMOUNT.
    Invoice(cmd::entry::Args),
    /// Record a payment received: CONTACT AMOUNT [--ref INVOICE].
    #[command(after_help = cmd::entry::PAYMENT_HELP)]
    Payment(cmd::entry::PaymentArgs),
    /// Record a credit note: CONTACT AMOUNT [--ref INVOICE].
    CreditNote(cmd::entry::Args),
    /// Record money paid back to a customer: CONTACT AMOUNT [--ref PAYMENT].
    #[command(after_help = cmd::entry::REFUND_HELP)]
    Refund(cmd::entry::RefundArgs),
    /// Record a supplier bill: CONTACT AMOUNT.
    Bill(cmd::entry::BillArgs),
    /// Record a payment to a supplier: CONTACT AMOUNT [--ref BILL].
    #[command(after_help = cmd::entry::PAYOUT_HELP)]
    Payout(cmd::entry::PaymentArgs),
    /// Record a debit note (a supplier's credit): CONTACT AMOUNT [--ref BILL].
    DebitNote(cmd::entry::DebitNoteArgs),
    /// Void an invoice, refund or bill with a credit or debit note for what is still open.
    Void(cmd::void::Args),
    /// Record that a customer disputes an item (--reason), or that the dispute is over (--resolved).
    Dispute(cmd::dispute::Args),
    /// Record a customer's promise to pay DOC or CONTACT by --until [--amount].
    Promise(cmd::promise::Args),
    /// Give the later of two entries with one id (after a merge) the next free number.
    Renumber(cmd::renumber::Args),
    /// The git merge driver of journals and documents (docs/git.md); --install wires it.
    #[command(hide = true)]
    MergeDriver(cmd::merge_driver::Args),
    /// Write off what will not be paid: CONTACT AMOUNT --reason R [--ref DOC]; --below 1.00.
    Writeoff(cmd::writeoff::Args),
    /// Make a quote with line items; `quote accept Q-...` turns it into an invoice.
    Quote(cmd::quote::Args),
    /// Issue the recurring invoices (`[[recurring]]` in contact files) that have come due; --list.
    Recur(cmd::recur::Args),
    /// An invoice, credit note or quote as text, HTML, PDF or UBL (Peppol BIS 3.0).
    Render(cmd::render::Args),
    /// What a change does to the book (git): documents, entries, contacts, balances before and after.
    Diff(cmd::diff::Args),
    /// The history of one contact or document from git: who changed what, and when.
    Log(cmd::log::Args),
    /// Lay out journal and contact files canonically; --check lists what would change.
    Fmt(cmd::fmt::Args),
    /// Courtesy notices and dunning letters to send today: list, --write DIR, --send.
    Remind(cmd::remind::Args),
    /// Contracts with their notice dates; --expiring 60d.
    Contracts(cmd::contracts::Args),
    /// The notes of every contact (the service log): --open, --kind K, --contact C.
    Notes(cmd::notes::Args),
    /// Customer metrics: revenue, invoices, recency, days to pay, balance, grade, RFM, ABC.
    Metrics(cmd::metrics::Args),
    /// Every segment (rules of folio.toml, RFM, ABC, tiers): members, revenue, share, balance.
    Segments(cmd::segments::Args),
    /// The members of one segment, with their metrics.
    Segment(cmd::segment::Args),
    /// Analytics reports: contribution (Pareto), clv, collection (DSO).
    Report(cmd::report::Args),
    /// VAT on sales and purchases for a period, by category and rate, and the balance to pay.
    Vat(cmd::vat::Args),
    /// The recipients of a mailing to a segment, as a table, CSV, JSON or vCard.
    Mailing(cmd::mailing::Args),
    /// Import contacts or entries from CSV.
    Import(cmd::import::Args),
    /// Exchange rates: list the book's quotes, show a pair's rate on a day, import the ECB's CSV.
    Rates(cmd::rates::Args),
    /// Export contacts (CSV, JSON, vCard) or entries (CSV, JSON, ledger, beancount).
    Export(cmd::export::Args),
    /// Match bank statement lines to open items; --apply records the payments.
    Reconcile(cmd::reconcile::Args),
    /// What needs attention today: credit, collection, anomalies, behaviour, data quality.
    Alerts(cmd::alerts::Args),
    /// Help for a command (`folio help credit check`) or a topic (`folio help format`).
    Help(cmd::help::Args),
    /// A shell completion script: bash, zsh, fish or powershell.
    Completions(cmd::completions::Args),
    /// The manual page, in roff: `folio man | man -l -`.
    Man(cmd::man::Args),
    /// Lists contact or document ids for the completion scripts.
    #[command(name = "__complete", hide = true)]
    Complete(cmd::completions::CompleteArgs),
}

/// The whole command line as clap sees it, with the help topics after the root help.
pub fn command() -> clap::Command {
    let topics = help::list();
    Cli::command().after_help(format!(
        "Help topics (`folio help TOPIC`):\n{topics}\n\n\
Exit codes: 0 ok, 1 a condition asked for (--fail-on, --strict), 2 usage, 65 invalid book data, \
66 book or input not found, 74 I/O error, 75 lock not obtained (`folio help exit-codes`).\n\n\
Examples:\n  folio --book examples/demo balance --as-of 2026-11-25\n  \
folio --book examples/demo aging --as-of 2026-11-25 --detail\n  folio help format"
    ))
}

/// The command line with the user config's defaults for `--format` and `--as-of` set on every
/// command that takes them (flags and environment variables still win: clap applies defaults
/// last), and clap's own colour following `--color`, `NO_COLOR` and the config.
fn configured_command(config: &config::UserConfig, args: &[OsString]) -> clap::Command {
    fn with_defaults(
        command: clap::Command,
        format: Option<&'static str>,
        as_of: Option<&'static str>,
    ) -> clap::Command {
        command
            .mut_args(|arg| match arg.get_id().as_str() {
                "format" => match format {
                    Some(f)
                        if arg
                            .get_possible_values()
                            .iter()
                            .any(|v| v.matches(f, false)) =>
                    {
                        arg.default_value(f)
                    }
                    _ => arg,
                },
                "as_of" => match as_of {
                    Some(date) => arg.default_value(date),
                    None => arg,
                },
                _ => arg,
            })
            .mut_subcommands(|sub| with_defaults(sub, format, as_of))
    }
    // Leaked once per process: clap wants 'static defaults without its `string` feature.
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let format = config.format.clone().map(leak);
    let as_of = config
        .as_of(settings::today())
        .map(|date| leak(date.to_string()));
    let mut command = command();
    if format.is_some() || as_of.is_some() {
        command = with_defaults(command, format, as_of);
    }
    let color = match color_flag(args).or_else(|| {
        if crate::output::terminal::no_color_env() {
            Some(settings::ColorChoice::Never)
        } else {
            config
                .color
                .as_deref()
                .and_then(|c| clap::ValueEnum::from_str(c, false).ok())
        }
    }) {
        Some(settings::ColorChoice::Always) => clap::ColorChoice::Always,
        Some(settings::ColorChoice::Never) => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    };
    command.color(color)
}

/// `--color WHEN` as written on the command line, read before clap parses it so that clap's own
/// help and errors follow it too.
fn color_flag(args: &[OsString]) -> Option<settings::ColorChoice> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--color") {
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(value) = value {
            return clap::ValueEnum::from_str(&value, false).ok();
        }
    }
    None
}

/// Decides colour for stdout and stderr: `--color` > `NO_COLOR` > the config's `color` > auto.
fn resolve(cli: &mut Cli, matches: &clap::ArgMatches, config: config::UserConfig) {
    let from_flag = matches.value_source("color") == Some(clap::parser::ValueSource::CommandLine);
    let forced = if from_flag {
        cli.color.forced()
    } else if crate::output::terminal::no_color_env() {
        Some(false)
    } else {
        config
            .color
            .as_deref()
            .and_then(|c| clap::ValueEnum::from_str(c, false).ok())
            .and_then(settings::ColorChoice::forced)
    };
    let choice = match forced {
        Some(true) => settings::ColorChoice::Always,
        Some(false) => settings::ColorChoice::Never,
        None => settings::ColorChoice::Auto,
    };
    crate::output::terminal::set_stderr_color(crate::output::terminal::color_for(
        forced,
        std::io::stderr().is_terminal(),
    ));
    crate::output::terminal::set_quiet(cli.quiet);
    cli.resolved = Resolved {
        style: settings::style(choice, &cli.columns),
        config,
    };
}

/// Parses the arguments, runs the command and returns the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let config = match config::load() {
        Ok(config) => config,
        Err(error) => {
            crate::output::terminal::set_stderr_color(crate::output::terminal::color_for(
                color_flag(&args).and_then(settings::ColorChoice::forced),
                std::io::stderr().is_terminal(),
            ));
            return report_error(&error);
        }
    };
    let command = configured_command(&config, &args);
    let args = settings::options_after_command(&command, args);
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches).map(|cli| (cli, matches)));
    let mut cli = match parsed {
        Ok((mut cli, matches)) => {
            resolve(&mut cli, &matches, config);
            cli
        }
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
    };
    let pager = if cli.pager && std::io::stdout().is_terminal() {
        crate::output::pager::command(cli.resolved.config.pager.as_deref())
            .and_then(|words| crate::output::pager::Pager::spawn(&words).ok())
    } else {
        None
    };
    if pager.is_some() {
        // The pager shows what it gets as it comes; its width is the terminal's.
        cli.resolved.style.width = crate::output::terminal::table_width();
    }
    let result = match pager {
        Some(mut pager) => {
            let mut out = std::io::BufWriter::new(&mut pager);
            let result = dispatch(&cli, &mut out);
            let flushed = out.flush().map_err(Error::Output);
            drop(out);
            let _ = pager.finish();
            result.and(flushed)
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            // Flush what the command wrote before any error is printed, so a report and the
            // error about it (e.g. --fail-on) appear in that order.
            let result = dispatch(&cli, &mut out);
            let flushed = out.flush().map_err(Error::Output);
            result.and(flushed)
        }
    };
    match result {
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
            let label = crate::output::terminal::paint(
                "error",
                "1;31",
                crate::output::terminal::stderr_color(),
            );
            let message = other.to_string();
            let _ = writeln!(err, "folio: {label}: {}", crate::text::visible(&message));
        }
    }
    error.exit_code()
}

fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<()> {
    let context = Context { cli };
    let context = &context;
    match &cli.command {
        Command::Init(args) => cmd::init::run(args, context, out),
        Command::Company(args) => cmd::company::run(args, context, out),
        Command::Check(args) => cmd::check::run(args, context, out),
        Command::Close(args) => cmd::close::run(args, context, out),
        Command::Reopen(args) => cmd::reopen::run(args, context, out),
        Command::Balance(args) => cmd::balance::run(args, context, out),
        Command::Aging(args) => cmd::aging::run(args, context, out),
        Command::Statement(args) => cmd::statement::run(args, context, out),
        Command::Explain(args) => cmd::explain::run(args, context, out),
        Command::Forecast(args) => cmd::forecast::run(args, context, out),
        Command::Interest(args) => cmd::interest::run(args, context, out),
        Command::Overdue(args) => cmd::overdue::run(args, context, out),
        Command::Entries(args) => cmd::entries::run(args, context, out),
        Command::Documents(args) => cmd::documents::run(args, context, out),
        Command::Credit(args) => cmd::credit::run(args, context, out),
        Command::Contact(args) => cmd::contact::run(args, context, out),
        Command::Contacts(args) => cmd::contacts::run(args, context, out),
        Command::Product(args) => cmd::product::run(args, context, out),
        Command::Invoice(args) => cmd::entry::run(&entry(Kind::Invoice, args), context, out),
        Command::Payment(args) => {
            cmd::entry::run(&entry(Kind::Payment, &args.full()), context, out)
        }
        Command::CreditNote(args) => cmd::entry::run(&entry(Kind::Credit, args), context, out),
        Command::Refund(args) => cmd::entry::run(&entry(Kind::Refund, &args.full()), context, out),
        Command::Bill(args) => cmd::entry::run(&entry(Kind::Bill, &args.full()), context, out),
        Command::Payout(args) => cmd::entry::run(&entry(Kind::Payout, &args.full()), context, out),
        Command::DebitNote(args) => {
            cmd::entry::run(&entry(Kind::Debit, &args.full()), context, out)
        }
        Command::Void(args) => cmd::void::run(args, context, out),
        Command::Renumber(args) => cmd::renumber::run(args, context, out),
        Command::MergeDriver(args) => cmd::merge_driver::run(args, context, out),
        Command::Writeoff(args) => cmd::writeoff::run(args, context, out),
        Command::Dispute(args) => cmd::dispute::run(args, context, out),
        Command::Promise(args) => cmd::promise::run(args, context, out),
        Command::Quote(args) => cmd::quote::run(args, context, out),
        Command::Recur(args) => cmd::recur::run(args, context, out),
        Command::Render(args) => cmd::render::run(args, context, out),
        Command::Diff(args) => cmd::diff::run(args, context, out),
        Command::Log(args) => cmd::log::run(args, context, out),
        Command::Fmt(args) => cmd::fmt::run(args, context, out),
        Command::Remind(args) => cmd::remind::run(args, context, out),
        Command::Contracts(args) => cmd::contracts::run(args, context, out),
        Command::Notes(args) => cmd::notes::run(args, context, out),
        Command::Metrics(args) => cmd::metrics::run(args, context, out),
        Command::Vat(args) => cmd::vat::run(args, context, out),
        Command::Segments(args) => cmd::segments::run(args, context, out),
        Command::Segment(args) => cmd::segment::run(args, context, out),
        Command::Report(args) => cmd::report::run(args, context, out),
        Command::Mailing(args) => cmd::mailing::run(args, context, out),
        Command::Import(args) => cmd::import::run(args, context, out),
        Command::Rates(args) => cmd::rates::run(args, context, out),
        Command::Export(args) => cmd::export::run(args, context, out),
        Command::Reconcile(args) => cmd::reconcile::run(args, context, out),
        Command::Alerts(args) => cmd::alerts::run(args, context, out),
        Command::Help(args) => cmd::help::run(args, context, out),
        Command::Completions(args) => cmd::completions::run(args, context, out),
        Command::Man(args) => cmd::man::run(args, context, out),
        Command::Complete(args) => cmd::completions::complete(args, locate(cli).ok().as_ref(), out),
    }
}

/// What every command's `run` is given besides its own arguments: the global options, and the
/// book's location or the loaded book when the command asks for them.
pub struct Context<'a> {
    cli: &'a Cli,
}

impl Context<'_> {
    /// The renderers' settings from the global options and the user config.
    pub fn style(&self) -> crate::output::Style {
        self.cli.resolved.style
    }

    /// Where the book is (see [`locate`]).
    pub fn location(&self) -> Result<book::Location> {
        locate(self.cli)
    }

    /// The book, loaded once and valid; an invalid book stops here with exit 65.
    pub fn book(&self) -> Result<&'static Book> {
        load(self.cli)
    }
}

/// An entry command of `kind`.
fn entry(kind: Kind, args: &cmd::entry::Args) -> cmd::entry::Recording<'_> {
    cmd::entry::Recording { kind, args }
}

/// Finds the book: `--book` or `$FOLIO_BOOK`, else walking up from the current directory, else
/// the user config's `book`.
fn locate(cli: &Cli) -> Result<book::Location> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    match (
        book::discover(cli.book.as_deref(), &cwd),
        &cli.resolved.config.book,
    ) {
        (Err(Error::NotFound(_)), Some(default)) if cli.book.is_none() => {
            book::discover(Some(default), &cwd)
        }
        (found, _) => found,
    }
}

/// Loads the book once for a report; an invalid book stops here with exit 65.
fn load(cli: &Cli) -> Result<&'static Book> {
    let book = crate::checks::load_valid(&locate(cli)?);
    crate::alloc::release_free_memory();
    Ok(keep_until_exit(book?))
}

/// Keeps a loaded book until the process ends, which follows the one command: freeing a large
/// book piece by piece (20,000 contacts' strings, the journal text and entries) took 15 ms on
/// the million-entry book, for memory the system takes back at exit anyway.
pub(crate) fn keep_until_exit(book: Book) -> &'static Book {
    Box::leak(Box::new(book))
}
