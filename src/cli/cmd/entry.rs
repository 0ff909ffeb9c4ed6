//! `folio invoice`, `payment`, `credit-note`, `refund`, `bill`, `payout` and `debit-note`: record
//! one entry.

use crate::cli::Context;
use crate::cli::common::{LockArgs, append, command_name, judge_credit, parse_meta};
use crate::cli::settings::{parse_currency_arg, parse_end_date, parse_start_date, today};
use crate::error::{Error, Result};
use crate::fsio;
use crate::journal::Kind;
use crate::money::Currency;
use crate::record::credit::{self, CreditPolicy};
use crate::record::{self, Due, NewEntry};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of the entry commands.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints the new document id. Numbers follow [numbering] in folio.toml (default INV-{year}-{seq:04}, \
CN-..., PAY-{year}-{seq:05}, ...); --id gives one yourself. The entry is checked against the whole \
book first and appended to journal/<year>.journal as one line; nothing is written when it is invalid.\n\
Exit codes: 0 recorded, 1 refused by the credit check ([credit] enforce or --enforce-credit), 2 usage, 65 invalid entry or book, 66 no book, \
74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo invoice brasserie-du-sablon 1210.00 --memo \"consulting, November\"\n  \
folio --book examples/demo payment hotel-les-tilleuls 1000 --ref INV-2026-0041 --meta method:bank\n  \
folio --book examples/demo credit-note cafe-leopold 100 --ref INV-2026-0094 --date 2026-11-25\n  \
folio --book examples/demo bill claes-partners 89.90 --id CP-77812 --due 2026-12-31\n\n\
Invoices and credit notes with line items (the amount is their total; documents/<ID>.toml holds them; \
`--items items.csv --buyer-ref PO-4711` reads the items from a CSV file):\n  \
folio --book examples/demo invoice brasserie-du-sablon --buyer-ref PO-4711 --item \"Consulting\" --qty 10 --unit h --price 120 --vat 21 --item \"Travel\" --price 80 --vat 21\n  \
folio --book examples/demo invoice maison-beaumont --order-ref PO-88 --delivery-date 2027-01-05 --deliver-to FR --item \"Brass lamps\" --qty 4 --unit pcs --price 150 --vat 0 --exempt VATEX-EU-IC\n  \
folio --book examples/demo credit-note --ref INV-2027-0001 --item \"Consulting\" --qty 1 --unit h --price 10 --vat 21")]
pub struct Args {
    /// The contact id.
    /// (Optional for a credit note with --ref: the contact of that document.)
    #[arg(value_name = "CONTACT")]
    contact: Option<String>,
    /// The amount, positive, with '.' for decimals and at most 4 of them: 1210.00.
    /// (Not with --item/--items: the amount is then the items' total.)
    #[arg(value_name = "AMOUNT", allow_negative_numbers = true)]
    amount: Option<String>,
    /// The document this entry applies to (payments, credit notes, refunds, payouts, debit notes).
    #[arg(long = "ref", value_name = "DOC")]
    reference: Option<String>,
    /// The entry's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
    /// Due date of an invoice or bill (default: date + the contact's terms, else the book's).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, conflicts_with = "terms")]
    due: Option<NaiveDate>,
    /// Payment terms in days for this invoice or bill: due = date + DAYS.
    #[arg(long, value_name = "DAYS")]
    terms: Option<u32>,
    /// The currency (default: the contact's, else the book's).
    #[arg(long, value_name = "CODE", value_parser = parse_currency_arg)]
    currency: Option<Currency>,
    /// A memo, kept after `;` on the line.
    #[arg(long, value_name = "TEXT")]
    memo: Option<String>,
    /// Free metadata, repeatable: --meta po=4711 (or po:4711).
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    meta: Vec<(String, String)>,
    /// The document id (default: the next number of the kind's pattern).
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Refuse an invoice or refund that `folio credit check` would refuse (over the limit or on
    /// hold); `[credit] enforce = true` in folio.toml does this for every such entry.
    #[arg(long)]
    enforce_credit: bool,
    /// Record an invoice or refund the credit check refuses all the same, with this reason
    /// (kept on the line as override-credit:REASON).
    #[arg(long, value_name = "REASON")]
    override_credit: Option<String>,
    #[command(flatten)]
    lock: LockArgs,
    #[command(flatten)]
    document: crate::cli::items::ItemArgs,
}

/// An entry command as typed: its kind (the subcommand's name) and its arguments.
#[derive(Debug)]
pub struct Recording<'a> {
    /// What the subcommand records.
    pub kind: Kind,
    /// Its arguments.
    pub args: &'a Args,
}

/// Records one entry of `kind` and prints its id.
pub fn run(recording: &Recording<'_>, context: &Context, out: &mut dyn Write) -> Result<()> {
    let Recording { kind, args } = *recording;
    let location = &context.location()?;
    if (args.enforce_credit || args.override_credit.is_some()) && !credit::raises_exposure(kind) {
        return Err(Error::Usage(
            "--enforce-credit and --override-credit apply to invoices and refunds only".into(),
        ));
    }
    if let Some(reason) = &args.override_credit {
        credit::override_value(reason)?;
    }
    if !kind.takes_due() && (args.due.is_some() || args.terms.is_some()) {
        return Err(Error::Usage(format!(
            "--due and --terms apply to invoices and bills, not to `folio {}`",
            command_name(kind)
        )));
    }
    if args.reference.is_some() && kind.ref_targets().is_empty() {
        return Err(Error::Usage(format!(
            "--ref is not allowed on `folio {}`: it opens an item of its own",
            command_name(kind)
        )));
    }
    let draft = args.document.draft()?;
    match (&draft, &args.amount) {
        (Some(_), Some(amount)) => {
            return Err(Error::Usage(format!(
                "give AMOUNT ({amount}) or line items, not both: with --item the amount is the items' total"
            )));
        }
        (None, None) => return Err(Error::Usage("the AMOUNT is missing".into())),
        (None, Some(amount)) => refuse_a_sign(amount, kind)?,
        _ => {}
    }
    if draft.is_none() && args.contact.is_none() {
        return Err(Error::Usage("the CONTACT is missing".into()));
    }
    let mut meta = args.meta.clone();
    if let Some(rate) = args.document.line_vat() {
        meta.push(("vat".to_string(), line_vat(kind, rate, &meta)?));
    }
    let mut new = NewEntry {
        kind,
        contact: args.contact.clone().unwrap_or_default(),
        amount: args.amount.clone().unwrap_or_default(),
        date: args.date.unwrap_or_else(today),
        due: match (args.due, args.terms) {
            (Some(date), _) => Due::On(date),
            (None, Some(days)) => Due::Days(days),
            (None, None) => Due::Terms,
        },
        currency: args.currency,
        reference: args.reference.clone(),
        meta,
        memo: args.memo.clone(),
        id: args.id.clone(),
        with_document: draft.is_some(),
    };
    let what = format!("folio {}", command_name(kind));
    let lock = args.lock.acquire(location, &what)?;
    fsio::failpoint("locked");
    let book = crate::checks::load_for_writing(location)?;
    let policy = CreditPolicy::of(
        &book,
        args.enforce_credit,
        args.override_credit.as_deref(),
        today(),
    );
    if let Some(draft) = draft {
        if new.contact.is_empty() {
            new.contact = crate::cli::items::contact_of_ref(&book, new.reference.as_deref())?;
        }
        let credit = |new: &mut NewEntry| judge_credit(&book, new, &policy);
        return crate::cli::items::record(kind, &book, new, draft, credit, out);
    }
    judge_credit(&book, &mut new, &policy)?;
    let prepared = record::prepare(&book, &new)?;
    append(&book, &prepared)?;
    drop(lock);
    writeln!(out, "{}", prepared.id)?;
    Ok(())
}

/// The `vat:` value of `--vat RATE` on an entry without items: checked as the journal reads it.
fn line_vat(kind: Kind, rate: &str, meta: &[(String, String)]) -> Result<String> {
    if !kind.takes_vat() {
        return Err(Error::Usage(format!(
            "--vat is not allowed on `folio {}`: refunds, payments and payouts carry no VAT",
            command_name(kind)
        )));
    }
    if meta.iter().any(|(key, _)| key == "vat") {
        return Err(Error::Usage(
            "give --vat or --meta vat=..., not both".into(),
        ));
    }
    crate::journal::vat::parse_vat_tag(rate).map_err(|message| {
        Error::Usage(format!(
            "--vat {rate}: {message}",
            message = message.replacen("invalid vat: ", "invalid rate ", 1)
        ))
    })?;
    Ok(rate.to_string())
}

/// A signed AMOUNT (`-50`) is refused before anything else: the kind of entry gives the
/// direction of the money, so the amount of every journal line is written positive.
fn refuse_a_sign(amount: &str, kind: Kind) -> Result<()> {
    if !amount.starts_with(['-', '+']) {
        return Ok(());
    }
    let instead = match kind {
        Kind::Invoice => "; what a customer is owed back is a `folio credit-note`",
        Kind::Payment => "; money paid back to a customer is a `folio refund`",
        Kind::Bill => "; what a supplier owes back is a `folio debit-note`",
        _ => "",
    };
    Err(Error::Usage(format!(
        "AMOUNT `{amount}` has a sign: amounts are written positive and `folio {}` gives the direction{instead}",
        command_name(kind)
    )))
}
