//! `folio import contacts|entries`: mapping, matching, validation with row and column,
//! idempotence, and the round trip export -> import.

use crate::export::copy_dir;
use crate::util::{TestBook, repo_root};

fn read(book: &TestBook, relative: &str) -> String {
    std::fs::read_to_string(book.path().join(relative)).unwrap_or_default()
}

fn write(book: &TestBook, name: &str, contents: &[u8]) -> String {
    let path = book.path().join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_str().unwrap().to_string()
}

fn fail(book: &TestBook, args: &[&str]) -> (i32, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_example_contacts_import_and_a_second_run_changes_nothing() {
    let book = TestBook::new();
    let file = repo_root().join("examples/import/contacts.csv");
    let file = file.to_str().unwrap();
    let map = "Account manager=custom.account_manager";
    let dry = book.stdout(&["import", "contacts", file, "--map", map, "--dry-run"]);
    assert!(
        dry.contains("would create acme-trading-bv (row 2)"),
        "{dry}"
    );
    assert!(
        dry.ends_with("dry run: 5 created, 0 updated, 0 unchanged, 0 invalid\n"),
        "{dry}"
    );
    assert_eq!(
        std::fs::read_dir(book.path().join("contacts"))
            .unwrap()
            .count(),
        0
    );

    let out = book.stdout(&["import", "contacts", file, "--map", map]);
    assert!(
        out.ends_with("5 created, 0 updated, 0 unchanged, 0 invalid\n"),
        "{out}"
    );
    let acme = read(&book, "contacts/acme-trading-bv.toml");
    assert!(acme.contains("iban = \"BE68539007547034\"\n"), "{acme}");
    assert!(acme.contains("credit_limit = \"5000.00\"\n"), "{acme}");
    assert!(acme.contains("tags = [\"vip\", \"wholesale\"]\n"), "{acme}");
    assert!(acme.contains("account_manager = \"Lena\"\n"), "{acme}");
    let durand = read(&book, "contacts/electricite-durand-sarl.toml");
    assert!(
        durand.contains("roles = [\"customer\", \"supplier\"]"),
        "{durand}"
    );
    // A Chinese name has no Latin letters for an id.
    assert!(read(&book, "contacts/contact.toml").contains("北京贝塔科技有限公司"));
    assert!(read(&book, "contacts/papeterie-martin.toml").contains("country = \"FR\""));

    let before: Vec<String> = ["acme-trading-bv", "contact", "papeterie-martin"]
        .iter()
        .map(|id| read(&book, &format!("contacts/{id}.toml")))
        .collect();
    let again = book.stdout(&["import", "contacts", file, "--map", map]);
    assert_eq!(again, "0 created, 0 updated, 5 unchanged, 0 invalid\n");
    let after: Vec<String> = ["acme-trading-bv", "contact", "papeterie-martin"]
        .iter()
        .map(|id| read(&book, &format!("contacts/{id}.toml")))
        .collect();
    assert_eq!(before, after);
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn updates_change_only_the_values_that_differ_and_keep_comments() {
    let original = "# Our oldest customer.\nname = \"Acme Trading BV\"   # legal name\nemail = 'old@acme.example'\nvat = \"BE0403170701\"\n\n[address]\ncity   = \"Brussels\" # head office\n";
    let book = TestBook::new().contact("acme", original);
    let csv = write(
        &book,
        "in.csv",
        b"id;name;email;city;phone\nacme;Acme Trading BV;ap@acme.example;Brussels;\n",
    );
    let out = book.stdout(&["import", "contacts", &csv]);
    assert_eq!(
        out,
        "updated acme (row 2): email\n0 created, 1 updated, 0 unchanged, 0 invalid\n"
    );
    let after = read(&book, "contacts/acme.toml");
    assert_eq!(
        after,
        original.replace("'old@acme.example'", "\"ap@acme.example\"")
    );
}

#[test]
fn rows_match_on_vat_or_email_and_else_on_the_name() {
    let book = TestBook::new()
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nvat = \"BE0403170701\"\n",
        )
        .contact("beta", "name = \"Beta\"\nemail = \"info@beta.example\"\n");
    let csv = write(
        &book,
        "in.csv",
        "name,vat,city\nACME renamed,BE 0403.170.701,Gent\nBeta,,Liège\nGamma,,Namur\n".as_bytes(),
    );
    let out = book.stdout(&["import", "contacts", &csv, "--key", "vat"]);
    assert!(out.contains("updated acme (row 2): name, city"), "{out}");
    assert!(out.contains("updated beta (row 3): city"), "{out}");
    assert!(out.contains("created gamma (row 4)"), "{out}");
    let by_email = write(
        &book,
        "mail.csv",
        b"Company,E-mail,Phone\nWhatever,INFO@beta.example,+32 1\n",
    );
    let out = book.stdout(&[
        "import",
        "contacts",
        &by_email,
        "--key",
        "email",
        "--map",
        "Company=-",
    ]);
    assert!(out.contains("updated beta (row 2): phone"), "{out}");
}

#[test]
fn invalid_rows_are_reported_by_row_column_and_field_and_nothing_is_written() {
    let book = TestBook::new();
    let csv = write(
        &book,
        "in.csv",
        b"name,email,vat,iban,terms,country\nGood,g@x.example,,,,BE\nBad,not-an-email,BE0403170702,BE69 5390 0754 7034,soon,ZZ\n,,,,,\nNo id or name,,,,,\n",
    );
    let (code, stderr) = fail(&book, &["import", "contacts", &csv]);
    assert_eq!(code, 65, "{stderr}");
    for expected in [
        "in.csv:3:5: error: row 3, column `email` (email): invalid e-mail address",
        "in.csv:3:18: error: row 3, column `vat` (vat):",
        "in.csv:3:31: error: row 3, column `iban` (iban): invalid IBAN",
        "in.csv:3:51: error: row 3, column `terms` (terms):",
        "in.csv:3:56: error: row 3, column `country` (country):",
        "1 invalid row(s)",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert_eq!(
        std::fs::read_dir(book.path().join("contacts"))
            .unwrap()
            .count(),
        0
    );
    let out = book.stdout(&["import", "contacts", &csv, "--skip-invalid"]);
    assert!(out.contains("created good (row 2)"), "{out}");
    assert!(out.contains("created no-id-or-name (row 5)"), "{out}");
    assert!(
        out.ends_with("2 created, 0 updated, 0 unchanged, 1 invalid\n"),
        "{out}"
    );
}

#[test]
fn a_malformed_csv_names_row_and_column_and_exits_65() {
    let book = TestBook::new().customer("acme");
    let cases: [(&[u8], &str); 4] = [
        (
            b"name,email\nAcme,\"ap@acme.example\nBeta,b@x.example\n",
            "in.csv:2:6: error: this quoted cell never ends",
        ),
        (
            b"name,email\nAc\"me,a@b.example\n",
            "in.csv:2:3: error: a quote (\") inside a cell",
        ),
        (
            b"name,email\n\"Acme\"x,a@b.example\n",
            "in.csv:2:7: error: `x` after the closing quote",
        ),
        (
            b"name,email,phone\nAcme,a@b.example\n",
            "in.csv:2:17: error: row 2 has 2 cell(s), the header has 3",
        ),
    ];
    for (contents, expected) in cases {
        let csv = write(&book, "in.csv", contents);
        let (code, stderr) = fail(&book, &["import", "contacts", &csv]);
        assert_eq!(code, 65, "{stderr}");
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
        let (code, stderr) = fail(&book, &["import", "entries", &csv]);
        assert_eq!(code, 65, "{stderr}");
    }
    let (code, stderr) = fail(&book, &["import", "contacts", "missing.csv"]);
    assert_eq!(code, 66, "{stderr}");
    let latin = write(&book, "latin.csv", b"name\nCaf\xe9\n");
    let (code, stderr) = fail(&book, &["import", "contacts", &latin]);
    assert_eq!(code, 65);
    assert!(
        stderr.contains("latin.csv:2:4: error: byte 0xE9 is not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn semicolons_and_a_byte_order_mark_are_detected_or_given() {
    let book = TestBook::new();
    let csv = write(
        &book,
        "in.csv",
        "\u{feff}name;city\n\"Dupont, fils\";Liège\n".as_bytes(),
    );
    book.stdout(&["import", "contacts", &csv]);
    assert!(read(&book, "contacts/dupont-fils.toml").contains("city = \"Liège\""));
    let tabbed = write(&book, "tab.csv", b"name\tcity\nTabby\tGent\n");
    book.stdout(&["import", "contacts", &tabbed, "--delimiter", "tab"]);
    assert!(read(&book, "contacts/tabby.toml").contains("Gent"));
}

fn entries_book() -> TestBook {
    TestBook::new()
        .contact("acme", "name = \"Acme\"\nterms = 14\n")
        .contact("paper", "name = \"Paper\"\nroles = [\"supplier\"]\n")
        .journal("2026", "2026-01-02 invoice INV-1 acme 100.00 EUR\n")
}

#[test]
fn entries_with_rules_dates_decimal_commas_and_refs_within_the_file() {
    let book = entries_book();
    let rules = write(
        &book,
        "rules.toml",
        "date_format = \"%d/%m/%Y\"\ndecimal = \",\"\nthousands = \".\"\n[columns]\nid = \"Nummer\"\ndate = \"Datum\"\nkind = \"Soort\"\ncontact = \"Klant\"\namount = \"Bedrag\"\nref = \"Factuur\"\nmemo = \"Omschrijving\"\n[meta]\npo = \"Bestelbon\"\n[kinds]\nFactuur = \"invoice\"\nBetaling = \"payment\"\nAankoop = \"bill\"\n".as_bytes(),
    );
    let csv = write(
        &book,
        "old.csv",
        "Nummer;Datum;Soort;Klant;Bedrag;Factuur;Omschrijving;Bestelbon\n\
         F-2;15/01/2026;Factuur;acme;1.210,50;;lampen, januari;PO 77\n\
         B-1;20/02/2026;Betaling;acme;1.000,00;F-2;;\n\
         A-1;31/12/2025;Aankoop;paper;89,9;;;\n\
         INV-1;02/01/2026;Factuur;acme;100,00;;;\n"
            .as_bytes(),
    );
    let out = book.stdout(&["import", "entries", &csv, "--rules", &rules]);
    assert!(
        out.contains("added 1 entry to journal/2025.journal"),
        "{out}"
    );
    assert!(
        out.contains("added 2 entries to journal/2026.journal"),
        "{out}"
    );
    assert!(
        out.ends_with("3 added, 1 already in the book (skipped), 0 invalid\n"),
        "{out}"
    );
    assert_eq!(
        read(&book, "journal/2026.journal"),
        "2026-01-02 invoice INV-1 acme 100.00 EUR\n\
         2026-01-15 invoice F-2 acme 1210.50 EUR due:2026-01-29 po:PO_77 ; lampen, januari\n\
         2026-02-20 payment B-1 acme 1000.00 EUR ref:F-2\n"
    );
    assert_eq!(
        read(&book, "journal/2025.journal"),
        "2025-12-31 bill A-1 paper 89.90 EUR due:2026-01-30\n"
    );
    book.stdout(&["check", "--strict"]);
    let again = book.stdout(&["import", "entries", &csv, "--rules", &rules]);
    assert_eq!(
        again,
        "0 added, 4 already in the book (skipped), 0 invalid\n"
    );
}

#[test]
fn invalid_entry_rows_say_where_and_nothing_is_added() {
    let book = entries_book();
    let csv = write(
        &book,
        "in.csv",
        b"date,kind,id,contact,amount,currency,due,ref\n\
          2026-02-01,invoce,X-1,acme,10,,,\n\
          2026-02-01,invoice,X-2,acme,-10,,,\n\
          2026-02-01,payment,X-3,acme,10,,2026-03-01,\n\
          2026-02-01,payment,X-4,acme,10,,,NOPE\n\
          2026-02-01,payout,X-5,paper,10,,,INV-1\n\
          2026-02-31,invoice,X-6,acme,10.12345,usd,,\n\
          2026-02-01,invoice,X-7,acm,10,,,\n\
          2026-02-01,invoice,X-8,acme,10,,,\n\
          2026-02-02,invoice,X-8,acme,11,,,\n",
    );
    let (code, stderr) = fail(&book, &["import", "entries", &csv]);
    assert_eq!(code, 65, "{stderr}");
    for expected in [
        "in.csv:2:12: error: row 2, column `kind` (kind): unknown kind `invoce`; did you mean `invoice`?",
        "in.csv:3:29: error: row 3, column `amount` (amount): amount -10 is negative",
        "in.csv:4:33: error: row 4, column `due` (due): a due date on payment",
        "in.csv:5:34: error: row 5, column `ref` (ref): ref NOPE names no document",
        "in.csv:6:34: error: row 6, column `ref` (ref): ref INV-1 is a invoice; a payout may only refer to bill",
        "in.csv:7:1: error: row 7, column `date` (date):",
        "in.csv:7:29: error: row 7, column `amount` (amount): amount 10.12345 has more than 4 decimals",
        "in.csv:8:24: error: row 8, column `contact` (contact): unknown contact `acm`; did you mean `acme`?",
        "in.csv:10:20: error: row 10, column `id` (id): document id X-8 is already used on row 9",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    assert_eq!(
        read(&book, "journal/2026.journal"),
        "2026-01-02 invoice INV-1 acme 100.00 EUR\n"
    );
}

/// Reports that must come out the same from the demo book and from its export imported again.
fn reports(book: &TestBook) -> Vec<String> {
    let mut all = Vec::new();
    for as_of in [
        "2025-12-31",
        "2026-03-31",
        "2026-06-30",
        "2026-11-25",
        "2027-12-31",
    ] {
        for side in [&[][..], &["--payables"][..]] {
            for report in ["balance", "aging", "overdue"] {
                let mut args = vec![report, "--as-of", as_of, "--format", "json"];
                args.extend_from_slice(side);
                all.push(book.stdout(&args));
            }
        }
        all.push(book.stdout(&["credit", "--as-of", as_of, "--format", "json"]));
        all.push(book.stdout(&[
            "statement",
            "hotel-les-tilleuls",
            "--as-of",
            as_of,
            "--format",
            "json",
        ]));
    }
    all
}

#[test]
fn export_then_import_into_an_empty_book_gives_the_same_reports() {
    let demo = TestBook::new();
    copy_dir(&repo_root().join("examples/demo"), demo.path());
    let fresh = TestBook::new();
    std::fs::copy(
        demo.path().join("folio.toml"),
        fresh.path().join("folio.toml"),
    )
    .unwrap();
    copy_dir(
        &demo.path().join("contacts"),
        &fresh.path().join("contacts"),
    );
    // Exchange rates are not entries: they come with the book, not with its export.
    copy_dir(&demo.path().join("rates"), &fresh.path().join("rates"));
    let csv = write(
        &fresh,
        "entries.csv",
        demo.stdout(&["export", "entries", "--as-of", "2099-12-31"])
            .as_bytes(),
    );
    let out = fresh.stdout(&["import", "entries", &csv]);
    assert!(out.contains("0 already in the book"), "{out}");
    // Disputes and promises are not entries either, and name the documents just imported.
    std::fs::copy(
        demo.path().join("collections.journal"),
        fresh.path().join("collections.journal"),
    )
    .unwrap();
    let check = fresh.stdout(&["check"]);
    assert!(check.starts_with("ok: 31 contacts"), "{check}");
    assert_eq!(reports(&fresh), reports(&demo));
    assert_eq!(
        fresh.stdout(&["export", "entries", "--as-of", "2099-12-31"]),
        demo.stdout(&["export", "entries", "--as-of", "2099-12-31"])
    );
}

/// `/dev/zero` ends no line and never ends: the import stops at the CSV limit with the file and
/// the limit named, and the journal is left as it was.
#[cfg(unix)]
#[test]
fn importing_a_device_that_never_ends_stops_at_the_csv_limit() {
    let book = entries_book();
    let before = read(&book, "journal/2026.journal");
    let (code, stderr) = fail(&book, &["import", "entries", "/dev/zero"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains(
            "/dev/zero: larger than 256 MiB, the most folio reads from a CSV file (is it the right file?)"
        ),
        "{stderr}"
    );
    assert_eq!(read(&book, "journal/2026.journal"), before);
    let (code, stderr) = fail(&book, &["import", "contacts", "/dev/zero"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("/dev/zero: larger than 256 MiB"),
        "{stderr}"
    );
}

/// A rules file is read up to 1 MiB: one byte more is refused, with the file named.
#[test]
fn a_rules_file_one_byte_over_a_mib_is_refused() {
    let book = entries_book();
    let csv = write(
        &book,
        "in.csv",
        b"date,kind,id,contact,amount\n2026-02-01,invoice,INV-9,acme,1\n",
    );
    let mut rules = b"date_format = \"%Y-%m-%d\"\n".to_vec();
    rules.resize((1 << 20) + 1, b'#');
    let rules = write(&book, "rules.toml", &rules);
    let (code, stderr) = fail(&book, &["import", "entries", &csv, "--rules", &rules]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("rules.toml: larger than 1 MiB, the most folio reads from a settings file"),
        "{stderr}"
    );
    // At the limit itself the file is read (and here refused for its content, not its size).
    let mut at_limit = b"date_format = \"%Y-%m-%d\"\n".to_vec();
    at_limit.resize(1 << 20, b' ');
    let rules = write(&book, "rules.toml", &at_limit);
    book.folio(&["import", "entries", &csv, "--rules", &rules, "--dry-run"])
        .assert()
        .success();
}
