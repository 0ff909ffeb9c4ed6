//! A book in git: what `folio init` writes so that a book merges well (`.gitattributes`), keeps
//! machine-local files out of commits (`.gitignore`), and, on request, refuses commits that
//! `folio check` finds errors in (a pre-commit hook). git is run as a program, with argument
//! lists and never through a shell.

use super::LOCK_FILE;
use super::alerts_state::STATE_FILE;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `.gitattributes` of a new book.
pub const GITATTRIBUTES: &str = concat!(
    "# Journal files hold one entry per line: concurrent appends merge by keeping both sides.\n",
    "*.journal merge=union\n",
    // With git, `folio init` then routes journals and documents to the merge driver
    // (`record::merge_driver::install`, docs/git.md); a book without git keeps the union merge.
);

/// The folder `folio report html` writes to unless `--out` says otherwise.
pub const REPORT_DIR: &str = "folio-report";

/// `.gitignore` of a new book: what folio writes that belongs to one machine or one run.
pub fn gitignore() -> String {
    format!(
        "# Held while a folio command writes the book.\n{LOCK_FILE}\n\
         # Temporary files of folio's atomic writes, left only by a crash.\n.folio-*.tmp\n\
         # The last run of `folio alerts` on this machine (docs/alerts.md).\n{STATE_FILE}\n\
         # Where `folio report html` writes by default.\n{REPORT_DIR}/\n"
    )
}

/// The line that tells folio's pre-commit hook from another, for whoever reads the file.
const HOOK_MARK: &str = "# folio pre-commit hook";

/// Where a new book stands with respect to git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repository {
    /// Not in a git work tree: `init` makes one.
    None,
    /// Inside the work tree whose top folder is this: no repository is nested in it.
    Enclosing(PathBuf),
}

/// Fails with exit 69 when git cannot be run, naming `--no-git`.
pub fn require_git() -> Result<()> {
    match Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(Error::Unavailable(format!(
            "`git --version` failed ({status}): folio init makes the book a git repository; fix git, or pass --no-git; nothing was written"
        ))),
        Err(e) => Err(Error::Unavailable(format!(
            "cannot run git ({e}): folio init makes the book a git repository; install git, or pass --no-git; nothing was written"
        ))),
    }
}

/// Whether `dir` (which may not exist yet: its nearest existing parent is asked) lies in a git
/// work tree.
pub fn find(dir: &Path) -> Result<Repository> {
    let existing = dir
        .ancestors()
        .find(|path| path.as_os_str().is_empty() || path.is_dir())
        .map(|path| {
            if path.as_os_str().is_empty() {
                Path::new(".")
            } else {
                path
            }
        })
        .unwrap_or(Path::new("."));
    let output = git(
        existing,
        &["rev-parse", "--is-inside-work-tree", "--show-toplevel"],
    )?;
    if !output.status.success() {
        return Ok(Repository::None);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    match (lines.next(), lines.next()) {
        (Some("true"), Some(top)) => Ok(Repository::Enclosing(PathBuf::from(top))),
        _ => Ok(Repository::None),
    }
}

/// `git init` in `dir`, which exists.
pub fn init(dir: &Path) -> Result<()> {
    let output = git(dir, &["init", "--quiet"])?;
    succeeded(&output, "git init")
}

/// What became of the pre-commit hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hook {
    /// Written at this path.
    Written(PathBuf),
    /// A hook was there already, left as it is.
    Kept(PathBuf),
}

/// Writes the pre-commit hook of the repository that holds `book` (an existing folder), running
/// `folio check` on the book as the commit would store it. `folio` is the binary the hook runs
/// when `$FOLIO_BIN` is unset and it exists; else `folio` from `PATH`.
pub fn install_hook(book: &Path, folio: Option<&Path>) -> Result<Hook> {
    let hooks = git_line(book, &["rev-parse", "--git-path", "hooks"])?;
    let hooks = book.join(hooks);
    std::fs::create_dir_all(&hooks).map_err(|e| Error::io(&hooks, e))?;
    let hooks = std::fs::canonicalize(&hooks).map_err(|e| Error::io(&hooks, e))?;
    let prefix = git_line(book, &["rev-parse", "--show-prefix"])?;
    let path = hooks.join("pre-commit");
    // One pre-commit hook per repository: one already there (the user's, or folio's for another
    // book of the same repository) is not replaced.
    if path.symlink_metadata().is_ok() {
        return Ok(Hook::Kept(path));
    }
    let folio = folio.map(|path| path.to_string_lossy().into_owned());
    crate::fsio::write_atomic(&path, hook_text(&prefix, folio.as_deref()).as_bytes())?;
    make_executable(&path)?;
    Ok(Hook::Written(path))
}

/// The hook: a POSIX shell script. It checks the index (what the commit stores), not the work
/// tree, by exporting it to a temporary folder, so a fix left unstaged does not pass a broken
/// commit.
fn hook_text(prefix: &str, folio: Option<&str>) -> String {
    let quote = |text: &str| format!("'{}'", text.replace('\'', "'\\''"));
    let built = folio.map_or_else(|| "''".to_string(), quote);
    format!(
        r#"#!/bin/sh
{HOOK_MARK}, written by `folio init --hooks` (docs/git.md).
# Refuses a commit while `folio check` finds errors in the book as the commit would store it.
# The folio it runs: $FOLIO_BIN, else the binary that wrote this hook, else `folio` on PATH.
# Skip it once with `git commit --no-verify`.
folio=${{FOLIO_BIN:-}}
if [ -z "$folio" ]; then
    folio={built}
    [ -n "$folio" ] && [ -x "$folio" ] || folio=folio
fi
if ! command -v "$folio" >/dev/null 2>&1; then
    echo "pre-commit: cannot run folio ($folio); set FOLIO_BIN, or commit with --no-verify" >&2
    exit 69
fi
snapshot=$(mktemp -d "${{TMPDIR:-/tmp}}/folio-pre-commit.XXXXXX") || exit 74
trap 'rm -rf "$snapshot"' EXIT
trap 'exit 130' INT TERM
git checkout-index --all --prefix="$snapshot/" || exit 74
book="$snapshot/"{prefix}
# A commit that does not hold the book yet has nothing to check.
[ -f "$book/folio.toml" ] || exit 0
cd "$book" || exit 74
unset FOLIO_BOOK
"$folio" check
status=$?
if [ "$status" -ne 0 ]; then
    echo "pre-commit: folio check failed (exit $status): the commit was not made" >&2
fi
exit "$status"
"#,
        prefix = quote(prefix)
    )
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<()> {
    Ok(())
}

/// `git -C DIR ARGS` with no standard input: how folio runs git everywhere, as a program with an
/// argument list (never through a shell) that never waits for a terminal.
pub(crate) fn git_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args).stdin(Stdio::null());
    command
}

fn git(dir: &Path, args: &[&str]) -> Result<Output> {
    git_command(dir, args).output().map_err(|e| {
        Error::Unavailable(format!(
            "cannot run git ({e}); install git, or pass --no-git"
        ))
    })
}

/// The first line git printed, after checking it succeeded.
fn git_line(dir: &Path, args: &[&str]) -> Result<String> {
    let output = git(dir, args)?;
    succeeded(&output, &format!("git {}", args.join(" ")))?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string())
}

fn succeeded(output: &Output, what: &str) -> Result<()> {
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    Err(Error::Unavailable(format!(
        "`{what}` failed ({}): {}",
        output.status,
        said.trim()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_quotes_its_paths_for_the_shell() {
        let text = hook_text("my book/", Some("/opt/it's/folio"));
        assert!(text.contains(r"folio='/opt/it'\''s/folio'"), "{text}");
        assert!(text.contains(r#"book="$snapshot/"'my book/'"#), "{text}");
        assert!(
            text.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with(HOOK_MARK))
        );
    }

    #[test]
    fn the_ignore_list_names_what_folio_writes_for_one_machine() {
        let ignore = gitignore();
        for name in [LOCK_FILE, STATE_FILE, "folio-report/"] {
            assert!(ignore.lines().any(|line| line == name), "{name}: {ignore}");
        }
    }
}
