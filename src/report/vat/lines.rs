//! The VAT of a period entry part by entry part, converted into one currency: what a country's
//! return ([`super::grid`]) and the sales listings ([`super::listing`]) classify. Unlike the VAT
//! table, nothing here is summed yet: a return needs to know, for each part, who the counterpart
//! is, where they are and whether the entry is a note.
//!
//! An entry in a currency the [`Rates`] cannot convert is left out whole and counted per side and
//! currency ([`Unconverted`]); an entry whose VAT is unknown is counted as the VAT table counts it
//! ([`UnknownVat`]). Neither is ever guessed.

use super::{Period, Rates, UnknownVat, add_unknown, entries_text, side_rank};
use crate::book::Book;
use crate::book::contact::Contact;
use crate::error::Result;
use crate::journal::{EntryIndex, Kind, Side};
use crate::ledger::vat::{DocumentVats, EntryVat, entry_vat};
use crate::money::{Currency, exact_add, format_amount};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One VAT category and rate of one entry, in the lines' currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatLine {
    /// The entry, an index into [`Book::entries`].
    pub entry: EntryIndex,
    /// The entry's contact, an index into [`Book::contacts`].
    pub contact: u32,
    /// Invoice, credit note, bill or debit note.
    pub kind: Kind,
    /// The UNCL5305 category; `None` for a part written as `net:` / `tax:` alone.
    pub category: Option<String>,
    /// The rate in percent, when known.
    pub rate: Option<Decimal>,
    /// The taxable amount, in the entry's own sense (a note's net is positive).
    pub net: Decimal,
    /// The VAT, in the entry's own sense.
    pub vat: Decimal,
}

impl VatLine {
    /// True for credit notes (issued) and debit notes (a supplier's credit note, received).
    pub fn is_note(&self) -> bool {
        matches!(self.kind, Kind::Credit | Kind::Debit)
    }

    /// Sales (receivables) or purchases (payables).
    pub fn side(&self) -> Side {
        self.kind.side()
    }

    /// The category, `""` when not known.
    pub fn category(&self) -> &str {
        self.category.as_deref().unwrap_or("")
    }
}

/// Entries with a known VAT in a currency that has no rate, per side and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconverted {
    /// Sales or purchases.
    pub side: Side,
    /// Their currency.
    pub currency: Currency,
    /// How many entries.
    pub entries: u64,
    /// Their gross amount, notes subtracted.
    pub gross: Decimal,
}

impl Unconverted {
    /// `1 sales entry in USD (200.00 USD gross) left out: no rate to EUR (--rate USD=...)`.
    pub fn note(&self, target: Currency) -> String {
        let code = self.currency.as_str();
        format!(
            "{} in {code} ({} {code} gross) left out: no rate to {} (--rate {code}=...)",
            entries_text(self.side, self.entries),
            format_amount(self.gross),
            target.as_str(),
        )
    }
}

/// The parts of a period's entries, in one currency, and what could not be counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatLines {
    /// The currency of every line.
    pub currency: Currency,
    /// In journal order, an entry's parts in their order.
    pub lines: Vec<VatLine>,
    /// Entries without VAT information, per side and currency.
    pub unknown: Vec<UnknownVat>,
    /// Entries in a currency without a rate, per side and currency.
    pub unconverted: Vec<Unconverted>,
}

impl VatLines {
    /// One note per kind of entry left out.
    pub fn notes(&self) -> Vec<String> {
        self.notes_of(&[Side::Receivables, Side::Payables])
    }

    /// The notes of the entries of `sides` only (a sales listing does not care about bills).
    pub fn notes_of(&self, sides: &[Side]) -> Vec<String> {
        let unknown = self
            .unknown
            .iter()
            .filter(|item| sides.contains(&item.side))
            .map(UnknownVat::note);
        let unconverted = self
            .unconverted
            .iter()
            .filter(|item| sides.contains(&item.side))
            .map(|item| item.note(self.currency));
        unknown.chain(unconverted).collect()
    }
}

/// The VAT parts of the entries of `book` dated in `period`, in `currency`: the entries in it as
/// they are, the others converted by `rates` (per part, rounded half-up to cents), or counted
/// apart when `rates` has no rate for theirs.
pub fn vat_lines(
    book: &Book,
    documents: &DocumentVats,
    period: Period,
    currency: Currency,
    rates: &Rates,
) -> Result<VatLines> {
    let mut lines = Vec::new();
    let mut unknown = BTreeMap::new();
    let mut unconverted: BTreeMap<(u8, Currency), Unconverted> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if !period.contains(entry.date) {
            continue;
        }
        let parts = match entry_vat(book, entry, documents) {
            EntryVat::NotSupply => continue,
            EntryVat::Unknown => {
                add_unknown(&mut unknown, entry)?;
                continue;
            }
            EntryVat::Known { parts, .. } => parts,
        };
        let convert = |amount| match entry.currency == currency {
            true => Ok(Some(amount)),
            false => rates.convert(entry.currency, amount, entry.date),
        };
        let mut converted = Vec::with_capacity(parts.len());
        for part in parts {
            match (convert(part.net)?, convert(part.vat)?) {
                (Some(net), Some(vat)) => converted.push(VatLine {
                    entry: index as EntryIndex,
                    contact: entry.contact,
                    kind: entry.kind,
                    category: part.category,
                    rate: part.rate.map(|rate| rate.normalize()),
                    net,
                    vat,
                }),
                _ => {
                    let side = entry.kind.side();
                    let item = unconverted
                        .entry((side_rank(side), entry.currency))
                        .or_insert(Unconverted {
                            side,
                            currency: entry.currency,
                            entries: 0,
                            gross: Decimal::ZERO,
                        });
                    item.entries += 1;
                    item.gross = exact_add(item.gross, entry.signed_amount())
                        .ok_or_else(|| super::overflow(entry.currency))?;
                    converted.clear();
                    break;
                }
            }
        }
        lines.extend(converted);
    }
    Ok(VatLines {
        currency,
        lines,
        unknown: unknown.into_values().collect(),
        unconverted: unconverted.into_values().collect(),
    })
}

/// The contact's country: its address's, else the prefix of its VAT number (`EL` is Greece, `GR`;
/// `XI`, Northern Ireland, is `GB`); `None` when neither says.
pub fn contact_country(contact: &Contact) -> Option<String> {
    if let Some(country) = &contact.address.country {
        return Some(country.clone());
    }
    let number = crate::identifiers::vat::compact(contact.vat.as_deref()?);
    let prefix = number.get(..2)?;
    let country = match prefix {
        "EL" => "GR",
        "XI" => "GB",
        other => other,
    };
    crate::identifiers::check_country(country)
        .is_ok()
        .then(|| country.to_string())
}

/// The contact's VAT number as listings print it: compact, with its country prefix (`BE0403170701`,
/// `EL094259216`); the prefix of the contact's country is put in front of a number written without
/// one. `None` when the contact has no VAT number.
pub fn listed_vat_number(contact: &Contact) -> Option<String> {
    let number = crate::identifiers::vat::compact(contact.vat.as_deref()?);
    if number.is_empty() {
        return None;
    }
    let lettered = number.bytes().take(2).all(|b| b.is_ascii_uppercase()) && number.len() > 2;
    if lettered {
        return Some(number);
    }
    let prefix = match contact_country(contact).as_deref() {
        Some("GR") => "EL".to_string(),
        Some(country) => country.to_string(),
        None => return Some(number),
    };
    Some(crate::identifiers::vat::compact(&format!(
        "{prefix}{number}"
    )))
}
