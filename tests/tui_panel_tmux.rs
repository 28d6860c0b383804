//! Nothing is lost: the real binary in tmux on a temporary copy of the
//! example audit (without its panel session), one score entered on
//! Vurdering, and the app killed with SIGKILL as soon as the score shows,
//! with no chance to save on the way out. The score is in
//! `panel/scores/nord.yaml`, and the next copy of the app takes over the
//! dead one's lock and opens for writing. Skips when tmux is missing.

mod tui_support;

use std::process::Command;
use std::time::{Duration, Instant};

use auditpanel::cli::Lang;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{OpenMode, OpenOptions, PanelStore, ScoreValue};

struct Session(String);

impl Session {
    fn tmux(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.0];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.0])
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("'{text}' did not appear; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn a_score_survives_sigkill_right_after_it_is_entered() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tui_panel_tmux: tmux is not installed; skipping (CI installs it)");
        return;
    }
    let dir = tui_support::clean_copy();
    let bin = env!("CARGO_BIN_EXE_auditpanel");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let s = Session(format!("auditpanel-kill-{}-{nanos}", std::process::id()));
    // `exec`, so the pane's process is the app itself.
    let cmd = format!("exec env TERM=xterm-256color '{bin}' '{}'", dir.display());
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &s.0,
            "-x",
            "100",
            "-y",
            "30",
            &cmd,
        ])
        .status()
        .expect("tmux new-session");
    assert!(started.success());
    s.wait_for("1 Oversigt");
    let pid: u32 = s
        .tmux(&["display", "-p", "-t", &s.0, "#{pane_pid}"])
        .and_then(|p| p.trim().parse().ok())
        .expect("pane pid");
    assert!(alive(pid));
    let lock = dir.join("panel/.lock");
    assert!(lock.exists(), "the app holds the lock");

    s.keys(&["4"]);
    s.wait_for("Vurdering · Socialtilsyn Nord");
    s.keys(&["4"]);
    // The score is on screen: the change was applied (and written first).
    s.wait_for("i alt 1/88");
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let start = Instant::now();
    while alive(pid) {
        assert!(start.elapsed() < Duration::from_secs(5), "still alive");
        std::thread::sleep(Duration::from_millis(20));
    }

    // On disk, read as a later session would.
    let text = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).expect("nord.yaml");
    assert!(text.contains("value: 4"), "{text}");
    let audit = load_audit(&dir);
    let case = audit.cases[0].id.clone();
    let (store, diags) = PanelStore::open_with(&dir, &audit, OpenOptions { read_only: true });
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(
        store.value(1, "nord", &case, "v1"),
        Some(ScoreValue::Score(4))
    );
    // No temporary file left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("panel/scores"))
        .expect("scores")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".yaml"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // The dead app's lock is stale: the next copy opens for writing.
    assert!(lock.exists(), "SIGKILL leaves the lock behind");
    let app = tui_support::app_in(&dir, Lang::Da, 80, 24);
    assert_eq!(app.panel.mode(), &OpenMode::ReadWrite);
}
