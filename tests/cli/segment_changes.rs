//! `folio segments --changes` (who entered or left each segment and class between two dates)
//! and the class-drop alert.

use crate::util::TestBook;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Six customers whose classes move between the first quarter and the second (a 90-day window):
/// `big` buys much, then little; `mid` the other way round; `fading` stops; `newcomer` starts;
/// `late` leaves invoices unpaid; `small` buys a little in both.
fn moving_book() -> TestBook {
    TestBook::with_config(
        "name = \"Moves\"\ncurrency = \"EUR\"\n[analytics]\nwindow = \"90d\"\n\
         [segments.big-spenders]\nwhere = 'revenue >= 5000'\n\
         [segments.owing]\nwhere = 'overdue > 0 && \"customer\" in roles'\n",
    )
    .customer("big")
    .customer("mid")
    .customer("small")
    .customer("fading")
    .customer("newcomer")
    .customer("late")
    .journal(
        "j",
        "2026-01-10 invoice B1 big 4000.00 due:2026-02-09\n\
         2026-01-12 invoice M1 mid 1500.00 due:2026-02-11\n\
         2026-01-15 invoice L1 late 1000.00 due:2026-02-14\n\
         2026-01-20 invoice S1 small 200.00 due:2026-02-19\n\
         2026-02-05 payment PB1 big 4000.00 ref:B1\n\
         2026-02-08 payment PM1 mid 1500.00 ref:M1\n\
         2026-02-10 invoice B2 big 4000.00 due:2026-03-12\n\
         2026-02-12 invoice F1 fading 1000.00 due:2026-03-14\n\
         2026-02-15 invoice F2 fading 1000.00 due:2026-03-17\n\
         2026-02-18 payment PS1 small 200.00 ref:S1\n\
         2026-03-01 payment PB2 big 4000.00 ref:B2\n\
         2026-03-05 payment PF1 fading 2000.00\n\
         2026-03-10 invoice B3 big 4000.00 due:2026-04-09\n\
         2026-03-12 invoice M2 mid 1500.00 due:2026-04-11\n\
         2026-04-05 invoice B4 big 500.00 due:2026-05-05\n\
         2026-04-06 payment PB3 big 4500.00\n\
         2026-04-08 payment PM2 mid 1500.00 ref:M2\n\
         2026-04-15 invoice N1 newcomer 2000.00 due:2026-05-15\n\
         2026-04-20 invoice M3 mid 3000.00 due:2026-05-20\n\
         2026-05-02 invoice L2 late 1500.00 due:2026-06-01\n\
         2026-05-10 invoice S2 small 400.00 due:2026-06-09\n\
         2026-05-12 payment PM3 mid 3000.00 ref:M3\n\
         2026-05-15 invoice N2 newcomer 2000.00 due:2026-06-14\n\
         2026-05-20 invoice M4 mid 3000.00 due:2026-06-19\n\
         2026-06-01 invoice M5 mid 3000.00 due:2026-07-01\n\
         2026-06-05 payment PN1 newcomer 4000.00\n\
         2026-06-10 invoice N3 newcomer 2000.00 due:2026-07-10\n\
         2026-06-15 invoice S3 small 400.00 due:2026-07-15\n\
         2026-06-18 invoice M6 mid 3000.00 due:2026-07-18\n",
    )
}

/// The contact ids `folio segment NAME --as-of D` lists.
fn members(book: &TestBook, name: &str, as_of: &str, window: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["segment", name, "--as-of", as_of];
    args.extend(window);
    book.json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["contact"].as_str().unwrap().to_string())
        .collect()
}

/// Every segment `folio segments --as-of D` lists, in its order, with its kind.
fn segment_names(book: &TestBook, as_of: &str) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = Vec::new();
    for row in book
        .json(&["segments", "--as-of", as_of])
        .as_array()
        .unwrap()
    {
        let name = row["segment"].as_str().unwrap().to_string();
        if names.last().is_none_or(|(last, _)| *last != name) {
            names.push((name, row["kind"].as_str().unwrap().to_string()));
        }
    }
    names
}

/// `segments --changes --from D1 --to D2` is, member by member, the difference of the members
/// `folio segment NAME --as-of` lists at the two dates, for every segment and class; a class
/// row names the customer's class of that kind at both dates.
fn assert_changes_are_the_difference_of_memberships(book: &TestBook, window: &[&str]) {
    let (from, to) = ("2026-03-31", "2026-06-30");
    let mut args = vec!["segments", "--changes", "--from", from, "--to", to];
    args.extend(window);
    let rows = book.json(&args);
    let actual: BTreeSet<(String, String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = |key: &str| r[key].as_str().unwrap().to_string();
            (text("segment"), text("contact"), text("change"))
        })
        .collect();
    assert_eq!(actual.len(), rows.as_array().unwrap().len(), "no row twice");

    let names = segment_names(book, to);
    let mut expected = BTreeSet::new();
    // The class of each kind a contact is in, at each date, from the listings.
    let mut classes: BTreeMap<(String, String, &str), String> = BTreeMap::new();
    for (name, kind) in &names {
        let before = members(book, name, from, window);
        let after = members(book, name, to, window);
        for id in after.difference(&before) {
            expected.insert((name.clone(), id.clone(), "entered".to_string()));
        }
        for id in before.difference(&after) {
            expected.insert((name.clone(), id.clone(), "left".to_string()));
        }
        if kind != "rule" && kind != "all" {
            for (date, set) in [(from, &before), (to, &after)] {
                for id in set {
                    classes.insert((kind.clone(), id.clone(), date), name.clone());
                }
            }
        }
    }
    assert_eq!(actual, expected);

    for row in rows.as_array().unwrap() {
        let kind = row["kind"].as_str().unwrap().to_string();
        let id = row["contact"].as_str().unwrap().to_string();
        if kind == "rule" || kind == "all" {
            assert!(row["from_class"].is_null() && row["to_class"].is_null());
            continue;
        }
        for (key, date) in [("from_class", from), ("to_class", to)] {
            let listed = classes.get(&(kind.clone(), id.clone(), date));
            assert_eq!(row[key].as_str(), listed.map(String::as_str), "{row}");
        }
    }
}

#[test]
fn changes_equal_the_difference_of_the_members_at_both_dates() {
    let book = moving_book();
    assert_changes_are_the_difference_of_memberships(&book, &[]);
    assert_changes_are_the_difference_of_memberships(&book, &["--window", "180d"]);

    // The book does move customers in rules and in every kind of class.
    let rows = book.json(&[
        "segments",
        "--changes",
        "--from",
        "2026-03-31",
        "--to",
        "2026-06-30",
    ]);
    let kinds: BTreeSet<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for kind in ["rule", "rfm", "abc", "frequency", "amount", "grade"] {
        assert!(kinds.contains(kind), "no {kind} change in {kinds:?}");
    }
}

#[test]
fn a_change_shows_the_figures_that_moved_it() {
    let book = moving_book();
    let rows = book.json(&[
        "segments",
        "--changes",
        "--from",
        "2026-03-31",
        "--to",
        "2026-06-30",
    ]);
    let row = |segment: &str, contact: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["segment"] == segment && r["contact"] == contact)
            .unwrap_or_else(|| panic!("no change of {contact} in {segment}: {rows}"))
            .clone()
    };
    // big: 3 x 4000 in the first quarter's window, 500 in the second's.
    let big = row("big-spenders", "big");
    assert_eq!(big["change"], "left");
    assert_eq!(big["kind"], "rule");
    assert_eq!(big["currency"], "EUR");
    assert_eq!(big["from"]["revenue"], "12000.00");
    assert_eq!(big["to"]["revenue"], "500.00");
    // mid: 1500 x 2, then 3000 x 4 (the April 8 payment settles M2 from before the window).
    let mid = row("big-spenders", "mid");
    assert_eq!(mid["change"], "entered");
    assert_eq!(mid["from"]["revenue"], "3000.00");
    assert_eq!(mid["to"]["revenue"], "12000.00");
    // A rule's figures are the names it uses, `overdue` and `roles`: M4 is unpaid past its due
    // date, June 19.
    let owing = row("owing", "mid");
    assert_eq!(owing["change"], "entered");
    assert_eq!(owing["from"]["overdue"], "0.00");
    assert_eq!(owing["to"]["overdue"], "3000.00");
    assert_eq!(owing["to"]["roles"], "customer");
    // fading stops buying: out of the ABC classes, with no invoice in the second window.
    let fading = row("abc:b", "fading");
    assert_eq!(fading["change"], "left");
    assert!(fading["to_class"].is_null());
    assert_eq!(fading["to"]["invoices"], 0);
    // A class move shows the rank the class comes from: big is the first of five customers
    // invoiced in the first window ((2 x 4 + 1) / 10) and the last of five in the second (1 / 10).
    let abc = row("abc:a", "big");
    assert_eq!(abc["from"]["revenue_percentile"], "0.9000");
    assert_eq!(abc["to"]["revenue_percentile"], "0.1000");
    assert!(row("abc:b", "fading")["to"]["revenue_percentile"].is_null());
    // An RFM move shows the scores at both dates.
    let rfm = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "rfm" && r["contact"] == "big")
        .unwrap();
    assert!(rfm["from"]["recency_score"].is_i64() && rfm["to"]["monetary_score"].is_i64());

    let table = book.stdout(&[
        "segments",
        "--changes",
        "--from",
        "2026-03-31",
        "--to",
        "2026-06-30",
    ]);
    assert!(table.contains("revenue 12000.00 -> 500.00"), "{table}");
}

#[test]
fn changes_need_a_first_date_before_the_second() {
    let book = moving_book();
    let run = |args: &[&str]| book.folio(args).output().unwrap();
    let backwards = run(&[
        "segments",
        "--changes",
        "--from",
        "2026-06-30",
        "--to",
        "2026-03-31",
    ]);
    assert_eq!(backwards.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&backwards.stderr)
            .contains("--from 2026-06-30 must be before --to 2026-03-31")
    );
    assert_eq!(
        run(&["segments", "--changes"]).status.code(),
        Some(2),
        "--changes needs --from"
    );
    assert_eq!(
        run(&["segments", "--from", "2026-03-31"]).status.code(),
        Some(2),
        "--from needs --changes"
    );
    let both = run(&[
        "segments",
        "--changes",
        "--from",
        "2026-03-31",
        "--as-of",
        "2026-06-30",
    ]);
    assert_eq!(both.status.code(), Some(2), "--as-of is --to's job");
}

/// The class-drop alerts about `contact` in a run of `folio alerts ARGS` (which records it).
fn class_drops(book: &TestBook, contact: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["alerts"];
    all.extend(args);
    book.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "class-drop" && a["contact"] == contact)
        .cloned()
        .collect()
}

/// A book where `top` is in ABC class A until a bigger customer arrives on 2026-06-10.
fn overtaken_book(extra: &str) -> TestBook {
    TestBook::with_config(&format!(
        "name = \"Drops\"\ncurrency = \"EUR\"\n[analytics]\nwindow = \"all\"\n{extra}"
    ))
    .customer("top")
    .customer("second")
    .customer("third")
    .customer("giant")
    .journal(
        "j",
        "2026-01-10 invoice T1 top 5000.00 due:2026-02-09\n\
         2026-01-12 invoice S1 second 1000.00 due:2026-02-11\n\
         2026-01-14 invoice H1 third 500.00 due:2026-02-13\n\
         2026-02-01 payment PT1 top 5000.00 ref:T1\n\
         2026-02-02 payment PS1 second 1000.00 ref:S1\n\
         2026-02-03 payment PH1 third 500.00 ref:H1\n\
         2026-06-10 invoice G1 giant 50000.00 due:2026-07-10\n",
    )
}

#[test]
fn a_valuable_customer_dropping_a_class_is_alerted_once() {
    let book = overtaken_book("");
    let abc = |as_of: &str| {
        book.json(&["segment", "abc:a", "--as-of", as_of])
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["contact"] == "top")
    };
    assert!(
        abc("2026-06-05") && !abc("2026-06-15"),
        "the book's premise"
    );

    // Before the fall: nothing. The run is recorded in alerts.state.
    assert!(class_drops(&book, "top", &["--as-of", "2026-06-05"]).is_empty());
    // The next run's period holds the fall.
    let raised = class_drops(&book, "top", &["--as-of", "2026-06-15"]);
    let abc_drop: Vec<&Value> = raised
        .iter()
        .filter(|a| a["values"]["from_class"] == "abc:a")
        .collect();
    assert_eq!(abc_drop.len(), 1, "{raised:?}");
    let alert = abc_drop[0];
    assert_eq!(alert["severity"], "warn");
    assert_eq!(alert["category"], "behaviour");
    assert_eq!(alert["name"], "top name");
    assert_eq!(alert["new"], true);
    assert_ne!(alert["values"]["to_class"], "abc:a");
    assert_eq!(alert["values"]["compared_with"], "2026-05-16");
    assert_eq!(alert["values"]["revenue_from"], "5000.00");
    assert_eq!(alert["values"]["revenue_to"], "5000.00");
    let message = alert["message"].as_str().unwrap();
    assert!(message.starts_with("fell from abc:a to abc:"), "{message}");
    // Still lower than 30 days before, but reported already: not again.
    assert!(class_drops(&book, "top", &["--as-of", "2026-06-20"]).is_empty());
    // A look-back over the fall (--since) shows it again, as every kind does.
    let again = class_drops(
        &book,
        "top",
        &["--as-of", "2026-06-20", "--since", "2026-06-01"],
    );
    assert!(again.iter().any(|a| a["values"]["from_class"] == "abc:a"));
}

#[test]
fn class_drop_follows_its_settings() {
    let off = overtaken_book("[alerts.class-drop]\nenabled = false\n");
    let args = ["--as-of", "2026-06-15", "--since", "2026-06-05"];
    assert!(class_drops(&off, "top", &args).is_empty());
    // Compared with 3 days before, the fall of June 10 is not seen from June 15.
    let short = overtaken_book("[alerts.class-drop]\ndays = 3\n");
    assert!(class_drops(&short, "top", &args).is_empty());
    let long = overtaken_book("[alerts.class-drop]\ndays = 10\n");
    assert!(!class_drops(&long, "top", &args).is_empty());
    let explain = long.stdout(&["alerts", "--explain", "class-drop"]);
    assert!(
        explain.contains("in force: [alerts.class-drop] days = 10"),
        "{explain}"
    );

    let zero = overtaken_book("[alerts.class-drop]\ndays = 0\n");
    let output = zero
        .folio(&["alerts", "--as-of", "2026-06-15"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid number of days `0`: expected a whole number, at least 1, e.g. 30"),
        "{stderr}"
    );
}
