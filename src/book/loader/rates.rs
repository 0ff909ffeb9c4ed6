//! Reading the book's exchange rates: every `rates/**/*.rates` file, in path order.

use super::super::display_path;
use super::super::rates::{RATES_DIR, Rates, parse_rates_file, report_repeated_quotes};
use super::files::collect_files;
use super::text::{Text, read_text};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::fsio::BookDir;
use std::path::Path;

/// Reads every rates file; a book without a `rates/` folder has no rates.
pub(super) fn load_rates(
    dir: &BookDir,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Rates> {
    let mut files = Vec::new();
    for relative in collect_files(dir, root, RATES_DIR, "rates", diagnostics)? {
        let shown = display_path(root, &relative);
        let Some(Text { text, .. }) = read_text(dir, &root.join(&relative), &shown, diagnostics)?
        else {
            continue;
        };
        let quotes = parse_rates_file(&text, &shown, diagnostics);
        files.push((shown, quotes));
    }
    report_repeated_quotes(&files, diagnostics);
    Ok(Rates::from_quotes(
        files
            .into_iter()
            .flat_map(|(_, quotes)| quotes)
            .map(|placed| placed.quote),
    ))
}
