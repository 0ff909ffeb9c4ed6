//! `folio vat --grid be`: the boxes of the Belgian periodic VAT return, on a book whose every
//! entry's box is worked out by hand below.

use crate::util::TestBook;
use serde_json::Value;
use std::collections::BTreeMap;

/// A Belgian company's folio.toml.
pub(crate) const CONFIG: &str = "name = \"Atelier\"\ncurrency = \"EUR\"\n\
    [company]\nvat = \"BE0417497106\"\n[company.address]\ncountry = \"BE\"\n";

fn contact(country: Option<&str>, vat: Option<&str>, supplier: bool) -> String {
    let mut body = "name = \"Someone\"\n".to_string();
    if supplier {
        body.push_str("roles = [\"supplier\"]\n");
    }
    if let Some(vat) = vat {
        body.push_str(&format!("vat = \"{vat}\"\n"));
    }
    if let Some(country) = country {
        body.push_str(&format!("[address]\ncountry = \"{country}\"\n"));
    }
    body
}

/// Customers in Belgium, Denmark, Ireland, the United States and nowhere known; suppliers in
/// Belgium, Denmark, Ireland, the United States and France.
pub(crate) fn contacts(book: TestBook) -> TestBook {
    book.contact("bxl", &contact(Some("BE"), Some("BE0403170701"), false))
        .contact("gent", &contact(Some("BE"), Some("BE 0123.456.749"), false))
        .contact("dk", &contact(Some("DK"), Some("DK13585628"), false))
        .contact("ie", &contact(None, Some("IE6388047V"), false))
        .contact("us", &contact(Some("US"), None, false))
        .contact("anon", &contact(None, None, false))
        .contact("sbe", &contact(Some("BE"), None, true))
        .contact("sdk", &contact(Some("DK"), None, true))
        .contact("sie", &contact(Some("IE"), None, true))
        .contact("sus", &contact(Some("US"), None, true))
        .contact("sfr", &contact(Some("FR"), None, true))
}

/// Each line's boxes, by hand (VAT from `vat:` is gross − gross ÷ (1 + rate)).
pub(crate) const JOURNAL: &str = "\
2026-07-01 invoice I1 bxl 121.00 vat:21
2026-07-02 invoice I2 bxl 106.00 vat:6
2026-07-03 invoice I3 gent 224.00 vat:12
2026-07-04 invoice I4 gent 50.00 vat:0/Z
2026-07-05 invoice I5 gent 400.00 vat:0/AE
2026-07-06 invoice I6 ie 300.00 vat:0/AE
2026-07-07 invoice I7 dk 1000.00 vat:0/K
2026-07-08 invoice I8 us 700.00 vat:0/G
2026-07-09 invoice I9 us 80.00 vat:0/AE
2026-08-01 credit C1 gent 60.50 vat:21
2026-08-02 credit C2 dk 100.00 vat:0/K
2026-08-03 invoice I10 anon 90.00 vat:0/AE
2026-08-04 invoice I11 bxl 200.00
2026-08-05 invoice I12 dk 500.00 USD vat:0/K
2026-07-10 bill B1 sbe 242.00 vat:21
2026-07-11 bill B2 sdk 1000.00 vat:0/K
2026-07-12 bill B3 sie 500.00 vat:0/AE
2026-07-13 bill B4 sbe 300.00 vat:0/AE
2026-07-14 bill B5 sus 200.00 vat:0/AE
2026-08-10 debit D1 sbe 60.50 vat:21
2026-08-11 debit D2 sdk 100.00 vat:0/K
2026-08-12 bill B6 sfr 120.00 vat:20
2026-08-13 bill B7 sus 400.00 vat:0/G
2026-09-01 payment P1 bxl 100.00
2026-10-05 credit C3 bxl 24.20 vat:21
";

fn book() -> TestBook {
    contacts(TestBook::with_config(CONFIG)).journal("2026", JOURNAL)
}

fn boxes(value: &Value) -> BTreeMap<String, String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            assert_eq!(item.as_object().unwrap().len(), 2, "{item}");
            (
                item["box"].as_str().unwrap().to_string(),
                item["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn grid(book: &TestBook, args: &[&str]) -> (Value, String) {
    let output = book
        .folio(&[&["vat", "--grid", "be", "--format", "json"][..], args].concat())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

#[test]
fn every_belgian_box_is_filled_from_the_category_the_side_and_the_counterparts_country() {
    let (found, stderr) = grid(&book(), &["--period", "2026-Q3"]);
    let expected = [
        ("00", "50.00"),   // I4 zero rated
        ("01", "100.00"),  // I2 106.00 at 6 %
        ("02", "200.00"),  // I3 224.00 at 12 %
        ("03", "100.00"),  // I1 121.00 at 21 %
        ("44", "300.00"),  // I6 reverse charge to Ireland
        ("45", "400.00"),  // I5 reverse charge to a Belgian co-contractor
        ("46", "1000.00"), // I7 to Denmark (I12 in USD has no rate)
        ("47", "780.00"),  // I8 export 700.00 + I9 service to the US 80.00
        ("48", "100.00"),  // C2, a credit note on an intra-community supply
        ("49", "50.00"),   // C1 60.50 at 21 %
        ("84", "100.00"),  // D2, a credit note received on an acquisition
        ("85", "50.00"),   // D1 60.50 at 21 %
        ("86", "1000.00"), // B2 from Denmark
        ("87", "500.00"),  // B4 Belgian co-contractor 300.00 + B5 US service 200.00
        ("88", "500.00"),  // B3 service from Ireland
        ("54", "51.00"),   // 21.00 + 6.00 + 24.00
        ("55", "315.00"),  // 21 % of B2 (210.00) and of B3 (105.00)
        ("56", "105.00"),  // 21 % of B4 (63.00) and of B5 (42.00)
        ("63", "31.50"),   // D1 10.50 + D2's self-assessed 21.00
        ("59", "462.00"),  // B1 42.00 + 210.00 + 105.00 + 63.00 + 42.00
        ("64", "31.50"),   // C1 10.50 + D2's self-assessed 21.00
        ("71", "9.00"),    // (51 + 315 + 105 + 31.50) − (462 + 31.50)
        ("72", "0.00"),
    ];
    let order: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["box"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        expected.map(|(id, _)| id),
        "boxes in the order of the form"
    );
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(id, amount)| (id.to_string(), amount.to_string()))
        .collect();
    assert_eq!(boxes(&found), expected);
    for note in [
        "1 sales entry (200.00 EUR gross) had no VAT information",
        "1 sales entry in USD (500.00 USD gross) left out: no rate to EUR (--rate USD=...)",
        "1 sales entry (90.00 EUR net) in reverse charge to customers without a country",
        "1 purchase entry (100.00 EUR net) with VAT charged by suppliers abroad", // 120.00 ÷ 1.20
        "1 purchase entry (400.00 EUR net) in category G",
    ] {
        assert!(stderr.contains(note), "{note}\n{stderr}");
    }
}

#[test]
fn a_credit_note_counts_in_the_quarter_it_is_dated_in() {
    let (found, _) = grid(&book(), &["--period", "2026-Q4"]);
    let found = boxes(&found);
    // C3 24.20 at 21 % for Q3's I1: 20.00 + 4.20.
    assert_eq!(found["49"], "20.00");
    assert_eq!(found["64"], "4.20");
    assert_eq!(found["03"], "0.00");
    assert_eq!(found["71"], "0.00");
    assert_eq!(found["72"], "4.20");
}

#[test]
fn a_rate_brings_a_foreign_currency_into_the_return() {
    let (found, stderr) = grid(&book(), &["--period", "2026-Q3", "--rate", "USD=0.9"]);
    // I12 500.00 USD × 0.9 = 450.00 EUR, added to I7's 1000.00.
    assert_eq!(boxes(&found)["46"], "1450.00");
    assert!(!stderr.contains("USD"), "{stderr}");
}

#[test]
fn the_books_rates_convert_at_each_entrys_date_unless_a_rate_is_given() {
    let book = book().file(
        "rates/2026.rates",
        "2026-08-01 EUR USD 1.25\n2026-08-06 EUR USD 2\n",
    );
    // I12 500.00 USD on 2026-08-05, at the quote of 2026-08-01: 500.00 / 1.25 = 400.00 EUR.
    let (found, stderr) = grid(&book, &["--period", "2026-Q3"]);
    assert_eq!(boxes(&found)["46"], "1400.00");
    assert!(!stderr.contains("USD"), "{stderr}");
    let (found, _) = grid(&book, &["--period", "2026-Q3", "--rate", "USD=0.9"]);
    assert_eq!(boxes(&found)["46"], "1450.00");
}

#[test]
fn a_rate_the_book_lacks_for_an_entrys_date_is_an_error_naming_it() {
    let book = book().file("rates/2026.rates", "2026-09-01 EUR USD 1.25\n");
    let output = book
        .folio(&["vat", "--grid", "be", "--period", "2026-Q3"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no exchange rate from USD to EUR on or before 2026-08-05"),
        "{stderr}"
    );
}

#[test]
fn the_balance_boxes_are_the_vat_due_minus_the_vat_deductible() {
    let book = book();
    for period in ["2026-Q3", "2026-Q4", "2026-07", "2026-08", "2026"] {
        let (found, _) = grid(&book, &["--period", period]);
        let found = boxes(&found);
        let cents = |id: &str| -> i64 {
            let text = found[id].replace('.', "");
            text.parse().unwrap()
        };
        let due = cents("54") + cents("55") + cents("56") + cents("63");
        let deductible = cents("59") + cents("64");
        assert_eq!(cents("71") - cents("72"), due - deductible, "{period}");
        assert!(cents("71") == 0 || cents("72") == 0, "{period}");
    }
}

#[test]
fn the_self_assessed_rate_comes_from_the_book() {
    let config = format!("{CONFIG}[vat]\nreverse_charge_rate = 6\n");
    let book = contacts(TestBook::with_config(&config))
        .journal("2026", "2026-07-12 bill B3 sie 500.00 vat:0/AE\n");
    let (found, _) = grid(&book, &["--period", "2026-07"]);
    let found = boxes(&found);
    // 6 % of 500.00.
    assert_eq!(found["55"], "30.00");
    assert_eq!(found["59"], "30.00");
    assert_eq!(found["72"], "0.00");
}

#[test]
fn the_table_shows_what_each_box_holds() {
    let table = book().stdout(&["vat", "--grid", "be", "--period", "2026-Q4"]);
    let line = table
        .lines()
        .find(|line| line.trim_start().starts_with("64"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        line.contains("4.20") && line.contains("credit notes issued"),
        "{table}"
    );
}

#[test]
fn an_unknown_grid_is_a_usage_error_naming_the_known_ones() {
    let output = book()
        .folio(&["vat", "--grid", "fr", "--period", "2026-Q3"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`fr`") && stderr.contains("be"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_reverse_charge_rate_outside_0_to_100_is_refused_at_its_position() {
    let config = format!("{CONFIG}[vat]\nreverse_charge_rate = 120\n");
    let output = contacts(TestBook::with_config(&config))
        .folio(&["vat", "--grid", "be"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "folio.toml:8:23: error: reverse_charge_rate must be a percentage from 0 to 100, e.g. 21"
        ),
        "{stderr}"
    );
}
