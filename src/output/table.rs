//! Tables for people: aligned columns (CJK and accented text measured by display width),
//! numbers right-aligned, totals under a rule.

use super::{Cell, ColumnKind, Style, Tabular};
use comfy_table::{
    Attribute, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};
use rayon::prelude::*;
use std::io::Write;

/// Writes the report as a table. An empty report says so instead of printing a bare header.
pub fn write(report: &dyn Tabular, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let rows = report.rows();
    let totals = report.totals();
    if rows.is_empty() {
        return writeln!(out, "(no rows)");
    }
    // Without colour, wrapping or multi-line cells, the table is only padding: written here
    // directly it skips comfy-table's per-cell layout, which shows on a 20,000-row balance
    // piped to a script. The output is the same (a test compares the two).
    if !style.color {
        let texts = |rows: &[Vec<Cell>]| -> Vec<Vec<String>> {
            rows.par_iter()
                .map(|row| row.iter().map(shown).collect())
                .collect()
        };
        let (row_texts, total_texts) = (texts(&rows), texts(&totals));
        if let Some(widths) = plain_widths(&columns, &row_texts, &total_texts, style.width) {
            return write_plain(&columns, &widths, &row_texts, &total_texts, out);
        }
    }
    write_with_comfy(&columns, &rows, &totals, style, out)
}

/// A cell as a terminal shows it: text from the book with its control characters and
/// bidirectional controls made visible (CSV and JSON keep them as they are).
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => crate::text::visible(text).into_owned(),
        other => other.to_text(),
    }
}

/// The display width of every column, when the table can be written as plain padded text: no
/// cell spans lines and the whole fits in `width`.
fn plain_widths(
    columns: &[super::Column],
    rows: &[Vec<String>],
    totals: &[Vec<String>],
    width: Option<u16>,
) -> Option<Vec<usize>> {
    use unicode_width::UnicodeWidthStr;
    let headers: Vec<usize> = columns.iter().map(|c| c.key.width()).collect();
    // The widest cell of each column, or `None` as soon as a cell spans lines.
    let widest = |widths: Option<Vec<usize>>, row: &Vec<String>| {
        let mut widths = widths?;
        for (width, text) in widths.iter_mut().zip(row) {
            if text.contains(['\n', '\r']) {
                return None;
            }
            *width = (*width).max(text.width());
        }
        Some(widths)
    };
    let widths = rows
        .par_iter()
        .chain(totals)
        .fold(|| Some(headers.clone()), widest)
        .reduce(
            || Some(headers.clone()),
            |a, b| Some(a?.into_iter().zip(b?).map(|(a, b)| a.max(b)).collect()),
        )?;
    if columns.iter().any(|c| c.key.contains(['\n', '\r'])) {
        return None;
    }
    let total = widths.iter().map(|w| w + 3).sum::<usize>();
    match width {
        Some(limit) if total > usize::from(limit) => None,
        _ => Some(widths),
    }
}

/// Writes the table as comfy-table lays it out without borders: a space of padding on either
/// side of every cell and one between columns, numbers on the right, a rule under the header
/// and above the totals, no trailing blanks.
fn write_plain(
    columns: &[super::Column],
    widths: &[usize],
    rows: &[Vec<String>],
    totals: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        push_line(&mut text, columns, widths, cells);
        text
    };
    let rule = "─".repeat(widths.iter().map(|w| w + 3).sum::<usize>() - 1);
    out.write_all(line(&mut columns.iter().map(|c| c.key.as_str())).as_bytes())?;
    writeln!(out, "{rule}")?;
    // Laid out on both cores, a block of rows at a time, and written in order.
    let blocks: Vec<String> = rows
        .par_chunks(1024)
        .map(|block| {
            let mut text = String::new();
            for row in block {
                push_line(
                    &mut text,
                    columns,
                    widths,
                    &mut row.iter().map(String::as_str),
                );
            }
            text
        })
        .collect();
    for block in blocks {
        out.write_all(block.as_bytes())?;
    }
    if !totals.is_empty() {
        writeln!(out, "{rule}")?;
        for row in totals {
            out.write_all(line(&mut row.iter().map(String::as_str)).as_bytes())?;
        }
    }
    Ok(())
}

/// Appends one line of the plain table to `text`: each cell padded to its column's width, with
/// its newline and without trailing blanks.
fn push_line(
    text: &mut String,
    columns: &[super::Column],
    widths: &[usize],
    cells: &mut dyn Iterator<Item = &str>,
) {
    use unicode_width::UnicodeWidthStr;
    let start = text.len();
    for (i, cell) in cells.enumerate() {
        let pad = widths[i].saturating_sub(cell.width());
        if i > 0 {
            text.push(' ');
        }
        text.push(' ');
        if columns[i].kind == ColumnKind::Number {
            text.extend(std::iter::repeat_n(' ', pad));
            text.push_str(cell);
        } else {
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', pad));
        }
        text.push(' ');
    }
    let kept = text[start..].trim_end().len();
    text.truncate(start + kept);
    text.push('\n');
}

/// Lays the table out with comfy-table: colour, and text columns wrapped to fit a width.
fn write_with_comfy(
    columns: &[super::Column],
    rows: &[Vec<Cell>],
    totals: &[Vec<Cell>],
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
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
        fit(&mut table, columns, rows, totals, width);
    }
    let cells = |row: &[Cell], bold: bool| -> Vec<comfy_table::Cell> {
        columns
            .iter()
            .zip(row)
            .map(|(c, cell)| styled(shown(cell), c.kind, bold))
            .collect()
    };
    for row in rows {
        table.add_row(cells(row, false));
    }
    for row in totals {
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
                .map(|cell| cell_width(&shown(cell)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Column;
    use rust_decimal::Decimal;

    struct Report(Vec<Vec<Cell>>, Vec<Vec<Cell>>);

    impl Tabular for Report {
        fn columns(&self) -> Vec<Column> {
            vec![
                Column::text("contact"),
                Column::text("name"),
                Column::amount("balance"),
                Column::text("x"),
            ]
        }
        fn rows(&self) -> Vec<Vec<Cell>> {
            self.0.clone()
        }
        fn totals(&self) -> Vec<Vec<Cell>> {
            self.1.clone()
        }
    }

    fn row(contact: &str, name: &str, amount: i64) -> Vec<Cell> {
        vec![
            Cell::Text(contact.into()),
            Cell::Text(name.into()),
            Cell::Amount(Decimal::new(amount, 2)),
            Cell::Null,
        ]
    }

    fn both(report: &Report, width: Option<u16>) -> (String, String) {
        let style = Style {
            color: false,
            raw_csv: false,
            width,
        };
        let mut plain = Vec::new();
        write(report, style, &mut plain).unwrap();
        let mut comfy = Vec::new();
        write_with_comfy(
            &report.columns(),
            &report.rows(),
            &report.totals(),
            style,
            &mut comfy,
        )
        .unwrap();
        (
            String::from_utf8(plain).unwrap(),
            String::from_utf8(comfy).unwrap(),
        )
    }

    #[test]
    fn the_plain_table_is_the_one_comfy_table_lays_out() {
        let report = Report(
            vec![
                row("acme", "Acme Trading BV", 21000),
                row("zhang", "张伟贸易", -880050),
                row("e", "Société Générale e\u{301}", 1),
                row("a-very-long-contact-id", "", 123456789),
            ],
            vec![row("Total", "", 100)],
        );
        let (plain, comfy) = both(&report, None);
        assert_eq!(plain, comfy);
        assert!(plain.contains("张伟贸易"), "{plain}");
        let (plain, comfy) = both(&report, Some(200));
        assert_eq!(plain, comfy);
        let without_totals = Report(report.0.clone(), Vec::new());
        let (plain, comfy) = both(&without_totals, None);
        assert_eq!(plain, comfy);
    }

    #[test]
    fn multi_line_cells_and_narrow_widths_go_to_comfy_table() {
        let report = Report(vec![row("a", "two\nlines", 1)], Vec::new());
        let (plain, comfy) = both(&report, None);
        assert_eq!(plain, comfy);
        let wide = Report(vec![row("a", &"long name ".repeat(8), 1)], Vec::new());
        let (plain, comfy) = both(&wide, Some(40));
        assert_eq!(plain, comfy);
        assert!(
            plain
                .lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 40),
            "{plain}"
        );
    }
}
