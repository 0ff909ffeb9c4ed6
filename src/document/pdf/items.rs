//! The table of items: a header row (repeated on each new page) and one row per item, its
//! description wrapped and its discount beneath.

use super::layout::{Align, BOTTOM, LEFT, Layout, RIGHT};
use super::{Context, label, say};
use crate::document::render::unit_text;
use crate::template::locale::{number, percent};

/// The items table, from the current line on.
pub(super) fn table(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document,
        totals,
        language,
        labels,
    } = *cx;
    let money = |value| cx.money(value);
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
        "#".to_string(),
        label(labels, "description"),
        label(labels, "quantity"),
        label(labels, "unit"),
        label(labels, "price"),
        label(labels, "vat"),
        label(labels, "amount"),
    ];
    let table_header = |layout: &mut Layout<'_>| {
        for ((x, align), text) in columns.iter().zip(&header) {
            layout.text(*x, 8.5, true, *align, text);
        }
        layout.y += 5.0;
        layout.rule(0.8);
        layout.y += 13.0;
    };
    table_header(layout);
    let description_width = columns[2].0 - columns[1].0 - 45.0;
    for (index, (item, amounts)) in document.items.iter().zip(&totals.lines).enumerate() {
        let mut text_lines = layout.wrap(&item.description, 9.5, description_width);
        if let Some(discount) = item.discount.filter(|d| !d.is_zero()) {
            let rate = say(labels, "discount", &[("rate", &number(discount, language))]);
            text_lines.push(say(
                labels,
                "discount_detail",
                &[
                    ("discount", &rate),
                    ("gross", &money(amounts.gross)),
                    ("amount", &money(amounts.discount)),
                ],
            ));
        }
        let height = 13.0 * text_lines.len() as f32 + 4.0;
        if layout.y + height > BOTTOM {
            layout.room(height + 40.0);
            table_header(layout);
        }
        let cells = [
            (index + 1).to_string(),
            String::new(),
            number(item.quantity, language),
            unit_text(item.unit.as_deref(), item.quantity, labels)
                .unwrap_or_else(|_| item.unit.clone().unwrap_or_default()),
            money(item.price),
            percent(item.vat, language),
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
}
