//! `--pager`: long output through a pager, as git does, only when asked and only on a terminal.
//!
//! The pager is `$FOLIO_PAGER`, else the user config's `pager`, else `$PAGER`, else `less -FRX`
//! (quit when the output fits one screen, keep colours, leave the text on the screen). The
//! command is split into words on whitespace and started directly, never through a shell. An
//! empty value or `cat` means no pager.

use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};

/// The pager command as words, or `None` for no pager, from the configured value (user config)
/// and the environment.
pub fn command(configured: Option<&str>) -> Option<Vec<String>> {
    let env = |name: &str| std::env::var(name).ok();
    let chosen = env("FOLIO_PAGER")
        .or_else(|| configured.map(str::to_string))
        .or_else(|| env("PAGER"))
        .unwrap_or_else(|| "less -FRX".to_string());
    let words: Vec<String> = chosen.split_whitespace().map(str::to_string).collect();
    match words.first().map(String::as_str) {
        None | Some("cat") => None,
        Some(_) => Some(words),
    }
}

/// A running pager; what is written goes to its standard input.
pub struct Pager {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Pager {
    /// Starts the pager. `less` without options gets `LESS=FRX` unless `LESS` is set, like git.
    pub fn spawn(words: &[String]) -> std::io::Result<Pager> {
        let (program, args) = words
            .split_first()
            .ok_or_else(|| std::io::Error::other("empty pager command"))?;
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            command.env("LESS", "FRX");
        }
        let mut child = command.spawn()?;
        let stdin = child.stdin.take();
        Ok(Pager { child, stdin })
    }

    /// Closes the pager's input and waits until the person quits it.
    pub fn finish(mut self) -> std::io::Result<()> {
        drop(self.stdin.take());
        self.child.wait().map(drop)
    }
}

impl Write for Pager {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.stdin {
            Some(stdin) => stdin.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.stdin {
            Some(stdin) => stdin.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_pager_splits_into_words_and_cat_means_none() {
        // FOLIO_PAGER and PAGER may be set where the tests run; only check the words.
        if std::env::var_os("FOLIO_PAGER").is_some() {
            return;
        }
        assert_eq!(
            command(Some("most  -s")),
            Some(vec!["most".to_string(), "-s".to_string()])
        );
        assert_eq!(command(Some("cat")), None);
        assert_eq!(command(Some("")), None);
    }
}
