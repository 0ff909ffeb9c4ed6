//! Rules 2 and 3 (`document-id`, `structured-communication`): documents that a line's
//! communication names, by their id (written in any spacing or case) or by the Belgian
//! structured communication made from it.

use super::{Clues, Matcher, Movement, paying_kind};
use crate::book::Book;
use crate::journal::{EntryIndex, Kind};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// A document id in a comparable form: letters and digits only, upper case.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_uppercase())
        .collect()
}

/// The book's document ids by their squeezed form ([`squeeze`]: at least four letters and digits,
/// one a digit), kept as (hash, entry) pairs sorted by hash: 16 bytes a document, where a map
/// keyed by the squeezed strings took over a hundred.
pub(super) struct SqueezedIds {
    pairs: Vec<(u64, EntryIndex)>,
}

impl SqueezedIds {
    pub(super) fn of(book: &Book) -> SqueezedIds {
        let mut pairs: Vec<(u64, EntryIndex)> = book
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let squeezed = squeeze(book.entry_id(entry));
                (squeezed.len() >= 4 && squeezed.bytes().any(|b| b.is_ascii_digit()))
                    .then(|| (Self::hash(&squeezed), index as EntryIndex))
            })
            .collect();
        pairs.sort_unstable();
        SqueezedIds { pairs }
    }

    fn hash(squeezed: &str) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(squeezed)
    }

    /// The documents whose id squeezes to `squeezed`, in journal order.
    fn get<'a>(
        &'a self,
        book: &'a Book,
        squeezed: &'a str,
    ) -> impl Iterator<Item = EntryIndex> + 'a {
        let hash = Self::hash(squeezed);
        let start = self.pairs.partition_point(|&(h, _)| h < hash);
        self.pairs[start..]
            .iter()
            .take_while(move |&&(h, _)| h == hash)
            .map(|&(_, entry)| entry)
            .filter(move |&entry| squeeze(book.entry_id(&book.entries[entry as usize])) == squeezed)
    }
}

/// Candidate document ids in a communication: each word, and runs of two and three words glued
/// together (`INV 2026 0042`), squeezed.
fn candidates(communication: &str) -> Vec<String> {
    let tokens: Vec<String> = communication
        .split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | ';' | ':' | '(' | ')' | '+' | '*' | '#' | '"' | '\''
                )
        })
        .map(squeeze)
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        let mut glued = String::new();
        for token in tokens.iter().skip(i).take(3) {
            glued.push_str(token);
            out.push(glued.clone());
        }
    }
    out
}

/// The documents (invoices, refunds, bills) by the base of their structured communication.
pub(super) fn by_structured(book: &Book) -> FxHashMap<u64, Vec<EntryIndex>> {
    let mut by_structured: FxHashMap<u64, Vec<EntryIndex>> = FxHashMap::default();
    for (index, entry) in book.entries.iter().enumerate() {
        let id = book.entry_id(entry);
        if matches!(entry.kind, Kind::Invoice | Kind::Refund | Kind::Bill)
            && let Some(structured) = crate::identifiers::structured::for_document(id)
        {
            by_structured
                .entry(structured.base)
                .or_default()
                .push(index as EntryIndex);
        }
    }
    by_structured
}

impl Matcher<'_> {
    /// True when the communication names a document of `contact`, by its id or its structured
    /// communication, whether or not it is still open.
    pub(super) fn names_document_of(&self, communication: &str, contact: u32) -> bool {
        let book = self.book;
        let of_contact = |entry: EntryIndex| book.entries[entry as usize].contact == contact;
        let by_id = candidates(communication)
            .iter()
            .any(|candidate| self.by_squeezed.get(book, candidate).any(of_contact));
        let by_structured = match crate::identifiers::structured::find(communication) {
            Some(Ok(structured)) => self
                .by_structured
                .get(&structured.base)
                .is_some_and(|list| list.iter().any(|&e| of_contact(e))),
            _ => false,
        };
        by_id || by_structured
    }

    /// True when the line's money can pay `entry`, in the currency the line is in.
    fn can_pay(&self, movement: &Movement, entry: EntryIndex) -> bool {
        let e = &self.book.entries[entry as usize];
        paying_kind(e.kind, movement.direction).is_some()
            && Some(e.currency) == self.currency_of(movement.line, e.contact)
    }

    /// Rule 2: the documents whose ids the communication names, of one contact only (the account
    /// decides between contacts).
    pub(super) fn named_documents(
        &self,
        movement: &Movement,
        clues: &mut Clues,
    ) -> Vec<EntryIndex> {
        let book = self.book;
        let mut named: Vec<EntryIndex> = Vec::new();
        for candidate in candidates(&movement.line.communication) {
            for entry in self.by_squeezed.get(book, &candidate) {
                if self.can_pay(movement, entry) && !named.contains(&entry) {
                    named.push(entry);
                }
            }
        }
        if named.len() > 1 {
            let first = book.entries[named[0] as usize].contact;
            if named
                .iter()
                .any(|&e| book.entries[e as usize].contact != first)
            {
                match clues.iban_contact {
                    Some(contact) => named.retain(|&e| book.entries[e as usize].contact == contact),
                    None => {
                        clues
                            .notes
                            .push("the communication names documents of several contacts".into());
                        named.clear();
                    }
                }
            }
        }
        named
    }

    /// The documents the communication names that the line's money pays but in another currency
    /// than the line's, in the order named.
    pub(super) fn named_in_other_currency(&self, movement: &Movement) -> Vec<EntryIndex> {
        let book = self.book;
        let mut named: Vec<EntryIndex> = Vec::new();
        for candidate in candidates(&movement.line.communication) {
            for entry in self.by_squeezed.get(book, &candidate) {
                let e = &book.entries[entry as usize];
                if paying_kind(e.kind, movement.direction).is_some()
                    && Some(e.currency) != self.currency_of(movement.line, e.contact)
                    && !named.contains(&entry)
                {
                    named.push(entry);
                }
            }
        }
        named
    }

    /// Rule 3: the document whose structured communication the line carries, when exactly one (or
    /// exactly one open) fits.
    pub(super) fn structured_document(
        &self,
        movement: &Movement,
        clues: &mut Clues,
    ) -> Option<EntryIndex> {
        let structured = match crate::identifiers::structured::find(&movement.line.communication)? {
            Ok(structured) => structured,
            Err(problem) => {
                clues.notes.push(problem.to_string());
                return None;
            }
        };
        let documents: Vec<EntryIndex> = self
            .by_structured
            .get(&structured.base)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&e| self.can_pay(movement, e))
            .collect();
        // Ids that differ only in letters share a communication: prefer the open one.
        let open: Vec<EntryIndex> = documents
            .iter()
            .copied()
            .filter(|e| {
                self.item_of
                    .get(e)
                    .is_some_and(|&i| self.items[i].open > Decimal::ZERO)
            })
            .collect();
        match (documents.as_slice(), open.as_slice()) {
            ([one], _) | (_, [one]) => Some(*one),
            ([], _) => {
                clues.notes.push(format!(
                    "structured communication {structured} names no document"
                ));
                None
            }
            _ => {
                clues.notes.push(format!(
                    "structured communication {structured} fits {} documents",
                    documents.len()
                ));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communication_candidates() {
        let c = candidates("Fact. INV 2026 0042, merci");
        assert!(c.contains(&"INV20260042".to_string()));
        assert!(candidates("inv-2026-0042").contains(&"INV20260042".to_string()));
    }
}
