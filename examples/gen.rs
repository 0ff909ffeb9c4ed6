//! `gen`: writes a large, realistic folio book, for benchmarks and for testing folio against
//! other tools on identical data.
//!
//! ```text
//! cargo run --release --example gen -- --contacts 20000 --entries 1000000 --seed 1 \
//!     --out /tmp/book-1m --ledger /tmp/book-1m.ledger
//! ```
//!
//! The book holds customers and suppliers (some both) with English, French and Chinese names,
//! valid VAT numbers (BE, FR) and unified social credit codes (CN), terms and credit limits, and
//! one journal file per year. Activity follows a power law over the contacts, about 5% of them
//! trade in USD, and a few lines are written a few days after later-dated ones, as happens when
//! a bank statement is booked late. Every `ref:` names a document of the same contact and
//! currency and of a kind the format allows, so `folio check` finds no error.
//!
//! With `--ledger FILE`, the same entries are also written as a ledger-cli / hledger journal:
//! `Assets:Receivables:<contact>` holds folio's receivables balance and
//! `Liabilities:Payables:<contact>` the payables balance with the opposite sign, as liabilities
//! are shown by those tools.
//!
//! The output depends only on the arguments: the same seed gives the same bytes.

use chrono::{Datelike, NaiveDate};
use clap::Parser;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(about = "Write a large, realistic folio book (and optionally a ledger journal)")]
struct Args {
    /// Number of contacts.
    #[arg(long, default_value_t = 2000)]
    contacts: usize,
    /// Number of journal entries, exactly.
    #[arg(long, default_value_t = 10_000)]
    entries: usize,
    /// Seed of the random generator; the same seed gives the same book.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory of the new book; must not hold a book yet (see --force).
    #[arg(long)]
    out: PathBuf,
    /// Years the entries are dated in, one journal file each.
    #[arg(long, value_delimiter = ',', default_values_t = [2024, 2025, 2026])]
    years: Vec<i32>,
    /// Also write the entries as a ledger-cli / hledger journal to this file.
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// Replace the book in --out: its folio.toml, contacts/ and journal/ are deleted first.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io::stderr().lock(), "gen: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    if args.contacts == 0 {
        return Err("--contacts must be at least 1".into());
    }
    if args.years.is_empty() || args.years.iter().any(|y| !(1900..=9000).contains(y)) {
        return Err("--years must list years between 1900 and 9000, e.g. 2024,2025,2026".into());
    }
    let started = Instant::now();
    let calendar = Calendar::new(&args.years);
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);

    prepare_out(&args.out, args.force)?;
    let contacts = make_contacts(&mut rng, args.contacts, calendar.first_year());
    write_contacts(&args.out, &contacts)?;
    let mut generator = Generator::new(rng, &contacts, &calendar, args.entries);
    generator.generate();
    let entries = generator.entries;
    let layout = Layout::new(&entries, &calendar);
    let journal_bytes = write_journal(&args.out, args, &contacts, &entries, &layout, &calendar)?;
    if let Some(path) = &args.ledger {
        write_ledger(path, &contacts, &entries, &layout, &calendar)?;
    }
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "gen: {} contacts, {} entries, {:.1} MB of journal in {} file(s), {:.2} s",
        contacts.len(),
        entries.len(),
        journal_bytes as f64 / 1e6,
        layout.years.len(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// Refuses to mix a new book into an existing one, unless told to replace it.
fn prepare_out(out: &Path, force: bool) -> Result<()> {
    if out.join("folio.toml").exists() {
        if !force {
            return Err(format!(
                "{} already holds a book; pass --force to replace it",
                out.display()
            )
            .into());
        }
        // Stale contact or journal files from a bigger run would change the book.
        for dir in ["contacts", "journal"] {
            let path = out.join(dir);
            if path.exists() {
                fs::remove_dir_all(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            }
        }
    }
    for dir in ["contacts", "journal"] {
        let path = out.join(dir);
        fs::create_dir_all(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Calendar: days are numbered from 0001-01-01 (chrono's num_days_from_ce); the text of every date
// that can be written is computed once.

/// The days entries may be dated on, and the text of every date that can appear in the output.
struct Calendar {
    /// First day of the first year.
    first: i32,
    /// Last day of the last year.
    last: i32,
    /// Per day from `first`: is its year one of the requested years?
    allowed: Vec<bool>,
    /// Per day from `first`: `YYYY-MM-DD`. Runs past `last` so that due dates can be written.
    text: Vec<[u8; 10]>,
    /// Per day from `first`: the year.
    year: Vec<i32>,
    /// Per day from `first`: the month, for the month separators of the journal.
    month: Vec<u8>,
}

/// How far past the last day due dates may fall.
const DUE_MARGIN: i32 = 400;

impl Calendar {
    fn new(years: &[i32]) -> Calendar {
        let low = *years.iter().min().expect("years is not empty");
        let high = *years.iter().max().expect("years is not empty");
        let start = NaiveDate::from_ymd_opt(low, 1, 1).expect("valid year");
        let end = NaiveDate::from_ymd_opt(high, 12, 31).expect("valid year");
        let (first, last) = (start.num_days_from_ce(), end.num_days_from_ce());
        let mut calendar = Calendar {
            first,
            last,
            allowed: Vec::new(),
            text: Vec::new(),
            year: Vec::new(),
            month: Vec::new(),
        };
        let mut day = start;
        for _ in first..=last + DUE_MARGIN {
            let mut text = [0u8; 10];
            text.copy_from_slice(day.format("%Y-%m-%d").to_string().as_bytes());
            calendar.text.push(text);
            calendar.year.push(day.year());
            calendar.month.push(day.month() as u8);
            calendar
                .allowed
                .push(day <= end && years.contains(&day.year()));
            day = day.succ_opt().expect("in range");
        }
        calendar
    }

    fn first_year(&self) -> i32 {
        self.year[0]
    }

    fn contains(&self, day: i32) -> bool {
        (self.first..=self.last).contains(&day) && self.allowed[(day - self.first) as usize]
    }

    fn text(&self, day: i32) -> &[u8; 10] {
        &self.text[(day - self.first) as usize]
    }

    fn year(&self, day: i32) -> i32 {
        self.year[(day - self.first) as usize]
    }

    fn month(&self, day: i32) -> u8 {
        self.month[(day - self.first) as usize]
    }

    fn is_weekend(&self, day: i32) -> bool {
        // 0001-01-01 (day 1) was a Monday.
        (day - 1).rem_euclid(7) >= 5
    }
}

// ---------------------------------------------------------------------------------------------
// Contacts.

/// Which sides a contact trades on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Roles {
    Customer,
    Supplier,
    Both,
}

/// How a contact settles what it owes (or how we settle what we owe it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Payer {
    /// Well before the due date.
    Early,
    /// Around the due date.
    OnTime,
    /// Two to six weeks late.
    Late,
    /// Months late, and some items are never paid.
    Bad,
}

/// What the generator needs to remember about a contact.
#[derive(Debug, Clone)]
struct Contact {
    id: String,
    roles: Roles,
    payer: Payer,
    /// Its entries are in USD (set in the contact file, sometimes repeated on the line).
    usd: bool,
    /// Payment terms in days (its own, or the book's 30).
    terms: i32,
    /// Typical document amount, in cents.
    scale: f64,
}

/// The text of a contact file, kept apart so the file is written once.
struct ContactFile {
    contact: Contact,
    toml: String,
}

#[derive(Debug, Clone, Copy)]
enum Country {
    Be,
    Fr,
    Cn,
    Us,
}

#[rustfmt::skip]
const BE_SURNAMES: &[&str] = &[
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
    "De Smet", "Dubois", "Lambert", "Dupont", "Lejeune", "Renard", "Leclercq", "Vermeulen",
    "Van Damme", "Michiels", "Hermans", "Desmet", "Verhaegen", "Delvaux", "Lemaire",
];
#[rustfmt::skip]
const BE_PREFIXES: &[&str] = &[
    "Maison", "Atelier", "Brasserie", "Boulangerie", "Studio", "Garage", "Bakkerij", "Drukkerij",
    "Transports", "Interieur", "Café", "Pharmacie",
];
const BE_SUFFIXES: &[&str] = &["SRL", "SA", "BV", "NV", "SRL", "BV"];
#[rustfmt::skip]
const BE_CITIES: &[(&str, &str, &str)] = &[
    ("1000", "Bruxelles", "Rue de la Loi"), ("1050", "Ixelles", "Chaussée de Waterloo"),
    ("2000", "Antwerpen", "Meir"), ("9000", "Gent", "Veldstraat"),
    ("4000", "Liège", "Rue Saint-Gilles"), ("5000", "Namur", "Rue de Fer"),
    ("8000", "Brugge", "Langestraat"), ("3000", "Leuven", "Bondgenotenlaan"),
    ("6000", "Charleroi", "Boulevard Tirou"), ("2800", "Mechelen", "Bruul"),
];
#[rustfmt::skip]
const FR_SURNAMES: &[&str] = &[
    "Lefèvre", "Moreau", "Girard", "Bonnet", "Dupuis", "Mercier", "Fontaine", "Rousseau", "Vincent",
    "Chevalier", "Faure", "Gauthier", "Garnier", "Perrin", "Robin", "Clément", "Morin", "Bérard",
    "Lemaître", "Bouvier", "Thévenin", "Noël",
];
#[rustfmt::skip]
const FR_PREFIXES: &[&str] = &[
    "Société", "Établissements", "Maison", "Atelier", "Boulangerie", "Café", "Librairie",
    "Galeries", "Créations", "Hôtel",
];
const FR_SUFFIXES: &[&str] = &["SARL", "SAS", "SA", "& Fils SARL", "SAS"];
#[rustfmt::skip]
const BE_FIRST_NAMES: &[&str] = &[
    "Sophie", "Pieter", "Lotte", "Jan", "Élise", "Thomas", "Marie", "Wout", "Françoise",
];
#[rustfmt::skip]
const FR_FIRST_NAMES: &[&str] = &[
    "Étienne", "Hélène", "Amélie", "François", "Benoît", "Céline", "Jérôme", "Zoé", "Léa", "Noémie",
    "Sébastien", "Anaïs",
];
#[rustfmt::skip]
const FR_CITIES: &[(&str, &str, &str)] = &[
    ("75001", "Paris", "rue de Rivoli"), ("69002", "Lyon", "rue Mercière"),
    ("13001", "Marseille", "La Canebière"), ("33000", "Bordeaux", "rue Sainte-Catherine"),
    ("59800", "Lille", "rue Faidherbe"), ("44000", "Nantes", "quai de la Fosse"),
    ("67000", "Strasbourg", "rue du Dôme"), ("31000", "Toulouse", "rue d'Alsace-Lorraine"),
];
#[rustfmt::skip]
const CN_CITIES: &[(&str, &str, &str, &str)] = &[
    ("shanghai", "上海", "200030", "310104"), ("shenzhen", "深圳", "518000", "440300"),
    ("hangzhou", "杭州", "310013", "330106"), ("guangzhou", "广州", "510000", "440104"),
    ("ningbo", "宁波", "315800", "330206"), ("xiamen", "厦门", "361001", "350203"),
    ("suzhou", "苏州", "215000", "320505"), ("foshan", "佛山", "528000", "440606"),
    ("qingdao", "青岛", "266000", "370202"), ("chengdu", "成都", "610000", "510104"),
];
#[rustfmt::skip]
const CN_WORDS: &[(&str, &str)] = &[
    ("lianhua", "莲花"), ("jinghua", "晶华"), ("haiyun", "海韵"), ("hongli", "宏力"), ("tianyu", "天宇"),
    ("xinda", "信达"), ("huamei", "华美"), ("jinlong", "金龙"), ("ruifeng", "瑞丰"), ("mingyang", "明阳"),
    ("boyuan", "博远"), ("kaixin", "凯信"),
];
#[rustfmt::skip]
const CN_TRADES: &[(&str, &str, &str)] = &[
    ("keji", "科技", "electronics"), ("maoyi", "贸易", "wholesale"), ("taoci", "陶瓷", "ceramics"),
    ("jiaju", "家居", "furniture"), ("wuliu", "物流", "logistics"), ("fangzhi", "纺织", "textiles"),
    ("zhaoming", "照明", "lighting"),
];
#[rustfmt::skip]
const EN_SURNAMES: &[&str] = &[
    "Harrison", "Whitfield", "Carter", "Bennett", "Hughes", "Palmer", "Sullivan", "Brooks",
    "Foster", "Mitchell", "Hudson", "Greenwood",
];
#[rustfmt::skip]
const EN_TRADES: &[(&str, &str)] = &[
    ("Trading", "wholesale"), ("Interiors", "design"), ("Supply", "wholesale"),
    ("Hospitality", "hospitality"), ("Logistics", "logistics"), ("Design", "design"),
    ("Imports", "retail"),
];
const EN_SUFFIXES: &[&str] = &["LLC", "Inc.", "Co."];
#[rustfmt::skip]
const US_CITIES: &[(&str, &str, &str)] = &[
    ("10001", "New York", "NY"), ("60607", "Chicago", "IL"), ("94103", "San Francisco", "CA"),
    ("02118", "Boston", "MA"),
];
#[rustfmt::skip]
const INDUSTRIES: &[&str] = &[
    "retail", "hospitality", "wholesale", "design", "services", "printing", "logistics", "art",
];
#[rustfmt::skip]
const TAGS: &[&str] = &[
    "vip", "wholesale", "retail", "design", "horeca", "export", "trade", "project", "new",
];
#[rustfmt::skip]
const NOTES: &[(&str, &str)] = &[
    ("call", "Asked for a copy of the last statement."),
    ("complaint", "Late delivery; goods arrived damaged."),
    ("resolution", "Replacement shipped, credit note agreed."),
    ("email", "Reminder sent for the open invoices."),
    ("call", "Nouveau contact à la comptabilité."),
];

/// Lower-case ASCII slug of a name: accents dropped, other characters become dashes.
fn slug(name: &str, out: &mut String) {
    let mut dash = !out.is_empty() && !out.ends_with('-');
    for c in name.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash {
                out.push('-');
                dash = false;
            }
            out.push(c);
        } else {
            dash = !out.is_empty();
        }
    }
}

/// Belgian VAT: BE0 + 7 digits + 97 - (first 8 digits mod 97).
fn be_vat(rng: &mut ChaCha8Rng) -> String {
    let body: u32 = rng.random_range(2_000_000..10_000_000);
    format!("BE0{body}{:02}", 97 - body % 97)
}

/// French VAT: FR + key + SIREN, the SIREN passing Luhn, key = (12 + 3 * (SIREN mod 97)) mod 97.
fn fr_vat(rng: &mut ChaCha8Rng) -> String {
    let body: u64 = rng.random_range(30_000_000..100_000_000);
    let siren = (0..10)
        .map(|check| body * 10 + check)
        .find(|&n| luhn(n))
        .expect("one digit fits");
    format!("FR{:02}{siren}", (12 + 3 * (siren % 97)) % 97)
}

fn luhn(number: u64) -> bool {
    let digits = number.to_string();
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let n = u32::from(b - b'0') * if i % 2 == 1 { 2 } else { 1 };
            if n > 9 { n - 9 } else { n }
        })
        .sum();
    sum.is_multiple_of(10)
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Chinese unified social credit code (GB 32100-2015): 91 (a company) + region + organisation
/// code (GB 11714, with its own check character) + a check character mod 31.
fn uscc(rng: &mut ChaCha8Rng, region: &str) -> String {
    let mut code = String::with_capacity(18);
    code.push_str("91");
    code.push_str(region);
    let body: u32 = rng.random_range(10_000_000..100_000_000);
    let body = body.to_string();
    code.push_str(&body);
    let weighted: u32 = body
        .bytes()
        .zip([3, 7, 9, 10, 5, 8, 4, 2])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    code.push(match 11 - weighted % 11 {
        10 => 'X',
        11 => '0',
        n => char::from(b'0' + n as u8),
    });
    code.push(uscc_check(&code));
    code
}

/// The 18th character of a unified social credit code, from the first 17: weights 3^i mod 31.
fn uscc_check(first17: &str) -> char {
    let mut weight = 1;
    let mut total = 0;
    for b in first17.bytes() {
        let value = USCC_CHARS
            .iter()
            .position(|&c| c == b)
            .expect("valid character") as u32;
        total += value * weight;
        weight = weight * 3 % 31;
    }
    char::from(USCC_CHARS[((31 - total % 31) % 31) as usize])
}

/// Who a contact is: the parts that depend on its country.
struct Identity {
    name: String,
    /// The readable part of the id, before the numeric suffix.
    id: String,
    industry: &'static str,
    language: &'static str,
    vat: Option<String>,
    phone: String,
    street: String,
    postcode: &'static str,
    city: &'static str,
    region: Option<&'static str>,
    country: &'static str,
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, items: &[T]) -> T {
    *items.choose(rng).expect("the lists are not empty")
}

fn identity(rng: &mut ChaCha8Rng, country: Country, person: bool, index: usize) -> Identity {
    match country {
        Country::Be => {
            let surname = pick(rng, BE_SURNAMES);
            let (postcode, city, street) = pick(rng, BE_CITIES);
            let name = if person {
                format!("{} {surname}", pick(rng, BE_FIRST_NAMES))
            } else {
                format!(
                    "{} {surname} {}",
                    pick(rng, BE_PREFIXES),
                    pick(rng, BE_SUFFIXES)
                )
            };
            let phone = format!(
                "+32 2 {} {:02} {:02}",
                rng.random_range(200..999),
                index % 100,
                rng.random_range(0..100)
            );
            Identity {
                id: String::new(),
                industry: pick(rng, INDUSTRIES),
                language: if rng.random_bool(0.5) { "nl" } else { "fr" },
                vat: (!person).then(|| be_vat(rng)),
                street: format!("{street} {}", rng.random_range(1..220)),
                name,
                phone,
                postcode,
                city,
                region: None,
                country: "BE",
            }
        }
        Country::Fr => {
            let surname = pick(rng, FR_SURNAMES);
            let (postcode, city, street) = pick(rng, FR_CITIES);
            let name = if person {
                format!("{} {surname}", pick(rng, FR_FIRST_NAMES))
            } else {
                format!(
                    "{} {surname} {}",
                    pick(rng, FR_PREFIXES),
                    pick(rng, FR_SUFFIXES)
                )
            };
            let phone = format!(
                "+33 1 {:02} {:02} {:02} {:02}",
                rng.random_range(10..99),
                index % 100,
                rng.random_range(0..100),
                rng.random_range(0..100)
            );
            Identity {
                id: String::new(),
                industry: pick(rng, INDUSTRIES),
                language: "fr",
                vat: (!person).then(|| fr_vat(rng)),
                street: format!("{} {street}", rng.random_range(1..120)),
                name,
                phone,
                postcode,
                city,
                region: None,
                country: "FR",
            }
        }
        Country::Cn => {
            let (city_latin, city, postcode, region_code) = pick(rng, CN_CITIES);
            let (word_latin, word) = pick(rng, CN_WORDS);
            let (trade_latin, trade, industry) = pick(rng, CN_TRADES);
            Identity {
                name: format!("{city}{word}{trade}有限公司"),
                id: format!("{city_latin}-{word_latin}-{trade_latin}"),
                industry,
                language: if rng.random_bool(0.8) { "zh" } else { "en" },
                vat: rng.random_bool(0.85).then(|| uscc(rng, region_code)),
                phone: format!(
                    "+86 21 {} {:04}",
                    rng.random_range(5000..9000),
                    index % 10_000
                ),
                street: format!("{word}路 {} 号", rng.random_range(1..900)),
                postcode,
                city,
                region: None,
                country: "CN",
            }
        }
        Country::Us => {
            let (trade, industry) = pick(rng, EN_TRADES);
            let (postcode, city, state) = pick(rng, US_CITIES);
            Identity {
                name: format!(
                    "{} {trade} {}",
                    pick(rng, EN_SURNAMES),
                    pick(rng, EN_SUFFIXES)
                ),
                id: String::new(),
                industry,
                language: "en",
                vat: None,
                phone: format!("+1 212 555 {:04}", index % 10_000),
                street: format!("{} Main Street", rng.random_range(1..2000)),
                postcode,
                city,
                region: Some(state),
                country: "US",
            }
        }
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Makes the contacts and the text of their files. Ids are unique by their numeric suffix;
/// VAT numbers are drawn again when one repeats.
fn make_contacts(rng: &mut ChaCha8Rng, count: usize, first_year: i32) -> Vec<ContactFile> {
    let width = count.to_string().len();
    let mut vats = HashSet::with_capacity(count);
    let mut files = Vec::with_capacity(count);
    for index in 0..count {
        let country = match rng.random_range(0..100) {
            0..38 => Country::Be,
            38..70 => Country::Fr,
            70..96 => Country::Cn,
            _ => Country::Us,
        };
        let roles = match rng.random_range(0..100) {
            0..62 => Roles::Customer,
            62..90 => Roles::Supplier,
            _ => Roles::Both,
        };
        let person = roles == Roles::Customer
            && matches!(country, Country::Be | Country::Fr)
            && rng.random_bool(0.06);
        let mut who = identity(rng, country, person, index);
        if who.id.is_empty() {
            slug(&who.name, &mut who.id);
        }
        who.id.truncate(40);
        let base = who.id.trim_end_matches('-').to_string();
        let id = format!("{base}-{index:0width$}");
        if let Some(vat) = &mut who.vat {
            while !vats.insert(vat.clone()) {
                *vat = match country {
                    Country::Be => be_vat(rng),
                    Country::Fr => fr_vat(rng),
                    _ => uscc(rng, &vat[2..8]),
                };
            }
        }
        let contact = Contact {
            id,
            roles,
            usd: match country {
                Country::Us => true,
                Country::Cn => rng.random_bool(0.05),
                _ => false,
            },
            terms: match rng.random_range(0..10) {
                0 => 14,
                1 => 45,
                2 => 60,
                _ => 30,
            },
            payer: match rng.random_range(0..20) {
                0..5 => Payer::Early,
                5..14 => Payer::OnTime,
                14..18 => Payer::Late,
                _ => Payer::Bad,
            },
            // Log-uniform between 80 and 25,000 (in cents): many small accounts, a few big ones.
            scale: rng.random_range(80f64.ln()..25_000f64.ln()).exp() * 100.0,
        };
        let toml = contact_toml(rng, &contact, &who, &base, first_year, index);
        files.push(ContactFile { contact, toml });
    }
    files
}

/// The text of `contacts/<id>.toml`, with the optional parts present on some contacts only.
fn contact_toml(
    rng: &mut ChaCha8Rng,
    contact: &Contact,
    who: &Identity,
    base: &str,
    first_year: i32,
    index: usize,
) -> String {
    let mut toml = String::with_capacity(512);
    let _ = writeln!(toml, "name = {}", quote(&who.name));
    match contact.roles {
        Roles::Customer => {}
        Roles::Supplier => toml.push_str("roles = [\"supplier\"]\n"),
        Roles::Both => toml.push_str("roles = [\"customer\", \"supplier\"]\n"),
    }
    if rng.random_bool(0.92) {
        let mailbox = ["info", "compta", "ap", "finance"][index % 4];
        let _ = writeln!(toml, "email = \"{mailbox}@{base}.example\"");
    }
    let _ = writeln!(toml, "phone = {}", quote(&who.phone));
    if let Some(vat) = &who.vat {
        let _ = writeln!(toml, "vat = \"{vat}\"");
    }
    let _ = writeln!(toml, "industry = \"{}\"", who.industry);
    let tag_count = rng.random_range(0..3);
    let tags: Vec<String> = TAGS
        .choose_multiple(rng, tag_count)
        .map(|t| quote(t))
        .collect();
    let _ = writeln!(toml, "tags = [{}]", tags.join(", "));
    let _ = writeln!(toml, "language = \"{}\"", who.language);
    if contact.usd {
        toml.push_str("currency = \"USD\"\n");
    }
    if contact.terms != 30 {
        let _ = writeln!(toml, "terms = {}", contact.terms);
    }
    if contact.roles != Roles::Supplier && rng.random_bool(0.4) {
        let thousands = (contact.scale * rng.random_range(3.0..12.0) / 100_000.0).ceil() as u64;
        let _ = writeln!(toml, "credit_limit = \"{}.00\"", thousands.max(1) * 1000);
    }
    let _ = writeln!(
        toml,
        "since = {}-{:02}-{:02}",
        rng.random_range(first_year - 12..first_year),
        rng.random_range(1..13),
        rng.random_range(1..29)
    );
    let _ = write!(
        toml,
        "\n[address]\nstreet = {}\npostcode = \"{}\"\ncity = \"{}\"\n",
        quote(&who.street),
        who.postcode,
        who.city
    );
    if let Some(region) = who.region {
        let _ = writeln!(toml, "region = \"{region}\"");
    }
    let _ = writeln!(toml, "country = \"{}\"", who.country);
    if rng.random_bool(0.05) {
        toml.push_str("\n[preferences]\nnewsletter = false\n");
    }
    if rng.random_bool(0.1) {
        let manager = ["Claire", "Marc", "Lena", "Wei"][index % 4];
        let _ = write!(toml, "\n[custom]\naccount_manager = \"{manager}\"\n");
    }
    if rng.random_bool(0.05) {
        let (kind, text) = pick(rng, NOTES);
        let _ = write!(
            toml,
            "\n[[notes]]\ndate = {first_year}-{:02}-{:02}\nkind = \"{kind}\"\ntext = {}\n",
            rng.random_range(1..13),
            rng.random_range(1..29),
            quote(text)
        );
    }
    toml
}

fn write_contacts(out: &Path, contacts: &[ContactFile]) -> Result<()> {
    let config = String::from(
        "# A generated book (examples/gen.rs) for benchmarks: its data is random.\n\
         name = \"Benchmark Trading SRL\"\ncurrency = \"EUR\"\nterms = 30\n\n\
         [aging]\nbuckets = [30, 60, 90]\n\n[credit]\nwarn_at = 0.8\nhold_after_days = 60\n\n\
         [company]\nemail = \"billing@benchmark.example\"\n",
    );
    fs::write(out.join("folio.toml"), config)?;
    let dir = out.join("contacts");
    let mut path = dir.clone();
    for file in contacts {
        path.push(format!("{}.toml", file.contact.id));
        fs::write(&path, &file.toml)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        path.pop();
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Entries.

/// The kind of an entry, as the journal spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invoice,
    Refund,
    Payment,
    Credit,
    Bill,
    Payout,
    Debit,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Invoice => "invoice",
            Kind::Refund => "refund",
            Kind::Payment => "payment",
            Kind::Credit => "credit",
            Kind::Bill => "bill",
            Kind::Payout => "payout",
            Kind::Debit => "debit",
        }
    }

    /// Document id prefix of each kind's own numbering.
    fn prefix(self) -> &'static str {
        match self {
            Kind::Invoice => "INV",
            Kind::Refund => "RF",
            Kind::Payment => "PAY",
            Kind::Credit => "CN",
            Kind::Bill => "BILL",
            Kind::Payout => "PO",
            Kind::Debit => "DN",
        }
    }

    fn takes_due(self) -> bool {
        matches!(self, Kind::Invoice | Kind::Bill)
    }

    /// The ledger accounts of the two postings: the contact's account with the signed amount
    /// (`true`: the contact's account goes up), and the other account.
    fn postings(self) -> (bool, &'static str) {
        match self {
            Kind::Invoice => (true, "Income:Sales"),
            Kind::Refund => (true, "Assets:Bank"),
            Kind::Payment => (false, "Assets:Bank"),
            Kind::Credit => (false, "Income:Sales"),
            // Payables are liabilities: what we owe is a negative balance in ledger.
            Kind::Bill => (false, "Expenses:Purchases"),
            Kind::Payout => (true, "Assets:Bank"),
            Kind::Debit => (true, "Expenses:Purchases"),
        }
    }

    fn receivable(self) -> bool {
        matches!(
            self,
            Kind::Invoice | Kind::Refund | Kind::Payment | Kind::Credit
        )
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// No `ref:`.
const NO_REF: u32 = u32::MAX;
/// No memo.
const NO_MEMO: u16 = u16::MAX;

/// One journal entry; 40 bytes, so a million of them fit in 40 MB.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The entry's date.
    day: i32,
    /// The day it was written down: a few entries are booked late and sit below later lines.
    booked: i32,
    /// Explicit `due:`, or 0.
    due: i32,
    /// Index of the contact.
    contact: u32,
    /// Index of the entry named by `ref:`, or [`NO_REF`].
    reference: u32,
    /// Amount in cents, positive.
    amount: u64,
    /// `po:` number on invoices and bills, payment method + 1 on the others; 0 for none.
    extra: u32,
    /// Index in the kind's memos ([`Kind::memos`]), or [`NO_MEMO`].
    memo: u16,
    kind: Kind,
    /// Write the currency on the line even though the contact or the book implies it.
    currency_written: bool,
}

const METHODS: &[&str] = &["bank", "card", "sepa-dd", "wire", "cash"];
/// Memos by kind, so that a payment never says "ocean freight".
#[rustfmt::skip]
const SALES_MEMOS: &[&str] = &[
    "consulting, monthly retainer", "pendant lamps, spring collection", "linen cushions and throws",
    "tableware, restaurant series", "acompte 30% sur commande", "solde de la commande",
    "livraison partielle", "showroom styling", "design fee, lobby project", "maintenance contract",
    "样品费用", "年度服务费",
];
#[rustfmt::skip]
const RECEIPT_MEMOS: &[&str] = &[
    "booked from the bank statement", "part payment, rest next month", "wire charges deducted",
    "virement groupé", "deposit", "货款",
];
#[rustfmt::skip]
const NOTE_MEMOS: &[&str] = &[
    "goods returned, damaged in transit", "price correction", "remise commerciale",
    "wrong colour delivered", "退货",
];
#[rustfmt::skip]
const REFUND_MEMOS: &[&str] = &[
    "paid twice by the bank", "credit note paid back", "surplus returned",
];
#[rustfmt::skip]
const PURCHASE_MEMOS: &[&str] = &[
    "ocean freight, 1x20'", "linen, natural, 300 m", "porcelain, 1200 pcs",
    "printing, spring catalogue", "deliveries, monthly statement", "bookkeeping and VAT returns",
    "货款",
];

impl Kind {
    fn memos(self) -> &'static [&'static str] {
        match self {
            Kind::Invoice => SALES_MEMOS,
            Kind::Bill => PURCHASE_MEMOS,
            Kind::Payment | Kind::Payout => RECEIPT_MEMOS,
            Kind::Credit | Kind::Debit => NOTE_MEMOS,
            Kind::Refund => REFUND_MEMOS,
        }
    }

    fn takes_method(self) -> bool {
        matches!(self, Kind::Payment | Kind::Payout | Kind::Refund)
    }
}

/// Draws contacts with a power-law weight: rank k gets 1 / k^0.85.
struct Activity {
    cumulative: Vec<f64>,
    contact_of_rank: Vec<u32>,
}

impl Activity {
    fn new(rng: &mut ChaCha8Rng, count: usize) -> Activity {
        // Ranks are shuffled so that activity does not follow the id order.
        let mut contact_of_rank: Vec<u32> = (0..count as u32).collect();
        for i in (1..count).rev() {
            contact_of_rank.swap(i, rng.random_range(0..=i));
        }
        let mut total = 0.0;
        let cumulative = (1..=count)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(0.85);
                total
            })
            .collect();
        Activity {
            cumulative,
            contact_of_rank,
        }
    }

    fn draw(&self, rng: &mut ChaCha8Rng) -> u32 {
        let total = *self.cumulative.last().expect("at least one contact");
        let target = rng.random_range(0.0..total);
        let rank = self
            .cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1);
        self.contact_of_rank[rank]
    }
}

/// Writes stories (an invoice and how it was settled, a bill and how we paid it) until the
/// number of entries is reached.
struct Generator<'a> {
    rng: ChaCha8Rng,
    contacts: &'a [ContactFile],
    calendar: &'a Calendar,
    entries: Vec<Entry>,
    limit: usize,
}

impl<'a> Generator<'a> {
    fn new(
        rng: ChaCha8Rng,
        contacts: &'a [ContactFile],
        calendar: &'a Calendar,
        limit: usize,
    ) -> Generator<'a> {
        Generator {
            rng,
            contacts,
            calendar,
            entries: Vec::with_capacity(limit),
            limit,
        }
    }

    fn generate(&mut self) {
        let activity = Activity::new(&mut self.rng, self.contacts.len());
        let span = self.calendar.last - self.calendar.first + 1;
        let mut po = 4400u32;
        while self.entries.len() < self.limit {
            let contact = activity.draw(&mut self.rng);
            let mut day = self.calendar.first + self.rng.random_range(0..span);
            if !self.calendar.contains(day) {
                continue;
            }
            // Offices mostly invoice on working days.
            while self.calendar.is_weekend(day) && self.rng.random_bool(0.9) {
                day += 1;
            }
            let c = &self.contacts[contact as usize].contact;
            let receivable = match c.roles {
                Roles::Customer => true,
                Roles::Supplier => false,
                Roles::Both => self.rng.random_bool(0.6),
            };
            po += 1;
            self.story(contact, day, receivable, po);
        }
    }

    /// Adds an entry unless the budget is spent or its date falls outside the requested years.
    fn push(&mut self, entry: Entry) -> Option<u32> {
        if self.entries.len() >= self.limit || !self.calendar.contains(entry.day) {
            return None;
        }
        let mut entry = entry;
        // About 2% are booked a few days late.
        entry.booked = entry.day;
        if self.rng.random_range(0..50) == 0 {
            entry.booked += self.rng.random_range(1..5);
        }
        if entry.memo == NO_MEMO && self.rng.random_range(0..100) < 26 {
            entry.memo = self.rng.random_range(0..entry.kind.memos().len() as u16);
        }
        entry.currency_written = self.rng.random_range(0..100) < 15;
        self.entries.push(entry);
        Some(self.entries.len() as u32 - 1)
    }

    fn entry(
        &mut self,
        kind: Kind,
        contact: u32,
        day: i32,
        amount: u64,
        reference: Option<u32>,
    ) -> Entry {
        let extra = if kind.takes_method() && self.rng.random_range(0..100) < 70 {
            self.rng.random_range(0..METHODS.len() as u32) + 1
        } else {
            0
        };
        Entry {
            day,
            booked: day,
            due: 0,
            contact,
            reference: reference.unwrap_or(NO_REF),
            amount,
            extra,
            memo: NO_MEMO,
            kind,
            currency_written: false,
        }
    }

    /// Days after the due date this contact settles, negative when early.
    fn delay(&mut self, payer: Payer) -> i32 {
        match payer {
            Payer::Early => -self.rng.random_range(3..25),
            Payer::OnTime => self.rng.random_range(-5..6),
            Payer::Late => self.rng.random_range(12..45),
            Payer::Bad => self.rng.random_range(30..150),
        }
    }

    fn story(&mut self, contact: u32, day: i32, receivable: bool, po: u32) {
        let Contact {
            payer,
            terms,
            scale,
            ..
        } = self.contacts[contact as usize].contact;
        let (debit, credit, note, back) = if receivable {
            (
                Kind::Invoice,
                Kind::Payment,
                Kind::Credit,
                Some(Kind::Refund),
            )
        } else {
            (Kind::Bill, Kind::Payout, Kind::Debit, None)
        };
        let factor = (self.rng.random_range(-0.8f64..0.8)).exp();
        let mut amount = ((scale * factor) as u64).max(500);
        if self.rng.random_bool(0.4) {
            amount -= amount % 100; // a round amount
        }
        let mut document = self.entry(debit, contact, day, amount, None);
        let due = if self.rng.random_range(0..100) < 25 {
            let due = day + [0, 7, 14, 30, 45, 60, 90][self.rng.random_range(0..7)];
            document.due = due;
            due
        } else {
            day + terms
        };
        if self.rng.random_range(0..100) < 35 {
            document.extra = po;
        }
        let Some(target) = self.push(document) else {
            return;
        };
        let paid_on = due + self.delay(payer);
        let roll = self.rng.random_range(0..100);
        match roll {
            // Paid in full, usually with ref.
            0..50 => {
                let reference = self.rng.random_bool(0.8).then_some(target);
                let e = self.entry(credit, contact, paid_on, amount, reference);
                self.push(e);
            }
            // Prepaid: a deposit or the whole amount before the document, with or without ref.
            50..56 => {
                let deposit = if self.rng.random_bool(0.5) {
                    amount
                } else {
                    amount * 3 / 10
                };
                let early = day - self.rng.random_range(2..25);
                let reference = self.rng.random_bool(0.7).then_some(target);
                let e = self.entry(credit, contact, early, deposit, reference);
                self.push(e);
                if deposit < amount {
                    let e = self.entry(credit, contact, paid_on, amount - deposit, Some(target));
                    self.push(e);
                }
            }
            // Partly paid: one part, then maybe the rest without ref.
            56..66 => {
                let part = amount * self.rng.random_range(20..80) / 100;
                let e = self.entry(credit, contact, paid_on, part, Some(target));
                self.push(e);
                if self.rng.random_bool(0.6) {
                    let later = paid_on + self.rng.random_range(10..40);
                    let e = self.entry(credit, contact, later, amount - part, None);
                    self.push(e);
                }
            }
            // Overpaid; on the receivables side the surplus is often refunded with ref.
            66..72 => {
                let surplus = if self.rng.random_bool(0.5) {
                    amount
                } else {
                    self.rng.random_range(100..(amount / 2).max(101))
                };
                let e = self.entry(credit, contact, paid_on, amount + surplus, Some(target));
                if let (Some(payment), Some(back)) = (self.push(e), back)
                    && self.rng.random_bool(0.6)
                {
                    let later = paid_on + self.rng.random_range(5..30);
                    let e = self.entry(back, contact, later, surplus, Some(payment));
                    self.push(e);
                }
            }
            // A credit or debit note with ref, then the rest paid; sometimes the note comes
            // after full payment and is refunded.
            72..82 => {
                let part = (amount * self.rng.random_range(5..50) / 100).max(1);
                let noted = day + self.rng.random_range(3..20);
                let e = self.entry(note, contact, noted, part, Some(target));
                let note_index = self.push(e);
                match (back, note_index) {
                    (Some(back), Some(note_index)) if self.rng.random_bool(0.25) => {
                        let e = self.entry(
                            credit,
                            contact,
                            paid_on.min(noted - 1),
                            amount,
                            Some(target),
                        );
                        self.push(e);
                        let refunded = noted + self.rng.random_range(3..20);
                        let e = self.entry(back, contact, refunded, part, Some(note_index));
                        self.push(e);
                    }
                    _ => {
                        let e = self.entry(credit, contact, paid_on, amount - part, Some(target));
                        self.push(e);
                    }
                }
            }
            // Paid late without ref, as part of a larger transfer; or, mostly by bad payers,
            // never paid.
            _ => {
                if payer != Payer::Bad && self.rng.random_bool(0.7) {
                    let later = paid_on + self.rng.random_range(0..30);
                    let e = self.entry(credit, contact, later, amount, None);
                    self.push(e);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// The order entries are written in, per year file, and the document number of each entry.
struct Layout {
    /// The years that have entries, ascending.
    years: Vec<i32>,
    /// Entry indices: by year of the date, then booking day, then generation order.
    order: Vec<u32>,
    /// Per entry, its number in its kind's series for its year; gapless in written order.
    number: Vec<u32>,
}

impl Layout {
    fn new(entries: &[Entry], calendar: &Calendar) -> Layout {
        let mut keyed: Vec<(i32, i32, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (calendar.year(e.day), e.booked, i as u32))
            .collect();
        keyed.sort_unstable();
        let mut years: Vec<i32> = keyed.iter().map(|k| k.0).collect();
        years.dedup();
        let mut number = vec![0u32; entries.len()];
        let mut counters = [0u32; 7];
        let mut year = i32::MIN;
        for &(entry_year, _, index) in &keyed {
            if entry_year != year {
                year = entry_year;
                counters = [0; 7];
            }
            let counter = &mut counters[entries[index as usize].kind.index()];
            *counter += 1;
            number[index as usize] = *counter;
        }
        Layout {
            years,
            order: keyed.into_iter().map(|k| k.2).collect(),
            number,
        }
    }
}

/// Writes a document id such as `INV-2025-000042`.
fn write_id(w: &mut impl Write, entry: &Entry, number: u32, calendar: &Calendar) -> io::Result<()> {
    write!(
        w,
        "{}-{}-{:06}",
        entry.kind.prefix(),
        calendar.year(entry.day),
        number
    )
}

fn write_amount(w: &mut impl Write, cents: u64) -> io::Result<()> {
    write!(w, "{}.{:02}", cents / 100, cents % 100)
}

fn write_journal(
    out: &Path,
    args: &Args,
    contacts: &[ContactFile],
    entries: &[Entry],
    layout: &Layout,
    calendar: &Calendar,
) -> Result<u64> {
    let mut total = 0u64;
    let mut position = 0;
    for &year in &layout.years {
        let path = out.join("journal").join(format!("{year}.journal"));
        let file =
            File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let mut w = CountingWriter {
            inner: BufWriter::with_capacity(1 << 20, file),
            count: 0,
        };
        writeln!(
            w,
            "# Generated by examples/gen.rs: --contacts {} --entries {} --seed {}. Random data.",
            args.contacts, args.entries, args.seed
        )?;
        let mut month = 0;
        while position < layout.order.len() {
            let index = layout.order[position] as usize;
            let e = &entries[index];
            if calendar.year(e.day) != year {
                break;
            }
            position += 1;
            // Entries booked late into January stay in their own year's file, under December.
            if calendar.month(e.booked) != month && calendar.year(e.booked) == year {
                month = calendar.month(e.booked);
                writeln!(w, "\n; {year}-{month:02}")?;
            }
            let contact = &contacts[e.contact as usize].contact;
            w.write_all(calendar.text(e.day))?;
            write!(w, " {} ", e.kind.word())?;
            write_id(&mut w, e, layout.number[index], calendar)?;
            write!(w, " {} ", contact.id)?;
            write_amount(&mut w, e.amount)?;
            if e.currency_written {
                w.write_all(if contact.usd { b" USD" } else { b" EUR" })?;
            }
            if e.due != 0 {
                w.write_all(b" due:")?;
                w.write_all(calendar.text(e.due))?;
            }
            if e.reference != NO_REF {
                w.write_all(b" ref:")?;
                let target = &entries[e.reference as usize];
                write_id(
                    &mut w,
                    target,
                    layout.number[e.reference as usize],
                    calendar,
                )?;
            }
            if e.extra != 0 {
                if e.kind.takes_due() {
                    write!(w, " po:{}", e.extra)?;
                } else {
                    write!(w, " method:{}", METHODS[e.extra as usize - 1])?;
                }
            }
            if e.memo != NO_MEMO {
                write!(w, " ; {}", e.kind.memos()[e.memo as usize])?;
            }
            w.write_all(b"\n")?;
        }
        w.flush()?;
        total += w.count;
    }
    Ok(total)
}

/// Counts the bytes written, for the summary line.
struct CountingWriter<W: Write> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One transaction per entry, in the journal's order, e.g.
///
/// ```text
/// 2025-03-14 (INV-2025-000123) lefevre-sarl-01234
///     Assets:Receivables:lefevre-sarl-01234  1210.00 EUR
///     Income:Sales
/// ```
fn write_ledger(
    path: &Path,
    contacts: &[ContactFile],
    entries: &[Entry],
    layout: &Layout,
    calendar: &Calendar,
) -> Result<()> {
    let file = File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    writeln!(
        w,
        "; Generated by examples/gen.rs, the same entries as the folio book."
    )?;
    writeln!(
        w,
        "; Assets:Receivables:<contact> = folio balance; Liabilities:Payables:<contact> = -(folio balance --payables).\n"
    )?;
    for &index in &layout.order {
        let e = &entries[index as usize];
        let contact = &contacts[e.contact as usize].contact;
        w.write_all(calendar.text(e.day))?;
        w.write_all(b" (")?;
        write_id(&mut w, e, layout.number[index as usize], calendar)?;
        writeln!(w, ") {}", contact.id)?;
        let (up, other) = e.kind.postings();
        let account = if e.kind.receivable() {
            "Assets:Receivables"
        } else {
            "Liabilities:Payables"
        };
        write!(
            w,
            "    {account}:{}  {}",
            contact.id,
            if up { "" } else { "-" }
        )?;
        write_amount(&mut w, e.amount)?;
        writeln!(
            w,
            " {}\n    {other}\n",
            if contact.usd { "USD" } else { "EUR" }
        )?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..1000 {
            let be = be_vat(&mut rng);
            let n: u64 = be[2..10].parse().unwrap();
            assert_eq!(97 - n % 97, be[10..].parse::<u64>().unwrap(), "{be}");
            let fr = fr_vat(&mut rng);
            let siren: u64 = fr[4..].parse().unwrap();
            assert!(luhn(siren), "{fr}");
            assert_eq!(
                (12 + 3 * (siren % 97)) % 97,
                fr[2..4].parse::<u64>().unwrap(),
                "{fr}"
            );
        }
        // Codes quoted as valid in GB 32100-2015 material and on public business registers.
        for known in ["91350100M000100Y43", "91110000600037341L"] {
            assert_eq!(
                uscc_check(&known[..17]),
                known.chars().last().unwrap(),
                "{known}"
            );
        }
        let code = uscc(&mut rng, "440300");
        assert_eq!(code.len(), 18);
        assert_eq!(uscc_check(&code[..17]), code.chars().last().unwrap());
    }

    #[test]
    fn slugs() {
        let mut s = String::new();
        slug("Société Lefèvre & Fils SARL", &mut s);
        assert_eq!(s, "societe-lefevre-fils-sarl");
    }
}
