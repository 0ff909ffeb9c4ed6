//! Documents: invoices, credit notes and quotes with line items, VAT and payment instructions.
//!
//! An invoice or credit note is two files that always go together: `documents/<ID>.toml` (the
//! items, see [`model`]) and the journal line of the same id, whose amount is the document's total.
//! [`issue`] writes both in one step under the book's lock; [`check`] (run by `folio check`)
//! verifies that they agree, reports a document without a journal line, and adds the
//! legal-content warnings of [`legal`]. Quotes live in `quotes/<ID>.toml` and have no journal
//! line until `folio quote accept` turns one into an invoice (from the draft that
//! [`quote::acceptable`] makes of it).
//!
//! Rendering: [`render`] (text and HTML through templates), [`pdf`] and [`ubl`] (UBL 2.1 /
//! Peppol BIS Billing 3.0).

pub mod issue;
pub mod legal;
pub mod model;
pub mod pdf;
pub mod quote;
pub mod receipt;
pub mod render;
pub mod sending;
pub mod ubl;

pub use model::{Document, DocumentKind, Item, Totals};

use crate::book::{Book, display_path};
use crate::diagnostic::{Diagnostic, line_column, line_text};
use crate::error::{Error, Result};
use crate::fsio::{BookDir, Refusal};
use crate::journal::{Entry, Kind};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

pub use crate::book::{DOCUMENTS_DIR, QUOTES_DIR};

/// Where a document of `kind` and `id` lives, relative to the book.
pub fn relative_path(kind: DocumentKind, id: &str) -> PathBuf {
    let dir = match kind {
        DocumentKind::Quote => QUOTES_DIR,
        _ => DOCUMENTS_DIR,
    };
    PathBuf::from(dir).join(format!("{id}.toml"))
}

/// Checks that a document id can name a file inside the book: a journal id whose `/`-separated
/// parts are never `.` or `..`.
pub fn check_file_id(id: &str) -> Result<()> {
    crate::journal::parser::check_document_id(id).map_err(Error::InvalidData)?;
    if id
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(Error::InvalidData(format!(
            "document id `{id}` cannot name a file: no empty, `.` or `..` parts between '/'"
        )));
    }
    if let Some(part) = id
        .split('/')
        .find(|part| crate::book::slug::is_reserved_name(part))
    {
        return Err(Error::InvalidData(format!(
            "document id `{id}` cannot name a file: `{part}` is reserved for a device on Windows"
        )));
    }
    Ok(())
}

/// Reads a document of the book: `documents/<id>.toml`, else `quotes/<id>.toml`.
pub fn read(root: &Path, id: &str) -> Result<Document> {
    check_file_id(id)?;
    let dir = BookDir::new(root)?;
    for kind in [DocumentKind::Invoice, DocumentKind::Quote] {
        let relative = relative_path(kind, id);
        if let Some(text) = read_text(&dir, root, &relative)? {
            return parse_file(&text, &display_path(root, &relative), id);
        }
    }
    let mut known = Vec::new();
    for folder in [DOCUMENTS_DIR, QUOTES_DIR] {
        known.extend(
            files_below(root, folder)
                .unwrap_or_default()
                .iter()
                .map(|relative| id_of_file(folder, relative)),
        );
    }
    let near = crate::diagnostic::nearest(id, known.iter().map(String::as_str), 3);
    Err(Error::NotFound(format!(
        "no document `{id}`: neither {DOCUMENTS_DIR}/{id}.toml nor {QUOTES_DIR}/{id}.toml exists \
         (documents are made by `folio invoice --item ...`, `folio credit-note --item ...` and `folio quote`){}",
        crate::diagnostic::suggestion(&near)
    )))
}

/// Checks that an issued document (not a quote) agrees with the book before it is rendered: it has
/// its journal line, with the document's total. A document that does not is invalid data (exit
/// 65) that `folio check` explains.
pub fn check_recorded(book: &Book, document: &Document) -> Result<()> {
    if document.kind == DocumentKind::Quote {
        return Ok(());
    }
    let index = book.find_entry(&document.id).ok_or_else(|| {
        Error::InvalidData(format!(
            "{} has no journal line: it is an orphan document (`folio check` says more)",
            document.id
        ))
    })?;
    let entry = &book.entries[index as usize];
    let total = document.totals()?.total;
    if entry.amount != total {
        return Err(Error::InvalidData(format!(
            "{}: the journal amount {} is not the document's total {}; fix the book first (`folio check`)",
            document.id,
            model::amount_text(entry.amount),
            model::amount_text(total)
        )));
    }
    Ok(())
}

/// The text of a document file, `None` when there is none. A file that is not a regular UTF-8
/// file inside the book is invalid book data, at its path.
fn read_text(dir: &BookDir, root: &Path, relative: &Path) -> Result<Option<String>> {
    let shown = display_path(root, relative);
    let refuse =
        |message: String| Error::InvalidBook(vec![Diagnostic::error(&shown, 0, 0, message)]);
    match dir.read(&root.join(relative)) {
        Ok(None) => Ok(None),
        Ok(Some(bytes)) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| refuse("a document file must be UTF-8 text".to_string())),
        Err(Refusal::Io(e)) => Err(Error::io(&shown, e)),
        Err(refusal) => Err(refuse(refusal.to_string())),
    }
}

/// Parses a document file's text; an error is positioned in the file.
fn parse_file(text: &str, shown: &Path, id: &str) -> Result<Document> {
    let document = Document::from_toml(text).map_err(|(offset, message)| {
        let (line, column) = line_column(text, offset);
        let mut diagnostic = Diagnostic::error(shown, line, column, message);
        if let Some(excerpt) = line_text(text, line) {
            diagnostic = diagnostic.with_excerpt(excerpt);
        }
        Error::InvalidBook(vec![diagnostic])
    })?;
    if document.id != id {
        return Err(Error::InvalidBook(vec![Diagnostic::error(
            shown,
            key_offset(text, "id").map_or(0, |o| line_column(text, o).0),
            1,
            format!(
                "the document's id `{}` is not its file name `{id}`",
                document.id
            ),
        )]));
    }
    Ok(document)
}

/// The byte offset of a dotted key (`totals.total`, `items.2.vat`) in a TOML text.
pub(crate) fn key_offset(text: &str, path: &str) -> Option<usize> {
    let document = toml_edit::Document::parse(text).ok()?;
    let parts: Vec<&str> = path.split('.').collect();
    find_key(document.as_table(), &parts)
}

fn find_key(table: &dyn toml_edit::TableLike, parts: &[&str]) -> Option<usize> {
    let (key, item) = table.get_key_value(parts.first()?)?;
    let rest = &parts[1..];
    if rest.is_empty() {
        return key.span().map(|s| s.start);
    }
    match item {
        toml_edit::Item::Table(inner) => find_key(inner, rest),
        toml_edit::Item::Value(toml_edit::Value::InlineTable(inner)) => find_key(inner, rest),
        toml_edit::Item::ArrayOfTables(array) => {
            let inner = array.get(rest[0].parse().ok()?)?;
            if rest.len() == 1 {
                inner.span().map(|s| s.start)
            } else {
                find_key(inner, &rest[1..]).or_else(|| inner.span().map(|s| s.start))
            }
        }
        _ => key.span().map(|s| s.start),
    }
}

/// Every `*.toml` file below `dir` (relative to `root`), in path order.
fn files_below(root: &Path, dir: &str) -> Result<Vec<PathBuf>> {
    if std::fs::symlink_metadata(root.join(dir)).is_ok_and(|m| m.file_type().is_symlink()) {
        linked_inside(root, Path::new(dir))?;
    }
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from(dir)];
    while let Some(relative) = pending.pop() {
        let listing = match std::fs::read_dir(root.join(&relative)) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(display_path(root, &relative), e)),
        };
        for item in listing {
            let item = item.map_err(|e| Error::io(display_path(root, &relative), e))?;
            let name = item.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let child = relative.join(&name);
            let metadata = match item.file_type() {
                Ok(kind) if kind.is_symlink() => linked_inside(root, &child)?,
                _ => std::fs::metadata(root.join(&child)).ok(),
            };
            if metadata.as_ref().is_some_and(|m| m.is_dir()) {
                pending.push(child);
            } else if child.extension().is_some_and(|e| e == "toml") {
                // A named pipe would block the read forever, a device never end it.
                if metadata.as_ref().is_some_and(|m| !m.is_file()) {
                    return Err(Error::InvalidBook(vec![Diagnostic::error(
                        &display_path(root, &child),
                        0,
                        0,
                        "expected a .toml file, found a special file; folio reads only regular files",
                    )]));
                }
                found.push(child);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// What the symbolic link `relative` leads to, refused (as invalid book data) when it leads to
/// nowhere or out of the book.
fn linked_inside(root: &Path, relative: &Path) -> Result<Option<std::fs::Metadata>> {
    let refuse = |message: String| {
        Error::InvalidBook(vec![Diagnostic::error(
            &display_path(root, relative),
            0,
            0,
            message,
        )])
    };
    let Ok(real) = root.join(relative).canonicalize() else {
        return Err(refuse(
            "symbolic link to nowhere; restore its target or remove the link".to_string(),
        ));
    };
    let book = root.canonicalize().map_err(|e| Error::io(root, e))?;
    if !real.starts_with(&book) {
        return Err(refuse(format!(
            "this symbolic link leads outside the book (to {}); folio reads only files inside the book",
            real.display()
        )));
    }
    Ok(std::fs::metadata(&real).ok())
}

/// The VAT breakdowns of the book's invoices and credit notes that have a document, by id, for
/// [`crate::ledger::vat::entry_vat`]: each document's VAT lines as its rounding rule computes
/// them. A document folio cannot read is an error, as in `folio check`.
pub fn vat_breakdowns(book: &Book) -> Result<crate::ledger::vat::DocumentVats> {
    let mut breakdowns = crate::ledger::vat::DocumentVats::new();
    for_each_sales_document(book, |_, id, _, totals| {
        breakdowns.insert(id.to_string(), vat_parts(totals));
    })?;
    Ok(breakdowns)
}

/// The lines of the book's invoices and credit notes that have a document, by entry, for the
/// sales report by product and the segment names on products: each line's product code,
/// quantity and net after the document discount ([`model::discounted_line_nets`]). A document
/// folio cannot read is an error, as in `folio check`.
pub fn product_sales(book: &Book) -> Result<crate::ledger::sales::ProductSales> {
    Ok(vats_and_sales(book, false)?.1)
}

/// [`vat_breakdowns`] (empty unless `with_vats`) and [`product_sales`], each document read once.
pub fn vats_and_sales(
    book: &Book,
    with_vats: bool,
) -> Result<(
    crate::ledger::vat::DocumentVats,
    crate::ledger::sales::ProductSales,
)> {
    use crate::ledger::sales::{LineSold, ProductSales};
    let mut breakdowns = crate::ledger::vat::DocumentVats::new();
    let mut sales = ProductSales::new();
    for_each_sales_document(book, |index, id, document, totals| {
        let nets = model::discounted_line_nets(totals, &document.items, document.discount);
        let lines = document.items.iter().zip(nets).map(|(item, net)| LineSold {
            product: item.product.as_deref(),
            quantity: item.quantity,
            net,
        });
        sales.insert(index as u32, lines);
        if with_vats {
            breakdowns.insert(id.to_string(), vat_parts(totals));
        }
    })?;
    Ok((breakdowns, sales))
}

fn vat_parts(totals: &Totals) -> Vec<crate::ledger::vat::VatPart> {
    totals
        .breakdown
        .iter()
        .map(|line| crate::ledger::vat::VatPart {
            category: Some(line.category.clone()),
            rate: Some(line.rate),
            net: line.base,
            vat: line.vat,
        })
        .collect()
}

/// Calls `visit` with the entry index, id, document and totals of every invoice and credit note
/// of the book that has a document.
fn for_each_sales_document(
    book: &Book,
    mut visit: impl FnMut(usize, &str, &Document, &Totals),
) -> Result<()> {
    let files = files_below(&book.root, DOCUMENTS_DIR)?;
    if files.is_empty() {
        return Ok(());
    }
    let ids: rustc_hash::FxHashSet<String> = files
        .iter()
        .map(|relative| id_of_file(DOCUMENTS_DIR, relative))
        .collect();
    let dir = BookDir::new(&book.root)?;
    for (index, entry) in book.entries.iter().enumerate() {
        let id = book.entry_id(entry);
        if !matches!(entry.kind, Kind::Invoice | Kind::Credit) || !ids.contains(id) {
            continue;
        }
        let relative = relative_path(DocumentKind::Invoice, id);
        let Some(text) = read_text(&dir, &book.root, &relative)? else {
            continue;
        };
        let document = parse_file(&text, &display_path(&book.root, &relative), id)?;
        let totals = document.totals()?;
        visit(index, id, &document, &totals);
    }
    Ok(())
}

/// The id a document file should hold: its path below the folder, without `.toml`.
fn id_of_file(dir: &str, relative: &Path) -> String {
    let inner = relative.strip_prefix(dir).unwrap_or(relative);
    inner
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/")
}

/// `folio check` on documents: each file parses; its id is its file name; an invoice or credit
/// note has a journal line of the same id, kind, contact and currency whose amount equals the
/// document's total (an error at the journal line otherwise); the stored totals are the computed
/// ones; a document without a journal line is an orphan (a warning). Legal-content problems
/// ([`legal`]) are warnings. Quotes are parsed, and an accepted quote must name an invoice that
/// exists.
pub fn check(book: &Book, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
    let root = &book.root;
    let documents = files_below(root, DOCUMENTS_DIR)?;
    let quotes = files_below(root, QUOTES_DIR)?;
    if documents.is_empty() && quotes.is_empty() {
        return Ok(());
    }
    let by_id: FxHashMap<&str, &Entry> = book
        .entries
        .iter()
        .map(|entry| (book.entry_id(entry), entry))
        .collect();
    let checker = Checker {
        book,
        by_id,
        book_dir: BookDir::new(root)?,
    };
    for (dir, files) in [(DOCUMENTS_DIR, &documents), (QUOTES_DIR, &quotes)] {
        for relative in files {
            checker.file(dir, relative, diagnostics)?;
        }
    }
    Ok(())
}

/// What checking the documents against the journal needs.
struct Checker<'a> {
    book: &'a Book,
    /// Journal entries by document id.
    by_id: FxHashMap<&'a str, &'a Entry>,
    book_dir: BookDir,
}

/// A document file's text, to place its problems at a key.
struct Placed<'a> {
    shown: &'a Path,
    text: &'a str,
}

impl Placed<'_> {
    /// An error (or a warning) at `key`'s value, or at the top of the file without it.
    fn at(&self, error: bool, key: &str, message: String) -> Diagnostic {
        let (line, column) =
            key_offset(self.text, key).map_or((0, 0), |offset| line_column(self.text, offset));
        let made = if error {
            Diagnostic::error(self.shown, line, column, message)
        } else {
            Diagnostic::warning(self.shown, line, column, message)
        };
        match line_text(self.text, line).filter(|_| line > 0) {
            Some(excerpt) => made.with_excerpt(excerpt),
            None => made,
        }
    }
}

impl Checker<'_> {
    /// Checks one document file of folder `dir`.
    fn file(&self, dir: &str, relative: &Path, diagnostics: &mut Vec<Diagnostic>) -> Result<()> {
        let shown = display_path(&self.book.root, relative);
        let text = match read_text(&self.book_dir, &self.book.root, relative) {
            Ok(Some(text)) => text,
            // Removed since the listing: nothing to check.
            Ok(None) => return Ok(()),
            Err(Error::InvalidBook(found)) => {
                diagnostics.extend(found);
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        let id = id_of_file(dir, relative);
        let document = match parse_file(&text, &shown, &id) {
            Ok(document) => document,
            Err(Error::InvalidBook(found)) => {
                diagnostics.extend(found);
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        let placed = Placed {
            shown: &shown,
            text: &text,
        };
        self.document(dir, &id, &document, &placed, diagnostics);
        Ok(())
    }

    /// Checks a parsed document: its folder, its totals, and its journal line or invoice.
    fn document(
        &self,
        dir: &str,
        id: &str,
        document: &Document,
        placed: &Placed<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let wrong_folder = (dir == QUOTES_DIR) != (document.kind == DocumentKind::Quote);
        if wrong_folder {
            let folder = if document.kind == DocumentKind::Quote {
                QUOTES_DIR
            } else {
                DOCUMENTS_DIR
            };
            diagnostics.push(placed.at(
                true,
                "kind",
                format!(
                    "a {} belongs in {folder}/, not in {dir}/",
                    document.kind.as_str()
                ),
            ));
            return;
        }
        // Validated with the file, so this refusal is only a second line of defence.
        let totals = match model::totals(&document.items, document.discount) {
            Ok(totals) => totals,
            Err((key, message)) => {
                diagnostics.push(placed.at(true, &key, message));
                return;
            }
        };
        if let Some(stored) = &document.totals {
            stored_totals(stored, &totals, placed, diagnostics);
        }
        self.unknown_products(document, placed, diagnostics);
        if document.kind == DocumentKind::Quote {
            if let Some(invoice) = &document.invoice
                && !self.by_id.contains_key(invoice.as_str())
            {
                diagnostics.push(placed.at(
                    false,
                    "invoice",
                    format!(
                        "quote {id} was accepted as invoice {invoice}, which is not in the journal"
                    ),
                ));
            }
            return;
        }
        let Some(entry) = self.by_id.get(document.id.as_str()) else {
            diagnostics.push(placed.at(false, "id", orphan_message(document, &totals)));
            return;
        };
        self.against_entry(document, &totals, entry, placed, diagnostics);
    }

    /// A warning at each line naming a product the catalogue does not have (removed or renamed
    /// since): the line keeps its snapshot, so the document stays valid, but sales by product
    /// can no longer give it a family.
    fn unknown_products(
        &self,
        document: &Document,
        placed: &Placed<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let unknown = document
            .items
            .iter()
            .filter_map(|item| item.product.as_deref())
            .filter(|code| self.book.products.get(code).is_none());
        for code in unknown {
            let quoted = format!("\"{code}\"");
            let line = placed.text.lines().position(|line| {
                line.trim_start().starts_with("product") && line.contains(&quoted)
            });
            let (line, column) = line.map_or((0, 0), |index| (index as u32 + 1, 1));
            let mut warning = Diagnostic::warning(
                placed.shown,
                line,
                column,
                format!(
                    "product `{code}` is not in the catalogue (products/{code}.toml); the line keeps its own name and price"
                ),
            );
            if let Some(excerpt) = line_text(placed.text, line).filter(|_| line > 0) {
                warning = warning.with_excerpt(excerpt);
            }
            diagnostics.push(warning);
        }
    }

    /// Checks an invoice or credit note against its journal line: kind, contact, currency,
    /// amount (errors at the line), date and legal content (warnings in the document).
    fn against_entry(
        &self,
        document: &Document,
        totals: &Totals,
        entry: &Entry,
        placed: &Placed<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let shown = placed.shown;
        let line = self.book.entry_line(entry);
        let path = self.book.entry_path(entry);
        let parsed = crate::journal::parser::parse_line(line).ok().flatten();
        let column_of = |offset: usize| line[..offset.min(line.len())].chars().count() as u32 + 1;
        let journal_error = |offset: usize, message: String| {
            Diagnostic::error(path, entry.line, column_of(offset), message).with_excerpt(line)
        };
        let expected = document.kind.journal_kind();
        if expected != Some(entry.kind) {
            diagnostics.push(journal_error(
                0,
                format!(
                    "{} is a {} in the journal but {} holds a {}",
                    document.id,
                    entry.kind.as_str(),
                    shown.display(),
                    document.kind.as_str()
                ),
            ));
            return;
        }
        let contact = self.book.entry_contact(entry);
        if contact.id != document.contact {
            diagnostics.push(journal_error(
                parsed.as_ref().map_or(0, |p| p.contact_offset),
                format!(
                    "{} is recorded for contact `{}` but {} is made out to `{}`",
                    document.id,
                    contact.id,
                    shown.display(),
                    document.contact
                ),
            ));
        }
        if entry.currency.as_str() != document.currency {
            diagnostics.push(journal_error(
                parsed.as_ref().map_or(0, |p| p.amount_offset),
                format!(
                    "{} is recorded in {} but {} is in {}",
                    document.id,
                    entry.currency,
                    shown.display(),
                    document.currency
                ),
            ));
        }
        if entry.amount != totals.total {
            diagnostics.push(journal_error(
                parsed.as_ref().map_or(0, |p| p.amount_offset),
                format!(
                    "the journal amount {} of {} is not the total {} of {}; the journal line and its document must agree",
                    model::amount_text(entry.amount),
                    document.id,
                    model::amount_text(totals.total),
                    shown.display()
                ),
            ));
        }
        if entry.date != document.date {
            diagnostics.push(placed.at(
                false,
                "date",
                format!(
                    "the document is dated {} but its journal line {}",
                    document.date, entry.date
                ),
            ));
        }
        for problem in legal::problems(document, &self.book.config) {
            diagnostics.push(placed.at(false, problem.key, problem.message));
        }
    }
}

/// Stored totals that differ from the items' (errors at each total).
fn stored_totals(
    stored: &model::StoredTotals,
    totals: &Totals,
    placed: &Placed<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, stored, computed) in [
        ("totals.net", stored.net, totals.net),
        ("totals.allowance", stored.allowance, totals.allowance),
        ("totals.vat", stored.vat, totals.vat),
        ("totals.total", stored.total, totals.total),
    ] {
        if stored != computed {
            diagnostics.push(placed.at(
                true,
                key,
                format!(
                    "{key} is {} but the items add up to {} (net per line, VAT per rate, half-up to cents); correct the items or the total",
                    model::amount_text(stored),
                    model::amount_text(computed)
                ),
            ));
        }
    }
}

/// An invoice or credit note without a journal line: a warning, since only a writer killed
/// between its two writes leaves one, and the book's money is whole without it (the next
/// invoice of that number replaces it).
fn orphan_message(document: &Document, totals: &Totals) -> String {
    format!(
        "orphan document: {} {} has no journal line with its id; record it (`folio {} {} {} --id {}`) or remove the file",
        document.kind.as_str(),
        document.id,
        if document.kind == DocumentKind::CreditNote {
            "credit-note"
        } else {
            "invoice"
        },
        document.contact,
        model::amount_text(totals.total),
        document.id
    )
}
