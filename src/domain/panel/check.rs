//! Checking the panel files for `auditpanel check`, and reading last
//! year's follow-up plan (the audit named by `previous_audit`).

use std::path::PathBuf;

use super::files::{self, PanelContext};
use super::model::*;
use crate::domain::diag::{Diagnostics, Pos};
use crate::domain::model::Audit;

/// Validates every file in `panel/` of `audit` (score files: the rater is a
/// tilsyn of audit.yaml and the file is named after it, cases and questions
/// exist, values are on the scale, no cell twice, revisions well formed;
/// topics, conclusions and session: form, references). Warns about sync
/// tools' conflict copies and our temporary files left by an interrupted
/// write (neither is read as data). Adds warnings for guidance sentences that
/// do not start as the report expects.
pub fn check_panel(audit: &Audit, diags: &mut Diagnostics) {
    let ctx = PanelContext::new(&audit.root, audit);
    let data = files::load_panel(&ctx, diags);
    for path in files::stray_files(&ctx).temp_files {
        diags.warning(
            &path,
            Pos::FILE,
            "en midlertidig fil fra en afbrudt skrivning (auditpanel blev lukket midt i en \
             gemning); den læses ikke og slettes, næste gang appen åbner auditten til \
             skrivning, eller slet den selv",
        );
    }
    let path = ctx.conclusions_path();
    for (i, g) in data.conclusions.guidance.iter().enumerate() {
        if !g.guidance.trim().is_empty() && !g.guidance.trim_start().starts_with(GUIDANCE_PREFIX) {
            diags.warning(
                &path,
                Pos::FILE,
                format!(
                    "faglig vejledning nr. {} ('{}') bør begynde med \"{GUIDANCE_PREFIX} …\"",
                    i + 1,
                    g.heading
                ),
            );
        }
    }
}

/// Last year's follow-up plan: the folder `previous_audit` names (relative
/// to this audit's folder) and the items of its `panel/conclusions.yaml`.
/// `None` when no previous audit is named or it cannot be read (then
/// `diags` says why).
pub fn previous_followup(
    audit: &Audit,
    diags: &mut Diagnostics,
) -> Option<(PathBuf, Vec<FollowUpItem>)> {
    let name = audit.config.previous_audit.as_deref()?;
    let dir = audit.root.join(name);
    let config = audit.root.join("audit.yaml");
    if !dir.join("audit.yaml").is_file() {
        diags.error(
            &config,
            Pos::FILE,
            format!(
                "'previous_audit' peger på '{name}', men der er ingen audit.yaml dér; ret stien"
            ),
        );
        return None;
    }
    let path = dir.join(files::PANEL_DIR).join(files::CONCLUSIONS_FILE);
    if !path.is_file() {
        diags.warning(
            &path,
            Pos::FILE,
            "den tidligere audit har ingen opfølgningsplan (panel/conclusions.yaml mangler)",
        );
        return Some((dir, Vec::new()));
    }
    let c = files::load_conclusions(&path, None, diags)?;
    Some((dir, c.followup))
}
