//! `folio diff`: what a change does to the book, for review (docs/commands/diff.md).

use crate::book::revision::{Repository, Version, edited_documents};
use crate::cli::Context;
use crate::cli::common::load_version;
use crate::cli::settings::{parse_end_date, today};
use crate::error::{Error, Result};
use crate::report::diff::{DiffSide, diff};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio diff`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  git -C examples/demo init -q && git -C examples/demo add -A && git -C examples/demo commit -qm 'The demo book'\n  folio --book examples/demo contact set cafe-leopold credit_limit=4000 && folio --book examples/demo diff\n  folio --book examples/demo diff HEAD --staged --format json\n\nWith no RANGE: HEAD against the files on disk; --staged: HEAD against the next commit;\nmain..feature: what merging feature would bring."
)]
pub struct Args {
    /// REV1..REV2 (either side empty means HEAD), or REV to compare REV with the work tree (or
    /// the index with --staged); default HEAD.
    #[arg(value_name = "RANGE")]
    range: Option<String>,
    /// Compare with what is staged for the next commit instead of the files on disk.
    #[arg(long, visible_alias = "cached")]
    staged: bool,
    /// Balances and overdue amounts on both sides as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
}

/// `--format` of `folio diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Sections of lines, for people.
    Table,
    /// One object, for programs.
    Json,
}

/// A side as the user named it, and as git resolved it.
struct Named {
    label: String,
    version: Version,
}

/// Prints what the change between two versions of the book does to it.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = context.location()?;
    let repository = Repository::open(&location.root)?;
    let (old, new) = sides(args, &repository)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let (old_files, old_book) = load_version(
        &repository,
        &old.version,
        &format!("before ({})", old.label),
    )?;
    let (new_files, new_book) =
        load_version(&repository, &new.version, &format!("after ({})", new.label))?;
    let edited = edited_documents(&old_files, &new_files)?;
    let before = DiffSide::new(old_book.as_ref(), as_of);
    let after = DiffSide::new(new_book.as_ref(), as_of);
    let change = diff(&before, &after, &edited, as_of);
    if args.format == DiffFormat::Json {
        let mut value = serde_json::json!({
            "from": old.label,
            "from_commit": commit_of(&old.version),
            "to": new.label,
            "to_commit": commit_of(&new.version),
            "as_of": as_of.to_string(),
        });
        if let (Some(object), serde_json::Value::Object(body)) =
            (value.as_object_mut(), crate::output::diff::json(&change))
        {
            object.extend(body);
        }
        serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} → {} (balances as of {as_of})",
        old.label, new.label
    )?;
    if change.is_empty() {
        writeln!(out, "No change to the book.")?;
    }
    for line in crate::output::diff::lines(&change) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn commit_of(version: &Version) -> Option<&str> {
    match version {
        Version::Commit(hash) => Some(hash),
        _ => None,
    }
}

/// The two sides the arguments name.
fn sides(args: &Args, repository: &Repository) -> Result<(Named, Named)> {
    let commit = |revision: &str| -> Result<Named> {
        Ok(Named {
            label: revision.to_string(),
            version: Version::Commit(repository.resolve(revision)?),
        })
    };
    let working = || Named {
        label: if args.staged { "index" } else { "work tree" }.to_string(),
        version: if args.staged {
            Version::Index
        } else {
            Version::WorkTree
        },
    };
    let Some(range) = args.range.as_deref() else {
        // A repository without a commit yet: everything on disk (or staged) is new.
        let head = commit("HEAD").unwrap_or(Named {
            label: "no commit".to_string(),
            version: Version::Nothing,
        });
        return Ok((head, working()));
    };
    if range.contains("...") {
        return Err(Error::Usage(format!(
            "`{range}`: folio diff compares two versions, REV1..REV2; `...` (against a merge base) is not supported"
        )));
    }
    match range.split_once("..") {
        Some(_) if args.staged => Err(Error::Usage(
            "--staged compares the index with one revision: give REV, not REV1..REV2".to_string(),
        )),
        Some((from, to)) => {
            let or_head = |side: &str| {
                if side.is_empty() {
                    "HEAD".to_string()
                } else {
                    side.to_string()
                }
            };
            Ok((commit(&or_head(from))?, commit(&or_head(to))?))
        }
        None => Ok((commit(range)?, working())),
    }
}
