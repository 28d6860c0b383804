//! The README's first command cannot break its second: the real binary in
//! tmux on the repository's OWN example (the working tree, not a copy),
//! a score entered on Vurdering that changes `panel/scores/nord.yaml`, the
//! app quit; then the export tests (their test binary, as `cargo test`
//! built it) run against this very tree and are still green. The working
//! tree's `panel/` is backed up first and put back by a guard that runs
//! even when the test fails; afterwards git sees no change in `panel/`.

mod tui_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tui_support::support;
use tui_support::tmux::{self, Session};

/// The repository's `panel/`, copied aside and put back on drop.
struct PanelBackup {
    panel: PathBuf,
    saved: tempfile::TempDir,
}

impl PanelBackup {
    fn take(repo: &Path) -> PanelBackup {
        let panel = repo.join("panel");
        let saved = tempfile::tempdir().expect("tempdir");
        copy_all(&panel, &saved.path().join("panel"));
        PanelBackup { panel, saved }
    }
}

impl Drop for PanelBackup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.panel);
        copy_all(&self.saved.path().join("panel"), &self.panel);
    }
}

/// Copies a folder with everything in it (lock files too: a restore is exact).
fn copy_all(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_all(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn git_status_panel(repo: &Path) -> Option<String> {
    let out = Command::new("git")
        .args(["-C", repo.to_str()?, "status", "--porcelain", "--", "panel"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The export tests' binary that `cargo test` built beside this one (the
/// newest `export-*`).
fn export_test_binary() -> Option<PathBuf> {
    let me = std::env::current_exe().ok()?;
    let dir = me.parent()?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("export-") && p.extension().is_none_or(|x| x == "exe") && p.is_file()
        })
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}

#[test]
fn scoring_in_the_app_on_the_repository_leaves_the_export_tests_green() {
    if !tmux::ready("tui_house_tmux") {
        return;
    }
    let Some(export_tests) = export_test_binary() else {
        assert!(
            !support::in_ci(),
            "CI=true, but the export tests are not built; run `cargo test`"
        );
        eprintln!("NOTICE: the export tests are not built (run `cargo test`); skipping");
        return;
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = git_status_panel(repo);
    let nord = repo.join("panel/scores/nord.yaml");
    let original = std::fs::read_to_string(&nord).expect("panel/scores/nord.yaml");
    let guard = PanelBackup::take(repo);

    // Press 4 then 3, as the issue did: on Vurdering 3 scores.
    let s = Session::start("auditpanel-house", 100, 30, &tmux::app_command(repo, ""));
    s.wait_for("F1 Oversigt");
    let pid = s.pane_pid().expect("pane pid");
    s.keys(&["F4"]);
    s.wait_for("Vurdering · Socialtilsyn Nord");
    // The round is revealed: the app asks before it changes a score.
    s.keys(&["3"]);
    s.wait_for("Ændre scoren i runde 2?");
    s.keys(&["j"]);
    let start = Instant::now();
    while std::fs::read_to_string(&nord).is_ok_and(|t| t == original) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "scoring did not change nord.yaml:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys(&["q"]);
    tmux::wait_process_gone(pid, Duration::from_secs(10), "the app did not quit");
    assert_ne!(
        std::fs::read_to_string(&nord).expect("nord.yaml"),
        original,
        "the working tree's panel/ is changed, as a user's would be"
    );

    // The export tests on this very tree: still green. (The one that runs
    // them all again on a stand-in is left out: it proves the same, slower.)
    let out = Command::new(&export_tests)
        .args([
            "--skip",
            "the_export_tests_never_read_the_working_tree_panel",
        ])
        .current_dir(repo)
        .env_remove(support::REPO_VAR)
        .env_remove("CI")
        .output()
        .expect("the export tests run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "after scoring in the app the export tests fail:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("test result: ok."), "{text}");
    assert!(!text.contains(" 0 passed"), "{text}");

    drop(guard);
    assert_eq!(
        std::fs::read_to_string(&nord).expect("nord.yaml"),
        original,
        "panel/ is restored"
    );
    assert_eq!(git_status_panel(repo), before, "git sees panel/ as before");
}
