//! Drill-down from a magtprofil figure to the episodes behind it: which of
//! a case's episodes a bar (month, weekday, hour, type, holiday), a rule
//! count or a target counts, by the same definitions as `magtprofil`
//! (local start time inside the period, the checker's rules, real
//! durations). The app's episode table shows exactly these.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, Timelike};

use super::control_chart::month_index;
use super::holidays::Holidays;
use super::model::{Case, InterventionType, Target};
use super::rules::{self, Rule};
use super::time;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillBy {
    /// A month as year × 12 + month − 1.
    Month(i32),
    /// Monday = 0.
    Weekday(u32),
    Hour(u32),
    Type(InterventionType),
    /// In a holiday period (true) or not.
    Holiday(bool),
    /// Episodes with this rule finding.
    Rule(Rule),
    /// The episodes behind a target's count (for "no child over one a
    /// month": every episode of the children with two or more in a month).
    Target(Target),
}

/// Per episode of `case` (case order): whether `by` counts it inside
/// `from..=to` (both inclusive; `None` = open).
pub fn select(
    by: DrillBy,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    case: &Case,
    holidays: &Holidays,
) -> Vec<bool> {
    let inside = |d: NaiveDate| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t);
    // Children with two or more episodes in one month (only for that target).
    let busy: HashSet<&str> = if by == DrillBy::Target(Target::NoChildOverOneAMonth) {
        let mut per: HashMap<(&str, i32), u32> = HashMap::new();
        for e in case.episodes.iter().filter(|e| inside(e.start.date())) {
            *per.entry((e.child.as_str(), month_index(e.start.date())))
                .or_default() += 1;
        }
        per.into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|((c, _), _)| c)
            .collect()
    } else {
        HashSet::new()
    };
    case.episodes
        .iter()
        .map(|e| {
            let day = e.start.date();
            if !inside(day) {
                return false;
            }
            let has = |r: Rule| {
                rules::evaluate(&rules::Facts::of(e), case.kind)
                    .rules
                    .contains(r)
            };
            match by {
                DrillBy::Month(m) => month_index(day) == m,
                DrillBy::Weekday(d) => day.weekday().num_days_from_monday() == d,
                DrillBy::Hour(h) => e.start.hour() == h,
                DrillBy::Type(t) => e.kind == t,
                DrillBy::Holiday(h) => holidays.is_holiday(day) == h,
                DrillBy::Rule(r) => has(r),
                DrillBy::Target(t) => match t {
                    Target::NoneOver3Min => e
                        .end
                        .is_some_and(|end| time::real_seconds(e.start, end) > 180),
                    Target::NoFastholdelse => e.kind == InterventionType::Fastholdelse,
                    Target::NoChildOverOneAMonth => busy.contains(e.child.as_str()),
                    Target::NoFoeren => e.kind == InterventionType::Foeren,
                    Target::NoWitnessed => e.witnesses.is_some_and(|w| w > 0),
                    Target::OnlyNoedvaerge => e.kind != InterventionType::Noedvaerge,
                },
            }
        })
        .collect()
}
