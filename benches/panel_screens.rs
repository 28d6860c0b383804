//! The panel's screens on the example audit (5 tilsyn × 8 cases × 11
//! questions, two rounds): a key on Sammenlign with the agreement cached
//! (key + frame), a score on Vurdering (written to disk + frame), and the
//! worst case: a score followed by Tab to Sammenlign, where alpha with its
//! bootstrap is recomputed for both rounds.
//!
//! Run: `cargo bench --bench panel_screens`. Works on a temporary copy of
//! the example audit (the repository's `panel/` is never written).

use std::path::Path;

use auditpanel::cli::Lang;
use auditpanel::domain::load::load_audit;
use auditpanel::tui::app::App;
use auditpanel::tui::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const W: u16 = 120;
const H: u16 = 36;

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let name = e.file_name();
        let n = name.to_string_lossy();
        if matches!(
            n.as_ref(),
            "target" | ".git" | "src" | "tests" | "benches" | "scripts" | ".lock"
        ) {
            continue;
        }
        let t = to.join(&name);
        if e.path().is_dir() {
            std::fs::create_dir_all(&t).expect("mkdir");
            copy(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).expect("copy");
        }
    }
}

fn key(app: &mut App, term: &mut Terminal<TestBackend>, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    auditpanel::tui::render(app, term);
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy(Path::new(env!("CARGO_MANIFEST_DIR")), tmp.path());
    let mut app = App::new(load_audit(tmp.path()), Lang::Da, Theme::Standard);
    app.size = Rect::new(0, 0, W, H);
    let mut term = Terminal::new(TestBackend::new(W, H)).expect("terminal");

    // Sammenlign, agreement cached: move down and up.
    key(&mut app, &mut term, KeyCode::Char('5'));
    c.bench_function("sammenlign_key_cached", |b| {
        b.iter(|| {
            key(&mut app, &mut term, KeyCode::Down);
            key(&mut app, &mut term, KeyCode::Up);
        })
    });
    // The heat map.
    key(&mut app, &mut term, KeyCode::Char('v'));
    c.bench_function("varmekort_key_cached", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Right))
    });
    key(&mut app, &mut term, KeyCode::Char('v'));

    // Vurdering: a score (written atomically to panel/scores/nord.yaml).
    // The example is in round 2; scores go to round 2.
    key(&mut app, &mut term, KeyCode::BackTab);
    c.bench_function("vurdering_score_written", |b| {
        let mut v = 0u8;
        b.iter(|| {
            v = v % 5 + 1;
            key(&mut app, &mut term, KeyCode::Home);
            key(&mut app, &mut term, KeyCode::Char(char::from(b'0' + v)));
        })
    });

    // Worst case: a score, then Tab to Sammenlign (alpha + bootstrap, two rounds).
    c.bench_function("score_then_sammenlign_recomputed", |b| {
        let mut v = 0u8;
        b.iter(|| {
            v = v % 5 + 1;
            key(&mut app, &mut term, KeyCode::Home);
            key(&mut app, &mut term, KeyCode::Char(char::from(b'0' + v)));
            key(&mut app, &mut term, KeyCode::Tab);
            key(&mut app, &mut term, KeyCode::BackTab);
        })
    });
}

criterion_group!(panel, benches);
criterion_main!(panel);
