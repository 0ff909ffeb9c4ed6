//! The whole-book checks that need more than the files' own rules: documents against their
//! journal lines, and segment rules compiled against the fields they may use. They run after
//! [`crate::book::read`], and every command loads its book through this module, so no command
//! sees a book that `folio check` would refuse.

use crate::book::{self, Book, CONFIG_FILE, Checks, Loaded, Location, display_path};
use crate::diagnostic::{Diagnostic, key_position, line_text};
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::ledger::vat::{EntryVat, entry_vat};
use crate::ledger::{Ledger, fx};
use crate::template::Templates;
use crate::template::texts::Catalog;
use std::path::Path;

/// Loads the book with every error and warning found: `folio check`.
pub fn load(location: &Location) -> Result<(Book, Vec<Diagnostic>)> {
    checked(book::read(location, Checks::All)?, Checks::All)
}

/// Loads the book and returns it only when it holds no error; warnings are dropped. This is
/// what reports use: they never compute on an invalid book.
pub fn load_valid(location: &Location) -> Result<Book> {
    let (book, diagnostics) = checked(
        book::read(location, Checks::ErrorsOnly)?,
        Checks::ErrorsOnly,
    )?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    Ok(book)
}

/// Loads the book to record into: valid, and with no journal line cut off
/// ([`book::check_finished`]).
pub fn load_for_writing(location: &Location) -> Result<Book> {
    let book = load_valid(location)?;
    book::check_finished(&book)?;
    Ok(book)
}

/// Adds the whole-book checks' problems to those of the files: the segments of folio.toml
/// always (a report cannot run on rules that do not compile), the documents with `folio check`.
fn checked(loaded: Loaded, checks: Checks) -> Result<(Book, Vec<Diagnostic>)> {
    let Loaded {
        book,
        mut diagnostics,
        config_text,
    } = loaded;
    if let Some(text) = config_text {
        let shown = display_path(&book.root, Path::new(CONFIG_FILE));
        diagnostics.extend(crate::report::segments::check_config(
            &book.config,
            &text,
            &shown,
        ));
    }
    // The recurring documents and the whole-book checks read the book only: both cores, their
    // problems kept in the order one core would find them.
    let (recurring, whole_book) = rayon::join(
        || {
            let mut found = Vec::new();
            crate::record::recurring::check(&book, &mut found).map(|()| found)
        },
        || whole_book_problems(&book, checks),
    );
    diagnostics.extend(recurring?);
    diagnostics.extend(whole_book?);
    crate::diagnostic::sort(&mut diagnostics);
    Ok((book, diagnostics))
}

/// What only `folio check` looks for ([`Checks::All`]): the documents, VAT, languages, old
/// label files, exchange rates and closes.
fn whole_book_problems(book: &Book, checks: Checks) -> Result<Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if checks == Checks::All {
        crate::document::check(book, &mut diagnostics)?;
        vat_required(book, &mut diagnostics)?;
        languages_without_texts(book, &mut diagnostics)?;
        label_files_no_longer_read(book, &mut diagnostics);
        exchange_rates_missing(book, &mut diagnostics);
        crate::book::closes::verify(book, &mut diagnostics)?;
    }
    Ok(diagnostics)
}

/// `[vat] required = true`: a warning at each invoice, credit note, bill and debit note whose VAT
/// folio does not know ([`crate::ledger::vat`]), so `folio check --strict` fails on them.
fn vat_required(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    if !book.config.vat.required {
        return Ok(());
    }
    let documents = match crate::document::vat_breakdowns(book) {
        Ok(documents) => documents,
        // The document check has just reported what is wrong with the file.
        Err(Error::InvalidBook(_)) => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in &book.entries {
        if entry_vat(book, entry, &documents) != EntryVat::Unknown {
            continue;
        }
        let message = format!(
            "{} {} has no VAT information, and [vat] required = true in folio.toml asks for it: \
             add vat:RATE (vat:21, vat:0/AE), net: or tax: to the line, or issue it with --item",
            entry.kind.as_str(),
            book.entry_id(entry)
        );
        diagnostics.push(
            Diagnostic::warning(book.entry_path(entry), entry.line, 1, message)
                .with_excerpt(book.entry_line(entry)),
        );
    }
    Ok(())
}

/// An error at each payment or payout in another currency whose exchange difference needs a
/// rate the book does not hold (at its `settles:`): `statement`, `explain` and the exports
/// could not value it.
fn exchange_rates_missing(book: &Book, diagnostics: &mut Vec<Diagnostic>) {
    if book.settlements.is_empty() {
        return;
    }
    let Some(last) = book.entries.iter().map(|entry| entry.date).max() else {
        return;
    };
    let mut reported = std::collections::BTreeSet::new();
    for side in [Side::Receivables, Side::Payables] {
        let ledger = Ledger::build(book, side, last, true);
        for exchange in fx::exchanges(book, &ledger) {
            let Err(missing) = exchange.difference() else {
                continue;
            };
            if !reported.insert((exchange.credit, missing.to_string())) {
                continue;
            }
            let entry = &book.entries[exchange.credit as usize];
            let line = book.entry_line(entry);
            let column = line
                .find("settles:")
                .map_or(1, |at| line[..at].chars().count() as u32 + 1);
            let message = format!(
                "{} {} settles {} in {}: its exchange difference needs a rate: {missing}",
                entry.kind.as_str(),
                book.entry_id(entry),
                exchange.settled,
                exchange.settled_currency,
            );
            diagnostics.push(
                Diagnostic::error(book.entry_path(entry), entry.line, column, message)
                    .with_excerpt(line),
            );
        }
    }
}

/// A warning at each contact whose `language` folio has no texts for (built in or in the book's
/// `templates/`): its documents and letters are written in the book's default language instead,
/// which the warning names.
fn languages_without_texts(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let catalog = Catalog::new(Templates::new(&book.root, &[]));
    let configured = book.config.default_language();
    let default = catalog.writing_language(&configured, "en");
    if default != configured {
        let key = if book.config.company.language.is_some() {
            "company.language"
        } else {
            "dunning.language"
        };
        let message = format!(
            "the book's default language `{configured}` ({key}) has no texts (folio has {}): \
             documents and letters for it are written in English",
            catalog.languages().join(", ")
        );
        let path = book.root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let (line, column) = key_position(&text, key).unwrap_or((0, 0));
        diagnostics.push(Diagnostic::warning(
            &display_path(&book.root, &path),
            line,
            column,
            message,
        ));
    }
    // A book has a few languages and many contacts: look each language up once.
    let mut has_texts = std::collections::HashMap::new();
    for contact in &book.contacts {
        let Some(language) = contact.language.as_deref() else {
            continue;
        };
        if *has_texts
            .entry(language)
            .or_insert_with(|| catalog.has(language))
        {
            continue;
        }
        let message = format!(
            "contact `{}` reads language `{language}`, which folio has no texts for (it has {}): \
             its documents and letters are written in the book's default language, `{default}` \
             ([company] language in folio.toml); add templates/documents.{language}.ftl and \
             templates/letters.{language}.ftl to write in `{language}`",
            contact.id,
            catalog.languages().join(", ")
        );
        let path = book::write::find_contact_file(&book.root, &contact.id)?
            .unwrap_or_else(|| book::write::new_contact_path(&book.root, &contact.id));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let (line, column) = key_position(&text, "language").unwrap_or((0, 0));
        let mut warning =
            Diagnostic::warning(&display_path(&book.root, &path), line, column, message);
        if let Some(excerpt) = line_text(&text, line).filter(|_| line > 0) {
            warning = warning.with_excerpt(excerpt);
        }
        diagnostics.push(warning);
    }
    Ok(())
}

/// A warning at each `templates/document-labels.<language>.toml`, the words files of earlier
/// versions: folio no longer reads them, so the words they change would be lost unseen.
fn label_files_no_longer_read(book: &Book, diagnostics: &mut Vec<Diagnostic>) {
    let templates = Templates::new(&book.root, &[]);
    let mut names = templates.book_names();
    names.sort();
    for name in names {
        let Some(language) = name
            .strip_prefix("document-labels.")
            .and_then(|rest| rest.strip_suffix(".toml"))
        else {
            continue;
        };
        let message = format!(
            "{name} is no longer read: the words of documents are in translation files now; move \
             its words to templates/documents.{language}.ftl (`key = text`, `{{ $name }}` for \
             `{{name}}`, docs/documents.md)"
        );
        let path = book.root.join(crate::template::TEMPLATES_DIR).join(&name);
        diagnostics.push(Diagnostic::warning(
            &display_path(&book.root, &path),
            1,
            1,
            message,
        ));
    }
}
