//! The catalogue (`products/<code>.toml`): `check` places every problem of a product file, and a
//! document line naming a product the catalogue lacks gets a warning.

use crate::util::TestBook;

/// A valid product file: consulting by the hour at 95.10 EUR, 21 % VAT.
pub(crate) const CONSULT: &str = "code = \"CONSULT\"\nunit = \"h\"\nprice = 95.10\nvat = 21\nfamily = \"services\"\ngtin = \"5410000000002\"\n\n[name]\nen = \"Consulting\"\nfr = \"Conseil\"\n";

/// `folio check` on the book: its exit code and stderr.
fn check(book: &TestBook) -> (Option<i32>, String) {
    let output = book.folio(&["check"]).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_valid_catalogue_passes_check() {
    let book = TestBook::new().file("products/CONSULT.toml", CONSULT);
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn every_problem_of_a_product_file_is_placed_at_its_line_and_column() {
    let book = TestBook::new().file(
        "products/widget.toml",
        "code = \"gadget\"\nprice = \"12,5\"\nvat = 21\ncolour = \"red\"\ngtin = \"5410000000007\"\nvat_category = \"X\"\ncurrency = \"eur\"\n[name]\nEN = \"Widget\"\n",
    );
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(65), "{stderr}");
    for expected in [
        "products/widget.toml:1:1: error: code `gadget` is not the file's name: expected `widget`",
        "products/widget.toml:2:9: error: invalid number `12,5`",
        "products/widget.toml:4:1: error: unknown key `colour`",
        "products/widget.toml:5:8: error: invalid GTIN `5410000000007`: its check digit is 7 but should be 2",
        "products/widget.toml:6:16: error: unknown VAT category `X`",
        "products/widget.toml:7:12: error: invalid currency `eur`",
        "products/widget.toml:9:1: error: invalid language `EN`",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn a_product_without_its_required_keys_is_refused_by_check() {
    let book = TestBook::new()
        .file("products/empty.toml", "unit = \"h\"\n")
        .file(
            "products/free.toml",
            "price = 10\nvat = 0\n[name]\nen = \"Free of VAT\"\n",
        );
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(65), "{stderr}");
    for expected in [
        "products/empty.toml:1:1: error: missing required key `name`",
        "products/empty.toml:1:1: error: missing required key `price`",
        "products/empty.toml:1:1: error: missing required key `vat`",
        "products/free.toml:2:1: error: a VAT rate of 0 needs `exemption`",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn a_gtin_of_the_wrong_length_is_refused() {
    let book = TestBook::new().file(
        "products/CONSULT.toml",
        &CONSULT.replace("5410000000002", "541000000"),
    );
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("products/CONSULT.toml:6:8: error: invalid GTIN `541000000`: expected 8, 12, 13 or 14 digits"),
        "{stderr}"
    );
}
