//! The funnel plot across institutions (Spiegelhalter 2005, "Funnel plots
//! for comparing institutional performance", Statistics in Medicine
//! 24:1185–1202): how far each institution's rate lies from the pooled rate
//! of all the institutions compared, given its size.
//!
//! - exposure = places × days of the period ÷ 365.25 (place-years);
//! - rate = episodes ÷ exposure (the profile's `rate_per_place`);
//! - pooled rate p = Σ episodes ÷ Σ exposure over the institutions with
//!   places;
//! - expected = p × exposure, and the 95 % and 99.8 % limits are the exact
//!   Poisson quantiles of the expected count (the smallest k with
//!   P(X ≤ k) ≥ q, for q = 0.025, 0.975, 0.001, 0.999) divided by the
//!   exposure.
//!
//! An institution above or below a limit is not a verdict: with 20
//! institutions one in 20 lies outside the 95 % funnel by chance alone. It
//! is a question for the tilsyn (`question_da`).

use serde::Serialize;

/// Where an institution lies against a pair of limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Below,
    Within,
    Above,
}

/// One institution's place in the funnel. Serialised in the magtprofil
/// JSON as `"funnel"` (field order is the contract).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// Always `"per_place_year"`.
    pub measure: &'static str,
    /// Σ episodes ÷ Σ exposure over the institutions compared, 4 decimals.
    pub pooled_rate: f64,
    /// Place-years: places × days ÷ 365.25, 4 decimals.
    pub exposure: f64,
    /// pooled rate × exposure, 3 decimals.
    pub expected: f64,
    /// The limits as rates (quantile ÷ exposure), 4 decimals.
    pub lower_95: f64,
    pub upper_95: f64,
    pub lower_998: f64,
    pub upper_998: f64,
    pub position_95: Position,
    pub position_998: Position,
}

/// The quantiles the limits rest on.
pub const Q_95: (f64, f64) = (0.025, 0.975);
pub const Q_998: (f64, f64) = (0.001, 0.999);
/// The four in the order of `Funnel`: 95 % lower, 95 % upper, 99.8 %
/// lower, 99.8 % upper.
pub const LEVELS: [f64; 4] = [Q_95.0, Q_95.1, Q_998.0, Q_998.1];

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// The funnel positions of institutions given as (episodes, exposure);
/// `None` for an institution without exposure (no places). The pool is
/// every institution with exposure.
pub fn funnel(items: &[(u64, Option<f64>)]) -> Vec<Option<Funnel>> {
    let (count, exposure) = items
        .iter()
        .filter_map(|(n, e)| e.filter(|e| *e > 0.0).map(|e| (*n, e)))
        .fold((0u64, 0.0f64), |(n, x), (m, e)| (n + m, x + e));
    let pooled = if exposure > 0.0 {
        count as f64 / exposure
    } else {
        0.0
    };
    items
        .iter()
        .map(|(n, e)| {
            let e = e.filter(|e| *e > 0.0)?;
            Some(one(*n, e, pooled))
        })
        .collect()
}

/// One institution with `count` episodes over `exposure` against `pooled`.
pub fn one(count: u64, exposure: f64, pooled: f64) -> Funnel {
    let expected = pooled * exposure;
    let [l95, u95, l998, u998] = funnel_quantiles(expected);
    let position = |lo: u64, hi: u64| {
        if count > hi {
            Position::Above
        } else if count < lo {
            Position::Below
        } else {
            Position::Within
        }
    };
    let rate = |k: u64| round_to(k as f64 / exposure, 4);
    Funnel {
        measure: "per_place_year",
        pooled_rate: round_to(pooled, 4),
        exposure: round_to(exposure, 4),
        expected: round_to(expected, 3),
        lower_95: rate(l95),
        upper_95: rate(u95),
        lower_998: rate(l998),
        upper_998: rate(u998),
        position_95: position(l95, u95),
        position_998: position(l998, u998),
    }
}

impl Funnel {
    /// The Danish question for the tilsyn when the institution lies
    /// outside a funnel, the 99.8 % one first; `None` within both.
    pub fn question_da(&self) -> Option<String> {
        let (pos, limit) = match (self.position_998, self.position_95) {
            (Position::Within, Position::Within) => return None,
            (Position::Within, p) => (p, "95 %"),
            (p, _) => (p, "99,8 %"),
        };
        Some(match pos {
            Position::Above => format!("over den øvre {limit}-grænse: hvad ligger bag?"),
            _ => format!(
                "under den nedre {limit}-grænse: registreres alle magtanvendelser, eller er der sket noget?"
            ),
        })
    }
}

/// ln(n!) for the Poisson probabilities: exact sums below 64, Stirling's
/// series (error below 1e-15 there) above.
fn ln_factorial(n: u64) -> f64 {
    if n < 64 {
        return (2..=n).map(|k| (k as f64).ln()).sum();
    }
    let x = n as f64 + 1.0;
    let x2 = x * x;
    (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + 1.0 / (12.0 * x)
        - 1.0 / (360.0 * x * x2)
        + 1.0 / (1260.0 * x2 * x2 * x)
}

/// The smallest k with P(X ≤ k) ≥ q for X ~ Poisson(`mean`), 0 < q < 1
/// (see [`poisson_quantiles`]).
pub fn poisson_quantile(q: f64, mean: f64) -> u64 {
    poisson_quantiles([q], mean)[0]
}

/// The funnel's four quantiles of Poisson(`mean`), in the order of
/// [`LEVELS`].
pub fn funnel_quantiles(mean: f64) -> [u64; 4] {
    poisson_quantiles(LEVELS, mean)
}

/// For each q of `qs` (0 < q < 1), the smallest k with P(X ≤ k) ≥ q for
/// X ~ Poisson(`mean`), all from one table of the probabilities (a funnel
/// drawn across a screen wants four at each of some 300 means).
///
/// The probabilities are taken relative to the mode (recurrences from
/// there, so no term under- or overflows for a mean of 0 or of millions)
/// and scaled by the mode's probability from `ln_factorial`. The lower
/// quantiles sum the lower tail upwards, the upper ones the upper tail
/// downwards (P(X ≤ k) ≥ q ⇔ P(X > k) ≤ 1 − q), so neither subtracts
/// nearly equal numbers. Each q sees the same sums in the same order as it
/// would alone, so its quantile does not depend on the others asked with it.
pub fn poisson_quantiles<const N: usize>(qs: [f64; N], mean: f64) -> [u64; N] {
    if mean <= 0.0 || !mean.is_finite() {
        return [0; N];
    }
    let mode = mean.floor() as u64;
    let ln_mode = mode as f64 * mean.ln() - mean - ln_factorial(mode);
    let p_mode = ln_mode.exp();
    // Far enough into the tails that what is left is below 1e-20 of q.
    let span = (12.0 * mean.sqrt() + 40.0) as u64;
    let lo = mode.saturating_sub(span);
    let hi = mode + span;
    // Relative probabilities p(k) / p(mode) for k in lo..=hi.
    let mut rel = vec![0.0f64; (hi - lo + 1) as usize];
    let at = |k: u64| (k - lo) as usize;
    rel[at(mode)] = 1.0;
    for k in (lo..mode).rev() {
        // p(k) = p(k+1) × (k+1) / mean
        rel[at(k)] = rel[at(k + 1)] * (k + 1) as f64 / mean;
    }
    for k in mode + 1..=hi {
        rel[at(k)] = rel[at(k - 1)] * mean / k as f64;
    }
    let mut out: [Option<u64>; N] = [None; N];
    let lower = |q: f64| q < 0.5;
    let mut left = qs.iter().filter(|&&q| lower(q)).count();
    let mut cdf = 0.0;
    let mut k = lo;
    while left > 0 && k <= hi {
        cdf += rel[at(k)] * p_mode;
        for (o, &q) in out.iter_mut().zip(&qs) {
            if lower(q) && o.is_none() && cdf >= q {
                *o = Some(k);
                left -= 1;
            }
        }
        k += 1;
    }
    // For each upper q, the first k from the top where the tail above
    // k − 1 exceeds 1 − q.
    let mut left = qs.iter().filter(|&&q| !lower(q)).count();
    let mut above = 0.0; // P(X > k)
    let mut k = hi;
    while left > 0 && k > lo {
        // above = P(X > k); P(X > k − 1) = above + p(k)
        let next = above + rel[at(k)] * p_mode;
        for (o, &q) in out.iter_mut().zip(&qs) {
            if !lower(q) && o.is_none() && next > 1.0 - q {
                *o = Some(k);
                left -= 1;
            }
        }
        above = next;
        k -= 1;
    }
    let mut done = [0; N];
    for ((d, o), &q) in done.iter_mut().zip(out).zip(&qs) {
        *d = o.unwrap_or(if lower(q) { hi } else { lo });
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From scipy 1.x: `[poisson.ppf(q, mu) for q in (0.001, 0.025,
    /// 0.975, 0.999)]` (the same definition: smallest k with cdf ≥ q).
    #[test]
    fn quantiles_match_scipy() {
        let cases: &[(f64, [u64; 4])] = &[
            (0.5, [0, 0, 2, 4]),
            (3.7, [0, 1, 8, 11]),
            (12.25, [3, 6, 20, 24]),
            (61.0, [38, 46, 77, 87]),
            (254.3, [206, 224, 286, 305]),
            (5000.0, [4783, 4862, 5139, 5220]),
            (123456.7, [122372, 122769, 124146, 124544]),
        ];
        for &(mu, want) in cases {
            let got = [0.001, 0.025, 0.975, 0.999].map(|q| poisson_quantile(q, mu));
            assert_eq!(got, want, "mu={mu}");
        }
    }

    /// Three institutions and one without places: pooled = 36 ÷ 17;
    /// expected 21.176, 10.588, 4.235; the quantiles (q = 0.025, 0.975,
    /// 0.001, 0.999) from scipy: [13, 31, 9, 37], [5, 17, 2, 22],
    /// [1, 9, 0, 12]. The silent one lies below both funnels.
    #[test]
    fn funnel_by_hand_with_an_institution_without_episodes() {
        let f = funnel(&[(30, Some(10.0)), (0, Some(5.0)), (6, Some(2.0)), (9, None)]);
        assert_eq!(f[3], None);
        let limits = |f: &Funnel| {
            (
                f.pooled_rate,
                f.expected,
                [f.lower_95, f.upper_95, f.lower_998, f.upper_998],
                f.position_95,
                f.position_998,
            )
        };
        use Position::*;
        assert_eq!(
            limits(f[0].as_ref().unwrap()),
            (2.1176, 21.176, [1.3, 3.1, 0.9, 3.7], Within, Within)
        );
        assert_eq!(
            limits(f[1].as_ref().unwrap()),
            (2.1176, 10.588, [1.0, 3.4, 0.4, 4.4], Below, Below)
        );
        assert_eq!(
            limits(f[2].as_ref().unwrap()),
            (2.1176, 4.235, [0.5, 4.5, 0.0, 6.0], Within, Within)
        );
        assert_eq!(
            f[1].as_ref().unwrap().question_da().unwrap(),
            "under den nedre 99,8 %-grænse: registreres alle magtanvendelser, eller er der sket noget?"
        );
        assert_eq!(f[0].as_ref().unwrap().question_da(), None);
        // One over the top: 40 where 21 are expected.
        let g = one(40, 10.0, 36.0 / 17.0);
        assert_eq!((g.position_95, g.position_998), (Above, Above));
        assert_eq!(
            g.question_da().unwrap(),
            "over den øvre 99,8 %-grænse: hvad ligger bag?"
        );
    }

    proptest::proptest! {
        /// Asked together, each quantile is the one asked alone, for means
        /// from a hundredth to a million and the funnel's four levels in
        /// any order, repeated levels included.
        #[test]
        fn quantiles_asked_together_are_those_asked_alone(
            ln_mean in -4.6f64..13.9,
            order in proptest::array::uniform4(0usize..4),
        ) {
            let mean = ln_mean.exp();
            let qs = order.map(|i| LEVELS[i]);
            proptest::prop_assert_eq!(
                poisson_quantiles(qs, mean),
                qs.map(|q| poisson_quantile(q, mean)),
                "mean {}", mean
            );
            let four = funnel_quantiles(mean);
            proptest::prop_assert!(four[2] <= four[0] && four[0] <= four[1] && four[1] <= four[3]);
        }
    }

    #[test]
    fn a_mean_of_zero_has_every_quantile_zero() {
        for q in [0.001, 0.025, 0.975, 0.999] {
            assert_eq!(poisson_quantile(q, 0.0), 0);
        }
    }

    #[test]
    fn ln_factorial_joins_smoothly() {
        let exact: f64 = (2..=64u64).map(|k| (k as f64).ln()).sum();
        assert!((ln_factorial(64) - exact).abs() < 1e-9);
        assert!((ln_factorial(63) + 64f64.ln() - exact).abs() < 1e-9);
    }
}
