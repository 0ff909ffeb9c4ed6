//! The module graph is layered: a top-level module of `src/` may use only modules of the layers
//! below its own, and the modules of one layer never depend on each other in a cycle. The layers
//! are read from docs/architecture.md (the block between `<!-- layers -->` and
//! `<!-- /layers -->`), so the documentation and this test cannot disagree; the dependencies are
//! read from the code's own paths (`crate::x`, `use crate::{x, y}`, `super::x` reaching the crate
//! root), comments and string literals left out. The command files under `src/cli/cmd/` never
//! use each other either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A dependency of one top-level module on another, where the code says so.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Use {
    from: String,
    to: String,
    at: String,
}

/// The layers, lowest first, each a list of top-level module names.
fn layers_of(architecture: &str) -> Vec<(String, Vec<String>)> {
    let start = architecture
        .find("<!-- layers -->")
        .expect("docs/architecture.md has a `<!-- layers -->` block");
    let end = architecture[start..]
        .find("<!-- /layers -->")
        .expect("the layers block ends with `<!-- /layers -->`");
    architecture[start..start + end]
        .lines()
        .filter_map(|line| line.trim().strip_prefix("layer "))
        .map(|line| {
            let (name, modules) = line.split_once(':').expect("`layer NAME: modules`");
            let modules = modules.split_whitespace().map(String::from).collect();
            (name.trim().to_string(), modules)
        })
        .collect()
}

/// The source text without comments, string and character literals (replaced by spaces, so
/// line numbers stay).
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 1;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 1;
                } else {
                    blank(&mut out, chars[i]);
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        } else if c == 'r' && matches!(next, Some('"' | '#')) && raw_string_start(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            i += hashes + 2;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing.chars().collect::<Vec<_>>()) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            i += closing.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    blank(&mut out, c);
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `i` starts a raw string (`r"`, `r#"`), not an identifier ending in r.
fn raw_string_start(chars: &[char], i: usize) -> bool {
    let after_identifier = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
    !after_identifier && chars.get(i + 1 + hashes) == Some(&'"')
}

/// The module path of a file under `src/`: `book/loader.rs` is `["book", "loader"]`,
/// `book/mod.rs` is `["book"]`, `lib.rs` is `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The inline modules of a file's code (`mod tests { ... }`): where each body starts and ends,
/// and its name.
fn inline_modules(code: &str) -> Vec<(usize, usize, String)> {
    let mut modules = Vec::new();
    for (offset, _) in code.match_indices("mod ") {
        let before = code[..offset].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(name) = identifier_at(code, offset + 4) else {
            continue;
        };
        let after = offset + 4 + name.len();
        let rest = code[after..].trim_start();
        if !rest.starts_with('{') {
            continue;
        }
        let open = code.len() - rest.len();
        let mut depth = 0;
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        modules.push((open, open + i, name.to_string()));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    modules
}

/// The module path at `offset` of a file: the file's, and the inline modules around it.
fn module_at(
    file_module: &[String],
    inline: &[(usize, usize, String)],
    offset: usize,
) -> Vec<String> {
    let mut module = file_module.to_vec();
    for (start, end, name) in inline {
        if *start < offset && offset < *end {
            module.push(name.clone());
        }
    }
    module
}

/// The identifier starting at `at`, if any.
fn identifier_at(code: &str, at: usize) -> Option<&str> {
    let rest = &code[at..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The top-level modules one file's code names, with their line numbers.
fn uses_of(file_module: &[String], code: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let inline = inline_modules(code);
    let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
    for (offset, _) in code.match_indices("crate::") {
        let before = code[..offset].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let at = offset + "crate::".len();
        if code[at..].starts_with('{') {
            let inside = &code[at + 1..at + code[at..].find('}').unwrap_or(0)];
            for name in top_level_names(inside) {
                found.push((name, line_of(offset)));
            }
        } else if let Some(name) = identifier_at(code, at) {
            found.push((name.to_string(), line_of(offset)));
        }
    }
    for (offset, _) in code.match_indices("super::") {
        let before = code[..offset].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut supers = 0;
        while code[offset + supers * "super::".len()..].starts_with("super::") {
            supers += 1;
        }
        // `super` from `book/loader.rs` is `book`; from `book.rs` or `book/mod.rs`, the root.
        let module = module_at(file_module, &inline, offset);
        if supers >= module.len()
            && let Some(name) = identifier_at(code, offset + supers * "super::".len())
        {
            found.push((name.to_string(), line_of(offset)));
        }
    }
    found
}

/// The first identifiers of each path in a `{a, b::c, d::{e}}` list.
fn top_level_names(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut start_of_item = true;
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => start_of_item = true,
            c if c.is_whitespace() => {}
            _ if start_of_item && depth == 0 => {
                if let Some(name) = identifier_at(list, i) {
                    names.push(name.to_string());
                }
                start_of_item = false;
            }
            _ => {}
        }
    }
    names
}

/// Every use of one top-level module by another in the given files (paths relative to `src/`).
fn dependencies(files: &[(PathBuf, String)]) -> Vec<Use> {
    let mut all = Vec::new();
    for (path, source) in files {
        let module = module_path(path);
        let from = module.first().cloned().unwrap_or_else(|| "lib".to_string());
        for (to, line) in uses_of(&module, &code_only(source)) {
            if to != from && to != "self" && to != "super" {
                let at = format!("src/{}:{line}", path.display());
                all.push(Use {
                    from: from.clone(),
                    to,
                    at,
                });
            }
        }
    }
    all
}

/// The uses the block forbids although the layers allow them: `forbid report: fsio input` (a
/// report reads and writes no file).
fn forbidden_of(architecture: &str) -> Vec<(String, Vec<String>)> {
    architecture
        .lines()
        .filter_map(|line| line.trim().strip_prefix("forbid "))
        .filter_map(|line| line.split_once(':'))
        .map(|(module, targets)| {
            let targets = targets.split_whitespace().map(String::from).collect();
            (module.trim().to_string(), targets)
        })
        .collect()
}

/// What breaks the layering: uses of a higher layer, unknown modules, and cycles inside a layer.
fn violations(layers: &[(String, Vec<String>)], uses: &[Use]) -> Vec<String> {
    let layer_of = |module: &str| {
        layers
            .iter()
            .position(|(_, modules)| modules.iter().any(|m| m == module))
    };
    let mut problems = BTreeSet::new();
    for found in uses {
        let (Some(from), Some(to)) = (layer_of(&found.from), layer_of(&found.to)) else {
            let unknown = if layer_of(&found.from).is_none() {
                &found.from
            } else {
                &found.to
            };
            // A name that is not a module of the crate (a type re-exported at the root) is
            // resolved by the compiler, not here.
            if Path::new("src").join(format!("{unknown}.rs")).exists()
                || Path::new("src").join(unknown).is_dir()
            {
                problems.insert(format!(
                    "{}: module `{unknown}` has no layer in docs/architecture.md",
                    found.at
                ));
            }
            continue;
        };
        if to > from {
            problems.insert(format!(
                "{}: `{}` (layer {}) uses `{}` (layer {}), a layer above it",
                found.at, found.from, layers[from].0, found.to, layers[to].0
            ));
        }
    }
    problems.extend(cycles_within_layers(&layer_of, uses));
    problems.into_iter().collect()
}

/// The uses of modules a `forbid` line rules out.
fn forbidden_uses(forbidden: &[(String, Vec<String>)], uses: &[Use]) -> Vec<String> {
    uses.iter()
        .filter(|found| {
            forbidden
                .iter()
                .any(|(module, targets)| *module == found.from && targets.contains(&found.to))
        })
        .map(|found| {
            format!(
                "{}: `{}` uses `{}`, which docs/architecture.md forbids it",
                found.at, found.from, found.to
            )
        })
        .collect()
}

/// Cycles among the modules of one layer, each shown with where each of its uses is.
fn cycles_within_layers(layer_of: &dyn Fn(&str) -> Option<usize>, uses: &[Use]) -> Vec<String> {
    let mut graph: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for found in uses {
        if layer_of(&found.from).is_some() && layer_of(&found.from) == layer_of(&found.to) {
            graph
                .entry(found.from.as_str())
                .or_default()
                .entry(found.to.as_str())
                .or_insert(found.at.as_str());
        }
    }
    let mut problems = Vec::new();
    for &start in graph.keys() {
        if let Some(cycle) = path_back(&graph, start, start, &mut BTreeSet::new()) {
            // Each cycle is reported once, from its smallest module.
            if cycle.iter().all(|m| *m >= start) {
                let mut text = format!("a cycle between modules of one layer: {start}");
                let mut from = start;
                for to in cycle {
                    text.push_str(&format!(" -> {to} ({})", graph[from][to]));
                    from = to;
                }
                problems.push(text);
            }
        }
    }
    problems
}

/// A path from `from` back to `target`, as the modules after `from`.
fn path_back<'a>(
    graph: &BTreeMap<&'a str, BTreeMap<&'a str, &'a str>>,
    from: &'a str,
    target: &'a str,
    seen: &mut BTreeSet<&'a str>,
) -> Option<Vec<&'a str>> {
    for &next in graph.get(from)?.keys() {
        if next == target {
            return Some(vec![next]);
        }
        if seen.insert(next)
            && let Some(mut rest) = path_back(graph, next, target, seen)
        {
            rest.insert(0, next);
            return Some(rest);
        }
    }
    None
}

/// The paths a file names, made absolute (`super::super::x::y` from `cli/cmd/a/b.rs` is
/// `cli::cmd::x::y`), each with its line: only their first three parts, which is what the
/// command-file rule needs.
fn absolute_paths(file_module: &[String], code: &str) -> Vec<(Vec<String>, usize)> {
    let mut found = Vec::new();
    let inline = inline_modules(code);
    let line_of = |offset: usize| code[..offset].matches('\n').count() + 1;
    for start in ["crate::", "super::"] {
        for (offset, _) in code.match_indices(start) {
            let before = code[..offset].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                module_at(file_module, &inline, offset)
            };
            let mut at = offset + start.len();
            if start == "super::" {
                base.pop();
                while code[at..].starts_with("super::") {
                    base.pop();
                    at += "super::".len();
                }
            }
            let mut parts = base;
            while parts.len() < 3 {
                let Some(name) = identifier_at(code, at) else {
                    break;
                };
                parts.push(name.to_string());
                at += name.len();
                if !code[at..].starts_with("::") {
                    break;
                }
                at += 2;
            }
            found.push((parts, line_of(offset)));
        }
    }
    found
}

/// Uses of one command's file (`cli/cmd/x.rs` or `cli/cmd/x/`) by another's: what they share
/// belongs in a shared `cli` module.
fn commands_using_each_other(files: &[(PathBuf, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, source) in files {
        let module = module_path(path);
        let [cli, cmd, command, ..] = module.as_slice() else {
            continue;
        };
        if cli != "cli" || cmd != "cmd" {
            continue;
        }
        for (target, line) in absolute_paths(&module, &code_only(source)) {
            if let [cli, cmd, other] = target.as_slice()
                && cli == "cli"
                && cmd == "cmd"
                && other != command
            {
                problems.push(format!(
                    "src/{}:{line}: command `{command}` uses command `{other}`",
                    path.display()
                ));
            }
        }
    }
    problems
}

/// Every `.rs` file under `dir`, with its path relative to `root`.
fn sources(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            let relative = path.strip_prefix(root).expect("under src/").to_path_buf();
            files.push((relative, text));
        }
    }
}

fn architecture() -> String {
    std::fs::read_to_string("docs/architecture.md").expect("docs/architecture.md")
}

#[test]
fn every_module_uses_only_the_layers_below_it_and_no_layer_has_a_cycle() {
    let layers = layers_of(&architecture());
    let mut files = Vec::new();
    sources(Path::new("src"), Path::new("src"), &mut files);
    let uses = dependencies(&files);
    let mut problems = violations(&layers, &uses);
    problems.extend(forbidden_uses(&forbidden_of(&architecture()), &uses));
    assert!(
        problems.is_empty(),
        "the module graph breaks its layers (docs/architecture.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_layer() {
    let layers = layers_of(&architecture());
    let known: BTreeSet<&str> = layers
        .iter()
        .flat_map(|(_, m)| m)
        .map(String::as_str)
        .collect();
    let mut files = Vec::new();
    sources(Path::new("src"), Path::new("src"), &mut files);
    let missing: BTreeSet<String> = files
        .iter()
        .filter_map(|(path, _)| module_path(path).first().cloned())
        .filter(|module| !known.contains(module.as_str()))
        .collect();
    assert!(missing.is_empty(), "modules without a layer: {missing:?}");
}

#[test]
fn no_command_file_uses_another() {
    let mut files = Vec::new();
    sources(Path::new("src"), Path::new("src"), &mut files);
    let problems = commands_using_each_other(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_command_using_another_is_caught_in_every_spelling() {
    for (path, text) in [
        ("cli/cmd/quote.rs", "use super::entry::LockArgs;"),
        (
            "cli/cmd/quote.rs",
            "fn f() { crate::cli::cmd::entry::run(); }",
        ),
        (
            "cli/cmd/contact/add.rs",
            "use super::super::entry::LockArgs;",
        ),
    ] {
        let files = vec![(PathBuf::from(path), text.to_string())];
        let problems = commands_using_each_other(&files);
        assert_eq!(problems.len(), 1, "{path}: {text}: {problems:?}");
        assert!(
            problems[0].ends_with("uses command `entry`"),
            "{problems:?}"
        );
    }
    let within = vec![(
        PathBuf::from("cli/cmd/contact/add.rs"),
        "use super::file::read; use crate::cli::common::LockArgs;\n\
         mod tests { use super::add; use super::super::file; }"
            .to_string(),
    )];
    assert!(commands_using_each_other(&within).is_empty());
}

/// The checker on sources made for it: what it must catch, and what it must not.
fn check(sources: &[(&str, &str)]) -> Vec<String> {
    let layers = layers_of(
        "<!-- layers -->\nlayer foundation: money text\nlayer book: book\n\
         layer report: report\nlayer services: import reconcile\n<!-- /layers -->",
    );
    let files: Vec<(PathBuf, String)> = sources
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.to_string()))
        .collect();
    violations(&layers, &dependencies(&files))
}

#[test]
fn a_use_of_a_higher_layer_is_caught_in_every_spelling() {
    for text in [
        "use crate::report::balance;",
        "use crate::{money, report::x};",
        "fn f() { crate::report::run(); }",
        "use super::super::super::report::x;",
    ] {
        let problems = check(&[("book/loader/part.rs", text)]);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
        assert!(
            problems[0].starts_with("src/book/loader/part.rs:1: `book` (layer book) uses `report`"),
            "{problems:?}"
        );
    }
}

#[test]
fn comments_strings_and_uses_inside_a_module_are_not_dependencies() {
    let text = "//! see [`crate::report`]\n/* crate::report */\n\
                const A: &str = \"crate::report\";\nconst B: &str = r#\"crate::report\"#;\n\
                const C: char = '\"'; use crate::report::x; // after a quote char\n\
                use super::loader; use crate::book::x; use crate::money::Currency;";
    let problems = check(&[("book/mod.rs", &text.replace("use crate::report::x; ", ""))]);
    assert_eq!(problems, Vec::<String>::new());
    let problems = check(&[("book/mod.rs", text)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("src/book/mod.rs:5:"),
        "{problems:?}"
    );
}

#[test]
fn a_forbidden_use_of_a_lower_layer_is_caught() {
    let forbidden = forbidden_of("<!-- layers -->\nforbid report: fsio input\n<!-- /layers -->");
    let files = vec![(
        PathBuf::from("report/alerts.rs"),
        "use crate::money::Currency;\nfn f() { crate::fsio::write_atomic(); }".to_string(),
    )];
    assert_eq!(
        forbidden_uses(&forbidden, &dependencies(&files)),
        vec!["src/report/alerts.rs:2: `report` uses `fsio`, which docs/architecture.md forbids it"]
    );
}

#[test]
fn two_services_that_use_each_other_are_a_cycle() {
    let problems = check(&[
        ("import/reader.rs", "use crate::reconcile::bank;"),
        ("reconcile/bank.rs", "\nuse crate::import::reader;"),
    ]);
    assert_eq!(
        problems,
        vec![
            "a cycle between modules of one layer: import -> reconcile (src/import/reader.rs:1) \
             -> import (src/reconcile/bank.rs:2)"
                .to_string()
        ]
    );
    assert!(check(&[("import/reader.rs", "use crate::reconcile::bank;")]).is_empty());
}
