//! A builder for throw-away books and helpers to run the real binary on them.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A book in a temporary directory, written file by file.
pub(crate) struct TestBook {
    dir: tempfile::TempDir,
}

impl TestBook {
    /// An empty book with a minimal folio.toml (EUR, 30 days).
    pub(crate) fn new() -> TestBook {
        TestBook::with_config("name = \"Test Book\"\ncurrency = \"EUR\"\n")
    }

    /// An empty book like [`TestBook::new`] whose `[company]` can issue invoices ([`COMPANY`]).
    pub(crate) fn with_company() -> TestBook {
        TestBook::with_config(&format!(
            "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}"
        ))
    }

    /// A book with the given folio.toml.
    pub(crate) fn with_config(config: &str) -> TestBook {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("contacts")).unwrap();
        std::fs::create_dir_all(dir.path().join("journal")).unwrap();
        let book = TestBook { dir };
        book.file("folio.toml", config)
    }

    /// Writes a file (creating folders), relative to the book.
    pub(crate) fn file(self, relative: &str, contents: &str) -> TestBook {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes raw bytes.
    pub(crate) fn bytes(self, relative: &str, contents: &[u8]) -> TestBook {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Adds `contacts/<id>.toml` with the given body.
    pub(crate) fn contact(self, id: &str, body: &str) -> TestBook {
        self.file(&format!("contacts/{id}.toml"), body)
    }

    /// Adds a customer with just a name.
    pub(crate) fn customer(self, id: &str) -> TestBook {
        self.contact(id, &format!("name = \"{id} name\"\n"))
    }

    /// Writes `journal/<name>.journal`.
    pub(crate) fn journal(self, name: &str, lines: &str) -> TestBook {
        self.file(&format!("journal/{name}.journal"), lines)
    }

    /// The book's directory.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `folio --book <this book> ARGS...`, not yet run.
    pub(crate) fn folio(&self, args: &[&str]) -> Command {
        let mut command = folio();
        command.arg("--book").arg(self.path()).args(args);
        command
    }

    /// Runs folio with ARGS, asserts exit 0, returns stdout.
    pub(crate) fn stdout(&self, args: &[&str]) -> String {
        let output = self.folio(args).output().unwrap();
        assert!(
            output.status.success(),
            "folio {args:?} failed with {:?}\nstderr:\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs folio with ARGS and `--format json`, parses stdout.
    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.stdout(&all)).expect("valid JSON")
    }
}

/// A `[company]` with what an invoice's seller needs (name, address with country, VAT number),
/// to append to a folio.toml whose book issues documents.
pub(crate) const COMPANY: &str = "[company]\nname = \"Test Book SRL\"\nvat = \"BE0403170701\"\n\
[company.address]\nstreet = \"Rue Haute 1\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n";

/// The folio binary with a clean environment (no NO_COLOR or FOLIO_* surprises, no user config).
pub(crate) fn folio() -> Command {
    let mut command = Command::cargo_bin("folio").unwrap();
    command
        .env_remove("FOLIO_BOOK")
        .env_remove("FOLIO_FORMAT")
        .env_remove("FOLIO_PAGER")
        .env("FOLIO_CONFIG", "")
        .env("NO_COLOR", "1");
    command
}

/// The repository's root, for examples/ and tests/fixtures/.
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether an outside tool the tests use (xmllint, pdftotext, ledger, ...) runs, asked with
/// `probe` (its version flag). When it does not, the calling test skips the part that needs it and
/// says so on stderr, naming the package that provides it; but under `FOLIO_REQUIRE_TOOLS=1`,
/// which `.ci/run` sets after installing every tool, a missing tool fails the test: CI can never
/// pass by skipping.
pub(crate) fn tool(program: &str, probe: &str, package: &str) -> bool {
    let runs = std::process::Command::new(program)
        .arg(probe)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !runs {
        skipped(&format!("`{program}` is not installed ({package})"));
    }
    runs
}

/// Says on stderr that part of a test is skipped, and why; under `FOLIO_REQUIRE_TOOLS=1` fails
/// the test instead.
pub(crate) fn skipped(why: &str) {
    use std::io::Write;
    let required = std::env::var_os("FOLIO_REQUIRE_TOOLS").is_some_and(|v| v == "1");
    assert!(
        !required,
        "{why}, and FOLIO_REQUIRE_TOOLS=1 says every tool must be there"
    );
    let _ = writeln!(std::io::stderr(), "note: {why}: that check is skipped");
}
