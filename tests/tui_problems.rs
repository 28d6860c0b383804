//! The app's `!` screen: everything `check` reports, with the same count,
//! and Enter on a rule finding opens that episode.

mod tui_support;

use auditpanel::cli::Lang;
use auditpanel::domain::check::check;
use auditpanel::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;
use tui_support::{app_at, audit_dir, press, screen, typ};

#[test]
fn the_problem_screen_counts_what_check_counts_and_opens_the_episode() {
    let dir = audit_dir();
    let outcome = check(&dir);
    let mut app = app_at(&dir, Lang::Da, 120, 36);
    assert_eq!(app.problem_counts(), (outcome.errors(), outcome.warnings()));
    assert_eq!(app.problems.list.len(), outcome.diagnostics.len());
    typ(&mut app, "!");
    assert_eq!(app.screen(), Screen::Problemer);
    let s = screen(&app);
    assert!(
        s.contains(&format!("{} advarsler", outcome.warnings())),
        "{s}"
    );
    // The isolation over the limit at Lyngtoften, line 181.
    let i = app
        .problems
        .list
        .iter()
        .position(|d| d.rule == "isolation-over-limit")
        .expect("the example's isolation over the limit");
    assert_eq!(app.problems.list[i].pos.line, 181);
    for _ in 0..i {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let Screen::Episode { case } = app.screen() else {
        panic!("not an episode: {:?}", app.screen());
    };
    assert_eq!(app.audit.cases[case].id, "lyngtoften");
    let table = &app.episode_tables[&case];
    let e = table.selected_episode().expect("selected");
    assert_eq!(app.audit.cases[case].episodes[e].id, "lyngtoften-0180");
    assert_eq!(app.audit.cases[case].episodes[e].pos.line, 181);
    // The episode shows its rule finding.
    let s = screen(&app);
    assert!(
        s.contains("isolation i 2 timer og 30 min; højst 2 timer"),
        "{s}"
    );
}
