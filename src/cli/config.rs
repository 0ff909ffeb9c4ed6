//! The user config file: defaults a person sets once for every book.
//!
//! `$FOLIO_CONFIG` names the file (empty: none); else `$XDG_CONFIG_HOME/folio/config.toml`; else
//! `~/.config/folio/config.toml` (on Windows `%APPDATA%\folio\config.toml`). A missing file is
//! the same as an empty one. Every key is optional:
//!
//! ```toml
//! book = "~/books/atelier"   # used when --book, $FOLIO_BOOK and walking up find no book
//! format = "table"           # table, csv or json: the default --format
//! color = "auto"             # auto, always or never: the default --color
//! as_of = "today"            # the default --as-of: end-of-last-month or any form of Dates (today, -1m, 2026-Q3)
//! pager = "less -FRX"        # the pager of --pager (after $FOLIO_PAGER, before $PAGER)
//! ```
//!
//! Precedence, for every setting: flag > environment > book > user config > built-in default
//! (docs/cli.md).

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// The keys of the file, in the order docs/cli.md lists them.
pub const KEYS: &[&str] = &["book", "format", "color", "as_of", "pager"];

/// The values of `format`.
pub const FORMATS: &[&str] = &["table", "csv", "json"];

/// The values of `color`.
pub const COLORS: &[&str] = &["auto", "always", "never"];

/// The settings of the user config file, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserConfig {
    /// The file they were read from, when there was one.
    pub path: Option<PathBuf>,
    /// The default book (with `~` expanded, relative to the file's folder).
    pub book: Option<PathBuf>,
    /// The default `--format`: one of [`FORMATS`].
    pub format: Option<String>,
    /// The default `--color`: one of [`COLORS`].
    pub color: Option<String>,
    /// The default `--as-of`, as written: resolved by [`UserConfig::as_of`].
    pub as_of: Option<String>,
    /// The pager command.
    pub pager: Option<String>,
}

/// Where the user config file is looked for, or `None` when `$FOLIO_CONFIG` is empty or no home
/// folder is known.
pub fn path() -> Option<PathBuf> {
    if let Some(explicit) = std::env::var_os("FOLIO_CONFIG") {
        return (!explicit.is_empty()).then(|| PathBuf::from(explicit));
    }
    let non_empty = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = non_empty("XDG_CONFIG_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| {
            if cfg!(windows) {
                non_empty("APPDATA")
            } else {
                non_empty("HOME").map(|home| home.join(".config"))
            }
        })?;
    Some(base.join("folio").join("config.toml"))
}

/// Reads the user config file; a missing file gives the built-in defaults.
pub fn load() -> Result<UserConfig> {
    let Some(path) = path() else {
        return Ok(UserConfig::default());
    };
    match crate::input::read(&path, crate::input::SETTINGS) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, &path),
            Err(_) => Err(Error::io(&path, crate::input::not_utf8())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UserConfig::default()),
        Err(e) => Err(crate::input::error(&path, e)),
    }
}

/// Parses the text of a user config file read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<UserConfig> {
    let invalid = |message: String| Error::Usage(format!("{}: {message}", path.display()));
    let table: toml::Table = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
    let mut config = UserConfig {
        path: Some(path.to_path_buf()),
        ..UserConfig::default()
    };
    for (key, value) in &table {
        let text = value.as_str().ok_or_else(|| {
            invalid(format!(
                "`{key}` must be a string, e.g. {key} = \"{}\"",
                example(key)
            ))
        })?;
        let one_of = |allowed: &[&str]| -> Result<Option<String>> {
            if allowed.contains(&text) {
                Ok(Some(text.to_string()))
            } else {
                Err(invalid(format!(
                    "`{key}` is `{text}`: expected one of {}",
                    allowed.join(", ")
                )))
            }
        };
        match key.as_str() {
            "book" => config.book = Some(expand(text, path)),
            "format" => config.format = one_of(FORMATS)?,
            "color" | "colour" => config.color = one_of(COLORS)?,
            "as_of" => {
                resolve_as_of(text, crate::cli::settings::today()).map_err(invalid)?;
                config.as_of = Some(text.to_string());
            }
            "pager" => config.pager = Some(text.to_string()),
            unknown => {
                let near = crate::diagnostic::did_you_mean(unknown, KEYS.iter().copied());
                return Err(invalid(match near {
                    Some(near) => format!("unknown key `{unknown}`; did you mean `{near}`?"),
                    None => format!("unknown key `{unknown}`; known keys: {}", KEYS.join(", ")),
                }));
            }
        }
    }
    Ok(config)
}

fn example(key: &str) -> &'static str {
    match key {
        "book" => "~/books/main",
        "format" => "json",
        "color" | "colour" => "never",
        "as_of" => "end-of-last-month",
        _ => "less -FRX",
    }
}

/// `~/x` is in the home folder; a relative path is relative to the config file's folder.
fn expand(text: &str, config: &Path) -> PathBuf {
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest);
    }
    let path = PathBuf::from(text);
    if path.is_absolute() {
        path
    } else {
        config.parent().unwrap_or(Path::new(".")).join(path)
    }
}

impl UserConfig {
    /// The default as-of date, when the file sets one other than `today`.
    pub fn as_of(&self, today: NaiveDate) -> Option<NaiveDate> {
        let text = self.as_of.as_deref()?;
        match text {
            "today" => None,
            _ => resolve_as_of(text, today).ok(),
        }
    }
}

/// `end-of-last-month` or any form of a date option ([`crate::cli::settings::resolve_date`],
/// a month or quarter standing for its last day), seen from `today`.
pub fn resolve_as_of(text: &str, today: NaiveDate) -> std::result::Result<NaiveDate, String> {
    match text {
        "today" => Ok(today),
        "yesterday" => Ok(today.pred_opt().unwrap_or(today)),
        "end-of-last-month" => Ok(today
            .with_day(1)
            .and_then(|first| first.pred_opt())
            .unwrap_or(today)),
        date => {
            let role = crate::cli::settings::DateRole::End;
            crate::cli::settings::resolve_date(date, role, today).map_err(|_| {
                format!(
                    "`as_of` is `{date}`: expected today, yesterday, end-of-last-month, a date YYYY-MM-DD or another form of `folio help dates` (2026-10, 2026-Q3, -1m)"
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<UserConfig> {
        parse(text, Path::new("/home/u/.config/folio/config.toml"))
    }

    #[test]
    fn every_key() {
        let config = parsed(
            "book = \"books/a\"\nformat = \"json\"\ncolor = \"never\"\nas_of = \"2026-06-30\"\npager = \"most\"\n",
        )
        .unwrap();
        assert_eq!(
            config.book,
            Some(PathBuf::from("/home/u/.config/folio/books/a"))
        );
        assert_eq!(config.format.as_deref(), Some("json"));
        assert_eq!(config.color.as_deref(), Some("never"));
        assert_eq!(config.pager.as_deref(), Some("most"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(config.as_of(today), NaiveDate::from_ymd_opt(2026, 6, 30));
    }

    #[test]
    fn relative_as_of() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            resolve_as_of("end-of-last-month", today),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        );
        assert_eq!(
            resolve_as_of("yesterday", today),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap())
        );
        assert_eq!(
            resolve_as_of("2025-Q4", today),
            Ok(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
        );
        assert_eq!(
            resolve_as_of("-1m", today),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap())
        );
        assert_eq!(parsed("as_of = \"today\"").unwrap().as_of(today), None);
    }

    #[test]
    fn mistakes_name_the_file_and_the_nearest_key() {
        let error = parsed("formt = \"json\"").unwrap_err().to_string();
        assert!(
            error.contains("config.toml: unknown key `formt`; did you mean `format`?"),
            "{error}"
        );
        let error = parsed("format = \"yaml\"").unwrap_err().to_string();
        assert!(
            error.contains("expected one of table, csv, json"),
            "{error}"
        );
        let error = parsed("as_of = \"soon\"").unwrap_err().to_string();
        assert!(error.contains("end-of-last-month"), "{error}");
        let error = parsed("color = true").unwrap_err().to_string();
        assert!(error.contains("must be a string"), "{error}");
    }
}
