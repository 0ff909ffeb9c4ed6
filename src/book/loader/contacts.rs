//! Reading every contact file.

use super::super::contact::{self, Contact};
use super::super::serde_helpers::read_toml;
use super::super::{CONTACTS_DIR, display_path};
use super::Checks;
use super::files::collect_files;
use super::text::{Text, read_text, toml_diagnostics};
use crate::diagnostic::{Diagnostic, line_column, line_text};
use crate::error::Result;
use crate::fsio::BookDir;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where a contact comes from, for messages about it.
pub(super) struct Origin {
    /// Its file, as shown.
    pub(super) path: PathBuf,
    /// The file had an error about the currency, or about the roles: its entries then get no
    /// follow-up message that would only repeat it ("no currency", "roles do not fit").
    pub(super) currency_unsure: bool,
    pub(super) roles_unsure: bool,
    /// Line and column of its `vat` key, if any.
    pub(super) vat_at: (u32, u32),
    /// The line of its `vat` key, for the excerpt under a warning.
    pub(super) vat_line: Option<String>,
}

/// Reads every contact file. Returns the contacts sorted by id, each with its [`Origin`].
pub(super) fn load_contacts(
    dir: &BookDir,
    root: &Path,
    checks: Checks,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<Contact>, Vec<Origin>)> {
    let files = collect_files(dir, root, CONTACTS_DIR, "toml", diagnostics)?;
    let parsed: Vec<Result<(Contact, Origin, Vec<Diagnostic>)>> = files
        .par_iter()
        .map(|relative| {
            let shown = display_path(root, relative);
            let mut local = Vec::new();
            let text = read_text(dir, &root.join(relative), &shown, &mut local)?;
            let stem = relative.file_stem().unwrap_or_default();
            let id = stem.to_string_lossy();
            let Some(Text { text, .. }) = text else {
                // Refused (its error says why): its entries get no "unknown contact" too.
                let origin = Origin {
                    path: shown,
                    currency_unsure: true,
                    roles_unsure: true,
                    vat_at: (0, 0),
                    vat_line: None,
                };
                return Ok((Contact::placeholder(&id), origin, local));
            };
            if let Err(message) = contact::check_contact_id(&id) {
                local.push(Diagnostic::error(&shown, 0, 0, message));
            }
            // Reports need no key positions (they are for warnings): a valid file is read by
            // plain serde, and only a file with problems goes through the slower reader that
            // finds every problem and its position.
            if checks == Checks::ErrorsOnly
                && let Ok(mut contact) = toml::from_str::<Contact>(&text)
            {
                contact.id = id.into_owned();
                let origin = Origin {
                    path: shown,
                    currency_unsure: false,
                    roles_unsure: false,
                    vat_at: (0, 0),
                    vat_line: None,
                };
                return Ok((contact, origin, local));
            }
            let read = read_toml::<Contact>(&text);
            let vat_at = read
                .key_offset("vat")
                .map_or((0, 0), |at| line_column(&text, at));
            let vat_line = line_text(&text, vat_at.0)
                .filter(|_| vat_at.0 > 0)
                .map(str::to_string);
            let currency_unsure = read.is_troubled("currency");
            let roles_unsure = read.is_troubled("roles");
            local.extend(toml_diagnostics(&shown, &text, read.problems));
            let contact = match read.value {
                Some(mut contact) => {
                    contact.id = id.into_owned();
                    contact
                }
                None => Contact::placeholder(&id),
            };
            Ok((
                contact,
                Origin {
                    path: shown,
                    currency_unsure,
                    roles_unsure,
                    vat_at,
                    vat_line,
                },
                local,
            ))
        })
        .collect();

    let mut all = Vec::with_capacity(parsed.len());
    for result in parsed {
        let (contact, origin, local) = result?;
        diagnostics.extend(local);
        all.push((contact, origin));
    }
    // Stable: among files with the same id (in different subfolders) path order is kept, so
    // the first one wins and the later ones are reported.
    all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut contacts: Vec<(Contact, Origin)> = Vec::with_capacity(all.len());
    for (contact, origin) in all {
        if let Some((first, first_origin)) = contacts.last()
            && first.id == contact.id
        {
            diagnostics.push(Diagnostic::error(
                &origin.path,
                0,
                0,
                format!(
                    "duplicate contact id `{}`: {} defines it too; a contact id must be unique across all subfolders",
                    contact.id,
                    first_origin.path.display()
                ),
            ));
            continue;
        }
        contacts.push((contact, origin));
    }
    Ok(contacts.into_iter().unzip())
}

/// A VAT number shared by two contacts is usually one company entered twice. Numbers are compared
/// in their canonical form, so `BE 403.170.701` and `BE0403170701` are the same number.
pub(super) fn warn_shared_vat(
    contacts: &[Contact],
    origins: &[Origin],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (contact, origin) in contacts.iter().zip(origins) {
        let Some(vat) = contact.vat.as_deref().map(crate::identifiers::vat::compact) else {
            continue;
        };
        if vat.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&vat) {
            let mut warning = Diagnostic::warning(
                &origin.path,
                origin.vat_at.0,
                origin.vat_at.1,
                format!(
                    "VAT number {vat} is also used by contact `{first}`; is this the same company twice?"
                ),
            );
            if let Some(line) = &origin.vat_line {
                warning = warning.with_excerpt(line);
            }
            diagnostics.push(warning);
        } else {
            seen.insert(vat, &contact.id);
        }
    }
}
