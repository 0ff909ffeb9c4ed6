//! Rule 4 (`iban`): the counterparty's account is the `iban` of one contact.

use super::Matcher;
use crate::book::Book;
use rustc_hash::FxHashMap;

/// The contacts by their compact IBAN.
pub(super) fn by_iban(book: &Book) -> FxHashMap<String, Vec<u32>> {
    let mut by_iban: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (index, contact) in book.contacts.iter().enumerate() {
        if let Some(iban) = &contact.iban {
            by_iban
                .entry(crate::identifiers::iban::compact(iban))
                .or_default()
                .push(index as u32);
        }
    }
    by_iban
}

impl Matcher<'_> {
    /// The contact that the line's account names, if exactly one; when several contacts share
    /// it, a note says so.
    pub(super) fn iban_contact(
        &self,
        account: Option<&String>,
        notes: &mut Vec<String>,
    ) -> Option<u32> {
        account.and_then(|account| match self.by_iban.get(account) {
            Some(list) if list.len() == 1 => Some(list[0]),
            Some(list) => {
                notes.push(format!(
                    "account {} belongs to {} contacts",
                    crate::identifiers::iban::pretty(account),
                    list.len()
                ));
                None
            }
            None => None,
        })
    }
}
