//! Revenue is net of VAT where folio knows the VAT, gross where it does not (and then said so),
//! in metrics, segments, contribution, CLV, collection and the dashboard; `[analytics] revenue =
//! "gross"` restores the amounts as written.

use crate::util::TestBook;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

const AS_OF: &str = "2026-06-30";
const SEGMENT: &str = "[segments.big]\nwhere = 'revenue >= 100.0'\n";

fn dec(value: &Value) -> Decimal {
    Decimal::from_str(value.as_str().unwrap_or_else(|| panic!("{value}"))).unwrap()
}

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A Belgian customer billed 121.00 at 21 % (net 121 / 1.21 = 100.00) and a French one billed
/// 100.00 reverse charged (0 %, all net): the same 100.00 of revenue each, net of VAT.
fn two_customers(analytics: &str) -> TestBook {
    let config = format!("name = \"Test Book\"\ncurrency = \"EUR\"\n{analytics}{SEGMENT}");
    TestBook::with_config(&config)
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .contact("fr", "name = \"French\"\nroles = [\"customer\"]\n")
        .journal(
            "2026",
            "2026-03-02 invoice I1 be 121.00 vat:21\n\
             2026-03-03 invoice I2 fr 100.00 vat:0/AE\n",
        )
}

/// `key` of the rows of `json` whose `contact` is `id`.
fn by_contact(json: &Value, id: &str, key: &str) -> Decimal {
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["contact"] == id)
        .unwrap_or_else(|| panic!("{id} in {json}"));
    dec(&row[key])
}

/// Revenue of `be` and `fr` as metrics, contribution, CLV, the segment rule, collection and the
/// dashboard see it.
fn revenue_everywhere(book: &TestBook) -> Vec<(String, Decimal, Decimal)> {
    let mut found = Vec::new();
    let mut both = |what: &str, json: &Value, key: &str| {
        found.push((
            what.to_string(),
            by_contact(json, "be", key),
            by_contact(json, "fr", key),
        ));
    };
    let metrics = book.json(&["metrics", "--as-of", AS_OF]);
    both("metrics", &metrics, "revenue");
    let contribution = book.json(&["report", "contribution", "--to", AS_OF]);
    both("contribution", &contribution, "revenue");
    let clv = book.json(&["report", "clv", "--to", AS_OF]);
    both("clv", &clv, "historical_clv");
    found
}

#[test]
fn a_customer_billed_with_vat_and_one_reverse_charged_have_the_same_net_revenue() {
    let book = two_customers("");
    for (what, be, fr) in revenue_everywhere(&book) {
        assert_eq!((be, fr), (d("100.00"), d("100.00")), "{what}");
    }
    let metrics = book.json(&["metrics", "--as-of", AS_OF]);
    assert_eq!(by_contact(&metrics, "be", "revenue_vat_unknown"), d("0.00"));
    // The rule `revenue >= 100.0` holds both; the segment's revenue is 100.00 + 100.00.
    let members = book.json(&["segment", "big", "--as-of", AS_OF]);
    assert_eq!(members.as_array().unwrap().len(), 2, "{members}");
    let segments = book.json(&["segments", "--as-of", AS_OF]);
    let big = segments
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["segment"] == "big")
        .unwrap();
    assert_eq!(dec(&big["revenue"]), d("200.00"));
    // Collection: billed in March is net (200.00); what it compares with payments stays gross
    // (121.00 + 100.00 = 221.00).
    let collection = book.json(&[
        "report",
        "collection",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    ]);
    let march = &collection[0];
    assert_eq!(
        (dec(&march["billed"]), dec(&march["billed_gross"])),
        (d("200.00"), d("221.00"))
    );
    assert_eq!(dec(&march["billed_vat_unknown"]), d("0.00"));
}

#[test]
fn the_gross_setting_counts_the_vat_in_revenue_again() {
    let book = two_customers("[analytics]\nrevenue = \"gross\"\n");
    for (what, be, fr) in revenue_everywhere(&book) {
        assert_eq!((be, fr), (d("121.00"), d("100.00")), "{what}");
    }
    // `revenue >= 100.0` still holds both, now with 121.00 + 100.00.
    let segments = book.json(&["segments", "--as-of", AS_OF]);
    let big = segments
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["segment"] == "big")
        .unwrap();
    assert_eq!(dec(&big["revenue"]), d("221.00"));
}

#[test]
fn a_cel_rule_on_revenue_sees_the_net_amount() {
    let config = "name = \"Test Book\"\ncurrency = \"EUR\"\n[segments.over-110]\nwhere = 'revenue > 110.0'\n";
    let book = TestBook::with_config(config)
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .journal("2026", "2026-03-02 invoice I1 be 121.00 vat:21\n");
    // Net 100.00 is not above 110; gross 121.00 would be.
    let members = book.json(&["segment", "over-110", "--as-of", AS_OF]);
    assert_eq!(members.as_array().unwrap().len(), 0, "{members}");
    let gross = TestBook::with_config(&format!("{config}[analytics]\nrevenue = \"gross\"\n"))
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .journal("2026", "2026-03-02 invoice I1 be 121.00 vat:21\n");
    let members = gross.json(&["segment", "over-110", "--as-of", AS_OF]);
    assert_eq!(members.as_array().unwrap().len(), 1, "{members}");
}

#[test]
fn an_invoice_without_vat_information_is_counted_gross_and_said_so() {
    let book = TestBook::new()
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .journal(
            "2026",
            "2026-03-02 invoice I1 be 121.00 vat:21\n\
             2026-03-05 invoice I2 be 50.00\n",
        );
    // 100.00 net of I1 + 50.00 of I2 as written; 50.00 of it without VAT information.
    let metrics = book.json(&["metrics", "--as-of", AS_OF]);
    assert_eq!(by_contact(&metrics, "be", "revenue"), d("150.00"));
    assert_eq!(
        by_contact(&metrics, "be", "revenue_vat_unknown"),
        d("50.00")
    );
    let contribution = book.json(&["report", "contribution", "--to", AS_OF]);
    assert_eq!(
        by_contact(&contribution, "be", "revenue_vat_unknown"),
        d("50.00")
    );
    let clv = book.json(&["report", "clv", "--to", AS_OF]);
    assert_eq!(by_contact(&clv, "be", "revenue_vat_unknown"), d("50.00"));
    let note = "note: 50.00 EUR of revenue, from 1 invoice(s) and credit note(s) without VAT information, is counted gross (VAT included)";
    for args in [
        &["metrics", "--as-of", AS_OF][..],
        &["report", "contribution", "--to", AS_OF],
        &["report", "clv", "--to", AS_OF],
        &["segments", "--as-of", AS_OF],
    ] {
        let table = book.stdout(args);
        assert!(table.contains(note), "{args:?}:\n{table}");
    }
    // Under the gross basis nothing is counted gross for want of VAT: no note, 0.00 unknown.
    let gross = TestBook::with_config(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n[analytics]\nrevenue = \"gross\"\n",
    )
    .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
    .journal("2026", "2026-03-05 invoice I2 be 50.00\n");
    assert!(
        !gross
            .stdout(&["metrics", "--as-of", AS_OF])
            .contains("note:")
    );
    let metrics = gross.json(&["metrics", "--as-of", AS_OF]);
    assert_eq!(by_contact(&metrics, "be", "revenue_vat_unknown"), d("0.00"));
}

#[test]
fn credit_notes_subtract_their_net_and_their_unknown_part() {
    let book = TestBook::new()
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .journal(
            "2026",
            "2026-03-02 invoice I1 be 242.00 vat:21\n\
             2026-03-09 credit C1 be 60.50 vat:21 ref:I1\n\
             2026-03-10 invoice I2 be 80.00\n\
             2026-03-11 credit C2 be 30.00 ref:I2\n",
        );
    // 242.00 / 1.21 = 200.00, 60.50 / 1.21 = 50.00: net 150.00; I2 − C2 without VAT: 50.00.
    let metrics = book.json(&["metrics", "--as-of", AS_OF]);
    assert_eq!(by_contact(&metrics, "be", "revenue"), d("200.00"));
    assert_eq!(
        by_contact(&metrics, "be", "revenue_vat_unknown"),
        d("50.00")
    );
    // average_invoice counts invoices as revenue does: (200.00 + 80.00) / 2.
    assert_eq!(by_contact(&metrics, "be", "average_invoice"), d("140.00"));
    let collection = book.json(&[
        "report",
        "collection",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    ]);
    assert_eq!(dec(&collection[0]["billed"]), d("200.00"));
    assert_eq!(dec(&collection[0]["billed_vat_unknown"]), d("50.00"));
    // 242.00 − 60.50 + 80.00 − 30.00.
    assert_eq!(dec(&collection[0]["billed_gross"]), d("231.50"));
}

#[test]
fn net_revenue_plus_vat_is_what_was_billed_for_each_customer() {
    // Per customer, three commands that compute separately: revenue (metrics), the VAT (folio
    // vat, one customer per book) and what is owed (balance; no payments, so invoices minus
    // credit notes as written).
    let books = [
        (
            "sablon",
            vec![
                &[
                    "invoice",
                    "sablon",
                    "--id",
                    "I1",
                    "--item",
                    "Consulting",
                    "--qty",
                    "3",
                    "--price",
                    "99.99",
                    "--vat",
                    "21",
                    "--item",
                    "Book",
                    "--qty",
                    "1",
                    "--price",
                    "17.35",
                    "--vat",
                    "6",
                ][..],
                &["invoice", "sablon", "133.33", "--vat", "21"],
                &[
                    "credit-note",
                    "--ref",
                    "I1",
                    "--item",
                    "Consulting",
                    "--qty",
                    "1",
                    "--price",
                    "99.99",
                    "--vat",
                    "21",
                ],
            ],
        ),
        (
            "northwind",
            vec![
                &["invoice", "northwind", "500.00", "--vat", "0/AE"][..],
                &["invoice", "northwind", "77.77", "--vat", "6"],
            ],
        ),
    ];
    for (customer, commands) in books {
        let book = crate::documents::book();
        for args in commands {
            book.stdout(&[args, &["--date", "2026-04-01"]].concat());
        }
        let metrics = book.json(&["metrics", customer, "--as-of", AS_OF]);
        let revenue = dec(&metrics[0]["revenue"]);
        assert_eq!(dec(&metrics[0]["revenue_vat_unknown"]), Decimal::ZERO);
        let vat = book.json(&["vat", "--period", "2026-Q2"]);
        let vat: Decimal = vat
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["side"] == "sales")
            .map(|r| dec(&r["vat"]))
            .sum();
        let balance = book.json(&["balance", "--as-of", AS_OF]);
        let owed = by_contact(&balance, customer, "balance");
        assert_eq!(revenue + vat, owed, "{customer}: {revenue} + {vat}");
        assert!(vat > Decimal::ZERO || customer == "northwind", "{customer}");
    }
}

#[test]
fn the_dashboard_shows_net_revenue_and_what_had_no_vat_information() {
    let book = TestBook::new()
        .contact("be", "name = \"Belgian\"\nroles = [\"customer\"]\n")
        .contact("fr", "name = \"French\"\nroles = [\"customer\"]\n")
        .journal(
            "2026",
            "2026-03-02 invoice I1 be 121.00 vat:21\n\
             2026-03-03 invoice I2 fr 100.00 vat:0/AE\n\
             2026-03-04 invoice I3 fr 30.00\n",
        );
    let out = book.path().join("site");
    book.stdout(&[
        "report",
        "html",
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    let attribute = |start: &str, name: &str| -> String {
        let at = page
            .find(start)
            .unwrap_or_else(|| panic!("{start} not in page"));
        let rest = &page[at..];
        let key = format!("{name}=\"");
        let from = rest.find(&key).unwrap() + key.len();
        rest[from..from + rest[from..].find('"').unwrap()].to_string()
    };
    // be: 100.00 net; fr: 100.00 net + 30.00 without VAT information.
    let row = |id: &str| format!("data-contact=\"{id}\"");
    assert_eq!(attribute(&row("be"), "data-revenue"), "100.00");
    assert_eq!(attribute(&row("fr"), "data-revenue"), "130.00");
    assert_eq!(attribute(&row("fr"), "data-revenue-vat-unknown"), "30.00");
    assert_eq!(attribute("id=\"revenue-EUR\"", "data-value"), "230.00");
    assert_eq!(
        attribute("id=\"revenue-vat-unknown-EUR\"", "data-value"),
        "30.00"
    );
    assert_eq!(attribute("data-segment=\"all\"", "data-revenue"), "230.00");
    // March in the figures under the monthly chart: billed net, and VAT included.
    let march = "data-date=\"2026-03-31\"";
    assert_eq!(attribute(march, "data-billed"), "230.00");
    assert_eq!(attribute(march, "data-billed-gross"), "251.00");
}

#[test]
fn an_unknown_revenue_setting_is_a_positioned_error() {
    let book = TestBook::with_config(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n[analytics]\nrevenue = \"nett\"\n",
    )
    .customer("be");
    let output = book.folio(&["metrics"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("folio.toml:4:11: error: invalid revenue `nett`: expected \"net\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `net`?"), "{stderr}");
}
