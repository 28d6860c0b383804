//! The export: the audit report as markdown (docs/domain.md §7, the headings of
//! Auditrapport 18.1) and the scores as CSV, for `auditpanel export` and the
//! app's preview.
//!
//! - `report`: the report as a `document::Document`, a pure function of
//!   audit, panel and figures;
//! - `document`: that model (headings, paragraphs with their line breaks,
//!   lists, tables), which every writer renders;
//! - `docx`: the Word writer (`export --format docx`);
//! - `figures`: the magtprofil comparison and agreement per round, and the
//!   number formats;
//! - `markdown`: the markdown writer (escaped GitHub tables, hard line
//!   breaks);
//! - `charts`: the SVG pictures of the Bilag (control charts, funnel plot);
//! - `csv`: `scores.csv`;
//! - `xlsx`: the tables as an Excel workbook (typed cells, one sheet per
//!   table), refused cell by cell by the same anonymity gate;
//! - `example_session`: the fictitious panel session committed under
//!   `panel/` in the example audit;
//! - `example_overgreb`: the same for the second example,
//!   `examples/audit-overgreb/` (no episodes).
//!
//! Nothing is written when the text could identify a child: `report` runs
//! the anonymity scan over its own output and refuses with the place
//! (line:column in the report) and the masked value.

pub mod charts;
pub mod csv;
pub mod document;
pub mod docx;
pub mod example_overgreb;
pub mod example_session;
pub mod figures;
pub mod markdown;
pub mod report;
pub mod xlsx;

pub use document::{Block, Document};
pub use figures::{Figure, Figures, RoundFigures};
pub use report::{SECTIONS, render};

use crate::domain::diag::Pos;
use crate::domain::model::Audit;
use crate::domain::panel::PanelData;

/// Why the report was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The report would contain something a child could be recognised by.
    #[error(
        "rapporten blev ikke skrevet: {what} ({masked}) i linje {}:{} i rapporten{}; \
         ret teksten i panel/ eller i sagen, og eksportér igen",
        pos.line,
        pos.column,
        if *more > 0 { format!(" og {more} andre steder") } else { String::new() }
    )]
    Identifying {
        /// Where in the report (line and column, 1-based).
        pos: Pos,
        /// What was found, in Danish ("muligt CPR-nummer").
        what: String,
        /// The value, masked (`12****-****`).
        masked: String,
        /// How many more places were found.
        more: usize,
    },
}

/// The report of `audit` with its panel as markdown: computes the
/// figures, renders the report and refuses it when the anonymity scan
/// finds anything. This is what `auditpanel export` writes.
pub fn report(audit: &Audit, panel: &PanelData) -> Result<String, ExportError> {
    let figures = figures::compute(audit, panel);
    report_with(audit, panel, &figures)
}

/// Like `report`, with figures computed by the caller (the app has them).
pub fn report_with(
    audit: &Audit,
    panel: &PanelData,
    figures: &Figures,
) -> Result<String, ExportError> {
    document_with(audit, panel, figures).map(|d| markdown::render(&d))
}

/// The report as a document (for the Word writer and the app's preview),
/// refused like the markdown: the scan runs over the markdown of the same
/// document, so a refusal names the same line:column whatever the format.
pub fn document(audit: &Audit, panel: &PanelData) -> Result<Document, ExportError> {
    let figures = figures::compute(audit, panel);
    document_with(audit, panel, &figures)
}

/// Like `document`, with figures computed by the caller.
pub fn document_with(
    audit: &Audit,
    panel: &PanelData,
    figures: &Figures,
) -> Result<Document, ExportError> {
    let doc = render(audit, panel, figures);
    refuse_identifying(
        &markdown::render(&doc),
        &audit.config.anonymity.blocked_names,
    )?;
    Ok(doc)
}

/// Refuses text in which the anonymity scan finds anything: the first hit
/// with its place and masked value, and how many more there are.
pub fn refuse_identifying(text: &str, blocked: &[String]) -> Result<(), ExportError> {
    let hits = scan(text, blocked);
    match hits.first() {
        None => Ok(()),
        Some(h) => Err(ExportError::Identifying {
            pos: h.pos,
            what: h.what.clone(),
            masked: h.masked.clone(),
            more: hits.len() - 1,
        }),
    }
}

/// One thing the scan found: where, what (in Danish) and the masked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub pos: Pos,
    pub what: String,
    pub masked: String,
}

/// The one place the export meets the anonymity scanner
/// (`domain::anonymity`: CPR numbers, phone numbers, e-mail addresses and
/// the audit's blocked names).
fn scan(text: &str, blocked: &[String]) -> Vec<Found> {
    crate::domain::anonymity::scan(text, blocked)
        .into_iter()
        .map(|h| Found {
            pos: h.pos,
            what: h.kind.label_da().to_string(),
            masked: h.masked,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cpr_number_is_refused_with_its_place_and_masked() {
        let text = "# Rapport\n\nDen unge (CPR 010203-1234) blev hørt.\n";
        let err = refuse_identifying(text, &[]).unwrap_err();
        let ExportError::Identifying {
            pos, masked, more, ..
        } = &err;
        assert_eq!(*pos, Pos::new(3, 15));
        assert_eq!(masked, "01****-****");
        assert_eq!(*more, 0);
        let msg = err.to_string();
        assert!(msg.contains("linje 3:15"), "{msg}");
        assert!(!msg.contains("1234"), "{msg}");
    }

    #[test]
    fn phones_mails_and_blocked_names_are_refused_too() {
        assert!(refuse_identifying("2019-12-15, 254 episoder, α = 0,587", &[]).is_ok());
        let blocked = ["Malthe Vindeløv".to_string()];
        for text in [
            "ring 23 45 67 89",
            "skriv til ung@example.dk",
            "Malthe Vindeløv sagde",
        ] {
            let err = refuse_identifying(text, &blocked).unwrap_err();
            let ExportError::Identifying { masked, .. } = &err;
            assert!(masked.contains('*'), "{text}: {masked}");
        }
    }
}
