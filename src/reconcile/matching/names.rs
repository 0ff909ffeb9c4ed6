//! Rules 5 and 6 (`name-amount`, `combination`) and the `name` fallback: how alike a
//! counterparty's name is to a contact's, and which contact a name with an amount points to.

use super::amounts::{closest_exact, combination};
use super::{Clues, Found, MAX_CANDIDATES, Matcher, Movement, Rule};
use crate::book::{Contact, slug};

/// Words that say little about who a company is.
const STOP_WORDS: &[&str] = &[
    "sa", "nv", "bv", "bvba", "srl", "sprl", "sarl", "sas", "sasu", "eurl", "sc", "scs", "scrl",
    "gmbh", "ag", "kg", "ltd", "llc", "inc", "co", "cie", "corp", "plc", "spa", "vof", "cv",
    "limited", "company", "the", "and", "et", "en", "und", "de", "du", "des", "la", "le", "les",
    "d", "l", "van", "der", "den", "mr", "mrs", "m", "mme",
];

/// The significant words of a name, folded (case and accents ignored).
fn words(name: &str) -> Vec<String> {
    slug::fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two words are alike: equal, one a prefix (of at least 4 letters) of the other (banks cut
/// names), or one edit apart when both have 5 letters or more.
fn alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.chars().count() >= 4 && long.starts_with(short))
        || (short.chars().count() >= 5 && crate::diagnostic::levenshtein(a, b) <= 1)
}

/// How alike a counterparty name is to a contact, 0 to 1: the Dice coefficient of their words,
/// or, when every word of the contact's name (or of its id) appears in the counterparty's name,
/// 0.9 (a bank shows `HANGZHOU MEIYUAN CULTURAL CREATIVE CO LTD` for contact
/// `hangzhou-meiyuan`).
pub fn similarity(counterparty: &str, contact: &Contact) -> f64 {
    similarity_of_words(&words(counterparty), &NameWords::of(contact))
}

/// The words of a contact's name and of its id, computed once per reconciliation.
#[derive(Debug, Clone)]
pub(super) struct NameWords {
    name: Vec<String>,
    id: Vec<String>,
}

impl NameWords {
    pub(super) fn of(contact: &Contact) -> NameWords {
        NameWords {
            name: words(&contact.name),
            id: words(&contact.id),
        }
    }
}

fn similarity_of_words(theirs: &[String], contact: &NameWords) -> f64 {
    if theirs.is_empty() {
        return 0.0;
    }
    let mut best: f64 = 0.0;
    for ours in [&contact.name, &contact.id] {
        if ours.is_empty() {
            continue;
        }
        let common = ours
            .iter()
            .filter(|w| theirs.iter().any(|t| alike(w, t)))
            .count();
        let dice = 2.0 * common as f64 / (ours.len() + theirs.len()) as f64;
        let significant = ours.len() >= 2 || ours[0].chars().count() >= 5;
        let contained = if common == ours.len() && significant {
            0.9
        } else {
            0.0
        };
        best = best.max(dice).max(contained);
    }
    best.min(1.0)
}

impl Matcher<'_> {
    /// The contacts whose name is like the counterparty's (at least 0.6), most alike first.
    pub(super) fn similarities(&self, counterparty: &str) -> Vec<(u32, f64)> {
        if counterparty.trim().is_empty() {
            return Vec::new();
        }
        let theirs = words(counterparty);
        let mut list: Vec<(u32, f64)> = self
            .name_words
            .iter()
            .enumerate()
            .map(|(i, ours)| (i as u32, similarity_of_words(&theirs, ours)))
            .filter(|(_, s)| *s >= 0.6)
            .collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    }

    /// Rule 5, name and an exact open amount: among the contacts most like the name, the one with an
    /// open item of exactly the amount; rule 6, else, when one contact is most like it, open items of
    /// it adding up to the amount; else that contact alone (on account) when its name is very
    /// like the counterparty's.
    pub(super) fn by_name(&self, movement: &Movement, clues: &mut Clues) -> Option<Found> {
        let &(_, best) = clues.similarities.first()?;
        let line = movement.line;
        let amount = movement.amount;
        let top: Vec<(u32, f64)> = clues
            .similarities
            .iter()
            .copied()
            .filter(|(_, s)| *s >= best - 0.05)
            .collect();
        let exact: Vec<(u32, usize)> = top
            .iter()
            .filter_map(|&(c, _)| {
                closest_exact(&self.open_of(movement, c), &self.items, amount, line.date)
                    .map(|i| (c, i))
            })
            .collect();
        if let [(c, i)] = exact.as_slice() {
            return Some(Found::items(*c, Rule::NameAmount, vec![*i], false));
        }
        if exact.len() > 1 {
            clues.notes.push(format!(
                "{} contacts with a name like `{}` have an open item of {}",
                exact.len(),
                line.counterparty,
                crate::money::format_amount(amount)
            ));
            return None;
        }
        let [(c, _)] = top.as_slice() else {
            return None;
        };
        // 6. A combination of its open items.
        let open: Vec<(usize, rust_decimal::Decimal)> = self
            .open_of(movement, *c)
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|i| (i, self.items[i].open))
            .collect();
        if let Some((combo, several)) = combination(&open, amount) {
            Some(Found::items(*c, Rule::Combination, combo, several))
        } else if best >= 0.85 {
            Some(Found::items(*c, Rule::Name, Vec::new(), false))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, name: &str) -> Contact {
        let mut c = Contact::placeholder(id);
        c.name = name.into();
        c
    }

    #[test]
    fn names() {
        let delvaux = contact("galerie-delvaux", "Galerie Delvaux SRL");
        let rivoli = contact("galeries-rivoli", "Les Galeries Rivoli SAS");
        assert!(similarity("GALERIE DELVAUX", &delvaux) > 0.95);
        assert!(similarity("GALERIE DELVAUX", &rivoli) < 0.6);
        let meiyuan = contact("hangzhou-meiyuan", "杭州美苑文化创意有限公司");
        assert!(similarity("HANGZHOU MEIYUAN CULTURAL CREATIVE CO LTD", &meiyuan) >= 0.9);
        let cafe = contact("cafe-leopold", "Café Léopold SRL");
        assert!(similarity("CAFE LEOPOLD", &cafe) > 0.95);
        assert!(similarity("Cafe Leopold Brussel", &cafe) >= 0.8);
        let beaumont = contact("maison-beaumont", "Maison Beaumont & Fils SARL");
        assert!(similarity("MAISON VERHAEGEN", &beaumont) < 0.6);
        assert_eq!(similarity("", &beaumont), 0.0);
        assert!(
            similarity(
                "VANDENBERGHE STUDIO",
                &contact("studio-vandenberghe", "Studio Vandenberghe BV")
            ) > 0.9
        );
    }
}
