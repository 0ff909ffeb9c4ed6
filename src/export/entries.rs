//! `folio export entries`: every entry dated on or before the as-of date, in journal order, as
//! CSV or JSON (the columns `folio import entries` reads back), as a ledger-cli / hledger journal,
//! or as a beancount file.
//!
//! The double-entry exports post each entry to the contact's own account against a
//! counter-account, with the account names of `[export.accounts]` in folio.toml (defaults below):
//!
//! | kind    | contact account                    | counter-account        | VAT account                |
//! |---------|------------------------------------|------------------------|----------------------------|
//! | invoice | `Assets:Receivables:<contact>` +   | `Income:Sales` -       | `Liabilities:VAT:Output` - |
//! | credit  | `Assets:Receivables:<contact>` -   | `Income:Sales` +       | `Liabilities:VAT:Output` + |
//! | refund  | `Assets:Receivables:<contact>` +   | `Assets:Bank` -        |                            |
//! | payment | `Assets:Receivables:<contact>` -   | `Assets:Bank` +        |                            |
//! | bill    | `Liabilities:Payables:<contact>` - | `Expenses:Purchases` + | `Assets:VAT:Input` +       |
//! | debit   | `Liabilities:Payables:<contact>` + | `Expenses:Purchases` - | `Assets:VAT:Input` -       |
//! | payout  | `Liabilities:Payables:<contact>` + | `Assets:Bank` -        |                            |
//! | writeoff | `Assets:Receivables:<contact>` -  | `Expenses:Write-offs` + |                           |
//! | payable-writeoff | `Liabilities:Payables:<contact>` + | `Income:Write-offs` - |                |
//!
//! The contact's account always takes the entry's whole amount (gross, what is owed). When folio
//! knows the entry's VAT ([`crate::ledger::vat::entry_vat`]), the other side is one posting per
//! VAT part: its net to sales or purchases and its VAT to the output or input VAT account, each
//! with a note naming the category and rate (`VAT S 21%`); a net or VAT of zero (reverse
//! charge, exempt, 0 %) is not written. Every amount is written, so ledger, hledger and
//! beancount check that the transaction balances. An entry whose VAT is unknown, and a refund,
//! payment or payout, keep the one counter-account posting without an amount, and so does a
//! write-off: it is no supply, and the VAT a bad-debt write-off may recover is for `folio vat`'s
//! bad-debt relief, not a posting of its own.
//!
//! One VAT account per side, not one per rate: its balance over a period is what `folio vat`
//! adds up for that period (output VAT is a liability, so its balance is minus the VAT on
//! sales), and the rate of each posting is in its note; a bookkeeper who wants an account per
//! rate splits them on that note.
//!
//! A breakdown need not add up to the amount: a received document's base and VAT are before its
//! prepaid amount, and rounding may leave a cent between them. The difference goes
//! to sales or purchases, as its own posting with a note (`amount minus the VAT breakdown`), so
//! the contact's account stays what is owed, the VAT account stays what `folio vat` says, and the
//! transaction balances. A breakdown whose sums folio cannot hold exactly is posted as unknown.
//!
//! So the balance of `Assets:Receivables:<contact>` is `folio balance` of that contact, per
//! currency, the balance of `Liabilities:Payables:<contact>` is minus `folio balance
//! --payables` (a liability is a negative balance in double entry), and over a period the
//! balance of the output VAT account is minus `folio vat`'s VAT on sales, that of the input VAT
//! account its VAT on purchases, per currency.

use crate::book::Book;
use crate::book::config::ExportAccounts;
use crate::book::rates::RateError;
use crate::book::settlements::Settlement;
use crate::journal::{Entry, EntryIndex, Kind, Side};
use crate::ledger::vat::{DocumentVats, EntryVat, VatPart, entry_vat};
use crate::ledger::{Ledger, fx};
use crate::money::{Currency, exact_add, exact_sub};
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
    /// What the payments in another currency realised, when the export shows it
    /// ([`Entries::with_exchange`]).
    realised: Option<Realised>,
}

/// What one payment or payout in another currency realised as of the export's date: the value
/// at which it took the settled amount off the contact's account, and its exchange difference,
/// both in the currency it was paid in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Realisation {
    /// The carrying value of what it settled (each allocated part at the rate of its document's
    /// date), plus what was paid for the part not yet allocated (valued at what was paid).
    pub cost: Decimal,
    /// The realised difference: positive is a gain.
    pub difference: Decimal,
}

/// [`Realisation`] of every settling entry, by entry.
#[derive(Debug, Clone, Default)]
pub struct Realised(rustc_hash::FxHashMap<EntryIndex, Realisation>);

impl Realised {
    /// What the settling entries of `book` realised as of `as_of`; fails at the first rate
    /// missing for it.
    pub fn of(book: &Book, as_of: NaiveDate) -> Result<Realised, RateError> {
        let mut realised: rustc_hash::FxHashMap<EntryIndex, (Decimal, Decimal, Decimal)> =
            rustc_hash::FxHashMap::default();
        for side in [Side::Receivables, Side::Payables] {
            let ledger = Ledger::build(book, side, as_of, true);
            for exchange in fx::exchanges(book, &ledger) {
                let valuation = exchange.valuation?;
                let add = |a, b| {
                    fx::add_converted(a, b, exchange.settled_currency, exchange.paid_currency)
                };
                let (carrying, paid, difference) = realised.entry(exchange.credit).or_default();
                *carrying = add(*carrying, valuation.carrying)?;
                *paid += exchange.paid;
                *difference = add(*difference, valuation.difference)?;
            }
        }
        let mut out = rustc_hash::FxHashMap::default();
        for (index, _) in book.settlements.iter() {
            let entry = &book.entries[index as usize];
            if entry.date > as_of {
                continue;
            }
            let (carrying, allocated_paid, difference) =
                realised.get(&index).copied().unwrap_or_default();
            let cost = fx::add_converted(
                carrying,
                entry.amount - allocated_paid,
                book.settlements
                    .get(index)
                    .map_or(entry.currency, |s| s.currency),
                entry.currency,
            )?;
            out.insert(index, Realisation { cost, difference });
        }
        Ok(Realised(out))
    }

    /// What `entry` realised, when it is a settling entry dated on or before the as-of date.
    pub fn get(&self, entry: EntryIndex) -> Option<&Realisation> {
        self.0.get(&entry)
    }
}

impl<'a> Entries<'a> {
    /// The entries of `book` dated on or before `as_of`.
    pub fn new(book: &'a Book, as_of: NaiveDate) -> Entries<'a> {
        let indices = (0..book.entries.len() as EntryIndex)
            .filter(|&i| book.entries[i as usize].date <= as_of)
            .collect();
        Entries {
            book,
            indices,
            realised: None,
        }
    }

    /// The entries of `book` that pass `filter`, in journal order.
    pub fn filtered(book: &'a Book, filter: &crate::report::register::EntryFilter) -> Entries<'a> {
        Entries {
            book,
            indices: filter.select(book),
            realised: None,
        }
    }

    /// The same entries, showing what each payment in another currency settles and realised
    /// as of `as_of` (extra CSV columns and JSON fields, postings to the exchange account); a
    /// book without such payments is left as it is, so its exports do not change.
    pub fn with_exchange(mut self, as_of: NaiveDate) -> Result<Self, RateError> {
        if !self.book.settlements.is_empty() {
            self.realised = Some(Realised::of(self.book, as_of)?);
        }
        Ok(self)
    }

    /// The postings of row `index` (module documentation; [`settling_postings`] for a payment
    /// in another currency when the export shows exchange differences).
    pub fn postings(&self, index: usize, documents: &DocumentVats) -> Vec<Posting<'a>> {
        let entry = self.entry(index);
        let accounts = &self.book.config.export.accounts;
        if let Some((settlement, Some(realisation))) = self.settled(index) {
            let paid = (entry.amount, entry.currency);
            return settling_postings(entry.kind, paid, settlement, realisation, accounts);
        }
        let vat = entry_vat(self.book, entry, documents);
        postings(entry.kind, entry.amount, &vat, accounts)
    }

    /// What the settling entry of row `index` settles and realised, when the export shows it.
    fn settled(&self, index: usize) -> Option<(Settlement, Option<Realisation>)> {
        let realised = self.realised.as_ref()?;
        let entry = self.indices[index];
        let settlement = *self.book.settlements.get(entry)?;
        Some((settlement, realised.get(entry).copied()))
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
        row(self.book, self.entry(index))
    }

    /// The entry of row `index` (below [`Entries::len`]).
    fn entry(&self, index: usize) -> &'a Entry {
        &self.book.entries[self.indices[index] as usize]
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
        let mut columns = vec![
            Column::text("date"),
            Column::text("kind").priority(5),
            Column::text("id"),
            Column::text("contact"),
            Column::amount("amount"),
            Column::text("currency"),
            Column::text("due").priority(3),
            Column::text("ref").priority(2),
            Column::prose("memo").priority(1),
            Column::prose("meta").priority(4),
        ];
        if self.realised.is_some() {
            columns.extend([
                Column::amount("settles"),
                Column::text("settled_currency"),
                Column::amount("exchange_difference"),
            ]);
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        Rows::on_demand_into(self.len(), |index, cells| {
            let r = self.row(index);
            cells.extend([
                Cell::Date(r.date),
                Cell::from(r.kind.as_str()),
                Cell::from(r.id),
                Cell::from(r.contact),
                Cell::Amount(r.amount),
                Cell::from(r.currency.to_string()),
                r.due.map_or(Cell::Null, Cell::Date),
                r.reference.into(),
                r.memo.into(),
                Cell::from(meta_text(&r.meta)),
            ]);
            if self.realised.is_some() {
                cells.extend(match self.settled(index) {
                    Some((settlement, realisation)) => [
                        Cell::Amount(settlement.amount),
                        Cell::from(settlement.currency.to_string()),
                        realisation.map_or(Cell::Null, |r| Cell::Amount(r.difference)),
                    ],
                    None => [Cell::Null, Cell::Null, Cell::Null],
                });
            }
        })
        // Each row parses its journal line: a table keeps the text rather than parse it twice.
        .costly()
    }
}

/// The rows as JSON objects: date, kind, id, contact, amount (a string), currency, due, ref,
/// meta (an object), memo; each made as it is written.
impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((0..self.len()).map(|index| {
            let r = self.row(index);
            let meta: Map<String, Value> = r
                .meta
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            let mut value = json!({
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
            });
            if let (Some((settlement, realisation)), Value::Object(map)) =
                (self.settled(index), &mut value)
            {
                let format = crate::money::format_amount;
                map.insert("settles".into(), format(settlement.amount).into());
                map.insert(
                    "settled_currency".into(),
                    settlement.currency.as_str().into(),
                );
                let difference = realisation.map(|r| format(r.difference));
                map.insert("exchange_difference".into(), difference.into());
            }
            value
        }))
    }
}

/// Where a posting goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account<'a> {
    /// The contact's own account: this parent (`receivables` or `payables` of
    /// `[export.accounts]`), then `:` and the contact, written as each format needs it.
    Contact(&'a str),
    /// An account of `[export.accounts]`, as written there.
    Named(&'a str),
}

/// One posting of an entry's transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting<'a> {
    /// The account.
    pub account: Account<'a>,
    /// The amount, in the entry's currency, signed as double entry has it; `None` for the one
    /// posting written without an amount, which takes what balances the transaction.
    pub amount: Option<Decimal>,
    /// What the amount is: the VAT category and rate of a part, or why a difference is there.
    pub note: Option<String>,
    /// The amount's currency when it is not the entry's (a payment in another currency).
    pub currency: Option<Currency>,
    /// The total price of the amount in another currency (`@@ 2814.81 EUR`): what a settled
    /// amount was carried at.
    pub price: Option<(Decimal, Currency)>,
}

impl<'a> Posting<'a> {
    /// A posting in the entry's currency, without a note.
    fn new(account: Account<'a>, amount: Option<Decimal>) -> Posting<'a> {
        Posting {
            account,
            amount,
            note: None,
            currency: None,
            price: None,
        }
    }
}

/// The postings of a payment or payout of `paid` that settles `settlement` in another currency
/// and realised `realisation`: the contact's account by the settled amount in its currency, at
/// its carrying value (`-3040.00 USD @@ 2814.81 EUR`); the bank by what was paid; the exchange
/// account by minus the difference (a gain is a credit), left out when zero. The three balance
/// in the paid currency.
pub fn settling_postings<'a>(
    kind: Kind,
    (paid, paid_currency): (Decimal, Currency),
    settlement: Settlement,
    realisation: Realisation,
    accounts: &'a ExportAccounts,
) -> Vec<Posting<'a>> {
    let (up, bank) = counter_account(kind, accounts);
    let sign = |value: Decimal| if up { value } else { -value };
    let mut out = vec![
        Posting {
            currency: Some(settlement.currency),
            price: Some((realisation.cost, paid_currency)),
            ..Posting::new(
                Account::Contact(contact_parent(kind, accounts)),
                Some(sign(settlement.amount)),
            )
        },
        Posting::new(Account::Named(bank), Some(-sign(paid))),
    ];
    if !realisation.difference.is_zero() {
        out.push(Posting {
            note: Some("realised exchange difference".to_string()),
            ..Posting::new(
                Account::Named(&accounts.exchange),
                Some(-realisation.difference),
            )
        });
    }
    out
}

/// Whether a kind raises the contact's account (as a debit), and the account the rest of its
/// transaction goes to when its VAT is not known.
fn counter_account(kind: Kind, accounts: &ExportAccounts) -> (bool, &str) {
    match kind {
        Kind::Invoice => (true, &accounts.sales),
        Kind::Refund => (true, &accounts.bank),
        Kind::Payment => (false, &accounts.bank),
        Kind::Credit => (false, &accounts.sales),
        Kind::Bill => (false, &accounts.purchases),
        Kind::Payout => (true, &accounts.bank),
        Kind::Debit => (true, &accounts.purchases),
        Kind::Writeoff => (false, &accounts.writeoffs),
        Kind::PayableWriteoff => (true, &accounts.payable_writeoffs),
    }
}

/// The parent account of a kind's contact accounts.
fn contact_parent(kind: Kind, accounts: &ExportAccounts) -> &str {
    match kind.side() {
        crate::journal::Side::Receivables => &accounts.receivables,
        crate::journal::Side::Payables => &accounts.payables,
    }
}

/// The postings of an entry of `kind` and `amount` (gross) whose VAT is `vat`: the contact's
/// account by the whole amount, then either the counter-account by what balances (VAT unknown,
/// or no supply) or, for a known breakdown, each part's net to sales or purchases and its VAT
/// to the output or input VAT account, amounts of zero left out, and any difference between the
/// amount and the breakdown to sales or purchases with a note (module documentation).
pub fn postings<'a>(
    kind: Kind,
    amount: Decimal,
    vat: &EntryVat,
    accounts: &'a ExportAccounts,
) -> Vec<Posting<'a>> {
    let (up, counter) = counter_account(kind, accounts);
    let contact = Posting::new(
        Account::Contact(contact_parent(kind, accounts)),
        Some(if up { amount } else { -amount }),
    );
    let rest = vat_postings(kind, amount, vat, accounts)
        .unwrap_or_else(|| vec![Posting::new(Account::Named(counter), None)]);
    std::iter::once(contact).chain(rest).collect()
}

/// The net, VAT and difference postings of a known breakdown; `None` when the VAT is not known,
/// when its sums are beyond the range folio holds exactly, or when every amount is zero.
fn vat_postings<'a>(
    kind: Kind,
    amount: Decimal,
    vat: &EntryVat,
    accounts: &'a ExportAccounts,
) -> Option<Vec<Posting<'a>>> {
    let EntryVat::Known { parts, .. } = vat else {
        return None;
    };
    let (net, tax) = vat.totals()?;
    let difference = exact_sub(amount, exact_add(net, tax)?)?;
    let (up, counter) = counter_account(kind, accounts);
    let vat_account = match kind.side() {
        crate::journal::Side::Receivables => &accounts.output_vat,
        crate::journal::Side::Payables => &accounts.input_vat,
    };
    // The other side of the contact's posting: a credit when the contact's account goes up.
    let sign = |value: Decimal| if up { -value } else { value };
    let mut out = Vec::with_capacity(2 * parts.len() + 1);
    for part in parts {
        let note = part_note(part);
        for (account, value) in [(counter, part.net), (vat_account.as_str(), part.vat)] {
            if !value.is_zero() {
                out.push(Posting {
                    note: Some(note.clone()),
                    ..Posting::new(Account::Named(account), Some(sign(value)))
                });
            }
        }
    }
    if !difference.is_zero() {
        out.push(Posting {
            note: Some("amount minus the VAT breakdown (a prepaid amount or rounding)".to_string()),
            ..Posting::new(Account::Named(counter), Some(sign(difference)))
        });
    }
    (!out.is_empty()).then_some(out)
}

/// A part's category and rate as a posting note: `VAT S 21%`, `VAT AE 0%`, `VAT O`, or `VAT` for
/// a `net:` / `tax:` part. No colon, so no tool reads a tag in it.
fn part_note(part: &VatPart) -> String {
    let mut note = String::from("VAT");
    if let Some(category) = &part.category {
        note.push(' ');
        note.push_str(category);
    }
    if let Some(rate) = part.rate {
        note.push_str(&format!(" {}%", rate.normalize()));
    }
    note
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

/// Writes a ledger-cli / hledger journal: one transaction per entry, every amount written so
/// that the tools check that it balances (module documentation),
///
/// ```text
/// 2026-01-15 (INV-2026-0001) Acme Trading BV  ; consulting, January
///     ; kind: invoice
///     ; contact: acme
///     ; due: 2026-02-14
///     ; vat: 21
///     Assets:Receivables:acme  1210.00 EUR
///     Income:Sales  -1000.00 EUR  ; VAT S 21%
///     Liabilities:VAT:Output  -210.00 EUR  ; VAT S 21%
/// ```
///
/// An entry whose VAT is unknown, and a refund, payment or payout, has the counter-account
/// without an amount, as before VAT was posted.
pub fn write_ledger(
    book: &Book,
    entries: &Entries<'_>,
    documents: &DocumentVats,
    as_of: NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let accounts = &book.config.export.accounts;
    let mut out = std::io::BufWriter::new(out);
    writeln!(
        out,
        "; {}: folio export entries --format ledger --as-of {as_of}",
        ledger_text(&book.config.name)
    )?;
    writeln!(
        out,
        "; {}:<contact> = folio balance; {}:<contact> = -(folio balance --payables)",
        accounts.receivables, accounts.payables
    )?;
    writeln!(
        out,
        "; {} = -(VAT on sales of folio vat); {} = VAT on purchases of folio vat",
        accounts.output_vat, accounts.input_vat
    )?;
    for index in 0..entries.len() {
        let r = entries.row(index);
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
        for posting in entries.postings(index, documents) {
            match posting.account {
                Account::Contact(parent) => write!(out, "    {parent}:{}", r.contact)?,
                Account::Named(name) => write!(out, "    {name}")?,
            }
            write_amount_and_note(&mut out, &posting, r.currency)?;
        }
    }
    out.flush()
}

/// The rest of a posting's line, the same in both formats: `  AMOUNT CUR  ; note`.
fn write_amount_and_note(
    out: &mut dyn Write,
    posting: &Posting<'_>,
    currency: Currency,
) -> std::io::Result<()> {
    if let Some(amount) = posting.amount {
        let currency = posting.currency.unwrap_or(currency);
        write!(out, "  {} {currency}", crate::money::format_amount(amount))?;
    }
    if let Some((total, price_currency)) = posting.price {
        write!(
            out,
            " @@ {} {price_currency}",
            crate::money::format_amount(total)
        )?;
    }
    if let Some(note) = &posting.note {
        write!(out, "  ; {note}")?;
    }
    writeln!(out)
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
/// between a document and the entries that refer to it; postings as [`write_ledger`]'s.
pub fn write_beancount(
    book: &Book,
    entries: &Entries<'_>,
    documents: &DocumentVats,
    as_of: NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let accounts = &book.config.export.accounts;
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
    let named = [
        &accounts.sales,
        &accounts.purchases,
        &accounts.bank,
        &accounts.output_vat,
        &accounts.input_vat,
    ];
    let mut opened: std::collections::BTreeSet<String> = named.into_iter().cloned().collect();
    if entries.realised.is_some() {
        opened.insert(accounts.exchange.clone());
    }
    for r in entries.rows() {
        opened.insert(format!(
            "{}:{}",
            contact_parent(r.kind, accounts),
            beancount_component(r.contact)
        ));
        // Opened only when used, so a book without write-offs exports as it always did.
        match r.kind {
            Kind::Writeoff => opened.insert(accounts.writeoffs.clone()),
            Kind::PayableWriteoff => opened.insert(accounts.payable_writeoffs.clone()),
            _ => false,
        };
    }
    for account in &opened {
        writeln!(out, "{first} open {account}")?;
    }
    for index in 0..entries.len() {
        let r = entries.row(index);
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
        for posting in entries.postings(index, documents) {
            match posting.account {
                Account::Contact(parent) => {
                    write!(out, "  {parent}:{}", beancount_component(r.contact))?
                }
                Account::Named(name) => write!(out, "  {name}")?,
            }
            write_amount_and_note(&mut out, &posting, r.currency)?;
        }
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

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn part(category: &str, rate: &str, net: &str, vat: &str) -> VatPart {
        VatPart {
            category: Some(category.to_string()),
            rate: Some(d(rate)),
            net: d(net),
            vat: d(vat),
        }
    }

    fn known(parts: Vec<VatPart>) -> EntryVat {
        EntryVat::Known {
            source: crate::ledger::vat::VatSource::Line,
            parts,
        }
    }

    /// The postings as (account, amount, note) text, and their sum.
    fn posted(kind: Kind, amount: &str, vat: &EntryVat) -> (Vec<String>, Decimal) {
        let accounts = ExportAccounts::default();
        let postings = postings(kind, d(amount), vat, &accounts);
        let sum = postings.iter().filter_map(|p| p.amount).sum();
        let text = postings
            .iter()
            .map(|p| {
                let account = match p.account {
                    Account::Contact(parent) => format!("{parent}:c"),
                    Account::Named(name) => name.to_string(),
                };
                let amount = p.amount.map_or(String::new(), |a| format!(" {a}"));
                let note = p
                    .note
                    .as_deref()
                    .map_or(String::new(), |n| format!(" ; {n}"));
                format!("{account}{amount}{note}")
            })
            .collect();
        (text, sum)
    }

    #[test]
    fn a_credit_note_reverses_its_invoices_postings() {
        let vat = known(vec![
            part("S", "21", "100.00", "21.00"),
            part("S", "6", "50.00", "3.00"),
        ]);
        let (invoice, sum) = posted(Kind::Invoice, "174.00", &vat);
        assert_eq!(sum, Decimal::ZERO);
        assert_eq!(
            invoice,
            [
                "Assets:Receivables:c 174.00",
                "Income:Sales -100.00 ; VAT S 21%",
                "Liabilities:VAT:Output -21.00 ; VAT S 21%",
                "Income:Sales -50.00 ; VAT S 6%",
                "Liabilities:VAT:Output -3.00 ; VAT S 6%",
            ]
        );
        let (credit, sum) = posted(Kind::Credit, "174.00", &vat);
        assert_eq!(sum, Decimal::ZERO);
        assert_eq!(credit[0], "Assets:Receivables:c -174.00");
        assert_eq!(credit[2], "Liabilities:VAT:Output 21.00 ; VAT S 21%");
        let (debit, sum) = posted(Kind::Debit, "174.00", &vat);
        assert_eq!(sum, Decimal::ZERO);
        assert_eq!(debit[0], "Liabilities:Payables:c 174.00");
        assert_eq!(debit[2], "Assets:VAT:Input -21.00 ; VAT S 21%");
    }

    #[test]
    fn a_breakdown_that_misses_the_amount_is_balanced_on_sales_or_purchases() {
        // 71.00 owed on 100.00 + 21.00: 50.00 was prepaid.
        let vat = known(vec![part("S", "21", "100.00", "21.00")]);
        let (bill, sum) = posted(Kind::Bill, "71.00", &vat);
        assert_eq!(sum, Decimal::ZERO);
        assert_eq!(
            bill.last().unwrap(),
            "Expenses:Purchases -50.00 ; amount minus the VAT breakdown (a prepaid amount or rounding)"
        );
    }

    #[test]
    fn zero_amounts_and_unknown_vat_are_not_posted() {
        let reverse = known(vec![part("AE", "0", "500.00", "0.00")]);
        let (lines, _) = posted(Kind::Invoice, "500.00", &reverse);
        assert_eq!(
            lines,
            [
                "Assets:Receivables:c 500.00",
                "Income:Sales -500.00 ; VAT AE 0%"
            ]
        );
        for vat in [EntryVat::Unknown, EntryVat::NotSupply] {
            let (lines, _) = posted(Kind::Bill, "10.00", &vat);
            assert_eq!(
                lines,
                ["Liabilities:Payables:c -10.00", "Expenses:Purchases"]
            );
        }
        let (lines, _) = posted(Kind::Payment, "10.00", &EntryVat::NotSupply);
        assert_eq!(lines, ["Assets:Receivables:c -10.00", "Assets:Bank"]);
        // A zero entry with a zero breakdown keeps the one counter posting.
        let zero = known(vec![part("S", "21", "0", "0")]);
        let (lines, _) = posted(Kind::Invoice, "0", &zero);
        assert_eq!(lines, ["Assets:Receivables:c 0", "Income:Sales"]);
    }

    #[test]
    fn account_names_follow_beancounts_rules() {
        use crate::book::config::check_account_name;
        for good in [
            "Income:Sales",
            "Assets:Bank:KBC-1",
            "Liabilities:VAT:21",
            "Equity:X",
        ] {
            assert_eq!(check_account_name(good), Ok(()), "{good}");
        }
        for bad in [
            "Income",
            "Bank:KBC",
            "Income:sales",
            "Income:Sales Services",
            "Income::Sales",
            "Income:Sales:",
            "Income:Ventes:Été",
            "income:Sales",
            "Income:-Sales",
        ] {
            assert!(check_account_name(bad).is_err(), "{bad}");
        }
    }
}
