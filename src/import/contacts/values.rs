//! A row's values: each cell normalised for the field it fills (upper-case country codes,
//! compact IBANs, dates and amounts in folio's form, yes/no words as booleans), and whether a
//! contact already holds a value.

use super::Import;
use crate::book::Contact;
use crate::diagnostic::Diagnostic;
use crate::identifiers::vat;
use crate::input::csv::Row;

/// A cell's value, normalised for its field.
pub(super) fn normalise(field: &str, value: &str) -> String {
    match field {
        "country" | "currency" => value.to_ascii_uppercase(),
        "language" => value.to_ascii_lowercase(),
        "roles" => value.to_ascii_lowercase().replace([';', '|'], ","),
        "iban" => crate::identifiers::iban::compact(value),
        "tags" => value.replace([';', '|'], ","),
        "archived" | "newsletter" => match value.to_ascii_lowercase().as_str() {
            "1" | "y" | "yes" | "true" | "x" | "oui" | "ja" => "true".into(),
            "0" | "n" | "no" | "false" | "non" | "nee" | "nein" => "false".into(),
            other => other.to_string(),
        },
        "since" => {
            let formats: Vec<String> = crate::input::values::DATE_FORMATS
                .iter()
                .map(|f| f.to_string())
                .collect();
            crate::input::values::parse_date(value, &formats)
                .map(|d| d.to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        "credit_limit" => {
            let style = crate::input::values::NumberStyle {
                decimal: crate::input::values::detect_decimal(std::iter::once(value)),
                thousands: None,
            };
            crate::input::values::parse_amount(value, style)
                .map(|d| d.to_string())
                .unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}

/// A list cell as items.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// True when a contact already holds `value` for `field` (compared as values, not as text).
pub(super) fn holds(contact: &Contact, field: &str, value: &str) -> bool {
    let same = |current: Option<&str>| current == Some(value);
    match field {
        "name" => contact.name == value,
        "roles" => {
            let mut wanted = list(value);
            wanted.sort();
            wanted.dedup();
            let mut current: Vec<String> = contact
                .roles
                .iter()
                .map(|r| r.as_str().to_string())
                .collect();
            current.sort();
            current.dedup();
            wanted == current
        }
        "email" => contact
            .email
            .as_deref()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(value)),
        "phone" => same(contact.phone.as_deref()),
        "vat" => contact
            .vat
            .as_deref()
            .is_some_and(|v| vat::compact(v) == vat::compact(value)),
        "iban" => contact
            .iban
            .as_deref()
            .is_some_and(|v| crate::identifiers::iban::compact(v) == value),
        "industry" => same(contact.industry.as_deref()),
        "tags" => contact.tags == list(value),
        "language" => same(contact.language.as_deref()),
        "currency" => contact.currency.is_some_and(|c| c.as_str() == value),
        "terms" => contact.terms.is_some_and(|t| t.to_string() == value),
        "credit_limit" => match (contact.credit_limit, value.parse::<rust_decimal::Decimal>()) {
            (Some(current), Ok(new)) => current == new,
            _ => false,
        },
        "since" => contact.since.is_some_and(|d| d.to_string() == value),
        "archived" => contact.archived.to_string() == value,
        "street" => same(contact.address.street.as_deref()),
        "postcode" => same(contact.address.postcode.as_deref()),
        "city" => same(contact.address.city.as_deref()),
        "region" => same(contact.address.region.as_deref()),
        "country" => same(contact.address.country.as_deref()),
        "newsletter" => contact
            .preferences
            .newsletter
            .is_some_and(|n| n.to_string() == value),
        custom => match custom.strip_prefix("custom.") {
            Some(name) => contact
                .custom
                .get(name)
                .is_some_and(|v| v.as_str() == Some(value)),
            None => false,
        },
    }
}

/// One value of a row, with where it came from.
pub(super) struct Value<'a> {
    pub(super) field: String,
    pub(super) text: String,
    pub(super) column: usize,
    pub(super) row: &'a Row,
}

/// A row and the values of its mapped, non-empty cells.
pub(super) struct RowValues<'r> {
    pub(super) row: &'r Row,
    pub(super) values: Vec<Value<'r>>,
}

impl RowValues<'_> {
    /// The value for `field`, if the row has one.
    pub(super) fn get(&self, field: &str) -> Option<&Value<'_>> {
        self.values.iter().find(|v| v.field == field)
    }
}

impl Import<'_> {
    /// The values of a row's mapped cells; a cell holding a line break is a problem.
    pub(super) fn values<'r>(&self, row: &'r Row, problems: &mut Vec<Diagnostic>) -> RowValues<'r> {
        let mut values: Vec<Value<'r>> = Vec::new();
        for (column, target) in self.targets.iter().enumerate() {
            let (Some(field), Some(raw)) = (target, row.get(column)) else {
                continue;
            };
            let value = Value {
                field: field.clone(),
                text: normalise(field, raw),
                column,
                row,
            };
            if value.text.contains(['\n', '\r']) {
                problems.push(self.problem(
                    row,
                    Some(&value),
                    "a line break in this cell: contact fields are one line".into(),
                ));
                continue;
            }
            values.push(value);
        }
        RowValues { row, values }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_values() {
        assert_eq!(normalise("country", "be"), "BE");
        assert_eq!(normalise("tags", "a; b|c"), "a, b,c");
        assert_eq!(normalise("newsletter", "No"), "false");
        assert_eq!(normalise("since", "01/03/2021"), "2021-03-01");
        assert_eq!(normalise("credit_limit", "5.000,00"), "5000.00");
        assert_eq!(normalise("iban", "be68 5390 0754 7034"), "BE68539007547034");
    }
}
