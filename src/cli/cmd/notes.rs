//! `folio notes`: the notes of every contact, filtered.

use crate::cli::Context;
use crate::cli::settings::ReportArgs;
use crate::error::{Error, Result};
use crate::output;
use crate::report::notes::{self, NoteFilter};
use std::io::Write;

/// Arguments of `folio notes`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A note is numbered among its contact's notes (1 for the first [[notes]] of the file): close one \
with `folio contact note CONTACT --close N`. Oldest first; --as-of leaves out notes dated later.\n\n\
Examples:\n  folio --book examples/demo notes --open\n  \
folio --book examples/demo notes --kind complaint --contact cafe-leopold --format csv")]
pub struct Args {
    /// Only open notes (state = "open").
    #[arg(long)]
    open: bool,
    /// Only notes of this kind: call, complaint, inquiry, ...
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only this contact.
    #[arg(long, value_name = "CONTACT")]
    contact: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

/// Prints the notes that pass the filters.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let contact = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    if let Some(kind) = &args.kind {
        crate::book::edit::check_note_kind(kind).map_err(Error::Usage)?;
    }
    let filter = NoteFilter {
        open: args.open,
        kind: args.kind.clone(),
        contact,
        as_of: Some(args.report.as_of()),
    };
    let report = notes::notes(book, &filter);
    output::render(&report, args.report.format(), args.report.style(style), out)?;
    Ok(())
}
