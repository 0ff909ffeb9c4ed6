//! Matching bank lines to open items.
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

use super::bank::BankLine;
use crate::book::{Book, Contact, slug};
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// At most this many open items of a contact are searched for a combination.
pub const MAX_CANDIDATES: usize = 24;
/// At most this many items in a combination.
pub const MAX_COMBINATION: usize = 5;
/// How far apart (in days) a bank line and an entry booked by hand may be to be the same.
pub const RECORDED_DAYS: i64 = 7;
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

/// Words that say little about who a company is.
const STOP_WORDS: &[&str] = &[
    "sa", "nv", "bv", "bvba", "srl", "sprl", "sarl", "sas", "sasu", "eurl", "sc", "scs", "scrl",
    "gmbh", "ag", "kg", "ltd", "llc", "inc", "co", "cie", "corp", "plc", "spa", "vof", "cv",
    "limited", "company", "the", "and", "et", "en", "und", "de", "du", "des", "la", "le", "les",
    "d", "l", "van", "der", "den", "mr", "mrs", "m", "mme",
];

/// The significant words of a name, folded (case and accents ignored).
fn words(name: &str) -> Vec<String> {
    slug::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two words are alike: equal, one a prefix (of at least 4 letters) of the other (banks cut
/// names), or one edit apart when both have 5 letters or more.
fn alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.chars().count() >= 4 && long.starts_with(short))
        || (short.chars().count() >= 5 && crate::diagnostic::levenshtein(a, b) <= 1)
}

/// How alike a counterparty name is to a contact, 0 to 1: the Dice coefficient of their words,
/// or, when every word of the contact's name (or of its id) appears in the counterparty's name,
/// 0.9 (a bank shows `HANGZHOU MEIYUAN CULTURAL CREATIVE CO LTD` for contact
/// `hangzhou-meiyuan`).
pub fn similarity(counterparty: &str, contact: &Contact) -> f64 {
    similarity_of_words(&words(counterparty), &NameWords::of(contact))
}

/// The words of a contact's name and of its id, computed once per reconciliation.
#[derive(Debug, Clone)]
struct NameWords {
    name: Vec<String>,
    id: Vec<String>,
}

impl NameWords {
    fn of(contact: &Contact) -> NameWords {
        NameWords {
            name: words(&contact.name),
            id: words(&contact.id),
        }
    }
}

fn similarity_of_words(theirs: &[String], contact: &NameWords) -> f64 {
    if theirs.is_empty() {
        return 0.0;
    }
    let mut best: f64 = 0.0;
    for ours in [&contact.name, &contact.id] {
        if ours.is_empty() {
            continue;
        }
        let common = ours
            .iter()
            .filter(|w| theirs.iter().any(|t| alike(w, t)))
            .count();
        let dice = 2.0 * common as f64 / (ours.len() + theirs.len()) as f64;
        let significant = ours.len() >= 2 || ours[0].chars().count() >= 5;
        let contained = if common == ours.len() && significant {
            0.9
        } else {
            0.0
        };
        best = best.max(dice).max(contained);
    }
    best.min(1.0)
}

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
struct SqueezedIds {
    pairs: Vec<(u64, EntryIndex)>,
}

impl SqueezedIds {
    fn of(book: &Book) -> SqueezedIds {
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

/// Looks for open items of one contact (given oldest due first) whose open amounts add up to
/// `amount`: the oldest ones in a row if they do, else the fewest items; returns the combination
/// and whether another of the same size exists.
fn combination(items: &[(usize, Decimal)], amount: Decimal) -> Option<(Vec<usize>, bool)> {
    // The oldest items, in order, are what a customer settling "everything up to now" pays, and
    // what folio's own allocation would take.
    let mut sum = Decimal::ZERO;
    for (count, (_, open)) in items.iter().enumerate() {
        sum += *open;
        if sum == amount && count >= 1 {
            return Some((items[..=count].iter().map(|(i, _)| *i).collect(), false));
        }
        if sum > amount {
            break;
        }
    }
    let mut budget = SEARCH_BUDGET;
    for size in 2..=MAX_COMBINATION.min(items.len()) {
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut chosen = Vec::with_capacity(size);
        search(items, amount, size, 0, &mut chosen, &mut found, &mut budget);
        if let Some(first) = found.first() {
            return Some((first.clone(), found.len() > 1));
        }
        if budget == 0 {
            break;
        }
    }
    None
}

fn search(
    items: &[(usize, Decimal)],
    rest: Decimal,
    size: usize,
    start: usize,
    chosen: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
    budget: &mut usize,
) {
    if found.len() >= 2 || *budget == 0 {
        return;
    }
    *budget -= 1;
    if chosen.len() == size {
        if rest.is_zero() {
            found.push(chosen.clone());
        }
        return;
    }
    for index in start..items.len() {
        let (item, open) = items[index];
        if open > rest {
            continue;
        }
        chosen.push(item);
        search(items, rest - open, size, index + 1, chosen, found, budget);
        chosen.pop();
        if found.len() >= 2 || *budget == 0 {
            return;
        }
    }
}

/// Of the items open for exactly `amount`, the one falling due closest to the payment date
/// (people pay the invoice in front of them; an older one of the same amount is often disputed).
fn closest_exact(
    open: &[usize],
    items: &[Item],
    amount: Decimal,
    date: NaiveDate,
) -> Option<usize> {
    open.iter()
        .copied()
        .filter(|&i| items[i].open == amount)
        .min_by_key(|&i| ((items[i].due - date).num_days().abs(), items[i].due))
}

/// An entry already in the book that pays or pays out money without `bank:`.
#[derive(Debug, Clone)]
struct Booked {
    entry: EntryIndex,
    claimed: bool,
}

/// Proposes a match for every line of a statement, against `book` as of `as_of`.
pub fn reconcile(book: &Book, lines: &[BankLine], as_of: NaiveDate) -> Vec<Proposal> {
    // What can still be paid, and what the book already holds.
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

    let by_squeezed = SqueezedIds::of(book);
    let mut by_structured: FxHashMap<u64, Vec<EntryIndex>> = FxHashMap::default();
    let mut applied: FxHashMap<String, Vec<EntryIndex>> = FxHashMap::default();
    let mut booked: FxHashMap<u32, Vec<Booked>> = FxHashMap::default();
    for (index, entry) in book.entries.iter().enumerate() {
        let index = index as EntryIndex;
        let id = book.entry_id(entry);
        if matches!(entry.kind, Kind::Invoice | Kind::Refund | Kind::Bill)
            && let Some(structured) = crate::identifiers::structured::for_document(id)
        {
            by_structured
                .entry(structured.base)
                .or_default()
                .push(index);
        }
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
    let mut by_iban: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (index, contact) in book.contacts.iter().enumerate() {
        if let Some(iban) = &contact.iban {
            by_iban
                .entry(crate::identifiers::iban::compact(iban))
                .or_default()
                .push(index as u32);
        }
    }

    let name_words: Vec<NameWords> = book.contacts.iter().map(NameWords::of).collect();
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (lines[i].date, lines[i].row));
    let mut proposals: Vec<Option<Proposal>> = vec![None; lines.len()];
    for index in order {
        let line = &lines[index];
        let proposal = match_line(
            book,
            line,
            &mut items,
            &item_of,
            &items_of_contact,
            &by_squeezed,
            &by_structured,
            &applied,
            &mut booked,
            &by_iban,
            &name_words,
        );
        proposals[index] = Some(proposal);
    }
    proposals.into_iter().flatten().collect()
}

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
    }
}

#[allow(clippy::too_many_arguments)]
fn match_line(
    book: &Book,
    line: &BankLine,
    items: &mut [Item],
    item_of: &FxHashMap<EntryIndex, usize>,
    items_of_contact: &FxHashMap<u32, Vec<usize>>,
    by_squeezed: &SqueezedIds,
    by_structured: &FxHashMap<u64, Vec<EntryIndex>>,
    applied: &FxHashMap<String, Vec<EntryIndex>>,
    booked: &mut FxHashMap<u32, Vec<Booked>>,
    by_iban: &FxHashMap<String, Vec<u32>>,
    name_words: &[NameWords],
) -> Proposal {
    if let Some(entries) = applied.get(&line.bank_id) {
        let first = &book.entries[entries[0] as usize];
        let mut proposal = unmatched(line, String::new());
        proposal.status = Status::AlreadyApplied;
        proposal.kind = Some(first.kind);
        proposal.contact = Some(first.contact);
        proposal.currency = Some(first.currency);
        proposal.confidence = 1.0;
        proposal.entries = entries
            .iter()
            .map(|&e| book.entry_id(&book.entries[e as usize]).to_string())
            .collect();
        proposal.reason = format!(
            "already applied: {} carr{} bank:{}",
            proposal.entries.join(", "),
            if entries.len() == 1 { "ies" } else { "y" },
            line.bank_id
        );
        return proposal;
    }
    let direction = if line.amount > Decimal::ZERO {
        Direction::In
    } else if line.amount < Decimal::ZERO {
        Direction::Out
    } else {
        return unmatched(line, "the amount is zero".into());
    };
    let amount = line.amount.abs();
    let contact_currency = |contact: u32| {
        line.currency
            .or(book.contacts[contact as usize].currency)
            .or(book.config.currency)
    };
    let mut notes: Vec<String> = Vec::new();

    // The contact that the account names, if exactly one.
    let iban_contact = line
        .account
        .as_ref()
        .and_then(|account| match by_iban.get(account) {
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
        });

    // 2. Document ids in the communication.
    let mut named: Vec<EntryIndex> = Vec::new();
    for candidate in candidates(&line.communication) {
        for entry in by_squeezed.get(book, &candidate) {
            let e = &book.entries[entry as usize];
            if paying_kind(e.kind, direction).is_some()
                && Some(e.currency) == contact_currency(e.contact)
                && !named.contains(&entry)
            {
                named.push(entry);
            }
        }
    }
    // Documents of one contact only; the IBAN decides between contacts.
    if named.len() > 1 {
        let first = book.entries[named[0] as usize].contact;
        if named
            .iter()
            .any(|&e| book.entries[e as usize].contact != first)
        {
            match iban_contact {
                Some(contact) => named.retain(|&e| book.entries[e as usize].contact == contact),
                None => {
                    notes.push("the communication names documents of several contacts".into());
                    named.clear();
                }
            }
        }
    }
    let mut rule = (!named.is_empty()).then_some(Rule::DocumentId);

    // 3. A structured communication.
    if rule.is_none() {
        match crate::identifiers::structured::find(&line.communication) {
            Some(Ok(structured)) => {
                let documents: Vec<EntryIndex> = by_structured
                    .get(&structured.base)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&e| {
                        let entry = &book.entries[e as usize];
                        paying_kind(entry.kind, direction).is_some()
                            && Some(entry.currency) == contact_currency(entry.contact)
                    })
                    .collect();
                // Ids that differ only in letters share a communication: prefer the open one.
                let open: Vec<EntryIndex> = documents
                    .iter()
                    .copied()
                    .filter(|e| {
                        item_of
                            .get(e)
                            .is_some_and(|&i| items[i].open > Decimal::ZERO)
                    })
                    .collect();
                let chosen = match (documents.as_slice(), open.as_slice()) {
                    ([one], _) | (_, [one]) => Some(*one),
                    ([], _) => {
                        notes.push(format!(
                            "structured communication {structured} names no document"
                        ));
                        None
                    }
                    _ => {
                        notes.push(format!(
                            "structured communication {structured} fits {} documents",
                            documents.len()
                        ));
                        None
                    }
                };
                if let Some(entry) = chosen {
                    named.push(entry);
                    rule = Some(Rule::StructuredCommunication);
                }
            }
            Some(Err(problem)) => notes.push(problem.to_string()),
            None => {}
        }
    }

    let mut contact: Option<u32> = named.first().map(|&e| book.entries[e as usize].contact);
    if contact.is_none() && iban_contact.is_some() {
        contact = iban_contact;
        rule = Some(Rule::Iban);
    }

    // Name similarity, for rules 5 and 6 and to confirm the others.
    let similarities: Vec<(u32, f64)> = if line.counterparty.trim().is_empty() {
        Vec::new()
    } else {
        let theirs = words(&line.counterparty);
        let mut list: Vec<(u32, f64)> = name_words
            .iter()
            .enumerate()
            .map(|(i, ours)| (i as u32, similarity_of_words(&theirs, ours)))
            .filter(|(_, s)| *s >= 0.6)
            .collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    };
    let eligible = |item: &Item, contact: u32| {
        item.contact == contact
            && item.open > Decimal::ZERO
            && item.date <= line.date
            && Some(item.currency) == contact_currency(contact)
            && paying_kind(item.kind, direction).is_some()
    };

    // The items of the contact, oldest due first, that this line may pay.
    let open_of = |contact: u32, items: &[Item]| -> Vec<usize> {
        items_of_contact
            .get(&contact)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| eligible(&items[i], contact))
            .collect()
    };

    let mut chosen_items: Vec<usize> = Vec::new();
    let mut ambiguous = false;
    if rule.is_none() {
        // 5. Name and an exact open amount: among the contacts most like the name.
        if let Some(&(_, best)) = similarities.first() {
            let top: Vec<(u32, f64)> = similarities
                .iter()
                .copied()
                .filter(|(_, s)| *s >= best - 0.05)
                .collect();
            let exact: Vec<(u32, usize)> = top
                .iter()
                .filter_map(|&(c, _)| {
                    closest_exact(&open_of(c, items), items, amount, line.date).map(|i| (c, i))
                })
                .collect();
            if let [(c, i)] = exact.as_slice() {
                contact = Some(*c);
                chosen_items = vec![*i];
                rule = Some(Rule::NameAmount);
            } else if exact.len() > 1 {
                notes.push(format!(
                    "{} contacts with a name like `{}` have an open item of {}",
                    exact.len(),
                    line.counterparty,
                    crate::money::format_amount(amount)
                ));
            } else if let [(c, _)] = top.as_slice() {
                // 6. A combination of its open items.
                let open: Vec<(usize, Decimal)> = open_of(*c, items)
                    .into_iter()
                    .take(MAX_CANDIDATES)
                    .map(|i| (i, items[i].open))
                    .collect();
                if let Some((combo, several)) = combination(&open, amount) {
                    contact = Some(*c);
                    chosen_items = combo;
                    ambiguous = several;
                    rule = Some(Rule::Combination);
                } else if best >= 0.85 {
                    contact = Some(*c);
                    rule = Some(Rule::Name);
                }
            }
        }
    }

    let Some(contact) = contact else {
        let mut reason = String::from(
            "no document id, structured communication, known account or similar name with a matching amount",
        );
        if !notes.is_empty() {
            reason = format!("{reason} ({})", notes.join("; "));
        }
        return unmatched(line, reason);
    };
    let rule = rule.expect("a contact comes with a rule");
    let who = &book.contacts[contact as usize];
    let Some(currency) = contact_currency(contact) else {
        return unmatched(line, format!("no currency for contact `{}`", who.id));
    };

    // Booked by hand already?
    if let Some(list) = booked.get_mut(&contact) {
        let wanted = match direction {
            Direction::In => &[Kind::Payment][..],
            Direction::Out => &[Kind::Payout, Kind::Refund][..],
        };
        let found = list.iter_mut().find(|b| {
            let e = &book.entries[b.entry as usize];
            !b.claimed
                && wanted.contains(&e.kind)
                && e.amount == amount
                && e.currency == currency
                && (e.date - line.date).num_days().abs() <= RECORDED_DAYS
        });
        if let Some(b) = found {
            b.claimed = true;
            let e = &book.entries[b.entry as usize];
            let id = book.entry_id(e).to_string();
            return Proposal {
                line: line.clone(),
                status: Status::Recorded,
                kind: Some(e.kind),
                contact: Some(contact),
                currency: Some(currency),
                documents: Vec::new(),
                on_account: Decimal::ZERO,
                confidence: 0.9,
                rule: Some(rule),
                reason: format!(
                    "already booked as {id} ({} {}, {} {currency}) without bank:; nothing to apply",
                    e.kind.as_str(),
                    e.date,
                    crate::money::format_amount(e.amount)
                ),
                entries: vec![id],
            };
        }
    }

    // The contact is known: which of its items does the line pay?
    if rule == Rule::Iban {
        let open = open_of(contact, items);
        if let Some(i) = closest_exact(&open, items, amount, line.date) {
            chosen_items = vec![i];
        } else {
            let candidates: Vec<(usize, Decimal)> = open
                .iter()
                .take(MAX_CANDIDATES)
                .map(|&i| (i, items[i].open))
                .collect();
            if let Some((combo, several)) = combination(&candidates, amount) {
                chosen_items = combo;
                ambiguous = several;
            }
        }
    }
    let documents: Vec<EntryIndex> = if named.is_empty() {
        chosen_items.iter().map(|&i| items[i].entry).collect()
    } else {
        named.clone()
    };

    // The kind: from the documents, else from the contact's roles and open items.
    let kind = match documents.first() {
        Some(&e) => paying_kind(book.entries[e as usize].kind, direction),
        None => match direction {
            Direction::In if who.has_side(Side::Receivables) => Some(Kind::Payment),
            Direction::In => None,
            Direction::Out => {
                let open_of_kind = |kinds: &[Kind]| {
                    items_of_contact
                        .get(&contact)
                        .into_iter()
                        .flatten()
                        .any(|&i| items[i].open > Decimal::ZERO && kinds.contains(&items[i].kind))
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
        },
    };
    let Some(kind) = kind else {
        return unmatched(
            line,
            format!(
                "money in from `{}`, a supplier only: folio records no kind of entry for it; book it yourself",
                who.id
            ),
        );
    };

    // Pay the documents, oldest first as given, up to what is open on each.
    let mut rest = amount;
    let mut settled = Vec::new();
    for &entry in &documents {
        let open = item_of
            .get(&entry)
            .map_or(Decimal::ZERO, |&i| items[i].open);
        let pay = open.min(rest);
        if let Some(&i) = item_of.get(&entry) {
            items[i].open -= pay;
        }
        rest -= pay;
        settled.push(Settled {
            entry,
            document: book.entry_id(&book.entries[entry as usize]).to_string(),
            open,
            amount: pay,
        });
    }
    let fully = !settled.is_empty() && settled.iter().all(|s| s.amount == s.open) && rest.is_zero();
    let names: Vec<&str> = settled.iter().map(|s| s.document.as_str()).collect();
    let iban_agrees = iban_contact.is_none_or(|c| c == contact);
    let name_agrees = similarities.iter().any(|&(c, s)| c == contact && s >= 0.6);
    let (mut confidence, mut reason) = match rule {
        Rule::DocumentId | Rule::StructuredCommunication => {
            let how = if rule == Rule::DocumentId {
                format!("the communication names {}", names.join(", "))
            } else {
                format!(
                    "structured communication {} is that of {}",
                    crate::identifiers::structured::find(&line.communication)
                        .and_then(Result::ok)
                        .map(|s| s.formatted())
                        .unwrap_or_default(),
                    names.join(", ")
                )
            };
            let base = if rule == Rule::DocumentId { 0.97 } else { 0.96 };
            if fully {
                (base, format!("{how}; the amount is what is open"))
            } else if rest.is_zero() {
                (base - 0.07, format!("{how}; a part payment"))
            } else if settled.iter().all(|s| s.open.is_zero()) {
                (
                    base - 0.12,
                    format!("{how}, already settled: the money goes on account"),
                )
            } else {
                (
                    base - 0.1,
                    format!(
                        "{how}; {} more than is open goes on account",
                        crate::money::format_amount(rest)
                    ),
                )
            }
        }
        Rule::Iban => {
            let how = format!(
                "account {} is `{}`'s",
                crate::identifiers::iban::pretty(line.account.as_deref().unwrap_or("")),
                who.id
            );
            match chosen_items.len() {
                0 => (
                    0.8,
                    format!("{how}; no open item or combination is the amount: on account"),
                ),
                1 => (
                    0.95,
                    format!("{how}; {} is open for exactly the amount", names[0]),
                ),
                _ if ambiguous => (
                    0.8,
                    format!(
                        "{how}; {} add up to the amount (other combinations do too)",
                        names.join(" + ")
                    ),
                ),
                _ => (
                    0.9,
                    format!("{how}; {} add up to the amount", names.join(" + ")),
                ),
            }
        }
        Rule::NameAmount => {
            let s = similarities
                .iter()
                .find(|(c, _)| *c == contact)
                .map_or(0.0, |(_, s)| *s);
            (
                0.55 + 0.4 * s,
                format!(
                    "`{}` is like `{}` ({:.0}%), and {} is open for exactly the amount",
                    line.counterparty,
                    who.name,
                    s * 100.0,
                    names[0]
                ),
            )
        }
        Rule::Combination => {
            let s = similarities
                .iter()
                .find(|(c, _)| *c == contact)
                .map_or(0.0, |(_, s)| *s);
            (
                0.5 + 0.35 * s - if ambiguous { 0.1 } else { 0.0 },
                format!(
                    "`{}` is like `{}` ({:.0}%), and {} add up to the amount{}",
                    line.counterparty,
                    who.name,
                    s * 100.0,
                    names.join(" + "),
                    if ambiguous {
                        " (other combinations do too)"
                    } else {
                        ""
                    }
                ),
            )
        }
        Rule::Name => {
            let s = similarities
                .iter()
                .find(|(c, _)| *c == contact)
                .map_or(0.0, |(_, s)| *s);
            (
                0.45 + 0.2 * s,
                format!(
                    "`{}` is like `{}` ({:.0}%); no open item or combination is the amount: on account",
                    line.counterparty,
                    who.name,
                    s * 100.0
                ),
            )
        }
    };
    if !iban_agrees {
        confidence -= 0.3;
        reason.push_str("; but the account belongs to another contact");
    } else if matches!(rule, Rule::DocumentId | Rule::StructuredCommunication)
        && iban_contact.is_none()
        && !name_agrees
        && !line.counterparty.trim().is_empty()
    {
        confidence -= 0.05;
    }
    if !notes.is_empty() {
        reason = format!("{reason} ({})", notes.join("; "));
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
        rule: Some(rule),
        reason,
        entries: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, name: &str) -> Contact {
        let mut c = Contact::placeholder(id);
        c.name = name.into();
        c
    }

    #[test]
    fn names() {
        let delvaux = contact("galerie-delvaux", "Galerie Delvaux SRL");
        let rivoli = contact("galeries-rivoli", "Les Galeries Rivoli SAS");
        assert!(similarity("GALERIE DELVAUX", &delvaux) > 0.95);
        assert!(similarity("GALERIE DELVAUX", &rivoli) < 0.6);
        let meiyuan = contact("hangzhou-meiyuan", "杭州美苑文化创意有限公司");
        assert!(similarity("HANGZHOU MEIYUAN CULTURAL CREATIVE CO LTD", &meiyuan) >= 0.9);
        let cafe = contact("cafe-leopold", "Café Léopold SRL");
        assert!(similarity("CAFE LEOPOLD", &cafe) > 0.95);
        assert!(similarity("Cafe Leopold Brussel", &cafe) >= 0.8);
        let beaumont = contact("maison-beaumont", "Maison Beaumont & Fils SARL");
        assert!(similarity("MAISON VERHAEGEN", &beaumont) < 0.6);
        assert_eq!(similarity("", &beaumont), 0.0);
        assert!(
            similarity(
                "VANDENBERGHE STUDIO",
                &contact("studio-vandenberghe", "Studio Vandenberghe BV")
            ) > 0.9
        );
    }

    #[test]
    fn communication_candidates() {
        let c = candidates("Fact. INV 2026 0042, merci");
        assert!(c.contains(&"INV20260042".to_string()));
        assert!(candidates("inv-2026-0042").contains(&"INV20260042".to_string()));
    }

    #[test]
    fn combinations_prefer_fewest_items() {
        let d = |n: i64| Decimal::new(n, 2);
        let items = vec![(0, d(10000)), (1, d(25000)), (2, d(5000)), (3, d(20000))];
        assert_eq!(combination(&items, d(35000)), Some((vec![0, 1], false)));
        assert_eq!(combination(&items, d(30000)), Some((vec![0, 3], true)));
        assert_eq!(combination(&items, d(55000)), Some((vec![0, 1, 3], false)));
        assert_eq!(combination(&items, d(60000)).map(|c| c.0.len()), Some(4));
        assert_eq!(combination(&items, d(1)), None);
    }
}
