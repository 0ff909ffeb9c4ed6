//! Embeds the built-in templates (`templates/*`) and translation files (`locales/<lang>/*.ftl`)
//! by listing their folders, so a language or template is built in by adding its files: no list
//! in the code to extend.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut code = String::new();

    let mut templates = files(&root.join("templates"));
    templates.sort();
    code.push_str("/// The built-in templates: (file name, text).\n");
    code.push_str("pub(crate) const TEMPLATE_FILES: &[(&str, &str)] = &[\n");
    for (name, path) in &templates {
        writeln!(code, "    ({name:?}, include_str!({path:?})),").ok();
    }
    code.push_str("];\n\n");

    code.push_str("/// The built-in translation files: (language, group, text).\n");
    code.push_str("pub(crate) const LOCALE_FILES: &[(&str, &str, &str)] = &[\n");
    let mut languages = folders(&root.join("locales"));
    languages.sort();
    for (language, folder) in &languages {
        let mut groups = files(folder);
        groups.sort();
        for (name, path) in groups {
            if let Some(group) = name.strip_suffix(".ftl") {
                writeln!(
                    code,
                    "    ({language:?}, {group:?}, include_str!({path:?})),"
                )
                .ok();
            }
        }
    }
    code.push_str("];\n");

    println!("cargo::rerun-if-changed=templates");
    println!("cargo::rerun-if-changed=locales");
    for (_, folder) in &languages {
        println!("cargo::rerun-if-changed={}", folder.display());
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("builtin_files.rs"), code).expect("OUT_DIR is writable");
}

/// The plain files directly in `dir` (hidden ones left out): (name, absolute path).
fn files(dir: &Path) -> Vec<(String, String)> {
    entries(dir)
        .filter(|(_, path)| path.is_file())
        .map(|(name, path)| (name, path.display().to_string()))
        .collect()
}

/// The folders directly in `dir`: (name, path).
fn folders(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    entries(dir).filter(|(_, path)| path.is_dir()).collect()
}

fn entries(dir: &Path) -> impl Iterator<Item = (String, std::path::PathBuf)> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            (!name.starts_with('.')).then(|| (name, entry.path()))
        })
}
