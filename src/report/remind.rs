//! `folio remind`: what to send today. For every open receivable item, its dunning level from
//! its days past due and what the dunning journal says was already sent; then one reminder per
//! contact grouping every item that has something new to send.
//!
//! The rules (docs/dunning.md):
//! - Courtesy notice: an item not yet past due, due within `due_soon_days` days, dated before
//!   the report date, that was never reminded of.
//! - Level n is reached at `after_days` of the n-th `[[dunning.levels]]` days past due.
//! - A level is never sent twice. Levels are sent in order: the next level is the one after the
//!   last sent (with `skip_levels = true`, the highest level reached), and only once at least
//!   as many days have passed since the last level was sent as lie between the two levels'
//!   `after_days` (so an item found 50 days late gets level 1 today, level 2 fourteen days later).
//! - After the last level, with `repeat_every_days` set, the item is reminded again (a repeat,
//!   with the last level's template) once that many days have passed since the last level or
//!   the last repeat.
//! - Paid items are not open, so they drop out; archived contacts get nothing.

use super::contracts::{self, ContractFilter, ContractRow};
use crate::book::Book;
use crate::book::config::{DunningConfig, DunningLevel};
use crate::book::sends::{ItemHistory, Level, SendLog};
use crate::journal::{EntryIndex, Kind};
use crate::ledger::{Ledger, days_past_due};
use crate::money::Currency;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How to reach a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// By e-mail: the contact has an address.
    Email,
    /// By a printed letter: the contact has no e-mail.
    Letter,
}

impl Delivery {
    /// The word in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Email => "email",
            Delivery::Letter => "letter",
        }
    }
}

/// One open item of a contact, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct RemindItem {
    /// The document's entry; [`RemindItem::document`] and [`RemindItem::memo`] read its id and
    /// memo from the book.
    pub entry: EntryIndex,
    /// Its kind (invoice or refund).
    pub kind: Kind,
    /// Document date.
    pub date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// Days past due on the report date (negative before the due date).
    pub days_past_due: i64,
    /// Currency.
    pub currency: Currency,
    /// The document's amount.
    pub amount: Decimal,
    /// What is still open.
    pub open: Decimal,
    /// What to send now, if anything.
    pub send: Option<Level>,
    /// The template of that level (`due-soon`, `reminder-1`, ...), shared by the items of a
    /// level.
    pub template: Option<Arc<str>>,
    /// The fee of that level.
    pub fee: Option<Decimal>,
    /// The last level sent and when.
    pub last: Option<(Level, NaiveDate)>,
}

impl RemindItem {
    /// The document id.
    pub fn document<'a>(&self, book: &'a Book) -> &'a str {
        book.entry_id(&book.entries[self.entry as usize])
    }

    /// The memo of the document, if any.
    pub fn memo<'a>(&self, book: &'a Book) -> Option<&'a str> {
        book.entry_memo(&book.entries[self.entry as usize])
    }
}

/// Per currency: what the reminded items add up to.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyTotal {
    /// Currency.
    pub currency: Currency,
    /// Sum of the open amounts of the reminded items.
    pub open: Decimal,
    /// The reminder fee: the fee of the highest level sent in this currency, else zero.
    pub fee: Decimal,
    /// open + fee.
    pub total: Decimal,
}

/// Per currency: the contact's whole account on the report date.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyBalance {
    /// Currency.
    pub currency: Currency,
    /// Open items minus unapplied credits.
    pub balance: Decimal,
    /// Open items at least one day past due.
    pub overdue: Decimal,
}

/// One message to one contact: every item with something new to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    /// Index of the contact in the book.
    pub contact: u32,
    /// E-mail or letter.
    pub delivery: Delivery,
    /// The language of the letter: the contact's, else `[dunning] language`, else `en`.
    pub language: String,
    /// The highest level among the items: it picks the template.
    pub level: Level,
    /// That level's template name.
    pub template: String,
    /// The items to send now, in due order (shared with the letter's template values).
    pub items: Arc<Vec<RemindItem>>,
    /// The contact's other open items (nothing new to send), in due order.
    pub other_items: Arc<Vec<RemindItem>>,
    /// Per currency of `items`: open, fee, total.
    pub totals: Vec<CurrencyTotal>,
    /// Per currency: the contact's balance and overdue amount.
    pub balances: Vec<CurrencyBalance>,
    /// The contact's contracts in their notice window.
    pub contracts: Vec<ContractRow>,
}

/// What `folio remind` found.
#[derive(Debug, Clone, PartialEq)]
pub struct RemindReport {
    /// The report date.
    pub as_of: NaiveDate,
    /// One reminder per contact with something to send, by contact id.
    pub reminders: Vec<Reminder>,
    /// Contracts in their notice window, of every contact.
    pub contracts: Vec<ContractRow>,
}

/// The template of a level: `due-soon`, else the level's `template` (a repeat's is the last
/// level's).
pub fn template_of(level: Level, levels: &[DunningLevel]) -> String {
    match level {
        Level::DueSoon => "due-soon".to_string(),
        Level::Repeat => levels
            .last()
            .map_or_else(|| "final-notice".to_string(), |l| l.template.clone()),
        Level::Reminder(n) => levels
            .get(n as usize - 1)
            .map_or_else(|| format!("reminder-{n}"), |l| l.template.clone()),
    }
}

/// The template of each level, made once and shared by the items of that level.
struct Templates {
    due_soon: Arc<str>,
    levels: Vec<Arc<str>>,
}

impl Templates {
    fn of(policy: &DunningConfig) -> Templates {
        Templates {
            due_soon: template_of(Level::DueSoon, &policy.levels).into(),
            levels: (1..=policy.levels.len() as u32)
                .map(|n| template_of(Level::Reminder(n), &policy.levels).into())
                .collect(),
        }
    }

    fn of_level(&self, level: Level) -> Arc<str> {
        match level {
            Level::DueSoon => self.due_soon.clone(),
            Level::Repeat => self.of_level(Level::Reminder(self.levels.len() as u32)),
            Level::Reminder(n) => (n as usize)
                .checked_sub(1)
                .and_then(|i| self.levels.get(i))
                .cloned()
                .unwrap_or_else(|| format!("reminder-{n}").into()),
        }
    }
}

/// What to send for one item now, if anything: the rules of this module's documentation.
pub fn next_level(
    policy: &DunningConfig,
    date: NaiveDate,
    due: NaiveDate,
    as_of: NaiveDate,
    history: &ItemHistory,
) -> Option<Level> {
    let days = days_past_due(due, as_of);
    if days <= 0 {
        let due_soon = policy.due_soon_days > 0
            && -days <= i64::from(policy.due_soon_days)
            && date < as_of
            && history.due_soon.is_none()
            && history.level.is_none();
        return due_soon.then_some(Level::DueSoon);
    }
    let levels = &policy.levels;
    let reached = levels
        .iter()
        .take_while(|l| i64::from(l.after_days) <= days)
        .count() as u32;
    let (last, last_date) = match history.level {
        Some((n, date)) => (n, Some(date)),
        None => (0, None),
    };
    if last as usize == levels.len() {
        return repeat(policy, as_of, history);
    }
    if reached <= last {
        return None;
    }
    let target = if policy.skip_levels {
        reached
    } else {
        last + 1
    };
    if let Some(last_date) = last_date {
        // Levels are 1-based; `last` is at least 1 here and `target` at most `levels.len()`.
        let after = |n: u32| {
            levels
                .get(n as usize - 1)
                .map_or(0, |l| i64::from(l.after_days))
        };
        let gap = after(target) - after(last);
        if (as_of - last_date).num_days() < gap.max(0) {
            return None;
        }
    }
    Some(Level::Reminder(target))
}

/// A repeat of the last level, sent: when it is due, `repeat_every_days` after the last level
/// or the last repeat (a send dated after `as_of` blocks it, as it blocks a level).
fn repeat(policy: &DunningConfig, as_of: NaiveDate, history: &ItemHistory) -> Option<Level> {
    let every = i64::from(policy.repeat_every_days);
    let (_, level_sent) = history.level?;
    let since = history.repeated.map_or(level_sent, |r| r.max(level_sent));
    (every > 0 && (as_of - since).num_days() >= every).then_some(Level::Repeat)
}

/// Plans the reminders as of the ledger's date, for every contact or only `contact`.
pub fn remind(book: &Book, ledger: &Ledger, log: &SendLog, contact: Option<u32>) -> RemindReport {
    let as_of = ledger.as_of;
    let policy = &book.config.dunning;
    let contracts_due = contracts::contracts(book, as_of, contact, ContractFilter::InNotice).rows;
    let templates = Templates::of(policy);
    // Items and balances per contact, from every account (one per currency).
    let mut per_contact: BTreeMap<u32, (Vec<RemindItem>, Vec<CurrencyBalance>)> = BTreeMap::new();
    for account in &ledger.accounts {
        let person = &book.contacts[account.contact as usize];
        if person.archived || contact.is_some_and(|c| c != account.contact) {
            continue;
        }
        let (items, balances) = per_contact.entry(account.contact).or_default();
        let mut overdue = Decimal::ZERO;
        for open in &account.open_items {
            let entry = &book.entries[open.entry as usize];
            let document = book.entry_id(entry);
            let history = log.history(document);
            let days = days_past_due(entry.due, as_of);
            if days >= 1 {
                overdue += open.open;
            }
            let send = next_level(policy, entry.date, entry.due, as_of, &history)
                .filter(|_| !held_back(book, open.entry, account.contact, as_of));
            items.push(RemindItem {
                entry: open.entry,
                kind: entry.kind,
                date: entry.date,
                due: entry.due,
                days_past_due: days,
                currency: entry.currency,
                amount: entry.amount,
                open: open.open,
                send,
                template: send.map(|level| templates.of_level(level)),
                fee: match send {
                    Some(Level::Reminder(n)) => policy.levels[n as usize - 1].fee,
                    _ => None,
                },
                last: history.last(),
            });
        }
        balances.push(CurrencyBalance {
            currency: account.currency,
            balance: account.balance(),
            overdue,
        });
    }

    let mut reminders = Vec::new();
    for (index, (mut items, balances)) in per_contact {
        let Some(level) = items.iter().filter_map(|i| i.send).max() else {
            continue;
        };
        // The items to send first, then the others, each in due order: split in place, as a
        // customer may have a million items.
        items.sort_by_key(|i| (i.send.is_none(), i.due, i.date, i.entry));
        let other_items = items.split_off(items.partition_point(|i| i.send.is_some()));
        let mut totals: Vec<CurrencyTotal> = Vec::new();
        for item in &items {
            let position = match totals.iter().position(|t| t.currency == item.currency) {
                Some(p) => p,
                None => {
                    totals.push(CurrencyTotal {
                        currency: item.currency,
                        open: Decimal::ZERO,
                        fee: Decimal::ZERO,
                        total: Decimal::ZERO,
                    });
                    totals.len() - 1
                }
            };
            totals[position].open += item.open;
        }
        for total in &mut totals {
            total.fee = items
                .iter()
                .filter(|i| i.currency == total.currency)
                .max_by_key(|i| i.send)
                .and_then(|i| i.fee)
                .unwrap_or(Decimal::ZERO);
            total.total = total.open + total.fee;
        }
        totals.sort_by_key(|t| t.currency);
        let person = &book.contacts[index as usize];
        let has_email = person.billing_email().is_some();
        reminders.push(Reminder {
            contact: index,
            delivery: if has_email {
                Delivery::Email
            } else {
                Delivery::Letter
            },
            language: language_of(book, index),
            level,
            template: template_of(level, &policy.levels),
            items: Arc::new(items),
            other_items: Arc::new(other_items),
            totals,
            balances,
            contracts: contracts_due
                .iter()
                .filter(|c| c.contact_index == index)
                .cloned()
                .collect(),
        });
    }
    RemindReport {
        as_of,
        reminders,
        contracts: contracts_due,
    }
}

/// The language of letters to a contact: its own, else `[dunning] language`, else `en`.
pub fn language_of(book: &Book, contact: u32) -> String {
    book.contacts[contact as usize]
        .language
        .clone()
        .unwrap_or_else(|| book.config.default_language())
}

/// The table of `folio remind`: one row per item to send, then one per contract in its notice
/// window.
pub struct RemindTable<'a> {
    /// The report.
    pub report: &'a RemindReport,
    /// The book, for contact names.
    pub book: &'a Book,
}

impl Tabular for RemindTable<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(3),
            Column::text("channel").priority(2),
            Column::text("kind").priority(4),
            Column::text("document"),
            Column::text("currency").priority(2),
            Column::text("due").priority(3),
            Column::amount("days_past_due").priority(1),
            Column::amount("open").priority(1),
            Column::text("level"),
            Column::text("template").priority(4),
            Column::amount("fee").priority(5),
            Column::text("last_level").priority(5),
            Column::text("last_sent").priority(4),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let report = self.report;
        // Which row comes where: items by contact, in due order, each contact's contracts after
        // its items. The cells are made when the row is written.
        let mut order: Vec<(&str, u8, RowOf)> = Vec::new();
        for (r, reminder) in report.reminders.iter().enumerate() {
            let id = self.book.contacts[reminder.contact as usize].id.as_str();
            order.extend((0..reminder.items.len()).map(|i| (id, 0, RowOf::Item(r, i))));
        }
        for (c, contract) in report.contracts.iter().enumerate() {
            order.push((&contract.contact, 1, RowOf::Contract(c)));
        }
        order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        Rows::on_demand(order.len(), move |index| match order[index].2 {
            RowOf::Item(r, i) => {
                self.item_cells(&report.reminders[r], &report.reminders[r].items[i])
            }
            RowOf::Contract(c) => contract_cells(&report.contracts[c]),
        })
    }
}

/// What a row of [`RemindTable`] shows: item `.1` of reminder `.0`, or a contract.
#[derive(Clone, Copy)]
enum RowOf {
    Item(usize, usize),
    Contract(usize),
}

impl RemindTable<'_> {
    fn item_cells<'s>(&'s self, reminder: &Reminder, item: &'s RemindItem) -> Vec<Cell<'s>> {
        let person = &self.book.contacts[reminder.contact as usize];
        vec![
            Cell::from(person.id.as_str()),
            Cell::from(person.name.as_str()),
            Cell::from(reminder.delivery.as_str()),
            Cell::from(item.kind.as_str()),
            Cell::from(item.document(self.book)),
            Cell::from(item.currency.to_string()),
            Cell::Date(item.due),
            Cell::Integer(item.days_past_due),
            Cell::Amount(item.open),
            item.send.map(Level::as_text).into(),
            item.template.as_deref().into(),
            item.fee.map_or(Cell::Null, Cell::Amount),
            item.last.map(|(level, _)| level.as_text()).into(),
            item.last.map_or(Cell::Null, |(_, date)| Cell::Date(date)),
        ]
    }
}

fn contract_cells(contract: &ContractRow) -> Vec<Cell<'_>> {
    vec![
        Cell::from(contract.contact.clone()),
        Cell::from(contract.name.clone()),
        Cell::Null,
        Cell::from("contract"),
        Cell::from(contract.contract.clone()),
        contract.currency.map(|c| c.to_string()).into(),
        Cell::Date(contract.end),
        Cell::Integer(-contract.days_to_end),
        contract.value.map_or(Cell::Null, Cell::Amount),
        Cell::from("notice"),
        Cell::Null,
        Cell::Null,
        Cell::Null,
        Cell::Null,
    ]
}

/// True when an item gets nothing on `as_of`: it is disputed, or a promise to pay covers it
/// (docs/dunning.md, "Disputes and promises"). Where it stood is kept: once the dispute is
/// resolved or the promise's last day has passed, the usual rules pick up from there.
fn held_back(book: &Book, entry: EntryIndex, contact: u32, as_of: NaiveDate) -> bool {
    let collections = &book.collections;
    collections.is_disputed(entry, as_of)
        || collections.promised_until(entry, contact, as_of).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::parser::parse_date;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn policy(skip_levels: bool) -> DunningConfig {
        DunningConfig {
            skip_levels,
            ..DunningConfig::default()
        }
    }

    fn history(due_soon: Option<&str>, level: Option<(u32, &str)>) -> ItemHistory {
        ItemHistory {
            due_soon: due_soon.map(date),
            level: level.map(|(n, d)| (n, date(d))),
            repeated: None,
        }
    }

    /// An invoice of 2026-01-01 due 2026-01-31, as of `as_of`.
    fn level(policy: &DunningConfig, as_of: &str, past: &ItemHistory) -> Option<Level> {
        next_level(
            policy,
            date("2026-01-01"),
            date("2026-01-31"),
            date(as_of),
            past,
        )
    }

    #[test]
    fn courtesy_notice_before_the_due_date_once() {
        let p = policy(false);
        let none = ItemHistory::default();
        assert_eq!(level(&p, "2026-01-25", &none), None, "6 days before");
        assert_eq!(level(&p, "2026-01-26", &none), Some(Level::DueSoon));
        assert_eq!(
            level(&p, "2026-01-31", &none),
            Some(Level::DueSoon),
            "due today"
        );
        let sent = history(Some("2026-01-26"), None);
        assert_eq!(level(&p, "2026-01-27", &sent), None);
        assert_eq!(level(&p, "2026-02-01", &none), None, "past due: too late");
        // Not on the day an item is issued, and not when turned off.
        assert_eq!(
            next_level(
                &p,
                date("2026-01-29"),
                date("2026-01-31"),
                date("2026-01-29"),
                &none
            ),
            None
        );
        let off = DunningConfig {
            due_soon_days: 0,
            ..p.clone()
        };
        assert_eq!(level(&off, "2026-01-30", &none), None);
    }

    #[test]
    fn levels_at_7_21_45_days_in_order() {
        let p = policy(false);
        let none = ItemHistory::default();
        assert_eq!(level(&p, "2026-02-06", &none), None, "6 days late");
        assert_eq!(level(&p, "2026-02-07", &none), Some(Level::Reminder(1)));
        let one = history(None, Some((1, "2026-02-07")));
        assert_eq!(level(&p, "2026-02-20", &one), None, "20 days late");
        assert_eq!(level(&p, "2026-02-21", &one), Some(Level::Reminder(2)));
        let two = history(None, Some((2, "2026-02-21")));
        assert_eq!(level(&p, "2026-03-16", &two), None, "44 days late");
        assert_eq!(level(&p, "2026-03-17", &two), Some(Level::Reminder(3)));
        let three = history(None, Some((3, "2026-03-17")));
        assert_eq!(
            level(&p, "2026-12-31", &three),
            None,
            "nothing after the last level"
        );
    }

    #[test]
    fn a_late_item_starts_at_level_one_and_keeps_the_spacing() {
        let p = policy(false);
        // 50 days late, never reminded: level 1 first.
        let none = ItemHistory::default();
        assert_eq!(level(&p, "2026-03-22", &none), Some(Level::Reminder(1)));
        let one = history(None, Some((1, "2026-03-22")));
        assert_eq!(
            level(&p, "2026-03-23", &one),
            None,
            "not level 2 the next day"
        );
        assert_eq!(
            level(&p, "2026-04-05", &one),
            Some(Level::Reminder(2)),
            "14 days later"
        );
        let two = history(None, Some((2, "2026-04-05")));
        assert_eq!(level(&p, "2026-04-28", &two), None);
        assert_eq!(
            level(&p, "2026-04-29", &two),
            Some(Level::Reminder(3)),
            "24 days later"
        );
    }

    #[test]
    fn skipping_levels_when_configured() {
        let p = policy(true);
        let none = ItemHistory::default();
        assert_eq!(level(&p, "2026-03-22", &none), Some(Level::Reminder(3)));
        assert_eq!(level(&p, "2026-02-25", &none), Some(Level::Reminder(2)));
        let one = history(None, Some((1, "2026-02-07")));
        assert_eq!(level(&p, "2026-03-22", &one), Some(Level::Reminder(3)));
    }

    #[test]
    fn sends_dated_after_the_report_date_block_a_new_level() {
        let p = policy(false);
        let later = history(None, Some((1, "2026-05-01")));
        assert_eq!(level(&p, "2026-04-01", &later), None);
    }

    #[test]
    fn the_last_level_repeats_every_so_many_days_when_configured() {
        let p = DunningConfig {
            repeat_every_days: 14,
            ..policy(false)
        };
        let two = history(None, Some((2, "2026-02-21")));
        assert_eq!(
            level(&p, "2026-03-20", &two),
            Some(Level::Reminder(3)),
            "not a repeat before the last level"
        );
        let three = history(None, Some((3, "2026-03-17")));
        assert_eq!(level(&p, "2026-03-30", &three), None, "13 days after");
        assert_eq!(level(&p, "2026-03-31", &three), Some(Level::Repeat));
        let repeated = ItemHistory {
            repeated: Some(date("2026-03-31")),
            ..three
        };
        assert_eq!(level(&p, "2026-03-31", &repeated), None, "once a day");
        assert_eq!(level(&p, "2026-04-13", &repeated), None);
        assert_eq!(level(&p, "2026-04-14", &repeated), Some(Level::Repeat));
        assert_eq!(
            level(&policy(false), "2026-04-14", &repeated),
            None,
            "never without repeat_every_days"
        );
    }
}
