//! Built-in customer classifications: RFM scores and segments, high/mid/low tiers and ABC
//! classes. Pure functions over plain values, so each rule can be checked by hand
//! (docs/analytics.md gives the definitions with worked examples).
//!
//! Every rank here is exact: percentile ranks are fractions of integers, thresholds and shares
//! are [`Decimal`]s, and ties are treated the same way everywhere (see [`percentile_ranks`]).

use rust_decimal::Decimal;

/// A mid-rank percentile as an exact fraction: `numerator / (2 x n)`, where numerator is
/// `2 x below + equal` (`below`: values strictly worse, `equal`: values equal, itself included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// `2 x below + equal`.
    pub numerator: u64,
    /// `2 x n`.
    pub denominator: u64,
}

impl Rank {
    /// The quintile score 1 to 5: `1 + floor(5 x numerator / denominator)`, at most 5.
    pub fn quintile(self) -> u8 {
        let score = 1 + (5 * self.numerator) / self.denominator;
        score.min(5) as u8
    }

    /// True when the percentile is at least `share` (compared exactly).
    pub fn at_least(self, share: Decimal) -> bool {
        Decimal::from(self.numerator) >= share * Decimal::from(self.denominator)
    }
}

/// The mid-rank percentile of every value among all of them, higher values ranking higher.
///
/// Ties are never broken by an arbitrary order: equal values get the same rank, the middle of
/// the places they share. Five distinct values rank 0.1, 0.3, 0.5, 0.7 and 0.9; two equal
/// values among four share (2 x 1 + 2) / 8 = 0.5 when one value is below them.
pub fn percentile_ranks<T: Ord>(values: &[T]) -> Vec<Rank> {
    let n = values.len() as u64;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].cmp(&values[b]));
    let mut ranks = vec![
        Rank {
            numerator: 0,
            denominator: 2 * n
        };
        values.len()
    ];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let numerator = 2 * start as u64 + (end - start) as u64;
        for &index in &order[start..end] {
            ranks[index].numerator = numerator;
        }
        start = end;
    }
    ranks
}

/// The named RFM segments, from the recency score R and the rounded mean of the frequency and
/// monetary scores FM = (F + M + 1) / 2 (integer division: halves round up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RfmSegment {
    /// R 5 and FM 4-5: bought recently, often and much.
    Champions,
    /// R 3-4 and FM 4-5.
    Loyal,
    /// R 4-5 and FM 2-3, or R 3 and FM 3.
    PotentialLoyalists,
    /// R 4-5 and FM 1: recent, but few or small invoices.
    New,
    /// R 1-2 and FM 3-4.
    AtRisk,
    /// R 1-2 and FM 5: used to be among the best.
    CantLose,
    /// R 2-3 and FM 1-2.
    Hibernating,
    /// R 1 and FM 1-2; also every customer invoiced before the window but not in it.
    Lost,
}

impl RfmSegment {
    /// Every segment, in the order reports list them.
    pub const ALL: [RfmSegment; 8] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalists,
        RfmSegment::New,
        RfmSegment::AtRisk,
        RfmSegment::CantLose,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of three scores, each 1 to 5.
    pub fn of(r: u8, f: u8, m: u8) -> RfmSegment {
        let fm = (f + m).div_ceil(2);
        match r {
            5.. if fm >= 4 => RfmSegment::Champions,
            3 | 4 if fm >= 4 => RfmSegment::Loyal,
            4.. if fm >= 2 => RfmSegment::PotentialLoyalists,
            3 if fm == 3 => RfmSegment::PotentialLoyalists,
            4.. => RfmSegment::New,
            3 => RfmSegment::Hibernating,
            ..=2 if fm >= 5 => RfmSegment::CantLose,
            ..=2 if fm >= 3 => RfmSegment::AtRisk,
            2 => RfmSegment::Hibernating,
            _ => RfmSegment::Lost,
        }
    }

    /// The name used in segment names (`rfm:at-risk`) and in rules (`rfm == "at-risk"`).
    pub fn slug(self) -> &'static str {
        match self {
            RfmSegment::Champions => "champions",
            RfmSegment::Loyal => "loyal",
            RfmSegment::PotentialLoyalists => "potential-loyalists",
            RfmSegment::New => "new",
            RfmSegment::AtRisk => "at-risk",
            RfmSegment::CantLose => "cant-lose",
            RfmSegment::Hibernating => "hibernating",
            RfmSegment::Lost => "lost",
        }
    }

    /// The name for people.
    pub fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalists => "Potential loyalists",
            RfmSegment::New => "New",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::CantLose => "Can't lose",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }

    /// The scores that lead here, for `folio segments`.
    pub fn definition(self) -> &'static str {
        match self {
            RfmSegment::Champions => "R 5, FM 4-5",
            RfmSegment::Loyal => "R 3-4, FM 4-5",
            RfmSegment::PotentialLoyalists => "R 4-5 and FM 2-3, or R 3 and FM 3",
            RfmSegment::New => "R 4-5, FM 1",
            RfmSegment::AtRisk => "R 1-2, FM 3-4",
            RfmSegment::CantLose => "R 1-2, FM 5",
            RfmSegment::Hibernating => "R 2-3, FM 1-2",
            RfmSegment::Lost => "R 1, FM 1-2, or no invoice in the window",
        }
    }
}

/// ABC class by cumulative share of revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AbcClass {
    /// The customers that make the first `a` (80%) of revenue.
    A,
    /// The next ones, up to `b` (95%).
    B,
    /// The rest, and every customer without positive revenue.
    C,
}

impl AbcClass {
    /// Every class.
    pub const ALL: [AbcClass; 3] = [AbcClass::A, AbcClass::B, AbcClass::C];

    /// The letter.
    pub fn as_str(self) -> &'static str {
        match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        }
    }

    /// Lower case, for segment names (`abc:a`).
    pub fn slug(self) -> &'static str {
        match self {
            AbcClass::A => "a",
            AbcClass::B => "b",
            AbcClass::C => "c",
        }
    }
}

/// ABC classes of customers given their revenue and id: customers are taken by revenue,
/// highest first (ties: contact id order); a customer with positive revenue is A when the
/// customers before it hold less than `a` of the total positive revenue, B when less than `b`,
/// else C. So the customer that crosses 80% is still A, and the largest customer always is.
pub fn abc(customers: &[(Decimal, &str)], a: Decimal, b: Decimal) -> Vec<AbcClass> {
    let mut order: Vec<usize> = (0..customers.len()).collect();
    order.sort_by(|&x, &y| {
        customers[y]
            .0
            .cmp(&customers[x].0)
            .then_with(|| customers[x].1.cmp(customers[y].1))
    });
    let total: Decimal = customers
        .iter()
        .map(|(revenue, _)| (*revenue).max(Decimal::ZERO))
        .sum();
    let mut classes = vec![AbcClass::C; customers.len()];
    let mut before = Decimal::ZERO;
    for index in order {
        let revenue = customers[index].0;
        if revenue <= Decimal::ZERO {
            break;
        }
        classes[index] = if before < a * total {
            AbcClass::A
        } else if before < b * total {
            AbcClass::B
        } else {
            AbcClass::C
        };
        before += revenue;
    }
    classes
}

/// A high, mid or low tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// At or above the high threshold.
    High,
    /// At or above the mid threshold.
    Mid,
    /// Below it.
    Low,
}

impl Tier {
    /// Every tier, high first.
    pub const ALL: [Tier; 3] = [Tier::High, Tier::Mid, Tier::Low];

    /// The word.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::High => "high",
            Tier::Mid => "mid",
            Tier::Low => "low",
        }
    }
}

/// How tier thresholds are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierBasis {
    /// Thresholds are percentile ranks (0.8: the top fifth), see [`percentile_ranks`].
    Quantile,
    /// Thresholds are values (a number of invoices, an amount).
    Absolute,
}

/// Tier thresholds, resolved from `[analytics.frequency]` or `[analytics.amount]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tiers {
    /// Quantile or absolute.
    pub basis: TierBasis,
    /// Lower bound of the high tier.
    pub high: Decimal,
    /// Lower bound of the mid tier.
    pub mid: Decimal,
}

impl Tiers {
    /// The default: by quantile, the top 20% high, the next 30% mid, the bottom half low.
    pub const DEFAULT: Tiers = Tiers {
        basis: TierBasis::Quantile,
        high: Decimal::from_parts(8, 0, 0, false, 1),
        mid: Decimal::from_parts(5, 0, 0, false, 1),
    };

    /// The tier of each value.
    pub fn classify(&self, values: &[Decimal]) -> Vec<Tier> {
        match self.basis {
            TierBasis::Absolute => values
                .iter()
                .map(|&value| {
                    if value >= self.high {
                        Tier::High
                    } else if value >= self.mid {
                        Tier::Mid
                    } else {
                        Tier::Low
                    }
                })
                .collect(),
            TierBasis::Quantile => percentile_ranks(values)
                .into_iter()
                .map(|rank| {
                    if rank.at_least(self.high) {
                        Tier::High
                    } else if rank.at_least(self.mid) {
                        Tier::Mid
                    } else {
                        Tier::Low
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn quintiles<T: Ord>(values: &[T]) -> Vec<u8> {
        percentile_ranks(values)
            .into_iter()
            .map(Rank::quintile)
            .collect()
    }

    #[test]
    fn quintiles_of_distinct_values() {
        assert_eq!(quintiles(&[50, 10, 40, 20, 30]), [5, 1, 4, 2, 3]);
        // Ten values: two per quintile.
        let ten: Vec<u32> = (1..=10).collect();
        assert_eq!(quintiles(&ten), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn ties_share_their_mid_rank() {
        // 10 | 20 20 | 30: 10 sits at 1/8 -> 1 + floor(0.625) = 1; the twenties at
        // (2 x 1 + 2) / 8 = 0.5 -> 1 + floor(2.5) = 3; 30 at 7/8 -> 1 + floor(4.375) = 5.
        assert_eq!(quintiles(&[10, 20, 20, 30]), [1, 3, 3, 5]);
        // All equal: everyone in the middle.
        assert_eq!(quintiles(&[7, 7, 7]), [3, 3, 3]);
        // One customer alone is in the middle too.
        assert_eq!(quintiles(&[1]), [3]);
        assert!(quintiles::<u32>(&[]).is_empty());
    }

    #[test]
    fn rfm_grid_covers_every_score() {
        use RfmSegment::*;
        assert_eq!(RfmSegment::of(5, 5, 5), Champions);
        assert_eq!(RfmSegment::of(5, 4, 3), Champions); // FM (4 + 3 + 1) / 2 = 4
        assert_eq!(RfmSegment::of(4, 5, 5), Loyal);
        assert_eq!(RfmSegment::of(3, 4, 4), Loyal);
        assert_eq!(RfmSegment::of(5, 2, 3), PotentialLoyalists);
        assert_eq!(RfmSegment::of(3, 3, 3), PotentialLoyalists);
        assert_eq!(RfmSegment::of(5, 1, 1), New);
        assert_eq!(RfmSegment::of(4, 1, 1), New);
        assert_eq!(RfmSegment::of(2, 3, 4), AtRisk);
        assert_eq!(RfmSegment::of(1, 5, 5), CantLose);
        assert_eq!(RfmSegment::of(2, 1, 2), Hibernating);
        assert_eq!(RfmSegment::of(3, 1, 1), Hibernating);
        assert_eq!(RfmSegment::of(1, 2, 1), Lost);
        for r in 1..=5 {
            for f in 1..=5 {
                for m in 1..=5 {
                    // Never panics, and FM 5 with R <= 2 is always Can't lose.
                    let segment = RfmSegment::of(r, f, m);
                    if r <= 2 && f + m >= 9 {
                        assert_eq!(segment, CantLose);
                    }
                }
            }
        }
    }

    #[test]
    fn abc_takes_the_crossing_customer_and_breaks_ties_by_id() {
        let customers = [
            (dec("500"), "a"),
            (dec("300"), "b"),
            (dec("100"), "c"),
            (dec("60"), "d"),
            (dec("40"), "e"),
            (dec("0"), "f"),
            (dec("-20"), "g"),
        ];
        // Total 1000. Before a: 0 -> A; before b: 500 (50%) -> A; before c: 800 (80%) -> B;
        // before d: 900 -> B; before e: 960 (96%) -> C; f and g have no positive revenue -> C.
        let classes = abc(&customers, dec("0.8"), dec("0.95"));
        use AbcClass::*;
        assert_eq!(classes, [A, A, B, B, C, C, C]);
        // Equal revenue: id order decides who comes first.
        let tied = [(dec("50"), "y"), (dec("50"), "x")];
        assert_eq!(abc(&tied, dec("0.5"), dec("0.9")), [B, A]);
        // Nothing positive: all C.
        assert_eq!(abc(&[(dec("0"), "a")], dec("0.8"), dec("0.95")), [C]);
    }

    #[test]
    fn tiers_by_quantile_and_by_value() {
        let values = [dec("100"), dec("200"), dec("300"), dec("400"), dec("500")];
        use Tier::*;
        // Percentiles 0.1 0.3 0.5 0.7 0.9 against 0.8 and 0.5.
        assert_eq!(Tiers::DEFAULT.classify(&values), [Low, Low, Mid, Mid, High]);
        let absolute = Tiers {
            basis: TierBasis::Absolute,
            high: dec("400"),
            mid: dec("200"),
        };
        assert_eq!(absolute.classify(&values), [Low, Mid, Mid, High, High]);
        // Ties by quantile stay together: the ones share 3/8 = 0.375, below mid.
        assert_eq!(
            Tiers::DEFAULT.classify(&[dec("1"), dec("1"), dec("1"), dec("9")]),
            [Low, Low, Low, High]
        );
    }
}
