//! The end of a PDF: how to pay (or what is credited, or how long a quote holds), the VAT
//! exemptions, the notes and the seller's legal mentions.

use super::layout::Layout;
use super::{Context, label, say};
use crate::document::model::DocumentKind;
use crate::document::render::exemptions;
use crate::template::locale;

/// The closing paragraphs, wrapped across the page.
pub(super) fn paragraphs(layout: &mut Layout<'_>, cx: &Context<'_>) {
    let Context {
        document,
        totals,
        labels,
        ..
    } = *cx;
    let date = |value| cx.date(value);
    let currency = document.currency.as_str();
    let mut closing: Vec<(String, f32, bool)> = Vec::new();
    let total_text = locale::money(totals.total, currency, cx.language);
    match document.kind {
        DocumentKind::Invoice | DocumentKind::DebitNote => {
            if let Some(due) = document.due {
                closing.push((
                    say(
                        labels,
                        "pay",
                        &[("amount", &total_text), ("due", &date(due))],
                    ),
                    10.0,
                    false,
                ));
            }
            if let Some(iban) = &document.payment.iban {
                closing.push((
                    say(labels, "pay_to", &[("iban", &locale::iban(iban))]),
                    10.0,
                    false,
                ));
            }
            if let Some(bic) = &document.payment.bic {
                closing.push((say(labels, "bic", &[("bic", bic)]), 10.0, false));
            }
            if let Some(communication) = &document.payment.communication {
                closing.push((
                    say(labels, "communication", &[("communication", communication)]),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::CreditNote => {
            if let Some(reference) = &document.reference {
                closing.push((
                    say(
                        labels,
                        "credited",
                        &[("reference", reference), ("amount", &total_text)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
        DocumentKind::Quote => {
            if let Some(valid) = document.valid_until {
                closing.push((say(labels, "valid", &[("date", &date(valid))]), 10.0, false));
            }
            if let (Some(day), Some(invoice)) = (document.accepted, &document.invoice) {
                closing.push((
                    say(
                        labels,
                        "accepted",
                        &[("date", &date(day)), ("invoice", invoice)],
                    ),
                    10.0,
                    false,
                ));
            }
        }
    }
    for text in exemptions(document, labels).unwrap_or_default() {
        closing.push((text, 10.0, false));
    }
    if !document.notes.is_empty() {
        closing.push((String::new(), 6.0, false));
        closing.push((label(labels, "notes"), 10.0, true));
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
