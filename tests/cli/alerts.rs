//! `folio alerts` (issue 14): every kind triggered on a fixture book and not triggered on
//! another, the severities of new and older events, `--fail-on`, `--min-severity`, `--explain`,
//! `[alerts]` settings and their errors, the run recorded in alerts.state, and the demo book with
//! and without planted anomalies.

use crate::util::{TestBook, folio, repo_root};
use serde_json::Value;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-11-25";

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/books").join(name)
}

/// `folio alerts --as-of 2026-11-25 --dry-run --format json ARGS` on a book directory.
fn alerts_at(dir: &Path, args: &[&str]) -> Vec<Value> {
    let output = folio()
        .arg("--book")
        .arg(dir)
        .args(["alerts", "--as-of", AS_OF, "--dry-run", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "folio alerts failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json.as_array().unwrap().clone()
}

fn alerts(book: &TestBook, args: &[&str]) -> Vec<Value> {
    alerts_at(book.path(), args)
}

/// (severity, kind, document or else contact) of each alert.
fn summary(alerts: &[Value]) -> Vec<(String, String, String)> {
    alerts
        .iter()
        .map(|a| {
            let subject = a["document"]
                .as_str()
                .or(a["contact"].as_str())
                .unwrap_or("");
            (
                a["severity"].as_str().unwrap().to_string(),
                a["kind"].as_str().unwrap().to_string(),
                subject.to_string(),
            )
        })
        .collect()
}

/// The (severity, subject) of the alerts of one kind.
fn of_kind(alerts: &[Value], kind: &str) -> Vec<(String, String)> {
    summary(alerts)
        .into_iter()
        .filter(|(_, k, _)| k == kind)
        .map(|(severity, _, subject)| (severity, subject))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn find<'a>(alerts: &'a [Value], kind: &str, subject: &str) -> &'a Value {
    alerts
        .iter()
        .find(|a| a["kind"] == kind && (a["document"] == subject || a["contact"] == subject))
        .unwrap_or_else(|| panic!("no {kind} alert about {subject}"))
}

fn exit_code(book: &TestBook, args: &[&str]) -> i32 {
    book.folio(args).output().unwrap().status.code().unwrap()
}

/// A book with [credit] warn_at 0.8 and hold after 60 days.
fn book() -> TestBook {
    TestBook::with_config(
        "name = \"Alerts\"\ncurrency = \"EUR\"\n[credit]\nwarn_at = 0.8\nhold_after_days = 60\n",
    )
}

/// A customer with e-mail and phone, and extra TOML lines.
fn reachable(book: TestBook, id: &str, extra: &str) -> TestBook {
    book.contact(
        id,
        &format!(
            "name = \"{id} name\"\nemail = \"{id}@example.com\"\nphone = \"+32 2 555 00 00\"\n{extra}"
        ),
    )
}

fn customers(ids: &[&str]) -> TestBook {
    ids.iter().fold(book(), |b, id| reachable(b, id, ""))
}

// ---------------------------------------------------------------------------------------------
// Every kind on the fixture books.

#[test]
fn every_kind_fires_on_the_every_kind_fixture() {
    let found = summary(&alerts_at(&fixture("alerts-every-kind"), &[]));
    let expected: Vec<(String, String, String)> = [
        ("critical", "credit", "over"),
        ("warn", "collection", "I-LATE"),
        ("warn", "unusual-amount", "I-BIG"),
        ("warn", "duplicate-payment", "P-BB"),
        ("warn", "duplicate-payment", "P-DUP-2"),
        ("warn", "overpayment", "P-DUP-2"),
        ("warn", "overpayment", "P-PRE"),
        ("warn", "oversized-credit", "CN-BIG"),
        ("warn", "future-entry", "I-FUT"),
        ("warn", "early-entry", "I-EARLY"),
        ("warn", "missing-contact", "nocontact"),
        ("warn", "invalid-vat", "badvat"),
        ("info", "gone-quiet", "quiet"),
        ("info", "revenue-drop", "drop"),
        ("info", "slower-payment", "slow"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn no_kind_fires_on_the_calm_fixture() {
    assert_eq!(summary(&alerts_at(&fixture("alerts-none"), &[])), []);
}

// ---------------------------------------------------------------------------------------------
// One test per kind that triggers it, and one (or more) beside it that does not.

#[test]
fn credit_new_and_ongoing_over_near_and_hold() {
    let book = customers(&[])
        .contact(
            "over",
            "name = \"o\"\nemail = \"o@x.example\"\ncredit_limit = \"1000.00\"\n",
        )
        .contact(
            "near",
            "name = \"n\"\nemail = \"n@x.example\"\ncredit_limit = \"1000.00\"\n",
        )
        .contact(
            "held",
            "name = \"h\"\nemail = \"h@x.example\"\ncredit_limit = \"10000.00\"\n",
        )
        .contact(
            "was-over",
            "name = \"w\"\nemail = \"w@x.example\"\ncredit_limit = \"1000.00\"\n",
        )
        .contact(
            "fine",
            "name = \"f\"\nemail = \"f@x.example\"\ncredit_limit = \"1000.00\"\n",
        )
        .journal(
            "j",
            "2026-11-20 invoice I1 over 1100.00\n\
             2026-11-20 invoice I2 near 850.00\n\
             2026-08-01 invoice I3 held 500.00\n\
             2026-11-01 invoice I5 was-over 1200.00\n\
             2026-11-20 invoice I4 fine 500.00\n",
        );
    let found = alerts(&book, &[]);
    assert_eq!(
        of_kind(&found, "credit"),
        pairs(&[
            ("critical", "over"),
            ("warn", "I3"),
            ("warn", "near"),
            ("warn", "was-over"),
        ])
    );
    let over = find(&found, "credit", "over");
    assert_eq!(over["new"], true);
    assert_eq!(over["values"]["exposure"], "1100.00");
    assert_eq!(over["values"]["status_before"], "ok");
    assert!(over["message"].as_str().unwrap().starts_with("went over"));
    assert_eq!(
        find(&found, "credit", "near")["values"]["utilization"],
        "0.8500"
    );
    let held = find(&found, "credit", "I3");
    assert_eq!(held["values"]["days_past_due"], 86);
    assert_eq!(
        held["date"], "2026-10-31",
        "the first day more than 60 days past due"
    );
    // Looking back to before it went on hold, it is news again.
    let since_july = alerts(&book, &["--since", "2026-07-01"]);
    assert_eq!(find(&since_july, "credit", "I3")["severity"], "critical");
    assert_eq!(
        find(&since_july, "credit", "was-over")["severity"],
        "critical"
    );
}

#[test]
fn credit_agrees_with_the_credit_report() {
    let book = TestBook::with_config(
        "name = \"t\"\ncurrency = \"EUR\"\n[credit]\nwarn_at = 0.8\nhold_after_days = 60\n",
    )
    .contact("a", "name = \"a\"\ncredit_limit = \"5000.00\"\n")
    .journal(
        "j",
        "2026-09-01 invoice I1 a 3000.00\n2026-11-20 invoice I2 a 2500.00\n2026-11-21 payment P1 a 100.00\n",
    );
    let report = book.json(&["credit", "--as-of", AS_OF]);
    let alert = find(&alerts(&book, &[]), "credit", "a").clone();
    assert_eq!(alert["values"]["exposure"], report[0]["exposure"]);
    assert_eq!(alert["values"]["utilization"], report[0]["utilization"]);
    assert_eq!(alert["values"]["status"], report[0]["status"]);
}

#[test]
fn collection_buckets_and_dunning_levels_crossed_since() {
    let book = customers(&["c"]).journal(
        "j",
        "2026-09-20 invoice A c 100.00 due:2026-10-20\n\
         2026-10-20 invoice B c 100.00 due:2026-11-20\n\
         2026-07-27 invoice C c 100.00 due:2026-08-26\n\
         2026-09-01 invoice D c 100.00 due:2026-10-01\n\
         2026-11-01 invoice E c 100.00 due:2026-12-01\n\
         2026-10-10 invoice F c 100.00 due:2026-11-04\n",
    );
    let found = alerts(&book, &[]);
    // A: 29 -> 36 days, enters 31-60. B: became overdue. C: 84 -> 91, enters 90+.
    // F: 14 -> 21 days, dunning level 2. D: 48 -> 55, nothing crossed. E: not due.
    assert_eq!(
        of_kind(&found, "collection"),
        pairs(&[
            ("critical", "C"),
            ("warn", "A"),
            ("warn", "F"),
            ("info", "B")
        ])
    );
    let f = find(&found, "collection", "F");
    assert_eq!(f["values"]["dunning_level"], 2);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("no reminder sent yet")
    );
    assert_eq!(find(&found, "collection", "A")["date"], "2026-11-20");
    // The dunning journal says what was sent.
    let book = book.file(
        "dunning.journal",
        "2026-11-11 c F 1 eml <1.c@example.com>\n",
    );
    let f = find(&alerts(&book, &[]), "collection", "F").clone();
    assert_eq!(f["values"]["last_sent"], "1");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("last sent: 1 on 2026-11-11")
    );
    // Paid items drop out.
    let paid = book.journal("pay", "2026-11-24 payment P c 600.00\n");
    assert_eq!(of_kind(&alerts(&paid, &[]), "collection"), []);
}

#[test]
fn unusual_amounts_by_median_and_mad() {
    let mut journal = String::new();
    for (m, amount) in [400, 410, 395, 420, 405, 390].iter().enumerate() {
        journal.push_str(&format!(
            "2026-{:02}-05 invoice I{m} u {amount}.00\n2026-{:02}-12 payment P{m} u {amount}.00 ref:I{m}\n",
            m + 1,
            m + 1
        ));
    }
    journal.push_str(
        "2026-11-20 invoice BIG u 8000.00\n\
         2026-11-21 invoice THREE u 1300.00 ; three times the median: not enough\n\
         2026-11-22 invoice TINY u 40.00 ; a slipped decimal point?\n\
         2026-11-23 payment PART u 50.00 ; a part payment: small payments are not judged\n\
         2026-07-01 invoice OLD u 9000.00\n\
         2026-01-01 invoice F1 few 100.00\n2026-02-01 invoice F2 few 110.00\n2026-03-01 invoice F3 few 9000.00\n",
    );
    let book = customers(&["u", "few"]).journal("j", &journal);
    let found = alerts(&book, &[]);
    // `few` has 3 invoices, below min_history (4): not judged.
    assert_eq!(
        of_kind(&found, "unusual-amount"),
        pairs(&[("warn", "BIG"), ("warn", "TINY"), ("info", "OLD")])
    );
    let big = find(&found, "unusual-amount", "BIG");
    assert_eq!(big["values"]["median"], "407.50");
    assert_eq!(big["values"]["history"], 10);
    assert_eq!(big["new"], true);
    // Thresholds from folio.toml: with a ratio of 25, 8000.00 (19.63 x the median) and 40.00
    // (1/10) pass; with min_history 3, the 3 invoices of `few` are judged: 9000.00 is 81 x 110.00.
    let strict = book.file(
        "folio.toml",
        "name = \"t\"\ncurrency = \"EUR\"\n[alerts.unusual-amount]\nratio = 25\nmin_history = 3\n",
    );
    assert_eq!(
        of_kind(&alerts(&strict, &[]), "unusual-amount"),
        pairs(&[("info", "F3")])
    );
}

#[test]
fn duplicate_payments_same_day_or_same_bank_reference() {
    let book = customers(&["d", "e", "f", "g", "h"]).journal(
        "j",
        "2026-11-02 invoice ID d 1000.00\n\
         2026-11-19 payment P1 d 1000.00 ref:ID\n\
         2026-11-19 payment P2 d 1000.00 ref:ID\n\
         2026-11-02 invoice IE1 e 500.00\n2026-11-02 invoice IE2 e 500.00\n\
         2026-11-19 payment PE1 e 500.00 ref:IE1\n2026-11-19 payment PE2 e 500.00 ref:IE2\n\
         2026-11-02 invoice IF f 300.00\n\
         2026-11-19 payment PF1 f 300.00 ref:IF\n2026-11-19 payment PF2 f 300.00 ref:IF\n\
         2026-11-20 refund RF f 300.00 ref:PF2 ; returned\n\
         2026-11-20 payment PG g 70.00 bank:TX-7\n2026-11-21 payment PH h 80.00 bank:TX-7\n\
         2026-11-22 payment PH2 h 90.00 bank:TX-8\n",
    );
    // e: two equal invoices paid the same day, each by its own payment. f: refunded.
    assert_eq!(
        of_kind(&alerts(&book, &[]), "duplicate-payment"),
        pairs(&[("warn", "P2"), ("warn", "PH")])
    );
    let found = alerts(&book, &[]);
    let bank = find(&found, "duplicate-payment", "PH");
    assert_eq!(bank["values"]["reference"], "TX-7");
    assert_eq!(bank["values"]["repeats"], "PG");
}

#[test]
fn overpayments_left_unapplied() {
    let book = customers(&["p", "q", "r", "s", "t"]).journal(
        "j",
        "2026-11-21 payment PP p 500.00\n\
         2026-10-01 payment PQ q 300.00 ; a deposit, used by the invoice\n\
         2026-10-15 invoice IQ q 1000.00\n\
         2026-11-20 payment PR r 400.00 ref:IR ; a deposit for an invoice to come\n\
         2026-12-01 invoice IR r 1000.00\n\
         2026-06-01 invoice IS s 100.00\n2026-06-10 payment PS s 250.00 ref:IS\n\
         2026-11-01 invoice IT t 100.00\n2026-11-20 payment PT t 100.50 ref:IT ; 0.50 over: not worth an alert\n",
    );
    let found = alerts(&book, &[]);
    assert_eq!(
        of_kind(&found, "overpayment"),
        pairs(&[("warn", "PP"), ("info", "PS")])
    );
    assert_eq!(
        find(&found, "overpayment", "PS")["values"]["unapplied"],
        "150.00"
    );
    assert_eq!(
        find(&found, "overpayment", "PS")["values"]["open_before"],
        "100.00"
    );
    // Once a later invoice uses the credit, it is settled.
    let used = book.journal("later", "2026-11-24 invoice IS2 s 20.00\n");
    assert_eq!(
        of_kind(&alerts(&used, &[]), "overpayment"),
        pairs(&[("warn", "PP")])
    );
}

#[test]
fn credit_notes_larger_than_their_invoice() {
    let book = customers(&["a"])
        .contact("sup", "name = \"s\"\nroles = [\"supplier\"]\n")
        .journal(
            "j",
            "2026-11-10 invoice I1 a 500.00\n2026-11-20 credit C1 a 600.00 ref:I1\n\
             2026-11-10 invoice I2 a 500.00\n2026-11-19 credit C2 a 300.00 ref:I2\n2026-11-21 credit C3 a 300.00 ref:I2\n\
             2026-11-10 invoice I3 a 500.00\n2026-11-20 credit C4 a 200.00 ref:I3\n\
             2026-11-10 bill B1 sup 400.00\n2026-11-20 debit D1 sup 500.00 ref:B1\n",
        );
    let found = alerts(&book, &[]);
    assert_eq!(
        of_kind(&found, "oversized-credit"),
        pairs(&[("warn", "C1"), ("warn", "C3"), ("warn", "D1")])
    );
    let c3 = find(&found, "oversized-credit", "C3");
    assert_eq!(c3["values"]["credited"], "600.00");
    assert!(c3["message"].as_str().unwrap().contains("add up to 600.00"));
}

#[test]
fn future_entries_with_a_tolerance() {
    let book = customers(&["a"]).journal(
        "j",
        "2026-11-25 invoice TODAY a 10.00\n2026-11-26 invoice TOMORROW a 10.00\n2026-12-10 invoice LATER a 10.00\n",
    );
    assert_eq!(
        of_kind(&alerts(&book, &[]), "future-entry"),
        pairs(&[("warn", "TOMORROW"), ("warn", "LATER")])
    );
    let tolerant = book.file(
        "folio.toml",
        "name = \"t\"\ncurrency = \"EUR\"\n[alerts.future-entry]\ndays = 10\n",
    );
    assert_eq!(
        of_kind(&alerts(&tolerant, &[]), "future-entry"),
        pairs(&[("warn", "LATER")])
    );
    let off = tolerant.file(
        "folio.toml",
        "name = \"t\"\ncurrency = \"EUR\"\n[alerts.future-entry]\nenabled = false\n",
    );
    assert_eq!(of_kind(&alerts(&off, &[]), "future-entry"), []);
}

#[test]
fn entries_long_before_the_contacts_since() {
    let book = reachable(book(), "a", "since = 2024-01-01\n")
        .contact("b", "name = \"b\"\nemail = \"b@x.example\"\n")
        .journal(
            "j",
            "2023-11-01 invoice LONG a 10.00\n2023-12-15 invoice SHORT a 10.00\n2020-01-01 invoice NOSINCE b 10.00\n",
        );
    let found = alerts(&book, &[]);
    assert_eq!(of_kind(&found, "early-entry"), pairs(&[("warn", "LONG")]));
    assert_eq!(
        find(&found, "early-entry", "LONG")["values"]["days_before"],
        61
    );
}

#[test]
fn regular_customers_gone_quiet() {
    let mut journal = String::new();
    // `new`: every month on the 20th from January to August; the usual interval is 31 days,
    // so quiet from 2026-11-22 on (more than 93 days): new in the week looked at.
    for m in 1..=8 {
        journal.push_str(&format!("2026-{m:02}-20 invoice N{m} new 100.00\n"));
    }
    // `old`: on the 1st from January to July: quiet since 2026-10-01.
    for m in 1..=7 {
        journal.push_str(&format!("2026-{m:02}-01 invoice O{m} old 100.00\n"));
    }
    // `busy` invoices every month until November; `few` has 5 invoices only; `gone` is archived.
    for m in 1..=11 {
        journal.push_str(&format!("2026-{m:02}-03 invoice B{m} busy 100.00\n"));
    }
    for m in 1..=5 {
        journal.push_str(&format!("2026-{m:02}-03 invoice F{m} few 100.00\n"));
    }
    for m in 1..=7 {
        journal.push_str(&format!("2026-{m:02}-03 invoice G{m} gone 100.00\n"));
    }
    let book = customers(&["new", "old", "busy", "few"])
        .contact("gone", "name = \"g\"\narchived = true\n")
        .journal("j", &journal);
    let found = alerts(&book, &[]);
    assert_eq!(
        of_kind(&found, "gone-quiet"),
        pairs(&[("warn", "new"), ("info", "old")])
    );
    let new = find(&found, "gone-quiet", "new");
    assert_eq!(new["date"], "2026-11-22");
    assert_eq!(new["values"]["usual_interval"], "31");
    assert_eq!(new["values"]["days_quiet"], 97);
}

#[test]
fn revenue_drop_of_a_top_customer() {
    let mut journal = String::new();
    for (y, m) in (9..=12)
        .map(|m| (2025, m))
        .chain((1..=11).map(|m| (2026, m)))
    {
        let big = if (y, m) < (2026, 9) {
            "10000.00"
        } else {
            "2000.00"
        };
        let small = if (y, m) < (2026, 9) { "500.00" } else { "0.01" };
        journal.push_str(&format!(
            "{y}-{m:02}-01 invoice BIG{y}{m} big {big}\n\
             {y}-{m:02}-01 invoice MID{y}{m} mid 3000.00\n\
             {y}-{m:02}-01 invoice SM{y}{m} small {small}\n"
        ));
    }
    let book = customers(&["big", "mid", "small"]).journal("j", &journal);
    let found = alerts(&book, &["--min-severity", "info"]);
    // `small` fell too, but it is not a top customer (class C); `mid` is steady.
    assert_eq!(of_kind(&found, "revenue-drop"), pairs(&[("info", "big")]));
    let big = find(&found, "revenue-drop", "big");
    assert_eq!(big["values"]["monthly_recent"], "2000.00");
    assert_eq!(big["values"]["monthly_usual"], "10000.00");
    assert_eq!(big["values"]["fall"], "0.8000");
    assert_eq!(big["values"]["abc"], "A");
    // Had it fallen only in the last week, it would be news.
    assert_eq!(
        of_kind(&alerts(&book, &["--since", "2026-08-25"]), "revenue-drop"),
        pairs(&[("warn", "big")])
    );
}

#[test]
fn slower_payment_and_agreement_with_metrics() {
    let mut journal = String::new();
    for (m, day) in [(2, "11"), (3, "11"), (4, "11")] {
        journal.push_str(&format!(
            "2026-{m:02}-01 invoice S{m} slow 1000.00\n2026-{m:02}-{day} payment PS{m} slow 1000.00 ref:S{m}\n\
             2026-{m:02}-01 invoice T{m} steady 1000.00\n2026-{m:02}-{day} payment PT{m} steady 1000.00 ref:T{m}\n"
        ));
    }
    for (k, invoice, paid) in [
        (6, "2026-06-25", "2026-09-03"),
        (7, "2026-07-01", "2026-09-10"),
        (8, "2026-07-15", "2026-09-22"),
    ] {
        journal.push_str(&format!(
            "{invoice} invoice S{k} slow 1000.00\n{paid} payment PS{k} slow 1000.00 ref:S{k}\n"
        ));
    }
    for (k, day) in [(9, "09"), (10, "10"), (11, "11")] {
        journal.push_str(&format!(
            "2026-{k:02}-01 invoice T{k} steady 1000.00\n2026-{k:02}-{day} payment PT{k} steady 1000.00 ref:T{k}\n"
        ));
    }
    let book = customers(&["slow", "steady"]).journal("j", &journal);
    let found = alerts(&book, &[]);
    assert_eq!(
        of_kind(&found, "slower-payment"),
        pairs(&[("info", "slow")])
    );
    let slow = find(&found, "slower-payment", "slow");
    // The same numbers as `folio metrics` over the two windows.
    let recent = book.json(&["metrics", "slow", "--as-of", AS_OF, "--window", "90d"]);
    let usual = book.json(&[
        "metrics",
        "slow",
        "--as-of",
        "2026-08-27",
        "--window",
        "365d",
    ]);
    assert_eq!(
        slow["values"]["days_to_pay_recent"],
        recent[0]["avg_days_to_pay"]
    );
    assert_eq!(
        slow["values"]["days_to_pay_usual"],
        usual[0]["avg_days_to_pay"]
    );
    assert_eq!(slow["values"]["days_to_pay_recent"], "70.00");
    // Fewer payments than min_payments in a period: not judged.
    let strict = book.file(
        "folio.toml",
        "name = \"t\"\ncurrency = \"EUR\"\n[alerts.slower-payment]\nmin_payments = 4\n",
    );
    assert_eq!(of_kind(&alerts(&strict, &[]), "slower-payment"), []);
}

#[test]
fn contacts_with_open_items_but_no_way_to_reach_them() {
    let book = book()
        .contact("nobody", "name = \"n\"\n")
        .contact("phone-only", "name = \"p\"\nphone = \"+32 2 555 00 01\"\n")
        .contact("paid-up", "name = \"q\"\n")
        .contact("mail", "name = \"m\"\nemail = \"m@x.example\"\n")
        .journal(
            "j",
            "2026-11-10 invoice I1 nobody 100.00\n2026-11-10 invoice I2 phone-only 100.00\n\
             2026-11-10 invoice I3 paid-up 100.00\n2026-11-12 payment P3 paid-up 100.00\n\
             2026-11-10 invoice I4 mail 100.00\n",
        );
    assert_eq!(
        of_kind(&alerts(&book, &[]), "missing-contact"),
        pairs(&[("warn", "nobody"), ("info", "phone-only")])
    );
}

#[test]
fn vat_numbers_failing_their_check_digits() {
    let book = book()
        .contact("bad", "name = \"b\"\nvat = \"BE0403170702\"\n")
        .contact("good", "name = \"g\"\nvat = \"BE0403170701\"\n")
        .contact(
            "old",
            "name = \"o\"\nvat = \"FR00000000000\"\narchived = true\n",
        );
    let found = alerts(&book, &[]);
    assert_eq!(of_kind(&found, "invalid-vat"), pairs(&[("warn", "bad")]));
    assert_eq!(
        find(&found, "invalid-vat", "bad")["values"]["vat"],
        "BE0403170702"
    );
}

// ---------------------------------------------------------------------------------------------
// --fail-on, --min-severity, output formats.

#[test]
fn fail_on_warn_exits_1_exactly_when_a_warn_or_critical_alert_exists() {
    let every = fixture("alerts-every-kind");
    let run = |dir: &Path, args: &[&str]| {
        folio()
            .arg("--book")
            .arg(dir)
            .args(["alerts", "--as-of", AS_OF, "--dry-run"])
            .args(args)
            .output()
            .unwrap()
    };
    let failed = run(&every, &["--fail-on", "warn"]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("--fail-on warn: 12 alert(s) at warn or above"),
        "{stderr}"
    );
    // The digest is printed first.
    assert!(String::from_utf8_lossy(&failed.stdout).contains("I-BIG"));
    // Shown or not: --min-severity only filters the list.
    let hidden = run(&every, &["--fail-on", "warn", "--min-severity", "critical"]);
    assert_eq!(hidden.status.code(), Some(1));
    assert_eq!(
        run(&fixture("alerts-none"), &["--fail-on", "warn"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&fixture("alerts-none"), &["--fail-on", "info"])
            .status
            .code(),
        Some(0)
    );

    // Only info alerts: warn passes, info fails.
    let mut journal = String::new();
    for m in 1..=7 {
        journal.push_str(&format!(
            "2026-{m:02}-01 invoice O{m} old 100.00\n2026-{m:02}-05 payment P{m} old 100.00\n"
        ));
    }
    let quiet = customers(&["old"]).journal("j", &journal);
    // A customer that stopped invoicing in July: quiet, and its revenue fell, both known before
    // the week looked at.
    let infos: Vec<String> = summary(&alerts(&quiet, &[]))
        .into_iter()
        .map(|(severity, kind, _)| format!("{severity} {kind}"))
        .collect();
    assert_eq!(infos, ["info gone-quiet", "info revenue-drop"]);
    let args = ["alerts", "--as-of", AS_OF, "--dry-run", "--fail-on"];
    assert_eq!(exit_code(&quiet, &[&args[..], &["warn"]].concat()), 0);
    assert_eq!(exit_code(&quiet, &[&args[..], &["critical"]].concat()), 0);
    assert_eq!(exit_code(&quiet, &[&args[..], &["info"]].concat()), 1);
}

#[test]
fn min_severity_filters_and_the_table_says_what_it_left_out() {
    let every = fixture("alerts-every-kind");
    let warn = alerts_at(&every, &["--min-severity", "warn"]);
    assert_eq!(warn.len(), 12);
    assert!(warn.iter().all(|a| a["severity"] != "info"));
    assert_eq!(alerts_at(&every, &["--min-severity", "critical"]).len(), 1);
    let output = folio()
        .arg("--book")
        .arg(&every)
        .args([
            "alerts",
            "--as-of",
            AS_OF,
            "--dry-run",
            "--min-severity",
            "warn",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.starts_with(" severity   kind "), "{table}");
    assert!(
        table.ends_with(
            "12 alert(s) as of 2026-11-25, new since 2026-11-18 (7 days back), 3 below warn not shown\n"
        ),
        "{table}"
    );
}

#[test]
fn json_keys_and_csv_columns() {
    let every = fixture("alerts-every-kind");
    let found = alerts_at(&every, &[]);
    let keys: Vec<&str> = found[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "severity", "kind", "category", "contact", "name", "currency", "document", "date",
            "new", "message", "values"
        ]
    );
    let big = find(&found, "unusual-amount", "I-BIG");
    assert_eq!(big["category"], "anomaly");
    assert_eq!(big["currency"], "EUR");
    assert_eq!(big["date"], "2026-11-20");
    assert_eq!(big["values"]["amount"], "8000.00");
    let csv = folio()
        .arg("--book")
        .arg(&every)
        .args(["alerts", "--as-of", AS_OF, "--dry-run", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("severity,kind,contact,document,message,date,values")
    );
    assert!(csv.contains("amount=8000.00 median=403.50"), "{csv}");
}

// ---------------------------------------------------------------------------------------------
// --explain and [alerts].

#[test]
fn explain_prints_the_rule_and_the_thresholds_in_force() {
    let book = book().file(
        "folio.toml",
        "name = \"t\"\ncurrency = \"EUR\"\n[alerts.unusual-amount]\nthreshold = 5\n[alerts.gone-quiet]\nenabled = false\n",
    );
    let text = book.stdout(&["alerts", "--explain", "unusual-amount"]);
    assert!(text.starts_with("unusual-amount (anomaly, on)\n"), "{text}");
    assert!(text.contains("median absolute deviation"));
    assert!(
        text.contains(
            "in force: [alerts.unusual-amount] threshold = 5, ratio = 4, min_history = 4"
        )
    );
    let quiet = book.stdout(&["alerts", "--explain", "gone-quiet"]);
    assert!(quiet.starts_with("gone-quiet (behaviour, off)"));
    let anomalies = book.stdout(&["alerts", "--explain", "anomaly"]);
    for kind in [
        "unusual-amount",
        "duplicate-payment",
        "overpayment",
        "oversized-credit",
        "future-entry",
        "early-entry",
    ] {
        assert!(anomalies.contains(&format!("\n{kind} (anomaly")) || anomalies.starts_with(kind));
    }
    assert_eq!(
        book.stdout(&["alerts", "--explain", "all"])
            .matches("in force:")
            .count(),
        15
    );
    let output = book
        .folio(&["alerts", "--explain", "unusal-amount"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `unusual-amount`?"));
}

#[test]
fn alerts_settings_are_checked_with_positions() {
    let book = TestBook::with_config(
        "name = \"t\"\n\n[alerts.unusual-amount]\nthreshold = -1\n\n[alerts.unusal-amount]\nratio = 3\n\n[alerts]\nsince_days = 0\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("folio.toml:4:13: error: invalid value `-1`: expected a modified z-score above 0, e.g. 3.5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `unusual-amount`?"),
        "{stderr}"
    );
    let alerts = book.folio(&["alerts"]).output().unwrap();
    assert_eq!(alerts.status.code(), Some(65));
    let book = TestBook::with_config("name = \"t\"\n[alerts]\nsinse_days = 3\n");
    let stderr = String::from_utf8(book.folio(&["check"]).output().unwrap().stderr).unwrap();
    assert!(stderr.contains("did you mean `since_days`?"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// The look-back and alerts.state.

fn footer(book: &TestBook, args: &[&str]) -> String {
    let mut all = vec!["alerts"];
    all.extend(args);
    let out = book.stdout(&all);
    out.lines().last().unwrap().to_string()
}

fn state(book: &TestBook) -> Option<String> {
    std::fs::read_to_string(book.path().join("alerts.state")).ok()
}

#[test]
fn each_run_looks_back_to_the_last_one_recorded() {
    let book = customers(&["a"]);
    assert_eq!(
        footer(&book, &["--as-of", "2026-11-20"]),
        "0 alert(s) as of 2026-11-20, new since 2026-11-13 (7 days back)"
    );
    let text = state(&book).unwrap();
    assert!(
        text.contains("last_run = 2026-11-20\nsince = 2026-11-13\n"),
        "{text}"
    );
    assert_eq!(
        footer(&book, &["--as-of", "2026-11-25"]),
        "0 alert(s) as of 2026-11-25, new since 2026-11-20 (the last run)"
    );
    // A second run the same day looks back as far as the first.
    assert_eq!(
        footer(&book, &["--as-of", "2026-11-25"]),
        "0 alert(s) as of 2026-11-25, new since 2026-11-20 (the same look-back as today's earlier run)"
    );
    assert!(
        state(&book)
            .unwrap()
            .contains("last_run = 2026-11-25\nsince = 2026-11-20\n")
    );
    // Looking at an earlier day neither uses nor moves the record.
    assert_eq!(
        footer(&book, &["--as-of", "2026-11-22"]),
        "0 alert(s) as of 2026-11-22, new since 2026-11-15 (7 days back)"
    );
    // --since and --dry-run leave it alone.
    footer(&book, &["--as-of", "2026-11-30", "--since", "2026-11-01"]);
    footer(&book, &["--as-of", "2026-11-30", "--dry-run"]);
    assert!(state(&book).unwrap().contains("last_run = 2026-11-25\n"));
    // Without --as-of the run is today's.
    footer(&book, &[]);
    let today = chrono::Local::now().date_naive();
    if today >= chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap() {
        assert!(
            state(&book)
                .unwrap()
                .contains(&format!("last_run = {today}\n"))
        );
    }
}

#[test]
fn a_broken_state_file_is_an_error_at_its_line() {
    let book = customers(&["a"]).file(
        "alerts.state",
        "last_run = 2026-11-20\nsince = 2026-11-31\n",
    );
    let output = book.folio(&["alerts", "--as-of", AS_OF]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("alerts.state:2:9: error:"), "{stderr}");
    assert!(stderr.contains("delete the file to start over"), "{stderr}");
    // --since does not need it.
    assert_eq!(
        exit_code(
            &book,
            &["alerts", "--as-of", AS_OF, "--since", "2026-11-01"]
        ),
        0
    );
    // And --since must come before the as-of date.
    let output = book
        .folio(&["alerts", "--as-of", AS_OF, "--since", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn days_back_come_from_the_settings() {
    let book =
        TestBook::with_config("name = \"t\"\ncurrency = \"EUR\"\n[alerts]\nsince_days = 30\n");
    assert_eq!(
        footer(&book, &["--as-of", AS_OF, "--dry-run"]),
        "0 alert(s) as of 2026-11-25, new since 2026-10-26 (30 days back)"
    );
    assert!(state(&book).is_none());
}

// ---------------------------------------------------------------------------------------------
// The demo book.

/// A copy of examples/demo (its settings, contacts and every journal), so runs can record
/// alerts.state and tests can plant entries.
fn demo() -> TestBook {
    let demo = repo_root().join("examples/demo");
    let mut book =
        TestBook::with_config(&std::fs::read_to_string(demo.join("folio.toml")).unwrap());
    for folder in ["contacts", "journal"] {
        for entry in std::fs::read_dir(demo.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            book = book.file(
                &format!("{folder}/{name}"),
                &std::fs::read_to_string(&path).unwrap(),
            );
        }
    }
    book
}

/// The demo's future-entry alerts: its entries dated after 2026-11-25 (examples/demo/journal/
/// 2027.journal holds the documents example's invoices of February 2027). True alerts: the demo's
/// today is 2026-11-25.
fn demo_future_entries(found: &[Value]) -> Vec<String> {
    found
        .iter()
        .filter(|a| a["kind"] == "future-entry")
        .inspect(|a| assert!(a["date"].as_str().unwrap() > AS_OF, "{a:#?}"))
        .map(|a| a["document"].as_str().unwrap().to_string())
        .collect()
}

/// The anomaly kinds: the ones whose false alerts are counted (docs/alerts.md).
const ANOMALIES: [&str; 6] = [
    "unusual-amount",
    "duplicate-payment",
    "overpayment",
    "oversized-credit",
    "future-entry",
    "early-entry",
];

#[test]
fn the_unmodified_demo_has_no_anomaly_and_only_its_genuine_alerts() {
    let found = alerts(&demo(), &[]);
    // Entries dated after the as-of date are reported, and nothing else among the anomalies.
    let future = demo_future_entries(&found);
    let mut dated_later = 0;
    for entry in std::fs::read_dir(repo_root().join("examples/demo/journal")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        dated_later += text
            .lines()
            .filter(|l| l.len() > 10 && l.as_bytes()[0].is_ascii_digit() && &l[..10] > AS_OF)
            .count();
    }
    assert_eq!(future.len(), dated_later, "{future:?}");
    let anomalies: Vec<_> = found
        .iter()
        .filter(|a| a["category"] == "anomaly" && a["kind"] != "future-entry")
        .collect();
    assert!(anomalies.is_empty(), "{anomalies:#?}");
    let found: Vec<Value> = found
        .into_iter()
        .filter(|a| a["kind"] != "future-entry")
        .collect();
    // Every other alert is one of the demo's stories (docs/alerts.md, "The demo book").
    let expected: Vec<(String, String, String)> = [
        ("critical", "collection", "INV-2026-0101"),
        ("warn", "credit", "INV-2026-0094"),
        ("warn", "credit", "hotel-les-tilleuls"),
        ("warn", "credit", "INV-2026-0041"),
        ("warn", "collection", "INV-2026-0109"),
        ("warn", "collection", "INV-2026-0104"),
        ("warn", "collection", "INV-2026-0095"),
        ("warn", "class-drop", "creations-helene"),
        ("warn", "class-drop", "lumen-design"),
        ("info", "credit", "shanghai-jinghua"),
        ("info", "credit", "societe-nantaise-deco"),
        ("info", "credit", "studio-vandenberghe"),
        ("info", "collection", "INV-2026-0119"),
        ("info", "collection", "INV-2026-0126"),
        ("info", "collection", "INV-2026-0121"),
        ("info", "revenue-drop", "hotel-les-tilleuls"),
        ("info", "slower-payment", "hotel-les-tilleuls"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(summary(&found), expected);
}

#[test]
fn every_anomaly_planted_in_the_demo_is_reported() {
    let planted = demo().journal(
        "planted",
        "; Planted anomalies, each with the kind that must report it.\n\
         2026-11-23 invoice PLANT-20X cafe-leopold 8470.00 ; unusual-amount: 20 x its usual 423.50\n\
         2026-11-20 payment PLANT-DUP brasserie-du-sablon 1512.50 ref:INV-2026-0107 method:bank ; duplicate-payment of PAY-2026-0128\n\
         2026-12-15 invoice PLANT-FUTURE maison-verhaegen 4000.00 ; future-entry\n\
         2026-11-24 credit PLANT-CN cafe-leopold 600.00 ref:INV-2026-0131 ; oversized-credit: the invoice is 441.65\n\
         2026-11-24 payment PLANT-OVER galerie-delvaux 5000.00 method:bank ; overpayment: nothing open\n\
         2016-03-01 invoice PLANT-EARLY galeries-rivoli 1000.00 ; early-entry: since 2017-01-09\n\
         2026-06-10 invoice PLANT-OLD-20X maison-verhaegen 99000.00 ; unusual-amount, months ago\n\
         2026-01-05 payment PLANT-OLD-DUP galerie-delvaux 3025.00 ref:INV-2025-0006 method:bank ; duplicate of PAY-2026-0001\n\
         2026-11-21 payment PLANT-BANK-1 studio-vandenberghe 500.00 bank:BE-20261121-77\n\
         2026-11-22 payment PLANT-BANK-2 studio-vandenberghe 700.00 bank:BE-20261121-77 ; duplicate-payment by bank reference\n",
    );
    let found = alerts(&planted, &[]);
    let demo_future = demo_future_entries(&alerts(&demo(), &[]));
    let found: Vec<Value> = found
        .into_iter()
        .filter(|a| !demo_future.contains(&a["document"].as_str().unwrap_or("").to_string()))
        .collect();
    for (kind, document, severity) in [
        ("unusual-amount", "PLANT-20X", "warn"),
        ("duplicate-payment", "PLANT-DUP", "warn"),
        ("future-entry", "PLANT-FUTURE", "warn"),
        ("oversized-credit", "PLANT-CN", "warn"),
        ("overpayment", "PLANT-OVER", "warn"),
        ("early-entry", "PLANT-EARLY", "warn"),
        ("unusual-amount", "PLANT-OLD-20X", "info"),
        ("duplicate-payment", "PLANT-OLD-DUP", "info"),
        ("duplicate-payment", "PLANT-BANK-2", "warn"),
    ] {
        assert_eq!(
            find(&found, kind, document)["severity"],
            severity,
            "{kind} {document}"
        );
    }
    // Nothing else among the anomalies but what the planted entries cause: the old duplicate
    // leaves a later payment of galerie-delvaux unapplied.
    let mut anomalies: Vec<(String, String)> = summary(&found)
        .into_iter()
        .filter(|(_, kind, _)| ANOMALIES.contains(&kind.as_str()))
        .map(|(_, kind, subject)| (kind, subject))
        .collect();
    anomalies.sort();
    let mut expected = vec![
        ("duplicate-payment", "PLANT-BANK-2"),
        ("duplicate-payment", "PLANT-DUP"),
        ("duplicate-payment", "PLANT-OLD-DUP"),
        ("early-entry", "PLANT-EARLY"),
        ("future-entry", "PLANT-FUTURE"),
        ("overpayment", "PAY-2026-0032"),
        ("overpayment", "PLANT-OVER"),
        ("oversized-credit", "PLANT-CN"),
        ("unusual-amount", "PLANT-20X"),
        ("unusual-amount", "PLANT-OLD-20X"),
    ];
    expected.sort();
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(anomalies, expected);
}

#[test]
fn the_demo_fails_on_warn_and_passes_on_critical_before_the_final_notice() {
    let book = demo();
    let args = |fail: &'static str, as_of: &'static str| {
        vec!["alerts", "--as-of", as_of, "--dry-run", "--fail-on", fail]
    };
    assert_eq!(exit_code(&book, &args("warn", AS_OF)), 1);
    assert_eq!(exit_code(&book, &args("critical", AS_OF)), 1);
    // A week earlier nothing reached the last bucket or the final notice, and no one went over.
    assert_eq!(exit_code(&book, &args("critical", "2026-11-18")), 0);
}
