//! `folio contacts`: the contact list, filtered.

use crate::cli::Context;
use crate::cli::settings::{FormatArg, RoleArg};
use crate::error::Result;
use crate::output::{self};
use crate::report::directory::{self, Filter};
use std::io::Write;

/// Arguments of `folio contacts`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Text filters ignore case and accents; archived contacts are listed only with --archived.\n\n\
Examples:\n  folio --book examples/demo contacts --role supplier\n  \
folio --book examples/demo contacts --country BE --tag horeca --format csv\n  \
folio --book examples/demo contacts --archived --format json")]
pub struct Args {
    /// Only customers or only suppliers.
    #[arg(long, value_enum, value_name = "ROLE")]
    role: Option<RoleArg>,
    /// Only contacts with this tag; repeat to require several.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only this industry.
    #[arg(long)]
    industry: Option<String>,
    /// Only this country (ISO code, e.g. BE).
    #[arg(long)]
    country: Option<String>,
    /// Only this city.
    #[arg(long)]
    city: Option<String>,
    /// Only this language (en, fr, zh...).
    #[arg(long)]
    language: Option<String>,
    /// Include archived contacts.
    #[arg(long)]
    archived: bool,
    /// Only the members of this segment as of today (`folio segments` lists them).
    #[arg(long, value_name = "NAME")]
    segment: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
}

/// Lists the contacts that pass the filters, in id order.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let filter = Filter {
        role: args.role.map(RoleArg::role),
        tags: args.tags.clone(),
        industry: args.industry.clone(),
        country: args.country.clone(),
        city: args.city.clone(),
        language: args.language.clone(),
        archived: args.archived,
    };
    let mut list = directory::list(book, &filter);
    if let Some(name) = &args.segment {
        let today = crate::cli::settings::today();
        let revenue = crate::cli::common::revenue(book)?;
        let members = crate::report::segments::membership(book, &revenue, name, today)?;
        let member = |id: &str| book.contact_index(id).is_some_and(|i| members[i as usize]);
        list.contacts.retain(|contact| member(&contact.id));
    }
    output::render(&list, args.format.into(), style, out)?;
    Ok(())
}
