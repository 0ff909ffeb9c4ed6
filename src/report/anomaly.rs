//! Robust statistics on exact decimals, for the anomaly alerts: the median and the median
//! absolute deviation (MAD) are order statistics, so no floating point is needed.
//!
//! An amount is judged by its modified z-score (Iglewicz and Hoaglin, 1993):
//! `0.6745 x |x - median| / MAD`, where 0.6745 makes the MAD of a normal distribution equal its
//! standard deviation. Unlike the mean and standard deviation, median and MAD are not dragged
//! along by the outlier being looked for: one invoice of 20 times the usual amount barely moves
//! either.

use rust_decimal::{Decimal, RoundingStrategy};

/// 0.6745: the 0.75 quantile of the standard normal distribution, so that for normally
/// distributed amounts `MAD / 0.6745` estimates the standard deviation.
pub const MAD_SCALE: Decimal = Decimal::from_parts(6745, 0, 0, false, 4);

/// The centre and spread of a set of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spread {
    /// How many values.
    pub count: usize,
    /// The median: the middle value, or the mean of the two middle ones.
    pub median: Decimal,
    /// The median absolute deviation from the median.
    pub mad: Decimal,
}

impl Spread {
    /// The spread of `values` (sorted in place); `None` when there are none.
    pub fn of(values: &mut [Decimal]) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        values.sort_unstable();
        let median = median_sorted(values);
        let mut deviations: Vec<Decimal> = values.iter().map(|x| (*x - median).abs()).collect();
        deviations.sort_unstable();
        Some(Spread {
            count: values.len(),
            median,
            mad: median_sorted(&deviations),
        })
    }

    /// True when the modified z-score of `x` is at least `threshold`. With a MAD of 0 (at least
    /// half the values are equal) any other value is infinitely far, and the median itself is not.
    pub fn exceeds(&self, x: Decimal, threshold: Decimal) -> bool {
        let deviation = (x - self.median).abs();
        if self.mad.is_zero() {
            return !deviation.is_zero();
        }
        match (
            MAD_SCALE.checked_mul(deviation),
            threshold.checked_mul(self.mad),
        ) {
            (Some(left), Some(right)) => left >= right,
            // Beyond Decimal's range: compare the quotients instead.
            _ => self.z(x).is_none_or(|z| z >= threshold),
        }
    }

    /// The modified z-score of `x`, 2 decimals rounded half up; `None` when infinite (MAD of 0
    /// and `x` off the median).
    pub fn z(&self, x: Decimal) -> Option<Decimal> {
        let deviation = (x - self.median).abs();
        if self.mad.is_zero() {
            return deviation.is_zero().then_some(Decimal::new(0, 2));
        }
        let z = MAD_SCALE
            .checked_mul(deviation)
            .and_then(|d| d.checked_div(self.mad))
            .or_else(|| {
                deviation
                    .checked_div(self.mad)
                    .and_then(|q| q.checked_mul(MAD_SCALE))
            })?;
        let mut z = z.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        z.rescale(2);
        Some(z)
    }
}

/// The median of sorted, non-empty values: the middle one, or the mean of the two middle ones.
pub fn median_sorted(sorted: &[Decimal]) -> Decimal {
    let n = sorted.len();
    debug_assert!(n > 0);
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        let (low, high) = (sorted[n / 2 - 1], sorted[n / 2]);
        // The mean without overflowing: low + (high - low) / 2.
        low + (high - low) / Decimal::TWO
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn decimals(values: &[&str]) -> Vec<Decimal> {
        values
            .iter()
            .map(|v| Decimal::from_str(v).unwrap())
            .collect()
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn median_and_mad_of_odd_and_even_counts() {
        let spread = Spread::of(&mut decimals(&["5", "1", "3"])).unwrap();
        assert_eq!((spread.median, spread.mad), (dec("3"), dec("2")));
        // 1 2 3 4 10: median 3; deviations 2 1 0 1 7 -> 0 1 1 2 7: MAD 1.
        let spread = Spread::of(&mut decimals(&["10", "2", "4", "1", "3"])).unwrap();
        assert_eq!((spread.median, spread.mad), (dec("3"), dec("1")));
        // Even: median 2.5; deviations 1.5 0.5 0.5 1.5: MAD 1.
        let spread = Spread::of(&mut decimals(&["1", "2", "3", "4"])).unwrap();
        assert_eq!((spread.median, spread.mad), (dec("2.5"), dec("1")));
        assert_eq!(spread.count, 4);
        assert!(Spread::of(&mut []).is_none());
    }

    #[test]
    fn one_outlier_barely_moves_median_and_mad() {
        let mut usual = decimals(&["400", "420", "380", "410", "390", "405"]);
        let before = Spread::of(&mut usual.clone()).unwrap();
        usual.push(dec("8000"));
        let after = Spread::of(&mut usual).unwrap();
        assert_eq!(before.median, dec("402.5"));
        assert_eq!(after.median, dec("405"));
        assert!(after.mad <= dec("15"));
        assert!(after.exceeds(dec("8000"), dec("3.5")));
        assert!(!after.exceeds(dec("420"), dec("3.5")));
    }

    #[test]
    fn z_scores_and_the_exact_threshold() {
        // Median 100, MAD 10: z(x) = 0.6745 x |x - 100| / 10.
        let spread = Spread {
            count: 5,
            median: dec("100"),
            mad: dec("10"),
        };
        assert_eq!(spread.z(dec("200")), Some(dec("6.75")));
        assert_eq!(spread.z(dec("100")), Some(dec("0.00")));
        // 0.6745 x 51.89 = 34.9998...; 0.6745 x 51.90 = 35.00655: the threshold is inclusive.
        assert!(!spread.exceeds(dec("151.89"), dec("3.5")));
        assert!(spread.exceeds(dec("151.90"), dec("3.5")));
        assert!(spread.exceeds(dec("48.10"), dec("3.5")), "both sides");
    }

    #[test]
    fn a_mad_of_zero_makes_every_other_value_infinitely_far() {
        let spread = Spread::of(&mut decimals(&["3927", "3927", "3927", "3850"])).unwrap();
        assert_eq!(spread.mad, Decimal::ZERO);
        assert!(spread.exceeds(dec("3850"), dec("1000")));
        assert_eq!(spread.z(dec("3850")), None);
        assert!(!spread.exceeds(dec("3927"), dec("0.1")));
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let max = Decimal::MAX;
        let spread = Spread::of(&mut [max, max - Decimal::ONE, Decimal::ZERO]).unwrap();
        assert!(spread.exceeds(Decimal::ZERO, dec("3.5")));
        let _ = spread.z(Decimal::ZERO);
        assert!(median_sorted(&[max - Decimal::ONE, max]) >= max - Decimal::ONE);
    }
}
