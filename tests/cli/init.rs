use crate::util::folio;

#[test]
fn init_creates_a_book_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio().arg("init").arg(&book).assert().success();
    for part in [
        "folio.toml",
        "contacts",
        "journal",
        ".gitattributes",
        ".gitignore",
    ] {
        assert!(book.join(part).exists(), "{part} missing");
    }
    let attributes = std::fs::read_to_string(book.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.journal merge=union"));
    let ignore = std::fs::read_to_string(book.join(".gitignore")).unwrap();
    assert!(ignore.contains(".folio.lock"));
    folio()
        .arg("--book")
        .arg(&book)
        .arg("check")
        .assert()
        .success();
    folio()
        .arg("--book")
        .arg(&book)
        .args(["balance", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn init_refuses_an_existing_book() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("folio.toml"), "name = \"Mine\"\n").unwrap();
    folio().arg("init").arg(dir.path()).assert().code(2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("folio.toml")).unwrap(),
        "name = \"Mine\"\n"
    );
    assert!(!dir.path().join("journal").exists());
}

#[test]
fn book_is_found_by_walking_up() {
    let dir = tempfile::tempdir().unwrap();
    folio().arg("init").arg(dir.path()).assert().success();
    let deep = dir.path().join("journal");
    folio().current_dir(&deep).arg("check").assert().success();
    folio()
        .current_dir(&deep)
        .env("FOLIO_BOOK", dir.path())
        .arg("check")
        .assert()
        .success();
    let elsewhere = tempfile::tempdir().unwrap();
    folio()
        .current_dir(elsewhere.path())
        .arg("check")
        .assert()
        .code(66);
    folio()
        .arg("--book")
        .arg(elsewhere.path())
        .arg("balance")
        .assert()
        .code(66);
}
