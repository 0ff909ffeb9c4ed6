//! Field deserializers for numbers: exact decimals, credit limits, shares, days, aging buckets.

use crate::money;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

pub(super) struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number such as \"5000.00\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
        money::parse_decimal(text).ok_or_else(|| {
            E::custom(format!(
                "invalid number `{text}`: expected a decimal number such as \"5000.00\""
            ))
        })
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(n))
    }

    /// A float is taken by its shortest round-trip text, which is exactly what the user wrote for
    /// any number a person writes (up to 15 significant digits), so `0.8` is the decimal 0.8,
    /// never 0.8000000000000000444.
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Decimal, E> {
        let parsed = if f.is_finite() {
            money::parse_decimal(&format!("{f}"))
        } else {
            None
        };
        parsed.ok_or_else(|| {
            E::custom(format!(
                "invalid number `{f}`: expected a decimal number such as \"5000.00\""
            ))
        })
    }
}

/// Deserializes a required exact decimal, written as a string (`"5000.00"`), an integer or a
/// float.
pub(crate) fn deserialize_exact_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// Deserializes an optional exact decimal (the key may be absent; TOML has no null).
pub(crate) fn deserialize_opt_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_exact_decimal(d).map(Some)
}

/// Deserializes a credit limit: a decimal, zero or more, at most 4 decimals.
pub(crate) fn deserialize_opt_credit_limit<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let limit = deserialize_exact_decimal(d)?;
    if limit < Decimal::ZERO {
        return Err(de::Error::custom(format!(
            "invalid credit_limit `{limit}`: expected zero or more; leave the key out for no limit"
        )));
    }
    if limit.scale() > money::MAX_DECIMALS as u32
        && limit.normalize().scale() > money::MAX_DECIMALS as u32
    {
        return Err(de::Error::custom(format!(
            "invalid credit_limit `{limit}`: expected at most {} decimals",
            money::MAX_DECIMALS
        )));
    }
    if !money::is_usable_amount(limit) {
        return Err(de::Error::custom(format!(
            "invalid credit_limit `{limit}`: expected at most {} integer digits, as an amount",
            money::MAX_INTEGER_DIGITS
        )));
    }
    Ok(Some(limit))
}

/// Deserializes payment terms: a whole number of days, zero or more.
pub(crate) fn deserialize_opt_days<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<u32>, D::Error> {
    deserialize_days(d).map(Some)
}

/// Deserializes a required whole number of days, zero or more.
pub(crate) fn deserialize_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = deserialize_whole(d)?;
    u32::try_from(days).map_err(|_| {
        de::Error::custom(format!(
            "invalid number of days `{days}`: expected a whole number, zero or more"
        ))
    })
}

/// Deserializes aging bucket bounds: at least one, each positive, strictly increasing.
pub(crate) fn deserialize_buckets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    struct Bounds;
    impl<'de> Visitor<'de> for Bounds {
        type Value = Vec<i128>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of day counts such as [30, 60, 90]")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<i128>, A::Error> {
            let mut bounds = Vec::new();
            while let Some(bound) = seq.next_element::<WholeNumber>()? {
                bounds.push(bound.0);
            }
            Ok(bounds)
        }
    }
    let bounds = d.deserialize_seq(Bounds)?;
    let shown = bounds
        .iter()
        .map(i128::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let valid = !bounds.is_empty()
        && bounds[0] > 0
        && bounds.windows(2).all(|w| w[0] < w[1])
        && bounds.iter().all(|&b| u32::try_from(b).is_ok());
    if !valid {
        return Err(de::Error::custom(format!(
            "invalid aging buckets [{shown}]: expected at least one number of days, each above zero and larger than the one before, e.g. [30, 60, 90]"
        )));
    }
    Ok(bounds.into_iter().map(|b| b as u32).collect())
}

/// Deserializes `warn_at`: a share of the credit limit, above 0 and at most 1.
pub(crate) fn deserialize_share<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let share = deserialize_exact_decimal(d)?;
    if share <= Decimal::ZERO || share > Decimal::ONE {
        return Err(de::Error::custom(format!(
            "invalid warn_at `{share}`: expected a share of the credit limit above 0 and at most 1, e.g. 0.8 for 80%"
        )));
    }
    Ok(share)
}

/// A whole number of any sign, as written (floats and strings are refused).
pub(super) struct WholeNumber(i128);

impl<'de> de::Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<WholeNumber, D::Error> {
        deserialize_whole(d).map(WholeNumber)
    }
}

pub(super) fn deserialize_whole<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
    struct Whole;
    impl Visitor<'_> for Whole {
        type Value = i128;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<i128, E> {
            Ok(i128::from(n))
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<i128, E> {
            Ok(i128::from(n))
        }
        fn visit_i128<E: de::Error>(self, n: i128) -> Result<i128, E> {
            Ok(n)
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<i128, E> {
            Err(E::custom(format!(
                "invalid number `{n}`: expected a whole number"
            )))
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<i128, E> {
            Err(E::custom(format!(
                "invalid number \"{text}\": expected a whole number without quotes"
            )))
        }
    }
    d.deserialize_any(Whole)
}

#[cfg(test)]
mod tests {
    use super::super::read_toml;
    use super::*;
    use serde::Deserialize;

    #[test]
    fn buckets_and_shares() {
        #[allow(dead_code)]
        #[derive(Debug, Deserialize)]
        struct Aging {
            #[serde(deserialize_with = "deserialize_buckets")]
            buckets: Vec<u32>,
            #[serde(default = "Decimal::default", deserialize_with = "deserialize_share")]
            warn_at: Decimal,
        }
        let one = |text: &str| {
            read_toml::<Aging>(text)
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join("|")
        };
        assert_eq!(one("buckets = [30, 60, 90]\nwarn_at = 0.8"), "");
        for bad in [
            "[]",
            "[0, 30]",
            "[60, 30]",
            "[30, 30]",
            "[-30]",
            "[5000000000]",
        ] {
            assert!(
                one(&format!("buckets = {bad}")).contains("invalid aging buckets"),
                "{bad}"
            );
        }
        assert!(one("buckets = [30, \"60\"]").contains("without quotes"));
        assert!(one("buckets = [30]\nwarn_at = 1.5").contains("at most 1"));
        assert!(one("buckets = [30]\nwarn_at = 0").contains("above 0"));
    }
}
