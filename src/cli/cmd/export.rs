//! `folio export contacts` and `folio export entries`.

use crate::cli::Context;
use crate::cli::settings::{EntryFilterArgs, parse_end_date, today};
use crate::error::Result;
use crate::export::vcard;
use crate::export::{contacts, entries};
use crate::output::{self, Format, Style};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio export`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
CSV text cells that start with =, +, -, @, a tab or a carriage return get a leading ' so a \
spreadsheet shows them instead of running them (--raw writes them as they are); amounts stay \
numbers. `folio import` removes that ' again.\n\n\
Examples:\n  folio --book examples/demo export contacts --format vcard > contacts.vcf\n  \
folio --book examples/demo export entries --format csv > entries.csv\n  \
folio --book examples/demo export entries --format ledger --as-of 2026-06-30 > book.ledger\n  \
folio --book examples/demo export entries --format beancount > book.beancount\n  \
folio --book examples/demo export entries --contact cafe-leopold --from 2026-01-01 --to 2026-12-31")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Every contact, archived ones too.
    Contacts(ContactsArgs),
    /// Every entry dated on or before --as-of, in journal order; --from, --to, --contact, --kind,
    /// --currency and --ref filter them as in `folio entries`.
    Entries(EntriesArgs),
}

/// `--format` of `export contacts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ContactFormat {
    /// CSV with the columns `folio import contacts` reads.
    Csv,
    /// A JSON array of objects shaped like the contact files.
    Json,
    /// vCard 4.0, one card per contact.
    Vcard,
}

/// `--format` of `export entries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EntryFormat {
    /// CSV with the columns `folio import entries` reads.
    Csv,
    /// A JSON array of objects.
    Json,
    /// A ledger-cli / hledger journal.
    Ledger,
    /// The same journal, by the name hledger users look for: ledger and hledger read one text.
    Hledger,
    /// A beancount file.
    Beancount,
}

#[derive(Debug, clap::Args)]
struct ContactsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ContactFormat::Csv)]
    format: ContactFormat,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
}

#[derive(Debug, clap::Args)]
struct EntriesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = EntryFormat::Csv)]
    format: EntryFormat,
    /// Only entries dated on or before this date (default: --to, else today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    filter: EntryFilterArgs,
}

impl EntriesArgs {
    /// The last day exported: the earlier of --to and --as-of, else today.
    fn last_day(&self) -> NaiveDate {
        match (self.filter.to, self.as_of) {
            (Some(to), Some(as_of)) => to.min(as_of),
            (Some(day), None) | (None, Some(day)) => day,
            (None, None) => today(),
        }
    }
}

/// Runs `folio export`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    match &args.command {
        Sub::Contacts(a) => {
            let style = Style {
                raw_csv: a.raw,
                ..style
            };
            match a.format {
                ContactFormat::Csv => {
                    output::render(&contacts::ContactTable::new(book), Format::Csv, style, out)?
                }
                ContactFormat::Json => {
                    let list: Vec<serde_json::Value> =
                        book.contacts.iter().map(contacts::json).collect();
                    output::json::write_value(&list, out)?;
                }
                ContactFormat::Vcard => {
                    let cards: Vec<vcard::Card> =
                        book.contacts.iter().map(contacts::card).collect();
                    vcard::write(&cards, out)?;
                }
            }
        }
        Sub::Entries(a) => {
            let as_of = a.last_day();
            let mut filter = a.filter.filter(book)?;
            filter.to = Some(as_of);
            let entries = entries::Entries::filtered(book, &filter).with_exchange(as_of)?;
            let style = Style {
                raw_csv: a.raw,
                ..style
            };
            match a.format {
                EntryFormat::Csv => output::render(&entries, Format::Csv, style, out)?,
                EntryFormat::Json => output::json::write_value(&entries, out)?,
                EntryFormat::Ledger | EntryFormat::Hledger => {
                    let documents = crate::document::vat_breakdowns(book)?;
                    entries::write_ledger(book, &entries, &documents, as_of, out)?
                }
                EntryFormat::Beancount => {
                    let documents = crate::document::vat_breakdowns(book)?;
                    entries::write_beancount(book, &entries, &documents, as_of, out)?
                }
            }
        }
    }
    Ok(())
}
