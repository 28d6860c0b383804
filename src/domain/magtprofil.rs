//! The magtprofil (DOMAIN.md §5): the systematic overview of one
//! institution's episodes over a period, and the comparison across
//! institutions. (Computation filled by the magtprofil issue; the types
//! below are the contract the app and the export read.)

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::model::{Audit, HolidayPeriod, Target};

/// What to compute over.
#[derive(Debug, Clone, Default)]
pub struct ProfileOptions {
    /// First day (inclusive); default: the first day of the first episode's month.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); default: the last day of the last episode's month.
    pub to: Option<NaiveDate>,
    /// Holiday periods; empty means the Danish school-holiday defaults.
    pub holidays: Vec<HolidayPeriod>,
}

/// One institution's magtprofil. Serialised as the stable JSON of
/// `auditpanel magtprofil --format json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    pub id: String,
    pub name: Option<String>,
    pub tilsyn: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub episodes: u64,
    pub children: u64,
    pub places: Option<u32>,
    /// Episodes per place per year (scaled to the period's length).
    pub rate_per_place: Option<f64>,
    /// Episodes per 1,000 occupied bed days, when the case gives them.
    pub rate_per_1000_bed_days: Option<f64>,
    /// Type code → count; every type present, zeros included.
    pub by_type: BTreeMap<String, u64>,
    /// Monday first, by start time.
    pub by_weekday: [u64; 7],
    /// By start hour 0–23.
    pub by_hour: [u64; 24],
    /// "YYYY-MM" → count; every month of the period, zeros included.
    pub by_month: BTreeMap<String, u64>,
    pub holiday: u64,
    pub non_holiday: u64,
    pub max_per_child: u64,
    pub children_over_one_in_a_month: u64,
    pub over_3_min: u64,
    pub unknown_duration: u64,
    pub isolation_over_limit: u64,
    pub late_registration: u64,
    pub missing_child_statement: u64,
    pub parents_not_told: u64,
    pub witnessed: u64,
    pub staff_two_or_more: u64,
    pub months_without_episodes: u64,
    pub targets: Vec<TargetResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetResult {
    pub target: Target,
    pub met: bool,
    /// The count behind it (e.g. episodes over 3 minutes).
    pub count: u64,
}

/// The comparison across institutions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Sorted by id.
    pub profiles: Vec<Profile>,
    /// Institution ids by episodes, most first.
    pub rank_by_count: Vec<String>,
    /// Institution ids by rate per place, highest first (those with a rate).
    pub rank_by_rate: Vec<String>,
    pub lowest: Option<String>,
    pub highest: Option<String>,
}

/// Profiles of every institution of the audit (or one), and their comparison.
pub fn compare(
    _audit: &Audit,
    _options: &ProfileOptions,
    _institution: Option<&str>,
) -> Comparison {
    Comparison::default()
}
