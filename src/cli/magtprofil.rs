//! `auditpanel magtprofil`: (placeholder, filled by the magtprofil issue).
use std::process::ExitCode;
pub fn run(_args: &super::MagtprofilArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("magtprofil er ikke bygget endnu")
}
