//! Tables for people: aligned columns (CJK and accented text measured by display width),
//! numbers right-aligned, totals under a rule.

use super::Style;
use crate::tabular::{Cell, ColumnKind, Rows, Tabular};
use comfy_table::{
    Attribute, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};
use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;

/// Rows whose text is made together: the column widths are found a window at a time and only the
/// first window's text is kept for writing, so a table of millions of rows never holds more than
/// one window of cells and text (the other windows are made again to be written).
const WINDOW: usize = 32_768;

/// Rows laid out by one core at a time.
const BLOCK: usize = 1024;

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
        let totals = Rows::from(totals.clone());
        let total_text = texts(&columns, &totals, 0..totals.len())?;
        if let Some((widths, first)) = plain_widths(&columns, &rows, &total_text, style.width)? {
            return write_plain(&columns, &widths, &rows, first, &total_text, out);
        }
    }
    write_with_comfy(&columns, &rows, &totals, style, out)
}

/// A cell as a terminal shows it: text from the book with its control characters and
/// bidirectional controls made visible (CSV and JSON keep them as they are).
fn shown(cell: &Cell) -> String {
    let mut text = String::new();
    push_shown(cell, &mut text);
    text
}

/// Appends the cell as [`shown`] makes it.
fn push_shown(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Text(text) => out.push_str(&crate::text::visible(text)),
        other => other.push_text(out),
    }
}

/// The text of some rows' cells, one after the other in one string: a window of a million-row
/// table takes a few allocations rather than one per cell.
struct Texts {
    text: String,
    /// Where each cell ends in `text`, row after row.
    ends: Vec<usize>,
    /// Cells per row.
    columns: usize,
}

impl Texts {
    /// The cells of row `row` (counted in this block).
    fn row(&self, row: usize) -> impl Iterator<Item = &str> {
        let first = row * self.columns;
        (first..first + self.columns).map(move |cell| {
            let start = if cell == 0 { 0 } else { self.ends[cell - 1] };
            &self.text[start..self.ends[cell]]
        })
    }

    /// How many rows.
    fn len(&self) -> usize {
        self.ends.len().checked_div(self.columns).unwrap_or(0)
    }
}

/// The text of rows `range`, made a block at a time on both cores.
fn texts(
    columns: &[crate::tabular::Column],
    rows: &Rows<'_>,
    range: Range<usize>,
) -> std::io::Result<Vec<Texts>> {
    let starts: Vec<usize> = range.clone().step_by(BLOCK).collect();
    starts
        .into_par_iter()
        .map(|start| {
            let mut block = Texts {
                text: String::new(),
                ends: Vec::new(),
                columns: 0,
            };
            for index in start..range.end.min(start + BLOCK) {
                let row = rows.get(index);
                crate::tabular::check_row(columns, &row, index)?;
                block.columns = row.len();
                for cell in row.iter() {
                    push_shown(cell, &mut block.text);
                    block.ends.push(block.text.len());
                }
            }
            Ok(block)
        })
        .collect()
}

/// The windows of `rows`, as ranges of row indices.
fn windows(rows: &Rows<'_>) -> impl Iterator<Item = Range<usize>> {
    let count = rows.len();
    (0..count)
        .step_by(WINDOW)
        .map(move |start| start..count.min(start + WINDOW))
}

/// The display width of every column, when the table can be written as plain padded text: no
/// cell spans lines and the whole fits in `width`; with the text of the first window of rows.
fn plain_widths(
    columns: &[crate::tabular::Column],
    rows: &Rows<'_>,
    totals: &[Texts],
    width: Option<u16>,
) -> std::io::Result<Option<(Vec<usize>, Vec<Texts>)>> {
    use unicode_width::UnicodeWidthStr;
    if columns.iter().any(|c| c.key.contains(['\n', '\r'])) {
        return Ok(None);
    }
    let headers: Vec<usize> = columns.iter().map(|c| c.key.width()).collect();
    // The widest cell of each column, or `None` as soon as a cell spans lines.
    let widest = |block: &Texts| {
        let mut widths = headers.clone();
        for row in 0..block.len() {
            for (width, text) in widths.iter_mut().zip(block.row(row)) {
                if text.contains(['\n', '\r']) {
                    return None;
                }
                *width = (*width).max(text.width());
            }
        }
        Some(widths)
    };
    let widest_of = |blocks: &[Texts], widths: Vec<usize>| {
        blocks.par_iter().map(widest).try_reduce(
            || widths.clone(),
            |a, b| Some(a.into_iter().zip(b).map(|(a, b)| a.max(b)).collect()),
        )
    };
    let Some(mut widths) = widest_of(totals, headers.clone()) else {
        return Ok(None);
    };
    let mut first = None;
    for window in windows(rows) {
        let texts = texts(columns, rows, window)?;
        let Some(wider) = widest_of(&texts, widths) else {
            return Ok(None);
        };
        widths = wider;
        first.get_or_insert(texts);
    }
    let total = widths.iter().map(|w| w + 3).sum::<usize>();
    Ok(match width {
        Some(limit) if total > usize::from(limit) => None,
        _ => Some((widths, first.unwrap_or_default())),
    })
}

/// Writes the table as comfy-table lays it out without borders: a space of padding on either
/// side of every cell and one between columns, numbers on the right, a rule under the header
/// and above the totals, no trailing blanks. `first` is the text of the first window of rows.
fn write_plain(
    columns: &[crate::tabular::Column],
    widths: &[usize],
    rows: &Rows<'_>,
    first: Vec<Texts>,
    totals: &[Texts],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // Laid out on both cores, a block of rows at a time, and written in order.
    let write_blocks = |blocks: &[Texts], out: &mut dyn Write| {
        let lines: Vec<String> = blocks
            .par_iter()
            .map(|block| {
                let mut text = String::new();
                for row in 0..block.len() {
                    push_line(&mut text, columns, widths, &mut block.row(row));
                }
                text
            })
            .collect();
        lines
            .iter()
            .try_for_each(|text| out.write_all(text.as_bytes()))
    };
    let mut header = String::new();
    push_line(
        &mut header,
        columns,
        widths,
        &mut columns.iter().map(|c| c.key.as_str()),
    );
    out.write_all(header.as_bytes())?;
    let rule = "─".repeat(widths.iter().map(|w| w + 3).sum::<usize>() - 1);
    writeln!(out, "{rule}")?;
    let mut kept = Some(first);
    for window in windows(rows) {
        match kept.take() {
            Some(first) => write_blocks(&first, out)?,
            None => write_blocks(&texts(columns, rows, window)?, out)?,
        }
    }
    if !totals.is_empty() {
        writeln!(out, "{rule}")?;
        write_blocks(totals, out)?;
    }
    Ok(())
}

/// Appends one line of the plain table to `text`: each cell padded to its column's width, with
/// its newline and without trailing blanks.
fn push_line(
    text: &mut String,
    columns: &[crate::tabular::Column],
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
    columns: &[crate::tabular::Column],
    rows: &Rows<'_>,
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
    for (index, row) in rows.iter().enumerate() {
        crate::tabular::check_row(columns, &row, index)?;
        table.add_row(cells(&row, false));
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
    columns: &[crate::tabular::Column],
    rows: &Rows<'_>,
    totals: &[Vec<Cell>],
    width: u16,
) {
    use unicode_width::UnicodeWidthStr;
    let cell_width = |text: &str| text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest = |row: &[Cell]| row.get(i).map(|cell| cell_width(&shown(cell)));
            rows.iter()
                .filter_map(|row| widest(&row))
                .chain(totals.iter().filter_map(|row| widest(row)))
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
    use crate::tabular::Column;
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
        fn rows(&self) -> Rows<'_> {
            self.0.clone().into()
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

    /// A report of `count` rows made on demand, counting how often each row is made.
    struct Long {
        count: usize,
        made: Vec<std::sync::atomic::AtomicU8>,
    }

    impl Tabular for Long {
        fn columns(&self) -> Vec<Column> {
            vec![Column::text("name"), Column::amount("amount")]
        }
        fn rows(&self) -> Rows<'_> {
            Rows::on_demand(self.count, |i| {
                self.made[i].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // The last row is the widest: its width must reach the first window's rows.
                let name = if i + 1 == self.count {
                    "the widest name".to_string()
                } else {
                    format!("r{i}")
                };
                vec![Cell::Text(name), Cell::Integer(i as i64)]
            })
        }
    }

    #[test]
    fn a_long_table_is_laid_out_a_window_at_a_time_with_the_widths_of_every_row() {
        let count = WINDOW + 5;
        let report = Long {
            count,
            made: (0..count).map(|_| Default::default()).collect(),
        };
        let mut out = Vec::new();
        write(&report, Style::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + count);
        // A space, the name column, a space on each side of the separator, the amount column.
        let width = 1 + "the widest name".len() + 3 + "amount".len();
        assert_eq!(lines[2], format!(" r0{}0", " ".repeat(width - 4)));
        for i in [WINDOW - 1, WINDOW, count - 2] {
            assert!(
                lines[2 + i].starts_with(&format!(" r{i} ")),
                "{}",
                lines[2 + i]
            );
            assert!(lines[2 + i].ends_with(&format!(" {i}")), "{}", lines[2 + i]);
            assert_eq!(lines[2 + i].len(), width, "{}", lines[2 + i]);
        }
        // The first window's text is kept; the others are made again to be written rather than
        // held from the width pass.
        let made = |i: usize| report.made[i].load(std::sync::atomic::Ordering::Relaxed);
        assert!((0..WINDOW).all(|i| made(i) == 1));
        assert!((WINDOW..count).all(|i| made(i) == 2));
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
