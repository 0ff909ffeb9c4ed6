//! The book: a directory with `folio.toml`, `contacts/` and `journal/`, read into memory.
//!
//! [`discover`] finds the book; [`load`] reads all three parts and returns the [`Book`] with every
//! problem found as positioned [`Diagnostic`](crate::diagnostic::Diagnostic)s.

pub mod alerts_state;
pub mod closes;
pub mod collections;
pub mod company;
pub mod config;
pub mod contact;
pub mod contact_checks;
pub mod contact_fields;
pub mod edit;
mod ids;
pub mod interest_config;
mod loader;
pub mod lock;
pub mod numbering;
pub mod products;
pub mod rates;
pub mod recurring;
pub mod repository;
pub mod revision;
pub mod sends;
mod serde_helpers;
pub mod settlements;
pub mod slug;
pub mod statement_sends;
pub mod totals;
pub mod write;

pub use config::Config;
pub use contact::{Contact, Role};
pub use loader::{Checks, Loaded, check_finished, load, load_for_writing, load_valid, read};
pub use loader::{ForRecording, IdAt, JournalIds, Numbered, Question, read_for_recording};
/// The positioned TOML reader behind folio.toml and contact files: public for the fuzz targets
/// in fuzz/, not part of folio's API.
#[doc(hidden)]
pub use serde_helpers::{TomlProblem, TomlRead, read_toml};

use crate::error::{Error, Result};
use crate::journal::{Entry, EntryIndex};
use std::path::{Path, PathBuf};

/// The settings file that marks a directory as a book.
pub const CONFIG_FILE: &str = "folio.toml";
/// The folder of contact files.
pub const CONTACTS_DIR: &str = "contacts";
/// The folder of journal files.
pub const JOURNAL_DIR: &str = "journal";
/// The folder of invoice and credit-note documents.
pub const DOCUMENTS_DIR: &str = "documents";
/// The folder of quotes.
pub const QUOTES_DIR: &str = "quotes";
/// The lock file that serializes writers.
pub const LOCK_FILE: &str = ".folio.lock";

/// A file read into memory: a journal, kept because entries point into its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown in messages.
    pub path: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: String,
}

/// A whole book in memory.
#[derive(Debug)]
pub struct Book {
    /// The book's directory, for reading and writing.
    pub root: PathBuf,
    /// The settings.
    pub config: Config,
    /// Every contact, sorted by id.
    pub contacts: Vec<Contact>,
    /// Every journal file, in path order.
    pub sources: Vec<SourceFile>,
    /// Every valid entry, in journal order (path order, then line order).
    pub entries: Vec<Entry>,
    /// The exchange rates of `rates/`.
    pub rates: rates::Rates,
    /// The payments and payouts that settle documents in another currency (`settles:`).
    pub settlements: settlements::Settlements,
    /// Disputes and promises to pay, from `collections.journal`.
    pub collections: collections::Collections,
    /// The catalogue of products and services, from `products/`.
    pub products: products::Catalogue,
    /// The closed periods (`closes.journal`).
    pub closes: closes::Closes,
}

impl Book {
    /// The amount and currency the ledger allocates an entry in: what it settles for a payment
    /// or payout with `settles:`, else its own amount and currency (the money that moved).
    pub fn allocated(&self, index: EntryIndex) -> (rust_decimal::Decimal, crate::money::Currency) {
        self.settlements
            .allocated(index, &self.entries[index as usize])
    }

    /// The text of an entry's line.
    pub fn entry_line(&self, entry: &Entry) -> &str {
        entry.line_in(&self.sources[entry.source as usize].text)
    }

    /// The document id of an entry.
    pub fn entry_id(&self, entry: &Entry) -> &str {
        entry.id_in(&self.sources[entry.source as usize].text)
    }

    /// The memo of an entry, if it has one.
    pub fn entry_memo(&self, entry: &Entry) -> Option<&str> {
        crate::journal::parser::memo(self.entry_line(entry)).filter(|memo| !memo.is_empty())
    }

    /// The journal file an entry was read from.
    pub fn entry_path(&self, entry: &Entry) -> &Path {
        &self.sources[entry.source as usize].path
    }

    /// The contact of an entry.
    pub fn entry_contact(&self, entry: &Entry) -> &Contact {
        &self.contacts[entry.contact as usize]
    }

    /// The index of a contact by id.
    pub fn contact_index(&self, id: &str) -> Option<u32> {
        self.contacts
            .binary_search_by(|contact| contact.id.as_str().cmp(id))
            .ok()
            .map(|index| index as u32)
    }

    /// The index of an entry by document id (a linear scan: for single look-ups).
    pub fn find_entry(&self, id: &str) -> Option<EntryIndex> {
        self.entries
            .iter()
            .position(|entry| self.entry_id(entry) == id)
            .map(|index| index as EntryIndex)
    }

    /// A contact by id, or a not-found error that suggests the nearest ids.
    pub fn require_contact(&self, id: &str) -> Result<u32> {
        self.contact_index(id).ok_or_else(|| {
            let near =
                crate::diagnostic::nearest(id, self.contacts.iter().map(|c| c.id.as_str()), 3);
            Error::NotFound(format!(
                "no contact `{id}`{}",
                crate::diagnostic::suggestion(&near)
            ))
        })
    }

    /// An entry by document id, or a not-found error that suggests the nearest ids.
    pub fn require_entry(&self, id: &str) -> Result<EntryIndex> {
        self.find_entry(id).ok_or_else(|| {
            let ids = self.entries.iter().map(|entry| self.entry_id(entry));
            let near = crate::diagnostic::nearest(id, ids, 3);
            Error::NotFound(format!(
                "no document `{id}` in this book{}",
                crate::diagnostic::suggestion(&near)
            ))
        })
    }
}

/// Where the book was found and how to show its paths.
#[derive(Debug, Clone)]
pub struct Location {
    /// The directory to read.
    pub root: PathBuf,
}

/// Finds the book: `explicit` (from `--book` or `$FOLIO_BOOK`), else the nearest directory
/// holding `folio.toml`, walking up from `start` as git finds `.git`.
pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Location> {
    if let Some(dir) = explicit {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(Location {
                root: dir.to_path_buf(),
            });
        }
        let why = if dir.is_dir() {
            format!(
                "{} has no {CONFIG_FILE}; create a book with `folio init {}`",
                dir.display(),
                dir.display()
            )
        } else {
            format!("no book at {}: no such directory", dir.display())
        };
        return Err(Error::NotFound(why));
    }
    let mut relative = PathBuf::new();
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            // Show paths relative to the current directory, as git does.
            let root = if relative.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                relative
            };
            return Ok(Location { root });
        }
        relative.push("..");
    }
    Err(Error::NotFound(format!(
        "no book found: no {CONFIG_FILE} in {} or any parent; use --book DIR, set FOLIO_BOOK, or run `folio init`",
        start.display()
    )))
}

/// Joins a book-relative path for messages: `./journal/x` is shown as `journal/x`.
pub(crate) fn display_path(root: &Path, relative: &Path) -> PathBuf {
    if root == Path::new(".") {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}
