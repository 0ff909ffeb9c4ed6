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
    // With git (CI has it), journals and documents go to folio's merge driver.
    let attributes = std::fs::read_to_string(book.join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.journal merge=folio"), "{attributes}");
    assert!(
        attributes.contains("documents/*.toml merge=folio"),
        "{attributes}"
    );
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

/// The company flags of `folio init`, as the README's "Start your own" gives them.
const COMPANY_FLAGS: &[&str] = &[
    "--name",
    "Example Trading SRL",
    "--street",
    "Rue Haute 112",
    "--postcode",
    "1000",
    "--city",
    "Bruxelles",
    "--country",
    "BE",
    "--vat",
    "BE0403170701",
    "--company-id",
    "0403.170.701",
    "--iban",
    "BE68539007547034",
    "--bic",
    "GKCCBEBB",
    "--email",
    "billing@example-trading.example",
    "--language",
    "fr",
    "--currency",
    "USD",
];

#[test]
fn init_writes_the_company_from_its_flags_with_every_section_commented() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio()
        .arg("init")
        .arg(&book)
        .args(COMPANY_FLAGS)
        .args(["--company-name", "Example Trading"])
        .assert()
        .success();
    let text = std::fs::read_to_string(book.join("folio.toml")).unwrap();
    for section in [
        "[company]",
        "[company.address]",
        "[aging]",
        "[credit]",
        "# [numbering]",
        "# [dunning]",
        "# [segments.",
        "# [analytics.",
        "# [alerts]",
        "# [vat]",
        "# [export.accounts]",
    ] {
        let at = text
            .find(section)
            .unwrap_or_else(|| panic!("{section}:\n{text}"));
        let before = text[..at].trim_end().lines().last().unwrap_or("");
        let after = text[at..].lines().nth(1).unwrap_or("");
        assert!(
            before.starts_with('#') || after.starts_with("# "),
            "{section} has no comment that explains it"
        );
    }
    let shown = folio()
        .arg("--book")
        .arg(&book)
        .args(["company", "show", "--format", "json"])
        .output()
        .unwrap();
    let company: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(company["name"], "Example Trading");
    assert_eq!(company["address.street"], "Rue Haute 112");
    assert_eq!(company["address.postcode"], "1000");
    assert_eq!(company["address.country"], "BE");
    assert_eq!(company["company_id"], "0403.170.701");
    assert_eq!(company["iban"], "BE68539007547034");
    assert_eq!(company["bic"], "GKCCBEBB");
    assert_eq!(company["email"], "billing@example-trading.example");
    assert_eq!(company["language"], "fr");
    assert_eq!(company["currency"], "USD");
    assert_eq!(company["missing_for_invoices"], serde_json::json!([]));
    folio()
        .arg("--book")
        .arg(&book)
        .args(["check", "--strict"])
        .assert()
        .success();
}

#[test]
fn init_off_a_terminal_takes_flags_only_and_never_waits_for_input() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("b");
    // Piped input is not a terminal: it is not read as answers, and init does not wait for it.
    let output = folio()
        .arg("init")
        .arg(&book)
        .write_stdin("Ignored Name\nRue X\n")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "folio company set address.street=... address.city=... address.country=... vat=..."
        ),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).is_empty());
    let text = std::fs::read_to_string(book.join("folio.toml")).unwrap();
    assert!(!text.contains("Ignored"), "{text}");
    assert!(text.contains("name = \"b\"\n"), "{text}");
}

#[test]
fn init_refuses_an_invalid_company_value_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    for (flag, value, says) in [
        ("--iban", "BE68539007547035", "--iban: invalid IBAN"),
        ("--vat", "BE0403170702", "--vat: invalid Belgian VAT number"),
        ("--country", "be", "--country: invalid country `be`"),
        ("--language", "FR", "did you mean `fr`?"),
        ("--currency", "EURO", "--currency"),
        ("--email", "not-an-address", "--email"),
    ] {
        let output = folio()
            .arg("init")
            .arg(&book)
            .args([flag, value])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{flag}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert!(!book.exists(), "{flag} {value} created the book");
    }
}

/// The commands of the README's "Start your own" block, as written.
fn start_your_own() -> String {
    let readme = std::fs::read_to_string(crate::util::repo_root().join("README.md")).unwrap();
    let section = &readme[readme.find("Start your own").expect("the section")..];
    let block = &section[section.find("```sh\n").expect("its code block") + 6..];
    block[..block.find("```").unwrap()].to_string()
}

#[test]
fn the_readme_start_your_own_goes_from_init_to_a_peppol_valid_invoice_without_editing_a_file() {
    let script = start_your_own();
    assert!(script.starts_with("folio init "), "{script}");
    assert!(!script.contains("EDITOR") && !script.contains("printf") && !script.contains(">>"));
    let dir = tempfile::tempdir().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("folio");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(dir.path())
        .env("PATH", path)
        .env_remove("FOLIO_BOOK")
        .env_remove("FOLIO_FORMAT")
        .env("FOLIO_CONFIG", "")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).is_empty(),
        "warnings: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let book = dir.path().join("mybook");
    let files: Vec<_> = std::fs::read_dir(&book)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    let xml = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "xml"))
        .expect("the UBL file");
    let xml = std::fs::read_to_string(xml).unwrap();
    assert!(
        xml.contains("<cbc:EndpointID schemeID=\"0208\">0403170701<"),
        "{xml}"
    );
    assert_eq!(folio::document::ubl::check(&xml), []);
    let pdf = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("the PDF file");
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn init_at_a_terminal_asks_for_the_company_fields_the_options_left_out() {
    if !crate::util::tool("script", "--version", "util-linux") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("b");
    let binary = assert_cmd::cargo::cargo_bin("folio");
    let command = format!(
        "'{}' init '{}' --name Lilas --iban BE68539007547034",
        binary.display(),
        book.display()
    );
    // `script` runs init on a pseudo-terminal and types these lines as the answers: name,
    // street, postcode, city, a refused country and then the right one, VAT number, no
    // enterprise number, BIC or e-mail, Dutch, and the default currency.
    let answers = "Lilas SRL\nRue Haute 1\n1000\nBruxelles\nbe\nBE\nBE0403170701\n\n\n\nnl\n\n";
    let output = assert_cmd::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("FOLIO_CONFIG", "")
        .env("NO_COLOR", "1")
        .write_stdin(answers)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("Company name [Lilas]: "), "{shown}");
    assert!(shown.contains("did you mean `BE`?"), "{shown}");
    assert!(shown.contains("Default currency [EUR]: "), "{shown}");
    assert!(
        !shown.contains("IBAN:"),
        "asked for a value given as an option: {shown}"
    );
    let text = std::fs::read_to_string(book.join("folio.toml")).unwrap();
    for line in [
        "name = \"Lilas SRL\"\n",
        "street = \"Rue Haute 1\"\n",
        "country = \"BE\"\n",
        "vat = \"BE0403170701\"\n",
        "iban = \"BE68539007547034\"\n",
        "language = \"nl\"\n",
        "currency = \"EUR\"\n",
        "# bic = ",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
}

/// Runs git in `dir` with a fixed identity and no user or system configuration.
fn git(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env_remove("FOLIO_BIN")
        .env_remove("FOLIO_BOOK")
        .output()
        .unwrap()
}

fn has_git() -> bool {
    crate::util::tool("git", "--version", "apt-get install git")
}

#[test]
fn init_makes_the_book_a_git_repository_that_ignores_machine_files() {
    if !has_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio()
        .arg("init")
        .arg(&book)
        .assert()
        .success()
        .stdout(predicates::str::contains("a git repository"));
    assert!(book.join(".git").is_dir());
    assert!(!book.join(".git/hooks/pre-commit").exists());
    let ignore = std::fs::read_to_string(book.join(".gitignore")).unwrap();
    for line in [".folio.lock", "alerts.state", "folio-report/"] {
        assert!(ignore.lines().any(|l| l == line), "{line}: {ignore}");
    }
    // The files folio writes for one machine or one run stay out of the repository.
    std::fs::write(book.join("alerts.state"), "x").unwrap();
    std::fs::write(book.join(".folio.lock"), "").unwrap();
    std::fs::create_dir(book.join("folio-report")).unwrap();
    std::fs::write(book.join("folio-report/index.html"), "x").unwrap();
    let status = git(&book, &["status", "--porcelain", "--untracked-files=all"]);
    let status = String::from_utf8(status.stdout).unwrap();
    assert!(status.contains("folio.toml"), "{status}");
    for ignored in ["alerts.state", ".folio.lock", "folio-report"] {
        assert!(!status.contains(ignored), "{ignored}: {status}");
    }
    let attribute = git(&book, &["check-attr", "merge", "journal/2026.journal"]);
    assert_eq!(
        String::from_utf8(attribute.stdout).unwrap(),
        "journal/2026.journal: merge: folio\n"
    );
    let driver = git(&book, &["config", "merge.folio.driver"]);
    assert_eq!(
        String::from_utf8(driver.stdout).unwrap(),
        "folio merge-driver %O %A %B %P\n"
    );
    // No commit is made: the first one is the user's.
    assert!(
        !git(&book, &["rev-parse", "--verify", "HEAD"])
            .status
            .success()
    );
}

#[test]
fn the_pre_commit_hook_refuses_a_book_with_errors() {
    if !has_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio()
        .arg("init")
        .arg(&book)
        .arg("--hooks")
        .assert()
        .success();
    let hook = book.join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.starts_with("#!/bin/sh\n"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "{mode:o}");
    }
    assert!(git(&book, &["add", "."]).status.success());
    let clean = git(&book, &["commit", "-q", "-m", "New book"]);
    assert!(clean.status.success(), "{clean:?}");

    std::fs::write(
        book.join("journal/2026.journal"),
        "2026-01-05 invoice INV-2026-0001 nobody 100.00\n",
    )
    .unwrap();
    assert!(git(&book, &["add", "."]).status.success());
    let broken = git(&book, &["commit", "-q", "-m", "An invoice"]);
    assert!(!broken.status.success(), "{broken:?}");
    let said = String::from_utf8_lossy(&broken.stderr);
    assert!(said.contains("journal/2026.journal:1:"), "{said}");
    assert!(said.contains("unknown contact `nobody`"), "{said}");
    assert!(said.contains("exit 65"), "{said}");
    let log = git(&book, &["rev-list", "--count", "HEAD"]);
    assert_eq!(String::from_utf8_lossy(&log.stdout), "1\n");

    // The hook checks what the commit stores: a fix left unstaged does not let it through.
    std::fs::write(book.join("journal/2026.journal"), "").unwrap();
    assert!(
        !git(&book, &["commit", "-q", "-m", "An invoice"])
            .status
            .success()
    );
    assert!(git(&book, &["add", "."]).status.success());
    let fixed = git(&book, &["commit", "-q", "-m", "No invoice"]);
    assert!(fixed.status.success(), "{fixed:?}");
}

#[test]
fn init_no_git_writes_the_git_files_but_no_repository() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio()
        .arg("init")
        .arg(&book)
        .arg("--no-git")
        .assert()
        .success()
        .stdout(predicates::prelude::PredicateBooleanExt::not(
            predicates::str::contains("git repository"),
        ));
    assert!(!book.join(".git").exists());
    assert!(book.join(".gitattributes").exists());
    assert!(book.join(".gitignore").exists());
    folio()
        .args(["init", "other", "--no-git", "--hooks"])
        .current_dir(dir.path())
        .assert()
        .code(2);
    assert!(!dir.path().join("other").exists());
}

#[test]
fn init_without_git_fails_naming_no_git_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let book = dir.path().join("mybook");
    folio()
        .arg("init")
        .arg(&book)
        .env("PATH", empty.path())
        .assert()
        .code(69)
        .stderr(predicates::str::contains("--no-git"));
    assert!(!book.exists());
}

#[test]
fn init_inside_a_repository_does_not_nest_one() {
    if !has_git() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    let book = dir.path().join("books/shop");
    folio()
        .arg("init")
        .arg(&book)
        .arg("--hooks")
        .assert()
        .success()
        .stdout(predicates::str::contains("is inside the git repository at"));
    assert!(!book.join(".git").exists());
    // The hook is the enclosing repository's, and checks the book where it lies in it.
    let hook = dir.path().join(".git/hooks/pre-commit");
    let text = std::fs::read_to_string(&hook).unwrap();
    assert!(text.contains("'books/shop/'"), "{text}");
    std::fs::write(
        book.join("journal/2026.journal"),
        "2026-01-05 invoice INV-2026-0001 nobody 100.00\n",
    )
    .unwrap();
    assert!(git(dir.path(), &["add", "."]).status.success());
    assert!(
        !git(dir.path(), &["commit", "-q", "-m", "x"])
            .status
            .success()
    );
    // A hook already there is left as it is.
    folio()
        .arg("init")
        .arg(dir.path().join("books/other"))
        .arg("--hooks")
        .assert()
        .success()
        .stdout(predicates::str::contains("was left as it is"));
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), text);
}
