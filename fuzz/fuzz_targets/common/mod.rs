//! What several fuzz targets share: a small valid book in memory, and splitting one input into
//! parts at lines that read `%%`.

use folio::book::{Book, Location};

/// A small valid book: a customer and supplier `acme` (EUR, with a VAT number and an e-mail),
/// a USD customer `beta`, an archived contact; open invoices, a payment, a bill. The folder is
/// returned too: importers read contact files from it.
pub fn sample_book() -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    let files: [(&str, &str); 5] = [
        ("folio.toml", "name = \"Fuzz\"\ncurrency = \"EUR\"\n"),
        (
            "contacts/acme.toml",
            "name = \"Acme Trading BV\"\nroles = [\"customer\", \"supplier\"]\ntags = [\"vip\"]\n\
             email = \"ap@acme.example\"\nvat = \"BE0403170701\"\ncredit_limit = \"5000\"\n\
             since = 2021-03-01\n[custom]\nmanager = \"Lena\"\n",
        ),
        (
            "contacts/beta.toml",
            "name = \"Beta Foods\"\ncurrency = \"USD\"\nterms = 0\n",
        ),
        ("contacts/old.toml", "name = \"Old\"\narchived = true\n"),
        (
            "journal/2026.journal",
            "2026-01-15 invoice INV-2026-0001 acme 100.00\n\
             2026-01-20 invoice INV-2026-0002 acme 250.50\n\
             2026-02-01 payment PAY-2026-0001 acme 40 ref:INV-2026-0001\n\
             2026-03-01 invoice INV-2026-0003 beta 0.0001\n\
             2026-03-02 bill B-1 acme 99999999999999.9999\n",
        ),
    ];
    for (relative, text) in files {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let book = folio::checks::load_valid(&Location {
        root: root.to_path_buf(),
    })
    .expect("the sample book is valid");
    (dir, book)
}

/// The input cut at lines that read `%%`: at most `parts` pieces, the last one taking the rest.
pub fn split(data: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() + 1 < parts {
        match rest.windows(4).position(|w| w == b"\n%%\n") {
            Some(at) => {
                out.push(&rest[..at + 1]);
                rest = &rest[at + 4..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}
