//! `folio mailing SEGMENT`: the recipients of a campaign to a segment. Archived contacts and
//! those opted out (`preferences.newsletter = false`) are never listed, whatever the segment
//! says; members without an e-mail address are named separately.

use crate::book::Book;
use crate::tabular::{Cell, Column, Rows, Tabular};

/// One recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Contact id.
    pub contact: String,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Language for the letter, when set.
    pub language: Option<String>,
    /// Street and number.
    pub street: Option<String>,
    /// Postal code.
    pub postcode: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
}

/// The mailing list of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailing {
    /// Recipients, by contact id.
    pub recipients: Vec<Recipient>,
    /// Members that would be recipients but have no e-mail address.
    pub without_email: Vec<String>,
    /// Members left out because they opted out.
    pub opted_out: usize,
    /// Members left out because they are archived.
    pub archived: usize,
}

/// The mailing list of the members (a flag per contact of the book).
pub fn mailing(book: &Book, members: &[bool]) -> Mailing {
    let mut list = Mailing {
        recipients: Vec::new(),
        without_email: Vec::new(),
        opted_out: 0,
        archived: 0,
    };
    for (contact, _) in book
        .contacts
        .iter()
        .zip(members)
        .filter(|(_, member)| **member)
    {
        if contact.archived {
            list.archived += 1;
            continue;
        }
        if contact.preferences.newsletter == Some(false) {
            list.opted_out += 1;
            continue;
        }
        let Some(email) = contact
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        else {
            list.without_email.push(contact.id.clone());
            continue;
        };
        let address = &contact.address;
        list.recipients.push(Recipient {
            contact: contact.id.clone(),
            name: contact.name.clone(),
            email: email.to_string(),
            language: contact.language.clone(),
            street: address.street.clone(),
            postcode: address.postcode.clone(),
            city: address.city.clone(),
            region: address.region.clone(),
            country: address.country.clone(),
        });
    }
    list
}

impl Tabular for Mailing {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("contact"),
            Column::prose("name").priority(1),
            Column::prose("email"),
            Column::text("language").priority(4),
            Column::prose("street").priority(2),
            Column::text("postcode").priority(3),
            Column::prose("city").priority(3),
            Column::prose("region").priority(5),
            Column::text("country").priority(3),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        self.recipients
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.contact.clone()),
                    Cell::Text(r.name.clone()),
                    Cell::Text(r.email.clone()),
                    r.language.clone().into(),
                    r.street.clone().into(),
                    r.postcode.clone().into(),
                    r.city.clone().into(),
                    r.region.clone().into(),
                    r.country.clone().into(),
                ]
            })
            .collect()
    }
}
