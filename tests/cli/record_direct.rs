//! Recording one entry reads only what its line needs (settings, its contact, closed periods, the
//! journal's ids), not the whole book: the lines and documents it writes, and its refusals, must
//! be those of a whole load. Each scenario runs on twin books; one has an empty subfolder in
//! `contacts/`, where a second file of a contact could hide, which makes every recording load the
//! whole book.

use crate::util::{COMPANY, TestBook};
use std::collections::BTreeMap;
use std::path::Path;

fn config() -> String {
    format!(
        "name = \"Twins\"\ncurrency = \"EUR\"\n\n[numbering]\ninvoice = \"F{{year}}/{{seq:03}}\"\n\
         credit = \"CN-{{seq:05}}\"\n\n{COMPANY}"
    )
}

fn book() -> TestBook {
    TestBook::with_config(&config())
        .contact("acme", "name = \"Acme Trading BV\"\nterms = 14\n")
        .contact("beta", "name = \"Beta\"\ncurrency = \"USD\"\n")
        .contact(
            "paper",
            "name = \"Papeterie Moreau\"\nroles = [\"supplier\"]\n",
        )
        .journal(
            "2025",
            "; last year\n\
             2025-03-01 invoice F2025/001 acme 100 EUR\n\
             2025-05-02 invoice F2025/002 beta 20.5 USD ; memo\n\
             2025-06-03 credit CN-00001 acme 10 EUR\n",
        )
        .journal(
            "2026",
            "2026-01-10 invoice F2026/001 acme 10 EUR due:2026-01-24\n\
             \n\
             2026-02-10\tinvoice  F2026/002 beta 5 USD\n\
             2026-02-11 payment PAY-2026-00001 acme 10 EUR ref:F2026/001\n\
             2026-02-12 bill SUP-77 paper 30 EUR vat:21\n",
        )
}

/// Twin books: the first records without the whole book, the second with it.
fn twins() -> (TestBook, TestBook) {
    let (direct, whole) = (book(), book());
    std::fs::create_dir_all(whole.path().join("contacts/more")).unwrap();
    (direct, whole)
}

/// Every file of `journal/` and `documents/`, by path, with its bytes.
fn written(book: &TestBook) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for folder in ["journal", "documents"] {
        collect(book.path(), &book.path().join(folder), &mut files);
    }
    files
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return;
    };
    for item in listing {
        let path = item.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            files.insert(relative, std::fs::read(&path).unwrap());
        }
    }
}

/// Runs `args` on both twins: the same exit code, output and messages (the books' paths aside),
/// and the same files written. Returns the exit code.
fn same(twins: &(TestBook, TestBook), args: &[&str]) -> Option<i32> {
    let run = |book: &TestBook| {
        let output = book.folio(args).output().unwrap();
        let shown = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&book.path().display().to_string(), "BOOK")
        };
        (
            output.status.code(),
            shown(&output.stdout),
            shown(&output.stderr),
        )
    };
    let (direct, whole) = (run(&twins.0), run(&twins.1));
    assert_eq!(direct, whole, "folio {args:?}");
    assert_eq!(written(&twins.0), written(&twins.1), "folio {args:?}");
    direct.0
}

#[test]
fn recording_without_the_whole_book_writes_what_a_whole_load_writes() {
    let books = twins();
    let recorded = [
        &["invoice", "acme", "100", "--date", "2026-03-01"][..],
        &["invoice", "acme", "50.50", "--date", "2025-11-30"],
        &[
            "invoice",
            "acme",
            "7",
            "--date",
            "2026-02-01",
            "--allow-backdate",
        ],
        &[
            "invoice",
            "beta",
            "12",
            "--date",
            "2026-03-02",
            "--memo",
            "consulting",
        ],
        &[
            "invoice",
            "acme",
            "9",
            "--date",
            "2026-03-02",
            "--currency",
            "USD",
            "--meta",
            "po=4711",
            "--due",
            "2026-05-01",
        ],
        &[
            "invoice",
            "acme",
            "1",
            "--date",
            "2026-03-03",
            "--id",
            "F2026/050",
        ],
        &[
            "invoice",
            "acme",
            "1",
            "--date",
            "2026-03-03",
            "--id",
            "OWN-1",
        ],
        &["credit-note", "acme", "20", "--date", "2026-03-04"],
        &["bill", "paper", "30", "--date", "2026-03-05", "--vat", "21"],
        &[
            "bill",
            "paper",
            "31",
            "--date",
            "2026-03-05",
            "--id",
            "SUP-78",
            "--terms",
            "10",
        ],
        &["debit-note", "paper", "5", "--date", "2026-03-06"],
        &["refund", "acme", "5", "--date", "2026-03-07"],
        &["invoice", "acme", "3", "--date", "2027-01-02"],
        &["invoice", "paper", "3", "--date", "2026-03-08"],
        &[
            "invoice",
            "acme",
            "--date",
            "2026-03-09",
            "--item",
            "Consulting",
            "--qty",
            "2",
            "--unit",
            "h",
            "--price",
            "100",
            "--vat",
            "21",
        ],
        &[
            "credit-note",
            "acme",
            "--date",
            "2026-03-10",
            "--item",
            "Refund",
            "--price",
            "10",
            "--vat",
            "21",
        ],
        &["payment", "acme", "10", "--date", "2026-03-11"],
        &[
            "payment",
            "acme",
            "5",
            "--date",
            "2026-03-11",
            "--ref",
            "F2026/003",
        ],
    ];
    for args in recorded {
        assert_eq!(same(&books, args), Some(0), "folio {args:?}");
    }
}

#[test]
fn refusals_without_the_whole_book_are_those_of_a_whole_load() {
    let books = twins();
    let refused = [
        // Numbers follow dates: a lower number dated later, and a higher one dated earlier.
        &["invoice", "acme", "10", "--date", "2026-02-01"][..],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-01-01",
            "--id",
            "F2026/900",
        ],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-03-01",
            "--id",
            "F2026/002",
        ],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-03-01",
            "--id",
            "SUP-77",
        ],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-03-01",
            "--id",
            "bad id",
        ],
        &["invoice", "acme", "0", "--date", "2026-03-01"],
        &["invoice", "acme", "1.00001", "--date", "2026-03-01"],
        &["invoice", "acmee", "10", "--date", "2026-03-01"],
        &["invoice", "nobody-at-all", "10", "--date", "2026-03-01"],
        &["invoice", "../acme", "10", "--date", "2026-03-01"],
        &[
            "credit-note",
            "acme",
            "1",
            "--date",
            "2026-03-01",
            "--ref",
            "F2099/001",
        ],
    ];
    for args in refused {
        assert_eq!(same(&books, args), Some(65), "folio {args:?}");
    }
}

#[test]
fn a_closed_period_is_judged_as_by_a_whole_load() {
    let books = twins();
    for book in [&books.0, &books.1] {
        book.stdout(&["close", "--to", "2025-12-31"]);
    }
    assert_eq!(
        same(&books, &["invoice", "acme", "10", "--date", "2025-12-01"]),
        Some(65)
    );
    assert_eq!(
        same(&books, &["invoice", "acme", "10", "--date", "2026-04-01"]),
        Some(0)
    );
    for args in [
        &[
            "invoice",
            "acme",
            "--date",
            "2026-04-02",
            "--item",
            "Work",
            "--price",
            "10",
            "--vat",
            "21",
        ][..],
        &["invoice", "acme", "4", "--date", "2026-04-03"],
    ] {
        assert_eq!(same(&books, args), Some(0), "folio {args:?}");
    }
}

#[test]
fn a_book_the_scan_cannot_vouch_for_is_loaded_whole_with_the_same_errors() {
    let broken = [
        (
            "journal/2026.journal",
            "2026-03-01 invoice F2026/010 acme\n",
        ),
        (
            "journal/2026.journal",
            "2026-03-01 invoiced F2026/010 acme 1\n",
        ),
        (
            "journal/2026.journal",
            "2026-03-01 invoice F2026/010 ghost 1\n",
        ),
        (
            "journal/2026.journal",
            "2026-03-01 invoice F2026/010 acme 1234567890123456789\n",
        ),
        (
            "journal/2026.journal",
            "2026-03-01 invoice F2026/010 acme 1",
        ),
        ("folio.toml", "name = 3\n"),
        ("contacts/acme.toml", "name = \n"),
        ("closes.journal", "2026-01-01 close nonsense\n"),
    ];
    for (file, text) in broken {
        let books = twins();
        for book in [&books.0, &books.1] {
            let path = book.path().join(file);
            let mut old = std::fs::read_to_string(&path).unwrap_or_default();
            if file.starts_with("journal/") {
                old.push_str(text);
            } else {
                old = text.to_string();
            }
            std::fs::write(&path, old).unwrap();
        }
        let code = same(&books, &["invoice", "acme", "10", "--date", "2026-03-05"]);
        assert_eq!(code, Some(65), "{file}: {text}");
    }
}

#[test]
fn an_error_in_another_contact_file_does_not_block_recording_but_check_still_refuses() {
    let book = book().contact("zed", "name = [\n");
    let id = book.stdout(&["invoice", "acme", "10", "--date", "2026-03-01"]);
    assert_eq!(id.trim(), "F2026/003");
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.ends_with("2026-03-01 invoice F2026/003 acme 10 EUR due:2026-03-15\n"),
        "{journal}"
    );
    book.folio(&["check"]).assert().code(65);
    book.folio(&["balance"]).assert().code(65);
}

#[test]
fn two_writers_at_once_without_the_whole_book_get_distinct_gapless_numbers() {
    let book = book();
    let writers: Vec<_> = (0..2)
        .map(|_| {
            let path = book.path().to_path_buf();
            std::thread::spawn(move || {
                for _ in 0..15 {
                    crate::util::folio()
                        .args(["--book", path.to_str().unwrap()])
                        .args(["invoice", "acme", "1", "--date", "2026-06-01"])
                        .assert()
                        .success();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    let numbers: Vec<&str> = journal
        .lines()
        .filter(|line| line.starts_with("2026-06-01"))
        .map(|line| line.split(' ').nth(2).unwrap())
        .collect();
    let expected: Vec<String> = (3..33).map(|n| format!("F2026/{n:03}")).collect();
    assert_eq!(numbers, expected);
    book.folio(&["check"]).assert().success();
}

/// Twins whose 2026 journal is several of the scan's pieces long (it scans a file in pieces of
/// about a mebibyte), with `tail` after the filler and `middle` amid it.
fn long_twins(middle: &[u8], tail: &str) -> (TestBook, TestBook) {
    let books = twins();
    let filler = |range: std::ops::Range<u32>| {
        range
            .map(|n| format!("2026-01-05 invoice X{n:06} acme 1 EUR ; pièce n° {n}\n"))
            .collect::<String>()
    };
    for book in [&books.0, &books.1] {
        let path = book.path().join("journal/2026.journal");
        let mut text = std::fs::read(&path).unwrap();
        text.extend_from_slice(filler(0..30_000).as_bytes());
        text.extend_from_slice(middle);
        text.extend_from_slice(filler(30_000..60_000).as_bytes());
        text.extend_from_slice(tail.as_bytes());
        std::fs::write(&path, text).unwrap();
    }
    books
}

#[test]
fn a_journal_file_scanned_in_pieces_answers_as_a_whole_load() {
    let books = long_twins(b"", "2026-03-10 invoice F2026/500 acme 1 EUR\n");
    let refused = [
        &["invoice", "acme", "10", "--date", "2026-03-01"][..],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-03-20",
            "--id",
            "F2026/500",
        ],
        &[
            "invoice",
            "acme",
            "10",
            "--date",
            "2026-03-20",
            "--id",
            "X045000",
        ],
    ];
    for args in refused {
        assert_eq!(same(&books, args), Some(65), "folio {args:?}");
    }
    assert_eq!(
        same(&books, &["invoice", "acme", "10", "--date", "2026-03-20"]),
        Some(0)
    );
    let journal = std::fs::read_to_string(books.0.path().join("journal/2026.journal")).unwrap();
    let last = journal.lines().last().unwrap();
    assert!(
        last.starts_with("2026-03-20 invoice F2026/501 acme 10"),
        "{last}"
    );
}

#[test]
fn invalid_utf8_in_a_later_piece_of_a_journal_file_is_reported_by_a_whole_load() {
    let books = long_twins(b"2026-01-06 invoice X999999 acme 1 EUR ; \xFF\n", "");
    let code = same(&books, &["invoice", "acme", "10", "--date", "2026-03-20"]);
    assert_eq!(code, Some(65));
}

#[test]
fn an_item_naming_a_catalogue_product_gives_the_same_line_without_the_whole_book() {
    let twins = twins();
    let product = "price = \"95.10\"\nvat = \"21\"\nunit = \"h\"\nfamily = \"services\"\n\
                   [name]\nen = \"Consulting\"\n";
    for book in [&twins.0, &twins.1] {
        std::fs::create_dir_all(book.path().join("products")).unwrap();
        std::fs::write(book.path().join("products/CONSULT.toml"), product).unwrap();
    }
    let args = [
        "invoice",
        "acme",
        "--date",
        "2026-03-01",
        "--item",
        "CONSULT",
        "--qty",
        "2",
    ];
    assert_eq!(same(&twins, &args), Some(0));
    let documents = written(&twins.0);
    let document = documents
        .iter()
        .find(|(path, _)| path.starts_with("documents/"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .expect("a document was written");
    assert!(document.contains("product = \"CONSULT\""), "{document}");
    assert!(
        document.contains("description = \"Consulting\""),
        "{document}"
    );
}
