//! Payments in another currency: `settles:` on a payment or payout, `--settles` on the commands,
//! the allocation in the settled currency and the realised exchange difference shown by
//! `statement`, `explain` and the exports.

use crate::export::installed;
use crate::util::TestBook;
use std::process::Command;

/// A Belgian book (EUR) with a US customer (USD) invoiced USD 3040.00 on 2026-03-02, a US
/// supplier billed USD 1080.00, and the EUR USD rate of that day.
fn brightline() -> TestBook {
    TestBook::new()
        .contact(
            "brightline",
            "name = \"Brightline Inc\"\ncurrency = \"USD\"\n",
        )
        .contact(
            "harbor",
            "name = \"Harbor Supply\"\nroles = [\"supplier\"]\ncurrency = \"USD\"\n",
        )
        .journal(
            "2026",
            "2026-03-02 invoice INV-2026-0011 brightline 3040.00 due:2026-04-01\n\
             2026-03-02 bill H-77 harbor 1080.00\n",
        )
        .file("rates/2026.rates", "2026-03-02 EUR USD 1.08\n")
}

/// The book after the payment of the issue: EUR 2800.00 for the USD 3040.00 invoice.
fn paid() -> TestBook {
    let book = brightline();
    book.stdout(&[
        "payment",
        "brightline",
        "2800",
        "--currency",
        "EUR",
        "--ref",
        "INV-2026-0011",
        "--settles",
        "3040.00",
        "--date",
        "2026-03-20",
    ]);
    book
}

fn stderr_of(book: &TestBook, args: &[&str]) -> (Option<i32>, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_usd_invoice_paid_in_eur_with_settles_leaves_nothing_open_in_either_currency() {
    let book = paid();
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains(
            "payment PAY-2026-00001 brightline 2800 EUR ref:INV-2026-0011 settles:3040.00"
        ),
        "{journal}"
    );
    let rows = book.json(&["balance", "--as-of", "2026-12-31"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["currency"], "USD");
    assert_eq!(rows[0]["credits"], "3040.00");
    assert_eq!(rows[0]["balance"], "0.00");
    let aging = book.json(&["aging", "--detail", "--as-of", "2026-12-31"]);
    assert_eq!(aging.as_array().unwrap().len(), 0, "{aging}");
}

#[test]
fn a_ref_in_another_currency_without_settles_is_refused_with_the_way_to_record_it() {
    let book = brightline();
    let (code, stderr) = stderr_of(
        &book,
        &[
            "payment",
            "brightline",
            "2800",
            "--currency",
            "EUR",
            "--ref",
            "INV-2026-0011",
        ],
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(stderr.contains("is in USD, this entry in EUR"), "{stderr}");
    assert!(
        stderr.contains("record what it settles with settles:AMOUNT (folio payment --settles)"),
        "{stderr}"
    );
    let book = book.journal(
        "late",
        "2026-03-20 payment P1 brightline 2800 EUR ref:INV-2026-0011\n",
    );
    let (code, stderr) = stderr_of(&book, &["check"]);
    assert_eq!(code, Some(65), "{stderr}");
    assert!(stderr.contains("late.journal:1:"), "{stderr}");
    assert!(stderr.contains("(folio payment --settles)"), "{stderr}");
}

#[test]
fn settles_with_its_currency_needs_no_ref_and_without_either_is_refused() {
    let book = brightline();
    let settled = [
        "payment",
        "brightline",
        "2800",
        "--currency",
        "EUR",
        "--settles",
        "3040.00/USD",
        "--date",
        "2026-03-20",
    ];
    assert_eq!(book.stdout(&settled).trim(), "PAY-2026-00001");
    let rows = book.json(&["balance", "--as-of", "2026-12-31"]);
    assert_eq!(rows[0]["balance"], "0.00", "{rows}");
    let (code, stderr) = stderr_of(
        &book,
        &[
            "payment",
            "brightline",
            "10",
            "--currency",
            "EUR",
            "--settles",
            "11",
        ],
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("names no currency and there is no --ref"),
        "{stderr}"
    );
    let (code, stderr) = stderr_of(
        &book,
        &["refund", "brightline", "10", "--settles", "11/EUR"],
    );
    assert_eq!(code, Some(2), "{stderr}");
}

#[test]
fn a_payout_in_eur_settles_a_usd_bill() {
    let book = brightline();
    let args = [
        "payout",
        "harbor",
        "1010",
        "--currency",
        "EUR",
        "--ref",
        "H-77",
        "--settles",
        "1080.00",
        "--date",
        "2026-03-25",
    ];
    book.stdout(&args);
    let rows = book.json(&["balance", "--payables", "--as-of", "2026-12-31"]);
    assert_eq!(rows[0]["currency"], "USD", "{rows}");
    assert_eq!(rows[0]["balance"], "0.00", "{rows}");
    // 1080 USD was worth 1000.00 EUR on the bill's date; paying 1010.00 is a loss of 10.00.
    let explained = book.json(&["explain", "H-77", "--as-of", "2026-12-31"]);
    assert_eq!(explained["exchange_difference"], "-10.00", "{explained}");
}

#[test]
fn settles_errors_are_placed_at_their_line_and_column() {
    // Each line, the text its error points at, and what the error says.
    let cases = [
        (
            "2026-03-20 invoice X1 brightline 10 settles:11/EUR",
            "settles:",
            "only allowed on payment and payout",
        ),
        (
            "2026-03-20 payment X1 brightline 10 EUR settles:1/USD settles:2/USD",
            "settles:2",
            "given twice",
        ),
        (
            "2026-03-20 payment X1 brightline 10 EUR settles:1.23456/USD",
            "1.23456",
            "invalid settled amount",
        ),
        (
            "2026-03-20 payment X1 brightline 10 EUR settles:12/Usd",
            "Usd",
            "invalid currency `Usd`",
        ),
        (
            "2026-03-20 payment X1 brightline 10 settles:12/USD",
            "settles:",
            "names the currency of this payment itself",
        ),
        (
            "2026-03-20 payment X1 brightline 10 EUR settles:12",
            "settles:",
            "names no currency and this payment has no ref:",
        ),
        (
            "2026-03-20 payment X1 brightline 10 EUR ref:INV-2026-0011 settles:12/CHF",
            "INV-",
            "but settles: names CHF",
        ),
        (
            "2026-03-20 payment X1 brightline 10 ref:INV-2026-0011 settles:12",
            "INV-",
            "the currency of this payment itself",
        ),
    ];
    for (line, token, message) in cases {
        let column = line.find(token).unwrap() + 1;
        let book = brightline().journal("x", &format!("{line}\n"));
        let (code, stderr) = stderr_of(&book, &["check"]);
        assert_eq!(code, Some(65), "{line}: {stderr}");
        let place = format!("x.journal:1:{column}: error: ");
        assert!(stderr.contains(&place), "{line}: {place} in {stderr}");
        assert!(stderr.contains(message), "{line}: {message} in {stderr}");
    }
}

#[test]
fn a_missing_rate_for_an_exchange_difference_names_the_pair_and_the_date() {
    let book = paid().file("rates/2026.rates", "2026-03-03 EUR USD 1.08\n");
    let wanted = "no exchange rate from USD to EUR on or before 2026-03-02";
    let (code, stderr) = stderr_of(&book, &["check"]);
    assert_eq!(code, Some(65), "{stderr}");
    assert!(stderr.contains("2026.journal:3:"), "{stderr}");
    assert!(stderr.contains(wanted), "{stderr}");
    for args in [
        &["statement", "brightline", "--as-of", "2026-12-31"][..],
        &["explain", "INV-2026-0011", "--as-of", "2026-12-31"],
        &[
            "export",
            "entries",
            "--format",
            "ledger",
            "--as-of",
            "2026-12-31",
        ],
    ] {
        let (code, stderr) = stderr_of(&book, args);
        assert_eq!(code, Some(65), "{args:?}: {stderr}");
        assert!(stderr.contains(wanted), "{args:?}: {stderr}");
    }
    // What needs no exchange difference still runs.
    book.stdout(&["balance", "--as-of", "2026-12-31"]);
}

#[test]
fn the_statement_shows_the_payment_in_the_settled_currency_with_what_was_paid_and_the_loss() {
    let book = paid();
    let statement = book.json(&["statement", "brightline", "--as-of", "2026-12-31"]);
    let sections = statement["currencies"].as_array().unwrap();
    assert_eq!(sections.len(), 1, "{statement}");
    assert_eq!(sections[0]["currency"], "USD");
    let payment = &sections[0]["lines"][1];
    assert_eq!(payment["document"], "PAY-2026-00001");
    assert_eq!(payment["credit"], "3040.00");
    assert_eq!(payment["paid"], "2800.00");
    assert_eq!(payment["paid_currency"], "EUR");
    assert_eq!(payment["exchange_difference"], "-14.81");
    assert!(sections[0]["lines"][0].get("paid").is_none());
    assert_eq!(sections[0]["closing"], "0.00");
    let table = book.stdout(&["statement", "brightline", "--as-of", "2026-12-31"]);
    assert!(table.contains("exchange_difference"), "{table}");
    assert!(table.contains("-14.81"), "{table}");
}

#[test]
fn explain_gives_the_settled_and_paid_amounts_the_rate_and_the_difference() {
    let book = paid();
    for document in ["PAY-2026-00001", "INV-2026-0011"] {
        let explained = book.json(&["explain", document, "--as-of", "2026-12-31"]);
        let application = &explained["applications"][0];
        assert_eq!(application["amount"], "3040.00", "{explained}");
        assert_eq!(application["paid"], "2800.00");
        assert_eq!(application["rate"], "1 EUR = 1.08 USD");
        assert_eq!(application["carrying_value"], "2814.81");
        assert_eq!(application["exchange_difference"], "-14.81");
        assert_eq!(explained["exchange_difference"], "-14.81");
    }
    let payment = book.json(&["explain", "PAY-2026-00001", "--as-of", "2026-12-31"]);
    assert_eq!(payment["amount"], "2800.00");
    assert_eq!(payment["currency"], "EUR");
    assert_eq!(payment["settles"], "3040.00");
    assert_eq!(payment["settled_currency"], "USD");
    let text = book.stdout(&["explain", "PAY-2026-00001", "--as-of", "2026-12-31"]);
    assert!(text.contains("settles: 3040.00 USD"), "{text}");
    assert!(
        text.contains("realised exchange difference: -14.81 EUR (loss)"),
        "{text}"
    );
}

#[test]
fn csv_and_json_exports_carry_the_settlement_only_for_books_that_have_one() {
    let plain = brightline();
    let csv = plain.stdout(&["export", "entries", "--as-of", "2026-12-31"]);
    assert!(
        csv.starts_with("date,kind,id,contact,amount,currency,due,ref,memo,meta\n"),
        "{csv}"
    );
    let book = paid();
    let csv = book.stdout(&["export", "entries", "--as-of", "2026-12-31"]);
    assert!(
        csv.starts_with(
            "date,kind,id,contact,amount,currency,due,ref,memo,meta,settles,settled_currency,exchange_difference\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains(",settles:3040.00,3040.00,USD,-14.81\n"),
        "{csv}"
    );
    let json = book.json(&["export", "entries", "--as-of", "2026-12-31"]);
    let payment = &json[2];
    assert_eq!(payment["amount"], "2800.00", "{json}");
    assert_eq!(payment["settles"], "3040.00");
    assert_eq!(payment["settled_currency"], "USD");
    assert_eq!(payment["exchange_difference"], "-14.81");
    assert!(json[0].get("settles").is_none());
}

/// `tool args... file` succeeds, with its output.
fn run(tool: &str, args: &[&str], file: &std::path::Path) -> String {
    let output = Command::new(tool).args(args).arg(file).output().unwrap();
    assert!(
        output.status.success(),
        "{tool} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn ledger_hledger_and_beancount_accept_the_carrying_value_and_the_exchange_account() {
    let book = paid().file(
        "folio.toml",
        "name = \"Test Book\"\ncurrency = \"EUR\"\n[export.accounts]\nexchange = \"Expenses:FX\"\n",
    );
    book.stdout(&[
        "payout",
        "harbor",
        "1010",
        "--currency",
        "EUR",
        "--ref",
        "H-77",
        "--settles",
        "1080.00",
        "--date",
        "2026-03-25",
    ]);
    let ledger = book.stdout(&[
        "export",
        "entries",
        "--format",
        "ledger",
        "--as-of",
        "2026-12-31",
    ]);
    assert!(
        ledger.contains(
            "    Assets:Receivables:brightline  -3040.00 USD @@ 2814.81 EUR\n    Assets:Bank  2800.00 EUR\n    Expenses:FX  14.81 EUR  ; realised exchange difference\n"
        ),
        "{ledger}"
    );
    assert!(
        ledger.contains("    Liabilities:Payables:harbor  1080.00 USD @@ 1000.00 EUR\n    Assets:Bank  -1010.00 EUR\n    Expenses:FX  10.00 EUR"),
        "{ledger}"
    );
    let file = book.path().join("export.ledger");
    std::fs::write(&file, &ledger).unwrap();
    if installed("ledger") {
        let balance = run("ledger", &["bal", "Expenses:FX", "--flat", "-f"], &file);
        assert!(balance.contains("24.81 EUR"), "{balance}");
        let receivable = run("ledger", &["bal", "Receivables", "--flat", "-f"], &file);
        // The USD invoice and the USD settled by the EUR payment leave nothing on the account.
        assert!(!receivable.contains("USD"), "{receivable}");
    }
    if installed("hledger") {
        let balance = run("hledger", &["bal", "Expenses:FX", "-f"], &file);
        assert!(balance.contains("24.81 EUR"), "{balance}");
    }
    let beancount = book.stdout(&[
        "export",
        "entries",
        "--format",
        "beancount",
        "--as-of",
        "2026-12-31",
    ]);
    assert!(beancount.contains("open Expenses:FX"), "{beancount}");
    let file = book.path().join("export.beancount");
    std::fs::write(&file, &beancount).unwrap();
    if installed("bean-check") {
        run("bean-check", &[], &file);
    }
}

#[test]
fn an_exported_payment_in_another_currency_imports_back_into_the_same_balances() {
    let book = paid();
    let csv = book.stdout(&["export", "entries", "--as-of", "2026-12-31"]);
    let copy = brightline().file("journal/2026.journal", "");
    let file = copy.path().join("entries.csv");
    std::fs::write(&file, csv).unwrap();
    copy.stdout(&["import", "entries", file.to_str().unwrap()]);
    let balance = ["balance", "--as-of", "2026-12-31"];
    assert_eq!(copy.json(&balance), book.json(&balance));
}

#[test]
fn collection_counts_a_payment_in_another_currency_against_the_invoices_it_settles() {
    let book = paid();
    let rows = book.json(&[
        "report",
        "collection",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    ]);
    let rows = rows.as_array().unwrap();
    assert_eq!(
        rows.len(),
        1,
        "no EUR row for the EUR that came in: {rows:?}"
    );
    assert_eq!(rows[0]["currency"], "USD");
    assert_eq!(rows[0]["collected"], "3040.00");
    assert_eq!(rows[0]["receivables"], "0.00");
}

#[test]
fn a_payment_without_ref_in_a_currency_with_nothing_open_says_how_to_settle_the_others() {
    let book = brightline();
    let args = [
        "payment",
        "brightline",
        "2800",
        "--currency",
        "EUR",
        "--date",
        "2026-03-20",
    ];
    let (code, stderr) = stderr_of(&book, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning: `brightline` has nothing open in EUR but 3040.00 USD open: this payment stays on account in EUR; to settle those with it, record what it settles (--settles AMOUNT/USD)"
        ),
        "{stderr}"
    );
    // With --settles, or in the currency of what is open, there is nothing to say.
    let (code, stderr) = stderr_of(
        &book,
        &["payment", "brightline", "40", "--date", "2026-03-21"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}
