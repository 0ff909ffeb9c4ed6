//! What an invoice or credit note counts for as revenue in the analytics (metrics, segments,
//! contribution, CLV, collection's billed, the dashboard, alerts): its net amount where folio
//! knows its VAT ([`super::vat::entry_vat`]), its amount as written (gross) where it does not,
//! and always the gross under `[analytics] revenue = "gross"`. Balances, aging, credit and
//! statements never ask: what is owed includes the VAT.
//!
//! A command builds one [`Revenue`] and hands it to every report it runs, so an entry's VAT is
//! read once per command and the rule lives here only. Refunds, payments, payouts, bills and
//! debit notes are not revenue: they count at their amount, for reports that add them beside it.

use super::sales::ProductSales;
use super::vat::{DocumentVats, entry_vat};
use crate::book::Book;
use crate::journal::{Entry, Kind};
use rayon::prelude::*;
use rust_decimal::Decimal;

/// Which amount of an invoice or credit note counts as revenue: `[analytics] revenue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RevenueBasis {
    /// Net of VAT where the VAT is known, the gross amount where it is not (the default).
    #[default]
    Net,
    /// The amount as written, VAT included: what folio counted before it knew VAT.
    Gross,
}

impl RevenueBasis {
    /// The values `[analytics] revenue` accepts.
    pub const NAMES: [&'static str; 2] = ["net", "gross"];

    /// `"net"` or `"gross"`.
    pub fn parse(text: &str) -> Option<RevenueBasis> {
        match text {
            "net" => Some(RevenueBasis::Net),
            "gross" => Some(RevenueBasis::Gross),
            _ => None,
        }
    }

    /// The name as written in folio.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            RevenueBasis::Net => "net",
            RevenueBasis::Gross => "gross",
        }
    }
}

/// What one entry counts for as revenue, in its own currency and sense (a credit note's amount
/// is positive; it counts against revenue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Its net, or its amount as written when the VAT is unknown or the basis is gross.
    pub amount: Decimal,
    /// Counted gross only because folio does not know its VAT (never under the gross basis).
    pub vat_unknown: bool,
}

/// The revenue amount of every entry of a book, under one [`RevenueBasis`].
#[derive(Debug, Clone, Default)]
pub struct Revenue {
    basis: RevenueBasis,
    /// By entry index: the net of each invoice and credit note whose VAT is known, every other
    /// entry's amount. Empty when no entry's net differs from its amount (a book without VAT
    /// information, or the gross basis): each entry then counts its amount.
    amounts: Vec<Decimal>,
    /// By entry index: an invoice or credit note whose VAT is unknown. Empty under the gross
    /// basis.
    unknown: Vec<bool>,
    /// What the documents' lines sold, for the analytics on products; empty unless given
    /// ([`Revenue::with_sales`]).
    sales: ProductSales,
}

impl Revenue {
    /// Every entry counted at its amount, VAT included.
    pub fn gross() -> Revenue {
        Revenue {
            basis: RevenueBasis::Gross,
            amounts: Vec::new(),
            unknown: Vec::new(),
            sales: ProductSales::new(),
        }
    }

    /// The revenue amounts of `book`'s entries under `basis`; `documents` holds the VAT of the
    /// issued invoices and credit notes (unused under the gross basis).
    pub fn build(book: &Book, documents: &DocumentVats, basis: RevenueBasis) -> Revenue {
        if basis == RevenueBasis::Gross {
            return Revenue::gross();
        }
        let (mut amounts, unknown): (Vec<Decimal>, Vec<bool>) = book
            .entries
            .par_iter()
            .with_min_len(4096)
            .map(|entry| {
                if !matches!(entry.kind, Kind::Invoice | Kind::Credit) {
                    return (entry.amount, false);
                }
                let counted = net_revenue(book, entry, documents);
                (counted.amount, counted.vat_unknown)
            })
            .unzip();
        let all_gross = amounts
            .par_iter()
            .zip(&book.entries)
            .all(|(amount, entry)| *amount == entry.amount);
        if all_gross {
            amounts = Vec::new();
        }
        Revenue {
            basis,
            amounts,
            unknown,
            sales: ProductSales::new(),
        }
    }

    /// The same revenue, with what the documents' lines sold: the segment names on products
    /// and the class by main family read them.
    pub fn with_sales(self, sales: ProductSales) -> Revenue {
        Revenue { sales, ..self }
    }

    /// What the documents' lines sold (empty when not given).
    pub fn sales(&self) -> &ProductSales {
        &self.sales
    }

    /// The basis it was built under.
    pub fn basis(&self) -> RevenueBasis {
        self.basis
    }

    /// What `entry`, at `index` in the book's entries, counts for as revenue.
    pub fn of(&self, index: usize, entry: &Entry) -> Counted {
        Counted {
            amount: self.amounts.get(index).copied().unwrap_or(entry.amount),
            vat_unknown: self.unknown.get(index).copied().unwrap_or(false),
        }
    }
}

/// What an invoice or credit note counts for under the net basis: its net where its VAT is
/// known (from its document in `documents`, else from its line), else its amount as written.
pub fn net_revenue(book: &Book, entry: &Entry, documents: &DocumentVats) -> Counted {
    // A net outside 0..=amount would mean negative VAT: a mistake in the line, not believed.
    // The bound also keeps every sum of nets below the loader's bound on the sum of amounts, so
    // reports add them without overflow.
    match entry_vat(book, entry, documents).totals() {
        Some((net, _)) if net >= Decimal::ZERO && net <= entry.amount => Counted {
            amount: net,
            vat_unknown: false,
        },
        _ => Counted {
            amount: entry.amount,
            vat_unknown: true,
        },
    }
}

/// How much of a revenue figure was counted gross because its entries' VAT is unknown: the
/// signed sum of their amounts (invoices add, credit notes subtract) and how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VatUnknown {
    /// Invoices minus credit notes, at their gross amounts.
    pub amount: Decimal,
    /// How many invoices and credit notes.
    pub entries: u32,
}

impl VatUnknown {
    /// Adds one entry's revenue, signed (`-amount` for a credit note), when it was counted
    /// gross for want of VAT information.
    pub fn add(&mut self, counted: Counted, signed: Decimal) {
        if counted.vat_unknown {
            self.amount += signed;
            self.entries += 1;
        }
    }

    /// Adds another figure's unknown part.
    pub fn merge(&mut self, other: VatUnknown) {
        self.amount += other.amount;
        self.entries += other.entries;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::vat::VatPart;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn book(journal: &str) -> (tempfile::TempDir, Book) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::fs::create_dir_all(root.join("journal")).unwrap();
        std::fs::write(
            root.join("folio.toml"),
            "name = \"t\"\ncurrency = \"EUR\"\n",
        )
        .unwrap();
        std::fs::write(root.join("contacts/a.toml"), "name = \"x\"\n").unwrap();
        std::fs::write(root.join("journal/j.journal"), journal).unwrap();
        let location = crate::book::Location {
            root: root.to_path_buf(),
        };
        let book = crate::book::load_valid(&location).unwrap();
        (dir, book)
    }

    fn counted(revenue: &Revenue, book: &Book) -> Vec<(Decimal, bool)> {
        book.entries
            .iter()
            .enumerate()
            .map(|(index, entry)| {
                let counted = revenue.of(index, entry);
                (counted.amount, counted.vat_unknown)
            })
            .collect()
    }

    #[test]
    fn invoices_and_credit_notes_count_their_net_when_their_vat_is_known() {
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 121.00 vat:21\n\
             2026-01-02 invoice I2 a 50.00\n\
             2026-01-03 credit C1 a 12.10 vat:21\n\
             2026-01-04 payment P1 a 121.00\n\
             2026-01-05 invoice I3 a 300.00\n",
        );
        let mut documents = DocumentVats::new();
        let part = VatPart {
            category: Some("S".into()),
            rate: Some(d("6")),
            net: d("283.02"),
            vat: d("16.98"),
        };
        documents.insert("I3".into(), vec![part]);
        let net = Revenue::build(&book, &documents, RevenueBasis::Net);
        // 121.00 / 1.21 = 100.00; 12.10 / 1.21 = 10.00; I3 from its document; I2 unknown.
        assert_eq!(
            counted(&net, &book),
            [
                (d("100.00"), false),
                (d("50.00"), true),
                (d("10.00"), false),
                (d("121.00"), false),
                (d("283.02"), false),
            ]
        );
        let gross = Revenue::build(&book, &documents, RevenueBasis::Gross);
        let amounts: Vec<(Decimal, bool)> =
            book.entries.iter().map(|e| (e.amount, false)).collect();
        assert_eq!(counted(&gross, &book), amounts);
    }

    #[test]
    fn a_book_without_vat_information_keeps_no_amounts_and_counts_every_invoice_unknown() {
        let (_dir, book) = book("2026-01-01 invoice I1 a 100.00\n2026-01-02 payment P1 a 10\n");
        let revenue = Revenue::build(&book, &DocumentVats::new(), RevenueBasis::Net);
        assert!(revenue.amounts.is_empty());
        assert_eq!(
            counted(&revenue, &book),
            [(d("100.00"), true), (d("10"), false)]
        );
        let mut unknown = VatUnknown::default();
        unknown.add(revenue.of(0, &book.entries[0]), d("100.00"));
        unknown.add(revenue.of(1, &book.entries[1]), d("10"));
        assert_eq!(
            unknown,
            VatUnknown {
                amount: d("100.00"),
                entries: 1
            }
        );
    }

    #[test]
    fn a_net_above_the_amount_or_below_zero_is_not_believed() {
        // A net above the amount means negative VAT; a huge one would also overflow the sums.
        let (_dir, book) = book(
            "2026-01-01 invoice I1 a 100.00 net:150.00\n\
             2026-01-02 invoice I2 a 100.00 tax:150.00\n\
             2026-01-03 invoice I3 a 100.00 net:79000000000000000000000000000\n",
        );
        let revenue = Revenue::build(&book, &DocumentVats::new(), RevenueBasis::Net);
        assert_eq!(counted(&revenue, &book), [(d("100.00"), true); 3]);
    }

    #[test]
    fn the_basis_reads_net_or_gross_only() {
        assert_eq!(RevenueBasis::parse("net"), Some(RevenueBasis::Net));
        assert_eq!(RevenueBasis::parse("gross"), Some(RevenueBasis::Gross));
        assert_eq!(RevenueBasis::parse("Gross"), None);
        assert_eq!(RevenueBasis::default().as_str(), "net");
    }
}
