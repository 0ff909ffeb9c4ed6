//! `--document-discount PCT`: a discount on the whole document (EN 16931 document-level
//! allowances), taken per VAT category and rate before the VAT, in the document file, the
//! journal amount, the renderings and the UBL (which folio's own check passes).

use crate::documents::book;
use crate::util::TestBook;
use predicates::prelude::*;

/// Issues a document and returns its id.
fn issue(book: &TestBook, args: &[&str]) -> String {
    book.stdout(args).trim().to_string()
}

/// The UBL of a document: `folio render --format ubl` succeeds (its own check passed).
fn ubl(book: &TestBook, id: &str) -> String {
    book.stdout(&["render", id, "--format", "ubl"])
}

/// The document-level part of a UBL document: before its first line.
fn header_of(xml: &str) -> &str {
    let end = xml
        .find("<cac:InvoiceLine>")
        .or_else(|| xml.find("<cac:CreditNoteLine>"))
        .expect("a UBL document has lines");
    &xml[..end]
}

/// An invoice at 21 % (with a line discount), 6 % and exempt, with a document discount of 5 %.
const DISCOUNTED_INVOICE: [&str; 30] = [
    "invoice",
    "sablon",
    "--date",
    "2026-01-15",
    "--item",
    "Conseil",
    "--qty",
    "10",
    "--price",
    "120.35",
    "--vat",
    "21",
    "--discount",
    "10",
    "--item",
    "Livres",
    "--qty",
    "3",
    "--price",
    "0.35",
    "--vat",
    "6",
    "--item",
    "Formation",
    "--price",
    "3.33",
    "--exempt",
    "VATEX-EU-132",
    "--document-discount",
    "5",
];

#[test]
fn a_document_discount_is_taken_per_vat_rate_before_the_vat() {
    let book = book();
    let id = issue(&book, &DISCOUNTED_INVOICE);
    // Lines 1083.15 + 1.05 + 3.33 = 1087.53; discount per group 54.16 + 0.05 + 0.17 = 54.38;
    // VAT on 1028.99 at 21 % = 216.09 and on 1.00 at 6 % = 0.06; 1033.15 + 216.15 = 1249.30.
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains(&format!("invoice {id} sablon 1249.30 EUR")),
        "{journal}"
    );
    let file = std::fs::read_to_string(book.path().join(format!("documents/{id}.toml"))).unwrap();
    for expected in [
        "\ndiscount = \"5\"\n",
        "net = \"1087.53\"",
        "allowance = \"54.38\"",
        "vat = \"216.15\"",
        "total = \"1249.30\"",
    ] {
        assert!(file.contains(expected), "{expected} in {file}");
    }
    book.folio(&["check", "--strict"]).assert().success();

    let xml = ubl(&book, &id);
    let header = header_of(&xml);
    assert_eq!(header.matches("<cac:AllowanceCharge>").count(), 3, "{xml}");
    for expected in [
        "<cbc:Amount currencyID=\"EUR\">54.16</cbc:Amount>\n    <cbc:BaseAmount currencyID=\"EUR\">1083.15</cbc:BaseAmount>",
        "<cbc:TaxableAmount currencyID=\"EUR\">1028.99</cbc:TaxableAmount>\n      <cbc:TaxAmount currencyID=\"EUR\">216.09</cbc:TaxAmount>",
        "<cbc:LineExtensionAmount currencyID=\"EUR\">1087.53</cbc:LineExtensionAmount>",
        "<cbc:TaxExclusiveAmount currencyID=\"EUR\">1033.15</cbc:TaxExclusiveAmount>",
        "<cbc:AllowanceTotalAmount currencyID=\"EUR\">54.38</cbc:AllowanceTotalAmount>",
        "<cbc:PayableAmount currencyID=\"EUR\">1249.30</cbc:PayableAmount>",
    ] {
        assert!(header.contains(expected), "{expected} in {xml}");
    }
    // In the order of the UBL schema: payment terms or means, allowances, then the VAT total.
    let allowance = header.find("<cac:AllowanceCharge>").unwrap();
    assert!(header.find("<cac:PaymentMeans>").unwrap() < allowance);
    assert!(allowance < header.find("<cac:TaxTotal>").unwrap());

    let text = book.stdout(&["render", &id, "--format", "txt"]);
    for expected in [
        "Sous-total",
        "Remise 5\u{a0}%",
        "-54,38",
        "Total HTVA",
        "033,15",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let html = book.stdout(&["render", &id, "--format", "html"]);
    assert!(
        html.contains("<td>Remise 5\u{a0}%</td><td class=\"num\">−54,38</td>"),
        "{html}"
    );
}

#[test]
fn invoices_and_credit_notes_with_a_document_discount_in_every_vat_category_render_as_ubl() {
    let book = book().file(
        "zero.toml",
        "[[items]]\ndescription = \"Zero-rated\"\nquantity = \"3\"\nprice = \"10.35\"\nvat = \"0\"\nvat_category = \"Z\"\nexemption = \"Zero rate\"\n",
    );
    let items_file = book.path().join("zero.toml");
    let items_file = items_file.to_str().unwrap();
    // 3 × 10.35 = 31.05; 5 % = 1.5525 -> 1.55; no VAT: 29.50.
    let exempt = |code| {
        vec![
            "--item", "A", "--qty", "3", "--price", "10.35", "--exempt", code,
        ]
    };
    let categories: [(&str, Vec<&str>); 6] = [
        ("Z", vec!["--items", items_file]),
        ("E", exempt("VATEX-EU-132")),
        ("AE", exempt("VATEX-EU-AE")),
        ("K", exempt("VATEX-EU-IC")),
        ("G", exempt("VATEX-EU-G")),
        ("O", exempt("VATEX-EU-O")),
    ];
    for (category, items) in &categories {
        let mut args = vec!["invoice", "sablon", "--date", "2026-01-16"];
        args.extend(items);
        args.extend(["--document-discount", "5"]);
        let invoice = issue(&book, &args);
        let mut args = vec!["credit-note", "--ref", &invoice, "--date", "2026-01-17"];
        args.extend(items);
        args.extend(["--document-discount", "5"]);
        let credit = issue(&book, &args);
        for id in [&invoice, &credit] {
            let xml = ubl(&book, id);
            let header = header_of(&xml);
            assert!(
                header.contains(&format!("<cbc:ID>{category}</cbc:ID>"))
                    && header.contains("<cbc:AllowanceTotalAmount currencyID=\"EUR\">1.55</cbc:AllowanceTotalAmount>")
                    && header.contains("<cbc:TaxableAmount currencyID=\"EUR\">29.50</cbc:TaxableAmount>")
                    && header.contains("<cbc:PayableAmount currencyID=\"EUR\">29.50</cbc:PayableAmount>"),
                "{category} {id}: {xml}"
            );
        }
    }
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(journal.matches(" 29.50 EUR").count(), 12, "{journal}");
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_document_discount_carries_from_a_quote_to_its_invoice() {
    let book = book();
    let quote = issue(
        &book,
        &[
            "quote",
            "sablon",
            "--date",
            "2026-01-10",
            "--item",
            "A",
            "--price",
            "200",
            "--vat",
            "21",
            "--document-discount",
            "10",
        ],
    );
    let invoice = issue(&book, &["quote", "accept", &quote, "--date", "2026-01-12"]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    // 200 − 20 = 180; VAT 37.80.
    assert!(journal.contains(" 217.80 EUR"), "{invoice}: {journal}");
}

#[test]
fn a_document_discount_that_is_not_a_percentage_is_refused_and_nothing_written() {
    let book = book();
    let base = [
        "invoice", "sablon", "--item", "A", "--price", "10", "--vat", "21",
    ];
    for (value, code, message) in [
        (
            "120",
            65,
            "--document-discount: discount 120 must be a percentage from 0 to 100",
        ),
        ("-5", 65, "must be a percentage from 0 to 100"),
        ("five", 2, "--document-discount `five` is not a number"),
        ("100", 65, "must total more than zero"),
    ] {
        let option = format!("--document-discount={value}");
        let mut args = base.to_vec();
        args.push(&option);
        book.folio(&args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(message));
    }
    book.folio(&["invoice", "sablon", "10", "--document-discount", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--document-discount"));
    assert!(!book.path().join("documents").exists());
    assert!(!book.path().join("journal/2026.journal").exists());
}

#[test]
fn a_broken_document_discount_in_ubl_is_refused_with_the_rules_the_official_validator_fires() {
    let book = book();
    let id = issue(&book, &DISCOUNTED_INVOICE);
    let xml = ubl(&book, &id);
    let rules = |xml: &str| -> std::collections::BTreeSet<String> {
        folio::document::ubl::check(xml)
            .iter()
            .map(|v| v.rule.to_string())
            .collect()
    };
    assert!(rules(&xml).is_empty(), "{:?}", rules(&xml));
    let first = xml.find("<cac:AllowanceCharge>").unwrap();
    let category = xml[first..].find("<cac:TaxCategory>").unwrap() + first;
    let category_end =
        xml[category..].find("</cac:TaxCategory>").unwrap() + category + "</cac:TaxCategory>".len();
    let without_category = format!("{}{}", &xml[..category], &xml[category_end..]);
    // What the official Peppol BIS 3.0.19 and CEN Schematron fired on the same edits.
    let cases = [
        (
            xml.replace(
                ">54.38</cbc:AllowanceTotalAmount>",
                ">54.39</cbc:AllowanceTotalAmount>",
            ),
            &["BR-CO-11", "BR-CO-13"][..],
        ),
        (
            xml.replace(">54.16</cbc:Amount>", ">54.15</cbc:Amount>"),
            &["BR-CO-11"][..],
        ),
        (
            xml.replace(
                ">1028.99</cbc:TaxableAmount>",
                ">1083.15</cbc:TaxableAmount>",
            ),
            &["BR-CO-17", "BR-S-08", "BR-S-09"][..],
        ),
        (without_category, &["BR-32", "BR-E-08"][..]),
    ];
    for (broken, expected) in cases {
        assert_ne!(broken, xml);
        let expected: std::collections::BTreeSet<String> =
            expected.iter().map(|r| r.to_string()).collect();
        assert_eq!(rules(&broken), expected, "{broken}");
    }
}
