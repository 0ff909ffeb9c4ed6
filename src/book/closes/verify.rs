//! `folio check`'s side of closed periods: every binding close is compared with the book, and
//! each entry of its period that changed, was added or was removed since is named.

use super::{CloseLine, Row, Snapshot};
use crate::book::Book;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use std::collections::BTreeMap;

/// Adds an error for each entry or document of a closed period that differs from the close's
/// snapshot, and for a close whose snapshot file is missing or does not match it.
pub fn verify(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let closes = &book.closes;
    let binding = closes.binding();
    let Some(latest) = binding.iter().map(|close| close.through).max() else {
        return Ok(());
    };
    // Every entry is hashed once, for the latest close; the earlier ones take a prefix.
    let all = Snapshot::of_book(book, latest)?;
    for close in binding {
        let super::Action::Close(seal) = &close.action else {
            continue;
        };
        let now = all.up_to(close.through);
        let intact = now.digest() == seal.digest;
        let stored = Snapshot::read(&book.root, close.through)?;
        let what = closes.describe(close);
        match stored {
            Some((snapshot, mut problems)) if snapshot.digest() == seal.digest => {
                diagnostics.append(&mut problems);
                if !intact {
                    compare(&snapshot, &now, &what, close, diagnostics);
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
    now: &Snapshot,
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
    for row in &now.rows {
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
