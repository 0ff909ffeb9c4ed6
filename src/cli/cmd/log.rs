//! `folio log CONTACT|DOC`: the history of one contact or document from git, commit by commit,
//! with what each commit changed in it (docs/commands/log.md).

use crate::book::revision::{Commit, Repository, Snapshot, Version, edited_documents};
use crate::book::{Book, CONTACTS_DIR, DOCUMENTS_DIR, JOURNAL_DIR};
use crate::cli::Context;
use crate::cli::common::load_version;
use crate::cli::settings::{parse_end_date, today};
use crate::error::{Error, Result};
use crate::report::diff::{BookDiff, DiffSide, diff};
use chrono::NaiveDate;
use serde_json::json;
use std::io::Write;

/// Arguments of `folio log`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  git -C examples/demo init -q && git -C examples/demo add -A && git -C examples/demo commit -qm 'Atelier Lumière'\n  folio --book examples/demo contact set cafe-leopold credit_limit=4000 && git -C examples/demo commit -qam 'Cafe Leopold: higher limit'\n  folio --book examples/demo log cafe-leopold\n  folio --book examples/demo log INV-2026-0001 --format json"
)]
pub struct Args {
    /// A contact id or a document id.
    #[arg(value_name = "CONTACT|DOC")]
    target: String,
    /// Balances and overdue amounts before and after each commit as of this date (default:
    /// today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Table)]
    format: LogFormat,
}

/// `--format` of `folio log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// A block per commit, for people.
    Table,
    /// One object, for programs.
    Json,
}

/// What the log follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Contact,
    Document,
}

/// One commit that changed the target, and what it changed.
struct Change {
    commit: Commit,
    diff: BookDiff,
}

/// Prints the commits that changed one contact or document, newest first.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = context.location()?;
    let repository = Repository::open(&location.root)?;
    let id = args.target.as_str();
    // The ids are looked up in the files on disk even when they hold errors: the history of a
    // book being fixed is still worth reading.
    let current = crate::book::read(&location, crate::book::Checks::ErrorsOnly)?.book;
    let target = target_of(&repository, &current, id)?;
    let paths = match target {
        Target::Contact => vec![format!("{CONTACTS_DIR}/{id}.toml"), JOURNAL_DIR.to_string()],
        Target::Document => vec![JOURNAL_DIR.to_string(), format!("{DOCUMENTS_DIR}/{id}.*")],
    };
    let as_of = args.as_of.unwrap_or_else(today);
    let changes = history(&repository, &paths, target, id, as_of)?;
    let kind = match target {
        Target::Contact => "contact",
        Target::Document => "document",
    };
    if args.format == LogFormat::Json {
        let commits: Vec<serde_json::Value> = changes
            .iter()
            .map(|change| {
                let c = &change.commit;
                json!({
                    "commit": c.hash,
                    "author": c.author,
                    "email": c.email,
                    "date": c.date,
                    "subject": c.subject,
                    "changes": crate::output::diff::json(&change.diff),
                })
            })
            .collect();
        let value = json!({"id": id, "kind": kind, "as_of": as_of.to_string(), "commits": commits});
        serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if changes.is_empty() {
        writeln!(out, "No commit changed {kind} {id}.")?;
    }
    for change in &changes {
        let c = &change.commit;
        let short = c.hash.get(..10).unwrap_or(&c.hash);
        writeln!(
            out,
            "{short}  {}  {} <{}>  {}",
            c.date, c.author, c.email, c.subject
        )?;
        for line in crate::output::diff::lines(&change.diff) {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(())
}

/// A contact when the book (or its history) has a contact of that id, else a document.
fn target_of(repository: &Repository, book: &Book, id: &str) -> Result<Target> {
    // Not an id a contact or document can have: never a git pathspec pattern.
    if let Err(problem) = crate::journal::parser::check_document_id(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a contact or document id: {problem}"
        )));
    }
    if book.contact_index(id).is_some() {
        return Ok(Target::Contact);
    }
    if book.find_entry(id).is_some() {
        return Ok(Target::Document);
    }
    if !repository
        .log(&[format!("{CONTACTS_DIR}/{id}.toml")])?
        .is_empty()
    {
        return Ok(Target::Contact);
    }
    if !repository
        .log(&[format!("{DOCUMENTS_DIR}/{id}.*")])?
        .is_empty()
    {
        return Ok(Target::Document);
    }
    let contacts = book.contacts.iter().map(|c| c.id.as_str());
    let documents = book.entries.iter().map(|e| book.entry_id(e));
    let near = crate::diagnostic::nearest(id, contacts.chain(documents), 3);
    Err(Error::NotFound(format!(
        "no contact or document `{id}` in this book or its history{}",
        crate::diagnostic::suggestion(&near)
    )))
}

/// Each commit that touched `paths` and changed the target, newest first. A commit whose book
/// (or whose parent's) is invalid cannot be compared: it stops the log with exit 65, naming it.
fn history(
    repository: &Repository,
    paths: &[String],
    target: Target,
    id: &str,
    as_of: NaiveDate,
) -> Result<Vec<Change>> {
    let mut commits = repository.log(paths)?;
    commits.reverse();
    let mut previous: Option<(String, Snapshot, Option<Book>)> = None;
    let mut changes = Vec::new();
    for commit in commits {
        let label = |hash: &str| format!("at commit {}", hash.get(..10).unwrap_or(hash));
        let (old_files, old_book) = match (previous.take(), &commit.parent) {
            (Some((hash, files, book)), Some(parent)) if &hash == parent => (files, book),
            (_, Some(parent)) => {
                load_version(repository, &Version::Commit(parent.clone()), &label(parent))?
            }
            (_, None) => load_version(repository, &Version::Nothing, "before the first commit")?,
        };
        let version = Version::Commit(commit.hash.clone());
        let (new_files, new_book) = load_version(repository, &version, &label(&commit.hash))?;
        let edited = edited_documents(&old_files, &new_files)?;
        let whole = diff(
            &DiffSide::new(old_book.as_ref(), as_of),
            &DiffSide::new(new_book.as_ref(), as_of),
            &edited,
            as_of,
        );
        let mine = match target {
            Target::Contact => whole.of_contact(id),
            Target::Document => whole.of_document(id),
        };
        previous = Some((commit.hash.clone(), new_files, new_book));
        if !mine.is_empty() {
            changes.push(Change { commit, diff: mine });
        }
    }
    changes.reverse();
    Ok(changes)
}
