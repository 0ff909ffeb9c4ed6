//! Integration tests: the real `folio` binary on fixture books. One module per command.

mod util;

mod alerts;
mod analytics;
mod arithmetic;
mod balance;
mod check;
mod color;
mod completions;
mod concurrency;
mod config;
mod confinement;
mod contact;
mod contracts;
mod crash;
mod credit;
mod documents;
mod export;
mod fmt;
mod help;
mod hostile;
mod html;
mod import;
mod init;
mod mailing;
mod pdf;
mod properties;
mod randomized;
mod reconcile;
mod record;
mod reference;
mod remind;
mod reports;
mod segments;
mod ubl;
mod untrusted_text;
