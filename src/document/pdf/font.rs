//! The font a PDF is typeset in: the first that has every character of the document.

use crate::error::{Error, Result};
use std::path::PathBuf;
use std::sync::Arc;

/// Fonts tried in order after `$FOLIO_PDF_FONT`: (path, face index).
pub const FONT_CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    (
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        0,
    ),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", 0),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        0,
    ),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\arial.ttf", 0),
];

/// Monospaced fonts a letter prefers, so that the columns its text template aligns stay aligned
/// (a Chinese character two columns wide, as in the templates' `ljust` and `rjust`): tried after
/// `$FOLIO_PDF_FONT`, before [`FONT_CANDIDATES`].
pub const MONO_CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 1),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 1),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 7),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 7),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 0),
    ("/usr/share/fonts/TTF/DejaVuSansMono.ttf", 0),
    (
        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
        0,
    ),
    ("/System/Library/Fonts/Menlo.ttc", 0),
    ("C:\\Windows\\Fonts\\consola.ttf", 0),
];

/// How the error of a PDF without a font begins (see [`is_missing_font`]).
const NO_FONT: &str = "no font has every character of this document";

/// Whether `error` says no font could typeset a PDF (rather than that its data is wrong).
pub(crate) fn is_missing_font(error: &Error) -> bool {
    matches!(error, Error::NotFound(message) if message.starts_with(NO_FONT))
}

/// A font file chosen for a document.
pub(super) struct FontFile {
    /// The font file's bytes.
    pub(super) data: Arc<Vec<u8>>,
    /// The face within a collection.
    pub(super) index: u32,
}

/// The candidates: `$FOLIO_PDF_FONT` first, then `preferred`, then [`FONT_CANDIDATES`].
fn candidates(preferred: &[(&str, u32)]) -> Vec<(PathBuf, u32)> {
    let mut list = Vec::new();
    if let Some(value) = std::env::var_os("FOLIO_PDF_FONT").filter(|v| !v.is_empty()) {
        let text = value.to_string_lossy().into_owned();
        match text.rsplit_once('#') {
            Some((path, index)) if index.parse::<u32>().is_ok() => {
                list.push((PathBuf::from(path), index.parse().unwrap_or(0)));
            }
            _ => list.push((PathBuf::from(value), 0)),
        }
    }
    list.extend(
        preferred
            .iter()
            .chain(FONT_CANDIDATES)
            .map(|(path, index)| (PathBuf::from(path), *index)),
    );
    list
}

/// The first font that has a glyph for every character of `text`.
pub(super) fn find_font(text: &str) -> Result<FontFile> {
    find_font_among(text, &[])
}

/// The first font that has a glyph for every character of `text`, trying `preferred` before the
/// usual fonts.
pub(super) fn find_font_among(text: &str, preferred: &[(&str, u32)]) -> Result<FontFile> {
    let needed: std::collections::BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let mut best_missing: Option<(PathBuf, Vec<char>)> = None;
    for (path, index) in candidates(preferred) {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Ok(face) = ttf_parser::Face::parse(&data, index) else {
            continue;
        };
        let missing: Vec<char> = needed
            .iter()
            .copied()
            .filter(|c| face.glyph_index(*c).is_none())
            .collect();
        if missing.is_empty() {
            return Ok(FontFile {
                data: Arc::new(data),
                index,
            });
        }
        if best_missing
            .as_ref()
            .is_none_or(|(_, fewest)| missing.len() < fewest.len())
        {
            best_missing = Some((path, missing));
        }
    }
    let detail = match best_missing {
        Some((path, missing)) => format!(
            "the closest, {}, lacks {}",
            path.display(),
            missing.iter().take(8).collect::<String>()
        ),
        None => "no font was found at all".to_string(),
    };
    Err(Error::NotFound(format!(
        "{NO_FONT} ({detail}); install one \
         (Debian: `apt-get install fonts-wqy-microhei` or `fonts-noto-cjk`) or set FOLIO_PDF_FONT to a TTF/OTF/TTC file"
    )))
}
