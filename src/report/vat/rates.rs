//! Exchange rates for VAT figures: what converts an entry's amounts into the currency a report is
//! made in. folio never converts on its own: a currency without a rate stays in its own rows (the
//! VAT table) or is left out with a note (a country's return, the listings).
//!
//! The rates come from the command line (`--rate USD=0.92`), one per currency for the whole
//! period, and else from the book's `rates/` files, the rate of each entry's date
//! ([`crate::book::rates`]); a book without either converts nothing.
//!
//! VAT law converts per invoice (Directive 2006/112/EC, art. 91), so each part of each entry is
//! converted on its own and rounded half-up to cents before it is added to any total.

use crate::error::{Error, Result};
use crate::money::{Currency, cents};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The rates a report converts with, into one target currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    target: Option<Currency>,
    fixed: BTreeMap<Currency, Decimal>,
    /// The book's quotes, for a currency `--rate` does not fix; `None` when the book has none.
    daily: Option<crate::book::rates::Rates>,
}

impl Rates {
    /// No conversion at all: every currency stays its own.
    pub fn none() -> Rates {
        Rates::default()
    }

    /// Converts into `target`, one unit of each listed currency being worth its rate in `target`.
    /// A listed currency equal to the target, or a rate that is not positive, is refused.
    pub fn fixed(
        target: Currency,
        rates: &[(Currency, Decimal)],
    ) -> std::result::Result<Rates, String> {
        let mut fixed = BTreeMap::new();
        for (currency, rate) in rates {
            if *currency == target {
                return Err(format!(
                    "--rate {}: {} is the currency amounts are converted to, it needs no rate",
                    currency.as_str(),
                    target.as_str()
                ));
            }
            if fixed.insert(*currency, *rate).is_some() {
                return Err(format!(
                    "--rate {} is given twice: expected one rate per currency",
                    currency.as_str()
                ));
            }
        }
        Ok(Rates {
            target: Some(target),
            fixed,
            daily: None,
        })
    }

    /// These rates, and the book's quotes for every currency they do not fix.
    pub fn with_book_rates(mut self, book: &crate::book::rates::Rates) -> Rates {
        if !book.is_empty() {
            self.daily = Some(book.clone());
        }
        self
    }

    /// The currency amounts are converted to, when there is one.
    pub fn target(&self) -> Option<Currency> {
        self.target
    }

    /// True when no currency has a rate.
    pub fn is_empty(&self) -> bool {
        self.fixed.is_empty() && self.daily.is_none()
    }

    /// `amount` in `currency` on `date`, in the target currency: itself when it is already in
    /// the target, rounded half-up to cents after conversion, `None` when there is no rate for
    /// `currency` (or no target). An amount beyond what folio holds exactly is an error.
    pub fn convert(
        &self,
        currency: Currency,
        amount: Decimal,
        date: NaiveDate,
    ) -> Result<Option<Decimal>> {
        let Some(target) = self.target else {
            return Ok(None);
        };
        if currency == target {
            return Ok(Some(amount));
        }
        let Some(rate) = self.fixed.get(&currency) else {
            return match &self.daily {
                // The rate of the invoice's date, as art. 91 of the VAT Directive asks.
                Some(daily) => Ok(Some(daily.convert(amount, currency, target, date)?)),
                None => Ok(None),
            };
        };
        let converted = amount.checked_mul(*rate).ok_or_else(|| {
            Error::InvalidData(format!(
                "{} {} at the rate {rate} is beyond the range folio holds exactly",
                crate::money::format_amount(amount),
                currency.as_str()
            ))
        })?;
        Ok(Some(cents(converted)))
    }
}

/// Parses one `--rate CUR=RATE`: a currency code and a positive decimal, the value of one unit of
/// the currency in the currency converted to.
pub fn parse_rate(text: &str) -> std::result::Result<(Currency, Decimal), String> {
    let expected =
        "expected CUR=RATE, e.g. USD=0.92 (1 USD is worth 0.92 of the currency converted to)";
    let Some((code, rate)) = text.split_once('=') else {
        return Err(format!("`{text}` is not a rate: {expected}"));
    };
    let currency = Currency::parse(code.trim())
        .ok_or_else(|| format!("`{text}`: `{code}` is not a currency code; {expected}"))?;
    let rate = crate::money::parse_decimal(rate)
        .filter(|rate| rate.is_sign_positive() && !rate.is_zero())
        .ok_or_else(|| format!("`{text}`: `{rate}` is not a positive number; {expected}"))?;
    Ok((currency, rate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn c(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    }

    #[test]
    fn a_converted_amount_is_rounded_half_up_to_cents() {
        let rates = Rates::fixed(c("EUR"), &[(c("USD"), d("0.925"))]).unwrap();
        // 100.00 × 0.925 = 92.50; 0.10 × 0.925 = 0.0925 → 0.09; 0.30 × 0.925 = 0.2775 → 0.28.
        assert_eq!(
            rates.convert(c("USD"), d("100.00"), day()).unwrap(),
            Some(d("92.50"))
        );
        assert_eq!(
            rates.convert(c("USD"), d("0.10"), day()).unwrap(),
            Some(d("0.09"))
        );
        assert_eq!(
            rates.convert(c("USD"), d("0.30"), day()).unwrap(),
            Some(d("0.28"))
        );
        assert_eq!(
            rates.convert(c("USD"), d("-0.30"), day()).unwrap(),
            Some(d("-0.28"))
        );
        assert_eq!(
            rates.convert(c("EUR"), d("1.234"), day()).unwrap(),
            Some(d("1.234"))
        );
        assert_eq!(rates.convert(c("GBP"), d("1.00"), day()).unwrap(), None);
        assert_eq!(
            Rates::none().convert(c("EUR"), d("1.00"), day()).unwrap(),
            None
        );
    }

    #[test]
    fn a_rate_folio_cannot_read_is_refused() {
        assert_eq!(parse_rate("USD=0.92"), Ok((c("USD"), d("0.92"))));
        for text in [
            "USD", "usd=1", "USD=", "USD=abc", "USD=0", "USD=-1", "=1", "US=1",
        ] {
            assert!(parse_rate(text).is_err(), "{text}");
        }
        assert!(Rates::fixed(c("EUR"), &[(c("EUR"), d("1"))]).is_err());
        assert!(Rates::fixed(c("EUR"), &[(c("USD"), d("1")), (c("USD"), d("2"))]).is_err());
    }
}
