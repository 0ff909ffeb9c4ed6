//! Template files: the book's, confined to its `templates/` folder, else the built-in ones; and
//! template errors as folio reports them.

use crate::error::Error;
use crate::fsio::{BookDir, Refusal};
use minijinja::ErrorKind;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The book's folder of templates.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// The largest template file folio reads.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Templates built into folio: (file name, text).
pub(crate) type Builtin = &'static [(&'static str, &'static str)];

// The repository's `templates/` and `locales/` folders, listed by build.rs: `TEMPLATE_FILES`
// and `LOCALE_FILES`.
include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// True for a plain template file name: letters, digits, `.`, `_` and `-`, no leading dot, no
/// `..` and no separator, so it can only name a file directly inside `templates/`.
pub(crate) fn is_template_file_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The templates of one book: its `templates/` folder first, then the built-in ones.
#[derive(Debug, Clone)]
pub(crate) struct Templates {
    /// `<book>/templates`, for messages and for [`Templates::shown`].
    dir: PathBuf,
    /// The templates folder as the file system knows it, when there is one: every file is
    /// opened once and the open file checked against it.
    folder: Option<BookDir>,
    /// Whether that folder lies inside the book: a templates folder that is itself a link out of
    /// the book is not followed.
    folder_in_book: bool,
    builtin: Builtin,
}

impl Templates {
    /// The templates of the book in `root`, with `builtin` behind the book's own.
    pub(crate) fn new(root: &Path, builtin: Builtin) -> Templates {
        let dir = root.join(TEMPLATES_DIR);
        // No folder (or one that cannot be resolved) means no file in it: the built-in
        // templates serve.
        let folder = BookDir::new(&dir).ok();
        let book = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        let folder_in_book = match (&folder, book.canonicalize()) {
            (Some(folder), Ok(book)) => folder.real().starts_with(book),
            _ => false,
        };
        Templates {
            dir,
            folder,
            folder_in_book,
            builtin,
        }
    }

    /// The built-in template `name`, if folio has one.
    pub(crate) fn builtin(&self, name: &str) -> Option<&'static str> {
        self.builtin
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| *text)
    }

    /// The loader of a minijinja environment: the book's file if it has one, else the built-in
    /// template, else none.
    pub(crate) fn load(&self, name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
        Ok(match self.book_file(name)? {
            Some(text) => Some(text),
            None => self.builtin(name).map(str::to_string),
        })
    }

    /// The text of the book's file `templates/<name>`, or `None` when the book has none. The
    /// file is opened once and the open file is checked: a regular file of at most 1 MiB whose
    /// real path lies inside the templates folder, itself inside the book.
    pub(crate) fn book_file(
        &self,
        name: &str,
    ) -> std::result::Result<Option<String>, minijinja::Error> {
        if !is_template_file_name(name) {
            return refuse(format!(
                "template name `{name}` is not a plain file name: templates can only load files from the book's {TEMPLATES_DIR}/ folder"
            ));
        }
        let Some(folder) = &self.folder else {
            return Ok(None);
        };
        let cannot_read = |e: std::io::Error| {
            minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot read {TEMPLATES_DIR}/{name}: {e}"),
            )
        };
        let file = match folder.open(&self.dir.join(name)) {
            Ok(None) => return Ok(None),
            // `templates` is a file, not a folder: nothing in it.
            Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Ok(None);
            }
            _ if !self.folder_in_book => return refuse(leads_outside(name)),
            Ok(Some(file)) => file,
            Err(Refusal::Outside(_) | Refusal::Dangling(_)) => return refuse(leads_outside(name)),
            Err(Refusal::NotRegular(_)) => {
                return refuse(format!("{TEMPLATES_DIR}/{name} is not a file"));
            }
            Err(Refusal::Io(e)) => return Err(cannot_read(e)),
        };
        let size = file.metadata().map_err(cannot_read)?.len();
        if size > MAX_TEMPLATE_BYTES {
            return refuse(format!("{TEMPLATES_DIR}/{name} is larger than 1 MiB"));
        }
        let mut text = String::new();
        file.take(MAX_TEMPLATE_BYTES)
            .read_to_string(&mut text)
            .map_err(cannot_read)?;
        Ok(Some(text))
    }

    /// The plain file names in the book's `templates/` folder (none when the folder lies outside
    /// the book); reading one still goes through [`Templates::book_file`].
    pub(crate) fn book_names(&self) -> Vec<String> {
        if self.folder.is_none() || !self.folder_in_book {
            return Vec::new();
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| is_template_file_name(name))
            .collect()
    }

    /// Where a template comes from, for messages: `templates/x.txt` or `built-in template x.txt`.
    pub(crate) fn shown(&self, file: &str) -> String {
        if self.dir.join(file).exists() {
            format!("{TEMPLATES_DIR}/{file}")
        } else {
            format!("built-in template {file}")
        }
    }

    /// A template error as folio reports it: the file, the line, what went wrong, and why
    /// (the errors it comes from, such as the one inside an included template).
    pub(crate) fn error(&self, error: &minijinja::Error) -> Error {
        let mut message = match (error.name(), error.line()) {
            (Some(name), Some(line)) => format!("{}:{line}: ", self.shown(name)),
            (Some(name), None) => format!("{}: ", self.shown(name)),
            _ => String::new(),
        };
        message.push_str(&error.kind().to_string());
        if let Some(detail) = error.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            message.push_str(&format!(" ({inner})"));
            source = inner.source();
        }
        Error::InvalidData(message)
    }
}

/// The refusal of a template that resolves outside its folder (or the book).
fn leads_outside(name: &str) -> String {
    format!(
        "{TEMPLATES_DIR}/{name} leads outside the book's {TEMPLATES_DIR}/ folder; folio does not follow it"
    )
}

/// A loader's refusal: invalid data for the command, an invalid operation for minijinja.
fn refuse<T>(why: String) -> std::result::Result<T, minijinja::Error> {
    Err(minijinja::Error::new(ErrorKind::InvalidOperation, why))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN: Builtin = &[("hello.txt", "built in\n")];

    fn book() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(TEMPLATES_DIR)).unwrap();
        dir
    }

    fn refusal(templates: &Templates, name: &str) -> String {
        templates
            .load(name)
            .unwrap_err()
            .detail()
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn template_names_are_plain_file_names() {
        assert!(is_template_file_name("reminder-1.fr-BE.txt"));
        for bad in [
            "../x.txt",
            "a/b.txt",
            ".hidden",
            "a..b",
            "",
            "x\\y",
            "/etc/passwd",
        ] {
            assert!(!is_template_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_book_template_comes_before_the_built_in_one() {
        let dir = book();
        let templates = Templates::new(dir.path(), BUILTIN);
        assert_eq!(templates.load("hello.txt").unwrap().unwrap(), "built in\n");
        assert_eq!(templates.load("other.txt").unwrap(), None);
        std::fs::write(dir.path().join("templates/hello.txt"), "the book's\n").unwrap();
        let templates = Templates::new(dir.path(), BUILTIN);
        assert_eq!(
            templates.load("hello.txt").unwrap().unwrap(),
            "the book's\n"
        );
        assert_eq!(templates.shown("hello.txt"), "templates/hello.txt");
        assert_eq!(templates.shown("other.txt"), "built-in template other.txt");
    }

    #[test]
    fn a_book_without_templates_folder_uses_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        let templates = Templates::new(dir.path(), BUILTIN);
        assert_eq!(templates.load("hello.txt").unwrap().unwrap(), "built in\n");
        std::fs::write(dir.path().join(TEMPLATES_DIR), "not a folder").unwrap();
        let templates = Templates::new(dir.path(), BUILTIN);
        assert_eq!(templates.load("hello.txt").unwrap().unwrap(), "built in\n");
    }

    #[test]
    fn a_folder_or_an_oversized_file_is_refused() {
        let dir = book();
        std::fs::create_dir(dir.path().join("templates/hello.txt")).unwrap();
        std::fs::write(
            dir.path().join("templates/big.txt"),
            vec![b'x'; MAX_TEMPLATE_BYTES as usize + 1],
        )
        .unwrap();
        let templates = Templates::new(dir.path(), BUILTIN);
        assert_eq!(
            refusal(&templates, "hello.txt"),
            "templates/hello.txt is not a file"
        );
        assert_eq!(
            refusal(&templates, "big.txt"),
            "templates/big.txt is larger than 1 MiB"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_or_the_book_are_refused() {
        use std::os::unix::fs::symlink;
        let dir = book();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.txt"), "secret").unwrap();
        std::fs::write(dir.path().join("folio.toml"), "secret").unwrap();
        symlink(
            outside.path().join("x.txt"),
            dir.path().join("templates/out.txt"),
        )
        .unwrap();
        symlink("../folio.toml", dir.path().join("templates/up.txt")).unwrap();
        symlink("gone.txt", dir.path().join("templates/dangling.txt")).unwrap();
        std::fs::write(dir.path().join("templates/real.txt"), "mine").unwrap();
        symlink("real.txt", dir.path().join("templates/alias.txt")).unwrap();
        let templates = Templates::new(dir.path(), BUILTIN);
        for name in ["out.txt", "up.txt", "dangling.txt"] {
            assert_eq!(
                refusal(&templates, name),
                format!(
                    "templates/{name} leads outside the book's templates/ folder; folio does not follow it"
                )
            );
        }
        assert_eq!(templates.load("alias.txt").unwrap().unwrap(), "mine");

        let linked = tempfile::tempdir().unwrap();
        std::fs::create_dir(outside.path().join("tpl")).unwrap();
        std::fs::write(outside.path().join("tpl/hello.txt"), "secret").unwrap();
        symlink(
            outside.path().join("tpl"),
            linked.path().join(TEMPLATES_DIR),
        )
        .unwrap();
        let templates = Templates::new(linked.path(), BUILTIN);
        assert!(refusal(&templates, "hello.txt").contains("leads outside"));
        assert_eq!(templates.load("absent.txt").unwrap(), None);
    }
}
