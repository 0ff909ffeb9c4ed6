//! `folio import entries FILE.csv [--rules RULES.toml]`: entries exported by another system (or
//! by `folio export entries --format csv`).
//!
//! Columns: date, kind, id, contact, amount, currency, due, ref, memo and meta (`key:value`
//! pairs separated by spaces); the rules file maps other column names, other words for the
//! kinds, other date formats and a decimal comma (see [`super::rules::EntryRules`]).
//!
//! Every row is checked against the book and the other rows with the rules of `folio check`:
//! the contact exists, the amount is a positive decimal with at most four decimals, a currency
//! resolves, `due` only on invoices and bills, `ref` names a document of the same contact and
//! currency and of a kind this kind may refer to (in the book or in the file), and document ids
//! are unique. A row whose id is already in the book is skipped and counted, so importing the same
//! file twice adds nothing.
//!
//! Nothing here writes: [`plan`] returns the lines per journal file.

use super::rules::{self, ENTRY_FIELDS, EntryRules};
use crate::book::{Book, record, write};
use crate::diagnostic::{Diagnostic, did_you_mean, line_text};
use crate::input::csv::{Row, Table};
use crate::input::values;
use crate::journal::parser::{self, check_document_id};
use crate::journal::{EntryIndex, Kind, Side};
use crate::money::Currency;
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One new journal line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    /// The row it comes from.
    pub row: u32,
    /// Its document id.
    pub id: String,
    /// The line, without a newline.
    pub line: String,
}

/// What an import would do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// New lines per journal file (`journal/<year>.journal`), in file order.
    pub files: BTreeMap<PathBuf, Vec<NewLine>>,
    /// Rows whose document id is already in the book.
    pub skipped: usize,
    /// Errors of invalid rows.
    pub problems: Vec<Diagnostic>,
    /// Warnings (roles, archived contacts, duplicates that differ from the book).
    pub warnings: Vec<Diagnostic>,
    /// Rows with at least one error.
    pub invalid_rows: usize,
    /// Columns that fill nothing.
    pub ignored_columns: Vec<String>,
}

impl Plan {
    /// How many lines would be added.
    pub fn added(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// A row read into fields, before the cross-row checks.
struct Draft {
    row: u32,
    line: u32,
    date: NaiveDate,
    kind: Kind,
    id: String,
    contact: u32,
    amount: String,
    currency: Currency,
    due: Option<NaiveDate>,
    reference: Option<(String, usize)>,
    meta: Vec<(String, String)>,
    memo: Option<String>,
}

/// Where each field comes from.
struct Columns {
    fields: FxHashMap<&'static str, usize>,
    meta: Vec<(String, usize)>,
}

fn columns(table: &Table, rules: &EntryRules) -> Result<(Columns, Vec<String>), String> {
    let mut fields = FxHashMap::default();
    let mut used = vec![false; table.header.cells.len()];
    let names: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
    let find = |name: &str, what: &str| {
        table.column(name).ok_or_else(|| {
            let near = did_you_mean(name, names.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| format!(" (the header has {})", names.join(", ")));
            format!("the rules map {what} to column `{name}`, which the file does not have{near}")
        })
    };
    for &field in ENTRY_FIELDS {
        let index = match rules.columns.get(field) {
            Some(name) => Some(find(name, field)?),
            None => table.column(field),
        };
        if let Some(index) = index {
            fields.insert(field, index);
            used[index] = true;
        }
    }
    let mut meta = Vec::new();
    for (key, name) in &rules.meta {
        let index = find(name, &format!("meta `{key}`"))?;
        used[index] = true;
        meta.push((key.clone(), index));
    }
    let missing: Vec<&str> = ["date", "kind", "id", "contact", "amount"]
        .into_iter()
        .filter(|f| !fields.contains_key(f))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "no column for {}: the header has {}; name the columns date, kind, id, contact, amount (currency, due, ref, memo, meta are optional) or map them in a rules file's [columns]",
            missing.join(", "),
            names.join(", ")
        ));
    }
    let ignored = names
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(name, _)| name.to_string())
        .collect();
    Ok((Columns { fields, meta }, ignored))
}

/// Plans the import of `table` (the file shown as `shown`, whose text is `text`) into `book`,
/// which must hold no error.
pub fn plan(
    book: &Book,
    table: &Table,
    text: &str,
    shown: &Path,
    rules: &EntryRules,
) -> Result<Plan, String> {
    let (columns, ignored_columns) = columns(table, rules)?;
    let mut plan = Plan {
        ignored_columns,
        ..Plan::default()
    };
    let column_values = |field: &str| {
        let index = columns.fields.get(field).copied();
        table
            .rows
            .iter()
            .filter_map(move |row| index.and_then(|i| row.get(i)))
    };
    let mut date_values: Vec<&str> = column_values("date").collect();
    date_values.extend(column_values("due"));
    let date_formats = rules.csv.date_formats(date_values.iter().copied());
    let style = rules.csv.number_style(column_values("amount"));

    let book_ids: FxHashMap<&str, EntryIndex> = book
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (book.entry_id(e), i as EntryIndex))
        .collect();

    let mut drafts: Vec<Draft> = Vec::new();
    let mut file_ids: FxHashMap<String, u32> = FxHashMap::default();
    for row in &table.rows {
        let mut problems = Vec::new();
        let at = |field: &str, message: String| -> Diagnostic {
            position(
                table,
                row,
                columns.fields.get(field).copied(),
                field,
                text,
                shown,
                message,
            )
        };
        let cell = |field: &str| columns.fields.get(field).and_then(|&i| row.get(i));

        let date = match cell("date").map(|t| values::parse_date(t, &date_formats)) {
            Some(Ok(date)) => Some(date),
            Some(Err(message)) => {
                problems.push(at("date", message));
                None
            }
            None => {
                problems.push(at("date", "the date is empty".into()));
                None
            }
        };
        let kind = match cell("kind") {
            Some(word) => match rules.kind(word) {
                Some(kind) => Some(kind),
                None => {
                    let known = Kind::ALL.map(Kind::as_str);
                    let near = did_you_mean(&word.to_ascii_lowercase(), known)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_else(|| {
                            ": expected invoice, refund, payment, credit, bill, payout or debit (or map the word in the rules' [kinds])".into()
                        });
                    problems.push(at("kind", format!("unknown kind `{word}`{near}")));
                    None
                }
            },
            None => {
                problems.push(at("kind", "the kind is empty".into()));
                None
            }
        };
        let id = match cell("id") {
            Some(id) => match check_document_id(id) {
                Ok(()) => Some(id.to_string()),
                Err(message) => {
                    problems.push(at("id", message));
                    None
                }
            },
            None => {
                problems.push(at(
                    "id",
                    "the document id is empty: every entry needs its own id (so a second import can recognise it)".into(),
                ));
                None
            }
        };
        let contact = match cell("contact") {
            Some(id) => match book.contact_index(id) {
                Some(index) => Some(index),
                None => {
                    let near = did_you_mean(id, book.contacts.iter().map(|c| c.id.as_str()))
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_else(|| {
                            ": import the contacts first (`folio import contacts`)".into()
                        });
                    problems.push(at("contact", format!("unknown contact `{id}`{near}")));
                    None
                }
            },
            None => {
                problems.push(at("contact", "the contact is empty".into()));
                None
            }
        };
        let amount = match cell("amount").map(|t| values::parse_amount(t, style)) {
            Some(Ok(amount)) if amount.is_sign_negative() && !amount.is_zero() => {
                problems.push(at(
                    "amount",
                    format!(
                        "amount {amount} is negative: amounts are positive and the kind gives the sign (a negative invoice is a credit note)"
                    ),
                ));
                None
            }
            Some(Ok(amount)) if amount.is_zero() => {
                problems.push(at("amount", "amount must be strictly positive".into()));
                None
            }
            Some(Ok(amount)) => match rules::journal_amount(amount) {
                Ok(text) => Some(text),
                Err(message) => {
                    problems.push(at("amount", message));
                    None
                }
            },
            Some(Err(message)) => {
                problems.push(at("amount", message));
                None
            }
            None => {
                problems.push(at("amount", "the amount is empty".into()));
                None
            }
        };
        let written_currency = match cell("currency") {
            Some(code) => {
                match Currency::parse(&code.to_ascii_uppercase()) {
                    Some(currency) => Some(currency),
                    None => {
                        problems.push(at(
                        "currency",
                        format!("invalid currency `{code}`: expected three letters (ISO 4217), e.g. EUR"),
                    ));
                        None
                    }
                }
            }
            None => None,
        };
        let currency = contact.and_then(|c| {
            written_currency
                .or(book.contacts[c as usize].currency)
                .or(book.config.currency)
        });
        if contact.is_some() && currency.is_none() && cell("currency").is_none() {
            problems.push(at(
                "currency",
                "no currency: the row, the contact and folio.toml name none".into(),
            ));
        }
        let due = match cell("due") {
            Some(text) => match values::parse_date(text, &date_formats) {
                Ok(due) if kind.is_some_and(|k| !k.takes_due()) => {
                    let _ = due;
                    problems.push(at(
                        "due",
                        format!(
                            "a due date on {}: only invoices and bills fall due",
                            kind.map_or("", Kind::as_str)
                        ),
                    ));
                    None
                }
                Ok(due) => Some(due),
                Err(message) => {
                    problems.push(at("due", message));
                    None
                }
            },
            None => None,
        };
        let reference = cell("ref").map(|r| r.to_string());
        if let Some(target) = &reference {
            if kind.is_some_and(|k| k.ref_targets().is_empty()) {
                problems.push(at(
                    "ref",
                    format!(
                        "a ref on {}: an {} opens an item of its own and refers to nothing",
                        kind.map_or("", Kind::as_str),
                        kind.map_or("", Kind::as_str)
                    ),
                ));
            } else if let Err(message) = check_document_id(target) {
                problems.push(at("ref", message));
            }
        }
        let mut meta: Vec<(String, String)> = Vec::new();
        if let Some(pairs) = cell("meta") {
            for pair in pairs.split_whitespace() {
                match pair.split_once(':') {
                    Some((key, value)) => match record::check_meta(key, value) {
                        Ok(()) => meta.push((key.to_string(), value.to_string())),
                        Err(message) => problems.push(at("meta", message)),
                    },
                    None => problems.push(at(
                        "meta",
                        format!(
                            "`{pair}` is not key:value (metadata pairs are separated by spaces)"
                        ),
                    )),
                }
            }
        }
        for (key, index) in &columns.meta {
            if let Some(value) = row.get(*index) {
                let value: String = value
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("_")
                    .replace(';', ",");
                match record::check_meta(key, &value) {
                    Ok(()) => meta.push((key.clone(), value)),
                    Err(message) => problems.push(position(
                        table,
                        row,
                        Some(*index),
                        key,
                        text,
                        shown,
                        message,
                    )),
                }
            }
        }
        let memo = cell("memo").map(|m| m.replace("\r\n", " ").replace(['\n', '\r'], " "));
        if let Some(Err(why)) = memo.as_deref().map(crate::text::check_line) {
            problems.push(at("memo", format!("the memo holds {why}")));
        }

        // Already in the book: skipped, and said when it differs.
        if let Some(id) = &id
            && let Some(&index) = book_ids.get(id.as_str())
        {
            let entry = &book.entries[index as usize];
            let same = Some(entry.date) == date
                && Some(entry.kind) == kind
                && Some(entry.contact) == contact
                && amount
                    .as_deref()
                    .and_then(|a| a.parse::<rust_decimal::Decimal>().ok())
                    == Some(entry.amount)
                && currency == Some(entry.currency);
            if !same {
                let mut warning = at(
                    "id",
                    format!(
                        "document {id} is already in the book ({}:{}) with other values; this row is skipped",
                        book.entry_path(entry).display(),
                        entry.line
                    ),
                );
                warning.severity = crate::diagnostic::Severity::Warning;
                plan.warnings.push(warning);
            }
            plan.skipped += 1;
            continue;
        }
        if let Some(id) = &id {
            if let Some(earlier) = file_ids.get(id) {
                problems.push(at(
                    "id",
                    format!("document id {id} is already used on row {earlier}"),
                ));
            } else {
                file_ids.insert(id.clone(), row.number);
            }
        }
        match (date, kind, id, contact, amount, currency) {
            (Some(date), Some(kind), Some(id), Some(contact), Some(amount), Some(currency))
                if problems.is_empty() =>
            {
                drafts.push(Draft {
                    row: row.number,
                    line: row.line,
                    date,
                    kind,
                    id,
                    contact,
                    amount,
                    currency,
                    due,
                    reference: reference.map(|r| (r, columns.fields["ref"])),
                    meta,
                    memo,
                });
            }
            _ => {
                plan.invalid_rows += 1;
                plan.problems.extend(problems);
            }
        }
    }

    // References, against the book and the other rows.
    let drafted: FxHashMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut valid = vec![true; drafts.len()];
    for (index, draft) in drafts.iter().enumerate() {
        let Some((target, column)) = &draft.reference else {
            continue;
        };
        let row = table
            .rows
            .iter()
            .find(|r| r.number == draft.row)
            .expect("the draft's row");
        let target_of = |kind: Kind, contact: u32, currency: Currency| (kind, contact, currency);
        let found = match book_ids.get(target.as_str()) {
            Some(&i) => {
                let e = &book.entries[i as usize];
                Some(target_of(e.kind, e.contact, e.currency))
            }
            None => drafted.get(target.as_str()).map(|&i| {
                let d = &drafts[i];
                target_of(d.kind, d.contact, d.currency)
            }),
        };
        let problem = match found {
            None => Some(format!(
                "ref {target} names no document of the book or of this file"
            )),
            Some((kind, _, _)) if !draft.kind.ref_targets().contains(&kind) => Some(format!(
                "ref {target} is a {}; a {} may only refer to {}",
                kind.as_str(),
                draft.kind.as_str(),
                draft
                    .kind
                    .ref_targets()
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
            Some((_, contact, _)) if contact != draft.contact => Some(format!(
                "ref {target} belongs to contact `{}`, not `{}`",
                book.contacts[contact as usize].id, book.contacts[draft.contact as usize].id
            )),
            Some((_, _, currency)) if currency != draft.currency => Some(format!(
                "ref {target} is in {currency}, this entry in {}; a ref must name a document in the same currency",
                draft.currency
            )),
            Some(_) => None,
        };
        if let Some(message) = problem {
            valid[index] = false;
            plan.invalid_rows += 1;
            plan.problems.push(position(
                table,
                row,
                Some(*column),
                "ref",
                text,
                shown,
                message,
            ));
        }
    }

    let mut room = crate::book::totals::Room::of(book);
    for (draft, _) in drafts.iter().zip(&valid).filter(|(_, ok)| **ok) {
        let contact = &book.contacts[draft.contact as usize];
        let due = if draft.kind.takes_due() {
            Some(draft.due.unwrap_or_else(|| {
                let terms = contact.terms.unwrap_or_else(|| book.config.terms());
                draft
                    .date
                    .checked_add_days(chrono::Days::new(u64::from(terms)))
                    .unwrap_or(draft.date)
            }))
        } else {
            None
        };
        let mut line = format!(
            "{} {} {} {} {} {}",
            draft.date,
            draft.kind.as_str(),
            draft.id,
            contact.id,
            draft.amount,
            draft.currency
        );
        if let Some(due) = due {
            line.push_str(&format!(" due:{due}"));
        }
        if let Some((target, _)) = &draft.reference {
            line.push_str(&format!(" ref:{target}"));
        }
        for (key, value) in &draft.meta {
            line.push_str(&format!(" {key}:{value}"));
        }
        if let Some(memo) = draft.memo.as_deref().filter(|m| !m.is_empty()) {
            line.push_str(" ; ");
            line.push_str(memo);
        }
        // The line must read back as what was meant.
        let readable = matches!(
            parser::parse_line(&line),
            Ok(Some(parsed)) if parsed.id == draft.id && parsed.contact == contact.id
        );
        let row_number = draft.row;
        let shown_row = |message: String| {
            let d = Diagnostic::error(shown, draft.line, 1, format!("row {row_number}: {message}"));
            match line_text(text, draft.line) {
                Some(excerpt) => d.with_excerpt(excerpt),
                None => d,
            }
        };
        if !readable {
            plan.invalid_rows += 1;
            plan.problems.push(shown_row(format!(
                "the journal line would not read back as given: {line}"
            )));
            continue;
        }
        let amount = crate::money::parse_positive_amount(&draft.amount);
        if let Err(message) = amount
            .map_err(|problem| problem.to_string())
            .and_then(|amount| room.take(draft.currency, amount))
        {
            let row = table.rows.iter().find(|r| r.number == draft.row);
            plan.invalid_rows += 1;
            plan.problems.push(match row {
                Some(row) => position(
                    table,
                    row,
                    columns.fields.get("amount").copied(),
                    "amount",
                    text,
                    shown,
                    message,
                ),
                None => Diagnostic::error(shown, draft.line, 1, message),
            });
            continue;
        }
        let mut warn = |message: String| {
            let mut d = shown_row(message);
            d.severity = crate::diagnostic::Severity::Warning;
            plan.warnings.push(d);
        };
        if !contact.has_side(draft.kind.side()) {
            let role = match draft.kind.side() {
                Side::Receivables => "customer",
                Side::Payables => "supplier",
            };
            warn(format!(
                "{} for `{}`, whose roles do not include {role}",
                draft.kind.as_str(),
                contact.id
            ));
        }
        if let Some(due) = due
            && due < draft.date
        {
            warn(format!(
                "due date {due} is before the {} date {}",
                draft.kind.as_str(),
                draft.date
            ));
        }
        if contact.archived {
            warn(format!("contact `{}` is archived", contact.id));
        }
        plan.files
            .entry(write::journal_path(&book.root, draft.date.year()))
            .or_default()
            .push(NewLine {
                row: draft.row,
                id: draft.id.clone(),
                line,
            });
    }
    plan.problems.sort_by_key(|d| (d.line, d.column));
    Ok(plan)
}

/// A problem at a row's cell (or the row when the column is absent).
fn position(
    table: &Table,
    row: &Row,
    column: Option<usize>,
    field: &str,
    text: &str,
    shown: &Path,
    message: String,
) -> Diagnostic {
    let (line, col, prefix) = match column.and_then(|i| row.cells.get(i).map(|c| (i, c))) {
        Some((index, cell)) => (
            cell.line,
            cell.column,
            format!(
                "row {}, column `{}` ({field}): ",
                row.number,
                table.column_name(index)
            ),
        ),
        None => (row.line, 1, format!("row {}, {field}: ", row.number)),
    };
    let d = Diagnostic::error(shown, line, col, format!("{prefix}{message}"));
    match line_text(text, line) {
        Some(excerpt) => d.with_excerpt(excerpt),
        None => d,
    }
}

/// The text of a journal file with `lines` appended: a newline is added first when the file
/// does not end with one.
pub fn appended(existing: &str, lines: &[NewLine]) -> String {
    let mut text = String::with_capacity(existing.len() + lines.len() * 96);
    text.push_str(existing);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in lines {
        text.push_str(&line.line);
        text.push('\n');
    }
    text
}
