//! `folio entries`: the journal as a filtered list.

use crate::cli::Context;
use crate::cli::settings::{EntryFilterArgs, FormatArg};
use crate::error::Result;
use crate::export::entries::Entries;
use crate::output::{self, Format, Style};
use std::io::Write;

/// Arguments of `folio entries`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
One row per journal entry that passes every filter, in journal order: date, kind, id, contact, \
amount, currency, due (invoices and bills), ref, memo, meta. JSON keys and CSV headers are those \
names; the CSV is what `folio import entries` reads back.\n\n\
Examples:\n  folio --book examples/demo entries --contact cafe-leopold\n  \
folio --book examples/demo entries --from 2026-11-01 --to 2026-11-30 --kind payment --kind credit\n  \
folio --book examples/demo entries --ref INV-2026-0041 --format json")]
pub struct Args {
    #[command(flatten)]
    filter: EntryFilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    format: FormatArg,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long, help_heading = "Output")]
    raw: bool,
}

/// Prints the entries that pass the filters.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let filter = args.filter.filter(book)?;
    let entries = Entries::filtered(book, &filter);
    let style = Style {
        raw_csv: args.raw,
        ..context.style()
    };
    let format: Format = args.format.into();
    output::render(&entries, format, style, out)?;
    Ok(())
}
