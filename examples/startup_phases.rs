//! Where the app's start goes on a big audit: each step of opening it,
//! timed once (`cargo run --release --example startup_phases -- /tmp/big`;
//! `--load-only` after the folder stops before the app, whose background
//! check would share the profile).
//! The whole start is measured in a real terminal by `scripts/first-frame`.

use std::path::PathBuf;
use std::time::Instant;

use auditpanel::domain::load::load_audit;
use auditpanel::domain::magtprofil::{self, ProfileOptions};
use auditpanel::tui::app::App;
use auditpanel::tui::text::Lang;
use auditpanel::tui::theme::Theme;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp/big".into()));
    let t = Instant::now();
    let audit = load_audit(&dir);
    let load = t.elapsed();
    let t = Instant::now();
    let options = ProfileOptions {
        holidays: audit.config.holidays.clone(),
        ..ProfileOptions::default()
    };
    let comparison = magtprofil::compare(&audit, &options, None);
    let compare = t.elapsed();
    if std::env::args().nth(2).as_deref() == Some("--load-only") {
        eprintln!("load_audit {load:?}\ncompare {compare:?}");
        return;
    }
    let t = Instant::now();
    let app = App::with_comparison(audit, comparison, Lang::Da, Theme::Standard);
    let open = t.elapsed();
    let t = Instant::now();
    let backend = ratatui::backend::TestBackend::new(160, 45);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    auditpanel::tui::render(&app, &mut terminal);
    let frame = t.elapsed();
    eprintln!(
        "load_audit {load:?}\ncompare {compare:?}\nApp (panel, problems, finder) {open:?}\nfirst frame {frame:?}"
    );
}
