//! `auditpanel export`: (placeholder, filled by the export issue).
use std::process::ExitCode;
pub fn run(_args: &super::ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export er ikke bygget endnu")
}
