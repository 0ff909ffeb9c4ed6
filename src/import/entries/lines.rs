//! The journal lines of the rows that hold: each must read back as what was meant and fit the
//! book's totals; warnings for roles, due dates before the entry and archived contacts.

use super::{Draft, Import, NewLine, Plan};
use crate::book::{Contact, write};
use crate::diagnostic::{Diagnostic, line_text};
use crate::journal::Side;
use crate::journal::parser;
use chrono::{Datelike, NaiveDate};

/// The journal line of a draft, without a newline.
fn journal_line(draft: &Draft, contact: &Contact, due: Option<NaiveDate>) -> String {
    let mut line = format!(
        "{} {} {} {} {} {}",
        draft.date,
        draft.kind.as_str(),
        draft.id,
        contact.id,
        draft.amount,
        draft.currency
    );
    if let Some(due) = due {
        line.push_str(&format!(" due:{due}"));
    }
    if let Some((target, _)) = &draft.reference {
        line.push_str(&format!(" ref:{target}"));
    }
    for (key, value) in &draft.meta {
        line.push_str(&format!(" {key}:{value}"));
    }
    if let Some(memo) = draft.memo.as_deref().filter(|m| !m.is_empty()) {
        line.push_str(" ; ");
        line.push_str(memo);
    }
    line
}

impl Import<'_> {
    /// The due date of an entry that falls due: the row's, else the contact's terms (or the
    /// book's) after its date.
    fn due_date(&self, draft: &Draft, contact: &Contact) -> Option<NaiveDate> {
        draft.kind.takes_due().then(|| {
            draft.due.unwrap_or_else(|| {
                let terms = contact.terms.unwrap_or_else(|| self.book.config.terms());
                draft
                    .date
                    .checked_add_days(chrono::Days::new(u64::from(terms)))
                    .unwrap_or(draft.date)
            })
        })
    }

    /// Adds the lines of the drafts marked valid to `plan`, per journal file.
    pub(super) fn add_lines(&self, drafts: &[Draft], valid: &[bool], plan: &mut Plan) {
        let book = self.book;
        let (shown, text) = (self.file.shown, self.file.text);
        let mut room = crate::book::totals::Room::of(book);
        for (draft, _) in drafts.iter().zip(valid).filter(|(_, ok)| **ok) {
            let contact = &book.contacts[draft.contact as usize];
            let due = self.due_date(draft, contact);
            let line = journal_line(draft, contact, due);
            // The line must read back as what was meant.
            let readable = matches!(
                parser::parse_line(&line),
                Ok(Some(parsed)) if parsed.id == draft.id && parsed.contact == contact.id
            );
            let row_number = draft.row;
            let shown_row = |message: String| {
                let d =
                    Diagnostic::error(shown, draft.line, 1, format!("row {row_number}: {message}"));
                match line_text(text, draft.line) {
                    Some(excerpt) => d.with_excerpt(excerpt),
                    None => d,
                }
            };
            if !readable {
                plan.invalid_rows += 1;
                plan.problems.push(shown_row(format!(
                    "the journal line would not read back as given: {line}"
                )));
                continue;
            }
            let amount = crate::money::parse_positive_amount(&draft.amount);
            if let Err(message) = amount
                .map_err(|problem| problem.to_string())
                .and_then(|amount| room.take(draft.currency, amount))
            {
                let row = self.file.table.rows.iter().find(|r| r.number == draft.row);
                plan.invalid_rows += 1;
                plan.problems.push(match row {
                    Some(row) => self.file.at(row, "amount", message),
                    None => Diagnostic::error(shown, draft.line, 1, message),
                });
                continue;
            }
            let mut warn = |message: String| {
                let mut d = shown_row(message);
                d.severity = crate::diagnostic::Severity::Warning;
                plan.warnings.push(d);
            };
            if !contact.has_side(draft.kind.side()) {
                let role = match draft.kind.side() {
                    Side::Receivables => "customer",
                    Side::Payables => "supplier",
                };
                warn(format!(
                    "{} for `{}`, whose roles do not include {role}",
                    draft.kind.as_str(),
                    contact.id
                ));
            }
            if let Some(due) = due
                && due < draft.date
            {
                warn(format!(
                    "due date {due} is before the {} date {}",
                    draft.kind.as_str(),
                    draft.date
                ));
            }
            if contact.archived {
                warn(format!("contact `{}` is archived", contact.id));
            }
            plan.files
                .entry(write::journal_path(&book.root, draft.date.year()))
                .or_default()
                .push(NewLine {
                    row: draft.row,
                    id: draft.id.clone(),
                    line,
                });
        }
    }
}
