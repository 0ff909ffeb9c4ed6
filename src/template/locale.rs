//! Amounts and dates as a reader of the letter's or document's language expects them: `1,210.00` and
//! `14 February 2026` in English, `1 210,00` and `14 février 2026` in French, `1,210.00` and
//! `2026年2月14日` in Chinese. Other languages get the English forms.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The primary subtag of a language tag: `fr` for `fr-BE`.
pub(crate) fn primary(language: &str) -> &str {
    language.split('-').next().unwrap_or(language)
}

/// An amount with at least two decimals and the language's separators.
pub(crate) fn amount(value: Decimal, language: &str) -> String {
    let plain = crate::money::format_amount(value);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let (group, point) = match primary(language) {
        // A no-break space keeps "1 210,00" on one line.
        "fr" => ('\u{a0}', ','),
        _ => (',', '.'),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + fraction.len() + 2);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() {
        grouped.push(point);
        grouped.push_str(fraction);
    }
    format!("{sign}{grouped}")
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date written out: `14 February 2026`, `1er mars 2026`, `2026年2月14日`.
pub(crate) fn long_date(date: NaiveDate, language: &str) -> String {
    let (day, month, year) = (date.day(), date.month0() as usize, date.year());
    match primary(language) {
        "fr" if day == 1 => format!("1er {} {year}", FR_MONTHS[month]),
        "fr" => format!("{day} {} {year}", FR_MONTHS[month]),
        "zh" => format!("{year}年{}月{day}日", month + 1),
        _ => format!("{day} {} {year}", EN_MONTHS[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(amount(d("1210"), "en"), "1,210.00");
        assert_eq!(amount(d("1234567.5"), "fr-BE"), "1\u{a0}234\u{a0}567,50");
        assert_eq!(amount(d("-999.125"), "zh"), "-999.125");
        assert_eq!(amount(d("100000"), "de"), "100,000.00");
    }

    #[test]
    fn dates() {
        let date = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(long_date(date, "en"), "14 February 2026");
        assert_eq!(long_date(date, "fr"), "14 février 2026");
        assert_eq!(long_date(date, "zh-Hans"), "2026年2月14日");
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(long_date(first, "fr"), "1er mars 2026");
    }
}
