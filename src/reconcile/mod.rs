//! Bank reconciliation: `folio reconcile BANK.csv` reads a bank statement ([`bank`]), matches its
//! lines to open items ([`matching`]) and, with `--apply`, records payments, payouts and refunds
//! for the matches ([`entries_for`]), each with `ref:` and `bank:<transaction id or line hash>`,
//! so a line is never applied twice. IBANs and structured communications are checked by
//! [`crate::identifiers`].

pub mod bank;
pub mod matching;
pub mod parsed;

use crate::book::Book;
use crate::error::Result;
use crate::journal::Kind;
use crate::record::{self, Due, NewEntry, Prepared};
use crate::tabular::{Cell, Column, Rows, Tabular};
use matching::{Proposal, Status};
use serde_json::{Value, json};

/// The default of `--min-confidence`: matches below it are shown but not applied.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.8;

/// The memo of an applied entry: who paid and what they wrote, on one line.
fn memo(proposal: &Proposal) -> Option<String> {
    let line = &proposal.line;
    // Control characters of any statement field never reach the journal: they become spaces,
    // and bidirectional controls are dropped.
    let plain = |text: &str| -> String {
        text.chars()
            .filter_map(|c| match c {
                c if c.is_control() => Some(' '),
                c if crate::text::misleading(c) => None,
                c => Some(c),
            })
            .collect()
    };
    let (counterparty, communication) = (plain(&line.counterparty), plain(&line.communication));
    let text = [counterparty.trim(), communication.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    let text: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(120)
        .collect();
    (!text.is_empty()).then_some(text)
}

/// An entry to write: its kind, `ref:`, amount and metadata.
type Planned = (
    Kind,
    Option<String>,
    rust_decimal::Decimal,
    Vec<(String, String)>,
);

/// The entries of a match in the line's currency: one per document paid, the part on account
/// added to the last one (or one entry without `ref:` when no document is named).
fn entries_in_own_currency(
    proposal: &Proposal,
    kind: Kind,
    bank: (String, String),
) -> Vec<Planned> {
    let mut parts: Vec<(Option<String>, rust_decimal::Decimal)> = proposal
        .documents
        .iter()
        .filter(|d| !d.amount.is_zero())
        .map(|d| (Some(d.document.clone()), d.amount))
        .collect();
    if !proposal.on_account.is_zero() {
        match parts.last_mut() {
            Some(last) => last.1 += proposal.on_account,
            None => match proposal.documents.first() {
                // A document already settled: the money still names it.
                Some(d) => parts.push((Some(d.document.clone()), proposal.on_account)),
                None => parts.push((None, proposal.on_account)),
            },
        }
    }
    parts
        .into_iter()
        .map(|(reference, amount)| (kind, reference, amount, vec![bank.clone()]))
        .collect()
}

/// The one entry of a match in another currency: the line's money, `ref:` its document when it
/// settles one, and `settles:` what it settles in the documents' currency (`/CUR` without `ref:`).
fn settling_entry(
    proposal: &Proposal,
    kind: Kind,
    settles: &matching::Settlement,
    bank: (String, String),
) -> Planned {
    let reference = match proposal.documents.as_slice() {
        [one] => Some(one.document.clone()),
        _ => None,
    };
    let amount = crate::money::format_amount(settles.amount);
    let settles = match reference {
        Some(_) => amount,
        None => format!("{amount}/{}", settles.currency),
    };
    let meta = vec![("settles".to_string(), settles), bank];
    (kind, reference, proposal.line.amount.abs(), meta)
}

/// The entries that record the proposals to apply (status matched, confidence at least
/// `min_confidence`): one per document paid, the part on account added to the last one (or one
/// entry without `ref:` when no document is named); one entry with `settles:` for a match in
/// another currency. Ids follow the book's numbering, continuing
/// from one entry to the next. Each is checked by [`record::prepare_counted`] against `book` and
/// the entries before it.
///
/// Returns, for each entry, the index of its proposal.
pub fn entries_for(
    book: &Book,
    proposals: &[Proposal],
    min_confidence: f64,
) -> Result<Vec<(usize, Prepared)>> {
    let mut ids: rustc_hash::FxHashSet<String> = book
        .entries
        .iter()
        .map(|e| book.entry_id(e).to_string())
        .collect();
    let mut room = crate::book::totals::Room::of(book);
    let mut out = Vec::new();
    for (index, proposal) in proposals.iter().enumerate() {
        let (Some(kind), Some(contact)) = (proposal.kind, proposal.contact) else {
            continue;
        };
        if proposal.status != Status::Matched || proposal.confidence < min_confidence {
            continue;
        }
        let bank = ("bank".to_string(), proposal.line.bank_id.clone());
        let mut entries = match &proposal.settles {
            Some(settles) => vec![settling_entry(proposal, kind, settles, bank.clone())],
            None => entries_in_own_currency(proposal, kind, bank.clone()),
        };
        if let Some(short) = &proposal.writeoff {
            let reason = ("reason".to_string(), "bank-charges".to_string());
            entries.push((
                Kind::Writeoff,
                Some(short.document.clone()),
                short.amount,
                vec![reason, bank],
            ));
        }
        for (kind, reference, amount, meta) in entries {
            let pattern = book.config.numbering.pattern(kind);
            let id = pattern.next(
                proposal.line.date,
                ids.iter().map(String::as_str),
                |candidate| ids.contains(candidate),
            );
            let new = NewEntry {
                kind,
                contact: book.contacts[contact as usize].id.clone(),
                amount: crate::money::format_amount(amount),
                date: proposal.line.date,
                due: Due::Terms,
                currency: proposal.currency,
                reference,
                meta,
                memo: memo(proposal),
                id: Some(id.clone()),
                with_document: false,
                allow_backdate: false,
            };
            let prepared = record::prepare_counted(book, &new, &mut room)?;
            ids.insert(id);
            out.push((index, prepared));
        }
    }
    Ok(out)
}

/// A reconciliation, for output.
pub struct Report<'a> {
    /// The book (for contact names).
    pub book: &'a Book,
    /// One proposal per bank line, in statement order.
    pub proposals: &'a [Proposal],
}

impl Report<'_> {
    fn contact_id(&self, proposal: &Proposal) -> Option<String> {
        proposal
            .contact
            .map(|c| self.book.contacts[c as usize].id.clone())
    }

    /// How many lines have each status, in the order of [`Status`].
    pub fn counts(&self) -> [(Status, usize); 6] {
        [
            Status::Matched,
            Status::Applied,
            Status::AlreadyApplied,
            Status::Recorded,
            Status::Unmatched,
            Status::Conflict,
        ]
        .map(|s| (s, self.proposals.iter().filter(|p| p.status == s).count()))
    }

    /// The JSON form: an array of objects, one per bank line (docs/reconcile.md lists the keys).
    pub fn json(&self) -> Value {
        Value::Array(
            self.proposals
                .iter()
                .map(|p| {
                    let line = &p.line;
                    let mut object = json!({
                        "row": line.place.line,
                        "date": line.date.to_string(),
                        "amount": crate::money::format_amount(line.amount),
                        "currency": p.currency.or(line.currency).map(|c| c.to_string()),
                        "counterparty": line.counterparty,
                        "account": line.account,
                        "communication": line.communication,
                        "bank_id": line.bank_id,
                        "status": p.status.as_str(),
                        "kind": p.kind.map(|k| k.as_str()),
                        "contact": self.contact_id(p),
                        "name": p.contact.map(|c| self.book.contacts[c as usize].name.clone()),
                        "documents": p.documents.iter().map(|d| json!({
                            "document": d.document,
                            "open": crate::money::format_amount(d.open),
                            "amount": crate::money::format_amount(d.amount),
                        })).collect::<Vec<_>>(),
                        "on_account": crate::money::format_amount(p.on_account),
                        "confidence": p.confidence,
                        "rule": p.rule.map(|r| r.as_str()),
                        "reason": p.reason,
                        "entries": p.entries,
                    });
                    if let (Some(settles), Value::Object(map)) = (&p.settles, &mut object) {
                        map.insert(
                            "settles".into(),
                            json!({
                                "amount": crate::money::format_amount(settles.amount),
                                "currency": settles.currency.to_string(),
                            }),
                        );
                    }
                    if let (Some(short), Value::Object(map)) = (&p.writeoff, &mut object) {
                        map.insert(
                            "writeoff".into(),
                            json!({
                                "document": short.document,
                                "amount": crate::money::format_amount(short.amount),
                                "reason": "bank-charges",
                            }),
                        );
                    }
                    object
                })
                .collect(),
        )
    }
}

impl Tabular for Report<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::amount("row"),
            Column::text("date"),
            Column::amount("amount"),
            Column::text("currency").priority(1),
            Column::prose("counterparty").priority(1),
            Column::text("status"),
            Column::text("kind").priority(2),
            Column::text("contact"),
            Column::text("documents"),
            Column::amount("confidence").priority(2),
            Column::prose("reason").priority(3),
            Column::text("entries").priority(4),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.proposals
            .iter()
            .map(|p| {
                let line = &p.line;
                vec![
                    Cell::Integer(i64::from(line.place.line)),
                    Cell::Date(line.date),
                    Cell::Amount(line.amount),
                    p.currency.or(line.currency).map(|c| c.to_string()).into(),
                    Cell::from(line.counterparty.clone()),
                    Cell::from(p.status.as_str()),
                    p.kind.map(|k| k.as_str().to_string()).into(),
                    self.contact_id(p).into(),
                    Cell::from(
                        p.documents
                            .iter()
                            .map(|d| d.document.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Cell::Decimal(
                        rust_decimal::Decimal::from_f64_retain(p.confidence)
                            .map(|d| d.round_dp(2))
                            .unwrap_or_default(),
                    ),
                    Cell::from(p.reason.clone()),
                    Cell::from(p.entries.join(" ")),
                ]
            })
            .collect()
    }
}
