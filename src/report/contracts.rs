//! `folio contracts`: contracts of every contact, with the day notice must be given by.
//!
//! A contract is in its notice window from `end - notice_days` to `end`, both included: that is
//! when `folio remind` lists it.

use crate::book::Book;
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Where a contract stands on the report date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContractStatus {
    /// Starts after the report date.
    Upcoming,
    /// Running, before its notice window.
    Active,
    /// In its notice window: notice must be given (or renewal agreed) now.
    Notice,
    /// Ended before the report date.
    Ended,
}

impl ContractStatus {
    /// The word shown in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Upcoming => "upcoming",
            ContractStatus::Active => "active",
            ContractStatus::Notice => "notice",
            ContractStatus::Ended => "ended",
        }
    }
}

/// One contract of one contact.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractRow {
    /// Index of the contact in the book.
    pub contact_index: u32,
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// The contract's name.
    pub contract: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Notice period in days.
    pub notice_days: u32,
    /// Last day to give notice: `end - notice_days`.
    pub notice_by: NaiveDate,
    /// Days from the report date to `end` (negative once ended).
    pub days_to_end: i64,
    /// The contract's value, if given.
    pub value: Option<Decimal>,
    /// The value's currency: the contact's, else the book's.
    pub currency: Option<Currency>,
    /// Where it stands.
    pub status: ContractStatus,
}

/// The contracts report, by end date (ties: contact id, then contract name).
#[derive(Debug, Clone, PartialEq)]
pub struct ContractsReport {
    /// The report date.
    pub as_of: NaiveDate,
    /// The rows.
    pub rows: Vec<ContractRow>,
}

/// Which contracts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractFilter {
    /// Every contract.
    All,
    /// Contracts that have not ended and end within this many days of the report date.
    Expiring(u32),
    /// Contracts in their notice window (what `folio remind` lists).
    InNotice,
}

/// Lists the contracts of every contact that is not archived (or only of `contact`).
pub fn contracts(
    book: &Book,
    as_of: NaiveDate,
    contact: Option<u32>,
    filter: ContractFilter,
) -> ContractsReport {
    let mut rows = Vec::new();
    for (index, person) in book.contacts.iter().enumerate() {
        let index = index as u32;
        if person.archived || contact.is_some_and(|c| c != index) {
            continue;
        }
        for contract in &person.contracts {
            let notice_by = contract.notice_by();
            let days_to_end = (contract.end - as_of).num_days();
            let status = if as_of < contract.start {
                ContractStatus::Upcoming
            } else if as_of > contract.end {
                ContractStatus::Ended
            } else if as_of >= notice_by {
                ContractStatus::Notice
            } else {
                ContractStatus::Active
            };
            let keep = match filter {
                ContractFilter::All => true,
                ContractFilter::Expiring(days) => (0..=i64::from(days)).contains(&days_to_end),
                ContractFilter::InNotice => as_of >= notice_by && as_of <= contract.end,
            };
            if keep {
                rows.push(ContractRow {
                    contact_index: index,
                    contact: person.id.clone(),
                    name: person.name.clone(),
                    contract: contract.name.clone(),
                    start: contract.start,
                    end: contract.end,
                    notice_days: contract.notice_days,
                    notice_by,
                    days_to_end,
                    value: contract.value,
                    currency: person.currency.or(book.config.currency),
                    status,
                });
            }
        }
    }
    rows.sort_by(|a, b| (a.end, &a.contact, &a.contract).cmp(&(b.end, &b.contact, &b.contract)));
    ContractsReport { as_of, rows }
}

impl Tabular for ContractsReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(3),
            Column::text("contract"),
            Column::text("start").priority(4),
            Column::text("end").priority(1),
            Column::amount("notice_days").priority(3),
            Column::text("notice_by"),
            Column::amount("days_to_end").priority(2),
            Column::amount("value").priority(2),
            Column::text("currency").priority(2),
            Column::text("status"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    Cell::from(row.contract.clone()),
                    Cell::Date(row.start),
                    Cell::Date(row.end),
                    Cell::Integer(i64::from(row.notice_days)),
                    Cell::Date(row.notice_by),
                    Cell::Integer(row.days_to_end),
                    row.value.map_or(Cell::Null, Cell::Amount),
                    row.currency.map(|c| c.to_string()).into(),
                    Cell::from(row.status.as_str()),
                ]
            })
            .collect()
    }
}
