//! Mapping the file's columns to contact fields: by name or alias, `custom.NAME`, or `--map`.

use super::{Key, Options, alias, is_field};
use crate::diagnostic::did_you_mean;
use crate::input::csv::{Table, header_key};
use std::collections::HashMap;

/// Where each column goes: a field name or `custom.NAME`.
pub(super) fn columns(
    table: &Table,
    options: &Options,
) -> Result<(Vec<Option<String>>, Vec<String>), String> {
    let mut targets = vec![None; table.header.cells.len()];
    let mut mapped = vec![false; table.header.cells.len()];
    for (column, field) in &options.maps {
        let index = table.column(column).ok_or_else(|| {
            let names: Vec<&str> = table.header.cells.iter().map(|c| c.text.trim()).collect();
            match did_you_mean(column, names.iter().copied()) {
                Some(near) => {
                    format!("--map {column}={field}: no column `{column}`; did you mean `{near}`?")
                }
                None => format!(
                    "--map {column}={field}: no column `{column}` in the header ({})",
                    names.join(", ")
                ),
            }
        })?;
        mapped[index] = true;
        targets[index] = (!field.is_empty() && field != "-").then(|| field.clone());
    }
    let mut ignored = Vec::new();
    for (index, cell) in table.header.cells.iter().enumerate() {
        if mapped[index] {
            continue;
        }
        let key = header_key(&cell.text);
        let field = if is_field(&key) {
            Some(key.clone())
        } else if let Some(field) = alias(&key) {
            Some(field.to_string())
        } else {
            key.strip_prefix("custom.")
                .filter(|n| !n.is_empty())
                .map(|name| format!("custom.{name}"))
        };
        match field {
            Some(field) => targets[index] = Some(field),
            None => ignored.push(cell.text.trim().to_string()),
        }
    }
    // Two columns for one field would make the result depend on their order.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, target) in targets.iter().enumerate() {
        if let Some(target) = target
            && let Some(first) = seen.insert(target, index)
        {
            return Err(format!(
                "columns `{}` and `{}` both fill `{target}`: map one of them elsewhere with --map COLUMN=field (or --map COLUMN=- to ignore it)",
                table.column_name(first),
                table.column_name(index)
            ));
        }
    }
    Ok((targets, ignored))
}

/// Checks that some column gives the name, the id or the key of a contact.
pub(super) fn check_identifying(
    table: &Table,
    targets: &[Option<String>],
    key: Key,
) -> Result<(), String> {
    let key = key.field();
    if targets
        .iter()
        .flatten()
        .any(|t| t == "name" || t == "id" || t == key)
    {
        return Ok(());
    }
    Err(format!(
        "no column gives the name (or the id) of a contact; the header has {}. Name a column `name`, or map one with --map COLUMN=name",
        table
            .header
            .cells
            .iter()
            .map(|c| format!("`{}`", c.text.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}
