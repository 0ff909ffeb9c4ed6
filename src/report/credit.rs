//! `folio credit`: credit limits against receivable exposure, warnings, holds, and the
//! pre-invoice `credit check`.
//!
//! The limit of a customer is in its limit currency: the contact's currency, else the book's.
//! When the book has exchange rates, exposure is the customer's whole receivable balance: the
//! balance of each other currency is converted to the limit's at the rate of the as-of date
//! (rounded as `--convert` rounds a row) and added. A book without rates keeps exposure to the
//! limit's currency and only notes the others. Hold looks at the limit's currency in the report
//! and at every currency in `credit check`. Every comparison is an exact decimal one.

use crate::book::config::CreditConfig;
use crate::book::rates::RateError;
use crate::book::{Book, Contact, Role};
use crate::error::{Error, Result};
use crate::ledger::{Account, Ledger, days_past_due};
use crate::money::{Currency, format_amount};
use crate::tabular::{Cell, Column, Rows, Tabular};
use rust_decimal::{Decimal, RoundingStrategy};

/// Where a customer stands against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Below the warning level, or the customer is in credit.
    Ok,
    /// At or above `warn_at` x limit, at most the limit.
    Warn,
    /// Above the limit.
    Over,
}

impl Status {
    /// The word shown in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Over => "over",
        }
    }
}

/// What `--fail-on` asks to fail on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Never fail.
    Never,
    /// A row in warn or over.
    Warn,
    /// A row over its limit.
    Over,
    /// A row on hold.
    Hold,
}

/// One customer with a credit limit.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditRow {
    /// Contact id.
    pub contact: String,
    /// Contact name.
    pub name: String,
    /// The limit's currency.
    pub currency: Currency,
    /// The credit limit.
    pub limit: Decimal,
    /// Receivable balance in the limit's currency (negative when the customer is in credit),
    /// with the balances of other currencies converted and added when the book has rates.
    pub exposure: Decimal,
    /// The part of `exposure` converted from other currencies; `None` when the book has no
    /// rates (nothing is converted).
    pub from_other_currencies: Option<Decimal>,
    /// exposure / limit, 4 decimals rounded half up; `None` when the limit is 0.
    pub utilization: Option<Decimal>,
    /// ok, warn or over.
    pub status: Status,
    /// An open item in the limit's currency is more than `hold_after_days` past due.
    pub hold: bool,
}

impl CreditRow {
    /// True when the row is not plainly fine: warn, over or on hold.
    pub fn needs_attention(&self) -> bool {
        self.status != Status::Ok || self.hold
    }

    /// True when the row reaches the `--fail-on` level.
    pub fn reaches(&self, level: FailOn) -> bool {
        match level {
            FailOn::Never => false,
            FailOn::Warn => self.status >= Status::Warn,
            FailOn::Over => self.status == Status::Over,
            FailOn::Hold => self.hold,
        }
    }
}

/// The credit report: one row per customer with a limit, sorted by contact id, and notes about
/// what the rows leave out (other currencies, limits without a currency).
#[derive(Debug, Clone, PartialEq)]
pub struct CreditReport {
    /// The rows.
    pub rows: Vec<CreditRow>,
    /// Sentences for a person, without a `note:` prefix.
    pub notes: Vec<String>,
    /// Whether exposure counts other currencies, converted (the book has rates).
    pub converts: bool,
}

impl CreditReport {
    /// Keeps only the rows that need attention (the default view).
    pub fn retain_attention(&mut self) {
        self.rows.retain(CreditRow::needs_attention);
    }

    /// The contact ids of the rows that reach `level`.
    pub fn reaching(&self, level: FailOn) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|row| row.reaches(level))
            .map(|row| row.contact.as_str())
            .collect()
    }
}

/// The currency a contact's credit limit is in: its own currency, else the book's.
pub fn limit_currency(book: &Book, contact: &Contact) -> Option<Currency> {
    contact.currency.or(book.config.currency)
}

/// The account of a contact in a currency, if it has entries there.
pub fn account(ledger: &Ledger, contact: u32, currency: Currency) -> Option<&Account> {
    ledger
        .accounts
        .binary_search_by(|a| (a.contact, a.currency).cmp(&(contact, currency)))
        .ok()
        .map(|i| &ledger.accounts[i])
}

/// The accounts of one contact (every currency), in currency order.
pub fn accounts_of(ledger: &Ledger, contact: u32) -> &[Account] {
    let start = ledger.accounts.partition_point(|a| a.contact < contact);
    let end = ledger.accounts.partition_point(|a| a.contact <= contact);
    &ledger.accounts[start..end]
}

/// The open item of an account that is most days past due, with its days past due.
pub fn worst_open_item(account: &Account, as_of: chrono::NaiveDate) -> Option<(u32, i64)> {
    account
        .open_items
        .iter()
        .map(|item| (item.entry, days_past_due(item.due, as_of)))
        .max_by_key(|&(entry, days)| (days, std::cmp::Reverse(entry)))
}

/// `numerator / denominator` rounded half up (away from zero) to `dp` decimals and shown with
/// exactly `dp` decimals; `None` when the denominator is 0. Exact: integer arithmetic, falling
/// back to decimal division only for values beyond 128-bit integers.
pub fn ratio(numerator: Decimal, denominator: Decimal, dp: u32) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    let exact = || -> Option<Decimal> {
        // n/10^ns / (d/10^ds) * 10^dp = n * 10^(ds+dp) / (d * 10^ns)
        let num = numerator
            .mantissa()
            .checked_mul(10i128.checked_pow(denominator.scale() + dp)?)?;
        let den = denominator
            .mantissa()
            .checked_mul(10i128.checked_pow(numerator.scale())?)?;
        let (quotient, remainder) = (num / den, num % den);
        let away = remainder.checked_abs()?.checked_mul(2)? >= den.checked_abs()?;
        let quotient = if away && remainder != 0 {
            quotient + num.signum() * den.signum()
        } else {
            quotient
        };
        Decimal::try_from_i128_with_scale(quotient, dp).ok()
    };
    let mut value = exact().or_else(|| {
        numerator
            .checked_div(denominator)
            .map(|q| q.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero))
    })?;
    value.rescale(dp);
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Some(value)
}

/// The status of an exposure against a limit: over when above the limit, warn when at or above
/// `warn_at` x limit, else ok; a negative exposure (the customer is in credit) is always ok.
pub fn status(exposure: Decimal, limit: Decimal, warn_at: Decimal) -> Status {
    if exposure < Decimal::ZERO {
        return Status::Ok;
    }
    if exposure > limit {
        return Status::Over;
    }
    let warns = match warn_at.checked_mul(limit) {
        Some(threshold) => exposure >= threshold,
        // Beyond Decimal's range: every exposure is below a huge positive threshold and above a
        // huge negative one.
        None => warn_at.is_sign_negative() != limit.is_sign_negative(),
    };
    if warns { Status::Warn } else { Status::Ok }
}

/// True when an open item of the account is more than `hold_after_days` past due.
pub fn on_hold(account: &Account, as_of: chrono::NaiveDate, hold_after_days: u32) -> bool {
    worst_open_item(account, as_of).is_some_and(|(_, days)| days > i64::from(hold_after_days))
}

/// A contact's exposure in its limit currency, and the part of it converted from other
/// currencies (`None` when the book has no rates, so only the limit's currency counts). Each
/// other currency's balance is converted on its own at the ledger's date, rounded, then added.
pub fn whole_exposure(
    book: &Book,
    ledger: &Ledger,
    contact: u32,
    currency: Currency,
) -> Result<(Decimal, Option<Decimal>)> {
    let own = account(ledger, contact, currency).map_or(Decimal::ZERO, Account::balance);
    if book.rates.is_empty() {
        return Ok((own, None));
    }
    let too_large = |from| RateError::TooLarge { from, to: currency };
    let mut converted = Decimal::ZERO;
    for other in accounts_of(ledger, contact)
        .iter()
        .filter(|a| a.currency != currency && !a.balance().is_zero())
    {
        let amount = book
            .rates
            .convert(other.balance(), other.currency, currency, ledger.as_of)?;
        converted = converted
            .checked_add(amount)
            .ok_or_else(|| too_large(other.currency))?;
    }
    let whole = own
        .checked_add(converted)
        .ok_or_else(|| too_large(currency))?;
    Ok((whole, Some(converted)))
}

/// Computes the credit report from a receivables ledger: every customer with a limit. Errs
/// when the book has rates but none converts a customer's other currency to its limit's.
pub fn credit(book: &Book, ledger: &Ledger) -> Result<CreditReport> {
    let config = &book.config.credit;
    let as_of = ledger.as_of;
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (index, contact) in book.contacts.iter().enumerate() {
        let index = index as u32;
        let Some(limit) = contact.credit_limit else {
            continue;
        };
        if !contact.roles.contains(&Role::Customer) {
            continue;
        }
        let Some(currency) = limit_currency(book, contact) else {
            notes.push(format!(
                "{} has a credit limit but no currency: set `currency` in its file or in folio.toml",
                contact.id
            ));
            continue;
        };
        let account = account(ledger, index, currency);
        let (exposure, from_other_currencies) = whole_exposure(book, ledger, index, currency)?;
        rows.push(CreditRow {
            contact: contact.id.clone(),
            name: contact.name.clone(),
            currency,
            limit,
            exposure,
            from_other_currencies,
            utilization: ratio(exposure, limit, 4),
            status: status(exposure, limit, config.warn_at),
            hold: account.is_some_and(|a| on_hold(a, as_of, config.hold_after_days)),
        });
        notes.extend(other_currency_notes(book, ledger, index, currency, config));
    }
    Ok(CreditReport {
        rows,
        notes,
        converts: !book.rates.is_empty(),
    })
}

/// Notes for a contact's receivables outside its limit currency: non-zero balances, and items
/// past the hold threshold.
fn other_currency_notes(
    book: &Book,
    ledger: &Ledger,
    contact: u32,
    currency: Currency,
    config: &CreditConfig,
) -> Vec<String> {
    let id = &book.contacts[contact as usize].id;
    let mut notes = Vec::new();
    for other in accounts_of(ledger, contact)
        .iter()
        .filter(|a| a.currency != currency)
    {
        let balance = other.balance();
        // With rates the balance is in the exposure: only a hold is worth a note.
        let mut note = if balance.is_zero() || !book.rates.is_empty() {
            String::new()
        } else {
            format!(
                "{id} has a receivable balance of {} {} outside its {currency} limit (not counted)",
                format_amount(balance),
                other.currency
            )
        };
        if let Some((entry, days)) = worst_open_item(other, ledger.as_of)
            && days > i64::from(config.hold_after_days)
        {
            if note.is_empty() {
                note = format!(
                    "{id} has {} receivables outside its {currency} limit",
                    other.currency
                );
            }
            note.push_str(&format!(
                "; {} is {days} days past due (hold after {} days)",
                book.entry_id(&book.entries[entry as usize]),
                config.hold_after_days
            ));
        }
        if !note.is_empty() {
            notes.push(note);
        }
    }
    notes
}

impl Tabular for CreditReport {
    fn columns(&self) -> Vec<Column> {
        let mut columns = vec![
            Column::text("contact"),
            Column::prose("name").priority(2),
            Column::text("currency"),
            Column::money("limit"),
            Column::money("exposure"),
            Column::amount("utilization").priority(3),
            Column::text("status"),
            Column::text("hold").priority(1),
        ];
        if self.converts {
            columns.insert(5, Column::money("from_other_currencies").priority(2));
        }
        columns
    }

    fn rows(&self) -> Rows<'_> {
        self.rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    Cell::from(row.contact.clone()),
                    Cell::from(row.name.clone()),
                    Cell::from(row.currency.to_string()),
                    Cell::Amount(row.limit),
                    Cell::Amount(row.exposure),
                    row.utilization.map_or(Cell::Null, Cell::Decimal),
                    Cell::from(row.status.as_str().to_string()),
                    Cell::Bool(row.hold),
                ];
                if self.converts {
                    cells.insert(
                        5,
                        row.from_other_currencies.map_or(Cell::Null, Cell::Amount),
                    );
                }
                cells
            })
            .collect()
    }
}

/// The answer of `credit check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOutcome {
    /// May the amount be invoiced?
    pub allowed: bool,
    /// One line for a person: `allowed: ...` or `refused: ...`.
    pub reason: String,
}

/// May `amount` more be invoiced to `contact` in `currency` (default: its limit currency)?
///
/// Refused when the contact is on hold (an open receivable item in any currency more than
/// `hold_after_days` past due) or when exposure + amount in the limit's currency would exceed the
/// limit. When the book has rates, exposure is the whole one ([`whole_exposure`]) and an amount
/// in another currency is converted to the limit's at the ledger's date; without rates, an
/// amount in another currency than the limit's is only checked for hold, as is a contact
/// without a limit.
pub fn check(
    book: &Book,
    ledger: &Ledger,
    contact: u32,
    amount: Decimal,
    currency: Option<Currency>,
) -> Result<CheckOutcome> {
    let config = &book.config.credit;
    let person = &book.contacts[contact as usize];
    let id = &person.id;
    let own_currency = limit_currency(book, person);
    let Some(currency) = currency.or(own_currency) else {
        return Err(Error::Usage(format!(
            "{id} has no currency and neither has the book: pass --currency"
        )));
    };
    let refused = |reason: String| CheckOutcome {
        allowed: false,
        reason: format!("refused: {reason}"),
    };
    let allowed = |reason: String| CheckOutcome {
        allowed: true,
        reason: format!("allowed: {reason}"),
    };

    // A hold is on the customer, whatever the currency of the item that caused it.
    let worst = accounts_of(ledger, contact)
        .iter()
        .filter_map(|a| {
            worst_open_item(a, ledger.as_of).map(|(entry, days)| (days, a.currency, entry))
        })
        .max_by_key(|&(days, _, entry)| (days, std::cmp::Reverse(entry)));
    if let Some((days, item_currency, entry)) = worst
        && days > i64::from(config.hold_after_days)
    {
        return Ok(refused(format!(
            "{id} is on credit hold: {} ({item_currency}) is {days} days past due, more than {} days",
            book.entry_id(&book.entries[entry as usize]),
            config.hold_after_days
        )));
    }

    let Some(limit) = person.credit_limit else {
        return Ok(allowed(format!(
            "{id} has no credit limit and is not on hold"
        )));
    };
    let limit_currency = own_currency.unwrap_or(currency);
    if currency != limit_currency && book.rates.is_empty() {
        return Ok(allowed(format!(
            "{id}'s credit limit is in {limit_currency}, so {currency} amounts are not checked against it; not on hold"
        )));
    }
    let (exposure, converted) = whole_exposure(book, ledger, contact, limit_currency)?;
    let (judged, amount_text) = if currency == limit_currency {
        (amount, format_amount(amount))
    } else {
        let judged = book
            .rates
            .convert(amount, currency, limit_currency, ledger.as_of)?;
        let text = format!(
            "{} {currency} ({} {limit_currency})",
            format_amount(amount),
            format_amount(judged)
        );
        (judged, text)
    };
    let Some(new_exposure) = exposure.checked_add(judged) else {
        return Ok(refused(format!(
            "{} {currency} is beyond what folio can add",
            format_amount(amount)
        )));
    };
    let exposure_text = match converted {
        Some(part) if !part.is_zero() => format!(
            "{} (of which {} converted from other currencies at the rates of {})",
            format_amount(exposure),
            format_amount(part),
            ledger.as_of
        ),
        _ => format_amount(exposure),
    };
    let currency = limit_currency;
    let sum = format!(
        "exposure {exposure_text} + {amount_text} = {} {currency}",
        format_amount(new_exposure)
    );
    if new_exposure > limit {
        return Ok(refused(format!(
            "{id} {sum} would exceed its limit of {} {currency} by {}",
            format_amount(limit),
            format_amount(new_exposure - limit)
        )));
    }
    let mut reason = format!(
        "{id} {sum} is within its limit of {} {currency}",
        format_amount(limit)
    );
    if let Some(used) = ratio(new_exposure, limit, 4) {
        reason.push_str(&format!(
            " ({}% used)",
            format_amount(used * Decimal::ONE_HUNDRED)
        ));
    }
    if status(new_exposure, limit, config.warn_at) == Status::Warn {
        reason.push_str(&format!(
            "; at or above the warning level of {} x limit",
            config.warn_at
        ));
    }
    Ok(allowed(reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn ratio_rounds_half_up_with_four_decimals() {
        assert_eq!(
            ratio(dec("3250"), dec("4000"), 4).unwrap().to_string(),
            "0.8125"
        );
        assert_eq!(
            ratio(dec("4000"), dec("5000"), 4).unwrap().to_string(),
            "0.8000"
        );
        assert_eq!(ratio(dec("1"), dec("3"), 4).unwrap().to_string(), "0.3333");
        assert_eq!(ratio(dec("2"), dec("3"), 4).unwrap().to_string(), "0.6667");
        assert_eq!(
            ratio(dec("0.00005"), dec("1"), 4).unwrap().to_string(),
            "0.0001"
        );
        assert_eq!(
            ratio(dec("0.00004999"), dec("1"), 4).unwrap().to_string(),
            "0.0000"
        );
        assert_eq!(
            ratio(dec("-0.00005"), dec("1"), 4).unwrap().to_string(),
            "-0.0001"
        );
        assert_eq!(
            ratio(dec("-0.0001"), dec("5000"), 4).unwrap().to_string(),
            "0.0000"
        );
        assert_eq!(
            ratio(dec("0"), dec("5000.00"), 4).unwrap().to_string(),
            "0.0000"
        );
        assert_eq!(
            ratio(dec("-500"), dec("5000"), 4).unwrap().to_string(),
            "-0.1000"
        );
        assert_eq!(ratio(dec("1"), dec("0"), 4), None);
        // Beyond i128: falls back to decimal division.
        let huge = Decimal::MAX;
        assert_eq!(ratio(huge, huge, 4).unwrap().to_string(), "1.0000");
    }

    #[test]
    fn status_edges_are_exact() {
        let warn_at = dec("0.8");
        assert_eq!(status(dec("3999.99"), dec("5000"), warn_at), Status::Ok);
        assert_eq!(status(dec("4000.00"), dec("5000"), warn_at), Status::Warn);
        assert_eq!(status(dec("5000.00"), dec("5000"), warn_at), Status::Warn);
        assert_eq!(status(dec("5000.01"), dec("5000"), warn_at), Status::Over);
        assert_eq!(status(dec("-10"), dec("5000"), warn_at), Status::Ok);
        assert_eq!(status(dec("-10"), dec("0"), warn_at), Status::Ok);
        assert_eq!(status(dec("0.01"), dec("0"), warn_at), Status::Over);
        // 0.1 + 0.2 style: warn_at is decimal, never binary floating point.
        assert_eq!(status(dec("0.3"), dec("1"), dec("0.3")), Status::Warn);
        assert_eq!(status(dec("1"), Decimal::MAX, dec("2")), Status::Ok);
    }
}
