//! Tables for people: aligned columns (CJK and accented text measured by display width),
//! numbers right-aligned, totals under a rule.

use super::{Cell, ColumnKind, Style, Tabular};
use comfy_table::{Attribute, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use std::io::Write;

/// Writes the report as a table. An empty report says so instead of printing a bare header.
pub fn write(report: &dyn Tabular, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let rows = report.rows();
    let totals = report.totals();
    if rows.is_empty() {
        return writeln!(out, "(no rows)");
    }
    let mut table = Table::new();
    table
        .load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let styled = |text: String, kind: ColumnKind, bold: bool| {
        let mut cell = comfy_table::Cell::new(text);
        if kind == ColumnKind::Number {
            cell = cell.set_alignment(CellAlignment::Right);
        }
        if bold && style.color {
            cell = cell.add_attribute(Attribute::Bold);
        }
        cell
    };
    table.set_header(columns.iter().map(|c| styled(c.key.clone(), c.kind, true)));
    for (i, column) in columns.iter().enumerate() {
        if column.kind == ColumnKind::Number
            && let Some(col) = table.column_mut(i)
        {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let cells = |row: &[Cell], bold: bool| -> Vec<comfy_table::Cell> {
        columns
            .iter()
            .zip(row)
            .map(|(c, cell)| styled(cell.to_text(), c.kind, bold))
            .collect()
    };
    for row in &rows {
        table.add_row(cells(row, false));
    }
    for row in &totals {
        table.add_row(cells(row, true));
    }
    // A rule under the header, and the same rule above the totals.
    let rendered = table.to_string();
    let lines: Vec<&str> = rendered.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if i == 2 + rows.len() && !totals.is_empty() {
            writeln!(out, "{}", lines[1].trim_end())?;
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));
