//! `floor`: the read-only floor of issue 4, to calibrate a machine against the figures quoted there.
//!
//! ```text
//! cargo run --release --example floor -- bench/out/book-1000000
//! ```
//!
//! The issue measures "a minimal program that only reads the same contacts with toml+serde and
//! sums the journal amounts per contact, validating nothing" at 0.29 s on its reference machine.
//! This is that program: one thread, each contact file deserialized by toml+serde into a struct,
//! each journal line split on blanks and its amount added to its contact's sum. It checks nothing
//! (no dates, no kinds, no references, no currencies, no allocation), so it is a lower bound for
//! what folio does, not a rival; bench/compare.sh times it beside folio so that the ratio of the
//! two, which does not depend on the machine, can be compared with the issue's targets.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// The fields a contact file holds, as a plain serde program would declare them.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read to pay for deserializing them, like a real program would
struct Contact {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    industry: Option<String>,
    tags: Option<Vec<String>>,
    language: Option<String>,
    credit_limit: Option<String>,
    vat: Option<String>,
    terms: Option<u32>,
    roles: Option<Vec<String>>,
    currency: Option<String>,
    since: Option<toml::value::Datetime>,
    account_manager: Option<String>,
    newsletter: Option<bool>,
    address: Option<Address>,
    notes: Option<Vec<Note>>,
}

/// A dated note on a contact.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Note {
    date: toml::value::Datetime,
    kind: Option<String>,
    text: String,
}

/// A contact's postal address.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Address {
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
}

fn main() -> ExitCode {
    let Some(book) = std::env::args().nth(1) else {
        let _ = writeln!(io::stderr(), "usage: floor BOOK");
        return ExitCode::from(64);
    };
    match run(Path::new(&book)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io::stderr(), "floor: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(book: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut sums: HashMap<String, (Contact, Decimal)> = HashMap::new();
    for file in fs::read_dir(book.join("contacts"))? {
        let path = file?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let contact: Contact = toml::from_str(&fs::read_to_string(&path)?)?;
            let id = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            sums.insert(id, (contact, Decimal::ZERO));
        }
    }
    let mut journals: Vec<_> = fs::read_dir(book.join("journal"))?
        .map(|f| f.map(|f| f.path()))
        .collect::<Result<_, _>>()?;
    journals.sort();
    for path in journals {
        let text = fs::read_to_string(&path)?;
        for line in text.lines() {
            let mut fields = line.split_ascii_whitespace();
            let (Some(_date), Some(_kind), Some(_doc), Some(contact), Some(amount)) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                continue;
            };
            if let (Some((_, sum)), Ok(amount)) = (sums.get_mut(contact), amount.parse::<Decimal>())
            {
                *sum += amount;
            }
        }
    }
    let total: Decimal = sums.values().map(|(_, sum)| *sum).sum();
    let mut out = io::stdout().lock();
    writeln!(out, "{} contacts, {} in all", sums.len(), total)?;
    Ok(())
}
