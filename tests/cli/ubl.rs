//! UBL 2.1 / Peppol BIS Billing 3.0: the XML of invoices and credit notes validates against the
//! OASIS UBL 2.1 XSDs shipped in tests/schemas (with xmllint, from Debian's libxml2-utils; the
//! test says so and skips when it is absent) and passes the business rules folio checks.

use crate::documents::with_documents;
use crate::util::{repo_root, tool};
use folio::document::model::{self, Item};
use folio::document::ubl;
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

/// Asserts that the UBL file at `path` validates against `schema` (a file of the OASIS UBL 2.1
/// maindoc schemas in tests/schemas), with xmllint, which the caller made sure runs.
pub(crate) fn assert_valid_ubl(path: &Path, schema: &str) {
    let schemas = repo_root().join("tests/schemas/ubl-2.1/maindoc");
    let result = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schemas.join(schema))
        .arg(path)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{} does not validate against {schema}:\n{}",
        path.display(),
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn invoices_and_credit_notes_validate_against_the_ubl_2_1_xsd() {
    if !tool("xmllint", "--version", "apt-get install libxml2-utils") {
        return;
    }
    let (book, made) = with_documents();
    for (_, invoice, credit) in &made {
        for (id, schema) in [
            (invoice, "UBL-Invoice-2.1.xsd"),
            (credit, "UBL-CreditNote-2.1.xsd"),
        ] {
            let out = book.path().join(format!("{id}.xml"));
            book.stdout(&[
                "render",
                id,
                "--format",
                "ubl",
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_valid_ubl(&out, schema);
        }
    }
}

#[test]
fn rules_find_broken_totals_and_missing_parties() {
    let (book, _) = with_documents();
    let xml = book.stdout(&["render", "INV-2026-0002", "--format", "ubl"]);
    assert_eq!(ubl::check(&xml), []);
    let broken = xml.replacen(
        "<cbc:PayableAmount currencyID=\"EUR\">",
        "<cbc:PayableAmount currencyID=\"EUR\">1",
        1,
    );
    let rules: Vec<&str> = ubl::check(&broken).iter().map(|v| v.rule).collect();
    assert_eq!(rules, ["BR-CO-16"]);
    let broken = xml.replace("<cbc:IdentificationCode>BE</cbc:IdentificationCode>", "");
    let rules: Vec<&str> = ubl::check(&broken).iter().map(|v| v.rule).collect();
    // The empty `cac:Country` left behind is itself a Peppol error (R008), once per party.
    assert_eq!(
        rules,
        [
            "PEPPOL-EN16931-R008",
            "PEPPOL-EN16931-R008",
            "BR-09",
            "BR-11"
        ]
    );
}

#[test]
fn a_seller_without_address_cannot_send_ubl() {
    // folio no longer issues such a document, but one written before [company] was required
    // (or by hand) still exists: its UBL is refused, naming the rules it breaks.
    let book = crate::util::TestBook::with_company().contact("c", "name = \"C\"\n");
    book.stdout(&[
        "invoice",
        "c",
        "--date",
        "2026-01-02",
        "--item",
        "X",
        "--price",
        "10",
        "--vat",
        "21",
    ]);
    let path = book.path().join("documents/INV-2026-0001.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, tail) = text.split_once("[seller]\n").unwrap();
    let (_, rest) = tail.split_once("\n\n").unwrap();
    std::fs::write(&path, format!("{head}[seller]\nname = \"Bare\"\n\n{rest}")).unwrap();
    let output = book
        .folio(&["render", "INV-2026-0001", "--format", "ubl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("[BR-09]") && stderr.contains("[BR-CO-26]"),
        "{stderr}"
    );
}

fn item_strategy() -> impl Strategy<Value = Item> {
    (
        1u32..100_000,
        0u32..4,
        0u64..50_000_000,
        0u32..4,
        prop_oneof![
            Just("21"),
            Just("6"),
            Just("12"),
            Just("0"),
            Just("5.5"),
            Just("20")
        ],
        proptest::option::of(0u32..=100),
    )
        .prop_map(|(quantity, q_scale, price, p_scale, rate, discount)| {
            let vat: rust_decimal::Decimal = rate.parse().unwrap();
            Item {
                description: "Item".into(),
                quantity: rust_decimal::Decimal::new(i64::from(quantity), q_scale),
                unit: Some("h".into()),
                price: rust_decimal::Decimal::new(price as i64, p_scale),
                discount: discount.map(rust_decimal::Decimal::from),
                vat,
                vat_category: None,
                exemption: vat.is_zero().then(|| "Exempt".to_string()),
                exemption_code: None,
                product: None,
                gtin: None,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The sum of line totals and of VAT per rate is the document total, the rounding rule
    /// holds, and the UBL of random items passes every business rule folio checks.
    #[test]
    fn totals_add_up_and_ubl_rules_hold_for_random_items(items in proptest::collection::vec(item_strategy(), 1..12)) {
        let totals = model::totals(&items, None).expect("random items stay far inside the range");
        let lines: rust_decimal::Decimal = totals.lines.iter().map(|l| l.net).sum();
        let vat: rust_decimal::Decimal = totals.breakdown.iter().map(|v| v.vat).sum();
        let bases: rust_decimal::Decimal = totals.breakdown.iter().map(|v| v.base).sum();
        prop_assert_eq!(totals.net, lines);
        prop_assert_eq!(bases, lines);
        prop_assert_eq!(totals.vat, vat);
        prop_assert_eq!(totals.total, lines + vat);
        for line in &totals.lines {
            prop_assert!(line.net.scale() <= 2 && line.gross.scale() <= 2);
        }
        for rate in &totals.breakdown {
            prop_assert_eq!(rate.vat, model::cents(rate.base * rate.rate / rust_decimal::Decimal::ONE_HUNDRED));
        }
        let document: model::Document = toml::from_str(
            "id = \"INV-2026-0001\"\nkind = \"invoice\"\ndate = 2026-01-15\ndue = 2026-02-14\ncurrency = \"EUR\"\ncontact = \"c\"\nbuyer_reference = \"PO-1\"\nitems = []\n\
             [seller]\nname = \"S\"\nvat = \"BE0403170701\"\nstreet = \"R 1\"\ncity = \"B\"\ncountry = \"BE\"\n\
             [buyer]\nname = \"B\"\nvat = \"BE0417497106\"\nstreet = \"R 2\"\ncity = \"B\"\ncountry = \"BE\"\n\
             [payment]\niban = \"BE68539007547034\"\n"
        ).unwrap();
        let document = model::Document { items, ..document };
        let xml = ubl::write(&document).unwrap();
        let violations = ubl::check(&xml);
        prop_assert!(violations.is_empty(), "{:?}", violations);
    }
}
