//! aging, statement, explain and overdue on small hand-checked books.

use crate::util::TestBook;
use serde_json::json;

/// acme: INV-1 1210 due 02-14, PAY-1 1000 ref INV-1, CN-1 210 ref INV-1 (settled);
/// INV-2 500 due 03-31 partly paid by PAY-2 200 without ref; PRE 600 settles INV-2's 300 and
/// leaves 300 unapplied, of which INV-3 250 consumes 250 (50 stay unapplied).
fn book() -> TestBook {
    TestBook::new()
        .contact("acme", "name = \"Acme Trading BV\"\nemail = \"ap@acme.example\"\nphone = \"+32 2 555 01 23\"\n")
        .contact("beta", "name = \"北京贝塔科技\"\ncurrency = \"CNY\"\nterms = 14\n")
        .journal(
            "2026",
            "2026-01-15 invoice INV-1 acme 1210.00 due:2026-02-14 ; consulting\n\
             2026-02-10 payment PAY-1 acme 1000.00 ref:INV-1\n\
             2026-02-12 credit CN-1 acme 210.00 ref:INV-1 ; credit note\n\
             2026-03-01 invoice INV-2 acme 500 due:2026-03-31\n\
             2026-04-15 payment PAY-2 acme 200\n\
             2026-05-01 invoice INV-B beta 8800\n",
        )
        .journal(
            "2027",
            "2026-06-01 payment PRE acme 600 ; prepayment\n\
             2026-06-05 invoice INV-3 acme 250\n",
        )
}

#[test]
fn aging_columns_add_up_and_buckets_follow_days_past_due() {
    let rows = book().json(&["aging", "--as-of", "2026-05-20"]);
    assert_eq!(
        rows,
        json!([
            {"contact": "acme", "name": "Acme Trading BV", "currency": "EUR", "current": "0.00", "1-30": "0.00",
             "31-60": "300.00", "61-90": "0.00", "90+": "0.00", "unapplied": "0.00", "total": "300.00"},
            {"contact": "beta", "name": "北京贝塔科技", "currency": "CNY", "current": "0.00", "1-30": "8800.00",
             "31-60": "0.00", "61-90": "0.00", "90+": "0.00", "unapplied": "0.00", "total": "8800.00"}
        ])
    );
    let balance = book().json(&["balance", "--as-of", "2026-05-20"]);
    assert_eq!(balance[0]["balance"], "300.00");
    let later = book().json(&["aging", "--as-of", "2026-06-10", "--contact", "acme"]);
    assert_eq!(later[0]["unapplied"], "-50.00");
    assert_eq!(later[0]["total"], "-50.00");
}

#[test]
fn aging_custom_buckets_and_detail() {
    let rows = book().json(&["aging", "--as-of", "2026-06-10", "--buckets", "7,14"]);
    assert_eq!(rows[1]["8-14"], "0.00");
    assert_eq!(rows[1]["14+"], "8800.00");
    let items = book().json(&[
        "aging",
        "--as-of",
        "2026-06-10",
        "--detail",
        "--contact",
        "acme",
    ]);
    assert_eq!(
        items,
        json!([
            {"contact": "acme", "name": "Acme Trading BV", "currency": "EUR", "document": "PRE", "kind": "payment",
             "date": "2026-06-01", "due": "2026-06-01", "days_past_due": 9, "amount": "600.00", "open": "-50.00", "bucket": "unapplied",
             "disputed": false, "promised_until": null}
        ])
    );
}

#[test]
fn aging_rejects_bad_buckets() {
    book()
        .folio(&["aging", "--buckets", "30,20"])
        .assert()
        .code(2);
    book().folio(&["aging", "--buckets", "0"]).assert().code(2);
    book().folio(&["aging", "--buckets", "x"]).assert().code(2);
}

#[test]
fn aging_table_has_totals_and_aligns_chinese_names() {
    let table = book().stdout(&["aging", "--as-of", "2026-06-10"]);
    insta::assert_snapshot!(table);
}

#[test]
fn statement_reconciles_to_balance() {
    let statement = book().json(&[
        "statement",
        "acme",
        "--from",
        "2026-02-11",
        "--to",
        "2026-06-02",
    ]);
    let eur = &statement["currencies"][0];
    assert_eq!(eur["opening"], "210.00");
    assert_eq!(eur["closing"], "-300.00");
    let lines = eur["lines"].as_array().unwrap();
    let documents: Vec<&str> = lines
        .iter()
        .map(|l| l["document"].as_str().unwrap())
        .collect();
    assert_eq!(documents, ["CN-1", "INV-2", "PAY-2", "PRE"]);
    assert_eq!(lines[3]["balance"], "-300.00");
    assert_eq!(lines[0]["memo"], "credit note");
    let balance = book().json(&["balance", "--as-of", "2026-06-02", "--contact", "acme"]);
    assert_eq!(balance[0]["balance"], eur["closing"]);
    // At --to, PRE settled INV-2 and 300 of it is unapplied.
    let open = eur["open_items"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["open"], "-300.00");
    assert_eq!(eur["aging"]["total"], "-300.00");
}

#[test]
fn statement_of_unknown_contact_suggests() {
    book()
        .folio(&["statement", "acm"])
        .assert()
        .code(66)
        .stderr(predicates::str::contains("did you mean `acme`"));
}

#[test]
fn explain_invoice_and_payment() {
    let invoice = book().json(&["explain", "INV-1", "--as-of", "2026-12-31"]);
    assert_eq!(invoice["open"], "0.00");
    assert_eq!(
        invoice["applications"],
        json!([
            {"date": "2026-02-10", "kind": "payment", "document": "PAY-1", "amount": "1000.00"},
            {"date": "2026-02-12", "kind": "credit", "document": "CN-1", "amount": "210.00"}
        ])
    );
    let prepayment = book().json(&["explain", "PRE", "--as-of", "2026-12-31"]);
    assert_eq!(prepayment["unapplied"], "50.00");
    assert_eq!(prepayment["applications"][0]["document"], "INV-2");
    assert_eq!(prepayment["applications"][0]["amount"], "300.00");
    assert_eq!(prepayment["applications"][1]["document"], "INV-3");
    assert_eq!(prepayment["applications"][1]["amount"], "250.00");
    book().folio(&["explain", "NOPE"]).assert().code(66);
}

#[test]
fn overdue_lists_oldest_first_with_contact_details() {
    let items = book().json(&["overdue", "--as-of", "2026-05-20"]);
    let documents: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["document"].as_str().unwrap())
        .collect();
    assert_eq!(documents, ["INV-2", "INV-B"]);
    assert_eq!(items[0]["email"], "ap@acme.example");
    assert_eq!(items[0]["days_past_due"], 50);
    assert_eq!(items[0]["open"], "300.00");
    let thirty = book().json(&["overdue", "--as-of", "2026-05-20", "--min-days", "30"]);
    assert_eq!(thirty.as_array().unwrap().len(), 1);
}

/// Acceptance (issue 3): `explain` succeeds on every document of the demo book and the
/// applications plus the remainder add up to the document's amount. Uses the library for the
/// 400-odd documents and the binary for a sample.
#[test]
fn explain_adds_up_for_every_document_of_the_demo_book() {
    use folio::report::explain::explain;
    use rust_decimal::Decimal;
    let location = folio::book::Location {
        root: crate::util::repo_root().join("examples/demo"),
    };
    let book = folio::checks::load_valid(&location).expect("the demo book is valid");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert!(book.entries.len() >= 300);
    for (index, entry) in book.entries.iter().enumerate() {
        let explanation = explain(&book, index as u32, as_of.max(entry.date));
        let applied: Decimal = explanation.applications.iter().map(|a| a.amount).sum();
        // A payment in another currency applies what it settles, not what was paid.
        let (allocated, _) = book.allocated(index as u32);
        assert_eq!(
            applied + explanation.remaining,
            allocated,
            "{} ({} as written)",
            explanation.document,
            entry.amount
        );
    }
    for document in ["INV-2026-0041", "INV-2026-0004"] {
        let json = crate::util::folio()
            .args([
                "--book",
                "examples/demo",
                "explain",
                document,
                "--format",
                "json",
            ])
            .current_dir(crate::util::repo_root())
            .output()
            .unwrap();
        assert!(json.status.success());
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let amount: Decimal = value["amount"].as_str().unwrap().parse().unwrap();
        let applied: Decimal = value["applications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["amount"].as_str().unwrap().parse::<Decimal>().unwrap())
            .sum();
        let open: Decimal = value["open"].as_str().unwrap().parse().unwrap();
        assert_eq!(applied + open, amount);
    }
}
