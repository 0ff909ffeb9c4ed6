//! `folio remind`: courtesy notices and dunning letters, listed, written or sent; and the
//! statement letters of `folio statement --letter`.

use crate::book::Book;
use crate::book::lock::{self, BookLock};
use crate::book::sends::{self, Channel, Send};
use crate::cli::Context;
use crate::cli::settings::ReportArgs;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::journal::Side;
use crate::ledger::Ledger;
use crate::letters::Letters;
use crate::letters::outgoing::{self, Outgoing, compose_reminder};
use crate::output::{self};
use crate::report::remind::{self, Delivery, RemindTable};
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `folio remind`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Without --write or --send, lists every item to remind of today: courtesy notices \
(due-soon), the next dunning level, what was last sent, and contracts in their notice window.\n\n\
--write DIR writes one message per contact (.eml with e-mail: text and HTML, the letter and each \
overdue invoice attached as PDFs; without e-mail, a .txt letter with those PDFs beside it) and \
records each item and level in dunning.journal; --send pipes each e-mail to [dunning] send_command \
(default: sendmail -t -i) and records it once the command succeeds. A level is never sent twice.\n\n\
Exit codes: 0 ok, 65 invalid book or template, 74 a message could not be written or sent (it is not \
recorded and will be tried again), 75 the book is locked.\n\n\
Sending: `folio remind --send`, typically from cron once a day.\n\n\
Examples:\n  folio --book examples/demo remind --as-of 2026-11-25\n  \
folio --book examples/demo remind --as-of 2026-11-25 --write outbox --dry-run"
)]
pub struct Args {
    /// Only this contact.
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    /// Write the messages into DIR (created if needed) and record them.
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
    /// Pipe each e-mail to the send command and record it once the command succeeds.
    #[arg(long)]
    send: bool,
    /// Show what would be written or sent; write, send and record nothing.
    #[arg(long)]
    dry_run: bool,
    /// Seconds to wait for the book's lock when recording.
    #[arg(long, value_name = "SECONDS", value_parser = lock::parse_timeout, default_value = "10")]
    lock_timeout: Duration,
    #[command(flatten)]
    report: ReportArgs,
}

/// Lists, writes or sends the reminders.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let as_of = args.report.as_of();
    let contact = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    let acting = (args.write.is_some() || args.send) && !args.dry_run;
    // Held from reading the dunning journal to recording the last message, so two runs at once
    // can never send the same level twice.
    let _lock = if acting {
        Some(BookLock::acquire(
            &book.root,
            args.lock_timeout,
            "folio remind",
        )?)
    } else {
        None
    };
    let (log, diagnostics) = sends::read(&book.root)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    let ledger = Ledger::build(book, Side::Receivables, as_of, false);
    let report = remind::remind(book, &ledger, &log, contact);
    if args.write.is_none() && !args.send && !args.dry_run {
        let table = RemindTable {
            report: &report,
            book,
        };
        output::render(&table, args.report.format(), args.report.style(style), out)?;
        return Ok(());
    }

    // Every message is built before the first one leaves, so a template error or a bad address
    // stops the run with nothing half done.
    let explicit = args.report.as_of.is_some();
    let letters = Letters::new(&book.root);
    let mut outgoing = Vec::new();
    for reminder in &report.reminders {
        outgoing.push(compose_reminder(book, &letters, reminder, as_of, explicit)?);
    }
    crate::cli::common::warn_outgoing(&outgoing);
    if outgoing.is_empty() {
        writeln!(out, "nothing to send as of {as_of}")?;
        return Ok(());
    }
    if args.dry_run {
        return show(&outgoing, args, book, out);
    }
    deliver(&outgoing, args, book, out)
}

/// `--dry-run`: each message as it would go, and where.
fn show(outgoing: &[Outgoing], args: &Args, book: &Book, out: &mut dyn Write) -> Result<()> {
    let command = book.config.dunning.send_command.join(" ");
    for message in outgoing {
        let target = match (&args.write, message.delivery, args.send) {
            (Some(dir), Delivery::Letter, _) | (Some(dir), Delivery::Email, false) => {
                format!("would write {}", dir.join(&message.file_name).display())
            }
            (Some(dir), Delivery::Email, true) => format!(
                "would write {} and send it with `{command}`",
                dir.join(&message.file_name).display()
            ),
            (None, Delivery::Email, true) => format!("would send with `{command}`"),
            (None, Delivery::Letter, true) => {
                "would not send: no e-mail address (use --write DIR for a printable letter)"
                    .to_string()
            }
            (None, _, false) => format!("would write {}", message.file_name),
        };
        let levels: Vec<String> = message
            .sends
            .iter()
            .map(|s| format!("{} {}", s.document, s.level.as_text()))
            .collect();
        let out = &mut crate::output::terminal::Visible::new(out);
        writeln!(out, "# {}: {target}", message.contact)?;
        writeln!(out, "# {} ({})", message.template, levels.join(", "))?;
        if !message.pdfs.is_empty() {
            let names: Vec<&str> = message
                .pdfs
                .iter()
                .map(|pdf| pdf.attachment.name.as_str())
                .collect();
            writeln!(out, "# PDF: {}", names.join(", "))?;
        }
        if let Some(to) = &message.to {
            writeln!(out, "To: {to}")?;
            writeln!(out, "Subject: {}", message.subject)?;
            writeln!(out)?;
        }
        write!(out, "{}", message.text)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "dry run: {} message(s); nothing was written, sent or recorded",
        outgoing.len()
    )?;
    Ok(())
}

/// Writes and sends each message, recording it as soon as it has gone. A message whose send
/// command fails is reported and left unrecorded; the others still go. Ends with an I/O error
/// (exit 74) when any message failed.
fn deliver(outgoing: &[Outgoing], args: &Args, book: &Book, out: &mut dyn Write) -> Result<()> {
    let command = &book.config.dunning.send_command;
    let program = command.first().cloned().unwrap_or_default();
    let stderr = std::io::stderr();
    let (mut recorded, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let label = if args.send { "sending" } else { "writing" };
    let progress = crate::output::progress::bar_from(outgoing.len() as u64, label, 20);
    // Reminder fees booked as debit notes (`book_fee`), in the book read again under the lock;
    // checked before the first message goes.
    let fee_book = crate::record::charges::fee_book(book)?;
    let mut fees = fee_book
        .as_ref()
        .map(crate::record::charges::Run::new)
        .transpose()?;
    for message in outgoing {
        progress.inc(1);
        let mut channel = None;
        let mut written = None;
        if let Some(dir) = &args.write {
            written = Some(outgoing::write(message, dir)?);
            channel = Some(match message.delivery {
                Delivery::Email => Channel::Eml,
                Delivery::Letter => Channel::Letter,
            });
        }
        if args.send && message.delivery == Delivery::Email {
            if let Err(why) = outgoing::send(message, command) {
                failed += 1;
                let _ = writeln!(
                    stderr.lock(),
                    "folio: error: {}: not sent: {why}; not recorded, it will be tried again",
                    message.contact
                );
                continue;
            }
            channel = Some(Channel::Email);
        }
        let Some(channel) = channel else {
            skipped += 1;
            writeln!(
                out,
                "skipped {}: no e-mail address; use --write DIR for a printable letter",
                message.contact
            )?;
            continue;
        };
        let lines: Vec<Send> = message
            .sends
            .iter()
            .map(|send| Send {
                channel,
                ..send.clone()
            })
            .collect();
        sends::append(&book.root, &lines).inspect_err(|_| {
            let _ = writeln!(
                stderr.lock(),
                "folio: error: the message to {} went out but could not be recorded in {}",
                message.contact,
                sends::SENDS_FILE
            );
        })?;
        recorded += 1;
        let what = match (channel, &written) {
            (Channel::Email, _) => format!("sent to {}", message.to.as_deref().unwrap_or("")),
            (_, Some(path)) => format!("wrote {}", path.display()),
            (_, None) => String::new(),
        };
        let levels: Vec<String> = lines
            .iter()
            .map(|s| format!("{} {}", s.document, s.level.as_text()))
            .collect();
        writeln!(out, "{}: {what} ({})", message.contact, levels.join(", "))?;
        if let (Some(fees), Some(fee_book)) = (fees.as_mut(), &fee_book) {
            for id in fees.book_fees(fee_book, &lines)? {
                writeln!(out, "{}: fee booked as {id}", message.contact)?;
            }
        }
    }
    progress.finish();
    writeln!(
        out,
        "{recorded} message(s) recorded in {}{}{}",
        sends::SENDS_FILE,
        if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        },
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    )?;
    if failed > 0 {
        return Err(Error::io(
            program,
            std::io::Error::other(format!(
                "{failed} of {} message(s) could not be sent; they were not recorded and will be tried again on the next run",
                outgoing.len()
            )),
        ));
    }
    Ok(())
}
