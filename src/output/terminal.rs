//! What folio knows about the terminal it runs in, decided once by the dispatcher: whether
//! stderr may be coloured, whether progress may be shown (`--quiet`), and how wide stdout is.
//!
//! The flags are process-wide because stderr is: a diagnostic or a progress bar written deep in
//! a command must follow the same `--color` and `--quiet` as the rest, without every command
//! passing them along. Unit tests leave them at their defaults (no colour, not quiet).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

static STDERR_COLOR: AtomicBool = AtomicBool::new(false);
static QUIET: AtomicBool = AtomicBool::new(false);

/// Sets whether diagnostics on stderr are coloured.
pub fn set_stderr_color(color: bool) {
    STDERR_COLOR.store(color, Ordering::Relaxed);
}

/// Whether diagnostics on stderr are coloured.
pub fn stderr_color() -> bool {
    STDERR_COLOR.load(Ordering::Relaxed)
}

/// Sets `--quiet`: no progress bars.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Whether the `NO_COLOR` convention (<https://no-color.org>) asks for no colour: set and not
/// empty.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether `stream` gets colour for a choice of `always`, `never` or `auto` (`None`): auto means
/// on a terminal, unless `NO_COLOR` is set.
pub fn color_for(choice: Option<bool>, is_terminal: bool) -> bool {
    choice.unwrap_or_else(|| is_terminal && !no_color_env())
}

/// The width tables should fit: `$COLUMNS` when set to a number, else the terminal's when stdout
/// is one; `None` (no limit) in pipes and files, so scripts get whole lines.
pub fn table_width() -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
    {
        return Some(columns);
    }
    if std::io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(width, _)| width.0)
    } else {
        None
    }
}

/// Writes `folio: note: MESSAGE` on stderr: something the reader of stdout should know that is
/// neither a warning nor part of the output (the columns a table left out to fit).
pub fn note(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "folio: note: {message}");
}

/// Wraps `text` in an SGR colour sequence when `color` is on.
pub fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// A writer for text meant for people (statements, contact cards, letters shown with
/// `--dry-run`): what goes through it is written with [`crate::text::visible`], so a name or a
/// memo holding escape sequences or bidirectional overrides is shown, not obeyed. Tables escape
/// their cells themselves ([`super::table`]); CSV and JSON are written as they are.
pub struct Visible<'a> {
    inner: &'a mut dyn std::io::Write,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<'a> Visible<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a mut dyn std::io::Write) -> Visible<'a> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }
}

impl std::io::Write for Visible<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits for the next write.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..whole]);
        self.inner
            .write_all(crate::text::visible(&text).as_bytes())?;
        self.pending.drain(..whole);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner
                .write_all(crate::text::visible(&text).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl Drop for Visible<'_> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn paint_only_when_asked() {
        assert_eq!(paint("error", "1;31", false), "error");
        assert_eq!(paint("error", "1;31", true), "\x1b[1;31merror\x1b[0m");
    }

    #[test]
    fn explicit_choices_win_over_the_terminal() {
        assert!(color_for(Some(true), false));
        assert!(!color_for(Some(false), true));
        assert!(!color_for(None, false));
    }

    #[test]
    fn visible_text_escapes_control_characters_split_across_writes() {
        let mut out = Vec::new();
        {
            let mut visible = Visible::new(&mut out);
            let text = "Caf\u{e9} \u{1b}[31mred\u{202e} 北京\n";
            for byte in text.as_bytes() {
                visible.write_all(std::slice::from_ref(byte)).unwrap();
            }
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Caf\u{e9} \\u{1b}[31mred\\u{202e} 北京\n"
        );
    }
}
