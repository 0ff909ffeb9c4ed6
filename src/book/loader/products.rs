//! Reading the catalogue: every `products/**/*.toml` file, one product each.

use super::super::display_path;
use super::super::products::{Catalogue, PRODUCTS_DIR, Product, read_product};
use super::files::collect_files;
use super::text::{Text, read_text, toml_diagnostics};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::fsio::BookDir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Reads every product file; a book without a `products/` folder has an empty catalogue. A file
/// with a problem is reported at its position and its product is left out when a required key
/// could not be read.
pub(super) fn load_products(
    dir: &BookDir,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Catalogue> {
    let mut products: BTreeMap<String, (Product, PathBuf)> = BTreeMap::new();
    for relative in collect_files(dir, root, PRODUCTS_DIR, "toml", diagnostics)? {
        let shown = display_path(root, &relative);
        let Some(Text { text, .. }) = read_text(dir, &root.join(&relative), &shown, diagnostics)?
        else {
            continue;
        };
        let stem = relative.file_stem().unwrap_or_default().to_string_lossy();
        let read = read_product(&text, &stem);
        diagnostics.extend(toml_diagnostics(&shown, &text, read.problems));
        let Some(product) = read.product else {
            continue;
        };
        if let Some((_, first)) = products.get(&product.code) {
            diagnostics.push(Diagnostic::error(
                &shown,
                0,
                0,
                format!(
                    "duplicate product code `{}`: {} defines it too; a product code must be unique across all subfolders",
                    product.code,
                    first.display()
                ),
            ));
            continue;
        }
        products.insert(product.code.clone(), (product, shown));
    }
    Ok(Catalogue::new(
        products.into_values().map(|(product, _)| product),
    ))
}
