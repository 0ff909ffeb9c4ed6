//! Contacts: `contacts/<id>.toml`, one customer or supplier per file.

use super::serde_helpers::{
    deserialize_date, deserialize_line, deserialize_lines, deserialize_name,
    deserialize_opt_country, deserialize_opt_credit_limit, deserialize_opt_currency,
    deserialize_opt_date, deserialize_opt_days, deserialize_opt_language, deserialize_opt_line,
    deserialize_text,
};
use crate::journal::Side;
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// What a contact is to us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// We invoice them.
    Customer,
    /// They bill us.
    Supplier,
}

impl Role {
    /// The word used in contact files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Supplier => "supplier",
        }
    }

    /// Reads the word used in contact files.
    pub fn parse(word: &str) -> Option<Role> {
        match word {
            "customer" => Some(Role::Customer),
            "supplier" => Some(Role::Supplier),
            _ => None,
        }
    }

    /// The ledger side this role trades on.
    pub fn side(self) -> Side {
        match self {
            Role::Customer => Side::Receivables,
            Role::Supplier => Side::Payables,
        }
    }
}

impl<'de> Deserialize<'de> for Role {
    /// An unknown role names the nearest known one.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
        super::serde_helpers::deserialize_checked(d, "\"customer\" or \"supplier\"", |word| {
            Role::parse(word).ok_or_else(|| {
                match crate::diagnostic::did_you_mean(word, ["customer", "supplier"]) {
                    Some(near) => format!("unknown role `{word}`; did you mean `{near}`?"),
                    None => format!("unknown role `{word}`: expected \"customer\" or \"supplier\""),
                }
            })
        })
    }
}

/// A customer or supplier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The id: the file stem. Filled in by the loader, not read from the file.
    #[serde(skip)]
    pub id: String,
    /// Display name.
    #[serde(deserialize_with = "deserialize_name")]
    pub name: String,
    /// Customer, supplier or both.
    #[serde(default = "default_roles")]
    pub roles: Vec<Role>,
    /// E-mail address.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub phone: Option<String>,
    /// VAT number, with its country prefix.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub vat: Option<String>,
    /// Bank account (IBAN), for matching bank statement lines (`folio reconcile`).
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub iban: Option<String>,
    /// Peppol participant id, `scheme:value` (`0208:0403170701`): where e-invoices reach the
    /// contact. Without it, one is derived from the VAT or enterprise number (docs/einvoicing.md).
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub peppol: Option<String>,
    /// The reference the buyer asks to find on every invoice (BT-10, e.g. a purchase order or a
    /// cost centre), when the document gives none of its own.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub buyer_reference: Option<String>,
    /// Industry, free text.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub industry: Option<String>,
    /// Tags for segments and filters.
    #[serde(default, deserialize_with = "deserialize_lines")]
    pub tags: Vec<String>,
    /// Language for letters (en, fr, zh, ...).
    #[serde(default, deserialize_with = "deserialize_opt_language")]
    pub language: Option<String>,
    /// Default currency of its entries.
    #[serde(default, deserialize_with = "deserialize_opt_currency")]
    pub currency: Option<Currency>,
    /// Payment terms in days, overriding the book's.
    #[serde(default, deserialize_with = "deserialize_opt_days")]
    pub terms: Option<u32>,
    /// Credit limit in the contact's currency; absent means no limit.
    #[serde(default, deserialize_with = "deserialize_opt_credit_limit")]
    pub credit_limit: Option<Decimal>,
    /// Customer since.
    #[serde(default, deserialize_with = "deserialize_opt_date")]
    pub since: Option<NaiveDate>,
    /// Archived contacts keep their history but leave lists and mailings.
    #[serde(default)]
    pub archived: bool,
    /// Web site, as written.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub website: Option<String>,
    /// Postal address (the billing address of documents).
    #[serde(default)]
    pub address: Address,
    /// Where goods are delivered, when not at `address`.
    #[serde(default)]
    pub shipping: Address,
    /// Mailing preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Free-form user fields.
    #[serde(default)]
    pub custom: toml::Table,
    /// The people to deal with: `[[people]]`, each with a role (billing, sales, technical, ...).
    #[serde(default)]
    pub people: Vec<Person>,
    /// The interaction log.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Contracts, for notice reminders (`folio contracts`, `folio remind`).
    #[serde(default, deserialize_with = "deserialize_contracts")]
    pub contracts: Vec<Contract>,
    /// Recurring invoices, issued by `folio recur`.
    #[serde(default)]
    pub recurring: Vec<super::recurring::Recurring>,
}

fn default_roles() -> Vec<Role> {
    vec![Role::Customer]
}

impl Contact {
    /// A stand-in for a contact whose file could not be read, so that its entries do not also
    /// report "unknown contact".
    pub fn placeholder(id: &str) -> Contact {
        Contact {
            id: id.to_string(),
            name: id.to_string(),
            roles: vec![Role::Customer, Role::Supplier],
            email: None,
            phone: None,
            vat: None,
            iban: None,
            peppol: None,
            buyer_reference: None,
            industry: None,
            tags: Vec::new(),
            language: None,
            currency: None,
            terms: None,
            credit_limit: None,
            since: None,
            archived: false,
            website: None,
            address: Address::default(),
            shipping: Address::default(),
            preferences: Preferences::default(),
            custom: toml::Table::new(),
            people: Vec::new(),
            notes: Vec::new(),
            contracts: Vec::new(),
            recurring: Vec::new(),
        }
    }

    /// True when the contact trades on that side.
    pub fn has_side(&self, side: Side) -> bool {
        self.roles.iter().any(|role| role.side() == side)
    }

    /// The first person whose role is `billing`: documents and reminders go to them.
    pub fn billing_person(&self) -> Option<&Person> {
        self.people
            .iter()
            .find(|person| person.role.as_deref() == Some(BILLING))
    }

    /// Where invoices and reminders are e-mailed, as (name, address): the billing person's
    /// address when they have one, else the contact's own. `None` when neither has one.
    pub fn billing_email(&self) -> Option<(&str, &str)> {
        fn filled(email: &Option<String>) -> Option<&str> {
            email
                .as_deref()
                .map(str::trim)
                .filter(|email| !email.is_empty())
        }
        if let Some(person) = self.billing_person()
            && let Some(email) = filled(&person.email)
        {
            return Some((&person.name, email));
        }
        filled(&self.email).map(|email| (self.name.as_str(), email))
    }
}

/// The role of the person documents and reminders are addressed to.
pub const BILLING: &str = "billing";

/// A person at a contact: `[[people]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    #[serde(deserialize_with = "deserialize_name")]
    pub name: String,
    /// billing, sales, technical, ... (a lower-case word); `billing` receives documents and
    /// reminders.
    #[serde(default, deserialize_with = "deserialize_opt_word")]
    pub role: Option<String>,
    /// E-mail address.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub phone: Option<String>,
}

/// A postal address.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and number.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub street: Option<String>,
    /// Postal code.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub postcode: Option<String>,
    /// City.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub city: Option<String>,
    /// Region, province or state.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, deserialize_with = "deserialize_opt_country")]
    pub country: Option<String>,
}

/// Mailing preferences.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// `false` means opted out of mailings.
    #[serde(default)]
    pub newsletter: Option<bool>,
}

/// One interaction: a call, an e-mail, a complaint, its resolution.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// When it happened.
    #[serde(deserialize_with = "deserialize_date")]
    pub date: NaiveDate,
    /// call, email, complaint, inquiry, resolution, ...
    #[serde(deserialize_with = "deserialize_line")]
    pub kind: String,
    /// Whether something remains to be done: `open` until it is `closed`; absent for a plain
    /// record of what happened.
    #[serde(default)]
    pub state: Option<NoteState>,
    /// The document the note concerns (`INV-2026-0001`), as written.
    #[serde(default, deserialize_with = "deserialize_opt_line")]
    pub document: Option<String>,
    /// What was said or done.
    #[serde(deserialize_with = "deserialize_text")]
    pub text: String,
}

/// Where a note of the service log stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteState {
    /// Something remains to be done.
    Open,
    /// Dealt with.
    Closed,
}

impl NoteState {
    /// The word used in contact files.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteState::Open => "open",
            NoteState::Closed => "closed",
        }
    }

    /// Reads the word used in contact files.
    pub fn parse(word: &str) -> Option<NoteState> {
        match word {
            "open" => Some(NoteState::Open),
            "closed" => Some(NoteState::Closed),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for NoteState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NoteState, D::Error> {
        super::serde_helpers::deserialize_checked(d, "\"open\" or \"closed\"", |word| {
            NoteState::parse(word).ok_or_else(|| {
                format!("unknown note state `{word}`: expected \"open\" or \"closed\"")
            })
        })
    }
}

/// A lower-case word (a person's role), checked as note kinds are.
fn deserialize_opt_word<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    super::serde_helpers::deserialize_checked(d, "a lower-case word", |word| {
        check_word(word, "role", "billing, sales or technical").map(|()| Some(word.to_string()))
    })
}

/// A word as roles and note kinds are: lower-case letters, digits, `-` and `_`, at most 32.
pub fn check_word(word: &str, what: &str, examples: &str) -> Result<(), String> {
    let ok = word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && word.len() <= 32;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid {what} `{word}`: expected a lower-case word such as {examples}"
        ))
    }
}

/// A contract: `[[contracts]]` with name, start, end, notice_days and value.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// What the contract is, e.g. "Maintenance 2026".
    #[serde(deserialize_with = "deserialize_name")]
    pub name: String,
    /// First day.
    #[serde(deserialize_with = "deserialize_date")]
    pub start: NaiveDate,
    /// Last day.
    #[serde(deserialize_with = "deserialize_date")]
    pub end: NaiveDate,
    /// Days before `end` by which notice must be given (default 30).
    #[serde(
        default = "default_notice_days",
        deserialize_with = "super::serde_helpers::deserialize_days"
    )]
    pub notice_days: u32,
    /// The contract's value, in the contact's currency (else the book's).
    #[serde(default, deserialize_with = "deserialize_contract_value")]
    pub value: Option<Decimal>,
}

impl Contract {
    /// The last day to give notice: `end - notice_days`.
    pub fn notice_by(&self) -> NaiveDate {
        self.end - chrono::Days::new(u64::from(self.notice_days))
    }
}

fn default_notice_days() -> u32 {
    30
}

fn deserialize_contract_value<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    let value = super::serde_helpers::deserialize_exact_decimal(d)?;
    if value < Decimal::ZERO || value.normalize().scale() > crate::money::MAX_DECIMALS as u32 {
        return Err(serde::de::Error::custom(format!(
            "invalid contract value `{value}`: expected an amount, zero or more, with at most 4 decimals, e.g. \"12000.00\""
        )));
    }
    Ok(Some(value))
}

fn deserialize_contracts<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<Contract>, D::Error> {
    let contracts = Vec::<Contract>::deserialize(d)?;
    if let Some(bad) = contracts.iter().find(|c| c.end < c.start) {
        return Err(serde::de::Error::custom(format!(
            "contract `{}` ends ({}) before it starts ({}): expected end on or after start",
            bad.name, bad.end, bad.start
        )));
    }
    Ok(contracts)
}

/// Checks a contact id: `^[a-z0-9][a-z0-9._-]{0,63}$`.
pub fn check_contact_id(id: &str) -> Result<(), String> {
    let bytes = id.as_bytes();
    let valid = (1..=64).contains(&bytes.len())
        && matches!(bytes[0], b'a'..=b'z' | b'0'..=b'9')
        && bytes
            .iter()
            .all(|&b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid contact id `{id}`: expected 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"
        ))
    }
}
