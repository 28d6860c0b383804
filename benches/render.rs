//! Keystroke → frame on ratatui's `TestBackend` with a large audit
//! (1,000,000 episodes over 500 institutions, `generate::write_large_audit`):
//! load and first frame, a tab switch, scrolling the episode table, the
//! magtprofil's control chart, comparison sort, funnel plot and drill-down, a
//! finder keystroke (the first one, and one that narrows the last result),
//! and the anonymity frame gate alone.
//!
//! Run: `cargo bench --bench render`. Sizes: `AUDITPANEL_BENCH_EPISODES`
//! (default 1000000), `AUDITPANEL_BENCH_INSTITUTIONS` (default 500).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use auditpanel::cli::Lang;
use auditpanel::domain::generate::write_large_audit;
use auditpanel::domain::load::load_audit;
use auditpanel::tui::app::{App, Popup};
use auditpanel::tui::popups::finder::FinderState;
use auditpanel::tui::theme::Theme;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const W: u16 = 160;
const H: u16 = 45;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn open(dir: &Path) -> (App, Terminal<TestBackend>) {
    let audit = load_audit(dir);
    let mut app = App::new(audit, Lang::Da, Theme::Standard);
    app.size = Rect::new(0, 0, W, H);
    let mut term = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    auditpanel::tui::render(&app, &mut term);
    (app, term)
}

fn key(app: &mut App, term: &mut Terminal<TestBackend>, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    auditpanel::tui::render(app, term);
}

#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn benches(c: &mut Criterion) {
    let episodes = env("AUDITPANEL_BENCH_EPISODES", 1_000_000);
    let institutions = env("AUDITPANEL_BENCH_INSTITUTIONS", 500) as u32;
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    write_large_audit(tmp.path(), 1, institutions, episodes).expect("generate");
    eprintln!("generated {episodes} episodes in {:?}", t.elapsed());

    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("load_and_first_frame", |b| {
        b.iter(|| black_box(open(tmp.path())))
    });
    g.finish();

    let (mut app, mut term) = open(tmp.path());
    assert_eq!(app.audit.episode_count() as u64, episodes);
    let mut g = c.benchmark_group("keystroke");
    g.sample_size(50);
    g.bench_function("tab_switch", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Tab))
    });
    // The anonymity gate alone (`tui::gate`, part of every frame above):
    // every row of the drawn 160×45 frame scanned and, where needed, masked.
    let mut frame = term.backend().buffer().clone();
    g.bench_function("frame_gate", |b| {
        b.iter(|| app.frame_gate.apply(black_box(&mut frame)))
    });

    // The largest case's episode table.
    let largest = (0..app.audit.cases.len())
        .max_by_key(|i| app.audit.cases[*i].episodes.len())
        .unwrap_or(0);
    app.open_episodes(largest);
    auditpanel::tui::render(&app, &mut term);
    g.bench_function("episode_table_scroll", |b| {
        let mut down = true;
        let mut n = 0;
        b.iter(|| {
            // Down to the end and back up, a page at a time and by line.
            n += 1;
            if n % 200 == 0 {
                down = !down;
            }
            let code = match (down, n % 10 == 0) {
                (true, true) => KeyCode::PageDown,
                (true, false) => KeyCode::Down,
                (false, true) => KeyCode::PageUp,
                (false, false) => KeyCode::Up,
            };
            key(&mut app, &mut term, code)
        })
    });
    g.bench_function("episode_table_sort", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Char('s')))
    });

    // Magtprofil over 500 institutions: the control chart (next
    // institution, drawn as rates) and the funnel plot (`t` redraws it as
    // counts or rates), and the comparison's sort by the next figure.
    app.open_magtprofil(largest);
    key(&mut app, &mut term, KeyCode::Char('t'));
    g.bench_function("magtprofil_control_chart_next_institution", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Right))
    });
    key(&mut app, &mut term, KeyCode::Char('v'));
    g.bench_function("magtprofil_comparison_sort", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Char('s')))
    });
    key(&mut app, &mut term, KeyCode::Char('v'));
    g.bench_function("magtprofil_funnel_toggle", |b| {
        b.iter(|| key(&mut app, &mut term, KeyCode::Char('t')))
    });
    key(&mut app, &mut term, KeyCode::Char('v'));
    // A drill-down from the largest month bar of the largest institution
    // to its episodes, and back.
    app.open_magtprofil(largest);
    g.bench_function("magtprofil_drill_down_and_back", |b| {
        b.iter(|| {
            key(&mut app, &mut term, KeyCode::Enter);
            key(&mut app, &mut term, KeyCode::Enter);
            key(&mut app, &mut term, KeyCode::Esc);
            key(&mut app, &mut term, KeyCode::Esc);
        })
    });

    // Finder: the first letter scans everything (for at most the time
    // budget before the frame is drawn); the next narrows the last result.
    g.bench_function("finder_first_keystroke", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut f = FinderState::default();
                f.start(app.corpus(), Duration::from_millis(8));
                app.popup = Some(Popup::Finder(Box::new(f)));
                let t = Instant::now();
                key(&mut app, &mut term, KeyCode::Char('b'));
                total += t.elapsed();
            }
            total
        })
    });
    g.bench_function("finder_narrowing_keystroke", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut f = FinderState::default();
                f.start(app.corpus(), Duration::from_millis(8));
                app.popup = Some(Popup::Finder(Box::new(f)));
                for ch in ['b', '-', '0'] {
                    app.handle_key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
                    while app.has_pending_work() {
                        app.tick();
                    }
                }
                let t = Instant::now();
                key(&mut app, &mut term, KeyCode::Char('1'));
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();

    // Not a keystroke: how long the first letter takes to finish in full
    // (the app draws every 8 ms meanwhile).
    let mut g = c.benchmark_group("finder");
    g.sample_size(10);
    g.bench_function("first_letter_complete", |b| {
        b.iter(|| {
            let mut f = FinderState::default();
            f.start(app.corpus(), Duration::from_millis(8));
            f.push('b', app.corpus(), Duration::from_secs(60));
            black_box(f.count())
        })
    });
    g.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
