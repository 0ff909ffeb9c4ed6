//! `folio contact add|set|edit|show|search|note|archive|delete`: one contact at a time.
//!
//! Every change is validated before it is written, written atomically (temp file, fsync, rename)
//! and made under the book's lock; edits go through toml_edit, so comments and layout survive.

use crate::book::edit::{self, ContactDocument, NewContact};
use crate::book::{self, Location, Role, slug, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::settings::{FormatArg, parse_date_arg, today};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::fsio;
use crate::identifiers;
use crate::output::{self, Format, Style};
use crate::report::directory::{self, Card};
use crate::tabular::{Cell, Column, Rows, Tabular};
use crate::text::{visible, visible_line};
use chrono::NaiveDate;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Arguments of `folio contact`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit codes: 0 done, 2 usage, 65 invalid data (nothing written) or a contact with entries to delete, \
66 no such contact or book, 74 I/O error, 75 lock not obtained in time.\n\n\
Examples:\n  folio --book examples/demo contact add --name \"Acme Trading\" --role customer --vat BE0403170701 --country BE\n  \
folio --book examples/demo contact set cafe-leopold address.city=Ixelles tags=horeca,vip terms=14\n  \
folio --book examples/demo contact show hotel-les-tilleuls --format json\n  \
folio --book examples/demo contact search etienne\n  \
folio --book examples/demo contact note cafe-leopold --kind call \"Promised to pay on Friday\"")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Add a contact; without ID, an id is made from the name (and printed).
    Add(Box<AddArgs>),
    /// Set fields: key=value ..., dotted keys for tables (address.city=Gent), an empty value
    /// removes the key.
    Set(SetArgs),
    /// Open the contact file in $VISUAL or $EDITOR; it is saved only when valid.
    Edit(IdArgs),
    /// Fields, balances, overdue, credit status and the last notes.
    Show(ShowArgs),
    /// Find contacts by name, e-mail, phone, VAT number, city or tag (case and accents ignored).
    Search(SearchArgs),
    /// Add a note to the interaction log.
    Note(NoteArgs),
    /// Archive a contact: it keeps its history but leaves lists and mailings.
    Archive(ArchiveArgs),
    /// Delete a contact that has no entries (one with entries can only be archived).
    Delete(IdArgs),
}

/// `--role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    /// We invoice them.
    Customer,
    /// They bill us.
    Supplier,
}

impl RoleArg {
    /// The role.
    pub fn role(self) -> Role {
        match self {
            RoleArg::Customer => Role::Customer,
            RoleArg::Supplier => Role::Supplier,
        }
    }
}

#[derive(Debug, clap::Args)]
struct AddArgs {
    /// The contact id: a-z, 0-9, '.', '_', '-' (default: made from the name).
    #[arg(value_name = "ID")]
    id: Option<String>,
    /// The name.
    #[arg(long)]
    name: String,
    /// customer or supplier; repeat for both (default: customer).
    #[arg(long = "role", value_enum, value_name = "ROLE")]
    roles: Vec<RoleArg>,
    /// E-mail address.
    #[arg(long)]
    email: Option<String>,
    /// Phone number.
    #[arg(long)]
    phone: Option<String>,
    /// VAT number with its country prefix, or a Chinese unified social credit code.
    #[arg(long)]
    vat: Option<String>,
    /// Industry.
    #[arg(long)]
    industry: Option<String>,
    /// A tag; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Country, ISO 3166-1 alpha-2 (BE, FR, CN...).
    #[arg(long)]
    country: Option<String>,
    /// City.
    #[arg(long)]
    city: Option<String>,
    /// Street and number.
    #[arg(long)]
    street: Option<String>,
    /// Postal code.
    #[arg(long)]
    postcode: Option<String>,
    /// Language for letters (en, fr, zh...).
    #[arg(long)]
    language: Option<String>,
    /// Default currency of its entries, ISO 4217 (EUR, USD, CNY...).
    #[arg(long)]
    currency: Option<String>,
    /// Payment terms in days.
    #[arg(long, value_name = "DAYS")]
    terms: Option<u32>,
    /// Credit limit in the contact's currency, e.g. 5000.00.
    #[arg(long, value_name = "AMOUNT")]
    credit_limit: Option<String>,
    /// Customer since (default: not recorded).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    since: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct SetArgs {
    /// The contact id.
    id: String,
    /// key=value pairs: name, roles, email, phone, vat, industry, tags, language, currency, terms,
    /// credit_limit, since, archived, address.street|postcode|city|region|country,
    /// preferences.newsletter, custom.NAME. Lists (roles, tags) are comma-separated.
    #[arg(value_name = "KEY=VALUE", required = true, value_parser = edit::parse_assignment)]
    assignments: Vec<(String, String)>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct IdArgs {
    /// The contact id.
    id: String,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The contact id.
    id: String,
    /// Output format (table: a readable card).
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
    /// Balances as of this date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    as_of: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// Text to find: `etienne` finds Étienne, `贝塔` finds 北京贝塔科技.
    text: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
}

#[derive(Debug, clap::Args)]
struct NoteArgs {
    /// The contact id.
    id: String,
    /// call, email, meeting, complaint, resolution, ... (a lower-case word).
    #[arg(long, value_name = "KIND")]
    kind: String,
    /// The note.
    text: String,
    /// The date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
struct ArchiveArgs {
    /// The contact id.
    id: String,
    /// Bring an archived contact back (archived = false).
    #[arg(long)]
    undo: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs a `folio contact` subcommand.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    let style = context.style();
    match &args.command {
        Sub::Add(add) => run_add(add, location, out),
        Sub::Set(set) => {
            let assignments = set.assignments.clone();
            change(
                location,
                &set.id,
                &set.lock,
                "folio contact set",
                out,
                |doc| {
                    for (key, value) in &assignments {
                        doc.set(key, value)
                            .map_err(|m| Error::InvalidData(format!("{key}: {m}")))?;
                    }
                    Ok(())
                },
            )
        }
        Sub::Edit(edit) => run_edit(edit, location, out),
        Sub::Show(show) => run_show(show, location, style, out),
        Sub::Search(search) => {
            let book = book::load_valid(location)?;
            let found = directory::search(&book, &search.text);
            output::render(&found, format_of(search.format), style, out)?;
            Ok(())
        }
        Sub::Note(note) => {
            edit::check_note_kind(&note.kind).map_err(Error::InvalidData)?;
            if note.text.trim().is_empty() {
                return Err(Error::InvalidData("the note is empty".into()));
            }
            let date = note.date.unwrap_or_else(today);
            change(
                location,
                &note.id,
                &note.lock,
                "folio contact note",
                out,
                |doc| {
                    doc.add_note(date, &note.kind, note.text.trim())
                        .map_err(Error::InvalidData)
                },
            )
        }
        Sub::Archive(archive) => {
            let value = if archive.undo { "false" } else { "true" };
            change(
                location,
                &archive.id,
                &archive.lock,
                "folio contact archive",
                out,
                |doc| doc.set("archived", value).map_err(Error::InvalidData),
            )
        }
        Sub::Delete(delete) => run_delete(delete, location, out),
    }
}

/// The format enum of the output layer.
pub fn format_of(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
    }
}

/// A contact file: where it is and how it is shown.
struct ContactFile {
    path: PathBuf,
    shown: PathBuf,
}

fn shown_path(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(relative) => book::display_path(root, relative),
        Err(_) => path.to_path_buf(),
    }
}

fn contact_file(location: &Location, id: &str) -> Result<ContactFile> {
    let root = &location.root;
    let path = write::find_contact_file(root, id)?.ok_or_else(|| {
        let ids = write::files_below(root, book::CONTACTS_DIR, "toml").unwrap_or_default();
        let stems: Vec<String> = ids
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        match crate::diagnostic::did_you_mean(id, stems.iter().map(String::as_str)) {
            Some(near) => Error::NotFound(format!("no contact `{id}`; did you mean `{near}`?")),
            None => Error::NotFound(format!(
                "no contact `{id}` in {}",
                root.join(book::CONTACTS_DIR).display()
            )),
        }
    })?;
    write::confine(root, &path)?;
    Ok(ContactFile {
        shown: shown_path(root, &path),
        path,
    })
}

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::InvalidData(format!(
            "{} is not UTF-8 text; re-save it as UTF-8 first",
            path.display()
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Prints every problem to stderr and returns the error that says nothing was written.
fn refuse(problems: &[Diagnostic], shown: &Path) -> Error {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = output::diagnostic::write_all(problems, &mut err);
    Error::InvalidData(format!(
        "{} was not changed: the result would be invalid",
        shown.display()
    ))
}

/// Reads a contact file, applies `edit` to it, validates the result and writes it atomically,
/// all under the book's lock.
fn change(
    location: &Location,
    id: &str,
    lock: &LockArgs,
    what: &str,
    out: &mut dyn Write,
    edit: impl FnOnce(&mut ContactDocument) -> Result<()>,
) -> Result<()> {
    let _lock = lock.acquire(location, what)?;
    let file = contact_file(location, id)?;
    let text = read(&file.path)?;
    let mut doc = ContactDocument::parse(&text).map_err(|m| {
        Error::InvalidData(format!(
            "{}: {m}; fix it with `folio contact edit {id}`",
            file.shown.display()
        ))
    })?;
    edit(&mut doc)?;
    let changed = doc.text();
    let before = edit::parse_contact(&text);
    edit::validate(&changed, &file.shown, id, before.as_ref())
        .map_err(|problems| refuse(&problems, &file.shown))?;
    if changed != text {
        fsio::write_atomic(&file.path, changed.as_bytes())?;
        fsio::failpoint("contact-written");
    }
    writeln!(out, "{}", file.shown.display())?;
    Ok(())
}

fn run_add(args: &AddArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let flag = |name: &str, result: std::result::Result<(), String>| {
        result.map_err(|message| Error::InvalidData(format!("--{name}: {message}")))
    };
    if args.name.trim().is_empty() {
        return Err(Error::InvalidData("--name is empty".into()));
    }
    if let Some(id) = &args.id {
        flag("id", edit::check_new_id(id))?;
    }
    if let Some(number) = &args.vat {
        flag("vat", identifiers::check_tax_id(number).map(|_| ()))?;
    }
    if let Some(email) = &args.email {
        flag("email", identifiers::check_email(email))?;
    }
    if let Some(country) = &args.country {
        flag("country", identifiers::check_country(country))?;
    }
    if let Some(currency) = &args.currency {
        flag("currency", identifiers::check_currency(currency))?;
    }
    if let Some(limit) = &args.credit_limit {
        let valid = crate::money::parse_decimal(limit).is_some_and(|d| !d.is_sign_negative());
        if !valid {
            flag(
                "credit-limit",
                Err(format!("`{limit}` is not an amount such as 5000.00")),
            )?;
        }
    }
    let mut roles: Vec<Role> = Vec::new();
    for role in args.roles.iter().map(|r| r.role()) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    let fields = NewContact {
        name: args.name.trim().to_string(),
        roles,
        email: args.email.clone(),
        phone: args.phone.clone(),
        vat: args.vat.clone(),
        industry: args.industry.clone(),
        tags: args.tags.clone(),
        language: args.language.clone(),
        currency: args.currency.clone(),
        terms: args.terms,
        credit_limit: args.credit_limit.clone(),
        since: args.since,
        street: args.street.clone(),
        postcode: args.postcode.clone(),
        city: args.city.clone(),
        country: args.country.clone(),
    };
    let text = edit::new_contact_text(&fields);
    let root = &location.root;
    let _lock = args.lock.acquire(location, "folio contact add")?;
    let exists = |id: &str| write::find_contact_file(root, id).ok().flatten().is_some();
    let id = match &args.id {
        Some(id) => {
            if let Some(path) = write::find_contact_file(root, id)? {
                return Err(Error::InvalidData(format!(
                    "contact `{id}` already exists ({}); change it with `folio contact set {id} ...`",
                    shown_path(root, &path).display()
                )));
            }
            id.clone()
        }
        None => slug::unique_id(&fields.name, exists),
    };
    let path = write::new_contact_path(root, &id);
    let shown = shown_path(root, &path);
    edit::validate(&text, &shown, &id, None).map_err(|problems| refuse(&problems, &shown))?;
    write::confine(root, &path)?;
    write::ensure_parent(&path)?;
    fsio::write_atomic(&path, text.as_bytes())?;
    writeln!(out, "{id}")?;
    Ok(())
}

fn run_delete(args: &IdArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let _lock = args.lock.acquire(location, "folio contact delete")?;
    let file = contact_file(location, &args.id)?;
    let (book, _) = book::load(location)?;
    let entries = directory::entry_count(&book, &args.id);
    if entries > 0 {
        return Err(Error::InvalidData(format!(
            "contact `{}` has {entries} journal entr{}; deleting it would leave them without a contact. \
             Archive it instead: `folio contact archive {}`",
            args.id,
            if entries == 1 { "y" } else { "ies" },
            args.id
        )));
    }
    fsio::remove_file(&file.path)?;
    writeln!(out, "deleted {}", file.shown.display())?;
    Ok(())
}

fn run_edit(args: &IdArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let file = contact_file(location, &args.id)?;
    let original = read(&file.path)?;
    let before = edit::parse_contact(&original);
    let mut draft = tempfile::Builder::new()
        .prefix(&format!("folio-{}-", args.id))
        .suffix(".toml")
        .tempfile()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    draft
        .write_all(original.as_bytes())
        .map_err(|e| Error::io(draft.path(), e))?;
    draft.flush().map_err(|e| Error::io(draft.path(), e))?;
    let stderr = std::io::stderr();
    let interactive = std::io::stdin().is_terminal() && stderr.is_terminal();
    let edited = loop {
        run_editor(draft.path())?;
        let text = read(draft.path())?;
        match edit::validate(&text, &file.shown, &args.id, before.as_ref()) {
            Ok(_) => break text,
            Err(problems) => {
                let mut err = stderr.lock();
                output::diagnostic::write_all(&problems, &mut err)?;
                if !interactive {
                    return Err(Error::InvalidData(format!(
                        "{} was not changed: the edited file is invalid",
                        file.shown.display()
                    )));
                }
                write!(err, "Edit again? [Y/n] ")?;
                err.flush()?;
                let mut answer = String::new();
                // An answer is a word: a terminal that sends more is not read past a line's worth.
                std::io::stdin()
                    .lock()
                    .take(1024)
                    .read_line(&mut answer)
                    .map_err(|e| Error::io("stdin", e))?;
                if matches!(answer.trim(), "n" | "N" | "no" | "No") {
                    return Err(Error::InvalidData(format!(
                        "{} was not changed: your edit was discarded",
                        file.shown.display()
                    )));
                }
            }
        }
    };
    if edited == original {
        writeln!(out, "{}: no changes", file.shown.display())?;
        return Ok(());
    }
    let _lock = args.lock.acquire(location, "folio contact edit")?;
    if read(&file.path)? != original {
        let kept = draft
            .into_temp_path()
            .keep()
            .map_err(|e| Error::io(std::env::temp_dir(), e.error))?;
        return Err(Error::InvalidData(format!(
            "{} changed while you were editing it; nothing was saved. Your version is in {}",
            file.shown.display(),
            kept.display()
        )));
    }
    fsio::write_atomic(&file.path, edited.as_bytes())?;
    writeln!(out, "{}", file.shown.display())?;
    Ok(())
}

/// Runs $VISUAL, else $EDITOR, else vi on a file. The variable is split on spaces (so
/// `code --wait` works) and run directly, never through a shell.
fn run_editor(path: &Path) -> Result<()> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| Error::io(program, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Condition(format!(
            "the editor `{editor}` failed ({status}); nothing was saved"
        )))
    }
}

fn run_show(args: &ShowArgs, location: &Location, style: Style, out: &mut dyn Write) -> Result<()> {
    let book = book::load_valid(location)?;
    let index = book.require_contact(&args.id)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let card = directory::card(&book, index, as_of);
    match args.format {
        FormatArg::Json => output::json::write_value(&card, out)?,
        FormatArg::Csv => output::render(&Fields(&card), Format::Csv, style, out)?,
        FormatArg::Table => write_card(&card, as_of, style, out)?,
    }
    Ok(())
}

/// The card as field/value rows, for CSV.
struct Fields<'a>(&'a Card);

impl Fields<'_> {
    fn pairs(&self) -> Vec<(String, String)> {
        let c = self.0;
        let mut pairs = vec![
            ("id".to_string(), c.id.clone()),
            ("name".into(), c.name.clone()),
            (
                "roles".into(),
                c.roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ];
        let optional = [
            ("email", &c.email),
            ("phone", &c.phone),
            ("vat", &c.vat),
            ("industry", &c.industry),
            ("language", &c.language),
            ("currency", &c.currency),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                pairs.push((key.into(), value.clone()));
            }
        }
        if !c.tags.is_empty() {
            pairs.push(("tags".into(), c.tags.join(", ")));
        }
        pairs.push(("terms".into(), format!("{} days", c.terms)));
        if let Some(limit) = &c.credit_limit {
            pairs.push(("credit_limit".into(), limit.clone()));
        }
        if let Some(since) = c.since {
            pairs.push(("since".into(), since.to_string()));
        }
        let a = &c.address;
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
        if !address.is_empty() {
            pairs.push(("address".into(), address.join(", ")));
        }
        if c.newsletter == Some(false) {
            pairs.push(("newsletter".into(), "opted out".into()));
        }
        for (key, value) in &c.custom {
            let shown = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            pairs.push((format!("custom.{key}"), shown));
        }
        if c.archived {
            pairs.push(("archived".into(), "yes".into()));
        }
        pairs
    }
}

impl Tabular for Fields<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![Column::text("field"), Column::text("value")]
    }

    fn rows(&self) -> Rows<'_> {
        self.pairs()
            .into_iter()
            .map(|(k, v)| vec![Cell::Text(k), Cell::Text(v)])
            .collect()
    }
}

/// Balances as a table.
struct Balances<'a>(&'a Card);

impl Tabular for Balances<'_> {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::text("side"),
            Column::text("currency"),
            Column::amount("debits"),
            Column::amount("credits"),
            Column::amount("balance"),
            Column::amount("overdue"),
            Column::amount("open_items"),
        ]
    }

    fn rows(&self) -> Rows<'_> {
        let amount = |text: &str| {
            crate::money::parse_decimal(text)
                .map_or_else(|| Cell::Text(text.to_string()), Cell::Amount)
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
                    Cell::Text(side.into()),
                    Cell::Text(b.currency.clone()),
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
    as_of: NaiveDate,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let pairs = Fields(card).pairs();
    let width = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (key, value) in &pairs {
        writeln!(out, "{key:width$}  {}", visible(value))?;
    }
    writeln!(out)?;
    if card.balances.is_empty() {
        writeln!(out, "No entries as of {as_of}.")?;
    } else {
        writeln!(out, "Balances as of {as_of}:")?;
        output::render(&Balances(card), Format::Table, style, out)?;
    }
    if let Some(credit) = &card.credit {
        let utilization = credit
            .utilization
            .as_deref()
            .map_or(String::new(), |u| format!(", utilization {u}"));
        let hold = if credit.hold { ", ON HOLD" } else { "" };
        writeln!(
            out,
            "Credit: exposure {} of limit {} {}{utilization}: {}{hold}",
            credit.exposure, credit.limit, credit.currency, credit.status
        )?;
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
            writeln!(out, "  {}  {kind:<11} {}", note.date, visible(&note.text))?;
        }
    }
    Ok(())
}
