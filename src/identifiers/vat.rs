//! Tax identifiers checked beyond their shape: VAT numbers with their check digits and the
//! Chinese unified social credit code (GB 32100-2015). docs/contacts.md lists every rule.

/// What a tax identifier turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TaxId {
    /// A VAT number whose check digits were verified, with its country prefix (`BE`, `EL`, ...).
    Vat(String),
    /// A VAT number of a country folio has no check-digit rule for: only its shape was checked.
    VatShapeOnly(String),
    /// A Chinese unified social credit code (统一社会信用代码), check character verified.
    Uscc,
}

/// The identifier in a comparable form: upper case, without spaces, dots, dashes or slashes.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '\u{a0}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// VAT prefixes of the EU member states (Greece uses EL) and of a few neighbours whose numbers
/// folio accepts by shape.
const VAT_PREFIXES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI", "GB", "CH", "NO", "IS",
    "LI",
];

/// Checks a VAT number (with its country prefix) or a Chinese unified social credit code.
///
/// Check digits are verified for BE, DE, ES, FR, IT, LU and NL VAT numbers and for USCCs; other
/// known prefixes are checked for shape only.
pub(crate) fn check_tax_id(text: &str) -> Result<TaxId, String> {
    let number = compact(text);
    if number.is_empty() {
        return Err(
            "empty VAT number: expected a country prefix and the number, e.g. BE0403170701".into(),
        );
    }
    let bytes = number.as_bytes();
    let lettered = bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_uppercase);
    if !lettered {
        if number.chars().count() == 18 {
            return check_uscc(&number).map(|()| TaxId::Uscc);
        }
        return Err(format!(
            "invalid VAT number `{text}`: expected a two-letter country prefix (BE0403170701) or an 18-character Chinese unified social credit code"
        ));
    }
    let (prefix, rest) = number.split_at(2);
    if prefix == "CN" {
        return check_uscc(rest)
            .map(|()| TaxId::Uscc)
            .map_err(|message| format!("{message} (after the CN prefix)"));
    }
    let checked = match prefix {
        "BE" => check_be(rest),
        "DE" => check_de(rest),
        "ES" => check_es(rest),
        "FR" => check_fr(rest),
        "IT" => check_it(rest),
        "LU" => check_lu(rest),
        "NL" => check_nl(rest),
        _ if VAT_PREFIXES.contains(&prefix) => {
            let shape = (2..=13).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
                && rest.bytes().any(|b| b.is_ascii_digit());
            return if shape {
                Ok(TaxId::VatShapeOnly(prefix.to_string()))
            } else {
                Err(format!(
                    "invalid VAT number `{text}`: after {prefix} expected 2 to 13 letters and digits"
                ))
            };
        }
        "GR" => {
            return Err(format!(
                "invalid VAT number `{text}`: Greek VAT numbers start with EL, not GR"
            ));
        }
        _ => {
            return Err(format!(
                "invalid VAT number `{text}`: `{prefix}` is not a VAT country prefix (BE, DE, EL, ES, FR, IT, LU, NL, ...)"
            ));
        }
    };
    checked
        .map(|()| TaxId::Vat(prefix.to_string()))
        .map_err(|why| {
            format!(
                "invalid {} VAT number `{text}`: {why}",
                country_adjective(prefix)
            )
        })
}

fn country_adjective(prefix: &str) -> &'static str {
    match prefix {
        "BE" => "Belgian",
        "DE" => "German",
        "ES" => "Spanish",
        "FR" => "French",
        "IT" => "Italian",
        "LU" => "Luxembourg",
        "NL" => "Dutch",
        _ => "",
    }
}

fn digits(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10)).collect()
}

fn number_of(digits: &[u32]) -> u64 {
    digits.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// Belgium: enterprise number, 10 digits starting with 0 or 1 (9-digit numbers from before 2005
/// take a leading 0); the last two are 97 - (first eight mod 97).
fn check_be(rest: &str) -> Result<(), String> {
    let padded = if rest.len() == 9 {
        format!("0{rest}")
    } else {
        rest.to_string()
    };
    let d = digits(&padded)
        .filter(|d| d.len() == 10)
        .ok_or("expected BE and 10 digits, e.g. BE0403170701")?;
    if d[0] > 1 {
        return Err("a Belgian enterprise number starts with 0 or 1".into());
    }
    let expected = 97 - number_of(&d[..8]) % 97;
    let found = number_of(&d[8..]);
    if expected == found {
        Ok(())
    } else {
        Err(format!(
            "check digits are {found:02}, expected {expected:02}"
        ))
    }
}

/// Germany: USt-IdNr, 9 digits, the last by ISO 7064 MOD 11,10.
fn check_de(rest: &str) -> Result<(), String> {
    let d = digits(rest)
        .filter(|d| d.len() == 9)
        .ok_or("expected DE and 9 digits, e.g. DE136695976")?;
    if d[0] == 0 {
        return Err("a German VAT number does not start with 0".into());
    }
    let mut product = 10;
    for &digit in &d[..8] {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    let expected = (11 - product) % 10;
    if expected == d[8] {
        Ok(())
    } else {
        Err(format!("check digit is {}, expected {expected}", d[8]))
    }
}

/// Spain: NIF. Legal entities (CIF): a letter, 7 digits and a control digit or letter; Spanish
/// residents (DNI): 8 digits and a letter; foreigners (NIE): X, Y or Z, 7 digits and a letter.
fn check_es(rest: &str) -> Result<(), String> {
    const SHAPE: &str =
        "expected ES and 9 characters, e.g. ESA12345674, ES12345678Z or ESX1234567L";
    let chars: Vec<char> = rest.chars().collect();
    if chars.len() != 9 || !chars.iter().all(char::is_ascii_alphanumeric) {
        return Err(SHAPE.into());
    }
    let middle: String = chars[1..8].iter().collect();
    let Some(middle_digits) = digits(&middle) else {
        return Err(SHAPE.into());
    };
    let first = chars[0];
    let last = chars[8];
    const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let dni_letter = |number: u64| char::from(DNI_LETTERS[(number % 23) as usize]);
    let compare = |expected: char| {
        if last == expected {
            Ok(())
        } else {
            Err(format!("control character is {last}, expected {expected}"))
        }
    };
    if first.is_ascii_digit() {
        // DNI: 8 digits and a letter.
        let number =
            first.to_digit(10).map_or(0, u64::from) * 10_000_000 + number_of(&middle_digits);
        return compare(dni_letter(number));
    }
    if let Some(lead) = "XYZ".find(first) {
        // NIE: X, Y, Z stand for 0, 1, 2.
        return compare(dni_letter(
            lead as u64 * 10_000_000 + number_of(&middle_digits),
        ));
    }
    if "KLM".contains(first) {
        return compare(dni_letter(number_of(&middle_digits)));
    }
    if !"ABCDEFGHJNPQRSUVW".contains(first) {
        return Err(format!(
            "`{first}` does not start a Spanish NIF: expected a digit, X, Y, Z, K, L, M or one of ABCDEFGHJNPQRSUVW"
        ));
    }
    // CIF: digits in odd places are doubled (digit sum), even places added as they are.
    let sum: u32 = middle_digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                (2 * d) / 10 + (2 * d) % 10
            } else {
                d
            }
        })
        .sum();
    let control = (10 - sum % 10) % 10;
    let as_digit = char::from_digit(control, 10).unwrap_or('0');
    let as_letter = char::from(b"JABCDEFGHI"[control as usize]);
    let fits = if "PQRSNW".contains(first) {
        last == as_letter
    } else if "ABEH".contains(first) {
        last == as_digit
    } else {
        last == as_digit || last == as_letter
    };
    if fits {
        Ok(())
    } else if "PQRSNW".contains(first) {
        Err(format!("control character is {last}, expected {as_letter}"))
    } else if "ABEH".contains(first) {
        Err(format!("control character is {last}, expected {as_digit}"))
    } else {
        Err(format!(
            "control character is {last}, expected {as_digit} or {as_letter}"
        ))
    }
}

/// France: two key characters and the 9-digit SIREN; a numeric key is
/// (12 + 3 x (SIREN mod 97)) mod 97.
fn check_fr(rest: &str) -> Result<(), String> {
    let shape = "expected FR, a 2-character key and the 9-digit SIREN, e.g. FR40303265045";
    if rest.len() != 11 || !rest.is_ascii() {
        return Err(shape.into());
    }
    let (key, siren) = rest.split_at(2);
    let siren_digits = digits(siren).ok_or(shape)?;
    if !key.bytes().all(|b| b.is_ascii_alphanumeric()) || key.contains(['I', 'O']) {
        return Err(shape.into());
    }
    let Some(key_digits) = digits(key) else {
        // Alphabetic keys (rare, for some foreign businesses) have no published check.
        return Ok(());
    };
    let expected = (12 + 3 * (number_of(&siren_digits) % 97)) % 97;
    let found = number_of(&key_digits);
    if expected == found {
        Ok(())
    } else {
        Err(format!(
            "key is {found:02}, expected {expected:02} for SIREN {siren}"
        ))
    }
}

/// Italy: partita IVA, 11 digits, the last a Luhn check digit.
fn check_it(rest: &str) -> Result<(), String> {
    let d = digits(rest)
        .filter(|d| d.len() == 11)
        .ok_or("expected IT and 11 digits, e.g. IT00743110157")?;
    let sum: u32 = d[..10]
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            if i % 2 == 0 {
                digit
            } else {
                let double = 2 * digit;
                if double > 9 { double - 9 } else { double }
            }
        })
        .sum();
    let expected = (10 - sum % 10) % 10;
    if expected == d[10] {
        Ok(())
    } else {
        Err(format!("check digit is {}, expected {expected}", d[10]))
    }
}

/// Luxembourg: 8 digits, the last two are the first six mod 89.
fn check_lu(rest: &str) -> Result<(), String> {
    let d = digits(rest)
        .filter(|d| d.len() == 8)
        .ok_or("expected LU and 8 digits, e.g. LU15027442")?;
    let expected = number_of(&d[..6]) % 89;
    let found = number_of(&d[6..]);
    if expected == found {
        Ok(())
    } else {
        Err(format!(
            "check digits are {found:02}, expected {expected:02}"
        ))
    }
}

/// The Netherlands: 9 digits, B and 2 digits. Since 2020 sole traders have a btw-id that passes
/// ISO 7064 MOD 97-10 over the whole number with its NL prefix; companies keep their RSIN, whose
/// 9 digits pass the eleven-test.
fn check_nl(rest: &str) -> Result<(), String> {
    let shape = "expected NL, 9 digits, B and 2 digits, e.g. NL000099998B57";
    let bytes = rest.as_bytes();
    if bytes.len() != 12 || bytes[9] != b'B' {
        return Err(shape.into());
    }
    let nine = digits(&rest[..9]).ok_or(shape)?;
    let suffix = digits(&rest[10..]).ok_or(shape)?;
    if number_of(&suffix) == 0 {
        return Err("the two digits after B start at 01".into());
    }
    let eleven = nine
        .iter()
        .zip([9i64, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(&d, w)| i64::from(d) * w)
        .sum::<i64>()
        % 11
        == 0;
    // MOD 97-10 over "NL" + number, letters as 10..35 (N=23, L=21, B=11).
    let mod97 = format!("NL{rest}")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => d.to_string(),
            None => (c as u32 - 'A' as u32 + 10).to_string(),
        })
        .collect::<String>()
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
        == 1;
    if eleven || mod97 {
        Ok(())
    } else {
        Err("the number fails both the eleven-test (RSIN) and the MOD 97 check (btw-id)".into())
    }
}

/// The characters of a USCC, in the order of their values 0 to 30 (no I, O, S, V or Z).
const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The Chinese unified social credit code, GB 32100-2015: 18 characters from digits and upper-case
/// letters without I, O, S, V, Z; characters 3 to 8 are the region code (digits); the 18th is
/// 31 - (sum of value x weight mod 31), written with the same alphabet (31 is written 0).
pub(crate) fn check_uscc(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    if text.chars().count() != 18 {
        return Err(format!(
            "invalid unified social credit code `{text}`: expected 18 characters, found {}",
            text.chars().count()
        ));
    }
    let mut values = Vec::with_capacity(18);
    for (i, &b) in bytes.iter().enumerate() {
        let Some(value) = USCC_CHARS.iter().position(|&c| c == b) else {
            return Err(format!(
                "invalid unified social credit code `{text}`: character {} `{}` is not allowed (digits and upper-case letters except I, O, S, V, Z)",
                i + 1,
                char::from(b)
            ));
        };
        values.push(value as u32);
    }
    if !bytes[2..8].iter().all(u8::is_ascii_digit) {
        return Err(format!(
            "invalid unified social credit code `{text}`: characters 3 to 8 are the region code and must be digits"
        ));
    }
    let sum: u32 = values[..17]
        .iter()
        .zip(USCC_WEIGHTS)
        .map(|(v, w)| v * w)
        .sum();
    let expected = char::from(USCC_CHARS[((31 - sum % 31) % 31) as usize]);
    let found = char::from(bytes[17]);
    if found == expected {
        Ok(())
    } else {
        Err(format!(
            "invalid unified social credit code `{text}`: check character is {found}, expected {expected}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(number: &str) -> bool {
        check_tax_id(number).is_ok()
    }

    /// Official examples; the integration tests (tests/cli/contact.rs) repeat them end to end.
    #[test]
    fn official_vat_numbers() {
        // Belgium: FPS Finance (SPF Finances / FOD Financiën), enterprise number 0308.357.159,
        // as registered in the Crossroads Bank for Enterprises (KBO/BCE).
        assert_eq!(check_tax_id("BE 0308.357.159"), Ok(TaxId::Vat("BE".into())));
        assert!(!valid("BE0308357158"));
        // France: Électricité de France SA, SIREN 552 081 317, VAT FR 03 552 081 317, as published
        // in its legal notices and the French company register.
        assert!(valid("FR03552081317"));
        assert!(!valid("FR04552081317"));
        // The Netherlands: the btw-id example published by the Belastingdienst ("Nummers voor de
        // btw", ondernemersplein.kvk.nl).
        assert!(valid("NL000099998B57"));
        assert!(!valid("NL000099998B58"));
        // Germany: Amazon EU S.à r.l., USt-IdNr DE 814584193, as printed in its imprint and invoices.
        assert!(valid("DE814584193"));
        assert!(!valid("DE814584194"));
        // Italy: Agenzia delle Entrate, partita IVA 06363391001 (its own site's footer).
        assert!(valid("IT06363391001"));
        assert!(!valid("IT06363391002"));
        // Spain: Agencia Estatal de Administración Tributaria, NIF Q2826000H.
        assert!(valid("ESQ2826000H"));
        assert!(!valid("ESQ2826000J"));
        // Luxembourg: Amazon EU S.à r.l., TVA LU 20260743, as printed in its imprint and invoices.
        assert!(valid("LU20260743"));
        assert!(!valid("LU20260744"));
    }

    #[test]
    fn official_uscc() {
        // GB 32100-2015's own example (reproduced in the standard's explanatory material).
        assert_eq!(check_tax_id("91350100M000100Y43"), Ok(TaxId::Uscc));
        assert!(
            check_tax_id("91350100M000100Y44")
                .unwrap_err()
                .contains("expected 3")
        );
        assert!(valid("CN91350100M000100Y43"));
        // I, O, S, V and Z are not part of the alphabet.
        assert!(
            check_uscc("9135010OM000100Y43")
                .unwrap_err()
                .contains("not allowed")
        );
        assert!(
            check_uscc("91350100M000100Y4")
                .unwrap_err()
                .contains("18 characters")
        );
    }

    #[test]
    fn spanish_personal_numbers_and_shapes() {
        assert!(valid("ES12345678Z"));
        assert!(!valid("ES12345678A"));
        assert!(valid("ESX1234567L"));
        assert!(valid("ESA13585625"));
        assert!(!valid("ESI1234567A"));
        assert_eq!(
            check_tax_id("ATU13585627"),
            Ok(TaxId::VatShapeOnly("AT".into()))
        );
        assert!(check_tax_id("GR123456789").unwrap_err().contains("EL"));
        assert!(
            check_tax_id("XX123")
                .unwrap_err()
                .contains("not a VAT country prefix")
        );
        assert!(
            check_tax_id("12345")
                .unwrap_err()
                .contains("country prefix")
        );
        assert!(
            check_tax_id("BE04031707")
                .unwrap_err()
                .contains("10 digits")
        );
        assert!(
            check_tax_id("BE0403170702")
                .unwrap_err()
                .contains("expected 01")
        );
        assert!(valid("BE403170701"), "old 9-digit form");
    }
}
