//! The document file: `documents/<ID>.toml` (invoices and credit notes) and `quotes/<ID>.toml`.
//!
//! A document holds its line items, notes, payment instructions and a snapshot of seller and
//! buyer as they were on the day it was issued, so that a later change of address never rewrites
//! an invoice already sent. Amounts are exact decimals written as strings (`"120.00"`): TOML
//! floats are binary and would lose cents.
//!
//! # The rounding rule
//!
//! * Each line: `gross = quantity × price`, rounded half-up (away from zero) to cents;
//!   `discount = gross × discount% `, rounded the same way; `net = gross − discount`.
//! * VAT is computed **per rate**, not per line: for each VAT category and rate, `vat = Σ net ×
//!   rate / 100`, rounded half-up to cents once.
//! * A document discount (`discount = "5"` at the top of the file, EN 16931 BG-20) is taken per
//!   VAT category and rate: `allowance = Σ net × discount% `, rounded half-up to cents once per
//!   group; the group's taxable amount is `Σ net − allowance`, and its VAT is computed on that.
//! * `total = Σ net − Σ allowance + Σ vat`.
//!
//! Why per rate: it is the rule of EN 16931 (BR-CO-17: the VAT of a category is its taxable
//! amount times its rate, rounded to two decimals; BR-DEC-*: two decimals everywhere), which the
//! UBL/Peppol documents folio writes are checked against, and the way most EU tax authorities
//! read an invoice. Rounding VAT per line instead lets small errors pile up (100 lines at 0.125
//! VAT each would add 0.50 of rounding), so the VAT shown would no longer be the rate applied to
//! the base shown next to it.

use crate::book::Book;
use crate::error::{Error, Result};
use crate::money::{
    Currency, MAX_INTEGER_DIGITS, exact_add, exact_mul, exact_sub, exact_sum, format_amount,
    is_usable_amount,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A sales invoice: journal kind `invoice`.
    Invoice,
    /// A credit note that cancels (part of) an invoice: journal kind `credit`.
    CreditNote,
    /// A quote: no journal line until it is accepted.
    Quote,
    /// A debit note to a customer (interest, compensation, a reminder fee): journal kind
    /// `invoice`, tagged `charge:` (docs/dunning.md, "Interest and fees").
    DebitNote,
}

impl DocumentKind {
    /// The word in document files and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit-note",
            DocumentKind::Quote => "quote",
            DocumentKind::DebitNote => "debit-note",
        }
    }

    /// An invoice or a debit note: a document that asks to be paid by its due date.
    pub fn is_payable(self) -> bool {
        matches!(self, DocumentKind::Invoice | DocumentKind::DebitNote)
    }

    /// The journal kind of the entry beside the document, if it has one.
    pub fn journal_kind(self) -> Option<crate::journal::Kind> {
        match self {
            DocumentKind::Invoice => Some(crate::journal::Kind::Invoice),
            DocumentKind::CreditNote => Some(crate::journal::Kind::Credit),
            DocumentKind::Quote => None,
            DocumentKind::DebitNote => Some(crate::journal::Kind::Invoice),
        }
    }
}

/// A seller or buyer as printed on the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Legal or trading name.
    pub name: String,
    /// VAT number with its country prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<String>,
    /// Company registration number (enterprise number, SIREN, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Region or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The person to address (the buyer's billing person, UBL BT-56), when the contact names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// Legal mentions printed at the foot of the document (legal form, capital, register).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<String>,
    /// The Peppol participant id as set in the contact or `[company]` (`0208:0403170701`);
    /// absent, it is derived from the VAT or registration number ([`Party::participant_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peppol: Option<String>,
}

impl Party {
    /// The party's Peppol electronic address: the id set (`peppol`), else the one derived from
    /// its VAT or registration number; `None` when it has none (a consumer, a buyer outside
    /// Europe), and the document then cannot travel over Peppol.
    pub(crate) fn participant_id(&self) -> Option<crate::identifiers::peppol::ParticipantId> {
        match self.peppol.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(text) => crate::identifiers::peppol::parse(text).ok(),
            None => crate::identifiers::peppol::derive(
                self.vat.as_deref(),
                self.company_id.as_deref(),
                self.country.as_deref(),
            ),
        }
    }

    /// The address as envelope lines: street; postcode and city; region; country (named in
    /// `language`).
    pub fn address_lines(&self, language: &str) -> Vec<String> {
        let address = crate::book::contact::Address {
            street: self.street.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            country: self.country.clone(),
        };
        crate::template::party::address_lines(&address, language)
    }
}

/// How to pay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// The account to pay to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Its bank's BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// What to write in the transfer: a Belgian structured communication (`+++123/4567/89002+++`)
    /// or the document id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
}

/// One line item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// What was sold.
    pub description: String,
    /// How many, more than zero.
    #[serde(with = "decimal_text")]
    pub quantity: Decimal,
    /// The unit as the reader sees it (`h`, `day`, `pcs`); mapped to a UN/ECE code in UBL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Price of one unit, before VAT.
    #[serde(with = "decimal_text")]
    pub price: Decimal,
    /// Discount in percent of the line, 0 to 100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_decimal_text"
    )]
    pub discount: Option<Decimal>,
    /// VAT rate in percent (21 for 21 %).
    #[serde(with = "decimal_text")]
    pub vat: Decimal,
    /// The VAT category (EN 16931 UNCL5305): S standard, Z zero-rated, E exempt, AE reverse
    /// charge, K intra-community, G export, O not subject. Default: S above 0 %, else E.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_category: Option<String>,
    /// Why there is no VAT, printed on the document (required when the rate is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption: Option<String>,
    /// The VATEX code of the exemption, e.g. `VATEX-EU-AE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_code: Option<String>,
    /// The catalogue code of what was sold (`products/<code>.toml`). The line's own description,
    /// unit, price and VAT are a snapshot taken when the document was issued, so a later change
    /// to the catalogue never changes it; the code is what reports group by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The product's Global Trade Item Number (`gtin` in the catalogue), part of the snapshot; in
    /// UBL the item's standard identification (BT-157, scheme 0160).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
}

/// VAT categories folio knows (UNCL5305 as used by EN 16931); the catalogue checks against it too.
pub use crate::book::products::VAT_CATEGORIES;

impl Item {
    /// The VAT category: the one written, else S above 0 %, else E (exempt).
    pub fn category(&self) -> &str {
        match self.vat_category.as_deref() {
            Some(category) => category,
            None if self.vat > Decimal::ZERO => "S",
            None => "E",
        }
    }
}

/// Exemption codes (VATEX) `--exempt` understands, with their category and default text.
pub const VATEX: &[(&str, &str, &str)] = &[
    ("VATEX-EU-AE", "AE", "Reverse charge"),
    ("VATEX-EU-IC", "K", "Intra-Community supply"),
    ("VATEX-EU-G", "G", "Export outside the EU"),
    ("VATEX-EU-O", "O", "Not subject to VAT"),
    (
        "VATEX-EU-132",
        "E",
        "Exempt based on article 132 of Council Directive 2006/112/EC",
    ),
];

/// The special scheme for small enterprises (Belgian VAT Code article 56bis/56ter, Directive
/// 2006/112/EC articles 284 to 292d), which has no VATEX code: `--exempt small-business` gives
/// category E and this text, printed as the `exempt-small-business` mention of the document's
/// language.
pub const SMALL_BUSINESS: (&str, &str) = ("small-business", "Special scheme for small enterprises");

/// A total stored in the file, for readers; folio recomputes it and `check` compares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredTotals {
    /// Sum of line net amounts.
    #[serde(
        serialize_with = "amount_serialize",
        deserialize_with = "decimal_text::deserialize"
    )]
    pub net: Decimal,
    /// The document discount, summed over the VAT groups; absent when there is none.
    #[serde(
        default,
        skip_serializing_if = "Decimal::is_zero",
        serialize_with = "amount_serialize",
        deserialize_with = "decimal_text::deserialize"
    )]
    pub allowance: Decimal,
    /// Sum of VAT.
    #[serde(
        serialize_with = "amount_serialize",
        deserialize_with = "decimal_text::deserialize"
    )]
    pub vat: Decimal,
    /// Net minus allowance plus VAT: the journal amount.
    #[serde(
        serialize_with = "amount_serialize",
        deserialize_with = "decimal_text::deserialize"
    )]
    pub total: Decimal,
}

/// A document: invoice, credit note or quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Its id, also the file stem and (invoices, credit notes) the journal line's id.
    pub id: String,
    /// Invoice, credit note or quote.
    pub kind: DocumentKind,
    /// Issue date.
    #[serde(with = "date_text")]
    pub date: NaiveDate,
    /// Due date (invoices).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_date_text"
    )]
    pub due: Option<NaiveDate>,
    /// Last day a quote can be accepted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_date_text"
    )]
    pub valid_until: Option<NaiveDate>,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The contact id of the buyer.
    pub contact: String,
    /// The language it is written in (the buyer's at issue time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Credit notes: the invoice they correct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The buyer's own reference (purchase order, cost centre): Peppol BT-10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_reference: Option<String>,
    /// The buyer's purchase order number: BT-13 (UBL `cac:OrderReference`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_reference: Option<String>,
    /// The day the goods or services were delivered: BT-72. Intra-community supplies need it
    /// (BR-IC-11); issued with the document's date unless `--delivery-date` says otherwise.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_date_text"
    )]
    pub delivery_date: Option<NaiveDate>,
    /// The country the goods were delivered to (ISO 3166-1): BT-80, required for
    /// intra-community supplies (BR-IC-12); issued with the buyer's country unless `--deliver-to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliver_to: Option<String>,
    /// Quotes: the day it was accepted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_date_text"
    )]
    pub accepted: Option<NaiveDate>,
    /// Quotes: the invoice it became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    /// Free notes printed on the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// A discount in percent of the whole document, 0 to 100 (EN 16931 BG-20, a document-level
    /// allowance), taken from each VAT category and rate.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_decimal_text"
    )]
    pub discount: Option<Decimal>,
    /// The seller, as on the day of issue.
    pub seller: Party,
    /// The buyer, as on the day of issue.
    pub buyer: Party,
    /// Payment instructions.
    #[serde(default)]
    pub payment: Payment,
    /// The line items, at least one.
    pub items: Vec<Item>,
    /// The totals as computed when it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<StoredTotals>,
}

/// The computed amounts of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAmounts {
    /// Quantity × price, rounded to cents.
    pub gross: Decimal,
    /// The discount, rounded to cents.
    pub discount: Decimal,
    /// Gross minus discount.
    pub net: Decimal,
}

/// The VAT of one category and rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatLine {
    /// The category (S, Z, E, AE, K, G, O).
    pub category: String,
    /// The rate in percent.
    pub rate: Decimal,
    /// Sum of the net amounts of the lines at this category and rate (the base of the allowance).
    pub net: Decimal,
    /// The document discount taken from this group: net × discount% / 100, rounded half-up to
    /// cents.
    pub allowance: Decimal,
    /// The taxable amount: net minus allowance.
    pub base: Decimal,
    /// The VAT: base × rate / 100, rounded half-up to cents.
    pub vat: Decimal,
    /// The exemption text of the first line of this category, if any.
    pub exemption: Option<String>,
    /// Its VATEX code, if any.
    pub exemption_code: Option<String>,
}

/// A document's totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// One per item, in order.
    pub lines: Vec<LineAmounts>,
    /// One per VAT category and rate, sorted by category then rate (highest first).
    pub breakdown: Vec<VatLine>,
    /// Sum of line net amounts (EN 16931 BT-106).
    pub net: Decimal,
    /// The document discount: sum of the allowances of the groups (BT-107).
    pub allowance: Decimal,
    /// Net minus allowance (BT-109): the amount VAT is charged on.
    pub tax_exclusive: Decimal,
    /// Sum of the VAT of every rate (BT-110).
    pub vat: Decimal,
    /// Tax exclusive plus VAT (BT-112 = BT-115).
    pub total: Decimal,
}

pub use crate::money::cents;

/// Why a document's amounts cannot be computed: the key it concerns (`items.2.quantity`) and
/// what is wrong, as [`Document::validate`] reports problems.
pub type AmountProblem = (String, String);

/// The problem of a line whose amounts folio cannot hold: `index` is 0-based.
fn line_too_large(index: usize, what: &str) -> AmountProblem {
    (
        format!("items.{index}.quantity"),
        format!(
            "item {}: {what} has more than {MAX_INTEGER_DIGITS} integer digits, more than an amount can have",
            index + 1
        ),
    )
}

/// Computes the amounts of one line, or `None` when quantity × price has more than
/// [`MAX_INTEGER_DIGITS`] integer digits (a line must fit in a journal amount).
pub fn line_amounts(item: &Item) -> Option<LineAmounts> {
    let gross = cents(exact_mul(item.quantity, item.price)?);
    if !is_usable_amount(gross) {
        return None;
    }
    // Rounded to cents: only the range matters, and below 10^18 times at most 100 it holds.
    let discount = match item.discount {
        Some(percent) => cents(gross.checked_mul(percent)? / Decimal::ONE_HUNDRED),
        None => Decimal::ZERO,
    };
    Some(LineAmounts {
        gross,
        discount,
        net: exact_sub(gross, discount)?,
    })
}

/// Computes the totals of a list of items with the rounding rule of the module documentation.
/// Refused when a line, a VAT base or the total has more than [`MAX_INTEGER_DIGITS`] integer
/// digits: the total is written to the journal, whose amounts have at most that many.
/// `discount` is the document discount in percent, if any.
pub fn totals(items: &[Item], discount: Option<Decimal>) -> Result<Totals, AmountProblem> {
    let lines = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            line_amounts(item).ok_or_else(|| line_too_large(index, "quantity × price"))
        })
        .collect::<Result<Vec<LineAmounts>, AmountProblem>>()?;
    let too_large = |what: &str| {
        (
            "items".to_string(),
            format!(
                "{what} has more than {MAX_INTEGER_DIGITS} integer digits, more than a journal amount can have"
            ),
        )
    };
    let mut breakdown: Vec<VatLine> = Vec::new();
    for (item, line) in items.iter().zip(&lines) {
        let category = item.category();
        match breakdown
            .iter_mut()
            .find(|v| v.category == category && v.rate == item.vat)
        {
            Some(vat) => {
                vat.net = exact_add(vat.net, line.net).ok_or_else(|| too_large("the net total"))?;
                if vat.exemption.is_none() {
                    vat.exemption.clone_from(&item.exemption);
                }
                if vat.exemption_code.is_none() {
                    vat.exemption_code.clone_from(&item.exemption_code);
                }
            }
            None => breakdown.push(VatLine {
                category: category.to_string(),
                rate: item.vat,
                net: line.net,
                allowance: Decimal::ZERO,
                base: line.net,
                vat: Decimal::ZERO,
                exemption: item.exemption.clone(),
                exemption_code: item.exemption_code.clone(),
            }),
        }
    }
    for vat in &mut breakdown {
        // Below 10^18 times at most 100, the product holds.
        vat.allowance = match discount {
            Some(percent) => cents(
                vat.net
                    .checked_mul(percent)
                    .ok_or_else(|| too_large("the discount"))?
                    / Decimal::ONE_HUNDRED,
            ),
            None => Decimal::ZERO,
        };
        vat.base = exact_sub(vat.net, vat.allowance).ok_or_else(|| too_large("the discount"))?;
        let taxed = vat
            .base
            .checked_mul(vat.rate)
            .ok_or_else(|| too_large("the VAT"))?;
        vat.vat = cents(taxed / Decimal::ONE_HUNDRED);
        vat.rate = vat.rate.normalize();
    }
    breakdown.sort_by(|a, b| a.category.cmp(&b.category).then(b.rate.cmp(&a.rate)));
    let net = exact_sum(lines.iter().map(|l| l.net)).ok_or_else(|| too_large("the net total"))?;
    let allowance = exact_sum(breakdown.iter().map(|v| v.allowance))
        .ok_or_else(|| too_large("the discount"))?;
    let tax_exclusive = exact_sub(net, allowance).ok_or_else(|| too_large("the discount"))?;
    let vat = exact_sum(breakdown.iter().map(|v| v.vat)).ok_or_else(|| too_large("the VAT"))?;
    let total = exact_add(tax_exclusive, vat)
        .filter(|&total| is_usable_amount(total))
        .ok_or_else(|| too_large("the total"))?;
    Ok(Totals {
        lines,
        breakdown,
        net,
        allowance,
        tax_exclusive,
        vat,
        total,
    })
}

/// The net of each line after its part of the document discount, in item order: each VAT
/// group's allowance is shared over its lines by cumulative rounding (the allowance taken up to
/// a line is the discount of the group's net up to that line, rounded half-up to cents), so the
/// lines of a group add up to its taxable amount and the lines of the document to its net total
/// (BT-109) exactly.
pub fn discounted_line_nets(
    totals: &Totals,
    items: &[Item],
    discount: Option<Decimal>,
) -> Vec<Decimal> {
    let Some(percent) = discount.filter(|p| !p.is_zero()) else {
        return totals.lines.iter().map(|line| line.net).collect();
    };
    // Per group (category, rate): the net so far and the allowance taken so far.
    let mut groups: Vec<(&str, Decimal, Decimal, Decimal)> = Vec::new();
    let mut nets = Vec::with_capacity(items.len());
    for (item, line) in items.iter().zip(&totals.lines) {
        let category = item.category();
        let index = match groups
            .iter()
            .position(|(c, rate, _, _)| *c == category && *rate == item.vat)
        {
            Some(index) => index,
            None => {
                groups.push((category, item.vat, Decimal::ZERO, Decimal::ZERO));
                groups.len() - 1
            }
        };
        let group = &mut groups[index];
        // The totals were computed, so these sums and products hold (see `totals`).
        group.2 += line.net;
        let taken = cents(group.2 * percent / Decimal::ONE_HUNDRED);
        nets.push(line.net - (taken - group.3));
        group.3 = taken;
    }
    nets
}

impl Document {
    /// Computes the totals; refused (exit 65) when they have more digits than an amount can
    /// have. A document read from its file or made by `folio invoice` was validated, so this
    /// fails only on one built some other way.
    pub fn totals(&self) -> Result<Totals> {
        totals(&self.items, self.discount)
            .map_err(|(_, message)| Error::InvalidData(format!("document {}: {message}", self.id)))
    }

    /// The file of this document, relative to the book: `documents/<id>.toml` or
    /// `quotes/<id>.toml`.
    pub fn relative_path(&self) -> std::path::PathBuf {
        super::relative_path(self.kind, &self.id)
    }

    /// The language to write it in: the one recorded, else the contact's, else the book's
    /// letter language, else English.
    pub fn language(&self, book: Option<&Book>) -> String {
        if let Some(language) = self.language.as_deref().filter(|l| !l.is_empty()) {
            return language.to_string();
        }
        book.and_then(|book| {
            let contact = book.contact_index(&self.contact)?;
            book.contacts[contact as usize]
                .language
                .clone()
                .or_else(|| Some(book.config.default_language()))
        })
        .unwrap_or_else(|| "en".to_string())
    }

    /// Writes the document as TOML, with its totals filled in.
    pub fn to_toml(&self) -> Result<String> {
        let mut document = self.clone();
        let totals = self.totals()?;
        document.totals = Some(StoredTotals {
            net: totals.net,
            allowance: totals.allowance,
            vat: totals.vat,
            total: totals.total,
        });
        let body = toml::to_string(&document)
            .map_err(|e| Error::InvalidData(format!("cannot write document {}: {e}", self.id)))?;
        let mut text = String::new();
        let what = match self.kind {
            DocumentKind::Invoice => "Invoice",
            DocumentKind::CreditNote => "Credit note",
            DocumentKind::Quote => "Quote",
            DocumentKind::DebitNote => "Debit note",
        };
        let _ = writeln!(
            text,
            "# {what} {}, written by folio. Amounts are exact decimals; `folio check` recomputes the",
            self.id
        );
        let _ = writeln!(
            text,
            "# totals (net per line, VAT per rate, half-up to cents) and compares them with the journal."
        );
        text.push_str(&body);
        Ok(text)
    }

    /// Reads a document file's text. Problems are returned as (byte offset, message).
    pub fn from_toml(text: &str) -> std::result::Result<Document, (usize, String)> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let document: Document = toml::from_str(text).map_err(|e| {
            (
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
            )
        })?;
        document
            .validate()
            .map_err(|(key, message)| (super::key_offset(text, &key).unwrap_or(0), message))?;
        Ok(document)
    }

    /// Checks what serde cannot; a problem names the key it concerns (`items.2.vat`).
    pub fn validate(&self) -> std::result::Result<(), (String, String)> {
        if Currency::parse(&self.currency).is_none() {
            return Err((
                "currency".into(),
                format!(
                    "invalid currency `{}`: expected three upper-case letters, e.g. \"EUR\"",
                    self.currency
                ),
            ));
        }
        if self.items.is_empty() {
            return Err((
                "items".into(),
                "a document needs at least one item ([[items]] with description, quantity, price and vat)".into(),
            ));
        }
        for (index, item) in self.items.iter().enumerate() {
            check_item(item).map_err(|(key, message)| {
                (
                    format!("items.{index}.{key}"),
                    format!("item {}: {message}", index + 1),
                )
            })?;
        }
        check_discount(self.discount).map_err(|message| ("discount".to_string(), message))?;
        totals(&self.items, self.discount)?;
        Ok(())
    }
}

/// Checks one item: positive quantity, price zero or more, discount and rate 0 to 100, a known
/// category consistent with the rate. A problem names the key.
pub fn check_item(item: &Item) -> std::result::Result<(), (&'static str, String)> {
    if item.description.trim().is_empty() {
        return Err(("description", "the description is empty".into()));
    }
    if item.quantity <= Decimal::ZERO {
        return Err((
            "quantity",
            format!("quantity {} must be more than zero", item.quantity),
        ));
    }
    if item.quantity.normalize().scale() > 4 || item.price.normalize().scale() > 4 {
        return Err(("price", "quantity and price have at most 4 decimals".into()));
    }
    for (key, value) in [("quantity", item.quantity), ("price", item.price)] {
        if !is_usable_amount(value) {
            return Err((
                key,
                format!(
                    "{key} {value} has more than {MAX_INTEGER_DIGITS} integer digits, more than an amount can have"
                ),
            ));
        }
    }
    if item.price < Decimal::ZERO {
        return Err((
            "price",
            format!("price {} must be zero or more", item.price),
        ));
    }
    check_discount(item.discount).map_err(|message| ("discount", message))?;
    crate::book::products::check_rate_and_category(
        item.vat,
        item.category(),
        "the exemption reason",
    )?;
    if let Some(gtin) = &item.gtin {
        crate::book::products::check_gtin(gtin).map_err(|message| ("gtin", message))?;
    }
    Ok(())
}

/// Checks a discount, of a line or of the document: a percentage from 0 to 100.
pub fn check_discount(discount: Option<Decimal>) -> std::result::Result<(), String> {
    match discount {
        Some(discount) if !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&discount) => Err(
            format!("discount {discount} must be a percentage from 0 to 100"),
        ),
        _ => Ok(()),
    }
}

/// An amount as written in documents: at least two decimals (`"1210.00"`).
pub fn amount_text(value: Decimal) -> String {
    format_amount(value)
}

/// A quantity, rate or price without trailing zeros (`"10"`, `"2.5"`, `"21"`).
pub fn plain(value: Decimal) -> String {
    let value = value.normalize();
    if value.is_zero() {
        "0".into()
    } else {
        value.to_string()
    }
}

/// Parses a decimal typed by a person or written in a file: digits, one optional `.`, an optional
/// leading `-`.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    crate::money::parse_decimal(text)
}

fn amount_serialize<S: serde::Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_amount(*value))
}

mod decimal_text {
    use super::*;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &Decimal,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decimal written as a string, e.g. \"120.00\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
                parse_decimal(text).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a decimal: expected digits with '.' for decimals, e.g. \"120.00\""
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Decimal, E> {
                Ok(Decimal::from(n))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Decimal, E> {
                Err(E::custom(format!(
                    "{n} is a float: write amounts as strings, e.g. \"{n}\", so no cent is lost"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

pub(crate) mod opt_decimal_text {
    //! An optional decimal as text or a number, for serde's `with`.
    use super::*;

    /// Writes the decimal as text.
    pub(crate) fn serialize<S: serde::Serializer>(
        value: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => s.serialize_str(&value.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads a decimal from text or a number.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        decimal_text::deserialize(d).map(Some)
    }
}

fn parse_date_value<E: de::Error>(text: &str) -> Result<NaiveDate, E> {
    crate::journal::parser::parse_date(text).map_err(|_| {
        E::custom(format!(
            "`{text}` is not a date: expected YYYY-MM-DD, e.g. 2026-01-15"
        ))
    })
}

mod date_text {
    use super::*;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &NaiveDate,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let date = toml::value::Datetime {
            date: Some(toml::value::Date {
                year: chrono::Datelike::year(value) as u16,
                month: chrono::Datelike::month(value) as u8,
                day: chrono::Datelike::day(value) as u8,
            }),
            time: None,
            offset: None,
        };
        date.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Date(toml::value::Datetime),
            Text(String),
        }
        match Either::deserialize(d)? {
            Either::Date(datetime) if datetime.time.is_none() && datetime.offset.is_none() => {
                parse_date_value(&datetime.to_string())
            }
            Either::Date(datetime) => Err(de::Error::custom(format!(
                "`{datetime}` is not a date: expected YYYY-MM-DD without a time"
            ))),
            Either::Text(text) => parse_date_value(&text),
        }
    }
}

mod opt_date_text {
    use super::*;

    pub(super) fn serialize<S: serde::Serializer>(
        value: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(date) => date_text::serialize(date, s),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        date_text::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    pub(crate) fn item(quantity: &str, price: &str, vat: &str) -> Item {
        Item {
            description: "Work".into(),
            quantity: d(quantity),
            unit: None,
            price: d(price),
            discount: None,
            vat: d(vat),
            vat_category: None,
            exemption: None,
            exemption_code: None,
            product: None,
            gtin: None,
        }
    }

    #[test]
    fn vat_is_rounded_per_rate_not_per_line() {
        // Three lines of 0.35 at 21 %: per line 0.0735 -> 0.07 each (0.21); per rate 1.05 ->
        // 0.2205 -> 0.22.
        let items = vec![item("1", "0.35", "21"); 3];
        let totals = totals(&items, None).unwrap();
        assert_eq!(totals.net, d("1.05"));
        assert_eq!(totals.vat, d("0.22"));
        assert_eq!(totals.total, d("1.27"));
        assert_eq!(totals.breakdown.len(), 1);
    }

    #[test]
    fn half_up_to_cents_and_discounts() {
        let mut line = item("3", "0.125", "6");
        assert_eq!(
            line_amounts(&line).unwrap().gross,
            d("0.38"),
            "0.375 rounds up"
        );
        line.discount = Some(d("10"));
        let amounts = line_amounts(&line).unwrap();
        assert_eq!(amounts.discount, d("0.04"));
        assert_eq!(amounts.net, d("0.34"));
    }

    #[test]
    fn breakdown_per_category_and_rate() {
        let mut exempt = item("1", "100", "0");
        exempt.exemption = Some("Article 44".into());
        let items = vec![
            item("10", "120", "21"),
            item("2", "50", "6"),
            exempt,
            item("1", "1", "21"),
        ];
        let totals = totals(&items, None).unwrap();
        let rates: Vec<(String, String, String)> = totals
            .breakdown
            .iter()
            .map(|v| (v.category.clone(), plain(v.rate), amount_text(v.vat)))
            .collect();
        assert_eq!(
            rates,
            [
                ("E".to_string(), "0".to_string(), "0.00".to_string()),
                ("S".into(), "21".into(), "252.21".into()),
                ("S".into(), "6".into(), "6.00".into()),
            ]
        );
        assert_eq!(totals.total, d("1301") + d("100") + d("258.21"));
    }

    #[test]
    fn a_document_discount_is_taken_per_vat_group_before_the_vat() {
        let mut discounted = item("10", "120.35", "21");
        discounted.discount = Some(d("10"));
        let mut exempt = item("1", "3.33", "0");
        exempt.exemption = Some("Article 132".into());
        let items = vec![discounted, item("3", "0.35", "6"), exempt];
        let totals = totals(&items, Some(d("5"))).unwrap();
        let groups: Vec<[String; 5]> = totals
            .breakdown
            .iter()
            .map(|v| {
                [v.category.clone(), plain(v.rate)]
                    .into_iter()
                    .chain([v.net, v.allowance, v.base].map(amount_text))
                    .collect::<Vec<_>>()
                    .try_into()
                    .unwrap()
            })
            .collect();
        // E: 3.33 × 5 % = 0.1665 -> 0.17; S 21: (1203.50 − 120.35) × 5 % = 54.1575 -> 54.16;
        // S 6: 1.05 × 5 % = 0.0525 -> 0.05.
        assert_eq!(
            groups,
            [
                ["E", "0", "3.33", "0.17", "3.16"].map(String::from),
                ["S", "21", "1083.15", "54.16", "1028.99"].map(String::from),
                ["S", "6", "1.05", "0.05", "1.00"].map(String::from),
            ]
        );
        // VAT on the discounted base: 1028.99 × 21 % = 216.0879 -> 216.09; 1.00 × 6 % = 0.06.
        assert_eq!(totals.breakdown[1].vat, d("216.09"));
        assert_eq!(totals.breakdown[2].vat, d("0.06"));
        assert_eq!(totals.net, d("1087.53"));
        assert_eq!(totals.allowance, d("54.38"));
        assert_eq!(totals.tax_exclusive, d("1033.15"));
        assert_eq!(totals.vat, d("216.15"));
        assert_eq!(totals.total, d("1249.30"));
    }

    #[test]
    fn line_nets_after_the_document_discount_add_up_to_the_net_total() {
        let mut discounted = item("10", "120.35", "21");
        discounted.discount = Some(d("10"));
        let mut exempt = item("1", "3.33", "0");
        exempt.exemption = Some("Article 132".into());
        let items = vec![
            item("1", "0.35", "21"),
            discounted,
            item("3", "0.35", "6"),
            exempt,
            item("1", "0.35", "21"),
        ];
        for discount in [None, Some(d("5")), Some(d("33.3")), Some(d("100"))] {
            let totals = totals(&items, discount).unwrap();
            let nets = discounted_line_nets(&totals, &items, discount);
            assert_eq!(nets.len(), items.len());
            assert_eq!(
                nets.iter().sum::<Decimal>(),
                totals.tax_exclusive,
                "{discount:?}"
            );
            for (net, line) in nets.iter().zip(&totals.lines) {
                assert!(
                    *net <= line.net && *net >= Decimal::ZERO,
                    "{net} of {line:?}"
                );
            }
        }
        let totals = totals(&items, Some(d("5"))).unwrap();
        // S 21: 0.35 × 5 % = 0.0175 -> 0.02 taken; up to the second line 1083.50 × 5 % = 54.175
        // -> 54.18, so 54.16 more.
        assert_eq!(
            discounted_line_nets(&totals, &items, Some(d("5")))[..2],
            [d("0.33"), d("1028.99")]
        );
    }

    #[test]
    fn no_document_discount_leaves_the_taxable_amount_at_the_net() {
        let items = vec![item("3", "0.35", "21")];
        for discount in [None, Some(d("0"))] {
            let totals = totals(&items, discount).unwrap();
            assert_eq!(totals.allowance, Decimal::ZERO);
            assert_eq!(totals.tax_exclusive, totals.net);
            assert_eq!(totals.breakdown[0].base, d("1.05"));
            assert_eq!(totals.total, d("1.27"));
        }
        let all = totals(&items, Some(d("100"))).unwrap();
        assert_eq!(
            (all.tax_exclusive, all.vat, all.total),
            (d("0.00"), d("0.00"), d("0.00"))
        );
    }

    #[test]
    fn a_document_discount_outside_0_to_100_is_refused_at_its_key() {
        assert!(check_discount(Some(d("100"))).is_ok());
        assert!(check_discount(Some(d("-1"))).is_err());
        let text = "id = \"INV-1\"\nkind = \"invoice\"\ndate = 2026-01-15\ncurrency = \"EUR\"\ncontact = \"acme\"\ndiscount = \"120\"\n[seller]\nname = \"S\"\n[buyer]\nname = \"B\"\n[[items]]\ndescription = \"Work\"\nquantity = \"1\"\nprice = \"10\"\nvat = \"21\"\n";
        let (offset, message) = Document::from_toml(text).unwrap_err();
        assert_eq!(&text[offset..offset + 8], "discount", "{message}");
        assert!(
            message.contains("discount 120 must be a percentage"),
            "{message}"
        );
    }

    #[test]
    fn amounts_past_18_integer_digits_are_refused_not_a_panic() {
        let huge = item("79228162514264337593543950335", "2", "21");
        assert!(check_item(&huge).is_err());
        let err = totals(&[huge], None).unwrap_err();
        assert_eq!(err.0, "items.0.quantity");
        let line = item("999999999999999999", "2", "21");
        assert!(check_item(&line).is_ok());
        let err = totals(&[item("1", "1", "21"), line], None).unwrap_err();
        assert_eq!(err.0, "items.1.quantity");
        assert!(err.1.contains("quantity × price"), "{}", err.1);
        // Each line fits; the VAT takes the total past what a journal amount holds.
        let err = totals(&[item("999999999999999", "999", "21")], None).unwrap_err();
        assert!(err.1.starts_with("the total"), "{}", err.1);
        let largest = item("999999999999999999", "1", "0");
        let mut exempt = largest.clone();
        exempt.exemption = Some("Article 44".into());
        assert!(totals(&[exempt.clone(), exempt], None).is_err());
    }

    #[test]
    fn items_are_checked() {
        assert!(check_item(&item("0", "1", "21")).is_err());
        assert!(check_item(&item("1", "-1", "21")).is_err());
        assert!(check_item(&item("1", "1", "121")).is_err());
        let mut zero_s = item("1", "1", "0");
        zero_s.vat_category = Some("S".into());
        assert!(check_item(&zero_s).is_err());
        assert!(check_item(&item("1", "0", "21")).is_ok());
    }
}
