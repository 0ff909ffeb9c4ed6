//! Integration tests: the real `folio` binary on fixture books. One module per command.

mod util;

mod balance;
mod check;
mod init;
mod randomized;
mod reference;
mod reports;
