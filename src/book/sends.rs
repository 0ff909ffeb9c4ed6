//! The dunning journal: `dunning.journal` in the book's root, one line per item and level sent by
//! `folio remind`, so the next run knows where each item stands.
//!
//! ```text
//! # DATE CONTACT DOCUMENT LEVEL CHANNEL MESSAGE-ID
//! 2026-03-10 acme INV-2026-0001 1 eml <20260310.acme.5f0e2c1d9a8b7c6d@example.com>
//! 2026-02-09 acme INV-2026-0001 due-soon email <20260209.acme.0123456789abcdef@example.com>
//! ```
//!
//! LEVEL is `due-soon` (the courtesy notice before the due date) or the dunning level, 1 for the
//! first `[[dunning.levels]]`. CHANNEL is `email` (piped to the send command), `eml` (an .eml
//! file written) or `letter` (a .txt letter written). One message that reminds of three items is
//! three lines with the same message id.
//!
//! The file is append-only: folio appends the lines of one message in a single write, holding the
//! book's lock, and flushes them to disk before going on. It ends in `.journal` so the
//! `.gitattributes` of `folio init` (`*.journal merge=union`) merges concurrent appends in git.

use super::Book;
use crate::diagnostic::{Diagnostic, did_you_mean, line_text};
use crate::error::{Error, Result};
use crate::journal::parser::{check_document_id, parse_date};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The dunning journal's name, relative to the book.
pub const SENDS_FILE: &str = "dunning.journal";

/// What the first line of a new dunning journal says.
const HEADER: &str = "# folio dunning journal: one line per item and level sent by `folio remind`.\n\
# DATE CONTACT DOCUMENT LEVEL CHANNEL MESSAGE-ID; append-only, do not edit sent lines.\n";

/// How far an item has been reminded. Ordered: a courtesy notice comes before level 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The courtesy notice before the due date.
    DueSoon,
    /// Dunning level n (1-based): the n-th `[[dunning.levels]]`.
    Reminder(u32),
    /// A repeat of the last level, every `repeat_every_days` once it was sent.
    Repeat,
}

impl Level {
    /// The word in the dunning journal and in reports: `due-soon`, `1`, `2`, ...
    pub fn as_text(self) -> String {
        match self {
            Level::DueSoon => "due-soon".to_string(),
            Level::Reminder(n) => n.to_string(),
            Level::Repeat => "repeat".to_string(),
        }
    }

    /// Reads the journal word.
    pub fn parse(word: &str) -> Option<Level> {
        match word {
            "due-soon" => return Some(Level::DueSoon),
            "repeat" => return Some(Level::Repeat),
            _ => {}
        }
        let valid = !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit());
        match word.parse::<u32>() {
            Ok(n) if valid && n >= 1 => Some(Level::Reminder(n)),
            _ => None,
        }
    }

    /// 0 for the courtesy notice, n for level n; a repeat is numbered as the last of `levels`
    /// levels, the one it repeats.
    pub fn number(self, levels: u32) -> u32 {
        match self {
            Level::DueSoon => 0,
            Level::Reminder(n) => n,
            Level::Repeat => levels,
        }
    }
}

/// How a message left folio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// Piped to the send command (`--send`).
    Email,
    /// Written as an .eml file (`--write DIR`) for another program to send.
    Eml,
    /// Written as a .txt letter, for a contact without e-mail.
    Letter,
}

impl Channel {
    /// Every channel, for "did you mean".
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Eml, Channel::Letter];

    /// The word in the dunning journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Eml => "eml",
            Channel::Letter => "letter",
        }
    }

    /// Reads the journal word.
    pub fn parse(word: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == word)
    }
}

/// One line of the dunning journal: an item reminded at a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Send {
    /// When it was sent (the `--as-of` date of the run).
    pub date: NaiveDate,
    /// The contact id.
    pub contact: String,
    /// The document reminded of.
    pub document: String,
    /// The level sent.
    pub level: Level,
    /// How it was sent.
    pub channel: Channel,
    /// The message's id, shared by every item of one message.
    pub message_id: String,
    /// 1-based line in the file (0 for a send not yet written).
    pub line: u32,
}

impl Send {
    /// The line as written in the dunning journal, without its newline.
    pub fn to_line(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.date,
            self.contact,
            self.document,
            self.level.as_text(),
            self.channel.as_str(),
            self.message_id
        )
    }
}

/// Where one item stands: the courtesy notice, and the highest level sent with its date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemHistory {
    /// The courtesy notice was sent.
    pub due_soon: Option<NaiveDate>,
    /// The highest dunning level sent, and when (the earliest date it was sent at).
    pub level: Option<(u32, NaiveDate)>,
    /// The latest repeat of the last level sent.
    pub repeated: Option<NaiveDate>,
}

impl ItemHistory {
    /// The last thing sent: a repeat, else the highest level, else the courtesy notice.
    pub fn last(&self) -> Option<(Level, NaiveDate)> {
        if let Some(date) = self.repeated {
            return Some((Level::Repeat, date));
        }
        match (self.level, self.due_soon) {
            (Some((n, date)), _) => Some((Level::Reminder(n), date)),
            (None, Some(date)) => Some((Level::DueSoon, date)),
            (None, None) => None,
        }
    }
}

/// The dunning journal read into memory.
#[derive(Debug, Clone, Default)]
pub struct SendLog {
    /// Every valid line, in file order.
    pub sends: Vec<Send>,
    by_document: HashMap<String, ItemHistory>,
}

impl SendLog {
    /// A log of these sends.
    pub fn new(sends: Vec<Send>) -> SendLog {
        let mut by_document: HashMap<String, ItemHistory> = HashMap::new();
        for send in &sends {
            let history = by_document.entry(send.document.clone()).or_default();
            match send.level {
                Level::DueSoon => {
                    history.due_soon =
                        Some(history.due_soon.map_or(send.date, |d| d.min(send.date)));
                }
                Level::Reminder(n) => {
                    history.level = Some(match history.level {
                        Some((m, date)) if m > n => (m, date),
                        Some((m, date)) if m == n => (m, date.min(send.date)),
                        _ => (n, send.date),
                    });
                }
                Level::Repeat => {
                    history.repeated =
                        Some(history.repeated.map_or(send.date, |d| d.max(send.date)));
                }
            }
        }
        SendLog { sends, by_document }
    }

    /// Where a document stands (document ids are unique across the book).
    pub fn history(&self, document: &str) -> ItemHistory {
        self.by_document.get(document).copied().unwrap_or_default()
    }
}

/// The dunning journal's path in the book.
pub fn path(root: &Path) -> PathBuf {
    root.join(SENDS_FILE)
}

/// Reads the dunning journal (an absent file is an empty log) with every problem in it. Only
/// syntax is checked here; [`check`] also compares it with the book.
pub fn read(root: &Path) -> Result<(SendLog, Vec<Diagnostic>)> {
    let shown = super::display_path(root, Path::new(SENDS_FILE));
    let mut diagnostics = Vec::new();
    let dir = crate::fsio::BookDir::new(root)?;
    let Some(text) = read_text(&dir, &path(root), &shown, &mut diagnostics)? else {
        return Ok((SendLog::default(), diagnostics));
    };
    let sends = parse(&text, &shown, &mut diagnostics);
    Ok((SendLog::new(sends), diagnostics))
}

pub(super) fn read_text(
    dir: &crate::fsio::BookDir,
    file: &Path,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>> {
    let mut bytes = match dir.read(file) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(crate::fsio::Refusal::Io(e)) => return Err(Error::io(shown, e)),
        Err(refusal) => {
            diagnostics.push(Diagnostic::error(shown, 0, 0, refusal.to_string()));
            return Ok(None);
        }
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (line, column) =
                crate::diagnostic::line_column(&String::from_utf8_lossy(&bytes[..valid]), valid);
            diagnostics.push(Diagnostic::error(
                shown,
                line,
                column,
                "invalid UTF-8: the dunning journal must be UTF-8 text",
            ));
            text
        }
    }))
}

/// What a line must hold, for messages.
const SHAPE: &str = "DATE CONTACT DOCUMENT LEVEL CHANNEL MESSAGE-ID";

/// Parses the dunning journal's text: blank lines and lines starting with `#` or `;` are skipped.
/// Every problem is reported at its line and column; lines with a problem are left out.
pub fn parse(text: &str, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Send> {
    parse_lines(text, shown, diagnostics, parse_line)
        .into_iter()
        .map(|(number, send)| Send {
            line: number,
            ..send
        })
        .collect()
}

/// The lines of a journal of folio's own (the dunning, statements and collections journals),
/// each read by `parse_line` with its 1-based number: blank lines and lines starting with `#` or
/// `;` are skipped; a line `parse_line` refuses (with the byte offset of the field at fault) is
/// reported at its line and column and left out.
pub(crate) fn parse_lines<T>(
    text: &str,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    parse_line: impl Fn(&str) -> std::result::Result<T, (usize, String)>,
) -> Vec<(u32, T)> {
    let mut parsed = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let number = index as u32 + 1;
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        match parse_line(line) {
            Ok(value) => parsed.push((number, value)),
            Err((offset, message)) => {
                let column = line[..offset].chars().count() as u32 + 1;
                diagnostics
                    .push(Diagnostic::error(shown, number, column, message).with_excerpt(line));
            }
        }
    }
    parsed
}

/// Parses one line; an error carries the byte offset of the field at fault.
fn parse_line(line: &str) -> std::result::Result<Send, (usize, String)> {
    let fields = split_fields(line);
    if fields.len() > 6 {
        let (at, extra) = fields[6];
        return Err((
            at,
            format!("unexpected `{extra}` after the message id: expected {SHAPE}"),
        ));
    }
    let names = [
        "a contact",
        "a document id",
        "a level",
        "a channel",
        "a message id",
    ];
    if fields.len() < 6 {
        return Err((
            line.len(),
            format!(
                "expected {} after `{}`: each line is {SHAPE}",
                names[fields.len() - 1],
                fields[fields.len() - 1].1
            ),
        ));
    }
    let date = parse_date(fields[0].1).map_err(|m| (fields[0].0, m))?;
    let (at, contact) = fields[1];
    super::contact::check_contact_id(contact).map_err(|m| (at, m))?;
    let (at, document) = fields[2];
    check_document_id(document).map_err(|m| (at, m))?;
    let (at, word) = fields[3];
    let level = Level::parse(word).ok_or_else(|| {
        (
            at,
            format!(
                "invalid level `{word}`: expected `due-soon`, a dunning level number such as 1, or `repeat`"
            ),
        )
    })?;
    let (at, word) = fields[4];
    let channel = Channel::parse(word).ok_or_else(|| {
        let near = did_you_mean(word, Channel::ALL.map(Channel::as_str));
        let message = match near {
            Some(near) => format!("unknown channel `{word}`; did you mean `{near}`?"),
            None => format!("unknown channel `{word}`: expected email, eml or letter"),
        };
        (at, message)
    })?;
    let (at, id) = fields[5];
    if !is_message_id(id) {
        return Err((
            at,
            format!("invalid message id `{id}`: expected <left@right> or -"),
        ));
    }
    Ok(Send {
        date,
        contact: contact.to_string(),
        document: document.to_string(),
        level,
        channel,
        message_id: id.to_string(),
        line: 0,
    })
}

/// The fields of a line (separated by spaces or tabs), each with its byte offset.
pub(super) fn split_fields(line: &str) -> Vec<(usize, &str)> {
    let mut fields = Vec::with_capacity(6);
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c == ' ' || c == '\t', start) {
            (true, Some(s)) => {
                fields.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    fields
}

/// `<left@right>` without spaces or brackets inside, or `-` for none.
pub(super) fn is_message_id(id: &str) -> bool {
    if id == "-" {
        return true;
    }
    let Some(inner) = id.strip_prefix('<').and_then(|s| s.strip_suffix('>')) else {
        return false;
    };
    let Some((left, right)) = inner.split_once('@') else {
        return false;
    };
    let fine = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'@'))
    };
    fine(left) && fine(right)
}

/// Checks the dunning journal against the book, for `folio check`: syntax errors are errors;
/// an unknown contact or document, a document of another contact, a level beyond the configured
/// ones and the same level sent twice are warnings (the journal is history; it never changes a
/// balance).
pub fn check(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let Book {
        root,
        config,
        contacts,
        sources,
        entries,
        ..
    } = book;
    let shown = super::display_path(root, Path::new(SENDS_FILE));
    let dir = crate::fsio::BookDir::new(root)?;
    let Some(text) = read_text(&dir, &path(root), &shown, diagnostics)? else {
        return Ok(());
    };
    if !text.is_empty() && !text.ends_with('\n') {
        diagnostics.push(super::loader::cut_off_warning(&shown, &text));
    }
    let sends = parse(&text, &shown, diagnostics);
    if sends.is_empty() {
        return Ok(());
    }
    let owners: HashMap<&str, &str> = entries
        .iter()
        .map(|entry| {
            let id = entry.id_in(&sources[entry.source as usize].text);
            (id, contacts[entry.contact as usize].id.as_str())
        })
        .collect();
    let levels = config.dunning.levels.len() as u32;
    let mut seen: HashMap<(&str, Level, Option<NaiveDate>), u32> = HashMap::new();
    for send in &sends {
        let excerpt = line_text(&text, send.line).unwrap_or_default();
        let fields = split_fields(excerpt);
        let column_of = |field: usize| {
            fields
                .get(field)
                .map_or(1, |&(at, _)| excerpt[..at].chars().count() as u32 + 1)
        };
        let mut warn = |column: u32, message: String| {
            diagnostics.push(
                Diagnostic::warning(&shown, send.line, column, message).with_excerpt(excerpt),
            );
        };
        let known_contact = contacts
            .binary_search_by(|c| c.id.as_str().cmp(&send.contact))
            .is_ok();
        if !known_contact {
            let near = did_you_mean(&send.contact, contacts.iter().map(|c| c.id.as_str()));
            warn(
                column_of(1),
                match near {
                    Some(near) => {
                        format!("unknown contact `{}`; did you mean `{near}`?", send.contact)
                    }
                    None => format!("unknown contact `{}`", send.contact),
                },
            );
        }
        match owners.get(send.document.as_str()) {
            None => warn(
                column_of(2),
                format!("no document `{}` in the journal", send.document),
            ),
            Some(owner) if known_contact && *owner != send.contact => warn(
                column_of(2),
                format!(
                    "document `{}` belongs to contact `{owner}`, not `{}`",
                    send.document, send.contact
                ),
            ),
            Some(_) => {}
        }
        if let Level::Reminder(n) = send.level
            && n > levels
        {
            warn(
                column_of(3),
                format!("level {n} is beyond the {levels} [[dunning.levels]] of folio.toml"),
            );
        }
        // A repeat is sent again every `repeat_every_days`, but never twice on one day.
        let day = (send.level == Level::Repeat).then_some(send.date);
        if let Some(first) = seen.insert((send.document.as_str(), send.level, day), send.line) {
            warn(
                column_of(3),
                match day {
                    Some(day) => format!(
                        "the last level of `{}` was already repeated on {day} (line {first}); a repeat is sent once a day at most",
                        send.document
                    ),
                    None => format!(
                        "level {} of `{}` was already sent (line {first}); a level is sent once",
                        send.level.as_text(),
                        send.document
                    ),
                },
            );
        }
    }
    Ok(())
}

/// Appends the lines of one message to the dunning journal, in a single write flushed to disk
/// before returning (a crash leaves all of them or none). The caller holds the book's lock.
/// A new file starts with a comment naming the fields. A journal whose last line was cut off is
/// refused, as for the book's journal ([`crate::fsio::append_lines`]).
pub fn append(root: &Path, sends: &[Send]) -> Result<()> {
    if sends.is_empty() {
        return Ok(());
    }
    let file_path = path(root);
    super::write::confine(root, &file_path)?;
    let lines: Vec<String> = sends.iter().map(Send::to_line).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    crate::fsio::append_lines(&file_path, HEADER, &lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn parsed(text: &str) -> (Vec<Send>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let sends = parse(text, Path::new("dunning.journal"), &mut diagnostics);
        (sends, diagnostics)
    }

    #[test]
    fn lines_round_trip() {
        let send = Send {
            date: date("2026-03-10"),
            contact: "acme".into(),
            document: "INV-2026-0001".into(),
            level: Level::Reminder(2),
            channel: Channel::Eml,
            message_id: "<20260310.acme.0123@example.com>".into(),
            line: 0,
        };
        let text = format!("# comment\n\n{}\r\n", send.to_line());
        let (sends, diagnostics) = parsed(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(sends, [Send { line: 3, ..send }]);
    }

    #[test]
    fn every_problem_is_positioned() {
        let text = "2026-02-30 acme I1 1 eml -\n\
                    2026-03-01 acme I1 x eml -\n\
                    2026-03-01 acme I1 1 emial -\n\
                    2026-03-01 acme I1 1 eml <nope>\n\
                    2026-03-01 acme I1\n\
                    2026-03-01 acme I1 1 eml - extra\n\
                    2026-03-01 Acme I1 1 eml -\n";
        let (sends, diagnostics) = parsed(text);
        assert!(sends.is_empty());
        let found: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            found,
            [(1, 1), (2, 20), (3, 22), (4, 26), (5, 19), (6, 28), (7, 12)]
        );
        assert!(diagnostics[2].message.contains("did you mean `email`"));
        assert!(
            diagnostics[4].message.contains("expected a level"),
            "{}",
            diagnostics[4].message
        );
    }

    #[test]
    fn history_keeps_the_highest_level_and_when_it_was_first_sent() {
        let line = |d: &str, level: Level| Send {
            date: date(d),
            contact: "a".into(),
            document: "I1".into(),
            level,
            channel: Channel::Email,
            message_id: "-".into(),
            line: 0,
        };
        let log = SendLog::new(vec![
            line("2026-01-01", Level::DueSoon),
            line("2026-01-10", Level::Reminder(1)),
            line("2026-01-24", Level::Reminder(2)),
            line("2026-01-20", Level::Reminder(2)),
        ]);
        let history = log.history("I1");
        assert_eq!(history.due_soon, Some(date("2026-01-01")));
        assert_eq!(history.level, Some((2, date("2026-01-20"))));
        assert_eq!(
            history.last(),
            Some((Level::Reminder(2), date("2026-01-20")))
        );
        assert_eq!(log.history("I2"), ItemHistory::default());
        assert!(Level::DueSoon < Level::Reminder(1));
        assert_eq!(Level::parse("0"), None);
        assert_eq!(Level::parse("+1"), None);
    }

    #[test]
    fn appends_whole_lines_after_a_header() {
        let dir = tempfile::tempdir().unwrap();
        let send = Send {
            date: date("2026-03-10"),
            contact: "acme".into(),
            document: "I1".into(),
            level: Level::DueSoon,
            channel: Channel::Letter,
            message_id: "-".into(),
            line: 0,
        };
        append(dir.path(), std::slice::from_ref(&send)).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path(dir.path()))
            .unwrap();
        file.write_all(b"# cut off").unwrap();
        let refused = append(dir.path(), std::slice::from_ref(&send)).unwrap_err();
        assert!(refused.to_string().contains("no line break"), "{refused}");
        file.write_all(b"\n").unwrap();
        append(dir.path(), &[send.clone(), send]).unwrap();
        let (log, diagnostics) = read(dir.path()).unwrap();
        assert!(diagnostics.is_empty());
        assert_eq!(log.sends.len(), 3);
        let text = std::fs::read_to_string(path(dir.path())).unwrap();
        assert!(text.starts_with("# folio dunning journal"));
        assert!(text.ends_with("letter -\n"));
    }
}
