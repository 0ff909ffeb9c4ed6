//! `folio man [COMMAND]`: the manual page in roff, from the same clap definitions as `--help`.

use crate::cli::Context;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `folio man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
folio(1) covers the global options, the commands, environment, files and exit codes; each \
command has its own page, folio-COMMAND(1) (folio-credit-check(1) for a subcommand). Read one \
with `folio man | man -l -`.\n\n\
Examples:\n  folio man > folio.1\n  folio man credit check > folio-credit-check.1\n  \
folio man --out-dir man1")]
pub struct Args {
    /// The command whose page to print (default: folio(1)); subcommands follow it (`credit check`).
    #[arg(value_name = "COMMAND")]
    command: Vec<String>,
    /// Write every page, folio.1 and one per command, into this directory instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    out_dir: Option<PathBuf>,
}

/// Prints a page, or writes them all.
pub fn run(args: &Args, _context: &Context, out: &mut dyn Write) -> Result<()> {
    let mut root = crate::cli::command();
    root.build();
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for (name, page) in pages(&root)? {
            let path = dir.join(name);
            std::fs::write(&path, page).map_err(|e| Error::io(&path, e))?;
        }
        return Ok(());
    }
    let mut current = &root;
    for word in &args.command {
        current = current
            .find_subcommand(word)
            .ok_or_else(|| Error::Usage(format!("no command `{word}`; `folio help` lists them")))?;
    }
    out.write_all(&page(current, current.get_name() == root.get_name())?)?;
    Ok(())
}

/// Every page, named `folio.1`, `folio-aging.1`, `folio-credit-check.1`..., for a built command.
pub fn pages(root: &clap::Command) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![("folio.1".to_string(), page(root, true)?)];
    fn walk(command: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            pages.push((format!("{}.1", page_name(sub)), page(sub, false)?));
            walk(sub, pages)?;
        }
        Ok(())
    }
    walk(root, &mut pages)?;
    Ok(pages)
}

/// `folio-credit-check` for `folio credit check` (clap's display name of a built command).
fn page_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

/// One page in roff. folio(1) gets ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO sections.
fn page(command: &clap::Command, root: bool) -> Result<Vec<u8>> {
    let name = page_name(command);
    let man = clap_mangen::Man::new(command.clone())
        .title(name.to_uppercase())
        .section("1")
        .source(format!("folio {}", env!("CARGO_PKG_VERSION")))
        .manual("folio manual");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut page)?;
    }
    if command.get_after_help().is_some() {
        // clap_mangen calls this EXTRA; what the commands put there is notes and examples.
        let mut extra = Vec::new();
        man.render_extra_section(&mut extra)?;
        let extra = String::from_utf8_lossy(&extra).replacen(".SH EXTRA", ".SH NOTES", 1);
        page.extend_from_slice(extra.as_bytes());
    }
    if root {
        page.extend_from_slice(ROOT_SECTIONS.as_bytes());
    } else {
        writeln!(page, ".SH \"SEE ALSO\"\n\\fBfolio\\fR(1)")?;
    }
    Ok(ascii(&String::from_utf8_lossy(&page)).into_bytes())
}

/// Non-ASCII characters as roff escapes (`\[u00E9]`), so groff reads the page without a
/// preprocessor whatever its locale (help texts hold accents and Chinese examples).
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// The sections of folio(1) that clap does not know about; docs/cli.md says the same at length.
const ROOT_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBFOLIO_BOOK\fR
The book's directory, when \fB\-\-book\fR is not given.
.TP
\fBFOLIO_FORMAT\fR
The default \fB\-\-format\fR: table, csv or json.
.TP
\fBFOLIO_CONFIG\fR
The user config file (empty: none).
.TP
\fBFOLIO_PAGER\fR, \fBPAGER\fR
The pager of \fB\-\-pager\fR (default: less \-FRX).
.TP
\fBNO_COLOR\fR
When set and not empty, no colour unless \fB\-\-color always\fR.
.TP
\fBCOLUMNS\fR
The width tables are fitted to.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/folio/config.toml\fR, else \fI~/.config/folio/config.toml\fR
Defaults set once: book, format, color, as_of, pager.
Precedence: flag, then environment, then the book found from the current directory, then this file, then the built-in default.
.TP
\fIfolio.toml\fR, \fIcontacts/*.toml\fR, \fIjournal/*.journal\fR
The book (\fBfolio help format\fR).
.SH "EXIT STATUS"
.TP
0
Success.
.TP
1
A condition asked for: \fB\-\-fail\-on\fR, \fBcheck \-\-strict\fR, \fBfmt \-\-check\fR.
.TP
2
Usage error.
.TP
65
Invalid book data.
.TP
66
Book or input not found.
.TP
74
I/O error.
.TP
75
Lock not obtained in time.
.SH "SEE ALSO"
\fBfolio help format\fR, \fBfolio help allocation\fR, \fBfolio help exit\-codes\fR, \fBfolio help config\fR
"#;
