//! Text and HTML documents through [minijinja](https://docs.rs/minijinja) templates, in the
//! document's language.
//!
//! Built in (the repository's `templates/`, embedded in the binary): the layouts
//! `document.txt` and `document.html`. Their words come from the translation files
//! (`locales/<language>/documents.ftl`, see [`crate::template::texts`]) through `t("id", ...)`;
//! the PDF uses the same messages. A book overrides any layout in its `templates/` folder, or adds
//! one for a kind or a language, and changes or adds words with `templates/documents.<language>.ftl`.
//! The layout looked for is the first of `document-<kind>.<language>.<ext>`,
//! `document-<kind>.<primary>.<ext>`, `document-<kind>.<ext>`, `document.<language>.<ext>`,
//! `document.<primary>.<ext>`, `document.<ext>`, each first in the book, then built in.
//!
//! HTML templates are auto-escaped; text templates are not. Templates can only load plain file
//! names from the book's `templates/` folder, never a path (see [`crate::template`]).
//! What a template sees is documented in docs/documents.md.

use super::model::{self, Document, Totals};
use super::receipt::Receipt;
use crate::error::{Error, Result};
use crate::template::texts::{Arg, Catalog, Texts};
use crate::template::{self, TEMPLATES_DIR, Templates, locale};
use minijinja::{Environment, ErrorKind, Value};
use rust_decimal::Decimal;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

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

/// The templates built into folio (the repository's `templates/`, every file found there):
/// (file name, text).
pub const BUILTIN: template::Builtin = template::TEMPLATE_FILES;

/// The document templates of one book.
pub struct Renderer {
    env: Environment<'static>,
    templates: Templates,
    catalog: Arc<Catalog>,
}

impl Renderer {
    /// Templates of the book in `root`: its `templates/` folder first, then the built-in ones.
    pub fn new(root: &Path) -> Renderer {
        let templates = Templates::new(root, BUILTIN);
        let catalog = Arc::new(Catalog::new(templates.clone()));
        let env = template::environment(templates.clone(), catalog.clone(), |name| {
            if name.ends_with(".html") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        Renderer {
            env,
            templates,
            catalog,
        }
    }

    /// The language to write `document` in: `asked` (`--lang`), refused (a usage error listing
    /// the languages folio has) when folio has no texts for it; else the document's (its
    /// buyer's), when folio has texts for it; else the book's default language.
    pub fn language(
        &self,
        document: &Document,
        book: &crate::book::Book,
        asked: Option<&str>,
    ) -> Result<String> {
        self.language_of(&document.language(Some(book)), book, asked)
    }

    /// The language to write for a reader who prefers `preferred`: as [`Renderer::language`].
    pub fn language_of(
        &self,
        preferred: &str,
        book: &crate::book::Book,
        asked: Option<&str>,
    ) -> Result<String> {
        match asked {
            Some(language) if self.catalog.has(language) => Ok(language.to_string()),
            Some(language) => Err(self.catalog.unknown_language(language)),
            None => Ok(self
                .catalog
                .writing_language(preferred, &book.config.default_language())),
        }
    }

    /// The words of `language` (its own files, then its parent language's, then English).
    pub(crate) fn texts(&self, language: &str) -> Result<Arc<Texts>> {
        self.catalog.texts(language)
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
        let texts = self.texts(language)?;
        let context = context(document, &document.totals()?, language, &texts)?;
        self.render_first(&candidates, &context)?.ok_or_else(|| {
            Error::InvalidData(format!(
                "no template for {kind} documents in {ext}: add {TEMPLATES_DIR}/document.{ext} to the book"
            ))
        })
    }

    /// Renders a payment's receipt as text or HTML in `language` with the first of
    /// `receipt.<language>.<ext>`, `receipt.<primary>.<ext>`, `receipt.<ext>` (the book's, then
    /// built in); returns the template file used and the text.
    pub fn render_receipt(
        &self,
        receipt: &Receipt,
        format: TextFormat,
        language: &str,
    ) -> Result<(String, String)> {
        let primary = locale::primary(language);
        let ext = format.extension();
        let mut candidates = vec![
            format!("receipt.{language}.{ext}"),
            format!("receipt.{primary}.{ext}"),
            format!("receipt.{ext}"),
        ];
        candidates.dedup();
        let texts = self.texts(language)?;
        let context = receipt_context(receipt, language, &texts)?;
        self.render_first(&candidates, &context)?.ok_or_else(|| {
            Error::InvalidData(format!(
                "no template for receipts in {ext}: add {TEMPLATES_DIR}/receipt.{ext} to the book"
            ))
        })
    }

    /// The first of `candidates` that exists, rendered with `context`; `None` when none does.
    fn render_first(
        &self,
        candidates: &[String],
        context: &serde_json::Value,
    ) -> Result<Option<(String, String)>> {
        for file in candidates {
            let template = match self.env.get_template(file) {
                Ok(template) => template,
                Err(e) if e.kind() == ErrorKind::TemplateNotFound && e.name().is_none() => continue,
                Err(e) => return Err(self.templates.error(&e)),
            };
            let text = template
                .render(Value::from(minijinja::value::Serde(&context)))
                .map_err(|e| self.templates.error(&e))?;
            let text = format!("{}\n", text.trim_end());
            return Ok(Some((file.clone(), text)));
        }
        Ok(None)
    }
}

/// What a receipt template sees (docs/documents.md, "Receipts"): amounts as strings with at
/// least two decimals.
pub(crate) fn receipt_context(
    receipt: &Receipt,
    language: &str,
    texts: &Texts,
) -> Result<serde_json::Value> {
    let lines: Vec<serde_json::Value> = receipt
        .lines
        .iter()
        .map(|line| {
            json!({
                "document": line.document,
                "applied": model::amount_text(line.applied),
                "paid": line.paid.map(model::amount_text),
                "open": model::amount_text(line.open),
            })
        })
        .collect();
    Ok(json!({
        "lang": language,
        "title": texts.text("receipt", &[])?,
        "id": receipt.id,
        "date": receipt.date.to_string(),
        "contact": receipt.contact,
        "seller": party(&receipt.seller, language),
        "buyer": party(&receipt.buyer, language),
        "amount": model::amount_text(receipt.amount),
        "currency": receipt.currency.as_str(),
        "settles": receipt.settles.map(|(amount, currency)| json!({
            "amount": model::amount_text(amount),
            "currency": currency.as_str(),
        })),
        "settled_currency": receipt.settled_currency().as_str(),
        "lines": lines,
        "on_account": model::amount_text(receipt.on_account),
        "has_on_account": receipt.on_account > Decimal::ZERO,
    }))
}

fn party(party: &model::Party, language: &str) -> serde_json::Value {
    json!({
        "name": party.name,
        "vat": party.vat,
        "company_id": party.company_id,
        "email": party.email,
        "phone": party.phone,
        "contact_name": party.contact_name,
        "legal": party.legal,
        "country": party.country,
        "address_lines": party.address_lines(language),
    })
}

/// What a template sees: the document with its computed amounts (strings with at least two
/// decimals); its words come from `t("id", ...)`. `labels` (each message of the language without
/// values) stays for templates written before the translation files.
pub(crate) fn context(
    document: &Document,
    totals: &Totals,
    language: &str,
    texts: &Texts,
) -> Result<serde_json::Value> {
    let items: Vec<serde_json::Value> = document
        .items
        .iter()
        .zip(&totals.lines)
        .enumerate()
        .map(|(index, (item, line))| {
            Ok(json!({
                "number": index + 1,
                "description": item.description,
                "quantity": model::plain(item.quantity),
                "unit": unit_text(item.unit.as_deref(), item.quantity, texts)?,
                "unit_as_written": item.unit,
                "price": model::amount_text(item.price),
                "discount": item.discount.map(model::plain),
                "vat": model::plain(item.vat),
                "category": item.category(),
                "exemption": item.exemption,
                "gross": model::amount_text(line.gross),
                "discount_amount": model::amount_text(line.discount),
                "net": model::amount_text(line.net),
            }))
        })
        .collect::<Result<_>>()?;
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
    let labels: BTreeMap<String, String> = texts.plain_messages();
    Ok(json!({
        "lang": language,
        "labels": labels,
        "kind": document.kind.as_str(),
        "title": texts.text(document.kind.as_str(), &[])?,
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
        "seller": party(&document.seller, language),
        "buyer": party(&document.buyer, language),
        "payment": {
            "iban": document.payment.iban,
            "bic": document.payment.bic,
            "communication": document.payment.communication,
        },
        "items": items,
        "has_discount": document.items.iter().any(|i| i.discount.is_some_and(|d| !d.is_zero())),
        "vat": vat,
        "exemptions": exemptions(document, texts)?,
        "subtotal": model::amount_text(totals.net),
        "document_discount": document.discount.filter(|d| !d.is_zero()).map(model::plain),
        "allowance": model::amount_text(totals.allowance),
        "net": model::amount_text(totals.tax_exclusive),
        "vat_total": model::amount_text(totals.vat),
        "total": model::amount_text(totals.total),
    }))
}

/// A line's unit in the document's language: a unit folio knows (`h`, `day`, `jours`, `stuks`,
/// `件`: its UN/ECE code) is written as the language writes it, in the plural form its quantity
/// takes (`unit-day`: `1 day`, `1.5 days`, `3 jours`, `3 天`); any other unit (`kg`, `m²`,
/// `forfait`, a set) as written.
pub(crate) fn unit_text(unit: Option<&str>, quantity: Decimal, texts: &Texts) -> Result<String> {
    let Some(written) = unit.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(String::new());
    };
    let code = super::ubl::units::unit_code(Some(written));
    if matches!(code, "C62" | "SET") {
        return Ok(written.to_string());
    }
    let id = format!("unit-{}", code.to_ascii_lowercase());
    let quantity = Arg::Decimal(model::plain(quantity));
    Ok(texts
        .format(&id, &[("quantity", quantity)])?
        .unwrap_or_else(|| written.to_string()))
}

/// The legal mentions of the lines without VAT, each once, in the document's language: the
/// mention of a VATEX code (`vatex-eu-ae`) or of the small-business scheme where the line keeps
/// folio's default text for it, else the text as written after the `exemption` label.
pub(crate) fn exemptions(document: &Document, texts: &Texts) -> Result<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    for item in &document.items {
        let written = item.exemption.as_deref().map(str::trim).unwrap_or("");
        let code = item.exemption_code.as_deref().map(str::trim).unwrap_or("");
        let known = model::VATEX
            .iter()
            .find(|(known, _, _)| known.eq_ignore_ascii_case(code))
            .map(|(_, _, text)| (code.to_ascii_lowercase(), *text))
            .or_else(|| {
                (code.is_empty() && written == model::SMALL_BUSINESS.1)
                    .then(|| ("exempt-small-business".to_string(), written))
            });
        let text = match known {
            Some((id, default)) if written.is_empty() || written == default => texts
                .format(&id, &[])?
                .unwrap_or_else(|| default.to_string()),
            _ if written.is_empty() => continue,
            _ => texts.text("exemption", &[("text", written)])?,
        };
        if !found.contains(&text) {
            found.push(text);
        }
    }
    Ok(found)
}
