//! Text and HTML documents through [minijinja](https://docs.rs/minijinja) templates, in the
//! document's language.
//!
//! Built in (the repository's `templates/`, embedded in the binary): the layouts
//! `document.txt` and `document.html`, and the words of each language in
//! `document-labels.<language>.toml` (en, fr, zh). The PDF uses the same words. A book overrides
//! any of them in its `templates/` folder, or adds a language (`document-labels.nl.toml`), or a
//! layout for one kind or language. The layout looked for is the first of
//! `document-<kind>.<language>.<ext>`, `document-<kind>.<primary>.<ext>`, `document-<kind>.<ext>`,
//! `document.<language>.<ext>`, `document.<primary>.<ext>`, `document.<ext>`; the words, the
//! first of `document-labels.<language>.toml`, `document-labels.<primary>.toml`,
//! `document-labels.en.toml`, each first in the book, then built in.
//!
//! HTML templates are auto-escaped; text templates are not. Templates can only load plain file
//! names from the book's `templates/` folder, never a path (as letters, see [`crate::letters`]).
//! What a template sees is documented in docs/documents.md.

use super::model::{self, Document, Totals};
use crate::error::{Error, Result};
use crate::letters::{TEMPLATES_DIR, is_template_file_name, locale};
use minijinja::{Environment, ErrorKind, State, UndefinedBehavior, Value};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Text or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text, aligned for a monospaced font.
    Txt,
    /// A standalone HTML page with its style inline.
    Html,
}

impl TextFormat {
    fn extension(self) -> &'static str {
        match self {
            TextFormat::Txt => "txt",
            TextFormat::Html => "html",
        }
    }
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The document templates built into folio: (file name, text).
pub const BUILTIN: &[(&str, &str)] = builtin!(
    "document.txt",
    "document.html",
    "document-labels.en.toml",
    "document-labels.fr.toml",
    "document-labels.zh.toml",
);

/// The largest template file folio reads.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;
/// Work one render may do (see [`crate::letters`]).
const FUEL: u64 = 20_000_000;

/// The words of one language: `key -> text`, from `document-labels.<language>.toml`.
pub type Labels = BTreeMap<String, String>;

/// Reads a template file by plain name: the book's (confined to its templates folder), else the
/// built-in one, else none.
fn load(dir: &Path, name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
    let refuse = |why: String| Err(minijinja::Error::new(ErrorKind::InvalidOperation, why));
    if !is_template_file_name(name) {
        return refuse(format!(
            "template name `{name}` is not a plain file name: templates can only load files from the book's {TEMPLATES_DIR}/ folder"
        ));
    }
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(BUILTIN
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| text.to_string()));
    }
    let inside = match (dir.canonicalize(), path.canonicalize()) {
        (Ok(real_dir), Ok(file)) => {
            file.starts_with(&real_dir)
                && file != real_dir
                && crate::letters::within_book(dir, &file)
        }
        _ => false,
    };
    if !inside {
        return refuse(format!(
            "{TEMPLATES_DIR}/{name} leads outside the book's {TEMPLATES_DIR}/ folder; folio does not follow it"
        ));
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() && m.len() <= MAX_TEMPLATE_BYTES => {}
        Ok(_) => {
            return refuse(format!(
                "{TEMPLATES_DIR}/{name} is not a file of at most 1 MiB"
            ));
        }
        Err(e) => return refuse(format!("cannot read {TEMPLATES_DIR}/{name}: {e}")),
    }
    std::fs::read_to_string(&path).map(Some).map_err(|e| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("cannot read {TEMPLATES_DIR}/{name}: {e}"),
        )
    })
}

/// The document templates of one book.
pub struct Renderer {
    env: Environment<'static>,
    dir: PathBuf,
}

impl Renderer {
    /// Templates of the book in `root`: its `templates/` folder first, then the built-in ones.
    pub fn new(root: &Path) -> Renderer {
        let dir = root.join(TEMPLATES_DIR);
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
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.add_filter("money", money_filter);
        env.add_filter("number", number_filter);
        env.add_filter("longdate", long_date_filter);
        env.add_filter("ljust", |value: Value, width: usize| {
            pad(&value, width, false)
        });
        env.add_filter("rjust", |value: Value, width: usize| {
            pad(&value, width, true)
        });
        let loader_dir = dir.clone();
        env.set_loader(move |name| load(&loader_dir, name));
        Renderer { env, dir }
    }

    /// The words of `language`: each key from the first of the book's
    /// `document-labels.<language>.toml`, the built-in one, then the same for the primary
    /// language and for English; so a book's partial file changes only the words it names.
    pub fn labels(&self, language: &str) -> Result<Labels> {
        let primary = locale::primary(language);
        let mut candidates = vec![
            format!("document-labels.{language}.toml"),
            format!("document-labels.{primary}.toml"),
            "document-labels.en.toml".to_string(),
        ];
        candidates.dedup();
        let mut labels = Labels::new();
        for file in &candidates {
            let in_book = std::fs::symlink_metadata(self.dir.join(file)).is_ok();
            let book_text = if in_book {
                load(&self.dir, file).map_err(|e| self.error(&e))?
            } else {
                None
            };
            let builtin = BUILTIN
                .iter()
                .find(|(name, _)| name == file)
                .map(|(_, text)| text.to_string());
            for (text, shown) in [
                (book_text, format!("{TEMPLATES_DIR}/{file}")),
                (builtin, format!("built-in template {file}")),
            ] {
                let Some(text) = text else { continue };
                let read = toml::from_str::<Labels>(&text).map_err(|e| {
                    let (line, column) =
                        crate::diagnostic::line_column(&text, e.span().map_or(0, |s| s.start));
                    Error::InvalidData(format!(
                        "{shown}:{line}:{column}: {} (expected `key = \"text\"` lines)",
                        e.message().trim()
                    ))
                })?;
                for (key, value) in read {
                    labels.entry(key).or_insert(value);
                }
            }
        }
        Ok(labels)
    }

    /// Renders a document as text or HTML in `language`; returns the template file used and the
    /// text.
    pub fn render(
        &self,
        document: &Document,
        format: TextFormat,
        language: &str,
    ) -> Result<(String, String)> {
        let primary = locale::primary(language);
        let kind = document.kind.as_str();
        let ext = format.extension();
        let mut candidates = vec![
            format!("document-{kind}.{language}.{ext}"),
            format!("document-{kind}.{primary}.{ext}"),
            format!("document-{kind}.{ext}"),
            format!("document.{language}.{ext}"),
            format!("document.{primary}.{ext}"),
            format!("document.{ext}"),
        ];
        candidates.dedup();
        let labels = self.labels(language)?;
        let context = context(document, &document.totals()?, language, &labels);
        for file in &candidates {
            let template = match self.env.get_template(file) {
                Ok(template) => template,
                Err(e) if e.kind() == ErrorKind::TemplateNotFound && e.name().is_none() => continue,
                Err(e) => return Err(self.error(&e)),
            };
            let text = template
                .render(Value::from(minijinja::value::Serde(&context)))
                .map_err(|e| self.error(&e))?;
            let text = format!("{}\n", text.trim_end());
            return Ok((file.clone(), text));
        }
        Err(Error::InvalidData(format!(
            "no template for {kind} documents in {ext}: add {TEMPLATES_DIR}/document.{ext} to the book"
        )))
    }

    fn shown(&self, file: &str) -> String {
        if self.dir.join(file).exists() {
            format!("{TEMPLATES_DIR}/{file}")
        } else {
            format!("built-in template {file}")
        }
    }

    fn error(&self, error: &minijinja::Error) -> Error {
        let mut message = match (error.name(), error.line()) {
            (Some(name), Some(line)) => format!("{}:{line}: ", self.shown(name)),
            (Some(name), None) => format!("{}: ", self.shown(name)),
            _ => String::new(),
        };
        message.push_str(&error.kind().to_string());
        if let Some(detail) = error.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        Error::InvalidData(message)
    }
}

fn party(party: &model::Party) -> serde_json::Value {
    json!({
        "name": party.name,
        "vat": party.vat,
        "company_id": party.company_id,
        "email": party.email,
        "phone": party.phone,
        "legal": party.legal,
        "country": party.country,
        "address_lines": party.address_lines(),
    })
}

/// What a template sees: the document with its computed amounts (strings with at least two
/// decimals) and the words of its language (`labels`).
pub fn context(
    document: &Document,
    totals: &Totals,
    language: &str,
    labels: &Labels,
) -> serde_json::Value {
    let items: Vec<serde_json::Value> = document
        .items
        .iter()
        .zip(&totals.lines)
        .enumerate()
        .map(|(index, (item, line))| {
            json!({
                "number": index + 1,
                "description": item.description,
                "quantity": model::plain(item.quantity),
                "unit": item.unit,
                "price": model::amount_text(item.price),
                "discount": item.discount.map(model::plain),
                "vat": model::plain(item.vat),
                "category": item.category(),
                "exemption": item.exemption,
                "gross": model::amount_text(line.gross),
                "discount_amount": model::amount_text(line.discount),
                "net": model::amount_text(line.net),
            })
        })
        .collect();
    let vat: Vec<serde_json::Value> = totals
        .breakdown
        .iter()
        .map(|v| {
            json!({
                "category": v.category,
                "rate": model::plain(v.rate),
                "base": model::amount_text(v.base),
                "amount": model::amount_text(v.vat),
                "exemption": v.exemption,
            })
        })
        .collect();
    let mut exemptions: Vec<String> = Vec::new();
    for item in &document.items {
        if let Some(text) = item.exemption.as_ref().filter(|t| !t.trim().is_empty())
            && !exemptions.contains(text)
        {
            exemptions.push(text.clone());
        }
    }
    json!({
        "lang": language,
        "labels": labels,
        "kind": document.kind.as_str(),
        "title": labels.get(document.kind.as_str()),
        "id": document.id,
        "date": document.date.to_string(),
        "due": document.due.map(|d| d.to_string()),
        "valid_until": document.valid_until.map(|d| d.to_string()),
        "accepted": document.accepted.map(|d| d.to_string()),
        "invoice": document.invoice,
        "currency": document.currency,
        "contact": document.contact,
        "reference": document.reference,
        "buyer_reference": document.buyer_reference,
        "notes": document.notes,
        "seller": party(&document.seller),
        "buyer": party(&document.buyer),
        "payment": {
            "iban": document.payment.iban,
            "bic": document.payment.bic,
            "communication": document.payment.communication,
        },
        "items": items,
        "has_discount": document.items.iter().any(|i| i.discount.is_some_and(|d| !d.is_zero())),
        "vat": vat,
        "exemptions": exemptions,
        "net": model::amount_text(totals.net),
        "vat_total": model::amount_text(totals.vat),
        "total": model::amount_text(totals.total),
    })
}

fn language(state: &State<'_, '_>) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

fn decimal(
    value: &Value,
    filter: &str,
) -> std::result::Result<rust_decimal::Decimal, minijinja::Error> {
    let text = value.to_string();
    model::parse_decimal(&text).ok_or_else(|| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("{filter}: `{text}` is not a number"),
        )
    })
}

/// `{{ amount|money }}` → `1,210.00` (en), `1 210,00` (fr); with a currency: `1,210.00 EUR`.
fn money_filter(
    state: &State<'_, '_>,
    value: Value,
    currency: Option<String>,
) -> std::result::Result<String, minijinja::Error> {
    let shown = locale::amount(decimal(&value, "money")?, &language(state));
    Ok(match currency {
        Some(code) if !code.is_empty() => format!("{shown} {code}"),
        _ => shown,
    })
}

/// `{{ quantity|number }}` → `2.5` (en), `2,5` (fr): a quantity or rate without padding zeros.
fn number_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    Ok(number(decimal(&value, "number")?, &language(state)))
}

/// A quantity or rate in a language's notation, without trailing zeros.
pub fn number(value: rust_decimal::Decimal, language: &str) -> String {
    let text = model::plain(value);
    if locale::primary(language) == "fr" {
        text.replace('.', ",")
    } else {
        text
    }
}

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

/// Fills `{name}` placeholders of a label.
pub fn fill(label: &str, values: &[(&str, &str)]) -> String {
    let mut text = label.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
