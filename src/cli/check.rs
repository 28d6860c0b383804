//! `auditpanel check [DIR] [--format text|json]`: prints every finding as
//! `file:line:column: error|warning: message`, sorted, then a Danish summary
//! line; or, with `--format json`, one JSON object with the findings (each
//! with its rule id and the guidance's paragraph) and the counts. Exit 0
//! without errors, 1 with errors, 2 when the check cannot run.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::check::{CheckOutcome, check};

pub fn run(args: &super::CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = super::audit_dir(&args.dir)?;
    let outcome = check(&dir);
    let mut out = super::out::Stdout::new();
    match args.format {
        super::CheckFormat::Text => {
            for d in &outcome.diagnostics {
                writeln!(out, "{d}")?;
            }
            writeln!(out, "{}", summary(&outcome))?;
        }
        super::CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json(&outcome))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if outcome.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The findings as JSON: `{"findings": [{"file", "line", "column",
/// "severity", "rule", "paragraph", "message"}], "errors": N, "warnings": M}`.
/// Paths use `/` on every system, so the output is the same on Windows.
pub fn json(outcome: &CheckOutcome) -> serde_json::Value {
    let findings: Vec<serde_json::Value> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let file: Vec<String> = d
                .file
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            serde_json::json!({
                "file": file.join("/"),
                "line": d.pos.line,
                "column": d.pos.column,
                "severity": d.severity.as_str(),
                "rule": d.rule,
                "paragraph": d.paragraph,
                "message": d.message,
            })
        })
        .collect();
    serde_json::json!({
        "findings": findings,
        "errors": outcome.errors(),
        "warnings": outcome.warnings(),
    })
}

/// "2 fejl, 5 advarsler i 11 filer", "ingen fejl, 1 advarsel i 1 fil".
pub fn summary(outcome: &CheckOutcome) -> String {
    let count = |n: usize, one: &str, many: &str| match n {
        0 => format!("ingen {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let files = if outcome.files == 1 {
        "1 fil".to_string()
    } else {
        format!("{} filer", outcome.files)
    };
    format!(
        "{}, {} i {files}",
        count(outcome.errors(), "fejl", "fejl"),
        count(outcome.warnings(), "advarsel", "advarsler"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diag::{Diagnostic, Pos};

    #[test]
    fn summary_in_danish() {
        let mut o = CheckOutcome {
            diagnostics: vec![],
            files: 1,
        };
        assert_eq!(summary(&o), "ingen fejl, ingen advarsler i 1 fil");
        o.files = 11;
        o.diagnostics = vec![
            Diagnostic::error("a", Pos::new(1, 1), "x"),
            Diagnostic::error("a", Pos::new(2, 1), "x"),
            Diagnostic::warning("a", Pos::new(3, 1), "x"),
        ];
        assert_eq!(summary(&o), "2 fejl, 1 advarsel i 11 filer");
    }
}
