//! Letters and e-mails from templates: reminders at every dunning level, courtesy notices and
//! statement letters, in the contact's language.
//!
//! Templates are [minijinja](https://docs.rs/minijinja) text files named
//! `<name>.<language>.txt`. folio ships `due-soon`, `reminder-1`, `reminder-2`, `final-notice`
//! and `statement` in English, French and Chinese (the repository's `templates/`, embedded in the
//! binary), plus `letterhead.txt`, the sender and recipient block above a printed letter. A book
//! overrides any of them, or adds its own, in its `templates/` folder. A template's first line
//! is `Subject: ...`; the rest is the body.
//!
//! For a contact whose language is `fr-BE`, folio looks for `<name>.fr-BE.txt`, then
//! `<name>.fr.txt`, then `<name>.en.txt`, each first in the book, then built in.
//!
//! Templates are confined to the book's `templates/` folder: a template name (also in
//! `{% include %}`) is a plain file name, never a path, and a file that resolves (through a
//! symbolic link) outside that folder is refused. What a template sees is documented in
//! docs/dunning.md.

pub mod context;
pub mod locale;
pub mod mail;
pub mod outgoing;

use crate::error::{Error, Result};
use minijinja::{Environment, ErrorKind, State, UndefinedBehavior, Value};
use std::path::{Path, PathBuf};

/// The book's folder of templates.
pub const TEMPLATES_DIR: &str = "templates";

/// The largest template file folio reads.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// Work a single render may do (minijinja "fuel"): generous for a statement of thousands of lines,
/// finite for a template that loops without end.
const FUEL: u64 = 20_000_000;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The templates built into folio: (file name, text).
pub const BUILTIN: &[(&str, &str)] = builtin!(
    "letterhead.txt",
    "due-soon.en.txt",
    "due-soon.fr.txt",
    "due-soon.zh.txt",
    "reminder-1.en.txt",
    "reminder-1.fr.txt",
    "reminder-1.zh.txt",
    "reminder-2.en.txt",
    "reminder-2.fr.txt",
    "reminder-2.zh.txt",
    "final-notice.en.txt",
    "final-notice.fr.txt",
    "final-notice.zh.txt",
    "statement.en.txt",
    "statement.fr.txt",
    "statement.zh.txt",
);

/// A rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file that was used, e.g. `reminder-1.fr.txt`.
    pub file: String,
    /// The subject line, without `Subject:`.
    pub subject: String,
    /// The body, ending with one newline.
    pub body: String,
}

/// The template environment of one book.
pub struct Letters {
    env: Environment<'static>,
    dir: PathBuf,
}

impl Letters {
    /// Templates of the book in `root`: its `templates/` folder first, then the built-in ones.
    pub fn new(root: &Path) -> Letters {
        let dir = root.join(TEMPLATES_DIR);
        let mut env = Environment::new();
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .unwrap_or_default(),
        );
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_fuel(Some(FUEL));
        // Plain text: nothing to escape.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.add_filter("money", money_filter);
        env.add_filter("longdate", long_date_filter);
        env.add_filter("ljust", |value: Value, width: usize| {
            pad(&value, width, false)
        });
        env.add_filter("rjust", |value: Value, width: usize| {
            pad(&value, width, true)
        });
        let loader_dir = dir.clone();
        env.set_loader(move |name| load(&loader_dir, name));
        Letters { env, dir }
    }

    /// Renders template `name` in `language` (with the fallbacks of the module documentation).
    /// The first line must be `Subject: ...`.
    pub fn render(
        &self,
        name: &str,
        language: &str,
        context: &impl serde::Serialize,
    ) -> Result<Rendered> {
        let (file, mut text) = self.render_file(name, language, context)?;
        let (first, rest) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        let Some(subject) = first.trim_end_matches('\r').strip_prefix("Subject:") else {
            return Err(Error::InvalidData(format!(
                "{}: the first line must be `Subject: ...`, the message's subject",
                self.shown(&file)
            )));
        };
        let subject = subject.trim().to_string();
        // The body is cut out of the text in place: a statement letter can run to megabytes.
        // `rest` ends the text, so its start is the text's length less its own.
        let from_body = rest.trim_start_matches(['\n', '\r']);
        let start = text.len() - from_body.len();
        let end = start + from_body.trim_end().len();
        text.truncate(end);
        text.drain(..start);
        text.push('\n');
        Ok(Rendered {
            file,
            subject,
            body: text,
        })
    }

    /// Renders the letterhead (sender, recipient, date) that goes above a printed letter.
    pub fn letterhead(&self, language: &str, context: &impl serde::Serialize) -> Result<String> {
        let (_, text) = self.render_file("letterhead", language, context)?;
        Ok(format!("{}\n", text.trim_end()))
    }

    /// Renders the first of `<name>.<language>.txt`, `<name>.<primary>.txt`, `<name>.en.txt` and
    /// `<name>.txt` that exists; returns its file name and the text.
    fn render_file(
        &self,
        name: &str,
        language: &str,
        context: &impl serde::Serialize,
    ) -> Result<(String, String)> {
        let primary = locale::primary(language);
        let mut candidates = vec![
            format!("{name}.{language}.txt"),
            format!("{name}.{primary}.txt"),
            format!("{name}.en.txt"),
            format!("{name}.txt"),
        ];
        candidates.dedup();
        for file in &candidates {
            let template = match self.env.get_template(file) {
                Ok(template) => template,
                Err(e) if e.kind() == ErrorKind::TemplateNotFound && e.name().is_none() => continue,
                Err(e) => return Err(self.error(&e)),
            };
            // A template value given here is taken as it is, not copied (minijinja keeps it).
            let ctx = Value::from(minijinja::value::Serde(context));
            let text = template.render(ctx).map_err(|e| self.error(&e))?;
            return Ok((file.clone(), text));
        }
        Err(Error::InvalidData(format!(
            "no template `{name}` for language `{language}`: add {}/{name}.{primary}.txt to the book",
            TEMPLATES_DIR
        )))
    }

    /// Where a template comes from, for messages: `templates/x.txt` or `built-in template x.txt`.
    fn shown(&self, file: &str) -> String {
        if self.dir.join(file).exists() {
            format!("{TEMPLATES_DIR}/{file}")
        } else {
            format!("built-in template {file}")
        }
    }

    /// A template error as folio reports it: the file, the line, and what went wrong.
    fn error(&self, error: &minijinja::Error) -> Error {
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

/// True for a plain template file name: letters, digits, `.`, `_` and `-`, no leading dot, no
/// `..` and no separator, so it can only name a file directly inside `templates/`.
pub fn is_template_file_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// True when `real` (a resolved path) lies inside the book whose templates folder is
/// `templates`: a templates folder that is itself a link out of the book is not followed.
pub(crate) fn within_book(templates: &Path, real: &Path) -> bool {
    let book = templates.parent().unwrap_or(Path::new("."));
    let book = if book.as_os_str().is_empty() {
        Path::new(".")
    } else {
        book
    };
    book.canonicalize().is_ok_and(|book| real.starts_with(book))
}

/// The loader: the book's file if it has one (confined to its templates folder), else the
/// built-in template, else none.
fn load(dir: &Path, name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
    let refuse = |why: String| Err(minijinja::Error::new(ErrorKind::InvalidOperation, why));
    if !is_template_file_name(name) {
        return refuse(format!(
            "template name `{name}` is not a plain file name: templates can only load files from the book's {TEMPLATES_DIR}/ folder"
        ));
    }
    let path = dir.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(_) => {
            let inside = match (dir.canonicalize(), path.canonicalize()) {
                (Ok(real_dir), Ok(file)) => {
                    file.starts_with(&real_dir) && file != real_dir && within_book(dir, &file)
                }
                _ => false,
            };
            if !inside {
                return refuse(format!(
                    "{TEMPLATES_DIR}/{name} leads outside the book's {TEMPLATES_DIR}/ folder; folio does not follow it"
                ));
            }
            let metadata = std::fs::metadata(&path)
                .map_err(|e| minijinja::Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
            if !metadata.is_file() {
                return refuse(format!("{TEMPLATES_DIR}/{name} is not a file"));
            }
            if metadata.len() > MAX_TEMPLATE_BYTES {
                return refuse(format!("{TEMPLATES_DIR}/{name} is larger than 1 MiB"));
            }
            std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    format!("cannot read {TEMPLATES_DIR}/{name}: {e}"),
                )
            })
        }
        Err(_) => Ok(BUILTIN
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| text.to_string())),
    }
}

/// The letter's language, as the templates' `lang` variable says.
fn language(state: &State<'_, '_>) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

/// `{{ amount|money }}` → `1,210.00` (en), `1 210,00` (fr); `{{ amount|money(currency) }}` adds
/// the currency code: `1,210.00 EUR`.
fn money_filter(
    state: &State<'_, '_>,
    value: Value,
    currency: Option<String>,
) -> std::result::Result<String, minijinja::Error> {
    let text = value.to_string();
    let amount: rust_decimal::Decimal = text.trim().parse().map_err(|_| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("money: `{text}` is not an amount"),
        )
    })?;
    let shown = locale::amount(amount, &language(state));
    Ok(match currency {
        Some(code) if !code.is_empty() => format!("{shown} {code}"),
        _ => shown,
    })
}

/// `{{ text|ljust(12) }}`, `{{ amount|rjust(12) }}`: pads to a width in terminal columns
/// (a Chinese character counts two), never cuts.
fn pad(value: &Value, width: usize, right: bool) -> String {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    let used = unicode_width::UnicodeWidthStr::width(text.as_str());
    let fill = " ".repeat(width.saturating_sub(used).min(200));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// `{{ date|longdate }}` → `14 February 2026`, `14 février 2026`, `2026年2月14日`.
fn long_date_filter(
    state: &State<'_, '_>,
    value: Value,
) -> std::result::Result<String, minijinja::Error> {
    let text = value.to_string();
    let date = crate::journal::parser::parse_date(text.trim()).map_err(|_| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("longdate: `{text}` is not a date YYYY-MM-DD"),
        )
    })?;
    Ok(locale::long_date(date, &language(state)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn book_templates_override_and_fall_back_by_language() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/hello.fr.txt"),
            "Subject: Bonjour {{ name }}\n\nMontant : {{ amount|money('EUR') }}, {{ day|longdate }}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("templates/hello.en.txt"),
            "Subject: Hello\nHi\n",
        )
        .unwrap();
        let letters = Letters::new(dir.path());
        let context =
            json!({"lang": "fr-BE", "name": "Zoé", "amount": "1210.5", "day": "2026-03-01"});
        let rendered = letters.render("hello", "fr-BE", &context).unwrap();
        assert_eq!(rendered.file, "hello.fr.txt");
        assert_eq!(rendered.subject, "Bonjour Zoé");
        assert_eq!(
            rendered.body,
            "Montant : 1\u{a0}210,50 EUR, 1er mars 2026\n"
        );
        let english = letters
            .render("hello", "de", &json!({"lang": "de"}))
            .unwrap();
        assert_eq!(english.file, "hello.en.txt");
        let missing = letters.render("nothing", "en", &json!({})).unwrap_err();
        assert!(
            missing.to_string().contains("no template `nothing`"),
            "{missing}"
        );
    }

    #[test]
    fn includes_cannot_leave_the_templates_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(
            dir.path().join("templates/evil.en.txt"),
            "Subject: x\n{% include \"../secret.txt\" %}\n",
        )
        .unwrap();
        let letters = Letters::new(dir.path());
        let error = letters.render("evil", "en", &json!({})).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("not a plain file name"), "{message}");
        assert!(
            message.starts_with("templates/evil.en.txt:2: "),
            "{message}"
        );
        assert_eq!(error.exit_code(), crate::error::exit::DATA);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_templates_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.txt"), "Subject: leak\n").unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("x.txt"),
            dir.path().join("templates/reminder-1.en.txt"),
        )
        .unwrap();
        let letters = Letters::new(dir.path());
        let error = letters.render("reminder-1", "en", &json!({})).unwrap_err();
        assert!(error.to_string().contains("leads outside"), "{error}");
    }

    #[test]
    fn errors_name_the_file_and_line_and_a_subject_is_required() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/bad.en.txt"),
            "Subject: x\n\n{{ contact.nmae }}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("templates/plain.en.txt"), "Hello\n").unwrap();
        let letters = Letters::new(dir.path());
        let error = letters
            .render("bad", "en", &json!({"contact": {"name": "A"}}))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("templates/bad.en.txt:3: undefined value"),
            "{error}"
        );
        let error = letters.render("plain", "en", &json!({})).unwrap_err();
        assert!(
            error.to_string().contains("first line must be `Subject:"),
            "{error}"
        );
    }

    #[test]
    fn runaway_templates_run_out_of_fuel() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/loop.en.txt"),
            "Subject: x\n{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n",
        )
        .unwrap();
        let error = Letters::new(dir.path())
            .render("loop", "en", &json!({}))
            .unwrap_err();
        assert!(error.to_string().contains("fuel"), "{error}");
    }
}
