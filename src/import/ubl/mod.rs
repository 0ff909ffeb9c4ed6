//! `folio import ubl FILE|DIR...`: supplier invoices and credit notes received as Peppol BIS 3.0
//! (UBL 2.1) XML, recorded as `bill` and `debit` entries.
//!
//! Each file is read and checked on its own ([`parse`]: well-formed UBL, every amount readable
//! and in the document currency, lines, allowances, charges, VAT breakdown and totals adding up as
//! EN 16931's BR-CO-10 to BR-CO-16 say); its seller is matched to a contact by Peppol id, VAT
//! number, then name ([`supplier`]); it becomes an entry whose id is the supplier's number
//! ([`entry`]); its XML is kept under `documents/received/<supplier>/` with its embedded files
//! beside it ([`attachments`]). [`plan()`] does all of this for every file of a run before anything is
//! written, so one refused file leaves the book untouched; the command writes the plan under the
//! book's lock.

mod attachments;
mod entry;
mod parse;
mod plan;
mod supplier;

pub use plan::{Input, Options, Plan, Planned, Recorded, inputs, plan};
