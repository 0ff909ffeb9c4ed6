//! Document numbering: `[numbering]` in folio.toml gives a pattern per kind, such as
//! `invoice = "INV-{year}-{seq:04}"`. The next number continues the highest one already used for
//! that pattern and year; `folio check` warns about gaps and repeated numbers in the invoice and
//! credit-note sequences, which many tax authorities require to be gapless, and when their
//! numbers and dates disagree (a higher number dated before a lower one): Belgian and French rules
//! want invoice numbers in one continuous, chronological sequence.

use super::SourceFile;
use crate::diagnostic::Diagnostic;
use crate::journal::{Entry, Kind};
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Deserialize;

/// `[numbering]`: one optional pattern per journal kind.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingConfig {
    /// Invoices; default `INV-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub invoice: Option<Pattern>,
    /// Refunds; default `RF-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub refund: Option<Pattern>,
    /// Payments received; default `PAY-{year}-{seq:05}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub payment: Option<Pattern>,
    /// Credit notes; default `CN-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub credit: Option<Pattern>,
    /// Supplier bills (usually recorded under the supplier's own number with `--id`); default
    /// `BILL-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub bill: Option<Pattern>,
    /// Payments to suppliers; default `OUT-{year}-{seq:05}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub payout: Option<Pattern>,
    /// Debit notes; default `DN-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub debit: Option<Pattern>,
    /// Receivables write-offs; default `WO-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub writeoff: Option<Pattern>,
    /// Payables write-offs; default `PWO-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub payable_writeoff: Option<Pattern>,
    /// Debit notes to customers (interest, compensation, reminder fees; `folio interest
    /// --issue`), journal kind `invoice`; default `DN-{year}-{seq:04}`.
    #[serde(default, deserialize_with = "deserialize_pattern")]
    pub debit_note: Option<Pattern>,
}

impl NumberingConfig {
    /// The pattern of a kind: the configured one, else the default.
    pub fn pattern(&self, kind: Kind) -> Pattern {
        let configured = match kind {
            Kind::Invoice => &self.invoice,
            Kind::Refund => &self.refund,
            Kind::Payment => &self.payment,
            Kind::Credit => &self.credit,
            Kind::Bill => &self.bill,
            Kind::Payout => &self.payout,
            Kind::Debit => &self.debit,
            Kind::Writeoff => &self.writeoff,
            Kind::PayableWriteoff => &self.payable_writeoff,
        };
        configured.clone().unwrap_or_else(|| {
            Pattern::parse(default_pattern(kind)).expect("default patterns are valid")
        })
    }
}

impl NumberingConfig {
    /// The pattern of debit notes to customers: `debit_note`, else [`DEFAULT_DEBIT_NOTE`].
    pub fn debit_note_pattern(&self) -> Pattern {
        self.debit_note.clone().unwrap_or_else(|| {
            Pattern::parse(DEFAULT_DEBIT_NOTE).expect("the default pattern is valid")
        })
    }
}

/// The default numbering of debit notes to customers.
pub const DEFAULT_DEBIT_NOTE: &str = "DN-{year}-{seq:04}";

/// The metadata key that marks an entry recorded out of date order on purpose
/// (`--allow-backdate`): `check` does not warn about its date.
pub const BACKDATED_KEY: &str = "backdated";

/// Whether the numbers of a kind must follow the dates of its documents: invoices and credit
/// notes, the documents the law wants numbered in one chronological sequence. Payments, refunds,
/// write-offs and the payables' numbers are folio's own references, recorded when the money is
/// seen, often late.
pub fn follows_dates(kind: Kind) -> bool {
    matches!(kind, Kind::Invoice | Kind::Credit)
}

/// The pattern used when folio.toml sets none for a kind.
pub fn default_pattern(kind: Kind) -> &'static str {
    match kind {
        Kind::Invoice => "INV-{year}-{seq:04}",
        Kind::Refund => "RF-{year}-{seq:04}",
        Kind::Payment => "PAY-{year}-{seq:05}",
        Kind::Credit => "CN-{year}-{seq:04}",
        Kind::Bill => "BILL-{year}-{seq:04}",
        Kind::Payout => "OUT-{year}-{seq:05}",
        Kind::Debit => "DN-{year}-{seq:04}",
        Kind::Writeoff => "WO-{year}-{seq:04}",
        Kind::PayableWriteoff => "PWO-{year}-{seq:04}",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Year,
}

/// A numbering pattern: literal text, at most one `{year}` and exactly one `{seq}` or
/// `{seq:0N}` (zero-padded to N digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    before: Vec<Part>,
    width: usize,
    after: Vec<Part>,
}

/// A document id read back through a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    /// The `{year}` part, when the pattern has one.
    pub year: Option<i32>,
    /// The `{seq}` part.
    pub seq: u64,
}

impl Pattern {
    /// Parses a pattern, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let invalid = |why: String| {
            Err(format!(
                "invalid numbering pattern `{text}`: {why}; expected text with {{year}} and {{seq:04}}, e.g. \"INV-{{year}}-{{seq:04}}\""
            ))
        };
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut width = None;
        let mut rest = text;
        let mut literal = String::new();
        let mut has_year = false;
        while !rest.is_empty() {
            if let Some(open) = rest.strip_prefix('{') {
                let Some(close) = open.find('}') else {
                    return invalid("a `{` is not closed".into());
                };
                let field = &open[..close];
                rest = &open[close + 1..];
                let target = if width.is_some() {
                    &mut after
                } else {
                    &mut before
                };
                if !literal.is_empty() {
                    target.push(Part::Literal(std::mem::take(&mut literal)));
                }
                match field {
                    "year" if !has_year => {
                        has_year = true;
                        target.push(Part::Year);
                    }
                    "year" => return invalid("{year} appears twice".into()),
                    "seq" if width.is_none() => width = Some(1),
                    _ if field.starts_with("seq:") && width.is_none() => {
                        let digits = field[4..].trim_start_matches('0');
                        match digits.parse::<usize>() {
                            Ok(n) if (1..=12).contains(&n) => width = Some(n),
                            _ => {
                                return invalid(format!(
                                    "`{{{field}}}`: the width must be 1 to 12"
                                ));
                            }
                        }
                    }
                    _ if field.starts_with("seq") => return invalid("{seq} appears twice".into()),
                    _ => return invalid(format!("unknown field `{{{field}}}`")),
                }
                continue;
            }
            let c = rest.chars().next().unwrap_or_default();
            if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-')) {
                return invalid(format!(
                    "`{c}` cannot be part of a document id (letters, digits, '.', '_', '/', '-')"
                ));
            }
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
        let Some(width) = width else {
            return invalid("no {seq}".into());
        };
        if !literal.is_empty() {
            after.push(Part::Literal(literal));
        }
        if let Some(Part::Literal(first)) = before.first()
            && !first.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            return invalid("a document id starts with a letter or digit".into());
        }
        Ok(Pattern {
            text: text.to_string(),
            before,
            width,
            after,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the pattern has `{year}`: numbers restart every year.
    pub fn has_year(&self) -> bool {
        self.before.contains(&Part::Year) || self.after.contains(&Part::Year)
    }

    /// The id with this year and sequence number.
    pub fn render(&self, year: i32, seq: u64) -> String {
        let part = |part: &Part| match part {
            Part::Literal(text) => text.clone(),
            Part::Year => format!("{year:04}"),
        };
        let mut id: String = self.before.iter().map(part).collect();
        id.push_str(&format!("{seq:0width$}", width = self.width));
        id.extend(self.after.iter().map(part));
        id
    }

    /// Reads an id back: its year and sequence number, when it follows the pattern.
    pub fn read(&self, id: &str) -> Option<Number> {
        let mut year = None;
        let mut rest = id;
        for part in &self.before {
            rest = match part {
                Part::Literal(text) => rest.strip_prefix(text.as_str())?,
                Part::Year => {
                    let digits = rest
                        .get(..4)
                        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
                    year = Some(digits.parse().ok()?);
                    &rest[4..]
                }
            };
        }
        for part in self.after.iter().rev() {
            rest = match part {
                Part::Literal(text) => rest.strip_suffix(text.as_str())?,
                Part::Year => {
                    let start = rest.len().checked_sub(4)?;
                    let digits = rest
                        .get(start..)
                        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
                    year = Some(digits.parse().ok()?);
                    &rest[..start]
                }
            };
        }
        if rest.is_empty() || rest.len() > 18 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Number {
            year,
            seq: rest.parse().ok()?,
        })
    }

    /// The next id for a document dated `date`: one more than the highest number that `ids` holds
    /// for this pattern and the date's year (1 when there is none), skipping any id `taken` says is
    /// used (an id of another scheme that happens to match).
    pub fn next<'a>(
        &self,
        date: NaiveDate,
        ids: impl IntoIterator<Item = &'a str>,
        taken: impl Fn(&str) -> bool,
    ) -> String {
        let year = date.year();
        let wanted = self.has_year().then_some(year);
        let highest = ids
            .into_iter()
            .filter_map(|id| self.read(id))
            .filter(|number| number.year == wanted)
            .map(|number| number.seq)
            .max()
            .unwrap_or(0);
        let mut seq = highest + 1;
        loop {
            let id = self.render(year, seq);
            if !taken(&id) {
                return id;
            }
            seq += 1;
        }
    }
}

fn deserialize_pattern<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Pattern>, D::Error> {
    super::serde_helpers::deserialize_checked(
        d,
        "a pattern such as \"INV-{year}-{seq:04}\"",
        |text| Pattern::parse(text).map(Some),
    )
}

/// Warns about gaps and repeated numbers in the invoice and credit-note sequences: for each
/// pattern and year, every number between the lowest and the highest used should be used once;
/// and about numbers whose dates go back ([`warn_dates`]). Ids that do not follow the pattern are
/// not part of a sequence.
pub fn warn_sequences(
    numbering: &NumberingConfig,
    sources: &[SourceFile],
    entries: &[Entry],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let invoices = numbering.pattern(Kind::Invoice);
    let credits = numbering.pattern(Kind::Credit);
    let pattern_of = |kind: Kind| match kind {
        Kind::Invoice => Some(&invoices),
        Kind::Credit => Some(&credits),
        _ => None,
    };
    // (kind, year, seq, entry index) of every id that follows its kind's pattern, read on all
    // cores. Sorted, each (kind, year) is a run ordered by number, then by journal order.
    let mut numbers: Vec<(Kind, Option<i32>, u64, usize)> = entries
        .par_iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let number = pattern_of(entry.kind)?.read(id_of(sources, entry))?;
            Some((entry.kind, number.year, number.seq, index))
        })
        .collect();
    numbers.par_sort_unstable();
    for run in numbers.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let kind = run[0].0;
        let Some(pattern) = pattern_of(kind) else {
            continue; // not reached: only kinds with a pattern were read
        };
        let year = run[0].1.unwrap_or(0);
        warn_dates(run, sources, entries, diagnostics);
        // Most pairs follow each other: their lines (out of the cache by now) are read only
        // for a message.
        for pair in run.windows(2) {
            let ((_, _, previous, first), (_, _, seq, index)) = (pair[0], pair[1]);
            if seq == previous + 1 {
                continue;
            }
            let entry = &entries[index];
            let id = id_of(sources, entry);
            let message = if seq == previous {
                let other = &entries[first];
                if id_of(sources, other) == id {
                    continue; // a duplicate id: already an error of its own
                }
                format!(
                    "{} number {seq} is used twice: {id} and {} ({}:{}); each number of a sequence must be used once",
                    kind.as_str(),
                    id_of(sources, other),
                    sources[other.source as usize].path.display(),
                    other.line
                )
            } else if seq > previous + 1 {
                let missing = if seq == previous + 2 {
                    format!("{} is missing", pattern.render(year, previous + 1))
                } else {
                    format!(
                        "{} to {} ({} numbers) are missing",
                        pattern.render(year, previous + 1),
                        pattern.render(year, seq - 1),
                        seq - previous - 1
                    )
                };
                format!(
                    "gap in the {} numbers before {id}: {missing}; numbers must not be skipped or deleted (void a document with a credit note instead)",
                    kind.as_str()
                )
            } else {
                continue;
            };
            diagnostics.push(
                Diagnostic::warning(
                    &sources[entry.source as usize].path,
                    entry.line,
                    id_column(sources, entry),
                    message,
                )
                .with_excerpt(entry_line(sources, entry)),
            );
        }
    }
}

/// Warns at each document of a sequence (`run`, in number order) dated before a lower-numbered
/// one, naming the latest-dated of those, unless it carries [`BACKDATED_KEY`].
fn warn_dates(
    run: &[(Kind, Option<i32>, u64, usize)],
    sources: &[SourceFile],
    entries: &[Entry],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut latest: Option<(u64, usize)> = None;
    for &(kind, _, seq, index) in run {
        let entry = &entries[index];
        let Some((latest_seq, latest_index)) = latest else {
            latest = Some((seq, index));
            continue;
        };
        let other = &entries[latest_index];
        if entry.date >= other.date {
            latest = Some((seq, index));
            continue;
        }
        let line = entry_line(sources, entry);
        // A repeated number is a warning of its own; a document marked back-dated was meant so.
        if seq == latest_seq || is_backdated(line) {
            continue;
        }
        let message = format!(
            "{} {} is dated {}, before {} ({}:{}:{}), dated {}, which has a lower number: {} numbers must follow their dates; if it was issued late on purpose, mark it {BACKDATED_KEY}:yes",
            kind.as_str(),
            id_of(sources, entry),
            entry.date,
            id_of(sources, other),
            sources[other.source as usize].path.display(),
            other.line,
            id_column(sources, other),
            other.date,
            kind.as_str(),
        );
        diagnostics.push(
            Diagnostic::warning(
                &sources[entry.source as usize].path,
                entry.line,
                id_column(sources, entry),
                message,
            )
            .with_excerpt(line),
        );
    }
}

/// Whether a journal line carries [`BACKDATED_KEY`] (the line parsed).
pub fn is_backdated(line: &str) -> bool {
    crate::journal::parser::free_metadata(line)
        .iter()
        .any(|(key, _)| *key == BACKDATED_KEY)
}

/// The column (in characters, from 1) of an entry's id.
fn id_column(sources: &[SourceFile], entry: &Entry) -> u32 {
    let line = entry_line(sources, entry);
    line[..entry.id_offset as usize].chars().count() as u32 + 1
}

fn entry_line<'a>(sources: &'a [SourceFile], entry: &Entry) -> &'a str {
    entry.line_in(&sources[entry.source as usize].text)
}

fn id_of<'a>(sources: &'a [SourceFile], entry: &Entry) -> &'a str {
    entry.id_in(&sources[entry.source as usize].text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        crate::journal::parser::parse_date(text).unwrap()
    }

    #[test]
    fn patterns_render_and_read_back() {
        let p = Pattern::parse("INV-{year}-{seq:04}").unwrap();
        assert_eq!(p.render(2026, 7), "INV-2026-0007");
        assert_eq!(p.render(2026, 12345), "INV-2026-12345");
        assert_eq!(
            p.read("INV-2026-0007"),
            Some(Number {
                year: Some(2026),
                seq: 7
            })
        );
        assert_eq!(
            p.read("INV-2026-7"),
            Some(Number {
                year: Some(2026),
                seq: 7
            })
        );
        assert_eq!(p.read("INV-26-0007"), None);
        assert_eq!(p.read("INV-2026-"), None);
        assert_eq!(p.read("CN-2026-0001"), None);
        let q = Pattern::parse("{seq:3}/{year}").unwrap();
        assert_eq!(q.render(2025, 4), "004/2025");
        assert_eq!(
            q.read("004/2025"),
            Some(Number {
                year: Some(2025),
                seq: 4
            })
        );
        let plain = Pattern::parse("F{seq}").unwrap();
        assert!(!plain.has_year());
        assert_eq!(
            plain.read("F42"),
            Some(Number {
                year: None,
                seq: 42
            })
        );
    }

    #[test]
    fn bad_patterns_say_why() {
        for (bad, why) in [
            ("INV-{year}", "no {seq}"),
            ("INV-{seq}-{seq}", "twice"),
            ("INV {seq}", "cannot be part"),
            ("INV-{month}-{seq}", "unknown field"),
            ("INV-{seq:0}", "width"),
            ("-{seq}", "starts with a letter"),
            ("INV-{seq", "not closed"),
            ("{year}{year}{seq}", "twice"),
        ] {
            let message = Pattern::parse(bad).unwrap_err();
            assert!(message.contains(why), "{bad}: {message}");
        }
    }

    #[test]
    fn next_continues_the_highest_of_the_year() {
        let p = Pattern::parse("INV-{year}-{seq:04}").unwrap();
        let ids = [
            "INV-2025-0042",
            "INV-2026-0001",
            "INV-2026-0003",
            "CN-2026-0009",
            "X",
        ];
        assert_eq!(p.next(date("2026-03-01"), ids, |_| false), "INV-2026-0004");
        assert_eq!(p.next(date("2025-12-31"), ids, |_| false), "INV-2025-0043");
        assert_eq!(p.next(date("2027-01-01"), ids, |_| false), "INV-2027-0001");
        assert_eq!(
            p.next(date("2027-01-01"), ids, |id| id == "INV-2027-0001"),
            "INV-2027-0002"
        );
    }

    #[test]
    fn every_default_is_valid() {
        let config = NumberingConfig::default();
        for kind in Kind::ALL {
            let pattern = config.pattern(kind);
            let id = pattern.render(2026, 1);
            assert!(
                crate::journal::parser::check_document_id(&id).is_ok(),
                "{id}"
            );
        }
    }
}
