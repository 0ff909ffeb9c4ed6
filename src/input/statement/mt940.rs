//! SWIFT MT940 customer statements, as Dutch and German banks (and many others) export them.
//!
//! A statement is a run of fields, each starting on a line with its tag (`:20:`, `:25:`,
//! `:28C:`, `:60F:`, `:61:`, `:86:`, `:62F:`, ...); a field's other lines follow it. A file holds
//! any number of statements, each from its `:20:` to its closing balance, with or without the
//! SWIFT blocks around them (`{1:...}{2:...}{4:` ... `-}`), lines ending in CRLF or LF. Each
//! statement's opening balance plus its lines must be its closing balance, or the file is
//! refused: a line read wrongly never passes silently.
//!
//! A transaction is a `:61:` (dates, amount, references) and the `:86:` after it, read in the
//! layout the bank chose:
//! - German banks (the "GVC" layout of the Deutsche Kreditwirtschaft): a three-digit code, then
//!   sub-fields `?00` posting text, `?20`-`?29` and `?60`-`?63` purpose, `?30` the
//!   counterparty's bank (BLZ or BIC), `?31` its account or IBAN, `?32`-`?33` its name; the
//!   purpose of a SEPA payment holds `EREF+`, `KREF+`, `MREF+`, `CRED+`, `SVWZ+`, `ABWA+`...,
//!   and the communication is what follows `SVWZ+`.
//! - Dutch banks (ING, Rabobank, ABN AMRO): `/KEY/value` pairs such as `/NAME/`, `/IBAN/`,
//!   `/CNTP/iban/bic/name/city/`, `/REMI/` (`USTD//text` or `STRD/CUR/reference`), `/EREF/`.
//! - Anything else is free text, its lines joined with a space.
//!
//! The lines of the first two layouts are cut at 65 characters wherever the text is, so they
//! are joined without a space. A Belgian structured communication or an ISO 11649 creditor
//! reference in the communication (or the end-to-end reference) goes to `structured`.
//!
//! Dates are YYMMDD (by [`crate::input::values::TWO_DIGIT_YEAR_PIVOT`]); the booking date is
//! the `:61:` entry date (MMDD) when there is one, in the year that puts it nearest the value
//! date (a value date of 31 December booked on 2 January is booked in the next year).
//!
//! No crate is used: `mt940` (crates.io) reads the fields but neither the Dutch layout nor the
//! SEPA prefixes, refuses letters outside the SWIFT character set (`é`, `ü`) unless they are
//! first replaced, and brings a command-line parser with it.

use super::{Format, ParsedStatement, Place, StatementLine, one_line};
use crate::diagnostic::Diagnostic;
use crate::identifiers::{iban, structured};
use crate::input::csv::{Encoding, decode};
use crate::input::values::year_of_two_digits;
use crate::money::Currency;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// True when `bytes` look like MT940: a `:20:` field, then an account (`:25:`) and a balance
/// or statement line, each at the start of a line.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let text = String::from_utf8_lossy(head);
    let mut seen = (false, false, false);
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}');
        let line = line.find("{4:").map_or(line, |at| &line[at + 3..]);
        seen.0 |= line.starts_with(":20:");
        seen.1 |= seen.0 && line.starts_with(":25:");
        seen.2 |= seen.1
            && [":60F:", ":60M:", ":61:", ":62F:"]
                .iter()
                .any(|tag| line.starts_with(tag));
    }
    seen.0 && seen.1 && seen.2
}

/// One field: its tag and its lines, each with where its text starts.
struct FieldText<'a> {
    tag: &'a str,
    /// (line, column of the first character, text).
    lines: Vec<(u32, u32, &'a str)>,
}

impl FieldText<'_> {
    fn place(&self) -> Place {
        let (line, column, _) = self.lines[0];
        Place { line, column }
    }
}

/// Reads an MT940 file: every statement in it, or every problem found (positioned). Public
/// for the fuzz targets; callers go through the statement reader that detects the format.
pub fn read(bytes: &[u8], shown: &Path) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let decoded = decode(bytes, Encoding::Guess).map_err(|e| vec![e.diagnostic(shown, "")])?;
    let mut reader = Reader {
        shown,
        text: &decoded.text,
        errors: Vec::new(),
        notes: Vec::new(),
        lines: Vec::new(),
        accounts: Vec::new(),
        currencies: Vec::new(),
        open: None,
    };
    if decoded.guessed {
        reader.notes.push(format!(
            "the file is not UTF-8: read as {}",
            decoded.encoding
        ));
    }
    let fields = fields(&decoded.text);
    for (index, field) in fields.iter().enumerate() {
        let next = fields.get(index + 1).filter(|next| next.tag == "86");
        reader.field(field, next);
    }
    reader.close(None);
    if reader.lines.is_empty() && reader.accounts.is_empty() && reader.errors.is_empty() {
        reader.errors.push(Diagnostic::error(
            shown,
            1,
            1,
            "no MT940 statement in the file: expected fields such as :20:, :25:, :60F:, :61:",
        ));
    }
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let account = same(&reader.accounts);
    if account.is_none() && reader.accounts.iter().flatten().count() > 1 {
        reader
            .notes
            .push("the file holds statements of several accounts".to_string());
    }
    let currency = same(&reader.currencies).and_then(|c| Currency::parse(&c));
    Ok(ParsedStatement {
        format: Format::Mt940,
        account,
        currency,
        lines: reader.lines,
        notes: reader.notes,
    })
}

/// The value every statement gives, when they all give the same.
fn same(values: &[Option<String>]) -> Option<String> {
    let first = values.first().cloned().flatten();
    values
        .iter()
        .all(|v| *v == first)
        .then_some(first)
        .flatten()
}

/// Cuts the text into fields, dropping the SWIFT blocks around block 4 and the separator lines
/// (`-`) some banks put between statements.
fn fields(text: &str) -> Vec<FieldText<'_>> {
    let mut fields: Vec<FieldText> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index as u32 + 1;
        let raw = raw.trim_end_matches('\r');
        let (skip, content) = match raw.find("{4:") {
            Some(at) => (at + 3, &raw[at + 3..]),
            None if raw.starts_with('{') => continue,
            None => (0, raw),
        };
        let column = raw[..skip].chars().count() as u32 + 1;
        let content = content.trim_start_matches('\u{feff}');
        if content.starts_with("-}") || content.trim() == "-" || content.trim().is_empty() {
            continue;
        }
        if let Some(tag) = tag_of(content) {
            let start = tag.len() + 2;
            fields.push(FieldText {
                tag,
                lines: vec![(line, column + start as u32, &content[start..])],
            });
        } else if let Some(last) = fields.last_mut() {
            last.lines.push((line, column, content));
        }
    }
    fields
}

/// The tag of a line that starts a field: `:61:` gives `61`, `:28C:` gives `28C`.
fn tag_of(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = &rest[..end];
    let bytes = tag.as_bytes();
    let well_formed = (2..=3).contains(&bytes.len())
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2..].iter().all(u8::is_ascii_uppercase);
    (well_formed || tag == "NS").then_some(tag)
}

/// A statement being read.
struct Open {
    start: Place,
    opening: Option<Decimal>,
    currency: Option<Currency>,
    /// The first of its lines in the reader's list.
    first_line: usize,
    closed: bool,
    /// The number of errors before it: when its fields add errors, its balances are not
    /// checked (one mistake gives one message).
    errors_at_start: usize,
}

struct Reader<'a> {
    shown: &'a Path,
    text: &'a str,
    errors: Vec<Diagnostic>,
    notes: Vec<String>,
    lines: Vec<StatementLine>,
    accounts: Vec<Option<String>>,
    currencies: Vec<Option<String>>,
    open: Option<Open>,
}

impl Reader<'_> {
    fn error(&mut self, line: u32, column: u32, message: String) {
        let mut diagnostic = Diagnostic::error(self.shown, line, column, message);
        if let Some(text) = crate::diagnostic::line_text(self.text, line) {
            diagnostic = diagnostic.with_excerpt(text);
        }
        self.errors.push(diagnostic);
    }

    fn field(&mut self, field: &FieldText, info: Option<&FieldText>) {
        let closed = self.open.as_ref().map(|open| open.closed);
        match (closed, field.tag) {
            (_, "20") | (None, _) => self.close(Some(field.place())),
            // After the closing balance come the available balances and a :86: of the
            // statement; anything else is a statement without its :20:.
            (Some(true), "25" | "28C" | "60F" | "60M" | "61" | "62F" | "62M") => {
                self.notes.push(format!(
                    "line {}: field :{}: after the closing balance: read as a new statement without :20:",
                    field.place().line,
                    field.tag
                ));
                self.close(Some(field.place()));
            }
            _ => {}
        }
        let (line, column, text) = field.lines[0];
        match field.tag {
            "25" => self.account(text, line),
            "60F" | "60M" => {
                let balance = self.balance(text, line, column);
                if let Some(open) = self.open.as_mut() {
                    open.opening = balance.map(|(amount, _)| amount);
                    open.currency = balance.and_then(|(_, currency)| currency);
                }
                let currency = balance.and_then(|(_, c)| c).map(|c| c.to_string());
                self.currencies.push(currency);
            }
            "61" => self.statement_line(field, info),
            "62F" | "62M" => self.closing(text, line, column),
            _ => {}
        }
    }

    /// Ends the statement being read (at a new `:20:` or the end of the file), and opens the
    /// next one at `next`.
    fn close(&mut self, next: Option<Place>) {
        if let Some(open) = self.open.take()
            && !open.closed
            && self.lines.len() > open.first_line
        {
            self.error(
                open.start.line,
                open.start.column,
                "this statement has no closing balance (:62F:): the file is cut short".to_string(),
            );
        }
        self.open = next.map(|start| Open {
            start,
            opening: None,
            currency: None,
            first_line: self.lines.len(),
            closed: false,
            errors_at_start: self.errors.len(),
        });
    }

    /// `:25:` the account: an IBAN, possibly after the bank's BIC or code and a slash, possibly
    /// followed by the currency (ING writes `NL20INGB0001234567EUR`).
    fn account(&mut self, text: &str, line: u32) {
        let text = text.trim();
        let last = text.rsplit('/').next().unwrap_or(text);
        let mut found = None;
        for candidate in [text, last] {
            let compact = iban::compact(candidate);
            let without_currency = compact
                .len()
                .checked_sub(3)
                .filter(|&cut| {
                    compact.is_char_boundary(cut)
                        && compact[cut..].bytes().all(|b| b.is_ascii_uppercase())
                })
                .map(|cut| compact[..cut].to_string());
            found = [Some(compact.clone()), without_currency]
                .into_iter()
                .flatten()
                .find(|c| c.len() >= 5 && iban::check_iban(c).is_ok());
            if found.is_some() {
                break;
            }
        }
        if found.is_none() {
            self.notes
                .push(format!("line {line}: the account `{text}` is not an IBAN"));
        }
        self.accounts.push(found);
    }

    /// `:60F:` / `:62F:`: D or C, YYMMDD, the currency, the amount with a decimal comma.
    fn balance(
        &mut self,
        text: &str,
        line: u32,
        column: u32,
    ) -> Option<(Decimal, Option<Currency>)> {
        let sign = match text.get(..1) {
            Some("C") => Decimal::ONE,
            Some("D") => Decimal::NEGATIVE_ONE,
            _ => {
                self.error(line, column, format!("balance `{text}`: expected C or D first, then YYMMDD, the currency and the amount, e.g. C260131EUR1234,56"));
                return None;
            }
        };
        self.yymmdd(text.get(1..7).unwrap_or(""), line, column + 1)?;
        let code = text.get(7..10).unwrap_or("");
        let Some(currency) = Currency::parse(code) else {
            self.error(
                line,
                column + 7,
                format!("currency `{code}`: expected an ISO 4217 code, e.g. EUR"),
            );
            return None;
        };
        let written = text.get(10..).unwrap_or("").trim_end();
        let amount = self.amount(written, line, column + 10)?;
        Some((sign * amount, Some(currency)))
    }

    /// `:62F:`: the opening balance and the lines must make it.
    fn closing(&mut self, text: &str, line: u32, column: u32) {
        let Some((closing, _)) = self.balance(text, line, column) else {
            return;
        };
        let Some(open) = self.open.as_mut() else {
            return;
        };
        open.closed = true;
        let (opening, first) = (open.opening, open.first_line);
        if self.errors.len() > open.errors_at_start {
            return;
        }
        let Some(opening) = opening else {
            self.notes.push(format!(
                "line {line}: a statement without an opening balance (:60F:): its lines are not checked against its balances"
            ));
            return;
        };
        let moved = crate::money::exact_sum(self.lines[first..].iter().map(|l| l.amount));
        let expected = moved.and_then(|moved| opening.checked_add(moved));
        if expected != Some(closing) {
            self.error(
                line,
                column,
                format!(
                    "the closing balance {} is not the opening balance {} plus the lines {}: a line is missing or was read wrongly",
                    crate::money::format_amount(closing),
                    crate::money::format_amount(opening),
                    crate::money::format_amount(moved.unwrap_or_default()),
                ),
            );
        }
    }

    /// An amount with a decimal comma (`1234,56`, `12,`).
    fn amount(&mut self, text: &str, line: u32, column: u32) -> Option<Decimal> {
        let (units, decimals) = text.split_once(',').unwrap_or((text, "\u{0}"));
        let well_formed = !units.is_empty()
            && units.len() <= 15
            && units.bytes().all(|b| b.is_ascii_digit())
            && decimals.len() <= 4
            && decimals.bytes().all(|b| b.is_ascii_digit());
        let amount = well_formed
            .then(|| Decimal::from_str(&format!("{units}.{decimals:0<2}")).ok())
            .flatten();
        if amount.is_none() {
            self.error(
                line,
                column,
                format!("amount `{text}`: expected digits with a decimal comma, e.g. 1234,56"),
            );
        }
        amount
    }

    /// A YYMMDD date.
    fn yymmdd(&mut self, text: &str, line: u32, column: u32) -> Option<NaiveDate> {
        let date = (text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| {
                let number = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
                NaiveDate::from_ymd_opt(
                    year_of_two_digits(number(0..2)?)?,
                    number(2..4)?,
                    number(4..6)?,
                )
            })
            .flatten();
        if date.is_none() {
            self.error(
                line,
                column,
                format!("date `{text}`: expected YYMMDD, e.g. 260131"),
            );
        }
        date
    }

    /// `:61:` value date, [entry date MMDD], D/C/RD/RC, [funds code], amount, type, references;
    /// its second line the supplementary details.
    fn statement_line(&mut self, field: &FieldText, info: Option<&FieldText>) {
        let (line, column, text) = field.lines[0];
        let Some(parsed) = self.parse_61(text, line, column) else {
            return;
        };
        let mut information = info.map(|info| read_86(&info.lines)).unwrap_or_default();
        if info.is_none()
            && let Some((_, _, details)) = field.lines.get(1)
        {
            information.communication = one_line(details);
        }
        let currency = self.open.as_ref().and_then(|open| open.currency);
        let bank_id = parsed
            .bank_reference
            .filter(|r| !r.is_empty() && r != "NONREF");
        let structured = [
            information.communication.as_str(),
            information.reference.as_str(),
        ]
        .into_iter()
        .find_map(structured_in);
        self.lines.push(StatementLine {
            place: Place { line, column: 1 },
            date: parsed.booking_date,
            value_date: Some(parsed.value_date),
            amount: parsed.amount,
            currency,
            counterparty: information.counterparty,
            account: information.account,
            communication: information.communication,
            structured,
            bank_id,
        });
    }

    fn parse_61(&mut self, text: &str, line: u32, column: u32) -> Option<Parsed61> {
        let value_date = self.yymmdd(text.get(..6).unwrap_or(text), line, column)?;
        let mut at = 6;
        let mut booking_date = value_date;
        if let Some(mmdd) = text
            .get(6..10)
            .filter(|t| t.bytes().all(|b| b.is_ascii_digit()))
        {
            let Some(date) = entry_date(value_date, mmdd) else {
                self.error(
                    line,
                    column + 6,
                    format!("entry date `{mmdd}`: expected MMDD, e.g. 0131"),
                );
                return None;
            };
            booking_date = date;
            at = 10;
        }
        let rest = &text[at..];
        let (sign, mark) = if rest.starts_with("RC") {
            (Decimal::NEGATIVE_ONE, 2)
        } else if rest.starts_with("RD") {
            (Decimal::ONE, 2)
        } else if rest.starts_with('C') {
            (Decimal::ONE, 1)
        } else if rest.starts_with('D') {
            (Decimal::NEGATIVE_ONE, 1)
        } else {
            self.error(
                line,
                column + at as u32,
                format!(
                    "`{}`: expected the debit/credit mark D, C, RD or RC after the dates",
                    rest.chars().take(8).collect::<String>()
                ),
            );
            return None;
        };
        at += mark;
        // An optional funds code: the third letter of the currency.
        if text[at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            at += 1;
        }
        let length = text[at..]
            .find(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
            .unwrap_or(text.len() - at);
        let amount = self.amount(&text[at..at + length], line, column + at as u32)?;
        at += length;
        let kind = text.get(at..at + 4).unwrap_or("");
        let kind_ok = kind.len() == 4
            && kind.starts_with(['N', 'F', 'S'])
            && kind[1..].bytes().all(|b| b.is_ascii_alphanumeric());
        if !kind_ok {
            self.error(line, column + at as u32, format!("transaction type `{kind}`: expected N, F or S and three letters or digits, e.g. NTRF"));
            return None;
        }
        let references = &text[at + 4..];
        let bank_reference = references
            .split_once("//")
            .map(|(_, bank)| bank.trim().to_string());
        Some(Parsed61 {
            value_date,
            booking_date,
            amount: sign * amount,
            bank_reference,
        })
    }
}

/// What a `:61:` says.
struct Parsed61 {
    value_date: NaiveDate,
    booking_date: NaiveDate,
    amount: Decimal,
    bank_reference: Option<String>,
}

/// The entry date MMDD of a line valued on `value_date`: in the year that puts it nearest.
fn entry_date(value_date: NaiveDate, mmdd: &str) -> Option<NaiveDate> {
    let month = mmdd.get(..2)?.parse().ok()?;
    let day = mmdd.get(2..)?.parse().ok()?;
    let year = value_date.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|date| (*date - value_date).num_days().abs())
}

/// What a `:86:` says of its transaction.
#[derive(Debug, Default)]
struct Information {
    counterparty: String,
    account: Option<String>,
    communication: String,
    /// The end-to-end reference, searched for a structured reference after the communication.
    reference: String,
}

fn read_86(lines: &[(u32, u32, &str)]) -> Information {
    let joined: String = lines.iter().map(|(_, _, text)| *text).collect();
    let bytes = joined.as_bytes();
    let german = bytes.len() >= 6
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && !bytes[3].is_ascii_alphanumeric()
        && bytes[4..6].iter().all(u8::is_ascii_digit);
    if german {
        return german_86(&joined, bytes[3] as char);
    }
    if let Some(information) = dutch_86(&joined) {
        return information;
    }
    let text: Vec<&str> = lines.iter().map(|(_, _, text)| *text).collect();
    Information {
        communication: one_line(&text.join(" ")),
        ..Information::default()
    }
}

/// The German layout: `166?00SEPA-GUTSCHRIFT?20EREF+...?21SVWZ+...?31DE...?32Name`.
fn german_86(text: &str, separator: char) -> Information {
    let mut purpose = String::new();
    let mut name = String::new();
    let mut account = String::new();
    let mut posting = String::new();
    for part in text.split(separator).skip(1) {
        let Some(code) = part
            .get(..2)
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let value = &part[2..];
        match code.parse::<u8>().unwrap_or(u8::MAX) {
            0 => posting.push_str(value),
            20..=29 | 60..=63 => purpose.push_str(value),
            31 => account.push_str(value),
            32 | 33 => name.push_str(value),
            _ => {}
        }
    }
    let (sepa, first_key) = sepa_fields(&purpose);
    let find = |key: &str| {
        sepa.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| one_line(v))
            .filter(|v| v != "NOTPROVIDED")
    };
    // Without SVWZ+, the words before the first key (some banks write the purpose first).
    let mut communication = find("SVWZ").unwrap_or_else(|| one_line(&purpose[..first_key]));
    if communication.is_empty() {
        communication = one_line(&posting);
    }
    let mut counterparty = one_line(&name);
    if counterparty.is_empty() {
        counterparty = find("ABWA").unwrap_or_default();
    }
    let account = iban::compact(&account);
    Information {
        counterparty,
        account: (!account.is_empty()).then_some(account),
        communication,
        reference: find("EREF").unwrap_or_default(),
    }
}

/// The SEPA keys in a German purpose, in order, with their values; and where the first key
/// starts (the purpose's length when there is none).
fn sepa_fields(purpose: &str) -> (Vec<(&'static str, String)>, usize) {
    const KEYS: [&str; 12] = [
        "EREF", "KREF", "MREF", "CRED", "DEBT", "SVWZ", "ABWA", "ABWE", "IBAN", "BIC", "COAM",
        "OAMT",
    ];
    let mut starts: Vec<(usize, &'static str)> = Vec::new();
    for key in KEYS {
        let marker = format!("{key}+");
        let mut from = 0;
        while let Some(at) = purpose[from..].find(&marker) {
            starts.push((from + at, key));
            from += at + marker.len();
        }
    }
    starts.sort();
    let first = starts.first().map_or(purpose.len(), |&(at, _)| at);
    let fields = starts
        .iter()
        .enumerate()
        .map(|(i, &(at, key))| {
            let end = starts.get(i + 1).map_or(purpose.len(), |next| next.0);
            (
                key,
                purpose[at + key.len() + 1..end.max(at + key.len() + 1)].to_string(),
            )
        })
        .collect();
    (fields, first)
}

/// The Dutch layout: `/TRTP/.../IBAN/.../NAME/.../REMI/.../EREF/...`, or Rabobank's and ING's
/// `/CNTP/iban/bic/name/city/` and `/REMI/USTD//text/`. `None` when the text is not in it.
fn dutch_86(text: &str) -> Option<Information> {
    const KEYS: [&str; 20] = [
        "TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "MARF", "CSID", "CNTP", "ORDP", "BENM",
        "ULTC", "ULTD", "ULTB", "PURP", "RTRN", "SVCL", "ATOL", "ISDT", "ADDR",
    ];
    let starts: Vec<(usize, &str)> = text
        .char_indices()
        .filter(|&(_, c)| c == '/')
        .filter_map(|(at, _)| {
            KEYS.iter()
                .find(|key| {
                    text[at + 1..].starts_with(*key) && text[at + 1 + key.len()..].starts_with('/')
                })
                .map(|key| (at, *key))
        })
        .collect();
    if starts.first().is_none_or(|&(at, _)| at != 0) {
        return None;
    }
    let mut information = Information::default();
    for (i, &(at, key)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |next| next.0);
        let value = text[at + key.len() + 2..end.max(at + key.len() + 2)].trim_end_matches('/');
        match key {
            "NAME" if information.counterparty.is_empty() => {
                information.counterparty = one_line(value)
            }
            "IBAN" => information.account = Some(iban::compact(value)).filter(|a| !a.is_empty()),
            "CNTP" => {
                let parts: Vec<&str> = value.split('/').collect();
                let account = iban::compact(parts.first().unwrap_or(&""));
                information.account = (!account.is_empty()).then_some(account);
                information.counterparty = one_line(parts.get(2).unwrap_or(&""));
            }
            "REMI" => information.communication = remittance(value),
            "EREF" if value != "NOTPROVIDED" => information.reference = one_line(value),
            _ => {}
        }
    }
    Some(information)
}

/// `/REMI/`'s value: `USTD//free text`, `STRD/CUR/reference` (or another issuer), or text.
fn remittance(value: &str) -> String {
    if let Some(text) = value
        .strip_prefix("USTD//")
        .or_else(|| value.strip_prefix("USTD/"))
    {
        return one_line(text);
    }
    if let Some(rest) = value.strip_prefix("STRD/") {
        return one_line(
            rest.split_once('/')
                .map_or(rest, |(_, reference)| reference),
        );
    }
    one_line(value)
}

/// A Belgian structured communication (12 digits) or an ISO 11649 reference in a text.
fn structured_in(text: &str) -> Option<String> {
    match structured::find(text) {
        Some(Ok(found)) => Some(found.digits()),
        _ => structured::find_creditor_reference(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::statement::fixtures::{check_fixture, fixture as fixture_file};

    fn fixture(name: &str) -> Vec<u8> {
        fixture_file(&format!("mt940/{name}")).1
    }

    /// The error messages, each as `line:column: message`.
    fn errors(text: &str) -> Vec<String> {
        read(text.as_bytes(), Path::new("s.sta"))
            .expect_err("the statement should be refused")
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect()
    }

    const GOOD: &str = ":20:X\n:25:BE68539007547034\n:60F:C260101EUR10,00\n:61:2601020102C5,00NTRFNONREF\n:86:Hello\n:62F:C260102EUR15,00\n";

    #[test]
    fn a_german_statement_with_sub_fields_and_sepa_keys_is_read() {
        check_fixture("mt940", "sparkasse.sta", read);
        let parsed = read(&fixture("sparkasse.sta"), Path::new("s")).unwrap();
        assert!(
            parsed.notes.iter().any(|n| n.contains("not an IBAN")),
            "{:?}",
            parsed.notes
        );
    }

    #[test]
    fn a_dutch_statement_with_slash_keys_is_read() {
        check_fixture("mt940", "dutch.sta", read);
    }

    #[test]
    fn free_text_reversals_and_the_year_boundary_are_read() {
        check_fixture("mt940", "plain.sta", read);
    }

    #[test]
    fn the_swift_blocks_around_a_statement_are_skipped() {
        check_fixture("mt940", "swift-blocks.sta", read);
    }

    #[test]
    fn a_plain_statement_is_read() {
        let parsed = read(GOOD.as_bytes(), Path::new("s")).unwrap();
        assert_eq!(parsed.lines.len(), 1);
        assert_eq!(parsed.lines[0].amount.to_string(), "5.00");
        assert_eq!(parsed.lines[0].place, Place { line: 4, column: 1 });
    }

    #[test]
    fn a_bad_amount_is_refused_at_its_column() {
        let found = errors(&GOOD.replace("C5,00NTRF", "C5.00NTRF"));
        assert_eq!(
            found,
            ["4:16: amount `5.00`: expected digits with a decimal comma, e.g. 1234,56"]
        );
    }

    #[test]
    fn an_amount_with_four_decimals_is_read_exactly() {
        let text = GOOD
            .replace("C5,00NTRF", "C5,0025NTRF")
            .replace("EUR15,00", "EUR15,0025");
        let parsed = read(text.as_bytes(), Path::new("s")).unwrap();
        assert_eq!(parsed.lines[0].amount.to_string(), "5.0025");
    }

    #[test]
    fn a_bad_date_is_refused_at_its_column() {
        let found = errors(&GOOD.replace(":61:260102", ":61:261302"));
        assert_eq!(found, ["4:5: date `261302`: expected YYMMDD, e.g. 260131"]);
    }

    #[test]
    fn a_balance_the_lines_do_not_make_refuses_the_file() {
        let found = errors(&GOOD.replace("EUR15,00", "EUR16,00"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("6:6: the closing balance 16.00 is not the opening balance 10.00 plus the lines 5.00"), "{found:?}");
    }

    #[test]
    fn a_statement_cut_before_its_closing_balance_is_refused() {
        let cut: String = GOOD.lines().take(5).map(|l| format!("{l}\n")).collect();
        let found = errors(&cut);
        assert!(
            found[0].starts_with("1:5: this statement has no closing balance"),
            "{found:?}"
        );
    }

    #[test]
    fn a_bad_mark_and_a_bad_transaction_type_are_refused() {
        assert!(errors(&GOOD.replace("0102C5,00", "0102X5,00"))[0].starts_with("4:15: `X5,00NTR`"));
        assert!(
            errors(&GOOD.replace("NTRFNONREF", "XTRFNONREF"))[0]
                .starts_with("4:20: transaction type `XTRF`")
        );
    }

    #[test]
    fn mt940_files_are_recognised_by_their_fields() {
        for name in [
            "sparkasse.sta",
            "dutch.sta",
            "plain.sta",
            "swift-blocks.sta",
        ] {
            assert!(looks_like(&fixture(name)), "{name}");
        }
        assert!(!looks_like(b"date;amount\n:20:x\n"));
        assert!(!looks_like(b""));
    }
}
