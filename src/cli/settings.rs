//! Turns clap's arguments into validated settings the library understands. Domain modules
//! never see clap.

use crate::book::{Book, Role};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::money::Currency;
use crate::output::{Format, Style};
use crate::report::Scope;
use chrono::NaiveDate;
use std::ffi::OsString;
use std::io::IsTerminal;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Aligned columns.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

/// `--role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// We invoice them.
    Customer,
    /// They bill us.
    Supplier,
}

impl RoleArg {
    /// The role.
    pub fn role(self) -> Role {
        match self {
            RoleArg::Customer => Role::Customer,
            RoleArg::Supplier => Role::Supplier,
        }
    }
}

/// The options every report takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT", help_heading = "Output")]
    pub format: FormatArg,
    /// Count only entries dated on or before this date (default: today): 2026-11-25, a month,
    /// quarter or year for its last day (2026-10, 2026-Q3, 2026), yesterday, -30d
    /// (`folio help dates`).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, help_heading = "Output")]
    pub as_of: Option<NaiveDate>,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long, help_heading = "Output")]
    pub raw: bool,
}

/// `--convert` and `--no-convert`, for the reports whose amounts can be totalled in one currency.
#[derive(Debug, Clone, clap::Args)]
pub struct ConvertArgs {
    /// Add every amount converted to this currency at the rate of the as-of date, and the
    /// converted total (default: `[reports] convert` in folio.toml; docs/reports.md).
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, help_heading = "Output")]
    pub convert: Option<Currency>,
    /// Convert nothing, even when folio.toml sets `[reports] convert`.
    #[arg(long, conflicts_with = "convert", help_heading = "Output")]
    pub no_convert: bool,
}

impl ConvertArgs {
    /// The currency to convert to: `--convert`, else `[reports] convert`, unless `--no-convert`.
    pub fn target(&self, book: &Book) -> Option<Currency> {
        if self.no_convert {
            return None;
        }
        self.convert.or(book.config.reports.convert)
    }

    /// [`ConvertArgs::target`] with the day whose rates convert.
    pub fn at(&self, book: &Book, date: NaiveDate) -> Option<(Currency, NaiveDate)> {
        self.target(book).map(|target| (target, date))
    }
}

/// `--contact`, `--currency` and `--payables`, for reports that filter rows.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Report payables (bills, payouts, debit notes) instead of receivables.
    #[arg(long, help_heading = "Filters")]
    pub payables: bool,
    /// Only this contact.
    #[arg(long, value_name = "CONTACT", help_heading = "Filters")]
    pub contact: Option<String>,
    /// Only this currency.
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, help_heading = "Filters")]
    pub currency: Option<Currency>,
    /// Only the members of this segment (`folio segments` lists them).
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub segment: Option<String>,
}

/// Which end of a period a date option names. A month, quarter or year typed where one day is
/// meant stands for its first day in an option that opens a period (`--from`, `--since`, an
/// entry's `--date`) and its last in one that closes it (`--to`, `--as-of`, `--due`), so
/// `--from 2026-10 --to 2026-10` is the whole of October.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// The first day of a period.
    Start,
    /// The last day of a period.
    End,
}

/// Every form a date option takes, for error messages.
const DATE_FORMS: &str = "YYYY-MM-DD, today, yesterday, tomorrow, a month (2026-10), a quarter \
(2026-Q3), a year (2026), or days, weeks, months or years from today (-30d, +14d, -2w, +1m, -1y); \
`folio help dates` shows them all";

/// Parses a date option that opens a period (`--from`): see [`resolve_date`].
pub fn parse_start_date(text: &str) -> std::result::Result<NaiveDate, String> {
    resolve_date(text, DateRole::Start, today())
}

/// Parses a date option that closes a period (`--to`, `--as-of`): see [`resolve_date`].
pub fn parse_end_date(text: &str) -> std::result::Result<NaiveDate, String> {
    resolve_date(text, DateRole::End, today())
}

/// Reads a date as people type it, seen from `today`: a day `YYYY-MM-DD`; `today`, `yesterday`
/// or `tomorrow`; a month `2026-10`, a quarter `2026-Q3` or a year `2026`, which stand for their
/// first or last day as `role` says; or a signed count of days, weeks, months or years from
/// today (`-30d`, `+14d`, `-2w`, `+1m`, `-1y`; a month from the 31st is the month's last day).
pub fn resolve_date(
    text: &str,
    role: DateRole,
    today: NaiveDate,
) -> std::result::Result<NaiveDate, String> {
    let out_of_range = || format!("`{text}` is out of the range of dates");
    match text.to_ascii_lowercase().as_str() {
        "today" => return Ok(today),
        "yesterday" => return today.pred_opt().ok_or_else(out_of_range),
        "tomorrow" => return today.succ_opt().ok_or_else(out_of_range),
        _ => {}
    }
    if let Some(offset) = relative_offset(text) {
        return offset
            .and_then(|offset| offset.from(today))
            .ok_or_else(out_of_range);
    }
    let bytes = text.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        return crate::journal::parser::parse_date(text);
    }
    match crate::report::vat::Period::parse(&text.to_ascii_uppercase()) {
        Ok(period) if role == DateRole::Start => Ok(period.from),
        Ok(period) => Ok(period.to),
        Err(_) => Err(format!("`{text}` is not a date: expected {DATE_FORMS}")),
    }
}

/// A signed count of days, weeks, months or years, as in `-30d`.
#[derive(Debug, Clone, Copy)]
struct Offset {
    back: bool,
    count: u32,
    unit: u8,
}

/// `Some(None)` when `text` has the shape of an offset but a count too large for any date.
fn relative_offset(text: &str) -> Option<Option<Offset>> {
    let back = match text.as_bytes().first()? {
        b'-' => true,
        b'+' => false,
        _ => return None,
    };
    let body = &text[1..];
    let unit = body.bytes().last()?.to_ascii_lowercase();
    if !matches!(unit, b'd' | b'w' | b'm' | b'y') {
        return None;
    }
    // The unit is one ASCII byte, so the digits end on a character boundary.
    let digits = &body[..body.len() - 1];
    let shaped = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    shaped.then(|| {
        digits
            .parse()
            .ok()
            .map(|count| Offset { back, count, unit })
    })
}

impl Offset {
    /// The day this offset reaches from `today`; `None` past the range of dates.
    fn from(self, today: NaiveDate) -> Option<NaiveDate> {
        let months = |n: u32| chrono::Months::new(n);
        let days = |n: u32| chrono::Days::new(u64::from(n));
        match (self.unit, self.back) {
            (b'd', false) => today.checked_add_days(days(self.count)),
            (b'd', true) => today.checked_sub_days(days(self.count)),
            (b'w', false) => today.checked_add_days(days(self.count.checked_mul(7)?)),
            (b'w', true) => today.checked_sub_days(days(self.count.checked_mul(7)?)),
            (b'm', false) => today.checked_add_months(months(self.count)),
            (b'm', true) => today.checked_sub_months(months(self.count)),
            (_, false) => today.checked_add_months(months(self.count.checked_mul(12)?)),
            (_, true) => today.checked_sub_months(months(self.count.checked_mul(12)?)),
        }
    }
}

/// Moves the options a user typed before the command to just after its name: `folio --format
/// json credit score` is read as `folio credit score --format json`. Each command keeps its own
/// definition of the option (`render --format pdf`, `export --format vcard`), its help lists only
/// what it takes, and an option the command does not have is refused by clap as usual. clap's
/// `global = true` cannot do this: a global option is shown and accepted by every command, and one
/// value type is forced on every command that defines the option differently.
///
/// Only `--long` options unknown to the top level move, and only when every command that has one
/// agrees whether it takes a value; anything else is left where it is for clap to judge.
pub fn options_after_command(command: &clap::Command, args: Vec<OsString>) -> Vec<OsString> {
    if !an_unknown_option_comes_first(command, &args) {
        return args;
    }
    let mut root = command.clone();
    root.build();
    let words: Vec<Option<&str>> = args.iter().map(|a| a.to_str()).collect();
    let (mut kept, mut moved) = (vec![], vec![]);
    let mut index = 1;
    while let Some(Some(word)) = words.get(index).copied() {
        if is_top_level_short_flag(&root, word) {
            kept.push(index);
            index += 1;
            continue;
        }
        let Some(long) = word.strip_prefix("--").filter(|long| !long.is_empty()) else {
            break;
        };
        let (name, inline_value) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        let (to, takes_value) = match find_long(&root, name) {
            Some(arg) => (&mut kept, arg.get_action().takes_values()),
            None => match value_shape_below(&root, name) {
                Some(takes_value) => (&mut moved, takes_value),
                None => break,
            },
        };
        let words_taken = if takes_value && !inline_value { 2 } else { 1 };
        to.extend(index..(index + words_taken).min(args.len()));
        index += words_taken;
    }
    let first_name = index;
    let mut current = &root;
    while let Some(sub) = words
        .get(index)
        .copied()
        .flatten()
        .and_then(|word| current.find_subcommand(word))
    {
        current = sub;
        index += 1;
    }
    if moved.is_empty() || index == first_name {
        return args;
    }
    let order = std::iter::once(0)
        .chain(kept)
        .chain(first_name..index)
        .chain(moved)
        .chain(index..args.len());
    order.map(|i| args[i].clone()).collect()
}

/// Whether a `--long` option the top level does not define comes before the command: the only
/// case where the whole command tree needs building (clap builds only the command it runs).
fn an_unknown_option_comes_first(command: &clap::Command, args: &[OsString]) -> bool {
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(Some(word)) = words.next() {
        if is_top_level_short_flag(command, word) {
            continue;
        }
        let Some(long) = word.strip_prefix("--").filter(|long| !long.is_empty()) else {
            return false;
        };
        let (name, inline_value) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        match find_long(command, name) {
            Some(arg) if arg.get_action().takes_values() && !inline_value => {
                words.next();
            }
            Some(_) => {}
            None => return !matches!(name, "help" | "version"),
        }
    }
    false
}

/// Whether `word` is one or more short flags of `command` itself that take no value (`-q`).
fn is_top_level_short_flag(command: &clap::Command, word: &str) -> bool {
    let Some(shorts) = word
        .strip_prefix('-')
        .filter(|s| !s.is_empty() && !s.starts_with('-'))
    else {
        return false;
    };
    shorts.chars().all(|c| {
        command
            .get_arguments()
            .any(|arg| arg.get_short() == Some(c) && !arg.get_action().takes_values())
    })
}

/// The argument of `command` itself whose long name (or alias) is `name`.
fn find_long<'a>(command: &'a clap::Command, name: &str) -> Option<&'a clap::Arg> {
    command.get_arguments().find(|arg| {
        arg.get_long() == Some(name) || arg.get_all_aliases().is_some_and(|a| a.contains(&name))
    })
}

/// Whether `--name` takes one value in every subcommand that has it (`Some(true)`), is a flag in
/// every one (`Some(false)`); `None` when no subcommand has it or they disagree.
fn value_shape_below(command: &clap::Command, name: &str) -> Option<bool> {
    fn shape(arg: &clap::Arg) -> Option<bool> {
        if !arg.get_action().takes_values() {
            return Some(false);
        }
        let range = arg.get_num_args()?;
        (range.min_values() == 1 && range.max_values() == 1).then_some(true)
    }
    fn collect(command: &clap::Command, name: &str, shapes: &mut Vec<Option<bool>>) {
        for sub in command.get_subcommands() {
            shapes.extend(find_long(sub, name).map(shape));
            collect(sub, name, shapes);
        }
    }
    let mut shapes = vec![];
    collect(command, name, &mut shapes);
    let first = *shapes.first()?;
    shapes
        .iter()
        .all(|&s| s == first)
        .then_some(first)
        .flatten()
}

/// Parses a currency argument.
pub fn parse_currency_arg(text: &str) -> std::result::Result<Currency, String> {
    Currency::parse(text).ok_or_else(|| {
        format!("`{text}` is not a currency: expected three upper-case letters, e.g. EUR")
    })
}

/// Today, in the local time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl ReportArgs {
    /// The output format.
    pub fn format(&self) -> Format {
        self.format.into()
    }

    /// The as-of date.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(today)
    }

    /// The renderer settings, given the global colour style.
    pub fn style(&self, style: Style) -> Style {
        Style {
            raw_csv: self.raw,
            ..style
        }
    }
}

impl FilterArgs {
    /// The side.
    pub fn side(&self) -> Side {
        if self.payables {
            Side::Payables
        } else {
            Side::Receivables
        }
    }

    /// The scope of a report, with the contact checked against the book.
    pub fn scope(&self, book: &Book, as_of: NaiveDate) -> Result<Scope> {
        let contact = self
            .contact
            .as_deref()
            .map(|id| book.require_contact(id))
            .transpose()?;
        Ok(Scope {
            as_of,
            side: self.side(),
            contact,
            currency: self.currency,
            members: self
                .segment
                .as_deref()
                .map(|name| {
                    let revenue = crate::cli::common::revenue(book)?;
                    crate::report::segments::membership(book, &revenue, name, as_of)
                })
                .transpose()?,
        })
    }
}

/// Colour on or off, from `--color` and the environment, the width tables fit in, and the
/// columns of `--columns` (none given: every column).
pub fn style(choice: ColorChoice, columns: &[String]) -> Style {
    Style {
        color: crate::output::terminal::color_for(choice.forced(), std::io::stdout().is_terminal()),
        raw_csv: false,
        width: crate::output::terminal::table_width(),
        columns: picked_columns(columns),
    }
}

/// `--columns`, kept for the whole run: the renderers' [`Style`] is copied into every report of
/// a command, and the list is made once per process.
fn picked_columns(columns: &[String]) -> Option<&'static [String]> {
    if columns.is_empty() {
        return None;
    }
    Some(Box::leak(columns.to_vec().into_boxed_slice()))
}

impl ColorChoice {
    /// `Some(true)` for always, `Some(false)` for never, `None` for auto.
    pub fn forced(self) -> Option<bool> {
        match self {
            ColorChoice::Always => Some(true),
            ColorChoice::Never => Some(false),
            ColorChoice::Auto => None,
        }
    }
}

/// A usage error for values clap cannot check.
pub fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into())
}

/// `--chart [WHEN]`: bars under a table, for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartChoice {
    /// Draw when stdout is a terminal (what a bare `--chart` means).
    Auto,
    /// Draw even into a pipe or a file.
    Always,
    /// Never draw (the default without `--chart`).
    Never,
}

/// The `--chart` flag of `aging` and `report collection`.
#[derive(Debug, Clone, clap::Args)]
pub struct ChartArg {
    /// Draw bar charts under the table: `--chart` (or `auto`) on a terminal only, `always` also into a
    /// pipe, `never`. Width: $COLUMNS, else the terminal's, else 80.
    #[arg(long, value_enum, value_name = "WHEN", num_args = 0..=1, default_missing_value = "auto")]
    pub chart: Option<ChartChoice>,
}

impl ChartArg {
    /// Whether to draw: never with CSV or JSON (stdout stays data; `--chart always` there is a
    /// usage error), else as asked.
    pub fn enabled(&self, format: Format) -> Result<bool> {
        let choice = self.chart.unwrap_or(ChartChoice::Never);
        if format != Format::Table {
            return match choice {
                ChartChoice::Always => Err(usage(
                    "--chart always draws under a table: it cannot be mixed into CSV or JSON",
                )),
                _ => Ok(false),
            };
        }
        Ok(match choice {
            ChartChoice::Always => true,
            ChartChoice::Never => false,
            ChartChoice::Auto => std::io::stdout().is_terminal(),
        })
    }
}

/// The width charts are drawn in: `$COLUMNS` when set, else the terminal's, else 80.
pub fn chart_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(80)
}

/// The filters of `folio entries` and `folio export entries`.
#[derive(Debug, Clone, clap::Args)]
pub struct EntryFilterArgs {
    /// Only entries dated on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true, help_heading = "Filters")]
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, help_heading = "Filters")]
    pub to: Option<NaiveDate>,
    /// Only this contact's entries.
    #[arg(long, value_name = "CONTACT", help_heading = "Filters")]
    pub contact: Option<String>,
    /// Only this kind: invoice, payment, credit, refund, bill, payout, debit; repeat for several.
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind_arg, help_heading = "Filters")]
    pub kinds: Vec<crate::journal::Kind>,
    /// Only this currency.
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg, help_heading = "Filters")]
    pub currency: Option<Currency>,
    /// Only the entries applied to this document (their `ref:` names it): its payments, credit
    /// notes, refunds...
    #[arg(long = "ref", value_name = "DOC", help_heading = "Filters")]
    pub reference: Option<String>,
}

impl EntryFilterArgs {
    /// The filter, with the contact and the document checked against the book (not found: exit
    /// 66, naming the nearest ids).
    pub fn filter(&self, book: &Book) -> Result<crate::report::register::EntryFilter> {
        check_range(self.from, self.to)?;
        Ok(crate::report::register::EntryFilter {
            from: self.from,
            to: self.to,
            contact: self
                .contact
                .as_deref()
                .map(|id| book.require_contact(id))
                .transpose()?,
            kinds: self.kinds.clone(),
            currency: self.currency,
            reference: self
                .reference
                .as_deref()
                .map(|id| book.require_entry(id))
                .transpose()?,
        })
    }
}

/// Parses an entry kind: the journal's word (`credit`) or the command's (`credit-note`).
pub fn parse_kind_arg(text: &str) -> std::result::Result<crate::journal::Kind, String> {
    let word = match text {
        "credit-note" => "credit",
        "debit-note" => "debit",
        other => other,
    };
    crate::journal::Kind::parse(word).ok_or_else(|| {
        format!("`{text}` is not a kind: expected invoice, payment, credit, refund, writeoff, bill, payout, debit or payable-writeoff")
    })
}

/// `--from` after `--to` is a usage error.
pub fn check_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<()> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(usage(format!(
            "--from {from} is after --to {to}: expected a first day on or before the last"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::journal::parser::parse_date(text).unwrap()
    }

    fn both(text: &str, today: &str) -> (String, String) {
        let today = day(today);
        let read = |role| resolve_date(text, role, today).map_or_else(|e| e, |d| d.to_string());
        (read(DateRole::Start), read(DateRole::End))
    }

    fn same(date: &str) -> (String, String) {
        (date.to_string(), date.to_string())
    }

    #[test]
    fn a_day_and_the_named_days_are_the_same_for_both_ends() {
        assert_eq!(both("2026-03-15", "2026-12-06"), same("2026-03-15"));
        assert_eq!(both("today", "2026-12-06"), same("2026-12-06"));
        assert_eq!(both("Today", "2026-12-06"), same("2026-12-06"));
        assert_eq!(both("yesterday", "2026-03-01"), same("2026-02-28"));
        assert_eq!(both("tomorrow", "2026-12-31"), same("2027-01-01"));
    }

    #[test]
    fn a_month_quarter_or_year_is_its_first_day_at_the_start_and_its_last_at_the_end() {
        let span = |from: &str, to: &str| (from.to_string(), to.to_string());
        assert_eq!(
            both("2026-10", "2026-12-06"),
            span("2026-10-01", "2026-10-31")
        );
        assert_eq!(
            both("2028-02", "2026-12-06"),
            span("2028-02-01", "2028-02-29")
        );
        assert_eq!(
            both("2026-Q3", "2026-12-06"),
            span("2026-07-01", "2026-09-30")
        );
        assert_eq!(
            both("2026-q4", "2026-12-06"),
            span("2026-10-01", "2026-12-31")
        );
        assert_eq!(both("2026", "2026-12-06"), span("2026-01-01", "2026-12-31"));
    }

    #[test]
    fn days_weeks_months_and_years_count_from_today() {
        assert_eq!(both("-30d", "2026-03-15"), same("2026-02-13"));
        assert_eq!(both("+14d", "2026-12-20"), same("2027-01-03"));
        assert_eq!(both("-0d", "2026-12-20"), same("2026-12-20"));
        assert_eq!(both("-2w", "2026-03-01"), same("2026-02-15"));
        assert_eq!(both("+1m", "2026-01-31"), same("2026-02-28"));
        assert_eq!(both("-3M", "2026-05-31"), same("2026-02-28"));
        assert_eq!(both("-1y", "2028-02-29"), same("2027-02-28"));
    }

    #[test]
    fn a_date_that_is_no_form_is_refused_with_the_forms() {
        for bad in [
            "",
            "soon",
            "2026-13",
            "2026-Q5",
            "26-10",
            "30d",
            "-30",
            "-d",
            "-30x",
            "+1.5m",
            "2026/10/01",
            "-3é",
            "-€",
            "1 d",
        ] {
            let (start, end) = both(bad, "2026-12-06");
            assert_eq!(start, end, "{bad:?}");
            assert!(start.contains("expected"), "{bad:?}: {start}");
        }
        let (message, _) = both("soon", "2026-12-06");
        assert!(
            message.contains("2026-Q3") && message.contains("-30d"),
            "{message}"
        );
        let (message, _) = both("2026-02-30", "2026-12-06");
        assert_eq!(message, "`2026-02-30` is not a calendar date");
    }

    #[test]
    fn an_offset_past_the_range_of_dates_is_refused_without_a_panic() {
        for far in [
            "+99999999999d",
            "+4000000000w",
            "-4294967295y",
            "+999999999m",
        ] {
            let (message, _) = both(far, "2026-12-06");
            assert!(message.contains("out of the range"), "{far}: {message}");
        }
    }
}
