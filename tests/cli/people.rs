//! Contact persons, shipping addresses and web sites; the service log (`folio notes`, open and
//! closed notes); postal mailings; reminders and documents addressed to the billing person.

use crate::util::TestBook;

const SENDER: &str =
    "name = \"Atelier SRL\"\ncurrency = \"EUR\"\n[company]\nemail = \"billing@atelier.example\"\n";

/// A customer with a billing and a sales person, a shipping address, a web site, an IBAN and a
/// contract.
const ACME: &str = "name = \"Acme Trading BV\"\nemail = \"info@acme.example\"\niban = \"BE68539007547034\"\n\
website = \"https://acme.example\"\n\
[address]\nstreet = \"Rue de la Loi 16\"\npostcode = \"1000\"\ncity = \"Brussels\"\ncountry = \"BE\"\n\
[shipping]\nstreet = \"Havenlaan 2\"\npostcode = \"1080\"\ncity = \"Molenbeek\"\ncountry = \"BE\"\n\n\
[[people]]\nname = \"Sam Sales\"\nrole = \"sales\"\nemail = \"sam@acme.example\"\n\n\
[[people]]\nname = \"Ann Peeters\"\nrole = \"billing\"\nemail = \"ann@acme.example\"\nphone = \"+32 2 555 01 23\"\n\n\
[[contracts]]\nname = \"Maintenance 2026\"\nstart = 2026-01-01\nend = 2026-12-31\n";

fn acme_book() -> TestBook {
    TestBook::with_config(SENDER).contact("acme", ACME)
}

#[test]
fn contact_show_lists_every_field_of_the_file() {
    let book = acme_book();
    let card = book.stdout(&["contact", "show", "acme", "--as-of", "2026-03-01"]);
    for line in [
        "iban",
        "BE68539007547034",
        "website   https://acme.example",
        "shipping  Havenlaan 2, 1080 Molenbeek, BE",
        "person    Sam Sales (sales), sam@acme.example",
        "person    Ann Peeters (billing), ann@acme.example, +32 2 555 01 23",
        "contract  Maintenance 2026, 2026-01-01 to 2026-12-31",
    ] {
        assert!(card.contains(line), "{line} missing from:\n{card}");
    }
    let json = book.json(&["contact", "show", "acme", "--as-of", "2026-03-01"]);
    assert_eq!(json["iban"], "BE68539007547034");
    assert_eq!(json["website"], "https://acme.example");
    assert_eq!(json["shipping"]["city"], "Molenbeek");
    assert_eq!(json["people"][1]["role"], "billing");
    assert_eq!(json["people"][1]["phone"], "+32 2 555 01 23");
    assert_eq!(json["contracts"][0]["name"], "Maintenance 2026");
}

#[test]
fn people_website_and_shipping_are_set_from_the_command_line() {
    let book = TestBook::new().contact("acme", "name = \"Acme\"\n");
    book.stdout(&[
        "contact",
        "person",
        "add",
        "acme",
        "--name",
        "Ann Peeters",
        "--role",
        "billing",
        "--email",
        "ann@acme.example",
    ]);
    book.stdout(&[
        "contact",
        "set",
        "acme",
        "website=https://acme.example",
        "shipping.city=Gent",
        "shipping.country=BE",
    ]);
    let text = std::fs::read_to_string(book.path().join("contacts/acme.toml")).unwrap();
    assert_eq!(
        text,
        "name = \"Acme\"\nwebsite = \"https://acme.example\"\n\n[[people]]\nname = \"Ann Peeters\"\nrole = \"billing\"\nemail = \"ann@acme.example\"\n\n[shipping]\ncity = \"Gent\"\ncountry = \"BE\"\n"
    );
    book.folio(&["check"]).assert().success();
    // A bad address or role is refused, and the file is left as it was.
    for bad in [["--email", "ann@"], ["--role", "Big Boss"]] {
        let mut args = vec!["contact", "person", "add", "acme", "--name", "X"];
        args.extend(bad);
        let output = book.folio(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{bad:?}");
    }
    assert_eq!(
        std::fs::read_to_string(book.path().join("contacts/acme.toml")).unwrap(),
        text
    );
    book.folio(&["contact", "set", "acme", "people.0.name=x"])
        .assert()
        .code(2);
}

#[test]
fn check_places_a_bad_person_or_shipping_field_at_its_line_and_column() {
    let book = TestBook::new()
        .contact(
            "acme",
            "name = \"Acme\"\n\n[shipping]\ncountry = \"XX\"\n\n[[people]]\nname = \"Ann\"\nemail = \"ann@\"\n",
        )
        .contact(
            "beta",
            "name = \"Beta\"\n\n[[people]]\nname = \"Bo\"\nrole = \"Boss Man\"\n",
        )
        .contact(
            "gamma",
            "name = \"Gamma\"\n\n[[notes]]\ndate = 2026-01-02\nkind = \"call\"\nstate = \"pending\"\ntext = \"t\"\n",
        );
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    for place in [
        "contacts/acme.toml:4:11",
        "contacts/acme.toml:8:9",
        "contacts/beta.toml:5:8",
        "contacts/gamma.toml:6:9",
    ] {
        assert!(stderr.contains(place), "{place} missing from:\n{stderr}");
    }
    assert!(stderr.contains("unknown note state `pending`"), "{stderr}");
    assert_eq!(output.status.code(), Some(65), "{stderr}");
}

#[test]
fn notes_are_listed_across_contacts_filtered_and_closed_by_number() {
    let book = TestBook::new()
        .contact("acme", "name = \"Acme\"\n")
        .contact("beta", "name = \"Beta\"\n");
    let note = |args: &[&str]| {
        let mut all = vec!["contact", "note"];
        all.extend_from_slice(args);
        book.stdout(&all);
    };
    note(&[
        "acme",
        "--kind",
        "call",
        "--date",
        "2026-03-01",
        "Asked for a copy",
    ]);
    note(&[
        "acme",
        "--kind",
        "complaint",
        "--open",
        "--document",
        "INV-2026-0001",
        "--date",
        "2026-03-02",
        "Wrong quantity",
    ]);
    note(&[
        "beta",
        "--kind",
        "inquiry",
        "--state",
        "open",
        "--date",
        "2026-03-03",
        "Price list?",
    ]);

    let open = book.json(&["notes", "--open"]);
    let listed: Vec<(&str, i64)> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["contact"].as_str().unwrap(),
                n["number"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, [("acme", 2), ("beta", 1)]);
    assert_eq!(open[0]["document"], "INV-2026-0001");
    assert_eq!(open[0]["state"], "open");
    assert_eq!(open[0]["kind"], "complaint");

    let csv = book.stdout(&[
        "notes",
        "--kind",
        "complaint",
        "--contact",
        "acme",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        "contact,name,number,date,kind,state,document,text\nacme,Acme,2,2026-03-02,complaint,open,INV-2026-0001,Wrong quantity\n"
    );
    let table = book.stdout(&["notes"]);
    assert_eq!(
        table.lines().filter(|l| l.contains("2026-03-0")).count(),
        3,
        "{table}"
    );

    book.stdout(&["contact", "note", "acme", "--close", "2"]);
    let open = book.json(&["notes", "--open"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["contact"], "beta");
    let acme = book.json(&["notes", "--contact", "acme"]);
    assert_eq!(acme[1]["state"], "closed");
    assert_eq!(acme[0]["state"], serde_json::Value::Null);

    book.folio(&["contact", "note", "acme", "--close", "9"])
        .assert()
        .code(65);
    book.folio(&["notes", "--contact", "nobody"])
        .assert()
        .code(66);
    book.folio(&["check"]).assert().success();
}

#[test]
fn a_postal_mailing_lists_members_with_a_full_address_and_no_email() {
    let book = TestBook::new()
        .contact("mail", "name = \"Mail\"\nemail = \"m@mail.example\"\n")
        .contact(
            "post",
            "name = \"Post\"\n[address]\nstreet = \"Rue 1\"\npostcode = \"1000\"\ncity = \"Brussels\"\ncountry = \"BE\"\n",
        )
        .contact("half", "name = \"Half\"\n[address]\ncity = \"Gent\"\n");
    let output = book
        .folio(&["mailing", "all", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2 member(s) without an e-mail address are not listed: half, post (1 with a full address: see --postal)"),
        "{stderr}"
    );
    let output = book
        .folio(&["mailing", "all", "--postal", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["contact"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["post"]);
    assert_eq!(json[0]["street"], "Rue 1");
    assert_eq!(json[0]["email"], serde_json::Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "1 member(s) without an e-mail address nor a full postal address are not listed: half"
        ),
        "{stderr}"
    );
    let vcard = book.stdout(&["mailing", "all", "--postal", "--format", "vcard"]);
    assert!(vcard.contains("ADR:;;Rue 1;Brussels;;1000;BE"), "{vcard}");
    assert!(!vcard.contains("EMAIL"), "{vcard}");
}

#[test]
fn a_reminder_goes_to_the_billing_person() {
    let book = acme_book().journal(
        "2026",
        "2026-01-05 invoice INV-2026-0001 acme 500.00 due:2026-02-04\n",
    );
    let out = book.path().join("out");
    book.stdout(&[
        "remind",
        "--as-of",
        "2026-02-11",
        "--write",
        out.to_str().unwrap(),
    ]);
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let message = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        message
            .lines()
            .any(|l| l == "To: \"Ann Peeters\" <ann@acme.example>"),
        "{message}"
    );
}

#[test]
fn a_reminder_without_a_billing_address_goes_to_the_contact() {
    let book = TestBook::with_config(SENDER)
        .contact(
            "acme",
            "name = \"Acme\"\nemail = \"info@acme.example\"\n\n[[people]]\nname = \"Ann\"\nrole = \"billing\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 acme 500.00 due:2026-02-04\n",
        );
    let out = book.path().join("out");
    book.stdout(&[
        "remind",
        "--as-of",
        "2026-02-11",
        "--write",
        out.to_str().unwrap(),
    ]);
    let path = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let message = std::fs::read_to_string(path).unwrap();
    assert!(
        message.lines().any(|l| l == "To: Acme <info@acme.example>"),
        "{message}"
    );
}

#[test]
fn the_ubl_buyer_contact_is_the_billing_person() {
    let book = crate::documents::book();
    book.stdout(&[
        "contact",
        "person",
        "add",
        "northwind",
        "--name",
        "Mary Byrne",
        "--role",
        "billing",
        "--email",
        "mary@northwind.example",
        "--phone",
        "+353 1 555 0100",
    ]);
    let id = book.stdout(&[
        "invoice",
        "northwind",
        "--date",
        "2026-01-15",
        "--item",
        "Consulting",
        "--qty",
        "1",
        "--price",
        "100",
        "--vat",
        "0",
        "--exempt",
        "VATEX-EU-AE",
        "--buyer-ref",
        "PO-1",
    ]);
    let xml = book.stdout(&["render", id.trim(), "--format", "ubl"]);
    let buyer = xml
        .split("<cac:AccountingCustomerParty>")
        .nth(1)
        .and_then(|rest| rest.split("</cac:AccountingCustomerParty>").next())
        .unwrap();
    let contact = "<cac:Contact>\n        <cbc:Name>Mary Byrne</cbc:Name>\n        \
<cbc:Telephone>+353 1 555 0100</cbc:Telephone>\n        \
<cbc:ElectronicMail>mary@northwind.example</cbc:ElectronicMail>\n      </cac:Contact>";
    assert!(buyer.contains(contact), "{buyer}");
    assert_eq!(folio::document::ubl::check(&xml), []);
}

#[test]
fn overdue_lists_the_billing_persons_email() {
    let book = acme_book().journal(
        "2026",
        "2026-01-05 invoice INV-2026-0001 acme 500.00 due:2026-02-04\n",
    );
    let rows = book.json(&["overdue", "--as-of", "2026-02-11"]);
    assert_eq!(rows[0]["email"], "ann@acme.example", "{rows}");
}
