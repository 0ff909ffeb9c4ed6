//! `folio credit`, `credit check` and `credit score`, on hand-built books and on randomized books
//! against a small independent implementation of the allocation rules (issue 2) and the credit
//! rules (issue 5).

use crate::util::TestBook;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A book with warn_at 0.8 and hold after 60 days.
fn credit_book() -> TestBook {
    TestBook::with_config(
        "name = \"Credit Test\"\ncurrency = \"EUR\"\n[credit]\nwarn_at = 0.8\nhold_after_days = 60\n",
    )
}

fn limited(book: TestBook, id: &str, limit: &str) -> TestBook {
    book.contact(
        id,
        &format!("name = \"{id} name\"\ncredit_limit = \"{limit}\"\n"),
    )
}

/// `credit --all --format json` as a map from contact id to its row.
fn rows(book: &TestBook, args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["credit"];
    all.extend(args);
    let json = book.json(&all);
    json.as_array()
        .unwrap()
        .iter()
        .map(|row| (row["contact"].as_str().unwrap().to_string(), row.clone()))
        .collect()
}

fn exit_code(book: &TestBook, args: &[&str]) -> i32 {
    book.folio(args).output().unwrap().status.code().unwrap()
}

#[test]
fn status_edges_are_exact() {
    let book = [
        ("a-below", "3999.99"),
        ("b-warn-edge", "4000.00"),
        ("c-at-limit", "5000.00"),
        ("d-over", "5000.01"),
    ]
    .iter()
    .fold(credit_book(), |b, (id, _)| limited(b, id, "5000.00"));
    let book = limited(book, "e-in-credit", "5000.00");
    let book = limited(book, "f-zero-limit", "0");
    let book = limited(book, "g-none", "100");
    let book = book.journal(
        "2026",
        "2026-01-01 invoice I1 a-below 3999.99\n\
         2026-01-01 invoice I2 b-warn-edge 4000.00\n\
         2026-01-01 invoice I3 c-at-limit 4999.99\n\
         2026-01-02 invoice I3b c-at-limit 0.01\n\
         2026-01-01 invoice I4 d-over 5000.01\n\
         2026-01-01 invoice I5 e-in-credit 100.00\n\
         2026-01-02 payment P5 e-in-credit 600.00\n\
         2026-01-01 invoice I6 f-zero-limit 0.01\n",
    );
    let rows = rows(&book, &["--all", "--as-of", "2026-01-10"]);
    let get = |id: &str, key: &str| rows[id][key].clone();
    assert_eq!(get("a-below", "status"), "ok");
    assert_eq!(get("a-below", "utilization"), "0.8000"); // 0.799998 rounds up
    assert_eq!(get("b-warn-edge", "status"), "warn");
    assert_eq!(get("c-at-limit", "status"), "warn");
    assert_eq!(get("c-at-limit", "exposure"), "5000.00");
    assert_eq!(get("c-at-limit", "utilization"), "1.0000");
    assert_eq!(get("d-over", "status"), "over");
    assert_eq!(get("e-in-credit", "status"), "ok");
    assert_eq!(get("e-in-credit", "exposure"), "-500.00");
    assert_eq!(get("e-in-credit", "utilization"), "-0.1000");
    assert_eq!(get("f-zero-limit", "status"), "over");
    assert_eq!(get("f-zero-limit", "utilization"), Value::Null);
    assert_eq!(get("g-none", "exposure"), "0.00");
    assert_eq!(get("g-none", "utilization"), "0.0000");
    assert_eq!(get("g-none", "status"), "ok");
}

#[test]
fn warn_at_is_the_decimal_written_in_folio_toml() {
    // As binary floats, 0.1 * 3 is 0.30000000000000004 and 0.7 * 100 is 70.00000000000001;
    // folio must compare the decimals as written.
    for (warn_at, limit, at, below) in [
        ("0.7", "100", "70.00", "69.99"),
        ("0.3", "0.10", "0.03", "0.02"),
        ("0.85", "1000", "850", "849.99"),
    ] {
        let book = TestBook::with_config(&format!(
            "name = \"T\"\ncurrency = \"EUR\"\n[credit]\nwarn_at = {warn_at}\n"
        ));
        let book = limited(limited(book, "at", limit), "below", limit).journal(
            "j",
            &format!("2026-01-01 invoice A at {at}\n2026-01-01 invoice B below {below}\n"),
        );
        let rows = rows(&book, &["--all", "--as-of", "2026-01-01"]);
        assert_eq!(rows["at"]["status"], "warn", "warn_at {warn_at}");
        assert_eq!(rows["below"]["status"], "ok", "warn_at {warn_at}");
    }
}

#[test]
fn utilization_rounds_half_up() {
    // 3250 / 4000 = 0.8125 exactly; 1 / 3 -> 0.3333; 0.00005 x 10000 -> 0.50005 -> 0.5001.
    let book = limited(
        limited(limited(credit_book(), "a", "4000"), "b", "3"),
        "c",
        "10000",
    )
    .journal(
        "j",
        "2026-01-01 invoice A a 3250\n2026-01-01 invoice B b 1\n2026-01-01 invoice C c 5000.5\n",
    );
    let rows = rows(&book, &["--all", "--as-of", "2026-01-01"]);
    assert_eq!(rows["a"]["utilization"], "0.8125");
    assert_eq!(rows["b"]["utilization"], "0.3333");
    assert_eq!(rows["c"]["utilization"], "0.5001");
}

#[test]
fn hold_starts_the_day_after_hold_after_days() {
    let book = limited(credit_book(), "acme", "10000")
        .journal("j", "2026-01-01 invoice I1 acme 100 due:2026-01-31\n");
    // 2026-04-01 is 60 days after the due date; 2026-04-02 is 61.
    assert_eq!(
        rows(&book, &["--all", "--as-of", "2026-04-01"])["acme"]["hold"],
        false
    );
    assert_eq!(
        rows(&book, &["--all", "--as-of", "2026-04-02"])["acme"]["hold"],
        true
    );
    // Hold is listed by default even with status ok, and --fail-on hold fails.
    assert_eq!(rows(&book, &["--as-of", "2026-04-01"]).len(), 0);
    assert_eq!(rows(&book, &["--as-of", "2026-04-02"]).len(), 1);
    assert_eq!(
        exit_code(
            &book,
            &["credit", "--fail-on", "hold", "--as-of", "2026-04-01"]
        ),
        0
    );
    assert_eq!(
        exit_code(
            &book,
            &["credit", "--fail-on", "hold", "--as-of", "2026-04-02"]
        ),
        1
    );
    assert_eq!(
        exit_code(
            &book,
            &["credit", "--fail-on", "over", "--as-of", "2026-04-02"]
        ),
        0
    );
}

#[test]
fn hold_counts_only_open_items() {
    // Paid in part: what is left still holds; paid in full: no hold.
    let book = limited(limited(credit_book(), "part", "10000"), "paid", "10000").journal(
        "j",
        "2026-01-01 invoice I1 part 100 due:2026-01-31\n\
         2026-02-01 payment P1 part 99.99\n\
         2026-01-01 invoice I2 paid 100 due:2026-01-31\n\
         2026-05-01 payment P2 paid 100\n",
    );
    let rows = rows(&book, &["--all", "--as-of", "2026-06-01"]);
    assert_eq!(rows["part"]["hold"], true);
    assert_eq!(rows["part"]["exposure"], "0.01");
    assert_eq!(rows["paid"]["hold"], false);
}

#[test]
fn other_currencies_are_never_added_and_are_noted() {
    let book = credit_book()
        .contact("eu", "name = \"EU\"\ncredit_limit = \"1000\"\n")
        .contact(
            "us",
            "name = \"US\"\ncurrency = \"USD\"\ncredit_limit = \"1000\"\n",
        )
        .journal(
            "j",
            "2026-01-01 invoice E1 eu 900.00 due:2026-05-30\n\
             2026-01-01 invoice E2 eu 5000.00 USD due:2026-01-02\n\
             2026-01-01 invoice U1 us 100.00\n\
             2026-01-01 invoice U2 us 800.00 EUR\n",
        );
    let output = book
        .folio(&[
            "credit",
            "--all",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows[0]["contact"], "eu");
    assert_eq!(rows[0]["currency"], "EUR");
    assert_eq!(rows[0]["exposure"], "900.00");
    assert_eq!(rows[0]["status"], "warn");
    assert_eq!(
        rows[0]["hold"], false,
        "a USD item past the hold does not hold the EUR limit"
    );
    assert_eq!(rows[1]["contact"], "us");
    assert_eq!(rows[1]["currency"], "USD");
    assert_eq!(rows[1]["exposure"], "100.00");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("note: eu has a receivable balance of 5000.00 USD outside its EUR limit"),
        "{stderr}"
    );
    assert!(stderr.contains("E2 is 150 days past due"), "{stderr}");
    assert!(
        stderr.contains("note: us has a receivable balance of 800.00 EUR outside its USD limit"),
        "{stderr}"
    );
    // The table view puts the notes under the table, on stdout.
    let table = book.stdout(&["credit", "--all", "--as-of", "2026-06-01"]);
    assert!(
        table.contains("\nnote: eu has a receivable balance of 5000.00 USD"),
        "{table}"
    );
}

#[test]
fn default_lists_attention_rows_and_all_lists_every_limit() {
    let book = limited(limited(limited(credit_book(), "c-warn", "100"), "a-ok", "100"), "b-empty", "100")
        .customer("d-no-limit")
        .contact("e-supplier", "name = \"S\"\nroles = [\"supplier\"]\ncredit_limit = \"100\"\n")
        .journal("j", "2026-01-01 invoice I1 c-warn 90\n2026-01-01 invoice I2 a-ok 10\n2026-01-01 invoice I3 d-no-limit 9999\n");
    let default = book.json(&["credit", "--as-of", "2026-01-05"]);
    let ids: Vec<&str> = default
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["contact"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c-warn"]);
    let all = book.json(&["credit", "--all", "--as-of", "2026-01-05"]);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["contact"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["a-ok", "b-empty", "c-warn"],
        "sorted by id; no supplier-only or unlimited contact"
    );
    assert_eq!(all[1]["exposure"], "0.00");
    assert_eq!(all[1]["status"], "ok");
    // Nothing to show: the table says so.
    let quiet = limited(credit_book(), "x", "100");
    assert_eq!(
        quiet.stdout(&["credit"]),
        "all 1 customer(s) with a credit limit are ok\n"
    );
    assert_eq!(quiet.stdout(&["credit", "--format", "json"]), "[]\n");
}

#[test]
fn json_keys_and_types() {
    let book = limited(credit_book(), "acme", "5000.00")
        .journal("j", "2026-01-01 invoice I1 acme 4062.50\n");
    let json = book.json(&["credit", "--as-of", "2026-01-02"]);
    let row = json.as_array().unwrap()[0].as_object().unwrap();
    let keys: Vec<&str> = row.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "contact",
            "name",
            "currency",
            "limit",
            "exposure",
            "utilization",
            "status",
            "hold"
        ]
    );
    assert_eq!(row["contact"], "acme");
    assert_eq!(row["name"], "acme name");
    assert_eq!(row["currency"], "EUR");
    assert_eq!(row["limit"], "5000.00");
    assert_eq!(row["exposure"], "4062.50");
    assert_eq!(row["utilization"], "0.8125");
    assert_eq!(row["status"], "warn");
    assert_eq!(row["hold"], Value::Bool(false));
    let csv = book.stdout(&["credit", "--as-of", "2026-01-02", "--format", "csv"]);
    assert_eq!(
        csv,
        "contact,name,currency,limit,exposure,utilization,status,hold\nacme,acme name,EUR,5000.00,4062.50,0.8125,warn,false\n"
    );
}

#[test]
fn fail_on_levels() {
    let book = limited(limited(credit_book(), "warned", "1000"), "fine", "1000").journal(
        "j",
        "2026-01-01 invoice I1 warned 800\n2026-01-01 invoice I2 fine 10\n2026-01-03 invoice I3 warned 200.01\n",
    );
    let code = |level: &str, as_of: &str| {
        exit_code(&book, &["credit", "--fail-on", level, "--as-of", as_of])
    };
    assert_eq!(exit_code(&book, &["credit", "--as-of", "2026-01-02"]), 0);
    assert_eq!(code("never", "2026-01-02"), 0);
    assert_eq!(code("warn", "2026-01-02"), 1);
    assert_eq!(
        code("over", "2026-01-02"),
        0,
        "the later invoice does not count yet"
    );
    assert_eq!(code("hold", "2026-01-02"), 0);
    assert_eq!(code("over", "2026-01-03"), 1);
    assert_eq!(code("warn", "2026-01-03"), 1, "over reaches warn too");
    assert_eq!(code("never", "2026-01-03"), 0);
    let output = book
        .folio(&["credit", "--fail-on", "warn", "--as-of", "2026-01-02"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("warned"),
        "the report is still printed"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--fail-on warn: 1 customer(s): warned")
    );
    assert_eq!(exit_code(&book, &["credit", "--fail-on", "sometimes"]), 2);
}

#[test]
fn check_allows_up_to_the_limit_and_refuses_beyond() {
    let book = limited(credit_book(), "acme", "5000.00")
        .customer("open")
        .contact("euro", "name = \"Euro\"\ncredit_limit = \"100\"\n")
        .journal(
            "j",
            "2026-01-01 invoice I1 acme 4000.00\n\
             2026-01-01 invoice I2 open 99999\n\
             2026-01-01 invoice I3 euro 10 USD due:2026-01-01\n",
        );
    let check = |args: &[&str]| {
        let mut all = vec!["credit", "check"];
        all.extend(args);
        all.extend(["--as-of", "2026-01-15"]);
        let output = book.folio(&all).output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (code, out) = check(&["acme", "1000.00"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(
            "allowed: acme exposure 4000.00 + 1000.00 = 5000.00 EUR is within its limit"
        ),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
    let (code, out) = check(&["acme", "1000.01"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "refused: acme exposure 4000.00 + 1000.01 = 5000.01 EUR would exceed its limit of 5000.00 EUR by 0.01\n"
    );
    let (code, out) = check(&["open", "1000000"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "allowed: open has no credit limit and is not on hold\n")
    );
    // An amount in another currency than the limit's is not checked against it.
    let (code, out) = check(&["acme", "999999", "--currency", "USD"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("limit is in EUR"), "{out}");
    // Not a positive amount, unknown contact.
    assert_eq!(check(&["acme", "0"]).0, 2);
    assert_eq!(check(&["acme", "12,50"]).0, 2);
    let output = book
        .folio(&["credit", "check", "acmee", "10"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `acme`?"));
    // euro: the USD item becomes more than 60 days past due on 2026-03-03; a hold in any currency
    // refuses, also a EUR amount well inside the EUR limit.
    let on = |date: &str| {
        book.folio(&["credit", "check", "euro", "1", "--as-of", date])
            .output()
            .unwrap()
    };
    assert_eq!(on("2026-03-02").status.code(), Some(0));
    let refused = on("2026-03-03");
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(refused.stdout).unwrap(),
        "refused: euro is on credit hold: I3 (USD) is 61 days past due, more than 60 days\n"
    );
}

#[test]
fn check_refuses_a_contact_without_limit_on_hold() {
    let book = credit_book()
        .customer("late")
        .journal("j", "2026-01-01 invoice I1 late 10 due:2026-01-01\n");
    assert_eq!(
        exit_code(
            &book,
            &["credit", "check", "late", "1", "--as-of", "2026-03-02"]
        ),
        0
    );
    assert_eq!(
        exit_code(
            &book,
            &["credit", "check", "late", "1", "--as-of", "2026-03-03"]
        ),
        1
    );
}

#[test]
fn credit_subcommands_do_not_mix_with_report_flags() {
    let book = limited(credit_book(), "acme", "10");
    assert_eq!(
        exit_code(&book, &["credit", "--all", "check", "acme", "1"]),
        2
    );
    assert_eq!(exit_code(&book, &["credit", "check", "acme"]), 2);
    assert_eq!(exit_code(&book, &["credit", "check", "acme", "1"]), 0);
}

// ---------------------------------------------------------------------------------------------
// Scores, on hand-computed histories. As of 2026-12-31, every contact `since = 2025-12-31`
// (365 days: 5 x 365/730 = 2.5 age points), hold after 60 days. See docs/credit.md.

fn score_book() -> TestBook {
    let customer = |limit: Option<&str>| {
        let limit = limit
            .map(|l| format!("credit_limit = \"{l}\"\n"))
            .unwrap_or_default();
        format!("name = \"N\"\nsince = 2025-12-31\n{limit}")
    };
    credit_book()
        .contact("early", &customer(Some("10000")))
        .contact("late", &customer(Some("10000")))
        .contact("mixed", &customer(Some("2000")))
        .contact("newbie", "name = \"New\"\n")
        .contact("held", &customer(None))
        .journal(
            "j",
            "\
2026-01-10 invoice E1 early 1000.00 due:2026-02-09
2026-02-01 payment EP1 early 1000.00 ref:E1
2026-03-10 invoice E2 early 2000.00 due:2026-04-09
2026-04-01 payment EP2 early 2000.00 ref:E2
2026-01-10 invoice L1 late 1000.00 due:2026-02-09
2026-03-11 payment LP1 late 1000.00 ref:L1
2026-03-10 invoice L2 late 2000.00 due:2026-04-09
2026-05-09 payment LP2 late 2000.00 ref:L2
2026-01-10 invoice M1 mixed 1000.00 due:2026-02-09
2026-02-09 payment MP1 mixed 1000.00 ref:M1
2026-03-10 invoice M2 mixed 3000.00 due:2026-04-09
2026-04-01 payment MP2 mixed 1000.00 ref:M2
2026-05-24 payment MP3 mixed 2000.00 ref:M2
2026-11-01 invoice M3 mixed 500.00 due:2026-12-01
2026-01-10 invoice H1 held 1000.00 due:2026-01-20
2026-01-15 payment HP1 held 1000.00 ref:H1
2026-10-01 invoice H2 held 300.00 due:2026-10-31
",
        )
}

fn score_rows(book: &TestBook, args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["credit", "score", "--as-of", "2026-12-31"];
    all.extend(args);
    book.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["contact"].as_str().unwrap().to_string(), row.clone()))
        .collect()
}

#[test]
fn score_always_early() {
    let row = &score_rows(&score_book(), &["early"])["early"];
    // 40 x 1 + 25 x 1 + 20 x 1 + 10 x (1 - 0) + 2.5 = 97.5 -> 98, grade A.
    assert_eq!(row["settled"], "3000.00");
    assert_eq!(row["on_time"], "1.0000");
    assert_eq!(row["avg_days_late"], "0.00");
    assert_eq!(row["max_days_past_due"], 0);
    assert_eq!(row["utilization"], "0.0000");
    assert_eq!(row["age_days"], 365);
    assert_eq!(row["score"], 98);
    assert_eq!(row["grade"], "A");
    // A: 3 months x 3000 / 12 = 750 -> 800; terms 60.
    assert_eq!(row["limit"], "10000.00");
    assert_eq!(row["suggested_limit"], "800.00");
    assert_eq!(row["terms"], 30);
    assert_eq!(row["suggested_terms"], 60);
    assert_eq!(row["note"], Value::Null);
}

#[test]
fn score_always_thirty_days_late() {
    let row = &score_rows(&score_book(), &["late"])["late"];
    // 40 x 0 + 25 x (1 - 30/60) + 20 + 10 + 2.5 = 45, grade D.
    assert_eq!(row["on_time"], "0.0000");
    assert_eq!(row["avg_days_late"], "30.00");
    assert_eq!(row["score"], 45);
    assert_eq!(row["grade"], "D");
    // D: 0.5 x 3000 / 12 = 125 -> 100; terms 15.
    assert_eq!(row["suggested_limit"], "100.00");
    assert_eq!(row["suggested_terms"], 15);
}

#[test]
fn score_mixed_history() {
    let row = &score_rows(&score_book(), &["mixed"])["mixed"];
    // Paid on the due date counts as on time: 1000 (M1) + 1000 (M2, early) of 4000 settled; 2000
    // paid 45 days late -> 2000 x 45 / 4000 = 22.5 days. M3 is 30 days past due; exposure 500 of
    // 2000. 40 x 0.5 + 25 x 0.625 + 20 x 0.5 + 10 x 0.75 + 2.5 = 55.625 -> 56, grade C.
    assert_eq!(row["settled"], "4000.00");
    assert_eq!(row["on_time"], "0.5000");
    assert_eq!(row["avg_days_late"], "22.50");
    assert_eq!(row["max_days_past_due"], 30);
    assert_eq!(row["utilization"], "0.2500");
    assert_eq!(row["score"], 56);
    assert_eq!(row["grade"], "C");
    // C: 1 x 4500 / 12 = 375 -> 400; terms 30.
    assert_eq!(row["suggested_limit"], "400.00");
    assert_eq!(row["suggested_terms"], 30);
}

#[test]
fn score_without_history_is_neutral() {
    let row = &score_rows(&score_book(), &["newbie"])["newbie"];
    // 40 x 0.5 + 25 x 0.5 + 20 + 10 x 0.5 (no limit) + 0 (no age) = 57.5 -> 58, grade C.
    assert_eq!(row["settled"], "0.00");
    assert_eq!(row["on_time"], Value::Null);
    assert_eq!(row["avg_days_late"], Value::Null);
    assert_eq!(row["age_days"], Value::Null);
    assert_eq!(row["utilization"], Value::Null);
    assert_eq!(row["limit"], Value::Null);
    assert_eq!(row["score"], 58);
    assert_eq!(row["grade"], "C");
    assert_eq!(row["note"], "no history");
    assert_eq!(row["suggested_limit"], "0.00");
}

#[test]
fn score_on_hold_is_grade_e() {
    let rows = score_rows(&score_book(), &[]);
    let row = &rows["held"];
    // 40 + 25 + 20 x 0 (61 days past due) + 5 + 2.5 = 72.5 -> 73, but on hold: E.
    assert_eq!(row["max_days_past_due"], 61);
    assert_eq!(row["score"], 73);
    assert_eq!(row["grade"], "E");
    assert_eq!(row["note"], "on hold");
    assert_eq!(row["suggested_limit"], "0.00");
    assert_eq!(row["suggested_terms"], 0);
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        ["early", "held", "late", "mixed", "newbie"]
    );
}

#[test]
fn score_counts_payments_not_credit_notes_and_prepayments_are_on_time() {
    let book = credit_book()
        .contact("c", "name = \"C\"\nsince = 2025-12-31\n")
        .journal(
            "j",
            "\
2026-01-01 payment PRE c 500.00
2026-01-10 invoice I1 c 1000.00 due:2026-02-09
2026-06-01 credit CN1 c 100.00 ref:I1
2026-06-01 payment P1 c 400.00 ref:I1
",
        );
    let row = &score_rows(&book, &[])["c"];
    // 500 prepaid (applied on the invoice date: on time), 400 paid 112 days late, the credit note
    // is left out: 400 x 112 / 900 = 49.777... -> 49.78.
    assert_eq!(row["settled"], "900.00");
    assert_eq!(row["on_time"], "0.5556");
    assert_eq!(row["avg_days_late"], "49.78");
}

#[test]
fn grade_policy_comes_from_folio_toml() {
    let config = "name = \"T\"\ncurrency = \"EUR\"\n[credit.grades.A]\nlimit_months = 1.5\nterms = 90\n[credit.grades.D]\nterms = 7\n";
    let book = TestBook::with_config(config)
        .contact("early", "name = \"E\"\nsince = 2025-12-31\ncredit_limit = \"10000\"\n")
        .journal(
            "j",
            "2026-01-10 invoice E1 early 2400.00 due:2026-02-09\n2026-02-01 payment EP1 early 2400.00\n",
        );
    let row = &score_rows(&book, &[])["early"];
    assert_eq!(row["grade"], "A");
    // 1.5 x 2400 / 12 = 300.
    assert_eq!(row["suggested_limit"], "300.00");
    assert_eq!(row["suggested_terms"], 90);
    for (bad, expected) in [
        ("[credit.grades.F]\nterms = 1\n", "`F`"),
        ("[credit.grades.A]\nlimit = 3\n", "`limit`"),
        (
            "[credit.grades.A]\nlimit_months = -1\n",
            "limit_months must be from 0 to 1200",
        ),
        (
            "[credit.grades.A]\nlimit_months = \"79228162514264337593543950335\"\n",
            "limit_months must be from 0 to 1200",
        ),
    ] {
        let book = TestBook::with_config(&format!("name = \"T\"\n{bad}"));
        let output = book.folio(&["credit"]).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("folio.toml:") && stderr.contains(expected),
            "{bad}: {stderr}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Randomized books against an independent implementation.

#[derive(Debug, Clone)]
struct GenEntry {
    line: usize,
    date: chrono::NaiveDate,
    due: chrono::NaiveDate,
    kind: &'static str,
    id: String,
    contact: usize,
    currency: &'static str,
    amount: Decimal,
    reference: Option<String>,
}

impl GenEntry {
    fn is_debit(&self) -> bool {
        matches!(self.kind, "invoice" | "refund")
    }
}

#[derive(Debug, Clone)]
struct GenContact {
    id: String,
    customer: bool,
    currency: Option<&'static str>,
    limit: Option<Decimal>,
    terms: Option<i64>,
}

/// Open debit amounts and their due dates of one contact in one currency, by the rules of issue 2.
fn open_items(entries: &[&GenEntry]) -> Vec<(chrono::NaiveDate, Decimal)> {
    let mut order: Vec<&GenEntry> = entries.to_vec();
    order.sort_by_key(|e| (e.date, e.line));
    // Processed entries with what is left of each (open debit or unapplied credit).
    let mut left: Vec<(&GenEntry, Decimal)> = Vec::new();
    for entry in order {
        let mut amount = entry.amount;
        let target = entry
            .reference
            .as_ref()
            .and_then(|r| left.iter().position(|(e, _)| &e.id == r));
        if let Some(t) = target {
            // ref on payment/credit names a debit; ref on a refund names a credit.
            let take = amount.min(left[t].1);
            left[t].1 -= take;
            amount -= take;
        }
        if entry.is_debit() {
            // Oldest unapplied credits first (processing order).
            for slot in left.iter_mut().filter(|(e, _)| !e.is_debit()) {
                let take = amount.min(slot.1);
                slot.1 -= take;
                amount -= take;
            }
        } else {
            let mut debits: Vec<usize> =
                (0..left.len()).filter(|&i| left[i].0.is_debit()).collect();
            debits.sort_by_key(|&i| (left[i].0.due, left[i].0.date, left[i].0.line));
            for i in debits {
                let take = amount.min(left[i].1);
                left[i].1 -= take;
                amount -= take;
            }
        }
        left.push((entry, amount));
    }
    left.into_iter()
        .filter(|(e, open)| e.is_debit() && *open > Decimal::ZERO)
        .map(|(e, open)| (e.due, open))
        .collect()
}

struct Expected {
    contact: String,
    currency: String,
    limit: Decimal,
    exposure: Decimal,
    utilization: Option<String>,
    status: &'static str,
    hold: bool,
}

fn expected(
    contacts: &[GenContact],
    entries: &[GenEntry],
    as_of: chrono::NaiveDate,
    warn_at: Decimal,
    hold_after: i64,
) -> Vec<Expected> {
    let mut out = Vec::new();
    let mut sorted: Vec<usize> = (0..contacts.len()).collect();
    sorted.sort_by(|&a, &b| contacts[a].id.cmp(&contacts[b].id));
    for c in sorted {
        let contact = &contacts[c];
        let (true, Some(limit)) = (contact.customer, contact.limit) else {
            continue;
        };
        let currency = contact.currency.unwrap_or("EUR");
        let mine: Vec<&GenEntry> = entries
            .iter()
            .filter(|e| e.contact == c && e.currency == currency && e.date <= as_of)
            .filter(|e| matches!(e.kind, "invoice" | "refund" | "payment" | "credit"))
            .collect();
        let exposure: Decimal = mine
            .iter()
            .map(|e| if e.is_debit() { e.amount } else { -e.amount })
            .sum();
        let hold = open_items(&mine)
            .iter()
            .any(|(due, _)| (as_of - *due).num_days() > hold_after);
        let status = if exposure < Decimal::ZERO {
            "ok"
        } else if exposure > limit {
            "over"
        } else if exposure >= warn_at * limit {
            "warn"
        } else {
            "ok"
        };
        let utilization = (!limit.is_zero()).then(|| {
            let mut u = (exposure / limit)
                .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
            u.rescale(4);
            if u.is_zero() {
                u.set_sign_positive(true);
            }
            u.to_string()
        });
        out.push(Expected {
            contact: contact.id.clone(),
            currency: currency.to_string(),
            limit,
            exposure,
            utilization,
            status,
            hold,
        });
    }
    out
}

fn amount(rng: &mut ChaCha8Rng) -> Decimal {
    // Half round amounts (so sums hit limits and warn levels exactly), half any cents.
    if rng.random_bool(0.5) {
        Decimal::from([50, 100, 200, 250, 400, 500, 800, 1000][rng.random_range(0..8)])
    } else {
        Decimal::new(rng.random_range(1..200_000), 2)
    }
}

#[test]
fn randomized_books_match_an_independent_implementation() {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    // How often each case came up, so the test cannot silently stop covering them.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for seed in 0..50u64 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let warn_at = ["0.8", "0.75", "0.5", "1", "0.9"][rng.random_range(0..5)];
        let hold_after: i64 = [0, 15, 30, 60][rng.random_range(0..4)];
        let book_terms: i64 = 30;
        let book = TestBook::with_config(&format!(
            "name = \"R{seed}\"\ncurrency = \"EUR\"\nterms = {book_terms}\n[credit]\nwarn_at = {warn_at}\nhold_after_days = {hold_after}\n"
        ));
        let mut contacts = random_contacts(&mut rng, seed);
        let (entries, text) = random_journal(&mut rng, &contacts, start, book_terms);
        let as_ofs: Vec<chrono::NaiveDate> = (0..3)
            .map(|_| start + chrono::Days::new(rng.random_range(0..200)))
            .collect();
        set_edge_limits(&mut rng, &mut contacts, &entries, &as_ofs, warn_at);
        let book = with_contacts(book, &contacts).journal("all", &text);
        let run = RandomRun {
            book: &book,
            contacts: &contacts,
            entries: &entries,
            warn_at,
            hold_after,
            context: format!("seed {seed}\n{text}"),
        };
        for &as_of in &as_ofs {
            run.check(as_of, &mut seen);
        }
    }
    for (case, minimum) in [
        ("ok", 20),
        ("warn", 10),
        ("over", 20),
        ("hold", 10),
        ("negative", 5),
        ("at limit", 2),
        ("at warn level", 2),
    ] {
        let count = seen.get(case).copied().unwrap_or(0);
        assert!(
            count >= minimum,
            "only {count} rows of case `{case}`: {seen:?}"
        );
    }
}

/// Two to six contacts: customers or suppliers, some in USD, with limits of every kind (an edge
/// limit, -1 here, is set once the journal exists).
fn random_contacts(rng: &mut ChaCha8Rng, seed: u64) -> Vec<GenContact> {
    (0..rng.random_range(2..7))
        .map(|i| GenContact {
            id: format!("c{}", (b'a' + ((i * 7 + seed as usize) % 26) as u8) as char)
                + &i.to_string(),
            customer: rng.random_range(0..6) != 0,
            currency: if rng.random_range(0..4) == 0 {
                Some("USD")
            } else {
                None
            },
            limit: match rng.random_range(0..8) {
                0 => None,
                // Decided once the journal exists: exactly at an edge (see below).
                6 | 7 => Some(Decimal::NEGATIVE_ONE),
                1 => Some(Decimal::ZERO),
                2 => Some(Decimal::new(rng.random_range(1..500_000), 2)),
                _ => Some(Decimal::from(
                    [500, 1000, 2000, 2500][rng.random_range(0..4)],
                )),
            },
            terms: rng.random_bool(0.3).then(|| rng.random_range(0..45)),
        })
        .collect()
}

/// Up to 44 entries of the contacts' kinds, with due dates, refs and currencies at random; and
/// their journal text.
fn random_journal(
    rng: &mut ChaCha8Rng,
    contacts: &[GenContact],
    start: chrono::NaiveDate,
    book_terms: i64,
) -> (Vec<GenEntry>, String) {
    let mut entries: Vec<GenEntry> = Vec::new();
    let mut text = String::new();
    for line in 0..rng.random_range(0..45) {
        let c = rng.random_range(0..contacts.len());
        let contact = &contacts[c];
        let date = start + chrono::Days::new(rng.random_range(0..120));
        let kind = if !contact.customer {
            ["bill", "payout"][rng.random_range(0..2)]
        } else {
            [
                "invoice", "invoice", "invoice", "payment", "payment", "credit", "refund",
            ][rng.random_range(0..7)]
        };
        let own = contact.currency.unwrap_or("EUR");
        let (currency, written) = match rng.random_range(0..8) {
            0 => ("USD", Some("USD")),
            1 => ("EUR", Some("EUR")),
            _ => (own, None),
        };
        let id = format!("D{line}");
        let mut tail = String::new();
        let mut due = date;
        if kind == "invoice" || kind == "bill" {
            if rng.random_bool(0.5) {
                due = date + chrono::Days::new(rng.random_range(0..60));
                tail.push_str(&format!(" due:{due}"));
            } else {
                due = date + chrono::Days::new(contact.terms.unwrap_or(book_terms) as u64);
            }
        }
        let targets: &[&str] = match kind {
            "payment" | "credit" => &["invoice", "refund"],
            "refund" => &["payment", "credit"],
            _ => &[],
        };
        let candidates: Vec<&GenEntry> = entries
            .iter()
            .filter(|e| e.contact == c && e.currency == currency && targets.contains(&e.kind))
            .collect();
        let reference = (!candidates.is_empty() && rng.random_bool(0.6))
            .then(|| candidates[rng.random_range(0..candidates.len())].id.clone());
        if let Some(r) = &reference {
            tail.push_str(&format!(" ref:{r}"));
        }
        let amount = amount(rng);
        let currency_text = written.map(|w| format!(" {w}")).unwrap_or_default();
        text.push_str(&format!(
            "{date} {kind} {id} {} {amount}{currency_text}{tail}\n",
            contact.id
        ));
        entries.push(GenEntry {
            line,
            date,
            due,
            kind,
            id,
            contact: c,
            currency,
            amount,
            reference,
        });
    }
    (entries, text)
}

/// Edge limits: exactly the exposure, exposure / warn_at, or a cent below the exposure, at one of
/// the tested dates.
fn set_edge_limits(
    rng: &mut ChaCha8Rng,
    contacts: &mut [GenContact],
    entries: &[GenEntry],
    as_ofs: &[chrono::NaiveDate],
    warn_at: &str,
) {
    for (c, contact) in contacts.iter_mut().enumerate() {
        if contact.limit != Some(Decimal::NEGATIVE_ONE) {
            continue;
        }
        let as_of = as_ofs[rng.random_range(0..as_ofs.len())];
        let currency = contact.currency.unwrap_or("EUR");
        let exposure: Decimal = entries
            .iter()
            .filter(|e| e.contact == c && e.currency == currency && e.date <= as_of)
            .map(|e| if e.is_debit() { e.amount } else { -e.amount })
            .sum();
        let at_warn = (exposure / dec(warn_at)).normalize();
        contact.limit = Some(match rng.random_range(0..3) {
            _ if exposure <= Decimal::ZERO => Decimal::from(1000),
            0 => exposure,
            1 if at_warn * dec(warn_at) == exposure && at_warn.scale() <= 4 => at_warn,
            _ => exposure - Decimal::new(1, 2),
        });
    }
}

/// The book with a file per contact.
fn with_contacts(mut book: TestBook, contacts: &[GenContact]) -> TestBook {
    for contact in contacts {
        let mut body = format!("name = \"{} name\"\n", contact.id);
        if !contact.customer {
            body.push_str("roles = [\"supplier\"]\n");
        }
        if let Some(currency) = contact.currency {
            body.push_str(&format!("currency = \"{currency}\"\n"));
        }
        if let Some(limit) = contact.limit {
            body.push_str(&format!("credit_limit = \"{limit}\"\n"));
        }
        if let Some(terms) = contact.terms {
            body.push_str(&format!("terms = {terms}\n"));
        }
        book = book.contact(&contact.id, &body);
    }
    book
}

/// One random book, checked at several dates.
struct RandomRun<'a> {
    book: &'a TestBook,
    contacts: &'a [GenContact],
    entries: &'a [GenEntry],
    warn_at: &'a str,
    hold_after: i64,
    context: String,
}

impl RandomRun<'_> {
    /// `credit --all`, the default view and `--fail-on` as of a date against the independent
    /// implementation; counts the cases seen.
    fn check(&self, as_of: chrono::NaiveDate, seen: &mut BTreeMap<&'static str, usize>) {
        let RandomRun {
            book,
            contacts,
            entries,
            warn_at,
            hold_after,
            ..
        } = *self;
        let as_of_text = as_of.to_string();
        let want = expected(contacts, entries, as_of, dec(warn_at), hold_after);
        let got = book.json(&["credit", "--all", "--as-of", &as_of_text]);
        let got = got.as_array().unwrap();
        let context = format!("as of {as_of}, {}", self.context);
        assert_eq!(got.len(), want.len(), "{context}");
        for (row, want) in got.iter().zip(&want) {
            assert_eq!(row["contact"], want.contact.as_str(), "{context}");
            assert_eq!(row["currency"], want.currency.as_str(), "{context}");
            assert_eq!(dec(row["limit"].as_str().unwrap()), want.limit, "{context}");
            let exposure = row["exposure"].as_str().unwrap();
            assert_eq!(dec(exposure), want.exposure, "{} {context}", want.contact);
            assert!(
                exposure.split('.').nth(1).is_some_and(|d| d.len() >= 2),
                "{exposure}"
            );
            assert_eq!(
                row["utilization"].as_str().map(str::to_string),
                want.utilization,
                "{context}"
            );
            assert_eq!(row["status"], want.status, "{} {context}", want.contact);
            assert_eq!(row["hold"], want.hold, "{} hold {context}", want.contact);
        }
        for w in &want {
            *seen.entry(w.status).or_default() += 1;
            let cases = [
                ("hold", w.hold),
                ("negative", w.exposure < Decimal::ZERO),
                ("at limit", !w.exposure.is_zero() && w.exposure == w.limit),
                (
                    "at warn level",
                    !w.exposure.is_zero() && w.exposure == dec(warn_at) * w.limit,
                ),
            ];
            for (case, hit) in cases {
                *seen.entry(case).or_default() += usize::from(hit);
            }
        }
        // The default view and --fail-on agree with the same rows.
        let attention = want.iter().filter(|w| w.status != "ok" || w.hold).count();
        assert_eq!(
            book.json(&["credit", "--as-of", &as_of_text])
                .as_array()
                .unwrap()
                .len(),
            attention
        );
        for (level, reached) in [
            ("warn", want.iter().any(|w| w.status != "ok")),
            ("over", want.iter().any(|w| w.status == "over")),
            ("hold", want.iter().any(|w| w.hold)),
        ] {
            let code = exit_code(
                book,
                &["credit", "--fail-on", level, "--as-of", &as_of_text],
            );
            assert_eq!(code, i32::from(reached), "--fail-on {level} {context}");
        }
    }
}
