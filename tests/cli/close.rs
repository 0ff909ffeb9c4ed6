//! `folio close` and `folio reopen`: a closed period refuses new entries and `check` names every
//! entry or document of it that changed, was added or removed since the close.

use crate::util::TestBook;

const JOURNAL: &str = "\
2026-07-10 invoice INV-2026-0001 acme 100.00 ; July work
2026-08-05 payment PAY-2026-0001 acme 100.00 ref:INV-2026-0001
2026-09-20 invoice INV-2026-0002 acme 250.00
2026-10-02 invoice INV-2026-0003 acme 80.00
";

fn book() -> TestBook {
    TestBook::new().customer("acme").journal("2026", JOURNAL)
}

fn journal_path(book: &TestBook) -> std::path::PathBuf {
    book.path().join("journal/2026.journal")
}

/// Runs `check`, asserts it exits 65, and returns its stderr.
fn check_fails(book: &TestBook) -> String {
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    stderr
}

fn edit(book: &TestBook, from: &str, to: &str) {
    let path = journal_path(book);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_closed_quarter_refuses_entries_dated_in_it_and_takes_later_ones() {
    let book = book();
    let closed = book.stdout(&["close", "2026-Q3", "--memo", "Q3 VAT filed"]);
    assert!(
        closed.starts_with("closed through 2026-09-30: 3 entries, 0 documents, sha256:"),
        "{closed}"
    );
    let journal = std::fs::read_to_string(book.path().join("closes.journal")).unwrap();
    let line = journal.lines().last().unwrap();
    assert!(line.contains(" close 2026-09-30 sha256:"), "{line}");
    assert!(
        line.ends_with("entries:3 documents:0 ; Q3 VAT filed"),
        "{line}"
    );

    let output = book
        .folio(&["invoice", "acme", "50", "--date", "2026-09-30"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("2026-09-30 is in a closed period: the close through 2026-09-30 (")
            && stderr.contains("closes.journal:3)"),
        "{stderr}"
    );
    let output = book
        .folio(&["payment", "acme", "50", "--date", "2026-07-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(
        !std::fs::read_to_string(journal_path(&book))
            .unwrap()
            .contains("50 ")
    );

    book.stdout(&["invoice", "acme", "50", "--date", "2026-10-05"]);
    book.stdout(&["check"]);
}

#[test]
fn an_import_into_a_closed_period_is_refused_whole() {
    let book = book().file(
        "rows.csv",
        "date,kind,id,contact,amount\n2026-10-20,invoice,INV-X-1,acme,10\n2026-09-01,invoice,INV-X-2,acme,10\n",
    );
    book.stdout(&["close", "2026-09"]);
    let before = std::fs::read_to_string(journal_path(&book)).unwrap();
    let rows = book.path().join("rows.csv");
    let output = book
        .folio(&["import", "entries", rows.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("2026-09-01 is in a closed period"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(journal_path(&book)).unwrap(),
        before
    );
}

#[test]
fn a_closed_entry_edited_by_hand_is_named_by_check() {
    let book = book();
    book.stdout(&["close", "--to", "2026-09-30"]);
    // Layout alone (what `folio fmt` changes) is not a change.
    edit(&book, "acme 100.00 ; July", "acme    100.00   ;   July");
    book.stdout(&["check"]);
    edit(&book, "250.00", "205.00");
    let stderr = check_fails(&book);
    assert!(
        stderr.contains("2026.journal:3:1: error: INV-2026-0002 is in the period closed by the close through 2026-09-30"),
        "{stderr}"
    );
    assert!(
        stderr.contains("its line has changed since the close"),
        "{stderr}"
    );
    assert!(!stderr.contains("INV-2026-0001"), "{stderr}");
}

#[test]
fn a_line_added_to_or_removed_from_a_closed_period_is_named() {
    let book = book();
    book.stdout(&["close", "2026-Q3"]);
    edit(
        &book,
        "2026-08-05 payment PAY-2026-0001 acme 100.00 ref:INV-2026-0001\n",
        "",
    );
    let mut text = std::fs::read_to_string(journal_path(&book)).unwrap();
    text.push_str("2026-09-29 invoice INV-2026-0009 acme 5.00\n");
    std::fs::write(journal_path(&book), text).unwrap();
    let stderr = check_fails(&book);
    assert!(
        stderr.contains(
            "INV-2026-0009 dated 2026-09-29 was added to the period closed by the close through 2026-09-30"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("closes/2026-09-30.digest:4:1: error: PAY-2026-0001 dated 2026-08-05 was in the period closed"),
        "{stderr}"
    );
    assert!(stderr.contains("is no longer in the book"), "{stderr}");
    // An entry dated out of the period is gone from it too.
    let book = crate::close::book();
    book.stdout(&["close", "2026-Q3"]);
    edit(&book, "2026-09-20 invoice", "2026-10-20 invoice");
    let stderr = check_fails(&book);
    assert!(
        stderr.contains("INV-2026-0002 dated 2026-09-20 was in the period"),
        "{stderr}"
    );
}

#[test]
fn a_changed_document_of_a_closed_invoice_is_named() {
    let book = TestBook::with_company().customer("acme");
    let id = book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Work",
        "--price",
        "100",
        "--vat",
        "21",
        "--date",
        "2026-08-10",
    ]);
    let id = id.trim().to_string();
    let closed = book.stdout(&["close", "2026-Q3"]);
    assert!(closed.contains(": 1 entries, 1 documents,"), "{closed}");
    let document = book.path().join(format!("documents/{id}.toml"));
    let text = std::fs::read_to_string(&document).unwrap();
    std::fs::write(&document, text.replacen("Work", "Other work", 1)).unwrap();
    let stderr = check_fails(&book);
    assert!(
        stderr.contains(&format!(
            "{id} is in the period closed by the close through 2026-09-30"
        )) && stderr.contains("its document has changed since the close"),
        "{stderr}"
    );
}

#[test]
fn a_reopened_period_takes_entries_again_and_a_new_close_seals_them() {
    let book = book();
    book.stdout(&["close", "2026-Q3"]);
    edit(&book, "250.00", "260.00");
    check_fails(&book);
    let output = book.folio(&["reopen", "2026-Q3"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "--reason is required");
    let reopened = book.stdout(&[
        "reopen",
        "2026-Q3",
        "--reason",
        "wrong amount on INV-2026-0002",
    ]);
    assert!(
        reopened.contains("reopened the period through 2026-09-30"),
        "{reopened}"
    );
    let journal = std::fs::read_to_string(book.path().join("closes.journal")).unwrap();
    assert!(
        journal.ends_with(" reopen 2026-09-30 ; wrong amount on INV-2026-0002\n"),
        "{journal}"
    );
    book.stdout(&["check"]);
    book.stdout(&["payment", "acme", "30", "--date", "2026-09-25"]);
    let closed = book.stdout(&["close", "2026-Q3"]);
    assert!(closed.contains(": 4 entries,"), "{closed}");
    book.stdout(&["check"]);
    // Nothing left to reopen at that date once reopened twice.
    book.stdout(&["reopen", "2026-Q3", "--reason", "again"]);
    let output = book
        .folio(&["reopen", "2026-Q3", "--reason", "once more"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
}

#[test]
fn closes_are_cumulative_and_the_latest_is_reopened_first() {
    let book = book();
    book.stdout(&["close", "2026-07"]);
    book.stdout(&["close", "2026-Q3"]);
    let again = book.stdout(&["close", "2026-08"]);
    assert!(
        again.contains("2026-08-31 is already closed by the close through 2026-09-30"),
        "{again}"
    );
    let output = book
        .folio(&["reopen", "2026-07", "--reason", "x"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(stderr.contains("reopen it first"), "{stderr}");
    book.stdout(&["reopen", "2026-Q3", "--reason", "x"]);
    // The July close binds again on its own.
    let output = book
        .folio(&["payment", "acme", "5", "--date", "2026-07-31"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    book.stdout(&["payment", "acme", "5", "--date", "2026-08-01"]);
}

#[test]
fn each_of_several_closes_names_the_changes_in_its_own_period() {
    let book = book();
    book.stdout(&["close", "2026-07"]);
    book.stdout(&["close", "2026-Q3"]);
    book.stdout(&["check"]);
    let in_july = "INV-2026-0001 is in the period closed by the close through 2026-07-31";
    let in_q3 = |id: &str| format!("{id} is in the period closed by the close through 2026-09-30");
    edit(&book, "250.00", "205.00");
    let stderr = check_fails(&book);
    assert!(stderr.contains(&in_q3("INV-2026-0002")), "{stderr}");
    assert!(!stderr.contains("through 2026-07-31"), "{stderr}");
    edit(&book, "acme 100.00 ;", "acme 101.00 ;");
    let stderr = check_fails(&book);
    assert!(stderr.contains(in_july), "{stderr}");
    assert!(stderr.contains(&in_q3("INV-2026-0001")), "{stderr}");
}

#[test]
fn close_list_shows_every_close_as_a_table_and_json() {
    let book = book();
    book.stdout(&["close", "2026-Q3", "--memo", "Q3 VAT filed"]);
    book.stdout(&["reopen", "2026-Q3", "--reason", "late credit note"]);
    let table = book.stdout(&["close", "--list"]);
    assert!(table.contains("through"), "{table}");
    assert!(
        table.contains("2026-09-30") && table.contains("reopened"),
        "{table}"
    );
    assert!(table.contains("late credit note"), "{table}");
    let json = book.json(&["close", "--list"]);
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["through"], "2026-09-30");
    assert_eq!(row["status"], "reopened");
    assert_eq!(row["entries"], 3);
    assert_eq!(row["documents"], 0);
    assert_eq!(row["memo"], "Q3 VAT filed");
    assert_eq!(row["reason"], "late credit note");
    assert!(row["digest"].as_str().unwrap().starts_with("sha256:"));
}

#[test]
fn a_period_is_a_month_a_quarter_a_year_or_a_date_given_with_to() {
    for (args, through) in [
        (vec!["close", "2026-Q2"], "2026-06-30"),
        (vec!["close", "2026-q2"], "2026-06-30"),
        (vec!["close", "2026-02"], "2026-02-28"),
        (vec!["close", "2025"], "2025-12-31"),
        (vec!["close", "--to", "2026-05-15"], "2026-05-15"),
    ] {
        let book = book();
        let out = book.stdout(&args);
        assert!(
            out.starts_with(&format!("closed through {through}:")),
            "{args:?}: {out}"
        );
    }
    for bad in [
        vec!["close", "2026-Q5"],
        vec!["close", "2026-13"],
        vec!["close", "Q3"],
        vec!["close", "2026-09-30"],
        vec!["close"],
        vec!["close", "2026-Q3", "--to", "2026-09-30"],
        vec!["reopen", "soon", "--reason", "x"],
    ] {
        let book = book();
        let output = book.folio(&bad).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        assert!(!book.path().join("closes.journal").exists(), "{bad:?}");
    }
}

#[test]
fn the_digest_is_the_sha256_of_the_snapshot_rows() {
    let book = book();
    let out = book.stdout(&["close", "2026-Q3"]);
    let digest = out
        .split("sha256:")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let snapshot = std::fs::read_to_string(book.path().join("closes/2026-09-30.digest")).unwrap();
    let rows: String = snapshot
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(rows.lines().count(), 3);
    assert!(rows.starts_with("2026-07-10 INV-2026-0001 "), "{rows}");
    // A snapshot edited to hide a change is caught: it no longer gives the close's digest.
    std::fs::write(
        book.path().join("closes/2026-09-30.digest"),
        snapshot.replace("2026-08-05 PAY", "2026-08-06 PAY"),
    )
    .unwrap();
    let warning = book.stdout(&["check"]);
    assert!(warning.contains("1 warning(s)"), "{warning}");
    edit(&book, "250.00", "251.00");
    let stderr = check_fails(&book);
    assert!(stderr.contains("no longer give the digest"), "{stderr}");
    assert!(!digest.is_empty());
}

#[test]
fn a_changed_received_document_of_a_closed_bill_is_named() {
    let book = TestBook::new()
        .contact("sup", "name = \"Supplier\"\nroles = [\"supplier\"]\n")
        .file("documents/received/sup/B-1.xml", "<Invoice>one</Invoice>\n")
        .journal(
            "2026",
            "2026-08-01 bill B-1 sup 121.00 ubl:documents/received/sup/B-1.xml\n",
        );
    let closed = book.stdout(&["close", "2026-Q3"]);
    assert!(closed.contains(": 1 entries, 1 documents,"), "{closed}");
    book.stdout(&["check"]);
    std::fs::write(
        book.path().join("documents/received/sup/B-1.xml"),
        "<Invoice>two</Invoice>\n",
    )
    .unwrap();
    let stderr = check_fails(&book);
    assert!(
        stderr.contains("B-1 is in the period closed by the close through 2026-09-30")
            && stderr.contains("its document has changed since the close"),
        "{stderr}"
    );
    std::fs::remove_file(book.path().join("documents/received/sup/B-1.xml")).unwrap();
    let stderr = check_fails(&book);
    assert!(
        stderr.contains("its document was removed since the close"),
        "{stderr}"
    );
}
