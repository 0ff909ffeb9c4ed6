//! `folio close --list`: every close of the book, with its digest, what it covers and whether
//! it still binds.

use crate::book::closes::{Action, Closes};
use crate::tabular::{Cell, Column, Rows, Tabular};

/// The closes of a book, in the order they were recorded.
pub struct CloseList<'a> {
    /// The closes journal.
    pub closes: &'a Closes,
}

impl Tabular for CloseList<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("through"),
            Column::text("recorded").priority(2),
            Column::text("status"),
            Column::text("digest").priority(3),
            Column::amount("entries").priority(1),
            Column::amount("documents").priority(1),
            Column::prose("memo").priority(2),
            Column::text("reopened").priority(2),
            Column::prose("reason").priority(2),
            Column::text("line").priority(4),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.closes
            .history()
            .into_iter()
            .filter_map(|closed| {
                let Action::Close(seal) = &closed.close.action else {
                    return None;
                };
                let text = |value: Option<&str>| Cell::from(value.unwrap_or_default().to_string());
                let reopened = closed.reopened.map(|line| line.recorded.to_string());
                let status = if closed.reopened.is_some() {
                    "reopened"
                } else {
                    "closed"
                };
                Some(vec![
                    Cell::Date(closed.close.through),
                    Cell::Date(closed.close.recorded),
                    Cell::from(status.to_string()),
                    Cell::from(format!("sha256:{}", seal.digest)),
                    Cell::Integer(seal.entries as i64),
                    Cell::Integer(seal.documents as i64),
                    text(closed.close.memo.as_deref()),
                    text(reopened.as_deref()),
                    text(closed.reopened.and_then(|line| line.memo.as_deref())),
                    Cell::Integer(i64::from(closed.close.line)),
                ])
            })
            .collect()
    }
}
