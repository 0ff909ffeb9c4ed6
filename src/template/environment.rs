//! The minijinja environment letters and documents render with: the same syntax, the same
//! limits, the same filters (`money`, `number`, `longdate`, `country`, `iban`, `ljust`, `rjust`),
//! the `t` function that gives the messages of the translation files, and the book's templates as
//! its loader.

use super::texts::{Arg, Catalog};
use super::{Templates, locale};
use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior, Value};
use rust_decimal::Decimal;
use std::sync::Arc;

/// Work a single render may do (minijinja "fuel"): generous for a statement of thousands of lines,
/// finite for a template that loops without end.
const FUEL: u64 = 20_000_000;

/// An environment that loads from `templates`, takes its words from `catalog` and escapes a
/// template's output as `escape` says for its file name.
pub(crate) fn environment(
    templates: Templates,
    catalog: Arc<Catalog>,
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
    env.set_formatter(html_text_formatter);
    env.add_filter("longdate", long_date_filter);
    env.add_filter("money", money_filter);
    env.add_filter("number", number_filter);
    env.add_filter("percent", percent_filter);
    env.add_filter("country", |state: &State<'_, '_>, code: Value| {
        locale::country(&code.to_string(), &language(state))
    });
    env.add_filter("iban", |text: Value| locale::iban(&text.to_string()));
    env.add_filter("ljust", |value: Value, width: usize| {
        pad(&value, width, false)
    });
    env.add_filter("rjust", |value: Value, width: usize| {
        pad(&value, width, true)
    });
    env.add_filter("wrap", wrap);
    env.add_function(
        "t",
        move |state: &State<'_, '_>, id: String, values: Kwargs| {
            message(&catalog, state, &id, &values)
        },
    );
    env.set_loader(move |name| templates.load(name));
    env
}

/// Writes a value into HTML escaping only what HTML needs (`&`, `<`, `>`, `"`, `'`): minijinja's
/// default also writes `/` as `&#x2f;`, so "2006/112/EC" and "2026/12" were unreadable in the
/// source and unsearchable in the file. Every other case is minijinja's own.
fn html_text_formatter(
    out: &mut minijinja::Output,
    state: &mut State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if !matches!(state.auto_escape(), AutoEscape::Html)
        || value.is_safe()
        || value.is_none()
        || value.is_undefined()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    out.write_str(&crate::text::html_escape(&value.to_string()))
        .map_err(minijinja::Error::from)
}

/// The language being written, as the templates' `lang` variable says (English without one).
pub(crate) fn language(state: &State<'_, '_>) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

fn invalid(why: String) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, why)
}

/// `{{ t("days-overdue", days=3) }}` → `3 days overdue`: message `id` of the template's language
/// with its values; a whole number selects plural forms, anything else is shown as text.
fn message(
    catalog: &Catalog,
    state: &State<'_, '_>,
    id: &str,
    values: &Kwargs,
) -> std::result::Result<String, minijinja::Error> {
    let mut args = Vec::new();
    for name in values.args() {
        let value: Value = values.get(name)?;
        let arg = match i64::try_from(value.clone()) {
            Ok(number) if value.is_number() => Arg::Number(number),
            _ => Arg::Text(value.to_string()),
        };
        args.push((name, arg));
    }
    let texts = catalog
        .texts(&language(state))
        .map_err(|e| invalid(e.to_string()))?;
    match texts.format(id, &args) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(invalid(format!(
            "t: no message `{id}` in the texts of `{}` or English",
            texts.language()
        ))),
        Err(e) => Err(invalid(e.to_string())),
    }
}

/// `{{ date|longdate }}` → `14 February 2026`, `14 février 2026`, `2026年2月14日`.
fn long_date_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    let text = value.to_string();
    let date = crate::journal::parser::parse_date(text.trim())
        .map_err(|_| invalid(format!("longdate: `{text}` is not a date YYYY-MM-DD")))?;
    Ok(locale::long_date(date, &language(state)))
}

/// The exact decimal a template value holds (amounts are given as decimal text, never floats).
fn decimal(value: &Value, filter: &str) -> std::result::Result<Decimal, minijinja::Error> {
    let text = value.to_string();
    crate::money::parse_decimal(text.trim())
        .ok_or_else(|| invalid(format!("{filter}: `{text}` is not a number")))
}

/// `{{ amount|money }}` → `1,210.00` (en), `1 210,00` (fr); `{{ amount|money(currency) }}`
/// places the currency as the language does: `€1,210.00`, `1 210,00 €`.
fn money_filter(
    state: &State<'_, '_>,
    value: Value,
    currency: Option<String>,
) -> std::result::Result<String, minijinja::Error> {
    let amount = decimal(&value, "money")?;
    let language = language(state);
    Ok(match currency {
        Some(code) if !code.trim().is_empty() => locale::money(amount, &code, &language),
        _ => locale::amount(amount, &language),
    })
}

/// `{{ quantity|number }}` → `2.5` (en), `2,5` (fr): a quantity or rate without padding zeros.
fn number_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    Ok(locale::number(decimal(&value, "number")?, &language(state)))
}

/// `text|wrap(28)`: the lines of `text` at most `width` columns wide (a CJK character is two),
/// broken where Unicode line breaking allows, so a long description continues on the next line
/// of a plain-text document instead of pushing its columns out. Always at least one line.
fn wrap(value: Value, width: usize) -> Vec<String> {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    let lines: Vec<String> = textwrap::wrap(&text, width.max(1))
        .into_iter()
        .map(|line| line.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// `{{ item.vat|percent }}`: a rate as the language writes percent (`21%`, `21 %`).
fn percent_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    Ok(locale::percent(
        decimal(&value, "percent")?,
        &language(state),
    ))
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
