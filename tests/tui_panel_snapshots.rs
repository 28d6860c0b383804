//! Snapshots of the panel's screens at 80×24 and 120×36: Vurdering (with a
//! comment, the editor, a blind round), Sammenlign (table, spread first,
//! heat map by spread and by mean, blind), Konklusion (each section, the
//! dissent picker, the export preview) and the confirm popups. The example
//! audit's own fictitious session (two rounds, conclusions) is the data,
//! on a temporary copy; "clean" scenarios start from a copy without it.

mod tui_support;

use auditpanel::cli::Lang;
use auditpanel::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

type Steps = fn(&mut App);

fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

fn keys(a: &mut App, s: &str) {
    for ch in s.chars() {
        press(a, c(ch));
    }
}

/// (name, start without the example's session?, steps)
const SCENARIOS: &[(&str, bool, Steps)] = &[
    ("vurdering_kommentar", false, |a| {
        press(a, c('4'));
        keys(a, "tttt");
        keys(a, "jjj");
    }),
    ("vurdering_editor", false, |a| {
        press(a, c('4'));
        keys(a, "tttt");
        keys(a, "jjj");
        press(a, c('c'));
    }),
    ("vurdering_blind", true, |a| {
        press(a, c('4'));
        keys(a, "3420");
        press(a, c('c'));
        typ(a, "Rapporten nævner isolation, men ikke varigheden.");
        press(a, KeyCode::Esc);
    }),
    ("sammenlign_blind", true, |a| {
        press(a, c('4'));
        keys(a, "34");
        press(a, c('t'));
        keys(a, "52");
        press(a, KeyCode::Tab);
    }),
    ("sammenlign_bekraeft_vis", true, |a| {
        press(a, c('5'));
        press(a, c('V'));
    }),
    ("sammenlign_spredning_foerst", false, |a| {
        press(a, c('5'));
        press(a, c('s'));
        keys(a, "tt");
    }),
    ("sammenlign_kommentar", false, |a| {
        press(a, c('5'));
        keys(a, "jjjtttt");
    }),
    ("sammenlign_varmekort", false, |a| {
        press(a, c('5'));
        press(a, c('v'));
    }),
    ("sammenlign_varmekort_middel", false, |a| {
        press(a, c('5'));
        keys(a, "vm");
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
    }),
    ("sammenlign_bekraeft_ny_runde", false, |a| {
        press(a, c('5'));
        press(a, c('N'));
    }),
    ("konklusion_droeftelse", false, |a| {
        press(a, c('6'));
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
    }),
    ("konklusion_uenige", false, |a| {
        press(a, c('6'));
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
        press(a, c('t'));
    }),
    ("konklusion_hypoteser", false, |a| {
        press(a, c('6'));
        keys(a, "ll");
    }),
    ("konklusion_vejledning", false, |a| {
        press(a, c('6'));
        keys(a, "lll");
    }),
    ("konklusion_vejledning_ny", false, |a| {
        press(a, c('6'));
        keys(a, "llla");
    }),
    ("konklusion_opfoelgning", false, |a| {
        press(a, c('6'));
        keys(a, "llll");
    }),
    ("konklusion_tom", true, |a| {
        press(a, c('6'));
        keys(a, "llll");
    }),
    ("eksport", false, |a| {
        press(a, c('6'));
        press(a, c('x'));
    }),
    ("eksport_tabel", false, |a| {
        press(a, c('6'));
        press(a, c('x'));
        press(a, KeyCode::End);
    }),
    ("hjaelp_vurdering", false, |a| {
        press(a, c('4'));
        press(a, c('?'));
    }),
];

fn app_for(clean: bool, w: u16, h: u16) -> App {
    let dir = if clean {
        clean_copy()
    } else {
        temp_copy(&audit_dir())
    };
    app_in(&dir, Lang::Da, w, h)
}

#[test]
fn panel_screens_at_two_sizes() {
    for (w, h) in [(80u16, 24u16), (120, 36)] {
        for (name, clean, steps) in SCENARIOS {
            let mut app = app_for(*clean, w, h);
            steps(&mut app);
            let s = screen(&app);
            // Nothing runs off the screen: every line fits.
            for l in s.lines() {
                assert!(
                    unicode_width::UnicodeWidthStr::width(l) <= usize::from(w),
                    "{name}: {l}"
                );
            }
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

/// The report preview at the projector's size too: headings, wrapped
/// paragraphs and tables drawn with borders, not markdown.
#[test]
fn the_report_preview_at_160x45() {
    for name in ["eksport", "eksport_tabel"] {
        let (_, clean, steps) = SCENARIOS
            .iter()
            .find(|(n, _, _)| *n == name)
            .expect("scenario");
        let mut app = app_for(*clean, 160, 45);
        steps(&mut app);
        let s = screen(&app);
        assert!(!s.contains("| ---"), "no markdown table: {s}");
        insta::assert_snapshot!(format!("{name}_160x45"), s);
    }
}

#[test]
fn a_second_copy_asks_first() {
    let dir = temp_copy(&audit_dir());
    // Another machine's copy has the audit open (a lock from another host
    // is always respected), with a fixed process and time for the snapshot.
    std::fs::write(
        dir.join("panel/.lock"),
        "pid: 4242\nhost: kontor-pc\nsince: 2019-01-14T09:05:00\n",
    )
    .expect("lock");
    let app = app_in(&dir, Lang::Da, 80, 24);
    let s = screen(&app);
    assert!(s.contains("Åbne skrivebeskyttet?"), "{s}");
    assert!(s.contains("proces 4242 · kontor-pc"), "{s}");
    insta::assert_snapshot!("aaben_andetsteds_80x24", s);
}

#[test]
fn no_panic_at_odd_sizes() {
    for (name, clean, steps) in SCENARIOS {
        let mut app = app_for(*clean, 80, 24);
        steps(&mut app);
        for (w, h) in [(40, 10), (45, 12), (60, 16), (250, 70), (300, 12)] {
            app.size = ratatui::layout::Rect::new(0, 0, w, h);
            let s = screen(&app);
            assert_eq!(s.lines().count(), usize::from(h), "{name} at {w}x{h}");
        }
    }
}
