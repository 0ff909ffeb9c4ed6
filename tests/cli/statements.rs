//! Every statement of the test corpus (tests/fixtures/statements/<format>/, each written from its
//! format's specification with the expected transactions beside it) read through the command
//! line: the format detected from the content, and each line's date, amount, currency,
//! counterparty and communication as `folio reconcile FILE --show-parsed` gives them.

use crate::util::{TestBook, repo_root};
use serde_json::Value;
use std::path::PathBuf;

/// The statements of the corpus with their expected transactions, by format folder.
fn corpus() -> Vec<(String, PathBuf, Value)> {
    let root = repo_root().join("tests/fixtures/statements");
    let mut found = Vec::new();
    for folder in std::fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        let format = folder.file_name().unwrap().to_string_lossy().into_owned();
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".expected.json") {
                continue;
            }
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem);
            let expected = folder.join(format!("{stem}.expected.json"));
            if let Ok(text) = std::fs::read_to_string(&expected) {
                // An array of lines, or an object with the statement's account and its `lines`.
                let value: Value = serde_json::from_str(&text).unwrap();
                let lines = match value.get("lines") {
                    Some(lines) => lines.clone(),
                    None => value,
                };
                found.push((format.clone(), path, lines));
            }
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

/// What a comparison looks at in one transaction; the amount as a number (the corpus writes it
/// as the statement does, `20`; folio with at least two decimals, `20.00`).
fn key_fields(line: &Value) -> Vec<Value> {
    let amount: rust_decimal::Decimal = line["amount"].as_str().unwrap().parse().unwrap();
    let mut fields = vec![Value::from(amount.normalize().to_string())];
    fields.extend(
        ["date", "currency", "counterparty", "communication"]
            .iter()
            .map(|key| line[*key].clone()),
    );
    fields
}

#[test]
fn every_statement_of_the_corpus_reads_as_expected_through_reconcile() {
    let corpus = corpus();
    assert!(corpus.len() >= 10, "the corpus is there: {}", corpus.len());
    let book = TestBook::new();
    for (format, path, expected) in corpus {
        let parsed = book.json(&["reconcile", path.to_str().unwrap(), "--show-parsed"]);
        let lines = parsed.as_array().unwrap();
        let detected = lines.first().map(|line| line["format"].clone());
        if let Some(detected) = detected {
            let detected = detected.as_str().unwrap().replace('.', "");
            assert!(
                detected.starts_with(&format),
                "{}: read as {detected}, in folder {format}",
                path.display()
            );
        }
        let got: Vec<Vec<Value>> = lines.iter().map(key_fields).collect();
        let want: Vec<Vec<Value>> = expected
            .as_array()
            .unwrap()
            .iter()
            .map(key_fields)
            .collect();
        assert_eq!(got, want, "{}", path.display());
    }
}
