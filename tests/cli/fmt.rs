//! `folio fmt`: canonical layout, idempotent, never a change to any number.

use crate::util::{TestBook, repo_root};

fn read(book: &TestBook, relative: &str) -> String {
    std::fs::read_to_string(book.path().join(relative)).unwrap()
}

const MESSY_JOURNAL: &str = "\u{feff}; January\r\n2026-01-15\tinvoice   INV-1  acme 1210.00 EUR  due:2026-02-14 po:77 ;  consulting; more  \r\n\r\n\r\n\
2026-02-10 payment PAY-1 acme 1000 ref:INV-1;\n   # a comment   \n2026-02-11  payment  PAY-2 acme 10.5000\n\n";

const MESSY_CONTACT: &str = "# Acme\n\nemail='ap@acme.example'   # billing\nname  =  \"Acme\"\n[address]\ncountry = \"BE\"\n  city=\"Gent\"\n";

fn messy() -> TestBook {
    TestBook::new()
        .contact("acme", MESSY_CONTACT)
        .journal("2026", MESSY_JOURNAL)
        .journal("tidy", "2026-03-01 invoice INV-3 acme 5\n")
}

#[test]
fn fmt_lays_out_journals_and_contacts() {
    let book = messy();
    let listed = book.stdout(&["fmt"]);
    assert!(
        listed.contains("journal/2026.journal") && listed.contains("contacts/acme.toml"),
        "{listed}"
    );
    assert!(!listed.contains("tidy"), "{listed}");
    assert_eq!(
        read(&book, "journal/2026.journal"),
        "; January\n2026-01-15 invoice INV-1 acme 1210.00 EUR due:2026-02-14 po:77 ; consulting; more\n\n\
2026-02-10 payment PAY-1 acme 1000 ref:INV-1\n# a comment\n2026-02-11 payment PAY-2 acme 10.5000\n"
    );
    assert_eq!(
        read(&book, "contacts/acme.toml"),
        "# Acme\n\nname = \"Acme\"\nemail = \"ap@acme.example\" # billing\n\n[address]\ncity = \"Gent\"\ncountry = \"BE\"\n"
    );
}

#[test]
fn fmt_twice_changes_nothing_the_second_time_and_no_number_ever() {
    let book = messy();
    let before = book.stdout(&["balance", "--as-of", "2026-12-31", "--format", "json"]);
    let statement = book.stdout(&[
        "statement",
        "acme",
        "--as-of",
        "2026-12-31",
        "--format",
        "json",
    ]);
    book.stdout(&["fmt"]);
    let once_journal = read(&book, "journal/2026.journal");
    let once_contact = read(&book, "contacts/acme.toml");
    assert_eq!(book.stdout(&["fmt"]), "", "second run lists nothing");
    assert_eq!(read(&book, "journal/2026.journal"), once_journal);
    assert_eq!(read(&book, "contacts/acme.toml"), once_contact);
    assert_eq!(
        book.stdout(&["balance", "--as-of", "2026-12-31", "--format", "json"]),
        before
    );
    assert_eq!(
        book.stdout(&[
            "statement",
            "acme",
            "--as-of",
            "2026-12-31",
            "--format",
            "json"
        ]),
        statement
    );
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn fmt_check_lists_files_and_exits_1_without_writing() {
    let book = messy();
    let output = book.folio(&["fmt", "--check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert_eq!(read(&book, "journal/2026.journal"), MESSY_JOURNAL);
    book.stdout(&["fmt"]);
    book.folio(&["fmt", "--check"]).assert().code(0).stdout("");
}

#[test]
fn lines_with_errors_are_kept_as_they_are() {
    let book = TestBook::new().customer("acme").journal(
        "2026",
        "2026-01-01  invoice  I-1 acme 5\n2026-01-02 invoce   I-2 acme 5   \n",
    );
    let output = book.folio(&["fmt"]).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("left as they are (line 2)"));
    // Kept as written apart from trailing blanks, which a second run would otherwise take
    // away (fmt must be idempotent).
    assert_eq!(
        read(&book, "journal/2026.journal"),
        "2026-01-01 invoice I-1 acme 5\n2026-01-02 invoce   I-2 acme 5\n"
    );
}

#[test]
fn fmt_on_the_demo_book_keeps_every_report() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("examples/demo"), dir.path());
    let run = |args: &[&str]| {
        let output = crate::util::folio()
            .arg("--book")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let reports = |run: &dyn Fn(&[&str]) -> String| {
        ["2026-03-31", "2026-12-31"]
            .iter()
            .flat_map(|date| {
                [
                    run(&["balance", "--as-of", date, "--format", "json"]),
                    run(&["balance", "--payables", "--as-of", date, "--format", "json"]),
                    run(&["aging", "--as-of", date, "--format", "json"]),
                ]
            })
            .collect::<Vec<_>>()
    };
    let before = reports(&run);
    run(&["fmt"]);
    assert_eq!(run(&["fmt"]), "");
    assert_eq!(reports(&run), before);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
