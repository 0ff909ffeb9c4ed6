//! Text from outside (imports, bank files, command-line values, contact files): control
//! characters never reach the journal or an e-mail header, and what a book holds is shown on a
//! terminal with visible escapes, never obeyed, while CSV and JSON keep it exactly.

use crate::util::TestBook;

const CONFIG: &str = "name = \"Test Book\"\ncurrency = \"EUR\"\n\
    [company]\nname = \"Test Book SRL\"\nemail = \"billing@test.example\"\n";

/// A terminal escape (set the window title), an SGR colour and a right-to-left override.
const TITLE: &str = "\u{1b}]0;pwned\u{7}";
const RED: &str = "\u{1b}[31m";
const OVERRIDE: &str = "\u{202e}";

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap_or_default()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn control_characters_from_an_import_never_reach_the_journal() {
    let book = TestBook::with_config(CONFIG).customer("acme");
    let csv = book.path().join("entries.csv");
    std::fs::write(
        &csv,
        "date,kind,id,contact,amount,memo,meta\n\
         2026-01-05,invoice,IMP-1,acme,10.00,fine,po:1\n\
         2026-01-06,invoice,IMP-2,acme,10.00,bad\0nul,po:2\n\
         2026-01-07,invoice,IMP-3,acme,10.00,ok,po:3\u{1b}x\n",
    )
    .unwrap();
    let output = book
        .folio(&["import", "entries", csv.to_str().unwrap()])
        .output()
        .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(65), "{text}");
    assert!(text.contains("entries.csv:3:"), "{text}");
    assert!(text.contains("row 3, column `memo`"), "{text}");
    assert!(text.contains("NUL"), "{text}");
    assert!(text.contains("entries.csv:4:"), "{text}");
    assert!(text.contains("U+001B"), "{text}");
    assert!(text.contains("nothing was written"), "{text}");
    assert_eq!(journal(&book), "", "not even the valid row");
}

#[test]
fn control_characters_in_a_bank_statement_never_reach_the_journal() {
    let book = TestBook::with_config(CONFIG)
        .contact("acme", "name = \"Acme\"\niban = \"BE71096123456769\"\n")
        .journal("2026", "2026-01-05 invoice INV-2026-0001 acme 100.00 EUR\n");
    let before = journal(&book);
    let statement = book.path().join("bank.csv");
    std::fs::write(
        &statement,
        "id,date,amount,counterparty,communication\n\
         TX\u{0}1,2026-01-20,100.00,Acme,INV-2026-0001\n",
    )
    .unwrap();
    let output = book
        .folio(&["reconcile", statement.to_str().unwrap(), "--apply"])
        .output()
        .unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(65), "{text}");
    assert!(text.contains("bank.csv:2:1"), "{text}");
    assert!(text.contains("row 2, column `id`"), "{text}");
    assert_eq!(journal(&book), before);

    // In the name or the communication, the same.
    std::fs::write(
        &statement,
        "id,date,amount,counterparty,communication\n\
         TX1,2026-01-20,100.00,Acme,INV-2026-0001 \u{1b}[2J\n",
    )
    .unwrap();
    let output = book
        .folio(&["reconcile", statement.to_str().unwrap(), "--apply"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    assert_eq!(journal(&book), before);
}

#[test]
fn control_characters_in_command_line_values_are_refused() {
    let book = TestBook::with_config(CONFIG).customer("acme");
    for args in [
        ["invoice", "acme", "1", "--memo", "red \u{1b}[31m"],
        ["invoice", "acme", "1", "--memo", "two\r\nlines"],
        ["invoice", "acme", "1", "--meta", "po:a\u{7}"],
    ] {
        let output = book.folio(&args).output().unwrap();
        assert!(
            matches!(output.status.code(), Some(65) | Some(2)),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains('\u{1b}'), "{}", stderr(&output));
    }
    assert_eq!(journal(&book), "");
}

#[test]
fn line_breaks_in_names_and_addresses_are_refused_on_entry() {
    let book = TestBook::with_config(CONFIG).customer("acme").journal(
        "2026",
        "2026-01-05 invoice INV-1 acme 100.00 EUR due:2026-01-10\n",
    );
    let attempts: [&[&str]; 4] = [
        &[
            "contact",
            "add",
            "evil",
            "--name",
            "Evil\r\nBcc: victim@example.com",
        ],
        &[
            "contact",
            "add",
            "evil",
            "--name",
            "Evil",
            "--email",
            "a@b.example\nBcc: x@y",
        ],
        &["contact", "set", "acme", "name=Acme\nBcc: x@y"],
        &[
            "contact",
            "set",
            "acme",
            "email=ap@acme.example\r\nBcc: x@y",
        ],
    ];
    let acme = std::fs::read_to_string(book.path().join("contacts/acme.toml")).unwrap();
    for args in attempts {
        let output = book.folio(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(65),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!book.path().join("contacts/evil.toml").exists());
    assert_eq!(
        std::fs::read_to_string(book.path().join("contacts/acme.toml")).unwrap(),
        acme
    );
}

#[test]
fn line_breaks_in_names_are_positioned_errors_and_letters_never_panic() {
    let book = TestBook::with_config(CONFIG)
        .contact(
            "evil",
            "name = \"Evil\\r\\nBcc: victim@example.com\"\nemail = \"ap@evil.example\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-1 evil 100.00 EUR due:2026-01-10\n",
        );
    let check = book.folio(&["check"]).output().unwrap();
    let text = stderr(&check);
    assert_eq!(check.status.code(), Some(65), "{text}");
    assert!(text.contains("contacts/evil.toml:1:8: error"), "{text}");
    assert!(text.contains("carriage return"), "{text}");
    for args in [
        &["remind", "--as-of", "2026-03-01", "--dry-run"][..],
        &["remind", "--as-of", "2026-03-01", "--write", "letters"],
        &["statement", "evil", "--letter", "--as-of", "2026-03-01"],
    ] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(65),
            "{args:?}: {}",
            stderr(&output)
        );
    }

    // The company's own name, the same.
    let company = CONFIG.replace("Test Book SRL", "Test\\nBcc: x@y");
    let book = TestBook::with_config(&company)
        .contact("acme", "name = \"Acme\"\nemail = \"ap@acme.example\"\n")
        .journal(
            "2026",
            "2026-01-05 invoice INV-1 acme 100.00 EUR due:2026-01-10\n",
        );
    let check = book.folio(&["check"]).output().unwrap();
    let text = stderr(&check);
    assert_eq!(check.status.code(), Some(65), "{text}");
    assert!(text.contains("folio.toml:4:8: error"), "{text}");
    let output = book
        .folio(&["remind", "--as-of", "2026-03-01", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
}

/// A book whose contact name carries a right-to-left override (accepted: it is data) and whose
/// memo carries escape sequences (the journal takes any text after `;`).
fn book_with_hostile_text() -> TestBook {
    TestBook::with_config(CONFIG)
        .contact(
            "evil",
            &format!("name = \"Evil{OVERRIDE}Corp\"\nemail = \"ap@evil.example\"\n"),
        )
        .journal(
            "2026",
            &format!(
                "2026-01-05 invoice INV-1 evil 100.00 EUR due:2026-01-10 ; memo {TITLE} {RED}red\n"
            ),
        )
}

#[test]
fn terminals_see_escape_sequences_and_bidi_overrides_as_visible_escapes() {
    let book = book_with_hostile_text();
    let commands: [&[&str]; 10] = [
        &["contacts"],
        &["contact", "show", "evil", "--as-of", "2026-03-01"],
        &["contact", "search", "evil"],
        &["balance", "--as-of", "2026-03-01"],
        &["statement", "evil", "--as-of", "2026-03-01"],
        &["aging", "--detail", "--as-of", "2026-03-01"],
        &["overdue", "--as-of", "2026-03-01"],
        &["remind", "--as-of", "2026-03-01"],
        &["remind", "--as-of", "2026-03-01", "--dry-run"],
        &["explain", "INV-1", "--as-of", "2026-03-01"],
    ];
    for args in commands {
        let shown = book.stdout(args);
        assert!(
            !shown.contains('\u{1b}'),
            "{args:?} printed an escape: {shown:?}"
        );
        assert!(
            !shown.contains('\u{7}'),
            "{args:?} printed a bell: {shown:?}"
        );
        assert!(
            !shown.contains(OVERRIDE),
            "{args:?} printed an override: {shown:?}"
        );
    }
    let shown = book.stdout(&["statement", "evil", "--as-of", "2026-03-01"]);
    assert!(shown.contains("Evil\\u{202e}Corp"), "{shown}");
    assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
    let balance = book.stdout(&["balance", "--as-of", "2026-03-01"]);
    assert!(balance.contains("Evil\\u{202e}Corp"), "{balance}");
}

#[test]
fn csv_and_json_keep_the_text_exactly() {
    let book = book_with_hostile_text();
    let json = book.json(&["statement", "evil", "--as-of", "2026-03-01"]);
    assert_eq!(json["name"], format!("Evil{OVERRIDE}Corp"));
    assert!(
        json.to_string().contains("\\u001b]0;pwned\\u0007"),
        "JSON escapes are data, read back exactly: {json}"
    );
    let csv = book.stdout(&["balance", "--as-of", "2026-03-01", "--format", "csv"]);
    assert!(csv.contains(&format!("Evil{OVERRIDE}Corp")), "{csv}");
}
