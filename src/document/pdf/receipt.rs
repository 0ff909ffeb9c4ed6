//! A payment's receipt as a PDF: the title, the seller and the customer, the amount received
//! (and what it settles), the documents it paid with what stays open of each, and what stays on
//! account. The same words as `receipt.txt` and `receipt.html`.

use super::layout::{Align, LEFT, Layout, RIGHT};
use super::{draw, font, header, label, say};
use crate::document::receipt::Receipt;
use crate::error::{Error, Result};
use crate::template::locale;
use crate::template::texts::Texts;
use rust_decimal::Decimal;

/// The amount columns' right edges: paid (only for a payment in another currency), applied,
/// still open.
const PAID_X: f32 = RIGHT - 200.0;
const APPLIED_X: f32 = RIGHT - 100.0;

/// Typesets the receipt as a PDF in `language` with `labels` (its words).
pub(crate) fn write(receipt: &Receipt, language: &str, labels: &Texts) -> Result<Vec<u8>> {
    let title = format!("{} {}", label(labels, "receipt"), receipt.id);
    let paragraphs = closing(receipt, language, labels);
    let mut all_text = labels.all_text();
    all_text.push_str(&locale::amount(Decimal::new(-123_456_789, 2), language));
    all_text.push_str(&locale::long_date(receipt.date, language));
    for party in [&receipt.seller, &receipt.buyer] {
        all_text.push_str(&header::seller_lines(party, labels, language).join(""));
    }
    all_text.push_str(&paragraphs.join(""));
    let font_file = font::find_font(&format!(
        "{all_text}{title}{}0123456789.,-%:()·",
        receipt
            .lines
            .iter()
            .map(|line| line.document.as_str())
            .collect::<String>()
    ))?;
    let face = ttf_parser::Face::parse(&font_file.data, font_file.index)
        .map_err(|e| Error::InvalidData(format!("unreadable font: {e}")))?;
    let mut layout = Layout::new(face);
    header::title(&mut layout, &title);
    header::columns(
        &mut layout,
        [
            (
                label(labels, "seller"),
                header::seller_lines(&receipt.seller, labels, language),
            ),
            (
                label(labels, "received_from"),
                header::buyer_lines(&receipt.buyer, labels, language),
            ),
        ],
    );
    header::meta_rows(&mut layout, &meta(receipt, language, labels));
    applications(&mut layout, receipt, language, labels);
    for text in paragraphs {
        layout.paragraph(&text, 10.0, false);
    }
    if let Some(legal) = &receipt.seller.legal {
        layout.paragraph("", 10.0, false);
        layout.paragraph(legal, 8.0, true);
    }
    draw::pdf(layout, &font_file, (language, labels), &title)
}

/// Number, date, amount received and what it settles.
fn meta(receipt: &Receipt, language: &str, labels: &Texts) -> Vec<(String, String)> {
    let mut rows = vec![
        (label(labels, "number"), receipt.id.clone()),
        (
            label(labels, "date"),
            locale::long_date(receipt.date, language),
        ),
        (
            label(labels, "received"),
            locale::money(receipt.amount, receipt.currency.as_str(), language),
        ),
    ];
    if let Some((amount, currency)) = receipt.settles {
        rows.push((
            label(labels, "settles"),
            locale::money(amount, currency.as_str(), language),
        ));
    }
    rows
}

/// The documents paid, one per line, then what stays on account.
fn applications(layout: &mut Layout<'_>, receipt: &Receipt, language: &str, labels: &Texts) {
    let amount = |value| locale::amount(value, language);
    let heading = |layout: &mut Layout<'_>| {
        layout.text(LEFT, 8.5, true, Align::Left, &label(labels, "applied_to"));
        if receipt.settles.is_some() {
            let paid = say(labels, "paid", &[("currency", receipt.currency.as_str())]);
            layout.text(PAID_X, 8.5, true, Align::Right, &paid);
        }
        layout.text(
            APPLIED_X,
            8.5,
            true,
            Align::Right,
            &label(labels, "applied"),
        );
        layout.text(RIGHT, 8.5, true, Align::Right, &label(labels, "open_after"));
        layout.y += 5.0;
        layout.rule(0.8);
        layout.y += 13.0;
    };
    heading(layout);
    for line in &receipt.lines {
        if layout.y + 20.0 > super::layout::BOTTOM {
            layout.room(60.0);
            heading(layout);
        }
        layout.text(LEFT, 9.5, false, Align::Left, &line.document);
        if let Some(paid) = line.paid {
            layout.text(PAID_X, 9.5, false, Align::Right, &amount(paid));
        }
        layout.text(APPLIED_X, 9.5, false, Align::Right, &amount(line.applied));
        layout.text(RIGHT, 9.5, false, Align::Right, &amount(line.open));
        layout.y += 4.0;
        layout.rule(0.3);
        layout.y += 13.0;
    }
    layout.room(40.0);
    layout.y += 3.0;
    let on_account = locale::money(
        receipt.on_account,
        receipt.settled_currency().as_str(),
        language,
    );
    layout.text(
        APPLIED_X - 110.0,
        11.0,
        false,
        Align::Right,
        &label(labels, "on_account"),
    );
    layout.text(APPLIED_X, 11.0, false, Align::Right, &on_account);
    layout.y += 28.0;
}

/// The closing sentences: thanks for the amount, what it settles, what stays on account.
fn closing(receipt: &Receipt, language: &str, labels: &Texts) -> Vec<String> {
    let paid = locale::money(receipt.amount, receipt.currency.as_str(), language);
    let mut paragraphs = vec![say(
        labels,
        "receipt_thanks",
        &[
            ("amount", &paid),
            ("date", &locale::long_date(receipt.date, language)),
        ],
    )];
    if let Some((amount, currency)) = receipt.settles {
        let settled = locale::money(amount, currency.as_str(), language);
        paragraphs.push(say(
            labels,
            "receipt_settles",
            &[("paid", &paid), ("settled", &settled)],
        ));
    }
    if receipt.on_account > Decimal::ZERO {
        let on_account = locale::money(
            receipt.on_account,
            receipt.settled_currency().as_str(),
            language,
        );
        paragraphs.push(say(
            labels,
            "receipt_on_account",
            &[("amount", &on_account)],
        ));
    }
    paragraphs
}
