//! `folio interest`: late-payment interest equal to a hand computation (leap years, rate changes
//! mid-period, partial payments), debit notes issued once per invoice and period, the fixed
//! compensation once per invoice, reminder fees booked once, and settings checked at their line.

use crate::util::{COMPANY, TestBook};
use serde_json::Value;

/// INV-1: 1000.00 due 2024-02-15, paid 2024-03-16. INV-2: 2000.00 due 2024-03-31, 1500.00 paid
/// 2024-04-10, 500.00 still open.
const JOURNAL: &str = "\
2024-01-16 invoice INV-1 acme 1000.00 due:2024-02-15
2024-03-16 payment PAY-1 acme 1000.00 ref:INV-1
2024-03-01 invoice INV-2 acme 2000.00 due:2024-03-31
2024-04-10 payment PAY-2 acme 1500.00 ref:INV-2
";

fn book_with(interest: &str) -> TestBook {
    TestBook::with_config(&format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}\n[dunning.interest]\n{interest}"
    ))
    .contact(
        "acme",
        "name = \"Acme\"\nlanguage = \"fr\"\n[address]\nstreet = \"Rue de la Loi 16\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
    )
    .journal("2024", JOURNAL)
}

fn fixed_ten_percent() -> TestBook {
    book_with("rate = \"10.00\"\n")
}

fn row<'a>(rows: &'a Value, document: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|row| row["document"] == document)
        .unwrap_or_else(|| panic!("no row for {document} in {rows}"))
}

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2024.journal")).unwrap()
}

#[test]
fn interest_over_a_leap_day_equals_the_hand_computation() {
    // Due 2024-02-15, paid 2024-03-16: Feb 16..29 is 14 days (29 February included) and
    // Mar 1..16 is 16 days: 30 days. 1000.00 × 10 % × 30 / 365 = 8.2191... → 8.22.
    let rows = fixed_ten_percent().json(&["interest", "--as-of", "2024-06-30"]);
    let line = row(&rows, "INV-1");
    assert_eq!(line["days_late"], 30);
    assert_eq!(line["until"], "2024-03-16");
    assert_eq!(line["rate"], "10.00");
    assert_eq!(line["base"], "1000.00");
    assert_eq!(line["open"], "0.00");
    assert_eq!(line["interest"], "8.22");
    assert_eq!(line["to_issue"], "8.22");
}

#[test]
fn a_partial_payment_lowers_the_base_from_the_day_after_it() {
    // INV-2, due 2024-03-31, as of 2024-06-30:
    //   Apr 1..10 (10 days, the payment day included) on 2000.00: 2000 × 10 × 10 = 200000
    //   Apr 11..Jun 30 (20 + 31 + 30 = 81 days) on 500.00:        500 × 10 × 81 = 405000
    //   605000 / (100 × 365) = 16.5753... → 16.58
    let rows = fixed_ten_percent().json(&["interest", "--as-of", "2024-06-30"]);
    let line = row(&rows, "INV-2");
    assert_eq!(line["days_late"], 91);
    assert_eq!(line["base"], "2000.00");
    assert_eq!(line["open"], "500.00");
    assert_eq!(line["interest"], "16.58");
}

#[test]
fn the_eu_rate_changes_mid_period_with_the_half_year() {
    // Reference rate 4.50 from 2023-09-20 (in force on 1 January 2024) and 4.25 from
    // 2024-06-12 (in force on 1 July 2024), plus 8 points. INV-2's 500.00 after 2024-04-10:
    //   Apr 1..10 on 2000.00 at 12.50: 2000 × 12.50 × 10 =  250000
    //   Apr 11..Jun 30 on 500.00 at 12.50: 500 × 12.50 × 81 = 506250
    //   Jul 1..31 on 500.00 at 12.25:  500 × 12.25 × 31 =  189875
    //   946125 / 36500 = 25.9212... → 25.92
    let book = book_with(
        "points = \"8\"\n\
         [[dunning.interest.reference]]\nfrom = 2023-09-20\nrate = \"4.50\"\n\
         [[dunning.interest.reference]]\nfrom = 2024-06-12\nrate = \"4.25\"\n",
    );
    let rows = book.json(&["interest", "--as-of", "2024-07-31"]);
    let line = row(&rows, "INV-2");
    assert_eq!(line["rate"], "rates");
    assert_eq!(line["interest"], "25.92");
    let text = book.stdout(&["interest", "--as-of", "2024-07-31"]);
    assert!(text.contains("rates"), "{text}");
}

#[test]
fn act_act_counts_a_leap_year_day_as_one_366th() {
    // INV-1's 30 days all fall in 2024 (366 days): 1000 × 10 × 30 / 36600 = 8.1967... → 8.20.
    let book = book_with("rate = \"10\"\nday_count = \"act/act\"\n");
    let rows = book.json(&["interest", "--as-of", "2024-06-30"]);
    assert_eq!(row(&rows, "INV-1")["interest"], "8.20");
}

#[test]
fn issue_records_each_invoice_and_period_exactly_once() {
    let book = fixed_ten_percent();
    let issued = book.json(&["interest", "--issue", "--as-of", "2024-06-30"]);
    let charges: Vec<(&str, &str, &str)> = issued
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["id"].as_str().unwrap(),
                row["for"].as_str().unwrap(),
                row["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        charges,
        vec![
            ("DN-2024-0001", "INV-1", "8.22"),
            ("DN-2024-0002", "INV-2", "16.58")
        ]
    );
    let written = journal(&book);
    assert!(
        written.contains(
            "2024-06-30 invoice DN-2024-0001 acme 8.22 EUR due:2024-07-30 charge:interest for:INV-1 period:2024-02-16..2024-03-16"
        ),
        "{written}"
    );
    assert!(book.path().join("documents/DN-2024-0001.toml").exists());

    // The same run again records nothing.
    let again = book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    assert!(
        again.contains("nothing to issue as of 2024-06-30"),
        "{again}"
    );
    assert_eq!(journal(&book), written);

    // A month later only July is charged on INV-2: 500 × 10 × 31 / 36500 = 4.2465... → 4.25.
    let rows = book.json(&["interest", "--as-of", "2024-07-31"]);
    let line = row(&rows, "INV-2");
    assert_eq!(line["issued"], "16.58");
    assert_eq!(line["period"], "2024-07-01..2024-07-31");
    assert_eq!(line["to_issue"], "4.25");
    assert_eq!(row(&rows, "INV-1")["to_issue"], "0.00");
    book.stdout(&["interest", "--issue", "--as-of", "2024-07-31"]);
    assert!(journal(&book).contains(
        "DN-2024-0003 acme 4.25 EUR due:2024-08-30 charge:interest for:INV-2 period:2024-07-01..2024-07-31"
    ));
    // The debit notes bear no interest of their own, and the book stays valid.
    let rows = book.json(&["interest", "--as-of", "2024-12-31"]);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|row| !row["document"].as_str().unwrap().starts_with("DN-"))
    );
    book.stdout(&["check", "--strict"]);
}

#[test]
fn the_compensation_is_charged_once_per_invoice() {
    let book = book_with("rate = \"10\"\ncompensation = true\n");
    let rows = book.json(&["interest", "--as-of", "2024-06-30"]);
    assert_eq!(row(&rows, "INV-1")["compensation"], "40.00");
    book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    let written = journal(&book);
    assert_eq!(
        written.matches("charge:compensation").count(),
        2,
        "{written}"
    );
    assert!(written.contains("40.00 EUR due:2024-07-30 charge:compensation for:INV-1"));
    book.stdout(&["interest", "--issue", "--as-of", "2024-09-30"]);
    assert_eq!(journal(&book).matches("charge:compensation").count(), 2);
}

#[test]
fn a_debit_note_is_rendered_like_an_invoice_in_the_customers_language() {
    let book = fixed_ten_percent();
    book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    let text = book.stdout(&["render", "DN-2024-0001"]);
    assert!(text.contains("NOTE DE DÉBIT DN-2024-0001"), "{text}");
    assert!(text.contains("Intérêts de retard sur la"), "{text}");
    let ubl = book.stdout(&["render", "DN-2024-0001", "--format", "ubl"]);
    assert!(ubl.contains("<cbc:InvoiceTypeCode>383</cbc:InvoiceTypeCode>"));
    assert!(
        ubl.contains("<cbc:ID>O</cbc:ID>"),
        "outside the scope of VAT"
    );
}

#[test]
fn csv_has_the_documented_columns() {
    let csv = fixed_ten_percent().stdout(&["interest", "--as-of", "2024-06-30", "--format", "csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "document,contact,currency,due,until,days_late,rate,base,open,interest,issued,period,to_issue,compensation"
    );
}

#[test]
fn a_level_fee_is_booked_once_when_the_level_is_sent() {
    let book = TestBook::with_config(&format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}\n\
         [[dunning.levels]]\nafter_days = 7\ntemplate = \"reminder-1\"\nfee = \"10.00\"\nbook_fee = true\n"
    ))
    .contact("acme", "name = \"Acme\"\n")
    .journal("2024", "2024-05-01 invoice INV-3 acme 300.00 due:2024-05-31\n");
    let outbox = book.path().join("outbox");
    let outbox = outbox.to_str().unwrap();
    let said = book.stdout(&["remind", "--as-of", "2024-06-30", "--write", outbox]);
    assert!(said.contains("acme: fee booked as DN-2024-0001"), "{said}");
    assert!(journal(&book).contains(
        "2024-06-30 invoice DN-2024-0001 acme 10.00 EUR due:2024-07-30 charge:fee for:INV-3 level:1"
    ));
    book.stdout(&["remind", "--as-of", "2024-07-15", "--write", outbox]);
    assert_eq!(journal(&book).matches("charge:fee").count(), 1);
}

#[test]
fn a_fee_not_marked_book_fee_is_only_shown() {
    let book = TestBook::with_config(&format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}\n\
         [[dunning.levels]]\nafter_days = 7\ntemplate = \"reminder-1\"\nfee = \"10.00\"\n"
    ))
    .contact("acme", "name = \"Acme\"\n")
    .journal(
        "2024",
        "2024-05-01 invoice INV-3 acme 300.00 due:2024-05-31\n",
    );
    let outbox = book.path().join("outbox");
    book.stdout(&[
        "remind",
        "--as-of",
        "2024-06-30",
        "--write",
        outbox.to_str().unwrap(),
    ]);
    assert!(!journal(&book).contains("charge:fee"));
}

#[test]
fn check_reports_contradictory_interest_settings_at_their_line() {
    let book = book_with("rate = \"8\"\npoints = \"8\"\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("folio.toml:"), "{stderr}");
    assert!(stderr.contains("sets both rate and points"), "{stderr}");
}

#[test]
fn check_reports_an_unknown_day_count() {
    let book = book_with("rate = \"8\"\nday_count = \"30/360\"\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(":13: error: invalid day_count `30/360`"),
        "at the value: {stderr}"
    );
}

#[test]
fn a_missing_reference_rate_is_an_error_not_zero_interest() {
    let book = book_with(
        "points = \"8\"\n[[dunning.interest.reference]]\nfrom = 2024-06-12\nrate = \"4.25\"\n",
    );
    let output = book
        .folio(&["interest", "--as-of", "2024-06-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no reference rate in force on 2024-01-01"),
        "{stderr}"
    );
}

#[test]
fn without_interest_settings_nothing_is_computed_and_a_note_says_what_to_set() {
    let book = TestBook::with_company()
        .customer("acme")
        .journal("2024", JOURNAL);
    let output = book
        .folio(&["interest", "--as-of", "2024-06-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("no [dunning.interest]"), "{said}");
    book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    assert!(!journal(&book).contains("charge:"));
}

#[test]
fn an_unreadable_period_on_a_charge_is_refused_not_charged_again() {
    let book = fixed_ten_percent().journal(
        "2024-charges",
        "2024-06-30 invoice DN-X acme 8.22 charge:interest for:INV-1 period:2024-02-16\n",
    );
    let output = book
        .folio(&["interest", "--issue", "--as-of", "2024-06-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2024-charges.journal:1: invalid period:2024-02-16"),
        "{stderr}"
    );
    assert!(!journal(&book).contains("charge:"), "nothing written");
}

#[test]
fn interest_below_min_amount_is_listed_but_waits_to_be_issued() {
    // INV-1's 8.22 is below 10.00; INV-2's 16.58 is not.
    let book = book_with("rate = \"10\"\nmin_amount = \"10.00\"\n");
    book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    let written = journal(&book);
    assert!(!written.contains("for:INV-1"), "{written}");
    assert!(
        written.contains("16.58 EUR due:2024-07-30 charge:interest for:INV-2"),
        "{written}"
    );
    let rows = book.json(&["interest", "--as-of", "2024-06-30"]);
    assert_eq!(row(&rows, "INV-1")["to_issue"], "8.22");
}

#[test]
fn an_issue_run_killed_after_its_first_note_is_completed_by_the_next_without_charging_twice() {
    let book = fixed_ten_percent();
    let killed = book
        .folio(&["interest", "--issue", "--as-of", "2024-06-30"])
        .env("FOLIO_FAILPOINT", "appended")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert_eq!(journal(&book).matches("charge:interest").count(), 1);
    book.stdout(&["interest", "--issue", "--as-of", "2024-06-30"]);
    let written = journal(&book);
    assert_eq!(
        written.matches("charge:interest for:INV-1 ").count(),
        1,
        "{written}"
    );
    assert_eq!(
        written.matches("charge:interest for:INV-2 ").count(),
        1,
        "{written}"
    );
    book.stdout(&["check", "--strict"]);
}

#[test]
fn one_fee_is_booked_per_message_and_currency_as_the_letter_charges_it() {
    // Two invoices reach level 1 in one message: the letter charges one fee, and one is booked.
    let book = TestBook::with_config(&format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}\n[dunning]\nbook_fee = true\n\
         [[dunning.levels]]\nafter_days = 7\ntemplate = \"reminder-1\"\nfee = \"10.00\"\n"
    ))
    .contact("acme", "name = \"Acme\"\n")
    .journal(
        "2024",
        "2024-05-01 invoice INV-3 acme 300.00 due:2024-05-31\n\
         2024-05-02 invoice INV-4 acme 200.00 due:2024-06-01\n",
    );
    let outbox = book.path().join("outbox");
    book.stdout(&[
        "remind",
        "--as-of",
        "2024-06-30",
        "--write",
        outbox.to_str().unwrap(),
    ]);
    let written = journal(&book);
    assert_eq!(written.matches("charge:fee").count(), 1, "{written}");
    assert!(
        written.contains("10.00 EUR due:2024-07-30 charge:fee for:INV-3 level:1"),
        "{written}"
    );
}

#[test]
fn the_belgian_return_declares_no_damages() {
    // INV-1 was sold at 21 %; the interest charged on it is outside the scope of VAT and goes
    // in no box of the Belgian return (not 47, which is for exempt supplies and supplies abroad).
    let book = book_with("rate = \"10.00\"\n").journal(
        "2024",
        "2024-01-16 invoice INV-1 acme 1210.00 due:2024-02-15 vat:21\n\
         2024-03-16 payment PAY-1 acme 1210.00 ref:INV-1\n",
    );
    book.folio(&["interest", "--issue", "--as-of", "2024-06-30"])
        .assert()
        .success();
    let grid = book.stdout(&[
        "vat",
        "--grid",
        "be",
        "--from",
        "2024-04-01",
        "--to",
        "2024-06-30",
    ]);
    let box_47 = grid
        .lines()
        .find(|l| l.trim_start().starts_with("47 "))
        .unwrap();
    assert!(box_47.contains(" 0.00 "), "{grid}");
    assert!(
        grid.contains("1 sales entry (9.95 EUR net) as damages outside the scope of VAT (charge: interest, compensation, fee): left out"),
        "{grid}"
    );
}

#[test]
fn a_debit_note_carries_the_order_reference_of_the_invoice_it_charges_for() {
    // A Belgian business is a Peppol participant: its debit note needs BT-10 or BT-13, taken
    // from the invoice charged (`po:`), never invented.
    let book = book_with("rate = \"10.00\"\n")
        .contact(
            "brasserie",
            "name = \"Brasserie\"\nvat = \"BE0417497106\"\n[address]\nstreet = \"Rue Haute 1\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
        )
        .journal(
            "2024",
            "2024-01-16 invoice INV-1 brasserie 1210.00 due:2024-02-15 vat:21 po:PO-77\n\
             2024-03-16 payment PAY-1 brasserie 1210.00 ref:INV-1\n",
        );
    book.folio(&["interest", "--issue", "--as-of", "2024-06-30"])
        .assert()
        .success();
    let ubl = book.stdout(&["render", "DN-2024-0001", "--format", "ubl"]);
    assert!(
        ubl.contains("<cac:OrderReference>") && ubl.contains("PO-77"),
        "{ubl}"
    );
}
