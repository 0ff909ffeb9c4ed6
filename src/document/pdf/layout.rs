//! Pages of drawing operations: text placed and wrapped with the font's advances, and rules.

/// Where to draw: an A4 page laid out in points from the top left.
pub(super) const PAGE_WIDTH: f32 = 595.0;
pub(super) const PAGE_HEIGHT: f32 = 842.0;
pub(super) const LEFT: f32 = 50.0;
pub(super) const RIGHT: f32 = PAGE_WIDTH - 50.0;
pub(super) const TOP: f32 = 56.0;
pub(super) const BOTTOM: f32 = PAGE_HEIGHT - 60.0;

/// Where a text's x lies: at its start or at its end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Right,
}

/// One drawing operation on a page.
#[derive(Debug, Clone)]
pub(super) enum Op {
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
pub(super) struct Layout<'a> {
    face: ttf_parser::Face<'a>,
    /// The pages laid out so far.
    pub(super) pages: Vec<Vec<Op>>,
    /// Where the next line goes, in points from the top.
    pub(super) y: f32,
}

impl<'a> Layout<'a> {
    /// An empty layout measuring with `face`, at the top of the first page.
    pub(super) fn new(face: ttf_parser::Face<'a>) -> Layout<'a> {
        Layout {
            face,
            pages: Vec::new(),
            y: TOP,
        }
    }

    /// The width of `text` at `size`, in points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
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

    /// The page being laid out.
    pub(super) fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        self.pages.last_mut().expect("a page")
    }

    /// Makes room for `height` points, starting a new page if needed.
    pub(super) fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// Text at `x` on the current line.
    pub(super) fn text(&mut self, x: f32, size: f32, grey: bool, align: Align, text: &str) {
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

    /// A horizontal rule across the page on the current line.
    pub(super) fn rule(&mut self, width: f32) {
        let y = self.y;
        self.page().push(Op::Rule { y, width });
    }

    /// Breaks `text` into lines of at most `max` points: at spaces, and between any two
    /// Chinese, Japanese or Korean characters.
    pub(super) fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
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
    pub(super) fn paragraph(&mut self, text: &str, size: f32, grey: bool) {
        for line in self.wrap(text, size, RIGHT - LEFT) {
            self.room(size * 1.45);
            self.text(LEFT, size, grey, Align::Left, &line);
            self.y += size * 1.45;
        }
    }
}

/// A Chinese, Japanese or Korean character, where a line may break.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_break_between_chinese_characters_and_after_spaces() {
        assert_eq!(tokens("ab cd"), ["ab ", "cd"]);
        assert_eq!(tokens("咨询服务 x"), ["咨", "询", "服", "务", " ", "x"]);
    }
}
