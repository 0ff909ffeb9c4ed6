//! `folio invoice|credit-note --item`, `folio quote`, `folio render`: documents with line items,
//! their journal lines, golden text/HTML/UBL renders in each language, and `check` on documents.

use crate::util::TestBook;
use predicates::prelude::*;

/// The seller of every test book: a Belgian company.
pub(crate) const COMPANY: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"
terms = 30

[company]
name = "Atelier Lumière SRL"
vat = "BE0403170701"
company_id = "0403.170.701"
iban = "BE68539007547034"
bic = "GKCCBEBB"
email = "facturation@lumiere.example"
phone = "+32 2 555 01 00"
legal = "SRL · RPM Bruxelles · BE0403170701"

[company.address]
street = "Rue de la Loi 16"
postcode = "1000"
city = "Bruxelles"
country = "BE"
"#;

/// A book with customers in every built-in language: en (Ireland, reverse charge), fr (Belgium,
/// Belgian VAT; France, reverse charge), zh (China, export), nl (the Netherlands) and de
/// (Germany), each with an intra-Community supply of goods and reverse-charged services.
pub(crate) fn book() -> TestBook {
    TestBook::with_config(COMPANY)
        .contact(
            "northwind",
            "name = \"Northwind Traders Ltd\"\nvat = \"IE6388047V\"\nemail = \"ap@northwind.example\"\nlanguage = \"en\"\n[address]\nstreet = \"1 Harbour Road\"\npostcode = \"D02 X285\"\ncity = \"Dublin\"\ncountry = \"IE\"\n",
        )
        .contact(
            "sablon",
            "name = \"Brasserie du Sablon SA\"\nvat = \"BE0417497106\"\nbuyer_reference = \"BDS-ACHATS\"\nemail = \"compta@sablon.example\"\nlanguage = \"fr\"\n[address]\nstreet = \"Place du Grand Sablon 40\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
        )
        .contact(
            "hongli",
            "name = \"佛山宏利陶瓷有限公司\"\nemail = \"finance@hongli.example\"\nlanguage = \"zh\"\n[address]\nstreet = \"季华五路 88 号\"\npostcode = \"528000\"\ncity = \"佛山市\"\ncountry = \"CN\"\n",
        )
        .contact(
            "dijk",
            "name = \"Van Dijk Interieurarchitecten BV\"\nbuyer_reference = \"VDI-2026-031\"\nvat = \"NL000099998B57\"\nemail = \"administratie@vandijk.example\"\nlanguage = \"nl\"\n[address]\nstreet = \"Keizersgracht 452\"\npostcode = \"1016 GD\"\ncity = \"Amsterdam\"\ncountry = \"NL\"\n",
        )
        .contact(
            "kessler",
            "name = \"Keßler Raumdesign GmbH\"\nvat = \"DE814584193\"\nemail = \"buchhaltung@kessler.example\"\nlanguage = \"de\"\n[address]\nstreet = \"Ehrenstraße 43\"\npostcode = \"50672\"\ncity = \"Köln\"\ncountry = \"DE\"\n",
        )
        .contact(
            "rivoli",
            "name = \"Les Galeries Rivoli SAS\"\nbuyer_reference = \"GR-78515\"\nvat = \"FR40303265045\"\nemail = \"fournisseurs@rivoli.example\"\nlanguage = \"fr\"\n[address]\nstreet = \"112 rue de Rivoli\"\npostcode = \"75001\"\ncity = \"Paris\"\ncountry = \"FR\"\n",
        )
}

/// Per contact of [`book`]: the item arguments of its invoice, then of its credit note.
const SPECS: [(&str, &[&str], &[&str]); 6] = [
    (
        "northwind",
        &[
            "--item",
            "Consulting",
            "--qty",
            "10",
            "--unit",
            "h",
            "--price",
            "120",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
            "--item",
            "Workshop materials",
            "--qty",
            "3",
            "--unit",
            "pcs",
            "--price",
            "19.99",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
            "--discount",
            "5",
            "--buyer-ref",
            "PO-7781",
        ],
        &[
            "--item",
            "Consulting (cancelled hours)",
            "--qty",
            "2",
            "--unit",
            "h",
            "--price",
            "120",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
        ],
    ),
    (
        "sablon",
        &[
            "--item",
            "Éclairage de la salle",
            "--qty",
            "1",
            "--price",
            "2450",
            "--vat",
            "21",
            "--item",
            "Pose (main-d'œuvre)",
            "--qty",
            "6.5",
            "--unit",
            "h",
            "--price",
            "65",
            "--vat",
            "21",
            "--discount",
            "10",
            "--item",
            "Livres d'entretien",
            "--qty",
            "2",
            "--unit",
            "pcs",
            "--price",
            "12.5",
            "--vat",
            "6",
            "--note",
            "Livraison le 12 janvier.",
        ],
        &[
            "--item",
            "Remise commerciale sur l'éclairage",
            "--price",
            "245",
            "--vat",
            "21",
        ],
    ),
    (
        "hongli",
        &[
            "--item",
            "LED 灯具设计咨询",
            "--qty",
            "4",
            "--unit",
            "day",
            "--price",
            "800",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-G",
            "--item",
            "样品灯具",
            "--qty",
            "12",
            "--unit",
            "pcs",
            "--price",
            "35.75",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-G",
        ],
        &[
            "--item",
            "样品灯具（退货）",
            "--qty",
            "2",
            "--unit",
            "pcs",
            "--price",
            "35.75",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-G",
        ],
    ),
    (
        "dijk",
        &[
            "--item",
            "Lichtplan woonkamer en keuken",
            "--qty",
            "12",
            "--unit",
            "uur",
            "--price",
            "95",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
            "--item",
            "Hanglamp Sablon, geborsteld messing",
            "--qty",
            "4",
            "--unit",
            "stuks",
            "--price",
            "385",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-IC",
            "--discount",
            "5",
        ],
        &[
            "--item",
            "Hanglamp Sablon, geborsteld messing (retour)",
            "--qty",
            "1",
            "--unit",
            "stuks",
            "--price",
            "365.75",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-IC",
        ],
    ),
    (
        "kessler",
        &[
            "--item",
            "Pendelleuchte Sablon, Messing gebürstet",
            "--qty",
            "6",
            "--unit",
            "Stück",
            "--price",
            "385",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-IC",
            "--item",
            "Lichtplanung Showroom",
            "--qty",
            "1.5",
            "--unit",
            "Tage",
            "--price",
            "640",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
            "--buyer-ref",
            "KR-2026-118",
        ],
        &[
            "--item",
            "Pendelleuchte Sablon (Rücksendung)",
            "--qty",
            "2",
            "--unit",
            "Stück",
            "--price",
            "385",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-IC",
        ],
    ),
    (
        "rivoli",
        &[
            "--item",
            "Conception lumière des vitrines de Noël",
            "--qty",
            "3",
            "--unit",
            "jours",
            "--price",
            "640",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
        ],
        &[
            "--item",
            "Conception lumière (journée annulée)",
            "--qty",
            "1",
            "--unit",
            "jour",
            "--price",
            "640",
            "--vat",
            "0",
            "--exempt",
            "VATEX-EU-AE",
        ],
    ),
];

/// Records an invoice and a credit note for each contact of [`book`]; returns (contact, invoice,
/// credit note) ids.
pub(crate) fn with_documents() -> (TestBook, Vec<(&'static str, String, String)>) {
    let book = book();
    let mut made = Vec::new();
    for (contact, invoice_items, credit_items) in SPECS {
        let mut args = vec!["invoice", contact, "--date", "2026-01-15"];
        args.extend_from_slice(invoice_items);
        let invoice = book.stdout(&args).trim().to_string();
        let mut args = vec![
            "credit-note",
            "--ref",
            invoice.as_str(),
            "--date",
            "2026-01-22",
        ];
        args.extend_from_slice(credit_items);
        let credit = book.stdout(&args).trim().to_string();
        made.push((contact, invoice, credit));
    }
    (book, made)
}

/// The language of a contact of [`book`].
pub(crate) fn language_of(contact: &str) -> &'static str {
    match contact {
        "northwind" => "en",
        "sablon" | "rivoli" => "fr",
        "dijk" => "nl",
        "kessler" => "de",
        _ => "zh",
    }
}

/// Compares `actual` with its snapshot in tests/cli/snapshots/ (insta; review a change with
/// `cargo insta review`, or `INSTA_UPDATE=always cargo test` and `git diff`). `name` ends in the
/// file's extension, so the snapshot is a file of that kind, byte for byte.
pub(crate) fn golden(name: &str, actual: &str) {
    insta::assert_binary_snapshot!(name, actual.as_bytes().to_vec());
}

#[test]
fn golden_txt_html_and_ubl_of_an_invoice_and_a_credit_note_in_each_language() {
    let (book, made) = with_documents();
    for (contact, invoice, credit) in &made {
        let language = language_of(contact);
        for id in [invoice, credit] {
            for format in ["txt", "html", "ubl"] {
                let text = book.stdout(&["render", id, "--format", format]);
                let ext = if format == "ubl" { "xml" } else { format };
                golden(&format!("{language}-{ext}-{id}.{ext}"), &text);
            }
        }
    }
    book.folio(&["check"]).assert().success();
}

#[test]
fn an_invoice_with_items_records_its_total_and_its_document() {
    let book = book();
    let id = book.stdout(&[
        "invoice",
        "sablon",
        "--date",
        "2026-01-15",
        "--item",
        "Conseil",
        "--qty",
        "10",
        "--unit",
        "h",
        "--price",
        "120",
        "--vat",
        "21",
        "--item",
        "Livres",
        "--qty",
        "3",
        "--price",
        "0.35",
        "--vat",
        "6",
    ]);
    assert_eq!(id, "INV-2026-0001\n");
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    // 1200 + 1.05 net; VAT 252.00 + 0.063 -> 0.06 (per rate, half-up).
    assert_eq!(
        journal,
        "2026-01-15 invoice INV-2026-0001 sablon 1453.11 EUR due:2026-02-14\n"
    );
    let document =
        std::fs::read_to_string(book.path().join("documents/INV-2026-0001.toml")).unwrap();
    assert!(document.contains("total = \"1453.11\""), "{document}");
    assert!(
        document.contains("[seller]\nname = \"Atelier Lumière SRL\""),
        "{document}"
    );
    assert!(
        document.contains("communication = \"+++"),
        "Belgian structured communication"
    );
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn items_from_toml_and_csv_files() {
    let book = book()
        .file("items.csv", "description,quantity,unit,price,vat\nConseil,2,h,100,21\nLivre,1,,20,6\n")
        .file("items.toml", "[[items]]\ndescription = \"Conseil\"\nquantity = \"2\"\nprice = \"100\"\nvat = \"21\"\n");
    let csv = book.path().join("items.csv");
    let toml = book.path().join("items.toml");
    book.stdout(&[
        "invoice",
        "sablon",
        "--date",
        "2026-02-01",
        "--items",
        csv.to_str().unwrap(),
    ]);
    book.stdout(&[
        "invoice",
        "sablon",
        "--date",
        "2026-02-01",
        "--items",
        toml.to_str().unwrap(),
    ]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("INV-2026-0001 sablon 263.20 EUR"),
        "{journal}"
    );
    assert!(
        journal.contains("INV-2026-0002 sablon 242.00 EUR"),
        "{journal}"
    );
    let bad = book.path().join("bad.csv");
    std::fs::write(&bad, "description,price,vat\nX,12,abc\n").unwrap();
    book.folio(&["invoice", "sablon", "--items", bad.to_str().unwrap()])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "bad.csv:2:3: error: vat `abc` is not a decimal",
        ));
    assert_eq!(
        std::fs::read_dir(book.path().join("documents"))
            .unwrap()
            .count(),
        2,
        "nothing written for the bad file"
    );
}

/// An items file is read up to 16 MiB: a device that never ends is cut there, and nothing is
/// recorded.
#[cfg(unix)]
#[test]
fn items_from_a_device_that_never_ends_stop_at_the_items_limit() {
    let book = book();
    let output = book
        .folio(&[
            "invoice",
            "sablon",
            "--date",
            "2026-02-01",
            "--items",
            "/dev/zero",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: larger than 16 MiB, the most folio reads from an items file"),
        "{stderr}"
    );
    assert!(!book.path().join("journal/2026.journal").exists());
}

#[test]
fn item_options_group_by_position_and_refuse_ambiguity() {
    let book = book();
    book.folio(&[
        "invoice", "sablon", "--qty", "2", "--item", "X", "--price", "1", "--vat", "21",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("--qty 2 comes before any --item"));
    book.folio(&[
        "invoice", "sablon", "--item", "X", "--price", "1", "--price", "2", "--vat", "21",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "--price is given twice for item 1",
    ));
    book.folio(&["invoice", "sablon", "--item", "X", "--price", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no --vat"));
    book.folio(&[
        "invoice", "sablon", "100", "--item", "X", "--price", "1", "--vat", "21",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("not both"));
    assert!(!book.path().join("documents").exists());
    assert_eq!(
        std::fs::read_to_string(book.path().join("journal/2026.journal")).ok(),
        None
    );
}

#[test]
fn a_failed_append_leaves_no_document() {
    // The journal file is a directory: the append fails after the document was written.
    let book = book();
    std::fs::create_dir_all(book.path().join("journal/2026.journal/x")).unwrap();
    book.folio(&[
        "invoice",
        "sablon",
        "--date",
        "2026-01-15",
        "--item",
        "X",
        "--price",
        "10",
        "--vat",
        "21",
    ])
    .assert()
    .failure();
    let left: Vec<_> = std::fs::read_dir(book.path().join("documents"))
        .map(|d| d.count())
        .into_iter()
        .collect();
    assert!(left.is_empty() || left == [0], "document removed: {left:?}");
}

#[cfg(debug_assertions)]
#[test]
fn a_crash_between_document_and_journal_line_is_reported_then_repaired() {
    let book = book();
    let invoice = [
        "invoice",
        "sablon",
        "--date",
        "2026-01-15",
        "--item",
        "X",
        "--price",
        "10",
        "--vat",
        "21",
    ];
    book.folio(&invoice)
        .env("FOLIO_FAILPOINT", "document-written")
        .assert()
        .failure();
    assert!(book.path().join("documents/INV-2026-0001.toml").exists());
    // A warning: the book stays valid after a crash.
    book.folio(&["check"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "documents/INV-2026-0001.toml:3:1: warning: orphan document: invoice INV-2026-0001 has no journal line",
        ));
    // The next invoice takes the same number and replaces the orphan.
    book.folio(&invoice)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "replacing documents/INV-2026-0001.toml",
        ));
    book.folio(&["check"]).assert().success();
}

/// An orphan document (its writer killed before the journal line) and a plain invoice, without
/// items, issued next: the plain invoice must not take the orphan's number, or the two would
/// disagree (found by the random-kill crash test).
#[test]
fn a_plain_invoice_does_not_take_the_number_of_an_orphan_document() {
    let book = book();
    book.folio(&[
        "invoice",
        "sablon",
        "--date",
        "2026-01-15",
        "--item",
        "X",
        "--price",
        "10",
        "--vat",
        "21",
    ])
    .assert()
    .success()
    .stdout("INV-2026-0001\n");
    // What a writer killed between its two writes leaves: the document, no journal line.
    std::fs::write(book.path().join("journal/2026.journal"), "").unwrap();
    book.folio(&["invoice", "sablon", "12.50", "--date", "2026-01-20"])
        .assert()
        .success()
        .stdout("INV-2026-0002\n");
    book.folio(&["check"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: orphan document: invoice INV-2026-0001 has no journal line",
        ));
    // Named explicitly, the orphan's id is refused, and nothing is written.
    book.folio(&[
        "invoice",
        "sablon",
        "12.50",
        "--date",
        "2026-01-20",
        "--id",
        "INV-2026-0001",
    ])
    .assert()
    .code(65)
    .stderr(predicate::str::contains(
        "documents/INV-2026-0001.toml exists with no journal line",
    ));
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(journal.lines().count(), 1, "{journal}");
    // An invoice with items takes the journal's next number; the orphan stays a warning.
    book.folio(&[
        "invoice",
        "sablon",
        "--date",
        "2026-01-21",
        "--item",
        "Y",
        "--price",
        "20",
        "--vat",
        "21",
    ])
    .assert()
    .success()
    .stdout("INV-2026-0003\n");
    book.folio(&["check"]).assert().success();
}

#[test]
fn check_reports_a_journal_amount_that_is_not_the_document_total() {
    let (book, _) = with_documents();
    let path = book.path().join("journal/2026.journal");
    let journal = std::fs::read_to_string(&path).unwrap();
    let first = journal.lines().next().unwrap().to_string();
    let amount = first.split(' ').nth(4).unwrap().to_string();
    std::fs::write(&path, journal.replacen(&amount, "1.00", 1)).unwrap();
    let column = first.find(&format!(" {amount} ")).unwrap() + 2;
    book.folio(&["check"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(format!(
            "journal/2026.journal:1:{column}: error: the journal amount 1.00 of INV-2026-0001 is not the total {amount} of "
        )));
    book.folio(&["render", "INV-2026-0001"]).assert().code(65);
}

#[test]
fn check_reports_edited_totals_and_missing_legal_content_at_their_keys() {
    let book = book().contact("bare", "name = \"Bare\"\n");
    book.stdout(&[
        "invoice",
        "bare",
        "--date",
        "2026-01-15",
        "--id",
        "X-1",
        "--item",
        "Sans TVA",
        "--price",
        "50",
        "--vat",
        "21",
    ]);
    let path = book.path().join("documents/X-1.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("net = \"50.00\"", "net = \"51.00\"")).unwrap();
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("error: totals.net is 51.00 but the items add up to 50.00"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "documents/X-1.toml:3:1: warning: X-1 is not numbered in the invoice sequence"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: the buyer's address is incomplete"),
        "{stderr}"
    );
}

#[test]
fn quote_accept_invoice_credit_note_statement_round_trip() {
    let book = book();
    let quote = book.stdout(&[
        "quote",
        "sablon",
        "--date",
        "2026-03-01",
        "--item",
        "Installation",
        "--qty",
        "3",
        "--unit",
        "day",
        "--price",
        "600",
        "--vat",
        "21",
    ]);
    assert_eq!(quote, "Q-2026-0001\n");
    let text = std::fs::read_to_string(book.path().join("quotes/Q-2026-0001.toml")).unwrap();
    assert!(
        text.contains("valid_until = 2026-03-31"),
        "default validity 30 days: {text}"
    );
    assert!(
        !book.path().join("journal/2026.journal").exists(),
        "a quote has no journal line"
    );
    book.stdout(&[
        "quote",
        "sablon",
        "--date",
        "2026-03-02",
        "--item",
        "Autre",
        "--price",
        "10",
        "--vat",
        "21",
    ]);
    let invoice = book.stdout(&["quote", "accept", "Q-2026-0001", "--date", "2026-03-10"]);
    assert_eq!(invoice, "INV-2026-0001\n");
    let text = std::fs::read_to_string(book.path().join("quotes/Q-2026-0001.toml")).unwrap();
    assert!(
        text.contains("accepted = 2026-03-10") && text.contains("invoice = \"INV-2026-0001\""),
        "{text}"
    );
    book.folio(&["quote", "accept", "Q-2026-0001"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("already accepted"));
    let credit = book.stdout(&[
        "credit-note",
        "--ref",
        "INV-2026-0001",
        "--date",
        "2026-03-20",
        "--item",
        "Installation (1 jour)",
        "--unit",
        "day",
        "--price",
        "600",
        "--vat",
        "21",
    ]);
    assert_eq!(credit, "CN-2026-0001\n");
    book.stdout(&[
        "payment",
        "sablon",
        "1452",
        "--ref",
        "INV-2026-0001",
        "--date",
        "2026-03-25",
    ]);
    let statement = book.json(&["statement", "sablon", "--as-of", "2026-03-31"]);
    let text = statement.to_string();
    assert!(
        text.contains("2178.00") && text.contains("726.00"),
        "{text}"
    );
    let balance = book.json(&["balance", "--as-of", "2026-03-31"]);
    assert_eq!(balance[0]["balance"], "0.00", "2178 - 726 - 1452");
    book.folio(&["check", "--strict"]).assert().success();
    let rendered = book.stdout(&["render", "Q-2026-0001"]);
    assert!(
        rendered.contains("Accepté le 10 mars 2026 : facture INV-2026-0001."),
        "{rendered}"
    );
    book.folio(&["render", "Q-2026-0001", "--format", "ubl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a quote"));
}

#[test]
fn an_expired_quote_is_not_accepted() {
    let book = book();
    book.stdout(&[
        "quote",
        "sablon",
        "--date",
        "2026-03-01",
        "--valid-until",
        "2026-03-05",
        "--item",
        "X",
        "--price",
        "1",
        "--vat",
        "21",
    ]);
    book.folio(&["quote", "accept", "Q-2026-0001", "--date", "2026-03-06"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("expired on 2026-03-05"));
}

#[test]
fn book_templates_override_words_and_layouts() {
    let (book, _) = with_documents();
    let book = book
        .file("templates/documents.fr.ftl", "invoice = Facture client\n")
        .file(
            "templates/document-credit-note.html",
            "<p>{{ title }} {{ id }} {{ buyer.name }}</p>\n",
        );
    let text = book.stdout(&["render", "INV-2026-0002"]);
    assert!(text.starts_with("FACTURE CLIENT INV-2026-0002"), "{text}");
    assert!(
        text.contains("Total TVAC"),
        "other words from the built-in French"
    );
    let html = book.stdout(&["render", "CN-2026-0001", "--format", "html", "--lang", "en"]);
    assert_eq!(
        html,
        "<p>Credit note CN-2026-0001 Northwind Traders Ltd</p>\n"
    );
}

/// Document templates are confined as letters are: a layout or words file linked out of the
/// templates folder, an include of a path, or a folder in place of a file is refused (exit 65)
/// and nothing of what lies outside is shown.
#[cfg(unix)]
#[test]
fn document_templates_cannot_reach_outside_their_folder() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-SENTINEL\n").unwrap();
    type Plant<'a> = dyn Fn(&std::path::Path) + 'a;
    let cases: [(&str, &str, &Plant<'_>); 4] = [
        (
            "txt",
            "templates/document.txt leads outside the book's templates/ folder",
            &|templates| symlink(&secret, templates.join("document.txt")).unwrap(),
        ),
        (
            "txt",
            "templates/documents.en.ftl leads outside the book's templates/ folder",
            &|templates| {
                symlink("../folio.toml", templates.join("documents.en.ftl")).unwrap();
            },
        ),
        ("html", "is not a plain file name", &|templates| {
            std::fs::write(
                templates.join("document.html"),
                "{% include \"../folio.toml\" %}\n",
            )
            .unwrap();
        }),
        (
            "txt",
            "templates/document.txt is not a file",
            &|templates| std::fs::create_dir(templates.join("document.txt")).unwrap(),
        ),
    ];
    for (format, refusal, plant) in cases {
        let (book, made) = with_documents();
        let templates = book.path().join("templates");
        std::fs::create_dir_all(&templates).unwrap();
        plant(&templates);
        let output = book
            .folio(&["render", &made[0].1, "--format", format, "--lang", "en"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(65), "{refusal}: {stderr}");
        assert!(stderr.contains(refusal), "{stderr}");
        assert!(!format!("{stdout}{stderr}").contains("SECRET-SENTINEL"));
        assert!(!format!("{stdout}{stderr}").contains("currency ="));
    }
}

#[test]
fn voiding_an_itemised_invoice_issues_a_credit_note_with_the_same_lines() {
    let (book, made) = with_documents();
    let (_, invoice, _) = made.iter().find(|(c, _, _)| *c == "kessler").unwrap();
    // The invoice of `kessler` already has a credit note for two lamps: voiding credits the
    // whole invoice as issued and says what is left as credit on the account.
    let output = book
        .folio(&["void", invoice, "--date", "2026-02-01"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let note = String::from_utf8(output.stdout).unwrap().trim().to_string();
    assert!(note.starts_with("CN-2026-"), "{note}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is now a credit on the account"),
        "{stderr}"
    );
    let text = book.stdout(&["render", &note, "--format", "txt"]);
    assert!(
        text.starts_with(&format!("RECHNUNGSKORREKTUR {note}")),
        "{text}"
    );
    assert!(text.contains("Pendelleuchte Sablon,"), "{text}");
    assert!(text.contains("Lichtplanung Showroom"), "{text}");
    assert!(text.contains(invoice.as_str()), "{text}");
    let xml = book.stdout(&["render", &note, "--format", "ubl"]);
    assert!(xml.contains("<CreditNote"), "{xml}");
    assert!(
        xml.contains("<cbc:PayableAmount currencyID=\"EUR\">3270.00</cbc:PayableAmount>"),
        "{xml}"
    );
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_dry_run_shows_the_document_with_its_would_be_number_and_writes_nothing() {
    let (book, _) = with_documents();
    let journal = |book: &crate::util::TestBook| {
        std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap()
    };
    let before = journal(&book);
    for (command, title) in [
        ("invoice", "FACTUUR INV-2026-0007"),
        ("quote", "OFFERTE Q-2026-0001"),
    ] {
        let output = book
            .folio(&[
                command,
                "dijk",
                "--date",
                "2026-02-02",
                "--item",
                "Lichtplan",
                "--qty",
                "2",
                "--unit",
                "uur",
                "--price",
                "95",
                "--vat",
                "0",
                "--exempt",
                "VATEX-EU-AE",
                "--dry-run",
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.starts_with(title), "{text}");
        assert!(text.contains("Btw verlegd"), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("nothing was numbered or written"),
            "{stderr}"
        );
    }
    let plain = book.stdout(&["credit-note", "dijk", "50", "--dry-run"]);
    assert!(
        plain.contains(" credit CN-2026-0007 dijk 50 EUR"),
        "{plain}"
    );
    assert_eq!(journal(&book), before);
    assert!(!book.path().join("documents/INV-2026-0007.toml").exists());
    assert!(!book.path().join("quotes").exists());
}
