//! `folio rates`: `check` on rates files, `rates import` of the ECB's CSV layouts and of mapped
//! CSVs (idempotent, refusing rates that differ from the book's), `rates list` and `rates show`.

use crate::util::TestBook;

/// The ECB's history layout: newest first, a trailing comma on every line, N/A where a currency
/// was not quoted, a column of a currency since replaced (CYP).
const HISTORY: &str = "Date,USD,JPY,CYP,CNY,\n\
2027-01-04,1.1010,170.5,N/A,7.9012,\n\
2026-12-31,1.0990,169.9,N/A,N/A,\n\
2026-12-30,1.0980,169.1,N/A,7.8800,\n";

/// The ECB's one-day layout: spaces after the commas and the date spelled out.
const ONE_DAY: &str = "Date, USD, JPY, CNY, \n06 December 2026, 1.0843, 161.50, 7.8312, \n";

/// A book whose customer is invoiced in USD.
fn usd_book() -> TestBook {
    TestBook::new().contact(
        "brightline",
        "name = \"Brightline Inc\"\ncurrency = \"USD\"\n",
    )
}

fn input(book: &TestBook, name: &str, text: &str) -> String {
    let path = book.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn read(book: &TestBook, relative: &str) -> Option<String> {
    std::fs::read_to_string(book.path().join(relative)).ok()
}

fn fail(book: &TestBook, args: &[&str]) -> (i32, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_reports_a_bad_rates_line_at_its_file_line_and_column() {
    let book = TestBook::new().file(
        "rates/2026.rates",
        "2026-03-02 EUR USD 1.0843\n2026-03-03 EUR usd 1.0850\n2026-03-04 EUR USD 1,08\n",
    );
    let (code, stderr) = fail(&book, &["check"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr
            .contains("rates/2026.rates:2:16: error: invalid currency `usd`: did you mean `USD`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rates/2026.rates:3:20: error: expected a rate such as 1.0843"),
        "{stderr}"
    );
    let (code, stderr) = fail(&book, &["balance"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("rates/2026.rates:2:16"), "{stderr}");
}

#[test]
fn check_reports_a_pair_quoted_twice_for_a_day_at_the_later_file() {
    let book = TestBook::new()
        .file("rates/a.rates", "2026-03-02 EUR USD 1.0843\n")
        .file("rates/b.rates", "; again\n2026-03-02 EUR USD 1.0900\n");
    let (code, stderr) = fail(&book, &["check"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains(
            "rates/b.rates:2:1: error: a EUR to USD rate for 2026-03-02 is already given at"
        ),
        "{stderr}"
    );
}

#[test]
fn the_ecb_history_imports_the_currencies_the_book_uses_per_year() {
    let book = usd_book();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let out = book.stdout(&["rates", "import", &file, "--used"]);
    assert!(
        out.contains("added 2 quote(s) to rates/2026.rates\n"),
        "{out}"
    );
    assert!(
        out.contains("added 1 quote(s) to rates/2027.rates\n"),
        "{out}"
    );
    assert!(
        out.contains("EUR USD: 3 quote(s), 2026-12-30 to 2027-01-04\n"),
        "{out}"
    );
    assert!(
        out.ends_with("3 quote(s) added over 3 day(s), 0 already in the book, 2 file(s) written\n"),
        "{out}"
    );
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-30 EUR USD 1.0980\n2026-12-31 EUR USD 1.0990\n"
    );
    assert_eq!(
        read(&book, "rates/2027.rates").unwrap(),
        "2027-01-04 EUR USD 1.1010\n"
    );
    book.stdout(&["check"]);
}

#[test]
fn a_second_import_writes_nothing_and_says_so() {
    let book = usd_book().file("rates/ecb.rates", "2026-12-30 EUR USD 1.0980 ; by hand\n");
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let first = book.stdout(&["rates", "import", &file, "--used"]);
    assert!(first.contains("1 already in the book"), "{first}");
    let before = read(&book, "rates/2026.rates");
    let again = book.stdout(&["rates", "import", &file, "--used"]);
    assert!(
        again.contains("nothing to add: the book already has every quote of"),
        "{again}"
    );
    assert!(
        again.ends_with(
            "0 quote(s) added over 0 day(s), 3 already in the book, 0 file(s) written\n"
        ),
        "{again}"
    );
    assert_eq!(read(&book, "rates/2026.rates"), before);
    let json = book.json(&["rates", "import", &file, "--used"]);
    assert_eq!(json["added"], 0);
    assert_eq!(json["already"], 3);
}

#[test]
fn the_ecb_one_day_file_is_read_with_its_spelled_out_date() {
    let book = usd_book();
    let file = input(&book, "eurofxref.csv", ONE_DAY);
    book.stdout(&["rates", "import", &file, "--currencies", "USD,CNY"]);
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-06 EUR CNY 7.8312\n2026-12-06 EUR USD 1.0843\n"
    );
}

#[test]
fn currencies_and_all_choose_the_columns_of_the_ecb_file() {
    let book = usd_book();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let (code, stderr) = fail(
        &book,
        &["rates", "import", &file, "--currencies", "JPY,GBP"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("has no column for GBP"), "{stderr}");
    let jpy = read(&book, "rates/2026.rates").unwrap();
    assert_eq!(jpy, "2026-12-30 EUR JPY 169.1\n2026-12-31 EUR JPY 169.9\n");

    let json = book.json(&["rates", "import", &file, "--all"]);
    let pairs: Vec<(String, u64)> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["to"].as_str().unwrap().to_string(),
                p["added"].as_u64().unwrap(),
            )
        })
        .collect();
    // JPY is in the book already; CNY was not quoted on 2026-12-31; CYP is no current currency.
    assert_eq!(pairs, [("CNY".to_string(), 2), ("USD".to_string(), 3)]);
    assert_eq!(json["already"], 3);
    assert_eq!(json["unknown_columns"], serde_json::json!(["CYP"]));
    book.stdout(&["check"]);
}

#[test]
fn a_book_in_one_currency_imports_nothing_with_used_and_says_why() {
    let book = TestBook::new();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let (code, stderr) = fail(&book, &["rates", "import", &file, "--used"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the book uses no currency other than EUR; leave out --used"),
        "{stderr}"
    );
    assert_eq!(read(&book, "rates/2026.rates"), None);
}

#[test]
fn the_currency_reports_convert_to_counts_as_one_the_book_uses() {
    let book =
        TestBook::with_config("name = \"t\"\ncurrency = \"EUR\"\n\n[reports]\nconvert = \"JPY\"\n");
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    book.stdout(&["rates", "import", &file, "--used", "--from", "2026-12-31"]);
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-31 EUR JPY 169.9\n"
    );
}

#[test]
fn from_and_to_limit_the_days_imported() {
    let book = usd_book();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    book.stdout(&[
        "rates",
        "import",
        &file,
        "--used",
        "--from",
        "2026-12-31",
        "--to",
        "2026",
    ]);
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-31 EUR USD 1.0990\n"
    );
    assert_eq!(read(&book, "rates/2027.rates"), None);
}

#[test]
fn a_dry_run_prints_the_quotes_and_writes_nothing() {
    let book = usd_book();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let out = book.stdout(&["rates", "import", &file, "--used", "--dry-run"]);
    assert!(
        out.contains("would add 2 quote(s) to rates/2026.rates\n  2026-12-30 EUR USD 1.0980\n  2026-12-31 EUR USD 1.0990\n"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "dry run: 3 quote(s) to add over 3 day(s), 0 already in the book, 2 file(s) to write\n"
        ),
        "{out}"
    );
    assert!(!book.path().join("rates").exists());
}

#[test]
fn a_rate_that_differs_from_the_books_is_refused_naming_both_unless_kept() {
    let book = usd_book().file("rates/2026.rates", "2026-12-31 EUR USD 1.1000\n");
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    let (code, stderr) = fail(&book, &["rates", "import", &file, "--used"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains(
            "eurofxref-hist.csv:3:12: error: row 3, column `USD`: 1.0990 differs from the book's EUR USD rate for 2026-12-31, 1.1000"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-31 EUR USD 1.1000\n"
    );
    assert_eq!(read(&book, "rates/2027.rates"), None);

    let (code, stderr) = fail(&book, &["rates", "import", &file, "--used", "--keep-book"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("the book's is kept"), "{stderr}");
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-31 EUR USD 1.1000\n2026-12-30 EUR USD 1.0980\n"
    );
}

#[test]
fn a_bad_cell_is_refused_at_its_row_and_column_and_nothing_is_written() {
    let book = usd_book();
    let file = input(
        &book,
        "bad.csv",
        "Date,USD,\n2026-12-32,1.09,\n2026-12-30,1.09.5,\n2026-12-29,0,\n",
    );
    let (code, stderr) = fail(&book, &["rates", "import", &file]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("bad.csv:2:1: error: row 2, column `Date`: `2026-12-32` is not a date"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.csv:3:12: error: row 3, column `USD`: expected a rate such as 1.0843"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.csv:4:12: error: row 4, column `USD`: a rate must be above 0"),
        "{stderr}"
    );
    assert!(stderr.contains("3 invalid cell(s) in"), "{stderr}");
    assert!(!book.path().join("rates").exists());
}

#[test]
fn a_missing_file_is_not_found_and_an_empty_one_is_invalid() {
    let book = usd_book();
    let missing = book.path().join("missing.csv");
    let (code, stderr) = fail(&book, &["rates", "import", missing.to_str().unwrap()]);
    assert_eq!(code, 66, "{stderr}");
    assert!(stderr.contains("no file"), "{stderr}");
    let empty = input(&book, "empty.csv", "");
    let (code, stderr) = fail(&book, &["rates", "import", &empty]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("empty.csv:1:1: error: the file is empty"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_error() {
    let book = usd_book();
    // A folder opens as a file but cannot be read as one, as root too.
    let folder = book.path().join("folder.csv");
    std::fs::create_dir(&folder).unwrap();
    let (code, stderr) = fail(&book, &["rates", "import", folder.to_str().unwrap()]);
    assert_eq!(code, 74, "{stderr}");
    assert!(stderr.contains("folder.csv"), "{stderr}");
}

#[test]
fn a_pair_csv_is_read_through_its_mapping() {
    let book = usd_book();
    let file = input(
        &book,
        "bank.csv",
        "Day;Close;Volume\n10/03/2026;0,9201;5\n11/03/2026;0,9188;7\n",
    );
    let out = book.stdout(&[
        "rates",
        "import",
        &file,
        "--pair",
        "USD/EUR",
        "--date-column",
        "Day",
        "--rate-column",
        "Close",
        "--decimal",
        ",",
    ]);
    assert!(
        out.contains("USD EUR: 2 quote(s), 2026-03-10 to 2026-03-11\n"),
        "{out}"
    );
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-03-10 USD EUR 0.9201\n2026-03-11 USD EUR 0.9188\n"
    );
    let us_dates = input(&book, "us.csv", "when,rate\n03/12/2026,0.9199\n");
    book.stdout(&[
        "rates",
        "import",
        &us_dates,
        "--pair",
        "USD/EUR",
        "--date-column",
        "when",
        "--date-format",
        "%m/%d/%Y",
    ]);
    assert!(
        read(&book, "rates/2026.rates")
            .unwrap()
            .ends_with("2026-03-12 USD EUR 0.9199\n")
    );
    let (code, stderr) = fail(&book, &["rates", "import", &file, "--pair", "USD/EUR"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("has no column `Date`"), "{stderr}");
    // Only what `check` reads back is written: an ISO 4217 pair.
    let (code, stderr) = fail(&book, &["rates", "import", &file, "--pair", "USD/ABC"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown currency `ABC`"), "{stderr}");
}

#[test]
fn a_rate_with_zeros_past_ten_decimals_is_written_without_them() {
    let book = usd_book();
    let file = input(
        &book,
        "floats.csv",
        "Date,USD\n2026-03-02,1.084300000000000\n2026-03-03,1.08431234567891\n",
    );
    let (code, stderr) = fail(&book, &["rates", "import", &file]);
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains(
            "floats.csv:3:12: error: row 3, column `USD`: a rate has at most 10 decimals"
        ),
        "{stderr}"
    );
    std::fs::write(&file, "Date,USD\n2026-03-02,1.084300000000000\n").unwrap();
    book.stdout(&["rates", "import", &file]);
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-03-02 EUR USD 1.0843\n"
    );
}

#[test]
fn rates_lists_the_quotes_filtered_in_every_format() {
    let book = TestBook::new().file(
        "rates/2026.rates",
        "2026-03-02 EUR USD 1.0843\n2026-03-02 EUR CNY 7.8312\n2026-04-01 EUR USD 1.0900\n",
    );
    let table = book.stdout(&["rates"]);
    assert!(
        table.contains("2026-03-02   EUR    CNY   7.8312"),
        "{table}"
    );
    let csv = book.stdout(&["rates", "list", "--currency", "USD", "--format", "csv"]);
    assert_eq!(
        csv,
        "date,from,to,rate\n2026-03-02,EUR,USD,1.0843\n2026-04-01,EUR,USD,1.0900\n"
    );
    let json = book.json(&["rates", "--from", "2026-04"]);
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["date"], "2026-04-01");
    assert_eq!(json[0]["to"], "USD");
}

#[test]
fn rates_show_says_how_the_rate_was_found() {
    let book = TestBook::new().file(
        "rates/2026.rates",
        "2026-03-02 EUR USD 1.25\n2026-03-02 EUR CNY 8\n",
    );
    let direct = book.json(&["rates", "show", "EUR", "USD", "--date", "2026-03-10"]);
    assert_eq!(direct[0]["method"], "direct");
    assert_eq!(direct[0]["rate"], "1.25");
    assert_eq!(direct[0]["quote_date"], "2026-03-02");
    let inverse = book.json(&["rates", "show", "USD", "EUR", "--date", "2026-03-10"]);
    assert_eq!(inverse[0]["method"], "inverse");
    assert_eq!(inverse[0]["rate"], "0.8");
    let cross = book.json(&["rates", "show", "USD", "CNY", "--date", "2026-03"]);
    assert_eq!(cross[0]["method"], "cross");
    assert_eq!(cross[0]["via"], "EUR");
    assert_eq!(cross[0]["rate"], "6.4");
    assert_eq!(cross[0]["date"], "2026-03-31");
    let (code, stderr) = fail(
        &book,
        &["rates", "show", "USD", "EUR", "--date", "2026-03-01"],
    );
    assert_eq!(code, 65, "{stderr}");
    assert!(
        stderr.contains("no exchange rate from USD to EUR on or before 2026-03-01"),
        "{stderr}"
    );
}

#[test]
fn every_currency_of_the_ecb_file_is_imported_by_default() {
    // A book that has no USD entry yet: the rates are there for when it has.
    let book = TestBook::new();
    let file = input(&book, "eurofxref-hist.csv", HISTORY);
    book.stdout(&["rates", "import", &file, "--from", "2026-12-31"]);
    assert_eq!(
        read(&book, "rates/2026.rates").unwrap(),
        "2026-12-31 EUR JPY 169.9\n2026-12-31 EUR USD 1.0990\n"
    );
}
