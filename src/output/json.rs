//! JSON: an array of objects whose keys are the report's column keys.

use crate::tabular::{Cell, Column, Tabular};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::Write;

struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell<'a>],
}

impl Serialize for Cell<'_> {
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

/// Writes the rows as a pretty-printed JSON array, then a newline: the objects of a block of rows
/// are made on both cores, each as serde_json prints an element of an array, and written in order.
pub fn write(report: &dyn Tabular, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let rows = report.rows();
    let mut out = std::io::BufWriter::new(out);
    if rows.is_empty() {
        writeln!(out, "[]")?;
        return out.flush();
    }
    out.write_all(b"[")?;
    super::write_blocks(
        rows.len(),
        |range, bytes| {
            let mut scratch = Vec::with_capacity(columns.len());
            for index in range {
                let cells = rows.get_in(index, &mut scratch);
                crate::tabular::check_row(&columns, cells, index)?;
                bytes.extend_from_slice(if index == 0 { b"\n  " } else { b",\n  " });
                let mut serializer =
                    serde_json::Serializer::with_formatter(&mut *bytes, element_formatter());
                Row {
                    columns: &columns,
                    cells,
                }
                .serialize(&mut serializer)?;
            }
            Ok(())
        },
        &mut out,
    )?;
    out.write_all(b"\n]\n")?;
    out.flush()
}

/// serde_json's pretty printer as it stands inside an array, one level in.
fn element_formatter() -> PrettyFormatter<'static> {
    let mut formatter = PrettyFormatter::new();
    // Opening an array only moves the indent in; what it writes goes nowhere.
    let _ = formatter.begin_array(&mut std::io::sink());
    formatter
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_written_on_both_cores_are_serde_jsons_pretty_array() {
        let report = crate::output::Many;
        let columns = report.columns();
        let rows = report.rows();
        let cells: Vec<_> = rows.iter().collect();
        let records: Vec<Row<'_>> = cells
            .iter()
            .map(|cells| Row {
                columns: &columns,
                cells: cells.as_ref(),
            })
            .collect();
        let mut expected = serde_json::to_vec_pretty(&records).unwrap();
        expected.push(b'\n');
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        assert!(out == expected);
    }

    #[test]
    fn no_rows_are_an_empty_array() {
        let mut out = Vec::new();
        write(&crate::tabular::FieldRows(Vec::new()), &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
