//! A statement's transactions as reconciliation sees them: each [`StatementLine`] with the
//! identity that `bank:` records, so that a line is never applied twice and two different
//! payments never share one.
//!
//! The identity is the bank's own transaction id when it is unique in its statement (banks reuse
//! ids across statements, and some give one id to several lines, e.g. `2017-` for every line of
//! a year). Otherwise it is a digest of what the line says ([`line_hash`]). Either way, an entry
//! carrying the identity is only taken for this line when its date, amount and contact agree
//! (see `matching`): anything else is a conflict.

use crate::input::statement::{ParsedStatement, StatementLine};
use rustc_hash::FxHashMap;

/// One transaction of a statement, with its identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLine {
    /// What the statement says.
    pub line: StatementLine,
    /// What `bank:` records: the bank's id when unique in the statement, else [`line_hash`].
    pub bank_id: String,
    /// The bank's id as a metadata value, even when not unique: entries written before ids were
    /// checked for uniqueness carry it.
    pub bank_ref: Option<String>,
}

impl std::ops::Deref for BankLine {
    type Target = StatementLine;

    fn deref(&self) -> &StatementLine {
        &self.line
    }
}

/// FNV-1a, 64 bits: a stable hash that does not change between folio versions or machines.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The digest of a line: booking date, amount, currency, counterparty, its account and
/// communication (and the statement's account when it names one), as `h` and 16 hex digits;
/// `occurrence` (1 for the first) tells apart identical lines of one statement (`-2`, `-3`, ...).
/// Lines of a statement without its own account hash as they always have, so lines applied by
/// an earlier folio are still recognised.
pub fn line_hash(
    line: &StatementLine,
    statement_account: Option<&str>,
    occurrence: usize,
) -> String {
    let mut key = format!(
        "{}|{}|{}|{}|{}|{}",
        line.date,
        line.amount.normalize(),
        line.currency.map(|c| c.to_string()).unwrap_or_default(),
        line.counterparty.trim(),
        line.account.as_deref().unwrap_or(""),
        line.communication.trim()
    );
    if let Some(account) = statement_account {
        key.push('|');
        key.push_str(account);
    }
    let hash = format!("h{:016x}", fnv1a(key.as_bytes()));
    if occurrence > 1 {
        format!("{hash}-{occurrence}")
    } else {
        hash
    }
}

/// A bank's id as a metadata value: white space, `;` and control characters become `-`;
/// `None` when nothing but those is left.
fn metadata_value(id: &str) -> Option<String> {
    let value: String = id
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || c == ';' || crate::text::misleading(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    value.chars().any(|c| c != '-').then_some(value)
}

/// The lines of a statement with their identities, in the statement's order; a line without a
/// currency takes the statement's.
pub fn lines(statement: &ParsedStatement) -> Vec<BankLine> {
    let refs: Vec<Option<String>> = statement
        .lines
        .iter()
        .map(|l| l.bank_id.as_deref().and_then(metadata_value))
        .collect();
    let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
    for id in refs.iter().flatten() {
        *uses.entry(id.as_str()).or_default() += 1;
    }
    let unique: Vec<bool> = refs
        .iter()
        .map(|r| r.as_deref().is_some_and(|id| uses.get(id) == Some(&1)))
        .collect();
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let account = statement.account.as_deref();
    statement
        .lines
        .iter()
        .zip(refs)
        .zip(unique)
        .map(|((line, bank_ref), unique)| {
            let bank_id = match &bank_ref {
                Some(id) if unique => id.clone(),
                _ => {
                    let count = seen.entry(line_hash(line, account, 1)).or_insert(0);
                    *count += 1;
                    line_hash(line, account, *count)
                }
            };
            let mut line = line.clone();
            line.currency = line.currency.or(statement.currency);
            BankLine {
                line,
                bank_id,
                bank_ref,
            }
        })
        .collect()
}
