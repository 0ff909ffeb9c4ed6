//! `folio import contacts FILE.csv`, `folio import entries FILE.csv` and `folio import ubl FILE|DIR...`.

use crate::book::{Location, write};
use crate::cli::Context;
use crate::cli::common::LockArgs;
use crate::cli::common::rules_error;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::fsio;
use crate::import::contacts::{self, Action, Existing, Key};
use crate::import::{entries, rules::EntryRules, ubl};
use crate::input;
use crate::input::csv::{self as reader, Encoding, Table};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `folio import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit codes: 0 imported (or nothing to do), 2 usage, 65 a malformed file or invalid rows (nothing \
written), 66 no such file or book, 74 I/O error, 75 lock not obtained in time.\n\n\
Another program's entries: `folio import entries old-system.csv --rules old-system.toml`.\n\n\
Examples:\n  folio --book examples/demo import contacts examples/import/contacts.csv --dry-run\n  \
folio --book examples/demo import contacts examples/import/contacts.csv --map \"Account manager\"=custom.account_manager --key vat")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Create or update contacts from a CSV file (one row per contact).
    Contacts(ContactsArgs),
    /// Add entries from a CSV file; rows whose document id is already in the book are skipped.
    Entries(EntriesArgs),
    /// Record supplier invoices and credit notes received as UBL (Peppol BIS 3.0) XML.
    Ubl(UblArgs),
}

/// `--key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KeyArg {
    /// The contact id (a row without one is matched on its name).
    Id,
    /// The VAT number.
    Vat,
    /// The e-mail address.
    Email,
}

/// The help after `folio import contacts --help`: the columns come from the contact field table.
fn contacts_help() -> String {
    format!(
        "Columns named like contact fields map themselves: {}, custom.NAME. Lists (roles, tags) are \
         separated by commas. An empty cell leaves the field as it is. Rows are matched to contacts \
         on --key; a row without a value for the key is matched on its name; new contacts get an id \
         made from their name.",
        contacts::fields().collect::<Vec<_>>().join(", ")
    )
}

#[derive(Debug, clap::Args)]
#[command(after_help = contacts_help())]
struct ContactsArgs {
    /// The CSV file (UTF-8, with or without a byte-order mark), or a workbook (.xlsx, .xls, .ods).
    #[arg(value_name = "FILE.csv")]
    file: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Map a column to a field (or to `-` to ignore it); repeatable.
    #[arg(long = "map", value_name = "COLUMN=field", value_parser = contacts::parse_map)]
    maps: Vec<(String, String)>,
    /// What identifies the contact a row updates.
    #[arg(long, value_enum, default_value_t = KeyArg::Id)]
    key: KeyArg,
    /// Check and show what would change; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and report the invalid ones (default: nothing is written while any
    /// row is invalid).
    #[arg(long)]
    skip_invalid: bool,
    /// The delimiter (default: `,` or `;`, detected; `tab` for tabs).
    #[arg(long, value_name = "C", value_parser = reader::parse_delimiter)]
    delimiter: Option<char>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Columns: date, kind, id, contact, amount (required), currency, due, ref, memo, meta (key:value \
pairs separated by spaces). A rules file maps other column names ([columns]), metadata columns \
([meta]), other words for kinds ([kinds]), date formats (date_format = \"%d/%m/%Y\") and decimal \
commas (decimal = \",\"); see docs/import-export.md.")]
struct EntriesArgs {
    /// The CSV file, or a workbook (.xlsx, .xls, .ods).
    #[arg(value_name = "FILE.csv")]
    file: PathBuf,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// How the file is written: columns, kinds, dates, numbers.
    #[arg(long, value_name = "RULES.toml")]
    rules: Option<PathBuf>,
    /// Check and show what would be added; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the valid rows and report the invalid ones.
    #[arg(long)]
    skip_invalid: bool,
    /// The delimiter (default: from the rules, else detected).
    #[arg(long, value_name = "C", value_parser = reader::parse_delimiter)]
    delimiter: Option<char>,
    #[command(flatten)]
    lock: LockArgs,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
An invoice becomes a `bill`, a credit note a `debit` (allocated to the bill it names), with the \
supplier's document number as id, the amount due, the due date, and the net amount and VAT \
breakdown as metadata (net:, base-S-21:, vat-S-21:). The XML is kept under \
documents/received/SUPPLIER/ with its embedded files beside it. The supplier is the contact whose \
peppol id, VAT number or name is the seller's. A file already recorded is skipped; a file that is \
not UBL or whose amounts do not add up stops the import, and nothing is written. See \
docs/einvoicing.md.")]
struct UblArgs {
    /// UBL Invoice or CreditNote files, or folders of them (their *.xml files).
    #[arg(value_name = "FILE|DIR", required = true)]
    paths: Vec<PathBuf>,
    /// Check and show what would be recorded; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Create a supplier contact for a seller no contact matches (default: refuse the file).
    #[arg(long)]
    create_suppliers: bool,
    #[command(flatten)]
    lock: LockArgs,
}

/// Runs `folio import`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let location = &context.location()?;
    match &args.command {
        Sub::Contacts(a) => run_contacts(a, location, out),
        Sub::Entries(a) => run_entries(a, location, out),
        Sub::Ubl(a) => run_ubl(a, location, out),
    }
}

/// Reads and parses a CSV file, or sheet `sheet` of a workbook (the first by default); a malformed
/// file stops with every problem (exit 65). Returns the text for excerpts (empty for a workbook).
fn read_table(
    path: &Path,
    encoding: Encoding,
    delimiter: Option<char>,
    skip: usize,
    sheet: Option<&str>,
) -> Result<(String, Table)> {
    let bytes = input::read(path, input::CSV).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!("no file {}", path.display())),
        _ => input::error(path, e),
    })?;
    if input::spreadsheet::is_workbook(&bytes) {
        let table = input::spreadsheet::read_table(&bytes, path, sheet, skip)
            .map_err(|problems| refuse(&problems, path))?;
        return Ok((String::new(), table));
    }
    let text = reader::decode(&bytes, encoding)
        .map_err(|e| refuse(&[e.diagnostic(path, "")], path))?
        .text;
    let table = reader::parse(&text, delimiter, skip).map_err(|errors| {
        let diagnostics: Vec<Diagnostic> =
            errors.iter().map(|e| e.diagnostic(path, &text)).collect();
        refuse(&diagnostics, path)
    })?;
    Ok((text, table))
}

/// Prints problems and returns the error saying the file was not imported.
fn refuse(problems: &[Diagnostic], path: &Path) -> Error {
    print_problems(problems);
    Error::InvalidData(format!(
        "{} could not be read; nothing was imported",
        path.display()
    ))
}

fn print_problems(problems: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = crate::output::diagnostic::write_all(problems, &mut err);
}

/// Problems of invalid rows: errors, or warnings when they are skipped.
fn report_rows(problems: &mut [Diagnostic], skip_invalid: bool) {
    if skip_invalid {
        for p in problems.iter_mut() {
            p.severity = Severity::Warning;
        }
    }
    print_problems(problems);
}

fn note(message: &str) {
    let stderr = std::io::stderr();
    let _ = writeln!(stderr.lock(), "folio: note: {message}");
}

fn run_contacts(args: &ContactsArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let (text, table) = read_table(
        &args.file,
        Encoding::Utf8,
        args.delimiter,
        0,
        args.sheet.as_deref(),
    )?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(args.lock.acquire(location, "folio import contacts")?)
    };
    let book = crate::checks::load_valid(location)?;
    let files = contacts::contact_files(&book.root)?;
    let existing: Vec<Existing<'_>> = book
        .contacts
        .iter()
        .filter_map(|c| {
            files.get(&c.id).map(|path| Existing {
                contact: c,
                path: path.clone(),
            })
        })
        .collect();
    let options = contacts::Options {
        maps: args.maps.clone(),
        key: match args.key {
            KeyArg::Id => Key::Id,
            KeyArg::Vat => Key::Vat,
            KeyArg::Email => Key::Email,
        },
    };
    let mut plan = contacts::plan(&table, &text, &args.file, &book.root, &existing, &options)
        .map_err(Error::Usage)?;
    if !plan.ignored_columns.is_empty() {
        note(&format!(
            "columns not imported: {} (map them with --map COLUMN=field, or COLUMN=custom.NAME)",
            plan.ignored_columns.join(", ")
        ));
    }
    report_rows(&mut plan.problems, args.skip_invalid);
    if plan.invalid_rows > 0 && !args.skip_invalid {
        return Err(Error::InvalidData(format!(
            "{} invalid row(s) in {}; nothing was written (fix them, or pass --skip-invalid)",
            plan.invalid_rows,
            args.file.display()
        )));
    }
    let verb = |action: &Action| match (action, args.dry_run) {
        (Action::Create, false) => "created",
        (Action::Create, true) => "would create",
        (Action::Update(_), false) => "updated",
        (Action::Update(_), true) => "would update",
        (Action::Unchanged, _) => "unchanged",
    };
    let progress = crate::output::progress::bar(plan.planned.len() as u64, "importing");
    for planned in &plan.planned {
        progress.inc(1);
        if planned.action == Action::Unchanged {
            continue;
        }
        if !args.dry_run {
            write::confine(&book.root, &planned.path)?;
            write::ensure_parent(&planned.path)?;
            fsio::write_atomic(&planned.path, planned.text.as_bytes())?;
        }
        match &planned.action {
            Action::Update(fields) => writeln!(
                out,
                "{} {} (row {}): {}",
                verb(&planned.action),
                planned.id,
                planned.row,
                fields.join(", ")
            )?,
            action => writeln!(out, "{} {} (row {})", verb(action), planned.id, planned.row)?,
        }
    }
    progress.finish();
    let (created, updated, unchanged) = plan.counts();
    writeln!(
        out,
        "{}{created} created, {updated} updated, {unchanged} unchanged, {} invalid",
        if args.dry_run { "dry run: " } else { "" },
        plan.invalid_rows
    )?;
    Ok(())
}

fn run_entries(args: &EntriesArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let rules = match &args.rules {
        Some(path) => EntryRules::load(path, path).map_err(rules_error)?,
        None => EntryRules::default(),
    };
    let (text, table) = read_table(
        &args.file,
        rules.csv.encoding.unwrap_or(Encoding::Utf8),
        args.delimiter.or(rules.csv.delimiter),
        rules.csv.skip_lines,
        args.sheet.as_deref(),
    )?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(args.lock.acquire(location, "folio import entries")?)
    };
    let book = if args.dry_run {
        crate::checks::load_valid(location)?
    } else {
        crate::checks::load_for_writing(location)?
    };
    let mut plan = entries::plan(&book, &table, &text, &args.file, &rules).map_err(Error::Usage)?;
    if !plan.ignored_columns.is_empty() {
        note(&format!(
            "columns not imported: {} (map them in a rules file's [columns] or [meta])",
            plan.ignored_columns.join(", ")
        ));
    }
    print_problems(&plan.warnings);
    report_rows(&mut plan.problems, args.skip_invalid);
    if plan.invalid_rows > 0 && !args.skip_invalid {
        return Err(Error::InvalidData(format!(
            "{} invalid row(s) in {}; nothing was written (fix them, or pass --skip-invalid)",
            plan.invalid_rows,
            args.file.display()
        )));
    }
    book.closes
        .refuse_lines(plan.files.values().flatten().map(|l| l.line.as_str()))?;
    for (path, lines) in &plan.files {
        let shown = path.strip_prefix(&book.root).unwrap_or(path);
        if !args.dry_run {
            write::confine(&book.root, path)?;
            write::ensure_parent(path)?;
            let existing = match fsio::BookDir::new(&book.root)?.read_or_refuse(path)? {
                Some(bytes) => String::from_utf8(bytes).map_err(|_| {
                    Error::InvalidData(format!("{}: not UTF-8 text", path.display()))
                })?,
                None => String::new(),
            };
            // One atomic rewrite per journal file: a crash leaves the file as it was or with
            // every new line, never half of them.
            fsio::write_atomic(path, entries::appended(&existing, lines).as_bytes())?;
        }
        writeln!(
            out,
            "{} {} entr{} to {}",
            if args.dry_run { "would add" } else { "added" },
            lines.len(),
            if lines.len() == 1 { "y" } else { "ies" },
            shown.display()
        )?;
    }
    writeln!(
        out,
        "{}{} added, {} already in the book (skipped), {} invalid",
        if args.dry_run { "dry run: " } else { "" },
        plan.added(),
        plan.skipped,
        plan.invalid_rows
    )?;
    Ok(())
}

fn run_ubl(args: &UblArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
    let inputs = ubl::inputs(&args.paths)?;
    let _lock = if args.dry_run {
        None
    } else {
        Some(args.lock.acquire(location, "folio import ubl")?)
    };
    let book = if args.dry_run {
        crate::checks::load_valid(location)?
    } else {
        crate::checks::load_for_writing(location)?
    };
    let options = ubl::Options {
        create_suppliers: args.create_suppliers,
    };
    let plan = ubl::plan(&book, &inputs, options)?;
    print_problems(&plan.warnings);
    if !plan.problems.is_empty() {
        print_problems(&plan.problems);
        let files: std::collections::BTreeSet<&Path> =
            plan.problems.iter().map(|p| p.path.as_path()).collect();
        return Err(Error::InvalidData(format!(
            "{} file(s) refused; nothing was written",
            files.len()
        )));
    }
    let shown = |path: &Path| {
        path.strip_prefix(&book.root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let would =
        |done: &'static str, planned: &'static str| if args.dry_run { planned } else { done };
    book.closes
        .refuse_lines(plan.journal.values().flatten().map(|l| l.line.as_str()))?;
    if !args.dry_run {
        write_ubl_plan(&book.root, &plan)?;
    }
    for (id, path, _) in &plan.suppliers {
        writeln!(
            out,
            "{} supplier {id} ({})",
            would("created", "would create"),
            shown(path)
        )?;
    }
    for planned in &plan.planned {
        writeln!(
            out,
            "{} {} {} {} {} {} from {}",
            would("recorded", "would record"),
            planned.kind.as_str(),
            planned.id,
            planned.supplier,
            crate::money::format_amount(planned.amount),
            planned.currency,
            planned.file.display()
        )?;
    }
    for recorded in &plan.recorded {
        writeln!(
            out,
            "already recorded: {} is {} (nothing recorded)",
            recorded.file.display(),
            recorded.id
        )?;
    }
    writeln!(
        out,
        "{}{} recorded, {} already in the book, {} supplier(s) created",
        if args.dry_run { "dry run: " } else { "" },
        plan.planned.len(),
        plan.recorded.len(),
        plan.suppliers.len()
    )?;
    Ok(())
}

/// Writes an import's plan: the new contacts, the kept documents and their attachments, then the
/// journal lines (one atomic rewrite per journal file), each write confined to the book.
fn write_ubl_plan(root: &Path, plan: &ubl::Plan) -> Result<()> {
    for (_, path, text) in &plan.suppliers {
        write::confine(root, path)?;
        write::ensure_parent(path)?;
        fsio::write_atomic(path, text.as_bytes())?;
    }
    for (path, bytes) in plan.planned.iter().flat_map(|p| &p.files) {
        write::confine(root, path)?;
        write::ensure_parent(path)?;
        fsio::write_atomic(path, bytes)?;
    }
    let dir = fsio::BookDir::new(root)?;
    for (path, lines) in &plan.journal {
        write::confine(root, path)?;
        write::ensure_parent(path)?;
        let existing = match dir.read_or_refuse(path)? {
            Some(bytes) => String::from_utf8(bytes)
                .map_err(|_| Error::InvalidData(format!("{}: not UTF-8 text", path.display())))?,
            None => String::new(),
        };
        fsio::write_atomic(path, entries::appended(&existing, lines).as_bytes())?;
    }
    Ok(())
}
