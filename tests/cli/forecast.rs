//! `folio forecast`: open items placed week by week by each contact's own payment behaviour,
//! with bands, buckets and the backtest, on books whose weekly amounts are worked out by hand.

use crate::util::TestBook;
use serde_json::{Value, json};

/// As of Wednesday 2026-06-03: week 1 is 2026-06-01 to 06-07 (ISO 2026-W23).
///
/// acme paid 100, 300 and a part of 50 each exactly 10 days late: 10 / 10 / 10. It owes A0 (80,
/// due 01-31, 123 days past due: more than 10 + 90, doubtful), A3 (500, due 06-04: 06-14, week
/// 2) and 150 of A4 (due 05-20, 14 days past due: later than acme ever paid, so placed by what
/// the book paid more than 14 days late, slow's 30 days: 06-19, week 3).
/// beta (USD) paid 1000 five days late: 5 / 5 / 5; it owes B2 (250.50 USD, due 06-05: 06-10,
/// week 2). slow paid 600 thirty days late and owes nothing.
/// newco has no history: the book's behaviour places N1 (400, due 06-14). Every amount paid,
/// sorted by days late: 1000 at 5, 450 at 10, 600 at 30 (2050 in all): 25% (512.5) is reached at
/// 5 days, 50% (1025) at 10, 75% (1537.5) at 30. So N1 is expected 06-24 (week 4), early 06-19
/// (week 3) and late 07-14 (after week 4).
const JOURNAL: &str = "\
2026-01-01 invoice A0 acme 80 due:2026-01-31
2026-01-05 invoice A1 acme 100 due:2026-02-04
2026-01-10 invoice S1 slow 600 due:2026-02-09
2026-02-02 invoice A2 acme 300 due:2026-03-04
2026-02-14 payment P1 acme 100 ref:A1
2026-03-01 invoice B1 beta 1000 USD due:2026-03-31
2026-03-11 payment P2 slow 600 ref:S1
2026-03-14 payment P3 acme 300 ref:A2
2026-04-05 payment P4 beta 1000 USD ref:B1
2026-05-05 invoice A3 acme 500 due:2026-06-04
2026-05-10 invoice A4 acme 200 due:2026-05-20
2026-05-15 invoice N1 newco 400 due:2026-06-14
2026-05-20 invoice B2 beta 250.50 USD due:2026-06-05
2026-05-30 payment P5 acme 50 ref:A4
";

fn book() -> TestBook {
    TestBook::new()
        .customer("acme")
        .customer("beta")
        .customer("slow")
        .customer("newco")
        .journal("2026", JOURNAL)
}

/// (week, currency, expected, cumulative, cumulative_low, cumulative_high, items) of each row.
fn summary(rows: &Value) -> Vec<(String, String, String, Value, Value, Value, i64)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["week"].as_str().unwrap().to_string(),
                row["currency"].as_str().unwrap().to_string(),
                row["expected"].as_str().unwrap().to_string(),
                row["cumulative"].clone(),
                row["cumulative_low"].clone(),
                row["cumulative_high"].clone(),
                row["items"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn week(
    week: &str,
    currency: &str,
    expected: &str,
    cumulative: &str,
    low: &str,
    high: &str,
    items: i64,
) -> (String, String, String, Value, Value, Value, i64) {
    (
        week.to_string(),
        currency.to_string(),
        expected.to_string(),
        json!(cumulative),
        json!(low),
        json!(high),
        items,
    )
}

fn bucket(
    name: &str,
    currency: &str,
    expected: &str,
    items: i64,
) -> (String, String, String, Value, Value, Value, i64) {
    (
        name.to_string(),
        currency.to_string(),
        expected.to_string(),
        Value::Null,
        Value::Null,
        Value::Null,
        items,
    )
}

#[test]
fn open_items_are_placed_by_each_customers_own_days_late_with_the_books_for_newcomers() {
    let rows = book().json(&["forecast", "--as-of", "2026-06-03", "--weeks", "4"]);
    assert_eq!(
        summary(&rows),
        [
            week("2026-W23", "EUR", "0.00", "0.00", "0.00", "0.00", 0),
            week("2026-W24", "EUR", "500.00", "500.00", "500.00", "500.00", 1),
            week(
                "2026-W25", "EUR", "150.00", "650.00", "650.00", "1050.00", 1
            ),
            week(
                "2026-W26", "EUR", "400.00", "1050.00", "650.00", "1050.00", 1
            ),
            bucket("later", "EUR", "0.00", 0),
            bucket("doubtful", "EUR", "80.00", 1),
            week("2026-W23", "USD", "0.00", "0.00", "0.00", "0.00", 0),
            week("2026-W24", "USD", "250.50", "250.50", "250.50", "250.50", 1),
            week("2026-W25", "USD", "0.00", "250.50", "250.50", "250.50", 0),
            week("2026-W26", "USD", "0.00", "250.50", "250.50", "250.50", 0),
            bucket("later", "USD", "0.00", 0),
            bucket("doubtful", "USD", "0.00", 0),
        ]
    );
}

/// mixed paid M1 2 days late and M2 40 days late (100 each): 2 / 2 / 40. M3 (due 05-25) is 9
/// days past due on 06-03, so the 2-day payments no longer tell anything: only what was paid more
/// than 9 days late places it, 40 / 40 / 40, on 07-04 (week 5, 2026-W27), not in week 1.
#[test]
fn an_item_already_past_due_is_placed_by_the_payments_that_came_later_than_that() {
    let book = TestBook::new().customer("mixed").journal(
        "2026",
        "2026-01-01 invoice M1 mixed 100 due:2026-01-31\n\
         2026-02-02 payment Q1 mixed 100 ref:M1\n\
         2026-02-01 invoice M2 mixed 100 due:2026-03-03\n\
         2026-04-12 payment Q2 mixed 100 ref:M2\n\
         2026-04-25 invoice M3 mixed 200 due:2026-05-25\n",
    );
    let rows = book.json(&["forecast", "--as-of", "2026-06-03", "--weeks", "6"]);
    let placed: Vec<(&str, &str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["items"] != json!(0))
        .map(|row| {
            (
                row["week"].as_str().unwrap(),
                row["expected"].as_str().unwrap(),
                row["cumulative_high"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(placed, [("2026-W27", "200.00", "200.00")]);
    assert_eq!(rows[3]["cumulative_high"], json!("0.00"));
}

/// Everyone in this book paid within 10 days of the due date; D2, 20 days past due, is later
/// than anyone ever paid: doubtful, though far from the 90 days past its contact's late date.
#[test]
fn an_item_later_than_anyone_ever_paid_is_doubtful() {
    let book = TestBook::new().customer("d").journal(
        "2026",
        "2026-01-01 invoice D1 d 100 due:2026-01-31\n\
         2026-02-10 payment Q1 d 100 ref:D1\n\
         2026-04-14 invoice D2 d 70 due:2026-05-14\n",
    );
    let rows = book.json(&["forecast", "--as-of", "2026-06-03", "--weeks", "1"]);
    assert_eq!(
        summary(&rows),
        [
            week("2026-W23", "EUR", "0.00", "0.00", "0.00", "0.00", 0),
            bucket("later", "EUR", "0.00", 0),
            bucket("doubtful", "EUR", "70.00", 1),
        ]
    );
}

#[test]
fn forecast_json_has_the_documented_keys_and_week_dates() {
    let rows = book().json(&["forecast", "--as-of", "2026-06-03", "--weeks", "2"]);
    let first = &rows[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cumulative",
            "cumulative_high",
            "cumulative_low",
            "currency",
            "expected",
            "from",
            "horizon",
            "items",
            "to",
            "week"
        ]
    );
    assert_eq!(
        (&first["horizon"], &first["from"], &first["to"]),
        (&json!(1), &json!("2026-06-01"), &json!("2026-06-07"))
    );
    let later = &rows[2];
    assert_eq!(
        (&later["week"], &later["horizon"], &later["from"]),
        (&json!("later"), &Value::Null, &Value::Null)
    );
    // With two weeks, newco's 400 (expected week 4) and A4's 150 (week 3) are later.
    assert_eq!(later["expected"], json!("550.00"));
}

#[test]
fn a_customer_without_history_is_named_in_a_note_with_the_books_behaviour() {
    let table = book().stdout(&["forecast", "--as-of", "2026-06-03"]);
    assert!(
        table.contains(
            "1 account(s) without payment history placed by the book's behaviour: 5 / 10 / 30 \
             days late"
        ),
        "{table}"
    );
}

#[test]
fn filters_keep_one_currency_and_one_contact() {
    let rows = book().json(&[
        "forecast",
        "--as-of",
        "2026-06-03",
        "--weeks",
        "1",
        "--contact",
        "acme",
    ]);
    assert_eq!(
        summary(&rows),
        [
            week("2026-W23", "EUR", "0.00", "0.00", "0.00", "0.00", 0),
            bucket("later", "EUR", "650.00", 2),
            bucket("doubtful", "EUR", "80.00", 1),
        ]
    );
}

#[test]
fn payables_are_placed_by_how_we_paid_each_supplier() {
    // We paid claes's B1 7 days late; B2 (due Friday 06-05) is expected 06-12, week 2.
    let book = TestBook::new()
        .contact("claes", "name = \"Claes\"\nroles = [\"supplier\"]\n")
        .journal(
            "2026",
            "2026-04-01 bill B1 claes 90 due:2026-04-30\n\
             2026-05-07 payout O1 claes 90 ref:B1\n\
             2026-05-20 bill B2 claes 45.25 due:2026-06-05\n\
             2026-05-21 invoice I1 claes 999 due:2026-06-01\n",
        );
    let rows = book.json(&[
        "forecast",
        "--as-of",
        "2026-06-03",
        "--weeks",
        "2",
        "--payables",
    ]);
    assert_eq!(
        summary(&rows),
        [
            week("2026-W23", "EUR", "0.00", "0.00", "0.00", "0.00", 0),
            week("2026-W24", "EUR", "45.25", "45.25", "45.25", "45.25", 1),
            bucket("later", "EUR", "0.00", 0),
            bucket("doubtful", "EUR", "0.00", 0),
        ]
    );
}

/// c paid H1 3 days late. I1 (200, due 06-01) was paid 06-04; I2 (300, due 06-05) only 100 on
/// 06-12.
///
/// As of Sunday 06-14, --runs 2 replays 06-07 and 05-31 (both Sundays), --weeks 3:
/// - 06-07 (history 3 days: H1 and I1): I2 expected 06-08, week 2 (06-08..06-14): forecast 0,
///   300 and 0 for weeks 1 to 3, collected 0 and 100; week 3 (to 06-21) has not ended.
/// - 05-31 (history 3 days: H1): I1 expected 06-04, week 2 (06-01..06-07); I2 06-08, week 3
///   (06-08..06-14): forecast 0, 200, 300, collected 0, 200, 100.
///
/// Week 1: 0 against 0. Week 2: 500 against 300, errors 200 + 0, WAPE 200 / 300. Week 3 (one
/// run): 300 against 100, error 200, WAPE 2.
#[test]
fn the_backtest_compares_each_replayed_forecast_with_what_was_collected_in_each_week() {
    let book = TestBook::new().customer("c").journal(
        "2026",
        "2026-04-01 invoice H1 c 100 due:2026-04-11\n\
         2026-04-14 payment Q1 c 100 ref:H1\n\
         2026-05-20 invoice I1 c 200 due:2026-06-01\n\
         2026-05-25 invoice I2 c 300 due:2026-06-05\n\
         2026-06-04 payment Q2 c 200 ref:I1\n\
         2026-06-12 payment Q3 c 100 ref:I2\n",
    );
    let rows = book.json(&[
        "forecast",
        "--as-of",
        "2026-06-14",
        "--backtest",
        "--runs",
        "2",
        "--weeks",
        "3",
    ]);
    assert_eq!(
        rows,
        json!([
            {"horizon": 1, "currency": "EUR", "runs": 2, "forecast": "0.00", "actual": "0.00",
             "abs_error": "0.00", "wape": null},
            {"horizon": 2, "currency": "EUR", "runs": 2, "forecast": "500.00", "actual": "300.00",
             "abs_error": "200.00", "wape": "0.6667"},
            {"horizon": 3, "currency": "EUR", "runs": 1, "forecast": "300.00", "actual": "100.00",
             "abs_error": "200.00", "wape": "2.0000"},
        ])
    );
}

#[test]
fn runs_without_backtest_and_a_zero_week_horizon_are_usage_errors() {
    let book = book();
    book.folio(&["forecast", "--runs", "3"]).assert().code(2);
    book.folio(&["forecast", "--weeks", "0"]).assert().code(2);
}
