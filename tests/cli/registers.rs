//! `folio entries`, `folio documents`, `folio quote list` and the filters of `export entries`:
//! the journal and the documents as filtered lists.

use crate::util::TestBook;
use predicates::prelude::*;
use serde_json::Value;

/// acme: INV-1 1210 due 02-14 paid (PAY-1) and credited (CN-1); INV-2 500 due 03-31 half paid
/// by PAY-2 (ref); INV-3 300 due 12-31 untouched; INV-4 400 voided by CN-2 (ref, full amount).
/// beta (USD): INV-B 800 due 02-28, nothing paid. sup: BILL-1 100 paid by OUT-1.
fn book() -> TestBook {
    TestBook::new()
        .contact("acme", "name = \"Acme Trading BV\"\n")
        .contact("beta", "name = \"Beta LLC\"\ncurrency = \"USD\"\n")
        .contact("sup", "name = \"Supplies SRL\"\nroles = [\"supplier\"]\n")
        .journal(
            "2026",
            "2026-01-15 invoice INV-1 acme 1210.00 due:2026-02-14 ; consulting\n\
             2026-01-20 invoice INV-B beta 800 due:2026-02-28\n\
             2026-02-10 payment PAY-1 acme 1000.00 ref:INV-1\n\
             2026-02-12 credit CN-1 acme 210.00 ref:INV-1 ; discount\n\
             2026-03-01 invoice INV-2 acme 500 due:2026-03-31\n\
             2026-03-05 bill BILL-1 sup 100 due:2026-04-05\n\
             2026-03-10 payout OUT-1 sup 100 ref:BILL-1\n\
             2026-03-15 payment PAY-2 acme 250 ref:INV-2\n\
             2026-04-01 invoice INV-3 acme 300 due:2026-12-31\n\
             2026-04-02 invoice INV-4 acme 400 due:2026-12-31\n\
             2026-04-03 credit CN-2 acme 400 ref:INV-4 ; void INV-4\n",
        )
}

fn ids(rows: &Value) -> Vec<&str> {
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|row| row["id"].as_str().expect("an id"))
        .collect()
}

#[test]
fn entries_lists_the_journal_with_every_filter_applied_together() {
    let book = book();
    let all = book.json(&["entries"]);
    assert_eq!(all.as_array().map(Vec::len), Some(11));
    let first = &all[0];
    for key in [
        "date", "kind", "id", "contact", "amount", "currency", "ref", "due", "memo",
    ] {
        assert!(first.get(key).is_some(), "key {key} in {first}");
    }
    assert_eq!(first["memo"], "consulting");
    assert_eq!(first["due"], "2026-02-14");
    let acme_money = book.json(&[
        "entries",
        "--contact",
        "acme",
        "--kind",
        "payment",
        "--kind",
        "credit-note",
        "--from",
        "2026-02-11",
        "--to",
        "2026-04-02",
    ]);
    assert_eq!(ids(&acme_money), ["CN-1", "PAY-2"]);
    let usd = book.json(&["entries", "--currency", "USD"]);
    assert_eq!(ids(&usd), ["INV-B"]);
    let applied = book.json(&["entries", "--ref", "INV-1"]);
    assert_eq!(ids(&applied), ["PAY-1", "CN-1"]);
    assert_eq!(applied[0]["ref"], "INV-1");
}

#[test]
fn entries_writes_csv_and_a_table_too() {
    let book = book();
    let csv = book.stdout(&["entries", "--kind", "bill", "--format", "csv"]);
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("date,kind,id,contact,amount,currency,due,ref,memo"),
        "{header}"
    );
    assert_eq!(
        lines.next(),
        Some("2026-03-05,bill,BILL-1,sup,100.00,EUR,2026-04-05,,,")
    );
    let table = book.stdout(&["entries", "--contact", "beta"]);
    assert!(
        table.contains("INV-B") && !table.contains("INV-1"),
        "{table}"
    );
}

#[test]
fn export_entries_takes_the_filters_of_entries() {
    let book = book();
    let exported = book.stdout(&[
        "export",
        "entries",
        "--format",
        "csv",
        "--contact",
        "acme",
        "--kind",
        "invoice",
        "--to",
        "2026-03-31",
    ]);
    let ids: Vec<&str> = exported
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(2).expect("an id"))
        .collect();
    assert_eq!(ids, ["INV-1", "INV-2"]);
}

#[test]
fn an_unknown_contact_or_document_names_the_nearest_ids() {
    let book = book();
    book.folio(&["entries", "--contact", "acm"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains(
            "no contact `acm`; did you mean `acme`?",
        ));
    book.folio(&["entries", "--ref", "INV-11"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains(
            "no document `INV-11` in this book; did you mean `INV-1`",
        ));
    book.folio(&["explain", "INV-5"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains(
            "did you mean `INV-1`, `INV-2` or `INV-3`?",
        ));
}

#[test]
fn documents_shows_each_documents_status_and_open_amount() {
    let rows = book().json(&["documents", "--as-of", "2026-05-01"]);
    let status = |id: &str| {
        let row = rows
            .as_array()
            .and_then(|rows| rows.iter().find(|row| row["id"] == id))
            .unwrap_or_else(|| panic!("{id} in {rows}"));
        (
            row["status"].as_str().unwrap_or_default().to_string(),
            row["open"].as_str().unwrap_or_default().to_string(),
        )
    };
    assert_eq!(status("INV-1"), ("paid".into(), "0.00".into()));
    assert_eq!(status("INV-2"), ("overdue".into(), "250.00".into()));
    assert_eq!(status("INV-3"), ("open".into(), "300.00".into()));
    assert_eq!(status("INV-4"), ("void".into(), "0.00".into()));
    assert_eq!(status("INV-B"), ("overdue".into(), "800.00".into()));
    assert_eq!(status("CN-1"), ("paid".into(), "0.00".into()));
    assert_eq!(status("BILL-1"), ("paid".into(), "0.00".into()));
    assert!(
        rows.as_array()
            .is_some_and(|rows| rows.iter().all(|r| r["id"] != "PAY-1"))
    );
    let keys = [
        "id", "kind", "date", "due", "contact", "currency", "amount", "open", "status",
    ];
    for key in keys {
        assert!(rows[0].get(key).is_some(), "key {key} in {}", rows[0]);
    }
    let before_due = book().json(&["documents", "--as-of", "2026-03-20", "--contact", "acme"]);
    let inv2 = before_due
        .as_array()
        .and_then(|rows| rows.iter().find(|row| row["id"] == "INV-2"))
        .expect("INV-2");
    assert_eq!(inv2["status"], "partial");
}

#[test]
fn documents_status_open_lists_everything_still_unpaid() {
    let book = book();
    let unpaid = book.json(&[
        "documents",
        "--kind",
        "invoice",
        "--status",
        "open",
        "--as-of",
        "2026-05-01",
    ]);
    assert_eq!(ids(&unpaid), ["INV-B", "INV-2", "INV-3"]);
    let overdue = book.json(&["documents", "--status", "overdue", "--as-of", "2026-05-01"]);
    assert_eq!(ids(&overdue), ["INV-B", "INV-2"]);
    let bills = book.json(&["documents", "--kind", "bill", "--as-of", "2026-05-01"]);
    assert_eq!(ids(&bills), ["BILL-1"]);
    let void = book.json(&[
        "documents",
        "--status",
        "void",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--as-of",
        "2026-05-01",
    ]);
    assert_eq!(ids(&void), ["INV-4"]);
}

fn quote(book: &TestBook, date: &str, valid_until: &str) -> String {
    book.stdout(&[
        "quote",
        "sablon",
        "--date",
        date,
        "--valid-until",
        valid_until,
        "--item",
        "Plan",
        "--price",
        "100",
        "--vat",
        "21",
    ])
    .trim()
    .to_string()
}

#[test]
fn quote_list_shows_open_accepted_and_expired_quotes() {
    let book = crate::documents::book();
    let accepted = quote(&book, "2026-03-01", "2026-03-31");
    let expired = quote(&book, "2026-03-02", "2026-03-05");
    let open = quote(&book, "2026-03-03", "2026-12-31");
    book.stdout(&["quote", "accept", &accepted, "--date", "2026-03-10"]);
    let all = book.json(&["quote", "list", "--as-of", "2026-04-01"]);
    assert_eq!(ids(&all), [&accepted, &expired, &open]);
    assert_eq!(all[0]["status"], "accepted");
    assert_eq!(all[0]["amount"], "121.00");
    assert!(all[0]["invoice"].is_string());
    assert_eq!(all[1]["status"], "expired");
    assert_eq!(all[2]["status"], "open");
    let open_only = book.json(&["quote", "list", "--status", "open", "--as-of", "2026-04-01"]);
    assert_eq!(ids(&open_only), [&open]);
    let in_documents = book.json(&[
        "documents",
        "--kind",
        "quote",
        "--status",
        "expired",
        "--as-of",
        "2026-04-01",
    ]);
    assert_eq!(ids(&in_documents), [&expired]);
}

#[test]
fn documents_come_by_date_then_id_whatever_the_journal_order_with_quotes_among_them() {
    let book = crate::documents::book()
        .contact("sup", "name = \"Supplies SRL\"\nroles = [\"supplier\"]\n")
        .journal(
            "2026",
            "2026-03-02 invoice INV-9 sablon 10 due:2026-04-01\n\
             2026-03-01 bill A-7 sup 20 due:2026-04-01\n\
             2026-03-01 invoice ZZ-1 sablon 30 due:2026-04-01\n\
             2026-03-01 payment PAY-1 sablon 10 ref:ZZ-1\n\
             2026-03-01 invoice INV-1 sablon 40 due:2026-04-01\n\
             2026-02-28 credit CN-1 sablon 5 ref:INV-1\n",
        );
    let quoted = quote(&book, "2026-03-01", "2026-03-31");
    let rows = book.json(&["documents", "--as-of", "2026-03-31"]);
    assert_eq!(
        ids(&rows),
        ["CN-1", "A-7", "INV-1", quoted.as_str(), "ZZ-1", "INV-9"]
    );
    assert_eq!(rows[3]["kind"], "quote");
    assert_eq!(rows[4]["status"], "partial");
}
