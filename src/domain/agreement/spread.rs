//! Spread of the raters' scores for one case and question: where the panel
//! should talk. The comparison screen marks a row when the scores spread:
//! a range of two steps or more, or two or more raters two steps or more
//! from the median.

use serde::Serialize;

/// How far apart the raters' scores for one case × question are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Raters with a score ("kan ikke vurderes" does not count).
    pub count: usize,
    pub min: u8,
    pub max: u8,
    /// `max − min`.
    pub range: u8,
    /// The median (the mean of the middle two for an even count).
    pub median: f64,
    /// Raters two or more steps from the median.
    pub far_from_median: usize,
    /// Range ≥ 2, or two or more raters two or more steps from the median.
    pub flagged: bool,
}

/// The spread of some scores; `None` when there are none.
pub fn spread(scores: &[u8]) -> Option<Spread> {
    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    let (&min, &max) = (sorted.first()?, sorted.last()?);
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        f64::from(sorted[mid])
    } else {
        (f64::from(sorted[mid - 1]) + f64::from(sorted[mid])) / 2.0
    };
    let far_from_median = sorted
        .iter()
        .filter(|&&v| (f64::from(v) - median).abs() >= 2.0)
        .count();
    let range = max - min;
    Some(Spread {
        count: sorted.len(),
        min,
        max,
        range,
        median,
        far_from_median,
        flagged: range >= 2 || far_from_median >= 2,
    })
}
