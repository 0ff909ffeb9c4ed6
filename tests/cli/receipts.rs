//! Receipts: `folio render PAY-...` says what a payment received paid (each document with the
//! amount applied and what stays open of it) and what stays on account, in the customer's
//! language, as text, HTML and PDF.

use crate::util::{TestBook, skipped, tool};
use std::process::Command;

/// A book whose English customer `acme` owes INV-1 (1000.00) and INV-2 (300.00) and paid
/// PAY-1 (1500.00, 200.00 more than both) on 2026-03-10; a third invoice comes after it. The
/// French customer `leclerc` paid PAY-2 (400.00) on an invoice of 1000.00; the Dutch customer
/// `jansen` paid PAY-3 (250.00) on an invoice of 250.00.
fn book() -> TestBook {
    TestBook::with_company()
        .contact("acme", "name = \"Acme Ltd\"\nlanguage = \"en\"\n")
        .contact("leclerc", "name = \"Leclerc SA\"\nlanguage = \"fr\"\n")
        .contact("jansen", "name = \"Jansen BV\"\nlanguage = \"nl\"\n")
        .journal(
            "2026",
            "2026-02-01 invoice INV-1 acme 1000.00 due:2026-03-01\n\
             2026-02-15 invoice INV-2 acme 300.00 due:2026-03-15\n\
             2026-02-20 invoice INV-F1 leclerc 1000.00 due:2026-03-20\n\
             2026-02-20 invoice INV-N1 jansen 250.00 due:2026-03-20\n\
             2026-03-10 payment PAY-1 acme 1500.00\n\
             2026-03-12 payment PAY-2 leclerc 400.00 ref:INV-F1\n\
             2026-03-12 payment PAY-3 jansen 250.00 ref:INV-N1\n\
             2026-04-01 invoice INV-3 acme 500.00 due:2026-05-01\n",
        )
}

/// The words of `text` with runs of spaces made one, so column padding does not matter.
fn squeezed(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_payment_on_two_invoices_lists_each_and_what_stays_on_account() {
    let book = book();
    let text = squeezed(&book.stdout(&["render", "PAY-1"]));
    for expected in [
        "RECEIPT PAY-1",
        "Test Book SRL",
        "Received from\nAcme Ltd",
        "Amount received €1,500.00",
        "INV-1 1,000.00 0.00",
        "INV-2 300.00 0.00",
        "On account €200.00",
        "Received with thanks: €1,500.00 on 10 March 2026.",
        "€200.00 stays on your account",
    ] {
        assert!(text.contains(expected), "`{expected}` not in:\n{text}");
    }
    // As of the payment's day: the invoice that came later has not taken the remainder.
    assert!(!text.contains("INV-3"), "{text}");
}

#[test]
fn a_partial_payment_shows_what_stays_open_of_the_invoice() {
    let book = book();
    let text = squeezed(&book.stdout(&["render", "PAY-2", "--lang", "en"]));
    assert!(text.contains("INV-F1 400.00 600.00"), "{text}");
    assert!(text.contains("On account €0.00"), "{text}");
    assert!(!text.contains("stays on your account"), "{text}");
}

#[test]
fn a_french_and_a_dutch_customer_get_their_language() {
    let book = book();
    let french = squeezed(&book.stdout(&["render", "PAY-2"]));
    for expected in [
        "REÇU PAY-2",
        "Reçu de\nLeclerc SA",
        "Montant reçu 400,00 €",
        "INV-F1 400,00 600,00",
        "12 mars 2026",
    ] {
        assert!(french.contains(expected), "`{expected}` not in:\n{french}");
    }
    let dutch = squeezed(&book.stdout(&["render", "PAY-3"]));
    for expected in [
        "ONTVANGSTBEWIJS PAY-3",
        "Ontvangen van\nJansen BV",
        "Ontvangen bedrag",
        "INV-N1",
        "12 maart 2026",
    ] {
        assert!(dutch.contains(expected), "`{expected}` not in:\n{dutch}");
    }
}

#[test]
fn an_html_receipt_is_a_page_with_the_documents_paid() {
    let book = book();
    let html = book.stdout(&["render", "PAY-1", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<title>Receipt PAY-1</title>"), "{html}");
    assert!(
        html.contains(
            "<tr><td>INV-2</td><td class=\"num\">300.00</td><td class=\"num\">0.00</td></tr>"
        ),
        "{html}"
    );
    assert!(html.contains("€200.00"), "{html}");
}

#[test]
fn a_pdf_receipt_names_the_invoices_it_paid() {
    let book = book();
    let out = book.path().join("PAY-1.pdf");
    let result = book
        .folio(&[
            "render",
            "PAY-1",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    if result.status.code() == Some(66) {
        skipped("no font is installed (apt-get install fonts-dejavu-core)");
        return;
    }
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    if !tool("pdftotext", "-v", "apt-get install poppler-utils") {
        return;
    }
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let text = squeezed(&String::from_utf8(text.stdout).unwrap());
    for expected in [
        "Receipt PAY-1",
        "INV-1 1,000.00 0.00",
        "INV-2 300.00 0.00",
        "On account €200.00",
    ] {
        assert!(text.contains(expected), "`{expected}` not in:\n{text}");
    }
}

#[test]
fn a_payment_in_another_currency_shows_what_was_paid_and_what_it_settled() {
    let book = TestBook::with_company()
        .contact(
            "brightline",
            "name = \"Brightline Inc\"\ncurrency = \"USD\"\n",
        )
        .journal(
            "2026",
            "2026-03-02 invoice INV-2026-0011 brightline 3040.00 due:2026-04-01\n\
             2026-03-20 payment PAY-2026-0001 brightline 2800.00 EUR ref:INV-2026-0011 settles:3040.00\n",
        )
        .file("rates/2026.rates", "2026-03-02 EUR USD 1.08\n");
    let text = squeezed(&book.stdout(&["render", "PAY-2026-0001"]));
    for expected in [
        "Amount received €2,800.00",
        "Settles US$3,040.00",
        "Paid (EUR) Applied Still open",
        "INV-2026-0011 2,800.00 3,040.00 0.00",
        "This payment of €2,800.00 settles US$3,040.00.",
    ] {
        assert!(text.contains(expected), "`{expected}` not in:\n{text}");
    }
}

#[test]
fn a_receipt_has_no_ubl_form_and_a_payout_stays_not_found() {
    let book = book()
        .contact("harbor", "name = \"Harbor\"\nroles = [\"supplier\"]\n")
        .journal(
            "bills",
            "2026-03-01 bill B-1 harbor 100.00\n2026-03-05 payout OUT-1 harbor 100.00\n",
        );
    let ubl = book
        .folio(&["render", "PAY-1", "--format", "ubl"])
        .output()
        .unwrap();
    assert_eq!(ubl.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&ubl.stderr).contains("its receipt renders as txt, html or pdf"),
        "{}",
        String::from_utf8_lossy(&ubl.stderr)
    );
    let payout = book.folio(&["render", "OUT-1"]).output().unwrap();
    assert_eq!(payout.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&payout.stderr).contains("no document `OUT-1`"));
}
