//! Reading folio.toml and contact files: every problem of a file with its position, and the
//! deserializers shared by both (exact decimals, currencies, dates, days, country codes).
//!
//! serde stops at the first error. [`read_toml`] keeps going: after each error it drops the
//! offending key (or array element) and deserializes again, so a file with three mistakes gets
//! three messages, each at its own line and column.

use crate::diagnostic::did_you_mean;
use crate::money::{self, Currency};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
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
enum Step {
    Key(String),
    Index(usize),
}

/// How a failed attempt is repaired before the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Repair {
    /// Drop the key or element at this path.
    Remove(Vec<Step>),
    /// Add a stand-in for a missing required top-level key.
    Fill(String),
}

/// Never more attempts than this per file, whatever happens.
const MAX_ATTEMPTS: usize = 200;

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
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Parses again and applies the repairs made so far.
fn reparse<'a>(text: &'a str, repairs: &[Repair]) -> Spanned<DeTable<'a>> {
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
const MISSING: &str = "(missing)";

fn remove(table: &mut DeTable<'_>, path: &[Step]) {
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

fn remove_in_value(value: &mut DeValue<'_>, path: &[Step]) {
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

/// What one failed attempt teaches.
struct Diagnosis {
    /// What to tell the user.
    problem: TomlProblem,
    /// How to go on; `None` when there is no way to.
    repair: Option<Repair>,
    /// A "missing key" problem.
    missing: bool,
    /// A consequence of an earlier repair (a required key removed because its value was wrong),
    /// not worth a message of its own.
    follow_up: bool,
    /// The top-level keys concerned.
    touches: Vec<String>,
}

/// Where an error is, what to tell the user, and how to go on.
fn diagnose(
    text: &str,
    root: &Spanned<DeTable<'_>>,
    error: &toml::de::Error,
    repairs: &[Repair],
    troubled: &[String],
) -> Diagnosis {
    let raw = error.message().trim();
    let span = error.span().unwrap_or(0..0);

    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        if root.span() == span && !root.get_ref().contains_key(field.as_str()) {
            let message = format!("missing required key `{field}`{}", example_for(&field));
            let removed = Repair::Remove(vec![Step::Key(field.clone())]);
            return Diagnosis {
                touches: vec![field.clone()],
                problem: TomlProblem { offset: 0, message },
                // A required key removed for its wrong value, or written misspelled, has been
                // reported already.
                follow_up: repairs.contains(&removed) || troubled.contains(&field),
                repair: Some(Repair::Fill(field)),
                missing: true,
            };
        }
        let path = find_table(root.get_ref(), &span, &field);
        let message = format!(
            "missing required key `{field}` in {}",
            describe_table(path.as_deref())
        );
        return Diagnosis {
            touches: top_key(path.as_deref()).into_iter().collect(),
            problem: TomlProblem {
                offset: span.start,
                message,
            },
            repair: path.filter(|path| !path.is_empty()).map(Repair::Remove),
            missing: true,
            follow_up: false,
        };
    }

    let path = locate(root.get_ref(), &span);
    let shown = dotted(path.as_deref().unwrap_or_default());
    let node = path
        .as_deref()
        .and_then(|path| value_at(root.get_ref(), path));
    let mut touches: Vec<String> = top_key(path.as_deref()).into_iter().collect();
    let message = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let parent = path.as_deref().map(|p| &p[..p.len().saturating_sub(1)]);
        let place = match parent {
            Some(parent) if !parent.is_empty() => format!(" in {}", describe_table(Some(parent))),
            _ => String::new(),
        };
        match did_you_mean(key, expected.iter().copied()) {
            Some(near) => {
                if place.is_empty() {
                    touches.push(near.to_string());
                }
                format!("unknown key `{key}`{place}; did you mean `{near}`?")
            }
            None if expected.is_empty() => {
                format!("unknown key `{key}`{place}: this table takes no keys")
            }
            None => format!(
                "unknown key `{key}`{place}; expected one of {}",
                expected.join(", ")
            ),
        }
    } else if let Some((_, expected)) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        let found = node.map_or_else(
            || "something else".to_string(),
            |value| describe_value(text, value),
        );
        format!(
            "invalid value for `{shown}`: expected {}, found {found}",
            describe_expected(expected)
        )
    } else if raw.starts_with("duplicate field") {
        format!("`{shown}` is given twice")
    } else {
        // Our own deserializers write complete sentences; a generic one names the key as
        // `{key}`, which is filled in here.
        raw.replace(KEY_PLACEHOLDER, &format!("`{shown}`"))
    };
    // A check of a whole list or table that fails only because an element with its own error
    // was taken out (the last dunning level, whose fee was wrong) repeats that error.
    let follow_up = path.as_deref().is_some_and(|path| {
        repairs.iter().any(|repair| {
            matches!(repair, Repair::Remove(removed) if removed.len() > path.len() && removed.starts_with(path))
        })
    });
    // Inside an array, drop the whole element: a note without its date would only add a
    // "missing key" message about the same mistake.
    let repair = path.filter(|path| !path.is_empty()).map(|mut path| {
        if let Some(last_index) = path.iter().rposition(|step| matches!(step, Step::Index(_))) {
            path.truncate(last_index + 1);
        }
        Repair::Remove(path)
    });
    Diagnosis {
        touches,
        problem: TomlProblem {
            offset: span.start,
            message,
        },
        repair,
        missing: false,
        follow_up,
    }
}

/// The top-level key a path starts with.
fn top_key(path: Option<&[Step]>) -> Option<String> {
    match path?.first()? {
        Step::Key(key) => Some(key.clone()),
        Step::Index(_) => None,
    }
}

/// Rewrites a TOML syntax error for people.
fn syntax_message(text: &str, error: &toml::de::Error) -> String {
    let raw = error.message().trim();
    let start = error.span().map_or(0, |span| span.start).min(text.len());
    let start = if text.is_char_boundary(start) {
        start
    } else {
        0
    };
    if let Some(rest) = raw.strip_prefix("invalid date, ") {
        // The parser checks calendar dates; name the date and say what was wrong.
        let word_start = text[..start]
            .rfind([' ', '\t', '=', '[', ',', '\n'])
            .map_or(0, |i| i + 1);
        let word = text[word_start..]
            .split([' ', '\t', ',', ']', '\r', '\n', '#'])
            .next()
            .unwrap_or("");
        return format!("`{word}` is not a calendar date: {rest}");
    }
    format!("invalid TOML: {raw}")
}

fn example_for(field: &str) -> &'static str {
    match field {
        "name" => "; add a line such as name = \"Acme Trading BV\"",
        _ => "",
    }
}

/// True when `inner` lies within `outer`; an empty `inner` must start inside `outer`.
fn within(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    if inner.is_empty() {
        outer.start <= inner.start && inner.start < outer.end
    } else {
        outer.start <= inner.start && inner.end <= outer.end
    }
}

/// The deepest key or element whose text holds `span`. Tables opened by a `[header]` span only
/// their header, so every child is searched, not only those of a table that holds the span.
fn locate(table: &DeTable<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
    for (key, value) in table.iter() {
        let step = Step::Key(key.get_ref().to_string());
        if let Some(mut deeper) = locate_in_value(value.get_ref(), span) {
            deeper.insert(0, step);
            return Some(deeper);
        }
        let whole = key.span().start.min(value.span().start)..key.span().end.max(value.span().end);
        if within(&whole, span) {
            return Some(vec![step]);
        }
    }
    None
}

fn locate_in_value(value: &DeValue<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
    match value {
        DeValue::Table(table) => locate(table, span),
        DeValue::Array(array) => array.iter().enumerate().find_map(|(index, item)| {
            let mut deeper = locate_in_value(item.get_ref(), span)
                .or_else(|| within(&item.span(), span).then(Vec::new))?;
            deeper.insert(0, Step::Index(index));
            Some(deeper)
        }),
        _ => None,
    }
}

/// The path of the table that spans `span` exactly and lacks `field` (a "missing field" error).
fn find_table(table: &DeTable<'_>, span: &Range<usize>, field: &str) -> Option<Vec<Step>> {
    fn search(value: &Spanned<DeValue<'_>>, span: &Range<usize>, field: &str) -> Option<Vec<Step>> {
        match value.get_ref() {
            DeValue::Table(table) if value.span() == *span && !table.contains_key(field) => {
                Some(Vec::new())
            }
            DeValue::Table(table) => find_table(table, span, field),
            DeValue::Array(array) => array.iter().enumerate().find_map(|(index, item)| {
                let mut deeper = search(item, span, field)?;
                deeper.insert(0, Step::Index(index));
                Some(deeper)
            }),
            _ => None,
        }
    }
    table.iter().find_map(|(key, value)| {
        let mut deeper = search(value, span, field)?;
        deeper.insert(0, Step::Key(key.get_ref().to_string()));
        Some(deeper)
    })
}

fn value_at<'a, 'i>(table: &'a DeTable<'i>, path: &[Step]) -> Option<&'a Spanned<DeValue<'i>>> {
    let (Step::Key(key), rest) = path.split_first()? else {
        return None;
    };
    let mut value = table.get(key.as_str())?;
    for step in rest {
        value = match (value.get_ref(), step) {
            (DeValue::Table(table), Step::Key(key)) => table.get(key.as_str())?,
            (DeValue::Array(array), Step::Index(index)) => array.get(*index)?,
            _ => return None,
        };
    }
    Some(value)
}

/// `address.country`, `notes.date`: the keys of a path, without array positions.
fn dotted(path: &[Step]) -> String {
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|step| match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    keys.join(".")
}

/// `[address]`, `[[notes]]`, or "the file" for the top level.
fn describe_table(path: Option<&[Step]>) -> String {
    match path {
        None | Some([]) => "the file".to_string(),
        Some(path) if matches!(path.last(), Some(Step::Index(_))) => {
            format!("[[{}]]", dotted(path))
        }
        Some(path) => format!("[{}]", dotted(path)),
    }
}

/// What a value is, for "found ...": `integer -3`, `string "x"`, `a table`.
fn describe_value(text: &str, value: &Spanned<DeValue<'_>>) -> String {
    let source = text.get(value.span()).unwrap_or_default();
    match value.get_ref() {
        DeValue::Table(_) => "a table".to_string(),
        DeValue::Array(_) => "an array".to_string(),
        DeValue::Datetime(_) => format!("the date `{source}`"),
        DeValue::String(_) if source.chars().count() <= 40 => format!("string {source}"),
        other if source.chars().count() <= 40 => format!("{} `{source}`", other.type_str()),
        other => other.type_str().to_string(),
    }
}

/// serde's "expected" in our words.
fn describe_expected(expected: &str) -> String {
    let expected = expected.trim();
    if expected.starts_with("struct ") || expected == "a map" {
        return "a table".to_string();
    }
    match expected {
        "a sequence" => "an array".to_string(),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            "a whole number".to_string()
        }
        "f32" | "f64" => "a number".to_string(),
        "a borrowed string" => "a string".to_string(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Field deserializers. Each error is a full sentence; toml adds the position of the value.

struct DecimalVisitor;

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
pub fn deserialize_exact_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// Deserializes an optional exact decimal (the key may be absent; TOML has no null).
pub fn deserialize_opt_decimal<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    deserialize_exact_decimal(d).map(Some)
}

/// Deserializes a credit limit: a decimal, zero or more, at most 4 decimals.
pub fn deserialize_opt_credit_limit<'de, D: Deserializer<'de>>(
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

/// Deserializes an optional ISO 4217 code.
pub fn deserialize_opt_currency<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Currency>, D::Error> {
    deserialize_checked(d, "a currency code such as \"EUR\"", |text| {
        Currency::parse(text)
            .map(Some)
            .ok_or_else(|| invalid_currency(text))
    })
}

/// The message for a currency code that is not three upper-case letters.
pub fn invalid_currency(text: &str) -> String {
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

/// Deserializes a name that must not be blank, on one line.
pub fn deserialize_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a name such as \"Acme Trading BV\"", |name| {
        if name.trim().is_empty() {
            Err("`name` is empty: expected a name such as \"Acme Trading BV\"".to_string())
        } else {
            one_line(name)
        }
    })
}

/// Stands for the key in the message of a deserializer that serves many keys; the positioned
/// reader puts the key's name in its place.
const KEY_PLACEHOLDER: &str = "`{key}`";

/// A one-line value as it was, or why it is not one ([`crate::text::check_line`]).
fn one_line(text: &str) -> Result<String, String> {
    crate::text::check_line(text)
        .map(|()| text.to_string())
        .map_err(|why| format!("{KEY_PLACEHOLDER} holds {why}"))
}

/// Deserializes an optional one-line text: no line break or other control character, which would
/// end up in an e-mail header, a journal line or a terminal.
pub fn deserialize_opt_line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a string", one_line).map(Some)
}

/// Deserializes a required one-line text ([`deserialize_opt_line`]).
pub fn deserialize_line<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a string", one_line)
}

/// Deserializes a list of one-line texts (tags).
pub fn deserialize_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    struct Line(#[serde(deserialize_with = "deserialize_line")] String);
    Vec::<Line>::deserialize(d).map(|lines| lines.into_iter().map(|Line(l)| l).collect())
}

/// Deserializes a multi-line text (notes, legal mentions): line breaks are fine, other control
/// characters are not.
pub fn deserialize_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a string", |text| {
        crate::text::check_text(text)
            .map(|()| text.to_string())
            .map_err(|why| format!("{KEY_PLACEHOLDER} holds {why}"))
    })
}

/// [`deserialize_text`], optional.
pub fn deserialize_opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    deserialize_text(d).map(Some)
}

/// Deserializes payment terms: a whole number of days, zero or more.
pub fn deserialize_opt_days<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    deserialize_days(d).map(Some)
}

/// Deserializes a required whole number of days, zero or more.
pub fn deserialize_days<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = deserialize_whole(d)?;
    u32::try_from(days).map_err(|_| {
        de::Error::custom(format!(
            "invalid number of days `{days}`: expected a whole number, zero or more"
        ))
    })
}

/// Deserializes aging bucket bounds: at least one, each positive, strictly increasing.
pub fn deserialize_buckets<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
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
pub fn deserialize_share<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let share = deserialize_exact_decimal(d)?;
    if share <= Decimal::ZERO || share > Decimal::ONE {
        return Err(de::Error::custom(format!(
            "invalid warn_at `{share}`: expected a share of the credit limit above 0 and at most 1, e.g. 0.8 for 80%"
        )));
    }
    Ok(share)
}

/// Deserializes an ISO 3166-1 alpha-2 country code: two upper-case letters.
pub fn deserialize_opt_country<'de, D: Deserializer<'de>>(
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
pub fn deserialize_opt_language<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a language code such as \"fr\"", |text| {
        let mut parts = text.split('-');
        let primary = parts.next().unwrap_or_default();
        let valid = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && parts.all(|part| {
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if valid {
            return Ok(Some(text.to_string()));
        }
        Err(
            if (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphabetic()) {
                format!(
                    "invalid language `{text}`: expected a lower-case ISO 639-1 code; did you mean `{}`?",
                    text.to_ascii_lowercase()
                )
            } else {
                format!(
                    "invalid language `{text}`: expected a code such as \"en\", \"fr\" or \"zh\""
                )
            },
        )
    })
}

struct DateVisitor;

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
pub fn deserialize_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    deserialize_date(d).map(Some)
}

/// Deserializes a required date written as a TOML local date (`2021-03-01`) or a string.
pub fn deserialize_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// A whole number of any sign, as written (floats and strings are refused).
struct WholeNumber(i128);

impl<'de> de::Deserialize<'de> for WholeNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<WholeNumber, D::Error> {
        deserialize_whole(d).map(WholeNumber)
    }
}

fn deserialize_whole<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
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

/// Deserializes a string and checks it. The check runs inside the visitor, so toml places an
/// error at the value itself, even inside an array (`roles = ["customer", "suplier"]`).
pub fn deserialize_checked<'de, D, T, F>(d: D, what: &'static str, check: F) -> Result<T, D::Error>
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

#[cfg(test)]
mod tests {
    use super::*;

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
