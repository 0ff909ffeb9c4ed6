//! Recording an entry from the command line: the new journal line is built, numbered and checked
//! against the whole book with the rules of `folio check` before anything is written.
//!
//! The caller holds the book's lock from loading the book to appending the line (see
//! `cli/cmd/entry.rs`), so the number chosen here cannot be taken by another writer meanwhile.

use crate::book::numbering::{self, BACKDATED_KEY};
use crate::book::totals::Room;
use crate::book::{Book, Contact, write};
use crate::document::issue::{self, Draft};
use crate::document::model::{Document, DocumentKind};
use crate::error::{Error, Result};
use crate::journal::Settles;
use crate::journal::parser::{self, check_document_id, check_meta};
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::{self, Currency};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::path::PathBuf;

pub(crate) mod charges;
pub(crate) mod credit;
pub(crate) mod direct;
pub(crate) mod git;
pub(crate) mod merge_contact;
pub(crate) mod merge_driver;
pub(crate) mod recurring;
pub(crate) mod renumber;
pub(crate) mod writeoff;

/// When a new invoice or bill falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Due {
    /// Date + the contact's terms, else the book's.
    #[default]
    Terms,
    /// Date + this many days.
    Days(u32),
    /// On this date.
    On(NaiveDate),
}

/// A new entry, as given on the command line.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// Its kind.
    pub kind: Kind,
    /// The contact id.
    pub contact: String,
    /// The amount, as typed (kept as written).
    pub amount: String,
    /// The entry's date.
    pub date: NaiveDate,
    /// When it falls due (invoices and bills).
    pub due: Due,
    /// The currency; default the contact's, else the book's.
    pub currency: Option<Currency>,
    /// The document it applies to.
    pub reference: Option<String>,
    /// Free `key:value` metadata.
    pub meta: Vec<(String, String)>,
    /// The memo.
    pub memo: Option<String>,
    /// The document id; default the next number of the kind's pattern.
    pub id: Option<String>,
    /// A document file (`documents/<id>.toml`) is written with the entry. Without one, a number
    /// whose document file exists with no journal line (the orphan of an interrupted write) is
    /// not taken: the orphan would then disagree with the new line. With one, the new document
    /// replaces the orphan.
    pub with_document: bool,
    /// `--allow-backdate`: an invoice or credit note dated before a lower-numbered one of its
    /// sequence is recorded, marked `backdated:yes`, instead of refused.
    pub allow_backdate: bool,
}

/// A checked entry, ready to append.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Its document id.
    pub id: String,
    /// The journal line, without a newline.
    pub line: String,
    /// The journal file to append to.
    pub path: PathBuf,
    /// Warnings `folio check` would print for this line (roles, due date).
    pub warnings: Vec<String>,
}

/// Where the numbers of a new entry are looked up: the whole book's entries ([`Book`]), or the
/// journal's ids as a scan read them ([`direct::Direct`]). Both give the same answers on a book
/// without errors.
pub(crate) trait Numbers {
    /// The next id of `kind` for `date` (see [`next_id`]).
    fn next_id(&self, kind: Kind, date: NaiveDate, skip_orphans: bool) -> String;
    /// Where the document `id` is recorded already, as `path:line`.
    fn used_at(&self, id: &str) -> Option<String>;
    /// The document of `id`'s sequence whose date disagrees with its number, if `id` dated
    /// `date` would take a place out of order (see [`out_of_order`]).
    fn out_of_order(&self, kind: Kind, id: &str, date: NaiveDate) -> Option<OutOfOrder>;
}

/// A recorded document whose date disagrees with a new entry's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutOfOrder {
    /// Where its id is: `path:line:column`.
    pub place: String,
    /// Its id.
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
}

impl Numbers for Book {
    fn next_id(&self, kind: Kind, date: NaiveDate, skip_orphans: bool) -> String {
        next_id(self, kind, date, skip_orphans)
    }

    fn used_at(&self, id: &str) -> Option<String> {
        let entry = &self.entries[self.find_entry(id)? as usize];
        Some(format!(
            "{}:{}",
            self.entry_path(entry).display(),
            entry.line
        ))
    }

    fn out_of_order(&self, kind: Kind, id: &str, date: NaiveDate) -> Option<OutOfOrder> {
        let entry = &self.entries[out_of_order(self, kind, id, date)? as usize];
        let line = self.entry_line(entry);
        let column = line[..entry.id_offset as usize].chars().count() + 1;
        Some(OutOfOrder {
            place: format!(
                "{}:{}:{column}",
                self.entry_path(entry).display(),
                entry.line
            ),
            id: self.entry_id(entry).to_string(),
            date: entry.date,
        })
    }
}

fn invalid(message: String) -> Error {
    Error::InvalidData(message)
}

/// Appends a prepared entry's line to its journal file (the caller holds the lock): the file
/// must be inside the book; its folder is made when it is the first entry of a year.
pub(crate) fn append(book: &Book, prepared: &Prepared) -> Result<()> {
    book.closes.refuse_lines([prepared.line.as_str()])?;
    write::confine(&book.root, &prepared.path)?;
    write::ensure_parent(&prepared.path)?;
    crate::fsio::failpoint("validated");
    crate::fsio::append_line(&prepared.path, &prepared.line)?;
    crate::fsio::failpoint("appended");
    Ok(())
}

/// An invoice or credit note with line items, ready to be written with its journal line.
#[derive(Debug)]
pub(crate) struct Issued {
    /// The journal line, numbered and checked.
    pub prepared: Prepared,
    /// The document, whose total is the line's amount.
    pub document: Document,
    /// Whether the document's file exists already: left, without its journal line, by an
    /// interrupted write, and replaced.
    pub replaces_orphan: bool,
    /// What the document lacks for the legal content of an invoice (warnings).
    pub problems: Vec<String>,
}

/// Prepares an invoice or credit note with its document: the amount is the items' total. `check`
/// may refuse the entry, or add to its metadata, once its amount is known and before it is
/// numbered (the credit check, [`credit::judge`]).
pub(crate) fn with_document(
    kind: Kind,
    book: &Book,
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
) -> Result<Issued> {
    with_document_counted(kind, book, new, draft, check, &mut Room::of(book))
}

/// [`with_document`] for one of several entries written together (see [`prepare_counted`]).
pub(crate) fn with_document_counted(
    kind: Kind,
    book: &Book,
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    room: &mut Room,
) -> Result<Issued> {
    with_document_numbered(kind, (book, book), new, draft, check, room)
}

/// [`with_document_counted`] with the numbers of `numbers` (the book's, or a scan's).
pub(crate) fn with_document_numbered(
    kind: Kind,
    (book, numbers): (&Book, &dyn Numbers),
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    room: &mut Room,
) -> Result<Issued> {
    let document_kind = match kind {
        Kind::Invoice => DocumentKind::Invoice,
        Kind::Credit => DocumentKind::CreditNote,
        other => {
            return Err(Error::Usage(format!(
                "--item makes invoices and credit notes, not {} entries",
                other.as_str()
            )));
        }
    };
    issue_numbered(document_kind, (book, numbers), new, draft, check, room)
}

/// [`with_document_counted`] for a document of any kind with a journal line (an invoice, a
/// credit note, a debit note): `new.kind` must be the document kind's journal kind.
pub(crate) fn issue_counted(
    document_kind: DocumentKind,
    book: &Book,
    new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    room: &mut Room,
) -> Result<Issued> {
    issue_numbered(document_kind, (book, book), new, draft, check, room)
}

/// [`issue_counted`] with the numbers of `numbers` (the book's, or a scan's).
pub(crate) fn issue_numbered(
    document_kind: DocumentKind,
    (book, numbers): (&Book, &dyn Numbers),
    mut new: NewEntry,
    draft: Draft,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
    room: &mut Room,
) -> Result<Issued> {
    new.amount = issue::journal_amount(&draft.items, draft.discount)?;
    check(&mut new)?;
    let prepared = prepare_numbered(book, numbers, &new, room)?;
    let document = issue::for_entry(book, &prepared.id, &prepared.line, document_kind, draft)?;
    let replaces_orphan = book.root.join(document.relative_path()).exists();
    let problems = crate::document::legal::problems(&document, &book.config)
        .into_iter()
        .map(|problem| problem.message)
        .collect();
    Ok(Issued {
        prepared,
        document,
        replaces_orphan,
        problems,
    })
}

/// Writes the document, then appends its journal line (the caller holds the lock).
pub(crate) fn write_with_document(book: &Book, issued: &Issued) -> Result<()> {
    issue::write_with_entry(&book.root, &issued.document, || {
        append(book, &issued.prepared)
    })
}

/// Builds, numbers and checks a new entry against `book`, which must hold no error.
///
/// The checks are those of `folio check` for one line: the contact exists; the amount is a
/// positive decimal with at most 4 decimals; a currency resolves; `ref:` names an existing
/// document of the same contact and currency and of a kind this kind may refer to; the id is
/// well-formed and unused. The built line is parsed back with the journal parser as a last guard.
pub(crate) fn prepare(book: &Book, new: &NewEntry) -> Result<Prepared> {
    prepare_counted(book, new, &mut Room::of(book))
}

/// [`prepare`] for one of several entries written together: `room` holds the book's totals and
/// those of the entries prepared before, so that together they cannot cross the bound on totals
/// (and the book is added up once, not once per entry).
pub(crate) fn prepare_counted(book: &Book, new: &NewEntry, room: &mut Room) -> Result<Prepared> {
    prepare_numbered(book, book, new, room)
}

/// [`prepare_counted`] with the numbers of `numbers` (the book's, or a scan's): `book` need
/// hold no entries when the entry has no `ref:` and settles nothing.
pub(crate) fn prepare_numbered(
    book: &Book,
    numbers: &dyn Numbers,
    new: &NewEntry,
    room: &mut Room,
) -> Result<Prepared> {
    let kind = new.kind;
    book.closes.refuse(new.date)?;
    let contact_index = find_contact(book, &new.contact)?;
    let contact = &book.contacts[contact_index as usize];
    let amount = money::parse_positive_amount(&new.amount)
        .map_err(|problem| invalid(format!("invalid amount `{}`: {problem}", new.amount)))?;
    let currency = new
        .currency
        .or(contact.currency)
        .or(book.config.currency)
        .ok_or_else(|| {
            invalid(format!(
                "no currency for this entry: pass --currency, or set `currency` in the contact `{}` or in folio.toml",
                contact.id
            ))
        })?;
    let settles = settles_of(new)?;
    let reference = match &new.reference {
        None => None,
        Some(target) => Some(check_reference(
            book,
            kind,
            target,
            contact_index,
            (currency, settles),
        )?),
    };
    let settled_currency = match settles {
        Some(settles) => Some(settled_currency(book, new, currency, settles)?),
        None => None,
    };
    let due = due_date(book, new, contact)?;
    for (key, value) in &new.meta {
        check_meta(key, value).map_err(invalid)?;
    }
    let memo = new.memo.as_deref().map(str::trim).filter(|m| !m.is_empty());
    if let Some(memo) = memo
        && let Err(why) = crate::text::check_line(memo)
    {
        return Err(invalid(format!(
            "a memo is one line of text: it holds {why}"
        )));
    }
    let id = new_id(book, numbers, new)?;
    let backdated = backdated(numbers, new, &id)?;
    let marked;
    let new = match &backdated {
        Some(_) if !new.meta.iter().any(|(key, _)| key == BACKDATED_KEY) => {
            let mut meta = new.meta.clone();
            meta.push((BACKDATED_KEY.to_string(), "yes".to_string()));
            marked = NewEntry {
                meta,
                ..new.clone()
            };
            &marked
        }
        _ => new,
    };
    let line = journal_line(new, &id, &contact.id, currency, due, reference, memo);
    read_back(&line, &id, amount, &contact.id)?;
    let mut warnings = warnings(new, contact, due);
    warnings.extend(backdated);
    if settles.is_none() && reference.is_none() {
        warnings.extend(open_elsewhere(
            book,
            kind,
            contact_index,
            currency,
            new.date,
        ));
    }
    room.take(currency, amount).map_err(invalid)?;
    if let (Some(settles), Some(settled)) = (settles, settled_currency) {
        room.take(settled, settles.amount).map_err(invalid)?;
    }
    Ok(Prepared {
        id,
        line,
        path: write::journal_path(&book.root, new.date.year()),
        warnings,
    })
}

/// The index of contact `id`, or an error that suggests a near id or how to add it.
fn find_contact(book: &Book, id: &str) -> Result<u32> {
    book.contact_index(id).ok_or_else(|| {
        let near = crate::diagnostic::did_you_mean(id, book.contacts.iter().map(|c| c.id.as_str()));
        invalid(match near {
            Some(near) => format!("unknown contact `{id}`; did you mean `{near}`?"),
            None => format!(
                "unknown contact `{id}`: add it first with `folio contact add {id} --name ...`"
            ),
        })
    })
}

/// The `settles:` of a new entry (`--settles`, kept in its metadata), read as the journal reads it.
fn settles_of(new: &NewEntry) -> Result<Option<Settles>> {
    let Some((_, value)) = new.meta.iter().find(|(key, _)| key == "settles") else {
        return Ok(None);
    };
    if !new.kind.takes_settles() {
        return Err(Error::Usage(format!(
            "--settles applies to payments and payouts, not to {}",
            new.kind.as_str()
        )));
    }
    let settles = parser::parse_settles(new.kind, false, value, 0)
        .map_err(|e| invalid(format!("--settles {value}: {}", e.message)))?;
    Ok(Some(settles))
}

/// The currency a settling entry in `currency` settles: `/CUR`, else its ref's; never its own.
fn settled_currency(
    book: &Book,
    new: &NewEntry,
    currency: Currency,
    settles: Settles,
) -> Result<Currency> {
    let from_ref = new
        .reference
        .as_deref()
        .and_then(|target| book.find_entry(target))
        .map(|index| book.entries[index as usize].currency);
    let settled = settles.currency.or(from_ref).ok_or_else(|| {
        invalid(format!(
            "--settles {} names no currency and there is no --ref: give --settles {}/USD (the \
             settled currency) or --ref the document it settles",
            settles.amount, settles.amount
        ))
    })?;
    if settled == currency {
        return Err(invalid(format!(
            "--settles: this {} is in {currency}, the currency it would settle; --settles is for \
             a payment in another currency than the documents it settles",
            new.kind.as_str()
        )));
    }
    Ok(settled)
}

/// Checks `--ref target`: a document of this book, of a kind `kind` may refer to, of the same
/// contact, and in the entry's currency or, for a settling entry (`settles`), in the settled one.
fn check_reference<'a>(
    book: &Book,
    kind: Kind,
    target: &'a str,
    contact_index: u32,
    (currency, settles): (Currency, Option<Settles>),
) -> Result<&'a str> {
    if kind.ref_targets().is_empty() {
        return Err(Error::Usage(format!(
            "--ref is not allowed on {}: an {} opens an item of its own",
            kind.as_str(),
            kind.as_str()
        )));
    }
    check_document_id(target).map_err(|m| invalid(format!("invalid --ref: {m}")))?;
    let index = book
        .find_entry(target)
        .ok_or_else(|| invalid(format!("--ref {target} names no document of this book")))?;
    let entry = &book.entries[index as usize];
    if !kind.ref_targets().contains(&entry.kind) {
        let allowed: Vec<String> = kind
            .ref_targets()
            .iter()
            .map(|k| format!("{} {}", article(k.as_str()), k.as_str()))
            .collect();
        return Err(invalid(format!(
            "--ref {target} is {} {}; {} {} may only refer to {}",
            article(entry.kind.as_str()),
            entry.kind.as_str(),
            article(kind.as_str()),
            kind.as_str(),
            allowed.join(" or ")
        )));
    }
    if entry.contact != contact_index {
        return Err(invalid(format!(
            "--ref {target} belongs to contact `{}`, not `{}`",
            book.entry_contact(entry).id,
            book.contacts[contact_index as usize].id
        )));
    }
    match settles {
        Some(Settles {
            currency: Some(settled),
            ..
        }) if settled != entry.currency => Err(invalid(format!(
            "--ref {target} is in {}, but --settles names {settled}; a settling {} must name a document in the currency it settles",
            entry.currency,
            kind.as_str()
        ))),
        None if entry.currency != currency => {
            let hint = if kind.takes_settles() {
                format!(
                    "; to pay it in another currency, record what it settles with settles:AMOUNT (folio {} --settles)",
                    kind.as_str()
                )
            } else {
                String::new()
            };
            Err(invalid(format!(
                "--ref {target} is in {}, this entry in {currency}; a ref must name a document in the same currency{hint}",
                entry.currency
            )))
        }
        _ => Ok(target),
    }
}

/// The due date of an invoice or bill (a date, days after the entry, or the contact's terms);
/// other kinds take none.
fn due_date(book: &Book, new: &NewEntry, contact: &Contact) -> Result<Option<NaiveDate>> {
    if !new.kind.takes_due() {
        if new.due != Due::Terms {
            return Err(Error::Usage(format!(
                "--due and --terms apply to invoices and bills, not to {}",
                new.kind.as_str()
            )));
        }
        return Ok(None);
    }
    let due = match new.due {
        Due::On(date) => Some(date),
        Due::Days(days) => new
            .date
            .checked_add_days(chrono::Days::new(u64::from(days))),
        Due::Terms => {
            let terms = contact.terms.unwrap_or_else(|| book.config.terms());
            new.date
                .checked_add_days(chrono::Days::new(u64::from(terms)))
        }
    };
    Ok(Some(due.ok_or_else(|| {
        invalid("the due date is past the last date folio knows".into())
    })?))
}

/// The id given (well-formed, unused, not an orphan document's) or the next in the numbering.
fn new_id(book: &Book, numbers: &dyn Numbers, new: &NewEntry) -> Result<String> {
    let Some(id) = &new.id else {
        return Ok(numbers.next_id(new.kind, new.date, !new.with_document));
    };
    check_document_id(id).map_err(invalid)?;
    if let Some(place) = numbers.used_at(id) {
        return Err(invalid(format!(
            "document id `{id}` is already used at {place}"
        )));
    }
    if !new.with_document && orphan_document(book, new.kind, id) {
        return Err(invalid(format!(
            "documents/{id}.toml exists with no journal line (the document of an interrupted write); record it with its items (--item) or remove the file"
        )));
    }
    Ok(id.clone())
}

/// An invoice or credit note whose date goes back in its sequence: refused (exit 65) unless
/// `--allow-backdate` (or a `backdated:` already in its metadata), when it is the warning to give.
fn backdated(numbers: &dyn Numbers, new: &NewEntry, id: &str) -> Result<Option<String>> {
    let Some(other) = numbers.out_of_order(new.kind, id, new.date) else {
        return Ok(None);
    };
    let (where_, kind) = (&other.place, new.kind.as_str());
    let order = if other.date > new.date {
        "is dated later with a lower number"
    } else {
        "is dated earlier with a higher number"
    };
    let conflict = format!(
        "{kind} {id} dated {} would break the order of the {kind} numbers: {} ({where_}), dated {}, {order}",
        new.date, other.id, other.date,
    );
    let allowed = new.allow_backdate || new.meta.iter().any(|(key, _)| key == BACKDATED_KEY);
    if allowed {
        return Ok(Some(format!("{conflict}; recorded as {BACKDATED_KEY}:yes")));
    }
    let instead = if other.date > new.date {
        format!("date it {} or later", other.date)
    } else {
        "give it a number after the last".to_string()
    };
    Err(invalid(format!(
        "{conflict}; {kind} numbers follow their dates: {instead}, or pass --allow-backdate to record it marked {BACKDATED_KEY}:yes; nothing was recorded"
    )))
}

/// A document of the same sequence as `id` (kind, pattern and year) whose date disagrees with
/// its number: the latest-dated of those numbered below it and dated after `date`, else the
/// earliest-dated of those numbered above it and dated before. Only kinds whose numbers follow
/// their dates ([`numbering::follows_dates`]) and ids that follow the kind's pattern are judged.
fn out_of_order(book: &Book, kind: Kind, id: &str, date: NaiveDate) -> Option<EntryIndex> {
    if !numbering::follows_dates(kind) {
        return None;
    }
    let pattern = book.config.numbering.pattern(kind);
    let number = pattern.read(id)?;
    let mut later_below: Option<(NaiveDate, usize)> = None;
    let mut earlier_above: Option<(NaiveDate, usize)> = None;
    for (index, entry) in book.entries.iter().enumerate() {
        let Some(other) = (entry.kind == kind)
            .then(|| pattern.read(book.entry_id(entry)))
            .flatten()
            .filter(|other| other.year == number.year)
        else {
            continue;
        };
        if other.seq < number.seq && entry.date > date {
            later_below = later_below.max(Some((entry.date, index)));
        } else if other.seq > number.seq && entry.date < date {
            earlier_above = match earlier_above {
                Some(found) if found <= (entry.date, index) => Some(found),
                _ => Some((entry.date, index)),
            };
        }
    }
    later_below
        .or(earlier_above)
        .map(|(_, index)| index as EntryIndex)
}

/// The journal line of the new entry.
fn journal_line(
    new: &NewEntry,
    id: &str,
    contact: &str,
    currency: Currency,
    due: Option<NaiveDate>,
    reference: Option<&str>,
    memo: Option<&str>,
) -> String {
    let mut line = format!(
        "{} {} {id} {contact} {} {currency}",
        new.date,
        new.kind.as_str(),
        new.amount
    );
    if let Some(due) = due {
        line.push_str(&format!(" due:{due}"));
    }
    if let Some(target) = reference {
        line.push_str(&format!(" ref:{target}"));
    }
    for (key, value) in &new.meta {
        line.push_str(&format!(" {key}:{value}"));
    }
    if let Some(memo) = memo {
        line.push_str(" ; ");
        line.push_str(memo);
    }
    line
}

/// The line must read back as what was meant: the journal parser is the last guard.
fn read_back(line: &str, id: &str, amount: Decimal, contact: &str) -> Result<()> {
    let parsed = parser::parse_line(line)
        .map_err(|e| {
            invalid(format!(
                "the new line would not parse ({}): {line}",
                e.message
            ))
        })?
        .ok_or_else(|| invalid(format!("the new line would be empty: {line}")))?;
    if parsed.id != id || parsed.amount != amount || parsed.contact != contact {
        return Err(invalid(format!(
            "the new line would not read back as given: {line}"
        )));
    }
    Ok(())
}

/// A payment or payout without `ref:` in a currency the contact has nothing open in, while it
/// has items open in others: it would stay on account beside them, which `settles:` avoids.
fn open_elsewhere(
    book: &Book,
    kind: Kind,
    contact: u32,
    currency: Currency,
    date: NaiveDate,
) -> Option<String> {
    if !kind.takes_settles() {
        return None;
    }
    let ledger = Ledger::build(book, kind.side(), date, false);
    let accounts = ledger.accounts.iter().filter(|a| a.contact == contact);
    let mut open_in_others = Vec::new();
    for account in accounts {
        let open: Decimal = account.open_items.iter().map(|item| item.open).sum();
        if account.currency == currency && !open.is_zero() {
            return None;
        }
        if !open.is_zero() {
            open_in_others.push((account.currency, open));
        }
    }
    let (first, _) = *open_in_others.first()?;
    let listed: Vec<String> = open_in_others
        .iter()
        .map(|(currency, open)| format!("{} {currency}", money::format_amount(*open)))
        .collect();
    Some(format!(
        "`{}` has nothing open in {currency} but {} open: this {} stays on account in {currency}; to settle those with it, record what it settles (--settles AMOUNT/{first})",
        book.contacts[contact as usize].id,
        listed.join(" and "),
        kind.as_str()
    ))
}

/// What is odd but allowed about the new entry: a kind the contact's roles do not include, a due
/// date before the entry's, an archived contact.
fn warnings(new: &NewEntry, contact: &Contact, due: Option<NaiveDate>) -> Vec<String> {
    let kind = new.kind;
    let mut warnings = Vec::new();
    if !contact.has_side(kind.side()) {
        let role = match kind.side() {
            Side::Receivables => "customer",
            Side::Payables => "supplier",
        };
        warnings.push(format!(
            "{} for `{}`, whose roles do not include {role}; add \"{role}\" to its roles or check the kind",
            kind.as_str(),
            contact.id
        ));
    }
    if let Some(due) = due
        && due < new.date
    {
        warnings.push(format!(
            "due date {due} is before the {} date {}",
            kind.as_str(),
            new.date
        ));
    }
    if contact.archived {
        warnings.push(format!("contact `{}` is archived", contact.id));
    }
    warnings
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The next document id of a kind for a date, from the book's `[numbering]` pattern; with
/// `skip_orphans`, numbers whose document file exists without a journal line are passed over.
pub(crate) fn next_id(book: &Book, kind: Kind, date: NaiveDate, skip_orphans: bool) -> String {
    let pattern = book.config.numbering.pattern(kind);
    let ids: rustc_hash::FxHashSet<&str> = book
        .entries
        .iter()
        .map(|entry| book.entry_id(entry))
        .collect();
    pattern.next(date, ids.iter().copied(), |id| {
        ids.contains(id) || (skip_orphans && orphan_document(book, kind, id))
    })
}

/// Whether `documents/<id>.toml` exists for an entry of this kind that the journal does not
/// have (the caller knows the id is not in the journal). Only invoices and credit notes have
/// documents.
fn orphan_document(book: &Book, kind: Kind, id: &str) -> bool {
    let document_kind = match kind {
        Kind::Invoice => crate::document::DocumentKind::Invoice,
        Kind::Credit => crate::document::DocumentKind::CreditNote,
        _ => return false,
    };
    crate::document::check_file_id(id).is_ok()
        && book
            .root
            .join(crate::document::relative_path(document_kind, id))
            .exists()
}

/// What voiding a document takes: a credit note (invoice, refund) or debit note (bill) for what is
/// still open on it as of `date`.
#[derive(Debug, Clone)]
pub(crate) struct Void {
    /// `credit` or `debit`.
    pub kind: Kind,
    /// The contact of the document.
    pub contact: String,
    /// What is still open.
    pub open: Decimal,
    /// The document's currency.
    pub currency: Currency,
}

/// Works out how to void `document` as of `date`. Fails with a usage error for kinds that cannot
/// be voided this way and with [`Error::Condition`] (exit 1) when nothing is open on it.
pub(crate) fn void(book: &Book, document: &str, date: NaiveDate) -> Result<Void> {
    let index = book.require_entry(document)?;
    let entry = &book.entries[index as usize];
    let kind = match entry.kind {
        Kind::Invoice | Kind::Refund => Kind::Credit,
        Kind::Bill => Kind::Debit,
        other => {
            return Err(Error::Usage(format!(
                "{document} is a {}: only invoices, refunds and bills are voided (a payment is undone with `folio refund`, a credit note with a new invoice)",
                other.as_str()
            )));
        }
    };
    if entry.date > date {
        return Err(Error::Usage(format!(
            "{document} is dated {}, after the void date {date}; pass --date {} or later",
            entry.date, entry.date
        )));
    }
    let ledger = Ledger::build(book, entry.kind.side(), date, false);
    let open = ledger.open_amount(index);
    if open <= Decimal::ZERO {
        return Err(Error::Condition(format!(
            "nothing is open on {document} as of {date}: it is settled, so there is nothing to void"
        )));
    }
    Ok(Void {
        kind,
        contact: book.entry_contact(entry).id.clone(),
        open,
        currency: entry.currency,
    })
}
