//! PDF documents, typeset with [krilla](https://docs.rs/krilla) (fonts subset and embedded,
//! real text that can be searched and copied) in the words of the document's language (the same
//! messages of `documents.ftl` as text and HTML).
//!
//! folio ships no font: it uses the first font found that has every character of the document
//! (Chinese included): `$FOLIO_PDF_FONT` (a TTF, OTF or TTC file; `path#index` picks a face of a
//! collection), then the usual system fonts: WenQuanYi Micro Hei and Zen Hei, Noto Sans CJK,
//! Droid Sans Fallback, DejaVu Sans, Liberation Sans, Arial Unicode, PingFang, Microsoft YaHei.
//! On Debian, `apt-get install fonts-wqy-microhei` (or `fonts-noto-cjk`) covers Latin and Chinese
//! text. Only the glyphs used are embedded, so a PDF stays small (a few tens of KiB).
//!
//! Letters (reminders, statements) prefer a monospaced font, so that the columns of their text
//! templates stay aligned ([`letter`]).
//!
//! A page is laid out top to bottom ([`layout`]) by section: the title, parties and dates
//! (`header`), the items (`items`), the totals (`totals`), payment and notes (`closing`); then
//! drawn (`draw`).

mod closing;
mod draw;
mod font;
mod header;
mod items;
mod layout;
mod letter;
mod receipt;
mod totals;

pub(crate) use font::is_missing_font;
pub use font::{FONT_CANDIDATES, MONO_CANDIDATES};
pub(crate) use letter::{LetterText, write as write_letter};
pub(crate) use receipt::write as write_receipt;

use super::model::{Document, Totals};
use crate::error::{Error, Result};
use crate::template::locale;
use crate::template::texts::Texts;
use chrono::NaiveDate;
use layout::Layout;
use rust_decimal::Decimal;

/// What the sections of a PDF read: the document, its amounts and the words of its language.
#[derive(Clone, Copy)]
struct Context<'a> {
    document: &'a Document,
    totals: &'a Totals,
    language: &'a str,
    labels: &'a Texts,
}

impl Context<'_> {
    /// An amount in the document's language.
    fn money(&self, value: Decimal) -> String {
        locale::amount(value, self.language)
    }

    /// A date in the document's language.
    fn date(&self, value: NaiveDate) -> String {
        locale::long_date(value, self.language)
    }
}

/// The message `key`, or the key itself when no file has it or it cannot be written (the same
/// messages fail the text and HTML renderings, which say why).
fn label(labels: &Texts, key: &str) -> String {
    say(labels, key, &[])
}

/// The message `key` with its values.
fn say(labels: &Texts, key: &str, values: &[(&str, &str)]) -> String {
    labels.text(key, values).unwrap_or_else(|_| key.to_string())
}

/// Typesets a document as a PDF in `language` with `labels` (its words).
pub(crate) fn write(document: &Document, language: &str, labels: &Texts) -> Result<Vec<u8>> {
    let totals = document.totals()?;
    let cx = Context {
        document,
        totals: &totals,
        language,
        labels,
    };
    let title = format!("{} {}", label(labels, document.kind.as_str()), document.id);

    // Every string that will be drawn, for the font choice.
    // The messages, and the separators, dates and country names of the language.
    let mut all_text = labels.all_text();
    all_text.push_str(&cx.money(Decimal::new(-123_456_789, 2)));
    all_text.push_str(&cx.date(document.date));
    for party in [&document.seller, &document.buyer] {
        all_text.push_str(&party.address_lines(language).join(""));
    }
    all_text.push_str(&locale::money(Decimal::ONE, &document.currency, language));
    let font_file = font::find_font(&format!(
        "{all_text}{}{}",
        toml::to_string(document).unwrap_or_default(),
        "0123456789.,-%:()·"
    ))?;
    let face = ttf_parser::Face::parse(&font_file.data, font_file.index)
        .map_err(|e| Error::InvalidData(format!("unreadable font: {e}")))?;
    let mut layout = Layout::new(face);

    header::title(&mut layout, &title);
    header::parties(&mut layout, &cx);
    header::meta(&mut layout, &cx);
    items::table(&mut layout, &cx);
    totals::rows(&mut layout, &cx);
    closing::paragraphs(&mut layout, &cx);
    draw::pdf(layout, &font_file, (language, labels), &title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_like_the_templates() {
        let d: rust_decimal::Decimal = "1234.5".parse().unwrap();
        assert_eq!(
            locale::amount(super::super::model::cents(d), "fr"),
            "1\u{202f}234,50"
        );
    }
}
