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
    let mut temp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    // New files get the permissions of the file they replace, if any.
    if let Ok(metadata) = std::fs::metadata(path) {
        temp.as_file()
            .set_permissions(metadata.permissions())
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
