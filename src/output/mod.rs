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
