//! `folio reconcile FILE --show-parsed`: what folio read from each transaction of a statement,
//! before any matching, so a user can check a new bank's export in a minute.

use super::bank::BankLine;
use crate::input::statement::{Format, ParsedStatement};
use crate::tabular::{Cell, Column, Rows, Tabular};
use serde_json::{Value, json};

/// A statement read, for output: its lines with their identities.
pub struct Parsed<'a> {
    /// The statement.
    pub statement: &'a ParsedStatement,
    /// Its lines, with what `bank:` would record.
    pub lines: &'a [BankLine],
}

/// A structured reference as printed: `+++123/4567/89002+++` for the Belgian one, the ISO 11649
/// reference as it is.
fn structured(compact: &str) -> String {
    if compact.len() == 12 && compact.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "+++{}/{}/{}+++",
            &compact[..3],
            &compact[3..7],
            &compact[7..]
        )
    } else {
        compact.to_string()
    }
}

impl Parsed<'_> {
    fn format(&self) -> Format {
        self.statement.format
    }

    /// The JSON form: one object per transaction, in the statement's order (docs/reconcile.md
    /// lists the keys).
    pub fn json(&self) -> Value {
        let currency = self.statement.currency;
        Value::Array(
            self.lines
                .iter()
                .map(|l| {
                    let iban = l
                        .account
                        .as_deref()
                        .filter(|a| crate::identifiers::iban::check_iban(a).is_ok());
                    json!({
                        "line": l.place.line,
                        "date": l.date.to_string(),
                        "value_date": l.value_date.map(|d| d.to_string()),
                        "amount": crate::money::format_amount(l.amount),
                        "currency": l.currency.or(currency).map(|c| c.to_string()),
                        "counterparty": l.counterparty,
                        "iban": iban,
                        "account": l.account,
                        "communication": l.communication,
                        "structured": l.structured.as_deref().map(structured),
                        "bank_id": l.line.bank_id,
                        "identity": l.bank_id,
                        "format": self.format().name(),
                        "statement_account": self.statement.account,
                    })
                })
                .collect(),
        )
    }
}

impl Tabular for Parsed<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::amount("line"),
            Column::text("date"),
            Column::amount("amount"),
            Column::text("currency").priority(1),
            Column::prose("counterparty").priority(1),
            Column::text("account").priority(3),
            Column::prose("communication").priority(2),
            Column::text("structured").priority(3),
            Column::text("bank_id").priority(4),
            Column::text("identity").priority(5),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let currency = self.statement.currency;
        self.lines
            .iter()
            .map(|l| {
                vec![
                    Cell::Integer(i64::from(l.place.line)),
                    Cell::Date(l.date),
                    Cell::Amount(l.amount),
                    l.currency.or(currency).map(|c| c.to_string()).into(),
                    Cell::from(l.counterparty.clone()),
                    l.account.clone().into(),
                    Cell::from(l.communication.clone()),
                    l.structured.as_deref().map(structured).into(),
                    l.line.bank_id.clone().into(),
                    Cell::from(l.bank_id.clone()),
                ]
            })
            .collect()
    }
}
