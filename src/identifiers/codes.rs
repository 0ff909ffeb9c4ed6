//! ISO 3166-1 country and ISO 4217 currency codes.

use std::collections::HashSet;
use std::sync::LazyLock;

/// ISO 3166-1 alpha-2 codes (249 assigned codes, plus XK for Kosovo, which the EU and most banks use).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// ISO 4217 codes in use, then codes withdrawn since 2008 that old entries may still carry.
const CURRENCIES: &str = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAD XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG \
ANG BGN BYR CUC EEK HRK LTL LVL MRO SLL STD VEF ZWL";

/// [`COUNTRIES`] as a set: `check` looks up every contact's country, and a scan of the list
/// took a microsecond each.
static COUNTRY_CODES: LazyLock<HashSet<&str>> = LazyLock::new(|| COUNTRIES.split(' ').collect());

/// [`CURRENCIES`] as a set, for the same reason.
static CURRENCY_CODES: LazyLock<HashSet<&str>> = LazyLock::new(|| CURRENCIES.split(' ').collect());

/// EU member states (ISO 3166-1 codes; Greece is GR here, EL only in VAT numbers).
const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// True for an EU member state's country code: invoices' legal content and the VAT returns ask.
pub(crate) fn is_eu(country: &str) -> bool {
    EU.contains(&country)
}

/// Checks an ISO 3166-1 alpha-2 country code.
pub(crate) fn check_country(code: &str) -> Result<(), String> {
    if COUNTRY_CODES.contains(code) {
        return Ok(());
    }
    let upper = code.to_ascii_uppercase();
    if COUNTRY_CODES.contains(upper.as_str()) {
        return Err(format!("invalid country `{code}`: did you mean `{upper}`?"));
    }
    let hint = match upper.as_str() {
        "UK" => " (the United Kingdom is GB)",
        "EL" => " (Greece is GR; EL is only its VAT prefix)",
        _ => "",
    };
    Err(format!(
        "unknown country `{code}`: expected an ISO 3166-1 alpha-2 code such as BE, FR or CN{hint}"
    ))
}

/// Checks an ISO 4217 currency code.
pub(crate) fn check_currency(code: &str) -> Result<(), String> {
    if CURRENCY_CODES.contains(code) {
        return Ok(());
    }
    let upper = code.to_ascii_uppercase();
    if CURRENCY_CODES.contains(upper.as_str()) {
        return Err(format!(
            "invalid currency `{code}`: did you mean `{upper}`?"
        ));
    }
    let hint = match upper.as_str() {
        "RMB" => "; the renminbi is CNY",
        "NTD" => "; the New Taiwan dollar is TWD",
        _ => "",
    };
    Err(format!(
        "unknown currency `{code}`: expected an ISO 4217 code such as EUR, USD or CNY{hint}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes() {
        assert_eq!(check_country("BE"), Ok(()));
        assert_eq!(check_country("CN"), Ok(()));
        assert!(check_country("UK").unwrap_err().contains("GB"));
        assert!(
            check_country("be")
                .unwrap_err()
                .contains("did you mean `BE`")
        );
        assert!(check_country("ZZ").is_err());
        assert_eq!(check_currency("EUR"), Ok(()));
        assert_eq!(
            check_currency("HRK"),
            Ok(()),
            "withdrawn codes stay valid for old entries"
        );
        assert!(check_currency("RMB").unwrap_err().contains("CNY"));
        assert!(check_currency("ABC").is_err());
    }
}
