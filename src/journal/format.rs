//! The canonical layout of journal files, for `folio fmt`.
//!
//! Fields are separated by single spaces, not aligned in columns: aligning would rewrite every
//! line of a file whenever one longer id or contact appeared, turning a one-line change into a
//! diff of the whole file and a merge conflict for the `merge=union` journals. With single spaces
//! an entry's line only changes when the entry does.
//!
//! Only layout changes: the fields (date, kind, id, contact, amount as written, currency,
//! metadata in its order) and the memo text stay exactly as they are, so no report can change.
//! Lines that do not parse are kept byte for byte, apart from the line ending and trailing blanks.

use super::parser::{is_blank_or_comment, parse_line};

/// What formatting a journal file gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The canonical text.
    pub text: String,
    /// 1-based numbers of lines that do not parse and were left as they are.
    pub kept_lines: Vec<usize>,
}

/// Formats one journal file: a byte-order mark and CR line endings removed; entry lines as
/// `DATE KIND ID CONTACT AMOUNT [CURRENCY] [key:value ...] [; memo]` with single spaces (an empty
/// memo and its `;` dropped); comment lines unindented; trailing spaces removed; runs of blank
/// lines cut to one; no blank lines at the start or the end; one newline at the end.
pub fn format_journal(text: &str) -> Formatted {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<String> = Vec::new();
    let mut kept_lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        // The line ending with any CRs and blanks before it: what one run leaves, the next
        // would take away (found by the journal_line fuzz target).
        let mut line = raw.trim_end_matches(['\r', ' ', '\t']);
        if lines.is_empty() {
            // A mark left after the first (a file saved twice with one), or after blank lines
            // that are dropped, would start the output and be taken away by the next run.
            line = line.trim_start_matches('\u{feff}');
        }
        if line.trim_start_matches([' ', '\t']).is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        if is_blank_or_comment(line) {
            lines.push(line.trim_start_matches([' ', '\t']).to_string());
            continue;
        }
        match parse_line(line) {
            Ok(Some(_)) => lines.push(format_entry_line(line)),
            _ => {
                kept_lines.push(index + 1);
                lines.push(line.to_string());
            }
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Formatted { text, kept_lines }
}

/// One entry line with single spaces between fields and ` ; ` before the memo. Assumes the line
/// parses.
pub fn format_entry_line(line: &str) -> String {
    let (content, memo) = match line.split_once(';') {
        Some((content, memo)) => (content, Some(memo.trim())),
        None => (line, None),
    };
    let mut out = content
        .split([' ', '\t'])
        .filter(|field| !field.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // CRs before a dropped empty memo (`x\r\r;`) or a CR the parser took as the line ending
    // (`x\t\r`) would end the line, and the next run would take them away with the line ending
    // (both found by the journal_line fuzz target).
    out.truncate(out.trim_end_matches([' ', '\r']).len());
    if let Some(memo) = memo.filter(|m| !m.is_empty()) {
        out.push_str(" ; ");
        out.push_str(memo);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::parser::{free_metadata, memo};

    const MESSY: &str = "\u{feff}\r\n\r\n  ; January  \r\n2026-01-15\tinvoice   INV-1  acme 1210.00 EUR  due:2026-02-14 po:77 ;  consulting; more  \r\n\r\n\r\n2026-02-10 payment PAY-1 acme 1000 ref:INV-1;\n2026-02-11 payment broken\n   \n# end\n\n";

    #[test]
    fn fmt_is_idempotent_on_a_file_with_two_byte_order_marks() {
        // Found by the journal_line fuzz target.
        let once = format_journal("\u{feff}\u{feff}; notes\n2026-01-02 invoice I a 1\n");
        assert_eq!(once.text, "; notes\n2026-01-02 invoice I a 1\n");
        assert_eq!(format_journal(&once.text), once);
        let once = format_journal("\n\n\u{feff}x y\n");
        assert_eq!(once.text, "x y\n");
        assert_eq!(format_journal(&once.text).text, once.text);
    }

    #[test]
    fn fmt_is_idempotent_on_lines_ending_in_several_carriage_returns() {
        // Found by the journal_line fuzz target: each run took one more CR off a kept line.
        for text in [
            "not an entry\r\r\r\n",
            "; note \r \n",
            " \r \n x\r\r",
            "2026-01-02 invoice I a 1\r\r\n",
        ] {
            let once = format_journal(text);
            assert_eq!(format_journal(&once.text).text, once.text, "{text:?}");
            assert!(!once.text.contains("\r\n"), "{text:?}");
        }
    }

    #[test]
    fn fmt_is_idempotent_on_carriage_returns_before_an_empty_memo() {
        // Found by the journal_line fuzz target: `po:7\r\r;` lost its `;` on the first run and
        // its CRs on the second; `po:7\t\r` kept a CR field, then a trailing space.
        for text in [
            "2026-01-02 payment P a 1 po:7\r\r;\n",
            "2026-01-02 payment P a 1 po:7\r ;  \r\n",
            "2026-01-02 payment P a 1\r\t\r;\n",
            "2026-01-02 payment P a 1 po:7\t\r\n",
            "2026-01-02 payment P a 1 po:7 \r \r\n",
        ] {
            let once = format_journal(text);
            assert_eq!(format_journal(&once.text).text, once.text, "{text:?}");
        }
        for line in [
            "2026-01-02 payment P a 1 po:7\t\r",
            "2026-01-02 payment P a 1 po:\r\r;",
        ] {
            let once = format_entry_line(line);
            assert_eq!(format_entry_line(&once), once, "{line:?}");
        }
    }

    #[test]
    fn canonical_layout() {
        let formatted = format_journal(MESSY);
        assert_eq!(
            formatted.text,
            "; January\n2026-01-15 invoice INV-1 acme 1210.00 EUR due:2026-02-14 po:77 ; consulting; more\n\n2026-02-10 payment PAY-1 acme 1000 ref:INV-1\n2026-02-11 payment broken\n\n# end\n"
        );
        assert_eq!(formatted.kept_lines, vec![8]);
    }

    #[test]
    fn idempotent_and_faithful() {
        let once = format_journal(MESSY).text;
        assert_eq!(format_journal(&once).text, once);
        let original = "2026-01-15\tinvoice   INV-1  acme 1210.00 EUR  due:2026-02-14 po:77 ;  consulting; more  ";
        let line = format_entry_line(original);
        let (a, b) = (
            parse_line(original).unwrap().unwrap(),
            parse_line(&line).unwrap().unwrap(),
        );
        assert_eq!(
            (a.date, a.kind, a.id, a.contact, a.amount),
            (b.date, b.kind, b.id, b.contact, b.amount)
        );
        assert_eq!(
            (a.currency.map(|c| c.0), a.due.map(|d| d.0), a.memo),
            (b.currency.map(|c| c.0), b.due.map(|d| d.0), b.memo)
        );
        assert_eq!(free_metadata(original), free_metadata(&line));
        assert_eq!(memo(original), memo(&line));
        assert_eq!(format_journal("").text, "");
        assert_eq!(format_journal("\n\n").text, "");
    }
}
