//! The `vat:` metadata of a journal line: `vat:21` (the amount includes 21 % VAT, standard
//! category), `vat:0/AE` (a category at a rate), `vat:5.5/S`.
//!
//! It is read here, with the line, so that a `vat:` folio cannot read is an error at its
//! position in every command, not a breakdown silently left out of a VAT figure.

use crate::money;
use rust_decimal::Decimal;

/// The VAT categories a `vat:` tag may name (UNCL5305 as EN 16931 uses it): S standard rate, Z
/// zero rated, E exempt, AE reverse charge, K intra-community supply, G export, O not subject,
/// L and M the Canary Islands' and Ceuta and Melilla's taxes.
pub const CATEGORIES: &[&str] = &["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

/// A valid `vat:` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatTag {
    /// The rate in percent, normalized (`21`, `5.5`, `0`).
    pub rate: Decimal,
    /// The category: the one written, else S above 0 %, else E (the default of document items).
    pub category: &'static str,
}

/// Reads a `vat:` value: `RATE` or `RATE/CATEGORY`, the rate from 0 to below 100 with at most
/// two decimals. Only S, L and M take a rate above 0, and S does not take 0 (zero-rated is Z):
/// EN 16931 ties the other categories to a rate of 0. The error says what was expected.
pub fn parse_vat_tag(value: &str) -> Result<VatTag, String> {
    let (rate_text, category) = match value.split_once('/') {
        Some((rate, category)) => (rate, Some(category)),
        None => (value, None),
    };
    let rate = money::parse_decimal(rate_text)
        .filter(|rate| {
            !rate_text.starts_with('-')
                && *rate < Decimal::ONE_HUNDRED
                && rate.normalize().scale() <= 2
        })
        .ok_or_else(|| {
            format!(
                "invalid vat: `{value}`: expected a rate in percent from 0 to below 100 with at most two decimals (vat:21), or a rate and a VAT category (vat:0/AE)"
            )
        })?
        .normalize();
    let category = match category {
        None if rate.is_zero() => "E",
        None => "S",
        Some(text) => CATEGORIES
            .iter()
            .copied()
            .find(|known| *known == text)
            .ok_or_else(|| {
                format!(
                    "invalid vat: `{value}`: unknown VAT category `{text}`; expected one of {}",
                    CATEGORIES.join(", ")
                )
            })?,
    };
    match (category, rate.is_zero()) {
        ("S", true) => Err(format!(
            "invalid vat: `{value}`: the standard category S needs a rate above 0; zero-rated is vat:0/Z"
        )),
        ("S" | "L" | "M", _) | (_, true) => Ok(VatTag { rate, category }),
        (_, false) => Err(format!(
            "invalid vat: `{value}`: category {category} has no VAT, so its rate is 0 (vat:0/{category})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn tag(value: &str) -> VatTag {
        parse_vat_tag(value).unwrap()
    }

    #[test]
    fn a_bare_rate_is_standard_above_zero_and_exempt_at_zero() {
        assert_eq!(tag("21").category, "S");
        assert_eq!(tag("21").rate, Decimal::from(21));
        assert_eq!(tag("21.00").rate, Decimal::from(21));
        assert_eq!(tag("5.5").rate, Decimal::from_str("5.5").unwrap());
        assert_eq!(tag("0").category, "E");
    }

    #[test]
    fn a_category_is_taken_as_written() {
        assert_eq!(tag("0/AE").category, "AE");
        assert_eq!(tag("0/Z").category, "Z");
        assert_eq!(tag("6/S").category, "S");
        assert_eq!(tag("7/L").category, "L");
    }

    #[test]
    fn a_vat_tag_that_is_not_a_rate_or_rate_and_category_is_refused() {
        for value in [
            "", "x", "21%", "-21", "100", "21.005", "21/", "21/XX", "0/ae", "/AE", "21/AE", "0/S",
            "1e2",
        ] {
            let message = parse_vat_tag(value).unwrap_err();
            assert!(message.starts_with("invalid vat:"), "{value}: {message}");
        }
    }
}
