//! Files a command reads from outside the book: a CSV file to import, a bank statement, a rules or
//! items file, the user config. Each is read whole, but never past a limit set for its kind, so
//! that `/dev/zero`, a FIFO that never ends or a 20 GB file named by mistake stops with a clear
//! error instead of filling the memory. The limit is enforced while reading: a file's metadata
//! cannot be trusted for it (devices and FIFOs report a size of 0, and a file can grow while it is
//! read).
//!
//! Reading what such files hold, shared by `folio import` and `folio reconcile`: CSV text with
//! the place of every cell ([`csv`]), workbooks read as that text ([`spreadsheet`]), amounts and
//! dates as other programs write them ([`values`]), and rules files that say how a CSV is written
//! ([`rules`]).

pub mod csv;
pub mod rules;
pub mod spreadsheet;
pub mod statement;
pub mod values;

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// The most folio reads from one kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The most bytes read.
    pub bytes: u64,
    /// The kind of file, as messages name it: `a CSV file`.
    pub what: &'static str,
}

/// CSV files: `folio import contacts` and `import entries`, bank statements for `folio reconcile`.
/// 256 MiB is about two million rows of a typical accounting or bank export, beyond what one
/// import or one statement holds, while a file that size still fits in memory the two or three
/// times it is held while being decoded and parsed.
pub const CSV: Limit = Limit {
    bytes: 256 << 20,
    what: "a CSV file",
};

/// An items file (`--items`, TOML or CSV): the lines of one document. 16 MiB is over a hundred
/// thousand lines.
pub const ITEMS: Limit = Limit {
    bytes: 16 << 20,
    what: "an items file",
};

/// Settings: a rules file (`--rules`) and the user config. They are written by hand and hold a
/// few dozen lines; 1 MiB, as for templates, leaves room for any comment.
pub const SETTINGS: Limit = Limit {
    bytes: 1 << 20,
    what: "a settings file",
};

/// Reads `path` whole, refusing more than `limit` bytes. A file over the limit is an error of kind
/// [`std::io::ErrorKind::FileTooLarge`]; [`error`] turns it into folio's message.
pub fn read(path: &Path, limit: Limit) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let most = usize::try_from(limit.bytes + 1).unwrap_or(usize::MAX);
    // The size of a regular file saves regrowing the buffer; it is not trusted as a bound.
    let expected = usize::try_from(file.metadata().map_or(0, |m| m.len())).unwrap_or(most);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1).min(most));
    let mut reader = file.take(limit.bytes + 1);
    let mut chunk = vec![0; 64 << 10];
    loop {
        let read = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if bytes.capacity() - bytes.len() < read {
            // Doubling, but straight to the limit once the next doubling would pass it: a
            // device read to the limit holds the limit, not twice it while the buffer moves.
            let grown = bytes.capacity().saturating_mul(2).max(bytes.len() + read);
            let capacity = if grown.saturating_mul(2) > most {
                most
            } else {
                grown
            };
            bytes.reserve_exact(capacity - bytes.len());
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    if bytes.len() as u64 > limit.bytes {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            TooLarge(limit),
        ));
    }
    Ok(bytes)
}

/// The error of text that is not UTF-8, as `std::fs::read_to_string` gives it.
pub fn not_utf8() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "stream did not contain valid UTF-8",
    )
}

/// The error [`read`] gives for a file over its limit.
#[derive(Debug)]
struct TooLarge(Limit);

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Limit { bytes, what } = self.0;
        if bytes.trailing_zeros() >= 20 {
            write!(f, "larger than {} MiB", bytes >> 20)?;
        } else {
            write!(f, "larger than {bytes} bytes")?;
        }
        write!(f, ", the most folio reads from {what}")
    }
}

impl std::error::Error for TooLarge {}

/// A read error of `path` as folio reports it: a file over its limit is invalid input (exit 65),
/// anything else an I/O error (exit 74). Callers say first what a missing file means to them.
pub fn error(path: &Path, error: std::io::Error) -> Error {
    match error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<TooLarge>())
    {
        Some(too_large) => Error::InvalidData(format!(
            "{}: {too_large} (is it the right file?)",
            path.display()
        )),
        None => Error::io(path, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limit = Limit {
        bytes: 10,
        what: "a test file",
    };

    #[test]
    fn a_file_up_to_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ten");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, SMALL).unwrap(), b"0123456789");
    }

    #[test]
    fn a_byte_over_the_limit_is_refused_with_the_limit_and_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("eleven");
        std::fs::write(&path, b"0123456789X").unwrap();
        let refused = read(&path, SMALL).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::FileTooLarge);
        let shown = error(&path, refused);
        assert_eq!(shown.exit_code(), crate::error::exit::DATA);
        let message = shown.to_string();
        assert!(
            message.contains("eleven: larger than 10 bytes"),
            "{message}"
        );
        assert!(
            message.contains("the most folio reads from a test file"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_that_never_ends_is_cut_at_the_limit() {
        let refused = read(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn other_read_errors_stay_io_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read(&dir.path().join("missing"), SMALL).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        let shown = error(&dir.path().join("missing"), missing);
        assert_eq!(shown.exit_code(), crate::error::exit::IO);
    }
}
