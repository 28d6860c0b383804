//! Local time in Europe/Copenhagen: parsing the files' `YYYY-MM-DDTHH:MM`
//! and measuring real durations across the switches to and from summer time.

use std::cell::Cell;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Europe::Copenhagen;

/// Parses `YYYY-MM-DDTHH:MM` (seconds `:SS` are accepted and kept). Written
/// by hand because a national export has millions of these; the bytes are
/// looked at as fixed-size arrays, so no index is checked at run time.
pub fn parse_local(s: &str) -> Option<NaiveDateTime> {
    parse_local_near(s, None)
}

/// `parse_local` where a time written on the day of `near` (a text of a
/// time or date that has been read, and its date: the ten bytes are the
/// same) takes that date without reading it again: a row's end and
/// registration mostly fall on its start's day.
pub fn parse_local_near(s: &str, near: Option<(&str, NaiveDate)>) -> Option<NaiveDateTime> {
    let (head, rest) = s.as_bytes().split_first_chunk::<16>()?;
    let sec = match rest {
        [] => 0,
        [b':', a, b] => digits(*a, *b)?,
        _ => return None,
    };
    if !matches!(head[10], b'T' | b' ') || head[13] != b':' {
        return None;
    }
    let date = date_near(head.first_chunk::<10>()?, near)?;
    let time = NaiveTime::from_hms_opt(
        digits(head[11], head[12])?,
        digits(head[14], head[15])?,
        sec,
    )?;
    Some(date.and_time(time))
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    parse_date_near(s, None)
}

/// `parse_date` with the date of `near` taken as it is when the ten bytes
/// are its text's (see `parse_local_near`).
pub fn parse_date_near(s: &str, near: Option<(&str, NaiveDate)>) -> Option<NaiveDate> {
    date_near(s.as_bytes().try_into().ok()?, near)
}

/// The date of ten bytes: `near`'s when they begin its text, else read.
#[inline]
fn date_near(b: &[u8; 10], near: Option<(&str, NaiveDate)>) -> Option<NaiveDate> {
    match near {
        Some((text, date)) if text.as_bytes().first_chunk::<10>() == Some(b) => Some(date),
        _ => date_of(b),
    }
}

/// The date `YYYY-MM-DD` of ten bytes. Dates already read on this thread
/// are kept, one slot per day of the month (chosen by its two digits): the
/// rows of an export come in time order, and an episode's start, end,
/// registration and report to the municipality fall on a few days near
/// each other, each of which finds its own slot still holding it. (A
/// cache of the last two dates missed on most rows, and mispredicted its
/// comparisons.)
fn date_of(b: &[u8; 10]) -> Option<NaiveDate> {
    /// A date and its text's ten bytes (never all zero for a date).
    type Kept = Cell<(u128, Option<NaiveDate>)>;
    thread_local! {
        static KEPT: [Kept; 64] = const { [const { Cell::new((0, None)) }; 64] };
    }
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // All ten bytes, read in place as two overlapping words (a copy into a
    // buffer read back whole stalls the processor on every date).
    let (Some(lo), Some(hi)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) else {
        return None;
    };
    let key = u128::from(u64::from_le_bytes(*lo)) | u128::from(u64::from_le_bytes(*hi)) << 64;
    // Days 01-31 each have their own slot; other bytes share them, and are
    // told apart by the key.
    let slot = usize::from(b[8] & 3) << 4 | usize::from(b[9] & 15);
    KEPT.with(|kept| {
        if let (k, Some(date)) = kept[slot].get()
            && k == key
        {
            return Some(date);
        }
        let y = digits(b[0], b[1])? * 100 + digits(b[2], b[3])?;
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(y).ok()?,
            digits(b[5], b[6])?,
            digits(b[8], b[9])?,
        )?;
        kept[slot].set((key, Some(date)));
        Some(date)
    })
}

/// The number of two ASCII digits.
fn digits(a: u8, b: u8) -> Option<u32> {
    let (d1, d2) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (d1 < 10 && d2 < 10).then(|| u32::from(d1) * 10 + u32::from(d2))
}

/// The instant a local Copenhagen wall-clock time denotes. In the repeated
/// hour of October the earlier instant is taken; a time that does not exist
/// (the skipped hour in March) is read as if the clock had not yet moved.
pub fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match Copenhagen.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => {
            // Standard time (UTC+1) is in force just before the gap.
            Utc.from_utc_datetime(&(local - chrono::Duration::hours(1)))
        }
    }
}

/// Real minutes elapsed between two local times (negative when `end` is
/// before `start`), honouring summer time.
pub fn minutes_between(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    (to_utc(end) - to_utc(start)).num_minutes()
}

/// Real seconds elapsed between two local times.
pub fn seconds_between(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    (to_utc(end) - to_utc(start)).num_seconds()
}

/// Real seconds elapsed between two local times, as `seconds_between`, but
/// without the time-zone lookup when neither day can hold a summer-time
/// switch (the last Sunday of March or October, since 1996) and the two are
/// at most a day apart: the rule checks and the magtprofil run this on every
/// episode of a national export.
pub fn real_seconds(start: NaiveDateTime, end: NaiveDateTime) -> i64 {
    let (a, b) = (start.date(), end.date());
    // The switches fall on days 84–91 or 298–305 of the year (25–31 March
    // and October, one later in a leap year): only there are the month,
    // the day and the weekday looked at.
    let quiet = |d: NaiveDate| {
        if d.year() < 1996 {
            return false;
        }
        let o = d.ordinal();
        let near = (84..=91).contains(&o) || (298..=305).contains(&o);
        !(near && matches!(d.month(), 3 | 10) && d.day() >= 25 && d.weekday() == Weekday::Sun)
    };
    // Days apart from the day of the year where both are in one year (no
    // calendar arithmetic, which costs divisions).
    let days = if a.year() == b.year() {
        i64::from(b.ordinal()) - i64::from(a.ordinal())
    } else {
        (b - a).num_days()
    };
    if (0..=1).contains(&days) && quiet(a) && quiet(b) {
        days * 86_400 + i64::from(end.time().num_seconds_from_midnight())
            - i64::from(start.time().num_seconds_from_midnight())
    } else {
        seconds_between(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The dates kept from before never stand in for another: every
        /// date of a run of near-equal ones (two years, months and days
        /// that do and do not exist, days that share a slot) is what
        /// chrono reads.
        #[test]
        fn kept_dates_are_never_another_days(
            days in prop::collection::vec((2016i32..2018, 0u32..14, 0u32..100), 1..40)
        ) {
            for (y, m, d) in days {
                let s = format!("{y:04}-{m:02}-{d:02}");
                prop_assert_eq!(
                    parse_date(&s),
                    NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok(),
                    "{}", s
                );
            }
        }
    }

    proptest! {
        /// A time of the files' shape is chrono's date and time of its
        /// numbers, in range or not, with either separator, with or
        /// without seconds; any other separator is no time.
        #[test]
        fn local_times_are_chronos(
            y in 0i32..10_000, m in 0u32..14, d in 0u32..40,
            sep in prop::sample::select(vec!['T', ' ', 'x']),
            h in 0u32..30, mi in 0u32..70, sec in prop::option::of(0u32..70),
        ) {
            let mut s = format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{mi:02}");
            if let Some(sec) = sec {
                s.push_str(&format!(":{sec:02}"));
            }
            let want = (sep != 'x')
                .then(|| NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(h, mi, sec.unwrap_or(0)))
                .flatten();
            prop_assert_eq!(parse_local(&s), want, "{}", s);
            prop_assert_eq!(parse_date(&s[..10]), NaiveDate::from_ymd_opt(y, m, d), "{}", s);
        }
    }

    proptest! {
        /// A date taken from a time read before is the one reading the
        /// time again gives: near days, equal days, other separators and
        /// dates that do not exist, as times and as dates.
        #[test]
        fn dates_taken_from_near_are_read_ones(
            a in (2016i32..2018, 0u32..14, 27u32..33, 0u32..25),
            b in (2016i32..2018, 0u32..14, 27u32..33, 0u32..25),
            sep in prop::sample::select(vec!['T', ' ', 'x']),
        ) {
            let time = |(y, m, d, h): (i32, u32, u32, u32), sep: char| {
                format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:05")
            };
            let (near, s) = (time(a, 'T'), time(b, sep));
            let given = parse_local(&near).map(|t| (near.as_str(), t.date()));
            prop_assert_eq!(parse_local_near(&s, given), parse_local(&s), "{} after {}", s, near);
            prop_assert_eq!(parse_date_near(&s[..10], given), parse_date(&s[..10]), "{} after {}", s, near);
        }
    }

    #[test]
    fn parses_minutes_and_seconds() {
        let t = parse_local("2017-03-04T18:20").unwrap();
        assert_eq!(t.to_string(), "2017-03-04 18:20:00");
        assert_eq!(
            parse_local("2016-02-29T23:59:30").unwrap().to_string(),
            "2016-02-29 23:59:30"
        );
        assert!(parse_local("2017-02-29T10:00").is_none());
        assert!(parse_local("2017-03-04 18").is_none());
        assert!(parse_local("2017-13-04T18:20").is_none());
        assert!(parse_local("2017-03-04T24:00").is_none());
        assert!(parse_local("ææææ-03-04T18:20").is_none());
    }

    #[test]
    fn summer_time_switches_are_real_minutes() {
        // 26 March 2017: 02:00 became 03:00.
        let a = parse_local("2017-03-26T01:50").unwrap();
        let b = parse_local("2017-03-26T03:10").unwrap();
        assert_eq!(minutes_between(a, b), 20);
        // 29 October 2017: 03:00 became 02:00 again.
        let c = parse_local("2017-10-29T01:50").unwrap();
        let d = parse_local("2017-10-29T03:10").unwrap();
        assert_eq!(minutes_between(c, d), 140);
    }
}
