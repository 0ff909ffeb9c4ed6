//! The open-item ledger: which documents are still open, which credits are unapplied, and how
//! every credit was applied (the allocation trail), as of a date.
//!
//! The rules (docs/format.md, "Allocation"): per contact, side and currency, entries are taken in
//! date order, ties in journal order. A debit (invoice, refund, bill) first consumes unapplied
//! credits, oldest first, and opens an item for the rest. A credit (payment, credit, payout, debit)
//! applies first to its `ref:` item, then to the open items by due date (ties: date, then journal
//! order); the rest stays unapplied. A refund with `ref:` first takes back what is unapplied of the
//! entry it names.
//!
//! A payment or payout with `settles:` is allocated as the settled amount in the settled
//! currency ([`crate::book::Book::allocated`]): it belongs to the contact's account in that
//! currency. What it realised against the documents' carrying value is [`fx`]'s.

pub mod fx;
pub mod revenue;
pub mod sales;
pub mod vat;

use crate::book::Book;
use crate::journal::{Entry, EntryIndex, Kind, NO_REFERENCE, Side};
use crate::money::Currency;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::atomic::{AtomicU32, Ordering};

/// What is left of one document: an open debit item, or an unapplied credit.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenItem {
    /// The document.
    pub entry: EntryIndex,
    /// What is still open (debit) or unapplied (credit); always positive.
    pub open: Decimal,
    /// The document's due date (a credit's is its date), kept here so that reports counting
    /// days past due need not read the entry: on a large book those reads are cache misses.
    pub due: NaiveDate,
}

/// One application of a credit to a debit.
///
/// The kinds and the debit's dates are copied from the entries while settling reads them in
/// order: reports that walk the whole trail (days to pay, payment history) then need not read
/// the entries, which on a large book are cache misses at random places.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    /// The payment, credit note, payout or debit note (or the unapplied credit a debit consumed).
    pub credit: EntryIndex,
    /// The invoice, refund or bill it settled.
    pub debit: EntryIndex,
    /// How much.
    pub amount: Decimal,
    /// When: the date of the later of the two entries.
    pub date: NaiveDate,
    /// The debit's date.
    pub debit_date: NaiveDate,
    /// The debit's due date.
    pub debit_due: NaiveDate,
    /// The credit's kind.
    pub credit_kind: Kind,
    /// The debit's kind.
    pub debit_kind: Kind,
}

impl Allocation {
    /// An invoice settled by a payment: what payment-behaviour figures count.
    pub fn is_invoice_paid(&self) -> bool {
        self.debit_kind == Kind::Invoice && self.credit_kind == Kind::Payment
    }

    /// A document settled by money: an invoice by a payment, or a bill by a payout. What the
    /// payment behaviour of either side counts.
    pub fn is_paid_in_money(&self) -> bool {
        self.is_invoice_paid()
            || (self.debit_kind == Kind::Bill && self.credit_kind == Kind::Payout)
    }

    /// Days from the debit's date to this allocation, never negative (a prepayment counts 0).
    pub fn days_to_pay(&self) -> i64 {
        (self.date - self.debit_date).num_days().max(0)
    }

    /// Days past the debit's due date at this allocation, never negative.
    pub fn days_late(&self) -> i64 {
        (self.date - self.debit_due).num_days().max(0)
    }
}

/// One contact's position in one currency on one side.
#[derive(Debug, Clone)]
pub struct Account {
    /// Index of the contact in the book.
    pub contact: u32,
    /// The currency.
    pub currency: Currency,
    /// Sum of debit entries (invoices, refunds; bills).
    pub debits: Decimal,
    /// Sum of credit entries (payments, credits; payouts, debit notes).
    pub credits: Decimal,
    /// Open debit items, in due order (due date, date, journal order).
    pub open_items: Vec<OpenItem>,
    /// Unapplied credits, oldest first.
    pub unapplied: Vec<OpenItem>,
    /// How many entries were counted.
    pub entry_count: usize,
    /// Every application of a credit to a debit of this account, in the order they happened;
    /// empty unless the ledger was built with its trail.
    pub trail: Vec<Allocation>,
    /// What kinds of credit were applied to each debit that took any, in run order; empty
    /// unless the ledger was built by [`Ledger::build_applied`].
    pub applied: Vec<AppliedTo>,
}

/// The kinds of credit applied to one debit: how a document was settled, without the trail of
/// every application.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppliedTo {
    /// The invoice, refund or bill.
    pub debit: EntryIndex,
    /// Money: a payment, a payout, or a credit without `ref:` to it that is not a note.
    pub money: bool,
    /// Credit or debit notes whose `ref:` names it.
    pub notes_referring: bool,
    /// Write-offs.
    pub writeoffs: bool,
}

impl AppliedTo {
    /// Takes one more application of a credit of `kind`, whose `ref:` is `reference`.
    fn take(&mut self, kind: Kind, reference: EntryIndex) {
        if matches!(kind, Kind::Credit | Kind::Debit) {
            self.notes_referring |= reference == self.debit;
        } else if kind.is_writeoff() {
            self.writeoffs = true;
        } else {
            self.money = true;
        }
    }

    /// Anything was applied.
    fn any(&self) -> bool {
        self.money || self.notes_referring || self.writeoffs
    }
}

/// What a ledger records besides what is open and unapplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Nothing more.
    Open,
    /// The kinds of credit applied to each debit ([`Account::applied`]).
    Applied,
    /// Every allocation ([`Account::trail`]).
    Trail,
}

impl Account {
    /// debits - credits, which equals open items - unapplied credits.
    pub fn balance(&self) -> Decimal {
        self.debits - self.credits
    }
}

/// The ledger of one side as of a date.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// Receivables or payables.
    pub side: Side,
    /// Only entries dated on or before this date count.
    pub as_of: NaiveDate,
    /// One account per contact and currency with at least one counted entry, sorted by contact
    /// index (which is contact id order) then currency. Each holds its own allocation trail, so
    /// building the ledger never copies the trails into one vector.
    pub accounts: Vec<Account>,
}

/// Days an item is past due as of a date: positive when overdue, 0 on the due date.
pub fn days_past_due(due: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - due).num_days()
}

impl Ledger {
    /// Builds the ledger of `side` as of `as_of`. With `with_trail`, records every allocation
    /// (explain, statements); reports that need only open items skip that cost.
    pub fn build(book: &Book, side: Side, as_of: NaiveDate, with_trail: bool) -> Ledger {
        let detail = if with_trail {
            Detail::Trail
        } else {
            Detail::Open
        };
        Ledger::build_in_passes(book, side, as_of, detail, PASS_ENTRIES)
    }

    /// Builds the ledger of `side` as of `as_of` with the kinds of credit applied to each debit
    /// ([`Account::applied`]): how each document was settled, for less than the whole trail.
    pub fn build_applied(book: &Book, side: Side, as_of: NaiveDate) -> Ledger {
        Ledger::build_in_passes(book, side, as_of, Detail::Applied, PASS_ENTRIES)
    }

    /// [`Ledger::build`], settling about `pass_entries` entries of the journal per pass.
    fn build_in_passes(
        book: &Book,
        side: Side,
        as_of: NaiveDate,
        detail: Detail,
        pass_entries: usize,
    ) -> Ledger {
        let entries = &book.entries;
        let counted = |entry: &Entry| entry.kind.side() == side && entry.date <= as_of;
        let passes = Passes::new(book.contacts.len(), entries.len(), pass_entries);
        let (mut currencies, counted_entries) = survey(entries, &counted, &passes);
        // A settling entry is allocated in the currency it settles, which may be the only entry
        // in it; a currency without records is harmless in the sort keys.
        let settlements = &book.settlements;
        if !settlements.is_empty() {
            currencies.extend(settlements.iter().map(|(_, s)| s.currency));
            currencies.sort();
            currencies.dedup();
        }

        // Where each entry landed among all the passes' records, so a `ref:` finds its target
        // in O(1). The slots are set in parallel; each entry has at most one record, so no two
        // stores meet.
        let slot_of: Vec<AtomicU32> = (0..entries.len())
            .into_par_iter()
            .map(|_| AtomicU32::new(NOT_COUNTED))
            .collect();
        // What settling needs of each counted entry is copied into one compact record, and the
        // records sorted by (contact, currency, date, journal order): settling then walks memory
        // in order instead of jumping around the book's entries. One vector serves every pass:
        // sized for the largest, never grown by doubling (it would hold its old and new buffers
        // at once).
        let largest = counted_entries.iter().map(pass_len).max();
        let mut records: Vec<Record> = Vec::with_capacity(largest.unwrap_or(0));
        let mut accounts = Vec::new();
        let mut first_slot = 0;
        for pass in &counted_entries {
            fill_records(&mut records, pass, book, &currencies);
            records.par_sort_unstable_by_key(|r| (r.key, r.index));
            records.par_iter().enumerate().for_each(|(slot, record)| {
                slot_of[record.index as usize].store((first_slot + slot) as u32, Ordering::Relaxed);
            });
            let runs = account_runs(&records);
            let pass_records = PassRecords {
                records: &records,
                first_slot,
                slot_of: &slot_of,
            };
            accounts.par_extend(
                runs.into_par_iter()
                    .map(|run| settle(entries, &pass_records, run, &currencies, detail)),
            );
            first_slot += records.len();
        }
        Ledger {
            side,
            as_of,
            accounts,
        }
    }

    /// Every allocation of the trail, account by account (empty unless built with the trail).
    pub fn allocations(&self) -> impl Iterator<Item = &Allocation> {
        self.accounts.iter().flat_map(|account| &account.trail)
    }

    /// The allocations that touch one entry, as credit or as debit, in the order they happened.
    pub fn allocations_of(&self, entry: EntryIndex) -> impl Iterator<Item = &Allocation> {
        self.allocations()
            .filter(move |a| a.credit == entry || a.debit == entry)
    }

    /// What is still open (or unapplied) of an entry, zero when settled or not counted.
    pub fn open_amount(&self, entry: EntryIndex) -> Decimal {
        self.accounts
            .iter()
            .flat_map(|a| a.open_items.iter().chain(&a.unapplied))
            .find(|item| item.entry == entry)
            .map_or(Decimal::ZERO, |item| item.open)
    }
}

/// Bits of a record's sort key that hold the date; above them, currency then contact.
const DATE_BITS: u32 = 24;
const CURRENCY_BITS: u32 = 16;
const DATE_MASK: u64 = (1 << DATE_BITS) - 1;
/// `slot_of` value of an entry that is not counted (other side, or after the as-of date).
const NOT_COUNTED: u32 = u32::MAX;

/// Days since 0000-01-01 (proleptic), positive for every date the journal accepts.
fn day_number(date: NaiveDate) -> u32 {
    (date.num_days_from_ce() + 366) as u32
}

/// The date of a [`day_number`]. Every day number was made from a date, so the fallback is
/// never taken.
fn date_of_day(day: u32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day as i32 - 366).unwrap_or(NaiveDate::MIN)
}

/// Entries per block of the passes that build the records: each block's records fill their own
/// part of one vector.
const BLOCK: usize = 1 << 16;

/// How the contacts are split for [`Ledger::build`]: each pass settles the accounts of one range
/// of contacts, so only that range's records are held and sorted at a time. A contact's
/// entries, and the documents its `ref:`s name, are all in its own pass.
struct Passes {
    count: usize,
    contacts: usize,
}

/// About how many entries of the journal one pass takes on: a larger book is settled in
/// several passes over ranges of contacts.
const PASS_ENTRIES: usize = 1 << 18;

impl Passes {
    fn new(contacts: usize, entries: usize, pass_entries: usize) -> Passes {
        Passes {
            count: entries
                .div_ceil(pass_entries.max(1))
                .clamp(1, contacts.max(1)),
            contacts: contacts.max(1),
        }
    }

    /// The pass of a contact: contacts are in id order, so the passes' accounts follow each
    /// other in that order.
    fn of(&self, contact: u32) -> usize {
        (contact as usize * self.count / self.contacts).min(self.count - 1)
    }
}

/// The counted entries of one pass, as lists by block of the journal, in journal order.
type PassEntries = Vec<Vec<EntryIndex>>;

fn pass_len(pass: &PassEntries) -> usize {
    pass.iter().map(Vec::len).sum()
}

/// The distinct currencies of the counted entries, sorted by code (a currency's position is its
/// id in sort keys), and the counted entries of each pass, by [`BLOCK`] of the entries.
fn survey(
    entries: &[Entry],
    counted: &(impl Fn(&Entry) -> bool + Sync),
    passes: &Passes,
) -> (Vec<Currency>, Vec<PassEntries>) {
    let add = |currencies: &mut Vec<Currency>, currency: Currency| {
        if currencies.last() != Some(&currency) && !currencies.contains(&currency) {
            currencies.push(currency);
        }
    };
    let blocks: Vec<(Vec<Currency>, Vec<Vec<EntryIndex>>)> = entries
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(block, chunk)| {
            let mut currencies = Vec::new();
            let mut by_pass = vec![Vec::new(); passes.count];
            let first = block * BLOCK;
            for (i, entry) in chunk.iter().enumerate().filter(|(_, e)| counted(e)) {
                add(&mut currencies, entry.currency);
                by_pass[passes.of(entry.contact)].push((first + i) as EntryIndex);
            }
            (currencies, by_pass)
        })
        .collect();
    let mut currencies = Vec::new();
    let mut counted_entries: Vec<PassEntries> =
        vec![Vec::with_capacity(blocks.len()); passes.count];
    for (block_currencies, by_pass) in blocks {
        for currency in block_currencies {
            add(&mut currencies, currency);
        }
        for (pass, list) in counted_entries.iter_mut().zip(by_pass) {
            pass.push(list);
        }
    }
    currencies.sort();
    (currencies, counted_entries)
}

/// How many entries ahead [`fill_records`] asks for the entry it will read.
const PREFETCH_AHEAD: usize = 12;

/// Fills `records` with one record per entry of the pass, each block of entries filling its own
/// part of the vector, on both cores.
fn fill_records(
    records: &mut Vec<Record>,
    pass: &PassEntries,
    book: &Book,
    currencies: &[Currency],
) {
    records.clear();
    records.par_extend(rayon::iter::repeat_n(Record::PLACEHOLDER, pass_len(pass)));
    let mut parts = Vec::with_capacity(pass.len());
    let mut rest = records.as_mut_slice();
    for list in pass {
        let (part, others) = rest.split_at_mut(list.len());
        parts.push(part);
        rest = others;
    }
    pass.par_iter().zip(parts).for_each(|(list, part)| {
        for (at, (slot, &index)) in part.iter_mut().zip(list).enumerate() {
            // A pass's entries lie scattered over the whole journal (its contacts' only): each
            // read would wait for memory without the entry a dozen ahead asked for now.
            if let Some(&ahead) = list.get(at + PREFETCH_AHEAD) {
                crate::alloc::prefetch(&book.entries[ahead as usize]);
            }
            let entry = &book.entries[index as usize];
            let allocated = book.settlements.allocated(index, entry);
            *slot = Record::new(entry, index, allocated, currencies);
        }
    });
}

/// The ranges of `records` (sorted) that hold one contact's entries in one currency.
fn account_runs(records: &[Record]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=records.len() {
        if end == records.len() || records[end].key >> DATE_BITS != records[start].key >> DATE_BITS
        {
            runs.push(start..end);
            start = end;
        }
    }
    runs
}

/// The records of one pass, and where every counted entry landed among all passes' records.
struct PassRecords<'a> {
    records: &'a [Record],
    /// The slot of `records[0]` among all passes' records.
    first_slot: usize,
    slot_of: &'a [AtomicU32],
}

/// What settling needs of one entry, packed for a cache-friendly sort.
#[derive(Debug, Clone)]
struct Record {
    /// contact << 40 | currency id << 24 | day number: the processing order.
    key: u64,
    /// The entry (journal order breaks ties).
    index: EntryIndex,
    due: NaiveDate,
    reference: EntryIndex,
    kind: Kind,
    amount: Decimal,
}

impl Record {
    /// The record of `entry` (at `index`), allocated as `amount` in `currency`
    /// ([`crate::book::Book::allocated`]).
    fn new(
        entry: &Entry,
        index: EntryIndex,
        (amount, currency): (Decimal, Currency),
        currencies: &[Currency],
    ) -> Record {
        let currency = currencies.binary_search(&currency).unwrap_or(0) as u64;
        debug_assert!(u64::from(entry.contact) < 1 << (64 - DATE_BITS - CURRENCY_BITS));
        let key = (u64::from(entry.contact) << (DATE_BITS + CURRENCY_BITS))
            | (currency << DATE_BITS)
            | u64::from(day_number(entry.date));
        Record {
            key,
            index,
            due: entry.due,
            reference: entry.reference,
            kind: entry.kind,
            amount,
        }
    }

    /// Never read: what a slot holds until its record is written.
    const PLACEHOLDER: Record = Record {
        key: 0,
        index: 0,
        due: NaiveDate::MIN,
        reference: NO_REFERENCE,
        kind: Kind::Payment,
        amount: Decimal::ZERO,
    };

    fn date(&self) -> u32 {
        (self.key & DATE_MASK) as u32
    }

    /// The position of its currency among the ledger's currencies.
    fn currency(&self) -> usize {
        ((self.key >> DATE_BITS) & ((1 << CURRENCY_BITS) - 1)) as usize
    }
}

/// Settles one contact's entries in one currency: `records[run]`, in processing order (date,
/// then journal order).
fn settle(
    entries: &[Entry],
    pass: &PassRecords<'_>,
    run: std::ops::Range<usize>,
    currencies: &[Currency],
    detail: Detail,
) -> Account {
    let base = pass.first_slot + run.start;
    let run = &pass.records[run];
    let first = &entries[run[0].index as usize];
    let mut account = Account {
        contact: first.contact,
        currency: currencies[run[0].currency()],
        debits: Decimal::ZERO,
        credits: Decimal::ZERO,
        open_items: Vec::new(),
        unapplied: Vec::new(),
        entry_count: run.len(),
        trail: Vec::new(),
        applied: Vec::new(),
    };
    // What is left of each entry of the run, by position: open (debits) or unapplied (credits).
    let mut remaining = vec![Decimal::ZERO; run.len()];
    // Open debits by (due, date, position); settled ones are skipped when they surface.
    let mut open: BinaryHeap<Reverse<(NaiveDate, u32, u32)>> = BinaryHeap::new();
    // Unapplied credits, oldest first; consumed ones are skipped when they surface.
    let mut unapplied: VecDeque<u32> = VecDeque::new();
    let mut trail = Vec::new();
    let mut applied = match detail {
        Detail::Applied => vec![AppliedTo::default(); run.len()],
        Detail::Open | Detail::Trail => Vec::new(),
    };
    // The sums below need no check: the loader keeps each currency's amounts, added over the
    // whole book, below 10^24 (book::totals), so every partial sum is exact to 4 decimals.
    let mut record = |credit: usize, debit: usize, amount: Decimal, position: usize| {
        if detail == Detail::Applied {
            let to = &mut applied[debit];
            to.debit = run[debit].index;
            to.take(run[credit].kind, run[credit].reference);
        }
        if detail == Detail::Trail {
            let (credit, debit) = (&run[credit], &run[debit]);
            trail.push(Allocation {
                credit: credit.index,
                debit: debit.index,
                amount,
                date: date_of_day(run[position].date()),
                debit_date: date_of_day(debit.date()),
                debit_due: debit.due,
                credit_kind: credit.kind,
                debit_kind: debit.kind,
            });
        }
    };

    for (position, item) in run.iter().enumerate() {
        let mut left = item.amount;
        let is_debit = item.kind.is_debit();
        // The referenced entry's position, when it belongs to this run and was already processed.
        let referenced = (item.reference != NO_REFERENCE)
            .then(|| pass.slot_of[item.reference as usize].load(Ordering::Relaxed))
            .filter(|&slot| {
                slot != NOT_COUNTED && (slot as usize) >= base && (slot as usize) < base + position
            })
            .map(|slot| slot as usize - base);
        if let Some(target) = referenced {
            let take = left.min(remaining[target]);
            if take > Decimal::ZERO {
                remaining[target] -= take;
                left -= take;
                if is_debit {
                    record(target, position, take, position);
                } else {
                    record(position, target, take, position);
                }
            }
        }
        if is_debit {
            account.debits += item.amount;
            while left > Decimal::ZERO {
                let Some(&credit) = unapplied.front() else {
                    break;
                };
                let credit = credit as usize;
                if remaining[credit].is_zero() {
                    unapplied.pop_front();
                    continue;
                }
                let take = left.min(remaining[credit]);
                remaining[credit] -= take;
                left -= take;
                record(credit, position, take, position);
            }
            if left > Decimal::ZERO {
                remaining[position] = left;
                open.push(Reverse((item.due, item.date(), position as u32)));
            }
        } else {
            account.credits += item.amount;
            while left > Decimal::ZERO {
                let Some(&Reverse((_, _, debit))) = open.peek() else {
                    break;
                };
                let debit = debit as usize;
                if remaining[debit].is_zero() {
                    open.pop();
                    continue;
                }
                let take = left.min(remaining[debit]);
                remaining[debit] -= take;
                left -= take;
                record(position, debit, take, position);
            }
            if left > Decimal::ZERO {
                remaining[position] = left;
                unapplied.push_back(position as u32);
            }
        }
    }

    let mut open_positions: Vec<(NaiveDate, u32, u32)> = open
        .into_iter()
        .map(|Reverse(key)| key)
        .filter(|&(_, _, p)| !remaining[p as usize].is_zero())
        .collect();
    open_positions.sort_unstable();
    account.open_items = open_positions
        .into_iter()
        .map(|(due, _, p)| OpenItem {
            entry: run[p as usize].index,
            open: remaining[p as usize],
            due,
        })
        .collect();
    account.unapplied = unapplied
        .into_iter()
        .filter(|&p| !remaining[p as usize].is_zero())
        .map(|p| OpenItem {
            entry: run[p as usize].index,
            open: remaining[p as usize],
            due: run[p as usize].due,
        })
        .collect();
    account.trail = trail;
    account.applied = applied.into_iter().filter(AppliedTo::any).collect();
    account
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{self, Location};
    use std::str::FromStr;

    /// Loads a one-file book with customers `a` and `b` (EUR, 30 days).
    fn book(journal: &str) -> (tempfile::TempDir, Book) {
        book_of(&["a", "b"], "name = \"x\"\n", journal)
    }

    /// Loads a one-file book (EUR, 30 days) whose contacts `ids` all have the file `contact`.
    fn book_of(ids: &[&str], contact: &str, journal: &str) -> (tempfile::TempDir, Book) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::fs::create_dir_all(root.join("journal")).unwrap();
        std::fs::write(
            root.join("folio.toml"),
            "name = \"t\"\ncurrency = \"EUR\"\n",
        )
        .unwrap();
        for id in ids {
            std::fs::write(root.join(format!("contacts/{id}.toml")), contact).unwrap();
        }
        std::fs::write(root.join("journal/j.journal"), journal).unwrap();
        let book = book::load_valid(&Location {
            root: root.to_path_buf(),
        })
        .unwrap();
        (dir, book)
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).unwrap()
    }

    fn open(book: &Book, ledger: &Ledger) -> Vec<(String, String)> {
        ledger
            .accounts
            .iter()
            .flat_map(|a| {
                a.open_items
                    .iter()
                    .map(|i| (i, ""))
                    .chain(a.unapplied.iter().map(|i| (i, "-")))
            })
            .map(|(item, sign)| {
                (
                    book.entry_id(&book.entries[item.entry as usize])
                        .to_string(),
                    format!("{sign}{}", item.open),
                )
            })
            .collect()
    }

    #[test]
    fn settling_in_passes_over_ranges_of_contacts_gives_the_same_ledger() {
        let ids = ["c0", "c1", "c2", "c3", "c4", "c5", "c6"];
        let mut journal = String::new();
        for (c, id) in ids.iter().enumerate() {
            for n in 0..4 {
                let day = 1 + (c * 3 + n) % 27;
                journal += &format!(
                    "2026-01-{day:02} invoice I{c}-{n} {id} {}\n",
                    10 * (n + c + 1)
                );
                journal += &format!("2026-02-{day:02} bill B{c}-{n} {id} {}\n", 7 * (n + 1));
            }
            journal += &format!("2026-03-01 payment P{c} {id} 25 ref:I{c}-2\n");
            journal += &format!("2026-03-02 payment Q{c} {id} 12\n");
            journal += &format!("2026-03-03 payout O{c} {id} 9 ref:B{c}-1\n");
        }
        let contact = "name = \"x\"\nroles = [\"customer\", \"supplier\"]\n";
        let (_dir, book) = book_of(&ids, contact, &journal);
        for side in [Side::Receivables, Side::Payables] {
            let whole =
                Ledger::build_in_passes(&book, side, date("2026-12-31"), Detail::Trail, usize::MAX);
            assert_eq!(whole.accounts.len(), ids.len());
            assert!(whole.allocations().count() >= ids.len());
            assert_eq!(Passes::new(ids.len(), book.entries.len(), 20).count, 4);
            for pass_entries in [1, 5, 20] {
                let passes = Ledger::build_in_passes(
                    &book,
                    side,
                    date("2026-12-31"),
                    Detail::Trail,
                    pass_entries,
                );
                assert_eq!(
                    format!("{passes:?}"),
                    format!("{whole:?}"),
                    "{pass_entries}"
                );
            }
        }
    }

    #[test]
    fn the_kinds_applied_to_each_debit_are_those_of_its_trail() {
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 100\n\
             2026-01-02 invoice I2 a 100\n\
             2026-01-03 invoice I3 a 100\n\
             2026-01-04 invoice I4 a 100\n\
             2026-01-05 invoice I5 b 50\n\
             2026-01-10 credit C1 a 100 ref:I2\n\
             2026-01-11 credit C2 a 30\n\
             2026-01-12 payment P1 a 90 ref:I1\n\
             2026-01-13 writeoff W1 a 40 ref:I4 reason:bad-debt\n\
             2026-01-14 payment P2 b 60\n\
             2026-01-15 invoice I6 b 20\n",
        );
        let as_of = date("2026-12-31");
        let trail = Ledger::build(&book, Side::Receivables, as_of, true);
        let applied = Ledger::build_applied(&book, Side::Receivables, as_of);
        let mut expected: std::collections::BTreeMap<EntryIndex, AppliedTo> = Default::default();
        for allocation in trail.allocations() {
            let credit = &book.entries[allocation.credit as usize];
            let to = expected.entry(allocation.debit).or_default();
            to.debit = allocation.debit;
            to.take(credit.kind, credit.reference);
        }
        expected.retain(|_, to| to.any());
        let got: std::collections::BTreeMap<EntryIndex, AppliedTo> = applied
            .accounts
            .iter()
            .flat_map(|account| &account.applied)
            .map(|to| (to.debit, *to))
            .collect();
        assert_eq!(got, expected);
        let of = |id: &str| {
            got.values()
                .find(|to| book.entry_id(&book.entries[to.debit as usize]) == id)
                .copied()
        };
        // I2 was cancelled by the note naming it; C2 (no ref) went to I1 with nothing flagged,
        // then P1 paid I1 and its rest went to I3; I4 was only written off; b's payment paid I5
        // and its rest went to I6.
        assert!(of("I2").is_some_and(|to| to.notes_referring && !to.money));
        assert!(of("I4").is_some_and(|to| to.writeoffs && !to.money && !to.notes_referring));
        assert!(of("I3").is_some_and(|to| to.money && !to.writeoffs));
        assert!(of("I1").is_some_and(|to| to.money));
        assert!(of("I6").is_some_and(|to| to.money));
        assert_eq!(applied.accounts[0].trail, []);
        let open_items = |ledger: &Ledger| -> Vec<Vec<OpenItem>> {
            ledger
                .accounts
                .iter()
                .map(|a| a.open_items.clone())
                .collect()
        };
        assert_eq!(open_items(&applied), open_items(&trail));
    }

    #[test]
    fn credits_go_to_ref_then_oldest_due() {
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 100 due:2026-03-01\n\
             2026-01-02 invoice I2 a 100 due:2026-02-01\n\
             2026-01-03 invoice I3 a 100 due:2026-02-01\n\
             2026-01-10 payment P1 a 150 ref:I1\n\
             2026-01-11 payment P2 a 80\n",
        );
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-12-31"), true);
        // P1: 100 to I1 (ref), 50 to I2 (oldest due, earlier date than I3). P2: 50 to I2, 30 to I3.
        assert_eq!(open(&book, &ledger), [("I3".to_string(), "70".to_string())]);
        let trail: Vec<(u32, u32, String)> = ledger
            .allocations()
            .map(|a| (a.credit, a.debit, a.amount.to_string()))
            .collect();
        assert_eq!(
            trail,
            [
                (3, 0, "100".into()),
                (3, 1, "50".into()),
                (4, 1, "50".into()),
                (4, 2, "30".into())
            ]
        );
    }

    #[test]
    fn the_trail_carries_both_kinds_and_the_debits_dates() {
        let (_dir, book) = book(
            "2026-01-01 payment P0 a 20\n\
             2026-01-10 invoice I1 a 100 due:2026-01-20\n\
             2026-02-05 payment P1 a 80\n",
        );
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-12-31"), true);
        let trail: Vec<_> = ledger
            .allocations()
            .map(|a| {
                let kinds = (a.credit_kind, a.debit_kind);
                (
                    kinds,
                    a.date,
                    a.debit_date,
                    a.debit_due,
                    a.days_to_pay(),
                    a.days_late(),
                )
            })
            .collect();
        let (i1, due) = (date("2026-01-10"), date("2026-01-20"));
        assert_eq!(
            trail,
            [
                // The prepayment is consumed on the invoice's date: 0 days, not late.
                ((Kind::Payment, Kind::Invoice), i1, i1, due, 0, 0),
                (
                    (Kind::Payment, Kind::Invoice),
                    date("2026-02-05"),
                    i1,
                    due,
                    26,
                    16
                ),
            ]
        );
        assert!(ledger.allocations().all(Allocation::is_invoice_paid));
        let without = Ledger::build(&book, Side::Receivables, date("2026-12-31"), false);
        assert_eq!(without.allocations().count(), 0);
    }

    #[test]
    fn prepayments_are_consumed_by_later_invoices_and_refunds_take_back_their_payment() {
        let (_dir, book) = book(
            "2026-01-01 payment P1 a 100\n\
             2026-01-02 payment P2 a 50\n\
             2026-01-05 refund R1 a 30 ref:P2\n\
             2026-01-06 invoice I1 a 100\n",
        );
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-12-31"), false);
        // R1 takes 30 of P2 first; I1 then consumes P1 (100): 20 of P2 stays unapplied.
        assert_eq!(
            open(&book, &ledger),
            [("P2".to_string(), "-20".to_string())]
        );
    }

    #[test]
    fn ties_keep_journal_order_and_as_of_excludes_later_entries() {
        let (_dir, book) = book(
            "2026-01-05 payment P1 a 60 ref:I2\n\
             2026-01-05 invoice I1 a 50 due:2026-01-20\n\
             2026-01-05 invoice I2 a 50 due:2026-01-20\n\
             2026-02-01 payment P2 a 10\n",
        );
        // P1 comes first in journal order on the same date: nothing is open yet, all unapplied;
        // I1 then consumes 50 and I2 the last 10.
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-01-31"), false);
        assert_eq!(open(&book, &ledger), [("I2".to_string(), "40".to_string())]);
        assert_eq!(ledger.accounts[0].balance(), Decimal::from(40));
        let later = Ledger::build(&book, Side::Receivables, date("2026-02-01"), false);
        assert_eq!(open(&book, &later), [("I2".to_string(), "30".to_string())]);
    }

    #[test]
    fn sides_and_currencies_are_separate_accounts() {
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 100\n\
             2026-01-01 invoice I2 a 100 USD\n\
             2026-01-02 payment P1 b 10\n\
             2026-01-03 bill B1 a 70\n",
        );
        let receivables = Ledger::build(&book, Side::Receivables, date("2026-12-31"), false);
        let keys: Vec<(u32, &str)> = receivables
            .accounts
            .iter()
            .map(|a| (a.contact, a.currency.as_str()))
            .collect();
        assert_eq!(keys, [(0, "EUR"), (0, "USD"), (1, "EUR")]);
        let payables = Ledger::build(&book, Side::Payables, date("2026-12-31"), false);
        assert_eq!(payables.accounts.len(), 1);
        assert_eq!(payables.accounts[0].balance(), Decimal::from(70));
    }

    #[test]
    fn a_writeoff_settles_its_ref_then_the_oldest_open_item_as_a_credit_note_does() {
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 100 due:2026-03-01\n\
             2026-01-02 invoice I2 a 100 due:2026-02-01\n\
             2026-01-10 payment P1 a 99.40 ref:I1\n\
             2026-01-11 writeoff W1 a 0.60 ref:I1 reason:rounding\n\
             2026-01-12 writeoff W2 a 30 reason:bad-debt\n",
        );
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-12-31"), true);
        // W1 closes what P1 left on I1; W2 has no ref and goes to the oldest open item, I2.
        assert_eq!(open(&book, &ledger), [("I2".to_string(), "70".to_string())]);
        let trail: Vec<(u32, u32, String, Kind)> = ledger
            .allocations()
            .map(|a| (a.credit, a.debit, a.amount.to_string(), a.credit_kind))
            .collect();
        assert_eq!(
            trail,
            [
                (2, 0, "99.40".into(), Kind::Payment),
                (3, 0, "0.60".into(), Kind::Writeoff),
                (4, 1, "30".into(), Kind::Writeoff),
            ]
        );
        assert_eq!(ledger.accounts[0].balance(), Decimal::from(70));
    }

    #[test]
    fn a_payable_writeoff_lowers_what_we_owe_a_supplier() {
        let (_dir, book) = book(
            "2026-01-01 bill B1 b 50 due:2026-02-01\n\
             2026-01-02 bill B2 b 80 due:2026-01-15\n\
             2026-01-10 payable-writeoff X1 b 2 ref:B1 reason:other\n\
             2026-01-11 payable-writeoff X2 b 5 reason:rounding\n",
        );
        let ledger = Ledger::build(&book, Side::Payables, date("2026-12-31"), false);
        let expected = [
            ("B2".to_string(), "75".to_string()),
            ("B1".to_string(), "48".to_string()),
        ];
        assert_eq!(open(&book, &ledger), expected);
        let receivables = Ledger::build(&book, Side::Receivables, date("2026-12-31"), false);
        assert!(receivables.accounts.is_empty());
    }

    #[test]
    fn a_settling_payment_is_allocated_in_the_settled_currency_for_the_settled_amount() {
        let (_dir, book) = book(
            "2026-03-02 invoice I1 a 3040.00 USD\n\
             2026-03-05 invoice I2 a 100 USD\n\
             2026-04-01 payment P1 a 2800.00 EUR ref:I1 settles:3040.00\n\
             2026-04-02 payment P2 a 50.00 EUR settles:60/USD\n",
        );
        let ledger = Ledger::build(&book, Side::Receivables, date("2026-12-31"), true);
        let accounts: Vec<(&str, String, String)> = ledger
            .accounts
            .iter()
            .map(|a| {
                (
                    a.currency.as_str(),
                    a.debits.to_string(),
                    a.credits.to_string(),
                )
            })
            .collect();
        assert_eq!(accounts, [("USD", "3140.00".into(), "3100.00".into())]);
        assert_eq!(open(&book, &ledger), [("I2".to_string(), "40".to_string())]);
        assert_eq!(
            book.allocated(2),
            (
                Decimal::from_str("3040.00").unwrap(),
                book.entries[0].currency
            )
        );
        assert_eq!(
            book.entries[2].amount,
            Decimal::from_str("2800.00").unwrap()
        );
    }
}
