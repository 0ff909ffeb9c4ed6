//! Positioned problems found in a book: every error and warning names a file, a line and a column.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors make the book invalid (exit 65), warnings fail only `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; does not stop reports.
    Warning,
    /// The book cannot be trusted until this is fixed.
    Error,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as shown to the user (relative to the book when possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column in characters; 0 when the problem concerns the whole line or file.
    pub column: u32,
    /// What was wrong and what was expected.
    pub message: String,
    /// The offending line, when there is one, for the excerpt under the message.
    pub excerpt: Option<String>,
    /// What to do about it, shown on a line of its own under the excerpt; most have none.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(path: &Path, line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            excerpt: None,
            hint: None,
        }
    }

    /// A warning at a position.
    pub fn warning(path: &Path, line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Attaches the offending source line.
    pub fn with_excerpt(mut self, line_text: &str) -> Diagnostic {
        self.excerpt = Some(line_text.trim_end_matches(['\r', '\n']).to_string());
        self
    }

    /// Attaches a hint: what to do about the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A stable code naming the part of the book the problem is in, for programs that sort or
    /// count problems: `config` (folio.toml), `contact`, `journal`, `document`, `quote`, else the
    /// file's own name without extension (`rules`, `sends`...). The folder nearest the file
    /// decides, so where the book itself lies does not matter.
    pub fn code(&self) -> String {
        let names: Vec<String> = self
            .path
            .components()
            .filter_map(|part| match part {
                std::path::Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if names.last().is_some_and(|name| name == "folio.toml") {
            return "config".to_string();
        }
        let area = names
            .iter()
            .rev()
            .skip(1)
            .find_map(|name| match name.as_str() {
                "contacts" => Some("contact"),
                "journal" => Some("journal"),
                "documents" => Some("document"),
                "quotes" => Some("quote"),
                _ => None,
            });
        match (area, names.last()) {
            (Some(area), _) => area.to_string(),
            (None, Some(file)) => file
                .split_once('.')
                .map_or(file.as_str(), |(stem, _)| stem)
                .to_string(),
            (None, None) => "book".to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: error: message`, the form compilers and editors understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path.display(),
            self.line.max(1),
            self.column.max(1),
            label,
            self.message
        )
    }
}

/// Converts a byte offset in `text` to a 1-based (line, column), the column counted in characters.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

/// The full text of the 1-based line `line` of `text`, without its line ending.
pub(crate) fn line_text(text: &str, line: u32) -> Option<&str> {
    text.split('\n')
        .nth(line.saturating_sub(1) as usize)
        .map(|l| l.trim_end_matches('\r'))
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Edit distance for "did you mean" suggestions: the closest candidate within a third of the
/// word's length (at least 1, at most 3 edits), if any.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).clamp(1, 3);
    candidates
        .into_iter()
        // Lengths further apart than the limit cannot be within it: skip them without the
        // quadratic distance, which matters for a 1 MB token against 20 000 contact ids.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (levenshtein(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// The ids nearest to `word`, best first, at most `count` of them, for a "no such id" message:
/// ids within an edit distance of half the word's length, where an id that contains the word
/// (a slug's first words typed alone: `brouwerij` for `brouwerij-de-halve-maan`) counts as one
/// edit and an id may also match by its start; ties go in id order.
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    count: usize,
) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let length = word.chars().count();
    let limit = length.div_ceil(2).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            if candidate.to_lowercase().contains(&lower) {
                // A completion of what was typed is one step away, as near as one typo.
                return Some((1, candidate));
            }
            let start: String = candidate.chars().take(length).collect();
            let by_start = levenshtein(word, &start) + 1;
            let whole = if candidate.chars().count().abs_diff(length) <= limit {
                levenshtein(word, candidate)
            } else {
                usize::MAX
            };
            let score = by_start.min(whole);
            (score <= limit).then_some((score, candidate))
        })
        .collect();
    scored.sort_unstable();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(count).map(|(_, c)| c).collect()
}

/// "; did you mean `a`, `b` or `c`?" for the nearest ids, or nothing when none is near.
pub(crate) fn suggestion(near: &[&str]) -> String {
    match near {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        [first @ .., last] => {
            let listed: Vec<String> = first.iter().map(|id| format!("`{id}`")).collect();
            format!("; did you mean {} or `{last}`?", listed.join(", "))
        }
    }
}

/// Edit distance over characters, counting a swap of two neighbours as one edit (`emial` is one
/// edit from `email`), case-insensitive since ids and keys are lower-case. This is the "optimal
/// string alignment" variant of the Damerau-Levenshtein distance.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut before: Vec<usize> = (0..=b.len()).collect();
    let mut previous: Vec<usize> = before.clone();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                best = best.min(before[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The line and column of a key's value (`vat` or `address.country`) in a TOML text.
pub(crate) fn key_position(text: &str, dotted: &str) -> Option<(u32, u32)> {
    let document = toml_edit::Document::parse(text).ok()?;
    let mut item = document.as_item();
    for part in dotted.split('.') {
        // A number is a position in an array of tables (`people.0.email`).
        item = match part.parse::<usize>() {
            Ok(index) => item.get(index)?,
            Err(_) => item.get(part)?,
        };
    }
    let span = item.span()?;
    Some(line_column(text, span.start))
}

/// Sorts problems by file, line and column, keeping the order they were found in within one
/// position.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\nçé x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 3));
        assert_eq!(line_text(text, 2), Some("çé x"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("invoce", ["invoice", "payment"]),
            Some("invoice")
        );
        assert_eq!(did_you_mean("acm", ["acme", "beta"]), Some("acme"));
        assert_eq!(did_you_mean("zzzz", ["acme"]), None);
        assert_eq!(did_you_mean("emial", ["email", "vat"]), Some("email"));
        assert_eq!(levenshtein("ab", "ba"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn positions_of_keys() {
        let text = "name = \"A\"\nvat = \"BE1\"\n[address]\ncountry = \"ZZ\"\n";
        assert_eq!(key_position(text, "vat"), Some((2, 7)));
        assert_eq!(key_position(text, "address.country"), Some((4, 11)));
        assert_eq!(key_position(text, "email"), None);
    }

    #[test]
    fn nearest_ids_take_completions_and_typos_best_first() {
        let ids = [
            "INV-2026-0001",
            "INV-2026-0010",
            "INV-2026-0011",
            "INV-2026-0100",
            "PAY-1",
        ];
        assert_eq!(
            nearest("INV-2026-001", ids, 3),
            ["INV-2026-0001", "INV-2026-0010", "INV-2026-0011"]
        );
        let contacts = [
            "brasserie-du-sablon",
            "brouwerij-de-koninck",
            "cafe-leopold",
        ];
        // The completion first, then an id whose start is within half the word.
        assert_eq!(
            nearest("brouwerij", contacts, 3),
            ["brouwerij-de-koninck", "brasserie-du-sablon"]
        );
        assert_eq!(nearest("cafe-leopld", contacts, 3), ["cafe-leopold"]);
        assert!(nearest("zzz", contacts, 3).is_empty());
        assert_eq!(suggestion(&[]), "");
        assert_eq!(suggestion(&["a"]), "; did you mean `a`?");
        assert_eq!(
            suggestion(&["a", "b", "c"]),
            "; did you mean `a`, `b` or `c`?"
        );
    }

    #[test]
    fn a_diagnostic_code_names_the_part_of_the_book_nearest_the_file() {
        let code = |path: &str| Diagnostic::error(Path::new(path), 1, 1, "x").code();
        assert_eq!(code("folio.toml"), "config");
        assert_eq!(code("/srv/journal/book/contacts/acme.toml"), "contact");
        assert_eq!(code("/srv/contacts/book/journal/2026.journal"), "journal");
        assert_eq!(code("documents/INV-1.toml"), "document");
        assert_eq!(code("quotes/Q-1.toml"), "quote");
        assert_eq!(code("rules.toml"), "rules");
    }
}
