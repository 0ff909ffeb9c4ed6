//! Diagnostics for people: `path:line:column: error: message`, then the line and a caret.

use crate::diagnostic::Diagnostic;
use std::io::Write;

/// Writes one diagnostic; the excerpt and caret follow when the line is known.
pub fn write(diagnostic: &Diagnostic, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{diagnostic}")?;
    if let (Some(excerpt), true) = (&diagnostic.excerpt, diagnostic.line > 0) {
        // Very long lines are cut around the column so a 1 MB line does not flood the terminal.
        let column = diagnostic.column.max(1) as usize;
        let skip = column.saturating_sub(60);
        let shown: String = excerpt.chars().skip(skip).take(120).map(|c| if c == '\t' { ' ' } else { c }).collect();
        let gutter = diagnostic.line.to_string().len();
        let caret_at: usize = shown.chars().take(column - 1 - skip).map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)).sum();
        writeln!(out, "{:gutter$} |", "")?;
        writeln!(out, "{} | {}", diagnostic.line, shown)?;
        writeln!(out, "{:gutter$} | {}^", "", " ".repeat(caret_at))?;
    }
    Ok(())
}

/// Writes every diagnostic, then a summary line when there is more than one.
pub fn write_all(diagnostics: &[Diagnostic], out: &mut dyn Write) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        write(diagnostic, out)?;
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if diagnostics.len() > 1 {
        writeln!(out, "{errors} error(s), {warnings} warning(s)")?;
    }
    Ok(())
}
