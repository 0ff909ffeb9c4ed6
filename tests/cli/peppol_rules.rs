//! folio's own check of EN 16931 and Peppol BIS 3.0 rules agrees with the official rules.
//!
//! - Peppol's official example documents (read from `../shared/peppol/examples`, never copied
//!   into the repository) pass folio's check exactly when the official rules pass them.
//! - Each deliberately broken document of `tests/fixtures/peppol/` (folio-style UBL edited by
//!   hand, one per rule) is refused by folio with exactly the fatal rules the official
//!   Schematron fired on it, as recorded in `tests/fixtures/peppol/expected.txt` (measured with
//!   the official artefacts of Peppol BIS Billing 3.0.19; see the README there).

use crate::util::{repo_root, skipped};
use folio::document::ubl;
use std::collections::BTreeSet;

/// The fatal rules folio's check finds in `xml`.
fn folio_rules(xml: &str) -> BTreeSet<String> {
    ubl::check(xml).iter().map(|v| v.rule.to_string()).collect()
}

/// The fixtures' expected rules: `file: RULE RULE ...` per line (`-` when the document passes).
fn expected() -> Vec<(String, BTreeSet<String>)> {
    let manifest =
        std::fs::read_to_string(repo_root().join("tests/fixtures/peppol/expected.txt")).unwrap();
    manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (file, rules) = line.split_once(':').expect("file: rules");
            let rules = rules
                .split_whitespace()
                .filter(|r| *r != "-")
                .map(str::to_string)
                .collect();
            (file.trim().to_string(), rules)
        })
        .collect()
}

#[test]
fn the_official_peppol_examples_pass_folios_check() {
    let examples = repo_root().join("../shared/peppol/examples");
    let Ok(entries) = std::fs::read_dir(&examples) else {
        skipped(&format!(
            "{} is absent (Peppol's official examples)",
            examples.display()
        ));
        return;
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let xml = std::fs::read_to_string(&path).unwrap();
        let violations = ubl::check(&xml);
        assert!(
            violations.is_empty(),
            "{} passes the official rules, folio says {violations:?}",
            path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 20,
        "only {checked} official examples found in {}",
        examples.display()
    );
}

#[test]
fn broken_documents_are_refused_with_the_rules_the_official_validator_fires() {
    let fixtures = repo_root().join("tests/fixtures/peppol");
    let expected = expected();
    assert!(
        expected.len() >= 40,
        "the manifest lists {} documents",
        expected.len()
    );
    let mut disagreements = Vec::new();
    for (file, official) in &expected {
        let xml = std::fs::read_to_string(fixtures.join(file)).unwrap();
        let found = folio_rules(&xml);
        if &found != official {
            disagreements.push(format!("{file}: official {official:?}, folio {found:?}"));
        }
    }
    assert!(
        disagreements.is_empty(),
        "folio and the official rules disagree:\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn every_rule_a_fixture_breaks_is_listed_in_folios_rules() {
    let listed: BTreeSet<&str> = ubl::RULES.iter().map(|(id, _)| *id).collect();
    let fired: BTreeSet<String> = expected()
        .into_iter()
        .flat_map(|(_, rules)| rules)
        .collect();
    assert!(
        fired.len() >= 100,
        "the fixtures break only {} rules",
        fired.len()
    );
    for rule in &fired {
        assert!(
            listed.contains(rule.as_str()),
            "{rule} fires on a fixture but is not in ubl::RULES"
        );
    }
}
