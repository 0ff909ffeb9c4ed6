//! File writes that never leave a half-written file: temp file in the same directory, fsync,
//! rename, fsync of the directory.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Replaces (or creates) `path` with `contents` atomically: a reader sees the old file or the new
/// one, never a mix, even if the process is killed or the machine stops mid-write.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".folio-").suffix(".tmp");
    // A new file gets what any program would create (0666 less the umask), not tempfile's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    // The permissions of the file it replaces, else those of a sibling of the same kind.
    if let Some(permissions) = std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions())
        .or_else(|| sibling_permissions(path))
    {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(|e| Error::io(path, e))?;
    }
    temp.write_all(contents).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Flushes a directory entry (the rename) to disk where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        // Best effort: some file systems refuse fsync on directories.
        let _ = handle.sync_all();
    }
}

/// Creates a new file with `contents`, failing if it exists.
pub fn create_new(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(contents).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// The permissions of another file with the same extension in the same directory, if any: a new
/// contact file is as readable as the other contact files.
fn sibling_permissions(path: &Path) -> Option<std::fs::Permissions> {
    let dir = path.parent()?;
    let extension = path.extension()?;
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|sibling| sibling != path && sibling.extension() == Some(extension))
        .find_map(|sibling| {
            std::fs::symlink_metadata(&sibling)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.permissions())
        })
}

/// Appends one line to a text file (created if needed) so that a crash can never leave half of
/// it: the line and its newline go out in a single write, then the data is flushed to disk before
/// this returns. A file whose last line has no newline (saved by an editor that leaves it off) gets
/// one first, in the same write. If the write fails (disk full), the file is cut back to its old
/// length, so no partial line stays behind.
///
/// Callers hold the book's lock, so no other folio process appends at the same time.
pub fn append_line(path: &Path, line: &str) -> Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    debug_assert!(!line.contains(['\n', '\r']), "one line at a time");
    let existed = path.exists();
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let length = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut needs_newline = false;
    if length > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(length - 1))
            .and_then(|_| file.read_exact(&mut last))
            .map_err(|e| Error::io(path, e))?;
        needs_newline = last[0] != b'\n';
    }
    let mut bytes = Vec::with_capacity(line.len() + 2);
    if needs_newline {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    if let Err(error) = file.write_all(&bytes).and_then(|()| file.sync_data()) {
        let _ = file.set_len(length);
        let _ = file.sync_data();
        return Err(Error::io(path, error));
    }
    if !existed {
        // A new journal file is as readable as its siblings.
        if let Some(permissions) = sibling_permissions(path) {
            let _ = file.set_permissions(permissions);
        }
        if let Some(dir) = path.parent() {
            sync_dir(dir);
        }
    }
    Ok(())
}

/// Removes a file and flushes the directory, so the removal survives a crash.
pub fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// A crash-test hook: in debug builds, when `FOLIO_FAILPOINT` names this point, the process
/// aborts on the spot, as if killed there. Release builds compile it to nothing.
pub fn failpoint(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("FOLIO_FAILPOINT").is_some_and(|point| point == name) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
