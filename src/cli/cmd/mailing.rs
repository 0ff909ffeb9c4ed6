//! `folio mailing SEGMENT`.

use crate::cli::Context;
use crate::cli::common::{WindowArg, write_notes};
use crate::cli::settings::parse_end_date;
use crate::cli::settings::today;
use crate::error::Result;
use crate::export::vcard::{self, Card};
use crate::output::{self, Format, Style};
use crate::report::mailing::{self, Channel, Mailing, Recipient};
use crate::report::metrics::{self, Settings};
use crate::report::segments::{self, Segment};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio mailing`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Archived contacts and those opted out of mailings (preferences.newsletter = false) are never listed. \
Members without an e-mail address are named in a note (on stderr with csv, json and vcard); --postal lists \
those of them with a full address (street, postcode, city, country) instead.\n\n\
Examples:\n  folio --book examples/demo mailing vip --format csv > vip.csv\n  \
folio --book examples/demo mailing rfm:at-risk --format vcard > at-risk.vcf\n  \
folio --book examples/demo mailing all --postal --format csv > letters.csv"
)]
pub struct Args {
    /// The segment: a [segments.NAME] of folio.toml, a built-in one (`folio segments`), or `all`.
    segment: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MailingFormat::Table)]
    format: MailingFormat,
    /// Membership as of this date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true)]
    as_of: Option<NaiveDate>,
    #[command(flatten)]
    window: WindowArg,
    /// A postal mailing: the members without an e-mail address and with a full postal address.
    #[arg(long)]
    postal: bool,
    /// Write CSV cells exactly as they are, without neutralising formula-like text.
    #[arg(long)]
    raw: bool,
}

/// `--format` of `folio mailing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MailingFormat {
    /// Aligned columns.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// vCard 4.0 (RFC 6350), one card per recipient.
    Vcard,
}

/// Prints the recipients of a mailing to a segment.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let rules = segments::compile_rules(&book.config)?;
    let segment = Segment::find(&args.segment, &rules)?;
    let settings = Settings::of(book);
    let window = args.window.window(&settings);
    let as_of = args.as_of.unwrap_or_else(today);
    let revenue = crate::cli::common::revenue(book)?;
    let analytics = metrics::analyze(book, &settings, &revenue, as_of, window);
    let outcome = segments::members(book, &analytics, &rules, segment.clone())?;
    let channel = if args.postal {
        Channel::Postal
    } else {
        Channel::Email
    };
    let list = mailing::mailing(book, &outcome.members, channel);
    let style = Style {
        raw_csv: args.raw,
        ..style
    };
    let format = match args.format {
        MailingFormat::Table => Format::Table,
        MailingFormat::Csv => Format::Csv,
        MailingFormat::Json => Format::Json,
        MailingFormat::Vcard => {
            let cards: Vec<Card> = list.recipients.iter().map(card).collect();
            vcard::write(&cards, out)?;
            Format::Csv
        }
    };
    if args.format != MailingFormat::Vcard {
        output::render(&list, format, style, out)?;
    }
    let mut notes: Vec<String> = segments::failure_note(&segment.name(&rules), &outcome)
        .into_iter()
        .collect();
    notes.extend(left_out(&list));
    write_notes(&notes, format, out)
}

/// What was left out, for a note.
fn left_out(list: &Mailing) -> Vec<String> {
    let mut notes = Vec::new();
    if !list.without_email.is_empty() {
        let postal = match list.postal {
            0 => String::new(),
            n => format!(" ({n} with a full address: see --postal)"),
        };
        notes.push(format!(
            "{} member(s) without an e-mail address are not listed: {}{postal}",
            list.without_email.len(),
            list.without_email.join(", ")
        ));
    }
    if !list.without_address.is_empty() {
        notes.push(format!(
            "{} member(s) without an e-mail address nor a full postal address are not listed: {}",
            list.without_address.len(),
            list.without_address.join(", ")
        ));
    }
    if list.by_email > 0 {
        notes.push(format!(
            "{} member(s) with an e-mail address are in the e-mail mailing, not here",
            list.by_email
        ));
    }
    if list.opted_out + list.archived > 0 {
        notes.push(format!(
            "left out: {} opted out of mailings, {} archived",
            list.opted_out, list.archived
        ));
    }
    notes
}

/// A recipient as a vCard: FN, EMAIL, LANG, ADR, and the contact id in X-FOLIO-CONTACT.
fn card(recipient: &Recipient) -> Card {
    let mut card = Card::new();
    card.text("FN", &recipient.name);
    if let Some(email) = &recipient.email {
        card.text("EMAIL", email);
    }
    if let Some(language) = &recipient.language {
        card.text("LANG", language);
    }
    let part = |p: &Option<String>| p.clone().unwrap_or_default();
    let address = [
        String::new(),
        String::new(),
        part(&recipient.street),
        part(&recipient.city),
        part(&recipient.region),
        part(&recipient.postcode),
        part(&recipient.country),
    ];
    if address.iter().any(|p| !p.is_empty()) {
        let parts: Vec<&str> = address.iter().map(String::as_str).collect();
        card.components("ADR", &parts);
    }
    card.text("X-FOLIO-CONTACT", &recipient.contact);
    card
}
