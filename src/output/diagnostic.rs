//! Diagnostics for people: `path:line:column: error: message`, then the line and a caret.

use crate::diagnostic::Diagnostic;
use std::io::Write;

/// The longest quoted token shown whole in a message; longer ones keep their start and end.
const MAX_TOKEN_CHARS: usize = 60;

/// Writes one diagnostic; the excerpt and caret follow when the line is known.
pub fn write(diagnostic: &Diagnostic, out: &mut dyn Write) -> std::io::Result<()> {
    let header = Diagnostic {
        message: readable_message(&diagnostic.message),
        excerpt: None,
        hint: None,
        path: diagnostic.path.clone(),
        ..*diagnostic
    };
    writeln!(out, "{}", painted(&header))?;
    if let (Some(excerpt), true) = (&diagnostic.excerpt, diagnostic.line > 0) {
        // Very long lines are cut around the column so a 1 MB line does not flood the terminal.
        let column = diagnostic.column.max(1) as usize;
        let skip = column.saturating_sub(60);
        let shown: String = excerpt
            .chars()
            .skip(skip)
            .take(120)
            .map(|c| match c {
                '\t' => ' ',
                // NUL, escape sequences and the like would garble the terminal.
                c if crate::text::misleading(c) => '\u{FFFD}',
                c => c,
            })
            .collect();
        let gutter = diagnostic.line.to_string().len();
        let caret_at: usize = shown
            .chars()
            .take(column - 1 - skip)
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
            .sum();
        writeln!(out, "{:gutter$} |", "")?;
        writeln!(out, "{} | {}", diagnostic.line, shown)?;
        writeln!(out, "{:gutter$} | {}^", "", " ".repeat(caret_at))?;
    }
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  = hint: {}", readable_message(hint))?;
    }
    Ok(())
}

/// The header line, with `error` or `warning` coloured when stderr is (`--color`, `NO_COLOR`).
fn painted(header: &Diagnostic) -> String {
    let line = header.to_string();
    if !super::terminal::stderr_color() {
        return line;
    }
    let (label, sgr) = if header.is_error() {
        ("error", "1;31")
    } else {
        ("warning", "1;33")
    };
    let plain = format!(": {label}: ");
    let colored = format!(": {}: ", super::terminal::paint(label, sgr, true));
    line.replacen(&plain, &colored, 1)
}

/// The message with control characters escaped (`\0`, `\u{1b}`) and every `quoted` token longer
/// than [`MAX_TOKEN_CHARS`] shortened to its start and end, so one line stays one line.
fn readable_message(message: &str) -> String {
    let mut readable = String::with_capacity(message.len().min(1024));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            readable.push('`');
        }
        let count = part.chars().count();
        let escape = |c: char, into: &mut String| {
            if crate::text::misleading(c) {
                into.extend(c.escape_default());
            } else {
                into.push(c);
            }
        };
        if i % 2 == 1 && count > MAX_TOKEN_CHARS {
            part.chars().take(40).for_each(|c| escape(c, &mut readable));
            readable.push('…');
            part.chars()
                .skip(count - 12)
                .for_each(|c| escape(c, &mut readable));
        } else {
            part.chars().for_each(|c| escape(c, &mut readable));
        }
    }
    readable
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

/// Writes every diagnostic as one JSON array of objects with the keys file, line, column,
/// severity, code and message (line and column at least 1, as in the text form), and hint when
/// it has one.
pub fn write_json(diagnostics: &[Diagnostic], out: &mut dyn Write) -> std::io::Result<()> {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let mut value = serde_json::json!({
                "file": d.path.to_string_lossy().replace('\\', "/"),
                "line": d.line.max(1),
                "column": d.column.max(1),
                "severity": d.severity,
                "code": d.code(),
                "message": d.message,
            });
            if let (Some(hint), serde_json::Value::Object(map)) = (&d.hint, &mut value) {
                map.insert("hint".into(), hint.as_str().into());
            }
            value
        })
        .collect();
    super::json::write_value(&list, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn render(diagnostic: &Diagnostic) -> String {
        let mut out = Vec::new();
        write(diagnostic, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn caret_under_the_column_counting_wide_characters() {
        let d =
            Diagnostic::error(Path::new("journal/a.journal"), 3, 4, "bad").with_excerpt("中文 x");
        assert_eq!(
            render(&d),
            "journal/a.journal:3:4: error: bad\n  |\n3 | 中文 x\n  |      ^\n"
        );
    }

    #[test]
    fn long_tokens_and_control_characters_stay_readable() {
        let token = "x".repeat(1_000_000);
        let d = Diagnostic::error(
            Path::new("a"),
            1,
            1,
            format!("invalid amount `{token}`: no"),
        )
        .with_excerpt(&token);
        let shown = render(&d);
        assert!(shown.len() < 400, "{}", shown.len());
        assert!(shown.starts_with(&format!(
            "a:1:1: error: invalid amount `{}…{}`: no\n",
            "x".repeat(40),
            "x".repeat(12)
        )));
        let d = Diagnostic::error(Path::new("a"), 1, 5, "invalid amount `1\0\u{1b}[31m`")
            .with_excerpt("abc \0\u{1b}");
        let shown = render(&d);
        assert!(
            shown.starts_with("a:1:5: error: invalid amount `1\\u{0}\\u{1b}[31m`\n"),
            "{shown}"
        );
        assert!(shown.contains("1 | abc \u{FFFD}\u{FFFD}\n"), "{shown}");
    }
}
