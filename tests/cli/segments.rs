//! `folio segments`, `folio segment NAME`, `--segment` on other reports, and the checking of
//! segment rules and `[analytics]` in folio.toml.

use crate::analytics::analytics_book;
use crate::util::{TestBook, repo_root};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// `segments --format json` rows by segment name (one currency in these books).
fn summary(book: &TestBook, as_of: &str) -> BTreeMap<String, Value> {
    let output = book
        .folio(&["segments", "--as-of", as_of, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    // Every rule evaluated for every contact: no note about failures. (These books have no VAT
    // information, so a note says their revenue is counted gross; that one is not a failure.)
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failures: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.contains("without VAT information"))
        .collect();
    assert!(failures.is_empty(), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["segment"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

fn ids(json: &Value) -> Vec<String> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = if r["contact"].is_null() {
                &r["id"]
            } else {
                &r["contact"]
            };
            id.as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn every_segment_of_the_test_book_evaluates() {
    let book = analytics_book();
    let rows = summary(&book, "2026-06-30");
    let members = |name: &str| {
        (
            rows[name]["members"].as_i64().unwrap(),
            rows[name]["kind"].clone(),
        )
    };
    // vip: revenue >= 5000 (a) or tagged vip (c). be: a and c. dormant: recency > 180 (d 350,
    // old 536; e has no recency and is not a member). slow: a (35.00). gold: b.
    assert_eq!(members("vip"), (2, json!("rule")));
    assert_eq!(members("be"), (2, json!("rule")));
    assert_eq!(members("dormant"), (2, json!("rule")));
    assert_eq!(members("slow"), (1, json!("rule")));
    assert_eq!(members("gold"), (1, json!("rule")));
    // e has no recency (never invoiced), but `||` is decided by its name, as CEL says.
    assert_eq!(members("absorbs"), (1, json!("rule")));
    // Revenue of listed customers: 5500 + 2000 + 2000 + 100 = 9600; vip 7500 / 9600 = 0.78125.
    assert_eq!(rows["vip"]["revenue"], "7500.00");
    assert_eq!(rows["vip"]["share"], "0.7813");
    assert_eq!(rows["vip"]["balance"], "5500.00"); // a 3500 + c 2000
    assert_eq!(rows["vip"]["overdue"], "1500.00");
    assert_eq!(rows["vip"]["currency"], "EUR");
    // Built-in classes, as computed in analytics.rs.
    assert_eq!(members("rfm:champions"), (1, json!("rfm")));
    assert_eq!(members("rfm:lost"), (2, json!("rfm"))); // d, and old (before the window)
    assert_eq!(members("rfm:new"), (0, json!("rfm")));
    assert_eq!(members("abc:b"), (2, json!("abc")));
    assert_eq!(members("frequency:low"), (2, json!("frequency")));
    assert_eq!(members("amount:mid"), (2, json!("amount")));
    assert_eq!(members("all"), (6, json!("all")));
    assert_eq!(rows["all"]["share"], "1.0000");
    assert_eq!(rows["rfm:new"]["revenue"], "0.00");

    let vip = book.json(&["segment", "vip", "--as-of", "2026-06-30"]);
    assert_eq!(ids(&vip), ["a", "c"]);
    assert_eq!(vip[0]["revenue"], "5500.00");
    let absorbs = book.json(&["segment", "absorbs", "--as-of", "2026-06-30"]);
    assert_eq!(ids(&absorbs), ["e"]);
    let lost = book.json(&["segment", "RFM:Lost", "--as-of", "2026-06-30"]);
    assert_eq!(ids(&lost), ["d", "old"]);
}

#[test]
fn segment_filters_balance_aging_overdue_and_contacts() {
    let book = analytics_book();
    let balance = book.json(&["balance", "--as-of", "2026-06-30", "--segment", "vip"]);
    assert_eq!(ids(&balance), ["a", "c"]);
    let aging = book.json(&["aging", "--as-of", "2026-06-30", "--segment", "gold"]);
    assert_eq!(ids(&aging), ["b"]);
    let overdue = book.json(&["overdue", "--as-of", "2026-06-30", "--segment", "slow"]);
    assert_eq!(ids(&overdue), ["a"]);
    // Membership as of today: `be` does not depend on the date.
    let contacts = book.json(&["contacts", "--segment", "be"]);
    assert_eq!(ids(&contacts), ["a", "c"]);
    let output = book
        .folio(&["balance", "--segment", "vipp"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no segment `vipp`; did you mean `vip`?"),
        "{stderr}"
    );
}

#[test]
fn segment_filters_credit_on_the_demo_book() {
    let demo = repo_root().join("examples/demo");
    let run = |args: &[&str]| -> Value {
        let mut all = vec!["--book", demo.to_str().unwrap()];
        all.extend(args);
        all.extend(["--as-of", "2026-11-30", "--format", "json"]);
        let output = crate::util::folio().args(&all).output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let vip = ids(&run(&["segment", "vip"]));
    let all = ids(&run(&["credit", "--all"]));
    let filtered = ids(&run(&["credit", "--all", "--segment", "vip"]));
    assert!(!filtered.is_empty() && filtered.len() < all.len());
    assert!(filtered.iter().all(|id| vip.contains(id)));
    // Every segment of the demo book evaluates too.
    let segments = run(&["segments"]);
    assert!(segments.as_array().unwrap().len() > 20);
}

/// `check` on a book whose folio.toml is `config`: exit 65 and stderr.
fn check_fails(config: &str) -> String {
    let book = TestBook::with_config(config);
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65), "{config}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Every command that loads the book refuses it the same way.
    let balance = book.folio(&["balance"]).output().unwrap();
    assert_eq!(balance.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&balance.stderr).contains("folio.toml:"));
    stderr
}

#[test]
fn invalid_rules_are_positioned_errors() {
    let head = "name = \"T\"\ncurrency = \"EUR\"\n[segments.bad]\n";
    // The rule starts at column 10 of line 4; `||` is its 12th character (offset 11).
    let stderr = check_fails(&format!("{head}where = 'revenue >= || x'\n"));
    assert!(
        stderr.contains(
            "folio.toml:4:21: error: segment `bad`: syntax error in the rule at character 12"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("where = 'revenue >= || x'"), "{stderr}");
    let stderr = check_fails(&format!("{head}where = 'invoices > 1 && revenu > 3'\n"));
    assert!(
        stderr.contains("folio.toml:4:26: error: segment `bad`: unknown name `revenu` in the rule; did you mean `revenue`?"),
        "{stderr}"
    );
    // In a basic string with escapes, positions count the characters as written.
    let stderr = check_fails(&format!("{head}where = \"\\\"vip\\\" in tagz\"\n"));
    assert!(
        stderr.contains("folio.toml:4:21: error: segment `bad`: unknown name `tagz`"),
        "{stderr}"
    );
    // A multi-line rule: the error is on the rule's second line.
    let stderr = check_fails(&format!(
        "{head}where = '''\nrevenue > 1 &&\n  sizee(tags) > 0'''\n"
    ));
    assert!(
        stderr.contains("folio.toml:6:3: error: segment `bad`: unknown function `sizee` in the rule; did you mean `size`?"),
        "{stderr}"
    );
    let stderr = check_fails(&format!("{head}where = 'country > 5'\n"));
    assert!(
        stderr.contains(
            "folio.toml:4:10: error: segment `bad`: the rule cannot be evaluated: cannot compare a string with an int"
        ),
        "{stderr}"
    );
    let stderr = check_fails(&format!("{head}where = 'revenue'\n"));
    assert!(
        stderr.contains("the rule must be true or false, but it gives a double"),
        "{stderr}"
    );
    let stderr = check_fails(&format!("{head}whre = 'true'\n"));
    assert!(stderr.contains("folio.toml:4:1: error:"), "{stderr}");
    let stderr = check_fails("name = \"T\"\n[segments.Big]\nwhere = 'true'\n");
    assert!(
        stderr.contains("folio.toml:2:11: error: invalid segment name `Big`"),
        "{stderr}"
    );
    let stderr = check_fails("name = \"T\"\n[segments.all]\nwhere = 'true'\n");
    assert!(
        stderr.contains("segment name `all` is reserved"),
        "{stderr}"
    );
}

#[test]
fn invalid_analytics_settings_are_positioned_errors() {
    let stderr =
        check_fails("name = \"T\"\n[analytics]\nwindow = \"3w\"\n[analytics.abc]\na = 1.5\n");
    assert!(
        stderr.contains("folio.toml:3:10: error: invalid window `3w`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("folio.toml:5:5: error: invalid abc.a `1.5`"),
        "{stderr}"
    );
    let stderr = check_fails("name = \"T\"\n[analytics.amount]\nby = \"absolut\"\n");
    assert!(
        stderr.contains("folio.toml:3:6: error: invalid amount.by `absolut`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `absolute`?"), "{stderr}");
    let stderr = check_fails("name = \"T\"\n[analytics]\nwindw = \"90d\"\n");
    assert!(stderr.contains("folio.toml:3:1: error:"), "{stderr}");
    // Valid settings pass.
    let book = TestBook::with_config(
        "name = \"T\"\n[analytics]\nwindow = \"12m\"\n[analytics.abc]\na = 0.7\nb = 0.9\n\
         [analytics.frequency]\nby = \"absolute\"\nhigh = 10\nmid = 3\n[analytics.clv]\nmargin = 0.4\ndiscount = 0.08\n",
    );
    book.folio(&["check"]).assert().success();
}

/// Every command that compiles or evaluates segment rules, on `book`, with a rule named `bad`:
/// each exits 65 with an error on stderr, never a panic (101) or an abort (134).
fn every_rule_command_refuses(book: &TestBook) -> Vec<String> {
    let out = book.path().join("report");
    let out = out.to_str().unwrap();
    let commands: [&[&str]; 9] = [
        &["check"],
        &["segments"],
        &["segment", "bad"],
        &["mailing", "bad"],
        &["metrics"],
        &["report", "html", "--out", out],
        &["balance", "--segment", "bad"],
        &["contacts", "--segment", "bad"],
        &["credit", "--all", "--segment", "bad"],
    ];
    commands
        .iter()
        .map(|args| {
            let output = book.folio(args).output().unwrap();
            let stderr = String::from_utf8(output.stderr).unwrap();
            assert_eq!(output.status.code(), Some(65), "{args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            stderr
        })
        .collect()
}

/// A book whose only rule, `bad`, is `rule` (written as a TOML basic string), and one customer.
fn book_with_rule(rule: &str) -> TestBook {
    let quoted = toml::Value::String(rule.to_string()).to_string();
    TestBook::with_config(&format!(
        "name = \"T\"\ncurrency = \"EUR\"\n[segments.bad]\nwhere = {quoted}\n"
    ))
    .contact("a", "name = \"A\"\ntags = [\"vip\"]\n")
    .journal("j", "2026-01-15 invoice INV-1 a 100.00\n")
}

#[test]
fn rules_the_interpreter_panicked_on_are_positioned_errors() {
    for (rule, message) in [
        (
            "Foo{}",
            "folio.toml:4:10: error: segment `bad`: `Foo{...}` builds a message, which segment rules do not have",
        ),
        (
            "name.exists(c, true)",
            "folio.toml:4:10: error: segment `bad`: the rule cannot be evaluated: `exists`, `all`, `map` and `filter` go through a list or a map, not a string",
        ),
        (
            "invoices.all(x, true)",
            "folio.toml:4:10: error: segment `bad`: the rule cannot be evaluated: `exists`, `all`, `map` and `filter` go through a list or a map, not an int",
        ),
    ] {
        for stderr in every_rule_command_refuses(&book_with_rule(rule)) {
            assert!(stderr.contains(message), "{rule}: {stderr}");
        }
    }
}

#[test]
fn a_rule_too_long_or_nested_too_deep_is_refused_before_it_is_compiled() {
    // 5,000 terms, about 20 KB: it overflowed the parser's stack.
    let sum = format!("{} == 5000", vec!["1"; 5000].join(" + "));
    let stderr = every_rule_command_refuses(&book_with_rule(&sum));
    let expected = format!(
        "folio.toml:4:10: error: segment `bad`: the rule is {} characters long, more than the 10000 allowed",
        sum.len()
    );
    assert!(stderr[0].contains(&expected), "{}", stderr[0]);
    // Chains within the size limit stop at the 65th level, which the error points at.
    let too_deep = "the rule nests too deep at character";
    for (rule, offset) in [
        (format!("{} == 1", vec!["1"; 1000].join(" + ")), 4 * 65 - 2),
        (format!("custom{} == 1", ".a".repeat(3000)), 6 + 2 * 64),
        (format!("tags{} == 1", "[0]".repeat(2000)), 4 + 3 * 64),
        (format!("name{} == 1", ".size()".repeat(1000)), 4 + 7 * 32),
        (format!("{}1{} == 1", "(".repeat(100), ")".repeat(100)), 64),
    ] {
        let stderr = every_rule_command_refuses(&book_with_rule(&rule));
        let expected = format!(
            "folio.toml:4:{}: error: segment `bad`: {too_deep} {}",
            10 + offset,
            offset + 1
        );
        assert!(stderr[0].contains(&expected), "{expected}\n{}", stderr[0]);
    }
}

#[test]
fn nested_loops_over_literal_lists_stop_at_the_step_budget() {
    let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    let budget = "folio.toml:4:10: error: segment `bad`: the rule takes more than 100000 steps";
    // Seconds of CPU with nested `exists`; gigabytes with nested `map`.
    let busy = format!(
        "{ten}.exists(a, {ten}.exists(b, {ten}.exists(c, {ten}.exists(d, {ten}.exists(e, {ten}.exists(f, {ten}.exists(g, false)))))))"
    );
    let growing = format!(
        "size({ten}.map(a, {ten}.map(b, {ten}.map(c, {ten}.map(d, {ten}.map(e, {ten}.map(f, {ten}))))))) > 0"
    );
    for rule in [busy, growing] {
        for stderr in every_rule_command_refuses(&book_with_rule(&rule)) {
            assert!(stderr.contains(budget), "{stderr}");
        }
    }
}

/// Under the budget for each contact, but walking the same literal lists for every one of them:
/// the pass over all contacts has a budget of its own, so such a rule cannot take minutes.
#[test]
fn a_rule_that_stays_under_the_budget_for_each_contact_is_stopped_over_the_whole_pass() {
    let ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    let rule = format!("{ten}.exists(a, {ten}.exists(b, {ten}.exists(c, {ten}.exists(d, false))))");
    let mut book = book_with_rule(&rule);
    for i in 0..1000 {
        book = book.customer(&format!("c{i:04}"));
    }
    book.folio(&["check"]).assert().success();
    let output = book.folio(&["segment", "bad"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains(
            "folio.toml:4:10: error: segment `bad`: over all the contacts, the rule takes more than 20000020 steps"
        ),
        "{stderr}"
    );
    // One contact alone is well within both budgets.
    let single = book_with_rule(&rule).stdout(&["segment", "bad"]);
    assert!(!single.contains("error"), "{single}");
}

#[test]
fn a_rule_that_runs_away_on_one_contacts_data_is_refused_where_it_is_evaluated() {
    // The check's sample contact has one tag and passes; `a` has 40, and 40^4 steps are too many.
    let rule = "size(tags.map(a, tags.map(b, tags.map(c, tags.map(d, a))))) > 0";
    let tags: Vec<String> = (0..40).map(|i| format!("\"t{i}\"")).collect();
    let book = book_with_rule(rule).contact(
        "many",
        &format!("name = \"Many\"\ntags = [{}]\n", tags.join(", ")),
    );
    book.folio(&["check"]).assert().success();
    let refused = "folio.toml:4:10: error: segment `bad`: for contact `many`, the rule takes more than 100000 steps";
    let out = book.path().join("report");
    for args in [
        &["segments"][..],
        &["segment", "bad"],
        &["mailing", "bad"],
        &["report", "html", "--out", out.to_str().unwrap()],
        &["balance", "--segment", "bad"],
    ] {
        let output = book.folio(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(65), "{args:?}: {stderr}");
        assert!(stderr.contains(refused), "{args:?}: {stderr}");
    }
    // A loop over what is not a list, for some contacts only, leaves them out with a note.
    let book = book_with_rule("custom.items.exists(i, i == 1)")
        .contact(
            "text",
            "name = \"Text\"\n[custom]\nitems = \"not a list\"\n",
        )
        .contact("list", "name = \"List\"\n[custom]\nitems = [1, 2]\n");
    let stdout = book.stdout(&["segment", "bad"]);
    assert!(
        stdout.contains("could not be evaluated for 1 contact(s), which are left out (e.g. `text`: `exists`, `all`, `map` and `filter` go through a list or a map, not a string)"),
        "{stdout}"
    );
    assert!(stdout.contains(" list "), "{stdout}");
}
