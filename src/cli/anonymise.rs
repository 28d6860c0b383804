//! `auditpanel anonymise [DIR] [--apply]`: the anonymisation assistant
//! (`domain::anonymise`). Lists every CPR number, phone number, e-mail
//! address and blocked name in the audit's text files, masked, as
//! `file:line:column: what (masked) → replacement`, then a Danish summary;
//! exit 1 when there is something to replace, 0 when there is nothing.
//! `--apply` writes the replacements, each file atomically, and says what
//! it wrote per file; exit 0 when nothing is left, 1 when something is.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::domain::anonymise::{self, ApplyError, Plan};
use crate::domain::anonymity::{HitKind, redact};
use crate::domain::blocklist::read as read_block_list;

pub fn run(args: &super::AnonymiseArgs) -> anyhow::Result<ExitCode> {
    let dir = super::audit_dir(&args.dir)?;
    let blocked = read_block_list(&dir).names;
    // Paths too pass the scanner: a folder may be named after a child.
    let shown = |p: &Path| redact(&p.display().to_string(), &blocked);
    let plan = anonymise::plan(&dir);
    let mut out = String::new();
    let mut err = String::new();
    for p in plan.proposals() {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} ({}) → {}{}",
            shown(&p.file),
            p.pos.line,
            p.pos.column,
            p.kind.label_da(),
            p.masked,
            p.replacement,
            if p.safe {
                ""
            } else {
                "  [kan ikke erstattes uden at ødelægge filens form; ret det i hånden]"
            }
        );
    }
    for (file, e) in &plan.unreadable {
        let _ = writeln!(
            err,
            "{}: kan ikke læses: {}",
            shown(file),
            super::io_error_da(e)
        );
    }
    let left = if args.apply && !plan.is_empty() {
        let (written, failed) = anonymise::apply(&dir, &plan);
        for w in &written {
            let _ = writeln!(out, "skrevet: {}: {}", shown(&w.file), counted(&w.counts));
        }
        for (file, e) in &failed {
            let why = match e {
                ApplyError::Io(io) => super::io_error_da(io),
                other => other.to_string(),
            };
            let _ = writeln!(err, "{}: ikke skrevet: {why}", shown(file));
        }
        let mut total = BTreeMap::new();
        for w in &written {
            for (k, n) in &w.counts {
                *total.entry(*k).or_insert(0) += n;
            }
        }
        let done: usize = total.values().sum();
        let left = plan.proposals().count() - done;
        let _ = writeln!(
            out,
            "{}",
            applied_summary(done, written.len(), &total, left)
        );
        left
    } else {
        let _ = writeln!(out, "{}", summary(&plan));
        plan.proposals().count()
    };
    super::out::print(&redact(&out, &blocked))?;
    if !err.is_empty() {
        super::out::eprint_line(redact(&err, &blocked).trim_end_matches('\n'));
    }
    Ok(if left > 0 || !plan.unreadable.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "2 CPR-numre, 1 telefonnummer, 3 navne fra blokeringslisten".
fn counted(counts: &BTreeMap<HitKind, usize>) -> String {
    counts
        .iter()
        .map(|(k, &n)| {
            let (one, many) = match k {
                HitKind::Cpr => ("CPR-nummer", "CPR-numre"),
                HitKind::Phone => ("telefonnummer", "telefonnumre"),
                HitKind::Email => ("e-mailadresse", "e-mailadresser"),
                HitKind::BlockedName => ("navn fra blokeringslisten", "navne fra blokeringslisten"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 fil".to_string()
    } else {
        format!("{n} filer")
    }
}

/// The listing's last line.
fn summary(plan: &Plan) -> String {
    let n = plan.proposals().count();
    if n == 0 {
        return format!(
            "Intet at anonymisere: ingen CPR-numre, telefonnumre, e-mailadresser eller blokerede navne i {}.",
            files(plan.scanned)
        );
    }
    let mut counts = BTreeMap::new();
    for p in plan.proposals() {
        *counts.entry(p.kind).or_insert(0) += 1;
    }
    let manual = plan.proposals().filter(|p| !p.safe).count();
    let by_hand = if manual > 0 {
        format!(" {manual} skal rettes i hånden.")
    } else {
        String::new()
    };
    format!(
        "{n} fund i {}: {}.{by_hand} Kør `auditpanel anonymise --apply` for at erstatte dem.",
        files(plan.files.len()),
        counted(&counts)
    )
}

/// The last line after `--apply`.
fn applied_summary(
    done: usize,
    written: usize,
    counts: &BTreeMap<HitKind, usize>,
    left: usize,
) -> String {
    let mut s = if done == 0 {
        "Intet erstattet.".to_string()
    } else {
        format!(
            "Erstattet {done} i {}: {}.",
            files(written),
            counted(counts)
        )
    };
    if left > 0 {
        let _ = write!(s, " {left} står tilbage og skal rettes i hånden.");
    }
    s
}
