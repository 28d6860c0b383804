//! Holiday periods for the magtprofil's holiday/non-holiday split: the
//! audit's own periods (`audit.yaml`, `holidays:`) or, when it gives none,
//! the Danish school-holiday defaults.
//!
//! The defaults, each inclusive:
//! - ISO weeks 7 (vinterferie), 27–32 (sommerferie) and 42 (efterårsferie),
//!   Monday to Sunday;
//! - påskeferie: Palm Sunday to Easter Monday (Easter Sunday − 7 days to
//!   Easter Sunday + 1 day), the days Danish schools are closed around
//!   Easter; Easter by the Gregorian computus;
//! - juleferie: 24 December to 1 January.

use chrono::{Datelike, Days, NaiveDate};

use super::model::HolidayPeriod;

/// Decides whether a day is a holiday.
#[derive(Debug, Clone)]
pub enum Holidays {
    /// The Danish school-holiday defaults (see the module doc).
    DanishDefaults,
    /// The audit's own periods (inclusive ranges).
    Periods(Vec<(NaiveDate, NaiveDate)>),
}

impl Holidays {
    /// The audit's periods, or the defaults when there are none.
    pub fn from_config(periods: &[HolidayPeriod]) -> Self {
        if periods.is_empty() {
            Holidays::DanishDefaults
        } else {
            Holidays::Periods(periods.iter().map(|p| (p.from, p.to)).collect())
        }
    }

    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        match self {
            Holidays::DanishDefaults => is_default_holiday(day),
            Holidays::Periods(ps) => ps.iter().any(|(f, t)| *f <= day && day <= *t),
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher"). `None` only outside chrono's date range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The default påskeferie of a year: Palm Sunday to Easter Monday.
pub fn easter_holiday(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let easter = easter_sunday(year)?;
    Some((
        easter.checked_sub_days(Days::new(7))?,
        easter.checked_add_days(Days::new(1))?,
    ))
}

fn is_default_holiday(day: NaiveDate) -> bool {
    let (m, d) = (day.month(), day.day());
    if (m == 12 && d >= 24) || (m == 1 && d == 1) {
        return true;
    }
    if matches!(day.iso_week().week(), 7 | 27..=32 | 42) {
        return true;
    }
    // Palm Sunday falls 15 March – 18 April, Easter Monday 23 March – 26 April.
    if (m == 3 && d >= 15) || (m == 4 && d <= 26) {
        return easter_holiday(day.year()).is_some_and(|(f, t)| f <= day && day <= t);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_sundays_of_several_years() {
        for (y, e) in [
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2016, "2016-03-27"),
            (2017, "2017-04-16"),
            (2018, "2018-04-01"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(y), Some(date(e)), "{y}");
        }
    }

    #[test]
    fn easter_holiday_is_palm_sunday_to_easter_monday() {
        let h = Holidays::DanishDefaults;
        // 2017: Easter Sunday 16 April.
        assert!(!h.is_holiday(date("2017-04-08")));
        assert!(h.is_holiday(date("2017-04-09")));
        assert!(h.is_holiday(date("2017-04-13")));
        assert!(h.is_holiday(date("2017-04-17")));
        assert!(!h.is_holiday(date("2017-04-18")));
        // 2016: Easter Sunday 27 March.
        assert!(!h.is_holiday(date("2016-03-19")));
        assert!(h.is_holiday(date("2016-03-20")));
        assert!(h.is_holiday(date("2016-03-28")));
        assert!(!h.is_holiday(date("2016-03-29")));
        // 2019: Easter Sunday 21 April; Easter Monday 22 April.
        assert!(h.is_holiday(date("2019-04-22")));
        assert!(!h.is_holiday(date("2019-04-23")));
    }

    #[test]
    fn school_weeks_are_iso_weeks() {
        let h = Holidays::DanishDefaults;
        // 2017: week 7 is 13–19 February.
        assert!(!h.is_holiday(date("2017-02-12")));
        assert!(h.is_holiday(date("2017-02-13")));
        assert!(h.is_holiday(date("2017-02-19")));
        assert!(!h.is_holiday(date("2017-02-20")));
        // 2017: weeks 27–32 are 3 July – 13 August.
        assert!(!h.is_holiday(date("2017-07-02")));
        assert!(h.is_holiday(date("2017-07-03")));
        assert!(h.is_holiday(date("2017-08-13")));
        assert!(!h.is_holiday(date("2017-08-14")));
        // 2017: week 42 is 16–22 October.
        assert!(!h.is_holiday(date("2017-10-15")));
        assert!(h.is_holiday(date("2017-10-16")));
        assert!(h.is_holiday(date("2017-10-22")));
        assert!(!h.is_holiday(date("2017-10-23")));
        // 2016: week 7 is 15–21 February; week 42 is 17–23 October.
        assert!(h.is_holiday(date("2016-02-15")));
        assert!(!h.is_holiday(date("2016-02-14")));
        assert!(h.is_holiday(date("2016-10-23")));
        assert!(!h.is_holiday(date("2016-10-24")));
        // 2020 (53 ISO weeks): week 27 starts 29 June.
        assert!(h.is_holiday(date("2020-06-29")));
        assert!(!h.is_holiday(date("2020-06-28")));
    }

    #[test]
    fn christmas_to_new_year() {
        let h = Holidays::DanishDefaults;
        assert!(!h.is_holiday(date("2017-12-23")));
        assert!(h.is_holiday(date("2017-12-24")));
        assert!(h.is_holiday(date("2017-12-31")));
        assert!(h.is_holiday(date("2018-01-01")));
        assert!(!h.is_holiday(date("2018-01-02")));
        assert!(!h.is_holiday(date("2017-06-15")));
    }

    #[test]
    fn configured_periods_replace_the_defaults() {
        let h = Holidays::from_config(&[HolidayPeriod {
            name: "sommer".into(),
            from: date("2017-07-10"),
            to: date("2017-07-20"),
        }]);
        assert!(h.is_holiday(date("2017-07-10")));
        assert!(h.is_holiday(date("2017-07-20")));
        assert!(!h.is_holiday(date("2017-07-21")));
        // Week 7 is no holiday any more.
        assert!(!h.is_holiday(date("2017-02-14")));
        assert!(matches!(
            Holidays::from_config(&[]),
            Holidays::DanishDefaults
        ));
    }
}
