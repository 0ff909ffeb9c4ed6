//! The user config file and the precedence of settings: flag > environment > book > user config
//! > built-in default (docs/cli.md).

use crate::util::{folio, repo_root};
use assert_cmd::Command;
use std::path::Path;

/// folio with a user config holding `text`.
fn with_config(dir: &Path, text: &str) -> Command {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    let mut command = folio();
    command.env("FOLIO_CONFIG", &path).env_remove("NO_COLOR");
    command
}

fn stdout(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

const BALANCE: [&str; 5] = [
    "--book",
    "examples/demo",
    "balance",
    "--as-of",
    "2026-11-25",
];

#[test]
fn format_flag_beats_environment_beats_config_beats_table() {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    let config = "format = \"json\"\n";
    let json = stdout(
        with_config(dir.path(), config)
            .args(BALANCE)
            .current_dir(&root),
    );
    assert!(json.trim_start().starts_with('['), "{json}");
    let csv = stdout(
        with_config(dir.path(), config)
            .args(BALANCE)
            .env("FOLIO_FORMAT", "csv")
            .current_dir(&root),
    );
    assert!(csv.starts_with("contact,"), "{csv}");
    let table = stdout(
        with_config(dir.path(), config)
            .args(BALANCE)
            .args(["--format", "table"])
            .env("FOLIO_FORMAT", "csv")
            .current_dir(&root),
    );
    assert!(table.starts_with(" contact"), "{table}");
    let builtin = stdout(folio().args(BALANCE).current_dir(&root));
    assert!(builtin.starts_with(" contact"), "{builtin}");
    // A config format a command does not have (render) leaves that command's default alone.
    let help = stdout(with_config(dir.path(), config).args(["render", "--help"]));
    assert!(!help.contains("[default: json]"), "{help}");
}

#[test]
fn book_flag_beats_environment_beats_walking_up_beats_config() {
    let dir = tempfile::tempdir().unwrap();
    let demo = repo_root().join("examples/demo");
    let config = format!("book = {:?}\n", demo.display().to_string());
    let empty = tempfile::tempdir().unwrap();
    // Nothing above an empty temp folder: the config's book.
    let from_config = stdout(
        with_config(dir.path(), &config)
            .args(["check"])
            .current_dir(empty.path()),
    );
    assert!(from_config.starts_with("ok: "), "{from_config}");
    // A book found by walking up wins over the config's.
    let other = crate::util::TestBook::new().customer("only-one");
    let walked = stdout(
        with_config(dir.path(), &config)
            .args(["check"])
            .current_dir(other.path()),
    );
    assert!(walked.starts_with("ok: 1 contacts"), "{walked}");
    // FOLIO_BOOK wins over walking up; --book over FOLIO_BOOK.
    let env = stdout(
        with_config(dir.path(), &config)
            .args(["check"])
            .env("FOLIO_BOOK", &demo)
            .current_dir(other.path()),
    );
    assert!(!env.starts_with("ok: 1 contacts"), "{env}");
    let flag = stdout(
        with_config(dir.path(), &config)
            .args(["--book"])
            .arg(other.path())
            .args(["check"])
            .env("FOLIO_BOOK", &demo),
    );
    assert!(flag.starts_with("ok: 1 contacts"), "{flag}");
}

#[test]
fn as_of_from_the_config_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    let args = ["--book", "examples/demo", "balance", "--format", "csv"];
    let configured = stdout(
        with_config(dir.path(), "as_of = \"2026-06-30\"\n")
            .args(args)
            .current_dir(&root),
    );
    let explicit = stdout(
        folio()
            .args(args)
            .args(["--as-of", "2026-06-30"])
            .current_dir(&root),
    );
    assert_eq!(configured, explicit);
    let flag_wins = stdout(
        with_config(dir.path(), "as_of = \"2026-06-30\"\n")
            .args(args)
            .args(["--as-of", "2026-11-25"])
            .current_dir(&root),
    );
    let november = stdout(
        folio()
            .args(args)
            .args(["--as-of", "2026-11-25"])
            .current_dir(&root),
    );
    assert_eq!(flag_wins, november);
    assert_ne!(configured, november);
}

#[test]
fn color_flag_beats_no_color_beats_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    let escape = |out: &str| out.contains("\x1b[");
    let always = "color = \"always\"\n";
    assert!(escape(&stdout(
        with_config(dir.path(), always)
            .args(BALANCE)
            .current_dir(&root)
    )));
    assert!(!escape(&stdout(
        with_config(dir.path(), always)
            .args(BALANCE)
            .env("NO_COLOR", "1")
            .current_dir(&root)
    )));
    assert!(!escape(&stdout(
        with_config(dir.path(), always)
            .args(BALANCE)
            .args(["--color", "never"])
            .current_dir(&root)
    )));
    assert!(escape(&stdout(
        with_config(dir.path(), "color = \"never\"\n")
            .args(BALANCE)
            .args(["--color", "always"])
            .current_dir(&root)
    )));
}

#[test]
fn a_mistake_in_the_config_names_the_file_and_the_nearest_key() {
    let dir = tempfile::tempdir().unwrap();
    let output = with_config(dir.path(), "formt = \"json\"\n")
        .args(["help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("config.toml: unknown key `formt`; did you mean `format`?"),
        "{stderr}"
    );
}

#[test]
fn the_config_is_found_under_xdg_config_home() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("folio")).unwrap();
    std::fs::write(dir.path().join("folio/config.toml"), "format = \"csv\"\n").unwrap();
    let mut command = folio();
    command
        .env_remove("FOLIO_CONFIG")
        .env("XDG_CONFIG_HOME", dir.path())
        .args(BALANCE)
        .current_dir(repo_root());
    assert!(stdout(&mut command).starts_with("contact,"));
}

/// The user config is a settings file: `FOLIO_CONFIG=/dev/zero` stops at 1 MiB with a clear
/// error rather than reading forever.
#[cfg(unix)]
#[test]
fn a_user_config_that_never_ends_is_refused() {
    let output = folio()
        .env("FOLIO_CONFIG", "/dev/zero")
        .args(["help"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: larger than 1 MiB, the most folio reads from a settings file"),
        "{stderr}"
    );
}
