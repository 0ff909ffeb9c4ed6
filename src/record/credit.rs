//! Credit where it is decided: a new entry that raises a customer's exposure (an invoice or a
//! refund) is judged as `folio credit check` would judge it, when `[credit] enforce = true` in
//! folio.toml or `--enforce-credit` asks for it, before anything is numbered or written.
//! `--override-credit REASON` lets a refused entry through and records the reason on its line.

use super::NewEntry;
use crate::book::Book;
use crate::error::{Error, Result};
use crate::journal::{Kind, Side};
use crate::ledger::Ledger;
use crate::money::{self, Currency};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The metadata key that records why a refused entry was recorded all the same.
pub(crate) const OVERRIDE_KEY: &str = "override-credit";

/// How the credit check applies to one command.
#[derive(Debug, Clone, Default)]
pub struct CreditPolicy {
    /// The check refuses (`[credit] enforce = true`, or `--enforce-credit`).
    pub enforce: bool,
    /// `--override-credit REASON`: a refusal is recorded with this reason instead.
    pub override_reason: Option<String>,
    /// Today: exposure and hold are judged as of today, or the entry's date if that is later.
    pub today: Option<NaiveDate>,
    /// What entries written earlier by the same command (one `folio recur` run) add to each
    /// contact's exposure, by contact index and currency: the book in memory does not hold them.
    pub earlier: Vec<(u32, Currency, Decimal)>,
}

impl CreditPolicy {
    /// The policy of a command: enforced when the book says so or `enforce_flag` asks for it.
    pub fn of(
        book: &Book,
        enforce_flag: bool,
        override_reason: Option<&str>,
        today: NaiveDate,
    ) -> CreditPolicy {
        CreditPolicy {
            enforce: enforce_flag || book.config.credit.enforce,
            override_reason: override_reason.map(str::to_string),
            today: Some(today),
            earlier: Vec::new(),
        }
    }

    /// Counts an entry written by this command in its contact's exposure for the entries after
    /// it.
    pub fn count(&mut self, contact: u32, currency: Currency, amount: Decimal) {
        self.earlier.push((contact, currency, amount));
    }

    fn earlier(&self, contact: u32, currency: Currency) -> Decimal {
        self.earlier
            .iter()
            .filter(|(c, cur, _)| *c == contact && *cur == currency)
            .fold(Decimal::ZERO, |sum, (_, _, amount)| {
                sum.checked_add(*amount).unwrap_or(Decimal::MAX)
            })
    }
}

/// True for the kinds that raise what a customer owes (invoice, refund): the ones judged.
pub(crate) fn raises_exposure(kind: Kind) -> bool {
    kind.side() == Side::Receivables && kind.is_debit()
}

/// The metadata value of an override reason: one word on the line, so runs of spaces become `_`.
/// A reason that is empty or holds `;` (which would start the memo) is refused (exit 2).
pub(crate) fn override_value(reason: &str) -> Result<String> {
    let value = reason.split_whitespace().collect::<Vec<_>>().join("_");
    if value.is_empty() || value.contains(';') {
        return Err(Error::Usage(format!(
            "--override-credit `{reason}`: give the reason in words, without ';'"
        )));
    }
    crate::journal::parser::check_meta(OVERRIDE_KEY, &value).map_err(Error::Usage)?;
    Ok(value)
}

/// Judges `new` (its amount already set) under `policy`. Allowed: nothing changes. Refused:
/// [`Error::Condition`] (exit 1), unless an override reason was given, which is then added to
/// the entry's metadata and the refusal returned as a warning to print.
pub(crate) fn judge(
    book: &Book,
    new: &mut NewEntry,
    policy: &CreditPolicy,
) -> Result<Option<String>> {
    if !policy.enforce || !raises_exposure(new.kind) {
        return Ok(None);
    }
    // An unknown contact or a bad amount is the entry's own error, which `prepare` reports.
    let Some(contact) = book.contact_index(&new.contact) else {
        return Ok(None);
    };
    let Ok(amount) = money::parse_positive_amount(&new.amount) else {
        return Ok(None);
    };
    let as_of = policy.today.map_or(new.date, |today| today.max(new.date));
    let ledger = Ledger::build(book, Side::Receivables, as_of, false);
    let currency = new
        .currency
        .or(book.contacts[contact as usize].currency)
        .or(book.config.currency);
    let earlier = currency.map_or(Decimal::ZERO, |c| policy.earlier(contact, c));
    // Entries this command wrote before are not in the ledger: judged as part of this amount.
    let judged = amount.checked_add(earlier).unwrap_or(Decimal::MAX);
    let mut outcome = crate::report::credit::check(book, &ledger, contact, judged, new.currency)?;
    if !earlier.is_zero() {
        outcome.reason.push_str(&format!(
            " (the amount includes {} issued earlier in this run)",
            money::format_amount(earlier)
        ));
    }
    if outcome.allowed {
        return Ok(None);
    }
    match &policy.override_reason {
        Some(reason) => {
            new.meta
                .push((OVERRIDE_KEY.to_string(), override_value(reason)?));
            Ok(Some(format!(
                "credit check overridden ({reason}): {}",
                outcome.reason
            )))
        }
        None => Err(Error::Condition(format!(
            "{}; nothing was recorded (pass --override-credit REASON to record it all the same)",
            outcome.reason
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_reason_becomes_one_word() {
        assert_eq!(
            override_value("  approved by  the CFO ").unwrap(),
            "approved_by_the_CFO"
        );
        assert!(override_value("   ").is_err());
        assert!(override_value("ok; really").is_err());
    }

    #[test]
    fn only_invoices_and_refunds_raise_exposure() {
        let judged: Vec<Kind> = [
            Kind::Invoice,
            Kind::Payment,
            Kind::Credit,
            Kind::Refund,
            Kind::Bill,
            Kind::Payout,
            Kind::Debit,
        ]
        .into_iter()
        .filter(|kind| raises_exposure(*kind))
        .collect();
        assert_eq!(judged, vec![Kind::Invoice, Kind::Refund]);
    }
}
