//! `folio metrics` and `folio report`: metrics, RFM scores, tiers and ABC classes against values
//! computed by hand (the sums are written next to each expectation), with ties and empty windows.

use crate::util::TestBook;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// As of 2026-06-30 with the default 365-day window (entries after 2025-06-30 count), and
/// `[analytics.abc] a = 0.5` so every class has a member.
///
/// | contact | invoices in window        | credits | revenue | recency | paid (days)     |
/// |---------|---------------------------|---------|---------|---------|-----------------|
/// | a       | 1000, 3000, 2000          | 500     | 5500    | 10      | 1000@30 1000@40 |
/// | b       | 1000, 1000                |         | 2000    | 46      | 1000@30         |
/// | c       | 2000                      |         | 2000    | 29      |                 |
/// | d       | 100                       |         | 100     | 350     | 100@30          |
/// | old     | (500 on 2025-01-10)       |         | 0       | 536     |                 |
/// | e       | none ever                 |         | 0       | null    |                 |
pub(crate) fn analytics_book() -> TestBook {
    TestBook::with_config(
        "name = \"Analytics\"\ncurrency = \"EUR\"\n[analytics.abc]\na = 0.5\n\
         [segments.vip]\nwhere = 'revenue >= 5000 || \"vip\" in tags'\n\
         [segments.be]\nwhere = 'country == \"BE\"'\n\
         [segments.dormant]\nwhere = 'recency > 180'\n\
         [segments.slow]\nwhere = 'avg_days_to_pay >= 35.0'\n\
         [segments.gold]\nwhere = 'has(custom.tier) && custom.tier == \"gold\"'\n\
         [segments.absorbs]\nwhere = 'recency > 1000 || name == \"e name\"'\n",
    )
    .contact(
        "a",
        "name = \"A\"\nindustry = \"wholesale\"\nlanguage = \"fr\"\n[address]\ncountry = \"BE\"\n",
    )
    .contact(
        "b",
        "name = \"B\"\n[address]\ncountry = \"FR\"\n[custom]\ntier = \"gold\"\n",
    )
    .contact(
        "c",
        "name = \"C\"\ntags = [\"vip\"]\n[address]\ncountry = \"BE\"\n",
    )
    .customer("d")
    .customer("e")
    .contact("f", "name = \"F\"\narchived = true\n")
    .contact("g", "name = \"G\"\nroles = [\"supplier\"]\n")
    .customer("old")
    .journal(
        "j",
        "2025-01-10 invoice O1 old 500.00\n\
         2025-07-15 invoice D1 d 100.00 due:2025-08-14\n\
         2025-08-14 payment PD1 d 100.00 ref:D1\n\
         2025-09-01 invoice A1 a 1000.00 due:2025-10-01\n\
         2025-10-01 payment PA1 a 1000.00 ref:A1\n\
         2026-01-15 invoice B1 b 1000.00 due:2026-02-14\n\
         2026-02-14 payment PB1 b 1000.00 ref:B1\n\
         2026-03-01 invoice A2 a 3000.00 due:2026-03-31\n\
         2026-03-03 invoice F1 f 9999.00\n\
         2026-04-10 payment PA2 a 1000.00 ref:A2\n\
         2026-05-15 invoice B2 b 1000.00 due:2026-06-14\n\
         2026-06-01 credit CA1 a 500.00 ref:A2\n\
         2026-06-01 invoice C1 c 2000.00\n\
         2026-06-20 invoice A3 a 2000.00 due:2026-07-20\n\
         2026-06-20 bill G1 g 300.00\n",
    )
}

/// `metrics --format json` rows by contact.
fn metrics(book: &TestBook, args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["metrics"];
    all.extend(args);
    book.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["contact"].as_str().unwrap().to_string(), row.clone()))
        .collect()
}

#[test]
fn metrics_equal_hand_computed_values() {
    let book = analytics_book();
    let rows = metrics(&book, &["--as-of", "2026-06-30"]);
    // Archived f and supplier g are not listed; e (no invoice yet) and old are.
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        ["a", "b", "c", "d", "e", "old"]
    );
    let a = &rows["a"];
    assert_eq!(a["currency"], "EUR");
    assert_eq!(a["revenue"], "5500.00"); // 1000 + 3000 + 2000 - 500
    assert_eq!(a["invoices"], 3);
    assert_eq!(a["average_invoice"], "2000.00"); // 6000 / 3
    assert_eq!(a["first_invoice"], "2025-09-01");
    assert_eq!(a["last_invoice"], "2026-06-20");
    assert_eq!(a["recency_days"], 10);
    assert_eq!(a["avg_days_to_pay"], "35.00"); // (1000 x 30 + 1000 x 40) / 2000
    assert_eq!(a["balance"], "3500.00"); // 6000 - 1000 - 1000 - 500
    assert_eq!(a["overdue"], "1500.00"); // A2: 3000 - 1000 - 500, due 2026-03-31
    let b = &rows["b"];
    assert_eq!(
        (&b["revenue"], &b["recency_days"], &b["avg_days_to_pay"]),
        (&json!("2000.00"), &json!(46), &json!("30.00"))
    );
    assert_eq!(
        (&b["balance"], &b["overdue"]),
        (&json!("1000.00"), &json!("1000.00"))
    );
    let c = &rows["c"];
    assert_eq!(c["avg_days_to_pay"], Value::Null);
    assert_eq!(
        (&c["balance"], &c["overdue"]),
        (&json!("2000.00"), &json!("0.00"))
    );
    assert_eq!(rows["d"]["recency_days"], 350);
    let old = &rows["old"];
    assert_eq!(
        (&old["revenue"], &old["invoices"]),
        (&json!("0.00"), &json!(0))
    );
    assert_eq!(old["average_invoice"], Value::Null);
    assert_eq!(old["recency_days"], 536);
    let e = &rows["e"];
    assert_eq!(
        (&e["first_invoice"], &e["recency_days"]),
        (&Value::Null, &Value::Null)
    );
    // No payment history and no age: 20 + 12.5 + 20 + 5 + 0 = 57.5 -> 58, grade C (docs/credit.md).
    assert_eq!(e["grade"], "C");
}

#[test]
fn rfm_scores_tiers_and_abc_classes_with_ties() {
    let book = analytics_book();
    let rows = metrics(&book, &["--as-of", "2026-06-30"]);
    let classes = |id: &str| {
        let r = &rows[id];
        (
            [
                &r["recency_score"],
                &r["frequency_score"],
                &r["monetary_score"],
            ]
            .map(|v| v.as_i64()),
            r["rfm"].as_str().map(str::to_string),
            [&r["frequency_tier"], &r["amount_tier"], &r["abc"]]
                .map(|v| v.as_str().map(str::to_string)),
        )
    };
    let s = |x: &str| Some(x.to_string());
    // Active customers a b c d, n = 4; score = 1 + floor(5 x (2 x below + equal) / 8).
    // Recency 10 29 46 350 (fewer days rank higher): a 7/8 -> 5, c 5/8 -> 4, b 3/8 -> 2, d 1/8 -> 1.
    // Frequency 3 2 1 1: a 7 -> 5, b 5 -> 4, c and d tie at (0 + 2) / 8 -> 2.
    // Monetary 5500 2000 2000 100: a 7 -> 5, b and c tie at (2 + 2) / 8 -> 3, d 1 -> 1.
    // FM = ceil((F + M) / 2): a 5, b 4, c 3, d 2.
    // Tiers by percentile (high >= 0.8, mid >= 0.5): frequency a .875 high, b .625 mid, c d .25 low;
    // amount a .875 high, b c .5 mid, d .125 low.
    // ABC (a = 0.5, b = 0.95 of 9600): a first (before 0) A; b and c tie on 2000, b first by id:
    // before 5500 -> B, c before 7500 -> B; d before 9500 >= 9120 -> C.
    assert_eq!(
        classes("a"),
        (
            [Some(5), Some(5), Some(5)],
            s("champions"),
            [s("high"), s("high"), s("A")]
        )
    );
    assert_eq!(
        classes("b"),
        (
            [Some(2), Some(4), Some(3)],
            s("at-risk"),
            [s("mid"), s("mid"), s("B")]
        )
    );
    assert_eq!(
        classes("c"),
        (
            [Some(4), Some(2), Some(3)],
            s("potential-loyalists"),
            [s("low"), s("mid"), s("B")]
        )
    );
    assert_eq!(
        classes("d"),
        (
            [Some(1), Some(2), Some(1)],
            s("lost"),
            [s("low"), s("low"), s("C")]
        )
    );
    // Invoiced before the window only: Lost, without scores. Never invoiced: nothing.
    assert_eq!(
        classes("old"),
        ([None, None, None], s("lost"), [None, None, None])
    );
    assert_eq!(classes("e"), ([None, None, None], None, [None, None, None]));
}

#[test]
fn empty_windows_give_zeros_and_no_classes() {
    let book = analytics_book();
    // Nothing is dated 2026-06-30 itself: a one-day window is empty.
    let rows = metrics(&book, &["--as-of", "2026-06-30", "--window", "1d"]);
    for (id, row) in &rows {
        assert_eq!(row["revenue"], "0.00", "{id}");
        assert_eq!(row["invoices"], 0, "{id}");
        assert_eq!(row["average_invoice"], Value::Null, "{id}");
        assert_eq!(row["recency_score"], Value::Null, "{id}");
        assert_eq!(row["abc"], Value::Null, "{id}");
        let lost = if id == "e" {
            Value::Null
        } else {
            json!("lost")
        };
        assert_eq!(row["rfm"], lost, "{id}");
    }
    // Recency still counts the whole history.
    assert_eq!(rows["a"]["recency_days"], 10);
    // Before the first entry: nothing at all.
    let rows = metrics(&book, &["--as-of", "2024-01-01"]);
    assert!(
        rows.values()
            .all(|r| r["last_invoice"].is_null() && r["balance"] == "0.00")
    );
    // A window in months, and the whole history.
    let rows = metrics(&book, &["--as-of", "2026-06-30", "--window", "1m"]);
    assert_eq!(rows["a"]["revenue"], "1500.00"); // A3 2000 - CA1 500
    let rows = metrics(&book, &["--as-of", "2026-06-30", "--window", "all"]);
    assert_eq!(rows["old"]["revenue"], "500.00");
}

#[test]
fn metrics_of_one_contact_and_bad_window() {
    let book = analytics_book();
    let rows = metrics(&book, &["a", "--as-of", "2026-06-30"]);
    assert_eq!(rows.keys().collect::<Vec<_>>(), ["a"]);
    book.folio(&["metrics", "--window", "3w"]).assert().code(2);
    book.folio(&["metrics", "zz"]).assert().code(66);
}

#[test]
fn amount_tiers_by_absolute_thresholds() {
    let book = analytics_book().file(
        "folio.toml",
        "name = \"T\"\ncurrency = \"EUR\"\n[analytics.amount]\nby = \"absolute\"\nhigh = 5000\nmid = 2000\n\
         [analytics.frequency]\nby = \"quantile\"\nhigh = 0.9\nmid = 0.25\n",
    );
    let rows = metrics(&book, &["--as-of", "2026-06-30"]);
    let tiers: Vec<(&str, &str)> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| {
            (
                rows[*id]["amount_tier"].as_str().unwrap(),
                rows[*id]["frequency_tier"].as_str().unwrap(),
            )
        })
        .collect();
    // Amount 5500 2000 2000 100 against 5000 and 2000; frequency percentiles .875 .625 .25 .25
    // against 0.9 and 0.25.
    assert_eq!(
        tiers,
        [
            ("high", "mid"),
            ("mid", "mid"),
            ("mid", "mid"),
            ("low", "mid")
        ]
    );
}

#[test]
fn contribution_is_a_pareto_table() {
    let book = analytics_book();
    let json = book.json(&[
        "report",
        "contribution",
        "--from",
        "2025-07-01",
        "--to",
        "2026-06-30",
    ]);
    let rows: Vec<(String, String, String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["contact"].as_str().unwrap().to_string(),
                r["revenue"].as_str().unwrap().to_string(),
                r["cumulative_share"].as_str().unwrap().to_string(),
                r["abc"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Archived f counts here (9999): total 19599. Cumulative: 9999, 15499, 17499, 19499, 19599.
    // ABC with a = 0.5 (9799.5) and b = 0.95 (18619.05) of the total, on the revenue before each.
    let expected = [
        ("f", "9999.00", "0.5102", "A"),
        ("a", "5500.00", "0.7908", "B"),
        ("b", "2000.00", "0.8929", "B"),
        ("c", "2000.00", "0.9949", "B"),
        ("d", "100.00", "1.0000", "C"),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(rows, expected);
    let top = book.json(&["report", "contribution", "--to", "2026-06-30", "--top", "2"]);
    assert_eq!(top.as_array().unwrap().len(), 2);
    assert_eq!(top[1]["rank"], 2);
}

#[test]
fn collection_per_month_with_dso() {
    let book = analytics_book();
    let json = book.json(&[
        "report",
        "collection",
        "--from",
        "2026-05-01",
        "--to",
        "2026-06-30",
    ]);
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    // May: billed B2 1000, nothing collected.
    let may = &rows[0];
    assert_eq!(may["period"], "2026-05");
    assert_eq!(may["billed"], "1000.00");
    assert_eq!(may["collected"], "0.00");
    assert_eq!(may["collection_rate"], "0.0000");
    // Invoices to May 31: O1 500 D1 100 A1 1000 B1 1000 A2 3000 F1 9999 B2 1000 = 16599;
    // payments PD1 100 PA1 1000 PB1 1000 PA2 1000 = 3100; receivables 13499.
    assert_eq!(may["receivables"], "13499.00");
    // DSO = 13499 / 1000 x 31 days = 418.469 -> 418.5
    assert_eq!(may["dso"], "418.5");
    assert_eq!(
        (&may["new_customers"], &may["returning_customers"]),
        (&json!(0), &json!(1))
    );
    let june = &rows[1];
    // June: C1 2000 + A3 2000 - CA1 500 = 3500 billed; receivables 13499 + 4000 - 500 = 16999.
    assert_eq!(june["billed"], "3500.00");
    assert_eq!(june["receivables"], "16999.00");
    // DSO = 16999 / 3500 x 30 = 145.705... -> 145.7
    assert_eq!(june["dso"], "145.7");
    // c's first invoice ever is in June (new); a invoiced before (returning).
    assert_eq!(
        (&june["new_customers"], &june["returning_customers"]),
        (&json!(1), &json!(1))
    );
}

#[test]
fn clv_historical_and_predictive() {
    let book = analytics_book();
    let json = book.json(&["report", "clv", "--to", "2026-06-30"]);
    let rows: BTreeMap<String, Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["contact"].as_str().unwrap().to_string(), r.clone()))
        .collect();
    // Retention: invoiced 2024-07-01..2025-06-30: old only; again in the last 12 months: no.
    // r = 0 -> predictive 0.
    assert_eq!(rows["a"]["historical_clv"], "5500.00");
    assert_eq!(rows["a"]["retention"], "0.0000");
    assert_eq!(rows["a"]["predictive_clv"], "0.00");
    assert_eq!(rows["old"]["historical_clv"], "500.00");
    assert_eq!(rows["old"]["annual_revenue"], "0.00");
    // With a retention of 0.75: a = 5500 x 0.75 / (1 + 0.1 - 0.75) = 11785.714... -> 11785.71
    let book = book.file(
        "folio.toml",
        "name = \"T\"\ncurrency = \"EUR\"\n[analytics.clv]\nretention = 0.75\n",
    );
    let json = book.json(&["report", "clv", "--to", "2026-06-30", "--top", "1"]);
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["contact"], "f");
    let json = book.json(&["report", "clv", "--to", "2026-06-30"]);
    let a = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["contact"] == "a")
        .unwrap();
    assert_eq!(a["predictive_clv"], "11785.71");
}

#[test]
fn report_usage_errors() {
    let book = analytics_book();
    book.folio(&[
        "report",
        "contribution",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
    ])
    .assert()
    .code(2);
    book.folio(&["report", "contribution", "--period", "month"])
        .assert()
        .code(2);
}
