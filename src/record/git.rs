//! What `folio renumber` and `folio merge-driver` ask git: which commit brought a journal line, how
//! commits are ordered, a file as a commit had it. git is run as a program with an argument list
//! (never through a shell) in the book's directory; a book outside git, or no git at all, is no
//! error here: the callers then fall back to journal order.

use crate::book::repository::git_command;
use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::process::Stdio;

/// The commit that brought a line, as `git blame` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The commit's id; all zeros for a line not committed yet.
    pub commit: String,
    /// The committer's time, in seconds since the epoch (`i64::MAX` when not committed yet: such a
    /// line is the newest of all).
    pub time: i64,
}

impl Origin {
    /// True for a line that no commit holds yet.
    pub(crate) fn uncommitted(&self) -> bool {
        self.commit.bytes().all(|b| b == b'0')
    }
}

/// Runs git with `args` in `dir`, returning its standard output when it succeeds; `None` when git
/// is missing or fails (not a repository, an unknown revision).
pub(crate) fn output(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let output = git_command(dir, args).stderr(Stdio::null()).output().ok()?;
    output.status.success().then_some(output.stdout)
}

/// True when `dir` is inside a git working tree (and git runs).
pub(crate) fn is_work_tree(dir: &Path) -> bool {
    output(dir, &["rev-parse", "--is-inside-work-tree"]).is_some_and(|out| out.starts_with(b"true"))
}

/// The commit of every line of `file` (relative to `dir`), 1-based line number as key, from
/// `git blame --porcelain`. During a merge, blame also follows the branch being merged
/// (MERGE_HEAD), so the lines a union merge brought keep the commit that wrote them.
pub(crate) fn blame(dir: &Path, file: &Path) -> Option<FxHashMap<u32, Origin>> {
    let file = file.to_str()?;
    let text = output(dir, &["blame", "--porcelain", "--", file])?;
    let text = String::from_utf8_lossy(&text);
    let mut times: FxHashMap<String, i64> = FxHashMap::default();
    let mut lines: Vec<(u32, String)> = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with('\t') {
            continue;
        }
        let mut words = line.split(' ');
        let first = words.next().unwrap_or_default();
        if first.len() >= 40 && first.bytes().all(|b| b.is_ascii_hexdigit()) {
            let final_line = words.nth(1).and_then(|n| n.parse().ok());
            if let Some(number) = final_line {
                lines.push((number, first.to_string()));
                current = Some(first.to_string());
            }
        } else if let (Some("committer-time"), Some(time), Some(commit)) =
            (Some(first), words.next(), current.as_ref())
        {
            times.insert(commit.clone(), time.parse().unwrap_or(0));
        }
    }
    Some(
        lines
            .into_iter()
            .map(|(number, commit)| {
                let uncommitted = commit.bytes().all(|b| b == b'0');
                let time = if uncommitted {
                    i64::MAX
                } else {
                    times.get(&commit).copied().unwrap_or(0)
                };
                (number, Origin { commit, time })
            })
            .collect(),
    )
}

/// True when commit `ancestor` is `descendant` or one of its ancestors.
pub(crate) fn is_ancestor(dir: &Path, ancestor: &str, descendant: &str) -> bool {
    if ancestor == descendant {
        return true;
    }
    git_command(dir, &["merge-base", "--is-ancestor", ancestor, descendant])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The text of `file` (relative to the repository's top) in `commit`, when it has it.
pub(crate) fn show(dir: &Path, commit: &str, file: &str) -> Option<String> {
    let spec = format!("{commit}:./{file}");
    output(dir, &["show", &spec]).and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Runs git with `args` in `dir` where git is required: its standard output, or
/// [`Error::Unavailable`] (exit 69) naming what failed, when git is missing or fails.
pub(crate) fn required(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = git_command(dir, args).output().map_err(|e| {
        Error::Unavailable(format!(
            "cannot run git: {e}; install git, or put it on PATH"
        ))
    })?;
    if !output.status.success() {
        return Err(Error::Unavailable(format!(
            "`git {}` failed in {}: {}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}
