//! The bootstrap confidence interval of alpha, and the full agreement of
//! one data set: alpha, its interval, Krippendorff's interpretation and
//! alpha with each rater left out.
//!
//! Method: the *pairable units* are resampled with replacement (as many
//! draws as there are pairable units), alpha is computed on each resample,
//! and the 2.5 and 97.5 percentiles of the resampled alphas (linear
//! interpolation between order statistics, R's type 7) bound the 95 %
//! interval. Resamples in which alpha is undefined (for example every drawn
//! unit agreeing on one value) are left out and counted. The random numbers
//! come from ChaCha8 seeded with a fixed seed, restarted for every data
//! set, so the same data give the same interval byte for byte, whichever
//! other groups a report computes. Resampling units rather than pairs of
//! values (Hayes & Krippendorff 2007) keeps each unit's raters together,
//! which is what varies between cases in an audit.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::alpha::{Level, Prepared, ReliabilityData, Undefined, alpha_from_matrix};

/// The seed every report uses unless told otherwise (the year of
/// Krippendorff's "Computing Krippendorff's Alpha-Reliability").
pub const DEFAULT_SEED: u64 = 2011;

/// Krippendorff's smallest acceptable alpha for tentative conclusions.
pub const ALPHA_MIN: f64 = 0.667;

/// Krippendorff's alpha for reliable data.
pub const ALPHA_RELIABLE: f64 = 0.800;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BootstrapOptions {
    /// Resamples; 0 turns the bootstrap off.
    pub resamples: usize,
    pub seed: u64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            resamples: 1000,
            seed: DEFAULT_SEED,
        }
    }
}

/// A 95 % bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfidenceInterval {
    pub lower: f64,
    pub upper: f64,
    pub resamples: usize,
    /// Resamples in which alpha was defined (the percentiles are over these).
    pub defined_resamples: usize,
    /// Share of the defined resamples with α < 0.667: the probability of
    /// failing Krippendorff's smallest acceptable alpha.
    pub p_below_0667: f64,
}

/// Krippendorff's reading of an alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    /// α ≥ 0.800.
    Reliable,
    /// 0.667 ≤ α < 0.800: tentative conclusions only.
    Tentative,
    /// α < 0.667.
    NotReliable,
}

impl Reliability {
    /// Judged on alpha rounded to three decimals, so the label always
    /// matches the printed figure (0.7996 prints 0.800 and is reliable).
    pub fn of(alpha: f64) -> Self {
        let a = (alpha * 1000.0).round() / 1000.0;
        if a >= ALPHA_RELIABLE {
            Reliability::Reliable
        } else if a >= ALPHA_MIN {
            Reliability::Tentative
        } else {
            Reliability::NotReliable
        }
    }

    /// The Danish labels, in one place.
    pub fn label_da(self) -> &'static str {
        match self {
            Reliability::Reliable => "pålidelig",
            Reliability::Tentative => "foreløbig",
            Reliability::NotReliable => "ikke pålidelig",
        }
    }
}

/// The bootstrap interval of a prepared data set; `None` when alpha is
/// undefined on every resample or the bootstrap is off.
pub fn bootstrap(
    prepared: &Prepared,
    level: Level,
    opts: &BootstrapOptions,
) -> Option<ConfidenceInterval> {
    let units = prepared.pairable_units();
    if opts.resamples == 0 || units == 0 || prepared.raters() < 2 {
        return None;
    }
    let values = prepared.values();
    let k = values.len();
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let mut matrix = vec![0.0; k * k];
    let mut scratch = Vec::with_capacity(k);
    let mut alphas = Vec::with_capacity(opts.resamples);
    for _ in 0..opts.resamples {
        matrix.iter_mut().for_each(|x| *x = 0.0);
        for _ in 0..units {
            prepared.add_unit(rng.random_range(0..units), &mut matrix);
        }
        if let Ok(a) = alpha_from_matrix(values, &matrix, level, &mut scratch) {
            alphas.push(a);
        }
    }
    if alphas.is_empty() {
        return None;
    }
    alphas.sort_by(f64::total_cmp);
    let below = alphas.iter().filter(|&&a| a < ALPHA_MIN).count();
    Some(ConfidenceInterval {
        lower: quantile(&alphas, 0.025),
        upper: quantile(&alphas, 0.975),
        resamples: opts.resamples,
        defined_resamples: alphas.len(),
        p_below_0667: below as f64 / alphas.len() as f64,
    })
}

/// Type-7 quantile of sorted, non-empty data.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Alpha with one rater's values left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub rater: String,
    pub alpha: Option<f64>,
    pub undefined: Option<Undefined>,
    /// Alpha without the rater minus alpha with everyone: positive means
    /// the rater drives disagreement.
    pub change: Option<f64>,
}

/// Everything about one data set's agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub level: Level,
    pub alpha: Option<f64>,
    /// Why alpha is `None`.
    pub undefined: Option<Undefined>,
    /// Krippendorff's reading in Danish: pålidelig, foreløbig, ikke pålidelig.
    pub interpretation: Option<&'static str>,
    /// Units with at least one value.
    pub units: usize,
    /// Units with values from at least two raters (the others are dropped).
    pub pairable_units: usize,
    /// Raters with at least one value.
    pub raters: usize,
    /// `n`: the values in pairable units.
    pub pairable_values: usize,
    pub ci: Option<ConfidenceInterval>,
    /// One entry per rater with at least one value, in the data's order.
    pub leave_one_out: Vec<LeftOut>,
}

impl Agreement {
    pub fn reliability(&self) -> Option<Reliability> {
        self.alpha.map(Reliability::of)
    }
}

/// Alpha, its bootstrap interval and leave-one-out for one data set.
pub fn agreement(data: &ReliabilityData, level: Level, opts: &BootstrapOptions) -> Agreement {
    let prepared = Prepared::new(data, None);
    let result = prepared.alpha(level);
    let alpha = result.ok();
    let ci = alpha.and_then(|_| bootstrap(&prepared, level, opts));
    let leave_one_out = (0..data.raters().len())
        .filter(|&r| (0..data.units().len()).any(|u| data.get(u, r).is_some()))
        .map(|r| {
            let without = Prepared::new(data, Some(r)).alpha(level);
            LeftOut {
                rater: data.raters()[r].clone(),
                alpha: without.ok(),
                undefined: without.err(),
                change: match (without, alpha) {
                    (Ok(w), Some(a)) => Some(w - a),
                    _ => None,
                },
            }
        })
        .collect();
    Agreement {
        level,
        alpha,
        undefined: result.err(),
        interpretation: alpha.map(|a| Reliability::of(a).label_da()),
        units: prepared.units(),
        pairable_units: prepared.pairable_units(),
        raters: prepared.raters(),
        pairable_values: prepared.pairable_values(),
        ci,
        leave_one_out,
    }
}
