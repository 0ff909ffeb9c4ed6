//! The journal line parser on arbitrary text, line by line as the loader reads a file.
//!
//! Beyond "never panics", it checks what the rest of folio relies on:
//! - `fmt` keeps meaning: a line that parses still parses after `format_entry_line`, to the same
//!   date, kind, id, contact, amount, currency, due date, ref and memo;
//! - `format_journal` is idempotent;
//! - `document_id` of a valid line is its id; offsets point at what they describe;
//! - the parser's fast path (`parse_common`) reads every line it takes as the general parser.
#![no_main]

use folio::journal::format::{format_entry_line, format_journal};
use folio::journal::parser::{self, ParsedLine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let _ = parser::document_id(line);
        let _ = parser::memo(line);
        let _ = parser::parse_date(line);
        if let Some(fast) = parser::parse_common(line) {
            assert_eq!(parser::parse_general(line), Ok(Some(fast)), "{line:?}");
        }
        let Ok(Some(parsed)) = parser::parse_line(line) else {
            continue;
        };
        check_offsets(line, &parsed);
        let _ = parser::free_metadata(line);
        assert_eq!(parser::document_id(line), Some(parsed.id), "{line:?}");
        let formatted = format_entry_line(line);
        let again = match parser::parse_line(&formatted) {
            Ok(Some(again)) => again,
            other => panic!("{line:?} formats to {formatted:?}, which reads as {other:?}"),
        };
        assert_eq!(
            meaning(&parsed),
            meaning(&again),
            "{line:?} -> {formatted:?}"
        );
        assert_eq!(
            format_entry_line(&formatted),
            formatted,
            "idempotent: {line:?}"
        );
    }
    let once = format_journal(&text);
    let twice = format_journal(&once.text);
    assert_eq!(once.text, twice.text, "format_journal is idempotent");
});

/// What a line means, without where its fields sit.
fn meaning<'a>(p: &ParsedLine<'a>) -> impl PartialEq + std::fmt::Debug + use<'a> {
    (
        p.date,
        p.kind,
        p.id,
        p.contact,
        p.amount,
        p.currency.map(|(c, _)| c),
        p.due.map(|(d, _)| d),
        p.reference.map(|(r, _)| r),
        p.settles.map(|(s, _)| s),
        p.memo.filter(|m| !m.is_empty()),
    )
}

fn check_offsets(line: &str, p: &ParsedLine<'_>) {
    assert_eq!(line.get(p.id_offset..p.id_offset + p.id.len()), Some(p.id));
    assert_eq!(
        line.get(p.contact_offset..p.contact_offset + p.contact.len()),
        Some(p.contact)
    );
    assert!(line.is_char_boundary(p.amount_offset));
    if let Some((currency, at)) = p.currency {
        assert_eq!(line.get(at..at + 3), Some(currency.as_str()));
    }
    if let Some((_, at)) = p.due {
        assert_eq!(line.get(at..at + 4), Some("due:"));
    }
    if let Some((target, at)) = p.reference {
        assert_eq!(line.get(at..at + 4), Some("ref:"));
        assert_eq!(line.get(at + 4..at + 4 + target.len()), Some(target));
    }
}
