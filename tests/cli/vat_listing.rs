//! `folio vat listing --intra` (the EC sales list) and `--be` (the Belgian annual customer
//! listing), on the book of `vat_grid` and a year of Belgian sales around the 250 EUR threshold.

use crate::util::TestBook;
use crate::vat_grid::{CONFIG, JOURNAL, contacts};
use serde_json::{Value, json};

/// 2025: `bxl` at exactly 250.00; `gent` at 249.99 after a credit note; `liege` without a VAT
/// number; `mons` with an exempt sale (not turnover) and a reverse charge (turnover).
const YEAR_2025: &str = "\
2025-03-01 invoice A1 bxl 302.50 vat:21
2025-04-01 invoice A2 gent 363.00 vat:21
2025-11-01 credit A3 gent 60.51 vat:21
2025-05-01 invoice A4 liege 1210.00 vat:21
2025-06-01 invoice A5 mons 500.00 vat:0/E
2025-06-02 invoice A6 mons 300.00 vat:0/AE
2025-06-03 invoice A7 dk 900.00 vat:0/K
";

fn book() -> TestBook {
    contacts(TestBook::with_config(CONFIG))
        .contact(
            "liege",
            "name = \"Liège SRL\"\n[address]\ncountry = \"BE\"\n",
        )
        .contact(
            "mons",
            "name = \"Mons SA\"\nvat = \"BE0765432146\"\n[address]\ncountry = \"BE\"\n",
        )
        .journal("2025", YEAR_2025)
        .journal("2026", JOURNAL)
}

fn run(book: &TestBook, args: &[&str]) -> (Value, String) {
    let output = book
        .folio(&[&["vat", "listing", "--format", "json"][..], args].concat())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

#[test]
fn the_ec_sales_list_sums_goods_and_services_per_customer_in_another_eu_country() {
    let (found, stderr) = run(&book(), &["--intra", "--period", "2026-Q3"]);
    let expected = json!([
        // I7 1000.00 − C2 100.00 (I12 in USD has no rate).
        {"contact": "dk", "name": "Someone", "vat_number": "DK13585628", "country": "DK",
         "goods": "900.00", "services": "0.00", "total": "900.00"},
        // I6; the country comes from the VAT number's prefix.
        {"contact": "ie", "name": "Someone", "vat_number": "IE6388047V", "country": "IE",
         "goods": "0.00", "services": "300.00", "total": "300.00"},
    ]);
    assert_eq!(found, expected);
    assert!(
        stderr.contains("anon has intra-community supplies (90.00 EUR net) but no VAT number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 sales entry in USD (500.00 USD gross) left out"),
        "{stderr}"
    );
}

#[test]
fn the_ec_sales_list_converts_a_currency_given_a_rate() {
    let (found, stderr) = run(
        &book(),
        &["--intra", "--period", "2026-Q3", "--rate", "USD=0.9"],
    );
    // 900.00 + 500.00 USD × 0.9.
    assert_eq!(found[0]["goods"], "1350.00");
    assert_eq!(found[0]["total"], "1350.00");
    assert!(!stderr.contains("USD"), "{stderr}");
}

#[test]
fn the_belgian_listing_keeps_customers_with_a_vat_number_from_250_euros() {
    let (found, stderr) = run(&book(), &["--be", "--year", "2025"]);
    let expected = json!([
        // 302.50 ÷ 1.21 = 250.00, VAT 52.50: at the threshold, listed.
        {"contact": "bxl", "name": "Someone", "vat_number": "BE0403170701",
         "turnover": "250.00", "vat": "52.50"},
        // The exempt 500.00 is not turnover; the reverse charge 300.00 is.
        {"contact": "mons", "name": "Mons SA", "vat_number": "BE0765432146",
         "turnover": "300.00", "vat": "0.00"},
    ]);
    // gent: 300.00 − 50.01 (60.51 ÷ 1.21) = 249.99, under the threshold.
    assert_eq!(found, expected);
    assert!(
        stderr.contains("liege has a Belgian turnover of 1000.00 EUR but no VAT number"),
        "{stderr}"
    );
}

#[test]
fn a_vat_number_is_listed_compact_with_its_prefix() {
    // gent's `BE 0123.456.749` in 2026: I3 200.00 + I4 50.00 + I5 400.00 − C1 50.00.
    let (found, _) = run(&book(), &["--be", "--year", "2026"]);
    let gent = found
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["contact"] == "gent")
        .unwrap();
    assert_eq!(gent["vat_number"], "BE0123456749");
    assert_eq!(gent["turnover"], "600.00");
    // I3's 24.00 − C1's 10.50.
    assert_eq!(gent["vat"], "13.50");
}

#[test]
fn a_listing_needs_intra_or_be() {
    let book = book();
    for args in [
        &["vat", "listing"][..],
        &["vat", "listing", "--intra", "--be", "--year", "2025"],
        &["vat", "listing", "--be"],
        &["vat", "listing", "--be", "--year", "25"],
        &["vat", "listing", "--intra", "--year", "2025"],
    ] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_listing_notes_only_the_sales_it_could_not_count() {
    let book = contacts(TestBook::with_config(CONFIG)).journal(
        "2026",
        "2026-07-01 invoice I1 dk 100.00\n2026-07-02 bill B1 sdk 50.00\n",
    );
    let (found, stderr) = run(&book, &["--intra", "--period", "2026-Q3"]);
    assert_eq!(found, json!([]));
    assert!(
        stderr.contains("1 sales entry (100.00 EUR gross) had no VAT information"),
        "{stderr}"
    );
    assert!(!stderr.contains("purchase"), "{stderr}");
}
