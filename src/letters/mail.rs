//! E-mail: RFC 5322 messages built with `lettre` (its message builder only: folio never opens a
//! network connection) — the text, its HTML alternative and PDF attachments — deterministic
//! message ids and boundaries, and `--send` through a configured program.

use chrono::NaiveDate;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment as Part, Mailbox, Message, MultiPart, SinglePart};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

/// A sender or recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    /// Display name (encoded in the header when it is not ASCII).
    pub name: String,
    /// Address; written with its domain in ASCII (punycode), refused when the part before @ is not
    /// ASCII (identifiers::email::ascii_address).
    pub email: String,
}

impl Party {
    fn mailbox(&self, role: &str) -> Result<Mailbox, String> {
        // A line break in a header would start another header (`Bcc:`): never built.
        crate::text::check_line(&self.name)
            .map_err(|why| format!("invalid {role} name: it holds {why}"))?;
        let written = self.email.trim();
        // Headers stay ASCII (RFC 5322): an internationalised domain goes in as punycode, a
        // non-ASCII part before @ is refused rather than written raw.
        let address = crate::identifiers::email::ascii_address(written)
            .map_err(|why| format!("invalid {role} address `{written}`: {why}"))?
            .parse()
            .map_err(|e| format!("invalid {role} address `{written}`: {e}"))?;
        Ok(Mailbox::new(Some(self.name.clone()), address))
    }
}

/// A file attached to a message (a PDF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attachment {
    /// The file name the recipient sees, e.g. `INV-2026-0011.pdf`.
    pub name: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// What goes into one message.
#[derive(Debug, Clone)]
pub(crate) struct Envelope<'a> {
    /// `From:`.
    pub from: &'a Party,
    /// `To:`.
    pub to: &'a Party,
    /// `Subject:` (encoded when it is not ASCII).
    pub subject: &'a str,
    /// The plain-text body.
    pub body: &'a str,
    /// The same body as an HTML page (the `text/html` alternative).
    pub html: &'a str,
    /// PDFs, attached in this order after the text.
    pub attachments: &'a [Attachment],
    /// `Date:`.
    pub date: SystemTime,
    /// `Message-ID:`, with its angle brackets.
    pub message_id: &'a str,
}

/// Builds the message: UTF-8, encoded headers, `multipart/mixed` of a `multipart/alternative`
/// (the `text/plain; charset=utf-8` body, then its `text/html` page; each 7bit, quoted-printable
/// or base64, whichever fits best) and the attachments (`application/pdf`, base64), CRLF line
/// endings; without attachments, the `multipart/alternative` alone. The boundaries derive from
/// the message id and the text, so the same message is the same bytes. It carries
/// `Auto-Submitted: auto-generated` (RFC 3834) so auto-responders do not answer it.
pub(crate) fn build(envelope: &Envelope<'_>) -> Result<Vec<u8>, String> {
    crate::text::check_line(envelope.subject)
        .map_err(|why| format!("invalid subject: it holds {why}"))?;
    let seal = boundary_seal(envelope);
    let alternative = MultiPart::alternative()
        .boundary(format!("=_folio_alt_{seal}"))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(crlf(envelope.body)),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(crlf(envelope.html)),
        );
    let body = if envelope.attachments.is_empty() {
        alternative
    } else {
        let pdf = ContentType::parse("application/pdf")
            .map_err(|e| format!("cannot build the message: {e}"))?;
        let mut mixed = MultiPart::mixed()
            .boundary(format!("=_folio_mix_{seal}"))
            .multipart(alternative);
        for attachment in envelope.attachments {
            crate::text::check_line(&attachment.name)
                .map_err(|why| format!("invalid attachment name: it holds {why}"))?;
            mixed = mixed.singlepart(
                Part::new(attachment.name.clone()).body(attachment.bytes.clone(), pdf.clone()),
            );
        }
        mixed
    };
    let message = Message::builder()
        .from(envelope.from.mailbox("sender")?)
        .to(envelope.to.mailbox("recipient")?)
        .subject(envelope.subject)
        .date(envelope.date)
        .message_id(Some(envelope.message_id.to_string()))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".to_string(),
        ))
        .multipart(body)
        .map_err(|e| format!("cannot build the message: {e}"))?;
    Ok(message.formatted())
}

/// The part of the boundaries that makes them the message's own: a hash of its id and text. `=_`
/// never occurs in base64 or quoted-printable text, and the text would have to hold its own hash
/// for a boundary to occur in a part written as it is.
fn boundary_seal(envelope: &Envelope<'_>) -> String {
    let mut hash = Fnv::new();
    for text in [envelope.message_id, envelope.body, envelope.html] {
        hash.write(text.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.0)
}

/// `text` with CRLF line endings. lettre would convert a body itself, but by inserting each `\r`
/// in place, which takes time in the square of the length: a letter of a few thousand lines
/// took seconds.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = None;
    for c in text.chars() {
        if c == '\n' && previous != Some('\r') {
            out.push('\r');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// The `Date:` of a message: midnight UTC of `date` when the run has an explicit `--as-of`
/// (so the same run gives the same bytes), else now.
pub(crate) fn date_header(date: NaiveDate, explicit: bool) -> SystemTime {
    if !explicit {
        return SystemTime::now();
    }
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    match u64::try_from(seconds) {
        Ok(s) => SystemTime::UNIX_EPOCH + Duration::from_secs(s),
        Err(_) => SystemTime::UNIX_EPOCH,
    }
}

/// The domain of message ids: that of the sender's address (in punycode when it is
/// internationalised), else `folio.invalid`.
pub(crate) fn id_domain(sender: Option<&str>) -> String {
    sender
        .and_then(|email| crate::identifiers::email::ascii_address(email.trim()).ok())
        .and_then(|email| {
            email
                .rsplit_once('@')
                .map(|(_, domain)| domain.to_ascii_lowercase())
        })
        .filter(|domain| {
            !domain.is_empty()
                && domain
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        })
        .unwrap_or_else(|| "folio.invalid".to_string())
}

/// A message id that depends only on what the message is: `<YYYYMMDD.contact.hash@domain>`, the
/// hash over the book's name, the contact, the date and `parts` (the documents and levels). The
/// same run twice gives the same id; two different messages on one day get different ones.
pub(crate) fn message_id(
    book: &str,
    contact: &str,
    date: NaiveDate,
    parts: &[String],
    domain: &str,
) -> String {
    let mut hash = Fnv::new();
    hash.write(book.as_bytes());
    hash.write(&[0]);
    hash.write(contact.as_bytes());
    hash.write(&[0]);
    hash.write(date.to_string().as_bytes());
    for part in parts {
        hash.write(&[0]);
        hash.write(part.as_bytes());
    }
    // A contact id may hold `..`, which a message id may not: dots become dashes (the hash keeps
    // ids distinct).
    let left = contact.replace('.', "-");
    format!(
        "<{}.{left}.{:016x}@{domain}>",
        date.format("%Y%m%d"),
        hash.0
    )
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Gives one message to the send command on its standard input. The command is run directly
/// from its argument list (no shell), so nothing in a message or a contact can become part of a
/// command. The message is counted as handed over only when the command read all of it and exited
/// with status 0: its standard input is a file rather than a pipe (whose buffer would swallow a
/// short message that a command like `true` never reads), and how far the command read is where
/// that file's shared offset stands once it has exited. Fails when the program cannot be started,
/// left part of the message unread, or exits with a non-zero status; the error says which, with
/// the first line the program wrote to stderr.
pub(crate) fn pipe(argv: &[String], message: &[u8]) -> Result<(), String> {
    use std::io::{Seek, SeekFrom};
    let Some((program, args)) = argv.split_first() else {
        return Err("the send command is empty".to_string());
    };
    let spool = || -> std::io::Result<std::fs::File> {
        let mut file = tempfile::tempfile()?;
        file.write_all(message)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    };
    let mut input = spool().map_err(|e| format!("cannot hold the message for `{program}`: {e}"))?;
    let child_input = input
        .try_clone()
        .map_err(|e| format!("cannot hold the message for `{program}`: {e}"))?;
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::from(child_input))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?
        .wait_with_output()
        .map_err(|e| format!("`{program}` failed: {e}"))?;
    let said = first_line(&output.stderr);
    if !output.status.success() {
        let status = match output.status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_string(),
        };
        return Err(format!("`{program}` {status}{said}"));
    }
    let read = input
        .stream_position()
        .map_err(|e| format!("cannot tell how much `{program}` read: {e}"))?;
    if read < message.len() as u64 {
        return Err(format!(
            "`{program}` exited without reading the whole message ({read} of {} bytes){said}",
            message.len()
        ));
    }
    Ok(())
}

/// `: LINE`, the first non-blank line a program wrote to stderr (cut at 200 characters), or
/// nothing.
fn first_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or(String::new(), |l| {
            let line: String = l.chars().take(200).collect();
            format!(": {line}")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        crate::journal::parser::parse_date(text).unwrap()
    }

    #[test]
    fn bodies_get_crlf_line_endings_once() {
        assert_eq!(crlf("a\nb\r\n\nc"), "a\r\nb\r\n\r\nc");
        assert_eq!(crlf("\n"), "\r\n");
        assert_eq!(crlf("日本\n"), "日本\r\n");
        assert_eq!(crlf(""), "");
    }

    #[test]
    fn message_ids_are_stable_and_distinct() {
        let parts = ["INV-1 1".to_string()];
        let a = message_id("Book", "acme", date("2026-03-10"), &parts, "example.com");
        assert_eq!(
            a,
            message_id("Book", "acme", date("2026-03-10"), &parts, "example.com")
        );
        assert!(
            a.starts_with("<20260310.acme.") && a.ends_with("@example.com>"),
            "{a}"
        );
        let other = message_id(
            "Book",
            "acme",
            date("2026-03-10"),
            &["INV-2 1".into()],
            "example.com",
        );
        assert_ne!(a, other);
        assert_eq!(id_domain(Some("Billing@Example.COM")), "example.com");
        assert_eq!(id_domain(None), "folio.invalid");
        assert_eq!(id_domain(Some("x@bad domain")), "folio.invalid");
        assert_eq!(id_domain(Some("x@café.example")), "xn--caf-dma.example");
    }

    fn headers(from: &str, to: &str) -> Result<String, String> {
        let party = |email: &str| Party {
            name: "Café Léopold".into(),
            email: email.into(),
        };
        let bytes = build(&Envelope {
            from: &party(from),
            to: &party(to),
            subject: "Rappel – facture",
            body: "Bonjour\n",
            html: "<p>Bonjour</p>\n",
            attachments: &[],
            date: SystemTime::UNIX_EPOCH,
            message_id: "<1@example.com>",
        })?;
        let text = String::from_utf8(bytes).unwrap();
        Ok(text.split("\r\n\r\n").next().unwrap_or("").to_string())
    }

    #[test]
    fn attachments_follow_the_text_and_html_and_the_same_message_is_the_same_bytes() {
        let party = Party {
            name: "Atelier".into(),
            email: "billing@example.com".into(),
        };
        let attachments = [
            Attachment {
                name: "reminder-1-2026-03-10.pdf".into(),
                bytes: b"%PDF-1.7 letter".to_vec(),
            },
            Attachment {
                name: "INV-1.pdf".into(),
                bytes: b"%PDF-1.7 invoice".to_vec(),
            },
        ];
        let envelope = Envelope {
            from: &party,
            to: &party,
            subject: "Reminder",
            body: "INV-1 is due\n",
            html: "<pre>INV-1 is due</pre>\n",
            attachments: &attachments,
            date: SystemTime::UNIX_EPOCH,
            message_id: "<1@example.com>",
        };
        let bytes = build(&envelope).unwrap();
        assert_eq!(bytes, build(&envelope).unwrap());
        let text = String::from_utf8(bytes).unwrap();
        let at = |needle: &str| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle}: {text}"))
        };
        assert!(at("multipart/mixed") < at("multipart/alternative"));
        assert!(at("text/plain") < at("text/html"));
        assert!(at("text/html") < at("filename=\"reminder-1-2026-03-10.pdf\""));
        assert!(at("reminder-1-2026-03-10.pdf") < at("filename=\"INV-1.pdf\""));
        let other = build(&Envelope {
            body: "INV-2 is due\n",
            ..envelope.clone()
        })
        .unwrap();
        let boundary = |bytes: &[u8]| {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let start = text.find("=_folio_mix_").unwrap();
            text[start..start + 28].to_string()
        };
        assert_ne!(boundary(text.as_bytes()), boundary(&other));
        let alone = build(&Envelope {
            attachments: &[],
            ..envelope
        })
        .unwrap();
        let alone = String::from_utf8(alone).unwrap();
        assert!(alone.contains("Content-Type: multipart/alternative") && !alone.contains("mixed"));
    }

    #[test]
    fn headers_are_ascii_with_internationalised_domains_in_punycode() {
        let head = headers("billing@example.com", "jean@café.example").unwrap();
        assert!(head.is_ascii(), "{head}");
        assert!(head.contains("<jean@xn--caf-dma.example>"), "{head}");
    }

    #[test]
    fn a_non_ascii_part_before_the_at_is_refused_not_written_raw() {
        let error = headers("billing@example.com", "用户@例子.广告").unwrap_err();
        assert!(
            error.starts_with(
                "invalid recipient address `用户@例子.广告`: the part before @ is not ASCII"
            ),
            "{error}"
        );
        let error = headers("josé@example.com", "ap@example.com").unwrap_err();
        assert!(error.starts_with("invalid sender address"), "{error}");
    }

    #[test]
    fn explicit_dates_are_midnight_utc() {
        let t = date_header(date("1970-01-02"), true);
        assert_eq!(t, SystemTime::UNIX_EPOCH + Duration::from_secs(86_400));
    }

    #[cfg(unix)]
    #[test]
    fn a_command_that_does_not_read_the_whole_message_has_not_sent_it() {
        let message = b"Subject: x\r\n\r\nbody\r\n";
        let error = pipe(&["true".into()], message).unwrap_err();
        assert!(
            error.contains("without reading the whole message (0 of"),
            "{error}"
        );
        let dd = ["dd", "bs=1", "count=3", "of=/dev/null", "status=none"].map(String::from);
        let error = pipe(&dd, message).unwrap_err();
        assert!(error.contains("(3 of"), "{error}");
        assert!(
            pipe(
                &["sh".into(), "-c".into(), "cat >/dev/null".into()],
                message
            )
            .is_ok()
        );
        // Much more than a pipe's buffer, read whole.
        assert!(pipe(&["wc".into(), "-c".into()], &vec![b'x'; 1 << 20]).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_command_is_an_error() {
        assert!(pipe(&["cat".into()], b"x").is_ok());
        let error = pipe(&["false".into()], b"x").unwrap_err();
        assert!(error.contains("exited with status 1"), "{error}");
        let error = pipe(&["/nonexistent/sendmail".into()], b"x").unwrap_err();
        assert!(error.starts_with("cannot run"), "{error}");
        let error = pipe(
            &[
                "sh".into(),
                "-c".into(),
                "echo no route >&2; exit 75".into(),
            ],
            b"x",
        )
        .unwrap_err();
        assert!(
            error.ends_with("exited with status 75: no route"),
            "{error}"
        );
    }
}
