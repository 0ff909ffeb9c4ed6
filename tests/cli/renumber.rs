//! `folio renumber` (ids used twice after a merge) and `folio merge-driver` (the same rule during
//! `git merge`), on real books and, where git is needed, real repositories in temp dirs.

use crate::util::{TestBook, tool};
use std::path::Path;

/// Runs git in `dir` with a fixed identity and no user or system config.
pub(crate) fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    git_command(dir, args).output().expect("git runs")
}

/// Commits in `dir` at a given time, so which of two commits is later never depends on how fast
/// the test runs (renumber tells the later document by its commit).
fn commit_at(dir: &Path, when: &str, message: &str) {
    let output = git_command(dir, &["commit", "-qm", message])
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git commit: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn git_command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .env("PATH", path_with_folio());
    command
}

/// $PATH with the folio under test first: git runs the merge driver and the hook as `folio`.
fn path_with_folio() -> std::ffi::OsString {
    let binary = assert_cmd::cargo::cargo_bin("folio");
    let mut dirs = vec![binary.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A Belgian customer with what a document needs to pass `check --strict`.
fn customer(name: &str, vat: &str) -> String {
    format!(
        "name = \"{name}\"\nvat = \"{vat}\"\nbuyer_reference = \"PO-1\"\n[address]\nstreet = \"Rue 1\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n"
    )
}

fn two_customers() -> TestBook {
    TestBook::with_company()
        .file(".gitattributes", "*.journal merge=union\n")
        .contact("acme", &customer("Acme", "BE0436739728"))
        .contact("bolt", &customer("Bolt", "BE0403170701"))
}

/// A book in git where branch `colleague` and `main` each issued an itemised invoice (the same
/// number) and recorded its payment; `main` is checked out. The colleague's are dated later, so
/// the numbers they get stay in date order.
fn two_branches(book: &TestBook, driver: bool) {
    two_branches_sending(book, driver, false);
}

/// [`two_branches`] with the driver, where the colleague also issued a credit note for part of
/// the invoice.
fn two_branches_crediting(book: &TestBook) {
    two_branches_with(book, true, &|book| {
        book.stdout(&[
            "credit-note",
            "--ref",
            "INV-2026-0001",
            "--item",
            "Refund",
            "--price",
            "10",
            "--vat",
            "21",
            "--date",
            "2026-03-07",
        ]);
    });
}

/// [`two_branches`], where the colleague also reminded bolt of its invoice before the merge.
fn two_branches_sending(book: &TestBook, driver: bool, colleague_sends: bool) {
    two_branches_with(book, driver, &|book| {
        if colleague_sends {
            std::fs::write(
                book.path().join("dunning.journal"),
                "2026-04-10 bolt INV-2026-0001 1 eml <20260410.bolt.0123456789abcdef@example.com>\n",
            )
            .unwrap();
        }
    });
}

/// The two branches, with `colleague` run on the colleague's branch before its commit.
fn two_branches_with(book: &TestBook, driver: bool, colleague: &dyn Fn(&TestBook)) {
    let dir = book.path();
    git_ok(dir, &["init", "-q"]);
    if driver {
        let installed = book.stdout(&["merge-driver", "--install"]);
        assert!(installed.contains("merge.folio.driver"), "{installed}");
    }
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-qm", "start"]);
    git_ok(dir, &["checkout", "-qb", "colleague"]);
    book.stdout(&[
        "invoice",
        "bolt",
        "--item",
        "Work",
        "--price",
        "100",
        "--vat",
        "21",
        "--date",
        "2026-03-03",
    ]);
    book.stdout(&[
        "payment",
        "bolt",
        "121",
        "--ref",
        "INV-2026-0001",
        "--date",
        "2026-03-06",
    ]);
    colleague(book);
    git_ok(dir, &["add", "-A"]);
    commit_at(dir, "2026-03-06T12:00:00Z", "colleague: bolt");
    git_ok(dir, &["checkout", "-q", "main"]);
    book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Other",
        "--price",
        "50",
        "--vat",
        "21",
        "--date",
        "2026-03-02",
    ]);
    book.stdout(&[
        "payment",
        "acme",
        "60.50",
        "--ref",
        "INV-2026-0001",
        "--date",
        "2026-03-05",
    ]);
    git_ok(dir, &["add", "-A"]);
    commit_at(dir, "2026-03-05T12:00:00Z", "main: acme");
}

fn balances(book: &TestBook) -> serde_json::Value {
    book.json(&["balance"])
}

#[test]
fn a_conflicted_merge_of_two_invoices_is_resolved_by_renumber() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches(&book, false);
    // Without the driver the journal merges (union) but the documents conflict.
    let merge = git(book.path(), &["merge", "-q", "colleague"]);
    assert!(!merge.status.success());
    book.folio(&["check"]).assert().code(65);
    let out = book.stdout(&["renumber"]);
    assert!(
        out.contains("INV-2026-0001 -> INV-2026-0002  invoice bolt"),
        "{out}"
    );
    assert!(
        out.contains("PAY-2026-00001 -> PAY-2026-00002  payment bolt"),
        "{out}"
    );
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("invoice INV-2026-0002 bolt 121.00"),
        "{journal}"
    );
    assert!(
        journal.contains("PAY-2026-00002 bolt 121 EUR ref:INV-2026-0002"),
        "{journal}"
    );
    assert!(
        journal.contains("PAY-2026-00001 acme 60.50 EUR ref:INV-2026-0001"),
        "{journal}"
    );
    book.stdout(&["check", "--strict"]);
    let rendered = book.stdout(&["render", "INV-2026-0002"]);
    assert!(rendered.contains("INV-2026-0002"), "{rendered}");
    assert!(rendered.contains("+++002/0260/00297+++"), "{rendered}");
    assert!(rendered.contains("Bolt"), "{rendered}");
    let kept = book.stdout(&["render", "INV-2026-0001"]);
    assert!(
        kept.contains("Acme") && kept.contains("+++002/0260/00196+++"),
        "{kept}"
    );
    let balance = balances(&book);
    assert_eq!(balance.as_array().map(Vec::len), Some(2), "{balance}");
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let book = two_customers().journal(
        "2026",
        "2026-03-03 invoice INV-2026-0001 acme 60.50 EUR\n\
         2026-03-06 payment PAY-2026-00001 acme 60.50 EUR ref:INV-2026-0001\n\
         2026-03-02 invoice INV-2026-0001 bolt 121.00 EUR\n\
         2026-03-05 payment PAY-2026-00001 bolt 121.00 EUR ref:INV-2026-0001\n",
    );
    let before = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    let plan = book.json(&["renumber", "--dry-run"]);
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["order"], "journal");
    assert_eq!(plan["renumbered"][0]["old"], "INV-2026-0001");
    assert_eq!(plan["renumbered"][0]["new"], "INV-2026-0002");
    assert_eq!(plan["renumbered"][0]["contact"], "bolt");
    assert_eq!(plan["renumbered"][0]["refs"].as_array().unwrap().len(), 1);
    assert_eq!(plan["renumbered"][1]["new"], "PAY-2026-00002");
    assert_eq!(plan["files"].as_array().unwrap().len(), 1);
    let after = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn without_git_the_later_line_is_renumbered_and_refs_after_it_follow_it() {
    // One contact: the refs are told apart by journal order, as a union merge leaves them.
    let book = two_customers().journal(
        "2026",
        "2026-03-01 invoice INV-2026-0007 acme 100.00 EUR\n\
         2026-03-04 payment PAY-2026-00001 acme 100.00 EUR ref:INV-2026-0007\n\
         2026-03-02 invoice INV-2026-0007 acme 40.00 EUR\n\
         2026-03-05 payment PAY-2026-00002 acme 40.00 EUR ref:INV-2026-0007\n",
    );
    book.folio(&["check"]).assert().code(65);
    book.stdout(&["renumber"]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(
        journal,
        "2026-03-01 invoice INV-2026-0007 acme 100.00 EUR\n\
         2026-03-04 payment PAY-2026-00001 acme 100.00 EUR ref:INV-2026-0007\n\
         2026-03-02 invoice INV-2026-0008 acme 40.00 EUR\n\
         2026-03-05 payment PAY-2026-00002 acme 40.00 EUR ref:INV-2026-0008\n"
    );
    book.stdout(&["check"]);
}

#[test]
fn a_book_without_repeated_ids_is_left_alone() {
    let book = two_customers().journal("2026", "2026-03-01 invoice INV-2026-0001 acme 10.00 EUR\n");
    let out = book.stdout(&["renumber"]);
    assert!(out.contains("nothing to renumber"), "{out}");
}

#[test]
fn a_document_already_sent_keeps_its_number_and_the_other_is_renumbered() {
    let book = two_customers()
        .journal(
            "2026",
            "2026-03-01 invoice INV-2026-0001 acme 10.00 EUR\n\
             2026-03-02 invoice INV-2026-0001 bolt 20.00 EUR\n",
        )
        .file(
            "dunning.journal",
            "2026-04-10 bolt INV-2026-0001 1 eml <20260410.bolt.0123456789abcdef@example.com>\n",
        );
    let out = book.stdout(&["renumber"]);
    assert!(
        out.contains("INV-2026-0001 -> INV-2026-0002  invoice acme"),
        "{out}"
    );
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(journal.contains("INV-2026-0001 bolt"), "{journal}");
    assert!(journal.contains("INV-2026-0002 acme"), "{journal}");
}

#[test]
fn two_sent_documents_with_one_number_are_never_renumbered() {
    let book = two_customers()
        .journal(
            "2026",
            "2026-03-01 invoice INV-2026-0001 acme 10.00 EUR\n\
             2026-03-02 invoice INV-2026-0001 bolt 20.00 EUR\n",
        )
        .file(
            "dunning.journal",
            "2026-04-10 bolt INV-2026-0001 1 eml <20260410.bolt.0123456789abcdef@example.com>\n",
        )
        .file(
            "statements.journal",
            "2026-03-31 acme receivables 2026-03 eml <20260331.acme.0123456789abcdef@example.com>\n",
        );
    let before = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    let output = book.folio(&["renumber"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("was already sent"), "{stderr}");
    assert!(
        stderr.contains("credit note") && stderr.contains("new invoice"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn renumber_refuses_a_book_with_other_errors() {
    let book = two_customers().journal(
        "2026",
        "2026-03-01 invoice INV-2026-0001 acme 10.00 EUR\n\
         2026-03-02 invoice INV-2026-0001 bolt 20.00 EUR\n\
         2026-03-03 invoice INV-2026-0002 nobody 20.00 EUR\n",
    );
    let output = book.folio(&["renumber"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nobody"), "{stderr}");
    assert!(!stderr.contains("duplicate"), "{stderr}");
}

#[test]
fn an_id_outside_the_numbering_pattern_is_left_to_the_user() {
    let book = two_customers().journal(
        "2026",
        "2026-03-01 invoice SPECIAL acme 10.00 EUR\n\
         2026-03-02 invoice SPECIAL bolt 20.00 EUR\n",
    );
    let output = book.folio(&["renumber"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("does not follow the invoice pattern"),
        "{stderr}"
    );
}

#[test]
fn with_the_driver_a_plain_merge_of_two_invoices_needs_no_manual_step() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches(&book, true);
    let attributes = std::fs::read_to_string(book.path().join(".gitattributes")).unwrap();
    assert!(attributes.contains("*.journal merge=folio"), "{attributes}");
    assert!(
        attributes.contains("documents/*.toml merge=folio"),
        "{attributes}"
    );
    assert!(!attributes.contains("merge=union"), "{attributes}");
    let merge = git(book.path(), &["merge", "--no-edit", "colleague"]);
    let said = String::from_utf8_lossy(&merge.stderr).into_owned();
    assert!(merge.status.success(), "{said}");
    assert!(
        said.contains("the other branch's INV-2026-0001 is now INV-2026-0002"),
        "{said}"
    );
    // The renumbered document, a path neither side had, is committed by the post-merge hook.
    assert_eq!(git_ok(book.path(), &["status", "--porcelain"]), "");
    let log = git_ok(book.path(), &["log", "--format=%s", "-2"]);
    assert!(
        log.starts_with("folio: the documents the merge renumbered\nMerge branch"),
        "{log}"
    );
    book.stdout(&["check", "--strict"]);
    assert!(!book.path().join(".git/folio-merge-renumbered").exists());
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("invoice INV-2026-0002 bolt 121.00"),
        "{journal}"
    );
    assert!(
        journal.contains("PAY-2026-00002 bolt 121 EUR ref:INV-2026-0002"),
        "{journal}"
    );
    assert!(
        journal.contains("invoice INV-2026-0001 acme 60.50"),
        "{journal}"
    );
    let balance = balances(&book);
    let rows = balance.as_array().unwrap();
    let debits: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["contact"].as_str().unwrap(),
                r["debits"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(debits, [("acme", "60.50"), ("bolt", "121.00")], "{balance}");
    assert!(rows.iter().all(|r| r["balance"] == "0.00"), "{balance}");
    let rendered = book.stdout(&["render", "INV-2026-0002"]);
    assert!(
        rendered.contains("INV-2026-0002") && rendered.contains("Bolt"),
        "{rendered}"
    );
    assert!(rendered.contains("+++002/0260/00297+++"), "{rendered}");
    assert!(!rendered.contains("INV-2026-0001"), "{rendered}");
    let kept = book.stdout(&["render", "INV-2026-0001"]);
    assert!(
        kept.contains("Acme") && kept.contains("+++002/0260/00196+++"),
        "{kept}"
    );
    // Nothing is left for renumber to do.
    assert!(book.stdout(&["renumber"]).contains("nothing to renumber"));
}

#[test]
fn the_driver_never_renumbers_what_the_other_branch_sent() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches_sending(&book, true, true);
    let merge = git(book.path(), &["merge", "--no-edit", "colleague"]);
    let said = String::from_utf8_lossy(&merge.stderr).into_owned();
    assert!(!merge.status.success(), "{said}");
    assert!(
        said.contains("the other branch already sent its INV-2026-0001"),
        "{said}"
    );
    // renumber then moves ours, which did not go out, and the merge can be concluded.
    let out = book.stdout(&["renumber"]);
    assert!(
        out.contains("INV-2026-0001 -> INV-2026-0002  invoice acme"),
        "{out}"
    );
    // Ours (2 March) now has a number above the other branch's (3 March): check says so, as a
    // warning, which `backdated:yes` on the line answers once the order is accepted.
    let check = book.folio(&["check"]).output().unwrap();
    assert!(check.status.success());
    let warned = String::from_utf8_lossy(&check.stderr);
    assert!(
        warned.contains("invoice INV-2026-0002 is dated 2026-03-02, before INV-2026-0001"),
        "{warned}"
    );
    let sent = book.stdout(&["render", "INV-2026-0001"]);
    assert!(
        sent.contains("Bolt") && sent.contains("+++002/0260/00196+++"),
        "{sent}"
    );
    let moved = book.stdout(&["render", "INV-2026-0002"]);
    assert!(
        moved.contains("Acme") && moved.contains("+++002/0260/00297+++"),
        "{moved}"
    );
}

#[test]
fn a_credit_note_follows_the_invoice_it_corrects_in_its_document_too() {
    let book = two_customers();
    book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Work",
        "--price",
        "100",
        "--vat",
        "21",
        "--date",
        "2026-03-02",
    ]);
    book.stdout(&[
        "credit-note",
        "--ref",
        "INV-2026-0001",
        "--item",
        "Work",
        "--price",
        "100",
        "--vat",
        "21",
        "--date",
        "2026-03-04",
    ]);
    // As a union merge would leave it: the other side's invoice took the same number, first.
    let journal = book.path().join("journal/2026.journal");
    let ours = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(
        &journal,
        format!("2026-03-01 invoice INV-2026-0001 bolt 20.00 EUR\n{ours}"),
    )
    .unwrap();
    let out = book.stdout(&["renumber"]);
    assert!(
        out.contains("INV-2026-0001 -> INV-2026-0002  invoice acme"),
        "{out}"
    );
    let credit = std::fs::read_to_string(book.path().join("documents/CN-2026-0001.toml")).unwrap();
    assert!(credit.contains("reference = \"INV-2026-0002\""), "{credit}");
    assert!(!book.path().join("documents/INV-2026-0001.toml").exists());
    book.stdout(&["check", "--strict"]);
}

#[test]
fn a_credit_note_the_other_branch_issued_follows_its_invoice_through_the_merge() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches_crediting(&book);
    let merge = git(book.path(), &["merge", "--no-edit", "colleague"]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    assert_eq!(git_ok(book.path(), &["status", "--porcelain"]), "");
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("CN-2026-0001 bolt 12.10 EUR ref:INV-2026-0002"),
        "{journal}"
    );
    let credit = std::fs::read_to_string(book.path().join("documents/CN-2026-0001.toml")).unwrap();
    assert!(credit.contains("reference = \"INV-2026-0002\""), "{credit}");
    book.stdout(&["check", "--strict"]);
}

#[test]
fn a_payment_the_other_branch_wrote_in_another_year_follows_its_renumbered_invoice() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches_with(&book, true, &|book| {
        // Paid in January: the payment goes to journal/2027.journal.
        book.stdout(&[
            "payment",
            "bolt",
            "1.00",
            "--ref",
            "INV-2026-0001",
            "--date",
            "2027-01-04",
        ]);
    });
    let merge = git(book.path(), &["merge", "--no-edit", "colleague"]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    assert_eq!(git_ok(book.path(), &["status", "--porcelain"]), "");
    let next_year = std::fs::read_to_string(book.path().join("journal/2027.journal")).unwrap();
    assert!(
        next_year.contains("bolt 1.00 EUR ref:INV-2026-0002"),
        "{next_year}"
    );
    book.stdout(&["check"]);
}

#[test]
fn a_document_in_a_closed_period_is_never_renumbered() {
    // A close through March (written as `folio close` writes it; renumber reads the close, check
    // verifies its digest): neither INV-2026-0007 may change.
    let book = two_customers()
        .journal(
            "2026",
            "2026-03-01 invoice INV-2026-0007 acme 100.00 EUR\n\
             2026-03-02 invoice INV-2026-0007 acme 40.00 EUR\n",
        )
        .file(
            "closes.journal",
            "2026-04-15 close 2026-03-31 sha256:5d5b88af163a7b96c574c55bed23b003015f46cf9311fb09907a0ec696e1e34c entries:2 documents:0 ; Q1 VAT filed\n",
        );
    let out = book.folio(&["renumber"]).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("journal/2026.journal:2 is dated 2026-03-02, in the period closed by the close through 2026-03-31"),
        "{said}"
    );
    assert!(said.contains("nothing was renumbered"), "{said}");
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(!journal.contains("INV-2026-0008"), "{journal}");
}

#[test]
fn two_branches_issuing_editing_one_contact_and_closing_a_month_merge_with_plain_git_merge() {
    if !tool("git", "--version", "git") {
        return;
    }
    let book = two_customers();
    two_branches_with(&book, true, &|book| {
        book.stdout(&["contact", "set", "acme", "credit_limit=8000.00"]);
        book.stdout(&["close", "2026-02", "--memo", "February checked"]);
    });
    // Main edits the same contact on its side: other keys, one on the line next to the
    // colleague's (terms and credit_limit), which a line merge would call a conflict.
    book.stdout(&[
        "contact",
        "set",
        "acme",
        "email=billing@acme.example",
        "terms=45",
    ]);
    git_ok(book.path(), &["add", "-A"]);
    commit_at(book.path(), "2026-03-05T13:00:00Z", "main: acme e-mail");
    let merge = git(book.path(), &["merge", "--no-edit", "colleague"]);
    let said = String::from_utf8_lossy(&merge.stderr).into_owned();
    assert!(merge.status.success(), "{said}");
    let status = git_ok(book.path(), &["status", "--porcelain"]);
    assert_eq!(status, "", "nothing left to resolve by hand");
    book.stdout(&["check", "--strict"]);
    let acme = std::fs::read_to_string(book.path().join("contacts/acme.toml")).unwrap();
    assert!(acme.contains("credit_limit = \"8000.00\""), "{acme}");
    assert!(acme.contains("email = \"billing@acme.example\""), "{acme}");
    assert!(acme.contains("terms = 45"), "{acme}");
    assert_eq!(
        book.stdout(&["close", "--list", "--format", "json"])
            .matches("\"through\": \"2026-02-28\"")
            .count(),
        1
    );
    // Every amount once: each customer's invoice and payment, nothing doubled or lost.
    let balance = balances(&book);
    let debits: Vec<(&str, &str)> = balance
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["contact"].as_str().unwrap(),
                r["debits"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(debits, [("acme", "60.50"), ("bolt", "121.00")], "{balance}");
    let rendered = book.stdout(&["render", "INV-2026-0002"]);
    assert!(
        rendered.contains("Bolt") && rendered.contains("+++002/0260/00297+++"),
        "{rendered}"
    );
}
