//! `alerts.state`: the record of the last run of `folio alerts`, so the next run reports what
//! happened since. Its text (written by [`text`], read back by [`parse`]) and its reading and
//! atomic rewriting in the book's root.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The file in the book's root that remembers the last run.
pub const STATE_FILE: &str = "alerts.state";

/// The last recorded run of `folio alerts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The as-of date of that run.
    pub last_run: NaiveDate,
    /// The date it looked back to: a second run on the same day looks back to it again.
    pub since: NaiveDate,
}

/// The path of the state file.
pub fn path(root: &Path) -> PathBuf {
    root.join(STATE_FILE)
}

/// The state file's text.
pub fn text(state: &State) -> String {
    format!(
        "# folio alerts: the last run, so the next one reports what happened since.\n\
# Rewritten by `folio alerts` (not with --since or --dry-run); delete it to look back\n\
# [alerts] since_days again.\n\
last_run = {}\nsince = {}\n",
        state.last_run, state.since
    )
}

/// Reads the state file: `None` when there is none; an error at its line and column when it
/// cannot be read as written by [`write()`].
pub fn read(root: &Path) -> Result<Option<State>> {
    let path = path(root);
    let shown = super::display_path(root, Path::new(STATE_FILE));
    let text = match crate::fsio::BookDir::new(root)?.read(&path) {
        Ok(Some(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(None) => return Ok(None),
        Err(crate::fsio::Refusal::Io(e)) => return Err(Error::io(&shown, e)),
        Err(refusal) => {
            let problem = Diagnostic::error(&shown, 0, 0, refusal.to_string());
            return Err(Error::InvalidBook(vec![problem]));
        }
    };
    parse(&text, &shown).map(Some).map_err(Error::InvalidBook)
}

/// Parses the state file's text; `shown` is its path in messages.
pub fn parse(text: &str, shown: &Path) -> std::result::Result<State, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let (mut last_run, mut since) = (None, None);
    let hint = "; delete the file to start over";
    for (number, raw) in text.lines().enumerate() {
        let line = number as u32 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = (raw.len() - raw.trim_start().len()) as u32;
        let error = |column: u32, message: String| {
            Diagnostic::error(shown, line, column, message).with_excerpt(raw)
        };
        let Some((key, value)) = trimmed.split_once('=') else {
            errors.push(error(
                indent + 1,
                format!("expected `last_run = YYYY-MM-DD` or `since = YYYY-MM-DD`{hint}"),
            ));
            continue;
        };
        let key = key.trim();
        let value_column = raw
            .find(value.trim())
            .map_or(indent + 1, |c| raw[..c].chars().count() as u32 + 1);
        let date = match crate::journal::parser::parse_date(value.trim()) {
            Ok(date) => date,
            Err(message) => {
                errors.push(error(value_column, format!("{message}{hint}")));
                continue;
            }
        };
        match key {
            "last_run" => last_run = Some(date),
            "since" => since = Some(date),
            other => errors.push(error(
                indent + 1,
                format!("unknown key `{other}`: expected last_run or since{hint}"),
            )),
        }
    }
    match (last_run, since) {
        (Some(last_run), Some(since)) if errors.is_empty() => Ok(State { last_run, since }),
        _ => {
            if errors.is_empty() {
                errors.push(Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("expected both `last_run = YYYY-MM-DD` and `since = YYYY-MM-DD`{hint}"),
                ));
            }
            Err(errors)
        }
    }
}

/// Records a run: replaces the state file atomically.
pub fn write(root: &Path, state: &State) -> Result<()> {
    crate::fsio::write_atomic(&path(root), text(state).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn state_file_round_trips_and_errors_are_placed() {
        let state = State {
            last_run: date("2026-11-25"),
            since: date("2026-11-18"),
        };
        let shown = Path::new("alerts.state");
        assert_eq!(parse(&text(&state), shown), Ok(state));
        let errors = parse("last_run = 2026-11-25\nsince = 2026-13-01\n", shown).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 9));
        let errors = parse("  lastrun = 2026-11-25\n", shown).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (1, 3));
        assert!(errors[0].message.contains("unknown key `lastrun`"));
        let errors = parse("since = 2026-11-18\n", shown).unwrap_err();
        assert!(errors[0].message.contains("expected both"));
    }
}
