//! `folio init`.

use crate::book::{CONFIG_FILE, CONTACTS_DIR, JOURNAL_DIR, LOCK_FILE};
use crate::cli::Context;
use crate::error::{Error, Result};
use crate::fsio;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Then `cd mybook && git init && git add . && git commit -m 'New book'`: a book lives well in git.\n\n\
Examples:\n  folio init mybook\n  folio init shop --name \"Boutique Lilas\""
)]
pub struct Args {
    /// Where to create the book (default: the current directory).
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// The business's name (default: the directory's name).
    #[arg(long)]
    name: Option<String>,
}

/// Creates folio.toml, contacts/, journal/, .gitattributes and .gitignore. Refuses to touch a
/// directory that already holds a book.
pub fn run(args: &Args, _context: &Context, out: &mut dyn Write) -> Result<()> {
    let dir = &args.dir;
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "{} already holds a book ({CONFIG_FILE} exists); nothing was changed",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = args.name.clone().unwrap_or_else(|| default_name(dir));
    for sub in [CONTACTS_DIR, JOURNAL_DIR] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        // Git does not keep empty folders.
        let keep = path.join(".gitkeep");
        if !keep.exists() {
            fsio::create_new(&keep, b"")?;
        }
    }
    write_if_absent(&dir.join(".gitattributes"), GITATTRIBUTES)?;
    write_if_absent(
        &dir.join(".gitignore"),
        &format!("{LOCK_FILE}\n.folio-*.tmp\n"),
    )?;
    // folio.toml last: until it exists, the directory is not a book.
    fsio::write_atomic(&dir.join(CONFIG_FILE), config_template(&name).as_bytes())?;
    writeln!(out, "Created a new book `{name}` in {}", dir.display())?;
    writeln!(
        out,
        "Next: add contacts under {CONTACTS_DIR}/ and entries under {JOURNAL_DIR}/, then run `folio check`."
    )?;
    Ok(())
}

fn write_if_absent(path: &Path, contents: &str) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        fsio::create_new(path, contents.as_bytes())
    }
}

fn default_name(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "My business".to_string())
}

const GITATTRIBUTES: &str = "\
# Journal files hold one entry per line: concurrent appends merge by keeping both sides.
*.journal merge=union
";

fn config_template(name: &str) -> String {
    let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"# folio book settings. See docs/format.md for every key.
name = "{escaped}"

# Default currency of entries whose contact sets none (ISO 4217).
currency = "EUR"

# Default payment terms in days (invoice date + terms = due date).
terms = 30

[aging]
# Upper bounds of the aging buckets in days past due: current, 1-30, 31-60, 61-90, 90+.
buckets = [30, 60, 90]

[credit]
# Warn when a customer's exposure reaches this share of its credit limit.
warn_at = 0.8
# Put a customer on credit hold when an open item is more than this many days past due.
hold_after_days = 60
"#
    )
}
