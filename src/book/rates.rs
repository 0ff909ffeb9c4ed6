//! Exchange rates: the quotes of `rates/**/*.rates`, and conversion between currencies.
//!
//! A quote is one line, `DATE FROM TO RATE [; memo]`: on DATE one FROM is worth RATE TO
//! (`2026-03-02 EUR USD 1.0843`). The rate of a pair on a day is the latest quote on or before
//! it, of the pair or of its inverse; a pair without either goes through a third currency that has
//! quotes with both (docs/format.md, "Exchange rates"). folio never fetches rates: the book holds
//! them, so every report is reproducible from its files.

use crate::diagnostic::Diagnostic;
use crate::identifiers::codes::check_currency;
use crate::journal::parser::{fields, is_blank_or_comment, parse_date};
use crate::money::{Currency, round_to_minor};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The folder of rates files.
pub const RATES_DIR: &str = "rates";
/// The most decimals a rate may have.
const MAX_RATE_DECIMALS: usize = 10;
/// The most integer digits a rate may have.
const MAX_RATE_INTEGER_DIGITS: usize = 12;

/// One quote: on `date`, one `from` is worth `rate` `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The day of the quote.
    pub date: NaiveDate,
    /// The currency quoted.
    pub from: Currency,
    /// The currency it is quoted in.
    pub to: Currency,
    /// How many `to` one `from` is worth; strictly positive.
    pub rate: Decimal,
}

/// One leg of a conversion: a quote applied as written (multiply) or inverted (divide).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leg {
    /// The quote's rate as written.
    pub quote: Decimal,
    /// The quote's date.
    pub date: NaiveDate,
    /// True when the quote is of the inverse pair, so an amount is divided by it.
    pub inverted: bool,
}

impl Leg {
    fn apply(&self, amount: Decimal) -> Option<Decimal> {
        if self.inverted {
            amount.checked_div(self.quote)
        } else {
            amount.checked_mul(self.quote)
        }
    }
}

/// The rate of a pair on a day, as found among the quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rate {
    /// The same currency: 1.
    Identity,
    /// One quote, of the pair or of its inverse.
    Quoted(Leg),
    /// Through a third currency: from the source to `pivot`, then from `pivot` to the target.
    Cross {
        /// The currency in between.
        pivot: Currency,
        /// From the source currency to the pivot.
        first: Leg,
        /// From the pivot to the target currency.
        second: Leg,
    },
}

impl Rate {
    /// `amount` in the target currency, unrounded (28 significant digits); `None` when the
    /// result would leave `Decimal`'s range.
    pub fn apply(&self, amount: Decimal) -> Option<Decimal> {
        match self {
            Rate::Identity => Some(amount),
            Rate::Quoted(leg) => leg.apply(amount),
            Rate::Cross { first, second, .. } => second.apply(first.apply(amount)?),
        }
    }

    /// What one unit of the source is worth in the target, for display.
    pub fn value(&self) -> Decimal {
        self.apply(Decimal::ONE).unwrap_or_default().normalize()
    }

    /// The date of the oldest quote the rate uses; `None` for [`Rate::Identity`].
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Rate::Identity => None,
            Rate::Quoted(leg) => Some(leg.date),
            Rate::Cross { first, second, .. } => Some(first.date.min(second.date)),
        }
    }
}

/// Why an amount could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateError {
    /// No quote of the pair, its inverse or through a third currency on or before the date.
    Missing {
        /// The source currency.
        from: Currency,
        /// The target currency.
        to: Currency,
        /// The day a rate was needed for.
        date: NaiveDate,
    },
    /// The converted amount is too large to be held exactly.
    TooLarge {
        /// The source currency.
        from: Currency,
        /// The target currency.
        to: Currency,
    },
}

impl fmt::Display for RateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateError::Missing { from, to, date } => write!(
                f,
                "no exchange rate from {from} to {to} on or before {date}: add a quote to the book's {RATES_DIR}/ folder (see `folio rates import`)"
            ),
            RateError::TooLarge { from, to } => write!(
                f,
                "an amount converted from {from} to {to} is too large to compute exactly"
            ),
        }
    }
}

impl std::error::Error for RateError {}

impl From<RateError> for crate::error::Error {
    fn from(error: RateError) -> Self {
        crate::error::Error::InvalidData(error.to_string())
    }
}

/// Every quote of the book, by pair, each pair's quotes in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    series: BTreeMap<(Currency, Currency), Vec<(NaiveDate, Decimal)>>,
}

impl Rates {
    /// Rates made of these quotes; of two quotes of one pair on one day, the later wins (the
    /// loader reports such a repeat as an error before it gets here).
    pub fn from_quotes(quotes: impl IntoIterator<Item = Quote>) -> Rates {
        let mut series: BTreeMap<(Currency, Currency), Vec<(NaiveDate, Decimal)>> = BTreeMap::new();
        for quote in quotes {
            series
                .entry((quote.from, quote.to))
                .or_default()
                .push((quote.date, quote.rate));
        }
        for quotes in series.values_mut() {
            // Stable: of two quotes on one day the later stays last, which lookups find.
            quotes.sort_by_key(|&(date, _)| date);
        }
        Rates { series }
    }

    /// True when the book holds no quote at all.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// How many quotes the book holds.
    pub fn len(&self) -> usize {
        self.series.values().map(Vec::len).sum()
    }

    /// Every quote, by pair then date.
    pub fn quotes(&self) -> impl Iterator<Item = Quote> + '_ {
        self.series.iter().flat_map(|(&(from, to), quotes)| {
            quotes.iter().map(move |&(date, rate)| Quote {
                date,
                from,
                to,
                rate,
            })
        })
    }

    /// The rate from `from` to `to` on `date`: the latest quote on or before it of the pair or
    /// of its inverse (the pair's own on the same day); else through the first currency, in
    /// code order, with a rate to both.
    pub fn rate(&self, from: Currency, to: Currency, date: NaiveDate) -> Result<Rate, RateError> {
        if from == to {
            return Ok(Rate::Identity);
        }
        if let Some(leg) = self.leg(from, to, date) {
            return Ok(Rate::Quoted(leg));
        }
        for pivot in self.currencies() {
            if pivot == from || pivot == to {
                continue;
            }
            if let (Some(first), Some(second)) =
                (self.leg(from, pivot, date), self.leg(pivot, to, date))
            {
                return Ok(Rate::Cross {
                    pivot,
                    first,
                    second,
                });
            }
        }
        Err(RateError::Missing { from, to, date })
    }

    /// `amount` in `to` at the rate of `date`, rounded half away from zero to `to`'s minor unit.
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Result<Decimal, RateError> {
        let rate = self.rate(from, to, date)?;
        let exact = rate.apply(amount).ok_or(RateError::TooLarge { from, to })?;
        Ok(round_to_minor(exact, to))
    }

    /// The latest quote on or before `date` of the pair, or of its inverse.
    fn leg(&self, from: Currency, to: Currency, date: NaiveDate) -> Option<Leg> {
        let latest = |pair| {
            let quotes: &Vec<(NaiveDate, Decimal)> = self.series.get(&pair)?;
            let count = quotes.partition_point(|&(day, _)| day <= date);
            count.checked_sub(1).map(|last| quotes[last])
        };
        let direct = latest((from, to)).map(|(date, quote)| Leg {
            quote,
            date,
            inverted: false,
        });
        let inverse = latest((to, from)).map(|(date, quote)| Leg {
            quote,
            date,
            inverted: true,
        });
        match (direct, inverse) {
            (Some(direct), Some(inverse)) if inverse.date > direct.date => Some(inverse),
            (Some(direct), _) => Some(direct),
            (None, inverse) => inverse,
        }
    }

    /// Every currency with a quote, in code order.
    fn currencies(&self) -> Vec<Currency> {
        let mut all: Vec<Currency> = self
            .series
            .keys()
            .flat_map(|&(from, to)| [from, to])
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// A quote and where it was written, while a book's rates files are read.
#[derive(Debug, Clone, Copy)]
pub struct PlacedQuote {
    /// The quote.
    pub quote: Quote,
    /// 1-based line of the quote in its file.
    pub line: u32,
}

/// Reads the quotes of one rates file, reporting each line that is not a quote at its position.
pub fn parse_rates_file(
    text: &str,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PlacedQuote> {
    let mut quotes = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        if is_blank_or_comment(line) {
            continue;
        }
        match parse_quote(line) {
            Ok(quote) => quotes.push(PlacedQuote {
                quote,
                line: number,
            }),
            Err((offset, message)) => {
                let column = line[..offset].chars().count() as u32 + 1;
                diagnostics
                    .push(Diagnostic::error(shown, number, column, message).with_excerpt(line));
            }
        }
    }
    quotes
}

/// Reports every quote of a pair and day given again (in the order the files were read), at the
/// later occurrence, naming the first.
pub fn report_repeated_quotes(
    files: &[(std::path::PathBuf, Vec<PlacedQuote>)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<(NaiveDate, Currency, Currency), (usize, u32)> = BTreeMap::new();
    for (file, (shown, quotes)) in files.iter().enumerate() {
        for placed in quotes {
            let Quote { date, from, to, .. } = placed.quote;
            match first.get(&(date, from, to)) {
                Some(&(first_file, first_line)) => diagnostics.push(Diagnostic::error(
                    shown,
                    placed.line,
                    1,
                    format!(
                        "a {from} to {to} rate for {date} is already given at {}:{first_line}",
                        files[first_file].0.display()
                    ),
                )),
                None => {
                    first.insert((date, from, to), (file, placed.line));
                }
            }
        }
    }
}

/// One line as a quote, or the byte offset and message of its first problem.
fn parse_quote(line: &str) -> Result<Quote, (usize, String)> {
    let content = line.split(';').next().unwrap_or_default();
    let mut fields = fields(content);
    let mut next = |expected: &str| {
        fields.next().ok_or_else(|| {
            (
                content.trim_end().len(),
                format!("expected {expected}, found the end of the line"),
            )
        })
    };
    let (offset, date) = next("a date YYYY-MM-DD")?;
    let date = parse_date(date).map_err(|message| (offset, message))?;
    let (from_offset, from) = next("the currency quoted, such as EUR")?;
    let from = currency(from).map_err(|message| (from_offset, message))?;
    let (to_offset, to) = next("the currency it is quoted in, such as USD")?;
    let to = currency(to).map_err(|message| (to_offset, message))?;
    if from == to {
        return Err((
            to_offset,
            format!("a rate from {from} to itself is always 1"),
        ));
    }
    let (rate_offset, rate) = next("a rate such as 1.0843")?;
    let rate = parse_rate(rate).map_err(|message| (rate_offset, message))?;
    if let Some((offset, extra)) = fields.next() {
        return Err((
            offset,
            format!("unexpected `{extra}` after the rate (a memo starts with `;`)"),
        ));
    }
    Ok(Quote {
        date,
        from,
        to,
        rate,
    })
}

fn currency(text: &str) -> Result<Currency, String> {
    check_currency(text)?;
    Currency::parse(text).ok_or_else(|| format!("invalid currency `{text}`"))
}

/// A rate: digits with an optional `.` and up to 10 decimals, strictly positive (as in a rates
/// file, and as `folio rates import` checks a CSV cell before writing it).
pub fn parse_rate(text: &str) -> Result<Decimal, String> {
    let (integer, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let shaped = !integer.is_empty()
        && digits(integer)
        && digits(decimals)
        && (decimals.is_empty() != text.contains('.'));
    if !shaped || integer.trim_start_matches('0').len() > MAX_RATE_INTEGER_DIGITS {
        return Err(format!(
            "expected a rate such as 1.0843 (digits, optional '.' and up to {MAX_RATE_DECIMALS} decimals), found `{text}`"
        ));
    }
    if decimals.len() > MAX_RATE_DECIMALS {
        return Err(format!(
            "a rate has at most {MAX_RATE_DECIMALS} decimals, found `{text}`"
        ));
    }
    let rate: Decimal = text
        .parse()
        .map_err(|_| format!("expected a rate such as 1.0843, found `{text}`"))?;
    if rate.is_zero() {
        return Err("a rate must be above 0".to_string());
    }
    Ok(rate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).unwrap()
    }

    fn rates(text: &str) -> Rates {
        let mut diagnostics = Vec::new();
        let quotes = parse_rates_file(text, Path::new("r.rates"), &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        Rates::from_quotes(quotes.into_iter().map(|placed| placed.quote))
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn the_latest_quote_on_or_before_the_day_is_used() {
        let rates = rates("2026-01-02 EUR USD 1.10\n2026-01-05 EUR USD 1.20\n");
        let (eur, usd) = (cur("EUR"), cur("USD"));
        assert_eq!(
            rates.convert(dec("100"), eur, usd, day("2026-01-04")),
            Ok(dec("110.00"))
        );
        assert_eq!(
            rates.convert(dec("100"), eur, usd, day("2026-01-05")),
            Ok(dec("120.00"))
        );
        assert_eq!(
            rates.convert(dec("100"), eur, usd, day("2026-01-01")),
            Err(RateError::Missing {
                from: eur,
                to: usd,
                date: day("2026-01-01")
            })
        );
    }

    #[test]
    fn an_inverse_quote_divides_and_rounds_once_to_the_minor_unit() {
        let rates = rates("2026-01-02 EUR USD 1.08\n2026-01-02 EUR JPY 161.5\n");
        let (eur, usd, jpy) = (cur("EUR"), cur("USD"), cur("JPY"));
        // 3040 / 1.08 = 2814.8148...
        assert_eq!(
            rates.convert(dec("3040"), usd, eur, day("2026-02-01")),
            Ok(dec("2814.81"))
        );
        // Through EUR: 100 / 1.08 * 161.5 = 14953.70..., no minor unit in yen.
        assert_eq!(
            rates.convert(dec("100"), usd, jpy, day("2026-02-01")),
            Ok(dec("14954"))
        );
        let Ok(Rate::Cross { pivot, .. }) = rates.rate(usd, jpy, day("2026-02-01")) else {
            panic!("expected a cross rate");
        };
        assert_eq!(pivot, eur);
    }

    #[test]
    fn of_a_pair_and_its_inverse_the_later_quote_wins() {
        let rates = rates("2026-01-02 EUR USD 1.25\n2026-01-03 USD EUR 0.5\n");
        let (eur, usd) = (cur("EUR"), cur("USD"));
        assert_eq!(
            rates.convert(dec("10"), eur, usd, day("2026-01-02")),
            Ok(dec("12.50"))
        );
        assert_eq!(
            rates.convert(dec("10"), eur, usd, day("2026-01-03")),
            Ok(dec("20.00"))
        );
    }

    #[test]
    fn bad_lines_are_reported_at_their_field() {
        let mut diagnostics = Vec::new();
        let text = "; ECB\n2026-01-02 EUR usd 1.1\n2026-01-02 EUR USD 1,1\n2026-01-02 EUR EUR 1\n2026-01-02 EUR USD\n2026-01-02 EUR USD 0 ; zero\n2026-01-02 EUR GBP 0.85 x\n";
        parse_rates_file(text, Path::new("r.rates"), &mut diagnostics);
        let found: Vec<(u32, u32, &str)> = diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, 16, "invalid currency `usd`: did you mean `USD`?"),
                (
                    3,
                    20,
                    "expected a rate such as 1.0843 (digits, optional '.' and up to 10 decimals), found `1,1`"
                ),
                (4, 16, "a rate from EUR to itself is always 1"),
                (
                    5,
                    19,
                    "expected a rate such as 1.0843, found the end of the line"
                ),
                (6, 20, "a rate must be above 0"),
                (
                    7,
                    25,
                    "unexpected `x` after the rate (a memo starts with `;`)"
                ),
            ]
        );
    }

    #[test]
    fn a_repeated_quote_is_reported_at_the_later_line() {
        let mut diagnostics = Vec::new();
        let first = parse_rates_file(
            "2026-01-02 EUR USD 1.1\n",
            Path::new("a.rates"),
            &mut diagnostics,
        );
        let second = parse_rates_file(
            "2026-01-02 EUR USD 1.2\n2026-01-02 USD EUR 0.9\n",
            Path::new("b.rates"),
            &mut diagnostics,
        );
        let files = vec![("a.rates".into(), first), ("b.rates".into(), second)];
        report_repeated_quotes(&files, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 1);
        assert_eq!(
            diagnostics[0].message,
            "a EUR to USD rate for 2026-01-02 is already given at a.rates:1"
        );
    }
}
