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
