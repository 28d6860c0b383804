//! Systematic differences between the raters: the Friedman test over the
//! blocks every rater scored, Kendall's W as its effect size, and each
//! rater's mean difference from the others with a bootstrap interval.
//!
//! Alpha says how far the tilsyn agree; it does not say whether one of them
//! scores harder than the rest. The Friedman test does: within each block
//! (an audit's case × question; a unit of `--ratings`) the k raters' scores
//! are ranked 1..k, ties given their mid-rank, and the rank sums R_j are
//! compared with what equal raters would give. The statistic is Conover's
//! tie-corrected T₁ (Conover 1999, *Practical Nonparametric Statistics*,
//! 3rd ed., §5.8):
//!
//! ```text
//! χ²_F = (k − 1) · Σ_j (R_j − n(k + 1)/2)² / (A − n k (k + 1)²/4),
//! A = Σ over every block and rater of rank²
//! ```
//!
//! which without ties is the textbook 12 Σ R_j² / (n k (k + 1)) − 3 n (k + 1)
//! and with ties equals it divided by 1 − Σ(t³ − t)/(n (k³ − k)) — the
//! correction scipy's `friedmanchisquare` applies. df = k − 1, the p-value
//! is the χ² upper tail, and Kendall's W = χ²_F / (n (k − 1)) (tie-corrected
//! the same way). Only complete blocks count ("kan ikke vurderes" and
//! unscored are missing, and a block missing any rater is left out).
//!
//! Each rater's mean difference is the mean over the blocks of its score
//! minus the mean of the other raters' scores: negative is harder (lower
//! scores), positive milder. Its 95 % interval is a BCa bootstrap over the
//! blocks (the same resampled blocks for every rater; ChaCha8, fixed seed).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Serialize, Serializer};

use super::alpha::ReliabilityData;
use super::bootstrap::{BootstrapOptions, bca};
use super::dist::chi2_sf;

/// The significance level at which differences are called systematic.
pub const SIGNIFICANCE: f64 = 0.05;

/// The Friedman test and the raters' mean differences over one scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterDifferences {
    /// Always `"friedman"`.
    pub test: &'static str,
    /// Complete blocks used (n).
    pub blocks: usize,
    /// Raters (k).
    pub raters: usize,
    /// χ²_F, tie-corrected.
    pub statistic: f64,
    /// k − 1.
    pub df: usize,
    pub p_value: f64,
    /// Kendall's W = χ²_F / (n (k − 1)), from 0 (no rater differs) to 1.
    pub kendall_w: f64,
    /// One per rater, in the data's order.
    pub per_rater: Vec<RaterDifference>,
}

/// One rater's mean difference from the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterDifference {
    pub rater: String,
    /// Mean over the blocks of own score − mean of the others' scores.
    pub mean_difference: f64,
    /// 95 % BCa bootstrap interval over the blocks, `[lower, upper]`;
    /// `None` when the bootstrap is off or lopsided.
    pub ci: Option<[f64; 2]>,
}

impl RaterDifferences {
    /// Systematic at the 5 % level, judged on the p-value as printed
    /// (three decimals), so "p = 0,050" is never called systematic.
    pub fn systematic(&self) -> bool {
        (self.p_value * 1000.0).round() / 1000.0 < SIGNIFICANCE
    }
}

impl RaterDifference {
    /// Harder (−1), milder (+1), or not shown to differ (0): only when the
    /// interval excludes 0.
    pub fn direction(&self) -> i8 {
        match self.ci {
            Some([_, hi]) if hi < 0.0 => -1,
            Some([lo, _]) if lo > 0.0 => 1,
            _ => 0,
        }
    }
}

/// Why there is no Friedman test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoTest {
    /// Fewer than two raters.
    TooFewRaters(usize),
    /// Fewer than two blocks scored by every rater (the count).
    TooFewBlocks(usize),
    /// Every block has all raters tied: the statistic is 0/0 (the count).
    AllTied(usize),
}

impl NoTest {
    pub fn code(self) -> &'static str {
        match self {
            NoTest::TooFewRaters(_) => "too_few_raters",
            NoTest::TooFewBlocks(_) => "too_few_blocks",
            NoTest::AllTied(_) => "all_tied",
        }
    }

    /// The reason in Danish.
    pub fn reason_da(self) -> String {
        match self {
            NoTest::TooFewRaters(k) => format!("for få tilsyn ({k}; mindst 2)"),
            NoTest::TooFewBlocks(n) => {
                format!("for få celler scoret af alle tilsyn (n = {n}; mindst 2)")
            }
            NoTest::AllTied(n) => {
                format!(
                    "alle tilsyn gav samme score i hver celle (n = {n}); testen er ikke defineret"
                )
            }
        }
    }
}

impl Serialize for NoTest {
    /// The Danish reason as a string (`rater_differences_reason`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.reason_da())
    }
}

/// Mid-ranks 1..k of one block's values, ties sharing their mean rank.
pub fn mid_ranks(values: &[f64]) -> Vec<f64> {
    let k = values.len();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; k];
    let mut i = 0;
    while i < k {
        let mut j = i;
        while j + 1 < k && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        // Positions i..=j share the ranks i+1..=j+1.
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            ranks[o] = rank;
        }
        i = j + 1;
    }
    ranks
}

/// The Friedman test over complete blocks: `blocks` is block-major, `k =
/// raters.len()` values per block.
pub fn friedman(
    raters: &[String],
    blocks: &[f64],
    opts: &BootstrapOptions,
) -> Result<RaterDifferences, NoTest> {
    let k = raters.len();
    if k < 2 {
        return Err(NoTest::TooFewRaters(k));
    }
    let n = blocks.len() / k;
    if n < 2 {
        return Err(NoTest::TooFewBlocks(n));
    }
    let (nf, kf) = (n as f64, k as f64);
    let mut rank_sums = vec![0.0; k];
    let mut squares = 0.0;
    for block in blocks.chunks_exact(k) {
        for (j, r) in mid_ranks(block).into_iter().enumerate() {
            rank_sums[j] += r;
            squares += r * r;
        }
    }
    let c = nf * kf * (kf + 1.0) * (kf + 1.0) / 4.0;
    let within = squares - c;
    // A − C is n·k(k²−1)/12 without ties, 0 when every block is all tied;
    // anything below half a rank² of spread is rounding.
    if within < 1e-9 {
        return Err(NoTest::AllTied(n));
    }
    let centre = nf * (kf + 1.0) / 2.0;
    let spread: f64 = rank_sums.iter().map(|r| (r - centre) * (r - centre)).sum();
    let statistic = (kf - 1.0) * spread / within;
    let df = k - 1;
    let p_value = chi2_sf(statistic, df as f64);
    let kendall_w = statistic / (nf * (kf - 1.0));
    Ok(RaterDifferences {
        test: "friedman",
        blocks: n,
        raters: k,
        statistic,
        df,
        p_value,
        kendall_w,
        per_rater: mean_differences(raters, blocks, opts),
    })
}

/// The Friedman test over the units of reliability data that every rater
/// scored (units are the blocks).
pub fn friedman_of_data(
    data: &ReliabilityData,
    opts: &BootstrapOptions,
) -> Result<RaterDifferences, NoTest> {
    let mut blocks = Vec::new();
    for u in 0..data.units().len() {
        let row = data.unit_values(u);
        if row.iter().all(Option::is_some) {
            blocks.extend(row.iter().flatten());
        }
    }
    friedman(data.raters(), &blocks, opts)
}

/// Each rater's mean difference from the others, with its interval.
fn mean_differences(
    raters: &[String],
    blocks: &[f64],
    opts: &BootstrapOptions,
) -> Vec<RaterDifference> {
    let k = raters.len();
    let n = blocks.len() / k;
    let others = (k - 1) as f64;
    // d[j][b]: rater j's score minus the mean of the others in block b.
    let d: Vec<Vec<f64>> = (0..k)
        .map(|j| {
            blocks
                .chunks_exact(k)
                .map(|b| {
                    let total: f64 = b.iter().sum();
                    b[j] - (total - b[j]) / others
                })
                .collect()
        })
        .collect();
    let means: Vec<f64> = d.iter().map(|v| v.iter().sum::<f64>() / n as f64).collect();
    let mut draws = vec![Vec::with_capacity(opts.resamples); k];
    if opts.resamples > 0 {
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
        let mut pick = vec![0usize; n];
        for _ in 0..opts.resamples {
            pick.iter_mut().for_each(|p| *p = rng.random_range(0..n));
            for (j, dj) in d.iter().enumerate() {
                let s: f64 = pick.iter().map(|&b| dj[b]).sum();
                draws[j].push(s / n as f64);
            }
        }
    }
    (0..k)
        .map(|j| {
            let ci = (opts.resamples > 0)
                .then(|| {
                    draws[j].sort_by(f64::total_cmp);
                    let total: f64 = d[j].iter().sum();
                    let jack: Vec<f64> =
                        d[j].iter().map(|x| (total - x) / (n - 1) as f64).collect();
                    bca(means[j], &draws[j], &jack).map(|(lo, hi, _, _)| [lo, hi])
                })
                .flatten();
            RaterDifference {
                rater: raters[j].clone(),
                mean_difference: means[j],
                ci,
            }
        })
        .collect()
}

/// "0,031" / "< 0,001": a p-value as printed.
pub fn p_text_da(p: f64) -> String {
    if p < 0.0005 {
        "p < 0,001".into()
    } else {
        format!("p = {}", format!("{p:.3}").replace('.', ","))
    }
}

fn num_da(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    };
    s.replace('.', ",").replace('-', "−")
}

/// The statement: "Forskellene mellem tilsynene er ikke systematiske:
/// Friedman χ² = 3,214, df = 4, p = 0,523, W = 0,080 (n = 22 fuldt scorede
/// celler)." — systematic when p < 0,05 as printed.
pub fn rater_differences_headline_da(d: &RaterDifferences) -> String {
    format!(
        "Forskellene mellem tilsynene er {}systematiske: Friedman χ² = {}, df = {}, {}, W = {} (n = {} fuldt scorede celler).",
        if d.systematic() { "" } else { "ikke " },
        num_da(d.statistic, 3),
        d.df,
        p_text_da(d.p_value),
        num_da(d.kendall_w, 3),
        d.blocks
    )
}

/// "Midt scorer hårdere end de andre (−0,6 trin; 95 %-interval −0,9 til
/// −0,3)." for a rater whose interval excludes 0; `None` otherwise.
pub fn rater_difference_sentence_da(r: &RaterDifference, name: &str) -> Option<String> {
    let [lo, hi] = r.ci?;
    let word = match r.direction() {
        -1 => "hårdere",
        1 => "mildere",
        _ => return None,
    };
    Some(format!(
        "{name} scorer {word} end de andre ({} trin; 95 %-interval {} til {}).",
        num_da(r.mean_difference, 2),
        num_da(lo, 2),
        num_da(hi, 2)
    ))
}

/// The whole statement in plain Danish, as the screen and the report say
/// it: the headline, then one sentence per tilsyn whose interval excludes
/// 0 (or that no tilsyn does). `name` turns a rater id into its name.
pub fn rater_differences_sentence_da(
    d: &RaterDifferences,
    name: &dyn Fn(&str) -> String,
) -> String {
    let mut out = rater_differences_headline_da(d);
    let who: Vec<String> = d
        .per_rater
        .iter()
        .filter_map(|r| rater_difference_sentence_da(r, &name(&r.rater)))
        .collect();
    if who.is_empty() {
        out.push_str(" Intet tilsyn scorer påviseligt hårdere eller mildere end de andre.");
    } else {
        for s in who {
            out.push(' ');
            out.push_str(&s);
        }
    }
    out
}

/// "Friedman-testen kan ikke beregnes: for få celler scoret af alle tilsyn (n = 1; mindst 2)."
pub fn no_test_sentence_da(why: NoTest) -> String {
    format!("Friedman-testen kan ikke beregnes: {}.", why.reason_da())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_ranks_share_ties() {
        assert_eq!(mid_ranks(&[3.0, 1.0, 2.0]), vec![3.0, 1.0, 2.0]);
        assert_eq!(mid_ranks(&[2.0, 2.0, 2.0, 4.0]), vec![2.0, 2.0, 2.0, 4.0]);
        assert_eq!(mid_ranks(&[5.0, 1.0, 5.0, 3.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }

    #[test]
    fn p_values_print_with_three_decimals_or_below_0001() {
        assert_eq!(p_text_da(0.0312), "p = 0,031");
        assert_eq!(p_text_da(0.0004), "p < 0,001");
        assert_eq!(p_text_da(0.0005), "p = 0,001");
        assert_eq!(num_da(-0.0004, 3), "0,000");
        assert_eq!(num_da(-0.6, 2), "−0,60");
    }
}
