//! Numbers, amounts, dates, country names and IBANs as a reader of the letter's or document's
//! language writes them, from the Unicode CLDR data compiled into the ICU4X crates: `2,565.20`,
//! `€2,565.20` and `6 December 2026` in English, `2 565,20`, `2 565,20 €` and `6 décembre 2026` in
//! French (with the narrow no-break space CLDR gives), `2.565,20` and `€ 2.565,20` in Dutch,
//! `6. Dezember 2026` in German, `2026年12月6日` in Chinese.
//!
//! A language tag is read as a Unicode locale (`fr-BE`, `de-AT`, `zh-Hans`); ICU falls back
//! through its parents (`fr-BE` to `fr` where Belgium writes like France) and to the root locale
//! for a language CLDR does not know. A bare `en` is read as British English (`en-GB`: day before
//! month, `6 December 2026`), the English of a European book; `en-US` gives `December 6, 2026`. A
//! tag that is not a locale at all is read as `en`.
//!
//! Amounts never go through a float: the exact decimal is written out and read by ICU's fixed
//! decimal type. The formatters of a language are made once per thread and kept.

use chrono::{Datelike, NaiveDate};
use fixed_decimal::Decimal as FixedDecimal;
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_locale::Locale;
use icu_locale::subtags::Region;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The primary subtag of a language tag: `fr` for `fr-BE`.
pub(crate) fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// The locale whose conventions `language` is written in (see the module documentation).
fn locale_of(language: &str) -> Locale {
    let tag = language.trim().replace('_', "-");
    match tag.parse::<Locale>() {
        Ok(locale) if locale.to_string() == "en" => british(),
        Ok(locale) => locale,
        Err(_) => british(),
    }
}

fn british() -> Locale {
    icu_locale::locale!("en-GB")
}

/// The formatters of one language, each made when first used.
struct Formats {
    locale: Locale,
    decimal: Option<DecimalFormatter>,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    regions: Option<RegionDisplayNames>,
    percent: Option<PercentFormatter<DecimalFormatter>>,
    currencies: HashMap<String, Option<CurrencyFormatter<DecimalFormatter>>>,
}

thread_local! {
    static FORMATS: RefCell<HashMap<String, Rc<RefCell<Formats>>>> = RefCell::new(HashMap::new());
}

/// Runs `f` with the formatters of `language`.
fn with_formats<T>(language: &str, f: impl FnOnce(&mut Formats) -> T) -> T {
    let formats = FORMATS.with(|cache| {
        cache
            .borrow_mut()
            .entry(language.to_string())
            .or_insert_with(|| {
                Rc::new(RefCell::new(Formats {
                    locale: locale_of(language),
                    decimal: None,
                    date: None,
                    regions: None,
                    percent: None,
                    currencies: HashMap::new(),
                }))
            })
            .clone()
    });
    let mut formats = formats.borrow_mut();
    f(&mut formats)
}

impl Formats {
    fn decimal(&mut self) -> Option<&DecimalFormatter> {
        if self.decimal.is_none() {
            self.decimal =
                DecimalFormatter::try_new((&self.locale).into(), Default::default()).ok();
        }
        self.decimal.as_ref()
    }

    fn currency(&mut self, code: &str) -> Option<&CurrencyFormatter<DecimalFormatter>> {
        let locale = &self.locale;
        self.currencies
            .entry(code.to_string())
            .or_insert_with(|| {
                let currency = CurrencyType::try_from_str(code).ok()?;
                CurrencyFormatter::try_new_symbol(locale.into(), currency, Default::default()).ok()
            })
            .as_ref()
    }
}

/// `value` as ICU's exact decimal, from its decimal text.
fn fixed(value: Decimal) -> Option<FixedDecimal> {
    FixedDecimal::try_from_str(&value.to_string()).ok()
}

/// `value` with the language's digits and separators, as many decimals as it has; the plain
/// text when ICU has no data.
fn written(value: Decimal, language: &str) -> String {
    let Some(number) = fixed(value) else {
        return value.to_string();
    };
    with_formats(language, |formats| match formats.decimal() {
        Some(formatter) => formatter.format(&number).to_string(),
        None => value.to_string(),
    })
}

/// An amount with at least two decimals and the language's separators: `2,565.20` (en),
/// `2 565,20` (fr), `2.565,20` (nl, de).
pub(crate) fn amount(value: Decimal, language: &str) -> String {
    let shown = crate::money::format_amount(value);
    match shown.parse::<Decimal>() {
        Ok(padded) => written(padded, language),
        Err(_) => shown,
    }
}

/// A rate in percent as CLDR writes it for the language: `21%` (en, nl, zh), `21 %` (fr, de:
/// a no-break space before the sign), `5,5 %` (fr).
pub(crate) fn percent(value: Decimal, language: &str) -> String {
    let plain = format!("{}%", number(value, language));
    let Some(rate) = fixed(value.normalize()) else {
        return plain;
    };
    with_formats(language, |formats| {
        if formats.percent.is_none() {
            formats.percent =
                PercentFormatter::try_new((&formats.locale).into(), Default::default()).ok();
        }
        match &formats.percent {
            Some(formatter) => formatter.format(&rate).to_string(),
            None => plain,
        }
    })
}

/// A quantity or rate in the language's notation, without padding zeros: `2.5` (en), `2,5` (fr).
pub(crate) fn number(value: Decimal, language: &str) -> String {
    let value = value.normalize();
    if value.is_zero() {
        return written(Decimal::ZERO, language);
    }
    written(value, language)
}

/// An amount with its currency placed as the language writes it: `€2,565.20` (en),
/// `2 565,20 €` (fr, de), `€ 2.565,20` (nl); the currency's code where the language has no
/// symbol for it, placed as CLDR places it (`XBT 2,565.20`), or after the amount when the code is
/// not a currency code at all. The amount keeps every
/// decimal it has: ICU's currency pattern is applied around the exact number.
pub(crate) fn money(value: Decimal, currency: &str, language: &str) -> String {
    let number = amount(value.abs(), language);
    let code = currency.trim();
    let probe = if value.is_sign_negative() && !value.is_zero() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    let pattern = fixed(probe).and_then(|probe| {
        with_formats(language, |formats| {
            formats
                .currency(code)
                .map(|formatter| formatter.format_fixed_decimal(&probe).to_string())
        })
    });
    // The pattern's number is the only run of digits in it (a symbol holds none): the exact
    // amount takes its place, so the sign and symbol stay where the locale puts them.
    let digits = pattern.as_deref().and_then(|text| {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
        Some((text, start, end))
    });
    match digits {
        Some((text, start, end)) => format!("{}{number}{}", &text[..start], &text[end..]),
        None if value.is_sign_negative() && !value.is_zero() => format!("-{number} {code}"),
        None => format!("{number} {code}"),
    }
}

/// A date written out: `6 December 2026` (en), `6 décembre 2026` (fr), `6 december 2026` (nl),
/// `6. Dezember 2026` (de), `2026年12月6日` (zh).
pub(crate) fn long_date(date: NaiveDate, language: &str) -> String {
    let iso = date.to_string();
    let Ok(month) = u8::try_from(date.month()) else {
        return iso;
    };
    let Ok(day) = u8::try_from(date.day()) else {
        return iso;
    };
    let Ok(value) = Date::try_new_gregorian(date.year(), month, day) else {
        return iso;
    };
    with_formats(language, |formats| {
        if formats.date.is_none() {
            formats.date =
                FixedCalendarDateTimeFormatter::try_new((&formats.locale).into(), YMD::long()).ok();
        }
        match &formats.date {
            Some(formatter) => french_first(formatter.format(&value).to_string(), day, language),
            None => iso,
        }
    })
}

/// French writes the first day of a month as an ordinal, `1er mars 2026` (the rule of the
/// Lexique des règles typographiques de l'Imprimerie nationale), which CLDR's date patterns,
/// numeric days only, do not give.
fn french_first(text: String, day: u8, language: &str) -> String {
    match text
        .strip_prefix("1 ")
        .or_else(|| text.strip_prefix("1\u{a0}"))
    {
        Some(rest) if day == 1 && primary(language) == "fr" => format!("1er {rest}"),
        _ => text,
    }
}

/// The name of a country (ISO 3166-1 alpha-2) in the language: `BE` is `Belgium`, `Belgique`,
/// `België`, `Belgien`, `比利时`; the code as written when ICU has no name for it.
pub(crate) fn country(code: &str, language: &str) -> String {
    let code = code.trim();
    let Ok(region) = code.to_ascii_uppercase().parse::<Region>() else {
        return code.to_string();
    };
    with_formats(language, |formats| {
        if formats.regions.is_none() {
            formats.regions =
                RegionDisplayNames::try_new((&formats.locale).into(), Default::default()).ok();
        }
        formats
            .regions
            .as_ref()
            .and_then(|names| names.of(region))
            .map_or_else(|| code.to_string(), str::to_string)
    })
}

/// An IBAN as printed: in groups of four characters, upper case (`BE71 0961 2345 6769`), from
/// however it was written; any other text as written.
pub(crate) fn iban(text: &str) -> String {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let looks_like_iban = compact.len() > 4
        && compact.is_ascii()
        && compact[..2].bytes().all(|b| b.is_ascii_uppercase())
        && compact[2..4].bytes().all(|b| b.is_ascii_digit())
        && compact.bytes().all(|b| b.is_ascii_alphanumeric());
    if !looks_like_iban {
        return text.to_string();
    }
    let mut grouped = String::with_capacity(compact.len() + compact.len() / 4);
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn amounts_follow_each_locale() {
        assert_eq!(amount(d("2565.2"), "en"), "2,565.20");
        assert_eq!(amount(d("2565.2"), "fr"), "2\u{202f}565,20");
        assert_eq!(amount(d("2565.2"), "fr-BE"), "2\u{202f}565,20");
        assert_eq!(amount(d("2565.2"), "nl"), "2.565,20");
        assert_eq!(amount(d("2565.2"), "nl-BE"), "2.565,20");
        assert_eq!(amount(d("2565.2"), "de"), "2.565,20");
        assert_eq!(amount(d("2565.2"), "zh"), "2,565.20");
        assert_eq!(amount(d("-999.125"), "zh"), "-999.125");
        assert_eq!(amount(d("1234567.5"), "en"), "1,234,567.50");
        assert_eq!(amount(d("0"), "fr"), "0,00");
    }

    #[test]
    fn amounts_keep_every_decimal_of_large_values() {
        // Beyond what a double holds exactly.
        assert_eq!(
            amount(d("12345678901234567.89"), "en"),
            "12,345,678,901,234,567.89"
        );
    }

    #[test]
    fn numbers_have_no_padding_zeros() {
        assert_eq!(number(d("2.50"), "fr"), "2,5");
        assert_eq!(number(d("21"), "de"), "21");
        assert_eq!(number(d("1500"), "en"), "1,500");
    }

    #[test]
    fn money_places_the_currency_as_the_locale_does() {
        let value = d("2565.2");
        assert_eq!(money(value, "EUR", "fr"), "2\u{202f}565,20\u{a0}€");
        assert_eq!(money(value, "EUR", "nl"), "€\u{a0}2.565,20");
        assert_eq!(money(value, "EUR", "de"), "2.565,20\u{a0}€");
        assert_eq!(money(value, "EUR", "en"), "€2,565.20");
        assert_eq!(money(d("-5"), "EUR", "en"), "-€5.00");
        assert_eq!(money(d("0.125"), "EUR", "en"), "€0.125");
        // No symbol in the locale: CLDR places the code.
        assert_eq!(money(value, "XBT", "en"), "XBT\u{a0}2,565.20");
        assert_eq!(money(value, "??", "en"), "2,565.20 ??");
    }

    #[test]
    fn rates_are_written_as_the_language_writes_percent() {
        let rate = Decimal::new(21, 0);
        assert_eq!(percent(rate, "en"), "21%");
        assert_eq!(percent(rate, "nl"), "21%");
        assert_eq!(percent(rate, "zh"), "21%");
        assert_eq!(percent(rate, "fr"), "21\u{a0}%");
        assert_eq!(percent(rate, "de"), "21\u{a0}%");
        assert_eq!(percent(Decimal::new(55, 1), "fr-BE"), "5,5\u{a0}%");
        assert_eq!(percent(Decimal::ZERO, "en"), "0%");
    }

    #[test]
    fn dates_are_written_out() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(long_date(date, "en"), "6 December 2026");
        assert_eq!(long_date(date, "en-US"), "December 6, 2026");
        assert_eq!(long_date(date, "fr"), "6 décembre 2026");
        assert_eq!(long_date(date, "fr-BE"), "6 décembre 2026");
        assert_eq!(long_date(date, "nl"), "6 december 2026");
        assert_eq!(long_date(date, "de"), "6. Dezember 2026");
        assert_eq!(long_date(date, "de-AT"), "6. Dezember 2026");
        assert_eq!(long_date(date, "zh"), "2026年12月6日");
        assert_eq!(long_date(date, "zh-Hans"), "2026年12月6日");
        assert_eq!(long_date(date, "not a tag"), "6 December 2026");
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(long_date(first, "fr-BE"), "1er mars 2026");
        assert_eq!(long_date(first, "nl"), "1 maart 2026");
        assert_eq!(long_date(first, "de"), "1. März 2026");
        assert_eq!(long_date(first, "en"), "1 March 2026");
    }

    #[test]
    fn countries_are_named_in_the_language() {
        assert_eq!(country("BE", "en"), "Belgium");
        assert_eq!(country("BE", "fr"), "Belgique");
        assert_eq!(country("be", "nl-BE"), "België");
        assert_eq!(country("BE", "de"), "Belgien");
        assert_eq!(country("BE", "zh"), "比利时");
        assert_eq!(country("Narnia", "en"), "Narnia");
    }

    #[test]
    fn ibans_are_grouped_by_four() {
        assert_eq!(iban("BE71096123456769"), "BE71 0961 2345 6769");
        assert_eq!(iban("be71 0961 2345 6769"), "BE71 0961 2345 6769");
        assert_eq!(iban("not an iban"), "not an iban");
    }
}
