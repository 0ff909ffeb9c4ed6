//! Languages: the words of documents and letters come from translation files, a book adds a
//! language with files only, formats follow the language's locale, and a language folio has no
//! texts for is never used silently.

use crate::util::TestBook;

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"

[company]
name = "Atelier Lumière SRL"
email = "billing@atelier.example"
vat = "BE0403170701"
iban = "be71096123456769"
language = "fr"

[company.address]
street = "Rue Haute 12"
postcode = "1000"
city = "Bruxelles"
country = "BE"

[[dunning.levels]]
after_days = 1
template = "reminder-1"
"#;

/// A customer who reads `language`, in Belgium, with one invoice of 2 565,20 EUR issued on
/// 6 December 2026 and due a month later.
fn book_with_customer(language: &str) -> TestBook {
    let book = TestBook::with_config(CONFIG).contact(
        "rossi",
        &format!(
            "name = \"Rossi Srl\"\nemail = \"conti@rossi.example\"\nlanguage = \"{language}\"\n[address]\nstreet = \"Rue Neuve 1\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n"
        ),
    );
    book.stdout(&[
        "invoice",
        "rossi",
        "--date",
        "2026-12-06",
        "--due",
        "2027-01-05",
        "--item",
        "Consulenza",
        "--price",
        "2120",
        "--vat",
        "21",
    ]);
    book
}

const ITALIAN_DOCUMENTS: &str = "invoice = Fattura\nbuyer = Fatturato a\ntotal = Totale IVA inclusa\npay = Si prega di pagare { $amount } entro il { $due }.\npay_to = Conto bancario (IBAN): { $iban }\n";

const ITALIAN_LETTERS: &str = "days-overdue = { $days ->\n    [one] { $days } giorno di ritardo\n   *[other] { $days } giorni di ritardo\n}\ndue-today = oggi\n";

const ITALIAN_REMINDER: &str = "Subject: Sollecito di pagamento – {{ book.company.name }}\nGentili {{ contact.name }},\n\n{% for item in due_items %}\n{{ item.document }} del {{ item.date|longdate }}: {{ item.open|money(item.currency) }} ({{ t(\"days-overdue\", days=item.days_past_due) }})\n{% endfor %}\n\nCordiali saluti\n";

#[test]
fn a_book_adds_a_language_with_files_only() {
    let book = book_with_customer("it")
        .file("templates/documents.it.ftl", ITALIAN_DOCUMENTS)
        .file("templates/letters.it.ftl", ITALIAN_LETTERS)
        .file("templates/reminder-1.it.txt", ITALIAN_REMINDER);
    let invoice = book.stdout(&["render", "INV-2026-0001"]);
    assert!(invoice.starts_with("FATTURA INV-2026-0001"), "{invoice}");
    assert!(invoice.contains("Fatturato a"), "{invoice}");
    // Formats come from CLDR's Italian: the country, the date, the separators and the euro.
    assert!(invoice.contains("    Belgio\n"), "{invoice}");
    assert!(
        invoice.contains("Si prega di pagare 2565,20\u{a0}€ entro il 5 gennaio 2027."),
        "{invoice}"
    );
    assert!(invoice.contains("BE71 0961 2345 6769"), "{invoice}");
    book.folio(&["check"]).assert().success();

    let letters = book.stdout(&["remind", "--as-of", "2027-01-06", "--dry-run"]);
    assert!(letters.contains("Sollecito di pagamento"), "{letters}");
    assert!(letters.contains("(1 giorno di ritardo)"), "{letters}");
    let later = book.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(later.contains("(7 giorni di ritardo)"), "{later}");
}

#[test]
fn plural_forms_of_the_built_in_languages() {
    let english = book_with_customer("en");
    let one = english.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(one.contains("(7 days overdue)"), "{one}");
    let french = book_with_customer("fr-BE");
    let text = french.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(text.contains("(7 jours de retard)"), "{text}");
}

#[test]
fn a_flemish_customer_gets_dutch_documents_and_letters() {
    let book = book_with_customer("nl-BE");
    book.folio(&["check", "--strict"]).assert().success();
    let invoice = book.stdout(&["render", "INV-2026-0001"]);
    assert!(invoice.starts_with("FACTUUR INV-2026-0001"), "{invoice}");
    assert!(invoice.contains("    België\n"), "{invoice}");
    assert!(invoice.contains("Totaal incl. btw"), "{invoice}");
    assert!(
        invoice.contains("Gelieve €\u{a0}2.565,20 uiterlijk op 5 januari 2027 te betalen."),
        "{invoice}"
    );
    assert!(
        invoice.contains("Gestructureerde mededeling: +++"),
        "{invoice}"
    );

    let one = book.stdout(&["remind", "--as-of", "2027-01-06", "--dry-run"]);
    assert!(
        one.contains("Subject: Betalingsherinnering – Atelier Lumière SRL"),
        "{one}"
    );
    assert!(
        one.contains("stellen wij vast dat de volgende factuur nog niet betaald is:"),
        "{one}"
    );
    assert!(one.contains("(1 dag te laat)"), "{one}");
    let later = book.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(later.contains("(7 dagen te laat)"), "{later}");
}

#[test]
fn german_documents_and_letters_read_as_german_in_every_region() {
    let book = book_with_customer("de-AT");
    let invoice = book.stdout(&["render", "INV-2026-0001"]);
    assert!(invoice.starts_with("RECHNUNG INV-2026-0001"), "{invoice}");
    assert!(
        invoice.contains("Fällig am             5. Jänner 2027"),
        "{invoice}"
    );
    assert!(invoice.contains("21\u{a0}% USt. auf"), "{invoice}");
    let one = book.stdout(&["remind", "--as-of", "2027-01-06", "--dry-run"]);
    assert!(
        one.contains("Subject: Zahlungserinnerung – Atelier"),
        "{one}"
    );
    assert!(one.contains("(1 Tag überfällig)"), "{one}");
    let belgian = book_with_customer("de-BE");
    let later = belgian.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(later.contains("(7 Tage überfällig)"), "{later}");
    assert!(later.contains("Mit freundlichen Grüßen\n"), "{later}");
}

#[test]
fn a_regional_file_overrides_single_messages() {
    let book = book_with_customer("fr-BE").file(
        "templates/documents.fr-BE.ftl",
        "total = Total à payer TVAC\n",
    );
    let invoice = book.stdout(&["render", "INV-2026-0001"]);
    assert!(invoice.contains("Total à payer TVAC"), "{invoice}");
    assert!(invoice.starts_with("FACTURE INV-2026-0001"), "{invoice}");
    assert!(invoice.contains("6 décembre 2026"), "{invoice}");
    assert!(invoice.contains("2\u{202f}565,20\u{a0}€"), "{invoice}");
}

#[test]
fn lang_without_texts_is_a_usage_error_listing_the_languages() {
    let book = book_with_customer("en");
    let output = book
        .folio(&["render", "INV-2026-0001", "--lang", "xx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no texts for language `xx`: folio has de, en, fr, nl, zh"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_contact_language_without_texts_is_warned_and_written_in_the_default_language() {
    let book = book_with_customer("pt");
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("contact `rossi` reads language `pt`, which folio has no texts for"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the book's default language, `fr`"),
        "{stderr}"
    );
    assert!(stderr.contains("contacts/rossi.toml:3:"), "{stderr}");
    let invoice = book.stdout(&["render", "INV-2026-0001"]);
    assert!(invoice.starts_with("FACTURE INV-2026-0001"), "{invoice}");
    let letters = book.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(letters.contains("Rappel de paiement"), "{letters}");
}

#[test]
fn a_words_file_of_earlier_versions_is_warned_as_no_longer_read() {
    let book = book_with_customer("fr").file(
        "templates/document-labels.fr.toml",
        "invoice = \"Facture client\"\n",
    );
    let output = book.folio(&["check", "--strict"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "templates/document-labels.fr.toml:1:1: warning: document-labels.fr.toml is no longer read"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("templates/documents.fr.ftl"), "{stderr}");
}

#[test]
fn a_default_language_without_texts_is_warned_and_english_is_the_default() {
    let book = TestBook::with_config(&CONFIG.replace("language = \"fr\"", "language = \"pt\""))
        .contact("ana", "name = \"Ana Lda\"\nlanguage = \"sv\"\n");
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("folio.toml:9:12: warning: the book's default language `pt` (company.language) has no texts"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the book's default language, `en`"),
        "{stderr}"
    );
}

#[test]
fn a_book_retitles_a_letter_in_its_translation_file() {
    let book = book_with_customer("en").file(
        "templates/letters.en.ftl",
        "subject-reminder-1 = A friendly reminder from { $company }\n",
    );
    let letters = book.stdout(&["remind", "--as-of", "2027-01-12", "--dry-run"]);
    assert!(
        letters.contains("Subject: A friendly reminder from Atelier Lumière SRL"),
        "{letters}"
    );
    // The rest of the English phrases are still folio's.
    assert!(letters.contains("(7 days overdue)"), "{letters}");
}
