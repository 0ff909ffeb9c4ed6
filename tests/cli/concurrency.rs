//! Writers at the same time, and writers killed at any moment: the book stays valid and keeps
//! every entry a writer reported as written.

use crate::util::TestBook;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The built binary, run directly (no assert_cmd) so processes can be spawned and killed.
fn folio(book: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .arg("--book")
        .arg(book)
        .env_remove("FOLIO_BOOK")
        .env_remove("FOLIO_FORMAT")
        .env_remove("FOLIO_FAILPOINT")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    command
}

/// `check` passes, and the only warnings are the temporary files a killed writer may leave
/// (named by `check`, removed by the next writer).
fn assert_check_clean(book: &Path) {
    let output = folio(book).arg("check").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "check failed:\n{stderr}");
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains(": warning: "))
        .filter(|line| !line.contains("warning: leftover temporary file"))
        .collect();
    assert!(unexpected.is_empty(), "check warned:\n{stderr}");
}

fn journal_lines(book: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(book.join("journal")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "journal") {
            let text = std::fs::read_to_string(&path).unwrap();
            lines.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string),
            );
        }
    }
    lines
}

#[test]
fn two_writers_recording_500_invoices_each_get_1000_distinct_gapless_numbers() {
    let book = TestBook::new().customer("acme").customer("beta");
    let started = Instant::now();
    let writers: Vec<_> = ["acme", "beta"]
        .into_iter()
        .map(|contact| {
            let root = book.path().to_path_buf();
            std::thread::spawn(move || {
                let mut ids = Vec::with_capacity(500);
                for i in 0..500 {
                    let output = folio(&root)
                        .args(["invoice", contact, &format!("{}.{:02}", i + 1, i % 100)])
                        .args(["--date", "2026-06-15", "--lock-timeout", "60"])
                        .output()
                        .unwrap();
                    assert!(
                        output.status.success(),
                        "{contact} #{i}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    ids.push(String::from_utf8(output.stdout).unwrap().trim().to_string());
                }
                ids
            })
        })
        .collect();
    let ids: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(240), "took {elapsed:?}");
    let _ = writeln!(
        std::io::stderr(),
        "1000 invoices by two concurrent writers: {elapsed:?}"
    );

    let lines = journal_lines(book.path());
    assert_eq!(lines.len(), 1000);
    let reported: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(reported.len(), 1000, "every reported id is distinct");
    let expected: BTreeSet<String> = (1..=1000).map(|n| format!("INV-2026-{n:04}")).collect();
    let written: BTreeSet<String> = lines
        .iter()
        .map(|l| l.split(' ').nth(2).unwrap().to_string())
        .collect();
    assert_eq!(written, expected, "1000 gapless numbers");
    assert_eq!(reported, expected.iter().map(String::as_str).collect());
    assert_check_clean(book.path());
}

/// One random writer: an invoice, a payment, a contact note or a contact change.
fn writer(book: &Path, rng: &mut impl Rng, round: usize) -> Command {
    let mut command = folio(book);
    match rng.random_range(0..4) {
        0 | 1 => command.args([
            "invoice",
            "acme",
            &format!("{}.50", round + 1),
            "--date",
            "2026-03-01",
        ]),
        2 => command.args([
            "contact",
            "note",
            "acme",
            "--kind",
            "call",
            &format!("call {round}"),
            "--date",
            "2026-03-01",
        ]),
        _ => command.args(["contact", "set", "acme", &format!("custom.round={round}")]),
    };
    command
        .args(["--lock-timeout", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

#[cfg(unix)]
#[test]
fn writers_killed_at_random_points_never_break_the_book_or_lose_a_reported_entry() {
    let book = TestBook::new()
        .contact("acme", "# our first customer\nname = \"Acme\"\n")
        .journal(
            "2026",
            "2026-01-01 invoice INV-2026-0001 acme 10 ; opening\n",
        );
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
    let mut reported: Vec<String> = Vec::new();
    let mut killed = 0;
    let started = Instant::now();
    for round in 0..200 {
        // Sometimes two writers race, and one of them is killed.
        let mut children = vec![writer(book.path(), &mut rng, round).spawn().unwrap()];
        if rng.random_bool(0.3) {
            children.push(writer(book.path(), &mut rng, round + 1000).spawn().unwrap());
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..12_000)));
        let victim = rng.random_range(0..children.len());
        let _ = children[victim].kill();
        for child in children {
            let output = child.wait_with_output().unwrap();
            if !output.status.success() {
                killed += 1;
            }
            // Whatever a writer printed was reported, even if it was killed right after.
            let stdout = String::from_utf8(output.stdout).unwrap();
            reported.extend(
                stdout
                    .split_inclusive('\n')
                    .filter(|line| line.starts_with("INV-") && line.ends_with('\n'))
                    .map(|line| line.trim().to_string()),
            );
        }
        if round % 40 == 39 {
            assert_check_clean(book.path());
        }
    }
    assert_check_clean(book.path());
    let text = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    for id in &reported {
        assert!(
            text.contains(&format!(" {id} ")),
            "{id} was reported but is not in the journal"
        );
    }
    assert!(
        std::fs::read_to_string(book.path().join("contacts/acme.toml"))
            .unwrap()
            .starts_with("# our first customer\n")
    );
    let _ = writeln!(
        std::io::stderr(),
        "200 rounds, {killed} writers killed, {} invoices reported, {:?}",
        reported.len(),
        started.elapsed()
    );
    assert!(
        killed > 20,
        "the test must actually kill writers ({killed})"
    );
}

/// Failure simulated between the steps of a write: after taking the lock, after validating,
/// after the append, after rewriting a contact file. The process dies there (abort), and the book
/// is still valid; an id is printed only after the append is on disk.
// The failpoints exist only in debug builds (`fsio::failpoint`).
#[cfg(debug_assertions)]
#[test]
fn a_writer_dying_between_steps_leaves_a_valid_book() {
    let book = TestBook::new().customer("acme");
    for (point, args) in [
        // Dated as the invoices that follow, whose numbers come after theirs.
        (
            "locked",
            vec!["invoice", "acme", "10", "--date", "2026-06-01"],
        ),
        (
            "validated",
            vec!["invoice", "acme", "10", "--date", "2026-06-01"],
        ),
        (
            "appended",
            vec!["invoice", "acme", "10", "--date", "2026-06-01"],
        ),
        (
            "locked",
            vec!["void", "INV-2026-0001", "--date", "2026-12-31"],
        ),
        (
            "contact-written",
            vec!["contact", "set", "acme", "phone=+32 2 555 01 23"],
        ),
    ] {
        let output = folio(book.path())
            .args(&args)
            .args(["--lock-timeout", "5"])
            .env("FOLIO_FAILPOINT", point)
            .output()
            .unwrap();
        assert!(
            !output.status.success(),
            "{point}: the process should have died"
        );
        assert!(output.stdout.is_empty(), "{point}: nothing reported");
        assert_check_clean(book.path());
        // The lock died with the process: the next writer gets it at once.
        let next = folio(book.path())
            .args([
                "invoice",
                "acme",
                "1",
                "--date",
                "2026-06-01",
                "--lock-timeout",
                "1",
            ])
            .output()
            .unwrap();
        assert!(
            next.status.success(),
            "{point}: {}",
            String::from_utf8_lossy(&next.stderr)
        );
    }
    let lines = journal_lines(book.path());
    // 5 follow-up invoices, plus the one whose process died after its append.
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert_check_clean(book.path());
}
