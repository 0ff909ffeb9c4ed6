//! Crash safety beyond concurrency.rs (which kills writers of invoices, notes and contact
//! fields): every kind of writer — entries with and without documents, payments with refs,
//! voids, contact additions, field edits and notes — killed at random points, many times; and
//! several processes writing every kind at once. The book must pass `check` after every round,
//! and hold everything a writer reported as written (it reports only after its fsync).

use crate::util::TestBook;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The built binary, run directly so processes can be killed.
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

fn check_output(book: &Path) -> (bool, String) {
    let output = folio(book).arg("check").output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_check_passes(book: &Path, when: &str) {
    let (ok, stderr) = check_output(book);
    assert!(ok, "{when}: check failed:\n{stderr}");
}

/// What a writer is asked to do, and how to tell from its output what it reported.
#[derive(Debug, Clone)]
enum Write_ {
    /// A plain invoice; reports its id.
    Invoice,
    /// An invoice with line items (documents/<id>.toml and a journal line); reports its id.
    InvoiceWithItems,
    /// A payment on the first invoice; reports its id.
    Payment,
    /// `contact add c<round>`; reports the id.
    AddContact(usize),
    /// `contact set acme custom.k<round>=v<round>`; reports the file.
    SetField(usize),
    /// `contact note acme "note <round>"`; reports the file.
    Note(usize),
    /// `import entries` of five invoices IMP-<round>-1..5; reports "added 5 entries to ...".
    ImportEntries(usize),
    /// `import contacts` of two contacts i<round>a, i<round>b; reports when it exits 0.
    ImportContacts(usize),
    /// `reconcile --apply` of one bank line paying 1.00 on INV-2026-0001 with transaction id
    /// T<round>; reports when it exits 0.
    Reconcile(usize),
}

impl Write_ {
    fn pick(rng: &mut impl Rng, round: usize) -> Write_ {
        match rng.random_range(0..9) {
            0 => Write_::Invoice,
            1 => Write_::InvoiceWithItems,
            2 => Write_::Payment,
            3 => Write_::AddContact(round),
            4 => Write_::SetField(round),
            5 => Write_::Note(round),
            6 => Write_::ImportEntries(round),
            7 => Write_::ImportContacts(round),
            _ => Write_::Reconcile(round),
        }
    }

    /// Writes the input file an import or a reconciliation reads, inside the book (in a folder
    /// folio does not load); returns its path.
    fn input(&self, book: &Path) -> Option<PathBuf> {
        let (name, text) = match self {
            Write_::ImportEntries(n) => (
                format!("entries-{n}.csv"),
                (1..=5).fold("date,kind,id,contact,amount\n".to_string(), |text, i| {
                    text + &format!("2026-03-05,invoice,IMP-{n}-{i},acme,3.00\n")
                }),
            ),
            Write_::ImportContacts(n) => (
                format!("contacts-{n}.csv"),
                format!(
                    "id,name,email\ni{n}a,Import {n} A,a{n}@example.com\ni{n}b,Import {n} B,\n"
                ),
            ),
            Write_::Reconcile(n) => (
                format!("bank-{n}.csv"),
                format!(
                    "date;amount;name;iban;communication;id\n2026-03-06;1,00;ACME;;Invoice INV-2026-0001;T{n}\n"
                ),
            ),
            _ => return None,
        };
        let dir = book.join("inputs");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        Some(path)
    }

    fn command(&self, book: &Path) -> Command {
        let mut command = folio(book);
        let input = self.input(book);
        let input = input.as_deref().map(Path::as_os_str).unwrap_or_default();
        match self {
            Write_::ImportEntries(_) => command.args(["import", "entries"]).arg(input),
            Write_::ImportContacts(_) => command.args(["import", "contacts"]).arg(input),
            Write_::Reconcile(_) => {
                command
                    .arg("reconcile")
                    .arg(input)
                    .args(["--apply", "--as-of", "2026-03-31"])
            }
            Write_::Invoice => command.args(["invoice", "acme", "12.50", "--date", "2026-03-01"]),
            Write_::InvoiceWithItems => command.args([
                "invoice",
                "acme",
                "--item",
                "Work",
                "--qty",
                "2",
                "--price",
                "60",
                "--vat",
                "21",
                "--date",
                "2026-03-01",
            ]),
            Write_::Payment => command.args([
                "payment",
                "acme",
                "1.25",
                "--ref",
                "INV-2026-0001",
                "--date",
                "2026-03-03",
            ]),
            Write_::AddContact(n) => command.args([
                "contact",
                "add",
                &format!("c{n}"),
                "--name",
                &format!("C {n}"),
            ]),
            Write_::SetField(n) => {
                command.args(["contact", "set", "acme", &format!("custom.k{n}=v{n}")])
            }
            Write_::Note(n) => command.args([
                "contact",
                "note",
                "acme",
                "--kind",
                "call",
                &format!("note {n}"),
                "--date",
                "2026-03-04",
            ]),
        };
        command
            .args(["--lock-timeout", "30"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }
}

/// Everything writers reported as written.
#[derive(Default)]
struct Reported {
    /// Entry ids (invoices, payments).
    entries: BTreeSet<String>,
    /// Invoice ids that have a document.
    documents: BTreeSet<String>,
    contacts: BTreeSet<String>,
    fields: BTreeSet<usize>,
    notes: BTreeSet<usize>,
    /// Bank transaction ids applied.
    bank: BTreeSet<usize>,
}

impl Reported {
    /// Records what a writer printed: only whole lines count (a writer killed mid-print may leave
    /// half a line, which it had not yet reported).
    fn record(&mut self, write: &Write_, stdout: &[u8], success: bool) {
        let stdout = String::from_utf8_lossy(stdout);
        match write {
            Write_::ImportEntries(n) => {
                // One atomic rewrite per journal file, reported by its own line.
                if stdout.contains("added 5 entries to ") {
                    self.entries.extend((1..=5).map(|i| format!("IMP-{n}-{i}")));
                }
                return;
            }
            Write_::ImportContacts(n) => {
                if success {
                    self.contacts.extend([format!("i{n}a"), format!("i{n}b")]);
                }
                return;
            }
            Write_::Reconcile(n) => {
                if success {
                    self.bank.insert(*n);
                }
                return;
            }
            _ => {}
        }
        let Some(first) = stdout
            .split_inclusive('\n')
            .next()
            .filter(|l| l.ends_with('\n'))
        else {
            return;
        };
        let first = first.trim().to_string();
        match write {
            Write_::Invoice | Write_::Payment => {
                self.entries.insert(first);
            }
            Write_::InvoiceWithItems => {
                self.entries.insert(first.clone());
                self.documents.insert(first);
            }
            Write_::AddContact(_) => {
                self.contacts.insert(first);
            }
            Write_::SetField(n) => {
                self.fields.insert(*n);
            }
            Write_::Note(n) => {
                self.notes.insert(*n);
            }
            Write_::ImportEntries(_) | Write_::ImportContacts(_) | Write_::Reconcile(_) => {}
        }
    }

    /// Asserts the book holds everything reported.
    fn assert_in(&self, book: &Path) {
        let journal = journal_ids(book);
        for id in &self.entries {
            assert!(
                journal.contains(id),
                "{id} was reported but is not in the journal"
            );
        }
        for id in &self.documents {
            assert!(
                book.join("documents").join(format!("{id}.toml")).is_file(),
                "the document of {id} was reported but is missing"
            );
        }
        for id in &self.contacts {
            assert!(
                book.join("contacts").join(format!("{id}.toml")).is_file(),
                "contact {id} was reported but is missing"
            );
        }
        let text = journal_text(book);
        for n in &self.bank {
            assert!(
                text.contains(&format!(" bank:T{n}")),
                "bank line T{n} was applied but is not in the journal"
            );
        }
        // A bank line is applied once, whatever was killed on the way.
        let mut applied = std::collections::BTreeMap::new();
        for token in text.split_whitespace().filter(|t| t.starts_with("bank:")) {
            *applied.entry(token).or_insert(0) += 1;
        }
        for (token, count) in applied {
            assert_eq!(count, 1, "{token} was applied {count} times");
        }
        let acme = std::fs::read_to_string(book.join("contacts/acme.toml")).unwrap();
        for n in &self.fields {
            assert!(
                acme.contains(&format!("k{n} = \"v{n}\"")),
                "custom.k{n} was reported but is not in acme.toml"
            );
        }
        for n in &self.notes {
            assert!(
                acme.contains(&format!("\"note {n}\"")),
                "note {n} was reported but is not in acme.toml"
            );
        }
    }
}

/// Every journal file's text, one after the other.
fn journal_text(book: &Path) -> String {
    let mut text = String::new();
    let mut pending = vec![book.join("journal")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "journal") {
                text.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    text
}

fn journal_ids(book: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut pending = vec![book.join("journal")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "journal") {
                let text = std::fs::read_to_string(&path).unwrap();
                for line in text.lines() {
                    if let Some(id) = line.split_whitespace().nth(2) {
                        ids.insert(id.to_string());
                    }
                }
            }
        }
    }
    ids
}

fn crash_book() -> TestBook {
    TestBook::with_company()
        .contact(
            "acme",
            "# kept through every rewrite\nname = \"Acme\"\nemail = \"ap@acme.example\"\n",
        )
        .journal(
            "2026",
            "2026-01-01 invoice INV-2026-0001 acme 1000000 ; the payments' target\n",
        )
}

fn spawn(write: &Write_, book: &Path) -> Child {
    write.command(book).spawn().unwrap()
}

/// Kills writers of every kind at random moments (each round one or two writers, one of them
/// killed after 0-25 ms) and checks the book as it goes. Bounded: 200 rounds.
#[cfg(unix)]
#[test]
fn every_kind_of_writer_killed_at_random_points_leaves_a_valid_book() {
    let book = crash_book();
    let root = book.path().to_path_buf();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(10);
    let mut reported = Reported::default();
    let (mut killed, mut finished) = (0, 0);
    let started = Instant::now();
    for round in 0..200 {
        let mut writes = vec![Write_::pick(&mut rng, round)];
        if rng.random_bool(0.25) {
            writes.push(Write_::pick(&mut rng, round + 10_000));
        }
        let mut children: Vec<Child> = writes.iter().map(|w| spawn(w, &root)).collect();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..25_000)));
        let victim = rng.random_range(0..children.len());
        let _ = children[victim].kill();
        for (write, child) in writes.iter().zip(children) {
            let output = child.wait_with_output().unwrap();
            if output.status.success() {
                finished += 1;
            } else if output.status.code().is_none() {
                killed += 1;
            } else {
                let stderr = String::from_utf8_lossy(&output.stderr);
                panic!("round {round}: {write:?} failed on its own: {stderr}");
            }
            reported.record(write, &output.stdout, output.status.success());
        }
        if round % 25 == 24 {
            assert_check_passes(&root, &format!("after round {round}"));
            reported.assert_in(&root);
        }
    }
    assert_check_passes(&root, "at the end");
    reported.assert_in(&root);
    let acme = std::fs::read_to_string(root.join("contacts/acme.toml")).unwrap();
    assert!(acme.starts_with("# kept through every rewrite\n"), "{acme}");
    let elapsed = started.elapsed();
    let _ = writeln!(
        std::io::stderr(),
        "200 rounds in {elapsed:?}: {killed} writers killed, {finished} finished; reported {} entries, {} documents, {} contacts, {} fields, {} notes, {} bank lines",
        reported.entries.len(),
        reported.documents.len(),
        reported.contacts.len(),
        reported.fields.len(),
        reported.notes.len(),
        reported.bank.len()
    );
    assert!(
        killed >= 20,
        "the test must actually kill writers ({killed})"
    );
    assert!(finished >= 5, "some writers must finish ({finished})");
}

/// Failure simulated exactly between the two writes of an invoice with a document: the document
/// is on disk, its journal line is not. The book must still pass `check`, and the next invoice
/// (which takes the same number) replaces the orphan.
// The failpoints exist only in debug builds (`fsio::failpoint`).
#[cfg(debug_assertions)]
#[test]
fn a_writer_dying_between_the_document_and_its_journal_line_leaves_a_valid_book() {
    let book = crash_book();
    let root = book.path();
    let output = folio(root)
        .args([
            "invoice",
            "acme",
            "--item",
            "Work",
            "--price",
            "60",
            "--vat",
            "21",
            "--date",
            "2026-03-02",
        ])
        .env("FOLIO_FAILPOINT", "document-written")
        .output()
        .unwrap();
    assert!(!output.status.success(), "the writer should have died");
    assert!(output.stdout.is_empty(), "nothing reported");
    assert_check_passes(root, "after the document, before the journal line");
    let next = folio(root)
        .args([
            "invoice",
            "acme",
            "--item",
            "Work",
            "--price",
            "70",
            "--vat",
            "21",
            "--date",
            "2026-03-02",
        ])
        .output()
        .unwrap();
    assert!(
        next.status.success(),
        "{}",
        String::from_utf8_lossy(&next.stderr)
    );
    assert_check_passes(root, "after the next invoice");
}

/// Several processes at once, each writing a different kind of thing many times: nothing is
/// lost, every command succeeds (the lock serializes them), numbers stay distinct.
#[test]
fn concurrent_writers_of_every_kind_lose_nothing() {
    let book = crash_book();
    let root: PathBuf = book.path().to_path_buf();
    const EACH: usize = 25;
    let kinds: [fn(usize) -> Write_; 7] = [
        |_| Write_::Invoice,
        |_| Write_::Payment,
        Write_::AddContact,
        Write_::SetField,
        Write_::Note,
        Write_::ImportEntries,
        Write_::Reconcile,
    ];
    let started = Instant::now();
    let workers: Vec<_> = kinds
        .into_iter()
        .enumerate()
        .map(|(k, make)| {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut done = Vec::new();
                for i in 0..EACH {
                    let write = make(k * 1000 + i);
                    let output = write.command(&root).output().unwrap();
                    assert!(
                        output.status.success(),
                        "{write:?}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    done.push((write, output.stdout));
                }
                done
            })
        })
        .collect();
    let mut reported = Reported::default();
    let mut ids = Vec::new();
    for worker in workers {
        for (write, stdout) in worker.join().unwrap() {
            if matches!(write, Write_::Invoice | Write_::Payment) {
                ids.push(String::from_utf8_lossy(&stdout).trim().to_string());
            }
            reported.record(&write, &stdout, true);
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "7 concurrent writers x {EACH}: {:?}",
        started.elapsed()
    );
    assert_eq!(ids.len(), 2 * EACH);
    assert_eq!(reported.entries.len(), 7 * EACH, "distinct ids");
    assert_eq!(reported.bank.len(), EACH);
    assert_eq!(reported.contacts.len(), EACH);
    assert_eq!(reported.fields.len(), EACH);
    assert_eq!(reported.notes.len(), EACH);
    reported.assert_in(&root);
    assert_check_passes(&root, "after the concurrent writers");
}

/// What a power cut during an append can leave: the last line cut short, without its newline.
/// `check` names it (and fails under `--strict`), and nothing is appended after it until `fmt`
/// has ended it: a line written after it would make the cut line look whole.
#[test]
fn a_journal_line_cut_off_by_a_crash_is_reported_and_never_appended_after() {
    let book = crash_book().journal(
        "2026",
        "2026-01-05 invoice INV-2026-0001 acme 100.00 EUR\n2026-01-06 invoice INV-2026-0002 acme 10",
    );
    let root = book.path();
    let journal = root.join("journal/2026.journal");
    let before = std::fs::read_to_string(&journal).unwrap();

    let check = folio(root).arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&check.stderr).into_owned();
    assert!(check.status.success(), "a warning, not an error: {text}");
    assert!(
        text.contains("journal/2026.journal:2:41: warning"),
        "{text}"
    );
    assert!(text.contains("cut off"), "{text}");
    let strict = folio(root).args(["check", "--strict"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));

    let invoice = |args: &[&str]| folio(root).args(args).output().unwrap();
    let plain = invoice(&["invoice", "acme", "5", "--date", "2026-01-07"]);
    let itemised = invoice(&[
        "invoice",
        "acme",
        "--item",
        "Work",
        "--price",
        "60",
        "--vat",
        "21",
        "--date",
        "2026-01-07",
    ]);
    for refused in [plain, itemised] {
        let text = String::from_utf8_lossy(&refused.stderr).into_owned();
        assert_eq!(refused.status.code(), Some(65), "{text}");
        assert!(text.contains("journal/2026.journal:2:41"), "{text}");
        assert!(text.contains("folio fmt"), "{text}");
        assert!(refused.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), before);
    assert!(!root.join("documents").exists(), "no document was issued");

    assert!(folio(root).arg("fmt").output().unwrap().status.success());
    let after = invoice(&["invoice", "acme", "5", "--date", "2026-01-07"]);
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    assert_check_passes(root, "after fmt and a new invoice");
}

/// A writer killed between writing its temporary file and renaming it leaves `.folio-*.tmp`
/// behind: `check` names it, and the next writer (holding the lock, so no other writer can own
/// it) removes it.
#[test]
fn temporary_files_left_by_killed_writers_are_named_then_removed() {
    let book = crash_book();
    let root = book.path();
    let leftovers = [
        root.join(".folio-a1b2c3.tmp"),
        root.join("contacts/.folio-d4e5f6.tmp"),
        root.join("journal/.folio-g7h8i9.tmp"),
    ];
    for path in &leftovers {
        std::fs::write(path, "half").unwrap();
    }
    let check = folio(root).arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&check.stderr).into_owned();
    assert!(check.status.success(), "{text}");
    for path in &leftovers {
        let shown = format!("{}:", path.display());
        assert!(text.contains(&shown), "{shown} {text}");
    }
    assert!(text.contains("warning: leftover temporary file"), "{text}");
    let strict = folio(root).args(["check", "--strict"]).output().unwrap();
    assert_eq!(strict.status.code(), Some(1));

    let written = folio(root)
        .args(["payment", "acme", "1", "--date", "2026-03-01"])
        .output()
        .unwrap();
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    for path in &leftovers {
        assert!(!path.exists(), "{} was left", path.display());
    }
    let check = folio(root).args(["check", "--strict"]).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
