//! Lines in one currency that settle documents in another: a US customer paying a USD invoice
//! from a euro account. When the contact found has no open item in the line's currency, the
//! line's amount is converted at the book's rate of the line's date ([`crate::book::rates`]) and
//! matched against the contact's open items in another currency, within [`MAX_SPREAD`] of what
//! is open. The match is a payment (or payout) in the line's currency whose `settles:` is what it
//! settles in the documents' currency. Without a rate nothing changes but a note.

use super::{
    Clues, Found, MAX_CANDIDATES, MAX_SPREAD, Matcher, Movement, Proposal, Rule, Settled,
    Settlement, Status, paying_kind, unmatched,
};
use crate::book::rates::{Rate, RateError};
use crate::journal::EntryIndex;
use crate::money::{Currency, format_amount};
use rust_decimal::Decimal;

/// Open items a converted line settles.
struct Conversion {
    /// The items, oldest due first.
    items: Vec<usize>,
    /// What the line settles of them, in their currency.
    settles: Decimal,
    /// Their currency.
    currency: Currency,
    /// The line's currency.
    from: Currency,
    /// The line's amount at the rate.
    converted: Decimal,
    /// The rate used.
    rate: Rate,
    /// The communication names the items.
    named: bool,
}

/// The rule of a conversion match: the communication's when it names the documents (found by
/// another rule first only because their currency is not the line's), else the rule that found
/// the contact.
fn rule_of(found: &Found, conversion: &Conversion) -> Rule {
    if conversion.named && found.rule != Rule::StructuredCommunication {
        Rule::DocumentId
    } else {
        found.rule
    }
}

/// True when `converted` is within [`MAX_SPREAD`] of `open`.
fn within_spread(open: Decimal, converted: Decimal) -> bool {
    let room = open.checked_mul(MAX_SPREAD).unwrap_or(Decimal::MAX);
    open.checked_sub(converted)
        .is_some_and(|difference| difference.abs() <= room)
}

impl Matcher<'_> {
    /// The proposal of a line whose contact has no open item in the line's `currency` but has
    /// some in another: matched through a conversion, or (documents named by the communication
    /// in another currency and no conversion fits) unmatched. `None` when the line is not such a
    /// line, or fits nothing: it is then matched as before, with a note of why.
    pub(super) fn in_other_currency(
        &mut self,
        movement: &Movement,
        found: &Found,
        clues: &mut Clues,
        currency: Currency,
    ) -> Option<Proposal> {
        let book = self.book;
        let named_elsewhere = found
            .named
            .first()
            .is_some_and(|&e| book.entries[e as usize].currency != currency);
        let already_matched = !found.named.is_empty() || !found.items.is_empty();
        if !named_elsewhere
            && (already_matched || !self.open_of(movement, found.contact).is_empty())
        {
            return None;
        }
        let named: Vec<EntryIndex> = if named_elsewhere {
            found.named.clone()
        } else {
            self.named_in_other_currency(movement)
                .into_iter()
                .filter(|&e| book.entries[e as usize].contact == found.contact)
                .collect()
        };
        match self.conversion(movement, found.contact, &named, currency) {
            Some(Ok(conversion)) => Some(self.settling(movement, clues, found, conversion)),
            Some(Err(note)) if named_elsewhere => Some(unmatched(
                movement.line,
                format!("{}: {note}", self.named_reason(found)),
            )),
            Some(Err(note)) => {
                clues.notes.push(note);
                None
            }
            None if named_elsewhere => Some(unmatched(
                movement.line,
                format!("{}, already settled", self.named_reason(found)),
            )),
            None => None,
        }
    }

    fn named_reason(&self, found: &Found) -> String {
        let ids: Vec<&str> = found
            .named
            .iter()
            .map(|&e| self.book.entry_id(&self.book.entries[e as usize]))
            .collect();
        format!("the communication names {}", ids.join(", "))
    }

    /// The contact's open items in another currency than the line's that its money may pay,
    /// oldest due first: those of `named` when the communication names some.
    fn items_elsewhere(
        &self,
        movement: &Movement,
        contact: u32,
        named: &[EntryIndex],
        currency: Currency,
    ) -> Vec<usize> {
        let line = movement.line;
        self.items_of_contact
            .get(&contact)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| {
                let item = &self.items[i];
                item.open > Decimal::ZERO
                    && item.date <= line.date
                    && item.currency != currency
                    && paying_kind(item.kind, movement.direction).is_some()
                    && (named.is_empty() || named.contains(&item.entry))
            })
            .collect()
    }

    /// The open items the line settles once converted, trying each currency of the contact's
    /// items in turn; an error note when none fits or a rate is missing; `None` when the contact
    /// has no such item.
    fn conversion(
        &self,
        movement: &Movement,
        contact: u32,
        named: &[EntryIndex],
        currency: Currency,
    ) -> Option<Result<Conversion, String>> {
        let items = self.items_elsewhere(movement, contact, named, currency);
        let mut currencies: Vec<Currency> = items.iter().map(|&i| self.items[i].currency).collect();
        currencies.dedup();
        let mut notes = Vec::new();
        for target in currencies {
            let of_target: Vec<usize> = items
                .iter()
                .copied()
                .filter(|&i| self.items[i].currency == target)
                .collect();
            match self.convert_line(movement, currency, target) {
                Ok((converted, rate)) => {
                    let fit = if named.is_empty() {
                        self.fit_by_amount(&of_target, converted, movement)
                    } else {
                        self.fit_named(&of_target, converted)
                    };
                    match fit {
                        Some((items, settles)) => {
                            return Some(Ok(Conversion {
                                items,
                                settles,
                                currency: target,
                                from: currency,
                                converted,
                                rate,
                                named: !named.is_empty(),
                            }));
                        }
                        None => notes.push(format!(
                            "{currency} {} is {target} {} at {} ({currency} to {target}), which settles no open {target} item of `{}` within {}%",
                            format_amount(movement.amount),
                            format_amount(converted),
                            rate.value(),
                            self.book.contacts[contact as usize].id,
                            MAX_SPREAD * Decimal::ONE_HUNDRED
                        )),
                    }
                }
                Err(RateError::Missing { .. }) => notes.push(format!(
                    "`{}` has open items in {target}, none in {currency}: a {currency} to {target} rate on or before {} in rates/ would let this line settle them",
                    self.book.contacts[contact as usize].id,
                    movement.line.date
                )),
                Err(error) => notes.push(error.to_string()),
            }
        }
        (!notes.is_empty()).then(|| Err(notes.join("; ")))
    }

    /// The line's amount in `target` at the book's rate of the line's date, and the rate.
    fn convert_line(
        &self,
        movement: &Movement,
        currency: Currency,
        target: Currency,
    ) -> Result<(Decimal, Rate), RateError> {
        let rates = &self.book.rates;
        let date = movement.line.date;
        let rate = rates.rate(currency, target, date)?;
        let converted = rates.convert(movement.amount, currency, target, date)?;
        Ok((converted, rate))
    }

    /// Documents the communication names: all of them when together they are within the spread
    /// of the converted amount, else the one named document paid in part by less.
    fn fit_named(&self, items: &[usize], converted: Decimal) -> Option<(Vec<usize>, Decimal)> {
        let open = items
            .iter()
            .try_fold(Decimal::ZERO, |sum, &i| sum.checked_add(self.items[i].open))?;
        match items {
            _ if within_spread(open, converted) => Some((items.to_vec(), open)),
            [one] if converted < open => Some((vec![*one], converted)),
            _ => None,
        }
    }

    /// Found by the amount: the item open for the nearest amount within the spread (due nearest
    /// the line's date on a tie), else the oldest items in a row (what the ledger allocates a
    /// payment without `ref:` to) within the spread of what they add up to.
    fn fit_by_amount(
        &self,
        items: &[usize],
        converted: Decimal,
        movement: &Movement,
    ) -> Option<(Vec<usize>, Decimal)> {
        let date = movement.line.date;
        let nearest = items
            .iter()
            .copied()
            .filter(|&i| within_spread(self.items[i].open, converted))
            .min_by_key(|&i| {
                let item = &self.items[i];
                let gap = (item.open - converted).abs();
                (gap, (item.due - date).num_days().abs(), item.due)
            });
        if let Some(i) = nearest {
            return Some((vec![i], self.items[i].open));
        }
        let mut sum = Decimal::ZERO;
        for (count, &i) in items.iter().take(MAX_CANDIDATES).enumerate() {
            sum = sum.checked_add(self.items[i].open)?;
            if count >= 1 && within_spread(sum, converted) {
                return Some((items[..=count].to_vec(), sum));
            }
            if sum > converted {
                break;
            }
        }
        None
    }

    /// The proposal of a conversion that fits: what it settles is no longer open.
    fn settling(
        &mut self,
        movement: &Movement,
        clues: &Clues,
        found: &Found,
        conversion: Conversion,
    ) -> Proposal {
        let line = movement.line;
        let mut rest = conversion.settles;
        let mut documents = Vec::new();
        for &i in &conversion.items {
            let open = self.items[i].open;
            let pay = open.min(rest);
            self.items[i].open -= pay;
            rest -= pay;
            documents.push(Settled {
                entry: self.items[i].entry,
                document: self
                    .book
                    .entry_id(&self.book.entries[self.items[i].entry as usize])
                    .to_string(),
                open,
                amount: pay,
            });
        }
        let kind = paying_kind(self.items[conversion.items[0]].kind, movement.direction);
        let (confidence, reason) =
            self.judge_conversion(movement, clues, found, &conversion, &documents);
        let mut proposal = unmatched(line, reason);
        proposal.status = Status::Matched;
        proposal.kind = kind;
        proposal.contact = Some(found.contact);
        proposal.currency = Some(conversion.from);
        proposal.documents = documents;
        proposal.confidence = (confidence.clamp(0.0, 1.0) * 100.0).round() / 100.0;
        proposal.rule = Some(rule_of(found, &conversion));
        proposal.settles = Some(Settlement {
            amount: conversion.settles,
            currency: conversion.currency,
        });
        proposal
    }

    /// How sure a conversion match is, and why: the rule's base, less for several documents or
    /// a part payment, much less when the account is another contact's.
    fn judge_conversion(
        &self,
        movement: &Movement,
        clues: &Clues,
        found: &Found,
        conversion: &Conversion,
        documents: &[Settled],
    ) -> (f64, String) {
        let line = movement.line;
        let who = &self.book.contacts[found.contact as usize];
        let similarity = clues
            .similarities
            .iter()
            .find(|(c, _)| *c == found.contact)
            .map_or(0.0, |(_, s)| *s);
        let names: Vec<&str> = documents.iter().map(|d| d.document.as_str()).collect();
        let (mut confidence, how) = match rule_of(found, conversion) {
            Rule::DocumentId | Rule::StructuredCommunication => (
                0.95,
                format!("the communication names {}", names.join(", ")),
            ),
            Rule::Iban => (
                0.9,
                format!(
                    "account {} is `{}`'s",
                    crate::identifiers::iban::pretty(line.account.as_deref().unwrap_or("")),
                    who.id
                ),
            ),
            _ => (
                0.5 + 0.4 * similarity,
                format!(
                    "`{}` is like `{}` ({:.0}%)",
                    line.counterparty,
                    who.name,
                    similarity * 100.0
                ),
            ),
        };
        let open: Decimal = documents.iter().map(|d| d.open).sum();
        let part = documents.iter().any(|d| d.amount < d.open);
        if names.len() > 1 {
            confidence -= 0.05;
        }
        if part {
            confidence -= 0.05;
        }
        let (from, to) = (conversion.from, conversion.currency);
        let quoted = conversion
            .rate
            .date()
            .map(|d| format!(", quote of {d}"))
            .unwrap_or_default();
        let mut reason = format!(
            "{how}; converted at the book's rate {} ({from} to {to}{quoted}), {from} {} is {to} {}; {} {} open for {to} {}{}: settles:{}",
            conversion.rate.value(),
            format_amount(movement.amount),
            format_amount(conversion.converted),
            names.join(" + "),
            if names.len() > 1 { "are" } else { "is" },
            format_amount(open),
            if part { ", a part payment" } else { "" },
            format_amount(conversion.settles),
        );
        if clues.iban_contact.is_some_and(|c| c != found.contact) {
            confidence -= 0.3;
            reason.push_str("; but the account belongs to another contact");
        }
        if !clues.notes.is_empty() {
            reason = format!("{reason} ({})", clues.notes.join("; "));
        }
        (confidence, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_is_two_percent_of_what_is_open_either_way() {
        let d = |n: i64| Decimal::new(n, 2);
        assert!(within_spread(d(480000), d(480000)));
        assert!(within_spread(d(480000), d(470400)));
        assert!(within_spread(d(480000), d(489600)));
        assert!(!within_spread(d(480000), d(470399)));
        assert!(!within_spread(d(480000), d(489601)));
    }
}
