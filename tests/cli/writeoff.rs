//! `folio writeoff`: write-offs recorded with their own numbers, allocated like a credit note,
//! refused above what is open, residues cleared once, and left out of billing and the VAT return.

use crate::util::TestBook;
use serde_json::json;

/// Acme owes I1 (100.00, 0.60 left by P1) and I2 (50.00, 0.80 left by P2); I3 (0.50) is unpaid.
/// Claes (a supplier) is owed 0.30 on B1.
const JOURNAL: &str = "\
2026-01-05 bill B1 claes 80.00
2026-01-10 invoice I1 acme 100.00
2026-01-11 invoice I2 acme 50.00
2026-01-12 invoice I3 acme 0.50
2026-02-01 payment P1 acme 99.40 ref:I1
2026-02-02 payment P2 acme 49.20 ref:I2
2026-02-05 payout O1 claes 79.70 ref:B1
";

fn book() -> TestBook {
    TestBook::new()
        .customer("acme")
        .contact("claes", "name = \"Claes\"\nroles = [\"supplier\"]\n")
        .journal("2026", JOURNAL)
}

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap()
}

fn run(book: &TestBook, args: &[&str]) -> (Option<i32>, String, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn open_items(book: &TestBook, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["aging", "--detail", "--as-of", "2026-12-31"];
    all.extend(args);
    book.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["document"].as_str().unwrap().to_string(),
                row["open"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_writeoff_gets_its_own_number_and_clears_its_ref() {
    let book = book();
    let id = book.stdout(&[
        "writeoff",
        "acme",
        "0.60",
        "--ref",
        "I1",
        "--reason",
        "bank-charges",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(id, "WO-2026-0001\n");
    assert!(
        journal(&book).ends_with(
            "2026-03-01 writeoff WO-2026-0001 acme 0.60 EUR ref:I1 reason:bank-charges\n"
        ),
        "{}",
        journal(&book)
    );
    let explained = book.stdout(&["explain", "I1"]);
    assert!(explained.contains("WO-2026-0001"), "{explained}");
    let statement = book.stdout(&["statement", "acme", "--as-of", "2026-12-31"]);
    assert!(
        statement
            .lines()
            .any(|line| line.contains("writeoff") && line.contains("WO-2026-0001")),
        "{statement}"
    );
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_writeoff_without_ref_settles_the_oldest_open_item() {
    let book = book();
    book.stdout(&[
        "writeoff",
        "acme",
        "0.60",
        "--reason",
        "rounding",
        "--date",
        "2026-03-01",
    ]);
    // I1 falls due first: the write-off clears it, as a credit note without ref would.
    let open = open_items(&book, &[]);
    assert!(!open.iter().any(|(doc, _)| doc == "I1"), "{open:?}");
    assert!(
        open.contains(&("I2".to_string(), "0.80".to_string())),
        "{open:?}"
    );
}

#[test]
fn a_writeoff_above_what_is_open_is_refused_and_nothing_is_written() {
    let book = book();
    let before = journal(&book);
    let (code, _, stderr) = run(
        &book,
        &[
            "writeoff",
            "acme",
            "0.61",
            "--ref",
            "I1",
            "--reason",
            "rounding",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains(
            "the write-off of 0.61 EUR is more than is open on I1 as of 2026-03-01: 0.60 EUR"
        ),
        "{stderr}"
    );
    // Without ref: everything acme has open, 0.60 + 0.80 + 0.50.
    let (code, _, stderr) = run(
        &book,
        &[
            "writeoff",
            "acme",
            "1.91",
            "--reason",
            "bad-debt",
            "--date",
            "2026-03-01",
        ],
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("for `acme` as of 2026-03-01: 1.90 EUR"),
        "{stderr}"
    );
    assert_eq!(journal(&book), before);
}

#[test]
fn a_writeoff_needs_a_reason_and_vat_only_with_bad_debt() {
    let book = book();
    let (code, _, stderr) = run(&book, &["writeoff", "acme", "0.60"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--reason is required"), "{stderr}");
    let (code, _, stderr) = run(
        &book,
        &[
            "writeoff", "acme", "0.60", "--reason", "rounding", "--vat", "21",
        ],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("--vat is only for --reason bad-debt"),
        "{stderr}"
    );
}

#[test]
fn a_writeoff_line_without_a_reason_is_an_error_at_its_end() {
    let book = book().journal("2027", "2027-01-05 writeoff W1 acme 0.60 ref:I1\n");
    let (code, _, stderr) = run(&book, &["check"]);
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("2027.journal:1:40: error: a writeoff needs reason:bank-charges"),
        "{stderr}"
    );
}

#[test]
fn a_payables_writeoff_lowers_what_we_owe_a_supplier() {
    let book = book();
    let id = book.stdout(&[
        "writeoff",
        "claes",
        "0.30",
        "--payables",
        "--ref",
        "B1",
        "--reason",
        "rounding",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(id, "PWO-2026-0001\n");
    assert!(journal(&book).contains("payable-writeoff PWO-2026-0001 claes 0.30 EUR ref:B1"));
    let balance = book.json(&["balance", "--payables", "--as-of", "2026-12-31"]);
    assert_eq!(balance[0]["balance"], "0.00");
    // A receivables write-off may not name a bill.
    let (code, _, stderr) = run(
        &book,
        &[
            "writeoff", "claes", "0.30", "--ref", "B1", "--reason", "rounding",
        ],
    );
    assert_eq!(code, Some(65), "{stderr}");
}

#[test]
fn writeoff_below_clears_each_residue_once_and_a_dry_run_writes_nothing() {
    let book = book();
    let before = journal(&book);
    let args = ["writeoff", "--below", "1.00", "--as-of", "2026-03-31"];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let (code, stdout, _) = run(&book, &dry);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("WO-2026-0002") && stdout.contains("dry run"),
        "{stdout}"
    );
    assert_eq!(journal(&book), before);

    let written = book.json(&args);
    // I3 is unpaid, not a residue: nothing was applied to it.
    assert_eq!(
        written,
        json!([
            {"id": "WO-2026-0001", "date": "2026-03-31", "contact": "acme", "ref": "I1",
             "reason": "rounding", "amount": "0.60", "currency": "EUR"},
            {"id": "WO-2026-0002", "date": "2026-03-31", "contact": "acme", "ref": "I2",
             "reason": "rounding", "amount": "0.80", "currency": "EUR"},
        ])
    );
    assert_eq!(
        open_items(&book, &[]),
        [("I3".to_string(), "0.50".to_string())]
    );

    let (code, stdout, _) = run(&book, &args);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("nothing to write off"), "{stdout}");
    assert_eq!(book.json(&args), json!([]));
    assert_eq!(journal(&book).lines().count(), before.lines().count() + 2);

    let payables = book.json(&[
        "writeoff",
        "--below",
        "1.00",
        "--as-of",
        "2026-03-31",
        "--payables",
        "--reason",
        "other",
    ]);
    assert_eq!(payables[0]["id"], "PWO-2026-0001");
    assert_eq!(payables[0]["reason"], "other");
    book.folio(&["check"]).assert().success();
}

#[test]
fn writeoffs_are_neither_billing_nor_collection() {
    let book = book();
    let collection = |book: &TestBook| {
        book.json(&[
            "report",
            "collection",
            "--from",
            "2026-01",
            "--to",
            "2026-06",
        ])
    };
    let metrics = |book: &TestBook| book.json(&["metrics", "--as-of", "2026-12-31"]);
    let (collection_before, metrics_before) = (collection(&book), metrics(&book));
    book.stdout(&[
        "writeoff",
        "acme",
        "1.90",
        "--reason",
        "bad-debt",
        "--date",
        "2026-03-10",
    ]);
    let (collection_after, metrics_after) = (collection(&book), metrics(&book));
    let march = |rows: &serde_json::Value| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|row| row["period"] == "2026-03")
            .cloned()
            .unwrap()
    };
    for key in ["billed", "billed_gross", "collected"] {
        assert_eq!(
            march(&collection_after)[key],
            march(&collection_before)[key],
            "{key}"
        );
    }
    // What is owed does go down: the write-off lowers the receivables.
    assert_eq!(march(&collection_after)["receivables"], "0.00");
    for key in ["revenue", "invoices", "avg_days_to_pay"] {
        assert_eq!(metrics_after[0][key], metrics_before[0][key], "{key}");
    }
    assert_eq!(metrics_after[0]["balance"], "0.00");
}

#[test]
fn a_bad_debt_writeoffs_vat_is_relief_outside_the_return() {
    let book = book().journal("2027", "2027-01-10 invoice V1 acme 242.00 vat:21\n");
    let return_before = book.json(&["vat", "--period", "2027-Q1"]);
    book.stdout(&[
        "writeoff",
        "acme",
        "121.00",
        "--ref",
        "V1",
        "--reason",
        "bad-debt",
        "--vat",
        "21",
        "--date",
        "2027-02-01",
    ]);
    let report = book.json(&["vat", "--period", "2027-Q1"]);
    let rows = report.as_array().unwrap();
    assert_eq!(
        rows[..return_before.as_array().unwrap().len()],
        return_before.as_array().unwrap()[..]
    );
    let relief = rows.last().unwrap();
    assert_eq!(relief["side"], "bad-debt relief");
    assert_eq!(relief["net"], "-100.00");
    assert_eq!(relief["vat"], "-21.00");
    let (_, table, _) = run(&book, &["vat", "--period", "2027-Q1"]);
    let balance = table.lines().find(|line| line.contains("balance")).unwrap();
    assert!(balance.contains("42.00"), "{table}");
    // The Belgian return's boxes do not move.
    let grid_before = TestBook::new()
        .customer("acme")
        .journal("2027", "2027-01-10 invoice V1 acme 242.00 vat:21\n")
        .json(&["vat", "--grid", "be", "--period", "2027-Q1"]);
    assert_eq!(
        book.json(&["vat", "--grid", "be", "--period", "2027-Q1"]),
        grid_before
    );
}

#[test]
fn writeoffs_post_to_the_writeoff_accounts_in_double_entry_exports() {
    let book = book();
    book.stdout(&[
        "writeoff",
        "acme",
        "0.60",
        "--ref",
        "I1",
        "--reason",
        "rounding",
        "--date",
        "2026-03-01",
    ]);
    book.stdout(&[
        "writeoff",
        "claes",
        "0.30",
        "--payables",
        "--reason",
        "rounding",
        "--date",
        "2026-03-01",
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
        ledger.contains("Assets:Receivables:acme  -0.60 EUR\n    Expenses:Write-offs\n"),
        "{ledger}"
    );
    assert!(
        ledger.contains("Liabilities:Payables:claes  0.30 EUR\n    Income:Write-offs\n"),
        "{ledger}"
    );
    let book = book.file(
        "folio.toml",
        "name = \"Test Book\"\ncurrency = \"EUR\"\n[export.accounts]\nwriteoffs = \"Expenses:Bank-Charges\"\n",
    );
    let beancount = book.stdout(&[
        "export",
        "entries",
        "--format",
        "beancount",
        "--as-of",
        "2026-12-31",
    ]);
    assert!(beancount.contains("Expenses:Bank-Charges"), "{beancount}");
    let csv = book.stdout(&[
        "export",
        "entries",
        "--format",
        "csv",
        "--as-of",
        "2026-12-31",
    ]);
    assert!(csv.contains(",writeoff,WO-2026-0001,"), "{csv}");
    assert!(csv.contains(",payable-writeoff,PWO-2026-0001,"), "{csv}");
}

fn reconcile_book(tolerance: Option<&str>) -> TestBook {
    let mut config = "name = \"Test Book\"\ncurrency = \"EUR\"\n".to_string();
    if let Some(tolerance) = tolerance {
        config.push_str(&format!(
            "[reconcile]\nwriteoff_tolerance = \"{tolerance}\"\n"
        ));
    }
    let book = TestBook::with_config(&config)
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\niban = \"BE68 5390 0754 7034\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 acme 1210.00\n\
             2026-01-06 invoice INV-2026-0002 acme 3040.00\n",
        );
    std::fs::write(
        book.path().join("bank.csv"),
        "date;amount;name;iban;communication;id\n\
         2026-02-01;1.200,00;ACME;;Invoice inv 2026 0001;T1\n\
         2026-02-02;3.015,00;SOMEBODY;BE68 5390 0754 7034;thanks;T2\n",
    )
    .unwrap();
    book
}

#[test]
fn reconcile_proposes_a_bank_charge_writeoff_within_the_tolerance_and_applies_it() {
    let book = reconcile_book(Some("25.00"));
    let csv = book.path().join("bank.csv");
    let path = csv.to_str().unwrap();
    let lines = book.json(&["reconcile", path, "--as-of", "2026-03-01"]);
    // Named by the communication: 10.00 short of INV-2026-0001.
    assert_eq!(
        lines[0]["writeoff"],
        json!({"document": "INV-2026-0001", "amount": "10.00", "reason": "bank-charges"})
    );
    // Known by the account: no invoice is open for 3015.00, but INV-2026-0002 is 25.00 more.
    assert_eq!(lines[1]["rule"], "iban");
    assert_eq!(lines[1]["documents"][0]["document"], "INV-2026-0002");
    assert_eq!(lines[1]["writeoff"]["amount"], "25.00");
    assert!(
        lines[1]["reason"]
            .as_str()
            .unwrap()
            .contains("writeoff reason:bank-charges")
    );

    let applied = book.json(&["reconcile", path, "--as-of", "2026-03-01", "--apply"]);
    assert_eq!(
        applied[1]["entries"],
        json!(["PAY-2026-00002", "WO-2026-0002"])
    );
    let text = journal(&book);
    assert!(
        text.contains(
            "writeoff WO-2026-0001 acme 10.00 EUR ref:INV-2026-0001 reason:bank-charges bank:T1"
        ),
        "{text}"
    );
    assert_eq!(
        book.json(&["balance", "--as-of", "2026-03-01"])[0]["balance"],
        "0.00"
    );
    // Again: both lines are applied already, nothing more is written.
    let again = book.json(&["reconcile", path, "--as-of", "2026-03-01", "--apply"]);
    assert_eq!(again[0]["status"], "already-applied");
    assert_eq!(again[1]["status"], "already-applied");
    assert_eq!(journal(&book), text);
}

#[test]
fn reconcile_proposes_no_writeoff_without_a_tolerance_or_beyond_it() {
    for tolerance in [None, Some("9.99")] {
        let book = reconcile_book(tolerance);
        let csv = book.path().join("bank.csv");
        let lines = book.json(&["reconcile", csv.to_str().unwrap(), "--as-of", "2026-03-01"]);
        for line in lines.as_array().unwrap() {
            assert!(line.get("writeoff").is_none(), "{tolerance:?}: {line}");
        }
        // Without a write-off the account rule finds no item for 3015.00: on account.
        assert_eq!(lines[1]["documents"], json!([]));
    }
}

#[test]
fn an_invoice_closed_by_a_writeoff_alone_is_written_off_and_a_paid_residue_stays_paid() {
    let book = book();
    // I3 (0.50) is written off whole as a bad debt; I1's 0.60 residue after P1 as rounding.
    for args in [
        [
            "writeoff", "acme", "0.50", "--ref", "I3", "--reason", "bad-debt",
        ],
        [
            "writeoff", "acme", "0.60", "--ref", "I1", "--reason", "rounding",
        ],
    ] {
        let mut all = args.to_vec();
        all.extend(["--date", "2026-03-01"]);
        let (code, _, stderr) = run(&book, &all);
        assert_eq!(code, Some(0), "{stderr}");
    }
    let rows = book.json(&["documents", "--kind", "invoice", "--as-of", "2026-03-31"]);
    let status: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["id"].as_str().unwrap(), row["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [("I1", "paid"), ("I2", "overdue"), ("I3", "written-off")]
    );
    let written_off = book.json(&[
        "documents",
        "--status",
        "written-off",
        "--as-of",
        "2026-03-31",
    ]);
    assert_eq!(written_off.as_array().unwrap().len(), 1);
}
