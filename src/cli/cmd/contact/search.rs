//! `folio contact search`: contacts whose name, e-mail, phone, VAT number, city or tags hold a
//! text.

use crate::book::Location;
use crate::cli::settings::FormatArg;
use crate::error::Result;
use crate::output::{self, Style};
use crate::report::directory;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub(super) struct SearchArgs {
    /// Text to find: `etienne` finds Étienne, `贝塔` finds 北京贝塔科技.
    text: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table, env = "FOLIO_FORMAT")]
    format: FormatArg,
}

/// Lists the contacts that match, archived ones too.
pub(super) fn run(
    args: &SearchArgs,
    location: &Location,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let book = crate::checks::load_valid(location)?;
    let found = directory::search(&book, &args.text);
    output::render(&found, args.format.into(), style, out)?;
    Ok(())
}
