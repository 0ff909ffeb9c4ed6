//! The id each document is recorded under, whether it is recorded already, the bill a credit note
//! is allocated to, and the journal lines and files that record them.

use super::{Matched, Planned, Planner, Recorded};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::import::entries::NewLine;
use crate::import::ubl::attachments;
use crate::import::ubl::entry::{self, candidate};
use crate::journal::Kind;
use crate::journal::parser;
use crate::money::{Currency, format_amount};
use chrono::Datelike;
use std::path::{Path, PathBuf};

/// Where received documents are kept, below the book: one folder per supplier.
const RECEIVED_DIR: &str = "documents/received";

/// The file a supplier's document recorded as `id` is kept in:
/// `documents/received/<supplier>/<id>.xml`, a `/` of the id written `_`.
fn kept_path(root: &Path, supplier: &str, id: &str) -> PathBuf {
    root.join(RECEIVED_DIR)
        .join(supplier)
        .join(format!("{}.xml", id.replace('/', "_")))
}

/// The folder its embedded files go in: beside it, `<id>.attachments/`.
fn attachments_dir(kept: &Path) -> PathBuf {
    kept.with_extension("attachments")
}

impl Planner<'_> {
    /// Chooses the id of matched document `index`: the first of its number, `number-2`, ... that
    /// no other document holds and whose kept file is free; or finds that the same file is
    /// recorded already under one of them.
    pub(super) fn place(&mut self, matched: &[Matched<'_>], index: usize) -> Result<()> {
        let m = &matched[index];
        let supplier = self.known[m.supplier].id.clone();
        let Some(base) = entry::base_id(&m.received.number) else {
            self.plan.problems.push(Diagnostic::error(
                &m.input.path,
                0,
                0,
                format!(
                    "document number `{}` has no letter or digit to make an entry id of",
                    m.received.number
                ),
            ));
            self.ids.push(None);
            return Ok(());
        };
        for n in 1.. {
            let id = candidate(&base, n);
            let kept = kept_path(&self.book.root, &supplier, &id);
            let in_book = self.book_ids.contains_key(id.as_str());
            let in_run = self
                .taken
                .get(&id)
                .or_else(|| self.kept.get(&kept))
                .copied();
            let same_file = match in_run {
                Some(other) => Some(matched[other].input.bytes == m.input.bytes),
                None => self
                    .dir
                    .read_or_refuse(&kept)?
                    .map(|bytes| bytes == m.input.bytes),
            };
            if same_file == Some(true) && (in_book || in_run.is_some()) {
                self.plan.recorded.push(Recorded {
                    file: m.input.path.clone(),
                    id,
                });
                self.ids.push(None);
                return Ok(());
            }
            // A kept file with the same bytes and no entry is what an interrupted import left.
            if !in_book && in_run.is_none() && same_file != Some(false) {
                self.taken.insert(id.clone(), index);
                self.kept.insert(kept, index);
                self.ids.push(Some(id));
                return Ok(());
            }
        }
        unreachable!("the ids number-N are endless")
    }

    /// The bill credit note `index` refers to (cac:BillingReference), when it is recorded (in
    /// the book or by this run) for the same supplier in the same currency: the first of the
    /// ids its number gives that is such a bill.
    fn referenced_bill(&self, matched: &[Matched<'_>], index: usize) -> Option<String> {
        let m = &matched[index];
        let base = entry::base_id(m.received.billing_reference.as_deref()?)?;
        let supplier = &self.known[m.supplier].id;
        for n in 1.. {
            let id = candidate(&base, n);
            let found = match self.book_ids.get(id.as_str()) {
                Some(&i) => {
                    let e = &self.book.entries[i as usize];
                    Some((
                        e.kind,
                        &self.book.contacts[e.contact as usize].id,
                        e.currency,
                    ))
                }
                None => self.taken.get(&id).map(|&j| {
                    let other = &matched[j];
                    (
                        other.mapped.kind,
                        &self.known[other.supplier].id,
                        other.received.currency,
                    )
                }),
            };
            match found {
                None => return None,
                Some((Kind::Bill, owner, currency))
                    if owner == supplier && currency == m.received.currency =>
                {
                    return Some(id);
                }
                Some(_) => continue,
            }
        }
        None
    }

    /// Finds the bill of every credit note that names one; a warning for those not found.
    pub(super) fn link_credit_notes(&mut self, matched: &[Matched<'_>]) {
        for index in 0..matched.len() {
            let m = &matched[index];
            let wanted = self.ids[index].is_some()
                && m.mapped.kind == Kind::Debit
                && m.received.billing_reference.is_some();
            let found = if wanted {
                self.referenced_bill(matched, index)
            } else {
                None
            };
            if wanted && found.is_none() {
                let reference = m.received.billing_reference.clone().unwrap_or_default();
                self.warn(
                    &m.input.path,
                    format!(
                        "credit note {} refers to invoice {reference}, which is no bill of `{}` in {}: it is recorded without ref",
                        m.received.number, self.known[m.supplier].id, m.received.currency
                    ),
                );
            }
            self.refs.push(found);
        }
    }

    /// The journal line and the files of every document to record.
    pub(super) fn lines(&mut self, matched: &[Matched<'_>]) {
        let mut room = crate::book::totals::Room::of(self.book);
        for (index, m) in matched.iter().enumerate() {
            let Some(id) = self.ids[index].clone() else {
                continue;
            };
            let supplier = self.known[m.supplier].id.clone();
            let Some(mapped) = entry::map(&m.received, &id) else {
                continue;
            };
            let kept = kept_path(&self.book.root, &supplier, &id);
            let relative = kept.strip_prefix(&self.book.root).unwrap_or(&kept);
            let line = journal_line(
                &m.received,
                &mapped,
                &id,
                &supplier,
                self.refs[index].as_deref(),
                relative,
            );
            let file = &m.input.path;
            let readable = matches!(parser::parse_line(&line), Ok(Some(p)) if p.id == id);
            if !readable {
                self.plan.problems.push(Diagnostic::error(
                    file,
                    0,
                    0,
                    format!("the journal line would not read back as meant: {line}"),
                ));
                continue;
            }
            if let Err(message) = room.take(m.received.currency, mapped.amount) {
                self.plan
                    .problems
                    .push(Diagnostic::error(file, 0, 0, message));
                continue;
            }
            let mut files = vec![(kept.clone(), m.input.bytes.clone())];
            let names = attachments::file_names(&m.received.attachments);
            let folder = attachments_dir(&kept);
            for (attachment, name) in m.received.attachments.iter().zip(names) {
                files.push((folder.join(name), attachment.content.clone()));
            }
            self.plan
                .journal
                .entry(crate::book::write::journal_path(
                    &self.book.root,
                    m.received.issue_date.year(),
                ))
                .or_default()
                .push(NewLine {
                    row: index as u32 + 1,
                    id: id.clone(),
                    line: line.clone(),
                });
            self.plan.planned.push(Planned {
                file: file.clone(),
                id,
                kind: mapped.kind,
                supplier,
                amount: mapped.amount,
                currency: m.received.currency,
                line,
                files,
            });
        }
    }
}

/// The journal line of a document recorded as `id` for `supplier`, its XML kept at `kept`
/// (relative to the book).
fn journal_line(
    received: &crate::import::ubl::parse::Received,
    mapped: &entry::Mapped,
    id: &str,
    supplier: &str,
    reference: Option<&str>,
    kept: &Path,
) -> String {
    let currency: Currency = received.currency;
    let mut line = format!(
        "{} {} {id} {supplier} {} {currency}",
        received.issue_date,
        mapped.kind.as_str(),
        format_amount(mapped.amount)
    );
    if let Some(due) = mapped.due {
        line.push_str(&format!(" due:{due}"));
    }
    if let Some(reference) = reference {
        line.push_str(&format!(" ref:{reference}"));
    }
    for (key, value) in &mapped.meta {
        line.push_str(&format!(" {key}:{value}"));
    }
    line.push_str(&format!(
        " ubl:{}",
        kept.to_string_lossy().replace('\\', "/")
    ));
    if let Some(memo) = &mapped.memo {
        line.push_str(" ; ");
        line.push_str(memo);
    }
    line
}
