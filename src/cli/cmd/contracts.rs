//! `folio contracts`.

use crate::cli::Context;
use crate::cli::settings::ReportArgs;
use crate::error::Result;
use crate::output::{self};
use crate::report::contracts::{self, ContractFilter};
use std::io::Write;

/// Arguments of `folio contracts`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Status: upcoming (not started), active, notice (in the notice window: from \
end - notice_days to end), ended.\n\nExamples:\n  folio --book examples/demo contracts\n  \
folio --book examples/demo contracts --expiring 60d --format csv"
)]
pub struct Args {
    /// Only contracts that end within this many days of --as-of (and have not ended): `60d`,
    /// `8w` or `60`.
    #[arg(long, value_name = "DAYS", value_parser = parse_period)]
    expiring: Option<u32>,
    /// Only this contact.
    #[arg(long, value_name = "ID")]
    contact: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

/// Parses `60d`, `8w` or `60` into a number of days.
pub fn parse_period(text: &str) -> std::result::Result<u32, String> {
    let (number, unit) = match text.strip_suffix(['d', 'w']) {
        Some(number) => (number, if text.ends_with('w') { 7 } else { 1 }),
        None => (text, 1),
    };
    number
        .parse::<u32>()
        .ok()
        .filter(|_| number.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.checked_mul(unit))
        .filter(|&days| days <= 36_600)
        .ok_or_else(|| {
            format!("`{text}` is not a period: expected days such as 60d, weeks such as 8w, or a number of days")
        })
}

/// Prints the contracts, by end date.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    let contact = args
        .contact
        .as_deref()
        .map(|id| book.require_contact(id))
        .transpose()?;
    let filter = args
        .expiring
        .map_or(ContractFilter::All, ContractFilter::Expiring);
    let report = contracts::contracts(book, args.report.as_of(), contact, filter);
    output::render(&report, args.report.format(), args.report.style(style), out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_period;

    #[test]
    fn periods() {
        assert_eq!(parse_period("60d"), Ok(60));
        assert_eq!(parse_period("8w"), Ok(56));
        assert_eq!(parse_period("30"), Ok(30));
        assert!(parse_period("-5d").is_err());
        assert!(parse_period("d").is_err());
        assert!(parse_period("3m").is_err());
    }
}
