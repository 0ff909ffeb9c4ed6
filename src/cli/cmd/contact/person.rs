//! `folio contact person add`: a `[[people]]` entry appended to a contact file.

use super::LockArgs;
use super::file::change;
use crate::book::Location;
use crate::book::contact::{Person, check_word};
use crate::error::{Error, Result};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct PersonArgs {
    #[command(subcommand)]
    command: PersonSub,
}

#[derive(Debug, clap::Subcommand)]
enum PersonSub {
    /// Add a person; the first one with role `billing` receives documents and reminders.
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    /// The contact id.
    id: String,
    /// Full name.
    #[arg(long, value_name = "NAME")]
    name: String,
    /// billing, sales, technical, ... (a lower-case word).
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// E-mail address.
    #[arg(long, value_name = "EMAIL")]
    email: Option<String>,
    /// Phone number.
    #[arg(long, value_name = "PHONE")]
    phone: Option<String>,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs `folio contact person` (the e-mail address is checked with the rest of the file).
pub(super) fn run(args: &PersonArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let PersonSub::Add(args) = &args.command;
    let filled = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Error::InvalidData(
            "--name is empty: a person needs a name".into(),
        ));
    }
    let role = filled(&args.role);
    if let Some(role) = &role {
        check_word(role, "role", "billing, sales or technical").map_err(Error::InvalidData)?;
    }
    let person = Person {
        name: name.to_string(),
        role,
        email: filled(&args.email),
        phone: filled(&args.phone),
    };
    change(
        location,
        &args.id,
        &args.lock,
        "folio contact person add",
        out,
        |doc| doc.add_person(&person).map_err(Error::InvalidData),
    )
}
