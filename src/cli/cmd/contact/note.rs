//! `folio contact note`: a `[[notes]]` entry appended to the interaction log.

use super::LockArgs;
use super::file::change;
use crate::book::{Location, edit};
use crate::cli::settings::{parse_start_date, today};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct NoteArgs {
    /// The contact id.
    id: String,
    /// call, email, meeting, complaint, resolution, ... (a lower-case word).
    #[arg(long, value_name = "KIND")]
    kind: String,
    /// The note.
    text: String,
    /// The date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

/// Appends the note, dated today unless `--date` says otherwise.
pub(super) fn run(args: &NoteArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    edit::check_note_kind(&args.kind).map_err(Error::InvalidData)?;
    if args.text.trim().is_empty() {
        return Err(Error::InvalidData("the note is empty".into()));
    }
    let date = args.date.unwrap_or_else(today);
    change(
        location,
        &args.id,
        &args.lock,
        "folio contact note",
        out,
        |doc| {
            doc.add_note(date, &args.kind, args.text.trim())
                .map_err(Error::InvalidData)
        },
    )
}
