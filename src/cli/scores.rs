//! `auditpanel scores-template`: (placeholder, filled by the panel-work issue).
use std::process::ExitCode;
pub fn run(_args: &super::ScoresTemplateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("scores-template er ikke bygget endnu")
}
