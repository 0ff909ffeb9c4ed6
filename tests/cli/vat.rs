//! What folio knows of an entry's VAT: `--vat` on entries without items, the `vat:` tag as the
//! journal reads it, and `[vat] required` in `folio check`.

use crate::util::TestBook;

const REQUIRED: &str = "name = \"Test Book\"\ncurrency = \"EUR\"\n[vat]\nrequired = true\n";

fn book(config: &str) -> TestBook {
    TestBook::with_config(&format!("{config}{}", crate::util::COMPANY))
        .contact("acme", "name = \"Acme Trading BV\"\n")
        .contact("paper", "name = \"Papeterie\"\nroles = [\"supplier\"]\n")
}

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap_or_default()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_bill_or_invoice_without_items_records_its_vat_rate_on_the_line() {
    let book = book(REQUIRED);
    let dated = ["--date", "2026-03-01"];
    book.stdout(&[&["bill", "paper", "121.00", "--vat", "21"][..], &dated].concat());
    book.stdout(&[&["invoice", "acme", "500.00", "--vat", "0/AE"][..], &dated].concat());
    book.stdout(&[&["debit-note", "paper", "12.10", "--vat", "21"][..], &dated].concat());
    let lines: Vec<String> = journal(&book).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("2026-03-01 bill "), "{}", lines[0]);
    assert!(lines[0].ends_with(" vat:21"), "{}", lines[0]);
    assert!(lines[1].ends_with(" vat:0/AE"), "{}", lines[1]);
    assert!(lines[2].ends_with(" vat:21"), "{}", lines[2]);
    // Every supply now has its VAT, so the required check has nothing to say.
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn vat_on_a_payment_or_not_a_rate_is_refused_and_nothing_is_written() {
    let book = book(REQUIRED);
    for args in [
        &["payment", "acme", "10.00", "--vat", "21"][..],
        &["payout", "paper", "10.00", "--vat", "21"],
        &["bill", "paper", "121.00", "--vat", "21%"],
        &["bill", "paper", "121.00", "--vat", "21/AE"],
        &["bill", "paper", "121.00", "--vat", "21", "--meta", "vat=6"],
    ] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("--vat"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(journal(&book), "");
}

#[test]
fn vat_required_warns_at_each_supply_without_vat_and_strict_fails() {
    let lines = "\
2026-03-01 bill B1 paper 121.00 vat:21
2026-03-02 bill B2 paper 50.00
2026-03-03 invoice I1 acme 200.00 net:165.29
2026-03-04 payment P1 acme 200.00
2026-03-05 credit C1 acme 20.00
2026-03-06 bill B3 paper 181.50 net:150.00 base-S-21:150.00 vat-S-21:31.50
";
    let book = book(REQUIRED).journal("2026", lines);
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("has no VAT information"))
        .collect();
    assert_eq!(warnings.len(), 2, "{text}");
    assert!(
        warnings[0].contains("journal/2026.journal:2:1: warning: bill B2 has no VAT information")
    );
    assert!(
        warnings[1].contains("journal/2026.journal:5:1: warning: credit C1 has no VAT information")
    );
    book.folio(&["check", "--strict"]).assert().code(1);
    // Without the setting, a book without VAT information is as valid as before.
    let relaxed = book_without_requirement(lines);
    let output = relaxed.folio(&["check", "--strict"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("VAT"), "{}", stderr(&output));
}

fn book_without_requirement(lines: &str) -> TestBook {
    book("name = \"Test Book\"\ncurrency = \"EUR\"\n").journal("2026", lines)
}

#[test]
fn an_issued_document_gives_its_entry_vat() {
    let book = book(REQUIRED);
    book.stdout(&[
        "invoice",
        "acme",
        "--date",
        "2026-03-01",
        "--item",
        "Consulting",
        "--qty",
        "2",
        "--price",
        "100",
        "--vat",
        "21",
        "--item",
        "Books",
        "--price",
        "50",
        "--vat",
        "6",
    ]);
    assert!(!journal(&book).contains("vat:"), "{}", journal(&book));
    // Its line has no vat: tag: the breakdown comes from documents/INV-2026-0001.toml.
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("has no VAT information"),
        "{}",
        stderr(&output)
    );
    // The same entry without its document has no VAT information.
    std::fs::remove_file(book.path().join("documents/INV-2026-0001.toml")).unwrap();
    let output = book.folio(&["check"]).output().unwrap();
    assert!(
        stderr(&output).contains("invoice INV-2026-0001 has no VAT information"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_vat_tag_that_is_not_a_rate_is_an_error_at_its_position() {
    let book = book("name = \"Test Book\"\ncurrency = \"EUR\"\n")
        .journal("2026", "2026-03-01 bill B1 paper 121.00 vat:21%\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(
        stderr(&output).contains("journal/2026.journal:1:37: error: invalid vat: `21%`"),
        "{}",
        stderr(&output)
    );
    // Reports refuse the book too: a VAT figure is never computed around an unreadable tag.
    book.folio(&["balance"]).assert().code(65);
}
