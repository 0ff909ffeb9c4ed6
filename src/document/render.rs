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
//! names from the book's `templates/` folder, never a path (see [`crate::template`]).
//! What a template sees is documented in docs/documents.md.

use super::model::{self, Document, Totals};
use crate::error::{Error, Result};
use crate::template::{self, TEMPLATES_DIR, Templates, is_template_file_name, locale};
use minijinja::{Environment, ErrorKind, State, Value};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

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
pub const BUILTIN: template::Builtin = builtin!(
    "document.txt",
    "document.html",
    "document-labels.en.toml",
    "document-labels.fr.toml",
    "document-labels.zh.toml",
);

/// The words of one language: `key -> text`, from `document-labels.<language>.toml`.
pub type Labels = BTreeMap<String, String>;

/// The document templates of one book.
pub struct Renderer {
    env: Environment<'static>,
    templates: Templates,
}

impl Renderer {
    /// Templates of the book in `root`: its `templates/` folder first, then the built-in ones.
    pub fn new(root: &Path) -> Renderer {
        let templates = Templates::new(root, BUILTIN);
        let mut env = template::environment(templates.clone(), |name| {
            if name.ends_with(".html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.add_filter("money", money_filter);
        env.add_filter("number", number_filter);
        Renderer { env, templates }
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
            // A language that makes no plain file name has no file in the book, unless
            // something is there, which the lookup then refuses.
            let book_text = if is_template_file_name(file) || self.templates.in_book(file) {
                self.templates
                    .book_file(file)
                    .map_err(|e| self.templates.error(&e))?
            } else {
                None
            };
            let builtin = self.templates.builtin(file);
            for (text, shown) in [
                (book_text.as_deref(), format!("{TEMPLATES_DIR}/{file}")),
                (builtin, format!("built-in template {file}")),
            ] {
                let Some(text) = text else { continue };
                let read = toml::from_str::<Labels>(text).map_err(|e| {
                    let (line, column) =
                        crate::diagnostic::line_column(text, e.span().map_or(0, |s| s.start));
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
                Err(e) => return Err(self.templates.error(&e)),
            };
            let text = template
                .render(Value::from(minijinja::value::Serde(&context)))
                .map_err(|e| self.templates.error(&e))?;
            let text = format!("{}\n", text.trim_end());
            return Ok((file.clone(), text));
        }
        Err(Error::InvalidData(format!(
            "no template for {kind} documents in {ext}: add {TEMPLATES_DIR}/document.{ext} to the book"
        )))
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
        "subtotal": model::amount_text(totals.net),
        "document_discount": document.discount.filter(|d| !d.is_zero()).map(model::plain),
        "allowance": model::amount_text(totals.allowance),
        "net": model::amount_text(totals.tax_exclusive),
        "vat_total": model::amount_text(totals.vat),
        "total": model::amount_text(totals.total),
    })
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
    let shown = locale::amount(decimal(&value, "money")?, &template::language(state));
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
    Ok(number(
        decimal(&value, "number")?,
        &template::language(state),
    ))
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

/// Fills `{name}` placeholders of a label.
pub fn fill(label: &str, values: &[(&str, &str)]) -> String {
    let mut text = label.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
