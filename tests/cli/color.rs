//! Colour only on a terminal: never through a pipe, never with NO_COLOR, always with
//! `--color always` (stdout tables, help, and diagnostics on stderr).

use crate::help::{all_examples, run_example, scratch};
use crate::util::{folio, repo_root};

fn has_escape(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\x1b[")
}

#[test]
fn no_escape_sequence_through_a_pipe_in_any_example() {
    let mut failures = Vec::new();
    for (command, lines) in all_examples() {
        let dir = scratch();
        for line in lines {
            // NO_COLOR unset: only the pipe keeps colour off.
            let output = run_example(&line, dir.path(), false);
            if has_escape(&output.stdout) || has_escape(&output.stderr) {
                failures.push(format!(
                    "{command}: `{line}` wrote an escape sequence into a pipe"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn color_always_colours_tables_help_and_errors() {
    let root = repo_root();
    let table = folio()
        .args([
            "--book",
            "examples/demo",
            "--color",
            "always",
            "balance",
            "--as-of",
            "2026-11-25",
        ])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(has_escape(&table.stdout), "no colour in the table");
    let help = folio()
        .args(["--color", "always", "aging", "--help"])
        .output()
        .unwrap();
    assert!(has_escape(&help.stdout), "no colour in --help");
    let error = folio()
        .args([
            "--color",
            "always",
            "--book",
            "examples/demo",
            "statement",
            "nobody",
        ])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(error.status.code(), Some(66));
    assert!(
        has_escape(&error.stderr),
        "{}",
        String::from_utf8_lossy(&error.stderr)
    );
    let book = crate::util::TestBook::new().journal("2026", "2026-01-01 invoice X nobody 1\n");
    let check = book
        .folio(&["--color", "always", "check"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("\x1b[1;31merror\x1b[0m"), "{stderr}");
}

#[test]
fn color_never_and_no_color_win_over_auto() {
    let root = repo_root();
    for args in [vec!["--color", "never"], vec![]] {
        let mut all = vec!["--book", "examples/demo"];
        all.extend(&args);
        all.extend(["balance", "--as-of", "2026-11-25"]);
        let output = folio().args(&all).current_dir(&root).output().unwrap();
        assert!(!has_escape(&output.stdout));
    }
    // NO_COLOR=1 is set by util::folio(); --color always still wins, as the flag is explicit.
    let output = folio()
        .args(["--book", "examples/demo", "--color", "always", "balance"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert!(has_escape(&output.stdout));
}

/// Every report of the README tour and the docs, on the demo book.
const REPORTS: &[&str] = &[
    "balance --as-of 2026-11-25",
    "balance --payables --as-of 2026-11-25",
    "aging --as-of 2026-11-25",
    "aging --detail --as-of 2026-11-25",
    "overdue --as-of 2026-11-25",
    "overdue --as-of 2026-11-25 --min-days 30",
    "statement hotel-les-tilleuls --as-of 2026-11-25",
    "statement hotel-les-tilleuls --from 2026-09-01 --to 2026-11-25",
    "explain INV-2026-0041",
    "credit --all --as-of 2026-11-25",
    "credit score --as-of 2026-11-25",
    "credit score hotel-les-tilleuls --as-of 2026-06-30",
    "contacts",
    "contacts --role customer --country BE",
    "contact search etienne",
    "contact show hotel-les-tilleuls --as-of 2026-11-25",
    "contracts --as-of 2026-11-25",
    "metrics --as-of 2026-11-25",
    "metrics hotel-les-tilleuls --as-of 2026-11-25",
    "segments --as-of 2026-11-25",
    "report contribution --to 2026-11-25 --top 5",
    "report clv --to 2026-11-25",
    "report collection --period quarter --from 2026-01-01 --to 2026-11-30",
    "vat --period 2026-Q3",
    "vat --grid be --period 2026-Q3 --rate USD=0.86 --rate CNY=0.12",
    "vat listing --intra --period 2026-Q3",
    "vat listing --be --year 2026 --rate USD=0.86 --rate CNY=0.12",
    "remind --as-of 2026-11-25",
    "alerts --as-of 2026-11-25 --dry-run",
    "alerts --as-of 2026-11-25 --dry-run --min-severity warn",
    "alerts --explain unusual-amount",
    "aging --buckets 15,30,60 --detail --as-of 2026-11-25",
    "aging --detail --payables --as-of 2026-11-25",
    "balance --payables --as-of 2026-06-30",
    "segment vip --as-of 2026-11-25",
    "mailing vip",
    "vat listing --be --year 2026",
    "reconcile examples/bank/belgian.csv --show-parsed",
    "reconcile examples/bank/belgian.csv --rules examples/bank/belgian.toml --as-of 2026-11-25",
    "entries --from 2026-10-01 --to 2026-11-25",
    "documents --as-of 2026-11-25",
    "documents --status overdue --as-of 2026-11-25",
    "notes",
    "company show",
    "recur --list --as-of 2026-11-25",
    "forecast --as-of 2026-11-30 --weeks 3",
    "forecast --as-of 2026-11-30 --weeks 3 --backtest --runs 8",
];

/// `folio --book examples/demo REPORT` with `COLUMNS` set to `columns` (or unset): its stdout.
fn demo_report(report: &str, columns: Option<u16>) -> String {
    let mut command = folio();
    command
        .args(["--book", "examples/demo"])
        .args(report.split(' '))
        .current_dir(repo_root());
    match columns {
        Some(columns) => command.env("COLUMNS", columns.to_string()),
        None => command.env_remove("COLUMNS"),
    };
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{report}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The demo's contact ids (its contact files' names) and the document ids of `text`.
fn ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(repo_root().join("examples/demo/contacts"))
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    ids.extend(text.split_whitespace().filter_map(|word| {
        let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let mut parts = word.split('-');
        let document = matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some(prefix), Some(year), Some(number), None)
                if prefix.len() >= 2
                    && prefix.chars().all(|c| c.is_ascii_uppercase())
                    && year.len() == 4
                    && number.chars().all(|c| c.is_ascii_digit())
        );
        document.then(|| word.to_string())
    }));
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_report_on_the_demo_fits_80_and_120_columns_without_breaking_an_id() {
    let mut failures = Vec::new();
    for report in REPORTS {
        let whole = demo_report(report, None);
        let ids = ids(&whole);
        for width in [80, 120] {
            let fitted = demo_report(report, Some(width));
            for line in fitted.lines() {
                let shown = unicode_width::UnicodeWidthStr::width(line);
                if shown > usize::from(width) {
                    failures.push(format!("{report} at {width}: {shown} wide: {line}"));
                }
                // A piece of an id at the end of a line or the start of the next one.
                for word in line.split_whitespace() {
                    let broken = ids.iter().find(|id| {
                        id.as_str() != word
                            && word.len() >= 4
                            && (id.starts_with(word) || id.ends_with(word))
                            && word.contains('-')
                    });
                    if let Some(id) = broken {
                        failures.push(format!("{report} at {width}: `{id}` split: {line}"));
                    }
                }
            }
            // What the report is about stays: every id of the whole table is in the fitted one
            // (but for the documents of an alert, the entries reconcile would record and the
            // documents an entry refers to, which are left out first at 80 columns).
            let optional = ["alerts", "reconcile", "entries"]
                .iter()
                .any(|optional| report.starts_with(optional));
            for id in ids.iter().filter(|id| whole.contains(id.as_str())) {
                if optional || fitted.contains(id.as_str()) {
                    continue;
                }
                failures.push(format!("{report} at {width}: `{id}` left out"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tables_fit_columns_by_wrapping_text_never_numbers() {
    let report = "statement hotel-les-tilleuls --as-of 2026-11-25";
    let wide = demo_report(report, None);
    let widest = wide.lines().map(|l| l.chars().count()).max().unwrap();
    let narrow = demo_report(report, Some(115));
    assert!(widest > 115, "the demo statement is {widest} wide");
    for line in narrow.lines() {
        assert!(line.chars().count() <= 115, "{line}");
    }
    // Every amount of the wide table is whole in the narrow one.
    for amount in ["4840.00", "3630.00"] {
        assert!(narrow.contains(amount), "{narrow}");
    }
    // Without a terminal or COLUMNS, lines stay whole for scripts.
    assert!(wide.contains("concept study, lobby and 38 rooms"), "{wide}");
}

#[test]
fn a_table_too_wide_says_on_stderr_which_columns_it_left_out() {
    let output = folio()
        .args([
            "--book",
            "examples/demo",
            "overdue",
            "--as-of",
            "2026-11-25",
        ])
        .env("COLUMNS", "80")
        .current_dir(repo_root())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let header = stdout.lines().next().unwrap();
    assert!(!header.contains("phone"), "{stdout}");
    assert!(
        stderr.contains("left out to fit 80 columns:") && stderr.contains("phone"),
        "{stderr}"
    );
}

#[test]
fn columns_picks_the_columns_of_a_report_in_every_format() {
    let run = |args: &[&str]| {
        folio()
            .args(["--book", "examples/demo"])
            .args(args)
            .env("COLUMNS", "80")
            .current_dir(repo_root())
            .output()
            .unwrap()
    };
    let table = run(&[
        "overdue",
        "--as-of",
        "2026-11-25",
        "--columns",
        "open,contact,phone",
    ]);
    let text = String::from_utf8(table.stdout).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["open", "contact", "phone"], "{text}");
    assert!(
        table.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let csv = run(&[
        "--columns",
        "contact,balance",
        "balance",
        "--as-of",
        "2026-11-25",
        "--format",
        "csv",
    ]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("contact,balance\n"), "{csv}");
    let json = run(&[
        "metrics",
        "--as-of",
        "2026-11-25",
        "--format",
        "json",
        "--columns",
        "contact,grade",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = rows[0].as_object().unwrap();
    assert_eq!(first.keys().collect::<Vec<_>>(), ["contact", "grade"]);
    let unknown = run(&[
        "credit",
        "score",
        "--as-of",
        "2026-11-25",
        "--columns",
        "contact,scroe",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8(unknown.stderr).unwrap();
    assert!(
        stderr.contains("no column `scroe`") && stderr.contains("contact, name, currency"),
        "{stderr}"
    );
}
