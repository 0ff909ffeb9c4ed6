//! Reading one row into entry fields, each checked on its own: a date in the file's format, a
//! known kind and contact, a positive amount, a currency, `due` only where it falls due, `ref`
//! only where the kind refers, metadata and memo that a journal line can hold.

use super::super::rules;
use super::Import;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::input::csv::Row;
use crate::input::values;
use crate::journal::Kind;
use crate::journal::parser::check_document_id;
use crate::money::Currency;
use chrono::NaiveDate;

/// A row's fields as read: each `None` when empty or wrong, with the problems found.
pub(super) struct Fields {
    pub(super) date: Option<NaiveDate>,
    pub(super) kind: Option<Kind>,
    pub(super) id: Option<String>,
    pub(super) contact: Option<u32>,
    /// The amount as the journal line writes it.
    pub(super) amount: Option<String>,
    pub(super) currency: Option<Currency>,
    pub(super) due: Option<NaiveDate>,
    pub(super) reference: Option<String>,
    pub(super) meta: Vec<(String, String)>,
    pub(super) memo: Option<String>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Import<'_> {
    /// Reads and checks each field of `row`.
    pub(super) fn read(&self, row: &Row) -> Fields {
        let mut problems = Vec::new();
        let date = self.date(row, &mut problems);
        let kind = self.kind(row, &mut problems);
        let id = self.id(row, &mut problems);
        let contact = self.contact(row, &mut problems);
        let amount = self.amount(row, &mut problems);
        let currency = self.currency(row, contact, &mut problems);
        let due = self.due(row, kind, &mut problems);
        let reference = self.reference(row, kind, &mut problems);
        let meta = self.meta(row, &mut problems);
        let memo = self
            .file
            .cell(row, "memo")
            .map(|m| m.replace("\r\n", " ").replace(['\n', '\r'], " "));
        if let Some(Err(why)) = memo.as_deref().map(crate::text::check_line) {
            problems.push(self.file.at(row, "memo", format!("the memo holds {why}")));
        }
        Fields {
            date,
            kind,
            id,
            contact,
            amount,
            currency,
            due,
            reference,
            meta,
            memo,
            problems,
        }
    }

    fn date(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
        let at = |message: String| self.file.at(row, "date", message);
        match self
            .file
            .cell(row, "date")
            .map(|t| values::parse_date(t, &self.date_formats))
        {
            Some(Ok(date)) => Some(date),
            Some(Err(message)) => {
                problems.push(at(message));
                None
            }
            None => {
                problems.push(at("the date is empty".into()));
                None
            }
        }
    }

    fn kind(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Option<Kind> {
        let at = |message: String| self.file.at(row, "kind", message);
        match self.file.cell(row, "kind") {
            Some(word) => match self.rules.kind(word) {
                Some(kind) => Some(kind),
                None => {
                    let known = Kind::ALL.map(Kind::as_str);
                    let near = did_you_mean(&word.to_ascii_lowercase(), known)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_else(|| {
                            ": expected invoice, refund, payment, credit, writeoff, bill, payout, debit or payable-writeoff (or map the word in the rules' [kinds])".into()
                        });
                    problems.push(at(format!("unknown kind `{word}`{near}")));
                    None
                }
            },
            None => {
                problems.push(at("the kind is empty".into()));
                None
            }
        }
    }

    fn id(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let at = |message: String| self.file.at(row, "id", message);
        match self.file.cell(row, "id") {
            Some(id) => match check_document_id(id) {
                Ok(()) => Some(id.to_string()),
                Err(message) => {
                    problems.push(at(message));
                    None
                }
            },
            None => {
                problems.push(at(
                    "the document id is empty: every entry needs its own id (so a second import can recognise it)".into(),
                ));
                None
            }
        }
    }

    fn contact(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Option<u32> {
        let book = self.book;
        let at = |message: String| self.file.at(row, "contact", message);
        match self.file.cell(row, "contact") {
            Some(id) => match book.contact_index(id) {
                Some(index) => Some(index),
                None => {
                    let near = did_you_mean(id, book.contacts.iter().map(|c| c.id.as_str()))
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_else(|| {
                            ": import the contacts first (`folio import contacts`)".into()
                        });
                    problems.push(at(format!("unknown contact `{id}`{near}")));
                    None
                }
            },
            None => {
                problems.push(at("the contact is empty".into()));
                None
            }
        }
    }

    fn amount(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let at = |message: String| self.file.at(row, "amount", message);
        match self
            .file
            .cell(row, "amount")
            .map(|t| values::parse_amount(t, self.style))
        {
            Some(Ok(amount)) if amount.is_sign_negative() && !amount.is_zero() => {
                problems.push(at(format!(
                    "amount {amount} is negative: amounts are positive and the kind gives the sign (a negative invoice is a credit note)"
                )));
                None
            }
            Some(Ok(amount)) if amount.is_zero() => {
                problems.push(at("amount must be strictly positive".into()));
                None
            }
            Some(Ok(amount)) => match rules::journal_amount(amount) {
                Ok(text) => Some(text),
                Err(message) => {
                    problems.push(at(message));
                    None
                }
            },
            Some(Err(message)) => {
                problems.push(at(message));
                None
            }
            None => {
                problems.push(at("the amount is empty".into()));
                None
            }
        }
    }

    /// The row's currency, else the contact's, else the book's.
    fn currency(
        &self,
        row: &Row,
        contact: Option<u32>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Currency> {
        let at = |message: String| self.file.at(row, "currency", message);
        let written = self.file.cell(row, "currency");
        let written_currency = match written {
            Some(code) => match Currency::parse(&code.to_ascii_uppercase()) {
                Some(currency) => Some(currency),
                None => {
                    problems.push(at(format!(
                        "invalid currency `{code}`: expected three letters (ISO 4217), e.g. EUR"
                    )));
                    None
                }
            },
            None => None,
        };
        let currency = contact.and_then(|c| {
            written_currency
                .or(self.book.contacts[c as usize].currency)
                .or(self.book.config.currency)
        });
        if contact.is_some() && currency.is_none() && written.is_none() {
            problems.push(at(
                "no currency: the row, the contact and folio.toml name none".into(),
            ));
        }
        currency
    }

    fn due(
        &self,
        row: &Row,
        kind: Option<Kind>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        let at = |message: String| self.file.at(row, "due", message);
        match self.file.cell(row, "due") {
            Some(text) => match values::parse_date(text, &self.date_formats) {
                Ok(_) if kind.is_some_and(|k| !k.takes_due()) => {
                    problems.push(at(format!(
                        "a due date on {}: only invoices and bills fall due",
                        kind.map_or("", Kind::as_str)
                    )));
                    None
                }
                Ok(due) => Some(due),
                Err(message) => {
                    problems.push(at(message));
                    None
                }
            },
            None => None,
        }
    }

    fn reference(
        &self,
        row: &Row,
        kind: Option<Kind>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let reference = self.file.cell(row, "ref").map(|r| r.to_string());
        if let Some(target) = &reference {
            if kind.is_some_and(|k| k.ref_targets().is_empty()) {
                problems.push(self.file.at(
                    row,
                    "ref",
                    format!(
                        "a ref on {}: an {} opens an item of its own and refers to nothing",
                        kind.map_or("", Kind::as_str),
                        kind.map_or("", Kind::as_str)
                    ),
                ));
            } else if let Err(message) = check_document_id(target) {
                problems.push(self.file.at(row, "ref", message));
            }
        }
        reference
    }

    /// The `meta` column's `key:value` pairs, then the columns the rules' `[meta]` maps (spaces
    /// in their values become `_`, `;` a comma).
    fn meta(&self, row: &Row, problems: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
        let mut meta: Vec<(String, String)> = Vec::new();
        if let Some(pairs) = self.file.cell(row, "meta") {
            for pair in pairs.split_whitespace() {
                match pair.split_once(':') {
                    Some((key, value)) => match crate::journal::parser::check_meta(key, value) {
                        Ok(()) => meta.push((key.to_string(), value.to_string())),
                        Err(message) => problems.push(self.file.at(row, "meta", message)),
                    },
                    None => problems.push(self.file.at(
                        row,
                        "meta",
                        format!(
                            "`{pair}` is not key:value (metadata pairs are separated by spaces)"
                        ),
                    )),
                }
            }
        }
        for (key, index) in &self.file.columns.meta {
            if let Some(value) = row.get(*index) {
                let value: String = value
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("_")
                    .replace(';', ",");
                match crate::journal::parser::check_meta(key, &value) {
                    Ok(()) => meta.push((key.clone(), value)),
                    Err(message) => {
                        problems.push(self.file.at_column(row, Some(*index), key, message));
                    }
                }
            }
        }
        meta
    }
}
