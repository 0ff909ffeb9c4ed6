//! The CSV importers on arbitrary bytes: `[selector][rules.toml %%] file.csv`. The selector's
//! low bit chooses entries or contacts. The file is decoded (UTF-8, else guessed), parsed as CSV
//! and planned against a small book, as `folio import entries|contacts --dry-run` does.
//!
//! Beyond "never panics": every journal line an entries import would append parses, and its id
//! is the one the plan names, and holds no control character; every contact file a contacts import would write is a valid
//! contact file.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use folio::book::{Book, edit};
use folio::import::rules::EntryRules;
use folio::input::csv::{self as reader, Encoding};
use folio::input::rules::RulesText;
use folio::import::{contacts, entries};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn sample() -> &'static (tempfile::TempDir, Book) {
    static BOOK: OnceLock<(tempfile::TempDir, Book)> = OnceLock::new();
    BOOK.get_or_init(common::sample_book)
}

fn book() -> &'static Book {
    &sample().1
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let parts = common::split(rest, 2);
    let (rules_text, csv) = match parts.as_slice() {
        [rules, csv] => (std::str::from_utf8(rules).ok(), *csv),
        [csv] => (None, *csv),
        _ => return,
    };
    let shown = Path::new("import.csv");
    let Ok(decoded) = reader::decode(csv, Encoding::Guess) else {
        return;
    };
    let text = decoded.text;
    if selector & 1 == 0 {
        import_entries(rules_text, &text, shown);
    } else {
        import_contacts(&text, shown);
    }
});

fn import_entries(rules_text: Option<&str>, text: &str, shown: &Path) {
    let rules = match rules_text {
        Some(rules_text) => {
            let rules = RulesText {
                shown: "rules.toml".into(),
                text: rules_text.to_string(),
            };
            let Ok(table) = toml::from_str::<toml::Table>(rules_text) else {
                return;
            };
            match EntryRules::from_table(&rules, &table) {
                Ok(read) => read,
                Err(error) => {
                    let _ = error.diagnostic.to_string();
                    return;
                }
            }
        }
        None => EntryRules::default(),
    };
    let table = match reader::parse(text, rules.csv.delimiter, rules.csv.skip_lines) {
        Ok(table) => table,
        Err(errors) => {
            for error in errors {
                let _ = error.diagnostic(shown, text).to_string();
            }
            return;
        }
    };
    let Ok(plan) = entries::plan(book(), &table, text, shown, &rules) else {
        return;
    };
    for lines in plan.files.values() {
        for new in lines {
            assert_eq!(
                folio::text::forbidden_in_line(&new.line),
                None,
                "an import would write a control character: {:?}",
                new.line
            );
            match folio::journal::parser::parse_line(&new.line) {
                Ok(Some(parsed)) => assert_eq!(parsed.id, new.id, "{:?}", new.line),
                other => panic!(
                    "an import would write {:?}, which reads as {other:?}",
                    new.line
                ),
            }
        }
        let _ = entries::appended("2026-01-01 invoice X acme 1", lines);
    }
}

fn import_contacts(text: &str, shown: &Path) {
    let table = match reader::parse(text, None, 0) {
        Ok(table) => table,
        Err(_) => return,
    };
    let book = book();
    let existing: Vec<contacts::Existing<'_>> = book
        .contacts
        .iter()
        .map(|contact| contacts::Existing {
            contact,
            path: sample()
                .0
                .path()
                .join(format!("contacts/{}.toml", contact.id)),
        })
        .collect();
    let root = sample().0.path();
    let Ok(plan) = contacts::plan(&table, text, shown, root, &existing, &Default::default()) else {
        return;
    };
    for planned in &plan.planned {
        if matches!(planned.action, contacts::Action::Unchanged) {
            continue;
        }
        let file = Path::new("contacts/new.toml");
        if let Err(problems) = edit::validate(&planned.text, file, &planned.id, None) {
            // Values that were already there are the file's business; what the import adds
            // must read back.
            assert!(
                problems.iter().all(|p| !p.message.contains("invalid TOML")),
                "an import would write a contact file that is not TOML:\n{}\n{problems:?}",
                planned.text
            );
        }
    }
}
