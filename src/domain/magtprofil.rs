//! The magtprofil (docs/domain.md §5): the systematic overview of one
//! institution's use of force over a period, and the comparison across
//! institutions. The app, the export and `auditpanel magtprofil` read the
//! types here.
//!
//! Episodes are added one at a time to a `ProfileBuilder` (one institution)
//! or a `ProfileSet` (any number, routed by the episode's institution), so a
//! national CSV of a million rows is streamed and never held in memory.
//!
//! What each field means, exactly:
//! - The *period* is `from`–`to`, both inclusive, by the episode's local start
//!   date; episodes outside it are not counted. Without `--from`/`--to` it
//!   is the whole calendar months spanned by the episodes of all the
//!   institutions compared, so every institution is measured over the same
//!   months (and a silent institution shows its empty months).
//! - `rate_per_place`: episodes ÷ places ÷ (days of the period ÷ 365.25);
//!   `rate_per_1000_bed_days`: episodes ÷ (occupied bed days per year ×
//!   days ÷ 365.25) × 1000. Both rounded to 3 decimals, `null` when the
//!   places or bed days are not known (always in the bare CSV mode).
//! - `by_weekday` (Monday first), `by_hour`, `by_month`, `holiday`: by the
//!   local start time. Holidays: see `holidays`.
//! - Durations are real elapsed time across the summer-time switches
//!   (`time::seconds_between`). `over_3_min`: longer than 180 seconds. An
//!   episode with no end, or an end before its start, has an unknown
//!   duration: it is counted in `unknown_duration` and never as short or
//!   long. `isolation_over_limit`: isolations longer than the institution
//!   kind's limit (2 h sikret, 4 h særligt sikret; a kind that may not
//!   isolate has no limit here, the checker reports the isolation itself).
//!   In the bare CSV mode the kind is unknown and sikret (2 h) is assumed.
//! - `late_registration`: registered more than 24 real hours after the
//!   start; no registration time counts in `unknown_registration`.
//! - `missing_child_statement`: child statement `no`; `parents_not_told`:
//!   parents told `no` (not for a young person of 18 or more). These four
//!   and `isolation_over_limit` are the episodes with the rule findings
//!   `isolation-over-limit`, `late-registration`, `registration-missing`,
//!   `child-statement` and `parents-not-told`, from `rules::counted_rules`:
//!   the checker's own rule code for them; `witnessed`: at least one other
//!   child saw it (an empty witnesses field counts in `unknown_witnesses`).
//! - `children_over_one_in_a_month`: children with more than one episode in
//!   at least one calendar month; `staff_two_or_more`: staff ids that took
//!   part in two or more episodes (an id written twice on one episode counts
//!   once); `months_without_episodes`: months of the period with none.
//! - `trend`: the period's months split into halves (the middle month left
//!   out when their number is odd), episodes in the first half against the
//!   second: falls show as clearly as rises, and a drop to zero is flagged.
//! - `targets`: each of the case's own targets, met when its count is 0. For
//!   `none_over3_min` the count is `over_3_min` and the target is met only
//!   when no duration is unknown either (`unknown_duration`); for
//!   `no_witnessed` likewise with `unknown_witnesses`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

use super::control_chart::{ControlChart, control_chart, month_index};
use super::diag::Diagnostics;
use super::episodes::{self, EpisodeRef};
use super::funnel::{Funnel, funnel};
use super::holidays::Holidays;
use super::load;
use super::model::{
    Audit, AuditConfig, Case, Episode, HolidayPeriod, InstitutionKind, InterventionType, Target,
};
use super::rules::{self, Rule};
use super::split;
use super::time;

pub mod parallel;

/// What to compute over.
#[derive(Debug, Clone, Default)]
pub struct ProfileOptions {
    /// First day (inclusive); default: the first day of the first episode's month.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); default: the last day of the last episode's month.
    pub to: Option<NaiveDate>,
    /// Holiday periods; empty means the audit's (`audit.yaml`), and when
    /// those are empty too, the Danish school-holiday defaults.
    pub holidays: Vec<HolidayPeriod>,
}

/// One institution's magtprofil. Serialised as the stable JSON of
/// `auditpanel magtprofil --format json`: the field order is the contract.
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
    /// Episodes per place per year (scaled to the period's length in days ÷ 365.25).
    pub rate_per_place: Option<f64>,
    /// Episodes per 1,000 occupied bed days, when the case gives them.
    pub rate_per_1000_bed_days: Option<f64>,
    /// 1 = most episodes (ties by id), in the comparison it was computed in.
    pub rank_by_count: Option<u32>,
    /// 1 = highest rate per place; `None` without a rate.
    pub rank_by_rate: Option<u32>,
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
    /// The isolation limit used, in minutes (`None`: the kind may not isolate).
    pub isolation_limit_minutes: Option<i64>,
    pub isolation_over_limit: u64,
    pub late_registration: u64,
    pub unknown_registration: u64,
    pub missing_child_statement: u64,
    pub parents_not_told: u64,
    pub witnessed: u64,
    pub unknown_witnesses: u64,
    pub staff_two_or_more: u64,
    pub months_without_episodes: u64,
    /// First half of the period against the second; `None` under two months.
    pub trend: Option<Trend>,
    pub targets: Vec<TargetResult>,
    /// The place in the funnel of the institutions compared (`funnel`);
    /// `None` without places.
    pub funnel: Option<Funnel>,
    /// The u-chart by month (`control_chart`); `None` without places.
    pub control_chart: Option<ControlChart>,
}

impl Profile {
    /// Place-years of the period: places × days ÷ 365.25 (`None` without
    /// places or period). `rate_per_place` is episodes ÷ this.
    pub fn exposure(&self) -> Option<f64> {
        let (from, to) = (self.from?, self.to?);
        let places = self.places.filter(|p| *p > 0)?;
        let days = (to - from).num_days() + 1;
        (days > 0).then(|| f64::from(places) * days as f64 / 365.25)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetResult {
    pub target: Target,
    pub met: bool,
    /// The count behind it (e.g. episodes over 3 minutes). `met` is
    /// `count == 0`, except that `none_over3_min` and `no_witnessed` are not
    /// met while the profile has unknown durations / witnesses
    /// (`unknown_duration`, `unknown_witnesses`): an unknown is never taken
    /// as a success.
    pub count: u64,
}

/// Falls as well as rises: the period's first half against its second.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// Months in each half (the middle month is left out when odd).
    pub months_per_half: u32,
    pub first_half: u64,
    pub second_half: u64,
    /// (second − first) ÷ first × 100, 1 decimal; `None` when the first is 0.
    pub change_percent: Option<f64>,
    pub direction: Direction,
    /// Episodes in the first half and none in the second: a question too.
    pub fell_to_zero: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Rise,
    Fall,
    Flat,
}

impl Direction {
    pub fn label_da(self) -> &'static str {
        match self {
            Direction::Rise => "stigning",
            Direction::Fall => "fald",
            Direction::Flat => "uændret",
        }
    }
}

/// The comparison across institutions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Sorted by id.
    pub profiles: Vec<Profile>,
    /// Institution ids by episodes, most first (ties by id).
    pub rank_by_count: Vec<String>,
    /// Institution ids by rate per place, highest first (those with a rate).
    pub rank_by_rate: Vec<String>,
    /// Fewest episodes (the first by id on a tie).
    pub lowest: Option<String>,
    /// Most episodes (the first by id on a tie).
    pub highest: Option<String>,
}

impl Comparison {
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }
}

/// The code of a target, as in case files and JSON.
pub fn target_code(t: Target) -> &'static str {
    match t {
        Target::NoneOver3Min => "none_over3_min",
        Target::NoFastholdelse => "no_fastholdelse",
        Target::NoChildOverOneAMonth => "no_child_over_one_a_month",
        Target::NoFoeren => "no_foeren",
        Target::NoWitnessed => "no_witnessed",
        Target::OnlyNoedvaerge => "only_noedvaerge",
    }
}

/// Every target, in the order of `Target`.
pub const ALL_TARGETS: [Target; 6] = [
    Target::NoneOver3Min,
    Target::NoFastholdelse,
    Target::NoChildOverOneAMonth,
    Target::NoFoeren,
    Target::NoWitnessed,
    Target::OnlyNoedvaerge,
];

/// The Danish wording of a target, for people.
pub fn target_label_da(t: Target) -> &'static str {
    match t {
        Target::NoneOver3Min => "ingen episode over 3 minutter",
        Target::NoFastholdelse => "ingen fastholdelser",
        Target::NoChildOverOneAMonth => "intet barn med mere end én episode om måneden",
        Target::NoFoeren => "ingen føringer",
        Target::NoWitnessed => "ingen børn ser på",
        Target::OnlyNoedvaerge => "kun nødværge",
    }
}

/// Audits with fewer episodes than this are profiled on one thread.
const PARALLEL_FROM: usize = 50_000;

/// Profiles of every institution of the audit (or one), and their
/// comparison. An unknown `institution` gives an empty comparison (the
/// command line says so before asking).
pub fn compare(audit: &Audit, options: &ProfileOptions, institution: Option<&str>) -> Comparison {
    let holidays = Holidays::from_config(holiday_periods(audit, options));
    let cases: Vec<&Case> = audit
        .cases
        .iter()
        .filter(|c| institution.is_none_or(|i| c.id == i))
        .collect();
    // A national audit's institutions are profiled on every core; the
    // order stays the cases'.
    let threads = threads_for(cases.iter().copied());
    let builders: Vec<(&Case, ProfileBuilder)> = split::par_map(cases, threads, |case| {
        (case, case_builder(case, options, &holidays))
    });
    finish_all(options, builders, threads)
}

/// The options the app opens with: the whole period, the audit's holidays.
pub fn opening_options(config: &AuditConfig) -> ProfileOptions {
    ProfileOptions {
        holidays: config.holidays.clone(),
        ..ProfileOptions::default()
    }
}

/// Loads the audit in `root` and its comparison under
/// [`opening_options`], as the app opens it: each institution's episodes
/// are counted on the loading thread that has just read them, so there is
/// no second pass over a national audit. The comparison is the one
/// `compare(&audit, &opening_options(&audit.config), None)` gives.
pub fn load_and_compare(root: &Path) -> (Audit, Comparison) {
    let built: Mutex<HashMap<PathBuf, ProfileBuilder>> = Mutex::new(HashMap::new());
    let audit = load::load_audit_each_case(root, &|config, case| {
        let options = opening_options(config);
        let holidays = Holidays::from_config(&options.holidays);
        let b = case_builder(case, &options, &holidays);
        built
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(case.file.clone(), b);
    });
    let mut built = built.into_inner().unwrap_or_else(|e| e.into_inner());
    let options = opening_options(&audit.config);
    let holidays = Holidays::from_config(holiday_periods(&audit, &options));
    let builders: Vec<(&Case, ProfileBuilder)> = audit
        .cases
        .iter()
        .map(|case| {
            let b = built
                .remove(&case.file)
                .unwrap_or_else(|| case_builder(case, &options, &holidays));
            (case, b)
        })
        .collect();
    let comparison = finish_all(&options, builders, threads_for(audit.cases.iter()));
    (audit, comparison)
}

/// Threads for profiling these cases: every core from `PARALLEL_FROM`
/// episodes, else one.
fn threads_for<'a>(cases: impl Iterator<Item = &'a Case>) -> usize {
    let episodes: usize = cases.map(|c| c.episodes.len()).sum();
    if episodes >= PARALLEL_FROM {
        split::threads()
    } else {
        1
    }
}

/// The holiday periods a profile uses: the options', else the audit's.
fn holiday_periods<'a>(audit: &'a Audit, options: &'a ProfileOptions) -> &'a [HolidayPeriod] {
    if options.holidays.is_empty() {
        &audit.config.holidays
    } else {
        &options.holidays
    }
}

/// One case's builder, with all its episodes added.
fn case_builder(case: &Case, options: &ProfileOptions, holidays: &Holidays) -> ProfileBuilder {
    let mut b = ProfileBuilder::new(&case.id, options, holidays.clone(), case.kind);
    for e in &case.episodes {
        b.add(e);
    }
    b
}

/// The profiles over the common period of all builders, ranked.
fn finish_all(
    options: &ProfileOptions,
    builders: Vec<(&Case, ProfileBuilder)>,
    threads: usize,
) -> Comparison {
    let period = common_period(options, builders.iter().map(|(_, b)| b));
    let profiles = split::par_map(builders, threads, |(case, b)| b.finish(period, Some(case)));
    rank(profiles)
}

/// The profile of a bare episodes CSV (the fixed format), streamed: one
/// profile per value of its `institution` column (rates are `null`, the
/// isolation limit that of a sikret institution). Bad rows go to `diags`
/// and are left out.
pub fn profile_csv<R: Read>(
    reader: R,
    path: &Path,
    options: &ProfileOptions,
    institution: Option<&str>,
    diags: &mut Diagnostics,
) -> Comparison {
    let mut set = ProfileSet::new(
        options,
        Holidays::from_config(&options.holidays),
        institution,
    );
    episodes::read_csv_ref(reader, path, None, diags, |e| set.add_ref(e));
    set.finish()
}

/// Any number of institutions' builders, each episode routed by its
/// `institution` (for a bare CSV, where there are no cases).
#[derive(Debug)]
pub struct ProfileSet {
    options: ProfileOptions,
    holidays: Holidays,
    only: Option<String>,
    builders: Vec<ProfileBuilder>,
    index: FxHashMap<Box<str>, usize>,
    last: Option<usize>,
    /// Institutions seen but left out because of `only`.
    others: FxHashMap<Box<str>, ()>,
}

impl ProfileSet {
    pub fn new(options: &ProfileOptions, holidays: Holidays, only: Option<&str>) -> Self {
        ProfileSet {
            options: options.clone(),
            holidays,
            only: only.map(str::to_string),
            builders: Vec::new(),
            index: FxHashMap::default(),
            last: None,
            others: FxHashMap::default(),
        }
    }

    fn builder(&mut self, institution: &str) -> Option<&mut ProfileBuilder> {
        // Exports are often sorted by institution: try the last one first.
        if let Some(i) = self.last
            && self.builders[i].id == institution
        {
            return self.builders.get_mut(i);
        }
        if let Some(&i) = self.index.get(institution) {
            self.last = Some(i);
            return self.builders.get_mut(i);
        }
        if self.only.as_deref().is_some_and(|o| o != institution) {
            if !self.others.contains_key(institution) {
                self.others.insert(institution.into(), ());
            }
            return None;
        }
        let i = self.builders.len();
        self.builders.push(ProfileBuilder::new(
            institution,
            &self.options,
            self.holidays.clone(),
            InstitutionKind::Sikret,
        ));
        self.index.insert(institution.into(), i);
        self.last = Some(i);
        self.builders.get_mut(i)
    }

    pub fn add_ref(&mut self, e: &EpisodeRef<'_>) {
        if let Some(b) = self.builder(e.institution) {
            b.add_ref(e);
        }
    }

    pub fn add(&mut self, e: &Episode) {
        if let Some(b) = self.builder(&e.institution) {
            b.add(e);
        }
    }

    /// Every institution id seen, sorted (including those `only` left out).
    pub fn seen(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .index
            .keys()
            .chain(self.others.keys())
            .map(|k| k.to_string())
            .collect();
        ids.sort();
        ids
    }

    pub fn finish(self) -> Comparison {
        let period = common_period(&self.options, self.builders.iter());
        let profiles = self
            .builders
            .into_iter()
            .map(|b| b.finish(period, None))
            .collect();
        rank(profiles)
    }
}

/// The period: the options' bounds, else the whole months of the episodes.
fn common_period<'a>(
    options: &ProfileOptions,
    builders: impl Iterator<Item = &'a ProfileBuilder>,
) -> Option<(NaiveDate, NaiveDate)> {
    let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
    for b in builders {
        first = min_opt(first, b.first);
        last = max_opt(last, b.last);
    }
    let from = options
        .from
        .or(first.map(first_of_month))
        .or(options.to.map(first_of_month))?;
    let to = options
        .to
        .or(last.map(last_of_month))
        .unwrap_or(last_of_month(from));
    Some((from, to))
}

fn min_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = first_of_month(d);
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(d)
}

/// Sorts by id, ranks by count and rate, and finds the lowest and highest.
fn rank(mut profiles: Vec<Profile>) -> Comparison {
    profiles.sort_by(|a, b| a.id.cmp(&b.id));
    let mut by_count: Vec<usize> = (0..profiles.len()).collect();
    // Stable sort on an id-sorted list: ties stay by id.
    by_count.sort_by(|&a, &b| profiles[b].episodes.cmp(&profiles[a].episodes));
    let mut by_rate: Vec<(usize, f64)> = profiles
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.rate_per_place.map(|r| (i, r)))
        .collect();
    by_rate.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (rank, &i) in by_count.iter().enumerate() {
        profiles[i].rank_by_count = u32::try_from(rank + 1).ok();
    }
    for (rank, &(i, _)) in by_rate.iter().enumerate() {
        profiles[i].rank_by_rate = u32::try_from(rank + 1).ok();
    }
    let positions = funnel(
        &profiles
            .iter()
            .map(|p| (p.episodes, p.exposure()))
            .collect::<Vec<_>>(),
    );
    for (p, f) in profiles.iter_mut().zip(positions) {
        p.funnel = f;
    }
    let lowest = profiles
        .iter()
        .min_by(|a, b| a.episodes.cmp(&b.episodes).then(a.id.cmp(&b.id)))
        .map(|p| p.id.clone());
    Comparison {
        rank_by_count: by_count.iter().map(|&i| profiles[i].id.clone()).collect(),
        rank_by_rate: by_rate
            .iter()
            .map(|&(i, _)| profiles[i].id.clone())
            .collect(),
        highest: by_count.first().map(|&i| profiles[i].id.clone()),
        lowest,
        profiles,
    }
}

/// A fast, non-cryptographic hash (the "Fx" hash of rustc) for the id
/// tables: the ids are the user's own file, so hash flooding is no concern.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(small_word(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_u128(&mut self, i: u128) {
        self.add(i as u64);
        self.add((i >> 64) as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn write_i32(&mut self, i: i32) {
        self.add(u64::from(i.cast_unsigned()));
    }
    fn finish(&self) -> u64 {
        // The multiply carries every input bit upwards only; the table
        // indexes by the low bits, so bring the well-mixed high bits down
        // (as rustc-hash 2 does). Without this, ids that differ only at the
        // end ("B68-60", "B68-61") all land in one bucket.
        self.hash.rotate_left(26)
    }
}

type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Pseudonymous ids (children, staff) numbered in order of appearance.
/// Ids of up to 7 bytes (most: "B-0983", "P-153") are kept inline as one
/// `u64`, up to 15 bytes as one `u128`, so a lookup is a hash and an
/// integer compare with no pointer to follow (the `u64` table's entries
/// are half the size, and its hash one multiplication).
#[derive(Debug, Default)]
struct Interner {
    tiny: FxHashMap<u64, u32>,
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl Interner {
    fn get(&mut self, s: &str) -> u32 {
        let next = u32::try_from(self.len()).unwrap_or(u32::MAX);
        let b = s.as_bytes();
        if b.len() < 8 {
            *self.tiny.entry(tiny_key(b)).or_insert(next)
        } else if b.len() < 16 {
            *self.short.entry(short_key(b)).or_insert(next)
        } else if let Some(&i) = self.long.get(s) {
            i
        } else {
            self.long.insert(s.into(), next);
            next
        }
    }

    fn len(&self) -> usize {
        self.tiny.len() + self.short.len() + self.long.len()
    }
}

/// A text of up to 7 bytes as a `u64` that no other such text has: its
/// bytes from the lowest up and, in the top byte, its length. Four to seven
/// bytes are two overlapping four-byte reads, the second shifted onto its
/// place (the bytes they share are the same, so or-ing them is exact);
/// fewer are `small_word`'s first, middle and last byte, all of them.
fn tiny_key(b: &[u8]) -> u64 {
    debug_assert!(b.len() < 8);
    let n = b.len();
    let packed = if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else {
        small_word(b)
    };
    packed | (n as u64) << 56
}

/// Up to eight bytes as one word that holds every one of them (for a given
/// length), read without a `memcpy` call for the varying length: two
/// overlapping four-byte reads for 4 to 8 bytes, else the first, middle and
/// last byte.
fn small_word(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
        u64::from(lo) | u64::from(hi) << 32
    } else if n > 0 {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    } else {
        0
    }
}

/// A text of up to 15 bytes as a `u128` that no other such text has: its
/// bytes and, in the top byte, its length. Eight or more bytes are read as
/// two overlapping eight-byte words (the second shifted past the overlap).
fn short_key(b: &[u8]) -> u128 {
    debug_assert!(b.len() < 16);
    let n = b.len();
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let (lo, hi) = if n >= 8 {
        // The last eight bytes hold bytes 8.. at their top: move them down.
        (
            word(0),
            word(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0),
        )
    } else {
        (small_word(b), 0)
    };
    u128::from(lo) | u128::from(hi) << 64 | (n as u128) << 120
}

/// Real seconds from `start` to `end` in Copenhagen. Skips the time-zone
/// lookup when neither day can hold a summer-time switch (since 1996 the
/// last Sundays of March and October) and they are at most a day apart.
fn real_seconds(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    time::real_seconds(start, end)
}

/// The facts of one episode the profile reads, from an `Episode` or an
/// `EpisodeRef`.
struct Facts<'a, S> {
    child: &'a str,
    /// The start, the type and what the counted rules read
    /// (`rules::counted_rules`, the checker's own code for them).
    counted: rules::CountedFacts,
    end: Option<NaiveDateTime>,
    witnesses: Option<u16>,
    staff: S,
}

/// Accumulates one institution's episodes; `finish` gives the `Profile`.
#[derive(Debug)]
pub struct ProfileBuilder {
    id: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    holidays: Holidays,
    isolation_limit: Option<i64>,
    kind: InstitutionKind,
    episodes: u64,
    by_type: [u64; 8],
    by_weekday: [u64; 7],
    by_hour: [u64; 24],
    by_month: MonthCounts,
    holiday: u64,
    over_3_min: u64,
    unknown_duration: u64,
    isolation_over_limit: u64,
    late_registration: u64,
    unknown_registration: u64,
    missing_child_statement: u64,
    parents_not_told: u64,
    witnessed: u64,
    unknown_witnesses: u64,
    children: Interner,
    per_child: Vec<u64>,
    over_one_in_a_month: Vec<bool>,
    child_months: FxHashMap<(u32, i32), u32>,
    staff: Interner,
    per_staff: Vec<u64>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// The last episode's day and what `add_facts` looked up for it (an
    /// institution's episodes come in time order, several a day).
    last_day: Option<(NaiveDate, Day)>,
}

/// Episodes per month (`month_index`), in a run of months from the first
/// one counted: an institution's months are few and mostly counted in
/// order, and a tree's search per episode cost more than the count.
#[derive(Debug, Default)]
struct MonthCounts {
    first: i32,
    counts: Vec<u64>,
}

impl MonthCounts {
    fn add(&mut self, month: i32, n: u64) {
        if self.counts.is_empty() {
            self.first = month;
        }
        if month < self.first {
            let before = usize::try_from(self.first - month).unwrap_or(0);
            self.counts.splice(0..0, std::iter::repeat_n(0, before));
            self.first = month;
        }
        let i = usize::try_from(month - self.first).unwrap_or(0);
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += n;
    }

    fn get(&self, month: i32) -> u64 {
        usize::try_from(month - self.first)
            .ok()
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// Every month from the first counted to the last, with its count.
    fn iter(&self) -> impl Iterator<Item = (i32, u64)> + '_ {
        (self.first..).zip(self.counts.iter().copied())
    }
}

/// What a profile counts of an episode's day.
#[derive(Debug, Clone, Copy)]
struct Day {
    weekday: u8,
    month: i32,
    holiday: bool,
}

impl ProfileBuilder {
    /// A builder for institution `id` of `kind` (which sets the isolation limit).
    pub fn new(
        id: &str,
        options: &ProfileOptions,
        holidays: Holidays,
        kind: InstitutionKind,
    ) -> Self {
        ProfileBuilder {
            id: id.to_string(),
            from: options.from,
            to: options.to,
            holidays,
            isolation_limit: kind.isolation_limit_minutes(),
            kind,
            episodes: 0,
            by_type: [0; 8],
            by_weekday: [0; 7],
            by_hour: [0; 24],
            by_month: MonthCounts::default(),
            holiday: 0,
            over_3_min: 0,
            unknown_duration: 0,
            isolation_over_limit: 0,
            late_registration: 0,
            unknown_registration: 0,
            missing_child_statement: 0,
            parents_not_told: 0,
            witnessed: 0,
            unknown_witnesses: 0,
            children: Interner::default(),
            per_child: Vec::new(),
            over_one_in_a_month: Vec::new(),
            child_months: FxHashMap::default(),
            staff: Interner::default(),
            per_staff: Vec::new(),
            first: None,
            last: None,
            last_day: None,
        }
    }

    pub fn add(&mut self, e: &Episode) {
        self.add_facts(Facts {
            child: &e.child,
            counted: rules::CountedFacts::of(e),
            end: e.end,
            witnesses: e.witnesses,
            staff: e.staff.iter().map(|s| s.as_str()),
        });
    }

    pub fn add_ref(&mut self, e: &EpisodeRef<'_>) {
        self.add_facts(Facts {
            child: e.child,
            counted: rules::CountedFacts::of_ref(e),
            end: e.end,
            witnesses: e.witnesses,
            staff: e.staff(),
        });
    }

    fn add_facts<'a>(&mut self, f: Facts<'a, impl Iterator<Item = &'a str>>) {
        let (start, kind) = (f.counted.start, f.counted.kind);
        let day = start.date();
        if self.from.is_some_and(|d| day < d) || self.to.is_some_and(|d| day > d) {
            return;
        }
        self.first = min_opt(self.first, Some(day));
        self.last = max_opt(self.last, Some(day));
        self.episodes += 1;
        self.by_type[kind as usize] += 1;
        let Day {
            weekday,
            month,
            holiday,
        } = match self.last_day {
            Some((d, facts)) if d == day => facts,
            _ => {
                let facts = Day {
                    weekday: day.weekday().num_days_from_monday() as u8,
                    month: month_index(day),
                    holiday: self.holidays.is_holiday(day),
                };
                self.last_day = Some((day, facts));
                facts
            }
        };
        self.by_weekday[usize::from(weekday)] += 1;
        self.by_hour[start.hour() as usize] += 1;
        self.by_month.add(month, 1);
        if holiday {
            self.holiday += 1;
        }

        let duration = f.end.map(|end| real_seconds(start, end));
        match duration {
            Some(secs) if secs >= 0 => {
                if secs > 180 {
                    self.over_3_min += 1;
                }
            }
            _ => self.unknown_duration += 1,
        }
        // The rule findings, from the checker's own rule code.
        let found = rules::counted_rules(&f.counted, self.kind, duration);
        let count = |r: Rule| u64::from(found.contains(r));
        self.isolation_over_limit += count(Rule::IsolationOverLimit);
        self.late_registration += count(Rule::LateRegistration);
        self.unknown_registration += count(Rule::RegistrationMissing);
        self.missing_child_statement += count(Rule::ChildStatement);
        self.parents_not_told += count(Rule::ParentsNotTold);
        match f.witnesses {
            Some(0) => {}
            Some(_) => self.witnessed += 1,
            None => self.unknown_witnesses += 1,
        }

        let child = self.children.get(f.child) as usize;
        if child == self.per_child.len() {
            self.per_child.push(0);
            self.over_one_in_a_month.push(false);
        }
        self.per_child[child] += 1;
        // Only whether a child ever had two in one month matters: once it
        // has, its months need no more counting (and no more cache misses).
        if !self.over_one_in_a_month[child] {
            let n = self.child_months.entry((child as u32, month)).or_default();
            *n += 1;
            if *n > 1 {
                self.over_one_in_a_month[child] = true;
            }
        }

        // Staff on one episode are few; an id written twice counts once.
        let mut seen = [0u32; 8];
        let mut n = 0;
        let mut extra: Vec<u32> = Vec::new();
        for s in f.staff {
            let id = self.staff.get(s);
            if seen[..n].contains(&id) || extra.contains(&id) {
                continue;
            }
            if n < seen.len() {
                seen[n] = id;
                n += 1;
            } else {
                extra.push(id);
            }
            if id as usize == self.per_staff.len() {
                self.per_staff.push(0);
            }
            self.per_staff[id as usize] += 1;
        }
    }

    /// The profile over `period` (the common period of the comparison),
    /// with the case's name, places, bed days and targets when there is one.
    pub fn finish(self, period: Option<(NaiveDate, NaiveDate)>, case: Option<&Case>) -> Profile {
        let by_type = InterventionType::ALL
            .iter()
            .map(|t| (t.code().to_string(), self.by_type[*t as usize]))
            .collect();
        let mut by_month = BTreeMap::new();
        let mut months: Vec<u64> = Vec::new();
        let mut indexed: Vec<(i32, u64)> = Vec::new();
        if let Some((from, to)) = period {
            for m in month_index(from)..=month_index(to) {
                let n = self.by_month.get(m);
                by_month.insert(
                    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
                    n,
                );
                months.push(n);
                indexed.push((m, n));
            }
        }
        let chart =
            period.and_then(|(from, to)| control_chart(case.map(|c| c.places), from, to, &indexed));
        let years = period.map(|(from, to)| ((to - from).num_days() + 1) as f64 / 365.25);
        let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
        let places = case.map(|c| c.places);
        let rate_per_place = match (places, years) {
            (Some(p), Some(y)) if p > 0 && y > 0.0 => {
                Some(round3(self.episodes as f64 / f64::from(p) / y))
            }
            _ => None,
        };
        let rate_per_1000_bed_days = match (case.and_then(|c| c.occupied_bed_days), years) {
            (Some(d), Some(y)) if d > 0 && y > 0.0 => {
                Some(round3(self.episodes as f64 / (f64::from(d) * y) * 1000.0))
            }
            _ => None,
        };
        let count = |t: InterventionType| self.by_type[t as usize];
        let children_over_one_in_a_month =
            self.over_one_in_a_month.iter().filter(|b| **b).count() as u64;
        let targets = case
            .map(|c| {
                let mut ts = c.targets.clone();
                ts.sort();
                ts.dedup();
                ts.into_iter()
                    .map(|target| {
                        let (count, unknown) = match target {
                            Target::NoneOver3Min => (self.over_3_min, self.unknown_duration),
                            Target::NoFastholdelse => (count(InterventionType::Fastholdelse), 0),
                            Target::NoChildOverOneAMonth => (children_over_one_in_a_month, 0),
                            Target::NoFoeren => (count(InterventionType::Foeren), 0),
                            Target::NoWitnessed => (self.witnessed, self.unknown_witnesses),
                            Target::OnlyNoedvaerge => {
                                (self.episodes - count(InterventionType::Noedvaerge), 0)
                            }
                        };
                        TargetResult {
                            target,
                            met: count == 0 && unknown == 0,
                            count,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Profile {
            id: self.id,
            name: case.map(|c| c.name.clone()),
            tilsyn: case.map(|c| c.tilsyn.clone()),
            from: period.map(|p| p.0),
            to: period.map(|p| p.1),
            episodes: self.episodes,
            children: self.children.len() as u64,
            places,
            rate_per_place,
            rate_per_1000_bed_days,
            rank_by_count: None,
            rank_by_rate: None,
            by_type,
            by_weekday: self.by_weekday,
            by_hour: self.by_hour,
            by_month,
            holiday: self.holiday,
            non_holiday: self.episodes - self.holiday,
            max_per_child: self.per_child.iter().copied().max().unwrap_or(0),
            children_over_one_in_a_month,
            over_3_min: self.over_3_min,
            unknown_duration: self.unknown_duration,
            isolation_limit_minutes: self.isolation_limit,
            isolation_over_limit: self.isolation_over_limit,
            late_registration: self.late_registration,
            unknown_registration: self.unknown_registration,
            missing_child_statement: self.missing_child_statement,
            parents_not_told: self.parents_not_told,
            witnessed: self.witnessed,
            unknown_witnesses: self.unknown_witnesses,
            staff_two_or_more: self.per_staff.iter().filter(|n| **n >= 2).count() as u64,
            months_without_episodes: months.iter().filter(|n| **n == 0).count() as u64,
            trend: trend(&months),
            targets,
            funnel: None,
            control_chart: chart,
        }
    }
}

/// First half of the months against the second (see the module doc).
fn trend(months: &[u64]) -> Option<Trend> {
    let half = months.len() / 2;
    if half == 0 {
        return None;
    }
    let first_half: u64 = months[..half].iter().sum();
    let second_half: u64 = months[months.len() - half..].iter().sum();
    let change_percent = (first_half > 0).then(|| {
        let p = (second_half as f64 - first_half as f64) / first_half as f64 * 100.0;
        (p * 10.0).round() / 10.0
    });
    Some(Trend {
        months_per_half: u32::try_from(half).unwrap_or(u32::MAX),
        first_half,
        second_half,
        change_percent,
        direction: match second_half.cmp(&first_half) {
            std::cmp::Ordering::Greater => Direction::Rise,
            std::cmp::Ordering::Less => Direction::Fall,
            std::cmp::Ordering::Equal => Direction::Flat,
        },
        fell_to_zero: first_half > 0 && second_half == 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> NaiveDateTime {
        time::parse_local(s).unwrap()
    }

    proptest! {
        /// Two short ids have one key exactly when they are the same id
        /// (a small alphabet, so that near misses are common).
        #[test]
        fn short_keys_tell_every_short_id_apart(
            a in prop::collection::vec(prop::sample::select(vec![0u8, b'B', b'-', b'1', 0xff]), 0..16),
            b in prop::collection::vec(prop::sample::select(vec![0u8, b'B', b'-', b'1', 0xff]), 0..16),
        ) {
            prop_assert_eq!(short_key(&a) == short_key(&b), a == b, "{:?} {:?}", a, b);
        }

        /// The hash words cover every byte of a remainder.
        #[test]
        fn small_words_tell_equal_lengths_apart(
            (a, b) in (0usize..8).prop_flat_map(|n| {
                let bytes = || prop::collection::vec(prop::sample::select(vec![0u8, b'B', b'1', 0xff]), n);
                (bytes(), bytes())
            })
        ) {
            prop_assert_eq!(small_word(&a) == small_word(&b), a == b, "{:?} {:?}", a, b);
        }
    }

    /// Every id of up to 7 bytes over three bytes (the low and high bits,
    /// and a letter) has its own `u64` key: 3,280 ids, all of them.
    #[test]
    fn every_tiny_id_over_three_bytes_has_its_own_key() {
        let alphabet = [0u8, b'B', 0xff];
        let mut seen = std::collections::HashSet::new();
        for n in 0..8u32 {
            for mut v in 0..3usize.pow(n) {
                let bytes: Vec<u8> = (0..n)
                    .map(|_| {
                        let b = alphabet[v % 3];
                        v /= 3;
                        b
                    })
                    .collect();
                assert!(seen.insert(tiny_key(&bytes)), "{bytes:?}");
            }
        }
        assert_eq!(seen.len(), 3280);
    }

    #[test]
    fn every_short_id_of_one_or_two_bytes_has_its_own_key() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..=2usize {
            for v in 0..(1u32 << (8 * n)) {
                let bytes = &v.to_le_bytes()[..n];
                assert!(seen.insert(short_key(bytes)), "{bytes:?}");
            }
        }
    }

    #[test]
    fn real_seconds_across_the_switches() {
        assert_eq!(
            real_seconds(at("2017-03-26T01:58"), at("2017-03-26T03:01")),
            180
        );
        assert_eq!(
            real_seconds(at("2017-10-29T01:30"), at("2017-10-29T03:30")),
            3 * 3600
        );
        // Across midnight on a quiet day: the fast path.
        assert_eq!(
            real_seconds(at("2016-02-29T23:50"), at("2016-03-01T00:10")),
            1200
        );
        // Registered the day after the switch to summer time.
        assert_eq!(
            real_seconds(at("2017-03-26T01:58"), at("2017-03-27T02:30")),
            (23 * 60 + 32) * 60
        );
        assert_eq!(
            real_seconds(at("2017-05-05T10:00"), at("2017-05-05T09:00")),
            -3600
        );
    }

    proptest! {
        /// The fast path never disagrees with the time-zone lookup.
        #[test]
        fn real_seconds_agree_with_the_time_zone(
            start in 0i64..(40 * 366 * 24 * 60),
            minutes in -200i64..(3 * 24 * 60),
        ) {
            let base = at("1990-01-01T00:00");
            let s = base + chrono::Duration::minutes(start);
            let e = s + chrono::Duration::minutes(minutes);
            prop_assert_eq!(real_seconds(s, e), time::seconds_between(s, e));
        }
    }

    #[test]
    fn real_seconds_agree_on_every_switch_day_since_1996() {
        for y in 1996..2040 {
            for m in [3, 10] {
                for d in 25..=31 {
                    let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    for (h, len) in [(0, 300), (1, 90), (2, 30), (23, 240)] {
                        let s = day.and_hms_opt(h, 10, 0).unwrap();
                        let e = s + chrono::Duration::minutes(len);
                        assert_eq!(real_seconds(s, e), time::seconds_between(s, e), "{s}");
                        let p = s - chrono::Duration::days(1);
                        assert_eq!(real_seconds(p, e), time::seconds_between(p, e), "{p}");
                    }
                }
            }
        }
    }

    proptest! {
        /// Months counted in any order (before the first, after the last,
        /// far apart) are what a map of the same additions holds.
        #[test]
        fn month_counts_are_a_maps(adds in prop::collection::vec((24_000i32..24_200, 0u64..3), 0..60)) {
            let mut counts = MonthCounts::default();
            let mut want: BTreeMap<i32, u64> = BTreeMap::new();
            for &(m, n) in &adds {
                counts.add(m, n);
                *want.entry(m).or_default() += n;
            }
            for m in 23_990..24_210 {
                prop_assert_eq!(counts.get(m), want.get(&m).copied().unwrap_or(0), "{}", m);
            }
            let nonzero: BTreeMap<i32, u64> = counts.iter().filter(|&(_, n)| n > 0).collect();
            want.retain(|_, n| *n > 0);
            prop_assert_eq!(nonzero, want);
        }
    }

    #[test]
    fn trend_halves_leave_out_the_middle_month() {
        assert_eq!(trend(&[5]), None);
        assert_eq!(trend(&[]), None);
        let t = trend(&[4, 1, 100, 0, 1]).unwrap();
        assert_eq!((t.months_per_half, t.first_half, t.second_half), (2, 5, 1));
        assert_eq!(t.change_percent, Some(-80.0));
        assert_eq!(t.direction, Direction::Fall);
        assert!(!t.fell_to_zero);
        let t = trend(&[3, 3]).unwrap();
        assert_eq!(
            (t.direction, t.change_percent),
            (Direction::Flat, Some(0.0))
        );
        let t = trend(&[0, 0]).unwrap();
        assert_eq!(
            (t.direction, t.change_percent, t.fell_to_zero),
            (Direction::Flat, None, false)
        );
    }

    #[test]
    fn ranks_break_ties_by_id() {
        let p = |id: &str, episodes, rate| Profile {
            id: id.into(),
            episodes,
            rate_per_place: rate,
            ..Default::default()
        };
        let c = rank(vec![
            p("c", 28, Some(2.0)),
            p("a", 254, Some(1.0)),
            p("b", 28, None),
            p("d", 254, Some(9.5)),
        ]);
        assert_eq!(
            c.profiles.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(c.rank_by_count, ["a", "d", "b", "c"]);
        assert_eq!(c.rank_by_rate, ["d", "c", "a"]);
        assert_eq!(c.lowest.as_deref(), Some("b"));
        assert_eq!(c.highest.as_deref(), Some("a"));
        assert_eq!(c.profiles[1].rank_by_rate, None);
        assert_eq!(c.profiles[3].rank_by_count, Some(2));
    }

    #[test]
    fn interner_numbers_short_and_long_ids_apart() {
        let mut i = Interner::default();
        let long = "en-meget-lang-pseudonym-identitet";
        assert_eq!(i.get("B1"), 0);
        assert_eq!(i.get(long), 1);
        assert_eq!(i.get("B10"), 2);
        assert_eq!(i.get("B1"), 0);
        assert_eq!(i.get(long), 1);
        // 15 bytes inline, 16 in the long table; no clash with a shorter id.
        assert_eq!(i.get("123456789012345"), 3);
        assert_eq!(i.get("1234567890123456"), 4);
        assert_eq!(i.get("12345678901234"), 5);
        // 7 bytes in the u64 table, 8 in the u128 one.
        assert_eq!(i.get("1234567"), 6);
        assert_eq!(i.get("12345678"), 7);
        assert_eq!(i.get("1234567"), 6);
        assert_eq!(i.get("B1"), 0);
        assert_eq!(i.len(), 8);
    }

    #[test]
    fn the_default_period_is_whole_months() {
        let o = ProfileOptions::default();
        let mut b = ProfileBuilder::new("a", &o, Holidays::DanishDefaults, InstitutionKind::Sikret);
        assert_eq!(common_period(&o, std::iter::once(&b)), None);
        b.first = Some(NaiveDate::from_ymd_opt(2016, 2, 10).unwrap());
        b.last = Some(NaiveDate::from_ymd_opt(2016, 2, 29).unwrap());
        assert_eq!(
            common_period(&o, std::iter::once(&b)),
            Some((
                NaiveDate::from_ymd_opt(2016, 2, 1).unwrap(),
                NaiveDate::from_ymd_opt(2016, 2, 29).unwrap()
            ))
        );
        let only_from = ProfileOptions {
            from: NaiveDate::from_ymd_opt(2017, 12, 5),
            ..Default::default()
        };
        let empty = ProfileBuilder::new(
            "a",
            &only_from,
            Holidays::DanishDefaults,
            InstitutionKind::Sikret,
        );
        assert_eq!(
            common_period(&only_from, std::iter::once(&empty)),
            Some((
                NaiveDate::from_ymd_opt(2017, 12, 5).unwrap(),
                NaiveDate::from_ymd_opt(2017, 12, 31).unwrap()
            ))
        );
    }
}
