//! Shared by the app's tests: which audit to open, a headless app, keys,
//! and the screen as text.
#![allow(dead_code)]

#[path = "../support/mod.rs"]
pub mod support;
pub mod tmux;

use std::collections::BTreeMap;
use std::path::PathBuf;

use auditpanel::cli::Lang;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::magtprofil::{Comparison, Profile, TargetResult};
use auditpanel::domain::model::{Audit, InterventionType};
use auditpanel::tui::app::App;
use auditpanel::tui::theme::Theme;
use chrono::{Datelike, Timelike};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The example audit (what people see) with its fictitious panel session as
/// the generator writes it, never the working tree's `panel/`, which the app
/// changes. Shared and read only: apps open a `temp_copy` of it.
pub fn audit_dir() -> PathBuf {
    support::generated_example().to_path_buf()
}

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

thread_local! {
    /// Temporary copies of audits, removed when the test's thread ends.
    static COPIES: std::cell::RefCell<Vec<tempfile::TempDir>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A copy of an audit folder (audit.yaml, cases, hypotheses, themes,
/// panel; never a lock) in a temporary folder that lives as long as the
/// test's thread: the app writes to `panel/` there, never in the repository.
pub fn temp_copy(dir: &std::path::Path) -> PathBuf {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_audit(dir, tmp.path());
    let path = tmp.path().to_path_buf();
    COPIES.with(|c| c.borrow_mut().push(tmp));
    path
}

/// Copies the parts of an audit folder the app reads.
pub fn copy_audit(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let name = e.file_name();
        let name = name.to_string_lossy();
        if matches!(
            name.as_ref(),
            "target" | ".git" | "src" | "tests" | "benches" | "scripts" | ".lock" | ".locks"
        ) {
            continue;
        }
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_audit(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A headless app over a temporary copy of an audit folder, sized `w`×`h`.
/// When the magtprofil computation gives nothing yet, profiles are filled
/// by hand.
pub fn app_at(dir: &std::path::Path, lang: Lang, w: u16, h: u16) -> App {
    app_in(&temp_copy(dir), lang, w, h)
}

/// A headless app over this very folder (it writes to its `panel/`).
pub fn app_in(dir: &std::path::Path, lang: Lang, w: u16, h: u16) -> App {
    let audit = load_audit(dir);
    let mut app = App::new(audit, lang, Theme::Standard);
    if app.comparison.profiles.is_empty() && !app.audit.cases.is_empty() {
        let c = hand_profiles(&app.audit);
        app.set_comparison(c);
    }
    app.size = ratatui::layout::Rect::new(0, 0, w, h);
    app
}

pub fn app(w: u16, h: u16) -> App {
    app_at(&audit_dir(), Lang::Da, w, h)
}

/// Simple counts standing in for `magtprofil::compare` in tests.
pub fn hand_profiles(audit: &Audit) -> Comparison {
    let mut profiles = Vec::new();
    for c in &audit.cases {
        let mut p = Profile {
            id: c.id.clone(),
            name: Some(c.name.clone()),
            tilsyn: Some(c.tilsyn.clone()),
            places: Some(c.places),
            episodes: c.episodes.len() as u64,
            ..Profile::default()
        };
        let mut children: Vec<&str> = c.episodes.iter().map(|e| e.child.as_str()).collect();
        children.sort();
        children.dedup();
        p.children = children.len() as u64;
        for t in InterventionType::ALL {
            p.by_type.insert(t.code().to_string(), 0);
        }
        let mut months: BTreeMap<String, u64> = BTreeMap::new();
        for m in 1..=12 {
            months.insert(format!("2017-{m:02}"), 0);
        }
        for e in &c.episodes {
            *p.by_type.entry(e.kind.code().to_string()).or_default() += 1;
            p.by_weekday[e.start.weekday().num_days_from_monday() as usize] += 1;
            p.by_hour[e.start.hour() as usize] += 1;
            *months
                .entry(format!("{}-{:02}", e.start.year(), e.start.month()))
                .or_default() += 1;
            if e.start.month() == 7 {
                p.holiday += 1;
            } else {
                p.non_holiday += 1;
            }
            if e.witnesses.unwrap_or(0) > 0 {
                p.witnessed += 1;
            }
            if e.end.is_none() {
                p.unknown_duration += 1;
            }
        }
        p.by_month = months;
        p.rate_per_place = Some(p.episodes as f64 / f64::from(c.places.max(1)));
        p.targets = c
            .targets
            .iter()
            .map(|t| TargetResult {
                target: *t,
                met: p.witnessed == 0,
                count: p.witnessed,
            })
            .collect();
        profiles.push(p);
    }
    profiles.sort_by(|a, b| a.id.cmp(&b.id));
    let mut by_count: Vec<&Profile> = profiles.iter().collect();
    by_count.sort_by_key(|p| std::cmp::Reverse(p.episodes));
    let rank_by_count: Vec<String> = by_count.iter().map(|p| p.id.clone()).collect();
    let mut by_rate: Vec<&Profile> = profiles.iter().collect();
    by_rate.sort_by(|a, b| {
        b.rate_per_place
            .partial_cmp(&a.rate_per_place)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let rank_by_rate: Vec<String> = by_rate.iter().map(|p| p.id.clone()).collect();
    Comparison {
        lowest: rank_by_count.last().cloned(),
        highest: rank_by_count.first().cloned(),
        profiles,
        rank_by_count,
        rank_by_rate,
    }
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    while app.has_pending_work() {
        app.tick();
    }
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types each character as a key.
pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text at the app's size.
pub fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("terminal");
    auditpanel::tui::render(app, &mut t);
    buffer_text(t.backend().buffer())
}

/// A temporary copy of the example audit without the panel's work: no
/// scores, session or conclusions, and three topics, none prioritised.
pub fn clean_copy() -> PathBuf {
    let dir = temp_copy(&audit_dir());
    let panel = dir.join("panel");
    for f in ["scores", "session.yaml", "conclusions.yaml"] {
        let p = panel.join(f);
        if p.is_dir() {
            std::fs::remove_dir_all(&p).expect("rm scores");
        } else if p.exists() {
            std::fs::remove_file(&p).expect("rm");
        }
    }
    std::fs::create_dir_all(&panel).expect("mkdir panel");
    std::fs::write(
        panel.join("topics.yaml"),
        "topics:\n  - id: magtanvendelser\n    title: Magtanvendelser\n  \
         - id: sanktioner\n    title: Institutionernes brug af sanktioner\n  \
         - id: maalgrupper\n    title: Målgrupper og metoder\n",
    )
    .expect("topics");
    dir
}
