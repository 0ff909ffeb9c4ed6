//! Peppol participant identifiers (`scheme:value`, e.g. `0208:0403170701`): the electronic
//! address of a seller or buyer in a Peppol document (`cbc:EndpointID`, BT-34 and BT-49).
//!
//! The scheme is a code of the Electronic Address Scheme list (EAS) as Peppol BIS Billing 3.0.19
//! accepts it (rule PEPPOL-EN16931-CL008): [`SCHEMES`]. `EM` (e-mail) is in the CEN list but not
//! in Peppol's, and schemes Peppol withdrew (9906 Italian VAT, 9956 Belgian CBE, 9955 Swedish
//! VAT, ...) are absent, so neither is ever accepted or derived. For the schemes folio derives
//! from a VAT or registration number, the value is checked as Peppol checks it: the Belgian
//! enterprise number (0208, PEPPOL-COMMON-R043) with its mod-97 check digits, the GLN (0088,
//! PEPPOL-COMMON-R040) with its GS1 check digit, the national VAT schemes as VAT numbers of
//! their country (prefix included: `9944:NL806753742B01`).

use super::vat::{TaxId, check_tax_id, compact};

/// The EAS codes Peppol BIS Billing 3.0.19 accepts as an electronic address scheme, with the
/// name the code list gives each.
pub(crate) const SCHEMES: &[(&str, &str)] = &[
    (
        "0002",
        "System Information et Repertoire des Entreprise et des Etablissements: SIRENE",
    ),
    ("0007", "Organisationsnummer (Swedish legal entities)"),
    ("0009", "SIRET-CODE"),
    ("0037", "LY-tunnus"),
    ("0060", "Data Universal Numbering System (D-U-N-S Number)"),
    ("0088", "EAN Location Code"),
    (
        "0096",
        "DANISH CHAMBER OF COMMERCE Scheme (EDIRA compliant)",
    ),
    ("0097", "FTI - Ediforum Italia, (EDIRA compliant)"),
    (
        "0106",
        "Vereniging van Kamers van Koophandel en Fabrieken in Nederland (Association of Chambers of Commerce and Industry in the Netherlands), Scheme (EDIRA compliant)",
    ),
    ("0130", "Directorates of the European Commission"),
    ("0135", "SIA Object Identifiers"),
    ("0142", "SECETI Object Identifiers"),
    ("0147", "Standard Company Code"),
    ("0151", "Australian Business Number (ABN) Scheme"),
    ("0154", "Identification number of economic subjects: (ICO)"),
    (
        "0158",
        "Identification number of economic subject (ICO) Act on State Statistics of 29 November 2001, § 27",
    ),
    ("0170", "Teikoku Company Code"),
    ("0177", "Odette International Limited"),
    (
        "0183",
        "Numéro d'identification suisse des enterprises (IDE), Swiss Unique Business Identification Number (UIDB)",
    ),
    ("0184", "DIGSTORG"),
    (
        "0188",
        "Corporate Number of The Social Security and Tax Number System",
    ),
    ("0190", "Dutch Originator's Identification Number"),
    (
        "0191",
        "Centre of Registers and Information Systems of the Ministry of Justice",
    ),
    ("0192", "Enhetsregisteret ved Bronnoysundregisterne"),
    ("0193", "UBL.BE party identifier"),
    ("0194", "KOIOS Open Technical Dictionary"),
    ("0195", "Singapore UEN identifier"),
    (
        "0196",
        "Kennitala - Iceland legal id for individuals and legal entities",
    ),
    ("0198", "ERSTORG"),
    ("0199", "Legal Entity Identifier (LEI)"),
    ("0200", "Legal entity code (Lithuania)"),
    ("0201", "Codice Univoco Unità Organizzativa iPA"),
    ("0202", "Indirizzo di Posta Elettronica Certificata"),
    ("0203", "eDelivery Network Participant identifier"),
    ("0204", "Leitweg-ID"),
    ("0205", "CODDEST"),
    (
        "0208",
        "Numero d'entreprise / ondernemingsnummer / Unternehmensnummer",
    ),
    ("0209", "GS1 identification keys"),
    ("0210", "CODICE FISCALE"),
    ("0211", "PARTITA IVA"),
    ("0212", "Finnish Organization Identifier"),
    ("0213", "Finnish Organization Value Add Tax Identifier"),
    ("0215", "Net service ID"),
    ("0216", "OVTcode"),
    (
        "0217",
        "The Netherlands Chamber of Commerce and Industry establishment number",
    ),
    ("0218", "Unified registration number (Latvia)"),
    (
        "0221",
        "The registered number of the qualified invoice issuer (Japan)",
    ),
    ("0225", "FRCTC ELECTRONIC ADDRESS"),
    ("0230", "National e-Invoicing Framework (Malaysia)"),
    ("0235", "UAE Tax Identification Number (TIN)"),
    (
        "0240",
        "Register of legal persons (in French : Répertoire des personnes morales)",
    ),
    ("9910", "Hungary VAT number"),
    ("9913", "Business Registers Network"),
    ("9914", "Österreichische Umsatzsteuer-Identifikationsnummer"),
    (
        "9915",
        "Österreichisches Verwaltungs bzw. Organisationskennzeichen",
    ),
    (
        "9918",
        "SOCIETY FOR WORLDWIDE INTERBANK FINANCIAL, TELECOMMUNICATION S.W.I.F.T",
    ),
    ("9919", "Kennziffer des Unternehmensregisters"),
    ("9920", "Agencia Española de Administración Tributaria"),
    ("9922", "Andorra VAT number"),
    ("9923", "Albania VAT number"),
    ("9924", "Bosnia and Herzegovina VAT number"),
    ("9925", "Belgium VAT number"),
    ("9926", "Bulgaria VAT number"),
    ("9927", "Switzerland VAT number"),
    ("9928", "Cyprus VAT number"),
    ("9929", "Czech Republic VAT number"),
    ("9930", "Germany VAT number"),
    ("9931", "Estonia VAT number"),
    ("9932", "United Kingdom VAT number"),
    ("9933", "Greece VAT number"),
    ("9934", "Croatia VAT number"),
    ("9935", "Ireland VAT number"),
    ("9936", "Liechtenstein VAT number"),
    ("9937", "Lithuania VAT number"),
    ("9938", "Luxemburg VAT number"),
    ("9939", "Latvia VAT number"),
    ("9940", "Monaco VAT number"),
    ("9941", "Montenegro VAT number"),
    (
        "9942",
        "Macedonia, the former Yugoslav Republic of VAT number",
    ),
    ("9943", "Malta VAT number"),
    ("9944", "Netherlands VAT number"),
    ("9945", "Poland VAT number"),
    ("9946", "Portugal VAT number"),
    ("9947", "Romania VAT number"),
    ("9948", "Serbia VAT number"),
    ("9949", "Slovenia VAT number"),
    ("9950", "Slovakia VAT number"),
    ("9951", "San Marino VAT number"),
    ("9952", "Turkey VAT number"),
    ("9953", "Holy See (Vatican City State) VAT number"),
    ("9957", "French VAT number"),
    ("9959", "Employer Identification Number (EIN, USA)"),
];

/// The national VAT schemes of the EAS list: the VAT prefix and the scheme whose values are VAT
/// numbers of that country, prefix included. Belgium (0208 from the enterprise number), Italy
/// (0211) and the Nordic countries (registration numbers) are derived otherwise; see [`derive()`].
const VAT_SCHEMES: &[(&str, &str)] = &[
    ("AD", "9922"),
    ("AL", "9923"),
    ("AT", "9914"),
    ("BA", "9924"),
    ("BE", "9925"),
    ("BG", "9926"),
    ("CH", "9927"),
    ("CY", "9928"),
    ("CZ", "9929"),
    ("DE", "9930"),
    ("EE", "9931"),
    ("EL", "9933"),
    ("ES", "9920"),
    ("FR", "9957"),
    ("GB", "9932"),
    ("HR", "9934"),
    ("HU", "9910"),
    ("IE", "9935"),
    ("LI", "9936"),
    ("LT", "9937"),
    ("LU", "9938"),
    ("LV", "9939"),
    ("MC", "9940"),
    ("ME", "9941"),
    ("MK", "9942"),
    ("MT", "9943"),
    ("NL", "9944"),
    ("PL", "9945"),
    ("PT", "9946"),
    ("RO", "9947"),
    ("RS", "9948"),
    ("SI", "9949"),
    ("SK", "9950"),
    ("SM", "9951"),
    ("TR", "9952"),
    ("VA", "9953"),
];

/// A Peppol participant identifier: an EAS scheme and the value in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParticipantId {
    /// The EAS code (`0208`).
    pub(crate) scheme: &'static str,
    /// The identifier in that scheme, compact (`0403170701`).
    pub(crate) value: String,
}

impl std::fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.scheme, self.value)
    }
}

/// An example of the expected form, for messages.
const EXAMPLE: &str =
    "0208:0403170701 (Belgian enterprise number) or 9944:NL806753742B01 (Dutch VAT number)";

/// Reads and checks a participant id written `scheme:value` (an `iso6523-actorid-upis::` prefix,
/// as Peppol directories show ids, is accepted). Spaces, dots and dashes in the value are
/// dropped and letters upper-cased, as in VAT numbers.
pub(crate) fn parse(text: &str) -> Result<ParticipantId, String> {
    let trimmed = text.trim();
    let bare = trimmed
        .strip_prefix("iso6523-actorid-upis::")
        .unwrap_or(trimmed);
    let Some((scheme, value)) = bare.split_once(':') else {
        return Err(format!(
            "invalid Peppol id `{text}`: expected SCHEME:VALUE, e.g. {EXAMPLE}"
        ));
    };
    let scheme = scheme.trim();
    let Some(&(code, _)) = SCHEMES.iter().find(|(code, _)| *code == scheme) else {
        let why = match scheme.to_ascii_uppercase().as_str() {
            "EM" => " (e-mail is not a Peppol address scheme)".to_string(),
            "9906" | "9907" | "9956" | "9955" | "9954" | "9958" | "9908" | "9909" | "9912" => {
                " (withdrawn from Peppol)".to_string()
            }
            _ => String::new(),
        };
        return Err(format!(
            "invalid Peppol id `{text}`: `{scheme}` is not a Peppol electronic address scheme{why}; expected a code of the EAS list, e.g. {EXAMPLE}"
        ));
    };
    let value = compact(value);
    if value.is_empty() {
        return Err(format!(
            "invalid Peppol id `{text}`: the value after `{code}:` is empty"
        ));
    }
    check_value(code, &value).map_err(|why| format!("invalid Peppol id `{text}`: {why}"))?;
    Ok(ParticipantId {
        scheme: code,
        value,
    })
}

/// Checks a value against what its scheme requires (the schemes folio derives, and the
/// registration numbers whose form Peppol's rules or code list state).
fn check_value(scheme: &str, value: &str) -> Result<(), String> {
    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) || value.len() > 135 {
        return Err("a Peppol id holds letters and digits only, at most 135".into());
    }
    let digits = |count: usize, what: &str| -> Result<(), String> {
        if value.len() == count && value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(())
        } else {
            Err(format!("{scheme} is {what}: {count} digits"))
        }
    };
    match scheme {
        "0208" => check_enterprise_number(value),
        "0088" => {
            digits(13, "a GLN")?;
            if gs1_check_digit_holds(value) {
                Ok(())
            } else {
                Err("the GLN's check digit (its last digit) does not match".into())
            }
        }
        "0211" => match value.strip_prefix("IT") {
            Some(rest) if rest.len() == 11 && rest.bytes().all(|b| b.is_ascii_digit()) => {
                vat_number_of(value, "IT")
            }
            _ => Err("0211 is an Italian VAT number: IT and 11 digits".into()),
        },
        "0002" => {
            digits(9, "a French SIREN")?;
            luhn(value, "SIREN")
        }
        "0009" => digits(14, "a French SIRET"),
        "0007" => {
            digits(10, "a Swedish organisation number")?;
            luhn(value, "organisation number")
        }
        "0060" => digits(9, "a D-U-N-S number"),
        "0106" => digits(8, "a Dutch KvK number"),
        "0190" => digits(20, "a Dutch OIN"),
        "0192" => digits(9, "a Norwegian organisation number"),
        "0184" => digits(8, "a Danish CVR number"),
        "0240" => digits(11, "a Luxembourg register number"),
        _ => match VAT_SCHEMES.iter().find(|(_, code)| *code == scheme) {
            Some((prefix, _)) => vat_number_of(value, prefix),
            None => Ok(()),
        },
    }
}

/// Checks that `value` is a VAT number of the country whose prefix is `prefix`.
fn vat_number_of(value: &str, prefix: &str) -> Result<(), String> {
    if !value.starts_with(prefix) {
        return Err(format!(
            "this scheme holds VAT numbers starting with {prefix} (the prefix included)"
        ));
    }
    match check_tax_id(value) {
        Ok(TaxId::Uscc) => Err("this scheme holds VAT numbers, not a Chinese USCC".into()),
        Ok(_) => Ok(()),
        // Prefixes folio has no VAT rule for (AD, AL, MC, ...): the shape is the scheme's.
        Err(_) if !known_vat_prefix(prefix) => Ok(()),
        Err(message) => Err(message),
    }
}

/// True for a prefix whose VAT numbers folio checks (the EU and its neighbours); the other VAT
/// schemes of the EAS list (Andorra, Albania, Monaco, ...) are taken as written.
fn known_vat_prefix(prefix: &str) -> bool {
    !matches!(
        prefix,
        "AD" | "AL" | "BA" | "MC" | "ME" | "MK" | "RS" | "SM" | "TR" | "VA"
    )
}

/// The Belgian enterprise number (KBO/BCE): 10 digits starting with 0 or 1, the last two equal to
/// 97 − (the first eight mod 97).
fn check_enterprise_number(value: &str) -> Result<(), String> {
    let shape = value.len() == 10
        && value.bytes().all(|b| b.is_ascii_digit())
        && matches!(value.as_bytes()[0], b'0' | b'1');
    if !shape {
        return Err("0208 is a Belgian enterprise number: 10 digits starting with 0 or 1".into());
    }
    if enterprise_number_holds(value) {
        Ok(())
    } else {
        Err("the enterprise number's check digits (its last two) do not match".into())
    }
}

/// Whether the 10 digits of a Belgian enterprise number carry their mod-97 check digits.
fn enterprise_number_holds(digits: &str) -> bool {
    let (Ok(base), Ok(check)) = (digits[..8].parse::<u64>(), digits[8..].parse::<u64>()) else {
        return false;
    };
    97 - base % 97 == check
}

/// The GS1 check digit: weights 3 and 1 from the right, the last digit makes the sum a multiple
/// of 10.
fn gs1_check_digit_holds(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .skip(1)
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    let last = u32::from(digits.as_bytes()[digits.len() - 1] - b'0');
    (10 - sum % 10) % 10 == last
}

/// The Luhn check of a number of digits.
fn luhn(digits: &str, what: &str) -> Result<(), String> {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(format!("the {what}'s check digit does not match (Luhn)"))
    }
}

/// The participant id a party most likely has, derived from its identifiers that have an EAS
/// scheme; `None` when none has (consumers, buyers outside Europe). `vat` is a VAT number with
/// its prefix; `company_id` a registration number of the party's `country`.
///
/// Belgian parties get 0208 (the enterprise number, which is the VAT number's 10 digits):
/// every Belgian company is registered under it. Italian VAT numbers get 0211, Danish 0184
/// (the CVR number), Swedish 0007 and Norwegian 0192 (the organisation number inside the VAT
/// number); other VAT numbers their country's VAT scheme. Only a VAT number whose check passes
/// is used. Finnish numbers are not derived: their VAT scheme was withdrawn and the OVT code
/// carries a suffix folio cannot know.
pub(crate) fn derive(
    vat: Option<&str>,
    company_id: Option<&str>,
    country: Option<&str>,
) -> Option<ParticipantId> {
    vat.and_then(from_vat)
        .or_else(|| company_id.and_then(|id| from_registration(id, country?)))
}

fn from_vat(vat: &str) -> Option<ParticipantId> {
    if !matches!(
        check_tax_id(vat).ok()?,
        TaxId::Vat(_) | TaxId::VatShapeOnly(_)
    ) {
        return None;
    }
    let number = compact(vat);
    let (prefix, rest) = number.split_at_checked(2)?;
    let candidate = match prefix {
        "BE" => ("0208", rest.to_string()),
        "IT" => ("0211", number.clone()),
        "DK" => ("0184", rest.to_string()),
        "SE" => ("0007", rest.get(..10)?.to_string()),
        "NO" => ("0192", rest.get(..9)?.to_string()),
        _ => {
            let (_, scheme) = VAT_SCHEMES.iter().find(|(p, _)| *p == prefix)?;
            (*scheme, number.clone())
        }
    };
    let (scheme, value) = candidate;
    check_value(scheme, &value).ok()?;
    Some(ParticipantId { scheme, value })
}

fn from_registration(id: &str, country: &str) -> Option<ParticipantId> {
    let value = compact(id);
    let scheme = match country {
        "BE" => "0208",
        "FR" if value.len() == 9 => "0002",
        "FR" if value.len() == 14 => "0009",
        _ => return None,
    };
    check_value(scheme, &value).ok()?;
    Some(ParticipantId { scheme, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> String {
        parse(text).map(|id| id.to_string()).unwrap_or_else(|e| e)
    }

    #[test]
    fn belgian_enterprise_numbers_are_checked_mod_97() {
        assert_eq!(id("0208:0403170701"), "0208:0403170701");
        assert_eq!(id("0208:0403.170.701"), "0208:0403170701");
        assert!(id("0208:0403170702").contains("check digits"));
        assert!(id("0208:403170701").contains("10 digits"));
        assert!(id("0208:2403170701").contains("starting with 0 or 1"));
    }

    #[test]
    fn glns_are_checked_with_their_gs1_digit() {
        assert_eq!(id("0088:1548079098355"), "0088:1548079098355");
        assert!(id("0088:1548079098356").contains("check digit"));
        assert!(id("0088:154807909835").contains("13 digits"));
    }

    #[test]
    fn vat_schemes_hold_vat_numbers_of_their_country() {
        assert_eq!(id("9944:NL806753742B01"), "9944:NL806753742B01");
        assert_eq!(id("0211:IT01404480202"), "0211:IT01404480202");
        assert!(id("9944:DE113866163").contains("starting with NL"));
        assert!(id("0211:01404480202").contains("IT and 11 digits"));
    }

    #[test]
    fn e_mail_and_withdrawn_schemes_are_refused() {
        assert!(id("EM:a@b.example").contains("e-mail is not a Peppol"));
        assert!(id("9906:IT01404480202").contains("withdrawn"));
        assert!(id("9956:0403170701").contains("withdrawn"));
        assert!(id("0403170701").contains("SCHEME:VALUE"));
        assert!(id("0208:").contains("empty"));
    }

    #[test]
    fn ids_are_derived_from_valid_numbers_never_as_e_mail() {
        let derived = |vat: &str| derive(Some(vat), None, None).map(|id| id.to_string());
        assert_eq!(
            derived("BE 0403.170.701").as_deref(),
            Some("0208:0403170701")
        );
        assert_eq!(
            derived("IT01404480202").as_deref(),
            Some("0211:IT01404480202")
        );
        assert_eq!(
            derived("NL806753742B01").as_deref(),
            Some("9944:NL806753742B01")
        );
        assert_eq!(
            derived("PL5211754253").as_deref(),
            Some("9945:PL5211754253")
        );
        assert_eq!(
            derived("FR40303265045").as_deref(),
            Some("9957:FR40303265045")
        );
        assert_eq!(
            derived("BE0403170702"),
            None,
            "an invalid VAT number gives nothing"
        );
        assert_eq!(
            derived("91350211MA2XYBFB4T"),
            None,
            "a USCC has no EAS scheme"
        );
        assert_eq!(
            derive(None, Some("0403.170.701"), Some("BE")).map(|id| id.to_string()),
            Some("0208:0403170701".into())
        );
        assert_eq!(derive(None, None, Some("BE")), None);
    }

    #[test]
    fn every_scheme_is_a_four_digit_code() {
        assert_eq!(SCHEMES.len(), 92);
        assert!(
            SCHEMES
                .iter()
                .all(|(code, _)| code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()))
        );
        for (_, scheme) in VAT_SCHEMES {
            assert!(SCHEMES.iter().any(|(code, _)| code == scheme), "{scheme}");
        }
    }
}
