//! Numbers and dates as other programs write them: amounts with a decimal comma or thousands
//! separators, dates in other formats. Shared by `folio import` and the bank statements of
//! `folio reconcile`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Date formats tried, in this order, when none is given: the first that reads every date of a
/// column is used. Day-first formats come before month-first ones, as in Europe; set
/// `date_format = "%m/%d/%Y"` for American files.
pub const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%y", "%d.%m.%y",
];

/// Reads a date with one of `formats` (chrono `strftime` syntax). A time after the date
/// (`2026-01-05T00:00:00`, `05/01/2026 14:02`) is ignored.
pub fn parse_date(text: &str, formats: &[String]) -> Result<NaiveDate, String> {
    let text = text.trim();
    for format in formats {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Ok(date);
        }
        // Only the date part of a date and time.
        if let Some(cut) = text.find(['T', ' '])
            && let Ok(date) = NaiveDate::parse_from_str(&text[..cut], format)
        {
            return Ok(date);
        }
    }
    Err(match formats {
        [one] => format!(
            "`{text}` is not a date in the format {one} (e.g. {})",
            example_date(one)
        ),
        _ => format!(
            "`{text}` is not a date in any of the formats {} (set date_format in the rules)",
            formats.join(", ")
        ),
    })
}

fn example_date(format: &str) -> String {
    NaiveDate::from_ymd_opt(2026, 1, 31)
        .map(|d| d.format(format).to_string())
        .unwrap_or_default()
}

/// Checks a chrono date format: it must read back a date it writes.
pub fn check_date_format(format: &str) -> Result<(), String> {
    let sample = example_date_checked(format)?;
    match NaiveDate::parse_from_str(&sample, format) {
        Ok(_) => Ok(()),
        Err(_) => Err(format!(
            "date_format `{format}` does not describe a whole date: expected %Y (or %y), %m and %d, e.g. \"%d/%m/%Y\""
        )),
    }
}

fn example_date_checked(format: &str) -> Result<String, String> {
    use std::fmt::Write;
    let date = NaiveDate::from_ymd_opt(2026, 1, 31).expect("a date");
    let mut out = String::new();
    write!(out, "{}", date.format(format)).map_err(|_| {
        format!("invalid date_format `{format}`: see chrono's strftime syntax, e.g. \"%d/%m/%Y\"")
    })?;
    Ok(out)
}

/// The first of `candidates` that reads every one of `values`; the first candidate when there
/// are no values.
pub fn detect_date_format<'a>(values: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    DATE_FORMATS
        .iter()
        .find(|format| {
            let formats = [format.to_string()];
            values
                .clone()
                .all(|value| parse_date(value, &formats).is_ok())
        })
        .map(|f| f.to_string())
}

/// How amounts are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// The decimal separator, `.` or `,`.
    pub decimal: char,
    /// The thousands separator, if the file uses one: `.`, `,`, a space or `'`. Spaces
    /// (including non-breaking ones) and `'` between digits are always accepted.
    pub thousands: Option<char>,
}

impl Default for NumberStyle {
    fn default() -> NumberStyle {
        NumberStyle {
            decimal: '.',
            thousands: None,
        }
    }
}

/// Guesses the decimal separator of a column of amounts: the later of `.` and `,` when a value
/// has both; else `,` when some value ends in a comma and one or two digits (`12,5`, `1250,00`);
/// else `.`.
pub fn detect_decimal<'a>(values: impl Iterator<Item = &'a str>) -> char {
    let mut comma_decimals = false;
    for value in values {
        let value = value.trim();
        match (value.rfind('.'), value.rfind(',')) {
            (Some(dot), Some(comma)) => return if comma > dot { ',' } else { '.' },
            (None, Some(comma)) => {
                let decimals = value[comma + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if (1..=2).contains(&decimals) {
                    comma_decimals = true;
                }
            }
            _ => {}
        }
    }
    if comma_decimals { ',' } else { '.' }
}

/// Reads a signed amount: `1234.56`, `-12,50`, `1.234,56`, `1 234,56`, `+3`, `12.50-`, `(12.50)`,
/// with an optional currency sign or code before or after it (`€ 12,50`, `12.50 EUR`).
pub fn parse_amount(text: &str, style: NumberStyle) -> Result<Decimal, String> {
    let original = text.trim();
    let invalid = || {
        let example = if style.decimal == ',' {
            "1234,56 or -1.234,56"
        } else {
            "1234.56 or -1,234.56"
        };
        format!("`{original}` is not an amount: expected a number such as {example}")
    };
    let mut body = original;
    // A currency sign or code before or after the number.
    for symbol in ["€", "$", "£", "¥", "EUR", "USD", "GBP", "CNY", "CHF"] {
        body = body.strip_prefix(symbol).unwrap_or(body).trim();
        body = body.strip_suffix(symbol).unwrap_or(body).trim();
    }
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner.trim();
    }
    if let Some(rest) = body.strip_prefix('-') {
        negative = !negative;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_suffix('-') {
        negative = !negative;
        body = rest.trim_end();
    }
    let mut digits = String::with_capacity(body.len());
    let mut seen_decimal = false;
    let mut group: Option<usize> = None;
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if let Some(count) = group.as_mut() {
                *count += 1;
            }
        } else if c == style.decimal && !seen_decimal {
            if group.is_some_and(|count| count != 3) {
                return Err(invalid());
            }
            seen_decimal = true;
            group = None;
            digits.push('.');
        } else if !seen_decimal
            && (Some(c) == style.thousands
                || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')
                || (style.thousands.is_none() && matches!(c, '.' | ',') && c != style.decimal))
        {
            // A thousands separator: groups of exactly three digits follow it.
            if digits.is_empty() || group.is_some_and(|count| count != 3) {
                return Err(invalid());
            }
            group = Some(0);
        } else {
            return Err(invalid());
        }
    }
    if group.is_some_and(|count| count != 3) || digits.is_empty() || digits.ends_with('.') {
        return Err(invalid());
    }
    if digits.starts_with('.') {
        digits.insert(0, '0');
    }
    let value: Decimal = digits.parse().map_err(|_| invalid())?;
    Ok(if negative { -value } else { value })
}

/// Two-digit years (`YY` in the `DDMMYY` and `YYMMDD` dates of CODA and MT940) below this are
/// 20YY, the others 19YY: `00`..`69` are 2000..2069 and `70`..`99` are 1970..1999. folio never
/// reads a date before 1970, and a bank statement from before 1970 does not exist in electronic
/// form, so the whole century up to the pivot is left for the future.
pub(crate) const TWO_DIGIT_YEAR_PIVOT: u32 = 70;

/// The year a two-digit year stands for, by [`TWO_DIGIT_YEAR_PIVOT`]. `None` above 99.
pub(crate) fn year_of_two_digits(two_digits: u32) -> Option<i32> {
    match two_digits {
        0..TWO_DIGIT_YEAR_PIVOT => Some(2000 + two_digits as i32),
        TWO_DIGIT_YEAR_PIVOT..=99 => Some(1900 + two_digits as i32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn amount(text: &str, decimal: char) -> Result<Decimal, String> {
        parse_amount(
            text,
            NumberStyle {
                decimal,
                thousands: None,
            },
        )
    }

    #[test]
    fn amounts_in_many_styles() {
        assert_eq!(amount("1234.56", '.'), Ok(dec("1234.56")));
        assert_eq!(amount("-12,50", ','), Ok(dec("-12.50")));
        assert_eq!(amount("1.234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("1,234.56", '.'), Ok(dec("1234.56")));
        assert_eq!(amount("1 234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("1\u{a0}234,56", ','), Ok(dec("1234.56")));
        assert_eq!(amount("+3", '.'), Ok(dec("3")));
        assert_eq!(amount("12.50-", '.'), Ok(dec("-12.50")));
        assert_eq!(amount("(12.50)", '.'), Ok(dec("-12.50")));
        assert_eq!(amount("€ 12,50", ','), Ok(dec("12.50")));
        assert_eq!(amount("12.50 EUR", '.'), Ok(dec("12.50")));
        assert_eq!(amount(",5", ','), Ok(dec("0.5")));
        for bad in ["", "abc", "1.2.3", "12,3456.7", "1,23", "--1", "1e3", "12,"] {
            assert!(amount(bad, '.').is_err(), "{bad}");
        }
        assert!(amount("1.23,4", ',').is_err());
    }

    #[test]
    fn decimal_detection() {
        assert_eq!(detect_decimal(["1.234,56", "12"].into_iter()), ',');
        assert_eq!(detect_decimal(["1,234.56"].into_iter()), '.');
        assert_eq!(detect_decimal(["12,5", "100"].into_iter()), ',');
        assert_eq!(detect_decimal(["1,234", "100"].into_iter()), '.');
        assert_eq!(detect_decimal(["100"].into_iter()), '.');
    }

    #[test]
    fn dates() {
        let formats = vec!["%d/%m/%Y".to_string()];
        assert_eq!(
            parse_date("05/01/2026", &formats),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap())
        );
        assert_eq!(
            parse_date("05/01/2026 14:02", &formats),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap())
        );
        assert!(
            parse_date("2026-01-05", &formats)
                .unwrap_err()
                .contains("31/01/2026")
        );
        let values = ["31/01/2026", "05/02/2026"];
        assert_eq!(
            detect_date_format(values.iter().copied()).as_deref(),
            Some("%d/%m/%Y")
        );
        assert_eq!(
            detect_date_format(["2026-01-05T10:00:00"].iter().copied()).as_deref(),
            Some("%Y-%m-%d")
        );
        assert!(check_date_format("%d/%m/%Y").is_ok());
        assert!(check_date_format("%d/%m").is_err());
    }

    #[test]
    fn two_digit_years_are_read_from_1970_to_2069() {
        assert_eq!(year_of_two_digits(0), Some(2000));
        assert_eq!(year_of_two_digits(26), Some(2026));
        assert_eq!(year_of_two_digits(69), Some(2069));
        assert_eq!(year_of_two_digits(70), Some(1970));
        assert_eq!(year_of_two_digits(99), Some(1999));
        assert_eq!(year_of_two_digits(100), None);
    }
}
