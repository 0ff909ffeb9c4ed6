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
    for row in report.rows().iter() {
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
