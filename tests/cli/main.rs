//! Integration tests: the real `folio` binary on fixture books. One module per command.

mod util;

mod alerts;
mod analytics;
mod balance;
mod check;
mod color;
mod completions;
mod concurrency;
mod config;
mod contact;
mod contracts;
mod credit;
mod documents;
mod export;
mod fmt;
mod help;
mod html;
mod import;
mod init;
mod mailing;
mod pdf;
mod randomized;
mod reconcile;
mod record;
mod reference;
mod remind;
mod reports;
mod segments;
mod ubl;
