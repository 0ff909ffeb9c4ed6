//! The ISO 11649 structured creditor reference ("RF reference"): `RF`, two check digits and up to
//! 21 letters or digits, written in groups of four (`RF18 5390 0754 7034`). Payers copy it into
//! the transfer like the Belgian structured communication, and banks hand it back in the
//! statement's structured remittance information.

/// The reference in its compact form (upper case, no spaces) when `text` is one whose check digits
/// hold; `None` otherwise.
pub(crate) fn check(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let bytes = compact.as_bytes();
    let shaped = (5..=25).contains(&bytes.len())
        && bytes.starts_with(b"RF")
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
    if !shaped {
        return None;
    }
    // ISO 7064 MOD 97-10, as for IBANs: the first four characters move to the end, letters
    // become 10..35, and the number must leave 1 when divided by 97.
    let mut rest = 0u32;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        let value = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            _ => u32::from(b - b'A') + 10,
        };
        rest = if value >= 10 {
            (rest * 100 + value) % 97
        } else {
            (rest * 10 + value) % 97
        };
    }
    (rest == 1).then_some(compact)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn a_creditor_reference_is_kept_compact_when_its_check_digits_hold() {
        assert_eq!(
            check("RF18 5390 0754 7034").as_deref(),
            Some("RF18539007547034")
        );
        assert_eq!(
            check("rf18539007547034").as_deref(),
            Some("RF18539007547034")
        );
        assert_eq!(check("RF712348231").as_deref(), Some("RF712348231"));
    }

    #[test]
    fn a_creditor_reference_with_wrong_check_digits_or_shape_is_none() {
        assert_eq!(check("RF19 5390 0754 7034"), None);
        assert_eq!(check("RF18"), None);
        assert_eq!(check("RF1853900754703-4"), None);
        assert_eq!(check("XX18539007547034"), None);
        assert_eq!(check("RF18 5390 0754 7034 0000 0000 0000"), None);
        assert_eq!(check("RF18éé"), None);
    }
}
