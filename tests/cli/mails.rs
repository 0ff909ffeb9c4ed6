//! Reminders and statements as people send them: every e-mail is multipart (the text, its HTML
//! alternative, the letter as a PDF, the PDF of each invoice it is about), checked with an
//! independent MIME parser (mail-parser) and the PDFs' text extracted with pdftotext; letters for
//! contacts without e-mail get their PDFs beside them; statements as PDF.
//!
//! The helpers here ([`parse`], [`pdf_text`], [`without_pdf_bodies`]) are shared with the tests of
//! `remind` and `statement --all`.

use crate::util::{TestBook, skipped, tool};
use mail_parser::{MessageParser, MimeHeaders, PartType};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// What a written or sent e-mail holds.
pub(crate) struct Mail {
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) text: String,
    pub(crate) html: String,
    pub(crate) message_id: String,
    /// The attachments, in order: (file name, bytes).
    pub(crate) pdfs: Vec<(String, Vec<u8>)>,
}

/// Parses an .eml and checks its MIME structure: `multipart/mixed` of a `multipart/alternative`
/// (`text/plain; charset=utf-8`, then `text/html` with a `lang`) and `application/pdf`
/// attachments, each a PDF with a file name; or the alternative alone when no font could typeset
/// a PDF ([`has_pdfs`]).
pub(crate) fn parse(bytes: &[u8]) -> Mail {
    assert!(bytes.is_ascii(), "headers and parts are encoded to 7-bit");
    let message = MessageParser::default().parse(bytes).expect("valid MIME");
    let root = message.root_part();
    let root_type = root.content_type().expect("Content-Type");
    assert_eq!(root_type.ctype(), "multipart");
    let PartType::Multipart(children) = &root.body else {
        panic!("the root is multipart");
    };
    let alternative = match root_type.subtype() {
        Some("mixed") => message.part(children[0]).expect("the first part"),
        Some("alternative") => root,
        other => panic!("multipart/{other:?}"),
    };
    let alternative_type = alternative.content_type().unwrap();
    assert_eq!(alternative_type.subtype(), Some("alternative"));
    let PartType::Multipart(texts) = &alternative.body else {
        panic!("the alternative is multipart");
    };
    let kinds: Vec<String> = texts
        .iter()
        .map(|id| {
            let part = message.part(*id).unwrap();
            let ct = part.content_type().unwrap();
            assert_eq!(ct.attribute("charset"), Some("utf-8"));
            format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or(""))
        })
        .collect();
    assert_eq!(kinds, ["text/plain", "text/html"]);
    let attached = match root_type.subtype() {
        Some("mixed") => &children[1..],
        _ => &[],
    };
    let pdfs: Vec<(String, Vec<u8>)> = attached
        .iter()
        .map(|id| {
            let part = message.part(*id).unwrap();
            let ct = part.content_type().unwrap();
            assert_eq!((ct.ctype(), ct.subtype()), ("application", Some("pdf")));
            let name = part.attachment_name().expect("a file name").to_string();
            let bytes = part.contents().to_vec();
            assert!(bytes.starts_with(b"%PDF-"), "{name} is a PDF");
            (name, bytes)
        })
        .collect();
    let html = message.body_html(0).expect("an HTML part").into_owned();
    assert!(html.contains("<html lang=\""), "{html}");
    Mail {
        to: message
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .expect("To")
            .to_string(),
        subject: message.subject().expect("Subject").to_string(),
        text: message.body_text(0).expect("a text part").into_owned(),
        html,
        message_id: message.message_id().expect("Message-ID").to_string(),
        pdfs,
    }
}

/// Whether `mail` carries PDFs; when it does not (no font could typeset them), says the checks
/// of them are skipped, which fails under `FOLIO_REQUIRE_TOOLS=1` (CI installs the fonts).
pub(crate) fn has_pdfs(mail: &Mail) -> bool {
    if mail.pdfs.is_empty() {
        skipped("no font could typeset the PDFs (apt-get install fonts-wqy-microhei)");
        return false;
    }
    true
}

/// The text of a PDF as `pdftotext -layout` extracts it; `None` (the check skipped) when
/// pdftotext is not installed.
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    if !tool("pdftotext", "-v", "apt-get install poppler-utils") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext reads it");
    Some(String::from_utf8(output.stdout).unwrap())
}

/// The .eml with the base64 of every PDF part replaced by `[PDF]`: what a golden file keeps (the
/// PDFs' bytes depend on the fonts installed; their text is checked with pdftotext).
pub(crate) fn without_pdf_bodies(eml: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(eml).unwrap();
    let mut out = String::new();
    let (mut pdf_headers, mut skipping) = (false, false);
    for line in text.split_inclusive("\r\n") {
        if skipping {
            if !line.starts_with("--") {
                continue;
            }
            skipping = false;
        }
        if line.starts_with("Content-Type: application/pdf") {
            pdf_headers = true;
        }
        out.push_str(line);
        if line == "\r\n" && pdf_headers {
            out.push_str("[PDF]\r\n");
            (pdf_headers, skipping) = (false, true);
        }
    }
    out.into_bytes()
}

/// The files of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .map(|listing| {
            listing
                .map(|e| e.unwrap().path())
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&p).unwrap())
                })
                .collect()
        })
        .unwrap_or_default()
}

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"
terms = 30

[company]
email = "billing@atelier.example"
vat = "BE0403170701"
iban = "BE68539007547034"

[company.address]
street = "Rue Haute 12"
postcode = "1000"
city = "Brussels"
country = "BE"
"#;

/// acme (e-mail, en) with two invoices made with items (documents) and one journal line
/// without a document; post (no e-mail, fr) with one invoice with items; hongli (e-mail, zh)
/// with one.
fn book() -> TestBook {
    let book = TestBook::with_config(CONFIG)
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nemail = \"ap@acme.example\"\nlanguage = \"en\"\n",
        )
        .contact(
            "post",
            "name = \"Brasserie Poste\"\nlanguage = \"fr\"\n[address]\nstreet = \"Rue Neuve 3\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
        )
        .contact(
            "hongli",
            "name = \"佛山宏利贸易有限公司\"\nemail = \"finance@hongli.example\"\nlanguage = \"zh\"\n",
        )
        .journal(
            "2025",
            "2025-12-20 invoice INV-2025-0900 acme 75.00 due:2026-01-19\n",
        );
    for (contact, date, item) in [
        ("acme", "2026-01-05", "Consulting"),
        ("acme", "2026-01-06", "Workshop"),
        ("post", "2026-01-06", "Éclairage"),
        ("hongli", "2026-01-06", "灯具设计咨询"),
    ] {
        book.stdout(&[
            "invoice", contact, "--date", date, "--item", item, "--qty", "2", "--price", "100",
            "--vat", "21",
        ]);
    }
    book
}

/// `folio remind --as-of DAY --write DIR`, the files written.
fn remind(book: &TestBook, day: &str, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = book.path().join(dir);
    book.stdout(&["remind", "--as-of", day, "--write", dir.to_str().unwrap()]);
    files(&dir)
}

#[test]
fn a_reminder_email_carries_html_the_letter_pdf_and_each_overdue_invoice_pdf() {
    let book = book();
    let written = remind(&book, "2026-02-20", "outbox");
    let mail = parse(&written["2026-02-20-acme-reminder-1.eml"]);
    assert_eq!(mail.to, "ap@acme.example");
    if !has_pdfs(&mail) {
        return;
    }
    let names: Vec<&str> = mail.pdfs.iter().map(|(name, _)| name.as_str()).collect();
    // The letter, then the invoices with a document (INV-2025-0900 is a journal line only).
    assert_eq!(
        names,
        [
            "reminder-1-2026-02-20.pdf",
            "INV-2026-0001.pdf",
            "INV-2026-0002.pdf"
        ]
    );
    assert!(mail.text.contains("INV-2025-0900"), "{}", mail.text);
    assert!(
        mail.html.contains("INV-2026-0001") && mail.html.contains("<html lang=\"en\">"),
        "{}",
        mail.html
    );
    let Some(letter) = pdf_text(&mail.pdfs[0].1) else {
        return;
    };
    for id in ["INV-2025-0900", "INV-2026-0001", "INV-2026-0002"] {
        assert!(letter.contains(id), "{id} in the letter:\n{letter}");
    }
    assert!(letter.contains(&mail.subject), "{letter}");
    assert!(letter.contains("Rue Haute 12"), "the letterhead: {letter}");
    for (name, pdf) in &mail.pdfs[1..] {
        let text = pdf_text(pdf).unwrap();
        let id = name.trim_end_matches(".pdf");
        assert!(text.contains(id), "{id}:\n{text}");
        assert!(text.contains("Consulting") || text.contains("Workshop"));
    }
    // The Chinese letter too, with its invoice.
    let mail = parse(&written["2026-02-20-hongli-reminder-1.eml"]);
    assert_eq!(mail.pdfs.len(), 2);
    let letter = pdf_text(&mail.pdfs[0].1).unwrap();
    assert!(letter.contains("INV-2026-0004"), "{letter}");
    assert!(letter.contains("尊敬的佛山宏利贸易有限公司"), "{letter}");
    let invoice = pdf_text(&mail.pdfs[1].1).unwrap();
    assert!(invoice.contains("灯具设计咨询"), "{invoice}");
}

#[test]
fn a_letter_without_email_is_written_with_its_pdf_and_its_invoices_beside_it() {
    let book = book();
    let written = remind(&book, "2026-02-20", "outbox");
    let stem = "2026-02-20-post-reminder-1";
    let letter = String::from_utf8(written[&format!("{stem}.txt")].clone()).unwrap();
    assert!(letter.contains("INV-2026-0003"), "{letter}");
    let Some(pdf) = written.get(&format!("{stem}.pdf")) else {
        skipped("no font could typeset the PDFs (apt-get install fonts-wqy-microhei)");
        return;
    };
    let invoice = &written[&format!("{stem}-INV-2026-0003.pdf")];
    let post: Vec<&String> = written.keys().filter(|k| k.contains("-post-")).collect();
    assert_eq!(post.len(), 3, "{post:?}");
    let (Some(text), Some(invoice)) = (pdf_text(pdf), pdf_text(invoice)) else {
        return;
    };
    assert!(text.contains("INV-2026-0003"), "{text}");
    assert!(text.contains("Brasserie Poste"), "{text}");
    assert!(invoice.contains("INV-2026-0003") && invoice.contains("Éclairage"));
    // The next run of that day writes nothing; a letter written again (its line deleted) gets
    // a new stem for all three files rather than overwrite one.
    std::fs::write(book.path().join("dunning.journal"), "").unwrap();
    let again = remind(&book, "2026-02-20", "outbox");
    for file in [
        format!("{stem}-2.txt"),
        format!("{stem}-2.pdf"),
        format!("{stem}-2-INV-2026-0003.pdf"),
    ] {
        assert!(again.contains_key(&file), "{file} in {:?}", again.keys());
    }
}

#[test]
fn the_same_message_is_the_same_bytes_and_message_id() {
    let one = book();
    let two = book();
    let first = remind(&one, "2026-02-20", "a");
    let second = remind(&two, "2026-02-20", "b");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &first {
        assert!(second[name] == *bytes, "{name} differs between two runs");
    }
    let id = parse(&first["2026-02-20-acme-reminder-1.eml"]).message_id;
    assert!(
        id.starts_with("20260220.acme.") && id.ends_with("@atelier.example"),
        "{id}"
    );
    // Another message (the next level) has another id.
    let later = remind(&one, "2026-03-06", "a");
    let next = parse(&later["2026-03-06-acme-reminder-2.eml"]).message_id;
    assert_ne!(id, next);
}

#[test]
fn a_pdf_no_font_can_typeset_is_left_out_with_a_warning_and_the_message_still_goes() {
    // Egyptian hieroglyphs: no font folio looks for has them.
    let book = TestBook::with_config(CONFIG)
        .contact(
            "nile",
            "name = \"Nile 𓀀 Trading\"\nemail = \"ap@nile.example\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 nile 100.00 due:2026-02-04\n",
        );
    let dir = book.path().join("outbox");
    let output = book
        .folio(&[
            "remind",
            "--as-of",
            "2026-02-11",
            "--write",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "folio: warning: nile: reminder-1-2026-02-11.pdf left out: no font has every character"
        ),
        "{stderr}"
    );
    let mail = parse(&std::fs::read(dir.join("2026-02-11-nile-reminder-1.eml")).unwrap());
    assert!(mail.pdfs.is_empty());
    assert!(mail.text.contains("INV-2026-0001"));
    assert!(
        std::fs::read_to_string(book.path().join("dunning.journal"))
            .unwrap()
            .contains("INV-2026-0001 1 eml"),
        "recorded: it went"
    );
}

#[test]
fn a_document_that_disagrees_with_its_journal_line_stops_the_run_before_anything_goes() {
    let book = book();
    let path = book.path().join("documents/INV-2026-0001.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("price = \"100", "price = \"90")).unwrap();
    let dir = book.path().join("outbox");
    let output = book
        .folio(&[
            "remind",
            "--as-of",
            "2026-02-20",
            "--write",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("INV-2026-0001"), "{stderr}");
    assert!(!dir.exists(), "nothing written");
}

#[test]
fn statements_go_with_their_letter_as_pdf_and_print_as_one() {
    let book = book();
    let dir = book.path().join("statements");
    let dir_arg = dir.to_str().unwrap();
    book.stdout(&[
        "statement",
        "--all",
        "--as-of",
        "2026-02-28",
        "--letter",
        "--write",
        dir_arg,
    ]);
    let written = files(&dir);
    let mail = parse(&written["2026-02-28-acme-statement.eml"]);
    if has_pdfs(&mail) {
        let names: Vec<&str> = mail.pdfs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["statement-2026-02-28.pdf"]);
        if let Some(text) = pdf_text(&mail.pdfs[0].1) {
            assert!(
                text.contains("INV-2026-0001") && text.contains("INV-2025-0900"),
                "{text}"
            );
        }
    }
    assert!(written.contains_key("2026-02-28-post-statement.txt"));
    if let Some(pdf) = written.get("2026-02-28-post-statement.pdf")
        && let Some(text) = pdf_text(pdf)
    {
        assert!(
            text.contains("INV-2026-0003") && text.contains("Relevé de compte"),
            "{text}"
        );
    }
    // One contact's statement as a PDF file.
    let file = book.path().join("acme.pdf");
    let output = book
        .folio(&[
            "statement",
            "acme",
            "--letter",
            "--to",
            "2026-02-28",
            "--pdf",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    if output.status.code() == Some(66) {
        skipped("no font could typeset the PDF (apt-get install fonts-wqy-microhei)");
        return;
    }
    assert!(output.status.success(), "{output:?}");
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf) {
        for expected in [
            "Statement of account",
            "INV-2026-0001",
            "INV-2026-0002",
            "Acme Trading BV",
        ] {
            assert!(text.contains(expected), "{expected}:\n{text}");
        }
    }
    // --pdf implies --letter.
    let implied = book.path().join("implied.pdf");
    book.stdout(&[
        "statement",
        "acme",
        "--to",
        "2026-02-28",
        "--pdf",
        implied.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&implied).unwrap(), pdf, "the same letter");
    let usage = book
        .folio(&[
            "statement",
            "--all",
            "--letter",
            "--pdf",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn the_dry_run_names_the_pdfs_a_message_would_carry() {
    let book = book();
    let output = book
        .folio(&["remind", "--as-of", "2026-02-20", "--send", "--dry-run"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(!book.path().join("dunning.journal").exists());
    if String::from_utf8_lossy(&output.stderr).contains("no font has every character") {
        skipped("no font could typeset the PDFs (apt-get install fonts-wqy-microhei)");
        return;
    }
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(
        shown.contains("# PDF: reminder-1-2026-02-20.pdf, INV-2026-0001.pdf, INV-2026-0002.pdf"),
        "{shown}"
    );
}
