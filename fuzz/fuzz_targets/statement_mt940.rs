//! The Mt940 statement reader on arbitrary bytes, as `folio reconcile` gives it a file.
//!
//! Beyond "never panics": a statement read has only dates from 1970 to 2070 (the two-digit
//! year pivot; an entry date may fall in the year after its value date), amounts of at most
//! four decimals (folio's limit), no control character in any text, and lines
//! whose places are inside the file.
#![no_main]

use folio::input::statement::{Format, mt940};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let _ = mt940::looks_like(data);
    let Ok(statement) = mt940::read(data, Path::new("fuzz")) else {
        return;
    };
    assert_eq!(statement.format, Format::Mt940);
    let lines_in_file = data.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    for line in &statement.lines {
        for date in std::iter::once(line.date).chain(line.value_date) {
            let year = chrono::Datelike::year(&date);
            assert!((1970..=2070).contains(&year), "date {date}");
        }
        assert!(line.amount.scale() <= 4, "amount {}", line.amount);
        for text in [&line.counterparty, &line.communication] {
            assert!(!text.chars().any(char::is_control), "{text:?}");
        }
        assert!(line.place.line >= 1 && line.place.line <= lines_in_file);
    }
});
