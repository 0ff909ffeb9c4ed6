//! One module per subcommand. Each has an `Args` (clap) and a `run` function that takes the
//! loaded book and a writer.

pub mod aging;
pub mod balance;
pub mod check;
pub mod explain;
pub mod init;
pub mod overdue;
pub mod statement;
