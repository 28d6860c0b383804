//! `auditpanel generate`: (placeholder, filled by the foundation issue).
use std::process::ExitCode;
pub fn run(_args: &super::GenerateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("generate er ikke bygget endnu")
}
