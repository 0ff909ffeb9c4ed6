//! Legal mentions: a line without VAT says why in the document's language, in the wording of its
//! source (docs/documents.md, "Legal mentions"), and reminders to a business carry the
//! late-payment clause of Directive 2011/7/EU in the letter's language.

use crate::util::TestBook;

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"

[company]
name = "Atelier Lumière SRL"
email = "billing@atelier.example"
vat = "BE0403170701"
iban = "BE71096123456769"
language = "fr"

[company.address]
street = "Rue Haute 12"
postcode = "1000"
city = "Bruxelles"
country = "BE"

[[dunning.levels]]
after_days = 1
template = "reminder-1"

[[dunning.levels]]
after_days = 15
template = "reminder-2"

[[dunning.levels]]
after_days = 30
template = "final-notice"
"#;

/// Per language: reverse charge, intra-Community supply, export, small business, late payment.
const MENTIONS: [(&str, [&str; 5]); 5] = [
    (
        "en",
        [
            "Reverse charge",
            "Exempt intra-Community supply of goods – Article 138 of Council Directive 2006/112/EC",
            "Exempt export outside the EU – Article 146 of Council Directive 2006/112/EC",
            "VAT exempt: special scheme for small enterprises",
            "fixed sum of EUR 40 as compensation for recovery costs",
        ],
    ),
    (
        "fr",
        [
            "Autoliquidation",
            "Exonération de TVA – livraison intracommunautaire de biens, article 138 de la directive 2006/112/CE du Conseil",
            "Exonération de TVA – exportation hors de l’Union, article 146 de la directive 2006/112/CE du Conseil",
            "Régime particulier de franchise des petites entreprises",
            "montant forfaitaire de 40 EUR à titre d’indemnisation pour les frais de recouvrement",
        ],
    ),
    (
        "nl",
        [
            "Btw verlegd – verlegging van heffing",
            "Vrijstelling van btw – intracommunautaire levering van goederen, artikel 138 van Richtlijn 2006/112/EG van de Raad",
            "Vrijstelling van btw – uitvoer buiten de Unie, artikel 146 van Richtlijn 2006/112/EG van de Raad",
            "Bijzondere vrijstellingsregeling kleine ondernemingen",
            "vast bedrag van 40 EUR als vergoeding voor invorderingskosten",
        ],
    ),
    (
        "de",
        [
            "Steuerschuldnerschaft des Leistungsempfängers",
            "Steuerfreie innergemeinschaftliche Lieferung – Artikel 138 der Richtlinie 2006/112/EG des Rates",
            "Steuerfreie Ausfuhrlieferung – Artikel 146 der Richtlinie 2006/112/EG des Rates",
            "Steuerbefreit nach der Sonderregelung für Kleinunternehmen",
            "Pauschalbetrag von 40 EUR als Entschädigung für Beitreibungskosten",
        ],
    ),
    (
        "zh",
        [
            "反向征收（增值税由买方缴纳）",
            "免征增值税的欧盟内部货物供应（欧盟理事会第2006/112/EC号指令第138条）",
            "出口至欧盟境外，免征增值税（欧盟理事会第2006/112/EC号指令第146条）",
            "小企业增值税豁免特别计划：不收取增值税",
            "40欧元的固定金额，作为催收费用的补偿",
        ],
    ),
];

/// One customer reading `language`, a business with a VAT number, invoiced on 6 December 2026
/// for a line of each kind without VAT; the invoice's id.
fn invoiced(language: &str) -> (TestBook, String) {
    let book = TestBook::with_config(CONFIG).contact(
        "client",
        &format!(
            "name = \"Client SA\"\nbuyer_reference = \"PO-1\"\nemail = \"ap@client.example\"\nvat = \"FR40303265045\"\nlanguage = \"{language}\"\n[address]\nstreet = \"1 rue de la Paix\"\npostcode = \"75002\"\ncity = \"Paris\"\ncountry = \"FR\"\n"
        ),
    );
    let mut args = vec![
        "invoice",
        "client",
        "--date",
        "2026-12-06",
        "--due",
        "2026-12-20",
    ];
    for (item, why) in [
        ("Design", "VATEX-EU-AE"),
        ("Lamps", "VATEX-EU-IC"),
        ("Shipping abroad", "VATEX-EU-G"),
        ("Small works", "small-business"),
    ] {
        args.extend([
            "--item", item, "--price", "100", "--vat", "0", "--exempt", why,
        ]);
    }
    let id = book.stdout(&args).trim().to_string();
    (book, id)
}

#[test]
fn each_exemption_is_the_mention_of_the_documents_language() {
    let (book, id) = invoiced("en");
    for (language, mentions) in MENTIONS {
        for format in ["txt", "html"] {
            let text = book.stdout(&["render", &id, "--lang", language, "--format", format]);
            for mention in &mentions[..4] {
                assert!(
                    text.contains(mention),
                    "{language} {format}: `{mention}` not in\n{text}"
                );
            }
            if language != "en" {
                assert!(!text.contains("Reverse charge"), "{language}: {text}");
            }
            assert!(!text.contains("VAT exemption:"), "{language}: {text}");
        }
    }
}

#[test]
fn a_reminder_to_a_business_carries_the_late_payment_clause_from_level_two() {
    for (language, mentions) in MENTIONS {
        let (book, _) = invoiced(language);
        let outbox = book.path().join("outbox");
        let outbox = outbox.to_str().unwrap();
        for (day, template) in [
            ("2026-12-22", "reminder-1"),
            ("2027-01-05", "reminder-2"),
            ("2027-01-20", "final-notice"),
        ] {
            let letter = book.stdout(&["remind", "--as-of", day, "--dry-run"]);
            assert!(letter.contains(template), "{language} {day}: {letter}");
            let clause = letter.contains(mentions[4]);
            assert_eq!(
                clause,
                template != "reminder-1",
                "{language} {day}: {letter}"
            );
            book.stdout(&["remind", "--as-of", day, "--write", outbox]);
        }
    }
}

#[test]
fn a_reminder_to_a_private_customer_has_no_clause_for_businesses() {
    let book = TestBook::with_config(CONFIG)
        .contact(
            "mertens",
            "name = \"Sophie Mertens\"\nemail = \"s@mertens.example\"\nlanguage = \"fr\"\n",
        )
        .journal(
            "2026",
            "2026-12-01 invoice INV-2026-0001 mertens 121.00 due:2026-12-05\n",
        );
    let letter = book.stdout(&["remind", "--as-of", "2027-01-20", "--dry-run"]);
    assert!(letter.contains("INV-2026-0001"), "{letter}");
    assert!(!letter.contains("2011/7"), "{letter}");
}
