//! `folio company set` and `show`, and the refusal to issue a document whose seller is not
//! complete enough for a legal invoice.

use crate::util::TestBook;

/// A book made by `folio init` with no company flags, and a customer with a full address.
fn bare_book() -> TestBook {
    let book = TestBook::new();
    std::fs::remove_file(book.path().join("folio.toml")).unwrap();
    crate::util::folio()
        .arg("init")
        .arg(book.path())
        .args(["--name", "Bare"])
        .assert()
        .success();
    book.contact(
        "acme",
        "name = \"Acme\"\nvat = \"BE0417497106\"\nbuyer_reference = \"PO-1\"\n[address]\nstreet = \"Kerkstraat 1\"\ncity = \"Gent\"\ncountry = \"BE\"\n",
    )
}

fn written(book: &TestBook) -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["journal", "documents", "quotes"] {
        if let Ok(entries) = std::fs::read_dir(book.path().join(dir)) {
            files.extend(
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|name| name != ".gitkeep"),
            );
        }
    }
    files
}

#[test]
fn a_document_whose_seller_lacks_name_address_or_vat_is_refused_and_nothing_is_numbered() {
    let book = bare_book();
    let item = ["--item", "Work", "--price", "100", "--vat", "21"];
    for command in [
        &["invoice", "acme"][..],
        &["credit-note", "acme"],
        &["quote", "acme"],
    ] {
        let output = book
            .folio(&[command, &item[..], &["--date", "2026-03-01"]].concat())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{command:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(
                "folio company set address.street=... address.city=... address.country=... vat=..."
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains("nothing was numbered or written"),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
        assert_eq!(written(&book), Vec::<String>::new(), "{command:?}");
    }
    book.stdout(&[
        "company",
        "set",
        "street=Rue Haute 112",
        "city=Bruxelles",
        "country=BE",
    ]);
    let output = book
        .folio(&[&["invoice", "acme"][..], &item[..]].concat())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(stderr.contains("`folio company set vat=...`"), "{stderr}");
    // A company without a VAT number is identified by its registration number.
    book.stdout(&["company", "set", "company_id=0403.170.701"]);
    let id = book.stdout(&[&["invoice", "acme", "--date", "2026-03-01"][..], &item[..]].concat());
    assert_eq!(id.trim(), "INV-2026-0001");
}

#[test]
fn company_set_keeps_comments_fills_init_placeholders_and_refuses_bad_values() {
    let book = bare_book();
    let before = std::fs::read_to_string(book.path().join("folio.toml")).unwrap();
    for (assignment, says) in [
        ("iban=BE68539007547035", "invalid IBAN"),
        ("vat=BE0403170702", "invalid Belgian VAT number"),
        ("country=be", "did you mean `BE`?"),
        ("language=FR", "did you mean `fr`?"),
        ("currency=EURO", "currency"),
    ] {
        let output = book
            .folio(&["company", "set", "name=Fine", assignment])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{assignment}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("folio.toml:"), "{stderr}");
        assert!(stderr.contains(says), "{assignment}: {stderr}");
        let after = std::fs::read_to_string(book.path().join("folio.toml")).unwrap();
        assert_eq!(after, before, "{assignment} changed the file");
    }
    let output = book
        .folio(&["company", "set", "vta=BE0403170701"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `vat`?"));

    book.stdout(&[
        "company",
        "set",
        "vat=BE0403170701",
        "address.street=Rue Haute 112",
        "city=Bruxelles",
        "country=BE",
        "iban=BE68539007547034",
        "language=nl",
    ]);
    let after = std::fs::read_to_string(book.path().join("folio.toml")).unwrap();
    assert!(
        after.contains("# VAT number with its country prefix.\nvat = \"BE0403170701\"\n"),
        "{after}"
    );
    assert!(
        after.contains("# ISO 3166-1 alpha-2 code.\ncountry = \"BE\"\n"),
        "{after}"
    );
    assert_eq!(after.lines().count(), before.lines().count());
    let shown = book.json(&["company", "show"]);
    assert_eq!(shown["address.city"], "Bruxelles");
    assert_eq!(shown["language"], "nl");
    assert_eq!(shown["missing_for_invoices"], serde_json::json!([]));
    // An empty value removes a key.
    book.stdout(&["company", "set", "iban="]);
    assert_eq!(
        book.json(&["company", "show"])["iban"],
        serde_json::Value::Null
    );
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn company_show_says_what_invoices_still_need() {
    let book = bare_book();
    let table = book.stdout(&["company", "show"]);
    assert!(
        table.contains(
            "Invoices still need address.street, address.city, address.country, vat: folio company set"
        ),
        "{table}"
    );
    let json = book.json(&["company", "show"]);
    assert_eq!(
        json["missing_for_invoices"],
        serde_json::json!(["address.street", "address.city", "address.country", "vat"])
    );
}
