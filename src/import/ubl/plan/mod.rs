//! Planning an import: every file read, matched, given an id and checked against the book and the
//! other files, before anything is written.

mod place;

use super::entry::{self, Mapped};
use super::parse::{self, Received};
use super::supplier::{self, Known};
use crate::book::{Book, slug, write};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio::BookDir;
use crate::journal::{EntryIndex, Kind};
use crate::money::Currency;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The most folio reads of one UBL file: 64 MiB holds an invoice with a large scanned PDF
/// embedded (base64 adds a third), well beyond what Peppol access points carry.
const UBL_LIMIT: crate::input::Limit = crate::input::Limit {
    bytes: 64 << 20,
    what: "a UBL file",
};

/// One file to import: its path as shown and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path, as given on the command line (or below a folder given there).
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// What an import may do besides recording entries.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Create a supplier contact for a seller no contact matches (else such a file is refused).
    pub create_suppliers: bool,
}

/// A document to record.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The file it comes from.
    pub file: PathBuf,
    /// Its entry's id.
    pub id: String,
    /// `bill` or `debit`.
    pub kind: Kind,
    /// The supplier's contact id.
    pub supplier: String,
    /// The amount, positive.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
    /// The journal line, without a newline.
    pub line: String,
    /// Where the XML is kept, and the embedded files with their paths.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

/// A document already in the book (or given twice): nothing is recorded for it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The file.
    pub file: PathBuf,
    /// The entry that holds it.
    pub id: String,
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// New supplier contacts: id, file and text.
    pub suppliers: Vec<(String, PathBuf, String)>,
    /// Documents to record, in the order of the files.
    pub planned: Vec<Planned>,
    /// Documents already recorded.
    pub recorded: Vec<Recorded>,
    /// New journal lines per journal file (`row` is the document's place among the files).
    pub journal: BTreeMap<PathBuf, Vec<crate::import::entries::NewLine>>,
    /// Errors: while there is one, nothing may be written.
    pub problems: Vec<Diagnostic>,
    /// Warnings: documents with nothing payable, references not found, values left out of a
    /// new contact, contacts without the supplier role.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the files named: a file as it is, a folder's `*.xml` files (not below its subfolders),
/// in name order. A missing path is not found (exit 66).
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(format!("no file {}", path.display())),
            _ => Error::io(path, e),
        })?;
        if metadata.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(path, e))?
                .filter_map(|item| item.ok().map(|i| i.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) && p.is_file()
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .map(|path| {
            let bytes =
                crate::input::read(&path, UBL_LIMIT).map_err(|e| crate::input::error(&path, e))?;
            Ok(Input { path, bytes })
        })
        .collect()
}

/// A document read, with its supplier found (or to be created), before its id is chosen.
struct Matched<'a> {
    input: &'a Input,
    received: Received,
    supplier: usize,
    mapped: Mapped,
}

/// An import under way.
struct Planner<'a> {
    book: &'a Book,
    dir: BookDir,
    book_ids: FxHashMap<&'a str, EntryIndex>,
    known: Vec<Known>,
    /// The id each matched document is recorded under (`None`: not recorded).
    ids: Vec<Option<String>>,
    /// Which matched document holds an id, or keeps its XML at a path, in this run.
    taken: FxHashMap<String, usize>,
    kept: FxHashMap<PathBuf, usize>,
    /// The bill each matched credit note is allocated to.
    refs: Vec<Option<String>>,
    plan: Plan,
}

/// Plans the import of `inputs` into `book`, which must hold no error.
pub fn plan(book: &Book, inputs: &[Input], options: Options) -> Result<Plan> {
    let mut planner = Planner {
        book,
        dir: BookDir::new(&book.root)?,
        book_ids: book
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (book.entry_id(e), i as EntryIndex))
            .collect(),
        known: book.contacts.iter().map(Known::of).collect(),
        ids: Vec::new(),
        taken: FxHashMap::default(),
        kept: FxHashMap::default(),
        refs: Vec::new(),
        plan: Plan::default(),
    };
    let mut matched = Vec::new();
    for input in inputs {
        match parse::read(&input.bytes, &input.path) {
            Ok(received) => {
                if let Some(m) = planner.match_supplier(input, received, options) {
                    matched.push(m);
                }
            }
            Err(problems) => planner.plan.problems.extend(problems),
        }
    }
    for index in 0..matched.len() {
        planner.place(&matched, index)?;
    }
    planner.link_credit_notes(&matched);
    planner.lines(&matched);
    Ok(planner.plan)
}

impl<'a> Planner<'a> {
    /// A warning about a whole file.
    fn warn(&mut self, file: &Path, message: String) {
        self.plan
            .warnings
            .push(Diagnostic::warning(file, 0, 0, message));
    }

    /// The supplier of a document read, found or created; `None` (with an error or a warning)
    /// when it is not recorded.
    fn match_supplier<'i>(
        &mut self,
        input: &'i Input,
        received: Received,
        options: Options,
    ) -> Option<Matched<'i>> {
        let file = &input.path;
        let seller = &received.seller;
        let (line, column) = seller.position;
        let found = match supplier::find(&self.known, seller) {
            Ok(found) => found,
            Err(message) => {
                self.plan
                    .problems
                    .push(Diagnostic::error(file, line, column, message));
                return None;
            }
        };
        let index = match found {
            Some(index) => index,
            None if options.create_suppliers => self.create_supplier(file, &received),
            None => {
                self.plan.problems.push(Diagnostic::error(
                    file,
                    line,
                    column,
                    format!(
                        "no contact is this supplier ({}); set its Peppol id or VAT number on its contact (`folio contact set ID peppol SCHEME:VALUE`), or pass --create-suppliers",
                        supplier::identifiers(seller)
                    ),
                ));
                return None;
            }
        };
        if !self.known[index].supplier {
            self.warn(
                file,
                format!(
                    "contact `{}` receives this document but its roles do not include supplier",
                    self.known[index].id
                ),
            );
        }
        let Some(mapped) = entry::map(&received, &received.number) else {
            self.warn(
                file,
                format!(
                    "document {} has nothing payable (cbc:PayableAmount is 0): nothing is recorded",
                    received.number
                ),
            );
            return None;
        };
        Some(Matched {
            input,
            received,
            supplier: index,
            mapped,
        })
    }

    /// Adds a new supplier made from the document's seller; returns its index in `known`.
    fn create_supplier(&mut self, file: &Path, received: &Received) -> usize {
        let seller = &received.seller;
        let name = seller.display_name().unwrap_or("supplier");
        let id = slug::unique_id(name, |candidate| {
            self.known.iter().any(|k| k.id == candidate)
        });
        let path = write::new_contact_path(&self.book.root, &id);
        let shown = path
            .strip_prefix(&self.book.root)
            .unwrap_or(&path)
            .to_path_buf();
        let (text, dropped) = supplier::new_supplier(seller, &id, &shown);
        for value in dropped {
            self.warn(
                file,
                format!("new supplier `{id}` is created without {value}"),
            );
        }
        let mut known = crate::book::edit::parse_contact(&text)
            .map(|mut contact| {
                contact.id = id.clone();
                Known::of(&contact)
            })
            .unwrap_or_else(|| Known {
                id: id.clone(),
                name: name.to_string(),
                vat: None,
                peppol: None,
                supplier: true,
            });
        known.supplier = true;
        self.known.push(known);
        self.plan.suppliers.push((id, path, text));
        self.known.len() - 1
    }
}
