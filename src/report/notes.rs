//! `folio notes`: the service log of every contact as one list, to work through open complaints
//! and inquiries.
//!
//! A note is identified by its contact and its number: 1 for the first `[[notes]]` of the contact
//! file, in file order. `folio contact note ID --close N` closes it.

use crate::book::Book;
use crate::book::contact::NoteState;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;

/// Which notes to list.
#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    /// Only notes whose state is `open`.
    pub open: bool,
    /// Only notes of this kind.
    pub kind: Option<String>,
    /// Only the notes of this contact (its index in the book).
    pub contact: Option<u32>,
    /// Only notes dated on or before this day.
    pub as_of: Option<NaiveDate>,
}

/// One note of one contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// The note's number among the contact's notes, from 1.
    pub number: usize,
    /// When it happened.
    pub date: NaiveDate,
    /// call, complaint, inquiry, ...
    pub kind: String,
    /// open or closed, when the note has a state.
    pub state: Option<NoteState>,
    /// The document it concerns.
    pub document: Option<String>,
    /// What was said or done.
    pub text: String,
}

/// The notes of every contact that pass the filter, oldest first (then by contact and number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesReport {
    /// The notes.
    pub rows: Vec<NoteRow>,
}

/// Lists the notes that pass `filter`; archived contacts keep their log and are listed too.
pub fn notes(book: &Book, filter: &NoteFilter) -> NotesReport {
    let mut rows: Vec<NoteRow> = book
        .contacts
        .iter()
        .enumerate()
        .filter(|(index, _)| filter.contact.is_none_or(|c| c as usize == *index))
        .flat_map(|(_, contact)| {
            contact
                .notes
                .iter()
                .enumerate()
                .filter(|(_, note)| filter.as_of.is_none_or(|day| note.date <= day))
                .filter(|(_, note)| !filter.open || note.state == Some(NoteState::Open))
                .filter(|(_, note)| filter.kind.as_deref().is_none_or(|k| note.kind == k))
                .map(|(index, note)| NoteRow {
                    contact: contact.id.clone(),
                    name: contact.name.clone(),
                    number: index + 1,
                    date: note.date,
                    kind: note.kind.clone(),
                    state: note.state,
                    document: note.document.clone(),
                    text: note.text.clone(),
                })
        })
        .collect();
    rows.sort_by(|a, b| (a.date, &a.contact, a.number).cmp(&(b.date, &b.contact, b.number)));
    NotesReport { rows }
}

impl Tabular for NotesReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(4),
            Column::amount("number"),
            Column::text("date"),
            Column::text("kind").priority(2),
            Column::text("state").priority(1),
            Column::text("document").priority(3),
            Column::prose("text"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    Cell::Integer(row.number as i64),
                    Cell::Date(row.date),
                    Cell::from(row.kind.clone()),
                    row.state.map(|s| s.as_str().to_string()).into(),
                    row.document.clone().into(),
                    Cell::from(row.text.clone()),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Contact;
    use crate::book::contact::Note;

    fn note(day: u32, kind: &str, state: Option<NoteState>) -> Note {
        Note {
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            kind: kind.into(),
            state,
            document: None,
            text: format!("{kind} {day}"),
        }
    }

    fn book() -> Book {
        let mut acme = Contact::placeholder("acme");
        acme.notes = vec![
            note(5, "call", None),
            note(2, "complaint", Some(NoteState::Open)),
            note(9, "complaint", Some(NoteState::Closed)),
        ];
        let mut beta = Contact::placeholder("beta");
        beta.notes = vec![note(3, "inquiry", Some(NoteState::Open))];
        Book {
            root: std::path::PathBuf::from("."),
            config: toml::from_str("name = \"t\"\n").unwrap(),
            contacts: vec![acme, beta],
            sources: Vec::new(),
            entries: Vec::new(),
            rates: Default::default(),
            settlements: Default::default(),
            collections: Default::default(),
            products: Default::default(),
            closes: Default::default(),
        }
    }

    fn listed(report: &NotesReport) -> Vec<(&str, usize)> {
        report
            .rows
            .iter()
            .map(|r| (r.contact.as_str(), r.number))
            .collect()
    }

    #[test]
    fn notes_of_every_contact_are_listed_by_date_with_their_numbers() {
        let all = notes(&book(), &NoteFilter::default());
        assert_eq!(
            listed(&all),
            [("acme", 2), ("beta", 1), ("acme", 1), ("acme", 3)]
        );
    }

    #[test]
    fn filters_keep_open_notes_of_a_kind_and_a_contact() {
        let book = book();
        let open = NoteFilter {
            open: true,
            ..NoteFilter::default()
        };
        assert_eq!(listed(&notes(&book, &open)), [("acme", 2), ("beta", 1)]);
        let complaints = NoteFilter {
            kind: Some("complaint".into()),
            ..NoteFilter::default()
        };
        assert_eq!(
            listed(&notes(&book, &complaints)),
            [("acme", 2), ("acme", 3)]
        );
        let beta = NoteFilter {
            contact: Some(1),
            ..NoteFilter::default()
        };
        assert_eq!(listed(&notes(&book, &beta)), [("beta", 1)]);
        let early = NoteFilter {
            as_of: NaiveDate::from_ymd_opt(2026, 3, 4),
            ..NoteFilter::default()
        };
        assert_eq!(listed(&notes(&book, &early)), [("acme", 2), ("beta", 1)]);
    }
}
