//! `folio invoice`, `payment`, `credit-note`, `refund`, `bill`, `payout` and `debit-note`: record
//! one entry.

use crate::cli::Context;
use crate::cli::common::{LockArgs, append, command_name, judge_credit, parse_meta};
use crate::cli::settings::{parse_currency_arg, parse_end_date, parse_start_date, today};
use crate::document::issue::Sale;
use crate::error::{Error, Result};
use crate::fsio;
use crate::journal::Kind;
use crate::money::Currency;
use crate::record::credit::{self, CreditPolicy};
use crate::record::{self, Due, NewEntry, direct};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio invoice` and `folio credit-note`; the other entry commands are read into
/// it.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints the new document id. Numbers follow [numbering] in folio.toml (default INV-{year}-{seq:04}, \
CN-..., PAY-{year}-{seq:05}, ...); --id gives one yourself. Invoice and credit-note numbers follow \
their dates: one dated before a lower-numbered one of its sequence is refused (exit 65) unless \
--allow-backdate, which marks the line backdated:yes. The entry is checked against the whole \
book first and appended to journal/<year>.journal as one line; nothing is written when it is invalid.\n\
Exit codes: 0 recorded, 1 refused by the credit check ([credit] enforce or --enforce-credit), 2 usage, 65 invalid entry or book, 66 no book, \
74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo invoice brasserie-du-sablon 1210.00 --memo \"consulting, November\"\n  \
folio --book examples/demo credit-note cafe-leopold 100 --ref INV-2026-0094 --date 2026-11-25\n\n\
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
    /// The invoice or refund a credit note applies to.
    #[arg(long = "ref", value_name = "DOC")]
    reference: Option<String>,
    #[command(flatten)]
    due: DueArgs,
    #[command(flatten)]
    credit: CreditArgs,
    /// Show the entry as it would be recorded, with its would-be number (an itemised document
    /// as its text), and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Record it even when its date breaks the order of its sequence's numbers (before a
    /// lower-numbered document): the line is marked backdated:yes.
    #[arg(long)]
    allow_backdate: bool,
    #[command(flatten)]
    entry: EntryOptions,
    #[command(flatten)]
    document: crate::cli::items::ItemArgs,
}

/// The help under `folio payment`.
pub const PAYMENT_HELP: &str = "\
Prints the payment's id (PAY-{year}-{seq:05} unless [numbering] says otherwise; --id gives one). \
Without --ref it settles the contact's oldest open items first. The entry is checked against the \
whole book first and appended to journal/<year>.journal as one line.\n\
Exit codes: 0 recorded, 2 usage, 65 invalid entry or book, 66 no book, 74 I/O error, 75 lock not \
obtained in time.\n\n\
Examples:\n  folio --book examples/demo payment hotel-les-tilleuls 1000 --ref INV-2026-0041 --meta method:bank\n  \
folio --book examples/demo payment cafe-leopold 508.20 --date 2026-11-25 --memo \"monthly transfer\"";

/// The help under `folio refund`.
pub const REFUND_HELP: &str = "\
Prints the refund's id. A refund is money paid back to a customer: it reopens what a payment or \
credit note left unapplied (--ref names that payment or credit note). The entry is checked against \
the whole book first and appended to journal/<year>.journal as one line.\n\
Exit codes: 0 recorded, 2 usage, 65 invalid entry or book, 66 no book, 74 I/O error, 75 lock not \
obtained in time.\n\n\
Examples:\n  folio --book examples/demo refund galerie-delvaux 605.00 --ref CN-2026-0002 --meta method:bank\n  \
folio --book examples/demo refund galerie-delvaux 20 --date 2026-11-25 --memo \"goodwill\"";

/// The help under `folio payout`.
pub const PAYOUT_HELP: &str = "\
Prints the payout's id. A payout is money paid to a supplier; without --ref it settles the \
supplier's oldest open bills first. The entry is checked against the whole book first and appended \
to journal/<year>.journal as one line.\n\
Exit codes: 0 recorded, 2 usage, 65 invalid entry or book, 66 no book, 74 I/O error, 75 lock not \
obtained in time.\n\n\
Examples:\n  folio --book examples/demo payout claes-partners 2178.00 --ref CP-2026-ANN --meta method:bank\n  \
folio --book examples/demo payout claes-partners 100 --date 2026-11-25";

/// The options every entry command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct EntryOptions {
    /// The entry's date (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    date: Option<NaiveDate>,
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
    #[command(flatten)]
    lock: LockArgs,
}

/// `--enforce-credit` and `--override-credit`, of the entries that raise a customer's exposure.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CreditArgs {
    /// Refuse an invoice or refund that `folio credit check` would refuse (over the limit or on
    /// hold); `[credit] enforce = true` in folio.toml does this for every such entry.
    #[arg(long)]
    enforce_credit: bool,
    /// Record an invoice or refund the credit check refuses all the same, with this reason
    /// (kept on the line as override-credit:REASON).
    #[arg(long, value_name = "REASON")]
    override_credit: Option<String>,
}

/// `--due` and `--terms`, of invoices and bills.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DueArgs {
    /// Due date (default: date + the contact's terms, else the book's).
    #[arg(long, value_name = "DATE", value_parser = parse_end_date, allow_hyphen_values = true, conflicts_with = "terms")]
    due: Option<NaiveDate>,
    /// Payment terms in days: due = date + DAYS.
    #[arg(long, value_name = "DAYS")]
    terms: Option<u32>,
}

/// Arguments of `folio payment`, `folio refund` and `folio payout`: money that moved.
#[derive(Debug, clap::Args)]
pub struct MoneyArgs {
    /// The contact id.
    #[arg(value_name = "CONTACT")]
    contact: String,
    /// The amount, positive, with '.' for decimals and at most 4 of them: 1000.00.
    #[arg(value_name = "AMOUNT", allow_negative_numbers = true)]
    amount: String,
    /// The document this settles: an invoice or refund for a payment, a payment or credit note
    /// for a refund, a bill for a payout (default: the oldest open items).
    #[arg(long = "ref", value_name = "DOC")]
    reference: Option<String>,
    #[command(flatten)]
    entry: EntryOptions,
}

/// Arguments of `folio payment` and `folio payout`: money that moved, which may settle documents
/// in another currency.
#[derive(Debug, clap::Args)]
pub struct PaymentArgs {
    #[command(flatten)]
    money: MoneyArgs,
    /// What the payment settles in the currency of the documents it pays, when it was paid in
    /// another (recorded as settles:AMOUNT): `--settles 3040.00` with a --ref in that currency,
    /// or `--settles 3040.00/USD` without one.
    #[arg(long, value_name = "AMOUNT[/CUR]")]
    settles: Option<String>,
}

impl PaymentArgs {
    /// The arguments as the entry commands share them, `--settles` as `settles:` metadata.
    pub fn full(&self) -> Args {
        let mut args = self.money.full();
        if let Some(settles) = &self.settles {
            args.entry
                .meta
                .push(("settles".to_string(), settles.clone()));
        }
        args
    }
}

/// Arguments of `folio refund`: money paid back to a customer, which raises what it owes again,
/// so the credit options apply.
#[derive(Debug, clap::Args)]
pub struct RefundArgs {
    #[command(flatten)]
    money: MoneyArgs,
    #[command(flatten)]
    credit: CreditArgs,
}

impl RefundArgs {
    /// The arguments as the entry commands share them.
    pub fn full(&self) -> Args {
        self.money.full().with_credit(self.credit.clone())
    }
}

/// Arguments of `folio bill`: a supplier's invoice.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints the bill's id: --id gives the supplier's own number, else the next of [numbering] bill. The \
entry is checked against the whole book first and appended to journal/<year>.journal as one line.\n\
Exit codes: 0 recorded, 2 usage, 65 invalid entry or book, 66 no book, 74 I/O error, 75 lock not \
obtained in time.\n\n\
Examples:\n  folio --book examples/demo bill claes-partners 89.90 --id CP-77812 --due 2026-12-31\n  \
folio --book examples/demo bill claes-partners 1210 --vat 21 --terms 30 --memo \"printing\"")]
pub struct BillArgs {
    /// The supplier's contact id.
    #[arg(value_name = "CONTACT")]
    contact: String,
    /// The amount, positive, with '.' for decimals and at most 4 of them: 1210.00.
    #[arg(value_name = "AMOUNT", allow_negative_numbers = true)]
    amount: String,
    #[command(flatten)]
    due: DueArgs,
    #[command(flatten)]
    vat: VatArg,
    #[command(flatten)]
    entry: EntryOptions,
}

/// Arguments of `folio debit-note`: a supplier's credit.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Prints the debit note's id. The entry is checked against the whole book first and appended to \
journal/<year>.journal as one line.\n\
Exit codes: 0 recorded, 2 usage, 65 invalid entry or book, 66 no book, 74 I/O error, 75 lock not \
obtained in time.\n\n\
Examples:\n  folio --book examples/demo debit-note claes-partners 121 --ref CP-2026-ANN --vat 21\n  \
folio --book examples/demo debit-note claes-partners 60.50 --vat 21 --memo \"late delivery\"")]
pub struct DebitNoteArgs {
    /// The supplier's contact id.
    #[arg(value_name = "CONTACT")]
    contact: String,
    /// The amount, positive, with '.' for decimals and at most 4 of them: 20.00.
    #[arg(value_name = "AMOUNT", allow_negative_numbers = true)]
    amount: String,
    /// The bill it applies to (default: the oldest open bills).
    #[arg(long = "ref", value_name = "DOC")]
    reference: Option<String>,
    #[command(flatten)]
    vat: VatArg,
    #[command(flatten)]
    entry: EntryOptions,
}

/// `--vat RATE` of an entry without items.
#[derive(Debug, Clone, clap::Args)]
pub struct VatArg {
    /// The VAT the AMOUNT includes, recorded as vat:RATE on the line: 21, 6, 0, or 0/AE with a
    /// category.
    #[arg(long, value_name = "RATE")]
    vat: Option<String>,
}

impl MoneyArgs {
    /// The arguments as the entry commands share them.
    pub fn full(&self) -> Args {
        Args::plain(
            &self.contact,
            &self.amount,
            self.reference.clone(),
            DueArgs::default(),
            None,
            &self.entry,
        )
    }
}

impl BillArgs {
    /// The arguments as the entry commands share them.
    pub fn full(&self) -> Args {
        Args::plain(
            &self.contact,
            &self.amount,
            None,
            self.due.clone(),
            self.vat.vat.clone(),
            &self.entry,
        )
    }
}

impl DebitNoteArgs {
    /// The arguments as the entry commands share them.
    pub fn full(&self) -> Args {
        Args::plain(
            &self.contact,
            &self.amount,
            self.reference.clone(),
            DueArgs::default(),
            self.vat.vat.clone(),
            &self.entry,
        )
    }
}

impl Args {
    /// An entry without items.
    fn plain(
        contact: &str,
        amount: &str,
        reference: Option<String>,
        due: DueArgs,
        vat: Option<String>,
        entry: &EntryOptions,
    ) -> Args {
        Args {
            contact: Some(contact.to_string()),
            amount: Some(amount.to_string()),
            reference,
            due,
            credit: CreditArgs::default(),
            dry_run: false,
            allow_backdate: false,
            entry: entry.clone(),
            document: crate::cli::items::ItemArgs::with_line_vat(vat),
        }
    }
}

impl Args {
    /// The same arguments with these credit options (a refund's).
    fn with_credit(mut self, credit: CreditArgs) -> Args {
        self.credit = credit;
        self
    }
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
    if (args.credit.enforce_credit || args.credit.override_credit.is_some())
        && !credit::raises_exposure(kind)
    {
        return Err(Error::Usage(
            "--enforce-credit and --override-credit apply to invoices and refunds only".into(),
        ));
    }
    if let Some(reason) = &args.credit.override_credit {
        credit::override_value(reason)?;
    }
    if !kind.takes_due() && (args.due.due.is_some() || args.due.terms.is_some()) {
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
    let has_items = args.document.check_options()?;
    match (has_items, &args.amount) {
        (true, Some(amount)) => {
            return Err(Error::Usage(format!(
                "give AMOUNT ({amount}) or line items, not both: with --item the amount is the items' total"
            )));
        }
        (false, None) => return Err(Error::Usage("the AMOUNT is missing".into())),
        (false, Some(amount)) => refuse_a_sign(amount, kind)?,
        _ => {}
    }
    if !has_items && args.contact.is_none() {
        return Err(Error::Usage("the CONTACT is missing".into()));
    }
    let mut meta = args.entry.meta.clone();
    if let Some(rate) = args.document.line_vat() {
        meta.push(("vat".to_string(), line_vat(kind, rate, &meta)?));
    }
    let mut new = NewEntry {
        kind,
        contact: args.contact.clone().unwrap_or_default(),
        amount: args.amount.clone().unwrap_or_default(),
        date: args.entry.date.unwrap_or_else(today),
        due: match (args.due.due, args.due.terms) {
            (Some(date), _) => Due::On(date),
            (None, Some(days)) => Due::Days(days),
            (None, None) => Due::Terms,
        },
        currency: args.entry.currency,
        reference: args.reference.clone(),
        meta,
        memo: args.entry.memo.clone(),
        id: args.entry.id.clone(),
        with_document: has_items,
        allow_backdate: args.allow_backdate,
    };
    let what = format!("folio {}", command_name(kind));
    let lock = args.entry.lock.acquire(location, &what)?;
    fsio::failpoint("locked");
    if !args.dry_run
        && let Some(direct) = direct::open(location, &new, args.credit.enforce_credit)?
    {
        let draft = if has_items {
            let sale = Sale::of(&direct.book, &new.contact, new.currency)?;
            args.document.draft(&sale)?
        } else {
            None
        };
        return record_direct(&direct, new, draft, out);
    }
    let book = crate::checks::load_for_writing(location)?;
    let policy = CreditPolicy::of(
        &book,
        args.credit.enforce_credit,
        args.credit.override_credit.as_deref(),
        today(),
    );
    if has_items {
        if new.contact.is_empty() {
            new.contact = crate::cli::items::contact_of_ref(&book, new.reference.as_deref())?;
        }
        let sale = Sale::of(&book, &new.contact, new.currency)?;
        let draft = args.document.draft(&sale)?.unwrap_or_default();
        let credit = |new: &mut NewEntry| judge_credit(&book, new, &policy);
        if args.dry_run {
            return crate::cli::items::preview(kind, &book, new, draft, credit, out);
        }
        return crate::cli::items::record(kind, &book, new, draft, credit, out);
    }
    judge_credit(&book, &mut new, &policy)?;
    let prepared = record::prepare(&book, &new)?;
    if args.dry_run {
        writeln!(out, "{}", prepared.line)?;
        return crate::cli::items::said_dry_run(&prepared.id);
    }
    append(&book, &prepared)?;
    drop(lock);
    writeln!(out, "{}", prepared.id)?;
    Ok(())
}

/// Records `new` (with the document of `draft`, if any) from the book read for it alone
/// ([`direct::open`]) and prints its id; the caller holds the lock.
fn record_direct(
    direct: &direct::Direct,
    new: NewEntry,
    draft: Option<crate::document::issue::Draft>,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(draft) = draft {
        let issued = direct::with_document(direct, new, draft)?;
        return crate::cli::items::write_issued(&direct.book, &issued, out);
    }
    let prepared = direct::prepare(direct, &new)?;
    append(&direct.book, &prepared)?;
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
