//! The whole-book checks that need more than the files' own rules: documents against their
//! journal lines, and segment rules compiled against the fields they may use. They run after
//! [`crate::book::read`], and every command loads its book through this module, so no command
//! sees a book that `folio check` would refuse.

use crate::book::{self, Book, CONFIG_FILE, Checks, Loaded, Location, display_path};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::ledger::vat::{EntryVat, entry_vat};
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
    if checks == Checks::All {
        crate::document::check(&book, &mut diagnostics)?;
        vat_required(&book, &mut diagnostics)?;
    }
    crate::diagnostic::sort(&mut diagnostics);
    Ok((book, diagnostics))
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
