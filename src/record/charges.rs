//! Debit notes to customers: late-payment interest, the fixed compensation and reminder fees,
//! each an `invoice` entry with a `debit-note` document, numbered in `[numbering] debit_note` and
//! tagged `charge:KIND for:INVOICE` (with `period:FROM..TO` or `level:N`), so that the same charge
//! is never recorded twice (docs/dunning.md, "Interest and fees").

use super::{Due, Issued, NewEntry};
use crate::book::Book;
use crate::book::sends::{Level, Send};
use crate::book::totals::Room;
use crate::document::issue::Draft;
use crate::document::model::{DocumentKind, Item};
use crate::document::render::Renderer;
use crate::error::Result;
use crate::journal::{EntryIndex, Kind};
use crate::report::interest::{
    CHARGE_COMPENSATION, CHARGE_FEE, CHARGE_INTEREST, Charged, InterestReport, charged,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

/// What a debit note charges for one invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charge {
    /// Interest over the days `from..=to`.
    Interest {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
    /// The fixed compensation for recovery costs.
    Compensation,
    /// The fee of reminder level `level`.
    Fee {
        /// The level (1-based).
        level: u32,
    },
}

impl Charge {
    /// The word of its `charge:` tag.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Charge::Interest { .. } => CHARGE_INTEREST,
            Charge::Compensation => CHARGE_COMPENSATION,
            Charge::Fee { .. } => CHARGE_FEE,
        }
    }

    fn meta(self, invoice: &str) -> Vec<(String, String)> {
        let mut meta = vec![
            ("charge".to_string(), self.as_str().to_string()),
            ("for".to_string(), invoice.to_string()),
        ];
        match self {
            Charge::Interest { from, to } => meta.push(("period".into(), format!("{from}..{to}"))),
            Charge::Fee { level } => meta.push(("level".into(), level.to_string())),
            Charge::Compensation => {}
        }
        meta
    }
}

/// The book `folio remind` books its fees in, or none when no level books its fee: read again,
/// under the lock the caller holds (remind reads its book before taking it), so that a number
/// another writer took meanwhile is not given twice. Refuses before anything is sent when
/// `[company]` cannot issue a debit note.
pub(crate) fn fee_book(book: &Book) -> Result<Option<Book>> {
    let dunning = &book.config.dunning;
    let books_fees = dunning.levels.iter().any(|level| {
        level.fee.is_some_and(|fee| fee > Decimal::ZERO) && (level.book_fee || dunning.book_fee)
    });
    if !books_fees {
        return Ok(None);
    }
    crate::document::issue::require_legal_seller(book, "a debit note for a reminder fee")?;
    let location = crate::book::Location {
        root: book.root.clone(),
    };
    crate::book::load_for_writing(&location).map(Some)
}

/// One debit note to write: what it charges, for which invoice, how much.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pending {
    /// The invoice charged for.
    pub invoice: EntryIndex,
    /// What is charged.
    pub charge: Charge,
    /// The amount, in the invoice's currency.
    pub amount: Decimal,
}

/// The charges `folio interest --issue` records from `report`: each line's interest not charged
/// yet (at least `min_amount`, above zero) and its compensation not charged yet.
pub(crate) fn from_report(report: &InterestReport<'_>, min_amount: Decimal) -> Vec<Pending> {
    let mut pending = Vec::new();
    for line in &report.lines {
        if let Some((from, to)) = line.period
            && line.to_issue > Decimal::ZERO
            && line.to_issue >= min_amount
        {
            pending.push(Pending {
                invoice: line.entry,
                charge: Charge::Interest { from, to },
                amount: line.to_issue,
            });
        }
        if line.compensation > Decimal::ZERO {
            pending.push(Pending {
                invoice: line.entry,
                charge: Charge::Compensation,
                amount: line.compensation,
            });
        }
    }
    pending
}

/// Numbers and builds the debit notes of `pending`, dated `date`, one after the other; nothing is
/// written. Every one is checked before the first is written, so a refusal writes none.
pub(crate) fn prepare(book: &Book, pending: &[Pending], date: NaiveDate) -> Result<Vec<Issued>> {
    let mut run = Run::new(book)?;
    pending
        .iter()
        .map(|charge| run.prepare(book, charge, date))
        .collect()
}

/// The debit notes of one run: the ids taken by those before, the room left in the totals, the
/// renderer whose texts describe each line.
pub(crate) struct Run<'a> {
    book_ids: FxHashSet<&'a str>,
    run_ids: FxHashSet<String>,
    room: Room,
    renderer: Renderer,
    charged: FxHashMap<&'a str, Charged>,
}

impl<'a> Run<'a> {
    /// Starts from the book's ids, totals and charges.
    pub(crate) fn new(book: &'a Book) -> Result<Run<'a>> {
        Ok(Run {
            book_ids: book.entries.iter().map(|e| book.entry_id(e)).collect(),
            run_ids: FxHashSet::default(),
            room: Room::of(book),
            renderer: Renderer::new(&book.root),
            charged: charged(book)?,
        })
    }

    /// Builds the debit note of one charge, numbered after those of this run.
    pub(crate) fn prepare(
        &mut self,
        book: &Book,
        pending: &Pending,
        date: NaiveDate,
    ) -> Result<Issued> {
        let entry = &book.entries[pending.invoice as usize];
        let invoice = book.entry_id(entry);
        let contact = book.entry_contact(entry);
        let pattern = book.config.numbering.debit_note_pattern();
        let used = self
            .book_ids
            .iter()
            .copied()
            .chain(self.run_ids.iter().map(String::as_str));
        let id = pattern.next(date, used, |id| {
            self.book_ids.contains(id) || self.run_ids.contains(id)
        });
        let language =
            self.renderer
                .language_of(contact.language.as_deref().unwrap_or(""), book, None)?;
        let texts = self.renderer.texts(&language)?;
        let description = match pending.charge {
            Charge::Interest { from, to } => texts.text(
                "charge-interest",
                &[
                    ("invoice", invoice),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            )?,
            Charge::Compensation => texts.text("charge-compensation", &[("invoice", invoice)])?,
            Charge::Fee { .. } => texts.text("charge-fee", &[("invoice", invoice)])?,
        };
        let item = Item {
            description,
            quantity: Decimal::ONE,
            unit: None,
            price: pending.amount,
            discount: None,
            vat: Decimal::ZERO,
            vat_category: Some(OUTSIDE_VAT.to_string()),
            exemption: Some(texts.text("charge-outside-vat", &[])?),
            exemption_code: None,
            product: None,
            gtin: None,
        };
        let new = NewEntry {
            kind: Kind::Invoice,
            contact: contact.id.clone(),
            amount: String::new(),
            date,
            due: Due::Terms,
            currency: Some(entry.currency),
            reference: None,
            meta: pending.charge.meta(invoice),
            memo: None,
            id: Some(id.clone()),
            with_document: true,
            allow_backdate: false,
        };
        let (buyer_reference, order_reference) = references_of(book, entry);
        let draft = Draft {
            items: vec![item],
            notes: Vec::new(),
            buyer_reference,
            order_reference,
            ..Draft::default()
        };
        let issued = super::issue_counted(
            DocumentKind::DebitNote,
            book,
            new,
            draft,
            |_| Ok(()),
            &mut self.room,
        )?;
        self.run_ids.insert(id);
        Ok(issued)
    }

    /// The fee debit notes a reminder message just recorded calls for: with `book_fee` on its
    /// level (or on `[dunning]`) and a fee above zero, one per currency of the message — the fee
    /// of its highest level, as the letter shows it — for the first item sent at that level,
    /// unless a fee of that level was already booked for that item.
    pub(crate) fn fees_of_message(&self, book: &Book, sends: &[Send]) -> Vec<Pending> {
        let dunning = &book.config.dunning;
        let mut highest: Vec<(crate::money::Currency, u32, EntryIndex)> = Vec::new();
        for send in sends {
            let Level::Reminder(level) = send.level else {
                continue;
            };
            let Some(index) = book.find_entry(&send.document) else {
                continue;
            };
            let currency = book.entries[index as usize].currency;
            match highest.iter_mut().find(|(c, _, _)| *c == currency) {
                Some(found) if found.1 < level => *found = (currency, level, index),
                Some(_) => {}
                None => highest.push((currency, level, index)),
            }
        }
        highest
            .into_iter()
            .filter_map(|(_, level, index)| {
                let config = dunning.levels.get(level.checked_sub(1)? as usize)?;
                let fee = config.fee.filter(|fee| *fee > Decimal::ZERO)?;
                let booked = self
                    .charged
                    .get(book.entry_id(&book.entries[index as usize]))
                    .is_some_and(|c| c.fee_levels.contains(&level));
                ((config.book_fee || dunning.book_fee) && !booked).then_some(Pending {
                    invoice: index,
                    charge: Charge::Fee { level },
                    amount: fee,
                })
            })
            .collect()
    }

    /// Books the fees of a reminder message that was just recorded (the caller holds the book's
    /// lock), dated as the message: writes each debit note with its document and returns their
    /// ids.
    pub(crate) fn book_fees(&mut self, book: &'a Book, sends: &[Send]) -> Result<Vec<String>> {
        let Some(date) = sends.first().map(|send| send.date) else {
            return Ok(Vec::new());
        };
        let pending = self.fees_of_message(book, sends);
        let mut ids = Vec::new();
        for charge in &pending {
            let issued = self.prepare(book, charge, date)?;
            super::write_with_document(book, &issued)?;
            if let Charge::Fee { level } = charge.charge {
                let invoice = book.entry_id(&book.entries[charge.invoice as usize]);
                self.charged
                    .entry(invoice)
                    .or_default()
                    .fee_levels
                    .push(level);
            }
            ids.push(issued.prepared.id.clone());
        }
        Ok(ids)
    }
}

/// The buyer's and order references of a debit note: those of the invoice it charges for (its
/// document's, else the `po:` of its journal line), as a credit note carries its invoice's — a
/// buyer routes the charge as it routed the invoice, and Peppol wants one of them (BT-10, BT-13).
/// Without them, the contact's standing `buyer_reference` (in `issue`).
fn references_of(book: &Book, invoice: &crate::journal::Entry) -> (Option<String>, Option<String>) {
    let id = book.entry_id(invoice);
    let document = crate::document::read(&book.root, id).ok();
    let buyer = document.as_ref().and_then(|d| d.buyer_reference.clone());
    let order = document.and_then(|d| d.order_reference).or_else(|| {
        crate::journal::parser::free_metadata(book.entry_line(invoice))
            .into_iter()
            .find(|(key, value)| *key == "po" && !value.is_empty())
            .map(|(_, value)| value.to_string())
    });
    (buyer, order)
}

/// The VAT category of every charge: interest and compensation are damages, outside the scope of
/// VAT (O); a reminder fee is treated the same way, as most EU tax authorities do for a fee that
/// only recovers the cost of collecting.
const OUTSIDE_VAT: &str = "O";

/// The debit notes of a run, as `folio interest --issue` prints them.
pub(crate) struct IssuedNotes {
    rows: Vec<NoteRow>,
}

struct NoteRow {
    id: String,
    date: NaiveDate,
    contact: String,
    charge: &'static str,
    invoice: String,
    detail: String,
    amount: Decimal,
    currency: String,
}

impl IssuedNotes {
    /// The rows of `issued`, built from `pending` (in the same order).
    pub(crate) fn of(book: &Book, pending: &[Pending], issued: &[Issued]) -> IssuedNotes {
        let rows = pending
            .iter()
            .zip(issued)
            .map(|(pending, issued)| {
                let entry = &book.entries[pending.invoice as usize];
                NoteRow {
                    id: issued.prepared.id.clone(),
                    date: issued.document.date,
                    contact: issued.document.contact.clone(),
                    charge: pending.charge.as_str(),
                    invoice: book.entry_id(entry).to_string(),
                    detail: match pending.charge {
                        Charge::Interest { from, to } => format!("{from}..{to}"),
                        Charge::Fee { level } => format!("level {level}"),
                        Charge::Compensation => String::new(),
                    },
                    amount: pending.amount,
                    currency: entry.currency.to_string(),
                }
            })
            .collect();
        IssuedNotes { rows }
    }

    /// No debit note.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl crate::tabular::Tabular for IssuedNotes {
    fn columns(&self) -> Vec<crate::tabular::Column> {
        use crate::tabular::Column;
        vec![
            Column::text("id"),
            Column::text("date"),
            Column::text("contact"),
            Column::text("charge"),
            Column::text("for"),
            Column::text("period"),
            Column::money("amount"),
            Column::text("currency"),
        ]
    }

    fn rows(&self) -> crate::tabular::Rows<'_> {
        use crate::tabular::Cell;
        crate::tabular::Rows::on_demand(self.rows.len(), |index| {
            let row = &self.rows[index];
            vec![
                Cell::from(row.id.clone()),
                Cell::Date(row.date),
                Cell::from(row.contact.clone()),
                Cell::from(row.charge.to_string()),
                Cell::from(row.invoice.clone()),
                if row.detail.is_empty() {
                    Cell::Null
                } else {
                    Cell::from(row.detail.clone())
                },
                Cell::Amount(row.amount),
                Cell::from(row.currency.clone()),
            ]
        })
    }
}
