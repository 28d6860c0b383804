//! The real binary in a real terminal: started in a detached tmux session
//! (120×36) on a temporary copy of the example audit (so it never takes the
//! repository's `panel/.lock`), driven with `send-keys`, read with
//! `capture-pane`. Skips with a notice when tmux is missing (CI installs it).

mod tui_support;

use std::process::Command;
use std::time::{Duration, Instant};

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

    fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.0, "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.0])
            .unwrap_or_default()
    }

    /// Polls the pane until `text` shows (or panics with the screen after 10 s).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("'{text}' did not appear; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", &self.0]).is_some()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

#[test]
fn the_binary_in_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tui_tmux: tmux is not installed; skipping (CI installs it)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_auditpanel");
    let copy = tui_support::temp_copy(&tui_support::audit_dir());
    let dir = copy.display().to_string();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let s = Session(format!("auditpanel-test-{}-{nanos}", std::process::id()));
    let cmd = format!("TERM=xterm-256color '{bin}' '{dir}'");
    let started = Command::new("tmux")
        .args([
            "new-session",
            "-d",
            "-s",
            &s.0,
            "-x",
            "120",
            "-y",
            "36",
            &cmd,
        ])
        .status()
        .expect("tmux new-session");
    assert!(started.success());

    let screen = s.wait_for("Institutioner (");
    assert!(screen.contains("1 Oversigt"), "{screen}");
    assert!(screen.contains("FIKTIVT EKSEMPEL"), "{screen}");
    // The lock is taken in the copy, not in the repository.
    assert!(copy.join("panel/.lock").exists());

    s.keys(&["2"]);
    s.wait_for("Sager (");
    s.keys(&["Enter"]);
    s.wait_for("Kvalitetsmodellens temaer");
    s.keys(&["e"]);
    s.wait_for(" episoder ");
    s.keys(&["f"]);
    s.wait_for("Filtrér episoder");
    s.keys(&["Right"]);
    s.wait_for("type: ");
    s.keys(&["Escape"]);

    // The finder with Danish letters.
    s.keys(&["/"]);
    s.wait_for("Find");
    s.literal("øst");
    let found = s.wait_for("› øst");
    let start = Instant::now();
    let mut found = found;
    // The list narrows to the institutions of Socialtilsyn Øst.
    while !found.contains("Socialtilsyn Øst") || found.contains("Socialtilsyn Midt") {
        assert!(start.elapsed() < Duration::from_secs(10), "{found}");
        std::thread::sleep(Duration::from_millis(100));
        found = s.screen();
    }
    s.keys(&["Enter"]);
    s.wait_for("Tilsynsrapport · ");

    s.keys(&["?"]);
    s.wait_for("Hjælp · ");
    s.keys(&["Escape"]);

    // q quits and the program ends (the session closes with it).
    s.keys(&["q"]);
    let start = Instant::now();
    while s.alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the app did not quit:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
