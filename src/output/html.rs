//! The dashboard page: one self-contained HTML file with inline CSS and SVG, no script, no
//! external resource (a Content-Security-Policy forbids any), readable offline and in CI
//! artifacts. It formats [`Dashboard`] data; every figure on it comes from a report.
//!
//! The headline figures carry stable ids and `data-value` attributes holding the exact amount
//! (`receivables-EUR`, `overdue-EUR`, `dso-EUR`, `collection-rate-EUR`, `payables-CNY`,
//! `credit-over`, `credit-warn`, `credit-hold`), so tests and scripts can read them. Amounts show
//! with thousands separators on the page only.

use super::svg::{self, Columns, Line, Pareto, Part, Series};
use crate::ledger::revenue::RevenueBasis;
use crate::money::{format_amount, format_amount_grouped, percent_digits};
use crate::report::collection::CollectionRow;
use crate::report::contribution::ContributionTotal;
use crate::report::credit::Status;
use crate::report::dashboard::{ConvertedTotals, CurrencyView, Dashboard};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write as _;
use std::io::Write;

/// Escapes text for HTML content and attribute values (SVG inline in HTML too).
pub fn escape(text: &str) -> String {
    crate::text::html_escape(text)
}

/// An amount for people: thousands separators and a real minus sign.
pub fn money(amount: Decimal) -> String {
    format_amount_grouped(amount).replace('-', "\u{2212}")
}

/// A ratio (0.4536) as a percentage with `places` decimals (45.36%), rounded half up.
fn percent(ratio: Decimal, places: u32) -> String {
    format!(
        "{}%",
        percent_digits(ratio, places).replace('-', "\u{2212}")
    )
}

/// An amount as a drawing coordinate. Geometry only: shown numbers come from the decimals.
fn geometry(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or(0.0)
}

/// `Nov` and, on the first label and on January, the year below it.
fn month_label(date: NaiveDate, first: bool) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let name = MONTHS[date.month0() as usize];
    if first || date.month() == 1 {
        format!("{name}\n{}", date.year())
    } else {
        name.to_string()
    }
}

const CSS: &str = r#"
:root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--soft:#f6f8fa;--accent:#4e79a7;--bad:#c62d3a;--warn:#b7791f;--good:#2f855a}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
header,main,footer{max-width:1240px;margin:0 auto;padding:0 24px}
header{padding-top:28px;padding-bottom:8px;border-bottom:1px solid var(--line)}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:19px;margin:34px 0 4px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
p.lead{color:var(--muted);margin:0 0 10px}
.muted{color:var(--muted)}
.num,td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cur{font-size:12px;font-weight:600;color:var(--muted);letter-spacing:.04em}
.headline{display:grid;grid-template-columns:64px repeat(5,minmax(0,1fr));gap:10px;align-items:stretch;margin-top:14px}
.headline .code{align-self:center;font-size:20px;font-weight:700;color:var(--muted)}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft);min-width:0}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.card .figure{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.card .note{font-size:12px;color:var(--muted)}
.card.empty{background:none;border-style:dashed}
.figure.bad{color:var(--bad)}.card .figure.small{font-size:20px}.card .figure.smaller{font-size:17px;line-height:1.65}
.flags{display:flex;gap:10px;flex-wrap:wrap;margin-top:12px}
.flag{border:1px solid var(--line);border-radius:999px;padding:4px 12px;background:var(--soft)}
.flag b{font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:8px 28px}
.panel{min-width:0}
svg.chart{width:100%;height:auto;display:block;overflow:visible}
svg.chart text{font-family:inherit}
svg.bar{width:100%;height:12px;display:block;border-radius:2px}
.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:5px;min-width:0}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;flex:none}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;background:var(--soft)}
tfoot td{font-weight:700;border-top:2px solid var(--line)}
td.barcell{width:30%;min-width:120px}
td.name{max-width:0;width:40%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.id{color:var(--muted);font-size:12px}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;color:#fff}
.badge.over,.badge.hold{background:var(--bad)}.badge.warn{background:var(--warn)}.badge.ok{background:var(--good)}
details{margin:4px 0 8px}summary{cursor:pointer;color:var(--muted);font-size:12px}
.note{color:var(--muted)}
footer{margin-top:40px;padding-top:12px;padding-bottom:28px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;font-size:12px;background:var(--soft);padding:1px 4px;border-radius:4px}
@media (max-width:900px){.headline{grid-template-columns:repeat(2,minmax(0,1fr))}.headline .code{grid-column:1/-1}.grid{grid-template-columns:1fr}}
@media print{h2{break-after:avoid}.panel,table{break-inside:avoid}}
"#;

/// Writes the page.
pub fn write(dashboard: &Dashboard, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(page(dashboard).as_bytes())
}

/// The page as a string.
pub fn page(d: &Dashboard) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let title = format!("{} — receivables as of {}", d.book, d.as_of);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"folio {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = write!(
        h,
        "<header><h1>{}</h1><p class=\"lead\">Receivables and payables as of \
<time id=\"as-of\" datetime=\"{as_of}\">{as_of}</time></p></header>\n<main>\n",
        escape(&d.book),
        as_of = d.as_of
    );
    headline(&mut h, d);
    aging(&mut h, d);
    over_time(&mut h, d);
    top_customers(&mut h, d);
    credit(&mut h, d);
    overdue(&mut h, d);
    segments(&mut h, d);
    let _ = write!(
        h,
        "</main>\n<footer>Generated by folio {} with <code>folio report html --as-of {}{}</code>. \
Every figure comes from the command-line reports: <code>balance</code>, <code>balance --payables</code>, \
<code>aging</code>, <code>overdue</code>, <code>credit</code>, <code>report collection</code>, \
<code>report contribution</code> and <code>segments</code>, for the same date.</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        d.as_of,
        d.converted
            .as_ref()
            .map_or(String::new(), |t| format!(" --convert {}", t.currency))
    );
    h
}

/// A headline card with a stable id and the exact value in `data-value`. `shown_html` and
/// `note_html` are markup: callers escape what they put in them.
fn card(
    h: &mut String,
    label: &str,
    id: &str,
    value: &str,
    shown_html: &str,
    note_html: &str,
    bad: bool,
) {
    let _ = write!(
        h,
        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"figure{}\" id=\"{}\" data-value=\"{}\">{}</div><div class=\"note\">{}</div></div>",
        escape(label),
        match (bad, value.len()) {
            (true, 14..) => " bad smaller",
            (true, 11..) => " bad small",
            (true, _) => " bad",
            (false, 14..) => " smaller",
            (false, 11..) => " small",
            (false, _) => "",
        },
        escape(id),
        escape(value),
        shown_html,
        note_html
    );
}

fn empty_card(h: &mut String, label: &str, note: &str) {
    let _ = write!(
        h,
        "<div class=\"card empty\"><div class=\"label\">{}</div><div class=\"figure muted\">—</div><div class=\"note\">{}</div></div>",
        escape(label),
        escape(note)
    );
}

fn headline(h: &mut String, d: &Dashboard) {
    h.push_str("<section id=\"headline\"><h2>At a glance</h2><div class=\"headline\">");
    let mut codes: Vec<_> = d.currencies.iter().map(|v| v.currency).collect();
    for row in &d.payables {
        if !codes.contains(&row.currency) {
            codes.push(row.currency);
        }
    }
    for code in codes {
        let view = d.currencies.iter().find(|v| v.currency == code);
        let payables = d.payables.iter().find(|r| r.currency == code);
        let _ = write!(
            h,
            "<div class=\"code\" data-currency=\"{code}\">{code}</div>"
        );
        match view {
            Some(view) => {
                let b = &view.balance;
                card(
                    h,
                    "Receivables",
                    &format!("receivables-{code}"),
                    &format_amount(b.balance),
                    &money(b.balance),
                    &format!("{} customer(s) owe", view.owing),
                    false,
                );
                let oldest = view
                    .aging
                    .as_ref()
                    .and_then(|a| a.buckets.last().map(|v| (d.buckets.last(), *v)));
                let note = match oldest {
                    Some((Some(label), amount)) if !amount.is_zero() => {
                        format!("{} in {}", money(amount), escape(label))
                    }
                    _ => "1 day or more past due".to_string(),
                };
                card(
                    h,
                    "Overdue",
                    &format!("overdue-{code}"),
                    &format_amount(b.overdue),
                    &money(b.overdue),
                    &note,
                    b.overdue > Decimal::ZERO,
                );
                window_cards(h, view, code.as_str());
            }
            // Payables only (a supplier currency): the receivable cards stay empty.
            None => h.push_str("<div></div><div></div><div></div><div></div>"),
        }
        match payables {
            Some(p) => card(
                h,
                "Payables",
                &format!("payables-{code}"),
                &format_amount(p.balance),
                &money(p.balance),
                &format!("{} overdue", money(p.overdue)),
                false,
            ),
            None => empty_card(h, "Payables", "none in this currency"),
        }
    }
    if let Some(converted) = &d.converted {
        converted_row(h, converted);
    }
    h.push_str("</div>");
    if let Some(converted) = &d.converted {
        rates_note(h, converted, d.as_of);
    }
    let c = &d.credit;
    let _ = write!(
        h,
        "<div class=\"flags\"><span class=\"flag\">Over the credit limit: <b id=\"credit-over\" data-value=\"{}\">{}</b></span>\
<span class=\"flag\">At the warning level: <b id=\"credit-warn\" data-value=\"{}\">{}</b></span>\
<span class=\"flag\">On credit hold: <b id=\"credit-hold\" data-value=\"{}\">{}</b></span>\
<span class=\"flag\">Overdue items: <b id=\"overdue-items\" data-value=\"{}\">{}</b></span>\
<span class=\"flag muted\">{} customer(s) with a credit limit</span></div>",
        c.over, c.over, c.warn, c.warn, c.hold, c.hold, d.overdue_count, d.overdue_count, c.limited
    );
    h.push_str(
        "<p class=\"note\">DSO and collection rate are those of the last 90 days up to the date, \
the last 30 under them, computed as <code>folio report collection</code> computes a period's: DSO = receivables at the date / billed in the window x its days; collection \
rate = collected in the window / billed in it, so it passes 100&nbsp;% when older invoices are \
paid.</p></section>\n",
    );
}

/// The headline row of the totals in one currency: the converted totals of `folio balance
/// --convert`, receivables and payables.
fn converted_row(h: &mut String, t: &ConvertedTotals) {
    let code = t.currency;
    let _ = write!(
        h,
        "<div class=\"code\" data-converted=\"{code}\">All in {code}</div>"
    );
    card(
        h,
        "Receivables",
        "receivables-converted",
        &format_amount(t.receivables),
        &money(t.receivables),
        &format!("every currency, in {code}"),
        false,
    );
    card(
        h,
        "Overdue",
        "overdue-converted",
        &format_amount(t.overdue),
        &money(t.overdue),
        &format!("every currency, in {code}"),
        t.overdue > Decimal::ZERO,
    );
    h.push_str("<div></div><div></div>");
    card(
        h,
        "Payables",
        "payables-converted",
        &format_amount(t.payables),
        &money(t.payables),
        &format!("every currency, in {code}"),
        false,
    );
}

/// The rates the converted totals used, under the headline.
fn rates_note(h: &mut String, t: &ConvertedTotals, as_of: NaiveDate) {
    let rates: Vec<String> = t
        .rates
        .iter()
        .map(|(from, rate)| crate::report::convert::quotes_of(*from, t.currency, rate))
        .collect();
    let used = if rates.is_empty() {
        String::new()
    } else {
        format!(": {}", rates.join(", "))
    };
    let _ = write!(
        h,
        "<p class=\"note\" id=\"converted-rates\">All in {}: each customer's balance converted at the rates of {as_of}, rounded to its minor unit, then added, as <code>folio balance --convert {}</code> totals them{}.</p>",
        t.currency,
        t.currency,
        escape(&used)
    );
}

/// The DSO and collection-rate cards of a currency: the 90-day window, the 30-day one beneath.
fn window_cards(h: &mut String, view: &CurrencyView, code: &str) {
    let long = view.window(90);
    let short = view.window(30);
    let span = |row: &CollectionRow| format!("last 90 days, {} to {}", row.from, row.to);
    let dso_note = |row: &CollectionRow| match short.and_then(|s| s.dso) {
        Some(dso) => format!("{}; 30 days: {dso}", span(row)),
        None => span(row),
    };
    match long.and_then(|row| row.dso.map(|dso| (row, dso))) {
        Some((row, dso)) => card(
            h,
            "DSO",
            &format!("dso-{code}"),
            &dso.to_string(),
            &format!("{dso} <span class=\"cur\">days</span>"),
            &dso_note(row),
            false,
        ),
        None => empty_card(h, "DSO", "nothing billed in the last 90 days"),
    }
    let rate_note = |row: &CollectionRow| {
        let base = format!(
            "{} collected of {} billed in 90 days",
            money(row.collected),
            money(row.billed_gross)
        );
        match short.and_then(|s| s.collection_rate) {
            Some(rate) => format!("{base}; 30 days: {}", percent(rate, 2)),
            None => base,
        }
    };
    match long.and_then(|row| row.collection_rate.map(|rate| (row, rate))) {
        Some((row, rate)) => card(
            h,
            "Collection rate",
            &format!("collection-rate-{code}"),
            &rate.to_string(),
            &percent(rate, 2),
            &rate_note(row),
            false,
        ),
        None => empty_card(h, "Collection rate", "nothing billed in the last 90 days"),
    }
}

fn legend(h: &mut String, items: &[(String, &str)]) {
    h.push_str("<ul class=\"legend\">");
    for (name, color) in items {
        let _ = write!(
            h,
            "<li><span class=\"swatch\" style=\"background:{color}\"></span>{}</li>",
            escape(name)
        );
    }
    h.push_str("</ul>");
}

fn bucket_names(d: &Dashboard) -> Vec<(String, &'static str)> {
    let mut names = vec![("current".to_string(), svg::CURRENT)];
    let count = d.buckets.len();
    for (i, label) in d.buckets.iter().enumerate() {
        names.push((format!("{label} days"), svg::bucket_color(i, count)));
    }
    names
}

fn aging(h: &mut String, d: &Dashboard) {
    h.push_str(
        "<section id=\"aging\"><h2>Aging</h2><p class=\"lead\">Open items by days past due (<code>folio aging</code>).</p>",
    );
    let views: Vec<&CurrencyView> = d.currencies.iter().filter(|v| v.aging.is_some()).collect();
    if views.is_empty() {
        h.push_str("<p>Nothing is open.</p></section>\n");
        return;
    }
    // The mix: one bar per currency, its buckets side by side, as shares of what is open.
    h.push_str(
        "<table class=\"mix\"><thead><tr><th>currency</th><th>current and past-due buckets</th>",
    );
    h.push_str("<th class=\"num\">current</th>");
    for label in &d.buckets {
        let _ = write!(h, "<th class=\"num\">{}</th>", escape(label));
    }
    h.push_str("<th class=\"num\">unapplied</th><th class=\"num\">total</th></tr></thead><tbody>");
    let colors = bucket_names(d);
    for view in &views {
        let Some(row) = &view.aging else { continue };
        let code = view.currency;
        let values: Vec<Decimal> = std::iter::once(row.current)
            .chain(row.buckets.iter().copied())
            .collect();
        let open: f64 = values.iter().map(|v| geometry(*v).max(0.0)).sum();
        let parts: Vec<Part> = values
            .iter()
            .zip(&colors)
            .map(|(v, (name, color))| Part {
                share: if open > 0.0 { geometry(*v) / open } else { 0.0 },
                color,
                title: format!("{name}: {code} {}", money(*v)),
            })
            .collect();
        let _ = write!(
            h,
            "<tr data-currency=\"{code}\"><td><b>{code}</b></td><td class=\"barcell\">{}</td>",
            svg::inline_bar(&parts, None)
        );
        let _ = write!(
            h,
            "<td class=\"num\" id=\"aging-current-{code}\" data-value=\"{}\">{}</td>",
            format_amount(row.current),
            money(row.current)
        );
        for (label, value) in d.buckets.iter().zip(&row.buckets) {
            let _ = write!(
                h,
                "<td class=\"num\" id=\"aging-{}-{code}\" data-value=\"{}\">{}</td>",
                escape(label),
                format_amount(*value),
                money(*value)
            );
        }
        let _ = write!(
            h,
            "<td class=\"num\" id=\"aging-unapplied-{code}\" data-value=\"{}\">{}</td><td class=\"num\" id=\"aging-total-{code}\" data-value=\"{}\"><b>{}</b></td></tr>",
            format_amount(row.unapplied),
            money(row.unapplied),
            format_amount(row.total),
            money(row.total)
        );
    }
    h.push_str("</tbody></table>");
    legend(h, &colors);

    // Per currency: one column per bucket, stacked by customer.
    h.push_str("<div class=\"grid\">");
    for view in &views {
        let Some(row) = &view.aging else { continue };
        let code = view.currency.to_string();
        let mut categories = vec!["current".to_string()];
        categories.extend(d.buckets.iter().cloned());
        let series: Vec<Series> = view
            .aging_stacks
            .iter()
            .enumerate()
            .map(|(i, stack)| {
                let values: Vec<Decimal> = std::iter::once(stack.current)
                    .chain(stack.buckets.iter().copied())
                    .collect();
                Series {
                    name: stack.name.clone(),
                    color: if stack.contact.is_some() {
                        svg::NEUTRAL[i % svg::NEUTRAL.len()]
                    } else {
                        svg::OTHERS
                    },
                    values: values.iter().map(|v| geometry(*v)).collect(),
                    titles: values
                        .iter()
                        .zip(&categories)
                        .map(|(v, c)| format!("{c}: {code} {}", money(*v)))
                        .collect(),
                }
            })
            .collect();
        let totals: Vec<String> = std::iter::once(row.current)
            .chain(row.buckets.iter().copied())
            .map(money)
            .collect();
        let label = format!("{code} open items by bucket, stacked by customer");
        let _ = write!(
            h,
            "<div class=\"panel\"><h3>{code}: open items by bucket and customer</h3>{}",
            svg::columns(&Columns {
                label: &label,
                categories: &categories,
                series: &series,
                stacked: true,
                totals: Some(&totals),
                unit: &code,
            })
        );
        let names: Vec<(String, &str)> = series.iter().map(|s| (s.name.clone(), s.color)).collect();
        legend(h, &names);
        if !row.unapplied.is_zero() {
            let _ = write!(
                h,
                "<p class=\"note\">Unapplied credits of {} {code} are not drawn; the total above counts them.</p>",
                money(row.unapplied)
            );
        }
        h.push_str("</div>");
    }
    h.push_str("</div></section>\n");
}

fn over_time(h: &mut String, d: &Dashboard) {
    let _ = write!(
        h,
        "<section id=\"history\"><h2>Receivables over time</h2><p class=\"lead\">Receivables at the end of each month since {}, \
the last point being {} itself, with what was billed and collected in each month (<code>folio report collection</code>; \
each point equals the total of <code>folio balance --as-of</code> that day).</p><div class=\"grid\">",
        d.collection_from, d.as_of
    );
    for view in &d.currencies {
        if view.collection.is_empty() {
            continue;
        }
        let code = view.currency.to_string();
        let categories: Vec<String> = view
            .collection
            .iter()
            .enumerate()
            .map(|(i, r)| month_label(r.to, i == 0))
            .collect();
        let values: Vec<f64> = view
            .collection
            .iter()
            .map(|r| geometry(r.receivables))
            .collect();
        let titles: Vec<String> = view
            .collection
            .iter()
            .map(|r| format!("{}: {code} {}", r.to, money(r.receivables)))
            .collect();
        let last = view
            .collection
            .last()
            .map(|r| money(r.receivables))
            .unwrap_or_default();
        let label = format!("{code} receivables at each month end");
        let _ = write!(
            h,
            "<div class=\"panel\"><h3>{code}: receivables at month end</h3>{}",
            svg::line(&Line {
                label: &label,
                categories: &categories,
                values: &values,
                titles: &titles,
                last: &last,
                color: svg::PALETTE[0],
                unit: &code,
            })
        );
        let series = [
            Series {
                name: "billed".into(),
                color: svg::PALETTE[0],
                values: view
                    .collection
                    .iter()
                    .map(|r| geometry(r.billed_gross))
                    .collect(),
                titles: view
                    .collection
                    .iter()
                    .map(|r| format!("{} {code} {}", r.period, money(r.billed_gross)))
                    .collect(),
            },
            Series {
                name: "collected".into(),
                color: svg::PALETTE[2],
                values: view
                    .collection
                    .iter()
                    .map(|r| geometry(r.collected))
                    .collect(),
                titles: view
                    .collection
                    .iter()
                    .map(|r| format!("{} {code} {}", r.period, money(r.collected)))
                    .collect(),
            },
        ];
        let label = format!("{code} billed and collected per month");
        let _ = write!(
            h,
            "<h3>{code}: billed and collected per month</h3>{}",
            svg::columns(&Columns {
                label: &label,
                categories: &categories,
                series: &series,
                stacked: false,
                totals: None,
                unit: &code,
            })
        );
        legend(
            h,
            &[
                (
                    "billed, VAT included (invoices − credit notes)".to_string(),
                    svg::PALETTE[0],
                ),
                (
                    "collected (payments − refunds)".to_string(),
                    svg::PALETTE[2],
                ),
            ],
        );
        h.push_str(
            "<details><summary>The figures</summary><table><thead><tr><th>period</th><th>to</th>\
<th class=\"num\">billed</th><th class=\"num\">of which without VAT information</th><th class=\"num\">billed, VAT included</th>\
<th class=\"num\">collected</th><th class=\"num\">rate</th>\
<th class=\"num\">receivables</th><th class=\"num\">DSO</th></tr></thead><tbody>",
        );
        for r in &view.collection {
            let _ = write!(
                h,
                "<tr class=\"month\" data-currency=\"{code}\" data-date=\"{}\" data-receivables=\"{}\" data-billed=\"{}\" data-billed-vat-unknown=\"{}\" data-billed-gross=\"{}\"><td>{}</td><td>{}</td>\
<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                r.to,
                format_amount(r.receivables),
                format_amount(r.billed),
                format_amount(r.billed_vat_unknown),
                format_amount(r.billed_gross),
                escape(&r.period),
                r.to,
                money(r.billed),
                money(r.billed_vat_unknown),
                money(r.billed_gross),
                money(r.collected),
                r.collection_rate
                    .map(|x| percent(x, 1))
                    .unwrap_or_else(|| "—".into()),
                money(r.receivables),
                r.dso.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
            );
        }
        h.push_str("</tbody></table></details></div>");
    }
    h.push_str("</div></section>\n");
}

fn name_cell(name: &str, id: &str) -> String {
    format!(
        "<td class=\"name\" title=\"{}\">{} <span class=\"id\">{}</span></td>",
        escape(name),
        escape(name),
        escape(id)
    )
}

fn top_customers(h: &mut String, d: &Dashboard) {
    let _ = write!(
        h,
        "<section id=\"top\"><h2>Top customers</h2><p class=\"lead\">By receivable balance as of {} (<code>folio balance</code>) \
and by revenue from {} to {} (<code>folio report contribution</code>, invoices minus credit notes).</p>",
        d.as_of, d.revenue_from, d.as_of
    );
    for view in &d.currencies {
        let code = view.currency.to_string();
        if view.top_balance.is_empty() && view.top_revenue.is_empty() {
            continue;
        }
        h.push_str("<div class=\"grid\">");
        // By balance: the bar shows the balance, its overdue part darker.
        let _ = write!(h, "<div class=\"panel\"><h3>{code}: by balance</h3>");
        if view.top_balance.is_empty() {
            h.push_str("<p class=\"muted\">No customer owes anything.</p>");
        } else {
            let max = view
                .top_balance
                .iter()
                .map(|r| geometry(r.balance))
                .fold(0.0, f64::max);
            h.push_str("<table><thead><tr><th>customer</th><th></th><th class=\"num\">balance</th><th class=\"num\">overdue</th></tr></thead><tbody>");
            for r in &view.top_balance {
                let overdue = geometry(r.overdue).max(0.0).min(geometry(r.balance));
                let rest = geometry(r.balance) - overdue;
                let parts = [
                    Part {
                        share: if max > 0.0 { overdue / max } else { 0.0 },
                        color: "#e15759",
                        title: format!("overdue {code} {}", money(r.overdue)),
                    },
                    Part {
                        share: if max > 0.0 { rest / max } else { 0.0 },
                        color: svg::PALETTE[0],
                        title: format!("balance {code} {}", money(r.balance)),
                    },
                ];
                let _ = write!(
                    h,
                    "<tr>{}<td class=\"barcell\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    name_cell(&r.name, &r.contact),
                    svg::inline_bar(&parts, None),
                    money(r.balance),
                    money(r.overdue)
                );
            }
            h.push_str("</tbody></table>");
            legend(
                h,
                &[
                    ("overdue".to_string(), "#e15759"),
                    ("not yet due".to_string(), svg::PALETTE[0]),
                ],
            );
            if view.owing > view.top_balance.len() {
                let _ = write!(
                    h,
                    "<p class=\"note\">{} of {} customers who owe; the total is {} {code}.</p>",
                    view.top_balance.len(),
                    view.owing,
                    money(view.balance.balance)
                );
            }
        }
        h.push_str("</div>");

        // By revenue: a Pareto chart and its table.
        let _ = write!(h, "<div class=\"panel\"><h3>{code}: by revenue</h3>");
        match &view.revenue {
            Some(total) if !view.top_revenue.is_empty() => {
                let categories: Vec<String> =
                    view.top_revenue.iter().map(|r| r.name.clone()).collect();
                let values: Vec<f64> = view
                    .top_revenue
                    .iter()
                    .map(|r| geometry(r.revenue))
                    .collect();
                let titles: Vec<String> = view
                    .top_revenue
                    .iter()
                    .map(|r| format!("{}: {code} {}", r.name, money(r.revenue)))
                    .collect();
                let cumulative: Vec<f64> = view
                    .top_revenue
                    .iter()
                    .map(|r| r.cumulative_share.map_or(0.0, geometry))
                    .collect();
                let labels: Vec<String> = view
                    .top_revenue
                    .iter()
                    .map(|r| {
                        r.cumulative_share
                            .map(|s| percent(s, 1))
                            .unwrap_or_default()
                    })
                    .collect();
                let label = format!("{code} revenue by customer with the cumulative share");
                h.push_str(&svg::pareto(&Pareto {
                    label: &label,
                    categories: &categories,
                    values: &values,
                    titles: &titles,
                    cumulative: &cumulative,
                    cumulative_labels: &labels,
                    unit: &code,
                }));
                legend(
                    h,
                    &[
                        ("revenue".to_string(), svg::PALETTE[0]),
                        (
                            "cumulative share of revenue (right axis)".to_string(),
                            svg::PALETTE[1],
                        ),
                    ],
                );
                h.push_str("<table><thead><tr><th class=\"num\">#</th><th>customer</th><th class=\"num\">revenue</th><th class=\"num\">share</th><th class=\"num\">cumulative</th><th>ABC</th></tr></thead><tbody>");
                for r in &view.top_revenue {
                    let _ = write!(
                        h,
                        "<tr class=\"revenue\" data-currency=\"{code}\" data-contact=\"{}\" data-revenue=\"{}\" data-revenue-vat-unknown=\"{}\"><td class=\"num\">{}</td>{}<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                        escape(&r.contact),
                        format_amount(r.revenue),
                        format_amount(r.revenue_vat_unknown),
                        r.rank,
                        name_cell(&r.name, &r.contact),
                        money(r.revenue),
                        r.share.map(|s| percent(s, 1)).unwrap_or_default(),
                        r.cumulative_share
                            .map(|s| percent(s, 1))
                            .unwrap_or_default(),
                        r.abc.as_str()
                    );
                }
                let _ = write!(
                    h,
                    "</tbody><tfoot><tr><td></td><td>{} customer(s), {} invoice(s)</td><td class=\"num\" id=\"revenue-{code}\" data-value=\"{}\">{}</td><td></td><td></td><td></td></tr></tfoot></table>",
                    total.customers,
                    total.invoices,
                    format_amount(total.revenue),
                    money(total.revenue)
                );
                revenue_basis_note(h, &code, d.revenue_basis, total);
            }
            _ => h.push_str("<p class=\"muted\">No revenue in the period.</p>"),
        }
        h.push_str("</div></div>");
    }
    h.push_str("</section>\n");
}

fn credit(h: &mut String, d: &Dashboard) {
    let c = &d.credit;
    h.push_str("<section id=\"credit\"><h2>Credit warnings and holds</h2>");
    let _ = write!(
        h,
        "<p class=\"lead\">Customers at or above the warning level of their limit, over it, or on hold for an item long past due (<code>folio credit</code>), \
out of {} with a credit limit.</p>",
        c.limited
    );
    if c.rows.is_empty() {
        h.push_str("<p>Every customer with a credit limit is within it.</p>");
    } else {
        h.push_str("<table><thead><tr><th>customer</th><th>status</th><th>hold</th><th class=\"num\">limit</th><th class=\"num\">exposure</th><th>exposure against the limit (|)</th><th class=\"num\">used</th></tr></thead><tbody>");
        for r in &c.rows {
            let code = r.currency;
            let scale = 1.5f64;
            let used = r.utilization.map_or(0.0, geometry);
            let color = match r.status {
                Status::Over => "#e15759",
                Status::Warn => "#f28e2b",
                Status::Ok => svg::PALETTE[0],
            };
            let parts = [Part {
                share: used.max(0.0) / scale,
                color,
                title: format!(
                    "exposure {code} {} of {}",
                    money(r.exposure),
                    money(r.limit)
                ),
            }];
            let _ = write!(
                h,
                "<tr data-contact=\"{}\">{}<td><span class=\"badge {}\">{}</span></td><td>{}</td><td class=\"num\">{code} {}</td><td class=\"num\">{}</td><td class=\"barcell\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.contact),
                name_cell(&r.name, &r.contact),
                r.status.as_str(),
                r.status.as_str(),
                if r.hold {
                    "<span class=\"badge hold\">hold</span>"
                } else {
                    ""
                },
                money(r.limit),
                money(r.exposure),
                svg::inline_bar(&parts, Some(1.0 / scale)),
                r.utilization
                    .map(|u| percent(u, 1))
                    .unwrap_or_else(|| "—".into())
            );
        }
        h.push_str("</tbody></table>");
        if c.attention > c.rows.len() {
            let _ = write!(
                h,
                "<p class=\"note\">{} of {} shown; <code>folio credit</code> lists them all.</p>",
                c.rows.len(),
                c.attention
            );
        }
    }
    for note in &c.notes {
        let _ = write!(h, "<p class=\"note\">Note: {}</p>", escape(note));
    }
    h.push_str("</section>\n");
}

fn overdue(h: &mut String, d: &Dashboard) {
    h.push_str("<section id=\"overdue\"><h2>Overdue items</h2><p class=\"lead\">Most days past due first, with whom to call (<code>folio overdue</code>).</p>");
    if d.overdue.is_empty() {
        h.push_str("<p>Nothing is overdue.</p></section>\n");
        return;
    }
    h.push_str("<table><thead><tr><th class=\"num\">days</th><th>customer</th><th>document</th><th>due</th><th class=\"num\">open</th><th class=\"num\">amount</th><th>e-mail</th><th>phone</th></tr></thead><tbody>");
    for item in &d.overdue {
        let email = item.email.map_or(String::new(), |e| {
            format!("<a href=\"mailto:{}\">{}</a>", escape(e), escape(e))
        });
        let _ = write!(
            h,
            "<tr><td class=\"num\">{}</td>{}<td>{}</td><td>{}</td><td class=\"num\">{} {}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            item.days_past_due,
            name_cell(item.name, item.contact),
            document_cell(item),
            item.due,
            item.currency,
            money(item.open),
            money(item.amount),
            email,
            escape(item.phone.unwrap_or(""))
        );
    }
    h.push_str("</tbody></table>");
    if d.overdue_count > d.overdue.len() {
        let _ = write!(
            h,
            "<p class=\"note\">{} of {} items shown; <code>folio overdue --as-of {}</code> lists them all.</p>",
            d.overdue.len(),
            d.overdue_count,
            d.as_of
        );
    }
    h.push_str("</section>\n");
}

/// An overdue item's document id, with `disputed` and `promised until D` when they hold
/// (docs/dunning.md, "Disputes and promises").
fn document_cell(item: &crate::report::overdue::OverdueItem<'_>) -> String {
    let mut cell = escape(item.document);
    if item.disputed {
        cell.push_str(" <span class=\"flag\">disputed</span>");
    }
    if let Some(until) = item.promised_until {
        let _ = write!(cell, " <span class=\"flag\">promised until {until}</span>");
    }
    cell
}

/// Under the revenue table: how much of the total was counted gross for want of VAT
/// information (`revenue-vat-unknown-EUR`, 0.00 when none).
fn revenue_basis_note(h: &mut String, code: &str, basis: RevenueBasis, total: &ContributionTotal) {
    let unknown = total.revenue_vat_unknown;
    let _ = write!(
        h,
        "<p class=\"note\" id=\"revenue-vat-unknown-{code}\" data-value=\"{}\" data-entries=\"{}\">",
        format_amount(unknown.amount),
        unknown.entries
    );
    if basis == RevenueBasis::Gross {
        h.push_str("Revenue includes VAT (<code>[analytics] revenue = \"gross\"</code>).</p>");
    } else if unknown.entries == 0 {
        h.push_str("Revenue is net of VAT (docs/vat.md, “Net revenue”).</p>");
    } else {
        let _ = write!(
            h,
            "Revenue is net of VAT where it is known; {code} {} of it, from {} invoice(s) and credit note(s) without VAT information, is counted gross (VAT included).</p>",
            money(unknown.amount),
            unknown.entries
        );
    }
}

fn segments(h: &mut String, d: &Dashboard) {
    h.push_str("<section id=\"segments\"><h2>Segments</h2><p class=\"lead\">Members, revenue and balance of each segment: the rules of folio.toml, then RFM, ABC and tiers (<code>folio segments</code>).</p>");
    let rows = &d.segments.rows;
    if rows.is_empty() {
        h.push_str("<p>No segments.</p></section>\n");
        return;
    }
    let max = rows.iter().map(|r| r.members).max().unwrap_or(0).max(1) as f64;
    h.push_str("<table><thead><tr><th>segment</th><th>what it holds</th><th>members</th><th class=\"num\"></th><th class=\"num\">revenue</th><th class=\"num\">share</th><th class=\"num\">balance</th><th class=\"num\">overdue</th></tr></thead><tbody>");
    for r in rows {
        let color = match r.kind {
            "rule" => svg::PALETTE[0],
            "rfm" => svg::PALETTE[3],
            "abc" => svg::PALETTE[1],
            "all" => svg::OTHERS,
            _ => svg::PALETTE[4],
        };
        let parts = [Part {
            share: r.members as f64 / max,
            color,
            title: format!("{} member(s)", r.members),
        }];
        let code = r.currency.map(|c| c.to_string()).unwrap_or_default();
        let _ = write!(
            h,
            "<tr data-segment=\"{}\" data-currency=\"{code}\" data-revenue=\"{}\" data-revenue-vat-unknown=\"{}\"><td><b>{}</b></td><td class=\"muted\">{}</td><td class=\"barcell\">{}</td><td class=\"num\">{}</td><td class=\"num\">{code} {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&r.segment),
            format_amount(r.revenue),
            format_amount(r.revenue_vat_unknown),
            escape(&r.segment),
            escape(&r.description),
            svg::inline_bar(&parts, None),
            r.members,
            money(r.revenue),
            r.share.map(|s| percent(s, 1)).unwrap_or_default(),
            money(r.balance),
            money(r.overdue)
        );
    }
    h.push_str("</tbody></table>");
    for note in &d.segments.notes {
        let _ = write!(h, "<p class=\"note\">Note: {}</p>", escape(note));
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn escapes_everything_that_could_open_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escape("上海晶华"), "上海晶华");
    }

    #[test]
    fn amounts_have_separators_and_a_minus_sign() {
        let dec = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(dec("1234567.5")), "1,234,567.50");
        assert_eq!(money(dec("-530")), "\u{2212}530.00");
        assert_eq!(percent(dec("0.4536"), 2), "45.36%");
        assert_eq!(percent(dec("0.62345"), 1), "62.3%");
        assert_eq!(percent(dec("1.0583"), 1), "105.8%");
    }
}
