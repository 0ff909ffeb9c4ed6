//! PDF documents: Chinese text renders (checked by extracting the text back with pdftotext and
//! listing the embedded fonts with pdffonts, from Debian's poppler-utils, when they are there).

use crate::documents::{golden, language_of, with_documents};
use std::process::Command;

use crate::util::{skipped, tool};

#[test]
fn a_chinese_invoice_renders_with_an_embedded_subset_font() {
    let (book, made) = with_documents();
    let (_, invoice, _) = made.iter().find(|(c, _, _)| *c == "hongli").unwrap();
    let out = book.path().join("zh.pdf");
    let result = book
        .folio(&[
            "render",
            invoice,
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    if result.status.code() == Some(66) {
        // No font with Chinese glyphs on this machine: the error says which package to install.
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains("fonts-wqy-microhei"), "{stderr}");
        skipped("no CJK font is installed (apt-get install fonts-wqy-microhei)");
        return;
    }
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        pdf.len() < 200_000,
        "the font is subset: {} bytes",
        pdf.len()
    );
    if !tool("pdftotext", "-v", "apt-get install poppler-utils") {
        return;
    }
    let text = Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in [
        "发票",
        invoice.as_str(),
        "佛山宏利陶瓷有限公司",
        "LED 灯具设计咨询",
        "样品灯具",
        "含税总计",
        "2026年1月15日",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` not found in:\n{text}"
        );
    }
    let fonts = Command::new("pdffonts").arg(&out).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let embedded = fonts.lines().skip(2).all(|line| line.contains(" yes yes "));
    assert!(embedded, "every font embedded and subset:\n{fonts}");
}

/// The text of a PDF as `pdftotext -layout` extracts it, or `None` when it cannot be checked here
/// (no font for the language, or no pdftotext; both fail the test under CI's
/// `FOLIO_REQUIRE_TOOLS=1`).
fn pdf_text(book: &crate::util::TestBook, id: &str) -> Option<String> {
    let out = book.path().join(format!("{id}.pdf"));
    let result = book
        .folio(&["render", id, "--format", "pdf", "--out", out.to_str()?])
        .output()
        .unwrap();
    if result.status.code() == Some(66) {
        skipped("no font for this language is installed (see the error for the package)");
        return None;
    }
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    if !tool("pdftotext", "-v", "apt-get install poppler-utils") {
        return None;
    }
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    Some(String::from_utf8(text.stdout).unwrap())
}

#[test]
fn golden_pdf_text_of_an_invoice_and_a_credit_note_in_each_language() {
    let (book, made) = with_documents();
    for (contact, invoice, credit) in &made {
        for id in [invoice, credit] {
            if let Some(text) = pdf_text(&book, id) {
                golden(&format!("{}-pdf-{id}.txt", language_of(contact)), &text);
            }
        }
    }
}

#[test]
fn french_and_english_pdfs_render() {
    let (book, made) = with_documents();
    for (contact, invoice, credit) in &made {
        if *contact == "hongli" {
            continue;
        }
        for id in [invoice, credit] {
            let output = book
                .folio(&["render", id, "--format", "pdf"])
                .output()
                .unwrap();
            if output.status.code() == Some(66) {
                skipped("no font is installed (apt-get install fonts-dejavu-core)");
                return;
            }
            assert!(output.status.success());
            assert!(output.stdout.starts_with(b"%PDF-"));
        }
    }
}
