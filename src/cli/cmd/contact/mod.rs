//! `folio contact add|set|edit|show|search|note|person|archive|delete`: one contact at a time.
//!
//! Every change is validated before it is written, written atomically (temp file, fsync, rename)
//! and made under the book's lock; edits go through toml_edit, so comments and layout survive.

mod add;
mod delete;
mod edit;
mod file;
mod note;
mod person;
mod search;
mod set;
mod show;

use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::error::Result;
use std::io::Write;

/// Arguments of `folio contact`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit codes: 0 done, 2 usage, 65 invalid data (nothing written) or a contact with entries to delete, \
66 no such contact or book, 74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo contact add --name \"Acme Trading\" --role customer --vat BE0403170701 --country BE\n  \
folio --book examples/demo contact set cafe-leopold address.city=Ixelles tags=horeca,vip terms=14\n  \
folio --book examples/demo contact show hotel-les-tilleuls --format json\n  \
folio --book examples/demo contact search etienne\n  \
folio --book examples/demo contact note cafe-leopold --kind call \"Promised to pay on Friday\"\n  \
folio --book examples/demo contact note cafe-leopold --kind complaint --open --document INV-2026-0001 \"Wrong quantity\"\n  \
folio --book examples/demo contact note cafe-leopold --close 2\n  \
folio --book examples/demo contact person add cafe-leopold --name \"Ann Peeters\" --role billing --email ann@leopold.example")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Add a contact; without ID, an id is made from the name (and printed).
    Add(Box<add::AddArgs>),
    /// Set fields: key=value ..., dotted keys for tables (address.city=Gent), an empty value
    /// removes the key.
    Set(set::SetArgs),
    /// Open the contact file in $VISUAL or $EDITOR; it is saved only when valid.
    Edit(IdArgs),
    /// Fields, balances, overdue, credit status and the last notes.
    Show(show::ShowArgs),
    /// Find contacts by name, e-mail, phone, VAT number, city or tag (case and accents ignored).
    Search(search::SearchArgs),
    /// Add a note to the service log (`--open` when something remains to be done), or close one
    /// (`--close N`).
    Note(note::NoteArgs),
    /// The people at a contact: `person add ID --name NAME --role billing --email EMAIL`.
    Person(person::PersonArgs),
    /// Archive a contact: it keeps its history but leaves lists and mailings.
    Archive(set::ArchiveArgs),
    /// Delete a contact that has no entries (one with entries can only be archived).
    Delete(IdArgs),
}

#[derive(Debug, clap::Args)]
struct IdArgs {
    /// The contact id.
    id: String,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs a `folio contact` subcommand.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let style = context.style();
    match &args.command {
        Sub::Add(args) => add::run(args, location, out),
        Sub::Set(args) => set::run(args, location, out),
        Sub::Edit(args) => edit::run(args, location, out),
        Sub::Show(args) => show::run(args, location, style, out),
        Sub::Search(args) => search::run(args, location, style, out),
        Sub::Note(args) => note::run(args, location, out),
        Sub::Person(args) => person::run(args, location, out),
        Sub::Archive(args) => set::run_archive(args, location, out),
        Sub::Delete(args) => delete::run(args, location, out),
    }
}
