//! `folio export contacts|entries`: CSV safety, JSON and vCard, and the double-entry exports
//! checked against ledger, hledger and beancount when they are installed.

use crate::util::{TestBook, repo_root};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn demo() -> TestBook {
    let book = TestBook::new();
    copy_dir(&repo_root().join("examples/demo"), book.path());
    book
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).unwrap();
        }
    }
}

/// True when `program --version` runs ([`crate::util::tool`]).
pub(crate) fn installed(program: &str) -> bool {
    let package = match program {
        "ledger" | "hledger" => "apt-get install ledger hledger",
        _ => "pip install beancount beanquery",
    };
    crate::util::tool(program, "--version", package)
}

#[test]
fn formula_looking_names_are_neutralised_in_csv_unless_raw() {
    let book = TestBook::new()
        .contact(
            "evil",
            "name = \"=HYPERLINK(\\\"http://x.example\\\",\\\"Click\\\")\"\nphone = \"+32 2 555 01 23\"\n",
        )
        .contact("acme", "name = \"@Acme\"\ntags = [\"-vip\"]\n")
        .journal(
            "2026",
            "2026-01-15 invoice INV-1 acme 1210.00 ; =1+2\n2026-01-20 credit CN-1 acme 10 ref:INV-1 ; -minus\n",
        );
    let csv = book.stdout(&["export", "contacts"]);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Click\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'@Acme,"), "{csv}");
    assert!(csv.contains(",'+32 2 555 01 23,"), "{csv}");
    assert!(csv.contains(",'-vip,"), "{csv}");
    let raw = book.stdout(&["export", "contacts", "--raw"]);
    assert!(raw.contains("\"=HYPERLINK("), "{raw}");
    let entries = book.stdout(&["export", "entries", "--as-of", "2026-12-31"]);
    let lines: Vec<&str> = entries.lines().collect();
    assert_eq!(
        lines[0],
        "date,kind,id,contact,amount,currency,due,ref,memo,meta"
    );
    assert_eq!(
        lines[1],
        "2026-01-15,invoice,INV-1,acme,1210.00,EUR,2026-02-14,,'=1+2,"
    );
    // Amounts stay numbers; the memo is neutralised.
    assert_eq!(
        lines[2],
        "2026-01-20,credit,CN-1,acme,10.00,EUR,,INV-1,'-minus,"
    );
}

#[test]
fn json_and_vcard_exports() {
    let book = demo();
    let contacts: serde_json::Value =
        serde_json::from_str(&book.stdout(&["export", "contacts", "--format", "json"])).unwrap();
    let list = contacts.as_array().unwrap();
    assert_eq!(list.len(), 31);
    let hudson = list.iter().find(|c| c["id"] == "hudson-loft").unwrap();
    assert_eq!(hudson["currency"], "USD");
    assert_eq!(hudson["credit_limit"], "25000.00");
    assert_eq!(hudson["address"]["region"], "NY");
    let entries: serde_json::Value = serde_json::from_str(&book.stdout(&[
        "export",
        "entries",
        "--format",
        "json",
        "--as-of",
        "2026-01-31",
    ]))
    .unwrap();
    let first = &entries[0];
    assert_eq!(first["id"], "LOY-2025-12");
    assert_eq!(first["amount"], "3850.00");
    assert_eq!(first["due"], "2025-12-05");
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["date"].as_str().unwrap() <= "2026-01-31")
    );
    let payment = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "PAY-2026-0001")
        .unwrap();
    assert_eq!(payment["ref"], "INV-2025-0006");
    assert_eq!(payment["meta"]["method"], "bank");

    let cards = book.stdout(&["export", "contacts", "--format", "vcard"]);
    let parsed = vcard4::parse(&cards).expect("valid vCard 4.0");
    assert_eq!(parsed.len(), 31);
    assert!(cards.contains("X-FOLIO-CONTACT:hudson-loft\r\n"));
    assert!(cards.lines().all(|l| l.len() <= 75));
}

/// `folio balance --format json` as (contact, currency) -> balance, zero balances left out.
fn folio_balances(
    book: &TestBook,
    payables: bool,
    as_of: &str,
) -> BTreeMap<(String, String), String> {
    let mut args = vec!["balance", "--as-of", as_of];
    if payables {
        args.push("--payables");
    }
    let rows = book.json(&args);
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["balance"] != "0.00")
        .map(|r| {
            let mut balance = r["balance"].as_str().unwrap().to_string();
            if payables {
                balance = match balance.strip_prefix('-') {
                    Some(positive) => positive.to_string(),
                    None => format!("-{balance}"),
                };
            }
            (
                (
                    r["contact"].as_str().unwrap().to_string(),
                    r["currency"].as_str().unwrap().to_string(),
                ),
                balance,
            )
        })
        .collect()
}

/// An amount as folio writes it: two decimals at least.
fn canonical(amount: &str) -> String {
    let amount = amount.replace(',', "");
    let (int, frac) = amount.split_once('.').unwrap_or((&amount, ""));
    let mut frac = frac.trim_end_matches('0').to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    format!("{int}.{frac}")
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `ledger bal --flat` output: amounts stacked above the account they belong to.
fn ledger_balances(file: &Path, parent: &str) -> BTreeMap<(String, String), String> {
    ledger_balances_with(file, parent, &[])
}

/// [`ledger_balances`] with more options, such as a period (`-b`, `-e`).
fn ledger_balances_with(
    file: &Path,
    parent: &str,
    options: &[&str],
) -> BTreeMap<(String, String), String> {
    let args = [
        &["-f", file.to_str().unwrap(), "bal", "--flat", "--no-total"][..],
        options,
        &[parent],
    ]
    .concat();
    let text = run("ledger", &args);
    let mut out = BTreeMap::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.len() >= 2 && tokens[0] != "0" {
            pending.push((tokens[0].to_string(), tokens[1].to_string()));
        }
        if let Some(account) = tokens.last().filter(|t| t.contains(':')) {
            let contact = account.rsplit(':').next().unwrap().to_string();
            for (amount, commodity) in pending.drain(..) {
                out.insert((contact.clone(), commodity), canonical(&amount));
            }
        }
    }
    out
}

fn hledger_balances(file: &Path, parent: &str) -> BTreeMap<(String, String), String> {
    hledger_balances_with(file, parent, &[])
}

/// [`hledger_balances`] with more options, such as a period (`-b`, `-e`).
fn hledger_balances_with(
    file: &Path,
    parent: &str,
    options: &[&str],
) -> BTreeMap<(String, String), String> {
    let args = [
        &[
            "-f",
            file.to_str().unwrap(),
            "bal",
            parent,
            "-O",
            "csv",
            "--no-total",
            "--layout=bare",
        ][..],
        options,
    ]
    .concat();
    let text = run("hledger", &args);
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<String> = line
                .split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect();
            let contact = cells[0].rsplit(':').next().unwrap().to_string();
            ((contact, cells[1].clone()), canonical(&cells[2]))
        })
        .filter(|(_, amount)| amount != "0.00")
        .collect()
}

/// Back from a beancount account component to the contact id.
fn contact_of_component(component: &str) -> String {
    let mut out = String::new();
    for (i, c) in component.chars().enumerate() {
        match c {
            'D' if i > 0 => out.push('.'),
            'U' if i > 0 => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn beancount_balances(file: &Path, parent: &str) -> BTreeMap<(String, String), String> {
    beancount_balances_where(file, &format!("account ~ '^{parent}:'"))
}

/// [`beancount_balances`] of the postings `condition` selects.
fn beancount_balances_where(file: &Path, condition: &str) -> BTreeMap<(String, String), String> {
    let query = format!(
        "SELECT account, currency, sum(number) AS total WHERE {condition} GROUP BY account, currency"
    );
    let text = run("bean-query", &["-f", "csv", file.to_str().unwrap(), &query]);
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let contact = contact_of_component(cells[0].rsplit(':').next().unwrap());
            ((contact, cells[1].to_string()), canonical(cells[2]))
        })
        .filter(|(_, amount)| amount != "0.00" && amount != "-0.00")
        .collect()
}

/// A book with what the demo lacks: a contact trading in two currencies on both sides, and ids
/// with `.` and `_`.
fn varied() -> TestBook {
    demo()
        .contact(
            "a.b_c",
            "name = \"Dotted & Underscored\"\nroles = [\"customer\", \"supplier\"]\n",
        )
        .journal(
            "2099-extra",
            "2026-02-01 invoice X-1 a.b_c 100.10 USD ; \"quoted\" memo; [bracket] | bar\n\
             2026-02-02 invoice X-2 a.b_c 50 EUR\n\
             2026-02-03 payment X-3 a.b_c 20.5 USD ref:X-1\n\
             2026-02-04 bill X-4 a.b_c 999.9999 EUR po:77\n\
             2026-12-30 bill X-5 a.b_c 1 EUR\n",
        )
}

#[test]
fn ledger_and_hledger_balances_equal_folio_balance() {
    let book = varied();
    for as_of in ["2026-03-31", "2026-11-25", "2026-12-31"] {
        let file = book.path().join(format!("export-{as_of}.ledger"));
        let text = book.stdout(&["export", "entries", "--format", "ledger", "--as-of", as_of]);
        std::fs::write(&file, text).unwrap();
        let receivables = folio_balances(&book, false, as_of);
        let payables = folio_balances(&book, true, as_of);
        assert!(!receivables.is_empty() && !payables.is_empty());
        if installed("ledger") {
            assert_eq!(
                ledger_balances(&file, "Receivables"),
                receivables,
                "ledger, {as_of}"
            );
            assert_eq!(
                ledger_balances(&file, "Payables"),
                payables,
                "ledger payables, {as_of}"
            );
        }
        if installed("hledger") {
            assert_eq!(
                hledger_balances(&file, "Receivables"),
                receivables,
                "hledger, {as_of}"
            );
            assert_eq!(
                hledger_balances(&file, "Payables"),
                payables,
                "hledger payables, {as_of}"
            );
        }
    }
}

#[test]
fn beancount_export_passes_bean_check_with_folio_balances() {
    let book = varied();
    let as_of = "2026-11-25";
    let file = book.path().join("export.beancount");
    let text = book.stdout(&[
        "export",
        "entries",
        "--format",
        "beancount",
        "--as-of",
        as_of,
    ]);
    assert!(text.contains("open Assets:Receivables:ADbUc"), "{text}");
    std::fs::write(&file, text).unwrap();
    if installed("bean-check") {
        run("bean-check", &[file.to_str().unwrap()]);
    }
    if installed("bean-query") {
        assert_eq!(
            beancount_balances(&file, "Assets:Receivables"),
            folio_balances(&book, false, as_of)
        );
        assert_eq!(
            beancount_balances(&file, "Liabilities:Payables"),
            folio_balances(&book, true, as_of)
        );
    }
}

#[test]
fn exported_contacts_import_back_the_same() {
    let book = demo();
    let csv = book.path().join("contacts.csv");
    std::fs::write(&csv, book.stdout(&["export", "contacts"])).unwrap();
    let fresh = TestBook::new();
    let out = fresh.stdout(&["import", "contacts", csv.to_str().unwrap()]);
    assert!(
        out.ends_with("31 created, 0 updated, 0 unchanged, 0 invalid\n"),
        "{out}"
    );
    assert_eq!(
        fresh.stdout(&["export", "contacts"]),
        book.stdout(&["export", "contacts"])
    );
    // The same import again, into the book it came from, changes nothing.
    let out = book.stdout(&["import", "contacts", csv.to_str().unwrap()]);
    assert!(
        out.ends_with("0 created, 0 updated, 31 unchanged, 0 invalid\n"),
        "{out}"
    );
}

/// Entries whose memos look like tags to hledger (`word:`) or ledger (a first word ending in `:`,
/// `:a:b:`), with the tags folio itself writes for each.
/// Each entry: id, kind, memo, tag names.
type MemoCase = (&'static str, &'static str, &'static str, Vec<&'static str>);

fn memos_like_tags() -> (TestBook, Vec<MemoCase>) {
    let book = TestBook::new().customer("acme").journal(
        "2026",
        "2026-01-15 invoice INV-1 acme 100 po:77 ; phase 1: design\n\
         2026-01-16 invoice INV-2 acme 50 ; kind: refund\n\
         2026-01-20 payment PAY-1 acme 100 ref:INV-1 ; see ref:INV-1\n\
         2026-01-21 credit CN-1 acme 10 ref:INV-2 ; a:b c: d\n\
         2026-01-22 invoice INV-3 acme 5 ; :urgent:late: call at 10:30, https://x.example\n",
    );
    let expected = vec![
        (
            "INV-1",
            "invoice",
            "phase 1: design",
            vec!["contact", "due", "kind", "po"],
        ),
        (
            "INV-2",
            "invoice",
            "kind: refund",
            vec!["contact", "due", "kind"],
        ),
        (
            "PAY-1",
            "payment",
            "see ref:INV-1",
            vec!["contact", "kind", "ref"],
        ),
        ("CN-1", "credit", "a:b c: d", vec!["contact", "kind", "ref"]),
        (
            "INV-3",
            "invoice",
            ":urgent:late: call at 10:30, https://x.example",
            vec!["contact", "due", "kind"],
        ),
    ];
    (book, expected)
}

/// Every word of `memo`, in order, in `note` (which may have spaces added before colons).
fn keeps_words(note: &str, memo: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(note).contains(&squeeze(memo))
}

#[test]
fn memos_that_look_like_tags_stay_comments_in_hledger_and_ledger() {
    let (book, expected) = memos_like_tags();
    let file = book.path().join("export.ledger");
    let text = book.stdout(&[
        "export",
        "entries",
        "--format",
        "ledger",
        "--as-of",
        "2026-12-31",
    ]);
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    if installed("hledger") {
        let printed: serde_json::Value =
            serde_json::from_str(&run("hledger", &["-f", path, "print", "-O", "json"])).unwrap();
        for (id, _, memo, tags) in &expected {
            let txn = printed
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["tcode"] == *id)
                .unwrap();
            let mut names: Vec<&str> = txn["ttags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t[0].as_str().unwrap())
                .collect();
            names.sort_unstable();
            assert_eq!(&names, tags, "hledger tags of {id}: {txn}");
            let kind = txn["ttags"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t[0] == "kind");
            assert_ne!(kind.unwrap()[1], "refund", "{id}");
            assert!(
                keeps_words(txn["tcomment"].as_str().unwrap(), memo),
                "{id}: {txn}"
            );
        }
        let listed = run("hledger", &["-f", path, "tags"]);
        let mut all: Vec<&str> = listed.lines().collect();
        all.sort_unstable();
        assert_eq!(all, ["contact", "due", "kind", "po", "ref"]);
    }
    if installed("ledger") {
        let names = run("ledger", &["-f", path, "tags"]);
        assert_eq!(
            names.lines().collect::<Vec<_>>(),
            ["contact", "due", "kind", "po", "ref"]
        );
        let kinds = run(
            "ledger",
            &[
                "-f",
                path,
                "reg",
                "Receivables",
                "--format",
                "%(code) %(tag(\"kind\"))|%(note)\n",
            ],
        );
        for (id, kind, memo, _) in &expected {
            let line = kinds
                .lines()
                .find(|l| l.starts_with(&format!("{id} ")))
                .unwrap();
            let (code_kind, note) = line.split_once('|').unwrap();
            assert_eq!(code_kind, format!("{id} {kind}"), "ledger: {kinds}");
            assert!(keeps_words(note, memo), "ledger note of {id}: {note}");
        }
    }
}

#[test]
fn memos_that_look_like_tags_stay_narration_in_beancount() {
    let (book, expected) = memos_like_tags();
    let file = book.path().join("export.beancount");
    let text = book.stdout(&[
        "export",
        "entries",
        "--format",
        "beancount",
        "--as-of",
        "2026-12-31",
    ]);
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    if installed("bean-check") {
        run("bean-check", &[path]);
    }
    if installed("bean-query") {
        let rows = run(
            "bean-query",
            &[
                "-f",
                "csv",
                path,
                "SELECT entry_meta('document'), entry_meta('kind'), narration, tags WHERE account ~ 'Receivables'",
            ],
        );
        for (id, kind, memo, _) in &expected {
            let row = rows
                .lines()
                .find(|l| l.starts_with(&format!("{id},")))
                .unwrap();
            let (narration, tags) = row[id.len() + 1..]
                .strip_prefix(&format!("{kind},"))
                .and_then(|rest| rest.rsplit_once(','))
                .unwrap_or_else(|| panic!("one {kind} and no second kind: {row}"));
            assert_eq!(narration.trim_matches('"'), *memo, "{row}");
            assert_eq!(tags, "", "{row}");
        }
    }
}

fn record(book: &TestBook, date: &str, args: &[&str]) {
    book.stdout(&[args, &["--date", date]].concat());
}

/// An item's arguments: description, quantity, price, VAT rate.
fn item(
    name: &'static str,
    qty: &'static str,
    price: &'static str,
    vat: &'static str,
) -> [&'static str; 8] {
    ["--item", name, "--qty", qty, "--price", price, "--vat", vat]
}

/// A book whose VAT comes from every source folio knows: invoices and credit notes with items at
/// 21 %, 6 % and reverse charge, bare `--vat 21` and `--vat 0/AE` entries in EUR and USD, bills
/// and debit notes with `--vat`, received bills with `base-`/`vat-` metadata (one with 50.00
/// prepaid, so its breakdown is above its amount), an invoice and a bill without VAT
/// information, and a payment, a refund and a payout; across the third and fourth quarters.
fn vat_book() -> TestBook {
    let book = crate::documents::book()
        .contact("paper", "name = \"Papeterie\"\nroles = [\"supplier\"]\n")
        .journal(
            "received",
            "2026-08-12 bill RB-1 paper 71.00 base-S-21:100.00 vat-S-21:21.00 ; 50.00 prepaid\n\
             2026-10-13 bill RB-2 paper 80.00 base-S-6:47.17 vat-S-6:2.83 base-AE-0:30.00 vat-AE-0:0.00\n",
        );
    let invoice = [
        &["invoice", "sablon", "--id", "I1"][..],
        &item("Consulting", "10", "120", "21"),
        &item("Handbook", "1", "40", "6"),
    ]
    .concat();
    record(&book, "2026-07-10", &invoice);
    let reverse = [
        &["invoice", "northwind", "--id", "I2", "--buyer-ref", "NW-1"][..],
        &item("Consulting", "1", "500", "0"),
        &["--exempt", "VATEX-EU-AE"],
    ]
    .concat();
    record(&book, "2026-08-01", &reverse);
    let credit = |id: &'static str| {
        [
            &["credit-note", "--ref", "I1", "--id", id][..],
            &item("Consulting", "1", "120", "21"),
        ]
        .concat()
    };
    record(&book, "2026-09-05", &credit("C1"));
    record(&book, "2026-10-02", &credit("C2"));
    let bare: [(&str, &[&str]); 14] = [
        (
            "2026-07-20",
            &["invoice", "sablon", "121.00", "--vat", "21"],
        ),
        (
            "2026-07-22",
            &["invoice", "northwind", "500.00", "--vat", "0/AE"],
        ),
        (
            "2026-07-30",
            &[
                "invoice",
                "sablon",
                "242.00",
                "--vat",
                "21",
                "--currency",
                "USD",
            ],
        ),
        (
            "2026-08-03",
            &["invoice", "sablon", "80.00", "--id", "I-NOVAT"],
        ),
        (
            "2026-09-06",
            &["credit-note", "sablon", "12.10", "--vat", "21"],
        ),
        ("2026-07-05", &["bill", "paper", "100.00", "--vat", "21"]),
        ("2026-08-05", &["bill", "paper", "242.00", "--vat", "21"]),
        (
            "2026-08-06",
            &["bill", "paper", "1000.00", "--vat", "0/AE", "--id", "B-AE"],
        ),
        ("2026-08-20", &["bill", "paper", "50.00", "--id", "B-NOVAT"]),
        (
            "2026-09-10",
            &["debit-note", "paper", "12.10", "--vat", "21"],
        ),
        (
            "2026-10-03",
            &["debit-note", "paper", "24.20", "--vat", "21"],
        ),
        (
            "2026-09-01",
            &["payment", "sablon", "500.00", "--id", "PAY-1"],
        ),
        (
            "2026-09-15",
            &["refund", "sablon", "10.00", "--id", "REF-1"],
        ),
        (
            "2026-09-20",
            &["payout", "paper", "100.00", "--id", "OUT-1"],
        ),
    ];
    for (date, args) in bare {
        record(&book, date, args);
    }
    book
}

/// The export of `book` in `format` as of the end of 2026, written to a file in the book.
fn exported(book: &TestBook, format: &str) -> std::path::PathBuf {
    let file = book.path().join(format!("export.{format}"));
    let text = book.stdout(&[
        "export",
        "entries",
        "--format",
        format,
        "--as-of",
        "2026-12-31",
    ]);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_vat_export_is_accepted_by_every_tool_with_folio_balances_per_contact() {
    let book = vat_book();
    let ledger = exported(&book, "ledger");
    // `--format hledger` names the same journal for hledger users.
    let hledger = exported(&book, "hledger");
    assert_eq!(
        std::fs::read_to_string(&hledger).unwrap(),
        std::fs::read_to_string(&ledger).unwrap()
    );
    let beancount = exported(&book, "beancount");
    // Every transaction balances: the tools refuse one that does not (the VAT postings all have
    // their amounts written), and bean-check checks each.
    if installed("bean-check") {
        run("bean-check", &[beancount.to_str().unwrap()]);
    }
    for as_of in ["2026-08-31", "2026-12-31"] {
        let receivables = folio_balances(&book, false, as_of);
        let payables = folio_balances(&book, true, as_of);
        assert!(!receivables.is_empty() && !payables.is_empty());
        let end = ["-e", &next_day(as_of)];
        if installed("ledger") {
            assert_eq!(
                ledger_balances_with(&ledger, "Receivables", &end),
                receivables
            );
            assert_eq!(ledger_balances_with(&ledger, "Payables", &end), payables);
        }
        if installed("hledger") {
            assert_eq!(
                hledger_balances_with(&hledger, "Receivables", &end),
                receivables
            );
            assert_eq!(hledger_balances_with(&hledger, "Payables", &end), payables);
        }
        if installed("bean-query") {
            let upto = |parent: &str| format!("account ~ '^{parent}:' AND date <= {as_of}");
            assert_eq!(
                beancount_balances_where(&beancount, &upto("Assets:Receivables")),
                receivables
            );
            assert_eq!(
                beancount_balances_where(&beancount, &upto("Liabilities:Payables")),
                payables
            );
        }
    }
}

/// The day after `date` (YYYY-MM-DD), for the tools' exclusive end dates.
fn next_day(date: &str) -> String {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    day.succ_opt().unwrap().to_string()
}

/// `folio vat --period P --format json`: the VAT (or net) of one side, per currency, summed over
/// its rows, zero totals left out, with `sign` applied.
fn folio_vat(
    book: &TestBook,
    period: &str,
    side: &str,
    key: &str,
    sign: Decimal,
) -> BTreeMap<String, String> {
    let rows = book.json(&["vat", "--period", period]);
    let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
    for row in rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["side"] == side)
    {
        let amount: Decimal = row[key].as_str().unwrap().parse().unwrap();
        *totals
            .entry(row["currency"].as_str().unwrap().to_string())
            .or_default() += amount * sign;
    }
    totals
        .into_iter()
        .filter(|(_, total)| !total.is_zero())
        .map(|(currency, total)| (currency, canonical(&total.to_string())))
        .collect()
}

/// Tool balances of one account, keyed by currency only.
fn by_currency(balances: BTreeMap<(String, String), String>) -> BTreeMap<String, String> {
    balances
        .into_iter()
        .map(|((_, currency), amount)| (currency, amount))
        .collect()
}

#[test]
fn the_vat_accounts_over_a_period_equal_folio_vat() {
    let book = vat_book();
    let ledger = exported(&book, "ledger");
    let beancount = exported(&book, "beancount");
    let minus = -Decimal::ONE;
    for (period, from, to) in [
        ("2026-Q3", "2026-07-01", "2026-09-30"),
        ("2026-10", "2026-10-01", "2026-10-31"),
        ("2026", "2026-01-01", "2026-12-31"),
    ] {
        // Output VAT is a liability: its balance is minus the VAT on sales.
        let sales = folio_vat(&book, period, "sales", "vat", minus);
        let purchases = folio_vat(&book, period, "purchases", "vat", Decimal::ONE);
        assert!(!sales.is_empty() && !purchases.is_empty(), "{period}");
        let dates = ["-b", from, "-e", &next_day(to)];
        let output = "^Liabilities:VAT:Output$";
        let input = "^Assets:VAT:Input$";
        if installed("ledger") {
            let balance = |account| by_currency(ledger_balances_with(&ledger, account, &dates));
            assert_eq!(balance(output), sales, "ledger, {period}");
            assert_eq!(balance(input), purchases, "ledger, {period}");
        }
        if installed("hledger") {
            let balance = |account| by_currency(hledger_balances_with(&ledger, account, &dates));
            assert_eq!(balance(output), sales, "hledger, {period}");
            assert_eq!(balance(input), purchases, "hledger, {period}");
        }
        if installed("bean-query") {
            let balance = |account: &str| {
                by_currency(beancount_balances_where(
                    &beancount,
                    &format!("account = '{account}' AND date >= {from} AND date <= {to}"),
                ))
            };
            assert_eq!(
                balance("Liabilities:VAT:Output"),
                sales,
                "beancount, {period}"
            );
            assert_eq!(
                balance("Assets:VAT:Input"),
                purchases,
                "beancount, {period}"
            );
        }
    }
}

#[test]
fn sales_and_purchases_take_the_net_and_what_has_no_vat_information() {
    let book = vat_book();
    let ledger = exported(&book, "ledger");
    if !installed("ledger") {
        return;
    }
    let dates = ["-b", "2026-07-01", "-e", "2026-10-01"];
    let balance = |account| by_currency(ledger_balances_with(&ledger, account, &dates));
    // Income is a credit: minus the net of folio vat's sales, and minus I-NOVAT's 80.00 in EUR.
    let mut sales = folio_vat(&book, "2026-Q3", "sales", "net", -Decimal::ONE);
    let eur = sales["EUR"].parse::<Decimal>().unwrap() - Decimal::new(8000, 2);
    sales.insert("EUR".to_string(), canonical(&eur.to_string()));
    assert_eq!(balance("^Income:Sales$"), sales);
    // Purchases: the net of folio vat's purchases, B-NOVAT's 50.00, and RB-1's 71.00 minus its
    // breakdown of 100.00 + 21.00, that is -50.00: the two cancel.
    let purchases = folio_vat(&book, "2026-Q3", "purchases", "net", Decimal::ONE);
    assert_eq!(balance("^Expenses:Purchases$"), purchases);
}

#[test]
fn entries_without_vat_keep_one_counter_posting_and_zero_vat_is_not_posted() {
    let book = vat_book();
    let text = std::fs::read_to_string(exported(&book, "ledger")).unwrap();
    let mut elided = Vec::new();
    let mut blocks = BTreeMap::new();
    for block in text.split("\n\n").skip(1) {
        let id = block.split(['(', ')']).nth(1).unwrap().to_string();
        let postings: Vec<&str> = block
            .lines()
            .skip(1)
            .filter(|l| !l.trim_start().starts_with(';'))
            .collect();
        if postings.iter().any(|p| !p.trim().contains("  ")) {
            elided.push(id.clone());
        }
        blocks.insert(id, postings);
    }
    elided.sort();
    assert_eq!(elided, ["B-NOVAT", "I-NOVAT", "OUT-1", "PAY-1", "REF-1"]);
    // Reverse charge: the whole 1000.00 is net, and no VAT posting of 0.00 is written.
    assert_eq!(
        blocks["B-AE"],
        [
            "    Liabilities:Payables:paper  -1000.00 EUR",
            "    Expenses:Purchases  1000.00 EUR  ; VAT AE 0%",
        ]
    );
    // RB-1: 71.00 owed against 100.00 + 21.00; the -50.00 is on purchases, with a note.
    assert!(
        blocks["RB-1"].contains(
            &"    Expenses:Purchases  -50.00 EUR  ; amount minus the VAT breakdown (a prepaid amount or rounding)"
        ),
        "{:?}",
        blocks["RB-1"]
    );
}

/// Every account of `[export.accounts]` renamed, with digits and `-` where beancount allows them.
const RENAMED: &str = "\n[export.accounts]\nsales = \"Income:Revenue:Services\"\n\
    purchases = \"Expenses:Cost-of-Sales\"\nbank = \"Assets:Current:KBC-1\"\n\
    receivables = \"Assets:Debtors\"\npayables = \"Liabilities:Creditors\"\n\
    output_vat = \"Liabilities:Tax:VAT-Due\"\ninput_vat = \"Assets:Tax:VAT-Deductible\"\n";

#[test]
fn export_accounts_rename_every_account_of_the_ledger_and_beancount_exports() {
    let config = format!("{}{RENAMED}", crate::documents::COMPANY);
    let book = vat_book().file("folio.toml", &config);
    let ledger = exported(&book, "ledger");
    let beancount = exported(&book, "beancount");
    for file in [&ledger, &beancount] {
        let text = std::fs::read_to_string(file).unwrap();
        for default in [
            "Income:Sales",
            "Expenses:Purchases",
            "Assets:Bank",
            "Assets:Receivables",
            "Liabilities:Payables",
            "Liabilities:VAT",
            "Assets:VAT",
        ] {
            assert!(!text.contains(default), "{default} in {file:?}");
        }
    }
    if installed("bean-check") {
        run("bean-check", &[beancount.to_str().unwrap()]);
    }
    let as_of = "2026-12-31";
    if installed("hledger") {
        assert_eq!(
            hledger_balances(&ledger, "Debtors"),
            folio_balances(&book, false, as_of)
        );
        assert_eq!(
            hledger_balances(&ledger, "Creditors"),
            folio_balances(&book, true, as_of)
        );
        let dates = ["-b", "2026-07-01", "-e", "2026-10-01"];
        let balance = |account| by_currency(hledger_balances_with(&ledger, account, &dates));
        let minus = -Decimal::ONE;
        assert_eq!(
            balance("^Liabilities:Tax:VAT-Due$"),
            folio_vat(&book, "2026-Q3", "sales", "vat", minus)
        );
        assert_eq!(
            balance("^Assets:Tax:VAT-Deductible$"),
            folio_vat(&book, "2026-Q3", "purchases", "vat", Decimal::ONE)
        );
    }
}

#[test]
fn an_account_name_a_tool_would_not_read_is_refused_at_its_position() {
    let config = "name = \"T\"\ncurrency = \"EUR\"\n[export.accounts]\n\
        sales = \"Income:sales services\"\noutputvat = \"Liabilities:VAT\"\nbank = \"Bank:KBC\"\n\
        payables = \"Liabilities\"\n";
    let book = TestBook::with_config(config)
        .customer("acme")
        .journal("2026", "2026-01-15 invoice INV-1 acme 121.00 vat:21\n");
    let output = book
        .folio(&["export", "entries", "--format", "ledger"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(output.stdout.is_empty(), "nothing is written on refusal");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = "expected Assets, Liabilities, Equity, Income or Expenses, then one or more parts after `:`, each starting with a capital letter or a digit and holding only letters, digits and '-'";
    for line in [
        format!("folio.toml:4:9: error: invalid account name `Income:sales services`: {expected}"),
        "folio.toml:5:1: error: unknown key `outputvat` in [export.accounts]; did you mean `output_vat`?".to_string(),
        format!("folio.toml:6:8: error: invalid account name `Bank:KBC`: {expected}"),
        format!("folio.toml:7:12: error: invalid account name `Liabilities`: {expected}"),
    ] {
        assert!(stderr.contains(&line), "{line}\nnot in:\n{stderr}");
    }
}
