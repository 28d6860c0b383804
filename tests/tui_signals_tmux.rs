//! Faults in the real binary, in tmux on a temporary copy: SIGTERM, SIGHUP
//! and SIGINT each leave the terminal as it was (main screen, no mouse
//! reporting, cooked mode: `stty` after the app shows `icanon` and `echo`)
//! and the score entered just before on disk; a 100 KB bracketed paste
//! into the comment editor is one event and shows in well under a second.
//! Skips without tmux, except under `CI=true`, where that fails.

mod tui_support;

use std::process::Command;
use std::time::{Duration, Instant};

use tui_support::tmux::{self, Session};

/// Starts the app under a small shell script that records the app's pid,
/// and after the app: its exit status, `stty -a`, and a marker.
fn start(name: &str, dir: &std::path::Path) -> Session {
    let bin = env!("CARGO_BIN_EXE_auditpanel");
    let script = dir.join("run.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n\
         sh -c 'echo $$ > \"$1/app.pid\"; exec \"$2\" \"$1\"' app \"$1\" \"$2\"\n\
         echo \"status $?\" > \"$1/status.txt\"\n\
         stty -a > \"$1/stty.txt\"\n\
         echo FERTIG\n\
         sleep 60\n",
    )
    .expect("script");
    let cmd = format!(
        "TERM=xterm-256color sh '{}' '{}' '{bin}'",
        script.display(),
        dir.display()
    );
    let s = Session::start(name, 100, 30, &cmd);
    s.wait_for("F1 Oversigt");
    s
}

fn app_pid(dir: &std::path::Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(p) = std::fs::read_to_string(dir.join("app.pid"))
            && !p.trim().is_empty()
        {
            return p.trim().to_string();
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no app.pid");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One score for Nord on the shared screen, shown (so written).
fn score_one(s: &Session) {
    s.keys(&["F4"]);
    s.wait_for("aldrig deres");
    s.keys(&["t"]);
    s.wait_for("fælles skærm");
    s.keys(&["j"]);
    s.wait_for("Vurdering · Socialtilsyn Nord");
    s.keys(&["4"]);
    s.wait_for("i alt 1/88");
}

fn signal_restores_the_terminal(signal: &str) {
    let dir = tui_support::clean_copy();
    let s = start(&format!("auditpanel-{signal}"), &dir);
    score_one(&s);
    assert_eq!(s.format("#{alternate_on}"), "1");
    assert_eq!(s.format("#{mouse_any_flag}"), "1");
    let pid = app_pid(&dir);
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    // The app leaves the ordinary way: the shell goes on after it.
    s.wait_for("FERTIG");
    assert_eq!(s.format("#{alternate_on}"), "0", "{signal}");
    assert_eq!(s.format("#{mouse_any_flag}"), "0", "{signal}");
    let stty = std::fs::read_to_string(dir.join("stty.txt")).expect("stty");
    let words: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "{signal}: {stty}"
    );
    let status = std::fs::read_to_string(dir.join("status.txt")).expect("status");
    assert_eq!(status.trim(), "status 0", "{signal}");
    // The acknowledged score is on disk.
    let nord = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).expect("nord");
    assert!(nord.contains("value: 4"), "{nord}");
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_score() {
    if tmux::ready("tui_signals_tmux") {
        signal_restores_the_terminal("TERM");
    }
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_score() {
    if tmux::ready("tui_signals_tmux") {
        signal_restores_the_terminal("HUP");
    }
}

#[test]
fn sigint_restores_the_terminal_and_keeps_the_score() {
    if tmux::ready("tui_signals_tmux") {
        signal_restores_the_terminal("INT");
    }
}

#[test]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn a_100_kb_paste_is_taken_in_well_under_a_second() {
    if !tmux::ready("tui_signals_tmux") {
        return;
    }
    let dir = tui_support::clean_copy();
    let s = start("auditpanel-paste", &dir);
    score_one(&s);
    s.keys(&["Up", "c"]);
    s.wait_for("Esc gem og luk");
    // 100 KB of text, one line per sentence, and a marker at the end.
    let line = "Rapporten beskriver episoden, men ikke hvor længe den varede.\n";
    let mut text = line.repeat(100 * 1024 / line.len() + 1);
    text.push_str("SLUTMARKØR");
    let file = dir.join("paste.txt");
    std::fs::write(&file, &text).expect("paste file");
    assert!(text.len() > 100 * 1024);
    let buffer = format!("{}-buf", s.0);
    s.tmux(&["load-buffer", "-b", &buffer, &file.display().to_string()])
        .expect("load-buffer");
    let start = Instant::now();
    // -p: bracketed paste (the app asked for it), so one event.
    s.tmux(&["paste-buffer", "-p", "-d", "-b", &buffer, "-t", &s.0])
        .expect("paste-buffer");
    s.wait_for("SLUTMARKØR");
    let took = start.elapsed();
    eprintln!("tui_signals_tmux: 100 KB paste shown after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    // Saved as one comment, every line of it.
    s.keys(&["Escape"]);
    let start = Instant::now();
    loop {
        let nord = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).unwrap_or_default();
        if nord.contains("SLUTMARKØR") {
            assert!(nord.matches("Rapporten beskriver episoden").count() > 1000);
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "not saved");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_closed_terminal_ends_the_app() {
    if !tmux::ready("tui_signals_tmux") {
        return;
    }
    let dir = tui_support::clean_copy();
    let s = Session::start("auditpanel-hangup", 100, 30, &tmux::app_command(&dir, ""));
    s.wait_for("F1 Oversigt");
    let pid = s.pane_pid().expect("pid");
    // The terminal goes away (SIGHUP, and no terminal to read from).
    drop(s);
    tmux::wait_process_gone(
        pid,
        Duration::from_secs(6),
        "the app still runs without its terminal",
    );
}
