//! Reading folio.toml and contact files: every problem of a file with its position, and the
//! deserializers shared by both (exact decimals, currencies, dates, days, country codes).
//!
//! serde stops at the first error. [`read_toml`] keeps going: after each error it drops the
//! offending key (or array element) and deserializes again, so a file with three mistakes gets
//! three messages, each at its own line and column.

//!
//! The field deserializers, each with errors that are full sentences (toml adds the position of
//! the value), are grouped by what they read: numbers, codes, text and dates.

mod codes;
mod dates;
mod diagnosis;
mod numbers;
mod reader;
mod text;

pub(super) use codes::*;
pub(super) use dates::*;
pub(super) use numbers::*;
pub use reader::{TomlProblem, TomlRead, read_toml};
pub(super) use text::*;

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Deserializes a string and checks it. The check runs inside the visitor, so toml places an
/// error at the value itself, even inside an array (`roles = ["customer", "suplier"]`).
pub(super) fn deserialize_checked<'de, D, T, F>(
    d: D,
    what: &'static str,
    check: F,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    struct Checked<F>(&'static str, F);
    impl<T, F: FnOnce(&str) -> Result<T, String>> Visitor<'_> for Checked<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            (self.1)(text).map_err(E::custom)
        }
    }
    d.deserialize_str(Checked(what, check))
}
