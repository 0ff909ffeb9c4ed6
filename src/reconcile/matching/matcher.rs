//! The [`Matcher`]: built once per statement from the book, it takes each line through the rules
//! in order, then records what the line pays.

use super::documents::SqueezedIds;
use super::{
    Booked, Clues, Direction, Found, Item, Matcher, Movement, Proposal, RECORDED_DAYS, Rule,
    Settled, Shortfall, Status, accounts, documents, names::NameWords, paying_kind, unmatched,
};
use crate::book::Book;
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::Currency;
use crate::reconcile::bank::BankLine;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// What can still be paid, oldest due first: open items of both sides, and customers' unapplied
/// credits (which a refund pays back).
fn open_items(book: &Book, as_of: NaiveDate) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for side in [Side::Receivables, Side::Payables] {
        let ledger = Ledger::build(book, side, as_of, false);
        for account in &ledger.accounts {
            let open = account.open_items.iter();
            let unapplied = account
                .unapplied
                .iter()
                .filter(|_| side == Side::Receivables);
            for item in open.chain(unapplied) {
                let entry = &book.entries[item.entry as usize];
                items.push(Item {
                    entry: item.entry,
                    contact: entry.contact,
                    currency: entry.currency,
                    kind: entry.kind,
                    date: entry.date,
                    due: entry.due,
                    open: item.open,
                });
            }
        }
    }
    items.sort_by_key(|item| (item.due, item.date, item.entry));
    items
}

/// The book's payments, payouts and refunds: by the value of their `bank:` when they carry one,
/// else by contact (booked by hand).
#[allow(clippy::type_complexity)]
fn payments(
    book: &Book,
) -> (
    FxHashMap<String, Vec<EntryIndex>>,
    FxHashMap<u32, Vec<Booked>>,
) {
    let mut applied: FxHashMap<String, Vec<EntryIndex>> = FxHashMap::default();
    let mut booked: FxHashMap<u32, Vec<Booked>> = FxHashMap::default();
    for (index, entry) in book.entries.iter().enumerate() {
        let index = index as EntryIndex;
        if matches!(entry.kind, Kind::Payment | Kind::Payout | Kind::Refund) {
            let line = book.entry_line(entry);
            let bank = line.contains("bank:").then(|| {
                crate::journal::parser::free_metadata(line)
                    .into_iter()
                    .find(|(k, _)| *k == "bank")
                    .map(|(_, v)| v.to_string())
            });
            match bank.flatten() {
                Some(value) => applied.entry(value).or_default().push(index),
                None => booked.entry(entry.contact).or_default().push(Booked {
                    entry: index,
                    claimed: false,
                }),
            }
        }
    }
    (applied, booked)
}

impl<'a> Matcher<'a> {
    /// The items open in `book` as of `as_of`, and the indexes the rules look things up in.
    pub(super) fn new(book: &'a Book, as_of: NaiveDate) -> Matcher<'a> {
        let items = open_items(book, as_of);
        let item_of: FxHashMap<EntryIndex, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.entry, i))
            .collect();
        let mut items_of_contact: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (index, item) in items.iter().enumerate() {
            items_of_contact
                .entry(item.contact)
                .or_default()
                .push(index);
        }
        let (applied, booked) = payments(book);
        Matcher {
            book,
            items,
            item_of,
            items_of_contact,
            by_squeezed: SqueezedIds::of(book),
            by_structured: documents::by_structured(book),
            applied,
            claimed_refs: Default::default(),
            booked,
            by_iban: accounts::by_iban(book),
            name_words: book.contacts.iter().map(NameWords::of).collect(),
            tolerance: book.config.reconcile.writeoff_tolerance,
        }
    }

    /// The currency of money between the line and `contact`: the line's, else the contact's,
    /// else the book's.
    pub(super) fn currency_of(&self, line: &BankLine, contact: u32) -> Option<Currency> {
        line.currency
            .or(self.book.contacts[contact as usize].currency)
            .or(self.book.config.currency)
    }

    /// The proposal for one line; what it pays is no longer open for the lines after it.
    pub(super) fn match_line(&mut self, line: &BankLine) -> Proposal {
        if let Some(proposal) = self.already_applied(line) {
            return proposal;
        }
        let direction = if line.amount > Decimal::ZERO {
            Direction::In
        } else if line.amount < Decimal::ZERO {
            Direction::Out
        } else {
            return unmatched(line, "the amount is zero".into());
        };
        let movement = Movement {
            line,
            direction,
            amount: line.amount.abs(),
        };
        let mut notes = Vec::new();
        let iban_contact = self.iban_contact(line.account.as_ref(), &mut notes);
        let mut clues = Clues {
            iban_contact,
            similarities: self.similarities(&line.counterparty),
            notes,
        };
        let Some(mut found) = self.find(&movement, &mut clues) else {
            let mut reason = String::from(
                "no document id, structured communication, known account or similar name with a matching amount",
            );
            if !clues.notes.is_empty() {
                reason = format!("{reason} ({})", clues.notes.join("; "));
            }
            return unmatched(line, reason);
        };
        let contact = found.contact;
        let Some(currency) = self.currency_of(line, contact) else {
            let who = &self.book.contacts[contact as usize];
            return unmatched(line, format!("no currency for contact `{}`", who.id));
        };
        if let Some(proposal) = self.recorded(&movement, &found, currency) {
            return proposal;
        }
        if let Some(proposal) = self.in_other_currency(&movement, &found, &mut clues, currency) {
            return proposal;
        }
        // The contact is known: which of its items does the line pay?
        if found.rule == Rule::Iban {
            (found.items, found.ambiguous) = self.items_for_amount(&movement, contact);
            if found.items.is_empty() {
                found.items.extend(self.short_item(&movement, contact));
            }
        }
        let documents: Vec<EntryIndex> = if found.named.is_empty() {
            found.items.iter().map(|&i| self.items[i].entry).collect()
        } else {
            found.named.clone()
        };
        let Some(kind) = self.kind(documents.first().copied(), direction, contact) else {
            return unmatched(
                line,
                format!(
                    "money in from `{}`, a supplier only: folio records no kind of entry for it; book it yourself",
                    self.book.contacts[contact as usize].id
                ),
            );
        };
        let (settled, rest) = self.settle(&documents, movement.amount);
        let (confidence, mut reason) = self.judge(&movement, &clues, &found, &settled, rest);
        let writeoff = self.shortfall(direction, &settled, rest);
        if let Some(short) = &writeoff {
            reason.push_str(&format!(
                "; {} {currency} short of {}, within [reconcile] writeoff_tolerance: a writeoff reason:bank-charges clears it",
                crate::money::format_amount(short.amount),
                short.document
            ));
        }
        Proposal {
            line: line.clone(),
            status: Status::Matched,
            kind: Some(kind),
            contact: Some(contact),
            currency: Some(currency),
            documents: settled,
            on_account: rest,
            confidence: (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0,
            rule: Some(found.rule),
            reason,
            entries: Vec::new(),
            writeoff,
            settles: None,
        }
    }

    /// The rules in order, up to the first that finds the contact: document ids (2), a
    /// structured communication (3), the account (4), the name (5 and 6).
    fn find(&self, movement: &Movement, clues: &mut Clues) -> Option<Found> {
        let named = self.named_documents(movement, clues);
        if let Some(&first) = named.first() {
            let contact = self.book.entries[first as usize].contact;
            return Some(Found::named(contact, Rule::DocumentId, named));
        }
        if let Some(entry) = self.structured_document(movement, clues) {
            let contact = self.book.entries[entry as usize].contact;
            return Some(Found::named(
                contact,
                Rule::StructuredCommunication,
                vec![entry],
            ));
        }
        if let Some(contact) = clues.iban_contact {
            return Some(Found::items(contact, Rule::Iban, Vec::new(), false));
        }
        self.by_name(movement, clues)
            .or_else(|| self.named_elsewhere(movement))
    }

    /// Rule 2 for documents in another currency than the line's, when they are all one
    /// contact's: [`Matcher::in_other_currency`] converts the line to pay them.
    fn named_elsewhere(&self, movement: &Movement) -> Option<Found> {
        let named = self.named_in_other_currency(movement);
        let contact = self.book.entries[*named.first()? as usize].contact;
        named
            .iter()
            .all(|&e| self.book.entries[e as usize].contact == contact)
            .then(|| Found::named(contact, Rule::DocumentId, named))
    }

    /// An entry of the contact booked by hand (without `bank:`) for the same amount and currency
    /// within [`RECORDED_DAYS`] days: the line is recorded already, and that entry is not used
    /// for another line.
    fn recorded(
        &mut self,
        movement: &Movement,
        found: &Found,
        currency: Currency,
    ) -> Option<Proposal> {
        let book = self.book;
        let line = movement.line;
        let list = self.booked.get_mut(&found.contact)?;
        let wanted = match movement.direction {
            Direction::In => &[Kind::Payment][..],
            Direction::Out => &[Kind::Payout, Kind::Refund][..],
        };
        let b = list.iter_mut().find(|b| {
            let e = &book.entries[b.entry as usize];
            !b.claimed
                && wanted.contains(&e.kind)
                && e.amount == movement.amount
                && e.currency == currency
                && (e.date - line.date).num_days().abs() <= RECORDED_DAYS
        })?;
        b.claimed = true;
        let e = &book.entries[b.entry as usize];
        let id = book.entry_id(e).to_string();
        Some(Proposal {
            line: line.clone(),
            status: Status::Recorded,
            kind: Some(e.kind),
            contact: Some(found.contact),
            currency: Some(currency),
            documents: Vec::new(),
            on_account: Decimal::ZERO,
            confidence: 0.9,
            rule: Some(found.rule),
            reason: format!(
                "already booked as {id} ({} {}, {} {currency}) without bank:; nothing to apply",
                e.kind.as_str(),
                e.date,
                crate::money::format_amount(e.amount)
            ),
            entries: vec![id],
            writeoff: None,
            settles: None,
        })
    }

    /// The kind of entry to record: from the first document paid, else from the contact's roles
    /// and open items.
    fn kind(
        &self,
        document: Option<EntryIndex>,
        direction: Direction,
        contact: u32,
    ) -> Option<Kind> {
        let who = &self.book.contacts[contact as usize];
        if let Some(e) = document {
            return paying_kind(self.book.entries[e as usize].kind, direction);
        }
        match direction {
            Direction::In if who.has_side(Side::Receivables) => Some(Kind::Payment),
            Direction::In => None,
            Direction::Out => {
                let open_of_kind = |kinds: &[Kind]| {
                    self.items_of_contact
                        .get(&contact)
                        .into_iter()
                        .flatten()
                        .any(|&i| {
                            self.items[i].open > Decimal::ZERO
                                && kinds.contains(&self.items[i].kind)
                        })
                };
                let owes_refund = open_of_kind(&[Kind::Payment, Kind::Credit]);
                let owes_bills = open_of_kind(&[Kind::Bill]);
                if owes_refund && !owes_bills {
                    Some(Kind::Refund)
                } else if who.has_side(Side::Payables) {
                    Some(Kind::Payout)
                } else if who.has_side(Side::Receivables) {
                    Some(Kind::Refund)
                } else {
                    None
                }
            }
        }
    }

    /// Of the contact's open invoices, the one the amount falls short of by the least, within the
    /// write-off tolerance (oldest due first on a tie); `None` without a tolerance.
    fn short_item(&self, movement: &Movement, contact: u32) -> Option<usize> {
        let tolerance = self.tolerance?;
        self.open_of(movement, contact)
            .into_iter()
            .filter(|&i| self.items[i].kind == Kind::Invoice)
            .map(|i| (self.items[i].open - movement.amount, i))
            .filter(|&(short, _)| short > Decimal::ZERO && short <= tolerance)
            .min_by_key(|&(short, _)| short)
            .map(|(_, i)| i)
    }

    /// The write-off a line proposes: money in that pays the last of its invoices partly,
    /// nothing on account, and leaves no more than the tolerance open on it. What it clears is no
    /// longer open for the lines after it.
    fn shortfall(
        &mut self,
        direction: Direction,
        settled: &[Settled],
        rest: Decimal,
    ) -> Option<Shortfall> {
        let tolerance = self.tolerance?;
        let last = settled.last()?;
        let short = last.open - last.amount;
        let fits = direction == Direction::In
            && rest.is_zero()
            && last.amount > Decimal::ZERO
            && short > Decimal::ZERO
            && short <= tolerance
            && self.book.entries[last.entry as usize].kind == Kind::Invoice;
        if !fits {
            return None;
        }
        if let Some(&i) = self.item_of.get(&last.entry) {
            self.items[i].open -= short;
        }
        Some(Shortfall {
            entry: last.entry,
            document: last.document.clone(),
            amount: short,
        })
    }

    /// Pays the documents, oldest first as given, up to what is open on each: what each gets,
    /// and the rest (on account).
    fn settle(&mut self, documents: &[EntryIndex], amount: Decimal) -> (Vec<Settled>, Decimal) {
        let mut rest = amount;
        let mut settled = Vec::new();
        for &entry in documents {
            let open = self
                .item_of
                .get(&entry)
                .map_or(Decimal::ZERO, |&i| self.items[i].open);
            let pay = open.min(rest);
            if let Some(&i) = self.item_of.get(&entry) {
                self.items[i].open -= pay;
            }
            rest -= pay;
            settled.push(Settled {
                entry,
                document: self
                    .book
                    .entry_id(&self.book.entries[entry as usize])
                    .to_string(),
                open,
                amount: pay,
            });
        }
        (settled, rest)
    }
}
