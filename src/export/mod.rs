//! Exporting: contacts to a spreadsheet or an address book, entries to a spreadsheet, another
//! program, or a double-entry ledger (ledger-cli, hledger, beancount). Exporters build data and
//! write it to the writer they are given; `cli/cmd/export.rs` picks the format.

pub mod contacts;
pub mod entries;
pub mod vcard;
