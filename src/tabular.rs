//! The shape of report data: rows of [`Cell`]s under named [`Column`]s. Reports fill it,
//! renderers ([`crate::output`] is above) read it; neither knows the other.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// How a column's values are aligned and encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Left-aligned text.
    Text,
    /// Right-aligned number.
    Number,
}

/// What a table narrower than its rows may do to a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Shown whole on one line: ids, codes, dates, amounts. Breaking one would change what it
    /// says (`agence-hort` / `a-srl` is not a contact).
    Whole,
    /// Free text (names, memos, e-mail addresses, notes): may wrap onto more lines.
    Wrap,
}

/// A column: its key (the JSON key and CSV header), its kind, and how a table that does not fit
/// its width treats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The key, in the report's own words.
    pub key: String,
    /// Alignment and encoding.
    pub kind: ColumnKind,
    /// Whether the values may wrap in a narrow table.
    pub fit: Fit,
    /// 0: always shown (what names the row and what the report is about); above 0, left out of
    /// a table too wide for its terminal, the highest number first.
    pub priority: u8,
    /// Money in the row's `currency` column, which `--convert` converts and totals
    /// ([`crate::report::convert`]); false for counts, ratios and days.
    pub money: bool,
}

impl Column {
    /// A text column of ids or codes: never wrapped, always shown.
    pub fn text(key: impl Into<String>) -> Column {
        Column {
            key: key.into(),
            kind: ColumnKind::Text,
            fit: Fit::Whole,
            priority: 0,
            money: false,
        }
    }

    /// A column of free text (names, memos, e-mail addresses) that wraps in a narrow table.
    pub fn prose(key: impl Into<String>) -> Column {
        Column {
            fit: Fit::Wrap,
            ..Column::text(key)
        }
    }

    /// An amount or other number column.
    pub fn amount(key: impl Into<String>) -> Column {
        Column {
            kind: ColumnKind::Number,
            ..Column::text(key)
        }
    }

    /// A column of money in the currency of the row's `currency` column, summable across rows:
    /// `--convert` gives it a converted twin and a converted total.
    pub fn money(key: impl Into<String>) -> Column {
        Column {
            money: true,
            ..Column::amount(key)
        }
    }

    /// The column with `priority`: in a table too wide for its terminal, columns of priority 1
    /// and above are left out, the highest first, before the table is printed wider than it.
    pub fn priority(self, priority: u8) -> Column {
        Column { priority, ..self }
    }
}

/// One value of a report. Its text may borrow from the report (an id, a name), so a register
/// of a million rows does not copy its strings to show them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text.
    Text(Cow<'a, str>),
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

impl Cell<'_> {
    /// The text shown in tables and CSV.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        self.push_text(&mut text);
        text
    }

    /// The cell with its text owned, to outlive what it borrowed from.
    pub fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Text(text) => Cell::Text(Cow::Owned(text.into_owned())),
            Cell::Amount(amount) => Cell::Amount(amount),
            Cell::Decimal(value) => Cell::Decimal(value),
            Cell::Integer(n) => Cell::Integer(n),
            Cell::Date(date) => Cell::Date(date),
            Cell::Bool(b) => Cell::Bool(b),
            Cell::Null => Cell::Null,
        }
    }

    /// The length of [`Cell::to_text`] where it is plain ASCII and cheaper to count than to
    /// write (money, dates, numbers): `None` for text, decimals and dates beyond the year 9999.
    pub(crate) fn ascii_len(&self) -> Option<usize> {
        match self {
            Cell::Amount(amount) => Some(crate::money::amount_len(*amount)),
            Cell::Integer(n) => {
                let digits = n.unsigned_abs().checked_ilog10().map_or(1, |log| log + 1);
                Some(digits as usize + usize::from(*n < 0))
            }
            Cell::Date(date) => iso_date(*date).map(|text| text.len()),
            Cell::Bool(b) => Some(if *b { "true".len() } else { "false".len() }),
            Cell::Null => Some(0),
            Cell::Text(_) | Cell::Decimal(_) => None,
        }
    }

    /// Appends [`Cell::to_text`] to `out`.
    pub fn push_text(&self, out: &mut String) {
        use std::fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = match self {
            Cell::Text(text) => out.write_str(text),
            Cell::Amount(amount) => {
                crate::money::push_amount(*amount, out);
                Ok(())
            }
            Cell::Decimal(value) => write!(out, "{value}"),
            Cell::Integer(n) => write!(out, "{n}"),
            Cell::Date(date) => {
                push_date(*date, out);
                Ok(())
            }
            Cell::Bool(b) => write!(out, "{b}"),
            Cell::Null => Ok(()),
        };
    }
}

/// Appends `date` as ISO 8601 (`2026-03-01`), as its `Display` writes it, without the
/// formatting machinery: a register writes a date or two on each of its million rows.
fn push_date(date: NaiveDate, out: &mut String) {
    match iso_date(date) {
        // Only ASCII digits and dashes were written.
        Some(text) => out.push_str(std::str::from_utf8(&text).unwrap_or_default()),
        None => {
            use std::fmt::Write as _;
            // Writing to a String cannot fail.
            let _ = write!(out, "{date}");
        }
    }
}

/// `date` as ISO 8601 (`2026-03-01`) on the stack, for the years 0 to 9999 (others are longer).
pub(crate) fn iso_date(date: NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let year = u32::try_from(date.year())
        .ok()
        .filter(|&year| year <= 9999)?;
    let mut text = *b"0000-00-00";
    for (at, value, digits) in [(0, year, 4), (5, date.month(), 2), (8, date.day(), 2)] {
        let mut value = value;
        for place in (at..at + digits).rev() {
            text[place] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    Some(text)
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Cell<'_> {
    fn from(text: String) -> Self {
        Cell::Text(Cow::Owned(text))
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(value: Option<T>) -> Cell<'a> {
        value.map_or(Cell::Null, Into::into)
    }
}

/// Checks that row `index` has a cell for each of the columns. A row of another length is a bug of
/// the report that made it; renderers check every row rather than pair cells with columns as far
/// as both go, which would drop a value (or a column) without a word.
pub(crate) fn check_row(columns: &[Column], row: &[Cell<'_>], index: usize) -> std::io::Result<()> {
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
    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        Vec::new()
    }
    /// The display width of each column's widest data cell as a table shows it (headers and
    /// totals aside), when the report can tell it without making its rows: a table of a million
    /// rows then makes each row once, to write it, rather than twice. A report that tells it
    /// makes every row with one cell per column. `None`, the default: the table measures the
    /// rows.
    fn widest(&self) -> Option<Vec<usize>> {
        None
    }
}

/// Every byte is a printable ASCII character, which a table shows as it is, a column a byte.
pub(crate) fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// Widens `widest` (a width per column) to the cells of `row` as a table shows them, where
/// that is a count of bytes: `None` when a cell is text that is not printable ASCII, or a cell
/// the row has no column for.
pub(crate) fn widen_to_row(widest: &mut [usize], row: &[Cell<'_>]) -> Option<()> {
    if row.len() != widest.len() {
        return None;
    }
    for (width, cell) in widest.iter_mut().zip(row) {
        let shown = match cell {
            Cell::Text(text) if is_printable_ascii(text) => text.len(),
            Cell::Text(_) => return None,
            other => other.ascii_len()?,
        };
        *width = (*width).max(shown);
    }
    Some(())
}

/// One record shown as field/value rows (a contact's card, a product): for tables and CSV,
/// where a record's keys read better down the page than across it.
pub(crate) struct FieldRows(pub(crate) Vec<(String, String)>);

impl Tabular for FieldRows {
    fn columns(&self) -> Vec<Column> {
        vec![Column::text("field"), Column::prose("value")]
    }

    fn rows(&self) -> Rows<'_> {
        self.0
            .iter()
            .map(|(field, value)| vec![Cell::from(field.as_str()), Cell::from(value.as_str())])
            .collect()
    }
}

/// A report's data rows: made all at once (a row per contact), or each when a renderer asks for
/// it (a row per journal entry or open item, which a large book has millions of): the renderers
/// then hold a block of rows at a time, never all of them as cells and text.
pub struct Rows<'a>(RowSource<'a>);

/// Writes row `i` of [`Rows::on_demand_into`] into an empty vector.
type MakeRow<'a> = Box<dyn Fn(usize, &mut Vec<Cell<'a>>) + Sync + 'a>;

/// Where [`Rows`] come from.
enum RowSource<'a> {
    Made(Vec<Vec<Cell<'a>>>),
    OnDemand {
        count: usize,
        row: MakeRow<'a>,
        /// Whether a row costs more to make than its text takes to keep ([`Rows::costly`]).
        costly: bool,
    },
}

impl<'a> Rows<'a> {
    /// `count` rows, row `i` made by `row(i)` each time a renderer needs it (a table makes them
    /// twice: for the column widths, then to write, unless they are [`Rows::costly`]).
    pub fn on_demand(count: usize, row: impl Fn(usize) -> Vec<Cell<'a>> + Sync + 'a) -> Rows<'a> {
        Rows::on_demand_into(count, move |index, cells| *cells = row(index))
    }

    /// [`Rows::on_demand`] with row `i` pushed by `row(i, cells)` into an empty vector that the
    /// renderer passes again for each row: a million rows then take no allocation each.
    pub fn on_demand_into(
        count: usize,
        row: impl Fn(usize, &mut Vec<Cell<'a>>) + Sync + 'a,
    ) -> Rows<'a> {
        Rows(RowSource::OnDemand {
            count,
            row: Box::new(row),
            costly: false,
        })
    }

    /// These rows, each costing more to make than its text takes to keep (a journal line parsed
    /// for each row): a table keeps the text it measured to write it, rather than make the row
    /// again.
    pub fn costly(self) -> Rows<'a> {
        match self.0 {
            RowSource::OnDemand { count, row, .. } => Rows(RowSource::OnDemand {
                count,
                row,
                costly: true,
            }),
            made => Rows(made),
        }
    }

    /// Whether the rows are [`Rows::costly`] to make.
    pub fn is_costly(&self) -> bool {
        matches!(self.0, RowSource::OnDemand { costly: true, .. })
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
    pub fn get(&self, index: usize) -> Cow<'_, [Cell<'a>]> {
        match &self.0 {
            RowSource::Made(rows) => Cow::Borrowed(&rows[index]),
            RowSource::OnDemand { row, .. } => {
                let mut cells = Vec::new();
                row(index, &mut cells);
                Cow::Owned(cells)
            }
        }
    }

    /// Row `index` (below [`Rows::len`]), made in `scratch` when it is made on demand: a
    /// renderer going through many rows passes the same `scratch` for each.
    pub fn get_in<'s>(&'s self, index: usize, scratch: &'s mut Vec<Cell<'a>>) -> &'s [Cell<'a>] {
        match &self.0 {
            RowSource::Made(rows) => &rows[index],
            RowSource::OnDemand { row, .. } => {
                scratch.clear();
                row(index, scratch);
                scratch
            }
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, [Cell<'a>]>> + '_ {
        (0..self.len()).map(|index| self.get(index))
    }
}

impl<'a> From<Vec<Vec<Cell<'a>>>> for Rows<'a> {
    fn from(rows: Vec<Vec<Cell<'a>>>) -> Self {
        Rows(RowSource::Made(rows))
    }
}

impl<'a> FromIterator<Vec<Cell<'a>>> for Rows<'a> {
    fn from_iter<I: IntoIterator<Item = Vec<Cell<'a>>>>(rows: I) -> Self {
        Rows(RowSource::Made(rows.into_iter().collect()))
    }
}

/// Some columns of a report, in the order asked for (`--columns`): every format shows only
/// these, and a table never leaves one of them out to fit.
pub(crate) struct Picked<'a> {
    report: &'a dyn Tabular,
    /// The positions of the picked columns in the report's own.
    keep: Vec<usize>,
}

impl<'a> Picked<'a> {
    /// The columns named in `names`; an unknown name is refused with the report's column keys.
    pub(crate) fn new(report: &'a dyn Tabular, names: &[String]) -> Result<Picked<'a>, String> {
        let columns = report.columns();
        let keep = names
            .iter()
            .map(|name| {
                columns
                    .iter()
                    .position(|column| column.key == name.trim())
                    .ok_or_else(|| {
                        format!(
                            "no column `{}` in this report; its columns are: {}",
                            name.trim(),
                            columns
                                .iter()
                                .map(|column| column.key.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Picked { report, keep })
    }
}

impl Tabular for Picked<'_> {
    fn columns(&self) -> Vec<Column> {
        let columns = self.report.columns();
        self.keep
            .iter()
            .map(|&i| columns[i].clone().priority(0))
            .collect()
    }

    fn rows(&self) -> Rows<'_> {
        let rows = self.report.rows();
        let width = self.report.columns().len();
        let keep = self.keep.clone();
        Rows::on_demand(rows.len(), move |index| {
            pick(&keep, &rows.get(index), width)
        })
    }

    fn widest(&self) -> Option<Vec<usize>> {
        let widest = self.report.widest()?;
        self.keep.iter().map(|&i| widest.get(i).copied()).collect()
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        let width = self.report.columns().len();
        self.report
            .totals()
            .iter()
            .map(|row| pick(&self.keep, row, width))
            .collect()
    }
}

/// The cells of `row` at `keep`. A row of the wrong length is kept whole, so the renderer's
/// [`check_row`] still reports the bug of the report that made it.
fn pick<'a>(keep: &[usize], row: &[Cell<'a>], columns: usize) -> Vec<Cell<'a>> {
    if row.len() != columns {
        return row.to_vec();
    }
    keep.iter().map(|&i| row[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_displays_them() {
        for (year, month, day) in [
            (2026, 3, 1),
            (0, 1, 1),
            (9999, 12, 31),
            (1, 10, 9),
            (10_000, 1, 1),
            (-1, 2, 3),
        ] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            assert_eq!(Cell::Date(date).to_text(), date.to_string());
        }
    }

    #[test]
    fn the_counted_length_of_a_cell_is_the_length_of_its_text() {
        let date = |y, m, d| Cell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let mut cells = vec![
            date(2026, 3, 1),
            date(9999, 12, 31),
            date(0, 1, 1),
            date(10_000, 1, 1),
            date(-1, 1, 1),
            Cell::Integer(0),
            Cell::Integer(9),
            Cell::Integer(10),
            Cell::Integer(-10),
            Cell::Integer(i64::MIN),
            Cell::Integer(i64::MAX),
            Cell::Bool(true),
            Cell::Bool(false),
            Cell::Null,
            Cell::Amount(Decimal::MAX),
            Cell::Amount(Decimal::MIN),
            Cell::Amount(-Decimal::ZERO),
        ];
        for mantissa in [0i64, 1, -1, 5, 99, 100, -1234, 120_000, 1_000_000_007] {
            for scale in 0..=6 {
                cells.push(Cell::Amount(Decimal::new(mantissa, scale)));
            }
        }
        for cell in &cells {
            if let Some(len) = cell.ascii_len() {
                assert_eq!(len, cell.to_text().len(), "{cell:?}");
                assert!(cell.to_text().is_ascii(), "{cell:?}");
            }
        }
        assert_eq!(date(10_000, 1, 1).ascii_len(), None);
        assert_eq!(Cell::from("text").ascii_len(), None);
    }

    struct Two;

    impl Tabular for Two {
        fn columns(&self) -> Vec<Column> {
            vec![Column::text("id"), Column::amount("open").priority(2)]
        }
        fn rows(&self) -> Rows<'_> {
            vec![vec![Cell::from("a"), Cell::Integer(1)]].into()
        }
        fn totals(&self) -> Vec<Vec<Cell<'_>>> {
            vec![vec![Cell::from("total"), Cell::Integer(1)]]
        }
    }

    #[test]
    fn dates_are_written_as_their_display_writes_them() {
        let dates = [
            (1, 1, 1),
            (999, 12, 31),
            (2026, 3, 1),
            (9999, 12, 31),
            (10000, 1, 1),
        ];
        let negative = NaiveDate::from_ymd_opt(-44, 3, 15);
        let dates = dates
            .iter()
            .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .chain(negative);
        for date in dates {
            assert_eq!(Cell::Date(date).to_text(), date.to_string());
        }
    }

    #[test]
    fn picked_columns_come_in_the_order_asked_and_are_always_shown() {
        let names = ["open".to_string(), " id".to_string()];
        let picked = Picked::new(&Two, &names).unwrap();
        let columns = picked.columns();
        assert_eq!(columns[0].key, "open");
        assert_eq!(columns[0].priority, 0);
        assert_eq!(
            picked.rows().get(0).to_vec(),
            [Cell::Integer(1), Cell::from("a")]
        );
        assert_eq!(picked.totals()[0], [Cell::Integer(1), Cell::from("total")]);
    }

    #[test]
    fn an_unknown_column_is_refused_with_the_columns_there_are() {
        let error = Picked::new(&Two, &["opne".to_string()]).err().unwrap();
        assert_eq!(
            error,
            "no column `opne` in this report; its columns are: id, open"
        );
    }
}
