//! Issuing recurring invoices (`folio recur`): every `[[recurring]]` period that has come due
//! and that no invoice of the journal carries the `recur:` tag of.
//!
//! The journal is the only record of what was issued: each invoice carries
//! `recur:<contact>/<schedule>:<period>` (`recur:acme/1:2026-01`), so a run after days without one
//! catches up, two runs one after the other issue nothing twice, and the record merges in git with
//! the journal. Two runs at once are kept apart by the book's lock, which the caller holds from
//! loading the book to the last line written.

use super::{Due, Issued, NewEntry, Prepared};
use crate::book::Book;
use crate::book::recurring::{Period, Recurring, RecurringItem};
use crate::book::totals::Room;
use crate::diagnostic::{Diagnostic, line_column, line_text};
use crate::document::issue::{self, Draft};
use crate::document::model::{self, Item};
use crate::error::{Error, Result};
use crate::journal::Kind;
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashSet;

/// The metadata key of an invoice issued for a recurring period.
pub(crate) const META_KEY: &str = "recur";

/// One invoice a schedule owes: a period of one contact's `[[recurring]]`, and its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    /// The contact's index in the book.
    pub contact: u32,
    /// The schedule's place among the contact's `[[recurring]]`.
    pub schedule: usize,
    /// The schedule's name in the tag (its `id`, else its place from 1).
    pub key: String,
    /// The period it is for.
    pub period: Period,
    /// The invoice's date.
    pub date: NaiveDate,
}

impl Occurrence {
    /// `<contact>/<schedule>`, as the tag and the messages name a schedule.
    pub(crate) fn schedule_name(&self, book: &Book) -> String {
        format!("{}/{}", book.contacts[self.contact as usize].id, self.key)
    }

    /// The `recur:` value: `<contact>/<schedule>:<period>`.
    pub(crate) fn tag(&self, book: &Book) -> String {
        format!("{}:{}", self.schedule_name(book), self.period.label())
    }

    fn recurring<'a>(&self, book: &'a Book) -> &'a Recurring {
        &book.contacts[self.contact as usize].recurring[self.schedule]
    }
}

/// The `recur:` tags the book's invoices carry. Lines are searched for the key before they are
/// read, so a large book without recurring invoices costs one scan of its text.
fn issued(book: &Book) -> FxHashSet<String> {
    let needle = format!(" {META_KEY}:");
    book.entries
        .iter()
        .filter(|entry| entry.kind == Kind::Invoice)
        .map(|entry| book.entry_line(entry))
        .filter(|line| line.contains(&needle))
        .flat_map(|line| {
            crate::journal::parser::free_metadata(line)
                .into_iter()
                .filter(|(key, _)| *key == META_KEY)
                .map(|(_, value)| value.to_string())
        })
        .collect()
}

/// Every invoice due on or before `as_of` that the journal does not have yet, by date, then
/// contact, then schedule. Archived contacts issue nothing.
pub(crate) fn due(book: &Book, as_of: NaiveDate) -> Vec<Occurrence> {
    let issued = issued(book);
    let mut due = Vec::new();
    for (contact_index, contact) in book.contacts.iter().enumerate() {
        if contact.archived {
            continue;
        }
        for (schedule, recurring) in contact.recurring.iter().enumerate() {
            for (period, date) in recurring.occurrences(as_of) {
                let occurrence = Occurrence {
                    contact: contact_index as u32,
                    schedule,
                    key: recurring.key(schedule),
                    period,
                    date,
                };
                if !issued.contains(&occurrence.tag(book)) {
                    due.push(occurrence);
                }
            }
        }
    }
    due.sort_by_key(|o| (o.date, o.contact, o.schedule));
    due
}

/// A recurring item as the document's item it becomes, checked as a document's items are: the
/// key that is wrong and why. An item naming a product takes from the catalogue, as of this run,
/// what it does not give ([`issue::Sale::product_item`], the path of `--item CODE`).
fn item(
    line: &RecurringItem,
    sale: &issue::Sale<'_>,
) -> std::result::Result<Item, (&'static str, String)> {
    let mut item = match line.product.as_deref().map(str::trim) {
        Some(code) => sale
            .product_item(code, line.price.is_some())
            .map_err(|message| ("product", message))?,
        None => free_item(line)?,
    };
    if let Some(description) = &line.description {
        item.description = description.trim().to_string();
    }
    item.quantity = line.quantity;
    if line.unit.is_some() {
        item.unit = line.unit.clone().filter(|u| !u.trim().is_empty());
    }
    item.price = line.price.unwrap_or(item.price);
    item.discount = line.discount.or(item.discount);
    if let Some(gtin) = &line.gtin {
        item.gtin = Some(gtin.trim().to_string());
    }
    // The item's own VAT replaces the product's whole VAT, as --vat after --item CODE does.
    if line.vat.is_some() || line.vat_category.is_some() || line.exemption.is_some() {
        item.vat = line.vat.unwrap_or_default();
        item.vat_category = line.vat_category.clone();
        item.exemption = line.exemption.clone();
        item.exemption_code = line.exemption_code.clone();
    }
    model::check_item(&item)?;
    Ok(item)
}

/// An item without a product: its description, price and VAT rate are required.
fn free_item(line: &RecurringItem) -> std::result::Result<Item, (&'static str, String)> {
    let missing = |key: &'static str| {
        (
            key,
            format!("missing `{key}`: an item without `product` needs description, price and vat"),
        )
    };
    Ok(Item {
        description: line
            .description
            .clone()
            .ok_or_else(|| missing("description"))?,
        quantity: Decimal::ONE,
        unit: None,
        price: line.price.ok_or_else(|| missing("price"))?,
        discount: None,
        vat: line.vat.ok_or_else(|| missing("vat"))?,
        vat_category: None,
        exemption: None,
        exemption_code: None,
        product: None,
        gtin: None,
    })
}

/// The sale a contact's recurring invoices are: in its currency (else the book's), in its
/// language.
fn sale<'a>(book: &'a Book, contact: u32) -> Result<issue::Sale<'a>> {
    issue::Sale::of(book, &book.contacts[contact as usize].id, None)
}

/// The items of a schedule as a document's, or the first problem with its place.
fn items(recurring: &Recurring, sale: &issue::Sale<'_>) -> Result<Vec<Item>> {
    recurring
        .items
        .iter()
        .enumerate()
        .map(|(index, line)| {
            item(line, sale).map_err(|(_, message)| {
                Error::InvalidData(format!("recurring item {}: {message}", index + 1))
            })
        })
        .collect()
}

/// The amount each invoice of a contact's schedule comes to: its `amount`, else its items'
/// total (at the catalogue's prices of today for items naming a product).
pub(crate) fn amount(book: &Book, contact: u32, recurring: &Recurring) -> Result<String> {
    match recurring.amount {
        Some(amount) => Ok(amount.to_string()),
        None => issue::journal_amount(&items(recurring, &sale(book, contact)?)?, None),
    }
}

/// `folio check`'s part: each schedule's keys checked together ([`Recurring::problems`]), the
/// ids of a contact's schedules, and every item checked as a document's item is, each an error
/// at its key, so a schedule that could not be issued is found before its day comes.
pub(crate) fn check(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    for (index, contact) in book.contacts.iter().enumerate() {
        let problems = schedule_problems(&contact.recurring, &sale(book, index as u32)?);
        if problems.is_empty() {
            continue;
        }
        let path = crate::book::write::find_contact_file(&book.root, &contact.id)?
            .unwrap_or_else(|| crate::book::write::new_contact_path(&book.root, &contact.id));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let relative = path.strip_prefix(&book.root).unwrap_or(&path);
        let shown = crate::book::display_path(&book.root, relative);
        for (key, message) in problems {
            let offset = crate::document::key_offset(&text, &key);
            let (line, column) = offset.map_or((0, 0), |at| line_column(&text, at));
            let mut error = Diagnostic::error(&shown, line, column, message);
            if let Some(excerpt) = line_text(&text, line).filter(|_| line > 0) {
                error = error.with_excerpt(excerpt);
            }
            diagnostics.push(error);
        }
    }
    Ok(())
}

/// The problems of one contact's schedules, each with the dotted path of its key
/// (`recurring.1.day`, `recurring.0.items.2.vat`).
fn schedule_problems(schedules: &[Recurring], sale: &issue::Sale<'_>) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let mut keys = FxHashSet::default();
    for (s, schedule) in schedules.iter().enumerate() {
        for (key, message) in schedule.problems() {
            let path = match key {
                "" => format!("recurring.{s}"),
                key => format!("recurring.{s}.{key}"),
            };
            problems.push((path, message));
        }
        if !keys.insert(schedule.key(s)) {
            problems.push((
                format!("recurring.{s}.id"),
                format!(
                    "[[recurring]] number {} has the id `{}` of an earlier one: each recurring invoice of a contact needs its own id",
                    s + 1,
                    schedule.key(s)
                ),
            ));
        }
        for (i, line) in schedule.items.iter().enumerate() {
            if let Err((key, message)) = item(line, sale) {
                problems.push((
                    format!("recurring.{s}.items.{i}.{key}"),
                    format!("recurring item {}: {message}", i + 1),
                ));
            }
        }
    }
    problems
}

/// An invoice ready to write: its line, with its document when it has items.
#[derive(Debug)]
pub(crate) enum Ready {
    /// An invoice of an amount: one journal line.
    Line(Prepared),
    /// An invoice with items: its document and its line.
    Document(Box<Issued>),
}

impl Ready {
    /// The journal line.
    pub(crate) fn prepared(&self) -> &Prepared {
        match self {
            Ready::Line(prepared) => prepared,
            Ready::Document(issued) => &issued.prepared,
        }
    }

    /// Writes it (the caller holds the lock): the document first, then the line.
    pub(crate) fn write(&self, book: &Book) -> Result<()> {
        match self {
            Ready::Line(prepared) => super::append(book, prepared),
            Ready::Document(issued) => super::write_with_document(book, issued),
        }
    }
}

/// Numbers the invoices of one run, one after the other: the ids of the book (borrowed from it)
/// and those given to the invoices of this run before.
pub(crate) struct Numbering<'a> {
    book_ids: FxHashSet<&'a str>,
    run_ids: FxHashSet<String>,
    room: Room,
}

impl<'a> Numbering<'a> {
    /// Starts from the book's ids and totals.
    pub(crate) fn of(book: &'a Book) -> Numbering<'a> {
        Numbering {
            book_ids: book
                .entries
                .iter()
                .map(|entry| book.entry_id(entry))
                .collect(),
            run_ids: FxHashSet::default(),
            room: Room::of(book),
        }
    }

    fn taken(&self, id: &str) -> bool {
        self.book_ids.contains(id) || self.run_ids.contains(id)
    }

    /// The next invoice number for `date`. Without a document, a number whose document file is
    /// left without a line (an interrupted write) is passed over, as `folio invoice` does.
    fn next(&self, book: &Book, date: NaiveDate, with_document: bool) -> String {
        self.next_of(book, Kind::Invoice, date, with_document)
    }

    /// Prepares `new`, an entry without a document, numbered after those of this run when it
    /// has no id of its own, and counted with them ([`super::prepare_counted`]).
    pub(crate) fn prepare_line(&mut self, book: &Book, mut new: NewEntry) -> Result<Prepared> {
        let id = match &new.id {
            Some(id) => id.clone(),
            None => self.next_of(book, new.kind, new.date, false),
        };
        new.id = Some(id.clone());
        let prepared = super::prepare_counted(book, &new, &mut self.room)?;
        self.run_ids.insert(id);
        Ok(prepared)
    }

    fn next_of(&self, book: &Book, kind: Kind, date: NaiveDate, with_document: bool) -> String {
        let pattern = book.config.numbering.pattern(kind);
        let used = self
            .book_ids
            .iter()
            .copied()
            .chain(self.run_ids.iter().map(String::as_str));
        pattern.next(date, used, |id| {
            self.taken(id) || (!with_document && super::orphan_document(book, kind, id))
        })
    }
}

/// Prepares the invoice of `occurrence`: numbered after those before it, checked as `folio
/// invoice` checks one, through the same path (items make a document). `check` judges it first
/// (the credit check); a refusal leaves its number free.
pub(crate) fn prepare(
    book: &Book,
    occurrence: &Occurrence,
    numbering: &mut Numbering<'_>,
    check: impl FnOnce(&mut NewEntry) -> Result<()>,
) -> Result<Ready> {
    let recurring = occurrence.recurring(book);
    let with_document = !recurring.items.is_empty();
    let id = numbering.next(book, occurrence.date, with_document);
    let mut new = NewEntry {
        kind: Kind::Invoice,
        contact: book.contacts[occurrence.contact as usize].id.clone(),
        amount: String::new(),
        date: occurrence.date,
        due: recurring.terms.map_or(Due::Terms, Due::Days),
        currency: None,
        reference: None,
        meta: vec![(META_KEY.to_string(), occurrence.tag(book))],
        memo: recurring.memo.clone(),
        id: Some(id.clone()),
        with_document,
        allow_backdate: false,
    };
    let ready = if with_document {
        let draft = Draft {
            items: items(recurring, &sale(book, occurrence.contact)?)?,
            discount: None,
            notes: Vec::new(),
            buyer_reference: None,
            order_reference: None,
            delivery_date: None,
            deliver_to: None,
        };
        let issued = super::with_document_counted(
            Kind::Invoice,
            book,
            new,
            draft,
            check,
            &mut numbering.room,
        )?;
        Ready::Document(Box::new(issued))
    } else {
        new.amount = amount(book, occurrence.contact, recurring)?;
        check(&mut new)?;
        Ready::Line(super::prepare_counted(book, &new, &mut numbering.room)?)
    };
    numbering.run_ids.insert(id);
    Ok(ready)
}

/// One schedule in `folio recur --list`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UpcomingRow {
    /// The contact id.
    pub contact: String,
    /// The schedule's name (its `id`, else its place from 1).
    pub schedule: String,
    /// `month`, `quarter` or `year`.
    pub every: &'static str,
    /// The day of the period.
    pub day: u32,
    /// The next invoice's date: the first period not issued yet, which may be on or before the
    /// as-of date (due now); `None` once the schedule has ended.
    pub next: Option<NaiveDate>,
    /// The next invoice's period.
    pub period: Option<String>,
    /// What each invoice comes to.
    pub amount: rust_decimal::Decimal,
    /// Its currency: the contact's, else the book's.
    pub currency: Option<Currency>,
    /// How many periods are due now and not issued.
    pub due_now: usize,
    /// The schedule's last day, if it has one.
    pub end: Option<NaiveDate>,
}

/// `folio recur --list`: every schedule of every contact that is not archived, by contact.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Upcoming {
    /// The rows.
    pub rows: Vec<UpcomingRow>,
}

/// What comes next for each schedule as of `as_of`.
pub(crate) fn upcoming(book: &Book, as_of: NaiveDate) -> Result<Upcoming> {
    let due = due(book, as_of);
    let mut rows = Vec::new();
    for (contact_index, contact) in book.contacts.iter().enumerate() {
        if contact.archived {
            continue;
        }
        for (schedule, recurring) in contact.recurring.iter().enumerate() {
            let pending: Vec<&Occurrence> = due
                .iter()
                .filter(|o| o.contact == contact_index as u32 && o.schedule == schedule)
                .collect();
            let next = match pending.first() {
                Some(first) => Some((first.period, first.date)),
                None => recurring.next_after(as_of),
            };
            rows.push(UpcomingRow {
                contact: contact.id.clone(),
                schedule: recurring.key(schedule),
                every: recurring.every.as_str(),
                day: recurring.day,
                next: next.map(|(_, date)| date),
                period: next.map(|(period, _)| period.label()),
                amount: crate::money::parse_decimal(&amount(
                    book,
                    contact_index as u32,
                    recurring,
                )?)
                .unwrap_or_default(),
                currency: contact.currency.or(book.config.currency),
                due_now: pending.len(),
                end: recurring.end,
            });
        }
    }
    Ok(Upcoming { rows })
}

impl Tabular for Upcoming {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::text("schedule"),
            Column::text("every").priority(2),
            Column::text("day").priority(3),
            Column::text("next_date"),
            Column::text("period"),
            Column::amount("amount"),
            Column::text("currency"),
            Column::text("due_now").priority(1),
            Column::text("end").priority(4),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.clone()),
                    Cell::from(row.schedule.clone()),
                    Cell::from(row.every.to_string()),
                    Cell::Integer(i64::from(row.day)),
                    row.next.map_or(Cell::Null, Cell::Date),
                    Cell::from(row.period.as_deref()),
                    Cell::Amount(row.amount),
                    row.currency
                        .map_or(Cell::Null, |c| Cell::from(c.to_string())),
                    Cell::Integer(row.due_now as i64),
                    row.end.map_or(Cell::Null, Cell::Date),
                ]
            })
            .collect()
    }
}

/// The invoices of one `folio recur` run: issued, or what would be with `--dry-run`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// One row per invoice: id, contact, schedule, period, date, amount, currency.
    pub rows: Vec<RunRow>,
}

/// One invoice of a run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RunRow {
    /// Its document id.
    pub id: String,
    /// The contact id.
    pub contact: String,
    /// The schedule's name.
    pub schedule: String,
    /// The period it is for.
    pub period: String,
    /// Its date.
    pub date: NaiveDate,
    /// Its amount.
    pub amount: rust_decimal::Decimal,
    /// Its currency.
    pub currency: Option<Currency>,
}

impl RunRow {
    /// The row of an invoice made ready for `occurrence`.
    pub(crate) fn of(book: &Book, occurrence: &Occurrence, ready: &Ready) -> RunRow {
        let prepared = ready.prepared();
        let parsed = crate::journal::parser::parse_line(&prepared.line)
            .ok()
            .flatten();
        let amount = parsed.as_ref().map(|p| p.amount).unwrap_or_default();
        let currency = parsed.and_then(|p| p.currency.map(|(c, _)| c));
        RunRow {
            id: prepared.id.clone(),
            contact: book.contacts[occurrence.contact as usize].id.clone(),
            schedule: occurrence.key.clone(),
            period: occurrence.period.label(),
            date: occurrence.date,
            amount,
            currency,
        }
    }
}

impl Tabular for Run {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("id"),
            Column::text("contact"),
            Column::text("schedule"),
            Column::text("period"),
            Column::text("date"),
            Column::amount("amount"),
            Column::text("currency"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.id.clone()),
                    Cell::from(row.contact.clone()),
                    Cell::from(row.schedule.clone()),
                    Cell::from(row.period.clone()),
                    Cell::Date(row.date),
                    Cell::Amount(row.amount),
                    row.currency
                        .map_or(Cell::Null, |c| Cell::from(c.to_string())),
                ]
            })
            .collect()
    }
}
