//! `auditpanel export [DIR] [-o FILE] [--format markdown|docx|csv|xlsx]`: the
//! audit report as markdown (to standard output, or atomically to FILE), as
//! a Word document (atomically to FILE), the tables as an Excel workbook
//! (atomically to FILE), or the scores and magtprofil tables as CSV files
//! in a folder. Nothing is
//! written when the audit or its panel files have errors, or when the
//! anonymity scan finds something a child could be recognised by.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{ExportArgs, ExportFormat, dir_or_cwd, out};
use crate::domain::diag::{Diagnostic, Severity};
use crate::domain::export;
use crate::domain::load::load_audit;
use crate::domain::model::Audit;
use crate::domain::panel::{OpenOptions, PanelData, PanelStore};

/// The report as markdown at `path`, with its pictures (SVG) in the folder
/// `<name>-figurer` beside it, referenced from the Bilag: the pictures
/// first, so the report never points at a file that is not there. Every
/// picture is scanned like the report.
fn write_markdown(audit: &Audit, panel: &PanelData, path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let stem = path
        .file_stem()
        .map_or_else(|| "rapport".into(), |s| s.to_string_lossy().into_owned());
    let dir_name = format!("{stem}-figurer");
    let mut figures = export::figures::compute(audit, panel);
    figures.charts_dir = Some(dir_name.clone());
    let text = export::report_with(audit, panel, &figures)?;
    // The report passes the gate before any picture is written.
    out::refuse_identifying(path, &text)?;
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        // Not a file to replace: say so the usual way, before any picture
        // is written.
        out::write_file(path, &text)?;
    }
    let dir = crate::domain::read::parent_dir(path).join(&dir_name);
    let charts = export::charts::charts(&figures.comparison);
    let mut written = Vec::new();
    if !charts.is_empty() {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("kunne ikke lave mappen '{}'", dir.display()))?;
    }
    for chart in charts {
        let file = dir.join(&chart.file);
        out::write_file(&file, &chart.svg)?;
        written.push(file);
    }
    out::write_file(path, &text)?;
    written.push(path.to_path_buf());
    Ok(written)
}

/// The CSV folder when `-o` is not given.
pub const DEFAULT_CSV_DIR: &str = "export-csv";

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let root = dir_or_cwd(&args.dir);
    let (audit, panel) = load(&root)?;
    match args.format {
        ExportFormat::Markdown => match &args.output {
            None => super::out::print(&export::report(&audit, &panel)?)?,
            Some(path) => {
                for written in write_markdown(&audit, &panel, path)? {
                    crate::errln!("skrev {}", written.display());
                }
            }
        },
        ExportFormat::Docx => {
            let Some(path) = &args.output else {
                bail!(
                    "--format docx skriver en fil; angiv den med -o, fx \
                     `auditpanel export --format docx -o rapport.docx`"
                );
            };
            let doc = export::document(&audit, &panel)?;
            let bytes = export::docx::render(&doc).context("kunne ikke lave Word-filen")?;
            out::write_bytes(path, &bytes, &export::markdown::render(&doc))?;
            crate::errln!("skrev {}", path.display());
        }
        ExportFormat::Xlsx => {
            let Some(path) = &args.output else {
                bail!(
                    "--format xlsx skriver en fil; angiv den med -o, fx \
                     `auditpanel export --format xlsx -o tabeller.xlsx`"
                );
            };
            let figures = export::figures::compute(&audit, &panel);
            let tables = export::xlsx::export_tables(&audit, &panel, &figures);
            let bytes = export::xlsx::workbook(&tables, &audit.config.anonymity.blocked_names)?;
            // Every cell has passed the scan (`xlsx::workbook`).
            out::write_bytes(path, &bytes, "")?;
            crate::errln!("skrev {}", path.display());
        }
        ExportFormat::Csv => {
            let dir = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CSV_DIR));
            for path in write_csv(&audit, &panel, &dir)? {
                crate::errln!("skrev {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The audit and its panel (read-only: the export takes no lock), or the
/// errors that stop the export.
fn load(root: &Path) -> anyhow::Result<(Audit, PanelData)> {
    let audit = load_audit(root);
    stop_on_errors(&audit.diagnostics, "auditten")?;
    let (store, diags) = PanelStore::open_with(root, &audit, OpenOptions::read_only());
    stop_on_errors(&diags, "panelets filer")?;
    Ok((audit, store.data().clone()))
}

fn stop_on_errors(diags: &[Diagnostic], what: &str) -> anyhow::Result<()> {
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    for e in &errors {
        crate::errln!("{e}");
    }
    bail!(
        "{what} har {} fejl, så rapporten ville blive forkert; ret dem (se `auditpanel check`) \
         og eksportér igen",
        errors.len()
    )
}

/// Writes `scores.csv` and `magtprofil.csv` (the same CSV as `auditpanel
/// magtprofil --format csv`; left out when the audit has no episodes) into `dir`; every text is scanned first, and
/// nothing is written if one is refused.
fn write_csv(audit: &Audit, panel: &PanelData, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let scores = export::csv::scores_csv(audit, panel).context("kunne ikke lave scores.csv")?;
    let mut files = vec![(dir.join("scores.csv"), scores)];
    // An audit without episode files has no magtprofil: no empty table.
    if audit.has_episodes() {
        let figures = export::figures::compute(audit, panel);
        let mut buf = Vec::new();
        super::magtprofil::write_csv(&mut buf, &figures.comparison)
            .context("kunne ikke lave magtprofil.csv")?;
        let magtprofil = String::from_utf8(buf).context("magtprofil.csv er ikke UTF-8")?;
        files.push((dir.join("magtprofil.csv"), magtprofil));
    }
    // Both pass the gate before either is written.
    for (path, text) in &files {
        out::refuse_identifying(path, text)?;
    }
    let mut written = Vec::new();
    for (path, text) in files {
        out::write_file(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}
