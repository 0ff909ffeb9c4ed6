//! The minijinja environment letters and documents render with: the same syntax, the same
//! limits, the filters both use (`longdate`, `ljust`, `rjust`) and the book's templates as its
//! loader.

use super::Templates;
use super::locale;
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior, Value};

/// Work a single render may do (minijinja "fuel"): generous for a statement of thousands of lines,
/// finite for a template that loops without end.
const FUEL: u64 = 20_000_000;

/// An environment that loads from `templates` and escapes a template's output as `escape` says
/// for its file name; the caller adds its own filters (`money`, ...).
pub(crate) fn environment(
    templates: Templates,
    escape: fn(&str) -> AutoEscape,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .unwrap_or_default(),
    );
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(FUEL));
    env.set_auto_escape_callback(escape);
    env.add_filter("longdate", long_date_filter);
    env.add_filter("ljust", |value: Value, width: usize| {
        pad(&value, width, false)
    });
    env.add_filter("rjust", |value: Value, width: usize| {
        pad(&value, width, true)
    });
    env.set_loader(move |name| templates.load(name));
    env
}

/// The language being written, as the templates' `lang` variable says (English without one).
pub(crate) fn language(state: &State<'_, '_>) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

/// `{{ date|longdate }}` → `14 February 2026`, `14 février 2026`, `2026年2月14日`.
fn long_date_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    let text = value.to_string();
    let date = crate::journal::parser::parse_date(text.trim()).map_err(|_| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("longdate: `{text}` is not a date YYYY-MM-DD"),
        )
    })?;
    Ok(locale::long_date(date, &language(state)))
}

/// `{{ text|ljust(12) }}`, `{{ amount|rjust(12) }}`: pads to a width in terminal columns
/// (a Chinese character counts two), never cuts.
fn pad(value: &Value, width: usize, right: bool) -> String {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    let used = unicode_width::UnicodeWidthStr::width(text.as_str());
    let fill = " ".repeat(width.saturating_sub(used).min(200));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}
