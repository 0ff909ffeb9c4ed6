//! `folio merge-driver`: the git merge driver of a book's journals and documents (docs/git.md);
//! `--install` wires it, `--post-merge` is what the hook it installs runs.

use crate::cli::Context;
use crate::error::{Error, Result};
use crate::record::merge_driver;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `folio merge-driver`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
git runs it as `folio merge-driver %O %A %B %P` for the files .gitattributes sends to it \
(`*.journal merge=folio`, `documents/*.toml merge=folio`): journals merge as a union, and the ids \
the other branch took too are renumbered; a document both branches added under one number stays \
ours and theirs moves to its new number. `--install` writes those lines, the [merge \"folio\"] \
driver in the repository's config, and a post-merge hook.\n\
Exit codes: 0 merged, 1 conflicts left for you, 69 git missing or failing, 74 I/O error.\n\n\
Examples:\n  folio merge-driver --install\n  git merge colleague")]
pub struct Args {
    /// Wire the driver for this book: .gitattributes, .git/config, the post-merge hook.
    #[arg(long, conflicts_with_all = ["post_merge", "ancestor"])]
    install: bool,
    /// Commit the documents the last merge renumbered (what the post-merge hook runs).
    #[arg(long, conflicts_with = "ancestor")]
    post_merge: bool,
    /// The common ancestor's version (%O; empty when both sides added the file).
    #[arg(value_name = "ANCESTOR", requires_all = ["ours", "theirs", "path"])]
    ancestor: Option<PathBuf>,
    /// Our version (%A), replaced by the result.
    #[arg(value_name = "OURS")]
    ours: Option<PathBuf>,
    /// Their version (%B).
    #[arg(value_name = "THEIRS")]
    theirs: Option<PathBuf>,
    /// The file's path in the repository (%P).
    #[arg(value_name = "PATH")]
    path: Option<String>,
}

/// Merges one file for git, or installs the driver, or commits what a merge renumbered.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    if args.install {
        let location = context.location()?;
        for sentence in merge_driver::install(&location.root)? {
            writeln!(out, "{sentence}")?;
        }
        return Ok(());
    }
    let top = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    if args.post_merge {
        for file in merge_driver::post_merge(&top)? {
            writeln!(out, "committed {file}")?;
        }
        return Ok(());
    }
    let (Some(ancestor), Some(ours), Some(theirs), Some(path)) =
        (&args.ancestor, &args.ours, &args.theirs, &args.path)
    else {
        return Err(Error::Usage(
            "merge-driver takes ANCESTOR OURS THEIRS PATH (git's %O %A %B %P), --install or --post-merge".into(),
        ));
    };
    let outcome = merge_driver::merge(ancestor, ours, theirs, path)?;
    let mut err = std::io::stderr().lock();
    for note in &outcome.notes {
        writeln!(err, "folio: {note}")?;
    }
    if outcome.clean {
        Ok(())
    } else {
        Err(Error::Condition(String::new()))
    }
}
