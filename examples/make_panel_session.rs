//! Writes the example audit's fictitious panel session under `panel/`
//! (scores of both rounds, topics, verdicts, faglig vejledning,
//! opfølgningsplan) through `PanelStore::apply`, exactly as the app would.
//!
//! ```text
//! cargo run --example make_panel_session            # the repository root
//! cargo run --example make_panel_session -- DIR     # another copy of the example
//! cargo run --example make_panel_session -- examples/audit-overgreb   # the second example
//! ```
//!
//! Then regenerate the example report:
//! `cargo run --release -- export -o docs/example-report.md`.

use std::path::PathBuf;
use std::process::ExitCode;

#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn main() -> ExitCode {
    let root = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    use auditpanel::domain::export::{example_overgreb, example_session};
    let audit = auditpanel::domain::load::load_audit(&root);
    let written = if audit.config.id == example_overgreb::AUDIT_ID {
        example_overgreb::write_overgreb_session(&root, &audit)
    } else {
        example_session::write_example_session(&root)
    };
    match written {
        Ok(files) => {
            for f in files {
                println!("skrev {}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("make_panel_session: fejl: {e:#}");
            ExitCode::from(2)
        }
    }
}
