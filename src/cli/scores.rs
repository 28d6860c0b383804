//! `auditpanel scores-template [DIR] --rater ID [-o FILE]`: writes an empty
//! score file for one tilsyn to fill in before the meeting: every case ×
//! question of the vurderingsskema with no value and no comment, the
//! question and the scale's labels as comments. The file is the same
//! format the app writes (`domain::panel::files::render_scores`), so it is
//! merged as it is once it lies in `panel/scores/<ID>.yaml`. Never
//! overwrites a file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::domain::load::load_audit;
use crate::domain::panel::{PanelContext, RaterScores, files};

pub fn run(args: &super::ScoresTemplateArgs) -> anyhow::Result<ExitCode> {
    let root = super::dir_or_cwd(&args.dir);
    let audit = load_audit(&root);
    let errors: Vec<_> = audit.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for d in &errors {
            crate::errln!("{d}");
        }
        bail!(
            "auditmappen har {} fejl; ret dem først (se 'auditpanel check'), så skabelonen passer til skemaet",
            errors.len()
        );
    }
    let ctx = PanelContext::new(&root, &audit);
    if !ctx.has_rater(&args.rater) {
        bail!(
            "ukendt tilsyn '{}'; brug et af: {}",
            args.rater,
            ctx.rater_ids()
        );
    }
    let path: PathBuf = args
        .output
        .clone()
        .unwrap_or_else(|| ctx.scores_path(&args.rater));
    let text = files::render_scores(&ctx, &RaterScores::new(&args.rater), 1)
        .map_err(anyhow::Error::msg)
        .context("skabelonen kan ikke skrives som YAML")?;
    // Through the gate: a question, a label or a case name that holds an
    // identifier stops the template (exit 1) instead of being copied.
    super::out::write_new(&path, &text)?;
    let n = ctx.cases.len();
    super::out::print(&format!(
        "Skrev en tom scorefil til {}: {} ({n} {} × {} spørgsmål).\n",
        args.rater,
        path.display(),
        if n == 1 { "sag" } else { "sager" },
        ctx.questions.len(),
    ))?;
    if path != ctx.scores_path(&args.rater) {
        super::out::print(&format!(
            "Læg den udfyldte fil i auditmappen som panel/scores/{}.yaml.\n",
            args.rater
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
