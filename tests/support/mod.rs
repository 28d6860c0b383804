//! Shared by the tests that use the example audit or an outside tool.
//!
//! The example audit is the repository root, and the app the README's first
//! command opens writes to its `panel/`. So no test reads that `panel/`:
//! a test gets a temporary copy of the example's committed inputs
//! (`audit.yaml`, `themes/`, `hypotheses/`, `cases/`) with the fictitious
//! panel session exactly as the generator
//! (`example_session::write_example_session`) writes it there. The
//! generator is slow (it writes every change atomically, ~900 of them), so
//! it runs once per build and the result is kept under `target/tmp/`.
//!
//! A test that needs tmux or pandoc asks [`tool`]: without the tool it is
//! skipped with a notice, except under `CI=true`, where it fails.
#![allow(dead_code)]

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Set to another folder, the tests read the repository's files there
/// (`tests/export.rs` proves with it that no export test reads `panel/`).
pub const REPO_VAR: &str = "AUDITPANEL_TEST_REPO";

/// The repository (its committed inputs are read; its `panel/` never).
pub fn repo() -> &'static Path {
    static REPO: OnceLock<PathBuf> = OnceLock::new();
    REPO.get_or_init(|| {
        std::env::var_os(REPO_VAR)
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
    })
}

/// What the example audit is made of besides the panel's work.
pub const INPUTS: [&str; 4] = ["audit.yaml", "themes", "hypotheses", "cases"];

/// Copies the example's committed inputs (never `panel/`) into `to`.
pub fn copy_inputs(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for name in INPUTS {
        copy_any(&repo().join(name), &to.join(name));
    }
}

/// Copies a file, or a folder with everything in it except a panel lock.
pub fn copy_any(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir") {
            let e = e.expect("entry");
            if e.file_name() == ".lock" || e.file_name() == ".locks" {
                continue;
            }
            copy_any(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
    }
}

/// A temporary copy of the example's inputs only: no `panel/`.
pub fn inputs_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_inputs(tmp.path());
    tmp
}

/// A temporary copy of the example audit as it is committed when in sync:
/// its inputs and the generator's panel session.
pub fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_any(generated_example(), tmp.path());
    tmp
}

/// The example's inputs with the generated panel session, made once per
/// build of the code and inputs. Read only: copy it before changing it.
pub fn generated_example() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(generate_example)
}

fn generate_example() -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-session");
    let done = base.join(format!("{:016x}", build_key()));
    if done.join("panel").is_dir() {
        return done;
    }
    std::fs::create_dir_all(&base).expect("mkdir target/tmp/example-session");
    let work = tempfile::Builder::new()
        .prefix("making-")
        .tempdir_in(&base)
        .expect("tempdir");
    copy_inputs(work.path());
    auditpanel::domain::export::example_session::write_example_session(work.path())
        .expect("the example session generator runs");
    // Another test binary may have finished first; then keep its copy.
    let made = work.keep();
    if std::fs::rename(&made, &done).is_err() {
        let _ = std::fs::remove_dir_all(&made);
        assert!(
            done.join("panel").is_dir(),
            "{} was not made",
            done.display()
        );
    }
    // Older builds' sessions are no use any more.
    if let Ok(entries) = std::fs::read_dir(&base) {
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if e.path() != done && old {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    done
}

/// Changes when the code (the binary is relinked whenever the library
/// changes) or any committed input changes.
fn build_key() -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let bin = std::fs::metadata(env!("CARGO_BIN_EXE_auditpanel")).expect("the binary is built");
    bin.len().hash(&mut h);
    bin.modified().ok().hash(&mut h);
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        if dir.is_dir() {
            for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
                files(&e.path(), out);
            }
        } else {
            out.push(dir.to_path_buf());
        }
    }
    let mut all = Vec::new();
    for name in INPUTS {
        files(&repo().join(name), &mut all);
    }
    all.sort();
    for p in all {
        p.strip_prefix(repo())
            .expect("under the repository")
            .hash(&mut h);
        std::fs::read(&p).expect("readable").hash(&mut h);
    }
    h.finish()
}

/// Whether CI asked for every test to run (`CI=true`, as CI services set it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Whether `name` runs here (`name version_arg` succeeds). When it does
/// not, a test that needs it is skipped with a notice, but under `CI=true`
/// this panics: CI must have checked everything.
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
pub fn tool(name: &str, version_arg: &str) -> bool {
    let ok = Command::new(name)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            !in_ci(),
            "CI=true, but {name} is not installed, so this test cannot run; \
             install {name} (e.g. `apt-get install {name}`, `brew install {name}`) \
             or run without CI=true to skip it"
        );
        eprintln!("NOTICE: {name} is not installed; this test is skipped (under CI=true it fails)");
    }
    ok
}

/// The session's files under `panel/` of `dir`, relative to `dir`.
pub fn panel_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.join("panel")];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("panel/ is readable") {
            let e = e.expect("entry");
            // panel/.locks holds the writers' OS locks, not the session.
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("under dir").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The real binary run with `args` to its end.
pub fn auditpanel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a run printed on standard output, after asserting that it
/// succeeded (else its exit code and standard error are the message).
pub fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}
