//! folio: a customer database and receivables/payables ledger over plain text files.
//!
//! Data flows one way: files -> [`book::Book`] -> [`ledger::Ledger`] -> report data
//! ([`report`]) -> renderer ([`output`]). Computation never prints; rendering never computes.

pub mod alloc;
pub mod book;
pub mod checks;
pub mod cli;
mod diagnostic;
pub mod document;
pub mod error;
pub mod export;
mod fsio;
mod identifiers;
pub mod import;
pub mod input;
pub mod journal;
pub mod ledger;
mod letters;
mod money;
pub mod output;
pub mod reconcile;
mod record;
pub mod report;
mod tabular;
mod template;
pub mod text;

pub use error::{Error, Result};

/// Runs folio with the process's arguments and returns the exit code.
pub fn run() -> i32 {
    alloc::map_large_blocks_apart();
    cli::main(std::env::args_os())
}
