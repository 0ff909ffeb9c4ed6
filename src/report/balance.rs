//! `folio balance`: debits, credits, balance and overdue per contact and currency.

use super::Scope;
use crate::book::Book;
use crate::ledger::{Ledger, days_past_due};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One contact in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRow {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// Currency.
    pub currency: Currency,
    /// Sum of debit entries.
    pub debits: Decimal,
    /// Sum of credit entries.
    pub credits: Decimal,
    /// debits - credits.
    pub balance: Decimal,
    /// Sum of open items at least one day past due.
    pub overdue: Decimal,
}

/// The balance report: rows sorted by contact id then currency, and totals per currency.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceReport {
    /// One row per contact and currency with at least one entry on the side.
    pub rows: Vec<BalanceRow>,
    /// One row per currency summing the rows (contact and name empty).
    pub totals: Vec<BalanceRow>,
}

/// Computes the balance report from a ledger built for the scope's side and date.
pub fn balance(book: &Book, ledger: &Ledger, scope: &Scope) -> BalanceReport {
    let rows: Vec<BalanceRow> = ledger
        .accounts
        .iter()
        .filter(|account| scope.includes(account.contact, account.currency))
        .map(|account| {
            let contact = &book.contacts[account.contact as usize];
            let overdue = account
                .open_items
                .iter()
                .filter(|item| days_past_due(item.due, scope.as_of) >= 1)
                .map(|item| item.open)
                .sum();
            BalanceRow {
                contact: contact.id.clone(),
                name: contact.name.clone(),
                currency: account.currency,
                debits: account.debits,
                credits: account.credits,
                balance: account.balance(),
                overdue,
            }
        })
        .collect();
    let mut totals: BTreeMap<Currency, BalanceRow> = BTreeMap::new();
    for row in &rows {
        let total = totals.entry(row.currency).or_insert_with(|| BalanceRow {
            contact: String::new(),
            name: String::new(),
            currency: row.currency,
            debits: Decimal::ZERO,
            credits: Decimal::ZERO,
            balance: Decimal::ZERO,
            overdue: Decimal::ZERO,
        });
        total.debits += row.debits;
        total.credits += row.credits;
        total.balance += row.balance;
        total.overdue += row.overdue;
    }
    BalanceReport {
        rows,
        totals: totals.into_values().collect(),
    }
}

impl Tabular for BalanceReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(1),
            Column::text("currency"),
            Column::money("debits").priority(3),
            Column::money("credits").priority(2),
            Column::money("balance"),
            Column::money("overdue").priority(1),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows.iter().map(row_cells).collect()
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        self.totals
            .iter()
            .map(|total| {
                let mut cells = row_cells(total);
                cells[0] = Cell::from("Total");
                cells
            })
            .collect()
    }
}

fn row_cells(row: &BalanceRow) -> Vec<Cell<'_>> {
    vec![
        Cell::from(row.contact.as_str()),
        Cell::from(row.name.as_str()),
        Cell::from(row.currency.to_string()),
        Cell::Amount(row.debits),
        Cell::Amount(row.credits),
        Cell::Amount(row.balance),
        Cell::Amount(row.overdue),
    ]
}
