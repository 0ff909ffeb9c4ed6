//! The collections journal: `collections.journal` in the book's root, one dated line per dispute,
//! resolution and promise to pay, recorded by `folio dispute` and `folio promise`.
//!
//! ```text
//! # DATE EVENT TARGET [until:DATE] [amount:AMOUNT] [; NOTE]
//! 2026-03-02 dispute INV-2026-0094 ; the lamps arrived scratched
//! 2026-03-20 resolve INV-2026-0094 ; replaced
//! 2026-03-05 promise cafe-leopold until:2026-03-31 amount:500.00 ; phone call with Marc
//! 2026-03-05 promise INV-2026-0094 until:2026-03-31
//! ```
//!
//! A dispute or resolution names a receivable document; a promise names a document or a contact
//! (all of its open items). It is a sibling of `dunning.journal`, append-only and written under
//! the book's lock like it, so two clones merge with `*.journal merge=union` and the history of
//! every dispute and promise stays readable. Lines are read in date order (ties: file order).

use super::Book;
use super::sends::{read_text, split_fields};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::Result;
use crate::journal::parser::parse_date;
use crate::journal::{EntryIndex, Kind};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// The collections journal's name, relative to the book.
pub const COLLECTIONS_FILE: &str = "collections.journal";

/// What the first lines of a new collections journal say.
const HEADER: &str = "# folio collections journal: disputes and promises, by `folio dispute` and `folio promise`.\n\
# DATE EVENT TARGET [until:DATE] [amount:AMOUNT] [; NOTE]; append-only.\n";

/// What a line must hold, for messages.
const SHAPE: &str = "DATE EVENT TARGET [until:DATE] [amount:AMOUNT] [; NOTE]";

/// The events of the collections journal.
const EVENTS: [&str; 3] = ["dispute", "resolve", "promise"];

/// What happened on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The customer disputes the document: it is not reminded of until resolved.
    Dispute,
    /// The dispute of the document is over.
    Resolve,
    /// The customer promised to pay by `until` (`amount`, or everything covered).
    Promise {
        /// The last day of the promise.
        until: NaiveDate,
        /// What was promised; `None`: everything the promise covers.
        amount: Option<Decimal>,
    },
}

impl Event {
    /// The word on the line.
    pub fn word(self) -> &'static str {
        match self {
            Event::Dispute => "dispute",
            Event::Resolve => "resolve",
            Event::Promise { .. } => "promise",
        }
    }
}

/// One line of the collections journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionLine {
    /// The day it happened.
    pub date: NaiveDate,
    /// What happened.
    pub event: Event,
    /// The document id, or (a promise only) the contact id.
    pub target: String,
    /// The text after `;` (the dispute's reason), if any.
    pub note: Option<String>,
    /// 1-based line in the file (0 for a line not yet written).
    pub line: u32,
}

impl CollectionLine {
    /// The line as written, without its newline.
    pub fn to_line(&self) -> String {
        let mut line = format!("{} {} {}", self.date, self.event.word(), self.target);
        if let Event::Promise { until, amount } = self.event {
            line.push_str(&format!(" until:{until}"));
            if let Some(amount) = amount {
                line.push_str(&format!(" amount:{}", crate::money::format_amount(amount)));
            }
        }
        if let Some(note) = &self.note {
            line.push_str(&format!(" ; {note}"));
        }
        line
    }
}

/// What a promise covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covers {
    /// One document.
    Document(EntryIndex),
    /// Every open receivable item of a contact.
    Contact(u32),
}

/// A promise to pay, as read with the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    /// The day it was made.
    pub date: NaiveDate,
    /// The last day to keep it.
    pub until: NaiveDate,
    /// What was promised; `None`: everything covered that was open on `date`.
    pub amount: Option<Decimal>,
    /// What it covers.
    pub covers: Covers,
    /// The contact who made it.
    pub contact: u32,
    /// The note, if any.
    pub note: Option<String>,
    /// 1-based line in the collections journal.
    pub line: u32,
}

impl Promise {
    /// True when the promise pauses reminders on `as_of`: from the day it was made to its last
    /// day, both included.
    pub fn pauses_on(&self, as_of: NaiveDate) -> bool {
        self.date <= as_of && as_of <= self.until
    }

    /// True when it covers `entry` of `contact`.
    pub fn covers(&self, entry: EntryIndex, contact: u32) -> bool {
        match self.covers {
            Covers::Document(document) => document == entry,
            Covers::Contact(covered) => covered == contact,
        }
    }
}

/// One dispute line or resolution, by document.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DisputeMark {
    date: NaiveDate,
    entry: EntryIndex,
    /// `Some(reason)` for a dispute (empty when none was given), `None` for a resolution.
    reason: Option<String>,
}

/// The collections journal read with the book: disputes and promises.
///
/// Reports ask about every open item, so both are indexed: the dispute marks sorted by document
/// then date, the promises by contact, and a question costs a binary search.
#[derive(Debug, Clone, Default)]
pub struct Collections {
    /// Sorted by (entry, date), ties in date-then-file order.
    marks: Vec<DisputeMark>,
    /// Every promise, by date (ties: file order).
    pub promises: Vec<Promise>,
    /// Indices into `promises`, sorted by contact.
    by_contact: Vec<usize>,
}

impl Collections {
    /// The marks of one document, oldest first.
    fn marks_of(&self, entry: EntryIndex) -> &[DisputeMark] {
        let start = self.marks.partition_point(|m| m.entry < entry);
        let end = self.marks.partition_point(|m| m.entry <= entry);
        &self.marks[start..end]
    }

    /// Keeps the marks sorted: lines arrive in date order, so a mark goes after every mark of its
    /// document dated on or before it.
    fn add_mark(&mut self, mark: DisputeMark) {
        let at = self
            .marks
            .partition_point(|m| (m.entry, m.date) <= (mark.entry, mark.date));
        self.marks.insert(at, mark);
    }

    /// The reason `entry` is disputed on `as_of` (its last dispute or resolution on or before
    /// that day is a dispute), else `None`.
    pub fn dispute(&self, entry: EntryIndex, as_of: NaiveDate) -> Option<&str> {
        let marks = self.marks_of(entry);
        let upto = marks.partition_point(|m| m.date <= as_of);
        marks[..upto].last().and_then(|m| m.reason.as_deref())
    }

    /// Every document disputed on `as_of`, with the day its dispute was recorded, newest first.
    pub fn dispute_starts(&self, as_of: NaiveDate) -> Vec<(EntryIndex, NaiveDate)> {
        let mut starts: Vec<(EntryIndex, NaiveDate)> = self
            .marks
            .chunk_by(|a, b| a.entry == b.entry)
            .filter_map(|marks| {
                let upto = marks.partition_point(|m| m.date <= as_of);
                let last = marks[..upto].last()?;
                last.reason.is_some().then_some((last.entry, last.date))
            })
            .collect();
        starts.sort_by_key(|&(entry, date)| (std::cmp::Reverse(date), entry));
        starts
    }

    /// True when `entry` is disputed on `as_of`.
    pub fn is_disputed(&self, entry: EntryIndex, as_of: NaiveDate) -> bool {
        self.dispute(entry, as_of).is_some()
    }

    /// The last day of the latest promise that pauses `entry` of `contact` on `as_of`.
    pub fn promised_until(
        &self,
        entry: EntryIndex,
        contact: u32,
        as_of: NaiveDate,
    ) -> Option<NaiveDate> {
        self.promises_of(contact)
            .filter(|p| p.pauses_on(as_of) && p.covers(entry, contact))
            .map(|p| p.until)
            .max()
    }

    /// The promises made by `contact`, by date.
    pub fn promises_of(&self, contact: u32) -> impl Iterator<Item = &Promise> {
        let of = |i: &usize| self.promises[*i].contact;
        let start = self.by_contact.partition_point(|i| of(i) < contact);
        let end = self.by_contact.partition_point(|i| of(i) <= contact);
        self.by_contact[start..end]
            .iter()
            .map(|&i| &self.promises[i])
    }

    /// True when nothing was ever recorded.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.promises.is_empty()
    }
}

/// The collections journal's path in the book.
pub fn path(root: &Path) -> PathBuf {
    root.join(COLLECTIONS_FILE)
}

/// Parses the journal's text: blank lines and lines starting with `#` are skipped (a `;` starts
/// the note, so a comment line is only `#`); every problem is reported at its line and column.
pub fn parse(text: &str, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<CollectionLine> {
    super::sends::parse_lines(text, shown, diagnostics, parse_line)
        .into_iter()
        .map(|(number, line)| CollectionLine {
            line: number,
            ..line
        })
        .collect()
}

/// Parses one line; an error carries the byte offset of the field at fault.
fn parse_line(line: &str) -> std::result::Result<CollectionLine, (usize, String)> {
    let (fields_text, note) = match line.split_once(';') {
        Some((fields, note)) => (fields, Some(note.trim()).filter(|n| !n.is_empty())),
        None => (line, None),
    };
    let fields = split_fields(fields_text);
    if fields.len() < 3 {
        let (at, last) = fields.last().copied().unwrap_or((0, ""));
        let what = if fields.len() < 2 {
            "an event"
        } else {
            "a document or contact"
        };
        return Err((
            fields_text.trim_end().len().max(at),
            format!("expected {what} after `{last}`: each line is {SHAPE}"),
        ));
    }
    let date = parse_date(fields[0].1).map_err(|m| (fields[0].0, m))?;
    let (at, word) = fields[1];
    let (target_at, target) = fields[2];
    check_target(target).map_err(|m| (target_at, m))?;
    let event = match word {
        "dispute" | "resolve" => {
            if let Some(&(at, extra)) = fields.get(3) {
                return Err((
                    at,
                    format!("unexpected `{extra}`: a {word} line is DATE {word} DOCUMENT [; NOTE]"),
                ));
            }
            if word == "dispute" {
                Event::Dispute
            } else {
                Event::Resolve
            }
        }
        "promise" => parse_promise(&fields[3..], fields_text.trim_end().len())?,
        _ => {
            let message = match did_you_mean(word, EVENTS) {
                Some(near) => format!("unknown event `{word}`; did you mean `{near}`?"),
                None => format!("unknown event `{word}`: expected dispute, resolve or promise"),
            };
            return Err((at, message));
        }
    };
    if let Event::Promise { until, .. } = event
        && until < date
    {
        let at = fields
            .iter()
            .find(|(_, f)| f.starts_with("until:"))
            .map_or(0, |&(at, _)| at);
        return Err((
            at,
            format!("the promise ends on {until}, before the day it was made ({date})"),
        ));
    }
    Ok(CollectionLine {
        date,
        event,
        target: target.to_string(),
        note: note.map(str::to_string),
        line: 0,
    })
}

/// A document id or a contact id: the characters both may hold.
fn check_target(target: &str) -> std::result::Result<(), String> {
    crate::journal::parser::check_document_id(target)
        .map_err(|_| format!("invalid document or contact `{target}`"))
}

/// The `until:` and `amount:` fields of a promise.
fn parse_promise(
    fields: &[(usize, &str)],
    end: usize,
) -> std::result::Result<Event, (usize, String)> {
    let mut until = None;
    let mut amount = None;
    for &(at, field) in fields {
        if let Some(text) = field.strip_prefix("until:") {
            let value_at = at + "until:".len();
            until = Some(parse_date(text).map_err(|m| (value_at, m))?);
        } else if let Some(text) = field.strip_prefix("amount:") {
            let value_at = at + "amount:".len();
            let value = crate::money::parse_positive_amount(text)
                .map_err(|e| (value_at, format!("invalid amount `{text}`: {e}")))?;
            amount = Some(value);
        } else {
            return Err((
                at,
                format!("unexpected `{field}`: a promise takes until:DATE and amount:AMOUNT"),
            ));
        }
    }
    let until = until.ok_or_else(|| (end, "a promise needs until:DATE".to_string()))?;
    Ok(Event::Promise { until, amount })
}

/// Reads the collections journal's text, or `None` when there is none.
fn read_file(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Option<String>> {
    let shown = super::display_path(root, Path::new(COLLECTIONS_FILE));
    let dir = crate::fsio::BookDir::new(root)?;
    let text = read_text(&dir, &path(root), &shown, diagnostics)?;
    if let Some(text) = &text
        && !text.is_empty()
        && !text.ends_with('\n')
    {
        diagnostics.push(super::loader::cut_off_warning(&shown, text));
    }
    Ok(text)
}

/// Reads the collections journal against the book: syntax errors, and lines naming a document or
/// contact the book does not have, or a document that is no receivable, are errors at their line and column, left out of what is returned. A resolution of a
/// document that was not disputed is a warning.
pub fn load(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<Collections> {
    let shown = super::display_path(&book.root, Path::new(COLLECTIONS_FILE));
    let Some(text) = read_file(&book.root, diagnostics)? else {
        return Ok(Collections::default());
    };
    let mut lines = parse(&text, &shown, diagnostics);
    if lines.is_empty() {
        return Ok(Collections::default());
    }
    lines.sort_by_key(|l| (l.date, l.line));
    let documents = document_index(book);
    let mut collections = Collections::default();
    for line in lines {
        let excerpt = crate::diagnostic::line_text(&text, line.line).unwrap_or_default();
        let column = excerpt
            .find(&format!(" {}", line.target))
            .map_or(1, |at| excerpt[..at].chars().count() as u32 + 2);
        let position = |message: String, error: bool| {
            let make = if error {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            make(&shown, line.line, column, message).with_excerpt(excerpt)
        };
        match resolve_line(book, &documents, &collections, &line) {
            Ok(Resolved::Mark(mark)) => collections.add_mark(mark),
            Ok(Resolved::Promise(promise)) => collections.promises.push(promise),
            Err((message, error)) => {
                let diagnostic = position(message, error);
                diagnostics.push(diagnostic);
            }
        }
    }
    collections.by_contact = (0..collections.promises.len()).collect();
    // A stable sort: each contact's promises stay in date order.
    collections
        .by_contact
        .sort_by_key(|&i| collections.promises[i].contact);
    Ok(collections)
}

/// Every document id of the book with its entry, sorted by id.
fn document_index(book: &Book) -> Vec<(&str, EntryIndex)> {
    let mut ids: Vec<(&str, EntryIndex)> = book
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| (book.entry_id(entry), i as EntryIndex))
        .collect();
    ids.sort_unstable();
    ids
}

enum Resolved {
    Mark(DisputeMark),
    Promise(Promise),
}

/// What a line means in this book, or why it cannot (message, and whether it is an error).
fn resolve_line(
    book: &Book,
    documents: &[(&str, EntryIndex)],
    so_far: &Collections,
    line: &CollectionLine,
) -> std::result::Result<Resolved, (String, bool)> {
    let document = documents
        .binary_search_by(|(id, _)| (*id).cmp(line.target.as_str()))
        .ok()
        .map(|i| documents[i].1);
    if let Event::Promise { until, amount } = line.event
        && document.is_none()
        && let Some(contact) = book.contact_index(&line.target)
    {
        return Ok(Resolved::Promise(Promise {
            date: line.date,
            until,
            amount,
            covers: Covers::Contact(contact),
            contact,
            note: line.note.clone(),
            line: line.line,
        }));
    }
    let Some(entry) = document else {
        return Err((unknown_target(book, documents, line), true));
    };
    let found = &book.entries[entry as usize];
    if !matches!(found.kind, Kind::Invoice | Kind::Refund) {
        return Err((
            format!(
                "`{}` is a {}: only invoices and refunds (what a customer owes) can be {}",
                line.target,
                found.kind.as_str(),
                past_tense(line.event)
            ),
            true,
        ));
    }
    let contact = found.contact;
    Ok(match line.event {
        Event::Promise { until, amount } => Resolved::Promise(Promise {
            date: line.date,
            until,
            amount,
            covers: Covers::Document(entry),
            contact,
            note: line.note.clone(),
            line: line.line,
        }),
        Event::Resolve if !so_far.is_disputed(entry, line.date) => {
            return Err((
                format!(
                    "`{}` is not disputed on {}: nothing to resolve",
                    line.target, line.date
                ),
                false,
            ));
        }
        Event::Resolve => Resolved::Mark(DisputeMark {
            date: line.date,
            entry,
            reason: None,
        }),
        Event::Dispute => Resolved::Mark(DisputeMark {
            date: line.date,
            entry,
            reason: Some(line.note.clone().unwrap_or_default()),
        }),
    })
}

fn past_tense(event: Event) -> &'static str {
    match event {
        Event::Dispute => "disputed",
        Event::Resolve => "resolved",
        Event::Promise { .. } => "promised",
    }
}

/// "no document or contact `X`; did you mean ...?"
fn unknown_target(book: &Book, documents: &[(&str, EntryIndex)], line: &CollectionLine) -> String {
    let target = line.target.as_str();
    let promise = matches!(line.event, Event::Promise { .. });
    let near = if promise {
        let ids = documents
            .iter()
            .map(|(id, _)| *id)
            .chain(book.contacts.iter().map(|c| c.id.as_str()));
        did_you_mean(target, ids)
    } else {
        did_you_mean(target, documents.iter().map(|(id, _)| *id))
    };
    let what = if promise {
        "no document or contact"
    } else {
        "no document"
    };
    match near {
        Some(near) => format!("{what} `{target}` in this book; did you mean `{near}`?"),
        None => format!("{what} `{target}` in this book"),
    }
}

/// Refuses a document that is no receivable (an invoice or a refund): exit 2.
pub fn check_receivable(kind: Kind, id: &str, what: &str) -> Result<()> {
    if matches!(kind, Kind::Invoice | Kind::Refund) {
        return Ok(());
    }
    Err(crate::error::Error::Usage(format!(
        "`{id}` is a {}: only invoices and refunds (what a customer owes) can be {what}",
        kind.as_str()
    )))
}

/// A note for the collections journal: one line of text without control characters, trimmed;
/// an empty or multi-line text is refused (exit 2).
pub fn note_text(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(crate::error::Error::Usage("the text is empty".to_string()));
    }
    if text.chars().any(char::is_control) {
        return Err(crate::error::Error::Usage(
            "the text holds a line break or another control character: write it on one line"
                .to_string(),
        ));
    }
    Ok(text.to_string())
}

/// Appends one line, in a single write flushed to disk before returning. The caller holds the
/// book's lock.
pub fn append(root: &Path, line: &CollectionLine) -> Result<()> {
    let file_path = path(root);
    super::write::confine(root, &file_path)?;
    crate::fsio::append_lines(&file_path, HEADER, &[line.to_line().as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn parsed(text: &str) -> (Vec<CollectionLine>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let lines = parse(text, Path::new(COLLECTIONS_FILE), &mut diagnostics);
        (lines, diagnostics)
    }

    #[test]
    fn lines_round_trip() {
        let lines = [
            CollectionLine {
                date: date("2026-03-05"),
                event: Event::Promise {
                    until: date("2026-03-31"),
                    amount: Some(Decimal::new(50000, 2)),
                },
                target: "cafe-leopold".into(),
                note: Some("phone call with Marc".into()),
                line: 0,
            },
            CollectionLine {
                date: date("2026-03-02"),
                event: Event::Dispute,
                target: "INV-2026-0094".into(),
                note: Some("the lamps; scratched".into()),
                line: 0,
            },
        ];
        for line in lines {
            let (read, diagnostics) = parsed(&format!("# c\n{}\r\n", line.to_line()));
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            assert_eq!(read, [CollectionLine { line: 2, ..line }]);
        }
    }

    #[test]
    fn a_dispute_holds_from_its_day_until_it_is_resolved() {
        let mark = |entry, day: &str, reason: Option<&str>| DisputeMark {
            date: date(day),
            entry,
            reason: reason.map(str::to_string),
        };
        let mut collections = Collections::default();
        // In date order, as the loader adds them, for two documents interleaved.
        collections.add_mark(mark(7, "2026-01-10", Some("scratched")));
        collections.add_mark(mark(3, "2026-01-12", Some("")));
        collections.add_mark(mark(7, "2026-01-20", None));
        collections.add_mark(mark(7, "2026-02-01", Some("again")));
        assert_eq!(collections.dispute(7, date("2026-01-09")), None);
        assert_eq!(
            collections.dispute(7, date("2026-01-10")),
            Some("scratched")
        );
        assert_eq!(collections.dispute(7, date("2026-01-20")), None);
        assert_eq!(collections.dispute(7, date("2026-02-01")), Some("again"));
        assert_eq!(collections.dispute(3, date("2026-03-01")), Some(""));
        assert_eq!(collections.dispute(5, date("2026-03-01")), None);
        assert_eq!(
            collections.dispute_starts(date("2026-01-25")),
            [(3, date("2026-01-12"))]
        );
        assert_eq!(
            collections.dispute_starts(date("2026-03-01")),
            [(7, date("2026-02-01")), (3, date("2026-01-12"))]
        );
    }

    #[test]
    fn every_problem_is_positioned() {
        let text = "2026-02-30 dispute I1\n\
                    2026-03-01 dispuet I1\n\
                    2026-03-01 promise I1 until:2026-02-01\n\
                    2026-03-01 promise I1 until:2026-04-01 amount:-5\n\
                    2026-03-01 promise I1\n\
                    2026-03-01 resolve I1 extra\n\
                    2026-03-01\n";
        let (lines, diagnostics) = parsed(text);
        assert!(lines.is_empty());
        let found: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            found,
            [(1, 1), (2, 12), (3, 23), (4, 47), (5, 22), (6, 23), (7, 11)]
        );
        assert!(diagnostics[1].message.contains("did you mean `dispute`"));
        assert!(diagnostics[2].message.contains("before the day"));
    }
}
