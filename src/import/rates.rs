//! `folio rates import`: exchange rates from a CSV file into the book's `rates/` folder.
//!
//! Two layouts are read. The ECB's reference rates (`eurofxref-hist.csv`, and the one-day
//! `eurofxref.csv`) have a `Date` column and one column per currency, each cell the rate of one
//! unit of the base currency (EUR) in that currency, `N/A` where it was not quoted, and a trailing
//! comma on every line. Any other CSV gives one pair per row: a date column and a rate column,
//! with the pair named on the command line. The plan holds only quotes the book does not have
//! yet, in files `rates/<year>.rates`; the command writes it under the book's lock.

use crate::book::Book;
use crate::book::rates::{Quote, RATES_DIR, parse_rate};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::identifiers::codes::check_currency;
use crate::input::csv::{self, CsvError, Encoding, Row, Table};
use crate::input::values;
use crate::money::Currency;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The date format of the ECB's one-day file: `06 December 2026`.
const ECB_DAY_FORMAT: &str = "%d %B %Y";

/// What a cell holds on a day a currency was not quoted (the ECB writes `N/A`).
const NOT_QUOTED: &str = "N/A";

/// How the file gives its rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// A date column, then one column per currency: the rate of one `base` in it (the ECB's).
    PerCurrency {
        /// The currency every rate is of (EUR for the ECB).
        base: Currency,
    },
    /// One quote of `from` in `to` per row, in the column `rate_column`.
    Pair {
        /// The currency quoted.
        from: Currency,
        /// The currency it is quoted in.
        to: Currency,
        /// The header of the rate column.
        rate_column: String,
    },
}

/// Which currencies of a per-currency file are imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// The currencies the book uses (contacts, entries, folio.toml), other than the base.
    Used,
    /// These currencies.
    Listed(Vec<Currency>),
    /// Every currency column.
    All,
}

/// How to read the file and what to keep of it.
#[derive(Debug, Clone)]
pub struct Options {
    /// The layout.
    pub layout: Layout,
    /// The header of the date column.
    pub date_column: String,
    /// The date format (chrono syntax); `None`: detected.
    pub date_format: Option<String>,
    /// The decimal separator of the rates, `.` or `,`.
    pub decimal: char,
    /// The delimiter; `None`: detected.
    pub delimiter: Option<char>,
    /// The currencies of a per-currency file.
    pub selection: Selection,
    /// Only days on or after this one.
    pub from: Option<NaiveDate>,
    /// Only days on or before this one.
    pub to: Option<NaiveDate>,
    /// Keep the book's rate where the file gives another for the same pair and day.
    pub keep_book: bool,
}

/// A quote of the file that differs from the book's for the same pair and day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The quote as the file gives it.
    pub quote: Quote,
    /// The book's rate for the pair and day.
    pub book_rate: Decimal,
    /// Where the file gives it.
    pub place: Place,
}

impl Conflict {
    /// The conflict in words, naming both rates.
    pub fn describe(&self) -> String {
        let Quote {
            date,
            from,
            to,
            rate,
        } = self.quote;
        format!(
            "{rate} differs from the book's {from} {to} rate for {date}, {}",
            self.book_rate
        )
    }
}

/// Where a cell is: its row as a spreadsheet numbers it, and its line and column in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The row, the header being row 1.
    pub row: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// The column's index in the header.
    pub index: usize,
}

/// The quotes of one pair an import adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairCount {
    /// The currency quoted.
    pub from: Currency,
    /// The currency it is quoted in.
    pub to: Currency,
    /// How many quotes are added.
    pub added: usize,
    /// The first day added.
    pub first: NaiveDate,
    /// The last day added.
    pub last: NaiveDate,
}

/// What an import would write.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The new lines of each rates file (`rates/<year>.rates`), in date then pair order.
    pub files: Vec<(PathBuf, Vec<String>)>,
    /// The quotes added, per pair.
    pub pairs: Vec<PairCount>,
    /// How many days the added quotes cover.
    pub days: usize,
    /// Quotes of the file the book already has, with the same rate.
    pub already: usize,
    /// Quotes of the file whose rate differs from the book's, kept as the book has them
    /// (`keep_book`).
    pub kept: Vec<Conflict>,
    /// Currencies asked for (or used by the book) that the file has no column for.
    pub missing: Vec<Currency>,
    /// Column headers of a per-currency file that are not currencies folio knows (the ECB's
    /// history keeps columns of currencies since replaced, such as CYP).
    pub unknown_columns: Vec<String>,
}

impl Plan {
    /// How many quotes are added.
    pub fn added(&self) -> usize {
        self.pairs.iter().map(|pair| pair.added).sum()
    }
}

/// Why nothing can be imported.
#[derive(Debug)]
pub enum Refusal {
    /// The file is not CSV as folio reads it (empty, a quote that never ends, a short row).
    Malformed(Vec<Diagnostic>),
    /// Cells that are not dates or rates, at their row and column.
    Cells(Vec<Diagnostic>),
    /// Rates that differ from the book's for the same pair and day, at their cells.
    Conflicts(Vec<Diagnostic>),
    /// Anything else: the file cannot be read, a column is missing, ...
    Other(Error),
}

impl From<Error> for Refusal {
    fn from(error: Error) -> Self {
        Refusal::Other(error)
    }
}

/// Reads `path` and plans the quotes to add to `book`.
pub fn plan(book: &Book, path: &Path, options: &Options) -> std::result::Result<Plan, Refusal> {
    plan_text(book, &read_text(path)?, path, options)
}

/// Plans the quotes of `text`, the contents of `path`, to add to `book`.
pub fn plan_text(
    book: &Book,
    text: &str,
    path: &Path,
    options: &Options,
) -> std::result::Result<Plan, Refusal> {
    let table = csv::parse(text, options.delimiter, 0).map_err(|errors| {
        Refusal::Malformed(errors.iter().map(|e| e.diagnostic(path, text)).collect())
    })?;
    let reader = Reader {
        table: &table,
        text,
        path,
        options,
    };
    let mut plan = Plan::default();
    let columns = reader.rate_columns(book, &mut plan)?;
    let found = reader.quotes(&columns)?;
    add_new(book, found, options.keep_book, &mut plan).map_err(|problems| match problems {
        Problems::Conflicts(conflicts) => Refusal::Conflicts(
            conflicts
                .iter()
                .map(|c| {
                    let message = format!("{} (pass --keep-book to keep it)", c.describe());
                    reader.problem_at(c.place, message)
                })
                .collect(),
        ),
        Problems::Repeated(place, message) => {
            Refusal::Cells(vec![reader.problem_at(place, message)])
        }
    })?;
    Ok(plan)
}

/// The file's text; a missing file is exit 66, an unreadable one 74.
fn read_text(path: &Path) -> Result<String> {
    let bytes = crate::input::read(path, crate::input::CSV).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!("no file {}", path.display())),
        _ => crate::input::error(path, e),
    })?;
    let decoded = csv::decode(&bytes, Encoding::Utf8).map_err(|e| {
        Error::InvalidData(format!(
            "{}:{}:{}: {}",
            path.display(),
            e.line,
            e.column,
            e.message
        ))
    })?;
    Ok(decoded.text)
}

/// A rate column: where it is and the pair its cells quote.
#[derive(Debug, Clone, Copy)]
struct RateColumn {
    index: usize,
    from: Currency,
    to: Currency,
}

/// A quote read from the file, with its place.
struct Found {
    quote: Quote,
    place: Place,
}

/// Why the quotes read cannot be added.
enum Problems {
    /// Rates that differ from the book's.
    Conflicts(Vec<Conflict>),
    /// A pair and day the file gives twice with different rates: the later cell.
    Repeated(Place, String),
}

struct Reader<'a> {
    table: &'a Table,
    text: &'a str,
    path: &'a Path,
    options: &'a Options,
}

impl Reader<'_> {
    fn column(&self, name: &str, what: &str) -> Result<usize> {
        self.table.column(name).ok_or_else(|| {
            let names: Vec<&str> = (0..self.table.header.cells.len())
                .map(|index| self.table.column_name(index))
                .filter(|name| !name.is_empty())
                .collect();
            Error::InvalidData(format!(
                "{} has no column `{name}` ({what}); its columns: {}",
                self.path.display(),
                names.join(", ")
            ))
        })
    }

    /// The columns to read, and in `plan` what was asked for but is not in the file.
    fn rate_columns(&self, book: &Book, plan: &mut Plan) -> Result<Vec<RateColumn>> {
        let date = self.column(&self.options.date_column, "the dates")?;
        match &self.options.layout {
            Layout::Pair {
                from,
                to,
                rate_column,
            } => Ok(vec![RateColumn {
                index: self.column(rate_column, "the rates")?,
                from: *from,
                to: *to,
            }]),
            Layout::PerCurrency { base } => {
                let mut offered = Vec::new();
                for index in (0..self.table.header.cells.len()).filter(|&i| i != date) {
                    let name = self.table.column_name(index);
                    match Currency::parse(name).filter(|_| check_currency(name).is_ok()) {
                        Some(currency) if currency != *base => offered.push((index, currency)),
                        Some(_) => {}
                        None if name.is_empty() => {}
                        None => plan.unknown_columns.push(name.to_string()),
                    }
                }
                let wanted: Option<Vec<Currency>> = match &self.options.selection {
                    Selection::All => None,
                    Selection::Listed(list) => Some(list.clone()),
                    Selection::Used => Some(used_currencies(book, *base)),
                };
                let mut columns = Vec::new();
                for (index, currency) in &offered {
                    if wanted.as_ref().is_none_or(|w| w.contains(currency)) {
                        columns.push(RateColumn {
                            index: *index,
                            from: *base,
                            to: *currency,
                        });
                    }
                }
                plan.missing = wanted
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c != base && !offered.iter().any(|(_, o)| o == c))
                    .collect();
                Ok(columns)
            }
        }
    }

    /// Every quote of the chosen columns within the days asked for.
    fn quotes(&self, columns: &[RateColumn]) -> std::result::Result<Vec<Found>, Refusal> {
        let date_index = self.column(&self.options.date_column, "the dates")?;
        let formats = self.date_formats(date_index);
        let mut problems = Vec::new();
        let mut found = Vec::new();
        for row in &self.table.rows {
            let Some(date) = self.date(row, date_index, &formats, &mut problems) else {
                continue;
            };
            let within = self.options.from.is_none_or(|from| date >= from)
                && self.options.to.is_none_or(|to| date <= to);
            if !within {
                continue;
            }
            for column in columns {
                match self.rate(row, column.index) {
                    Ok(None) => {}
                    Ok(Some(rate)) => found.push(Found {
                        quote: Quote {
                            date,
                            from: column.from,
                            to: column.to,
                            rate,
                        },
                        place: place(row, column.index),
                    }),
                    Err(message) => problems.push(self.problem(row, column.index, message)),
                }
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(Refusal::Cells(problems))
        }
    }

    /// The formats tried on the dates: the one given, else the first that reads every date.
    fn date_formats(&self, index: usize) -> Vec<String> {
        if let Some(format) = &self.options.date_format {
            return vec![format.clone()];
        }
        let values = self.table.rows.iter().filter_map(|row| row.get(index));
        if let Some(format) = values::detect_date_format(values.clone()) {
            return vec![format];
        }
        let day_format = [ECB_DAY_FORMAT.to_string()];
        if values
            .clone()
            .all(|v| values::parse_date(v, &day_format).is_ok())
        {
            return day_format.to_vec();
        }
        std::iter::once(ECB_DAY_FORMAT)
            .chain(values::DATE_FORMATS.iter().copied())
            .map(String::from)
            .collect()
    }

    fn date(
        &self,
        row: &Row,
        index: usize,
        formats: &[String],
        problems: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        let Some(text) = row.get(index) else {
            problems.push(self.problem(row, index, "the date is empty".into()));
            return None;
        };
        let read = formats
            .iter()
            .find_map(|f| values::parse_date(text, std::slice::from_ref(f)).ok());
        if read.is_none() {
            let message = match (formats, &self.options.date_format) {
                ([one], Some(_)) => values::parse_date(text, std::slice::from_ref(one))
                    .err()
                    .unwrap_or_default(),
                _ => format!(
                    "`{text}` is not a date: expected YYYY-MM-DD or `06 December 2026` (or give --date-format, e.g. %d/%m/%Y)"
                ),
            };
            problems.push(self.problem(row, index, message));
        }
        read
    }

    /// The rate of a cell; `None` when the cell is empty or `N/A`.
    fn rate(&self, row: &Row, index: usize) -> std::result::Result<Option<Decimal>, String> {
        let Some(text) = row.get(index) else {
            return Ok(None);
        };
        if text.eq_ignore_ascii_case(NOT_QUOTED) {
            return Ok(None);
        }
        let mut text = if self.options.decimal == ',' {
            text.replace(',', ".")
        } else {
            text.to_string()
        };
        // Trailing zeros past the tenth decimal (a program's float output) say nothing more.
        if let Some((_, decimals)) = text.split_once('.')
            && decimals.len() > 10
        {
            text = text.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        parse_rate(&text).map(Some)
    }

    fn problem(&self, row: &Row, index: usize, message: String) -> Diagnostic {
        self.problem_at(place(row, index), message)
    }

    /// A problem at a cell, naming its row and column as a spreadsheet shows them.
    fn problem_at(&self, place: Place, message: String) -> Diagnostic {
        CsvError {
            line: place.line,
            column: place.column,
            message: format!(
                "row {}, column `{}`: {message}",
                place.row,
                self.table.column_name(place.index)
            ),
        }
        .diagnostic(self.path, self.text)
    }
}

/// The place of the cell of `row` in column `index`.
fn place(row: &Row, index: usize) -> Place {
    let (line, column) = row
        .cells
        .get(index)
        .map_or((row.line, 1), |cell| (cell.line, cell.column));
    Place {
        row: row.number,
        line,
        column,
        index,
    }
}

/// The currencies the book uses, other than `base`: folio.toml's (its currency and the one reports
/// convert to), the contacts', the entries'.
pub fn used_currencies(book: &Book, base: Currency) -> Vec<Currency> {
    let mut used: BTreeSet<Currency> = BTreeSet::new();
    used.extend(book.config.currency);
    used.extend(book.config.reports.convert);
    used.extend(book.contacts.iter().filter_map(|c| c.currency));
    used.extend(book.entries.iter().map(|e| e.currency));
    used.remove(&base);
    used.into_iter().collect()
}

/// Adds to `plan` the quotes the book does not have; refuses rates that differ from the book's
/// (unless `keep_book`) or from another row of the file.
fn add_new(
    book: &Book,
    found: Vec<Found>,
    keep_book: bool,
    plan: &mut Plan,
) -> std::result::Result<(), Problems> {
    let existing: BTreeMap<(NaiveDate, Currency, Currency), Decimal> = book
        .rates
        .quotes()
        .map(|q| ((q.date, q.from, q.to), q.rate))
        .collect();
    let mut new: BTreeMap<(NaiveDate, Currency, Currency), (Decimal, Place)> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for Found { quote, place } in found {
        let key = (quote.date, quote.from, quote.to);
        match (existing.get(&key), new.get(&key)) {
            (Some(&rate), _) if rate == quote.rate => plan.already += 1,
            (Some(&book_rate), _) => conflicts.push(Conflict {
                quote,
                book_rate,
                place,
            }),
            (None, Some(&(rate, first))) if rate != quote.rate => {
                return Err(Problems::Repeated(
                    place,
                    format!(
                        "{} for {} {} {} differs from {rate} at row {}",
                        quote.rate, quote.date, quote.from, quote.to, first.row
                    ),
                ));
            }
            (None, Some(_)) => {}
            (None, None) => {
                new.insert(key, (quote.rate, place));
            }
        }
    }
    if !conflicts.is_empty() {
        if !keep_book {
            return Err(Problems::Conflicts(conflicts));
        }
        plan.kept = conflicts;
    }
    plan_files(book, &new, plan);
    Ok(())
}

/// The lines of each `rates/<year>.rates`, and the counts per pair.
fn plan_files(
    book: &Book,
    new: &BTreeMap<(NaiveDate, Currency, Currency), (Decimal, Place)>,
    plan: &mut Plan,
) {
    let mut files: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut pairs: BTreeMap<(Currency, Currency), PairCount> = BTreeMap::new();
    let mut days = BTreeSet::new();
    for (&(date, from, to), &(rate, _)) in new {
        files
            .entry(date.year())
            .or_default()
            .push(format!("{date} {from} {to} {rate}"));
        days.insert(date);
        let count = pairs.entry((from, to)).or_insert(PairCount {
            from,
            to,
            added: 0,
            first: date,
            last: date,
        });
        count.added += 1;
        count.first = count.first.min(date);
        count.last = count.last.max(date);
    }
    plan.files = files
        .into_iter()
        .map(|(year, lines)| (rates_path(&book.root, year), lines))
        .collect();
    plan.pairs = pairs.into_values().collect();
    plan.days = days.len();
}

/// The rates file quotes of `year` are added to: `rates/<year>.rates`.
pub fn rates_path(root: &Path, year: i32) -> PathBuf {
    root.join(RATES_DIR).join(format!("{year:04}.rates"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Location;
    use crate::book::rates::parse_rates_file;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    /// A book in EUR with a USD customer and one quote, kept with its folder.
    fn book() -> (tempfile::TempDir, Book) {
        let dir = tempfile::tempdir().unwrap();
        let write = |relative: &str, text: &str| {
            let path = dir.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("folio.toml", "name = \"T\"\ncurrency = \"EUR\"\n");
        write("contacts/us.toml", "name = \"US\"\ncurrency = \"USD\"\n");
        write("rates/2026.rates", "2026-01-02 EUR USD 1.1\n");
        let book = crate::checks::load_valid(&Location {
            root: dir.path().to_path_buf(),
        })
        .unwrap();
        (dir, book)
    }

    fn options(selection: Selection) -> Options {
        Options {
            layout: Layout::PerCurrency { base: cur("EUR") },
            date_column: "Date".into(),
            date_format: None,
            decimal: '.',
            delimiter: None,
            selection,
            from: None,
            to: None,
            keep_book: false,
        }
    }

    /// Every line a plan would write, read back as `check` reads a rates file.
    fn read_back(plan: &Plan) -> Vec<Quote> {
        let mut diagnostics = Vec::new();
        let text: String = plan
            .files
            .iter()
            .flat_map(|(_, lines)| lines)
            .map(|line| format!("{line}\n"))
            .collect();
        let quotes = parse_rates_file(&text, Path::new("r.rates"), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        quotes.into_iter().map(|placed| placed.quote).collect()
    }

    #[test]
    fn every_planned_line_reads_back_as_the_quote_of_its_cell() {
        let (_dir, book) = book();
        let text = "Date,USD,JPY,KWD,\n2026-01-05,0.0000000001,999999999999.5,N/A,\n\
                    2026-01-02,1.1,161,0.335,\n2026-01-06,1.50000000000000,n/a,,\n";
        let plan = plan_text(&book, text, Path::new("f.csv"), &options(Selection::All)).unwrap();
        let quotes: Vec<String> = read_back(&plan)
            .iter()
            .map(|q| format!("{} {} {} {}", q.date, q.from, q.to, q.rate))
            .collect();
        assert_eq!(
            quotes,
            [
                "2026-01-02 EUR JPY 161",
                "2026-01-02 EUR KWD 0.335",
                "2026-01-05 EUR JPY 999999999999.5",
                "2026-01-05 EUR USD 0.0000000001",
                "2026-01-06 EUR USD 1.5",
            ]
        );
        assert_eq!(plan.already, 1);
        assert_eq!(plan.days, 3);
    }

    #[test]
    fn hostile_files_are_refused_or_planned_never_a_panic() {
        let (_dir, book) = book();
        let texts = [
            "",
            "Date",
            "Date,USD\n",
            ",,,\n,,,\n",
            "Date,USD\n2026-01-05,1e400\n",
            "Date,USD\n2026-01-05,NaN\n",
            "Date,USD\n2026-01-05,-0\n",
            "Date,USD\n2026-01-05,\u{ff11}.0\n",
            "Date,USD\n2026-01-05,99999999999999999999999999999999.1\n",
            "Date,USD\n2026-01-05,0.00000000000000000000000000000001\n",
            "Date,USD\n99 Smarch 2026,1\n",
            "Date,USD\n+262143-01-01,1\n",
            "Date,USD,USD\n2026-01-05,1,2\n",
            "Date,usd,Date\n2026-01-05,1,2\n",
            "\u{feff}Date;USD;\r\n05.01.2026;1,2;\r\n",
            "Date,\u{0}\u{202e},USD\n2026-01-05,\u{0},1.2\n",
        ];
        for text in texts {
            for selection in [Selection::All, Selection::Used] {
                if let Ok(plan) = plan_text(&book, text, Path::new("f.csv"), &options(selection)) {
                    read_back(&plan);
                }
            }
        }
    }

    #[test]
    fn a_pair_csv_gives_its_pair_and_one_day_given_twice_must_agree() {
        let (_dir, book) = book();
        let pair = Options {
            layout: Layout::Pair {
                from: cur("USD"),
                to: cur("EUR"),
                rate_column: "close".into(),
            },
            decimal: ',',
            ..options(Selection::Used)
        };
        let text = "date;Close\n2026-01-05;0,91\n2026-01-05;0,91\n";
        let plan = plan_text(&book, text, Path::new("f.csv"), &pair).unwrap();
        assert_eq!(plan.files[0].1, ["2026-01-05 USD EUR 0.91"]);
        let text = "date;Close\n2026-01-05;0,91\n2026-01-05;0,92\n";
        let Err(Refusal::Cells(problems)) = plan_text(&book, text, Path::new("f.csv"), &pair)
        else {
            panic!("two rates for one day were accepted");
        };
        assert_eq!((problems[0].line, problems[0].column), (3, 12));
        assert!(
            problems[0]
                .message
                .contains("0.92 for 2026-01-05 USD EUR differs from 0.91 at row 2"),
            "{}",
            problems[0].message
        );
    }
}
