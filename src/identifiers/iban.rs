//! IBAN (ISO 13616): two letters for the country, two check digits, then the national account
//! number (BBAN) of a length fixed per country. Valid when the number, with its first four
//! characters moved to the end and letters read as 10..35, leaves 1 when divided by 97.

/// The length of an IBAN per country, from the SWIFT IBAN registry.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The IBAN in its electronic form: upper case, without spaces (or dashes and dots, which
/// some exports put between groups).
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The IBAN in groups of four, as printed: `BE68 5390 0754 7034`.
pub(crate) fn pretty(iban: &str) -> String {
    let compact = compact(iban);
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The remainder of the IBAN's number (rearranged, letters as 10..35) divided by 97. ISO 11649
/// creditor references (`RF18...`) use the same ISO 7064 MOD 97-10 check.
pub(crate) fn remainder(compact: &str) -> u32 {
    let (head, tail) = compact.split_at(4);
    let mut rest = 0u32;
    for c in tail.chars().chain(head.chars()) {
        let value = c.to_digit(36).unwrap_or(0);
        rest = if value >= 10 {
            (rest * 100 + value) % 97
        } else {
            (rest * 10 + value) % 97
        };
    }
    rest
}

/// Checks an IBAN (spaces allowed) and returns its electronic form.
pub(crate) fn check_iban(text: &str) -> Result<String, String> {
    let iban = compact(text);
    let invalid = |why: String| Err(format!("invalid IBAN `{text}`: {why}"));
    if iban.len() < 5 || !iban.is_ascii() {
        return invalid(
            "expected a country code, two check digits and the account number, e.g. BE68 5390 0754 7034"
                .into(),
        );
    }
    let bytes = iban.as_bytes();
    if !bytes[..2].iter().all(u8::is_ascii_uppercase) || !bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        return invalid(
            "expected two letters (the country) and two check digits first, e.g. BE68...".into(),
        );
    }
    if !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return invalid("only letters and digits are allowed".into());
    }
    let country = &iban[..2];
    match LENGTHS.iter().find(|(c, _)| *c == country) {
        Some(&(_, length)) if iban.len() != length => {
            return invalid(format!(
                "a {country} IBAN has {length} characters, this one {}",
                iban.len()
            ));
        }
        Some(_) => {}
        None if (15..=34).contains(&iban.len()) => {}
        None => {
            return invalid(format!(
                "`{country}` is not a country that uses IBANs, and an IBAN has 15 to 34 characters"
            ));
        }
    }
    let rest = remainder(&iban);
    if rest != 1 {
        let expected = 98 - remainder(&format!("{}00{}", country, &iban[4..]));
        return invalid(format!(
            "the check digits are {}, expected {expected:02}",
            &iban[2..4]
        ));
    }
    Ok(iban)
}

/// Builds an IBAN from a country and a national account number by computing its check digits
/// (the Belgian account numbers of old CODA statements; tests that need valid IBANs).
pub(crate) fn with_check_digits(country: &str, bban: &str) -> String {
    let body = compact(bban);
    let check = 98 - remainder(&format!("{country}00{body}"));
    format!("{country}{check:02}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples from the SWIFT IBAN registry and the European Committee for Banking Standards.
    #[test]
    fn registry_examples() {
        for valid in [
            "BE68 5390 0754 7034",
            "GB82 WEST 1234 5698 7654 32",
            "DE89 3704 0044 0532 0130 00",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NL91 ABNA 0417 1643 00",
            "LU28 0019 4006 4475 0000",
            "CH93 0076 2011 6238 5295 7",
        ] {
            assert!(check_iban(valid).is_ok(), "{valid}");
        }
        assert_eq!(
            check_iban("be68539007547034"),
            Ok("BE68539007547034".into())
        );
        assert!(
            check_iban("BE69 5390 0754 7034")
                .unwrap_err()
                .contains("expected 68")
        );
        assert!(
            check_iban("BE68 5390 0754 703")
                .unwrap_err()
                .contains("16 characters")
        );
        assert!(check_iban("5390 0754 7034").is_err());
        assert!(check_iban("BE68 5390 0754 70$4").is_err());
        assert_eq!(pretty("BE68539007547034"), "BE68 5390 0754 7034");
        assert_eq!(with_check_digits("BE", "539007547034"), "BE68539007547034");
        assert_eq!(
            with_check_digits("GB", "WEST12345698765432"),
            "GB82WEST12345698765432"
        );
    }
}
