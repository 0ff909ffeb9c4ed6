//! The sales listings: the EC sales list (`folio vat listing --intra`: intra-community supplies of
//! goods and services per customer in another EU country) and the Belgian annual listing of
//! customers with a Belgian VAT number (`folio vat listing --be`).
//!
//! Both are made from the same converted VAT lines as the returns ([`super::lines`]); credit
//! notes count against the invoices, in the period they are dated in.

use super::lines::{VatLine, VatLines, contact_country, listed_vat_number, vat_lines};
use super::{Period, Rates};
use crate::book::Book;
use crate::error::{Error, Result};
use crate::identifiers::codes::is_eu;
use crate::journal::Side;
use crate::ledger::vat::DocumentVats;
use crate::money::{Currency, exact_add, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The least net turnover, in euros, of a customer in the Belgian annual listing.
pub const BELGIAN_LISTING_THRESHOLD: Decimal = Decimal::from_parts(25000, 0, 0, false, 2);

/// One customer of the EC sales list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntraRow {
    /// The contact's id.
    pub contact: String,
    /// The contact's name.
    pub name: String,
    /// The VAT number with its country prefix.
    pub vat_number: String,
    /// The customer's country (ISO 3166-1).
    pub country: String,
    /// Intra-community supplies of goods (category K), credit notes subtracted.
    pub goods: Decimal,
    /// Services in reverse charge (category AE), credit notes subtracted.
    pub services: Decimal,
}

/// The EC sales list of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntraListing {
    /// One row per customer, by contact id.
    pub rows: Vec<IntraRow>,
    /// The listing's currency.
    pub currency: Currency,
    /// What was left out.
    pub notes: Vec<String>,
}

/// One customer of the Belgian annual listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BelgianRow {
    /// The contact's id.
    pub contact: String,
    /// The contact's name.
    pub name: String,
    /// The VAT number, `BE` and ten digits.
    pub vat_number: String,
    /// Net turnover of the year, credit notes subtracted.
    pub turnover: Decimal,
    /// The VAT charged on it.
    pub vat: Decimal,
}

/// The Belgian annual customer listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BelgianListing {
    /// One row per customer at or above the threshold, by contact id.
    pub rows: Vec<BelgianRow>,
    /// What was left out.
    pub notes: Vec<String>,
}

fn beyond() -> Error {
    Error::InvalidData("a listing's total is beyond the range folio holds exactly".into())
}

fn add(total: &mut Decimal, line: &VatLine, amount: Decimal) -> Result<()> {
    *total = exact_add(*total, line.kind.signed(amount)).ok_or_else(beyond)?;
    Ok(())
}

fn sales(lines: &VatLines) -> impl Iterator<Item = &VatLine> {
    lines
        .lines
        .iter()
        .filter(|line| line.side() == Side::Receivables)
}

/// The EC sales list of `period` in `currency`: per customer in an EU country other than the
/// company's (`[company.address] country`), its VAT number and the net of its K and AE parts.
pub fn intra_listing(
    book: &Book,
    documents: &DocumentVats,
    period: Period,
    currency: Currency,
    rates: &Rates,
) -> Result<IntraListing> {
    let lines = vat_lines(book, documents, period, currency, rates)?;
    let home = book.config.company.address.country.as_deref();
    let mut rows: BTreeMap<u32, IntraRow> = BTreeMap::new();
    let mut unlisted: BTreeMap<&str, Decimal> = BTreeMap::new();
    for line in sales(&lines).filter(|line| matches!(line.category(), "K" | "AE")) {
        let contact = &book.contacts[line.contact as usize];
        let country = contact_country(contact);
        let abroad = country
            .as_deref()
            .is_some_and(|c| is_eu(c) && Some(c) != home);
        let (country, number) = match (country, listed_vat_number(contact)) {
            (Some(country), Some(number)) if abroad => (country, number),
            // Customers the list should hold but cannot: noted.
            (country, None) if abroad || country.is_none() => {
                add(
                    unlisted.entry(contact.id.as_str()).or_default(),
                    line,
                    line.net,
                )?;
                continue;
            }
            // A reverse charge to a customer at home or outside the EU is not intra-community.
            _ => continue,
        };
        let row = rows.entry(line.contact).or_insert_with(|| IntraRow {
            contact: contact.id.clone(),
            name: contact.name.clone(),
            vat_number: number,
            country,
            goods: Decimal::ZERO,
            services: Decimal::ZERO,
        });
        let total = match line.category() {
            "K" => &mut row.goods,
            _ => &mut row.services,
        };
        add(total, line, line.net)?;
    }
    let mut notes = lines.notes_of(&[Side::Receivables]);
    for (contact, net) in unlisted {
        notes.push(format!(
            "{contact} has intra-community supplies ({} {} net) but no VAT number: not listed",
            format_amount(net),
            currency.as_str()
        ));
    }
    let mut rows: Vec<IntraRow> = rows.into_values().collect();
    rows.sort_by(|a, b| a.contact.cmp(&b.contact));
    Ok(IntraListing {
        rows,
        currency,
        notes,
    })
}

/// The Belgian annual customer listing of `year`, in euros: customers whose country is Belgium,
/// with a VAT number, whose net turnover (every category but E, exempt, credit notes subtracted)
/// is at least [`BELGIAN_LISTING_THRESHOLD`].
pub fn belgian_listing(
    book: &Book,
    documents: &DocumentVats,
    year: Period,
    rates: &Rates,
) -> Result<BelgianListing> {
    let euro = Currency::parse("EUR").unwrap_or_else(|| unreachable!("EUR is a currency code"));
    let lines = vat_lines(book, documents, year, euro, rates)?;
    let mut totals: BTreeMap<u32, (Decimal, Decimal)> = BTreeMap::new();
    for line in sales(&lines).filter(|line| line.category() != "E") {
        let contact = &book.contacts[line.contact as usize];
        if contact_country(contact).as_deref() != Some("BE") {
            continue;
        }
        let (turnover, vat) = totals.entry(line.contact).or_default();
        add(turnover, line, line.net)?;
        add(vat, line, line.vat)?;
    }
    let mut rows = Vec::new();
    let mut notes = lines.notes_of(&[Side::Receivables]);
    for (index, (turnover, vat)) in totals {
        if turnover < BELGIAN_LISTING_THRESHOLD {
            continue;
        }
        let contact = &book.contacts[index as usize];
        match listed_vat_number(contact) {
            Some(vat_number) => rows.push(BelgianRow {
                contact: contact.id.clone(),
                name: contact.name.clone(),
                vat_number,
                turnover,
                vat,
            }),
            None => notes.push(format!(
                "{} has a Belgian turnover of {} EUR but no VAT number: not listed",
                contact.id,
                format_amount(turnover)
            )),
        }
    }
    rows.sort_by(|a, b| a.contact.cmp(&b.contact));
    Ok(BelgianListing { rows, notes })
}

impl IntraRow {
    /// Goods plus services.
    pub fn total(&self) -> Option<Decimal> {
        exact_add(self.goods, self.services)
    }
}

impl Tabular for IntraListing {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(1),
            Column::text("vat_number"),
            Column::text("country").priority(1),
            Column::amount("goods"),
            Column::amount("services"),
            Column::amount("total"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.as_str()),
                    Cell::from(row.name.as_str()),
                    Cell::from(row.vat_number.as_str()),
                    Cell::from(row.country.as_str()),
                    Cell::Amount(row.goods),
                    Cell::Amount(row.services),
                    row.total().map_or(Cell::Null, Cell::Amount),
                ]
            })
            .collect()
    }
}

impl Tabular for BelgianListing {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(1),
            Column::text("vat_number"),
            Column::amount("turnover"),
            Column::amount("vat"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                vec![
                    Cell::from(row.contact.as_str()),
                    Cell::from(row.name.as_str()),
                    Cell::from(row.vat_number.as_str()),
                    Cell::Amount(row.turnover),
                    Cell::Amount(row.vat),
                ]
            })
            .collect()
    }
}
