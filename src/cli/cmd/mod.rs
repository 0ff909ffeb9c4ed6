//! One module per subcommand. Each has an `Args` (clap) and a `run` function that takes the
//! loaded book and a writer.

pub mod aging;
pub mod alerts;
pub mod balance;
pub mod check;
pub mod company;
pub mod completions;
pub mod contact;
pub mod contacts;
pub mod contracts;
pub mod credit;
pub mod documents;
pub mod entries;
pub mod entry;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod help;
pub mod import;
pub mod init;
pub mod mailing;
pub mod man;
pub mod metrics;
pub mod notes;
pub mod overdue;
pub mod quote;
pub mod reconcile;
pub mod recur;
pub mod remind;
pub mod render;
pub mod report;
pub mod segment;
pub mod segments;
pub mod statement;
pub mod vat;
pub mod void;
