//! Segment rules: an arbitrary CEL expression as `[segments.fuzz] where = '...'` in folio.toml,
//! checked as the loader checks it (compile, names, a type probe); a rule that passes the
//! check is evaluated for every contact of a small book, as `folio segment fuzz` would. Neither
//! may panic, overflow its stack or run past libFuzzer's time and memory limits.
#![no_main]

use chrono::NaiveDate;
use folio::book::{Book, Config, Location};
use folio::error::Error;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// A small book with contacts of every shape a rule may meet (no currency, custom fields, a
/// credit limit, archived) and entries on both sides.
fn sample_book() -> &'static Mutex<Book> {
    static BOOK: OnceLock<Mutex<Book>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let root = dir.path();
        let files: [(&str, &str); 5] = [
            ("folio.toml", "name = \"Fuzz\"\ncurrency = \"EUR\"\n"),
            (
                "contacts/acme.toml",
                "name = \"Acme\"\nroles = [\"customer\", \"supplier\"]\ntags = [\"vip\"]\n\
                 credit_limit = \"5000\"\nsince = 2021-03-01\n[custom]\nmanager = \"Lena\"\nsize = 12\n",
            ),
            ("contacts/beta.toml", "name = \"Beta\"\ncurrency = \"USD\"\nterms = 0\n"),
            ("contacts/old.toml", "name = \"Old\"\narchived = true\n"),
            (
                "journal/2026.journal",
                "2026-01-15 invoice INV-1 acme 100.00\n2026-02-01 payment PAY-1 acme 40 ref:INV-1\n\
                 2026-03-01 invoice INV-2 beta 0.0001\n2026-03-02 bill B-1 acme 99999999999999.9999\n",
            ),
        ];
        for (relative, text) in files {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let book = folio::checks::load_valid(&Location {
            root: root.to_path_buf(),
        })
        .expect("the sample book is valid");
        // The book holds its files' text; the directory is no longer needed.
        drop(dir);
        Mutex::new(book)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(rule) = std::str::from_utf8(data) else {
        return;
    };
    let quoted = toml::Value::String(rule.to_string()).to_string();
    let text = format!("name = \"Fuzz\"\n\n[segments.fuzz]\nwhere = {quoted}\n");
    let config: Config = match toml::from_str(&text) {
        Ok(config) => config,
        Err(error) => panic!("a quoted string is valid TOML: {error}\n{text}"),
    };
    let diagnostics =
        folio::report::segments::check_config(&config, &text, Path::new("folio.toml"));
    let lines = text.split('\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(
            diagnostic.line >= 1 && diagnostic.line <= lines,
            "{diagnostic:?}"
        );
    }
    if !diagnostics.is_empty() {
        return;
    }
    let mut book = sample_book().lock().unwrap_or_else(|e| e.into_inner());
    book.config.segments = config.segments;
    // The sample book's lines carry VAT metadata or none: revenue net where it is known.
    let revenue = folio::ledger::revenue::Revenue::build(
        &book,
        &folio::ledger::vat::DocumentVats::new(),
        folio::ledger::revenue::RevenueBasis::Net,
    );
    for as_of in [(2026, 1, 1), (2026, 12, 31)] {
        let as_of = NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap();
        match folio::report::segments::membership(&book, &revenue, "fuzz", as_of) {
            Ok(_) => {}
            // A checked rule compiles; it may still be refused on one contact's data (its step
            // budget, or the interpreter failing), with an error naming that contact.
            Err(Error::InvalidData(message)) if message.contains("for contact `") => {}
            Err(error) => panic!("a checked rule compiles and runs: {error:?}"),
        }
    }
});
