//! `folio init`.

use crate::book::company::{self, NewCompany};
use crate::book::repository::{self, Hook, Repository};
use crate::book::{CONFIG_FILE, CONTACTS_DIR, JOURNAL_DIR};
use crate::cli::Context;
use crate::error::{Error, Result};
use crate::fsio;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Arguments of `folio init`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The book is made a git repository (git init; not when DIR is already inside one, nor with \
--no-git), with .gitattributes and .gitignore; no commit is made. --hooks adds a pre-commit hook that \
refuses a commit while `folio check` finds errors (docs/git.md).\n\n\
At a terminal, init asks for the company's details not given as options (Enter keeps the default \
in brackets, or leaves the key out); otherwise it takes the options only and never waits for input.\n\n\
Exit codes: 0 created, 2 DIR already holds a book, 65 an invalid value (nothing written), 69 git \
cannot be run (nothing written; --no-git does without), 74 I/O error.\n\n\
Examples:\n  folio init mybook\n  folio init team-book --hooks\n  folio init shop --name \"Boutique Lilas\"\n  \
folio init trading --name \"Example Trading SRL\" --street \"Rue Haute 112\" --postcode 1000 --city Bruxelles \
--country BE --vat BE0403170701 --iban BE68539007547034 --bic GKCCBEBB"
)]
pub struct Args {
    /// Where to create the book (default: the current directory).
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
    /// The business's name (default: the directory's name).
    #[arg(long)]
    name: Option<String>,
    /// Do not make the book a git repository (.gitattributes and .gitignore are written all the
    /// same).
    #[arg(long)]
    no_git: bool,
    /// Add a git pre-commit hook that refuses a commit while `folio check` finds errors.
    #[arg(long, conflicts_with = "no_git")]
    hooks: bool,
    #[command(flatten)]
    company: CompanyArgs,
}

/// The company, written to `[company]` of folio.toml.
#[derive(Debug, clap::Args)]
#[command(
    next_help_heading = "Company (folio.toml [company]; change later with `folio company set`)"
)]
struct CompanyArgs {
    /// The company's legal name on documents (default: the business's name).
    #[arg(long, value_name = "NAME")]
    company_name: Option<String>,
    /// Street and number.
    #[arg(long)]
    street: Option<String>,
    /// Postal code.
    #[arg(long)]
    postcode: Option<String>,
    /// City.
    #[arg(long)]
    city: Option<String>,
    /// Country: ISO 3166-1 alpha-2 code, e.g. BE.
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// VAT number with its country prefix, e.g. BE0403170701.
    #[arg(long)]
    vat: Option<String>,
    /// Registration (enterprise) number, e.g. 0403.170.701.
    #[arg(long, value_name = "NUMBER")]
    company_id: Option<String>,
    /// The bank account customers pay to.
    #[arg(long)]
    iban: Option<String>,
    /// The BIC of that account.
    #[arg(long)]
    bic: Option<String>,
    /// The From: address of e-mails.
    #[arg(long)]
    email: Option<String>,
    /// Default language of documents and letters: en, fr, nl, de, zh (default en).
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
    /// Default currency of entries, ISO 4217 (default EUR).
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
}

/// The company fields, each with the `[company]` key that checks it and the question asked.
fn fields(company: &mut NewCompany) -> [(&'static str, &'static str, &mut Option<String>); 12] {
    [
        ("name", "Company name", &mut company.name),
        ("address.street", "Street and number", &mut company.street),
        ("address.postcode", "Postcode", &mut company.postcode),
        ("address.city", "City", &mut company.city),
        (
            "address.country",
            "Country (ISO code, e.g. BE)",
            &mut company.country,
        ),
        ("vat", "VAT number (e.g. BE0403170701)", &mut company.vat),
        ("company_id", "Enterprise number", &mut company.company_id),
        ("iban", "IBAN", &mut company.iban),
        ("bic", "BIC", &mut company.bic),
        ("email", "E-mail", &mut company.email),
        ("language", "Default language", &mut company.language),
        ("currency", "Default currency", &mut company.currency),
    ]
}

impl CompanyArgs {
    /// The company as the options give it, each value checked as folio.toml would check it.
    fn company(&self) -> Result<NewCompany> {
        let mut company = NewCompany {
            name: self.company_name.clone(),
            street: self.street.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
            vat: self.vat.clone(),
            company_id: self.company_id.clone(),
            iban: self.iban.clone(),
            bic: self.bic.clone(),
            email: self.email.clone(),
            language: self.language.clone(),
            currency: self.currency.clone(),
        };
        for (key, _, value) in fields(&mut company) {
            if let Some(text) = value.as_deref() {
                company::check_value(key, text).map_err(|message| {
                    let flag = match key {
                        "name" => "company-name".to_string(),
                        other => other.trim_start_matches("address.").replace('_', "-"),
                    };
                    Error::InvalidData(format!("--{flag}: {message}; nothing was written"))
                })?;
            }
        }
        Ok(company)
    }
}

/// Creates folio.toml, contacts/, journal/, .gitattributes and .gitignore, and makes the folder a
/// git repository (with a pre-commit hook on request). Refuses to touch a directory that already
/// holds a book; checks every value, and that git runs, before anything is written.
pub fn run(args: &Args, _context: &Context, out: &mut dyn Write) -> Result<()> {
    let dir = &args.dir;
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::Usage(format!(
            "{} already holds a book ({CONFIG_FILE} exists); nothing was changed",
            dir.display()
        )));
    }
    let name = args.name.clone().unwrap_or_else(|| default_name(dir));
    let mut company = args.company.company()?;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        ask_company(
            &mut company,
            &name,
            &mut stdin.lock(),
            &mut std::io::stderr(),
        )?;
    }
    // The legal name is written out, so that [company] holds every part of the seller it has.
    company.name.get_or_insert_with(|| name.clone());
    let config = company::new_config_text(&name, &company);
    let settings = company::validate(&config, Path::new(CONFIG_FILE)).map_err(|problems| {
        let message = problems.first().map(|p| p.message.as_str()).unwrap_or("");
        Error::InvalidData(format!("{message}; nothing was written"))
    })?;
    let repository = if args.no_git {
        None
    } else {
        repository::require_git()?;
        Some(repository::find(dir)?)
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for sub in [CONTACTS_DIR, JOURNAL_DIR] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        // Git does not keep empty folders.
        let keep = path.join(".gitkeep");
        if !keep.exists() {
            fsio::create_new(&keep, b"")?;
        }
    }
    write_if_absent(&dir.join(".gitattributes"), repository::GITATTRIBUTES)?;
    write_if_absent(&dir.join(".gitignore"), &repository::gitignore())?;
    let git_said = match &repository {
        Some(found) => set_up_git(dir, found, args.hooks)?,
        None => Vec::new(),
    };
    // folio.toml last: until it exists, the directory is not a book.
    fsio::write_atomic(&dir.join(CONFIG_FILE), config.as_bytes())?;
    writeln!(out, "Created a new book `{name}` in {}", dir.display())?;
    for line in git_said {
        writeln!(out, "{line}")?;
    }
    let company_name = settings.company.name.as_deref().unwrap_or(&name);
    let missing = company::missing_for_invoices(company_name, &settings.company);
    if !missing.is_empty() {
        let keys: Vec<String> = missing.iter().map(|key| format!("{key}=...")).collect();
        writeln!(
            out,
            "Before issuing invoices, complete the company: folio company set {}",
            keys.join(" ")
        )?;
    }
    writeln!(
        out,
        "Next: `folio contact add`, then `folio invoice CONTACT --item ...`; `folio check` validates the book."
    )?;
    Ok(())
}

/// Asks at the terminal for every company field the options left out, showing the default in
/// brackets; Enter keeps it (or leaves the key out), a value folio.toml would refuse is asked
/// again, and the end of input keeps the defaults of every field left.
fn ask_company(
    company: &mut NewCompany,
    book_name: &str,
    input: &mut dyn BufRead,
    prompt: &mut dyn Write,
) -> Result<()> {
    writeln!(
        prompt,
        "The company on your invoices (Enter keeps [the default] or leaves it out):"
    )
    .map_err(Error::Output)?;
    for (key, question, value) in fields(company) {
        if value.is_some() {
            continue;
        }
        let default = match key {
            "name" => Some(book_name),
            "language" => Some("en"),
            "currency" => Some("EUR"),
            _ => None,
        };
        match ask(key, question, default, input, prompt)? {
            Answer::Value(answer) => *value = answer,
            Answer::EndOfInput => break,
        }
    }
    Ok(())
}

/// What one question got.
enum Answer {
    /// A checked value, or `None` for a key left out.
    Value(Option<String>),
    /// The input ended.
    EndOfInput,
}

/// Asks one question until the answer passes the check of `key`.
fn ask(
    key: &str,
    question: &str,
    default: Option<&str>,
    input: &mut dyn BufRead,
    prompt: &mut dyn Write,
) -> Result<Answer> {
    loop {
        match default {
            Some(default) => write!(prompt, "{question} [{default}]: "),
            None => write!(prompt, "{question}: "),
        }
        .and_then(|()| prompt.flush())
        .map_err(Error::Output)?;
        let mut line = String::new();
        let read = input
            .read_line(&mut line)
            .map_err(|e| Error::io(Path::new("<stdin>"), e))?;
        if read == 0 {
            return Ok(Answer::EndOfInput);
        }
        let answer = Some(line.trim()).filter(|a| !a.is_empty()).or(default);
        let Some(answer) = answer else {
            return Ok(Answer::Value(None));
        };
        match company::check_value(key, answer) {
            Ok(()) => return Ok(Answer::Value(Some(answer.to_string()))),
            Err(message) => writeln!(prompt, "  {message}").map_err(Error::Output)?,
        }
    }
}

fn write_if_absent(path: &Path, contents: &str) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        fsio::create_new(path, contents.as_bytes())
    }
}

fn default_name(dir: &Path) -> String {
    // The directory may not exist yet: nothing is created before every value is checked.
    std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "My business".to_string())
}

/// Makes `dir` a git repository unless it lies in one already, and writes the hook when asked;
/// returns what to tell the user.
fn set_up_git(dir: &Path, found: &Repository, hooks: bool) -> Result<Vec<String>> {
    let mut said = Vec::new();
    match found {
        Repository::None => {
            repository::init(dir)?;
            said.push(format!(
                "Made {} a git repository; nothing is committed yet: `git add . && git commit -m \"New book\"`",
                dir.display()
            ));
        }
        Repository::Enclosing(top) => said.push(format!(
            "{} is inside the git repository at {}: no new repository was made in it",
            dir.display(),
            top.display()
        )),
    }
    // Two branches that each issue documents then merge with no manual step (docs/git.md).
    for done in crate::record::merge_driver::install(dir)? {
        said.push(format!("Merge driver: {done}"));
    }
    if hooks {
        // The hook runs the folio that wrote it, so that a book made by one build is checked by it.
        let folio = std::env::current_exe().ok();
        said.push(match repository::install_hook(dir, folio.as_deref())? {
            Hook::Written(path) => format!(
                "Wrote {}: a commit is refused while `folio check` finds errors",
                path.display()
            ),
            Hook::Kept(path) => format!(
                "{} exists and was left as it is: add `folio check` to it yourself (docs/git.md)",
                path.display()
            ),
        });
    }
    Ok(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(input: &str) -> (NewCompany, String) {
        let mut company = NewCompany {
            city: Some("Gent".into()),
            ..NewCompany::default()
        };
        let mut prompt = Vec::new();
        ask_company(&mut company, "Shop", &mut input.as_bytes(), &mut prompt).unwrap();
        (company, String::from_utf8(prompt).unwrap())
    }

    #[test]
    fn prompts_show_defaults_skip_given_fields_and_ask_again_after_a_bad_value() {
        let (company, prompt) =
            answered("\nKerkstraat 1\n9000\nbe\nBE\nBE0403170702\nBE0403170701\n");
        assert_eq!(company.name.as_deref(), Some("Shop"));
        assert_eq!(company.street.as_deref(), Some("Kerkstraat 1"));
        assert_eq!(company.city.as_deref(), Some("Gent"));
        assert_eq!(company.country.as_deref(), Some("BE"));
        assert_eq!(company.vat.as_deref(), Some("BE0403170701"));
        assert!(prompt.contains("Company name [Shop]: "), "{prompt}");
        assert!(!prompt.contains("City"), "{prompt}");
        assert_eq!(prompt.matches("Country (ISO code, e.g. BE): ").count(), 2);
        assert_eq!(
            prompt.matches("VAT number (e.g. BE0403170701): ").count(),
            2
        );
        // The input ended before the language: it keeps no value, and the book its default.
        assert_eq!(company.language, None);
    }

    #[test]
    fn an_empty_answer_leaves_a_key_without_default_out() {
        let (company, _) = answered("Lilas\n\n\n\n\n\n\n\n\nfr\nUSD\n");
        assert_eq!(company.name.as_deref(), Some("Lilas"));
        assert_eq!(company.street, None);
        assert_eq!(company.vat, None);
        assert_eq!(company.language.as_deref(), Some("fr"));
        assert_eq!(company.currency.as_deref(), Some("USD"));
    }
}
