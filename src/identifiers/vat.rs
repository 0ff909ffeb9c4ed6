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

/// The identifier in its canonical form, the one folio compares (the duplicate-VAT warning, import
/// matching, search) and writes into UBL: upper case, without the separators people write
/// (spaces, dots, dashes, slashes, the colon of `IT: 0233...`, the brackets of the Belgian
/// `(0)`), and with the zeros that national spellings leave out put back:
/// - Belgium: the VAT number is the enterprise number of the Crossroads Bank for Enterprises
///   (KBO/BCE), 10 digits; the 9-digit VAT numbers issued before it became enterprise numbers
///   with a leading 0 (SPF Finances), so `BE 403.170.701` and `BE (0)403 170 701` are both
///   `BE0403170701`.
/// - The Netherlands: the Belastingdienst's VAT number is always 9 digits, `B` and 2 digits;
///   numbers written without their leading zeros (`NL4495445B01`) get them back
///   (`NL004495445B01`).
pub(crate) fn compact(text: &str) -> String {
    let number = clean(text);
    if let Some(rest) = number.strip_prefix("BE")
        && rest.len() == 9
        && rest.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("BE0{rest}");
    }
    if let Some(rest) = number.strip_prefix("NL")
        && let Some((digits, suffix)) = rest.split_once('B')
        && (1..9).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && suffix.len() == 2
        && suffix.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("NL{digits:0>9}B{suffix}");
    }
    number
}

/// `text` upper case, without the separators of [`compact`].
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | ':' | '(' | ')' | '\u{a0}'))
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
/// The number is read in its [`compact`] form. Check digits are verified for AT, BE, DE, ES, FR,
/// IT, LU, NL and PL VAT numbers and for USCCs; other known prefixes are checked for shape only.
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
    // The prefix is written once (`BE BE 0220764971` is a copy-paste slip, not a number).
    if rest.starts_with(prefix) {
        return Err(format!(
            "invalid VAT number `{text}`: the country prefix {prefix} is written twice"
        ));
    }
    if prefix == "CN" {
        return check_uscc(rest)
            .map(|()| TaxId::Uscc)
            .map_err(|message| format!("{message} (after the CN prefix)"));
    }
    let checked = match prefix {
        "AT" => check_at(rest),
        "BE" => check_be(rest),
        "DE" => check_de(rest),
        "ES" => check_es(rest),
        "FR" => check_fr(rest),
        "IT" => check_it(rest),
        "LU" => check_lu(rest),
        "NL" => check_nl(rest),
        "PL" => check_pl(rest),
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
        "AT" => "Austrian",
        "BE" => "Belgian",
        "DE" => "German",
        "ES" => "Spanish",
        "FR" => "French",
        "IT" => "Italian",
        "LU" => "Luxembourg",
        "NL" => "Dutch",
        "PL" => "Polish",
        _ => "",
    }
}

fn digits(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10)).collect()
}

fn number_of(digits: &[u32]) -> u64 {
    digits.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// Austria: the UID is `U` and 8 digits; the last is a check digit over the seven before it, as
/// the Bundesministerium für Finanzen defines it (restated in the European Commission's VIES
/// "VAT number construction rules"): S = C1 + q(2 × C2) + C3 + q(2 × C4) + C5 + q(2 × C6) + C7,
/// q being the sum of the digits, and C8 = (10 − (S + 4) mod 10) mod 10.
fn check_at(rest: &str) -> Result<(), String> {
    let d = rest
        .strip_prefix('U')
        .and_then(digits)
        .filter(|d| d.len() == 8)
        .ok_or("expected ATU and 8 digits, e.g. ATU10223006")?;
    let digit_sum = |n: u32| n / 10 + n % 10;
    let sum: u32 = d[..7]
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            if i % 2 == 1 {
                digit_sum(2 * digit)
            } else {
                digit
            }
        })
        .sum();
    let expected = (10 - (sum + 4) % 10) % 10;
    if expected == d[7] {
        Ok(())
    } else {
        Err(format!("check digit is {}, expected {expected}", d[7]))
    }
}

/// Belgium: the enterprise number (KBO/BCE), 10 digits starting with 0 or 1 ([`compact`] has put
/// back the leading 0 of the old 9-digit numbers); the last two are 97 − (first eight mod 97).
fn check_be(rest: &str) -> Result<(), String> {
    let d = digits(rest)
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

/// The characters of a French key, in the order of their values 0 to 33 (no I, no O).
const FR_KEY_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// France: the DGFiP's VAT number is a 2-character key and the 9-digit SIREN.
/// - The SIREN (INSEE's company number) ends in a Luhn check digit. Numbers whose SIREN part
///   starts with 000 are those the DGFiP gives to businesses of Monaco, which have no SIREN: no
///   Luhn check for them.
/// - A key of two digits is (12 + 3 × (SIREN mod 97)) mod 97.
/// - A key with a letter (from 0-9 and A-Z without I and O, valued 0 to 33 in that order) is
///   checked as the European Commission's VIES "VAT number construction rules" state it:
///   S = 24 × C1 + C2 − 10 when the first character is a digit, 34 × C1 + C2 − 100 when it is a
///   letter; the number is valid when (SIREN + 1 + S div 11) mod 11 = S mod 11.
fn check_fr(rest: &str) -> Result<(), String> {
    let shape = "expected FR, a 2-character key and the 9-digit SIREN, e.g. FR40303265045";
    if rest.len() != 11 || !rest.is_ascii() {
        return Err(shape.into());
    }
    let (key, siren) = rest.split_at(2);
    let siren_digits = digits(siren).ok_or(shape)?;
    let key_values: Vec<u64> = key
        .chars()
        .filter_map(|c| FR_KEY_CHARS.find(c).map(|v| v as u64))
        .collect();
    let [first, second] = key_values[..] else {
        return Err(format!(
            "the key `{key}` is not two digits or letters (I and O are not used)"
        ));
    };
    if !siren.starts_with("000") && !luhn_valid(&siren_digits) {
        return Err(format!("the SIREN {siren} fails its Luhn check digit"));
    }
    let siren_number = number_of(&siren_digits);
    if let Some(key_digits) = digits(key) {
        let expected = (12 + 3 * (siren_number % 97)) % 97;
        let found = number_of(&key_digits);
        return if expected == found {
            Ok(())
        } else {
            Err(format!(
                "key is {found:02}, expected {expected:02} for SIREN {siren}"
            ))
        };
    }
    let s = if first < 10 {
        24 * first + second - 10
    } else {
        34 * first + second - 100
    };
    if (siren_number + 1 + s / 11) % 11 == s % 11 {
        Ok(())
    } else {
        Err(format!("the key {key} does not match SIREN {siren}"))
    }
}

/// The Luhn check digit of `payload`: from the right, every other digit doubled (9 subtracted
/// when over 9), starting with the last; the check digit brings the sum to a multiple of 10.
fn luhn_digit(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let double = 2 * d;
                if double > 9 { double - 9 } else { double }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Whether `digits` end in the Luhn check digit of the digits before it.
fn luhn_valid(digits: &[u32]) -> bool {
    digits
        .split_last()
        .is_some_and(|(&last, payload)| luhn_digit(payload) == last)
}

/// Italy: the partita IVA, 11 digits as the Agenzia delle Entrate defines them (DPR 633/1972,
/// art. 35, and the decree of 23 December 1976): a serial number of 7 digits (never 0000000),
/// the code of the provincial office of 3 digits (001 to 100, or 120, 121, 888, 999), and a Luhn
/// check digit.
fn check_it(rest: &str) -> Result<(), String> {
    let d = digits(rest)
        .filter(|d| d.len() == 11)
        .ok_or("expected IT and 11 digits, e.g. IT00743110157")?;
    if number_of(&d[..7]) == 0 {
        return Err("the serial number (the first 7 digits) is all zeros".into());
    }
    let office = number_of(&d[7..10]);
    if !((1..=100).contains(&office) || matches!(office, 120 | 121 | 888 | 999)) {
        return Err(format!(
            "{office:03} is not an office code (digits 8 to 10: 001 to 100, 120, 121, 888 or 999)"
        ));
    }
    let expected = luhn_digit(&d[..10]);
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

/// Poland: the NIP, 10 digits; the last is the weighted sum of the nine before it, with the
/// weights 6, 5, 7, 2, 3, 4, 5, 6, 7, mod 11, as the Ministry of Finance defines the NIP
/// (a sum of 10 mod 11 gives no check digit: such numbers are never issued).
fn check_pl(rest: &str) -> Result<(), String> {
    let d = digits(rest)
        .filter(|d| d.len() == 10)
        .ok_or("expected PL and 10 digits, e.g. PL1234563218")?;
    let expected = d[..9]
        .iter()
        .zip([6, 5, 7, 2, 3, 4, 5, 6, 7])
        .map(|(&digit, weight)| digit * weight)
        .sum::<u32>()
        % 11;
    if expected == d[9] {
        Ok(())
    } else if expected == 10 {
        Err("the first 9 digits give no check digit (their weighted sum mod 11 is 10)".into())
    } else {
        Err(format!("check digit is {}, expected {expected}", d[9]))
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
            check_tax_id("DK13585628"),
            Ok(TaxId::VatShapeOnly("DK".into()))
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

    #[test]
    fn compact_is_the_canonical_form_of_each_spelling() {
        for spelling in [
            "BE0403170701",
            "be 0403.170.701",
            "BE 403.170.701",
            "BE403170701",
            "BE (0)403 170 701",
            "BE-0403/170/701",
            "BE\u{a0}0403\u{a0}170\u{a0}701",
        ] {
            assert_eq!(compact(spelling), "BE0403170701", "{spelling}");
        }
        assert_eq!(compact("IT: 06363391001"), "IT06363391001");
        assert_eq!(compact("LU: 2026 0743"), "LU20260743");
        assert_eq!(compact("NL12345678B01"), "NL012345678B01");
        assert_eq!(compact("NL 99998 B 57"), "NL000099998B57");
        // Numbers that are not of the padded shapes stay as written (an IBAN, a 10-digit BE).
        assert_eq!(compact("NL91 ABNA 0417 1643 00"), "NL91ABNA0417164300");
        assert_eq!(compact("BE71 0961 2345 6769"), "BE71096123456769");
        assert_eq!(compact("BE12345678"), "BE12345678");
        // Every spelling of a valid number is valid.
        assert!(valid("BE (0)403 170 701"));
        assert!(valid("IT: 06363391001"));
        assert!(valid("LU: 2026 0743"));
        assert!(valid("NL 99998 B 57"));
    }

    #[test]
    fn a_doubled_country_prefix_is_refused() {
        for number in [
            "BE BE 0403170701",
            "PL PL 1234563218",
            "AT ATU12345675",
            "FRFR11123456782",
        ] {
            assert!(
                check_tax_id(number).unwrap_err().contains("written twice"),
                "{number}"
            );
        }
    }

    /// Numbers built for these tests: SIREN 12345678 + Luhn digit 2; the numeric key of
    /// 123456782 is (12 + 3 × (123456782 mod 97)) mod 97 = 11.
    #[test]
    fn french_keys_and_sirens_are_checked() {
        assert!(valid("FR 11 123 456 782"));
        assert!(
            check_tax_id("FR12123456782")
                .unwrap_err()
                .contains("expected 11")
        );
        // 32 is the right key for 123456789, but that SIREN fails its Luhn digit.
        assert!(check_tax_id("FR32123456789").unwrap_err().contains("Luhn"));
        // Letter keys: for 0L, S = 24 × 0 + 20 − 10 = 10 and (123456782 + 1 + 0) mod 11 = 10;
        // for A0, S = 34 × 10 + 0 − 100 = 240 and (123456782 + 1 + 21) mod 11 = 9 = 240 mod 11.
        assert!(valid("FR0L123456782"));
        assert!(valid("FRA0123456782"));
        for wrong in ["FR0N123456782", "FRAB123456782", "FRK7123456782"] {
            assert!(
                check_tax_id(wrong).unwrap_err().contains("does not match"),
                "{wrong}"
            );
        }
        assert!(
            check_tax_id("FRI0123456782")
                .unwrap_err()
                .contains("I and O")
        );
        // Monaco: SIREN part 000123456 has no Luhn digit; its key is still checked.
        assert!(valid("FR34000123456"));
        assert!(!valid("FR35000123456"));
    }

    /// Serial 1234567, office code, Luhn digit computed for each.
    #[test]
    fn italian_office_codes_and_serials_are_checked() {
        assert!(valid("IT12345670017"), "office 001");
        assert!(valid("IT12345671205"), "office 120");
        assert!(valid("IT12345679992"), "office 999");
        assert!(
            check_tax_id("IT12345671015")
                .unwrap_err()
                .contains("101 is not an office code")
        );
        assert!(
            check_tax_id("IT00000000018")
                .unwrap_err()
                .contains("all zeros")
        );
        assert!(
            check_tax_id("IT12345670018")
                .unwrap_err()
                .contains("expected 7")
        );
    }

    #[test]
    fn austrian_uid_check_digit() {
        // 1234567: S = 1 + q(4) + 3 + q(8) + 5 + q(12) + 7 = 31, C8 = (10 − 35 mod 10) mod 10 = 5.
        assert_eq!(check_tax_id("ATU 1234 5675"), Ok(TaxId::Vat("AT".into())));
        assert!(
            check_tax_id("ATU12345674")
                .unwrap_err()
                .contains("expected 5")
        );
        assert!(
            check_tax_id("AT12345675")
                .unwrap_err()
                .contains("ATU and 8 digits")
        );
        assert!(
            check_tax_id("ATU123456755")
                .unwrap_err()
                .contains("ATU and 8 digits")
        );
        assert!(
            check_tax_id("ATU1234B675")
                .unwrap_err()
                .contains("ATU and 8 digits")
        );
    }

    #[test]
    fn polish_nip_check_digit() {
        // 123456321: 6 + 10 + 21 + 8 + 15 + 24 + 15 + 12 + 7 = 118, 118 mod 11 = 8.
        assert_eq!(
            check_tax_id("PL 123-456-32-18"),
            Ok(TaxId::Vat("PL".into()))
        );
        assert!(
            check_tax_id("PL1234563217")
                .unwrap_err()
                .contains("expected 8")
        );
        assert!(
            check_tax_id("PL1234567890")
                .unwrap_err()
                .contains("no check digit")
        );
        assert!(
            check_tax_id("PL123456321")
                .unwrap_err()
                .contains("10 digits")
        );
    }
}
