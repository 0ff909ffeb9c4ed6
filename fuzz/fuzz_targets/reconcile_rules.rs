//! Bank reconciliation on arbitrary input: `[rules.toml %%] statement.csv`. The rules (a bank's
//! column names, sign convention, formats) and the statement are read as `folio reconcile
//! --rules` reads them, the lines are matched to the open items of a small book, and the entries
//! `--apply` would record are prepared.
//!
//! Beyond "never panics": every entry `--apply` would append is a journal line that parses, for
//! a contact of the book, holding no control character, with a `bank:` key so the bank line is never applied twice.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use chrono::NaiveDate;
use folio::book::Book;
use folio::input::rules::RulesText;
use folio::input::statement::{self, csv::rules::BankRules};
use folio::reconcile::{self, bank, matching};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn book() -> &'static Book {
    static BOOK: OnceLock<(tempfile::TempDir, Book)> = OnceLock::new();
    &BOOK.get_or_init(common::sample_book).1
}

fuzz_target!(|data: &[u8]| {
    let parts = common::split(data, 2);
    let (rules_text, csv) = match parts.as_slice() {
        [rules, csv] => (std::str::from_utf8(rules).ok(), *csv),
        [csv] => (None, *csv),
        _ => return,
    };
    let rules = match rules_text {
        Some(text) => {
            let Ok(table) = toml::from_str::<toml::Table>(text) else {
                return;
            };
            let rules = RulesText {
                shown: "bank.toml".into(),
                text: text.to_string(),
            };
            match BankRules::from_table(&rules, &table) {
                Ok(read) => read,
                Err(error) => {
                    let _ = error.diagnostic.to_string();
                    return;
                }
            }
        }
        None => BankRules::default(),
    };
    let statement = match statement::read(csv, Path::new("bank.csv"), None, &rules) {
        Ok(statement) => statement,
        Err(problems) => {
            for problem in problems {
                let _ = problem.to_string();
            }
            return;
        }
    };
    let book = book();
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let proposals = matching::reconcile(book, &bank::lines(&statement), as_of);
    let Ok(entries) = reconcile::entries_for(book, &proposals, 0.0) else {
        return;
    };
    for (index, prepared) in entries {
        assert!(index < proposals.len());
        assert_eq!(
            folio::text::forbidden_in_line(&prepared.line),
            None,
            "--apply would write a control character: {:?}",
            prepared.line
        );
        match folio::journal::parser::parse_line(&prepared.line) {
            Ok(Some(parsed)) => {
                assert!(
                    book.contact_index(parsed.contact).is_some(),
                    "{}",
                    prepared.line
                );
                assert!(prepared.line.contains(" bank:"), "{}", prepared.line);
            }
            other => panic!(
                "--apply would write {:?}, which reads as {other:?}",
                prepared.line
            ),
        }
    }
});
