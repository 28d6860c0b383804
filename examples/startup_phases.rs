//! Where the app's start goes on a big audit: each step of opening it,
//! timed once (`cargo run --release --example startup_phases -- /tmp/big`).
//! The app loads and counts the magtprofil in one pass
//! (`magtprofil::load_and_compare`); `--apart` times the load and the
//! comparison one after the other instead, as the app did before.
//! The whole start is measured in a real terminal by `scripts/first-frame`.

use std::path::PathBuf;
use std::time::Instant;

use auditpanel::domain::load::load_audit;
use auditpanel::domain::magtprofil::{self, opening_options};
use auditpanel::tui::app::App;
use auditpanel::tui::text::Lang;
use auditpanel::tui::theme::Theme;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp/big".into()));
    let apart = std::env::args().nth(2).as_deref() == Some("--apart");
    let t = Instant::now();
    let (audit, comparison) = if apart {
        let audit = load_audit(&dir);
        eprintln!("load_audit {:?}", t.elapsed());
        let t = Instant::now();
        let comparison = magtprofil::compare(&audit, &opening_options(&audit.config), None);
        eprintln!("compare {:?}", t.elapsed());
        (audit, comparison)
    } else {
        let both = magtprofil::load_and_compare(&dir);
        eprintln!("load_and_compare {:?}", t.elapsed());
        both
    };
    let t = Instant::now();
    let app = App::with_comparison(audit, comparison, Lang::Da, Theme::Standard);
    eprintln!("App (panel, problems, finder) {:?}", t.elapsed());
    let t = Instant::now();
    let backend = ratatui::backend::TestBackend::new(160, 45);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    auditpanel::tui::render(&app, &mut terminal);
    eprintln!("first frame {:?}", t.elapsed());
}
