//! The terminal app (placeholder, filled by the workshop-app issue).
use std::process::ExitCode;
pub fn run(_args: &crate::cli::OpenArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("appen er ikke bygget endnu")
}
