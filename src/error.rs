//! folio's error type and its exit codes.

use crate::diagnostic::Diagnostic;
use std::path::PathBuf;

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
