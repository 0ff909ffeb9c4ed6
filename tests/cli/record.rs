//! `folio invoice|payment|credit-note|refund|bill|payout|debit-note` and `folio void`: entries
//! from the command line, numbered, checked against the book, appended as one line.

use crate::util::TestBook;
use std::time::Duration;

fn book() -> TestBook {
    TestBook::new()
        .contact("acme", "name = \"Acme Trading BV\"\nterms = 14\n")
        .contact("beta", "name = \"Beta\"\ncurrency = \"USD\"\n")
        .contact(
            "paper",
            "name = \"Papeterie Moreau\"\nroles = [\"supplier\"]\n",
        )
}

fn journal(book: &TestBook, year: &str) -> String {
    std::fs::read_to_string(book.path().join(format!("journal/{year}.journal"))).unwrap_or_default()
}

fn code(book: &TestBook, args: &[&str]) -> (Option<i32>, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_kind_is_numbered_and_appended_as_one_line() {
    let book = book();
    let run = |args: &[&str]| book.stdout(args).trim().to_string();
    assert_eq!(
        run(&[
            "invoice",
            "acme",
            "1210.00",
            "--date",
            "2026-01-15",
            "--memo",
            "consulting, January"
        ]),
        "INV-2026-0001"
    );
    assert_eq!(
        run(&[
            "invoice",
            "acme",
            "500",
            "--date",
            "2026-01-20",
            "--due",
            "2026-03-01",
            "--meta",
            "po=4711"
        ]),
        "INV-2026-0002"
    );
    assert_eq!(
        run(&[
            "payment",
            "acme",
            "1000",
            "--ref",
            "INV-2026-0001",
            "--date",
            "2026-02-10",
            "--meta",
            "method:bank"
        ]),
        "PAY-2026-00001"
    );
    assert_eq!(
        run(&[
            "credit-note",
            "acme",
            "210",
            "--ref",
            "INV-2026-0001",
            "--date",
            "2026-02-12"
        ]),
        "CN-2026-0001"
    );
    assert_eq!(
        run(&["refund", "beta", "5", "--date", "2026-02-13"]),
        "RF-2026-0001"
    );
    assert_eq!(
        run(&[
            "bill",
            "paper",
            "89.90",
            "--date",
            "2026-02-14",
            "--id",
            "PM-F-26-0001",
            "--terms",
            "10"
        ]),
        "PM-F-26-0001"
    );
    assert_eq!(
        run(&[
            "payout",
            "paper",
            "89.90",
            "--ref",
            "PM-F-26-0001",
            "--date",
            "2026-02-20"
        ]),
        "OUT-2026-00001"
    );
    assert_eq!(
        run(&[
            "debit-note",
            "paper",
            "9.90",
            "--date",
            "2026-02-21",
            "--currency",
            "EUR"
        ]),
        "DN-2026-0001"
    );
    assert_eq!(
        journal(&book, "2026"),
        "2026-01-15 invoice INV-2026-0001 acme 1210.00 EUR due:2026-01-29 ; consulting, January\n\
2026-01-20 invoice INV-2026-0002 acme 500 EUR due:2026-03-01 po:4711\n\
2026-02-10 payment PAY-2026-00001 acme 1000 EUR ref:INV-2026-0001 method:bank\n\
2026-02-12 credit CN-2026-0001 acme 210 EUR ref:INV-2026-0001\n\
2026-02-13 refund RF-2026-0001 beta 5 USD\n\
2026-02-14 bill PM-F-26-0001 paper 89.90 EUR due:2026-02-24\n\
2026-02-20 payout OUT-2026-00001 paper 89.90 EUR ref:PM-F-26-0001\n\
2026-02-21 debit DN-2026-0001 paper 9.90 EUR\n"
    );
    book.folio(&["check", "--strict"]).assert().success();
    let balance = book.json(&["balance", "--as-of", "2026-12-31", "--contact", "acme"]);
    assert_eq!(balance[0]["balance"], "500.00");
}

#[test]
fn numbering_follows_the_book_patterns_and_years() {
    let book = TestBook::with_config(
        "name = \"T\"\ncurrency = \"EUR\"\n[numbering]\ninvoice = \"F{year}/{seq:03}\"\ncredit = \"AV-{seq:05}\"\n",
    )
    .contact("acme", "name = \"A\"\n")
    .journal("2025", "2025-12-30 invoice F2025/041 acme 10\n")
    .journal("old", "2026-01-02 invoice F2026/007 acme 10\n2026-01-03 invoice MANUAL-1 acme 10\n");
    let run = |args: &[&str]| book.stdout(args).trim().to_string();
    assert_eq!(
        run(&["invoice", "acme", "1", "--date", "2026-03-01"]),
        "F2026/008"
    );
    assert_eq!(
        run(&["invoice", "acme", "1", "--date", "2025-12-31"]),
        "F2025/042"
    );
    assert_eq!(
        run(&["invoice", "acme", "1", "--date", "2027-01-01"]),
        "F2027/001"
    );
    assert_eq!(
        run(&["credit-note", "acme", "1", "--date", "2026-03-01"]),
        "AV-00001"
    );
    assert_eq!(
        run(&["credit-note", "acme", "1", "--date", "2027-03-01"]),
        "AV-00002",
        "no {{year}}: one sequence"
    );
    assert!(
        journal(&book, "2025")
            .ends_with("2025-12-31 invoice F2025/042 acme 1 EUR due:2026-01-30\n")
    );
    assert_eq!(
        journal(&book, "2027").lines().count(),
        2,
        "a new year gets a new file"
    );
    let (status, stderr) = code(&book, &["invoice", "acme", "1", "--id", "F2026/007"]);
    assert_eq!(status, Some(65));
    assert!(stderr.contains("already used at"), "{stderr}");
    let broken = TestBook::with_config("name = \"T\"\n[numbering]\ninvoice = \"INV-{month}\"\n");
    let (status, stderr) = code(&broken, &["check"]);
    assert_eq!(status, Some(65));
    assert!(stderr.contains("unknown field `{month}`"), "{stderr}");
}

#[test]
fn check_warns_about_gaps_and_repeated_numbers() {
    let book = TestBook::new().contact("acme", "name = \"A\"\n").journal(
        "2026",
        "2026-01-01 invoice INV-2026-0001 acme 10\n2026-01-02 invoice INV-2026-0002 acme 10\n\
2026-01-03 invoice INV-2026-0005 acme 10\n2026-01-04 invoice INV-2026-5 acme 10\n\
2026-01-05 credit CN-2026-0001 acme 1\n2026-01-06 credit CN-2026-0003 acme 1\n\
2026-01-07 invoice INV-2025-0009 acme 10\n2026-01-08 invoice OTHER-1 acme 10\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("journal/2026.journal:3:20: warning: gap in the invoice numbers before INV-2026-0005: INV-2026-0003 to INV-2026-0004 (2 numbers) are missing"), "{stderr}");
    assert!(
        stderr.contains("warning: invoice number 5 is used twice: INV-2026-5 and INV-2026-0005"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gap in the credit numbers before CN-2026-0003: CN-2026-0002 is missing"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 3, "{stderr}");
    book.folio(&["check", "--strict"]).assert().code(1);
}

#[test]
fn invalid_entries_are_refused_and_nothing_is_written() {
    let book = book().journal(
        "2026",
        "2026-01-01 invoice INV-1 acme 100\n2026-01-02 payment PAY-1 acme 50\n2026-01-03 invoice INV-B beta 10\n2026-01-04 bill B-1 paper 5\n",
    );
    let before = journal(&book, "2026");
    let cases: [(&[&str], i32, &str); 14] = [
        (&["invoice", "acme", "-5"], 2, ""),
        (&["invoice", "acme", "1,5"], 65, "invalid amount"),
        (&["invoice", "acme", "0"], 65, "strictly positive"),
        (&["invoice", "acme", "1.23456"], 65, "4 decimals"),
        (&["invoice", "acmee", "1"], 65, "did you mean `acme`"),
        (
            &["payment", "acme", "1", "--ref", "NOPE"],
            65,
            "names no document",
        ),
        (
            &["payment", "acme", "1", "--ref", "PAY-1"],
            65,
            "may only refer to an invoice or a refund",
        ),
        (
            &["payment", "acme", "1", "--ref", "INV-B"],
            65,
            "belongs to contact `beta`",
        ),
        (
            &[
                "payment",
                "beta",
                "1",
                "--ref",
                "INV-B",
                "--currency",
                "EUR",
            ],
            65,
            "same currency",
        ),
        (
            &["invoice", "acme", "1", "--ref", "INV-1"],
            2,
            "--ref is not allowed",
        ),
        (
            &["payment", "acme", "1", "--due", "2026-02-01"],
            2,
            "unexpected argument '--due'",
        ),
        (
            &["invoice", "acme", "1", "--id", "bad id"],
            65,
            "invalid document id",
        ),
        (
            &["invoice", "acme", "1", "--meta", "ref=INV-1"],
            2,
            "use --ref",
        ),
        (
            &["invoice", "acme", "1", "--memo", "two\nlines"],
            65,
            "line break",
        ),
    ];
    for (args, expected, message) in cases {
        let (status, stderr) = code(&book, args);
        assert_eq!(status, Some(expected), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(journal(&book, "2026"), before);
    book.folio(&[
        "invoice",
        "acme",
        "1",
        "--due",
        "2026-01-01",
        "--terms",
        "3",
    ])
    .assert()
    .code(2);
}

#[test]
fn a_book_with_errors_is_not_written_to() {
    let book = book().journal(
        "2026",
        "2026-01-01 invoice INV-1 acme 100\n2026-01-02 invoice INV-2 nobody 5\n",
    );
    let before = journal(&book, "2026");
    let (status, stderr) = code(&book, &["invoice", "acme", "1", "--date", "2026-02-01"]);
    assert_eq!(status, Some(65));
    assert!(
        stderr.contains("2026.journal:2:"),
        "the error is shown where it is: {stderr}"
    );
    assert_eq!(journal(&book, "2026"), before);
}

#[test]
fn a_last_line_without_newline_is_never_appended_after() {
    // A valid line may still be what a crash left of a longer one (`acme 1000.00` cut to
    // `acme 10`): recording waits until someone has looked at it and `fmt` has ended it.
    let unfinished = book().journal("2026", "2026-01-01 invoice INV-1 acme 100");
    let (status, stderr) = code(
        &unfinished,
        &["invoice", "acme", "1", "--date", "2026-02-01"],
    );
    assert_eq!(status, Some(65), "{stderr}");
    assert!(stderr.contains("2026.journal:1:34:"), "{stderr}");
    assert!(stderr.contains("folio fmt"), "{stderr}");
    unfinished.stdout(&["fmt"]);
    unfinished.stdout(&["invoice", "acme", "1", "--date", "2026-02-01"]);
    assert_eq!(
        journal(&unfinished, "2026"),
        "2026-01-01 invoice INV-1 acme 100\n2026-02-01 invoice INV-2026-0001 acme 1 EUR due:2026-02-15\n"
    );
    // A torn last line (a power cut mid-write) is an error `folio check` places; nothing is
    // appended after it until it is repaired.
    let torn = book().journal(
        "2026",
        "2026-01-01 invoice INV-1 acme 100\n2026-01-02 invoice INV-2 ac",
    );
    let (status, stderr) = code(&torn, &["invoice", "acme", "1", "--date", "2026-02-01"]);
    assert_eq!(status, Some(65));
    assert!(stderr.contains("2026.journal:2:"), "{stderr}");
    assert!(journal(&torn, "2026").ends_with("INV-2 ac"));
}

#[test]
fn warnings_are_printed_but_do_not_stop_recording() {
    let book = book();
    let output = book
        .folio(&[
            "invoice",
            "paper",
            "10",
            "--date",
            "2026-01-01",
            "--due",
            "2025-12-01",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("whose roles do not include customer"),
        "{stderr}"
    );
    assert!(stderr.contains("due date 2025-12-01 is before"), "{stderr}");
}

#[test]
fn void_credits_what_is_still_open() {
    let book = book().journal(
        "2026",
        "2026-01-01 invoice INV-1 acme 100 due:2026-01-31\n2026-01-10 payment PAY-1 acme 30 ref:INV-1\n\
2026-01-02 bill B-1 paper 80\n2026-01-03 invoice INV-2 acme 20\n2026-01-04 payment PAY-2 acme 20 ref:INV-2\n",
    );
    assert_eq!(
        book.stdout(&["void", "INV-1", "--date", "2026-02-01"]),
        "CN-2026-0001\n"
    );
    assert_eq!(
        book.stdout(&[
            "void",
            "B-1",
            "--date",
            "2026-02-01",
            "--memo",
            "wrong supplier"
        ]),
        "DN-2026-0001\n"
    );
    let text = journal(&book, "2026");
    assert!(
        text.ends_with(
            "2026-02-01 credit CN-2026-0001 acme 70.00 EUR ref:INV-1 ; void INV-1\n\
2026-02-01 debit DN-2026-0001 paper 80.00 EUR ref:B-1 ; wrong supplier\n"
        ),
        "{text}"
    );
    let (status, stderr) = code(&book, &["void", "INV-2", "--date", "2026-02-01"]);
    assert_eq!(status, Some(1));
    assert!(stderr.contains("nothing is open on INV-2"), "{stderr}");
    assert_eq!(
        code(&book, &["void", "INV-1", "--date", "2026-02-02"]).0,
        Some(1),
        "already voided"
    );
    assert_eq!(code(&book, &["void", "PAY-1"]).0, Some(2));
    assert_eq!(code(&book, &["void", "NOPE"]).0, Some(66));
    let balance = book.json(&["balance", "--as-of", "2026-12-31", "--contact", "acme"]);
    assert_eq!(balance[0]["balance"], "0.00");
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn enforce_credit_refuses_an_invoice_over_the_limit() {
    // Credit is judged as of today (or the entry's date when later), so the book is made today.
    let today = chrono::Local::now().date_naive();
    let year = today.format("%Y").to_string();
    let book = TestBook::new()
        .contact("acme", "name = \"A\"\ncredit_limit = \"1000.00\"\n")
        .journal(&year, &format!("{today} invoice INV-1 acme 900\n"));
    let (status, stderr) = code(&book, &["invoice", "acme", "200", "--enforce-credit"]);
    assert_eq!(status, Some(1));
    assert!(
        stderr.contains("refused") && stderr.contains("nothing was recorded"),
        "{stderr}"
    );
    book.stdout(&["invoice", "acme", "100", "--enforce-credit"]);
    assert_eq!(journal(&book, &year).lines().count(), 2);
    assert_eq!(
        code(&book, &["payment", "acme", "1", "--enforce-credit"]).0,
        Some(2)
    );
}

#[test]
fn a_held_lock_times_out_with_exit_75_naming_the_holder() {
    let book = book();
    let lock =
        folio::book::lock::BookLock::acquire(book.path(), Duration::ZERO, "folio fmt").unwrap();
    let started = std::time::Instant::now();
    let (status, stderr) = code(&book, &["invoice", "acme", "1", "--lock-timeout", "0.3"]);
    assert_eq!(status, Some(75), "{stderr}");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        stderr.contains("locked by another folio process") && stderr.contains("`folio fmt`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("pid {}", std::process::id())),
        "{stderr}"
    );
    drop(lock);
    book.stdout(&["invoice", "acme", "1", "--lock-timeout", "0.3"]);
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_symlink_out_of_the_book() {
    let outside = tempfile::tempdir().unwrap();
    let book = book();
    let journal_dir = book.path().join("journal");
    std::fs::remove_dir(&journal_dir).unwrap();
    std::os::unix::fs::symlink(outside.path(), &journal_dir).unwrap();
    let (status, stderr) = code(&book, &["invoice", "acme", "1"]);
    assert_eq!(status, Some(65), "{stderr}");
    assert!(stderr.contains("outside the book"), "{stderr}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}
