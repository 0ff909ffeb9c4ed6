//! `folio contact note`: a `[[notes]]` entry appended to the interaction log, or an open one
//! closed.

use super::LockArgs;
use super::file::change;
use crate::book::contact::{Note, NoteState};
use crate::book::{Location, edit};
use crate::cli::settings::{parse_start_date, today};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct NoteArgs {
    /// The contact id.
    id: String,
    /// call, email, meeting, complaint, inquiry, resolution, ... (a lower-case word).
    #[arg(long, value_name = "KIND", required_unless_present = "close")]
    kind: Option<String>,
    /// The note.
    #[arg(required_unless_present = "close")]
    text: Option<String>,
    /// The date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// Something remains to be done: the note is `open` until closed (same as --state open).
    #[arg(long, conflicts_with = "state")]
    open: bool,
    /// open or closed.
    #[arg(long, value_enum, value_name = "STATE")]
    state: Option<StateArg>,
    /// The document the note concerns, e.g. INV-2026-0001.
    #[arg(long, value_name = "DOC")]
    document: Option<String>,
    /// Close note N instead (its number in `folio notes` and `contact show`: 1 for the first note
    /// of the contact file).
    #[arg(long, value_name = "N", conflicts_with_all = ["kind", "text", "date", "open", "state", "document"])]
    close: Option<usize>,
    #[command(flatten)]
    lock: LockArgs,
}

/// `--state`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum StateArg {
    /// Something remains to be done.
    Open,
    /// Dealt with.
    Closed,
}

/// Appends the note, dated today unless `--date` says otherwise, or closes note `--close N`.
pub(super) fn run(args: &NoteArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    if let Some(number) = args.close {
        return change(
            location,
            &args.id,
            &args.lock,
            "folio contact note",
            out,
            |doc| doc.close_note(number).map_err(Error::InvalidData),
        );
    }
    let note = new_note(args)?;
    change(
        location,
        &args.id,
        &args.lock,
        "folio contact note",
        out,
        |doc| doc.add_note(&note).map_err(Error::InvalidData),
    )
}

/// The note the arguments describe, checked.
fn new_note(args: &NoteArgs) -> Result<Note> {
    let kind = args.kind.clone().unwrap_or_default();
    edit::check_note_kind(&kind).map_err(Error::InvalidData)?;
    let text = args.text.as_deref().unwrap_or_default().trim();
    if text.is_empty() {
        return Err(Error::InvalidData("the note is empty".into()));
    }
    let state = match (args.open, args.state) {
        (true, _) | (false, Some(StateArg::Open)) => Some(NoteState::Open),
        (false, Some(StateArg::Closed)) => Some(NoteState::Closed),
        (false, None) => None,
    };
    let document = args
        .document
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string);
    Ok(Note {
        date: args.date.unwrap_or_else(today),
        kind,
        state,
        document,
        text: text.to_string(),
    })
}
