//! Identifiers checked beyond their shape: tax numbers (VAT, the Chinese unified social credit
//! code), IBANs, Belgian structured communications, e-mail addresses and ISO country and currency
//! codes. Pure functions of a text; the book, the documents and the bank reconciliation use them.

pub(crate) mod codes;
pub(crate) mod creditor_reference;
pub(crate) mod email;
pub(crate) mod iban;
pub(crate) mod peppol;
pub(crate) mod structured;
pub(crate) mod vat;

pub(crate) use codes::{check_country, check_currency};
pub(crate) use email::check_email;
pub(crate) use iban::check_iban;
pub(crate) use vat::check_tax_id;
