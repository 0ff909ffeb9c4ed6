//! The top of a PDF: the title, the seller and the buyer side by side, then the document's
//! number, dates and references.

use super::layout::{Align, LEFT, Layout, RIGHT};
use super::{Context, label};
use crate::document::model::{DocumentKind, Party};
use crate::template::texts::Texts;

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
    columns(
        layout,
        [
            (
                label(labels, "seller"),
                seller_lines(&document.seller, labels, language),
            ),
            (
                label(labels, "buyer"),
                buyer_lines(&document.buyer, labels, language),
            ),
        ],
    );
}

/// The seller's block: name, address, identifiers, e-mail and phone.
pub(super) fn seller_lines(seller: &Party, labels: &Texts, language: &str) -> Vec<String> {
    let mut lines = vec![seller.name.clone()];
    lines.extend(seller.address_lines(language));
    if let Some(vat) = &seller.vat {
        lines.push(format!("{} {vat}", label(labels, "vat_id")));
    }
    if let Some(id) = &seller.company_id {
        lines.push(format!("{} {id}", label(labels, "company_id")));
    }
    lines.extend(seller.email.iter().cloned());
    lines.extend(seller.phone.iter().cloned());
    lines
}

/// The buyer's block: name, address and VAT number.
pub(super) fn buyer_lines(buyer: &Party, labels: &Texts, language: &str) -> Vec<String> {
    let mut lines = vec![buyer.name.clone()];
    lines.extend(buyer.address_lines(language));
    if let Some(vat) = &buyer.vat {
        lines.push(format!("{} {vat}", label(labels, "vat_id")));
    }
    lines
}

/// Two blocks side by side, each under its heading.
pub(super) fn columns(layout: &mut Layout<'_>, blocks: [(String, Vec<String>); 2]) {
    let party_top = layout.y;
    let column = (RIGHT - LEFT) / 2.0 + LEFT;
    let tallest = blocks
        .iter()
        .map(|(_, lines)| lines.len())
        .max()
        .unwrap_or(0);
    for (x, (heading, block)) in [LEFT, column].into_iter().zip(&blocks) {
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
    layout.y = party_top + 13.0 + 13.5 * tallest as f32 + 16.0;
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
    if document.kind.is_payable()
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
    meta_rows(layout, &meta);
}

/// A label and its value per line.
pub(super) fn meta_rows(layout: &mut Layout<'_>, meta: &[(String, String)]) {
    for (key, value) in meta {
        layout.text(LEFT, 10.0, true, Align::Left, key);
        layout.text(LEFT + 120.0, 10.0, false, Align::Left, value);
        layout.y += 14.0;
    }
    layout.y += 14.0;
}
