//! One module per subcommand. Each has an `Args` (clap) and a `run` function that takes the
//! loaded book and a writer.

pub mod aging;
pub mod balance;
pub mod check;
pub mod contact;
pub mod contacts;
pub mod contracts;
pub mod credit;
pub mod entry;
pub mod explain;
pub mod fmt;
pub mod init;
pub mod items;
pub mod mailing;
pub mod metrics;
pub mod overdue;
pub mod quote;
pub mod remind;
pub mod render;
pub mod report;
pub mod segment;
pub mod segments;
pub mod statement;
pub mod void;
