//! `folio report html` (the dashboard page) and `--chart` on `aging` and `report collection`.
//!
//! The page's figures are read back from their stable ids and `data-value` attributes and
//! compared with the JSON of the reports that print them, for the same as-of date.

use crate::util::{TestBook, folio, repo_root};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

const AS_OF: &str = "2026-11-25";

fn demo() -> PathBuf {
    repo_root().join("examples/demo")
}

/// Runs folio on the demo book and returns stdout.
fn demo_stdout(args: &[&str]) -> String {
    let output = folio()
        .arg("--book")
        .arg(demo())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "folio {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn demo_json(args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&demo_stdout(&all)).unwrap()
}

/// Writes the demo's page into a temp dir; returns the dir (kept alive) and the page.
fn demo_page() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let stdout = demo_stdout(&[
        "report",
        "html",
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
    ]);
    let path = out.join("index.html");
    assert_eq!(stdout.trim_end(), path.display().to_string());
    let page = std::fs::read_to_string(&path).unwrap();
    (dir, page)
}

/// The `data-value` of the element with this id.
fn value_of(page: &str, id: &str) -> Option<String> {
    let at = page.find(&format!("id=\"{id}\" data-value=\""))?;
    let rest = &page[at + id.len() + 18..];
    Some(rest[..rest.find('"')?].to_string())
}

fn dec(value: &Value) -> Decimal {
    Decimal::from_str(value.as_str().expect("an amount string")).unwrap()
}

fn page_dec(page: &str, id: &str) -> Decimal {
    let text = value_of(page, id).unwrap_or_else(|| panic!("no #{id} on the page"));
    Decimal::from_str(&text).unwrap()
}

/// Sums of `keys` per currency over JSON rows.
fn sums(rows: &[Value], keys: &[&str]) -> BTreeMap<String, BTreeMap<String, Decimal>> {
    let mut out: BTreeMap<String, BTreeMap<String, Decimal>> = BTreeMap::new();
    for row in rows {
        let currency = row["currency"].as_str().unwrap().to_string();
        let sums = out.entry(currency).or_default();
        for key in keys {
            *sums.entry(key.to_string()).or_default() += dec(&row[*key]);
        }
    }
    out
}

#[test]
fn page_is_self_contained_and_small() {
    let (_dir, page) = demo_page();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.len() < 500_000, "{} bytes", page.len());
    let lower = page.to_lowercase();
    for forbidden in [
        "http://",
        "https://",
        "<script",
        "<link",
        "<iframe",
        "<img",
        " src=",
        "url(",
        "@import",
        "//cdn",
        "@font-face",
    ] {
        assert!(!lower.contains(forbidden), "the page holds `{forbidden}`");
    }
    // Any resource is refused by the page's own policy, should one slip in.
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(page.contains("<svg class=\"chart\""));
    // CJK names render with a CJK font in the stack.
    assert!(page.contains("\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif"));
    assert!(page.contains("上海晶华家居有限公司"));
}

#[test]
fn headline_equals_balance_aging_credit_and_collection() {
    let (_dir, page) = demo_page();
    assert!(page.contains(&format!("datetime=\"{AS_OF}\"")));

    let balance = sums(
        &demo_json(&["balance", "--as-of", AS_OF]),
        &["balance", "overdue"],
    );
    assert!(balance.contains_key("EUR") && balance.contains_key("USD"));
    for (currency, sums) in &balance {
        assert_eq!(
            page_dec(&page, &format!("receivables-{currency}")),
            sums["balance"]
        );
        assert_eq!(
            page_dec(&page, &format!("overdue-{currency}")),
            sums["overdue"]
        );
    }
    let payables = sums(
        &demo_json(&["balance", "--payables", "--as-of", AS_OF]),
        &["balance"],
    );
    assert!(payables.contains_key("CNY"));
    for (currency, sums) in &payables {
        assert_eq!(
            page_dec(&page, &format!("payables-{currency}")),
            sums["balance"]
        );
    }

    let columns = [
        "current",
        "1-30",
        "31-60",
        "61-90",
        "90+",
        "unapplied",
        "total",
    ];
    let aging = sums(&demo_json(&["aging", "--as-of", AS_OF]), &columns);
    for (currency, sums) in &aging {
        for column in columns {
            assert_eq!(
                page_dec(&page, &format!("aging-{column}-{currency}")),
                sums[column],
                "{column} {currency}"
            );
        }
        // The aging adds up to the balance, and its buckets to the overdue.
        assert_eq!(sums["total"], balance[currency]["balance"]);
    }

    let credit = demo_json(&["credit", "--all", "--as-of", AS_OF]);
    let count = |test: &dyn Fn(&Value) -> bool| credit.iter().filter(|r| test(r)).count();
    let over = count(&|r| r["status"] == "over");
    let warn = count(&|r| r["status"] == "warn");
    let hold = count(&|r| r["hold"] == true);
    assert!(over > 0 && warn > 0 && hold > 0, "the demo has all three");
    assert_eq!(value_of(&page, "credit-over"), Some(over.to_string()));
    assert_eq!(value_of(&page, "credit-warn"), Some(warn.to_string()));
    assert_eq!(value_of(&page, "credit-hold"), Some(hold.to_string()));

    let overdue = demo_json(&["overdue", "--as-of", AS_OF]);
    assert_eq!(
        value_of(&page, "overdue-items"),
        Some(overdue.len().to_string())
    );

    // DSO and collection rate: the 90 days up to the date, as `report collection` computes a
    // period holding exactly those days (here within one calendar year).
    let collection = demo_json(&[
        "report",
        "collection",
        "--from",
        "2026-08-28",
        "--to",
        AS_OF,
        "--period",
        "year",
    ]);
    for currency in balance.keys() {
        let last = collection
            .iter()
            .rev()
            .find(|r| r["currency"] == currency.as_str())
            .unwrap();
        assert_eq!(last["from"], "2026-08-28");
        assert_eq!(last["to"], AS_OF);
        assert_eq!(
            value_of(&page, &format!("dso-{currency}")).as_deref(),
            last["dso"].as_str(),
            "{currency}"
        );
        assert_eq!(
            value_of(&page, &format!("collection-rate-{currency}")).as_deref(),
            last["collection_rate"].as_str(),
            "{currency}"
        );
    }
}

#[test]
fn receivables_over_time_equal_the_balance_at_each_month_end() {
    let (_dir, page) = demo_page();
    let mut points = Vec::new();
    for row in page.split("<tr class=\"month\" ").skip(1) {
        let attr = |name: &str| {
            let start = row.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            row[start..start + row[start..].find('"').unwrap()].to_string()
        };
        points.push((
            attr("data-currency"),
            attr("data-date"),
            attr("data-receivables"),
        ));
    }
    // 12 points per currency: 11 month ends and the as-of date.
    assert_eq!(points.iter().filter(|p| p.0 == "EUR").count(), 12);
    assert_eq!(points.last().unwrap().1, AS_OF);
    let mut dates: Vec<&str> = points.iter().map(|p| p.1.as_str()).collect();
    dates.dedup();
    assert_eq!(dates[0], "2025-12-31");
    for date in dates {
        let totals = sums(&demo_json(&["balance", "--as-of", date]), &["balance"]);
        for (currency, _, value) in points.iter().filter(|p| p.1 == date) {
            let expected = totals.get(currency).map_or(Decimal::ZERO, |s| s["balance"]);
            assert_eq!(
                Decimal::from_str(value).unwrap(),
                expected,
                "{currency} {date}"
            );
        }
    }
}

#[test]
fn names_and_notes_are_escaped() {
    let book = TestBook::new()
        .contact(
            "evil",
            "name = \"<script>alert('x')</script> & \\\"Co\\\" <img src=x onerror=y>\"\n\
             email = \"a\\\"><b>@evil.example\"\ncredit_limit = \"100\"\n",
        )
        .contact("zh", "name = \"北京贝塔科技\"\n")
        .journal(
            "2026",
            "2026-01-05 invoice INV-1 evil 500.00\n\
             2026-02-01 invoice INV-2 zh 1200.00\n",
        );
    let out = book.path().join("out");
    book.stdout(&[
        "report",
        "html",
        "--as-of",
        "2026-06-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!page.contains("<script"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>@"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    assert!(page.contains("北京贝塔科技"));
    assert_eq!(page_dec(&page, "receivables-EUR"), Decimal::from(1700));
    assert_eq!(value_of(&page, "credit-over"), Some("1".into()));
}

#[test]
fn default_out_dir_and_an_empty_book() {
    let book = TestBook::new();
    let cwd = tempfile::tempdir().unwrap();
    let output = book
        .folio(&["report", "html", "--as-of", "2026-01-31"])
        .current_dir(cwd.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().trim_end(),
        Path::new("folio-report")
            .join("index.html")
            .display()
            .to_string()
    );
    let page = std::fs::read_to_string(cwd.path().join("folio-report/index.html")).unwrap();
    assert!(page.contains("Nothing is open."));
    assert!(page.contains("Nothing is overdue."));
}

#[test]
fn out_dir_that_is_a_file_is_an_io_error() {
    let book = TestBook::new().file("blocker", "");
    let blocker = book.path().join("blocker");
    book.folio(&["report", "html", "--out", blocker.to_str().unwrap()])
        .assert()
        .code(74);
}

// ---------------------------------------------------------------------------------------------
// Terminal charts.

const BLOCKS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

fn has_bars(text: &str) -> bool {
    text.chars().any(|c| BLOCKS.contains(&c))
}

#[test]
fn aging_chart_draws_into_a_pipe_only_when_forced() {
    let forced = folio()
        .arg("--book")
        .arg(demo())
        .args(["aging", "--as-of", AS_OF, "--chart", "always"])
        .env("COLUMNS", "72")
        .output()
        .unwrap();
    assert!(forced.status.success());
    let text = String::from_utf8(forced.stdout).unwrap();
    let chart = &text[text
        .find("EUR receivables by days past due")
        .expect("a chart title")..];
    assert!(has_bars(chart));
    let totals = sums(&demo_json(&["aging", "--as-of", AS_OF]), &["total"]);
    assert!(chart.contains(&format!("total {}", totals["EUR"]["total"])));
    for line in chart.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 72,
            "too wide: {line:?}"
        );
    }
    // The largest bucket has the longest bar: current is 53128.15 of EUR's columns.
    let current = chart.lines().find(|l| l.starts_with("current")).unwrap();
    let bar_len = |line: &str| line.chars().filter(|c| BLOCKS.contains(c)).count();
    for line in chart.lines().take_while(|l| !l.is_empty()).skip(1) {
        assert!(bar_len(line) <= bar_len(current), "{line}");
    }
    assert!(chart.contains("unapplied") && chart.contains("-530.00"));

    // A bare --chart means auto: nothing into a pipe.
    let auto = demo_stdout(&["aging", "--as-of", AS_OF, "--chart"]);
    assert!(!has_bars(&auto));
    assert_eq!(auto, demo_stdout(&["aging", "--as-of", AS_OF]));
    let never = demo_stdout(&["aging", "--as-of", AS_OF, "--chart", "never"]);
    assert_eq!(never, auto);
}

#[test]
fn chart_is_refused_with_csv_or_json_when_forced() {
    folio()
        .arg("--book")
        .arg(demo())
        .args(["aging", "--chart", "always", "--format", "json"])
        .assert()
        .code(2);
    // auto just stays out of the data.
    let json = demo_stdout(&["aging", "--as-of", AS_OF, "--chart", "--format", "json"]);
    serde_json::from_str::<Value>(&json).unwrap();
}

#[test]
fn collection_chart_shows_billed_and_collected_per_period() {
    let output = folio()
        .arg("--book")
        .arg(demo())
        .args(["report", "collection", "--to", AS_OF, "--chart", "always"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let chart = &text[text
        .find("EUR billed (VAT included) and collected")
        .unwrap()..];
    assert!(has_bars(chart));
    assert!(chart.contains("2026-11 billed"));
    // The month of the date, as `report collection` has it: billed VAT included (what the
    // payments it is compared with include), then collected and the rate.
    let rows = demo_json(&["report", "collection", "--to", AS_OF]);
    let last = rows.iter().rev().find(|r| r["currency"] == "EUR").unwrap();
    let rate = dec(&last["collection_rate"]) * Decimal::ONE_HUNDRED;
    let billed = chart
        .lines()
        .find(|l| l.starts_with("2026-11 billed"))
        .unwrap();
    assert!(billed.ends_with(&format!(" {}", last["billed_gross"].as_str().unwrap())));
    let collected = chart
        .lines()
        .skip_while(|l| !l.starts_with("2026-11 billed"))
        .nth(1)
        .unwrap();
    assert!(collected.trim_start().starts_with("collected"));
    assert!(
        collected.ends_with(&format!(
            "{}  {:.2}%",
            last["collected"].as_str().unwrap(),
            rate
        )),
        "{collected}"
    );
    assert!(
        chart
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100)
    );
}
