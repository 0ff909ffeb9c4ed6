//! CSV: a header row of column keys, then one record per row.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) are prefixed with `'` unless `--raw` is given; amount and number columns
//! stay numeric.

use super::Style;
use crate::tabular::{Cell, ColumnKind, Tabular};
use std::io::Write;

/// Neutralises a text cell against CSV formula injection.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Writes the report as CSV.
pub fn write(report: &dyn Tabular, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let mut writer = ::csv::Writer::from_writer(out);
    writer
        .write_record(columns.iter().map(|c| c.key.as_str()))
        .map_err(io_error)?;
    for (index, row) in report.rows().iter().enumerate() {
        crate::tabular::check_row(&columns, &row, index)?;
        let fields = columns.iter().zip(row.iter()).map(|(column, cell)| {
            let text = cell.to_text();
            let is_text = column.kind == ColumnKind::Text && matches!(cell, Cell::Text(_));
            if is_text && !style.raw_csv {
                neutralise(&text).into_owned()
            } else {
                text
            }
        });
        writer.write_record(fields).map_err(io_error)?;
    }
    writer.flush()
}

/// Keeps the kind of an I/O error through the csv crate's error type, so that a closed pipe
/// (`folio ... --format csv | head`) is still recognised and not reported as a failure.
fn io_error(error: ::csv::Error) -> std::io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::{Column, Rows};

    struct Short;

    impl Tabular for Short {
        fn columns(&self) -> Vec<Column> {
            vec![Column::text("contact"), Column::amount("balance")]
        }
        fn rows(&self) -> Rows<'_> {
            vec![vec![Cell::Text("acme".into())]].into()
        }
    }

    #[test]
    fn a_row_without_a_cell_for_every_column_is_an_error_in_every_format() {
        let style = Style::default();
        for format in [
            super::super::Format::Csv,
            super::super::Format::Json,
            super::super::Format::Table,
        ] {
            let mut out = Vec::new();
            let error = super::super::render(&Short, format, style, &mut out).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("row 1 has 1 cells for 2 columns (contact, balance)"),
                "{format:?}: {error}"
            );
        }
    }
}
