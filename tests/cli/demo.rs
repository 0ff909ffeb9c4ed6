//! The demo book is what examples/demo/generate.py writes: the script is how the book is
//! changed, so a hand edit that the script would undo is caught here.

use crate::util::{repo_root, tool};
use std::path::Path;

/// The files the generator writes, relative to the book.
fn generated_files(book: &Path) -> Vec<String> {
    let mut files = vec!["folio.toml".to_owned(), "collections.journal".to_owned()];
    for year in ["2025", "2026"] {
        files.push(format!("journal/{year}.journal"));
    }
    for year in ["2025", "2026", "2027"] {
        files.push(format!("rates/{year}.rates"));
    }
    let contacts = std::fs::read_dir(book.join("contacts")).expect("contacts/");
    for entry in contacts {
        let name = entry.expect("contact file").file_name();
        files.push(format!("contacts/{}", name.to_string_lossy()));
    }
    files.sort();
    files
}

#[test]
fn the_demo_book_is_what_its_generator_writes() {
    if !tool("python3", "--version", "python3") {
        return;
    }
    let demo = repo_root().join("examples/demo");
    let out = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new("python3")
        .arg(demo.join("generate.py"))
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("python3 runs");
    assert!(status.success(), "generate.py failed: {status}");
    let committed = generated_files(&demo);
    assert_eq!(
        generated_files(out.path()),
        committed,
        "the same contact files"
    );
    for file in committed {
        let want = std::fs::read_to_string(demo.join(&file)).expect("committed file");
        let got = std::fs::read_to_string(out.path().join(&file)).expect("generated file");
        assert!(
            want == got,
            "examples/demo/{file} differs from what generate.py writes: edit the script and re-run it"
        );
    }
}

#[test]
fn the_demo_book_says_the_vat_of_every_supply() {
    // folio.toml sets [vat] required = true: an invoice, credit note, bill or debit note without
    // VAT information would be a warning of check.
    let demo = repo_root().join("examples/demo");
    let output = crate::util::folio()
        .arg("--book")
        .arg(&demo)
        .arg("check")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr) + String::from_utf8_lossy(&output.stdout);
    assert!(!said.contains("no VAT information"), "{said}");
    let config = std::fs::read_to_string(demo.join("folio.toml")).unwrap();
    assert!(config.contains("[vat]\nrequired = true"), "{config}");
}

#[test]
fn the_demo_book_is_laid_out_as_folio_fmt_and_folio_init_lay_out_a_book() {
    let demo = repo_root().join("examples/demo");
    crate::util::folio()
        .args(["--book"])
        .arg(&demo)
        .args(["fmt", "--check"])
        .assert()
        .success();
    let fresh = tempfile::tempdir().expect("temp dir");
    let book = fresh.path().join("book");
    crate::util::folio()
        .arg("init")
        .arg("--no-git")
        .arg(&book)
        .assert()
        .success();
    for file in [".gitattributes", ".gitignore"] {
        assert_eq!(
            std::fs::read_to_string(demo.join(file)).expect("the demo's file"),
            std::fs::read_to_string(book.join(file)).expect("init's file"),
            "examples/demo/{file} is what `folio init` writes"
        );
    }
}
