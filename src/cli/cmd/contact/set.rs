//! `folio contact set` and `folio contact archive`: keys of a contact file changed in place.

use super::LockArgs;
use super::file::change;
use crate::book::{Location, edit};
use crate::error::{Error, Result};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct SetArgs {
    /// The contact id.
    id: String,
    /// key=value pairs: name, roles, email, phone, vat, industry, tags, language, currency, terms,
    /// credit_limit, since, archived, address.street|postcode|city|region|country,
    /// preferences.newsletter, custom.NAME. Lists (roles, tags) are comma-separated.
    #[arg(value_name = "KEY=VALUE", required = true, value_parser = edit::parse_assignment)]
    assignments: Vec<(String, String)>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
pub(super) struct ArchiveArgs {
    /// The contact id.
    id: String,
    /// Bring an archived contact back (archived = false).
    #[arg(long)]
    undo: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// Sets every `key=value` in one change: all of them are written, or none.
pub(super) fn run(args: &SetArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    change(
        location,
        &args.id,
        &args.lock,
        "folio contact set",
        out,
        |doc| {
            for (key, value) in &args.assignments {
                doc.set(key, value)
                    .map_err(|m| Error::InvalidData(format!("{key}: {m}")))?;
            }
            Ok(())
        },
    )
}

/// Archives a contact (`archived = true`), or brings it back with `--undo`.
pub(super) fn run_archive(
    args: &ArchiveArgs,
    location: &Location,
    out: &mut dyn Write,
) -> Result<()> {
    let value = if args.undo { "false" } else { "true" };
    change(
        location,
        &args.id,
        &args.lock,
        "folio contact archive",
        out,
        |doc| doc.set("archived", value).map_err(Error::InvalidData),
    )
}
