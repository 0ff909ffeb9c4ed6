//! JSON: an array of objects whose keys are the report's column keys.

use crate::tabular::{Cell, Column, Tabular};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io::Write;

struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Amount(_) | Cell::Decimal(_) | Cell::Date(_) => {
                serializer.serialize_str(&self.to_text())
            }
            Cell::Integer(n) => serializer.serialize_i64(*n),
            Cell::Bool(b) => serializer.serialize_bool(*b),
            Cell::Null => serializer.serialize_none(),
        }
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(&column.key, cell)?;
        }
        map.end()
    }
}

/// The rows as an array of objects, each row made as it is written.
struct Records<'a> {
    columns: &'a [Column],
    rows: &'a crate::tabular::Rows<'a>,
}

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.rows.len()))?;
        for (index, cells) in self.rows.iter().enumerate() {
            crate::tabular::check_row(self.columns, &cells, index)
                .map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&Row {
                columns: self.columns,
                cells: &cells,
            })?;
        }
        seq.end()
    }
}

/// Writes the rows as a pretty-printed JSON array, then a newline.
pub fn write(report: &dyn Tabular, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let rows = report.rows();
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(
        &mut out,
        &Records {
            columns: &columns,
            rows: &rows,
        },
    )?;
    writeln!(out)?;
    out.flush()
}

/// A JSON array of what the iterator `F` makes, each element made as it is written: a long list
/// (a statement's lines) is never held whole.
pub struct Sequence<F>(pub F);

impl<F, I> Serialize for Sequence<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Writes any serializable value as pretty JSON, for reports that are not flat tables.
pub fn write_value<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}
