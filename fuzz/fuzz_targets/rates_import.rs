//! `folio rates import` on arbitrary bytes: `[selector] file.csv`. The selector's bits choose
//! the layout (the ECB's per-currency columns, or one pair with a decimal comma), every currency
//! or the book's, and `--keep-book`. The file is decoded (UTF-8, else guessed), parsed as CSV and
//! planned against a small book with a few quotes, as `folio rates import --dry-run` does.
//!
//! Beyond "never panics": every line the plan would write reads back, through the parser
//! `folio check` uses, as a quote without a problem.
#![no_main]

// One input is one file: the common `split` is not used here.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;

use folio::book::Book;
use folio::book::rates::parse_rates_file;
use folio::import::rates::{Layout, Options, Selection, plan_text};
use folio::input::csv::{self as reader, Encoding};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn sample() -> &'static (tempfile::TempDir, Book) {
    static BOOK: OnceLock<(tempfile::TempDir, Book)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let (dir, _) = common::sample_book();
        let rates = dir.path().join("rates/2026.rates");
        std::fs::create_dir_all(rates.parent().unwrap()).unwrap();
        std::fs::write(&rates, "2026-01-02 EUR USD 1.1\n2026-01-05 USD EUR 0.9\n").unwrap();
        let book = folio::checks::load_valid(&folio::book::Location {
            root: dir.path().to_path_buf(),
        })
        .expect("the sample book with rates is valid");
        (dir, book)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, csv)) = data.split_first() else {
        return;
    };
    let Ok(decoded) = reader::decode(csv, Encoding::Guess) else {
        return;
    };
    let pair = selector & 1 == 1;
    // folio keeps its `money` module private: the currencies come from a quote, as parsed.
    let usd_eur =
        parse_rates_file("2026-01-01 USD EUR 1\n", Path::new("r"), &mut Vec::new())[0].quote;
    let (usd, eur) = (usd_eur.from, usd_eur.to);
    let options = Options {
        layout: if pair {
            Layout::Pair {
                from: usd,
                to: eur,
                rate_column: "rate".into(),
            }
        } else {
            Layout::PerCurrency { base: eur }
        },
        date_column: "date".into(),
        date_format: None,
        decimal: if selector & 2 == 2 { ',' } else { '.' },
        delimiter: None,
        selection: if selector & 4 == 4 {
            Selection::All
        } else {
            Selection::Used
        },
        from: None,
        to: None,
        keep_book: selector & 8 == 8,
    };
    let book = &sample().1;
    let Ok(plan) = plan_text(book, &decoded.text, Path::new("rates.csv"), &options) else {
        return;
    };
    for (path, lines) in &plan.files {
        let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
        let mut problems = Vec::new();
        let quotes = parse_rates_file(&text, path, &mut problems);
        assert!(problems.is_empty(), "{text}: {problems:?}");
        assert_eq!(quotes.len(), lines.len(), "{text}");
    }
});
