//! The end of a PDF: how to pay (or what is credited, or how long a quote holds), the VAT
//! exemptions, the notes and the seller's legal mentions.

use super::layout::Layout;
use super::{Context, label};
use crate::document::model::DocumentKind;
use crate::document::render::fill;

/// The closing paragraphs, wrapped across the page.
pub(super) fn paragraphs(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document,
        totals,
        labels,
        ..
    } = *cx;
    let money = |value| cx.money(value);
    let date = |value| cx.date(value);
    let currency = document.currency.as_str();
    let mut closing: Vec<(String, f32, bool)> = Vec::new();
    let total_text = format!("{} {currency}", money(totals.total));
    match document.kind {
        DocumentKind::Invoice => {
            if let Some(due) = document.due {
                closing.push((
                    fill(
                        label(labels, "pay"),
                        &[("amount", &total_text), ("due", &date(due))],
                    ),
                    10.0,
                    false,
                ));
            }
            if let Some(iban) = &document.payment.iban {
                closing.push((
                    fill(label(labels, "pay_to"), &[("iban", iban)]),
                    10.0,
                    false,
                ));
            }
            if let Some(bic) = &document.payment.bic {
                closing.push((fill(label(labels, "bic"), &[("bic", bic)]), 10.0, false));
            }
            if let Some(communication) = &document.payment.communication {
                closing.push((
                    fill(
                        label(labels, "communication"),
                        &[("communication", communication)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::CreditNote => {
            if let Some(reference) = &document.reference {
                closing.push((
                    fill(
                        label(labels, "credited"),
                        &[("reference", reference), ("amount", &total_text)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::Quote => {
            if let Some(valid) = document.valid_until {
                closing.push((
                    fill(label(labels, "valid"), &[("date", &date(valid))]),
                    10.0,
                    false,
                ));
            }
            if let (Some(day), Some(invoice)) = (document.accepted, &document.invoice) {
                closing.push((
                    fill(
                        label(labels, "accepted"),
                        &[("date", &date(day)), ("invoice", invoice)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
    }
    let mut seen = Vec::new();
    for item in &document.items {
        if let Some(text) = item.exemption.as_ref().filter(|t| !seen.contains(*t)) {
            seen.push(text.clone());
            closing.push((
                fill(label(labels, "exemption"), &[("text", text)]),
                10.0,
                false,
            ));
        }
    }
    if !document.notes.is_empty() {
        closing.push((String::new(), 6.0, false));
        closing.push((label(labels, "notes").to_string(), 10.0, true));
        for note in &document.notes {
            closing.push((note.clone(), 10.0, false));
        }
    }
    if let Some(legal) = &document.seller.legal {
        closing.push((String::new(), 10.0, false));
        closing.push((legal.clone(), 8.0, true));
    }
    for (text, size, grey) in closing {
        layout.paragraph(&text, size, grey);
    }
}
