//! `folio contact add`: a new contact file, keys in canonical order.

use super::LockArgs;
use super::file::{refuse, shown_path};
use crate::book::edit::{self, NewContact};
use crate::book::{Location, Role, slug, write};
use crate::cli::settings::{RoleArg, parse_start_date};
use crate::error::{Error, Result};
use crate::fsio;
use crate::identifiers;
use chrono::NaiveDate;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct AddArgs {
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
    #[arg(long, value_name = "AMOUNT", allow_negative_numbers = true)]
    credit_limit: Option<String>,
    /// Customer since (default: not recorded).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    since: Option<NaiveDate>,
    /// Region, state or province of the address.
    #[arg(long)]
    region: Option<String>,
    /// IBAN of the contact's bank account.
    #[arg(long)]
    iban: Option<String>,
    /// Peppol participant id, scheme:identifier (0208:0417497106).
    #[arg(long, value_name = "SCHEME:ID")]
    peppol: Option<String>,
    /// The buyer's reference (BT-10) their invoices carry by default.
    #[arg(long = "buyer-reference", value_name = "REF")]
    buyer_reference: Option<String>,
    /// Whether they receive the newsletter (preferences.newsletter): true or false.
    #[arg(long, value_name = "BOOL")]
    newsletter: Option<bool>,
    /// Add it archived (archived = true).
    #[arg(long)]
    archived: bool,
    /// A custom field, repeatable: --custom account_manager=Ana (custom.NAME = VALUE).
    #[arg(long = "custom", value_name = "NAME=VALUE", value_parser = parse_custom)]
    custom: Vec<(String, String)>,
    #[command(flatten)]
    lock: LockArgs,
}

/// Adds a contact: checks the flags, writes a canonical file, prints the id.
pub(super) fn run(args: &AddArgs, location: &Location, out: &mut dyn Write) -> Result<()> {
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
    let text = with_other_keys(edit::new_contact_text(&fields), args)?;
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

/// `--custom NAME=VALUE`, as `contact set custom.NAME=VALUE` reads it.
fn parse_custom(text: &str) -> std::result::Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE, e.g. account_manager=Ana"))?;
    Ok((format!("custom.{}", name.trim()), value.to_string()))
}

/// The keys `contact set` takes that [`NewContact`] does not hold, set as `contact set` sets
/// them, in canonical order.
fn with_other_keys(text: String, args: &AddArgs) -> Result<String> {
    let mut keys: Vec<(String, String)> = [
        ("address.region", &args.region),
        ("iban", &args.iban),
        ("peppol", &args.peppol),
        ("buyer_reference", &args.buyer_reference),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_ref().map(|v| (key.to_string(), v.clone())))
    .collect();
    if let Some(newsletter) = args.newsletter {
        keys.push(("preferences.newsletter".into(), newsletter.to_string()));
    }
    if args.archived {
        keys.push(("archived".into(), "true".into()));
    }
    keys.extend(args.custom.iter().cloned());
    if keys.is_empty() {
        return Ok(text);
    }
    let mut document = edit::ContactDocument::parse(&text).map_err(Error::InvalidData)?;
    for (key, value) in &keys {
        let flag = key.rsplit('.').next().unwrap_or(key).replace('_', "-");
        document
            .set(key, value)
            .map_err(|message| Error::InvalidData(format!("--{flag}: {message}")))?;
    }
    edit::canonical_contact(&document.text()).map_err(Error::InvalidData)
}
