#![allow(missing_docs)] // criterion_group! generates an undocumented function.

//! Microbenchmarks of the hot paths: journal line parsing (MB/s), contact loading (files per
//! second), book loading (contacts and journal), and settling the ledger. Whole-command timings live in bench/compare.sh.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::book::Location;
use folio::journal::Side;
use folio::journal::parser::parse_line;
use folio::ledger::Ledger;
use std::fmt::Write as _;
use std::hint::black_box;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: folio::alloc::HugePageAlloc = folio::alloc::HugePageAlloc;

const CONTACTS: usize = 500;
const ENTRIES: usize = 50_000;
/// Contacts of the contact-loading benchmark: the 10k-entry book of bench/compare.sh has as many.
const CONTACT_FILES: usize = 2_000;

/// A deterministic journal: invoices, payments with and without ref, credit notes, bills.
fn journal() -> String {
    let mut text = String::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for n in 0..ENTRIES {
        let contact = (next() % CONTACTS as u64) as usize;
        let day = 1 + next() % 28;
        let month = 1 + next() % 12;
        let cents = next() % 100;
        let amount = 10 + next() % 5000;
        let line = match n % 10 {
            0..=4 => format!(
                "2026-{month:02}-{day:02} invoice INV-{n:07} c{contact:04} {amount}.{cents:02} due:2026-{month:02}-{day:02} ; services"
            ),
            5..=7 => format!(
                "2026-{month:02}-{day:02} payment PAY-{n:07} c{contact:04} {amount}.{cents:02} method:bank"
            ),
            8 => format!(
                "2026-{month:02}-{day:02} credit CN-{n:07} c{contact:04} {amount}.00 ; credit note"
            ),
            _ => {
                format!("2026-{month:02}-{day:02} bill B-{n:07} c{contact:04} {amount}.{cents:02}")
            }
        };
        writeln!(text, "{line}").unwrap();
    }
    text
}

/// Writes a book of `contacts` contact files (as the generator writes them: accented names, an
/// address, tags, a start date) and one journal file holding `journal`.
fn write_book(dir: &std::path::Path, contacts: usize, journal: &str) {
    std::fs::create_dir_all(dir.join("contacts")).unwrap();
    std::fs::create_dir_all(dir.join("journal")).unwrap();
    std::fs::write(
        dir.join("folio.toml"),
        "name = \"Bench\"\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    for i in 0..contacts {
        let body = format!(
            "name = \"Créations Thévenin {i} SRL\"\nroles = [\"customer\", \"supplier\"]\n\
             email = \"c{i}@example.com\"\nphone = \"+32 2 511 {i:04}\"\nindustry = \"retail\"\n\
             tags = [\"design\", \"retail\"]\nlanguage = \"fr\"\ncredit_limit = \"5000.00\"\n\
             since = 2015-01-21\n\n[address]\nstreet = \"44 rue d'Alsace-Lorraine\"\n\
             postcode = \"1000\"\ncity = \"Bruxelles\"\ncountry = \"BE\"\n"
        );
        std::fs::write(dir.join(format!("contacts/c{i:04}.toml")), body).unwrap();
    }
    std::fs::write(dir.join("journal/2026.journal"), journal).unwrap();
}

fn benches(c: &mut Criterion) {
    let text = journal();

    let mut group = c.benchmark_group("journal");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse_line", |b| {
        b.iter(|| {
            let mut count = 0usize;
            for line in text.lines() {
                if let Ok(Some(parsed)) = parse_line(black_box(line)) {
                    count += parsed.id.len();
                }
            }
            count
        })
    });
    group.finish();

    let contacts_dir = tempfile::tempdir().unwrap();
    write_book(contacts_dir.path(), CONTACT_FILES, "");
    let contacts_only = Location {
        root: contacts_dir.path().to_path_buf(),
    };
    let mut group = c.benchmark_group("contacts");
    group.throughput(Throughput::Elements(CONTACT_FILES as u64));
    group.sample_size(30);
    group.bench_function("load 2,000 contact files", |b| {
        b.iter(|| folio::checks::load_valid(black_box(&contacts_only)).unwrap())
    });
    group.finish();

    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), CONTACTS, &text);
    let location = Location {
        root: dir.path().to_path_buf(),
    };

    let mut group = c.benchmark_group("book");
    group.sample_size(20);
    group.bench_function("load (500 contacts, 50k entries)", |b| {
        b.iter(|| folio::checks::load_valid(black_box(&location)).unwrap())
    });
    group.finish();

    let book = folio::checks::load_valid(&location).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let mut group = c.benchmark_group("ledger");
    group.throughput(Throughput::Elements(book.entries.len() as u64));
    group.bench_function("build receivables", |b| {
        b.iter(|| Ledger::build(black_box(&book), Side::Receivables, as_of, false))
    });
    group.bench_function("build receivables with trail", |b| {
        b.iter(|| Ledger::build(black_box(&book), Side::Receivables, as_of, true))
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
