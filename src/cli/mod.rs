//! The command line: argument definitions (clap) and one module per
//! subcommand. `main.rs` parses and dispatches; the work is in `domain`.

pub mod agreement;
pub mod anonymise;
pub mod check;
pub mod export;
pub mod generate;
pub mod magtprofil;
pub mod out;
pub mod scores;
pub mod status;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// auditpanel: the audit workshop of the five socialtilsyn in one terminal app.
#[derive(Debug, Parser)]
#[command(
    name = "auditpanel",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub open: OpenArgs,
}

/// Opening the app (no subcommand).
#[derive(Debug, Clone, Args)]
pub struct OpenArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Colour theme: `standard`; `projector` (light on black) or
    /// `projector-light` (dark on white) for high contrast on a projector,
    /// each with its own background whatever the terminal's profile.
    #[arg(long, value_enum, default_value_t = ThemeName::Standard)]
    pub theme: ThemeName,
    /// Language of the screen: Danish (`da`) or English (`en`).
    #[arg(long, value_enum, default_value_t = Lang::Da)]
    pub lang: Lang,
    /// Open without writing anything to panel/.
    #[arg(long)]
    pub read_only: bool,
    /// Rater mode: open for one tilsyn (its id in audit.yaml, e.g. `nord`),
    /// on its own machine; writes only panel/scores/ID.yaml and shows no
    /// other tilsyn's scores before the round is revealed.
    #[arg(long, value_name = "ID")]
    pub rater: Option<String>,
}

/// The app's own option types, re-exported so `cli::Lang` still names them;
/// clap parses into them through the `ValueEnum` impls below.
pub use crate::tui::text::Lang;
pub use crate::tui::theme::ThemeName;

impl OpenArgs {
    /// The app's options from the command line.
    pub fn options(&self) -> crate::tui::Options {
        crate::tui::Options {
            dir: dir_or_cwd(&self.dir),
            theme: self.theme,
            lang: self.lang,
            read_only: self.read_only,
            rater: self.rater.clone(),
        }
    }
}

impl ValueEnum for ThemeName {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ThemeName::Standard,
            ThemeName::Projector,
            ThemeName::ProjectorLight,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            ThemeName::Standard => "standard",
            ThemeName::Projector => "projector",
            ThemeName::ProjectorLight => "projector-light",
        }))
    }
}

impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Da, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            Lang::Da => "da",
            Lang::En => "en",
        }))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check an audit folder: structure, anonymity and the rules of each episode.
    Check(CheckArgs),
    /// The magtprofil: every institution's use of force, as table, JSON or CSV.
    Magtprofil(MagtprofilArgs),
    /// Agreement between the tilsyn (Krippendorff's alpha).
    Agreement(AgreementArgs),
    /// Write an empty score file for one tilsyn to fill in before the meeting.
    ScoresTemplate(ScoresTemplateArgs),
    /// Export the audit report as markdown (or the tables as CSV).
    Export(ExportArgs),
    /// Generate a large, invented audit for benchmarks (deterministic by seed).
    Generate(GenerateArgs),
    /// The panel's state: round, revealed or not, each tilsyn's progress and who is scoring now.
    Status(StatusArgs),
    /// List what could identify a child (CPR and phone numbers, e-mails,
    /// blocked names), masked, with the replacement proposed; `--apply` writes them.
    Anonymise(AnonymiseArgs),
}

#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Write the replacements (each file atomically); without it, only list them.
    #[arg(long)]
    pub apply: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// text: one `file:line:column: error|warning: message` a line; json: the
    /// findings with their rule ids and paragraphs, and the counts.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
    Csv,
    /// An Excel workbook (needs `-o FILE`).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct MagtprofilArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// A bare episodes CSV, or an Excel workbook (.xlsx) with the same
    /// columns in its first sheet, instead of an audit folder (rates are then null).
    #[arg(long, conflicts_with = "dir")]
    pub episodes: Option<PathBuf>,
    /// First day of the period (YYYY-MM-DD); default: the first episode's month.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day of the period (YYYY-MM-DD); default: the last episode's month.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// Only this institution.
    #[arg(long)]
    pub institution: Option<String>,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Write to FILE (atomically) instead of standard output; xlsx needs it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreementFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Any ratings as CSV with the header `unit,rater,value` (empty value = missing).
    #[arg(long, conflicts_with = "dir")]
    pub ratings: Option<PathBuf>,
    /// Scoring round (1 = before discussion, 2 = after); default: the latest.
    #[arg(long)]
    pub round: Option<u32>,
    #[arg(long, value_enum, default_value_t = Level::Ordinal)]
    pub level: Level,
    #[arg(long, value_enum, default_value_t = AgreementFormat::Table)]
    pub format: AgreementFormat,
}

#[derive(Debug, Args)]
pub struct ScoresTemplateArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// The tilsyn that will fill it in (an id from audit.yaml).
    #[arg(long)]
    pub rater: String,
    /// Where to write it (default: panel/scores/<rater>.yaml; never overwrites).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    /// The report as a Word document (needs `-o FILE`).
    Docx,
    Csv,
    /// The tables (magtprofil, comparison, scores, agreement) as an Excel
    /// workbook (needs `-o FILE`).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The audit folder (default: the current folder).
    pub dir: Option<PathBuf>,
    /// Output file (markdown, docx, xlsx) or folder (csv); default: standard
    /// output (markdown; docx and xlsx need -o) / ./export-csv.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The folder to create (must not exist or be empty); with `--example`,
    /// the audit folder whose episodes are regenerated.
    pub out: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 500)]
    pub institutions: u32,
    #[arg(long, default_value_t = 1_000_000)]
    pub episodes: u64,
    /// Write only one bare episodes CSV at OUT instead of an audit folder.
    #[arg(long, conflicts_with = "example")]
    pub csv_only: bool,
    /// Regenerate the example audit's episodes under OUT/cases/ (seed fixed;
    /// overwrites only those episode files), e.g. `generate --example .`.
    #[arg(long)]
    pub example: bool,
}

impl Cli {
    /// The audit folder this run reads (its block list opens the output
    /// gate, `out::open`), or `None` for a bare CSV and `generate`.
    pub fn audit_dir(&self) -> Option<PathBuf> {
        let dir = match &self.command {
            None => &self.open.dir,
            Some(Command::Check(a)) => &a.dir,
            Some(Command::Magtprofil(a)) if a.episodes.is_none() => &a.dir,
            Some(Command::Agreement(a)) if a.ratings.is_none() => &a.dir,
            Some(Command::ScoresTemplate(a)) => &a.dir,
            Some(Command::Export(a)) => &a.dir,
            Some(Command::Status(a)) => &a.dir,
            Some(Command::Anonymise(a)) => &a.dir,
            Some(Command::Magtprofil(_) | Command::Agreement(_) | Command::Generate(_)) => {
                return None;
            }
        };
        Some(dir_or_cwd(dir))
    }
}

/// The audit folder an argument names, or the current folder.
pub fn dir_or_cwd(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(|| PathBuf::from("."))
}

/// The audit folder an argument names (or the current folder), when it is
/// a folder; else the error that says what to give instead.
pub fn audit_dir(dir: &Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let dir = dir_or_cwd(dir);
    if !dir.is_dir() {
        anyhow::bail!(
            "mappen '{}' findes ikke; angiv en auditmappe (den med audit.yaml)",
            dir.display()
        );
    }
    Ok(dir)
}

/// Whether an error is standard output's reader going away (a closed pipe).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// An error with its causes as one Danish line (`a: b: c`): the system's
/// own I/O messages, which are English, are replaced by Danish ones.
pub fn error_da(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| match c.downcast_ref::<std::io::Error>() {
            // Our own I/O errors carry a Danish message already.
            Some(io) if io.get_ref().is_none() => io_error_da(io),
            _ => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

pub use crate::domain::diag::io_error_da;

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn io_errors_in_danish() {
        let e = std::fs::read("/nonexistent/auditpanel")
            .context("kan ikke læse '/nonexistent/auditpanel'")
            .unwrap_err();
        assert_eq!(
            error_da(&e),
            "kan ikke læse '/nonexistent/auditpanel': findes ikke"
        );
        assert!(!is_broken_pipe(&e));
        let pipe = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("skriver");
        assert!(is_broken_pipe(&pipe));
    }
}
