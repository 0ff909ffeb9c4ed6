//! The book's write lock: an advisory lock (via fs4: `flock` on Unix, `LockFileEx` on Windows) on
//! `.folio.lock` in the book's root. Every command that writes holds it across
//! "load + validate + number + write + fsync", so two writers never pick the same number or
//! lose each other's edits. Readers (reports) never take it: appends are whole lines and
//! rewrites are atomic renames, so a reader always sees a consistent file.
//!
//! The lock file is never deleted (deleting a lock file races with a process that just opened
//! it). While a process holds the lock, the file names it (pid, command, since when), so a process
//! that gives up can say who was in the way.

use super::LOCK_FILE;
use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Default for `--lock-timeout`, in seconds.
pub const DEFAULT_TIMEOUT_SECS: f64 = 10.0;

/// The book's write lock, held until dropped.
#[derive(Debug)]
pub struct BookLock {
    file: File,
    path: PathBuf,
}

impl BookLock {
    /// Waits up to `timeout` for the lock of the book in `root`. `what` names the command for
    /// whoever has to wait (e.g. `folio invoice`); it must hold no personal data.
    ///
    /// Fails with [`Error::Locked`] (exit 75) when the timeout expires, naming the holder if the
    /// lock file says who it is.
    pub fn acquire(root: &Path, timeout: Duration, what: &str) -> Result<BookLock> {
        let path = root.join(LOCK_FILE);
        let file = open_lock_file(&path)?;
        let file = match fs4::FileExt::try_lock(&file) {
            Ok(()) => file,
            Err(fs4::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            Err(fs4::TryLockError::WouldBlock) => wait_for(file, &path, timeout)?,
        };
        let since = std::time::SystemTime::now();
        let mut lock = BookLock { file, path };
        lock.describe(what);
        super::write::remove_leftover_temp_files(root, since);
        Ok(lock)
    }

    /// Writes who holds the lock into the lock file (best effort: it is only for messages).
    fn describe(&mut self, what: &str) {
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let note = format!("pid {}: `{what}` since {since}\n", std::process::id());
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = self.file.set_len(0);
        let _ = self.file.write_all(note.as_bytes());
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for BookLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Opens (or creates) the lock file without following a symbolic link, and refuses anything but
/// a regular file: the lock's holder writes its pid into it, which must never land in a file a
/// link points to (or a device, or a pipe that would block the open).
fn open_lock_file(path: &Path) -> Result<File> {
    let is_link = || std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link() {
        return Err(not_a_lock_file(path, "a symbolic link"));
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    // The check above is for the message; these flags close the race with a link made since.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(_) if is_link() => return Err(not_a_lock_file(path, "a symbolic link")),
        Err(e) => return Err(Error::io(path, e)),
    };
    let metadata = file.metadata().map_err(|e| Error::io(path, e))?;
    if !metadata.is_file() {
        let kind = crate::fsio::kind_of(&metadata.file_type());
        return Err(not_a_lock_file(path, kind));
    }
    Ok(file)
}

/// The lock file is something folio must not write into (exit 74).
fn not_a_lock_file(path: &Path, found: &str) -> Error {
    Error::io(
        path,
        std::io::Error::other(format!(
            "the book's lock file is {found}, not a regular file; folio writes its pid into the \
             lock and never through a link: remove {} and try again",
            path.display()
        )),
    )
}

/// Blocks in the operating system's lock call on a helper thread, so the wait ends the moment the
/// holder lets go, and gives up after `timeout`. If the helper gets the lock after we gave up, it
/// drops the file, which releases it.
fn wait_for(file: File, path: &Path, timeout: Duration) -> Result<File> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let result = fs4::FileExt::lock(&file).map(|()| file);
        let _ = sender.send(result);
    });
    match receiver.recv_timeout(timeout) {
        Ok(Ok(file)) => Ok(file),
        Ok(Err(e)) => Err(Error::io(path, e)),
        Err(_) => {
            let holder = holder(path);
            let seconds = timeout.as_secs_f64();
            Err(Error::Locked(format!(
                "the book is locked by another folio process{holder}; gave up after {seconds} s \
                 (lock file {}); try again, or wait longer with --lock-timeout SECONDS",
                path.display()
            )))
        }
    }
}

/// What the lock file says about its holder, as ` (pid 123: `folio invoice` since ...)`.
fn holder(path: &Path) -> String {
    let mut text = String::new();
    let read = File::open(path).and_then(|f| f.take(200).read_to_string(&mut text));
    match read {
        Ok(_) if !text.trim().is_empty() => format!(" ({})", text.trim()),
        _ => String::new(),
    }
}

/// Parses `--lock-timeout`: seconds, zero or more, fractions allowed.
pub fn parse_timeout(text: &str) -> std::result::Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("`{text}` is not a number of seconds between 0 and 86400"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_second_lock_waits_then_gives_up_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = BookLock::acquire(dir.path(), Duration::ZERO, "folio invoice").unwrap();
        let started = Instant::now();
        let error =
            BookLock::acquire(dir.path(), Duration::from_millis(200), "folio payment").unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert_eq!(error.exit_code(), crate::error::exit::LOCKED);
        let message = error.to_string();
        assert!(message.contains("`folio invoice`"), "{message}");
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        drop(first);
        let again = BookLock::acquire(dir.path(), Duration::from_millis(200), "x").unwrap();
        assert!(again.path().ends_with(LOCK_FILE));
    }

    #[test]
    fn a_waiting_lock_is_granted_when_released() {
        let dir = tempfile::tempdir().unwrap();
        let first = BookLock::acquire(dir.path(), Duration::ZERO, "first").unwrap();
        let root = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            BookLock::acquire(&root, Duration::from_secs(10), "second").map(|_| ())
        });
        std::thread::sleep(Duration::from_millis(50));
        drop(first);
        assert!(waiter.join().unwrap().is_ok());
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("1.5"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_timeout("0"), Ok(Duration::ZERO));
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
