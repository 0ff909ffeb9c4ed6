//! The journal: one entry per line in `journal/**/*.journal`.
//!
//! [`parser`] turns one line into a [`parser::ParsedLine`] that borrows from the file's text;
//! the book loader resolves contacts, currencies, due dates and references into [`Entry`].

pub mod format;
pub mod parser;
pub mod vat;

use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which ledger an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// What customers owe us: invoice, refund, payment, credit, writeoff.
    Receivables,
    /// What we owe suppliers: bill, payout, debit, payable-writeoff.
    Payables,
}

/// The kind of a journal entry. The kind gives the sign; amounts are always written positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A sales invoice: the customer owes more.
    Invoice,
    /// Money paid back to a customer.
    Refund,
    /// Money received from a customer.
    Payment,
    /// A credit note (red-letter invoice).
    Credit,
    /// A supplier bill: we owe more.
    Bill,
    /// Money we paid to a supplier.
    Payout,
    /// A debit note: a supplier's credit to us.
    Debit,
    /// A receivable written off (bank charges, rounding, bad debt): lowers what a customer owes
    /// without being billing or money received.
    Writeoff,
    /// A payable written off: lowers what we owe a supplier without being money paid.
    #[serde(rename = "payable-writeoff")]
    PayableWriteoff,
}

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 9] = [
        Kind::Invoice,
        Kind::Refund,
        Kind::Payment,
        Kind::Credit,
        Kind::Writeoff,
        Kind::Bill,
        Kind::Payout,
        Kind::Debit,
        Kind::PayableWriteoff,
    ];

    /// The word used in the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invoice => "invoice",
            Kind::Refund => "refund",
            Kind::Payment => "payment",
            Kind::Credit => "credit",
            Kind::Bill => "bill",
            Kind::Payout => "payout",
            Kind::Debit => "debit",
            Kind::Writeoff => "writeoff",
            Kind::PayableWriteoff => "payable-writeoff",
        }
    }

    /// Reads the journal word.
    pub fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "invoice" => Kind::Invoice,
            "refund" => Kind::Refund,
            "payment" => Kind::Payment,
            "credit" => Kind::Credit,
            "bill" => Kind::Bill,
            "payout" => Kind::Payout,
            "debit" => Kind::Debit,
            "writeoff" => Kind::Writeoff,
            "payable-writeoff" => Kind::PayableWriteoff,
            _ => return None,
        })
    }

    /// Receivables or payables.
    pub fn side(self) -> Side {
        match self {
            Kind::Invoice | Kind::Refund | Kind::Payment | Kind::Credit | Kind::Writeoff => {
                Side::Receivables
            }
            Kind::Bill | Kind::Payout | Kind::Debit | Kind::PayableWriteoff => Side::Payables,
        }
    }

    /// True for the kinds that increase the balance (invoice, refund, bill): they open items.
    pub fn is_debit(self) -> bool {
        matches!(self, Kind::Invoice | Kind::Refund | Kind::Bill)
    }

    /// True for kinds that may carry `due:` (invoice and bill).
    pub fn takes_due(self) -> bool {
        matches!(self, Kind::Invoice | Kind::Bill)
    }

    /// True for the kinds that are a supply and so may carry VAT (invoice, credit, bill, debit);
    /// refunds, payments and payouts move money and carry none. A write-off is no supply either:
    /// the `vat:` a bad-debt write-off may carry is VAT to recover, see [`Kind::is_writeoff`].
    pub fn takes_vat(self) -> bool {
        matches!(
            self,
            Kind::Invoice | Kind::Credit | Kind::Bill | Kind::Debit
        )
    }

    /// True for the two write-off kinds: credit entries that are neither billing nor money moved,
    /// so collection, revenue and the VAT return leave them out.
    pub fn is_writeoff(self) -> bool {
        matches!(self, Kind::Writeoff | Kind::PayableWriteoff)
    }

    /// True for the kinds that may carry `settles:` (payment and payout): money that moved in
    /// one currency and settles documents in another.
    pub fn takes_settles(self) -> bool {
        matches!(self, Kind::Payment | Kind::Payout)
    }

    /// The kinds a `ref:` on this kind may name; empty when `ref:` is not allowed.
    pub fn ref_targets(self) -> &'static [Kind] {
        match self {
            Kind::Payment | Kind::Credit | Kind::Writeoff => &[Kind::Invoice, Kind::Refund],
            Kind::Refund => &[Kind::Payment, Kind::Credit],
            Kind::Payout | Kind::Debit | Kind::PayableWriteoff => &[Kind::Bill],
            Kind::Invoice | Kind::Bill => &[],
        }
    }

    /// The signed effect of `amount` on the balance of its side.
    pub fn signed(self, amount: Decimal) -> Decimal {
        if self.is_debit() { amount } else { -amount }
    }
}

/// `settles:AMOUNT[/CUR]` as written on a payment or payout: what it settles, in the currency of
/// the documents it settles (`CUR`, else the currency of its `ref:` document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settles {
    /// The settled amount, strictly positive.
    pub amount: Decimal,
    /// `CUR` when written.
    pub currency: Option<Currency>,
}

/// Index of an entry in [`crate::book::Book::entries`] (journal order).
pub type EntryIndex = u32;

/// Marker for "no reference" in [`Entry::reference`], which keeps the entry compact.
pub const NO_REFERENCE: EntryIndex = EntryIndex::MAX;

/// A validated journal entry. Text fields (id, metadata, memo) stay in the source file and are
/// reached through the [`crate::book::Book`], so a million entries cost about 60 bytes each.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The entry's date.
    pub date: NaiveDate,
    /// When it falls due: the `due:` date, else date + terms for invoices and bills; the entry's
    /// own date for everything else.
    pub due: NaiveDate,
    /// What kind of document it is.
    pub kind: Kind,
    /// The resolved currency.
    pub currency: Currency,
    /// Index of the contact in [`crate::book::Book::contacts`].
    pub contact: u32,
    /// The positive amount as written.
    pub amount: Decimal,
    /// The entry named by `ref:`, or [`NO_REFERENCE`].
    pub reference: EntryIndex,
    /// Index of the journal file in [`crate::book::Book::sources`].
    pub source: u32,
    /// 1-based line number.
    pub line: u32,
    /// Byte offset of the line in its file; the line runs to the next line ending (see
    /// [`Entry::line_in`]), which the entry does not keep: a million entries are 4 MB smaller.
    pub line_start: u32,
    /// Byte offset of the document id, relative to the line (the loader refuses an id that
    /// starts further in).
    pub id_offset: u16,
    /// Byte length of the document id (the loader refuses a longer one than `u16::MAX`).
    pub id_len: u16,
}

impl Entry {
    /// The referenced entry, if any.
    pub fn reference(&self) -> Option<EntryIndex> {
        (self.reference != NO_REFERENCE).then_some(self.reference)
    }

    /// The balance effect: + for debits (invoice, refund, bill), - for credits.
    pub fn signed_amount(&self) -> Decimal {
        self.kind.signed(self.amount)
    }

    /// The entry's line in `text`, the whole file it was read from, without its line ending
    /// (`\n` or `\r\n`).
    pub fn line_in<'a>(&self, text: &'a str) -> &'a str {
        let rest = &text[self.line_start as usize..];
        let line = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest, |end| &rest[..end]);
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The entry's document id in `text`, the whole file it was read from.
    pub fn id_in<'a>(&self, text: &'a str) -> &'a str {
        let start = self.line_start as usize + usize::from(self.id_offset);
        &text[start..start + self.id_len as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_stays_52_bytes() {
        // A million-entry book holds a million of them: each byte is a megabyte of its peak.
        assert_eq!(std::mem::size_of::<Entry>(), 52);
    }

    #[test]
    fn the_line_and_id_come_from_the_text_without_the_line_ending() {
        let text = "x\n2026-01-01 invoice I-1 a 1\r\nlast";
        let entry = Entry {
            date: NaiveDate::MIN,
            due: NaiveDate::MIN,
            kind: Kind::Invoice,
            currency: Currency::parse("EUR").unwrap(),
            contact: 0,
            amount: Decimal::ONE,
            reference: NO_REFERENCE,
            source: 0,
            line: 2,
            line_start: 2,
            id_offset: 19,
            id_len: 3,
        };
        assert_eq!(entry.line_in(text), "2026-01-01 invoice I-1 a 1");
        assert_eq!(entry.id_in(text), "I-1");
        let last = Entry {
            line_start: 30,
            ..entry
        };
        assert_eq!(last.line_in(text), "last");
    }
}
