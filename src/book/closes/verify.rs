//! `folio check`'s side of closed periods: every binding close is compared with the book, and
//! each entry of its period that changed, was added or was removed since is named.

use super::{CloseLine, Row, Snapshot};
use crate::book::Book;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Adds an error for each entry or document of a closed period that differs from the close's
/// snapshot, and for a close whose snapshot file is missing or does not match it.
pub fn verify(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let closes = &book.closes;
    let binding = closes.binding();
    let Some(latest) = binding.iter().map(|close| close.through).max() else {
        return Ok(());
    };
    // Every entry is hashed once, for the latest close; the earlier ones take a prefix, and
    // their digests come from one pass in date order.
    let all = Snapshot::of_book(book, latest)?;
    let mut throughs: Vec<NaiveDate> = binding.iter().map(|close| close.through).collect();
    throughs.sort_unstable();
    throughs.dedup();
    let digests = all.digests_up_to(&throughs);
    for close in binding {
        let super::Action::Close(seal) = &close.action else {
            continue;
        };
        let at = throughs.partition_point(|&through| through < close.through);
        let intact = digests[at] == seal.digest;
        // The stored rows are needed only to name what changed in a close that no longer holds.
        let stored = match Snapshot::read_digest(&book.root, close.through)? {
            Some((digest, problems)) if digest == seal.digest && !intact => {
                Snapshot::read(&book.root, close.through)?
                    .map(|(snapshot, _)| (digest, problems, Some(snapshot)))
            }
            Some((digest, problems)) => Some((digest, problems, None)),
            None => None,
        };
        let what = closes.describe(close);
        match stored {
            Some((digest, mut problems, sealed)) if digest == seal.digest => {
                diagnostics.append(&mut problems);
                if let Some(sealed) = sealed {
                    compare(&sealed, all.up_to(close.through), &what, close, diagnostics);
                }
            }
            stored => {
                let file = super::snapshot_path(&book.root, close.through);
                let file = file
                    .strip_prefix(&book.root)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                let state = if stored.is_some() {
                    "does not match it"
                } else {
                    "is missing"
                };
                let message = if intact {
                    format!(
                        "the closed period is intact, but its snapshot {file} {state}: folio could not \
                         name an entry changed later; restore it from git (`git checkout -- {file}`)"
                    )
                } else {
                    format!(
                        "the entries dated up to {} no longer give the digest of {what}, and its \
                         snapshot {file} {state}, so folio cannot name them: restore the snapshot \
                         from git, or compare with `git log -p -- journal documents`",
                        close.through
                    )
                };
                let place = (&closes.shown, close.line);
                let mut diagnostic = if intact {
                    Diagnostic::warning(place.0, place.1, 1, message)
                } else {
                    Diagnostic::error(place.0, place.1, 1, message)
                };
                diagnostic = diagnostic.with_excerpt(&close.to_line());
                diagnostics.push(diagnostic);
            }
        }
    }
    Ok(())
}

/// Names every row that differs between the close's snapshot and the book.
fn compare(
    snapshot: &Snapshot,
    now: &[Row],
    what: &str,
    close: &CloseLine,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut sealed: BTreeMap<&str, &Row> = snapshot
        .rows
        .iter()
        .map(|row| (row.id.as_str(), row))
        .collect();
    let undo = format!(
        "undo the change (`git diff`), or reopen the period first (`folio reopen {} --reason TEXT`)",
        close.through
    );
    for row in now {
        let (path, line) = (&row.place.0, row.place.1);
        let message = match sealed.remove(row.id.as_str()) {
            None => format!(
                "{} dated {} was added to the period closed by {what}; {undo}",
                row.id, row.date
            ),
            Some(before) if before.entry != row.entry => format!(
                "{} is in the period closed by {what}, and its line has changed since the close; {undo}",
                row.id
            ),
            Some(before) if before.document != row.document => {
                let change = match (&before.document, &row.document) {
                    (Some(_), None) => "was removed",
                    (None, Some(_)) => "was added",
                    _ => "has changed",
                };
                format!(
                    "{} is in the period closed by {what}, and its document {change} since the close; {undo}",
                    row.id
                )
            }
            Some(_) => continue,
        };
        diagnostics.push(Diagnostic::error(path, line, 1, message));
    }
    for row in sealed.into_values() {
        let message = format!(
            "{} dated {} was in the period closed by {what}, and is no longer in the book (removed, \
             or dated out of the period); {undo}",
            row.id, row.date
        );
        diagnostics.push(
            Diagnostic::error(&row.place.0, row.place.1, 1, message).with_excerpt(&row.to_line()),
        );
    }
}
