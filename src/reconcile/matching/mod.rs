//! Matching bank lines to open items: [`reconcile`] builds a `Matcher` for the statement and
//! asks it for a proposal per line.
//!
//! Lines are taken in date order (then statement order); what a line takes from an open item is
//! no longer open for the lines after it. Money in pays receivables (invoices and refunds still
//! open: a `payment`); money out pays payables (bills still open: a `payout`) or gives back a
//! customer's unapplied credit (a `refund`).
//!
//! For each line, in this order:
//! 1. `already-applied`: an entry of the book carries `bank:<this line's id>`.
//! 2. `document-id`: the communication names documents (`INV-2026-0042`, also written
//!    `INV 2026 0042` or `inv20260042`) of the right kind: they are paid, up to what is open on
//!    them, the rest on account.
//! 3. `structured-communication`: a Belgian structured communication whose check digits hold
//!    and that [`crate::identifiers::structured::for_document`] gives for exactly one such document.
//! 4. `iban`: the counterparty account is the `iban` of one contact: one open item of exactly the
//!    amount, else open items of that contact that add up to it, else the payment goes on
//!    account (folio allocates it to the oldest items).
//! 5. `name-amount`: the counterparty's name is like a contact's name (or id), and that contact
//!    has one open item of exactly the amount.
//! 6. `combination`: that contact has open items that add up to the amount (at most
//!    [`MAX_COMBINATION`] of its [`MAX_CANDIDATES`] oldest items).
//!
//! Once a contact is known, an entry of that contact already in the book for the same amount
//! and currency within [`RECORDED_DAYS`] days, without `bank:`, makes the line `recorded`: it was
//! booked by hand and is not applied again.
//!
//! The rules live in files named for what they look at: `documents.rs` (rules 2 and 3),
//! `accounts.rs` (rule 4's contact), `amounts.rs` (which open items an amount pays), `names.rs`
//! (rules 5 and 6), `currencies.rs` (lines that settle items in another currency); `matcher.rs` takes a line through them, `confidence.rs` says how sure the
//! match is and why.

mod accounts;
mod amounts;
mod applied;
mod confidence;
mod currencies;
mod documents;
mod matcher;
mod names;

pub use names::similarity;

use super::bank::BankLine;
use crate::book::Book;
use crate::journal::{EntryIndex, Kind};
use crate::money::Currency;
use chrono::NaiveDate;
use documents::SqueezedIds;
use names::NameWords;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// At most this many open items of a contact are searched for a combination.
pub const MAX_CANDIDATES: usize = 24;
/// At most this many items in a combination.
pub const MAX_COMBINATION: usize = 5;
/// How far apart (in days) a bank line and an entry booked by hand may be to be the same.
pub const RECORDED_DAYS: i64 = 7;
/// How far (a fraction of what is open) a line converted at the book's rate may be from the open
/// items it settles in another currency: the spread a bank takes on a conversion stays under it.
pub const MAX_SPREAD: Decimal = Decimal::from_parts(2, 0, 0, false, 2);
/// Combination searches stop after this many steps (the search is exponential).
const SEARCH_BUDGET: usize = 200_000;

/// What became of a bank line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A match is proposed.
    Matched,
    /// Written to the journal by this run (`--apply`).
    Applied,
    /// An entry of the book already carries this line's `bank:` id.
    AlreadyApplied,
    /// An entry booked by hand (without `bank:`) already records this money.
    Recorded,
    /// Nothing found.
    Unmatched,
    /// An entry of the book carries this line's `bank:` id but records other money (another
    /// date, amount or contact): nothing is applied until a person looks.
    Conflict,
}

impl Status {
    /// The word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Applied => "applied",
            Status::AlreadyApplied => "already-applied",
            Status::Recorded => "recorded",
            Status::Unmatched => "unmatched",
            Status::Conflict => "conflict",
        }
    }
}

/// The rule that found a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A document id in the communication.
    DocumentId,
    /// A Belgian structured communication.
    StructuredCommunication,
    /// The counterparty's IBAN.
    Iban,
    /// The counterparty's name and an exact open amount.
    NameAmount,
    /// The counterparty's name and open items adding up to the amount.
    Combination,
    /// The counterparty's name only (on account).
    Name,
}

impl Rule {
    /// The word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::DocumentId => "document-id",
            Rule::StructuredCommunication => "structured-communication",
            Rule::Iban => "iban",
            Rule::NameAmount => "name-amount",
            Rule::Combination => "combination",
            Rule::Name => "name",
        }
    }
}

/// What a line pays on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The document's entry.
    pub entry: EntryIndex,
    /// Its id.
    pub document: String,
    /// What was open on it before this line.
    pub open: Decimal,
    /// What this line pays on it.
    pub amount: Decimal,
}

/// What a payment leaves open on the invoice it pays when that is more than zero and at most
/// `[reconcile] writeoff_tolerance`: a bank charge, proposed as a `writeoff` of the difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The invoice's entry.
    pub entry: EntryIndex,
    /// Its id.
    pub document: String,
    /// What the payment leaves open on it.
    pub amount: Decimal,
}

/// The outcome for one bank line.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// The bank line.
    pub line: BankLine,
    /// What became of it.
    pub status: Status,
    /// The entry to record: payment, payout or refund.
    pub kind: Option<Kind>,
    /// The contact.
    pub contact: Option<u32>,
    /// The currency of the entry.
    pub currency: Option<Currency>,
    /// Documents paid, in order.
    pub documents: Vec<Settled>,
    /// What goes on account (paid to no document).
    pub on_account: Decimal,
    /// 0 to 1: how sure the match is.
    pub confidence: f64,
    /// The rule that matched.
    pub rule: Option<Rule>,
    /// Why, for a person.
    pub reason: String,
    /// The entries that record the line: existing ones (already applied, recorded) or written by
    /// `--apply`.
    pub entries: Vec<String>,
    /// The write-off proposed with the payment, when it falls short of its invoice within the
    /// tolerance.
    pub writeoff: Option<Shortfall>,
    /// What the line settles in its documents' currency, when that is not the line's: the
    /// entry's `settles:`. The documents' amounts are then in that currency.
    pub settles: Option<Settlement>,
}

/// What a line in one currency settles of documents in another ([`currencies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// The amount settled, in the documents' currency.
    pub amount: Decimal,
    /// The documents' currency.
    pub currency: Currency,
}

/// An item that can still be paid: an open debit item, or (for refunds) an unapplied credit.
#[derive(Debug, Clone)]
struct Item {
    entry: EntryIndex,
    contact: u32,
    currency: Currency,
    kind: Kind,
    date: NaiveDate,
    due: NaiveDate,
    open: Decimal,
}

/// Which way money moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    In,
    Out,
}

/// The entry kind a document is paid with, for money moving `direction`; `None` when money in
/// that direction cannot pay it.
fn paying_kind(document: Kind, direction: Direction) -> Option<Kind> {
    match (direction, document) {
        (Direction::In, Kind::Invoice | Kind::Refund) => Some(Kind::Payment),
        (Direction::Out, Kind::Bill) => Some(Kind::Payout),
        (Direction::Out, Kind::Payment | Kind::Credit) => Some(Kind::Refund),
        _ => None,
    }
}

/// An entry already in the book that pays or pays out money without `bank:`.
#[derive(Debug, Clone)]
struct Booked {
    entry: EntryIndex,
    claimed: bool,
}

/// What one statement is matched against, built once ([`Matcher::new`]): the items that can
/// still be paid, whose open amounts drop as lines pay them, and indexes of the book's documents,
/// payments and contacts.
struct Matcher<'a> {
    book: &'a Book,
    /// Open items, oldest due first.
    items: Vec<Item>,
    /// The item of a document.
    item_of: FxHashMap<EntryIndex, usize>,
    /// A contact's items, oldest due first.
    items_of_contact: FxHashMap<u32, Vec<usize>>,
    /// Documents by their squeezed id.
    by_squeezed: SqueezedIds,
    /// Documents by the base of their structured communication.
    by_structured: FxHashMap<u64, Vec<EntryIndex>>,
    /// Entries by the value of their `bank:`.
    applied: FxHashMap<String, Vec<EntryIndex>>,
    /// `bank:` values an earlier folio recorded for an id its statement gave several lines,
    /// already taken by a line of this statement.
    claimed_refs: rustc_hash::FxHashSet<String>,
    /// A contact's payments, payouts and refunds booked without `bank:`.
    booked: FxHashMap<u32, Vec<Booked>>,
    /// Contacts by their compact IBAN.
    by_iban: FxHashMap<String, Vec<u32>>,
    /// The words of each contact's name and id.
    name_words: Vec<NameWords>,
    /// `[reconcile] writeoff_tolerance`.
    tolerance: Option<Decimal>,
}

/// A bank line's money: which way it moves, and how much.
struct Movement<'l> {
    line: &'l BankLine,
    direction: Direction,
    /// The amount, without its sign.
    amount: Decimal,
}

/// What a line tells before any rule is tried, and what the rules noticed on the way.
struct Clues {
    /// The contact that the account names, if exactly one.
    iban_contact: Option<u32>,
    /// Contacts whose name is like the counterparty's, most alike first.
    similarities: Vec<(u32, f64)>,
    /// Why a rule did not decide, for the reason shown.
    notes: Vec<String>,
}

/// The contact a rule found, and what the line pays of it: documents the communication names, or
/// open items found by the amount.
struct Found {
    contact: u32,
    rule: Rule,
    /// Documents named by the communication.
    named: Vec<EntryIndex>,
    /// Items found by the amount.
    items: Vec<usize>,
    /// Other combinations of items add up to the amount too.
    ambiguous: bool,
}

impl Found {
    /// A match by documents the communication names.
    fn named(contact: u32, rule: Rule, named: Vec<EntryIndex>) -> Found {
        Found {
            contact,
            rule,
            named,
            items: Vec::new(),
            ambiguous: false,
        }
    }

    /// A match by the contact and its items found by the amount.
    fn items(contact: u32, rule: Rule, items: Vec<usize>, ambiguous: bool) -> Found {
        Found {
            contact,
            rule,
            named: Vec::new(),
            items,
            ambiguous,
        }
    }
}

/// Proposes a match for every line of a statement, against `book` as of `as_of`.
pub fn reconcile(book: &Book, lines: &[BankLine], as_of: NaiveDate) -> Vec<Proposal> {
    let mut matcher = Matcher::new(book, as_of);
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (lines[i].date, i));
    let mut proposals: Vec<Option<Proposal>> = vec![None; lines.len()];
    for index in order {
        proposals[index] = Some(matcher.match_line(&lines[index]));
    }
    proposals.into_iter().flatten().collect()
}

/// A proposal that matches nothing, and why.
fn unmatched(line: &BankLine, reason: String) -> Proposal {
    Proposal {
        line: line.clone(),
        status: Status::Unmatched,
        kind: None,
        contact: None,
        currency: line.currency,
        documents: Vec::new(),
        on_account: Decimal::ZERO,
        confidence: 0.0,
        rule: None,
        reason,
        entries: Vec::new(),
        writeoff: None,
        settles: None,
    }
}
