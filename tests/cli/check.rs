//! `folio check`: every kind of problem is reported at its file, line and column, all of them at
//! once, with exit 65; warnings fail only with `--strict`; nothing ever panics.
//!
//! The books with one planted error each live in tests/fixtures/errors/<name>/; the cases that
//! depend on exact bytes (BOM, CRLF, a 1 MB line) are written by the tests themselves.

use crate::util::{TestBook, folio, repo_root};
use std::path::{Path, PathBuf};
use std::process::Output;

fn errors_dir() -> PathBuf {
    repo_root().join("tests/fixtures/errors")
}

fn books_dir() -> PathBuf {
    repo_root().join("tests/fixtures/books")
}

/// `folio --book DIR ARGS...`, run.
fn run(dir: &Path, args: &[&str]) -> Output {
    folio().arg("--book").arg(dir).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("folio writes UTF-8")
}

/// The `path:line:column: severity: message` lines of stderr, without excerpts and summary.
fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains(": error: ") || line.contains(": warning: "))
        .filter(|line| !line.starts_with(' ') && !line.contains(" | "))
        .collect()
}

/// Runs `check` on tests/fixtures/errors/<name> and asserts exit 65, that the first line is
/// `<book dir>/<expected>` (`{book}` in `expected` also stands for the book's directory), and
/// that it is the only error.
fn assert_planted(name: &str, expected: &str) {
    let dir = errors_dir().join(name);
    let output = run(&dir, &["check"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{name}: stderr:\n{stderr}");
    let book = dir.display().to_string();
    let expected = format!("{book}/{}", expected.replace("{book}", &book));
    assert_eq!(
        stderr.lines().next(),
        Some(expected.as_str()),
        "{name}: stderr:\n{stderr}"
    );
    assert_eq!(
        diagnostic_lines(&stderr).len(),
        1,
        "{name}: one planted error, stderr:\n{stderr}"
    );
    assert!(
        stderr.ends_with("1 error(s), 0 warning(s)\n"),
        "{name}: stderr:\n{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "{name}: nothing on stdout when the book is invalid"
    );
}

macro_rules! planted {
    ($($test:ident: $fixture:literal => $expected:literal;)*) => {
        $(
            #[test]
            fn $test() {
                assert_planted($fixture, $expected);
            }
        )*

        /// Every fixture under tests/fixtures/errors has a test above (or is `all`).
        #[test]
        fn every_error_fixture_has_a_test() {
            let tested = [$($fixture,)* "all"];
            for entry in std::fs::read_dir(errors_dir()).unwrap() {
                let entry = entry.unwrap();
                if entry.file_type().unwrap().is_dir() {
                    let name = entry.file_name().into_string().unwrap();
                    assert!(tested.contains(&name.as_str()), "no test for tests/fixtures/errors/{name}");
                }
            }
        }
    };
}

planted! {
    // Journal lines.
    bad_date: "bad-date" => "journal/2026.journal:3:1: error: expected a date YYYY-MM-DD, found `2026-1-20`";
    impossible_date: "impossible-date" => "journal/2026.journal:3:1: error: `2026-02-30` is not a calendar date";
    unknown_kind: "unknown-kind" => "journal/2026.journal:3:12: error: unknown kind `invoce`; did you mean `invoice`?";
    bad_document_id: "bad-document-id" => "journal/2026.journal:3:20: error: invalid document id `INV#2`: expected a letter or digit, then letters, digits, '.', '_', '/' or '-'";
    unknown_contact: "unknown-contact" => "journal/2026.journal:3:26: error: unknown contact `acmee`; did you mean `acme`?";
    bad_amount: "bad-amount" => "journal/2026.journal:3:31: error: invalid amount `1.210,00`: expected an amount such as 1210.00 (digits, optional '.' and up to 4 decimals, no sign, no thousands separator)";
    zero_amount: "zero-amount" => "journal/2026.journal:3:31: error: invalid amount `0.00`: amount must be strictly positive";
    too_many_decimals: "too-many-decimals" => "journal/2026.journal:3:31: error: invalid amount `10.12345`: amount has more than 4 decimals";
    too_many_digits: "too-many-digits" => "journal/2026.journal:3:31: error: invalid amount `12345678901234567890123456789`: amount has more than 18 integer digits";
    bad_currency: "bad-currency" => "journal/2026.journal:3:38: error: invalid currency `eur`: expected three upper-case letters; did you mean `EUR`?";
    due_on_payment: "due-on-payment" => "journal/2026.journal:3:38: error: due: is only allowed on invoice and bill, not on payment";
    ref_on_invoice: "ref-on-invoice" => "journal/2026.journal:3:38: error: ref: is not allowed on invoice; it names the document a payment, credit, refund, payout or debit applies to";
    unknown_ref: "unknown-ref" => "journal/2026.journal:3:42: error: ref:INV-9 names no document of this book; expected the id of an invoice or a refund";
    ref_wrong_kind: "ref-wrong-kind" => "journal/2026.journal:4:41: error: ref:PAY-1 names a payment; a payment may only refer to an invoice or a refund";
    ref_other_contact: "ref-other-contact" => "journal/2026.journal:3:42: error: ref:INV-1 is an invoice of `acme`, not of `beta`; a ref must name a document of the same contact";
    ref_other_currency: "ref-other-currency" => "journal/2026.journal:3:46: error: ref:INV-1 is in EUR, this entry in USD; a ref must name a document in the same currency";
    // journal/2026/01.journal comes before journal/2026-02.journal in path order (by component),
    // although not as a string: the duplicate is the one in 2026-02.journal.
    duplicate_id: "duplicate-id" => "journal/2026-02.journal:2:20: error: duplicate document id `INV-1`: first used at {book}/journal/2026/01.journal:1";
    no_currency: "no-currency" => "journal/2026.journal:2:31: error: no currency for this entry: write one after the amount, or set `currency` in the contact `acme` or in folio.toml";
    missing_fields: "missing-fields" => "journal/2026.journal:3:30: error: expected an amount, found the end of the line";
    non_utf8: "non-utf8" => "journal/2026.journal:3:43: error: invalid UTF-8 byte \\xE9: folio files must be UTF-8 text; re-save the file as UTF-8";
    nul_bytes: "nul-bytes" => "journal/2026.journal:3:37: error: NUL byte in the line: journal files must be plain text";
    journal_directory: "journal-directory" => "journal/y.journal:1:1: error: expected a .journal file, found a directory";
    journal_is_a_file: "journal-is-a-file" => "journal:1:1: error: expected a folder of .journal files, found a file";

    // Contact files.
    unknown_contact_key: "unknown-contact-key" => "contacts/acme.toml:5:1: error: unknown key `emial`; did you mean `email`?";
    wrong_toml_type: "wrong-toml-type" => "contacts/acme.toml:5:11: error: invalid value for `address`: expected a table, found string \"Rue de la Loi 16, 1000 Brussels\"";
    invalid_contact_id: "invalid-contact-id" => "contacts/Beta Foods.toml:1:1: error: invalid contact id `Beta Foods`: expected 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";
    duplicate_contact: "duplicate-contact" => "contacts/fr/acme.toml:1:1: error: duplicate contact id `acme`: {book}/contacts/be/acme.toml defines it too; a contact id must be unique across all subfolders";
    toml_directory: "toml-directory" => "contacts/x.toml:1:1: error: expected a .toml file, found a directory";
    bad_credit_limit: "bad-credit-limit" => "contacts/acme.toml:5:16: error: invalid credit_limit `-5000.00`: expected zero or more; leave the key out for no limit";
    bad_role: "bad-role" => "contacts/acme.toml:2:22: error: unknown role `suplier`; did you mean `supplier`?";
    negative_terms: "negative-terms" => "contacts/acme.toml:5:9: error: invalid number of days `-14`: expected a whole number, zero or more";
    line_break_in_name: "line-break-in-name" => "contacts/acme.toml:1:8: error: `name` holds a carriage return (\\r) at character 16: expected a single line of text";
    bad_country: "bad-country" => "contacts/acme.toml:8:11: error: invalid country `Belgium`: expected two upper-case letters (ISO 3166-1 alpha-2), e.g. \"BE\"";
    bad_since: "bad-since" => "contacts/acme.toml:5:9: error: expected a date YYYY-MM-DD, found `01/03/2021`";
    bad_contact_currency: "bad-contact-currency" => "contacts/beta.toml:2:12: error: invalid currency `euro`: expected three upper-case letters (ISO 4217), e.g. \"EUR\"";
    missing_contact_name: "missing-contact-name" => "contacts/beta.toml:1:1: error: missing required key `name`; add a line such as name = \"Acme Trading BV\"";
    toml_syntax: "toml-syntax" => "contacts/beta.toml:1:22: error: invalid TOML: invalid basic string, expected `\"`";

    // folio.toml.
    unknown_config_key: "unknown-config-key" => "folio.toml:4:1: error: unknown key `term`; did you mean `terms`?";
    missing_name: "missing-name" => "folio.toml:1:1: error: missing required key `name`; add a line such as name = \"Acme Trading BV\"";
    bad_buckets: "bad-buckets" => "folio.toml:6:11: error: invalid aging buckets [60, 30, 90]: expected at least one number of days, each above zero and larger than the one before, e.g. [30, 60, 90]";
    bad_warn_at: "bad-warn-at" => "folio.toml:6:11: error: invalid warn_at `80`: expected a share of the credit limit above 0 and at most 1, e.g. 0.8 for 80%";
}

/// Every line `check` must print for tests/fixtures/errors/all, after `<book dir>/`.
const ALL_ERRORS: &[&str] = &[
    "contacts/Gamma Ltd.toml:1:1: error: invalid contact id `Gamma Ltd`: expected 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
    "contacts/acme.toml:5:1: error: unknown key `emial`; did you mean `email`?",
    "contacts/beta.toml:3:11: error: invalid value for `address`: expected a table, found string \"Rue Neuve 1\"",
    "contacts/delta.toml:3:16: error: invalid credit_limit `-5000.00`: expected zero or more; leave the key out for no limit",
    "contacts/delta.toml:4:22: error: unknown role `suplier`; did you mean `supplier`?",
    "contacts/delta.toml:5:9: error: invalid number of days `-14`: expected a whole number, zero or more",
    "contacts/delta.toml:6:9: error: expected a date YYYY-MM-DD, found `01/03/2021`",
    "contacts/delta.toml:8:11: error: invalid country `Belgium`: expected two upper-case letters (ISO 3166-1 alpha-2), e.g. \"BE\"",
    "contacts/epsilon.toml:1:1: error: missing required key `name`; add a line such as name = \"Acme Trading BV\"",
    "contacts/us/dup.toml:1:1: error: duplicate contact id `dup`: {book}/contacts/eu/dup.toml defines it too; a contact id must be unique across all subfolders",
    "contacts/x.toml:1:1: error: expected a .toml file, found a directory",
    "folio.toml:3:1: error: unknown key `term`; did you mean `terms`?",
    "folio.toml:6:11: error: invalid aging buckets [60, 30, 90]: expected at least one number of days, each above zero and larger than the one before, e.g. [30, 60, 90]",
    "folio.toml:9:11: error: invalid warn_at `80`: expected a share of the credit limit above 0 and at most 1, e.g. 0.8 for 80%",
    "journal/2026/01.journal:3:1: error: expected a date YYYY-MM-DD, found `2026-1-20`",
    "journal/2026/01.journal:4:1: error: `2026-02-30` is not a calendar date",
    "journal/2026/01.journal:5:12: error: unknown kind `invoce`; did you mean `invoice`?",
    "journal/2026/01.journal:6:20: error: invalid document id `INV#5`: expected a letter or digit, then letters, digits, '.', '_', '/' or '-'",
    "journal/2026/01.journal:7:26: error: unknown contact `acmee`; did you mean `acme`?",
    "journal/2026/01.journal:8:31: error: invalid amount `1.210,00`: expected an amount such as 1210.00 (digits, optional '.' and up to 4 decimals, no sign, no thousands separator)",
    "journal/2026/01.journal:9:31: error: invalid amount `0.00`: amount must be strictly positive",
    "journal/2026/01.journal:10:31: error: invalid amount `10.12345`: amount has more than 4 decimals",
    "journal/2026/01.journal:11:32: error: invalid amount `12345678901234567890123456789`: amount has more than 18 integer digits",
    "journal/2026/01.journal:12:39: error: invalid currency `eur`: expected three upper-case letters; did you mean `EUR`?",
    "journal/2026/01.journal:13:38: error: due: is only allowed on invoice and bill, not on payment",
    "journal/2026/01.journal:14:39: error: ref: is not allowed on invoice; it names the document a payment, credit, refund, payout or debit applies to",
    "journal/2026/01.journal:15:42: error: ref:INV-99 names no document of this book; expected the id of an invoice or a refund",
    "journal/2026/01.journal:17:41: error: ref:PAY-3 names a payment; a payment may only refer to an invoice or a refund",
    "journal/2026/01.journal:18:42: error: ref:INV-1 is an invoice of `acme`, not of `beta`; a ref must name a document of the same contact",
    "journal/2026/01.journal:19:42: error: ref:INV-U is in USD, this entry in EUR; a ref must name a document in the same currency",
    "journal/2026/01.journal:20:33: error: no currency for this entry: write one after the amount, or set `currency` in the contact `nocur` or in folio.toml",
    "journal/2026/01.journal:21:31: error: expected an amount, found the end of the line",
    "journal/2026-02.journal:1:20: error: duplicate document id `INV-1`: first used at {book}/journal/2026/01.journal:1",
    "journal/2026-02.journal:2:38: error: NUL byte in the line: journal files must be plain text",
    "journal/2026-03.journal:1:44: error: invalid UTF-8 byte \\xE9: folio files must be UTF-8 text; re-save the file as UTF-8",
    "journal/y.journal:1:1: error: expected a .journal file, found a directory",
];

/// Copies a fixture book into a temporary directory, to add files to it.
fn copy_book(from: &Path) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(from, dir.path());
    dir
}

#[test]
fn every_error_of_a_book_is_reported_in_path_order() {
    // The `all` fixture, plus a 1 MB line (too big to commit).
    let book = copy_book(&errors_dir().join("all"));
    let huge = format!("2026-01-20 invoice INV-30 acme {}\n", "9".repeat(1 << 20));
    std::fs::write(book.path().join("journal/zz-huge.journal"), huge).unwrap();

    let output = run(book.path(), &["check"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    let shown = book.path().display().to_string();
    let mut expected: Vec<String> = ALL_ERRORS
        .iter()
        .map(|line| format!("{shown}/{}", line.replace("{book}", &shown)))
        .collect();
    expected.push(format!(
        "{shown}/journal/zz-huge.journal:1:32: error: invalid amount `{}…{}`: amount has more than 18 integer digits",
        "9".repeat(40),
        "9".repeat(12)
    ));
    assert_eq!(diagnostic_lines(&stderr), expected, "stderr:\n{stderr}");
    assert!(stderr.ends_with(&format!("{} error(s), 0 warning(s)\n", expected.len())));
    // The 1 MB line is cut in the excerpt too: nothing floods the terminal.
    assert!(stderr.len() < 20_000, "stderr is {} bytes", stderr.len());
}

#[test]
fn no_fixture_makes_folio_panic() {
    for root in [errors_dir(), books_dir()] {
        for entry in std::fs::read_dir(&root).unwrap() {
            let dir = entry.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for args in [
                &["check"][..],
                &["check", "--strict"],
                &["balance", "--as-of", "2026-12-31"],
            ] {
                let output = run(&dir, args);
                let code = output.status.code();
                let stderr = text(&output.stderr);
                assert!(
                    matches!(code, Some(0 | 1 | 65)),
                    "{} {args:?}: exit {code:?}\n{stderr}",
                    dir.display()
                );
                assert!(!stderr.contains("panicked"), "{}: {stderr}", dir.display());
            }
        }
    }
}

#[test]
fn paths_are_relative_when_the_book_is_found_from_the_current_directory() {
    let dir = errors_dir().join("unknown-kind");
    let output = folio()
        .current_dir(dir.join("journal"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let first = text(&output.stderr).lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "../journal/2026.journal:3:12: error: unknown kind `invoce`; did you mean `invoice`?"
    );
    let output = folio().current_dir(&dir).arg("check").output().unwrap();
    assert!(text(&output.stderr).starts_with("journal/2026.journal:3:12: error: unknown kind"));
}

#[test]
fn the_excerpt_shows_the_line_and_a_caret_under_the_column() {
    let output = run(&errors_dir().join("unknown-contact"), &["check"]);
    let stderr = text(&output.stderr);
    let excerpt: Vec<&str> = stderr.lines().skip(1).take(3).collect();
    assert_eq!(
        excerpt,
        [
            "  |",
            "3 | 2026-01-20 invoice INV-2 acmee 100.00",
            "  |                          ^",
        ]
    );
}

#[test]
fn a_clean_book_checks_ok() {
    let dir = books_dir().join("clean");
    let output = run(&dir, &["check", "--strict"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "ok: 2 contacts, 9 entries in 1 journal file(s), 0 warning(s)\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = books_dir().join("warnings");
    let book = dir.display();
    let expected = [
        format!(
            "{book}/contacts/acme-bis.toml:3:1: warning: VAT number BE0403170701 is also used by contact `acme`; is this the same company twice?"
        ),
        format!(
            "{book}/journal/2026.journal:2:24: warning: bill for `acme`, whose roles do not include supplier; add \"supplier\" to its roles or check the kind"
        ),
        format!(
            "{book}/journal/2026.journal:3:45: warning: due date 2026-01-01 is before the invoice date 2026-02-01"
        ),
    ];
    let output = run(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(diagnostic_lines(&text(&output.stderr)), expected);
    assert_eq!(
        text(&output.stdout),
        "ok: 2 contacts, 3 entries in 1 journal file(s), 3 warning(s)\n"
    );

    let output = run(&dir, &["check", "--strict"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(diagnostic_lines(&text(&output.stderr)), expected);

    // Reports run on a book with warnings only.
    let output = run(
        &dir,
        &["balance", "--as-of", "2026-12-31", "--format", "csv"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}

#[test]
fn one_vat_number_in_two_spellings_is_found_shared() {
    // The 9-digit form of a Belgian number from before the enterprise number, and the Dutch
    // number without its leading zeros, are the same numbers as their canonical forms.
    let book = TestBook::new()
        .contact("acme", "name = \"Acme\"\nvat = \"BE0403170701\"\n")
        .contact(
            "acme-old",
            "name = \"Acme (old)\"\nvat = \"BE 403.170.701\"\n",
        )
        .contact("dam", "name = \"Dam\"\nvat = \"NL000099998B57\"\n")
        .contact("dam-short", "name = \"Dam\"\nvat = \"NL 99998 B57\"\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    let root = book.path().display();
    assert_eq!(
        diagnostic_lines(&stderr),
        [
            format!(
                "{root}/contacts/acme-old.toml:2:1: warning: VAT number BE0403170701 is also used by contact `acme`; is this the same company twice?"
            ),
            format!(
                "{root}/contacts/dam-short.toml:2:1: warning: VAT number NL000099998B57 is also used by contact `dam`; is this the same company twice?"
            ),
        ]
    );
}

#[test]
fn errors_and_warnings_together_exit_65_even_with_strict() {
    let book = TestBook::new().customer("acme").journal(
        "a",
        "2026-01-15 bill B-1 acme 10.00\n2026-01-16 invoice I-1 acme 0\n",
    );
    for args in [&["check"][..], &["check", "--strict"]] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(output.status.code(), Some(65));
        let stderr = text(&output.stderr);
        assert_eq!(diagnostic_lines(&stderr).len(), 2, "{stderr}");
        assert!(stderr.ends_with("1 error(s), 1 warning(s)\n"), "{stderr}");
    }
}

#[test]
fn balance_on_an_invalid_book_exits_65_and_prints_the_errors() {
    let dir = errors_dir().join("unknown-kind");
    let output = run(&dir, &["balance", "--format", "json"]);
    assert_eq!(output.status.code(), Some(65));
    assert!(output.stdout.is_empty(), "no report from an invalid book");
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{}/journal/2026.journal:3:12: error: unknown kind `invoce`; did you mean `invoice`?\n",
            dir.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("folio check"), "{stderr}");

    // Only errors: warnings stay for `check`.
    let output = run(&errors_dir().join("all"), &["balance", "--payables"]);
    assert_eq!(output.status.code(), Some(65));
    let stderr = text(&output.stderr);
    assert_eq!(
        diagnostic_lines(&stderr).len(),
        ALL_ERRORS.len(),
        "{stderr}"
    );
    assert!(!stderr.contains("warning:"));
}

// ---------------------------------------------------------------------------------------------
// Empty files, BOM, CRLF, long lines.

fn first_line(book: &TestBook, args: &[&str]) -> (Option<i32>, String) {
    let output = book.folio(args).output().unwrap();
    let stderr = text(&output.stderr);
    let first = stderr.lines().next().unwrap_or_default().to_string();
    let prefix = format!("{}/", book.path().display());
    (
        output.status.code(),
        first
            .strip_prefix(&prefix)
            .map(str::to_string)
            .unwrap_or(first),
    )
}

#[test]
fn empty_files() {
    let (code, line) = first_line(&TestBook::with_config(""), &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "folio.toml:1:1: error: missing required key `name`; add a line such as name = \"Acme Trading BV\""
    );

    let book = TestBook::new().contact("acme", "");
    let (code, line) = first_line(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "contacts/acme.toml:1:1: error: missing required key `name`; add a line such as name = \"Acme Trading BV\""
    );

    // An empty journal, or one with only blank and comment lines, is a valid journal.
    let book = TestBook::new()
        .customer("acme")
        .journal("empty", "")
        .journal("comments", "\n  \n; note\n\t# note\n\r\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "ok: 1 contacts, 0 entries in 2 journal file(s), 0 warning(s)\n"
    );
}

#[test]
fn a_byte_order_mark_is_skipped_and_not_counted_in_columns() {
    let bom = "\u{feff}";
    let book = TestBook::with_config(&format!("{bom}name = \"Bom Books\"\ncurrency = \"EUR\"\n"))
        .contact("acme", &format!("{bom}name = \"Acme\"\n"))
        .journal("a", &format!("{bom}2026-01-15 invoice INV-1 acme 10.00\n"));
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    let book = TestBook::new()
        .contact("acme", &format!("{bom}nme = \"Acme\"\n"))
        .journal("a", &format!("{bom}2026-01-15 invoce INV-1 acme 10.00\n"));
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = text(&output.stderr);
    let lines = diagnostic_lines(&stderr);
    let shown = book.path().display();
    assert_eq!(
        lines,
        [
            format!(
                "{shown}/contacts/acme.toml:1:1: error: unknown key `nme`; did you mean `name`?"
            ),
            format!(
                "{shown}/journal/a.journal:1:12: error: unknown kind `invoce`; did you mean `invoice`?"
            ),
        ]
    );
}

#[test]
fn crlf_and_mixed_line_endings_count_lines_and_columns_right() {
    let journal = "; mixed endings\r\n2026-01-15 invoice INV-1 acme 10.00\n2026-01-16 invoice INV-2 acme 10,00\r\n\r\n2026-01-17 payment PAY-1 acme 5.00 ref:INV-9\n";
    let book = TestBook::new()
        .contact(
            "acme",
            "name = \"Acme\"\r\nroles = [\"customer\"]\r\nemial = \"a@b.example\"\r\n",
        )
        .journal("a", journal);
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = text(&output.stderr);
    let shown = book.path().display();
    assert_eq!(
        diagnostic_lines(&stderr),
        [
            format!(
                "{shown}/contacts/acme.toml:3:1: error: unknown key `emial`; did you mean `email`?"
            ),
            format!(
                "{shown}/journal/a.journal:3:31: error: invalid amount `10,00`: expected an amount such as 1210.00 (digits, optional '.' and up to 4 decimals, no sign, no thousands separator)"
            ),
            format!(
                "{shown}/journal/a.journal:5:40: error: ref:INV-9 names no document of this book; expected the id of an invoice or a refund"
            ),
        ]
    );
    // No carriage return reaches the terminal.
    assert!(!stderr.contains('\r'));

    // A CRLF journal with no error is read exactly like its LF twin.
    let crlf = TestBook::new().customer("acme").journal(
        "a",
        "2026-01-15 invoice INV-1 acme 10.00 ; memo\r\n2026-02-01 payment P-1 acme 4.00\r\n",
    );
    let lf = TestBook::new().customer("acme").journal(
        "a",
        "2026-01-15 invoice INV-1 acme 10.00 ; memo\n2026-02-01 payment P-1 acme 4.00\n",
    );
    let args = ["balance", "--as-of", "2026-12-31", "--format", "json"];
    assert_eq!(crlf.stdout(&args), lf.stdout(&args));
}

#[test]
fn columns_count_characters_not_bytes() {
    let book = TestBook::new()
        .customer("acme")
        .journal("a", "2026-01-15 invoice INV-1 acme 10.00 client:Société ; é\n2026-01-15 invoice INV-2 acme 10.00 note:中文 oops\n");
    let (code, line) = first_line(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "journal/a.journal:2:45: error: expected a currency (three upper-case letters) or key:value metadata, found `oops`; a memo starts with ';'"
    );
}

#[test]
fn a_one_megabyte_line() {
    let memo = "é".repeat(500_000);
    // A 1 MB memo is fine.
    let book = TestBook::new().customer("acme").journal(
        "a",
        &format!("2026-01-15 invoice INV-1 acme 10.00 ; {memo}\n"),
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    // A 1 MB token is reported once, shortened, at its column.
    let junk = "x".repeat(1 << 20);
    let book = TestBook::new().customer("acme").journal(
        "a",
        &format!("{junk}\n2026-01-15 invoice INV-1 {junk} 10.00\n"),
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = text(&output.stderr);
    let shown = book.path().display();
    let short = format!("{}…{}", "x".repeat(40), "x".repeat(12));
    assert_eq!(
        diagnostic_lines(&stderr),
        [
            format!(
                "{shown}/journal/a.journal:1:1: error: expected a date YYYY-MM-DD, found `{short}`"
            ),
            format!(
                "{shown}/journal/a.journal:2:26: error: unknown contact `{short}`: expected the id of a contact, the name of a file in contacts/ without .toml"
            ),
        ]
    );
    assert!(stderr.len() < 2_000, "stderr is {} bytes", stderr.len());
}

#[test]
fn a_document_id_longer_than_an_entry_keeps_is_an_error_at_its_column() {
    let id = format!("INV-{}", "7".repeat(70_000));
    let book = TestBook::new().customer("acme").journal(
        "a",
        &format!("2026-01-15 invoice {id} acme 10.00\n2026-02-01 payment P-1 acme 4.00 ref:{id}\n"),
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = text(&output.stderr);
    let lines = diagnostic_lines(&stderr);
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].ends_with(
            "a.journal:1:20: error: a document id must start within the first 65535 bytes of its line and be at most that long"
        ),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// One mistake, one message: no follow-up errors.

#[test]
fn a_ref_to_a_line_with_its_own_error_is_not_reported_again() {
    let book = TestBook::new()
        .customer("acme")
        .journal("a", "2026-01-15 invoice INV-1 acmee 10.00\n2026-01-16 invoice INV-2 acme 1,5\n2026-02-01 payment P-1 acme 4.00 ref:INV-1\n2026-02-01 payment P-2 acme 4.00 ref:INV-2\n");
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(diagnostic_lines(&stderr).len(), 2, "{stderr}");
    assert!(stderr.contains("a.journal:1:26: error: unknown contact `acmee`"));
    assert!(stderr.contains("a.journal:2:31: error: invalid amount `1,5`"));
}

#[test]
fn a_broken_settings_or_contact_file_does_not_flood_the_journal() {
    // `curency` is unknown, so the book has no default currency: only that key is reported,
    // not "no currency" on every entry.
    let book = TestBook::with_config("name = \"B\"\ncurency = \"EUR\"\n")
        .customer("acme")
        .journal(
            "a",
            "2026-01-15 invoice INV-1 acme 10.00\n2026-01-16 invoice INV-2 acme 10.00\n",
        );
    let (code, line) = first_line(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "folio.toml:2:1: error: unknown key `curency`; did you mean `currency`?"
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(diagnostic_lines(&text(&output.stderr)).len(), 1);

    // A contact whose roles are misspelled gets no "roles do not fit" warnings on its entries.
    let book = TestBook::new()
        .contact("acme", "name = \"Acme\"\nroles = [\"suppplier\"]\n")
        .journal(
            "a",
            "2026-01-15 bill B-1 acme 10.00\n2026-01-16 invoice I-1 acme 10.00\n",
        );
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(diagnostic_lines(&stderr).len(), 1, "{stderr}");
    assert!(stderr.contains("unknown role `suppplier`; did you mean `supplier`?"));
}

#[test]
fn every_problem_of_one_contact_file_is_reported() {
    let book = TestBook::new().contact(
        "acme",
        "name = \"\"\nroles = [\"customer\", \"vendor\"]\nlanguage = \"FR\"\ncurrency = \"eur\"\ncredit_limit = \"5,000\"\n[address]\ncountry = \"be\"\ncity = 1000\n[[notes]]\nkind = \"call\"\ntext = \"no date\"\n[[notes]]\ndate = 2026-01-12\nkind = \"call\"\ntext = \"ok\"\n[preferences]\nnewsletter = \"no\"\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = text(&output.stderr);
    let shown = book.path().display();
    let lines: Vec<String> = diagnostic_lines(&stderr)
        .iter()
        .map(|line| {
            line.strip_prefix(&format!("{shown}/contacts/acme.toml:"))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        lines,
        [
            "1:8: error: `name` is empty: expected a name such as \"Acme Trading BV\"",
            "2:22: error: unknown role `vendor`: expected \"customer\" or \"supplier\"",
            "3:12: error: invalid language `FR`: expected a lower-case ISO 639-1 code; did you mean `fr`?",
            "4:12: error: invalid currency `eur`: expected three upper-case letters (ISO 4217); did you mean `EUR`?",
            "5:16: error: invalid number `5,000`: expected a decimal number such as \"5000.00\"",
            "7:11: error: invalid country `be`: expected two upper-case letters (ISO 3166-1 alpha-2); did you mean `BE`?",
            "8:8: error: invalid value for `address.city`: expected a string, found integer `1000`",
            "9:1: error: missing required key `date` in [[notes]]",
            "17:14: error: invalid value for `preferences.newsletter`: expected a boolean, found string \"no\"",
        ]
    );
}

#[test]
fn dates_in_toml_may_be_written_as_strings() {
    let book = TestBook::new().contact(
        "acme",
        "name = \"Acme\"\nsince = \"2021-03-01\"\n[[notes]]\ndate = \"2026-01-12\"\nkind = \"call\"\ntext = \"ok\"\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    let book = TestBook::new().contact("acme", "name = \"Acme\"\nsince = 2021-02-29\n");
    let (code, line) = first_line(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "contacts/acme.toml:2:9: error: `2021-02-29` is not a calendar date: expected day between 01 and 28"
    );

    let book = TestBook::new().contact("acme", "name = \"Acme\"\nsince = 2021-03-01T10:00:00\n");
    let (_, line) = first_line(&book, &["check"]);
    assert_eq!(
        line,
        "contacts/acme.toml:2:9: error: invalid date `2021-03-01T10:00:00`: expected a date YYYY-MM-DD without a time"
    );
}

#[test]
fn a_currency_resolves_from_the_line_then_the_contact_then_the_book() {
    let book = TestBook::with_config("name = \"No default\"\n")
        .contact("acme", "name = \"Acme\"\ncurrency = \"USD\"\n")
        .contact("beta", "name = \"Beta\"\n")
        .journal("a", "2026-01-15 invoice INV-1 acme 10.00\n2026-01-15 invoice INV-2 beta 10.00 CHF\n2026-01-16 invoice INV-3 beta 10.00\n");
    let (code, line) = first_line(&book, &["check"]);
    assert_eq!(code, Some(65));
    assert_eq!(
        line,
        "journal/a.journal:3:31: error: no currency for this entry: write one after the amount, or set `currency` in the contact `beta` or in folio.toml"
    );
}

#[test]
fn unreadable_and_missing_books() {
    let elsewhere = tempfile::tempdir().unwrap();
    let output = folio()
        .arg("--book")
        .arg(elsewhere.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
    assert!(text(&output.stderr).contains("has no folio.toml"));

    // folio.toml that is a directory is no book either.
    std::fs::create_dir(elsewhere.path().join("folio.toml")).unwrap();
    let output = folio()
        .arg("--book")
        .arg(elsewhere.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(66));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_once() {
    let book = TestBook::new()
        .customer("acme")
        .journal("a", "2026-01-15 invoice INV-1 acme 10.00\n");
    std::os::unix::fs::symlink(".", book.path().join("journal/again")).unwrap();
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = text(&output.stderr);
    assert_eq!(
        diagnostic_lines(&stderr),
        [format!(
            "{}/journal/again:1:1: error: this folder was already read through another path (a symbolic link loop?); remove the link",
            book.path().display()
        )]
    );
}

#[test]
fn check_format_json_lists_every_diagnostic_with_its_position_and_code() {
    let book = TestBook::new().customer("acme").journal(
        "2026",
        "2026-01-15 invoice INV-1 acme 100\n2026-01-16 invoice INV-2 nobody 50\n",
    );
    let output = run(book.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(65), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let list: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let first = &list[0];
    assert!(
        first["file"]
            .as_str()
            .is_some_and(|file| file.ends_with("journal/2026.journal")),
        "{list}"
    );
    assert_eq!(first["line"], 2);
    assert!(first["column"].as_u64().is_some_and(|c| c > 1), "{first}");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "journal");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("nobody")),
        "{first}"
    );
    let clean = TestBook::new().customer("acme");
    let output = run(clean.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout).trim(), "[]");
}
