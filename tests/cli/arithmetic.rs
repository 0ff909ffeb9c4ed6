//! Arithmetic on amounts: an amount, a product or a total that folio cannot hold exactly is an
//! error at its file:line:column with exit 65 and nothing written; never a panic (exit 101),
//! never a silently rounded number.

use crate::util::TestBook;
use std::fmt::Write as _;
use std::process::Output;

/// The largest amount the journal accepts.
const LARGEST: &str = "999999999999999999.9999";

/// Asserts exit 65 without a panic and that stderr holds `path:line:column: error: ` for the
/// given file and line; returns stderr.
fn refused_at(output: &Output, relative: &str, line: u32) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(65), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
    let position = format!("{relative}:{line}:");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(&position) && l.contains(": error: ")),
        "no error at {position} in:\n{stderr}"
    );
    stderr
}

/// `count` invoices of the largest amount for `acme`, one a line.
fn largest_invoices(count: usize) -> String {
    let mut journal = String::with_capacity(count * 56);
    for i in 0..count {
        let _ = writeln!(journal, "2026-01-01 invoice I{i} acme {LARGEST}");
    }
    journal
}

#[test]
fn a_total_past_exact_decimal_range_is_refused_naming_the_contact_and_currency() {
    // A million of the largest amount are 100 short of 10^24, the most a total may reach.
    let book = TestBook::new()
        .customer("acme")
        .journal("2026", &largest_invoices(1_000_000));
    let journal = book.path().join("journal/2026.journal");
    let before = std::fs::read(&journal).unwrap();

    // An entry that would cross the bound is not written.
    let output = book
        .folio(&["payment", "acme", "100", "--date", "2026-01-02"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "stderr:\n{stderr}");
    assert!(
        stderr.contains("past what folio can total exactly"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&journal).unwrap(), before);

    // Written by hand, it makes the book invalid: an error at the line, never a rounded total.
    let mut crossing = before;
    crossing.extend_from_slice(b"2026-01-02 invoice LAST acme 100\n");
    std::fs::write(&journal, crossing).unwrap();
    let output = book.folio(&["balance"]).output().unwrap();
    let stderr = refused_at(&output, "journal/2026.journal", 1_000_001);
    assert!(
        stderr.contains("`acme`'s entries in EUR add up to 10^24 or more"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

/// Every file below the book's `documents/` and `journal/`, with its bytes.
fn written_files(book: &TestBook) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["documents", "journal"] {
        let Ok(listing) = std::fs::read_dir(book.path().join(dir)) else {
            continue;
        };
        for item in listing {
            let path = item.unwrap().path();
            files.push((path.clone(), std::fs::read(path).unwrap()));
        }
    }
    files.sort();
    files
}

#[test]
fn an_item_quantity_or_price_past_decimal_range_is_refused_with_nothing_written_or_numbered() {
    let book = TestBook::with_company().customer("acme");
    for item in [
        ["--qty", "79228162514264337593543950335", "--price", "2"],
        ["--qty", "2", "--price", "79228162514264337593543950335"],
        // Each fits, their product does not fit an amount.
        ["--qty", "999999999999999999", "--price", "2"],
    ] {
        let mut args = vec!["invoice", "acme", "--item", "Work"];
        args.extend(item);
        args.extend(["--vat", "21", "--date", "2026-01-10"]);
        let output = book.folio(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(65), "{args:?}: {stderr}");
        assert!(stderr.contains("more than 18 integer digits"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(written_files(&book).is_empty(), "{args:?} wrote a file");
    }
    // The VAT takes the total past what a journal amount holds.
    let output = book
        .folio(&[
            "invoice",
            "acme",
            "--item",
            "Work",
            "--qty",
            "999999999999999",
            "--price",
            "999",
            "--vat",
            "21",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(written_files(&book).is_empty());
    // Nothing was numbered: the next invoice takes the first number.
    let id = book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Work",
        "--price",
        "10",
        "--vat",
        "21",
        "--date",
        "2026-01-10",
    ]);
    assert_eq!(id.trim(), "INV-2026-0001");
}

#[test]
fn a_document_file_with_a_quantity_past_decimal_range_is_refused_by_check_and_render() {
    let book = TestBook::with_company().customer("acme");
    book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Work",
        "--qty",
        "3",
        "--price",
        "10",
        "--vat",
        "21",
        "--date",
        "2026-01-10",
    ]);
    let relative = "documents/INV-2026-0001.toml";
    let path = book.path().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l == "quantity = \"3\"")
        .expect("the quantity line") as u32
        + 1;
    for quantity in ["79228162514264337593543950335", "999999999999999999"] {
        std::fs::write(
            &path,
            text.replace("quantity = \"3\"", &format!("quantity = \"{quantity}\"")),
        )
        .unwrap();
        for args in [&["check"][..], &["render", "INV-2026-0001"]] {
            let output = book.folio(args).output().unwrap();
            let stderr = refused_at(&output, relative, line);
            assert!(stderr.contains("more than 18 integer digits"), "{stderr}");
        }
    }
}

/// A book whose folio.toml has one dunning level with `fee`, and an invoice of `amount` for
/// `acme` (with an e-mail address) long overdue.
fn dunning_book(fee: &str, amount: &str) -> TestBook {
    let config = format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n\n[company]\nname = \"Me\"\nemail = \"me@example.com\"\n\n[[dunning.levels]]\nafter_days = 7\ntemplate = \"reminder-1\"\nfee = \"{fee}\"\n"
    );
    TestBook::with_config(&config)
        .contact("acme", "name = \"Acme\"\nemail = \"ap@acme.example\"\n")
        .journal("2026", &format!("2026-01-01 invoice I1 acme {amount}\n"))
}

#[test]
fn a_dunning_fee_past_what_an_amount_holds_is_refused_by_check_at_its_position() {
    let book = dunning_book("79228162514264337593543950335", "100");
    for args in [&["check"][..], &["remind", "--as-of", "2026-03-31"]] {
        let stderr = refused_at(&book.folio(args).output().unwrap(), "folio.toml", 11);
        assert!(
            stderr.contains("invalid fee `79228162514264337593543950335`"),
            "{stderr}"
        );
        // The level list is left empty without it: that is the same mistake, said once.
        assert!(!stderr.contains("invalid dunning levels"), "{stderr}");
    }
}

#[test]
fn the_largest_fee_is_added_exactly_to_the_largest_open_amount() {
    let book = dunning_book(LARGEST, LARGEST);
    let outbox = book.path().join("outbox");
    let outbox_arg = outbox.to_str().unwrap();
    book.stdout(&["remind", "--as-of", "2026-03-31", "--write", outbox_arg]);
    let letter = std::fs::read_dir(&outbox).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(letter.path()).unwrap();
    // 2 × 999,999,999,999,999,999.9999, as the letter groups it: exact, never through a float.
    assert!(text.contains("1,999,999,999,999,999,999.9998"), "{text}");
}

#[test]
fn a_credit_limit_or_overpayment_margin_past_what_an_amount_holds_is_refused_by_check() {
    let book = TestBook::new().contact(
        "acme",
        "name = \"Acme\"\ncredit_limit = \"79228162514264337593543950335\"\n",
    );
    let stderr = refused_at(
        &book.folio(&["check"]).output().unwrap(),
        "contacts/acme.toml",
        2,
    );
    assert!(stderr.contains("invalid credit_limit"), "{stderr}");

    let book = TestBook::with_config(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n[alerts.overpayment]\nmin_excess = \"1000000000000000000\"\n",
    );
    let stderr = refused_at(&book.folio(&["check"]).output().unwrap(), "folio.toml", 4);
    assert!(stderr.contains("at most 18 integer digits"), "{stderr}");
}

#[test]
fn report_html_and_the_collection_chart_show_ratios_past_decimal_range_exactly() {
    // 0.0001 billed and 100,000 payments of the largest amount in one month: the collection
    // rate is 10^29 % and does not fit a Decimal once multiplied by 100.
    let payments = 100_000u32;
    let mut journal = String::from("2026-03-01 invoice I1 acme 0.0001\n");
    for i in 0..payments {
        let _ = writeln!(
            journal,
            "2026-03-{:02} payment P{i} acme {LARGEST}",
            2 + i % 27
        );
    }
    let book = TestBook::new().customer("acme").journal("2026", &journal);
    book.stdout(&["check"]);
    let out = book.path().join("site");
    book.stdout(&[
        "report",
        "html",
        "--as-of",
        "2026-03-31",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    // Collected / billed: payments × LARGEST / 0.0001, that is payments × 9999999999999999999999,
    // as a percentage.
    let rate = i128::from(payments) * 9_999_999_999_999_999_999_999 * 100;
    assert!(
        page.contains(&format!("{rate}.00%")),
        "no {rate}.00% in the page"
    );
    let chart = book.stdout(&[
        "report",
        "collection",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--chart",
        "always",
    ]);
    assert!(chart.contains(&format!("{rate}.00%")), "{chart}");
}

#[test]
fn the_average_days_to_pay_stays_exact_when_amount_times_days_passes_decimal_range() {
    // 200,000 invoices of the largest amount dated 0001-01-01, each paid on 2026-01-01: the
    // amounts times the days come to 1.5 × 10^29, past a Decimal, where the sum used to saturate.
    let count = 200_000;
    let mut journal = String::with_capacity(count * 120);
    for i in 0..count {
        let _ = writeln!(journal, "0001-01-01 invoice I{i} acme {LARGEST}");
        let _ = writeln!(journal, "2026-01-01 payment P{i} acme {LARGEST} ref:I{i}");
    }
    let book = TestBook::new().customer("acme").journal("2026", &journal);
    let metrics = book.json(&["metrics", "--as-of", "2026-12-31"]);
    let days = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap())
        .num_days();
    assert_eq!(metrics[0]["avg_days_to_pay"], format!("{days}.00"));
}
