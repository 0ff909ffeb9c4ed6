//! The Belgian structured communication (gestructureerde mededeling, communication structurée,
//! "OGM/VCS"): twelve digits written `+++123/4567/89002+++`, the last two being the first ten
//! modulo 97 (97 when that is 0). Belgian invoices print it so the bank transfer names the
//! invoice without typing mistakes.
//!
//! [`for_document`] derives one from a document id, so invoices can print it and
//! `folio reconcile` can find the invoice again.

/// A structured communication: its ten-digit base and two check digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Structured {
    /// The first ten digits.
    pub base: u64,
}

impl Structured {
    /// The two check digits of a base: base mod 97, 97 for 0.
    pub(crate) fn check_digits(base: u64) -> u64 {
        match base % 97 {
            0 => 97,
            rest => rest,
        }
    }

    /// The twelve digits.
    pub(crate) fn digits(self) -> String {
        format!("{:010}{:02}", self.base, Self::check_digits(self.base))
    }

    /// As printed: `+++123/4567/89002+++`.
    pub(crate) fn formatted(self) -> String {
        let d = self.digits();
        format!("+++{}/{}/{}+++", &d[..3], &d[3..7], &d[7..])
    }
}

impl std::fmt::Display for Structured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.formatted())
    }
}

/// Why twelve digits are not a structured communication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The check digits do not match the base.
    CheckDigits {
        /// The twelve digits found.
        found: String,
        /// The check digits they should end with.
        expected: u64,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::CheckDigits { found, expected } => write!(
                f,
                "structured communication {found} fails its check: it should end in {expected:02}"
            ),
        }
    }
}

/// Checks twelve digits.
pub(crate) fn check(digits: &str) -> Result<Structured, Problem> {
    debug_assert_eq!(digits.len(), 12);
    let base: u64 = digits[..10].parse().unwrap_or(0);
    let check: u64 = digits[10..].parse().unwrap_or(0);
    let expected = Structured::check_digits(base);
    if check == expected && base > 0 {
        Ok(Structured { base })
    } else {
        Err(Problem::CheckDigits {
            found: digits.to_string(),
            expected,
        })
    }
}

/// Finds a structured communication in a bank line's text: `+++ddd/dddd/ddddd+++` (or with `*`,
/// spaces allowed around the parts), or a text that is only the twelve digits (some banks export
/// them bare). `None` when there is none; `Some(Err)` when one is there but fails its check.
pub(crate) fn find(text: &str) -> Option<Result<Structured, Problem>> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 3 <= chars.len() {
        let marker = chars[i];
        if (marker == '+' || marker == '*') && chars[i..i + 3].iter().all(|&c| c == marker) {
            let mut j = i + 3;
            let mut digits = String::new();
            while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], '/' | ' ')) {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                }
                j += 1;
            }
            let closed = j + 3 <= chars.len() && chars[j..j + 3].iter().all(|&c| c == marker);
            if closed && digits.len() == 12 {
                return Some(check(&digits));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    let bare: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '/' | ' '))
        .collect();
    (bare.len() == 12 && bare.bytes().all(|b| b.is_ascii_digit())).then(|| check(&bare))
}

/// The structured communication of a document: the digits of its id (the last ten when there are
/// more; zeros in front when fewer) and their check digits. `INV-2026-0042` gives
/// `+++002/0260/04240+++`. `None` for an id without digits.
///
/// Ids that differ only in their letters (`INV-2026-0001` and `CN-2026-0001`) share one;
/// `folio reconcile` tells them apart by kind, contact and amount.
pub(crate) fn for_document(id: &str) -> Option<Structured> {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let last_ten = &digits[digits.len().saturating_sub(10)..];
    let base: u64 = last_ten.parse().ok()?;
    (base > 0).then_some(Structured { base })
}

/// An ISO 11649 creditor reference (`RF18 5390 0754 7034`), compact and upper case, when
/// `text` is one: `RF`, two check digits, then 1 to 21 letters and digits, the whole passing
/// the ISO 7064 MOD 97-10 check that IBANs use.
pub(crate) fn creditor_reference(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let bytes = compact.as_bytes();
    let well_formed = (5..=25).contains(&bytes.len())
        && compact.starts_with("RF")
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
    (well_formed && super::iban::remainder(&compact) == 1).then_some(compact)
}

/// The first ISO 11649 creditor reference in a bank line's text, compact: a word starting with
/// `RF`, alone or followed by the groups of four it is printed in (`RF18 5390 0754 7034`).
pub(crate) fn find_creditor_reference(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '/' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if !word
            .get(..2)
            .is_some_and(|head| head.eq_ignore_ascii_case("RF"))
        {
            continue;
        }
        // The longest run of printed groups that is a valid reference.
        let mut joined = String::new();
        let mut found = None;
        for part in words[i..].iter().take(7) {
            if !joined.is_empty() && part.len() > 4 {
                break;
            }
            joined.push_str(part);
            if let Some(reference) = creditor_reference(&joined) {
                found = Some(reference);
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        // 0108068171 mod 97 = 83.
        assert_eq!(
            find("+++010/8068/17183+++"),
            Some(Ok(Structured { base: 108068171 }))
        );
        assert_eq!(
            Structured { base: 108068171 }.formatted(),
            "+++010/8068/17183+++"
        );
        assert!(matches!(
            find("+++010/8068/17184+++"),
            Some(Err(Problem::CheckDigits { expected: 83, .. }))
        ));
        // A base that is a multiple of 97 ends in 97.
        assert_eq!(Structured::check_digits(97), 97);
        assert_eq!(Structured { base: 97 }.formatted(), "+++000/0000/09797+++");
    }

    #[test]
    fn found_in_text() {
        let s = for_document("INV-2026-0042").unwrap();
        assert_eq!(s.formatted(), "+++002/0260/04240+++");
        assert_eq!(find(&format!("Betaling {s} dank u")), Some(Ok(s)));
        assert_eq!(find("*** 002 / 0260 / 04240 ***"), Some(Ok(s)));
        assert_eq!(find("002026004240"), Some(Ok(s)));
        assert_eq!(find("002/0260/04240"), Some(Ok(s)));
        assert_eq!(find("invoice INV-2026-0042"), None);
        assert_eq!(find("+++ 12 +++"), None);
        assert_eq!(for_document("ABC"), None);
        assert_eq!(
            for_document("X-123456789012").unwrap().digits(),
            format!("3456789012{:02}", 3456789012u64 % 97)
        );
    }

    /// The example of ISO 11649 (and of the European Payments Council's guidance).
    #[test]
    fn creditor_references_are_checked_mod_97() {
        assert_eq!(
            creditor_reference("RF18 5390 0754 7034").as_deref(),
            Some("RF18539007547034")
        );
        assert_eq!(creditor_reference("RF19 5390 0754 7034"), None);
        assert_eq!(creditor_reference("RF18"), None);
        assert_eq!(
            find_creditor_reference("Invoice ref RF18 5390 0754 7034, thanks").as_deref(),
            Some("RF18539007547034")
        );
        assert_eq!(find_creditor_reference("RFID tag 12"), None);
    }
}
