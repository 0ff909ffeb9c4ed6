//! Receipts: what a customer's payment paid, from the allocation trail ([`crate::report::explain`]).
//!
//! A receipt is read as of the payment's own date, so it says what the payment did when it was
//! received and reads the same however often it is rendered later: payments and invoices
//! recorded after that day change neither what it paid nor what it left open or on account.
//! It has no file of its own: the journal line is the record, the seller is `[company]` and the
//! customer its contact file as they are today.

use super::issue;
use super::model::Party;
use crate::book::Book;
use crate::error::Result;
use crate::journal::Kind;
use crate::money::Currency;
use crate::report::explain;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One document the payment was applied to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptLine {
    /// The document's id.
    pub document: String,
    /// How much of the payment went to it, in the settled currency.
    pub applied: Decimal,
    /// For a payment in another currency: the part of the money received that paid it, in the
    /// payment's own currency.
    pub paid: Option<Decimal>,
    /// What stays open of the document after the payment.
    pub open: Decimal,
}

/// A receipt for a payment received.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The payment's id.
    pub id: String,
    /// The day it was received; the receipt is as of that day.
    pub date: NaiveDate,
    /// The customer's contact id.
    pub contact: String,
    /// The customer's language, as its contact file says (else the book's default).
    pub language: String,
    /// Who received it: `[company]` of folio.toml.
    pub seller: Party,
    /// Who paid: the customer.
    pub buyer: Party,
    /// What was received, in the currency the money moved in.
    pub amount: Decimal,
    /// That currency.
    pub currency: Currency,
    /// For a payment in another currency: what it settles (`settles:`).
    pub settles: Option<(Decimal, Currency)>,
    /// The documents it paid, in the order it was applied to them.
    pub lines: Vec<ReceiptLine>,
    /// What was left unapplied, on the customer's account, in the settled currency.
    pub on_account: Decimal,
}

impl Receipt {
    /// The currency the lines and the amount on account are in.
    pub fn settled_currency(&self) -> Currency {
        self.settles.map_or(self.currency, |(_, currency)| currency)
    }
}

/// The receipt of `id` when it is a payment received from a customer; `None` for any other
/// entry (or none). A payment in another currency whose rate the book lacks is an error.
pub fn receipt(book: &Book, id: &str) -> Result<Option<Receipt>> {
    let Some(index) = book.find_entry(id) else {
        return Ok(None);
    };
    let entry = &book.entries[index as usize];
    if entry.kind != Kind::Payment {
        return Ok(None);
    }
    let explanation = explain::explain(book, index, entry.date);
    explanation.rates()?;
    let contact = book.entry_contact(entry);
    let lines = explanation
        .applications
        .iter()
        .map(|application| ReceiptLine {
            document: application.document.clone(),
            applied: application.amount,
            paid: application.exchange.as_ref().map(|e| e.paid),
            open: application.open,
        })
        .collect();
    Ok(Some(Receipt {
        id: explanation.document,
        date: entry.date,
        contact: contact.id.clone(),
        language: contact
            .language
            .clone()
            .unwrap_or_else(|| book.config.default_language()),
        seller: issue::seller(book),
        buyer: issue::buyer(contact),
        amount: entry.amount,
        currency: entry.currency,
        settles: explanation.settles,
        lines,
        on_account: explanation.remaining,
    }))
}
