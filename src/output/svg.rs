//! SVG charts written as text: columns (stacked or grouped), a line, a Pareto chart and small
//! inline bars. The callers pass geometry (`f64`, for drawing only) and the labels to show
//! (already formatted from the exact decimals); nothing here computes a figure.
//!
//! Text inherits the page's font stack, so CJK names render wherever the page does. Every
//! mark has a `<title>`: browsers show it on hover, screen readers read it, no script needed.

use super::html::escape;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthChar;

/// Categorical colours (Tableau 10), for series that have no meaning of their own.
pub const PALETTE: [&str; 8] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f",
];
/// Colours for named things drawn beside the aging colours (customers in the aging chart):
/// no green, yellow, orange or red, which mean due dates there.
pub const NEUTRAL: [&str; 5] = ["#4e79a7", "#b07aa1", "#76b7b2", "#9c755f", "#ff9da7"];
/// The colour of "everything else".
pub const OTHERS: &str = "#bab0ac";
/// Not yet due.
pub const CURRENT: &str = "#59a14f";
/// From the first past-due bucket to the last.
const RAMP: [&str; 5] = ["#edc948", "#f28e2b", "#e15759", "#b6283a", "#6e1423"];

/// The colour of past-due bucket `index` of `count`: yellow for the youngest, dark red for the
/// oldest.
pub fn bucket_color(index: usize, count: usize) -> &'static str {
    if count <= 1 {
        return RAMP[2];
    }
    let last = RAMP.len() - 1;
    let at = (index * last + (count - 1) / 2) / (count - 1);
    RAMP[at.min(last)]
}

/// One series of a column chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Its name (the legend says it; here it prefixes each mark's title).
    pub name: String,
    /// Fill colour.
    pub color: &'static str,
    /// One value per category.
    pub values: Vec<f64>,
    /// One tooltip per category (the exact amount).
    pub titles: Vec<String>,
}

/// A column chart.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    /// What the chart shows, for screen readers.
    pub label: &'a str,
    /// The x labels; `\n` starts a second line.
    pub categories: &'a [String],
    /// The series, bottom of the stack (or left of the group) first.
    pub series: &'a [Series],
    /// Stacked (true) or side by side.
    pub stacked: bool,
    /// A label above each column (its total), if any.
    pub totals: Option<&'a [String]>,
    /// The unit of the y axis (a currency code).
    pub unit: &'a str,
}

/// A line over categories, with the area under it.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// What the chart shows, for screen readers.
    pub label: &'a str,
    /// The x labels; `\n` starts a second line.
    pub categories: &'a [String],
    /// One value per category.
    pub values: &'a [f64],
    /// One tooltip per point.
    pub titles: &'a [String],
    /// The label of the last point, shown beside it.
    pub last: &'a str,
    /// Line colour.
    pub color: &'static str,
    /// The unit of the y axis.
    pub unit: &'a str,
}

/// Columns, largest first, with the cumulative share as a line on a 0-100% axis.
#[derive(Debug, Clone)]
pub struct Pareto<'a> {
    /// What the chart shows, for screen readers.
    pub label: &'a str,
    /// The x labels (names).
    pub categories: &'a [String],
    /// The column heights.
    pub values: &'a [f64],
    /// One tooltip per column.
    pub titles: &'a [String],
    /// Cumulative share after each column, 0 to 1.
    pub cumulative: &'a [f64],
    /// Labels of the cumulative points (`62%`).
    pub cumulative_labels: &'a [String],
    /// The unit of the left axis.
    pub unit: &'a str,
}

const WIDTH: f64 = 640.0;
const FONT: f64 = 12.0;
const AXIS: &str = "#6b6b6b";
const GRID: &str = "#e4e4e4";
/// A white outline under text drawn over lines, so it stays readable.
const HALO: &str =
    r##"stroke="#fff" stroke-width="4" paint-order="stroke" stroke-linejoin="round""##;

/// The drawing area inside the margins, and the y scale.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    min: f64,
    max: f64,
}

impl Plot {
    fn y(&self, value: f64) -> f64 {
        if self.max <= self.min {
            return self.bottom;
        }
        self.bottom - (value - self.min) / (self.max - self.min) * (self.bottom - self.top)
    }

    fn band(&self, count: usize) -> f64 {
        (self.right - self.left) / count.max(1) as f64
    }
}

/// Round tick values covering `min..=max` (about five steps of 1, 2, 2.5 or 5 x 10^n).
pub fn ticks(min: f64, max: f64) -> Vec<f64> {
    let (min, max) = (min.min(0.0), max.max(0.0));
    if !(max - min).is_normal() {
        return vec![0.0];
    }
    let raw = (max - min) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (min / step).floor() as i64;
    let last = (max / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A tick value with thousands separators and as few decimals as its step needs.
pub fn tick_label(value: f64, step: f64) -> String {
    let decimals = (0..=6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(6) as usize;
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c != '0' && c != '.') {
        out.push('\u{2212}');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Display width of text in columns (CJK counts 2).
fn columns_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Approximate width of text in pixels at `size`.
fn text_width(text: &str, size: f64) -> f64 {
    columns_of(text) as f64 * size * 0.58
}

/// Text cut to `max` display columns, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if columns_of(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    out
}

fn open_svg(out: &mut String, height: f64, label: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        escape(label)
    );
}

/// The y axis: grid lines and tick labels on the left, the unit above them.
fn y_axis(out: &mut String, plot: &Plot, ticks: &[f64], unit: &str) {
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    for &tick in ticks {
        let y = plot.y(tick);
        let _ = write!(
            out,
            r#"<line x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"#,
            plot.left,
            plot.right,
            if tick == 0.0 { AXIS } else { GRID }
        );
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="{FONT}" fill="{AXIS}">{}</text>"#,
            plot.left - 6.0,
            y + 4.0,
            tick_label(tick, step)
        );
    }
    let _ = write!(
        out,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="{FONT}" fill="{AXIS}" font-weight="600">{}</text>"#,
        plot.left - 6.0,
        plot.top - 10.0,
        escape(unit)
    );
}

/// The category labels under the plot, centred on each band; `\n` starts a second line.
fn x_labels(out: &mut String, plot: &Plot, categories: &[String]) {
    let band = plot.band(categories.len());
    for (i, category) in categories.iter().enumerate() {
        let x = plot.left + band * (i as f64 + 0.5);
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{FONT}" fill="{AXIS}">"#,
            plot.bottom + 16.0
        );
        for (line, part) in category.split('\n').enumerate() {
            if line == 0 {
                let _ = write!(out, "{}", escape(part));
            } else {
                let _ = write!(out, r#"<tspan x="{x:.1}" dy="14">{}</tspan>"#, escape(part));
            }
        }
        out.push_str("</text>");
    }
}

/// The left margin that fits the widest tick label.
fn left_margin(ticks: &[f64], unit: &str) -> f64 {
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    let widest = ticks
        .iter()
        .map(|&t| text_width(&tick_label(t, step), FONT))
        .fold(text_width(unit, FONT), f64::max);
    (widest + 14.0).max(40.0)
}

/// A column chart, stacked or grouped. Negative values go below the zero line.
pub fn columns(chart: &Columns) -> String {
    let count = chart.categories.len();
    let (mut min, mut max) = (0.0f64, 0.0f64);
    for i in 0..count {
        let values = chart
            .series
            .iter()
            .map(|s| s.values.get(i).copied().unwrap_or(0.0));
        if chart.stacked {
            max = max.max(values.clone().filter(|v| *v > 0.0).sum());
            min = min.min(values.filter(|v| *v < 0.0).sum());
        } else {
            for v in values {
                max = max.max(v);
                min = min.min(v);
            }
        }
    }
    let ticks = ticks(min, max);
    let two_lines = chart.categories.iter().any(|c| c.contains('\n'));
    let height = if two_lines { 300.0 } else { 286.0 };
    let plot = Plot {
        left: left_margin(&ticks, chart.unit),
        right: WIDTH - 12.0,
        top: 34.0,
        bottom: height - if two_lines { 42.0 } else { 28.0 },
        min: ticks.first().copied().unwrap_or(0.0),
        max: ticks.last().copied().unwrap_or(1.0),
    };
    let mut out = String::new();
    open_svg(&mut out, height, chart.label);
    y_axis(&mut out, &plot, &ticks, chart.unit);
    let band = plot.band(count);
    let groups = if chart.stacked {
        1
    } else {
        chart.series.len().max(1)
    };
    let bar = (band * 0.7 / groups as f64).min(56.0);
    for i in 0..count {
        let center = plot.left + band * (i as f64 + 0.5);
        let (mut up, mut down) = (0.0f64, 0.0f64);
        let mut top_y = plot.y(0.0);
        for (k, series) in chart.series.iter().enumerate() {
            let value = series.values.get(i).copied().unwrap_or(0.0);
            if value == 0.0 {
                continue;
            }
            let x = if chart.stacked {
                center - bar / 2.0
            } else {
                center - bar * groups as f64 / 2.0 + bar * k as f64
            };
            let (from, to) = if chart.stacked {
                if value > 0.0 {
                    up += value;
                    (up - value, up)
                } else {
                    down += value;
                    (down - value, down)
                }
            } else {
                (0.0, value)
            };
            let (y1, y2) = (plot.y(from), plot.y(to));
            let (y, h) = (y1.min(y2), (y1 - y2).abs());
            top_y = top_y.min(y);
            let width = if chart.stacked { bar } else { bar - 2.0 };
            let title = series.titles.get(i).map(String::as_str).unwrap_or("");
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{:.1}" fill="{}"><title>{}: {}</title></rect>"#,
                h.max(0.5),
                series.color,
                escape(&series.name),
                escape(title)
            );
        }
        if let Some(label) = chart.totals.and_then(|t| t.get(i))
            && !label.is_empty()
        {
            let _ = write!(
                out,
                r##"<text x="{center:.1}" y="{:.1}" text-anchor="middle" font-size="{FONT}" fill="#333">{}</text>"##,
                top_y - 5.0,
                escape(label)
            );
        }
    }
    x_labels(&mut out, &plot, chart.categories);
    out.push_str("</svg>");
    out
}

/// A line chart with the area between the line and zero, a dot per point and the last value
/// labelled.
pub fn line(chart: &Line) -> String {
    let min = chart.values.iter().copied().fold(0.0, f64::min);
    let max = chart.values.iter().copied().fold(0.0, f64::max);
    let ticks = ticks(min, max);
    let two_lines = chart.categories.iter().any(|c| c.contains('\n'));
    let height = if two_lines { 280.0 } else { 266.0 };
    let last_width = text_width(chart.last, FONT);
    let plot = Plot {
        left: left_margin(&ticks, chart.unit),
        right: WIDTH - 12.0,
        top: 34.0,
        bottom: height - if two_lines { 42.0 } else { 28.0 },
        min: ticks.first().copied().unwrap_or(0.0),
        max: ticks.last().copied().unwrap_or(1.0),
    };
    let mut out = String::new();
    open_svg(&mut out, height, chart.label);
    y_axis(&mut out, &plot, &ticks, chart.unit);
    let band = plot.band(chart.values.len());
    let points: Vec<(f64, f64)> = chart
        .values
        .iter()
        .enumerate()
        .map(|(i, &v)| (plot.left + band * (i as f64 + 0.5), plot.y(v)))
        .collect();
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        let zero = plot.y(0.0);
        let mut area = format!("M{:.1},{zero:.1}", first.0);
        let mut path = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(area, " L{x:.1},{y:.1}");
            let _ = write!(path, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" });
        }
        let _ = write!(area, " L{:.1},{zero:.1} Z", last.0);
        let _ = write!(
            out,
            r#"<path d="{area}" fill="{}" fill-opacity="0.12"/><path d="{path}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round"/>"#,
            chart.color, chart.color
        );
        for (i, (x, y)) in points.iter().enumerate() {
            let title = chart.titles.get(i).map(String::as_str).unwrap_or("");
            let _ = write!(
                out,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{}" stroke="#fff" stroke-width="1.5"><title>{}</title></circle>"##,
                chart.color,
                escape(title)
            );
        }
        // The last value, above its point, kept inside the chart.
        let x = (last.0).min(WIDTH - 4.0 - last_width / 2.0);
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{FONT}" font-weight="600" fill="{}" {HALO}>{}</text>"#,
            (last.1 - 10.0).max(plot.top - 2.0),
            chart.color,
            escape(chart.last)
        );
    }
    x_labels(&mut out, &plot, chart.categories);
    out.push_str("</svg>");
    out
}

/// A Pareto chart: columns on the left axis, the cumulative share on a 0-100% right axis, a
/// dashed line at 80%.
pub fn pareto(chart: &Pareto) -> String {
    let max = chart.values.iter().copied().fold(0.0, f64::max);
    let min = chart.values.iter().copied().fold(0.0, f64::min);
    let ticks = ticks(min, max);
    let label_room = chart
        .categories
        .iter()
        .map(|c| text_width(&truncate(c, 18), FONT))
        .fold(0.0, f64::max)
        * 0.62
        + 16.0;
    let height = 250.0 + label_room;
    let plot = Plot {
        left: left_margin(&ticks, chart.unit),
        right: WIDTH - 44.0,
        top: 34.0,
        bottom: 250.0,
        min: ticks.first().copied().unwrap_or(0.0),
        max: ticks.last().copied().unwrap_or(1.0),
    };
    let mut out = String::new();
    open_svg(&mut out, height, chart.label);
    y_axis(&mut out, &plot, &ticks, chart.unit);
    // The right axis: 0% to 100% of revenue.
    let share_y = |share: f64| plot.bottom - share * (plot.bottom - plot.top);
    for pct in [0, 20, 40, 60, 80, 100] {
        let y = share_y(f64::from(pct) / 100.0);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="{FONT}" fill="{AXIS}">{pct}%</text>"#,
            plot.right + 6.0,
            y + 4.0
        );
    }
    let y80 = share_y(0.8);
    let _ = write!(
        out,
        r#"<line x1="{:.1}" x2="{:.1}" y1="{y80:.1}" y2="{y80:.1}" stroke="{AXIS}" stroke-dasharray="4 4" stroke-width="1"/>"#,
        plot.left, plot.right
    );
    let band = plot.band(chart.values.len());
    let bar = (band * 0.7).min(48.0);
    let zero = plot.y(0.0);
    for (i, &value) in chart.values.iter().enumerate() {
        let center = plot.left + band * (i as f64 + 0.5);
        let y = plot.y(value);
        let title = chart.titles.get(i).map(String::as_str).unwrap_or("");
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
            center - bar / 2.0,
            y.min(zero),
            (zero - y).abs().max(0.5),
            PALETTE[0],
            escape(title)
        );
        let name = truncate(&chart.categories[i], 18);
        let _ = write!(
            out,
            r##"<text transform="translate({center:.1},{:.1}) rotate(-38)" text-anchor="end" font-size="{FONT}" fill="#333"><title>{}</title>{}</text>"##,
            plot.bottom + 14.0,
            escape(&chart.categories[i]),
            escape(&name)
        );
    }
    let points: Vec<(f64, f64)> = chart
        .cumulative
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            (
                plot.left + band * (i as f64 + 0.5),
                share_y(s.clamp(0.0, 1.0)),
            )
        })
        .collect();
    let mut path = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(path, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" });
    }
    let color = PALETTE[1];
    let _ = write!(
        out,
        r#"<path d="{path}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"/>"#
    );
    for (i, (x, y)) in points.iter().enumerate() {
        let label = chart
            .cumulative_labels
            .get(i)
            .map(String::as_str)
            .unwrap_or("");
        let _ = write!(
            out,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{color}" stroke="#fff" stroke-width="1.5"><title>cumulative {}</title></circle>"##,
            escape(label)
        );
    }
    if let (Some((x, y)), Some(label)) = (points.last(), chart.cumulative_labels.last()) {
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{FONT}" font-weight="600" fill="{color}" {HALO}>{}</text>"#,
            y - 10.0,
            escape(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// One part of an inline bar: its share of the bar's full width (0 to 1), colour and tooltip.
#[derive(Debug, Clone)]
pub struct Part {
    /// Share of the full width.
    pub share: f64,
    /// Fill colour.
    pub color: &'static str,
    /// Tooltip.
    pub title: String,
}

/// A small horizontal bar, for a table cell: parts laid side by side from the left, and an
/// optional marker line at `marker` (0 to 1) such as a credit limit.
pub fn inline_bar(parts: &[Part], marker: Option<f64>) -> String {
    let mut out = String::from(
        r#"<svg class="bar" viewBox="0 0 200 14" preserveAspectRatio="none" aria-hidden="true">"#,
    );
    let _ = write!(out, r##"<rect width="200" height="14" fill="#f1f1f1"/>"##);
    let mut x = 0.0;
    for part in parts {
        let width = (part.share.clamp(0.0, 1.0) * 200.0).min(200.0 - x);
        if width <= 0.0 {
            continue;
        }
        let _ = write!(
            out,
            r#"<rect x="{x:.2}" width="{width:.2}" height="14" fill="{}"><title>{}</title></rect>"#,
            part.color,
            escape(&part.title)
        );
        x += width;
    }
    if let Some(at) = marker {
        let x = at.clamp(0.0, 1.0) * 200.0;
        let _ = write!(
            out,
            r##"<rect x="{:.2}" width="2" height="14" fill="#222"/>"##,
            (x - 1.0).clamp(0.0, 198.0)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 85895.6),
            vec![0.0, 20000.0, 40000.0, 60000.0, 80000.0, 100000.0]
        );
        assert_eq!(ticks(-4800.0, 15200.0).first(), Some(&-5000.0));
        assert_eq!(ticks(0.0, 0.0), vec![0.0]);
        assert_eq!(tick_label(100000.0, 20000.0), "100,000");
        assert_eq!(tick_label(-5000.0, 5000.0), "\u{2212}5,000");
        assert_eq!(tick_label(0.25, 0.25), "0.25");
    }

    #[test]
    fn truncation_counts_wide_characters() {
        assert_eq!(truncate("上海晶华家居有限公司", 9), "上海晶华…");
        assert_eq!(truncate("Acme", 9), "Acme");
    }

    #[test]
    fn labels_are_escaped() {
        let series = [Series {
            name: "<b>".into(),
            color: PALETTE[0],
            values: vec![1.0],
            titles: vec!["&".into()],
        }];
        let svg = columns(&Columns {
            label: "\"x\"",
            categories: &["<script>".to_string()],
            series: &series,
            stacked: true,
            totals: None,
            unit: "EUR",
        });
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;"));
    }

    #[test]
    fn bucket_colors_go_from_yellow_to_dark_red() {
        assert_eq!(bucket_color(0, 4), RAMP[0]);
        assert_eq!(bucket_color(3, 4), RAMP[4]);
        assert_eq!(bucket_color(0, 1), RAMP[2]);
    }
}
