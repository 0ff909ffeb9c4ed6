//! Reading CSV files for import and reconciliation: text decoding (UTF-8 with or without a
//! byte-order mark, or a named encoding such as Windows-1252), delimiter detection, and a
//! parser that keeps the line and column of every cell, so each problem can be shown at its place
//! in the file.
//!
//! The parser follows RFC 4180 strictly enough to catch the mistakes that shift columns: a quoted
//! cell that never ends, text after a closing quote, a quote inside an unquoted cell, and a row
//! with more or fewer cells than the header. Blank lines, and rows whose cells are all empty, are
//! skipped; extra cells at the end of a row are tolerated when they are empty (many programs
//! write a trailing delimiter).

use crate::diagnostic::{Diagnostic, line_text};
use std::path::Path;

/// One cell of a row, with the position of its first character (its opening quote if quoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text, unquoted, with doubled quotes undone; not trimmed.
    pub text: String,
    /// 1-based line of the file.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number as a spreadsheet shows it: the header is row 1 (skipped lines count).
    pub number: u32,
    /// 1-based line where the row starts.
    pub line: u32,
    /// The cells, as many as the header has.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The trimmed text of the cell in column `index`, `None` when empty. A `'` that folio's
    /// CSV export put before `=`, `+`, `-`, `@`, a tab or a carriage return (see the CSV
    /// renderer's `neutralise`) is removed, so exported files import back unchanged.
    pub fn get(&self, index: usize) -> Option<&str> {
        self.cells
            .get(index)
            .map(|cell| unneutralise(cell.text.trim()))
            .filter(|text| !text.is_empty())
    }
}

/// Undoes the CSV renderer's `neutralise`: `'=SUM(A1)` -> `=SUM(A1)`.
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A parsed file: the header and the data rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The delimiter used (given or detected).
    pub delimiter: char,
    /// The header row.
    pub header: Row,
    /// The data rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of the column whose header is `name` (compared with [`header_key`]).
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = header_key(name);
        self.header
            .cells
            .iter()
            .position(|cell| header_key(&cell.text) == wanted)
    }

    /// The header text of a column.
    pub fn column_name(&self, index: usize) -> &str {
        self.header
            .cells
            .get(index)
            .map_or("", |cell| cell.text.trim())
    }
}

/// A header in comparable form: trimmed, accents and case folded, runs of spaces, `-` and `_`
/// turned into one `_` (`E-mail Address` -> `e_mail_address`).
pub fn header_key(name: &str) -> String {
    let folded = crate::text::fold(name.trim().trim_start_matches('\u{feff}'));
    let mut key = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_whitespace() || c == '-' || c == '_' {
            if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        } else {
            key.push(c);
        }
    }
    while key.ends_with('_') {
        key.pop();
    }
    key
}

/// A problem in a CSV file, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// What was wrong and what was expected.
    pub message: String,
}

impl CsvError {
    /// The error as a diagnostic of `shown`, with the offending line of `text` as excerpt.
    pub fn diagnostic(&self, shown: &Path, text: &str) -> Diagnostic {
        let diagnostic = Diagnostic::error(shown, self.line, self.column, self.message.clone());
        match line_text(text, self.line).filter(|_| self.line > 0) {
            Some(excerpt) => diagnostic.with_excerpt(excerpt),
            None => diagnostic,
        }
    }
}

/// How to turn a file's bytes into text.
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    /// UTF-8 only (a byte-order mark is dropped); other bytes are an error.
    Utf8,
    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what most banks in Western
    /// Europe write); the caller is told which.
    Guess,
    /// This encoding (UTF-8, ISO-8859-1, Windows-1252, ...).
    Named(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// Reads an encoding name as the WHATWG Encoding Standard labels them (`utf-8`,
    /// `iso-8859-1`, `windows-1252`, `latin1`, `cp1252`, ...).
    pub fn parse(label: &str) -> Result<Encoding, String> {
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .map(Encoding::Named)
            .ok_or_else(|| {
                format!(
                    "unknown encoding `{label}`: expected a name such as utf-8, iso-8859-1 or windows-1252"
                )
            })
    }
}

/// Decoded text, and the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding's name (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// True when [`Encoding::Guess`] fell back from UTF-8.
    pub guessed: bool,
}

/// Decodes a file's bytes. With [`Encoding::Utf8`], invalid bytes are an error at their line
/// and column.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<Decoded, CsvError> {
    let utf8 = |bytes: &[u8]| -> Result<String, CsvError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(error) => {
                let good = &bytes[..error.valid_up_to()];
                let text = String::from_utf8_lossy(good);
                let (line, column) = crate::diagnostic::line_column(&text, text.len());
                Err(CsvError {
                    line,
                    column,
                    message: format!(
                        "byte 0x{:02X} is not UTF-8: save the file as UTF-8, or name its encoding (e.g. encoding = \"windows-1252\" in the rules)",
                        bytes[error.valid_up_to()]
                    ),
                })
            }
        }
    };
    match encoding {
        Encoding::Utf8 => Ok(Decoded {
            text: utf8(bytes)?,
            encoding: "UTF-8",
            guessed: false,
        }),
        Encoding::Guess => match utf8(bytes) {
            Ok(text) => Ok(Decoded {
                text,
                encoding: "UTF-8",
                guessed: false,
            }),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok(Decoded {
                    text: text.into_owned(),
                    encoding: encoding_rs::WINDOWS_1252.name(),
                    guessed: true,
                })
            }
        },
        Encoding::Named(named) => {
            if named == encoding_rs::UTF_8 {
                return Ok(Decoded {
                    text: utf8(bytes)?,
                    encoding: "UTF-8",
                    guessed: false,
                });
            }
            let (text, used, _) = named.decode(bytes);
            Ok(Decoded {
                text: text.into_owned(),
                encoding: used.name(),
                guessed: false,
            })
        }
    }
}

/// Delimiters folio recognises when none is given, in order of preference on a tie.
pub const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// Parses `--delimiter`: one character, or `tab`.
pub fn parse_delimiter(text: &str) -> Result<char, String> {
    match text {
        "tab" | "\\t" | "TAB" => return Ok('\t'),
        _ => {}
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c != '"' && c != '\n' && c != '\r' => Ok(c),
        _ => Err(format!(
            "`{text}` is not a delimiter: expected one character such as , or ; (or `tab`)"
        )),
    }
}

/// Guesses the delimiter from the header line (the first line after `skip` lines): the
/// candidate found most often outside quotes; on a tie, the one that gives the same number of
/// cells on the next lines; `,` when none appears.
pub fn detect_delimiter(text: &str, skip: usize) -> char {
    let lines: Vec<&str> = text
        .lines()
        .skip(skip)
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let Some(first) = lines.first() else {
        return ',';
    };
    let count = |line: &str, delimiter: char| {
        let mut quoted = false;
        line.chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted && c == delimiter
            })
            .count()
    };
    let mut best = ',';
    let mut best_score = (0usize, false);
    for delimiter in DELIMITERS {
        let in_header = count(first, delimiter);
        if in_header == 0 {
            continue;
        }
        let consistent = lines[1..]
            .iter()
            .all(|line| count(line, delimiter) == in_header);
        let score = (in_header, consistent);
        let better = (score.1 && !best_score.1 && score.0 > 0)
            || (score.1 == best_score.1 && score.0 > best_score.0);
        if better {
            best = delimiter;
            best_score = score;
        }
    }
    best
}

/// Splits `text` into records of cells with positions. Records are not yet checked against the
/// header; `skip` leading lines are left out (bank statements often start with a preamble).
fn records(text: &str, delimiter: char, skip: usize) -> Result<Vec<(u32, Vec<Cell>)>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1u32, 1u32);
    // Skipped lines.
    while (line as usize) <= skip {
        match chars.next() {
            None => return Ok(Vec::new()),
            Some('\n') => {
                line += 1;
                column = 1;
            }
            Some(_) => {}
        }
    }
    let mut out = Vec::new();
    let mut record: Vec<Cell> = Vec::new();
    let mut record_line = line;
    loop {
        // At the start of a cell.
        let (start_line, start_column) = (line, column);
        let mut text = String::new();
        let mut ended_record = false;
        let mut at_end = false;
        if chars.peek() == Some(&'"') {
            chars.next();
            column += 1;
            loop {
                match chars.next() {
                    None => {
                        return Err(CsvError {
                            line: start_line,
                            column: start_column,
                            message: "this quoted cell never ends: a closing quote (\") is missing"
                                .into(),
                        });
                    }
                    Some('"') => {
                        column += 1;
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            column += 1;
                            text.push('"');
                        } else {
                            break;
                        }
                    }
                    Some('\n') => {
                        text.push('\n');
                        line += 1;
                        column = 1;
                    }
                    Some(c) => {
                        text.push(c);
                        column += 1;
                    }
                }
            }
            // After the closing quote: a delimiter, a line end or the end of the file.
            match chars.next() {
                None => at_end = true,
                Some(c) if c == delimiter => column += 1,
                Some('\n') => {
                    ended_record = true;
                    line += 1;
                    column = 1;
                }
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    ended_record = true;
                    line += 1;
                    column = 1;
                }
                Some(c) => {
                    return Err(CsvError {
                        line,
                        column,
                        message: format!(
                            "`{c}` after the closing quote of a cell: expected the delimiter `{}` or the end of the line (a quote inside a quoted cell is written \"\")",
                            shown_delimiter(delimiter)
                        ),
                    });
                }
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        at_end = true;
                        break;
                    }
                    Some(c) if c == delimiter => {
                        column += 1;
                        break;
                    }
                    Some('\n') => {
                        ended_record = true;
                        line += 1;
                        column = 1;
                        break;
                    }
                    Some('\r') if matches!(chars.peek(), Some('\n') | None) => {
                        column += 1;
                    }
                    Some('"') => {
                        return Err(CsvError {
                            line,
                            column,
                            message: "a quote (\") inside a cell that does not start with one: quote the whole cell and double the inner quote (\"\")".into(),
                        });
                    }
                    Some(c) => {
                        text.push(c);
                        column += 1;
                    }
                }
            }
        }
        record.push(Cell {
            text,
            line: start_line,
            column: start_column,
        });
        if ended_record || at_end {
            let blank = record.len() == 1 && record[0].text.trim().is_empty();
            if !blank {
                out.push((record_line, std::mem::take(&mut record)));
            } else {
                record.clear();
            }
            record_line = line;
            if at_end || chars.peek().is_none() {
                break;
            }
        }
    }
    Ok(out)
}

fn shown_delimiter(delimiter: char) -> String {
    match delimiter {
        '\t' => "tab".into(),
        c => c.to_string(),
    }
}

/// Parses a whole file: the header (after `skip` lines), then rows of the same width. With no
/// `delimiter`, it is detected. Every malformed row is reported, not only the first.
pub fn parse(text: &str, delimiter: Option<char>, skip: usize) -> Result<Table, Vec<CsvError>> {
    parse_shaped(text, delimiter, skip, Shape::default())
}

/// What a file may have that [`parse`] refuses: bank statements repeat column names (two
/// `Währung` columns) and end with filler lines (a total, a line of dashes) of fewer cells.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    /// Two columns may have the same name; they are told apart by position.
    pub repeated_names: bool,
    /// Rows of fewer cells than the header are kept as they are, for the caller to judge.
    pub short_rows: bool,
}

/// [`parse`], with the leniency of `shape`.
pub fn parse_shaped(
    text: &str,
    delimiter: Option<char>,
    skip: usize,
    shape: Shape,
) -> Result<Table, Vec<CsvError>> {
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text, skip));
    let records = records(text, delimiter, skip).map_err(|e| vec![e])?;
    let mut records = records.into_iter();
    let Some((header_line, header_cells)) = records.next() else {
        return Err(vec![CsvError {
            line: 1,
            column: 1,
            message: "the file is empty: expected a header row naming the columns".into(),
        }]);
    };
    let width = header_cells.len();
    let mut seen: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for cell in &header_cells {
        let key = header_key(&cell.text);
        if !key.is_empty() && seen.contains(&key) && !shape.repeated_names {
            errors.push(CsvError {
                line: cell.line,
                column: cell.column,
                message: format!(
                    "the column `{}` appears twice in the header",
                    cell.text.trim()
                ),
            });
        }
        seen.push(key);
    }
    // Row numbers as a spreadsheet shows them: one per line until a cell spans lines.
    let header = Row {
        number: header_line,
        line: header_line,
        cells: header_cells,
    };
    let mut rows = Vec::new();
    let mut number = header.number;
    let mut previous_end = header_line;
    for (line, mut cells) in records {
        // Blank lines between rows are rows in a spreadsheet too.
        number += 1 + line.saturating_sub(previous_end + 1);
        previous_end = cells
            .last()
            .map_or(line, |c| c.line + c.text.matches('\n').count() as u32);
        if cells.iter().all(|cell| cell.text.trim().is_empty()) {
            continue;
        }
        if cells.len() < width && !shape.short_rows {
            let last = cells.last().expect("a record has a cell");
            let column = last.column + last.text.chars().count() as u32;
            errors.push(CsvError {
                line: last.line,
                column,
                message: format!(
                    "row {number} has {} cell(s), the header has {width}: a delimiter `{}` is missing, or the row was cut short",
                    cells.len(),
                    shown_delimiter(delimiter)
                ),
            });
            continue;
        }
        if cells.len() > width {
            if let Some(extra) = cells[width..].iter().find(|c| !c.text.trim().is_empty()) {
                errors.push(CsvError {
                    line: extra.line,
                    column: extra.column,
                    message: format!(
                        "row {number} has {} cells, the header has {width}: this cell has no column (a delimiter `{}` inside a cell must be quoted)",
                        cells.len(),
                        shown_delimiter(delimiter)
                    ),
                });
                continue;
            }
            cells.truncate(width);
        }
        rows.push(Row {
            number,
            line,
            cells,
        });
    }
    if errors.is_empty() {
        Ok(Table {
            delimiter,
            header,
            rows,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        parse(text, None, 0).unwrap()
    }

    #[test]
    fn detects_the_delimiter() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n", 0), ',');
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3\n", 0), ';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n", 0), '\t');
        assert_eq!(detect_delimiter("\"a;x\",b\n", 0), ',');
        assert_eq!(detect_delimiter("name\nAcme\n", 0), ',');
        assert_eq!(
            detect_delimiter("Account BE12;x\nDate;Amount;Name\n1;2;3\n", 1),
            ';'
        );
        // One of each in the header: the consistent one wins.
        assert_eq!(detect_delimiter("a;b,c\n1;2\n3;4\n", 0), ';');
    }

    #[test]
    fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
        let t = table(
            "\u{feff}name,memo\r\n\"Acme, Inc.\",\"said \"\"hi\"\"\nthen left\"\r\nBeta,\r\n",
        );
        assert_eq!(t.header.cells[0].text, "name");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0].text, "Acme, Inc.");
        assert_eq!(t.rows[0].cells[1].text, "said \"hi\"\nthen left");
        assert_eq!((t.rows[0].number, t.rows[0].line), (2, 2));
        assert_eq!((t.rows[1].number, t.rows[1].line), (3, 4));
        assert_eq!(t.rows[1].get(1), None);
        assert_eq!(t.column("Memo"), Some(1));
    }

    #[test]
    fn positions_of_cells() {
        let t = table("a;b;c\nx;\"é\";zz\n");
        let cells = &t.rows[0].cells;
        assert_eq!((cells[1].line, cells[1].column), (2, 3));
        assert_eq!((cells[2].line, cells[2].column), (2, 7));
    }

    #[test]
    fn blank_lines_and_empty_trailing_cells() {
        let t = table("a,b\n\n1,2,\n,\n3,4\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].number, 3);
        assert_eq!(t.rows[1].number, 5);
    }

    #[test]
    fn malformed_files_say_where() {
        let errors = parse("a,b\n1,\"open\n", None, 0).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 3));
        assert!(errors[0].message.contains("never ends"));
        let errors = parse("a,b\n\"x\"y,2\n", None, 0).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 4));
        let errors = parse("a,b\nx\"y,2\n", None, 0).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 2));
        let errors = parse("a,b,c\n1,2\n1,2,3,4\n", None, 0).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[0].column), (2, 4));
        assert!(errors[0].message.contains("row 2 has 2 cell(s)"));
        assert_eq!((errors[1].line, errors[1].column), (3, 7));
        assert!(parse("", None, 0).unwrap_err()[0].message.contains("empty"));
        let errors = parse("a,A\n1,2\n", None, 0).unwrap_err();
        assert!(errors[0].message.contains("twice"));
    }

    #[test]
    fn encodings() {
        let latin = b"name\nCaf\xe9 L\xe9opold\n";
        let error = decode(latin, Encoding::Utf8).unwrap_err();
        assert_eq!((error.line, error.column), (2, 4));
        let guessed = decode(latin, Encoding::Guess).unwrap();
        assert!(guessed.guessed);
        assert_eq!(guessed.text, "name\nCafé Léopold\n");
        let named = decode(latin, Encoding::parse("ISO-8859-1").unwrap()).unwrap();
        assert_eq!(named.text, "name\nCafé Léopold\n");
        let bom = decode(b"\xEF\xBB\xBFname\n", Encoding::Utf8).unwrap();
        assert_eq!(bom.text, "name\n");
        assert!(Encoding::parse("klingon").is_err());
    }

    #[test]
    fn header_keys() {
        assert_eq!(header_key(" E-mail  Address "), "e_mail_address");
        assert_eq!(header_key("Crédit_limit"), "credit_limit");
        assert_eq!(parse_delimiter("tab"), Ok('\t'));
        assert_eq!(parse_delimiter(";"), Ok(';'));
        assert!(parse_delimiter(";;").is_err());
    }
}
