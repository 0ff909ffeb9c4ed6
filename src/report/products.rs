//! Sales by product: `folio report products`, and what each customer bought, for the segment
//! names on products (`products`, `families`, `product_revenue`) and the class by main family.
//! docs/products.md.
//!
//! A sale is a line of an invoice or credit note dated in the window, at its net after line and
//! document discount ([`ProductSales`]), so the nets of a currency add up to the net totals of
//! its documents exactly. A credit note's lines count negative. An invoice or credit note
//! recorded without a document counts under `other` at its net of VAT
//! ([`crate::ledger::revenue::net_revenue`]), without quantity, so that the report's total is the
//! net sales of the window. Supplier bills and debit notes are payables: never sales.

use super::metrics::ratio;
use crate::book::Book;
use crate::book::products::Catalogue;
use crate::error::{Error, Result};
use crate::journal::{Entry, Kind};
use crate::ledger::revenue::net_revenue;
use crate::ledger::sales::ProductSales;
use crate::ledger::vat::DocumentVats;
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The row of lines without a product code (or, by family, without a family).
pub const OTHER: &str = "other";

/// What the rows group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The product code of the line.
    Product,
    /// The catalogue family of the line's product.
    Family,
}

impl GroupBy {
    /// The key of the group column: `product` or `family`.
    pub fn key(self) -> &'static str {
        match self {
            GroupBy::Product => "product",
            GroupBy::Family => "family",
        }
    }
}

/// One product (or family) in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRow {
    /// The product code, the family, or [`OTHER`].
    pub group: String,
    /// The product's name in the catalogue (the book's language), if it is there.
    pub name: Option<String>,
    /// Currency.
    pub currency: Currency,
    /// Quantity sold minus quantity credited.
    pub quantity: Decimal,
    /// Net sold minus net credited, after discounts, VAT excluded.
    pub net: Decimal,
    /// Customers whose net quantity or net amount here is above zero.
    pub customers: usize,
    /// net / the currency's net total, 4 decimals.
    pub share: Option<Decimal>,
}

/// The totals of one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductTotal {
    /// Currency.
    pub currency: Currency,
    /// Net sales of the currency: the net totals of its invoices minus its credit notes.
    pub net: Decimal,
    /// Customers with a sale counted in the currency.
    pub customers: usize,
}

/// `folio report products`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductReport {
    /// What the rows group by.
    pub by: GroupBy,
    /// By currency, then net (highest first), then name; `other` last in its currency.
    pub rows: Vec<ProductRow>,
    /// One per currency.
    pub totals: Vec<ProductTotal>,
}

/// One sale as the report and the customer figures count it, signed.
struct Sale<'a> {
    product: Option<&'a str>,
    quantity: Decimal,
    net: Decimal,
}

/// The sales of one invoice or credit note, signed (credit notes negative): its document's
/// lines, else one sale under no product at the entry's net.
fn sales_of<'a>(
    book: &Book,
    sales: &'a ProductSales,
    index: usize,
    entry: &Entry,
) -> Option<Vec<Sale<'a>>> {
    let sign = match entry.kind {
        Kind::Invoice => Decimal::ONE,
        Kind::Credit => Decimal::NEGATIVE_ONE,
        _ => return None,
    };
    Some(match sales.lines(index) {
        Some(lines) => lines
            .iter()
            .map(|line| Sale {
                product: sales.code(line),
                quantity: sign * line.quantity,
                net: sign * line.net,
            })
            .collect(),
        None => vec![Sale {
            product: None,
            quantity: Decimal::ZERO,
            net: sign * net_revenue(book, entry, &DocumentVats::new()).amount,
        }],
    })
}

/// The group of a sale: its code, or its catalogue family; [`OTHER`] without one.
fn group_of(book: &Book, by: GroupBy, product: Option<&str>) -> String {
    let group = match by {
        GroupBy::Product => product,
        GroupBy::Family => product.and_then(|code| book.products.family_of(code)),
    };
    group.unwrap_or(OTHER).to_string()
}

fn too_large(what: &str) -> Error {
    Error::InvalidData(format!(
        "the {what} sold is too large to add up: more than a decimal can hold"
    ))
}

/// One group's sums, with each customer's.
#[derive(Default)]
struct Sums {
    quantity: Decimal,
    net: Decimal,
    customers: BTreeMap<u32, (Decimal, Decimal)>,
}

impl Sums {
    fn add(&mut self, contact: u32, quantity: Decimal, net: Decimal) -> Result<()> {
        let add = |a: Decimal, b: Decimal, what| a.checked_add(b).ok_or_else(|| too_large(what));
        self.quantity = add(self.quantity, quantity, "quantity")?;
        self.net = add(self.net, net, "amount")?;
        let customer = self.customers.entry(contact).or_default();
        customer.0 = add(customer.0, quantity, "quantity")?;
        customer.1 = add(customer.1, net, "amount")?;
        Ok(())
    }

    fn buyers(&self) -> impl Iterator<Item = u32> + '_ {
        self.customers
            .iter()
            .filter(|(_, (quantity, net))| *quantity > Decimal::ZERO || *net > Decimal::ZERO)
            .map(|(contact, _)| *contact)
    }
}

/// Net quantity and amount per product (or family) and currency of the invoices and credit
/// notes dated from `from` to `to` (both included); only `contact`'s when given. Archived
/// contacts count: their sales happened.
pub fn products(
    book: &Book,
    sales: &ProductSales,
    (from, to): (Option<NaiveDate>, NaiveDate),
    contact: Option<u32>,
    by: GroupBy,
) -> Result<ProductReport> {
    let mut sums: BTreeMap<(Currency, String), Sums> = BTreeMap::new();
    for (index, entry) in book.entries.iter().enumerate() {
        if entry.date > to
            || from.is_some_and(|from| entry.date < from)
            || contact.is_some_and(|c| c != entry.contact)
        {
            continue;
        }
        for sale in sales_of(book, sales, index, entry).into_iter().flatten() {
            let group = group_of(book, by, sale.product);
            sums.entry((entry.currency, group)).or_default().add(
                entry.contact,
                sale.quantity,
                sale.net,
            )?;
        }
    }
    Ok(report_of(book, by, sums))
}

fn report_of(book: &Book, by: GroupBy, sums: BTreeMap<(Currency, String), Sums>) -> ProductReport {
    let mut by_currency: BTreeMap<Currency, Vec<(String, Sums)>> = BTreeMap::new();
    for ((currency, group), sum) in sums {
        by_currency.entry(currency).or_default().push((group, sum));
    }
    let language = book.config.default_language();
    let mut rows = Vec::new();
    let mut totals = Vec::new();
    for (currency, mut groups) in by_currency {
        groups.sort_by(|a, b| {
            (a.0 == OTHER)
                .cmp(&(b.0 == OTHER))
                .then(b.1.net.cmp(&a.1.net))
                .then_with(|| a.0.cmp(&b.0))
        });
        // Every net is at most its entry's amount, whose sum the loader bounds.
        let total: Decimal = groups.iter().map(|(_, sum)| sum.net).sum();
        let mut everyone: Vec<u32> = groups.iter().flat_map(|(_, sum)| sum.buyers()).collect();
        everyone.sort_unstable();
        everyone.dedup();
        totals.push(ProductTotal {
            currency,
            net: total,
            customers: everyone.len(),
        });
        for (group, sum) in groups {
            let name = match by {
                GroupBy::Product if group != OTHER => book
                    .products
                    .get(&group)
                    .map(|product| product.name_in(&language, "en").to_string()),
                _ => None,
            };
            rows.push(ProductRow {
                name,
                currency,
                quantity: sum.quantity,
                net: sum.net,
                customers: sum.buyers().count(),
                share: ratio(sum.net, total, 4),
                group,
            });
        }
    }
    ProductReport { by, rows, totals }
}

impl ProductReport {
    /// Whether the rows have a name column: products have names in the catalogue, families
    /// are only their key.
    fn named(&self) -> bool {
        self.by == GroupBy::Product
    }

    /// `cells` without the name (the second) when the rows have none.
    fn shown<'c>(&self, mut cells: Vec<Cell<'c>>) -> Vec<Cell<'c>> {
        if !self.named() {
            cells.remove(1);
        }
        cells
    }
}

impl Tabular for ProductReport {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::text(self.by.key())];
        if self.named() {
            columns.push(Column::prose("name").priority(2));
        }
        columns.extend([
            Column::text("currency"),
            Column::amount("quantity"),
            Column::money("net"),
            Column::amount("customers").priority(1),
            Column::amount("share").priority(1),
        ]);
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                self.shown(vec![
                    Cell::from(row.group.clone()),
                    Cell::from(row.name.as_deref()),
                    Cell::from(row.currency.to_string()),
                    Cell::Decimal(row.quantity.normalize()),
                    Cell::Amount(row.net),
                    Cell::Integer(row.customers as i64),
                    row.share.map_or(Cell::Null, Cell::Decimal),
                ])
            })
            .collect()
    }

    fn totals(&self) -> Vec<Vec<Cell<'_>>> {
        self.totals
            .iter()
            .map(|total| {
                self.shown(vec![
                    Cell::from("Total"),
                    Cell::Null,
                    Cell::from(total.currency.to_string()),
                    Cell::Null,
                    Cell::Amount(total.net),
                    Cell::Integer(total.customers as i64),
                    Cell::Null,
                ])
            })
            .collect()
    }
}

/// What one customer bought in a window, net of credit notes, for the segment names on
/// products and the class by main family.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerProducts {
    /// The codes whose net quantity is above zero, in code order.
    pub products: Vec<String>,
    /// The families whose net quantity is above zero, in name order.
    pub families: Vec<String>,
    /// The net amount of every code sold or credited, in code order.
    pub product_revenue: Vec<(String, Decimal)>,
    /// The family with the largest net amount above zero; ties go to the first name.
    pub main_family: Option<String>,
}

/// Each contact's [`CustomerProducts`] over its invoices and credit notes in its currency
/// (`currencies`, by contact, as its metrics count them) dated after `since` (all when `None`) up
/// to `as_of`, in the book's contact order. Sums that would overflow a decimal leave the
/// contact's figures out rather than fail a report about something else.
pub fn by_customer(
    book: &Book,
    sales: &ProductSales,
    currencies: &[Option<Currency>],
    since: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<CustomerProducts> {
    type Bought<'a> = BTreeMap<&'a str, (Decimal, Decimal)>;
    if sales.is_empty() {
        return vec![CustomerProducts::default(); book.contacts.len()];
    }
    let mut bought: Vec<Option<Bought>> = vec![Some(BTreeMap::new()); book.contacts.len()];
    for (index, entry) in book.entries.iter().enumerate() {
        // Only lines name products: an entry without a document has nothing to add here.
        if entry.date > as_of
            || since.is_some_and(|since| entry.date <= since)
            || sales.lines(index).is_none()
            || currencies.get(entry.contact as usize) != Some(&Some(entry.currency))
        {
            continue;
        }
        let Some(slot) = bought.get_mut(entry.contact as usize) else {
            continue;
        };
        for sale in sales_of(book, sales, index, entry).into_iter().flatten() {
            let (Some(code), Some(sums)) = (sale.product, slot.as_mut()) else {
                continue;
            };
            let sum = sums.entry(code).or_default();
            match (
                sum.0.checked_add(sale.quantity),
                sum.1.checked_add(sale.net),
            ) {
                (Some(quantity), Some(net)) => *sum = (quantity, net),
                _ => *slot = None,
            }
        }
    }
    bought
        .into_iter()
        .map(|sums| {
            sums.map_or_else(CustomerProducts::default, |s| {
                customer_of(&book.products, &s)
            })
        })
        .collect()
}

fn customer_of(
    catalogue: &Catalogue,
    bought: &BTreeMap<&str, (Decimal, Decimal)>,
) -> CustomerProducts {
    let mut families: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    for (code, (quantity, net)) in bought {
        if let Some(family) = catalogue.family_of(code) {
            let sum = families.entry(family).or_default();
            sum.0 = sum.0.checked_add(*quantity).unwrap_or(Decimal::MAX);
            sum.1 = sum.1.checked_add(*net).unwrap_or(Decimal::MAX);
        }
    }
    let positive = |map: &BTreeMap<&str, (Decimal, Decimal)>| -> Vec<String> {
        map.iter()
            .filter(|(_, (quantity, _))| *quantity > Decimal::ZERO)
            .map(|(name, _)| name.to_string())
            .collect()
    };
    let main_family = families
        .iter()
        .filter(|(_, (_, net))| *net > Decimal::ZERO)
        .fold(
            None::<(&str, Decimal)>,
            |best, (name, (_, net))| match best {
                Some((_, top)) if top >= *net => best,
                _ => Some((name, *net)),
            },
        )
        .map(|(name, _)| name.to_string());
    CustomerProducts {
        products: positive(bought),
        families: positive(&families),
        product_revenue: bought
            .iter()
            .map(|(code, (_, net))| (code.to_string(), *net))
            .collect(),
        main_family,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::products::Product;

    fn product(code: &str, family: Option<&str>) -> Product {
        Product {
            code: code.into(),
            name: BTreeMap::from([("en".to_string(), code.to_string())]),
            unit: None,
            price: Decimal::ONE,
            currency: None,
            vat: Decimal::ZERO,
            vat_category: None,
            exemption: None,
            family: family.map(String::from),
            gtin: None,
            sku: None,
            active: true,
        }
    }

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_main_family_has_the_largest_net_and_ties_go_to_the_first_name() {
        let catalogue = Catalogue::new([
            product("A", Some("wood")),
            product("B", Some("metal")),
            product("C", Some("glass")),
            product("D", None),
        ]);
        let bought = BTreeMap::from([
            ("A", (d("1"), d("50"))),
            ("B", (d("2"), d("50"))),
            ("C", (d("0"), d("0"))),
            ("D", (d("5"), d("500"))),
            ("UNKNOWN", (d("1"), d("900"))),
        ]);
        let customer = customer_of(&catalogue, &bought);
        assert_eq!(customer.main_family.as_deref(), Some("metal"));
        assert_eq!(customer.families, ["metal", "wood"]);
        assert_eq!(customer.products, ["A", "B", "D", "UNKNOWN"]);
        assert_eq!(customer.product_revenue.len(), 5);
    }

    #[test]
    fn a_customer_without_a_family_or_with_nothing_left_is_not_classed() {
        let catalogue = Catalogue::new([product("A", Some("wood")), product("D", None)]);
        let returned = BTreeMap::from([("A", (d("0"), d("0"))), ("D", (d("1"), d("10")))]);
        let customer = customer_of(&catalogue, &returned);
        assert_eq!(customer.main_family, None);
        assert!(customer.families.is_empty());
        assert_eq!(customer.products, ["D"]);
    }
}
