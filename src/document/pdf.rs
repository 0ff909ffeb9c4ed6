//! PDF documents, typeset with [krilla](https://docs.rs/krilla) (fonts subset and embedded,
//! real text that can be searched and copied) in the words of the document's language (the same
//! `document-labels.<language>.toml` as text and HTML).
//!
//! folio ships no font: it uses the first font found that has every character of the document
//! (Chinese included): `$FOLIO_PDF_FONT` (a TTF, OTF or TTC file; `path#index` picks a face of a
//! collection), then the usual system fonts: WenQuanYi Micro Hei and Zen Hei, Noto Sans CJK,
//! Droid Sans Fallback, DejaVu Sans, Liberation Sans, Arial Unicode, PingFang, Microsoft YaHei.
//! On Debian, `apt-get install fonts-wqy-microhei` (or `fonts-noto-cjk`) covers Latin and Chinese
//! text. Only the glyphs used are embedded, so a PDF stays small (a few tens of KiB).

use super::model::{Document, DocumentKind};
use super::render::{Labels, fill, number};
use crate::error::{Error, Result};
use crate::template::locale;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use std::path::PathBuf;
use std::sync::Arc;

/// Fonts tried in order after `$FOLIO_PDF_FONT`: (path, face index).
pub const FONT_CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
    ),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", 0),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        0,
    ),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\arial.ttf", 0),
];

/// A font file chosen for a document.
struct FontFile {
    data: Arc<Vec<u8>>,
    index: u32,
}

/// The candidates: `$FOLIO_PDF_FONT` first, then [`FONT_CANDIDATES`].
fn candidates() -> Vec<(PathBuf, u32)> {
    let mut list = Vec::new();
    if let Some(value) = std::env::var_os("FOLIO_PDF_FONT").filter(|v| !v.is_empty()) {
        let text = value.to_string_lossy().into_owned();
        match text.rsplit_once('#') {
            Some((path, index)) if index.parse::<u32>().is_ok() => {
                list.push((PathBuf::from(path), index.parse().unwrap_or(0)));
            }
            _ => list.push((PathBuf::from(value), 0)),
        }
    }
    list.extend(
        FONT_CANDIDATES
            .iter()
            .map(|(path, index)| (PathBuf::from(path), *index)),
    );
    list
}

/// The first font that has a glyph for every character of `text`.
fn find_font(text: &str) -> Result<FontFile> {
    let needed: std::collections::BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let mut best_missing: Option<(PathBuf, Vec<char>)> = None;
    for (path, index) in candidates() {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Ok(face) = ttf_parser::Face::parse(&data, index) else {
            continue;
        };
        let missing: Vec<char> = needed
            .iter()
            .copied()
            .filter(|c| face.glyph_index(*c).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(FontFile {
                data: Arc::new(data),
                index,
            });
        }
        if best_missing
            .as_ref()
            .is_none_or(|(_, fewest)| missing.len() < fewest.len())
        {
            best_missing = Some((path, missing));
        }
    }
    let detail = match best_missing {
        Some((path, missing)) => format!(
            "the closest, {}, lacks {}",
            path.display(),
            missing.iter().take(8).collect::<String>()
        ),
        None => "no font was found at all".to_string(),
    };
    Err(Error::NotFound(format!(
        "no font has every character of this document ({detail}); install one \
         (Debian: `apt-get install fonts-wqy-microhei` or `fonts-noto-cjk`) or set FOLIO_PDF_FONT to a TTF/OTF/TTC file"
    )))
}

/// Where to draw: an A4 page laid out in points from the top left.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_WIDTH - 50.0;
const TOP: f32 = 56.0;
const BOTTOM: f32 = PAGE_HEIGHT - 60.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        grey: bool,
        align: Align,
        text: String,
    },
    Rule {
        y: f32,
        width: f32,
    },
}

/// Lays out text into pages of drawing operations, measuring with the font's advances.
struct Layout<'a> {
    face: ttf_parser::Face<'a>,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.face.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(units / 2.0, f32::from)
            })
            .sum();
        advance * size / units
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        self.pages.last_mut().expect("a page")
    }

    /// Makes room for `height` points, starting a new page if needed.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    fn text(&mut self, x: f32, size: f32, grey: bool, align: Align, text: &str) {
        let y = self.y;
        self.page().push(Op::Text {
            x,
            y,
            size,
            grey,
            align,
            text: text.to_string(),
        });
    }

    fn rule(&mut self, width: f32) {
        let y = self.y;
        self.page().push(Op::Rule { y, width });
    }

    /// Breaks `text` into lines of at most `max` points: at spaces, and between any two
    /// Chinese, Japanese or Korean characters.
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for token in tokens(paragraph) {
                let candidate = format!("{line}{token}");
                if line.is_empty() || self.width(candidate.trim_end(), size) <= max {
                    line = candidate;
                    continue;
                }
                lines.push(line.trim_end().to_string());
                line = token.trim_start().to_string();
                // A single token wider than the line is cut by characters.
                while self.width(&line, size) > max && line.chars().count() > 1 {
                    let mut cut = String::new();
                    for c in line.chars() {
                        if self.width(&format!("{cut}{c}"), size) > max && !cut.is_empty() {
                            break;
                        }
                        cut.push(c);
                    }
                    line = line[cut.len()..].to_string();
                    lines.push(cut);
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// A paragraph of wrapped text across the page.
    fn paragraph(&mut self, text: &str, size: f32, grey: bool) {
        for line in self.wrap(text, size, RIGHT - LEFT) {
            self.room(size * 1.45);
            self.text(LEFT, size, grey, Align::Left, &line);
            self.y += size * 1.45;
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Words with their following space, and single CJK characters.
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            tokens.push(c.to_string());
        } else {
            current.push(c);
            if c == ' ' {
                tokens.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn label<'a>(labels: &'a Labels, key: &'a str) -> &'a str {
    labels.get(key).map_or(key, String::as_str)
}

/// Typesets a document as a PDF in `language` with `labels` (its words).
pub fn write(document: &Document, language: &str, labels: &Labels) -> Result<Vec<u8>> {
    let totals = document.totals()?;
    let money = |value| locale::amount(value, language);
    let date = |value| locale::long_date(value, language);
    let currency = document.currency.as_str();

    // Every string that will be drawn, for the font choice.
    let mut all_text = String::new();
    for value in labels.values() {
        all_text.push_str(value);
    }
    let mut lines: Vec<String> = Vec::new();
    let title = format!("{} {}", label(labels, document.kind.as_str()), document.id);
    lines.push(title.clone());

    let font_file = find_font(&format!(
        "{all_text}{}{}",
        toml::to_string(document).unwrap_or_default(),
        "0123456789.,-%:()·"
    ))?;
    let face = ttf_parser::Face::parse(&font_file.data, font_file.index)
        .map_err(|e| Error::InvalidData(format!("unreadable font: {e}")))?;
    let mut layout = Layout {
        face,
        pages: Vec::new(),
        y: TOP,
    };

    // Title and meta.
    layout.text(LEFT, 20.0, false, Align::Left, &title);
    layout.y += 30.0;
    let party_top = layout.y;
    let mut seller_lines = vec![document.seller.name.clone()];
    seller_lines.extend(document.seller.address_lines());
    if let Some(vat) = &document.seller.vat {
        seller_lines.push(format!("{} {vat}", label(labels, "vat_id")));
    }
    if let Some(id) = &document.seller.company_id {
        seller_lines.push(format!("{} {id}", label(labels, "company_id")));
    }
    if let Some(email) = &document.seller.email {
        seller_lines.push(email.clone());
    }
    if let Some(phone) = &document.seller.phone {
        seller_lines.push(phone.clone());
    }
    let mut buyer_lines = vec![document.buyer.name.clone()];
    buyer_lines.extend(document.buyer.address_lines());
    if let Some(vat) = &document.buyer.vat {
        buyer_lines.push(format!("{} {vat}", label(labels, "vat_id")));
    }
    let column = (RIGHT - LEFT) / 2.0 + LEFT;
    for (x, heading, block) in [
        (LEFT, label(labels, "seller"), &seller_lines),
        (column, label(labels, "buyer"), &buyer_lines),
    ] {
        layout.y = party_top;
        layout.text(x, 8.0, true, Align::Left, &heading.to_uppercase());
        layout.y += 13.0;
        for (i, line) in block.iter().enumerate() {
            for part in layout.wrap(line, 10.0, column - LEFT - 12.0) {
                layout.text(
                    x,
                    if i == 0 { 11.0 } else { 10.0 },
                    false,
                    Align::Left,
                    &part,
                );
                layout.y += 13.5;
            }
        }
        lines.push(layout.y.to_string());
    }
    layout.y = party_top + 13.0 + 13.5 * seller_lines.len().max(buyer_lines.len()) as f32 + 16.0;

    let mut meta: Vec<(String, String)> = vec![
        (label(labels, "number").into(), document.id.clone()),
        (label(labels, "date").into(), date(document.date)),
    ];
    if document.kind == DocumentKind::Invoice
        && let Some(due) = document.due
    {
        meta.push((label(labels, "due").into(), date(due)));
    }
    if document.kind == DocumentKind::Quote
        && let Some(valid) = document.valid_until
    {
        meta.push((label(labels, "valid_until").into(), date(valid)));
    }
    if let Some(reference) = &document.reference {
        meta.push((label(labels, "reference").into(), reference.clone()));
    }
    if let Some(reference) = &document.buyer_reference {
        meta.push((label(labels, "buyer_reference").into(), reference.clone()));
    }
    for (key, value) in &meta {
        layout.text(LEFT, 10.0, true, Align::Left, key);
        layout.text(LEFT + 120.0, 10.0, false, Align::Left, value);
        layout.y += 14.0;
    }
    layout.y += 14.0;

    // The items table.
    let columns = [
        (LEFT, Align::Left),          // #
        (LEFT + 18.0, Align::Left),   // description
        (LEFT + 300.0, Align::Right), // quantity
        (LEFT + 306.0, Align::Left),  // unit
        (LEFT + 400.0, Align::Right), // price
        (LEFT + 437.0, Align::Right), // VAT
        (RIGHT, Align::Right),        // amount
    ];
    let header = [
        "#",
        label(labels, "description"),
        label(labels, "quantity"),
        label(labels, "unit"),
        label(labels, "price"),
        label(labels, "vat"),
        label(labels, "amount"),
    ];
    let table_header = |layout: &mut Layout<'_>| {
        for ((x, align), text) in columns.iter().zip(header) {
            layout.text(*x, 8.5, true, *align, text);
        }
        layout.y += 5.0;
        layout.rule(0.8);
        layout.y += 13.0;
    };
    table_header(&mut layout);
    let description_width = columns[2].0 - columns[1].0 - 45.0;
    for (index, (item, amounts)) in document.items.iter().zip(&totals.lines).enumerate() {
        let mut text_lines = layout.wrap(&item.description, 9.5, description_width);
        if let Some(discount) = item.discount.filter(|d| !d.is_zero()) {
            text_lines.push(format!(
                "{}: {} − {}",
                fill(
                    label(labels, "discount"),
                    &[("rate", &number(discount, language))]
                ),
                money(amounts.gross),
                money(amounts.discount)
            ));
        }
        let height = 13.0 * text_lines.len() as f32 + 4.0;
        if layout.y + height > BOTTOM {
            layout.room(height + 40.0);
            table_header(&mut layout);
        }
        let cells = [
            (index + 1).to_string(),
            String::new(),
            number(item.quantity, language),
            item.unit.clone().unwrap_or_default(),
            money(item.price),
            format!("{}%", number(item.vat, language)),
            money(amounts.net),
        ];
        for (i, ((x, align), cell)) in columns.iter().zip(&cells).enumerate() {
            if i != 1 {
                layout.text(*x, 9.5, false, *align, cell);
            }
        }
        let top = layout.y;
        for (i, line) in text_lines.iter().enumerate() {
            layout.text(
                columns[1].0,
                if i == 0 { 9.5 } else { 8.5 },
                i > 0 && item.discount.is_some() && i + 1 == text_lines.len(),
                Align::Left,
                line,
            );
            layout.y += 13.0;
        }
        layout.y = top + 13.0 * text_lines.len() as f32 - 9.0;
        layout.rule(0.3);
        layout.y += 13.0;
    }

    // Totals.
    layout.y += 4.0;
    let mut rows: Vec<(String, String, bool)> =
        vec![(label(labels, "net").into(), money(totals.net), false)];
    for vat in &totals.breakdown {
        let text = if vat.category == "S" {
            fill(
                label(labels, "vat_line"),
                &[
                    ("rate", &number(vat.rate, language)),
                    ("base", &money(vat.base)),
                ],
            )
        } else {
            fill(
                label(labels, "exempt_line"),
                &[("category", &vat.category), ("base", &money(vat.base))],
            )
        };
        rows.push((text, money(vat.vat), false));
    }
    let total_label = if document.kind == DocumentKind::CreditNote {
        label(labels, "total_credit")
    } else {
        label(labels, "total")
    };
    rows.push((
        total_label.into(),
        format!("{} {currency}", money(totals.total)),
        true,
    ));
    layout.room(16.0 * rows.len() as f32 + 10.0);
    for (text, value, strong) in rows {
        if strong {
            layout.y += 3.0;
            let y = layout.y - 11.0;
            let keep = layout.y;
            layout.y = y;
            layout.page().push(Op::Rule { y, width: 0.8 });
            layout.y = keep;
        }
        let size = if strong { 11.5 } else { 10.0 };
        layout.text(RIGHT - 110.0, size, !strong, Align::Right, &text);
        layout.text(RIGHT, size, false, Align::Right, &value);
        layout.y += 16.0;
    }
    layout.y += 12.0;

    // Payment, exemptions, notes, legal mentions.
    let mut closing: Vec<(String, f32, bool)> = Vec::new();
    let total_text = format!("{} {currency}", money(totals.total));
    match document.kind {
        DocumentKind::Invoice => {
            if let Some(due) = document.due {
                closing.push((
                    fill(
                        label(labels, "pay"),
                        &[("amount", &total_text), ("due", &date(due))],
                    ),
                    10.0,
                    false,
                ));
            }
            if let Some(iban) = &document.payment.iban {
                closing.push((
                    fill(label(labels, "pay_to"), &[("iban", iban)]),
                    10.0,
                    false,
                ));
            }
            if let Some(bic) = &document.payment.bic {
                closing.push((fill(label(labels, "bic"), &[("bic", bic)]), 10.0, false));
            }
            if let Some(communication) = &document.payment.communication {
                closing.push((
                    fill(
                        label(labels, "communication"),
                        &[("communication", communication)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::CreditNote => {
            if let Some(reference) = &document.reference {
                closing.push((
                    fill(
                        label(labels, "credited"),
                        &[("reference", reference), ("amount", &total_text)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::Quote => {
            if let Some(valid) = document.valid_until {
                closing.push((
                    fill(label(labels, "valid"), &[("date", &date(valid))]),
                    10.0,
                    false,
                ));
            }
            if let (Some(day), Some(invoice)) = (document.accepted, &document.invoice) {
                closing.push((
                    fill(
                        label(labels, "accepted"),
                        &[("date", &date(day)), ("invoice", invoice)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
    }
    let mut seen = Vec::new();
    for item in &document.items {
        if let Some(text) = item.exemption.as_ref().filter(|t| !seen.contains(*t)) {
            seen.push(text.clone());
            closing.push((
                fill(label(labels, "exemption"), &[("text", text)]),
                10.0,
                false,
            ));
        }
    }
    if !document.notes.is_empty() {
        closing.push((String::new(), 6.0, false));
        closing.push((label(labels, "notes").to_string(), 10.0, true));
        for note in &document.notes {
            closing.push((note.clone(), 10.0, false));
        }
    }
    if let Some(legal) = &document.seller.legal {
        closing.push((String::new(), 10.0, false));
        closing.push((legal.clone(), 8.0, true));
    }
    for (text, size, grey) in closing {
        layout.paragraph(&text, size, grey);
    }

    // Draw.
    let pages = std::mem::take(&mut layout.pages);
    let count = pages.len();
    let font = Font::new(krilla::Data::from(font_file.data.clone()), font_file.index)
        .ok_or_else(|| Error::InvalidData("the font cannot be embedded in a PDF".into()))?;
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(title.clone())
            .language(language.to_string())
            .creator("folio".to_string()),
    );
    let black = Fill {
        paint: rgb::Color::new(0x22, 0x22, 0x22).into(),
        ..Fill::default()
    };
    let grey = Fill {
        paint: rgb::Color::new(0x66, 0x66, 0x66).into(),
        ..Fill::default()
    };
    for (number, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| Error::InvalidData("bad page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        let mut ops = ops;
        if count > 1 {
            let footer = fill(
                label(labels, "page"),
                &[
                    ("page", &(number + 1).to_string()),
                    ("pages", &count.to_string()),
                ],
            );
            ops.push(Op::Text {
                x: RIGHT,
                y: PAGE_HEIGHT - 30.0,
                size: 8.0,
                grey: true,
                align: Align::Right,
                text: format!(
                    "{} {} · {footer}",
                    label(labels, document.kind.as_str()),
                    document.id
                ),
            });
        }
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    grey: is_grey,
                    align,
                    text,
                } => {
                    if text.is_empty() {
                        continue;
                    }
                    let x = match align {
                        Align::Left => x,
                        Align::Right => x - layout.width(&text, size),
                    };
                    surface.set_stroke(None);
                    surface.set_fill(Some(if is_grey { grey.clone() } else { black.clone() }));
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rule { y, width } => {
                    let mut builder = PathBuilder::new();
                    builder.move_to(LEFT, y);
                    builder.line_to(RIGHT, y);
                    if let Some(path) = builder.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(0x99, 0x99, 0x99).into(),
                            width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    let _ = lines;
    pdf.finish()
        .map_err(|e| Error::InvalidData(format!("the PDF could not be written: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_break_between_chinese_characters_and_after_spaces() {
        assert_eq!(tokens("ab cd"), ["ab ", "cd"]);
        assert_eq!(tokens("咨询服务 x"), ["咨", "询", "服", "务", " ", "x"]);
    }

    #[test]
    fn money_is_formatted_like_the_templates() {
        let d: rust_decimal::Decimal = "1234.5".parse().unwrap();
        assert_eq!(
            locale::amount(super::super::model::cents(d), "fr"),
            "1\u{a0}234,50"
        );
    }
}
