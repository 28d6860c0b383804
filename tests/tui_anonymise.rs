//! The anonymisation assistant on the app's `!` screen: `a` on an anonymity
//! finding shows the masked value and its replacement and asks; `j` writes
//! that one file and the finding is gone; `u` puts the file back byte for
//! byte; a file changed since is not overwritten by `u`; a `--rater` copy
//! and a read-only copy cannot write. Snapshots of the question in Danish
//! and English.

mod tui_support;

use std::fs;
use std::path::{Path, PathBuf};

use auditpanel::cli::Lang;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::OpenOptions;
use auditpanel::tui::app::{App, Popup, Screen};
use auditpanel::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui_support::{app_in, audit_dir, press, screen, temp_copy, typ};

const CASE: &str = "cases/havbakken/case.yaml";

/// A copy of the example with one CPR number and one blocked name planted
/// in Havbakken's report summary (a folded block).
fn planted() -> (PathBuf, Vec<u8>) {
    let dir = temp_copy(&audit_dir());
    let path = dir.join(CASE);
    let text = fs::read_to_string(&path).expect("case.yaml");
    let text = text.replacen(
        "    Uanmeldt tilsyn",
        "    Uanmeldt tilsyn (CPR 120389-1234, Malthe\n    Vindeløvs sag)",
        1,
    );
    fs::write(&path, &text).expect("plant");
    (dir, text.into_bytes())
}

/// Opens the `!` screen and moves to the first finding with `rule`.
fn select(app: &mut App, rule: &str) {
    typ(app, "!");
    assert_eq!(app.screen(), Screen::Problemer);
    let i = app
        .problems
        .list
        .iter()
        .position(|d| d.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} in {:#?}", app.problems.list));
    press(app, KeyCode::Home);
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
}

fn anonymity_findings(app: &App) -> usize {
    app.problems
        .list
        .iter()
        .filter(|d| d.rule.starts_with("anonymity-"))
        .count()
}

#[test]
fn a_shows_the_proposal_j_writes_one_place_u_restores_the_bytes() {
    let (dir, planted) = planted();
    let mut app = app_in(&dir, Lang::Da, 100, 30);
    assert_eq!(anonymity_findings(&app), 2);
    select(&mut app, "anonymity-cpr");
    typ(&mut app, "a");
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    let s = screen(&app);
    assert!(s.contains("12****-**** → [CPR-nr. fjernet]"), "{s}");
    assert!(!s.contains("120389"), "{s}");
    insta::assert_snapshot!("anonymise_proposal_100x30", s);

    // Yes: only the value's bytes change, and the finding is gone.
    typ(&mut app, "j");
    let after = fs::read(dir.join(CASE)).expect("read");
    let want = String::from_utf8(planted.clone()).expect("UTF-8").replacen(
        "120389-1234",
        "[CPR-nr. fjernet]",
        1,
    );
    assert_eq!(String::from_utf8(after).expect("UTF-8"), want);
    assert_eq!(anonymity_findings(&app), 1);
    assert!(screen(&app).contains("Anonymiseret"), "{}", screen(&app));

    // The name, in the possessive over a line break.
    select(&mut app, "anonymity-blocked-name");
    typ(&mut app, "a");
    let s = screen(&app);
    assert!(s.contains("Ma****↵ ********* → Ung A's"), "{s}");
    typ(&mut app, "j");
    assert_eq!(anonymity_findings(&app), 0);
    let text = fs::read_to_string(dir.join(CASE)).expect("read");
    assert!(
        text.contains("(CPR [CPR-nr. fjernet], Ung A's sag)"),
        "{text}"
    );

    // u twice: the file is as planted, byte for byte, and so is the list.
    typ(&mut app, "u");
    typ(&mut app, "u");
    assert_eq!(fs::read(dir.join(CASE)).expect("read"), planted);
    assert_eq!(anonymity_findings(&app), 2);
    typ(&mut app, "u");
    assert!(
        screen(&app).contains("Intet at fortryde"),
        "{}",
        screen(&app)
    );
}

#[test]
fn no_answers_nothing_and_undo_never_overwrites_a_later_change() {
    let (dir, planted) = planted();
    let mut app = app_in(&dir, Lang::Da, 100, 30);
    select(&mut app, "anonymity-cpr");
    typ(&mut app, "a");
    typ(&mut app, "n");
    assert_eq!(fs::read(dir.join(CASE)).expect("read"), planted);
    typ(&mut app, "a");
    typ(&mut app, "j");
    // Someone edits the file after the replacement: u leaves it alone.
    let mut edited = fs::read(dir.join(CASE)).expect("read");
    edited.extend_from_slice(b"# rettet i haanden\n");
    fs::write(dir.join(CASE), &edited).expect("edit");
    typ(&mut app, "u");
    assert_eq!(fs::read(dir.join(CASE)).expect("read"), edited);
    assert!(
        screen(&app).contains("Filen er ændret siden"),
        "{}",
        screen(&app)
    );
}

fn opened(dir: &Path, options: OpenOptions) -> App {
    let mut app = App::open(load_audit(dir), Lang::Da, Theme::Standard, options);
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    app
}

#[test]
fn a_rater_copy_and_a_read_only_copy_cannot_write() {
    let (dir, planted) = planted();
    for options in [OpenOptions::rater("nord"), OpenOptions::read_only()] {
        let mut app = opened(&dir, options);
        app.popup = None;
        select(&mut app, "anonymity-cpr");
        typ(&mut app, "a");
        typ(&mut app, "j");
        assert!(app.popup.is_none());
        assert_eq!(fs::read(dir.join(CASE)).expect("read"), planted);
    }
}

#[test]
fn the_question_in_english() {
    let (dir, _) = planted();
    let mut app = app_in(&dir, Lang::En, 80, 24);
    select(&mut app, "anonymity-blocked-name");
    typ(&mut app, "a");
    insta::assert_snapshot!("anonymise_proposal_en_80x24", screen(&app));
}
