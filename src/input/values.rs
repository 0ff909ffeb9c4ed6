//! Numbers and dates as other programs write them: amounts with a decimal comma or thousands
//! separators, dates in other formats. Shared by `folio import` and the bank statements of
//! `folio reconcile`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Date formats tried, in this order, when none is given: the first that reads every date of a
/// column is used. Day-first formats come before month-first ones, as in Europe; set
/// `date_format = "%m/%d/%Y"` for American files. A `%Y` format never reads a two-digit year
/// (chrono's `%Y` would read `18` as the year 18): `28.03.18` is read by `%d.%m.%y`.
pub const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%y", "%d.%m.%y",
    "%d-%m-%y",
];

/// The first year a date read from another program's file may have: a year before it is a
/// misread (a two-digit year taken for a four-digit one), never a transaction folio keeps.
pub const FIRST_YEAR: i32 = 1970;

/// The century of a two-digit year (`%y`): `00` to `69` are 2000 to 2069, `70` to `99` are
/// 1970 to 1999. (chrono alone reads `69` as 1969, before [`FIRST_YEAR`].)
pub const PIVOT_YEAR: i32 = 70;

/// Reads `text` (whole) with one format: `None` when it does not fit, or when a `%Y` format
/// would read a year of fewer than four digits.
fn read_with(text: &str, format: &str) -> Option<NaiveDate> {
    use chrono::Datelike;
    let date = NaiveDate::parse_from_str(text, format).ok()?;
    if format.contains("%Y") && date.year() < 1000 {
        return None;
    }
    if format.contains("%y") && date.year() < 1900 + PIVOT_YEAR {
        return date.with_year(date.year() + 100);
    }
    Some(date)
}

/// Reads a date with one of `formats` (chrono `strftime` syntax). A time after the date
/// (`2026-01-05T00:00:00`, `05/01/2026 14:02`) is ignored. Two-digit years follow
/// [`PIVOT_YEAR`]; a year before [`FIRST_YEAR`] is refused.
pub fn parse_date(text: &str, formats: &[String]) -> Result<NaiveDate, String> {
    let text = text.trim();
    let before = |date: NaiveDate| {
        format!(
            "`{text}` reads as {date}, before {FIRST_YEAR}: a two-digit year? (set date_format, e.g. \"%d/%m/%y\")"
        )
    };
    let date_part = text.find(['T', ' ']).map(|cut| &text[..cut]);
    for format in formats {
        // The whole text, else only the date part of a date and time.
        let date = read_with(text, format).or_else(|| read_with(date_part?, format));
        if let Some(date) = date {
            if chrono::Datelike::year(&date) < FIRST_YEAR {
                return Err(before(date));
            }
            return Ok(date);
        }
    }
    // A year of fewer than four digits where four are expected (`0026-11-26`, `26/11/0026`).
    let early = formats.iter().find_map(|format| {
        let whole = NaiveDate::parse_from_str(text, format).ok();
        whole.or_else(|| NaiveDate::parse_from_str(date_part?, format).ok())
    });
    if let Some(date) = early {
        return Err(before(date));
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

/// The style of one amount of a column whose cells may not all be written alike (a statement
/// that writes `1.234,56` in one row and `12.50` in another): the later of `.` and `,` is the
/// decimal separator when a cell has both; one separator followed by other than three digits
/// (`12,5`, `-,05`, `0.125 5`) is the decimal one; otherwise (`1.234`, `1,234`, `12`) the
/// column's `style` decides.
pub fn cell_style(text: &str, style: NumberStyle) -> NumberStyle {
    let text = text.trim();
    let decimal = match (text.rfind('.'), text.rfind(',')) {
        (Some(dot), Some(comma)) => Some(if comma > dot { ',' } else { '.' }),
        (Some(at), None) | (None, Some(at)) => {
            let separator = text[at..].chars().next().unwrap_or('.');
            let digits = text[at + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            (text.matches(separator).count() == 1 && digits != 3).then_some(separator)
        }
        (None, None) => None,
    };
    match decimal {
        Some(decimal) if decimal != style.decimal => NumberStyle {
            decimal,
            thousands: None,
        },
        _ => style,
    }
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
        assert!(check_date_format("%d.%m.%y").is_ok());
        assert!(check_date_format("%d/%m").is_err());
    }

    #[test]
    fn a_two_digit_year_is_never_read_as_a_year_before_1970() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let detected = |values: &[&str]| detect_date_format(values.iter().copied());
        assert_eq!(detected(&["28.03.18"]).as_deref(), Some("%d.%m.%y"));
        assert_eq!(detected(&["26/11/26"]).as_deref(), Some("%d/%m/%y"));
        assert_eq!(detected(&["26-11-26"]).as_deref(), Some("%d-%m-%y"));
        let all: Vec<String> = DATE_FORMATS.iter().map(|f| f.to_string()).collect();
        assert_eq!(parse_date("28.03.18", &all), Ok(day(2018, 3, 28)));
        assert_eq!(parse_date("26/11/26", &all), Ok(day(2026, 11, 26)));
        assert_eq!(parse_date("01/01/69 10:00", &all), Ok(day(2069, 1, 1)));
        assert_eq!(parse_date("01/01/70", &all), Ok(day(1970, 1, 1)));
        let four = vec!["%d/%m/%Y".to_string()];
        assert!(parse_date("26/11/26", &four).is_err());
        assert!(parse_date("26/11/0026", &four).is_err());
        let early = parse_date("31/12/1969", &four).unwrap_err();
        assert!(early.contains("before 1970"), "{early}");
    }

    #[test]
    fn amounts_of_one_column_written_in_two_styles() {
        let column = NumberStyle {
            decimal: ',',
            thousands: None,
        };
        let read = |text: &str| parse_amount(text, cell_style(text, column));
        assert_eq!(read("1.234,56"), Ok(dec("1234.56")));
        assert_eq!(read("1,234.56"), Ok(dec("1234.56")));
        assert_eq!(read("1 234,56"), Ok(dec("1234.56")));
        assert_eq!(read("1'234.56"), Ok(dec("1234.56")));
        assert_eq!(read("12.5"), Ok(dec("12.5")));
        assert_eq!(read("-.05"), Ok(dec("-0.05")));
        assert_eq!(read("-,05"), Ok(dec("-0.05")));
        assert_eq!(read("1.234"), Ok(dec("1234")));
        assert_eq!(read("12"), Ok(dec("12")));
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
