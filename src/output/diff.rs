//! What a change does to a book ([`crate::report::diff::BookDiff`]) as lines of text under
//! section headings, or as JSON (docs/commands/diff.md lists the keys).

use crate::journal::Side;
use crate::money::format_amount;
use crate::report::diff::{BookDiff, EntrySummary, FieldChange};
use serde_json::{Value, json};

/// The diff as text: a heading per section that has something, its items indented under it.
pub fn lines(diff: &BookDiff) -> Vec<String> {
    let mut lines = Vec::new();
    let mut section = |heading: &str, items: Vec<String>| {
        if !items.is_empty() {
            lines.push(heading.to_string());
            lines.extend(items.into_iter().map(|item| format!("  {item}")));
        }
    };
    section(
        "Documents issued",
        diff.issued.iter().map(entry_line).collect(),
    );
    section(
        "Documents voided",
        diff.voided
            .iter()
            .map(|v| format!("{}  {}  by {}", v.id, v.contact, v.by))
            .collect(),
    );
    section(
        "Documents edited (their file changed)",
        diff.edited
            .iter()
            .map(|(id, contact)| format!("{id}  {contact}").trim_end().to_string())
            .collect(),
    );
    // Issued documents are listed once, above.
    let other_added = diff.added.iter().filter(|e| !diff.issued.contains(e));
    section("Entries added", other_added.map(entry_line).collect());
    section(
        "Entries removed",
        diff.removed.iter().map(entry_line).collect(),
    );
    section(
        "Entries changed",
        diff.changed
            .iter()
            .map(|c| {
                let e = &c.entry;
                format!(
                    "{}  {}  {}: {}",
                    e.id,
                    e.kind.as_str(),
                    e.contact,
                    changes(&c.changes)
                )
            })
            .collect(),
    );
    section("Contacts added", diff.contacts_added.clone());
    section("Contacts removed", diff.contacts_removed.clone());
    section(
        "Contacts changed",
        diff.contacts_changed
            .iter()
            .map(|c| format!("{}: {}", c.id, changes(&c.changes)))
            .collect(),
    );
    section(
        "Balances (before → after)",
        diff.balances
            .iter()
            .map(|b| {
                format!(
                    "{}  {}  {}  balance {} → {}  overdue {} → {}",
                    b.contact,
                    side_name(b.side),
                    b.currency,
                    format_amount(b.balance_before),
                    format_amount(b.balance_after),
                    format_amount(b.overdue_before),
                    format_amount(b.overdue_after),
                )
            })
            .collect(),
    );
    lines
}

fn entry_line(entry: &EntrySummary) -> String {
    let mut line = format!(
        "{}  {}  {}  {}  {} {}",
        entry.id,
        entry.kind.as_str(),
        entry.contact,
        entry.date,
        format_amount(entry.amount),
        entry.currency
    );
    if let Some(reference) = &entry.reference {
        line.push_str(&format!("  ref:{reference}"));
    }
    line
}

/// `amount 500.00 → 600.00, vat (none) → 21`.
fn changes(changes: &[FieldChange]) -> String {
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_string());
    changes
        .iter()
        .map(|c| format!("{} {} → {}", c.field, value(&c.old), value(&c.new)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Receivables => "receivables",
        Side::Payables => "payables",
    }
}

/// The diff as one JSON object; amounts are strings, unset values null.
pub fn json(diff: &BookDiff) -> Value {
    let entries = |list: &[EntrySummary]| -> Vec<Value> { list.iter().map(entry_json).collect() };
    json!({
        "documents": {
            "issued": entries(&diff.issued),
            "voided": diff.voided.iter().map(|v| json!({
                "id": v.id, "contact": v.contact, "by": v.by,
            })).collect::<Vec<_>>(),
            "edited": diff.edited.iter().map(|(id, contact)| json!({
                "id": id, "contact": contact,
            })).collect::<Vec<_>>(),
        },
        "entries": {
            "added": entries(&diff.added),
            "removed": entries(&diff.removed),
            "changed": diff.changed.iter().map(|c| {
                let mut value = entry_json(&c.entry);
                value["changes"] = changes_json(&c.changes);
                value
            }).collect::<Vec<_>>(),
        },
        "contacts": {
            "added": diff.contacts_added,
            "removed": diff.contacts_removed,
            "changed": diff.contacts_changed.iter().map(|c| json!({
                "id": c.id, "changes": changes_json(&c.changes),
            })).collect::<Vec<_>>(),
        },
        "balances": diff.balances.iter().map(|b| json!({
            "contact": b.contact,
            "side": side_name(b.side),
            "currency": b.currency.to_string(),
            "balance_before": format_amount(b.balance_before),
            "balance_after": format_amount(b.balance_after),
            "overdue_before": format_amount(b.overdue_before),
            "overdue_after": format_amount(b.overdue_after),
        })).collect::<Vec<_>>(),
    })
}

fn entry_json(entry: &EntrySummary) -> Value {
    json!({
        "id": entry.id,
        "kind": entry.kind.as_str(),
        "contact": entry.contact,
        "date": entry.date.to_string(),
        "amount": format_amount(entry.amount),
        "currency": entry.currency.to_string(),
        "ref": entry.reference,
    })
}

fn changes_json(changes: &[FieldChange]) -> Value {
    Value::Array(
        changes
            .iter()
            .map(|c| json!({"field": c.field, "old": c.old, "new": c.new}))
            .collect(),
    )
}
