//! `folio recur`: recurring invoices issued once per period, caught up, listed, checked, and
//! issued once when two runs meet.

use crate::util::TestBook;
use std::process::{Command, Stdio};

const MONTHLY: &str = "name = \"Acme\"\n\n[[recurring]]\namount = \"100.00\"\nevery = \"month\"\nday = 1\nstart = 2026-01-01\nend = 2026-06-30\nmemo = \"retainer\"\n";

const QUARTERLY_ITEMS: &str = "name = \"Beta\"\n\n[[recurring]]\nid = \"hosting\"\nevery = \"quarter\"\nday = 15\nstart = 2026-01-01\nterms = 14\n\n[[recurring.items]]\ndescription = \"Hosting\"\nquantity = 3\nunit = \"month\"\nprice = \"50\"\nvat = \"21\"\n";

fn journal(book: &TestBook) -> String {
    let mut text = String::new();
    for year in ["2026", "2027"] {
        text.push_str(
            &std::fs::read_to_string(book.path().join(format!("journal/{year}.journal")))
                .unwrap_or_default(),
        );
    }
    text
}

fn run(book: &TestBook, args: &[&str]) -> (Option<i32>, String, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn recur_issues_each_period_once_and_catches_up_on_the_days_it_did_not_run() {
    let book = TestBook::with_company().contact("acme", MONTHLY);
    let first = book.json(&["recur", "--as-of", "2026-02-10"]);
    let periods: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2026-01", "2026-02"]);
    assert_eq!(first[0]["id"], "INV-2026-0001");
    assert_eq!(first[1]["date"], "2026-02-01");
    // The same day again: nothing twice.
    assert_eq!(
        book.json(&["recur", "--as-of", "2026-02-10"]),
        serde_json::json!([])
    );
    // Months later: March to June, and nothing past the end.
    let later = book.json(&["recur", "--as-of", "2026-12-31"]);
    assert_eq!(later.as_array().unwrap().len(), 4);
    let text = journal(&book);
    assert_eq!(text.lines().count(), 6, "{text}");
    assert!(
        text.contains(
            "2026-03-01 invoice INV-2026-0003 acme 100.00 EUR due:2026-03-31 recur:acme/1:2026-03 ; retainer"
        ),
        "{text}"
    );
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_dry_run_shows_the_numbers_it_would_give_and_writes_nothing() {
    let book = TestBook::with_company().contact("acme", MONTHLY);
    let (code, stdout, _) = run(&book, &["recur", "--dry-run", "--as-of", "2026-03-01"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("INV-2026-0003") && stdout.contains("dry run"),
        "{stdout}"
    );
    assert_eq!(journal(&book), "");
}

#[test]
fn itemised_recurring_invoices_get_a_document_like_invoice_item() {
    let book = TestBook::with_company().contact("beta", QUARTERLY_ITEMS);
    let issued = book.json(&["recur", "--as-of", "2026-04-20"]);
    assert_eq!(issued.as_array().unwrap().len(), 2);
    assert_eq!(issued[0]["amount"], "181.50");
    assert_eq!(issued[1]["period"], "2026-Q2");
    let text = journal(&book);
    assert!(
        text.contains("2026-04-15 invoice INV-2026-0002 beta 181.50 EUR due:2026-04-29 recur:beta/hosting:2026-Q2"),
        "{text}"
    );
    let document =
        std::fs::read_to_string(book.path().join("documents/INV-2026-0002.toml")).unwrap();
    assert!(document.contains("Hosting"), "{document}");
    let rendered = book.stdout(&["render", "INV-2026-0002", "--format", "txt"]);
    assert!(rendered.contains("181.50"), "{rendered}");
    // Numbering goes on from the recurring invoices for the next invoice typed by hand.
    let next = book.stdout(&["invoice", "beta", "10", "--date", "2026-05-01"]);
    assert_eq!(next.trim(), "INV-2026-0003");
}

#[test]
fn recur_list_shows_each_schedule_with_its_next_date_and_amount() {
    let book = TestBook::with_company()
        .contact("acme", MONTHLY)
        .contact("beta", QUARTERLY_ITEMS);
    book.stdout(&["recur", "--as-of", "2026-02-10"]);
    let list = book.json(&["recur", "--list", "--as-of", "2026-02-10"]);
    assert_eq!(list[0]["contact"], "acme");
    assert_eq!(list[0]["next_date"], "2026-03-01");
    assert_eq!(list[0]["amount"], "100.00");
    assert_eq!(list[0]["due_now"], 0);
    assert_eq!(list[1]["schedule"], "hosting");
    assert_eq!(list[1]["every"], "quarter");
    assert_eq!(list[1]["next_date"], "2026-04-15");
    assert_eq!(list[1]["amount"], "181.50");
    // Before any run, the first quarter is due now: it is what comes next.
    let fresh = TestBook::with_company().contact("beta", QUARTERLY_ITEMS);
    let due_now = fresh.json(&["recur", "--list", "--as-of", "2026-05-20"]);
    assert_eq!(due_now[0]["next_date"], "2026-01-15");
    assert_eq!(due_now[0]["due_now"], 2);
    let table = book.stdout(&["recur", "--list", "--as-of", "2026-02-10"]);
    assert!(
        table.contains("2026-03-01") && table.contains("181.50"),
        "{table}"
    );
}

#[test]
fn a_bad_schedule_is_an_error_at_its_line_and_column() {
    let body = "name = \"Acme\"\n\n[[recurring]]\namount = \"10\"\nevery = \"month\"\nday = 40\nstart = 2026-01-01\n\n[[recurring]]\nevery = \"year\"\nday = 1\nstart = 2026-01-01\n\n[[recurring]]\nevery = \"weekly\"\nday = 1\nstart = 2026-01-01\namount = \"5\"\n";
    let book = TestBook::with_company().contact("acme", body);
    let (code, _, stderr) = run(&book, &["check"]);
    assert_eq!(code, Some(65), "{stderr}");
    for expected in [
        "contacts/acme.toml:6:1: error: invalid `day` 40 for every = \"month\": expected 1 to 31",
        "contacts/acme.toml:9:1: error: a [[recurring]] invoice needs its [[recurring.items]] or an `amount`",
        "contacts/acme.toml:15:9: error: invalid `every` value `weekly`",
    ] {
        assert!(stderr.contains(expected), "missing {expected}:\n{stderr}");
    }
    let (code, _, _) = run(&book, &["recur"]);
    assert_eq!(code, Some(65));
}

#[test]
fn a_recurring_item_is_checked_as_a_document_item_at_its_key() {
    let body = "name = \"Acme\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n\n[[recurring.items]]\ndescription = \"Support\"\nprice = \"10\"\nvat = \"120\"\n";
    let book = TestBook::with_company().contact("acme", body);
    let (code, _, stderr) = run(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert!(
        stderr.contains("contacts/acme.toml:11:1: error: recurring item 1: VAT rate 120"),
        "{stderr}"
    );
}

#[test]
fn two_recur_runs_at_once_issue_each_invoice_once() {
    let mut book = TestBook::with_company();
    for i in 0..8 {
        book = book.contact(&format!("c{i}"), MONTHLY);
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("--book")
            .arg(book.path())
            .args(["recur", "--as-of", "2026-12-31", "--lock-timeout", "60"])
            .env_remove("FOLIO_BOOK")
            .env("FOLIO_CONFIG", "")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let runs: Vec<_> = (0..2).map(|_| spawn()).collect();
    for child in runs {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = journal(&book);
    let tags: std::collections::BTreeSet<&str> = text
        .lines()
        .filter_map(|line| line.split_whitespace().find(|f| f.starts_with("recur:")))
        .collect();
    assert_eq!(text.lines().count(), 8 * 6, "{text}");
    assert_eq!(tags.len(), 8 * 6, "a period was issued twice:\n{text}");
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_period_the_credit_check_refuses_stays_due_and_the_others_are_issued() {
    let config = "name = \"T\"\ncurrency = \"EUR\"\n[credit]\nenforce = true\n";
    let limited = "name = \"Small\"\ncredit_limit = \"150\"\n\n[[recurring]]\namount = \"100.00\"\nevery = \"month\"\nday = 1\nstart = 2026-01-01\nend = 2026-02-28\n";
    let book = TestBook::with_config(&format!("{config}\n{}", crate::util::COMPANY))
        .contact("acme", MONTHLY)
        .contact("small", limited);
    let (code, stdout, stderr) = run(&book, &["recur", "--as-of", "2026-01-10"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("small"), "{stdout}");
    // February would take small to 200.00 over its 150.00 limit (January is unpaid).
    let (code, stdout, stderr) = run(&book, &["recur", "--as-of", "2026-02-10"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("small/1:2026-02") && stderr.contains("refused"),
        "{stderr}"
    );
    assert!(stdout.contains("acme"), "{stdout}");
    let text = journal(&book);
    assert!(!text.contains("recur:small/1:2026-02"), "{text}");
    // Paid: the next run issues it, dated on its own day.
    book.stdout(&["payment", "small", "100", "--date", "2026-02-11"]);
    let (code, _, stderr) = run(&book, &["recur", "--as-of", "2026-02-12"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(journal(&book).contains("2026-02-01 invoice INV-2026-0004 small 100.00 EUR"));
}

#[test]
fn an_archived_contact_issues_nothing() {
    let archived = MONTHLY.replace("name = \"Acme\"\n", "name = \"Acme\"\narchived = true\n");
    let book = TestBook::with_company().contact("acme", &archived);
    assert_eq!(
        book.json(&["recur", "--as-of", "2026-12-31"]),
        serde_json::json!([])
    );
    assert_eq!(book.json(&["recur", "--list"]), serde_json::json!([]));
    assert_eq!(journal(&book), "");
}

#[test]
fn recur_with_override_credit_issues_a_refused_invoice_and_records_why() {
    let config = "name = \"T\"\ncurrency = \"EUR\"\n[credit]\nenforce = true\n";
    let limited = MONTHLY.replace(
        "name = \"Acme\"\n",
        "name = \"Acme\"\ncredit_limit = \"150\"\n",
    );
    let book = TestBook::with_config(config).contact("acme", &limited);
    let args = [
        "recur",
        "--as-of",
        "2026-02-10",
        "--override-credit",
        "signed contract",
    ];
    let (code, _, stderr) = run(&book, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("credit check overridden"), "{stderr}");
    let text = journal(&book);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(!lines[0].contains("override-credit"), "{text}");
    assert!(
        lines[1].contains("recur:acme/1:2026-02 override-credit:signed_contract"),
        "{text}"
    );
}

#[test]
fn fmt_keeps_a_contact_with_recurring_invoices_as_it_is() {
    let book = TestBook::with_company().contact("beta", QUARTERLY_ITEMS);
    book.folio(&["fmt", "--check"]).assert().success();
    book.stdout(&["fmt"]);
    let after = std::fs::read_to_string(book.path().join("contacts/beta.toml")).unwrap();
    assert_eq!(after, QUARTERLY_ITEMS);
}

#[test]
fn contact_show_lists_each_recurring_invoice() {
    let book = TestBook::with_company().contact("acme", MONTHLY);
    let card = book.stdout(&["contact", "show", "acme"]);
    let line = card
        .lines()
        .find(|line| line.starts_with("recurring "))
        .unwrap_or_else(|| panic!("{card}"));
    assert!(line.contains("every month on day 1 from"), "{line}");
    let json = book.json(&["contact", "show", "acme"]);
    assert_eq!(
        json["recurring"].as_array().map(Vec::len),
        Some(1),
        "{json}"
    );
}
