//! The positioned reader: deserializes again after each error, without the offending key, so
//! every problem of a file is found.

use super::diagnosis::{diagnose, syntax_message, value_at};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// One problem in a TOML file: a byte offset into the text and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlProblem {
    /// Byte offset where the problem is (a key, a value, or 0 for the whole file).
    pub offset: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

/// What [`read_toml`] found.
#[derive(Debug)]
pub struct TomlRead<T> {
    /// The value, with every key that had a problem left at its default; `None` when the file is
    /// not TOML at all or a required key could not be filled in.
    pub value: Option<T>,
    /// Every problem, in the order found.
    pub problems: Vec<TomlProblem>,
    /// The top-level keys and the byte offset of each, for checks made after deserializing.
    pub keys: Vec<(String, usize)>,
    /// Top-level keys that had a problem, and those an unknown key was probably meant to be.
    pub troubled: Vec<String>,
}

impl<T> TomlRead<T> {
    /// The byte offset of a top-level key, if the file has it.
    pub fn key_offset(&self, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, offset)| offset)
    }

    /// True when `key` may not hold what the user meant: the file is not TOML at all, the key had
    /// a problem, or an unknown key was probably a misspelling of it. Checks that depend on the
    /// key (a currency to fall back on, roles to compare with) then stay quiet.
    pub fn is_troubled(&self, key: &str) -> bool {
        self.value.is_none() || self.troubled.iter().any(|k| k == key)
    }
}

/// A step from a table to one of its keys, or from an array to one of its elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// How a failed attempt is repaired before the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Repair {
    /// Drop the key or element at this path.
    Remove(Vec<Step>),
    /// Add a stand-in for a missing required top-level key.
    Fill(String),
}

/// Never more attempts than this per file, whatever happens.
pub(super) const MAX_ATTEMPTS: usize = 200;

/// Deserializes `text` into `T`, reporting every problem rather than the first.
pub fn read_toml<T: DeserializeOwned>(text: &str) -> TomlRead<T> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    let keys = root
        .get_ref()
        .iter()
        .map(|(key, _)| (key.get_ref().to_string(), key.span().start))
        .collect();
    // Syntax errors first. The parser recovers and the rest of the file is still checked, but
    // what it says about a broken line, or a key that may sit on one, would only confuse.
    let mut problems: Vec<TomlProblem> = syntax
        .iter()
        .map(|error| TomlProblem {
            offset: error.span().map_or(0, |span| span.start),
            message: syntax_message(text, error),
        })
        .collect();
    let broken_lines: Vec<usize> = problems.iter().map(|p| line_of(text, p.offset)).collect();

    let mut value = None;
    let mut repairs: Vec<Repair> = Vec::new();
    let mut troubled = Vec::new();
    let mut next_root = Some(root);
    for _ in 0..MAX_ATTEMPTS {
        let root = next_root.take().unwrap_or_else(|| reparse(text, &repairs));
        let error = match T::deserialize(toml::de::Deserializer::from(root)) {
            Ok(read) => {
                value = Some(read);
                break;
            }
            Err(error) => error,
        };
        let root = reparse(text, &repairs);
        let diagnosis = diagnose(text, &root, &error, &repairs, &troubled);
        // Each repair must change something, so the loop always ends.
        let fresh = match &diagnosis.repair {
            Some(Repair::Fill(key)) => !repairs.contains(&Repair::Fill(key.clone())),
            Some(Repair::Remove(path)) => value_at(root.get_ref(), path).is_some(),
            None => true,
        };
        let hidden = diagnosis.follow_up
            || (!broken_lines.is_empty()
                && (diagnosis.missing
                    || broken_lines.contains(&line_of(text, diagnosis.problem.offset))));
        troubled.extend(diagnosis.touches);
        if fresh && !hidden {
            problems.push(diagnosis.problem);
        }
        match diagnosis.repair {
            Some(repair) if fresh => repairs.push(repair),
            // No way to go on without this value.
            _ => break,
        }
    }
    TomlRead {
        value,
        problems,
        keys,
        troubled,
    }
}

/// The 0-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Parses again and applies the repairs made so far.
pub(super) fn reparse<'a>(text: &'a str, repairs: &[Repair]) -> Spanned<DeTable<'a>> {
    let (mut root, _) = DeTable::parse_recoverable(text);
    for repair in repairs {
        match repair {
            Repair::Remove(path) => remove(root.get_mut(), path),
            Repair::Fill(key) => {
                root.get_mut().insert(
                    Spanned::new(0..0, Cow::Owned(key.clone())),
                    Spanned::new(0..0, DeValue::String(Cow::Borrowed(MISSING))),
                );
            }
        }
    }
    root
}

/// The stand-in value of a missing required string (only `name` is required).
pub(super) const MISSING: &str = "(missing)";

pub(super) fn remove(table: &mut DeTable<'_>, path: &[Step]) {
    let Some((Step::Key(key), rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        table.remove(key.as_str());
        return;
    }
    if let Some(child) = table.get_mut(key.as_str()) {
        remove_in_value(child.get_mut(), rest);
    }
}

pub(super) fn remove_in_value(value: &mut DeValue<'_>, path: &[Step]) {
    match (value, path.split_first()) {
        (DeValue::Table(table), Some((Step::Key(_), _))) => remove(table, path),
        (DeValue::Array(array), Some((Step::Index(index), rest))) => {
            if rest.is_empty() {
                let mut kept = DeArray::new();
                for (i, item) in std::mem::replace(array, DeArray::new()).iter().enumerate() {
                    if i != *index {
                        kept.push(item.clone());
                    }
                }
                *array = kept;
            } else if let Some(item) = array.get_mut(*index) {
                remove_in_value(item.get_mut(), rest);
            }
        }
        _ => {}
    }
}
#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;
    use chrono::NaiveDate;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[serde(deserialize_with = "deserialize_name")]
        name: String,
        #[serde(default, deserialize_with = "deserialize_opt_days")]
        terms: Option<u32>,
        #[serde(default, deserialize_with = "deserialize_opt_date")]
        since: Option<NaiveDate>,
        #[serde(default)]
        inner: Inner,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        #[serde(default, deserialize_with = "deserialize_opt_country")]
        country: Option<String>,
        #[serde(default)]
        city: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[serde(deserialize_with = "deserialize_date")]
        date: NaiveDate,
        text: String,
    }

    fn problems(text: &str) -> Vec<(usize, String)> {
        read_toml::<Sample>(text)
            .problems
            .into_iter()
            .map(|p| (p.offset, p.message))
            .collect()
    }

    #[test]
    fn a_clean_file_has_no_problem() {
        let read = read_toml::<Sample>(
            "name = \"A\"\nterms = 14\nsince = \"2021-03-01\"\n[inner]\ncountry = \"BE\"\n",
        );
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let sample = read.value.unwrap();
        assert_eq!(sample.since, NaiveDate::from_ymd_opt(2021, 3, 1));
        assert_eq!(sample.inner.country.as_deref(), Some("BE"));
        assert_eq!(
            read_toml::<Sample>("name = \"A\"").key_offset("name"),
            Some(0)
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_offset() {
        let text = "name = \"A\"\nterms = -3\nnam = 1\nsince = 2021-02-30\n[inner]\ncountry = \"Belgium\"\ncity = 3\ncuntry = \"BE\"\n";
        let found = problems(text);
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(
            found.contains(&(
                at("-3"),
                "invalid number of days `-3`: expected a whole number, zero or more".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                at("nam ="),
                "unknown key `nam`; did you mean `name`?".into()
            )),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(o, m)| *o == at("2021-02-30") && m.contains("not a calendar date")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(o, m)| *o == at("\"Belgium\"") && m.contains("two upper-case letters")),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                at("3\ncuntry"),
                "invalid value for `inner.city`: expected a string, found integer `3`".into()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                at("cuntry"),
                "unknown key `cuntry` in [inner]; did you mean `country`?".into()
            )),
            "{found:?}"
        );
        assert_eq!(found.len(), 6, "{found:?}");
    }

    #[test]
    fn missing_keys() {
        assert_eq!(
            problems(""),
            vec![(
                0,
                "missing required key `name`; add a line such as name = \"Acme Trading BV\"".into()
            )]
        );
        let read = read_toml::<Sample>("terms = 3\n");
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.value.unwrap().terms, Some(3));
        let text = "name = \"A\"\n[[items]]\ndate = 2026-01-01\ntext = \"ok\"\n[[items]]\ntext = \"no date\"\n[[items]]\ndate = \"x\"\ntext = \"bad\"\n";
        let found = problems(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            (
                text.rfind("[[items]]\ntext").unwrap(),
                "missing required key `date` in [[items]]".into()
            )
        );
        assert!(
            found[1].1.contains("expected a date YYYY-MM-DD, found `x`"),
            "{found:?}"
        );
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let text = "name = \"A\"\ninner = \"x\"\nitems = 3\n";
        let found = problems(text);
        let expected = [
            (
                text.find("\"x\"").unwrap(),
                "invalid value for `inner`: expected a table, found string \"x\"",
            ),
            (
                text.find('3').unwrap(),
                "invalid value for `items`: expected an array, found integer `3`",
            ),
        ];
        for (offset, message) in expected {
            assert!(found.contains(&(offset, message.to_string())), "{found:?}");
        }
        assert_eq!(
            problems("name = \"\"\n")[0].1,
            "`name` is empty: expected a name such as \"Acme Trading BV\""
        );
        assert!(
            problems("name = \"A\"\nterms = \"30\"\n")[0]
                .1
                .contains("without quotes")
        );
        assert!(
            problems("name = \"A\"\nsince = 2021-03-01T10:00:00\n")[0]
                .1
                .contains("without a time")
        );
    }

    #[test]
    fn syntax_errors_are_all_reported() {
        let read = read_toml::<Sample>("name = \nx = = 1\n");
        assert!(read.value.is_none());
        assert!(read.problems.len() >= 2, "{:?}", read.problems);
        assert!(read.problems[0].message.starts_with("invalid TOML: "));
    }
}
