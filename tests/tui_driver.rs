//! A headless run through the app: keys in, screen text out, no terminal.
//! Opens the example audit, visits every tab, opens a case, filters its
//! episodes, sorts them, opens one, and finds with a Danish word.

mod tui_support;

use auditpanel::domain::model::InterventionType;
use auditpanel::tui::app::{Screen, Tab};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

#[test]
fn through_every_tab_a_case_its_episodes_and_the_finder() {
    let mut app = app(120, 36);
    let s = screen(&app);
    assert!(s.contains("Audit 18.1"), "{s}");
    assert!(s.contains("FIKTIVT EKSEMPEL"), "{s}");
    assert!(s.contains("Institutioner ("), "{s}");

    // Every tab, with Tab, and its title highlighted in the status bar.
    let expect = [
        (Tab::Sager, "Sager ("),
        (Tab::Magtprofil, "Pr. måned"),
        (Tab::Vurdering, "Vurdering · Socialtilsyn Nord"),
        (Tab::Sammenlign, "α samlet"),
        (Tab::Konklusion, "Drøftelse"),
        (Tab::Oversigt, "Institutioner ("),
    ];
    for (tab, text) in expect {
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.tab, tab);
        let s = screen(&app);
        assert!(s.contains(text), "{tab:?}: {s}");
    }
    // F-keys, Alt+digit and Shift-Tab too; a bare digit never switches.
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.tab, Tab::Oversigt);
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('5'),
        ratatui::crossterm::event::KeyModifiers::ALT,
    ));
    assert_eq!(app.tab, Tab::Sammenlign);
    press(&mut app, KeyCode::F(3));
    assert_eq!(app.tab, Tab::Magtprofil);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, Tab::Sager);

    // Open the second case's report.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let case = 1;
    assert_eq!(app.screen(), Screen::Rapport { case });
    let name = app.audit.cases[case].name.clone();
    let s = screen(&app);
    assert!(s.contains(&format!("Tilsynsrapport · {name}")), "{s}");
    assert!(s.contains("Kvalitetsmodellens temaer"), "{s}");
    assert!(s.contains("/5"), "{s}");
    press(&mut app, KeyCode::PageDown);
    assert!(app.rapport.scroll > 0);

    // Its episodes, filtered by type.
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.screen(), Screen::Episoder { case });
    let total = app.audit.cases[case].episodes.len();
    assert!(screen(&app).contains(&format!("{total} af {total} episoder")));
    press(&mut app, KeyCode::Char('f'));
    assert!(screen(&app).contains("Filtrér episoder"));
    press(&mut app, KeyCode::Right); // type: the first type present
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none());
    let table = &app.episode_tables[&case];
    let kind: InterventionType = table.options.kinds[0];
    let want = app.audit.cases[case]
        .episodes
        .iter()
        .filter(|e| e.kind == kind)
        .count();
    assert_eq!(table.view.len(), want);
    assert!(
        table
            .view
            .iter()
            .all(|i| app.audit.cases[case].episodes[*i as usize].kind == kind)
    );
    let s = screen(&app);
    assert!(s.contains(&format!("{want} af {total} episoder")), "{s}");
    assert!(s.contains(&format!("type: {}", kind.label_da())), "{s}");

    // Sort by duration, longest first.
    press(&mut app, KeyCode::Char('s')); // Start → min
    press(&mut app, KeyCode::Char('S'));
    let t = &app.episode_tables[&case];
    let d: Vec<Option<i64>> = t.view.iter().map(|i| t.durations[*i as usize]).collect();
    assert!(d.windows(2).all(|w| w[0] >= w[1]), "{d:?}");
    assert!(screen(&app).contains("min▼"));

    // One episode in full, then the next.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Episode { case });
    let first = app.episode_tables[&case]
        .selected_episode()
        .expect("selected");
    let id = app.audit.cases[case].episodes[first].id.clone();
    let s = screen(&app);
    assert!(s.contains(&format!("Episode {id}")), "{s}");
    assert!(s.contains("Regelfund"), "{s}");
    press(&mut app, KeyCode::Right);
    assert_ne!(app.episode_tables[&case].selected_episode(), Some(first));
    // Back: episode → table → report → list.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Episoder { case });
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.episode_tables[&case].view.len(), total);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Sager);

    // The finder with a Danish word: "øst" finds Socialtilsyn Øst's institutions.
    press(&mut app, KeyCode::Char('/'));
    typ(&mut app, "øst");
    let s = screen(&app);
    assert!(s.contains("› øst"), "{s}");
    assert!(s.contains("institution"), "{s}");
    assert!(s.contains("Socialtilsyn Øst"), "{s}");
    press(&mut app, KeyCode::Enter);
    let Screen::Rapport { case } = app.screen() else {
        panic!("expected a report, got {:?}", app.screen());
    };
    assert_eq!(app.audit.cases[case].tilsyn, "oest");
    // ASCII spelling finds the same.
    press(&mut app, KeyCode::Char('/'));
    typ(&mut app, "Oest");
    assert!(screen(&app).contains("Socialtilsyn Øst"));
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());

    // A theme by its Danish name jumps into the report.
    press(&mut app, KeyCode::Char('/'));
    typ(&mut app, "Sundhed og trivsel");
    let s = screen(&app);
    assert!(
        s.contains("tema") && s.contains("Sundhed og trivsel"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen(), Screen::Rapport { .. }));
    assert!(screen(&app).contains("Sundhed og trivsel"));

    // Help lists the keys of this screen.
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains("Hjælp · Tilsynsrapport"), "{s}");
    assert!(s.contains("Vis institutionens episoder"), "{s}");
    press(&mut app, KeyCode::Esc);

    // Quit: asks when something is unsaved, not otherwise.
    app.dirty = true;
    press(&mut app, KeyCode::Char('q'));
    assert!(screen(&app).contains("ikke er gemt"));
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.should_quit);
    app.dirty = false;
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
}

#[test]
fn mouse_clicks_select_tabs_and_rows() {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app(120, 36);
    let click = |app: &mut auditpanel::tui::app::App, column: u16, row: u16| {
        app.handle_mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        });
    };
    // " 1 Oversigt " is 12 wide, then a space: column 15 is in " 2 Sager ".
    click(&mut app, 15, 0);
    assert_eq!(app.tab, Tab::Sager);
    // The list starts under the border and header: row 1 border, 2 header, 3 first.
    click(&mut app, 5, 5);
    assert_eq!(app.sager.cursor.selected, 2);
    click(&mut app, 5, 5);
    assert_eq!(app.screen(), Screen::Rapport { case: 2 });
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: 5,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.rapport.scroll, 3);
}

fn click(app: &mut auditpanel::tui::app::App, column: u16, row: u16) {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

#[test]
fn a_click_selects_a_heat_map_cell_and_a_second_opens_its_case() {
    let mut app = app(120, 36);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains("Middel"), "{}", screen(&app));
    // Row 1 border, 2 header, 3 v1; columns: border, "Middel " (7), then
    // cases 13 wide each: column 35 is in the third case, row 7 is v5.
    click(&mut app, 35, 7);
    assert_eq!((app.sammenlign.question, app.sammenlign.case), (4, 2));
    // The header and the question ids are not cells.
    click(&mut app, 35, 2);
    click(&mut app, 3, 7);
    assert_eq!((app.sammenlign.question, app.sammenlign.case), (4, 2));
    click(&mut app, 35, 7);
    assert_eq!(
        app.sammenlign.view,
        auditpanel::tui::screens::sammenlign::CompareView::Table
    );
}

#[test]
fn a_click_selects_a_konklusion_item_of_several_lines() {
    let mut app = app(120, 36);
    press(&mut app, KeyCode::F(6));
    // Row 1 frame, 2–3 the section bar, topics from row 4, one line each.
    click(&mut app, 10, 6);
    assert_eq!(app.konklusion.cursor[0], 2);
    click(&mut app, 10, 2);
    assert_eq!(app.konklusion.cursor[0], 2, "the section bar is no item");
    // Hypotheses take several lines: a click on H2's second line selects it.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    let h2 = s
        .lines()
        .position(|l| l.contains("H2 "))
        .expect("H2 on screen");
    click(&mut app, 10, u16::try_from(h2 + 1).expect("row"));
    assert_eq!(app.konklusion.cursor[2], 1, "{s}");
    assert!(app.popup.is_none());
    // A second click on the selected item opens it, like Enter.
    click(&mut app, 10, u16::try_from(h2).expect("row"));
    assert!(app.popup.is_some());
}

#[test]
fn ctrl_c_quits() {
    let mut app = app(80, 24);
    ctrl(&mut app, 'c');
    assert!(app.should_quit);
}

#[test]
fn the_status_bar_shows_only_keys_that_act_in_the_magtprofil_view() {
    let mut app = app(160, 36);
    press(&mut app, KeyCode::F(3));
    let status = |app: &auditpanel::tui::app::App| {
        screen(app).lines().last().unwrap_or_default().to_string()
    };
    // One institution: ←→ chooses it, Enter picks a bar (for its episodes).
    let s = status(&app);
    assert!(s.contains("←→ institution"), "{s}");
    assert!(s.contains("Enter åbn"), "{s}");
    // The comparison: Enter opens the row's institution, ←→ does nothing.
    press(&mut app, KeyCode::Char('v'));
    let s = status(&app);
    assert!(s.contains("Enter åbn"), "{s}");
    assert!(!s.contains("←→"), "{s}");
}
