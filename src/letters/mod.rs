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
//! Every message also goes as HTML (the text escaped, [`html`]) and as a PDF letter (the
//! letterhead, subject and body typeset, `crate::document::pdf`), a reminder with the PDFs of
//! the invoices it is about ([`outgoing`]).
//!
//! Templates are confined to the book's `templates/` folder (see [`crate::template`]). What a
//! template sees is documented in docs/dunning.md.

pub(crate) mod context;
pub(crate) mod html;
pub(crate) mod mail;
pub(crate) mod outgoing;

use crate::error::{Error, Result};
use crate::template::texts::Catalog;
use crate::template::{self, TEMPLATES_DIR, Templates, locale};
use minijinja::{Environment, ErrorKind, Value};
use std::path::Path;
use std::sync::Arc;

/// The templates built into folio (the repository's `templates/`, every file found there):
/// (file name, text).
pub(crate) const BUILTIN: template::Builtin = template::TEMPLATE_FILES;

/// A rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// The file that was used, e.g. `reminder-1.fr.txt`.
    pub file: String,
    /// The subject line, without `Subject:`.
    pub subject: String,
    /// The body, ending with one newline.
    pub body: String,
}

/// The template environment of one book.
pub(crate) struct Letters {
    env: Environment<'static>,
    templates: Templates,
    catalog: Arc<Catalog>,
}

impl Letters {
    /// Templates of the book in `root`: its `templates/` folder first, then the built-in ones.
    pub(crate) fn new(root: &Path) -> Letters {
        let templates = Templates::new(root, BUILTIN);
        let catalog = Arc::new(Catalog::new(templates.clone()));
        // Plain text: nothing to escape.
        let env = template::environment(templates.clone(), catalog.clone(), |_| {
            minijinja::AutoEscape::None
        });
        Letters {
            env,
            templates,
            catalog,
        }
    }

    /// The language a letter for a contact who reads `wanted` is written in: `wanted` when
    /// folio has texts for it, else the book's default language.
    pub(crate) fn language(&self, book: &crate::book::Book, wanted: &str) -> String {
        self.catalog
            .writing_language(wanted, &book.config.default_language())
    }

    /// The words of `language` (the translation files), for the page footers of a letter's PDF.
    pub(crate) fn texts(&self, language: &str) -> Result<Arc<crate::template::texts::Texts>> {
        self.catalog.texts(language)
    }

    /// Renders template `name` in `language` (with the fallbacks of the module documentation).
    /// The first line must be `Subject: ...`.
    pub(crate) fn render(
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
                self.templates.shown(&file)
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
    pub(crate) fn letterhead(
        &self,
        language: &str,
        context: &impl serde::Serialize,
    ) -> Result<String> {
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
                Err(e) => return Err(self.templates.error(&e)),
            };
            // A template value given here is taken as it is, not copied (minijinja keeps it).
            let ctx = Value::from(minijinja::value::Serde(context));
            let text = template.render(ctx).map_err(|e| self.templates.error(&e))?;
            return Ok((file.clone(), text));
        }
        Err(Error::InvalidData(format!(
            "no template `{name}` for language `{language}`: add {}/{name}.{primary}.txt to the book",
            TEMPLATES_DIR
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
            "Montant : 1\u{202f}210,50\u{a0}€, 1er mars 2026\n"
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
    fn every_built_in_language_has_every_letter() {
        let languages: std::collections::BTreeSet<&str> = template::LOCALE_FILES
            .iter()
            .map(|(language, _, _)| *language)
            .collect();
        for language in languages {
            for letter in [
                "due-soon",
                "reminder-1",
                "reminder-2",
                "final-notice",
                "statement",
            ] {
                let file = format!("{letter}.{language}.txt");
                assert!(
                    BUILTIN.iter().any(|(name, _)| *name == file),
                    "templates/{file} is missing"
                );
            }
        }
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
