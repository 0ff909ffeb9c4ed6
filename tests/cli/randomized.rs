//! Randomized books, compared with the reference model in `reference.rs`.
//!
//! Each book comes from a fixed seed (ChaCha8), so a failure reproduces exactly. The generator writes every
//! journal line itself, so it knows every entry: no journal parsing is involved on this side. On a
//! disagreement the book is shrunk (entries removed one by one while the disagreement persists) and the
//! panic message shows the seed, the command, expected and actual rows, and the minimal book.

use crate::reference::{self, Entry, Kind, Side, Terms, json_amount};
use crate::util::TestBook;
use chrono::{Days, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Seeds of the books compared on `balance` (receivables and payables, four as-of dates each):
/// `cargo test` runs the first [`QUICK`], the deep suite (`cargo test -- --ignored`, which CI
/// also runs) the rest.
const BALANCE_SEEDS: std::ops::Range<u64> = 0..100;
/// Seeds of the books compared on `aging` (three as-of dates, three bucket sets, both sides).
const AGING_SEEDS: std::ops::Range<u64> = 1000..1100;
/// How many seeds of each range the quick suite takes.
const QUICK: usize = 15;

/// The seeds of `range` for the quick suite, or for the deep one.
fn seeds(range: std::ops::Range<u64>, deep: bool) -> impl Iterator<Item = u64> {
    let quick = range.start + QUICK as u64;
    if deep {
        quick..range.end
    } else {
        range.start..quick
    }
}

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap()
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap()
}

#[derive(Clone, Debug)]
struct GenContact {
    id: String,
    name: String,
    /// The `roles = [...]` line, or empty for the default (customer).
    roles_line: &'static str,
    receivables: bool,
    payables: bool,
    currency: Option<&'static str>,
    terms: Option<u64>,
    /// A subfolder of contacts/ (allowed; the id is the file stem).
    folder: Option<&'static str>,
}

impl GenContact {
    fn path(&self) -> String {
        match self.folder {
            Some(folder) => format!("contacts/{folder}/{}.toml", self.id),
            None => format!("contacts/{}.toml", self.id),
        }
    }
}

#[derive(Clone, Debug)]
struct GenLine {
    file: usize,
    entry: Entry,
    explicit_currency: bool,
    /// Free metadata such as `method:bank`.
    meta: Option<&'static str>,
    /// Metadata written in reverse order (ref before due, ...).
    meta_reversed: bool,
    memo: Option<String>,
    /// A blank or comment line written before this one.
    before: Option<&'static str>,
    separator: &'static str,
    /// `settles:` written with its currency (`settles:10/USD`), not taken from the ref.
    settles_explicit: bool,
}

#[derive(Clone, Debug)]
struct GenFile {
    path: String,
    crlf: bool,
    bom: bool,
}

#[derive(Clone, Debug)]
struct GenBook {
    seed: u64,
    /// A file under journal/ that is not `*.journal` and must be ignored.
    stray: Option<&'static str>,
    terms: u64,
    buckets: Option<Vec<i64>>,
    contacts: Vec<GenContact>,
    files: Vec<GenFile>,
    /// In generation order; within one file, this is line order.
    lines: Vec<GenLine>,
    /// The quotes of `rates/r.rates`, for the payments in another currency.
    rates: reference::Rates,
}

/// Pairs of journal paths. Several sort differently by path components than as plain strings:
/// `journal/a/b.journal` < `journal/a.journal` by components ("a" < "a.journal"), but '/' > '.'.
const LAYOUTS: [[&str; 2]; 5] = [
    ["journal/a.journal", "journal/b/c.journal"],
    ["journal/a.journal", "journal/a/b.journal"],
    ["journal/2026-01.journal", "journal/2026/02.journal"],
    ["journal/x.journal", "journal/B.journal"],
    ["journal/sales.journal", "journal/sales/late.journal"],
];

const CONTACT_IDS: [&str; 10] = [
    "acme", "a-b", "a.b", "a1", "a_b", "b", "bob9", "zeta", "0day", "acme.eu",
];

const NAMES: [&str; 6] = [
    "Acme Trading BV",
    "Café Müller SàRL",
    "北京贸易有限公司",
    "Łódź Metal Sp. z o.o.",
    "O'Neil & Sons",
    "Zeta 株式会社",
];

const MEMOS: [&str; 4] = [
    "consulting, January",
    "paid; twice",
    "due:2020-01-01 ignored",
    "see",
];

impl GenBook {
    fn generate(seed: u64) -> GenBook {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let terms = rng.random_range(0..=60);
        let buckets = match rng.random_range(0..10) {
            0 => Some(vec![15, 45]),
            1 => Some(vec![10, 20, 40, 80]),
            2 => Some(vec![60]),
            _ => None,
        };
        let contacts = random_contacts(&mut rng);
        let layout = LAYOUTS.choose(&mut rng).unwrap();
        let files: Vec<GenFile> = layout
            .iter()
            .map(|path| GenFile {
                path: path.to_string(),
                crlf: rng.random_bool(0.1),
                bom: rng.random_bool(0.05),
            })
            .collect();

        // Few distinct dates, so many ties; lines are written in random date order.
        let date_pool: Vec<u64> = (0..rng.random_range(1..=12))
            .map(|_| rng.random_range(0..=150))
            .collect();
        let entry_count = rng.random_range(0..=60);
        let mut lines: Vec<GenLine> = Vec::new();
        for n in 0..entry_count {
            let line = random_line(
                &mut rng,
                n,
                &contacts,
                &date_pool,
                &lines,
                files.len(),
                terms,
            );
            lines.push(line);
        }
        link(&mut rng, &mut lines);
        // Its own generator, so the rest of each seed's book is what it was before settlements.
        let mut fx_rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5e771e);
        let rates = settle(&mut fx_rng, &mut lines, &date_pool);
        let stray = match rng.random_range(0..10) {
            0 => Some("journal/notes.txt"),
            1 => Some("journal/old.journal.bak"),
            _ => None,
        };
        GenBook {
            seed,
            stray,
            terms,
            buckets,
            contacts,
            files,
            lines,
            rates,
        }
    }

    /// The text of `rates/r.rates`.
    fn rates_text(&self) -> String {
        let mut text = String::new();
        for (date, from, to, rate) in &self.rates.quotes {
            writeln!(text, "{date} {from} {to} {rate}").unwrap();
        }
        text
    }

    fn folio_toml(&self) -> String {
        let mut text = format!(
            "name = \"Random book {}\"\ncurrency = \"EUR\"\nterms = {}\n",
            self.seed, self.terms
        );
        if let Some(buckets) = &self.buckets {
            let list: Vec<String> = buckets.iter().map(i64::to_string).collect();
            write!(text, "[aging]\nbuckets = [{}]\n", list.join(", ")).unwrap();
        }
        text
    }

    fn contact_toml(contact: &GenContact) -> String {
        let mut text = format!("name = \"{}\"\n{}", contact.name, contact.roles_line);
        if let Some(currency) = contact.currency {
            writeln!(text, "currency = \"{currency}\"").unwrap();
        }
        if let Some(terms) = contact.terms {
            writeln!(text, "terms = {terms}").unwrap();
        }
        text
    }

    fn render(line: &GenLine) -> String {
        let entry = &line.entry;
        let mut fields = vec![
            entry.date.to_string(),
            entry.kind.as_str().to_string(),
            entry.id.clone(),
            entry.contact.clone(),
            entry.amount.to_string(),
        ];
        if line.explicit_currency {
            fields.push(entry.currency.clone());
        }
        let mut meta = Vec::new();
        if let Some(due) = entry.due {
            meta.push(format!("due:{due}"));
        }
        if let Some(target) = &entry.reference {
            meta.push(format!("ref:{target}"));
        }
        if let Some((amount, currency)) = &entry.settles {
            if line.settles_explicit {
                meta.push(format!("settles:{amount}/{currency}"));
            } else {
                meta.push(format!("settles:{amount}"));
            }
        }
        if let Some(extra) = line.meta {
            meta.push(extra.to_string());
        }
        if line.meta_reversed {
            meta.reverse();
        }
        fields.extend(meta);
        let mut text = fields.join(line.separator);
        if let Some(memo) = &line.memo {
            write!(text, " ; {memo}").unwrap();
        }
        text
    }

    fn journal_text(&self, file: usize) -> String {
        let newline = if self.files[file].crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if self.files[file].bom {
            text.push('\u{feff}');
        }
        for line in self.lines.iter().filter(|line| line.file == file) {
            if let Some(before) = line.before {
                text.push_str(before);
                text.push_str(newline);
            }
            text.push_str(&GenBook::render(line));
            text.push_str(newline);
        }
        text
    }

    /// File indexes in path order (as `std::path::Path` orders them).
    fn path_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.files.len()).collect();
        order.sort_by_key(|&i| PathBuf::from(&self.files[i].path));
        order
    }

    /// Entries in journal order: path order, then line order.
    fn entries(&self) -> Vec<Entry> {
        self.path_order()
            .into_iter()
            .flat_map(|file| {
                self.lines
                    .iter()
                    .filter(move |line| line.file == file)
                    .map(|line| line.entry.clone())
            })
            .collect()
    }

    fn terms(&self) -> Terms {
        Terms {
            book: self.terms,
            contacts: self
                .contacts
                .iter()
                .filter_map(|c| c.terms.map(|terms| (c.id.clone(), terms)))
                .collect(),
        }
    }

    fn name_of(&self, contact: &str) -> &str {
        &self.contacts.iter().find(|c| c.id == contact).unwrap().name
    }

    fn write(&self) -> TestBook {
        let mut book = TestBook::with_config(&self.folio_toml());
        for contact in &self.contacts {
            book = book.file(&contact.path(), &GenBook::contact_toml(contact));
        }
        for (i, file) in self.files.iter().enumerate() {
            book = book.bytes(&file.path, self.journal_text(i).as_bytes());
        }
        if !self.rates.quotes.is_empty() {
            book = book.file("rates/r.rates", &self.rates_text());
        }
        if let Some(stray) = self.stray {
            book = book.file(
                stray,
                "2026-01-01 invoice STRAY-1 nobody 1.00\nnot a journal\n",
            );
        }
        book
    }

    /// Every file of the book, for failure messages.
    fn dump(&self) -> String {
        let mut text = format!("--- folio.toml\n{}", self.folio_toml());
        for contact in &self.contacts {
            let body = GenBook::contact_toml(contact);
            write!(text, "--- {}\n{body}", contact.path()).unwrap();
        }
        if let Some(stray) = self.stray {
            writeln!(text, "--- {stray} (not a journal, ignored)").unwrap();
        }
        if !self.rates.quotes.is_empty() {
            write!(text, "--- rates/r.rates\n{}", self.rates_text()).unwrap();
        }
        for i in self.path_order() {
            let file = &self.files[i];
            let flags = match (file.bom, file.crlf) {
                (true, true) => " (BOM, CRLF)",
                (true, false) => " (BOM)",
                (false, true) => " (CRLF)",
                (false, false) => "",
            };
            let body = self.journal_text(i).replace(['\r', '\u{feff}'], "");
            write!(text, "--- {}{flags}\n{body}", file.path).unwrap();
        }
        text
    }

    /// The book without line `index`; refs naming it are dropped.
    fn without_line(&self, index: usize) -> GenBook {
        let mut book = self.clone();
        let removed = book.lines.remove(index);
        for line in &mut book.lines {
            if line.entry.reference.as_ref() == Some(&removed.entry.id) {
                line.entry.reference = None;
                // Without its ref, a settling line names its currency itself.
                line.settles_explicit |= line.entry.settles.is_some();
            }
        }
        book
    }

    /// Due dates of all debit entries, for picking interesting as-of dates.
    fn due_dates(&self) -> Vec<NaiveDate> {
        let terms = self.terms();
        self.lines
            .iter()
            .filter(|line| line.entry.kind.is_debit())
            .map(|line| terms.due(&line.entry))
            .collect()
    }
}

/// One to six contacts of random roles, currencies, terms and folders.
fn random_contacts(rng: &mut ChaCha8Rng) -> Vec<GenContact> {
    let mut ids: Vec<&str> = CONTACT_IDS.to_vec();
    ids.shuffle(rng);
    let contact_count = rng.random_range(1..=6);
    ids[..contact_count]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (roles_line, receivables, payables) = match rng.random_range(0..6) {
                0 | 1 => ("", true, false),
                2 => ("roles = [\"customer\"]\n", true, false),
                3 => ("roles = [\"supplier\"]\n", false, true),
                _ => ("roles = [\"customer\", \"supplier\"]\n", true, true),
            };
            let currency = match rng.random_range(0..10) {
                0..=2 => Some("USD"),
                3 => Some("EUR"),
                _ => None,
            };
            let terms = rng.random_bool(0.4).then(|| rng.random_range(0..=45));
            let folder = rng.random_bool(0.15).then_some("eu");
            GenContact {
                folder,
                id: id.to_string(),
                name: format!("{} {i}", NAMES.choose(rng).unwrap()),
                roles_line,
                receivables,
                payables,
                currency,
                terms,
            }
        })
        .collect()
}

/// The `n`th journal line: an entry of a kind the contact's roles allow (now and then one they do
/// not), on a date of the pool, with a currency, amount, due date, id and layout at random.
fn random_line(
    rng: &mut ChaCha8Rng,
    n: usize,
    contacts: &[GenContact],
    date_pool: &[u64],
    lines: &[GenLine],
    files: usize,
    terms: u64,
) -> GenLine {
    let contact = contacts.choose(rng).unwrap();
    // Now and then an entry that does not fit the contact's roles: a warning, still counted.
    let payables = match (contact.receivables, contact.payables) {
        _ if rng.random_bool(0.05) => rng.random_bool(0.5),
        (true, true) => rng.random_bool(0.5),
        (_, payables) => payables,
    };
    let kind = if payables {
        match rng.random_range(0..20) {
            0..=8 => Kind::Bill,
            9..=15 => Kind::Payout,
            _ => Kind::Debit,
        }
    } else {
        match rng.random_range(0..20) {
            0..=7 => Kind::Invoice,
            8..=13 => Kind::Payment,
            14..=15 => Kind::Credit,
            _ => Kind::Refund,
        }
    };
    // Half the notes are write-offs, which settle as notes do.
    let kind = match kind {
        Kind::Credit if rng.random_bool(0.5) => Kind::Writeoff,
        Kind::Debit if rng.random_bool(0.5) => Kind::PayableWriteoff,
        kind => kind,
    };
    let offset = if rng.random_bool(0.8) {
        *date_pool.choose(rng).unwrap()
    } else {
        rng.random_range(0..=150)
    };
    let date = plus(base_date(), offset);
    let default_currency = contact.currency.unwrap_or("EUR");
    let (currency, explicit_currency) = if rng.random_bool(0.2) {
        let chosen = *[default_currency, "EUR", "USD", "CHF"].choose(rng).unwrap();
        (chosen, true)
    } else {
        (default_currency, false)
    };
    let amount = if !lines.is_empty() && rng.random_bool(0.3) {
        lines.choose(rng).unwrap().entry.amount
    } else {
        let scale = rng.random_range(0..=4u32);
        let max = 2000 * 10i128.pow(scale);
        let mantissa = match rng.random_range(0..100) {
            0..=4 => 1,
            // Large amounts, up to 16 integer digits.
            5..=7 => rng.random_range(1..=10i128.pow(16 + scale)),
            _ => rng.random_range(1..=max),
        };
        Decimal::from_i128_with_scale(mantissa, scale)
    };
    // Explicit due dates often land on another entry's date or default due date, so that
    // items with the same due date but different dates (the date tie-break) are common.
    let due = (matches!(kind, Kind::Invoice | Kind::Bill) && rng.random_bool(0.3)).then(|| {
        if rng.random_bool(0.1) {
            // Before the entry's date: a warning, still valid.
            return minus(date, rng.random_range(1..=20));
        }
        if rng.random_bool(0.5) {
            return plus(date, rng.random_range(0..=90));
        }
        let other = plus(base_date(), *date_pool.choose(rng).unwrap());
        let days = *[0, terms, contact.terms.unwrap_or(terms)]
            .choose(rng)
            .unwrap();
        plus(other, days).max(date)
    });
    let prefix = match kind {
        Kind::Invoice => "INV",
        Kind::Refund => "RF",
        Kind::Payment => "PAY",
        Kind::Credit => "CN",
        Kind::Bill => "BILL",
        Kind::Payout => "PO",
        Kind::Debit => "DN",
        Kind::Writeoff => "WO",
        Kind::PayableWriteoff => "PWO",
    };
    let id = match rng.random_range(0..4) {
        0 => format!("{prefix}/2026.{n:03}"),
        1 => format!("{}-{n}", prefix.to_lowercase()),
        _ => format!("{prefix}-{n:04}"),
    };
    GenLine {
        file: rng.random_range(0..files),
        entry: Entry {
            date,
            kind,
            id,
            contact: contact.id.clone(),
            amount,
            currency: currency.to_string(),
            due,
            reference: None,
            settles: None,
        },
        explicit_currency,
        meta: match rng.random_range(0..10) {
            // A write-off's reason is required.
            _ if matches!(kind, Kind::Writeoff | Kind::PayableWriteoff) => {
                Some(*["reason:rounding", "reason:bad-debt"].choose(rng).unwrap())
            }
            0 => Some("method:bank"),
            1 => Some("project:alpha:2"),
            _ => None,
        },
        meta_reversed: rng.random_bool(0.5),
        memo: None,
        before: match rng.random_range(0..12) {
            0 => Some(""),
            1 => Some("; a comment ref:X"),
            2 => Some("  # another comment"),
            _ => None,
        },
        separator: [" ", " ", " ", "  ", "\t"].choose(rng).unwrap(),
        settles_explicit: false,
    }
}

/// The currencies of the suite's books.
const CURRENCIES: [&str; 3] = ["CHF", "EUR", "USD"];

/// Turns some payments and payouts into payments in another currency (`settles:`), each naming
/// a document of the settled currency with `ref:` or the currency itself, and returns the rates
/// they need: every pair quoted in one direction, the day before the first entry and on a few
/// days of the pool.
fn settle(rng: &mut ChaCha8Rng, lines: &mut [GenLine], date_pool: &[u64]) -> reference::Rates {
    let small = Decimal::from(1_000_000_000i64);
    let mut any = false;
    for i in 0..lines.len() {
        let entry = &lines[i].entry;
        let settling = matches!(entry.kind, Kind::Payment | Kind::Payout)
            && entry.amount < small
            && rng.random_bool(0.3);
        if !settling {
            continue;
        }
        let paid_currency = entry.currency.clone();
        let targets: Vec<(String, String, Decimal)> = lines
            .iter()
            .map(|line| &line.entry)
            .filter(|target| {
                target.contact == entry.contact
                    && target.currency != paid_currency
                    && target.amount < small
                    && entry.kind.ref_targets().contains(&target.kind)
            })
            .map(|target| (target.id.clone(), target.currency.clone(), target.amount))
            .collect();
        let with_ref = rng.random_bool(0.6).then(|| targets.choose(rng)).flatten();
        let (reference, currency, explicit, like) = match with_ref {
            Some((id, currency, amount)) => (
                Some(id.clone()),
                currency.clone(),
                rng.random_bool(0.3),
                Some(*amount),
            ),
            None => {
                let others: Vec<&str> = CURRENCIES
                    .into_iter()
                    .filter(|c| *c != paid_currency)
                    .collect();
                (None, others.choose(rng).unwrap().to_string(), true, None)
            }
        };
        let amount = match like {
            Some(amount) if rng.random_bool(0.5) => amount,
            _ => Decimal::new(
                rng.random_range(1..=500_000_000i64),
                rng.random_range(0..=2),
            ),
        };
        let line = &mut lines[i];
        line.entry.reference = reference;
        line.entry.settles = Some((amount, currency));
        line.settles_explicit = explicit;
        any = true;
    }
    if !any {
        return reference::Rates::default();
    }
    let mut quotes = Vec::new();
    let days: Vec<NaiveDate> = std::iter::once(minus(base_date(), 1))
        .chain(
            date_pool
                .iter()
                .take(3)
                .map(|&offset| plus(base_date(), offset)),
        )
        .collect();
    for (from, to) in [("CHF", "EUR"), ("CHF", "USD"), ("EUR", "USD")] {
        let mut quoted = BTreeSet::new();
        for &day in &days {
            if quoted.insert(day) {
                let rate = Decimal::new(rng.random_range(5_000..=20_000), 4);
                quotes.push((day, from.to_string(), to.to_string(), rate));
            }
        }
    }
    reference::Rates { quotes }
}

/// Refs between the lines, and memos that mention other documents.
fn link(rng: &mut ChaCha8Rng, lines: &mut [GenLine]) {
    // Refs: same contact, same currency, right kind; later-dated targets included.
    for i in 0..lines.len() {
        if !rng.random_bool(0.55) {
            continue;
        }
        let entry = &lines[i].entry;
        let candidates: Vec<String> = lines
            .iter()
            .map(|line| &line.entry)
            .filter(|target| {
                target.contact == entry.contact
                    && target.currency == entry.currency
                    && entry.kind.ref_targets().contains(&target.kind)
            })
            .map(|target| target.id.clone())
            .collect();
        lines[i].entry.reference = candidates.choose(rng).cloned();
    }
    // Memos, some mentioning another document as `ref:ID` (which must be ignored).
    for i in 0..lines.len() {
        if rng.random_bool(0.2) {
            let memo = MEMOS.choose(rng).unwrap();
            let other = &lines.choose(rng).unwrap().entry.id;
            lines[i].memo = Some(format!("{memo} ref:{other}"));
        }
    }
}

/// One expected JSON value.
#[derive(Clone, Debug)]
enum Want {
    Text(String),
    Amount(Decimal),
}

type Row = Vec<(String, Want)>;

#[derive(Clone, Debug)]
enum Report {
    Balance,
    /// `aging`, with `--buckets` when given (else the book's or the default buckets).
    Aging(Option<Vec<i64>>),
    /// `aging --detail`: one row per open item and unapplied credit. Its JSON keys are folio's own
    /// (the issue lists the columns, not their names), so only contact, currency, document, open
    /// and (for open items) due are compared, as a set.
    Detail,
    /// `statement CONTACT`: every line (as allocated, with what a payment in another currency
    /// paid and realised), the closing balance, the aging total and the open items.
    Statement(String),
}

#[derive(Clone, Debug)]
struct Check {
    report: Report,
    payables: bool,
    as_of: NaiveDate,
}

/// Why a check failed; usage errors (exit 2, e.g. an unknown subcommand) are not worth shrinking.
struct Failure {
    shrinkable: bool,
    message: String,
}

impl Check {
    fn args(&self) -> Vec<String> {
        let mut args = vec![];
        match &self.report {
            Report::Balance => args.push("balance".to_string()),
            Report::Detail => args.extend(["aging".to_string(), "--detail".to_string()]),
            Report::Statement(contact) => args.extend(["statement".to_string(), contact.clone()]),
            Report::Aging(buckets) => {
                args.push("aging".to_string());
                if let Some(buckets) = buckets {
                    let list: Vec<String> = buckets.iter().map(i64::to_string).collect();
                    args.push("--buckets".to_string());
                    args.push(list.join(","));
                }
            }
        }
        if self.payables {
            args.push("--payables".to_string());
        }
        args.extend([
            "--as-of".to_string(),
            self.as_of.to_string(),
            "--format".to_string(),
            "json".to_string(),
        ]);
        args
    }

    fn side(&self) -> Side {
        if self.payables {
            Side::Payables
        } else {
            Side::Receivables
        }
    }

    fn expected(&self, book: &GenBook) -> Vec<Row> {
        let side = self.side();
        let accounts = reference::accounts(&book.entries(), &book.terms(), side, self.as_of);
        let mut rows = Vec::new();
        if let Report::Detail = self.report {
            for ((contact, currency), account) in accounts {
                for item in &account.items {
                    rows.push(vec![
                        ("contact".into(), Want::Text(contact.clone())),
                        ("currency".into(), Want::Text(currency.clone())),
                        ("document".into(), Want::Text(item.id.clone())),
                        ("open".into(), Want::Amount(item.open)),
                        ("due".into(), Want::Text(item.due.to_string())),
                    ]);
                }
                for credit in &account.unapplied {
                    rows.push(vec![
                        ("contact".into(), Want::Text(contact.clone())),
                        ("currency".into(), Want::Text(currency.clone())),
                        ("document".into(), Want::Text(credit.id.clone())),
                        ("open".into(), Want::Amount(-credit.amount)),
                    ]);
                }
            }
            rows.sort_by_key(detail_key);
            return rows;
        }
        for ((contact, currency), account) in accounts {
            let mut row: Row = vec![
                ("contact".into(), Want::Text(contact.clone())),
                (
                    "name".into(),
                    Want::Text(book.name_of(&contact).to_string()),
                ),
                ("currency".into(), Want::Text(currency)),
            ];
            match &self.report {
                Report::Balance => {
                    row.push(("debits".into(), Want::Amount(account.debits)));
                    row.push(("credits".into(), Want::Amount(account.credits)));
                    row.push(("balance".into(), Want::Amount(account.balance())));
                    let overdue = account.overdue(self.as_of);
                    row.push(("overdue".into(), Want::Amount(overdue)));
                }
                Report::Detail | Report::Statement(_) => unreachable!(),
                Report::Aging(flag) => {
                    let buckets = flag
                        .clone()
                        .or_else(|| book.buckets.clone())
                        .unwrap_or_else(|| vec![30, 60, 90]);
                    let aging = reference::aging(&account, self.as_of, &buckets);
                    if aging.is_zero() {
                        continue;
                    }
                    row.push(("current".into(), Want::Amount(aging.current)));
                    let labels = reference::bucket_labels(&buckets);
                    for (label, amount) in labels.into_iter().zip(aging.buckets) {
                        row.push((label, Want::Amount(amount)));
                    }
                    row.push(("unapplied".into(), Want::Amount(aging.unapplied)));
                    row.push(("total".into(), Want::Amount(aging.total)));
                }
            }
            rows.push(row);
        }
        rows
    }

    /// Whether rows must have exactly the expected keys, in the expected order (else a subset of keys,
    /// rows compared as a set).
    fn exact(&self) -> bool {
        !matches!(self.report, Report::Detail)
    }

    /// Runs folio on the written book and compares with the model.
    fn run(&self, book: &GenBook, written: &TestBook) -> Result<(), Failure> {
        let args = self.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = written.folio(&args).output().expect("folio runs");
        if !output.status.success() {
            return Err(Failure {
                shrinkable: output.status.code() != Some(2),
                message: format!(
                    "exit {:?}\nstderr:\n{}",
                    output.status.code(),
                    String::from_utf8_lossy(&output.stderr)
                ),
            });
        }
        let stdout = String::from_utf8_lossy(&output.stdout);
        if let Report::Statement(contact) = &self.report {
            return compare_statement(book, contact, self.side(), self.as_of, &stdout).map_err(
                |message| Failure {
                    shrinkable: true,
                    message,
                },
            );
        }
        compare_rows(&self.expected(book), &stdout, self.exact()).map_err(|message| Failure {
            shrinkable: true,
            message,
        })
    }
}

/// Records a problem unless `value` is the JSON amount `expected`.
fn expect_amount(
    problems: &mut Vec<String>,
    what: String,
    value: &serde_json::Value,
    expected: Decimal,
) {
    match json_amount(value) {
        Ok(actual) if actual == expected => {}
        Ok(actual) => problems.push(format!("{what} is {actual}, expected {expected}")),
        Err(error) => problems.push(format!("{what}: {error}")),
    }
}

/// Compares `folio statement CONTACT --format json` with the model's statement, accounts and
/// exchange differences.
fn compare_statement(
    book: &GenBook,
    contact: &str,
    side: Side,
    as_of: NaiveDate,
    stdout: &str,
) -> Result<(), String> {
    let entries = book.entries();
    let sections = reference::statement(&entries, contact, side, as_of);
    let accounts = reference::accounts(&entries, &book.terms(), side, as_of);
    let differences = reference::exchange_differences(&entries, &accounts, &book.rates, side);
    let json: serde_json::Value =
        serde_json::from_str(stdout).map_err(|e| format!("invalid JSON ({e}):\n{stdout}"))?;
    let got = json["currencies"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let currencies: Vec<&str> = got
        .iter()
        .map(|s| s["currency"].as_str().unwrap_or(""))
        .collect();
    let want: Vec<&str> = sections.keys().map(String::as_str).collect();
    if currencies != want {
        problems.push(format!("currencies {currencies:?}, expected {want:?}"));
    }
    for (section, (currency, lines)) in got.iter().zip(&sections) {
        let got_lines = section["lines"].as_array().cloned().unwrap_or_default();
        if got_lines.len() != lines.len() {
            problems.push(format!(
                "{currency}: {} lines, expected {}",
                got_lines.len(),
                lines.len()
            ));
        }
        for (got, line) in got_lines.iter().zip(lines) {
            let id = &line.entry.id;
            if got["document"].as_str() != Some(id) {
                problems.push(format!(
                    "{currency}: document {}, expected {id}",
                    got["document"]
                ));
                continue;
            }
            let p = &mut problems;
            expect_amount(
                p,
                format!("{currency} {id} debit"),
                &got["debit"],
                line.debit,
            );
            expect_amount(
                p,
                format!("{currency} {id} credit"),
                &got["credit"],
                line.credit,
            );
            expect_amount(
                p,
                format!("{currency} {id} balance"),
                &got["balance"],
                line.balance,
            );
            match &line.entry.settles {
                Some(_) => {
                    expect_amount(
                        p,
                        format!("{currency} {id} paid"),
                        &got["paid"],
                        line.entry.amount,
                    );
                    let difference = differences.get(id).copied().unwrap_or_default();
                    let what = format!("{currency} {id} exchange_difference");
                    expect_amount(p, what, &got["exchange_difference"], difference);
                    if got["paid_currency"].as_str() != Some(line.entry.currency.as_str()) {
                        p.push(format!(
                            "{currency} {id}: paid_currency {}",
                            got["paid_currency"]
                        ));
                    }
                }
                None if got.get("paid").is_some() => {
                    p.push(format!(
                        "{currency} {id}: `paid` on a line paid in its own currency"
                    ));
                }
                None => {}
            }
        }
        let closing = lines.last().map_or(Decimal::ZERO, |l| l.balance);
        let p = &mut problems;
        expect_amount(
            p,
            format!("{currency} closing"),
            &section["closing"],
            closing,
        );
        expect_amount(
            p,
            format!("{currency} aging total"),
            &section["aging"]["total"],
            closing,
        );
        let key = (contact.to_string(), currency.clone());
        let account = accounts.get(&key).cloned().unwrap_or_default();
        let mut want_open: Vec<(String, Decimal)> = account
            .items
            .iter()
            .map(|i| (i.id.clone(), i.open))
            .collect();
        want_open.extend(account.unapplied.iter().map(|c| (c.id.clone(), -c.amount)));
        want_open.sort();
        let mut got_open: Vec<(String, Decimal)> = section["open_items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|item| {
                let open = json_amount(&item["open"]).unwrap_or_default();
                (item["document"].as_str().unwrap_or("").to_string(), open)
            })
            .collect();
        got_open.sort();
        if got_open != want_open {
            problems.push(format!(
                "{currency}: open items {got_open:?}, expected {want_open:?}"
            ));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("{}\nactual:\n{stdout}", problems.join("\n")))
}

fn render_rows(rows: &[Row]) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|(key, want)| match want {
                Want::Text(text) => format!("{key}: {text:?}"),
                Want::Amount(amount) => format!("{key}: {amount}"),
            })
            .collect();
        writeln!(text, "  {{{}}}", cells.join(", ")).unwrap();
    }
    text
}

/// The sort key of a detail row: contact, currency, document.
fn detail_key(row: &Row) -> Vec<String> {
    row.iter()
        .take(3)
        .map(|(_, want)| match want {
            Want::Text(text) => text.clone(),
            Want::Amount(amount) => amount.to_string(),
        })
        .collect()
}

/// Compares every row and every key; amounts as decimals, and as strings with at least two decimals.
/// Not `exact`: actual rows may have more keys and are sorted by contact, currency, document first.
fn compare_rows(expected: &[Row], stdout: &str, exact: bool) -> Result<(), String> {
    let json: serde_json::Value =
        serde_json::from_str(stdout).map_err(|e| format!("invalid JSON ({e}):\n{stdout}"))?;
    let mut rows = json
        .as_array()
        .ok_or_else(|| format!("not a JSON array:\n{stdout}"))?
        .clone();
    if !exact {
        let text = |row: &serde_json::Value, key: &str| row[key].as_str().unwrap_or("").to_string();
        rows.sort_by_key(|row| {
            [
                text(row, "contact"),
                text(row, "currency"),
                text(row, "document"),
            ]
        });
    }
    let mut problems = Vec::new();
    if rows.len() != expected.len() {
        problems.push(format!("{} rows, expected {}", rows.len(), expected.len()));
    }
    for (i, (want, got)) in expected.iter().zip(rows).enumerate() {
        let Some(object) = got.as_object() else {
            problems.push(format!("row {i} is not an object"));
            continue;
        };
        let want_keys: BTreeSet<&str> = want.iter().map(|(key, _)| key.as_str()).collect();
        let got_keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        if exact && want_keys != got_keys || !want_keys.is_subset(&got_keys) {
            problems.push(format!(
                "row {i}: keys {got_keys:?}, expected {want_keys:?}"
            ));
        }
        for (key, value) in want {
            let Some(actual) = object.get(key) else {
                continue;
            };
            match value {
                Want::Text(text) => {
                    if actual.as_str() != Some(text.as_str()) {
                        problems.push(format!("row {i}: {key} is {actual}, expected {text:?}"));
                    }
                }
                Want::Amount(amount) => match json_amount(actual) {
                    Ok(parsed) if parsed == *amount => {}
                    Ok(_) => {
                        problems.push(format!("row {i}: {key} is {actual}, expected {amount}"))
                    }
                    Err(error) => problems.push(format!("row {i}: {key}: {error}")),
                },
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}\nexpected (reference model):\n{}actual:\n{stdout}",
        problems.join("\n"),
        render_rows(expected)
    ))
}

/// Removes entries (then unused contacts) while the check still fails.
fn shrink(book: &GenBook, check: &Check) -> GenBook {
    let fails = |candidate: &GenBook| check.run(candidate, &candidate.write()).is_err();
    let mut book = book.clone();
    loop {
        let mut progress = false;
        let mut index = book.lines.len();
        while index > 0 {
            index -= 1;
            let candidate = book.without_line(index);
            if fails(&candidate) {
                book = candidate;
                progress = true;
            }
        }
        for i in 0..book.lines.len() {
            let mut candidate = book.clone();
            let line = &mut candidate.lines[i];
            let simpler = line.meta.is_some() || line.memo.is_some() || line.before.is_some();
            line.meta = None;
            line.memo = None;
            line.before = None;
            if simpler && fails(&candidate) {
                book = candidate;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    let mut index = book.contacts.len();
    while index > 0 {
        index -= 1;
        let id = &book.contacts[index].id;
        if book.lines.iter().any(|line| &line.entry.contact == id) {
            continue;
        }
        let mut candidate = book.clone();
        candidate.contacts.remove(index);
        if fails(&candidate) {
            book = candidate;
        }
    }
    book
}

/// Runs every check on a book; on the first failure, shrinks and panics with everything needed to reproduce.
fn verify(book: &GenBook, checks: &[Check]) {
    let written = book.write();
    for check in checks {
        if let Err(failure) = check.run(book, &written) {
            let minimal = if failure.shrinkable {
                shrink(book, check)
            } else {
                book.clone()
            };
            let minimal_message = match check.run(&minimal, &minimal.write()) {
                Err(f) => f.message,
                Ok(()) => "(passes?)".to_string(),
            };
            panic!(
                "seed {}: folio {}\n{}\n\n=== minimal book ({} of {} entries) ===\n{}\n{}\n\n=== full book ===\n{}",
                book.seed,
                check.args().join(" "),
                failure.message,
                minimal.lines.len(),
                book.lines.len(),
                minimal.dump(),
                minimal_message,
                book.dump(),
            );
        }
    }
}

/// As-of dates: before all entries, a day with entries, a random day in the middle, after everything.
fn balance_dates(book: &GenBook, rng: &mut ChaCha8Rng) -> Vec<NaiveDate> {
    let dates: Vec<NaiveDate> = book.lines.iter().map(|line| line.entry.date).collect();
    let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else {
        return vec![minus(base_date(), 1), plus(base_date(), 60)];
    };
    let latest_due = book.due_dates().into_iter().max().unwrap_or(last).max(last);
    vec![
        minus(first, 1),
        *dates.choose(rng).unwrap(),
        plus(*dates.choose(rng).unwrap(), rng.random_range(0..=40)),
        plus(latest_due, 100),
    ]
}

/// As-of dates: a day with entries, a due date plus a bucket edge, after everything (all in the last bucket).
fn aging_dates(book: &GenBook, rng: &mut ChaCha8Rng) -> Vec<NaiveDate> {
    let dates: Vec<NaiveDate> = book.lines.iter().map(|line| line.entry.date).collect();
    let dues = book.due_dates();
    let (Some(&last), Some(&due)) = (dates.iter().max(), dues.choose(rng)) else {
        return vec![plus(base_date(), 60)];
    };
    let edge = *[0, 1, 7, 8, 14, 15, 30, 31, 60, 61, 90, 91]
        .choose(rng)
        .unwrap();
    let latest_due = dues.iter().copied().max().unwrap().max(last);
    vec![
        *dates.choose(rng).unwrap(),
        plus(due, edge),
        plus(latest_due, rng.random_range(92..=200)),
    ]
}

#[test]
fn randomized_balance_matches_reference() {
    balance_matches_reference(false);
}

#[test]
#[ignore = "deep suite: cargo test -- --ignored"]
fn randomized_balance_matches_reference_deep() {
    balance_matches_reference(true);
}

fn balance_matches_reference(deep: bool) {
    for seed in seeds(BALANCE_SEEDS, deep) {
        let book = GenBook::generate(seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xba1a);
        let mut checks = Vec::new();
        for as_of in balance_dates(&book, &mut rng) {
            for payables in [false, true] {
                checks.push(Check {
                    report: Report::Balance,
                    payables,
                    as_of,
                });
            }
        }
        verify(&book, &checks);
    }
}

#[test]
fn randomized_aging_matches_reference() {
    aging_matches_reference(false);
}

#[test]
#[ignore = "deep suite: cargo test -- --ignored"]
fn randomized_aging_matches_reference_deep() {
    aging_matches_reference(true);
}

fn aging_matches_reference(deep: bool) {
    for seed in seeds(AGING_SEEDS, deep) {
        let book = GenBook::generate(seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xa61);
        let mut checks = Vec::new();
        for as_of in aging_dates(&book, &mut rng) {
            for payables in [false, true] {
                for buckets in [None, Some(vec![7, 14, 30]), Some(vec![30])] {
                    checks.push(Check {
                        report: Report::Aging(buckets),
                        payables,
                        as_of,
                    });
                }
            }
        }
        verify(&book, &checks);
    }
}

/// Seeds of the books compared on `statement` (every contact, both sides, two as-of dates).
const STATEMENT_SEEDS: std::ops::Range<u64> = 2000..2100;

/// `statement` of every contact, on books where some payments and payouts settle documents in
/// another currency: each line as the model allocates it, what it paid, its realised exchange
/// difference, the closing balance, the aging total and the open items.
#[test]
fn randomized_statements_match_reference() {
    statements_match_reference(false);
}

#[test]
#[ignore = "deep suite: cargo test -- --ignored"]
fn randomized_statements_match_reference_deep() {
    statements_match_reference(true);
}

fn statements_match_reference(deep: bool) {
    for seed in seeds(STATEMENT_SEEDS, deep) {
        let book = GenBook::generate(seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x57a7);
        let mut checks = Vec::new();
        let dates = balance_dates(&book, &mut rng);
        // The later two: a day among the entries and one after everything.
        for &as_of in dates.iter().rev().take(2) {
            for payables in [false, true] {
                for contact in &book.contacts {
                    checks.push(Check {
                        report: Report::Statement(contact.id.clone()),
                        payables,
                        as_of,
                    });
                }
            }
        }
        verify(&book, &checks);
    }
}

/// Stricter than the reports the issue makes normative: which documents stay open, and how much, per
/// `aging --detail`. Balance and aging sums cannot see which of two same-due items a payment settled, or
/// which unapplied credit a refund consumed; the open-item list can.
#[test]
fn randomized_open_items_match_reference() {
    open_items_match_reference(false);
}

#[test]
#[ignore = "deep suite: cargo test -- --ignored"]
fn randomized_open_items_match_reference_deep() {
    open_items_match_reference(true);
}

fn open_items_match_reference(deep: bool) {
    for seed in seeds(AGING_SEEDS, deep) {
        let book = GenBook::generate(seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xa61);
        let mut checks = Vec::new();
        for as_of in aging_dates(&book, &mut rng) {
            for payables in [false, true] {
                checks.push(Check {
                    report: Report::Detail,
                    payables,
                    as_of,
                });
            }
        }
        verify(&book, &checks);
    }
}

/// The generator itself: books are valid for `folio check`, and the seeds cover what they should.
#[test]
fn randomized_books_are_valid_and_varied() {
    let books: Vec<GenBook> = BALANCE_SEEDS
        .chain(AGING_SEEDS)
        .map(GenBook::generate)
        .collect();
    for book in books.iter().step_by(10) {
        let written = book.write();
        let output = written.folio(&["check"]).output().unwrap();
        assert!(
            output.status.success(),
            "seed {}: folio check failed:\n{}\n{}",
            book.seed,
            String::from_utf8_lossy(&output.stderr),
            book.dump()
        );
    }
    let lines = || books.iter().flat_map(|book| &book.lines);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for line in lines() {
        *kinds.entry(line.entry.kind.as_str()).or_default() += 1;
    }
    assert_eq!(kinds.len(), 9, "every kind appears: {kinds:?}");
    let later_refs = books
        .iter()
        .flat_map(|book| {
            book.lines.iter().filter(move |line| {
                line.entry.reference.as_ref().is_some_and(|target| {
                    book.lines.iter().any(|other| {
                        &other.entry.id == target && other.entry.date > line.entry.date
                    })
                })
            })
        })
        .count();
    assert!(
        later_refs > 20,
        "refs to later-dated documents: {later_refs}"
    );
    let refund_refs = lines()
        .filter(|line| line.entry.kind == Kind::Refund && line.entry.reference.is_some())
        .count();
    assert!(refund_refs > 20, "refunds with ref: {refund_refs}");
    assert!(lines().any(|line| line.entry.amount.scale() == 4));
    assert!(lines().any(|line| line.entry.amount.scale() == 0));
    assert!(lines().any(|line| line.explicit_currency));
    assert!(lines().any(|line| line.entry.due.is_some()));
    assert!(lines().any(|line| line.entry.amount > Decimal::from(1_000_000_000_000i64)));
    assert!(lines().any(|line| line.entry.due.is_some_and(|due| due < line.entry.date)));
    assert!(books.iter().any(|book| book.stray.is_some()));
    assert!(
        books
            .iter()
            .flat_map(|book| &book.contacts)
            .any(|c| c.folder.is_some())
    );
    assert!(books.iter().any(|book| book.lines.is_empty()));
    let settling = || lines().filter(|line| line.entry.settles.is_some());
    assert!(settling().count() > 50, "payments in another currency");
    assert!(settling().any(|line| line.settles_explicit && line.entry.reference.is_none()));
    assert!(settling().any(|line| !line.settles_explicit && line.entry.reference.is_some()));
    assert!(settling().any(|line| line.entry.kind == Kind::Payout));
    assert!(books.iter().any(|book| book.lines.len() >= 55));
}
