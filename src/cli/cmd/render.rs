//! `folio render DOC --format txt|html|pdf|ubl [--out FILE]`: an invoice, credit note or quote
//! as text, HTML, PDF or UBL 2.1 (Peppol BIS Billing 3.0) in its buyer's language; a payment
//! received as its receipt (text, HTML or PDF) in its customer's language.

use crate::cli::Context;
use crate::document;
use crate::document::receipt::{self, Receipt};
use crate::document::render::{Renderer, TextFormat};
use crate::error::{Error, Result};
use crate::fsio;
use std::io::Write;
use std::path::PathBuf;

/// `--format` of `folio render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RenderFormat {
    /// Plain text.
    Txt,
    /// A standalone HTML page.
    Html,
    /// A PDF (A4), fonts embedded.
    Pdf,
    /// UBL 2.1 XML, Peppol BIS Billing 3.0 (invoices and credit notes).
    Ubl,
}

/// Arguments of `folio render`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The language is the document's (its buyer's when it was issued); --lang picks another. A \
payment received (PAY-...) renders as its receipt: the documents it paid, what stays open of \
each and what stays on account, as of the payment's date, in the customer's language. Templates \
and words can be overridden in the book's templates/ folder (docs/documents.md). UBL is checked \
against the EN 16931 and Peppol rules folio knows before it is written; a broken rule is an error \
(exit 65) that names it.\n\n\
Examples:\n  folio --book examples/demo render INV-2027-0001 --format txt\n  \
folio --book examples/demo render INV-2027-0001 --format pdf --out INV-2027-0001.pdf\n  \
folio --book examples/demo render CN-2027-0001 --format ubl --out CN-2027-0001.xml\n  \
folio --book examples/demo render PAY-2026-0001 --format pdf --out PAY-2026-0001.pdf")]
pub struct Args {
    /// The document's id (an invoice, credit note or quote), or a payment's for its receipt.
    #[arg(value_name = "DOC")]
    document: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RenderFormat::Txt)]
    format: RenderFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The language (default: the document's).
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

/// Renders a document.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let book = crate::checks::load_valid(location)?;
    let document = match document::read(&book.root, &args.document) {
        Ok(document) => document,
        Err(Error::NotFound(message)) => {
            return match receipt::receipt(&book, &args.document)? {
                Some(receipt) => render_receipt(args, &book, &receipt, out),
                None => Err(Error::NotFound(message)),
            };
        }
        Err(e) => return Err(e),
    };
    document::check_recorded(&book, &document)?;
    let renderer = Renderer::new(&book.root);
    let language = renderer.language(&document, &book, args.lang.as_deref())?;
    let bytes = match args.format {
        RenderFormat::Txt => renderer
            .render(&document, TextFormat::Txt, &language)?
            .1
            .into_bytes(),
        RenderFormat::Html => renderer
            .render(&document, TextFormat::Html, &language)?
            .1
            .into_bytes(),
        RenderFormat::Ubl => {
            let xml = document::ubl::write_checked(&document)?;
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            for warning in document::sending::warnings(&document) {
                writeln!(err, "folio: warning: {warning}")?;
            }
            xml.into_bytes()
        }
        RenderFormat::Pdf => {
            let labels = renderer.texts(&language)?;
            document::pdf::write(&document, &language, &labels)?
        }
    };
    write_out(args, &bytes, out)
}

/// Renders the receipt of a payment received, in its customer's language.
fn render_receipt(
    args: &Args,
    book: &crate::book::Book,
    receipt: &Receipt,
    out: &mut dyn Write,
) -> Result<()> {
    let renderer = Renderer::new(&book.root);
    let language = renderer.language_of(&receipt.language, book, args.lang.as_deref())?;
    let bytes = match args.format {
        RenderFormat::Txt => renderer
            .render_receipt(receipt, TextFormat::Txt, &language)?
            .1
            .into_bytes(),
        RenderFormat::Html => renderer
            .render_receipt(receipt, TextFormat::Html, &language)?
            .1
            .into_bytes(),
        RenderFormat::Pdf => {
            let labels = renderer.texts(&language)?;
            document::pdf::write_receipt(receipt, &language, &labels)?
        }
        RenderFormat::Ubl => {
            return Err(Error::Usage(format!(
                "{} is a payment: its receipt renders as txt, html or pdf, not ubl",
                receipt.id
            )));
        }
    };
    write_out(args, &bytes, out)
}

/// Writes the rendering to `--out` (atomically) or standard output.
fn write_out(args: &Args, bytes: &[u8], out: &mut dyn Write) -> Result<()> {
    match &args.out {
        Some(path) => fsio::write_atomic(path, bytes)?,
        None => out.write_all(bytes)?,
    }
    Ok(())
}
