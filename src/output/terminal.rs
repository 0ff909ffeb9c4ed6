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

/// Wraps `text` in an SGR colour sequence when `color` is on.
pub fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
