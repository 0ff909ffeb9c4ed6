//! Open Financial Exchange statements: OFX 1.x, SGML after a block of `KEY:VALUE` header lines,
//! where an element holding a value needs no closing tag (`<TRNAMT>-12.50` then the next tag),
//! and OFX 2.x, the same elements as XML after an `<?OFX ...?>` declaration. One tokenizer reads
//! both: an element followed by text is a value, closed or not; any other element is an
//! aggregate that its closing tag ends.
//!
//! Read: bank statements (`STMTRS`: `BANKACCTFROM`) and credit-card statements (`CCSTMTRS`:
//! `CCACCTFROM`), each `STMTTRN` of their `BANKTRANLIST` with `DTPOSTED`, `DTAVAIL` (the value
//! date), the signed `TRNAMT`, `FITID`, `NAME` (or `PAYEE/NAME`), `MEMO`, `BANKACCTTO` or
//! `CCACCTTO`, and `CURRENCY` when the transaction is not in the statement's `CURDEF`.
//! Investment statements, balances and everything else are passed over.

use super::{Format, ParsedStatement, Place, StatementLine};
use crate::diagnostic::{Diagnostic, line_text};
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;

/// How far into the file [`looks_like`] looks: the header and the `<OFX>` element open every
/// OFX file within its first lines.
const SNIFF: usize = 4096;

/// The deepest nesting of aggregates read: a statement nests six deep; more is no OFX.
const MAX_DEPTH: usize = 32;

/// True when `bytes` start like an OFX file: the 1.x header (`OFXHEADER:`), the 2.x
/// declaration (`<?OFX`) or the `<OFX>` element in the first 4 KiB.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF)];
    let head = String::from_utf8_lossy(head).to_ascii_uppercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with("OFXHEADER") || head.contains("<?OFX") || head.contains("<OFX>")
}

/// Reads an OFX 1.x or 2.x statement (the file shown as `shown`). Public for the fuzz targets
/// in fuzz/; folio reads statements through [`super`].
pub fn read(bytes: &[u8], shown: &Path) -> Result<ParsedStatement, Vec<Diagnostic>> {
    let (text, notes) = decode(bytes, shown)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let source = Source::new(text, shown);
    let tree = Tree::parse(&source)?;
    let mut reader = Reader {
        source: &source,
        tree: &tree,
        problems: Vec::new(),
    };
    let mut statement = ParsedStatement {
        format: Format::Ofx,
        account: None,
        currency: None,
        lines: Vec::new(),
        notes,
    };
    let statements: Vec<usize> = (0..tree.nodes.len())
        .filter(|&i| matches!(tree.nodes[i].name.as_str(), "STMTRS" | "CCSTMTRS"))
        .collect();
    if statements.is_empty() {
        reader.fail(
            0,
            "no statement in the file: expected a bank (STMTRS) or credit-card (CCSTMTRS) \
             statement"
                .into(),
        );
    }
    for node in statements {
        reader.statement(node, &mut statement);
    }
    if reader.problems.is_empty() {
        Ok(statement)
    } else {
        Err(reader.problems)
    }
}

/// The text of `bytes` with a note when it was not UTF-8: OFX 1.x files say `CHARSET:1252` and
/// write Windows-1252, unless their header says UTF-8.
fn decode<'b>(
    bytes: &'b [u8],
    shown: &Path,
) -> Result<(std::borrow::Cow<'b, str>, Vec<String>), Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((std::borrow::Cow::Borrowed(text), Vec::new())),
        Err(e) => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF)]).to_uppercase();
            if head.contains("ENCODING:UTF-8") || head.contains("ENCODING=\"UTF-8\"") {
                let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
                let (line, column) = crate::diagnostic::line_column(&valid, valid.len());
                return Err(vec![Diagnostic::error(
                    shown,
                    line,
                    column,
                    "not UTF-8, though the OFX header says UTF-8: expected the file as the bank \
                     sent it",
                )]);
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text,
                vec!["not UTF-8: read as Windows-1252, as OFX 1.x files are written".into()],
            ))
        }
    }
}

/// The file's text with the start of each line, for positions and excerpts.
struct Source<'t> {
    text: &'t str,
    shown: &'t Path,
    /// Byte offsets where lines start.
    lines: Vec<usize>,
}

impl<'t> Source<'t> {
    fn new(text: &'t str, shown: &'t Path) -> Self {
        let lines = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source { text, shown, lines }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    fn place(&self, offset: usize) -> Place {
        let line = self.lines.partition_point(|&start| start <= offset).max(1);
        let start = self.lines[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        Place {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// An error at a byte offset, with its line as excerpt.
    fn error(&self, offset: usize, message: String) -> Diagnostic {
        let place = self.place(offset);
        let d = Diagnostic::error(self.shown, place.line, place.column, message);
        match line_text(self.text, place.line) {
            Some(line) => d.with_excerpt(line),
            None => d,
        }
    }
}

/// One element: an aggregate with children, or a value.
#[derive(Debug)]
struct Element {
    /// The tag's name, upper case.
    name: String,
    /// Where its start tag begins (byte offset).
    at: usize,
    /// The text of a value element, entities decoded and trimmed.
    value: Option<String>,
    children: Vec<usize>,
}

/// The elements of the file from `<OFX>` on; node 0 is `OFX`.
struct Tree {
    nodes: Vec<Element>,
}

/// What the tokenizer found next.
enum Token<'t> {
    Start(&'t str),
    End(&'t str),
    Text(&'t str),
}

impl Tree {
    /// Reads the elements from the `<OFX>` tag to its closing tag.
    fn parse(source: &Source<'_>) -> Result<Tree, Vec<Diagnostic>> {
        let text = source.text;
        let Some(start) = find_ofx(text) else {
            return Err(vec![
                source.error(
                    0,
                    "no <OFX> element: expected an OFX file (OFXHEADER lines or <?OFX ...?>, then \
                 <OFX>)"
                        .into(),
                ),
            ]);
        };
        let mut tree = Tree { nodes: Vec::new() };
        // Open aggregates, innermost last.
        let mut open: Vec<usize> = Vec::new();
        // The value element just read, whose closing tag may follow.
        let mut last_value: Option<usize> = None;
        let mut at = start;
        while at < text.len() {
            let (token, next) = next_token(source, at)?;
            match token {
                Token::Text(raw) => {
                    let Some(&element) = open.last() else {
                        at = next;
                        continue;
                    };
                    let value = decode_entities(raw.trim());
                    // Text after an aggregate's children (none in OFX) is passed over.
                    if !value.is_empty() && tree.nodes[element].children.is_empty() {
                        tree.nodes[element].value = Some(value);
                        open.pop();
                        last_value = Some(element);
                    }
                }
                Token::Start(name) => {
                    if open.is_empty() && !tree.nodes.is_empty() {
                        break; // Past </OFX>.
                    }
                    let element = tree.nodes.len();
                    tree.nodes.push(Element {
                        name: name.to_ascii_uppercase(),
                        at,
                        value: None,
                        children: Vec::new(),
                    });
                    if let Some(&parent) = open.last() {
                        tree.nodes[parent].children.push(element);
                    }
                    if open.len() == MAX_DEPTH {
                        return Err(vec![source.error(
                            at,
                            format!(
                                "elements nest deeper than {MAX_DEPTH}: this is no OFX statement"
                            ),
                        )]);
                    }
                    open.push(element);
                    last_value = None;
                }
                Token::End(name) => {
                    let name = name.to_ascii_uppercase();
                    let closes_value = last_value.is_some_and(|v| tree.nodes[v].name == name);
                    last_value = None;
                    if !closes_value {
                        // An empty element (`<MEMO></MEMO>` or `<MEMO>` alone) is left open
                        // until its parent closes.
                        match open.iter().rposition(|&e| tree.nodes[e].name == name) {
                            Some(depth) => {
                                tree.unwrap_empty(&open[depth..]);
                                open.truncate(depth);
                            }
                            None => {
                                return Err(vec![
                                    source.error(at, format!("</{name}> closes no open element")),
                                ]);
                            }
                        }
                        if open.is_empty() {
                            break;
                        }
                    }
                }
            }
            at = next;
        }
        if let Some(&innermost) = open.iter().rfind(|&&e| tree.nodes[e].value.is_none()) {
            let element = &tree.nodes[innermost];
            return Err(vec![source.error(
                element.at,
                format!("<{}> is not closed: the file ends first", element.name),
            )]);
        }
        Ok(tree)
    }

    /// Elements left open when `closing[0]` closes were empty values (`<MEMO>` with no text
    /// and no closing tag): what was read as their children are their next siblings.
    fn unwrap_empty(&mut self, closing: &[usize]) {
        for pair in closing.windows(2).rev() {
            let (parent, empty) = (pair[0], pair[1]);
            let moved = std::mem::take(&mut self.nodes[empty].children);
            let siblings = &mut self.nodes[parent].children;
            let after = siblings
                .iter()
                .position(|&c| c == empty)
                .map_or(siblings.len(), |i| i + 1);
            siblings.splice(after..after, moved);
        }
    }

    /// The first child named `name` of `node`.
    fn child(&self, node: usize, name: &str) -> Option<usize> {
        self.nodes[node]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].name == name)
    }

    /// The value of the child `name` of `node`, when it has one.
    fn value(&self, node: usize, name: &str) -> Option<&str> {
        self.nodes[self.child(node, name)?].value.as_deref()
    }
}

/// The byte offset of the `<OFX>` tag, in any case.
fn find_ofx(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"<").find(|&i| {
        bytes
            .get(i + 1..i + 5)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"OFX>"))
    })
}

/// The token at `at` and the offset after it. Comments and processing instructions are
/// skipped; a tag's name ends at `>` or white space.
fn next_token<'t>(source: &Source<'t>, at: usize) -> Result<(Token<'t>, usize), Vec<Diagnostic>> {
    let text = source.text;
    let rest = &text[at..];
    if !rest.starts_with('<') {
        let end = rest.find('<').map_or(text.len(), |i| at + i);
        return Ok((Token::Text(&text[at..end]), end));
    }
    for (open, close) in [("<!--", "-->"), ("<?", "?>"), ("<!", ">")] {
        if rest.starts_with(open) {
            let end = rest.find(close).ok_or_else(|| {
                vec![source.error(at, format!("`{open}` is not closed by `{close}`"))]
            })?;
            return Ok((Token::Text(""), at + end + close.len()));
        }
    }
    let Some(length) = rest.find('>') else {
        return Err(vec![source.error(at, "a tag is not closed by `>`".into())]);
    };
    let inside = &rest[1..length];
    let (closing, name) = match inside.strip_prefix('/') {
        Some(name) => (true, name),
        None => (false, inside),
    };
    let name = name.split_whitespace().next().unwrap_or_default();
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':'));
    if !valid {
        return Err(vec![source.error(
            at,
            format!("`<{inside}>` is no tag: expected an element name such as <STMTTRN>"),
        )]);
    }
    let token = if closing {
        Token::End(name)
    } else {
        Token::Start(name)
    };
    Ok((token, at + length + 1))
}

/// Text with the XML and SGML character references decoded. An `&` that starts none is kept:
/// OFX 1.x files write it bare.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    super::one_line(&out)
}

/// Reading the statements of a tree.
struct Reader<'a, 't> {
    source: &'a Source<'t>,
    tree: &'a Tree,
    problems: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    /// One `STMTRS` or `CCSTMTRS`: its account, currency and transactions.
    fn statement(&mut self, node: usize, statement: &mut ParsedStatement) {
        let tree = self.tree;
        let account = ["BANKACCTFROM", "CCACCTFROM"]
            .iter()
            .find_map(|from| tree.child(node, from))
            .and_then(|from| tree.value(from, "ACCTID"))
            .map(crate::identifiers::iban::compact);
        let currency = match tree.child(node, "CURDEF") {
            Some(curdef) => self.currency(curdef),
            None => {
                self.fail(
                    node,
                    format!(
                        "<{}> has no <CURDEF>: expected the statement's currency, e.g. <CURDEF>EUR",
                        tree.nodes[node].name
                    ),
                );
                None
            }
        };
        if statement.lines.is_empty() && statement.account.is_none() {
            statement.account = account.clone();
            statement.currency = currency;
        } else if account.is_some() && account != statement.account {
            statement.notes.push(format!(
                "the file holds the statements of more than one account ({} and {})",
                statement.account.as_deref().unwrap_or("one without ACCTID"),
                account.as_deref().unwrap_or_default()
            ));
        }
        let Some(list) = tree.child(node, "BANKTRANLIST") else {
            return;
        };
        for &transaction in &tree.nodes[list].children {
            if tree.nodes[transaction].name == "STMTTRN"
                && let Some(line) = self.transaction(transaction, currency)
            {
                statement.lines.push(line);
            }
        }
    }

    /// One `STMTTRN`; `None` when it cannot be read (the problems are recorded).
    fn transaction(&mut self, node: usize, currency: Option<Currency>) -> Option<StatementLine> {
        let tree = self.tree;
        let date = self.date(node, "DTPOSTED", true);
        let value_date = self.date(node, "DTAVAIL", false);
        let amount = self.amount(node);
        let currency = match tree.child(node, "CURRENCY") {
            Some(own) => match tree.child(own, "CURSYM") {
                Some(symbol) => self.currency(symbol),
                None => {
                    self.fail(
                        own,
                        "<CURRENCY> has no <CURSYM>: expected e.g. <CURSYM>USD".into(),
                    );
                    None
                }
            },
            None => currency,
        };
        let counterparty = tree
            .value(node, "NAME")
            .or_else(|| {
                tree.child(node, "PAYEE")
                    .and_then(|p| tree.value(p, "NAME"))
            })
            .unwrap_or_default()
            .to_string();
        let account = ["BANKACCTTO", "CCACCTTO"]
            .iter()
            .find_map(|to| tree.child(node, to))
            .and_then(|to| tree.value(to, "ACCTID"))
            .map(crate::identifiers::iban::compact);
        let communication = tree.value(node, "MEMO").unwrap_or_default().to_string();
        let structured = super::camt::structured_reference(&communication);
        let (date, amount) = (date??, amount?);
        Some(StatementLine {
            place: self.source.place(tree.nodes[node].at),
            date,
            value_date: value_date.flatten(),
            amount,
            currency: Some(currency?),
            counterparty,
            account,
            communication,
            structured,
            bank_id: tree.value(node, "FITID").map(str::to_string),
        })
    }

    /// The date of the child `name` of `node`: `None` when it is absent (an error if
    /// `required`), `Some(None)` when it cannot be read (the problem is recorded).
    fn date(&mut self, node: usize, name: &str, required: bool) -> Option<Option<NaiveDate>> {
        let Some(element) = self.tree.child(node, name) else {
            if required {
                self.fail(node, format!("<STMTTRN> has no <{name}>"));
                return Some(None);
            }
            return None;
        };
        let value = self.tree.nodes[element]
            .value
            .as_deref()
            .unwrap_or_default();
        match parse_date(value) {
            Ok(date) => Some(Some(date)),
            Err(why) => {
                self.fail(element, format!("<{name}> `{value}` is no date: {why}"));
                Some(None)
            }
        }
    }

    /// The signed `TRNAMT` of a transaction.
    fn amount(&mut self, node: usize) -> Option<Decimal> {
        let Some(element) = self.tree.child(node, "TRNAMT") else {
            self.fail(node, "<STMTTRN> has no <TRNAMT>".into());
            return None;
        };
        let value = self.tree.nodes[element]
            .value
            .as_deref()
            .unwrap_or_default();
        match parse_amount(value) {
            Ok(amount) => Some(amount),
            Err(why) => {
                self.fail(element, format!("<TRNAMT> `{value}` is no amount: {why}"));
                None
            }
        }
    }

    /// The currency code a value element holds.
    fn currency(&mut self, element: usize) -> Option<Currency> {
        let node = &self.tree.nodes[element];
        let code = node.value.as_deref().unwrap_or_default();
        let currency = Currency::parse(code);
        if currency.is_none() {
            let name = node.name.clone();
            self.fail(
                element,
                format!("<{name}> `{code}` is no currency: expected a three-letter ISO 4217 code"),
            );
        }
        currency
    }

    /// Records an error at the start tag of `node`.
    fn fail(&mut self, node: usize, message: String) {
        let at = self.tree.nodes.get(node).map_or(0, |n| n.at);
        self.problems.push(self.source.error(at, message));
    }
}

/// A signed OFX amount: an optional sign, digits, at most one decimal point (or comma, which
/// OFX allows), at most 18 digits of which 5 after the point.
fn parse_amount(text: &str) -> Result<Decimal, String> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() + fraction.len() == 0 {
        return Err("expected a signed number such as -12.50".into());
    }
    if fraction.len() > 5 || whole.trim_start_matches('0').len() + fraction.len() > 18 {
        return Err("expected at most 18 digits, 5 of them after the point".into());
    }
    let mantissa: i128 = format!("{whole}{fraction}")
        .parse()
        .map_err(|_| "expected a signed number such as -12.50".to_string())?;
    let amount = Decimal::try_from_i128_with_scale(mantissa, fraction.len() as u32)
        .map_err(|_| "too large".to_string())?;
    Ok(if negative { -amount } else { amount })
}

/// An OFX date: `YYYYMMDD`, then optionally `HHMMSS`, `.XXX` and a time zone `[-5:EST]`; the
/// date as written, in the bank's time.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let expected =
        || "expected YYYYMMDD, optionally followed by HHMMSS[.XXX][[offset:zone]]".to_string();
    let (stamp, zone) = match text.split_once('[') {
        Some((stamp, zone)) => (stamp, Some(zone)),
        None => (text, None),
    };
    let (digits, fraction) = stamp.split_once('.').unwrap_or((stamp, ""));
    let shaped = matches!(digits.len(), 8 | 12 | 14)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && (fraction.is_empty() || digits.len() == 14)
        && zone.is_none_or(valid_zone);
    if !shaped {
        return Err(expected());
    }
    let date = NaiveDate::parse_from_str(&digits[..8], "%Y%m%d").map_err(|_| expected())?;
    if digits.len() > 8 {
        let seconds = if digits.len() == 14 {
            &digits[12..]
        } else {
            "00"
        };
        let time = format!("{}{seconds}", &digits[8..12]);
        chrono::NaiveTime::parse_from_str(&time, "%H%M%S").map_err(|_| expected())?;
    }
    super::camt::plausible(date)
}

/// The inside of `[-5:EST]` with its closing bracket: an offset in hours (`+1`, `-3.30`,
/// `5.5`) and an optional zone name.
fn valid_zone(zone: &str) -> bool {
    let Some(inside) = zone.strip_suffix(']') else {
        return false;
    };
    let (offset, name) = inside.split_once(':').unwrap_or((inside, ""));
    let offset = offset.strip_prefix(['+', '-']).unwrap_or(offset);
    let (hours, minutes) = offset.split_once('.').unwrap_or((offset, ""));
    (1..=2).contains(&hours.len())
        && hours.bytes().all(|b| b.is_ascii_digit())
        && minutes.len() <= 2
        && minutes.bytes().all(|b| b.is_ascii_digit())
        && name.len() <= 10
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::statement::fixtures::{assert_expected, fixture};

    fn read_fixture(name: &str) -> ParsedStatement {
        let (path, bytes) = fixture(&format!("ofx/{name}"));
        assert!(looks_like(&bytes), "{name} is not recognised as OFX");
        assert!(
            !super::super::camt::looks_like(&bytes),
            "{name} looks like camt"
        );
        let statement = read(&bytes, &path).unwrap_or_else(|problems| {
            panic!(
                "{name}: {}",
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert_expected(&statement, &path);
        assert_eq!(statement.format, Format::Ofx);
        statement
    }

    #[test]
    fn an_ofx_1_bank_statement_in_windows_1252_reads_every_transaction() {
        let statement = read_fixture("ofx102_bank.ofx");
        assert_eq!(statement.account.as_deref(), Some("00012345678"));
        assert_eq!(statement.currency, Currency::parse("EUR"));
        assert_eq!(
            statement.notes,
            ["not UTF-8: read as Windows-1252, as OFX 1.x files are written"]
        );
        assert_eq!(
            statement.lines[0].place,
            Place {
                line: 40,
                column: 1
            }
        );
    }

    #[test]
    fn an_ofx_1_credit_card_statement_reads_payees_and_foreign_currencies() {
        let statement = read_fixture("ofx102_creditcard.ofx");
        assert_eq!(statement.account.as_deref(), Some("4111111111111111"));
        assert!(statement.notes.is_empty());
    }

    #[test]
    fn an_ofx_2_bank_statement_reads_counterparty_accounts_and_references() {
        let statement = read_fixture("ofx211_bank.ofx");
        assert_eq!(statement.account.as_deref(), Some("NL91ABNA0417164300"));
    }

    #[test]
    fn an_ofx_2_credit_card_statement_on_few_lines_reads_every_transaction() {
        let statement = read_fixture("ofx220_creditcard.ofx");
        assert_eq!(statement.currency, Currency::parse("GBP"));
        assert_eq!(
            statement.lines[1].place,
            Place {
                line: 15,
                column: 1
            }
        );
    }

    /// A one-transaction OFX 1.x statement with the given `STMTTRN` fields.
    fn statement_with(fields: &str) -> String {
        format!(
            "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n\
             <CURDEF>EUR\n<BANKTRANLIST>\n<STMTTRN>\n{fields}\n</STMTTRN>\n</BANKTRANLIST>\n\
             </STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n"
        )
    }

    fn problems(text: &str) -> Vec<String> {
        match read(text.as_bytes(), Path::new("bank.ofx")) {
            Ok(statement) => panic!("read: {statement:?}"),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_malformed_amount_is_refused_at_its_tag() {
        for amount in ["1.234,56", "12.5O", "--3", "", "1e3", "1234567890123456789"] {
            let text = statement_with(&format!("<DTPOSTED>20260301\n  <TRNAMT>{amount}\n<FITID>1"));
            let found = problems(&text);
            assert_eq!(found.len(), 1, "{amount}: {found:?}");
            assert!(
                found[0].starts_with(&format!(
                    "bank.ofx:11:3: error: <TRNAMT> `{amount}` is no amount: "
                )),
                "{amount}: {found:?}"
            );
        }
        let text = statement_with("<DTPOSTED>20260301\n<FITID>1");
        assert_eq!(
            problems(&text),
            ["bank.ofx:9:1: error: <STMTTRN> has no <TRNAMT>"]
        );
    }

    #[test]
    fn a_malformed_or_implausible_date_is_refused_at_its_tag() {
        for date in [
            "2026-03-01",
            "20260230",
            "202603011",
            "20260301256000",
            "20260301120000[+1:CET",
            "19690101",
            "20260301.5",
        ] {
            let text = statement_with(&format!("<DTPOSTED>{date}\n<TRNAMT>1.00"));
            let found = problems(&text);
            assert_eq!(found.len(), 1, "{date}: {found:?}");
            assert!(
                found[0].starts_with(&format!(
                    "bank.ofx:10:1: error: <DTPOSTED> `{date}` is no date: "
                )),
                "{date}: {found:?}"
            );
        }
        assert_eq!(
            problems(&statement_with("<TRNAMT>1.00")),
            ["bank.ofx:9:1: error: <STMTTRN> has no <DTPOSTED>"]
        );
    }

    #[test]
    fn a_statement_without_currency_is_refused() {
        let text = statement_with("<DTPOSTED>20260301\n<TRNAMT>1.00").replace("<CURDEF>EUR\n", "");
        assert_eq!(
            problems(&text),
            [
                "bank.ofx:6:26: error: <STMTRS> has no <CURDEF>: expected the statement's currency, e.g. <CURDEF>EUR"
            ]
        );
        let text = statement_with("<DTPOSTED>20260301\n<TRNAMT>1.00")
            .replace("<CURDEF>EUR", "<CURDEF>euro");
        assert_eq!(
            problems(&text),
            [
                "bank.ofx:7:1: error: <CURDEF> `euro` is no currency: expected a three-letter ISO 4217 code"
            ]
        );
    }

    #[test]
    fn a_file_that_is_no_ofx_statement_is_refused_with_its_place() {
        assert_eq!(
            problems("Date;Amount\n2026-03-01;12.00\n"),
            [
                "bank.ofx:1:1: error: no <OFX> element: expected an OFX file (OFXHEADER lines or <?OFX ...?>, then <OFX>)"
            ]
        );
        assert!(!looks_like(b"Date;Amount\n2026-03-01;12.00\n"));
        assert_eq!(
            problems("<OFX>\n<SIGNONMSGSRSV1>\n</SIGNONMSGSRSV1>\n</OFX>\n"),
            [
                "bank.ofx:1:1: error: no statement in the file: expected a bank (STMTRS) or credit-card (CCSTMTRS) statement"
            ]
        );
        assert_eq!(
            problems("<OFX>\n<BANKMSGSRSV1>\n</STMTRS>\n</OFX>"),
            ["bank.ofx:3:1: error: </STMTRS> closes no open element"]
        );
        assert_eq!(
            problems("<OFX>\n<BANKMSGSRSV1>\n<STMTRS>\n<CURDEF>EUR\n"),
            ["bank.ofx:3:1: error: <STMTRS> is not closed: the file ends first"]
        );
        assert_eq!(
            problems("<OFX>\n <BANK MSG>\n</OFX>"),
            [
                "bank.ofx:1:1: error: no statement in the file: expected a bank (STMTRS) or credit-card (CCSTMTRS) statement"
            ]
        );
        assert_eq!(
            problems("<OFX>\n <>\n</OFX>"),
            ["bank.ofx:2:2: error: `<>` is no tag: expected an element name such as <STMTTRN>"]
        );
    }

    #[test]
    fn control_characters_in_a_value_become_spaces() {
        let text = statement_with(
            "<DTPOSTED>20260301\n<TRNAMT>1.00\n<NAME>Evil&#27;[31m Corp\u{7}\n<MEMO>a&#0;b",
        );
        let statement = read(text.as_bytes(), Path::new("bank.ofx")).unwrap();
        assert_eq!(statement.lines[0].counterparty, "Evil [31m Corp");
        assert_eq!(statement.lines[0].communication, "a b");
    }

    #[test]
    fn unclosed_tags_and_comments_and_currencies_without_code_are_refused() {
        assert_eq!(
            problems("<OFX>\n<BANKMSGSRSV1>\n<STMTRS>\n<CURDEF"),
            ["bank.ofx:4:1: error: a tag is not closed by `>`"]
        );
        assert_eq!(
            problems("<OFX>\n<BANKMSGSRSV1>\n<STMTRS>\n<!-- a note"),
            ["bank.ofx:4:1: error: `<!--` is not closed by `-->`"]
        );
        let text =
            statement_with("<DTPOSTED>20260301\n<TRNAMT>1.00\n<CURRENCY><CURRATE>1.1</CURRENCY>");
        assert_eq!(
            problems(&text),
            ["bank.ofx:12:1: error: <CURRENCY> has no <CURSYM>: expected e.g. <CURSYM>USD"]
        );
    }

    #[test]
    fn nesting_deeper_than_any_statement_is_refused() {
        let text = format!("<OFX>{}", "<A>".repeat(100));
        assert_eq!(
            problems(&text),
            ["bank.ofx:1:99: error: elements nest deeper than 32: this is no OFX statement"]
        );
    }

    #[test]
    fn a_file_that_says_utf_8_but_is_not_is_refused() {
        let mut bytes = statement_with("<DTPOSTED>20260301\n<TRNAMT>1.00\n<NAME>Caf\u{e9}")
            .replace("VERSION:102", "VERSION:102\nENCODING:UTF-8")
            .into_bytes();
        let at = bytes.iter().position(|&b| b == 0xc3).unwrap();
        bytes.splice(at..at + 2, [0xe9]);
        let refused = read(&bytes, Path::new("bank.ofx")).unwrap_err();
        assert_eq!((refused[0].line, refused[0].column), (13, 10));
    }
}
