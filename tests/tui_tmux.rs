//! The real binary in a real terminal: started in a detached tmux session
//! (120×36) on a temporary copy of the example audit (so it never takes the
//! repository's `panel/.locks/`), driven with `send-keys`, read with
//! `capture-pane`. Skips with a notice when tmux is missing (CI installs it).

mod tui_support;

use tui_support::tmux::{self, Session};

use std::time::{Duration, Instant};

#[test]
fn the_binary_in_tmux() {
    if !tmux::ready("tui_tmux") {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_auditpanel");
    let copy = tui_support::temp_copy(&tui_support::audit_dir());
    let dir = copy.display().to_string();
    let cmd = format!("TERM=xterm-256color '{bin}' '{dir}'");
    let s = Session::start("auditpanel-test", 120, 36, &cmd);

    let screen = s.wait_for("Institutioner (");
    assert!(screen.contains("F1 Oversigt"), "{screen}");
    assert!(screen.contains("FIKTIVT EKSEMPEL"), "{screen}");
    // The lock is taken in the copy, not in the repository.
    assert!(copy.join("panel/.locks/facilitator.info").exists());

    s.keys(&["F2"]);
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

    // The filter closes first: an Esc followed at once by a key reads as
    // Alt+key in a terminal.
    s.wait_gone("Filtrér episoder");
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
    s.wait_gone("Hjælp · ");

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
