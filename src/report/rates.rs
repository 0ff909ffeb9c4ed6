//! `folio rates`: the book's quotes, filtered, and the rate a pair gets on a day with how it
//! was found.

use crate::book::Book;
use crate::book::rates::{Leg, Quote, Rate, RateError};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The decimals a derived rate (inverse or cross) is shown with.
const SHOWN_DECIMALS: u32 = 10;

/// Which quotes to list.
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// Only quotes on or after this day.
    pub from: Option<NaiveDate>,
    /// Only quotes on or before this day.
    pub to: Option<NaiveDate>,
    /// Only quotes of or in this currency.
    pub currency: Option<Currency>,
}

/// The quotes that pass a filter, by date then pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotesReport {
    /// The quotes.
    pub quotes: Vec<Quote>,
}

/// Lists the book's quotes that pass `filter`.
pub fn quotes(book: &Book, filter: &QuoteFilter) -> QuotesReport {
    let mut quotes: Vec<Quote> = book
        .rates
        .quotes()
        .filter(|q| filter.from.is_none_or(|from| q.date >= from))
        .filter(|q| filter.to.is_none_or(|to| q.date <= to))
        .filter(|q| filter.currency.is_none_or(|c| q.from == c || q.to == c))
        .collect();
    quotes.sort_by_key(|q| (q.date, q.from, q.to));
    QuotesReport { quotes }
}

impl Tabular for QuotesReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("date"),
            Column::text("from"),
            Column::text("to"),
            Column::amount("rate"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        // The ECB's history is some 200,000 quotes: rows are made as the renderer asks.
        Rows::on_demand(self.quotes.len(), |index| {
            let q = &self.quotes[index];
            vec![
                Cell::Date(q.date),
                Cell::from(q.from.to_string()),
                Cell::from(q.to.to_string()),
                Cell::Decimal(q.rate),
            ]
        })
    }
}

/// The rate of a pair on a day, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateReport {
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// The day asked for.
    pub date: NaiveDate,
    /// The rate found.
    pub rate: Rate,
}

/// The rate from `from` to `to` on `date` (docs/format.md, "The rate of a day").
pub fn rate(
    book: &Book,
    from: Currency,
    to: Currency,
    date: NaiveDate,
) -> Result<RateReport, RateError> {
    let rate = book.rates.rate(from, to, date)?;
    Ok(RateReport {
        from,
        to,
        date,
        rate,
    })
}

impl RateReport {
    /// How the rate was found: `identity`, `direct`, `inverse` or `cross`.
    pub fn method(&self) -> &'static str {
        match self.rate {
            Rate::Identity => "identity",
            Rate::Quoted(leg) if leg.inverted => "inverse",
            Rate::Quoted(_) => "direct",
            Rate::Cross { .. } => "cross",
        }
    }

    /// What one unit of `from` is worth in `to`, to [`SHOWN_DECIMALS`] decimals.
    pub fn value(&self) -> Decimal {
        self.rate.value().round_dp(SHOWN_DECIMALS).normalize()
    }

    /// The quotes used, in words: `EUR USD 1.0843 of 2026-03-02 (inverted)`.
    pub fn quotes_used(&self) -> String {
        let leg = |from: Currency, to: Currency, leg: &Leg| {
            let (quoted, quoted_in) = if leg.inverted { (to, from) } else { (from, to) };
            format!(
                "{quoted} {quoted_in} {} of {}{}",
                leg.quote,
                leg.date,
                if leg.inverted { " (inverted)" } else { "" }
            )
        };
        match &self.rate {
            Rate::Identity => String::new(),
            Rate::Quoted(quoted) => leg(self.from, self.to, quoted),
            Rate::Cross {
                pivot,
                first,
                second,
            } => format!(
                "{}; {}",
                leg(self.from, *pivot, first),
                leg(*pivot, self.to, second)
            ),
        }
    }
}

impl Tabular for RateReport {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("from"),
            Column::text("to"),
            Column::text("date"),
            Column::amount("rate"),
            Column::text("method"),
            Column::text("via"),
            Column::text("quote_date"),
            Column::prose("quotes"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let via = match self.rate {
            Rate::Cross { pivot, .. } => Cell::from(pivot.to_string()),
            _ => Cell::Null,
        };
        vec![vec![
            Cell::from(self.from.to_string()),
            Cell::from(self.to.to_string()),
            Cell::Date(self.date),
            Cell::Decimal(self.value()),
            Cell::from(self.method().to_string()),
            via,
            self.rate.date().map_or(Cell::Null, Cell::Date),
            Cell::from(self.quotes_used()),
        ]]
        .into()
    }
}
