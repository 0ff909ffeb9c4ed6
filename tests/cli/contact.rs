//! `folio contact ...` and `folio contacts`: adding, changing, finding and removing contacts.

use crate::util::TestBook;
use serde_json::json;

fn read(book: &TestBook, relative: &str) -> String {
    std::fs::read_to_string(book.path().join(relative)).unwrap()
}

fn contact_files(book: &TestBook) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(book.path().join("contacts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn add_writes_a_canonical_file_and_prints_the_id() {
    let book = TestBook::new();
    let id = book.stdout(&[
        "contact",
        "add",
        "acme",
        "--name",
        "Acme Trading BV",
        "--role",
        "customer",
        "--role",
        "supplier",
        "--email",
        "ap@acme.example",
        "--phone",
        "+32 2 555 01 23",
        "--vat",
        "BE0403170701",
        "--industry",
        "wholesale",
        "--tag",
        "vip",
        "--tag",
        "eu",
        "--country",
        "BE",
        "--city",
        "Brussels",
        "--street",
        "Rue de la Loi 16",
        "--postcode",
        "1000",
        "--language",
        "fr",
        "--currency",
        "EUR",
        "--terms",
        "14",
        "--credit-limit",
        "5000.00",
    ]);
    assert_eq!(id, "acme\n");
    assert_eq!(
        read(&book, "contacts/acme.toml"),
        "name = \"Acme Trading BV\"\nroles = [\"customer\", \"supplier\"]\nemail = \"ap@acme.example\"\n\
phone = \"+32 2 555 01 23\"\nvat = \"BE0403170701\"\nindustry = \"wholesale\"\ntags = [\"vip\", \"eu\"]\n\
language = \"fr\"\ncurrency = \"EUR\"\nterms = 14\ncredit_limit = \"5000.00\"\n\n[address]\n\
street = \"Rue de la Loi 16\"\npostcode = \"1000\"\ncity = \"Brussels\"\ncountry = \"BE\"\n"
    );
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn add_without_an_id_proposes_a_unique_slug() {
    let book = TestBook::new();
    assert_eq!(
        book.stdout(&["contact", "add", "--name", "Acme Trading"]),
        "acme-trading\n"
    );
    assert_eq!(
        book.stdout(&["contact", "add", "--name", "ACME trading"]),
        "acme-trading-2\n"
    );
    assert_eq!(
        book.stdout(&["contact", "add", "--name", "Crème & Café Liège"]),
        "creme-cafe-liege\n"
    );
    assert_eq!(
        book.stdout(&["contact", "add", "--name", "北京贝塔科技"]),
        "contact\n"
    );
    assert_eq!(
        contact_files(&book),
        [
            "acme-trading-2.toml",
            "acme-trading.toml",
            "contact.toml",
            "creme-cafe-liege.toml"
        ]
    );
    // An explicit id that exists is refused.
    let output = book
        .folio(&["contact", "add", "acme-trading", "--name", "Other"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    book.folio(&["contact", "add", "Bad_Id", "--name", "X"])
        .assert()
        .code(65);
    book.folio(&["contact", "add", "nul", "--name", "X"])
        .assert()
        .code(65);
}

/// Official examples, valid and invalid (one digit changed), end to end through `contact add`.
#[test]
fn vat_numbers_and_uscc_from_official_sources() {
    let valid = [
        // Belgium: FPS Finance (SPF Finances / FOD Financiën), enterprise number 0308.357.159, as
        // registered in the Crossroads Bank for Enterprises (KBO/BCE).
        "BE0308357159",
        // France: Électricité de France SA, SIREN 552 081 317, VAT FR 03 552 081 317, as published
        // in its legal notices and in the French company register.
        "FR03552081317",
        // The Netherlands: the example btw-id of the Belastingdienst, "Nummers voor de btw"
        // (ondernemersplein.kvk.nl, published by the Belastingdienst).
        "NL000099998B57",
        // Germany: Amazon EU S.à r.l., USt-IdNr DE 814584193, from its imprint and invoices.
        "DE814584193",
        // Italy: Agenzia delle Entrate, partita IVA 06363391001, from the footer of its own site.
        "IT06363391001",
        // Spain: Agencia Estatal de Administración Tributaria, NIF Q2826000H.
        "ESQ2826000H",
        // Luxembourg: Amazon EU S.à r.l., TVA LU 20260743, from its imprint and invoices.
        "LU20260743",
        // China: the example of the standard itself, GB 32100-2015 (unified social credit code).
        "91350100M000100Y43",
    ];
    let invalid = [
        "BE0308357158",
        "FR04552081317",
        "NL000099998B58",
        "DE814584194",
        "IT06363391002",
        "ESQ2826000J",
        "LU20260744",
        "91350100M000100Y44",
    ];
    let book = TestBook::new();
    for (i, number) in valid.iter().enumerate() {
        book.folio(&[
            "contact",
            "add",
            &format!("ok{i}"),
            "--name",
            "Valid",
            "--vat",
            number,
        ])
        .assert()
        .success();
    }
    for (i, number) in invalid.iter().enumerate() {
        let output = book
            .folio(&[
                "contact",
                "add",
                &format!("bad{i}"),
                "--name",
                "Invalid",
                "--vat",
                number,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{number}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--vat") && stderr.contains(number),
            "{number}: {stderr}"
        );
        assert!(!book.path().join(format!("contacts/bad{i}.toml")).exists());
    }
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn add_refuses_invalid_data_and_writes_nothing() {
    let book = TestBook::new();
    let cases: [&[&str]; 7] = [
        &["--email", "ap@acme"],
        &["--country", "UK"],
        &["--country", "be"],
        &["--currency", "RMB"],
        &["--credit-limit", "5,000"],
        &["--language", "French"],
        &["--vat", "XX123456"],
    ];
    for extra in cases {
        let mut args = vec!["contact", "add", "acme", "--name", "Acme"];
        args.extend_from_slice(extra);
        let output = book.folio(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{extra:?}");
        assert!(!output.stderr.is_empty());
    }
    assert!(contact_files(&book).is_empty());
    let output = book
        .folio(&["contact", "add", "acme", "--name", "A", "--country", "UK"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("GB"),
        "UK hints at GB"
    );
}

const COMMENTED: &str = "\
# Acme: our oldest customer.
name = \"Acme Trading BV\"   # legal name
roles = [\"customer\", \"supplier\"]
email = 'ap@acme.example'
vat = \"BE0403170701\"      # checked 2024-01
terms = 14

[address]
# head office
street = \"Rue de la Loi 16\"
city   = \"Brussels\"
country = \"BE\"
";

fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "lines added or removed:\n{after}");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn set_on_a_commented_file_changes_exactly_one_line() {
    let book = TestBook::new().contact("acme", COMMENTED);
    book.stdout(&["contact", "set", "acme", "address.city=Gent"]);
    let after = read(&book, "contacts/acme.toml");
    assert_eq!(
        changed_lines(COMMENTED, &after),
        [(
            "city   = \"Brussels\"".to_string(),
            "city   = \"Gent\"".to_string()
        )]
    );
    book.stdout(&["contact", "set", "acme", "vat=BE 0308.357.159"]);
    let again = read(&book, "contacts/acme.toml");
    assert_eq!(
        changed_lines(&after, &again),
        [(
            "vat = \"BE0403170701\"      # checked 2024-01".to_string(),
            "vat = \"BE 0308.357.159\"      # checked 2024-01".to_string()
        )]
    );
}

#[test]
fn set_reads_values_by_key_and_refuses_invalid_ones() {
    let book = TestBook::new().contact("acme", COMMENTED);
    book.stdout(&[
        "contact",
        "set",
        "acme",
        "tags=vip, wholesale",
        "terms=30",
        "credit_limit=2500.50",
        "preferences.newsletter=false",
        "custom.account_manager=Lena",
        "since=2021-03-01",
        "email=",
    ]);
    let card = book.json(&["contact", "show", "acme"]);
    assert_eq!(card["tags"], json!(["vip", "wholesale"]));
    assert_eq!(card["terms"], 30);
    assert_eq!(card["credit_limit"], "2500.50");
    assert_eq!(card["newsletter"], false);
    assert_eq!(card["custom"]["account_manager"], "Lena");
    assert_eq!(card["since"], "2021-03-01");
    assert_eq!(card["email"], json!(null));
    let before = read(&book, "contacts/acme.toml");
    for bad in [
        "vat=BE0403170702",
        "email=nobody",
        "address.country=XX",
        "roles=customer,suplier",
        "terms=-1",
        "currency=eur",
    ] {
        let output = book
            .folio(&["contact", "set", "acme", bad])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{bad}");
        assert_eq!(
            read(&book, "contacts/acme.toml"),
            before,
            "{bad} changed the file"
        );
    }
    // A key that does not exist is a usage error with a suggestion.
    let output = book
        .folio(&["contact", "set", "acme", "adress.city=Gent"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `address.city`"));
    book.folio(&["contact", "set", "nobody", "name=X"])
        .assert()
        .code(66);
}

fn editor_script(book: &TestBook, name: &str, body: &str) -> String {
    let path = book.path().join(format!("{name}.sh"));
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.to_string_lossy().into_owned()
}

#[cfg(unix)]
#[test]
fn edit_saves_valid_files_and_never_invalid_ones() {
    let book = TestBook::new().contact("acme", COMMENTED);
    let bad = editor_script(
        &book,
        "bad",
        "sed -i 's/^terms = 14/terms = \"soon\"/' \"$1\"",
    );
    let output = book
        .folio(&["contact", "edit", "acme"])
        .env("EDITOR", &bad)
        .env_remove("VISUAL")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(65),
        "no terminal: no prompt, exit 65"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("contacts/acme.toml:6:9: error:"),
        "{stderr}"
    );
    assert!(!stderr.contains("Edit again"));
    assert_eq!(read(&book, "contacts/acme.toml"), COMMENTED);

    let good = editor_script(&book, "good", "sed -i 's/^terms = 14/terms = 21/' \"$1\"");
    book.folio(&["contact", "edit", "acme"])
        .env("VISUAL", &good)
        .assert()
        .success();
    let after = read(&book, "contacts/acme.toml");
    assert_eq!(
        changed_lines(COMMENTED, &after),
        [("terms = 14".to_string(), "terms = 21".to_string())]
    );
}

fn customers() -> TestBook {
    TestBook::new()
        .contact(
            "dupont",
            "name = \"Étienne Dupont SPRL\"\nemail = \"etienne@dupont.example\"\nphone = \"+32 4 222 38 15\"\n\
tags = [\"vip\"]\nindustry = \"Retail\"\nlanguage = \"fr\"\n[address]\ncity = \"Liège\"\ncountry = \"BE\"\n",
        )
        .contact(
            "beta",
            "name = \"北京贝塔科技有限公司\"\nroles = [\"supplier\"]\nvat = \"91350100M000100Y43\"\ncurrency = \"CNY\"\n\
language = \"zh\"\n[address]\ncity = \"北京\"\ncountry = \"CN\"\n",
        )
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nroles = [\"customer\", \"supplier\"]\nvat = \"NL000099998B57\"\ntags = [\"vip\", \"wholesale\"]\n\
[address]\ncity = \"Gent\"\ncountry = \"BE\"\n",
        )
        .contact("old", "name = \"Old Customer\"\narchived = true\n[address]\ncountry = \"BE\"\n")
}

fn ids(rows: &serde_json::Value) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn contacts_filters_and_formats() {
    let book = customers();
    assert_eq!(ids(&book.json(&["contacts"])), ["acme", "beta", "dupont"]);
    assert_eq!(
        ids(&book.json(&["contacts", "--archived"])),
        ["acme", "beta", "dupont", "old"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--role", "supplier"])),
        ["acme", "beta"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--tag", "vip"])),
        ["acme", "dupont"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--tag", "vip", "--tag", "wholesale"])),
        ["acme"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--industry", "retail"])),
        ["dupont"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--country", "BE"])),
        ["acme", "dupont"]
    );
    assert_eq!(
        ids(&book.json(&["contacts", "--city", "liege"])),
        ["dupont"]
    );
    assert_eq!(ids(&book.json(&["contacts", "--language", "zh"])), ["beta"]);
    let rows = book.json(&["contacts", "--role", "supplier"]);
    assert_eq!(
        rows[0],
        json!({"id": "acme", "name": "Acme Trading BV", "roles": "customer,supplier", "email": null,
               "phone": null, "city": "Gent", "country": "BE", "tags": "vip,wholesale", "archived": false})
    );
    let csv = book.stdout(&["contacts", "--format", "csv", "--language", "fr"]);
    assert_eq!(
        csv,
        "id,name,roles,email,phone,city,country,tags,archived\n\
dupont,Étienne Dupont SPRL,customer,etienne@dupont.example,'+32 4 222 38 15,Liège,BE,vip,false\n",
        "CSV neutralises the leading + of a phone number"
    );
    let table = book.stdout(&["contacts"]);
    assert!(table.contains("北京贝塔科技有限公司"), "{table}");
}

#[test]
fn search_ignores_case_and_accents_and_finds_chinese_substrings() {
    let book = customers();
    assert_eq!(
        ids(&book.json(&["contact", "search", "etienne"])),
        ["dupont"]
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "ÉTIENNE"])),
        ["dupont"]
    );
    assert_eq!(ids(&book.json(&["contact", "search", "liege"])), ["dupont"]);
    assert_eq!(ids(&book.json(&["contact", "search", "贝塔"])), ["beta"]);
    assert_eq!(ids(&book.json(&["contact", "search", "北京"])), ["beta"]);
    assert_eq!(
        ids(&book.json(&["contact", "search", "4222 3815"])),
        ["dupont"],
        "phone digits"
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "nl 0000 99998"])),
        ["acme"],
        "VAT without spaces"
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "dupont.example"])),
        ["dupont"]
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "VIP"])),
        ["acme", "dupont"],
        "tags"
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "old customer"])),
        ["old"],
        "archived are found"
    );
    assert_eq!(
        ids(&book.json(&["contact", "search", "nothing like this"])),
        Vec::<String>::new()
    );
}

#[test]
fn show_gives_fields_balance_overdue_credit_and_last_notes() {
    let book = customers()
        .contact(
            "lumen",
            "name = \"Lumen\"\ncredit_limit = \"1000.00\"\n\n[[notes]]\ndate = 2026-01-12\nkind = \"complaint\"\ntext = \"Late delivery\"\n",
        )
        .journal(
            "2026",
            "2026-01-01 invoice INV-1 lumen 600 due:2026-01-31\n2026-02-01 invoice INV-2 lumen 300 due:2026-03-03\n\
2026-02-10 payment PAY-1 lumen 100 ref:INV-1\n2026-02-11 bill B-1 acme 50\n",
        );
    for i in 1..=6 {
        book.stdout(&[
            "contact",
            "note",
            "lumen",
            "--kind",
            "call",
            &format!("call {i}"),
            "--date",
            &format!("2026-02-0{i}"),
        ]);
    }
    let card = book.json(&["contact", "show", "lumen", "--as-of", "2026-02-15"]);
    assert_eq!(card["name"], "Lumen");
    assert_eq!(card["terms"], 30);
    assert_eq!(
        card["balances"],
        json!([{"side": "receivables", "currency": "EUR", "debits": "900.00", "credits": "100.00",
                "balance": "800.00", "overdue": "500.00", "open_items": 2}])
    );
    assert_eq!(
        card["credit"],
        json!({"currency": "EUR", "limit": "1000.00", "exposure": "800.00", "utilization": "0.8000",
               "status": "warn", "hold": false})
    );
    assert_eq!(card["note_count"], 7);
    let notes: Vec<&str> = card["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["call 2", "call 3", "call 4", "call 5", "call 6"]);
    let text = book.stdout(&["contact", "show", "lumen", "--as-of", "2026-02-15"]);
    assert!(
        text.contains("Credit: exposure 800.00 of limit 1000.00 EUR, utilization 0.8000: warn"),
        "{text}"
    );
    assert!(text.contains("2026-02-06  call        call 6"), "{text}");
    let acme = book.json(&["contact", "show", "acme", "--as-of", "2026-02-15"]);
    assert_eq!(acme["balances"][0]["side"], "payables");
    assert_eq!(acme["credit"], json!(null));
    book.folio(&["contact", "show", "lumn"]).assert().code(66);
}

#[test]
fn show_lists_the_iban_and_every_contract() {
    let book = TestBook::new()
        .contact(
            "acme",
            "name = \"Acme\"\nvat = \"BE0403170701\"\niban = \"BE68539007547034\"\nindustry = \"retail\"\n\n\
             [[contracts]]\nname = \"Maintenance 2026\"\nstart = 2026-01-01\nend = 2026-06-30\nnotice_days = 60\nvalue = \"12000.00\"\n\n\
             [[contracts]]\nname = \"Hosting\"\nstart = 2025-01-01\nend = 2025-12-31\n",
        )
        .contact("beta", "name = \"Beta\"\n");
    let show = ["contact", "show", "acme", "--as-of", "2026-02-15"];
    let text = book.stdout(&show);
    let lines: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "id        acme",
            "name      Acme",
            "roles     customer",
            "vat       BE0403170701",
            "iban      BE68539007547034",
            "industry  retail",
            "terms     30 days",
            "contract  Maintenance 2026, 2026-01-01 to 2026-06-30, notice by 2026-05-01 (60 days), value 12000.00",
            "contract  Hosting, 2025-01-01 to 2025-12-31, notice by 2025-12-01 (30 days)",
        ],
        "{text}"
    );
    let csv = book.stdout(&["contact", "show", "acme", "--format", "csv"]);
    assert!(csv.contains("iban,BE68539007547034\n"), "{csv}");
    assert!(
        csv.contains("contract,\"Hosting, 2025-01-01 to 2025-12-31"),
        "{csv}"
    );
    let card = book.json(&show);
    assert_eq!(card["iban"], "BE68539007547034");
    assert_eq!(
        card["contracts"],
        json!([
            {"name": "Maintenance 2026", "start": "2026-01-01", "end": "2026-06-30",
             "notice_days": 60, "notice_by": "2026-05-01", "value": "12000.00"},
            {"name": "Hosting", "start": "2025-01-01", "end": "2025-12-31",
             "notice_days": 30, "notice_by": "2025-12-01", "value": null}
        ])
    );
    // Without them, the table and CSV cards have no such lines, and JSON has null and [].
    let beta = book.stdout(&["contact", "show", "beta", "--format", "csv"]);
    assert!(
        !beta.contains("iban") && !beta.contains("contract"),
        "{beta}"
    );
    let beta = book.json(&["contact", "show", "beta"]);
    assert_eq!(
        (&beta["iban"], &beta["contracts"]),
        (&json!(null), &json!([]))
    );
}

#[test]
fn notes_are_appended_with_todays_date() {
    let book = TestBook::new().contact("acme", COMMENTED);
    book.stdout(&[
        "contact",
        "note",
        "acme",
        "--kind",
        "complaint",
        "Late delivery, again",
    ]);
    let today = chrono::Local::now().date_naive().to_string();
    let text = read(&book, "contacts/acme.toml");
    assert!(
        text.starts_with(COMMENTED),
        "the rest of the file is untouched:\n{text}"
    );
    assert_eq!(
        &text[COMMENTED.len()..],
        format!(
            "\n[[notes]]\ndate = {today}\nkind = \"complaint\"\ntext = \"Late delivery, again\"\n"
        )
    );
    book.folio(&["contact", "note", "acme", "--kind", "Big Call", "x"])
        .assert()
        .code(65);
    book.folio(&["check", "--strict"]).assert().success();
}

#[test]
fn archived_contacts_keep_their_history_and_cannot_be_deleted_with_entries() {
    let book = customers().journal("2026", "2026-01-01 invoice INV-1 dupont 100\n");
    book.stdout(&["contact", "archive", "dupont"]);
    assert_eq!(ids(&book.json(&["contacts"])), ["acme", "beta"]);
    assert!(ids(&book.json(&["contacts", "--archived"])).contains(&"dupont".to_string()));
    let balance = book.json(&["balance", "--as-of", "2026-12-31"]);
    assert_eq!(balance[0]["contact"], "dupont", "history stays");
    let output = book
        .folio(&["contact", "delete", "dupont"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 journal entry"));
    assert!(book.path().join("contacts/dupont.toml").exists());
    book.stdout(&["contact", "archive", "dupont", "--undo"]);
    assert_eq!(ids(&book.json(&["contacts"])), ["acme", "beta", "dupont"]);
    let deleted = book.stdout(&["contact", "delete", "beta"]);
    assert!(
        deleted.starts_with("deleted ") && deleted.ends_with("contacts/beta.toml\n"),
        "{deleted}"
    );
    assert!(!book.path().join("contacts/beta.toml").exists());
}

#[test]
fn check_warns_about_invalid_vat_numbers_and_codes_in_files() {
    let book = TestBook::new().contact(
        "acme",
        "name = \"Acme\"\nvat = \"BE0403170702\"\ncurrency = \"XYZ\"\n[address]\ncountry = \"ZZ\"\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert!(output.status.success(), "warnings only");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("contacts/acme.toml:2:7: warning: invalid Belgian VAT number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("contacts/acme.toml:3:12: warning: unknown currency `XYZ`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("contacts/acme.toml:5:11: warning: unknown country `ZZ`"),
        "{stderr}"
    );
    book.folio(&["check", "--strict"]).assert().code(1);
}

#[test]
fn add_takes_every_key_contact_set_takes() {
    let book = TestBook::new();
    let id = book.stdout(&[
        "contact",
        "add",
        "--name",
        "Brouwerij De Koninck",
        "--region",
        "Antwerpen",
        "--iban",
        "BE68539007547034",
        "--peppol",
        "0208:0417497106",
        "--buyer-reference",
        "PO-77",
        "--newsletter",
        "false",
        "--custom",
        "account_manager=Ana",
    ]);
    assert_eq!(id.trim(), "brouwerij-de-koninck");
    let text = read(&book, "contacts/brouwerij-de-koninck.toml");
    for line in [
        "iban = \"BE68539007547034\"",
        "peppol = \"0208:0417497106\"",
        "buyer_reference = \"PO-77\"",
        "region = \"Antwerpen\"",
        "newsletter = false",
        "account_manager = \"Ana\"",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
    book.folio(&["contact", "add", "--name", "Bad", "--iban", "nonsense"])
        .assert()
        .code(65);
    assert!(!book.path().join("contacts/bad.toml").exists());
    book.folio(&["contact", "show", "brouwerij"])
        .assert()
        .code(66)
        .stderr(predicates::str::contains(
            "no contact `brouwerij`; did you mean `brouwerij-de-koninck`?",
        ));
}
