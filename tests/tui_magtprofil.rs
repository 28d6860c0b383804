//! The Magtprofil screen: snapshots of the funnel plot and the control
//! chart at 80×24 and 160×45, the comparison by every figure, the period
//! chooser and the drill-down; and what the keys do (`t`, `Esc`, `p`,
//! Enter on a bar and back with the pick where it was). The drill-down's
//! episodes are exactly the ones the profile counts.

mod tui_support;

use auditpanel::domain::drill::{self, DrillBy};
use auditpanel::domain::holidays::Holidays;
use auditpanel::domain::magtprofil::{ProfileOptions, compare};
use auditpanel::domain::model::{InterventionType, Target};
use auditpanel::domain::rules::Rule;
use auditpanel::tui::app::{Screen, Tab};
use auditpanel::tui::screens::magtprofil::{Chart, MagtView, Pick};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

type Steps = fn(&mut auditpanel::tui::app::App);

const SCENARIOS: &[(&str, Steps)] = &[
    ("magt_kontrolkort", |a| {
        press(a, KeyCode::F(3));
        press(a, c('t'));
    }),
    ("magt_tragtplot", |a| {
        press(a, KeyCode::F(3));
        press(a, c('v'));
        press(a, c('v'));
    }),
    ("magt_tragtplot_antal", |a| {
        press(a, KeyCode::F(3));
        press(a, c('v'));
        press(a, c('v'));
        press(a, c('t'));
    }),
    ("magt_sammenligning_tragt", |a| {
        press(a, KeyCode::F(3));
        press(a, c('v'));
        press(a, c('s'));
        press(a, c('s'));
    }),
    ("magt_valgt_soejle", |a| {
        press(a, KeyCode::F(3));
        press(a, KeyCode::Enter);
        press(a, KeyCode::Right);
        press(a, KeyCode::Right);
    }),
    ("magt_drill_maaned", |a| {
        press(a, KeyCode::F(3));
        press(a, KeyCode::Enter);
        press(a, KeyCode::Right);
        press(a, KeyCode::Right);
        press(a, KeyCode::Enter);
    }),
    ("magt_periode", |a| {
        press(a, KeyCode::F(3));
        press(a, c('p'));
        press(a, KeyCode::Right);
        press(a, KeyCode::Right);
    }),
    ("magt_periode_brugt", |a| {
        press(a, KeyCode::F(3));
        press(a, c('p'));
        press(a, KeyCode::Right);
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
        press(a, KeyCode::Left);
        press(a, KeyCode::Enter);
    }),
];

#[test]
fn funnel_control_chart_and_drill_down_at_two_sizes() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for (name, steps) in SCENARIOS {
            let mut app = app(w, h);
            steps(&mut app);
            let s = screen(&app);
            for line in s.lines() {
                assert!(line.chars().count() <= usize::from(w), "{name}: {line}");
            }
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

#[test]
fn the_funnel_names_who_lies_outside_as_a_question() {
    let mut app = app(160, 45);
    press(&mut app, KeyCode::F(3));
    press(&mut app, c('v'));
    press(&mut app, c('v'));
    assert_eq!(app.magtprofil.view, MagtView::Funnel);
    let s = screen(&app);
    assert!(s.contains("●Lyngtoften"), "{s}");
    assert!(
        s.contains("Lyngtoften: over den øvre 99,8 %-grænse: hvad ligger bag?"),
        "{s}"
    );
    assert!(s.contains("Lindely: under den nedre 99,8 %-grænse"), "{s}");
}

#[test]
fn the_control_chart_marks_mosevangs_silent_months() {
    let mut app = app(160, 45);
    press(&mut app, KeyCode::F(3));
    let mosevang = app
        .audit
        .cases
        .iter()
        .position(|c| c.id == "mosevang")
        .unwrap();
    while app.magtprofil.case != mosevang {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, c('t'));
    let s = screen(&app);
    assert!(s.contains("signaler: 2017-11 ▼, 2017-12 ▼"), "{s}");
}

#[test]
fn t_and_esc_work_on_every_view() {
    let mut app = app(80, 24);
    // From an episode: `m` opens the magtprofil, Esc goes back there.
    press(&mut app, KeyCode::F(2));
    press(&mut app, c('e'));
    press(&mut app, KeyCode::Enter);
    let episode = app.screen();
    assert!(matches!(episode, Screen::Episode { .. }));
    press(&mut app, c('m'));
    assert_eq!(app.tab, Tab::Magtprofil);
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.tab, app.screen()), (Tab::Sager, episode));

    // `t` switches the month chart to the control chart and back.
    press(&mut app, KeyCode::F(3));
    assert!(!app.magtprofil.rates);
    press(&mut app, c('t'));
    assert!(app.magtprofil.rates);
    assert!(screen(&app).contains("Kontrolkort pr. måned"));
    press(&mut app, c('t'));
    assert!(!app.magtprofil.rates);
    // The comparison: `t` sorts by rate, Esc returns to the institution.
    press(&mut app, c('v'));
    press(&mut app, c('t'));
    assert!(screen(&app).contains("sorteret efter Pr.plads"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.magtprofil.view, MagtView::Institution);
    // The funnel: `t` counts ↔ rates, Esc back too.
    press(&mut app, c('v'));
    press(&mut app, c('v'));
    assert_eq!(app.magtprofil.view, MagtView::Funnel);
    press(&mut app, c('t'));
    assert!(screen(&app).contains("forventet episoder"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.magtprofil.view, MagtView::Institution);
}

#[test]
fn the_period_filter_recomputes_the_profile_and_clears() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::F(3));
    let whole = app.comparison.profiles[0].episodes;
    press(&mut app, c('p'));
    // To before from is refused, with a message.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert!(app.magtprofil.period_edit.is_some());
    assert!(screen(&app).contains("Fra-måneden skal ligge før til-måneden"));
    // March to May.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Home);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.magtprofil.period_edit.is_none());
    let p = &app.comparison.profiles[0];
    assert_eq!(
        (p.from.unwrap().to_string(), p.to.unwrap().to_string()),
        ("2017-03-01".into(), "2017-05-31".into())
    );
    assert_eq!(p.by_month.len(), 3);
    assert!(p.episodes < whole);
    assert!(screen(&app).contains("Periode: 2017-03-01–2017-05-31"));
    // The same as the domain computes for that period.
    let options = ProfileOptions {
        from: p.from,
        to: p.to,
        holidays: app.audit.config.holidays.clone(),
    };
    assert_eq!(app.comparison, compare(&app.audit, &options, None));
    press(&mut app, c('c'));
    assert_eq!(app.magtprofil.period, None);
    assert_eq!(app.comparison.profiles[0].episodes, whole);
}

#[test]
fn drill_down_from_a_month_and_back_with_the_pick_where_it_was() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let pick = Pick {
        chart: Chart::Month,
        index: 2,
    };
    assert_eq!(app.magtprofil.pick, Some(pick));
    let case = app.magtprofil.case;
    let march = app.comparison.profiles[app.profile_of[case].unwrap()].by_month["2017-03"];
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Episoder { case });
    assert_eq!(app.tab, Tab::Magtprofil);
    let t = &app.episode_tables[&case];
    assert_eq!(t.view.len() as u64, march);
    for i in &t.view {
        let e = &app.audit.cases[case].episodes[*i as usize];
        assert_eq!(e.start.format("%Y-%m").to_string(), "2017-03");
    }
    assert!(screen(&app).contains("magtprofil: måned 2017-03"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Magtprofil);
    assert_eq!(app.magtprofil.pick, Some(pick));
    // The table is the case's own again.
    assert!(app.episode_tables[&case].exact.is_none());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.magtprofil.pick, None);
}

/// For every institution of the example, every figure a drill-down can
/// start from selects exactly as many episodes as the profile counts.
#[test]
fn drill_down_selects_exactly_what_the_profile_counts() {
    let audit = auditpanel::domain::load::load_audit(&audit_dir());
    let options = ProfileOptions {
        holidays: audit.config.holidays.clone(),
        ..Default::default()
    };
    // A period starting mid-month, so the bounds matter.
    let options = ProfileOptions {
        from: chrono::NaiveDate::from_ymd_opt(2017, 2, 15),
        to: chrono::NaiveDate::from_ymd_opt(2017, 11, 20),
        ..options
    };
    let comparison = compare(&audit, &options, None);
    let holidays = Holidays::from_config(&audit.config.holidays);
    for case in &audit.cases {
        let p = comparison.profile(&case.id).unwrap();
        let n = |by: DrillBy| -> u64 {
            drill::select(by, p.from, p.to, case, &holidays)
                .iter()
                .filter(|b| **b)
                .count() as u64
        };
        for (i, (month, count)) in p.by_month.iter().enumerate() {
            let (y, m) = month.split_once('-').unwrap();
            let index = y.parse::<i32>().unwrap() * 12 + m.parse::<i32>().unwrap() - 1;
            assert_eq!(
                n(DrillBy::Month(index)),
                *count,
                "{} {month} ({i})",
                case.id
            );
        }
        for d in 0..7 {
            assert_eq!(n(DrillBy::Weekday(d)), p.by_weekday[d as usize]);
        }
        for h in 0..24 {
            assert_eq!(n(DrillBy::Hour(h)), p.by_hour[h as usize]);
        }
        for t in InterventionType::ALL {
            assert_eq!(
                n(DrillBy::Type(t)),
                p.by_type[t.code()],
                "{} {t:?}",
                case.id
            );
        }
        assert_eq!(n(DrillBy::Holiday(true)), p.holiday);
        assert_eq!(n(DrillBy::Holiday(false)), p.non_holiday);
        assert_eq!(
            n(DrillBy::Rule(Rule::IsolationOverLimit)),
            p.isolation_over_limit
        );
        assert_eq!(
            n(DrillBy::Rule(Rule::LateRegistration)),
            p.late_registration
        );
        assert_eq!(
            n(DrillBy::Rule(Rule::ChildStatement)),
            p.missing_child_statement
        );
        assert_eq!(n(DrillBy::Rule(Rule::ParentsNotTold)), p.parents_not_told);
        assert_eq!(n(DrillBy::Target(Target::NoneOver3Min)), p.over_3_min);
        assert_eq!(n(DrillBy::Target(Target::NoWitnessed)), p.witnessed);
        for t in &p.targets {
            if t.target != Target::NoChildOverOneAMonth {
                assert_eq!(n(DrillBy::Target(t.target)), t.count, "{:?}", t.target);
            }
        }
    }
}
