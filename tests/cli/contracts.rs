//! `folio contracts` and contracts in `folio remind`.

use crate::util::TestBook;

fn book() -> TestBook {
    TestBook::new()
        .contact(
            "acme",
            "name = \"Acme\"\ncurrency = \"USD\"\n\n\
             [[contracts]]\nname = \"Maintenance 2026\"\nstart = 2026-01-01\nend = 2026-06-30\nnotice_days = 60\nvalue = \"12000.00\"\n\n\
             [[contracts]]\nname = \"Hosting\"\nstart = 2025-01-01\nend = 2025-12-31\n",
        )
        .contact(
            "beta",
            "name = \"Beta\"\n\n[[contracts]]\nname = \"Lease\"\nstart = 2026-07-01\nend = 2027-06-30\nnotice_days = 90\n",
        )
}

#[test]
fn lists_every_contract_by_end_date_with_its_status() {
    let rows = book().json(&["contracts", "--as-of", "2026-05-15"]);
    let rows = rows.as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["contract"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["notice_by"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Hosting", "ended", "2025-12-01"),
            ("Maintenance 2026", "notice", "2026-05-01"),
            ("Lease", "upcoming", "2027-04-01"),
        ]
    );
    assert_eq!(rows[1]["value"], "12000.00");
    assert_eq!(rows[1]["currency"], "USD");
    assert_eq!(rows[1]["days_to_end"], 46);
    assert_eq!(rows[1]["notice_days"], 60);
    assert_eq!(rows[0]["value"], serde_json::Value::Null);
    assert_eq!(rows[0]["notice_days"], 30, "default notice period");
}

#[test]
fn expiring_keeps_contracts_ending_within_the_period() {
    let book = book();
    let rows = book.json(&["contracts", "--as-of", "2026-05-15", "--expiring", "60d"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["contract"], "Maintenance 2026");
    let rows = book.json(&["contracts", "--as-of", "2026-05-15", "--expiring", "6w"]);
    assert_eq!(rows.as_array().unwrap().len(), 0);
    let output = book
        .folio(&["contracts", "--expiring", "soon"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let csv = book.stdout(&["contracts", "--as-of", "2026-05-15", "--format", "csv"]);
    assert!(csv.starts_with("contact,name,contract,start,end,notice_days,notice_by,days_to_end,value,currency,status\n"), "{csv}");
}

#[test]
fn remind_lists_contracts_in_their_notice_window() {
    let book = book();
    let before = book.json(&["remind", "--as-of", "2026-04-30"]);
    assert_eq!(before.as_array().unwrap().len(), 0);
    for day in ["2026-05-01", "2026-06-30"] {
        let rows = book.json(&["remind", "--as-of", day]);
        assert_eq!(rows.as_array().unwrap().len(), 1, "{day}");
        assert_eq!(rows[0]["kind"], "contract");
        assert_eq!(rows[0]["document"], "Maintenance 2026");
        assert_eq!(rows[0]["level"], "notice");
        assert_eq!(rows[0]["due"], "2026-06-30");
    }
    let after = book.json(&["remind", "--as-of", "2026-07-01"]);
    assert_eq!(after.as_array().unwrap().len(), 0);
}

#[test]
fn a_contract_that_ends_before_it_starts_is_an_error() {
    let book = TestBook::new().contact(
        "acme",
        "name = \"Acme\"\n[[contracts]]\nname = \"X\"\nstart = 2026-02-01\nend = 2026-01-01\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("contacts/acme.toml:"), "{stderr}");
    assert!(
        stderr.contains("ends (2026-01-01) before it starts (2026-02-01)"),
        "{stderr}"
    );
    let typo = TestBook::new().contact(
        "acme",
        "name = \"Acme\"\n[[contracts]]\nname = \"X\"\nstart = 2026-01-01\nend = 2026-12-31\nnotice = 30\n",
    );
    let output = typo.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("notice"), "{stderr}");
}
