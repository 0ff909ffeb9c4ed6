//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read as the CSV readers
//! read text: one sheet becomes CSV text, parsed by [`crate::input::csv::parse`], so that column
//! detection, rules files and every check are the same for a workbook as for a CSV export.
//!
//! The workbook is recognised by its content (a ZIP or OLE container), never by its name, and
//! read with calamine. Cells are written as text the way a person reads them in the sheet: a
//! number with at most 15 significant digits, as the spreadsheet shows it (`0.1 + 0.2` is `0.3`,
//! never `0.30000000000000004`), a date cell as `2026-11-25` (with the time when it has one),
//! text as is. A cell holding a spreadsheet error (`#DIV/0!`, `#N/A`) is refused at its place.
//!
//! Places: a workbook has no lines, so the line of a cell is its row in the sheet and its column
//! the sheet's column number (`C` is 3): an error at `list.xlsx:7:3` is in cell C7.

use crate::diagnostic::Diagnostic;
use crate::error::quietly;
use crate::input::csv::{self, CsvError, Table};
use calamine::{Data, Reader};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::Path;

/// The first bytes of a ZIP container (xlsx, xlsm, xlsb, ods).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file (xls).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when `bytes` is a workbook container rather than text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Why calamine must not be given an .xls, if it must not: calamine follows the compound file's
/// sector chains, trusts each sheet's Dimensions record (MS-XLS 2.4.90) to reserve room for its
/// cells and builds each sheet densely from its first to its last cell, so a chain that loops, a
/// range of four billion rows or two cells far apart exhaust the memory before any error can be
/// returned. The container is read first with `cfb` (which validates its chains and tree), then
/// every sheet's Dimensions records and cell span are held to the limits below.
fn xls_refusal(bytes: &[u8]) -> Option<String> {
    let stream = match xls_workbook_stream(bytes) {
        Ok(stream) => stream,
        Err(error) => return Some(format!("its compound file is damaged ({error})")),
    };
    // calamine reads the globals from the start of the stream, then each sheet from the offset
    // its BoundSheet8 record gives (which may fall anywhere): every one is walked as it will.
    let mut sheets = Vec::new();
    if !xls_records_fit(&stream, 0, &mut sheets) {
        return xls_too_large();
    }
    sheets.sort_unstable();
    sheets.dedup();
    for start in sheets {
        if !xls_records_fit(&stream, start, &mut Vec::new()) {
            return xls_too_large();
        }
    }
    None
}

fn xls_too_large() -> Option<String> {
    Some(format!(
        "a sheet claims more than {MAX_ROWS} rows, {MAX_COLUMNS} columns or {MAX_CELLS} cells (a damaged .xls, or a sheet larger than folio reads)"
    ))
}

/// Walks the records of `stream` from `start` to its end, or to the end of the substream when
/// `start` is a sheet's; false when a Dimensions record or the cells of a sheet pass the limits.
/// The sheet offsets of BoundSheet8 records met on the way are added to `sheets`.
fn xls_records_fit(stream: &[u8], start: usize, sheets: &mut Vec<usize>) -> bool {
    let mut span = CellSpan::default();
    let mut offset = start;
    // In a sheet, as calamine reads it: a BOF after the first opens a nested substream (a chart),
    // skipped to its EOF, after which the sheet goes on.
    let (mut seen_bof, mut depth) = (false, 0usize);
    while let Some(header) = stream.get(offset..offset.saturating_add(4)) {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let length = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data_start = offset + 4;
        let Some(data) = stream.get(data_start..data_start + length) else {
            break;
        };
        if start != 0 && depth > 0 {
            // Inside a nested substream, which calamine skips to its EOF.
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            offset = data_start + length;
            continue;
        }
        match kind {
            BOF if start == 0 => span = CellSpan::default(),
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF if start != 0 => break,
            DIMENSIONS if !dimensions_within_limits(data) => return false,
            BOUND_SHEET => {
                if let Some(b) = data.get(0..4) {
                    let position = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    sheets.extend(usize::try_from(position).ok());
                }
            }
            _ => {
                if let Some((row, first, last)) = cell_place(kind, data) {
                    span.add(row, first, last);
                    if span.cells() > MAX_CELLS {
                        return false;
                    }
                }
            }
        }
        offset = data_start + length;
    }
    true
}

/// The rows and columns the cells of one sheet span: calamine makes its sheet a dense range from
/// the first to the last cell each way, so two cells in opposite corners cost every cell between.
#[derive(Default)]
struct CellSpan {
    rows: Option<(u64, u64)>,
    columns: Option<(u64, u64)>,
}

impl CellSpan {
    fn add(&mut self, row: u64, first_column: u64, last_column: u64) {
        let widen = |span: Option<(u64, u64)>, low: u64, high: u64| match span {
            Some((a, b)) => Some((a.min(low), b.max(high))),
            None => Some((low, high)),
        };
        self.rows = widen(self.rows, row, row);
        self.columns = widen(self.columns, first_column, last_column.max(first_column));
    }

    fn cells(&self) -> u64 {
        let size = |span: Option<(u64, u64)>| span.map_or(0, |(low, high)| high - low + 1);
        size(self.rows).saturating_mul(size(self.columns))
    }
}

/// The rows and columns the cells of an .xlsx or .xlsb sheet span, read cell by cell without
/// building the sheet (calamine makes it a dense range, so two cells in opposite corners of a
/// sheet of 1,048,576 rows would take every cell between); `None` for the other formats, or when
/// the sheet cannot be streamed (calamine then says why when it reads the sheet).
fn streamed_span<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    name: &str,
) -> Option<CellSpan> {
    let mut span = CellSpan::default();
    let mut add = |(row, column): (u32, u32)| {
        span.add(u64::from(row), u64::from(column), u64::from(column));
        span.cells() <= MAX_CELLS
    };
    match workbook {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx.worksheet_cells_reader(name).ok()?;
            while let Ok(Some(cell)) = cells.next_cell() {
                if !add(cell.get_position()) {
                    break;
                }
            }
        }
        calamine::Sheets::Xlsb(xlsb) => {
            let mut cells = xlsb.worksheet_cells_reader(name).ok()?;
            while let Ok(Some(cell)) = cells.next_cell() {
                if !add(cell.get_position()) {
                    break;
                }
            }
        }
        _ => return None,
    }
    Some(span)
}

/// The first sheet of an .ods whose filled cells span more than [`MAX_CELLS`], repeated rows and
/// columns counted as calamine expands them (`table:number-rows-repeated="60000"` then a cell in
/// column 1000 is sixty million cells). calamine builds every sheet when it opens the file, so
/// this is asked before. `Ok(None)` for a file without content.xml (not an .ods) or whose sheets
/// fit; `Err` when content.xml cannot be read whole (a bad checksum, more than 64 MiB) or is not
/// well-formed XML: calamine reads such a file leniently, and a damaged one took gigabytes.
fn ods_table_too_large(bytes: &[u8]) -> Result<Option<String>, String> {
    use std::io::Read;
    const LIMIT: u64 = 64 << 20;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(None);
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(None);
    };
    let mut xml = String::new();
    content
        .take(LIMIT + 1)
        .read_to_string(&mut xml)
        .map_err(|error| format!("cannot be read ({error})"))?;
    if xml.len() as u64 > LIMIT {
        return Err(format!("is larger than {} MiB", LIMIT >> 20));
    }
    let document = roxmltree::Document::parse(&xml)
        .map_err(|error| format!("is not well-formed XML ({error})"))?;
    Ok(document
        .descendants()
        .filter(|node| node.has_tag_name((TABLE, "table")))
        .find(|table| ods_span(*table).cells() > MAX_CELLS)
        .map(|table| table.attribute((TABLE, "name")).unwrap_or("").to_string()))
}

/// The OpenDocument namespaces of tables and of cell values.
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The span of the filled cells of one `table:table` element.
fn ods_span(table: roxmltree::Node<'_, '_>) -> CellSpan {
    let repeated = |node: roxmltree::Node<'_, '_>, attribute: &str| {
        node.attribute((TABLE, attribute))
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut span = CellSpan::default();
    let mut row = 0u64;
    for table_row in table
        .descendants()
        .filter(|node| node.has_tag_name((TABLE, "table-row")))
    {
        let rows = repeated(table_row, "number-rows-repeated");
        let mut column = 0u64;
        for cell in table_row.children().filter(|node| node.is_element()) {
            let columns = repeated(cell, "number-columns-repeated");
            let filled = cell.attribute((OFFICE, "value-type")).is_some()
                || cell.children().any(|child| child.is_element());
            if filled {
                span.add(row, column, column.saturating_add(columns - 1));
                span.add(row.saturating_add(rows - 1), column, column);
            }
            column = column.saturating_add(columns);
        }
        row = row.saturating_add(rows);
        if span.cells() > MAX_CELLS {
            break;
        }
    }
    span
}

/// The row and first and last columns of a cell record (MS-XLS 2.4: every cell record starts
/// with its row and column; MulRk and MulBlank end with their last column).
fn cell_place(kind: u16, data: &[u8]) -> Option<(u64, u64, u64)> {
    let u16_at = |at: usize| {
        data.get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    match kind {
        0x0006 | 0x00D6 | 0x00FD | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
            let column = u16_at(2)?;
            Some((u16_at(0)?, column, column))
        }
        0x00BD | 0x00BE => Some((u16_at(0)?, u16_at(2)?, u16_at(data.len().checked_sub(2)?)?)),
        _ => None,
    }
}

/// The record types that start a substream (a sheet) and give a sheet's range, and the largest
/// sheet an .xls can hold (BIFF8).
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MAX_ROWS: u64 = 65_536;
const MAX_COLUMNS: u64 = 256;
/// The most cells folio reads from one sheet: the reader makes room for every cell of the
/// claimed range, and each becomes text and a table cell, so a full BIFF8 sheet (16.7 million
/// cells) would take gigabytes. 65,536 rows of 32 columns: more than any statement or list.
const MAX_CELLS: u64 = 2_097_152;

/// The workbook stream of an .xls (`Workbook`, or `Book` before Excel 97).
fn xls_workbook_stream(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let mut stream = Vec::new();
    file.open_stream(name)?.read_to_end(&mut stream)?;
    Ok(stream)
}

/// True when a Dimensions record, read as calamine reads it (BIFF5: 16-bit rows, BIFF8: 32-bit),
/// spans rows and columns in order and within the format's limits.
fn dimensions_within_limits(data: &[u8]) -> bool {
    let u16_at = |at: usize| {
        data.get(at..at + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    let fields = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        // calamine refuses the record itself.
        _ => return true,
    };
    let (Some(first_row), Some(row_end), Some(first_column), Some(column_end)) = fields else {
        return true;
    };
    let first_column = if first_column > 0xFF || column_end < first_column {
        0
    } else {
        first_column
    };
    // calamine reads an empty end as a one-cell sheet, else reserves (end - first) cells each way.
    row_end == 0
        || column_end == 0
        || (first_row < row_end
            && first_column < column_end
            && row_end - first_row <= MAX_ROWS
            && column_end - first_column <= MAX_COLUMNS
            && (row_end - first_row) * (column_end - first_column) <= MAX_CELLS)
}

/// One sheet as CSV text, with the sheet row of every line of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetText {
    /// The sheet's name.
    pub sheet: String,
    /// The sheet as CSV: `,`-separated, every non-empty cell quoted, one line per row from row 1
    /// (empty rows are empty lines).
    pub text: String,
    /// For each line of `text` (index 0 is line 1), the sheet row it comes from.
    rows: Vec<u32>,
    /// The sheet column of the first column of the text (1 for column A).
    first_column: u32,
}

impl SheetText {
    /// The cell of the sheet (row, column) that holds character `column` of line `line` of the
    /// text, both 1-based: what a place found in the text is in the sheet.
    pub fn cell_at(&self, line: u32, column: u32) -> (u32, u32) {
        let text_line = self
            .text
            .split('\n')
            .nth(usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX))
            .unwrap_or("");
        let mut quoted = false;
        let mut index: u32 = 0;
        let before = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
        for c in text_line.chars().take(before) {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => index = index.saturating_add(1),
                _ => {}
            }
        }
        (self.row_of(line), self.first_column.saturating_add(index))
    }

    /// The sheet row of line `line` (1-based) of the text.
    fn row_of(&self, line: u32) -> u32 {
        let index = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        self.rows
            .get(index)
            .or(self.rows.last())
            .copied()
            .unwrap_or(1)
    }
}

/// Reads sheet `sheet` of a workbook (the first sheet when `None`) as CSV text.
///
/// calamine's readers index into the container as its records say, and some (the .xls string
/// table) panic when a damaged file says wrong: a panic while reading is caught and refused as
/// a damaged workbook, so that no file makes folio abort.
pub fn sheet_text(
    bytes: &[u8],
    shown: &Path,
    sheet: Option<&str>,
) -> Result<SheetText, Vec<Diagnostic>> {
    quietly(|| read_sheet_text(bytes, shown, sheet)).unwrap_or_else(|panic| {
        Err(vec![Diagnostic::error(
            shown,
            0,
            0,
            format!("not a spreadsheet folio can read: the workbook is damaged ({panic})"),
        )])
    })
}

fn read_sheet_text(
    bytes: &[u8],
    shown: &Path,
    sheet: Option<&str>,
) -> Result<SheetText, Vec<Diagnostic>> {
    let refuse = |message: String| vec![Diagnostic::error(shown, 0, 0, message)];
    if bytes.starts_with(OLE_MAGIC)
        && let Some(why) = xls_refusal(bytes)
    {
        return Err(refuse(format!("not a spreadsheet folio can read: {why}")));
    }
    // Not only for files that start as a ZIP: calamine tries every format in turn, and a ZIP
    // archive is found from the end of a file, so an .xls it cannot read may be read as an .ods.
    match ods_table_too_large(bytes) {
        Ok(None) => {}
        Ok(Some(table)) => {
            return Err(refuse(format!(
                "sheet `{table}` spans more than {MAX_CELLS} cells from its first to its last cell (a sheet larger than folio reads)"
            )));
        }
        Err(why) => {
            return Err(refuse(format!(
                "not a spreadsheet folio can read: its content.xml {why} (a damaged .ods)"
            )));
        }
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| refuse(format!("not a spreadsheet folio can read: {e}")))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned(),
        None => names.first().cloned(),
    };
    let Some(name) = name else {
        return Err(refuse(match sheet {
            Some(wanted) => format!(
                "the workbook has no sheet `{wanted}`: its sheets are {}",
                names.join(", ")
            ),
            None => "the workbook has no sheet".to_owned(),
        }));
    };
    if streamed_span(&mut workbook, &name).is_some_and(|span| span.cells() > MAX_CELLS) {
        return Err(refuse(format!(
            "sheet `{name}` spans more than {MAX_CELLS} cells from its first to its last cell (a sheet larger than folio reads)"
        )));
    }
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| refuse(format!("sheet `{name}` cannot be read: {e}")))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    // Rows above the used range, and empty rows, stay as empty lines, so that a line of the
    // text is the row of the sheet and `skip_lines` counts rows as the sheet shows them.
    let mut text = "\n".repeat(usize::try_from(first_row).unwrap_or(0));
    let mut rows: Vec<u32> = (1..=first_row).collect();
    let mut problems = Vec::new();
    for (offset, cells) in range.rows().enumerate() {
        let row = first_row
            .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
            .saturating_add(1);
        if cells.iter().all(|cell| matches!(cell, Data::Empty)) {
            rows.push(row);
            text.push('\n');
            continue;
        }
        let mut record = String::new();
        for (index, cell) in cells.iter().enumerate() {
            if index > 0 {
                record.push(',');
            }
            let column = first_column
                .saturating_add(u32::try_from(index).unwrap_or(u32::MAX))
                .saturating_add(1);
            match cell_text(cell) {
                Ok(value) if value.is_empty() => {}
                Ok(value) => quote_into(&mut record, &value),
                Err(message) => problems.push(Diagnostic::error(shown, row, column, message)),
            }
        }
        let lines = record.matches('\n').count() + 1;
        rows.extend(std::iter::repeat_n(row, lines));
        text.push_str(&record);
        text.push('\n');
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SheetText {
        sheet: name,
        text,
        rows,
        first_column: first_column.saturating_add(1),
    })
}

/// Reads sheet `sheet` of a workbook as a [`Table`], as [`csv::parse`] reads a CSV file after
/// `skip` rows; every place, in the table and in errors, is the cell's row and column in the sheet.
pub fn read_table(
    bytes: &[u8],
    shown: &Path,
    sheet: Option<&str>,
    skip: usize,
) -> Result<Table, Vec<Diagnostic>> {
    let sheet = sheet_text(bytes, shown, sheet)?;
    let mut table = csv::parse(&sheet.text, Some(','), skip).map_err(|errors| {
        errors
            .iter()
            .map(|e| relocated(&sheet, e).diagnostic(shown, ""))
            .collect::<Vec<_>>()
    })?;
    relocate(&sheet, &mut table);
    Ok(table)
}

/// An error of the CSV text at its place in the sheet.
fn relocated(sheet: &SheetText, error: &CsvError) -> CsvError {
    CsvError {
        line: sheet.row_of(error.line),
        column: sheet.first_column,
        message: error.message.clone(),
    }
}

/// Moves every row and cell of `table` from its place in the CSV text to its place in the sheet.
fn relocate(sheet: &SheetText, table: &mut Table) {
    for row in std::iter::once(&mut table.header).chain(table.rows.iter_mut()) {
        let sheet_row = sheet.row_of(row.line);
        row.line = sheet_row;
        row.number = sheet_row;
        for (index, cell) in row.cells.iter_mut().enumerate() {
            cell.line = sheet_row;
            cell.column = sheet
                .first_column
                .saturating_add(u32::try_from(index).unwrap_or(u32::MAX));
        }
    }
}

/// Appends `value` as a quoted CSV cell.
fn quote_into(record: &mut String, value: &str) {
    record.push('"');
    record.push_str(&value.replace('"', "\"\""));
    record.push('"');
}

/// A cell as the text a person reads in the sheet; an error cell is refused.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(value) => value.to_string(),
        Data::Float(value) => number_text(*value)?,
        Data::Bool(value) => value.to_string(),
        Data::DateTime(value) => match value.as_datetime() {
            Some(moment) if value.is_datetime() => {
                if moment.time() == chrono::NaiveTime::MIN {
                    moment.format("%Y-%m-%d").to_string()
                } else {
                    moment.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            _ => number_text(value.as_f64())?,
        },
        Data::Error(error) => {
            return Err(format!(
                "the cell holds the spreadsheet error {error}: expected a value"
            ));
        }
    })
}

/// A floating-point cell with the 15 significant digits a spreadsheet shows.
fn number_text(value: f64) -> Result<String, String> {
    if !value.is_finite() {
        return Err(format!("the cell holds {value}: expected a number"));
    }
    let scientific = format!("{value:.14e}");
    Ok(match Decimal::from_scientific(&scientific) {
        Ok(decimal) => decimal.normalize().to_string(),
        Err(_) => format!("{value}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_sheet_shows_them() {
        assert_eq!(number_text(0.1 + 0.2).unwrap(), "0.3");
        assert_eq!(number_text(1234.56).unwrap(), "1234.56");
        assert_eq!(number_text(-0.05).unwrap(), "-0.05");
        assert_eq!(number_text(12.0).unwrap(), "12");
        assert_eq!(
            number_text(1e30).unwrap(),
            "1000000000000000000000000000000"
        );
        assert!(number_text(f64::NAN).is_err());
    }

    #[test]
    fn containers_are_told_from_text() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(OLE_MAGIC));
        assert!(!is_workbook(b"date,amount\n"));
    }

    #[test]
    fn sheet_dimensions_are_held_to_the_formats_limits() {
        let biff8 = |first_row: u32, row_end: u32, first_column: u16, column_end: u16| {
            let mut data = Vec::new();
            data.extend(first_row.to_le_bytes());
            data.extend(row_end.to_le_bytes());
            data.extend(first_column.to_le_bytes());
            data.extend(column_end.to_le_bytes());
            data.extend([0, 0]);
            dimensions_within_limits(&data)
        };
        assert!(biff8(0, 120, 0, 8));
        assert!(biff8(0, 65_536, 0, 32));
        assert!(!biff8(0, 65_536, 0, 256), "16.7 million cells");
        assert!(biff8(0, 0, 0, 0), "an empty sheet");
        assert!(!biff8(0, 65_537, 0, 8));
        assert!(!biff8(0, u32::MAX, 0, 8));
        assert!(!biff8(9, 3, 0, 8), "rows out of order");
        assert!(!biff8(0, 10, 5, 5), "no column");
        assert!(!biff8(0, 10, 0, 300));
        let biff5 = [0u8, 0, 0xFF, 0xFF, 0, 0, 8, 0, 0, 0];
        assert!(dimensions_within_limits(&biff5), "65,535 rows of 8 columns");
    }

    #[test]
    fn a_file_that_only_looks_like_a_workbook_is_refused_not_a_panic() {
        let problems = sheet_text(b"PK\x03\x04garbage", Path::new("x.xlsx"), None).unwrap_err();
        assert!(
            problems[0].message.contains("not a spreadsheet"),
            "{problems:?}"
        );
    }
}
