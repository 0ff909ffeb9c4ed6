//! A whole book from arbitrary bytes: the input, cut at lines `%%`, becomes folio.toml,
//! contacts/acme.toml, contacts/beta.toml, journal/2026.journal and collections.journal of a book
//! in a temporary directory (a missing part gets a valid default; the collections journal's is
//! empty). The book is loaded as `folio check` loads
//! it; when it holds no error, the ledgers and the reports are computed on it for a few dates.
//!
//! Beyond "never panics": the loader's two passes agree (`load` finds an error exactly when
//! `load_valid` refuses the book), and every account's balance equals its open items minus
//! its unapplied credits.
#![no_main]

use chrono::NaiveDate;
use folio::book::Location;
use folio::journal::Side;
use folio::ledger::Ledger;
use folio::report::{self, Scope};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const PARTS: [(&str, &[u8]); 5] = [
    ("folio.toml", b"name = \"Fuzz\"\ncurrency = \"EUR\"\n"),
    (
        "contacts/acme.toml",
        b"name = \"Acme\"\nroles = [\"customer\", \"supplier\"]\n",
    ),
    (
        "contacts/beta.toml",
        b"name = \"Beta\"\ncurrency = \"USD\"\n",
    ),
    (
        "journal/2026.journal",
        b"2026-01-15 invoice INV-1 acme 100.00\n",
    ),
    ("collections.journal", b""),
];

fn book_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir_all(dir.path().join("contacts")).unwrap();
        std::fs::create_dir_all(dir.path().join("journal")).unwrap();
        dir
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    let root = book_dir();
    let mut parts = split(data);
    for (relative, default) in PARTS {
        let contents = parts.next().unwrap_or(default);
        std::fs::write(root.join(relative), contents).unwrap();
    }
    let location = Location {
        root: root.to_path_buf(),
    };
    let (book, diagnostics) = match folio::checks::load(&location) {
        Ok(loaded) => loaded,
        Err(error) => panic!("a book of readable files must load: {error}"),
    };
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_string();
    }
    let has_error = diagnostics.iter().any(|d| d.is_error());
    let valid = folio::checks::load_valid(&location);
    assert_eq!(
        has_error,
        valid.is_err(),
        "check and the reports disagree: {diagnostics:?}"
    );
    if has_error {
        return;
    }
    reports(&book);
});

/// The input cut at lines that read `%%`.
fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.windows(4).position(|w| w == b"\n%%\n") {
            Some(at) => {
                rest = Some(&text[at + 4..]);
                Some(&text[..at + 1])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

fn reports(book: &folio::book::Book) {
    let dates = [
        NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        book.entries
            .iter()
            .map(|e| e.date)
            .max()
            .unwrap_or(NaiveDate::MIN),
        // The last date `--as-of` accepts.
        NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
    ];
    let buckets = report::aging::Buckets::new(&book.config.aging.buckets);
    for side in [Side::Receivables, Side::Payables] {
        for as_of in dates {
            let ledger = Ledger::build(book, side, as_of, true);
            for account in &ledger.accounts {
                let open: rust_decimal::Decimal = account.open_items.iter().map(|i| i.open).sum();
                let unapplied: rust_decimal::Decimal =
                    account.unapplied.iter().map(|i| i.open).sum();
                assert_eq!(account.balance(), open - unapplied);
                assert!(account.open_items.is_empty() || account.unapplied.is_empty());
            }
            let scope = Scope {
                as_of,
                side,
                contact: None,
                currency: None,
                members: None,
            };
            let _ = report::balance::balance(book, &ledger, &scope);
            let _ = report::aging::aging(book, &ledger, &scope, &buckets, true);
            let _ = report::overdue::overdue(book, &ledger, &scope, 0);
            if side == Side::Receivables {
                // Credit and scores are about customers: they take the receivables ledger.
                let _ = report::credit::credit(book, &ledger);
                let _ = report::score::score(book, &ledger, None);
                let _ = report::collections::promises(book, &ledger);
            }
            for contact in 0..book.contacts.len() as u32 {
                let _ = report::statement::statement(book, contact, side, None, as_of, &buckets);
            }
            for index in 0..book.entries.len() as u32 {
                let _ = report::explain::explain(book, index, as_of);
            }
        }
    }
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let settings = report::metrics::Settings::of(book);
    // Revenue net of the VAT the lines state (the fuzzed book has no documents).
    let revenue = folio::ledger::revenue::Revenue::build(
        book,
        &folio::ledger::vat::DocumentVats::new(),
        folio::ledger::revenue::RevenueBasis::Net,
    );
    let _ = report::metrics::analyze(book, &settings, &revenue, as_of, settings.window);
}
