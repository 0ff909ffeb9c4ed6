//! `folio contact delete`: only a contact that no entry names.

use super::IdArgs;
use super::file::contact_file;
use crate::book::Location;
use crate::error::{Error, Result};
use crate::fsio;
use crate::report::directory;
use std::io::Write;

/// Deletes a contact file, unless journal lines name the contact.
pub(super) fn run(args: &IdArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let _lock = args.lock.acquire(location, "folio contact delete")?;
    let file = contact_file(location, &args.id)?;
    let (book, _) = crate::checks::load(location)?;
    let entries = directory::entry_count(&book, &args.id);
    if entries > 0 {
        return Err(Error::InvalidData(format!(
            "contact `{}` has {entries} journal entr{}; deleting it would leave them without a contact. \
             Archive it instead: `folio contact archive {}`",
            args.id,
            if entries == 1 { "y" } else { "ies" },
            args.id
        )));
    }
    fsio::remove_file(&file.path)?;
    writeln!(out, "deleted {}", file.shown.display())?;
    Ok(())
}
