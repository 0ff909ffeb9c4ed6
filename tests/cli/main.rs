//! Integration tests: the real `folio` binary on fixture books. One module per command.

mod util;

mod analytics;
mod balance;
mod check;
mod concurrency;
mod contact;
mod contracts;
mod credit;
mod fmt;
mod init;
mod mailing;
mod randomized;
mod record;
mod reference;
mod remind;
mod reports;
mod segments;
mod documents;
mod pdf;
mod ubl;
