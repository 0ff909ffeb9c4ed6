//! Identifiers checked beyond their shape: tax numbers (VAT, the Chinese unified social credit
//! code), IBANs, Belgian structured communications, e-mail addresses and ISO country and currency
//! codes. Pure functions of a text; the book, the documents and the bank reconciliation use them.

pub mod codes;
pub mod email;
pub mod iban;
pub mod structured;
pub mod vat;

pub use codes::{check_country, check_currency};
pub use email::check_email;
pub use iban::check_iban;
pub use vat::{TaxId, check_tax_id, check_uscc};
