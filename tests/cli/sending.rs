//! Sending over Peppol: participant ids set or derived, and the document data Peppol and EN 16931
//! need asked for when a document is issued (docs/einvoicing.md, "Sending"). Every test issues
//! through `folio invoice|credit-note --item ...` and reads `folio render ID --format ubl`.

use crate::documents::book;
use crate::util::TestBook;

/// Issues `args` (an invoice or credit note command) and returns (exit code, stderr).
fn issue(book: &TestBook, args: &[&str]) -> (Option<i32>, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Renders document `id` as UBL: (XML, stderr); the render must succeed.
fn ubl(book: &TestBook, id: &str) -> (String, String) {
    let output = book
        .folio(&["render", id, "--format", "ubl"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

const DATE: [&str; 2] = ["--date", "2026-01-15"];
const LAMP: [&str; 6] = ["--item", "Lamp", "--price", "100", "--vat", "21"];

fn journal(book: &TestBook) -> String {
    std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap_or_default()
}

#[test]
fn belgian_parties_are_addressed_by_their_enterprise_number() {
    let book = book();
    book.stdout(&[&["invoice", "sablon"][..], &DATE, &LAMP].concat());
    let (xml, stderr) = ubl(&book, "INV-2026-0001");
    assert!(
        xml.contains(r#"<cbc:EndpointID schemeID="0208">0403170701</cbc:EndpointID>"#),
        "{xml}"
    );
    assert!(xml.contains(r#"<cbc:EndpointID schemeID="0208">0417497106</cbc:EndpointID>"#));
    assert!(!stderr.contains("Peppol"), "{stderr}");
}

#[test]
fn a_peppol_id_set_in_the_contact_is_the_buyers_address() {
    let book = book();
    book.stdout(&["contact", "set", "sablon", "peppol=0088:1548079098355"]);
    book.stdout(&[&["invoice", "sablon"][..], &DATE, &LAMP].concat());
    let (xml, _) = ubl(&book, "INV-2026-0001");
    assert!(xml.contains(r#"<cbc:EndpointID schemeID="0088">1548079098355</cbc:EndpointID>"#));
}

#[test]
fn peppol_ids_outside_the_eas_list_or_with_bad_check_digits_are_refused() {
    let book = book();
    for (value, why) in [
        ("EM:compta@sablon.example", "e-mail is not a Peppol"),
        ("9906:IT01404480202", "withdrawn"),
        ("0208:0417497107", "check digits"),
        ("0088:1548079098356", "check digit"),
    ] {
        let output = book
            .folio(&["contact", "set", "sablon", &format!("peppol={value}")])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(65), "{value}: {stderr}");
        assert!(stderr.contains(why), "{value}: {stderr}");
    }
    let bad = TestBook::with_config(
        "name = \"S\"\ncurrency = \"EUR\"\n[company]\nname = \"S\"\npeppol = \"EM:a@b.example\"\n",
    );
    let output = bad.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&output.stderr).contains("folio.toml:5:10"));
}

#[test]
fn a_buyer_without_a_peppol_id_gets_valid_en16931_without_an_address_and_a_warning() {
    let book = book();
    let (code, stderr) = issue(
        &book,
        &[
            &["invoice", "hongli"][..],
            &DATE,
            &[
                "--item",
                "Lamp",
                "--price",
                "100",
                "--vat",
                "0",
                "--exempt",
                "VATEX-EU-G",
            ],
        ]
        .concat(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("cannot be delivered over Peppol")
            && stderr.contains("folio contact set hongli peppol="),
        "{stderr}"
    );
    let (xml, stderr) = ubl(&book, "INV-2026-0001");
    assert_eq!(
        xml.matches("<cbc:EndpointID").count(),
        1,
        "seller only: {xml}"
    );
    assert!(!xml.contains("schemeID=\"EM\"") && !xml.contains("<cbc:BuyerReference>"));
    assert!(
        stderr.contains("cannot be delivered over Peppol"),
        "{stderr}"
    );
}

#[test]
fn a_peppol_invoice_without_a_buyer_reference_is_refused_not_invented() {
    let book = book();
    let args = [&["invoice", "northwind"][..], &DATE, &LAMP].concat();
    let (code, stderr) = issue(&book, &args);
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("[PEPPOL-EN16931-R003]")
            && stderr.contains("--buyer-ref")
            && stderr.contains("buyer_reference="),
        "{stderr}"
    );
    assert_eq!(journal(&book), "", "nothing recorded");
    assert!(!book.path().join("documents/INV-2026-0001.toml").exists());
    book.stdout(&[&args[..], &["--order-ref", "PO-9"]].concat());
    let (xml, _) = ubl(&book, "INV-2026-0001");
    assert!(xml.contains("<cac:OrderReference>") && xml.contains("<cbc:ID>PO-9</cbc:ID>"));
    assert!(!xml.contains("<cbc:BuyerReference>"), "{xml}");
    // The contact's standing reference is the default.
    book.stdout(&["contact", "set", "northwind", "buyer_reference=NW-AP"]);
    book.stdout(&args);
    let (xml, _) = ubl(&book, "INV-2026-0002");
    assert!(xml.contains("<cbc:BuyerReference>NW-AP</cbc:BuyerReference>"));
}

#[test]
fn an_intra_community_supply_states_its_delivery_date_and_country() {
    let book = book();
    let supply = [
        "--buyer-ref",
        "PO-1",
        "--item",
        "Lamps",
        "--price",
        "100",
        "--vat",
        "0",
        "--exempt",
        "VATEX-EU-IC",
    ];
    book.stdout(&[&["invoice", "northwind"][..], &DATE, &supply].concat());
    let (xml, _) = ubl(&book, "INV-2026-0001");
    let delivery = &xml[xml.find("<cac:Delivery>").expect("a delivery")..];
    let delivery = &delivery[..delivery.find("</cac:Delivery>").unwrap()];
    assert!(
        delivery.contains("<cbc:ActualDeliveryDate>2026-01-15</cbc:ActualDeliveryDate>")
            && delivery.contains("<cbc:IdentificationCode>IE</cbc:IdentificationCode>"),
        "{delivery}"
    );
    let given = ["--delivery-date", "2026-01-10", "--deliver-to", "nl"];
    book.stdout(&[&["invoice", "northwind"][..], &DATE, &supply, &given].concat());
    let document =
        std::fs::read_to_string(book.path().join("documents/INV-2026-0002.toml")).unwrap();
    assert!(
        document.contains("delivery_date = 2026-01-10\ndeliver_to = \"NL\""),
        "{document}"
    );
    // A credit note of the supply states the invoice's delivery.
    book.stdout(&[
        "credit-note",
        "--ref",
        "INV-2026-0002",
        "--date",
        "2026-01-20",
        "--item",
        "Lamp",
        "--price",
        "10",
        "--vat",
        "0",
        "--exempt",
        "VATEX-EU-IC",
    ]);
    let (xml, _) = ubl(&book, "CN-2026-0001");
    assert!(xml.contains("<cbc:ActualDeliveryDate>2026-01-10</cbc:ActualDeliveryDate>"));
    let (code, stderr) = issue(
        &book,
        &[
            &["invoice", "northwind"][..],
            &DATE,
            &supply,
            &["--deliver-to", "Ireland"],
        ]
        .concat(),
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(stderr.contains("--deliver-to"), "{stderr}");
}

#[test]
fn not_subject_to_vat_stands_alone_and_names_no_vat_id() {
    let book = book();
    let outside = [
        "--item",
        "Talk",
        "--price",
        "300",
        "--vat",
        "0",
        "--exempt",
        "VATEX-EU-O",
    ];
    let (code, stderr) = issue(
        &book,
        &[&["invoice", "sablon"][..], &DATE, &outside, &LAMP].concat(),
    );
    assert_eq!(code, Some(65), "{stderr}");
    assert!(
        stderr.contains("[BR-O-11]") && stderr.contains("\"Lamp\" is S"),
        "{stderr}"
    );
    book.stdout(&[&["invoice", "sablon"][..], &DATE, &outside].concat());
    let (xml, _) = ubl(&book, "INV-2026-0001");
    assert!(!xml.contains("<cac:PartyTaxScheme>"), "{xml}");
    assert!(
        xml.contains("<cbc:CompanyID>0403.170.701</cbc:CompanyID>"),
        "{xml}"
    );
}

#[test]
fn reverse_charge_or_intra_community_to_a_buyer_without_vat_is_refused() {
    let book = book();
    for (code_text, rule) in [("VATEX-EU-AE", "[BR-AE-02]"), ("VATEX-EU-IC", "[BR-IC-02]")] {
        let (code, stderr) = issue(
            &book,
            &[
                &["invoice", "hongli"][..],
                &DATE,
                &[
                    "--item", "Work", "--price", "100", "--vat", "0", "--exempt", code_text,
                ],
            ]
            .concat(),
        );
        assert_eq!(code, Some(65), "{stderr}");
        assert!(stderr.contains(rule) && stderr.contains("vat="), "{stderr}");
    }
    assert_eq!(journal(&book), "", "nothing recorded");
}

#[test]
fn several_notes_are_one_ubl_note() {
    let book = book();
    book.stdout(
        &[
            &["invoice", "sablon"][..],
            &DATE,
            &LAMP,
            &["--note", "Delivered on 5 March.", "--note", "Thank you."],
        ]
        .concat(),
    );
    let (xml, _) = ubl(&book, "INV-2026-0001");
    assert_eq!(xml.matches("<cbc:Note>").count(), 1, "{xml}");
    assert!(xml.contains("<cbc:Note>Delivered on 5 March.\nThank you.</cbc:Note>"));
}
