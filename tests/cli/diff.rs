//! `folio diff` and `folio log`: a real git repository whose book lives in a subfolder, changed
//! commit by commit as a bookkeeper and a colleague would.

use crate::util::folio;
use std::path::{Path, PathBuf};

/// Runs git in `dir` as `who`, with no user or system configuration.
fn git_as(dir: &Path, who: &str, args: &[&str]) -> std::process::Output {
    let email = format!("{}@example.com", who.to_lowercase());
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            &format!("user.name={who}"),
            "-c",
            &format!("user.email={email}"),
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", who)
        .env("GIT_AUTHOR_EMAIL", &email)
        .env("GIT_COMMITTER_NAME", who)
        .env("GIT_COMMITTER_EMAIL", &email)
        .env("GIT_AUTHOR_DATE", "2026-05-04T10:00:00+00:00")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn commit(repo: &Path, who: &str, message: &str) {
    git_as(repo, who, &["add", "-A"]);
    git_as(repo, who, &["commit", "-q", "-m", message]);
}

fn has_git() -> bool {
    crate::util::tool("git", "--version", "apt-get install git")
}

/// A repository whose book is `books/main`, with three commits: the book (Alice), an invoice,
/// a raised credit limit and a corrected payment (Bob), a void (Alice).
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        git_as(repo.path(), "Alice", &["init", "-q"]);
        repo.write("folio.toml", "name = \"T\"\ncurrency = \"EUR\"\n");
        repo.write(
            "contacts/acme.toml",
            "name = \"Acme\"\nemail = \"ap@acme.test\"\ncredit_limit = \"5000\"\n",
        );
        repo.write(
            "journal/2026.journal",
            "2026-01-10 invoice INV-2026-0001 acme 1000\n\
             2026-01-20 payment PAY-2026-00001 acme 400 ref:INV-2026-0001\n",
        );
        commit(repo.path(), "Alice", "New book");
        repo.write(
            "contacts/acme.toml",
            "name = \"Acme\"\nemail = \"ap@acme.test\"\ncredit_limit = \"8000\"\n",
        );
        repo.write(
            "journal/2026.journal",
            "2026-01-10 invoice INV-2026-0001 acme 1000\n\
             2026-01-20 payment PAY-2026-00001 acme 500 ref:INV-2026-0001\n\
             2026-02-01 invoice INV-2026-0002 acme 250 due:2026-02-15\n",
        );
        commit(
            repo.path(),
            "Bob",
            "Acme: higher limit, payment corrected, February invoice",
        );
        repo.folio(&["void", "INV-2026-0002", "--date", "2026-02-10"])
            .assert()
            .success();
        commit(repo.path(), "Alice", "Void INV-2026-0002");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn book(&self) -> PathBuf {
        self.path().join("books/main")
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.book().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn folio(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = folio();
        command
            .current_dir(self.book())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args);
        command
    }

    fn stdout(&self, args: &[&str]) -> String {
        let output = self.folio(args).output().unwrap();
        assert!(
            output.status.success(),
            "folio {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.stdout(&all)).unwrap()
    }
}

#[test]
fn diff_of_a_range_shows_the_new_invoice_the_changed_payment_the_limit_and_the_balance() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    let table = repo.stdout(&["diff", "HEAD~2..HEAD~1", "--as-of", "2026-03-01"]);
    assert!(
        table.starts_with("HEAD~2 → HEAD~1 (balances as of 2026-03-01)\n"),
        "{table}"
    );
    for expected in [
        "Documents issued\n  INV-2026-0002  invoice  acme  2026-02-01  250.00 EUR\n",
        "Entries changed\n  PAY-2026-00001  payment  acme: amount 400.00 → 500.00\n",
        "Contacts changed\n  acme: credit_limit 5000.00 → 8000.00\n",
        "  acme  receivables  EUR  balance 600.00 → 750.00  overdue 600.00 → 750.00\n",
    ] {
        assert!(table.contains(expected), "{expected}\nnot in\n{table}");
    }
    assert!(!table.contains("voided"), "{table}");

    let json = repo.json(&["diff", "HEAD~2..HEAD~1", "--as-of", "2026-03-01"]);
    assert_eq!(json["as_of"], "2026-03-01");
    assert_eq!(json["documents"]["issued"][0]["id"], "INV-2026-0002");
    assert_eq!(json["documents"]["issued"][0]["amount"], "250.00");
    let changed = &json["entries"]["changed"][0];
    assert_eq!(changed["id"], "PAY-2026-00001");
    assert_eq!(
        changed["changes"],
        serde_json::json!([{"field": "amount", "old": "400.00", "new": "500.00"}])
    );
    assert_eq!(
        json["contacts"]["changed"],
        serde_json::json!([{"id": "acme", "changes": [
            {"field": "credit_limit", "old": "5000.00", "new": "8000.00"}
        ]}])
    );
    let balance = &json["balances"][0];
    assert_eq!(
        (&balance["balance_before"], &balance["balance_after"]),
        (&"600.00".into(), &"750.00".into())
    );
}

#[test]
fn diff_of_a_void_names_the_document_and_its_credit_note() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    let json = repo.json(&["diff", "HEAD~1..HEAD", "--as-of", "2026-03-01"]);
    assert_eq!(
        json["documents"]["voided"],
        serde_json::json!([{"id": "INV-2026-0002", "contact": "acme", "by": "CN-2026-0001"}])
    );
    assert_eq!(json["documents"]["issued"][0]["kind"], "credit");
    assert_eq!(json["documents"]["issued"][0]["ref"], "INV-2026-0002");
    assert_eq!(json["balances"][0]["overdue_after"], "500.00");
    assert_eq!(json["entries"]["changed"], serde_json::json!([]));
}

#[test]
fn diff_compares_head_with_the_work_tree_or_with_what_is_staged() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    assert!(repo.stdout(&["diff"]).contains("No change to the book."));
    repo.write(
        "contacts/acme.toml",
        "name = \"Acme\"\nemail = \"billing@acme.test\"\ncredit_limit = \"8000\"\n",
    );
    let work_tree = repo.stdout(&["diff"]);
    assert!(
        work_tree.contains("acme: email ap@acme.test → billing@acme.test"),
        "{work_tree}"
    );
    let staged = repo.stdout(&["diff", "--staged"]);
    assert!(staged.contains("HEAD → index"), "{staged}");
    assert!(staged.contains("No change to the book."), "{staged}");
    git_as(repo.path(), "Alice", &["add", "-A"]);
    let staged = repo.json(&["diff", "--staged"]);
    assert_eq!(staged["to"], "index");
    assert_eq!(
        staged["contacts"]["changed"][0]["changes"][0]["field"],
        "email"
    );
    let from_rev = repo.json(&["diff", "HEAD~2"]);
    assert_eq!(from_rev["to"], "work tree");
    assert_eq!(
        from_rev["contacts"]["changed"][0]["changes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn log_of_a_contact_names_who_changed_its_credit_limit_and_when() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    let table = repo.stdout(&["log", "acme", "--as-of", "2026-03-01"]);
    let bob = table
        .lines()
        .position(|line| line.contains("Bob <bob@example.com>"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        table
            .lines()
            .nth(bob)
            .unwrap()
            .contains("2026-05-04T10:00:00"),
        "{table}"
    );
    let after_bob: Vec<&str> = table
        .lines()
        .skip(bob + 1)
        .take_while(|l| l.starts_with(' '))
        .collect();
    assert!(
        after_bob.contains(&"    acme: credit_limit 5000.00 → 8000.00"),
        "{table}"
    );
    let json = repo.json(&["log", "acme"]);
    assert_eq!(json["kind"], "contact");
    let commits = json["commits"].as_array().unwrap();
    let subjects: Vec<&str> = commits
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "Void INV-2026-0002",
            "Acme: higher limit, payment corrected, February invoice",
            "New book"
        ]
    );
    assert_eq!(commits[1]["author"], "Bob");
    assert_eq!(
        commits[1]["changes"]["contacts"]["changed"][0]["changes"][0],
        serde_json::json!({"field": "credit_limit", "old": "5000.00", "new": "8000.00"})
    );
}

#[test]
fn log_of_a_document_lists_the_commits_that_issued_changed_or_settled_it() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    let json = repo.json(&["log", "INV-2026-0001"]);
    assert_eq!(json["kind"], "document");
    let commits = json["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 2, "{json}");
    let payment = &commits[0]["changes"]["entries"]["changed"][0];
    assert_eq!(payment["id"], "PAY-2026-00001");
    assert_eq!(
        commits[1]["changes"]["documents"]["issued"][0]["id"],
        "INV-2026-0001"
    );
    repo.folio(&["log", "INV-2099-0001"]).assert().code(66);
    repo.folio(&["log", "*"]).assert().code(2);
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    repo.folio(&["diff", "no-such-branch..HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown revision `no-such-branch`",
        ));
    repo.folio(&["diff", "HEAD~1..HEAD", "--staged"])
        .assert()
        .code(2);
}

#[test]
fn a_side_whose_book_is_invalid_is_named() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    repo.write(
        "journal/2026.journal",
        "2026-01-10 invoice INV-2026-0001 nobody 1000\n",
    );
    commit(repo.path(), "Bob", "Broken");
    repo.folio(&["diff", "HEAD~1..HEAD"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains(
            "the book after (HEAD) is invalid",
        ))
        .stderr(predicates::str::contains("journal/2026.journal:1:"));
}

#[test]
fn diff_outside_a_git_repository_says_so() {
    if !has_git() {
        return;
    }
    let book = crate::util::TestBook::new();
    book.folio(&["diff"])
        .env("GIT_CEILING_DIRECTORIES", book.path().parent().unwrap())
        .assert()
        .code(69)
        .stderr(predicates::str::contains("is not in a git repository"));
}

#[test]
fn a_document_file_changed_on_both_sides_is_reported_as_edited() {
    if !has_git() {
        return;
    }
    let repo = Repo::new();
    repo.write(
        "documents/INV-2026-0001.toml",
        "id = \"INV-2026-0001\"\nnotes = \"first\"\n",
    );
    commit(repo.path(), "Alice", "The invoice's document");
    repo.write(
        "documents/INV-2026-0001.toml",
        "id = \"INV-2026-0001\"\nnotes = \"second\"\n",
    );
    let table = repo.stdout(&["diff"]);
    assert!(
        table.contains("Documents edited (their file changed)\n  INV-2026-0001  acme\n"),
        "{table}"
    );
    // A void's new credit note is issued, not edited.
    let json = repo.json(&["diff", "HEAD~2..HEAD~1"]);
    assert_eq!(json["documents"]["edited"], serde_json::json!([]));
    let log = repo.json(&["log", "INV-2026-0001"]);
    assert_eq!(log["commits"][0]["subject"], "The invoice's document");
    assert_eq!(
        log["commits"][0]["changes"]["documents"]["edited"],
        serde_json::json!([{"id": "INV-2026-0001", "contact": "acme"}])
    );
}
