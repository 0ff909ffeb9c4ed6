//! Invoice and credit-note numbers follow their dates: recording refuses a document dated before
//! a lower-numbered one of its sequence (unless `--allow-backdate`, recorded on the line), and
//! `check` warns when numbers and dates disagree.

use crate::util::TestBook;

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap_or_default()
}

fn run(book: &TestBook, args: &[&str]) -> (Option<i32>, String, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn issued() -> TestBook {
    TestBook::with_company().customer("acme").journal(
        "2026",
        "2026-03-05 invoice INV-2026-0001 acme 100.00\n2026-03-06 credit CN-2026-0001 acme 10.00 ref:INV-2026-0001\n",
    )
}

#[test]
fn an_invoice_dated_before_the_latest_of_its_sequence_is_refused_naming_it() {
    let book = issued();
    let before = journal(&book);
    let (status, _, stderr) = run(&book, &["invoice", "acme", "50", "--date", "2026-03-01"]);
    assert_eq!(status, Some(65), "{stderr}");
    assert!(
        stderr.contains("INV-2026-0001 (/")
            && stderr.contains("/journal/2026.journal:1:20), dated 2026-03-05"),
        "{stderr}"
    );
    assert!(stderr.contains("date it 2026-03-05 or later"), "{stderr}");
    assert!(stderr.contains("--allow-backdate"), "{stderr}");
    assert_eq!(journal(&book), before, "nothing is written");

    // With items, neither the line nor the document is written.
    let (status, _, stderr) = run(
        &book,
        &[
            "invoice",
            "acme",
            "--date",
            "2026-03-01",
            "--item",
            "Work",
            "--price",
            "50",
            "--vat",
            "21",
        ],
    );
    assert_eq!(status, Some(65), "{stderr}");
    assert_eq!(journal(&book), before);
    assert!(!book.path().join("documents").exists());

    // On the same day as the latest, or later, the next number is taken.
    let (status, stdout, stderr) = run(&book, &["invoice", "acme", "50", "--date", "2026-03-05"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(stdout, "INV-2026-0002\n");
}

#[test]
fn allow_backdate_records_the_invoice_marked_and_check_accepts_it() {
    let book = issued();
    let (status, stdout, stderr) = run(
        &book,
        &[
            "invoice",
            "acme",
            "50",
            "--date",
            "2026-03-01",
            "--allow-backdate",
        ],
    );
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(stdout, "INV-2026-0002\n");
    assert!(stderr.contains("warning:"), "{stderr}");
    assert!(stderr.contains("recorded as backdated:yes"), "{stderr}");
    assert!(
        journal(&book).contains(
            "2026-03-01 invoice INV-2026-0002 acme 50 EUR due:2026-03-31 backdated:yes\n"
        ),
        "{}",
        journal(&book)
    );
    let (status, _, stderr) = run(&book, &["check", "--strict"]);
    assert_eq!(status, Some(0), "{stderr}");
}

#[test]
fn credit_notes_and_voids_follow_the_credit_note_sequence() {
    let book = issued();
    let (status, _, stderr) = run(
        &book,
        &[
            "credit-note",
            "acme",
            "5",
            "--ref",
            "INV-2026-0001",
            "--date",
            "2026-03-05",
        ],
    );
    assert_eq!(status, Some(65), "{stderr}");
    assert!(
        stderr.contains("/journal/2026.journal:2:19), dated 2026-03-06"),
        "{stderr}"
    );
    let (status, _, stderr) = run(&book, &["void", "INV-2026-0001", "--date", "2026-03-05"]);
    assert_eq!(status, Some(65), "{stderr}");
    let (status, stdout, stderr) = run(
        &book,
        &[
            "void",
            "INV-2026-0001",
            "--date",
            "2026-03-05",
            "--allow-backdate",
        ],
    );
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(stdout.trim(), "CN-2026-0002");
    assert!(
        journal(&book).contains("CN-2026-0002 acme 100.00 EUR ref:INV-2026-0001 backdated:yes"),
        "{}",
        journal(&book)
    );
    // An invoice is judged against invoices only.
    let (status, _, stderr) = run(&book, &["invoice", "acme", "1", "--date", "2026-03-05"]);
    assert_eq!(status, Some(0), "{stderr}");
}

#[test]
fn payments_and_other_years_are_not_held_to_the_order() {
    let book = issued();
    let (status, _, stderr) = run(&book, &["payment", "acme", "10", "--date", "2026-03-10"]);
    assert_eq!(status, Some(0), "{stderr}");
    let (status, _, stderr) = run(&book, &["payment", "acme", "10", "--date", "2026-03-01"]);
    assert_eq!(
        status,
        Some(0),
        "payments are recorded when the money is seen: {stderr}"
    );
    // A document of last year takes a number of last year's sequence.
    let (status, stdout, stderr) = run(&book, &["invoice", "acme", "1", "--date", "2025-12-31"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(stdout, "INV-2025-0001\n");
}

#[test]
fn an_id_given_below_a_later_number_is_refused_when_dated_after_it() {
    let book = issued();
    let (status, _, stderr) = run(
        &book,
        &[
            "invoice",
            "acme",
            "1",
            "--id",
            "INV-2026-0000",
            "--date",
            "2026-03-09",
        ],
    );
    assert_eq!(status, Some(65), "{stderr}");
    assert!(
        stderr.contains("is dated earlier with a higher number"),
        "{stderr}"
    );
    // An id outside the pattern is not part of the sequence.
    let (status, _, stderr) = run(
        &book,
        &[
            "invoice",
            "acme",
            "1",
            "--id",
            "SPECIAL-1",
            "--date",
            "2026-01-01",
        ],
    );
    assert_eq!(status, Some(0), "{stderr}");
}

#[test]
fn check_warns_when_numbers_and_dates_disagree_naming_both_documents() {
    let book = TestBook::new().customer("acme").journal(
        "2026",
        "2026-03-05 invoice INV-2026-0001 acme 10\n\
2026-03-01 invoice INV-2026-0002 acme 10\n\
2026-02-01 invoice INV-2026-0003 acme 10 backdated:yes\n\
2026-03-07 invoice INV-2026-0004 acme 10\n\
2026-03-06 credit CN-2026-0001 acme 1\n\
2026-03-02 credit CN-2026-0002 acme 1\n",
    );
    let (status, stdout, stderr) = run(&book, &["check"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stderr.contains(
        "journal/2026.journal:2:20: warning: invoice INV-2026-0002 is dated 2026-03-01, before INV-2026-0001 (/"
    ) && stderr.contains("/journal/2026.journal:1:20), dated 2026-03-05, which has a lower number"
    ), "{stderr}");
    assert!(stderr.contains(
        "journal/2026.journal:6:19: warning: credit CN-2026-0002 is dated 2026-03-02, before CN-2026-0001 (/"
    ) && stderr.contains("/journal/2026.journal:5:19), dated 2026-03-06"
    ), "{stderr}");
    assert!(
        !stderr.contains("INV-2026-0003 is dated"),
        "marked back-dated: {stderr}"
    );
    assert!(!stderr.contains("INV-2026-0004 is dated"), "{stderr}");
    assert!(stdout.contains("2 warning(s)"), "{stdout}");
    let (status, _, _) = run(&book, &["check", "--strict"]);
    assert_eq!(status, Some(1));
}

#[test]
fn a_recurring_invoice_dated_before_the_latest_stays_due_unless_allowed() {
    let book = TestBook::new()
        .contact(
            "acme",
            "name = \"Acme\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = \"2026-02-01\"\nend = \"2026-02-28\"\namount = \"100\"\n",
        )
        .journal("2026", "2026-02-15 invoice INV-2026-0001 acme 10\n");
    let (status, _, stderr) = run(&book, &["recur", "--as-of", "2026-03-05"]);
    assert_ne!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains("dated 2026-02-15, is dated later"),
        "{stderr}"
    );
    assert_eq!(journal(&book).lines().count(), 1);
    let (status, _, stderr) = run(
        &book,
        &["recur", "--as-of", "2026-03-05", "--allow-backdate"],
    );
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        journal(&book).contains("2026-02-01 invoice INV-2026-0002 acme 100 EUR due:2026-03-03 recur:acme/1:2026-02 backdated:yes"),
        "{}",
        journal(&book)
    );
}
