//! The fields of a contact file, in one table.
//!
//! Everything that lists contact fields derives its list from [`FIELDS`]: the keys a contact file
//! may hold and their canonical order (`folio fmt`, new files), the keys `folio contact set`
//! accepts and how it reads their values, the columns of `folio import contacts` and
//! `folio export contacts`, and the lines of `folio contact show`. A field added to
//! [`super::Contact`] is added here once.

use super::contact::{Contact, Contract, Note, Person};
use super::recurring::Recurring;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a field holds: how `contact set` reads it and how export writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// A list of words: comma-separated on the command line and in CSV.
    List,
    /// A whole number of days.
    Days,
    /// An amount, kept as a string in the file.
    Amount,
    /// A date.
    Date,
    /// true or false.
    Bool,
    /// The free-form `[custom]` table.
    Custom,
    /// The interaction log, `[[notes]]`.
    Notes,
    /// `[[contracts]]`.
    Contracts,
    /// `[[people]]`.
    People,
    /// `[[recurring]]`.
    Recurring,
}

/// How `contact show` (table and CSV) lists a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Not a line of its own: a part of the address line, or the notes, which the card lists
    /// under the balances.
    No,
    /// A line with the value when it has one; lists joined with ", ".
    WhenSet,
    /// A line even when the value is empty.
    Always,
    /// `N days`: the contact's terms, else the book's.
    Terms,
    /// The whole address on one line: street, postcode and city, region, country.
    Address,
    /// `opted out` when false, nothing otherwise.
    OptedOut,
    /// `yes` when true, nothing otherwise.
    Yes,
    /// One `custom.NAME` line per custom field.
    Custom,
    /// One `contract` line per contract.
    Contracts,
    /// The whole shipping address on one line, as [`Shown::Address`].
    Shipping,
    /// One `person` line per person: name (role), e-mail, phone.
    People,
    /// One `recurring` line per recurring invoice: its name, schedule and what it bills.
    Recurring,
}

/// A field's value in a contact, borrowed from it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// [`Kind::Text`].
    Text(Option<&'a str>),
    /// [`Kind::List`].
    List(Vec<&'a str>),
    /// [`Kind::Days`].
    Days(Option<u32>),
    /// [`Kind::Amount`].
    Amount(Option<Decimal>),
    /// [`Kind::Date`].
    Date(Option<NaiveDate>),
    /// [`Kind::Bool`].
    Bool(Option<bool>),
    /// [`Kind::Custom`].
    Custom(&'a toml::Table),
    /// [`Kind::Notes`].
    Notes(&'a [Note]),
    /// [`Kind::Contracts`].
    Contracts(&'a [Contract]),
    /// [`Kind::People`].
    People(&'a [Person]),
    /// [`Kind::Recurring`].
    Recurring(&'a [Recurring]),
}

/// One field of a contact file.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key in the file, dotted for a key of a table (`address.city`).
    pub key: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// `folio contact set` accepts the key (`custom` is set one field at a time, as
    /// `custom.NAME`; notes, people and contracts have subcommands of their own or none).
    pub settable: bool,
    /// The column of `folio import contacts` and `folio export contacts` (CSV), if any.
    pub column: Option<&'static str>,
    /// How `contact show` lists it.
    pub shown: Shown,
    /// Where `contact show` lists it: the card puts who a contact is before its terms and the
    /// archived mark after the custom fields, so its order is not the file's.
    pub card_rank: u8,
    /// The field's value in a contact.
    pub value: for<'a> fn(&'a Contact) -> Value<'a>,
}

const fn field(
    key: &'static str,
    kind: Kind,
    column: Option<&'static str>,
    shown: Shown,
    card_rank: u8,
    value: for<'a> fn(&'a Contact) -> Value<'a>,
) -> Field {
    let settable = !matches!(
        kind,
        Kind::Custom | Kind::Notes | Kind::Contracts | Kind::People | Kind::Recurring
    );
    Field {
        key,
        kind,
        settable,
        column,
        shown,
        card_rank,
        value,
    }
}

/// Every field, in the canonical order of a contact file.
pub const FIELDS: &[Field] = &[
    field("name", Kind::Text, Some("name"), Shown::Always, 1, |c| {
        Value::Text(Some(&c.name))
    }),
    field("roles", Kind::List, Some("roles"), Shown::Always, 2, |c| {
        Value::List(c.roles.iter().map(|r| r.as_str()).collect())
    }),
    field("email", Kind::Text, Some("email"), Shown::WhenSet, 3, |c| {
        Value::Text(c.email.as_deref())
    }),
    field("phone", Kind::Text, Some("phone"), Shown::WhenSet, 4, |c| {
        Value::Text(c.phone.as_deref())
    }),
    field("vat", Kind::Text, Some("vat"), Shown::WhenSet, 5, |c| {
        Value::Text(c.vat.as_deref())
    }),
    field("iban", Kind::Text, Some("iban"), Shown::WhenSet, 6, |c| {
        Value::Text(c.iban.as_deref())
    }),
    field(
        "peppol",
        Kind::Text,
        Some("peppol"),
        Shown::WhenSet,
        7,
        |c| Value::Text(c.peppol.as_deref()),
    ),
    field(
        "buyer_reference",
        Kind::Text,
        Some("buyer_reference"),
        Shown::WhenSet,
        8,
        |c| Value::Text(c.buyer_reference.as_deref()),
    ),
    field(
        "industry",
        Kind::Text,
        Some("industry"),
        Shown::WhenSet,
        9,
        |c| Value::Text(c.industry.as_deref()),
    ),
    field("tags", Kind::List, Some("tags"), Shown::WhenSet, 12, |c| {
        Value::List(c.tags.iter().map(String::as_str).collect())
    }),
    field(
        "language",
        Kind::Text,
        Some("language"),
        Shown::WhenSet,
        10,
        |c| Value::Text(c.language.as_deref()),
    ),
    field(
        "currency",
        Kind::Text,
        Some("currency"),
        Shown::WhenSet,
        11,
        |c| Value::Text(c.currency.as_ref().map(|c| c.as_str())),
    ),
    field("terms", Kind::Days, Some("terms"), Shown::Terms, 13, |c| {
        Value::Days(c.terms)
    }),
    field(
        "credit_limit",
        Kind::Amount,
        Some("credit_limit"),
        Shown::WhenSet,
        14,
        |c| Value::Amount(c.credit_limit),
    ),
    field(
        "since",
        Kind::Date,
        Some("since"),
        Shown::WhenSet,
        15,
        |c| Value::Date(c.since),
    ),
    field(
        "archived",
        Kind::Bool,
        Some("archived"),
        Shown::Yes,
        20,
        |c| Value::Bool(Some(c.archived)),
    ),
    field(
        "website",
        Kind::Text,
        Some("website"),
        Shown::WhenSet,
        22,
        |c| Value::Text(c.website.as_deref()),
    ),
    field(
        "address.street",
        Kind::Text,
        Some("street"),
        Shown::Address,
        16,
        |c| Value::Text(c.address.street.as_deref()),
    ),
    field(
        "address.postcode",
        Kind::Text,
        Some("postcode"),
        Shown::No,
        16,
        |c| Value::Text(c.address.postcode.as_deref()),
    ),
    field(
        "address.city",
        Kind::Text,
        Some("city"),
        Shown::No,
        16,
        |c| Value::Text(c.address.city.as_deref()),
    ),
    field(
        "address.region",
        Kind::Text,
        Some("region"),
        Shown::No,
        16,
        |c| Value::Text(c.address.region.as_deref()),
    ),
    field(
        "address.country",
        Kind::Text,
        Some("country"),
        Shown::No,
        16,
        |c| Value::Text(c.address.country.as_deref()),
    ),
    field(
        "shipping.street",
        Kind::Text,
        Some("shipping_street"),
        Shown::Shipping,
        23,
        |c| Value::Text(c.shipping.street.as_deref()),
    ),
    field(
        "shipping.postcode",
        Kind::Text,
        Some("shipping_postcode"),
        Shown::No,
        23,
        |c| Value::Text(c.shipping.postcode.as_deref()),
    ),
    field(
        "shipping.city",
        Kind::Text,
        Some("shipping_city"),
        Shown::No,
        23,
        |c| Value::Text(c.shipping.city.as_deref()),
    ),
    field(
        "shipping.region",
        Kind::Text,
        Some("shipping_region"),
        Shown::No,
        23,
        |c| Value::Text(c.shipping.region.as_deref()),
    ),
    field(
        "shipping.country",
        Kind::Text,
        Some("shipping_country"),
        Shown::No,
        23,
        |c| Value::Text(c.shipping.country.as_deref()),
    ),
    field(
        "preferences.newsletter",
        Kind::Bool,
        Some("newsletter"),
        Shown::OptedOut,
        17,
        |c| Value::Bool(c.preferences.newsletter),
    ),
    field("custom", Kind::Custom, None, Shown::Custom, 18, |c| {
        Value::Custom(&c.custom)
    }),
    field("people", Kind::People, None, Shown::People, 24, |c| {
        Value::People(&c.people)
    }),
    field("notes", Kind::Notes, None, Shown::No, 19, |c| {
        Value::Notes(&c.notes)
    }),
    field(
        "contracts",
        Kind::Contracts,
        None,
        Shown::Contracts,
        21,
        |c| Value::Contracts(&c.contracts),
    ),
    field(
        "recurring",
        Kind::Recurring,
        None,
        Shown::Recurring,
        25,
        |c| Value::Recurring(&c.recurring),
    ),
];

/// The table a field belongs to (`address` for `address.city`), or `None` at the top.
pub fn table_of(key: &str) -> Option<&str> {
    key.split_once('.').map(|(table, _)| table)
}

/// The keys at the top of a contact file, in canonical order: the top-level fields and the
/// tables (`address`, `preferences`) that hold the dotted ones.
pub fn top_level_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for field in FIELDS {
        let key = field.key.split('.').next().unwrap_or(field.key);
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The keys of a table (`address`), in canonical order, without the table's name.
pub fn keys_of_table(table: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter_map(|field| {
            field
                .key
                .split_once('.')
                .filter(|(name, _)| *name == table)
                .map(|(_, leaf)| leaf)
        })
        .collect()
}

/// The field a key names.
pub fn by_key(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|field| field.key == key)
}

/// The field a column of import and export names.
pub fn by_column(column: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|field| field.column == Some(column))
}

/// The columns of import and export, in canonical order (without `id` and `custom.NAME`).
pub fn columns() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().filter_map(|field| field.column)
}

/// The fields `contact show` lists, in the card's order.
pub fn card_order() -> Vec<&'static Field> {
    let mut shown: Vec<&'static Field> = FIELDS
        .iter()
        .filter(|field| field.shown != Shown::No)
        .collect();
    shown.sort_by_key(|field| field.card_rank);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::serde_helpers::read_toml;

    /// The keys the reader names when it meets one it does not know.
    fn accepted_keys(text: &str) -> Vec<String> {
        let read = read_toml::<Contact>(text);
        let message = &read.problems[0].message;
        let (_, list) = message.rsplit_once("expected one of ").expect(message);
        list.split(", ").map(str::to_string).collect()
    }

    #[test]
    fn the_table_names_every_key_a_contact_file_accepts_in_order() {
        assert_eq!(
            accepted_keys("name = \"A\"\nqqqqqqqq = 1\n"),
            top_level_keys()
        );
        assert_eq!(
            accepted_keys("name = \"A\"\n[address]\nqqqqqqqq = 1\n"),
            keys_of_table("address")
        );
        assert_eq!(
            accepted_keys("name = \"A\"\n[preferences]\nqqqqqqqq = 1\n"),
            keys_of_table("preferences")
        );
    }

    #[test]
    fn every_field_reads_its_own_value_from_a_contact() {
        let text = "name = \"A\"\niban = \"BE68539007547034\"\ncurrency = \"EUR\"\n\
                    [address]\ncity = \"Gent\"\n[preferences]\nnewsletter = false\n";
        let contact = read_toml::<Contact>(text).value.unwrap();
        let value = |key: &str| (by_key(key).unwrap().value)(&contact);
        assert_eq!(value("iban"), Value::Text(Some("BE68539007547034")));
        assert_eq!(value("currency"), Value::Text(Some("EUR")));
        assert_eq!(value("address.city"), Value::Text(Some("Gent")));
        assert_eq!(value("preferences.newsletter"), Value::Bool(Some(false)));
        assert_eq!(value("archived"), Value::Bool(Some(false)));
        assert_eq!(by_column("city").unwrap().key, "address.city");
    }

    #[test]
    fn each_card_line_has_its_own_rank() {
        let ranks: Vec<u8> = card_order().iter().map(|f| f.card_rank).collect();
        let mut unique = ranks.clone();
        unique.dedup();
        assert_eq!(ranks, unique, "two fields share a line of the card");
    }
}
