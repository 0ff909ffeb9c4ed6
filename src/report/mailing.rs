//! `folio mailing SEGMENT`: the recipients of a campaign to a segment. Archived contacts and
//! those opted out (`preferences.newsletter = false`) are never listed, whatever the segment
//! says. By e-mail, members without an e-mail address are named separately; by post
//! (`--postal`), the members without one are the recipients, when their address is complete
//! (street, postcode, city and country), and the others are named.

use crate::book::Book;
use crate::book::contact::Address;
use crate::tabular::{Cell, Column, Rows, Tabular};

/// One recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Contact id.
    pub contact: String,
    /// Name.
    pub name: String,
    /// E-mail address (none in a postal mailing).
    pub email: Option<String>,
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
    /// By e-mail: members that would be recipients but have no e-mail address.
    pub without_email: Vec<String>,
    /// By e-mail: how many of `without_email` have a full postal address (`--postal` lists them).
    pub postal: usize,
    /// By post: members without an e-mail address whose postal address is incomplete.
    pub without_address: Vec<String>,
    /// By post: members left out because they have an e-mail address.
    pub by_email: usize,
    /// Members left out because they opted out.
    pub opted_out: usize,
    /// Members left out because they are archived.
    pub archived: usize,
}

/// How a mailing goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// To the members with an e-mail address.
    Email,
    /// By post, to the members without one and with a full address.
    Postal,
}

/// A postal address complete enough to post a letter to: street, postcode, city and country.
pub fn is_full_address(address: &Address) -> bool {
    [
        &address.street,
        &address.postcode,
        &address.city,
        &address.country,
    ]
    .into_iter()
    .all(|part| part.as_deref().is_some_and(|p| !p.trim().is_empty()))
}

/// The mailing list of the members (a flag per contact of the book), by e-mail or by post.
pub fn mailing(book: &Book, members: &[bool], channel: Channel) -> Mailing {
    let mut list = Mailing {
        recipients: Vec::new(),
        without_email: Vec::new(),
        postal: 0,
        without_address: Vec::new(),
        by_email: 0,
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
        let email = contact
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let full = is_full_address(&contact.address);
        match (channel, email) {
            (Channel::Email, None) => {
                list.without_email.push(contact.id.clone());
                list.postal += usize::from(full);
                continue;
            }
            (Channel::Postal, Some(_)) => {
                list.by_email += 1;
                continue;
            }
            (Channel::Postal, None) if !full => {
                list.without_address.push(contact.id.clone());
                continue;
            }
            (Channel::Email, Some(_)) | (Channel::Postal, None) => {}
        }
        let address = &contact.address;
        list.recipients.push(Recipient {
            contact: contact.id.clone(),
            name: contact.name.clone(),
            email: email.map(str::to_string),
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
                    Cell::from(r.contact.clone()),
                    Cell::from(r.name.clone()),
                    r.email.clone().into(),
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
