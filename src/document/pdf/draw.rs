//! Drawing the laid-out pages into a PDF with krilla: text in the embedded font, rules, and on
//! every page of a document of several pages a footer with its number.

use super::font::FontFile;
use super::layout::{Align, LEFT, Layout, Op, PAGE_HEIGHT, PAGE_WIDTH, RIGHT};
use super::say;
use crate::error::{Error, Result};
use crate::template::texts::Texts;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// The two inks of the text.
struct Inks {
    black: Fill,
    grey: Fill,
}

/// The PDF of the pages of `layout`, titled `title` (also in the footer of a document of several
/// pages), in `font_file`, with the words of `language`.
pub(super) fn pdf(
    mut layout: Layout<'_>,
    font_file: &FontFile,
    (language, labels): (&str, &Texts),
    title: &str,
) -> Result<Vec<u8>> {
    let pages = std::mem::take(&mut layout.pages);
    let count = pages.len();
    let font = Font::new(krilla::Data::from(font_file.data.clone()), font_file.index)
        .ok_or_else(|| Error::InvalidData("the font cannot be embedded in a PDF".into()))?;
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(language.to_string())
            .creator("folio".to_string()),
    );
    let inks = Inks {
        black: Fill {
            paint: rgb::Color::new(0x22, 0x22, 0x22).into(),
            ..Fill::default()
        },
        grey: Fill {
            paint: rgb::Color::new(0x66, 0x66, 0x66).into(),
            ..Fill::default()
        },
    };
    for (number, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| Error::InvalidData("bad page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        let mut ops = ops;
        if count > 1 {
            let footer = say(
                labels,
                "page",
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
                text: format!("{title} · {footer}"),
            });
        }
        for op in ops {
            draw(&mut surface, op, &layout, &font, &inks);
        }
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| Error::InvalidData(format!("the PDF could not be written: {e:?}")))
}

/// Draws one operation on a page; `layout` measures right-aligned text.
fn draw(surface: &mut Surface<'_>, op: Op, layout: &Layout<'_>, font: &Font, inks: &Inks) {
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
                return;
            }
            let x = match align {
                Align::Left => x,
                Align::Right => x - layout.width(&text, size),
            };
            surface.set_stroke(None);
            surface.set_fill(Some(if is_grey {
                inks.grey.clone()
            } else {
                inks.black.clone()
            }));
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
