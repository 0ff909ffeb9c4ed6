//! Quotes: `quotes/<ID>.toml`, numbered `Q-{year}-{seq:04}` on their own, valid until a date
//! (default 30 days after issue), with no journal line. Accepting a quote issues an invoice with
//! its items and marks the quote `accepted` with the invoice's id.

use super::issue::{self, Draft};
use super::model::{Document, DocumentKind};
use crate::book::Book;
use crate::error::{Error, Result};
use crate::fsio;
use crate::money::Currency;
use chrono::NaiveDate;

/// The numbering pattern of quotes.
pub const DEFAULT_PATTERN: &str = "Q-{year}-{seq:04}";
/// Days a quote stays valid when `--valid-until` is not given.
pub const DEFAULT_VALIDITY_DAYS: u64 = 30;

/// What a new quote needs.
#[derive(Debug, Clone)]
pub struct NewQuote {
    /// The contact id.
    pub contact: String,
    /// Issue date.
    pub date: NaiveDate,
    /// Last day it can be accepted; default date + 30 days.
    pub valid_until: Option<NaiveDate>,
    /// Currency; default the contact's, else the book's.
    pub currency: Option<Currency>,
    /// Its id; default the next quote number.
    pub id: Option<String>,
    /// Items, notes, buyer reference.
    pub draft: Draft,
}

/// Builds a new quote (the caller holds the lock and writes it with [`write()`]).
pub fn build(book: &Book, new: NewQuote) -> Result<Document> {
    issue::require_legal_seller(book, "a quote")?;
    let contact_index = book.require_contact(&new.contact)?;
    let contact = &book.contacts[contact_index as usize];
    let currency = new
        .currency
        .or(contact.currency)
        .or(book.config.currency)
        .ok_or_else(|| {
            Error::InvalidData(format!(
                "no currency for this quote: pass --currency, or set `currency` in the contact `{}` or in folio.toml",
                contact.id
            ))
        })?;
    let id = match new.id {
        Some(id) => {
            super::check_file_id(&id)?;
            if book
                .root
                .join(super::relative_path(DocumentKind::Quote, &id))
                .exists()
            {
                return Err(Error::InvalidData(format!("quote `{id}` already exists")));
            }
            id
        }
        None => issue::next_quote_id(&book.root, new.date)?,
    };
    let valid_until = match new.valid_until {
        Some(date) if date < new.date => {
            return Err(Error::InvalidData(format!(
                "--valid-until {date} is before the quote's date {}",
                new.date
            )));
        }
        Some(date) => date,
        None => new
            .date
            .checked_add_days(chrono::Days::new(DEFAULT_VALIDITY_DAYS))
            .ok_or_else(|| Error::InvalidData("the validity date is out of range".into()))?,
    };
    let seller = issue::seller(book);
    let document = Document {
        id: id.clone(),
        kind: DocumentKind::Quote,
        date: new.date,
        due: None,
        valid_until: Some(valid_until),
        currency: currency.to_string(),
        contact: contact.id.clone(),
        language: contact.language.clone(),
        reference: None,
        buyer_reference: new.draft.buyer_reference,
        order_reference: new.draft.order_reference,
        delivery_date: new.draft.delivery_date,
        deliver_to: new.draft.deliver_to,
        accepted: None,
        invoice: None,
        notes: new.draft.notes,
        discount: new.draft.discount,
        payment: issue::payment(book, &seller, &id),
        seller,
        buyer: issue::buyer(contact),
        items: new.draft.items,
        totals: None,
    };
    document
        .validate()
        .map_err(|(_, message)| Error::InvalidData(message))?;
    super::sending::refuse_inconsistent_vat(&document)?;
    Ok(document)
}

/// Writes a quote atomically (new or updated).
pub fn write(book: &Book, quote: &Document) -> Result<()> {
    let path = issue::path_in_book(&book.root, quote)?;
    fsio::write_atomic(&path, quote.to_toml()?.as_bytes())
}

/// Checks that a quote can be accepted on `date`: it is a quote, not yet accepted, and still
/// valid. Returns the draft of the invoice it becomes.
pub fn acceptable(quote: &Document, date: NaiveDate) -> Result<Draft> {
    if quote.kind != DocumentKind::Quote {
        return Err(Error::Usage(format!(
            "{} is a {}, not a quote",
            quote.id,
            quote.kind.as_str()
        )));
    }
    if let Some(invoice) = &quote.invoice {
        return Err(Error::InvalidData(format!(
            "quote {} was already accepted{}: it became invoice {invoice}",
            quote.id,
            quote
                .accepted
                .map(|d| format!(" on {d}"))
                .unwrap_or_default()
        )));
    }
    if let Some(valid_until) = quote.valid_until
        && date > valid_until
    {
        return Err(Error::InvalidData(format!(
            "quote {} expired on {valid_until}; issue a new quote, or accept it with --date {valid_until} or earlier",
            quote.id
        )));
    }
    Ok(Draft {
        items: quote.items.clone(),
        discount: quote.discount,
        notes: quote.notes.clone(),
        buyer_reference: quote.buyer_reference.clone(),
        order_reference: quote.order_reference.clone(),
        delivery_date: quote.delivery_date,
        deliver_to: quote.deliver_to.clone(),
    })
}

/// Marks a quote accepted on `date` as invoice `invoice` and rewrites it.
pub fn mark_accepted(book: &Book, quote: &Document, date: NaiveDate, invoice: &str) -> Result<()> {
    let mut accepted = quote.clone();
    accepted.accepted = Some(date);
    accepted.invoice = Some(invoice.to_string());
    write(book, &accepted)
}

/// Every quote of the book (`quotes/**/*.toml`) as the registers list them, with its total. A
/// quote folio cannot read is an error at its file, as in `folio check`.
pub fn summaries(book: &Book) -> Result<Vec<crate::report::register::QuoteSummary>> {
    let files = super::files_below(&book.root, super::QUOTES_DIR)?;
    let dir = fsio::BookDir::new(&book.root)?;
    let mut quotes = Vec::with_capacity(files.len());
    for relative in files {
        let id = super::id_of_file(super::QUOTES_DIR, &relative);
        let shown = crate::book::display_path(&book.root, &relative);
        let Some(text) = super::read_text(&dir, &book.root, &relative)? else {
            continue;
        };
        let quote = super::parse_file(&text, &shown, &id)?;
        quotes.push(crate::report::register::QuoteSummary {
            amount: quote.totals()?.total,
            id: quote.id,
            date: quote.date,
            valid_until: quote.valid_until,
            contact: quote.contact,
            currency: quote.currency,
            invoice: quote.invoice,
        });
    }
    Ok(quotes)
}
