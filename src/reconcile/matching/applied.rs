//! Rule 1 (`already-applied`) and its guard (`conflict`): an entry carrying the line's `bank:`
//! id is this line only when it records the same money: the line's date, its amount (all the
//! entries of the id together, in the line's direction and currency) and a contact the line
//! points to (by its account, its name, or a document its communication names). An id that
//! matches an entry recording other money is a conflict, shown with both sides and never applied:
//! a bank that reuses an id, or a line that shares it with others, can neither hide a payment
//! nor record one twice.

use super::{Matcher, Proposal, Status, unmatched};
use crate::journal::{EntryIndex, Kind};
use crate::reconcile::bank::BankLine;
use rust_decimal::Decimal;

impl Matcher<'_> {
    /// The proposal of a line some entry already carries the id of: `already-applied` when the
    /// entries record this line's money, else `conflict`. A `bank:` value an earlier folio
    /// recorded for an id shared by several lines of the statement is taken by the one line that
    /// agrees with it; the others are matched as new lines.
    pub(super) fn already_applied(&mut self, line: &BankLine) -> Option<Proposal> {
        if let Some(entries) = self.applied.get(&line.bank_id) {
            let entries = entries.clone();
            return Some(match self.differences(line, &entries) {
                differences if differences.is_empty() => {
                    self.applied_as(line, &entries, &line.bank_id)
                }
                differences => self.conflict(line, &entries, &differences),
            });
        }
        let shared = line.bank_ref.as_ref().filter(|r| **r != line.bank_id)?;
        let entries = self.applied.get(shared)?.clone();
        if self.claimed_refs.contains(shared) || !self.differences(line, &entries).is_empty() {
            return None;
        }
        self.claimed_refs.insert(shared.clone());
        Some(self.applied_as(line, &entries, shared))
    }

    /// What the entries record differently from the line: `date`, `amount`, `currency`,
    /// `contact`; empty when they record the line.
    fn differences(&self, line: &BankLine, entries: &[EntryIndex]) -> Vec<&'static str> {
        let book = self.book;
        let list: Vec<_> = entries.iter().map(|&e| &book.entries[e as usize]).collect();
        let mut differences = Vec::new();
        if list.iter().any(|e| e.date != line.date) {
            differences.push("date");
        }
        let direction_in = line.amount > Decimal::ZERO;
        let right_kind = |kind: Kind| match kind {
            Kind::Payment => direction_in,
            Kind::Payout | Kind::Refund => !direction_in,
            _ => false,
        };
        let total = list
            .iter()
            .try_fold(Decimal::ZERO, |sum, e| sum.checked_add(e.amount));
        if total != Some(line.amount.abs()) || !list.iter().all(|e| right_kind(e.kind)) {
            differences.push("amount");
        }
        if let Some(currency) = line.currency
            && list.iter().any(|e| e.currency != currency)
        {
            differences.push("currency");
        }
        let contact = list[0].contact;
        if list.iter().any(|e| e.contact != contact) || !self.points_to(line, contact) {
            differences.push("contact");
        }
        differences
    }

    /// True when the line names `contact`: by its account, its name, or a document of its.
    fn points_to(&self, line: &BankLine, contact: u32) -> bool {
        let by_account = line
            .account
            .as_ref()
            .and_then(|a| self.by_iban.get(a))
            .is_some_and(|list| list.contains(&contact));
        by_account
            || self
                .similarities(&line.counterparty)
                .iter()
                .any(|&(c, _)| c == contact)
            || self.names_document_of(&line.communication, contact)
    }

    /// The entries, as ids.
    fn ids(&self, entries: &[EntryIndex]) -> Vec<String> {
        let book = self.book;
        entries
            .iter()
            .map(|&e| book.entry_id(&book.entries[e as usize]).to_string())
            .collect()
    }

    /// `already-applied`: the entries record the line.
    fn applied_as(&self, line: &BankLine, entries: &[EntryIndex], value: &str) -> Proposal {
        let first = &self.book.entries[entries[0] as usize];
        let mut proposal = unmatched(line, String::new());
        proposal.status = Status::AlreadyApplied;
        proposal.kind = Some(first.kind);
        proposal.contact = Some(first.contact);
        proposal.currency = Some(first.currency);
        proposal.confidence = 1.0;
        proposal.entries = self.ids(entries);
        proposal.reason = format!(
            "already applied: {} carr{} bank:{value}",
            proposal.entries.join(", "),
            if entries.len() == 1 { "ies" } else { "y" },
        );
        proposal
    }

    /// `conflict`: the entries carry the line's id but record other money; both sides shown.
    fn conflict(&self, line: &BankLine, entries: &[EntryIndex], differences: &[&str]) -> Proposal {
        let book = self.book;
        let recorded: Vec<String> = entries
            .iter()
            .map(|&e| {
                let entry = &book.entries[e as usize];
                format!(
                    "{} ({} {}, {} {}, contact {})",
                    book.entry_id(entry),
                    entry.kind.as_str(),
                    entry.date,
                    crate::money::format_amount(entry.amount),
                    entry.currency,
                    book.contacts[entry.contact as usize].id
                )
            })
            .collect();
        let currency = line.currency.map(|c| format!(" {c}")).unwrap_or_default();
        let counterparty = match line.counterparty.trim() {
            "" => String::new(),
            name => format!(", from/to `{}`", crate::text::visible_line(name)),
        };
        let mut proposal = unmatched(
            line,
            format!(
                "conflict: bank:{} is already on {}, which differs from this line ({} {}{currency}{counterparty}) in its {}; nothing applied: check the entry and the statement",
                line.bank_id,
                recorded.join(", "),
                line.date,
                crate::money::format_amount(line.amount),
                differences.join(", ")
            ),
        );
        proposal.status = Status::Conflict;
        proposal.entries = self.ids(entries);
        proposal
    }
}
