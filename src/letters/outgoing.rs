//! Messages ready to go: a rendered reminder or statement built into an RFC 5322 e-mail (for a
//! contact with an address) or a plain letter (without one), named for the folder it is written
//! to. The command line decides whether they are shown, written or sent.

use super::mail::{self, Envelope, Party};
use super::{Letters, Rendered, context};
use crate::book::Book;
use crate::book::sends::{Channel, Send};
use crate::error::{Error, Result};
use crate::report::remind::{self, Delivery, Reminder};
use crate::report::statement::Statement;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One message ready to go.
pub(crate) struct Outgoing {
    /// Contact id.
    pub contact: String,
    /// E-mail or letter.
    pub delivery: Delivery,
    /// The file name in `--write DIR`.
    pub file_name: String,
    /// The recipient's address (e-mails).
    pub to: Option<String>,
    /// The template file used.
    pub template: String,
    /// Subject line.
    pub subject: String,
    /// What a person reads: the body of an e-mail, the whole text of a letter.
    pub text: String,
    /// What is written or sent: the RFC 5322 message, or the letter's text.
    pub bytes: Vec<u8>,
    /// The lines to record, channel to be set when delivered.
    pub sends: Vec<Send>,
    /// The Message-ID (of the e-mail, or the one the letter would have had).
    pub message_id: String,
}

/// The `From:` of e-mails: `[company] email`, required to write or send e-mails.
fn sender(book: &Book) -> Result<Party> {
    match book.config.company.email.as_deref().map(str::trim) {
        Some(email) if !email.is_empty() => Ok(Party {
            name: crate::template::party::company_name(book),
            email: email.to_string(),
        }),
        _ => Err(Error::InvalidData(
            "e-mails need a sender: set `email` under [company] in folio.toml, e.g. email = \"billing@example.com\""
                .to_string(),
        )),
    }
}

/// Renders one reminder and builds its message.
pub(crate) fn compose_reminder(
    book: &'static Book,
    letters: &Letters,
    reminder: &Reminder,
    as_of: NaiveDate,
    explicit: bool,
) -> Result<Outgoing> {
    let person = &book.contacts[reminder.contact as usize];
    let letter = reminder.delivery == Delivery::Letter;
    let language = letters.language(book, &reminder.language);
    let values = context::reminder(book, reminder, &language, as_of, letter);
    let rendered = letters.render(&reminder.template, &language, &values)?;
    let parts: Vec<String> = reminder
        .items
        .iter()
        .filter_map(|item| {
            item.send
                .map(|level| format!("{} {}", item.document(book), level.as_text()))
        })
        .collect();
    let domain = mail::id_domain(book.config.company.email.as_deref());
    let message_id = mail::message_id(&book.config.name, &person.id, as_of, &parts, &domain);
    let sends = reminder
        .items
        .iter()
        .filter_map(|item| {
            item.send.map(|level| Send {
                date: as_of,
                contact: person.id.clone(),
                document: item.document(book).to_string(),
                level,
                channel: Channel::Eml,
                message_id: message_id.clone(),
                line: 0,
            })
        })
        .collect();
    let stem = format!("{as_of}-{}-{}", person.id, reminder.template);
    let mut message = compose(
        book,
        letters,
        reminder.contact,
        &language,
        &values,
        rendered,
        Dated {
            date: as_of,
            explicit,
            message_id: &message_id,
        },
        &stem,
    )?;
    message.sends = sends;
    Ok(message)
}

/// When a message is dated and what it is called.
pub(crate) struct Dated<'a> {
    /// The day of the message.
    pub date: NaiveDate,
    /// Whether the day was given (`--as-of`), so the Date header is that day, not now.
    pub explicit: bool,
    /// The Message-ID.
    pub message_id: &'a str,
}

/// Builds the e-mail (to the billing person's address, else the contact's) or the letter (when
/// neither has one).
#[allow(clippy::too_many_arguments)]
fn compose(
    book: &Book,
    letters: &Letters,
    contact: u32,
    language: &str,
    values: &minijinja::Value,
    rendered: Rendered,
    dated: Dated<'_>,
    stem: &str,
) -> Result<Outgoing> {
    let person = &book.contacts[contact as usize];
    // To the billing person when the contact names one with an address.
    let recipient = person.billing_email();
    let Rendered {
        file,
        subject,
        body,
    } = rendered;
    match recipient {
        Some((name, address)) => {
            let from = sender(book)?;
            let to = Party {
                name: name.to_string(),
                email: address.to_string(),
            };
            let bytes = mail::build(&Envelope {
                from: &from,
                to: &to,
                subject: &subject,
                body: &body,
                date: mail::date_header(dated.date, dated.explicit),
                message_id: dated.message_id,
            })
            .map_err(|why| Error::InvalidData(format!("contact `{}`: {why}", person.id)))?;
            Ok(Outgoing {
                contact: person.id.clone(),
                delivery: Delivery::Email,
                file_name: format!("{stem}.eml"),
                to: Some(address.to_string()),
                template: file,
                subject,
                text: body,
                bytes,
                sends: Vec::new(),
                message_id: dated.message_id.to_string(),
            })
        }
        None => {
            let head = letters.letterhead(language, values)?;
            let text = format!("{head}\n\n{subject}\n\n{body}");
            Ok(Outgoing {
                contact: person.id.clone(),
                delivery: Delivery::Letter,
                file_name: format!("{stem}.txt"),
                to: None,
                template: file,
                subject,
                bytes: text.clone().into_bytes(),
                text,
                sends: Vec::new(),
                message_id: dated.message_id.to_string(),
            })
        }
    }
}

/// `dir/name`, or `dir/stem-2.ext`, `-3`, ... when a file of that name is already there.
pub(crate) fn free_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

/// The statement letter of `contact`, as [`compose`] builds it: an e-mail when the contact has an
/// address, else a letter. Statement letters are not dunning: they record nothing. The book is
/// kept until the process ends: the template reads the statement's lines from it as it goes.
pub(crate) fn statement(
    book: &'static Book,
    contact: u32,
    statement: Statement,
    explicit: bool,
) -> Result<Outgoing> {
    let letters = Letters::new(&book.root);
    let language = letters.language(book, &remind::language_of(book, contact));
    let person = &book.contacts[contact as usize];
    let to = statement.to;
    let letter = person.billing_email().is_none();
    let values = context::statement(book, contact, statement, &language, letter);
    let rendered = letters.render("statement", &language, &values)?;
    let domain = mail::id_domain(book.config.company.email.as_deref());
    let message_id = mail::message_id(
        &book.config.name,
        &person.id,
        to,
        &["statement".to_string()],
        &domain,
    );
    let stem = format!("{to}-{}-statement", person.id);
    compose(
        book,
        &letters,
        contact,
        &language,
        &values,
        rendered,
        Dated {
            date: to,
            explicit,
            message_id: &message_id,
        },
        &stem,
    )
}

/// The statement letter of `contact` as a person reads it on screen: letterhead, subject, body.
pub(crate) fn statement_text(
    book: &'static Book,
    contact: u32,
    statement: Statement,
) -> Result<String> {
    let letters = Letters::new(&book.root);
    let language = letters.language(book, &remind::language_of(book, contact));
    let values = context::statement(book, contact, statement, &language, true);
    let rendered = letters.render("statement", &language, &values)?;
    let head = letters.letterhead(&language, &values)?;
    Ok(format!(
        "{head}\n\n{}\n\n{}",
        rendered.subject, rendered.body
    ))
}
