//! A letter (a reminder, a statement) as a PDF: its letterhead, subject and body as the text
//! template wrote them, line by line, so the PDF says exactly what the e-mail and the `.txt`
//! letter say.
//!
//! The templates align their tables in columns (`ljust`, `rjust`, a Chinese character two
//! columns wide), so a monospaced font is preferred ([`font::MONO_CANDIDATES`]). Each line is cut
//! into runs at its column gaps (two spaces or more) and each run placed at its column: with a
//! monospaced font that is the line as it is; with a proportional one (when no monospaced font
//! has every character) the columns still start where the template put them. A line too wide for
//! the page is wrapped, its continuation indented like the line.

use super::layout::{Align, LEFT, Layout, RIGHT};
use super::{draw, font};
use crate::error::{Error, Result};
use crate::template::texts::Texts;
use unicode_width::UnicodeWidthStr;

/// The largest and the smallest size of the text, in points: the widest line sets it in between.
const LARGEST: f32 = 10.0;
const SMALLEST: f32 = 7.5;

/// The text of a letter.
pub(crate) struct LetterText<'a> {
    /// Sender, recipient and date (the `letterhead` template).
    pub letterhead: &'a str,
    /// The subject line, also the PDF's title.
    pub subject: &'a str,
    /// The body.
    pub body: &'a str,
}

/// Typesets `letter` as a PDF in `language` with `labels` (the words of page footers).
pub(crate) fn write(letter: &LetterText<'_>, language: &str, labels: &Texts) -> Result<Vec<u8>> {
    let footer = labels.all_text();
    let font_file = font::find_font_among(
        &format!(
            "{}{}{}{footer}0123456789",
            letter.letterhead, letter.subject, letter.body
        ),
        font::MONO_CANDIDATES,
    )?;
    let face = ttf_parser::Face::parse(&font_file.data, font_file.index)
        .map_err(|e| Error::InvalidData(format!("unreadable font: {e}")))?;
    let mut layout = Layout::new(face);
    let cell = layout.width("0", 1.0).max(0.3);
    let widest = [letter.letterhead, letter.body]
        .iter()
        .flat_map(|text| text.lines())
        .filter(|line| line.contains("  "))
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    let size = ((RIGHT - LEFT) / (cell * widest.max(1) as f32)).clamp(SMALLEST, LARGEST);
    let lines = Lines {
        size,
        column: cell * size,
    };
    lines.block(&mut layout, letter.letterhead);
    layout.y += size;
    for part in layout.wrap(letter.subject, size + 2.0, RIGHT - LEFT) {
        layout.room(size * 2.0);
        layout.text(LEFT, size + 2.0, false, Align::Left, &part);
        layout.y += (size + 2.0) * 1.45;
    }
    layout.y += size;
    lines.block(&mut layout, letter.body);
    draw::pdf(layout, &font_file, (language, labels), letter.subject)
}

/// How the lines of a letter are set: the text's size and the width of one column.
struct Lines {
    size: f32,
    column: f32,
}

impl Lines {
    /// The lines of `text`, one after another.
    fn block(&self, layout: &mut Layout<'_>, text: &str) {
        for line in text.trim_end().lines() {
            self.line(layout, line.trim_end());
        }
    }

    /// One line: its runs at their columns, or wrapped when it is too wide for the page.
    fn line(&self, layout: &mut Layout<'_>, line: &str) {
        let advance = self.size * 1.4;
        let indent = line.len() - line.trim_start().len();
        let x = LEFT + self.column * indent as f32;
        let fits = runs(line)
            .last()
            .is_none_or(|(at, run)| self.x(*at) + layout.width(run, self.size) <= RIGHT + 0.5);
        if fits {
            layout.room(advance);
            for (at, run) in runs(line) {
                layout.text(self.x(at), self.size, false, Align::Left, run);
            }
            layout.y += advance;
            return;
        }
        for part in layout.wrap(line.trim_start(), self.size, RIGHT - x) {
            layout.room(advance);
            layout.text(x, self.size, false, Align::Left, &part);
            layout.y += advance;
        }
    }

    /// Where column `at` starts.
    fn x(&self, at: usize) -> f32 {
        LEFT + self.column * at as f32
    }
}

/// The runs of a line (text between gaps of two spaces or more), each with the column it starts
/// at.
fn runs(line: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut column = 0;
    let mut start: Option<(usize, usize)> = None;
    let mut spaces = 0;
    for (index, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
            if spaces == 2
                && let Some((at, from)) = start.take()
            {
                runs.push((at, line[from..index - 1].trim_end()));
            }
        } else {
            if start.is_none() {
                start = Some((column, index));
            }
            spaces = 0;
        }
        column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    if let Some((at, from)) = start {
        runs.push((at, line[from..].trim_end()));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_start_at_their_columns_with_chinese_two_columns_wide() {
        assert_eq!(
            runs("  INV-1  due 2026-02-04      1,210.00"),
            [(2, "INV-1"), (9, "due 2026-02-04"), (29, "1,210.00")]
        );
        assert_eq!(runs("合计：x  y"), [(0, "合计：x"), (9, "y")]);
        assert_eq!(runs("one two"), [(0, "one two")]);
        assert!(runs("").is_empty());
    }
}
