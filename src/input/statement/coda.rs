//! CODA, the Belgian banks' coded statement of account (Febelfin standard, version 2.x).
//!
//! A CODA file is records of 128 characters, one per line, in fixed positions. A statement is
//! a header (record 0), the old balance (1), movements (2.1, continued by 2.2 and 2.3),
//! information records (3.1 to 3.3), the new balance (8), free communications (4) and a trailer
//! (9) whose record count and debit/credit totals are checked here: a file that lost or changed
//! a record on the way is refused, never half read. A file holds one statement per account and
//! day, one after the other.
//!
//! Every position below is the standard's (annex I of "Coded statement of account (CODA)",
//! version 2.6): 1-based, both ends included, as the standard's tables write them.
//!
//! Choices the standard leaves to the reader:
//! - The booking date is the movement's entry date (positions 116-121 of record 2.1); the value
//!   date goes to `value_date`. Years are two digits, read by
//!   [`crate::input::values::TWO_DIGIT_YEAR_PIVOT`].
//! - A collective movement (transaction type 1, 2 or 3) followed by its details (types 5 to 8)
//!   becomes one line per detail when the details add up to it exactly, each with its own
//!   counterparty and communication; otherwise it stays one line, with a note. Either way the
//!   lines add up to what moved on the account.
//! - Structured communications 101 and 102 are the Belgian structured communication; it goes to
//!   `structured` (and not to the communication) when its check digits hold. Other structured
//!   communications are kept as their text.
//! - Information records (3.x) in free format are added to their movement's communication: banks
//!   put the payer's own words there for some transfers. Structured ones name the counterparty
//!   (type 001) when record 2.3 does not; the others are not read.
//! - Record 4 (a free message from the bank about the statement) is not a transaction: skipped.
//! - The text is UTF-8 when it is valid UTF-8, else Windows-1252 (which includes Latin-1's
//!   letters), and the notes say so.

use super::{Format, ParsedStatement, Place, StatementLine, one_line};
use crate::diagnostic::Diagnostic;
use crate::identifiers::{iban, structured};
use crate::input::csv::{Encoding, decode};
use crate::input::values::year_of_two_digits;
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;

/// Every record has exactly this many characters.
const RECORD_LENGTH: usize = 128;

/// A field of a record: its first and last position, 1-based and included, as in the standard.
#[derive(Debug, Clone, Copy)]
struct Field {
    from: usize,
    to: usize,
}

const fn field(from: usize, to: usize) -> Field {
    Field { from, to }
}

/// Record 0, the header.
mod header {
    use super::{Field, field};
    pub(super) const CREATION_DATE: Field = field(6, 11);
    pub(super) const SEPARATE_APPLICATION: Field = field(84, 88);
    pub(super) const VERSION: Field = field(128, 128);
}

/// Record 1, the old balance.
mod old_balance {
    use super::{Field, field};
    /// 0 Belgian account number, 1 foreign account number, 2 Belgian IBAN, 3 foreign IBAN.
    pub(super) const ACCOUNT_STRUCTURE: Field = field(2, 2);
    /// 37 characters whose layout the account structure gives.
    pub(super) const ACCOUNT: Field = field(6, 42);
    pub(super) const SIGN: Field = field(43, 43);
    pub(super) const BALANCE: Field = field(44, 58);
    pub(super) const DATE: Field = field(59, 64);
}

/// Inside the account zone of record 1 (offsets from its start, 0-based).
mod account_zone {
    /// Structure 0: twelve digits, a blank, the currency.
    pub(super) const BELGIAN: std::ops::Range<usize> = 0..12;
    pub(super) const BELGIAN_CURRENCY: std::ops::Range<usize> = 13..16;
    /// Structure 2: the IBAN in 31 characters (16 used); structures 1 and 3: 34 characters.
    pub(super) const BELGIAN_IBAN: std::ops::Range<usize> = 0..31;
    pub(super) const FOREIGN: std::ops::Range<usize> = 0..34;
    /// Structures 1, 2 and 3: the currency in the last three characters.
    pub(super) const CURRENCY: std::ops::Range<usize> = 34..37;
}

/// Record 2.1, a movement.
mod movement {
    use super::{Field, field};
    pub(super) const SEQUENCE: Field = field(3, 6);
    pub(super) const DETAIL: Field = field(7, 10);
    pub(super) const BANK_REFERENCE: Field = field(11, 31);
    /// 0 credit, 1 debit.
    pub(super) const SIGN: Field = field(32, 32);
    /// Twelve digits and three decimals.
    pub(super) const AMOUNT: Field = field(33, 47);
    pub(super) const VALUE_DATE: Field = field(48, 53);
    /// Type (1 digit), family (2), transaction (2), category (3).
    pub(super) const TRANSACTION_CODE: Field = field(54, 61);
    /// 0 free, 1 structured.
    pub(super) const COMMUNICATION_TYPE: Field = field(62, 62);
    pub(super) const COMMUNICATION: Field = field(63, 115);
    pub(super) const ENTRY_DATE: Field = field(116, 121);
}

/// Record 2.2, a movement continued.
mod movement2 {
    use super::{Field, field};
    pub(super) const COMMUNICATION: Field = field(11, 63);
}

/// Record 2.3, a movement's end: the counterparty.
mod movement3 {
    use super::{Field, field};
    /// A Belgian account (12 digits, a blank, the currency) or 34 characters and the currency.
    pub(super) const COUNTERPARTY_ACCOUNT: Field = field(11, 47);
    pub(super) const COUNTERPARTY_NAME: Field = field(48, 82);
    pub(super) const COMMUNICATION: Field = field(83, 125);
}

/// Records 3.1, 3.2 and 3.3: information.
mod information {
    use super::{Field, field};
    /// 0 free, 1 structured (3.1 only).
    pub(super) const STRUCTURE: Field = field(40, 40);
    pub(super) const COMMUNICATION_1: Field = field(41, 113);
    pub(super) const COMMUNICATION_2: Field = field(11, 115);
    pub(super) const COMMUNICATION_3: Field = field(11, 100);
}

/// Record 8, the new balance.
mod new_balance {
    use super::{Field, field};
    pub(super) const SIGN: Field = field(42, 42);
    pub(super) const BALANCE: Field = field(43, 57);
}

/// Record 9, the trailer.
mod trailer {
    use super::{Field, field};
    /// The number of records 1, 2, 3 and 8 of the statement.
    pub(super) const RECORD_COUNT: Field = field(17, 22);
    /// The sums of the movements with detail number 0000 (details are not counted twice).
    pub(super) const DEBIT_TOTAL: Field = field(23, 37);
    pub(super) const CREDIT_TOTAL: Field = field(38, 52);
}

/// True when `bytes` start like a CODA file: a header record (`0`, four zeros, a date) of 128
/// characters, followed by an old-balance record.
pub fn looks_like(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let Some(first) = lines.next() else {
        return false;
    };
    // Characters, not bytes: the addressee's name may be written in UTF-8.
    let length = String::from_utf8_lossy(first).chars().count();
    let header = first.len() >= 11
        && first.starts_with(b"00000")
        && first[5..11].iter().all(u8::is_ascii_digit);
    let next_is_balance = lines.next().is_some_and(|line| line.first() == Some(&b'1'));
    header && length == RECORD_LENGTH && next_is_balance
}

/// One record: its 128 characters and where it is.
struct Record<'a> {
    chars: Vec<char>,
    /// The line it is on, from 1.
    line: u32,
    /// Characters before it on its line (not 0 only in a file without line breaks).
    offset: u32,
    /// Its line, for the excerpt under a message.
    text: &'a str,
}

impl Record<'_> {
    /// The text of a field, as written.
    fn get(&self, field: Field) -> String {
        self.chars[field.from - 1..field.to].iter().collect()
    }

    /// The text of a field, without the blanks around it.
    fn trimmed(&self, field: Field) -> String {
        self.get(field).trim().to_string()
    }

    /// The record type (position 1) and article (position 2).
    fn kind(&self) -> (char, char) {
        (self.chars[0], self.chars[1])
    }

    fn place(&self) -> Place {
        Place {
            line: self.line,
            column: self.offset + 1,
        }
    }

    fn error(&self, shown: &Path, field: Field, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(shown, self.line, self.offset + field.from as u32, message)
            .with_excerpt(self.text)
    }
}

/// Reads a CODA file: every statement in it, or every problem found (positioned). Public for
/// the fuzz targets; callers go through the statement reader that detects the format.
pub fn read(bytes: &[u8], shown: &Path) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let decoded = decode(bytes, Encoding::Guess).map_err(|e| vec![e.diagnostic(shown, "")])?;
    let mut notes = Vec::new();
    if decoded.guessed {
        notes.push(format!(
            "the file is not UTF-8: read as {}, as Belgian banks write CODA",
            decoded.encoding
        ));
    }
    let records = split_records(&decoded.text, shown)?;
    let mut reader = Reader {
        shown,
        errors: Vec::new(),
        notes,
        statements: Vec::new(),
        open: None,
    };
    for record in &records {
        reader.record(record);
    }
    if let Some(open) = reader.open.take() {
        reader.errors.push(Diagnostic::error(
            shown,
            open.start.line,
            open.start.column,
            "the file ends before the trailer (record 9) of the statement that starts here: it is cut short",
        ));
    }
    if reader.statements.is_empty() && reader.errors.is_empty() {
        reader.errors.push(Diagnostic::error(
            shown,
            1,
            1,
            "no CODA statement in the file: expected a header record (0) first",
        ));
    }
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    Ok(reader.finish())
}

/// Cuts the text into records of 128 characters; every line of another length is an error.
fn split_records<'a>(text: &'a str, shown: &Path) -> Result<Vec<Record<'a>>, Vec<Diagnostic>> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let physical: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let single_line = physical.iter().filter(|l| !l.is_empty()).count() == 1;
    for (index, line_text) in physical.iter().enumerate() {
        let line = index as u32 + 1;
        // Empty lines, and the end-of-file mark some old systems write, carry no record.
        if line_text.is_empty() || *line_text == "\u{1a}" {
            continue;
        }
        let chars: Vec<char> = line_text.chars().collect();
        let whole_records = chars.len().is_multiple_of(RECORD_LENGTH);
        if chars.len() == RECORD_LENGTH || (single_line && whole_records && !chars.is_empty()) {
            for (n, chunk) in chars.chunks(RECORD_LENGTH).enumerate() {
                records.push(Record {
                    chars: chunk.to_vec(),
                    line,
                    offset: (n * RECORD_LENGTH) as u32,
                    text: line_text,
                });
            }
        } else {
            let column = chars.len().min(RECORD_LENGTH) as u32 + 1;
            errors.push(
                Diagnostic::error(
                    shown,
                    line,
                    column,
                    format!(
                        "a CODA record has {RECORD_LENGTH} characters, this line has {}",
                        chars.len()
                    ),
                )
                .with_excerpt(line_text),
            );
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

/// A movement (record 2.1 and what continues it) while its statement is read.
struct Movement {
    place: Place,
    sequence: String,
    detail: String,
    bank_reference: String,
    /// Signed: positive for money in.
    amount: Decimal,
    value_date: Option<NaiveDate>,
    entry_date: NaiveDate,
    /// The first digit of the transaction code: 0 single, 1-3 totals, 5-9 their details.
    transaction_type: u8,
    /// The structured communication's type (`101`), when it is one.
    structured_type: Option<String>,
    /// The communication zones of 2.1, 2.2 and 2.3, as written (they continue each other).
    communication: String,
    /// Free-format information records.
    information: String,
    counterparty: String,
    account: Option<String>,
    /// Whether the last information record 3.1 was free (its 3.2 and 3.3 continue it).
    information_free: bool,
}

/// A statement being read, from its header to its trailer.
struct OpenStatement {
    start: Place,
    /// The header says its balances are zero (an extract for a separate application).
    separate_application: bool,
    account: Option<String>,
    currency: Option<Currency>,
    old_balance: Option<Decimal>,
    new_balance: Option<(Decimal, u32)>,
    movements: Vec<Movement>,
    /// Records 1, 2, 3 and 8, as the trailer counts them.
    record_count: u64,
    /// The number of errors before its header: when its records add errors, its totals are not
    /// checked (one mistake gives one message).
    errors_at_start: usize,
    debit_total: Decimal,
    credit_total: Decimal,
}

/// A statement read whole.
struct DoneStatement {
    account: Option<String>,
    currency: Option<Currency>,
    lines: Vec<StatementLine>,
}

struct Reader<'a> {
    shown: &'a Path,
    errors: Vec<Diagnostic>,
    notes: Vec<String>,
    statements: Vec<DoneStatement>,
    open: Option<OpenStatement>,
}

impl Reader<'_> {
    fn record(&mut self, record: &Record) {
        let (kind, article) = record.kind();
        if kind != '0' && self.open.is_none() {
            self.errors.push(record.error(
                self.shown,
                field(1, 1),
                format!("record {kind} before any header record (0): expected a header first"),
            ));
            return;
        }
        match (kind, article) {
            ('0', _) => self.header(record),
            ('1', _) => self.old_balance(record),
            ('2', '1') => self.movement(record),
            ('2', '2' | '3') => self.movement_continued(record),
            ('3', '1' | '2' | '3') => self.information(record),
            ('4', _) => {}
            ('8', _) => self.new_balance(record),
            ('9', _) => self.trailer(record),
            _ => self.errors.push(record.error(
                self.shown,
                field(1, 2),
                format!(
                    "unknown CODA record `{kind}{article}`: expected 0, 1, 21, 22, 23, 31, 32, 33, 4, 8 or 9"
                ),
            )),
        }
        if matches!(kind, '1' | '2' | '3' | '8')
            && let Some(open) = self.open.as_mut()
        {
            open.record_count += 1;
        }
    }

    fn header(&mut self, record: &Record) {
        if let Some(open) = &self.open {
            self.errors.push(record.error(
                self.shown,
                field(1, 1),
                format!(
                    "a new header before the trailer (record 9) of the statement at line {}",
                    open.start.line
                ),
            ));
        }
        let version = record.get(header::VERSION);
        if version != "2" {
            self.errors.push(record.error(
                self.shown,
                header::VERSION,
                format!("CODA version `{version}`: folio reads version 2 (the version code at position 128 is 2)"),
            ));
        }
        self.date(record, header::CREATION_DATE, "creation date");
        let separate = record.trimmed(header::SEPARATE_APPLICATION);
        self.open = Some(OpenStatement {
            start: record.place(),
            separate_application: !separate.chars().all(|c| c == '0'),
            account: None,
            currency: None,
            old_balance: None,
            new_balance: None,
            movements: Vec::new(),
            record_count: 0,
            errors_at_start: self.errors.len(),
            debit_total: Decimal::ZERO,
            credit_total: Decimal::ZERO,
        });
    }

    fn old_balance(&mut self, record: &Record) {
        let zone: Vec<char> = record.get(old_balance::ACCOUNT).chars().collect();
        let part = |range: std::ops::Range<usize>| -> String {
            zone[range].iter().collect::<String>().trim().to_string()
        };
        let structure = record.get(old_balance::ACCOUNT_STRUCTURE);
        let (account, currency) = match structure.as_str() {
            "0" => (
                belgian_account(&part(account_zone::BELGIAN)),
                part(account_zone::BELGIAN_CURRENCY),
            ),
            "2" => (
                Some(iban::compact(&part(account_zone::BELGIAN_IBAN))),
                part(account_zone::CURRENCY),
            ),
            "1" | "3" => (
                Some(iban::compact(&part(account_zone::FOREIGN))),
                part(account_zone::CURRENCY),
            ),
            _ => {
                self.errors.push(record.error(
                    self.shown,
                    old_balance::ACCOUNT_STRUCTURE,
                    format!("account structure `{structure}`: expected 0 (Belgian account), 1 (foreign account), 2 (Belgian IBAN) or 3 (foreign IBAN)"),
                ));
                return;
            }
        };
        let account = account.filter(|a| iban::check_iban(a).is_ok());
        if account.is_none() {
            self.notes.push(format!(
                "line {}: the statement's account `{}` is not an IBAN",
                record.line,
                part(account_zone::FOREIGN)
            ));
        }
        let currency_column = if structure == "0" {
            old_balance::ACCOUNT.from + account_zone::BELGIAN_CURRENCY.start
        } else {
            old_balance::ACCOUNT.from + account_zone::CURRENCY.start
        };
        let currency = match Currency::parse(&currency) {
            Some(currency) => Some(currency),
            None => {
                self.errors.push(record.error(
                    self.shown,
                    field(currency_column, currency_column + 2),
                    format!("`{currency}` is not a currency: expected the account's ISO 4217 code, e.g. EUR"),
                ));
                None
            }
        };
        let balance = self.signed_amount(record, old_balance::SIGN, old_balance::BALANCE);
        self.date(record, old_balance::DATE, "old balance date");
        if let Some(open) = self.open.as_mut() {
            open.account = account;
            open.currency = currency;
            open.old_balance = balance;
        }
    }

    fn movement(&mut self, record: &Record) {
        let amount = self.signed_amount(record, movement::SIGN, movement::AMOUNT);
        let value_date = self.date(record, movement::VALUE_DATE, "value date");
        let entry_date = self.date(record, movement::ENTRY_DATE, "entry date");
        let code = record.get(movement::TRANSACTION_CODE);
        let transaction_type = code.chars().next().and_then(|c| c.to_digit(10));
        if transaction_type.is_none() || !code.chars().all(|c| c.is_ascii_digit()) {
            self.errors.push(record.error(
                self.shown,
                movement::TRANSACTION_CODE,
                format!("transaction code `{code}`: expected eight digits"),
            ));
        }
        let communication = record.get(movement::COMMUNICATION);
        let structured_type = match record.get(movement::COMMUNICATION_TYPE).as_str() {
            "1" => Some(communication.chars().take(3).collect::<String>()),
            _ => None,
        };
        let no_date = record.get(movement::ENTRY_DATE) == "000000"
            && record.get(movement::VALUE_DATE) == "000000";
        if no_date {
            self.errors.push(record.error(
                self.shown,
                movement::ENTRY_DATE,
                "the movement has neither an entry date nor a value date",
            ));
        }
        // A movement with an error is kept with what could be read, so that the records
        // continuing it are not reported too; the statement is refused anyway.
        let (amount, entry_date, transaction_type) =
            match (amount, entry_date.or(value_date), transaction_type) {
                (Some(amount), Some(date), Some(kind)) => (amount, date, kind),
                (amount, date, kind) => (
                    amount.unwrap_or_default(),
                    date.unwrap_or_default(),
                    kind.unwrap_or_default(),
                ),
            };
        let detail = record.get(movement::DETAIL);
        let Some(open) = self.open.as_mut() else {
            return;
        };
        if detail == "0000" {
            let total = if amount.is_sign_negative() {
                &mut open.debit_total
            } else {
                &mut open.credit_total
            };
            *total = total.checked_add(amount.abs()).unwrap_or(*total);
        }
        open.movements.push(Movement {
            place: record.place(),
            sequence: record.get(movement::SEQUENCE),
            detail,
            bank_reference: record.trimmed(movement::BANK_REFERENCE),
            amount,
            value_date,
            entry_date,
            transaction_type: transaction_type as u8,
            communication: match structured_type {
                Some(_) => communication.chars().skip(3).collect(),
                None => communication,
            },
            structured_type,
            information: String::new(),
            counterparty: String::new(),
            account: None,
            information_free: false,
        });
    }

    /// Records 2.2 and 2.3 continue the movement before them, which has their sequence and
    /// detail numbers.
    fn movement_continued(&mut self, record: &Record) {
        let Some(last) = self.last_movement(record, true) else {
            self.errors.push(record.error(
                self.shown,
                movement::SEQUENCE,
                format!(
                    "record 2{} of movement {}/{}, which is not the movement before it",
                    record.kind().1,
                    record.get(movement::SEQUENCE),
                    record.get(movement::DETAIL)
                ),
            ));
            return;
        };
        if record.kind().1 == '2' {
            last.communication
                .push_str(&record.get(movement2::COMMUNICATION));
            return;
        }
        last.communication
            .push_str(&record.get(movement3::COMMUNICATION));
        last.counterparty = record.trimmed(movement3::COUNTERPARTY_NAME);
        let zone: Vec<char> = record
            .get(movement3::COUNTERPARTY_ACCOUNT)
            .chars()
            .collect();
        let belgian: String = zone[..12].iter().collect();
        last.account = if zone[12] == ' ' && belgian.chars().all(|c| c.is_ascii_digit()) {
            belgian_account(&belgian)
        } else {
            let account = iban::compact(&zone[..34].iter().collect::<String>());
            (!account.is_empty()).then_some(account)
        };
    }

    /// Records 3.1 to 3.3 tell more of the movement with their sequence number.
    fn information(&mut self, record: &Record) {
        let Some(last) = self.last_movement(record, false) else {
            self.notes.push(format!(
                "line {}: information record for movement {}, which is not the movement before it: skipped",
                record.line,
                record.get(movement::SEQUENCE)
            ));
            return;
        };
        match record.kind().1 {
            '1' => {
                let text = record.get(information::COMMUNICATION_1);
                last.information_free = record.get(information::STRUCTURE) != "1";
                if last.information_free {
                    last.information.push(' ');
                    last.information.push_str(&text);
                } else if text.starts_with("001") && last.counterparty.is_empty() {
                    // Type 001: the counterparty's name (70), street, locality, id.
                    last.counterparty = text.chars().skip(3).collect::<String>().trim().to_string();
                }
            }
            '2' if last.information_free => {
                last.information
                    .push_str(&record.get(information::COMMUNICATION_2));
            }
            '3' if last.information_free => {
                last.information
                    .push_str(&record.get(information::COMMUNICATION_3));
            }
            _ => {}
        }
    }

    /// The movement a continuation or information record belongs to: the last one, when its
    /// sequence number (and, for 2.2 and 2.3, detail number) is the record's.
    fn last_movement(&mut self, record: &Record, same_detail: bool) -> Option<&mut Movement> {
        let sequence = record.get(movement::SEQUENCE);
        let detail = record.get(movement::DETAIL);
        self.open
            .as_mut()?
            .movements
            .last_mut()
            .filter(|last| last.sequence == sequence && (!same_detail || last.detail == detail))
    }

    fn new_balance(&mut self, record: &Record) {
        let balance = self.signed_amount(record, new_balance::SIGN, new_balance::BALANCE);
        if let (Some(open), Some(balance)) = (self.open.as_mut(), balance) {
            open.new_balance = Some((balance, record.line));
        }
    }

    /// The trailer closes the statement: its counts and totals must be the statement's.
    fn trailer(&mut self, record: &Record) {
        let Some(open) = self.open.take() else {
            return;
        };
        if self.errors.len() > open.errors_at_start {
            return;
        }
        let count = record.get(trailer::RECORD_COUNT);
        if count.parse::<u64>().ok() != Some(open.record_count) {
            self.errors.push(record.error(
                self.shown,
                trailer::RECORD_COUNT,
                format!(
                    "the trailer counts `{count}` records 1, 2, 3 and 8, the statement has {}: a record is missing or added",
                    open.record_count
                ),
            ));
        }
        for (field, total, what) in [
            (trailer::DEBIT_TOTAL, open.debit_total, "debit"),
            (trailer::CREDIT_TOTAL, open.credit_total, "credit"),
        ] {
            let written = record.get(field);
            if parse_thousandths(&written) != Some(total) {
                self.errors.push(record.error(
                    self.shown,
                    field,
                    format!(
                        "the trailer's {what} total `{written}` is not the sum of the statement's {what} movements, {}: a movement is missing or changed",
                        crate::money::format_amount(total)
                    ),
                ));
            }
        }
        self.check_balance(&open);
        if self.errors.len() == open.errors_at_start {
            let lines = self.lines(&open);
            self.statements.push(DoneStatement {
                account: open.account,
                currency: open.currency,
                lines,
            });
        }
    }

    /// The old balance plus the movements must be the new balance (unless the header says the
    /// file is an extract for a separate application, whose balances are zero).
    fn check_balance(&mut self, open: &OpenStatement) {
        let (Some(old), Some((new, line))) = (open.old_balance, open.new_balance) else {
            return;
        };
        if open.separate_application {
            return;
        }
        let moved = open.credit_total.checked_sub(open.debit_total);
        let expected = moved.and_then(|moved| old.checked_add(moved));
        if expected != Some(new) {
            self.errors.push(Diagnostic::error(
                self.shown,
                line,
                new_balance::SIGN.from as u32,
                format!(
                    "the new balance {} is not the old balance {} plus the movements {}: a movement is missing or changed",
                    crate::money::format_amount(new),
                    crate::money::format_amount(old),
                    crate::money::format_amount(moved.unwrap_or_default()),
                ),
            ));
        }
    }

    /// A sign (0 credit, 1 debit) and a 15-digit amount with three decimals.
    fn signed_amount(&mut self, record: &Record, sign: Field, amount: Field) -> Option<Decimal> {
        let digits = record.get(amount);
        let Some(value) = parse_thousandths(&digits) else {
            self.errors.push(record.error(
                self.shown,
                amount,
                format!("amount `{digits}`: expected 15 digits, the last three decimals"),
            ));
            return None;
        };
        match record.get(sign).as_str() {
            "0" => Some(value),
            "1" => Some(-value),
            other => {
                self.errors.push(record.error(
                    self.shown,
                    sign,
                    format!("sign `{other}`: expected 0 (credit) or 1 (debit)"),
                ));
                None
            }
        }
    }

    /// A DDMMYY date; `None` for a date of zeros (no date) and for an error, which is recorded.
    fn date(&mut self, record: &Record, field: Field, what: &str) -> Option<NaiveDate> {
        let text = record.get(field);
        if text == "000000" {
            return None;
        }
        let date = ddmmyy(&text);
        if date.is_none() {
            self.errors.push(record.error(
                self.shown,
                field,
                format!("{what} `{text}`: expected a date DDMMYY, e.g. 310126"),
            ));
        }
        date
    }

    /// The statement's transactions: the movements the trailer totals (detail number 0000),
    /// each replaced by its details when it is a collective one they add up to exactly.
    fn lines(&mut self, open: &OpenStatement) -> Vec<StatementLine> {
        let mut lines = Vec::new();
        let movements = &open.movements;
        for (index, head) in movements.iter().enumerate() {
            if head.detail != "0000" {
                continue;
            }
            let details: Vec<&Movement> = movements[index + 1..]
                .iter()
                .take_while(|m| m.sequence == head.sequence && m.detail != "0000")
                .filter(|m| (5..=8).contains(&m.transaction_type))
                .collect();
            if matches!(head.transaction_type, 1..=3) && !details.is_empty() {
                let sum = crate::money::exact_sum(details.iter().map(|m| m.amount));
                if sum == Some(head.amount) {
                    for detail in details {
                        lines.push(self.line(open, detail, true));
                    }
                    continue;
                }
                self.notes.push(format!(
                    "line {}: the details of this collective movement do not add up to it: read as one line",
                    head.place.line
                ));
            }
            lines.push(self.line(open, head, false));
        }
        lines
    }

    fn line(&mut self, open: &OpenStatement, movement: &Movement, detail: bool) -> StatementLine {
        let mut communication = movement.communication.clone();
        let mut structured = None;
        if let Some(kind) = movement.structured_type.as_deref() {
            let zone: String = communication.chars().collect();
            let digits: String = zone.chars().take(12).collect();
            let belgian = matches!(kind, "101" | "102")
                && digits.len() == 12
                && digits.chars().all(|c| c.is_ascii_digit());
            match belgian.then(|| structured::check(&digits)) {
                Some(Ok(found)) => {
                    structured = Some(found.digits());
                    communication = zone.chars().skip(12).collect();
                }
                Some(Err(_)) => self.notes.push(format!(
                    "line {}: structured communication {digits} fails its check digits: kept as text",
                    movement.place.line
                )),
                None => structured = structured::creditor_reference(zone.trim()),
            }
        }
        let mut communication = one_line(&communication);
        let information = one_line(&movement.information);
        if !information.is_empty() {
            if !communication.is_empty() {
                communication.push(' ');
            }
            communication.push_str(&information);
        }
        let bank_id = match (movement.bank_reference.as_str(), detail) {
            ("", _) => None,
            (reference, _) if reference.chars().all(|c| c == '0') => None,
            (reference, true) => Some(format!("{reference}/{}", movement.detail)),
            (reference, false) => Some(reference.to_string()),
        };
        StatementLine {
            place: movement.place,
            date: movement.entry_date,
            value_date: movement.value_date,
            amount: movement.amount,
            currency: open.currency,
            counterparty: one_line(&movement.counterparty),
            account: movement.account.clone(),
            communication,
            structured,
            bank_id,
        }
    }

    /// The statements as one: their lines in the file's order, the account and currency when
    /// every statement has the same.
    fn finish(self) -> ParsedStatement {
        let mut notes = self.notes;
        let same = |values: Vec<Option<String>>| -> Option<String> {
            let first = values.first().cloned().flatten();
            values
                .iter()
                .all(|v| *v == first)
                .then_some(first)
                .flatten()
        };
        let accounts: Vec<Option<String>> =
            self.statements.iter().map(|s| s.account.clone()).collect();
        let account = same(accounts.clone());
        if account.is_none() && accounts.iter().flatten().count() > 1 {
            notes.push("the file holds statements of several accounts".to_string());
        }
        let currencies = self
            .statements
            .iter()
            .map(|s| s.currency.map(|c| c.as_str().to_string()))
            .collect();
        let currency = same(currencies).and_then(|c| Currency::parse(&c));
        ParsedStatement {
            format: Format::Coda,
            account,
            currency,
            lines: self.statements.into_iter().flat_map(|s| s.lines).collect(),
            notes,
        }
    }
}

/// A Belgian account number (twelve digits, the last two the first ten modulo 97) as an IBAN.
fn belgian_account(digits: &str) -> Option<String> {
    let digits: String = digits.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    (digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| iban::with_check_digits("BE", &digits))
}

/// Fifteen digits, the last three decimals; the third decimal is dropped when it is zero, so
/// amounts read as banks print them (`12.50`, not `12.500`).
fn parse_thousandths(digits: &str) -> Option<Decimal> {
    if digits.len() != 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: i64 = digits.parse().ok()?;
    Some(if thousandths % 10 == 0 {
        Decimal::new(thousandths / 10, 2)
    } else {
        Decimal::new(thousandths, 3)
    })
}

/// A DDMMYY date, the year by the two-digit pivot.
fn ddmmyy(text: &str) -> Option<NaiveDate> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = year_of_two_digits(number(4..6)?)?;
    NaiveDate::from_ymd_opt(year, number(2..4)?, number(0..2)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::statement::fixtures::{check_fixture, fixture as fixture_file};

    fn fixture(name: &str) -> Vec<u8> {
        fixture_file(&format!("coda/{name}")).1
    }

    /// The error messages, each as `line:column: message`.
    fn errors(bytes: &[u8]) -> Vec<String> {
        read(bytes, Path::new("s.cod"))
            .expect_err("the statement should be refused")
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect()
    }

    /// The fixture with the record on `line` (from 1) changed by `edit`.
    fn edited(name: &str, line: usize, edit: impl Fn(&mut Vec<char>)) -> Vec<u8> {
        let text = String::from_utf8(fixture(name)).unwrap();
        let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
        let mut chars: Vec<char> = lines[line - 1].chars().collect();
        edit(&mut chars);
        lines[line - 1] = chars.into_iter().collect();
        lines.join("\r\n").into_bytes()
    }

    #[test]
    fn a_structured_communication_a_free_one_and_information_are_read() {
        check_fixture("coda", "structured-iban.cod", read);
        let parsed = read(&fixture("structured-iban.cod"), Path::new("s")).unwrap();
        assert!(
            parsed.notes.iter().any(|n| n.contains("windows-1252")),
            "{:?}",
            parsed.notes
        );
        assert_eq!(parsed.lines[1].place, Place { line: 6, column: 1 });
    }

    #[test]
    fn an_old_belgian_account_number_is_read_as_its_iban() {
        check_fixture("coda", "old-account.cod", read);
    }

    #[test]
    fn a_foreign_currency_account_gives_its_currency() {
        check_fixture("coda", "foreign-currency.cod", read);
    }

    #[test]
    fn a_collective_movement_is_split_only_into_details_that_add_up() {
        check_fixture("coda", "collective.cod", read);
        let parsed = read(&fixture("collective.cod"), Path::new("s")).unwrap();
        assert!(
            parsed.notes.iter().any(|n| n.contains("do not add up")),
            "{:?}",
            parsed.notes
        );
    }

    #[test]
    fn every_statement_of_a_file_is_read() {
        check_fixture("coda", "two-statements.cod", read);
    }

    #[test]
    fn a_trailer_whose_total_disagrees_refuses_the_file() {
        let found = errors(&fixture("wrong-trailer.cod"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5:38: the trailer's credit total `000000000090000`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_record_of_the_wrong_length_is_refused_at_its_line() {
        let bytes = edited("old-account.cod", 3, |chars| {
            chars.pop();
        });
        assert_eq!(
            errors(&bytes),
            ["3:128: a CODA record has 128 characters, this line has 127"]
        );
    }

    #[test]
    fn a_bad_amount_is_refused_at_its_column() {
        let bytes = edited("old-account.cod", 3, |chars| chars[40] = 'X');
        assert_eq!(
            errors(&bytes),
            ["3:33: amount `00000000X500000`: expected 15 digits, the last three decimals"]
        );
    }

    #[test]
    fn a_bad_date_is_refused_at_its_column() {
        // Entry date 15/13/26: there is no thirteenth month.
        let bytes = edited("old-account.cod", 3, |chars| {
            chars[117] = '1';
            chars[118] = '3';
        });
        assert_eq!(
            errors(&bytes),
            ["3:116: entry date `151326`: expected a date DDMMYY, e.g. 310126"]
        );
    }

    #[test]
    fn a_file_cut_before_its_trailer_is_refused() {
        let text = String::from_utf8(fixture("old-account.cod")).unwrap();
        let cut: Vec<&str> = text.split("\r\n").take(6).collect();
        let found = errors(cut.join("\r\n").as_bytes());
        assert!(
            found[0].starts_with("1:1: the file ends before the trailer"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_movement_breaks_the_balance_and_the_count() {
        let text = String::from_utf8(fixture("old-account.cod")).unwrap();
        let mut lines: Vec<&str> = text.split("\r\n").collect();
        lines.remove(5);
        let found = errors(lines.join("\r\n").as_bytes());
        assert!(
            found
                .iter()
                .any(|e| e.starts_with("7:17: the trailer counts")),
            "{found:?}"
        );
    }

    #[test]
    fn a_structured_communication_that_is_not_twelve_digits_is_kept_as_text() {
        // Type 101 announced, but the twelve digits are `02026ÉÉÉ4222` (more than twelve bytes).
        let bytes = edited("old-account.cod", 3, |chars| {
            chars[61] = '1';
            let zone: Vec<char> = "10102026ÉÉÉ4222".chars().collect();
            chars[62..62 + zone.len()].copy_from_slice(&zone);
        });
        let parsed = read(&bytes, Path::new("s")).unwrap();
        assert_eq!(parsed.lines[0].structured, None);
        assert!(
            parsed.lines[0].communication.starts_with("02026ÉÉÉ4222"),
            "{:?}",
            parsed.lines[0]
        );
    }

    #[test]
    fn coda_files_are_recognised_by_their_header() {
        assert!(looks_like(&fixture("structured-iban.cod")));
        assert!(looks_like(&fixture("two-statements.cod")));
        assert!(!looks_like(b":20:STARTUMSE\r\n:25:X\r\n"));
        assert!(!looks_like(b"date;amount\n"));
        assert!(!looks_like(b""));
    }
}
