//! `folio balance`: rows, filters, formats.

use crate::util::TestBook;
use serde_json::json;

fn book() -> TestBook {
    TestBook::new()
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nroles = [\"customer\", \"supplier\"]\n",
        )
        .contact("zhang", "name = \"张伟贸易\"\ncurrency = \"CNY\"\n")
        .journal(
            "2026",
            "2026-01-15 invoice INV-1 acme 1210.00 due:2026-02-14\n\
             2026-01-20 invoice INV-2 acme 100 USD due:2026-01-30\n\
             2026-02-10 payment PAY-1 acme 1000.00 ref:INV-1\n\
             2026-03-01 invoice INV-3 zhang 8800.5\n\
             2026-03-02 bill B-1 acme 300 ; office chairs\n\
             2026-03-05 payout PO-1 acme 300 ref:B-1\n",
        )
}

#[test]
fn one_row_per_contact_and_currency_sorted() {
    let rows = book().json(&["balance", "--as-of", "2026-03-31"]);
    assert_eq!(
        rows,
        json!([
            {"contact": "acme", "name": "Acme Trading BV", "currency": "EUR", "debits": "1210.00",
             "credits": "1000.00", "balance": "210.00", "overdue": "210.00"},
            {"contact": "acme", "name": "Acme Trading BV", "currency": "USD", "debits": "100.00",
             "credits": "0.00", "balance": "100.00", "overdue": "100.00"},
            {"contact": "zhang", "name": "张伟贸易", "currency": "CNY", "debits": "8800.50",
             "credits": "0.00", "balance": "8800.50", "overdue": "0.00"}
        ])
    );
}

#[test]
fn as_of_filters_and_zero_balances_stay() {
    let rows = book().json(&["balance", "--as-of", "2026-01-31"]);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["overdue"], "100.00");
    assert_eq!(
        book().json(&["balance", "--as-of", "2025-12-31"]),
        json!([])
    );
    let payables = book().json(&["balance", "--payables", "--as-of", "2026-12-31"]);
    assert_eq!(
        payables,
        json!([{"contact": "acme", "name": "Acme Trading BV", "currency": "EUR", "debits": "300.00",
                "credits": "300.00", "balance": "0.00", "overdue": "0.00"}])
    );
}

#[test]
fn contact_and_currency_filters() {
    let rows = book().json(&[
        "balance",
        "--as-of",
        "2026-12-31",
        "--contact",
        "acme",
        "--currency",
        "USD",
    ]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["currency"], "USD");
    book()
        .folio(&["balance", "--contact", "acm"])
        .assert()
        .code(66)
        .stderr(predicates::str::contains("did you mean `acme`"));
    book()
        .folio(&["balance", "--currency", "eur"])
        .assert()
        .code(2);
    book()
        .folio(&["balance", "--as-of", "2026-02-30"])
        .assert()
        .code(2);
}

#[test]
fn csv_and_table() {
    let csv = book().stdout(&["balance", "--as-of", "2026-03-31", "--format", "csv"]);
    assert_eq!(
        csv,
        "contact,name,currency,debits,credits,balance,overdue\n\
         acme,Acme Trading BV,EUR,1210.00,1000.00,210.00,210.00\n\
         acme,Acme Trading BV,USD,100.00,0.00,100.00,100.00\n\
         zhang,张伟贸易,CNY,8800.50,0.00,8800.50,0.00\n"
    );
    let table = book().stdout(&["balance", "--as-of", "2026-03-31"]);
    insta::assert_snapshot!(table);
    // FOLIO_FORMAT sets the default format; the flag wins.
    let from_env = book()
        .folio(&["balance", "--as-of", "2026-03-31"])
        .env("FOLIO_FORMAT", "csv")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(from_env.stdout).unwrap(), csv);
}

#[test]
fn book_option_after_the_subcommand() {
    let book = book();
    let output = crate::util::folio()
        .args([
            "balance",
            "--as-of",
            "2026-03-31",
            "--format",
            "json",
            "--book",
        ])
        .arg(book.path())
        .output()
        .unwrap();
    assert!(output.status.success());
}

#[test]
fn closed_pipe_is_not_an_error() {
    let book = book();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--book")
        .arg(book.path())
        .args(["balance", "--as-of", "2026-03-31"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert!(
        status.code() == Some(0) || status.code().is_none(),
        "{status:?}"
    );
}
