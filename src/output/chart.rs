//! Horizontal bar charts for a terminal, drawn with Unicode eighth blocks (`▏▎▍▌▋▊▉█`), so a
//! bar's length has eight steps per character cell. Labels are measured by display width (CJK
//! counts two cells), values are right-aligned after the bars, and the whole chart fits in the
//! width it is given.

use super::Style;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// The partial blocks, by eighths: index 1 is one eighth (`▏`) ... 7 is seven eighths (`▉`).
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// A full cell.
const FULL: char = '█';
/// The narrowest bar area drawn, in cells, whatever the width.
const MIN_BAR: usize = 10;

/// The colour of a bar, when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The terminal's colour.
    Plain,
    /// Green: not yet due, collected.
    Good,
    /// Yellow: recently past due.
    Warn,
    /// Red: long past due.
    Bad,
    /// Blue: a neutral measure (billed).
    Accent,
}

impl Tone {
    fn ansi(self) -> &'static str {
        match self {
            Tone::Plain => "",
            Tone::Good => "\x1b[32m",
            Tone::Warn => "\x1b[33m",
            Tone::Bad => "\x1b[31m",
            Tone::Accent => "\x1b[34m",
        }
    }
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Shown left of the bar.
    pub label: String,
    /// Its length; a negative or zero value draws no bar.
    pub value: Decimal,
    /// Shown right of the bar, right-aligned (the amount, formatted by the caller).
    pub text: String,
    /// Shown after the text, left-aligned (a rate, say); may be empty.
    pub note: String,
    /// Its colour.
    pub tone: Tone,
}

/// A titled group of bars sharing one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The line above the bars.
    pub title: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

/// The bar of `value` against `max` in `cells` cells: full blocks, then one partial block.
/// A positive value too small for one eighth still shows `▏`, so it is not mistaken for zero.
pub fn bar(value: Decimal, max: Decimal, cells: usize) -> String {
    if value <= Decimal::ZERO || max <= Decimal::ZERO {
        return String::new();
    }
    // Geometry only: the amount shown beside the bar is the exact decimal.
    let ratio = (value / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0);
    let eighths = ((ratio * (cells * 8) as f64).round() as usize).max(1);
    let mut out = String::with_capacity(cells * 3);
    let (full, partial) = (eighths / 8, eighths % 8);
    for _ in 0..full {
        out.push(FULL);
    }
    if partial > 0 {
        out.push(EIGHTHS[partial]);
    }
    out
}

/// Writes the charts one under the other, each scaled to its own largest bar, in `width`
/// terminal cells.
pub fn write(
    charts: &[Chart],
    width: usize,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let label_width = charts
        .iter()
        .flat_map(|c| &c.bars)
        .map(|b| b.label.width())
        .max()
        .unwrap_or(0);
    let text_width = charts
        .iter()
        .flat_map(|c| &c.bars)
        .map(|b| b.text.width())
        .max()
        .unwrap_or(0);
    let note_width = charts
        .iter()
        .flat_map(|c| &c.bars)
        .map(|b| {
            if b.note.is_empty() {
                0
            } else {
                b.note.width() + 2
            }
        })
        .max()
        .unwrap_or(0);
    // label, two spaces, the bars, two spaces, the value, the note.
    let cells = width
        .saturating_sub(label_width + text_width + note_width + 4)
        .max(MIN_BAR);
    for (i, chart) in charts.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if style.color {
            writeln!(out, "\x1b[1m{}\x1b[0m", chart.title)?;
        } else {
            writeln!(out, "{}", chart.title)?;
        }
        let max = chart
            .bars
            .iter()
            .map(|b| b.value)
            .max()
            .unwrap_or(Decimal::ZERO);
        for b in &chart.bars {
            let drawn = bar(b.value, max, cells);
            let pad_label = label_width - b.label.width();
            let pad_bar = cells - drawn.chars().count();
            let pad_text = text_width - b.text.width();
            let (on, off) = if style.color && b.tone != Tone::Plain && !drawn.is_empty() {
                (b.tone.ansi(), "\x1b[0m")
            } else {
                ("", "")
            };
            let note = if b.note.is_empty() {
                String::new()
            } else {
                format!("  {}", b.note)
            };
            let line = format!(
                "{}{:pad_label$}  {on}{drawn}{off}{:pad_bar$}  {:pad_text$}{}{note}",
                b.label, "", "", "", b.text
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn bars_have_eight_steps_per_cell() {
        assert_eq!(bar(dec("100"), dec("100"), 4), "████");
        assert_eq!(bar(dec("50"), dec("100"), 4), "██");
        assert_eq!(bar(dec("1"), dec("8"), 1), "▏");
        assert_eq!(bar(dec("3"), dec("8"), 1), "▍");
        assert_eq!(bar(dec("7"), dec("8"), 1), "▉");
        assert_eq!(bar(dec("0.0001"), dec("1000"), 10), "▏");
        assert_eq!(bar(dec("0"), dec("100"), 4), "");
        assert_eq!(bar(dec("-5"), dec("100"), 4), "");
    }

    #[test]
    fn fits_the_width_and_aligns_wide_labels() {
        let chart = Chart {
            title: "EUR".into(),
            bars: vec![
                Bar {
                    label: "上海".into(),
                    value: dec("100"),
                    text: "100.00".into(),
                    note: String::new(),
                    tone: Tone::Good,
                },
                Bar {
                    label: "abcd".into(),
                    value: dec("50"),
                    text: "50.00".into(),
                    note: String::new(),
                    tone: Tone::Bad,
                },
            ],
        };
        let mut out = Vec::new();
        write(&[chart], 30, Style::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "EUR");
        // 30 - 4 (label) - 6 (value) - 4 (gaps) = 16 cells of bar.
        assert_eq!(lines[1], format!("上海  {}  100.00", "█".repeat(16)));
        assert_eq!(
            lines[2],
            format!("abcd  {}{}   50.00", "█".repeat(8), " ".repeat(8))
        );
        assert!(lines.iter().all(|l| l.width() <= 30));
    }
}
