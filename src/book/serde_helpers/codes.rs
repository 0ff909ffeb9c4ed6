//! Field deserializers for codes: currencies (ISO 4217), countries (ISO 3166-1), languages.

use super::deserialize_checked;
use crate::money::Currency;
use serde::de::Deserializer;

/// Deserializes an optional ISO 4217 code.
pub(crate) fn deserialize_opt_currency<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Currency>, D::Error> {
    deserialize_checked(d, "a currency code such as \"EUR\"", |text| {
        Currency::parse(text)
            .map(Some)
            .ok_or_else(|| invalid_currency(text))
    })
}

/// The message for a currency code that is not three upper-case letters.
pub(crate) fn invalid_currency(text: &str) -> String {
    let upper = text.to_ascii_uppercase();
    if Currency::parse(&upper).is_some() {
        format!(
            "invalid currency `{text}`: expected three upper-case letters (ISO 4217); did you mean `{upper}`?"
        )
    } else {
        format!(
            "invalid currency `{text}`: expected three upper-case letters (ISO 4217), e.g. \"EUR\""
        )
    }
}

/// Deserializes an ISO 3166-1 alpha-2 country code: two upper-case letters.
pub(crate) fn deserialize_opt_country<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a country code such as \"BE\"", |text| {
        let bytes = text.as_bytes();
        if bytes.len() == 2 && bytes.iter().all(u8::is_ascii_uppercase) {
            return Ok(Some(text.to_string()));
        }
        Err(
            if bytes.len() == 2 && bytes.iter().all(u8::is_ascii_alphabetic) {
                format!(
                    "invalid country `{text}`: expected two upper-case letters (ISO 3166-1 alpha-2); did you mean `{}`?",
                    text.to_ascii_uppercase()
                )
            } else {
                format!(
                    "invalid country `{text}`: expected two upper-case letters (ISO 3166-1 alpha-2), e.g. \"BE\""
                )
            },
        )
    })
}

/// Deserializes a language tag for letters: `en`, `fr`, `zh`, optionally with a region or script
/// (`fr-BE`, `zh-Hans`).
pub(crate) fn deserialize_opt_language<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_language(d).map(Some)
}

/// Deserializes a required language tag ([`deserialize_opt_language`]).
pub(crate) fn deserialize_language<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a language code such as \"fr\"", |text| {
        check_language(text).map(|()| text.to_string())
    })
}

/// Checks a language tag: a lower-case ISO 639-1 (or -3) code, optionally with a region or
/// script (`fr-BE`, `zh-Hans`).
pub(crate) fn check_language(text: &str) -> Result<(), String> {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or_default();
    let valid = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if valid {
        return Ok(());
    }
    Err(
        if (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphabetic()) {
            format!(
                "invalid language `{text}`: expected a lower-case ISO 639-1 code; did you mean `{}`?",
                text.to_ascii_lowercase()
            )
        } else {
            format!("invalid language `{text}`: expected a code such as \"en\", \"fr\" or \"zh\"")
        },
    )
}

/// Deserializes an optional Peppol participant id, `scheme:value` with a scheme of Peppol's EAS
/// list and a value its scheme accepts ([`crate::identifiers::peppol::parse`]).
pub(crate) fn deserialize_opt_peppol<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a Peppol id such as \"0208:0403170701\"", |text| {
        super::text::one_line(text)?;
        crate::identifiers::peppol::parse(text).map(|_| text.to_string())
    })
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::super::{deserialize_opt_credit_limit, read_toml};
    use super::*;
    use rust_decimal::Decimal;
    use serde::Deserialize;

    #[test]
    fn field_checks() {
        #[allow(dead_code)]
        #[derive(Debug, Deserialize)]
        struct Fields {
            #[serde(default, deserialize_with = "deserialize_opt_credit_limit")]
            limit: Option<Decimal>,
            #[serde(default, deserialize_with = "deserialize_opt_currency")]
            currency: Option<Currency>,
            #[serde(default, deserialize_with = "deserialize_opt_language")]
            language: Option<String>,
        }
        let one = |text: &str| {
            read_toml::<Fields>(text)
                .problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join("|")
        };
        assert_eq!(
            one("limit = \"5000.00\"\ncurrency = \"EUR\"\nlanguage = \"zh-Hans\""),
            ""
        );
        assert_eq!(
            read_toml::<Fields>("limit = 0.8").value.unwrap().limit,
            Some(Decimal::new(8, 1))
        );
        assert!(one("limit = -1").contains("zero or more"));
        assert!(one("limit = \"1.23456\"").contains("at most 4 decimals"));
        assert!(one("limit = \"1,000\"").contains("expected a decimal number"));
        assert!(one("currency = \"eur\"").contains("did you mean `EUR`?"));
        assert!(one("currency = \"EURO\"").contains("three upper-case letters"));
        assert!(one("language = \"FR\"").contains("did you mean `fr`?"));
        assert!(one("language = \"French\"").contains("such as"));
    }
}
