//! `auditpanel check`: (placeholder, filled by the foundation issue).
use std::process::ExitCode;
pub fn run(_args: &super::CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("check er ikke bygget endnu")
}
