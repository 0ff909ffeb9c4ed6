//! The statements journal: `statements.journal` in the book's root, one line per statement of
//! account written or sent by `folio statement --all --letter`, so a scheduled run never sends
//! a contact the same statement twice for one period.
//!
//! ```text
//! # DATE CONTACT SIDE PERIOD CHANNEL MESSAGE-ID
//! 2026-11-30 acme receivables 2026-11 email <20261130.acme.5f0e2c1d9a8b7c6d@example.com>
//! 2026-12-31 tilleuls payables 2026-10-01..2026-12-31 letter <20261231.tilleuls.0123@example.com>
//! ```
//!
//! PERIOD is the month of the statement's end (`2026-11`) when neither `--from` nor `--to` was
//! given, else `FROM..TO` (`..TO` without `--from`). SIDE is `receivables` or `payables`;
//! CHANNEL is as in the dunning journal (`email`, `eml`, `letter`). It is a sibling of
//! `dunning.journal` rather than part of it: a statement is about a contact and a period, not
//! about one document and level. Append-only, written like the dunning journal.

use super::sends::{Channel, is_message_id, read_text, split_fields};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::journal::Side;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The statements journal's name, relative to the book.
pub const STATEMENTS_FILE: &str = "statements.journal";

/// What the first line of a new statements journal says.
const HEADER: &str = "# folio statements journal: one line per statement written or sent by `folio statement --all`.\n\
# DATE CONTACT SIDE PERIOD CHANNEL MESSAGE-ID; append-only, do not edit sent lines.\n";

/// What a line must hold, for messages.
const SHAPE: &str = "DATE CONTACT SIDE PERIOD CHANNEL MESSAGE-ID";

/// One line of the statements journal: a contact's statement for a period, gone out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementSend {
    /// When it was written or sent (the statement's end).
    pub date: NaiveDate,
    /// The contact id.
    pub contact: String,
    /// Receivables (a customer's statement) or payables (a supplier's).
    pub side: Side,
    /// The period's key: see [`period`].
    pub period: String,
    /// How it went out.
    pub channel: Channel,
    /// The message's id.
    pub message_id: String,
}

impl StatementSend {
    /// The line as written, without its newline.
    pub fn to_line(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.date,
            self.contact,
            side_word(self.side),
            self.period,
            self.channel.as_str(),
            self.message_id
        )
    }
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Receivables => "receivables",
        Side::Payables => "payables",
    }
}

/// The period a statement is recorded for: `FROM..TO` (`..TO` without `from`) when the period
/// was given, else the month of its end, `YYYY-MM`, so a monthly run sends once a month whatever
/// day it runs.
pub fn period(from: Option<NaiveDate>, to: NaiveDate, given: bool) -> String {
    match (from, given) {
        (Some(from), _) => format!("{from}..{to}"),
        (None, true) => format!("..{to}"),
        (None, false) => format!("{:04}-{:02}", to.year(), to.month()),
    }
}

/// The statements journal read into memory.
#[derive(Debug, Clone, Default)]
pub struct StatementLog {
    /// Every valid line, in file order.
    pub sends: Vec<StatementSend>,
}

impl StatementLog {
    /// True when the statement of `contact` on `side` for `period` already went out.
    pub fn sent(&self, contact: &str, side: Side, period: &str) -> bool {
        self.sends
            .iter()
            .any(|s| s.contact == contact && s.side == side && s.period == period)
    }
}

/// The statements journal's path in the book.
pub fn path(root: &Path) -> PathBuf {
    root.join(STATEMENTS_FILE)
}

/// Reads the statements journal (an absent file is an empty log) with every problem in it.
pub fn read(root: &Path) -> Result<(StatementLog, Vec<Diagnostic>)> {
    let shown = super::display_path(root, Path::new(STATEMENTS_FILE));
    let mut diagnostics = Vec::new();
    let dir = crate::fsio::BookDir::new(root)?;
    let Some(text) = read_text(&dir, &path(root), &shown, &mut diagnostics)? else {
        return Ok((StatementLog::default(), diagnostics));
    };
    let sends = parse(&text, &shown, &mut diagnostics);
    Ok((StatementLog { sends }, diagnostics))
}

/// Parses the journal's text: blank lines and lines starting with `#` or `;` are skipped; every
/// problem is reported at its line and column and the line left out.
pub fn parse(text: &str, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<StatementSend> {
    super::sends::parse_lines(text, shown, diagnostics, parse_line)
        .into_iter()
        .map(|(_, send)| send)
        .collect()
}

/// Parses one line; an error carries the byte offset of the field at fault.
fn parse_line(line: &str) -> std::result::Result<StatementSend, (usize, String)> {
    let fields = split_fields(line);
    if let Some(&(at, extra)) = fields.get(6) {
        return Err((
            at,
            format!("unexpected `{extra}` after the message id: expected {SHAPE}"),
        ));
    }
    if fields.len() < 6 {
        return Err((line.len(), format!("each line is {SHAPE}")));
    }
    let date = crate::journal::parser::parse_date(fields[0].1).map_err(|m| (fields[0].0, m))?;
    let (at, contact) = fields[1];
    super::contact::check_contact_id(contact).map_err(|m| (at, m))?;
    let (at, word) = fields[2];
    let side = match word {
        "receivables" => Side::Receivables,
        "payables" => Side::Payables,
        _ => {
            return Err((
                at,
                format!("invalid side `{word}`: expected receivables or payables"),
            ));
        }
    };
    let (at, word) = fields[4];
    let channel = Channel::parse(word).ok_or_else(|| {
        (
            at,
            format!("unknown channel `{word}`: expected email, eml or letter"),
        )
    })?;
    let (at, id) = fields[5];
    if !is_message_id(id) {
        return Err((
            at,
            format!("invalid message id `{id}`: expected <left@right> or -"),
        ));
    }
    Ok(StatementSend {
        date,
        contact: contact.to_string(),
        side,
        period: fields[3].1.to_string(),
        channel,
        message_id: id.to_string(),
    })
}

/// Checks the statements journal's syntax, for `folio check` and every load of the book.
pub fn check(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let (_, found) = read(root)?;
    diagnostics.extend(found);
    Ok(())
}

/// Appends one line, in a single write flushed to disk before returning. The caller holds the
/// book's lock.
pub fn append(root: &Path, send: &StatementSend) -> Result<()> {
    let file_path = path(root);
    super::write::confine(root, &file_path)?;
    crate::fsio::append_lines(&file_path, HEADER, &[send.to_line().as_str()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        crate::journal::parser::parse_date(text).unwrap()
    }

    #[test]
    fn lines_round_trip() {
        let send = StatementSend {
            date: date("2026-11-30"),
            contact: "acme".into(),
            side: Side::Payables,
            period: "2026-11".into(),
            channel: Channel::Email,
            message_id: "<20261130.acme.01@example.com>".into(),
        };
        let mut diagnostics = Vec::new();
        let text = format!("# comment\n{}\r\n", send.to_line());
        let sends = parse(&text, Path::new(STATEMENTS_FILE), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(sends, [send]);
    }

    #[test]
    fn a_bad_field_is_positioned() {
        let text = "2026-11-30 acme customers 2026-11 email -\n2026-11-30 acme payables 2026-11 mail -\n2026-11-30 acme\n";
        let mut diagnostics = Vec::new();
        let sends = parse(text, Path::new(STATEMENTS_FILE), &mut diagnostics);
        assert!(sends.is_empty());
        let found: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(found, [(1, 17), (2, 34), (3, 16)]);
    }

    #[test]
    fn the_period_is_the_month_unless_given() {
        let to = date("2026-11-25");
        assert_eq!(period(None, to, false), "2026-11");
        assert_eq!(period(None, to, true), "..2026-11-25");
        assert_eq!(
            period(Some(date("2026-11-01")), to, true),
            "2026-11-01..2026-11-25"
        );
    }
}
