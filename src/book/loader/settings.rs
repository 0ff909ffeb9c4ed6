//! Reading folio.toml.

use super::super::config::Config;
use super::super::serde_helpers::read_toml;
use super::super::{CONFIG_FILE, display_path};
use super::text::{Text, read_text, toml_diagnostics};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::fsio::BookDir;
use std::path::Path;

/// Reads folio.toml: the settings (the defaults where a key has a problem), its text (`None`
/// when the file was refused) and whether its currency is in doubt.
pub(super) fn load_config(
    dir: &BookDir,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Config, Option<String>, bool)> {
    let shown = display_path(root, Path::new(CONFIG_FILE));
    let Some(Text { text, .. }) = read_text(dir, &root.join(CONFIG_FILE), &shown, diagnostics)?
    else {
        return Ok((default_config(), None, true));
    };
    let read = read_toml::<Config>(&text);
    let currency_troubled = read.is_troubled("currency");
    diagnostics.extend(toml_diagnostics(&shown, &text, read.problems));
    // Keys with problems keep their defaults so the rest of the book is still checked.
    let config = read.value.unwrap_or_else(default_config);
    Ok((config, Some(text), currency_troubled))
}

/// The settings of a folio.toml that holds only a name: every other key takes its default. Used
/// when folio.toml is not valid TOML, so the rest of the book is still checked.
pub(super) fn default_config() -> Config {
    // Every key but `name` is optional (tested below), so this cannot fail.
    toml::from_str("name = \"(unnamed)\"").expect("a folio.toml with only a name is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_all_folio_toml_needs() {
        let config = default_config();
        assert_eq!(config.name, "(unnamed)");
        assert_eq!(config.currency, None);
        assert_eq!(config.aging.buckets, [30, 60, 90]);
        assert_eq!(config.reports.convert, None);
    }

    #[test]
    fn reports_convert_names_a_currency() {
        let config: Config =
            toml::from_str("name = \"b\"\n[reports]\nconvert = \"EUR\"\n").unwrap();
        assert_eq!(
            config.reports.convert.map(|c| c.to_string()),
            Some("EUR".into())
        );
        let refused = toml::from_str::<Config>("name = \"b\"\n[reports]\nconvert = \"euro\"\n");
        assert!(refused.is_err());
    }
}
