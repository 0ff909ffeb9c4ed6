//! `folio alerts`: the digest of what needs attention, `--explain KIND`, and the record of the
//! last run in `alerts.state`.

use crate::book::Book;
use crate::book::alerts_state::{self, State};
use crate::book::sends;
use crate::cli::Context;
use crate::cli::settings::{ReportArgs, parse_start_date, usage};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::error::{Error, Result};
use crate::ledger::revenue::Revenue;
use crate::output::{self, Format};
use crate::report::alerts::{self, Alert, AlertKind, AlertsTable, Category, Severity, SinceFrom};
use chrono::NaiveDate;
use std::io::Write;

/// Arguments of `folio alerts`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "One list of what needs attention: credit (over or near the limit, on hold), collection (items \
crossing an aging bucket or a dunning level), anomalies in entries, customer behaviour and data quality. \
Every kind, its rule and its thresholds: docs/alerts.md, or --explain KIND.\n\n\
Without --since, alerts look back to the last run recorded in alerts.state (else [alerts] since_days, 7); a \
run without --since or --dry-run records itself there.\n\n\
Exit codes: 0 ok, 1 --fail-on reached, 2 usage, 65 invalid book or alerts.state.\n\n\
In cron: `folio alerts --min-severity warn --fail-on warn`.\n\n\
Examples:\n  folio --book examples/demo alerts --as-of 2026-11-25 --dry-run\n  \
folio --book examples/demo alerts --as-of 2026-11-25 --dry-run --min-severity warn\n  \
folio --book examples/demo alerts --explain unusual-amount"
)]
pub struct Args {
    /// Alerts about what happened after this date are new (default: the last recorded run, else 7 days back).
    #[arg(long, value_name = "DATE", value_parser = parse_start_date, allow_hyphen_values = true)]
    since: Option<NaiveDate>,
    /// Show only alerts at or above this severity.
    #[arg(long, value_enum, default_value_t = SeverityArg::Info, value_name = "SEVERITY")]
    min_severity: SeverityArg,
    /// Exit 1 when any alert reaches this severity (shown or not).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<SeverityArg>,
    /// Print the rule of a kind (or of a category, or `all`) with the thresholds in force.
    #[arg(long, value_name = "KIND")]
    explain: Option<String>,
    /// Do not record this run in alerts.state.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--min-severity` and `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SeverityArg {
    /// Worth knowing.
    Info,
    /// Needs someone to act.
    Warn,
    /// Money at risk now.
    Critical,
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warn => Severity::Warn,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

/// Runs `folio alerts`.
pub fn run(args: &Args, context: &Context, out: &mut dyn Write) -> Result<()> {
    let book = context.book()?;
    let style = context.style();
    if let Some(name) = &args.explain {
        return explain(name, book, out);
    }
    let as_of = args.report.as_of();
    let settings = alerts::Settings::of(&book.config.alerts);
    let state = if args.since.is_some() {
        None
    } else {
        alerts_state::read(&book.root)?
    };
    let (since, from) = alerts::resolve_since(as_of, args.since, state, settings.since_days);
    if since >= as_of {
        return Err(usage(format!(
            "--since {since} must be before the as-of date {as_of}"
        )));
    }
    let (log, diagnostics) = sends::read(&book.root)?;
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidBook(diagnostics));
    }
    let revenue = if alerts::needs_revenue(book) {
        crate::cli::common::revenue(book)?
    } else {
        Revenue::gross()
    };
    let report = alerts::alerts(book, &revenue, as_of, since, &log)?;

    let shown: Vec<&Alert> = report
        .alerts
        .iter()
        .filter(|a| a.severity >= args.min_severity.severity())
        .collect();
    let format = args.report.format();
    match format {
        Format::Json => output::json::write_value(&shown, out)?,
        Format::Csv => output::render(
            &AlertsTable {
                alerts: &shown,
                values: true,
            },
            format,
            args.report.style(style),
            out,
        )?,
        Format::Table => {
            if !shown.is_empty() {
                output::render(
                    &AlertsTable {
                        alerts: &shown,
                        values: false,
                    },
                    format,
                    args.report.style(style),
                    out,
                )?;
            }
            let looked = match from {
                SinceFrom::Flag => "--since".to_string(),
                SinceFrom::LastRun => "the last run".to_string(),
                SinceFrom::SameDay => "the same look-back as today's earlier run".to_string(),
                SinceFrom::Default => format!("{} days back", settings.since_days),
            };
            let hidden = report.alerts.len() - shown.len();
            let hidden = if hidden > 0 {
                format!(
                    ", {hidden} below {} not shown",
                    args.min_severity.severity().as_str()
                )
            } else {
                String::new()
            };
            let summary = format!(
                "{} alert(s) as of {as_of}, new since {since} ({looked}){hidden}",
                shown.len()
            );
            writeln!(out, "{}", output::table::hanging(&summary, 0, style.width))?;
        }
    }

    // Recorded after the digest is written, so a run that could not print is not recorded.
    if args.since.is_none() && !args.dry_run && alerts::records(as_of, state) {
        out.flush()?;
        alerts_state::write(
            &book.root,
            &State {
                last_run: as_of,
                since,
            },
        )?;
    }

    if let Some(level) = args.fail_on {
        let level = level.severity();
        let reached = report.alerts.iter().filter(|a| a.severity >= level).count();
        if reached > 0 {
            out.flush()?;
            return Err(Error::Condition(format!(
                "--fail-on {}: {reached} alert(s) at {} or above",
                level.as_str(),
                level.as_str()
            )));
        }
    }
    Ok(())
}

/// `--explain KIND`: a kind, a category (its kinds) or `all`.
fn explain(name: &str, book: &Book, out: &mut dyn Write) -> Result<()> {
    // Lines of 100 columns at most, or the width tables fit when narrower.
    let width = crate::output::terminal::table_width().map_or(100, |w| usize::from(w).min(100));
    let kinds: Vec<AlertKind> = if name == "all" {
        AlertKind::ALL.to_vec()
    } else if let Some(kind) = AlertKind::parse(name) {
        vec![kind]
    } else if let Some(category) = Category::ALL.into_iter().find(|c| c.as_str() == name) {
        AlertKind::ALL
            .into_iter()
            .filter(|k| k.category() == category)
            .collect()
    } else {
        let names: Vec<&str> = AlertKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain(Category::ALL.iter().map(|c| c.as_str()))
            .chain(["all"])
            .collect();
        let hint = did_you_mean(name, names.iter().copied())
            .map_or(String::new(), |near| format!("; did you mean `{near}`?"));
        return Err(usage(format!(
            "unknown alert kind `{name}`{hint}\nexpected one of: {}",
            names.join(", ")
        )));
    };
    for (i, kind) in kinds.into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(
            out,
            "{}",
            crate::text::visible(&alerts::explain(kind, book, width))
        )?;
    }
    Ok(())
}
