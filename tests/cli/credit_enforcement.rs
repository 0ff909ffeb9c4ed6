//! `[credit] enforce = true`: every command that raises a customer's exposure, and `quote
//! accept`, refuses what `folio credit check` refuses, unless `--override-credit REASON`.

use crate::util::TestBook;

const ENFORCED: &str = "name = \"T\"\ncurrency = \"EUR\"\n[credit]\nenforce = true\n";

/// Credit is judged as of today, so the book's entries are dated today; due far ahead, so
/// nothing is on hold unless a test says so.
fn book(config: &str) -> (TestBook, String) {
    let today = chrono::Local::now().date_naive();
    let year = today.format("%Y").to_string();
    let book = TestBook::with_config(&format!("{config}\n{}", crate::util::COMPANY))
        .contact("acme", "name = \"Acme\"\ncredit_limit = \"1000.00\"\n")
        .contact("late", "name = \"Late Payer\"\n")
        .journal(
            &year,
            &format!("{today} invoice INV-1 acme 900 due:2099-12-31\n"),
        )
        .journal("2020", "2020-01-01 invoice INV-2 late 50 due:2020-01-31\n");
    (book, year)
}

fn run(book: &TestBook, args: &[&str]) -> (Option<i32>, String, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn journal(book: &TestBook, year: &str) -> String {
    std::fs::read_to_string(book.path().join(format!("journal/{year}.journal"))).unwrap()
}

#[test]
fn enforce_in_folio_toml_refuses_an_invoice_over_the_limit_with_exit_1() {
    let (book, year) = book(ENFORCED);
    let before = journal(&book, &year);
    let (code, _, stderr) = run(&book, &["invoice", "acme", "200"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("would exceed its limit") && stderr.contains("nothing was recorded"),
        "{stderr}"
    );
    let (code, _, stderr) = run(
        &book,
        &[
            "invoice", "acme", "--item", "Work", "--price", "200", "--vat", "21",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(journal(&book, &year), before);
    assert!(!book.path().join("documents").exists());
    // Within the limit, and kinds that lower exposure, go through.
    book.stdout(&["invoice", "acme", "100"]);
    book.stdout(&["payment", "late", "1"]);
}

#[test]
fn a_customer_on_hold_is_refused_an_invoice_and_a_refund() {
    let (book, _) = book(ENFORCED);
    let (code, _, stderr) = run(&book, &["invoice", "late", "1"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("on credit hold"), "{stderr}");
    let (code, _, _) = run(&book, &["refund", "late", "1"]);
    assert_eq!(code, Some(1));
}

#[test]
fn without_enforce_nothing_is_refused_unless_enforce_credit_asks() {
    let (book, _) = book("name = \"T\"\ncurrency = \"EUR\"\n");
    book.stdout(&["invoice", "late", "1"]);
    let (code, _, _) = run(&book, &["invoice", "late", "1", "--enforce-credit"]);
    assert_eq!(code, Some(1));
}

#[test]
fn override_credit_records_the_reason_on_the_line() {
    let (book, year) = book(ENFORCED);
    let id = book.stdout(&[
        "invoice",
        "acme",
        "500",
        "--override-credit",
        "approved by Ann",
    ]);
    let line = journal(&book, &year)
        .lines()
        .find(|line| line.contains(id.trim()))
        .unwrap()
        .to_string();
    assert!(line.contains(" override-credit:approved_by_Ann"), "{line}");
    // An entry the check allows carries no override.
    std::fs::write(book.path().join("contacts/new.toml"), "name = \"New\"\n").unwrap();
    book.stdout(&[
        "invoice",
        "new",
        "--item",
        "Fee",
        "--price",
        "1",
        "--vat",
        "21",
        "--override-credit",
        "x",
    ]);
    assert!(
        !journal(&book, &year)
            .lines()
            .last()
            .unwrap()
            .contains("override-credit")
    );
    let (code, _, _) = run(&book, &["invoice", "acme", "1", "--override-credit", "a;b"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = run(&book, &["payment", "acme", "1", "--override-credit", "x"]);
    assert_eq!(code, Some(2));
}

#[test]
fn quote_accept_refuses_a_customer_on_hold_when_credit_is_enforced() {
    let (book, year) = book(ENFORCED);
    let quote = book.stdout(&[
        "quote", "late", "--item", "Lamp", "--price", "10", "--vat", "21",
    ]);
    let quote = quote.trim();
    let before = journal(&book, &year);
    let (code, _, stderr) = run(&book, &["quote", "accept", quote]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("on credit hold"), "{stderr}");
    assert_eq!(journal(&book, &year), before);
    let quote_file =
        std::fs::read_to_string(book.path().join(format!("quotes/{quote}.toml"))).unwrap();
    assert!(!quote_file.contains("accepted"), "{quote_file}");
    let invoice = book.stdout(&[
        "quote",
        "accept",
        quote,
        "--override-credit",
        "paid upfront",
    ]);
    let text = journal(&book, &year);
    assert!(
        text.contains(&format!("{} late", invoice.trim()))
            && text.contains("override-credit:paid_upfront"),
        "{text}"
    );
}
