//! Messages ready to go: a rendered reminder or statement built into an RFC 5322 e-mail (for a
//! contact with an address) or a plain letter (without one), each with its PDFs — the letter
//! typeset, and for a reminder the invoices it is about — named for the folder it is written to.
//! The command line decides whether they are shown, written or sent; [`write()`] and [`send`] are
//! how both `folio remind` and `folio statement` deliver one.

use super::mail::{self, Attachment, Envelope, Party};
use super::{Letters, Rendered, context, html};
use crate::book::Book;
use crate::book::sends::{Channel, Send};
use crate::document::pdf::{self, LetterText};
use crate::document::render::Renderer;
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
    /// The PDFs: the letter first, then the invoices. An e-mail carries them as attachments (under
    /// their `name`); a letter's are written beside it ([`Pdf::beside`]).
    pub pdfs: Vec<Pdf>,
    /// What could not be attached and why (no font for a PDF): said on stderr, the message still
    /// goes.
    pub warnings: Vec<String>,
    /// The lines to record, channel to be set when delivered.
    pub sends: Vec<Send>,
    /// The Message-ID (of the e-mail, or the one the letter would have had).
    pub message_id: String,
}

/// A PDF of a message.
pub(crate) struct Pdf {
    /// The file as attached to an e-mail: `reminder-1-2026-02-11.pdf`, `INV-2026-0011.pdf`.
    pub attachment: Attachment,
    /// What follows the letter's file stem when written beside a `.txt` letter: `.pdf` for the
    /// letter, `-INV-2026-0011.pdf` for an invoice.
    pub beside: String,
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
    // The invoices the letter is about: those of the message, and the other overdue ones it
    // mentions.
    let documents: Vec<String> = reminder
        .items
        .iter()
        .chain(reminder.other_items.iter().filter(|i| i.days_past_due > 0))
        .map(|item| item.document(book).to_string())
        .collect();
    let mut message = compose(
        book,
        letters,
        Draft {
            contact: reminder.contact,
            language: &language,
            values: &values,
            rendered,
            dated: Dated {
                date: as_of,
                explicit,
                message_id: &message_id,
            },
            stem: &stem,
            letter_pdf: format!("{}-{as_of}.pdf", reminder.template),
            documents: &documents,
        },
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

/// What a message is made of, before it is built.
struct Draft<'a> {
    /// The contact's index.
    contact: u32,
    /// The letter's language.
    language: &'a str,
    /// What the templates see.
    values: &'a minijinja::Value,
    /// The letter's subject and body.
    rendered: Rendered,
    /// Its date and id.
    dated: Dated<'a>,
    /// The file stem in `--write DIR`.
    stem: &'a str,
    /// The letter PDF's name as an attachment.
    letter_pdf: String,
    /// The documents whose PDFs go with it (those without a document file are left out).
    documents: &'a [String],
}

/// Builds the e-mail (to the billing person's address, else the contact's) or the letter (when
/// neither has one), with its PDFs.
fn compose(book: &Book, letters: &Letters, draft: Draft<'_>) -> Result<Outgoing> {
    let person = &book.contacts[draft.contact as usize];
    // To the billing person when the contact names one with an address.
    let recipient = person.billing_email();
    let Rendered {
        file,
        subject,
        body,
    } = draft.rendered;
    let head = letters.letterhead(draft.language, draft.values)?;
    let mut warnings = Vec::new();
    let pdfs = pdfs(
        book,
        letters,
        &draft.letter_pdf,
        (&head, &subject, &body),
        draft.documents,
        draft.language,
        &mut warnings,
    )?;
    let warnings = warnings
        .into_iter()
        .map(|why| format!("{}: {why}", person.id))
        .collect();
    let Some((name, address)) = recipient else {
        let text = format!("{head}\n\n{subject}\n\n{body}");
        return Ok(Outgoing {
            contact: person.id.clone(),
            delivery: Delivery::Letter,
            file_name: format!("{}.txt", draft.stem),
            to: None,
            template: file,
            subject,
            bytes: text.clone().into_bytes(),
            text,
            pdfs,
            warnings,
            sends: Vec::new(),
            message_id: draft.dated.message_id.to_string(),
        });
    };
    let from = sender(book)?;
    let to = Party {
        name: name.to_string(),
        email: address.to_string(),
    };
    let attachments: Vec<Attachment> = pdfs.iter().map(|pdf| pdf.attachment.clone()).collect();
    let bytes = mail::build(&Envelope {
        from: &from,
        to: &to,
        subject: &subject,
        body: &body,
        html: &html::page(&subject, &body, draft.language),
        attachments: &attachments,
        date: mail::date_header(draft.dated.date, draft.dated.explicit),
        message_id: draft.dated.message_id,
    })
    .map_err(|why| Error::InvalidData(format!("contact `{}`: {why}", person.id)))?;
    Ok(Outgoing {
        contact: person.id.clone(),
        delivery: Delivery::Email,
        file_name: format!("{}.eml", draft.stem),
        to: Some(address.to_string()),
        template: file,
        subject,
        text: body,
        bytes,
        pdfs,
        warnings,
        sends: Vec::new(),
        message_id: draft.dated.message_id.to_string(),
    })
}

/// The PDFs of a message: the letter (`letter_name`: letterhead, subject, body), then each of
/// `documents` that has a document file, rendered as `folio render DOC --format pdf` does. A PDF
/// that no installed font can typeset is left out, with a warning in `warnings`; any other
/// failure (a document that disagrees with its journal line) stops the run.
fn pdfs(
    book: &Book,
    letters: &Letters,
    letter_name: &str,
    (head, subject, body): (&str, &str, &str),
    documents: &[String],
    language: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Pdf>> {
    let mut pdfs = Vec::new();
    let mut keep = |made: Result<Vec<u8>>, name: &str, beside: String| -> Result<()> {
        match made {
            Ok(bytes) => pdfs.push(Pdf {
                attachment: Attachment {
                    name: name.to_string(),
                    bytes,
                },
                beside,
            }),
            Err(e) if pdf::is_missing_font(&e) => warnings.push(format!("{name} left out: {e}")),
            Err(e) => return Err(e),
        }
        Ok(())
    };
    let labels = letters.texts(language)?;
    let letter = LetterText {
        letterhead: head,
        subject,
        body,
    };
    keep(
        pdf::write_letter(&letter, language, &labels),
        letter_name,
        ".pdf".to_string(),
    )?;
    let renderer = Renderer::new(&book.root);
    for id in documents {
        let document = match crate::document::read(&book.root, id) {
            Ok(document) => document,
            Err(Error::NotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        crate::document::check_recorded(book, &document)?;
        let language = renderer.language(&document, book, None)?;
        let labels = renderer.texts(&language)?;
        let made = pdf::write(&document, &language, &labels);
        keep(made, &format!("{id}.pdf"), format!("-{id}.pdf"))?;
    }
    Ok(pdfs)
}

/// Writes `message` into `dir` (created if needed): the `.eml` or `.txt` letter, and beside a
/// letter its PDFs (`STEM.pdf`, `STEM-INV-2026-0011.pdf`). The stem gets `-2`, `-3`, ... rather
/// than overwrite any of these files; the PDFs are written first, so a letter is never there
/// without them. Returns the path of the message.
pub(crate) fn write(message: &Outgoing, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let (stem, extension) = message
        .file_name
        .rsplit_once('.')
        .unwrap_or((message.file_name.as_str(), ""));
    let beside: Vec<&Pdf> = match message.delivery {
        Delivery::Letter => message.pdfs.iter().collect(),
        Delivery::Email => Vec::new(),
    };
    let mut suffixes = vec![format!(".{extension}")];
    suffixes.extend(beside.iter().map(|pdf| pdf.beside.clone()));
    let stem = free_stem(dir, stem, &suffixes);
    for pdf in beside {
        let path = dir.join(format!("{stem}{}", pdf.beside));
        crate::fsio::write_atomic(&path, &pdf.attachment.bytes)?;
    }
    let path = dir.join(format!("{stem}.{extension}"));
    crate::fsio::write_atomic(&path, &message.bytes)?;
    Ok(path)
}

/// Gives an e-mail to the send command ([`mail::pipe`]); a letter cannot be sent.
pub(crate) fn send(message: &Outgoing, command: &[String]) -> std::result::Result<(), String> {
    mail::pipe(command, &message.bytes)
}

/// `stem`, or `stem-2`, `-3`, ...: the first for which no `stem + suffix` is in `dir`.
fn free_stem(dir: &Path, stem: &str, suffixes: &[String]) -> String {
    let free = |candidate: &str| {
        suffixes
            .iter()
            .all(|suffix| !dir.join(format!("{candidate}{suffix}")).exists())
    };
    if free(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| free(candidate))
        .unwrap_or_else(|| stem.to_string())
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
        Draft {
            contact,
            language: &language,
            values: &values,
            rendered,
            dated: Dated {
                date: to,
                explicit,
                message_id: &message_id,
            },
            stem: &stem,
            letter_pdf: format!("statement-{to}.pdf"),
            documents: &[],
        },
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

/// The statement letter of `contact` as a PDF: letterhead, subject, body, as
/// [`statement_text`] prints them.
pub(crate) fn statement_pdf(
    book: &'static Book,
    contact: u32,
    statement: Statement,
) -> Result<Vec<u8>> {
    let letters = Letters::new(&book.root);
    let language = letters.language(book, &remind::language_of(book, contact));
    let values = context::statement(book, contact, statement, &language, true);
    let rendered = letters.render("statement", &language, &values)?;
    let head = letters.letterhead(&language, &values)?;
    let labels = letters.texts(&language)?;
    let letter = LetterText {
        letterhead: &head,
        subject: &rendered.subject,
        body: &rendered.body,
    };
    pdf::write_letter(&letter, &language, &labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_is_free_only_when_none_of_its_files_exist() {
        let dir = tempfile::tempdir().unwrap();
        let suffixes = [".txt".to_string(), "-INV-1.pdf".to_string()];
        assert_eq!(free_stem(dir.path(), "a", &suffixes), "a");
        std::fs::write(dir.path().join("a-INV-1.pdf"), "x").unwrap();
        assert_eq!(free_stem(dir.path(), "a", &suffixes), "a-2");
        std::fs::write(dir.path().join("a-2.txt"), "x").unwrap();
        assert_eq!(free_stem(dir.path(), "a", &suffixes), "a-3");
    }
}
