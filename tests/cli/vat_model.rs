//! `folio vat` against an independent model, on randomized books.
//!
//! Each book (fixed ChaCha8 seeds) has invoices, credit notes, bills and debit notes in two
//! currencies with every way a line can state its VAT (`vat:R`, `vat:R/CAT`, `vat:` with `net:` or
//! `tax:`, `net:` or `tax:` alone, nothing), payments and payouts, and invoices with items issued
//! through `folio invoice --item`. The model below derives each entry's net and VAT from the rules
//! of docs/vat.md, written out again here, and sums them per side, currency, category and rate
//! for a few periods; `folio vat --format json` must give the same rows.

use crate::util::TestBook;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The seeds of the books compared.
const SEEDS: std::ops::Range<u64> = 0..8;
/// The periods each book is compared on, with their first and last day.
const PERIODS: [(&str, &str, &str); 4] = [
    ("2026", "2026-01-01", "2026-12-31"),
    ("2026-Q2", "2026-04-01", "2026-06-30"),
    ("2026-Q3", "2026-07-01", "2026-09-30"),
    ("2026-08", "2026-08-01", "2026-08-31"),
];

/// One entry as the model sees it: its VAT parts, or `None` when its VAT is unknown.
struct Supply {
    date: String,
    sales: bool,
    /// +1 for invoices and bills, −1 for credit and debit notes.
    sign: Decimal,
    currency: &'static str,
    parts: Option<Vec<Part>>,
}

/// The net and VAT of one category and rate; `None` category and rate for `net:`/`tax:` alone.
struct Part {
    category: Option<&'static str>,
    rate: Option<Decimal>,
    net: Decimal,
    vat: Decimal,
}

/// A row's key: side, currency, category, rate (as `folio vat` writes them in JSON).
type Key = (String, String, Option<String>, Option<String>);

fn cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn random_amount(rng: &mut ChaCha8Rng) -> Decimal {
    Decimal::new(rng.random_range(100..500_000), 2)
}

/// A line's VAT metadata and the parts the rules of docs/vat.md give it.
fn line_vat(rng: &mut ChaCha8Rng, amount: Decimal) -> (String, Option<Vec<Part>>) {
    let (rate, category): (u32, Option<&'static str>) = *[
        (21, None),
        (6, None),
        (12, None),
        (0, None),
        (0, Some("AE")),
        (0, Some("K")),
    ]
    .choose(rng)
    .unwrap();
    let rate_decimal = Decimal::from(rate);
    let category_or_default = category.unwrap_or(if rate > 0 { "S" } else { "E" });
    let derived = cents(amount * Decimal::from(100) / (Decimal::from(100) + rate_decimal));
    let tag = match category {
        Some(category) => format!("vat:{rate}/{category}"),
        None => format!("vat:{rate}"),
    };
    let part = |net: Decimal| Part {
        category: Some(category_or_default),
        rate: Some(rate_decimal),
        net,
        vat: amount - net,
    };
    match rng.random_range(0..10) {
        0 => (String::new(), None),
        1 => {
            let net = derived - Decimal::new(rng.random_range(0..3), 2);
            (format!("{tag} net:{net}"), Some(vec![part(net)]))
        }
        2 => {
            let tax = amount - derived + Decimal::new(rng.random_range(0..3), 2);
            (format!("{tag} tax:{tax}"), Some(vec![part(amount - tax)]))
        }
        3 => {
            let net = cents(amount * Decimal::new(8, 1));
            let alone = Part {
                category: None,
                rate: None,
                net,
                vat: amount - net,
            };
            (format!("net:{net}"), Some(vec![alone]))
        }
        _ => (tag, Some(vec![part(derived)])),
    }
}

/// A random book's journal lines and the model's entries.
fn random_entries(rng: &mut ChaCha8Rng) -> (String, Vec<Supply>) {
    let mut journal = String::new();
    let mut supplies = Vec::new();
    for n in 0..rng.random_range(15..40) {
        let date = format!(
            "2026-{:02}-{:02}",
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        );
        let (kind, contact) = *[
            ("invoice", "sablon"),
            ("credit", "sablon"),
            ("bill", "paper"),
            ("debit", "paper"),
            ("payment", "sablon"),
            ("payout", "paper"),
        ]
        .choose(rng)
        .unwrap();
        let currency = *["EUR", "EUR", "USD"].choose(rng).unwrap();
        let amount = random_amount(rng);
        let mut line = format!("{date} {kind} E{n} {contact} {amount} {currency}");
        if matches!(kind, "payment" | "payout") {
            writeln!(journal, "{line}").unwrap();
            continue;
        }
        let (meta, parts) = line_vat(rng, amount);
        if !meta.is_empty() {
            write!(line, " {meta}").unwrap();
        }
        writeln!(journal, "{line}").unwrap();
        supplies.push(Supply {
            date,
            sales: matches!(kind, "invoice" | "credit"),
            sign: if matches!(kind, "invoice" | "bill") {
                Decimal::ONE
            } else {
                -Decimal::ONE
            },
            currency,
            parts,
        });
    }
    (journal, supplies)
}

/// Issues an invoice with items at 21 % and 6 % through the command line; the model's parts
/// follow docs/documents.md: the VAT of a rate is its items' net × rate / 100, rounded once.
fn issue_document(book: &TestBook, rng: &mut ChaCha8Rng, id: &str) -> Supply {
    let date = format!("2026-{:02}-15", rng.random_range(1..=12));
    let mut args = vec![
        "invoice".to_owned(),
        "sablon".to_owned(),
        "--id".to_owned(),
        id.to_owned(),
        "--date".to_owned(),
        date.clone(),
    ];
    let mut nets: BTreeMap<u32, Decimal> = BTreeMap::new();
    for item in 0..rng.random_range(1..4) {
        let rate = *[21u32, 6].choose(rng).unwrap();
        let price = random_amount(rng);
        args.extend(
            [
                "--item",
                &format!("Item {item}"),
                "--price",
                &price.to_string(),
            ]
            .map(str::to_owned),
        );
        args.extend(["--vat".to_owned(), rate.to_string()]);
        *nets.entry(rate).or_default() += price;
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    book.stdout(&args);
    let parts = nets
        .into_iter()
        .map(|(rate, net)| Part {
            category: Some("S"),
            rate: Some(Decimal::from(rate)),
            net,
            vat: cents(net * Decimal::from(rate) / Decimal::from(100)),
        })
        .collect();
    Supply {
        date,
        sales: true,
        sign: Decimal::ONE,
        currency: "EUR",
        parts: Some(parts),
    }
}

/// The rows the model expects for the period `[from, to]`: (net, VAT, documents) per key.
fn expected_rows(
    supplies: &[Supply],
    from: &str,
    to: &str,
) -> BTreeMap<Key, (Decimal, Decimal, u64)> {
    let mut rows: BTreeMap<Key, (Decimal, Decimal, u64)> = BTreeMap::new();
    let dated = supplies
        .iter()
        .filter(|s| from <= s.date.as_str() && s.date.as_str() <= to);
    for supply in dated {
        let Some(parts) = &supply.parts else { continue };
        let side = if supply.sales { "sales" } else { "purchases" };
        for part in parts {
            let key = (
                side.to_owned(),
                supply.currency.to_owned(),
                part.category.map(str::to_owned),
                part.rate.map(|rate| format!("{:.2}", rate)),
            );
            let row = rows.entry(key).or_default();
            row.0 += supply.sign * part.net;
            row.1 += supply.sign * part.vat;
            row.2 += 1;
        }
    }
    rows
}

fn text(row: &Value, key: &str) -> Option<String> {
    row[key].as_str().map(str::to_owned)
}

fn amount(row: &Value, key: &str) -> Decimal {
    row[key].as_str().unwrap().parse().unwrap()
}

/// `folio vat`'s rows for a period, in the model's shape, after checking that gross = net + VAT.
fn folio_rows(book: &TestBook, period: &str) -> BTreeMap<Key, (Decimal, Decimal, u64)> {
    let report = book.json(&["vat", "--period", period]);
    let mut rows = BTreeMap::new();
    for row in report.as_array().unwrap() {
        let (net, vat) = (amount(row, "net"), amount(row, "vat"));
        assert_eq!(
            amount(row, "gross"),
            net + vat,
            "gross = net + VAT in {row}"
        );
        let key = (
            text(row, "side").unwrap(),
            text(row, "currency").unwrap(),
            text(row, "category"),
            text(row, "rate"),
        );
        rows.insert(key, (net, vat, row["documents"].as_u64().unwrap()));
    }
    rows
}

#[test]
fn the_vat_of_randomized_books_is_what_the_model_computes() {
    for seed in SEEDS {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (journal, mut supplies) = random_entries(&mut rng);
        let book = crate::vat_report::book().journal("2026.journal", &journal);
        for n in 0..rng.random_range(0..3) {
            supplies.push(issue_document(&book, &mut rng, &format!("D{n}")));
        }
        for (period, from, to) in PERIODS {
            let expected = expected_rows(&supplies, from, to);
            let found = folio_rows(&book, period);
            assert_eq!(
                found, expected,
                "seed {seed}, period {period}: folio vat (left) differs from the model; journal:\n{journal}"
            );
        }
    }
}
