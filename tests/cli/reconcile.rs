//! `folio reconcile`: the labelled example statements (precision and recall), applying and
//! re-applying, lines already booked, structured communications, IBANs and encodings.

use crate::export::copy_dir;
use crate::util::{TestBook, repo_root};
use std::collections::{BTreeMap, BTreeSet};

struct Label {
    statement: String,
    row: u64,
    expect_match: bool,
    kind: String,
    contact: String,
    documents: Vec<String>,
    entry: String,
}

fn labels() -> Vec<Label> {
    let text = std::fs::read_to_string(repo_root().join("examples/bank/answers.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let c: Vec<&str> = line.split(',').collect();
            Label {
                statement: c[0].into(),
                row: c[1].parse().unwrap(),
                expect_match: c[3] == "match",
                kind: c[4].into(),
                contact: c[5].into(),
                documents: c[6].split_whitespace().map(str::to_string).collect(),
                entry: c[7].into(),
            }
        })
        .collect()
}

/// The demo book without the entries the statements stand for.
fn book_without_statement_entries(labels: &[Label]) -> TestBook {
    let book = TestBook::new();
    copy_dir(&repo_root().join("examples/demo"), book.path());
    let remove: BTreeSet<&str> = labels
        .iter()
        .map(|l| l.entry.as_str())
        .filter(|e| !e.is_empty())
        .collect();
    for item in std::fs::read_dir(book.path().join("journal")).unwrap() {
        let path = item.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: String = text
            .split_inclusive('\n')
            .filter(|line| {
                line.split_whitespace()
                    .nth(2)
                    .is_none_or(|id| !remove.contains(id))
            })
            .collect();
        std::fs::write(&path, kept).unwrap();
    }
    book
}

fn statement_args(name: &str) -> Vec<String> {
    let dir = repo_root().join("examples/bank");
    let mut args = vec![
        "reconcile".to_string(),
        dir.join(format!("{name}.csv"))
            .to_str()
            .unwrap()
            .to_string(),
        "--as-of".into(),
        "2026-11-25".into(),
    ];
    if name == "belgian" {
        args.push("--rules".into());
        args.push(dir.join("belgian.toml").to_str().unwrap().to_string());
    }
    args
}

fn reconcile(book: &TestBook, name: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = statement_args(name);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    book.json(&args)
}

#[test]
#[allow(clippy::print_stdout)] // the measured precision and recall, for the record
fn labelled_statements_precision_recall_apply_and_reapply() {
    let labels = labels();
    assert!(labels.iter().filter(|l| l.expect_match).count() >= 150);
    let book = book_without_statement_entries(&labels);
    let by_row: BTreeMap<(&str, u64), &Label> = labels
        .iter()
        .map(|l| ((l.statement.as_str(), l.row), l))
        .collect();
    let (mut correct, mut proposed, mut expected) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for name in ["belgian", "iso"] {
        let lines = reconcile(&book, name, &[]);
        let lines = lines.as_array().unwrap();
        assert_eq!(
            lines.len(),
            labels.iter().filter(|l| l.statement == name).count()
        );
        for line in lines {
            let label = by_row[&(name, line["row"].as_u64().unwrap())];
            let is_proposed = line["status"] == "matched";
            let documents: Vec<&str> = line["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["document"].as_str().unwrap())
                .collect();
            proposed += usize::from(is_proposed);
            expected += usize::from(label.expect_match);
            let right = label.expect_match
                && is_proposed
                && line["kind"] == label.kind.as_str()
                && line["contact"] == label.contact.as_str()
                && documents
                    .iter()
                    .all(|d| label.documents.iter().any(|l| l == d));
            if right {
                correct += 1;
            } else if is_proposed || label.expect_match {
                wrong.push(format!("{name} row {}: {}", label.row, line["reason"]));
            }
        }
    }
    let precision = correct as f64 / proposed as f64;
    let recall = correct as f64 / expected as f64;
    println!(
        "reconcile on examples/bank: precision {precision:.3} ({correct}/{proposed}), recall {recall:.3} ({correct}/{expected})"
    );
    assert!(precision >= 0.95 && recall >= 0.95, "{wrong:#?}");

    // Apply everything proposed: the book then holds what the demo book holds.
    for name in ["belgian", "iso"] {
        let applied = reconcile(&book, name, &["--apply", "--min-confidence", "0.5"]);
        assert!(
            applied
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["status"] != "matched")
        );
    }
    // The applied entries raise no warning: the book warns exactly as the demo it was cut from
    // (whose contacts may read a language folio has no texts for yet).
    let demo = TestBook::new();
    copy_dir(&repo_root().join("examples/demo"), demo.path());
    let warnings = |text: String| text.rsplit_once(", ").map(|(_, count)| count.to_string());
    assert_eq!(
        warnings(book.stdout(&["check"])),
        warnings(demo.stdout(&["check"]))
    );
    for side in [&[][..], &["--payables"][..]] {
        let mut args = vec!["balance", "--as-of", "2026-11-25"];
        args.extend_from_slice(side);
        assert_eq!(book.json(&args), demo.json(&args), "{side:?}");
    }
    // A second --apply adds nothing.
    let journal = |book: &TestBook| {
        std::fs::read_dir(book.path().join("journal"))
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect::<Vec<_>>()
            .concat()
    };
    let before = journal(&book);
    for name in ["belgian", "iso"] {
        let again = reconcile(&book, name, &["--apply", "--min-confidence", "0.5"]);
        for line in again.as_array().unwrap() {
            assert!(
                line["status"] == "already-applied" || line["status"] == "unmatched",
                "{line}"
            );
        }
    }
    assert_eq!(journal(&book), before);
}

#[test]
fn on_the_demo_book_every_payment_is_found_already_booked() {
    let labels = labels();
    let demo = TestBook::new();
    copy_dir(&repo_root().join("examples/demo"), demo.path());
    for name in ["belgian", "iso"] {
        for line in reconcile(&demo, name, &[]).as_array().unwrap() {
            let label = labels
                .iter()
                .find(|l| l.statement == name && l.row == line["row"].as_u64().unwrap())
                .unwrap();
            if label.expect_match {
                assert_eq!(line["status"], "recorded", "{line}");
                assert_eq!(line["entries"][0], label.entry.as_str(), "{line}");
            } else {
                assert_eq!(line["status"], "unmatched", "{line}");
            }
        }
    }
}

fn small_book() -> TestBook {
    TestBook::new()
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\niban = \"BE68 5390 0754 7034\"\n",
        )
        .contact("beta", "name = \"Brasserie Beta SRL\"\n")
        .contact(
            "paper",
            "name = \"Papeterie Moreau SAS\"\nroles = [\"supplier\"]\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 acme 1210.00\n\
             2026-01-06 invoice INV-2026-0002 acme 500.00\n\
             2026-01-07 invoice INV-2026-0003 beta 300.00\n\
             2026-01-08 invoice INV-2026-0004 beta 200.00\n\
             2026-01-09 bill FA-77 paper 89.90\n\
             2026-01-10 invoice INV-2026-0005 acme 42.00\n",
        )
}

#[test]
fn each_rule_finds_its_line_and_apply_records_ref_and_bank() {
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;name;iban;communication;id\n\
         2026-02-01;1.210,00;ACME;;Invoice inv 2026 0001;T1\n\
         2026-02-02;500,00;SOMEBODY;BE68 5390 0754 7034;thanks;T2\n\
         2026-02-03;500,00;BRASSERIE BETA;;;T3\n\
         2026-02-04;-89,90;PAPETERIE MOREAU;;paiement;T4\n\
         2026-02-05;42,00;X;;+++002/0260/00503+++;T5\n\
         2026-02-05;42,00;X;;+++002/0260/00504+++;T6\n\
         2026-02-06;-7,50;;;frais;T7\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let lines = book.json(&["reconcile", path, "--as-of", "2026-03-01"]);
    let rule = |i: usize| lines[i]["rule"].as_str().unwrap_or("-").to_string();
    assert_eq!(rule(0), "document-id");
    assert_eq!(lines[0]["documents"][0]["document"], "INV-2026-0001");
    assert_eq!(rule(1), "iban");
    assert_eq!(lines[1]["documents"][0]["document"], "INV-2026-0002");
    assert_eq!(rule(2), "combination");
    assert_eq!(lines[2]["contact"], "beta");
    assert_eq!(rule(3), "name-amount");
    assert_eq!(lines[3]["kind"], "payout");
    assert_eq!(rule(4), "structured-communication");
    assert_eq!(lines[4]["documents"][0]["document"], "INV-2026-0005");
    assert_eq!(lines[5]["status"], "unmatched");
    assert!(
        lines[5]["reason"]
            .as_str()
            .unwrap()
            .contains("fails its check: it should end in 03"),
        "{}",
        lines[5]
    );
    assert_eq!(lines[6]["status"], "unmatched");

    let applied = book.json(&["reconcile", path, "--as-of", "2026-03-01", "--apply"]);
    let statuses: Vec<&str> = applied
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "applied",
            "applied",
            "applied",
            "applied",
            "applied",
            "unmatched",
            "unmatched"
        ]
    );
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains(
            "2026-02-01 payment PAY-2026-00001 acme 1210.00 EUR ref:INV-2026-0001 bank:T1 ; ACME: Invoice inv 2026 0001\n"
        ),
        "{journal}"
    );
    assert!(
        journal.contains(
            "2026-02-03 payment PAY-2026-00003 beta 300.00 EUR ref:INV-2026-0003 bank:T3"
        ),
        "{journal}"
    );
    assert!(
        journal.contains(
            "2026-02-03 payment PAY-2026-00004 beta 200.00 EUR ref:INV-2026-0004 bank:T3"
        ),
        "{journal}"
    );
    assert!(
        journal.contains("2026-02-04 payout OUT-2026-00001 paper 89.90 EUR ref:FA-77 bank:T4"),
        "{journal}"
    );
    let again = book.json(&["reconcile", path, "--as-of", "2026-03-01", "--apply"]);
    assert_eq!(again[2]["status"], "already-applied");
    assert_eq!(
        again[2]["entries"],
        serde_json::json!(["PAY-2026-00003", "PAY-2026-00004"])
    );
    assert_eq!(
        std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap(),
        journal
    );
}

#[test]
fn lines_without_a_transaction_id_are_told_apart_by_hash() {
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date,amount,name,communication\n2026-02-01,42.00,ACME,INV-2026-0005\n2026-02-01,42.00,ACME,INV-2026-0005\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let applied = book.json(&["reconcile", path, "--apply", "--as-of", "2026-03-01"]);
    assert_eq!(applied[0]["status"], "applied");
    assert_eq!(
        applied[1]["status"], "applied",
        "the second transfer is money too"
    );
    let id = applied[0]["bank_id"].as_str().unwrap();
    assert_eq!(applied[1]["bank_id"], format!("{id}-2"));
    let again = book.json(&["reconcile", path, "--apply", "--as-of", "2026-03-01"]);
    assert_eq!(again[0]["status"], "already-applied");
    assert_eq!(again[1]["status"], "already-applied");
}

#[test]
fn latin1_statements_and_rules_errors() {
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        b"Datum;Bedrag;Naam;Mededeling\n01/02/2026;1210,00;CAF\xc9 ACME;Facture INV-2026-0001\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let output = book
        .folio(&["reconcile", path, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not UTF-8: read as windows-1252"));
    let lines: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(lines[0]["counterparty"], "CAFÉ ACME");
    assert_eq!(lines[0]["date"], "2026-02-01");
    let rules = book.path().join("bank.toml");
    std::fs::write(
        &rules,
        "encoding = \"latin1\"\n[columns]\ndat = \"Datum\"\n",
    )
    .unwrap();
    let output = book
        .folio(&["reconcile", path, "--rules", rules.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bank.toml:3:7: error: unknown key `columns.dat`; did you mean `date`?"),
        "{stderr}"
    );
}

#[test]
fn check_warns_about_an_invalid_iban() {
    let book = TestBook::new().contact("acme", "name = \"Acme\"\niban = \"BE69 5390 0754 7034\"\n");
    let output = book.folio(&["check"]).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("contacts/acme.toml:2:8: warning: invalid IBAN `BE69 5390 0754 7034`: the check digits are 69, expected 68"),
        "{stderr}"
    );
    assert_eq!(
        book.folio(&["check", "--strict"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(1)
    );
    let set = book
        .folio(&["contact", "set", "acme", "iban=BE00 1234"])
        .output()
        .unwrap();
    assert_eq!(set.status.code(), Some(65));
    book.stdout(&["contact", "set", "acme", "iban=BE68 5390 0754 7034"]);
    assert!(
        book.folio(&["check", "--strict"])
            .output()
            .unwrap()
            .status
            .success()
    );
}

/// A bank statement read from a named pipe whose writer never stops (`yes` writing statement lines)
/// stops at the CSV limit instead of filling the memory.
#[cfg(unix)]
#[test]
fn a_statement_from_a_pipe_that_never_ends_stops_at_the_csv_limit() {
    let book = small_book();
    let pipe = book.path().join("bank.csv");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let mut writer = std::process::Command::new("sh")
        .arg("-c")
        .arg("yes '2026-02-01;1.210,00;ACME;;Invoice inv 2026 0001;T1' > \"$0\"")
        .arg(&pipe)
        .spawn()
        .unwrap();
    let output = book
        .folio(&["reconcile", pipe.to_str().unwrap(), "--as-of", "2026-03-01"])
        .output()
        .unwrap();
    // The writer ends on the closed pipe; it is stopped too in case folio never opened it.
    let _ = writer.kill();
    let _ = writer.wait();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains("bank.csv: larger than 256 MiB, the most folio reads from a CSV file"),
        "{stderr}"
    );
}

fn failure(book: &TestBook, args: &[&str]) -> (i32, String, String) {
    let output = book.folio(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn journals(book: &TestBook) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(book.path().join("journal"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_two_digit_year_is_never_written_as_a_year_before_1970() {
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Buchungstag;Betrag;Name;Verwendungszweck\n28.03.18;1.210,00;ACME;INV-2026-0001\n26.11.26;500,00;ACME;INV-2026-0002\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let parsed = book.json(&["reconcile", path, "--show-parsed"]);
    assert_eq!(parsed[0]["date"], "2018-03-28");
    assert_eq!(parsed[1]["date"], "2026-11-26");
    let applied = book.json(&["reconcile", path, "--apply", "--as-of", "2026-12-01"]);
    assert_eq!(applied[0]["date"], "2018-03-28");
    assert_eq!(journals(&book), ["2018.journal", "2026.journal"]);

    let entries = book.path().join("entries.csv");
    std::fs::write(
        &entries,
        "id,date,kind,contact,amount\nINV-9,26/11/26,invoice,acme,10.00\nINV-8,28/03/18,invoice,acme,10.00\n",
    )
    .unwrap();
    book.stdout(&["import", "entries", entries.to_str().unwrap()]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("2026-11-26 invoice INV-9 acme"),
        "{journal}"
    );
    assert_eq!(journals(&book), ["2018.journal", "2026.journal"]);
    book.stdout(&["check", "--strict"]);
}

#[test]
fn a_year_before_1970_is_refused_by_import_and_reconcile() {
    let book = small_book();
    let entries = book.path().join("entries.csv");
    std::fs::write(
        &entries,
        "id,date,kind,contact,amount\nINV-9,2026-11-26,invoice,acme,10.00\nINV-8,0026-11-26,invoice,acme,10.00\n",
    )
    .unwrap();
    let (code, _, stderr) = failure(&book, &["import", "entries", entries.to_str().unwrap()]);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("before 1970"), "{stderr}");
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;name\n2026-02-01;1210,00;ACME\n1969-12-31;500,00;ACME\n",
    )
    .unwrap();
    let (code, _, stderr) = failure(&book, &["reconcile", csv.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 65, "{stderr}");
    assert!(stderr.contains("bank.csv:3:1: error"), "{stderr}");
    assert!(stderr.contains("before 1970"), "{stderr}");
    assert_eq!(journals(&book), ["2026.journal"]);
}

#[test]
fn a_statement_with_an_unreadable_line_applies_nothing_and_lists_every_problem() {
    let book = small_book();
    let before = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;name;communication\n2026-02-01;1210,00;ACME;INV-2026-0001\n2026-02-31;500,00;ACME;x\n2026-02-03;lots;ACME;y\n2026-02-04;42,00;ACME;INV-2026-0005\n",
    )
    .unwrap();
    let (code, stdout, stderr) = failure(&book, &["reconcile", csv.to_str().unwrap(), "--apply"]);
    assert_eq!(code, 65, "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("bank.csv:3:1: error"), "{stderr}");
    assert!(stderr.contains("bank.csv:4:12: error"), "{stderr}");
    assert!(
        stderr.contains("nothing was matched or applied"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(after, before);
}

#[test]
fn lines_sharing_one_bank_id_are_each_applied_once() {
    // A Fintro export gives every line of a year the id `2017-`.
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Volgnummer;Uitvoeringsdatum;Bedrag;Naam van de tegenpartij;Mededeling\n\
         2017-;01/02/2026;1210,00;ACME;INV-2026-0001\n\
         2017-;02/02/2026;500,00;ACME;INV-2026-0002\n\
         2017-;03/02/2026;-2,50;;bank fee\n",
    )
    .unwrap();
    let path = csv.to_str().unwrap();
    let applied = book.json(&["reconcile", path, "--apply", "--as-of", "2026-03-01"]);
    let ids: BTreeSet<&str> = (0..3)
        .map(|i| applied[i]["bank_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{applied}");
    assert!(!ids.contains("2017-"), "{applied}");
    assert_eq!(applied[0]["status"], "applied");
    assert_eq!(applied[1]["status"], "applied");
    assert_eq!(applied[2]["status"], "unmatched");
    let again = book.json(&["reconcile", path, "--apply", "--as-of", "2026-03-01"]);
    assert_eq!(again[0]["status"], "already-applied");
    assert_eq!(again[1]["status"], "already-applied");
    assert_eq!(
        again[2]["status"], "unmatched",
        "a fee is never shown as applied"
    );
}

#[test]
fn an_entry_an_earlier_folio_recorded_under_a_shared_id_is_taken_by_its_own_line_only() {
    let book = small_book().journal(
        "2026-pay",
        "2026-02-01 payment PAY-2026-00001 acme 1210.00 EUR ref:INV-2026-0001 bank:2017-\n",
    );
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "Volgnummer;Uitvoeringsdatum;Bedrag;Naam van de tegenpartij;Mededeling\n\
         2017-;01/02/2026;1210,00;ACME;INV-2026-0001\n\
         2017-;02/02/2026;500,00;ACME;INV-2026-0002\n",
    )
    .unwrap();
    let lines = book.json(&["reconcile", csv.to_str().unwrap(), "--as-of", "2026-03-01"]);
    assert_eq!(lines[0]["status"], "already-applied", "{lines}");
    assert_eq!(lines[1]["status"], "matched", "{lines}");
    assert_eq!(lines[1]["documents"][0]["document"], "INV-2026-0002");
}

#[test]
fn a_reused_bank_id_is_a_conflict_with_both_sides_never_a_skip() {
    let book = small_book();
    let first = book.path().join("january.csv");
    std::fs::write(
        &first,
        "date;amount;name;communication;id\n2026-02-01;1210,00;ACME;INV-2026-0001;R1\n",
    )
    .unwrap();
    book.json(&[
        "reconcile",
        first.to_str().unwrap(),
        "--apply",
        "--as-of",
        "2026-03-01",
    ]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    // The bank gives the id again, to another payment from another customer.
    let second = book.path().join("march.csv");
    std::fs::write(
        &second,
        "date;amount;name;communication;id\n2026-03-02;300,00;BRASSERIE BETA;INV-2026-0003;R1\n",
    )
    .unwrap();
    let lines = book.json(&[
        "reconcile",
        second.to_str().unwrap(),
        "--apply",
        "--as-of",
        "2026-04-01",
    ]);
    assert_eq!(lines[0]["status"], "conflict", "{lines}");
    let reason = lines[0]["reason"].as_str().unwrap();
    for side in [
        "PAY-2026-00001",
        "2026-02-01",
        "1210.00",
        "acme",
        "2026-03-02",
        "300.00",
        "BRASSERIE BETA",
    ] {
        assert!(reason.contains(side), "{side}: {reason}");
    }
    assert!(reason.contains("date, amount, contact"), "{reason}");
    assert_eq!(
        std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap(),
        journal
    );
    let (code, _, stderr) = failure(&book, &["reconcile", second.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stderr.contains("1 conflict"), "{stderr}");
}

#[test]
fn control_characters_of_a_statement_never_reach_the_journal() {
    let book = small_book();
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;name;communication;id\n2026-02-01;1210,00;ACME\u{202e};INV-2026-0001 \u{200f}x;T\u{2066}1\n",
    )
    .unwrap();
    book.json(&[
        "reconcile",
        csv.to_str().unwrap(),
        "--apply",
        "--as-of",
        "2026-03-01",
    ]);
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("bank:T-1 ; ACME: INV-2026-0001 x\n"),
        "{journal}"
    );
    book.stdout(&["check", "--strict"]);
}

#[test]
fn show_parsed_needs_no_book_and_input_format_names_a_format() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;currency;name;iban;communication;id\n2026-02-01;-1.210,5;EUR;ACME;BE68 5390 0754 7034;+++002/0250/00086+++;T1\n",
    )
    .unwrap();
    let book = TestBook::new();
    let parsed = book.json(&["reconcile", csv.to_str().unwrap(), "--show-parsed"]);
    let line = &parsed[0];
    assert_eq!(line["date"], "2026-02-01");
    assert_eq!(line["amount"], "-1210.50");
    assert_eq!(line["currency"], "EUR");
    assert_eq!(line["counterparty"], "ACME");
    assert_eq!(line["iban"], "BE68539007547034");
    assert_eq!(line["communication"], "+++002/0250/00086+++");
    assert_eq!(line["structured"], "+++002/0250/00086+++");
    assert_eq!(line["bank_id"], "T1");
    assert_eq!(line["format"], "csv");
    let (code, _, stderr) = failure(
        &book,
        &[
            "reconcile",
            csv.to_str().unwrap(),
            "--show-parsed",
            "--input-format",
            "camt.999",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = failure(
        &book,
        &[
            "reconcile",
            csv.to_str().unwrap(),
            "--show-parsed",
            "--input-format",
            "mt940",
        ],
    );
    assert_eq!(code, 65, "{stderr}");
}

/// A US customer with two USD invoices, in a EUR book.
fn usd_customer_book() -> TestBook {
    TestBook::new()
        .contact(
            "hudson",
            "name = \"Hudson Loft Interiors LLC\"\ncurrency = \"USD\"\niban = \"BE68 5390 0754 7034\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 hudson 3040.00\n\
             2026-02-01 invoice INV-2026-0002 hudson 1000.00\n",
        )
}

/// Two euro lines from the US customer: one known by its account, one naming its invoice.
fn euro_lines(book: &TestBook) -> String {
    let csv = book.path().join("bank.csv");
    std::fs::write(
        &csv,
        "date;amount;currency;name;iban;communication;id\n\
         2026-03-10;2.800,00;EUR;HUDSON LOFT;BE68 5390 0754 7034;Betaling;T1\n\
         2026-03-11;910,00;EUR;HUDSON LOFT;;inv 2026 0002;T2\n",
    )
    .unwrap();
    csv.to_str().unwrap().to_string()
}

#[test]
fn a_euro_line_settles_usd_invoices_at_the_books_rate_once() {
    let book = usd_customer_book().file("rates/2026.rates", "2026-03-02 EUR USD 1.0843\n");
    let csv = euro_lines(&book);
    let lines = book.json(&["reconcile", &csv, "--as-of", "2026-03-31"]);
    assert_eq!(lines[0]["status"], "matched", "{lines}");
    assert_eq!(lines[0]["rule"], "iban");
    assert_eq!(lines[0]["currency"], "EUR");
    assert_eq!(lines[0]["documents"][0]["document"], "INV-2026-0001");
    assert_eq!(
        lines[0]["settles"],
        serde_json::json!({"amount": "3040.00", "currency": "USD"})
    );
    // 2800.00 EUR at 1.0843 is 3036.04 USD: within the spread of 3040.00.
    let reason = lines[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("1.0843") && reason.contains("3036.04"),
        "{reason}"
    );
    assert_eq!(lines[1]["rule"], "document-id", "{lines}");
    assert_eq!(lines[1]["documents"][0]["document"], "INV-2026-0002");
    assert_eq!(lines[1]["settles"]["amount"], "1000.00");

    let applied = book.json(&["reconcile", &csv, "--as-of", "2026-03-31", "--apply"]);
    assert!(
        applied
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["status"] == "applied"),
        "{applied}"
    );
    let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert!(
        journal.contains("hudson 2800.00 EUR ref:INV-2026-0001 settles:3040.00 bank:"),
        "{journal}"
    );
    assert!(
        journal.contains("hudson 910.00 EUR ref:INV-2026-0002 settles:1000.00 bank:"),
        "{journal}"
    );
    // Both invoices are settled, and no euro balance stands beside them.
    let balance = book.json(&["balance", "--as-of", "2026-03-31"]);
    let rows = balance.as_array().unwrap();
    assert!(!rows.is_empty(), "{balance}");
    assert!(rows.iter().all(|r| r["currency"] == "USD"), "{balance}");
    assert!(rows.iter().all(|r| r["balance"] == "0.00"), "{balance}");

    let again = book.json(&["reconcile", &csv, "--as-of", "2026-03-31", "--apply"]);
    assert!(
        again
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["status"] == "already-applied"),
        "{again}"
    );
    let after = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
    assert_eq!(after, journal);
}

#[test]
fn without_a_rate_a_euro_line_settles_no_usd_invoice() {
    for book in [
        usd_customer_book(),
        usd_customer_book().file("rates/2026.rates", "2026-04-01 EUR USD 1.0843\n"),
    ] {
        let csv = euro_lines(&book);
        let lines = book.json(&["reconcile", &csv, "--as-of", "2026-03-31"]);
        for line in lines.as_array().unwrap() {
            assert!(line.get("settles").is_none(), "{line}");
            assert!(line["documents"].as_array().unwrap().is_empty(), "{line}");
            let reason = line["reason"].as_str().unwrap();
            assert!(
                reason.contains("a EUR to USD rate on or before"),
                "{reason}"
            );
        }
    }
}
