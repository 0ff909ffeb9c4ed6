//! The files a received document embeds, kept beside it under safe names: a name the sender
//! chose never reaches the file system as given.

use super::parse::Attachment;

/// The longest attachment file name folio writes, in bytes (file systems allow 255).
const MAX_NAME: usize = 100;

/// The extension a MIME type of the attachments Peppol allows usually has.
fn extension_of(mime: Option<&str>) -> &'static str {
    match mime.map(str::trim) {
        Some("application/pdf") => "pdf",
        Some("image/png") => "png",
        Some("image/jpeg") => "jpg",
        Some("text/csv") => "csv",
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") => "xlsx",
        Some("application/vnd.oasis.opendocument.spreadsheet") => "ods",
        _ => "bin",
    }
}

/// A safe file name from the one the sender gave: its last path component, with every
/// character but ASCII letters, digits, `.`, `_` and `-` turned into `_`, no leading dot or
/// dash, at most [`MAX_NAME`] bytes (the end, with the extension, kept). `None` when nothing
/// usable is left.
fn safe_name(given: &str) -> Option<String> {
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let mapped: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = mapped.trim_start_matches(['.', '-', '_']);
    if !trimmed.chars().any(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let name = if trimmed.len() > MAX_NAME {
        trimmed[trimmed.len() - MAX_NAME..]
            .trim_start_matches(['.', '-', '_'])
            .to_string()
    } else {
        trimmed.to_string()
    };
    Some(name)
}

/// The file names the attachments are kept under, in order: safe ([`safe_name`], else
/// `attachment-N.EXT` from the MIME type), distinct (a repeated name gets `-2`, `-3`, ...
/// before its extension), and never ending in `.toml`, which `documents/` reserves for issued
/// documents (`.txt` is appended).
pub(crate) fn file_names(attachments: &[Attachment]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(attachments.len());
    for (index, attachment) in attachments.iter().enumerate() {
        let mut name = attachment
            .filename
            .as_deref()
            .and_then(safe_name)
            .unwrap_or_else(|| {
                format!(
                    "attachment-{}.{}",
                    index + 1,
                    extension_of(attachment.mime.as_deref())
                )
            });
        if name.to_ascii_lowercase().ends_with(".toml") {
            name.push_str(".txt");
        }
        let (stem, extension) = match name.rfind('.').filter(|&i| i > 0) {
            Some(i) => (name[..i].to_string(), name[i..].to_string()),
            None => (name.clone(), String::new()),
        };
        let taken = |candidate: &str| names.iter().any(|n| n.eq_ignore_ascii_case(candidate));
        let unique = (1u32..)
            .map(|n| match n {
                1 => name.clone(),
                n => format!("{stem}-{n}{extension}"),
            })
            .find(|candidate| !taken(candidate))
            .unwrap_or(name);
        names.push(unique);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(filename: Option<&str>, mime: Option<&str>) -> Attachment {
        Attachment {
            filename: filename.map(str::to_string),
            mime: mime.map(str::to_string),
            content: Vec::new(),
        }
    }

    #[test]
    fn a_name_with_a_path_or_odd_characters_stays_inside_the_folder() {
        let names = file_names(&[
            named(Some("../../etc/passwd"), None),
            named(Some("C:\\Users\\x\\facture n°1.pdf"), None),
            named(Some(".hidden"), None),
            named(Some("..."), Some("application/pdf")),
            named(None, Some("image/png")),
            named(Some("book.toml"), None),
        ]);
        assert_eq!(
            names,
            [
                "passwd",
                "facture_n_1.pdf",
                "hidden",
                "attachment-4.pdf",
                "attachment-5.png",
                "book.toml.txt"
            ]
        );
    }

    #[test]
    fn repeated_names_are_numbered() {
        let names = file_names(&[
            named(Some("scan.pdf"), None),
            named(Some("scan.pdf"), None),
            named(Some("SCAN.pdf"), None),
        ]);
        assert_eq!(names, ["scan.pdf", "scan-2.pdf", "SCAN-3.pdf"]);
    }

    #[test]
    fn a_long_name_keeps_its_end() {
        let long = format!("{}.pdf", "a".repeat(300));
        let name = &file_names(&[named(Some(&long), None)])[0];
        assert_eq!(name.len(), MAX_NAME);
        assert!(name.ends_with(".pdf"));
    }
}
