//! Tables for people: aligned columns (CJK and accented text measured by display width),
//! numbers right-aligned, totals under a rule.

use super::{Cell, ColumnKind, Style, Tabular};
use comfy_table::{
    Attribute, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};
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
    if let Some(width) = style.width {
        fit(&mut table, &columns, &rows, &totals, width);
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

/// Fits the table in `width` columns by wrapping its widest text columns (names, memos, e-mail
/// addresses), as few as needed; numbers, dates and short text keep their full width, so an
/// amount is never cut.
fn fit(
    table: &mut Table,
    columns: &[super::Column],
    rows: &[Vec<Cell>],
    totals: &[Vec<Cell>],
    width: u16,
) {
    use unicode_width::UnicodeWidthStr;
    let cell_width = |text: &str| text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            rows.iter()
                .chain(totals)
                .filter_map(|row| row.get(i))
                .map(|cell| cell_width(&cell.to_text()))
                .chain([cell_width(&column.key)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // The narrowest a wrapped column may get: its header, and at least 10 characters.
    let minimum = |i: usize| widths[i].min(cell_width(&columns[i].key).max(10));
    // Only long text wraps (names, memos, e-mail addresses), prose first, the widest first.
    let wrappable = |i: usize| {
        columns[i].kind == ColumnKind::Text
            && widths[i] > 16
            && rows
                .iter()
                .any(|row| matches!(row.get(i), Some(Cell::Text(_))))
    };
    let prose = |i: usize| {
        [
            "memo",
            "name",
            "email",
            "note",
            "text",
            "description",
            "address",
        ]
        .iter()
        .any(|word| columns[i].key.contains(word))
    };
    let mut by_width: Vec<usize> = (0..columns.len()).filter(|&i| wrappable(i)).collect();
    by_width.sort_by_key(|&i| (!prose(i), std::cmp::Reverse(widths[i])));
    // Each column has a space of padding on either side and one between columns.
    let padding = 3 * columns.len();
    let mut wrapped = Vec::new();
    let needed = |wrapped: &[usize]| -> usize {
        (0..columns.len())
            .map(|i| {
                if wrapped.contains(&i) {
                    minimum(i)
                } else {
                    widths[i]
                }
            })
            .sum::<usize>()
            + padding
    };
    let total: usize = widths.iter().sum::<usize>() + padding;
    if total <= usize::from(width) {
        return;
    }
    for i in by_width {
        if needed(&wrapped) <= usize::from(width) {
            break;
        }
        wrapped.push(i);
    }
    // A table too wide even so is left whole: wide lines read better than ids cut in pieces.
    if wrapped.is_empty() || needed(&wrapped) > usize::from(width) {
        return;
    }
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    for i in 0..columns.len() {
        if let Some(col) = table.column_mut(i) {
            col.set_constraint(if wrapped.contains(&i) {
                ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(minimum(i) as u16))
            } else {
                ColumnConstraint::ContentWidth
            });
        }
    }
}

const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));
