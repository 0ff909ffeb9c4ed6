//! `folio contact show`: a contact's fields (as the contact field table lists them), balances,
//! credit status and last notes.

use crate::book::contact_fields::{self, Shown, Value};
use crate::book::{Contact, Location};
use crate::cli::settings::{FormatArg, parse_end_date, today};
use crate::error::Result;
use crate::output::{self, Format, Style};
use crate::report::directory::{self, Card, CardAddress, CardPerson};
use crate::tabular::{Cell, Column, FieldRows, Rows, Tabular};
use crate::text::{visible, visible_line};
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct ShowArgs {
    /// The contact id.
    id: String,
    /// Output format (table: a readable card).
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// Balances as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
}

/// Shows the card of a contact as of `--as-of`.
pub(super) fn run(
    args: &ShowArgs,
    location: &Location,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let book = crate::checks::load_valid(location)?;
    let index = book.require_contact(&args.id)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let card = directory::card(&book, index, as_of);
    let fields = FieldRows(field_lines(&book.contacts[index as usize], &card));
    match args.format {
        FormatArg::Json => output::json::write_value(&card, out)?,
        FormatArg::Csv => output::render(&fields, Format::Csv, style, out)?,
        FormatArg::Table => write_card(&card, &fields, as_of, style, out)?,
    }
    Ok(())
}

/// The lines of the card's fields, `(field, value)`, in the order and the way the contact field
/// table says; the card gives what the book adds (the default terms) and the custom fields.
fn field_lines(contact: &Contact, card: &Card) -> Vec<(String, String)> {
    let mut lines = vec![("id".to_string(), card.id.clone())];
    for field in contact_fields::card_order() {
        let label = field.column.unwrap_or(field.key);
        let value = (field.value)(contact);
        match field.shown {
            Shown::No => {}
            Shown::Always | Shown::WhenSet => {
                if let Some(text) = shown_text(&value, field.shown == Shown::Always) {
                    lines.push((label.to_string(), text));
                }
            }
            Shown::Terms => lines.push((label.to_string(), format!("{} days", card.terms))),
            Shown::Address => {
                if let Some(address) = address_line(&card.address) {
                    lines.push(("address".into(), address));
                }
            }
            Shown::Shipping => {
                if let Some(address) = address_line(&card.shipping) {
                    lines.push(("shipping".into(), address));
                }
            }
            Shown::People => {
                for person in &card.people {
                    lines.push(("person".into(), person_line(person)));
                }
            }
            Shown::Recurring => {
                for line in &card.recurring {
                    lines.push(("recurring".into(), line.clone()));
                }
            }
            Shown::OptedOut => {
                if value == Value::Bool(Some(false)) {
                    lines.push((label.to_string(), "opted out".into()));
                }
            }
            Shown::Yes => {
                if value == Value::Bool(Some(true)) {
                    lines.push((label.to_string(), "yes".into()));
                }
            }
            Shown::Custom => {
                for (key, value) in &card.custom {
                    let shown = value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_string);
                    lines.push((format!("custom.{key}"), shown));
                }
            }
            Shown::Contracts => {
                for contract in &card.contracts {
                    let value = contract
                        .value
                        .as_deref()
                        .map_or(String::new(), |v| format!(", value {v}"));
                    lines.push((
                        "contract".into(),
                        format!(
                            "{}, {} to {}, notice by {} ({} days){value}",
                            contract.name,
                            contract.start,
                            contract.end,
                            contract.notice_by,
                            contract.notice_days
                        ),
                    ));
                }
            }
        }
    }
    lines.extend(collection_lines(card));
    lines
}

/// The card's disputed items and promises to pay, one line each.
fn collection_lines(card: &Card) -> Vec<(String, String)> {
    let disputes = card.disputes.iter().map(|d| {
        let reason = if d.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", d.reason)
        };
        let line = format!("{} since {}{reason}", d.document, d.since);
        ("disputed".to_string(), line)
    });
    let promises = card.promises.iter().map(|p| {
        let covers = p.document.as_deref().unwrap_or("all open items");
        let note = p
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" ({n})"));
        let line = format!(
            "{} on {}: {} by {}, {}{note}",
            covers, p.date, p.amount, p.until, p.status
        );
        ("promise".to_string(), line)
    });
    disputes.chain(promises).collect()
}

/// A value as one line of the card: lists joined with ", "; nothing when absent (or an empty
/// list, unless `always`).
fn shown_text(value: &Value<'_>, always: bool) -> Option<String> {
    match value {
        Value::Text(text) => text.map(str::to_string),
        Value::List(items) => (always || !items.is_empty()).then(|| items.join(", ")),
        Value::Days(days) => days.map(|d| d.to_string()),
        Value::Amount(amount) => amount.map(crate::money::format_amount),
        Value::Date(date) => date.map(|d| d.to_string()),
        Value::Bool(flag) => flag.map(|b| b.to_string()),
        Value::Custom(_)
        | Value::Notes(_)
        | Value::Contracts(_)
        | Value::People(_)
        | Value::Recurring(_) => None,
    }
}

/// Name (role), e-mail, phone.
fn person_line(person: &CardPerson) -> String {
    let mut line = person.name.clone();
    if let Some(role) = &person.role {
        line.push_str(&format!(" ({role})"));
    }
    for part in [&person.email, &person.phone].into_iter().flatten() {
        line.push_str(", ");
        line.push_str(part);
    }
    line
}

/// Street, postcode and city, region, country on one line.
fn address_line(a: &CardAddress) -> Option<String> {
    let place = [&a.postcode, &a.city]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let address: Vec<String> = [
        a.street.clone(),
        Some(place).filter(|p| !p.is_empty()),
        a.region.clone(),
        a.country.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!address.is_empty()).then(|| address.join(", "))
}

/// Balances as a table.
struct Balances<'a>(&'a Card);

impl Tabular for Balances<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("side"),
            Column::text("currency"),
            Column::amount("debits").priority(2),
            Column::amount("credits").priority(2),
            Column::amount("balance"),
            Column::amount("overdue").priority(1),
            Column::amount("open_items").priority(3),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let amount = |text: &str| {
            crate::money::parse_decimal(text)
                .map_or_else(|| Cell::from(text.to_string()), Cell::Amount)
        };
        self.0
            .balances
            .iter()
            .map(|b| {
                let side = match b.side {
                    crate::journal::Side::Receivables => "receivables",
                    crate::journal::Side::Payables => "payables",
                };
                vec![
                    Cell::from(side),
                    Cell::from(b.currency.clone()),
                    amount(&b.debits),
                    amount(&b.credits),
                    amount(&b.balance),
                    amount(&b.overdue),
                    Cell::Integer(b.open_items as i64),
                ]
            })
            .collect()
    }
}

fn write_card(
    card: &Card,
    fields: &FieldRows,
    as_of: NaiveDate,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let pairs = &fields.0;
    let width = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (key, value) in pairs {
        // A long value (a person, an address, a contract) continues under itself.
        let value = output::table::hanging(&visible(value), width + 2, style.width);
        writeln!(out, "{key:width$}  {value}")?;
    }
    writeln!(out)?;
    if card.balances.is_empty() {
        writeln!(out, "No entries as of {as_of}.")?;
    } else {
        writeln!(out, "Balances as of {as_of}:")?;
        output::table::write(&Balances(card), style, out)?;
    }
    if let Some(credit) = &card.credit {
        let utilization = credit
            .utilization
            .as_deref()
            .map_or(String::new(), |u| format!(", utilization {u}"));
        let hold = if credit.hold { ", ON HOLD" } else { "" };
        let line = format!(
            "Credit: exposure {} of limit {} {}{utilization}: {}{hold}",
            credit.exposure, credit.limit, credit.currency, credit.status
        );
        writeln!(out, "{}", output::table::hanging(&line, 2, style.width))?;
    }
    if !card.notes.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Notes (last {} of {}):",
            card.notes.len(),
            card.note_count
        )?;
        for note in &card.notes {
            let kind = visible_line(&note.kind);
            let mut about = String::new();
            if let Some(state) = note.state {
                about.push_str(&format!("[{}] ", state.as_str()));
            }
            if let Some(document) = &note.document {
                about.push_str(&format!("({}) ", visible_line(document)));
            }
            // The text starts after the number, the date and the kind: 2 + 3 + 2 + 10 + 2 + 11
            // + 1 columns, and what is said about the note.
            let indent = 31 + unicode_width::UnicodeWidthStr::width(about.as_str());
            let text = output::table::hanging(&visible(&note.text), indent, style.width);
            writeln!(
                out,
                "  {:>3}  {}  {kind:<11} {about}{text}",
                note.number, note.date
            )?;
        }
    }
    Ok(())
}
