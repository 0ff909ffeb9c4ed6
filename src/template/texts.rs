//! The words folio writes for a customer, in translation files ([Project
//! Fluent](https://projectfluent.org), plural forms from CLDR through `intl_pluralrules`): the
//! built-in `locales/<language>/<group>.ftl` (groups `documents`, `letters` and `legal`), and the book's
//! `templates/<group>.<language>.ftl`, whose messages override the built-in ones of that language
//! one by one. A book adds a language by adding such files: no code is involved.
//!
//! A language is looked up by negotiation (`fluent-langneg`): `fr-BE` is served by the files of
//! `fr-BE` if there are any, then `fr`; `zh-Hans` by `zh`, but `zh-Hant` not (a file serves only
//! readers of its script). A message missing from all of them
//! (a book's partial translation) comes from English.

use super::Templates;
use crate::error::{Error, Result};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use icu_locale::{Locale, LocaleExpander};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use unic_langid::LanguageIdentifier;

/// The groups of messages: one file per group and language.
pub(crate) const GROUPS: &[&str] = &["documents", "letters", "legal"];

/// The translation files built into folio (the repository's `locales/<language>/<group>.ftl`,
/// every one found there): (language, group, text).
const BUILTIN: &[(&str, &str, &str)] = super::LOCALE_FILES;

/// The language every other one falls back to, message by message.
const FALLBACK: &str = "en";

/// The translation files of one book, and the texts of each language once read.
#[derive(Debug)]
pub(crate) struct Catalog {
    templates: Templates,
    languages: OnceLock<Vec<String>>,
    read: Mutex<HashMap<String, Arc<Texts>>>,
}

/// The messages of one language: its bundles in order of preference, English last.
pub(crate) struct Texts {
    language: String,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// An argument of a message: text (an amount or date already written out) or a number (what
/// plural forms select on).
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    /// Shown as it is.
    Text(String),
    /// Selects the plural form (`one`, `other`...) and is shown as written.
    Number(i64),
    /// A decimal number as text (`1.5`): selects the plural form as CLDR does for decimals
    /// (`1.5 days`, never `1.5 day`).
    Decimal(String),
}

impl Catalog {
    /// The translation files of the book whose templates are `templates`, with folio's.
    pub(crate) fn new(templates: Templates) -> Catalog {
        Catalog {
            templates,
            languages: OnceLock::new(),
            read: Mutex::new(HashMap::new()),
        }
    }

    /// Every language folio has texts for in this book: built in, or a file of the book's.
    pub(crate) fn languages(&self) -> &[String] {
        self.languages.get_or_init(|| self.find_languages())
    }

    fn find_languages(&self) -> Vec<String> {
        let mut found: BTreeSet<String> = BUILTIN.iter().map(|(l, _, _)| l.to_string()).collect();
        for name in self.templates.book_names() {
            if let Some(language) = language_of_file(&name) {
                found.insert(language.to_string());
            }
        }
        found.into_iter().collect()
    }

    /// The languages whose files serve `language`, best first; empty when none does. First the
    /// tag and its parents that have files (`fr-BE`, then `fr`); when none has, the closest
    /// language `fluent-langneg` finds (`pt` served by a book's `pt-BR`).
    pub(crate) fn serving(&self, language: &str) -> Vec<String> {
        let Ok(requested) = language
            .trim()
            .replace('_', "-")
            .parse::<LanguageIdentifier>()
        else {
            return Vec::new();
        };
        let languages = self.languages();
        let script = likely_script(&requested.to_string());
        let same_script = |language: &String| likely_script(language) == script;
        let mut chain: Vec<String> = Vec::new();
        let mut tag = requested.to_string();
        loop {
            if let Some(found) = languages.iter().find(|l| l.eq_ignore_ascii_case(&tag))
                && !chain.contains(found)
                && same_script(found)
            {
                chain.push(found.clone());
            }
            match tag.rfind('-') {
                Some(end) => tag.truncate(end),
                None => break,
            }
        }
        if chain.is_empty() {
            let available: Vec<LanguageIdentifier> =
                languages.iter().filter_map(|l| l.parse().ok()).collect();
            chain.extend(
                negotiate_languages(&[requested], &available, None, NegotiationStrategy::Lookup)
                    .into_iter()
                    .map(ToString::to_string)
                    .filter(same_script),
            );
        }
        chain
    }

    /// True when folio has texts for `language` (itself or a language it falls back to).
    pub(crate) fn has(&self, language: &str) -> bool {
        !self.serving(language).is_empty()
    }

    /// The language to write in for `wanted`: itself when folio has texts for it, else
    /// `default` (the book's default language), else English.
    pub(crate) fn writing_language(&self, wanted: &str, default: &str) -> String {
        [wanted, default]
            .into_iter()
            .find(|language| self.has(language))
            .unwrap_or(FALLBACK)
            .to_string()
    }

    /// `--lang` names a language folio has no texts for: a usage error that lists those it has.
    pub(crate) fn unknown_language(&self, language: &str) -> Error {
        Error::Usage(format!(
            "no texts for language `{language}`: folio has {}; add templates/documents.{language}.ftl and templates/letters.{language}.ftl to the book for another (docs/documents.md, \"Languages\")",
            self.languages().join(", ")
        ))
    }

    /// The messages of `language`, read once.
    pub(crate) fn texts(&self, language: &str) -> Result<Arc<Texts>> {
        if let Some(texts) = self.read.lock().ok().and_then(|r| r.get(language).cloned()) {
            return Ok(texts);
        }
        let mut chain = self.serving(language);
        if !chain.iter().any(|l| l == FALLBACK) {
            chain.push(FALLBACK.to_string());
        }
        let mut bundles = Vec::with_capacity(chain.len());
        for served in &chain {
            bundles.push(self.bundle(served)?);
        }
        let texts = Arc::new(Texts {
            language: language.to_string(),
            bundles,
        });
        if let Ok(mut read) = self.read.lock() {
            read.insert(language.to_string(), texts.clone());
        }
        Ok(texts)
    }

    /// The bundle of one language: the built-in files, then the book's over them.
    fn bundle(&self, language: &str) -> Result<FluentBundle<FluentResource>> {
        let id: LanguageIdentifier = language.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Plain text and HTML alike: no invisible isolation marks around values.
        bundle.set_use_isolating(false);
        for group in GROUPS {
            if let Some((_, _, text)) = BUILTIN
                .iter()
                .find(|(l, g, _)| *l == language && g == group)
            {
                let shown = format!("built-in locales/{language}/{group}.ftl");
                bundle.add_resource_overriding(parse(text.to_string(), &shown)?);
            }
            let file = format!("{group}.{language}.ftl");
            if let Some(text) = self
                .templates
                .book_file(&file)
                .map_err(|e| self.templates.error(&e))?
            {
                let shown = format!("{}/{file}", super::TEMPLATES_DIR);
                bundle.add_resource_overriding(parse(text, &shown)?);
            }
        }
        Ok(bundle)
    }
}

/// The script a language is written in, as CLDR's likely subtags have it: `zh`, `zh-CN` and
/// `zh-Hans` are `Hans`, `zh-TW` and `zh-Hant` are `Hant`. Texts in one script never serve a
/// reader of another, whatever their language.
fn likely_script(tag: &str) -> Option<String> {
    let mut locale: Locale = tag.parse().ok()?;
    LocaleExpander::new_common().maximize(&mut locale.id);
    locale.id.script.map(|script| script.to_string())
}

/// The language a book's translation file is for: `it` for `documents.it.ftl`.
fn language_of_file(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".ftl")?;
    let (group, language) = stem.split_once('.')?;
    (GROUPS.contains(&group)
        && !language.is_empty()
        && language.parse::<LanguageIdentifier>().is_ok())
    .then_some(language)
}

/// A translation file read, or the first error in it at its line and column.
fn parse(text: String, shown: &str) -> Result<FluentResource> {
    FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
        let first = errors.first();
        let (line, column) =
            crate::diagnostic::line_column(&text, first.map_or(0, |e| e.pos.start));
        let why = first.map_or_else(String::new, |e| e.kind.to_string());
        Error::InvalidData(format!(
            "{shown}:{line}:{column}: {why} (expected Fluent messages: `id = text`)"
        ))
    })
}

impl Texts {
    /// The language asked for.
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// Message `id` with `args`, from the first bundle that has it; `None` when none has.
    pub(crate) fn format(&self, id: &str, args: &[(&str, Arg)]) -> Result<Option<String>> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
                Arg::Decimal(text) => {
                    fluent_args.set(*name, FluentValue::try_number(text.as_str()));
                }
            }
        }
        for bundle in &self.bundles {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if let Some(error) = errors.first() {
                let language = bundle.locales.first().map(ToString::to_string);
                return Err(Error::InvalidData(format!(
                    "message `{id}` ({}): {error}",
                    language.unwrap_or_default()
                )));
            }
            return Ok(Some(text.into_owned()));
        }
        Ok(None)
    }

    /// Message `id` with text arguments, or the id itself when no file has it (so a missing
    /// message shows where it belongs rather than failing a whole document).
    pub(crate) fn text(&self, id: &str, args: &[(&str, &str)]) -> Result<String> {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|(name, value)| (*name, Arg::Text((*value).to_string())))
            .collect();
        Ok(self.format(id, &args)?.unwrap_or_else(|| id.to_string()))
    }

    /// Every message of the `documents` group without its values (`{ $rate }` stays `{$rate}`),
    /// by id: what templates written before the translation files read as `labels`.
    pub(crate) fn plain_messages(&self) -> std::collections::BTreeMap<String, String> {
        let mut messages = std::collections::BTreeMap::new();
        for (_, _, text) in BUILTIN
            .iter()
            .filter(|(l, g, _)| *l == FALLBACK && *g == "documents")
        {
            for id in message_ids(text) {
                if let Ok(Some(value)) = self.format(&id, &[]).or(Ok::<_, Error>(None)) {
                    messages.insert(id, value);
                }
            }
        }
        messages
    }

    /// Every message of the language written out without its values (an empty value where a
    /// message expects one): the characters a PDF's font must have.
    pub(crate) fn all_text(&self) -> String {
        let mut all = String::new();
        for bundle in &self.bundles {
            for (_, _, text) in BUILTIN.iter().filter(|(l, _, _)| *l == FALLBACK) {
                for id in message_ids(text) {
                    if let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) {
                        let mut ignored = Vec::new();
                        all.push_str(&bundle.format_pattern(pattern, None, &mut ignored));
                    }
                }
            }
        }
        all
    }
}

/// The ids of the messages of a translation file's text.
fn message_ids(text: &str) -> Vec<String> {
    match FluentResource::try_new(text.to_string()) {
        Ok(resource) | Err((resource, _)) => resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(files: &[(&str, &str)]) -> (tempfile::TempDir, Catalog) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("templates").join(name), text).unwrap();
        }
        let catalog = Catalog::new(Templates::new(dir.path(), &[]));
        (dir, catalog)
    }

    fn days(texts: &Texts, n: i64) -> String {
        texts
            .format("days-overdue", &[("days", Arg::Number(n))])
            .unwrap()
            .unwrap()
    }

    #[test]
    fn plural_forms_follow_the_language() {
        let (_dir, catalog) = catalog(&[]);
        let english = catalog.texts("en").unwrap();
        assert_eq!(days(&english, 1), "1 day overdue");
        assert_eq!(days(&english, 2), "2 days overdue");
        let french = catalog.texts("fr-BE").unwrap();
        assert_eq!(days(&french, 1), "1 jour de retard");
        assert_eq!(days(&french, 2), "2 jours de retard");
    }

    #[test]
    fn regional_variants_fall_back_to_their_language() {
        let (_dir, catalog) = catalog(&[("documents.fr-BE.ftl", "total = Total à payer\n")]);
        assert_eq!(catalog.serving("zh-Hans"), ["zh"]);
        assert_eq!(catalog.serving("zh-CN"), ["zh"]);
        // Traditional Chinese is not served by the Simplified texts.
        assert!(catalog.serving("zh-Hant").is_empty());
        assert!(catalog.serving("zh-TW").is_empty());
        assert_eq!(catalog.serving("fr-BE"), ["fr-BE", "fr"]);
        assert_eq!(catalog.serving("fr-CA"), ["fr"]);
        assert_eq!(catalog.serving("FR-be"), ["fr-BE", "fr"]);
        assert!(catalog.serving("xx").is_empty());
        let belgian = catalog.texts("fr-BE").unwrap();
        assert_eq!(belgian.text("total", &[]).unwrap(), "Total à payer");
        assert_eq!(belgian.text("invoice", &[]).unwrap(), "Facture");
    }

    #[test]
    fn a_book_file_adds_a_language() {
        let (_dir, catalog) = catalog(&[("documents.it.ftl", "invoice = Fattura\n")]);
        assert!(catalog.languages().contains(&"it".to_string()));
        let italian = catalog.texts("it").unwrap();
        assert_eq!(italian.text("invoice", &[]).unwrap(), "Fattura");
        // What the book did not translate comes from English.
        assert_eq!(italian.text("quote", &[]).unwrap(), "Quote");
    }

    #[test]
    fn a_broken_file_is_refused_at_its_line() {
        let (_dir, catalog) = catalog(&[("documents.it.ftl", "invoice = Fattura\n= oops\n")]);
        let error = catalog.texts("it").unwrap_err().to_string();
        assert!(
            error.starts_with("templates/documents.it.ftl:2:1: "),
            "{error}"
        );
    }

    #[test]
    fn every_built_in_language_has_every_english_message() {
        let (_dir, catalog) = catalog(&[]);
        let english: BTreeSet<String> = BUILTIN
            .iter()
            .filter(|(l, _, _)| *l == FALLBACK)
            .flat_map(|(_, _, text)| message_ids(text))
            .collect();
        for language in catalog.languages() {
            let own: BTreeSet<String> = BUILTIN
                .iter()
                .filter(|(l, _, _)| *l == language)
                .flat_map(|(_, _, text)| message_ids(text))
                .collect();
            let missing: Vec<&String> = english.iter().filter(|id| !own.contains(*id)).collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
        }
    }
}
