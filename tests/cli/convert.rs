//! `--convert CUR` and `[reports] convert`: converted columns and totals on every report that
//! takes them, checked against conversions computed here from the rates file the test writes;
//! and the credit limit weighed against the whole exposure of a book with rates.

use crate::util::TestBook;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

const AS_OF: &str = "2026-03-01";

/// Quotes of EUR in USD and GBP. The as-of date's rates are the 2026-02-15 USD one and the
/// 2026-01-01 GBP one; the 2026-03-10 quote comes after it and must not be used.
const RATES: &str = "2026-01-01 EUR USD 1.10\n\
2026-02-15 EUR USD 1.0843 ; the rate of the as-of date\n\
2026-03-10 EUR USD 1.20\n\
2026-01-01 EUR GBP 0.85\n";

/// The rate of one EUR in `currency` on the as-of date, read from [`RATES`] as written.
fn eur_rate(currency: &str) -> Decimal {
    match currency {
        "USD" => dec("1.0843"),
        "GBP" => dec("0.85"),
        other => panic!("no rate for {other} in the test"),
    }
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// `amount` in EUR as docs/format.md says: divided by the EUR quote, rounded half away from zero
/// to the cent.
fn to_eur(amount: Decimal, currency: &str) -> Decimal {
    if currency == "EUR" {
        return amount;
    }
    (amount / eur_rate(currency)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Customers in EUR, USD and GBP. The USD balances 10.35, 15.11 and 400.00 are 9.55, 13.94 and
/// 368.90 EUR (9.5453..., 13.9353..., 368.8997...), 392.39 in all, where their sum 425.46 USD
/// converted at once would be 392.38 EUR.
const JOURNAL: &str = "2026-01-05 invoice I1 acme 100.00\n\
2026-01-06 invoice I2 acme 10.35 USD\n\
2026-01-07 invoice I3 bolt 11.89 USD due:2026-04-30\n\
2026-01-08 invoice I4 cora 700.00\n\
2026-01-08 invoice I5 cora 400.00 USD\n\
2026-01-09 invoice I6 dent 10.05 GBP\n\
2026-01-20 payment P1 dent 5.00 GBP\n\
2026-02-02 invoice I7 bolt 3.22 USD\n\
2026-02-03 payment P2 cora 120.00\n";

fn customers(book: TestBook) -> TestBook {
    book.contact("acme", "name = \"Acme\"\nroles = [\"customer\"]\n")
        .contact(
            "bolt",
            "name = \"Bolt\"\ncurrency = \"USD\"\ncredit_limit = \"2000\"\n",
        )
        .contact("cora", "name = \"Cora\"\ncredit_limit = \"1000\"\n")
        .contact("dent", "name = \"Dent\"\ncurrency = \"GBP\"\n")
        .journal("2026", JOURNAL)
}

/// The book with its rates file.
fn book() -> TestBook {
    customers(TestBook::new()).file("rates/2026.rates", RATES)
}

/// The same book without `rates/`.
fn book_without_rates() -> TestBook {
    customers(TestBook::new())
}

fn amount(value: &Value) -> Option<Decimal> {
    value.as_str().map(dec)
}

/// Splits a converted JSON report into its data rows and its total records (those whose own
/// money columns are all null, after the rows).
fn split<'a>(json: &'a Value, own: &[&str]) -> (Vec<&'a Value>, Vec<&'a Value>) {
    let records = json.as_array().expect("an array");
    let is_total = |r: &&Value| own.iter().all(|key| r[*key].is_null());
    let first_total = records
        .iter()
        .position(|r| is_total(&r))
        .unwrap_or(records.len());
    let (rows, totals) = records.split_at(first_total);
    assert!(totals.iter().all(|r| is_total(&r)), "totals come last");
    (rows.iter().collect(), totals.iter().collect())
}

/// Checks a converted report: every row's `X_eur` is its `X` converted on its own, and each
/// total record (one per value of `group`, else one labelled `Total` in `label`) holds the sum
/// of its rows' `X_eur`. Returns the totals by group, by column.
fn check_converted(
    json: &Value,
    money: &[&str],
    label: &str,
    group: Option<&str>,
) -> BTreeMap<String, BTreeMap<String, Decimal>> {
    let (rows, totals) = split(json, money);
    assert!(!rows.is_empty(), "no rows in {json}");
    let mut expected: BTreeMap<String, BTreeMap<String, Decimal>> = BTreeMap::new();
    for row in &rows {
        let currency = row["currency"].as_str().expect("a currency");
        let key = group.map_or("Total".to_string(), |g| {
            row[g].as_str().unwrap().to_string()
        });
        let sums = expected.entry(key).or_default();
        for column in money {
            let converted = format!("{column}_eur");
            match amount(&row[*column]) {
                Some(own) => {
                    let want = to_eur(own, currency);
                    assert_eq!(amount(&row[&converted]), Some(want), "{converted} of {row}");
                    *sums.entry(converted).or_default() += want;
                }
                None => assert!(row[&converted].is_null(), "{converted} of {row}"),
            }
        }
    }
    let mut found: BTreeMap<String, BTreeMap<String, Decimal>> = BTreeMap::new();
    for total in &totals {
        assert_eq!(total["currency"], "EUR", "{total}");
        let name = total[group.unwrap_or(label)].as_str().unwrap().to_string();
        let sums = found.entry(name).or_default();
        for column in money {
            let converted = format!("{column}_eur");
            if let Some(sum) = amount(&total[&converted]) {
                sums.insert(converted, sum);
            }
        }
    }
    assert_eq!(found, expected);
    found
}

fn converted(book: &TestBook, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--convert", "EUR"]);
    book.json(&all)
}

#[test]
fn converted_balance_totals_are_the_sum_of_the_rows_converted_one_by_one() {
    let book = book();
    let json = converted(&book, &["balance", "--as-of", AS_OF]);
    let money = ["debits", "credits", "balance", "overdue"];
    let totals = check_converted(&json, &money, "contact", None);
    // Not the per-currency totals converted: 680.00 EUR (acme 100.00, cora 700.00 - 120.00),
    // 425.46 USD and 5.05 GBP would give a cent less.
    let at_once = dec("680.00") + to_eur(dec("425.46"), "USD") + to_eur(dec("5.05"), "GBP");
    assert_eq!(to_eur(dec("425.46"), "USD"), dec("392.38"));
    assert_eq!(totals["Total"]["balance_eur"], at_once + dec("0.01"));
}

#[test]
fn every_report_with_convert_has_its_rows_converted_and_totalled() {
    let book = book();
    let as_of = ["--as-of", AS_OF];
    let to = ["--to", AS_OF];
    let plain = |command: &[&str], dates: &[&str]| {
        let mut args = command.to_vec();
        args.extend(dates);
        converted(&book, &args)
    };
    let aging = plain(&["aging"], &as_of);
    check_converted(
        &aging,
        &[
            "current",
            "1-30",
            "31-60",
            "61-90",
            "90+",
            "unapplied",
            "total",
        ],
        "contact",
        None,
    );
    let detail = plain(&["aging", "--detail"], &as_of);
    check_converted(&detail, &["amount", "open"], "contact", None);
    let overdue = plain(&["overdue"], &as_of);
    check_converted(&overdue, &["amount", "open"], "contact", None);
    let credit = plain(&["credit", "--all"], &as_of);
    check_converted(
        &credit,
        &["limit", "exposure", "from_other_currencies"],
        "contact",
        None,
    );
    let metrics = plain(&["metrics"], &as_of);
    check_converted(
        &metrics,
        &["revenue", "revenue_vat_unknown", "balance", "overdue"],
        "contact",
        None,
    );
    let segments = plain(&["segments"], &as_of);
    let by_segment = check_converted(
        &segments,
        &["revenue", "revenue_vat_unknown", "balance", "overdue"],
        "segment",
        Some("segment"),
    );
    assert!(by_segment.contains_key("all"));
    let contribution = plain(&["report", "contribution"], &to);
    check_converted(
        &contribution,
        &["revenue", "revenue_vat_unknown"],
        "contact",
        None,
    );
    let clv = plain(&["report", "clv"], &to);
    check_converted(
        &clv,
        &[
            "historical_clv",
            "revenue_vat_unknown",
            "annual_revenue",
            "predictive_clv",
        ],
        "contact",
        None,
    );
    let collection = plain(&["report", "collection", "--from", "2026-01-01"], &to);
    let by_period = check_converted(
        &collection,
        &[
            "billed",
            "billed_vat_unknown",
            "billed_gross",
            "collected",
            "receivables",
        ],
        "period",
        Some("period"),
    );
    assert_eq!(
        by_period.keys().collect::<Vec<_>>(),
        ["2026-01", "2026-02", "2026-03"]
    );
}

#[test]
fn converted_columns_are_named_after_the_target_in_json_and_csv() {
    let book = book();
    let csv = book.stdout(&[
        "balance",
        "--as-of",
        AS_OF,
        "--convert",
        "EUR",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "contact,name,currency,debits,credits,balance,overdue,debits_eur,credits_eur,balance_eur,overdue_eur"
    );
    let last = csv.lines().last().unwrap();
    assert!(last.starts_with("Total,,EUR,,,,,"), "{last}");
    let json = book.json(&["balance", "--as-of", AS_OF, "--convert", "USD"]);
    let keys: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "contact",
            "name",
            "currency",
            "debits",
            "credits",
            "balance",
            "overdue",
            "debits_usd",
            "credits_usd",
            "balance_usd",
            "overdue_usd"
        ]
    );
    let table = book.stdout(&["balance", "--as-of", AS_OF, "--convert", "EUR"]);
    assert!(table.contains("balance_eur"), "{table}");
    assert!(
        table.contains(
            "note: USD converted to EUR at the rate for 2026-03-01: quote 2026-02-15 EUR USD 1.0843"
        ),
        "{table}"
    );
}

#[test]
fn reports_convert_in_folio_toml_converts_unless_no_convert() {
    let config = "name = \"Test Book\"\ncurrency = \"EUR\"\n[reports]\nconvert = \"EUR\"\n";
    let configured = customers(TestBook::with_config(config)).file("rates/2026.rates", RATES);
    let json = configured.json(&["balance", "--as-of", AS_OF]);
    check_converted(
        &json,
        &["debits", "credits", "balance", "overdue"],
        "contact",
        None,
    );
    let other = configured.json(&["balance", "--as-of", AS_OF, "--convert", "GBP"]);
    assert!(other[0].get("balance_gbp").is_some() && other[0].get("balance_eur").is_none());
    let off = configured.stdout(&["balance", "--as-of", AS_OF, "--no-convert"]);
    assert_eq!(off, book().stdout(&["balance", "--as-of", AS_OF]));
    let both = configured
        .folio(&["balance", "--convert", "EUR", "--no-convert"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn a_missing_rate_exits_65_naming_the_pair_and_the_date() {
    let book = book();
    for args in [
        &["balance", "--convert", "JPY"][..],
        &["report", "clv", "--convert", "JPY"],
        &["report", "html", "--convert", "JPY", "--out"],
    ] {
        let site = book.path().join("site");
        let mut all = args.to_vec();
        if args[1] == "html" {
            all.push(site.to_str().unwrap());
        }
        let date = if args[0] == "report" && args[1] == "clv" {
            "--to"
        } else {
            "--as-of"
        };
        all.extend([date, AS_OF]);
        let output = book.folio(&all).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{all:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("no exchange rate from EUR to JPY on or before 2026-03-01"),
            "{all:?}: {stderr}"
        );
    }
    assert!(!book.path().join("site").exists());
}

#[test]
fn without_convert_every_report_is_unchanged_by_the_rates() {
    let with = book();
    let without = book_without_rates();
    for args in [
        &["balance", "--as-of", AS_OF][..],
        &["aging", "--as-of", AS_OF],
        &["aging", "--detail", "--as-of", AS_OF, "--format", "csv"],
        &["overdue", "--as-of", AS_OF, "--format", "json"],
        &["metrics", "--as-of", AS_OF],
        &["segments", "--as-of", AS_OF, "--format", "json"],
        &["report", "contribution", "--to", AS_OF],
        &["report", "clv", "--to", AS_OF],
        &["report", "collection", "--to", AS_OF, "--format", "csv"],
    ] {
        assert_eq!(with.stdout(args), without.stdout(args), "{args:?}");
    }
    // The credit report of a book without rates keeps its columns.
    let credit = without.json(&["credit", "--all", "--as-of", AS_OF]);
    assert!(credit[0].get("from_other_currencies").is_none());
}

/// A book with rates whose customer has a 1000.00 EUR limit and owes `eur` EUR and `usd` USD.
fn exposed(eur: &str, usd: &str) -> TestBook {
    TestBook::new()
        .contact("cora", "name = \"Cora\"\ncredit_limit = \"1000.00\"\n")
        .journal(
            "2026",
            &format!(
                "2026-02-20 invoice I1 cora {eur} due:2026-12-31\n2026-02-20 invoice I2 cora {usd} USD due:2026-12-31\n"
            ),
        )
        .file("rates/2026.rates", RATES)
}

fn credit_row(book: &TestBook) -> Value {
    book.json(&["credit", "--all", "--as-of", AS_OF])[0].clone()
}

#[test]
fn the_credit_limit_weighs_the_whole_exposure_converted() {
    // 400.00 USD is 368.90 EUR: with 631.10 EUR that is exactly the limit, a cent more is over.
    let at_limit = exposed("631.10", "400.00");
    let row = credit_row(&at_limit);
    assert_eq!(row["exposure"], "1000.00");
    assert_eq!(
        row["from_other_currencies"],
        to_eur(dec("400.00"), "USD").to_string()
    );
    assert_eq!(row["status"], "warn");
    let over = exposed("631.11", "400.00");
    assert_eq!(credit_row(&over)["status"], "over");
    // Without rates the same customer is judged on its EUR alone.
    let plain = TestBook::new()
        .contact("cora", "name = \"Cora\"\ncredit_limit = \"1000.00\"\n")
        .journal(
            "2026",
            "2026-02-20 invoice I1 cora 631.11 due:2026-12-31\n2026-02-20 invoice I2 cora 400.00 USD due:2026-12-31\n",
        );
    let row = plain.json(&["credit", "--all", "--as-of", AS_OF])[0].clone();
    assert_eq!(row["exposure"], "631.11");
    assert_eq!(row["status"], "ok");
}

#[test]
fn credit_check_converts_other_currencies_and_the_amount() {
    let book = exposed("500.00", "400.00");
    let code = |args: &[&str]| book.folio(args).output().unwrap().status.code();
    // 500.00 + 368.90 = 868.90: 131.10 EUR more reaches the limit, 131.11 passes it.
    assert_eq!(
        code(&["credit", "check", "cora", "131.10", "--as-of", AS_OF]),
        Some(0)
    );
    assert_eq!(
        code(&["credit", "check", "cora", "131.11", "--as-of", AS_OF]),
        Some(1)
    );
    // 142.15 USD is 131.10 EUR (131.098...), 142.16 USD is 131.11 EUR (131.107...).
    let usd = |amount: &str| {
        code(&[
            "credit",
            "check",
            "cora",
            amount,
            "--currency",
            "USD",
            "--as-of",
            AS_OF,
        ])
    };
    assert_eq!(to_eur(dec("142.15"), "USD"), dec("131.10"));
    assert_eq!(usd("142.15"), Some(0));
    assert_eq!(to_eur(dec("142.16"), "USD"), dec("131.11"));
    assert_eq!(usd("142.16"), Some(1));
    let output = book
        .folio(&[
            "credit",
            "check",
            "cora",
            "142.16",
            "--currency",
            "USD",
            "--as-of",
            AS_OF,
        ])
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&output.stdout);
    assert!(
        line.contains("exposure 868.90 (of which 368.90 converted from other currencies at the rates of 2026-03-01) + 142.16 USD (131.11 EUR) = 1000.01 EUR"),
        "{line}"
    );
}

#[test]
fn credit_needs_a_rate_for_each_currency_it_weighs() {
    let book = TestBook::new()
        .contact("cora", "name = \"Cora\"\ncredit_limit = \"1000.00\"\n")
        .journal("2026", "2026-02-20 invoice I1 cora 10.00 CHF\n")
        .file("rates/2026.rates", RATES);
    for args in [
        &["credit", "--as-of", AS_OF][..],
        &["credit", "check", "cora", "1", "--as-of", AS_OF],
    ] {
        let output = book.folio(args).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("no exchange rate from CHF to EUR on or before 2026-03-01"),
            "{stderr}"
        );
    }
}

#[test]
fn credit_enforcement_weighs_the_whole_exposure() {
    let make = |rates: bool| {
        let book = TestBook::with_config(&format!(
            "name = \"T\"\ncurrency = \"EUR\"\n[credit]\nenforce = true\n{}",
            crate::util::COMPANY
        ))
        .contact("cora", "name = \"Cora\"\ncredit_limit = \"1000.00\"\n")
        .journal(
            "2020",
            "2020-01-01 invoice I1 cora 900.00 due:2099-12-31\n2020-01-01 invoice I2 cora 200.00 USD due:2099-12-31\n",
        );
        if rates {
            book.file("rates/2020.rates", "2020-01-01 EUR USD 1.25\n")
        } else {
            book
        }
    };
    // 200.00 USD is 160.00 EUR: 900.00 + 160.00 is over the limit before anything is added.
    let output = make(true)
        .folio(&["invoice", "cora", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("of which 160.00 converted"), "{stderr}");
    let output = make(false)
        .folio(&["invoice", "cora", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn the_html_report_shows_the_converted_totals_of_balance() {
    let book = book();
    let balance = converted(&book, &["balance", "--as-of", AS_OF]);
    let total = split(&balance, &["balance"]).1[0]["balance_eur"].clone();
    let payables = converted(&book, &["balance", "--payables", "--as-of", AS_OF]);
    assert_eq!(payables, serde_json::json!([]));
    let site = book.path().join("site");
    let plain_site = book.path().join("plain");
    book.stdout(&[
        "report",
        "html",
        "--as-of",
        AS_OF,
        "--convert",
        "EUR",
        "--out",
        site.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(site.join("index.html")).unwrap();
    let wanted = format!(
        "id=\"receivables-converted\" data-value=\"{}\"",
        total.as_str().unwrap()
    );
    assert!(page.contains(&wanted), "{wanted}");
    assert!(page.contains("quote 2026-02-15 EUR USD 1.0843"));
    book.stdout(&[
        "report",
        "html",
        "--as-of",
        AS_OF,
        "--out",
        plain_site.to_str().unwrap(),
    ]);
    let plain = std::fs::read_to_string(plain_site.join("index.html")).unwrap();
    assert!(!plain.contains("converted"));
}

/// A quote of a random book: `DATE FROM TO RATE` with EUR on one side.
struct RandomQuote {
    date: chrono::NaiveDate,
    /// The other currency.
    currency: &'static str,
    /// Written `CURRENCY EUR rate` (true) or `EUR CURRENCY rate` (false).
    to_eur: bool,
    rate: Decimal,
}

/// `amount` of `currency` in EUR on `as_of` as docs/format.md defines it, from the quotes: the
/// latest on or before the day of either direction (the `CURRENCY EUR` one on a tie), applied as
/// written (multiply) or inverted (divide), rounded half away from zero to the cent.
fn reference_to_eur(
    quotes: &[RandomQuote],
    amount: Decimal,
    currency: &str,
    as_of: chrono::NaiveDate,
) -> Decimal {
    if currency == "EUR" {
        return amount;
    }
    let quote = quotes
        .iter()
        .filter(|q| q.currency == currency && q.date <= as_of)
        .max_by_key(|q| (q.date, q.to_eur))
        .expect("the generator quotes every currency before any entry");
    let exact = if quote.to_eur {
        amount * quote.rate
    } else {
        amount / quote.rate
    };
    exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn randomized_books_total_the_rows_converted_one_by_one() {
    use rand::{Rng, SeedableRng};
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let day = |n: u64| start.checked_add_days(chrono::Days::new(n)).unwrap();
    for seed in 0..12u64 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let currencies = ["USD", "GBP", "JPY", "CHF"];
        let mut quotes = Vec::new();
        let mut rates_file = String::new();
        for currency in currencies {
            for n in 0..rng.random_range(1..5u64) {
                // The first quote of each currency on day 0, before any entry.
                let date = if n == 0 {
                    day(0)
                } else {
                    day(rng.random_range(0..120))
                };
                let to_eur = rng.random_bool(0.5);
                let rate = Decimal::new(rng.random_range(1..2_000_000), 4);
                let (from, to) = if to_eur {
                    (currency, "EUR")
                } else {
                    ("EUR", currency)
                };
                let repeated = quotes.iter().any(|q: &RandomQuote| {
                    q.date == date && q.currency == currency && q.to_eur == to_eur
                });
                if repeated {
                    continue;
                }
                rates_file.push_str(&format!("{date} {from} {to} {rate}\n"));
                quotes.push(RandomQuote {
                    date,
                    currency,
                    to_eur,
                    rate,
                });
            }
        }
        let mut journal = String::new();
        let mut book = TestBook::new().file("rates/r.rates", &rates_file);
        for c in 0..6 {
            book = book.customer(&format!("c{c}"));
        }
        for n in 0..40 {
            let currency = ["EUR", "USD", "GBP", "JPY", "CHF"][rng.random_range(0..5)];
            let amount = if currency == "JPY" {
                Decimal::new(rng.random_range(1..500_000), 0)
            } else {
                Decimal::new(rng.random_range(1..5_000_000), 2)
            };
            let kind = if rng.random_bool(0.7) {
                "invoice"
            } else {
                "payment"
            };
            journal.push_str(&format!(
                "{} {kind} E{n} c{} {amount} {currency}\n",
                day(rng.random_range(1..100)),
                rng.random_range(0..6)
            ));
        }
        let book = book.journal("2026", &journal);
        let as_of = day(rng.random_range(60..150));
        let json = book.json(&["balance", "--as-of", &as_of.to_string(), "--convert", "EUR"]);
        let (rows, totals) = split(&json, &["balance"]);
        let mut sum = Decimal::ZERO;
        for row in &rows {
            let currency = row["currency"].as_str().unwrap();
            let own = amount(&row["balance"]).unwrap();
            let want = reference_to_eur(&quotes, own, currency, as_of);
            assert_eq!(
                amount(&row["balance_eur"]),
                Some(want),
                "seed {seed}: {row}\n{rates_file}"
            );
            sum += want;
        }
        assert_eq!(totals.len(), 1, "seed {seed}");
        assert_eq!(amount(&totals[0]["balance_eur"]), Some(sum), "seed {seed}");
    }
}
