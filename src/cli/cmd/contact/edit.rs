//! `folio contact edit`: the file in $VISUAL or $EDITOR, saved only when valid.

use super::IdArgs;
use super::file::{contact_file, read};
use crate::book::{Location, edit};
use crate::error::{Error, Result};
use crate::fsio;
use crate::output;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;

/// Opens the contact file in an editor and saves the result only when it is valid.
pub(super) fn run(args: &IdArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let file = contact_file(location, &args.id)?;
    let original = read(&file.path)?;
    let before = edit::parse_contact(&original);
    let mut draft = tempfile::Builder::new()
        .prefix(&format!("folio-{}-", args.id))
        .suffix(".toml")
        .tempfile()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    draft
        .write_all(original.as_bytes())
        .map_err(|e| Error::io(draft.path(), e))?;
    draft.flush().map_err(|e| Error::io(draft.path(), e))?;
    let stderr = std::io::stderr();
    let interactive = std::io::stdin().is_terminal() && stderr.is_terminal();
    let edited = loop {
        run_editor(draft.path())?;
        let text = read(draft.path())?;
        match edit::validate(&text, &file.shown, &args.id, before.as_ref()) {
            Ok(_) => break text,
            Err(problems) => {
                let mut err = stderr.lock();
                output::diagnostic::write_all(&problems, &mut err)?;
                if !interactive {
                    return Err(Error::InvalidData(format!(
                        "{} was not changed: the edited file is invalid",
                        file.shown.display()
                    )));
                }
                write!(err, "Edit again? [Y/n] ")?;
                err.flush()?;
                let mut answer = String::new();
                // An answer is a word: a terminal that sends more is not read past a line's worth.
                std::io::stdin()
                    .lock()
                    .take(1024)
                    .read_line(&mut answer)
                    .map_err(|e| Error::io("stdin", e))?;
                if matches!(answer.trim(), "n" | "N" | "no" | "No") {
                    return Err(Error::InvalidData(format!(
                        "{} was not changed: your edit was discarded",
                        file.shown.display()
                    )));
                }
            }
        }
    };
    if edited == original {
        writeln!(out, "{}: no changes", file.shown.display())?;
        return Ok(());
    }
    let _lock = args.lock.acquire(location, "folio contact edit")?;
    if read(&file.path)? != original {
        let kept = draft
            .into_temp_path()
            .keep()
            .map_err(|e| Error::io(std::env::temp_dir(), e.error))?;
        return Err(Error::InvalidData(format!(
            "{} changed while you were editing it; nothing was saved. Your version is in {}",
            file.shown.display(),
            kept.display()
        )));
    }
    fsio::write_atomic(&file.path, edited.as_bytes())?;
    writeln!(out, "{}", file.shown.display())?;
    Ok(())
}

/// Runs $VISUAL, else $EDITOR, else vi on a file. The variable is split on spaces (so
/// `code --wait` works) and run directly, never through a shell.
fn run_editor(path: &Path) -> Result<()> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| Error::io(program, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Condition(format!(
            "the editor `{editor}` failed ({status}); nothing was saved"
        )))
    }
}
