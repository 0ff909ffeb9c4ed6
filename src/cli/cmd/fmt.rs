//! `folio fmt [--check]`: the canonical layout of journal and contact files.

use crate::book::edit::canonical_contact;
use crate::book::{self, CONTACTS_DIR, JOURNAL_DIR, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::error::{Error, Result};
use crate::fsio;
use crate::journal::format::format_journal;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Journal lines get single spaces between fields and ` ; ` before the memo (no column alignment: a \
line changes only when its entry does, which keeps diffs and merges clean). Contact files get the \
format's key order and `key = value` spacing; comments stay. Only layout changes: amounts, ids, \
metadata and memos are kept as written, so no report changes. Lines that do not parse are left \
as they are. Running it twice changes nothing the second time.\n\
Exit codes: 0 done (or nothing to change), 1 --check found files to format, 74 I/O error, \
75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo fmt\n  folio --book examples/demo fmt --check   # in CI or a pre-commit hook")]
pub struct Args {
    /// Change nothing: list the files that would change and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// Formats every journal and contact file of the book (or only checks them).
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let root = &location.root;
    let _lock = if args.check {
        None
    } else {
        Some(args.lock.acquire(location, "folio fmt")?)
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let mut changes: Vec<(PathBuf, String)> = Vec::new();
    let journals = write::files_below(root, JOURNAL_DIR, "journal")?;
    let contacts = write::files_below(root, CONTACTS_DIR, "toml")?;
    let dir = fsio::BookDir::new(root)?;
    for path in journals.iter().chain(&contacts) {
        let shown = shown(root, path);
        let Some(bytes) = dir.read_or_refuse(path)? else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            writeln!(
                err,
                "folio: note: {} is not UTF-8; left as it is",
                shown.display()
            )?;
            continue;
        };
        let formatted = if path.extension().is_some_and(|e| e == "journal") {
            let formatted = format_journal(&text);
            if !formatted.kept_lines.is_empty() {
                writeln!(
                    err,
                    "folio: note: {}: {} line(s) with errors left as they are (line {}); see `folio check`",
                    shown.display(),
                    formatted.kept_lines.len(),
                    formatted.kept_lines[0]
                )?;
            }
            formatted.text
        } else {
            match canonical_contact(text.strip_prefix('\u{feff}').unwrap_or(&text)) {
                Ok(formatted) => formatted,
                Err(why) => {
                    writeln!(err, "folio: note: {}: {why}", shown.display())?;
                    continue;
                }
            }
        };
        if formatted != text {
            changes.push((path.clone(), formatted));
        }
    }
    // The dunning journal is history, left as written, but a last line cut off by a crash gets
    // its line break back (`check` names it, and `remind` appends nothing after it until then).
    let sends = book::sends::path(root);
    if let Some(bytes) = dir.read_or_refuse(&sends)?
        && let Ok(text) = String::from_utf8(bytes)
        && !text.is_empty()
        && !text.ends_with('\n')
    {
        changes.push((sends, format!("{text}\n")));
    }
    for (path, formatted) in &changes {
        writeln!(out, "{}", shown(root, path).display())?;
        if !args.check {
            write::confine(root, path)?;
            fsio::write_atomic(path, formatted.as_bytes())?;
        }
    }
    if args.check && !changes.is_empty() {
        return Err(Error::Condition(String::new()));
    }
    Ok(())
}

fn shown(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => crate::book::display_path(root, relative),
        Err(_) => path.to_path_buf(),
    }
}
