//! Deterministic generators (by seed) of invented episodes: the example
//! audit's patterns and large audits for benchmarks. (Filled by the
//! foundation issue.)

use std::path::Path;

/// Writes an audit folder with `institutions` invented institutions and
/// `episodes` episodes in total as `cases/<id>/episodes.csv`, deterministic
/// by `seed`.
pub fn write_large_audit(
    _out: &Path,
    _seed: u64,
    _institutions: u32,
    _episodes: u64,
) -> std::io::Result<()> {
    Err(std::io::Error::other("generatoren er ikke bygget endnu"))
}

/// Writes one bare episodes CSV (the fixed format) with `episodes` rows
/// across `institutions` institutions, deterministic by `seed`.
pub fn write_episodes_csv(
    _out: &Path,
    _seed: u64,
    _institutions: u32,
    _episodes: u64,
) -> std::io::Result<()> {
    Err(std::io::Error::other("generatoren er ikke bygget endnu"))
}
