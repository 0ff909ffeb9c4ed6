//! Importing: contacts from a spreadsheet or another CRM, entries from another accounting
//! system, supplier invoices received as UBL. Importers read and check; they return what they would write, and `cli/cmd/import.rs`
//! writes it under the book's lock.

pub mod contacts;
pub mod entries;
pub mod rates;
pub mod rules;
pub mod ubl;
