//! folio.toml and contact files: the positioned TOML reader (`read_toml`), which retries after
//! each problem, on arbitrary text; the contact validation of `folio contact set/edit`; the
//! segment and analytics checks of folio.toml.
//!
//! Beyond "never panics": every problem is placed inside the text, and the reader agrees with
//! plain serde (the loader reads valid contact files with plain serde for speed, and `folio
//! check` with `read_toml`; if they disagreed a report and `check` would disagree too).
#![no_main]

use folio::book::edit::{self, ContactDocument};
use folio::book::{Config, Contact, read_toml};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    if selector & 1 == 0 {
        contact(&text);
    } else {
        config(&text);
    }
});

fn contact(text: &str) {
    let read = read_toml::<Contact>(text);
    for problem in &read.problems {
        assert!(problem.offset <= text.len(), "{problem:?}");
        assert!(!problem.message.is_empty());
    }
    let plain = toml::from_str::<Contact>(text);
    if plain.is_ok() {
        assert!(
            read.problems.is_empty() && read.value.is_some(),
            "serde reads it, read_toml finds {:?}",
            read.problems
        );
    } else {
        assert!(
            !read.problems.is_empty(),
            "serde refuses it ({:?}), read_toml finds nothing",
            plain.err()
        );
    }
    let shown = Path::new("contacts/acme.toml");
    let before = edit::parse_contact(text);
    let _ = edit::validate(text, shown, "acme", before.as_ref());
    if let Ok(mut doc) = ContactDocument::parse(text) {
        // An edit of a file that was valid must leave a file that reads back with the new value.
        let _ = doc.set("address.city", "Gent");
        let _ = doc.set("tags", "vip, wholesale");
        let edited = doc.text();
        let _ = edit::validate(&edited, shown, "acme", before.as_ref());
        if plain.is_ok()
            && let Ok(after) = toml::from_str::<Contact>(&edited)
        {
            assert_eq!(after.address.city.as_deref(), Some("Gent"));
        }
    }
}

fn config(text: &str) {
    let read = read_toml::<Config>(text);
    for problem in &read.problems {
        assert!(problem.offset <= text.len(), "{problem:?}");
    }
    if toml::from_str::<Config>(text).is_ok() {
        assert!(read.problems.is_empty(), "{:?}", read.problems);
    }
    if let Some(config) = read.value {
        let diagnostics =
            folio::report::segments::check_config(&config, text, Path::new("folio.toml"));
        for diagnostic in diagnostics {
            assert!(diagnostic.line as usize <= text.split('\n').count());
        }
    }
}
