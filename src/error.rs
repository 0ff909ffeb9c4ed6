//! folio's error type and its exit codes.

use crate::diagnostic::Diagnostic;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;

/// Exit codes, as documented in docs/errors.md (after BSD sysexits where one fits).
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// A condition the caller asked to fail on (`--fail-on`, `check --strict` warnings, `fmt --check`).
    pub const CONDITION: i32 = 1;
    /// Usage error: bad flags or arguments.
    pub const USAGE: i32 = 2;
    /// Invalid book data (EX_DATAERR).
    pub const DATA: i32 = 65;
    /// Book or input file not found (EX_NOINPUT).
    pub const NO_INPUT: i32 = 66;
    /// I/O error (EX_IOERR).
    pub const IO: i32 = 74;
    /// Lock not obtained in time (EX_TEMPFAIL).
    pub const LOCKED: i32 = 75;
    /// A program folio needs (git) is missing or failed (EX_UNAVAILABLE).
    pub const UNAVAILABLE: i32 = 69;
}

/// Everything that can stop a folio command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line was wrong in a way clap could not see.
    #[error("{0}")]
    Usage(String),
    /// The book holds errors; each one is a positioned diagnostic.
    #[error("the book has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    InvalidBook(Vec<Diagnostic>),
    /// No book where one was looked for.
    #[error("{0}")]
    NotFound(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Output could not be written (other than a closed pipe, which is not an error).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    /// The book's lock was held by another process for too long.
    #[error("{0}")]
    Locked(String),
    /// Data given on the command line (or in an edited file) is invalid; nothing was written.
    #[error("{0}")]
    InvalidData(String),
    /// The command ran and found what the caller asked it to fail on; the message may be empty.
    #[error("{0}")]
    Condition(String),
    /// A program folio runs (git) is missing or failed.
    #[error("{0}")]
    Unavailable(String),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::InvalidBook(_) | Error::InvalidData(_) => exit::DATA,
            Error::NotFound(_) => exit::NO_INPUT,
            Error::Io { .. } | Error::Output(_) => exit::IO,
            Error::Locked(_) => exit::LOCKED,
            Error::Condition(_) => exit::CONDITION,
            Error::Unavailable(_) => exit::UNAVAILABLE,
        }
    }

    /// Wraps an I/O error with the file it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Error {
        Error::Output(source)
    }
}

/// folio's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

thread_local! {
    /// Set while [`quietly`] runs: a panic then is caught and reported as an error, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work`, turning a panic into `Err` with its message: the net under code folio does not
/// own (the CEL interpreter, the spreadsheet reader), whose panics on odd input must become errors. The message is not printed: the
/// panic hook (process-wide) is wrapped once so that it stays silent on a thread inside
/// `quietly` and does exactly what it did before everywhere else.
pub fn quietly<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    static WRAP_HOOK: Once = Once::new();
    WRAP_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = QUIET.with(|quiet| quiet.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    QUIET.with(|quiet| quiet.set(outer));
    result.map_err(|payload| panic_message(payload.as_ref()))
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_quietly() {
        assert_eq!(quietly(|| 1), Ok(1));
        let caught: Result<(), String> = quietly(|| panic!("boom {}", 1));
        assert_eq!(caught, Err("boom 1".to_string()));
        // Nested: the outer stays quiet after the inner returns.
        let outer: Result<Result<(), String>, String> = quietly(|| {
            let inner = quietly(|| ());
            assert_eq!(inner, Ok(()));
            panic!("after");
        });
        assert_eq!(outer, Err("after".to_string()));
        assert!(!QUIET.with(Cell::get));
    }
}
