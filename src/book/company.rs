//! The company in folio.toml: the text of a new book's settings (`folio init`) and changes to
//! `[company]` afterwards (`folio company set`).
//!
//! Changes go through toml_edit, so comments, key order and spacing of everything not changed
//! stay as they were. Nothing here touches the disk: callers read folio.toml, edit the text,
//! check it with [`validate`] and write it atomically under the book's lock.

use super::config::{CompanyConfig, Config};
use super::serde_helpers::read_toml;
use crate::diagnostic::{Diagnostic, key_position, line_column, line_text};
use crate::identifiers::{check_country, check_currency, check_email, check_iban, check_tax_id};
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

/// The keys `folio company set` takes, as written in folio.toml below `[company]`, plus
/// `currency`, the book's default currency at the top of the file.
pub const KEYS: &[&str] = &[
    "name",
    "address.street",
    "address.postcode",
    "address.city",
    "address.region",
    "address.country",
    "vat",
    "company_id",
    "peppol",
    "iban",
    "bic",
    "email",
    "phone",
    "language",
    "legal",
    "currency",
];

/// The address keys, also taken without their `address.` prefix (`city=Gent`).
const ADDRESS_KEYS: &[&str] = &["street", "postcode", "city", "region", "country"];

/// The company as `folio init` is told it, every field optional.
#[derive(Debug, Clone, Default)]
pub struct NewCompany {
    /// The company's legal name.
    pub name: Option<String>,
    /// Street and number.
    pub street: Option<String>,
    /// Postal code.
    pub postcode: Option<String>,
    /// City.
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// VAT number, with its country prefix.
    pub vat: Option<String>,
    /// Registration number (Belgian enterprise number, SIREN).
    pub company_id: Option<String>,
    /// The account customers pay to.
    pub iban: Option<String>,
    /// The BIC of that account.
    pub bic: Option<String>,
    /// The `From:` address of e-mails.
    pub email: Option<String>,
    /// Default language of documents and letters.
    pub language: Option<String>,
    /// Default currency of entries (ISO 4217).
    pub currency: Option<String>,
}

/// Other names of keys, as `folio init`'s options and its questions call them.
const ALIASES: &[(&str, &str)] = &[
    ("company_name", "name"),
    ("enterprise_number", "company_id"),
    ("vat_number", "vat"),
];

/// The key `folio company set` writes for `key`: `city` is `address.city`, `company-id` is
/// `company_id`. An unknown key is refused with the nearest known one.
pub fn canonical_key(key: &str) -> Result<String, String> {
    let written = key.trim().replace('-', "_");
    let key = ALIASES
        .iter()
        .find(|(alias, _)| *alias == written)
        .map_or(written.as_str(), |(_, key)| key);
    if KEYS.contains(&key) {
        return Ok(key.to_string());
    }
    if ADDRESS_KEYS.contains(&key) {
        return Ok(format!("address.{key}"));
    }
    Err(
        match crate::diagnostic::did_you_mean(key, KEYS.iter().copied()) {
            Some(near) => format!("unknown key `{key}`; did you mean `{near}`?"),
            None => format!("unknown key `{key}`: expected one of {}", KEYS.join(", ")),
        },
    )
}

/// Parses `key=value` for `folio company set`, the key made canonical.
pub fn parse_assignment(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not key=value, e.g. vat=BE0403170701"))?;
    Ok((canonical_key(key)?, value.trim().to_string()))
}

/// folio.toml opened for editing.
#[derive(Debug, Clone)]
pub struct ConfigDocument {
    doc: DocumentMut,
}

impl ConfigDocument {
    /// Parses folio.toml's text; a file toml_edit cannot read at all is refused.
    pub fn parse(text: &str) -> Result<ConfigDocument, String> {
        text.parse::<DocumentMut>()
            .map(|doc| ConfigDocument { doc })
            .map_err(|e| format!("the file is not valid TOML: {}", e.message()))
    }

    /// Sets a key of [`KEYS`] (canonical) to `value`; an empty value removes it. A replaced value
    /// keeps the spacing and trailing comment of the old one; `[company]` and
    /// `[company.address]` are added when missing.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        if key == "currency" {
            let root = self.doc.as_table_mut();
            put(root, "currency", value);
            return Ok(());
        }
        let (table_path, leaf): (&[&str], &str) = match key.strip_prefix("address.") {
            Some(leaf) => (&["company", "address"], leaf),
            None => (&["company"], key),
        };
        if !value.is_empty() && self.fill_placeholder(table_path, leaf, value) {
            return Ok(());
        }
        let mut table: &mut dyn TableLike = self.doc.as_table_mut();
        for name in table_path {
            if table.get(name).is_none() {
                if value.is_empty() {
                    return Ok(());
                }
                table.insert(name, Item::Table(Table::new()));
            }
            table = table
                .get_mut(name)
                .and_then(Item::as_table_like_mut)
                .ok_or_else(|| format!("`{name}` in folio.toml is not a table"))?;
        }
        put(table, leaf, value);
        Ok(())
    }

    /// The edited text.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// Puts a key that is not set yet where `folio init` left it commented out (`# vat = "..."`
    /// under `[company]`), so it keeps the comment that explains it. False when the table has
    /// the key already or no such line.
    fn fill_placeholder(&mut self, table_path: &[&str], leaf: &str, value: &str) -> bool {
        let mut table = self.doc.as_item();
        for name in table_path {
            match table.get(name) {
                Some(item) => table = item,
                None => return false,
            }
        }
        if table.get(leaf).is_some() {
            return false;
        }
        let header = format!("[{}]", table_path.join("."));
        let mut in_table = false;
        let mut filled = false;
        let mut text = String::new();
        for line in self.doc.to_string().split_inclusive('\n') {
            let code = line.split('#').next().unwrap_or("").trim();
            if code.starts_with('[') {
                in_table = code == header;
            }
            let commented_key = line
                .trim()
                .strip_prefix('#')
                .and_then(|rest| rest.split_once('='))
                .map(|(key, _)| key.trim());
            if in_table && !filled && commented_key == Some(leaf) {
                text.push_str(&format!("{leaf} = {}\n", Value::from(value)));
                filled = true;
            } else {
                text.push_str(line);
            }
        }
        match text.parse::<DocumentMut>() {
            Ok(doc) if filled => {
                self.doc = doc;
                true
            }
            _ => false,
        }
    }
}

/// Replaces a value keeping the decoration of the old one, adds it, or removes it when empty.
fn put(table: &mut dyn TableLike, key: &str, value: &str) {
    if value.is_empty() {
        table.remove(key);
        return;
    }
    let mut new = Value::from(value);
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        Some(item) => *item = Item::Value(new),
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Every identifier of `[company]` checked beyond its shape, as (key, message): the VAT number
/// and its check digits, the IBAN's checksum, the e-mail address, the country code, the Peppol id.
pub fn company_problems(company: &CompanyConfig) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let mut check = |key, value: &Option<String>, rule: &dyn Fn(&str) -> Result<(), String>| {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty())
            && let Err(message) = rule(value)
        {
            problems.push((key, message));
        }
    };
    check("company.vat", &company.vat, &|v| check_tax_id(v).map(drop));
    check("company.iban", &company.iban, &|v| check_iban(v).map(drop));
    check("company.email", &company.email, &check_email);
    check(
        "company.address.country",
        &company.address.country,
        &check_country,
    );
    check("company.peppol", &company.peppol, &|v| {
        crate::identifiers::peppol::parse(v).map(drop)
    });
    problems
}

/// Checks folio.toml's text as the loader reads it, and more strictly: a `[company]` identifier
/// that fails [`company_problems`] and an unknown currency are errors. Returns the settings, or
/// every problem positioned in `text` and shown under `shown`.
pub fn validate(text: &str, shown: &Path) -> Result<Config, Vec<Diagnostic>> {
    let read = read_toml::<Config>(text);
    let at = |offset: Option<usize>, key: Option<&str>, message: String| {
        let (line, column) = match (offset, key) {
            (Some(offset), _) => line_column(text, offset),
            (None, Some(key)) => key_position(text, key).unwrap_or((0, 0)),
            (None, None) => (0, 0),
        };
        let mut diagnostic = Diagnostic::error(shown, line, column, message);
        if let Some(excerpt) = line_text(text, line).filter(|_| line > 0) {
            diagnostic = diagnostic.with_excerpt(excerpt);
        }
        diagnostic
    };
    let mut problems: Vec<Diagnostic> = read
        .problems
        .into_iter()
        .map(|problem| at(Some(problem.offset), None, problem.message))
        .collect();
    let Some(config) = read.value else {
        if problems.is_empty() {
            problems.push(at(None, None, "not a folio.toml".into()));
        }
        return Err(problems);
    };
    if problems.is_empty() {
        for (key, message) in company_problems(&config.company) {
            problems.push(at(None, Some(key), message));
        }
        if let Some(currency) = config.currency
            && let Err(message) = check_currency(currency.as_str())
        {
            problems.push(at(None, Some("currency"), message));
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// The value of every key of [`KEYS`] in `config`, in that order (`None` when unset).
pub fn values(config: &Config) -> Vec<(&'static str, Option<String>)> {
    let company = &config.company;
    let address = &company.address;
    let values = [
        company.name.clone(),
        address.street.clone(),
        address.postcode.clone(),
        address.city.clone(),
        address.region.clone(),
        address.country.clone(),
        company.vat.clone(),
        company.company_id.clone(),
        company.peppol.clone(),
        company.iban.clone(),
        company.bic.clone(),
        company.email.clone(),
        company.phone.clone(),
        company.language.clone(),
        company.legal.clone(),
        config.currency.map(|c| c.to_string()),
    ];
    KEYS.iter().copied().zip(values).collect()
}

/// Checks one value of a key of [`KEYS`] (canonical) as [`validate`] would in folio.toml: the
/// message of its first problem, for a prompt to ask again.
pub fn check_value(key: &str, value: &str) -> Result<(), String> {
    let mut doc = ConfigDocument::parse("name = \"x\"\n")?;
    doc.set(key, value)?;
    validate(&doc.text(), Path::new("folio.toml"))
        .map(drop)
        .map_err(|problems| {
            problems
                .into_iter()
                .next()
                .map(|p| p.message)
                .unwrap_or_default()
        })
}

/// The `[company]` keys an invoice's seller still lacks, as `folio company set` names them: the
/// name, the address (street, city, country: EN 16931 BR-08, BR-09) and a VAT number (Article
/// 226 of the VAT Directive; a registration number `company_id` stands in for a company that has
/// none, BR-CO-26).
pub fn missing_for_invoices(name: &str, company: &CompanyConfig) -> Vec<&'static str> {
    let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
    let address = &company.address;
    let mut missing = Vec::new();
    if name.trim().is_empty() {
        missing.push("name");
    }
    for (key, value) in [
        ("address.street", &address.street),
        ("address.city", &address.city),
        ("address.country", &address.country),
    ] {
        if blank(value) {
            missing.push(key);
        }
    }
    if blank(&company.vat) && blank(&company.company_id) {
        missing.push("vat");
    }
    missing
}

/// The text of a new book's folio.toml: the book's name, currency and terms, a `[company]` with
/// what is known and every other key of it commented out, then every other section, set to its
/// defaults or commented out with an example.
pub fn new_config_text(book_name: &str, company: &NewCompany) -> String {
    let currency = company.currency.as_deref().unwrap_or("EUR");
    let mut text = format!(
        "# folio book settings. See docs/format.md for every key.\n\
         name = {}\n\n\
         # Default currency of entries whose contact sets none (ISO 4217).\n\
         currency = {}\n\n\
         # Default payment terms in days (invoice date + terms = due date).\n\
         terms = 30\n\n",
        quoted(book_name),
        quoted(currency)
    );
    text.push_str(&company_section(company));
    text.push_str(OTHER_SECTIONS);
    text
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    Value::from(text).to_string().trim().to_string()
}

/// `key = "value"` when the value is known, else the key commented out with an example.
fn line(key: &str, value: &Option<String>, example: &str) -> String {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(value) => format!("{key} = {}\n", quoted(value)),
        None => format!("# {key} = {}\n", quoted(example)),
    }
}

fn company_section(company: &NewCompany) -> String {
    let c = company;
    let mut text = String::from(
        "# Who invoices, credit notes, quotes and letters come from (docs/documents.md). An invoice\n\
         # needs the name, the address with its country and the VAT number (or, for a company\n\
         # without one, company_id): folio refuses to issue one without them.\n\
         # Change these later with `folio company set KEY=VALUE`.\n\
         [company]\n",
    );
    text.push_str("# The legal name on documents (default: `name` above).\n");
    text.push_str(&line("name", &c.name, "Example Trading SRL"));
    text.push_str("# VAT number with its country prefix.\n");
    text.push_str(&line("vat", &c.vat, "BE0403170701"));
    text.push_str(
        "# Registration number (Belgian enterprise number, SIREN), printed on documents.\n",
    );
    text.push_str(&line("company_id", &c.company_id, "0403.170.701"));
    text.push_str("# The bank account customers pay to, and its BIC.\n");
    text.push_str(&line("iban", &c.iban, "BE68539007547034"));
    text.push_str(&line("bic", &c.bic, "GKCCBEBB"));
    text.push_str("# The From: address of e-mails, and a phone number for questions.\n");
    text.push_str(&line("email", &c.email, "billing@example.com"));
    text.push_str(&line("phone", &None, "+32 2 123 45 67"));
    text.push_str("# Default language of documents and letters (en, fr, nl, de, zh).\n");
    text.push_str(&line("language", &c.language, "en"));
    text.push_str("# Legal mentions at the foot of documents (legal form, register, penalties).\n");
    text.push_str(&line("legal", &None, "Example Trading SRL · RPM Bruxelles"));
    text.push_str(
        "# The Peppol participant id, when it is not the one derived from the VAT number.\n",
    );
    text.push_str(&line("peppol", &None, "0208:0403170701"));
    text.push_str("\n[company.address]\n");
    text.push_str(&line("street", &c.street, "Rue Haute 112"));
    text.push_str(&line("postcode", &c.postcode, "1000"));
    text.push_str(&line("city", &c.city, "Bruxelles"));
    text.push_str(&line("region", &None, "Brussels-Capital"));
    text.push_str("# ISO 3166-1 alpha-2 code.\n");
    text.push_str(&line("country", &c.country, "BE"));
    text
}

/// The sections after `[company]`: aging and credit at their defaults, the others commented out
/// with an example, each pointing to its documentation.
const OTHER_SECTIONS: &str = r#"
[aging]
# Upper bounds of the aging buckets in days past due: current, 1-30, 31-60, 61-90, 90+.
buckets = [30, 60, 90]

[credit]
# Warn when a customer's exposure reaches this share of its credit limit.
warn_at = 0.8
# Put a customer on credit hold when an open item is more than this many days past due.
hold_after_days = 60

# Document numbers per kind (docs/documents.md); these are the defaults.
# [numbering]
# invoice = "INV-{year}-{seq:04}"
# credit = "CN-{year}-{seq:04}"
# payment = "PAY-{year}-{seq:05}"

# Reminders: courtesy notices before the due date, then levels of letters (docs/dunning.md).
# [dunning]
# due_soon_days = 5
# repeat_every_days = 0
# send_command = ["sendmail", "-t", "-i"]

# Customer segments, each a CEL rule over contact fields and metrics (docs/segments.md).
# [segments.vip]
# where = 'revenue >= 30000 || "vip" in tags'

# The metrics window and the built-in classifications (docs/analytics.md).
# [analytics.abc]
# a = 0.8
# b = 0.95

# Which alerts run and their thresholds (docs/alerts.md).
# [alerts]
# since_days = 7

# What the book asks of entries' VAT (docs/vat.md).
# [vat]
# required = true

# The accounts of `folio export entries --format ledger|beancount` (docs/commands/export.md).
# [export.accounts]
# sales = "Income:Sales"

# Bank reconciliation (docs/reconcile.md): a payment short of its invoice by at most this much
# is proposed with a write-off of the difference (bank charges).
# [reconcile]
# writeoff_tolerance = "25.00"
# Reports with every amount also converted to one currency, and its total (docs/reports.md).
# [reports]
# convert = "EUR"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.starts_with('[') || is_setting(rest) => rest,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `key = ...` with a lower-case key: a commented-out setting, not prose.
    fn is_setting(text: &str) -> bool {
        text.split_once(" = ").is_some_and(|(key, _)| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
    }

    #[test]
    fn a_new_config_names_every_section_and_reads_back_with_its_examples_uncommented() {
        let text = new_config_text("Shop", &NewCompany::default());
        for section in super::super::config::KNOWN_KEYS {
            if !["name", "currency", "terms"].contains(section) {
                assert!(
                    text.contains(&format!("[{section}")),
                    "section {section} missing"
                );
            }
        }
        let shown = Path::new("folio.toml");
        assert!(validate(&text, shown).is_ok());
        let all = uncommented(&text);
        let config = validate(&all, shown).unwrap_or_else(|e| panic!("{e:?}\n{all}"));
        assert_eq!(config.company.vat.as_deref(), Some("BE0403170701"));
        assert!(missing_for_invoices("Shop", &config.company).is_empty());
    }

    #[test]
    fn a_new_config_holds_the_company_it_is_given() {
        let company = NewCompany {
            name: Some("Lilas \"Boutique\"".into()),
            city: Some("Gent".into()),
            vat: Some("BE0403170701".into()),
            currency: Some("USD".into()),
            ..NewCompany::default()
        };
        let config = validate(&new_config_text("x", &company), Path::new("f")).unwrap();
        assert_eq!(config.company.name.as_deref(), Some("Lilas \"Boutique\""));
        assert_eq!(config.company.address.city.as_deref(), Some("Gent"));
        assert_eq!(config.currency.map(|c| c.to_string()), Some("USD".into()));
        assert_eq!(
            missing_for_invoices("Lilas", &config.company),
            ["address.street", "address.country"]
        );
    }

    #[test]
    fn setting_a_key_keeps_comments_and_adds_missing_tables() {
        let text = "# mine\nname = \"x\" # the book\n";
        let mut doc = ConfigDocument::parse(text).unwrap();
        doc.set("address.city", "Gent").unwrap();
        doc.set("vat", "BE0403170701").unwrap();
        doc.set("currency", "EUR").unwrap();
        let edited = doc.text();
        assert!(edited.starts_with("# mine\nname = \"x\" # the book\n"));
        let config = validate(&edited, Path::new("f")).unwrap();
        assert_eq!(config.company.address.city.as_deref(), Some("Gent"));
        let mut doc = ConfigDocument::parse(&edited).unwrap();
        doc.set("vat", "").unwrap();
        assert!(!doc.text().contains("vat"));
    }

    #[test]
    fn a_key_init_left_commented_out_is_set_in_its_place() {
        let text = new_config_text("Shop", &NewCompany::default());
        let mut doc = ConfigDocument::parse(&text).unwrap();
        doc.set("vat", "BE0403170701").unwrap();
        doc.set("address.city", "Gent").unwrap();
        let edited = doc.text();
        assert!(
            edited.contains("# VAT number with its country prefix.\nvat = \"BE0403170701\"\n"),
            "{edited}"
        );
        assert!(
            edited.contains("# postcode = \"1000\"\ncity = \"Gent\"\n"),
            "{edited}"
        );
        assert_eq!(edited.lines().count(), text.lines().count());
        let config = validate(&edited, Path::new("f")).unwrap();
        assert_eq!(config.company.address.city.as_deref(), Some("Gent"));
    }

    #[test]
    fn bad_identifiers_are_refused_at_their_key() {
        let text = "name = \"x\"\n[company]\niban = \"BE68539007547035\"\nvat = \"BE0403170702\"\n";
        let problems = validate(text, Path::new("folio.toml")).unwrap_err();
        let lines: Vec<u32> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [4, 3]);
    }

    #[test]
    fn one_value_is_checked_as_folio_toml_would_check_it() {
        assert!(check_value("vat", "BE0403170701").is_ok());
        assert!(check_value("iban", "BE68539007547035").is_err());
        assert!(
            check_value("language", "FR")
                .unwrap_err()
                .contains("did you mean `fr`")
        );
        assert!(check_value("currency", "EURO").is_err());
        assert!(check_value("address.country", "be").is_err());
    }

    #[test]
    fn address_keys_are_taken_without_their_prefix() {
        assert_eq!(canonical_key("city").unwrap(), "address.city");
        assert_eq!(canonical_key("vat").unwrap(), "vat");
        assert_eq!(canonical_key("company-id").unwrap(), "company_id");
        assert_eq!(canonical_key("company-name").unwrap(), "name");
        assert!(
            canonical_key("vta")
                .unwrap_err()
                .contains("did you mean `vat`")
        );
    }
}
