//! Every report's CSV and JSON have a value for every column: each CSV record has the header's
//! number of fields, each JSON object the header's keys in its order. The renderers refuse a row
//! whose cell count differs from its columns (an internal error rather than a dropped value);
//! this runs every tabular report of the demo book in both formats to show none does.

use crate::util::{folio, repo_root};

/// Every command of the demo book whose output is a table of rows under columns.
const REPORTS: &[&str] = &[
    "balance",
    "balance --payables",
    "aging",
    "aging --detail",
    "aging --detail --payables",
    "overdue",
    "credit --all",
    "credit score",
    "statement brasserie-du-sablon",
    "contact search brasserie",
    "contacts",
    "contracts",
    "metrics --window all",
    "segments",
    "segment rfm:champions --window all",
    "mailing all --window all",
    "alerts --dry-run",
    "report contribution",
    "report clv",
    "report collection",
    "remind",
    "export contacts",
    "export entries",
    "reconcile examples/bank/belgian.csv --rules examples/bank/belgian.toml",
    "reconcile examples/bank/iso.csv --rules examples/bank/iso.toml",
];

/// Reports whose JSON has a shape of its own, richer than their table's columns (an alert's
/// values, a contact as its file holds it, an entry with its metadata as an object, a bank line with all it was matched on): their rows
/// are objects, not checked against the CSV
/// header.
const OWN_JSON: &[&str] = &[
    "alerts --dry-run",
    "export contacts",
    "export entries",
    "reconcile examples/bank/belgian.csv --rules examples/bank/belgian.toml",
    "reconcile examples/bank/iso.csv --rules examples/bank/iso.toml",
];

fn run(command: &str, format: &str) -> String {
    let mut args: Vec<String> = vec!["--book".into(), "examples/demo".into()];
    args.extend(command.split(' ').map(String::from));
    args.extend(["--format", format].map(String::from));
    let output = folio()
        .current_dir(repo_root())
        .args(&args)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "folio {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The header and the field count of every record.
fn csv_shape(text: &str) -> (Vec<String>, Vec<usize>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let counts = reader.records().map(|r| r.unwrap().len()).collect();
    (header, counts)
}

#[test]
fn every_report_has_a_value_for_every_column_in_csv_and_json() {
    for command in REPORTS {
        let (header, counts) = csv_shape(&run(command, "csv"));
        assert!(!header.is_empty(), "{command}: no CSV header");
        for (row, count) in counts.iter().enumerate() {
            assert_eq!(
                *count,
                header.len(),
                "{command}: CSV record {} has {count} fields for {} columns",
                row + 1,
                header.len()
            );
        }
        let json: serde_json::Value = serde_json::from_str(&run(command, "json")).unwrap();
        let Some(rows) = json.as_array() else {
            // A report whose JSON is not flat (a statement) has its own shape.
            assert!(
                json.is_object(),
                "{command}: JSON is neither rows nor an object"
            );
            continue;
        };
        assert_eq!(
            rows.len(),
            counts.len(),
            "{command}: CSV and JSON row counts"
        );
        let expected: Vec<&String> = header.iter().collect();
        for (index, row) in rows.iter().enumerate() {
            let object = row.as_object().expect("a JSON row is an object");
            if OWN_JSON.contains(command) {
                continue;
            }
            let keys: Vec<&String> = object.keys().collect();
            assert_eq!(
                keys,
                expected,
                "{command}: JSON row {} does not have the keys of its columns",
                index + 1
            );
        }
    }
}
