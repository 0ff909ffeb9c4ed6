//! Rendering: report data in, text out. Every report implements [`Tabular`]; the same rows become
//! a table for people, CSV for spreadsheets or JSON for programs. Renderers never compute: a
//! table only decorates what the report returned.

pub mod chart;
pub mod csv;
pub mod diagnostic;
pub mod html;
pub mod json;
pub mod pager;
pub mod progress;
pub mod svg;
pub mod table;
pub mod terminal;

use crate::tabular::Tabular;
use std::io::Write;

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
    /// The width tables fit in (text columns wrap, numbers never); `None`: no limit.
    pub width: Option<u16>,
}

/// Writes a report in the chosen format.
pub fn render(
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
