//! The panel's work through the app, headless, on temporary copies of the
//! example audit (the repository's `panel/` is never touched): scoring for
//! two raters, revealing, comparing with the spread marker and the alpha on
//! screen, a consensus statement with a dissent, and all of it found again
//! after reloading; undo and redo; the editor; verdicts with their figures;
//! a second copy and a damaged file opening read-only.

mod tui_support;

use auditpanel::cli::Lang;
use auditpanel::domain::agreement::{
    BootstrapOptions, Level, Structure, audit_report, load_ratings,
};
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{OpenMode, OpenOptions, PanelStore, ReadOnlyReason, ScoreValue};
use auditpanel::tui::app::{App, Popup, Screen, Tab};
use auditpanel::tui::screens::sammenlign::agreement_text;
use auditpanel::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

/// A value as a fresh read of the files finds it (read-only, no lock).
fn on_disk(dir: &std::path::Path, rater: &str, case: usize, q: &str) -> Option<ScoreValue> {
    let audit = load_audit(dir);
    let case = audit.cases[case].id.clone();
    let (store, diags) = PanelStore::open_with(dir, &audit, OpenOptions::read_only());
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    store.value(store.current_round(), rater, &case, q)
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

/// Scores the first case for the rater on screen: one key per question.
/// On Vurdering in a blind round: the facilitator chooses to enter scores
/// on the shared screen (`t`, then yes).
fn share_screen(app: &mut App) {
    press(app, c('t'));
    press(app, c('j'));
}

fn score_case(app: &mut App, keys: &str) {
    press(app, KeyCode::Home);
    typ(app, keys);
}

#[test]
fn two_raters_score_reveal_compare_agree_and_everything_is_there_after_reload() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    assert_eq!(app.panel.mode(), &OpenMode::ReadWrite);

    // Vurdering: Nord scores the first case, Midt too (v1 far apart).
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    assert_eq!(app.tab, Tab::Vurdering);
    score_case(&mut app, "13333333333");
    // A comment on v2 (Enter opens the editor; Esc saves).
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.popup, Some(Popup::Editor(_))));
    typ(&mut app, "Rapporten nævner ikke lovgrundlaget.");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    press(&mut app, c('t'));
    let s = screen(&app);
    assert!(s.contains("Vurdering · Socialtilsyn Midt (2/5)"), "{s}");
    // Blind: Midt sees none of Nord's scores.
    assert!(s.contains("sagen 0/11"), "{s}");
    assert!(s.contains("│v1 ·  "), "{s}");
    score_case(&mut app, "43333333332");
    let s = screen(&app);
    assert!(s.contains("sagen 11/11"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains("│ Midt ") && l.contains("11/88")),
        "{s}"
    );

    // Sammenlign: hidden until revealed.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen(), Screen::Sammenlign);
    let s = screen(&app);
    assert!(s.contains("Scorerne i runde 1 er skjult"), "{s}");
    assert!(!s.contains("◆"), "{s}");
    press(&mut app, c('V'));
    // The question says first who has not finished and how much is open.
    let s = screen(&app);
    assert!(
        s.contains("Ikke færdige: Nord 11/88, Midt 11/88, Syd 0/88,"),
        "{s}"
    );
    assert!(s.contains("(418 celler mangler)"), "{s}");
    press(&mut app, c('j'));
    let s = screen(&app);
    assert!(s.contains("runde 1 (vist)"), "{s}");
    // v1 (1 and 4) is marked; v2 has Nord's comment.
    let v1 = s.lines().find(|l| l.contains(" v1 ")).expect("v1 row");
    assert!(v1.contains("◆"), "{v1}");
    assert!(v1.contains("1") && v1.contains("4"), "{v1}");
    let v2 = s.lines().find(|l| l.contains(" v2 ")).expect("v2 row");
    assert!(v2.contains("3✎"), "{v2}");
    assert!(!v2.contains("◆"), "{v2}");
    // Counted over the cells two tilsyn scored (11 questions × 1 case).
    assert!(s.contains("spredning i 1 af 11 scorede celler"), "{s}");
    // 11 units, 22 values: enough for an interval, which holds the estimate.
    assert!(
        s.contains("α samlet: -0,637 [-0,909–0,000] ikke pålidelig"),
        "{s}"
    );
    // The overall alpha on screen is the domain's figure for these ratings.
    let audit = load_audit(&dir);
    let ratings = load_ratings(&audit, Some(1)).expect("ratings");
    let report = audit_report(
        &Structure::from_audit(&audit),
        &ratings,
        Level::Ordinal,
        &BootstrapOptions::default(),
    );
    let overall = agreement_text(&report.overall.agreement, Lang::Da);
    assert!(report.overall.agreement.alpha.is_some());
    assert!(
        s.contains(&format!("α samlet: {overall}")),
        "{overall}\n{s}"
    );
    // The selected cell's comment below the table.
    press(&mut app, KeyCode::Down);
    let s = screen(&app);
    assert!(s.contains("Rapporten nævner ikke lovgrundlaget."), "{s}");
    // Spread rows first.
    press(&mut app, KeyCode::Up);
    press(&mut app, c('s'));
    let s = screen(&app);
    let first_row = s.lines().find(|l| l.contains("◆")).expect("a flagged row");
    assert!(first_row.contains(" v1 "), "{s}");

    // Konklusion: prioritise the first topic, then a consensus with a dissent.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen(), Screen::Konklusion);
    press(&mut app, c(' '));
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    assert!(s.contains("Magtanvendelser"), "{s}");
    press(&mut app, c('a'));
    assert!(screen(&app).contains("Der var enighed om, at"));
    typ(&mut app, "magtprofiler hører til i hvert tilsyn.");
    press(&mut app, KeyCode::Esc);
    // Nothing opens by itself after the save: typing goes on safely.
    assert!(app.popup.is_none());
    // Dissent is asked for with `t`: one field per tilsyn for its view.
    press(&mut app, c('t'));
    assert!(matches!(app.popup, Some(Popup::Editor(_))));
    assert!(screen(&app).contains("afvigende synspunkt (tomt: enig)"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "Syd vil vente et år.");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    let s = screen(&app);
    assert!(s.contains("Syd: Syd vil vente et år."), "{s}");
    assert!(
        s.contains("Der var enighed om, at magtprofiler hører til i hvert tilsyn."),
        "{s}"
    );
    assert!(s.contains("Ikke enige: Syd"), "{s}");

    // Reload: a new app over the same folder finds all of it.
    drop(app);
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    assert_eq!(app.panel.mode(), &OpenMode::ReadWrite);
    press(&mut app, KeyCode::F(4));
    let s = screen(&app);
    assert!(s.contains("v1 1 I meget lav"), "{s}");
    assert!(s.contains("sagen 11/11"), "{s}");
    press(&mut app, KeyCode::Tab);
    let s = screen(&app);
    assert!(s.contains("runde 1 (vist)"), "{s}");
    assert!(s.contains(&format!("α samlet: {overall}")), "{s}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    assert!(s.contains("magtprofiler hører til i hvert tilsyn."), "{s}");
    assert!(s.contains("Ikke enige: Syd"), "{s}");

    // And in the YAML.
    let nord = read(&dir.join("panel/scores/nord.yaml"));
    assert!(
        nord.contains("Rapporten nævner ikke lovgrundlaget."),
        "{nord}"
    );
    assert_eq!(on_disk(&dir, "midt", 0, "v1"), Some(ScoreValue::Score(4)));
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), Some(ScoreValue::Score(1)));
    assert_eq!(on_disk(&dir, "midt", 0, "p5"), Some(ScoreValue::Score(2)));
    let session = read(&dir.join("panel/session.yaml"));
    assert!(session.contains("revealed: true"), "{session}");
    let topics = read(&dir.join("panel/topics.yaml"));
    assert!(
        topics.contains("magtprofiler hører til i hvert tilsyn."),
        "{topics}"
    );
    assert!(topics.contains("- syd"), "{topics}");
    assert!(topics.contains("prioritised: true"), "{topics}");
}

#[test]
fn undo_and_redo_say_what_they_did_and_change_the_file() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    press(&mut app, c('3'));
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), Some(ScoreValue::Score(3)));
    press(&mut app, c('u'));
    let s = screen(&app);
    let case = app.audit.cases[0].id.clone();
    assert!(
        s.contains(&format!("Fortrudt: score 3 · nord · {case} · v1")),
        "{s}"
    );
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), None);
    ctrl(&mut app, 'r');
    assert!(screen(&app).contains("Gentaget: score 3"));
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), Some(ScoreValue::Score(3)));
    // Nothing more to redo.
    press(&mut app, c('U'));
    assert!(screen(&app).contains("Der er intet at gentage."));
}

#[test]
fn scoring_keys_not_assessable_clear_next_unscored_and_off_scale() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    press(&mut app, c('0'));
    press(&mut app, c('-'));
    press(&mut app, c('7'));
    let s = screen(&app);
    assert!(s.contains("7 ligger uden for skalaen 1–5"), "{s}");
    assert!(s.contains("v1 ÷ kan ikke vur"), "{s}");
    press(&mut app, KeyCode::Up);
    press(&mut app, c('x'));
    assert!(screen(&app).contains("v2 ·"));
    // n: the next question without a value (v2, then after v3 … across cases).
    press(&mut app, KeyCode::Home);
    press(&mut app, c('n'));
    assert_eq!(app.vurdering.question, 1);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.vurdering.case, 1);
    assert!(screen(&app).contains(&format!("‹ {} ›", app.audit.cases[1].name)));
}

#[test]
fn score_then_n_lands_on_the_question_scoring_moved_to() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    // v1 scored: the cursor moves to v2, which has no value: n stays there.
    press(&mut app, c('3'));
    assert_eq!(app.vurdering.question, 1);
    press(&mut app, c('n'));
    assert_eq!(app.vurdering.question, 1);
    // Score v2 and v3 one after the other, then n: v4 (never v5).
    press(&mut app, c('3'));
    press(&mut app, c('3'));
    press(&mut app, c('n'));
    assert_eq!(app.vurdering.question, 3);
    // Without a score first, n looks past the cursor (v4 → v5).
    press(&mut app, c('n'));
    assert_eq!(app.vurdering.question, 4);
}

#[test]
fn changing_a_score_in_a_revealed_round_asks_first() {
    // The example's round 2 is revealed.
    let dir = temp_copy(&audit_dir());
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(4));
    let before = read(&dir.join("panel/scores/nord.yaml"));
    let was = app.panel.value(2, "nord", &app.audit.cases[0].id, "v1");
    let new = if was == Some(ScoreValue::Score(1)) {
        '2'
    } else {
        '1'
    };
    press(&mut app, c(new));
    let s = screen(&app);
    assert!(
        s.contains("Runden er afsløret; ændringen registreres"),
        "{s}"
    );
    press(&mut app, c('n'));
    assert_eq!(read(&dir.join("panel/scores/nord.yaml")), before);
    assert_eq!(app.vurdering.question, 0);
    press(&mut app, c(new));
    press(&mut app, c('j'));
    let v = u8::try_from(new.to_digit(10).expect("digit")).expect("small");
    assert_eq!(
        app.panel.value(2, "nord", &app.audit.cases[0].id, "v1"),
        Some(ScoreValue::Score(v))
    );
    assert_eq!(app.vurdering.question, 1);
}

#[test]
fn a_too_small_window_takes_no_key_but_quit() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    app.handle_event(ratatui::crossterm::event::Event::Resize(30, 8));
    assert!(screen(&app).contains("for lille"), "{}", screen(&app));
    // Digits, Enter, F-keys, a paste: nothing happens, nothing is written.
    for k in [
        c('4'),
        c('1'),
        KeyCode::Enter,
        KeyCode::F(5),
        c('P'),
        c('V'),
    ] {
        press(&mut app, k);
    }
    app.handle_event(ratatui::crossterm::event::Event::Paste("3".into()));
    assert_eq!(app.tab, auditpanel::tui::app::Tab::Vurdering);
    assert!(app.popup.is_none());
    assert!(!app.projector);
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), None);
    assert!(!dir.join("panel/scores/nord.yaml").exists());
    press(&mut app, c('q'));
    assert!(app.should_quit);
}

#[test]
fn a_paste_is_one_event_without_control_characters() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    press(&mut app, c('c'));
    // 100 KB in one bracketed paste, with Windows line ends, a bell and an
    // escape sequence that must not reach the file.
    let line = "Rapporten beskriver episoden uden varighed.\r\n";
    let mut text = line.repeat(100_000 / line.len() + 1);
    text.push_str("slut\u{7}\u{1b}[31m");
    app.handle_event(ratatui::crossterm::event::Event::Paste(text));
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    let nord = read(&dir.join("panel/scores/nord.yaml"));
    assert!(nord.contains("Rapporten beskriver episoden uden varighed."));
    assert!(nord.contains("slut[31m"), "{}", &nord[nord.len() - 200..]);
    assert!(!nord.contains('\u{1b}') && !nord.contains('\u{7}') && !nord.contains('\r'));
}

#[test]
fn the_editor_asks_before_quitting_and_can_be_left_without_saving() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 80, 24);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    press(&mut app, c('c'));
    // q is text in the editor.
    typ(&mut app, "quiz");
    assert!(!app.should_quit);
    assert!(app.has_unsaved());
    ctrl(&mut app, 'c');
    assert!(screen(&app).contains("Editoren har tekst, der ikke er gemt."));
    press(&mut app, c('n'));
    assert!(matches!(app.popup, Some(Popup::Editor(_))));
    // Ctrl-Q leaves without saving.
    ctrl(&mut app, 'q');
    assert!(app.popup.is_none());
    assert!(!dir.join("panel/scores/nord.yaml").exists());
    // And Ctrl-C with unsaved text, answered yes, saves first.
    press(&mut app, c('c'));
    typ(&mut app, "gemt ved afslutning");
    ctrl(&mut app, 'c');
    press(&mut app, c('j'));
    assert!(app.should_quit);
    assert!(read(&dir.join("panel/scores/nord.yaml")).contains("gemt ved afslutning"));
}

#[test]
fn follow_up_dates_are_checked_and_verdicts_carry_the_agreement() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    // Two raters over every case so alpha is defined.
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    for (r, keys) in ["34523", "35412"].iter().enumerate() {
        if r > 0 {
            press(&mut app, c('t'));
        }
        for case in 0..app.audit.cases.len() {
            app.vurdering.case = case;
            let k: String = keys.chars().cycle().skip(case).take(11).collect();
            score_case(&mut app, &k);
        }
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, c('V'));
    press(&mut app, c('j'));
    press(&mut app, KeyCode::Tab);
    // Hypoteser: v gives the verdict, with the figures of the revealed round.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, c('v'));
    let s = screen(&app);
    assert!(s.contains("Vurdering: bekræftet"), "{s}");
    assert!(s.contains("Enighed ved vurderingen: R1: α "), "{s}");
    let audit = load_audit(&dir);
    let ratings = load_ratings(&audit, Some(1)).expect("ratings");
    let report = audit_report(
        &Structure::from_audit(&audit),
        &ratings,
        Level::Ordinal,
        &BootstrapOptions::default(),
    );
    let alpha = report.hypotheses[0].agreement.alpha.expect("alpha");
    let conclusions = read(&dir.join("panel/conclusions.yaml"));
    assert!(conclusions.contains("verdict: bekraeftet"), "{conclusions}");
    assert!(
        conclusions.contains(&format!("alpha: {alpha}")),
        "{alpha}\n{conclusions}"
    );
    // Opfølgning: a date that is not a date keeps the editor open.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, c('a'));
    typ(&mut app, "Magtprofil i alle tilsynsrapporter");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "Socialstyrelsen");
    press(&mut app, KeyCode::Tab);
    typ(&mut app, "30/6");
    press(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.contains("Fristen skal skrives ÅÅÅÅ-MM-DD"), "{s}");
    assert!(matches!(app.popup, Some(Popup::Editor(_))));
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2019-06-30");
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    press(&mut app, c('s'));
    let s = screen(&app);
    assert!(s.contains("2019-06-30"), "{s}");
    assert!(s.contains("i gang"), "{s}");
    let conclusions = read(&dir.join("panel/conclusions.yaml"));
    assert!(conclusions.contains("due: 2019-06-30"), "{conclusions}");
    assert!(conclusions.contains("status: igang"), "{conclusions}");
}

#[test]
fn a_second_copy_is_told_it_is_open_elsewhere_and_may_work_read_only() {
    let dir = clean_copy();
    let first = app_in(&dir, Lang::Da, 120, 36);
    assert_eq!(first.panel.mode(), &OpenMode::ReadWrite);
    let mut second = app_in(&dir, Lang::Da, 120, 36);
    assert!(matches!(
        second.panel.mode(),
        OpenMode::ReadOnly {
            reason: ReadOnlyReason::OpenElsewhere { .. }
        }
    ));
    let s = screen(&second);
    assert!(s.contains("Auditten er åben i et andet vindue"), "{s}");
    press(&mut second, c('j'));
    assert!(!second.should_quit);
    press(&mut second, KeyCode::F(4));
    press(&mut second, c('3'));
    let s = screen(&second);
    assert!(s.contains("skrivebeskyttet: åben i andet vindue"), "{s}");
    assert!(s.contains("Skrivebeskyttet: auditten er åben"), "{s}");
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), None);
    assert!(!dir.join("panel/scores/nord.yaml").exists());
    // Answering no quits.
    let mut third = app_in(&dir, Lang::Da, 80, 24);
    press(&mut third, c('n'));
    assert!(third.should_quit);
    drop(first);
}

#[test]
fn a_damaged_panel_file_is_listed_with_its_place_and_never_written() {
    let dir = clean_copy();
    let topics = dir.join("panel/topics.yaml");
    let broken = "topics:\n  - id: a\n    title: [ikke lukket\n";
    std::fs::write(&topics, broken).expect("write");
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    assert_eq!(
        app.panel.mode(),
        &OpenMode::ReadOnly {
            reason: ReadOnlyReason::Damaged
        }
    );
    assert_eq!(app.screen(), Screen::Problemer);
    let s = screen(&app);
    assert!(
        s.lines()
            .any(|l| l.contains("panel/topics.yaml:") && l.contains("fejl:")),
        "{s}"
    );
    assert!(s.contains("skrivebeskyttet: fejl i panel/"), "{s}");
    press(&mut app, KeyCode::F(6));
    press(&mut app, c('a'));
    assert!(app.popup.is_none());
    assert!(screen(&app).contains("Skrivebeskyttet: en fil i panel/ har fejl"));
    press(&mut app, KeyCode::F(4));
    press(&mut app, c('3'));
    assert_eq!(read(&topics), broken);
    assert!(!dir.join("panel/scores").exists());
}

#[test]
fn read_only_on_request_takes_no_lock() {
    let dir = clean_copy();
    let audit = load_audit(&dir);
    let mut app = App::open(audit, Lang::Da, Theme::Standard, OpenOptions::read_only());
    app.size = ratatui::layout::Rect::new(0, 0, 80, 24);
    assert!(!dir.join("panel/.locks").exists());
    let s = screen(&app);
    assert!(s.contains("skrivebeskyttet: --read-only"), "{s}");
    // A writer can open beside it.
    let writer = app_in(&dir, Lang::Da, 80, 24);
    assert_eq!(writer.panel.mode(), &OpenMode::ReadWrite);
}

#[test]
fn round_two_is_scored_blind_and_compared_with_round_one() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    score_case(&mut app, "2");
    press(&mut app, c('t'));
    score_case(&mut app, "5");
    press(&mut app, KeyCode::Tab);
    press(&mut app, c('V'));
    press(&mut app, c('j'));
    press(&mut app, c('N'));
    assert!(screen(&app).contains("Start runde 2?"));
    press(&mut app, c('j'));
    assert_eq!(app.panel.current_round(), 2);
    // Round 2 is blind: round 1 stays shown, with a note.
    let s = screen(&app);
    assert!(s.contains("runde 1 (vist)"), "{s}");
    assert!(s.contains("runde 2 er blind: V viser den"), "{s}");
    // Midt moves from 5 to 3 in round 2; Vurdering shows round 1 beside it.
    press(&mut app, KeyCode::BackTab);
    // A new blind round: the shared screen is chosen again, and said.
    assert!(screen(&app).contains("aldrig deres"));
    share_screen(&mut app);
    score_case(&mut app, "3");
    let s = screen(&app);
    assert!(s.contains("runde 2 (blind)"), "{s}");
    assert!(
        s.contains("Runden er ikke blind: scorer indtastes på fælles skærm"),
        "{s}"
    );
    assert!(s.contains("v1 5   3 I nogen grad"), "{s}");
    press(&mut app, c('T'));
    score_case(&mut app, "3");
    press(&mut app, KeyCode::Tab);
    press(&mut app, c('V'));
    press(&mut app, c('j'));
    let s = screen(&app);
    assert!(s.contains("runde 2 (vist)"), "{s}");
    let v1 = s.lines().find(|l| l.contains(" v1 ")).expect("v1");
    assert!(v1.contains("2→3") && v1.contains("5→3"), "{v1}");
}

/// A round of the spread cells, as the room runs it: only the ◆ cells are
/// scored again; Vurdering shows the others as not in the round and counts
/// progress on the round's own cells; Sammenlign shows the value in effect
/// in every cell (the others carried from round 1, as agreement counts
/// them), never an empty cell where a value stands.
#[test]
fn a_round_of_the_spread_cells_shows_its_cells_and_carries_the_rest() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    // v1 spreads (2 and 5); v2 does not (3 and 3).
    score_case(&mut app, "23");
    press(&mut app, c('t'));
    score_case(&mut app, "53");
    press(&mut app, KeyCode::Tab);
    press(&mut app, c('V'));
    press(&mut app, c('j'));
    press(&mut app, c('N'));
    press(&mut app, c('s'));
    assert_eq!(app.panel.current_round(), 2);
    press(&mut app, KeyCode::BackTab);
    share_screen(&mut app);
    let s = screen(&app);
    let v2 = s.lines().find(|l| l.contains("│v2 ")).expect("v2");
    assert!(v2.contains("ikke i runden"), "{s}");
    let v1 = s.lines().find(|l| l.contains("│v1 ")).expect("v1");
    assert!(!v1.contains("ikke i runden"), "{s}");
    assert!(s.contains("sagen 0/1"), "{s}");
    // A digit on v2 is refused; `n` goes to v1.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down);
    typ(&mut app, "4");
    assert!(
        screen(&app).contains("er ikke med i runde 2"),
        "{}",
        screen(&app)
    );
    press(&mut app, c('n'));
    typ(&mut app, "3");
    assert!(screen(&app).contains("sagen 1/1"), "{}", screen(&app));
    // That was Midt (the tilsyn on screen); now Nord.
    press(&mut app, c('T'));
    press(&mut app, c('n'));
    typ(&mut app, "3");
    press(&mut app, KeyCode::Tab);
    press(&mut app, c('V'));
    press(&mut app, c('j'));
    let s = screen(&app);
    assert!(s.contains("runde 2 (vist)"), "{s}");
    let v1 = s.lines().find(|l| l.contains(" v1 ")).expect("v1");
    assert!(v1.contains("2→3") && v1.contains("5→3"), "{v1}");
    // v2 was not in the round: both tilsyn's round-1 values stand.
    let v2 = s.lines().find(|l| l.contains(" v2 ")).expect("v2");
    let cells: Vec<&str> = v2.split_whitespace().collect();
    assert_eq!(&cells[1..4], ["v2", "3", "3"], "{v2}");
    assert!(v2.contains("3,0"), "panel mean of the carried values: {v2}");
}

#[test]
fn the_report_is_previewed_written_and_refused_when_it_could_identify_a_child() {
    // The example's own session: preview, then w writes the file.
    let dir = temp_copy(&audit_dir());
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(6));
    press(&mut app, c('x'));
    assert!(matches!(app.popup, Some(Popup::Preview(_))));
    let s = screen(&app);
    assert!(s.contains("Auditrapport 18.1 – "), "{s}");
    assert!(
        !s.contains("# Auditrapport"),
        "drawn, not raw markdown: {s}"
    );
    press(&mut app, KeyCode::PageDown);
    press(&mut app, c('w'));
    assert!(app.popup.is_none());
    let path = dir.join("rapport-18.1.md");
    let s = screen(&app);
    assert!(s.contains("Rapporten er skrevet til"), "{s}");
    let audit = load_audit(&dir);
    let (store, _) = PanelStore::open_with(&dir, &audit, OpenOptions::read_only());
    let expected =
        auditpanel::domain::export::report(&audit, store.data()).expect("the example exports");
    assert_eq!(read(&path), expected);

    // A CPR number in a consensus statement: no preview, the reason shown.
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(6));
    press(&mut app, c(' '));
    press(&mut app, KeyCode::Right);
    press(&mut app, c('a'));
    typ(&mut app, "den unge med cpr 010203-1234 blev hørt.");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // Masked on screen, too.
    let s = screen(&app);
    assert!(!s.contains("010203-1234"), "{s}");
    press(&mut app, c('x'));
    assert!(app.popup.is_none());
    let s = screen(&app);
    assert!(s.contains("rapporten blev ikke skrevet"), "{s}");
    assert!(!s.contains("010203-1234"), "{s}");
    assert!(!dir.join("rapport-18.1.md").exists());
}

#[test]
fn last_years_follow_up_plan_is_shown_for_checking() {
    let last_year = temp_copy(&audit_dir());
    let dir = clean_copy();
    let cfg = dir.join("audit.yaml");
    let mut text = read(&cfg);
    text.push_str(&format!("previous_audit: '{}'\n", last_year.display()));
    std::fs::write(&cfg, text).expect("audit.yaml");
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    assert!(app.previous_plan.is_some(), "{:?}", app.audit.diagnostics);
    press(&mut app, KeyCode::F(6));
    // ← from Emner wraps to the last section.
    press(&mut app, KeyCode::Left);
    let s = screen(&app);
    assert!(s.contains("Sidste år"), "{s}");
    assert!(
        s.contains("sidste års opfølgningsplan (kun til læsning)"),
        "{s}"
    );
    assert!(s.contains("1. Præsentere rapporten"), "{s}");
    assert!(s.contains("gennemført"), "{s}");
    // Read-only: adding does nothing there.
    press(&mut app, c('a'));
    assert!(app.popup.is_none());
}

/// A headless copy of the app in rater mode for `id`.
fn rater_app(dir: &std::path::Path, id: &str) -> App {
    let audit = load_audit(dir);
    let mut app = App::open(audit, Lang::Da, Theme::Standard, OpenOptions::rater(id));
    if app.comparison.profiles.is_empty() {
        let c = hand_profiles(&app.audit);
        app.set_comparison(c);
    }
    app.size = ratatui::layout::Rect::new(0, 0, 120, 36);
    app
}

#[test]
fn raters_score_blind_on_their_own_copies_until_the_facilitator_reveals() {
    let dir = clean_copy();
    let mut facilitator = app_in(&dir, Lang::Da, 120, 36);
    let mut nord = rater_app(&dir, "nord");
    let mut midt = rater_app(&dir, "midt");
    assert_eq!(nord.panel.mode(), &OpenMode::ReadWrite);
    assert_eq!(midt.panel.mode(), &OpenMode::ReadWrite);
    // Each starts on Vurdering for its own tilsyn, and says whose copy it is.
    assert_eq!(nord.tab, Tab::Vurdering);
    let s = screen(&nord);
    assert!(s.contains("Vurdering · Socialtilsyn Nord"), "{s}");
    assert!(s.contains("Nord · bedømmer"), "{s}");
    // `t` does not leave one's own tilsyn.
    press(&mut nord, c('t'));
    assert!(screen(&nord).contains("Vurdering · Socialtilsyn Nord"));
    assert_eq!(nord.vurdering.rater, 0);
    press(&mut nord, c('3'));
    press(&mut midt, c('5'));
    assert_eq!(on_disk(&dir, "nord", 0, "v1"), Some(ScoreValue::Score(3)));
    assert_eq!(on_disk(&dir, "midt", 0, "v1"), Some(ScoreValue::Score(5)));
    // Nord takes in Midt's file but shows none of it before the reveal.
    nord.reload_panel(false);
    press(&mut nord, KeyCode::F(5));
    let s = screen(&nord);
    assert!(s.contains("Afventer at facilitator afslører runden"), "{s}");
    assert!(!s.contains("Midt "), "{s}");
    press(&mut nord, c('V'));
    assert!(nord.popup.is_none());
    press(&mut nord, KeyCode::F(6));
    press(&mut nord, c('x'));
    assert!(nord.popup.is_none(), "no report before the reveal");
    press(&mut nord, c('P'));
    let s = screen(&nord);
    assert!(s.contains("Nord") && !s.contains("Midt"), "{s}");
    press(&mut nord, c('P'));

    // The facilitator sees progress, never values, and reveals.
    facilitator.reload_panel(false);
    press(&mut facilitator, KeyCode::F(4));
    let s = screen(&facilitator);
    let row = |s: &str, name: &str| {
        s.lines()
            .find(|l| l.contains(&format!(" {name} ")) && l.contains("/88"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(row(&s, "Nord").contains("1/88"), "{s}");
    assert!(row(&s, "Midt").contains("1/88"), "{s}");
    assert!(row(&s, "Syd").contains("0/88"), "{s}");
    assert!(
        !s.contains("I nogen grad") && !s.contains("I meget høj grad"),
        "{s}"
    );
    press(&mut facilitator, KeyCode::F(5));
    press(&mut facilitator, c('V'));
    press(&mut facilitator, c('j'));
    assert!(facilitator.panel.is_revealed(1));

    // After the reveal each rater sees the other's score.
    nord.reload_panel(false);
    press(&mut nord, KeyCode::F(5));
    let s = screen(&nord);
    assert!(s.contains("runde 1 (vist)"), "{s}");
    let v1 = s.lines().find(|l| l.contains(" v1 ")).expect("v1 row");
    assert!(v1.contains('3') && v1.contains('5'), "{v1}");
}

#[test]
fn a_hand_edit_shows_after_r_and_an_unknown_rater_is_refused() {
    let dir = clean_copy();
    let mut app = app_in(&dir, Lang::Da, 120, 36);
    press(&mut app, KeyCode::F(4));
    share_screen(&mut app);
    press(&mut app, c('3'));
    // Another writer (here: a person with an editor) changes Nord's file.
    let path = dir.join("panel/scores/nord.yaml");
    let text = read(&path).replacen("value: 3", "value: 5", 1);
    std::fs::write(&path, text).expect("write");
    press(&mut app, c('R'));
    assert!(screen(&app).contains("Genindlæst: 1 fil ændret af andre"));
    let case = app.audit.cases[0].id.clone();
    assert_eq!(
        app.panel.value(1, "nord", &case, "v1"),
        Some(ScoreValue::Score(5))
    );
    // A sync tool's conflict copy is a problem, never data.
    std::fs::write(dir.join("panel/scores/nord (1).yaml"), "rater: nord\n").expect("copy");
    press(&mut app, c('R'));
    assert!(
        screen(&app).contains("fra en anden skriver: se !"),
        "{}",
        screen(&app)
    );
    press(&mut app, c('!'));
    assert!(screen(&app).contains("konfliktkopi"), "{}", screen(&app));
    // A conflict copy named after a CPR number is listed masked.
    press(&mut app, KeyCode::Esc);
    std::fs::write(dir.join("panel/scores/120389-1234 (1).yaml"), "rater: x\n").expect("copy");
    press(&mut app, c('R'));
    press(&mut app, c('!'));
    let s = screen(&app);
    assert!(s.matches("konfliktkopi").count() >= 2, "{s}");
    assert!(!s.contains("120389-1234"), "{s}");

    // `--rater` with an id the audit does not have: exit 2, the list.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .arg(&dir)
        .args(["--rater", "vest"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ukendt tilsyn 'vest'") && err.contains("nord (Socialtilsyn Nord)"),
        "{err}"
    );
}
