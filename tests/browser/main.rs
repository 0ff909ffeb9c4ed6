//! The dashboard page in a real browser: headless Chromium loads examples/demo's page from a
//! file, and the test checks that it logs no console message (errors, and the Content-Security-
//! Policy violations any external load would cause), that the page itself starts no network
//! request (Chromium's net log), that the DOM the browser built shows the headline figures
//! `folio balance`, `aging` and `credit` print, and that a screenshot renders.
//!
//! Skipped, with a note, when no Chromium is installed (`.ci/run` installs Debian's `chromium`).
//! `FOLIO_CHROMIUM` names another binary; `FOLIO_REQUIRE_TOOLS=1`, as for every outside tool the
//! tests use, turns the skip into a failure; `FOLIO_SCREENSHOT=path.png` keeps the screenshot
//! (docs/screenshot-demo.png is made so).

#![allow(clippy::print_stderr, missing_docs)]

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

const AS_OF: &str = "2026-11-25";

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FOLIO_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let dirs = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    names
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|path| path.is_file())
}

/// The browser to use, or `None` after printing why the test is skipped.
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("FOLIO_REQUIRE_TOOLS").is_none_or(|v| v != "1"),
            "no chromium was found, and FOLIO_REQUIRE_TOOLS=1 says every tool must be there"
        );
        eprintln!(
            "note: {test} skipped: no chromium on PATH (apt-get install chromium, or set FOLIO_CHROMIUM)"
        );
    }
    found
}

fn folio(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--book")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"))
        .args(args)
        .env_remove("FOLIO_FORMAT")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "folio {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs the browser with a deadline, so a hung browser fails the test instead of stalling CI.
fn run_with_deadline(mut command: Command, deadline: Duration) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Drain the pipes while waiting, so a large DOM cannot block the browser.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).ok();
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut buf).ok();
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// What the browser did with one page.
struct Visit {
    dom: String,
    /// Console messages (script errors, CSP violations, console.* calls).
    console: Vec<String>,
    /// URLs of network requests the page started (not the browser's own background requests).
    requests: Vec<String>,
}

fn browser_command(chromium: &Path, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        // Nothing resolves: the test never touches the network, even if the page asked.
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

fn visit(chromium: &Path, page: &Path, work: &Path) -> Visit {
    let net_log = work.join("net-log.json");
    let profile = tempfile::tempdir().unwrap();
    let mut command = browser_command(chromium, profile.path());
    command
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg(file_url(page));
    let output = run_with_deadline(command, Duration::from_secs(90));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "chromium failed: {:?}\n{stderr}",
        output.status
    );
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    Visit {
        dom: String::from_utf8(output.stdout).unwrap(),
        console,
        requests: page_requests(&net_log),
    }
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// URLs of the requests started on behalf of a page: their initiator is an origin (a page's,
/// `null` for a file), where the browser's own background requests say `not an origin`.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).expect("chromium wrote its net log");
    // Chromium may stop before closing the JSON array; close it ourselves.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the net log is JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_i64();
    let mut urls = Vec::new();
    for event in log["events"].as_array().into_iter().flatten() {
        if event["type"].as_i64() != start_job {
            continue;
        }
        let params = &event["params"];
        let Some(url) = params["url"].as_str() else {
            continue; // the end of a job: its start named the URL
        };
        let initiator = params["initiator"].as_str().unwrap_or_default();
        let local = url.starts_with("file:") || url.starts_with("data:");
        if !local && initiator != "not an origin" {
            urls.push(url.to_string());
        }
    }
    urls
}

/// The text of the element with this id in the browser's DOM, and its `data-value`.
fn element(dom: &str, id: &str) -> Option<(String, String)> {
    let at = dom.find(&format!("id=\"{id}\""))?;
    let tag = &dom[at..];
    let value_at = tag.find("data-value=\"")? + 12;
    let value = &tag[value_at..value_at + tag[value_at..].find('"')?];
    // The element's text, its inner tags (`<b>`, the `days` unit) taken out.
    let text_at = tag.find('>')? + 1;
    let end = ["</td>", "</div>", "</b>"]
        .iter()
        .filter_map(|close| tag[text_at..].find(close))
        .min()?;
    let mut text = String::new();
    let mut in_tag = false;
    for ch in tag[text_at..text_at + end].chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(ch),
            _ => {}
        }
    }
    let text = text.trim().to_string();
    Some((text, value.to_string()))
}

/// 85895.6 as the page shows it: 85,895.60, minus as U+2212.
fn grouped(amount: Decimal) -> String {
    let mut value = amount;
    value.rescale(2);
    let plain = value.abs().to_string();
    let (int, frac) = plain.split_once('.').unwrap();
    let mut out = String::new();
    if amount.is_sign_negative() && !amount.is_zero() {
        out.push('\u{2212}');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out}.{frac}")
}

fn totals(json: &str, key: &str) -> BTreeMap<String, Decimal> {
    let rows: Vec<Value> = serde_json::from_str(json).unwrap();
    let mut sums = BTreeMap::new();
    for row in rows {
        *sums
            .entry(row["currency"].as_str().unwrap().to_string())
            .or_default() += Decimal::from_str(row[key].as_str().unwrap()).unwrap();
    }
    sums
}

#[test]
fn demo_page_renders_offline_without_errors_and_shows_the_headline() {
    let Some(chromium) =
        browser_or_skip("demo_page_renders_offline_without_errors_and_shows_the_headline")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    folio(&[
        "report",
        "html",
        "--as-of",
        AS_OF,
        "--out",
        site.to_str().unwrap(),
    ]);
    let page = site.join("index.html");
    let visit = visit(&chromium, &page, work.path());

    assert!(
        visit.console.is_empty(),
        "console messages:\n{}",
        visit.console.join("\n")
    );
    assert!(
        visit.requests.is_empty(),
        "the page made network requests: {:?}",
        visit.requests
    );
    // The browser built the whole page: every section and its charts.
    for section in [
        "headline", "aging", "history", "top", "credit", "overdue", "segments",
    ] {
        assert!(
            visit.dom.contains(&format!("<section id=\"{section}\"")),
            "{section}"
        );
    }
    assert!(visit.dom.matches("<svg class=\"chart\"").count() >= 6);
    assert!(visit.dom.contains("上海晶华家居有限公司"));
    assert!(visit.dom.trim_end().ends_with("</html>"));

    let json = ["--as-of", AS_OF, "--format", "json"];
    let balance = folio(&[&["balance"][..], &json].concat());
    let receivables = totals(&balance, "balance");
    let overdue = totals(&balance, "overdue");
    let payables = totals(
        &folio(&[&["balance", "--payables"][..], &json].concat()),
        "balance",
    );
    let aging = totals(&folio(&[&["aging"][..], &json].concat()), "total");
    let mut expected = Vec::new();
    for (currency, amount) in &receivables {
        expected.push((format!("receivables-{currency}"), *amount));
        expected.push((format!("overdue-{currency}"), overdue[currency]));
        expected.push((format!("aging-total-{currency}"), aging[currency]));
    }
    for (currency, amount) in &payables {
        expected.push((format!("payables-{currency}"), *amount));
    }
    assert!(expected.len() >= 7, "EUR, USD and the CNY payables");
    for (id, amount) in expected {
        let (text, value) = element(&visit.dom, &id).unwrap_or_else(|| panic!("no #{id}"));
        assert_eq!(text, grouped(amount), "#{id} shows");
        assert_eq!(
            Decimal::from_str(&value).unwrap(),
            amount,
            "#{id} data-value"
        );
    }
    let credit: Vec<Value> =
        serde_json::from_str(&folio(&[&["credit", "--all"][..], &json].concat())).unwrap();
    let over = credit.iter().filter(|r| r["status"] == "over").count();
    let hold = credit.iter().filter(|r| r["hold"] == true).count();
    assert_eq!(
        element(&visit.dom, "credit-over").unwrap().0,
        over.to_string()
    );
    assert_eq!(
        element(&visit.dom, "credit-hold").unwrap().0,
        hold.to_string()
    );

    // A screenshot renders (and is kept when asked, for docs/screenshot-demo.png).
    let shot = work.path().join("page.png");
    let profile = tempfile::tempdir().unwrap();
    let mut command = browser_command(&chromium, profile.path());
    command
        .arg("--window-size=1280,2010")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(file_url(&page));
    let output = run_with_deadline(command, Duration::from_secs(90));
    assert!(output.status.success());
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "{} bytes",
        png.len()
    );
    if let Some(keep) = std::env::var_os("FOLIO_SCREENSHOT") {
        std::fs::write(&keep, &png).unwrap();
    }
}

/// The checks above would see a faulty page: a script error and external loads, with and
/// without a Content-Security-Policy to block them.
#[test]
fn the_checks_catch_console_errors_and_network_requests() {
    let Some(chromium) = browser_or_skip("the_checks_catch_console_errors_and_network_requests")
    else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let open = work.path().join("open.html");
    std::fs::write(
        &open,
        "<!doctype html><html><head><link rel=\"stylesheet\" href=\"https://cdn.example.com/x.css\"></head>\
<body><img src=\"http://example.com/a.png\"><script>undefinedFunction();</script></body></html>",
    )
    .unwrap();
    let visit_open = visit(&chromium, &open, work.path());
    assert!(
        visit_open
            .console
            .iter()
            .any(|l| l.contains("undefinedFunction"))
    );
    assert!(
        visit_open
            .requests
            .iter()
            .any(|u| u.contains("example.com")),
        "{:?}",
        visit_open.requests
    );

    let locked = work.path().join("locked.html");
    std::fs::write(
        &locked,
        "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\
<link rel=\"stylesheet\" href=\"https://cdn.example.com/x.css\"></head><body></body></html>",
    )
    .unwrap();
    let visit_locked = visit(&chromium, &locked, work.path());
    assert!(
        visit_locked
            .console
            .iter()
            .any(|l| l.contains("Content Security Policy")),
        "{:?}",
        visit_locked.console
    );
}
