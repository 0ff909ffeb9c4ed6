//! What every statement reader promises, whatever the bytes: checked by the statement targets.

use chrono::Datelike;
use folio::input::statement::ParsedStatement;

/// Panics when a statement read breaks a promise: a line without currency, a date before 1970,
/// a control character in a text; or a refusal without a positioned error.
pub fn check<E: std::fmt::Display>(read: Result<ParsedStatement, Vec<E>>) {
    match read {
        Ok(statement) => {
            for line in &statement.lines {
                assert!(line.currency.is_some(), "a line without currency: {line:?}");
                assert!(line.date.year() >= 1970, "a date before 1970: {line:?}");
                assert!(line.place.line >= 1, "a line without place: {line:?}");
                let texts = [
                    Some(line.counterparty.as_str()),
                    Some(line.communication.as_str()),
                    line.account.as_deref(),
                    line.structured.as_deref(),
                    line.bank_id.as_deref(),
                ];
                for text in texts.into_iter().flatten() {
                    assert!(
                        !text.chars().any(char::is_control),
                        "a control character in {text:?}"
                    );
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            for problem in problems {
                let shown = problem.to_string();
                assert!(shown.contains(": error: "), "{shown}");
            }
        }
    }
}
