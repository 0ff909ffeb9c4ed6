//! File writes that never leave a half-written file (temp file in the same directory, fsync,
//! rename, fsync of the directory), and reads that never leave the book (a file is opened once,
//! then the open file is checked: a regular file whose real path lies inside the book).

use crate::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// How the temporary files of [`write_atomic`] are named: `.folio-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".folio-";
const TEMP_SUFFIX: &str = ".tmp";

/// True for the name of a temporary file [`write_atomic`] makes (and leaves behind only when the
/// process is killed before the rename).
pub(crate) fn is_temp_file_name(name: &str) -> bool {
    name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

/// Replaces (or creates) `path` with `contents` atomically: a reader sees the old file or the new
/// one, never a mix, even if the process is killed or the machine stops mid-write.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = stage(path, contents)?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Replaces (or creates) `path` with `contents` atomically, like [`write_atomic`], without
/// waiting for the disk: for a file folio generates outside the book (a report), which a machine
/// that stops costs only a rerun. The two flushes of [`write_atomic`] take longer than building
/// the whole report of a small book.
pub(crate) fn write_generated(path: &Path, contents: &[u8]) -> Result<()> {
    let temp = stage_unsynced(path, contents)?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
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
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> Result<()> {
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

/// What is wrong with a last line that has no line break, for `check` and for refused appends.
pub(crate) const CUT_OFF_LINE: &str = "the last line has no line break: it may have been cut off while it \
     was written (a crash or a full disk during an append); check this line, then run `folio fmt`, \
     which adds the line break";

/// Appends one line to a text file (created if needed) so that a crash can never leave half of
/// it: the line and its newline go out in a single write, then the data is flushed to disk before
/// this returns. If the write fails (disk full), the file is cut back to its old length, so no
/// partial line stays behind.
///
/// A file whose last line has no newline is refused (invalid data, at that line): the line may be
/// what is left of an append cut off by a crash, and a line written after it would hide that.
/// Callers hold the book's lock, so no other folio process appends at the same time.
pub(crate) fn append_line(path: &Path, line: &str) -> Result<()> {
    debug_assert!(!line.contains(['\n', '\r']), "one line at a time");
    append_lines(path, "", &[line])
}

/// Appends whole lines (each without its newline) as [`append_line`] does, in one write;
/// `header` goes first when the file is new or empty.
pub(crate) fn append_lines(path: &Path, header: &str, lines: &[&str]) -> Result<()> {
    use std::io::{Seek, SeekFrom};
    let existed = path.exists();
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let length = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if length > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(length - 1))
            .and_then(|_| file.read_exact(&mut last))
            .map_err(|e| Error::io(path, e))?;
        if last[0] != b'\n' {
            return Err(cut_off(path, &mut file));
        }
    }
    let mut bytes =
        Vec::with_capacity(header.len() + lines.iter().map(|l| l.len() + 1).sum::<usize>());
    if length == 0 {
        bytes.extend_from_slice(header.as_bytes());
    }
    for line in lines {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
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

/// The refusal to append after a last line without its newline, at that line's end.
fn cut_off(path: &Path, file: &mut File) -> Error {
    use std::io::{Seek, SeekFrom};
    let mut text = Vec::new();
    let _ = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.read_to_end(&mut text));
    Error::InvalidData(unfinished_line_message(
        path,
        &String::from_utf8_lossy(&text),
    ))
}

/// `path:line:column: CUT_OFF_LINE; nothing was written`, the column just after the last
/// character of the file's last line.
pub(crate) fn unfinished_line_message(path: &Path, text: &str) -> String {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or_default();
    let column = last.chars().count() + 1;
    format!(
        "{}:{line}:{column}: {CUT_OFF_LINE}; nothing was written",
        path.display()
    )
}

/// Removes a file and flushes the directory, so the removal survives a crash.
pub(crate) fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

/// Why a file of the book was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// A symbolic link (of the file, or of a folder on its way) leads outside the book, here.
    Outside(PathBuf),
    /// A symbolic link whose target does not exist: the target as the link names it.
    Dangling(PathBuf),
    /// Not a regular file: "a directory", "a named pipe", "a socket", "a device".
    NotRegular(&'static str),
    /// The operating system refused to open or read it.
    Io(std::io::Error),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Outside(real) => write!(
                f,
                "this symbolic link leads outside the book (to {}); folio reads only files inside \
                 the book: move the file in, or remove the link",
                real.display()
            ),
            Refusal::Dangling(target) => write!(
                f,
                "symbolic link to nowhere: {} does not exist; restore it or remove the link",
                target.display()
            ),
            Refusal::NotRegular(kind) => write!(
                f,
                "expected a regular file, found {kind}; folio reads only regular files"
            ),
            Refusal::Io(error) => write!(f, "{error}"),
        }
    }
}

/// The book's folder as the file system knows it (symbolic links resolved), against which every
/// file folio opens in the book is checked.
#[derive(Debug, Clone)]
pub(crate) struct BookDir {
    real: PathBuf,
    /// With [`BookDir::with_folder_handles`]: the folders already opened and found inside the
    /// book.
    folders: Option<std::sync::Arc<Folders>>,
}

/// Folders of the book held open, by the path they were opened at; `None` for a folder that
/// could not be opened or checked (its files take the path-by-path way). A file of a folder held
/// here is opened relative to the open folder without following a link: it is then an entry of
/// a folder that is inside the book, so the kernel need not be asked where each file is.
#[derive(Debug, Default)]
struct Folders(std::sync::Mutex<std::collections::HashMap<PathBuf, Option<FolderHandle>>>);

/// An open folder of the book.
#[cfg(target_os = "linux")]
type FolderHandle = std::sync::Arc<std::os::fd::OwnedFd>;
#[cfg(not(target_os = "linux"))]
type FolderHandle = ();

impl BookDir {
    /// The book in `root`.
    pub(crate) fn new(root: &Path) -> Result<BookDir> {
        let real = root.canonicalize().map_err(|e| Error::io(root, e))?;
        Ok(BookDir {
            real,
            folders: None,
        })
    }

    /// The book in `root`, for reading many files of a few folders (loading the whole book):
    /// each folder is opened and checked once, and its files are opened relative to it without
    /// following a link (a link takes the way of [`BookDir::open`]). Call
    /// [`BookDir::check_folders`] once the files are read.
    pub(crate) fn with_folder_handles(root: &Path) -> Result<BookDir> {
        let mut dir = BookDir::new(root)?;
        dir.folders = Some(Default::default());
        Ok(dir)
    }

    /// Checks that every folder whose files were read through its open handle is still inside
    /// the book: a folder moved out while it was read is refused, as a link out would be.
    pub(crate) fn check_folders(&self) -> Result<()> {
        let Some(folders) = &self.folders else {
            return Ok(());
        };
        let folders = folders
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (path, handle) in folders.iter() {
            #[cfg(target_os = "linux")]
            if let Some(handle) = handle {
                let real = real_path_of_fd(handle).map_err(|e| Error::io(path, e))?;
                if !real.starts_with(&self.real) {
                    return Err(Error::InvalidData(format!(
                        "{}: this folder was moved out of the book (to {}) while folio read it; \
                         folio reads only files inside the book",
                        path.display(),
                        real.display()
                    )));
                }
            }
            let _ = (path, handle);
        }
        Ok(())
    }

    /// The book's real path.
    pub(crate) fn real(&self) -> &Path {
        &self.real
    }

    /// Opens `path` for reading when it is a regular file inside the book; `None` when nothing
    /// is there. A link that resolves inside the book is followed. The file is opened once and
    /// the open file is checked, so nothing can swap a link in between a check and the read; a
    /// named pipe or a device is never read (opening does not wait for a writer).
    pub(crate) fn open(&self, path: &Path) -> std::result::Result<Option<File>, Refusal> {
        Ok(self.open_with_size(path)?.map(|(file, _)| file))
    }

    /// [`BookDir::open`], with the file's size.
    fn open_with_size(&self, path: &Path) -> std::result::Result<Option<(File, u64)>, Refusal> {
        if let Some((file, metadata)) = self.open_in_folder(path) {
            if !metadata.is_file() {
                return Err(Refusal::NotRegular(kind_of(&metadata.file_type())));
            }
            return Ok(Some((file, metadata.len())));
        }
        let file = match open_without_waiting(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match std::fs::read_link(path) {
                    Ok(target) => Err(Refusal::Dangling(target)),
                    Err(_) => Ok(None),
                };
            }
            Err(e) => return Err(Refusal::Io(e)),
        };
        let metadata = file.metadata().map_err(Refusal::Io)?;
        let real = real_path_of(&file, path).map_err(Refusal::Io)?;
        if !real.starts_with(&self.real) {
            return Err(Refusal::Outside(real));
        }
        if !metadata.is_file() {
            return Err(Refusal::NotRegular(kind_of(&metadata.file_type())));
        }
        Ok(Some((file, metadata.len())))
    }

    /// Opens `path` relative to its folder, when that folder is held open and inside the book,
    /// without following a link and without waiting on a named pipe: what opens is an entry of
    /// that folder, so inside the book. `None` for anything else (a link, nothing there, a
    /// folder not held): the caller then takes the path-by-path way, which explains a refusal.
    #[cfg(target_os = "linux")]
    fn open_in_folder(&self, path: &Path) -> Option<(File, std::fs::Metadata)> {
        use rustix::fs::{Mode, OFlags};
        let folders = self.folders.as_ref()?;
        let name = path.file_name()?;
        let folder = folders.open(path.parent()?, &self.real)?;
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let file = File::from(rustix::fs::openat(&*folder, name, flags, Mode::empty()).ok()?);
        let metadata = file.metadata().ok()?;
        Some((file, metadata))
    }

    #[cfg(not(target_os = "linux"))]
    fn open_in_folder(&self, _path: &Path) -> Option<(File, std::fs::Metadata)> {
        None
    }

    /// Reads the whole of `path` (see [`BookDir::open`]); `None` when nothing is there.
    pub(crate) fn read(&self, path: &Path) -> std::result::Result<Option<Vec<u8>>, Refusal> {
        let Some((file, size)) = self.open_with_size(path)? else {
            return Ok(None);
        };
        // Sized from the open file's metadata, and no further than that size: one read system
        // call for a whole file (without the limit, a second read would look for more, and
        // `File::read_to_end` would ask the size again).
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(size)
            .read_to_end(&mut bytes)
            .map_err(Refusal::Io)?;
        Ok(Some(bytes))
    }

    /// [`BookDir::read`] for commands that edit a file: a refusal is invalid data (exit 65)
    /// naming the file, a failed read an I/O error.
    pub(crate) fn read_or_refuse(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        self.read(path).map_err(|refusal| match refusal {
            Refusal::Io(e) => Error::io(path, e),
            other => Error::InvalidData(format!("{}: {other}", path.display())),
        })
    }
}

/// Opens for reading; a named pipe opens at once instead of waiting for a writer.
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Where an open file really is: the kernel's own record of it where there is one (no race with
/// a link swapped after the open), else the path with its links resolved.
fn real_path_of(file: &File, path: &Path) -> std::io::Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return Ok(real);
        }
    }
    let _ = file;
    path.canonicalize()
}

/// Where an open file or folder really is, by the kernel's own record of it.
#[cfg(target_os = "linux")]
fn real_path_of_fd(fd: &impl std::os::fd::AsRawFd) -> std::io::Result<PathBuf> {
    std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

impl Folders {
    /// The folder at `path`, opened once (following links) and held when it is inside the book
    /// (`book`, its real path) by the kernel's record of the open folder.
    #[cfg(target_os = "linux")]
    fn open(&self, path: &Path, book: &Path) -> Option<FolderHandle> {
        use rustix::fs::{Mode, OFlags};
        let mut folders = self.0.lock().ok()?;
        if let Some(handle) = folders.get(path) {
            return handle.clone();
        }
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let handle = rustix::fs::open(path, flags, Mode::empty())
            .ok()
            .filter(|fd| real_path_of_fd(fd).is_ok_and(|real| real.starts_with(book)))
            .map(std::sync::Arc::new);
        folders.insert(path.to_path_buf(), handle.clone());
        handle
    }
}

/// "a directory", "a named pipe", "a socket", "a device": what a file that is not a regular
/// file is.
pub(crate) fn kind_of(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

/// A crash-test hook: in debug builds, when `FOLIO_FAILPOINT` names this point, the process
/// aborts on the spot, as if killed there. Release builds compile it to nothing.
pub(crate) fn failpoint(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("FOLIO_FAILPOINT").is_some_and(|point| point == name) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// Replaces several files as one change: every new text is written and flushed to a temporary
/// file beside its target first (nothing is touched if one of them cannot be), then each is
/// renamed over its target and the files given `None` are removed. If a rename or a removal fails,
/// the files already replaced get their old contents back (and new ones are removed), so the
/// change happens whole or, short of a crash between renames, not at all.
pub(crate) fn replace_all(writes: &[(PathBuf, Option<String>)]) -> Result<()> {
    let mut staged = Vec::with_capacity(writes.len());
    for (path, text) in writes {
        let old = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(path, e)),
        };
        let temp = match text {
            Some(text) => Some(stage(path, text.as_bytes())?),
            None => None,
        };
        staged.push((path, old, temp));
    }
    let mut done: Vec<(&PathBuf, Option<Vec<u8>>)> = Vec::with_capacity(staged.len());
    for (path, old, temp) in staged {
        failpoint("replace_all");
        let outcome = match temp {
            Some(temp) => temp
                .persist(path)
                .map(drop)
                .map_err(|e| Error::io(path, e.error)),
            None => remove_file(path),
        };
        if let Err(error) = outcome {
            for (path, old) in done.into_iter().rev() {
                // Best effort: the error that stopped the change is the one to report.
                let _ = match old {
                    Some(bytes) => write_atomic(path, &bytes),
                    None => remove_file(path),
                };
            }
            return Err(error);
        }
        done.push((path, old));
    }
    for (path, _) in &done {
        if let Some(dir) = path.parent() {
            sync_dir(dir);
        }
    }
    Ok(())
}

/// A temporary file beside `path` holding `contents`, flushed, with the permissions `path` has
/// (or a sibling's), ready to be renamed over it.
fn stage(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let temp = stage_unsynced(path, contents)?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    Ok(temp)
}

/// [`stage`] without the flush to disk.
fn stage_unsynced(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
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
    Ok(temp)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn files_of_a_held_folder_never_lead_out_of_the_book_when_links_are_swapped() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("a.toml"), "outside").unwrap();
        let book = tempfile::tempdir().unwrap();
        let contacts = book.path().join("contacts");
        std::fs::create_dir(&contacts).unwrap();
        std::fs::write(contacts.join("a.toml"), "a").unwrap();
        std::fs::write(contacts.join("b.toml"), "b").unwrap();
        std::fs::write(book.path().join("c.toml"), "c").unwrap();
        let dir = BookDir::with_folder_handles(book.path()).unwrap();
        assert_eq!(dir.read(&contacts.join("a.toml")).unwrap().unwrap(), b"a");

        // The folder is held open: a file swapped for a link out of the book is refused, a
        // link inside the book is followed.
        std::fs::remove_file(contacts.join("b.toml")).unwrap();
        symlink(outside.path().join("a.toml"), contacts.join("b.toml")).unwrap();
        let refused = dir.read(&contacts.join("b.toml"));
        assert!(matches!(refused, Err(Refusal::Outside(_))), "{refused:?}");
        symlink(book.path().join("c.toml"), contacts.join("c.toml")).unwrap();
        assert_eq!(dir.read(&contacts.join("c.toml")).unwrap().unwrap(), b"c");

        // The folder swapped for a link out of the book: what is read is still the book's folder.
        std::fs::rename(&contacts, book.path().join("old")).unwrap();
        symlink(outside.path(), &contacts).unwrap();
        assert_eq!(dir.read(&contacts.join("a.toml")).unwrap().unwrap(), b"a");
        dir.check_folders().unwrap();

        // The held folder moved out of the book while it was read: refused.
        std::fs::rename(book.path().join("old"), outside.path().join("moved")).unwrap();
        assert!(dir.check_folders().is_err());
        // A book read afresh refuses the link out.
        let fresh = BookDir::with_folder_handles(book.path()).unwrap();
        let refused = fresh.read(&contacts.join("a.toml"));
        assert!(matches!(refused, Err(Refusal::Outside(_))), "{refused:?}");
    }
}
