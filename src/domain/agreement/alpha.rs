//! Krippendorff's alpha computed from the coincidence matrix, as in
//! Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
//!
//! The data are a reliability-data matrix: units × raters, each cell a value
//! or missing. A unit with fewer than two values is not pairable and adds
//! nothing. For a pairable unit `u` with `m_u` values, every ordered pair of
//! values from two different raters adds `1 / (m_u − 1)` to the coincidence
//! matrix `o_ck`; `n_c` are its marginals and `n` their total (the number of
//! pairable values). Then
//!
//! ```text
//! α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
//! ```
//!
//! with the difference function δ² of the level of measurement:
//!
//! - nominal: 0 when c = k, else 1;
//! - ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², the values ranked;
//! - interval: (c − k)²;
//! - ratio: ((c − k)/(c + k))² (values must not be negative).
//!
//! Alpha is undefined (never a made-up number) when only one rater gave
//! values, when no unit is pairable, or when there is no variation at all
//! (every pairable value the same, so the expected disagreement is 0;
//! Krippendorff leaves alpha undefined there).

use std::fmt;

use serde::{Deserialize, Serialize, Serializer, ser::SerializeStruct};

/// Level of measurement: decides the difference function δ².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

impl Level {
    /// The Danish name, for people.
    pub fn label_da(self) -> &'static str {
        match self {
            Level::Nominal => "nominalt niveau",
            Level::Ordinal => "ordinalt niveau",
            Level::Interval => "intervalniveau",
            Level::Ratio => "forholdsniveau",
        }
    }
}

/// Why alpha could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Undefined {
    /// Nobody has given a value yet.
    NoValues,
    /// Only one rater gave any value: there is nobody to agree with.
    OneRater,
    /// No unit has values from two raters.
    NoPairableUnits,
    /// Every pairable value is the same (expected disagreement 0).
    NoVariation,
    /// The ratio level needs values ≥ 0.
    NegativeRatio,
}

impl Undefined {
    /// A stable code for files.
    pub fn code(self) -> &'static str {
        match self {
            Undefined::NoValues => "no_values",
            Undefined::OneRater => "one_rater",
            Undefined::NoPairableUnits => "no_pairable_units",
            Undefined::NoVariation => "no_variation",
            Undefined::NegativeRatio => "negative_ratio",
        }
    }

    /// The reason in Danish, for people.
    pub fn reason_da(self) -> &'static str {
        match self {
            Undefined::NoValues => "ingen scorer endnu",
            Undefined::OneRater => "kun én bedømmer",
            Undefined::NoPairableUnits => "ingen enhed har vurderinger fra mindst to bedømmere",
            Undefined::NoVariation => "ingen variation",
            Undefined::NegativeRatio => "forholdsniveau kræver værdier, der ikke er negative",
        }
    }
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason_da())
    }
}

impl Serialize for Undefined {
    /// `{"code": "no_variation", "reason": "ingen variation"}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Undefined", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("reason", self.reason_da())?;
        st.end()
    }
}

/// Reliability data: units × raters, each cell a value or missing (`None`).
/// Non-finite values are treated as missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReliabilityData {
    units: Vec<String>,
    raters: Vec<String>,
    /// Unit-major: `values[unit * raters.len() + rater]`.
    values: Vec<Option<f64>>,
}

impl ReliabilityData {
    /// A matrix with every cell missing.
    pub fn new(units: Vec<String>, raters: Vec<String>) -> Self {
        let values = vec![None; units.len() * raters.len()];
        ReliabilityData {
            units,
            raters,
            values,
        }
    }

    /// From Krippendorff's layout: one row per rater, one column per unit
    /// (units are named 1, 2, …). Shorter rows are padded with missing.
    pub fn from_rater_rows<R: Into<String>>(rows: Vec<(R, Vec<Option<f64>>)>) -> Self {
        let n_units = rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        let units = (1..=n_units).map(|u| u.to_string()).collect();
        let mut raters = Vec::with_capacity(rows.len());
        let mut cols = Vec::with_capacity(rows.len());
        for (name, row) in rows {
            raters.push(name.into());
            cols.push(row);
        }
        let mut data = ReliabilityData::new(units, raters);
        for (r, row) in cols.iter().enumerate() {
            for (u, v) in row.iter().enumerate() {
                data.set(u, r, *v);
            }
        }
        data
    }

    pub fn units(&self) -> &[String] {
        &self.units
    }

    pub fn raters(&self) -> &[String] {
        &self.raters
    }

    pub fn get(&self, unit: usize, rater: usize) -> Option<f64> {
        self.values
            .get(unit * self.raters.len() + rater)
            .copied()
            .flatten()
    }

    /// Sets one cell; out-of-range indices are ignored.
    pub fn set(&mut self, unit: usize, rater: usize, value: Option<f64>) {
        if unit >= self.units.len() || rater >= self.raters.len() {
            return;
        }
        let i = unit * self.raters.len() + rater;
        self.values[i] = value.filter(|v| v.is_finite());
    }

    /// One unit's row: a value or missing per rater.
    pub fn unit_values(&self, unit: usize) -> &[Option<f64>] {
        let w = self.raters.len();
        &self.values[unit * w..(unit + 1) * w]
    }
}

/// The coincidence matrix over the distinct pairable values.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    /// The distinct pairable values, ascending.
    pub values: Vec<f64>,
    /// Row-major `values.len()²` matrix `o_ck`.
    pub matrix: Vec<f64>,
}

impl Coincidences {
    /// `o_ck` by value (0 for values that are not pairable).
    pub fn get(&self, c: f64, k: f64) -> f64 {
        match (index_of(&self.values, c), index_of(&self.values, k)) {
            (Some(i), Some(j)) => self.matrix[i * self.values.len() + j],
            _ => 0.0,
        }
    }

    /// The marginals `n_c`, in the order of `values`.
    pub fn marginals(&self) -> Vec<f64> {
        let k = self.values.len();
        (0..k)
            .map(|c| self.matrix[c * k..(c + 1) * k].iter().sum())
            .collect()
    }

    /// `n`, the number of pairable values.
    pub fn total(&self) -> f64 {
        self.matrix.iter().sum()
    }

    /// Alpha at a level (without the one-rater check, which needs the data).
    pub fn alpha(&self, level: Level) -> Result<f64, Undefined> {
        let mut scratch = Vec::new();
        alpha_from_matrix(&self.values, &self.matrix, level, &mut scratch)
    }
}

fn index_of(values: &[f64], v: f64) -> Option<usize> {
    values.binary_search_by(|x| x.total_cmp(&v)).ok()
}

/// A data set prepared once for many alphas: the distinct pairable values
/// and each pairable unit's contribution to the coincidence matrix, kept
/// sparse. A bootstrap resample is then a sum of unit contributions, never
/// a recomputation from the raw data.
#[derive(Debug, Clone)]
pub struct Prepared {
    values: Vec<f64>,
    /// `(row-major index c·K + k, weight)` for every pairable unit, unit
    /// after unit; unit `u` owns `entries[offsets[u]..offsets[u + 1]]`.
    entries: Vec<(u32, f64)>,
    offsets: Vec<usize>,
    /// Units with at least one value.
    units: usize,
    /// Raters with at least one value.
    raters: usize,
    pairable_values: usize,
}

impl Prepared {
    /// Prepares `data`, leaving out one rater's values when `exclude` names it.
    pub fn new(data: &ReliabilityData, exclude: Option<usize>) -> Self {
        let w = data.raters.len();
        let n_units = data.units.len();
        let included = |r: usize| Some(r) != exclude;

        let mut rater_has_value = vec![false; w];
        let mut units = 0;
        let mut pairable: Vec<f64> = Vec::new();
        for u in 0..n_units {
            let row = data.unit_values(u);
            let m = (0..w).filter(|&r| included(r) && row[r].is_some()).count();
            if m > 0 {
                units += 1;
            }
            for (r, v) in row.iter().enumerate() {
                if included(r) && v.is_some() {
                    rater_has_value[r] = true;
                }
            }
            if m >= 2 {
                pairable.extend(
                    row.iter()
                        .enumerate()
                        .filter(|(r, _)| included(*r))
                        .filter_map(|(_, v)| *v),
                );
            }
        }
        let pairable_values = pairable.len();
        pairable.sort_by(f64::total_cmp);
        pairable.dedup();
        let values = pairable;
        let k = values.len();

        let mut entries = Vec::new();
        let mut offsets = vec![0];
        let mut counts = vec![0u32; k];
        for u in 0..n_units {
            let row = data.unit_values(u);
            counts.iter_mut().for_each(|c| *c = 0);
            let mut m = 0u32;
            for (r, v) in row.iter().enumerate() {
                if let (true, Some(v)) = (included(r), v)
                    && let Some(i) = index_of(&values, *v)
                {
                    counts[i] += 1;
                    m += 1;
                }
            }
            if m < 2 {
                continue;
            }
            let per_pair = 1.0 / f64::from(m - 1);
            for c in 0..k {
                if counts[c] == 0 {
                    continue;
                }
                for kk in 0..k {
                    let pairs = if c == kk {
                        counts[c] * (counts[c] - 1)
                    } else {
                        counts[c] * counts[kk]
                    };
                    if pairs > 0 {
                        let idx = u32::try_from(c * k + kk).unwrap_or(u32::MAX);
                        entries.push((idx, f64::from(pairs) * per_pair));
                    }
                }
            }
            offsets.push(entries.len());
        }
        Prepared {
            values,
            entries,
            offsets,
            units,
            raters: rater_has_value.iter().filter(|&&b| b).count(),
            pairable_values,
        }
    }

    /// Units with at least one value.
    pub fn units(&self) -> usize {
        self.units
    }

    /// Units with values from at least two raters.
    pub fn pairable_units(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Raters with at least one value.
    pub fn raters(&self) -> usize {
        self.raters
    }

    /// `n`: the values in pairable units.
    pub fn pairable_values(&self) -> usize {
        self.pairable_values
    }

    /// The distinct pairable values, ascending.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The coincidence matrix of the whole data set.
    pub fn coincidences(&self) -> Coincidences {
        let k = self.values.len();
        let mut matrix = vec![0.0; k * k];
        for u in 0..self.pairable_units() {
            self.add_unit(u, &mut matrix);
        }
        Coincidences {
            values: self.values.clone(),
            matrix,
        }
    }

    /// Alpha of the whole data set.
    pub fn alpha(&self, level: Level) -> Result<f64, Undefined> {
        match self.raters {
            0 => return Err(Undefined::NoValues),
            1 => return Err(Undefined::OneRater),
            _ => {}
        }
        self.coincidences().alpha(level)
    }

    /// The coincidence matrix of every pairable unit but `u` (summed
    /// afresh, so a value that only `u` had is exactly 0, not a rounding
    /// residue).
    pub(super) fn matrix_without(&self, u: usize, matrix: &mut [f64]) {
        matrix.iter_mut().for_each(|x| *x = 0.0);
        for v in (0..self.pairable_units()).filter(|&v| v != u) {
            self.add_unit(v, matrix);
        }
    }

    /// Adds pairable unit `u`'s contribution to a coincidence matrix.
    pub(super) fn add_unit(&self, u: usize, matrix: &mut [f64]) {
        for &(i, w) in &self.entries[self.offsets[u]..self.offsets[u + 1]] {
            matrix[i as usize] += w;
        }
    }
}

/// Alpha from a row-major coincidence matrix over `values` (ascending).
/// `marginals` is scratch space, reused across calls by the bootstrap.
pub(super) fn alpha_from_matrix(
    values: &[f64],
    o: &[f64],
    level: Level,
    marginals: &mut Vec<f64>,
) -> Result<f64, Undefined> {
    let k = values.len();
    marginals.clear();
    marginals.extend((0..k).map(|c| o[c * k..(c + 1) * k].iter().sum::<f64>()));
    let n: f64 = marginals.iter().sum();
    if n <= 0.0 {
        return Err(Undefined::NoPairableUnits);
    }
    if level == Level::Ratio && values.first().is_some_and(|&v| v < 0.0) {
        return Err(Undefined::NegativeRatio);
    }
    // δ² is symmetric and 0 on the diagonal: sum the upper triangle only
    // (the factor 2 cancels between observed and expected).
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..k {
        if marginals[c] == 0.0 {
            continue;
        }
        // Ordinal: Σ_{g=c..kk} n_g, grown as kk moves right.
        let mut between = marginals[c];
        for kk in c + 1..k {
            between += marginals[kk];
            if marginals[kk] == 0.0 {
                continue;
            }
            let d2 = match level {
                Level::Nominal => 1.0,
                Level::Ordinal => {
                    let d = between - (marginals[c] + marginals[kk]) / 2.0;
                    d * d
                }
                Level::Interval => {
                    let d = values[c] - values[kk];
                    d * d
                }
                Level::Ratio => {
                    let d = (values[c] - values[kk]) / (values[c] + values[kk]);
                    d * d
                }
            };
            observed += o[c * k + kk] * d2;
            expected += marginals[c] * marginals[kk] * d2;
        }
    }
    if expected <= 0.0 {
        return Err(Undefined::NoVariation);
    }
    Ok(1.0 - (n - 1.0) * observed / expected)
}

/// Krippendorff's alpha of a data set at a level.
pub fn alpha(data: &ReliabilityData, level: Level) -> Result<f64, Undefined> {
    Prepared::new(data, None).alpha(level)
}
