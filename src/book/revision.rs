//! A book as git holds it at a revision, in the index or in the work tree, for `folio diff` and
//! `folio log`. A revision's files are read from git's object store (`git ls-tree`,
//! `git cat-file --batch`) into a private temporary folder, never checked out, so the loader reads
//! them as it reads any book and the work tree is left alone. git is run as a program, with
//! argument lists and never through a shell.

use super::{CONFIG_FILE, DOCUMENTS_DIR, Location};
use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Output, Stdio};

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// The files on disk.
    WorkTree,
    /// What is staged: the next commit.
    Index,
    /// A commit, as its full hash.
    Commit(String),
    /// Before the first commit: no book at all.
    Nothing,
}

/// A commit that touched some of the book's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Its full hash.
    pub hash: String,
    /// Its first parent's hash, `None` for a root commit.
    pub parent: Option<String>,
    /// The author's name.
    pub author: String,
    /// The author's e-mail address.
    pub email: String,
    /// The author date, as git prints it in strict ISO 8601 (`%aI`).
    pub date: String,
    /// The first line of the message.
    pub subject: String,
}

/// The git repository that holds a book.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The work tree's top folder.
    top: PathBuf,
    /// The book's folder relative to `top`, with `/` separators and a trailing `/`; empty when
    /// the book is the top folder.
    prefix: String,
    /// The book's folder as the user named it.
    book: PathBuf,
}

/// A side's files, ready for the loader: the book itself (work tree) or a private copy that is
/// removed when this is dropped.
#[derive(Debug)]
pub struct Snapshot {
    /// Where the loader reads the book; `None` when the side holds no book.
    pub location: Option<Location>,
    _temp: Option<tempfile::TempDir>,
}

impl Repository {
    /// The repository of the book at `book`: exit 69 when git cannot be run or the book is not
    /// in a git work tree.
    pub fn open(book: &Path) -> Result<Repository> {
        let output = git(book, &["rev-parse", "--show-toplevel", "--show-prefix"])?;
        if !output.status.success() {
            let shown = std::fs::canonicalize(book).unwrap_or_else(|_| book.to_path_buf());
            return Err(Error::Unavailable(format!(
                "the book {} is not in a git repository: `folio diff` and `folio log` read the book's history from git; make it one with `git init` (docs/git.md)",
                shown.display()
            )));
        }
        let text = String::from_utf8_lossy(&output.stdout);
        let mut lines = text.lines();
        let top = PathBuf::from(lines.next().unwrap_or("."));
        let prefix = lines.next().unwrap_or("").to_string();
        Ok(Repository {
            top,
            prefix,
            book: book.to_path_buf(),
        })
    }

    /// The commit a revision names (`HEAD~2`, a branch, a tag, a hash): a usage error (exit 2)
    /// when git knows no such commit.
    pub fn resolve(&self, revision: &str) -> Result<String> {
        let bad = || {
            Error::Usage(format!(
                "unknown revision `{revision}`: expected a commit, branch or tag git knows (`git log --oneline` lists them)"
            ))
        };
        if revision.is_empty() || revision.starts_with('-') {
            return Err(bad());
        }
        let output = git(
            &self.top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &format!("{revision}^{{commit}}"),
            ],
        )?;
        if !output.status.success() {
            return Err(bad());
        }
        Ok(first_line(&output))
    }

    /// The first parent of a commit, `None` for a root commit.
    pub fn parent(&self, commit: &str) -> Result<Option<String>> {
        let output = git(
            &self.top,
            &["rev-parse", "--verify", "--quiet", &format!("{commit}^1")],
        )?;
        Ok(output.status.success().then(|| first_line(&output)))
    }

    /// Makes a side's book readable by the loader.
    pub fn snapshot(&self, version: &Version) -> Result<Snapshot> {
        let files = match version {
            Version::WorkTree => {
                let location = self.book.join(CONFIG_FILE).is_file().then(|| Location {
                    root: self.book.clone(),
                });
                return Ok(Snapshot {
                    location,
                    _temp: None,
                });
            }
            Version::Nothing => Vec::new(),
            Version::Index => self.list(&["ls-files", "-s", "-z", "--"])?,
            Version::Commit(hash) => self.list(&["ls-tree", "-r", "-z", hash, "--"])?,
        };
        let temp = tempfile::Builder::new()
            .prefix("folio-revision-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        self.extract(&files, temp.path())?;
        let location = temp.path().join(CONFIG_FILE).is_file().then(|| Location {
            root: temp.path().to_path_buf(),
        });
        Ok(Snapshot {
            location,
            _temp: Some(temp),
        })
    }

    /// The commits that touched any of `paths` (relative to the book), newest first.
    pub fn log(&self, paths: &[String]) -> Result<Vec<Commit>> {
        let mut args = vec![
            "log".to_string(),
            "--first-parent".to_string(),
            "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e".to_string(),
            "--".to_string(),
        ];
        args.extend(paths.iter().map(|path| format!("{}{path}", self.prefix)));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = git(&self.top, &args)?;
        succeeded(&output, "git log")?;
        let text = String::from_utf8_lossy(&output.stdout);
        Ok(text
            .split('\x1e')
            .filter_map(|record| {
                let mut fields = record.trim_start_matches('\n').split('\x1f');
                let hash = fields.next().filter(|hash| !hash.is_empty())?;
                let parent = fields.next()?.split(' ').next().filter(|p| !p.is_empty());
                Some(Commit {
                    hash: hash.to_string(),
                    parent: parent.map(str::to_string),
                    author: fields.next()?.to_string(),
                    email: fields.next()?.to_string(),
                    date: fields.next()?.to_string(),
                    subject: fields.next()?.to_string(),
                })
            })
            .collect())
    }

    /// The blobs under the book's folder that a `git ls-files -s` or `git ls-tree -r` lists:
    /// (object, path relative to the book). Links and submodules are left out: a book is read
    /// from regular files only.
    fn list(&self, args: &[&str]) -> Result<Vec<(String, PathBuf)>> {
        let mut args = args.to_vec();
        // git runs in the top folder: the book's folder there, or all of it.
        let pathspec = if self.prefix.is_empty() {
            "."
        } else {
            self.prefix.as_str()
        };
        args.push(pathspec);
        let output = git(&self.top, &args)?;
        succeeded(&output, &format!("git {}", args[0]))?;
        let mut files = Vec::new();
        for record in output.stdout.split(|&byte| byte == 0) {
            let record = String::from_utf8_lossy(record);
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let meta: Vec<&str> = meta.split(' ').collect();
            // ls-files -s: MODE OBJECT STAGE; ls-tree: MODE TYPE OBJECT.
            let (mode, object) = match meta.as_slice() {
                [mode, "blob", object] => (*mode, *object),
                [mode, object, "0"] => (*mode, *object),
                _ => continue,
            };
            if !mode.starts_with("100") {
                continue;
            }
            let Some(relative) = path.strip_prefix(&self.prefix) else {
                continue;
            };
            let relative = Path::new(relative);
            if relative
                .components()
                .all(|part| matches!(part, Component::Normal(_)))
            {
                files.push((object.to_string(), relative.to_path_buf()));
            }
        }
        Ok(files)
    }

    /// Writes each blob under `dir`, read in one `git cat-file --batch`.
    fn extract(&self, files: &[(String, PathBuf)], dir: &Path) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let mut child = super::repository::git_command(&self.top, &["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(unavailable)?;
        let mut stdin = child.stdin.take().ok_or_else(|| broken("cat-file"))?;
        let objects: String = files
            .iter()
            .map(|(object, _)| format!("{object}\n"))
            .collect();
        let writer = std::thread::spawn(move || stdin.write_all(objects.as_bytes()));
        let mut stdout = Vec::new();
        child
            .stdout
            .take()
            .ok_or_else(|| broken("cat-file"))?
            .read_to_end(&mut stdout)
            .map_err(|e| Error::io(&self.top, e))?;
        let _ = writer.join();
        let _ = child.wait();
        let mut rest = stdout.as_slice();
        for (_, relative) in files {
            let (blob, after) = next_blob(rest).ok_or_else(|| broken("cat-file --batch"))?;
            rest = after;
            let path = dir.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::write(&path, blob).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    }
}

/// The ids of the documents (`documents/ID.*`) whose file differs between the sides: changed,
/// added or removed.
pub fn edited_documents(old: &Snapshot, new: &Snapshot) -> Result<Vec<String>> {
    let (before, after) = (document_files(old)?, document_files(new)?);
    let mut edited: Vec<String> = before
        .iter()
        .filter(|(name, bytes)| after.get(*name) != Some(bytes))
        .chain(after.iter().filter(|(name, _)| !before.contains_key(*name)))
        .map(|(name, _)| {
            let stem = Path::new(name).file_stem().unwrap_or_default();
            stem.to_string_lossy().into_owned()
        })
        .collect();
    edited.sort();
    edited.dedup();
    Ok(edited)
}

/// The files of a side's `documents/` folder by name, with their bytes.
fn document_files(side: &Snapshot) -> Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let mut files = std::collections::BTreeMap::new();
    let Some(location) = &side.location else {
        return Ok(files);
    };
    let folder = location.root.join(DOCUMENTS_DIR);
    let Ok(listing) = std::fs::read_dir(&folder) else {
        return Ok(files);
    };
    for item in listing {
        let item = item.map_err(|e| Error::io(&folder, e))?;
        let path = item.path();
        // Regular files only, never through a link (symlink_metadata does not follow one).
        if path.symlink_metadata().is_ok_and(|meta| meta.is_file()) {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            files.insert(item.file_name().to_string_lossy().into_owned(), bytes);
        }
    }
    Ok(files)
}

/// Cuts one `OBJECT blob SIZE\nCONTENT\n` record off git's batch output.
fn next_blob(output: &[u8]) -> Option<(&[u8], &[u8])> {
    let header_end = output.iter().position(|&byte| byte == b'\n')?;
    let header = std::str::from_utf8(&output[..header_end]).ok()?;
    let size: usize = header.rsplit(' ').next()?.parse().ok()?;
    let start = header_end + 1;
    let end = start.checked_add(size)?;
    let blob = output.get(start..end)?;
    Some((blob, output.get(end + 1..).unwrap_or(&[])))
}

fn git(dir: &Path, args: &[&str]) -> Result<Output> {
    super::repository::git_command(dir, args)
        .output()
        .map_err(unavailable)
}

fn unavailable(e: std::io::Error) -> Error {
    Error::Unavailable(format!(
        "cannot run git ({e}): `folio diff` and `folio log` read the book's history from git; install git"
    ))
}

fn broken(what: &str) -> Error {
    Error::Unavailable(format!("`git {what}` gave output folio cannot read"))
}

fn first_line(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

fn succeeded(output: &Output, what: &str) -> Result<()> {
    if output.status.success() {
        return Ok(());
    }
    Err(Error::Unavailable(format!(
        "`{what}` failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_is_cut_at_each_blob_size() {
        let output = b"abc blob 3\nx\ny\ndef blob 0\n\n";
        let (first, rest) = next_blob(output).unwrap();
        assert_eq!(first, b"x\ny");
        let (second, rest) = next_blob(rest).unwrap();
        assert_eq!(second, b"");
        assert!(rest.is_empty());
        assert!(next_blob(b"abc blob 9\nshort\n").is_none());
    }
}
