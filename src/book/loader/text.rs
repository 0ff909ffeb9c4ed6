//! Reading a file of the book as UTF-8 text, and positioning the problems of a TOML file.

use super::super::serde_helpers::TomlProblem;
use crate::diagnostic::{Diagnostic, line_column, line_text};
use crate::error::{Error, Result};
use crate::fsio::{BookDir, Refusal};
use std::path::Path;

/// A file's text, and the lines that held bytes that are not UTF-8.
pub(super) struct Text {
    /// The text without a leading byte-order mark; invalid bytes replaced by U+FFFD.
    pub(super) text: String,
    /// 1-based numbers of the lines with invalid bytes, ascending.
    pub(super) bad_lines: Vec<u32>,
}

/// Reads a file of the book as UTF-8 text without a byte-order mark. Invalid UTF-8 is reported
/// on every line that holds some, at its first bad byte; the text is read lossily so other lines
/// are still checked. A file that is not a regular file inside the book is not read: that is one
/// error at its path, and `None`.
pub(super) fn read_text(
    dir: &BookDir,
    path: &Path,
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<Text>> {
    let mut bytes = match dir.read(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(Error::io(
                shown,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        Err(Refusal::Io(e)) => return Err(Error::io(shown, e)),
        Err(refusal) => {
            diagnostics.push(Diagnostic::error(shown, 0, 0, refusal.to_string()));
            return Ok(None);
        }
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(Text {
            text,
            bad_lines: Vec::new(),
        })),
        Err(error) => {
            let bytes = error.into_bytes();
            let first = diagnostics.len();
            let bad_lines = report_invalid_utf8(&bytes, shown, diagnostics);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // Show each line as it reads with the bad bytes replaced by U+FFFD.
            for diagnostic in &mut diagnostics[first..] {
                if let Some(line) = line_text(&text, diagnostic.line) {
                    diagnostic.excerpt = Some(line.to_string());
                }
            }
            Ok(Some(Text { text, bad_lines }))
        }
    }
}

/// Reports the first invalid byte of each line; columns count characters as the lossy text
/// will hold them (one U+FFFD per invalid sequence).
pub(super) fn report_invalid_utf8(
    bytes: &[u8],
    shown: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<u32> {
    let mut bad_lines = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            if ch == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        if !chunk.invalid().is_empty() {
            if bad_lines.last() != Some(&line) {
                bad_lines.push(line);
                let shown_bytes: Vec<String> = chunk
                    .invalid()
                    .iter()
                    .map(|b| format!("\\x{b:02X}"))
                    .collect();
                diagnostics.push(Diagnostic::error(
                    shown,
                    line,
                    column,
                    format!(
                        "invalid UTF-8 byte {}: folio files must be UTF-8 text; re-save the file as UTF-8",
                        shown_bytes.join("")
                    ),
                ));
            }
            column += 1;
        }
    }
    bad_lines
}

/// Turns the problems of a TOML file into positioned diagnostics with the offending line.
pub(super) fn toml_diagnostics(
    shown: &Path,
    text: &str,
    problems: Vec<TomlProblem>,
) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|problem| {
            let (line, column) = line_column(text, problem.offset);
            let excerpt = line_text(text, line).unwrap_or_default();
            Diagnostic::error(shown, line, column, problem.message).with_excerpt(excerpt)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_reported_on_each_line_at_its_character_column() {
        let mut diagnostics = Vec::new();
        let bytes = b"ok\n\xc3\xa9\xff x \xfe\nfine\n\x80";
        let bad = report_invalid_utf8(bytes, Path::new("f"), &mut diagnostics);
        assert_eq!(bad, [2, 4]);
        let at: Vec<(u32, u32)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(at, [(2, 2), (4, 1)]);
        assert!(
            diagnostics[0]
                .message
                .starts_with("invalid UTF-8 byte \\xFF:")
        );
    }
}
