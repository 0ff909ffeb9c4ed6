//! Shell completions and the man page: generated from the clap tree, sourced by a real bash,
//! parsed by groff, and kept in release/ by a test that fails when they are stale.

use crate::help::bin_dir;
use crate::util::{folio, repo_root};
use std::path::Path;

fn generated(args: &[&str]) -> String {
    let output = folio().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Whether `program` runs ([`crate::util::tool`]); Debian names each shell's package after it.
fn has(program: &str) -> bool {
    let package = match program {
        "groff" => "apt-get install groff-base".to_string(),
        shell => format!("apt-get install {shell}"),
    };
    crate::util::tool(program, "--version", &package)
}

/// What bash completes for the words typed so far (the last one is being completed), run in
/// the repository with the generated script sourced.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = generated(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("folio.bash");
    std::fs::write(&file, script).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let driver = format!(
        "source '{}'\nfunction_name=$(complete -p folio | sed -E 's/.*-F ([^ ]+) .*/\\1/')\n\
COMP_WORDS=({})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
COMP_POINT=${{#COMP_LINE}}\n\
\"$function_name\" folio \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display(),
        quoted.join(" ")
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &driver])
        .current_dir(repo_root())
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("FOLIO_CONFIG", "")
        .env_remove("FOLIO_BOOK")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_options_and_values() {
    assert_eq!(bash_complete(&["folio", "ag"]), ["aging"]);
    assert_eq!(bash_complete(&["folio", "credit", "sc"]), ["score"]);
    assert_eq!(bash_complete(&["folio", "aging", "--det"]), ["--detail"]);
    assert_eq!(
        bash_complete(&["folio", "aging", "--format", "j"]),
        ["json"]
    );
}

#[test]
fn bash_completes_contact_and_document_ids_from_the_book() {
    let book = ["folio", "--book", "examples/demo"];
    let with = |rest: &[&str]| {
        let mut words = book.to_vec();
        words.extend(rest);
        bash_complete(&words)
    };
    assert_eq!(with(&["statement", "hotel-"]), ["hotel-les-tilleuls"]);
    assert_eq!(
        with(&["aging", "--contact", "hotel-"]),
        ["hotel-les-tilleuls"]
    );
    assert_eq!(with(&["credit", "check", "cafe"]), ["cafe-leopold"]);
    assert_eq!(with(&["explain", "INV-2026-004"]).len(), 10);
    assert!(
        with(&["payment", "cafe-leopold", "10", "--ref", "INV-2026-0041"]) == ["INV-2026-0041"]
    );
    // Where no book is found, ids complete to nothing (and nothing is printed).
    assert!(bash_complete(&["folio", "--book", "/nonexistent", "statement", "h"]).is_empty());
}

#[test]
fn zsh_and_fish_scripts_complete_ids_and_parse() {
    let zsh = generated(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef folio"));
    assert!(
        zsh.contains(":CONTACT:_folio_contacts'"),
        "no contact completion in zsh"
    );
    assert!(
        zsh.contains("_folio_documents'"),
        "no document completion in zsh"
    );
    let fish = generated(&["completions", "fish"]);
    assert!(fish.contains("-l contact -x -a \"(__fish_folio_ids contacts)\""));
    let powershell = generated(&["completions", "powershell"]);
    assert!(powershell.contains("Register-ArgumentCompleter"));
    for (shell, script) in [("zsh", &zsh), ("fish", &fish)] {
        if !has(shell) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("script");
        std::fs::write(&file, script).unwrap();
        let output = std::process::Command::new(shell)
            .arg("-n")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn the_man_pages_render_without_groff_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let output = folio()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert!(pages.iter().any(|p| p.ends_with("folio.1")));
    assert!(pages.iter().any(|p| p.ends_with("folio-credit-check.1")));
    let root = generated(&["man"]);
    assert_eq!(
        root.as_bytes(),
        std::fs::read(dir.path().join("folio.1")).unwrap()
    );
    for section in [
        ".SH SYNOPSIS",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
    ] {
        assert!(root.contains(section), "no {section}");
    }
    if !has("groff") {
        return;
    }
    for page in &pages {
        let output = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(page)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success() && stderr.trim().is_empty(),
            "{}: {stderr}",
            page.display()
        );
    }
}

/// release/: the completion scripts and man pages as shipped. `FOLIO_UPDATE_RELEASE=1 cargo test
/// --test cli completions` writes them; without it, any difference fails.
#[test]
fn release_files_are_up_to_date() {
    let release = repo_root().join("release");
    let mut expected: Vec<(String, Vec<u8>)> = Vec::new();
    for (shell, name) in [
        ("bash", "folio.bash"),
        ("zsh", "_folio"),
        ("fish", "folio.fish"),
        ("powershell", "_folio.ps1"),
    ] {
        expected.push((
            format!("completions/{name}"),
            generated(&["completions", shell]).into_bytes(),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let output = folio()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        expected.push((
            format!("man/{}", entry.file_name().to_string_lossy()),
            std::fs::read(entry.path()).unwrap(),
        ));
    }
    let update = std::env::var_os("FOLIO_UPDATE_RELEASE").is_some_and(|v| v == "1");
    if update {
        for folder in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(release.join(folder));
            std::fs::create_dir_all(release.join(folder)).unwrap();
        }
        for (name, bytes) in &expected {
            std::fs::write(release.join(name), bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, bytes) in &expected {
        if std::fs::read(release.join(name)).ok().as_ref() != Some(bytes) {
            stale.push(name.clone());
        }
    }
    for folder in ["completions", "man"] {
        for entry in std::fs::read_dir(release.join(folder))
            .into_iter()
            .flatten()
        {
            let name = format!("{folder}/{}", entry.unwrap().file_name().to_string_lossy());
            if !expected.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{name} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "release/ is stale: {}\nregenerate with: FOLIO_UPDATE_RELEASE=1 cargo test --test cli completions::release",
        stale.join(", ")
    );
    let _ = Path::new("");
}
