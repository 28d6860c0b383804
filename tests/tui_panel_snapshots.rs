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
        press(a, KeyCode::F(4));
        keys(a, "tttt");
        keys(a, "jjj");
    }),
    ("vurdering_editor", false, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tttt");
        keys(a, "jjj");
        press(a, c('c'));
    }),
    ("vurdering_blind", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tj");
        keys(a, "3420");
        press(a, c('c'));
        typ(a, "Rapporten nævner isolation, men ikke varigheden.");
        press(a, KeyCode::Esc);
    }),
    ("sammenlign_blind", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tj");
        keys(a, "34");
        press(a, c('t'));
        keys(a, "52");
        press(a, KeyCode::Tab);
    }),
    ("sammenlign_bekraeft_vis", true, |a| {
        press(a, KeyCode::F(5));
        press(a, c('V'));
    }),
    ("sammenlign_spredning_foerst", false, |a| {
        press(a, KeyCode::F(5));
        press(a, c('s'));
        keys(a, "tt");
    }),
    ("sammenlign_kommentar", false, |a| {
        press(a, KeyCode::F(5));
        keys(a, "jjjtttt");
    }),
    ("sammenlign_varmekort", false, |a| {
        press(a, KeyCode::F(5));
        press(a, c('v'));
    }),
    ("sammenlign_varmekort_middel", false, |a| {
        press(a, KeyCode::F(5));
        keys(a, "vm");
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
    }),
    ("sammenlign_bekraeft_ny_runde", false, |a| {
        press(a, KeyCode::F(5));
        press(a, c('N'));
    }),
    ("konklusion_droeftelse", false, |a| {
        press(a, KeyCode::F(6));
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
    }),
    ("konklusion_uenige", false, |a| {
        press(a, KeyCode::F(6));
        press(a, KeyCode::Right);
        press(a, KeyCode::Down);
        press(a, c('t'));
    }),
    ("konklusion_hypoteser", false, |a| {
        press(a, KeyCode::F(6));
        keys(a, "ll");
    }),
    ("konklusion_vejledning", false, |a| {
        press(a, KeyCode::F(6));
        keys(a, "lll");
    }),
    ("konklusion_vejledning_ny", false, |a| {
        press(a, KeyCode::F(6));
        keys(a, "llla");
    }),
    ("konklusion_opfoelgning", false, |a| {
        press(a, KeyCode::F(6));
        keys(a, "llll");
    }),
    ("konklusion_tom", true, |a| {
        press(a, KeyCode::F(6));
        keys(a, "llll");
    }),
    ("eksport", false, |a| {
        press(a, KeyCode::F(6));
        press(a, c('x'));
    }),
    ("eksport_tabel", false, |a| {
        press(a, KeyCode::F(6));
        press(a, c('x'));
        press(a, KeyCode::End);
    }),
    ("hjaelp_vurdering", false, |a| {
        press(a, KeyCode::F(4));
        press(a, c('?'));
    }),
];

/// A copy opened in rater mode (`--rater id`).
fn rater_app(dir: std::path::PathBuf, id: &str, w: u16, h: u16) -> App {
    use auditpanel::domain::load::load_audit;
    use auditpanel::domain::panel::OpenOptions;
    let audit = load_audit(&dir);
    let mut app = App::open(
        audit,
        Lang::Da,
        auditpanel::tui::theme::Theme::Standard,
        OpenOptions::rater(id),
    );
    let c = hand_profiles(&app.audit);
    app.set_comparison(c);
    app.size = ratatui::layout::Rect::new(0, 0, w, h);
    app
}

fn app_for(clean: bool, w: u16, h: u16) -> App {
    let dir = if clean {
        clean_copy()
    } else {
        temp_copy(&audit_dir())
    };
    app_in(&dir, Lang::Da, w, h)
}

/// Every scenario at 80×24; each app is then drawn at odd sizes (40×10 to
/// 300×12), where nothing may panic (an app costs ~0.3 s to open, a frame a
/// few ms, so the same app is resized).
#[test]
fn panel_screens_at_80x24() {
    panel_screens_at(80, 24);
}

/// Every scenario at 120×36 (a test of its own, so the two sizes run in
/// parallel).
#[test]
fn panel_screens_at_120x36() {
    panel_screens_at(120, 36);
}

/// Every scenario with `--lang en` at 80×24: English, and it fits.
#[test]
fn panel_screens_in_english_at_80x24() {
    for (name, clean, steps) in SCENARIOS {
        let dir = if *clean {
            clean_copy()
        } else {
            temp_copy(&audit_dir())
        };
        let mut app = app_in(&dir, Lang::En, 80, 24);
        steps(&mut app);
        let s = screen(&app);
        assert_fits(name, &s, 80);
        insta::assert_snapshot!(format!("{name}_en_80x24"), s);
    }
}

/// Nothing runs off the screen: every line of `screen` fits in `w` columns.
fn assert_fits(name: &str, screen: &str, w: u16) {
    for l in screen.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(l) <= usize::from(w),
            "{name}: {l}"
        );
    }
}

fn panel_screens_at(w: u16, h: u16) {
    for (name, clean, steps) in SCENARIOS {
        let mut app = app_for(*clean, w, h);
        steps(&mut app);
        let s = screen(&app);
        assert_fits(name, &s, w);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        if w == 80 {
            for (w, h) in [(40, 10), (45, 12), (60, 16), (250, 70), (300, 12)] {
                app.size = ratatui::layout::Rect::new(0, 0, w, h);
                let s = screen(&app);
                assert_eq!(s.lines().count(), usize::from(h), "{name} at {w}x{h}");
            }
        }
    }
}

/// The live meeting's views, at 80×24 and 160×45: (name, clean, steps).
const LIVE: &[(&str, bool, Steps)] = &[
    ("projektor_fremdrift", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tj34523");
        press(a, c('t'));
        keys(a, "35");
        press(a, c('P'));
    }),
    ("projektor_afsloeret", false, |a| {
        press(a, c('P'));
    }),
    ("facilitator_fremdrift", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tj34523");
        press(a, c('t'));
        keys(a, "35");
        // Back to the blind board, as a facilitator sees it.
        a.vurdering.shared_round = None;
    }),
    ("facilitator_sammenlign", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "tj34523");
        press(a, KeyCode::F(5));
    }),
    ("bedoemmer_vurdering", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "342");
    }),
    ("bedoemmer_sammenlign", true, |a| {
        press(a, KeyCode::F(4));
        keys(a, "342");
        press(a, KeyCode::F(5));
    }),
    ("afsloeret_advarsel", false, |a| {
        press(a, KeyCode::F(4));
        press(a, c('3'));
    }),
];

#[test]
fn live_meeting_views_at_two_sizes() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for (name, clean, steps) in LIVE {
            let mut app = if name.starts_with("bedoemmer") {
                rater_app(clean_copy(), "nord", w, h)
            } else {
                app_for(*clean, w, h)
            };
            steps(&mut app);
            // Who scores now names this machine: fixed for the snapshot.
            for host in app.holders.iter_mut().flatten() {
                *host = "nord-laptop".into();
            }
            let s = screen(&app);
            assert_fits(name, &s, w);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), s);
        }
    }
}

/// Every cell of the projector view has the theme's own background, on
/// the dark and on the light profile: nothing is left to the terminal's.
#[test]
fn the_projector_view_paints_its_own_background_in_both_profiles() {
    use auditpanel::tui::theme::Theme;
    use ratatui::style::Color;
    for (theme, bg) in [
        (Theme::Projector, Color::Black),
        (Theme::ProjectorLight, Color::White),
    ] {
        for (name, clean, steps) in LIVE {
            let mut app = app_for(*clean, 80, 24);
            app.theme = theme;
            steps(&mut app);
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
                .expect("terminal");
            auditpanel::tui::render(&app, &mut t);
            let buf = t.backend().buffer();
            let mut own = 0;
            for cell in buf.content() {
                assert_ne!(
                    cell.bg,
                    Color::Reset,
                    "{theme:?} {name}: {cell:?}\n{}",
                    buffer_text(buf)
                );
                assert_ne!(cell.fg, cell.bg, "{theme:?} {name}: {cell:?}");
                own += usize::from(cell.bg == bg);
            }
            // Mostly the theme's background (the rest: bars, selection).
            assert!(own > 80 * 24 * 9 / 10, "{theme:?} {name}: {own}");
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
    use auditpanel::domain::load::load_audit;
    use auditpanel::domain::panel::{OpenOptions, PanelStore};
    let dir = temp_copy(&audit_dir());
    // Another copy holds the facilitator's lock; its sidecar says who, with
    // a fixed process, host and time for the snapshot.
    let audit = load_audit(&dir);
    let (first, _) = PanelStore::open_with(&dir, &audit, OpenOptions::default());
    std::fs::write(
        dir.join("panel/.locks/facilitator.info"),
        "pid: 4242\nhost: kontor-pc\nsince: 2019-01-14T09:05:00\nrole: facilitator\n",
    )
    .expect("info");
    let app = app_in(&dir, Lang::Da, 80, 24);
    let s = screen(&app);
    assert!(s.contains("Åbne skrivebeskyttet?"), "{s}");
    assert!(s.contains("proces 4242 · kontor-pc"), "{s}");
    insta::assert_snapshot!("aaben_andetsteds_80x24", s);
    drop(first);
}
