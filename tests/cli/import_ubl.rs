//! `folio import ubl`: received Peppol invoices and credit notes become bills and debits of the
//! supplier found by Peppol id, VAT number or name; the official examples import; a file that is
//! not UBL or does not add up is refused at its element, and nothing of the run is written.

use crate::util::{TestBook, repo_root, skipped};
use std::path::{Path, PathBuf};

/// Our own UBL files: a valid invoice and credit note of one supplier, and broken copies.
fn fixture(name: &str) -> String {
    repo_root()
        .join("tests/fixtures/ubl-in")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

const LAMBIC_BY_PEPPOL: &str =
    "name = \"Lambic (our name for them)\"\nroles = [\"supplier\"]\npeppol = \"0208:0403170701\"\n";

/// Every journal line of the book, in file order.
fn journal(book: &TestBook) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(book.path().join("journal"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "journal"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The exit code and stderr of a run expected to fail.
fn fail(book: &TestBook, args: &[&str]) -> (i32, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file below the book, relative, except its folio.toml and the lock.
fn files_of(book: &TestBook) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![book.path().to_path_buf()];
    while let Some(dir) = pending.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(
                    path.strip_prefix(book.path())
                        .unwrap()
                        .display()
                        .to_string(),
                );
            }
        }
    }
    found.retain(|f| f != "folio.toml" && f != ".folio.lock");
    found.sort();
    found
}

/// The text of `cbc:PayableAmount` in a UBL file, read without folio.
fn payable_amount(xml: &str) -> String {
    let start = xml.find("PayableAmount").expect("a PayableAmount");
    let value = &xml[start..];
    let value = &value[value.find('>').unwrap() + 1..];
    value[..value.find('<').unwrap()].trim().to_string()
}

#[test]
fn every_official_peppol_example_imports_with_its_payable_amount_and_a_second_run_records_nothing()
{
    let examples = repo_root().join("../shared/peppol/examples");
    if !examples.is_dir() {
        skipped("../shared/peppol/examples (Peppol's official examples) is not there");
        return;
    }
    let book = TestBook::new();
    let dir = examples.to_str().unwrap();
    let out = book.stdout(&["import", "ubl", dir, "--create-suppliers"]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    let lines = journal(&book);
    let mut checked = 0;
    for file in &files {
        let xml = std::fs::read_to_string(file).unwrap();
        let root_is_document = ["<Invoice", "<CreditNote"].iter().any(|r| xml.contains(r));
        if !root_is_document {
            continue;
        }
        // "recorded KIND ID SUPPLIER AMOUNT CURRENCY from FILE"
        let shown = format!(" from {}", file.display());
        let said = out
            .lines()
            .find(|l| l.ends_with(&shown))
            .unwrap_or_else(|| panic!("{} is not recorded:\n{out}", file.display()));
        let words: Vec<&str> = said.split(' ').collect();
        let (kind, id, amount) = (words[1], words[2], words[4]);
        let payable = payable_amount(&xml);
        let expected: rust_decimal::Decimal = payable.parse().unwrap();
        let recorded: rust_decimal::Decimal = amount.parse().unwrap();
        let credit_note = xml.contains("<CreditNote");
        let owed_more = expected.is_sign_positive() != credit_note;
        assert_eq!(recorded, expected.abs(), "{}", file.display());
        assert_eq!(
            kind,
            if owed_more { "bill" } else { "debit" },
            "{}",
            file.display()
        );
        let line = lines
            .iter()
            .find(|l| l.split_whitespace().nth(2) == Some(id))
            .unwrap_or_else(|| panic!("no journal line {id}"));
        assert_eq!(line.split_whitespace().nth(4), Some(amount), "{line}");
        checked += 1;
    }
    assert_eq!(
        checked, 21,
        "the shared examples hold 21 invoices and credit notes"
    );
    assert!(book.stdout(&["check"]).starts_with("ok:"));

    let before = journal(&book);
    let again = book.stdout(&["import", "ubl", dir, "--create-suppliers"]);
    assert!(
        again.ends_with("0 recorded, 21 already in the book, 0 supplier(s) created\n"),
        "{again}"
    );
    assert_eq!(journal(&book), before);
}

#[test]
fn a_received_invoice_is_a_bill_of_the_supplier_found_by_peppol_id_with_its_vat_and_its_files() {
    let book = TestBook::new().contact("lambic", LAMBIC_BY_PEPPOL);
    let out = book.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    assert!(
        out.contains("recorded bill INV-2026/17 lambic 181.50 EUR"),
        "{out}"
    );
    assert_eq!(
        journal(&book),
        [
            "2026-03-02 bill INV-2026/17 lambic 181.50 EUR due:2026-04-01 net:150.00 \
          base-S-21:150.00 vat-S-21:31.50 ubl:documents/received/lambic/INV-2026_17.xml \
          ; supplier's number INV 2026/17; terms: 30 days net"
        ]
    );
    let kept = book.path().join("documents/received/lambic");
    assert_eq!(
        std::fs::read(kept.join("INV-2026_17.xml")).unwrap(),
        std::fs::read(fixture("invoice.xml")).unwrap()
    );
    let attachments = kept.join("INV-2026_17.attachments");
    assert_eq!(
        std::fs::read_to_string(attachments.join("INV_2026-17.pdf")).unwrap(),
        "%PDF-1.4\n% a small test file\n"
    );
    // `../../../folio.toml` stays in the folder, and never ends in .toml there.
    assert_eq!(
        std::fs::read_to_string(attachments.join("folio.toml.txt")).unwrap(),
        "day,hours\nmonday,8\n"
    );
    assert_eq!(
        std::fs::read_to_string(book.path().join("folio.toml")).unwrap(),
        "name = \"Test Book\"\ncurrency = \"EUR\"\n"
    );
    assert!(book.stdout(&["check"]).starts_with("ok:"));
}

#[test]
fn the_supplier_is_found_by_vat_number_in_any_spelling_then_by_exact_name() {
    let by_vat = TestBook::new().contact(
        "lambic",
        "name = \"Lambic\"\nroles = [\"supplier\"]\nvat = \"be 0403.170.701\"\n",
    );
    let out = by_vat.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    assert!(out.contains("recorded bill INV-2026/17 lambic "), "{out}");

    let by_name = TestBook::new().contact(
        "lambic",
        "name = \"Brasserie Lambic SRL\"\nroles = [\"supplier\"]\n",
    );
    let out = by_name.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    assert!(out.contains("recorded bill INV-2026/17 lambic "), "{out}");
}

#[test]
fn an_unknown_supplier_is_refused_with_the_identifiers_found_and_nothing_is_written() {
    let book = TestBook::new().customer("acme");
    let (code, err) = fail(&book, &["import", "ubl", &fixture("invoice.xml")]);
    assert_eq!(code, 65, "{err}");
    assert!(
        err.contains("invoice.xml:26:5: error: no contact is this supplier (Peppol id 0208:0403170701, VAT number BE0403170701, name `Brasserie Lambic`, registered name `Brasserie Lambic SRL`)"),
        "{err}"
    );
    assert!(err.contains("--create-suppliers"), "{err}");
    assert_eq!(files_of(&book), ["contacts/acme.toml"]);
}

#[test]
fn with_create_suppliers_the_seller_becomes_a_supplier_contact_matched_by_the_next_files() {
    let book = TestBook::new();
    let out = book.stdout(&[
        "import",
        "ubl",
        &fixture("invoice.xml"),
        &fixture("credit-note.xml"),
        "--create-suppliers",
    ]);
    assert!(out.contains("created supplier brasserie-lambic"), "{out}");
    assert!(
        out.ends_with("2 recorded, 0 already in the book, 1 supplier(s) created\n"),
        "{out}"
    );
    let contact =
        std::fs::read_to_string(book.path().join("contacts/brasserie-lambic.toml")).unwrap();
    for expected in [
        "name = \"Brasserie Lambic\"",
        "roles = [\"supplier\"]",
        "email = \"billing@lambic.example\"",
        "vat = \"BE0403170701\"",
        "peppol = \"0208:0403170701\"",
        "street = \"Rue Gheude 56\"",
        "postcode = \"1070\"",
        "city = \"Brussels\"",
        "country = \"BE\"",
    ] {
        assert!(contact.contains(expected), "{expected} in\n{contact}");
    }
    assert!(book.stdout(&["check"]).starts_with("ok:"));
}

#[test]
fn a_credit_note_is_a_debit_allocated_to_the_bill_it_names_in_the_same_run_or_the_book() {
    let expected = "2026-03-09 debit CN-2026-3 lambic 24.20 EUR ref:INV-2026/17 net:20.00 \
                    base-S-21:20.00 vat-S-21:4.20 ubl:documents/received/lambic/CN-2026-3.xml";
    // credit-note.xml is read before invoice.xml: the bill it names is found in the run.
    let together = TestBook::new().contact("lambic", LAMBIC_BY_PEPPOL);
    let folder = TestBook::new();
    for name in ["invoice.xml", "credit-note.xml"] {
        std::fs::copy(fixture(name), folder.path().join(name)).unwrap();
    }
    together.stdout(&["import", "ubl", folder.path().to_str().unwrap()]);
    assert!(
        journal(&together).contains(&expected.to_string()),
        "{:?}",
        journal(&together)
    );

    let apart = TestBook::new().contact("lambic", LAMBIC_BY_PEPPOL);
    apart.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    apart.stdout(&["import", "ubl", &fixture("credit-note.xml")]);
    assert!(
        journal(&apart).contains(&expected.to_string()),
        "{:?}",
        journal(&apart)
    );
    let balance = apart.json(&["balance", "--payables"]);
    assert_eq!(balance[0]["balance"], "157.30", "{balance}");
}

#[test]
fn a_file_that_is_not_ubl_or_does_not_add_up_is_refused_at_its_element_and_nothing_is_written() {
    let book = TestBook::new().contact("lambic", LAMBIC_BY_PEPPOL);
    let cases = [
        (
            "not-well-formed.xml",
            "112:34: error: not well-formed XML: expected 'cbc:Name' tag",
        ),
        (
            "not-ubl.xml",
            "2:1: error: not a UBL Invoice or CreditNote: the root element is `Order`",
        ),
        (
            "lines-do-not-add-up.xml",
            "84:5: error: cbc:LineExtensionAmount is 150.00, but the lines' cbc:LineExtensionAmount add up to 155.00 (BR-CO-10) (at /Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount)",
        ),
        (
            "payable-does-not-add-up.xml",
            "87:5: error: cbc:PayableAmount is 180.00, but TaxInclusiveAmount - PrepaidAmount + PayableRoundingAmount is 181.50 (BR-CO-16) (at /Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount)",
        ),
    ];
    for (name, expected) in cases {
        let broken = fixture(&format!("refused/{name}"));
        // A valid file first: it is not recorded either.
        let (code, err) = fail(
            &book,
            &[
                "import",
                "ubl",
                &fixture("invoice.xml"),
                &broken,
                "--create-suppliers",
            ],
        );
        assert_eq!(code, 65, "{name}: {err}");
        assert!(
            err.contains(&format!("{broken}:{expected}")),
            "{name}: {err}"
        );
        assert!(
            err.contains("1 file(s) refused; nothing was written"),
            "{err}"
        );
        assert_eq!(files_of(&book), ["contacts/lambic.toml"], "{name}");
    }
}

#[test]
fn the_same_file_again_records_nothing_and_another_document_with_its_number_gets_a_suffix() {
    let book = TestBook::new().contact("lambic", LAMBIC_BY_PEPPOL);
    let dry = book.stdout(&["import", "ubl", &fixture("invoice.xml"), "--dry-run"]);
    assert!(dry.contains("would record bill INV-2026/17"), "{dry}");
    assert_eq!(files_of(&book), ["contacts/lambic.toml"]);

    book.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    let again = book.stdout(&["import", "ubl", &fixture("invoice.xml")]);
    assert!(again.contains("already recorded:"), "{again}");
    assert!(
        again.ends_with("0 recorded, 1 already in the book, 0 supplier(s) created\n"),
        "{again}"
    );
    assert_eq!(journal(&book).len(), 1);

    // Reissued with another date: another document, with the same number.
    let reissued = std::fs::read_to_string(fixture("invoice.xml"))
        .unwrap()
        .replace("<cbc:IssueDate>2026-03-02<", "<cbc:IssueDate>2026-03-03<");
    let path = book.path().join("../reissued.xml");
    std::fs::write(&path, reissued).unwrap();
    let out = book.stdout(&["import", "ubl", path.to_str().unwrap()]);
    assert!(
        out.contains("recorded bill INV-2026/17-2 lambic 181.50 EUR"),
        "{out}"
    );
    assert!(
        Path::new(
            &book
                .path()
                .join("documents/received/lambic/INV-2026_17-2.xml")
        )
        .is_file()
    );
    std::fs::remove_file(path).unwrap();
}
