//! Integration tests: the real `folio` binary on fixture books. One module per command.

mod util;

mod alerts;
mod analytics;
mod balance;
mod check;
mod concurrency;
mod confinement;
mod contact;
mod contracts;
mod crash;
mod credit;
mod export;
mod fmt;
mod import;
mod html;
mod init;
mod mailing;
mod randomized;
mod reconcile;
mod record;
mod reference;
mod remind;
mod reports;
mod segments;
mod documents;
mod pdf;
mod properties;
mod ubl;
mod color;
mod completions;
mod config;
mod help;
mod hostile;
