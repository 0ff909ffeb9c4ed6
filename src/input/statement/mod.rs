//! Bank statements in any format folio reads, as one list of transactions.
//!
//! Each format has its own file and turns a statement's bytes into a [`ParsedStatement`]: the
//! same [`StatementLine`]s whatever the bank wrote, so that matching, `reconcile --show-parsed`
//! and `import` never look at a format again. A reader never guesses: a date, amount or
//! currency it cannot read is a [`crate::diagnostic::Diagnostic`] at the place in the file
//! (line and column; for XML the element's position), and a statement with any such problem is
//! refused whole by the caller.

pub mod coda;
pub mod mt940;

use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The formats a statement can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Comma- (or semicolon-, tab-) separated values, with or without a rules file.
    Csv,
    /// A spreadsheet workbook: `.xlsx`, `.xls` or `.ods`.
    Spreadsheet,
    /// ISO 20022 bank-to-customer account report (camt.052, intraday).
    Camt052,
    /// ISO 20022 bank-to-customer statement (camt.053).
    Camt053,
    /// ISO 20022 debit/credit notification (camt.054).
    Camt054,
    /// The Belgian banks' CODA, version 2.
    Coda,
    /// SWIFT MT940 customer statement.
    Mt940,
    /// Open Financial Exchange, 1.x (SGML) or 2.x (XML).
    Ofx,
}

impl Format {
    /// The name `--input-format` takes and `--show-parsed` prints.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Spreadsheet => "spreadsheet",
            Format::Camt052 => "camt.052",
            Format::Camt053 => "camt.053",
            Format::Camt054 => "camt.054",
            Format::Coda => "coda",
            Format::Mt940 => "mt940",
            Format::Ofx => "ofx",
        }
    }
}

/// Where a transaction is in the file: 1-based line and column of its first character (the
/// record of a fixed-width format, the element of an XML one, the row of a CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

/// One transaction of a statement, as the bank gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// Where it starts in the file.
    pub place: Place,
    /// The booking date.
    pub date: NaiveDate,
    /// The value date, when the statement gives one.
    pub value_date: Option<NaiveDate>,
    /// Signed: positive for money in (a credit to the account), negative for money out.
    pub amount: Decimal,
    /// The transaction's currency, when the statement says (most formats give the account's).
    pub currency: Option<Currency>,
    /// The counterparty's name, as written (empty when the statement has none).
    pub counterparty: String,
    /// The counterparty's account, compact (no spaces, upper case): an IBAN when it is one.
    pub account: Option<String>,
    /// The free-text communication (remittance information), lines joined with a space.
    pub communication: String,
    /// A structured reference, compact: the Belgian structured communication (12 digits, as
    /// `+++123/4567/89002+++` without the signs and slashes) or an ISO 11649 creditor reference
    /// (`RF18539007547034`).
    pub structured: Option<String>,
    /// The bank's own id of the transaction (camt `AcctSvcrRef`, OFX `FITID`, MT940 bank
    /// reference, CODA sequence), when it has one. Not necessarily unique: the caller decides.
    pub bank_id: Option<String>,
}

/// A statement read: its transactions in the file's order, with what the file says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedStatement {
    /// The format it was read as.
    pub format: Format,
    /// The statement's own account (an IBAN, compact), when it names one.
    pub account: Option<String>,
    /// The account's currency, when the statement gives one: the currency of lines that give none.
    pub currency: Option<Currency>,
    /// The transactions.
    pub lines: Vec<StatementLine>,
    /// Things worth knowing that are not errors (an encoding guessed, a record type skipped).
    pub notes: Vec<String>,
}
