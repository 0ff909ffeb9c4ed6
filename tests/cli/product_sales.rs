//! Sales by product: `folio report products` adds up to the net totals of the documents in its
//! window, currency by currency, credit notes and document discounts included; lines without a
//! product code and invoices recorded without a document are `other`, never dropped. Segment
//! rules on `products`, `families` and `product_revenue`, and the class by main family.

use crate::util::{COMPANY, TestBook};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

/// Issues a document with `args` and returns its id.
fn issue(book: &TestBook, args: &[&str]) -> String {
    book.stdout(args).trim().to_string()
}

/// Names the catalogue product of each line of document `id`, in order (`None`: no code), as
/// `folio invoice --item CODE` writes it: `product = "CODE"` in the line's table.
fn name_products(book: &TestBook, id: &str, codes: &[Option<&str>]) {
    let path = book.path().join(format!("documents/{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = codes.iter();
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("description = ")
            && let Some(Some(code)) = lines.next()
        {
            out.push_str(&format!("product = \"{code}\"\n"));
        }
    }
    std::fs::write(path, out).unwrap();
}

fn d(value: &Value) -> Decimal {
    value.as_str().expect("a decimal as text").parse().unwrap()
}

/// A catalogue: two furniture products and a lamp.
fn catalogue(book: TestBook) -> TestBook {
    book.file(
        "products/CHAIR.toml",
        "code = \"CHAIR\"\nprice = 100\nvat = 21\nfamily = \"furniture\"\n[name]\nen = \"Oak chair\"\n",
    )
    .file(
        "products/TABLE.toml",
        "code = \"TABLE\"\nprice = 400\nvat = 21\nfamily = \"furniture\"\n[name]\nen = \"Oak table\"\n",
    )
    .file(
        "products/LAMP.toml",
        "code = \"LAMP\"\nprice = 35.35\nvat = 6\nfamily = \"lighting\"\n[name]\nen = \"Brass lamp\"\n",
    )
}

/// Segment rules on products.
const RULES: &str = r#"
[segments.chairs]
where = '"CHAIR" in products'
[segments.tables]
where = '"TABLE" in products'
[segments.furnished]
where = '"furniture" in families'
[segments.lamps]
where = 'product_revenue["LAMP"] > 30.0'
[segments.no-chair-revenue]
where = 'product_revenue["CHAIR"] == 0.0'
"#;

/// Customers alpha, beta (EUR) and gamma (USD); an invoice recorded without a document.
fn sales_book() -> TestBook {
    let book = TestBook::with_config(&format!(
        "name = \"Test Book\"\ncurrency = \"EUR\"\n{COMPANY}{RULES}"
    ))
    .contact(
        "alpha",
        "name = \"Alpha SA\"\nroles = [\"customer\"]\nemail = \"ap@alpha.example\"\n",
    )
    .contact(
        "beta",
        "name = \"Beta BV\"\nroles = [\"customer\"]\nemail = \"ap@beta.example\"\n",
    )
    .contact(
        "gamma",
        "name = \"Gamma Inc\"\nroles = [\"customer\"]\ncurrency = \"USD\"\n",
    )
    .journal("0-plain", "2026-03-12 invoice X-1 alpha 121.00 vat:21\n");
    let book = catalogue(book);
    // alpha: 2 chairs, a lamp and delivery, 5 % off the whole document.
    let first = issue(
        &book,
        &[
            "invoice",
            "alpha",
            "--date",
            "2026-03-01",
            "--item",
            "Oak chair",
            "--qty",
            "2",
            "--price",
            "100",
            "--vat",
            "21",
            "--item",
            "Brass lamp",
            "--price",
            "35.35",
            "--vat",
            "6",
            "--item",
            "Delivery",
            "--price",
            "10.10",
            "--vat",
            "21",
            "--document-discount",
            "5",
        ],
    );
    name_products(&book, &first, &[Some("CHAIR"), Some("LAMP"), None]);
    // beta buys a chair and returns it.
    let second = issue(
        &book,
        &[
            "invoice",
            "beta",
            "--date",
            "2026-03-05",
            "--item",
            "Oak chair",
            "--price",
            "100",
            "--vat",
            "21",
        ],
    );
    name_products(&book, &second, &[Some("CHAIR")]);
    let credit = issue(
        &book,
        &[
            "credit-note",
            "--ref",
            &second,
            "--date",
            "2026-03-10",
            "--item",
            "Oak chair",
            "--price",
            "100",
            "--vat",
            "21",
        ],
    );
    name_products(&book, &credit, &[Some("CHAIR")]);
    // beta keeps a table; gamma buys lamps in dollars.
    let table = issue(
        &book,
        &[
            "invoice",
            "beta",
            "--date",
            "2026-03-06",
            "--item",
            "Oak table",
            "--price",
            "400",
            "--vat",
            "21",
        ],
    );
    name_products(&book, &table, &[Some("TABLE")]);
    let dollars = issue(
        &book,
        &[
            "invoice",
            "gamma",
            "--date",
            "2026-03-07",
            "--currency",
            "USD",
            "--item",
            "Brass lamp",
            "--qty",
            "3",
            "--price",
            "40",
            "--vat",
            "21",
        ],
    );
    name_products(&book, &dollars, &[Some("LAMP")]);
    // Outside the window of the tests.
    let later = issue(
        &book,
        &[
            "invoice",
            "alpha",
            "--date",
            "2026-05-02",
            "--item",
            "Oak table",
            "--price",
            "400",
            "--vat",
            "21",
        ],
    );
    name_products(&book, &later, &[Some("TABLE")]);
    book.stdout(&["check"]);
    book
}

/// The net total of each currency's documents dated in March, from the document files
/// themselves (net minus document discount; credit notes subtracted), plus the invoice recorded
/// without a document at its net of VAT.
fn documents_net_in_march(book: &TestBook) -> BTreeMap<String, Decimal> {
    let mut totals = BTreeMap::new();
    for file in std::fs::read_dir(book.path().join("documents")).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        let document: toml::Table = toml::from_str(&text).unwrap();
        let date = document["date"].to_string();
        if !date.starts_with("2026-03") {
            continue;
        }
        let stored = document["totals"].as_table().unwrap();
        let amount = |key: &str| -> Decimal {
            stored
                .get(key)
                .map_or(Decimal::ZERO, |v| v.as_str().unwrap().parse().unwrap())
        };
        let mut net = amount("net") - amount("allowance");
        if document["kind"].as_str() == Some("credit-note") {
            net = -net;
        }
        let currency = document["currency"].as_str().unwrap().to_string();
        *totals.entry(currency).or_insert(Decimal::ZERO) += net;
    }
    *totals.entry("EUR".to_string()).or_insert(Decimal::ZERO) += Decimal::from(100);
    totals
}

/// `folio report products` over March 2026, with `extra` arguments, as JSON rows.
fn march(book: &TestBook, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "report",
        "products",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
    ];
    args.extend(extra);
    book.json(&args).as_array().expect("rows").clone()
}

/// The rows of `rows` as (group, currency, quantity, net, customers, share).
fn table(rows: &[Value], key: &str) -> Vec<(String, String, String, String, u64, String)> {
    rows.iter()
        .map(|row| {
            (
                row[key].as_str().unwrap().to_string(),
                row["currency"].as_str().unwrap().to_string(),
                row["quantity"].as_str().unwrap_or("").to_string(),
                row["net"].as_str().unwrap().to_string(),
                row["customers"].as_u64().unwrap(),
                row["share"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn report_products_totals_equal_the_net_totals_of_the_documents_in_every_currency() {
    let book = sales_book();
    let rows = march(&book, &[]);
    let mut report: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in &rows {
        *report
            .entry(row["currency"].as_str().unwrap().to_string())
            .or_insert(Decimal::ZERO) += d(&row["net"]);
    }
    let expected = documents_net_in_march(&book);
    assert_eq!(report, expected);
    assert_eq!(expected.len(), 2, "two currencies: {expected:?}");
    // The same net sales as the contribution report counts over the window.
    let contribution = book.json(&[
        "report",
        "contribution",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--no-convert",
    ]);
    let mut revenue: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in contribution.as_array().unwrap() {
        if let Some(currency) = row["currency"].as_str().filter(|_| row["rank"].is_number()) {
            *revenue.entry(currency.to_string()).or_insert(Decimal::ZERO) += d(&row["revenue"]);
        }
    }
    assert_eq!(revenue, expected);
}

#[test]
fn report_products_nets_credit_notes_and_keeps_lines_without_a_code_as_other() {
    let book = sales_book();
    let rows = march(&book, &[]);
    // alpha's document, 5 % off per VAT group, shared by cumulative rounding: at 21 % the
    // chairs 200.00 -> 10.00 off, then 210.10 -> 10.51 off so the delivery 10.10 -> 9.59; at 6 %
    // the lamp 35.35 -> 1.77 off. beta's chair is credited; the plain invoice is 100.00 net.
    // EUR net sales: 400 + 190 + 33.58 + 9.59 + 100 = 733.17.
    assert_eq!(
        table(&rows, "product"),
        [
            ("TABLE", "EUR", "1", "400.00", 1, "0.5456"),
            ("CHAIR", "EUR", "2", "190.00", 1, "0.2591"),
            ("LAMP", "EUR", "1", "33.58", 1, "0.0458"),
            ("other", "EUR", "1", "109.59", 1, "0.1495"),
            ("LAMP", "USD", "3", "120.00", 1, "1.0000"),
        ]
        .map(|(p, c, q, n, k, s)| (p.into(), c.into(), q.into(), n.into(), k, s.into()))
    );
}

#[test]
fn report_products_for_one_contact_shows_its_mix() {
    let book = sales_book();
    let rows = march(&book, &["--contact", "beta"]);
    assert_eq!(
        table(&rows, "product"),
        [
            ("TABLE", "EUR", "1", "400.00", 1, "1.0000"),
            ("CHAIR", "EUR", "0", "0.00", 0, "0.0000"),
        ]
        .map(|(p, c, q, n, k, s)| (p.into(), c.into(), q.into(), n.into(), k, s.into()))
    );
    book.folio(&["report", "products", "--contact", "nobody"])
        .assert()
        .code(66);
    book.folio(&[
        "report",
        "products",
        "--from",
        "2026-04-01",
        "--to",
        "2026-03-01",
    ])
    .assert()
    .code(2);
}

/// The contact ids of `folio segment NAME` as of `as_of`.
fn members(book: &TestBook, name: &str, as_of: &str) -> Vec<String> {
    let rows = book.json(&["segment", name, "--as-of", as_of]);
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| row["contact"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_rule_on_products_selects_exactly_the_customers_who_bought_it_in_the_window() {
    let book = sales_book();
    // beta's chair is cancelled by its credit note; alpha's table of May is after March.
    assert_eq!(members(&book, "chairs", "2026-03-31"), ["alpha"]);
    assert_eq!(members(&book, "tables", "2026-03-31"), ["beta"]);
    assert_eq!(members(&book, "tables", "2026-05-31"), ["alpha", "beta"]);
    // Before beta's credit note, beta had bought a chair.
    assert_eq!(members(&book, "chairs", "2026-03-09"), ["alpha", "beta"]);
    // Past the window, nothing was bought.
    let later = book.json(&[
        "segment",
        "chairs",
        "--as-of",
        "2026-03-31",
        "--window",
        "20d",
    ]);
    assert_eq!(later.as_array().unwrap().len(), 0, "{later}");
}

#[test]
fn rules_see_families_and_the_net_revenue_of_each_product() {
    let book = sales_book();
    assert_eq!(members(&book, "furnished", "2026-03-31"), ["alpha", "beta"]);
    // alpha 33.58 EUR, gamma 120 USD: each in its own currency.
    assert_eq!(members(&book, "lamps", "2026-03-31"), ["alpha", "gamma"]);
    // beta's chair nets to 0; gamma never bought one: the catalogue's codes are there at 0.
    assert_eq!(
        members(&book, "no-chair-revenue", "2026-03-31"),
        ["beta", "gamma"]
    );
}

#[test]
fn a_rule_naming_an_unknown_product_variable_is_refused_at_its_position() {
    let book = sales_book().file(
        "folio.toml",
        "name = \"T\"\ncurrency = \"EUR\"\n[segments.bad]\nwhere = '\"X\" in product'\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("folio.toml:4:17: error: segment `bad`: unknown name `product` in the rule; did you mean `products`?"),
        "{stderr}"
    );
}

#[test]
fn customers_are_classed_by_main_family_in_segments_metrics_and_mailing() {
    let book = sales_book();
    let rows = book.json(&["segments", "--as-of", "2026-03-31"]);
    let families: Vec<(String, String, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["kind"] == "family")
        .map(|row| {
            (
                row["segment"].as_str().unwrap().to_string(),
                row["currency"].as_str().unwrap().to_string(),
                row["members"].as_u64().unwrap(),
            )
        })
        .collect();
    // alpha: furniture 190.00 against lighting 33.58; beta: the table; gamma: lamps.
    assert_eq!(
        families,
        [
            ("family:furniture".to_string(), "EUR".to_string(), 2),
            ("family:lighting".to_string(), "USD".to_string(), 1),
        ]
    );
    assert_eq!(members(&book, "family:lighting", "2026-03-31"), ["gamma"]);
    let metrics = book.json(&["metrics", "--as-of", "2026-03-31"]);
    let main: Vec<(String, Value)> = metrics
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["contact"].as_str().unwrap().to_string(),
                row["main_family"].clone(),
            )
        })
        .collect();
    assert_eq!(
        main,
        [
            ("alpha".to_string(), Value::from("furniture")),
            ("beta".to_string(), Value::from("furniture")),
            ("gamma".to_string(), Value::from("lighting")),
        ]
    );
    let mailing = book.json(&["mailing", "chairs", "--as-of", "2026-03-31"]);
    let recipients: Vec<&str> = mailing
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["contact"].as_str().unwrap())
        .collect();
    assert_eq!(recipients, ["alpha"]);
}

#[test]
fn report_products_by_family_groups_the_catalogue_families() {
    let book = sales_book();
    let rows = march(&book, &["--by", "family"]);
    assert_eq!(
        table(&rows, "family"),
        [
            ("furniture", "EUR", "3", "590.00", 2, "0.8047"),
            ("lighting", "EUR", "1", "33.58", 1, "0.0458"),
            ("other", "EUR", "1", "109.59", 1, "0.1495"),
            ("lighting", "USD", "3", "120.00", 1, "1.0000"),
        ]
        .map(|(p, c, q, n, k, s)| (p.into(), c.into(), q.into(), n.into(), k, s.into()))
    ); // A family is only its key: no name column, empty on every row.
    assert!(rows.iter().all(|row| row.get("name").is_none()));
    let shown = book.stdout(&["report", "products", "--by", "family", "--to", "2026-03-31"]);
    let header: Vec<&str> = shown.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "family",
            "currency",
            "quantity",
            "net",
            "customers",
            "share"
        ]
    );
}
