//! What folio knows of an entry's VAT: its breakdown per VAT category and rate (net and VAT), or
//! that it is unknown. An entry's amount stays gross, what is owed; this module never changes it.
//!
//! The breakdown comes, first found first:
//!
//! 1. from the entry's document (`documents/<id>.toml`, invoices and credit notes): its VAT lines
//!    as the document's rounding rule computes them. Reading documents is a service
//!    (`crate::document`), above this layer, so the caller hands them in as [`DocumentVats`]
//!    (`crate::document::vat_breakdowns` fills it); a report that needs VAT takes one as an
//!    argument, the command reads it once.
//! 2. from the `base-CAT-RATE:` and `vat-CAT-RATE:` metadata `folio import ubl` writes on a bill
//!    or debit note (docs/format.md, "Documents received");
//! 3. from the line: `vat:RATE[/CATEGORY]` (the amount includes the VAT; net = gross ÷ (1 +
//!    rate/100) rounded half-up to cents, VAT = gross − net), with an explicit `net:` or `tax:`
//!    taking precedence over the derived amount; or `net:` / `tax:` alone, whose category and
//!    rate folio then does not know.
//!
//! Refunds, payments and payouts carry no VAT ([`EntryVat::NotSupply`]). An invoice, credit
//! note, bill or debit note with none of the above is [`EntryVat::Unknown`]: counted as such,
//! never guessed. So is one whose metadata folio cannot read as amounts (a `net:` that is not a
//! number, a `net:` and `tax:` that do not add up to the amount).
//!
//! Amounts are in the entry's currency and in the entry's own sense, as its amount is written
//! (a credit note's net is positive); [`Kind::signed`](crate::journal::Kind::signed) gives the
//! sign on the balance.

use crate::book::Book;
use crate::journal::vat::parse_vat_tag;
use crate::journal::{Entry, Kind};
use crate::money::{self, cents, exact_add, exact_sub};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// The net and VAT of one VAT category and rate of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatPart {
    /// The UNCL5305 category (S, Z, E, AE, K, G, O, L, M); `None` when only `net:` / `tax:` were
    /// written.
    pub category: Option<String>,
    /// The rate in percent, normalized (`21`, `5.5`, `0`); `None` when not known (`net:` / `tax:`
    /// alone, or a received document's category without a rate, such as `base-O:`).
    pub rate: Option<Decimal>,
    /// The taxable amount.
    pub net: Decimal,
    /// The VAT.
    pub vat: Decimal,
}

/// Where a known breakdown came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatSource {
    /// The entry's document, `documents/<id>.toml`.
    Document,
    /// The `base-`/`vat-` metadata of an imported UBL document.
    Received,
    /// The line's `vat:`, `net:` or `tax:` metadata.
    Line,
}

/// What folio knows of an entry's VAT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryVat {
    /// A refund, payment or payout: money moving, not a supply, so no VAT at all.
    NotSupply,
    /// An invoice, credit note, bill or debit note without VAT information.
    Unknown,
    /// The breakdown, one part per category and rate, and its source.
    Known {
        /// Where it came from.
        source: VatSource,
        /// The parts; their nets and VATs add up to the entry's amount except for a received
        /// document's prepaid amount and rounding.
        parts: Vec<VatPart>,
    },
}

impl EntryVat {
    /// The total net and VAT of a known breakdown; `None` when unknown or not a supply, or when
    /// the sum overflows.
    pub fn totals(&self) -> Option<(Decimal, Decimal)> {
        let EntryVat::Known { parts, .. } = self else {
            return None;
        };
        parts
            .iter()
            .try_fold((Decimal::ZERO, Decimal::ZERO), |(net, vat), part| {
                Some((exact_add(net, part.net)?, exact_add(vat, part.vat)?))
            })
    }
}

/// The VAT breakdowns of the book's documents (invoices and credit notes), by document id: what
/// a service reads from `documents/` and hands down, since this layer reads no document file.
#[derive(Debug, Clone, Default)]
pub struct DocumentVats {
    by_id: FxHashMap<String, Vec<VatPart>>,
}

impl DocumentVats {
    /// No documents: every entry's VAT then comes from its line.
    pub fn new() -> DocumentVats {
        DocumentVats::default()
    }

    /// Records the breakdown of document `id`.
    pub fn insert(&mut self, id: String, parts: Vec<VatPart>) {
        self.by_id.insert(id, parts);
    }

    /// The breakdown of document `id`, if it has a document.
    pub fn get(&self, id: &str) -> Option<&[VatPart]> {
        self.by_id.get(id).map(Vec::as_slice)
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The VAT of `entry` of `book`, from the first source that has it (module documentation).
pub fn entry_vat(book: &Book, entry: &Entry, documents: &DocumentVats) -> EntryVat {
    if !entry.kind.takes_vat() {
        return EntryVat::NotSupply;
    }
    if matches!(entry.kind, Kind::Invoice | Kind::Credit)
        && let Some(parts) = documents.get(book.entry_id(entry))
    {
        return EntryVat::Known {
            source: VatSource::Document,
            parts: parts.to_vec(),
        };
    }
    let meta = crate::journal::parser::free_metadata(book.entry_line(entry));
    line_vat(entry.amount, &meta)
}

/// The VAT a bad-debt write-off states with `vat:` (the VAT its amount includes, which the seller
/// may recover as bad-debt relief): its parts, derived as a line's `vat:` is. `None` for any
/// other entry: a write-off is no supply, so [`entry_vat`] never counts it.
pub fn bad_debt_relief(book: &Book, entry: &Entry) -> Option<Vec<VatPart>> {
    if entry.kind != Kind::Writeoff {
        return None;
    }
    let meta = crate::journal::parser::free_metadata(book.entry_line(entry));
    if !meta.contains(&("reason", "bad-debt")) || !meta.iter().any(|(key, _)| *key == "vat") {
        return None;
    }
    match line_vat(entry.amount, &meta) {
        EntryVat::Known { parts, .. } => Some(parts),
        EntryVat::NotSupply | EntryVat::Unknown => None,
    }
}

/// The VAT of an entry of `amount` (gross) from its free metadata, as
/// [`crate::journal::parser::free_metadata`] gives it.
pub fn line_vat(amount: Decimal, meta: &[(&str, &str)]) -> EntryVat {
    let value = |key: &str| meta.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    if meta
        .iter()
        .any(|(key, _)| key.starts_with("base-") || key.starts_with("vat-"))
    {
        return known(VatSource::Received, received_parts(meta));
    }
    let net = value("net").map(money::parse_decimal);
    let tax = value("tax").map(money::parse_decimal);
    let (net, vat) = match (net, tax) {
        (Some(None), _) | (_, Some(None)) => return EntryVat::Unknown,
        (Some(Some(net)), Some(Some(tax))) => {
            match exact_add(net, tax).filter(|sum| *sum == amount) {
                Some(_) => (Some(net), Some(tax)),
                None => return EntryVat::Unknown,
            }
        }
        (Some(Some(net)), None) => (Some(net), exact_sub(amount, net)),
        (None, Some(Some(tax))) => (exact_sub(amount, tax), Some(tax)),
        (None, None) => (None, None),
    };
    let tag = value("vat").and_then(|text| parse_vat_tag(text).ok());
    let part = match (tag, net, vat) {
        (tag, Some(net), Some(vat)) => Some(VatPart {
            category: tag.map(|tag| tag.category.to_string()),
            rate: tag.map(|tag| tag.rate),
            net,
            vat,
        }),
        (Some(tag), None, None) => derived_part(amount, tag.rate).map(|(net, vat)| VatPart {
            category: Some(tag.category.to_string()),
            rate: Some(tag.rate),
            net,
            vat,
        }),
        _ => None,
    };
    known(VatSource::Line, part.map(|part| vec![part]))
}

fn known(source: VatSource, parts: Option<Vec<VatPart>>) -> EntryVat {
    match parts {
        Some(parts) if !parts.is_empty() => EntryVat::Known { source, parts },
        _ => EntryVat::Unknown,
    }
}

/// The net and VAT of a gross amount that includes VAT at `rate` percent: net = gross ÷ (1 +
/// rate/100) rounded half-up to cents, VAT = gross − net (so the two always add up to gross).
pub fn derived_part(gross: Decimal, rate: Decimal) -> Option<(Decimal, Decimal)> {
    let divisor = Decimal::ONE.checked_add(rate.checked_div(Decimal::ONE_HUNDRED)?)?;
    let net = cents(gross.checked_div(divisor)?);
    Some((net, exact_sub(gross, net)?))
}

/// The parts of the `base-CAT[-RATE]:` and `vat-CAT[-RATE]:` metadata, paired by their key;
/// `None` when a key or amount cannot be read or a base has no VAT or a VAT no base.
fn received_parts(meta: &[(&str, &str)]) -> Option<Vec<VatPart>> {
    let mut parts: Vec<(&str, VatPart)> = Vec::new();
    for (key, value) in meta {
        let (is_base, rest) = match (key.strip_prefix("base-"), key.strip_prefix("vat-")) {
            (Some(rest), _) => (true, rest),
            (None, Some(rest)) => (false, rest),
            (None, None) => continue,
        };
        let amount = money::parse_decimal(value)?;
        let index = match parts.iter().position(|(k, _)| *k == rest) {
            Some(index) => index,
            None => {
                parts.push((rest, received_key(rest)?));
                parts.len() - 1
            }
        };
        let part = &mut parts[index].1;
        let slot = if is_base {
            &mut part.net
        } else {
            &mut part.vat
        };
        *slot = amount;
    }
    let has_both = |rest: &str| {
        let listed = |prefix: &str| {
            meta.iter()
                .any(|(k, _)| k.strip_prefix(prefix) == Some(rest))
        };
        listed("base-") && listed("vat-")
    };
    parts
        .iter()
        .all(|(rest, _)| has_both(rest))
        .then(|| parts.into_iter().map(|(_, part)| part).collect())
}

/// The category and rate of a received document's key after `base-` or `vat-`: `S-21`, `O`.
fn received_key(rest: &str) -> Option<VatPart> {
    let (category, rate) = match rest.split_once('-') {
        Some((category, rate)) => (category, Some(money::parse_decimal(rate)?.normalize())),
        None => (rest, None),
    };
    let known = crate::journal::vat::CATEGORIES.contains(&category);
    known.then(|| VatPart {
        category: Some(category.to_string()),
        rate,
        net: Decimal::ZERO,
        vat: Decimal::ZERO,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn part(category: Option<&str>, rate: Option<&str>, net: &str, vat: &str) -> VatPart {
        VatPart {
            category: category.map(str::to_string),
            rate: rate.map(d),
            net: d(net),
            vat: d(vat),
        }
    }

    fn line(amount: &str, meta: &[(&str, &str)]) -> EntryVat {
        line_vat(d(amount), meta)
    }

    /// The VAT of every entry of a one-file book with contact `a`.
    fn entries_vat(journal: &str, documents: &DocumentVats) -> Vec<EntryVat> {
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
        book.entries
            .iter()
            .map(|entry| entry_vat(&book, entry, documents))
            .collect()
    }

    #[test]
    fn an_entry_takes_its_documents_breakdown_first() {
        let mut documents = DocumentVats::new();
        let parts = vec![
            part(Some("S"), Some("21"), "100.00", "21.00"),
            part(Some("S"), Some("6"), "50.00", "3.00"),
        ];
        documents.insert("I1".to_string(), parts.clone());
        let journal =
            "2026-01-01 invoice I1 a 174.00 vat:6\n2026-01-02 credit C1 a 121.00 vat:21\n";
        let found = entries_vat(journal, &documents);
        assert_eq!(
            found[0],
            EntryVat::Known {
                source: VatSource::Document,
                parts
            }
        );
        assert_eq!(found[1].totals(), Some((d("100.00"), d("21.00"))));
    }

    #[test]
    fn refunds_payments_and_payouts_carry_no_vat() {
        let journal = "2026-01-01 invoice I1 a 121.00\n\
            2026-01-02 payment P1 a 121.00 net:100.00\n\
            2026-01-03 refund R1 a 10.00\n\
            2026-01-04 payout O1 a 10.00\n\
            2026-01-05 bill B1 a 10.00\n";
        let found = entries_vat(journal, &DocumentVats::new());
        assert_eq!(
            found,
            vec![
                EntryVat::Unknown,
                EntryVat::NotSupply,
                EntryVat::NotSupply,
                EntryVat::NotSupply,
                EntryVat::Unknown,
            ]
        );
    }

    #[test]
    fn a_rate_on_the_line_splits_the_gross_amount() {
        assert_eq!(
            line("121.00", &[("vat", "21")]),
            EntryVat::Known {
                source: VatSource::Line,
                parts: vec![part(Some("S"), Some("21"), "100.00", "21.00")],
            }
        );
    }

    #[test]
    fn the_derived_net_is_rounded_half_up_and_the_vat_takes_the_rest() {
        // 100.00 / 1.21 = 82.6446..., 10.00 / 1.06 = 9.4339..., 0.03 / 1.2 = 0.025 (half up).
        assert_eq!(
            derived_part(d("100.00"), d("21")),
            Some((d("82.64"), d("17.36")))
        );
        assert_eq!(
            derived_part(d("10.00"), d("6")),
            Some((d("9.43"), d("0.57")))
        );
        assert_eq!(
            derived_part(d("0.03"), d("20")),
            Some((d("0.03"), d("0.00")))
        );
        assert_eq!(
            derived_part(d("0.06"), d("20")),
            Some((d("0.05"), d("0.01")))
        );
        assert_eq!(
            derived_part(d("99.99"), d("5.5")),
            Some((d("94.78"), d("5.21")))
        );
    }

    #[test]
    fn a_category_at_zero_keeps_the_whole_amount_as_net() {
        assert_eq!(
            line("500.00", &[("vat", "0/AE")]),
            EntryVat::Known {
                source: VatSource::Line,
                parts: vec![part(Some("AE"), Some("0"), "500.00", "0.00")],
            }
        );
    }

    #[test]
    fn an_explicit_net_or_tax_is_taken_as_written() {
        let with_rate = line("121.00", &[("vat", "21"), ("net", "100.01")]);
        assert_eq!(with_rate.totals(), Some((d("100.01"), d("20.99"))));
        let net_only = line("121.00", &[("net", "100.00")]);
        assert_eq!(
            net_only,
            EntryVat::Known {
                source: VatSource::Line,
                parts: vec![part(None, None, "100.00", "21.00")],
            }
        );
        let tax_only = line("121.00", &[("tax", "21.00")]);
        assert_eq!(tax_only.totals(), Some((d("100.00"), d("21.00"))));
        let both = line("121.00", &[("net", "100.00"), ("tax", "21.00")]);
        assert_eq!(both.totals(), Some((d("100.00"), d("21.00"))));
    }

    #[test]
    fn net_and_tax_that_disagree_with_the_amount_are_unknown() {
        assert_eq!(
            line("121.00", &[("net", "100.00"), ("tax", "20.00")]),
            EntryVat::Unknown
        );
        assert_eq!(line("121.00", &[("net", "abc")]), EntryVat::Unknown);
    }

    #[test]
    fn a_line_without_vat_information_is_unknown() {
        assert_eq!(line("121.00", &[]), EntryVat::Unknown);
        assert_eq!(line("121.00", &[("po", "4711")]), EntryVat::Unknown);
    }

    #[test]
    fn a_received_document_gives_its_breakdown_per_category_and_rate() {
        let meta = [
            ("net", "250.00"),
            ("base-S-21", "150.00"),
            ("vat-S-21", "31.50"),
            ("base-S-5.5", "100.00"),
            ("vat-S-5.5", "5.50"),
            ("base-O", "0.00"),
            ("vat-O", "0.00"),
        ];
        assert_eq!(
            line("287.00", &meta),
            EntryVat::Known {
                source: VatSource::Received,
                parts: vec![
                    part(Some("S"), Some("21"), "150.00", "31.50"),
                    part(Some("S"), Some("5.5"), "100.00", "5.50"),
                    part(Some("O"), None, "0.00", "0.00"),
                ],
            }
        );
    }

    #[test]
    fn a_received_breakdown_folio_cannot_read_is_unknown() {
        let base_only = [("base-S-21", "150.00")];
        assert_eq!(line("181.50", &base_only), EntryVat::Unknown);
        let bad_amount = [("base-S-21", "x"), ("vat-S-21", "31.50")];
        assert_eq!(line("181.50", &bad_amount), EntryVat::Unknown);
        let bad_category = [("base-XX-21", "150.00"), ("vat-XX-21", "31.50")];
        assert_eq!(line("181.50", &bad_category), EntryVat::Unknown);
    }

    #[test]
    fn a_received_breakdown_wins_over_the_line_tag() {
        let meta = [("vat", "6"), ("base-S-21", "100.00"), ("vat-S-21", "21.00")];
        let vat = line("121.00", &meta);
        assert!(matches!(
            vat,
            EntryVat::Known {
                source: VatSource::Received,
                ..
            }
        ));
        assert_eq!(vat.totals(), Some((d("100.00"), d("21.00"))));
    }
}
