//! Field deserializers for text: names, one-line values, lists of them, multi-line text.

use super::deserialize_checked;
use serde::Deserialize;
use serde::de::Deserializer;

/// Deserializes a name that must not be blank, on one line.
pub(crate) fn deserialize_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
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
pub(super) const KEY_PLACEHOLDER: &str = "`{key}`";

/// A one-line value as it was, or why it is not one ([`crate::text::check_line`]).
pub(super) fn one_line(text: &str) -> Result<String, String> {
    crate::text::check_line(text)
        .map(|()| text.to_string())
        .map_err(|why| format!("{KEY_PLACEHOLDER} holds {why}"))
}

/// Deserializes an optional one-line text: no line break or other control character, which would
/// end up in an e-mail header, a journal line or a terminal.
pub(crate) fn deserialize_opt_line<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_checked(d, "a string", one_line).map(Some)
}

/// Deserializes a required one-line text ([`deserialize_opt_line`]).
pub(crate) fn deserialize_line<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a string", one_line)
}

/// Deserializes a list of one-line texts (tags).
pub(crate) fn deserialize_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    struct Line(#[serde(deserialize_with = "deserialize_line")] String);
    Vec::<Line>::deserialize(d).map(|lines| lines.into_iter().map(|Line(l)| l).collect())
}

/// Deserializes a multi-line text (notes, legal mentions): line breaks are fine, other control
/// characters are not.
pub(crate) fn deserialize_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    deserialize_checked(d, "a string", |text| {
        crate::text::check_text(text)
            .map(|()| text.to_string())
            .map_err(|why| format!("{KEY_PLACEHOLDER} holds {why}"))
    })
}

/// [`deserialize_text`], optional.
pub(crate) fn deserialize_opt_text<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    deserialize_text(d).map(Some)
}
