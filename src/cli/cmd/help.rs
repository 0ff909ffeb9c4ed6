//! `folio help [COMMAND...|TOPIC]`: a command's full help, or a topic from docs/.

use crate::cli::Context;
use crate::cli::help;
use crate::error::{Error, Result};
use std::io::Write;

/// Arguments of `folio help`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A topic is a page of docs/ (or a section of one) built into folio; `folio help TOPIC` prints the \
same text as the file.\n\n\
Examples:\n  folio help aging\n  folio help credit check\n  folio help exit-codes\n  \
folio --pager help format")]
pub struct Args {
    /// A command, with its subcommands (`credit check`), or a topic (see `folio help`).
    #[arg(value_name = "COMMAND|TOPIC")]
    words: Vec<String>,
}

/// Prints the help of a command (with `color`, ANSI styles) or a topic.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let color = context.style().color;
    let mut command = crate::cli::command();
    command.build();
    if let [word] = args.words.as_slice()
        && let Some(topic) = help::find(word)
    {
        out.write_all(topic.text().as_bytes())?;
        return Ok(());
    }
    let mut current = &command;
    for word in &args.words {
        current = current
            .find_subcommand(word)
            .ok_or_else(|| unknown(word, current))?;
    }
    let help = current.clone().render_long_help();
    let text = if color {
        help.ansi().to_string()
    } else {
        help.to_string()
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn unknown(word: &str, parent: &clap::Command) -> Error {
    let commands: Vec<&str> = parent
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    let topics = help::TOPICS.iter().map(|t| t.name);
    let candidates: Vec<&str> =
        if parent.get_bin_name() == Some("folio") || parent.get_name() == "folio" {
            commands.iter().copied().chain(topics).collect()
        } else {
            commands.clone()
        };
    let near = crate::diagnostic::did_you_mean(word, candidates.iter().copied());
    Error::Usage(match near {
        Some(near) => format!("no command or help topic `{word}`; did you mean `{near}`?"),
        None => {
            format!("no command or help topic `{word}`; `folio help` lists the commands and topics")
        }
    })
}
