//! `folio statement`: the statement of account a customer is sent.
//!
//! Per currency: the opening balance (entries before `from`), every entry of the period with its
//! running balance, the closing balance (which equals `balance --as-of to`), then the open items
//! at `to` with their aging.

use super::Scope;
use super::aging::{self, AgedEntry, AgingRow, Buckets};
use crate::book::Book;
use crate::book::rates::RateError;
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::{Ledger, fx};
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One entry on a statement: a view of the entry in the book, with the balance after it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementLine<'a> {
    /// Entry date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: Kind,
    /// Document id.
    pub document: &'a str,
    /// Due date, for invoices and bills.
    pub due: Option<NaiveDate>,
    /// The document it applies to (`ref:`), if any.
    pub reference: Option<&'a str>,
    /// The memo, if any.
    pub memo: Option<&'a str>,
    /// Amount increasing the balance (invoice, refund, bill), else zero.
    pub debit: Decimal,
    /// Amount decreasing the balance (payment, credit, payout, debit note), else zero.
    pub credit: Decimal,
    /// The balance after this entry.
    pub balance: Decimal,
    /// For a payment or payout settling documents in another currency: what was paid, in the
    /// currency the money moved in (debit and credit are then the settled amount).
    pub paid: Option<(Decimal, Currency)>,
    /// For such a payment: the exchange difference it realised up to the statement's end, in
    /// the currency it was paid in (positive: gain).
    pub exchange_difference: Option<Decimal>,
}

/// An entry of the period as the statement keeps it: the entry and the balance after it;
/// [`StatementEntry::line`] reads the rest from the book when it is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatementEntry {
    /// The entry.
    pub entry: EntryIndex,
    /// The balance after it.
    pub balance: Decimal,
    /// For a payment in another currency, the exchange difference it realised.
    pub exchange_difference: Option<Decimal>,
}

impl StatementEntry {
    /// The line as the statement shows it.
    pub fn line<'a>(&self, book: &'a Book) -> StatementLine<'a> {
        let entry = &book.entries[self.entry as usize];
        let is_debit = entry.kind.is_debit();
        let (amount, _) = book.allocated(self.entry);
        StatementLine {
            date: entry.date,
            kind: entry.kind,
            document: book.entry_id(entry),
            due: entry.kind.takes_due().then_some(entry.due),
            reference: entry
                .reference()
                .map(|r| book.entry_id(&book.entries[r as usize])),
            memo: book.entry_memo(entry),
            debit: if is_debit { amount } else { Decimal::ZERO },
            credit: if is_debit { Decimal::ZERO } else { amount },
            balance: self.balance,
            paid: book
                .settlements
                .get(self.entry)
                .map(|_| (entry.amount, entry.currency)),
            exchange_difference: self.exchange_difference,
        }
    }
}

/// The statement in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyStatement {
    /// The currency.
    pub currency: Currency,
    /// Balance of the entries before the period.
    pub opening: Decimal,
    /// The entries of the period, in date order (ties in journal order).
    pub lines: Vec<StatementEntry>,
    /// Opening plus the period's entries: the balance as of `to`.
    pub closing: Decimal,
    /// The aged open items at `to` (a zero row when nothing is open).
    pub aging: AgingRow,
    /// Open items and unapplied credits at `to`.
    pub open_items: Vec<AgedEntry>,
}

/// A statement of account.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Receivables or payables.
    pub side: Side,
    /// First day of the period; `None` means from the first entry.
    pub from: Option<NaiveDate>,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The aging buckets used for the open items.
    pub buckets: Buckets,
    /// One section per currency the contact has entries in, up to `to`.
    pub currencies: Vec<CurrencyStatement>,
    /// The realised exchange difference of each settling payment or payout on the statement,
    /// up to `to` (positive: gain), in the currency it was paid in, by entry; empty unless the
    /// contact pays in another currency.
    pub exchange_differences: Vec<(EntryIndex, Decimal)>,
    /// The first rate the exchange differences needed and the book does not hold: the
    /// differences are then left out, and commands refuse the statement ([`Statement::rates`]).
    pub missing_rate: Option<RateError>,
}

impl Statement {
    /// `Ok` when every rate its exchange differences need was found.
    pub fn rates(&self) -> Result<(), RateError> {
        self.missing_rate.clone().map_or(Ok(()), Err)
    }

    /// True when a line of the statement settles in another currency: only then do the views
    /// show what was paid and the exchange difference.
    pub fn has_settlements(&self) -> bool {
        !self.exchange_differences.is_empty()
    }
}

/// Builds the statement of one contact (`scope.contact` must be set) for `from..=scope.as_of`.
/// A payment in another currency that needs a rate the book does not hold leaves it in
/// [`Statement::missing_rate`].
pub fn statement(
    book: &Book,
    contact: u32,
    side: Side,
    from: Option<NaiveDate>,
    to: NaiveDate,
    buckets: &Buckets,
) -> Statement {
    let mut entries = ContactEntries::default();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.contact == contact && entry.kind.side() == side && entry.date <= to {
            entries.add(book, index as EntryIndex);
        }
    }
    let ledger = Ledger::build(book, side, to, !entries.settling.is_empty());
    assemble(book, &ledger, contact, entries, (side, from, to), buckets)
}

/// A contact's entries on one side up to the statement's end, by the currency they count in.
#[derive(Default)]
struct ContactEntries {
    by_currency: BTreeMap<Currency, Vec<EntryIndex>>,
    /// The payments and payouts that settle in another currency.
    settling: Vec<EntryIndex>,
}

impl ContactEntries {
    fn add(&mut self, book: &Book, index: EntryIndex) {
        let (_, currency) = book.allocated(index);
        if currency != book.entries[index as usize].currency {
            self.settling.push(index);
        }
        self.by_currency.entry(currency).or_default().push(index);
    }
}

/// The statement of `contact` from its entries and the side's ledger as of the statement's end
/// (built with the allocation trail when an entry settles in another currency).
fn assemble(
    book: &Book,
    ledger: &Ledger,
    contact: u32,
    entries: ContactEntries,
    (side, from, to): (Side, Option<NaiveDate>, NaiveDate),
    buckets: &Buckets,
) -> Statement {
    let ContactEntries {
        by_currency,
        settling,
    } = entries;
    let (exchange_differences, missing_rate) = match realised(book, ledger, &settling) {
        Ok(differences) => (differences, None),
        Err(missing) => (Vec::new(), Some(missing)),
    };
    let contact_record = &book.contacts[contact as usize];
    let mut currencies = Vec::new();
    for (currency, mut indices) in by_currency {
        // Journal order is index order, so a stable sort by date gives date, then journal order.
        indices.sort_by_key(|&i| book.entries[i as usize].date);
        let mut opening = Decimal::ZERO;
        let mut lines = Vec::new();
        let mut running = Decimal::ZERO;
        for &index in &indices {
            let entry = &book.entries[index as usize];
            let signed = entry.kind.signed(book.allocated(index).0);
            if from.is_some_and(|from| entry.date < from) {
                opening += signed;
                running += signed;
                continue;
            }
            running += signed;
            let exchange_difference = exchange_differences
                .iter()
                .find(|(settling, _)| *settling == index)
                .map(|(_, difference)| *difference);
            lines.push(StatementEntry {
                entry: index,
                balance: running,
                exchange_difference,
            });
        }
        let scope = Scope {
            as_of: to,
            side,
            contact: Some(contact),
            currency: Some(currency),
            members: None,
        };
        let aged = aging::aging(book, ledger, &scope, buckets, true);
        let aging_row = aged.rows.into_iter().next().unwrap_or_else(|| AgingRow {
            contact: contact_record.id.clone(),
            name: contact_record.name.clone(),
            currency,
            current: Decimal::ZERO,
            buckets: vec![Decimal::ZERO; buckets.labels().len()],
            unapplied: Decimal::ZERO,
            total: Decimal::ZERO,
        });
        currencies.push(CurrencyStatement {
            currency,
            opening,
            lines,
            closing: running,
            aging: aging_row,
            open_items: aged.items,
        });
    }
    Statement {
        contact: contact_record.id.clone(),
        name: contact_record.name.clone(),
        side,
        from,
        to,
        buckets: buckets.clone(),
        currencies,
        exchange_differences,
        missing_rate,
    }
}

/// The realised exchange difference of each of the `settling` entries, in their order.
fn realised(
    book: &Book,
    ledger: &Ledger,
    settling: &[EntryIndex],
) -> Result<Vec<(EntryIndex, Decimal)>, RateError> {
    if settling.is_empty() {
        return Ok(Vec::new());
    }
    let exchanges = fx::exchanges(book, ledger);
    settling
        .iter()
        .map(|&entry| {
            let mut total = Decimal::ZERO;
            for exchange in exchanges.iter().filter(|e| e.credit == entry) {
                let (from, to) = (exchange.settled_currency, exchange.paid_currency);
                total = fx::add_converted(total, exchange.difference()?, from, to)?;
            }
            Ok((entry, total))
        })
        .collect()
}

/// Which contacts `folio statement --all` gives a statement.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Selection {
    /// Only contacts whose balance in some currency is above this; `None`: any non-zero balance.
    pub min_balance: Option<Decimal>,
    /// Only contacts with an item past due at the statement's end.
    pub overdue_only: bool,
}

impl Selection {
    fn keeps_balance(&self, balance: Decimal) -> bool {
        match self.min_balance {
            Some(min) => balance > min,
            None => !balance.is_zero(),
        }
    }
}

impl Statement {
    /// True when `selection` keeps this statement: a balance it keeps in some currency, and an
    /// overdue item when it asks for one.
    pub fn is_selected(&self, selection: &Selection) -> bool {
        let balance = self
            .currencies
            .iter()
            .any(|section| selection.keeps_balance(section.closing));
        let overdue = self
            .currencies
            .iter()
            .flat_map(|section| &section.open_items)
            .any(|item| !item.unapplied && item.days_past_due > 0);
        balance && (overdue || !selection.overdue_only)
    }
}

/// The statements of `folio statement --all`: one per contact with entries on `side` up to `to`
/// that `selection` keeps, with the contact's index, by contact id.
pub fn selected_statements(
    book: &Book,
    side: Side,
    from: Option<NaiveDate>,
    to: NaiveDate,
    buckets: &Buckets,
    selection: &Selection,
) -> Vec<(u32, Statement)> {
    let mut entries: BTreeMap<u32, ContactEntries> = candidates(book, side, to, selection)
        .into_iter()
        .map(|contact| (contact, ContactEntries::default()))
        .collect();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() == side
            && entry.date <= to
            && let Some(found) = entries.get_mut(&entry.contact)
        {
            found.add(book, index as EntryIndex);
        }
    }
    // One ledger for every statement: building it is the cost of a statement.
    let with_trail = entries.values().any(|found| !found.settling.is_empty());
    let ledger = Ledger::build(book, side, to, with_trail);
    entries
        .into_iter()
        .map(|(contact, found)| {
            let statement = assemble(book, &ledger, contact, found, (side, from, to), buckets);
            (contact, statement)
        })
        .filter(|(_, statement)| statement.is_selected(selection))
        .collect()
}

/// The contacts whose balance at `to` the selection keeps, found in one pass over the journal,
/// so that a statement (and the ledger it builds) is made only for them. A balance too large to
/// add up keeps its contact: its statement decides.
fn candidates(book: &Book, side: Side, to: NaiveDate, selection: &Selection) -> Vec<u32> {
    let mut balances: BTreeMap<(u32, Currency), Option<Decimal>> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.kind.side() != side || entry.date > to {
            continue;
        }
        let (amount, currency) = book.allocated(index as EntryIndex);
        let balance = balances
            .entry((entry.contact, currency))
            .or_insert(Some(Decimal::ZERO));
        *balance = balance.and_then(|sum| sum.checked_add(entry.kind.signed(amount)));
    }
    let mut contacts: Vec<u32> = balances
        .into_iter()
        .filter(|(_, balance)| balance.is_none_or(|b| selection.keeps_balance(b)))
        .map(|((contact, _), _)| contact)
        .collect();
    contacts.dedup();
    contacts
}
