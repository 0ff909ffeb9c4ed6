//! The top of a PDF: the title, the seller and the buyer side by side, then the document's
//! number, dates and references.

use super::layout::{Align, LEFT, Layout, RIGHT};
use super::{Context, label};
use crate::document::model::DocumentKind;

/// The title: the kind of document and its number.
pub(super) fn title(layout: &mut Layout<'_>, title: &str) {
    layout.text(LEFT, 20.0, false, Align::Left, title);
    layout.y += 30.0;
}

/// The seller and the buyer, each with its address and identifiers, in two columns.
pub(super) fn parties(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document,
        labels,
        language,
        ..
    } = *cx;
    let party_top = layout.y;
    let mut seller_lines = vec![document.seller.name.clone()];
    seller_lines.extend(document.seller.address_lines(language));
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
    buyer_lines.extend(document.buyer.address_lines(language));
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
    }
    layout.y = party_top + 13.0 + 13.5 * seller_lines.len().max(buyer_lines.len()) as f32 + 16.0;
}

/// Number, date, due date or validity, and references: a label and its value per line.
pub(super) fn meta(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document, labels, ..
    } = *cx;
    let date = |value| cx.date(value);
    let mut meta: Vec<(String, String)> = vec![
        (label(labels, "number"), document.id.clone()),
        (label(labels, "date"), date(document.date)),
    ];
    if document.kind == DocumentKind::Invoice
        && let Some(due) = document.due
    {
        meta.push((label(labels, "due"), date(due)));
    }
    if document.kind == DocumentKind::Quote
        && let Some(valid) = document.valid_until
    {
        meta.push((label(labels, "valid_until"), date(valid)));
    }
    if let Some(reference) = &document.reference {
        meta.push((label(labels, "reference"), reference.clone()));
    }
    if let Some(reference) = &document.buyer_reference {
        meta.push((label(labels, "buyer_reference"), reference.clone()));
    }
    for (key, value) in &meta {
        layout.text(LEFT, 10.0, true, Align::Left, key);
        layout.text(LEFT + 120.0, 10.0, false, Align::Left, value);
        layout.y += 14.0;
    }
    layout.y += 14.0;
}
