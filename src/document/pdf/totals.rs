//! The totals under the items: with a document discount the lines' subtotal and the discount,
//! then net, one line per VAT rate or exemption, and the total.

use super::layout::{Align, Layout, Op, RIGHT};
use super::{Context, label, say};
use crate::document::model::DocumentKind;
use crate::template::locale::number;

/// The totals, right-aligned, kept together on one page.
pub(super) fn rows(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document,
        totals,
        language,
        labels,
    } = *cx;
    let money = |value| cx.money(value);
    let currency = document.currency.as_str();
    layout.y += 4.0;
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    if let Some(percent) = document.discount.filter(|d| !d.is_zero()) {
        rows.push((label(labels, "subtotal"), money(totals.net), false));
        rows.push((
            say(
                labels,
                "document_discount",
                &[("rate", &number(percent, language))],
            ),
            format!("-{}", money(totals.allowance)),
            false,
        ));
    }
    rows.push((label(labels, "net"), money(totals.tax_exclusive), false));
    for vat in &totals.breakdown {
        let text = if vat.category == "S" {
            say(
                labels,
                "vat_line",
                &[
                    ("rate", &number(vat.rate, language)),
                    ("base", &money(vat.base)),
                ],
            )
        } else {
            say(
                labels,
                "exempt_line",
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
        total_label,
        crate::template::locale::money(totals.total, currency, cx.language),
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
}
