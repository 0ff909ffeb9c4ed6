//! The contact directory: lists with filters (`folio contacts`), search (`folio contact search`)
//! and the card of one contact with its balances and credit status (`folio contact show`).
//! Everything here returns data; `cli/` renders it.

use super::credit;
use crate::book::contact::{Address, NoteState};
use crate::book::slug::fold;
use crate::book::{Book, Contact, Role};
use crate::identifiers::vat::compact;
use crate::journal::Side;
use crate::ledger::{Ledger, days_past_due};
use crate::money::format_amount;
use crate::tabular::{Cell, Column, Rows, Tabular};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// Filters of `folio contacts`. Text filters ignore case and accents.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only contacts with this role.
    pub role: Option<Role>,
    /// Only contacts with every one of these tags.
    pub tags: Vec<String>,
    /// Only this industry.
    pub industry: Option<String>,
    /// Only this country (ISO code).
    pub country: Option<String>,
    /// Only this city.
    pub city: Option<String>,
    /// Only this language.
    pub language: Option<String>,
    /// Include archived contacts (left out by default).
    pub archived: bool,
}

fn same(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

fn matches_opt(wanted: &Option<String>, value: Option<&str>) -> bool {
    wanted
        .as_deref()
        .is_none_or(|w| value.is_some_and(|v| same(w, v)))
}

impl Filter {
    /// True when a contact passes every filter.
    pub fn matches(&self, contact: &Contact) -> bool {
        (self.archived || !contact.archived)
            && self.role.is_none_or(|role| contact.roles.contains(&role))
            && self
                .tags
                .iter()
                .all(|tag| contact.tags.iter().any(|t| same(t, tag)))
            && matches_opt(&self.industry, contact.industry.as_deref())
            && matches_opt(&self.country, contact.address.country.as_deref())
            && matches_opt(&self.city, contact.address.city.as_deref())
            && matches_opt(&self.language, contact.language.as_deref())
    }
}

/// Contacts as rows: id, name, roles, email, phone, city, country, tags, archived.
#[derive(Debug, Clone)]
pub struct ContactList<'a> {
    /// The contacts, in id order.
    pub contacts: Vec<&'a Contact>,
}

/// The contacts that pass `filter`, in id order.
pub fn list<'a>(book: &'a Book, filter: &Filter) -> ContactList<'a> {
    ContactList {
        contacts: book.contacts.iter().filter(|c| filter.matches(c)).collect(),
    }
}

/// Contacts whose name, e-mail, phone, VAT number, city or tags contain `text`, ignoring case and
/// accents (`etienne` finds `Étienne`; Chinese substrings match as they are). Phone numbers and VAT
/// numbers also match without their spaces, dots and dashes. Archived contacts are found too (the
/// `archived` column says so).
pub fn search<'a>(book: &'a Book, text: &str) -> ContactList<'a> {
    let query = fold(text.trim());
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let compact_query = compact(text);
    let found = |contact: &&Contact| {
        if query.is_empty() {
            return true;
        }
        let texts = [
            Some(contact.name.as_str()),
            contact.email.as_deref(),
            contact.phone.as_deref(),
            contact.vat.as_deref(),
            contact.address.city.as_deref(),
        ];
        texts
            .into_iter()
            .flatten()
            .any(|t| fold(t).contains(&query))
            || contact.tags.iter().any(|t| fold(t).contains(&query))
            || (digits.len() >= 3
                && contact.phone.as_deref().is_some_and(|p| {
                    p.chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                        .contains(&digits)
                }))
            || (compact_query.len() >= 3
                && contact
                    .vat
                    .as_deref()
                    .is_some_and(|v| compact(v).contains(&compact_query)))
    };
    ContactList {
        contacts: book.contacts.iter().filter(found).collect(),
    }
}

fn roles_text(contact: &Contact) -> String {
    contact
        .roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl Tabular for ContactList<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("id"),
            Column::prose("name").priority(1),
            Column::text("roles").priority(3),
            Column::prose("email").priority(2),
            Column::text("phone").priority(4),
            Column::prose("city").priority(5),
            Column::text("country").priority(3),
            Column::prose("tags").priority(6),
            Column::text("archived").priority(7),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.contacts
            .iter()
            .map(|c| {
                vec![
                    Cell::from(c.id.clone()),
                    Cell::from(c.name.clone()),
                    Cell::from(roles_text(c)),
                    c.email.clone().into(),
                    c.phone.clone().into(),
                    c.address.city.clone().into(),
                    c.address.country.clone().into(),
                    Cell::from(c.tags.join(",")),
                    Cell::Bool(c.archived),
                ]
            })
            .collect()
    }
}

/// One contact with its position: what `folio contact show` prints. Amounts are strings with at
/// least two decimals, as in every report.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Contact id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// VAT number.
    pub vat: Option<String>,
    /// Bank account (IBAN), as in the file.
    pub iban: Option<String>,
    /// Peppol participant id.
    pub peppol: Option<String>,
    /// The buyer's standing reference (BT-10).
    pub buyer_reference: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Language.
    pub language: Option<String>,
    /// Default currency.
    pub currency: Option<String>,
    /// Payment terms in days: the contact's, else the book's.
    pub terms: u32,
    /// Credit limit.
    pub credit_limit: Option<String>,
    /// Customer since.
    pub since: Option<NaiveDate>,
    /// Archived.
    pub archived: bool,
    /// Address lines.
    pub address: CardAddress,
    /// The shipping address, when it differs.
    pub shipping: CardAddress,
    /// The people, in file order.
    pub people: Vec<CardPerson>,
    /// `false` when opted out of mailings.
    pub newsletter: Option<bool>,
    /// Free-form fields (dates as `YYYY-MM-DD` strings).
    pub custom: serde_json::Map<String, serde_json::Value>,
    /// One row per side and currency with entries.
    pub balances: Vec<CardBalance>,
    /// Credit status, when the contact has a limit.
    pub credit: Option<CardCredit>,
    /// The last notes, oldest first.
    pub notes: Vec<CardNote>,
    /// How many notes there are in all.
    pub note_count: usize,
    /// Every contract, in file order.
    pub contracts: Vec<CardContract>,
    /// Every recurring invoice, in file order, as one line: its name, schedule and what it bills.
    pub recurring: Vec<String>,
    /// Its items disputed on the date (`folio dispute`).
    pub disputes: Vec<super::collections::OpenDispute>,
    /// Its promises to pay made by the date, with where each stands (`folio promise`).
    pub promises: Vec<super::collections::PromiseLine>,
}

/// The address of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardAddress {
    /// Street.
    pub street: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Country.
    pub country: Option<String>,
}

impl CardAddress {
    /// The lines of an address of the contact file.
    fn of(address: &Address) -> CardAddress {
        CardAddress {
            street: address.street.clone(),
            postcode: address.postcode.clone(),
            city: address.city.clone(),
            region: address.region.clone(),
            country: address.country.clone(),
        }
    }
}

/// A balance of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardBalance {
    /// receivables or payables.
    pub side: Side,
    /// Currency.
    pub currency: String,
    /// Sum of debits.
    pub debits: String,
    /// Sum of credits.
    pub credits: String,
    /// debits - credits.
    pub balance: String,
    /// Open items at least one day past due.
    pub overdue: String,
    /// Open items.
    pub open_items: usize,
}

/// The credit status of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardCredit {
    /// The limit's currency.
    pub currency: String,
    /// The limit.
    pub limit: String,
    /// Receivable balance in that currency.
    pub exposure: String,
    /// exposure / limit, 4 decimals; null when the limit is 0.
    pub utilization: Option<String>,
    /// ok, warn or over.
    pub status: String,
    /// An open item is more than `hold_after_days` past due.
    pub hold: bool,
}

/// A person of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardPerson {
    /// Name.
    pub name: String,
    /// billing, sales, technical, ...
    pub role: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// A note of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardNote {
    /// Its number among the contact's notes, from 1 in file order (`contact note --close N`).
    pub number: usize,
    /// Date.
    pub date: NaiveDate,
    /// Kind.
    pub kind: String,
    /// open or closed, when the note has a state.
    pub state: Option<NoteState>,
    /// The document it concerns.
    pub document: Option<String>,
    /// Text.
    pub text: String,
}

/// A contract of a [`Card`].
#[derive(Debug, Clone, Serialize)]
pub struct CardContract {
    /// What the contract is.
    pub name: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Days of notice before the end.
    pub notice_days: u32,
    /// The last day to give notice.
    pub notice_by: NaiveDate,
    /// The contract's value, if recorded.
    pub value: Option<String>,
}

/// How many notes a card shows.
pub const CARD_NOTES: usize = 5;

/// The card of contact `index` as of `as_of`.
pub fn card(book: &Book, index: u32, as_of: NaiveDate) -> Card {
    let contact = &book.contacts[index as usize];
    let mut balances = Vec::new();
    let mut receivables = None;
    for side in [Side::Receivables, Side::Payables] {
        let has_entries = book
            .entries
            .iter()
            .any(|e| e.contact == index && e.kind.side() == side && e.date <= as_of);
        if !has_entries {
            continue;
        }
        let ledger = Ledger::build(book, side, as_of, false);
        for account in credit::accounts_of(&ledger, index) {
            let overdue: Decimal = account
                .open_items
                .iter()
                .filter(|item| days_past_due(book.entries[item.entry as usize].due, as_of) >= 1)
                .map(|item| item.open)
                .sum();
            balances.push(CardBalance {
                side,
                currency: account.currency.to_string(),
                debits: format_amount(account.debits),
                credits: format_amount(account.credits),
                balance: format_amount(account.balance()),
                overdue: format_amount(overdue),
                open_items: account.open_items.len(),
            });
        }
        if side == Side::Receivables {
            receivables = Some(ledger);
        }
    }
    let credit_status = contact.credit_limit.and_then(|limit| {
        let currency = credit::limit_currency(book, contact)?;
        let account = receivables
            .as_ref()
            .and_then(|ledger| credit::account(ledger, index, currency));
        let exposure = account.map_or(Decimal::ZERO, |a| a.balance());
        let config = &book.config.credit;
        Some(CardCredit {
            currency: currency.to_string(),
            limit: format_amount(limit),
            exposure: format_amount(exposure),
            utilization: credit::ratio(exposure, limit, 4).map(|r| r.to_string()),
            status: credit::status(exposure, limit, config.warn_at)
                .as_str()
                .to_string(),
            hold: account.is_some_and(|a| credit::on_hold(a, as_of, config.hold_after_days)),
        })
    });
    let skip = contact.notes.len().saturating_sub(CARD_NOTES);
    let (disputes, promises) = super::collections::of_contact(book, index, as_of);
    Card {
        id: contact.id.clone(),
        name: contact.name.clone(),
        roles: contact.roles.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        vat: contact.vat.clone(),
        iban: contact.iban.clone(),
        peppol: contact.peppol.clone(),
        buyer_reference: contact.buyer_reference.clone(),
        website: contact.website.clone(),
        industry: contact.industry.clone(),
        tags: contact.tags.clone(),
        language: contact.language.clone(),
        currency: contact.currency.map(|c| c.to_string()),
        terms: contact.terms.unwrap_or_else(|| book.config.terms()),
        credit_limit: contact.credit_limit.map(format_amount),
        since: contact.since,
        archived: contact.archived,
        address: CardAddress::of(&contact.address),
        shipping: CardAddress::of(&contact.shipping),
        people: contact
            .people
            .iter()
            .map(|p| CardPerson {
                name: p.name.clone(),
                role: p.role.clone(),
                email: p.email.clone(),
                phone: p.phone.clone(),
            })
            .collect(),
        newsletter: contact.preferences.newsletter,
        custom: contact
            .custom
            .iter()
            .map(|(key, value)| (key.clone(), toml_to_json(value)))
            .collect(),
        balances,
        credit: credit_status,
        notes: contact.notes[skip..]
            .iter()
            .enumerate()
            .map(|(i, n)| CardNote {
                number: skip + i + 1,
                date: n.date,
                kind: n.kind.clone(),
                state: n.state,
                document: n.document.clone(),
                text: n.text.clone(),
            })
            .collect(),
        note_count: contact.notes.len(),
        contracts: contact
            .contracts
            .iter()
            .map(|c| CardContract {
                name: c.name.clone(),
                start: c.start,
                end: c.end,
                notice_days: c.notice_days,
                notice_by: c.notice_by(),
                value: c.value.map(format_amount),
            })
            .collect(),
        recurring: contact
            .recurring
            .iter()
            .enumerate()
            .map(|(index, schedule)| recurring_line(index, schedule))
            .collect(),
        disputes,
        promises,
    }
}

/// A TOML value as JSON; dates and times become their ISO text.
fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(text) => Json::String(text.clone()),
        toml::Value::Integer(n) => Json::from(*n),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(datetime) => Json::String(datetime.to_string()),
        toml::Value::Array(items) => Json::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Json::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// How many journal lines name a contact, counting lines with errors too (by their fourth field),
/// so a contact is never deleted from under an entry.
pub fn entry_count(book: &Book, id: &str) -> usize {
    book.sources
        .iter()
        .flat_map(|source| source.text.lines())
        .filter(|line| !crate::journal::parser::is_blank_or_comment(line))
        .filter(|line| {
            let content = line.split(';').next().unwrap_or_default();
            content.split([' ', '\t']).filter(|f| !f.is_empty()).nth(3) == Some(id)
        })
        .count()
}

/// `onderhoud: every month on day 1 from 2027-01-01, 1 item` (or `..., 1210.00`, `... to END`).
fn recurring_line(index: usize, schedule: &crate::book::recurring::Recurring) -> String {
    let name = schedule
        .id
        .clone()
        .unwrap_or_else(|| (index + 1).to_string());
    let end = schedule
        .end
        .map_or(String::new(), |end| format!(" to {end}"));
    let bills = match schedule.amount {
        Some(amount) => format_amount(amount),
        None => format!(
            "{} item{}",
            schedule.items.len(),
            if schedule.items.len() == 1 { "" } else { "s" }
        ),
    };
    format!(
        "{name}: every {} on day {} from {}{end}, {bills}",
        schedule.every.as_str(),
        schedule.day,
        schedule.start
    )
}
