//! Help topics: `folio help format`, `folio help allocation`, `folio help exit-codes`, ...
//!
//! Each topic is a page of docs/ (or one section of it) compiled into the binary with
//! `include_str!`, so `folio help TOPIC` and the documentation are one text and cannot drift.
//! A topic name never equals a command name: `folio help aging` stays the command's help.

/// A help topic.
#[derive(Debug, Clone, Copy)]
pub struct Topic {
    /// The name after `folio help`.
    pub name: &'static str,
    /// One line: what the topic covers.
    pub about: &'static str,
    /// The docs/ file it comes from, for messages and the test that the two agree.
    pub source: &'static str,
    /// The `## ` heading of the section shown, or `None` for the whole page.
    pub section: Option<&'static str>,
    text: &'static str,
}

macro_rules! topic {
    ($name:literal, $about:literal, $file:literal, $section:expr) => {
        Topic {
            name: $name,
            about: $about,
            source: concat!("docs/", $file),
            section: $section,
            text: include_str!(concat!("../../docs/", $file)),
        }
    };
}

/// Every topic, in the order `folio help` lists them.
pub const TOPICS: &[Topic] = &[
    topic!(
        "format",
        "The book: folio.toml, contact files, journal lines",
        "format.md",
        None
    ),
    topic!(
        "allocation",
        "How payments and credit notes settle invoices (open items)",
        "format.md",
        Some("## Allocation")
    ),
    topic!(
        "exit-codes",
        "What each exit code means",
        "errors.md",
        Some("## Exit codes")
    ),
    topic!(
        "errors",
        "How problems are printed, every error and warning",
        "errors.md",
        None
    ),
    topic!(
        "config",
        "The command line: config file, environment, colour, pager, completions",
        "cli.md",
        None
    ),
    topic!(
        "dates",
        "Every form a date option takes: today, 2026-10, 2026-Q3, -30d, ...",
        "cli.md",
        Some("## Dates")
    ),
    topic!(
        "reports",
        "Every report, with an example from the demo book",
        "reports.md",
        None
    ),
    topic!(
        "analytics",
        "Metrics, RFM, tiers, ABC, CLV, DSO",
        "analytics.md",
        None
    ),
    topic!(
        "invoicing",
        "Invoices with line items, quotes, PDF and UBL",
        "documents.md",
        None
    ),
    topic!(
        "dunning",
        "Courtesy notices, dunning levels and letters",
        "dunning.md",
        None
    ),
    topic!(
        "automation",
        "Cron, CI and scripts: exit codes, JSON, locking",
        "automation.md",
        None
    ),
];

impl Topic {
    /// The text shown: the whole page, or its section up to the next heading of the same level.
    pub fn text(&self) -> &'static str {
        let Some(heading) = self.section else {
            return self.text;
        };
        let Some(start) = self
            .text
            .match_indices(heading)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || self.text.as_bytes()[i - 1] == b'\n')
        else {
            return self.text;
        };
        let rest = &self.text[start..];
        let end = rest[heading.len()..]
            .find("\n## ")
            .map_or(rest.len(), |i| heading.len() + i + 1);
        &rest[..end]
    }
}

/// The topic of this name.
pub fn find(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.name == name)
}

/// The list of topics for `folio help`'s after-help text.
pub fn list() -> String {
    let width = TOPICS.iter().map(|t| t.name.len()).max().unwrap_or(0);
    TOPICS
        .iter()
        .map(|t| format!("  {:width$}  {}", t.name, t.about))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_stop_at_the_next_heading() {
        let allocation = find("allocation").unwrap().text();
        assert!(allocation.starts_with("## Allocation\n"));
        assert!(allocation.contains("### Worked example"));
        assert!(!allocation.contains("\n## Balances"));
        let codes = find("exit-codes").unwrap().text();
        assert!(codes.starts_with("## Exit codes\n"));
        assert!(codes.contains("| 65 |"));
        assert!(!codes.contains("## How problems"));
    }

    #[test]
    fn every_section_exists() {
        for topic in TOPICS {
            if let Some(heading) = topic.section {
                assert!(
                    topic.text().starts_with(heading),
                    "{} has no {heading}",
                    topic.source
                );
            }
        }
    }
}
