//! Which open items of a contact a line pays by its amount: the one open for exactly the amount,
//! else a combination adding up to it (rule 4, `iban`, once the account names the contact; and
//! rules 5 and 6 in [`super::names`]).

use super::{Item, MAX_CANDIDATES, MAX_COMBINATION, Matcher, Movement, SEARCH_BUDGET, paying_kind};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Looks for open items of one contact (given oldest due first) whose open amounts add up to
/// `amount`: the oldest ones in a row if they do, else the fewest items; returns the combination
/// and whether another of the same size exists.
pub(super) fn combination(
    items: &[(usize, Decimal)],
    amount: Decimal,
) -> Option<(Vec<usize>, bool)> {
    // The oldest items, in order, are what a customer settling "everything up to now" pays, and
    // what folio's own allocation would take.
    let mut sum = Decimal::ZERO;
    for (count, (_, open)) in items.iter().enumerate() {
        sum += *open;
        if sum == amount && count >= 1 {
            return Some((items[..=count].iter().map(|(i, _)| *i).collect(), false));
        }
        if sum > amount {
            break;
        }
    }
    let mut budget = SEARCH_BUDGET;
    for size in 2..=MAX_COMBINATION.min(items.len()) {
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut chosen = Vec::with_capacity(size);
        search(items, amount, size, 0, &mut chosen, &mut found, &mut budget);
        if let Some(first) = found.first() {
            return Some((first.clone(), found.len() > 1));
        }
        if budget == 0 {
            break;
        }
    }
    None
}

fn search(
    items: &[(usize, Decimal)],
    rest: Decimal,
    size: usize,
    start: usize,
    chosen: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
    budget: &mut usize,
) {
    if found.len() >= 2 || *budget == 0 {
        return;
    }
    *budget -= 1;
    if chosen.len() == size {
        if rest.is_zero() {
            found.push(chosen.clone());
        }
        return;
    }
    for index in start..items.len() {
        let (item, open) = items[index];
        if open > rest {
            continue;
        }
        chosen.push(item);
        search(items, rest - open, size, index + 1, chosen, found, budget);
        chosen.pop();
        if found.len() >= 2 || *budget == 0 {
            return;
        }
    }
}

/// Of the items open for exactly `amount`, the one falling due closest to the payment date
/// (people pay the invoice in front of them; an older one of the same amount is often disputed).
pub(super) fn closest_exact(
    open: &[usize],
    items: &[Item],
    amount: Decimal,
    date: NaiveDate,
) -> Option<usize> {
    open.iter()
        .copied()
        .filter(|&i| items[i].open == amount)
        .min_by_key(|&i| ((items[i].due - date).num_days().abs(), items[i].due))
}

impl Matcher<'_> {
    /// The items of `contact`, oldest due first, that the line may pay: still open, dated on or
    /// before the line, in its currency, of a kind its money pays.
    pub(super) fn open_of(&self, movement: &Movement, contact: u32) -> Vec<usize> {
        let line = movement.line;
        let eligible = |item: &Item| {
            item.contact == contact
                && item.open > Decimal::ZERO
                && item.date <= line.date
                && Some(item.currency) == self.currency_of(line, contact)
                && paying_kind(item.kind, movement.direction).is_some()
        };
        self.items_of_contact
            .get(&contact)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| eligible(&self.items[i]))
            .collect()
    }

    /// Rule 4: the contact is known by its account: the item open for exactly the amount, else items
    /// adding up to it (and whether other combinations do too); none means on account.
    pub(super) fn items_for_amount(&self, movement: &Movement, contact: u32) -> (Vec<usize>, bool) {
        let open = self.open_of(movement, contact);
        if let Some(i) = closest_exact(&open, &self.items, movement.amount, movement.line.date) {
            return (vec![i], false);
        }
        let candidates: Vec<(usize, Decimal)> = open
            .iter()
            .take(MAX_CANDIDATES)
            .map(|&i| (i, self.items[i].open))
            .collect();
        combination(&candidates, movement.amount).unwrap_or((Vec::new(), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_prefer_fewest_items() {
        let d = |n: i64| Decimal::new(n, 2);
        let items = vec![(0, d(10000)), (1, d(25000)), (2, d(5000)), (3, d(20000))];
        assert_eq!(combination(&items, d(35000)), Some((vec![0, 1], false)));
        assert_eq!(combination(&items, d(30000)), Some((vec![0, 3], true)));
        assert_eq!(combination(&items, d(55000)), Some((vec![0, 1, 3], false)));
        assert_eq!(combination(&items, d(60000)).map(|c| c.0.len()), Some(4));
        assert_eq!(combination(&items, d(1)), None);
    }
}
