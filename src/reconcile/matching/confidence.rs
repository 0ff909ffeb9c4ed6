//! How sure a match is, 0 to 1, and the reason shown for it: each rule has its base, lowered
//! when the amount is not what is open, when the account belongs to another contact, or when
//! nothing but the communication vouches for the contact.

use super::{Clues, Found, Matcher, Movement, Rule, Settled};
use crate::book::Contact;
use rust_decimal::Decimal;

impl Matcher<'_> {
    /// The confidence and reason of a match that pays `settled`, with `rest` on account.
    pub(super) fn judge(
        &self,
        movement: &Movement,
        clues: &Clues,
        found: &Found,
        settled: &[Settled],
        rest: Decimal,
    ) -> (f64, String) {
        let line = movement.line;
        let contact = found.contact;
        let who = &self.book.contacts[contact as usize];
        let names: Vec<&str> = settled.iter().map(|s| s.document.as_str()).collect();
        let (mut confidence, mut reason) = match found.rule {
            Rule::DocumentId | Rule::StructuredCommunication => {
                by_document(movement, found.rule, &names, settled, rest)
            }
            Rule::Iban => {
                let how = format!(
                    "account {} is `{}`'s",
                    crate::identifiers::iban::pretty(line.account.as_deref().unwrap_or("")),
                    who.id
                );
                match found.items.len() {
                    0 => (
                        0.8,
                        format!("{how}; no open item or combination is the amount: on account"),
                    ),
                    1 if settled.first().is_some_and(|s| s.amount < s.open) => (
                        0.9,
                        format!(
                            "{how}; {} is open for {}, a little more than the amount",
                            names[0],
                            crate::money::format_amount(settled[0].open)
                        ),
                    ),
                    1 => (
                        0.95,
                        format!("{how}; {} is open for exactly the amount", names[0]),
                    ),
                    _ if found.ambiguous => (
                        0.8,
                        format!(
                            "{how}; {} add up to the amount (other combinations do too)",
                            names.join(" + ")
                        ),
                    ),
                    _ => (
                        0.9,
                        format!("{how}; {} add up to the amount", names.join(" + ")),
                    ),
                }
            }
            Rule::NameAmount | Rule::Combination | Rule::Name => {
                by_name(movement, clues, found, who, &names)
            }
        };
        let iban_agrees = clues.iban_contact.is_none_or(|c| c == contact);
        let name_agrees = clues
            .similarities
            .iter()
            .any(|&(c, s)| c == contact && s >= 0.6);
        if !iban_agrees {
            confidence -= 0.3;
            reason.push_str("; but the account belongs to another contact");
        } else if matches!(found.rule, Rule::DocumentId | Rule::StructuredCommunication)
            && clues.iban_contact.is_none()
            && !name_agrees
            && !line.counterparty.trim().is_empty()
        {
            confidence -= 0.05;
        }
        if !clues.notes.is_empty() {
            reason = format!("{reason} ({})", clues.notes.join("; "));
        }
        (confidence, reason)
    }
}

/// Rules 2 and 3: the communication names the documents; how much of what is open is paid.
fn by_document(
    movement: &Movement,
    rule: Rule,
    names: &[&str],
    settled: &[Settled],
    rest: Decimal,
) -> (f64, String) {
    let how = if rule == Rule::DocumentId {
        format!("the communication names {}", names.join(", "))
    } else {
        format!(
            "structured communication {} is that of {}",
            crate::identifiers::structured::find(&movement.line.communication)
                .and_then(Result::ok)
                .map(|s| s.formatted())
                .unwrap_or_default(),
            names.join(", ")
        )
    };
    let fully = !settled.is_empty() && settled.iter().all(|s| s.amount == s.open) && rest.is_zero();
    let base = if rule == Rule::DocumentId { 0.97 } else { 0.96 };
    if fully {
        (base, format!("{how}; the amount is what is open"))
    } else if rest.is_zero() {
        (base - 0.07, format!("{how}; a part payment"))
    } else if settled.iter().all(|s| s.open.is_zero()) {
        (
            base - 0.12,
            format!("{how}, already settled: the money goes on account"),
        )
    } else {
        (
            base - 0.1,
            format!(
                "{how}; {} more than is open goes on account",
                crate::money::format_amount(rest)
            ),
        )
    }
}

/// Rules 5 and 6 and the name alone: as sure as the name is alike.
fn by_name(
    movement: &Movement,
    clues: &Clues,
    found: &Found,
    who: &Contact,
    names: &[&str],
) -> (f64, String) {
    let line = movement.line;
    let s = clues
        .similarities
        .iter()
        .find(|(c, _)| *c == found.contact)
        .map_or(0.0, |(_, s)| *s);
    match found.rule {
        Rule::NameAmount => (
            0.55 + 0.4 * s,
            format!(
                "`{}` is like `{}` ({:.0}%), and {} is open for exactly the amount",
                line.counterparty,
                who.name,
                s * 100.0,
                names[0]
            ),
        ),
        Rule::Combination => (
            0.5 + 0.35 * s - if found.ambiguous { 0.1 } else { 0.0 },
            format!(
                "`{}` is like `{}` ({:.0}%), and {} add up to the amount{}",
                line.counterparty,
                who.name,
                s * 100.0,
                names.join(" + "),
                if found.ambiguous {
                    " (other combinations do too)"
                } else {
                    ""
                }
            ),
        ),
        _ => (
            0.45 + 0.2 * s,
            format!(
                "`{}` is like `{}` ({:.0}%); no open item or combination is the amount: on account",
                line.counterparty,
                who.name,
                s * 100.0
            ),
        ),
    }
}
