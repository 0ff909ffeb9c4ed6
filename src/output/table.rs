//! Tables for people: aligned columns (CJK and accented text measured by display width),
//! numbers right-aligned, totals under a rule.

use super::Style;
use crate::tabular::{Cell, Column, ColumnKind, Fit, Rows, Tabular, is_printable_ascii};
use comfy_table::{
    Attribute, CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};
use rayon::prelude::*;
use std::io::Write;
use std::ops::Range;

/// Rows laid out together before they are written: a table of millions of rows holds a window's
/// text at a time, in buffers each window uses again. Rows that are [`Rows::costly`] to make are
/// measured a window at a time too, and their windows' text kept for writing up to [`KEPT_TEXT`].
const WINDOW: usize = 32_768;

/// Rows laid out by one core at a time.
const BLOCK: usize = 1024;

/// Writes the report as a table. An empty report says so instead of printing a bare header. With
/// a width (a terminal, `COLUMNS`), the table fits it: free text wraps, and columns of the
/// highest priority numbers are left out (a note on stderr names them) before anything whole
/// (an id, an amount, a date) would be broken.
pub fn write(report: &dyn Tabular, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let columns = report.columns();
    let rows = report.rows();
    if rows.is_empty() {
        return writeln!(out, "(no rows)");
    }
    let totals = Rows::from(report.totals());
    let total_text = texts(&columns, &totals, 0..totals.len())?;
    let (measures, kept) = widest(
        &columns,
        &rows,
        &total_text,
        style.width.is_some(),
        told_widest(report, &columns, style.width.is_some()),
        KEPT_TEXT,
    )?;
    let layout = Layout::new(&columns, &measures, style.width);
    if !layout.left_out.is_empty() {
        super::terminal::note(&format!(
            "left out to fit {} columns: {} (--columns picks the columns to show)",
            style.width.unwrap_or_default(),
            layout.left_out.join(", ")
        ));
    }
    // Without colour the table is only padding: written here directly it skips comfy-table's
    // per-cell layout, which shows on a 20,000-row balance piped to a script. The output is
    // the same (a test compares the two).
    if style.color {
        write_with_comfy(&columns, &layout, &rows, &totals, style, out)
    } else {
        write_plain(&layout, &rows, &columns, kept, &total_text, out)
    }
}

/// Which columns a table shows, and how wide.
#[derive(Debug, PartialEq)]
struct Layout {
    /// The shown columns' positions among the report's, in order.
    shown: Vec<usize>,
    /// The width of each shown column.
    widths: Vec<usize>,
    /// Whether each shown column is right-aligned (numbers).
    right: Vec<bool>,
    /// Whether each shown column wraps: free text narrowed below its widest cell.
    wraps: Vec<bool>,
    /// The keys of the columns left out to fit.
    left_out: Vec<String>,
}

/// The narrowest a column of free text is wrapped to (or its header, when wider).
const NARROWEST_WRAP: usize = 12;

/// A word up to this wide (an id or a document number in a message) keeps a column of free text
/// wide enough to show it whole; a longer one (an e-mail address) may break.
const WHOLE_WORD: usize = 24;

impl Layout {
    /// Every column at the width of its widest cell when there is no `width` or the table fits
    /// it, else as [`fit`] lays it out.
    fn new(columns: &[Column], measures: &Measures, width: Option<u16>) -> Layout {
        let widest = &measures.widest;
        let (shown, widths, mut left_out) = match width.map(usize::from) {
            Some(width) if line_width(widest) > width => fit(columns, measures, width),
            _ => ((0..columns.len()).collect(), widest.clone(), Vec::new()),
        };
        left_out.sort_unstable();
        Layout {
            right: shown
                .iter()
                .map(|&i| columns[i].kind == ColumnKind::Number)
                .collect(),
            wraps: shown
                .iter()
                .zip(&widths)
                .map(|(&i, &width)| columns[i].fit == Fit::Wrap && width < widest[i])
                .collect(),
            left_out: left_out.iter().map(|&i| columns[i].key.clone()).collect(),
            shown,
            widths,
        }
    }

    /// The length of a rule under the header: every column with a space on either side and one
    /// between columns.
    fn rule(&self) -> usize {
        line_width(&self.widths)
    }
}

/// The columns that fit in `width`, their widths, and the columns left out: free text narrowed
/// to [`narrowest`] and, while that is not enough, the column of the highest priority number
/// left out (the right-most of equals), then those left out put back, the most important first,
/// where they fit beside the others. Columns of priority 0 always stay: a table that cannot fit
/// them is printed wider.
fn fit(
    columns: &[Column],
    measures: &Measures,
    width: usize,
) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let needed = |shown: &[usize]| {
        let widths: Vec<usize> = shown
            .iter()
            .map(|&i| narrowest(&columns[i], measures, i))
            .collect();
        line_width(&widths)
    };
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let mut left_out = Vec::new();
    while needed(&shown) > width {
        let Some(drop) = shown
            .iter()
            .enumerate()
            .filter(|(_, i)| columns[**i].priority > 0)
            .max_by_key(|(at, i)| (columns[**i].priority, *at))
            .map(|(at, _)| at)
        else {
            break;
        };
        left_out.push(shown.remove(drop));
    }
    for at in (0..left_out.len()).rev() {
        let mut with = shown.clone();
        with.push(left_out[at]);
        with.sort_unstable();
        if needed(&with) <= width {
            shown = with;
            left_out.remove(at);
        }
    }
    let mut widths: Vec<usize> = shown
        .iter()
        .map(|&i| narrowest(&columns[i], measures, i))
        .collect();
    let spare = width.saturating_sub(line_width(&widths));
    widen(&mut widths, &shown, &measures.widest, spare);
    (shown, widths, left_out)
}

/// The narrowest column `i` may get: free text down to [`NARROWEST_WRAP`] (or its longest word,
/// up to [`WHOLE_WORD`]) but never below its header; anything else its widest cell.
fn narrowest(column: &Column, measures: &Measures, i: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    match column.fit {
        Fit::Wrap => measures.widest[i]
            .min(NARROWEST_WRAP.max(measures.words[i].min(WHOLE_WORD)))
            .max(column.key.width()),
        Fit::Whole => measures.widest[i],
    }
}

/// How wide a table of columns of `widths` is: a space on either side of every column and one
/// between columns, as long as the rule under its header.
fn line_width(widths: &[usize]) -> usize {
    widths
        .iter()
        .map(|w| w + 3)
        .sum::<usize>()
        .saturating_sub(1)
}

/// Gives `spare` columns back to the narrowed columns of `shown`, the narrowest first, each up
/// to its widest cell.
fn widen(widths: &mut [usize], shown: &[usize], widest: &[usize], mut spare: usize) {
    while spare > 0 {
        let Some(at) = (0..shown.len())
            .filter(|&at| widths[at] < widest[shown[at]])
            .min_by_key(|&at| widths[at])
        else {
            return;
        };
        widths[at] += 1;
        spare -= 1;
    }
}

/// `text` in lines of at most `width` display columns: broken at spaces, and a word longer than
/// a line after a `-`, `.`, `@`, `/` or `_` in its second half, else where the line is full.
pub fn wrap(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(2);
    let mut out = String::with_capacity(text.len() + 8);
    for (n, paragraph) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut line = 0;
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let word_width = word.width();
            if line > 0 && line + 1 + word_width <= width {
                out.push(' ');
                out.push_str(word);
                line += 1 + word_width;
                continue;
            }
            if line > 0 {
                out.push('\n');
            }
            let mut rest = word;
            while rest.width() > width {
                let cut = break_at(rest, width);
                out.push_str(&rest[..cut]);
                out.push('\n');
                rest = &rest[cut..];
            }
            out.push_str(rest);
            line = rest.width();
        }
    }
    out
}

/// `text` that starts `indent` columns into a line, wrapped to end by `width` (when there is one
/// and it leaves 20 columns), its next lines indented as much.
pub fn hanging(text: &str, indent: usize, width: Option<u16>) -> String {
    match width.map(usize::from) {
        Some(width) if width >= indent + 20 => {
            wrap(text, width - indent).replace('\n', &format!("\n{}", " ".repeat(indent)))
        }
        _ => text.to_string(),
    }
}

/// Where to break `word`, wider than `width`: after its last separator that leaves at least half
/// a line, else after the last character that fits (at least one).
fn break_at(word: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthChar;
    let (mut used, mut full, mut separator) = (0, 0, 0);
    for (at, c) in word.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        full = at + c.len_utf8();
        if matches!(c, '-' | '.' | '@' | '/' | '_') && used * 2 >= width {
            separator = full;
        }
    }
    match (separator, full) {
        (0, 0) => word.chars().next().map_or(word.len(), char::len_utf8),
        (0, full) => full,
        (separator, _) => separator,
    }
}

/// The widest line of `text`.
fn text_width(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    if is_printable_ascii(text) {
        text.len()
    } else if text.contains('\n') {
        text.split('\n')
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    } else {
        text.width()
    }
}

/// `text` as shown in a column `width` wide: wrapped when the column `wraps` (free text narrower
/// than its widest cell) and the text is wider than that.
fn fitted(text: &str, width: usize, wraps: bool) -> std::borrow::Cow<'_, str> {
    if wraps && text_width(text) > width {
        std::borrow::Cow::Owned(wrap(text, width))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A cell as a terminal shows it: text from the book with its control characters and
/// bidirectional controls made visible (CSV and JSON keep them as they are).
fn shown(cell: &Cell) -> String {
    let mut text = String::new();
    push_shown(cell, &mut text);
    text
}

/// Appends the cell as [`shown`] makes it, and returns its [`text_width`].
fn push_shown(cell: &Cell, out: &mut String) -> usize {
    let start = out.len();
    match cell {
        // Printable ASCII, as nearly every cell is, is shown as it is, a column a byte.
        Cell::Text(text) if is_printable_ascii(text) => {
            out.push_str(text);
            return text.len();
        }
        Cell::Text(text) => out.push_str(&crate::text::visible(text)),
        other => other.push_text(out),
    }
    text_width(&out[start..])
}

/// The text of some rows' cells, one after the other in one string, each cell ended by
/// [`CELL_END`]: a window of a million-row table takes a few allocations rather than one per cell.
struct Texts {
    text: String,
    /// Cells per row.
    columns: usize,
}

/// Ends each cell in [`Texts`]: a NUL, which no shown cell holds ([`crate::text::visible`]
/// escapes it, and the other cells are digits, dates and words).
const CELL_END: char = '\0';

impl Texts {
    /// Every cell, row after row.
    fn cells(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        memchr::memchr_iter(CELL_END as u8, self.text.as_bytes()).map(move |end| {
            let cell = &self.text[start..end];
            start = end + 1;
            cell
        })
    }
}

/// The text of rows `range` as one block, and `measures` of the columns with its rows'.
fn block_text(
    columns: &[Column],
    rows: &Rows<'_>,
    range: Range<usize>,
    measures: &mut Measures,
) -> std::io::Result<Texts> {
    let mut block = Texts {
        text: String::new(),
        columns: columns.len(),
    };
    let mut scratch = Vec::with_capacity(columns.len());
    for index in range.clone() {
        let row = rows.get_in(index, &mut scratch);
        crate::tabular::check_row(columns, row, index)?;
        for (i, cell) in row.iter().enumerate() {
            let start = block.text.len();
            let width = push_shown(cell, &mut block.text);
            measures.take_measured(columns, i, &block.text[start..], width);
            block.text.push(CELL_END);
        }
        if index == range.start {
            // Rows of one report are about as long as each other: one allocation, not a dozen.
            block.text.reserve(block.text.len() * range.len() * 5 / 4);
        }
    }
    Ok(block)
}

/// The text of rows `range`, made a block at a time on both cores.
fn texts(columns: &[Column], rows: &Rows<'_>, range: Range<usize>) -> std::io::Result<Vec<Texts>> {
    block_starts(range.clone())
        .into_par_iter()
        .map(|start| {
            let range = start..range.end.min(start + BLOCK);
            block_text(columns, rows, range, &mut Measures::of(columns, false))
        })
        .collect()
}

/// Where each block of `range` starts.
fn block_starts(range: Range<usize>) -> Vec<usize> {
    range.step_by(BLOCK).collect()
}

/// The windows of `rows`, as ranges of row indices.
fn windows(rows: &Rows<'_>) -> impl Iterator<Item = Range<usize>> {
    let count = rows.len();
    (0..count)
        .step_by(WINDOW)
        .map(move |start| start..count.min(start + WINDOW))
}

/// The text of [`Rows::costly`] rows kept from the width pass, window by window from the
/// first: the windows after them are made again to be written.
type Kept = Vec<Vec<Texts>>;

/// The rows after the first whose text is kept from the width pass for writing, as long as the
/// text kept before them is smaller than this: a table of a few million costly rows is made
/// once, a larger one holds this much and makes the rest again to be written.
const KEPT_TEXT: usize = 256 << 20;

/// Every column's widest line and, with `words` (a table to fit), longest word (for free text:
/// the widest run without a space or a wide character, where a line may break), header and
/// totals included; with the text of [`Rows::costly`] rows' windows kept while it stays under
/// `budget` bytes. Widths the report tells (`told`, see [`told_widest`]) stand for its rows'.
fn widest(
    columns: &[Column],
    rows: &Rows<'_>,
    totals: &[Texts],
    words: bool,
    told: Option<Vec<usize>>,
    budget: usize,
) -> std::io::Result<(Measures, Kept)> {
    let headers = Measures::of(columns, words);
    let totals = totals
        .iter()
        .map(|block| {
            let mut measures = headers.clone();
            for (at, text) in block.cells().enumerate() {
                measures.take(columns, at % block.columns.max(1), text);
            }
            measures
        })
        .fold(headers.clone(), Measures::max);
    let (measured, kept) = match told {
        Some(told) => (told_measures(columns, rows, &headers, &told)?, Vec::new()),
        None if rows.is_costly() => measure_keeping(columns, rows, &headers, budget)?,
        None => (measure_counting(columns, rows, &headers)?, Vec::new()),
    };
    Ok((totals.max(measured), kept))
}

/// The widths the report tells ([`Tabular::widest`]), where they are all a table needs: one for
/// each column, and no free text whose longest word a table to fit must measure.
fn told_widest(report: &dyn Tabular, columns: &[Column], words: bool) -> Option<Vec<usize>> {
    if words && columns.iter().any(|column| column.fit == Fit::Wrap) {
        return None;
    }
    report.widest().filter(|told| told.len() == columns.len())
}

/// The measures of the headers widened to the widths the report tells. A debug build measures
/// the rows too, and stops on a report whose widths are not its rows'.
fn told_measures(
    columns: &[Column],
    rows: &Rows<'_>,
    headers: &Measures,
    told: &[usize],
) -> std::io::Result<Measures> {
    let mut measures = headers.clone();
    for (widest, &width) in measures.widest.iter_mut().zip(told) {
        *widest = (*widest).max(width);
    }
    if cfg!(debug_assertions) {
        let counted = measure_counting(columns, rows, headers)?;
        assert_eq!(
            counted.widest, measures.widest,
            "the widths a report tells are its rows' widths"
        );
    }
    Ok(measures)
}

/// The measures of the rows, on both cores a block at a time, most cells counted without being
/// written: their text is made once, to be written.
fn measure_counting(
    columns: &[Column],
    rows: &Rows<'_>,
    headers: &Measures,
) -> std::io::Result<Measures> {
    let count = rows.len();
    block_starts(0..count)
        .into_par_iter()
        .map(|start| {
            let mut measures = headers.clone();
            let (mut cells, mut text) = (Vec::with_capacity(columns.len()), String::new());
            for index in start..count.min(start + BLOCK) {
                let row = rows.get_in(index, &mut cells);
                crate::tabular::check_row(columns, row, index)?;
                for (i, cell) in row.iter().enumerate() {
                    measures.take_cell(columns, i, cell, &mut text);
                }
            }
            Ok::<_, std::io::Error>(measures)
        })
        .try_reduce(|| headers.clone(), |a, b| Ok(a.max(b)))
}

/// The measures of costly rows, made a window at a time, and the text of the windows while the
/// text kept stays under `budget` bytes. The text of the windows after those is made to be
/// measured only.
fn measure_keeping(
    columns: &[Column],
    rows: &Rows<'_>,
    headers: &Measures,
    budget: usize,
) -> std::io::Result<(Measures, Kept)> {
    let mut measures = headers.clone();
    let (mut kept, mut kept_bytes) = (Vec::new(), 0);
    for window in windows(rows) {
        let blocks = block_starts(window.clone())
            .into_par_iter()
            .map(|start| start..window.end.min(start + BLOCK));
        let made = blocks
            .map(|range| {
                let mut measured = headers.clone();
                let block = block_text(columns, rows, range, &mut measured)?;
                Ok(((kept_bytes < budget).then_some(block), measured))
            })
            .collect::<std::io::Result<Vec<(Option<Texts>, Measures)>>>()?;
        let (texts, measured): (Vec<Option<Texts>>, Vec<Measures>) = made.into_iter().unzip();
        measures = measured.into_iter().fold(measures, Measures::max);
        if kept_bytes < budget {
            let texts: Vec<Texts> = texts.into_iter().flatten().collect();
            kept_bytes += texts.iter().map(|block| block.text.len()).sum::<usize>();
            kept.push(texts);
        }
    }
    Ok((measures, kept))
}

/// What [`widest`] measures of each column.
#[derive(Debug, Clone)]
struct Measures {
    /// The widest line.
    widest: Vec<usize>,
    /// The longest word.
    words: Vec<usize>,
    /// Whether the longest words of free text are measured (a table to fit).
    with_words: bool,
}

impl Measures {
    /// The measures of the columns' headers; `with_words` to measure free text's longest word.
    fn of(columns: &[Column], with_words: bool) -> Measures {
        Measures {
            widest: columns.iter().map(|c| text_width(&c.key)).collect(),
            words: columns.iter().map(|c| longest_word(&c.key)).collect(),
            with_words,
        }
    }

    /// Takes `cell` of column `i` into account: counted where its text is plain ASCII and no
    /// word of it is measured, else shown in `scratch` and measured.
    fn take_cell(&mut self, columns: &[Column], i: usize, cell: &Cell, scratch: &mut String) {
        let counted = match cell {
            Cell::Text(text) if is_printable_ascii(text) => {
                return self.take_measured(columns, i, text, text.len());
            }
            _ if self.takes_words(columns, i) => None,
            _ => cell.ascii_len(),
        };
        match counted {
            Some(width) => self.widest[i] = self.widest[i].max(width),
            None => {
                scratch.clear();
                let width = push_shown(cell, scratch);
                self.take_measured(columns, i, scratch, width);
            }
        }
    }

    /// Whether the longest word of column `i` is measured: free text of a table to fit.
    fn takes_words(&self, columns: &[Column], i: usize) -> bool {
        self.with_words && columns[i].fit == Fit::Wrap
    }

    /// Takes the shown `text` of a cell of column `i` into account.
    fn take(&mut self, columns: &[Column], i: usize, text: &str) {
        self.take_measured(columns, i, text, text_width(text));
    }

    /// [`Measures::take`] of a `text` whose [`text_width`] is `width`.
    fn take_measured(&mut self, columns: &[Column], i: usize, text: &str, width: usize) {
        self.widest[i] = self.widest[i].max(width);
        if self.takes_words(columns, i) {
            self.words[i] = self.words[i].max(longest_word(text));
        }
    }

    /// The larger of each measure.
    fn max(self, other: Measures) -> Measures {
        let larger =
            |a: Vec<usize>, b: Vec<usize>| a.into_iter().zip(b).map(|(a, b)| a.max(b)).collect();
        Measures {
            widest: larger(self.widest, other.widest),
            words: larger(self.words, other.words),
            with_words: self.with_words,
        }
    }
}

/// The widest run of `text` that a wrapped line cannot break: no space, no wide (CJK) character,
/// between which lines break.
fn longest_word(text: &str) -> usize {
    use unicode_width::UnicodeWidthChar;
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        match c.width().unwrap_or(0) {
            _ if c.is_whitespace() => run = 0,
            2.. => run = 0,
            width => {
                run += width;
                longest = longest.max(run);
            }
        }
    }
    longest
}

/// Writes the table as comfy-table lays it out without borders: a space of padding on either
/// side of every cell and one between columns, numbers on the right, a rule under the header
/// and above the totals, no trailing blanks. `kept` is the text of the first windows of rows.
fn write_plain(
    layout: &Layout,
    rows: &Rows<'_>,
    columns: &[Column],
    kept: Kept,
    totals: &[Texts],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut header = String::new();
    let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
    push_row(&mut header, layout, &keys);
    out.write_all(header.as_bytes())?;
    let rule = "─".repeat(layout.rule());
    writeln!(out, "{rule}")?;
    // Laid out on both cores, a block of rows at a time, and written in order; each block's
    // buffer is used again by the next window, already grown and in memory.
    let (mut from_text, mut from_rows) = (Vec::new(), Vec::new());
    let mut kept = kept.into_iter();
    for window in windows(rows) {
        match kept.next() {
            Some(blocks) => write_texts(layout, &blocks, &mut from_text, out)?,
            None if rows.is_costly() => {
                let blocks = texts(columns, rows, window)?;
                write_texts(layout, &blocks, &mut from_text, out)?;
            }
            None => write_rows(layout, rows, window, &mut from_rows, out)?,
        }
    }
    if !totals.is_empty() {
        writeln!(out, "{rule}")?;
        write_texts(layout, totals, &mut from_text, out)?;
    }
    Ok(())
}

/// Lays out the rows of `blocks` on both cores, each in a buffer of `buffers`, and writes them.
fn write_texts(
    layout: &Layout,
    blocks: &[Texts],
    buffers: &mut Vec<String>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if buffers.len() < blocks.len() {
        buffers.resize_with(blocks.len(), String::new);
    }
    buffers
        .par_iter_mut()
        .zip(blocks)
        .for_each(|(text, block)| lay_out(layout, block, text));
    buffers[..blocks.len()]
        .iter()
        .try_for_each(|text| out.write_all(text.as_bytes()))
}

/// Lays out the rows of `window` on both cores, a block at a time in a buffer of `buffers`,
/// and writes them.
fn write_rows(
    layout: &Layout,
    rows: &Rows<'_>,
    window: Range<usize>,
    buffers: &mut Vec<Vec<u8>>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let starts = block_starts(window.clone());
    if buffers.len() < starts.len() {
        buffers.resize_with(starts.len(), Vec::new);
    }
    let buffers = &mut buffers[..starts.len()];
    buffers
        .par_iter_mut()
        .zip(starts)
        .for_each(|(text, start)| {
            lay_out_rows(layout, rows, start..window.end.min(start + BLOCK), text)
        });
    buffers.iter().try_for_each(|text| out.write_all(text))
}

/// Lays out rows `range` in `text`, which it empties first.
fn lay_out_rows(layout: &Layout, rows: &Rows<'_>, range: Range<usize>, text: &mut Vec<u8>) {
    text.clear();
    let (mut cells, mut scratch, mut other) = (Vec::new(), String::new(), String::new());
    let blank = " ".repeat(layout.rule()).into_bytes();
    for index in range {
        let row = rows.get_in(index, &mut cells);
        if !push_ascii_line(text, layout, &blank, row, &mut scratch) {
            let shown: Vec<String> = row.iter().map(shown).collect();
            let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
            other.clear();
            push_row(&mut other, layout, &shown);
            text.extend_from_slice(other.as_bytes());
        }
    }
}

/// Appends the row as one line when every shown cell is printable ASCII that fits its column,
/// as nearly every row is: each cell copied into its place in a line of blanks. Otherwise
/// appends nothing and returns false.
fn push_ascii_line(
    text: &mut Vec<u8>,
    layout: &Layout,
    blank: &[u8],
    row: &[Cell],
    scratch: &mut String,
) -> bool {
    let line = text.len();
    text.extend_from_slice(blank);
    let mut start = 1;
    for (at, &i) in layout.shown.iter().enumerate() {
        let width = layout.widths[at];
        let mut place = |cell: &[u8]| {
            let free = width.checked_sub(cell.len())?;
            let offset = line + start + if layout.right[at] { free } else { 0 };
            text[offset..offset + cell.len()].copy_from_slice(cell);
            Some(())
        };
        let date = match &row[i] {
            Cell::Date(date) => crate::tabular::iso_date(*date),
            _ => None,
        };
        let placed = match (&row[i], date) {
            (_, Some(date)) => place(&date),
            (Cell::Text(cell), _) if is_printable_ascii(cell) => place(cell.as_bytes()),
            (Cell::Amount(amount), _) => {
                place(crate::money::AmountText::of(*amount).as_str().as_bytes())
            }
            (Cell::Null, _) => Some(()),
            (cell, _) => {
                scratch.clear();
                push_shown(cell, scratch);
                if is_printable_ascii(scratch) {
                    place(scratch.as_bytes())
                } else {
                    None
                }
            }
        };
        if placed.is_none() {
            text.truncate(line);
            return false;
        }
        start += width + 3;
    }
    while text.len() > line && text.last() == Some(&b' ') {
        text.pop();
    }
    text.push(b'\n');
    true
}

/// Lays out the rows of `block` in `text`, which it empties first.
fn lay_out(layout: &Layout, block: &Texts, text: &mut String) {
    text.clear();
    let mut cells = Vec::with_capacity(block.columns);
    let mut all = block.cells();
    loop {
        cells.clear();
        cells.extend(all.by_ref().take(block.columns));
        if cells.is_empty() {
            break;
        }
        push_row(text, layout, &cells);
    }
}

/// Appends one row of the plain table to `text`: the shown `cells` (one per column of the
/// report) fitted to their columns, on as many lines as its tallest cell.
fn push_row(text: &mut String, layout: &Layout, cells: &[&str]) {
    if push_single_line(text, layout, cells) {
        return;
    }
    let shown: Vec<std::borrow::Cow<'_, str>> = layout
        .shown
        .iter()
        .enumerate()
        .map(|(at, &i)| fitted(cells[i], layout.widths[at], layout.wraps[at]))
        .collect();
    let mut lines: Vec<std::str::Split<'_, char>> =
        shown.iter().map(|cell| cell.split('\n')).collect();
    let height = shown
        .iter()
        .map(|cell| cell.split('\n').count())
        .max()
        .unwrap_or(1);
    for _ in 0..height {
        push_line(
            text,
            layout,
            &mut lines.iter_mut().map(|line| line.next().unwrap_or("")),
        );
    }
}

/// Appends the row as one line when every shown cell is a single line that fits its column
/// unwrapped, as nearly every row is; otherwise appends nothing and returns false.
fn push_single_line(text: &mut String, layout: &Layout, cells: &[&str]) -> bool {
    let start = text.len();
    for (at, &i) in layout.shown.iter().enumerate() {
        let cell = cells[i];
        let Some(width) = line_width_of(cell) else {
            text.truncate(start);
            return false;
        };
        if layout.wraps[at] && width > layout.widths[at] {
            text.truncate(start);
            return false;
        }
        push_cell(text, layout, at, cell, width);
    }
    end_line(text, start);
    true
}

/// The display width of `text` when it is one line.
fn line_width_of(text: &str) -> Option<usize> {
    if is_printable_ascii(text) {
        Some(text.len())
    } else if text.contains('\n') {
        None
    } else {
        Some(unicode_width::UnicodeWidthStr::width(text))
    }
}

/// Appends cell `cell` of the shown column `at`, `width` columns wide, padded to the column with
/// a space on either side (and one before it, after the first column).
fn push_cell(text: &mut String, layout: &Layout, at: usize, cell: &str, width: usize) {
    let pad = layout.widths[at].saturating_sub(width);
    text.push_str(if at > 0 { "  " } else { " " });
    if layout.right[at] {
        push_spaces(text, pad);
        text.push_str(cell);
    } else {
        text.push_str(cell);
        push_spaces(text, pad);
    }
    text.push(' ');
}

/// Ends the line begun at `start` in `text`: without trailing blanks, with its newline.
fn end_line(text: &mut String, start: usize) {
    let kept = text[start..].trim_end().len();
    text.truncate(start + kept);
    text.push('\n');
}

/// Appends one line of the plain table to `text`: each cell padded to its column's width, with
/// its newline and without trailing blanks.
fn push_line(text: &mut String, layout: &Layout, cells: &mut dyn Iterator<Item = &str>) {
    let start = text.len();
    for (at, cell) in cells.enumerate() {
        push_cell(text, layout, at, cell, text_width(cell));
    }
    end_line(text, start);
}

/// Appends `count` spaces to `text`.
fn push_spaces(text: &mut String, count: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = count;
    while left > 0 {
        let now = left.min(SPACES.len());
        text.push_str(&SPACES[..now]);
        left -= now;
    }
}

/// Lays the table out with comfy-table, for colour: the columns and widths of `layout`, free
/// text wrapped as [`write_plain`] wraps it.
fn write_with_comfy(
    columns: &[Column],
    layout: &Layout,
    rows: &Rows<'_>,
    totals: &Rows<'_>,
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
    let styled = |text: String, right: bool, bold: bool| {
        let mut cell = comfy_table::Cell::new(text);
        if right {
            cell = cell.set_alignment(CellAlignment::Right);
        }
        if bold && style.color {
            cell = cell.add_attribute(Attribute::Bold);
        }
        cell
    };
    table.set_header(
        layout
            .shown
            .iter()
            .zip(&layout.right)
            .map(|(&i, &right)| styled(columns[i].key.clone(), right, true)),
    );
    for (at, &width) in layout.widths.iter().enumerate() {
        if let Some(column) = table.column_mut(at) {
            column.set_constraint(ColumnConstraint::Absolute(comfy_table::Width::Fixed(
                u16::try_from(width + 2).unwrap_or(u16::MAX),
            )));
            if layout.right[at] {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    // Adds a row and returns the lines it takes, so the rule above the totals lands under the
    // last row however many lines its cells wrap onto.
    let add = |table: &mut Table, row: &[Cell], bold: bool| {
        let cells: Vec<String> = layout
            .shown
            .iter()
            .enumerate()
            .map(|(at, &i)| {
                fitted(&shown(&row[i]), layout.widths[at], layout.wraps[at]).into_owned()
            })
            .collect();
        let height = cells
            .iter()
            .map(|cell| cell.split('\n').count())
            .max()
            .unwrap_or(1);
        table.add_row(
            cells
                .into_iter()
                .zip(&layout.right)
                .map(|(cell, &right)| styled(cell, right, bold)),
        );
        height
    };
    let mut body = 0;
    for (index, row) in rows.iter().enumerate() {
        crate::tabular::check_row(columns, &row, index)?;
        body += add(&mut table, &row, false);
    }
    for row in totals.iter() {
        add(&mut table, &row, true);
    }
    // A rule under the header, and the same rule above the totals.
    let rendered = table.to_string();
    let lines: Vec<&str> = rendered.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if i == 2 + body && !totals.is_empty() {
            writeln!(out, "{}", lines[1].trim_end())?;
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::Column;
    use rust_decimal::Decimal;

    struct Report(Vec<Vec<Cell<'static>>>, Vec<Vec<Cell<'static>>>);

    impl Tabular for Report {
        fn columns(&self) -> Vec<Column> {
            vec![
                Column::text("contact"),
                Column::prose("name"),
                Column::amount("balance"),
                Column::text("x").priority(1),
            ]
        }
        fn rows(&self) -> Rows<'_> {
            self.0.clone().into()
        }
        fn totals(&self) -> Vec<Vec<Cell<'_>>> {
            self.1.clone()
        }
    }

    fn row(contact: &str, name: &str, amount: i64) -> Vec<Cell<'static>> {
        vec![
            Cell::from(contact.to_string()),
            Cell::from(name.to_string()),
            Cell::Amount(Decimal::new(amount, 2)),
            Cell::Null,
        ]
    }

    fn both(report: &Report, width: Option<u16>) -> (String, String) {
        let style = Style {
            width,
            ..Style::default()
        };
        let mut plain = Vec::new();
        write(report, style, &mut plain).unwrap();
        let columns = report.columns();
        let rows = report.rows();
        let totals = Rows::from(report.totals());
        let total_text = texts(&columns, &totals, 0..totals.len()).unwrap();
        let (measures, kept) = widest(&columns, &rows, &total_text, true, None, KEPT_TEXT).unwrap();
        assert!(kept.is_empty());
        let layout = Layout::new(&columns, &measures, width);
        let mut comfy = Vec::new();
        write_with_comfy(&columns, &layout, &rows, &totals, style, &mut comfy).unwrap();
        (
            String::from_utf8(plain).unwrap(),
            String::from_utf8(comfy).unwrap(),
        )
    }

    /// [`Report`] telling the widths `told` of its rows.
    struct Told(Report, Option<Vec<usize>>);

    impl Tabular for Told {
        fn columns(&self) -> Vec<Column> {
            self.0.columns()
        }
        fn rows(&self) -> Rows<'_> {
            self.0.rows()
        }
        fn totals(&self) -> Vec<Vec<Cell<'_>>> {
            self.0.totals()
        }
        fn widest(&self) -> Option<Vec<usize>> {
            self.1.clone()
        }
    }

    fn ascii_report() -> Report {
        Report(
            vec![
                row("agence-horta-srl", "Agence Horta", 1234567),
                row("cafe-leopold", "Cafe Leopold", -5000),
            ],
            vec![vec![
                Cell::from("total"),
                Cell::Null,
                Cell::Amount(Decimal::new(1229567, 2)),
                Cell::Null,
            ]],
        )
    }

    fn table(report: &dyn Tabular, width: Option<u16>) -> String {
        let mut out = Vec::new();
        let style = Style {
            width,
            ..Style::default()
        };
        write(report, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_of_told_widths_is_the_table_of_measured_ones() {
        let mut told = vec![0; 4];
        for row in &ascii_report().0 {
            crate::tabular::widen_to_row(&mut told, row).unwrap();
        }
        assert_eq!(told, [16, 12, 8, 0]);
        let report = Told(ascii_report(), Some(told));
        for width in [None, Some(60), Some(30)] {
            assert_eq!(table(&report, width), table(&ascii_report(), width));
        }
    }

    #[test]
    fn a_row_that_is_not_printable_ascii_tells_no_width() {
        let mut widest = vec![0; 4];
        assert_eq!(
            crate::tabular::widen_to_row(&mut widest, &row("a", "Léopold", 1)),
            None
        );
        assert_eq!(
            crate::tabular::widen_to_row(&mut widest, &row("a", "b", 1)[..3]),
            None
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "the widths a report tells are its rows' widths")]
    fn a_debug_build_stops_on_told_widths_that_are_not_the_rows() {
        table(&Told(ascii_report(), Some(vec![16, 12, 9, 0])), None);
    }

    fn display_width(line: &str) -> usize {
        unicode_width::UnicodeWidthStr::width(line)
    }

    #[test]
    fn a_narrow_table_wraps_free_text_and_leaves_out_high_priority_numbers_never_ids() {
        let report = Report(
            vec![
                row(
                    "agence-horta-srl",
                    "Agence Horta, architectes associés",
                    1234567,
                ),
                row("zhang-wei-trading", "张伟贸易有限公司", -880050),
            ],
            vec![row("total", "", 354517)],
        );
        for width in [45, 52, 60] {
            let (plain, comfy) = both(&report, Some(width));
            assert_eq!(plain, comfy);
            assert!(
                plain
                    .lines()
                    .all(|l| display_width(l) <= usize::from(width)),
                "{width}:\n{plain}"
            );
            for whole in [
                "agence-horta-srl",
                "zhang-wei-trading",
                "12345.67",
                "-8800.50",
            ] {
                assert!(plain.contains(whole), "{whole} broken at {width}:\n{plain}");
            }
        }
        // Too narrow for the ids and amounts: printed wider rather than broken.
        let (plain, _) = both(&report, Some(30));
        assert!(plain.contains("agence-horta-srl"), "{plain}");
    }

    #[test]
    fn columns_are_left_out_by_priority_and_put_back_when_they_fit() {
        let columns = vec![
            Column::text("id"),
            Column::amount("wide").priority(1),
            Column::amount("low").priority(2),
            Column::amount("lower").priority(3),
        ];
        let measures = Measures {
            widest: vec![10, 20, 5, 5],
            words: vec![10, 20, 5, 5],
            with_words: true,
        };
        let all = Layout::new(&columns, &measures, None);
        assert_eq!(all.shown, [0, 1, 2, 3]);
        // 13 + 23 + 8 + 8 - 1 = 51 columns: `lower` goes first, then `low`, then `wide`; `low`
        // and `lower` fit again once `wide` is out.
        let layout = Layout::new(&columns, &measures, Some(44));
        assert_eq!(layout.shown, [0, 1, 2]);
        assert_eq!(layout.left_out, ["lower"]);
        let layout = Layout::new(&columns, &measures, Some(30));
        assert_eq!(layout.shown, [0, 2, 3]);
        assert_eq!(layout.left_out, ["wide"]);
        let layout = Layout::new(&columns, &measures, Some(8));
        assert_eq!(layout.shown, [0]);
        assert_eq!(layout.widths, [10]);
    }

    #[test]
    fn the_rule_above_the_totals_is_under_the_last_line_of_a_wrapped_row() {
        let report = Report(
            vec![row("a", "a name long enough to wrap onto three lines", 1)],
            vec![row("total", "", 1)],
        );
        let (plain, comfy) = both(&report, Some(30));
        assert_eq!(plain, comfy);
        let lines: Vec<&str> = plain.lines().collect();
        let rule = lines.iter().rposition(|l| l.starts_with('─')).unwrap();
        assert!(rule > 3, "{plain}");
        assert!(lines[rule - 1].contains("lines"), "{plain}");
        assert!(lines[rule + 1].starts_with(" total"), "{plain}");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_long_words_after_a_separator() {
        assert_eq!(
            wrap("phase 2: bedside lamps", 10),
            "phase 2:\nbedside\nlamps"
        );
        assert_eq!(
            wrap("direction@hotel-lestilleuls.example", 16),
            "direction@hotel-\nlestilleuls.\nexample"
        );
        assert_eq!(wrap("张伟贸易有限公司", 6), "张伟贸\n易有限\n公司");
        assert_eq!(longest_word("张伟 hotel-les-tilleuls x"), 18);
        assert_eq!(hanging("one two three", 4, Some(30)), "one two three");
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
        costly: bool,
    }

    impl Long {
        fn new(count: usize, costly: bool) -> Long {
            Long {
                count,
                made: (0..count).map(|_| Default::default()).collect(),
                costly,
            }
        }

        fn made(&self, i: usize) -> u8 {
            self.made[i].load(std::sync::atomic::Ordering::Relaxed)
        }
    }

    impl Tabular for Long {
        fn columns(&self) -> Vec<Column> {
            vec![Column::text("name"), Column::amount("amount")]
        }
        fn rows(&self) -> Rows<'_> {
            let rows = Rows::on_demand(self.count, |i| {
                self.made[i].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // The last row is the widest: its width must reach the first window's rows.
                let name = if i + 1 == self.count {
                    "the widest name".to_string()
                } else {
                    format!("r{i}")
                };
                vec![Cell::from(name), Cell::Integer(i as i64)]
            });
            if self.costly { rows.costly() } else { rows }
        }
    }

    #[test]
    fn a_long_table_is_laid_out_a_window_at_a_time_with_the_widths_of_every_row() {
        let count = WINDOW + 5;
        let mut written = Vec::new();
        for costly in [false, true] {
            let report = Long::new(count, costly);
            let mut out = Vec::new();
            write(&report, Style::default(), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 2 + count);
            // A space, the name column, a space on each side of the separator, the amounts.
            let width = 1 + "the widest name".len() + 3 + "amount".len();
            assert_eq!(lines[2], format!(" r0{}0", " ".repeat(width - 4)));
            for i in [WINDOW - 1, WINDOW, count - 2] {
                let line = lines[2 + i];
                assert!(line.starts_with(&format!(" r{i} ")), "{line}");
                assert!(line.ends_with(&format!(" {i}")), "{line}");
                assert_eq!(line.len(), width, "{line}");
            }
            // Cheap rows are made again to be written; costly ones once, their text kept.
            let times = if costly { 1 } else { 2 };
            assert!((0..count).all(|i| report.made(i) == times));
            written.push(text);
        }
        assert_eq!(written[0], written[1]);
    }

    #[test]
    fn beyond_the_kept_text_costly_rows_are_made_again_to_be_written() {
        let count = 2 * WINDOW + 5;
        let report = Long::new(count, true);
        let columns = report.columns();
        let rows = report.rows();
        // A budget smaller than one window's text keeps the first window only.
        let (measures, kept) = widest(&columns, &rows, &[], false, None, 1).unwrap();
        assert_eq!(kept.len(), 1);
        let layout = Layout::new(&columns, &measures, None);
        let mut out = Vec::new();
        write_plain(&layout, &rows, &columns, kept, &[], &mut out).unwrap();
        let mut whole = Vec::new();
        write(&report, Style::default(), &mut whole).unwrap();
        assert_eq!(out, whole);
        assert!((0..WINDOW).all(|i| report.made(i) == 2));
        assert!((WINDOW..count).all(|i| report.made(i) == 3));
    }

    /// A report of rows made on demand, costly or not.
    struct OnDemand(Report, bool);

    impl Tabular for OnDemand {
        fn columns(&self) -> Vec<Column> {
            self.0.columns()
        }
        fn rows(&self) -> Rows<'_> {
            let rows = Rows::on_demand(self.0.0.len(), |i| self.0.0[i].clone());
            if self.1 { rows.costly() } else { rows }
        }
        fn totals(&self) -> Vec<Vec<Cell<'_>>> {
            self.0.totals()
        }
    }

    #[test]
    fn rows_laid_out_from_their_cells_read_as_from_their_kept_text() {
        let rows = vec![
            row("a", "plain", 1),
            row("b", "two\nlines", -250),
            row("ç", "Ünïcode 名前 and more words to wrap", 12_345_678),
            vec![
                Cell::from("d"),
                Cell::from("bell\u{7}"),
                Cell::Amount(Decimal::new(5, 3)),
                Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            ],
        ];
        for width in [None, Some(30), Some(200)] {
            let style = Style {
                width,
                ..Style::default()
            };
            let [cheap, costly] = [false, true].map(|costly| {
                let report = OnDemand(Report(rows.clone(), vec![row("", "total", 3)]), costly);
                let mut out = Vec::new();
                write(&report, style, &mut out).unwrap();
                String::from_utf8(out).unwrap()
            });
            assert_eq!(cheap, costly);
            let (plain, comfy) = both(&Report(rows.clone(), vec![row("", "total", 3)]), width);
            assert_eq!(cheap, plain);
            assert_eq!(plain, comfy);
        }
    }

    #[test]
    fn cells_counted_without_their_text_measure_as_wide_as_it() {
        let date = |y| Cell::Date(chrono::NaiveDate::from_ymd_opt(y, 12, 31).unwrap());
        let cells = [
            vec![
                date(2026),
                Cell::from("Ünïcode 名前"),
                Cell::Amount(Decimal::new(-5, 0)),
            ],
            vec![
                date(10_000),
                Cell::Bool(false),
                Cell::Amount(-Decimal::ZERO),
            ],
            vec![
                date(-3),
                Cell::Integer(-1234),
                Cell::Amount(Decimal::new(12_345_678, 5)),
            ],
            vec![
                Cell::Null,
                Cell::Decimal(Decimal::new(25, 3)),
                Cell::Amount(Decimal::MAX),
            ],
        ];
        let columns = vec![
            Column::text("d"),
            Column::prose("words"),
            Column::amount("a"),
        ];
        for words in [false, true] {
            for row in &cells {
                let rows = Rows::from(vec![row.clone()]);
                let (measures, _) = widest(&columns, &rows, &[], words, None, KEPT_TEXT).unwrap();
                for (i, cell) in row.iter().enumerate() {
                    let width = text_width(&shown(cell)).max(columns[i].key.len());
                    assert_eq!(measures.widest[i], width, "{cell:?}");
                }
            }
        }
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
