//! Properties of the ledger on random journals, through the library API (no binary): the
//! invariants every report relies on, checked by proptest, which shrinks a failing journal to a
//! minimal one.
//!
//! - sum of open items minus unapplied credits is the balance, for every account;
//! - moving lines between files that hold different dates changes no report;
//! - moving the as-of date forward never changes an earlier statement: its lines are a prefix;
//! - `fmt` (format_journal) then parse reads the same entries;
//! - `export entries` (CSV) then `import entries` gives the same entries.

use chrono::{Days, NaiveDate};
use folio::book::{Book, Location};
use folio::journal::Side;
use folio::ledger::Ledger;
use folio::report::aging::Buckets;
use folio::report::{self, Scope};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::path::Path;

/// The contacts of every random book: (id, currency written in its file, roles).
const CONTACTS: [(&str, Option<&str>, &str); 3] = [
    ("acme", None, "[\"customer\", \"supplier\"]"),
    ("beta", Some("USD"), "[\"customer\"]"),
    ("gamma", None, "[\"supplier\"]"),
];

/// Memos, with what a spreadsheet would take for a formula and what looks like CSV syntax.
const MEMOS: [&str; 6] = [
    "a memo; with ; semicolons",
    "=SUM(A1:A9)",
    "-10% discount",
    "+32 2 555 01 23",
    "@home, \"quoted\"",
    "Étienne 贝塔",
];

const KINDS: [&str; 7] = [
    "invoice", "refund", "payment", "credit", "bill", "payout", "debit",
];

/// One random entry, before ids and refs are resolved.
#[derive(Debug, Clone)]
struct Spec {
    kind: usize,
    contact: usize,
    /// Days after 2026-01-01.
    day: u64,
    /// Amount in ten-thousandths.
    amount: u64,
    /// How many decimals to write (the amount is rounded to them).
    decimals: u32,
    /// Write EUR or USD explicitly (acme only), else the default.
    currency: Option<bool>,
    /// `due:` so many days after the date, for invoices and bills.
    due: Option<u64>,
    /// Which compatible document `ref:` names, if any.
    reference: Option<usize>,
    /// A memo: none, or one of [`MEMOS`].
    memo: Option<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..KINDS.len(),
        0..CONTACTS.len(),
        0u64..365,
        1u64..2_000_000_000,
        0u32..=4,
        proptest::option::of(any::<bool>()),
        proptest::option::weighted(0.3, 0u64..90),
        proptest::option::weighted(0.6, 0usize..50),
        proptest::option::of(0..MEMOS.len()),
    )
        .prop_map(
            |(kind, contact, day, amount, decimals, currency, due, reference, memo)| Spec {
                kind,
                contact,
                day,
                amount,
                decimals,
                currency,
                due,
                reference,
                memo,
            },
        )
}

/// A resolved journal line and what the generator knows about it.
#[derive(Debug, Clone)]
struct Line {
    date: NaiveDate,
    text: String,
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// Turns specs into valid journal lines: kinds fit the contact's roles, refs name a document of
/// a kind this kind may refer to, of the same contact and currency.
fn lines(specs: &[Spec]) -> Vec<Line> {
    struct Doc {
        id: String,
        kind: &'static str,
        contact: &'static str,
        currency: &'static str,
    }
    let mut docs: Vec<Doc> = Vec::new();
    let mut plan = Vec::new();
    for (n, spec) in specs.iter().enumerate() {
        let (contact, default_currency, roles) = CONTACTS[spec.contact];
        let mut kind = KINDS[spec.kind];
        // Keep to the contact's side so `check --strict` would pass too.
        if roles == "[\"customer\"]" && spec.kind >= 4 {
            kind = KINDS[spec.kind - 4];
        }
        if roles == "[\"supplier\"]" && spec.kind < 4 {
            kind = KINDS[4 + spec.kind % 3];
        }
        let currency = match (contact, spec.currency) {
            ("acme", Some(true)) => "USD",
            _ => default_currency.unwrap_or("EUR"),
        };
        let explicit = contact == "acme" && spec.currency.is_some();
        let id = format!("{}-{n}", &kind[..3].to_uppercase());
        docs.push(Doc {
            id: id.clone(),
            kind,
            contact,
            currency,
        });
        plan.push((spec, kind, contact, currency, explicit, id));
    }
    plan.iter()
        .map(|(spec, kind, contact, currency, explicit, id)| {
            let date = start() + Days::new(spec.day);
            let scale = 4 - spec.decimals;
            let units = (spec.amount / 10u64.pow(scale)).max(1);
            let amount = Decimal::new(units as i64, spec.decimals);
            let mut text = format!("{date} {kind} {id} {contact} {amount}");
            if *explicit {
                text.push_str(&format!(" {currency}"));
            }
            if let (Some(days), "invoice" | "bill") = (spec.due, *kind) {
                text.push_str(&format!(" due:{}", date + Days::new(days)));
            }
            let targets: &[&str] = match *kind {
                "payment" | "credit" => &["invoice", "refund"],
                "refund" => &["payment", "credit"],
                "payout" | "debit" => &["bill"],
                _ => &[],
            };
            let compatible: Vec<&Doc> = docs
                .iter()
                .filter(|d| {
                    targets.contains(&d.kind)
                        && d.contact == *contact
                        && d.currency == *currency
                        && d.id != *id
                })
                .collect();
            if let (Some(choice), false) = (spec.reference, compatible.is_empty()) {
                text.push_str(&format!(
                    " ref:{}",
                    compatible[choice % compatible.len()].id
                ));
            }
            text.push_str(" po:7");
            if let Some(memo) = spec.memo {
                text.push_str(&format!(" ; {}", MEMOS[memo]));
            }
            Line { date, text }
        })
        .collect()
}

/// Writes a book whose journal files are `files` (name, lines) and loads it.
fn load(files: &[(String, String)]) -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("contacts")).unwrap();
    std::fs::create_dir_all(root.join("journal")).unwrap();
    std::fs::write(
        root.join("folio.toml"),
        "name = \"Properties\"\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    for (id, currency, roles) in CONTACTS {
        let mut text = format!("name = \"{id}\"\nroles = {roles}\n");
        if let Some(currency) = currency {
            text.push_str(&format!("currency = \"{currency}\"\n"));
        }
        std::fs::write(root.join(format!("contacts/{id}.toml")), text).unwrap();
    }
    for (name, text) in files {
        std::fs::write(root.join("journal").join(name), text).unwrap();
    }
    let book = match folio::checks::load_valid(&Location {
        root: root.to_path_buf(),
    }) {
        Ok(book) => book,
        Err(folio::Error::InvalidBook(problems)) => {
            let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
            panic!("the generated book is invalid:\n{}", shown.join("\n"));
        }
        Err(other) => panic!("{other}"),
    };
    (dir, book)
}

fn one_file(lines: &[Line]) -> Vec<(String, String)> {
    let text: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
    vec![("2026.journal".to_string(), text)]
}

fn scope(as_of: NaiveDate, side: Side) -> Scope {
    Scope {
        as_of,
        side,
        contact: None,
        currency: None,
        members: None,
    }
}

/// Every report that depends on journal order, as comparable values, as of `as_of`.
fn reports(book: &Book, as_of: NaiveDate) -> String {
    let buckets = Buckets::new(&[30, 60, 90]);
    let mut all = String::new();
    for side in [Side::Receivables, Side::Payables] {
        let ledger = Ledger::build(book, side, as_of, false);
        let scope = scope(as_of, side);
        all.push_str(&format!(
            "{:?}\n",
            report::balance::balance(book, &ledger, &scope)
        ));
        // Items and lines name their entries by index, which moving lines changes: they are
        // compared as shown, with the entry's document, dates and amounts.
        let aging = report::aging::aging(book, &ledger, &scope, &buckets, true);
        let items: Vec<_> = aging.items.iter().map(|i| i.item(book, &buckets)).collect();
        all.push_str(&format!("{:?} {:?} {items:?}\n", aging.rows, aging.totals));
        all.push_str(&format!(
            "{:?}\n",
            report::overdue::overdue(book, &ledger, &scope, 0)
        ));
        for contact in 0..book.contacts.len() as u32 {
            let statement =
                report::statement::statement(book, contact, side, None, as_of, &buckets);
            for section in &statement.currencies {
                let lines: Vec<_> = section.lines.iter().map(|l| l.line(book)).collect();
                let items: Vec<_> = (section.open_items.iter())
                    .map(|i| i.item(book, &buckets))
                    .collect();
                all.push_str(&format!(
                    "{} {} {} {} {:?} {lines:?} {items:?}\n",
                    section.currency,
                    section.opening,
                    section.closing,
                    statement.contact,
                    section.aging
                ));
            }
        }
    }
    all
}

fn as_of_dates() -> [NaiveDate; 4] {
    [
        start() + Days::new(40),
        start() + Days::new(180),
        start() + Days::new(364),
        start() + Days::new(800),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn open_items_minus_unapplied_credits_is_the_balance(
        specs in proptest::collection::vec(spec(), 1..60)
    ) {
        let (_dir, book) = load(&one_file(&lines(&specs)));
        for side in [Side::Receivables, Side::Payables] {
            for as_of in as_of_dates() {
                let ledger = Ledger::build(&book, side, as_of, true);
                for account in &ledger.accounts {
                    let open: Decimal = account.open_items.iter().map(|i| i.open).sum();
                    let unapplied: Decimal = account.unapplied.iter().map(|i| i.open).sum();
                    prop_assert_eq!(account.balance(), open - unapplied);
                    prop_assert!(account.open_items.is_empty() || account.unapplied.is_empty());
                    prop_assert!(account.open_items.iter().all(|i| i.open > Decimal::ZERO));
                    prop_assert!(account.unapplied.iter().all(|i| i.open > Decimal::ZERO));
                }
                let applied: Decimal = ledger.allocations().map(|a| a.amount).sum();
                prop_assert!(applied >= Decimal::ZERO);
            }
        }
    }

    #[test]
    fn moving_lines_between_files_of_different_dates_changes_no_report(
        specs in proptest::collection::vec(spec(), 1..60),
        names in proptest::collection::vec("[a-z]{1,6}", 12),
    ) {
        let lines = lines(&specs);
        let (_a, together) = load(&one_file(&lines));
        // One file per month, named at random: path order no longer follows dates.
        let mut by_month: Vec<(String, String)> = Vec::new();
        for month in 1..=12u32 {
            let text: String = lines
                .iter()
                .filter(|l| chrono::Datelike::month(&l.date) == month)
                .map(|l| format!("{}\n", l.text))
                .collect();
            by_month.push((format!("{}-{month}.journal", names[month as usize - 1]), text));
        }
        let (_b, split) = load(&by_month);
        for as_of in as_of_dates() {
            prop_assert_eq!(reports(&together, as_of), reports(&split, as_of));
        }
    }

    #[test]
    fn a_later_as_of_date_never_changes_an_earlier_statement(
        specs in proptest::collection::vec(spec(), 1..60),
        earlier in 0u64..400,
        later in 0u64..400,
    ) {
        let (earlier, later) = (earlier.min(later), earlier.max(later));
        let (_dir, book) = load(&one_file(&lines(&specs)));
        let buckets = Buckets::new(&[30, 60, 90]);
        let (d1, d2) = (start() + Days::new(earlier), start() + Days::new(later));
        for side in [Side::Receivables, Side::Payables] {
            for contact in 0..book.contacts.len() as u32 {
                let before = report::statement::statement(&book, contact, side, None, d1, &buckets);
                let after = report::statement::statement(&book, contact, side, None, d2, &buckets);
                for early in &before.currencies {
                    let late = after.currencies.iter().find(|c| c.currency == early.currency);
                    let late = late.expect("a currency with entries stays");
                    prop_assert_eq!(early.opening, late.opening);
                    prop_assert!(
                        late.lines.starts_with(&early.lines),
                        "statement to {} is not a prefix of the one to {}", d1, d2
                    );
                    let last = early.lines.last().map_or(early.opening, |l| l.balance);
                    prop_assert_eq!(last, early.closing);
                }
            }
        }
    }

    #[test]
    fn fmt_then_parse_reads_the_same_entries(
        specs in proptest::collection::vec(spec(), 1..40),
        spacing in proptest::collection::vec((0usize..4, any::<bool>()), 40),
    ) {
        // The same lines, laid out badly: tabs, runs of spaces, CRLF, a BOM, blank lines.
        let lines = lines(&specs);
        let mut messy = String::from("\u{feff}; entries\n\n\n");
        for (line, (gap, crlf)) in lines.iter().zip(spacing.iter().cycle()) {
            let sep = ["  ", "\t", " \t ", " "][*gap];
            messy.push_str(&line.text.replace(' ', sep));
            messy.push_str(if *crlf { "   \r\n" } else { "\n\n" });
        }
        let formatted = folio::journal::format::format_journal(&messy);
        prop_assert!(formatted.kept_lines.is_empty(), "{:?}", formatted.kept_lines);
        prop_assert_eq!(
            &folio::journal::format::format_journal(&formatted.text).text,
            &formatted.text,
            "fmt is idempotent"
        );
        let (_a, original) = load(&[("2026.journal".to_string(), messy)]);
        let (_b, tidy) = load(&[("2026.journal".to_string(), formatted.text)]);
        prop_assert_eq!(entries(&original), entries(&tidy));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// `folio export entries --format csv` then `folio import entries` into a book with the same
    /// contacts and no entries gives the same entries, memos that look like formulas included.
    #[test]
    fn export_then_import_is_the_identity(specs in proptest::collection::vec(spec(), 1..40)) {
        use folio::import::{entries as import, rules::EntryRules};
        use folio::input::csv as reader;
        let (_a, original) = load(&one_file(&lines(&specs)));
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let exported = folio::export::entries::Entries::new(&original, last);
        let mut csv = Vec::new();
        folio::output::render(
            &exported,
            folio::output::Format::Csv,
            folio::output::Style::default(),
            &mut csv,
        )
        .unwrap();
        let text = String::from_utf8(csv).unwrap();
        let table = reader::parse(&text, None, 0).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let (_b, empty) = load(&[]);
        let plan = import::plan(&empty, &table, &text, Path::new("export.csv"), &EntryRules::default())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert!(plan.problems.is_empty(), "{:?}\n{}", plan.problems, text);
        let files: Vec<(String, String)> = plan
            .files
            .iter()
            .map(|(path, lines)| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, lines.iter().map(|l| format!("{}\n", l.line)).collect())
            })
            .collect();
        let (_c, imported) = load(&files);
        prop_assert_eq!(entries(&original), entries(&imported));
    }
}

/// The entries of a book as text: everything an entry means, without where it sits.
fn entries(book: &Book) -> Vec<String> {
    book.entries
        .iter()
        .map(|e| {
            let reference = e
                .reference()
                .map(|r| book.entry_id(&book.entries[r as usize]));
            format!(
                "{} {:?} {} {} {} {} {} {:?} {:?} {:?}",
                e.date,
                e.kind,
                book.entry_id(e),
                book.entry_contact(e).id,
                e.amount.normalize(),
                e.currency,
                e.due,
                reference,
                book.entry_memo(e),
                folio::journal::parser::free_metadata(book.entry_line(e)),
            )
        })
        .collect()
}

#[test]
fn a_book_of_one_entry_loads() {
    // Guards the generator itself: its smallest output is a valid book.
    let specs = [Spec {
        kind: 0,
        contact: 0,
        day: 0,
        amount: 1,
        decimals: 4,
        currency: None,
        due: None,
        reference: None,
        memo: None,
    }];
    let (_dir, book) = load(&one_file(&lines(&specs)));
    assert_eq!(book.entries.len(), 1);
    assert!(Path::new(&book.root).exists());
}
