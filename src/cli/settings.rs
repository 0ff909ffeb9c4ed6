//! Turns clap's arguments into validated settings the library understands. Domain modules
//! never see clap.

use crate::book::{Book, Role};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::money::Currency;
use crate::output::{Format, Style};
use crate::report::Scope;
use chrono::NaiveDate;
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
    /// Count only entries dated on or before this date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg, help_heading = "Output")]
    pub as_of: Option<NaiveDate>,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long, help_heading = "Output")]
    pub raw: bool,
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

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_date_arg(text: &str) -> std::result::Result<NaiveDate, String> {
    crate::journal::parser::parse_date(text)
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

/// Colour on or off, from `--color` and the environment, and the width tables fit in.
pub fn style(choice: ColorChoice) -> Style {
    Style {
        color: crate::output::terminal::color_for(choice.forced(), std::io::stdout().is_terminal()),
        raw_csv: false,
        width: crate::output::terminal::table_width(),
    }
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
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, help_heading = "Filters")]
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg, help_heading = "Filters")]
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
        format!("`{text}` is not a kind: expected invoice, payment, credit, refund, bill, payout or debit")
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
