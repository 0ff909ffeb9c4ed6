//! `folio merge-driver`: the git merge driver of a book's journals and documents, so that a plain
//! `git merge` of two branches that each issued documents needs no manual step.
//!
//! git calls it once per file that both sides changed, as `folio merge-driver %O %A %B %P`: the
//! ancestor's version, ours (where the result goes), theirs, and the file's path in the
//! repository. For two sides that each *added* the file (an add/add), the ancestor is empty.
//! git merges paths in reverse path order, so a book's `journal/` files are merged before its
//! `documents/`:
//!
//! * a journal file is merged as `merge=union` does (`git merge-file --union`); then every line
//!   only theirs added whose id is now used twice (or is in another journal file or a document
//!   of ours) takes the next free number of its `[numbering]` pattern, with the `ref:`s of the
//!   lines theirs added that name it, and the renumbering is noted for the documents (in the git
//!   directory, `folio-merge-renumbered`, keyed by our commit);
//! * a document both sides added (`documents/<ID>.toml`) stays ours at its path, and theirs is
//!   written as `documents/<NEW>.toml`, with its id and payment communication made again, when the
//!   journal merge renumbered theirs `ID`. A new path is not part of git's merge result: git leaves
//!   it in the working tree, and the merge commit is followed by a commit of it (`--post-merge`,
//!   the `post-merge` hook `--install` writes). Any other document change is merged by
//!   `git merge-file`, with conflict markers when both sides changed the same lines.

use super::git;
use super::renumber::renumbered_document;
use crate::book::numbering::NumberingConfig;
use crate::book::{sends, statement_sends};
use crate::error::{Error, Result};
use crate::journal::parser::parse_line;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};

/// The note of what a merge renumbered, in the git directory.
const STATE: &str = "folio-merge-renumbered";

/// What merging one file did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// False when conflicts are left for the user (git then marks the file conflicted).
    pub clean: bool,
    /// Sentences for stderr: what was renumbered or written.
    pub notes: Vec<String>,
}

/// Merges one file for git: `ancestor`, `ours` (overwritten with the result) and `theirs` are
/// git's temporary files, `path` the file's path from the top of the working tree, which is the
/// current directory.
pub(crate) fn merge(ancestor: &Path, ours: &Path, theirs: &Path, path: &str) -> Result<Outcome> {
    let top = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let relative = Path::new(path);
    let book = book_of(&top, relative);
    let is_journal = relative.extension().is_some_and(|e| e == "journal");
    match book {
        Some(book) if is_journal && in_folder(&book, &top, relative, "journal") => {
            merge_journal(&top, &book, ancestor, ours, theirs, relative)
        }
        Some(book) if in_folder(&book, &top, relative, crate::book::DOCUMENTS_DIR) => {
            merge_document(&top, &book, ancestor, ours, theirs)
        }
        Some(book) if in_folder(&book, &top, relative, "contacts") => {
            merge_contact(&top, ancestor, ours, theirs)
        }
        _ if is_journal => union(&top, ancestor, ours, theirs).map(|text| {
            write(ours, &text)?;
            Ok(Outcome {
                clean: true,
                notes: Vec::new(),
            })
        })?,
        _ => merge_file(&top, ancestor, ours, theirs),
    }
}

/// The book a path of the repository belongs to: the nearest folder above it holding folio.toml.
fn book_of(top: &Path, relative: &Path) -> Option<PathBuf> {
    relative
        .ancestors()
        .skip(1)
        .map(|dir| top.join(dir))
        .find(|dir| dir.join(crate::book::CONFIG_FILE).is_file())
}

fn in_folder(book: &Path, top: &Path, relative: &Path, folder: &str) -> bool {
    top.join(relative).starts_with(book.join(folder))
}

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::InvalidData(format!("{}: not UTF-8 text", path.display())))
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}

fn union(top: &Path, ancestor: &Path, ours: &Path, theirs: &Path) -> Result<String> {
    let paths = [ours, ancestor, theirs].map(|p| p.to_string_lossy().into_owned());
    let args = [
        "merge-file",
        "--union",
        "-p",
        &paths[0],
        &paths[1],
        &paths[2],
    ];
    let merged = git::required(top, &args)?;
    String::from_utf8(merged).map_err(|_| Error::InvalidData("a journal is not UTF-8 text".into()))
}

/// A contact file: key by key ([`super::merge_contact`]); when both sides changed one key
/// differently, git's line merge with its conflict markers.
fn merge_contact(top: &Path, ancestor: &Path, ours: &Path, theirs: &Path) -> Result<Outcome> {
    let (base, mine, other) = (read(ancestor)?, read(ours)?, read(theirs)?);
    match super::merge_contact::merge(&base, &mine, &other) {
        Some(merged) if !base.is_empty() => {
            write(ours, &merged)?;
            Ok(Outcome {
                clean: true,
                notes: Vec::new(),
            })
        }
        _ => merge_file(top, ancestor, ours, theirs),
    }
}

/// A plain three-way merge of any other file, in place, conflicts marked.
fn merge_file(top: &Path, ancestor: &Path, ours: &Path, theirs: &Path) -> Result<Outcome> {
    let status = crate::book::repository::git_command(
        top,
        &["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"],
    )
    .args([ours, ancestor, theirs])
    .status()
    .map_err(|e| Error::Unavailable(format!("cannot run git: {e}")))?;
    Ok(Outcome {
        clean: status.success(),
        notes: Vec::new(),
    })
}

/// The `[numbering]` of the book (the defaults when folio.toml cannot be read).
fn numbering(book: &Path) -> NumberingConfig {
    #[derive(serde::Deserialize)]
    struct Only {
        #[serde(default)]
        numbering: NumberingConfig,
    }
    std::fs::read_to_string(book.join(crate::book::CONFIG_FILE))
        .ok()
        .and_then(|text| toml::from_str::<Only>(&text).ok())
        .map(|only| only.numbering)
        .unwrap_or_default()
}

/// The ids of the book's other journal files and of its documents, as ours has them.
fn ids_elsewhere(book: &Path, merging: &Path) -> FxHashSet<String> {
    let mut ids = FxHashSet::default();
    let mut pending = vec![book.join("journal")];
    while let Some(dir) = pending.pop() {
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in listing.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "journal") && path != merging {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                ids.extend(
                    text.lines()
                        .filter_map(|line| parse_line(line).ok().flatten())
                        .map(|parsed| parsed.id.to_string()),
                );
            }
        }
    }
    ids
}

/// A journal file: the union of both sides, then theirs' new ids that are used twice renumbered.
fn merge_journal(
    top: &Path,
    book: &Path,
    ancestor: &Path,
    ours: &Path,
    theirs: &Path,
    relative: &Path,
) -> Result<Outcome> {
    let merged = union(top, ancestor, ours, theirs)?;
    let (base_text, ours_text, theirs_text) = (read(ancestor)?, read(ours)?, read(theirs)?);
    let base: FxHashSet<&str> = base_text.lines().collect();
    let ours_lines: FxHashSet<&str> = ours_text.lines().collect();
    let theirs_new: FxHashSet<&str> = theirs_text
        .lines()
        .filter(|line| !base.contains(line) && !ours_lines.contains(line))
        .collect();
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for line in merged.lines() {
        if let Ok(Some(parsed)) = parse_line(line) {
            *counts.entry(parsed.id).or_default() += 1;
        }
    }
    let elsewhere = ids_elsewhere(book, &top.join(relative));
    let mut taken: FxHashSet<String> = counts.keys().map(|id| id.to_string()).collect();
    taken.extend(elsewhere.iter().cloned());
    let patterns = numbering(book);
    let theirs_sent = TheirsSent::read(top, book);
    let mut renumbered: Vec<(String, String)> = Vec::new();
    let mut notes = Vec::new();
    let mut clean = true;
    for line in merged.lines().filter(|line| theirs_new.contains(line)) {
        let Ok(Some(parsed)) = parse_line(line) else {
            continue;
        };
        let repeated =
            counts.get(parsed.id).is_some_and(|&n| n > 1) || elsewhere.contains(parsed.id);
        if !repeated || renumbered.iter().any(|(old, _)| old == parsed.id) {
            continue;
        }
        let pattern = patterns.pattern(parsed.kind);
        if pattern.read(parsed.id).is_none() {
            notes.push(format!(
                "{}: {} is used on both sides but follows no [numbering] pattern: left for `folio renumber`",
                relative.display(),
                parsed.id
            ));
            continue;
        }
        if let Some(record) = theirs_sent.record_of(&parsed) {
            notes.push(format!(
                "{}: the other branch already sent its {} ({record} records it): a document that went out keeps its number; the file is left conflicted: resolve it with `folio renumber`, then `git add` and commit",
                relative.display(),
                parsed.id
            ));
            clean = false;
            continue;
        }
        let new = pattern.next(parsed.date, taken.iter().map(String::as_str), |id| {
            taken.contains(id)
                || book
                    .join(crate::document::relative_path(
                        crate::document::DocumentKind::Invoice,
                        id,
                    ))
                    .exists()
        });
        taken.insert(new.clone());
        notes.push(format!(
            "{}: the other branch's {} is now {new}",
            relative.display(),
            parsed.id
        ));
        renumbered.push((parsed.id.to_string(), new));
    }
    let map: FxHashMap<&str, &str> = renumbered
        .iter()
        .map(|(o, n)| (o.as_str(), n.as_str()))
        .collect();
    let mut result = String::with_capacity(merged.len());
    for line in merged.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if theirs_new.contains(bare) {
            result.push_str(&renumber_line(bare, &map, true));
            result.push_str(&line[bare.len()..]);
        } else {
            result.push_str(line);
        }
    }
    write(ours, &result)?;
    note_renumbered(top, book, &renumbered)?;
    Ok(Outcome { clean, notes })
}

/// What the other branch sent: its dunning and statements journals as its commit has them (git
/// names the commit being merged in `GITHEAD_<id>`); empty when git does not say.
#[derive(Default)]
struct TheirsSent {
    reminded: FxHashSet<(String, String)>,
    statements: Vec<(String, chrono::NaiveDate)>,
}

impl TheirsSent {
    fn read(top: &Path, book: &Path) -> TheirsSent {
        let Some(commit) =
            std::env::vars().find_map(|(key, _)| key.strip_prefix("GITHEAD_").map(str::to_string))
        else {
            return TheirsSent::default();
        };
        let prefix = book.strip_prefix(top).unwrap_or(Path::new(""));
        let text = |name: &str| {
            git::show(top, &commit, &prefix.join(name).to_string_lossy()).unwrap_or_default()
        };
        let mut ignored = Vec::new();
        let shown = Path::new(sends::SENDS_FILE);
        let reminded = sends::parse(&text(sends::SENDS_FILE), shown, &mut ignored)
            .into_iter()
            .map(|send| (send.contact, send.document))
            .collect();
        let shown = Path::new(statement_sends::STATEMENTS_FILE);
        let statements =
            statement_sends::parse(&text(statement_sends::STATEMENTS_FILE), shown, &mut ignored)
                .into_iter()
                .map(|send| (send.contact, send.date))
                .collect();
        TheirsSent {
            reminded,
            statements,
        }
    }

    /// The journal that shows the document of `line` went out, as `folio renumber` tells it.
    fn record_of(&self, line: &crate::journal::parser::ParsedLine<'_>) -> Option<&'static str> {
        use crate::journal::Kind;
        if !matches!(line.kind, Kind::Invoice | Kind::Credit) {
            return None;
        }
        if self
            .reminded
            .contains(&(line.contact.to_string(), line.id.to_string()))
        {
            Some(sends::SENDS_FILE)
        } else if self
            .statements
            .iter()
            .any(|(to, date)| to == line.contact && *date >= line.date)
        {
            Some(statement_sends::STATEMENTS_FILE)
        } else {
            None
        }
    }
}

/// A journal line with its `ref:` and (with `id`) its id replaced by their new ids, if `map` has
/// them.
fn renumber_line(line: &str, map: &FxHashMap<&str, &str>, id: bool) -> String {
    let Ok(Some(parsed)) = parse_line(line) else {
        return line.to_string();
    };
    let mut spans = Vec::new();
    if id {
        spans.push((parsed.id_offset, parsed.id));
    }
    if let Some((target, offset)) = parsed.reference {
        spans.push((offset + 4, target));
    }
    spans.sort_unstable_by_key(|(offset, _)| std::cmp::Reverse(*offset));
    let mut text = line.to_string();
    for (offset, id) in spans {
        if let Some(new) = map.get(id) {
            text.replace_range(offset..offset + id.len(), new);
        }
    }
    text
}

/// Where the renumberings of the merge under way are noted, and the commit they are keyed by.
fn state(top: &Path) -> Result<(PathBuf, String)> {
    let path = git::required(top, &["rev-parse", "--git-path", STATE])?;
    let head = git::required(top, &["rev-parse", "HEAD"])?;
    let path = top.join(String::from_utf8_lossy(&path).trim());
    Ok((path, String::from_utf8_lossy(&head).trim().to_string()))
}

fn book_key(top: &Path, book: &Path) -> String {
    let relative = book.strip_prefix(top).unwrap_or(book).to_string_lossy();
    if relative.is_empty() {
        ".".into()
    } else {
        relative.into_owned()
    }
}

fn note_renumbered(top: &Path, book: &Path, renumbered: &[(String, String)]) -> Result<()> {
    if renumbered.is_empty() {
        return Ok(());
    }
    let (path, head) = state(top)?;
    let key = book_key(top, book);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    for (old, new) in renumbered {
        text.push_str(&format!("{head} {key} {old} {new}\n"));
    }
    crate::fsio::write_atomic(&path, text.as_bytes())
}

/// The new id the journal merge gave theirs `old`, in this merge.
fn renumbered_as(top: &Path, book: &Path, old: &str) -> Result<Option<String>> {
    let (path, head) = state(top)?;
    let key = book_key(top, book);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    Ok(text.lines().rev().find_map(|line| {
        let fields: Vec<&str> = line.split(' ').collect();
        (fields.len() == 4 && fields[0] == head && fields[1] == key && fields[2] == old)
            .then(|| fields[3].to_string())
    }))
}

/// A document file: when both sides added it with different contents and the journal merge
/// renumbered theirs, ours stays and theirs goes to its new path; else a three-way merge.
fn merge_document(
    top: &Path,
    book: &Path,
    ancestor: &Path,
    ours: &Path,
    theirs: &Path,
) -> Result<Outcome> {
    let (base_text, ours_text, theirs_text) = (read(ancestor)?, read(ours)?, read(theirs)?);
    if ours_text == theirs_text {
        return Ok(Outcome {
            clean: true,
            notes: Vec::new(),
        });
    }
    let theirs_id = toml::from_str::<toml::Table>(&theirs_text)
        .ok()
        .and_then(|t| t.get("id").and_then(|v| v.as_str()).map(str::to_string));
    let new = match &theirs_id {
        Some(old) if base_text.is_empty() => renumbered_as(top, book, old)?,
        _ => None,
    };
    let (Some(old), Some(new)) = (theirs_id, new) else {
        return merge_file(top, ancestor, ours, theirs);
    };
    let (moved, _) = renumbered_document(&theirs_text, &old, &new)?;
    let relative = crate::document::relative_path(crate::document::DocumentKind::Invoice, &new);
    let target = book.join(&relative);
    if target.exists() && std::fs::read_to_string(&target).ok().as_deref() != Some(moved.as_str()) {
        return merge_file(top, ancestor, ours, theirs);
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::fsio::write_atomic(&target, moved.as_bytes())?;
    let shown = target
        .strip_prefix(top)
        .unwrap_or(&target)
        .display()
        .to_string();
    Ok(Outcome {
        clean: true,
        notes: vec![format!(
            "the other branch's {old} is now {shown}: a new file, committed after the merge by the post-merge hook (else `git add` it)"
        )],
    })
}

/// The `.gitattributes` lines that send a book's journals and documents to the driver.
pub(crate) const ATTRIBUTES: [&str; 3] = [
    "*.journal merge=folio",
    "documents/*.toml merge=folio",
    "contacts/*.toml merge=folio",
];

/// The driver's command line in `.git/config`.
pub(crate) const DRIVER: &str = "folio merge-driver %O %A %B %P";

/// What the `post-merge` hook runs.
const HOOK: &str = "#!/bin/sh\n# folio: commit the documents the merge driver renumbered\nexec folio merge-driver --post-merge\n";

/// Wires the driver for the book in `root`: the `.gitattributes` lines (in place of
/// `*.journal merge=union`), `[merge "folio"]` in the repository's config, and a `post-merge`
/// hook that commits the documents a merge renumbered (unless a hook of another kind is there:
/// then a note says what to add to it). Returns what was done, one sentence each.
pub(crate) fn install(root: &Path) -> Result<Vec<String>> {
    let mut done = Vec::new();
    git::required(root, &["rev-parse", "--show-toplevel"])?;
    let attributes = root.join(".gitattributes");
    let old = std::fs::read_to_string(&attributes).unwrap_or_default();
    let mut lines: Vec<&str> = old
        .lines()
        .filter(|l| l.trim() != "*.journal merge=union")
        .collect();
    let missing: Vec<&str> = ATTRIBUTES
        .into_iter()
        .filter(|a| !lines.contains(a))
        .collect();
    if !missing.is_empty() || lines.len() != old.lines().count() {
        if !missing.is_empty() {
            lines.push("# Journals and documents merge with folio's driver: ids taken on both sides are renumbered.");
            lines.extend(missing);
        }
        let mut text = lines.join("\n");
        text.push('\n');
        crate::fsio::write_atomic(&attributes, text.as_bytes())?;
        done.push(format!(
            "{} routes journals and documents to the driver",
            attributes.display()
        ));
    }
    git::required(
        root,
        &[
            "config",
            "merge.folio.name",
            "folio: journals and documents",
        ],
    )?;
    git::required(root, &["config", "merge.folio.driver", DRIVER])?;
    done.push(format!("git config merge.folio.driver \"{DRIVER}\""));
    let hook = git::required(root, &["rev-parse", "--git-path", "hooks/post-merge"])?;
    let hook = root.join(String::from_utf8_lossy(&hook).trim());
    match std::fs::read_to_string(&hook) {
        Ok(text) if text.contains("folio merge-driver --post-merge") => {}
        Ok(_) => done.push(format!(
            "{} exists: add `folio merge-driver --post-merge` to it, so documents a merge renumbered are committed",
            hook.display()
        )),
        Err(_) => {
            if let Some(dir) = hook.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            crate::fsio::write_atomic(&hook, HOOK.as_bytes())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
                    .map_err(|e| Error::io(&hook, e))?;
            }
            done.push(format!("{} commits the documents a merge renumbered", hook.display()));
        }
    }
    Ok(done)
}

/// After a merge commit: commits the document files the driver wrote under new numbers during
/// it (git's merge result cannot hold a path neither side had), and forgets them. Returns the
/// files committed.
pub(crate) fn post_merge(top: &Path) -> Result<Vec<String>> {
    let (path, _) = state(top)?;
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    // The commit the merge started from, which the driver keyed its notes by.
    let Some(ours) = git::output(top, &["rev-parse", "HEAD^1"]) else {
        return Ok(Vec::new());
    };
    let ours = String::from_utf8_lossy(&ours).trim().to_string();
    let mut files = Vec::new();
    let mut renumbered: Vec<(&str, &str, &str)> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        if fields.len() != 4 || fields[0] != ours {
            continue;
        }
        renumbered.push((fields[1], fields[2], fields[3]));
        let relative =
            crate::document::relative_path(crate::document::DocumentKind::Invoice, fields[3]);
        let file = Path::new(fields[1]).join(relative);
        let file = file.to_string_lossy().into_owned();
        if top.join(&file).is_file() && !files.contains(&file) {
            files.push(file);
        }
    }
    files.extend(retarget_credit_notes(top, &ours, &renumbered)?);
    files.extend(retarget_other_journals(top, &ours, &renumbered)?);
    if !files.is_empty() {
        let mut add = vec!["add", "--"];
        add.extend(files.iter().map(String::as_str));
        git::required(top, &add)?;
        // Plumbing rather than `git commit`: the hook runs while git still has MERGE_HEAD, and a
        // commit then would be a second merge.
        let tree = git::required(top, &["write-tree"])?;
        let tree = String::from_utf8_lossy(&tree).trim().to_string();
        let message = "folio: the documents the merge renumbered";
        let commit = git::required(top, &["commit-tree", &tree, "-p", "HEAD", "-m", message])?;
        let commit = String::from_utf8_lossy(&commit).trim().to_string();
        git::required(top, &["update-ref", "-m", message, "HEAD", &commit])?;
    }
    crate::fsio::remove_file(&path)?;
    Ok(files)
}

/// The credit notes the other branch issued for an invoice the merge renumbered name it in their
/// documents (`reference`), which git took as they were (a file only one side added never reaches
/// the driver): they are made to name the new number. The documents the merge added (not in
/// `ours`) are theirs. Returns the files changed.
fn retarget_credit_notes(
    top: &Path,
    ours: &str,
    renumbered: &[(&str, &str, &str)],
) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    let mut books: Vec<&str> = renumbered.iter().map(|(book, _, _)| *book).collect();
    books.dedup();
    for book in books {
        let folder = Path::new(book).join(crate::book::DOCUMENTS_DIR);
        let folder = folder.to_string_lossy();
        let args = [
            "diff",
            "--name-only",
            "--diff-filter=A",
            ours,
            "HEAD",
            "--",
            &folder,
        ];
        let added = git::required(top, &args)?;
        for file in String::from_utf8_lossy(&added).lines() {
            let Ok(text) = std::fs::read_to_string(top.join(file)) else {
                continue;
            };
            let Ok(mut document) = text.parse::<toml_edit::DocumentMut>() else {
                continue;
            };
            let reference = document.get("reference").and_then(|v| v.as_str());
            let Some((_, _, new)) = renumbered
                .iter()
                .find(|(b, old, _)| *b == book && Some(*old) == reference)
            else {
                continue;
            };
            document["reference"] = toml_edit::value(*new);
            crate::fsio::write_atomic(&top.join(file), document.to_string().as_bytes())?;
            changed.push(file.to_string());
        }
    }
    Ok(changed)
}

/// The driver merges one journal file at a time, and git merges `journal/2027.journal` before
/// `journal/2026.journal`: a `ref:` the other branch wrote in one file to its document renumbered
/// in another still names the old number. The lines the merge added (not in `ours`) are the other
/// branch's; those whose `ref:` names a renumbered id are made to name the new one. Returns the
/// files changed.
fn retarget_other_journals(
    top: &Path,
    ours: &str,
    renumbered: &[(&str, &str, &str)],
) -> Result<Vec<String>> {
    let mut changed = Vec::new();
    let mut books: Vec<&str> = renumbered.iter().map(|(book, _, _)| *book).collect();
    books.dedup();
    for book in books {
        let map: FxHashMap<&str, &str> = renumbered
            .iter()
            .filter(|(b, _, _)| *b == book)
            .map(|(_, old, new)| (*old, *new))
            .collect();
        let folder = Path::new(book).join("journal");
        let folder = folder.to_string_lossy();
        let names = git::required(top, &["diff", "--name-only", ours, "HEAD", "--", &folder])?;
        for file in String::from_utf8_lossy(&names).lines() {
            let diff = git::required(top, &["diff", "-U0", ours, "HEAD", "--", file])?;
            let diff = String::from_utf8_lossy(&diff);
            let theirs: FxHashSet<&str> = diff
                .lines()
                .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
                .map(|l| &l[1..])
                .collect();
            let Ok(text) = std::fs::read_to_string(top.join(file)) else {
                continue;
            };
            let mut result = String::with_capacity(text.len());
            for line in text.split_inclusive('\n') {
                let bare = line.trim_end_matches(['\n', '\r']);
                let follows = theirs.contains(bare)
                    && parse_line(bare)
                        .ok()
                        .flatten()
                        .and_then(|parsed| parsed.reference)
                        .is_some_and(|(target, _)| map.contains_key(target));
                if follows {
                    result.push_str(&renumber_line(bare, &map, false));
                    result.push_str(&line[bare.len()..]);
                } else {
                    result.push_str(line);
                }
            }
            if result != text {
                crate::fsio::write_atomic(&top.join(file), result.as_bytes())?;
                changed.push(file.to_string());
            }
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::renumber_line;
    use rustc_hash::FxHashMap;

    #[test]
    fn a_line_gets_its_id_and_its_ref_renumbered_and_nothing_else() {
        let map: FxHashMap<&str, &str> = [("INV-2026-0001", "INV-2026-0002")].into_iter().collect();
        assert_eq!(
            renumber_line(
                "2026-03-05 payment PAY-2026-00002 bolt 121 EUR ref:INV-2026-0001 ; INV-2026-0001",
                &map,
                true
            ),
            "2026-03-05 payment PAY-2026-00002 bolt 121 EUR ref:INV-2026-0002 ; INV-2026-0001"
        );
        assert_eq!(
            renumber_line(
                "2026-03-02 invoice INV-2026-0001 bolt 121.00 EUR",
                &map,
                true
            ),
            "2026-03-02 invoice INV-2026-0002 bolt 121.00 EUR"
        );
        assert_eq!(
            renumber_line(
                "2026-03-02 invoice INV-2026-0001 bolt 121.00 EUR",
                &map,
                false
            ),
            "2026-03-02 invoice INV-2026-0001 bolt 121.00 EUR"
        );
        assert_eq!(
            renumber_line("# INV-2026-0001", &map, true),
            "# INV-2026-0001"
        );
    }
}
