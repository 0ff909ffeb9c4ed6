//! `folio remind` and `folio statement --letter`: dunning levels, courtesy notices, the dunning
//! journal, golden e-mails in three languages, sending, and 90 simulated days.
//!
//! Golden e-mails are insta snapshots in tests/cli/snapshots/; after a deliberate change to a
//! template, review them with `cargo insta review` (or `INSTA_UPDATE=always cargo test --test cli
//! remind` and `git diff`) and commit them.

use crate::util::TestBook;
use chrono::{Days, NaiveDate};
use mail_parser::MessageParser;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const CONFIG: &str = r#"name = "Atelier Lumière SRL"
currency = "EUR"

[company]
email = "billing@atelier.example"
phone = "+32 2 555 00 00"
iban = "BE71 0961 2345 6769"

[company.address]
street = "Rue Haute 12"
postcode = "1000"
city = "Brussels"
country = "BE"

[dunning]
due_soon_days = 5

[[dunning.levels]]
after_days = 7
template = "reminder-1"

[[dunning.levels]]
after_days = 21
template = "reminder-2"
fee = "10.00"

[[dunning.levels]]
after_days = 45
template = "final-notice"
fee = "25.00"
"#;

/// A book with one customer per built-in language (nl and de as regional variants, fr, nl and
/// de with a VAT number), each with e-mail, and `hongli-post` without.
fn every_language() -> TestBook {
    TestBook::with_config(CONFIG)
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nemail = \"ap@acme.example\"\nlanguage = \"en\"\n",
        )
        .contact(
            "dupont",
            "name = \"Brasserie Dupont\"\nemail = \"compta@dupont.example\"\nvat = \"BE0417497106\"\nlanguage = \"fr\"\n",
        )
        .contact(
            "vos",
            "name = \"Vos & Zonen BV\"\nemail = \"boekhouding@vos.example\"\nvat = \"NL000099998B57\"\nlanguage = \"nl-BE\"\n",
        )
        .contact(
            "kessler",
            "name = \"Keßler Raumdesign GmbH\"\nemail = \"buchhaltung@kessler.example\"\nvat = \"DE814584193\"\nlanguage = \"de-AT\"\n",
        )
        .contact(
            "hongli",
            "name = \"佛山宏利贸易有限公司\"\nemail = \"finance@hongli.example\"\nlanguage = \"zh\"\n",
        )
        .contact(
            "hongli-post",
            "name = \"宁波海通\"\nlanguage = \"zh\"\n[address]\nstreet = \"江东北路 17 号\"\npostcode = \"315040\"\ncity = \"宁波\"\ncountry = \"CN\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 acme 1210.00 due:2026-02-04 ; consulting\n\
             2026-01-05 invoice INV-2026-0002 dupont 2345.50 due:2026-02-04\n\
             2026-01-05 invoice INV-2026-0003 hongli 88000.00 due:2026-02-04\n\
             2026-01-05 invoice INV-2026-0004 hongli-post 520.00 due:2026-02-04\n\
             2026-01-05 invoice INV-2026-0005 vos 1815.00 due:2026-02-04\n\
             2026-01-05 invoice INV-2026-0006 kessler 4760.00 due:2026-02-04\n\
             2026-01-20 payment PAY-0001 dupont 345.50 ref:INV-2026-0002\n",
        )
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The files of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    listing
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// An output folder inside the book's temporary directory (never the test's working directory).
fn out(book: &TestBook) -> String {
    book.path().join("out").to_string_lossy().into_owned()
}

/// The dunning journal's lines (without comments).
fn journal(book: &TestBook) -> Vec<String> {
    std::fs::read_to_string(book.path().join("dunning.journal"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Compares with the snapshot in tests/cli/snapshots/ (insta, byte for byte: e-mails keep their
/// CRLF line endings); `name` ends in the file's extension.
fn golden(name: &str, actual: &[u8]) {
    insta::assert_binary_snapshot!(name, actual.to_vec());
}

/// Parses an .eml with an independent MIME parser and checks what every message must have (its
/// multipart structure: `crate::mails::parse`), and that its letter PDF names what its text does.
fn parse_eml(bytes: &[u8]) -> (String, String, String, String) {
    let message = MessageParser::default().parse(bytes).expect("valid MIME");
    let from = message.from().and_then(|a| a.first()).expect("From");
    assert_eq!(from.address(), Some("billing@atelier.example"));
    assert_eq!(from.name(), Some("Atelier Lumière SRL"));
    assert!(message.date().is_some());
    let mail = crate::mails::parse(bytes);
    assert!(mail.message_id.ends_with("@atelier.example"));
    if crate::mails::has_pdfs(&mail)
        && let Some(letter) = crate::mails::pdf_text(&mail.pdfs[0].1)
    {
        for id in mail
            .text
            .split_whitespace()
            .filter(|w| w.starts_with("INV-"))
        {
            let id = id.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            assert!(letter.contains(id), "{id} in the letter PDF:\n{letter}");
        }
    }
    (mail.to, mail.subject, mail.text, mail.message_id)
}

#[test]
fn golden_emails_for_each_language_and_level_parse_as_mime() {
    let book = every_language();
    let out = book.path().join("outbox");
    let out_arg = out.to_str().unwrap();
    // Due 2026-02-04: courtesy notice 5 days before, then 7, 21 and 45 days after.
    let runs = [
        ("2026-01-30", "due-soon"),
        ("2026-02-11", "reminder-1"),
        ("2026-02-25", "reminder-2"),
        ("2026-03-21", "final-notice"),
    ];
    let languages = [
        ("acme", "en"),
        ("dupont", "fr"),
        ("hongli", "zh"),
        ("vos", "nl"),
        ("kessler", "de"),
    ];
    for (day, template) in runs {
        book.stdout(&["remind", "--as-of", day, "--write", out_arg]);
        let written = files(&out);
        for (contact, language) in languages {
            let name = format!("{day}-{contact}-{template}.eml");
            let bytes = written
                .get(&name)
                .unwrap_or_else(|| panic!("{name} in {written:?}"));
            golden(
                &format!("{language}-{template}.eml"),
                &crate::mails::without_pdf_bodies(bytes),
            );
            let (to, subject, body, id) = parse_eml(bytes);
            // The same letter as its reader sees it, to review the wording line by line.
            golden(
                &format!("{language}-{template}-read.txt"),
                format!("Subject: {subject}\n\n{body}").as_bytes(),
            );
            assert!(to.contains(contact.split('-').next().unwrap()), "{to}");
            assert!(subject.contains("Atelier Lumière SRL"), "{subject}");
            assert!(body.contains("INV-2026-000"), "{body}");
            assert!(id.starts_with(&day.replace('-', "")), "{id}");
        }
        // The contact without e-mail gets a printable letter instead.
        let letter = format!("{day}-hongli-post-{template}.txt");
        assert!(written.contains_key(&letter), "{letter}");
    }
    let written = files(&out);
    let fr = MessageParser::default()
        .parse(&written["2026-02-25-dupont-reminder-2.eml"][..])
        .unwrap();
    let body = fr.body_text(0).unwrap();
    // CLDR's French: a narrow no-break space between thousands, the euro after a no-break space.
    assert!(
        body.contains("2\u{202f}000,00\u{a0}€"),
        "French amounts: {body}"
    );
    assert!(body.contains("Frais de rappel : 10,00\u{a0}€"), "{body}");
    assert!(
        body.contains("Total, frais compris : 2\u{202f}010,00\u{a0}€"),
        "{body}"
    );
    let zh = MessageParser::default()
        .parse(&written["2026-03-21-hongli-final-notice.eml"][..])
        .unwrap();
    assert_eq!(zh.subject(), Some("最后催款通知 – Atelier Lumière SRL"));
    assert!(zh.body_text(0).unwrap().contains("已逾期 45 天"));
    let en = MessageParser::default()
        .parse(&written["2026-01-30-acme-due-soon.eml"][..])
        .unwrap();
    assert!(
        en.body_text(0)
            .unwrap()
            .contains("due 4 February 2026: €1,210.00")
    );
    golden(
        "zh-reminder-1-letter.txt",
        &written["2026-02-11-hongli-post-reminder-1.txt"],
    );

    // Every item got every level once, in order.
    let lines = journal(&book);
    assert_eq!(lines.len(), 24, "{lines:#?}");
    for document in [
        "INV-2026-0001",
        "INV-2026-0002",
        "INV-2026-0003",
        "INV-2026-0004",
        "INV-2026-0005",
        "INV-2026-0006",
    ] {
        let levels: Vec<&str> = lines
            .iter()
            .filter(|l| l.split(' ').nth(2) == Some(document))
            .map(|l| l.split(' ').nth(3).unwrap())
            .collect();
        assert_eq!(levels, ["due-soon", "1", "2", "3"], "{document}");
    }
    assert!(
        lines
            .iter()
            .all(|l| l.contains(" eml <") || l.contains(" letter <"))
    );
}

#[test]
fn golden_statement_letters() {
    let book = every_language();
    let out = book.path().join("statements");
    for (contact, language) in [
        ("acme", "en"),
        ("dupont", "fr"),
        ("hongli", "zh"),
        ("vos", "nl"),
        ("kessler", "de"),
    ] {
        book.stdout(&[
            "statement",
            contact,
            "--letter",
            "--to",
            "2026-02-28",
            "--write",
            out.to_str().unwrap(),
        ]);
        let name = format!("2026-02-28-{contact}-statement.eml");
        let bytes = std::fs::read(out.join(&name)).unwrap();
        golden(
            &format!("{language}-statement.eml"),
            &crate::mails::without_pdf_bodies(&bytes),
        );
        let (_, subject, body, _) = parse_eml(&bytes);
        golden(
            &format!("{language}-statement-read.txt"),
            format!("Subject: {subject}\n\n{body}").as_bytes(),
        );
        assert!(body.contains("INV-2026-000"), "{body}");
    }
    let printed = book.stdout(&["statement", "dupont", "--letter", "--to", "2026-02-28"]);
    assert!(
        printed.contains("Relevé de compte au 28 février 2026"),
        "{printed}"
    );
    assert!(
        printed.contains("2\u{202f}000,00"),
        "closing balance: {printed}"
    );
    // Statement letters are not dunning: nothing recorded.
    assert!(journal(&book).is_empty());
}

#[test]
fn the_report_lists_levels_and_what_was_last_sent() {
    let book = every_language();
    let rows = book.json(&["remind", "--as-of", "2026-02-11"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["contact"], "acme");
    assert_eq!(rows[0]["level"], "1");
    assert_eq!(rows[0]["template"], "reminder-1");
    assert_eq!(rows[0]["days_past_due"], 7);
    assert_eq!(rows[0]["last_level"], serde_json::Value::Null);
    assert_eq!(rows[1]["open"], "2000.00");
    let by_post = rows.iter().find(|r| r["contact"] == "hongli-post").unwrap();
    assert_eq!(by_post["channel"], "letter");
    book.stdout(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)]);
    let rows = book.json(&["remind", "--as-of", "2026-02-25"]);
    assert_eq!(rows[0]["level"], "2");
    assert_eq!(rows[0]["fee"], "10.00");
    assert_eq!(rows[0]["last_level"], "1");
    assert_eq!(rows[0]["last_sent"], "2026-02-11");
    let table = book.stdout(&["remind", "--as-of", "2026-02-25"]);
    assert!(table.contains("reminder-2"), "{table}");
    // Already sent today: nothing new.
    let rows = book.json(&["remind", "--as-of", "2026-02-11"]);
    assert_eq!(rows.as_array().unwrap().len(), 0);
}

#[test]
fn dry_run_writes_nothing() {
    let book = every_language();
    let out = book.path().join("outbox");
    let text = book.stdout(&[
        "remind",
        "--as-of",
        "2026-02-11",
        "--write",
        out.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(text.contains("To: ap@acme.example"), "{text}");
    assert!(text.contains("Subject: Rappel de paiement"), "{text}");
    assert!(text.contains("dry run: 6 message(s)"), "{text}");
    let with_send = book.stdout(&["remind", "--as-of", "2026-02-11", "--send", "--dry-run"]);
    assert!(
        with_send.contains("would send with `sendmail -t -i`"),
        "{with_send}"
    );
    assert!(
        with_send.contains("would not send: no e-mail address"),
        "{with_send}"
    );
    assert!(!out.exists());
    assert!(!book.path().join("dunning.journal").exists());
}

#[test]
fn a_level_is_never_sent_twice_and_paid_items_drop_out() {
    let book = every_language();
    book.stdout(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)]);
    let again = book.stdout(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)]);
    assert!(again.contains("nothing to send"), "{again}");
    std::fs::write(
        book.path().join("journal/2026b.journal"),
        "2026-02-20 payment PAY-0002 acme 1210.00\n",
    )
    .unwrap();
    let later = book.stdout(&["remind", "--as-of", "2026-02-25", "--write", &out(&book)]);
    assert!(!later.contains("acme"), "paid: {later}");
    assert!(later.contains("dupont"), "{later}");
}

/// Writes an executable script into the book and returns its path.
#[cfg(unix)]
fn script(book: &TestBook, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = book.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_failing_send_command_leaves_the_message_unrecorded() {
    let config =
        format!("{CONFIG}\n").replace("[dunning]\n", "[dunning]\nsend_command = [\"false\"]\n");
    let book = TestBook::with_config(&config)
        .contact("acme", "name = \"Acme\"\nemail = \"ap@acme.example\"\n")
        .journal("2026", "2026-01-05 invoice I1 acme 100.00 due:2026-02-04\n");
    let output = book
        .folio(&["remind", "--as-of", "2026-02-11", "--send"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`false` exited with status 1"), "{stderr}");
    assert!(stderr.contains("not recorded"), "{stderr}");
    assert!(journal(&book).is_empty());
}

/// A command that exits 0 without reading its input (`true`, a misconfigured wrapper) has sent
/// nothing: no message counts as sent, however small, however many, on every run.
#[cfg(unix)]
#[test]
fn a_send_command_that_does_not_read_the_message_sends_nothing() {
    let book = every_language();
    let config = CONFIG.replace("[dunning]\n", "[dunning]\nsend_command = [\"true\"]\n");
    std::fs::write(book.path().join("folio.toml"), config).unwrap();
    for _ in 0..3 {
        let output = book
            .folio(&["remind", "--as-of", "2026-02-11", "--send"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(74), "{stderr}");
        assert!(
            stderr.contains("without reading the whole message"),
            "{stderr}"
        );
        assert!(!String::from_utf8_lossy(&output.stdout).contains(": sent to"));
        assert!(journal(&book).is_empty(), "{:?}", journal(&book));
    }
}

#[cfg(unix)]
#[test]
fn sending_pipes_each_message_and_records_only_those_that_went() {
    let book = every_language();
    let mailbox = book.path().join("mailbox");
    // Refuses mail to dupont, takes the rest (appending it to the mailbox file).
    let sender = script(
        &book,
        "fake-sendmail",
        &format!(
            "message=$(cat)\ncase \"$message\" in *dupont.example*) echo 'mailbox unavailable' >&2; exit 75;; esac\nprintf '%s\\n' \"$message\" >> '{}'",
            mailbox.display()
        ),
    );
    let config = CONFIG.replace(
        "[dunning]\n",
        &format!(
            "[dunning]\nsend_command = [\"{}\", \"-t\"]\n",
            sender.display()
        ),
    );
    std::fs::write(book.path().join("folio.toml"), config).unwrap();
    let output = book
        .folio(&["remind", "--as-of", "2026-02-11", "--send"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dupont: not sent"), "{stderr}");
    assert!(
        stderr.contains("status 75: mailbox unavailable"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("skipped hongli-post: no e-mail address"),
        "{stdout}"
    );
    let sent = std::fs::read_to_string(&mailbox).unwrap();
    assert!(
        sent.contains("To: \"Acme Trading BV\" <ap@acme.example>"),
        "{sent}"
    );
    assert!(!sent.contains("dupont.example"));
    let lines = journal(&book);
    assert_eq!(lines.len(), 4, "acme, hongli, kessler, vos: {lines:?}");
    assert!(lines.iter().all(|l| l.contains(" 1 email <")), "{lines:?}");
    // The next run sends only what did not go.
    std::fs::write(&sender, "#!/bin/sh\ncat >/dev/null\n").unwrap();
    let retry = book.stdout(&["remind", "--as-of", "2026-02-11", "--send"]);
    assert!(
        retry.contains("dupont: sent to compta@dupont.example"),
        "{retry}"
    );
    assert!(!retry.contains("acme"), "{retry}");
    assert_eq!(journal(&book).len(), 5);
}

#[test]
fn simulated_days_send_each_level_once_in_order() {
    // Due dates spread over the period; some paid (fully or partly) along the way.
    let book = TestBook::with_config(CONFIG)
        .contact("a", "name = \"A\"\nemail = \"a@a.example\"\n")
        .contact("b", "name = \"B\"\n")
        .contact(
            "c",
            "name = \"C\"\nemail = \"c@c.example\"\nlanguage = \"fr\"\n",
        )
        .journal(
            "2026",
            "2025-11-01 invoice OLD a 300.00 due:2025-11-26\n\
             2026-01-02 invoice I1 a 100.00 due:2026-01-20\n\
             2026-01-02 invoice I2 b 200.00 due:2026-01-25\n\
             2026-01-10 invoice I3 c 300.00 due:2026-02-05\n\
             2026-01-15 invoice I4 a 400.00 due:2026-02-14\n\
             2026-02-01 invoice I5 c 500.00 due:2026-03-03\n\
             2026-01-29 payment P1 b 200.00 ref:I2\n\
             2026-02-20 payment P2 c 300.00 ref:I3\n\
             2026-03-01 payment P3 a 150.00 ref:I4\n\
             2026-03-09 payment P4 c 500.00 ref:I5\n",
        );
    let start = date("2026-01-01");
    for day in 0..=90 {
        let as_of = start + Days::new(day);
        book.stdout(&[
            "remind",
            "--as-of",
            &as_of.to_string(),
            "--write",
            &out(&book),
        ]);
    }
    let mut sent: BTreeMap<String, Vec<(String, NaiveDate)>> = BTreeMap::new();
    for line in journal(&book) {
        let fields: Vec<&str> = line.split(' ').collect();
        sent.entry(fields[2].to_string())
            .or_default()
            .push((fields[3].to_string(), date(fields[0])));
    }
    let due = |text: &str, days: i64| {
        let d = date(text);
        if days >= 0 {
            d + Days::new(days as u64)
        } else {
            d - Days::new((-days) as u64)
        }
    };
    let expect = |document: &str, levels: &[(&str, NaiveDate)]| {
        let actual = sent.get(document).cloned().unwrap_or_default();
        let expected: Vec<(String, NaiveDate)> =
            levels.iter().map(|(l, d)| (l.to_string(), *d)).collect();
        assert_eq!(actual, expected, "{document}");
    };
    // Already 36 days late on day 0: level 1 at once, then the levels' spacing (14, then 24 days).
    expect(
        "OLD",
        &[
            ("1", start),
            ("2", start + Days::new(14)),
            ("3", start + Days::new(38)),
        ],
    );
    // Never paid: courtesy notice, then 7, 21 and 45 days past due.
    expect(
        "I1",
        &[
            ("due-soon", due("2026-01-20", -5)),
            ("1", due("2026-01-20", 7)),
            ("2", due("2026-01-20", 21)),
            ("3", due("2026-01-20", 45)),
        ],
    );
    // Paid four days after its due date, before level 1.
    expect("I2", &[("due-soon", due("2026-01-25", -5))]);
    // Paid 15 days late, after level 1 and before level 2.
    expect(
        "I3",
        &[
            ("due-soon", due("2026-02-05", -5)),
            ("1", due("2026-02-05", 7)),
        ],
    );
    // Partly paid: still open, so every level still comes.
    expect(
        "I4",
        &[
            ("due-soon", due("2026-02-14", -5)),
            ("1", due("2026-02-14", 7)),
            ("2", due("2026-02-14", 21)),
            ("3", due("2026-02-14", 45)),
        ],
    );
    // Paid six days late, the day before level 1.
    expect("I5", &[("due-soon", due("2026-03-03", -5))]);
    // Letters for b, e-mails for a and c; one message per contact per day.
    let written = files(&PathBuf::from(out(&book)));
    assert!(written.keys().any(|k| k.ends_with("-b-due-soon.txt")));
    let messages: std::collections::BTreeSet<String> = journal(&book)
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    // Letters have their PDF beside them.
    let written: BTreeMap<&String, &Vec<u8>> = written
        .iter()
        .filter(|(name, _)| !name.ends_with(".pdf"))
        .collect();
    assert_eq!(written.len(), messages.len(), "one file per message");
    let per_day: std::collections::BTreeSet<String> = written
        .keys()
        .map(|k| k.split('-').take(4).collect::<Vec<_>>().join("-"))
        .collect();
    assert_eq!(
        per_day.len(),
        written.len(),
        "one message per contact and day"
    );
    let check = book.stdout(&["check"]);
    assert!(check.contains("0 warning(s)"), "{check}");
}

#[test]
fn skipping_levels_when_configured() {
    let config = CONFIG.replace("[dunning]\n", "[dunning]\nskip_levels = true\n");
    let book = TestBook::with_config(&config)
        .contact("a", "name = \"A\"\nemail = \"a@a.example\"\n")
        .journal("2026", "2025-11-01 invoice OLD a 300.00 due:2025-11-26\n");
    let rows = book.json(&["remind", "--as-of", "2026-01-15"]);
    assert_eq!(rows[0]["level"], "3");
    assert_eq!(rows[0]["template"], "final-notice");
    assert_eq!(rows[0]["fee"], "25.00");
}

#[test]
fn after_the_last_level_a_repeat_goes_every_so_many_days_never_twice_a_day() {
    let config = CONFIG.replace("[dunning]\n", "[dunning]\nrepeat_every_days = 10\n");
    let book = TestBook::with_config(&config)
        .contact("a", "name = \"A\"\nemail = \"a@a.example\"\n")
        .journal("2026", "2026-01-01 invoice I1 a 100.00 due:2026-01-31\n");
    let outbox = out(&book);
    let mut day = date("2026-02-01");
    while day <= date("2026-04-30") {
        let as_of = day.to_string();
        for _ in 0..2 {
            book.folio(&["remind", "--as-of", &as_of, "--write", &outbox])
                .assert()
                .success();
        }
        day = day + Days::new(1);
    }
    let sent: Vec<String> = journal(&book)
        .iter()
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            format!("{} {}", fields[0], fields[3])
        })
        .collect();
    // Levels at 7, 21 and 45 days past due, then a repeat every 10 days.
    assert_eq!(
        sent,
        [
            "2026-02-07 1",
            "2026-02-21 2",
            "2026-03-17 3",
            "2026-03-27 repeat",
            "2026-04-06 repeat",
            "2026-04-16 repeat",
            "2026-04-26 repeat",
        ]
    );
    let rows = book.json(&["remind", "--as-of", "2026-05-06"]);
    assert_eq!(rows[0]["level"], "repeat");
    assert_eq!(
        rows[0]["template"], "final-notice",
        "the last level's letter"
    );
    assert_eq!(
        rows[0]["fee"],
        serde_json::Value::Null,
        "a repeat charges no fee"
    );
    book.folio(&["check"]).assert().success();
}

#[test]
fn default_levels_are_7_21_45_days() {
    let book = TestBook::new()
        .contact("a", "name = \"A\"\n")
        .journal("2026", "2026-01-01 invoice I1 a 100.00 due:2026-01-31\n");
    for (day, level) in [
        ("2026-01-26", Some("due-soon")),
        ("2026-02-06", None),
        ("2026-02-07", Some("1")),
        ("2026-02-21", Some("1")),
        ("2026-03-17", Some("1")),
    ] {
        let rows = book.json(&["remind", "--as-of", day]);
        assert_eq!(
            rows.as_array()
                .unwrap()
                .first()
                .map(|r| r["level"].as_str().unwrap()),
            level,
            "{day}"
        );
    }
    let rows = book.json(&["remind", "--as-of", "2026-03-17"]);
    assert_eq!(
        rows[0]["template"], "reminder-1",
        "not sent yet: level 1 first"
    );
}

#[test]
fn books_override_templates_which_stay_in_their_folder() {
    let book = every_language().file(
        "templates/reminder-1.en.txt",
        "Subject: Pay up, {{ contact.name }}\n\n{% for item in items %}{{ item.document }} {{ item.open|money(item.currency) }}\n{% endfor %}",
    );
    let text = book.stdout(&[
        "remind",
        "--as-of",
        "2026-02-11",
        "--contact",
        "acme",
        "--dry-run",
    ]);
    assert!(text.contains("Subject: Pay up, Acme Trading BV"), "{text}");
    assert!(text.contains("INV-2026-0001 €1,210.00"), "{text}");
    std::fs::write(
        book.path().join("templates/reminder-1.en.txt"),
        "Subject: x\n{% include \"../folio.toml\" %}\n",
    )
    .unwrap();
    let output = book
        .folio(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("templates/reminder-1.en.txt:2:"),
        "{stderr}"
    );
    assert!(stderr.contains("book's templates/ folder"), "{stderr}");
    assert!(
        !PathBuf::from(out(&book)).exists(),
        "nothing written when a template fails"
    );
    assert!(journal(&book).is_empty());
}

#[test]
fn emails_need_a_sender_address() {
    let book = TestBook::new()
        .contact("a", "name = \"A\"\nemail = \"a@a.example\"\n")
        .journal("2026", "2026-01-01 invoice I1 a 100.00 due:2026-01-31\n");
    let output = book
        .folio(&["remind", "--as-of", "2026-02-07", "--write", &out(&book)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&output.stderr).contains("[company]"));
}

#[test]
fn an_internationalised_domain_is_written_in_punycode() {
    let book = TestBook::with_config(CONFIG)
        .contact(
            "leopold",
            "name = \"Café Léopold\"\nemail = \"jean@café.example\"\nlanguage = \"fr\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 leopold 500.00 due:2026-02-04\n",
        );
    book.stdout(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)]);
    let written = files(Path::new(&out(&book)));
    let [(name, bytes)] = written.iter().collect::<Vec<_>>()[..] else {
        panic!("expected one message, found {:?}", written.keys());
    };
    assert!(name.ends_with(".eml"), "{name}");
    let (to, ..) = parse_eml(bytes);
    assert_eq!(to, "jean@xn--caf-dma.example");
    let head = String::from_utf8_lossy(bytes);
    let head = head.split("\r\n\r\n").next().unwrap();
    assert!(
        head.lines()
            .any(|l| l.starts_with("To: ") && l.ends_with(" <jean@xn--caf-dma.example>")),
        "{head}"
    );
}

#[test]
fn a_non_ascii_part_before_the_at_is_refused_and_nothing_is_written() {
    let book = TestBook::with_config(CONFIG)
        .contact(
            "acme",
            "name = \"Acme Trading BV\"\nemail = \"ap@acme.example\"\n",
        )
        .contact(
            "meiyuan",
            "name = \"杭州美苑\"\nemail = \"用户@例子.广告\"\nlanguage = \"zh\"\n",
        )
        .journal(
            "2026",
            "2026-01-05 invoice INV-2026-0001 acme 100.00 due:2026-02-04\n\
             2026-01-05 invoice INV-2026-0002 meiyuan 2400.00 due:2026-02-04\n",
        );
    let output = book
        .folio(&["remind", "--as-of", "2026-02-11", "--write", &out(&book)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "contact `meiyuan`: invalid recipient address `用户@例子.广告`: the part before @ is not ASCII"
        ),
        "{stderr}"
    );
    assert!(files(Path::new(&out(&book))).is_empty());
    assert!(journal(&book).is_empty());
    // `folio check` says the same about the contact file, as a warning.
    let output = book.folio(&["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("contacts/meiyuan.toml:2:9: warning: invalid e-mail address")
            && stderr.contains("is not ASCII"),
        "{stderr}"
    );
}

#[test]
fn check_validates_the_dunning_journal() {
    let book = every_language().file(
        "dunning.journal",
        "# DATE CONTACT DOCUMENT LEVEL CHANNEL MESSAGE-ID\n\
         2026-02-11 acme INV-2026-0001 1 eml <1@x>\n\
         2026-02-11 acme INV-2026-0009 1 eml <1@x>\n\
         2026-02-11 acme INV-2026-0001 one eml <1@x>\n\
         2026-02-12 acme INV-2026-0001 1 emial <1@x>\n",
    );
    let output = book.folio(&["check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("dunning.journal:3:17: warning: no document `INV-2026-0009`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dunning.journal:4:31: error: invalid level `one`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "dunning.journal:5:33: error: unknown channel `emial`; did you mean `email`?"
        ),
        "{stderr}"
    );
    // remind refuses to run on a journal it cannot read.
    let output = book
        .folio(&["remind", "--as-of", "2026-02-11"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
}
