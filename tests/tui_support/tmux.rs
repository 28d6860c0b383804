//! The real binary in a detached tmux session: start it at a size, type keys,
//! read the pane. Shared by the tmux tests; the session is killed on drop.

use std::process::Command;
use std::time::{Duration, Instant};

/// Whether tmux can be run here. Without it the tests skip with a notice,
/// except under `CI=true`, where this fails the test.
pub fn available() -> bool {
    super::support::tool("tmux", "-V")
}

/// Whether a tmux test can run: `false` (skip, with a word) without tmux on
/// a developer's machine; under `CI=true` a missing tmux fails the test.
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
pub fn ready(test: &str) -> bool {
    if available() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "{test}: tmux is missing under CI=true; install it");
    eprintln!("{test}: tmux is not installed; skipping (CI installs it)");
    false
}

pub struct Session(pub String);

impl Session {
    /// Starts `command` (a shell command line) in a new detached session of
    /// `cols`×`rows`, named uniquely from `prefix`.
    pub fn start(prefix: &str, cols: u16, rows: u16, command: &str) -> Session {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let s = Session(format!("{prefix}-{}-{nanos}", std::process::id()));
        let (cols, rows) = (cols.to_string(), rows.to_string());
        let started = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &s.0,
                "-x",
                &cols,
                "-y",
                &rows,
                command,
            ])
            .status()
            .expect("tmux new-session");
        assert!(started.success(), "tmux new-session failed");
        s
    }

    pub fn tmux(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.0];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn literal(&self, text: &str) {
        self.tmux(&["send-keys", "-t", &self.0, "-l", text]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.0])
            .unwrap_or_default()
    }

    /// Polls the pane until `text` shows (or panics with the screen after 15 s).
    pub fn wait_for(&self, text: &str) -> String {
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

    /// Polls until `text` is gone from the pane (or panics after 15 s). An
    /// Esc sent right before another key would read as Alt+key: wait for
    /// what the Esc closes to go first.
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while self.screen().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "'{text}' did not go; the screen was:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the session still runs.
    pub fn alive(&self) -> bool {
        self.tmux(&["has-session", "-t", &self.0]).is_some()
    }

    /// A tmux format of the pane (`#{alternate_on}`, `#{pane_dead}` …).
    pub fn format(&self, f: &str) -> String {
        self.tmux(&["display", "-p", "-t", &self.0, f])
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// Polls until `f` reads `want` (or panics after 15 s).
    pub fn wait_format(&self, f: &str, want: &str) {
        let start = Instant::now();
        while self.format(f) != want {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "{f} is {}, not {want}; the screen was:\n{}",
                self.format(f),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pid of the pane's process.
    pub fn pane_pid(&self) -> Option<u32> {
        self.tmux(&["display", "-p", "-t", &self.0, "#{pane_pid}"])
            .and_then(|p| p.trim().parse().ok())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

/// The shell command that runs the app on `dir` in a pane (`exec`, so the
/// pane's process is the app itself), with `flags` after the folder.
pub fn app_command(dir: &std::path::Path, flags: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_auditpanel");
    format!(
        "exec env TERM=xterm-256color '{bin}' '{}'{flags}",
        dir.display()
    )
}

/// Sends `signal` (`9`, `TERM`, …) to process `pid`; panics when it cannot.
pub fn send_signal(pid: u32, signal: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success(), "kill -{signal} {pid}");
}

/// Whether process `pid` still runs (`kill -0`). A process that has ended
/// but whose parent (the tmux server) has not yet collected it still
/// answers `kill -0`; on Linux its state in `/proc` says it is a zombie,
/// and it counts as gone. (Test code only: the app never reads `/proc`.)
pub fn process_alive(pid: u32) -> bool {
    let answers = Command::new("kill")
        .args(["-0", &pid.to_string()])
        .status()
        .is_ok_and(|st| st.success());
    answers && !zombie(pid)
}

/// Whether `/proc/<pid>/stat` gives state Z (zombie) or X (dead).
fn zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            // The state follows the command name, which is in parentheses.
            let after = &stat[stat.rfind(')')? + 1..];
            after.split_whitespace().next().map(str::to_string)
        })
        .is_some_and(|state| state == "Z" || state == "X")
}

/// Polls until process `pid` has ended; panics with `what` after `within`.
pub fn wait_process_gone(pid: u32, within: Duration, what: &str) {
    let start = Instant::now();
    while process_alive(pid) {
        assert!(
            start.elapsed() < within,
            "{what} after {within:?}: /proc/{pid}/stat {:?}, wchan {:?}",
            std::fs::read_to_string(format!("/proc/{pid}/stat")).ok(),
            std::fs::read_to_string(format!("/proc/{pid}/wchan")).ok(),
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
