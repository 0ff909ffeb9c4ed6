//! The shape of report data: rows of [`Cell`]s under named [`Column`]s. Reports fill it,
//! renderers ([`crate::output`] is above) read it; neither knows the other.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How a column's values are aligned and encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Left-aligned text.
    Text,
    /// Right-aligned number.
    Number,
}

/// A column: its key (the JSON key and CSV header) and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The key, in the report's own words.
    pub key: String,
    /// Alignment and encoding.
    pub kind: ColumnKind,
}

impl Column {
    /// A text column.
    pub fn text(key: impl Into<String>) -> Column {
        Column {
            key: key.into(),
            kind: ColumnKind::Text,
        }
    }

    /// An amount or other number column.
    pub fn amount(key: impl Into<String>) -> Column {
        Column {
            key: key.into(),
            kind: ColumnKind::Number,
        }
    }
}

/// One value of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Money: a JSON string with at least two decimals, a plain number in CSV.
    Amount(Decimal),
    /// A decimal that is not money (a ratio), already rounded by the report.
    Decimal(Decimal),
    /// A whole number.
    Integer(i64),
    /// A date, ISO 8601.
    Date(NaiveDate),
    /// True or false.
    Bool(bool),
    /// Absent: JSON null, an empty CSV field.
    Null,
}

impl Cell {
    /// The text shown in tables and CSV.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        self.push_text(&mut text);
        text
    }

    /// Appends [`Cell::to_text`] to `out`.
    pub fn push_text(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = match self {
            Cell::Text(text) => out.write_str(text),
            Cell::Amount(amount) => out.write_str(&crate::money::format_amount(*amount)),
            Cell::Decimal(value) => write!(out, "{value}"),
            Cell::Integer(n) => write!(out, "{n}"),
            Cell::Date(date) => write!(out, "{date}"),
            Cell::Bool(b) => write!(out, "{b}"),
            Cell::Null => Ok(()),
        };
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Null, Into::into)
    }
}

/// Checks that row `index` has a cell for each of the columns. A row of another length is a bug of
/// the report that made it; renderers check every row rather than pair cells with columns as far
/// as both go, which would drop a value (or a column) without a word.
pub(crate) fn check_row(columns: &[Column], row: &[Cell], index: usize) -> std::io::Result<()> {
    if row.len() == columns.len() {
        return Ok(());
    }
    Err(std::io::Error::other(format!(
        "internal error: row {} has {} cells for {} columns ({}); please report this",
        index + 1,
        row.len(),
        columns.len(),
        columns
            .iter()
            .map(|column| column.key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// Report data seen as rows of cells under named columns.
pub trait Tabular {
    /// The columns, in order.
    fn columns(&self) -> Vec<Column>;
    /// The data rows.
    fn rows(&self) -> Rows<'_>;
    /// Total rows, shown under the table view only (CSV and JSON stay one record per row).
    fn totals(&self) -> Vec<Vec<Cell>> {
        Vec::new()
    }
}

/// A report's data rows: made all at once (a row per contact), or each when a renderer asks for
/// it (a row per journal entry or open item, which a large book has millions of): the renderers
/// then hold a block of rows at a time, never all of them as cells and text.
pub struct Rows<'a>(RowSource<'a>);

/// Where [`Rows`] come from.
enum RowSource<'a> {
    Made(Vec<Vec<Cell>>),
    OnDemand {
        count: usize,
        row: Box<dyn Fn(usize) -> Vec<Cell> + Sync + 'a>,
    },
}

impl<'a> Rows<'a> {
    /// `count` rows, row `i` made by `row(i)` each time a renderer needs it (a table needs each
    /// row twice: once for the column widths, once to write it).
    pub fn on_demand(count: usize, row: impl Fn(usize) -> Vec<Cell> + Sync + 'a) -> Rows<'a> {
        Rows(RowSource::OnDemand {
            count,
            row: Box::new(row),
        })
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        match &self.0 {
            RowSource::Made(rows) => rows.len(),
            RowSource::OnDemand { count, .. } => *count,
        }
    }

    /// No rows at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `index` (below [`Rows::len`]).
    pub fn get(&self, index: usize) -> std::borrow::Cow<'_, [Cell]> {
        match &self.0 {
            RowSource::Made(rows) => std::borrow::Cow::Borrowed(&rows[index]),
            RowSource::OnDemand { row, .. } => std::borrow::Cow::Owned(row(index)),
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = std::borrow::Cow<'_, [Cell]>> + '_ {
        (0..self.len()).map(|index| self.get(index))
    }
}

impl From<Vec<Vec<Cell>>> for Rows<'_> {
    fn from(rows: Vec<Vec<Cell>>) -> Self {
        Rows(RowSource::Made(rows))
    }
}

impl FromIterator<Vec<Cell>> for Rows<'_> {
    fn from_iter<I: IntoIterator<Item = Vec<Cell>>>(rows: I) -> Self {
        Rows(RowSource::Made(rows.into_iter().collect()))
    }
}
