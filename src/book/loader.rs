//! Reads a book from disk: folio.toml, every contact file and every journal file, with every
//! problem reported at its file, line and column.

use super::config::{self, Config};
use super::contact::{self, Contact};
use super::{Book, CONFIG_FILE, CONTACTS_DIR, JOURNAL_DIR, Location, SourceFile, display_path};
use crate::diagnostic::{Diagnostic, did_you_mean, line_column};
use crate::error::{Error, Result};
use crate::journal::parser::{self, ParsedLine};
use crate::journal::{Entry, EntryIndex, NO_REFERENCE};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Loads the book and returns it only when it holds no error; warnings are dropped.
/// This is what reports use: they never compute on an invalid book.
pub fn load_valid(location: &Location) -> Result<Book> {
    let (book, diagnostics) = load(location)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    Ok(book)
}

/// Loads everything and returns the book with every error and warning found.
///
/// Entries with errors are left out of [`Book::entries`]; a contact file that does not parse is
/// replaced by a placeholder so its entries do not report "unknown contact" too.
/// Fails only when a file cannot be read at all.
pub fn load(location: &Location) -> Result<(Book, Vec<Diagnostic>)> {
    let root = &location.root;
    let mut diagnostics = Vec::new();

    let config = load_config(root, &mut diagnostics)?;
    let contacts = load_contacts(root, &mut diagnostics)?;
    let (sources, entries) = load_journal(root, &config, &contacts, &mut diagnostics)?;

    warn_shared_vat(root, &contacts, &mut diagnostics);
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column))
    });
    Ok((Book { root: root.clone(), config, contacts, sources, entries }, diagnostics))
}

/// Reads a file as UTF-8 text without a byte-order mark. Invalid UTF-8 is reported at the first
/// bad byte and the rest is read lossily so later lines are still checked.
fn read_text(path: &Path, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io(shown, e))?;
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            diagnostics.push(Diagnostic::error(
                shown,
                line,
                column,
                "invalid UTF-8: folio files must be UTF-8 text",
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Turns a toml/serde error into a positioned diagnostic, rewriting "unknown field" with a
/// "did you mean" taken from the fields serde says it expected.
fn toml_diagnostic(shown: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let offset = error.span().map_or(0, |span| span.start);
    let (line, column) = line_column(text, offset);
    let raw = error.message().trim().to_string();
    let message = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        match did_you_mean(key, expected.iter().copied()) {
            Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
            None if expected.is_empty() => format!("unknown key `{key}`"),
            None => format!("unknown key `{key}`; expected one of {}", expected.join(", ")),
        }
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        format!("missing required key `{}`", rest.split('`').next().unwrap_or_default())
    } else {
        raw
    };
    let excerpt = crate::diagnostic::line_text(text, line).unwrap_or_default();
    Diagnostic::error(shown, line, column, message).with_excerpt(excerpt)
}

fn load_config(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Config> {
    let shown = display_path(root, Path::new(CONFIG_FILE));
    let text = read_text(&root.join(CONFIG_FILE), &shown, diagnostics)?;
    match toml::from_str::<Config>(&text) {
        Ok(config) => {
            if let Err(message) = config::validate_buckets(&config.aging.buckets) {
                let at = text.find("buckets").unwrap_or(0);
                let (line, column) = line_column(&text, at);
                diagnostics.push(Diagnostic::error(&shown, line, column, message));
            }
            Ok(config)
        }
        Err(error) => {
            diagnostics.push(toml_diagnostic(&shown, &text, &error));
            // Go on with defaults so the rest of the book is still checked.
            Ok(toml::from_str("name = \"\"").expect("the default config parses"))
        }
    }
}

/// Every file below `dir` whose name ends in `.extension`, in path order. A directory with such a
/// name is an error, not a file to skip silently.
fn collect_files(
    root: &Path,
    dir: &str,
    extension: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from(dir)];
    while let Some(relative) = pending.pop() {
        let absolute = root.join(&relative);
        let listing = match fs::read_dir(&absolute) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && relative == Path::new(dir) => {
                continue;
            }
            Err(e) => return Err(Error::io(display_path(root, &relative), e)),
        };
        for item in listing {
            let item = item.map_err(|e| Error::io(display_path(root, &relative), e))?;
            let child = relative.join(item.file_name());
            let is_dir = fs::metadata(root.join(&child)).map(|m| m.is_dir()).unwrap_or(false);
            let matches = child.extension().is_some_and(|ext| ext == extension);
            match (is_dir, matches) {
                (true, true) => diagnostics.push(Diagnostic::error(
                    &display_path(root, &child),
                    0,
                    0,
                    format!("expected a .{extension} file, found a directory"),
                )),
                (true, false) => pending.push(child),
                (false, true) => found.push(child),
                (false, false) => {}
            }
        }
    }
    found.sort();
    Ok(found)
}

fn load_contacts(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<Vec<Contact>> {
    let files = collect_files(root, CONTACTS_DIR, "toml", diagnostics)?;
    let parsed: Vec<Result<(Contact, Vec<Diagnostic>)>> = files
        .par_iter()
        .map(|relative| {
            let shown = display_path(root, relative);
            let mut local = Vec::new();
            let text = read_text(&root.join(relative), &shown, &mut local)?;
            let id = relative.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if let Err(message) = contact::check_contact_id(id) {
                local.push(Diagnostic::error(&shown, 0, 0, message));
            }
            let contact = match toml::from_str::<Contact>(&text) {
                Ok(mut contact) => {
                    contact.id = id.to_string();
                    contact
                }
                Err(error) => {
                    local.push(toml_diagnostic(&shown, &text, &error));
                    Contact::placeholder(id)
                }
            };
            Ok((contact, local))
        })
        .collect();

    let mut contacts = Vec::with_capacity(parsed.len());
    let mut first_file: HashMap<String, PathBuf> = HashMap::new();
    for (relative, result) in files.iter().zip(parsed) {
        let (contact, local) = result?;
        diagnostics.extend(local);
        let shown = display_path(root, relative);
        if let Some(first) = first_file.get(&contact.id) {
            diagnostics.push(Diagnostic::error(
                &shown,
                0,
                0,
                format!("duplicate contact id `{}`: also defined by {}", contact.id, first.display()),
            ));
            continue;
        }
        first_file.insert(contact.id.clone(), shown);
        contacts.push(contact);
    }
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(contacts)
}

fn warn_shared_vat(root: &Path, contacts: &[Contact], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for contact in contacts {
        let Some(vat) = contact.vat.as_deref().map(contact::normalized_vat) else { continue };
        if vat.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&vat) {
            let shown = display_path(root, &Path::new(CONTACTS_DIR).join(format!("{}.toml", contact.id)));
            diagnostics.push(Diagnostic::warning(
                &shown,
                0,
                0,
                format!("VAT number {vat} is also used by contact `{first}`"),
            ));
        } else {
            seen.insert(vat, &contact.id);
        }
    }
}

/// A `ref:` waiting for every id of the book to be known.
struct PendingRef {
    entry: EntryIndex,
    /// Byte offset of the `ref:` token in the line.
    offset: u32,
}

/// What one journal file yields: its valid entries, their unresolved refs, its problems.
struct FileEntries {
    entries: Vec<Entry>,
    refs: Vec<PendingRef>,
    diagnostics: Vec<Diagnostic>,
}

fn load_journal(
    root: &Path,
    config: &Config,
    contacts: &[Contact],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<SourceFile>, Vec<Entry>)> {
    let files = collect_files(root, JOURNAL_DIR, "journal", diagnostics)?;
    let contact_ids: FxHashMap<&str, u32> =
        contacts.iter().enumerate().map(|(i, c)| (c.id.as_str(), i as u32)).collect();

    let read: Vec<Result<(SourceFile, FileEntries)>> = files
        .par_iter()
        .enumerate()
        .map(|(source_index, relative)| {
            let shown = display_path(root, relative);
            let mut local = Vec::new();
            let text = read_text(&root.join(relative), &shown, &mut local)?;
            if text.len() >= u32::MAX as usize {
                return Err(Error::io(&shown, std::io::Error::other("journal files must be smaller than 4 GiB")));
            }
            let mut parsed = parse_file(&text, &shown, source_index as u32, config, contacts, &contact_ids);
            local.append(&mut parsed.diagnostics);
            parsed.diagnostics = local;
            Ok((SourceFile { path: shown, text }, parsed))
        })
        .collect();

    let mut sources = Vec::with_capacity(read.len());
    let mut entries = Vec::new();
    let mut refs = Vec::new();
    for result in read {
        let (source, parsed) = result?;
        let base = entries.len() as EntryIndex;
        refs.extend(parsed.refs.into_iter().map(|r| PendingRef { entry: r.entry + base, ..r }));
        entries.extend(parsed.entries);
        diagnostics.extend(parsed.diagnostics);
        sources.push(source);
    }
    resolve_ids(&sources, &mut entries, &refs, diagnostics);
    Ok((sources, entries))
}

fn parse_file(
    text: &str,
    shown: &Path,
    source: u32,
    config: &Config,
    contacts: &[Contact],
    contact_ids: &FxHashMap<&str, u32>,
) -> FileEntries {
    let mut out = FileEntries { entries: Vec::with_capacity(text.len() / 80), refs: Vec::new(), diagnostics: Vec::new() };
    let mut line_start = 0usize;
    let mut line_number = 0u32;
    for raw_line in text.split_inclusive('\n') {
        line_number += 1;
        let start = line_start;
        line_start += raw_line.len();
        let line = raw_line.strip_suffix('\n').unwrap_or(raw_line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let error_at = |offset: usize, message: String| {
            Diagnostic::error(shown, line_number, column_of(line, offset), message).with_excerpt(line)
        };
        let parsed = match parser::parse_line(line) {
            Ok(Some(parsed)) => parsed,
            Ok(None) => continue,
            Err(error) => {
                out.diagnostics.push(error_at(error.offset, error.message));
                continue;
            }
        };
        let Some(&contact_index) = contact_ids.get(parsed.contact) else {
            let message = match did_you_mean(parsed.contact, contact_ids.keys().copied()) {
                Some(near) => format!("unknown contact `{}`; did you mean `{near}`?", parsed.contact),
                None => format!("unknown contact `{}`: expected the id of a file in contacts/", parsed.contact),
            };
            out.diagnostics.push(error_at(parsed.contact_offset, message));
            continue;
        };
        let contact = &contacts[contact_index as usize];
        match resolve_entry(&parsed, contact, contact_index, config) {
            Ok(mut entry) => {
                if !contact.has_side(parsed.kind.side()) {
                    let role = match parsed.kind.side() {
                        crate::journal::Side::Receivables => "customer",
                        crate::journal::Side::Payables => "supplier",
                    };
                    out.diagnostics.push(
                        Diagnostic::warning(
                            shown,
                            line_number,
                            column_of(line, parsed.contact_offset),
                            format!("{} for `{}`, whose roles do not include {role}", parsed.kind.as_str(), contact.id),
                        )
                        .with_excerpt(line),
                    );
                }
                entry.source = source;
                entry.line = line_number;
                entry.line_start = start as u32;
                entry.line_len = line.len() as u32;
                if let Some((_, offset)) = parsed.reference {
                    out.refs.push(PendingRef { entry: out.entries.len() as EntryIndex, offset: offset as u32 });
                }
                out.entries.push(entry);
            }
            Err((offset, message)) => out.diagnostics.push(error_at(offset, message)),
        }
    }
    out
}

/// The 1-based character column of a byte offset in a line.
fn column_of(line: &str, offset: usize) -> u32 {
    let mut offset = offset.min(line.len());
    while !line.is_char_boundary(offset) {
        offset -= 1;
    }
    line[..offset].chars().count() as u32 + 1
}

/// Fills in what the line leaves to defaults: currency and due date.
fn resolve_entry(
    parsed: &ParsedLine<'_>,
    contact: &Contact,
    contact_index: u32,
    config: &Config,
) -> Result<Entry, (usize, String)> {
    let currency = match parsed.currency.map(|(c, _)| c).or(contact.currency).or(config.currency) {
        Some(currency) => currency,
        None => {
            return Err((
                parsed.contact_offset,
                format!(
                    "no currency for this entry: write one after the amount, or set `currency` in the contact `{}` or in folio.toml",
                    contact.id
                ),
            ));
        }
    };
    let due = match parsed.due {
        Some((due, _)) => due,
        None if parsed.kind.takes_due() => {
            let terms = contact.terms.unwrap_or_else(|| config.terms());
            parsed
                .date
                .checked_add_days(chrono::Days::new(u64::from(terms)))
                .ok_or_else(|| (parsed.id_offset, "due date out of range".to_string()))?
        }
        None => parsed.date,
    };
    Ok(Entry {
        date: parsed.date,
        due,
        kind: parsed.kind,
        currency,
        contact: contact_index,
        amount: parsed.amount,
        reference: NO_REFERENCE,
        source: 0,
        line: 0,
        line_start: 0,
        line_len: 0,
        id_offset: parsed.id_offset as u32,
        id_len: parsed.id.len() as u32,
    })
}

fn entry_text<'a>(sources: &'a [SourceFile], entry: &Entry) -> &'a str {
    let text = &sources[entry.source as usize].text;
    &text[entry.line_start as usize..(entry.line_start + entry.line_len) as usize]
}

/// Checks that document ids are unique and that every `ref:` names a fitting document.
fn resolve_ids(
    sources: &[SourceFile],
    entries: &mut [Entry],
    refs: &[PendingRef],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids: FxHashMap<&str, EntryIndex> = FxHashMap::default();
    ids.reserve(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let line = entry_text(sources, entry);
        let id = &line[entry.id_offset as usize..(entry.id_offset + entry.id_len) as usize];
        if let Some(&first) = ids.get(id) {
            let first = &entries[first as usize];
            diagnostics.push(
                Diagnostic::error(
                    &sources[entry.source as usize].path,
                    entry.line,
                    column_of(line, entry.id_offset as usize),
                    format!(
                        "duplicate document id `{id}`: first used at {}:{}",
                        sources[first.source as usize].path.display(),
                        first.line
                    ),
                )
                .with_excerpt(line),
            );
        } else {
            ids.insert(id, index as EntryIndex);
        }
    }
    for pending in refs {
        let entry = &entries[pending.entry as usize];
        let line = entry_text(sources, entry);
        let token = &line[pending.offset as usize..];
        let target_id = token[4..].split([' ', '\t', ';']).next().unwrap_or_default();
        let error = |message: String| {
            Diagnostic::error(
                &sources[entry.source as usize].path,
                entry.line,
                column_of(line, pending.offset as usize + 4),
                message,
            )
            .with_excerpt(line)
        };
        let Some(&target_index) = ids.get(target_id) else {
            diagnostics.push(error(format!("ref:{target_id} names no document of this book")));
            continue;
        };
        let target = &entries[target_index as usize];
        let kind = entry.kind;
        if !kind.ref_targets().contains(&target.kind) {
            let allowed: Vec<&str> = kind.ref_targets().iter().map(|k| k.as_str()).collect();
            diagnostics.push(error(format!(
                "ref:{target_id} names {} {}; a {} may only refer to {}",
                article(target.kind.as_str()),
                target.kind.as_str(),
                kind.as_str(),
                allowed.iter().map(|k| format!("{} {k}", article(k))).collect::<Vec<_>>().join(" or ")
            )));
        } else if target.contact != entry.contact {
            diagnostics.push(error(format!(
                "ref:{target_id} belongs to another contact (line {} of {})",
                target.line,
                sources[target.source as usize].path.display()
            )));
        } else if target.currency != entry.currency {
            diagnostics.push(error(format!(
                "ref:{target_id} is in {}, this entry in {}; a ref must name a document in the same currency",
                target.currency, entry.currency
            )));
        } else {
            entries[pending.entry as usize].reference = target_index;
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
