//! `folio vat`: VAT on sales and purchases for a period, by category and rate, net of credit and
//! debit notes, per currency, with the entries whose VAT is unknown counted apart.

use crate::util::TestBook;
use serde_json::{Value, json};

/// The documents tests' Belgian seller and customers, and a supplier.
pub(crate) fn book() -> TestBook {
    crate::documents::book().contact("paper", "name = \"Papeterie\"\nroles = [\"supplier\"]\n")
}

fn record(book: &TestBook, date: &str, args: &[&str]) {
    book.stdout(&[args, &["--date", date]].concat());
}

/// Invoices with items at several rates, a bare invoice with `--vat`, reverse charge, an export, a
/// USD intra-community supply, credit notes in and after the quarter, bills with `--vat`, a debit
/// note, a bill without VAT information and a payment.
fn recorded_book() -> TestBook {
    let book = book();
    let item = |name: &'static str, qty: &'static str, price: &'static str, vat: &'static str| {
        ["--item", name, "--qty", qty, "--price", price, "--vat", vat]
    };
    let sablon = [
        &["invoice", "sablon", "--id", "I1"][..],
        &item("Consulting", "10", "120", "21"),
        &item("Handbook", "1", "40", "6"),
    ]
    .concat();
    record(&book, "2026-07-10", &sablon);
    let exempt = |why: &'static str| ["--exempt", why];
    let reverse = [
        &["invoice", "northwind", "--id", "I2", "--buyer-ref", "NW-1"][..],
        &item("Consulting", "1", "500", "0"),
        &exempt("VATEX-EU-AE"),
    ]
    .concat();
    record(&book, "2026-08-01", &reverse);
    let export = [
        &["invoice", "hongli", "--id", "I3"][..],
        &item("Lamps", "2", "150", "0"),
        &exempt("VATEX-EU-G"),
    ]
    .concat();
    record(&book, "2026-08-15", &export);
    record(
        &book,
        "2026-07-20",
        &["invoice", "sablon", "121.00", "--vat", "21"],
    );
    record(
        &book,
        "2026-07-25",
        &["invoice", "sablon", "106.00", "--vat", "6"],
    );
    record(
        &book,
        "2026-07-30",
        &[
            "invoice",
            "northwind",
            "200.00",
            "--vat",
            "0/K",
            "--currency",
            "USD",
        ],
    );
    let credit = |id: &'static str| {
        [
            &["credit-note", "--ref", "I1", "--id", id][..],
            &item("Consulting", "1", "120", "21"),
        ]
        .concat()
    };
    record(&book, "2026-09-05", &credit("C1"));
    record(&book, "2026-10-02", &credit("C2"));
    record(
        &book,
        "2026-07-05",
        &["bill", "paper", "100.00", "--vat", "21"],
    );
    record(
        &book,
        "2026-08-05",
        &["bill", "paper", "242.00", "--vat", "21"],
    );
    record(
        &book,
        "2026-08-06",
        &["bill", "paper", "1000.00", "--vat", "0/AE"],
    );
    record(
        &book,
        "2026-09-10",
        &["debit-note", "paper", "12.10", "--vat", "21"],
    );
    record(&book, "2026-08-20", &["bill", "paper", "50.00"]);
    record(&book, "2026-09-01", &["payment", "sablon", "500.00"]);
    book
}

fn row(
    side: &str,
    category: &str,
    rate: &str,
    currency: &str,
    amounts: [&str; 3],
    documents: u64,
) -> Value {
    json!({
        "side": side, "category": category, "rate": rate, "currency": currency,
        "net": amounts[0], "vat": amounts[1], "gross": amounts[2], "documents": documents,
    })
}

#[test]
fn a_quarters_vat_is_summed_by_side_category_and_rate_net_of_notes() {
    let book = recorded_book();
    let output = book
        .folio(&["vat", "--period", "2026-Q3", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = json!([
        // I1 10 × 120 = 1200.00 (VAT 252.00), the 121.00 invoice 100.00 + 21.00, C1 −120.00 − 25.20.
        row(
            "sales",
            "S",
            "21.00",
            "EUR",
            ["1180.00", "247.80", "1427.80"],
            3
        ),
        // I1's handbook 40.00 + 2.40, the 106.00 invoice 100.00 + 6.00.
        row("sales", "S", "6.00", "EUR", ["140.00", "8.40", "148.40"], 2),
        row(
            "sales",
            "AE",
            "0.00",
            "EUR",
            ["500.00", "0.00", "500.00"],
            1
        ),
        // I3: 2 × 150.
        row("sales", "G", "0.00", "EUR", ["300.00", "0.00", "300.00"], 1),
        row("sales", "K", "0.00", "USD", ["200.00", "0.00", "200.00"], 1),
        // 100.00 / 1.21 = 82.64 (+17.36), 242.00 = 200.00 + 42.00, the debit note −10.00 − 2.10.
        row(
            "purchases",
            "S",
            "21.00",
            "EUR",
            ["272.64", "57.26", "329.90"],
            3
        ),
        row(
            "purchases",
            "AE",
            "0.00",
            "EUR",
            ["1000.00", "0.00", "1000.00"],
            1
        ),
    ]);
    assert_eq!(found, expected);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 purchase entry (50.00 EUR gross) had no VAT information"),
        "{stderr}"
    );
}

#[test]
fn the_table_ends_with_the_balance_to_pay_and_the_unknown_note() {
    let book = recorded_book();
    let table = book.stdout(&["vat", "--period", "2026-Q3"]);
    // 247.80 + 8.40 on sales − 57.26 input VAT, in EUR; nothing in USD.
    let balance = |currency: &str| {
        table
            .lines()
            .find(|line| line.trim_start().starts_with("balance") && line.contains(currency))
            .unwrap_or_else(|| panic!("no {currency} balance in:\n{table}"))
            .to_string()
    };
    assert!(balance("EUR").contains("to pay"), "{table}");
    assert!(balance("EUR").contains("198.94"), "{table}");
    assert!(balance("USD").contains("0.00"), "{table}");
    assert!(
        table.contains("note: 1 purchase entry (50.00 EUR gross) had no VAT information"),
        "{table}"
    );
}

#[test]
fn a_month_or_a_range_counts_only_the_entries_dated_in_it() {
    let book = recorded_book();
    let october = book.json(&["vat", "--period", "2026-10"]);
    // Only C2: −120.00 − 25.20.
    let expected = json!([row(
        "sales",
        "S",
        "21.00",
        "EUR",
        ["-120.00", "-25.20", "-145.20"],
        1
    )]);
    assert_eq!(october, expected);
    let range = book.json(&["vat", "--from", "2026-10-01", "--to", "2026-10-31"]);
    assert_eq!(range, expected);
    let csv = book.stdout(&["vat", "--period", "2026-10", "--format", "csv"]);
    assert_eq!(
        csv,
        "side,category,rate,currency,net,vat,gross,documents\nsales,S,21.00,EUR,-120.00,-25.20,-145.20,1\n"
    );
}

#[test]
fn a_period_folio_cannot_read_is_a_usage_error() {
    let book = book();
    for args in [
        &["vat", "--period", "2026-Q5"][..],
        &["vat", "--period", "2026-13"],
        &["vat", "--period", "26"],
        &["vat", "--period", "2026-09-01"],
        &["vat", "--period", "2026", "--from", "2026-01-01"],
        &["vat", "--from", "2026-02-01", "--to", "2026-01-31"],
    ] {
        let output = book.folio(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("--period") || stderr.contains("--from"),
            "{args:?}: {stderr}"
        );
    }
}

/// A euro invoice and three dollar invoices of 12.10 at 21 % (10.00 + 2.10 each).
fn dollar_book(config: &str) -> TestBook {
    TestBook::with_config(config).customer("acme").journal(
        "2026",
        "2026-07-01 invoice E1 acme 121.00 EUR vat:21\n\
         2026-07-02 invoice U1 acme 12.10 USD vat:21\n\
         2026-07-03 invoice U2 acme 12.10 USD vat:21\n\
         2026-07-04 invoice U3 acme 12.10 USD vat:21\n",
    )
}

#[test]
fn without_a_rate_each_currency_keeps_its_own_rows() {
    let found =
        dollar_book("name = \"t\"\ncurrency = \"EUR\"\n").json(&["vat", "--period", "2026-Q3"]);
    let expected = json!([
        row(
            "sales",
            "S",
            "21.00",
            "EUR",
            ["100.00", "21.00", "121.00"],
            1
        ),
        row("sales", "S", "21.00", "USD", ["30.00", "6.30", "36.30"], 3),
    ]);
    assert_eq!(found, expected);
}

#[test]
fn a_rate_converts_each_entry_rounded_to_cents_into_the_books_currency() {
    let book = dollar_book("name = \"t\"\ncurrency = \"EUR\"\n");
    let found = book.json(&["vat", "--period", "2026-Q3", "--rate", "USD=0.925"]);
    // Each dollar invoice: 10.00 × 0.925 = 9.25, 2.10 × 0.925 = 1.9425 → 1.94 (per entry, so
    // 5.82 for the three, not 6.30 × 0.925 = 5.8275 → 5.83). With the euro invoice: 100.00 +
    // 27.75 = 127.75 and 21.00 + 5.82 = 26.82.
    let expected = json!([row(
        "sales",
        "S",
        "21.00",
        "EUR",
        ["127.75", "26.82", "154.57"],
        4
    )]);
    assert_eq!(found, expected);
}

#[test]
fn a_rate_folio_cannot_use_is_a_usage_error() {
    let book = dollar_book("name = \"t\"\ncurrency = \"EUR\"\n");
    for rate in ["USD", "USD=abc", "USD=0", "USD=-1", "usd=1", "EUR=1"] {
        let output = book
            .folio(&["vat", "--period", "2026-Q3", "--rate", rate])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{rate}: {stderr}");
        assert!(
            stderr.contains("rate") || stderr.contains("--rate"),
            "{rate}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{rate}");
    }
    let twice = book
        .folio(&["vat", "--rate", "USD=1", "--rate", "USD=2"])
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(2), "{twice:?}");
    let no_currency = dollar_book("name = \"t\"\n")
        .folio(&["vat", "--period", "2026-Q3", "--rate", "USD=0.9"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&no_currency.stderr);
    assert_eq!(no_currency.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("book's currency"), "{stderr}");
}
