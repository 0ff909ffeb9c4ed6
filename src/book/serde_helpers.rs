//! Deserializers shared by folio.toml and contact files: exact decimals, currencies, dates.

use crate::money::{self, Currency};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, de};

/// A decimal written either as a string (`"5000.00"`), an integer or a TOML float.
///
/// A float is taken by its shortest round-trip text, which is exactly what the user wrote for any
/// number a person writes (up to 15 significant digits), so `0.8` is the decimal 0.8, never
/// 0.8000000000000000444.
#[derive(Deserialize)]
#[serde(untagged)]
enum DecimalText {
    Text(String),
    Integer(i64),
    Float(f64),
}

fn to_decimal<E: de::Error>(value: DecimalText) -> Result<Decimal, E> {
    let parsed = match &value {
        DecimalText::Text(text) => money::parse_decimal(text),
        DecimalText::Integer(n) => Some(Decimal::from(*n)),
        DecimalText::Float(f) if f.is_finite() => money::parse_decimal(&format!("{f}")),
        DecimalText::Float(_) => None,
    };
    parsed.ok_or_else(|| E::custom("expected a decimal number such as \"5000.00\""))
}

/// Deserializes a required exact decimal.
pub fn deserialize_exact_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    to_decimal(DecimalText::deserialize(d)?)
}

/// Deserializes an optional exact decimal.
pub fn deserialize_opt_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    Option::<DecimalText>::deserialize(d)?.map(to_decimal).transpose()
}

/// Deserializes an optional ISO 4217 code.
pub fn deserialize_opt_currency<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Currency>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else { return Ok(None) };
    Currency::parse(&text).map(Some).ok_or_else(|| {
        de::Error::custom(format!(
            "invalid currency `{text}`: expected three upper-case letters (ISO 4217), e.g. \"EUR\""
        ))
    })
}

/// Deserializes an optional date written as a TOML local date (`2021-03-01`) or a string.
pub fn deserialize_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let Some(value) = Option::<toml::value::Datetime>::deserialize(d)? else { return Ok(None) };
    let (Some(date), None) = (value.date, value.time) else {
        return Err(de::Error::custom(format!("expected a date YYYY-MM-DD, found `{value}`")));
    };
    NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
        .map(Some)
        .ok_or_else(|| de::Error::custom(format!("`{value}` is not a calendar date")))
}

/// Deserializes a required date.
pub fn deserialize_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    deserialize_opt_date(d)?.ok_or_else(|| de::Error::custom("expected a date YYYY-MM-DD"))
}
