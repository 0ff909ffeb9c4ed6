//! The OFX 1.x (SGML) and 2.x (XML) reader on arbitrary bytes, as `folio reconcile` reads a
//! statement.
//!
//! Beyond "never panics": a statement read has only lines with a currency, a date from 1970 on,
//! and no control character in any text; a statement refused says where, with at least one
//! error.
#![no_main]

#[path = "common/statement.rs"]
mod statement;

use folio::input::statement::ofx;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = ofx::looks_like(data);
    statement::check(ofx::read(data, Path::new("statement.ofx")));
});
