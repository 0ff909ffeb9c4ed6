//! `folio renumber`: after a merge, ids used twice are resolved. Of the entries sharing an id, the
//! earliest (by the commit that brought its line, else by journal order) keeps it; each later one
//! takes the next free number of its `[numbering]` pattern, on its journal line, in the `ref:`s
//! that belong to it and in its document file (renamed, with its `id` and payment communication
//! made again). Everything is planned first, from the loaded book, and written in one change.
//!
//! Which `ref:X` belongs to which of two documents `X`: the one of the same contact when only one
//! is; else the one whose commit the referring line's commit descends from when only one does (the
//! payment came with its invoice's branch); else the last of them before the referring line in
//! journal order (a union merge puts the other branch's lines after ours).

use super::git::{self, Origin};
use crate::book::{Book, sends, statement_sends};
use crate::diagnostic::Diagnostic;
use crate::document::DocumentKind;
use crate::error::{Error, Result};
use crate::journal::parser::parse_line;
use crate::journal::{Entry, Kind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};

/// How the later of two entries with one id was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// By the commit that brought each line (`git blame`).
    Git,
    /// By journal order: the book is not in git.
    Journal,
}

impl Order {
    /// The word shown and written in JSON.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Order::Git => "git",
            Order::Journal => "journal",
        }
    }
}

/// One entry that takes a new id.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    /// The id it had (and another entry keeps).
    pub old: String,
    /// The id it takes.
    pub new: String,
    /// Its kind.
    pub kind: Kind,
    /// Its contact's id.
    pub contact: String,
    /// Its journal file and line.
    pub at: (PathBuf, u32),
    /// The journal file and line of the entry that keeps the old id.
    pub kept: (PathBuf, u32),
    /// The file and line of each `ref:` that now names the new id.
    pub refs: Vec<(PathBuf, u32)>,
    /// Its document file, moved: from, to, and the payment communication it now prints.
    pub document: Option<(PathBuf, PathBuf, Option<String>)>,
}

/// What `folio renumber` would do; [`apply`] writes it.
#[derive(Debug)]
pub(crate) struct Plan {
    /// How the later entries were told.
    pub order: Order,
    /// The entries that take a new id, in journal order.
    pub changes: Vec<Change>,
    /// Every file written, with its new text; `None` removes it.
    writes: Vec<(PathBuf, Option<String>)>,
}

impl Plan {
    /// The files the change writes, creates or removes.
    pub(crate) fn files(&self) -> impl Iterator<Item = &Path> {
        self.writes.iter().map(|(path, _)| path.as_path())
    }
}

/// Every entry whose id another entry has too, grouped by id, each group in journal order.
fn groups(book: &Book) -> Vec<Vec<usize>> {
    let mut by_id: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (index, entry) in book.entries.iter().enumerate() {
        by_id.entry(book.entry_id(entry)).or_default().push(index);
    }
    let mut groups: Vec<Vec<usize>> = by_id.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable_by_key(|group| group[0]);
    groups
}

/// The lines `git blame` attributes, per journal file of the book (empty outside git).
struct Provenance {
    lines: FxHashMap<u32, FxHashMap<u32, Origin>>,
    root: PathBuf,
}

impl Provenance {
    fn read(book: &Book, sources: impl IntoIterator<Item = u32>) -> Option<Provenance> {
        if !git::is_work_tree(&book.root) {
            return None;
        }
        let mut lines = FxHashMap::default();
        for source in sources {
            let path = &book.sources[source as usize].path;
            let relative = path.strip_prefix(&book.root).unwrap_or(path);
            lines.insert(source, git::blame(&book.root, relative)?);
        }
        Some(Provenance {
            lines,
            root: book.root.clone(),
        })
    }

    fn origin(&self, entry: &Entry) -> Option<&Origin> {
        self.lines.get(&entry.source)?.get(&entry.line)
    }

    /// True when the line of `entry` was committed on top of `ancestor`'s line.
    fn descends(&self, ancestor: &Entry, entry: &Entry) -> bool {
        match (self.origin(ancestor), self.origin(entry)) {
            (Some(a), Some(e)) if e.uncommitted() => !a.uncommitted() || a == e,
            (Some(a), Some(e)) if !a.uncommitted() => {
                git::is_ancestor(&self.root, &a.commit, &e.commit)
            }
            _ => false,
        }
    }
}

/// Plans the renumbering of `book`, loaded with `diagnostics` ([`crate::book::load`]). Fails when
/// the book holds errors other than the repeated ids and their `ref:`s (exit 65, with them), when
/// an entry to renumber was already sent or follows no pattern (exit 65, saying what to do).
pub(crate) fn plan(book: &Book, diagnostics: &[Diagnostic]) -> Result<Plan> {
    let groups = groups(book);
    let repeated: FxHashSet<&str> = groups
        .iter()
        .map(|g| book.entry_id(&book.entries[g[0]]))
        .collect();
    let refs = referring(book, &repeated);
    refuse_other_errors(book, diagnostics, &groups, &refs)?;
    let mut sources: Vec<u32> = groups
        .iter()
        .flatten()
        .chain(refs.iter().map(|(index, _, _)| index))
        .map(|&index| book.entries[index].source)
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let provenance = Provenance::read(book, sources);
    let order = if provenance.is_some() {
        Order::Git
    } else {
        Order::Journal
    };
    let mut taken: FxHashSet<String> = book
        .entries
        .iter()
        .map(|e| book.entry_id(e).to_string())
        .collect();
    let sent = Sent::read(book)?;
    let mut credit_refs = Vec::new();
    let mut edits: FxHashMap<u32, Vec<(usize, usize, String)>> = FxHashMap::default();
    let mut documents = Vec::new();
    let mut changes = Vec::new();
    for group in &groups {
        let ordered = by_age(book, group, provenance.as_ref(), &sent);
        let kept = &book.entries[ordered[0]];
        for &index in &ordered[1..] {
            let entry = &book.entries[index];
            refuse_sent(book, &sent, entry, kept)?;
            refuse_closed(book, entry)?;
            let new = next_free(book, entry, &mut taken)?;
            let old = book.entry_id(entry).to_string();
            let start = entry.line_start as usize + usize::from(entry.id_offset);
            edits
                .entry(entry.source)
                .or_default()
                .push((start, old.len(), new.clone()));
            let mut change = Change {
                old,
                new,
                kind: entry.kind,
                contact: book.entry_contact(entry).id.clone(),
                at: (book.entry_path(entry).to_path_buf(), entry.line),
                kept: (book.entry_path(kept).to_path_buf(), kept.line),
                refs: Vec::new(),
                document: None,
            };
            for (referrer, start, _) in refs.iter().filter(|(r, _, id)| {
                *id == change.old && owner(book, group, *r, provenance.as_ref()) == index
            }) {
                let from = &book.entries[*referrer];
                refuse_closed(book, from)?;
                if from.kind == Kind::Credit {
                    credit_refs.push((*referrer, change.old.clone(), change.new.clone()));
                }
                change
                    .refs
                    .push((book.entry_path(from).to_path_buf(), from.line));
                edits.entry(from.source).or_default().push((
                    *start,
                    change.old.len(),
                    change.new.clone(),
                ));
            }
            changes.push((index, change));
        }
        documents.extend(move_documents(
            book,
            &ordered,
            provenance.as_ref(),
            &mut changes,
        )?);
    }
    changes.sort_unstable_by_key(|(index, _)| *index);
    let mut writes = journal_writes(book, edits);
    writes.extend(documents);
    retarget_credit_notes(book, &credit_refs, &changes, &mut writes)?;
    Ok(Plan {
        order,
        changes: changes.into_iter().map(|(_, change)| change).collect(),
        writes,
    })
}

/// The entries of a group in the order they keep the id: a document that went out first (its
/// number is known outside the book), then the oldest, by the time of the commit that brought
/// each line, then by journal order.
fn by_age(
    book: &Book,
    group: &[usize],
    provenance: Option<&Provenance>,
    sent: &Sent,
) -> Vec<usize> {
    let mut ordered = group.to_vec();
    ordered.sort_by_key(|&index| {
        let entry = &book.entries[index];
        let time = provenance
            .and_then(|p| p.origin(entry))
            .map_or(0, |origin| origin.time);
        (sent.record_of(book, entry).is_none(), time, index)
    });
    ordered
}

/// Every entry whose `ref:` names a repeated id: (entry, byte offset of the id in its file, id).
fn referring<'a>(book: &'a Book, repeated: &FxHashSet<&str>) -> Vec<(usize, usize, &'a str)> {
    let mut found = Vec::new();
    if repeated.is_empty() {
        return found;
    }
    for (index, entry) in book.entries.iter().enumerate() {
        let line = book.entry_line(entry);
        if let Ok(Some(parsed)) = parse_line(line)
            && let Some((target, offset)) = parsed.reference
            && repeated.contains(target)
        {
            found.push((index, entry.line_start as usize + offset + 4, target));
        }
    }
    found
}

/// Which entry of `group` the `ref:` of `referrer` belongs to (see the module's documentation).
fn owner(book: &Book, group: &[usize], referrer: usize, provenance: Option<&Provenance>) -> usize {
    let from = &book.entries[referrer];
    let mut candidates: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&i| book.entries[i].contact == from.contact)
        .collect();
    if candidates.is_empty() {
        candidates = group.to_vec();
    }
    if let Some(provenance) = provenance {
        let descended: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| provenance.descends(&book.entries[i], from))
            .collect();
        if descended.len() == 1 {
            return descended[0];
        }
    }
    if candidates.len() == 1 {
        return candidates[0];
    }
    candidates
        .iter()
        .copied()
        .rfind(|&i| i < referrer)
        .unwrap_or(candidates[0])
}

/// Refuses a book with errors that renumbering does not resolve: any error but those on the lines
/// of repeated ids and of the `ref:`s that name them.
fn refuse_other_errors(
    book: &Book,
    diagnostics: &[Diagnostic],
    groups: &[Vec<usize>],
    refs: &[(usize, usize, &str)],
) -> Result<()> {
    let involved: FxHashSet<(&Path, u32)> = groups
        .iter()
        .flatten()
        .chain(refs.iter().map(|(index, _, _)| index))
        .map(|&index| {
            let entry = &book.entries[index];
            (book.entry_path(entry), entry.line)
        })
        .collect();
    let others: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error() && !involved.contains(&(d.path.as_path(), d.line)))
        .cloned()
        .collect();
    if others.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidBook(others))
    }
}

/// What went out: the documents reminded of (dunning.journal) and the statements sent
/// (statements.journal), read once.
struct Sent {
    /// (contact, document) of each reminder.
    reminded: FxHashSet<(String, String)>,
    statements: Vec<(String, chrono::NaiveDate)>,
}

impl Sent {
    fn read(book: &Book) -> Result<Sent> {
        let (log, _) = sends::read(&book.root)?;
        let (statements, _) = statement_sends::read(&book.root)?;
        Ok(Sent {
            reminded: log
                .sends
                .into_iter()
                .map(|send| (send.contact, send.document))
                .collect(),
            statements: statements
                .sends
                .into_iter()
                .map(|send| (send.contact, send.date))
                .collect(),
        })
    }

    /// The record that shows `entry` went out: a reminder of it, or a statement to its contact
    /// made on or after its date (a statement lists the open documents).
    fn record_of(&self, book: &Book, entry: &Entry) -> Option<&'static str> {
        if !matches!(entry.kind, Kind::Invoice | Kind::Credit) {
            return None;
        }
        let contact = &book.entry_contact(entry).id;
        if self
            .reminded
            .contains(&(contact.clone(), book.entry_id(entry).to_string()))
        {
            Some(sends::SENDS_FILE)
        } else if self
            .statements
            .iter()
            .any(|(to, date)| to == contact && *date >= entry.date)
        {
            Some(statement_sends::STATEMENTS_FILE)
        } else {
            None
        }
    }
}

/// Refuses to renumber a document that went out: its number is known outside the book. Sent
/// documents keep the id first ([`by_age`]), so this refuses only when the one that keeps it went
/// out too.
///
/// A closed period is the other reason an entry keeps its number ([`refuse_closed`]); either
/// refusal stops the whole plan.
fn refuse_sent(book: &Book, sent: &Sent, entry: &Entry, kept: &Entry) -> Result<()> {
    let Some(record) = sent.record_of(book, entry) else {
        return Ok(());
    };
    let id = book.entry_id(entry);
    Err(Error::InvalidData(format!(
        "{id} at {}:{} was already sent ({record} records it), as was the {id} at {}:{}: a document \
         that went out keeps its number, so folio renumbers neither; cancel the later one with a \
         credit note and issue a new invoice to `{}` for the same items; nothing was renumbered",
        book.entry_path(entry).display(),
        entry.line,
        book.entry_path(kept).display(),
        kept.line,
        book.entry_contact(entry).id
    )))
}

/// Refuses to change a line dated in a closed period (its number, or a `ref:` naming the number
/// that moves): what a close sealed never changes.
fn refuse_closed(book: &Book, entry: &Entry) -> Result<()> {
    let Some(close) = book.closes.closing(entry.date) else {
        return Ok(());
    };
    Err(Error::InvalidData(format!(
        "{} at {}:{} is dated {}, in the period closed by {}: a closed period never changes, so \
         folio renumbers nothing; cancel the later document with a credit note and issue a new \
         one after {}, or reopen the period first (`folio reopen {} --reason TEXT`); nothing was \
         renumbered",
        book.entry_id(entry),
        book.entry_path(entry).display(),
        entry.line,
        entry.date,
        book.closes.describe(close),
        close.through,
        close.through
    )))
}

/// The next free number of the entry's sequence for its date, marked taken.
fn next_free(book: &Book, entry: &Entry, taken: &mut FxHashSet<String>) -> Result<String> {
    let pattern = book.config.numbering.pattern(entry.kind);
    let id = book.entry_id(entry);
    if pattern.read(id).is_none() {
        return Err(Error::InvalidData(format!(
            "{id} at {}:{} is used twice but does not follow the {} pattern `{}` of [numbering]: \
             folio cannot give it the next number; change one of them by hand; nothing was renumbered",
            book.entry_path(entry).display(),
            entry.line,
            entry.kind.as_str(),
            pattern.as_str()
        )));
    }
    let new = pattern.next(entry.date, taken.iter().map(String::as_str), |id| {
        taken.contains(id) || book.root.join(document_path(id)).exists()
    });
    taken.insert(new.clone());
    Ok(new)
}

fn document_path(id: &str) -> PathBuf {
    crate::document::relative_path(DocumentKind::Invoice, id)
}

/// The journal files with their ids and `ref:`s replaced.
fn journal_writes(
    book: &Book,
    edits: FxHashMap<u32, Vec<(usize, usize, String)>>,
) -> Vec<(PathBuf, Option<String>)> {
    let mut writes: Vec<(PathBuf, Option<String>)> = edits
        .into_iter()
        .map(|(source, mut edits)| {
            let file = &book.sources[source as usize];
            let mut text = file.text.clone();
            edits.sort_unstable_by_key(|(start, _, _)| std::cmp::Reverse(*start));
            for (start, len, new) in edits {
                text.replace_range(start..start + len, &new);
            }
            (file.path.clone(), Some(text))
        })
        .collect();
    writes.sort_by(|a, b| a.0.cmp(&b.0));
    writes
}

/// What a document file says of the entry it goes with.
struct DocumentFacts {
    text: String,
    contact: Option<String>,
    total: Option<rust_decimal::Decimal>,
}

impl DocumentFacts {
    /// `None` when the text is not TOML (a file left with conflict markers).
    fn read(text: String) -> Option<DocumentFacts> {
        let table: toml::Table = toml::from_str(&text).ok()?;
        let contact = table
            .get("contact")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let total = table
            .get("totals")
            .and_then(|t| t.get("total"))
            .and_then(|v| v.as_str())
            .and_then(|v| v.parse().ok());
        Some(DocumentFacts {
            text,
            contact,
            total,
        })
    }

    fn fits(&self, book: &Book, entry: &Entry) -> bool {
        self.contact.as_deref() == Some(book.entry_contact(entry).id.as_str())
            && self.total == Some(entry.amount)
    }
}

/// The document of each entry of a group (oldest first), for the entries that have one: the file at
/// `documents/<ID>.toml` goes with the entry it fits (contact and total); the others' documents
/// are taken from the commit that brought their line. Returns the files to write and remove, and
/// fills in the changes' documents.
fn move_documents(
    book: &Book,
    ordered: &[usize],
    provenance: Option<&Provenance>,
    changes: &mut [(usize, Change)],
) -> Result<Vec<(PathBuf, Option<String>)>> {
    let first = &book.entries[ordered[0]];
    if !matches!(first.kind, Kind::Invoice | Kind::Credit) {
        return Ok(Vec::new());
    }
    let old = book.entry_id(first).to_string();
    let relative = document_path(&old);
    let shown = crate::book::display_path(&book.root, &relative);
    let Ok(working) = std::fs::read_to_string(&shown) else {
        return Ok(Vec::new()); // no document: plain journal lines
    };
    let working = DocumentFacts::read(working);
    let from_git = |index: usize| -> Option<DocumentFacts> {
        let origin = provenance?.origin(&book.entries[index])?;
        if origin.uncommitted() {
            return None;
        }
        let text = git::show(&book.root, &origin.commit, relative.to_str()?)?;
        DocumentFacts::read(text).filter(|facts| facts.fits(book, &book.entries[index]))
    };
    let owner_of_working = working.as_ref().and_then(|facts| {
        ordered
            .iter()
            .copied()
            .find(|&i| facts.fits(book, &book.entries[i]))
    });
    let mut texts: Vec<Option<String>> = Vec::with_capacity(ordered.len());
    for &index in ordered {
        let text = if owner_of_working == Some(index) {
            working.as_ref().map(|facts| facts.text.clone())
        } else {
            from_git(index).map(|facts| facts.text)
        };
        texts.push(text);
    }
    if working.is_none() && texts.iter().any(Option::is_none) {
        return Err(Error::InvalidData(format!(
            "{} is not a valid document (a merge left conflict markers in it?) and git cannot tell \
             which document each {old} had: resolve the file by hand, then run `folio renumber` again; \
             nothing was renumbered",
            crate::book::display_path(&book.root, &relative).display()
        )));
    }
    let mut writes = Vec::new();
    // The oldest keeps the path; when its own document is unknown, the file stays as it is unless
    // it belongs to an entry that moves.
    match &texts[0] {
        Some(text)
            if owner_of_working != Some(ordered[0])
                && (working.is_none() || owner_of_working.is_some()) =>
        {
            writes.push((shown.clone(), Some(text.clone())));
        }
        None if owner_of_working.is_some() => writes.push((shown.clone(), None)),
        _ => {}
    }
    for (&index, text) in ordered.iter().zip(&texts).skip(1) {
        let Some(text) = text else { continue };
        let Some((_, change)) = changes.iter_mut().find(|(i, _)| *i == index) else {
            continue;
        };
        let (moved, communication) = renumbered_document(text, &change.old, &change.new)?;
        let target = document_path(&change.new);
        change.document = Some((
            shown.clone(),
            crate::book::display_path(&book.root, &target),
            communication,
        ));
        writes.push((crate::book::display_path(&book.root, &target), Some(moved)));
    }
    Ok(writes)
}

/// A credit note's document names the invoice it corrects (`reference`): when its `ref:` follows
/// a renumbered invoice, so does its document, whether the credit note keeps its id or moves too.
fn retarget_credit_notes(
    book: &Book,
    credit_refs: &[(usize, String, String)],
    changes: &[(usize, Change)],
    writes: &mut Vec<(PathBuf, Option<String>)>,
) -> Result<()> {
    for (referrer, old, new) in credit_refs {
        let id = changes
            .iter()
            .find(|(index, _)| index == referrer)
            .map_or_else(
                || book.entry_id(&book.entries[*referrer]),
                |(_, c)| c.new.as_str(),
            );
        let path = crate::book::display_path(&book.root, &document_path(id));
        let at = writes.iter().position(|(p, _)| *p == path);
        let text = match at.map(|i| writes[i].1.clone()) {
            Some(text) => text,
            None => std::fs::read_to_string(&path).ok(),
        };
        let Some(text) = text else { continue };
        let mut document: toml_edit::DocumentMut = text
            .parse()
            .map_err(|e| Error::InvalidData(format!("{}: {e}", path.display())))?;
        if document.get("reference").and_then(|v| v.as_str()) != Some(old.as_str()) {
            continue;
        }
        document["reference"] = toml_edit::value(new.as_str());
        let text = Some(document.to_string());
        match at {
            Some(i) => writes[i].1 = text,
            None => writes.push((path, text)),
        }
    }
    Ok(())
}

/// A document's text under its new id: `id` replaced, and the payment communication made again
/// from the new id when it was made from the old one (a Belgian structured communication, or the
/// id itself); a communication typed by hand is kept. Returns the text and the communication.
pub(crate) fn renumbered_document(
    text: &str,
    old: &str,
    new: &str,
) -> Result<(String, Option<String>)> {
    use crate::document::issue::structured_communication;
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| Error::InvalidData(format!("document {old}: {e}")))?;
    document["id"] = toml_edit::value(new);
    let mut communication = None;
    if let Some(payment) = document
        .get_mut("payment")
        .and_then(|p| p.as_table_like_mut())
        && let Some(current) = payment.get("communication").and_then(|v| v.as_str())
    {
        let made = if structured_communication(old).as_deref() == Some(current) {
            structured_communication(new)
        } else if current == old {
            Some(new.to_string())
        } else {
            None
        };
        let kept = made.unwrap_or_else(|| current.to_string());
        payment.insert("communication", toml_edit::value(kept.clone()));
        communication = Some(kept);
    }
    Ok((document.to_string(), communication))
}

/// Writes the plan in one change: every new text is written to a temporary file first, then each
/// is renamed over its file and the files that go are removed. When a step fails, the files
/// already replaced get their old text back.
pub(crate) fn apply(plan: &Plan) -> Result<()> {
    crate::fsio::replace_all(&plan.writes)
}

#[cfg(test)]
mod tests {
    use super::renumbered_document;

    const DOCUMENT: &str = "# kept comment\nid = \"INV-2026-0001\"\nkind = \"invoice\"\n\n[payment]\niban = \"BE68539007547034\"\ncommunication = \"+++002/0260/00196+++\"\n";

    #[test]
    fn a_renumbered_document_gets_its_id_and_structured_communication_made_again() {
        let (text, communication) =
            renumbered_document(DOCUMENT, "INV-2026-0001", "INV-2026-0002").unwrap();
        assert!(text.contains("id = \"INV-2026-0002\""), "{text}");
        assert!(text.contains("# kept comment"), "{text}");
        assert_eq!(communication.as_deref(), Some("+++002/0260/00297+++"));
        assert!(
            text.contains("communication = \"+++002/0260/00297+++\""),
            "{text}"
        );
    }

    #[test]
    fn a_communication_typed_by_hand_is_kept_and_one_made_of_the_id_follows_it() {
        let typed = DOCUMENT.replace("+++002/0260/00196+++", "order 77");
        let (_, communication) =
            renumbered_document(&typed, "INV-2026-0001", "INV-2026-0002").unwrap();
        assert_eq!(communication.as_deref(), Some("order 77"));
        let plain = DOCUMENT.replace("+++002/0260/00196+++", "INV-2026-0001");
        let (_, communication) =
            renumbered_document(&plain, "INV-2026-0001", "INV-2026-0002").unwrap();
        assert_eq!(communication.as_deref(), Some("INV-2026-0002"));
    }
}
