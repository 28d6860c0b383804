//! The second example audit, `examples/audit-overgreb/` (audit 24.2 on the
//! 15 recommendations against abuse: opholdssteder, no episodes). Every
//! test works on a temporary copy of its inputs with the panel session the
//! generator writes there, never on the working tree's `panel/`, which the
//! app changes; one test compares the generator's files with the committed
//! ones (from git's index, like `tests/export.rs` does for the first).
//!
//! Checked: `check` passes without findings; `magtprofil` and the report
//! say once that there are no magtanvendelser instead of empty tables; the
//! CSV and xlsx exports leave the magtprofil out; snapshots of every tab at
//! 80×24 and 160×45 and of the exported markdown report.

mod tui_support;

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use auditpanel::cli::Lang;
use auditpanel::domain::check::check;
use auditpanel::domain::export::{self, example_overgreb};
use auditpanel::domain::load::load_audit;
use auditpanel::domain::model::Audit;
use auditpanel::domain::panel::{OpenOptions, PanelStore};
use auditpanel::tui::app::App;
use auditpanel::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui_support::support;
use tui_support::support::auditpanel;
use tui_support::{press, screen};

const EXAMPLE: &str = "examples/audit-overgreb";
const INPUTS: [&str; 4] = ["audit.yaml", "themes", "hypotheses", "cases"];

/// The example's inputs with the generator's session, made once per test
/// binary run. Read only: copy it before changing it.
fn generated() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("tempdir");
        for name in INPUTS {
            support::copy_any(
                &support::repo().join(EXAMPLE).join(name),
                &tmp.path().join(name),
            );
        }
        let audit = load_audit(tmp.path());
        example_overgreb::write_overgreb_session(tmp.path(), &audit).expect("the session");
        tmp
    })
    .path()
}

fn copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    support::copy_any(generated(), tmp.path());
    tmp
}

#[test]
fn the_committed_panel_is_what_the_generator_writes() {
    let repo = support::repo();
    let git_ok = Command::new("git")
        .args(["-C", repo.to_str().expect("path"), "rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !git_ok {
        assert!(!support::in_ci(), "CI=true, but this is not a git checkout");
        eprintln!("NOTICE: not a git checkout; the committed panel/ is not compared");
        return;
    }
    let files = support::panel_files(generated());
    assert_eq!(files.len(), 8, "{files:?}");
    for rel in files {
        let name = format!(
            "{EXAMPLE}/{}",
            rel.to_str().expect("path").replace('\\', "/")
        );
        let staged = Command::new("git")
            .args([
                "-C",
                repo.to_str().expect("path"),
                "show",
                &format!(":{name}"),
            ])
            .output()
            .expect("git runs");
        assert!(
            staged.status.success(),
            "{name} is not committed: {}",
            String::from_utf8_lossy(&staged.stderr)
        );
        let fresh = std::fs::read_to_string(generated().join(&rel)).expect("generated");
        assert!(
            String::from_utf8_lossy(&staged.stdout) == fresh,
            "{name} (in git) differs from the generator; regenerate with `cargo run --example \
             make_panel_session -- {EXAMPLE}` and git add it"
        );
        assert!(fresh.starts_with("# FIKTIVT EKSEMPEL"), "{name}");
    }
}

#[test]
fn check_passes_without_findings() {
    let tmp = copy();
    let outcome = check(tmp.path());
    assert_eq!(outcome.diagnostics, [], "{:?}", outcome.diagnostics);
    let audit = load_audit(tmp.path());
    assert_eq!(audit.cases.len(), 5);
    assert!(!audit.has_episodes());
    assert!(audit.config.fictitious);
}

#[test]
fn magtprofil_says_once_that_there_are_no_magtanvendelser() {
    let tmp = copy();
    let dir = tmp.path().to_str().expect("path");
    let out = auditpanel(&["magtprofil", dir]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.trim(), Audit::NO_EPISODES_DA);
    let out = auditpanel(&["magtprofil", dir, "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let file = tmp.path().join("m.xlsx");
    let out = auditpanel(&[
        "magtprofil",
        dir,
        "--format",
        "xlsx",
        "-o",
        file.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ingen magtanvendelser"));
    assert!(!file.exists());
}

#[test]
fn the_exports_leave_the_magtprofil_out() {
    let tmp = copy();
    let dir = tmp.path().to_str().expect("path");
    let csv_dir = tmp.path().join("csv");
    let out = auditpanel(&[
        "export",
        dir,
        "--format",
        "csv",
        "-o",
        csv_dir.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(csv_dir.join("scores.csv").exists());
    assert!(!csv_dir.join("magtprofil.csv").exists());
    let xlsx = tmp.path().join("tabeller.xlsx");
    let out = auditpanel(&[
        "export",
        dir,
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use calamine::Reader as _;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("workbook");
    assert_eq!(book.sheet_names(), ["Scorer", "Enighed"]);
    let docx = tmp.path().join("rapport.docx");
    let out = auditpanel(&[
        "export",
        dir,
        "--format",
        "docx",
        "-o",
        docx.to_str().expect("path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_exported_report() {
    let tmp = copy();
    let audit = load_audit(tmp.path());
    let (store, diags) = PanelStore::open_with(tmp.path(), &audit, OpenOptions::read_only());
    assert!(diags.is_empty(), "{diags:?}");
    let md = export::report(&audit, store.data()).expect("the report");
    assert_eq!(md.matches(Audit::NO_EPISODES_DA).count(), 1);
    assert!(
        !md.contains("### Magtprofil"),
        "no empty magtprofil sections"
    );
    assert!(
        !md.contains("magtanvendelserne og"),
        "the note names no magtanvendelser"
    );
    insta::assert_snapshot!("overgreb_rapport", md);
}

fn app(w: u16, h: u16) -> App {
    let dir = tui_support::temp_copy(generated());
    let mut app = App::new(load_audit(&dir), Lang::Da, Theme::Standard);
    app.size = ratatui::layout::Rect::new(0, 0, w, h);
    app
}

#[test]
fn every_tab_at_two_sizes() {
    let tabs = [
        ("oversigt", KeyCode::F(1)),
        ("sager", KeyCode::F(2)),
        ("magtprofil", KeyCode::F(3)),
        ("vurdering", KeyCode::F(4)),
        ("sammenlign", KeyCode::F(5)),
        ("konklusion", KeyCode::F(6)),
    ];
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for (name, key) in tabs {
            let mut app = app(w, h);
            press(&mut app, key);
            let s = screen(&app);
            if name == "magtprofil" {
                assert_eq!(s.matches("ingen magtanvendelser").count(), 1, "{s}");
            }
            insta::assert_snapshot!(format!("overgreb_{name}_{w}x{h}"), s);
        }
        // A tilsynsrapport opened from Sager.
        let mut app = app(w, h);
        press(&mut app, KeyCode::F(2));
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("overgreb_rapport_{w}x{h}"), screen(&app));
    }
}
