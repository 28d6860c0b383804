//! `auditpanel agreement`: (placeholder, filled by the panel-work issue).
use std::process::ExitCode;
pub fn run(_args: &super::AgreementArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("agreement er ikke bygget endnu")
}
