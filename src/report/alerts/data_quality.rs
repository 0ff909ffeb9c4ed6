//! Contact data that gets in the way: missing-contact and invalid-vat.

use super::context::Context;
use super::{Alert, AlertKind, Severity};
use crate::identifiers::vat;
use crate::ledger::Ledger;
use crate::money::format_amount;
use crate::tabular::Cell;
use rust_decimal::Decimal;

/// missing-contact: a contact with open receivable items and no e-mail and no phone (warn), or a
/// phone but no e-mail, so reminders go by post (info).
pub(super) fn missing_contacts(ctx: &Context<'_>, ledger: &Ledger) -> Vec<Alert> {
    let book = ctx.book;
    let blank = |field: &Option<String>| field.as_deref().is_none_or(|t| t.trim().is_empty());
    let mut alerts = Vec::new();
    for accounts in ledger.accounts.chunk_by(|a, b| a.contact == b.contact) {
        let items: usize = accounts.iter().map(|a| a.open_items.len()).sum();
        if items == 0 {
            continue;
        }
        let index = accounts[0].contact;
        let person = &book.contacts[index as usize];
        let (no_email, no_phone) = (blank(&person.email), blank(&person.phone));
        let (severity, what) = match (no_email, no_phone) {
            (true, true) => (Severity::Warn, "no e-mail and no phone"),
            (true, false) => (Severity::Info, "no e-mail (reminders go by post)"),
            _ => continue,
        };
        let open: Vec<String> = accounts
            .iter()
            .filter(|a| !a.open_items.is_empty())
            .map(|a| {
                let sum: Decimal = a.open_items.iter().map(|i| i.open).sum();
                format!("{} {}", format_amount(sum), a.currency)
            })
            .collect();
        let mut alert = ctx.alert(AlertKind::MissingContact, severity, Some(index));
        if accounts.len() == 1 {
            alert.currency = Some(accounts[0].currency);
        }
        alert.message = format!("{items} open item(s), {}, but {what}", open.join(", "));
        alert.values = vec![
            ("open_items", Cell::Integer(items as i64)),
            ("email", Cell::Bool(!no_email)),
            ("phone", Cell::Bool(!no_phone)),
        ];
        alerts.push(alert);
    }
    alerts
}

/// invalid-vat: a contact (not archived) whose VAT number fails its check (docs/contacts.md).
pub(super) fn invalid_vats(ctx: &Context<'_>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for (index, contact) in ctx.book.contacts.iter().enumerate() {
        let Some(number) = contact.vat.as_deref().filter(|_| !contact.archived) else {
            continue;
        };
        let Err(message) = vat::check_tax_id(number) else {
            continue;
        };
        let mut alert = ctx.alert(AlertKind::InvalidVat, Severity::Warn, Some(index as u32));
        alert.message = message;
        alert.values = vec![("vat", Cell::from(number.to_string()))];
        alerts.push(alert);
    }
    alerts
}
