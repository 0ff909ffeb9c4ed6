//! `folio dispute` and `folio promise`: recording in collections.journal, its checks, reminders
//! held back by disputes and promises, the broken-promise alert, the JSON keys of open items,
//! and 120 simulated days of reminders and alerts.

use crate::util::TestBook;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"

[company]
email = "billing@atelier.example"

[dunning]
due_soon_days = 5

[[dunning.levels]]
after_days = 7
template = "reminder-1"

[[dunning.levels]]
after_days = 21
template = "reminder-2"

[[dunning.levels]]
after_days = 45
template = "final-notice"
"#;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Two customers with e-mail, one bill from a supplier.
fn book() -> TestBook {
    TestBook::with_config(CONFIG)
        .contact("acme", "name = \"Acme\"\nemail = \"ap@acme.example\"\n")
        .contact("bolt", "name = \"Bolt\"\nemail = \"ap@bolt.example\"\n")
        .contact("paper", "name = \"Paper\"\nroles = [\"supplier\"]\n")
        .journal(
            "2026",
            "2026-01-05 invoice INV-1 acme 1000.00 due:2026-02-04\n\
             2026-01-05 invoice INV-2 acme 500.00 due:2026-02-04\n\
             2026-01-05 invoice INV-3 bolt 300.00 due:2026-02-04\n\
             2026-01-05 bill B-1 paper 80.00 due:2026-02-04\n\
             2026-01-06 payment P-1 bolt 300.00 ref:INV-3\n",
        )
}

fn collections_lines(book: &TestBook) -> Vec<String> {
    std::fs::read_to_string(book.path().join("collections.journal"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn disputes_and_promises_are_recorded_as_dated_lines() {
    let book = book();
    let printed = book.stdout(&[
        "dispute",
        "INV-1",
        "--reason",
        "the lamps arrived scratched",
        "--date",
        "2026-02-10",
    ]);
    assert_eq!(
        printed,
        "2026-02-10 dispute INV-1 ; the lamps arrived scratched\n"
    );
    book.stdout(&["dispute", "INV-1", "--resolved", "--as-of", "2026-02-20"]);
    book.stdout(&[
        "promise",
        "acme",
        "--until",
        "2026-03-31",
        "--amount",
        "500.00",
        "--note",
        "phone call with Marc",
        "--date",
        "2026-03-05",
    ]);
    book.stdout(&[
        "promise",
        "INV-2",
        "--until",
        "2026-03-31",
        "--date",
        "2026-03-05",
    ]);
    assert_eq!(
        collections_lines(&book),
        [
            "2026-02-10 dispute INV-1 ; the lamps arrived scratched",
            "2026-02-20 resolve INV-1",
            "2026-03-05 promise acme until:2026-03-31 amount:500.00 ; phone call with Marc",
            "2026-03-05 promise INV-2 until:2026-03-31",
        ]
    );
    let check = book.stdout(&["check"]);
    assert!(check.contains("0 warning(s)"), "{check}");
}

#[test]
fn what_cannot_be_disputed_or_promised_is_refused_with_its_exit_code() {
    let book = book();
    let run = |args: &[&str]| book.folio(args).output().unwrap();
    let unknown = run(&["dispute", "INV-9", "--reason", "x", "--date", "2026-02-10"]);
    assert_eq!(unknown.status.code(), Some(66));
    assert!(
        stderr(&unknown).contains("did you mean `INV-1`"),
        "{}",
        stderr(&unknown)
    );
    let bill = run(&["dispute", "B-1", "--reason", "x", "--date", "2026-02-10"]);
    assert_eq!(bill.status.code(), Some(2), "{}", stderr(&bill));
    let paid = run(&["dispute", "INV-3", "--reason", "x", "--date", "2026-02-10"]);
    assert_eq!(paid.status.code(), Some(1), "{}", stderr(&paid));
    let not_disputed = run(&["dispute", "INV-1", "--resolved", "--date", "2026-02-10"]);
    assert_eq!(not_disputed.status.code(), Some(1));
    assert!(stderr(&not_disputed).contains("not disputed"));
    let no_reason = run(&["dispute", "INV-1", "--date", "2026-02-10"]);
    assert_eq!(no_reason.status.code(), Some(2));
    book.stdout(&["dispute", "INV-1", "--reason", "x", "--date", "2026-02-10"]);
    let twice = run(&["dispute", "INV-1", "--reason", "y", "--date", "2026-02-11"]);
    assert_eq!(twice.status.code(), Some(1));
    let backwards = run(&[
        "promise",
        "acme",
        "--until",
        "2026-02-01",
        "--date",
        "2026-02-10",
    ]);
    assert_eq!(backwards.status.code(), Some(2));
    let nobody = run(&[
        "promise",
        "acme-x",
        "--until",
        "2026-03-01",
        "--date",
        "2026-02-10",
    ]);
    assert_eq!(nobody.status.code(), Some(66));
    assert!(
        stderr(&nobody).contains("did you mean `acme`"),
        "{}",
        stderr(&nobody)
    );
    let nothing_open = run(&[
        "promise",
        "bolt",
        "--until",
        "2026-03-01",
        "--date",
        "2026-02-10",
    ]);
    assert_eq!(nothing_open.status.code(), Some(1));
    assert_eq!(collections_lines(&book).len(), 1, "only the one dispute");
}

#[test]
fn a_bad_collections_line_is_an_error_at_its_line_and_column() {
    let book = book().file(
        "collections.journal",
        "# comment\n\
         2026-02-10 dispute INV-7 ; typo\n\
         2026-02-10 promise acme until:2026-01-31\n\
         2026-02-10 promise acme until:2026-03-31 amount:1,5\n\
         2026-02-10 promise acmee until:2026-03-31\n\
         2026-02-30 dispute INV-1\n\
         2026-02-10 dispuet INV-1\n\
         2026-02-10 resolve INV-2\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let text = stderr(&output);
    for expected in [
        "collections.journal:2:20: error: no document `INV-7` in this book; did you mean `INV-1`?",
        "collections.journal:3:25: error: the promise ends on 2026-01-31, before the day it was made",
        "collections.journal:4:49: error: invalid amount `1,5`",
        "collections.journal:5:20: error: no document or contact `acmee` in this book; did you mean `acme`?",
        "collections.journal:6:1: error:",
        "collections.journal:7:12: error: unknown event `dispuet`; did you mean `dispute`?",
        "collections.journal:8:20: warning: `INV-2` is not disputed on 2026-02-10",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    // A book whose collections journal has an error does not remind.
    let remind = book
        .folio(&["remind", "--as-of", "2026-02-20"])
        .output()
        .unwrap();
    assert_eq!(remind.status.code(), Some(65));
}

#[test]
fn open_items_say_disputed_and_promised_until_in_json() {
    let book = book();
    book.stdout(&[
        "dispute",
        "INV-1",
        "--reason",
        "scratched",
        "--date",
        "2026-02-10",
    ]);
    book.stdout(&[
        "promise",
        "INV-2",
        "--until",
        "2026-03-15",
        "--date",
        "2026-02-12",
    ]);
    let items = book.json(&[
        "aging",
        "--detail",
        "--as-of",
        "2026-02-20",
        "--contact",
        "acme",
    ]);
    let by_document: BTreeMap<String, &serde_json::Value> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["document"].as_str().unwrap().to_string(), i))
        .collect();
    assert_eq!(by_document["INV-1"]["disputed"], true);
    assert_eq!(
        by_document["INV-1"]["promised_until"],
        serde_json::Value::Null
    );
    assert_eq!(by_document["INV-2"]["disputed"], false);
    assert_eq!(by_document["INV-2"]["promised_until"], "2026-03-15");
    let overdue = book.json(&["overdue", "--as-of", "2026-02-20"]);
    assert!(
        overdue
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i.get("disputed").is_some() && i.get("promised_until").is_some())
    );
    let statement = book.json(&["statement", "acme", "--to", "2026-02-20"]);
    let open = &statement["currencies"][0]["open_items"];
    assert_eq!(open[0]["disputed"], true, "{statement}");
    // Before the dispute's day and after the promise's last day, neither holds.
    let before = book.json(&[
        "aging",
        "--detail",
        "--as-of",
        "2026-02-09",
        "--contact",
        "acme",
    ]);
    assert!(
        before
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["disputed"] == false)
    );
    let after = book.json(&[
        "aging",
        "--detail",
        "--as-of",
        "2026-03-16",
        "--contact",
        "acme",
    ]);
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["promised_until"].is_null())
    );
}

/// The dunning journal's lines as (document, level, date).
fn sent(book: &TestBook) -> Vec<(String, String, NaiveDate)> {
    std::fs::read_to_string(book.path().join("dunning.journal"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split(' ').collect();
            (
                fields[2].to_string(),
                fields[3].to_string(),
                date(fields[0]),
            )
        })
        .collect()
}

#[test]
fn remind_skips_disputed_items_and_pauses_promised_ones() {
    let book = book();
    let out = book.path().join("out").to_string_lossy().into_owned();
    book.stdout(&[
        "dispute",
        "INV-1",
        "--reason",
        "scratched",
        "--date",
        "2026-02-01",
    ]);
    book.stdout(&[
        "promise",
        "acme",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-10",
    ]);
    for day in ["2026-02-11", "2026-02-20"] {
        book.stdout(&["remind", "--as-of", day, "--write", &out]);
    }
    assert!(sent(&book).is_empty(), "{:?}", sent(&book));
    // The day after the promise: INV-2 resumes, INV-1 is still disputed.
    book.stdout(&["remind", "--as-of", "2026-02-21", "--write", &out]);
    assert_eq!(
        sent(&book),
        [("INV-2".into(), "1".into(), date("2026-02-21"))]
    );
    book.stdout(&["dispute", "INV-1", "--resolved", "--date", "2026-02-22"]);
    book.stdout(&["remind", "--as-of", "2026-02-22", "--write", &out]);
    assert_eq!(
        sent(&book)[1],
        ("INV-1".into(), "1".into(), date("2026-02-22"))
    );
}

/// The broken-promise alerts of `folio alerts --as-of DAY` (which records the run).
fn broken_promise_alerts(book: &TestBook, day: NaiveDate) -> Vec<serde_json::Value> {
    let alerts = book.json(&["alerts", "--as-of", &day.to_string()]);
    alerts["alerts"]
        .as_array()
        .or(alerts.as_array())
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a["kind"] == "broken-promise")
        .collect()
}

#[test]
fn a_broken_promise_is_alerted_once_and_a_kept_one_never() {
    let book = book().journal(
        "2026-payments",
        "2026-02-25 payment P-2 acme 500.00 ref:INV-2\n",
    );
    book.stdout(&[
        "promise",
        "INV-1",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-10",
    ]);
    book.stdout(&[
        "promise",
        "INV-2",
        "--until",
        "2026-02-28",
        "--date",
        "2026-02-10",
    ]);
    let mut raised = Vec::new();
    for day in 0..30 {
        let day = date("2026-02-10") + Days::new(day);
        for alert in broken_promise_alerts(&book, day) {
            raised.push((day, alert));
        }
    }
    assert_eq!(raised.len(), 1, "{raised:#?}");
    let (day, alert) = &raised[0];
    assert_eq!(*day, date("2026-02-21"));
    assert_eq!(alert["document"], "INV-1");
    assert_eq!(alert["contact"], "acme");
}

#[test]
fn broken_promises_lower_the_credit_score_and_kept_ones_give_it_back() {
    let plain = book();
    let base = plain.json(&["credit", "score", "--as-of", "2026-03-31"]);
    let score_of = |report: &serde_json::Value| {
        report
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["contact"] == "acme")
            .map(|r| r["score"].as_i64().unwrap())
            .unwrap()
    };
    let broken = book();
    broken.stdout(&[
        "promise",
        "INV-1",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-10",
    ]);
    let report = broken.json(&["credit", "score", "--as-of", "2026-03-31"]);
    assert_eq!(score_of(&report), score_of(&base) - 10);
    let acme = report
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["contact"] == "acme")
        .unwrap();
    assert!(
        acme["note"]
            .as_str()
            .unwrap()
            .contains("promises: 0 kept, 1 broken"),
        "{acme}"
    );
    let kept = book().journal("p", "2026-02-15 payment P-2 acme 500.00 ref:INV-2\n");
    let kept_base = score_of(&kept.json(&["credit", "score", "--as-of", "2026-03-31"]));
    kept.stdout(&[
        "promise",
        "INV-2",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-10",
    ]);
    kept.stdout(&[
        "promise",
        "INV-1",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-10",
    ]);
    let both = score_of(&kept.json(&["credit", "score", "--as-of", "2026-03-31"]));
    assert_eq!(both, kept_base - 5, "one broken (-10), one kept (+5)");
}

/// 120 days of `remind --write` and `alerts` every day, with a dispute, promises kept and
/// broken, and partial payments: each level is sent once, a disputed item never while disputed,
/// a promised one not until the day after the promise, and a broken promise alerted once.
#[test]
fn simulated_days_with_disputes_and_promises() {
    let book = TestBook::with_config(CONFIG)
        .contact("a", "name = \"A\"\nemail = \"a@a.example\"\n")
        .contact("b", "name = \"B\"\nemail = \"b@b.example\"\n")
        .contact("c", "name = \"C\"\nemail = \"c@c.example\"\n")
        .contact("d", "name = \"D\"\n")
        .journal(
            "2026",
            "2026-01-02 invoice I1 a 100.00 due:2026-01-20\n\
             2026-01-05 invoice I2 b 200.00 due:2026-02-04\n\
             2026-01-05 invoice I3 c 1000.00 due:2026-02-04\n\
             2026-01-20 invoice I4 c 500.00 due:2026-02-19\n\
             2026-02-01 invoice I5 d 300.00 due:2026-03-03\n\
             2026-02-25 payment P1 b 200.00 ref:I2\n\
             2026-03-05 payment P2 c 400.00 ref:I3\n\
             2026-03-15 payment P3 d 100.00 ref:I5\n",
        );
    let record = |args: &[&str]| {
        book.stdout(args);
    };
    // I1 disputed before it fell due, resolved 40 days past due.
    record(&[
        "dispute",
        "I1",
        "--reason",
        "wrong lamps",
        "--date",
        "2026-01-10",
    ]);
    record(&["dispute", "I1", "--resolved", "--date", "2026-03-01"]);
    // b promises I2 in full and pays it: kept.
    record(&[
        "promise",
        "I2",
        "--until",
        "2026-02-28",
        "--date",
        "2026-02-10",
    ]);
    // c promises 600.00 on all its items and pays 400.00: broken on 2026-03-11.
    record(&[
        "promise",
        "c",
        "--until",
        "2026-03-10",
        "--amount",
        "600.00",
        "--date",
        "2026-02-08",
    ]);
    // d promises 100.00 of I5 and pays it: kept, but I5 stays partly open.
    record(&[
        "promise",
        "I5",
        "--until",
        "2026-03-20",
        "--amount",
        "100.00",
        "--date",
        "2026-03-05",
    ]);
    let out = book.path().join("out").to_string_lossy().into_owned();
    let start = date("2026-01-01");
    let mut alerts = Vec::new();
    for day in 0..120 {
        let as_of = start + Days::new(day);
        book.stdout(&["remind", "--as-of", &as_of.to_string(), "--write", &out]);
        alerts.extend(
            broken_promise_alerts(&book, as_of)
                .into_iter()
                .map(|a| (as_of, a)),
        );
    }
    let lines = sent(&book);
    let mut levels: BTreeMap<(String, String), u32> = BTreeMap::new();
    for (document, level, _) in &lines {
        *levels.entry((document.clone(), level.clone())).or_default() += 1;
    }
    assert!(
        levels.values().all(|&n| n == 1),
        "a level sent twice: {levels:?}"
    );
    let of = |document: &str| -> Vec<(String, NaiveDate)> {
        lines
            .iter()
            .filter(|(d, _, _)| d == document)
            .map(|(_, l, day)| (l.clone(), *day))
            .collect()
    };
    let at = |level: &str, day: &str| (level.to_string(), date(day));
    // Disputed from before its courtesy notice to 40 days past due: level 1 the day it is
    // resolved, then the levels' spacing (14, then 24 days).
    assert_eq!(
        of("I1"),
        [
            at("1", "2026-03-01"),
            at("2", "2026-03-15"),
            at("3", "2026-04-08")
        ]
    );
    // Paused from the promise's day; paid within it: only the courtesy notice.
    assert_eq!(of("I2"), [at("due-soon", "2026-01-30")]);
    // c: paused from 2026-02-08 to 2026-03-10, the promise broken, reminders resume on 03-11.
    assert_eq!(
        of("I3"),
        [
            at("due-soon", "2026-01-30"),
            at("1", "2026-03-11"),
            at("2", "2026-03-25"),
            at("3", "2026-04-18"),
        ]
    );
    assert_eq!(
        of("I4"),
        [
            at("1", "2026-03-11"),
            at("2", "2026-03-25"),
            at("3", "2026-04-18")
        ]
    );
    // d: a letter; paused 2026-03-05 to 2026-03-20 although kept, then the rest is reminded.
    assert_eq!(
        of("I5"),
        [
            at("due-soon", "2026-02-26"),
            at("1", "2026-03-21"),
            at("2", "2026-04-04"),
            at("3", "2026-04-28"),
        ]
    );
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    assert_eq!(alerts[0].0, date("2026-03-11"));
    assert_eq!(alerts[0].1["contact"], "c");
    let check = book.stdout(&["check"]);
    assert!(check.contains("0 warning(s)"), "{check}");
}

#[test]
fn contact_show_and_the_html_report_show_disputes_and_promises() {
    let book = book();
    book.stdout(&[
        "dispute",
        "INV-1",
        "--reason",
        "scratched",
        "--date",
        "2026-02-10",
    ]);
    book.stdout(&[
        "promise",
        "acme",
        "--until",
        "2026-02-20",
        "--date",
        "2026-02-12",
    ]);
    let card = book.stdout(&["contact", "show", "acme", "--as-of", "2026-02-25"]);
    assert!(card.contains("INV-1 since 2026-02-10: scratched"), "{card}");
    assert!(
        card.contains("all open items on 2026-02-12: 1500.00 by 2026-02-20, broken"),
        "{card}"
    );
    let json = book.json(&["contact", "show", "acme", "--as-of", "2026-02-25"]);
    assert_eq!(json["disputes"][0]["document"], "INV-1");
    assert_eq!(json["promises"][0]["status"], "broken");
    let out = book.path().join("html");
    let out = out.to_string_lossy();
    book.stdout(&["report", "html", "--as-of", "2026-02-15", "--out", &out]);
    let page = std::fs::read_to_string(book.path().join("html/index.html")).unwrap();
    assert!(
        page.contains(
            "INV-1 <span class=\"flag\">disputed</span> <span class=\"flag\">promised until 2026-02-20</span>"
        ),
        "{page}"
    );
}
