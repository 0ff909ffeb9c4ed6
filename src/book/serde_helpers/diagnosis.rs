//! Turning a serde error into a sentence at the right place, and the repair that lets the reader
//! go on.

use super::reader::{Repair, Step, TomlProblem};
use super::text::KEY_PLACEHOLDER;
use crate::diagnostic::did_you_mean;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What one failed attempt teaches.
pub(super) struct Diagnosis {
    /// What to tell the user.
    pub(super) problem: TomlProblem,
    /// How to go on; `None` when there is no way to.
    pub(super) repair: Option<Repair>,
    /// A "missing key" problem.
    pub(super) missing: bool,
    /// A consequence of an earlier repair (a required key removed because its value was wrong),
    /// not worth a message of its own.
    pub(super) follow_up: bool,
    /// The top-level keys concerned.
    pub(super) touches: Vec<String>,
}

/// Where an error is, what to tell the user, and how to go on.
pub(super) fn diagnose(
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
pub(super) fn top_key(path: Option<&[Step]>) -> Option<String> {
    match path?.first()? {
        Step::Key(key) => Some(key.clone()),
        Step::Index(_) => None,
    }
}

/// Rewrites a TOML syntax error for people.
pub(super) fn syntax_message(text: &str, error: &toml::de::Error) -> String {
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

pub(super) fn example_for(field: &str) -> &'static str {
    match field {
        "name" => "; add a line such as name = \"Acme Trading BV\"",
        _ => "",
    }
}

/// True when `inner` lies within `outer`; an empty `inner` must start inside `outer`.
pub(super) fn within(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    if inner.is_empty() {
        outer.start <= inner.start && inner.start < outer.end
    } else {
        outer.start <= inner.start && inner.end <= outer.end
    }
}

/// The deepest key or element whose text holds `span`. Tables opened by a `[header]` span only
/// their header, so every child is searched, not only those of a table that holds the span.
pub(super) fn locate(table: &DeTable<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
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

pub(super) fn locate_in_value(value: &DeValue<'_>, span: &Range<usize>) -> Option<Vec<Step>> {
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
pub(super) fn find_table(
    table: &DeTable<'_>,
    span: &Range<usize>,
    field: &str,
) -> Option<Vec<Step>> {
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

pub(super) fn value_at<'a, 'i>(
    table: &'a DeTable<'i>,
    path: &[Step],
) -> Option<&'a Spanned<DeValue<'i>>> {
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
pub(super) fn dotted(path: &[Step]) -> String {
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
pub(super) fn describe_table(path: Option<&[Step]>) -> String {
    match path {
        None | Some([]) => "the file".to_string(),
        Some(path) if matches!(path.last(), Some(Step::Index(_))) => {
            format!("[[{}]]", dotted(path))
        }
        Some(path) => format!("[{}]", dotted(path)),
    }
}

/// What a value is, for "found ...": `integer -3`, `string "x"`, `a table`.
pub(super) fn describe_value(text: &str, value: &Spanned<DeValue<'_>>) -> String {
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
pub(super) fn describe_expected(expected: &str) -> String {
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
