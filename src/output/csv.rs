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
    if runs_as_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Whether a spreadsheet would take `text` for a formula.
fn runs_as_formula(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Writes the report as CSV: blocks of records made on both cores, each by its own csv writer
/// (which keeps no state from one record to the next), and written in order.
pub fn write(report: &dyn Tabular, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let mut header = ::csv::Writer::from_writer(Vec::new());
    header
        .write_record(columns.iter().map(|c| c.key.as_str()))
        .map_err(io_error)?;
    out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
    let rows = report.rows();
    super::write_blocks(
        rows.len(),
        |range, bytes| {
            let mut writer = ::csv::Writer::from_writer(bytes);
            let mut text = String::new();
            let mut scratch = Vec::with_capacity(columns.len());
            for index in range {
                let row = rows.get_in(index, &mut scratch);
                crate::tabular::check_row(&columns, row, index)?;
                for (column, cell) in columns.iter().zip(row.iter()) {
                    text.clear();
                    push_field(&mut text, column.kind, cell, style.raw_csv);
                    writer.write_field(&text).map_err(io_error)?;
                }
                writer.write_record(None::<&[u8]>).map_err(io_error)?;
            }
            writer.flush()
        },
        out,
    )
}

/// Appends a cell's field to `text`: a text cell of a text column neutralised unless `raw`.
fn push_field(text: &mut String, kind: ColumnKind, cell: &Cell, raw: bool) {
    if let (ColumnKind::Text, Cell::Text(value), false) = (kind, cell, raw)
        && runs_as_formula(value)
    {
        text.push('\'');
    }
    cell.push_text(text);
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
            vec![vec![Cell::from("acme")]].into()
        }
    }

    /// CSV as the csv crate writes it record by record.
    fn one_by_one(report: &dyn Tabular, raw: bool) -> Vec<u8> {
        let columns = report.columns();
        let mut writer = ::csv::Writer::from_writer(Vec::new());
        writer
            .write_record(columns.iter().map(|c| c.key.as_str()))
            .unwrap();
        for row in report.rows().iter() {
            writer
                .write_record(columns.iter().zip(row.iter()).map(|(column, cell)| {
                    let text = cell.to_text();
                    match cell {
                        Cell::Text(_) if column.kind == ColumnKind::Text && !raw => {
                            neutralise(&text).into_owned()
                        }
                        _ => text,
                    }
                }))
                .unwrap();
        }
        writer.into_inner().unwrap()
    }

    #[test]
    fn blocks_written_on_both_cores_are_the_records_one_by_one() {
        let report = super::super::Many;
        for raw in [false, true] {
            let style = Style {
                raw_csv: raw,
                ..Style::default()
            };
            let mut out = Vec::new();
            write(&report, style, &mut out).unwrap();
            assert!(out == one_by_one(&report, raw), "raw: {raw}");
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
