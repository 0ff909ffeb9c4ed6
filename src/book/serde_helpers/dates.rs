//! Field deserializers for dates.

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

pub(super) struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    /// A date written as a string, `"2021-03-01"`, is accepted too.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        crate::journal::parser::parse_date(text).map_err(E::custom)
    }

    /// A TOML date, `2021-03-01`; a time or an offset is refused.
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<NaiveDate, A::Error> {
        let value = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
        let (Some(date), None, None) = (value.date, value.time, value.offset) else {
            return Err(de::Error::custom(format!(
                "invalid date `{value}`: expected a date YYYY-MM-DD without a time"
            )));
        };
        NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| de::Error::custom(format!("`{value}` is not a calendar date")))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<NaiveDate, E> {
        Err(E::custom(format!(
            "invalid date `{n}`: expected a date YYYY-MM-DD"
        )))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<NaiveDate, E> {
        Err(E::custom(format!(
            "invalid date `{n}`: expected a date YYYY-MM-DD"
        )))
    }
}

/// Deserializes an optional date written as a TOML local date (`2021-03-01`) or a string.
pub(crate) fn deserialize_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserialize_date(d).map(Some)
}

/// Deserializes a required date written as a TOML local date (`2021-03-01`) or a string.
pub(crate) fn deserialize_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}
