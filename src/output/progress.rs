//! Progress bars for long work (imports, reconcile, sending reminders): on stderr, only when
//! stderr is a terminal and `--quiet` was not given, so pipes, files and CI logs stay clean.
//!
//! ```no_run
//! let bar = folio::output::progress::bar(1_000, "importing");
//! for _ in 0..1_000 {
//!     bar.inc(1);
//! }
//! bar.finish();
//! ```

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// The fewest steps worth a bar: shorter work finishes before a bar would be seen.
pub const MIN_STEPS: u64 = 200;

/// A progress bar of `len` steps labelled `label`, hidden in pipes, with `--quiet`, or for fewer
/// than [`MIN_STEPS`] steps. A hidden bar accepts every call and draws nothing.
pub fn bar(len: u64, label: &str) -> Progress {
    bar_from(len, label, MIN_STEPS)
}

/// A progress bar shown from `min_steps` steps on: fewer for slow steps (sending an e-mail
/// through a command) than for rows.
pub fn bar_from(len: u64, label: &str, min_steps: u64) -> Progress {
    Progress(if visible(len, min_steps) {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(label.to_string());
        bar
    } else {
        ProgressBar::hidden()
    })
}

fn visible(len: u64, min_steps: u64) -> bool {
    len >= min_steps && !super::terminal::quiet() && std::io::stderr().is_terminal()
}

/// A progress bar that may be hidden.
#[derive(Debug, Clone)]
pub struct Progress(ProgressBar);

impl Progress {
    /// Advances by `steps`.
    pub fn inc(&self, steps: u64) {
        self.0.inc(steps);
    }

    /// Shows a short message after the counts (e.g. the contact being processed).
    pub fn message(&self, message: impl Into<String>) {
        self.0.set_message(message.into());
    }

    /// Prints a line above the bar (or plainly on stderr when hidden and not quiet).
    pub fn println(&self, line: impl AsRef<str>) {
        if self.0.is_hidden() {
            if !super::terminal::quiet() {
                let _ = writeln_stderr(line.as_ref());
            }
        } else {
            self.0.println(line);
        }
    }

    /// Removes the bar from the screen: the work is done.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }

    /// Whether the bar draws anything.
    pub fn is_visible(&self) -> bool {
        !self.0.is_hidden()
    }
}

fn writeln_stderr(line: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(std::io::stderr().lock(), "{line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_work_has_no_bar() {
        let bar = bar(3, "test");
        assert!(!bar.is_visible());
        bar.inc(3);
        bar.finish();
    }
}
