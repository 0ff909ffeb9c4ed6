//! Reads a book from disk: folio.toml, every contact, product and journal file, with every
//! problem reported at its file, line and column.

mod contacts;
mod files;
mod journal;
mod lines;
mod products;
mod rates;
mod recording;
mod references;
mod settings;
mod text;

pub(super) use journal::cut_off_warning;
pub(super) use lines::column_of;
pub use recording::{ForRecording, IdAt, JournalIds, Numbered, Question, read_for_recording};

use super::config::Config;
use super::{Book, Location};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio::BookDir;

/// Loads the book and returns it only when its files hold no error; warnings are dropped. The
/// whole-book checks (documents, segment rules) are [`crate::checks`]'s: commands load through it.
pub fn load_valid(location: &Location) -> Result<Book> {
    let Loaded {
        book, diagnostics, ..
    } = read(location, Checks::ErrorsOnly)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    Ok(book)
}

/// Loads the book to record into: it must hold no error (numbering and checks could not be
/// trusted), and no journal file may end in a line without its newline ([`check_finished`]).
pub fn load_for_writing(location: &Location) -> Result<Book> {
    let book = load_valid(location)?;
    check_finished(&book)?;
    Ok(book)
}

/// Refuses a book with a journal file that ends in a line without its newline, which may be what
/// a crash left of an append: a line written after it would hide that (invalid data, at that line).
pub fn check_finished(book: &Book) -> Result<()> {
    if let Some(source) = book
        .sources
        .iter()
        .find(|source| !source.text.is_empty() && !source.text.ends_with('\n'))
    {
        let message = crate::fsio::unfinished_line_message(&source.path, &source.text);
        return Err(Error::InvalidData(message));
    }
    Ok(())
}

/// Loads everything and returns the book with every error and warning its files hold.
///
/// Entries with errors are left out of [`Book::entries`]; a contact file that does not parse is
/// replaced by a placeholder so its entries do not report "unknown contact" too.
/// Fails only when a file cannot be read at all.
pub fn load(location: &Location) -> Result<(Book, Vec<Diagnostic>)> {
    let Loaded {
        book, diagnostics, ..
    } = read(location, Checks::All)?;
    Ok((book, diagnostics))
}

/// Which problems a load looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Errors and warnings: `folio check`.
    All,
    /// Errors only: reports drop warnings anyway, and on a large book the warning passes
    /// (numbering gaps, shared VAT numbers, roles) cost as much as a report.
    ErrorsOnly,
}

/// A book as its files gave it, with the problems found in them, sorted by file and position.
#[derive(Debug)]
pub struct Loaded {
    /// The book.
    pub book: Book,
    /// Every problem found, errors and (with [`Checks::All`]) warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of folio.toml, for the checks that place problems in it; `None` when it was not
    /// read (missing, or not a file folio reads).
    pub config_text: Option<String>,
}

/// Reads every file of the book and checks what the files alone can tell.
pub fn read(location: &Location, checks: Checks) -> Result<Loaded> {
    let root = &location.root;
    let dir = BookDir::with_folder_handles(root)?;
    let mut diagnostics = Vec::new();

    // Reading the journal (I/O and UTF-8 checks) needs nothing from the contacts: do both at once.
    let mut journal_diagnostics = Vec::new();
    let (settings_and_contacts, journal) = rayon::join(
        || -> Result<_> {
            let (config, config_text, currency_unsure) =
                settings::load_config(&dir, root, &mut diagnostics)?;
            let (contacts, origins) =
                contacts::load_contacts(&dir, root, checks, &mut diagnostics)?;
            Ok((config, config_text, currency_unsure, contacts, origins))
        },
        || journal::read_journal(&dir, root, &mut journal_diagnostics),
    );
    let (config, config_text, currency_unsure, contacts, origins) = settings_and_contacts?;
    let journal = journal?;
    let rates = rates::load_rates(&dir, root, &mut diagnostics)?;
    let products = products::load_products(&dir, root, &mut diagnostics)?;
    dir.check_folders()?;
    let (closes, mut close_problems) = super::closes::read(root)?;
    diagnostics.append(&mut close_problems);
    diagnostics.append(&mut journal_diagnostics);
    let settings = Settings {
        config: &config,
        currency_unsure,
        warnings: checks == Checks::All,
    };
    let (sources, entries, totals, settlements) =
        journal::parse_journal(journal, &settings, &contacts, &origins, &mut diagnostics);
    super::totals::check(
        &sources,
        &contacts,
        &entries,
        &settlements,
        &totals,
        &mut diagnostics,
    );

    if checks == Checks::All {
        // The contacts' checks and the journal's numbering need nothing from each other.
        let mut sequence_warnings = Vec::new();
        rayon::join(
            || {
                contacts::warn_shared_vat(&contacts, &origins, &mut diagnostics);
                let path_of = |i: usize| origins[i].path.as_path();
                super::contact_checks::warn_contacts(&contacts, path_of, &mut diagnostics);
            },
            || {
                let numbering = &config.numbering;
                super::numbering::warn_sequences(
                    numbering,
                    &sources,
                    &entries,
                    &mut sequence_warnings,
                );
            },
        );
        diagnostics.append(&mut sequence_warnings);
        files::warn_leftover_temp_files(root, &mut diagnostics);
    }
    let mut book = Book {
        root: root.clone(),
        config,
        contacts,
        sources,
        entries,
        rates,
        settlements,
        collections: Default::default(),
        products,
        closes,
    };
    super::sends::check(&book, &mut diagnostics)?;
    book.collections = super::collections::load(&book, &mut diagnostics)?;
    super::statement_sends::check(&book.root, &mut diagnostics)?;
    crate::diagnostic::sort(&mut diagnostics);
    Ok(Loaded {
        book,
        diagnostics,
        config_text,
    })
}

/// The book's settings, and whether folio.toml had an error about its currency: then entries
/// without one get no "no currency" message, which would only repeat that error.
struct Settings<'a> {
    config: &'a Config,
    currency_unsure: bool,
    /// Look for warnings too (roles that do not fit, due before date), not only errors.
    warnings: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use references::entry_id;
    use std::fs;

    /// An invalid line leaves its slot empty: the entries after it move down, and every number
    /// that pointed at them (refs, the id index) moves with them.
    #[test]
    fn entries_after_an_invalid_line_keep_their_refs_and_ids() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("contacts")).unwrap();
        fs::create_dir_all(root.join("journal")).unwrap();
        fs::write(
            root.join("folio.toml"),
            "name = \"t\"\ncurrency = \"EUR\"\n",
        )
        .unwrap();
        fs::write(root.join("contacts/a.toml"), "name = \"A\"\n").unwrap();
        fs::write(
            root.join("journal/1.journal"),
            "; first file\n\
             2025-01-01 invoice I1 a 10\n\
             2025-01-02 invoice BAD nobody 1\n\
             \n\
             2025-01-03 invoice I2 a 20\n",
        )
        .unwrap();
        fs::write(
            root.join("journal/2.journal"),
            "2025-02-01 payment P1 a 20 ref:I2\n\
             2025-02-02 invoice I1 a 5\n\
             2025-02-03 payment P2 a 5 ref:I3\n\
             2025-02-04 invoice I3 a 5\n",
        )
        .unwrap();
        let location = Location {
            root: root.to_path_buf(),
        };
        let (book, diagnostics) = load(&location).unwrap();
        let ids: Vec<&str> = book
            .entries
            .iter()
            .map(|e| entry_id(&book.sources, e))
            .collect();
        assert_eq!(ids, ["I1", "I2", "P1", "I1", "P2", "I3"]);
        let target = |i: usize| ids[book.entries[i].reference as usize];
        assert_eq!(target(2), "I2");
        assert_eq!(target(4), "I3");
        let messages: Vec<(u32, &str)> = diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].1.starts_with("unknown contact `nobody`"));
        assert_eq!(messages[0].0, 3);
        let first = root.join("journal/1.journal");
        assert_eq!(
            messages[1],
            (
                2,
                format!(
                    "duplicate document id `I1`: first used at {}:2",
                    first.display()
                )
                .as_str()
            )
        );
    }
}
