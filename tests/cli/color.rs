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

#[test]
fn tables_fit_columns_by_wrapping_text_never_numbers() {
    let root = repo_root();
    let wide = folio()
        .args([
            "--book",
            "examples/demo",
            "statement",
            "hotel-les-tilleuls",
            "--as-of",
            "2026-11-25",
        ])
        .current_dir(&root)
        .output()
        .unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    let widest = wide.lines().map(|l| l.chars().count()).max().unwrap();
    let narrow = folio()
        .args([
            "--book",
            "examples/demo",
            "statement",
            "hotel-les-tilleuls",
            "--as-of",
            "2026-11-25",
        ])
        .env("COLUMNS", "115")
        .current_dir(&root)
        .output()
        .unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
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
