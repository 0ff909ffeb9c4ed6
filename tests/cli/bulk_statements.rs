//! `folio statement --all`: which contacts get a statement, the statements printed one after
//! another, the letters written in each contact's language, and sending once per period.

use crate::util::TestBook;
use mail_parser::MessageParser;
use std::path::{Path, PathBuf};

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"

[company]
email = "billing@atelier.example"

[company.address]
street = "Rue Haute 12"
postcode = "1000"
city = "Brussels"
country = "BE"
"#;

/// acme (en, 1000.00 overdue), dupont (fr, 300.00 not yet due), vos (nl, no e-mail, 50.00
/// overdue), settled (paid in full), and a supplier.
fn book_with(config: &str) -> TestBook {
    TestBook::with_config(config)
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nemail = \"ap@acme.example\"\nlanguage = \"en\"\n",
        )
        .contact(
            "dupont",
            "name = \"Brasserie Dupont\"\nemail = \"compta@dupont.example\"\nlanguage = \"fr\"\n",
        )
        .contact(
            "settled",
            "name = \"Settled Ltd\"\nemail = \"ap@settled.example\"\n",
        )
        .contact(
            "supplier",
            "name = \"Papeterie\"\nemail = \"ar@papeterie.example\"\n",
        )
        .contact(
            "vos",
            "name = \"Vos & Zonen BV\"\nlanguage = \"nl\"\n[address]\nstreet = \"Kerkstraat 1\"\npostcode = \"1017\"\ncity = \"Amsterdam\"\ncountry = \"NL\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice I1 acme 1000.00 due:2026-02-04\n\
             2026-01-06 invoice I2 settled 100.00 due:2026-02-05\n\
             2026-01-20 payment P1 settled 100.00\n\
             2026-01-25 invoice I3 vos 50.00 due:2026-02-01\n\
             2026-02-10 bill B1 supplier 400.00 due:2026-03-10\n\
             2026-03-01 invoice I4 dupont 300.00 due:2026-03-31\n",
        )
}

fn book() -> TestBook {
    book_with(CONFIG)
}

/// The contacts of `statement --all ARGS` as of 2026-03-15.
fn selected(book: &TestBook, args: &[&str]) -> Vec<String> {
    let mut all = vec!["statement", "--all", "--as-of", "2026-03-15"];
    all.extend(args);
    let value = book.json(&all);
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|statement| statement["contact"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn all_selects_by_balance_minimum_and_overdue_items() {
    let book = book();
    assert_eq!(selected(&book, &[]), ["acme", "dupont", "vos"]);
    assert_eq!(
        selected(&book, &["--min-balance", "100.00"]),
        ["acme", "dupont"]
    );
    assert_eq!(selected(&book, &["--overdue-only"]), ["acme", "vos"]);
    assert_eq!(
        selected(&book, &["--overdue-only", "--min-balance", "100"]),
        ["acme"]
    );
    assert_eq!(selected(&book, &["--payables"]), ["supplier"]);
    assert!(selected(&book, &["--min-balance", "5000"]).is_empty());
}

#[test]
fn all_statements_are_the_single_statements_one_after_another() {
    let book = book();
    let all = book.json(&["statement", "--all", "--as-of", "2026-03-15"]);
    for (index, contact) in ["acme", "dupont", "vos"].into_iter().enumerate() {
        let one = book.json(&["statement", contact, "--as-of", "2026-03-15"]);
        assert_eq!(all[index], one, "{contact}");
    }
    assert_eq!(all.as_array().unwrap().len(), 3);
    let table = book.stdout(&["statement", "--all", "--as-of", "2026-03-15"]);
    assert_eq!(
        table.matches("Statement of account: ").count(),
        3,
        "{table}"
    );
    for contact in ["(acme)", "(dupont)", "(vos)"] {
        assert!(table.contains(contact), "{contact}: {table}");
    }
    assert!(!table.contains("(settled)"), "{table}");
    let csv = book.stdout(&[
        "statement",
        "--all",
        "--as-of",
        "2026-03-15",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("contact,currency,date,"));
    assert!(csv.contains("\ndupont,EUR,2026-03-01,invoice,I4,"), "{csv}");
    assert!(csv.contains("\nvos,EUR,,closing,"), "{csv}");
}

fn outbox(book: &TestBook) -> PathBuf {
    book.path().join("outbox")
}

fn written(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn statements_journal(book: &TestBook) -> Vec<String> {
    std::fs::read_to_string(book.path().join("statements.journal"))
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn writing_all_letters_writes_one_file_per_contact_in_its_language() {
    let book = book();
    let dir = outbox(&book);
    let dir_arg = dir.to_str().unwrap();
    let args = [
        "statement",
        "--all",
        "--as-of",
        "2026-03-15",
        "--letter",
        "--write",
        dir_arg,
    ];
    let output = book.stdout(&args);
    assert!(
        output.contains("3 statement(s) recorded in statements.journal"),
        "{output}"
    );
    // The letter has its PDF beside it; the e-mails carry theirs.
    assert_eq!(
        written(&dir),
        [
            "2026-03-15-acme-statement.eml",
            "2026-03-15-dupont-statement.eml",
            "2026-03-15-vos-statement.pdf",
            "2026-03-15-vos-statement.txt"
        ]
    );
    let mail =
        crate::mails::parse(&std::fs::read(dir.join("2026-03-15-acme-statement.eml")).unwrap());
    if crate::mails::has_pdfs(&mail) {
        assert_eq!(mail.pdfs.len(), 1);
        assert_eq!(mail.pdfs[0].0, "statement-2026-03-15.pdf");
    }
    let subject = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let message = MessageParser::default().parse(&bytes).unwrap();
        message.subject().unwrap().to_string()
    };
    assert!(subject("2026-03-15-acme-statement.eml").starts_with("Statement of account"));
    assert!(subject("2026-03-15-dupont-statement.eml").starts_with("Relevé de compte"));
    let letter = std::fs::read_to_string(dir.join("2026-03-15-vos-statement.txt")).unwrap();
    assert!(letter.contains("Rekeningoverzicht per"), "{letter}");
    let recorded = statements_journal(&book);
    assert_eq!(recorded.len(), 3);
    assert!(
        recorded[2].starts_with("2026-03-15 vos receivables 2026-03 letter <"),
        "{recorded:?}"
    );
    let again = book.stdout(&args);
    assert!(again.starts_with("nothing to send for 2026-03"), "{again}");
    assert_eq!(written(&dir).len(), 4);
}

/// Writes an executable script into the book and returns its path.
#[cfg(unix)]
fn script(book: &TestBook, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = book.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A book whose send command appends each message to `mailbox` in the book.
#[cfg(unix)]
fn sending_book() -> (TestBook, PathBuf) {
    let book = book();
    let mailbox = book.path().join("mailbox");
    let sender = script(
        &book,
        "fake-sendmail",
        &format!("cat >> '{}'", mailbox.display()),
    );
    let config = format!(
        "{CONFIG}\n[dunning]\nsend_command = [\"{}\", \"-t\"]\n",
        sender.display()
    );
    std::fs::write(book.path().join("folio.toml"), config).unwrap();
    (book, mailbox)
}

#[cfg(unix)]
fn sent_to(mailbox: &Path) -> Vec<String> {
    std::fs::read_to_string(mailbox)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.strip_prefix("To: "))
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn sending_all_twice_in_one_period_sends_each_statement_once() {
    let (book, mailbox) = sending_book();
    let send =
        |as_of: &str| book.stdout(&["statement", "--all", "--as-of", as_of, "--letter", "--send"]);
    let first = send("2026-03-15");
    assert!(first.contains("acme: sent to ap@acme.example"), "{first}");
    assert!(first.contains("skipped vos: no e-mail address"), "{first}");
    assert_eq!(sent_to(&mailbox).len(), 2, "{first}");
    // vos has no address: skipped again, never recorded; the others were sent already.
    let second = send("2026-03-28");
    assert!(
        second.contains("0 statement(s) recorded in statements.journal, 2 already sent, 1 skipped"),
        "{second}"
    );
    assert_eq!(sent_to(&mailbox).len(), 2);
    let next_month = send("2026-04-02");
    assert!(
        next_month.contains("2 statement(s) recorded"),
        "{next_month}"
    );
    assert_eq!(sent_to(&mailbox).len(), 4);
    let recorded = statements_journal(&book);
    assert_eq!(recorded.len(), 4, "{recorded:?}");
    assert!(recorded.iter().all(|line| line.contains(" email <")));
}

#[cfg(unix)]
#[test]
fn a_given_period_is_sent_once_whatever_the_month() {
    let (book, mailbox) = sending_book();
    let args = [
        "statement",
        "--all",
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--letter",
        "--send",
        "--min-balance",
        "500",
    ];
    let first = book.stdout(&args);
    assert!(first.contains("acme: sent to"), "{first}");
    let recorded = statements_journal(&book);
    assert_eq!(recorded.len(), 1);
    assert!(
        recorded[0].starts_with("2026-03-31 acme receivables 2026-01-01..2026-03-31 email <"),
        "{recorded:?}"
    );
    let again = book.stdout(&args);
    assert!(
        again.starts_with("nothing to send for 2026-01-01..2026-03-31"),
        "{again}"
    );
    assert_eq!(sent_to(&mailbox).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_failed_send_is_not_recorded_and_goes_on_the_next_run() {
    let book = book_with(&format!(
        "{CONFIG}\n[dunning]\nsend_command = [\"false\"]\n"
    ));
    let output = book
        .folio(&[
            "statement",
            "--all",
            "--as-of",
            "2026-03-15",
            "--letter",
            "--send",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("acme: not sent"), "{stderr}");
    assert!(
        stderr.contains("2 of 3 statement(s) could not be sent"),
        "{stderr}"
    );
    assert!(statements_journal(&book).is_empty());
}

#[test]
fn bulk_options_without_all_are_usage_errors() {
    let book = book();
    for args in [
        &["statement", "acme", "--all"][..],
        &["statement", "--letter", "--send", "acme"],
        &["statement", "acme", "--overdue-only"],
        &["statement", "--all", "--min-balance", "-5"],
        &["statement", "--all", "--send"],
    ] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_statements_journal_line_that_cannot_be_read_is_placed_and_stops_sending() {
    let book = book().file(
        "statements.journal",
        "2026-03-15 acme receivables 2026-03 eml -\n2026-03-15 acme customers 2026-03 eml -\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("statements.journal:2:17: error: invalid side `customers`"),
        "{stderr}"
    );
    let dir = outbox(&book);
    let output = book
        .folio(&[
            "statement",
            "--all",
            "--as-of",
            "2026-03-15",
            "--letter",
            "--write",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(!dir.exists());
}
