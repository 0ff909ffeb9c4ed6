//! The journal line parser: `DATE KIND ID CONTACT AMOUNT [CURRENCY] [key:value ...] [; memo]`.
//!
//! Built for speed: a line is split in place into borrowed slices, with no allocation unless the
//! line is wrong. Positions are byte offsets into the line; the caller turns them into
//! character columns only when it reports a problem.

use super::{Kind, Settles};
use crate::diagnostic::did_you_mean;
use crate::money::{self, Currency};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A syntactically valid journal line. Slices borrow from the line.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedLine<'a> {
    /// DATE.
    pub date: NaiveDate,
    /// KIND.
    pub kind: Kind,
    /// ID, the document id.
    pub id: &'a str,
    /// Byte offset of ID in the line.
    pub id_offset: usize,
    /// CONTACT, not yet checked against the book's contacts.
    pub contact: &'a str,
    /// Byte offset of CONTACT.
    pub contact_offset: usize,
    /// AMOUNT, strictly positive.
    pub amount: Decimal,
    /// Byte offset of AMOUNT.
    pub amount_offset: usize,
    /// CURRENCY when written, with its offset.
    pub currency: Option<(Currency, usize)>,
    /// `due:` when written, with the offset of the token.
    pub due: Option<(NaiveDate, usize)>,
    /// `ref:` when written, with the offset of the token.
    pub reference: Option<(&'a str, usize)>,
    /// `settles:` when written (payment and payout only), with the offset of the token.
    pub settles: Option<(Settles, usize)>,
    /// The memo after the first `;`, trimmed; `None` when there is no `;`.
    pub memo: Option<&'a str>,
}

/// What was wrong with a line, at which byte offset, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Byte offset in the line where the problem starts.
    pub offset: usize,
    /// A sentence for a person: what was found, what was expected.
    pub message: String,
}

impl LineError {
    fn new(offset: usize, message: impl Into<String>) -> LineError {
        LineError {
            offset,
            message: message.into(),
        }
    }
}

/// True for lines that hold no entry: blank, or a comment starting with `;` or `#`.
pub fn is_blank_or_comment(line: &str) -> bool {
    match line.trim_start_matches([' ', '\t']).as_bytes().first() {
        None | Some(b';' | b'#' | b'\r') => true,
        Some(_) => false,
    }
}

/// Splits a line into fields separated by spaces or tabs, each with its byte offset.
pub(crate) fn fields(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut position = 0;
    std::iter::from_fn(move || {
        while position < bytes.len() && matches!(bytes[position], b' ' | b'\t') {
            position += 1;
        }
        if position >= bytes.len() {
            return None;
        }
        let start = position;
        while position < bytes.len() && !matches!(bytes[position], b' ' | b'\t') {
            position += 1;
        }
        Some((start, &text[start..position]))
    })
}

/// Parses one line (without its line ending). Returns `Ok(None)` for blank and comment lines.
pub fn parse_line(line: &str) -> Result<Option<ParsedLine<'_>>, LineError> {
    if let Some(parsed) = parse_common(line) {
        return Ok(Some(parsed));
    }
    parse_general(line)
}

/// The bytes a document id may hold (`[A-Za-z0-9._/-]`).
const ID_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'/' | b'-');
        byte += 1;
    }
    table
};

/// The bytes that end a field on the fast path: a separator, the memo, or a line ending. Any
/// of them but a single space sends the line to the general parser.
const FIELD_END: [bool; 256] = {
    let mut table = [false; 256];
    table[b' ' as usize] = true;
    table[b'\t' as usize] = true;
    table[b';' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

/// The fast path of [`parse_line`], for the shape nearly every line has: fields separated by
/// single spaces, no tab, no carriage return, a memo (if any) only after a field's space.
/// Returns `None` for anything else, valid or not, which [`parse_general`] then reads, so the
/// result is always the general parser's (a property the tests and the `journal_line` fuzz
/// target check). It makes one pass over the bytes with table look-ups and no iterator; on the
/// generated million-line journal, parsing took about half the time it took before it.
pub fn parse_common(line: &str) -> Option<ParsedLine<'_>> {
    let bytes = line.as_bytes();
    // A field from `start` up to the next byte of FIELD_END: its end, when that is a space or
    // the end of the line and the field is not empty.
    let field = |start: usize| -> Option<usize> {
        let mut end = start;
        while end < bytes.len() && !FIELD_END[bytes[end] as usize] {
            end += 1;
        }
        (end > start && (end == bytes.len() || bytes[end] == b' ')).then_some(end)
    };
    if bytes.len() < 11 || bytes[10] != b' ' {
        return None;
    }
    let date = parse_date(&line[..10]).ok()?;
    let kind_end = field(11)?;
    let kind = Kind::parse(&line[11..kind_end])?;
    // A write-off's `reason:` and `vat:` rules are checked by the general parser alone.
    if kind.is_writeoff() {
        return None;
    }
    let id_offset = kind_end + 1;
    let mut id_end = id_offset;
    while id_end < bytes.len() && ID_BYTES[bytes[id_end] as usize] {
        id_end += 1;
    }
    if id_end == id_offset
        || !bytes[id_offset].is_ascii_alphanumeric()
        || bytes.get(id_end) != Some(&b' ')
    {
        return None;
    }
    let contact_offset = id_end + 1;
    let contact_end = field(contact_offset)?;
    let amount_offset = contact_end + 1;
    let amount_end = field(amount_offset)?;
    let amount = money::parse_positive_amount(&line[amount_offset..amount_end]).ok()?;
    let mut parsed = ParsedLine {
        date,
        kind,
        id: &line[id_offset..id_end],
        id_offset,
        contact: &line[contact_offset..contact_end],
        contact_offset,
        amount,
        amount_offset,
        currency: None,
        due: None,
        reference: None,
        settles: None,
        memo: None,
    };
    let mut position = amount_end;
    let mut has_vat = false;
    while position < bytes.len() {
        // `position` is at the space after a field.
        let offset = position + 1;
        if bytes.get(offset) == Some(&b';') {
            parsed.memo = Some(line[offset + 1..].trim());
            break;
        }
        let end = field(offset)?;
        let text = &line[offset..end];
        match memchr::memchr(b':', text.as_bytes()) {
            // A field without `:` is a currency only right after the amount.
            None if position == amount_end => {
                parsed.currency = Some((Currency::parse(text)?, offset));
            }
            None | Some(0) => return None,
            Some(colon) => {
                let value = &text[colon + 1..];
                match &text[..colon] {
                    "due" if kind.takes_due() && parsed.due.is_none() => {
                        parsed.due = Some((parse_date(value).ok()?, offset));
                    }
                    "ref" if !kind.ref_targets().is_empty() && parsed.reference.is_none() => {
                        check_document_id(value).ok()?;
                        parsed.reference = Some((value, offset));
                    }
                    "vat" if kind.takes_vat() && !has_vat => {
                        super::vat::parse_vat_tag(value).ok()?;
                        has_vat = true;
                    }
                    // Rare: the general parser reads it, and says what is wrong with it.
                    "due" | "ref" | "vat" | "settles" => return None,
                    _ => {}
                }
            }
        }
        position = end;
    }
    Some(parsed)
}

/// A field after the amount that is not `key:value`: the currency, which must come first.
fn currency_field(
    field: &str,
    offset: usize,
    is_first: bool,
) -> Result<(Currency, usize), LineError> {
    if let Some(currency) = Currency::parse(field) {
        if is_first {
            return Ok((currency, offset));
        }
        return Err(LineError::new(
            offset,
            format!("the currency `{field}` must come right after the amount"),
        ));
    }
    if field.len() == 3 && field.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(LineError::new(
            offset,
            format!(
                "invalid currency `{field}`: expected three upper-case letters; did you mean `{}`?",
                field.to_ascii_uppercase()
            ),
        ));
    }
    Err(LineError::new(
        offset,
        format!(
            "expected a currency (three upper-case letters) or key:value metadata, found `{field}`; a memo starts with ';'"
        ),
    ))
}

/// The general parser: every shape the grammar allows, and a positioned error for the rest.
/// [`parse_line`] goes through it for every line the fast path leaves; public so the fuzz
/// target can compare the two.
pub fn parse_general(line: &str) -> Result<Option<ParsedLine<'_>>, LineError> {
    if is_blank_or_comment(line) {
        return Ok(None);
    }
    let line = line.strip_suffix('\r').unwrap_or(line);
    let (content, memo) = match memchr::memchr(b';', line.as_bytes()) {
        Some(semicolon) => (&line[..semicolon], Some(line[semicolon + 1..].trim())),
        None => (line, None),
    };
    let end = content.trim_end_matches([' ', '\t']).len();
    let mut fields = fields(content);
    let mut next = |what: &str| {
        fields.next().ok_or_else(|| {
            LineError::new(end, format!("expected {what}, found the end of the line"))
        })
    };

    let (date_offset, date_text) = next("a date YYYY-MM-DD")?;
    let date = parse_date(date_text).map_err(|message| LineError::new(date_offset, message))?;

    let (kind_offset, kind_text) = next(
        "a kind (invoice, refund, payment, credit, writeoff, bill, payout, debit or payable-writeoff)",
    )?;
    let kind = Kind::parse(kind_text)
        .ok_or_else(|| LineError::new(kind_offset, unknown_kind(kind_text)))?;

    let (id_offset, id) = next("a document id")?;
    check_document_id(id).map_err(|message| LineError::new(id_offset, message))?;

    let (contact_offset, contact) = next("a contact id")?;

    let (amount_offset, amount_text) = next("an amount")?;
    let amount = money::parse_positive_amount(amount_text).map_err(|problem| {
        LineError::new(
            amount_offset,
            format!("invalid amount `{amount_text}`: {problem}"),
        )
    })?;

    let mut parsed = ParsedLine {
        date,
        kind,
        id,
        id_offset,
        contact,
        contact_offset,
        amount,
        amount_offset,
        currency: None,
        due: None,
        reference: None,
        settles: None,
        memo,
    };

    let mut first = true;
    let mut has_vat = false;
    let mut writeoff = WriteoffTags::default();
    for (offset, field) in fields {
        let is_first = std::mem::replace(&mut first, false);
        let Some((key, value)) = field.split_once(':') else {
            parsed.currency = Some(currency_field(field, offset, is_first)?);
            continue;
        };
        if key.is_empty() {
            return Err(LineError::new(
                offset,
                format!("metadata `{field}` has no key; expected key:value"),
            ));
        }
        match key {
            "due" => {
                if !kind.takes_due() {
                    return Err(LineError::new(
                        offset,
                        format!(
                            "due: is only allowed on invoice and bill, not on {}",
                            kind.as_str()
                        ),
                    ));
                }
                if parsed.due.is_some() {
                    return Err(LineError::new(offset, "due: is given twice"));
                }
                let due = parse_date(value).map_err(|message| {
                    LineError::new(offset + 4, format!("invalid due date: {message}"))
                })?;
                parsed.due = Some((due, offset));
            }
            "ref" => {
                if kind.ref_targets().is_empty() {
                    return Err(LineError::new(
                        offset,
                        format!(
                            "ref: is not allowed on {}; it names the document a payment, credit, refund, payout or debit applies to",
                            kind.as_str()
                        ),
                    ));
                }
                if parsed.reference.is_some() {
                    return Err(LineError::new(offset, "ref: is given twice"));
                }
                check_document_id(value).map_err(|message| {
                    LineError::new(offset + 4, format!("invalid ref: {message}"))
                })?;
                parsed.reference = Some((value, offset));
            }
            "reason" if kind.is_writeoff() => writeoff.reason(offset, value)?,
            "vat" if kind.is_writeoff() => writeoff.vat(offset, value)?,
            "vat" => {
                if !kind.takes_vat() {
                    return Err(LineError::new(
                        offset,
                        format!(
                            "vat: is not allowed on {}: refunds, payments and payouts carry no VAT",
                            kind.as_str()
                        ),
                    ));
                }
                if std::mem::replace(&mut has_vat, true) {
                    return Err(LineError::new(offset, "vat: is given twice"));
                }
                super::vat::parse_vat_tag(value)
                    .map_err(|message| LineError::new(offset + 4, message))?;
            }
            "settles" => {
                let settles = parse_settles(kind, parsed.settles.is_some(), value, offset)?;
                parsed.settles = Some((settles, offset));
            }
            _ => {}
        }
    }
    if kind.is_writeoff() {
        writeoff.check(kind, end)?;
    }
    Ok(Some(parsed))
}

/// The reasons a write-off may give in `reason:`.
pub const WRITEOFF_REASONS: [&str; 4] = ["bank-charges", "rounding", "bad-debt", "other"];

/// The write-off tags of a line as the general parser meets them: `reason:` (required, once, one
/// of [`WRITEOFF_REASONS`]) and `vat:`, which only a bad-debt write-off may carry (the VAT it
/// includes, which may be recovered).
#[derive(Default)]
struct WriteoffTags<'a> {
    reason: Option<&'a str>,
    vat: Option<usize>,
}

impl<'a> WriteoffTags<'a> {
    fn reason(&mut self, offset: usize, value: &'a str) -> Result<(), LineError> {
        if self.reason.is_some() {
            return Err(LineError::new(offset, "reason: is given twice"));
        }
        if !WRITEOFF_REASONS.contains(&value) {
            return Err(LineError::new(offset + 7, unknown_reason(value)));
        }
        self.reason = Some(value);
        Ok(())
    }

    fn vat(&mut self, offset: usize, value: &str) -> Result<(), LineError> {
        if self.vat.replace(offset).is_some() {
            return Err(LineError::new(offset, "vat: is given twice"));
        }
        super::vat::parse_vat_tag(value).map_err(|message| LineError::new(offset + 4, message))?;
        Ok(())
    }

    fn check(&self, kind: Kind, end: usize) -> Result<(), LineError> {
        let Some(reason) = self.reason else {
            return Err(LineError::new(
                end,
                format!(
                    "a {} needs reason:bank-charges, reason:rounding, reason:bad-debt or reason:other",
                    kind.as_str()
                ),
            ));
        };
        match self.vat {
            Some(offset) if reason != "bad-debt" => Err(LineError::new(
                offset,
                format!(
                    "vat: is only allowed on a reason:bad-debt write-off (the VAT to recover), not on reason:{reason}"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The message for a `reason:` that is not one of [`WRITEOFF_REASONS`].
fn unknown_reason(word: &str) -> String {
    let expected = "expected bank-charges, rounding, bad-debt or other";
    match did_you_mean(word, WRITEOFF_REASONS) {
        Some(suggestion) => {
            format!("unknown reason `{word}`; did you mean `{suggestion}`? {expected}")
        }
        None => format!("unknown reason `{word}`: {expected}"),
    }
}

/// Reads `settles:AMOUNT[/CUR]` at byte `offset` of the line, on an entry of `kind` that has
/// `repeated` one already.
pub(crate) fn parse_settles(
    kind: Kind,
    repeated: bool,
    value: &str,
    offset: usize,
) -> Result<Settles, LineError> {
    if !kind.takes_settles() {
        return Err(LineError::new(
            offset,
            format!(
                "settles: is only allowed on payment and payout, not on {}",
                kind.as_str()
            ),
        ));
    }
    if repeated {
        return Err(LineError::new(offset, "settles: is given twice"));
    }
    let offset = offset + "settles:".len();
    let (amount_text, currency) = match value.split_once('/') {
        Some((amount, code)) => {
            let currency = Currency::parse(code).ok_or_else(|| {
                LineError::new(
                    offset + amount.len() + 1,
                    format!(
                        "invalid currency `{code}` in settles:; expected three upper-case letters such as USD"
                    ),
                )
            })?;
            (amount, Some(currency))
        }
        None => (value, None),
    };
    let amount = money::parse_positive_amount(amount_text).map_err(|problem| {
        LineError::new(
            offset,
            format!("invalid settled amount `{amount_text}` in settles:: {problem}"),
        )
    })?;
    Ok(Settles { amount, currency })
}

/// The free `key:value` metadata of a line (everything but `due:` and `ref:`), for reports that
/// show it. Assumes the line parsed.
pub fn free_metadata(line: &str) -> Vec<(&str, &str)> {
    let content = line.split(';').next().unwrap_or("");
    fields(content)
        .skip(5)
        .filter_map(|(_, field)| field.split_once(':'))
        .filter(|(key, _)| !matches!(*key, "due" | "ref"))
        .collect()
}

/// The document id of a line that may not parse: its third field, when that is a valid id and
/// the first two are a date and a kind. Used to recognise a `ref:` to a line with an error.
pub fn document_id(line: &str) -> Option<&str> {
    let content = line.split(';').next().unwrap_or("");
    let mut fields = fields(content).map(|(_, field)| field);
    let (date, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
    let plausible = parse_date(date).is_ok() && Kind::parse(kind).is_some();
    (plausible && check_document_id(id).is_ok()).then_some(id)
}

/// The memo of a line (after the first `;`), trimmed.
pub fn memo(line: &str) -> Option<&str> {
    line.split_once(';').map(|(_, memo)| memo.trim())
}

fn unknown_kind(word: &str) -> String {
    let names = Kind::ALL.map(Kind::as_str);
    match did_you_mean(word, names) {
        Some(suggestion) => format!("unknown kind `{word}`; did you mean `{suggestion}`?"),
        None => format!(
            "unknown kind `{word}`; expected one of invoice, refund, payment, credit, writeoff, bill, payout, debit, payable-writeoff"
        ),
    }
}

/// Checks a document id: `[A-Za-z0-9][A-Za-z0-9._/-]*`.
pub fn check_document_id(id: &str) -> Result<(), String> {
    let bytes = id.as_bytes();
    let valid = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.iter().all(|&b| ID_BYTES[b as usize]);
    if valid {
        Ok(())
    } else {
        Err(format!(
            "invalid document id `{id}`: expected a letter or digit, then letters, digits, '.', '_', '/' or '-'"
        ))
    }
}

/// Parses `YYYY-MM-DD` without going through a format string.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !shape_ok {
        return Err(format!("expected a date YYYY-MM-DD, found `{text}`"));
    }
    let number = |range: std::ops::Range<usize>| {
        b[range]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format!("`{text}` is not a calendar date"))
}

/// Checks a `--meta key=value` pair: the key a word, not `due` or `ref` (they have their own
/// options); the value without spaces or `;`, which would end it or start the memo.
pub fn check_meta(key: &str, value: &str) -> Result<(), String> {
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !key_ok {
        return Err(format!(
            "invalid metadata key `{key}`: expected letters, digits, '_', '-' or '.'"
        ));
    }
    if matches!(key, "due" | "ref") {
        return Err(format!("`{key}` is not metadata: use --{key}"));
    }
    if let Err(why) = crate::text::check_line(value) {
        return Err(format!(
            "invalid value for metadata `{key}`: it holds {why}"
        ));
    }
    if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c == ';') {
        return Err(format!(
            "invalid value for metadata `{key}`: `{value}` must be non-empty, without spaces or ';'"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn ok(line: &str) -> ParsedLine<'_> {
        parse_line(line).unwrap().unwrap()
    }

    fn err(line: &str) -> LineError {
        parse_line(line).unwrap_err()
    }

    #[test]
    fn a_bad_vat_tag_is_an_error_at_its_value() {
        let line = "2026-01-15 bill B1 acme 121.00 vat:21%";
        let error = err(line);
        assert_eq!(error.offset, line.find("21%").unwrap());
        assert!(
            error.message.starts_with("invalid vat: `21%`"),
            "{}",
            error.message
        );
        assert_eq!(parse_common(line), None);
    }

    #[test]
    fn a_vat_tag_given_twice_is_an_error() {
        let line = "2026-01-15 bill B1 acme 121.00 vat:21 vat:6";
        assert_eq!(err(line).message, "vat: is given twice");
        assert_eq!(parse_common(line), None);
    }

    #[test]
    fn a_vat_tag_on_a_payment_is_refused() {
        let line = "2026-01-15 payment P1 acme 121.00 vat:21";
        assert!(
            err(line)
                .message
                .starts_with("vat: is not allowed on payment")
        );
        assert_eq!(parse_common(line), None);
    }

    #[test]
    fn a_writeoff_needs_a_known_reason() {
        let line = "2026-01-15 writeoff W1 acme 1.00 ref:I1";
        let error = err(line);
        assert_eq!(error.offset, line.len());
        assert!(
            error.message.contains("needs reason:bank-charges"),
            "{}",
            error.message
        );
        let line = "2026-01-15 payable-writeoff W1 acme 1.00 reason:roundin";
        let error = err(line);
        assert_eq!(error.offset, line.find("roundin").unwrap());
        assert!(
            error.message.contains("did you mean `rounding`?"),
            "{}",
            error.message
        );
        let line = "2026-01-15 writeoff W1 acme 1.00 reason:other reason:other";
        assert_eq!(err(line).message, "reason: is given twice");
        for reason in WRITEOFF_REASONS {
            let line = format!("2026-01-15 writeoff W1 acme 1.00 reason:{reason}");
            assert_eq!(ok(&line).kind, Kind::Writeoff);
        }
    }

    #[test]
    fn only_a_bad_debt_writeoff_carries_vat() {
        let line = "2026-01-15 writeoff W1 acme 121.00 vat:21 reason:bad-debt";
        assert_eq!(ok(line).kind, Kind::Writeoff);
        let line = "2026-01-15 writeoff W1 acme 121.00 vat:21 reason:bank-charges";
        let error = err(line);
        assert_eq!(error.offset, line.find("vat:").unwrap());
        assert!(
            error.message.contains("only allowed on a reason:bad-debt"),
            "{}",
            error.message
        );
    }

    #[test]
    fn reason_is_free_metadata_on_other_kinds() {
        let line = "2026-01-15 payment P1 acme 1.00 reason:anything";
        assert_eq!(ok(line).kind, Kind::Payment);
    }

    #[test]
    fn a_valid_vat_tag_takes_the_fast_path() {
        let line = "2026-01-15 bill B1 acme 121.00 vat:0/AE";
        assert_eq!(parse_common(line), Some(ok(line)));
    }

    #[test]
    fn full_line() {
        let p = ok(
            "2026-01-15 invoice INV-2026-0001 acme 1210.00 EUR due:2026-02-14 po:77 ; consulting, January",
        );
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2026, 1, 15).unwrap());
        assert_eq!(p.kind, Kind::Invoice);
        assert_eq!(p.id, "INV-2026-0001");
        assert_eq!(p.id_offset, 19);
        assert_eq!(p.contact, "acme");
        assert_eq!(p.amount, Decimal::from_str("1210.00").unwrap());
        assert_eq!(p.currency.unwrap().0.as_str(), "EUR");
        assert_eq!(
            p.due.unwrap().0,
            NaiveDate::from_ymd_opt(2026, 2, 14).unwrap()
        );
        assert_eq!(p.memo, Some("consulting, January"));
    }

    #[test]
    fn tabs_multiple_spaces_and_crlf() {
        let p = ok("2026-02-10\tpayment   PAY-0042\tacme  1000.00 ref:INV-1 method:bank\r");
        assert_eq!(p.reference.unwrap().0, "INV-1");
        assert_eq!(p.currency, None);
        assert_eq!(
            free_metadata("2026-02-10 payment P acme 1 ref:I method:bank ; x"),
            vec![("method", "bank")]
        );
    }

    #[test]
    fn memo_starts_at_first_semicolon() {
        let p = ok("2026-02-10 payment P acme 1.5;note; more");
        assert_eq!(p.memo, Some("note; more"));
        assert_eq!(
            memo("2026-02-10 payment P acme 1.5;note; more"),
            Some("note; more")
        );
    }

    #[test]
    fn blanks_and_comments() {
        for line in ["", "   ", "; comment", "  # comment", "\r"] {
            assert_eq!(parse_line(line), Ok(None), "{line:?}");
        }
    }

    #[test]
    fn each_error_has_its_offset() {
        assert_eq!(err("2026-13-01 invoice I a 1").offset, 0);
        assert!(
            err("2026-02-30 invoice I a 1")
                .message
                .contains("not a calendar date")
        );
        assert!(err("26-01-01 invoice I a 1").message.contains("YYYY-MM-DD"));
        let e = err("2026-01-01 invoce I a 1");
        assert_eq!(e.offset, 11);
        assert!(e.message.contains("did you mean `invoice`"));
        assert_eq!(err("2026-01-01 invoice -I a 1").offset, 19);
        assert_eq!(err("2026-01-01 invoice I a -1").offset, 23);
        assert!(
            err("2026-01-01 invoice I a 1.23456")
                .message
                .contains("more than 4 decimals")
        );
        assert!(
            err("2026-01-01 invoice I a 0")
                .message
                .contains("strictly positive")
        );
        assert!(
            err("2026-01-01 invoice I a 1,5")
                .message
                .contains("invalid amount")
        );
        assert!(
            err("2026-01-01 invoice I a 123456789012345678901234567890")
                .message
                .contains("integer digits")
        );
        let e = err("2026-01-01 invoice I a");
        assert_eq!(e.offset, 22);
        assert!(e.message.contains("expected an amount"));
        assert!(err("2026-01-01").message.contains("expected a kind"));
        assert!(
            err("2026-01-01 invoice")
                .message
                .contains("expected a document id")
        );
        assert!(
            err("2026-01-01 invoice I")
                .message
                .contains("expected a contact id")
        );
        assert_eq!(err("2026-01-01 invoice I a 1 EUR junk").offset, 29);
        assert!(
            err("2026-01-01 invoice I a 1 x:1 EUR")
                .message
                .contains("right after the amount")
        );
        assert!(
            err("2026-01-01 invoice I a 1 eur")
                .message
                .contains("did you mean `EUR`?")
        );
        assert!(
            err("2026-01-01 invoice I a 1 :x")
                .message
                .contains("no key")
        );
        assert!(
            err("2026-01-01 payment P a 1 due:2026-01-02")
                .message
                .contains("only allowed on invoice and bill")
        );
        assert!(
            err("2026-01-01 invoice I a 1 due:2026-01-02 due:2026-01-03")
                .message
                .contains("twice")
        );
        let e = err("2026-01-01 invoice I a 1 due:2026-01-32");
        assert_eq!(e.offset, 29);
        assert!(
            err("2026-01-01 invoice I a 1 ref:X")
                .message
                .contains("not allowed on invoice")
        );
        assert!(
            err("2026-01-01 bill B a 1 ref:X")
                .message
                .contains("not allowed on bill")
        );
        assert!(
            err("2026-01-01 payment P a 1 ref:")
                .message
                .contains("invalid ref")
        );
        assert!(
            err("2026-01-01 payment P a 1 ref:X ref:Y")
                .message
                .contains("twice")
        );
    }

    #[test]
    fn amount_offset_and_lower_case_currency() {
        assert_eq!(ok("2026-01-01 invoice I acme  12.5 EUR").amount_offset, 27);
        let e = err("2026-01-01 invoice I a 1 usd");
        assert_eq!(e.offset, 25);
        assert_eq!(
            e.message,
            "invalid currency `usd`: expected three upper-case letters; did you mean `USD`?"
        );
    }

    #[test]
    fn document_id_of_a_broken_line() {
        assert_eq!(
            document_id("2026-01-01 invoice INV-1 nobody 1,5 ; x"),
            Some("INV-1")
        );
        assert_eq!(document_id("2026-01-01\tbill  B/7"), Some("B/7"));
        assert_eq!(document_id("2026-01-01 invoce INV-1 a 1"), None);
        assert_eq!(document_id("2026-13-01 invoice INV-1 a 1"), None);
        assert_eq!(document_id("2026-01-01 invoice -X a 1"), None);
        assert_eq!(document_id("2026-01-01 invoice ; INV-1"), None);
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for line in [
            "\u{feff}2026-01-01 invoice I a 1",
            "2026-01-01 invoice I a 1.",
            "é",
            "2026-01-01 invoice I a 1 ref:é",
            "\0\0\0",
        ] {
            let _ = parse_line(line);
        }
    }

    /// The fast path agrees with the general parser on every line it takes: lines of the
    /// common shape, and their near misses (tabs, double spaces, memos glued to a field,
    /// repeated or misplaced keys, CRs, odd bytes).
    #[test]
    fn the_fast_path_reads_every_line_it_takes_as_the_general_parser_does() {
        let taken = [
            "2026-01-15 invoice INV-2026-0001 acme 1210.00 EUR due:2026-02-14 po:77 ; consulting, January",
            "2026-01-15 invoice INV-1 acme 1210.00",
            "2026-01-15 payment P-1 société-générale 5 ref:INV-1 method:wire",
            "2026-01-15 payment P-1 客户 0.0001 USD ;",
            "2026-01-15 refund R/1 a 1 ref:P-1 ; é ; second ;  ",
            "2026-01-15 bill B.1 s 99999999999999999 due:2026-01-01",
            "2026-01-15 debit D_1 s 3 x: y::",
        ];
        for line in taken {
            let fast = parse_common(line).unwrap_or_else(|| panic!("not taken: {line}"));
            assert_eq!(parse_general(line), Ok(Some(fast)), "{line}");
        }
        let left = [
            "2026-01-15  invoice I a 1",
            "2026-01-15 invoice\tI a 1",
            "2026-01-15 invoice I a 1 ",
            "2026-01-15 invoice I a 1;memo",
            "2026-01-15 invoice I a;memo 1",
            "2026-01-15 invoice I a 1 EUR USD",
            "2026-01-15 invoice I a 1 po:1 EUR",
            "2026-01-15 invoice I a 1 due:2026-01-01 due:2026-01-02",
            "2026-01-15 payment P a 1 due:2026-01-01",
            "2026-01-15 invoice I a 1 ref:P",
            "2026-01-15 payment P a 1 ref:-x",
            "2026-01-15 payment P a 1 ref:A ref:B",
            "2026-01-15 invoice I a 1 :x",
            "2026-01-15 invoice I a 1 eur",
            "2026-01-15 invoice I a 1\r",
            "2026-01-15 invoice -I a 1",
            "2026-01-15 invoice I#1 a 1",
            "2026-01-15 invoice I a 1,5",
            "2026-01-15 invoice I a 0",
            "2026-01-15 invoice I a",
            "2026-01-15 invoice I",
            "2026-01-15 invoice",
            "2026-02-30 invoice I a 1",
            "2026-01-15 invoce I a 1",
            "2026-01-15\u{e9} invoice I a 1",
            "; 2026-01-15 invoice I a 1",
            "",
        ];
        for line in left {
            assert_eq!(parse_common(line), None, "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Lines made of the grammar's pieces and of the bytes that trip it.
        #[test]
        fn the_fast_path_agrees_with_the_general_parser(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2026-01-15", "2026-02-30", "invoice", "payment", "refund", "credit", "bill",
                "payout", "debit", "INV-1", "P/2", "-x", "acme", "客户", "100", "0.01", "1.", "0",
                "EUR", "usd", "due:2026-03-01", "due:x", "ref:INV-1", "ref:", "po:7", ":v", ";",
                "; memo", " ", "\t", "\r", "é", "",
            ]), 0..12),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", " ", " ", "  ", "\t", ""]), 12),
        ) {
            let mut line = String::new();
            for (piece, separator) in pieces.iter().zip(&separators) {
                line.push_str(piece);
                line.push_str(separator);
            }
            let line = line.trim_end_matches(' ');
            if let Some(fast) = parse_common(line) {
                proptest::prop_assert_eq!(parse_general(line), Ok(Some(fast)));
            }
        }
    }

    #[test]
    fn settles_is_read_on_payments_and_payouts_and_refused_with_its_position_elsewhere() {
        let parsed = ok("2026-04-01 payment P1 a 2800.00 EUR ref:I1 settles:3040.00/USD");
        let expected = Settles {
            amount: Decimal::new(304000, 2),
            currency: Currency::parse("USD"),
        };
        assert_eq!(parsed.settles, Some((expected, 43)));
        assert!(parse_common("2026-04-01 payout O1 s 10 settles:12").is_none());
        assert_eq!(
            ok("2026-04-01 payout O1 s 10 settles:12")
                .settles
                .unwrap()
                .0
                .currency,
            None
        );
        let cases = [
            (
                "2026-04-01 invoice I1 a 10 settles:12",
                27,
                "only allowed on payment and payout",
            ),
            (
                "2026-04-01 payment P1 a 10 settles:1 settles:2",
                37,
                "given twice",
            ),
            (
                "2026-04-01 payment P1 a 10 settles:1,5",
                35,
                "invalid settled amount `1,5`",
            ),
            (
                "2026-04-01 payment P1 a 10 settles:0",
                35,
                "strictly positive",
            ),
            (
                "2026-04-01 payment P1 a 10 settles:12/usd",
                38,
                "invalid currency `usd`",
            ),
        ];
        for (line, offset, message) in cases {
            let error = err(line);
            assert_eq!(error.offset, offset, "{line}");
            assert!(error.message.contains(message), "{line}: {}", error.message);
        }
    }
}
