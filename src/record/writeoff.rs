//! Write-offs: a `writeoff` (receivables) or `payable-writeoff` (payables) entry clears what is
//! left open of an item that will not be paid in full: a bank charge withheld from a payment, a
//! rounding difference, a bad debt. The ledger allocates it as any credit entry (its `ref:`, else
//! the oldest open item), so what this module adds is the rule that a write-off clears no more
//! than is open, and the residues `folio writeoff --below` clears.

use super::recurring::Numbering;
use super::{Due, NewEntry, Prepared};
use crate::book::Book;
use crate::error::{Error, Result};
use crate::journal::parser::ParsedLine;
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::Ledger;
use crate::money::{Currency, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The write-off kind of a side: `writeoff` for receivables, `payable-writeoff` for payables.
pub(crate) fn kind_of(side: Side) -> Kind {
    match side {
        Side::Receivables => Kind::Writeoff,
        Side::Payables => Kind::PayableWriteoff,
    }
}

/// Refuses (exit 65) a prepared write-off that clears more than is open as of its date: on its
/// `ref:` document, else on the contact's open items in its currency.
pub(crate) fn check_within_open(book: &Book, prepared: &Prepared) -> Result<()> {
    let parsed = crate::journal::parser::parse_line(&prepared.line)
        .ok()
        .flatten()
        .ok_or_else(|| {
            Error::InvalidData(format!("the new line does not parse: {}", prepared.line))
        })?;
    let Some((currency, _)) = parsed.currency else {
        return Err(Error::InvalidData(format!(
            "the new line has no currency: {}",
            prepared.line
        )));
    };
    let (open, what) = open_to_clear(book, &parsed, currency);
    if parsed.amount <= open {
        return Ok(());
    }
    Err(Error::InvalidData(format!(
        "the write-off of {} {currency} is more than is open {what} as of {}: {} {currency}; a write-off clears only what is open",
        format_amount(parsed.amount),
        parsed.date,
        format_amount(open),
    )))
}

/// What a write-off of `parsed` may clear, and where that is, as the message says it.
fn open_to_clear(book: &Book, parsed: &ParsedLine<'_>, currency: Currency) -> (Decimal, String) {
    let ledger = Ledger::build(book, parsed.kind.side(), parsed.date, false);
    if let Some((target, _)) = parsed.reference {
        let open = book
            .find_entry(target)
            .map_or(Decimal::ZERO, |index| ledger.open_amount(index));
        return (open, format!("on {target}"));
    }
    let contact = book.contact_index(parsed.contact);
    let open = ledger
        .accounts
        .iter()
        .filter(|account| Some(account.contact) == contact && account.currency == currency)
        .flat_map(|account| &account.open_items)
        .map(|item| item.open)
        .sum();
    (open, format!("for `{}`", parsed.contact))
}

/// An open item that a payment left short: partly settled, with less than the threshold open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Residue {
    /// The open item (an invoice, refund or bill).
    pub entry: EntryIndex,
    /// What is open on it.
    pub open: Decimal,
}

/// The residues of `side` as of `as_of` below `below` (in each item's own currency), in journal
/// order: open items partly settled whose open amount is above zero and under the threshold. An
/// item nothing was applied to is no residue, however small: it is still simply unpaid.
pub(crate) fn residues(book: &Book, side: Side, as_of: NaiveDate, below: Decimal) -> Vec<Residue> {
    let ledger = Ledger::build(book, side, as_of, false);
    let mut found: Vec<Residue> = ledger
        .accounts
        .iter()
        .flat_map(|account| &account.open_items)
        .filter(|item| {
            let amount = book.entries[item.entry as usize].amount;
            item.open > Decimal::ZERO && item.open < below && item.open < amount
        })
        .map(|item| Residue {
            entry: item.entry,
            open: item.open,
        })
        .collect();
    found.sort_unstable_by_key(|residue| residue.entry);
    found
}

/// The write-offs that clear `residues`, each dated `date` with `ref:` to its item and
/// `reason:`, numbered one after the other and checked as one run.
pub(crate) fn clearing(
    book: &Book,
    residues: &[Residue],
    date: NaiveDate,
    reason: &str,
) -> Result<Vec<Prepared>> {
    let mut numbering = Numbering::of(book);
    residues
        .iter()
        .map(|residue| {
            let entry = &book.entries[residue.entry as usize];
            let new = NewEntry {
                kind: kind_of(entry.kind.side()),
                contact: book.entry_contact(entry).id.clone(),
                amount: format_amount(residue.open),
                date,
                due: Due::Terms,
                currency: Some(entry.currency),
                reference: Some(book.entry_id(entry).to_string()),
                meta: vec![("reason".to_string(), reason.to_string())],
                memo: None,
                id: None,
                with_document: false,
                allow_backdate: false,
            };
            numbering.prepare_line(book, new)
        })
        .collect()
}

/// The write-offs of one `folio writeoff --below` run: written, or what would be with
/// `--dry-run`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cleared {
    /// One row per write-off.
    pub rows: Vec<ClearedRow>,
}

/// One write-off of a run, as its line reads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ClearedRow {
    /// Its document id.
    pub id: String,
    /// Its date.
    pub date: NaiveDate,
    /// The contact id.
    pub contact: String,
    /// The item it clears.
    pub reference: String,
    /// Its `reason:`.
    pub reason: String,
    /// Its amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Option<Currency>,
}

impl Cleared {
    /// The rows of prepared write-offs, read back from their lines.
    pub(crate) fn of(prepared: &[Prepared]) -> Cleared {
        let rows = prepared
            .iter()
            .filter_map(|prepared| {
                let parsed = crate::journal::parser::parse_line(&prepared.line).ok()??;
                let meta = crate::journal::parser::free_metadata(&prepared.line);
                let reason = meta.iter().find(|(key, _)| *key == "reason")?.1;
                Some(ClearedRow {
                    id: prepared.id.clone(),
                    date: parsed.date,
                    contact: parsed.contact.to_string(),
                    reference: parsed.reference.map(|(r, _)| r.to_string())?,
                    reason: reason.to_string(),
                    amount: parsed.amount,
                    currency: parsed.currency.map(|(c, _)| c),
                })
            })
            .collect();
        Cleared { rows }
    }
}

impl Tabular for Cleared {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("id"),
            Column::text("date"),
            Column::text("contact"),
            Column::text("ref"),
            Column::text("reason"),
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
                    Cell::Date(row.date),
                    Cell::from(row.contact.clone()),
                    Cell::from(row.reference.clone()),
                    Cell::from(row.reason.clone()),
                    Cell::Amount(row.amount),
                    row.currency
                        .map_or(Cell::Null, |c| Cell::from(c.to_string())),
                ]
            })
            .collect()
    }
}
