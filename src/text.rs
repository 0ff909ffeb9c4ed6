//! Text that comes from outside: what a one-line value (a name, an e-mail address, a memo, a bank
//! reference) may hold, how any text from a book is shown on a terminal, and how names are folded
//! to be compared.
//!
//! A line break in a name becomes a second header line in an e-mail (`Bcc:` injection) and a
//! torn journal line; an escape sequence in a memo re-colours or retitles the terminal that
//! prints it; a bidirectional override makes `abc` read as `cba`. Values are checked on the way
//! in (commands, imports, `check`), and shown with visible escapes on the way out, while CSV and
//! JSON keep the data exactly as it is.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison: canonical decomposition (NFKD), combining marks dropped, lower case,
/// and the few Latin letters that do not decompose spelled out (ß -> ss, æ -> ae, ø -> o, ...).
/// `Étienne` and `etienne` fold alike; Chinese text is kept as it is, so substrings still match.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'Æ' | 'æ' => folded.push_str("ae"),
            'Œ' | 'œ' => folded.push_str("oe"),
            'Ø' | 'ø' => folded.push('o'),
            'Ł' | 'ł' => folded.push('l'),
            'Đ' | 'đ' | 'Ð' | 'ð' => folded.push('d'),
            'Þ' | 'þ' => folded.push_str("th"),
            'ı' => folded.push('i'),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded
}

/// The first character of a one-line value that it may not hold: a line break or another
/// control character (a tab is allowed), with its 0-based index in characters.
pub fn forbidden_in_line(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|&(_, c)| c != '\t' && is_control(c))
}

/// The first character a multi-line value (a note, legal mentions) may not hold: a control
/// character other than a tab or a line break (`\n`, `\r\n`), with its 0-based index in
/// characters.
pub fn forbidden_in_text(text: &str) -> Option<(usize, char)> {
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        let allowed = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek().is_some_and(|&(_, next)| next == '\n'),
            _ => !is_control(c),
        };
        if !allowed {
            return Some((index, c));
        }
    }
    None
}

/// Checks a value whose white space folio folds into single spaces before writing it (a memo
/// built from a bank line's name and communication): control characters that are not white
/// space (NUL, escape, ...) are refused.
pub fn check_folded(text: &str) -> Result<(), String> {
    match text
        .chars()
        .enumerate()
        .find(|&(_, c)| is_control(c) && !c.is_whitespace())
    {
        None => Ok(()),
        Some((index, c)) => Err(format!(
            "{} at character {}: expected plain text",
            describe(c),
            index + 1
        )),
    }
}

/// Checks a one-line value: `Err` says which character is wrong, where, and what was expected.
pub fn check_line(text: &str) -> Result<(), String> {
    match forbidden_in_line(text) {
        None => Ok(()),
        Some((index, c)) => Err(format!(
            "{} at character {}: expected a single line of text",
            describe(c),
            index + 1
        )),
    }
}

/// Checks a multi-line value ([`forbidden_in_text`]).
pub fn check_text(text: &str) -> Result<(), String> {
    match forbidden_in_text(text) {
        None => Ok(()),
        Some((index, c)) => Err(format!(
            "{} at character {}: expected plain text",
            describe(c),
            index + 1
        )),
    }
}

/// "a line break (\n)", "the control character U+001B": a forbidden character, for messages.
pub fn describe(c: char) -> String {
    match c {
        '\n' => "a line break (\\n)".to_string(),
        '\r' => "a carriage return (\\r)".to_string(),
        '\u{2028}' | '\u{2029}' => format!("a line separator (U+{:04X})", u32::from(c)),
        '\0' => "a NUL byte (U+0000)".to_string(),
        _ => format!("the control character U+{:04X}", u32::from(c)),
    }
}

/// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// True for what a terminal must not be given as it is: control characters, line separators and
/// bidirectional controls.
pub fn misleading(c: char) -> bool {
    is_control(c) || is_bidi_control(c)
}

/// Characters that reorder the text around them (bidirectional embeddings, overrides and
/// isolates, and the marks): harmless in data, misleading on a terminal.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Text as a terminal should show it: control characters other than a line break and
/// bidirectional controls become visible escapes (`\u{1b}`, `\r`, `\u{202e}`), so nothing a book
/// holds can move the cursor, re-colour, retitle or reorder what is printed. Text without them
/// is returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && (is_control(c) || is_bidi_control(c)))
}

/// [`visible`] for one cell or field of a single line: a line break is escaped too.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escape(text, misleading)
}

fn escape(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Nearly every cell is printable ASCII, which hides nothing: one pass over the bytes.
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return Cow::Borrowed(text);
    }
    let Some(first) = text.find(&hidden) else {
        return Cow::Borrowed(text);
    };
    let mut shown = String::with_capacity(text.len() + 16);
    shown.push_str(&text[..first]);
    for c in text[first..].chars() {
        if hidden(c) {
            match c {
                '\t' => shown.push_str("\\t"),
                '\n' => shown.push_str("\\n"),
                '\r' => shown.push_str("\\r"),
                _ => shown.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            }
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Escapes text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`, nothing else
/// (a `/` or a `€` stays readable in the source).
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_values_refuse_line_breaks_and_control_characters() {
        assert_eq!(check_line("Acme\tTrading BV"), Ok(()));
        assert_eq!(check_line("Café « Léopold » 北京"), Ok(()));
        assert_eq!(
            check_line("Evil\r\nBcc: x@y"),
            Err("a carriage return (\\r) at character 5: expected a single line of text".into())
        );
        assert!(
            check_line("a\nb")
                .unwrap_err()
                .starts_with("a line break (\\n) at character 2")
        );
        assert!(check_line("a\u{1b}[31m").unwrap_err().contains("U+001B"));
        assert!(check_line("a\0").unwrap_err().contains("NUL"));
        assert!(check_line("a\u{85}").unwrap_err().contains("U+0085"));
        assert!(
            check_line("a\u{2028}")
                .unwrap_err()
                .contains("line separator")
        );
        // Bidirectional controls are data (shown escaped), not refused.
        assert_eq!(check_line("abc\u{202e}def"), Ok(()));
    }

    #[test]
    fn multi_line_values_take_line_breaks_only() {
        assert_eq!(check_text("one\ntwo\r\nthree\tfour"), Ok(()));
        assert!(check_text("lone\rcarriage").is_err());
        assert!(check_text("bell\u{7}").is_err());
    }

    #[test]
    fn terminals_see_escapes_not_control_characters() {
        assert!(matches!(visible("plain 北京"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(visible("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(visible("two\nlines\r"), "two\nlines\\r");
        assert_eq!(visible_line("two\nlines\ttab"), "two\\nlines\\ttab");
    }
}
