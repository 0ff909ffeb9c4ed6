//! The alerts as a table (and CSV).

use super::Alert;
use crate::tabular::{Cell, Column, Rows, Tabular};

/// The alerts as rows: severity, kind, contact, document, message, and with `values` the
/// numbers as `key=value` pairs.
pub struct AlertsTable<'a> {
    /// The alerts shown.
    pub alerts: &'a [&'a Alert],
    /// Add the values column (CSV).
    pub values: bool,
}

/// `key=value` pairs separated by spaces; null values are left out.
pub fn values_text(values: &[(&'static str, Cell)]) -> String {
    values
        .iter()
        .filter(|(_, cell)| *cell != Cell::Null)
        .map(|(key, cell)| format!("{key}={}", cell.to_text()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Tabular for AlertsTable<'_> {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("severity"),
            Column::text("kind").priority(2),
            Column::text("contact"),
            Column::text("document").priority(1),
            Column::prose("message"),
        ];
        if self.values {
            columns.insert(5, Column::text("date").priority(1));
            columns.push(Column::prose("values").priority(2));
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.alerts
            .iter()
            .map(|alert| {
                let mut row = vec![
                    Cell::from(alert.severity.as_str()),
                    Cell::from(alert.kind.as_str()),
                    alert.contact.clone().into(),
                    alert.document.clone().into(),
                    Cell::from(alert.message.clone()),
                ];
                if self.values {
                    row.insert(5, alert.date.map_or(Cell::Null, Cell::Date));
                    row.push(Cell::from(values_text(&alert.values)));
                }
                row
            })
            .collect()
    }
}
