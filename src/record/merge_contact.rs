//! The merge of a contact file edited on two branches, for the merge driver: key by key, as a
//! person would merge it. A key only one side changed takes that side's value; notes and other
//! arrays of tables both sides appended to keep both sides' additions; `[address]`, `[custom]`
//! and other tables merge key by key in the same way. Only a key both sides changed to different
//! values is a conflict, and then the file is left to git's line merge, with its markers.

use crate::error::{Error, Result};
use toml_edit::{DocumentMut, Item, Table};

/// Merges `theirs` into `ours` against `ancestor` (the three texts of the file); `None` when both
/// sides changed one key differently, or a text is not TOML.
pub(crate) fn merge(ancestor: &str, ours: &str, theirs: &str) -> Option<String> {
    let parse = |text: &str| text.parse::<DocumentMut>().ok();
    let (base, mut merged, other) = (parse(ancestor)?, parse(ours)?, parse(theirs)?);
    merge_tables(base.as_table(), merged.as_table_mut(), other.as_table()).ok()?;
    Some(merged.to_string())
}

/// What a key holds, compared by meaning, not by layout (`"8000.00"` written the same or with
/// another comment is the same value).
fn meaning(item: Option<&Item>) -> Option<toml::Value> {
    let item = item.filter(|item| !item.is_none())?;
    let mut table = Table::new();
    table.insert("v", item.clone());
    let text = DocumentMut::from(table).to_string();
    let value: toml::Table = toml::from_str(&text).ok()?;
    value.get("v").cloned()
}

fn merge_tables(base: &Table, ours: &mut Table, theirs: &Table) -> Result<()> {
    let mut keys: Vec<String> = Vec::new();
    for table in [base, &*ours, theirs] {
        for (key, _) in table.iter() {
            if !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
        }
    }
    for key in keys {
        let (b, o, t) = (base.get(&key), ours.get(&key), theirs.get(&key));
        let (mb, mo, mt) = (meaning(b), meaning(o), meaning(t));
        if mo == mt || mt == mb {
            continue;
        }
        if mo == mb {
            match t {
                Some(item) if !item.is_none() => {
                    ours.insert(&key, item.clone());
                }
                _ => {
                    ours.remove(&key);
                }
            }
            continue;
        }
        merge_both_changed(&key, b, ours, t)?;
    }
    Ok(())
}

/// A key both sides changed: tables merge key by key, arrays of tables keep both sides'
/// additions to the common start; anything else is a conflict.
fn merge_both_changed(
    key: &str,
    base: Option<&Item>,
    ours: &mut Table,
    theirs: Option<&Item>,
) -> Result<()> {
    let conflict = || Error::InvalidData(format!("both sides changed `{key}`"));
    let empty = Table::new();
    match (ours.get_mut(key), theirs) {
        (Some(Item::Table(mine)), Some(Item::Table(other))) => {
            let base = base.and_then(Item::as_table).unwrap_or(&empty);
            merge_tables(base, mine, other)
        }
        (Some(Item::ArrayOfTables(mine)), Some(Item::ArrayOfTables(other))) => {
            let common = base
                .and_then(Item::as_array_of_tables)
                .map_or(0, |b| b.len());
            let same_start = |array: &toml_edit::ArrayOfTables| {
                array.len() >= common
                    && (0..common).all(|i| {
                        let base = base.and_then(Item::as_array_of_tables);
                        let at = |a: &toml_edit::ArrayOfTables| {
                            a.get(i).map(|t| meaning(Some(&Item::Table(t.clone()))))
                        };
                        base.map(at) == Some(at(array))
                    })
            };
            if !same_start(mine) || !same_start(other) {
                return Err(conflict());
            }
            for table in other.iter().skip(common) {
                mine.push(table.clone());
            }
            Ok(())
        }
        _ => Err(conflict()),
    }
}

#[cfg(test)]
mod tests {
    use super::merge;

    const BASE: &str = "name = \"Acme\"\nemail = \"ap@acme.example\"\ncredit_limit = \"5000.00\"\n\n[address]\ncity = \"Brussels\"\n\n[[notes]]\ndate = 2026-01-02\nkind = \"call\"\ntext = \"first\"\n";

    #[test]
    fn keys_changed_on_one_side_each_merge_and_notes_appended_on_both_are_kept() {
        let ours = BASE
            .replace("ap@acme.example", "billing@acme.example")
            .replace(
                "city = \"Brussels\"",
                "city = \"Brussels\"\npostcode = \"1000\"",
            )
            + "\n[[notes]]\ndate = 2026-02-01\nkind = \"email\"\ntext = \"ours\"\n";
        let theirs = BASE.replace("5000.00", "8000.00")
            + "\n[[notes]]\ndate = 2026-02-03\nkind = \"call\"\ntext = \"theirs\"\n";
        let merged = merge(BASE, &ours, &theirs).expect("no conflict");
        for wanted in [
            "email = \"billing@acme.example\"",
            "credit_limit = \"8000.00\"",
            "postcode = \"1000\"",
            "text = \"first\"",
            "text = \"ours\"",
            "text = \"theirs\"",
        ] {
            assert!(merged.contains(wanted), "{wanted}: {merged}");
        }
    }

    #[test]
    fn one_key_changed_differently_on_both_sides_is_a_conflict() {
        let ours = BASE.replace("5000.00", "6000.00");
        let theirs = BASE.replace("5000.00", "8000.00");
        assert_eq!(merge(BASE, &ours, &theirs), None);
    }

    #[test]
    fn a_key_removed_on_one_side_is_removed() {
        let theirs = BASE.replace("credit_limit = \"5000.00\"\n", "");
        let merged = merge(BASE, BASE, &theirs).expect("no conflict");
        assert!(!merged.contains("credit_limit"), "{merged}");
    }
}
