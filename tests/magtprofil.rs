//! The magtprofil computed by hand on small fixtures and compared field by
//! field; a property that every breakdown sums to the episode count; and
//! `auditpanel magtprofil` run as a program.
//!
//! The fixture `tests/fixtures/magtprofil/small.csv` holds, for
//! institution `a`:
//! - E1 across midnight on 29 February 2016 (20 min, Monday 23:50);
//! - E2 across the switch to summer time, 2017-03-26 01:58 → 03:01: 3 real
//!   minutes (not over 3), registered 24 h 32 min later by the clock but
//!   23 h 32 min in real time (not late);
//! - E3 across the switch back, 2017-10-29 01:30 → 03:30: 180 real minutes
//!   (an isolation over the 2-hour limit, though the clock says 120);
//! - E4 with no end (unknown duration), no registration, staff `P5;P5`;
//! - E5 in the summer holiday (week 28), registered 48 h later;
//! - E6 on Christmas Eve, 3 min 30 s;
//! - E7 a bad row (unknown type): reported, left out;
//! - E8 with its end before its start (unknown duration);
//!
//! and for institution `b` one short nødværge, E9. Between them lie many
//! months with none.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::process::Command;

use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::episodes;
use auditpanel::domain::holidays::Holidays;
use auditpanel::domain::magtprofil::{
    Direction, ProfileOptions, ProfileSet, TargetResult, Trend, compare, profile_csv,
};
use auditpanel::domain::model::{
    Audit, Case, Episode, InstitutionKind, InterventionType, ParentsTold, Target,
};
use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

mod support;

const FIXTURE: &str = "tests/fixtures/magtprofil/small.csv";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Every month from `from` to `to` ("YYYY-MM"), zero except `counts`.
fn months(from: (i32, u32), to: (i32, u32), counts: &[(&str, u64)]) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    let (mut y, mut mo) = from;
    while (y, mo) <= to {
        m.insert(format!("{y:04}-{mo:02}"), 0);
        mo += 1;
        if mo == 13 {
            (y, mo) = (y + 1, 1);
        }
    }
    for (k, v) in counts {
        assert!(m.contains_key(*k), "{k} outside the period");
        m.insert((*k).to_string(), *v);
    }
    m
}

fn types(counts: &[(&str, u64)]) -> BTreeMap<String, u64> {
    let mut m: BTreeMap<String, u64> = InterventionType::ALL
        .iter()
        .map(|t| (t.code().to_string(), 0))
        .collect();
    for (k, v) in counts {
        m.insert((*k).to_string(), *v);
    }
    m
}

fn hours(counts: &[(usize, u64)]) -> [u64; 24] {
    let mut h = [0; 24];
    for (i, n) in counts {
        h[*i] = *n;
    }
    h
}

fn fixture_episodes() -> Vec<Episode> {
    let mut d = Diagnostics::new(Path::new(""));
    let eps = episodes::load_csv(
        File::open(FIXTURE).unwrap(),
        Path::new(FIXTURE),
        None,
        &mut d,
    );
    assert_eq!(d.items.len(), 1, "only E7 is bad: {:?}", d.items);
    eps
}

#[test]
fn bare_csv_profile_by_hand() {
    let mut d = Diagnostics::new(Path::new(""));
    let c = profile_csv(
        File::open(FIXTURE).unwrap(),
        Path::new(FIXTURE),
        &ProfileOptions::default(),
        None,
        &mut d,
    );
    let errors: Vec<String> = d.into_sorted().iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(&format!("{FIXTURE}:8:46: error: ukendt type")),
        "{}",
        errors[0]
    );
    assert_eq!(c.rank_by_count, ["a", "b"]);
    assert!(c.rank_by_rate.is_empty());
    assert_eq!(c.lowest.as_deref(), Some("b"));
    assert_eq!(c.highest.as_deref(), Some("a"));

    let a = c.profile("a").unwrap();
    assert_eq!(a.id, "a");
    assert_eq!(a.name, None);
    assert_eq!(a.tilsyn, None);
    // The whole months spanned by both institutions' episodes.
    assert_eq!(a.from, Some(date("2016-02-01")));
    assert_eq!(a.to, Some(date("2017-12-31")));
    assert_eq!(a.episodes, 7);
    assert_eq!(a.children, 4);
    assert_eq!(a.places, None);
    assert_eq!(a.rate_per_place, None);
    assert_eq!(a.rate_per_1000_bed_days, None);
    assert_eq!(a.rank_by_count, Some(1));
    assert_eq!(a.rank_by_rate, None);
    assert_eq!(
        a.by_type,
        types(&[
            ("afvaergehjaelp", 1),
            ("fastholdelse", 2),
            ("foeren", 1),
            ("isolation", 2),
            ("noedvaerge", 1),
        ])
    );
    // Mon: E1, E4, E5; Fri: E8; Sun: E2, E3, E6.
    assert_eq!(a.by_weekday, [3, 0, 0, 0, 1, 0, 3]);
    assert_eq!(
        a.by_hour,
        hours(&[(1, 2), (9, 1), (10, 1), (14, 1), (18, 1), (23, 1)])
    );
    assert_eq!(
        a.by_month,
        months(
            (2016, 2),
            (2017, 12),
            &[
                ("2016-02", 1),
                ("2017-03", 1),
                ("2017-05", 1),
                ("2017-07", 1),
                ("2017-10", 2),
                ("2017-12", 1),
            ]
        )
    );
    assert_eq!(a.by_month.len(), 23);
    assert_eq!((a.holiday, a.non_holiday), (2, 5)); // E5 week 28, E6 24 December
    assert_eq!(a.max_per_child, 3); // B1: E1, E2, E6
    assert_eq!(a.children_over_one_in_a_month, 1); // B2 in October 2017
    assert_eq!(a.over_3_min, 3); // E1 20 min, E3 180 min, E6 3.5 min
    assert_eq!(a.unknown_duration, 2); // E4 no end, E8 end before start
    assert_eq!(a.isolation_limit_minutes, Some(120)); // sikret assumed
    assert_eq!(a.isolation_over_limit, 1); // E3
    assert_eq!(a.late_registration, 1); // E5
    assert_eq!(a.unknown_registration, 1); // E4
    assert_eq!(a.missing_child_statement, 1); // E2
    assert_eq!(a.parents_not_told, 1); // E2
    assert_eq!(a.witnessed, 2); // E2, E4
    assert_eq!(a.unknown_witnesses, 1); // E3
    assert_eq!(a.staff_two_or_more, 2); // P1, P2 (P5 twice on one episode is one)
    assert_eq!(a.months_without_episodes, 17);
    assert_eq!(
        a.trend,
        Some(Trend {
            months_per_half: 11,
            first_half: 1,
            second_half: 6,
            change_percent: Some(500.0),
            direction: Direction::Rise,
            fell_to_zero: false,
        })
    );
    assert!(a.targets.is_empty());

    let b = c.profile("b").unwrap();
    assert_eq!(b.episodes, 1);
    assert_eq!(b.children, 1);
    assert_eq!(b.by_weekday, [0, 0, 0, 1, 0, 0, 0]);
    assert_eq!(b.by_hour, hours(&[(20, 1)]));
    assert_eq!(b.by_month, months((2016, 2), (2017, 12), &[("2017-06", 1)]));
    assert_eq!(b.months_without_episodes, 22);
    assert_eq!((b.over_3_min, b.unknown_duration), (0, 0));
    assert_eq!(b.rank_by_count, Some(2));
    let t = b.trend.as_ref().unwrap();
    assert_eq!((t.first_half, t.second_half), (0, 1));
    assert_eq!(t.change_percent, None);
}

/// An audit with the fixture's episodes in two cases with places, bed
/// days, kinds and targets.
fn audit() -> Audit {
    let eps = fixture_episodes();
    let of = |id: &str| -> Vec<Episode> {
        eps.iter()
            .filter(|e| e.institution == id)
            .cloned()
            .collect()
    };
    Audit {
        cases: vec![
            Case {
                id: "a".into(),
                name: "Fyrtårnet".into(),
                kind: InstitutionKind::SaerligtSikret,
                tilsyn: "nord".into(),
                places: 4,
                occupied_bed_days: Some(1200),
                targets: vec![
                    Target::OnlyNoedvaerge,
                    Target::NoneOver3Min,
                    Target::NoFastholdelse,
                    Target::NoChildOverOneAMonth,
                    Target::NoFoeren,
                    Target::NoWitnessed,
                ],
                episodes: of("a"),
                ..Default::default()
            },
            Case {
                id: "b".into(),
                name: "Bakkehuset".into(),
                tilsyn: "syd".into(),
                places: 2,
                targets: vec![Target::OnlyNoedvaerge, Target::NoneOver3Min],
                episodes: of("b"),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

#[test]
fn audit_profile_has_rates_kinds_and_targets() {
    let c = compare(&audit(), &ProfileOptions::default(), None);
    let a = c.profile("a").unwrap();
    assert_eq!(a.name.as_deref(), Some("Fyrtårnet"));
    assert_eq!(a.tilsyn.as_deref(), Some("nord"));
    assert_eq!(a.places, Some(4));
    // 700 days (2016-02-01 – 2017-12-31) = 1.9165 years.
    assert_eq!(a.rate_per_place, Some(0.913));
    assert_eq!(a.rate_per_1000_bed_days, Some(3.044));
    // Særligt sikret: 4 hours, so E3's 3 hours are within the limit.
    assert_eq!(a.isolation_limit_minutes, Some(240));
    assert_eq!(a.isolation_over_limit, 0);
    let t = |target, met, count| TargetResult { target, met, count };
    assert_eq!(
        a.targets,
        [
            t(Target::NoneOver3Min, false, 3),
            t(Target::NoFastholdelse, false, 2),
            t(Target::NoChildOverOneAMonth, false, 1),
            t(Target::NoFoeren, false, 1),
            t(Target::NoWitnessed, false, 2),
            t(Target::OnlyNoedvaerge, false, 6),
        ]
    );
    let b = c.profile("b").unwrap();
    assert_eq!(b.rate_per_place, Some(0.261));
    assert_eq!(b.rate_per_1000_bed_days, None);
    assert_eq!(
        b.targets,
        [
            t(Target::NoneOver3Min, true, 0),
            t(Target::OnlyNoedvaerge, true, 0),
        ]
    );
    assert_eq!(c.rank_by_rate, ["a", "b"]);
    assert_eq!((a.rank_by_rate, b.rank_by_rate), (Some(1), Some(2)));
}

#[test]
fn the_period_limits_what_is_counted() {
    let options = ProfileOptions {
        from: Some(date("2017-01-01")),
        to: Some(date("2017-12-31")),
        holidays: Vec::new(),
    };
    let c = compare(&audit(), &options, Some("a"));
    assert_eq!(c.profiles.len(), 1);
    let a = &c.profiles[0];
    assert_eq!(a.episodes, 6); // E1 (2016) is outside
    assert_eq!(a.max_per_child, 2);
    assert_eq!(a.rate_per_place, Some(1.501)); // 6 / 4 / (365 / 365.25)
    assert_eq!(
        a.by_month,
        months(
            (2017, 1),
            (2017, 12),
            &[
                ("2017-03", 1),
                ("2017-05", 1),
                ("2017-07", 1),
                ("2017-10", 2),
                ("2017-12", 1),
            ]
        )
    );
    assert_eq!(a.months_without_episodes, 7);
    let t = a.trend.as_ref().unwrap();
    assert_eq!((t.months_per_half, t.first_half, t.second_half), (6, 2, 4));
    assert_eq!(t.change_percent, Some(100.0));
}

#[test]
fn configured_holidays_replace_the_defaults() {
    let mut audit = audit();
    audit.config.holidays = vec![auditpanel::domain::model::HolidayPeriod {
        name: "påske".into(),
        from: date("2017-03-25"),
        to: date("2017-03-27"),
    }];
    let c = compare(&audit, &ProfileOptions::default(), Some("a"));
    // Only E2 (26 March) is in the one configured period.
    assert_eq!((c.profiles[0].holiday, c.profiles[0].non_holiday), (1, 6));
}

#[test]
fn a_fall_to_zero_is_flagged() {
    let eps = fixture_episodes();
    let mut set = ProfileSet::new(
        &ProfileOptions {
            from: Some(date("2016-01-01")),
            to: Some(date("2016-04-30")),
            holidays: Vec::new(),
        },
        Holidays::DanishDefaults,
        Some("a"),
    );
    for e in &eps {
        set.add(e);
    }
    assert_eq!(set.seen(), ["a", "b"]);
    let c = set.finish();
    let t = c.profiles[0].trend.as_ref().unwrap();
    // Jan+Feb: E1; Mar+Apr: none.
    assert_eq!((t.first_half, t.second_half), (1, 0));
    assert_eq!(t.direction, Direction::Fall);
    assert_eq!(t.change_percent, Some(-100.0));
    assert!(t.fell_to_zero);
}

// ------------------------------------------------------------ property

fn episode(
    inst: u8,
    child: u8,
    start: NaiveDateTime,
    minutes: Option<i64>,
    kind: usize,
) -> Episode {
    Episode {
        id: "x".into(),
        institution: format!("i{inst}").into(),
        child: format!("c{child}").into(),
        age: None,
        start,
        end: minutes.map(|m| start + chrono::Duration::minutes(m)),
        kind: InterventionType::ALL[kind],
        legal_basis: None,
        registered: None,
        sent_municipality: None,
        parents_told: Some(ParentsTold::Yes),
        child_statement: None,
        witnesses: None,
        staff: [format!("s{child}").into()].into(),
        injury: None,
        decided_by: None,
        description: Default::default(),
        pos: Default::default(),
    }
}

proptest! {
    #[test]
    fn every_breakdown_sums_to_the_episodes(
        rows in proptest::collection::vec(
            (0u8..4, 0u8..6, 0i64..(4 * 366 * 24 * 60), proptest::option::of(-5i64..300), 0usize..8),
            0..120,
        ),
        from_offset in proptest::option::of(0i64..700),
    ) {
        let base = date("2015-01-01").and_hms_opt(0, 0, 0).unwrap();
        let options = ProfileOptions {
            from: from_offset.map(|d| base.date() + chrono::Duration::days(d)),
            to: None,
            holidays: Vec::new(),
        };
        let mut set = ProfileSet::new(&options, Holidays::DanishDefaults, None);
        for (inst, child, minute, dur, kind) in rows {
            set.add(&episode(inst, child, base + chrono::Duration::minutes(minute), dur, kind));
        }
        for p in set.finish().profiles {
            let n = p.episodes;
            prop_assert_eq!(p.by_weekday.iter().sum::<u64>(), n);
            prop_assert_eq!(p.by_hour.iter().sum::<u64>(), n);
            prop_assert_eq!(p.by_type.values().sum::<u64>(), n);
            prop_assert_eq!(p.by_type.len(), 8);
            prop_assert_eq!(p.by_month.values().sum::<u64>(), n);
            prop_assert_eq!(p.holiday + p.non_holiday, n);
            prop_assert!(p.over_3_min + p.unknown_duration <= n);
            prop_assert_eq!(
                p.months_without_episodes,
                p.by_month.values().filter(|v| **v == 0).count() as u64
            );
        }
    }
}

// ------------------------------------------------------------ the program

fn auditpanel(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn json_of_a_bare_csv_is_stable_and_errors_go_to_stderr() {
    let (out, err, code) = auditpanel(&["magtprofil", "--episodes", FIXTURE, "--format", "json"]);
    assert_eq!(code, Some(1), "bad rows give exit 1");
    assert!(
        err.starts_with(&format!("{FIXTURE}:8:46: error: ukendt type")),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    // The order of the first object's keys as printed (serde_json's Value
    // would sort them).
    let keys: Vec<&str> = out
        .lines()
        .take_while(|l| *l != "  },")
        .filter_map(|l| l.strip_prefix("    \""))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k))
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "tilsyn",
            "from",
            "to",
            "episodes",
            "children",
            "places",
            "rate_per_place",
            "rate_per_1000_bed_days",
            "rank_by_count",
            "rank_by_rate",
            "by_type",
            "by_weekday",
            "by_hour",
            "by_month",
            "holiday",
            "non_holiday",
            "max_per_child",
            "children_over_one_in_a_month",
            "over_3_min",
            "unknown_duration",
            "isolation_limit_minutes",
            "isolation_over_limit",
            "late_registration",
            "unknown_registration",
            "missing_child_statement",
            "parents_not_told",
            "witnessed",
            "unknown_witnesses",
            "staff_two_or_more",
            "months_without_episodes",
            "trend",
            "targets",
            "funnel",
            "control_chart",
        ]
    );
    // A bare CSV has no places: no funnel, no control chart.
    assert_eq!(arr[0]["funnel"], serde_json::Value::Null);
    assert_eq!(arr[0]["control_chart"], serde_json::Value::Null);
    assert_eq!(arr[0]["id"], "a");
    assert_eq!(arr[0]["episodes"], 7);
    assert_eq!(arr[0]["rate_per_place"], serde_json::Value::Null);
    assert_eq!(arr[0]["by_month"]["2016-03"], 0);
    assert_eq!(arr[0]["trend"]["direction"], "rise");
    assert_eq!(arr[1]["id"], "b");
}

#[test]
fn csv_has_one_row_per_institution_with_flat_columns() {
    let (out, _, code) = auditpanel(&[
        "magtprofil",
        "--episodes",
        FIXTURE,
        "--format",
        "csv",
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
    ]);
    assert_eq!(code, Some(1));
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("id")], "a");
    assert_eq!(&rows[0][col("episodes")], "6");
    assert_eq!(&rows[0][col("by_type_isolation")], "2");
    assert_eq!(&rows[0][col("weekday_sun")], "3");
    assert_eq!(&rows[0][col("hour_01")], "2");
    assert_eq!(&rows[0][col("month_2017_10")], "2");
    assert_eq!(&rows[0][col("month_2017_01")], "0");
    assert_eq!(&rows[0][col("rate_per_place")], "");
    assert_eq!(
        header.iter().filter(|h| h.starts_with("month_")).count(),
        12
    );
    assert_eq!(header.iter().filter(|h| h.starts_with("hour_")).count(), 24);
    assert_eq!(
        header.iter().filter(|h| h.starts_with("by_type_")).count(),
        8
    );
}

#[test]
fn the_table_is_danish_and_fits_80_columns() {
    let (out, _, _) = auditpanel(&["magtprofil", "--episodes", FIXTURE]);
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(out.contains("Magtprofil: a"), "{out}");
    assert!(out.contains("7 episoder · 4 børn"), "{out}");
    assert!(out.contains("1 isolationer over 2 timer"), "{out}");
    assert!(
        out.contains("Lavest: b (1 episode) · højest: a (7 episoder)"),
        "{out}"
    );
}

#[test]
fn unknown_institution_is_a_clear_error() {
    let (out, err, code) =
        auditpanel(&["magtprofil", "--episodes", FIXTURE, "--institution", "zz"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.contains("institutionen 'zz' findes ikke")
            && err.contains("kendte institutioner: a, b"),
        "{err}"
    );
}

#[test]
fn from_after_to_is_refused() {
    let (_, err, code) = auditpanel(&[
        "magtprofil",
        "--episodes",
        FIXTURE,
        "--from",
        "2017-02-01",
        "--to",
        "2017-01-01",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--from (2017-02-01) ligger efter --to (2017-01-01)"),
        "{err}"
    );
}

// ------------------------------------------------------------ the example audit

#[test]
fn the_example_audit_shows_the_range_and_its_patterns() {
    // A copy: the repository's example is for trying the app.
    let copy = support::inputs_copy();
    let root = copy.path().to_str().unwrap();
    let (out, err, code) = auditpanel(&["magtprofil", root, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let profiles = v.as_array().unwrap();
    assert_eq!(profiles.len(), 8);
    let episodes = |p: &serde_json::Value| p["episodes"].as_u64().unwrap();
    let by_id = |id: &str| profiles.iter().find(|p| p["id"] == id).unwrap();

    // The 28-to-254 range of 2017.
    assert_eq!(profiles.iter().map(episodes).min(), Some(28));
    assert_eq!(profiles.iter().map(episodes).max(), Some(254));
    assert_eq!(episodes(by_id("lindely")), 28);
    assert_eq!(episodes(by_id("lyngtoften")), 254);
    assert_eq!(by_id("lyngtoften")["rank_by_count"], 1);
    assert_eq!(by_id("lindely")["rank_by_count"], 8);
    for p in profiles {
        assert_eq!(p["from"], "2017-01-01");
        assert_eq!(p["to"], "2017-12-31");
        assert_eq!(p["by_month"].as_object().unwrap().len(), 12);
        assert!(p["rate_per_place"].as_f64().unwrap() > 0.0);
    }

    // The evening peak: the busiest hour of all is between 17 and 22, and
    // those six hours hold over 40 % of the episodes.
    let mut hours = [0u64; 24];
    for p in profiles {
        for (h, n) in p["by_hour"].as_array().unwrap().iter().enumerate() {
            hours[h] += n.as_u64().unwrap();
        }
    }
    let total: u64 = profiles.iter().map(episodes).sum();
    let evening: u64 = hours[17..=22].iter().sum();
    let peak = (0..24).max_by_key(|h| hours[*h]).unwrap();
    assert!((17..=22).contains(&peak), "{hours:?}");
    assert!(evening * 100 > total * 40, "{evening} of {total}");

    // The July dip: July has under 70 % of the other months' average.
    let month = |m: &str| -> u64 {
        profiles
            .iter()
            .map(|p| p["by_month"][m].as_u64().unwrap())
            .sum()
    };
    let july = month("2017-07");
    let others: u64 = (1..=12)
        .filter(|m| *m != 7)
        .map(|m| month(&format!("2017-{m:02}")))
        .sum();
    assert!(
        july * 11 * 10 < others * 7,
        "July {july}, other months {others}"
    );

    // Falls as well as rises: Mosevang has none from November, Lindely has
    // months without any.
    let mosevang = by_id("mosevang");
    assert_eq!(mosevang["by_month"]["2017-11"], 0);
    assert_eq!(mosevang["by_month"]["2017-12"], 0);
    assert_eq!(mosevang["months_without_episodes"], 2);
    assert_eq!(mosevang["trend"]["direction"], "fall");
    assert_eq!(by_id("lindely")["months_without_episodes"], 4);

    // The exact rule breaches the generator placed in Lyngtoften.
    let lyng = by_id("lyngtoften");
    assert_eq!(lyng["isolation_over_limit"], 1);
    assert_eq!(lyng["late_registration"], 1);
    assert_eq!(lyng["missing_child_statement"], 2);
    assert_eq!(lyng["parents_not_told"], 1);
}

/// The funnel and the control chart in the JSON: every field the issue
/// names, consistent with `rate_per_place` and with each other.
#[test]
fn json_funnel_and_control_chart_agree_with_the_rates() {
    let copy = support::inputs_copy();
    let root = copy.path().to_str().unwrap();
    let (out, err, code) = auditpanel(&["magtprofil", root, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let profiles = v.as_array().unwrap();
    let f64_of = |v: &serde_json::Value| v.as_f64().unwrap();
    let (mut episodes, mut exposure) = (0.0, 0.0);
    for p in profiles {
        let f = &p["funnel"];
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = [
            "measure",
            "pooled_rate",
            "exposure",
            "expected",
            "lower_95",
            "upper_95",
            "lower_998",
            "upper_998",
            "position_95",
            "position_998",
        ];
        want.sort();
        assert_eq!(keys, want);
        assert_eq!(f["measure"], "per_place_year");
        let n = p["episodes"].as_u64().unwrap() as f64;
        let e = f64_of(&f["exposure"]);
        // rate_per_place is episodes ÷ exposure (each rounded).
        assert!(
            (n / e - f64_of(&p["rate_per_place"])).abs() < 0.002,
            "{}: {n} / {e} vs {}",
            p["id"],
            p["rate_per_place"]
        );
        assert!((f64_of(&f["expected"]) - f64_of(&f["pooled_rate"]) * e).abs() < 0.01);
        assert!(f64_of(&f["lower_998"]) <= f64_of(&f["lower_95"]));
        assert!(f64_of(&f["lower_95"]) <= f64_of(&f["upper_95"]));
        assert!(f64_of(&f["upper_95"]) <= f64_of(&f["upper_998"]));
        let rate = n / e;
        let pos = |lo: &str, hi: &str| {
            if rate > f64_of(&f[hi]) {
                "above"
            } else if rate < f64_of(&f[lo]) {
                "below"
            } else {
                "within"
            }
        };
        assert_eq!(f["position_95"], pos("lower_95", "upper_95"), "{}", p["id"]);
        assert_eq!(
            f["position_998"],
            pos("lower_998", "upper_998"),
            "{}",
            p["id"]
        );
        episodes += n;
        exposure += e;

        let c = &p["control_chart"];
        let months = c["months"].as_array().unwrap();
        assert_eq!(months.len(), 12);
        let (mut count, mut n_sum) = (0.0, 0.0);
        for m in months {
            let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                [
                    "count", "exposure", "lower", "month", "rate", "signal", "upper"
                ]
            );
            let month = m["month"].as_str().unwrap();
            assert_eq!(m["count"], p["by_month"][month]);
            count += m["count"].as_f64().unwrap();
            n_sum += f64_of(&m["exposure"]);
            assert!(f64_of(&m["lower"]) <= f64_of(&c["centre"]));
            assert!(f64_of(&m["upper"]) >= f64_of(&c["centre"]));
            assert!(
                [
                    serde_json::Value::Null,
                    "above".into(),
                    "below".into(),
                    "run".into()
                ]
                .contains(&m["signal"])
            );
        }
        // The centre is the whole period's rate: the rate per place.
        assert!((count / n_sum - f64_of(&c["centre"])).abs() < 0.01);
        assert!((f64_of(&c["centre"]) - f64_of(&p["rate_per_place"])).abs() < 0.01);
    }
    let pooled = episodes / exposure;
    for p in profiles {
        assert!((f64_of(&p["funnel"]["pooled_rate"]) - pooled).abs() < 0.001);
    }
    // Mosevang's fall to zero in November and December is a signal.
    let mosevang = profiles.iter().find(|p| p["id"] == "mosevang").unwrap();
    let months = mosevang["control_chart"]["months"].as_array().unwrap();
    assert!(
        months[10]["signal"] != serde_json::Value::Null,
        "{months:?}"
    );
}

#[test]
fn the_example_table_names_lowest_and_highest() {
    let copy = support::inputs_copy();
    let root = copy.path().to_str().unwrap();
    let (out, err, code) = auditpanel(&["magtprofil", root]);
    assert_eq!(code, Some(0), "{err}");
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    assert!(
        out.contains("Lavest: lindely (28 episoder) · højest: lyngtoften (254 episoder)"),
        "{out}"
    );
    assert!(
        out.contains("Magtprofil: lyngtoften · Lyngtoften · Socialtilsyn"),
        "{out}"
    );
    let (_, err, code) = auditpanel(&["magtprofil", root, "--institution", "nowhere"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("institutionen 'nowhere' findes ikke i auditten"),
        "{err}"
    );
}

#[test]
fn an_unknown_is_never_a_met_target() {
    let eps = fixture_episodes();
    let only = |id: &str| vec![eps.iter().find(|e| e.id == id).unwrap().clone()];
    let case = |id: &str, episodes, target| Case {
        id: id.into(),
        places: 1,
        targets: vec![target],
        episodes,
        ..Default::default()
    };
    let audit = Audit {
        cases: vec![
            // E8: end before start, so its duration is unknown.
            case("c1", only("E8"), Target::NoneOver3Min),
            // E3: the witnesses field is empty.
            case("c2", only("E3"), Target::NoWitnessed),
        ],
        ..Default::default()
    };
    let c = compare(&audit, &ProfileOptions::default(), None);
    let t = |target, met, count| TargetResult { target, met, count };
    assert_eq!(c.profiles[0].targets, [t(Target::NoneOver3Min, false, 0)]);
    assert_eq!(c.profiles[0].unknown_duration, 1);
    assert_eq!(c.profiles[1].targets, [t(Target::NoWitnessed, false, 0)]);
    assert_eq!(c.profiles[1].unknown_witnesses, 1);
}

/// The app opens with the comparison counted while the cases load; it must
/// be exactly the one `compare` makes of the loaded audit: on the example,
/// and on a generated audit big enough to be profiled on every core, with
/// configured holidays and a second folder claiming an institution's id
/// (which is dropped from the audit, and so from the comparison).
#[test]
fn the_comparison_made_while_loading_is_compares_own() {
    use auditpanel::domain::load::load_audit;
    use auditpanel::domain::magtprofil::{load_and_compare, opening_options};

    let example = support::inputs_copy();
    let big = tempfile::tempdir().unwrap();
    auditpanel::domain::generate::write_large_audit(big.path(), 7, 30, 60_000).unwrap();
    let config = big.path().join("audit.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{yaml}holidays:\n  - {{name: Sommer, from: 2017-07-01, to: 2017-08-15}}\n"),
    )
    .unwrap();
    let cases = big.path().join("cases");
    let first = std::fs::read_dir(&cases)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .min()
        .unwrap();
    let twin = cases.join("zz-twin");
    std::fs::create_dir(&twin).unwrap();
    let id = first.file_name().unwrap().to_str().unwrap().to_string();
    let case_yaml = std::fs::read_to_string(first.join("case.yaml")).unwrap();
    std::fs::write(twin.join("case.yaml"), &case_yaml).unwrap();
    std::fs::copy(first.join("episodes.csv"), twin.join("episodes.csv")).unwrap();

    for root in [example.path(), big.path()] {
        let (audit, comparison) = load_and_compare(root);
        let again = load_audit(root);
        let ids = |a: &Audit| a.cases.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&audit), ids(&again));
        let expected = compare(&again, &opening_options(&again.config), None);
        assert!(!expected.profiles.is_empty());
        assert_eq!(comparison, expected, "{}", root.display());
    }
    let (audit, comparison) = load_and_compare(big.path());
    assert!(!audit.config.holidays.is_empty(), "the holidays were read");
    assert_eq!(comparison.profiles.len(), 30);
    assert!(audit.cases.iter().any(|c| c.id == id));
    assert!(
        audit
            .diagnostics
            .iter()
            .any(|d| d.message.contains("findes allerede")),
        "the twin is reported"
    );
}
