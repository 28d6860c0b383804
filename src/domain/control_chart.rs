//! The control chart of one institution by month: a u-chart (Montgomery,
//! *Introduction to Statistical Quality Control*, §7.3.2; the chart
//! hospital restraint dashboards use for rates with changing exposure).
//!
//! For each month m of the period: exposure n_m = places × days of the
//! month inside the period ÷ 365.25 (so a period starting mid-month gives
//! its first month only the days it holds); rate u_m = count ÷ n_m; the
//! centre ū = Σ count ÷ Σ n_m; the limits ū ± 3·√(ū ÷ n_m), the lower one
//! not below 0. Signals, the first that applies:
//! - `above`: u_m over the upper limit;
//! - `below`: u_m under a lower limit above 0 (a month with none is one
//!   when the lower limit is above 0);
//! - `run`: the month is one of 8 or more in a row on the same side of the
//!   centre (a month exactly on it ends the run) — a shift, up or down.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A u-chart over the months of a period. Serialised in the magtprofil
/// JSON as `"control_chart"` (field order is the contract).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlChart {
    /// ū: episodes per place-year over the whole period, 4 decimals.
    pub centre: f64,
    pub months: Vec<ControlMonth>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlMonth {
    /// "YYYY-MM".
    pub month: String,
    pub count: u64,
    /// Place-years in the month (inside the period), 4 decimals.
    pub exposure: f64,
    /// count ÷ exposure, 4 decimals.
    pub rate: f64,
    /// ū − 3·√(ū ÷ n_m), not below 0; 4 decimals.
    pub lower: f64,
    /// ū + 3·√(ū ÷ n_m), 4 decimals.
    pub upper: f64,
    pub signal: Option<Signal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Above,
    Below,
    Run,
}

impl Signal {
    /// The Danish question for the tilsyn (not a verdict).
    pub fn question_da(self) -> &'static str {
        match self {
            Signal::Above => "over den øvre kontrolgrænse: hvad skete der den måned?",
            Signal::Below => {
                "under den nedre kontrolgrænse: færre magtanvendelser eller færre registreringer?"
            }
            Signal::Run => {
                "8 måneder eller flere i træk på samme side af midterlinjen: hvad har ændret sig?"
            }
        }
    }

    /// A short mark for tables and charts.
    pub fn mark(self) -> &'static str {
        match self {
            Signal::Above => "▲",
            Signal::Below => "▼",
            Signal::Run => "◆",
        }
    }
}

impl ControlChart {
    /// The highest value the chart draws (a rate, an upper limit or the
    /// centre), for the top of its axis.
    pub fn highest(&self) -> f64 {
        self.months
            .iter()
            .map(|m| m.rate.max(m.upper))
            .fold(self.centre, f64::max)
    }
}

/// Months in a row on one side of the centre that make a run.
pub const RUN: usize = 8;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The days of the month with index `m` (year × 12 + month − 1) that lie
/// inside `from..=to`.
pub fn days_in_period(m: i32, from: NaiveDate, to: NaiveDate) -> i64 {
    let Some(first) = NaiveDate::from_ymd_opt(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1)
    else {
        return 0;
    };
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(first);
    let (a, b) = (first.max(from), last.min(to));
    if b < a { 0 } else { (b - a).num_days() + 1 }
}

/// The chart for `places` over `from..=to`, from the counts by month index
/// (every month of the period, in order). `None` without places.
pub fn control_chart(
    places: Option<u32>,
    from: NaiveDate,
    to: NaiveDate,
    counts: &[(i32, u64)],
) -> Option<ControlChart> {
    let places = f64::from(places.filter(|p| *p > 0)?);
    let exposure: Vec<f64> = counts
        .iter()
        .map(|(m, _)| places * days_in_period(*m, from, to) as f64 / 365.25)
        .collect();
    let total_n: f64 = exposure.iter().sum();
    let total_c: u64 = counts.iter().map(|(_, c)| c).sum();
    if total_n <= 0.0 {
        return None;
    }
    let centre = total_c as f64 / total_n;
    let mut months: Vec<ControlMonth> = counts
        .iter()
        .zip(&exposure)
        .map(|(&(m, count), &n)| {
            let rate = if n > 0.0 { count as f64 / n } else { 0.0 };
            let half = if n > 0.0 {
                3.0 * (centre / n).sqrt()
            } else {
                0.0
            };
            let (lower, upper) = ((centre - half).max(0.0), centre + half);
            let signal = if rate > upper {
                Some(Signal::Above)
            } else if lower > 0.0 && rate < lower {
                Some(Signal::Below)
            } else {
                None
            };
            ControlMonth {
                month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                count,
                exposure: round4(n),
                rate: round4(rate),
                lower: round4(lower),
                upper: round4(upper),
                signal,
            }
        })
        .collect();
    // Runs: the side of each month (+1 above, −1 below, 0 on the centre).
    let side: Vec<i8> = counts
        .iter()
        .zip(&exposure)
        .map(|(&(_, c), &n)| {
            let r = if n > 0.0 { c as f64 / n } else { centre };
            if r > centre {
                1
            } else if r < centre {
                -1
            } else {
                0
            }
        })
        .collect();
    let mut start = 0;
    while start < side.len() {
        let mut end = start;
        while end < side.len() && side[end] == side[start] {
            end += 1;
        }
        if side[start] != 0 && end - start >= RUN {
            for m in &mut months[start..end] {
                m.signal.get_or_insert(Signal::Run);
            }
        }
        start = end;
    }
    Some(ControlChart {
        centre: round4(centre),
        months,
    })
}

/// The month index of a date (year × 12 + month − 1).
pub fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0().cast_signed()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_of_a_period_starting_mid_month() {
        let m = month_index(d(2017, 3, 1));
        assert_eq!(days_in_period(m, d(2017, 3, 15), d(2017, 12, 31)), 17);
        assert_eq!(days_in_period(m, d(2017, 1, 1), d(2017, 3, 10)), 10);
        assert_eq!(days_in_period(m, d(2017, 4, 1), d(2017, 5, 1)), 0);
        assert_eq!(
            days_in_period(month_index(d(2016, 2, 1)), d(2016, 1, 1), d(2016, 12, 31)),
            29
        );
    }

    /// Hand-computed: 4 places, 2017-01-15–2017-03-31, counts 5, 0, 10.
    /// n = 4 × (17, 28, 31) ÷ 365.25 = 0.186174, 0.306639, 0.339493;
    /// Σn = 0.832307, ū = 15 ÷ 0.832307 = 18.022197;
    /// Jan: 3√(ū/n) = 29.5166, lower 0, upper 47.5388, rate 26.8566;
    /// Feb: 3√(ū/n) = 22.9991, lower 0, upper 41.0213, rate 0 (no signal:
    /// its lower limit is 0);
    /// Mar: 3√(ū/n) = 21.8580, lower 0 (−3.836), upper 39.8802, rate 29.4556.
    /// (Checked with Python.)
    #[test]
    fn limits_by_hand_with_a_month_without_episodes() {
        let m = month_index(d(2017, 1, 1));
        let c = control_chart(
            Some(4),
            d(2017, 1, 15),
            d(2017, 3, 31),
            &[(m, 5), (m + 1, 0), (m + 2, 10)],
        )
        .unwrap();
        assert_eq!(c.centre, 18.0222);
        let got: Vec<(&str, u64, f64, f64, f64, f64)> = c
            .months
            .iter()
            .map(|m| {
                (
                    m.month.as_str(),
                    m.count,
                    m.exposure,
                    m.rate,
                    m.lower,
                    m.upper,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2017-01", 5, 0.1862, 26.8566, 0.0, 47.5388),
                ("2017-02", 0, 0.3066, 0.0, 0.0, 41.0213),
                ("2017-03", 10, 0.3395, 29.4556, 0.0, 39.8802),
            ]
        );
        assert!(c.months.iter().all(|m| m.signal.is_none()));
    }

    #[test]
    fn above_below_and_runs_are_signals() {
        let m = month_index(d(2017, 1, 1));
        // 12 months of 10, then one of 40 and one of 0: above and below.
        let mut counts: Vec<(i32, u64)> = (0..12).map(|i| (m + i, 10)).collect();
        counts.push((m + 12, 40));
        counts.push((m + 13, 0));
        let c = control_chart(Some(10), d(2017, 1, 1), d(2018, 2, 28), &counts).unwrap();
        let signals: Vec<Option<Signal>> = c.months.iter().map(|m| m.signal).collect();
        assert_eq!(signals[12], Some(Signal::Above));
        assert_eq!(signals[13], Some(Signal::Below));
        // The 12 months of 10 lie below the centre (raised by the 40), all
        // in one run of ≥ 8 — except February, whose fewer days give a
        // higher rate; the rates decide, not the counts.
        assert!(
            signals[..12]
                .iter()
                .filter(|s| **s == Some(Signal::Run))
                .count()
                >= 8
        );
    }

    #[test]
    fn a_run_of_seven_is_no_signal() {
        let m = month_index(d(2017, 1, 1));
        // Alternating sides except 7 in a row above.
        let counts: Vec<(i32, u64)> = [20, 0, 20, 0, 20, 20, 20, 20, 20, 20, 20, 0]
            .iter()
            .enumerate()
            .map(|(i, c)| (m + i as i32, *c))
            .collect();
        let c = control_chart(Some(50), d(2017, 1, 1), d(2017, 12, 31), &counts).unwrap();
        assert!(c.months.iter().all(|m| m.signal != Some(Signal::Run)));
    }

    #[test]
    fn no_places_no_chart_and_zero_episodes_a_flat_chart() {
        let m = month_index(d(2017, 1, 1));
        assert_eq!(
            control_chart(None, d(2017, 1, 1), d(2017, 1, 31), &[(m, 3)]),
            None
        );
        let c = control_chart(
            Some(3),
            d(2017, 1, 1),
            d(2017, 2, 28),
            &[(m, 0), (m + 1, 0)],
        )
        .unwrap();
        assert_eq!(c.centre, 0.0);
        assert!(
            c.months
                .iter()
                .all(|m| m.lower == 0.0 && m.upper == 0.0 && m.signal.is_none())
        );
    }
}
