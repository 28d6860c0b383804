//! Snapshots of every screen and popup at 80×24 and 120×36 (ratatui
//! `TestBackend`, the buffer as text), the problem screen with a broken
//! audit, English, the too-small message, and no panic at any size.
//! The example is a temporary copy with the generated panel session
//! (`tests/support`), never the working tree's `panel/`.

mod tui_support;

use auditpanel::cli::Lang;
use auditpanel::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

type Steps = fn(&mut App);

fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

const SCENARIOS: &[(&str, Steps)] = &[
    ("oversigt", |_| {}),
    ("sager", |a| press(a, KeyCode::F(2))),
    ("rapport", |a| {
        press(a, KeyCode::F(2));
        press(a, KeyCode::Enter);
    }),
    ("rapport_side_2", |a| {
        press(a, KeyCode::F(2));
        press(a, KeyCode::Enter);
        press(a, KeyCode::PageDown);
    }),
    ("episoder", |a| {
        press(a, KeyCode::F(2));
        press(a, c('e'));
    }),
    ("episoder_sorteret", |a| {
        press(a, KeyCode::F(2));
        press(a, c('e'));
        press(a, c('s'));
        press(a, c('S'));
    }),
    ("episoder_filter", |a| {
        press(a, KeyCode::F(2));
        press(a, c('e'));
        press(a, c('f'));
        press(a, KeyCode::Right);
    }),
    ("episode", |a| {
        press(a, KeyCode::F(2));
        press(a, c('e'));
        press(a, KeyCode::Enter);
    }),
    ("magtprofil", |a| press(a, KeyCode::F(3))),
    ("magtprofil_sammenligning", |a| {
        press(a, KeyCode::F(3));
        press(a, c('v'));
    }),
    ("magtprofil_forholdstal", |a| {
        press(a, KeyCode::F(3));
        press(a, c('v'));
        press(a, c('t'));
    }),
    ("vurdering", |a| press(a, KeyCode::F(4))),
    ("sammenlign", |a| press(a, KeyCode::F(5))),
    ("konklusion", |a| press(a, KeyCode::F(6))),
    ("problemer", |a| press(a, c('!'))),
    ("find", |a| press(a, c('/'))),
    ("find_oest", |a| {
        press(a, c('/'));
        typ(a, "øst");
    }),
    ("hjaelp", |a| press(a, c('?'))),
    ("hjaelp_episoder", |a| {
        press(a, KeyCode::F(2));
        press(a, c('e'));
        press(a, c('?'));
    }),
    ("bekraeft_afslut", |a| {
        a.dirty = true;
        press(a, c('q'));
    }),
];

#[test]
fn every_screen_and_popup_at_two_sizes() {
    for (w, h) in [(80u16, 24u16), (120, 36)] {
        for (name, steps) in SCENARIOS {
            let mut app = app(w, h);
            steps(&mut app);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
        }
    }
}

/// `--lang en` at 80×24: every screen and popup fits and speaks English
/// (the magtprofil's own screens are left to their own tests).
#[test]
fn every_screen_and_popup_in_english_at_80x24() {
    for (name, steps) in SCENARIOS {
        if name.starts_with("magtprofil") {
            continue;
        }
        let mut app = app_at(&audit_dir(), Lang::En, 80, 24);
        steps(&mut app);
        insta::assert_snapshot!(format!("{name}_en_80x24"), screen(&app));
    }
}

/// Help wraps its lines at word boundaries, at 80×24 and at 160×45.
#[test]
fn help_wraps_at_both_sizes_in_both_languages() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for (lang, tag) in [(Lang::Da, ""), (Lang::En, "_en")] {
            let mut app = app_at(&audit_dir(), lang, w, h);
            press(&mut app, KeyCode::F(6));
            press(&mut app, c('?'));
            let s = screen(&app);
            insta::assert_snapshot!(format!("hjaelp_konklusion{tag}_{w}x{h}"), s);
        }
    }
}

#[test]
fn english_overview() {
    let app = app_at(&audit_dir(), Lang::En, 80, 24);
    insta::assert_snapshot!("oversigt_en_80x24", screen(&app));
}

#[test]
fn magtprofil_uses_the_room_at_160x45() {
    let mut app = app(160, 45);
    press(&mut app, KeyCode::F(3));
    let s = screen(&app);
    // Every hour labelled, the values above the bars, never inside them.
    assert!(
        s.contains("00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23"),
        "{s}"
    );
    assert!(!s.contains("█7█") && !s.contains("7█"), "{s}");
    insta::assert_snapshot!("magtprofil_160x45", s);
}

#[test]
fn too_small_says_so() {
    let app = app(30, 8);
    let s = screen(&app);
    assert!(s.contains("Vinduet er for"), "{s}");
    insta::assert_snapshot!("for_lille_30x8", s);
}

/// Every scenario drawn at sizes from 1×1 to 250×70, with keys after each
/// resize; and each scenario's own keys from the start at the two edges of
/// the layout (1×1, far too small; 40×10, the smallest the app lays out).
/// One app per scenario goes through all sizes: an app costs ~0.3 s to
/// open, a frame a few ms.
#[test]
fn no_panic_at_any_size() {
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (39, 9),
        (40, 10),
        (41, 11),
        (45, 12),
        (60, 16),
        (80, 5),
        (5, 80),
        (250, 70),
    ];
    for (name, steps) in SCENARIOS {
        let mut app = app(80, 24);
        steps(&mut app);
        for (w, h) in sizes {
            app.size = ratatui::layout::Rect::new(0, 0, w, h);
            let s = screen(&app);
            assert_eq!(s.lines().count(), usize::from(h), "{name} at {w}x{h}");
        }
        // Keys after a resize must not panic either.
        for (w, h) in sizes {
            app.size = ratatui::layout::Rect::new(0, 0, w, h);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::PageDown);
            let s = screen(&app);
            assert_eq!(s.lines().count(), usize::from(h), "{name} at {w}x{h}");
        }
        for (w, h) in [(1, 1), (40, 10)] {
            let mut again = app_at(&audit_dir(), Lang::Da, w, h);
            steps(&mut again);
            press(&mut again, KeyCode::Down);
            press(&mut again, KeyCode::PageDown);
            let s = screen(&again);
            assert_eq!(s.lines().count(), usize::from(h), "{name} from {w}x{h}");
        }
    }
}

/// A broken copy of the test audit: the app opens on the problem screen.
#[test]
fn problems_screen_opens_first_with_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture_dir(), tmp.path());
    let case = tmp.path().join("cases/bakkely/case.yaml");
    let text = std::fs::read_to_string(&case).expect("case");
    std::fs::write(&case, text.replace("tilsyn: midt", "tilsyn: vest")).expect("write");
    let eps = tmp.path().join("cases/nordlys/episodes.csv");
    let mut text = std::fs::read_to_string(&eps).expect("episodes");
    text.push_str("NL-999,nordlys,B09,15,2017-13-01T10:00,,fastholdelse,,,,,,,,,,\n");
    std::fs::write(&eps, text).expect("write");
    for (w, h) in [(80u16, 24u16), (120, 36)] {
        let app = app_at(tmp.path(), Lang::Da, w, h);
        let s = screen(&app);
        assert!(s.contains("cases/bakkely/case.yaml:"), "{s}");
        assert!(s.contains("2 fejl"), "{s}");
        insta::assert_snapshot!(format!("problemer_fejl_{w}x{h}"), s);
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}
