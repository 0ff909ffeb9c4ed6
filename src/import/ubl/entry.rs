//! A received document as a journal entry: its kind and amount from the sign of what is payable,
//! its id from the supplier's number, and the net amount and VAT breakdown as metadata.

use super::parse::{Received, VatBreakdown};
use crate::journal::Kind;
use crate::money::format_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The longest id folio makes from a supplier's document number.
const MAX_ID: usize = 100;

/// The longest memo folio writes for a received document.
const MAX_MEMO: usize = 200;

/// What a document becomes in the journal (the id, contact and kept file aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapped {
    /// `bill` (we owe more) or `debit` (the supplier's credit to us).
    pub(crate) kind: Kind,
    /// The payable amount, positive.
    pub(crate) amount: Decimal,
    /// The due date, on a bill that gives one.
    pub(crate) due: Option<NaiveDate>,
    /// `net:`, `base-CAT-RATE:`, `vat-CAT-RATE:`, `prepaid:`, `rounding:`, in that order.
    pub(crate) meta: Vec<(String, String)>,
    /// The payment terms of a bill, and the supplier's number when the id had to differ from it.
    pub(crate) memo: Option<String>,
}

/// The entry of a document, or `None` when nothing is payable (an entry's amount is never 0).
///
/// An invoice with a positive amount due is a `bill`; a credit note, or an invoice whose amount
/// due is negative, is a `debit` (and a negative credit note a `bill`). The metadata amounts are
/// signed as the entry is: on a `debit` they are what the supplier credits.
pub(crate) fn map(received: &Received, id: &str) -> Option<Mapped> {
    let totals = &received.totals;
    if totals.payable.is_zero() {
        return None;
    }
    let document_sign = if received.credit_note {
        Decimal::NEGATIVE_ONE
    } else {
        Decimal::ONE
    };
    let owed_more = (totals.payable * document_sign).is_sign_positive();
    let kind = if owed_more { Kind::Bill } else { Kind::Debit };
    let sign = if owed_more {
        document_sign
    } else {
        -document_sign
    };
    let signed = |amount: Decimal| format_amount(amount * sign);
    let mut meta = vec![("net".to_string(), signed(totals.net))];
    for (key, breakdown) in vat_keys(&received.vat) {
        meta.push((format!("base-{key}"), signed(breakdown.taxable)));
        meta.push((format!("vat-{key}"), signed(breakdown.vat)));
    }
    if !totals.prepaid.is_zero() {
        meta.push(("prepaid".into(), signed(totals.prepaid)));
    }
    if !totals.rounding.is_zero() {
        meta.push(("rounding".into(), signed(totals.rounding)));
    }
    let mut memo: Vec<String> = Vec::new();
    if id != received.number {
        memo.push(format!("supplier's number {}", received.number));
    }
    if let Some(terms) = received.terms.as_ref().filter(|_| kind == Kind::Bill) {
        memo.push(format!("terms: {terms}"));
    }
    let memo = memo.join("; ");
    Some(Mapped {
        kind,
        amount: totals.payable.abs(),
        due: received.due_date.filter(|_| kind.takes_due()),
        meta,
        memo: (!memo.is_empty()).then(|| memo.chars().take(MAX_MEMO).collect()),
    })
}

/// The VAT breakdowns by key `CATEGORY-RATE` (`S-21`, `S-5.5`, `Z-0`; `O` without a rate),
/// those with the same key added together.
fn vat_keys(breakdown: &[VatBreakdown]) -> Vec<(String, VatBreakdown)> {
    let mut keyed: Vec<(String, VatBreakdown)> = Vec::new();
    for b in breakdown {
        let category: String = b
            .category
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let key = match b.rate {
            Some(rate) => format!("{category}-{}", rate.normalize()),
            None => category,
        };
        match keyed.iter_mut().find(|(k, _)| *k == key) {
            Some((_, sum)) => {
                sum.taxable += b.taxable;
                sum.vat += b.vat;
            }
            None => keyed.push((key, b.clone())),
        }
    }
    keyed
}

/// The document id a supplier's number gives: the number, with every character a journal id
/// does not allow turned into `-`, starting at its first letter or digit, at most 100
/// characters. `None` when it has no letter or digit.
pub(crate) fn base_id(number: &str) -> Option<String> {
    let mapped: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-') {
                c
            } else {
                '-'
            }
        })
        .skip_while(|c| !c.is_ascii_alphanumeric())
        .take(MAX_ID)
        .collect();
    (!mapped.is_empty()).then_some(mapped)
}

/// The `n`-th id to try for a document whose number gives `base`: `base`, `base-2`, ...
pub(crate) fn candidate(base: &str, n: u32) -> String {
    match n {
        1 => base.to_string(),
        n => format!("{base}-{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_with_spaces_or_symbols_becomes_a_journal_id() {
        assert_eq!(base_id("INV 2026/17").as_deref(), Some("INV-2026/17"));
        assert_eq!(base_id("#42").as_deref(), Some("42"));
        assert_eq!(base_id("Facture n°7").as_deref(), Some("Facture-n-7"));
        assert_eq!(base_id("--"), None);
        for number in ["INV 2026/17", "#42", "Facture n°7", "ü1"] {
            let id = base_id(number).expect("an id");
            assert!(
                crate::journal::parser::check_document_id(&id).is_ok(),
                "{id}"
            );
        }
    }

    #[test]
    fn same_category_and_rate_are_one_key() {
        let b = |category: &str, rate: Option<&str>, vat: &str| VatBreakdown {
            category: category.into(),
            rate: rate.map(|r| r.parse().expect("a rate")),
            taxable: Decimal::ONE_HUNDRED,
            vat: vat.parse().expect("an amount"),
        };
        let keys = vat_keys(&[
            b("S", Some("21.00"), "21"),
            b("S", Some("21"), "21"),
            b("S", Some("5.5"), "5.5"),
            b("O", None, "0"),
        ]);
        let found: Vec<(&str, String)> = keys
            .iter()
            .map(|(k, b)| (k.as_str(), b.vat.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("S-21", "42".to_string()),
                ("S-5.5", "5.5".to_string()),
                ("O", "0".to_string())
            ]
        );
    }
}
