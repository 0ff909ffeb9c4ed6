//! Rendering: report data in, text out. Every report implements [`Tabular`]; the same rows become
//! a table for people, CSV for spreadsheets or JSON for programs. Renderers never compute: a
//! table only decorates what the report returned.

pub mod chart;
pub mod csv;
pub mod diagnostic;
pub mod diff;
pub mod html;
pub mod json;
pub mod pager;
pub mod progress;
pub mod svg;
pub mod table;
pub mod terminal;

use crate::tabular::Tabular;
use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;

/// Rows a core renders at a time in [`write_blocks`].
const BLOCK: usize = 1024;

/// Blocks rendered before they are written: a report of millions of rows is never held whole.
const WINDOW: usize = 32;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Settings of the renderers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Colour and bold in tables.
    pub color: bool,
    /// CSV cells are written as they are, without formula neutralisation.
    pub raw_csv: bool,
    /// The width tables fit in (free text wraps, low-priority columns are left out); `None`: no
    /// limit.
    pub width: Option<u16>,
    /// `--columns`: the columns to show, in this order; `None`: the report's own.
    pub columns: Option<&'static [String]>,
}

/// Writes a report in the chosen format, with only the columns of `--columns` when it was given
/// (a name the report does not have is a usage error listing those it has).
pub fn render(
    report: &dyn Tabular,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> crate::error::Result<()> {
    match style.columns {
        Some(names) => {
            let picked =
                crate::tabular::Picked::new(report, names).map_err(crate::error::Error::Usage)?;
            Ok(render_all(&picked, format, style, out)?)
        }
        None => Ok(render_all(report, format, style, out)?),
    }
}

/// Writes every column of a report in the chosen format.
fn render_all(
    report: &dyn Tabular,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::write(report, style, out),
        Format::Csv => csv::write(report, style, out),
        Format::Json => json::write(report, out),
    }
}

/// Writes rows `0..count` as `render` makes the bytes of each block of them: blocks rendered on
/// every core a window at a time and written in order, so the output is as if made row by row.
pub(crate) fn write_blocks(
    count: usize,
    render: impl Fn(Range<usize>, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let starts: Vec<usize> = (0..count).step_by(BLOCK).collect();
    for window in starts.chunks(WINDOW) {
        let blocks: Vec<std::io::Result<Vec<u8>>> = window
            .par_iter()
            .map(|&start| {
                let mut bytes = Vec::new();
                render(start..count.min(start + BLOCK), &mut bytes)?;
                Ok(bytes)
            })
            .collect();
        for block in blocks {
            out.write_all(&block?)?;
        }
    }
    Ok(())
}

/// A report of more rows than a window of blocks, with cells that CSV quotes or neutralises and
/// JSON escapes, for the renderers' tests: the blocks are written in order, none lost or doubled.
#[cfg(test)]
pub(crate) struct Many;

#[cfg(test)]
impl Tabular for Many {
    fn columns(&self) -> Vec<crate::tabular::Column> {
        use crate::tabular::Column;
        vec![
            Column::text("id"),
            Column::prose("memo"),
            Column::money("amount"),
            Column::text("due"),
        ]
    }

    fn rows(&self) -> crate::tabular::Rows<'_> {
        use crate::tabular::{Cell, Rows};
        let memos = [
            "=1+2",
            "plain",
            "a \"quoted\", comma",
            "",
            "-minus",
            "line\nbreak",
            "漢字",
        ];
        Rows::on_demand(BLOCK * WINDOW + BLOCK + 7, move |i| {
            vec![
                Cell::from(format!("ID-{i}")),
                Cell::from(memos[i % memos.len()]),
                Cell::Amount(rust_decimal::Decimal::new(
                    i64::try_from(i).unwrap_or(0) - 500,
                    2,
                )),
                (i % 3 == 0).then_some("2026-01-31").into(),
            ]
        })
    }
}
