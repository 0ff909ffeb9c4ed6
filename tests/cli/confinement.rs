//! Confinement and privacy: nothing a book holds or a command is given can make folio read or
//! write outside the book; the send command never goes through a shell; error messages show only
//! the field at fault; new files keep the permissions of their siblings.

use crate::util::{TestBook, folio};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A book inside a folder of its own, so a stray file next to the book can be seen.
struct Boxed {
    outer: tempfile::TempDir,
}

impl Boxed {
    fn new() -> Boxed {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("book");
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::fs::create_dir_all(root.join("journal")).unwrap();
        std::fs::write(
            root.join("folio.toml"),
            "name = \"Boxed\"\ncurrency = \"EUR\"\n",
        )
        .unwrap();
        std::fs::write(root.join("contacts/acme.toml"), "name = \"Acme\"\n").unwrap();
        std::fs::write(
            root.join("journal/2026.journal"),
            "2026-01-15 invoice INV-2026-0001 acme 100.00\n",
        )
        .unwrap();
        // What lies next to the book: a secret and a contact-looking file.
        std::fs::write(outer.path().join("secret.txt"), "SECRET-SENTINEL\n").unwrap();
        std::fs::write(
            outer.path().join("evil.toml"),
            "name = \"SECRET-SENTINEL\"\n",
        )
        .unwrap();
        Boxed { outer }
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("book")
    }

    fn outside(&self, name: &str) -> PathBuf {
        self.outer.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        folio()
            .arg("--book")
            .arg(self.root())
            .args(args)
            .output()
            .unwrap()
    }

    /// Every file below the outer folder, relative to it, outside the book's own folder.
    fn outside_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.outer.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != "book")
            .collect();
        names.sort();
        names
    }

    fn assert_untouched_outside(&self) {
        assert_eq!(self.outside_files(), ["evil.toml", "secret.txt"]);
        assert_eq!(
            std::fs::read_to_string(self.outside("evil.toml")).unwrap(),
            "name = \"SECRET-SENTINEL\"\n"
        );
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn journal_text(root: &Path) -> String {
    std::fs::read_to_string(root.join("journal/2026.journal")).unwrap()
}

#[test]
fn contact_ids_cannot_name_a_path_outside_the_book() {
    let book = Boxed::new();
    for id in [
        "..",
        "../evil",
        "../../tmp/evil",
        "/tmp/evil",
        "a/b",
        "a\\b",
        ".hidden",
        "con",
        "NUL",
        "com1",
        "lpt9.x",
        "Acme",
        "",
    ] {
        let output = book.run(&["contact", "add", id, "--name", "Pwned"]);
        assert_eq!(
            output.status.code(),
            Some(65),
            "contact add {id:?}: {}",
            stderr(&output)
        );
    }
    for args in [
        &["contact", "set", "../evil", "name=Pwned"][..],
        &["contact", "note", "../evil", "--kind", "call", "x"],
        &["contact", "archive", "../evil"],
        &["contact", "delete", "../evil"],
        &["contact", "show", "../evil"],
        &["contact", "set", "/tmp/evil", "name=Pwned"],
    ] {
        let output = book.run(args);
        assert!(
            matches!(output.status.code(), Some(65 | 66)),
            "{args:?}: {:?} {}",
            output.status.code(),
            stderr(&output)
        );
    }
    // A NUL cannot pass through argv; the check itself refuses it too.
    assert!(folio::book::edit::check_new_id("ac\0me").is_err());
    assert!(folio::book::contact::check_contact_id("ac\0me").is_err());
    let contacts: Vec<_> = std::fs::read_dir(book.root().join("contacts"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(contacts, ["acme.toml"]);
    book.assert_untouched_outside();
}

#[test]
fn document_ids_cannot_name_a_path_outside_the_book() {
    let book = Boxed::new();
    let before = journal_text(&book.root());
    for id in [
        "A/../../../evil",
        "A/../../evil",
        "../evil",
        "/tmp/evil",
        "A//B",
        "A/./B",
        "CON",
        "x/nul.txt",
        "Com1",
        "lpt3",
    ] {
        let output = book.run(&[
            "invoice",
            "acme",
            "--item",
            "Work",
            "--price",
            "10",
            "--vat",
            "21",
            "--id",
            id,
            "--date",
            "2026-02-01",
        ]);
        assert!(
            matches!(output.status.code(), Some(65)),
            "invoice --id {id:?}: {:?} {}",
            output.status.code(),
            stderr(&output)
        );
        let render = book.run(&["render", id]);
        assert!(
            matches!(render.status.code(), Some(65 | 66)),
            "render {id:?}: {:?} {}",
            render.status.code(),
            stderr(&render)
        );
        assert!(!String::from_utf8_lossy(&render.stdout).contains("SECRET"));
    }
    assert_eq!(journal_text(&book.root()), before, "nothing was recorded");
    assert!(!book.root().join("documents").exists());
    book.assert_untouched_outside();
}

/// Asserts `folio check` and a report refuse the book naming `relative` and a link out of the
/// book, and never show what lies outside.
fn assert_link_refused(book: &Boxed, relative: &str) {
    assert_check_refuses_link(book, relative);
    let report = book.run(&["balance", "--as-of", "2026-12-31"]);
    assert_eq!(report.status.code(), Some(65), "{relative}");
    assert!(!String::from_utf8_lossy(&report.stdout).contains("SECRET"));
}

/// Asserts `folio check` refuses the book naming `relative` and a link out of the book, and
/// never shows what lies outside. (Reports do not read documents/; `check` does.)
fn assert_check_refuses_link(book: &Boxed, relative: &str) {
    let output = book.run(&["check"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(65), "{relative}: {text}");
    assert!(
        text.contains(&format!("{}:", book.root().join(relative).display())),
        "{relative}: {text}"
    );
    assert!(text.contains("outside the book"), "{relative}: {text}");
    assert!(!text.contains("SECRET-SENTINEL"), "{relative}: {text}");
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_contact_file_linked_out_of_the_book_is_refused_and_never_shown() {
        let book = Boxed::new();
        symlink(
            book.outside("evil.toml"),
            book.root().join("contacts/evil.toml"),
        )
        .unwrap();
        assert_link_refused(&book, "contacts/evil.toml");
        // A contact file linked to a non-TOML file outside: its first line must not leak.
        std::fs::remove_file(book.root().join("contacts/evil.toml")).unwrap();
        symlink(
            book.outside("secret.txt"),
            book.root().join("contacts/leak.toml"),
        )
        .unwrap();
        assert_link_refused(&book, "contacts/leak.toml");
    }

    #[test]
    fn a_journal_file_linked_out_of_the_book_is_refused() {
        let book = Boxed::new();
        std::fs::write(
            book.outside("other.journal"),
            "2026-01-01 invoice SECRET-SENTINEL acme 1\n",
        )
        .unwrap();
        symlink(
            book.outside("other.journal"),
            book.root().join("journal/other.journal"),
        )
        .unwrap();
        assert_link_refused(&book, "journal/other.journal");
    }

    #[test]
    fn a_device_linked_as_a_journal_file_is_refused_without_reading_it() {
        let book = Boxed::new();
        symlink("/dev/zero", book.root().join("journal/zero.journal")).unwrap();
        assert_link_refused(&book, "journal/zero.journal");
    }

    #[test]
    fn folders_linked_out_of_the_book_are_refused() {
        for folder in ["contacts", "journal"] {
            let book = Boxed::new();
            let elsewhere = book.outside(&format!("{folder}-elsewhere"));
            std::fs::create_dir_all(&elsewhere).unwrap();
            std::fs::rename(book.root().join(folder), &elsewhere).unwrap_or_else(|_| {
                std::fs::remove_dir_all(book.root().join(folder)).unwrap();
            });
            symlink(&elsewhere, book.root().join(folder)).unwrap();
            assert_link_refused(&book, folder);
        }
        // A subfolder linked out.
        let book = Boxed::new();
        std::fs::create_dir_all(book.outside("more")).unwrap();
        std::fs::write(book.outside("more/x.toml"), "name = \"SECRET-SENTINEL\"\n").unwrap();
        symlink(book.outside("more"), book.root().join("contacts/more")).unwrap();
        assert_link_refused(&book, "contacts/more");
    }

    #[test]
    fn documents_linked_out_of_the_book_are_refused() {
        let book = Boxed::new();
        std::fs::create_dir_all(book.root().join("documents")).unwrap();
        symlink(
            book.outside("evil.toml"),
            book.root().join("documents/INV-2026-0001.toml"),
        )
        .unwrap();
        assert_check_refuses_link(&book, "documents/INV-2026-0001.toml");
        std::fs::remove_dir_all(book.root().join("documents")).unwrap();
        std::fs::create_dir_all(book.outside("docs")).unwrap();
        symlink(book.outside("docs"), book.root().join("documents")).unwrap();
        assert_check_refuses_link(&book, "documents");
    }

    #[test]
    fn links_inside_the_book_are_followed() {
        let book = Boxed::new();
        std::fs::create_dir_all(book.root().join("archive")).unwrap();
        std::fs::write(
            book.root().join("archive/2025.journal"),
            "2025-12-01 invoice INV-2025-0001 acme 5.00\n",
        )
        .unwrap();
        symlink(
            book.root().join("archive/2025.journal"),
            book.root().join("journal/2025.journal"),
        )
        .unwrap();
        let output = book.run(&["check"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }

    #[test]
    fn writes_through_links_out_of_the_book_are_refused() {
        let book = Boxed::new();
        std::fs::remove_file(book.root().join("contacts/acme.toml")).unwrap();
        symlink(
            book.outside("evil.toml"),
            book.root().join("contacts/acme.toml"),
        )
        .unwrap();
        let output = book.run(&["contact", "set", "acme", "name=Pwned"]);
        assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
        let output = book.run(&["invoice", "acme", "1", "--date", "2026-03-01"]);
        assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
        book.assert_untouched_outside();
    }

    #[test]
    fn the_lock_file_is_never_written_through_a_link() {
        let book = Boxed::new();
        symlink(book.outside("secret.txt"), book.root().join(".folio.lock")).unwrap();
        let output = book.run(&["invoice", "acme", "1", "--date", "2026-03-01"]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(74), "{text}");
        assert!(text.contains(".folio.lock"), "{text}");
        assert!(text.contains("symbolic link"), "{text}");
        assert_eq!(
            std::fs::read_to_string(book.outside("secret.txt")).unwrap(),
            "SECRET-SENTINEL\n",
            "the file the lock links to is untouched"
        );
        assert!(!journal_text(&book.root()).contains("2026-03-01"));
        // A link to a device, and a named pipe, are refused alike, without waiting.
        std::fs::remove_file(book.root().join(".folio.lock")).unwrap();
        symlink("/dev/null", book.root().join(".folio.lock")).unwrap();
        let output = book.run(&["contact", "set", "acme", "terms=10"]);
        assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
        std::fs::remove_file(book.root().join(".folio.lock")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(book.root().join(".folio.lock"))
            .status()
            .unwrap();
        assert!(made.success());
        let output = book.run(&["invoice", "acme", "1", "--date", "2026-03-01"]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(74), "{text}");
        assert!(text.contains("named pipe"), "{text}");
    }

    #[test]
    fn settings_and_state_files_linked_out_of_the_book_are_refused_and_never_shown() {
        let book = Boxed::new();
        let secret = book.outside("secret.txt");
        symlink(&secret, book.root().join("dunning.journal")).unwrap();
        assert_check_refuses_link(&book, "dunning.journal");
        std::fs::remove_file(book.root().join("dunning.journal")).unwrap();

        symlink(&secret, book.root().join("alerts.state")).unwrap();
        let output = book.run(&["alerts", "--as-of", "2026-03-01"]);
        let text = format!(
            "{}{}",
            stderr(&output),
            String::from_utf8_lossy(&output.stdout)
        );
        assert_eq!(output.status.code(), Some(65), "{text}");
        assert!(text.contains("alerts.state"), "{text}");
        assert!(text.contains("outside the book"), "{text}");
        assert!(!text.contains("SECRET-SENTINEL"), "{text}");
        std::fs::remove_file(book.root().join("alerts.state")).unwrap();

        std::fs::rename(book.root().join("folio.toml"), book.outside("folio.toml")).unwrap();
        symlink(book.outside("folio.toml"), book.root().join("folio.toml")).unwrap();
        assert_link_refused(&book, "folio.toml");
        // Inside the book, a linked folio.toml is fine.
        std::fs::remove_file(book.root().join("folio.toml")).unwrap();
        std::fs::rename(
            book.outside("folio.toml"),
            book.root().join("settings.toml"),
        )
        .unwrap();
        symlink("settings.toml", book.root().join("folio.toml")).unwrap();
        let output = book.run(&["check"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }

    #[test]
    fn a_named_pipe_in_place_of_a_state_file_is_refused_without_waiting() {
        let book = Boxed::new();
        for name in ["alerts.state", "dunning.journal"] {
            let made = std::process::Command::new("mkfifo")
                .arg(book.root().join(name))
                .status()
                .unwrap();
            assert!(made.success());
        }
        let output = book.run(&["check"]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(65), "{text}");
        assert!(text.contains("dunning.journal"), "{text}");
        assert!(text.contains("named pipe"), "{text}");
        let output = book.run(&["alerts", "--as-of", "2026-03-01"]);
        assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    }

    #[test]
    fn templates_cannot_reach_outside_their_folder() {
        let config =
            "name = \"Boxed\"\ncurrency = \"EUR\"\n[company]\nemail = \"billing@boxed.example\"\n";
        let cases: [(&str, &Plant); 4] = [
            ("an include of ../", &|book| {
                write_template(book, "Subject: x\n{% include \"../folio.toml\" %}\n")
            }),
            ("an absolute include", &|book| {
                let secret = book.outside("secret.txt");
                write_template(
                    book,
                    &format!("Subject: x\n{{% include \"{}\" %}}\n", secret.display()),
                )
            }),
            ("a template linked out", &|book| {
                std::fs::create_dir_all(book.root().join("templates")).unwrap();
                symlink(
                    book.outside("secret.txt"),
                    book.root().join("templates/reminder-1.en.txt"),
                )
                .unwrap();
            }),
            ("a templates folder linked out", &|book| {
                std::fs::create_dir_all(book.outside("tpl")).unwrap();
                std::fs::write(
                    book.outside("tpl/reminder-1.en.txt"),
                    "Subject: SECRET-SENTINEL\n\nSECRET-SENTINEL\n",
                )
                .unwrap();
                symlink(book.outside("tpl"), book.root().join("templates")).unwrap();
            }),
        ];
        for (what, plant) in cases {
            let book = Boxed::new();
            std::fs::write(book.root().join("folio.toml"), config).unwrap();
            std::fs::write(
                book.root().join("contacts/acme.toml"),
                "name = \"Acme\"\nemail = \"ap@acme.example\"\n",
            )
            .unwrap();
            plant(&book);
            let output = book.run(&["remind", "--as-of", "2026-03-01", "--dry-run"]);
            let text = format!(
                "{}{}",
                stderr(&output),
                String::from_utf8_lossy(&output.stdout)
            );
            assert_eq!(output.status.code(), Some(65), "{what}: {text}");
            assert!(!text.contains("SECRET-SENTINEL"), "{what}: {text}");
            assert!(!text.contains("name = \"Boxed\""), "{what}: {text}");
        }
    }

    /// Puts something hostile into a book.
    type Plant = dyn Fn(&Boxed);

    fn write_template(book: &Boxed, text: &str) {
        std::fs::create_dir_all(book.root().join("templates")).unwrap();
        std::fs::write(book.root().join("templates/reminder-1.en.txt"), text).unwrap();
    }

    /// `--send` runs `send_command` from its argument list: shell syntax in the command, in a
    /// contact's name or e-mail, or in a memo stays text, and nothing is run by a shell.
    #[test]
    fn the_send_command_is_never_built_through_a_shell() {
        use std::os::unix::fs::PermissionsExt;
        let book = Boxed::new();
        let root = book.root();
        let argv_file = root.join("argv.txt");
        let sender = root.join("fake-sendmail");
        std::fs::write(
            &sender,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\ncat > /dev/null\n",
                argv_file.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&sender, std::fs::Permissions::from_mode(0o755)).unwrap();
        let pwned = |n: u32| root.join(format!("pwned{n}"));
        let config = format!(
            "name = \"Boxed\"\ncurrency = \"EUR\"\n[company]\nemail = \"billing@boxed.example\"\n\
             [dunning]\nsend_command = [\"{}\", \"-t\", \"$(touch {})\", \"x; touch {}\", \"`touch {}`\"]\n",
            sender.display(),
            pwned(1).display(),
            pwned(2).display(),
            pwned(3).display()
        );
        std::fs::write(root.join("folio.toml"), config).unwrap();
        std::fs::write(
            root.join("contacts/acme.toml"),
            format!(
                "name = \"Acme $(touch {}) `touch {}`\"\nemail = \"ap@acme.example\"\n",
                pwned(4).display(),
                pwned(5).display()
            ),
        )
        .unwrap();
        std::fs::write(
            root.join("journal/2026.journal"),
            format!(
                "2026-01-05 invoice INV-2026-0001 acme 100.00 due:2026-01-10 ; $(touch {}) | tee x\n",
                pwned(6).display()
            ),
        )
        .unwrap();
        let output = book.run(&["remind", "--as-of", "2026-02-11", "--send"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let argv = std::fs::read_to_string(&argv_file).unwrap();
        assert_eq!(
            argv,
            format!(
                "-t\n$(touch {})\nx; touch {}\n`touch {}`\n",
                pwned(1).display(),
                pwned(2).display(),
                pwned(3).display()
            ),
            "the arguments arrive exactly as configured"
        );
        for n in 1..=6 {
            assert!(!pwned(n).exists(), "pwned{n} was created: a shell ran");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Privacy.

const PERSONAL: [&str; 7] = [
    "Étienne Faure-Secret",
    "etienne@private.example",
    "+33 6 12 34 56 78",
    "FR40303265045",
    "12 rue Cachée",
    "Lena-Manager",
    "complained about the delay",
];

fn personal_contact(bad_line: &str) -> String {
    format!(
        "name = \"{}\"\nemail = \"{}\"\nphone = \"{}\"\nvat = \"{}\"\n{bad_line}\n[address]\nstreet = \"{}\"\ncity = \"Paris\"\ncountry = \"FR\"\n[custom]\naccount_manager = \"{}\"\n[[notes]]\ndate = 2026-01-12\nkind = \"complaint\"\ntext = \"{}\"\n",
        PERSONAL[0], PERSONAL[1], PERSONAL[2], PERSONAL[3], PERSONAL[4], PERSONAL[5], PERSONAL[6]
    )
}

#[test]
fn errors_about_a_contact_file_show_only_the_field_at_fault() {
    for bad in [
        "terms = \"thirty\"",
        "colour = \"blue\"",
        "since = \"soon\"",
    ] {
        let book = TestBook::new().contact("etienne", &personal_contact(bad));
        let output = book.folio(&["check"]).output().unwrap();
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(65), "{bad}: {text}");
        for personal in PERSONAL {
            assert!(
                !text.contains(personal),
                "{bad}: `{personal}` leaked:\n{text}"
            );
        }
        // `contact set` refusing an edit says as little.
        let output = book
            .folio(&["contact", "set", "etienne", "terms=-1"])
            .output()
            .unwrap();
        let text = stderr(&output);
        assert_ne!(output.status.code(), Some(0), "{text}");
        for personal in PERSONAL {
            assert!(
                !text.contains(personal),
                "set: `{personal}` leaked:\n{text}"
            );
        }
    }
}

#[test]
fn errors_about_journal_lines_show_the_line_not_the_contact() {
    let book = TestBook::new()
        .contact("etienne", &personal_contact("terms = 30"))
        .journal(
            "2026",
            "2026-01-15 invoice INV-1 etienne 10.00\n2026-01-16 payment PAY-1 etienne 5 ref:NOPE\n2026-01-17 invoice INV-1 etienne 1\n2026-01-18 invoice INV-3 etienne 1,5\n",
        );
    let output = book.folio(&["check"]).output().unwrap();
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(65), "{text}");
    for personal in PERSONAL {
        assert!(!text.contains(personal), "`{personal}` leaked:\n{text}");
    }
}

#[cfg(unix)]
#[test]
fn new_files_keep_the_permissions_of_their_siblings() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let book = TestBook::new()
        .customer("acme")
        .journal("2025", "2025-12-01 invoice INV-2025-0001 acme 5.00\n");
    let private = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(book.path().join("contacts/acme.toml"), private.clone()).unwrap();
    std::fs::set_permissions(book.path().join("journal/2025.journal"), private).unwrap();
    book.stdout(&["contact", "add", "beta", "--name", "Beta"]);
    assert_eq!(mode(&book.path().join("contacts/beta.toml")), 0o600);
    // A rewrite keeps the file's own mode.
    book.stdout(&["contact", "set", "acme", "phone=+32 2 555 01 23"]);
    assert_eq!(mode(&book.path().join("contacts/acme.toml")), 0o600);
    // A new year's journal file is as private as last year's.
    book.stdout(&["invoice", "acme", "10", "--date", "2026-01-10"]);
    assert_eq!(mode(&book.path().join("journal/2026.journal")), 0o600);
    // And with readable siblings, new files are readable as usual.
    let open = TestBook::new().customer("acme");
    std::fs::set_permissions(
        open.path().join("contacts/acme.toml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    open.stdout(&["contact", "add", "beta", "--name", "Beta"]);
    assert_eq!(mode(&open.path().join("contacts/beta.toml")), 0o644);
}
