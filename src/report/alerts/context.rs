//! What every rule needs, and the alerts it starts from.

use super::{Alert, AlertKind, Settings, Severity};
use crate::book::Book;
use crate::journal::EntryIndex;
use crate::ledger::revenue::Revenue;
use chrono::NaiveDate;

/// What every rule needs.
pub(super) struct Context<'a> {
    pub(super) book: &'a Book,
    pub(super) settings: &'a Settings,
    /// What each invoice and credit note counts for as revenue (revenue-drop).
    pub(super) revenue: &'a Revenue,
    pub(super) as_of: NaiveDate,
    pub(super) since: NaiveDate,
}

impl Context<'_> {
    pub(super) fn on(&self, kind: AlertKind) -> bool {
        self.settings.enabled(kind)
    }

    /// A new alert about a contact, at its kind's severity.
    pub(super) fn alert(&self, kind: AlertKind, severity: Severity, contact: Option<u32>) -> Alert {
        let person = contact.map(|c| &self.book.contacts[c as usize]);
        Alert {
            severity,
            kind,
            contact: person.map(|p| p.id.clone()),
            name: person.map(|p| p.name.clone()),
            currency: None,
            document: None,
            date: None,
            new: None,
            message: String::new(),
            values: Vec::new(),
        }
    }

    /// An alert about an event on `date`: its severity, one lower when on or before `since`.
    pub(super) fn event(
        &self,
        kind: AlertKind,
        severity: Severity,
        contact: Option<u32>,
        date: NaiveDate,
    ) -> Alert {
        let new = date > self.since;
        let mut alert = self.alert(kind, if new { severity } else { severity.lower() }, contact);
        alert.date = Some(date);
        alert.new = Some(new);
        alert
    }

    /// An alert about one entry, dated on the entry's date.
    pub(super) fn about_entry(&self, kind: AlertKind, index: EntryIndex) -> Alert {
        let entry = &self.book.entries[index as usize];
        let mut alert = self.event(kind, Severity::Warn, Some(entry.contact), entry.date);
        alert.currency = Some(entry.currency);
        alert.document = Some(self.book.entry_id(entry).to_string());
        alert
    }

    pub(super) fn id(&self, index: EntryIndex) -> &str {
        self.book.entry_id(&self.book.entries[index as usize])
    }
}
