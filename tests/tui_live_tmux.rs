//! The live meeting with the real binary, in tmux, on one temporary copy of
//! the example audit (without its panel session): the facilitator and two
//! raters open at the same time; each rater scores; the facilitator sees
//! their progress and never their values; a third copy started as one of
//! the raters opens read-only; the facilitator reveals and both raters see
//! each other's scores; then one rater is SIGKILLed right after a score:
//! the score is on disk, the others carry on, and that rater reopens at
//! once, for writing. Skips without tmux, except under `CI=true`.

mod tui_support;

use std::time::{Duration, Instant};

use tui_support::tmux::{self, Session};

fn open(name: &str, dir: &std::path::Path, rater: Option<&str>) -> Session {
    let flag = rater.map_or(String::new(), |r| format!(" --rater {r}"));
    let s = Session::start(name, 120, 36, &tmux::app_command(dir, &flag));
    s.wait_for("F1 Oversigt");
    s
}

/// Polls until the line that contains `key` also contains `want`.
fn wait_line(s: &Session, key: &str, want: &str) -> String {
    let start = Instant::now();
    loop {
        let screen = s.screen();
        if let Some(l) = screen.lines().find(|l| l.contains(key) && l.contains(want)) {
            return l.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no line with '{key}' and '{want}':\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn score_on_disk(dir: &std::path::Path, rater: &str) -> String {
    std::fs::read_to_string(dir.join(format!("panel/scores/{rater}.yaml"))).unwrap_or_default()
}

#[test]
fn facilitator_and_two_raters_on_one_audit() {
    if !tmux::ready("tui_live_tmux") {
        return;
    }
    let dir = tui_support::clean_copy();
    let facilitator = open("ap-facilitator", &dir, None);
    let nord = open("ap-nord", &dir, Some("nord"));
    let midt = open("ap-midt", &dir, Some("midt"));
    nord.wait_for("Nord · bedømmer");
    midt.wait_for("Midt · bedømmer");
    // Raters start on Vurdering for their own tilsyn.
    nord.wait_for("Vurdering · Socialtilsyn Nord");
    midt.wait_for("Vurdering · Socialtilsyn Midt");

    // Each rater scores blind on its own screen.
    nord.keys(&["3"]);
    nord.wait_for("i alt 1/88");
    nord.keys(&["4"]);
    nord.wait_for("i alt 2/88");
    midt.keys(&["5"]);
    midt.wait_for("i alt 1/88");
    // A rater sees nothing of the other's scores before the reveal.
    midt.keys(&["F5"]);
    let m = midt.wait_for("Afventer at facilitator");
    assert!(!m.contains("Nord "), "{m}");

    // The facilitator's screen: progress within 2 s, never a value.
    facilitator.keys(&["F4"]);
    facilitator.wait_for("aldrig deres");
    let start = Instant::now();
    wait_line(&facilitator, " Nord ", "2/88");
    wait_line(&facilitator, " Midt ", "1/88");
    assert!(start.elapsed() < Duration::from_secs(3));
    let board = facilitator.screen();
    for label in ["I nogen grad", "I høj grad", "I meget høj grad"] {
        assert!(!board.contains(label), "{board}");
    }
    wait_line(&facilitator, " Nord ", "scorer nu på");

    // A third copy as Nord cannot write Nord's file.
    let third = open("ap-nord-2", &dir, Some("nord"));
    third.wait_for("skrivebeskyttet");

    // The facilitator reveals; both raters see each other's scores.
    facilitator.keys(&["F5"]);
    facilitator.wait_for("Scorerne i runde 1 er skjult");
    facilitator.keys(&["V"]);
    facilitator.wait_for("Ikke færdige");
    facilitator.keys(&["j"]);
    facilitator.wait_for("runde 1 (vist)");
    for rater in [&nord, &midt] {
        rater.keys(&["F5"]);
        rater.wait_for("runde 1 (vist)");
        // The first case's v1: Nord 3, Midt 5, side by side.
        let row = wait_line(rater, " v1 ", "5");
        assert!(row.contains('3'), "{row}");
    }

    // Midt scores once more (a revealed round asks first) and is killed
    // at once: the score is on disk and the others carry on.
    midt.keys(&["F4"]);
    midt.wait_for("Vurdering · Socialtilsyn Midt");
    midt.keys(&["2"]);
    midt.wait_for("Runden er afsløret");
    midt.keys(&["j"]);
    midt.wait_for("i alt 2/88");
    let pid = midt.pane_pid().expect("pid");
    tmux::send_signal(pid, "9");
    // Killed while it may be waiting on the disk (a score's fsync), the
    // process ends only when that returns: seconds on a loaded machine.
    tmux::wait_process_gone(pid, Duration::from_secs(30), "midt still alive");
    let on_disk = score_on_disk(&dir, "midt");
    assert!(on_disk.contains("value: 2"), "{on_disk}");
    facilitator.keys(&["F1"]);
    facilitator.wait_for("Institutioner (");
    nord.keys(&["F4"]);
    nord.wait_for("Vurdering · Socialtilsyn Nord");

    // Midt reopens at once and may write (the lock went with the process).
    let again = open("ap-midt-2", &dir, Some("midt"));
    again.wait_for("Midt · bedømmer");
    let s = again.screen();
    assert!(!s.contains("skrivebeskyttet"), "{s}");
    drop(third);
}
