//! Money: exact decimal amounts and ISO 4217 currency codes. Never floats.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// The most integer digits an amount may have. Keeping amounts below 10^18 means that sums over
/// any realistic number of entries stay far inside `Decimal`'s range, so no report can overflow.
pub(crate) const MAX_INTEGER_DIGITS: usize = 18;
/// The most decimals an amount may have in the journal.
pub(crate) const MAX_DECIMALS: usize = 4;
/// The most integer digits a total may have: 24 integer digits and [`MAX_DECIMALS`] decimals are
/// 28 significant digits, what a `Decimal` holds exactly. The book loader keeps every currency's
/// amounts, added over the whole book, below 10^24, so that any sum of entries a report makes is
/// exact; beyond it `Decimal` would silently round decimals away.
pub(crate) const MAX_TOTAL_INTEGER_DIGITS: u32 = 24;

/// A three-letter, upper-case ISO 4217 currency code, stored inline (it is `Copy`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses `EUR`-style codes: exactly three ASCII upper-case letters.
    pub fn parse(text: &str) -> Option<Currency> {
        let bytes = text.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Some(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            None
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The constructor only admits ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Why an amount was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AmountError {
    /// Not of the form `digits[.digits]`.
    Syntax,
    /// More than [`MAX_DECIMALS`] decimals.
    TooManyDecimals,
    /// More than [`MAX_INTEGER_DIGITS`] integer digits.
    TooLarge,
    /// Zero, where a strictly positive amount is required.
    Zero,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Syntax => f.write_str(
                "expected an amount such as 1210.00 (digits, optional '.' and up to 4 decimals, no sign, no thousands separator)",
            ),
            AmountError::TooManyDecimals => {
                write!(f, "amount has more than {MAX_DECIMALS} decimals")
            }
            AmountError::TooLarge => {
                write!(f, "amount has more than {MAX_INTEGER_DIGITS} integer digits")
            }
            AmountError::Zero => f.write_str("amount must be strictly positive"),
        }
    }
}

/// Parses a journal amount: `digits[.digits]`, at most 4 decimals, strictly positive.
///
/// This is the hot path of journal parsing, so it builds the mantissa directly instead of going
/// through `Decimal::from_str`.
pub(crate) fn parse_positive_amount(text: &str) -> Result<Decimal, AmountError> {
    let bytes = text.as_bytes();
    let (int_part, frac_part) = match memchr::memchr(b'.', bytes) {
        Some(dot) => (&bytes[..dot], Some(&bytes[dot + 1..])),
        None => (bytes, None),
    };
    if int_part.is_empty() || !int_part.iter().all(u8::is_ascii_digit) {
        return Err(AmountError::Syntax);
    }
    let frac = frac_part.unwrap_or(&[]);
    if frac_part.is_some() && (frac.is_empty() || !frac.iter().all(u8::is_ascii_digit)) {
        return Err(AmountError::Syntax);
    }
    if frac.len() > MAX_DECIMALS {
        return Err(AmountError::TooManyDecimals);
    }
    let significant = int_part.iter().skip_while(|&&b| b == b'0').count();
    if significant > MAX_INTEGER_DIGITS {
        return Err(AmountError::TooLarge);
    }
    let mut mantissa: i64 = 0;
    for &digit in int_part[int_part.len() - significant..].iter().chain(frac) {
        // At most 18 + 4 = 22 digits could overflow i64, so go through i128 only when needed.
        mantissa = match mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(digit - b'0')))
        {
            Some(m) => m,
            None => return slow_parse(int_part, frac),
        };
    }
    if mantissa == 0 {
        return Err(AmountError::Zero);
    }
    Ok(Decimal::new(mantissa, frac.len() as u32))
}

fn slow_parse(int_part: &[u8], frac: &[u8]) -> Result<Decimal, AmountError> {
    let mut mantissa: i128 = 0;
    for &digit in int_part.iter().chain(frac) {
        mantissa = mantissa * 10 + i128::from(digit - b'0');
    }
    Decimal::try_from_i128_with_scale(mantissa, frac.len() as u32)
        .map_err(|_| AmountError::TooLarge)
}

/// Rounds half-up (away from zero) to cents: the rounding rule of documents and of VAT derived
/// from a rate.
pub fn cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// ISO 4217 currencies whose amounts have no minor unit (yen, won, CFA francs, ...).
const NO_MINOR_UNIT: [&str; 17] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
/// ISO 4217 currencies with three decimals (dinars, rials).
const THREE_DECIMALS: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

impl Currency {
    /// How many decimals the currency's minor unit has (ISO 4217): 0 for JPY, 3 for KWD, else 2.
    pub fn minor_units(&self) -> u32 {
        let code = self.as_str();
        if NO_MINOR_UNIT.contains(&code) {
            0
        } else if THREE_DECIMALS.contains(&code) {
            3
        } else {
            2
        }
    }
}

/// Rounds half away from zero to the currency's minor unit: what a converted amount is.
pub(crate) fn round_to_minor(value: Decimal, currency: Currency) -> Decimal {
    value.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// Parses a decimal written in a settings or contact file (`"5000.00"`), allowing a sign.
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
    if unsigned.is_empty()
        || !unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || unsigned.bytes().filter(|&b| b == b'.').count() > 1
    {
        return None;
    }
    trimmed.parse::<Decimal>().ok()
}

/// `a + b`, or `None` when the sum cannot be held exactly: beyond `Decimal`'s range, or with
/// fewer decimals than the operands have (where `Decimal`'s own `checked_add` rounds instead of
/// failing).
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    // Adding zero may hand back the other operand with its own scale: exact all the same.
    let exact = a.is_zero() || b.is_zero() || sum.scale() >= a.scale().max(b.scale());
    exact.then_some(sum)
}

/// `a - b`, or `None` when the difference cannot be held exactly (see [`exact_add`]).
pub(crate) fn exact_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    exact_add(a, -b)
}

/// `a × b`, or `None` when the product cannot be held exactly: beyond `Decimal`'s range, or with
/// fewer decimals than the factors' together.
pub(crate) fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let product = a.checked_mul(b)?;
    let exact =
        product.is_zero() || product.scale() >= (a.scale() + b.scale()).min(Decimal::MAX_SCALE);
    exact.then_some(product)
}

/// The exact sum of `amounts`, or `None` as soon as a partial sum cannot be held exactly.
pub(crate) fn exact_sum(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, exact_add)
}

/// An amount in units of 10^-[`MAX_DECIMALS`], exact for every amount the journal accepts and any
/// sum of them (these have at most [`MAX_DECIMALS`] decimals; an amount with more, which no
/// caller passes, loses them).
pub(crate) fn units(amount: Decimal) -> i128 {
    // The loader calls this for every entry: a table, not a power, and a plain product (a
    // mantissa below 2^96 times 10^4 is far inside an i128).
    const FACTORS: [i128; MAX_DECIMALS + 1] = [10_000, 1_000, 100, 10, 1];
    match FACTORS.get(amount.scale() as usize) {
        Some(&factor) => amount.mantissa() * factor,
        None => amount.mantissa() / 10i128.pow(amount.scale() - MAX_DECIMALS as u32),
    }
}

/// A sum of amounts each weighted by a whole number (days to pay, days late), for averages such
/// as Σ amount × days / Σ amount. A `Decimal` cannot hold it: totals reach 10^24 and days 3.6
/// million (the calendar ends in 9999). In units of 10^-4 in an `i128` it stays below 4 × 10^34,
/// far inside the type's 1.7 × 10^38, so the average is exact instead of saturated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Weighted(i128);

impl Weighted {
    /// Adds `amount` × `weight`.
    pub(crate) fn add(&mut self, amount: Decimal, weight: i64) {
        self.0 = self
            .0
            .saturating_add(units(amount).saturating_mul(i128::from(weight)));
    }

    /// The sum divided by `total` (the sum of the amounts), rounded half away from zero to
    /// `places` decimals; `None` when `total` is zero.
    pub(crate) fn average(self, total: Decimal, places: u32) -> Option<Decimal> {
        let divisor = units(total);
        if divisor == 0 {
            return None;
        }
        let dividend = self.0.checked_mul(10i128.checked_pow(places)?)?;
        let (quotient, remainder) = (dividend / divisor, dividend % divisor);
        let away = remainder.checked_abs()?.checked_mul(2)? >= divisor.checked_abs()?;
        let rounded = if away && remainder != 0 {
            quotient + dividend.signum() * divisor.signum()
        } else {
            quotient
        };
        Decimal::try_from_i128_with_scale(rounded, places).ok()
    }
}

/// Whether a setting or document amount can take part in folio's arithmetic: at most
/// [`MAX_INTEGER_DIGITS`] integer digits and [`MAX_DECIMALS`] decimals, as a journal amount.
pub(crate) fn is_usable_amount(amount: Decimal) -> bool {
    let normalized = amount.normalize();
    normalized.scale() <= MAX_DECIMALS as u32 && normalized.abs() < max_amount_bound()
}

/// 10^[`MAX_INTEGER_DIGITS`]: the first value with too many integer digits.
fn max_amount_bound() -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(MAX_INTEGER_DIGITS as u32), 0)
}

/// A ratio (0.4536) as the digits of a percentage with `places` decimals (`45.36`), rounded half
/// away from zero. A hundred times the ratio is its point moved two places: a ratio of two totals
/// can be as large as a total (0.0001 billed against 10^23 collected), and multiplied by 100 it
/// would not fit a `Decimal`.
pub(crate) fn percent_digits(ratio: Decimal, places: u32) -> String {
    let (mantissa, scale) = (ratio.mantissa(), ratio.scale());
    if scale >= 2 {
        let mut value = Decimal::from_i128_with_scale(mantissa, scale - 2)
            .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        value.rescale(places);
        value.to_string()
    } else {
        // Below 2^96 times 100: inside an i128.
        let whole = mantissa * 10i128.pow(2 - scale);
        match places {
            0 => whole.to_string(),
            _ => format!("{whole}.{}", "0".repeat(places as usize)),
        }
    }
}

/// Formats an amount with at least two decimals and no trailing zeros beyond them:
/// `1210` -> `1210.00`, `0.125` -> `0.125`, `-3.5` -> `-3.50`.
pub(crate) fn format_amount(amount: Decimal) -> String {
    let mut text = String::new();
    push_amount(amount, &mut text);
    text
}

/// Appends [`format_amount`] to `out`, for renderers that write many amounts into one buffer.
pub(crate) fn push_amount(amount: Decimal, out: &mut String) {
    out.push_str(AmountText::of(amount).as_str());
}

/// The length of [`format_amount`]'s text, counted without writing it: a table measures its
/// columns before it writes a million rows.
pub(crate) fn amount_len(amount: Decimal) -> usize {
    let (mut digits, mut scale) = (amount.mantissa().unsigned_abs(), amount.scale());
    while scale > 2 && digits % 10 == 0 {
        digits /= 10;
        scale -= 1;
    }
    let Some(log) = digits.checked_ilog10() else {
        return "0.00".len();
    };
    // The digits with the two decimals a smaller scale is padded to, and a 0 before the point
    // of an amount below 1.
    let shown = (log + 1 + 2u32.saturating_sub(scale)).max(scale.max(2) + 1);
    shown as usize + ".".len() + usize::from(amount.is_sign_negative())
}

/// An amount as [`format_amount`] writes it, on the stack: a report of a million rows writes
/// two million amounts, and this skips both the formatting machinery of `Display` and the heap.
pub(crate) struct AmountText {
    /// The text, at the end of the buffer.
    bytes: [u8; 40],
    /// Where the text starts in `bytes`.
    start: usize,
}

impl AmountText {
    /// The text of `amount`: the digits of its mantissa, written from the end.
    pub(crate) fn of(amount: Decimal) -> AmountText {
        let (mut digits, mut scale) = (amount.mantissa().unsigned_abs(), amount.scale());
        while scale > 2 && digits % 10 == 0 {
            digits /= 10;
            scale -= 1;
        }
        // 2^96 has 29 digits: with the point, a leading 0 and the sign, 40 bytes is enough.
        let mut text = AmountText {
            bytes: [0; 40],
            start: 40,
        };
        if digits == 0 {
            // Decimal keeps the sign of negative zero; an amount never shows "-0.00".
            text.push_front(b"0.00");
            return text;
        }
        // A mantissa is below 2^96, so a hundred times it stays inside a u128.
        digits *= 10u128.pow(2u32.saturating_sub(scale));
        let scale = scale.max(2) as usize;
        let mut written = 0;
        while digits > 0 || written <= scale {
            if written == scale {
                text.push_front(b".");
            }
            text.push_front(&[b'0' + pop_digit(&mut digits)]);
            written += 1;
        }
        if amount.is_sign_negative() {
            text.push_front(b"-");
        }
        text
    }

    fn push_front(&mut self, bytes: &[u8]) {
        self.start -= bytes.len();
        self.bytes[self.start..self.start + bytes.len()].copy_from_slice(bytes);
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, a point and a sign were written.
        std::str::from_utf8(&self.bytes[self.start..]).unwrap_or_default()
    }
}

/// Takes the last decimal digit off `value` and returns it: in 64 bits where the value fits, as
/// nearly every amount's does, where a division is several times cheaper than in 128.
fn pop_digit(value: &mut u128) -> u8 {
    match u64::try_from(*value) {
        Ok(small) => {
            *value = u128::from(small / 10);
            (small % 10) as u8
        }
        Err(_) => {
            let digit = (*value % 10) as u8;
            *value /= 10;
            digit
        }
    }
}

/// Formats an amount with a thousands separator for people (`12 345.60` style uses a thin space
/// in some locales; folio uses `,` as the widely read default). Tables only; CSV and JSON keep
/// [`format_amount`].
pub(crate) fn format_amount_grouped(amount: Decimal) -> String {
    let plain = format_amount(amount);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::with_capacity(plain.len() + int_part.len() / 3);
    grouped.push_str(sign);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if !frac_part.is_empty() {
        grouped.push('.');
        grouped.push_str(frac_part);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn an_amounts_counted_length_is_its_texts() {
        let mut mantissas = vec![i128::from(i64::MAX), (1 << 96) - 1, -(1 << 96) + 1];
        for power in 0..28 {
            let ten = 10i128.pow(power);
            mantissas.extend([ten, ten - 1, -ten, 7 * ten + 3, 1]);
        }
        for mantissa in mantissas {
            for scale in 0..=28 {
                let amount = Decimal::from_i128_with_scale(mantissa, scale);
                assert_eq!(amount_len(amount), format_amount(amount).len(), "{amount}");
            }
        }
        assert_eq!(amount_len(-Decimal::ZERO), "0.00".len());
    }

    /// [`format_amount`] as `Display` writes it: normalised, at least two decimals.
    fn displayed(amount: Decimal) -> String {
        let mut value = amount.normalize();
        if value.scale() < 2 {
            value.rescale(2);
        }
        if value.is_zero() {
            "0.00".to_string()
        } else {
            value.to_string()
        }
    }

    #[test]
    fn amounts_are_written_as_display_writes_them() {
        let mut mantissas: Vec<i128> = vec![0, 1, 5, 9, 10, 99, 100, 101, 1000, 12345, 10_000_000];
        mantissas.extend([
            u64::MAX as i128 - 1,
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            u64::MAX as i128 * 10,
            (1i128 << 96) - 1,
            7_922_816_251_426_433_759_354,
        ]);
        for &mantissa in &mantissas {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    let amount = Decimal::from_i128_with_scale(sign * mantissa, scale);
                    let mut expected = displayed(amount);
                    // Display cannot add the two decimals to a mantissa near 2^96.
                    if !expected.contains('.') {
                        expected.push('.');
                    }
                    while expected.split_once('.').is_some_and(|(_, d)| d.len() < 2) {
                        expected.push('0');
                    }
                    assert_eq!(format_amount(amount), expected, "{mantissa}e-{scale}");
                }
            }
        }
        assert_eq!(format_amount(dec("-0.00")), "0.00");
        assert_eq!(format_amount(dec("-3.5")), "-3.50");
        assert_eq!(format_amount(dec("0.125")), "0.125");
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(parse_positive_amount("1210.00"), Ok(dec("1210.00")));
        assert_eq!(parse_positive_amount("7"), Ok(dec("7")));
        assert_eq!(parse_positive_amount("0.0001"), Ok(dec("0.0001")));
        assert_eq!(parse_positive_amount("007.5"), Ok(dec("7.5")));
        assert_eq!(
            parse_positive_amount("999999999999999999.9999"),
            Ok(dec("999999999999999999.9999"))
        );
    }

    #[test]
    fn refuses_bad_amounts() {
        for bad in [
            "", ".", "1.", ".5", "-1", "+1", "1,000.00", "1e3", "1.2.3", "１",
        ] {
            assert_eq!(
                parse_positive_amount(bad),
                Err(AmountError::Syntax),
                "{bad}"
            );
        }
        assert_eq!(
            parse_positive_amount("1.00001"),
            Err(AmountError::TooManyDecimals)
        );
        assert_eq!(parse_positive_amount("0.00"), Err(AmountError::Zero));
        assert_eq!(
            parse_positive_amount("12345678901234567890123456789"),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn formats_with_two_decimals_at_least() {
        assert_eq!(format_amount(dec("1210")), "1210.00");
        assert_eq!(format_amount(dec("1210.5000")), "1210.50");
        assert_eq!(format_amount(dec("0.125")), "0.125");
        assert_eq!(format_amount(dec("-3.5")), "-3.50");
        assert_eq!(format_amount(dec("-0.00")), "0.00");
        assert_eq!(format_amount_grouped(dec("-1234567.5")), "-1,234,567.50");
        assert_eq!(format_amount_grouped(dec("123")), "123.00");
    }

    #[test]
    fn exact_add_refuses_a_sum_that_would_lose_decimals() {
        let largest = dec("999999999999999999.9999");
        assert_eq!(exact_add(dec("1.25"), dec("0.0001")), Some(dec("1.2501")));
        // Zero plus zero of other scales (found by the UBL proptest: two lines priced 0 and 0.0).
        assert_eq!(exact_add(dec("0"), dec("0.0")), Some(Decimal::ZERO));
        assert_eq!(exact_add(dec("0.00"), dec("0")), Some(Decimal::ZERO));
        assert_eq!(exact_mul(dec("0"), dec("0.25")), Some(Decimal::ZERO));
        assert_eq!(exact_sub(dec("1.25"), dec("2")), Some(dec("-0.75")));
        // 7,000,000 of the largest amount still fit with their 4 decimals; 8,000,001 do not,
        // and Decimal's own checked_add would round them to 3 decimals instead of failing.
        let seven_million = dec("6999999999999999999999999.3");
        assert_eq!(
            exact_add(seven_million, largest).map(|s| s.scale()),
            Some(4)
        );
        let eight_million = dec("7999999999999999999999999.2");
        assert!(eight_million.checked_add(largest).is_some());
        assert_eq!(exact_add(eight_million, largest), None);
        assert_eq!(exact_add(Decimal::MAX, Decimal::ONE), None);
        assert_eq!(exact_add(Decimal::MAX, dec("0.0001")), None);
        assert_eq!(
            exact_sum([dec("0.5"), dec("0.25"), dec("1")]),
            Some(dec("1.75"))
        );
        assert_eq!(exact_sum([Decimal::MAX, Decimal::MAX]), None);
    }

    #[test]
    fn exact_mul_refuses_a_product_that_would_overflow_or_round() {
        assert_eq!(exact_mul(dec("2.5"), dec("0.125")), Some(dec("0.3125")));
        assert_eq!(
            exact_mul(dec("79228162514264337593543950335"), dec("2")),
            None
        );
        assert_eq!(
            exact_mul(dec("99999999999999999999.9999"), dec("1000.0001")),
            None
        );
    }

    #[test]
    fn usable_amounts_have_at_most_18_integer_digits_and_4_decimals() {
        assert!(is_usable_amount(dec("999999999999999999.9999")));
        assert!(is_usable_amount(dec("-10.50")));
        assert!(is_usable_amount(dec("10.500000")));
        assert!(!is_usable_amount(dec("1000000000000000000")));
        assert!(!is_usable_amount(Decimal::MAX));
        assert!(!is_usable_amount(dec("0.00001")));
    }

    #[test]
    fn weighted_averages_stay_exact_past_decimal_range() {
        let mut weighted = Weighted::default();
        weighted.add(dec("100"), 10);
        weighted.add(dec("50.5"), 31);
        // (1000 + 1565.5) / 150.5 = 17.0465...
        assert_eq!(weighted.average(dec("150.5"), 2), Some(dec("17.05")));
        assert_eq!(Weighted::default().average(Decimal::ZERO, 2), None);
        // A million of the largest amount paid 3,652,058 days late (0001-01-01 to 9999-12-31):
        // Σ amount × days is past Decimal's range, the average is still exact.
        let largest = dec("999999999999999999.9999");
        let total = dec("999999999999999999999900");
        let mut weighted = Weighted::default();
        for _ in 0..1_000_000 {
            weighted.add(largest, 3_652_058);
        }
        assert!(total.checked_mul(Decimal::from(3_652_058)).is_none());
        assert_eq!(weighted.average(total, 2), Some(dec("3652058.00")));
        assert_eq!(units(dec("0.0001")), 1);
        assert_eq!(units(dec("1210.00")), 12_100_000);
    }

    #[test]
    fn percentages_of_ratios_past_decimal_range_are_exact() {
        assert_eq!(percent_digits(dec("0.4536"), 2), "45.36");
        assert_eq!(percent_digits(dec("0.62345"), 1), "62.3");
        assert_eq!(percent_digits(dec("3"), 1), "300.0");
        assert_eq!(percent_digits(dec("0.8"), 0), "80");
        assert_eq!(
            percent_digits(dec("9999999999999999999999000000"), 2),
            "999999999999999999999900000000.00"
        );
        assert_eq!(
            percent_digits(dec("-999999999999999999999899999"), 1),
            "-99999999999999999999989999900.0"
        );
    }

    #[test]
    fn currency_codes() {
        assert_eq!(Currency::parse("EUR").unwrap().as_str(), "EUR");
        assert!(Currency::parse("eur").is_none());
        assert!(Currency::parse("EURO").is_none());
    }
}
