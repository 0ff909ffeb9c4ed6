//! A matrix of documents as users issue them (`folio invoice|credit-note ... --item ...`) and send
//! them (`folio render ID --format ubl`): every VAT category (S at two rates, Z, E, AE, K, G, O),
//! invoices and credit notes, EUR and USD, line and document discounts, amounts that round at half
//! a cent,
//! buyers in BE, FR, NL, DE, IT, ES, LU, PL, AT, China, the US and consumers. Each UBL is written
//! only after folio's own EN 16931 and Peppol check passed it, and validates against the UBL 2.1
//! schema. The same documents were run through the official Peppol BIS 3.0 and CEN Schematron
//! while this was written (docs/einvoicing.md, "How this is verified").

use crate::documents::COMPANY;
use crate::util::{TestBook, tool};

/// Buyers: id, contact file. Those with a VAT number of a Peppol scheme get a derived Peppol id;
/// `be-gln` sets its own (a GLN); consumers, China and the US have none.
const BUYERS: &[(&str, &str)] = &[
    (
        "be-sablon",
        "name = \"Brasserie du Sablon SA\"\nvat = \"BE0417497106\"\nbuyer_reference = \"BDS-ACHATS\"\n[address]\nstreet = \"Place du Grand Sablon 40\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
    ),
    (
        "be-gln",
        "name = \"Groothandel Licht NV\"\nvat = \"BE0202239951\"\npeppol = \"0088:1548079098355\"\nbuyer_reference = \"GL-STANDING\"\n[address]\nstreet = \"Korenmarkt 1\"\npostcode = \"9000\"\ncity = \"Gent\"\ncountry = \"BE\"\n",
    ),
    (
        "fr-rivoli",
        "name = \"Galeries Rivoli SAS\"\nvat = \"FR40303265045\"\n[address]\nstreet = \"12 rue de Rivoli\"\npostcode = \"75004\"\ncity = \"Paris\"\ncountry = \"FR\"\n",
    ),
    (
        "nl-lichtwerk",
        "name = \"Lichtwerk Amsterdam BV\"\nvat = \"NL806753742B01\"\n[address]\nstreet = \"Herengracht 101\"\npostcode = \"1015 BE\"\ncity = \"Amsterdam\"\ncountry = \"NL\"\n",
    ),
    (
        "de-leuchten",
        "name = \"Leuchten Becker GmbH\"\nvat = \"DE113866163\"\n[address]\nstreet = \"Hohe Straße 12\"\npostcode = \"50667\"\ncity = \"Köln\"\ncountry = \"DE\"\n",
    ),
    (
        "it-luce",
        "name = \"Luce Milano Srl\"\nvat = \"IT01404480202\"\n[address]\nstreet = \"Via Torino 5\"\npostcode = \"20123\"\ncity = \"Milano\"\ncountry = \"IT\"\n",
    ),
    (
        "es-luz",
        "name = \"Luz Barcelona SL\"\nvat = \"ESA28184661\"\n[address]\nstreet = \"Carrer de Balmes 20\"\npostcode = \"08007\"\ncity = \"Barcelona\"\ncountry = \"ES\"\n",
    ),
    (
        "lu-lumiere",
        "name = \"Lumière Luxembourg SARL\"\nvat = \"LU10590281\"\n[address]\nstreet = \"Grand-Rue 3\"\npostcode = \"L-1660\"\ncity = \"Luxembourg\"\ncountry = \"LU\"\n",
    ),
    (
        "pl-swiatlo",
        "name = \"Światło Kraków Sp. z o.o.\"\nvat = \"PL5211754253\"\n[address]\nstreet = \"ul. Floriańska 7\"\npostcode = \"31-019\"\ncity = \"Kraków\"\ncountry = \"PL\"\n",
    ),
    (
        "at-licht",
        "name = \"Licht Wien GmbH\"\nvat = \"ATU15159209\"\n[address]\nstreet = \"Kärntner Straße 9\"\npostcode = \"1010\"\ncity = \"Wien\"\ncountry = \"AT\"\n",
    ),
    (
        "cn-hongli",
        "name = \"佛山宏利陶瓷有限公司\"\n[address]\nstreet = \"季华五路 88 号\"\npostcode = \"528000\"\ncity = \"佛山市\"\ncountry = \"CN\"\n",
    ),
    (
        "us-hudson",
        "name = \"Hudson Loft LLC\"\ncurrency = \"USD\"\n[address]\nstreet = \"55 Water Street\"\npostcode = \"10041\"\ncity = \"New York\"\nregion = \"NY\"\ncountry = \"US\"\n",
    ),
    (
        "be-consumer",
        "name = \"Sophie Mertens\"\n[address]\nstreet = \"Rue Haute 3\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
    ),
    (
        "de-consumer",
        "name = \"Klaus Richter\"\n[address]\nstreet = \"Unter den Linden 1\"\npostcode = \"10117\"\ncity = \"Berlin\"\ncountry = \"DE\"\n",
    ),
];

/// Buyers without a Peppol id: their documents are valid EN 16931 but cannot travel over Peppol.
const WITHOUT_PEPPOL_ID: &[&str] = &["cn-hongli", "us-hudson", "be-consumer", "de-consumer"];

/// Items of category Z (zero rated), which only an items file can state.
const ZERO_RATED: &str = "[[items]]\ndescription = \"Livres d'art\"\nquantity = \"2\"\nunit = \"pcs\"\nprice = \"15\"\nvat = \"0\"\nvat_category = \"Z\"\n";

/// The invoices: buyer, then the rest of the command line.
const INVOICES: &[(&str, &str)] = &[
    ("be-sablon", "--item Lustre --unit pcs --price 890 --vat 21"),
    (
        "be-sablon",
        "--item Appliques --qty 2 --unit pcs --price 120 --vat 21 --item Catalogue --unit pcs --price 20 --vat 6 --note Livraison --note Merci",
    ),
    (
        "be-gln",
        "--item Appliques --unit pcs --price 120 --vat 21 --discount 10 --item Clips --qty 3 --price 0.35 --vat 21",
    ),
    (
        "be-gln",
        "--item Douilles --qty 7 --price 0.35 --vat 6 --discount 3",
    ),
    ("be-sablon", "--items zero.toml"),
    (
        "be-sablon",
        "--item Formation --unit day --price 500 --exempt Exonération_art._44",
    ),
    (
        "be-sablon",
        "--item Locaux --unit pcs --price 300 --exempt VATEX-EU-132",
    ),
    (
        "fr-rivoli",
        "--buyer-ref GR-1 --item Conférence --unit pcs --price 300 --exempt VATEX-EU-O",
    ),
    (
        "fr-rivoli",
        "--order-ref PO-FR-7 --item Appliques --qty 4 --unit pcs --price 99.99 --vat 21 --discount 12.5",
    ),
    (
        "nl-lichtwerk",
        "--buyer-ref PO-NL-881 --item Hanglampen --qty 6 --unit pcs --price 210 --exempt VATEX-EU-IC",
    ),
    (
        "de-leuchten",
        "--buyer-ref 4711 --item Lichtplanung --qty 2 --unit day --price 640 --exempt VATEX-EU-AE",
    ),
    (
        "it-luce",
        "--buyer-ref ORD-IT-5 --delivery-date 2026-03-02 --item Lampade --qty 4 --unit pcs --price 150 --exempt VATEX-EU-IC",
    ),
    (
        "es-luz",
        "--buyer-ref PED-22 --item Consultoría --unit day --price 640 --exempt VATEX-EU-AE",
    ),
    (
        "lu-lumiere",
        "--buyer-ref LU-9 --deliver-to LU --item Applique --qty 3 --unit pcs --price 185 --exempt VATEX-EU-IC",
    ),
    (
        "pl-swiatlo",
        "--buyer-ref PL-2026-3 --item Lampy --qty 2 --unit pcs --price 400 --exempt VATEX-EU-IC",
    ),
    (
        "at-licht",
        "--buyer-ref AT-12 --item Stehleuchte --unit pcs --price 560 --exempt VATEX-EU-IC --item Montage --qty 2 --unit h --price 65 --vat 21",
    ),
    (
        "us-hudson",
        "--currency USD --item Chandelier --qty 2 --unit pcs --price 1450 --exempt VATEX-EU-G",
    ),
    (
        "cn-hongli",
        "--item Lustre --unit pcs --price 1000 --exempt VATEX-EU-G",
    ),
    (
        "cn-hongli",
        "--currency USD --item Lampes --qty 10 --unit pcs --price 33.33 --exempt VATEX-EU-G --discount 5",
    ),
    (
        "be-consumer",
        "--item Lampe --unit pcs --price 145 --vat 21",
    ),
    (
        "de-consumer",
        "--item Leuchte --unit pcs --price 89.9 --vat 21 --item Versand --price 12.5 --vat 21",
    ),
    (
        "de-leuchten",
        "--buyer-ref 4712 --item Leuchten --qty 3 --unit pcs --price 0.35 --exempt VATEX-EU-AE",
    ),
    (
        "be-sablon",
        "--document-discount 5 --item Appliques --qty 3 --unit pcs --price 120 --vat 21 --discount 10 --item Catalogue --price 20 --vat 6",
    ),
    (
        "nl-lichtwerk",
        "--buyer-ref PO-NL-882 --document-discount 2.5 --item Hanglampen --qty 5 --unit pcs --price 210.35 --exempt VATEX-EU-IC",
    ),
    (
        "us-hudson",
        "--currency USD --document-discount 3 --item Chandelier --unit pcs --price 1450 --exempt VATEX-EU-G",
    ),
];

/// Credit notes: the invoice they correct (its index in [`INVOICES`]), then the command line.
const CREDIT_NOTES: &[(usize, &str)] = &[
    (0, "--item Lustre --unit pcs --price 90 --vat 21"),
    (
        2,
        "--item Appliques --unit pcs --price 12 --vat 21 --discount 10",
    ),
    (4, "--items zero.toml"),
    (
        5,
        "--item Formation --unit day --price 50 --exempt Exonération_art._44",
    ),
    (
        7,
        "--item Conférence --unit pcs --price 100 --exempt VATEX-EU-O",
    ),
    (
        9,
        "--item Hanglamp --unit pcs --price 210 --exempt VATEX-EU-IC",
    ),
    (
        10,
        "--item Korrektur --qty 0.5 --unit day --price 640 --exempt VATEX-EU-AE",
    ),
    (
        13,
        "--item Applique --unit pcs --price 185 --exempt VATEX-EU-IC",
    ),
    (
        16,
        "--item Chandelier --unit pcs --price 145 --exempt VATEX-EU-G",
    ),
    (19, "--item Lampe --unit pcs --price 145 --vat 21"),
    (
        22,
        "--document-discount 5 --item Appliques --unit pcs --price 120 --vat 21",
    ),
];

/// The words of a command line; `_` stands for a space inside one word, and the items file is
/// the book's.
fn words(book: &TestBook, line: &str) -> Vec<String> {
    line.split(' ')
        .map(|word| match word {
            "zero.toml" => book.path().join(word).display().to_string(),
            _ => word.replace('_', " "),
        })
        .collect()
}

/// Runs one command that issues a document; returns its id and what it printed on stderr.
fn issue(book: &TestBook, args: &[String]) -> (String, String) {
    let output = book
        .folio(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "folio {}: {stderr}",
        args.join(" ")
    );
    (
        String::from_utf8(output.stdout).unwrap().trim().to_string(),
        stderr,
    )
}

/// Issues the whole matrix; returns (document id, buyer) pairs.
fn issue_matrix(book: &TestBook) -> Vec<(String, &'static str)> {
    let mut made = Vec::new();
    for (number, (buyer, line)) in INVOICES.iter().enumerate() {
        let date = format!("2026-03-{:02}", number + 1);
        let mut args = words(book, &format!("invoice {buyer} --date {date}"));
        args.extend(words(book, line));
        let (id, stderr) = issue(book, &args);
        let warned = stderr.contains("cannot be delivered over Peppol");
        assert_eq!(
            warned,
            WITHOUT_PEPPOL_ID.contains(buyer),
            "{id} ({buyer}): {stderr}"
        );
        made.push((id, *buyer));
    }
    for (invoice, line) in CREDIT_NOTES {
        let (invoice_id, buyer) = made[*invoice].clone();
        let mut args = words(
            book,
            &format!("credit-note --ref {invoice_id} --date 2026-04-01"),
        );
        args.extend(words(book, line));
        made.push((issue(book, &args).0, buyer));
    }
    made
}

#[test]
fn every_document_of_the_matrix_passes_folios_check_and_the_ubl_schema() {
    let book = BUYERS
        .iter()
        .fold(TestBook::with_config(COMPANY), |book, (id, body)| {
            book.contact(id, body)
        })
        .file("zero.toml", ZERO_RATED);
    let made = issue_matrix(&book);
    assert!(made.len() >= 30, "only {} documents", made.len());
    let xmllint = tool("xmllint", "--version", "apt-get install libxml2-utils");
    for (id, buyer) in &made {
        let out = book.path().join(format!("{}.xml", id.replace('/', "_")));
        let output = book
            .folio(&[
                "render",
                id,
                "--format",
                "ubl",
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{id} ({buyer}) fails folio's check: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let xml = std::fs::read_to_string(&out).unwrap();
        // FOLIO_MATRIX_OUT=DIR keeps the UBL, to run the official Schematron over it.
        if let Some(dir) = std::env::var_os("FOLIO_MATRIX_OUT") {
            std::fs::create_dir_all(&dir).unwrap();
            let name = format!("{}-{buyer}.xml", id.replace('/', "_"));
            std::fs::write(std::path::Path::new(&dir).join(name), &xml).unwrap();
        }
        let has_endpoint = xml.matches("<cbc:EndpointID").count();
        let expected = if WITHOUT_PEPPOL_ID.contains(buyer) {
            1
        } else {
            2
        };
        assert_eq!(
            has_endpoint, expected,
            "{id} ({buyer}): electronic addresses"
        );
        assert!(
            !xml.contains("schemeID=\"EM\""),
            "{id}: an e-mail address as EndpointID"
        );
        if xmllint {
            let schema = if xml.contains("<CreditNote") {
                "UBL-CreditNote-2.1.xsd"
            } else {
                "UBL-Invoice-2.1.xsd"
            };
            crate::ubl::assert_valid_ubl(&out, schema);
        }
    }
}
