//! Turns clap's arguments into validated settings the library understands. Domain modules
//! never see clap.

use crate::book::Book;
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

/// The options every report takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    pub format: FormatArg,
    /// Count only entries dated on or before this date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub as_of: Option<NaiveDate>,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    pub raw: bool,
}

/// `--contact`, `--currency` and `--payables`, for reports that filter rows.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Report payables (bills, payouts, debit notes) instead of receivables.
    #[arg(long)]
    pub payables: bool,
    /// Only this contact.
    #[arg(long, value_name = "ID")]
    pub contact: Option<String>,
    /// Only this currency.
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg)]
    pub currency: Option<Currency>,
    /// Only the members of this segment (`folio segments` lists them).
    #[arg(long, value_name = "NAME")]
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
        match self.format {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
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
                .map(|name| crate::report::segments::membership(book, name, as_of))
                .transpose()?,
        })
    }
}

/// Colour on or off, from `--color` and the environment.
pub fn style(choice: ColorChoice) -> Style {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    Style {
        color,
        raw_csv: false,
    }
}

/// A usage error for values clap cannot check.
pub fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into())
}
