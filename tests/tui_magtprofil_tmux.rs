//! The drill-down in a real terminal: Magtprofil, Enter to pick a bar,
//! → → to March, Enter shows exactly March's episodes, Esc comes back to
//! the Magtprofil with March still picked, Esc ends the picking. Skips with
//! a notice when tmux is missing (CI installs it).

mod tui_support;

use tui_support::tmux::{self, Session, app_command};

#[test]
fn drill_down_from_a_month_bar_to_its_episodes_and_back() {
    if !tmux::ready("tui_magtprofil_tmux") {
        return;
    }
    let copy = tui_support::temp_copy(&tui_support::audit_dir());
    let s = Session::start("auditpanel-drill", 80, 24, &app_command(&copy, ""));
    s.wait_for("Institutioner (");
    s.keys(&["F3"]);
    s.wait_for("Pr. måned");
    s.keys(&["Enter"]);
    s.wait_for("Enter episoderne");
    s.keys(&["Right"]);
    s.keys(&["Right"]);
    s.keys(&["Enter"]);
    let table = s.wait_for("magtprofil: måned 2017-03");
    // Only March, and the status line says where we are.
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with('│') && l.contains(" 2017-"))
        .collect();
    assert!(!rows.is_empty(), "{table}");
    assert!(rows.iter().all(|l| l.contains(" 2017-03-")), "{table}");
    assert!(table.contains(&format!("{} af ", rows.len())), "{table}");
    assert!(table.contains("Magtprofil › Episoder"), "{table}");

    s.keys(&["Escape"]);
    let back = s.wait_for("Pr. måned");
    // Still picking, on March.
    assert!(back.contains("Enter episoderne"), "{back}");
    s.keys(&["Escape"]);
    s.wait_gone("Enter episoderne");
    s.keys(&["q"]);
}
