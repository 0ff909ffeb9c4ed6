//! The catalogue (`products/<code>.toml`): `check` places every problem of a product file, and a
//! document line naming a product the catalogue lacks gets a warning.

use crate::util::TestBook;

/// A valid product file: consulting by the hour at 95.10 EUR, 21 % VAT.
pub(crate) const CONSULT: &str = "code = \"CONSULT\"\nunit = \"h\"\nprice = 95.10\nvat = 21\nfamily = \"services\"\ngtin = \"5410000000002\"\n\n[name]\nen = \"Consulting\"\nfr = \"Conseil\"\n";

/// Asserts that `folio check` refuses the book (exit 65) with each of `messages` on stderr.
fn check_refuses(book: &TestBook, messages: &[&str]) {
    refused(book, &["check"], messages);
}

/// `folio ARGS` refused with exit 65 and every one of `messages` on stderr, which it returns.
fn refused(book: &TestBook, args: &[&str], messages: &[&str]) -> String {
    let output = book.folio(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    for message in messages {
        assert!(
            stderr.contains(message),
            "missing {message:?} in:\n{stderr}"
        );
    }
    stderr
}

/// `folio invoice acme --items FILE` refused as [`refused`] checks.
fn items_refused(book: &TestBook, file: &str, messages: &[&str]) -> String {
    refused(book, &["invoice", "acme", "--items", file], messages)
}

/// `folio check` on the book: its exit code and stderr.
fn check(book: &TestBook) -> (Option<i32>, String) {
    let output = book.folio(&["check"]).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_valid_catalogue_passes_check() {
    let book = TestBook::new().file("products/CONSULT.toml", CONSULT);
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn every_problem_of_a_product_file_is_placed_at_its_line_and_column() {
    let book = TestBook::new().file(
        "products/widget.toml",
        "code = \"gadget\"\nprice = \"12,5\"\nvat = 21\ncolour = \"red\"\ngtin = \"5410000000007\"\nvat_category = \"X\"\ncurrency = \"eur\"\n[name]\nEN = \"Widget\"\n",
    );
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(65), "{stderr}");
    for expected in [
        "products/widget.toml:1:1: error: code `gadget` is not the file's name: expected `widget`",
        "products/widget.toml:2:9: error: invalid number `12,5`",
        "products/widget.toml:4:1: error: unknown key `colour`",
        "products/widget.toml:5:8: error: invalid GTIN `5410000000007`: its check digit is 7 but should be 2",
        "products/widget.toml:6:16: error: unknown VAT category `X`",
        "products/widget.toml:7:12: error: invalid currency `eur`",
        "products/widget.toml:9:1: error: invalid language `EN`",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn a_product_without_its_required_keys_is_refused_by_check() {
    let book = TestBook::new()
        .file("products/empty.toml", "unit = \"h\"\n")
        .file(
            "products/free.toml",
            "price = 10\nvat = 0\n[name]\nen = \"Free of VAT\"\n",
        );
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(65), "{stderr}");
    for expected in [
        "products/empty.toml:1:1: error: missing required key `name`",
        "products/empty.toml:1:1: error: missing required key `price`",
        "products/empty.toml:1:1: error: missing required key `vat`",
        "products/free.toml:2:1: error: a VAT rate of 0 needs `exemption`",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn a_gtin_of_the_wrong_length_is_refused() {
    let book = TestBook::new().file(
        "products/CONSULT.toml",
        &CONSULT.replace("5410000000002", "541000000"),
    );
    check_refuses(
        &book,
        &[
            "products/CONSULT.toml:6:8: error: invalid GTIN `541000000`: expected 8, 12, 13 or 14 digits",
        ],
    );
}

/// A book that can issue invoices, with a customer writing French and the consulting product.
fn shop() -> TestBook {
    TestBook::with_company()
        .contact(
            "acme",
            "name = \"Acme SA\"\nvat = \"BE0417497106\"\nbuyer_reference = \"ACME-1\"\nlanguage = \"fr\"\n[address]\nstreet = \"Place du Grand Sablon 40\"\npostcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n",
        )
        .file("products/CONSULT.toml", CONSULT)
}

/// The document file of `id`, as written.
fn document(book: &TestBook, id: &str) -> String {
    let folder = if id.starts_with('Q') {
        "quotes"
    } else {
        "documents"
    };
    let path = walk(&book.path().join(folder))
        .into_iter()
        .find(|path| path.file_stem().is_some_and(|stem| stem == id))
        .unwrap_or_else(|| panic!("no file for {id}"));
    std::fs::read_to_string(path).unwrap()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn an_item_naming_a_product_takes_its_name_unit_price_and_vat_from_the_catalogue() {
    let book = shop();
    let id = book.stdout(&["invoice", "acme", "--item", "CONSULT", "--qty", "3"]);
    let text = document(&book, id.trim());
    for expected in [
        "description = \"Conseil\"",
        "quantity = \"3\"",
        "unit = \"h\"",
        "price = \"95.10\"",
        "vat = \"21\"",
        "product = \"CONSULT\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal"))
        .or_else(|_| {
            walk(&book.path().join("journal"))
                .first()
                .map(std::fs::read_to_string)
                .unwrap()
        })
        .unwrap();
    // 3 × 95.10 = 285.30, plus 21 % VAT = 345.21.
    assert!(journal.contains("345.21"), "{journal}");
}

#[test]
fn options_after_a_product_item_override_the_catalogue() {
    let book = shop();
    let id = book.stdout(&[
        "quote", "acme", "--item", "CONSULT", "--price", "80", "--unit", "day", "--vat", "6",
    ]);
    let text = document(&book, id.trim());
    for expected in [
        "price = \"80\"",
        "unit = \"day\"",
        "vat = \"6\"",
        "product = \"CONSULT\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_credit_note_takes_a_product_item_from_the_catalogue() {
    let book = shop();
    let invoice = book.stdout(&["invoice", "acme", "--item", "CONSULT"]);
    let credit = book.stdout(&["credit-note", "--ref", invoice.trim(), "--item", "CONSULT"]);
    let text = document(&book, credit.trim());
    assert!(text.contains("product = \"CONSULT\""), "{text}");
    assert!(text.contains("price = \"95.10\""), "{text}");
}

#[test]
fn free_text_items_work_as_before_and_name_no_product() {
    let book = shop();
    let id = book.stdout(&[
        "invoice",
        "acme",
        "--item",
        "Consulting",
        "--price",
        "100",
        "--vat",
        "21",
    ]);
    let text = document(&book, id.trim());
    assert!(text.contains("description = \"Consulting\""), "{text}");
    assert!(!text.contains("product ="), "{text}");
    book.folio(&["invoice", "acme", "--item", "Consulting", "--vat", "21"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("has no --price"));
}

#[test]
fn an_inactive_product_is_refused() {
    let book = shop().file(
        "products/OLD.toml",
        "price = 5\nvat = 21\nactive = false\n[name]\nen = \"Old thing\"\n",
    );
    book.folio(&["invoice", "acme", "--item", "OLD"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains("product `OLD` is inactive"));
}

#[test]
fn a_product_priced_in_another_currency_needs_a_price() {
    let book = shop().file(
        "products/USD.toml",
        "price = 5\nvat = 21\ncurrency = \"USD\"\n[name]\nen = \"Dollar thing\"\n",
    );
    book.folio(&["invoice", "acme", "--item", "USD"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains(
            "product `USD` is priced in USD but the document is in EUR",
        ));
    book.stdout(&["invoice", "acme", "--item", "USD", "--price", "4.60"]);
}

#[test]
fn changing_the_catalogue_price_changes_no_issued_document() {
    let book = shop();
    let id = book.stdout(&["invoice", "acme", "--item", "CONSULT", "--qty", "2"]);
    let id = id.trim();
    let before = document(&book, id);
    let render_before = book.stdout(&["render", id]);
    let ubl_before = book.stdout(&["render", id, "--format", "ubl"]);
    let book = book.file(
        "products/CONSULT.toml",
        &CONSULT
            .replace("95.10", "120.00")
            .replace("Conseil", "Conseil senior"),
    );
    assert_eq!(document(&book, id), before);
    assert_eq!(book.stdout(&["render", id]), render_before);
    assert_eq!(book.stdout(&["render", id, "--format", "ubl"]), ubl_before);
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_document_line_naming_a_product_not_in_the_catalogue_is_a_warning() {
    let book = shop();
    let id = book.stdout(&["invoice", "acme", "--item", "CONSULT"]);
    std::fs::remove_file(book.path().join("products/CONSULT.toml")).unwrap();
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: product `CONSULT` is not in the catalogue"),
        "{stderr}"
    );
    assert!(stderr.contains(id.trim()), "{stderr}");
}

#[test]
fn product_add_writes_a_file_check_accepts_and_list_and_show_read_it() {
    let book = TestBook::with_company();
    book.stdout(&[
        "product",
        "add",
        "WEB",
        "--name",
        "Website",
        "--name",
        "fr=Site web",
        "--price",
        "1200.50",
        "--vat",
        "21",
        "--unit",
        "pcs",
        "--family",
        "web",
        "--gtin",
        "96385074",
    ]);
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
    let shown = book.json(&["product", "show", "WEB"]);
    assert_eq!(shown["price"], "1200.50");
    assert_eq!(shown["currency"], "EUR");
    assert_eq!(shown["name"]["en"], "Website");
    assert_eq!(shown["name"]["fr"], "Site web");
    assert_eq!(shown["sku"], serde_json::Value::Null);
    let listed = book.json(&["product", "list"]);
    assert_eq!(
        listed[0]["name"], "Website",
        "the name in the book's language"
    );
    assert_eq!(listed[0]["languages"], "en fr");
    let csv = book.stdout(&["product", "list", "--format", "csv"]);
    assert!(csv.contains("WEB,"), "{csv}");
    book.folio(&[
        "product", "add", "WEB", "--name", "Again", "--price", "1", "--vat", "21",
    ])
    .assert()
    .code(65);
}

#[test]
fn product_set_changes_one_key_and_keeps_comments() {
    let book = shop().file(
        "products/CONSULT.toml",
        &format!("# hourly rate, revised each January\n{CONSULT}"),
    );
    book.stdout(&["product", "set", "CONSULT", "price", "100"]);
    let text = std::fs::read_to_string(book.path().join("products/CONSULT.toml")).unwrap();
    assert!(
        text.starts_with("# hourly rate, revised each January\n"),
        "{text}"
    );
    assert!(text.contains("price = \"100\""), "{text}");
    book.folio(&["product", "set", "CONSULT", "gtin", "123"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains("invalid GTIN `123`"));
    let after = std::fs::read_to_string(book.path().join("products/CONSULT.toml")).unwrap();
    assert_eq!(after, text, "a refused change writes nothing");
}

#[test]
fn product_list_leaves_out_inactive_products_unless_all() {
    let book = shop().file(
        "products/OLD.toml",
        "price = 5\nvat = 21\nactive = false\nfamily = \"goods\"\n[name]\nen = \"Old thing\"\n",
    );
    let listed = book.json(&["product", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let all = book.json(&["product", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    let goods = book.json(&["product", "list", "--all", "--family", "goods"]);
    assert_eq!(goods[0]["code"], "OLD");
}

#[test]
fn an_unknown_product_code_is_not_found_with_the_nearest_code() {
    let book = shop();
    book.folio(&["product", "show", "CONSLT"])
        .assert()
        .code(66)
        .stderr(predicates::str::contains("did you mean `CONSULT`?"));
    book.folio(&["product", "set", "CONSLT", "price", "1"])
        .assert()
        .code(66);
}

#[test]
fn ubl_names_the_catalogue_code_as_the_sellers_item_identification() {
    let book = shop();
    let id = book.stdout(&[
        "invoice", "acme", "--item", "CONSULT", "--item", "Travel", "--price", "40", "--vat", "21",
    ]);
    let xml = book.stdout(&["render", id.trim(), "--format", "ubl"]);
    assert!(
        xml.contains("<cbc:Name>Conseil</cbc:Name>\n      <cac:SellersItemIdentification>\n        <cbc:ID>CONSULT</cbc:ID>"),
        "{xml}"
    );
    assert_eq!(
        xml.matches("SellersItemIdentification>").count(),
        2,
        "{xml}"
    );
}

#[test]
fn product_set_works_with_a_book_named_by_a_relative_path() {
    let book = shop().file("products/CONSULT.toml", CONSULT);
    let parent = book.path().parent().unwrap();
    let name = book.path().file_name().unwrap().to_str().unwrap();
    crate::util::folio()
        .current_dir(parent)
        .args(["--book", name, "product", "set", "CONSULT", "price", "100"])
        .assert()
        .success();
    let text = std::fs::read_to_string(book.path().join("products/CONSULT.toml")).unwrap();
    assert!(text.contains("price = \"100\""), "{text}");
}

/// Writes an items file in the book's folder and returns its path as an argument.
fn items_file(book: &TestBook, name: &str, text: &str) -> String {
    let path = book.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn an_items_file_row_naming_a_product_takes_what_it_leaves_out_from_the_catalogue() {
    let book = shop();
    let toml = items_file(
        &book,
        "items.toml",
        "[[items]]\nproduct = \"CONSULT\"\nquantity = 3\n\n[[items]]\nproduct = \"CONSULT\"\nprice = \"80\"\nunit = \"day\"\nvat = 6\n\n[[items]]\ndescription = \"Travel\"\nquantity = \"1\"\nprice = \"40\"\nvat = \"21\"\n",
    );
    let id = book.stdout(&["invoice", "acme", "--items", &toml]);
    let text = document(&book, id.trim());
    for expected in [
        "description = \"Conseil\"\nquantity = \"3\"\nunit = \"h\"\nprice = \"95.10\"\nvat = \"21\"\nproduct = \"CONSULT\"",
        "description = \"Conseil\"\nquantity = \"1\"\nunit = \"day\"\nprice = \"80\"\nvat = \"6\"\nproduct = \"CONSULT\"",
        "description = \"Travel\"\nquantity = \"1\"\nprice = \"40\"\nvat = \"21\"\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.matches("product = ").count(), 2, "{text}");
    let csv = items_file(
        &book,
        "items.csv",
        "product,description,quantity,price,vat\nCONSULT,,2,,\n,Travel,1,40,21\nCONSULT,Senior advice,1,150,\n",
    );
    let id = book.stdout(&["invoice", "acme", "--items", &csv]);
    let text = document(&book, id.trim());
    for expected in [
        "description = \"Conseil\"\nquantity = \"2\"\nunit = \"h\"\nprice = \"95.10\"\nvat = \"21\"\nproduct = \"CONSULT\"",
        "description = \"Travel\"\nquantity = \"1\"\nprice = \"40\"\nvat = \"21\"\n",
        "description = \"Senior advice\"\nquantity = \"1\"\nunit = \"h\"\nprice = \"150\"\nvat = \"21\"\nproduct = \"CONSULT\"",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn an_unknown_product_in_an_items_file_is_placed_at_its_row_and_column() {
    let book = shop();
    let csv = items_file(
        &book,
        "items.csv",
        "description,product,quantity,price,vat\nTravel,,1,40,21\nX,CONSLT,2,,\n",
    );
    items_refused(
        &book,
        &csv,
        &[
            "items.csv:3:2",
            "unknown product `CONSLT`; did you mean `CONSULT`?",
        ],
    );
    let toml = items_file(
        &book,
        "items.toml",
        "[[items]]\nproduct = \"CONSULT\"\n\n[[items]]\nquantity = 2\nproduct = \"CONSLT\"\n",
    );
    items_refused(&book, &toml, &["items.toml:6:1", "did you mean `CONSULT`?"]);
    assert!(!book.path().join("documents").exists());
}

#[test]
fn an_items_file_row_follows_the_rules_of_an_item_naming_a_product() {
    let book = shop()
        .file(
            "products/OLD.toml",
            "price = 5\nvat = 21\nactive = false\n[name]\nen = \"Old thing\"\n",
        )
        .file(
            "products/USD.toml",
            "price = 5\nvat = 21\ncurrency = \"USD\"\n[name]\nen = \"Dollar thing\"\n",
        );
    let old = items_file(&book, "old.csv", "product\nOLD\n");
    items_refused(&book, &old, &["old.csv:2:1", "product `OLD` is inactive"]);
    let usd = items_file(&book, "usd.toml", "[[items]]\nproduct = \"USD\"\n");
    let stderr = items_refused(
        &book,
        &usd,
        &[
            "product `USD` is priced in USD but the document is in EUR: give the price in EUR as this line's `price`",
        ],
    );
    assert!(!stderr.contains("--price"), "{stderr}");
    let priced = items_file(
        &book,
        "priced.toml",
        "[[items]]\nproduct = \"USD\"\nprice = \"4.60\"\n",
    );
    let id = book.stdout(&["invoice", "acme", "--items", &priced]);
    assert!(document(&book, id.trim()).contains("price = \"4.60\""));
    let free = items_file(&book, "free.csv", "description,product,price\nTravel,,40\n");
    items_refused(&book, &free, &["the VAT rate is empty"]);
}

/// A contact with a monthly contract: consulting from the catalogue, and hosting at a fixed price.
fn contract_book(hosting_price: &str) -> TestBook {
    shop().contact(
        "beta",
        &format!(
            "name = \"Beta\"\nlanguage = \"fr\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n\n[[recurring.items]]\nproduct = \"CONSULT\"\nquantity = 2\n\n[[recurring.items]]\nproduct = \"CONSULT\"\ndescription = \"Hosting\"\n{hosting_price}"
        ),
    )
}

#[test]
fn a_recurring_item_naming_a_product_takes_the_catalogue_of_each_run_unless_it_fixes_the_price() {
    let book = contract_book("price = \"50\"\n");
    let (code, stderr) = check(&book);
    assert_eq!(code, Some(0), "{stderr}");
    book.stdout(&["recur", "--as-of", "2026-01-10"]);
    let book = book.file("products/CONSULT.toml", &CONSULT.replace("95.10", "120.00"));
    book.stdout(&["recur", "--as-of", "2026-02-10"]);
    let documents = walk(&book.path().join("documents"));
    assert_eq!(documents.len(), 2, "{documents:?}");
    let mut texts: Vec<String> = documents
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort_by_key(|t| t.contains("2026-02-01"));
    for (text, price) in texts.iter().zip(["95.10", "120.00"]) {
        let consulting = format!(
            "description = \"Conseil\"\nquantity = \"2\"\nunit = \"h\"\nprice = \"{price}\"\nvat = \"21\"\nproduct = \"CONSULT\""
        );
        assert!(
            text.contains(&consulting),
            "missing {consulting:?} in:\n{text}"
        );
        let hosting = "description = \"Hosting\"\nquantity = \"1\"\nunit = \"h\"\nprice = \"50\"\nvat = \"21\"\nproduct = \"CONSULT\"";
        assert!(text.contains(hosting), "missing {hosting:?} in:\n{text}");
    }
}

#[test]
fn check_places_a_recurring_item_naming_an_unknown_product() {
    let book = contract_book("price = \"50\"\n").contact(
        "gamma",
        "name = \"Gamma\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n\n[[recurring.items]]\nquantity = 2\nproduct = \"CONSLT\"\n",
    );
    check_refuses(
        &book,
        &[
            "contacts/gamma.toml:10:1: error: recurring item 1: unknown product `CONSLT`; did you mean `CONSULT`?",
        ],
    );
    book.folio(&["recur", "--as-of", "2026-01-10"])
        .assert()
        .code(65);
}

#[test]
fn a_recurring_item_of_a_product_priced_in_another_currency_is_told_to_give_its_price() {
    let book = contract_book("price = \"50\"\n")
        .file(
            "products/USD.toml",
            "price = 5\nvat = 21\ncurrency = \"USD\"\n[name]\nen = \"Dollar thing\"\n",
        )
        .contact(
            "gamma",
            "name = \"Gamma\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n\n[[recurring.items]]\nquantity = 2\nproduct = \"USD\"\n",
        );
    check_refuses(
        &book,
        &[
            "contacts/gamma.toml:10:1: error: recurring item 1: product `USD` is priced in USD but the document is in EUR: give the price in EUR as this line's `price`",
        ],
    );
}

#[test]
fn an_items_file_row_and_a_recurring_item_may_give_their_own_gtin() {
    let book = contract_book("price = \"50\"\ngtin = \"4006381333931\"\n");
    book.stdout(&["recur", "--as-of", "2026-01-10"]);
    let contract = walk(&book.path().join("documents"))
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|t| t.contains("Hosting"))
        .unwrap();
    assert!(
        contract.contains("description = \"Hosting\"")
            && contract.matches("gtin = \"4006381333931\"").count() == 1
            && contract.matches("gtin = \"5410000000002\"").count() == 1,
        "{contract}"
    );
    let csv = items_file(
        &book,
        "items.csv",
        "description,price,vat,product,gtin\nTravel,40,21,,4006381333931\n,,,CONSULT,\n",
    );
    let id = book.stdout(&["invoice", "acme", "--items", &csv, "--date", "2026-01-20"]);
    let text = document(&book, id.trim());
    assert!(
        text.contains("description = \"Travel\"\nquantity = \"1\"\nprice = \"40\"\nvat = \"21\"\ngtin = \"4006381333931\""),
        "{text}"
    );
    // An empty cell keeps the product's.
    assert!(text.contains("gtin = \"5410000000002\""), "{text}");
    let xml = book.stdout(&["render", id.trim(), "--format", "ubl"]);
    assert!(
        xml.contains("<cbc:ID schemeID=\"0160\">4006381333931</cbc:ID>"),
        "{xml}"
    );
    let wrong = items_file(
        &book,
        "wrong.csv",
        "description,price,vat,gtin\nTravel,40,21,4006381333932\n",
    );
    items_refused(
        &book,
        &wrong,
        &[
            "wrong.csv:2:4: error: invalid GTIN `4006381333932`: its check digit is 2 but should be 1",
        ],
    );
    let book = contract_book("price = \"50\"\ngtin = \"123\"\n");
    check_refuses(
        &book,
        &["contacts/beta.toml:17:1: error: recurring item 2: invalid GTIN `123`"],
    );
}

#[test]
fn a_recurring_item_without_a_product_still_needs_its_price_and_vat() {
    let book = shop().contact(
        "beta",
        "name = \"Beta\"\n\n[[recurring]]\nevery = \"month\"\nday = 1\nstart = 2026-01-01\n\n[[recurring.items]]\ndescription = \"Support\"\nprice = \"10\"\n",
    );
    check_refuses(
        &book,
        &[
            "recurring item 1: missing `vat`: an item without `product` needs description, price and vat",
        ],
    );
}

#[test]
fn a_product_line_keeps_the_gtin_and_ubl_names_it_as_the_standard_identification() {
    let book = shop();
    let id = book.stdout(&[
        "invoice", "acme", "--item", "CONSULT", "--item", "Travel", "--price", "40", "--vat", "21",
    ]);
    let text = document(&book, id.trim());
    assert!(
        text.contains("product = \"CONSULT\"\ngtin = \"5410000000002\""),
        "{text}"
    );
    assert_eq!(text.matches("gtin =").count(), 1, "{text}");
    let xml = book.stdout(&["render", id.trim(), "--format", "ubl"]);
    assert!(
        xml.contains("<cbc:ID>CONSULT</cbc:ID>\n      </cac:SellersItemIdentification>\n      <cac:StandardItemIdentification>\n        <cbc:ID schemeID=\"0160\">5410000000002</cbc:ID>\n      </cac:StandardItemIdentification>"),
        "{xml}"
    );
    assert_eq!(xml.matches("StandardItemIdentification>").count(), 2);
}

#[test]
fn check_refuses_a_document_line_whose_gtin_check_digit_is_wrong() {
    let book = shop();
    let id = book.stdout(&["invoice", "acme", "--item", "CONSULT"]);
    let path = walk(&book.path().join("documents"))
        .into_iter()
        .find(|p| p.file_stem().is_some_and(|s| s == id.trim()))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("5410000000002", "5410000000007")).unwrap();
    check_refuses(
        &book,
        &["invalid GTIN `5410000000007`: its check digit is 7 but should be 2"],
    );
}
