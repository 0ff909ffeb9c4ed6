//! vCard 4.0 (RFC 6350): UTF-8 text, CRLF line ends, text values escaped (`\\`, `\,`, `\;`,
//! `\n`), and content lines folded so no line exceeds 75 octets, never inside a UTF-8 sequence.

use std::io::Write;

/// Octets a physical line may hold, line break excluded (RFC 6350, 3.2).
pub const MAX_LINE: usize = 75;

/// One vCard: content lines after `BEGIN:VCARD` and `VERSION:4.0`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// `(name with parameters, value already escaped)`, e.g. `("FN", "Acme\\, Inc.")`.
    pub lines: Vec<(String, String)>,
}

impl Card {
    /// An empty card.
    pub fn new() -> Card {
        Card::default()
    }

    /// Adds a property whose value is one text: escaped here.
    pub fn text(&mut self, name: &str, value: &str) -> &mut Card {
        self.lines.push((name.to_string(), escape(value)));
        self
    }

    /// Adds a property whose value is a list of text components separated by `;` (N, ADR, ORG),
    /// each escaped here.
    pub fn components(&mut self, name: &str, values: &[&str]) -> &mut Card {
        let escaped: Vec<String> = values.iter().map(|v| escape(v)).collect();
        self.lines.push((name.to_string(), escaped.join(";")));
        self
    }
}

/// Escapes a text value: backslash, comma, semicolon and line breaks (RFC 6350, 3.4).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Writes one logical content line folded to [`MAX_LINE`] octets: a continuation line starts
/// with one space, which counts toward its 75 octets. Breaks fall between characters only.
pub fn write_folded(line: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut start = 0;
    let mut limit = MAX_LINE;
    while line.len() - start > limit {
        let mut end = start + limit;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        out.write_all(&line.as_bytes()[start..end])?;
        out.write_all(b"\r\n ")?;
        start = end;
        limit = MAX_LINE - 1;
    }
    out.write_all(&line.as_bytes()[start..])?;
    out.write_all(b"\r\n")
}

/// Writes the cards.
pub fn write(cards: &[Card], out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for card in cards {
        write_folded("BEGIN:VCARD", &mut out)?;
        write_folded("VERSION:4.0", &mut out)?;
        for (name, value) in &card.lines {
            write_folded(&format!("{name}:{value}"), &mut out)?;
        }
        write_folded("END:VCARD", &mut out)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = Vec::new();
        write_folded(line, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        assert_eq!(folded("short"), "short\r\n");
        let exact = "x".repeat(75);
        assert_eq!(folded(&exact), format!("{exact}\r\n"));
        let long = "y".repeat(200);
        let text = folded(&long);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert!(lines[1].starts_with(' '));
        // Unfolding gives the line back.
        assert_eq!(text.replace("\r\n ", ""), format!("{long}\r\n"));
        // Three-octet characters: never split.
        let wide = "中".repeat(60);
        let text = folded(&wide);
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{}", line.len());
        }
        assert_eq!(text.replace("\r\n ", ""), format!("{wide}\r\n"));
    }
}
