//! Nothing is lost: the real binary in tmux on a temporary copy of the
//! example audit (without its panel session), one score entered on
//! Vurdering, and the app killed with SIGKILL as soon as the score shows,
//! with no chance to save on the way out. The score is in
//! `panel/scores/nord.yaml`, and the next copy of the app opens for writing
//! at once (the system freed the dead one's lock). Skips when tmux is missing.

mod tui_support;

use tui_support::tmux::{self, Session};

use std::time::Duration;

use auditpanel::cli::Lang;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{OpenMode, OpenOptions, PanelStore, ScoreValue};

#[test]
fn a_score_survives_sigkill_right_after_it_is_entered() {
    if !tmux::ready("tui_panel_tmux") {
        return;
    }
    let dir = tui_support::clean_copy();
    let s = Session::start("auditpanel-kill", 100, 30, &tmux::app_command(&dir, ""));
    s.wait_for("F1 Oversigt");
    let pid = s.pane_pid().expect("pane pid");
    assert!(tmux::process_alive(pid));
    let lock = dir.join("panel/.locks/facilitator.info");
    assert!(lock.exists(), "the app holds the lock");

    s.keys(&["F4"]);
    s.wait_for("aldrig deres");
    s.keys(&["t"]);
    s.wait_for("fælles skærm");
    s.keys(&["j"]);
    s.wait_for("Vurdering · Socialtilsyn Nord");
    s.keys(&["4"]);
    // The score is on screen: the change was applied (and written first).
    s.wait_for("i alt 1/88");
    tmux::send_signal(pid, "9");
    tmux::wait_process_gone(pid, Duration::from_secs(5), "still alive");

    // On disk, read as a later session would.
    let text = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).expect("nord.yaml");
    assert!(text.contains("value: 4"), "{text}");
    let audit = load_audit(&dir);
    let case = audit.cases[0].id.clone();
    let (store, diags) = PanelStore::open_with(&dir, &audit, OpenOptions::read_only());
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

    // The system freed the dead app's lock (its sidecar is left, and means
    // nothing): the next copy opens for writing.
    assert!(lock.exists(), "SIGKILL leaves the sidecar behind");
    let app = tui_support::app_in(&dir, Lang::Da, 80, 24);
    assert_eq!(app.panel.mode(), &OpenMode::ReadWrite);
}
