//! `folio check`.

use crate::cli::Context;
use crate::error::{Error, Result};
use std::io::Write;

/// Arguments of `folio check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 valid, 65 errors found, 1 warnings found with --strict.\n\nExamples:\n  folio --book examples/demo check\n  folio --book examples/demo check --strict\n  folio --book examples/demo check --format json"
)]
pub struct Args {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    strict: bool,
    /// text: each problem on stderr as path:line:column, a summary on stdout; json: every
    /// problem on stdout as a JSON array of {file, line, column, severity, code, message}.
    // Its own id: the user config's `format` default is for reports, not for this list.
    #[arg(id = "check_format", long = "format", value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

/// `--format` of `folio check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    /// For people and editors.
    Text,
    /// For programs.
    Json,
}

/// Validates the whole book, prints every problem to stderr and a summary to stdout.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let (book, diagnostics) = crate::checks::load(location)?;
    let book = crate::cli::keep_until_exit(book);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if args.format == CheckFormat::Json {
        crate::output::diagnostic::write_json(&diagnostics, out)?;
        return if errors > 0 {
            Err(Error::InvalidBook(Vec::new()))
        } else if args.strict && warnings > 0 {
            Err(Error::Condition(String::new()))
        } else {
            Ok(())
        };
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    err.write_all(&rendered(&diagnostics)?)?;
    if errors > 0 {
        writeln!(err, "{errors} error(s), {warnings} warning(s)")?;
        // Already printed above; the empty list only carries the exit code.
        return Err(Error::InvalidBook(Vec::new()));
    }
    // A book without rates keeps the summary it always had.
    let rates = match book.rates.len() {
        0 => String::new(),
        quotes => format!(", {quotes} exchange rate(s)"),
    };
    writeln!(
        out,
        "ok: {} contacts, {} entries in {} journal file(s){rates}, {warnings} warning(s)",
        book.contacts.len(),
        book.entries.len(),
        book.sources.len()
    )?;
    if args.strict && warnings > 0 {
        return Err(Error::Condition(String::new()));
    }
    Ok(())
}

/// Every diagnostic as text, in order: rendered on all cores into one buffer, so a book with
/// thousands of warnings is written in a few calls instead of several per warning (stderr is
/// unbuffered).
fn rendered(diagnostics: &[crate::diagnostic::Diagnostic]) -> std::io::Result<Vec<u8>> {
    use rayon::prelude::*;
    let parts = diagnostics
        .par_iter()
        .map(|diagnostic| {
            let mut part = Vec::new();
            crate::output::diagnostic::write(diagnostic, &mut part).map(|()| part)
        })
        .collect::<std::io::Result<Vec<Vec<u8>>>>()?;
    Ok(parts.concat())
}
