//! `auditpanel status [DIR] [--format table|json]`: the state of the panel
//! for a facilitator at a terminal and for scripts: the round, whether it
//! is revealed, per tilsyn how many cells have a value (never the values)
//! and who is scoring as it now, who has the facilitator's lock, how many
//! values were changed after a reveal, and files in `panel/` that are not
//! data (sync tools' conflict copies, temporary files of interrupted
//! writes). Reads without taking any lock; the figures are
//! `PanelStore::round_status`.

use std::fmt::Write as _;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{StatusArgs, StatusFormat, dir_or_cwd};
use crate::domain::load::load_audit;
use crate::domain::panel::{LockInfo, OpenOptions, PanelStore, RoundStatus};

pub fn run(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let root = dir_or_cwd(&args.dir);
    let audit = load_audit(&root);
    let (store, diags) = PanelStore::open_with(&root, &audit, OpenOptions::read_only());
    // Problems go to stderr; the status of what could be read still prints.
    let errors: Vec<_> = audit
        .diagnostics
        .iter()
        .chain(&diags)
        .filter(|d| d.is_error())
        .collect();
    // Nothing identifying leaves in full: a path, an id or a file name (a
    // conflict copy) passes the output gate (`out`) like everything else.
    for d in &errors {
        crate::errln!("{d}");
    }
    let status = store.round_status();
    let text = match args.format {
        StatusFormat::Json => format!("{}\n", serde_json::to_string_pretty(&status)?),
        StatusFormat::Table => table(&audit.config.id, &status),
    };
    super::out::print(&text)?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// "pc-nord (proces 4242) siden 2026-03-12T10:02:11", or "–".
fn holder(h: Option<&LockInfo>) -> String {
    match h {
        Some(h) if h.pid == 0 => format!("{} (lige nu)", h.host),
        Some(h) => format!("{} (proces {}) siden {}", h.host, h.pid, h.since),
        None => "–".into(),
    }
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// The Danish table.
pub fn table(audit_id: &str, s: &RoundStatus) -> String {
    let mut out = String::new();
    let shown = if s.revealed {
        "vist for alle"
    } else {
        "blind (ikke vist endnu)"
    };
    let _ = writeln!(
        out,
        "Panelet i audit {audit_id} · runde {} · {shown}\n",
        s.round
    );
    let limited = s.raters.iter().any(|r| r.in_scope.is_some());
    let id_w = s
        .raters
        .iter()
        .map(|r| r.id.width())
        .chain([6])
        .max()
        .unwrap_or(6);
    let mut head = format!(
        "{}  {:>12}  {:>17}",
        pad("tilsyn", id_w),
        "scoret",
        "kan ikke vurderes"
    );
    if limited {
        head.push_str(&format!("  {:>14}", "scoret igen"));
    }
    head.push_str("  scorer nu");
    let _ = writeln!(out, "{head}");
    for r in &s.raters {
        let mut line = format!(
            "{}  {:>12}  {:>17}",
            pad(&r.id, id_w),
            format!("{} af {}", r.scored, r.cells),
            r.not_assessable
        );
        if limited {
            let again = match (r.rescored, r.in_scope) {
                (Some(a), Some(b)) => format!("{a} af {b}"),
                _ => String::new(),
            };
            line.push_str(&format!("  {again:>14}"));
        }
        line.push_str(&format!("  {}", holder(r.holder.as_ref())));
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
    if limited {
        let _ = writeln!(
            out,
            "Runden omfatter kun cellerne med spredning; de andre beholder værdien fra runden før."
        );
    }
    let fac = match &s.facilitator {
        Some(h) => format!("åben på {}", holder(Some(h))),
        None => "ikke åben".into(),
    };
    let _ = writeln!(out, "Facilitator: {fac}");
    let _ = writeln!(out, "Ændringer efter visning: {}", s.revisions);
    if !s.conflict_copies.is_empty() {
        let _ = writeln!(
            out,
            "\nKonfliktkopier fra et synkroniseringsprogram (læses ikke; sammenlign med \
             originalen, flyt det, der skal med, over i hånden, og slet kopien):"
        );
        for c in &s.conflict_copies {
            let _ = writeln!(out, "  {c}");
        }
    }
    if !s.temp_files.is_empty() {
        let _ = writeln!(
            out,
            "\nMidlertidige filer fra afbrudte skrivninger (læses ikke; slettes, næste gang \
             appen åbner auditten til skrivning):"
        );
        for t in &s.temp_files {
            let _ = writeln!(out, "  {t}");
        }
    }
    out
}
