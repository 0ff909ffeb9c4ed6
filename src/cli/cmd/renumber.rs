//! `folio renumber`: ids used twice (after a merge of two branches) resolved by giving the later
//! entry the next free number, everywhere it appears.

use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::error::Result;
use crate::record::renumber::{self, Change, Plan};
use std::io::Write;

/// Arguments of `folio renumber`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Of two entries with one id, the earlier (by the commit that brought its line, else by journal \
order) keeps it; the later takes the next free number of its [numbering] pattern on its journal \
line, in the ref:s that belong to it and in its document file (renamed, with its id and payment \
communication made again), all written in one change under the book's lock. A document already \
sent is never renumbered.\n\
Exit codes: 0 renumbered (or nothing to do), 65 invalid book or a document that must keep its \
number, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo renumber --dry-run\n  folio --book examples/demo renumber\n  \
folio --book examples/demo renumber --dry-run --format json")]
pub struct Args {
    /// Print the plan (old id -> new id, files touched) and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// text, or json: {order, dry_run, renumbered: [{old, new, kind, contact, line, kept, refs,
    /// document}], files}.
    #[arg(id = "renumber_format", long = "format", value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    lock: LockArgs,
}

/// `--format` of `folio renumber`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// Plans the renumbering, prints it, and writes it unless `--dry-run`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let lock = args.lock.acquire(location, "folio renumber")?;
    let (book, diagnostics) = crate::book::load(location)?;
    crate::book::check_finished(&book)?;
    let plan = renumber::plan(&book, &diagnostics)?;
    if !args.dry_run {
        crate::fsio::failpoint("locked");
        renumber::apply(&plan)?;
    }
    drop(lock);
    match args.format {
        Format::Json => write_json(&plan, args.dry_run, out),
        Format::Text => write_text(&plan, args.dry_run, out),
    }
}

fn at((path, line): &(std::path::PathBuf, u32)) -> String {
    format!("{}:{line}", path.display())
}

fn write_text(plan: &Plan, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    if plan.changes.is_empty() {
        writeln!(out, "No id is used twice: nothing to renumber.")?;
        return Ok(());
    }
    for change in &plan.changes {
        writeln!(
            out,
            "{} -> {}  {} {} at {}",
            change.old,
            change.new,
            change.kind.as_str(),
            change.contact,
            at(&change.at)
        )?;
        for reference in &change.refs {
            writeln!(
                out,
                "  ref:{} -> ref:{} at {}",
                change.old,
                change.new,
                at(reference)
            )?;
        }
        if let Some((from, to, communication)) = &change.document {
            writeln!(out, "  {} -> {}", from.display(), to.display())?;
            if let Some(communication) = communication {
                writeln!(out, "  communication {communication}")?;
            }
        }
    }
    let files = plan.files().count();
    let order = match plan.order {
        renumber::Order::Git => "by commit",
        renumber::Order::Journal => "by journal order (the book is not in git)",
    };
    let done = if dry_run { "would change" } else { "changed" };
    writeln!(
        out,
        "{} entr{} renumbered, later told {order}; {files} file(s) {done}{}",
        plan.changes.len(),
        if plan.changes.len() == 1 { "y" } else { "ies" },
        if dry_run {
            "; nothing written (--dry-run)"
        } else {
            ""
        }
    )?;
    Ok(())
}

fn change_json(change: &Change) -> serde_json::Value {
    serde_json::json!({
        "old": change.old,
        "new": change.new,
        "kind": change.kind.as_str(),
        "contact": change.contact,
        "line": at(&change.at),
        "kept": at(&change.kept),
        "refs": change.refs.iter().map(at).collect::<Vec<_>>(),
        "document": change.document.as_ref().map(|(from, to, communication)| serde_json::json!({
            "from": from.display().to_string(),
            "to": to.display().to_string(),
            "communication": communication,
        })),
    })
}

fn write_json(plan: &Plan, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    let value = serde_json::json!({
        "order": plan.order.as_str(),
        "dry_run": dry_run,
        "renumbered": plan.changes.iter().map(change_json).collect::<Vec<_>>(),
        "files": plan.files().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
