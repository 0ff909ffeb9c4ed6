//! `folio export entries`: every entry dated on or before the as-of date, in journal order, as
//! CSV or JSON (the columns `folio import entries` reads back), as a ledger-cli / hledger journal,
//! or as a beancount file.
//!
//! The double-entry exports post each entry to the contact's own account against a
//! counter-account, the way `examples/gen.rs --ledger` does:
//!
//! | kind    | contact account                      | counter-account      |
//! |---------|--------------------------------------|----------------------|
//! | invoice | `Assets:Receivables:<contact>` +     | `Income:Sales`       |
//! | refund  | `Assets:Receivables:<contact>` +     | `Assets:Bank`        |
//! | payment | `Assets:Receivables:<contact>` -     | `Assets:Bank`        |
//! | credit  | `Assets:Receivables:<contact>` -     | `Income:Sales`       |
//! | bill    | `Liabilities:Payables:<contact>` -   | `Expenses:Purchases` |
//! | payout  | `Liabilities:Payables:<contact>` +   | `Assets:Bank`        |
//! | debit   | `Liabilities:Payables:<contact>` +   | `Expenses:Purchases` |
//!
//! So the balance of `Assets:Receivables:<contact>` is `folio balance` of that contact, per
//! currency, and the balance of `Liabilities:Payables:<contact>` is minus `folio balance
//! --payables` (a liability is a negative balance in double entry).

use crate::book::Book;
use crate::journal::{Entry, EntryIndex, Kind};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::io::Write;

/// One entry, with its text fields resolved: a view of the entry in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryRow<'a> {
    /// The entry's date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: Kind,
    /// Its document id.
    pub id: &'a str,
    /// The contact id.
    pub contact: &'a str,
    /// The contact's name.
    pub name: &'a str,
    /// The amount, positive.
    pub amount: Decimal,
    /// The resolved currency.
    pub currency: Currency,
    /// The due date of invoices and bills (as written, or from terms).
    pub due: Option<NaiveDate>,
    /// The document named by `ref:`.
    pub reference: Option<&'a str>,
    /// Free metadata, in line order.
    pub meta: Vec<(&'a str, &'a str)>,
    /// The memo.
    pub memo: Option<&'a str>,
}

/// Every entry dated on or before the as-of date, in journal order. Each row is read from the
/// book when it is written, so an export of millions of entries holds an index per entry, not
/// its text.
pub struct Entries<'a> {
    book: &'a Book,
    indices: Vec<EntryIndex>,
}

impl<'a> Entries<'a> {
    /// The entries of `book` dated on or before `as_of`.
    pub fn new(book: &'a Book, as_of: NaiveDate) -> Entries<'a> {
        let indices = (0..book.entries.len() as EntryIndex)
            .filter(|&i| book.entries[i as usize].date <= as_of)
            .collect();
        Entries { book, indices }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// No entry at all.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// Entry `index` (below [`Entries::len`]).
    pub fn row(&self, index: usize) -> EntryRow<'a> {
        row(self.book, &self.book.entries[self.indices[index] as usize])
    }

    /// The entries in journal order.
    pub fn rows(&self) -> impl Iterator<Item = EntryRow<'a>> + '_ {
        (0..self.len()).map(|index| self.row(index))
    }
}

fn row<'a>(book: &'a Book, entry: &Entry) -> EntryRow<'a> {
    let contact = book.entry_contact(entry);
    let line = book.entry_line(entry);
    EntryRow {
        date: entry.date,
        kind: entry.kind,
        id: book.entry_id(entry),
        contact: &contact.id,
        name: &contact.name,
        amount: entry.amount,
        currency: entry.currency,
        due: entry.kind.takes_due().then_some(entry.due),
        reference: entry
            .reference()
            .map(|r| book.entry_id(&book.entries[r as usize])),
        meta: crate::journal::parser::free_metadata(line),
        memo: book.entry_memo(entry),
    }
}

/// The metadata as `key:value` pairs separated by spaces (the CSV `meta` column).
fn meta_text(meta: &[(&str, &str)]) -> String {
    meta.iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns of the CSV: those `folio import entries` reads back.
impl Tabular for Entries<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("date"),
            Column::text("kind"),
            Column::text("id"),
            Column::text("contact"),
            Column::amount("amount"),
            Column::text("currency"),
            Column::text("due"),
            Column::text("ref"),
            Column::text("memo"),
            Column::text("meta"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand(self.len(), |index| {
            let r = self.row(index);
            vec![
                Cell::Date(r.date),
                Cell::from(r.kind.as_str()),
                Cell::from(r.id),
                Cell::from(r.contact),
                Cell::Amount(r.amount),
                Cell::Text(r.currency.to_string()),
                r.due.map_or(Cell::Null, Cell::Date),
                r.reference.into(),
                r.memo.into(),
                Cell::Text(meta_text(&r.meta)),
            ]
        })
    }
}

/// The rows as JSON objects: date, kind, id, contact, amount (a string), currency, due, ref,
/// meta (an object), memo; each made as it is written.
impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows().map(|r| {
            let meta: Map<String, Value> = r
                .meta
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            json!({
                "date": r.date.to_string(),
                "kind": r.kind.as_str(),
                "id": r.id,
                "contact": r.contact,
                "amount": crate::money::format_amount(r.amount),
                "currency": r.currency.as_str(),
                "due": r.due.map(|d| d.to_string()),
                "ref": r.reference,
                "meta": meta,
                "memo": r.memo,
            })
        }))
    }
}

/// The two postings of a kind: whether the contact's account goes up, and the counter-account.
pub fn postings(kind: Kind) -> (bool, &'static str) {
    match kind {
        Kind::Invoice => (true, "Income:Sales"),
        Kind::Refund => (true, "Assets:Bank"),
        Kind::Payment => (false, "Assets:Bank"),
        Kind::Credit => (false, "Income:Sales"),
        Kind::Bill => (false, "Expenses:Purchases"),
        Kind::Payout => (true, "Assets:Bank"),
        Kind::Debit => (true, "Expenses:Purchases"),
    }
}

/// The parent account of a kind's contact accounts.
pub fn contact_parent(kind: Kind) -> &'static str {
    match kind.side() {
        crate::journal::Side::Receivables => "Assets:Receivables",
        crate::journal::Side::Payables => "Liabilities:Payables",
    }
}

/// Text on a ledger transaction's first line: no `;` (it would start a note), `|` (hledger's
/// payee separator) or brackets (ledger reads `[date]` in notes), on one line.
fn ledger_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ';' => ',',
            '|' => '/',
            '[' => '(',
            ']' => ')',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A memo as a ledger note that no tool reads tags or metadata from: [`ledger_text`], and a space
/// before every `:` that follows a non-space. hledger makes a tag of any word directly followed by
/// a colon anywhere in a comment (`phase 1: design` tags `1`); ledger makes a note's first word
/// ending in `:` a metadata key and `:a:b:` a list of tags. A colon after a space is neither.
fn ledger_note(memo: &str) -> String {
    let text = ledger_text(memo);
    let mut out = String::with_capacity(text.len());
    let mut after_space = true;
    for c in text.chars() {
        if c == ':' && !after_space {
            out.push(' ');
        }
        after_space = c == ' ';
        out.push(c);
    }
    out
}

/// Writes a ledger-cli / hledger journal: one transaction per entry,
///
/// ```text
/// 2026-01-15 (INV-2026-0001) Acme Trading BV  ; consulting, January
///     ; kind: invoice
///     ; contact: acme
///     ; due: 2026-02-14
///     Assets:Receivables:acme  1210.00 EUR
///     Income:Sales
/// ```
pub fn write_ledger(
    book: &Book,
    entries: &Entries<'_>,
    as_of: NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    writeln!(
        out,
        "; {}: folio export entries --format ledger --as-of {as_of}",
        ledger_text(&book.config.name)
    )?;
    writeln!(
        out,
        "; Assets:Receivables:<contact> = folio balance; Liabilities:Payables:<contact> = -(folio balance --payables)"
    )?;
    for r in entries.rows() {
        writeln!(out)?;
        write!(out, "{} ({}) {}", r.date, r.id, ledger_text(r.name))?;
        match r.memo.map(ledger_note).filter(|m| !m.is_empty()) {
            Some(memo) => writeln!(out, "  ; {memo}")?,
            None => writeln!(out)?,
        }
        writeln!(out, "    ; kind: {}", r.kind.as_str())?;
        writeln!(out, "    ; contact: {}", r.contact)?;
        if let Some(due) = r.due {
            writeln!(out, "    ; due: {due}")?;
        }
        if let Some(reference) = r.reference {
            writeln!(out, "    ; ref: {reference}")?;
        }
        for (key, value) in &r.meta {
            writeln!(out, "    ; {key}: {}", ledger_text(value))?;
        }
        let (up, counter) = postings(r.kind);
        writeln!(
            out,
            "    {}:{}  {}{} {}",
            contact_parent(r.kind),
            r.contact,
            if up { "" } else { "-" },
            crate::money::format_amount(r.amount),
            r.currency
        )?;
        writeln!(out, "    {counter}")?;
    }
    out.flush()
}

/// A contact id as a beancount account component, which must start with a capital letter or a
/// digit and hold only letters, digits and `-`: the first letter is capitalised, `.` becomes `D`
/// and `_` becomes `U` (contact ids have no capitals, so the mapping stays one-to-one):
/// `acme` -> `Acme`, `acme.be` -> `AcmeDbe`.
pub fn beancount_component(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for (i, c) in id.chars().enumerate() {
        match c {
            '.' => out.push('D'),
            '_' => out.push('U'),
            c if i == 0 => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

/// A beancount string: `"` and `\` escaped, on one line.
fn beancount_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A beancount link: `^ID` (document ids only hold characters links allow).
fn link(id: &str) -> String {
    format!("^{id}")
}

/// Writes a beancount file: the accounts opened on the first entry's date, then one transaction
/// per entry with its document id, kind, contact and due date as metadata, and links (`^ID`)
/// between a document and the entries that refer to it.
pub fn write_beancount(
    book: &Book,
    entries: &Entries<'_>,
    as_of: NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    writeln!(
        out,
        ";; {}: folio export entries --format beancount --as-of {as_of}",
        book.config.name.replace(['\n', '\r'], " ")
    )?;
    writeln!(
        out,
        "option \"title\" {}",
        beancount_string(&book.config.name)
    )?;
    if let Some(currency) = book.config.currency {
        writeln!(out, "option \"operating_currency\" \"{currency}\"")?;
    }
    let Some(first) = entries.rows().map(|r| r.date).min() else {
        return out.flush();
    };
    writeln!(out)?;
    let mut accounts: std::collections::BTreeSet<String> =
        ["Income:Sales", "Assets:Bank", "Expenses:Purchases"]
            .into_iter()
            .map(str::to_string)
            .collect();
    for r in entries.rows() {
        accounts.insert(format!(
            "{}:{}",
            contact_parent(r.kind),
            beancount_component(r.contact)
        ));
    }
    for account in &accounts {
        writeln!(out, "{first} open {account}")?;
    }
    for r in entries.rows() {
        writeln!(out)?;
        let mut links = vec![link(r.id)];
        if let Some(reference) = r.reference {
            links.push(link(reference));
        }
        writeln!(
            out,
            "{} * {} {} {}",
            r.date,
            beancount_string(r.name),
            beancount_string(r.memo.unwrap_or("")),
            links.join(" ")
        )?;
        writeln!(out, "  document: {}", beancount_string(r.id))?;
        writeln!(out, "  kind: \"{}\"", r.kind.as_str())?;
        writeln!(out, "  contact: {}", beancount_string(r.contact))?;
        if let Some(due) = r.due {
            writeln!(out, "  due: {due}")?;
        }
        if !r.meta.is_empty() {
            writeln!(out, "  meta: {}", beancount_string(&meta_text(&r.meta)))?;
        }
        let (up, counter) = postings(r.kind);
        writeln!(
            out,
            "  {}:{}  {}{} {}",
            contact_parent(r.kind),
            beancount_component(r.contact),
            if up { "" } else { "-" },
            crate::money::format_amount(r.amount),
            r.currency
        )?;
        writeln!(out, "  {counter}")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beancount_accounts_are_one_to_one() {
        assert_eq!(beancount_component("acme"), "Acme");
        assert_eq!(beancount_component("de-witte"), "De-witte");
        assert_eq!(beancount_component("acme.be"), "AcmeDbe");
        assert_eq!(beancount_component("a_b"), "AUb");
        assert_eq!(beancount_component("3m"), "3m");
        assert_ne!(beancount_component("a.b"), beancount_component("a-b"));
        assert_eq!(
            beancount_string("say \"hi\" \\o/"),
            "\"say \\\"hi\\\" \\\\o/\""
        );
        assert_eq!(ledger_text("A; B | [x]\n c"), "A, B / (x) c");
        assert_eq!(ledger_note("phase 1: design"), "phase 1 : design");
        assert_eq!(ledger_note("a:b c: d ::e :f"), "a :b c : d : :e :f");
        assert_eq!(ledger_note("no colon here"), "no colon here");
    }
}
