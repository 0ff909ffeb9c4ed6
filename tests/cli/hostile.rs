//! Hostile input: every file of tests/fixtures/hostile/ (one problem each) is refused with a
//! positioned error (`path:line:column: error: ...`) and exit 65, by `check` and by a report;
//! never a panic, never a hang, and memory stays bounded. The cases git cannot hold (a 1 MB
//! line, directories, symbolic links, named pipes) are made here.

use crate::util::{folio, repo_root};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn hostile_dir() -> PathBuf {
    repo_root().join("tests/fixtures/hostile")
}

/// A small valid book: EUR, one customer-and-supplier `acme`, an invoice and a bill.
fn base_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("contacts")).unwrap();
    std::fs::create_dir_all(root.join("journal")).unwrap();
    std::fs::write(
        root.join("folio.toml"),
        "name = \"Hostile Base\"\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("contacts/acme.toml"),
        "name = \"Acme\"\nroles = [\"customer\", \"supplier\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("journal/2026.journal"),
        "2026-01-15 invoice INV-2026-0001 acme 100.00\n2026-01-20 bill BILL-1 acme 50.00\n",
    )
    .unwrap();
    dir
}

/// `folio --book DIR ARGS`, with a time limit: a hang is a failure, not a stuck test run.
fn run(book: &Path, args: &[&str]) -> Output {
    folio()
        .arg("--book")
        .arg(book)
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap()
}

/// The `path:line:column: error: message` lines of stderr.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains(": error: ") && !line.starts_with(' '))
        .collect()
}

/// Asserts that `check` and `balance` refuse the book with exit 65, that an error names
/// `relative` at `line` (`book/relative:line:column: error: ...`), that no other file is blamed
/// (but for folio.toml, whose defaults every entry depends on), and that nothing panicked.
/// Returns check's stderr.
fn assert_refused(book: &Path, relative: &str, line: u32) -> String {
    let output = run(book, &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(65),
        "{relative}: check's stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{relative}:\n{stderr}");
    let prefix = format!("{}/{relative}:{line}:", book.display());
    let errors = error_lines(&stderr);
    assert!(
        errors.iter().any(|e| e.starts_with(&prefix)),
        "{relative}: expected an error at {prefix}, stderr:\n{stderr}"
    );
    let file_prefix = format!("{}/{relative}:", book.display());
    for error in errors.iter().filter(|_| relative != "folio.toml") {
        assert!(
            error.starts_with(&file_prefix),
            "{relative}: only the hostile file is blamed, stderr:\n{stderr}"
        );
    }
    let report = run(book, &["balance", "--as-of", "2026-12-31"]);
    let report_err = String::from_utf8_lossy(&report.stderr);
    assert_eq!(report.status.code(), Some(65), "{relative}: {report_err}");
    assert!(!report_err.contains("panicked"), "{relative}: {report_err}");
    assert!(
        report.stdout.is_empty(),
        "{relative}: no report on a bad book"
    );
    stderr
}

/// Places tests/fixtures/hostile/<fixture> in a base book and asserts it is refused at `line`.
fn assert_hostile(fixture: &str, line: u32) {
    let book = base_book();
    let source = hostile_dir().join(fixture);
    let bytes = std::fs::read(&source).unwrap();
    let relative = match fixture.strip_prefix("config/") {
        Some(_) => "folio.toml".to_string(),
        None => fixture.to_string(),
    };
    let target = book.path().join(&relative);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, bytes).unwrap();
    assert_refused(book.path(), &relative, line);
}

macro_rules! hostile {
    ($($test:ident: $fixture:literal => $line:literal;)*) => {
        $(
            #[test]
            fn $test() {
                assert_hostile($fixture, $line);
            }
        )*

        /// Every file of tests/fixtures/hostile/ has a test above.
        #[test]
        fn every_hostile_file_has_a_test() {
            let tested = [$($fixture,)*];
            let mut pending = vec![hostile_dir()];
            while let Some(dir) = pending.pop() {
                for entry in std::fs::read_dir(&dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        pending.push(path);
                        continue;
                    }
                    let relative = path.strip_prefix(hostile_dir()).unwrap();
                    let name = relative.to_string_lossy().replace('\\', "/");
                    if name == "README.md" || name == ".gitattributes" {
                        continue;
                    }
                    assert!(tested.contains(&name.as_str()), "no test for {name}");
                }
            }
        }
    };
}

hostile! {
    journal_truncated_line: "journal/truncated-line.journal" => 2;
    journal_truncated_mid_field: "journal/truncated-mid-field.journal" => 2;
    journal_wrong_kind: "journal/wrong-kind.journal" => 1;
    journal_ref_to_a_kind_of_the_other_side: "journal/kind-of-the-other-side.journal" => 1;
    journal_enormous_amount: "journal/enormous-amount.journal" => 2;
    journal_amount_past_the_decimal_range: "journal/amount-past-decimal-range.journal" => 1;
    journal_impossible_date: "journal/impossible-date.journal" => 2;
    journal_impossible_due_date: "journal/impossible-due-date.journal" => 1;
    journal_duplicate_id_across_files: "journal/duplicate-id-across-files.journal" => 1;
    journal_nul_bytes: "journal/nul-bytes.journal" => 2;
    journal_invalid_utf8: "journal/invalid-utf8.journal" => 1;
    journal_bom_then_error: "journal/bom-then-error.journal" => 1;
    journal_bom_in_the_middle: "journal/bom-in-the-middle.journal" => 2;
    journal_crlf_mixed_with_lf: "journal/crlf-mixed-with-lf.journal" => 3;
    journal_lone_carriage_returns: "journal/lone-carriage-returns.journal" => 1;
    journal_control_characters: "journal/control-characters.journal" => 2;
    journal_contact_id_with_a_path: "journal/unknown-contact-traversal.journal" => 1;
    journal_document_id_with_a_path: "journal/document-id-traversal.journal" => 1;
    contact_string_for_table: "contacts/string-for-table.toml" => 2;
    contact_table_for_string: "contacts/table-for-string.toml" => 2;
    contact_array_for_string: "contacts/array-for-string.toml" => 2;
    contact_string_for_integer: "contacts/string-for-integer.toml" => 2;
    contact_string_for_bool: "contacts/string-for-bool.toml" => 3;
    contact_string_for_notes: "contacts/string-for-notes.toml" => 2;
    contact_note_that_is_not_a_table: "contacts/notes-entry-not-a-table.toml" => 2;
    contact_integer_for_name: "contacts/integer-for-name.toml" => 1;
    contact_enormous_credit_limit: "contacts/enormous-credit-limit.toml" => 2;
    contact_impossible_since: "contacts/impossible-since.toml" => 2;
    contact_unterminated_string: "contacts/unterminated-string.toml" => 1;
    contact_truncated: "contacts/truncated.toml" => 2;
    contact_duplicate_key: "contacts/duplicate-key.toml" => 2;
    contact_nul_byte: "contacts/nul-byte.toml" => 1;
    contact_invalid_utf8: "contacts/invalid-utf8.toml" => 1;
    contact_crlf_mixed_with_lf: "contacts/crlf-mixed-with-lf.toml" => 3;
    contact_bom_then_error: "contacts/bom-then-error.toml" => 1;
    contact_deep_nesting: "contacts/deep-nesting.toml" => 2;
    contact_duplicated_in_a_subfolder: "contacts/eu/acme.toml" => 1;
    contact_id_not_lower_case: "contacts/Upper-Case.toml" => 1;
    config_string_for_table: "config/string-for-table.toml" => 3;
    config_string_for_segments: "config/string-for-segments.toml" => 3;
    config_buckets_not_increasing: "config/buckets-not-increasing.toml" => 4;
    config_negative_terms: "config/negative-terms.toml" => 3;
    config_enormous_terms: "config/enormous-terms.toml" => 3;
    config_array_for_name: "config/array-for-name.toml" => 1;
    config_send_command_as_a_shell_string: "config/send-command-as-a-string.toml" => 4;
    config_deeply_nested_segment_rule: "config/deep-segment-rule.toml" => 4;
    config_nul_byte: "config/nul-byte.toml" => 1;
    config_invalid_utf8: "config/invalid-utf8.toml" => 3;
    config_empty: "config/empty.toml" => 1;
}

// ---------------------------------------------------------------------------------------------
// Cases git cannot hold.

/// Peak resident memory of `folio ARGS` in KiB, when /usr/bin/time is there to measure it.
fn peak_rss_kib(book: &Path, args: &[&str]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let output = std::process::Command::new(time)
        .args(["-f", "peak-rss-kib %M"])
        .arg(env!("CARGO_BIN_EXE_folio"))
        .arg("--book")
        .arg(book)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .rev()
        .find_map(|line| line.strip_prefix("peak-rss-kib "))
        .and_then(|kib| kib.trim().parse().ok())
}

#[test]
fn a_one_megabyte_line_is_refused_with_its_position_in_bounded_memory() {
    let book = base_book();
    // A 1 MB memo is fine; a 1 MB contact id names no contact, a 1 MB amount is too large.
    let token = "x".repeat(1 << 20);
    let digits = "9".repeat(1 << 20);
    let memo = "memo ".repeat(1 << 18);
    let text = format!(
        "2026-03-01 invoice INV-H-1 acme 1 ; {memo}\n2026-03-02 invoice INV-H-2 {token} 1\n2026-03-03 invoice INV-H-3 acme {digits}\n"
    );
    std::fs::write(book.path().join("journal/huge.journal"), text).unwrap();
    let stderr = assert_refused(book.path(), "journal/huge.journal", 2);
    assert!(
        stderr.len() < 64 * 1024,
        "the 1 MB tokens are not printed whole: {} bytes of stderr",
        stderr.len()
    );
    match peak_rss_kib(book.path(), &["check"]) {
        Some(kib) => assert!(kib < 100 * 1024, "peak RSS {kib} KiB"),
        None => crate::util::skipped(
            "/usr/bin/time is missing (apt-get install time), so the memory of the 1 MB line",
        ),
    }
}

#[test]
fn a_one_megabyte_contact_file_line_is_refused_with_its_position() {
    let book = base_book();
    let text = format!("name = \"Hostile\"\nnmae = \"{}\"\n", "y".repeat(1 << 20));
    std::fs::write(book.path().join("contacts/huge.toml"), text).unwrap();
    let stderr = assert_refused(book.path(), "contacts/huge.toml", 2);
    assert!(stderr.len() < 64 * 1024, "{} bytes of stderr", stderr.len());
    if let Some(kib) = peak_rss_kib(book.path(), &["check"]) {
        assert!(kib < 100 * 1024, "peak RSS {kib} KiB");
    }
}

#[test]
fn a_contact_file_that_is_a_directory() {
    let book = base_book();
    std::fs::create_dir_all(book.path().join("contacts/folder.toml/inner")).unwrap();
    std::fs::write(
        book.path().join("contacts/folder.toml/inner/x.toml"),
        "name = \"X\"\n",
    )
    .unwrap();
    let stderr = assert_refused(book.path(), "contacts/folder.toml", 1);
    assert!(stderr.contains("found a directory"), "{stderr}");
}

#[test]
fn a_journal_file_that_is_a_directory() {
    let book = base_book();
    std::fs::create_dir_all(book.path().join("journal/2027.journal")).unwrap();
    assert_refused(book.path(), "journal/2027.journal", 1);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_contact_file_linked_to_nowhere() {
        let book = base_book();
        symlink("gone.toml", book.path().join("contacts/ghost.toml")).unwrap();
        let stderr = assert_refused(book.path(), "contacts/ghost.toml", 1);
        assert!(stderr.contains("symbolic link to nowhere"), "{stderr}");
    }

    #[test]
    fn a_journal_file_linked_to_nowhere() {
        let book = base_book();
        symlink("gone.journal", book.path().join("journal/ghost.journal")).unwrap();
        assert_refused(book.path(), "journal/ghost.journal", 1);
    }

    #[test]
    fn a_contact_file_linked_to_a_directory() {
        let book = base_book();
        std::fs::create_dir_all(book.path().join("elsewhere")).unwrap();
        symlink(
            book.path().join("elsewhere"),
            book.path().join("contacts/linked.toml"),
        )
        .unwrap();
        assert_refused(book.path(), "contacts/linked.toml", 1);
    }

    #[test]
    fn a_contact_file_that_is_a_named_pipe_does_not_hang_the_load() {
        let book = base_book();
        let pipe = book.path().join("contacts/pipe.toml");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|s| s.success()) {
            crate::util::skipped("`mkfifo` does not run (coreutils)");
            return;
        }
        let stderr = assert_refused(book.path(), "contacts/pipe.toml", 1);
        assert!(stderr.contains("named pipe"), "{stderr}");
    }
}

/// Regression: an aging bucket bound of u32::MAX days (folio.toml only asks for increasing
/// bounds) overflowed while making the bucket labels, and `folio aging` panicked.
#[test]
fn aging_buckets_up_to_u32_max_do_not_overflow() {
    let book = base_book();
    std::fs::write(
        book.path().join("folio.toml"),
        "name = \"Hostile Base\"\ncurrency = \"EUR\"\n[aging]\nbuckets = [30, 4294967295]\n",
    )
    .unwrap();
    let output = run(book.path(), &["aging", "--as-of", "2026-12-31"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("31-4294967295"), "{stdout}");
}

/// A rule nested past the CEL parser's limit is refused in words, not with the parser's debug
/// output (`OtherError(ParseError { ... })`): folio measures the nesting before the parser runs.
#[test]
fn a_deeply_nested_segment_rule_is_refused_in_words() {
    let book = base_book();
    let source = hostile_dir().join("config/deep-segment-rule.toml");
    std::fs::copy(source, book.path().join("folio.toml")).unwrap();
    let stderr = assert_refused(book.path(), "folio.toml", 4);
    assert!(
        stderr.contains("folio.toml:4:74: error: segment `deep`: the rule nests too deep at character 65: more than 64 levels"),
        "{stderr}"
    );
    assert!(!stderr.contains("OtherError"), "{stderr}");
}
