//! `--help` teaches: every command has a purpose and examples that run, `folio help TOPIC` prints
//! docs/ exactly, and typos get a suggestion.

use crate::util::{folio, repo_root};
use std::path::{Path, PathBuf};

/// Every visible command of the tree, with its path below `folio` (empty for folio itself).
pub(crate) fn commands() -> Vec<(String, clap::Command)> {
    fn walk(command: &clap::Command, path: &str, all: &mut Vec<(String, clap::Command)>) {
        all.push((path.to_string(), command.clone()));
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            let sub_path = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &sub_path, all);
        }
    }
    let mut root = folio::cli::command();
    root.build();
    let mut all = Vec::new();
    walk(&root, "", &mut all);
    all
}

/// The example command lines of a help text: the lines that start with `folio ` after
/// `Examples:`, without a trailing `# comment`.
pub(crate) fn examples(after_help: &str) -> Vec<String> {
    let Some(at) = after_help.find("Examples:") else {
        return Vec::new();
    };
    after_help[at..]
        .lines()
        .map(str::trim)
        // `git ...` lines set up what `folio diff` and `folio log` read: a repository.
        .filter(|line| {
            line.starts_with("folio ")
                || line.starts_with("source <(folio ")
                || line.starts_with("git ")
        })
        .map(|line| match line.find("  #") {
            Some(comment) => line[..comment].trim_end().to_string(),
            None => line.to_string(),
        })
        .collect()
}

/// Every example, per top-level command (in help order), without repeats.
pub(crate) fn all_examples() -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (path, command) in commands() {
        let top = path.split(' ').next().unwrap_or_default().to_string();
        let text = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        for example in examples(&text) {
            if !seen.insert(example.clone()) {
                continue;
            }
            match groups.iter_mut().find(|(name, _)| *name == top) {
                Some((_, list)) => list.push(example),
                None => groups.push((top.clone(), vec![example])),
            }
        }
    }
    groups
}

/// A scratch folder holding a copy of examples/ (the demo book at `examples/demo`, bank
/// statements, import files), where examples run.
pub(crate) fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("examples"), &dir.path().join("examples"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The folder holding the folio binary, for PATH.
pub(crate) fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_folio"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs one example line with bash in `dir`, with folio first on PATH, a clean environment, and
/// `NO_COLOR` as given.
pub(crate) fn run_example(line: &str, dir: &Path, no_color: bool) -> std::process::Output {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = std::process::Command::new("bash");
    command
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .env("FOLIO_CONFIG", "")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("EDITOR", "true")
        .env("VISUAL", "true")
        .env_remove("FOLIO_BOOK")
        .env_remove("FOLIO_FORMAT")
        .env_remove("FOLIO_PAGER")
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null());
    if no_color {
        command.env("NO_COLOR", "1");
    } else {
        command.env_remove("NO_COLOR");
    }
    command.output().unwrap()
}

#[test]
fn every_command_has_a_purpose_and_the_top_level_ones_two_examples() {
    let mut missing = Vec::new();
    for (path, command) in commands() {
        let about = command.get_about().map(ToString::to_string);
        if about.as_deref().is_none_or(str::is_empty) {
            missing.push(format!("`folio {path}` has no one-line purpose"));
        }
        let text = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let count = examples(&text).len();
        if !path.contains(' ') && count < 2 {
            missing.push(format!(
                "`folio {path}` has {count} example(s), not 2 or more"
            ));
        }
        for example in examples(&text) {
            if example.starts_with("folio ")
                && !example.contains("--book examples/demo")
                && needs_book(&example)
            {
                missing.push(format!(
                    "`folio {path}`: `{example}` does not name --book examples/demo"
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Whether an example reads a book (init, help, man and completions do not).
fn needs_book(example: &str) -> bool {
    let command = example
        .split_whitespace()
        .skip(1)
        .find(|word| !word.starts_with('-'))
        .unwrap_or_default()
        .to_string();
    !["init", "help", "man", "completions", "--version", "--help"].contains(&command.as_str())
}

#[test]
fn every_example_in_every_help_runs_on_the_demo_book_without_colour() {
    let mut failures = Vec::new();
    for (command, lines) in all_examples() {
        // A fresh copy per command: its examples may write, and run in order (quote, then
        // quote accept, then render).
        let dir = scratch();
        for line in lines {
            let output = run_example(&line, dir.path(), true);
            if !output.status.success() {
                failures.push(format!(
                    "{command}: `{line}` exited {:?}\n{}",
                    output.status.code(),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                if bytes.windows(2).any(|w| w == b"\x1b[") {
                    failures.push(format!(
                        "{command}: `{line}` wrote an escape sequence to {stream} with NO_COLOR=1"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn help_topics_print_the_docs_word_for_word() {
    for topic in folio::cli::help::TOPICS {
        let output = folio().args(["help", topic.name]).output().unwrap();
        assert!(output.status.success(), "{}", topic.name);
        let printed = String::from_utf8(output.stdout).unwrap();
        let doc = std::fs::read_to_string(repo_root().join(topic.source)).unwrap();
        assert_eq!(printed, topic.text(), "{}", topic.name);
        assert!(
            doc.contains(&printed),
            "{} is not {}",
            topic.name,
            topic.source
        );
    }
    let codes = String::from_utf8(
        folio()
            .args(["help", "exit-codes"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(codes.starts_with("## Exit codes"), "{codes}");
    assert!(codes.contains("| 75 |"), "{codes}");
}

#[test]
fn topic_names_never_hide_a_command() {
    for (path, _) in commands() {
        let name = path.split(' ').next_back().unwrap_or_default();
        assert!(
            folio::cli::help::find(name).is_none(),
            "topic `{name}` would hide the command"
        );
    }
}

#[test]
fn folio_help_command_is_the_command_s_long_help() {
    for args in [
        vec!["aging"],
        vec!["credit", "check"],
        vec!["contact", "add"],
    ] {
        let mut help = vec!["help"];
        help.extend(&args);
        let via_help = folio().args(&help).output().unwrap();
        let mut flag = args.clone();
        flag.push("--help");
        let via_flag = folio().args(&flag).output().unwrap();
        assert!(via_help.status.success() && via_flag.status.success());
        assert_eq!(
            String::from_utf8_lossy(&via_help.stdout),
            String::from_utf8_lossy(&via_flag.stdout),
            "{args:?}"
        );
    }
    let root = folio().arg("help").output().unwrap();
    let text = String::from_utf8(root.stdout).unwrap();
    assert!(text.contains("Help topics"), "{text}");
    assert!(text.contains("allocation"), "{text}");
}

#[test]
fn options_are_grouped_under_headings() {
    let text =
        String::from_utf8(folio().args(["aging", "--help"]).output().unwrap().stdout).unwrap();
    for heading in ["Options:", "Filters:", "Output:", "Global options:"] {
        assert!(text.contains(heading), "no {heading} in\n{text}");
    }
}

#[test]
fn an_unknown_help_word_suggests_a_command_or_topic() {
    let output = folio().args(["help", "alocation"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `allocation`?"), "{stderr}");
    let output = folio().args(["help", "agin"]).output().unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `aging`?"));
}

#[test]
fn a_misspelled_subcommand_or_option_suggests_the_nearest() {
    let output = folio().args(["agign"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("similar subcommand") && stderr.contains("'aging'"),
        "{stderr}"
    );
    let output = folio()
        .args(["--book", "examples/demo", "aging", "--detial"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("similar argument") && stderr.contains("'--detail'"),
        "{stderr}"
    );
    let output = folio().args(["balance", "--payable"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("'--payables'"), "{stderr}");
}

/// A plausible value for a positional that is not a contact, by its value name.
fn filler(arg: &clap::Arg) -> &'static str {
    let name = arg
        .get_value_names()
        .and_then(|n| n.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
    match name.as_str() {
        "KEY=VALUE" => "address.city=Gent",
        "AMOUNT" => "100",
        "DOC" | "DOCUMENT" => "INV-2026-0001",
        _ => "x",
    }
}

#[test]
fn a_misspelled_contact_id_suggests_the_nearest_wherever_a_contact_is_taken() {
    let dir = scratch();
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for (path, command) in commands() {
        if path.is_empty() || command.has_subcommands() && !path.contains(' ') {
            // Commands with subcommands are checked through them (and their own options below).
            if !command.get_arguments().any(|a| {
                folio::cli::cmd::completions::id_kind(a)
                    == Some(folio::cli::cmd::completions::Ids::Contacts)
            }) {
                continue;
            }
        }
        let contact_args: Vec<&clap::Arg> = command
            .get_arguments()
            .filter(|a| {
                folio::cli::cmd::completions::id_kind(a)
                    == Some(folio::cli::cmd::completions::Ids::Contacts)
            })
            .collect();
        for contact_arg in contact_args {
            let mut args: Vec<String> = vec!["--book".into(), "examples/demo".into()];
            args.extend(path.split(' ').map(str::to_string));
            for arg in command.get_arguments().filter(|a| a.is_positional()) {
                if arg.get_id() == contact_arg.get_id() {
                    args.push("brasserie-du-sablno".into());
                } else {
                    args.push(filler(arg).into());
                }
            }
            for arg in command
                .get_arguments()
                .filter(|a| !a.is_positional() && a.is_required_set())
            {
                if let Some(long) = arg.get_long() {
                    args.push(format!("--{long}"));
                    args.push("call".into());
                }
            }
            // What a command checks before the contact (a quote needs its items first).
            if path == "quote" {
                args.extend(["--item", "x", "--price", "1", "--vat", "21"].map(String::from));
            }
            // One write-off needs its reason first.
            if path == "writeoff" {
                args.extend(["--reason", "rounding"].map(String::from));
            }
            // A note's kind is required unless it closes one (`--close N`).
            if path == "contact note" {
                args.extend(["--kind", "call"].map(String::from));
            }
            if let Some(long) = contact_arg.get_long() {
                args.push(format!("--{long}"));
                args.push("brasserie-du-sablno".into());
            }
            let output = folio()
                .args(&args)
                .current_dir(dir.path())
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            checked.push(args.join(" "));
            if !stderr.contains("did you mean `brasserie-du-sablon`") {
                failures.push(format!(
                    "folio {}: exit {:?}\n{stderr}",
                    args.join(" "),
                    output.status.code()
                ));
            }
        }
    }
    assert!(checked.len() >= 10, "{checked:#?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_entry_command_shows_only_the_options_it_takes() {
    // The options listed: the first `--word` of each option line.
    let help = |command: &str| -> Vec<String> {
        let output = crate::util::folio()
            .args([command, "--help"])
            .output()
            .expect("folio runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| line.trim_start().starts_with('-'))
            .filter_map(|line| line.split_whitespace().find(|w| w.starts_with("--")))
            .map(|word| word.trim_end_matches(',').to_string())
            .collect()
    };
    let takes = [
        (
            "payment",
            &["--ref", "--date", "--memo"][..],
            &[
                "--item",
                "--vat",
                "--due",
                "--terms",
                "--enforce-credit",
                "--override-credit",
            ][..],
        ),
        (
            // A refund raises what the customer owes again: the credit check applies.
            "refund",
            &["--ref", "--date", "--enforce-credit", "--override-credit"],
            &["--item", "--vat", "--due"],
        ),
        (
            "payout",
            &["--ref", "--date"],
            &["--item", "--vat", "--due", "--enforce-credit"],
        ),
        (
            "bill",
            &["--due", "--terms", "--vat", "--id"],
            &["--item", "--ref", "--enforce-credit"],
        ),
        (
            "debit-note",
            &["--ref", "--vat"],
            &["--item", "--due", "--terms", "--enforce-credit"],
        ),
        (
            "invoice",
            &["--item", "--vat", "--due", "--enforce-credit"],
            &[],
        ),
    ];
    for (command, shown, hidden) in takes {
        let text = help(command);
        for option in shown {
            assert!(
                text.iter().any(|listed| listed == option),
                "`folio {command} --help` lacks {option}: {text:?}"
            );
        }
        for option in hidden {
            assert!(
                !text.iter().any(|listed| listed == option),
                "`folio {command} --help` lists {option}: {text:?}"
            );
        }
    }
}
