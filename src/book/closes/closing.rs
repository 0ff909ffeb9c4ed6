//! Recording a close or a reopen: what `folio close` and `folio reopen` write.

use super::{Action, CloseLine, Seal, Snapshot};
use crate::book::Book;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use chrono::NaiveDate;

/// What `folio close` did.
#[derive(Debug, Clone)]
pub enum Closing {
    /// The close was recorded: its line (with its line number) and what it sealed.
    Recorded(CloseLine),
    /// A binding close already covers the date: nothing was written.
    AlreadyClosed(CloseLine),
}

/// Closes every date up to `through`: writes the snapshot `closes/<through>.digest`, then appends
/// the close to `closes.journal` (the caller holds the lock). Refused while a binding close no
/// longer matches the book (its errors are returned): a new digest would seal the change.
pub fn close(
    book: &Book,
    through: NaiveDate,
    recorded: NaiveDate,
    memo: Option<&str>,
) -> Result<Closing> {
    let memo = checked_memo(memo, "--memo")?;
    let mut problems = Vec::new();
    super::verify(book, &mut problems)?;
    problems.retain(Diagnostic::is_error);
    if !problems.is_empty() {
        return Err(Error::InvalidBook(problems));
    }
    if let Some(covering) = book.closes.closing(through) {
        return Ok(Closing::AlreadyClosed(covering.clone()));
    }
    let snapshot = Snapshot::of_book(book, through)?;
    let line = CloseLine {
        recorded,
        through,
        action: Action::Close(Seal {
            digest: snapshot.digest(),
            entries: snapshot.rows.len() as u64,
            documents: snapshot.documents(),
        }),
        memo,
        line: super::next_line_number(&book.root)?,
    };
    snapshot.write(&book.root, through)?;
    super::append(&book.root, &line)?;
    Ok(Closing::Recorded(line))
}

/// Reopens the binding close through `through`, for `reason` (the caller holds the lock). The
/// latest close must be reopened first: closes are cumulative, so a later one covers `through`
/// too. No close through `through` in force is not found (exit 66).
pub fn reopen(
    book: &Book,
    through: NaiveDate,
    recorded: NaiveDate,
    reason: &str,
) -> Result<CloseLine> {
    let reason = checked_memo(Some(reason), "--reason")?
        .ok_or_else(|| Error::Usage("--reason must say why the period is reopened".to_string()))?;
    let closes = &book.closes;
    let binding = closes.binding();
    if !binding.iter().any(|close| close.through == through) {
        let in_force: Vec<String> = binding.iter().map(|c| c.through.to_string()).collect();
        let in_force = match in_force.is_empty() {
            true => "none".to_string(),
            false => in_force.join(", "),
        };
        return Err(Error::NotFound(format!(
            "no close through {through} is in force (closes in force: {in_force}; `folio close --list`)"
        )));
    }
    if let Some(later) = binding.iter().find(|close| close.through > through) {
        return Err(Error::InvalidData(format!(
            "{} covers {through} too: reopen it first (`folio reopen {} --reason TEXT`)",
            closes.describe(later),
            later.through
        )));
    }
    let line = CloseLine {
        recorded,
        through,
        action: Action::Reopen,
        memo: Some(reason),
        line: super::next_line_number(&book.root)?,
    };
    super::append(&book.root, &line)?;
    Ok(line)
}

/// A memo or reason: one line of text, trimmed; empty is none.
fn checked_memo(memo: Option<&str>, option: &str) -> Result<Option<String>> {
    let Some(memo) = memo.map(str::trim).filter(|m| !m.is_empty()) else {
        return Ok(None);
    };
    crate::text::check_line(memo)
        .map_err(|why| Error::Usage(format!("{option} is one line of text: it holds {why}")))?;
    Ok(Some(memo.to_string()))
}
