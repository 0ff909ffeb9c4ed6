//! `folio mailing`: never an opted-out or archived contact, a note for members without e-mail,
//! and vCard 4.0 output that a vCard parser reads back.

use crate::util::TestBook;

fn mailing_book() -> TestBook {
    TestBook::with_config(
        "name = \"Mail\"\ncurrency = \"EUR\"\n\
         [segments.everyone]\nwhere = 'true'\n\
         [segments.optouts]\nwhere = '!newsletter || archived'\n\
         [segments.french]\nwhere = 'language == \"fr\"'\n",
    )
    .contact(
        "alice",
        "name = \"Dupont, Martin; et fils\"\nemail = \"alice@example.com\"\nlanguage = \"fr\"\n\
         [address]\nstreet = \"Rue de la Loi 16, boîte 3\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
    )
    .contact(
        "bob",
        "name = \"Bob Opted Out\"\nemail = \"bob@example.com\"\nlanguage = \"fr\"\n[preferences]\nnewsletter = false\n",
    )
    .contact(
        "carol",
        "name = \"Carol Archived\"\nemail = \"carol@example.com\"\nlanguage = \"fr\"\narchived = true\n",
    )
    .contact("dan", "name = \"Dan Without Mail\"\nlanguage = \"fr\"\n")
    .contact(
        "eve",
        "name = \"杭州美苑文化创意有限公司 — Hangzhou Meiyuan Cultural and Creative Design Company Limited\"\n\
         email = \"finance@meiyuan.example\"\nlanguage = \"zh\"\n\
         [address]\nstreet = \"浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室\"\ncity = \"杭州\"\ncountry = \"CN\"\n",
    )
    .contact(
        "fay",
        "name = \"Fay Supplier\"\nroles = [\"supplier\"]\nemail = \"fay@example.com\"\n",
    )
    .journal("j", "2026-01-10 invoice I1 alice 100.00\n2026-01-10 invoice I2 bob 100.00\n2026-01-10 invoice I3 carol 100.00\n")
}

fn run(book: &TestBook, args: &[&str]) -> (String, String) {
    let output = book.folio(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn never_lists_opted_out_or_archived_contacts() {
    let book = mailing_book();
    for segment in ["everyone", "optouts", "french", "all", "rfm:lost", "abc:a"] {
        for format in ["table", "csv", "json", "vcard"] {
            let (stdout, stderr) = run(
                &book,
                &[
                    "mailing",
                    segment,
                    "--format",
                    format,
                    "--as-of",
                    "2026-06-30",
                ],
            );
            for banned in ["bob", "Bob", "carol", "Carol"] {
                assert!(!stdout.contains(banned), "{segment} {format}: {stdout}");
                let _ = &stderr;
            }
        }
    }
    // The rule selects bob (opted out); he is left out and counted.
    let (stdout, stderr) = run(&book, &["mailing", "optouts", "--format", "csv"]);
    assert_eq!(
        stdout,
        "contact,name,email,language,street,postcode,city,region,country\n"
    );
    assert!(
        stderr.contains("left out: 1 opted out of mailings, 0 archived"),
        "{stderr}"
    );
}

#[test]
fn lists_recipients_and_names_those_without_email() {
    let book = mailing_book();
    let (stdout, stderr) = run(&book, &["mailing", "everyone", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["contact"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["alice", "eve", "fay"]);
    assert_eq!(json[0]["email"], "alice@example.com");
    assert_eq!(json[0]["language"], "fr");
    assert_eq!(json[0]["city"], "Bruxelles");
    assert!(
        stderr.contains("note: 1 member(s) without an e-mail address are not listed: dan"),
        "{stderr}"
    );
    // The table view says it under the table.
    let (stdout, _) = run(&book, &["mailing", "french"]);
    assert!(stdout.contains("note: 1 member(s) without an e-mail address are not listed: dan"));
    book.folio(&["mailing", "nobody"]).assert().code(66);
}

#[test]
fn vcard_output_is_valid_vcard_4() {
    let book = mailing_book();
    let (stdout, _) = run(&book, &["mailing", "everyone", "--format", "vcard"]);
    // CRLF line ends only, and no physical line over 75 octets.
    assert!(stdout.ends_with("\r\n"));
    assert!(!stdout.replace("\r\n", "").contains('\n'));
    for line in stdout.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // The Chinese name and street are long enough to be folded.
    assert!(stdout.contains("\r\n "));

    let cards = vcard4::parse(&stdout).expect("folio's vCards parse");
    assert_eq!(cards.len(), 3);
    let alice = &cards[0];
    assert_eq!(alice.formatted_name[0].value, "Dupont, Martin; et fils");
    assert_eq!(alice.email[0].value, "alice@example.com");
    assert_eq!(alice.lang[0].value, "fr");
    let address = &alice.address[0].value;
    assert_eq!(
        address.street_address.as_deref(),
        Some("Rue de la Loi 16, boîte 3")
    );
    assert_eq!(address.locality.as_deref(), Some("Bruxelles"));
    assert_eq!(address.postal_code.as_deref(), Some("1000"));
    assert_eq!(address.country_name.as_deref(), Some("BE"));
    let eve = &cards[1];
    assert_eq!(
        eve.formatted_name[0].value,
        "杭州美苑文化创意有限公司 — Hangzhou Meiyuan Cultural and Creative Design Company Limited"
    );
    assert_eq!(
        eve.address[0].value.street_address.as_deref(),
        Some("浙江省杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室")
    );
    assert_eq!(cards[2].formatted_name[0].value, "Fay Supplier");
    assert!(cards[2].address.is_empty());
}
