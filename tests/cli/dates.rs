//! Dates and amounts as people type them: every form of a date option, the first or last day a
//! month, quarter or year stands for, options written before the command, negative amounts, and
//! `explain`'s default date (docs/cli.md, "Dates").

use crate::util::TestBook;
use chrono::{Days, Months, NaiveDate};

/// acme: invoices on the edges of September and October 2026, one payment far in the future.
fn book() -> TestBook {
    TestBook::new().customer("acme").customer("beta").journal(
        "2026",
        "2026-09-30 invoice INV-1 acme 100\n\
         2026-10-01 invoice INV-2 acme 20\n\
         2026-10-31 invoice INV-3 acme 3\n\
         2026-11-01 invoice INV-4 acme 0.40\n\
         2026-12-31 invoice INV-5 beta 7\n\
         2099-01-01 payment PAY-1 acme 100 ref:INV-1\n",
    )
}

/// The period `statement` reports for `--from FROM --to TO`, as (from, to).
fn statement_period(book: &TestBook, from: &str, to: &str) -> (String, String) {
    let value = book.json(&["statement", "acme", "--from", from, "--to", to]);
    let day = |key: &str| value[key].as_str().unwrap().to_string();
    (day("from"), day("to"))
}

/// Runs `check` with today's date twice, before and after, so that a run across midnight
/// compares with both days instead of failing.
fn with_today(check: impl Fn(NaiveDate) -> bool) {
    let before = chrono::Local::now().date_naive();
    if !check(before) {
        let after = chrono::Local::now().date_naive();
        assert!(
            after != before && check(after),
            "failed for today = {before}"
        );
    }
}

#[test]
fn a_month_quarter_or_year_is_its_first_day_in_from_and_its_last_in_to() {
    let book = book();
    let span = |from: &str, to: &str| (from.to_string(), to.to_string());
    assert_eq!(
        statement_period(&book, "2026-10", "2026-10"),
        span("2026-10-01", "2026-10-31")
    );
    assert_eq!(
        statement_period(&book, "2026-Q3", "2026-q3"),
        span("2026-07-01", "2026-09-30")
    );
    assert_eq!(
        statement_period(&book, "2026", "2026"),
        span("2026-01-01", "2026-12-31")
    );
    assert_eq!(
        statement_period(&book, "2026-02", "2028-02"),
        span("2026-02-01", "2028-02-29")
    );
}

#[test]
fn as_of_a_month_counts_every_entry_of_its_last_day_and_none_after() {
    let book = book();
    let balance = |as_of: &str| {
        let rows = book.json(&["balance", "--as-of", as_of, "--contact", "acme"]);
        rows[0]["balance"].as_str().unwrap().to_string()
    };
    assert_eq!(balance("2026-10"), "123.00");
    assert_eq!(balance("2026-10"), balance("2026-10-31"));
    assert_eq!(balance("2026-Q3"), "100.00");
    assert_eq!(balance("2026"), "123.40");
}

#[test]
fn today_yesterday_and_offsets_count_from_the_clock() {
    let book = book();
    with_today(|today| {
        let day = |offset: i64| {
            let shifted = if offset < 0 {
                today.checked_sub_days(Days::new(offset.unsigned_abs()))
            } else {
                today.checked_add_days(Days::new(offset as u64))
            };
            shifted.unwrap().to_string()
        };
        let month = |n: u32| {
            today
                .checked_sub_months(Months::new(n))
                .unwrap()
                .to_string()
        };
        let read = |from: &str, to: &str| statement_period(&book, from, to);
        read("yesterday", "today") == (day(-1), day(0))
            && read("-30d", "+14d") == (day(-30), day(14))
            && read("-2w", "tomorrow") == (day(-14), day(1))
            && read("-1m", "+0d") == (month(1), day(0))
            && read("-1y", "-0d") == (month(12), day(0))
    });
}

#[test]
fn an_entry_takes_relative_dates_for_its_date_and_due_date() {
    let book = TestBook::new().customer("acme");
    let id = book.stdout(&["invoice", "acme", "10", "--date", "-30d", "--due", "+14d"]);
    let journal = std::fs::read_dir(book.path().join("journal"))
        .unwrap()
        .map(|file| std::fs::read_to_string(file.unwrap().path()).unwrap())
        .collect::<String>();
    with_today(|today| {
        let date = today.checked_sub_days(Days::new(30)).unwrap();
        let due = today.checked_add_days(Days::new(14)).unwrap();
        journal.contains(&format!("{date} invoice {} acme 10", id.trim()))
            && journal.contains(&format!("due:{due}"))
    });
}

#[test]
fn a_date_in_no_form_is_refused_with_exit_2_and_the_forms_accepted() {
    let book = book();
    for (option, bad) in [
        ("--as-of", "soon"),
        ("--as-of", "2026-13"),
        ("--as-of", "30d"),
        ("--as-of", "+1.5m"),
    ] {
        let output = book.folio(&["balance", option, bad]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for form in ["YYYY-MM-DD", "today", "2026-10", "2026-Q3", "-30d", "+14d"] {
            assert!(stderr.contains(form), "{bad}: {stderr}");
        }
    }
    let output = book
        .folio(&["statement", "acme", "--from", "2026-02-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a calendar date"));
    let far = book
        .folio(&["balance", "--as-of", "+99999999999d"])
        .output()
        .unwrap();
    assert_eq!(far.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&far.stderr).contains("out of the range of dates"));
}

#[test]
fn report_options_before_the_command_are_read_as_after_it() {
    let book = book();
    let after = book.stdout(&[
        "balance",
        "--format",
        "json",
        "--as-of",
        "2026-10",
        "--contact",
        "acme",
    ]);
    let before = book.stdout(&[
        "--format=json",
        "--as-of",
        "2026-10",
        "--contact",
        "acme",
        "balance",
    ]);
    assert_eq!(before, after);
    assert!(after.contains("123.00"), "{after}");
    let quiet = book.stdout(&["-q", "--format", "csv", "--payables", "aging"]);
    assert_eq!(
        quiet,
        book.stdout(&["aging", "--format", "csv", "--payables"])
    );
    let nested = book.stdout(&["--format", "json", "--as-of", "2026", "credit", "score"]);
    assert_eq!(
        nested,
        book.stdout(&["credit", "score", "--format", "json", "--as-of", "2026"])
    );
}

#[test]
fn an_option_before_a_command_that_lacks_it_is_refused_and_nothing_is_written() {
    let book = TestBook::new().customer("acme");
    let output = book
        .folio(&["--format", "json", "invoice", "acme", "10"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unexpected argument '--format'"));
    assert_eq!(
        std::fs::read_dir(book.path().join("journal"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn a_negative_amount_is_read_and_refused_with_the_command_to_use() {
    let book = TestBook::new().customer("acme");
    for (command, instead) in [
        ("invoice", "credit-note"),
        ("payment", "refund"),
        ("bill", "debit-note"),
    ] {
        let output = book.folio(&[command, "acme", "-50"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("AMOUNT `-50` has a sign") && stderr.contains(instead),
            "{command}: {stderr}"
        );
    }
    assert_eq!(
        std::fs::read_dir(book.path().join("journal"))
            .unwrap()
            .count(),
        0
    );
    let check = book
        .folio(&["credit", "check", "acme", "-50"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&check.stderr).contains("`-50` has a sign"));
    let price = book
        .folio(&[
            "invoice", "acme", "--item", "x", "--price", "-5", "--vat", "21",
        ])
        .output()
        .unwrap();
    assert_eq!(price.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&price.stderr).contains("price -5 must be zero or more"));
}

#[test]
fn explain_defaults_to_today_like_every_other_report() {
    let book = book();
    let now = book.json(&["explain", "INV-1"]);
    assert_eq!(
        now["open"], "100.00",
        "the payment of 2099 is not applied yet"
    );
    with_today(|today| now["as_of"] == today.to_string());
    let later = book.json(&["explain", "INV-1", "--as-of", "2099"]);
    assert_eq!(later["open"], "0.00");
    assert_eq!(later["as_of"], "2099-12-31");
}

#[test]
fn the_dates_help_topic_lists_every_form() {
    let text = book().stdout(&["help", "dates"]);
    for form in [
        "today",
        "yesterday",
        "2026-10",
        "2026-Q3",
        "-30d",
        "+14d",
        "--from",
        "--to",
    ] {
        assert!(text.contains(form), "{form}");
    }
}

#[test]
fn the_user_configs_as_of_takes_the_forms_of_a_date_option() {
    let book = book().file("config.toml", "as_of = \"2026-Q3\"\n");
    let config = book.path().join("config.toml");
    let output = book
        .folio(&["balance", "--format", "json"])
        .env("FOLIO_CONFIG", &config)
        .output()
        .unwrap();
    assert!(output.status.success());
    let configured = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        configured,
        book.stdout(&["balance", "--format", "json", "--as-of", "2026-09-30"])
    );
    std::fs::write(book.path().join("bad.toml"), "as_of = \"soon\"\n").unwrap();
    let refused = book
        .folio(&["balance"])
        .env("FOLIO_CONFIG", book.path().join("bad.toml"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("2026-Q3"));
}
